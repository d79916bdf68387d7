/* archive: cop-sync's own SQLite database of every record it has imported —
 * separate from any kiosk's database; all its SQL lives in archive.c. */
#ifndef ARCHIVE_H
#define ARCHIVE_H

#include <stddef.h>
#include <stdio.h>

#include "sync.h"

typedef struct archive archive;

/* Status codes of the archive_ functions. */
enum {
	ARCHIVE_OK = 0,
	ARCHIVE_INVALID,   /* an argument refused (unknown export format) */
	ARCHIVE_CORRUPT,   /* not a cop-sync archive, or damaged */
	ARCHIVE_IO         /* cannot open, read or write; busy; full disk */
};

/* What one import did to the archive. */
typedef struct {
	size_t added;      /* gids the archive did not hold */
	size_t updated;    /* held with a lower "changed": replaced */
	size_t unchanged;  /* held with the same or a higher "changed": kept */
} archive_counts;

/* Opens (creating if absent) the archive at path. On ARCHIVE_OK *out owns the
 * handle (archive_close); otherwise *out is NULL and err holds one line. A file
 * that is not a cop-sync archive is never modified. */
int archive_open(const char *path, archive **out, char *err, size_t errlen);

/* Closes the handle; NULL is accepted. */
void archive_close(archive *a);

/* Imports every record of the batch in one transaction, as upserts on gid (a
 * record whose "changed" is not above the stored one leaves it as it is), and
 * notes the batch with its receipt. All or nothing: on failure nothing changed
 * and err holds one line. */
int archive_import(archive *a, const sync_batch *b, archive_counts *counts, char *err,
                   size_t errlen);

/* Writes an export to out: "csv" (one event's attendance, in the same bytes as
 * the kiosk's `cop-kiosk export --format csv` of that event), "mailchimp"
 * (opted-in people), "markdown" (a report per event) or "json" (everything).
 * event: an event's gid, or NULL: for csv the newest event (latest start), for
 * markdown every event; it must be NULL for mailchimp and json. Returns
 * ARCHIVE_OK, ARCHIVE_INVALID (unknown format or event) or ARCHIVE_IO, with one
 * line in err. */
int archive_export(archive *a, const char *format, const char *event, FILE *out, char *err,
                   size_t errlen);

/* Writes the quarterly measures of the calendar quarter named "YYYYQn" (n 1..4;
 * NULL: the quarter of the newest event's start) to out as plain text: events
 * starting in it, standing check-ins at them, people on the mailing list and
 * their organisations at the quarter's end (now, when member records carry no
 * creation time), each with its change since the quarter before. An empty
 * archive gets one line saying so. Returns ARCHIVE_OK, ARCHIVE_INVALID (a bad
 * quarter; no quarter given and no event with a start) or ARCHIVE_IO, with one
 * line in err. */
int archive_report(archive *a, const char *quarter, FILE *out, char *err, size_t errlen);

#endif
