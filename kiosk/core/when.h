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

#endif
