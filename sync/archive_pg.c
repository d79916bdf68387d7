/* archive_pg: the archive's PostgreSQL engine (libpq) — one database shared by
 * several cop-sync processes: its schema versioned in cop_sync_schema beside
 * SQLite's user_version, migrated under a lock, writers of a kiosk serialised
 * by an advisory lock held to the end of their transaction. */
#include "archive_internal.h"

#include <libpq-fe.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* The same steps as SQLite's schema_1..3 (archive_sqlite.c), in PostgreSQL's
 * types: append only, each taking the database from the version before it. */
static const char pg_schema_1[] =
	"CREATE TABLE records (\n"
	"	gid TEXT PRIMARY KEY,\n"
	"	type TEXT NOT NULL,\n"
	"	kiosk TEXT NOT NULL,\n"
	"	changed BIGINT NOT NULL,\n"
	"	body JSON NOT NULL,\n"              /* json keeps the kiosk's bytes; jsonb would not */
	"	batch TEXT NOT NULL\n"
	");\n"
	"CREATE INDEX records_type ON records (type);\n"
	"CREATE TABLE batches (\n"
	"	kiosk TEXT NOT NULL,\n"
	"	batch TEXT NOT NULL,\n"
	"	created BIGINT NOT NULL,\n"
	"	receipt TEXT NOT NULL,\n"
	"	records BIGINT NOT NULL,\n"
	"	imported_at BIGINT NOT NULL,\n"
	"	PRIMARY KEY (kiosk, batch)\n"
	");\n";

static const char pg_schema_2[] =
	"CREATE TABLE users (\n"
	"	name TEXT PRIMARY KEY,\n"
	"	hash TEXT NOT NULL,\n"
	"	created BIGINT NOT NULL\n"
	");\n"
	"CREATE TABLE sessions (\n"
	"	token_hash TEXT PRIMARY KEY,\n"
	"	\"user\" TEXT NOT NULL REFERENCES users (name) ON DELETE CASCADE,\n"
	"	csrf TEXT NOT NULL,\n"
	"	created BIGINT NOT NULL,\n"
	"	seen BIGINT NOT NULL\n"
	");\n"
	"CREATE INDEX sessions_user ON sessions (\"user\");\n"
	"CREATE TABLE signin_failures (\n"
	"	key TEXT PRIMARY KEY,\n"
	"	failures BIGINT NOT NULL,\n"
	"	next_try BIGINT NOT NULL\n"
	");\n"
	"CREATE INDEX records_event ON records (type, (body ->> 'event'));\n";

static const char pg_schema_3[] =
	"CREATE TABLE kiosks (\n"
	"	kiosk TEXT PRIMARY KEY,\n"
	"	signer TEXT,\n"
	"	pinned_at BIGINT NOT NULL,\n"
	"	refused INTEGER NOT NULL DEFAULT 0\n"
	");\n";

static const char pg_schema_4[] =
	"CREATE TABLE memberships (\n"
	"	name TEXT NOT NULL REFERENCES users (name) ON DELETE CASCADE,\n"
	"	community TEXT NOT NULL,\n"
	"	role TEXT NOT NULL CHECK (role IN ('keeper', 'friend', 'admin')),\n"
	"	PRIMARY KEY (name, community)\n"
	");\n"
	"INSERT INTO memberships (name, community, role) SELECT name, '*', 'admin' FROM users;\n";

static const char pg_schema_5[] =
	"ALTER TABLE kiosks ADD COLUMN approved_by TEXT;\n"
	"ALTER TABLE kiosks ADD COLUMN approved_at BIGINT;\n";

static const char *const pg_migrations[] = {pg_schema_1, pg_schema_2, pg_schema_3, pg_schema_4,
                                            pg_schema_5};
#define PG_SCHEMA_VERSION ((int)(sizeof pg_migrations / sizeof pg_migrations[0]))

/* The advisory lock that serialises migrations of one database ("CoPS"). */
#define MIGRATION_LOCK "1129271379"

/* A row: the result and its row number. */
struct pg_row {
	archive_row row;
	PGresult *res;
	int r;
};

static const char *pg_text(const archive_row *row, int i)
{
	const struct pg_row *r = (const struct pg_row *)row;
	return PQgetisnull(r->res, r->r, i) ? "" : PQgetvalue(r->res, r->r, i);
}

/* Notes the error of res (or of the connection) in a->msg, on one line. */
static void say_pg(archive *a, const PGresult *res)
{
	const char *m = res ? PQresultErrorMessage(res) : "";
	if (!*m)
		m = PQerrorMessage(a->db);
	snprintf(a->msg, sizeof a->msg, "%s", m);
	a->msg[strcspn(a->msg, "\n")] = '\0';
}

static int pg_run(archive *a, const char *sql, int n, const char *const *args, archive_each *each,
                  void *ctx, long *changes)
{
	/* A server restarted since: connect again once, outside a transaction
	 * only (within one, the rest of it would run on its own: it fails). */
	if (PQstatus(a->db) == CONNECTION_BAD && !a->in_transaction)
		PQreset(a->db);
	PGresult *res = PQexecParams(a->db, sql, n, NULL, args, NULL, NULL, 0);
	ExecStatusType st = PQresultStatus(res);
	int rc = ARCHIVE_OK;
	if (st == PGRES_TUPLES_OK || st == PGRES_COMMAND_OK) {
		struct pg_row row = {{pg_text}, res, 0};
		for (; each && row.r < PQntuples(res); row.r++)
			each(&row.row, ctx);
		if (changes)
			*changes = atol(PQcmdTuples(res));
	} else {
		const char *state = PQresultErrorField(res, PG_DIAG_SQLSTATE);
		rc = state && strcmp(state, "23505") == 0 ? ARCHIVE_TAKEN : ARCHIVE_IO;
		say_pg(a, res);
	}
	PQclear(res);
	return rc;
}

/* Runs statements without parameters (several, for the migrations). */
static int pg_exec(archive *a, const char *sql)
{
	PGresult *res = PQexec(a->db, sql);
	ExecStatusType st = PQresultStatus(res);
	int rc = st == PGRES_COMMAND_OK || st == PGRES_TUPLES_OK ? ARCHIVE_OK : ARCHIVE_IO;
	if (rc != ARCHIVE_OK)
		say_pg(a, res);
	PQclear(res);
	return rc;
}

static void read_text(const archive_row *row, void *ctx)
{
	const char *t = archive_text(row, 0);
	snprintf(ctx, 128, "%s", t);
}

/* The database must sort and fold text as SQLite does (bytes: the C locale),
 * so that both engines give the same exports byte for byte, and hold UTF-8. */
static int check_database(archive *a, char *err, size_t errlen)
{
	char collate[128] = "", ctype[128] = "", enc[128] = "";
	if (pg_run(a, "SELECT datcollate FROM pg_database WHERE datname = current_database()", 0,
	           NULL, read_text, collate, NULL) != ARCHIVE_OK ||
	    pg_run(a, "SELECT datctype FROM pg_database WHERE datname = current_database()", 0, NULL,
	           read_text, ctype, NULL) != ARCHIVE_OK ||
	    pg_run(a, "SELECT pg_encoding_to_char(encoding) FROM pg_database\n"
	              "WHERE datname = current_database()", 0, NULL, read_text, enc, NULL) !=
	        ARCHIVE_OK) {
		sync_say(err, errlen, "cannot read the database's settings: %s", a->msg);
		return ARCHIVE_IO;
	}
	bool c = (strcmp(collate, "C") == 0 || strcmp(collate, "POSIX") == 0) &&
	         (strcmp(ctype, "C") == 0 || strcmp(ctype, "POSIX") == 0);
	if (!c || strcmp(enc, "UTF8") != 0) {
		sync_say(err, errlen, "the database has locale %s and encoding %s: cop-sync needs the "
		            "C locale and UTF8, so that it sorts as its SQLite archives do (CREATE "
		            "DATABASE ... TEMPLATE template0 ENCODING 'UTF8' LOCALE 'C')", collate, enc);
		return ARCHIVE_CORRUPT;
	}
	return ARCHIVE_OK;
}

/* The schema's version: 0 for an empty database, -1 for one that holds other
 * tables but is no cop-sync archive. */
static int schema_version(archive *a, long long *version)
{
	long long marked = 0, tables = 0;
	int rc = archive_count(a, "SELECT count(*) FROM pg_tables\n"
	                          "WHERE schemaname = current_schema() AND tablename = 'cop_sync_schema'",
	                       0, NULL, &marked);
	if (rc == ARCHIVE_OK && !marked)
		rc = archive_count(a, "SELECT count(*) FROM pg_tables WHERE schemaname = current_schema()",
		                   0, NULL, &tables);
	if (rc == ARCHIVE_OK && marked)
		rc = archive_count(a, "SELECT version FROM cop_sync_schema", 0, NULL, version);
	else
		*version = tables ? -1 : 0;
	return rc;
}

/* Brings the database to PG_SCHEMA_VERSION in one transaction, under a lock
 * so that servers starting together migrate it once. */
static int pg_migrate(archive *a, const char *where, char *err, size_t errlen)
{
	long long version = 0;
	int rc = pg_exec(a, "BEGIN");
	if (rc == ARCHIVE_OK)
		rc = pg_exec(a, "SELECT pg_advisory_xact_lock(" MIGRATION_LOCK ")");
	if (rc == ARCHIVE_OK)
		rc = schema_version(a, &version);
	if (rc != ARCHIVE_OK) {
		sync_say(err, errlen, "cannot read the archive %s: %s", where, a->msg);
		goto fail;
	}
	if (version < 0) {
		sync_say(err, errlen, "the database %s holds other tables and no cop-sync archive; it "
		            "was left as it is", where);
		rc = ARCHIVE_CORRUPT;
		goto fail;
	}
	if (version > PG_SCHEMA_VERSION) {
		sync_say(err, errlen, "the archive %s was written by a newer cop-sync (schema %lld; "
		            "this one knows up to %d)", where, version, PG_SCHEMA_VERSION);
		rc = ARCHIVE_CORRUPT;
		goto fail;
	}
	if (version == 0)
		rc = pg_exec(a, "CREATE TABLE cop_sync_schema (version INTEGER NOT NULL);\n"
		                "INSERT INTO cop_sync_schema VALUES (0)");
	for (long long v = version; rc == ARCHIVE_OK && v < PG_SCHEMA_VERSION; v++)
		rc = pg_exec(a, pg_migrations[v]);
	char to[16];
	snprintf(to, sizeof to, "%d", PG_SCHEMA_VERSION);
	const char *args[] = {to};
	if (rc == ARCHIVE_OK)
		rc = archive_run(a, "UPDATE cop_sync_schema SET version = CAST($1 AS INTEGER)", 1, args,
		                 NULL, NULL, NULL);
	if (rc == ARCHIVE_OK)
		rc = pg_exec(a, "COMMIT");
	if (rc != ARCHIVE_OK) {
		sync_say(err, errlen, "cannot %s the archive %s: %s", version ? "update" : "create",
		            where, a->msg);
		rc = ARCHIVE_IO;
		goto fail;
	}
	return ARCHIVE_OK;
fail:
	pg_exec(a, "ROLLBACK");
	return rc;
}

static int pg_open(archive *a, const char *uri, char *err, size_t errlen)
{
	char where[512];
	archive_shown(uri, where, sizeof where); /* the URI in messages: no password */
	a->db = PQconnectdb(uri);
	if (!a->db) {
		sync_say(err, errlen, "out of memory");
		return ARCHIVE_IO;
	}
	if (PQstatus(a->db) != CONNECTION_OK) {
		say_pg(a, NULL);
		sync_say(err, errlen, "cannot connect to the archive %s: %s", where, a->msg);
		return ARCHIVE_IO;
	}
	/* Notices (the migrations' and the like) are not the user's business. */
	int rc = pg_exec(a, "SET client_min_messages = warning");
	if (rc == ARCHIVE_OK)
		rc = check_database(a, err, errlen);
	else
		sync_say(err, errlen, "cannot use the archive %s: %s", where, a->msg);
	return rc == ARCHIVE_OK ? pg_migrate(a, where, err, errlen) : rc;
}

static void pg_close(archive *a)
{
	PQfinish(a->db);
}

/* READ COMMITTED: after the kiosk's lock each statement sees what the writer
 * before it committed, so the counts of added and updated records are right
 * even when two servers import the same batch at once. */
static int pg_begin(archive *a, const char *key)
{
	const char *args[] = {key};
	int rc = pg_exec(a, "BEGIN");
	if (rc == ARCHIVE_OK && key)
		rc = pg_run(a, "SELECT pg_advisory_xact_lock(hashtext($1))", 1, args, NULL, NULL, NULL);
	if (rc != ARCHIVE_OK)
		pg_exec(a, "ROLLBACK");
	a->in_transaction = rc == ARCHIVE_OK;
	return rc;
}

static int pg_end(archive *a, bool commit)
{
	int rc = pg_exec(a, commit ? "COMMIT" : "ROLLBACK");
	if (rc != ARCHIVE_OK && commit)
		pg_exec(a, "ROLLBACK");
	a->in_transaction = false; /* and not before: a COMMIT on a new connection would say yes */
	return rc;
}

const archive_engine archive_pg = {"PostgreSQL", pg_open, pg_close, pg_run, pg_begin, pg_end};
