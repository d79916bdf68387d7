/* roster: reads attendee lists (Eventbrite exports, plain CSV files) into
 * members, row by row, reporting the rows it cannot use. */
#ifndef ROSTER_H
#define ROSTER_H

#include <stdio.h>

#include "store.h"

typedef struct {
	int added;      /* new members */
	int existing;   /* rows matching a member already known (nothing changed) */
	int bad;        /* rows that could not be used, reported through report */
	int forgotten;  /* rows of people forgotten at their request: left out */
} roster_result;

/* Called for each row that cannot be used: its line number in the file (the
 * first line of the row) and a plain reason. */
typedef void roster_report(void *ctx, long line, const char *reason);

/* Imports the CSV in f into s. The header row names the columns: an
 * Eventbrite export (First Name, Last Name, Email, Company or Organisation,
 * Job Title...) or a plain first,last,organisation,email file; UTF-8 with or
 * without BOM; quoted fields with commas and newlines; CRLF. Good rows are
 * imported even when others are bad, all in one transaction; re-importing
 * creates no duplicates. Returns STORE_OK, or STORE_INVALID with a reason in
 * err when the file as a whole cannot be used (no header with a first-name
 * column, not UTF-8, not CSV).
 *
 * Also: a file whose first row names no column but has exactly four fields,
 * the fourth with an '@', is read as first,last,organisation,email without a
 * header. A row is already known when a member has its email (case aside) or
 * its first name, last name and organisation (folded); nothing of theirs
 * changes. A row of someone who was forgotten (store_member_forgotten) and is
 * not a member again is left out: a roster does not bring them back.
 * Imported members get both consents off: a roster is not consent.
 * Rows with no field at all (",,,") are skipped silently. A job title that is
 * on the profession pick list takes the list's spelling. report may be NULL.
 * When the data file fails (full disk...) the store's status is returned
 * with its message in err. Whenever the status is not STORE_OK nothing was
 * imported and *out is all zero. */
int roster_import(store *s, FILE *f, roster_result *out, roster_report *report, void *ctx, char *err,
                  size_t errlen);

#endif
