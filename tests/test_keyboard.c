/* test_keyboard: the on-screen keyboard's layers, key places and presses. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "keyboard.h"
#include "text.h"

static const rect screen_strip = {0, 260, 800, 220}; /* the 7" panel's lower part */

/* The keys of kb's current layer over the strip. */
static int keys_of(const keyboard *kb, keyboard_key *keys)
{
	return keyboard_layout(kb, screen_strip, 6, keys, KEYBOARD_MAX_KEYS);
}

/* Taps the key labelled label, failing the test if the layer has none; returns
 * what keyboard_press returned. */
static bool tap(keyboard *kb, const char *label, char *buf, size_t cap, size_t max_chars)
{
	keyboard_key keys[KEYBOARD_MAX_KEYS];
	int n = keys_of(kb, keys);
	int i = keyboard_find(keys, n, label);
	if (i < 0)
		fail_msg("no key \"%s\" on layer %d (shift %d, caps %d)", label, (int)kb->layer,
		         kb->shift, kb->caps);
	/* Find it again by where it is, as a finger would. */
	rect r = keys[i].r;
	assert_int_equal(keyboard_key_at(keys, n, r.x + r.w / 2, r.y + r.h / 2), i);
	return keyboard_press(kb, &keys[i], buf, cap, max_chars);
}

static void tap_all(keyboard *kb, const char *const *labels, char *buf, size_t cap)
{
	for (; *labels != NULL; labels++)
		assert_false(tap(kb, *labels, buf, cap, 100));
}

static bool overlap(rect a, rect b)
{
	return a.x < b.x + b.w && b.x < a.x + a.w && a.y < b.y + b.h && b.y < a.y + a.h;
}

static bool inside(rect in, rect out)
{
	return in.x >= out.x && in.y >= out.y && in.x + in.w <= out.x + out.w &&
	       in.y + in.h <= out.y + out.h;
}

static void typing_sian_o_dalaigh_on_the_keys_gives_exactly_that_text(void **state)
{
	(void)state;
	keyboard kb = {0};
	keyboard_reset(&kb);
	char buf[64] = "";
	const char *const taps[] = {
		"Shift", "S", "i", "àé", "â", "ABC", "n", "Space",
		"Shift", "àé", "Ó", "Space", "ABC", "Shift", "D", "àé", "á", "ABC",
		"l", "a", "i", "g", "h", NULL,
	};
	tap_all(&kb, taps, buf, sizeof buf);
	assert_string_equal(buf, "Siân Ó Dálaigh");
	assert_true(tap(&kb, "Done", buf, sizeof buf, 100));
	assert_string_equal(buf, "Siân Ó Dálaigh");
}

static void typing_names_with_apostrophes_hyphens_and_welsh_letters(void **state)
{
	(void)state;
	keyboard kb = {0};
	keyboard_reset(&kb);
	char buf[64] = "";
	const char *const oneil[] = {"Shift", "O", "'", "Shift", "N", "e", "i", "l", NULL};
	tap_all(&kb, oneil, buf, sizeof buf);
	assert_string_equal(buf, "O'Neil");

	buf[0] = '\0';
	const char *const jean_luc[] = {"Shift", "J", "e", "a", "n", "-", "Shift", "L", "u", "c", NULL};
	tap_all(&kb, jean_luc, buf, sizeof buf);
	assert_string_equal(buf, "Jean-Luc");

	buf[0] = '\0';
	const char *const gwyn[] = {"Shift", "G", "w", "àé", "ŷ", "ABC", "n", NULL};
	tap_all(&kb, gwyn, buf, sizeof buf);
	assert_string_equal(buf, "Gwŷn");

	buf[0] = '\0';
	const char *const email[] = {"a", ".", "b", "123", "@", "ABC", "n", "h", "s", ".", "n", "e", "t", NULL};
	tap_all(&kb, email, buf, sizeof buf);
	assert_string_equal(buf, "a.b@nhs.net");
}

static void shift_is_released_after_one_letter(void **state)
{
	(void)state;
	keyboard kb = {0};
	keyboard_reset(&kb);
	char buf[16] = "";
	tap(&kb, "Shift", buf, sizeof buf, 10);
	assert_true(kb.shift);
	tap(&kb, "A", buf, sizeof buf, 10);
	assert_false(kb.shift);
	assert_false(kb.caps);
	tap(&kb, "b", buf, sizeof buf, 10);
	assert_string_equal(buf, "Ab");
}

static void shift_waits_through_punctuation_for_its_letter(void **state)
{
	(void)state;
	keyboard kb = {0};
	keyboard_reset(&kb);
	char buf[16] = "";
	const char *const taps[] = {"Shift", "-", "'", "Space", "X", "y", NULL};
	tap_all(&kb, taps, buf, sizeof buf);
	assert_string_equal(buf, "-' Xy");
}

static void shift_pressed_twice_locks_capitals_and_a_third_press_releases_them(void **state)
{
	(void)state;
	keyboard kb = {0};
	keyboard_reset(&kb);
	char buf[16] = "";
	const char *const taps[] = {"Shift", "Shift", "N", "H", "S", "Shift", "x", NULL};
	tap_all(&kb, taps, buf, sizeof buf);
	assert_string_equal(buf, "NHSx");
	assert_false(kb.shift);
	assert_false(kb.caps);
}

static void caps_lock_lasts_across_layers(void **state)
{
	(void)state;
	keyboard kb = {0};
	keyboard_reset(&kb);
	char buf[16] = "";
	const char *const taps[] = {"Shift", "Shift", "123", "1", "ABC", "A", "àé", "É", NULL};
	tap_all(&kb, taps, buf, sizeof buf);
	assert_string_equal(buf, "1AÉ");
	assert_true(kb.caps);
}

static void a_pending_shift_ends_on_the_symbols_layer(void **state)
{
	(void)state;
	keyboard kb = {0};
	keyboard_reset(&kb);
	char buf[16] = "";
	const char *const taps[] = {"Shift", "123", "ABC", "a", NULL};
	tap_all(&kb, taps, buf, sizeof buf);
	assert_string_equal(buf, "a");
}

static void delete_removes_a_whole_accented_character(void **state)
{
	(void)state;
	keyboard kb = {0};
	keyboard_reset(&kb);
	char buf[16] = "Si";
	const char *const taps[] = {"àé", "ŵ", "Delete", "â", NULL};
	tap_all(&kb, taps, buf, sizeof buf);
	assert_string_equal(buf, "Siâ");
	tap(&kb, "Delete", buf, sizeof buf, 10);
	assert_string_equal(buf, "Si");
	tap(&kb, "ABC", buf, sizeof buf, 10);
	tap(&kb, "Delete", buf, sizeof buf, 10);
	tap(&kb, "Delete", buf, sizeof buf, 10);
	tap(&kb, "Delete", buf, sizeof buf, 10);
	assert_string_equal(buf, "");
}

static void typing_stops_at_the_character_limit_and_the_buffer_size(void **state)
{
	(void)state;
	keyboard kb = {0};
	keyboard_reset(&kb);
	char buf[16] = "";
	tap(&kb, "a", buf, sizeof buf, 3);
	tap(&kb, "b", buf, sizeof buf, 3);
	tap(&kb, "Space", buf, sizeof buf, 3);
	tap(&kb, "c", buf, sizeof buf, 3);
	assert_string_equal(buf, "ab ");

	char small[4] = "ab";
	tap(&kb, "Shift", small, sizeof small, 10);
	tap(&kb, "àé", small, sizeof small, 10);
	tap(&kb, "É", small, sizeof small, 10);  /* two bytes, one free: refused */
	assert_string_equal(small, "ab");
	assert_true(kb.shift);                   /* kept for the next try */
	tap(&kb, "ABC", small, sizeof small, 10);
	tap(&kb, "X", small, sizeof small, 10);
	assert_string_equal(small, "abX");
	assert_false(kb.shift);
}

static void only_done_says_it_is_done(void **state)
{
	(void)state;
	for (int layer = 0; layer < KEYBOARD_LAYER_COUNT; layer++) {
		keyboard kb = {(keyboard_layer)layer, false, false, KEYBOARD_TEXT, 0};
		keyboard_key keys[KEYBOARD_MAX_KEYS];
		int n = keys_of(&kb, keys), dones = 0;
		for (int i = 0; i < n; i++) {
			keyboard probe = kb;
			char buf[16] = "x";
			bool done = keyboard_press(&probe, &keys[i], buf, sizeof buf, 10);
			assert_int_equal(done, strcmp(keys[i].label, "Done") == 0);
			dones += done;
		}
		/* Exactly one: a layer without keys must not pass. */
		assert_int_equal(dones, 1);
	}
}

static void reset_returns_to_lower_case_letters(void **state)
{
	(void)state;
	keyboard kb = {KEYBOARD_ACCENTS, true, true, KEYBOARD_TEXT, 0};
	keyboard_reset(&kb);
	assert_int_equal(kb.layer, KEYBOARD_LETTERS);
	assert_false(kb.shift);
	assert_false(kb.caps);
	keyboard_key keys[KEYBOARD_MAX_KEYS];
	int n = keys_of(&kb, keys);
	assert_true(keyboard_find(keys, n, "q") >= 0);
	assert_int_equal(keyboard_find(keys, n, "Q"), -1);
}

static void keys_never_overlap_and_stay_inside_the_area(void **state)
{
	(void)state;
	const rect areas[] = {
		{0, 260, 800, 220}, {0, 780, 720, 500}, {0, 630, 1920, 450},
		{13, 7, 801, 223}, {0, 0, 320, 120},
	};
	const int gaps[] = {0, 6, 12, 40};
	for (size_t a = 0; a < sizeof areas / sizeof areas[0]; a++) {
		for (size_t g = 0; g < sizeof gaps / sizeof gaps[0]; g++) {
			for (int layer = 0; layer < KEYBOARD_LAYER_COUNT; layer++) {
				for (int shift = 0; shift < 2; shift++) {
					keyboard kb = {(keyboard_layer)layer, shift, false, KEYBOARD_TEXT, 0};
					keyboard_key keys[KEYBOARD_MAX_KEYS];
					int n = keyboard_layout(&kb, areas[a], gaps[g], keys, KEYBOARD_MAX_KEYS);
					assert_true(n > 0);
					for (int i = 0; i < n; i++) {
						assert_true(keys[i].r.w > 0 && keys[i].r.h > 0);
						assert_true(inside(keys[i].r, areas[a]));
						for (int j = i + 1; j < n; j++) {
							if (overlap(keys[i].r, keys[j].r))
								fail_msg("\"%s\" overlaps \"%s\" at %dx%d gap %d",
								         keys[i].label, keys[j].label,
								         areas[a].w, areas[a].h, gaps[g]);
						}
					}
				}
			}
		}
	}
}

static void keys_tile_each_row_from_edge_to_edge_with_equal_row_heights(void **state)
{
	(void)state;
	const rect area = {10, 20, 720, 500};
	const int gap = 8;
	for (int layer = 0; layer < KEYBOARD_LAYER_COUNT; layer++) {
		keyboard kb = {(keyboard_layer)layer, false, false, KEYBOARD_TEXT, 0};
		keyboard_key keys[KEYBOARD_MAX_KEYS];
		int n = keyboard_layout(&kb, area, gap, keys, KEYBOARD_MAX_KEYS);
		int rows = 0, min_h = area.h, max_h = 0;
		for (int i = 0; i < n; i++) {
			bool first = i == 0 || keys[i].r.y != keys[i - 1].r.y;
			bool last = i == n - 1 || keys[i + 1].r.y != keys[i].r.y;
			if (first) {
				assert_int_equal(keys[i].r.x, area.x);
				rows++;
			} else {
				/* exactly one gap after the key before it */
				assert_int_equal(keys[i].r.x, keys[i - 1].r.x + keys[i - 1].r.w + gap);
			}
			if (last)
				assert_int_equal(keys[i].r.x + keys[i].r.w, area.x + area.w);
			min_h = keys[i].r.h < min_h ? keys[i].r.h : min_h;
			max_h = keys[i].r.h > max_h ? keys[i].r.h : max_h;
		}
		assert_int_equal(rows, 4); /* same row height on every layer */
		assert_true(max_h - min_h <= 1);
		assert_int_equal(keys[0].r.y, area.y);
		assert_int_equal(keys[n - 1].r.y + keys[n - 1].r.h, area.y + area.h);
	}
}

static int width_of(const keyboard_key *keys, int n, const char *label)
{
	int i = keyboard_find(keys, n, label);
	assert_true(i >= 0);
	return keys[i].r.w;
}

static void space_shift_and_delete_are_wider_than_a_letter(void **state)
{
	(void)state;
	keyboard kb = {0};
	keyboard_reset(&kb);
	keyboard_key keys[KEYBOARD_MAX_KEYS];
	int n = keyboard_layout(&kb, (rect){0, 0, 800, 220}, 6, keys, KEYBOARD_MAX_KEYS);
	int letter = width_of(keys, n, "q");
	assert_true(width_of(keys, n, "Space") >= 4 * letter);
	assert_true(width_of(keys, n, "Shift") * 2 >= 3 * letter);
	assert_true(width_of(keys, n, "Delete") * 2 >= 3 * letter);
	assert_true(width_of(keys, n, "Done") > letter);
	assert_true(letter >= 48); /* a comfortable finger at 800x480 */
}

static void every_key_on_every_layer_meets_the_touch_minimum_at_800x480(void **state)
{
	(void)state;
	for (int layer = 0; layer < KEYBOARD_LAYER_COUNT; layer++) {
		keyboard kb = {(keyboard_layer)layer, false, false, KEYBOARD_TEXT, 0};
		keyboard_key keys[KEYBOARD_MAX_KEYS];
		int n = keyboard_layout(&kb, (rect){0, 260, 800, 220}, 6, keys, KEYBOARD_MAX_KEYS);
		/* A layer without keys, or without the keys for writing, must not
		 * pass: every key a name needs is measured. */
		if (n < 20 || keyboard_find(keys, n, "Space") < 0 || keyboard_find(keys, n, "Delete") < 0)
			fail_msg("layer %d has %d keys", layer, n);
		for (int i = 0; i < n; i++) {
			if (keys[i].r.w < 48 || keys[i].r.h < 48)
				fail_msg("\"%s\" is %dx%d", keys[i].label, keys[i].r.w, keys[i].r.h);
		}
	}
}

static void labels_follow_the_shift_state(void **state)
{
	(void)state;
	keyboard kb = {KEYBOARD_LETTERS, true, false, KEYBOARD_TEXT, 0};
	keyboard_key keys[KEYBOARD_MAX_KEYS];
	int n = keys_of(&kb, keys);
	assert_true(keyboard_find(keys, n, "Q") >= 0);
	assert_int_equal(keyboard_find(keys, n, "q"), -1);
	assert_true(keyboard_find(keys, n, "Shift") >= 0);
	assert_true(keyboard_find(keys, n, "'") >= 0);

	kb = (keyboard){KEYBOARD_ACCENTS, false, true, KEYBOARD_TEXT, 0};
	n = keys_of(&kb, keys);
	assert_true(keyboard_find(keys, n, "Ŵ") >= 0);
	assert_true(keyboard_find(keys, n, "ß") >= 0);
	assert_int_equal(keyboard_find(keys, n, "é"), -1);
}

static void every_layer_has_unique_labels_within_the_key_budget(void **state)
{
	(void)state;
	for (int layer = 0; layer < KEYBOARD_LAYER_COUNT; layer++) {
		for (int shift = 0; shift < 2; shift++) {
			keyboard kb = {(keyboard_layer)layer, shift, false, KEYBOARD_TEXT, 0};
			keyboard_key keys[KEYBOARD_MAX_KEYS + 1];
			int n = keyboard_layout(&kb, screen_strip, 6, keys, KEYBOARD_MAX_KEYS + 1);
			assert_true(n <= KEYBOARD_MAX_KEYS);
			int per_row = 0;
			for (int i = 0; i < n; i++) {
				per_row = i > 0 && keys[i].r.y == keys[i - 1].r.y ? per_row + 1 : 1;
				assert_true(per_row <= 11);
				assert_true(text_valid_utf8(keys[i].label, strlen(keys[i].label)));
				if (keys[i].action == KEYBOARD_CHAR)
					assert_string_equal(keys[i].text, keys[i].label);
				else
					assert_null(keys[i].text);
				for (int j = i + 1; j < n; j++)
					assert_string_not_equal(keys[i].label, keys[j].label);
			}
			/* Every layer can delete, finish and reach the other layers. */
			assert_true(keyboard_find(keys, n, "Delete") >= 0);
			assert_true(keyboard_find(keys, n, "Space") >= 0);
			assert_true(keyboard_find(keys, n, "Done") >= 0);
			assert_int_equal(keyboard_find(keys, n, "ABC") >= 0, layer != KEYBOARD_LETTERS);
			assert_int_equal(keyboard_find(keys, n, "123") >= 0, layer != KEYBOARD_SYMBOLS);
			assert_int_equal(keyboard_find(keys, n, "àé") >= 0, layer != KEYBOARD_ACCENTS);
		}
	}
}

static void layout_writes_no_more_than_max_keys(void **state)
{
	(void)state;
	keyboard kb = {0};
	keyboard_reset(&kb);
	keyboard_key keys[5];
	memset(keys, 0, sizeof keys);
	assert_int_equal(keyboard_layout(&kb, screen_strip, 6, keys, 3), 3);
	assert_string_equal(keys[2].label, "e");
	assert_null(keys[3].label);
	assert_int_equal(keyboard_layout(&kb, screen_strip, 6, NULL, 0), 0);
}

static void key_at_finds_the_key_under_a_finger_and_nothing_in_a_gap(void **state)
{
	(void)state;
	keyboard kb = {0};
	keyboard_reset(&kb);
	keyboard_key keys[KEYBOARD_MAX_KEYS];
	int n = keyboard_layout(&kb, (rect){0, 0, 800, 220}, 10, keys, KEYBOARD_MAX_KEYS);
	int q = keyboard_find(keys, n, "q");
	assert_int_equal(keyboard_key_at(keys, n, keys[q].r.x, keys[q].r.y), q);
	assert_int_equal(keyboard_key_at(keys, n, keys[q].r.x + keys[q].r.w + 2, keys[q].r.y), -1);
	assert_int_equal(keyboard_key_at(keys, n, -1, -1), -1);
}

static void every_required_accented_letter_is_on_the_accents_layer(void **state)
{
	(void)state;
	static const char *const lower[] = {
		"é", "è", "ê", "ë", "à", "â", "ä", "á", "ç", "ñ", "ö", "ô", "ó", "ü", "û", "ú",
		"î", "ï", "í", "ŵ", "ŷ", "ò", "ù", "ì", "å", "ø", "æ", "œ", "ß", "ł", "ã", "õ",
		"ý", "ÿ",
	};
	static const char *const upper[] = {
		"É", "È", "Ê", "Ë", "À", "Â", "Ä", "Á", "Ç", "Ñ", "Ö", "Ô", "Ó", "Ü", "Û", "Ú",
		"Î", "Ï", "Í", "Ŵ", "Ŷ", "Ò", "Ù", "Ì", "Å", "Ø", "Æ", "Œ", "ß", "Ł", "Ã", "Õ",
		"Ý", "Ÿ",
	};
	keyboard kb = {KEYBOARD_ACCENTS, false, false, KEYBOARD_TEXT, 0};
	keyboard_key keys[KEYBOARD_MAX_KEYS];
	int n = keys_of(&kb, keys);
	for (size_t i = 0; i < sizeof lower / sizeof lower[0]; i++) {
		if (keyboard_find(keys, n, lower[i]) < 0)
			fail_msg("no \"%s\" on the accents layer", lower[i]);
	}
	kb.shift = true;
	n = keys_of(&kb, keys);
	for (size_t i = 0; i < sizeof upper / sizeof upper[0]; i++) {
		if (keyboard_find(keys, n, upper[i]) < 0)
			fail_msg("no \"%s\" on the shifted accents layer", upper[i]);
	}
	assert_true(keyboard_find(keys, n, "Shift") >= 0);
}

static void the_symbols_layer_has_digits_and_common_symbols(void **state)
{
	(void)state;
	static const char *const wanted[] = {
		"1", "2", "3", "4", "5", "6", "7", "8", "9", "0", "-", "/", ":", ";", "(", ")",
		"£", "&", "@", "\"", ".", ",", "?", "!", "'", "#", "%", "+", "=", "_",
	};
	keyboard kb = {KEYBOARD_SYMBOLS, false, false, KEYBOARD_TEXT, 0};
	keyboard_key keys[KEYBOARD_MAX_KEYS];
	int n = keys_of(&kb, keys);
	for (size_t i = 0; i < sizeof wanted / sizeof wanted[0]; i++) {
		if (keyboard_find(keys, n, wanted[i]) < 0)
			fail_msg("no \"%s\" on the symbols layer", wanted[i]);
	}
	/* The digits come first, in the order of a phone's number row. */
	assert_string_equal(keys[0].label, "1");
	assert_string_equal(keys[9].label, "0");
}

static void every_central_european_letter_is_on_the_second_accents_page(void **state)
{
	(void)state;
	/* The letters of names a UK health community has (Wiśniewski, Dvořák,
	 * Erdős), one tap from the first page's "ąś". */
	static const char *const lower[] = {"ś", "ń", "ż", "ć", "ę", "ą", "ł", "č", "š", "ž", "ř", "ő", "ű", "ź", "ě",
	                                    "ů", "ș", "ț", "ă", "ğ"};
	static const char *const upper[] = {"Ś", "Ń", "Ż", "Ć", "Ę", "Ą", "Ł", "Č", "Š", "Ž", "Ř", "Ő", "Ű", "Ź", "Ě",
	                                    "Ů", "Ș", "Ț", "Ă", "Ğ"};
	keyboard kb = {KEYBOARD_ACCENTS_MORE, false, false, KEYBOARD_TEXT, 0};
	keyboard_key keys[KEYBOARD_MAX_KEYS];
	int n = keys_of(&kb, keys);
	for (size_t i = 0; i < sizeof lower / sizeof lower[0]; i++)
		if (keyboard_find(keys, n, lower[i]) < 0)
			fail_msg("no \"%s\" on the second accents page", lower[i]);
	kb.shift = true;
	n = keys_of(&kb, keys);
	for (size_t i = 0; i < sizeof upper / sizeof upper[0]; i++)
		if (keyboard_find(keys, n, upper[i]) < 0)
			fail_msg("no \"%s\" on the shifted second accents page", upper[i]);

	char buf[64] = "";
	keyboard_reset(&kb);
	kb.kind = KEYBOARD_NAME;
	keyboard_follow(&kb, buf);
	const char *const wisniewski[] = {"W", "i", "àé", "ąś", "ś", "ABC", "n", "i", "e", "w", "s", "k", "i", NULL};
	tap_all(&kb, wisniewski, buf, sizeof buf);
	assert_string_equal(buf, "Wiśniewski");
}

static void a_name_starts_each_word_with_a_capital(void **state)
{
	(void)state;
	char buf[64] = "";
	keyboard kb = {0};
	keyboard_reset(&kb);
	kb.kind = KEYBOARD_NAME;
	keyboard_follow(&kb, buf);
	assert_true(kb.shift);
	const char *const nia[] = {"N", "àé", "í", "ABC", "Space", "B", "h", "r", "i", "a", "i", "n", NULL};
	tap_all(&kb, nia, buf, sizeof buf);
	assert_string_equal(buf, "Ní Bhriain");
	assert_false(kb.shift);
	const char *const jean[] = {"-", "L", "u", "c", NULL};
	tap_all(&kb, jean, buf, sizeof buf);
	assert_string_equal(buf, "Ní Bhriain-Luc");
	/* Deleting back to a word's start asks for its capital again. */
	const char *const back[] = {"Delete", "Delete", "Delete", NULL};
	tap_all(&kb, back, buf, sizeof buf);
	assert_true(kb.shift);
	/* Any other field types as tapped. */
	keyboard_reset(&kb);
	buf[0] = '\0';
	keyboard_follow(&kb, buf);
	assert_false(kb.shift);
}

static void an_email_keyboard_has_the_at_sign_and_nhs_endings(void **state)
{
	(void)state;
	char buf[64] = "";
	keyboard kb = {0};
	keyboard_reset(&kb);
	kb.kind = KEYBOARD_EMAIL;
	keyboard_follow(&kb, buf);
	assert_false(kb.shift); /* an address is not a name */
	const char *const nia[] = {"n", "i", "a", ".", "b", "@", "l", "e", "e", "d", "s", "t", "h", ".nhs.uk", NULL};
	tap_all(&kb, nia, buf, sizeof buf);
	assert_string_equal(buf, "nia.b@leedsth.nhs.uk");
	keyboard_key keys[KEYBOARD_MAX_KEYS];
	int n = keys_of(&kb, keys);
	assert_true(keyboard_find(keys, n, ".net") >= 0);
	assert_true(keyboard_find(keys, n, "Done") >= 0 && keyboard_find(keys, n, "Delete") >= 0);
	for (int i = 0; i < n; i++)
		if (keys[i].r.w < 48 || keys[i].r.h < 48)
			fail_msg("\"%s\" is %dx%d", keys[i].label, keys[i].r.w, keys[i].r.h);
}

static void a_wide_screen_keeps_keys_a_hand_spans_centred(void **state)
{
	(void)state;
	keyboard kb = {0};
	keyboard_reset(&kb);
	kb.max_key = 112;
	rect wide = {0, 600, 1920, 480};
	keyboard_key keys[KEYBOARD_MAX_KEYS];
	int n = keyboard_layout(&kb, wide, 6, keys, KEYBOARD_MAX_KEYS);
	int i = keyboard_find(keys, n, "q"), left = wide.w, right = 0;
	assert_true(i >= 0);
	assert_true(keys[i].r.w <= 112 && keys[i].r.w >= 100);
	for (int k = 0; k < n; k++) {
		left = keys[k].r.x < left ? keys[k].r.x : left;
		right = keys[k].r.x + keys[k].r.w > right ? keys[k].r.x + keys[k].r.w : right;
	}
	assert_true(left > 0 && right < wide.w);
	assert_true(abs(left - (wide.w - right)) <= 1); /* centred */
	/* On the 7" panel the limit is not reached: the keys fill the strip. */
	n = keyboard_layout(&kb, screen_strip, 6, keys, KEYBOARD_MAX_KEYS);
	kb.max_key = 0;
	keyboard_key free_keys[KEYBOARD_MAX_KEYS];
	assert_int_equal(keyboard_layout(&kb, screen_strip, 6, free_keys, KEYBOARD_MAX_KEYS), n);
	for (int k = 0; k < n; k++)
		assert_memory_equal(&keys[k].r, &free_keys[k].r, sizeof(rect));
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(every_central_european_letter_is_on_the_second_accents_page),
		cmocka_unit_test(a_name_starts_each_word_with_a_capital),
		cmocka_unit_test(a_wide_screen_keeps_keys_a_hand_spans_centred),
		cmocka_unit_test(an_email_keyboard_has_the_at_sign_and_nhs_endings),
		cmocka_unit_test(typing_sian_o_dalaigh_on_the_keys_gives_exactly_that_text),
		cmocka_unit_test(typing_names_with_apostrophes_hyphens_and_welsh_letters),
		cmocka_unit_test(shift_is_released_after_one_letter),
		cmocka_unit_test(shift_waits_through_punctuation_for_its_letter),
		cmocka_unit_test(shift_pressed_twice_locks_capitals_and_a_third_press_releases_them),
		cmocka_unit_test(caps_lock_lasts_across_layers),
		cmocka_unit_test(a_pending_shift_ends_on_the_symbols_layer),
		cmocka_unit_test(delete_removes_a_whole_accented_character),
		cmocka_unit_test(typing_stops_at_the_character_limit_and_the_buffer_size),
		cmocka_unit_test(only_done_says_it_is_done),
		cmocka_unit_test(reset_returns_to_lower_case_letters),
		cmocka_unit_test(keys_never_overlap_and_stay_inside_the_area),
		cmocka_unit_test(keys_tile_each_row_from_edge_to_edge_with_equal_row_heights),
		cmocka_unit_test(space_shift_and_delete_are_wider_than_a_letter),
		cmocka_unit_test(every_key_on_every_layer_meets_the_touch_minimum_at_800x480),
		cmocka_unit_test(labels_follow_the_shift_state),
		cmocka_unit_test(every_layer_has_unique_labels_within_the_key_budget),
		cmocka_unit_test(layout_writes_no_more_than_max_keys),
		cmocka_unit_test(key_at_finds_the_key_under_a_finger_and_nothing_in_a_gap),
		cmocka_unit_test(every_required_accented_letter_is_on_the_accents_layer),
		cmocka_unit_test(the_symbols_layer_has_digits_and_common_symbols),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
