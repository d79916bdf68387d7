/* archive_internal: what the archive's own files share (archive.c, the
 * accounts, the pages' reads and the two engines); nothing outside the
 * archive includes it.
 *
 * The archive's SQL is written once, in the dialect SQLite and PostgreSQL
 * share: parameters $1..$n (all passed as text, CAST where a number is meant),
 * JSON fields read with ->> (CAST to BIGINT where a number is meant, J_TRUE
 * for a bool), NULLS FIRST/LAST where a sort meets NULLs, no bare columns
 * beside an aggregate. Each engine runs it: archive_sqlite.c, archive_pg.c. */
#ifndef ARCHIVE_INTERNAL_H
#define ARCHIVE_INTERNAL_H

#include <pthread.h>

#include "archive.h"

/* A statement's status besides the public ones: a unique key already held. */
#define ARCHIVE_TAKEN 100

/* One row of a result, read with archive_text / archive_int / archive_real;
 * each engine's row begins with it. */
typedef struct archive_row archive_row;
struct archive_row {
	const char *(*text)(const archive_row *row, int i); /* column i, "" for NULL */
};
typedef void archive_each(const archive_row *row, void *ctx);

/* An engine: what differs between SQLite and PostgreSQL, and nothing more. */
typedef struct {
	const char *name;
	/* Opens (creating or migrating) the archive at where into a->db. */
	int (*open)(archive *a, const char *where, char *err, size_t errlen);
	void (*close)(archive *a);
	/* Runs one statement with n text parameters (NULL: SQL NULL), calling
	 * each(row, ctx) once a row; *changes: rows written (if not NULL).
	 * ARCHIVE_OK, ARCHIVE_TAKEN or ARCHIVE_IO (the reason in a->msg). */
	int (*run)(archive *a, const char *sql, int n, const char *const *args, archive_each *each,
	           void *ctx, long *changes);
	/* Starts a writing transaction, serialised with every other writer of
	 * the same key (a kiosk) across processes. */
	int (*begin)(archive *a, const char *key);
	/* Ends it: COMMIT (commit true) or ROLLBACK. */
	int (*end)(archive *a, bool commit);
} archive_engine;

extern const archive_engine archive_sqlite, archive_pg;

struct archive {
	const archive_engine *engine;
	void *db;                /* sqlite3 * or PGconn * */
	pthread_mutex_t lock;    /* one statement or transaction at a time (serve's threads) */
	char msg[256];           /* the last error, for the messages */
	bool in_transaction;     /* between begin and end: a lost connection is not made again */
};

/* The archive's statements and transactions, through its engine. */
int archive_run(archive *a, const char *sql, int n, const char *const *args, archive_each *each,
                void *ctx, long *changes);
int archive_begin(archive *a, const char *key);
int archive_end(archive *a, bool commit);
const char *archive_text(const archive_row *row, int i);
long long archive_int(const archive_row *row, int i);   /* "t" (a bool) reads as 1 */
double archive_real(const archive_row *row, int i);
/* The first column of the first row as an integer into *out (0 if no row). */
int archive_count(archive *a, const char *sql, int n, const char *const *args, long long *out);

/* JSON field k of record x as an integer (NULL if absent). */
#define J_INT(x, k) "CAST(" x ".body ->> '" k "' AS BIGINT)"
/* SQL true when bool field k of record x is true (JSON true reads as 1 in SQLite). */
#define J_TRUE(x, k) "(coalesce(CAST(" x ".body ->> '" k "' AS TEXT), '') IN ('1', 'true'))"
/* The sequence number in a record's gid ("KIOSK-SEQ"), as SQL on alias x. */
#define GID_SEQ(x) "CAST(substr(" x ".gid, length(" x ".kiosk) + 2) AS BIGINT)"
/* Where an event sorts for "first visit": events without a start last. */
#define EVENT_RANK(e, c) \
	"(coalesce(" e ".body ->> 'starts', '') = '', coalesce(" e ".body ->> 'starts', ''), " \
	GID_SEQ(c) ")"
/* SQL true when check-in c (at event e) is its member's first standing
 * check-in: none at an earlier event, as the kiosk counts newcomers. */
#define NEWCOMER(c, e) \
	"NOT EXISTS (SELECT 1 FROM records c2 JOIN records e2 ON e2.gid = c2.body ->> 'event'\n" \
	"	WHERE c2.type = 'checkin' AND c2.body ->> 'member' = " c ".body ->> 'member'\n" \
	"	AND NOT " J_TRUE("c2", "undone") " AND c2.gid <> " c ".gid\n" \
	"	AND " EVENT_RANK("e2", "c2") " < " EVENT_RANK(e, c) ")"

/* SQL true when the user named by parameter p sees everything: p NULL (the
 * command line), or a member of every community ('*'). */
#define ALL_SCOPE(p) \
	"(CAST(" p " AS TEXT) IS NULL OR EXISTS (SELECT 1 FROM memberships ms\n" \
	"	WHERE ms.name = " p " AND ms.community = '*'))"
/* SQL true when event e is one of the communities of the user named by
 * parameter p (NULL: everything, as on the command line). */
#define IN_SCOPE(e, p) \
	"(CAST(" p " AS TEXT) IS NULL OR EXISTS (SELECT 1 FROM memberships ms\n" \
	"	WHERE ms.name = " p " AND ms.community IN ('*', coalesce(" e ".body ->> 'community', ''))))"
/* The same two for a keeper or an admin of them (a critical friend reads,
 * and changes nothing). */
#define ALL_KEPT(p) \
	"(CAST(" p " AS TEXT) IS NULL OR EXISTS (SELECT 1 FROM memberships ms\n" \
	"	WHERE ms.name = " p " AND ms.community = '*' AND ms.role IN ('keeper', 'admin')))"
#define IN_KEPT(e, p) \
	"(CAST(" p " AS TEXT) IS NULL OR EXISTS (SELECT 1 FROM memberships ms\n" \
	"	WHERE ms.name = " p " AND ms.role IN ('keeper', 'admin')\n" \
	"	AND ms.community IN ('*', coalesce(" e ".body ->> 'community', ''))))"
/* SQL true when member m checked in at an event of those communities. */
#define MEMBER_IN_SCOPE(m, p) \
	"(" ALL_SCOPE(p) " OR EXISTS (SELECT 1 FROM records sc\n" \
	"	JOIN records se ON se.gid = sc.body ->> 'event'\n" \
	"	WHERE sc.type = 'checkin' AND sc.body ->> 'member' = " m ".gid AND " IN_SCOPE("se", p) "))"
/* SQL true when record x is of those communities: one of their events, a
 * record of such an event, or a member seen at one. */
#define RECORD_IN_SCOPE(x, p) \
	"(" ALL_SCOPE(p) " OR (" x ".type = 'event' AND " IN_SCOPE(x, p) ")\n" \
	"	OR (" x ".type = 'member' AND " MEMBER_IN_SCOPE(x, p) ")\n" \
	"	OR EXISTS (SELECT 1 FROM records xe WHERE xe.gid = " x ".body ->> 'event'\n" \
	"		AND xe.type = 'event' AND " IN_SCOPE("xe", p) "))"

/* SQL true when the user named by parameter p administers kiosk k's
 * communities: an admin of every community, or of one of its events'. */
#define ADMIN_OF_KIOSK(k, p) \
	"(EXISTS (SELECT 1 FROM memberships ma WHERE ma.name = " p " AND ma.role = 'admin'\n" \
	"	AND (ma.community = '*' OR EXISTS (SELECT 1 FROM records ke WHERE ke.kiosk = " k "\n" \
	"		AND ke.type = 'event' AND coalesce(ke.body ->> 'community', '') = ma.community))))"


#endif
