/* csvfield: the one writer of CSV fields, for the kiosk's exports and the
 * archive's, so that the two exports of an event are the same bytes. */
#ifndef CSVFIELD_H
#define CSVFIELD_H

#include <stdbool.h>
#include <stdio.h>

/* Writes one field of a CSV row (RFC 4180), then "," or, for the last,
 * "\r\n". Quoted always (quote_all: the Mailchimp list's form) or only when
 * it must be. A leading = + - @ (or tab, CR), which a spreadsheet would read
 * as a formula (=HYPERLINK(...), +cmd, @SUM(1)), is made text by an
 * apostrophe, which spreadsheets show as text. */
void csv_field(FILE *out, const char *text, bool last, bool quote_all);

#endif
