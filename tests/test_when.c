/* test_when: dates and times as the kiosk reads and shows them. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#include <cmocka.h>

#include "when.h"

static void dates_must_be_real_days_and_times(void **state)
{
	(void)state;
	int64_t t;
	assert_true(when_parse("2028-02-29 09:30", &t));
	assert_false(when_parse("2027-02-29 09:30", &t));
	assert_false(when_parse("2027-02-30 10:00", &t));
	assert_false(when_parse("2027-13-01 10:00", &t));
	assert_false(when_parse("2027-01-01 24:00", &t));
	assert_false(when_parse("2027-1-01 10:00", &t));
	assert_false(when_parse("next Tuesday", &t));
	assert_true(when_valid_time("23:59"));
	assert_false(when_valid_time("25:00"));
	char out[64];
	when_long("2027-02-03 10:00", out, sizeof out);
	assert_string_equal(out, "Wednesday 3 February 2027, 10:00");
	when_parse("2026-11-27 09:05", &t);
	when_format(t, out, sizeof out);
	assert_string_equal(out, "2026-11-27 09:05");
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(dates_must_be_real_days_and_times),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
