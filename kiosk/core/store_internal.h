/* store_internal: what the store's unit tests may reach inside it — migrating to a
 * chosen schema version and the raw SQLite handle. Not for the kiosk's screens. */
#ifndef STORE_INTERNAL_H
#define STORE_INTERNAL_H

#include <sqlite3.h>

#include "store.h"

/* Number of migration steps this build knows: the schema version a database
 * opened with store_open ends up at. */
int store_schema_latest(void);

/* As store_open, but migrates only up to version (1..store_schema_latest()), so a
 * test can build a file as an older kiosk left it. A file above version is
 * refused as STORE_TOO_NEW. */
int store_open_at_version(const char *path, int version, store **out, char *err,
			  size_t errlen);

/* The schema version recorded in the file (PRAGMA user_version), or -1 on error. */
int store_schema_version(store *s);

/* The connection itself, still owned by s: for tests that write rows the way an
 * older kiosk did or inspect what the store wrote. */
sqlite3 *store_db(store *s);

/* The plan SQLite makes for store_member_search's query (EXPLAIN QUERY PLAN),
 * one step a line in out (cap bytes), so a test can see it uses its index. */
int store_search_plan(store *s, char *out, size_t cap);

#endif
