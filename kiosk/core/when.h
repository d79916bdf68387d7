/* when: dates and times as the kiosk writes and shows them ("2026-11-27 09:30"). */
#ifndef WHEN_H
#define WHEN_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

/* Parses "YYYY-MM-DD HH:MM" (a real calendar date, 24-hour time) into local
 * time seconds since the epoch. False if the text is not such a date. */
bool when_parse(const char *text, int64_t *out);

/* True if text is "HH:MM" with a valid 24-hour time. */
bool when_valid_time(const char *text);

/* Formats local time t as "YYYY-MM-DD HH:MM" into out (at least 17 bytes). */
void when_format(int64_t t, char *out, size_t cap);

/* "Friday 27 November 2026, 09:30" from "YYYY-MM-DD HH:MM"; "" stays "". An
 * unparsable text is copied unchanged. */
void when_long(const char *starts, char *out, size_t cap);

/* The month (1 to 12) in the kiosk's language: "November", "Tachwedd". */
const char *when_month_name(int month);

/* The parts of a date and time, as steppers set them one by one. */
typedef enum { WHEN_YEAR, WHEN_MONTH, WHEN_DAY, WHEN_HOUR, WHEN_MINUTE, WHEN_PARTS } when_part;
#define WHEN_FIRST_YEAR 2000
#define WHEN_LAST_YEAR 2099

/* The number part holds in text ("YYYY-MM-DD HH:MM", or "HH:MM" for the
 * hour and minute) into *out; false if text has no such part. */
bool when_part_value(const char *text, when_part part, int *out);

/* Moves one part of text ("YYYY-MM-DD HH:MM", or "HH:MM") a step up (delta
 * > 0) or down, as a stepper does: each part wraps within its own range
 * (the day within its month, the hour within the day, the minute within the
 * hour, first put on a multiple of minute_step) and the others stay, but for
 * a day the new month has not (31 January a month on is 28 February). The
 * year stops at WHEN_FIRST_YEAR and WHEN_LAST_YEAR. Writes text again (cap
 * bytes, at least 17 for a date) and returns true; false, text unchanged,
 * if it is not such a date or time. */
bool when_step(char *text, size_t cap, when_part part, int delta, int minute_step);

#endif
