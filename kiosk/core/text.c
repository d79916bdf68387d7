/* text: UTF-8 validation, editing by whole characters, and folding names into search keys. */
#include "text.h"

#include <assert.h>
#include <string.h>

/* utf8_next's code point for a malformed sequence; never a real one. */
#define TEXT_BAD 0xFFFFFFFFu

static const char replacement[] = "\xEF\xBF\xBD"; /* U+FFFD */

/* Decodes the sequence at s, of which n > 0 bytes may be read. Returns the
 * bytes consumed: a whole character, or for malformed input its maximal
 * subpart (at least 1) with *cp = TEXT_BAD. The ranges are Unicode's table
 * 3-7, which leaves out overlongs, surrogates and values above U+10FFFF.
 * Stops at the first byte that cannot continue, so a NUL ends it. */
static size_t utf8_next(const unsigned char *s, size_t n, uint32_t *cp)
{
	unsigned b = s[0];
	unsigned lo = 0x80, hi = 0xBF; /* allowed range of the next byte */
	size_t more;
	uint32_t v;

	if (b < 0x80) {
		*cp = b;
		return 1;
	}
	if (b >= 0xC2 && b <= 0xDF) {
		more = 1;
		v = b & 0x1F;
	} else if (b >= 0xE0 && b <= 0xEF) {
		more = 2;
		v = b & 0x0F;
		if (b == 0xE0)
			lo = 0xA0; /* below U+0800 would be overlong */
		else if (b == 0xED)
			hi = 0x9F; /* U+D800..U+DFFF are surrogates */
	} else if (b >= 0xF0 && b <= 0xF4) {
		more = 3;
		v = b & 0x07;
		if (b == 0xF0)
			lo = 0x90; /* below U+10000 would be overlong */
		else if (b == 0xF4)
			hi = 0x8F; /* above U+10FFFF */
	} else {
		*cp = TEXT_BAD; /* continuation byte, C0, C1 or F5..FF */
		return 1;
	}
	for (size_t i = 1; i <= more; i++) {
		if (i >= n || s[i] < lo || s[i] > hi) {
			*cp = TEXT_BAD;
			return i;
		}
		v = v << 6 | (s[i] & 0x3F);
		lo = 0x80;
		hi = 0xBF;
	}
	*cp = v;
	return more + 1;
}

/* Writes cp (a valid code point) as UTF-8 to out; returns its length. */
static size_t utf8_put(uint32_t cp, char *out)
{
	if (cp < 0x80) {
		out[0] = (char)cp;
		return 1;
	}
	if (cp < 0x800) {
		out[0] = (char)(0xC0 | cp >> 6);
		out[1] = (char)(0x80 | (cp & 0x3F));
		return 2;
	}
	if (cp < 0x10000) {
		out[0] = (char)(0xE0 | cp >> 12);
		out[1] = (char)(0x80 | (cp >> 6 & 0x3F));
		out[2] = (char)(0x80 | (cp & 0x3F));
		return 3;
	}
	out[0] = (char)(0xF0 | cp >> 18);
	out[1] = (char)(0x80 | (cp >> 12 & 0x3F));
	out[2] = (char)(0x80 | (cp >> 6 & 0x3F));
	out[3] = (char)(0x80 | (cp & 0x3F));
	return 4;
}

static bool is_continuation(char c)
{
	return ((unsigned char)c & 0xC0) == 0x80;
}

bool text_valid_utf8(const char *s, size_t len)
{
	assert(s != NULL || len == 0);
	const unsigned char *p = (const unsigned char *)s;
	size_t i = 0;
	while (i < len) {
		uint32_t cp;
		i += utf8_next(p + i, len - i, &cp);
		if (cp == TEXT_BAD)
			return false;
	}
	return true;
}

uint32_t text_decode(const char *s, size_t *len)
{
	assert(s != NULL);
	uint32_t cp = 0;
	size_t n = 0;
	if (*s != '\0') {
		/* At most four bytes, and utf8_next stops at a NUL before passing it. */
		n = utf8_next((const unsigned char *)s, 4, &cp);
		if (cp == TEXT_BAD) {
			cp = 0xFFFD;
			n = 1;
		}
	}
	if (len != NULL)
		*len = n;
	return cp;
}

size_t text_chars(const char *s)
{
	assert(s != NULL);
	size_t n = 0;
	for (; *s != '\0'; s++)
		n += !is_continuation(*s);
	return n;
}

int text_append(char *buf, size_t cap, size_t max_chars, const char *src)
{
	assert(buf != NULL && cap > 0 && src != NULL);
	size_t srclen = strlen(src);
	if (!text_valid_utf8(src, srclen))
		return -1;

	size_t len = strlen(buf);
	assert(len < cap);
	size_t chars = text_chars(buf);
	int added = 0;
	size_t i = 0;
	while (i < srclen) {
		uint32_t cp;
		size_t n = utf8_next((const unsigned char *)src + i, srclen - i, &cp);
		/* C0 and C1 controls: a pasted tab or escape must not reach a name. */
		bool control = (cp < 0x20 && cp != '\n') || (cp >= 0x7F && cp < 0xA0);
		if (!control) {
			if (chars >= max_chars || len + n > cap - 1)
				break;
			memcpy(buf + len, src + i, n);
			len += n;
			chars++;
			added++;
		}
		i += n;
	}
	buf[len] = '\0';
	return added;
}

void text_backspace(char *buf)
{
	assert(buf != NULL);
	size_t len = strlen(buf);
	if (len == 0)
		return;
	do
		len--;
	while (len > 0 && is_continuation(buf[len]));
	buf[len] = '\0';
}

void text_sanitize(char *dst, size_t cap, const char *src)
{
	assert(dst != NULL && cap > 0);
	if (src == NULL)
		src = "";
	size_t srclen = strlen(src), out = 0, i = 0;
	while (i < srclen) {
		uint32_t cp;
		size_t n = utf8_next((const unsigned char *)src + i, srclen - i, &cp);
		const char *piece = cp == TEXT_BAD ? replacement : src + i;
		size_t plen = cp == TEXT_BAD ? sizeof replacement - 1 : n;
		if (out + plen > cap - 1)
			break;
		memcpy(dst + out, piece, plen);
		out += plen;
		i += n;
	}
	dst[out] = '\0';
}

/* ---- Folding ----------------------------------------------------------------
 *
 * Latin letters fold through the strings below, one character per code point
 * counted from the block's first: a letter is the folding; '*' a two-letter
 * folding from fold_pairs; '.' a character without a folding, kept as it is;
 * ' ' a symbol, dropped; '_' a space. The letters come from the Unicode names
 * ("LATIN SMALL LETTER O WITH STROKE" -> o), so letters that NFD leaves alone
 * (ø ł đ ħ ı) fold as a reader would expect. */

static const char fold_latin1[] =     /* U+00A0 */
	"_         a     "                   /* 00A0  NBSP, ¡ ¢ £ ..., ª as in Mª */
	"          o     "                   /* 00B0  º */
	"aaaaaa*ceeeeiiii"                   /* 00C0  À ... Ï */
	"dnooooo ouuuuy**"                   /* 00D0  Ð ... ß, × dropped */
	"aaaaaa*ceeeeiiii"                   /* 00E0 */
	"dnooooo ouuuuy*y";                  /* 00F0  ÷ dropped */

static const char fold_latin_ext_a[] = /* U+0100 */
	"aaaaaaccccccccdd"                   /* 0100  Ā ā Ă ă Ą ą Ć ... */
	"ddeeeeeeeeeegggg"                   /* 0110  Đ đ ... */
	"gggghhhhiiiiiiii"                   /* 0120 */
	"ii**jjkkklllllll"                   /* 0130  İ ı Ĳ ĳ ... ĸ ... */
	"lllnnnnnnnnnoooo"                   /* 0140  ŀ Ł ł ... ŉ Ŋ ŋ ... */
	"oo**rrrrrrssssss"                   /* 0150  Ő ő Œ œ ... */
	"ssttttttuuuuuuuu"                   /* 0160 */
	"uuuuwwyyyzzzzzzs";                  /* 0170  ... Ŵ ŵ Ŷ ŷ Ÿ ... ſ */

static const char fold_latin_ext_b[] = /* U+0180 */
	"bbbb...ccdddd..."                   /* 0180 */
	".ffg.*.ikkl..nno"                   /* 0190 */
	"oo**pp.....ttttu"                   /* 01A0 */
	"u.vyyzz........."                   /* 01B0 */
	"....*********aai"                    /* 01C0  Ǆ ǅ ǆ Ǉ ǈ ǉ Ǌ ǋ ǌ Ǎ ... */
	"ioouuuuuuuuuu.aa"                   /* 01D0 */
	"aa**ggggkkoooo.."                   /* 01E0 */
	"j***gg..nnaa**oo"                   /* 01F0 */
	"aaaaeeeeiiiioooo"                   /* 0200 */
	"rrrruuuusstt..hh"                   /* 0210  ... Ș ș Ț ț */
	"nd**zzaaeeoooooo"                   /* 0220 */
	"ooyylntj..acclts"                   /* 0230 */
	"z..bu.eejjqqrryy";                  /* 0240 */

static const char fold_latin_ext_additional[] = /* U+1E00 */
	"aabbbbbbccdddddd"                   /* 1E00 */
	"ddddeeeeeeeeeeff"                   /* 1E10 */
	"gghhhhhhhhhhiiii"                   /* 1E20 */
	"kkkkkkllllllllmm"                   /* 1E30 */
	"mmmmnnnnnnnnoooo"                   /* 1E40 */
	"oooopppprrrrrrrr"                   /* 1E50 */
	"sssssssssstttttt"                   /* 1E60 */
	"ttuuuuuuuuuuvvvv"                   /* 1E70 */
	"wwwwwwwwwwxxxxyy"                   /* 1E80  Ẁ ẁ Ẃ ẃ Ẅ ẅ (Welsh) ... */
	"zzzzzzhtwyasss*."                   /* 1E90  ... ẞ */
	"aaaaaaaaaaaaaaaa"                   /* 1EA0  Vietnamese from here */
	"aaaaaaaaeeeeeeee"                   /* 1EB0 */
	"eeeeeeeeiiiioooo"                   /* 1EC0 */
	"oooooooooooooooo"                   /* 1ED0 */
	"oooouuuuuuuuuuuu"                   /* 1EE0 */
	"uuyyyyyyyy**vvyy";                  /* 1EF0  Ỳ ỳ ... Ỻ ỻ */

static const struct {
	uint32_t first;
	const char *map;
	size_t len;
} fold_latin[] = {
	{0x00A0, fold_latin1, sizeof fold_latin1 - 1},
	{0x0100, fold_latin_ext_a, sizeof fold_latin_ext_a - 1},
	{0x0180, fold_latin_ext_b, sizeof fold_latin_ext_b - 1},
	{0x1E00, fold_latin_ext_additional, sizeof fold_latin_ext_additional - 1},
};

/* The '*' cells. */
static const struct {
	uint16_t cp;
	char fold[3];
} fold_pairs[] = {
	{0x00C6, "ae"}, {0x00DE, "th"}, {0x00DF, "ss"}, {0x00E6, "ae"}, {0x00FE, "th"},
	{0x0132, "ij"}, {0x0133, "ij"}, {0x0152, "oe"}, {0x0153, "oe"}, {0x0195, "hv"},
	{0x01A2, "oi"}, {0x01A3, "oi"}, {0x01C4, "dz"}, {0x01C5, "dz"}, {0x01C6, "dz"},
	{0x01C7, "lj"}, {0x01C8, "lj"}, {0x01C9, "lj"}, {0x01CA, "nj"}, {0x01CB, "nj"},
	{0x01CC, "nj"}, {0x01E2, "ae"}, {0x01E3, "ae"}, {0x01F1, "dz"}, {0x01F2, "dz"},
	{0x01F3, "dz"}, {0x01FC, "ae"}, {0x01FD, "ae"}, {0x0222, "ou"}, {0x0223, "ou"},
	{0x1E9E, "ss"}, {0x1EFA, "ll"}, {0x1EFB, "ll"},
};

/* Everything else that is not kept as it is, by ranges of code points. */
typedef enum {
	FOLD_TO,    /* each maps to `to` + its offset from `first` (case) */
	FOLD_ONE,   /* all map to `to` (accented Greek vowels) */
	FOLD_PAIRS, /* upper at even offsets, its lower case just after */
	FOLD_DROP,  /* punctuation, format and combining characters */
	FOLD_SPACE  /* spaces and dashes */
} fold_how;

static const struct {
	uint16_t first, last, to;
	fold_how how;
} fold_ranges[] = {
	{0x0080, 0x009F, 0, FOLD_DROP},       /* C1 controls */
	{0x02B9, 0x02BD, 0, FOLD_DROP},       /* ʹ ʺ ʻ ʼ ʽ: apostrophes */
	{0x0300, 0x036F, 0, FOLD_DROP},       /* combining accents of decomposed text */
	{0x037E, 0x037E, 0, FOLD_DROP},       /* Greek question mark */
	{0x0386, 0x0386, 0x03B1, FOLD_ONE},   /* Ά */
	{0x0387, 0x0387, 0, FOLD_DROP},       /* ano teleia */
	{0x0388, 0x0388, 0x03B5, FOLD_ONE},   /* Έ */
	{0x0389, 0x0389, 0x03B7, FOLD_ONE},   /* Ή */
	{0x038A, 0x038A, 0x03B9, FOLD_ONE},   /* Ί */
	{0x038C, 0x038C, 0x03BF, FOLD_ONE},   /* Ό */
	{0x038E, 0x038E, 0x03C5, FOLD_ONE},   /* Ύ */
	{0x038F, 0x038F, 0x03C9, FOLD_ONE},   /* Ώ */
	{0x0390, 0x0390, 0x03B9, FOLD_ONE},   /* ΐ */
	{0x0391, 0x03A9, 0x03B1, FOLD_TO},    /* Α..Ω */
	{0x03AA, 0x03AA, 0x03B9, FOLD_ONE},   /* Ϊ */
	{0x03AB, 0x03AB, 0x03C5, FOLD_ONE},   /* Ϋ */
	{0x03AC, 0x03AC, 0x03B1, FOLD_ONE},   /* ά */
	{0x03AD, 0x03AD, 0x03B5, FOLD_ONE},   /* έ */
	{0x03AE, 0x03AE, 0x03B7, FOLD_ONE},   /* ή */
	{0x03AF, 0x03AF, 0x03B9, FOLD_ONE},   /* ί */
	{0x03B0, 0x03B0, 0x03C5, FOLD_ONE},   /* ΰ */
	{0x03C2, 0x03C2, 0x03C3, FOLD_ONE},   /* final sigma */
	{0x03CA, 0x03CA, 0x03B9, FOLD_ONE},   /* ϊ */
	{0x03CB, 0x03CB, 0x03C5, FOLD_ONE},   /* ϋ */
	{0x03CC, 0x03CC, 0x03BF, FOLD_ONE},   /* ό */
	{0x03CD, 0x03CD, 0x03C5, FOLD_ONE},   /* ύ */
	{0x03CE, 0x03CE, 0x03C9, FOLD_ONE},   /* ώ */
	{0x0400, 0x040F, 0x0450, FOLD_TO},    /* Ѐ..Џ */
	{0x0410, 0x042F, 0x0430, FOLD_TO},    /* А..Я */
	{0x0460, 0x0481, 0, FOLD_PAIRS},      /* Ѡ..ҁ */
	{0x048A, 0x04BF, 0, FOLD_PAIRS},      /* Ҋ..ҿ, Ukrainian Ґ ґ */
	{0x04C0, 0x04C0, 0x04CF, FOLD_ONE},   /* Ӏ */
	{0x04C1, 0x04CE, 0, FOLD_PAIRS},      /* Ӂ..ӎ */
	{0x04D0, 0x052F, 0, FOLD_PAIRS},      /* Ӑ..ԯ */
	{0x0531, 0x0556, 0x0561, FOLD_TO},    /* Armenian Ա..Ֆ */
	{0x1680, 0x1680, 0, FOLD_SPACE},      /* ogham space */
	{0x2000, 0x200A, 0, FOLD_SPACE},      /* en quad..hair space */
	{0x200B, 0x200F, 0, FOLD_DROP},       /* zero-width space, joiners, marks */
	{0x2010, 0x2015, 0, FOLD_SPACE},      /* hyphen..horizontal bar */
	{0x2016, 0x2027, 0, FOLD_DROP},       /* ‘ ’ “ ” • … */
	{0x2028, 0x2029, 0, FOLD_SPACE},      /* line and paragraph separators */
	{0x202A, 0x202E, 0, FOLD_DROP},       /* bidi embeddings */
	{0x202F, 0x202F, 0, FOLD_SPACE},      /* narrow no-break space */
	{0x2030, 0x205E, 0, FOLD_DROP},       /* ‰ ′ ‹ › ... */
	{0x205F, 0x205F, 0, FOLD_SPACE},      /* medium mathematical space */
	{0x2060, 0x206F, 0, FOLD_DROP},       /* word joiner, invisible operators */
	{0x2212, 0x2212, 0, FOLD_SPACE},      /* minus sign */
	{0x3000, 0x3000, 0, FOLD_SPACE},      /* ideographic space */
	{0x3001, 0x3003, 0, FOLD_DROP},       /* 、 。 〃 */
	{0xFEFF, 0xFEFF, 0, FOLD_DROP},       /* byte order mark */
};

enum { FOLD_DROPPED = 0, FOLD_BREAK = -1 };

/* What cp becomes in a search key: its folding written to out (returns 1..4
 * bytes, never more than cp's own UTF-8), FOLD_DROPPED or FOLD_BREAK. */
static int fold_char(uint32_t cp, char *out)
{
	if (cp < 0x80) {
		if (cp >= 'A' && cp <= 'Z')
			cp += 'a' - 'A';
		if ((cp >= 'a' && cp <= 'z') || (cp >= '0' && cp <= '9')) {
			out[0] = (char)cp;
			return 1;
		}
		if (cp == ' ' || cp == '-' || cp == '_' || (cp >= '\t' && cp <= '\r'))
			return FOLD_BREAK;
		return FOLD_DROPPED; /* ' . , and every other ASCII symbol or control */
	}
	for (size_t b = 0; b < sizeof fold_latin / sizeof fold_latin[0]; b++) {
		if (cp < fold_latin[b].first || cp - fold_latin[b].first >= fold_latin[b].len)
			continue;
		char c = fold_latin[b].map[cp - fold_latin[b].first];
		if (c == ' ')
			return FOLD_DROPPED;
		if (c == '_')
			return FOLD_BREAK;
		if (c == '*') {
			for (size_t i = 0; i < sizeof fold_pairs / sizeof fold_pairs[0]; i++) {
				if (fold_pairs[i].cp == cp) {
					memcpy(out, fold_pairs[i].fold, 2);
					return 2;
				}
			}
			assert(!"a '*' cell without an entry in fold_pairs");
			c = '.';
		}
		if (c != '.') {
			out[0] = c;
			return 1;
		}
		return (int)utf8_put(cp, out);
	}
	for (size_t i = 0; i < sizeof fold_ranges / sizeof fold_ranges[0]; i++) {
		if (cp < fold_ranges[i].first || cp > fold_ranges[i].last)
			continue;
		uint32_t off = cp - fold_ranges[i].first;
		switch (fold_ranges[i].how) {
		case FOLD_TO:
			return (int)utf8_put(fold_ranges[i].to + off, out);
		case FOLD_ONE:
			return (int)utf8_put(fold_ranges[i].to, out);
		case FOLD_PAIRS:
			return (int)utf8_put(off % 2 == 0 ? cp + 1 : cp, out);
		case FOLD_DROP:
			return FOLD_DROPPED;
		case FOLD_SPACE:
			return FOLD_BREAK;
		}
	}
	return (int)utf8_put(cp, out);
}

void text_fold(char *dst, size_t cap, const char *src)
{
	assert(dst != NULL && cap > 0);
	if (src == NULL)
		src = "";
	size_t srclen = strlen(src), out = 0, i = 0;
	bool space = false; /* a break is pending; written only before more text */
	while (i < srclen) {
		uint32_t cp;
		char piece[4];
		i += utf8_next((const unsigned char *)src + i, srclen - i, &cp);
		int n = cp == TEXT_BAD ? FOLD_DROPPED : fold_char(cp, piece);
		if (n == FOLD_DROPPED)
			continue;
		if (n == FOLD_BREAK) {
			space = out > 0;
			continue;
		}
		if (out + space + (size_t)n > cap - 1)
			break;
		if (space)
			dst[out++] = ' ';
		memcpy(dst + out, piece, (size_t)n);
		out += (size_t)n;
		space = false;
	}
	dst[out] = '\0';
}
