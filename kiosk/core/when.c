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

void when_long(const char *starts, char *out, size_t cap)
{
	static const char *const days[] = {N_("Sunday"), N_("Monday"), N_("Tuesday"), N_("Wednesday"),
	                                   N_("Thursday"), N_("Friday"), N_("Saturday")};
	static const char *const months[] = {N_("January"), N_("February"), N_("March"), N_("April"),
	                                     /* TRANSLATORS: the month. */
	                                     N_("May"),
	                                     N_("June"), N_("July"), N_("August"), N_("September"),
	                                     N_("October"), N_("November"), N_("December")};
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
