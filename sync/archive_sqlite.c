/* archive_sqlite: the archive's SQLite engine — one file, made private,
 * migrated by user_version; the default, with nothing to set up. */
#include "archive_internal.h"

#include <errno.h>
#include <fcntl.h>
#include <sqlite3.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#define APPLICATION_ID 0x436f5053 /* "CoPS" */

/* Each step takes the archive from the version before it to the next; append
 * only (an archive records how far it went in user_version). */
static const char schema_1[] =
	"CREATE TABLE records (\n"
	"	gid TEXT PRIMARY KEY NOT NULL,\n"
	"	type TEXT NOT NULL,\n"
	"	kiosk TEXT NOT NULL,\n"
	"	changed INTEGER NOT NULL,\n"
	"	body TEXT NOT NULL CHECK (json_valid(body)),\n"
	"	batch TEXT NOT NULL\n"              /* kiosk/batch that wrote this version */
	");\n"
	"CREATE INDEX records_type ON records (type);\n"
	"CREATE TABLE batches (\n"
	"	kiosk TEXT NOT NULL,\n"
	"	batch TEXT NOT NULL,\n"
	"	created INTEGER NOT NULL,\n"
	"	receipt TEXT NOT NULL,\n"
	"	records INTEGER NOT NULL,\n"
	"	imported_at INTEGER NOT NULL,\n"
	"	PRIMARY KEY (kiosk, batch)\n"
	");\n";

/* The online space's accounts: a session is kept as the hash of its cookie's
 * token, so that a copy of the archive opens no session. */
static const char schema_2[] =
	"CREATE TABLE users (\n"
	"	name TEXT PRIMARY KEY NOT NULL,\n"
	"	hash TEXT NOT NULL,\n"                 /* Argon2id, libsodium's string form */
	"	created INTEGER NOT NULL\n"
	");\n"
	"CREATE TABLE sessions (\n"
	"	token_hash TEXT PRIMARY KEY NOT NULL,\n"
	"	user TEXT NOT NULL REFERENCES users (name) ON DELETE CASCADE,\n"
	"	csrf TEXT NOT NULL,\n"
	"	created INTEGER NOT NULL,\n"
	"	seen INTEGER NOT NULL\n"
	");\n"
	"CREATE INDEX sessions_user ON sessions (user);\n"
	"CREATE TABLE signin_failures (\n"
	"	key TEXT PRIMARY KEY NOT NULL,\n"      /* 'user:NAME' or 'addr:ADDRESS' */
	"	failures INTEGER NOT NULL,\n"
	"	next_try INTEGER NOT NULL\n"           /* Unix time before which no try is checked */
	");\n"
	/* The pages read an event's records by type and event. */
	"CREATE INDEX records_event ON records (type, body ->> 'event');\n";

/* Each kiosk's signing key, pinned at its first signed batch; a keeper may
 * refuse a kiosk (refused = 1): its batches are then not imported. */
static const char schema_3[] =
	"CREATE TABLE kiosks (\n"
	"	kiosk TEXT PRIMARY KEY NOT NULL,\n"
	"	signer TEXT,\n"                        /* hex Ed25519 key; NULL: unsigned so far */
	"	pinned_at INTEGER NOT NULL,\n"
	"	refused INTEGER NOT NULL DEFAULT 0\n"
	");\n";

/* Many communities in one space: a user is a member of communities (an
 * event's "community"; '*': every one) with a role. The users there were
 * before saw everything and managed it: they become admins of every
 * community, so nothing they saw is taken from them. */
static const char schema_4[] =
	"CREATE TABLE memberships (\n"
	"	name TEXT NOT NULL REFERENCES users (name) ON DELETE CASCADE,\n"
	"	community TEXT NOT NULL,\n"
	"	role TEXT NOT NULL CHECK (role IN ('keeper', 'friend', 'admin')),\n"
	"	PRIMARY KEY (name, community)\n"
	");\n"
	"INSERT INTO memberships (name, community, role) SELECT name, '*', 'admin' FROM users;\n";

/* Trust on first use, checked: an admin approves a kiosk's pinned key (who
 * and when), or refuses the kiosk. NULL: not yet approved. */
static const char schema_5[] =
	"ALTER TABLE kiosks ADD COLUMN approved_by TEXT;\n"
	"ALTER TABLE kiosks ADD COLUMN approved_at INTEGER;\n";

static const char *const migrations[] = {schema_1, schema_2, schema_3, schema_4, schema_5};
#define SCHEMA_VERSION ((int)(sizeof migrations / sizeof migrations[0]))

static void say_db(archive *a)
{
	snprintf(a->msg, sizeof a->msg, "%s", sqlite3_errmsg(a->db));
}

/* PostgreSQL's json_typeof for SQLite, on the JSON text that -> gives: so that
 * the archive's SQL can ask whether a field is a number in one dialect. */
static void json_typeof_fn(sqlite3_context *cx, int argc, sqlite3_value **argv)
{
	(void)argc;
	const unsigned char *t = sqlite3_value_text(argv[0]);
	if (!t)
		return;
	const char *type = *t == '"' ? "string" : *t == '{' ? "object" : *t == '[' ? "array"
	                 : *t == 't' || *t == 'f' ? "boolean" : *t == 'n' ? "null" : "number";
	sqlite3_result_text(cx, type, -1, SQLITE_STATIC);
}

/* Brings the archive from version `from` to SCHEMA_VERSION in one transaction
 * (a new archive also gets its application id). */
static int pragma_int(sqlite3 *db, const char *sql, int *out);

/* Read again inside the transaction: another process may have migrated the
 * archive since this one looked (several importers starting together). */
static int migrate(sqlite3 *db, int from, const char *path, char *err, size_t errlen)
{
	char *msg = NULL;
	int rc = sqlite3_exec(db, "BEGIN IMMEDIATE", NULL, NULL, &msg);
	if (rc == SQLITE_OK)
		rc = pragma_int(db, "PRAGMA user_version", &from);
	for (int v = from; rc == SQLITE_OK && v < SCHEMA_VERSION; v++)
		rc = sqlite3_exec(db, migrations[v], NULL, NULL, &msg);
	if (rc == SQLITE_OK && from == 0) {
		char sql[64];
		snprintf(sql, sizeof sql, "PRAGMA application_id = %d", APPLICATION_ID);
		rc = sqlite3_exec(db, sql, NULL, NULL, &msg);
	}
	if (rc == SQLITE_OK) {
		char sql[64];
		snprintf(sql, sizeof sql, "PRAGMA user_version = %d", SCHEMA_VERSION);
		rc = sqlite3_exec(db, sql, NULL, NULL, &msg);
	}
	if (rc == SQLITE_OK)
		rc = sqlite3_exec(db, "COMMIT", NULL, NULL, &msg);
	if (rc != SQLITE_OK) {
		sync_say(err, errlen, "cannot %s the archive %s: %s", from ? "update" : "create",
		            path, msg ? msg : sqlite3_errmsg(db));
		sqlite3_free(msg);
		sqlite3_exec(db, "ROLLBACK", NULL, NULL, NULL);
		return ARCHIVE_IO;
	}
	return ARCHIVE_OK;
}

static int pragma_int(sqlite3 *db, const char *sql, int *out)
{
	sqlite3_stmt *st = NULL;
	int rc = sqlite3_prepare_v2(db, sql, -1, &st, NULL);
	if (rc == SQLITE_OK && (rc = sqlite3_step(st)) == SQLITE_ROW) {
		*out = sqlite3_column_int(st, 0);
		rc = SQLITE_OK;
	}
	sqlite3_finalize(st);
	return rc;
}

/* A new archive is readable and writable by its owner only, whatever the
 * umask: it holds names and emails (SQLite's -journal beside it takes the
 * same mode). 0, or -1 with errno. */
static int create_private(const char *path)
{
	int fd = open(path, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0600);
	if (fd < 0)
		return errno == EEXIST ? 0 : -1;
	int rc = fchmod(fd, 0600);
	close(fd);
	return rc;
}

static int sq_open(archive *a, const char *path, char *err, size_t errlen)
{
	int app = 0, version = 0, objects = 0;
	sqlite3 *db = NULL;
	if (create_private(path) != 0) {
		sync_say(err, errlen, "cannot create the archive %s: %s", path, strerror(errno));
		return ARCHIVE_IO;
	}
	int rc = sqlite3_open_v2(path, &db, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE, NULL);
	a->db = db;
	if (rc != SQLITE_OK) {
		sync_say(err, errlen, "cannot open the archive %s: %s", path, sqlite3_errmsg(db));
		return ARCHIVE_IO;
	}
	sqlite3_busy_timeout(db, 5000);
	/* One read transaction: the three as one process's migration left them. */
	rc = sqlite3_exec(db, "BEGIN", NULL, NULL, NULL);
	if (rc == SQLITE_OK && (pragma_int(db, "PRAGMA application_id", &app) != SQLITE_OK ||
	                        pragma_int(db, "PRAGMA user_version", &version) != SQLITE_OK ||
	                        pragma_int(db, "SELECT count(*) FROM sqlite_schema", &objects) !=
	                            SQLITE_OK))
		rc = SQLITE_ERROR;
	if (rc != SQLITE_OK) {
		sync_say(err, errlen, "%s is not a cop-sync archive (%s)", path, sqlite3_errmsg(db));
		return ARCHIVE_CORRUPT;
	}
	sqlite3_exec(db, "COMMIT", NULL, NULL, NULL);
	if (!(app == 0 && version == 0 && objects == 0) && app != APPLICATION_ID) {
		sync_say(err, errlen, "%s is not a cop-sync archive; it was left as it is", path);
		return ARCHIVE_CORRUPT;
	}
	if (version > SCHEMA_VERSION) {
		sync_say(err, errlen, "%s was written by a newer cop-sync (schema %d; this one knows "
		            "up to %d)", path, version, SCHEMA_VERSION);
		return ARCHIVE_CORRUPT;
	}
	if (version < SCHEMA_VERSION && (rc = migrate(db, version, path, err, errlen)) != ARCHIVE_OK)
		return rc;
	sqlite3_exec(db, "PRAGMA foreign_keys = ON", NULL, NULL, NULL);
	sqlite3_create_function(db, "json_typeof", 1, SQLITE_UTF8 | SQLITE_DETERMINISTIC, NULL,
	                        json_typeof_fn, NULL, NULL);
	return ARCHIVE_OK;
}

static void sq_close(archive *a)
{
	sqlite3_close(a->db);
}

/* A row: the statement standing on it. */
struct sq_row {
	archive_row row;
	sqlite3_stmt *st;
};

static const char *sq_text(const archive_row *row, int i)
{
	const unsigned char *t = sqlite3_column_text(((const struct sq_row *)row)->st, i);
	return t ? (const char *)t : "";
}

static int sq_run(archive *a, const char *sql, int n, const char *const *args, archive_each *each,
                  void *ctx, long *changes)
{
	sqlite3_stmt *st = NULL;
	int rc = sqlite3_prepare_v2(a->db, sql, -1, &st, NULL);
	struct sq_row row = {{sq_text}, st};
	/* $1..$n are named parameters to SQLite: bound by name, in any order. */
	for (int i = 0; rc == SQLITE_OK && i < n; i++) {
		char name[16];
		snprintf(name, sizeof name, "$%d", i + 1);
		int at = sqlite3_bind_parameter_index(st, name);
		if (at > 0)
			rc = sqlite3_bind_text(st, at, args[i], -1, SQLITE_STATIC);
	}
	while (rc == SQLITE_OK && (rc = sqlite3_step(st)) == SQLITE_ROW) {
		if (each)
			each(&row.row, ctx);
		rc = SQLITE_OK;
	}
	rc = rc == SQLITE_DONE ? SQLITE_OK : rc;
	if (rc != SQLITE_OK)
		say_db(a);
	if (changes)
		*changes = sqlite3_changes(a->db);
	sqlite3_finalize(st);
	return rc == SQLITE_OK ? ARCHIVE_OK : (rc & 0xff) == SQLITE_CONSTRAINT ? ARCHIVE_TAKEN
	                                                                       : ARCHIVE_IO;
}

/* One writer at a time on the file: BEGIN IMMEDIATE waits (busy_timeout)
 * for any other, so a kiosk's key needs no lock of its own. */
static int sq_begin(archive *a, const char *key)
{
	(void)key;
	if (sqlite3_exec(a->db, "BEGIN IMMEDIATE", NULL, NULL, NULL) != SQLITE_OK) {
		say_db(a);
		return ARCHIVE_IO;
	}
	return ARCHIVE_OK;
}

static int sq_end(archive *a, bool commit)
{
	if (sqlite3_exec(a->db, commit ? "COMMIT" : "ROLLBACK", NULL, NULL, NULL) != SQLITE_OK) {
		say_db(a);
		if (commit)
			sqlite3_exec(a->db, "ROLLBACK", NULL, NULL, NULL);
		return ARCHIVE_IO;
	}
	return ARCHIVE_OK;
}

const archive_engine archive_sqlite = {"SQLite", sq_open, sq_close, sq_run, sq_begin, sq_end};
