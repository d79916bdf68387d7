/* keyboard: the on-screen keyboard's layers, where their keys go, and what a press does. */
#include "keyboard.h"

#include <assert.h>
#include <string.h>

#include "lang.h"
#include "text.h"

/* One key of a layer as the tables below write it. */
typedef struct {
	const char *lower;      /* label, and text of a character key */
	const char *upper;      /* the same with shift or caps */
	keyboard_action action;
	keyboard_layer layer;   /* target of KEYBOARD_LAYER */
	int width;              /* in quarter keys */
} key_spec;

#define K_LETTER(lo, up) {lo, up, KEYBOARD_CHAR, KEYBOARD_LETTERS, 4}
#define K_SYMBOL(s) {s, s, KEYBOARD_CHAR, KEYBOARD_LETTERS, 4}
#define K_WIDE(s, w) {s, s, KEYBOARD_CHAR, KEYBOARD_LETTERS, w}
/* The words on these keys are their names too: keyboard_find and scripts
 * ("tap Shift") use them in English, and only the ui layer shows them
 * translated, with _(), where it draws the key. */
/* TRANSLATORS: the Shift key of the on-screen keyboard; keep it short. */
#define K_SHIFT {NC_("key", "Shift"), NC_("key", "Shift"), KEYBOARD_SHIFT, KEYBOARD_LETTERS, 6}
/* TRANSLATORS: the key of the on-screen keyboard that removes the last letter; keep it short. */
#define K_DELETE(w) {NC_("key", "Delete"), NC_("key", "Delete"), KEYBOARD_BACKSPACE, KEYBOARD_LETTERS, w}
/* TRANSLATORS: the space bar of the on-screen keyboard. */
#define K_SPACE(w) {NC_("key", "Space"), NC_("key", "Space"), KEYBOARD_SPACE, KEYBOARD_LETTERS, w}
/* TRANSLATORS: the key of the on-screen keyboard that ends typing; keep it short. */
#define K_DONE(w) {NC_("key", "Done"), NC_("key", "Done"), KEYBOARD_DONE, KEYBOARD_LETTERS, w}
#define K_TO(label, target, w) {label, label, KEYBOARD_LAYER, target, w}
#define K_ROW_END {NULL, NULL, KEYBOARD_CHAR, KEYBOARD_LETTERS, 0}

/* Rows of 10 keys (40 quarters). The apostrophe, hyphen and full stop sit on
 * the letters because names need them: O'Neil, Jean-Luc, St. John. */
static const key_spec letters[] = {
	K_LETTER("q", "Q"), K_LETTER("w", "W"), K_LETTER("e", "E"), K_LETTER("r", "R"),
	K_LETTER("t", "T"), K_LETTER("y", "Y"), K_LETTER("u", "U"), K_LETTER("i", "I"),
	K_LETTER("o", "O"), K_LETTER("p", "P"), K_ROW_END,
	K_LETTER("a", "A"), K_LETTER("s", "S"), K_LETTER("d", "D"), K_LETTER("f", "F"),
	K_LETTER("g", "G"), K_LETTER("h", "H"), K_LETTER("j", "J"), K_LETTER("k", "K"),
	K_LETTER("l", "L"), K_SYMBOL("'"), K_ROW_END,
	K_SHIFT, K_LETTER("z", "Z"), K_LETTER("x", "X"), K_LETTER("c", "C"),
	K_LETTER("v", "V"), K_LETTER("b", "B"), K_LETTER("n", "N"), K_LETTER("m", "M"),
	K_DELETE(6), K_ROW_END,
	K_TO("123", KEYBOARD_SYMBOLS, 5), K_TO("àé", KEYBOARD_ACCENTS, 5), K_SYMBOL("-"),
	K_SPACE(16), K_SYMBOL("."), K_DONE(6), K_ROW_END,
};

/* Rows of 10 keys (40 quarters); no Shift, nothing here has a case. */
static const key_spec symbols[] = {
	K_SYMBOL("1"), K_SYMBOL("2"), K_SYMBOL("3"), K_SYMBOL("4"), K_SYMBOL("5"),
	K_SYMBOL("6"), K_SYMBOL("7"), K_SYMBOL("8"), K_SYMBOL("9"), K_SYMBOL("0"), K_ROW_END,
	K_SYMBOL("-"), K_SYMBOL("/"), K_SYMBOL(":"), K_SYMBOL(";"), K_SYMBOL("("),
	K_SYMBOL(")"), K_SYMBOL("£"), K_SYMBOL("&"), K_SYMBOL("@"), K_SYMBOL("\""), K_ROW_END,
	K_SYMBOL("?"), K_SYMBOL("!"), K_SYMBOL("'"), K_SYMBOL("#"), K_SYMBOL("%"),
	K_SYMBOL("+"), K_SYMBOL("="), K_SYMBOL("_"), K_DELETE(8), K_ROW_END,
	K_TO("ABC", KEYBOARD_LETTERS, 5), K_TO("àé", KEYBOARD_ACCENTS, 5), K_SYMBOL(","),
	K_SPACE(16), K_SYMBOL("."), K_DONE(6), K_ROW_END,
};

/* Rows of 11 keys (44 quarters) in four rows like the other layers, so the
 * keys keep their height: 34 letters for names from the UK, Ireland and most
 * of Europe, vowels in alphabetical order. ß has no upper-case key of its own. */
static const key_spec accents[] = {
	K_LETTER("à", "À"), K_LETTER("á", "Á"), K_LETTER("â", "Â"), K_LETTER("ä", "Ä"),
	K_LETTER("ã", "Ã"), K_LETTER("å", "Å"), K_LETTER("æ", "Æ"), K_LETTER("è", "È"),
	K_LETTER("é", "É"), K_LETTER("ê", "Ê"), K_LETTER("ë", "Ë"), K_ROW_END,
	K_LETTER("ì", "Ì"), K_LETTER("í", "Í"), K_LETTER("î", "Î"), K_LETTER("ï", "Ï"),
	K_LETTER("ò", "Ò"), K_LETTER("ó", "Ó"), K_LETTER("ô", "Ô"), K_LETTER("ö", "Ö"),
	K_LETTER("õ", "Õ"), K_LETTER("ø", "Ø"), K_LETTER("œ", "Œ"), K_ROW_END,
	K_SHIFT, K_LETTER("ù", "Ù"), K_LETTER("ú", "Ú"), K_LETTER("û", "Û"),
	K_LETTER("ü", "Ü"), K_LETTER("ŵ", "Ŵ"), K_LETTER("ŷ", "Ŷ"), K_LETTER("ý", "Ý"),
	K_LETTER("ÿ", "Ÿ"), K_DELETE(6), K_ROW_END,
	K_TO("ABC", KEYBOARD_LETTERS, 5), K_TO("123", KEYBOARD_SYMBOLS, 5), K_LETTER("ç", "Ç"),
	K_LETTER("ñ", "Ñ"), K_LETTER("ß", "ß"), K_LETTER("ł", "Ł"), K_TO("ąś", KEYBOARD_ACCENTS_MORE, 5), K_SPACE(8),
	K_DONE(6), K_ROW_END,
};

/* The second page of accents, "ąś": the letters of names from Poland, the
 * Czech Republic, Slovakia, Hungary, Romania, Croatia and Turkey (Wiśniewski,
 * Dvořák, Erdős), in alphabetical order. */
static const key_spec accents_more[] = {
	K_LETTER("ą", "Ą"), K_LETTER("ă", "Ă"), K_LETTER("ć", "Ć"), K_LETTER("č", "Č"),
	K_LETTER("ď", "Ď"), K_LETTER("đ", "Đ"), K_LETTER("ę", "Ę"), K_LETTER("ě", "Ě"),
	K_LETTER("ğ", "Ğ"), K_LETTER("ľ", "Ľ"), K_LETTER("ł", "Ł"), K_ROW_END,
	K_LETTER("ń", "Ń"), K_LETTER("ň", "Ň"), K_LETTER("ő", "Ő"), K_LETTER("ř", "Ř"),
	K_LETTER("ś", "Ś"), K_LETTER("š", "Š"), K_LETTER("ş", "Ş"), K_LETTER("ș", "Ș"),
	K_LETTER("ť", "Ť"), K_LETTER("ț", "Ț"), K_LETTER("ů", "Ů"), K_ROW_END,
	K_SHIFT, K_LETTER("ű", "Ű"), K_LETTER("ź", "Ź"), K_LETTER("ż", "Ż"),
	K_LETTER("ž", "Ž"), K_LETTER("ĺ", "Ĺ"), K_LETTER("ŕ", "Ŕ"), K_DELETE(6), K_ROW_END,
	K_TO("ABC", KEYBOARD_LETTERS, 5), K_TO("123", KEYBOARD_SYMBOLS, 5), K_TO("àé", KEYBOARD_ACCENTS, 5),
	K_SPACE(14), K_DONE(6), K_ROW_END,
};

/* The letters for an email address: "@" where names have the apostrophe,
 * and the ends of NHS addresses on the bottom row in place of the space
 * (an address has none). */
static const key_spec email_letters[] = {
	K_LETTER("q", "Q"), K_LETTER("w", "W"), K_LETTER("e", "E"), K_LETTER("r", "R"),
	K_LETTER("t", "T"), K_LETTER("y", "Y"), K_LETTER("u", "U"), K_LETTER("i", "I"),
	K_LETTER("o", "O"), K_LETTER("p", "P"), K_ROW_END,
	K_LETTER("a", "A"), K_LETTER("s", "S"), K_LETTER("d", "D"), K_LETTER("f", "F"),
	K_LETTER("g", "G"), K_LETTER("h", "H"), K_LETTER("j", "J"), K_LETTER("k", "K"),
	K_LETTER("l", "L"), K_SYMBOL("@"), K_ROW_END,
	K_SHIFT, K_LETTER("z", "Z"), K_LETTER("x", "X"), K_LETTER("c", "C"),
	K_LETTER("v", "V"), K_LETTER("b", "B"), K_LETTER("n", "N"), K_LETTER("m", "M"),
	K_DELETE(6), K_ROW_END,
	K_TO("123", KEYBOARD_SYMBOLS, 5), K_SYMBOL("-"), K_SYMBOL("_"), K_WIDE(".nhs.uk", 8), K_WIDE(".org", 5),
	K_WIDE(".net", 5), K_SYMBOL("."), K_DONE(6), K_ROW_END,
};

static const struct {
	const key_spec *keys;
	size_t count;
} layers[KEYBOARD_LAYER_COUNT] = {
	[KEYBOARD_LETTERS] = {letters, sizeof letters / sizeof letters[0]},
	[KEYBOARD_SYMBOLS] = {symbols, sizeof symbols / sizeof symbols[0]},
	[KEYBOARD_ACCENTS] = {accents, sizeof accents / sizeof accents[0]},
	[KEYBOARD_ACCENTS_MORE] = {accents_more, sizeof accents_more / sizeof accents_more[0]},
};

static int max_int(int a, int b) { return a > b ? a : b; }
static bool press(keyboard *kb, const keyboard_key *key, char *buf, size_t cap, size_t max_chars);
static int min_int(int a, int b) { return a < b ? a : b; }

/* Position of the boundary `at` units into a span of `size` pixels cut into
 * `total` units with gap pixels between pieces. A piece from unit a to unit b
 * covers [edge(a), edge(b) - gap), so pieces with the same units line up
 * across rows and the last one ends exactly at size. */
static int edge(int size, int gap, int at, int total)
{
	return (int)((long long)(size + gap) * at / total);
}

/* Letters are what a one-shot shift waits for: a digit or a hyphen typed in
 * between keeps it. Every non-ASCII key from U+00C0 up is a letter; £ is not. */
static bool is_letter(const char *text)
{
	uint32_t cp = text_decode(text, NULL);
	return (cp >= 'a' && cp <= 'z') || (cp >= 'A' && cp <= 'Z') ||
	       (cp >= 0xC0 && cp != 0xD7 && cp != 0xF7);
}

int keyboard_layout(const keyboard *kb, rect area, int gap, keyboard_key *out, int max)
{
	assert(kb != NULL && (out != NULL || max <= 0));
	assert(kb->layer >= 0 && kb->layer < KEYBOARD_LAYER_COUNT);
	const key_spec *spec = layers[kb->layer].keys;
	size_t count = layers[kb->layer].count;
	if (kb->kind == KEYBOARD_EMAIL && kb->layer == KEYBOARD_LETTERS) {
		spec = email_letters;
		count = sizeof email_letters / sizeof email_letters[0];
	}
	bool upper = kb->shift || kb->caps;

	int rows = 0;
	for (size_t i = 0; i < count; i++)
		rows += spec[i].lower == NULL;
	if (rows == 0)
		return 0;
	int w = max_int(area.w, 0), h = max_int(area.h, 0);
	if (kb->max_key > 0) {
		/* The widest row, in quarter keys, decides how wide keys would be. */
		int widest = 0;
		for (size_t i = 0, total = 0; i < count; i++) {
			total = spec[i].lower == NULL ? 0 : total + (size_t)spec[i].width;
			widest = max_int(widest, (int)total);
		}
		int most = widest * (kb->max_key + gap) / 4 - gap;
		if (widest > 0 && w > most) {
			area.x += (w - most) / 2;
			w = most;
		}
	}
	/* A gap larger than this would leave a one-unit key (4 of at most 44
	 * quarters) or a row with no size at all. */
	gap = min_int(max_int(gap, 0), min_int(w / 24, h / (2 * rows)));

	int n = 0, row = 0;
	size_t start = 0;
	for (size_t i = 0; i < count; i++) {
		if (spec[i].lower != NULL)
			continue;
		int total = 0;
		for (size_t k = start; k < i; k++)
			total += spec[k].width;
		int top = area.y + edge(h, gap, row, rows);
		int bottom = area.y + edge(h, gap, row + 1, rows) - gap;
		int at = 0;
		for (size_t k = start; k < i; k++, n++) {
			int left = area.x + edge(w, gap, at, total);
			at += spec[k].width;
			int right = area.x + edge(w, gap, at, total) - gap;
			if (n >= max)
				continue;
			const char *label = upper ? spec[k].upper : spec[k].lower;
			out[n] = (keyboard_key){
				.label = label,
				.text = spec[k].action == KEYBOARD_CHAR ? label : NULL,
				.action = spec[k].action,
				.layer = spec[k].layer,
				.r = {left, top, max_int(right - left, 0), max_int(bottom - top, 0)},
			};
		}
		row++;
		start = i + 1;
	}
	return min_int(n, max_int(max, 0));
}

bool keyboard_press(keyboard *kb, const keyboard_key *key, char *buf, size_t cap, size_t max_chars)
{
	assert(kb != NULL && key != NULL);
	if (key->action == KEYBOARD_CHAR || key->action == KEYBOARD_SPACE || key->action == KEYBOARD_BACKSPACE) {
		press(kb, key, buf, cap, max_chars);
		keyboard_follow(kb, buf);
		return false;
	}
	return press(kb, key, buf, cap, max_chars);
}

void keyboard_follow(keyboard *kb, const char *buf)
{
	assert(kb != NULL && buf != NULL);
	if (kb->kind != KEYBOARD_NAME || kb->caps)
		return;
	size_t n = strlen(buf);
	kb->shift = n == 0 || buf[n - 1] == ' ' || buf[n - 1] == '-';
}

/* What a key does, before a name's shift follows the text. */
static bool press(keyboard *kb, const keyboard_key *key, char *buf, size_t cap, size_t max_chars)
{
	switch (key->action) {
	case KEYBOARD_CHAR:
		assert(buf != NULL && key->text != NULL);
		/* A letter refused by a full field keeps the shift for the next try. */
		if (text_append(buf, cap, max_chars, key->text) > 0 && is_letter(key->text))
			kb->shift = false;
		break;
	case KEYBOARD_SHIFT:
		/* off -> shift (one letter) -> caps lock -> off */
		if (kb->caps) {
			kb->caps = false;
			kb->shift = false;
		} else if (kb->shift) {
			kb->shift = false;
			kb->caps = true;
		} else {
			kb->shift = true;
		}
		break;
	case KEYBOARD_BACKSPACE:
		assert(buf != NULL);
		text_backspace(buf);
		break;
	case KEYBOARD_SPACE:
		assert(buf != NULL);
		text_append(buf, cap, max_chars, " ");
		break;
	case KEYBOARD_DONE:
		return true;
	case KEYBOARD_LAYER:
		assert(key->layer >= 0 && key->layer < KEYBOARD_LAYER_COUNT);
		kb->layer = key->layer;
		/* The shift carries over to the accents (Shift, àé, Ó), but the symbols
		 * have no Shift key to show it, so a pending one-shot shift ends there.
		 * Caps lock stays, as on a phone. */
		if (kb->layer == KEYBOARD_SYMBOLS)
			kb->shift = false;
		break;
	}
	return false;
}

void keyboard_reset(keyboard *kb)
{
	assert(kb != NULL);
	kb->layer = KEYBOARD_LETTERS;
	kb->shift = false;
	kb->caps = false;
	kb->kind = KEYBOARD_TEXT;
}

int keyboard_find(const keyboard_key *keys, int n, const char *label)
{
	assert(keys != NULL || n <= 0);
	for (int i = 0; i < n; i++) {
		if (label != NULL && strcmp(keys[i].label, label) == 0)
			return i;
	}
	return -1;
}

int keyboard_key_at(const keyboard_key *keys, int n, int x, int y)
{
	assert(keys != NULL || n <= 0);
	for (int i = 0; i < n; i++) {
		if (layout_contains(keys[i].r, x, y))
			return i;
	}
	return -1;
}
