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

static void a_stepper_moves_one_part_within_its_range(void **state)
{
	(void)state;
	char d[17] = "2027-01-31 09:58";
	assert_true(when_step(d, sizeof d, WHEN_MONTH, 1, 5));
	assert_string_equal(d, "2027-02-28 09:58"); /* no 31 February: the month's last day */
	assert_true(when_step(d, sizeof d, WHEN_MINUTE, 1, 5));
	assert_string_equal(d, "2027-02-28 09:00"); /* on to 10:00 would be the hour's step: it wraps */
	assert_true(when_step(d, sizeof d, WHEN_MINUTE, -1, 5));
	assert_string_equal(d, "2027-02-28 09:55");
	assert_true(when_step(d, sizeof d, WHEN_DAY, 1, 5));
	assert_string_equal(d, "2027-02-01 09:55");
	assert_true(when_step(d, sizeof d, WHEN_HOUR, -10, 5));
	assert_string_equal(d, "2027-02-01 08:55"); /* a step is one, whatever delta's size */
	assert_true(when_step(d, sizeof d, WHEN_MINUTE, 1, 1));
	assert_string_equal(d, "2027-02-01 08:56");
	char y[17] = "2099-12-31 23:00";
	assert_true(when_step(y, sizeof y, WHEN_YEAR, 1, 5));
	assert_string_equal(y, "2099-12-31 23:00"); /* the year stops */
	assert_true(when_step(y, sizeof y, WHEN_HOUR, 1, 5));
	assert_string_equal(y, "2099-12-31 00:00");
	char t[6] = "23:57";
	assert_true(when_step(t, sizeof t, WHEN_MINUTE, -1, 5));
	assert_string_equal(t, "23:55");
	assert_false(when_step(t, sizeof t, WHEN_DAY, 1, 5)); /* a time alone has no day */
	char bad[17] = "2027-02-30 10:00";
	assert_false(when_step(bad, sizeof bad, WHEN_DAY, 1, 5));
	int v = 0;
	assert_true(when_part_value("2027-02-03 10:05", WHEN_MONTH, &v));
	assert_int_equal(v, 2);
	assert_string_equal(when_month_name(2), "February");
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(dates_must_be_real_days_and_times),
		cmocka_unit_test(a_stepper_moves_one_part_within_its_range),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
