/* test_lang: the kiosk's words in the languages it was built with — the
 * catalogues found, Welsh chosen and left again, its six plural forms, a
 * language without words refused with the ones there are, and the dates. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cmocka.h>

#include "lang.h"
#include "when.h"

/* The catalogues built beside the tests' kiosk (tests/run.sh sets BUILD). */
static char dir[1024];

static int setup(void **state)
{
	(void)state;
	const char *build = getenv("BUILD");
	snprintf(dir, sizeof dir, "%s/locale", build ? build : "build/asan");
	assert_int_equal(lang_init(dir), 2);
	return 0;
}

static void english_and_welsh_are_offered_english_first(void **state)
{
	(void)state;
	assert_string_equal(lang_code(0), "en");
	assert_string_equal(lang_code(1), "cy");
	assert_null(lang_code(2));
	assert_string_equal(lang_name("cy"), "Cymraeg");
	assert_string_equal(lang_name("en"), "English");
	assert_string_equal(lang_name("xx"), "xx");
}

static void words_stay_english_until_welsh_is_chosen_and_return_after(void **state)
{
	(void)state;
	char err[200];
	assert_string_equal(lang_current(), "en");
	assert_string_equal(_("Check in"), "Check in");
	assert_int_equal(lang_set("cy", err, sizeof err), 0);
	assert_string_equal(lang_current(), "cy");
	assert_string_equal(_("Check in"), "Cofrestru");
	assert_string_equal(_("Facilitator"), "Hwylusydd");
	/* Words that are not in the catalogue (a facilitator's own) stay as typed. */
	assert_string_equal(_("Frailty CoP autumn meeting"), "Frailty CoP autumn meeting");
	assert_int_equal(lang_set("en", err, sizeof err), 0);
	assert_string_equal(_("Check in"), "Check in");
}

static void welsh_counts_take_their_six_forms(void **state)
{
	(void)state;
	char err[200], got[80];
	assert_int_equal(lang_set("cy", err, sizeof err), 0);
	static const struct {
		unsigned long n;
		const char *want;
	} cases[] = {
		{1, "1 person wedi cofrestru"},   {2, "2 berson wedi cofrestru"},
		{3, "3 pherson wedi cofrestru"},  {6, "6 pherson wedi cofrestru"},
		{4, "4 o bobl wedi cofrestru"},   {40, "40 o bobl wedi cofrestru"},
	};
	for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
		snprintf(got, sizeof got, ngettext("%d person checked in", "%d people checked in", cases[i].n),
		         (int)cases[i].n);
		assert_string_equal(got, cases[i].want);
	}
	assert_int_equal(lang_set("en", err, sizeof err), 0);
	snprintf(got, sizeof got, ngettext("%d person checked in", "%d people checked in", 2), 2);
	assert_string_equal(got, "2 people checked in");
}

static void a_language_without_words_is_refused_naming_those_there_are(void **state)
{
	(void)state;
	char err[200];
	assert_int_equal(lang_set("fr", err, sizeof err), -1);
	assert_string_equal(err, "there are no words in language 'fr'; there are: en (English), cy (Cymraeg)");
	assert_string_equal(lang_current(), "en");
	/* Said in the words in use, which stay. */
	assert_int_equal(lang_set("cy", err, sizeof err), 0);
	assert_int_equal(lang_set("fr", err, sizeof err), -1);
	assert_string_equal(err, "does dim geiriau yn yr iaith 'fr'; mae geiriau yn: en (English), cy (Cymraeg)");
	assert_string_equal(lang_current(), "cy");
	assert_int_equal(lang_set("en", err, sizeof err), 0);
}

static void dates_are_written_in_the_language_in_use(void **state)
{
	(void)state;
	char err[200], out[80];
	assert_int_equal(lang_set("cy", err, sizeof err), 0);
	when_long("2026-11-27 09:30", out, sizeof out);
	assert_string_equal(out, "Dydd Gwener 27 Tachwedd 2026, 09:30");
	assert_int_equal(lang_set("en", err, sizeof err), 0);
	when_long("2026-11-27 09:30", out, sizeof out);
	assert_string_equal(out, "Friday 27 November 2026, 09:30");
}

static void a_folder_without_catalogues_offers_english_alone(void **state)
{
	(void)state;
	char empty[] = "/tmp/test_lang.XXXXXX", sub[64], err[200];
	assert_non_null(mkdtemp(empty));
	/* A language folder without the kiosk's catalogue is not offered. */
	snprintf(sub, sizeof sub, "%s/de", empty);
	assert_int_equal(mkdir(sub, 0755), 0);
	assert_int_equal(lang_init(empty), 1);
	assert_null(lang_code(1));
	assert_int_equal(lang_set("cy", err, sizeof err), -1);
	assert_string_equal(_("Check in"), "Check in");
	assert_int_equal(lang_init(NULL), 1);
	rmdir(sub);
	rmdir(empty);
	assert_int_equal(lang_init(dir), 2); /* as the other tests expect */
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(english_and_welsh_are_offered_english_first),
		cmocka_unit_test(words_stay_english_until_welsh_is_chosen_and_return_after),
		cmocka_unit_test(welsh_counts_take_their_six_forms),
		cmocka_unit_test(a_language_without_words_is_refused_naming_those_there_are),
		cmocka_unit_test(dates_are_written_in_the_language_in_use),
		cmocka_unit_test(a_folder_without_catalogues_offers_english_alone),
	};
	return cmocka_run_group_tests(tests, setup, NULL);
}
