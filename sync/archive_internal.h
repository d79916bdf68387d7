/* archive_internal: what the archive's own files share (archive.c, the
 * accounts and the pages' reads); nothing outside the archive includes it. */
#ifndef ARCHIVE_INTERNAL_H
#define ARCHIVE_INTERNAL_H

#include <sqlite3.h>

#include "archive.h"

struct archive {
	sqlite3 *db;
};

/* The sequence number in a record's gid ("KIOSK-SEQ"), as SQL on alias x. */
#define GID_SEQ(x) "CAST(substr(" x ".gid, length(" x ".kiosk) + 2) AS INTEGER)"
/* Where an event sorts for "first visit": events without a start last. */
#define EVENT_RANK(e, c) \
	"(coalesce(" e ".body ->> 'starts', '') = '', coalesce(" e ".body ->> 'starts', ''), " \
	GID_SEQ(c) ")"
/* SQL true when check-in c (at event e) is its member's first standing
 * check-in: none at an earlier event, as the kiosk counts newcomers. */
#define NEWCOMER(c, e) \
	"NOT EXISTS (SELECT 1 FROM records c2 JOIN records e2 ON e2.gid = c2.body ->> 'event'\n" \
	"	WHERE c2.type = 'checkin' AND c2.body ->> 'member' = " c ".body ->> 'member'\n" \
	"	AND NOT coalesce(c2.body ->> 'undone', 0) AND c2.gid <> " c ".gid\n" \
	"	AND " EVENT_RANK("e2", "c2") " < " EVENT_RANK(e, c) ")"

/* Writes a printf-style line into err (if err and errlen). */
void archive_say(char *err, size_t errlen, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));

/* Column i of the current row as text, "" for NULL. */
const char *archive_col(sqlite3_stmt *st, int i);

#endif
