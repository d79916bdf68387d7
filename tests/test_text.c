/* test_text: UTF-8 validation, whole-character editing and search-key folding. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include <cmocka.h>

#include "text.h"

static bool valid(const char *s)
{
	return text_valid_utf8(s, strlen(s));
}

/* The fold of src into a roomy buffer, checked to be valid UTF-8. */
static const char *fold(const char *src)
{
	static char out[256];
	text_fold(out, sizeof out, src);
	assert_true(valid(out));
	return out;
}

/* ---- validation ---- */

static void valid_utf8_accepts_names_in_many_scripts(void **state)
{
	(void)state;
	assert_true(valid(""));
	assert_true(valid("Siân Ó Dálaigh"));
	assert_true(valid("Dafydd ap Gwŷn"));
	assert_true(valid("Ελένη Παπαδοπούλου"));
	assert_true(valid("Наталья"));
	assert_true(valid("王秀英"));
	assert_true(valid("محمد"));
	assert_true(valid("Emoji \xF0\x9F\x98\x80"));
}

static void valid_utf8_accepts_the_edges_of_every_range(void **state)
{
	(void)state;
	assert_true(valid("\x7F"));                 /* U+007F */
	assert_true(valid("\xC2\x80"));             /* U+0080 */
	assert_true(valid("\xDF\xBF"));             /* U+07FF */
	assert_true(valid("\xE0\xA0\x80"));         /* U+0800 */
	assert_true(valid("\xED\x9F\xBF"));         /* U+D7FF */
	assert_true(valid("\xEE\x80\x80"));         /* U+E000 */
	assert_true(valid("\xEF\xBF\xBF"));         /* U+FFFF */
	assert_true(valid("\xF0\x90\x80\x80"));     /* U+10000 */
	assert_true(valid("\xF4\x8F\xBF\xBF"));     /* U+10FFFF */
}

static void valid_utf8_rejects_overlongs_surrogates_and_values_above_the_maximum(void **state)
{
	(void)state;
	assert_false(valid("\xC0\xAF"));            /* '/' in two bytes */
	assert_false(valid("\xC1\xBF"));
	assert_false(valid("\xE0\x80\xAF"));        /* '/' in three bytes */
	assert_false(valid("\xE0\x9F\xBF"));        /* U+07FF in three bytes */
	assert_false(valid("\xF0\x80\x80\xAF"));    /* '/' in four bytes */
	assert_false(valid("\xF0\x8F\xBF\xBF"));    /* U+FFFF in four bytes */
	assert_false(valid("\xED\xA0\x80"));        /* U+D800 */
	assert_false(valid("\xED\xBF\xBF"));        /* U+DFFF */
	assert_false(valid("\xF4\x90\x80\x80"));    /* U+110000 */
	assert_false(valid("\xF5\x80\x80\x80"));
	assert_false(valid("\xFE"));
	assert_false(valid("\xFF"));
}

static void valid_utf8_rejects_truncated_sequences_and_stray_continuation_bytes(void **state)
{
	(void)state;
	assert_false(valid("Si\xC3"));
	assert_false(valid("\xE2\x82"));
	assert_false(valid("\xF0\x9F\x98"));
	assert_false(valid("\xE2\x82x"));
	assert_false(valid("\x80"));
	assert_false(valid("abc\xBF"));
	assert_false(valid("\xC3\xA2\xA2"));
	/* The length bounds the check: a sequence cut by len is truncated. */
	assert_false(text_valid_utf8("\xC3\xA2", 1));
	assert_true(text_valid_utf8("\xC3\xA2", 2));
}

static void decode_returns_code_points_and_their_lengths(void **state)
{
	(void)state;
	size_t len = 99;
	assert_int_equal(text_decode("a", &len), 'a');
	assert_int_equal(len, 1);
	assert_int_equal(text_decode("â", &len), 0xE2);
	assert_int_equal(len, 2);
	assert_int_equal(text_decode("ŵ", &len), 0x175);
	assert_int_equal(len, 2);
	assert_int_equal(text_decode("€", &len), 0x20AC);
	assert_int_equal(len, 3);
	assert_int_equal(text_decode("\xF0\x9F\x98\x80", &len), 0x1F600);
	assert_int_equal(len, 4);
	assert_int_equal(text_decode("", &len), 0);
	assert_int_equal(len, 0);
	assert_int_equal(text_decode("x", NULL), 'x');
}

static void decode_of_malformed_input_gives_a_replacement_and_length_one(void **state)
{
	(void)state;
	size_t len = 99;
	assert_int_equal(text_decode("\x80", &len), 0xFFFD);
	assert_int_equal(len, 1);
	assert_int_equal(text_decode("\xE2\x82", &len), 0xFFFD);
	assert_int_equal(len, 1);
	assert_int_equal(text_decode("\xED\xA0\x80", &len), 0xFFFD);
	assert_int_equal(len, 1);
	assert_int_equal(text_decode("\xC0\xAF", &len), 0xFFFD);
	assert_int_equal(len, 1);
}

static void chars_counts_code_points_not_bytes(void **state)
{
	(void)state;
	assert_int_equal(text_chars(""), 0);
	assert_int_equal(text_chars("Sian"), 4);
	assert_int_equal(text_chars("Siân"), 4);
	assert_int_equal(text_chars("王秀英"), 3);
	assert_int_equal(text_chars("a\xF0\x9F\x98\x80"), 2);
}

/* ---- editing ---- */

static void append_adds_whole_characters_and_says_how_many(void **state)
{
	(void)state;
	char buf[32] = "Si";
	assert_int_equal(text_append(buf, sizeof buf, 30, "ân"), 2);
	assert_string_equal(buf, "Siân");
	assert_int_equal(text_append(buf, sizeof buf, 30, ""), 0);
	assert_string_equal(buf, "Siân");
}

static void append_refuses_invalid_utf8_and_keeps_the_buffer(void **state)
{
	(void)state;
	char buf[32] = "Siân";
	assert_int_equal(text_append(buf, sizeof buf, 30, "ok\xC3"), -1);
	assert_string_equal(buf, "Siân");
	assert_int_equal(text_append(buf, sizeof buf, 30, "\xED\xA0\x80"), -1);
	assert_int_equal(text_append(buf, sizeof buf, 30, "\xC0\xAF"), -1);
	assert_string_equal(buf, "Siân");
}

static void append_stops_at_the_character_limit_on_a_boundary(void **state)
{
	(void)state;
	char buf[64] = "Si";
	assert_int_equal(text_append(buf, sizeof buf, 4, "ân Ó"), 2);
	assert_string_equal(buf, "Siân");
	assert_int_equal(text_append(buf, sizeof buf, 4, "x"), 0);
	assert_string_equal(buf, "Siân");
}

static void append_stops_at_the_byte_capacity_on_a_boundary(void **state)
{
	(void)state;
	char buf[6] = "ab";
	/* Three bytes free: "â" (2) fits, the emoji (4) does not, nor its half. */
	assert_int_equal(text_append(buf, sizeof buf, 100, "â\xF0\x9F\x98\x80z"), 1);
	assert_string_equal(buf, "abâ");
	assert_int_equal(text_append(buf, sizeof buf, 100, "z"), 1);
	assert_string_equal(buf, "abâz");
	assert_int_equal(text_append(buf, sizeof buf, 100, "â"), 0);
	assert_string_equal(buf, "abâz");
	assert_true(valid(buf));
}

static void append_drops_control_characters_but_keeps_newlines(void **state)
{
	(void)state;
	char buf[32] = "";
	assert_int_equal(text_append(buf, sizeof buf, 30, "a\tb\x1B[c\nd\x7F\xC2\x85"), 6);
	assert_string_equal(buf, "ab[c\nd");
}

static void backspace_removes_a_whole_two_byte_character(void **state)
{
	(void)state;
	char buf[16] = "Siâ";
	text_backspace(buf);
	assert_string_equal(buf, "Si");
	text_backspace(buf);
	assert_string_equal(buf, "S");
}

static void backspace_removes_a_whole_four_byte_emoji(void **state)
{
	(void)state;
	char buf[16] = "ok\xF0\x9F\x98\x80";
	text_backspace(buf);
	assert_string_equal(buf, "ok");
	char cjk[16] = "王秀";
	text_backspace(cjk);
	assert_string_equal(cjk, "王");
}

static void backspace_on_an_empty_buffer_does_nothing(void **state)
{
	(void)state;
	char buf[4] = "";
	text_backspace(buf);
	assert_string_equal(buf, "");
}

static void sanitize_keeps_valid_text_unchanged(void **state)
{
	(void)state;
	char out[64];
	text_sanitize(out, sizeof out, "Siân Ó Dálaigh \xF0\x9F\x98\x80");
	assert_string_equal(out, "Siân Ó Dálaigh \xF0\x9F\x98\x80");
	text_sanitize(out, sizeof out, NULL);
	assert_string_equal(out, "");
}

static void sanitize_replaces_each_malformed_sequence_with_one_replacement(void **state)
{
	(void)state;
	char out[64];
	text_sanitize(out, sizeof out, "a\xE2\x82z");           /* truncated: one */
	assert_string_equal(out, "a\xEF\xBF\xBDz");
	text_sanitize(out, sizeof out, "\x80\x80");            /* stray: one each */
	assert_string_equal(out, "\xEF\xBF\xBD\xEF\xBF\xBD");
	text_sanitize(out, sizeof out, "\xED\xA0\x80");        /* surrogate: no subpart */
	assert_string_equal(out, "\xEF\xBF\xBD\xEF\xBF\xBD\xEF\xBF\xBD");
	text_sanitize(out, sizeof out, "\xC0\xAF!");
	assert_string_equal(out, "\xEF\xBF\xBD\xEF\xBF\xBD!");
	text_sanitize(out, sizeof out, "\xF0\x9F\x98");       /* truncated emoji */
	assert_string_equal(out, "\xEF\xBF\xBD");
}

static void sanitize_cuts_at_a_character_boundary_when_the_buffer_is_small(void **state)
{
	(void)state;
	char out[5];
	text_sanitize(out, sizeof out, "abâ\xF0\x9F\x98\x80");
	assert_string_equal(out, "abâ");
	text_sanitize(out, sizeof out, "ab\x80\x80");
	assert_string_equal(out, "ab");
	char one[1];
	text_sanitize(one, sizeof one, "abc");
	assert_string_equal(one, "");
}

/* ---- folding ---- */

static void fold_ignores_case_accents_and_apostrophes(void **state)
{
	(void)state;
	assert_string_equal(fold("Siân Ó Dálaigh"), "sian o dalaigh");
	assert_string_equal(fold("O'Neil"), "oneil");
	assert_string_equal(fold("O\xE2\x80\x99Neil"), "oneil");   /* ’ */
	assert_string_equal(fold("O\xCA\xBCNeil"), "oneil");       /* ʼ */
	assert_string_equal(fold("  ZOË  "), "zoe");
	assert_string_equal(fold("Åsa Ørsted"), "asa orsted");
	assert_string_equal(fold("Dafydd ap Gwŷn"), "dafydd ap gwyn");
	assert_string_equal(fold("SIAN"), fold("siân"));
	assert_string_equal(fold("Dr. J. R. Smith"), "dr j r smith");
}

static void fold_turns_hyphens_underscores_and_space_runs_into_single_spaces(void **state)
{
	(void)state;
	assert_string_equal(fold("Jean-Luc Picard"), "jean luc picard");
	assert_string_equal(fold("jean_luc"), "jean luc");
	assert_string_equal(fold("Jean \xE2\x80\x93 Luc"), "jean luc");  /* en dash */
	assert_string_equal(fold("a \t\n b\xC2\xA0" "c"), "a b c");      /* NBSP */
	assert_string_equal(fold("--Ann--"), "ann");
	assert_string_equal(fold("   "), "");
	assert_string_equal(fold(""), "");
	assert_string_equal(fold(NULL), "");
}

static void fold_spells_out_letters_that_have_no_accent_to_strip(void **state)
{
	(void)state;
	assert_string_equal(fold("Łukasz Wałęsa"), "lukasz walesa");
	assert_string_equal(fold("Æthelred Œuvre"), "aethelred oeuvre");
	assert_string_equal(fold("Straße"), "strasse");
	assert_string_equal(fold("STRAẞE"), "strasse");
	assert_string_equal(fold("Đorđe"), "dorde");
	assert_string_equal(fold("Þóra Ðís"), "thora dis");
	assert_string_equal(fold("ŴŶ ŵŷ"), "wy wy");
	assert_string_equal(fold("Ẃ Ẁ Ẅ Ỳ"), "w w w y");
	assert_string_equal(fold("Ștefan Țurcanu Bălan"), "stefan turcanu balan");
	assert_string_equal(fold("Nguyễn Thị Đức"), "nguyen thi duc");
	assert_string_equal(fold("İstanbul ılık"), "istanbul ilik");
	assert_string_equal(fold("Dvořák Müller Sørensen"), "dvorak muller sorensen");
}

static void fold_of_every_latin_letter_is_lower_case_ascii(void **state)
{
	(void)state;
	/* Latin-1 letters and all of Latin Extended-A. */
	for (uint32_t cp = 0xC0; cp <= 0x17F; cp++) {
		if (cp == 0xD7 || cp == 0xF7)
			continue;
		char in[3] = {(char)(0xC0 | cp >> 6), (char)(0x80 | (cp & 0x3F)), '\0'};
		char out[8];
		text_fold(out, sizeof out, in);
		size_t len = strlen(out);
		assert_true(len == 1 || len == 2);
		for (size_t i = 0; i < len; i++) {
			if (out[i] < 'a' || out[i] > 'z')
				fail_msg("U+%04X folds to \"%s\"", (unsigned)cp, out);
		}
	}
	assert_string_equal(fold("\xC3\x97\xC3\xB7"), "");   /* × ÷ are symbols */
}

static void fold_strips_greek_tonos_and_lowers_greek_and_cyrillic(void **state)
{
	(void)state;
	assert_string_equal(fold("Ελένη ΠΑΠΑΔΟΠΟΎΛΟΥ"), "ελενη παπαδοπουλου");
	assert_string_equal(fold("Νίκος"), "νικοσ");
	assert_string_equal(fold("ΐΰϊϋ"), "ιυιυ");
	assert_string_equal(fold("НАТАЛЬЯ Ёлкина"), "наталья ёлкина");
	assert_string_equal(fold("ҐАНДЗЯ ЇЖАК"), "ґандзя їжак");
}

static void fold_keeps_characters_without_a_folding(void **state)
{
	(void)state;
	assert_string_equal(fold("王秀英"), "王秀英");
	assert_string_equal(fold("محمد علي"), "محمد علي");
	assert_string_equal(fold("Ann \xF0\x9F\x98\x80"), "ann \xF0\x9F\x98\x80");
	assert_string_equal(fold("Əli"), "Əli");
}

static void fold_drops_the_combining_accents_of_decomposed_text(void **state)
{
	(void)state;
	assert_string_equal(fold("Sia\xCC\x82n O\xCC\x81 Da\xCC\x81laigh"), "sian o dalaigh");
}

static void fold_drops_malformed_bytes(void **state)
{
	(void)state;
	assert_string_equal(fold("Si\xC3n\x80 \xED\xA0\x80O'Neil"), "sin oneil");
}

static void fold_fits_the_buffer_and_cuts_at_a_character_boundary(void **state)
{
	(void)state;
	const char *src = "  Siân Ó Dálaigh-Straße 王秀英 Ελένη ";
	char full[128];
	text_fold(full, sizeof full, src);
	assert_string_equal(full, "sian o dalaigh strasse 王秀英 ελενη");
	for (size_t cap = 1; cap <= strlen(full) + 1; cap++) {
		char out[128];
		memset(out, 'X', sizeof out);
		text_fold(out, cap, src);
		size_t len = strlen(out);
		assert_true(len < cap);
		assert_true(valid(out));
		assert_memory_equal(out, full, len);                 /* a prefix */
		assert_true(len == 0 || out[len - 1] != ' ');        /* trimmed */
		assert_int_equal(out[cap], 'X');                     /* wrote nothing past cap */
	}
}

static void fold_is_never_longer_than_its_source(void **state)
{
	(void)state;
	/* Every code point up to U+3100 between two letters, which walks every cell
	 * of the folding tables. */
	for (uint32_t cp = 1; cp < 0x3100; cp++) {
		if (cp >= 0xD800 && cp <= 0xDFFF)
			continue;
		char in[8] = "x";
		size_t n = cp < 0x80 ? 1 : cp < 0x800 ? 2 : 3;
		if (n == 1) {
			in[1] = (char)cp;
		} else if (n == 2) {
			in[1] = (char)(0xC0 | cp >> 6);
			in[2] = (char)(0x80 | (cp & 0x3F));
		} else {
			in[1] = (char)(0xE0 | cp >> 12);
			in[2] = (char)(0x80 | (cp >> 6 & 0x3F));
			in[3] = (char)(0x80 | (cp & 0x3F));
		}
		in[n + 1] = 'Y';
		const char *out = fold(in);
		assert_true(strlen(out) <= strlen(in));
		assert_true(out[0] == 'x' && out[strlen(out) - 1] == 'y');
	}
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(valid_utf8_accepts_names_in_many_scripts),
		cmocka_unit_test(valid_utf8_accepts_the_edges_of_every_range),
		cmocka_unit_test(valid_utf8_rejects_overlongs_surrogates_and_values_above_the_maximum),
		cmocka_unit_test(valid_utf8_rejects_truncated_sequences_and_stray_continuation_bytes),
		cmocka_unit_test(decode_returns_code_points_and_their_lengths),
		cmocka_unit_test(decode_of_malformed_input_gives_a_replacement_and_length_one),
		cmocka_unit_test(chars_counts_code_points_not_bytes),
		cmocka_unit_test(append_adds_whole_characters_and_says_how_many),
		cmocka_unit_test(append_refuses_invalid_utf8_and_keeps_the_buffer),
		cmocka_unit_test(append_stops_at_the_character_limit_on_a_boundary),
		cmocka_unit_test(append_stops_at_the_byte_capacity_on_a_boundary),
		cmocka_unit_test(append_drops_control_characters_but_keeps_newlines),
		cmocka_unit_test(backspace_removes_a_whole_two_byte_character),
		cmocka_unit_test(backspace_removes_a_whole_four_byte_emoji),
		cmocka_unit_test(backspace_on_an_empty_buffer_does_nothing),
		cmocka_unit_test(sanitize_keeps_valid_text_unchanged),
		cmocka_unit_test(sanitize_replaces_each_malformed_sequence_with_one_replacement),
		cmocka_unit_test(sanitize_cuts_at_a_character_boundary_when_the_buffer_is_small),
		cmocka_unit_test(fold_ignores_case_accents_and_apostrophes),
		cmocka_unit_test(fold_turns_hyphens_underscores_and_space_runs_into_single_spaces),
		cmocka_unit_test(fold_spells_out_letters_that_have_no_accent_to_strip),
		cmocka_unit_test(fold_of_every_latin_letter_is_lower_case_ascii),
		cmocka_unit_test(fold_strips_greek_tonos_and_lowers_greek_and_cyrillic),
		cmocka_unit_test(fold_keeps_characters_without_a_folding),
		cmocka_unit_test(fold_drops_the_combining_accents_of_decomposed_text),
		cmocka_unit_test(fold_drops_malformed_bytes),
		cmocka_unit_test(fold_fits_the_buffer_and_cuts_at_a_character_boundary),
		cmocka_unit_test(fold_is_never_longer_than_its_source),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
