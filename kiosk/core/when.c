/* when: dates and times as the kiosk writes and shows them ("2026-11-27 09:30"). */
#include <stdio.h>
#include <string.h>
#include <time.h>

#include "lang.h"
#include "when.h"

static bool digits(const char *s, int n)
{
	for (int i = 0; i < n; i++)
		if (s[i] < '0' || s[i] > '9')
			return false;
	return true;
}

static int num(const char *s, int n)
{
	int v = 0;
	for (int i = 0; i < n; i++)
		v = v * 10 + (s[i] - '0');
	return v;
}

bool when_valid_time(const char *t)
{
	return strlen(t) == 5 && digits(t, 2) && t[2] == ':' && digits(t + 3, 2) &&
	       num(t, 2) < 24 && num(t + 3, 2) < 60;
}

bool when_parse(const char *s, int64_t *out)
{
	if (strlen(s) != 16 || !digits(s, 4) || s[4] != '-' || !digits(s + 5, 2) || s[7] != '-' ||
	    !digits(s + 8, 2) || s[10] != ' ' || !when_valid_time(s + 11))
		return false;
	struct tm tm = {0};
	tm.tm_year = num(s, 4) - 1900;
	tm.tm_mon = num(s + 5, 2) - 1;
	tm.tm_mday = num(s + 8, 2);
	tm.tm_hour = num(s + 11, 2);
	tm.tm_min = num(s + 14, 2);
	tm.tm_isdst = -1;
	if (tm.tm_year < 70 || tm.tm_mon > 11 || tm.tm_mday < 1)
		return false;
	struct tm check = tm;
	time_t t = mktime(&check);
	/* mktime normalises 31 February into March: refuse what it had to move. */
	if (t == (time_t)-1 || check.tm_mday != tm.tm_mday || check.tm_mon != tm.tm_mon)
		return false;
	*out = (int64_t)t;
	return true;
}

void when_format(int64_t t, char *out, size_t cap)
{
	time_t tt = (time_t)t;
	struct tm tm;
	localtime_r(&tt, &tm);
	strftime(out, cap, "%Y-%m-%d %H:%M", &tm);
}

static const char *const days[] = {N_("Sunday"), N_("Monday"), N_("Tuesday"), N_("Wednesday"),
                                   N_("Thursday"), N_("Friday"), N_("Saturday")};
static const char *const months[] = {N_("January"), N_("February"), N_("March"), N_("April"),
                                     /* TRANSLATORS: the month. */
                                     N_("May"),
                                     N_("June"), N_("July"), N_("August"), N_("September"),
                                     N_("October"), N_("November"), N_("December")};

const char *when_month_name(int month)
{
	return month >= 1 && month <= 12 ? _(months[month - 1]) : "";
}

void when_long(const char *starts, char *out, size_t cap)
{
	int64_t t;
	if (!when_parse(starts, &t)) {
		snprintf(out, cap, "%s", starts);
		return;
	}
	time_t tt = (time_t)t;
	struct tm tm;
	localtime_r(&tt, &tm);
	/* TRANSLATORS: a date and time, "Friday 27 November 2026, 09:30": the day
	   of the week, the day of the month, the month, the year, the hour and
	   the minute. Reorder with %1$s %2$d ... if needed. */
	snprintf(out, cap, _("%s %d %s %d, %02d:%02d"), _(days[tm.tm_wday]), tm.tm_mday, _(months[tm.tm_mon]),
	         tm.tm_year + 1900, tm.tm_hour, tm.tm_min);
}

static int days_in(int year, int month)
{
	static const int n[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
	bool leap = (year % 4 == 0 && year % 100 != 0) || year % 400 == 0;
	return month == 2 && leap ? 29 : n[month - 1];
}

/* Reads "YYYY-MM-DD HH:MM" or "HH:MM" into v (year, month, day, hour,
 * minute; the date parts 0 for a time alone). */
static bool read_parts(const char *text, int v[WHEN_PARTS])
{
	int64_t t;
	const char *time = text;
	v[WHEN_YEAR] = v[WHEN_MONTH] = v[WHEN_DAY] = 0;
	if (strlen(text) == 16) {
		if (!when_parse(text, &t))
			return false;
		v[WHEN_YEAR] = num(text, 4);
		v[WHEN_MONTH] = num(text + 5, 2);
		v[WHEN_DAY] = num(text + 8, 2);
		time = text + 11;
	}
	if (!when_valid_time(time))
		return false;
	v[WHEN_HOUR] = num(time, 2);
	v[WHEN_MINUTE] = num(time + 3, 2);
	return true;
}

bool when_part_value(const char *text, when_part part, int *out)
{
	int v[WHEN_PARTS];
	if (!read_parts(text, v) || (part <= WHEN_DAY && !v[WHEN_YEAR]))
		return false;
	*out = v[part];
	return true;
}

/* v[part] moved by one step in the direction of delta, within lo..hi,
 * wrapping (or stopping, for the year); the minute first onto its steps. */
static int stepped(int value, int delta, int lo, int hi, int step, bool wrap)
{
	int span = hi - lo + 1;
	if (delta > 0)
		value = (value - lo) / step * step + step + lo;
	else
		value = (value - lo + step - 1) / step * step - step + lo;
	if (!wrap)
		return value < lo ? lo : value > hi ? hi : value;
	return ((value - lo) % span + span) % span + lo;
}

bool when_step(char *text, size_t cap, when_part part, int delta, int minute_step)
{
	int v[WHEN_PARTS];
	if (!delta || !read_parts(text, v) || (part <= WHEN_DAY && !v[WHEN_YEAR]))
		return false;
	switch (part) {
	case WHEN_DAY: v[part] = stepped(v[part], delta, 1, days_in(v[WHEN_YEAR], v[WHEN_MONTH]), 1, true); break;
	case WHEN_MONTH: v[part] = stepped(v[part], delta, 1, 12, 1, true); break;
	case WHEN_YEAR: v[part] = stepped(v[part], delta, WHEN_FIRST_YEAR, WHEN_LAST_YEAR, 1, false); break;
	case WHEN_HOUR: v[part] = stepped(v[part], delta, 0, 23, 1, true); break;
	default: v[part] = stepped(v[part], delta, 0, 59, minute_step > 0 ? minute_step : 1, true); break;
	}
	/* 31 January a month on is 28 (or 29) February, not 3 March. */
	if (v[WHEN_YEAR] && v[WHEN_DAY] > days_in(v[WHEN_YEAR], v[WHEN_MONTH]))
		v[WHEN_DAY] = days_in(v[WHEN_YEAR], v[WHEN_MONTH]);
	if (v[WHEN_YEAR])
		snprintf(text, cap, "%04d-%02d-%02d %02d:%02d", v[WHEN_YEAR], v[WHEN_MONTH], v[WHEN_DAY], v[WHEN_HOUR],
		         v[WHEN_MINUTE]);
	else
		snprintf(text, cap, "%02d:%02d", v[WHEN_HOUR], v[WHEN_MINUTE]);
	return true;
}
