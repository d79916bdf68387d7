/* archive: cop-sync's SQLite archive — schema, idempotent import, exports. */
#include "archive_internal.h"

#include <sodium.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

/* archive_open's private file */
#include <errno.h>
#include <fcntl.h>
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

static const char *const migrations[] = {schema_1, schema_2, schema_3};
#define SCHEMA_VERSION ((int)(sizeof migrations / sizeof migrations[0]))

void archive_say(char *err, size_t errlen, const char *fmt, ...)
{
	va_list ap;
	if (!err || !errlen)
		return;
	va_start(ap, fmt);
	vsnprintf(err, errlen, fmt, ap);
	va_end(ap);
}

/* Brings the archive from version `from` to SCHEMA_VERSION in one transaction
 * (a new archive also gets its application id). */
static int migrate(sqlite3 *db, int from, const char *path, char *err, size_t errlen)
{
	char *msg = NULL;
	int rc = sqlite3_exec(db, "BEGIN IMMEDIATE", NULL, NULL, &msg);
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
		archive_say(err, errlen, "cannot %s the archive %s: %s", from ? "update" : "create",
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

int archive_open(const char *path, archive **out, char *err, size_t errlen)
{
	int rc = ARCHIVE_OK, app = 0, version = 0, objects = 0;
	archive *a = calloc(1, sizeof *a);
	*out = NULL;
	if (!a) {
		archive_say(err, errlen, "out of memory");
		return ARCHIVE_IO;
	}
	if (create_private(path) != 0) {
		if (err && errlen)
			snprintf(err, errlen, "cannot create the archive %s: %s", path, strerror(errno));
		rc = ARCHIVE_IO;
		goto out;
	}
	if (sqlite3_open_v2(path, &a->db, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE, NULL) !=
	    SQLITE_OK) {
		archive_say(err, errlen, "cannot open the archive %s: %s", path, sqlite3_errmsg(a->db));
		rc = ARCHIVE_IO;
		goto out;
	}
	sqlite3_busy_timeout(a->db, 5000);
	if (pragma_int(a->db, "PRAGMA application_id", &app) != SQLITE_OK ||
	    pragma_int(a->db, "PRAGMA user_version", &version) != SQLITE_OK ||
	    pragma_int(a->db, "SELECT count(*) FROM sqlite_schema", &objects) != SQLITE_OK) {
		archive_say(err, errlen, "%s is not a cop-sync archive (%s)", path, sqlite3_errmsg(a->db));
		rc = ARCHIVE_CORRUPT;
		goto out;
	}
	if (!(app == 0 && version == 0 && objects == 0) && app != APPLICATION_ID) {
		archive_say(err, errlen, "%s is not a cop-sync archive; it was left as it is", path);
		rc = ARCHIVE_CORRUPT;
		goto out;
	}
	if (version > SCHEMA_VERSION) {
		archive_say(err, errlen, "%s was written by a newer cop-sync", path);
		rc = ARCHIVE_CORRUPT;
		goto out;
	}
	if (version < SCHEMA_VERSION && (rc = migrate(a->db, version, path, err, errlen)) != ARCHIVE_OK)
		goto out;
	sqlite3_exec(a->db, "PRAGMA foreign_keys = ON", NULL, NULL, NULL);
	*out = a;
	a = NULL;
out:
	archive_close(a);
	return rc;
}

void archive_close(archive *a)
{
	if (!a)
		return;
	sqlite3_close(a->db);
	free(a);
}

/* ---- import ---------------------------------------------------------------- */

/* The stored "changed" of gid: 1 and *changed if held, 0 if not, -1 on error. */
static int stored_changed(sqlite3 *db, const char *gid, int64_t *changed)
{
	sqlite3_stmt *st = NULL;
	int found = -1;
	if (sqlite3_prepare_v2(db, "SELECT changed FROM records WHERE gid = ?1", -1, &st, NULL) !=
	    SQLITE_OK)
		goto out;
	sqlite3_bind_text(st, 1, gid, -1, SQLITE_STATIC);
	int rc = sqlite3_step(st);
	if (rc == SQLITE_ROW) {
		*changed = sqlite3_column_int64(st, 0);
		found = 1;
	} else if (rc == SQLITE_DONE) {
		found = 0;
	}
out:
	sqlite3_finalize(st);
	return found;
}

static int put_record(sqlite3 *db, const sync_record *r, const char *batch_key)
{
	sqlite3_stmt *st = NULL;
	int rc = sqlite3_prepare_v2(
		db,
		"INSERT INTO records (gid, type, kiosk, changed, body, batch)\n"
		"VALUES (?1, ?2, ?3, ?4, ?5, ?6)\n"
		"ON CONFLICT (gid) DO UPDATE SET type = excluded.type, changed = excluded.changed,\n"
		"	body = excluded.body, batch = excluded.batch\n"
		"WHERE excluded.changed > records.changed",
		-1, &st, NULL);
	if (rc != SQLITE_OK)
		goto out;
	const char *dash = strrchr(r->gid, '-');
	sqlite3_bind_text(st, 1, r->gid, -1, SQLITE_STATIC);
	sqlite3_bind_text(st, 2, r->type, -1, SQLITE_STATIC);
	sqlite3_bind_text(st, 3, r->gid, (int)(dash - r->gid), SQLITE_STATIC);
	sqlite3_bind_int64(st, 4, r->changed);
	sqlite3_bind_text(st, 5, r->json, -1, SQLITE_STATIC);
	sqlite3_bind_text(st, 6, batch_key, -1, SQLITE_STATIC);
	rc = sqlite3_step(st);
	rc = rc == SQLITE_DONE ? SQLITE_OK : rc;
out:
	sqlite3_finalize(st);
	return rc;
}

static int put_batch(sqlite3 *db, const sync_batch *b)
{
	sqlite3_stmt *st = NULL;
	int rc = sqlite3_prepare_v2(
		db,
		"INSERT INTO batches (kiosk, batch, created, receipt, records, imported_at)\n"
		"VALUES (?1, ?2, ?3, ?4, ?5, ?6)\n"
		"ON CONFLICT (kiosk, batch) DO UPDATE SET receipt = excluded.receipt,\n"
		"	created = excluded.created, records = excluded.records\n"
		"WHERE excluded.receipt <> batches.receipt",
		-1, &st, NULL);
	if (rc != SQLITE_OK)
		goto out;
	sqlite3_bind_text(st, 1, b->kiosk, -1, SQLITE_STATIC);
	sqlite3_bind_text(st, 2, b->batch, -1, SQLITE_STATIC);
	sqlite3_bind_int64(st, 3, b->created);
	sqlite3_bind_text(st, 4, b->receipt, -1, SQLITE_STATIC);
	sqlite3_bind_int64(st, 5, (sqlite3_int64)b->count);
	sqlite3_bind_int64(st, 6, (sqlite3_int64)time(NULL));
	rc = sqlite3_step(st);
	rc = rc == SQLITE_DONE ? SQLITE_OK : rc;
out:
	sqlite3_finalize(st);
	return rc;
}

/* Whether this batch may be imported for its kiosk: its records are all the
 * kiosk's own, the kiosk is not refused, and it is signed by the key pinned
 * for the kiosk (pinned here at its first signed batch). ARCHIVE_OK,
 * ARCHIVE_REFUSED or ARCHIVE_IO, with one line in err. */
static int check_kiosk(archive *a, const sync_batch *b, char *err, size_t errlen)
{
	size_t klen = strlen(b->kiosk);
	for (size_t i = 0; i < b->count; i++) {
		const char *gid = b->records[i].gid, *dash = strrchr(gid, '-');
		if ((size_t)(dash - gid) != klen || strncmp(gid, b->kiosk, klen) != 0) {
			archive_say(err, errlen, "record %s is not kiosk %s's own, yet its batch came from "
			            "that kiosk: nothing imported", gid, b->kiosk);
			return ARCHIVE_REFUSED;
		}
	}
	char signer[2 * SYNC_SIGN_PK_BYTES + 1] = "";
	if (b->is_signed)
		sodium_bin2hex(signer, sizeof signer, b->signer, sizeof b->signer);
	sqlite3_stmt *st = NULL;
	int rc = sqlite3_prepare_v2(a->db, "SELECT signer, refused FROM kiosks WHERE kiosk = ?1", -1,
	                            &st, NULL);
	bool found = false, refused = false;
	char pinned[2 * SYNC_SIGN_PK_BYTES + 1] = "";
	if (rc == SQLITE_OK) {
		sqlite3_bind_text(st, 1, b->kiosk, -1, SQLITE_STATIC);
		rc = sqlite3_step(st);
		if (rc == SQLITE_ROW) {
			found = true;
			snprintf(pinned, sizeof pinned, "%s", archive_col(st, 0));
			refused = sqlite3_column_int(st, 1) != 0;
		}
		rc = rc == SQLITE_ROW || rc == SQLITE_DONE ? SQLITE_OK : rc;
	}
	sqlite3_finalize(st);
	if (rc != SQLITE_OK) {
		archive_say(err, errlen, "cannot read the archive: %s", sqlite3_errmsg(a->db));
		return ARCHIVE_IO;
	}
	if (refused) {
		archive_say(err, errlen, "kiosk %s was refused in the online space: nothing imported",
		            b->kiosk);
		return ARCHIVE_REFUSED;
	}
	if (pinned[0] && strcmp(pinned, signer) != 0) {
		archive_say(err, errlen, "kiosk %s signs its batches with another key: this batch was "
		            "not made by that kiosk, nothing imported", b->kiosk);
		return ARCHIVE_REFUSED;
	}
	if (found && (pinned[0] || !signer[0]))
		return ARCHIVE_OK;
	/* The kiosk's first batch, or its first signed one: trust on first use. */
	rc = sqlite3_prepare_v2(a->db,
	                        "INSERT INTO kiosks (kiosk, signer, pinned_at) VALUES (?1, ?2, ?3)\n"
	                        "ON CONFLICT (kiosk) DO UPDATE SET signer = excluded.signer,\n"
	                        "	pinned_at = excluded.pinned_at",
	                        -1, &st, NULL);
	if (rc == SQLITE_OK) {
		sqlite3_bind_text(st, 1, b->kiosk, -1, SQLITE_STATIC);
		if (signer[0])
			sqlite3_bind_text(st, 2, signer, -1, SQLITE_STATIC);
		sqlite3_bind_int64(st, 3, (sqlite3_int64)time(NULL));
		rc = sqlite3_step(st);
		rc = rc == SQLITE_DONE ? SQLITE_OK : rc;
	}
	sqlite3_finalize(st);
	if (rc != SQLITE_OK) {
		archive_say(err, errlen, "cannot note the kiosk: %s", sqlite3_errmsg(a->db));
		return ARCHIVE_IO;
	}
	return ARCHIVE_OK;
}

int archive_kiosk_refuse(archive *a, const char *kiosk, bool refused, char *err, size_t errlen)
{
	sqlite3_stmt *st = NULL;
	int rc = sqlite3_prepare_v2(a->db,
	                            "INSERT INTO kiosks (kiosk, pinned_at, refused)\n"
	                            "SELECT ?1, ?3, ?2 WHERE EXISTS (SELECT 1 FROM batches WHERE kiosk = ?1)\n"
	                            "ON CONFLICT (kiosk) DO UPDATE SET refused = ?2",
	                            -1, &st, NULL);
	if (rc == SQLITE_OK) {
		sqlite3_bind_text(st, 1, kiosk, -1, SQLITE_STATIC);
		sqlite3_bind_int(st, 2, refused);
		sqlite3_bind_int64(st, 3, (sqlite3_int64)time(NULL));
		rc = sqlite3_step(st);
		rc = rc == SQLITE_DONE ? SQLITE_OK : rc;
	}
	sqlite3_finalize(st);
	if (rc != SQLITE_OK) {
		archive_say(err, errlen, "cannot note the kiosk: %s", sqlite3_errmsg(a->db));
		return ARCHIVE_IO;
	}
	if (sqlite3_changes(a->db) == 0) {
		archive_say(err, errlen, "the archive has no batch from kiosk %s", kiosk);
		return ARCHIVE_INVALID;
	}
	return ARCHIVE_OK;
}

int archive_import(archive *a, const sync_batch *b, archive_counts *counts, char *err,
                   size_t errlen)
{
	archive_counts c = {0, 0, 0};
	char batch_key[2 * SYNC_ID_MAX];
	snprintf(batch_key, sizeof batch_key, "%s/%s", b->kiosk, b->batch);
	if (sqlite3_exec(a->db, "BEGIN IMMEDIATE", NULL, NULL, NULL) != SQLITE_OK) {
		archive_say(err, errlen, "cannot write the archive: %s", sqlite3_errmsg(a->db));
		return ARCHIVE_IO;
	}
	int checked = check_kiosk(a, b, err, errlen);
	if (checked != ARCHIVE_OK) {
		sqlite3_exec(a->db, "ROLLBACK", NULL, NULL, NULL);
		return checked;
	}
	for (size_t i = 0; i < b->count; i++) {
		const sync_record *r = &b->records[i];
		int64_t old = 0;
		int found = stored_changed(a->db, r->gid, &old);
		if (found < 0 || put_record(a->db, r, batch_key) != SQLITE_OK) {
			archive_say(err, errlen, "cannot store record %s: %s", r->gid, sqlite3_errmsg(a->db));
			goto fail;
		}
		if (!found)
			c.added++;
		else if (r->changed > old)
			c.updated++;
		else
			c.unchanged++;
	}
	if (put_batch(a->db, b) != SQLITE_OK) {
		archive_say(err, errlen, "cannot note the batch: %s", sqlite3_errmsg(a->db));
		goto fail;
	}
	if (sqlite3_exec(a->db, "COMMIT", NULL, NULL, NULL) != SQLITE_OK) {
		archive_say(err, errlen, "cannot write the archive: %s", sqlite3_errmsg(a->db));
		goto fail;
	}
	*counts = c;
	return ARCHIVE_OK;
fail:
	sqlite3_exec(a->db, "ROLLBACK", NULL, NULL, NULL);
	return ARCHIVE_IO;
}

/* ---- exports --------------------------------------------------------------- */

const char *archive_col(sqlite3_stmt *st, int i)
{
	const unsigned char *t = sqlite3_column_text(st, i);
	return t ? (const char *)t : "";
}

/* The one writer of the archive's CSV fields. A leading = + - @ (or tab,
 * CR), which a spreadsheet would read as a formula (=HYPERLINK(...), +cmd,
 * @SUM(1)), is made text by an apostrophe, in every CSV. Quoted always
 * (quote_all), or only when it must be (RFC 4180). */
static void csv_write(FILE *out, const char *s, bool last, bool quote_all)
{
	bool formula = s[0] != '\0' && strchr("=+-@\t\r", s[0]) != NULL;
	bool quote = quote_all || strpbrk(s, ",\"\r\n") != NULL;
	if (quote)
		fputc('"', out);
	if (formula)
		fputc('\'', out);
	for (; *s; s++) {
		if (*s == '"')
			fputc('"', out);
		fputc(*s, out);
	}
	if (quote)
		fputc('"', out);
	fputs(last ? "\r\n" : ",", out);
}

/* One CSV field, quoted always: the Mailchimp list's form. */
static void csv_field(FILE *out, const char *s, bool last)
{
	csv_write(out, s, last, true);
}

/* One attendance CSV field exactly as the kiosk writes it (kiosk/core/store.c
 * csv_field), so that the two exports of an event are the same bytes: quoted
 * only when it must be. */
static void csv_field_kiosk(FILE *out, const char *s, bool last)
{
	csv_write(out, s, last, false);
}

/* The event an export is about: the gid given, or else the newest event (the
 * latest start; events without a start count as older; then the latest made).
 * Returns SQLITE_OK with *gid from sqlite3_mprintf, to sqlite3_free (NULL when
 * the archive has no event),
 * SQLITE_NOTFOUND when the given gid is not an event, or an SQLite error. */
static int pick_event(sqlite3 *db, const char *want, char **gid)
{
	sqlite3_stmt *st = NULL;
	*gid = NULL;
	int rc = sqlite3_prepare_v2(
		db,
		"SELECT gid FROM records WHERE type = 'event' AND (?1 IS NULL OR gid = ?1)\n"
		"ORDER BY coalesce(body ->> 'starts', '') <> '' DESC, body ->> 'starts' DESC,\n"
		"	body ->> 'created' DESC, changed DESC, gid DESC\n"
		"LIMIT 1",
		-1, &st, NULL);
	if (rc != SQLITE_OK)
		goto out;
	sqlite3_bind_text(st, 1, want, -1, SQLITE_STATIC);
	rc = sqlite3_step(st);
	if (rc == SQLITE_ROW) {
		*gid = sqlite3_mprintf("%s", archive_col(st, 0));
		rc = *gid ? SQLITE_OK : SQLITE_NOMEM;
	} else if (rc == SQLITE_DONE) {
		rc = want ? SQLITE_NOTFOUND : SQLITE_OK;
	}
out:
	sqlite3_finalize(st);
	return rc;
}


/* One event's standing check-ins as the kiosk's attendance CSV has them: the
 * same header, columns, quoting and order (the order people came). An undone
 * check-in is kept (it says the check-in was a mistake, so a later batch can
 * revive it) but not listed. A newcomer is someone with no standing check-in
 * at an earlier event, as on the kiosk; across kiosks the archive knows more. */
static int export_csv(sqlite3 *db, const char *event, FILE *out)
{
	static const char *const head[] = {"First name", "Last name",     "Organisation",
	                                   "Profession", "Checked in at", "Role",
	                                   "Newcomer"};
	sqlite3_stmt *st = NULL;
	int rc = sqlite3_prepare_v2(
		db,
		"SELECT m.body ->> 'first_name', m.body ->> 'last_name',\n"
		"	m.body ->> 'organisation', m.body ->> 'profession',\n"
		"	strftime('%Y-%m-%d %H:%M', c.body ->> 'created', 'unixepoch', 'localtime'),\n"
		"	c.body ->> 'role',\n"
		"	" NEWCOMER("c", "e") "\n"
		"FROM records c\n"
		"JOIN records e ON e.gid = c.body ->> 'event'\n"
		"LEFT JOIN records m ON m.gid = c.body ->> 'member'\n"
		"WHERE c.type = 'checkin' AND c.body ->> 'event' = ?1\n"
		"	AND NOT coalesce(c.body ->> 'undone', 0)\n"
		"ORDER BY c.changed, c.kiosk, " GID_SEQ("c"),
		-1, &st, NULL);
	if (rc != SQLITE_OK)
		goto out;
	sqlite3_bind_text(st, 1, event, -1, SQLITE_STATIC);
	for (int i = 0; i < 7; i++)
		csv_field_kiosk(out, head[i], i == 6);
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		for (int i = 0; i < 6; i++)
			csv_field_kiosk(out, archive_col(st, i), false);
		csv_field_kiosk(out, sqlite3_column_int(st, 6) ? "Yes" : "No", true);
	}
	rc = rc == SQLITE_DONE ? SQLITE_OK : rc;
out:
	sqlite3_finalize(st);
	return rc;
}

static int export_mailchimp(sqlite3 *db, FILE *out)
{
	static const char *const head[] = {"Email Address", "First Name", "Last Name",
	                                   "Organisation", "Profession"};
	sqlite3_stmt *st = NULL;
	/* One row per address: the most recently changed member record holding it. */
	int rc = sqlite3_prepare_v2(
		db,
		"SELECT trim(body ->> 'email'), body ->> 'first_name', body ->> 'last_name',\n"
		"	body ->> 'organisation', body ->> 'profession', max(changed)\n"
		"FROM records\n"
		"WHERE type = 'member' AND body ->> 'mailing_list' = 1\n"
		"	AND coalesce(body ->> 'forgotten', 0) = 0 AND trim(coalesce(body ->> 'email', '')) <> ''\n"
		"GROUP BY lower(trim(body ->> 'email'))\n"
		"ORDER BY lower(trim(body ->> 'email'))",
		-1, &st, NULL);
	if (rc != SQLITE_OK)
		goto out;
	for (int i = 0; i < 5; i++)
		csv_field(out, head[i], i == 4);
	while ((rc = sqlite3_step(st)) == SQLITE_ROW)
		for (int i = 0; i < 5; i++)
			csv_field(out, archive_col(st, i), i == 4);
	rc = rc == SQLITE_DONE ? SQLITE_OK : rc;
out:
	sqlite3_finalize(st);
	return rc;
}

static int export_json(sqlite3 *db, FILE *out)
{
	sqlite3_stmt *st = NULL;
	bool first = true;
	int rc = sqlite3_prepare_v2(db, "SELECT body FROM records ORDER BY type, kiosk, gid", -1,
	                            &st, NULL);
	if (rc != SQLITE_OK)
		goto out;
	fputs("{\"records\":[", out);
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		fprintf(out, "%s\n%s", first ? "" : ",", archive_col(st, 0));
		first = false;
	}
	fputs("\n]}\n", out);
	rc = rc == SQLITE_DONE ? SQLITE_OK : rc;
out:
	sqlite3_finalize(st);
	return rc;
}

/* Markdown text on one line: newlines become spaces, markup characters escaped. */
static void md_text(FILE *out, const char *s)
{
	for (; *s; s++) {
		if (*s == '\n' || *s == '\r' || *s == '\t')
			fputc(' ', out);
		else {
			if (strchr("\\`*_[]<>#|", *s))
				fputc('\\', out);
			fputc(*s, out);
		}
	}
}

static int md_attendance(sqlite3 *db, const char *event, FILE *out)
{
	sqlite3_stmt *st = NULL;
	int rc = sqlite3_prepare_v2(
		db,
		"SELECT coalesce(nullif(m.body ->> 'organisation', ''), '(not given)'), count(*)\n"
		"FROM records c LEFT JOIN records m ON m.gid = c.body ->> 'member'\n"
		"WHERE c.type = 'checkin' AND c.body ->> 'event' = ?1\n"
		"	AND NOT coalesce(c.body ->> 'undone', 0)\n"
		"GROUP BY 1 ORDER BY 2 DESC, 1",
		-1, &st, NULL);
	if (rc != SQLITE_OK)
		goto out;
	sqlite3_bind_text(st, 1, event, -1, SQLITE_STATIC);
	long total = 0;
	int orgs = 0;
	fputs("\n## Attendance\n\n", out);
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		fputs("- ", out);
		md_text(out, archive_col(st, 0));
		fprintf(out, ": %d\n", sqlite3_column_int(st, 1));
		total += sqlite3_column_int(st, 1);
		orgs++;
	}
	fprintf(out, "\n%ld checked in, from %d organisation%s.\n", total, orgs, orgs == 1 ? "" : "s");
	rc = rc == SQLITE_DONE ? SQLITE_OK : rc;
out:
	sqlite3_finalize(st);
	return rc;
}

static int md_notes(sqlite3 *db, const char *event, FILE *out)
{
	sqlite3_stmt *st = NULL;
	int rc = sqlite3_prepare_v2(
		db,
		"SELECT n.body ->> 'kind', coalesce(t.body ->> 'name', ''), n.body ->> 'body',\n"
		"	coalesce(n.body ->> 'group_size', 1)\n"
		"FROM records n LEFT JOIN records t ON t.gid = n.body ->> 'theme'\n"
		"WHERE n.type = 'note' AND n.body ->> 'event' = ?1\n"
		"ORDER BY n.body ->> 'kind', t.body ->> 'name', n.gid",
		-1, &st, NULL);
	if (rc != SQLITE_OK)
		goto out;
	sqlite3_bind_text(st, 1, event, -1, SQLITE_STATIC);
	fputs("\n## Post-its\n", out);
	int kind = -1, n = 0;
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		int k = sqlite3_column_int(st, 0);
		if (k != kind || n == 0) {
			kind = k;
			fprintf(out, "\n### %s\n\n",
			        k == 0 ? "Going well" : k == 1 ? "To be improved" : "Other notes");
		}
		fputs("- ", out);
		if (*archive_col(st, 1)) {
			fputs("**", out);
			md_text(out, archive_col(st, 1));
			fputs(":** ", out);
		}
		md_text(out, archive_col(st, 2));
		if (sqlite3_column_int(st, 3) > 1)
			fprintf(out, " (a group of %d)", sqlite3_column_int(st, 3));
		fputc('\n', out);
		n++;
	}
	if (n == 0)
		fputs("\nNone.\n", out);
	rc = rc == SQLITE_DONE ? SQLITE_OK : rc;
out:
	sqlite3_finalize(st);
	return rc;
}

static int md_reflections(sqlite3 *db, const char *event, FILE *out)
{
	sqlite3_stmt *st = NULL;
	int rc = sqlite3_prepare_v2(
		db,
		"SELECT coalesce(p.body ->> 'text', '(unknown prompt)'), count(*),\n"
		"	count(r.body ->> 'value_int'), avg(r.body ->> 'value_int'),\n"
		"	group_concat(nullif(r.body ->> 'value_text', ''), ' / ')\n"
		"FROM records r LEFT JOIN records p ON p.gid = r.body ->> 'prompt'\n"
		"WHERE r.type = 'response' AND r.body ->> 'event' = ?1\n"
		"GROUP BY r.body ->> 'prompt' ORDER BY min(r.gid)",
		-1, &st, NULL);
	if (rc != SQLITE_OK)
		goto out;
	sqlite3_bind_text(st, 1, event, -1, SQLITE_STATIC);
	fputs("\n## Reflections\n\n", out);
	int n = 0;
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		fputs("- ", out);
		md_text(out, archive_col(st, 0));
		fprintf(out, ": %d answer%s", sqlite3_column_int(st, 1),
		        sqlite3_column_int(st, 1) == 1 ? "" : "s");
		if (sqlite3_column_int(st, 2) > 0)
			fprintf(out, ", mean %.1f", sqlite3_column_double(st, 3));
		if (*archive_col(st, 4)) {
			fputs(" — ", out);
			md_text(out, archive_col(st, 4));
		}
		fputc('\n', out);
		n++;
	}
	if (n == 0)
		fputs("None.\n", out);
	rc = rc == SQLITE_DONE ? SQLITE_OK : rc;
out:
	sqlite3_finalize(st);
	return rc;
}

/* A report per event, oldest first; only the given event's when event is set. */
static int export_markdown(sqlite3 *db, const char *event, FILE *out)
{
	sqlite3_stmt *st = NULL;
	int rc = sqlite3_prepare_v2(
		db,
		"SELECT gid, body ->> 'title', coalesce(body ->> 'starts', ''),\n"
		"	coalesce(body ->> 'venue', '')\n"
		"FROM records WHERE type = 'event' AND (?1 IS NULL OR gid = ?1)\n"
		"ORDER BY body ->> 'starts', gid",
		-1, &st, NULL);
	if (rc != SQLITE_OK)
		goto out;
	sqlite3_bind_text(st, 1, event, -1, SQLITE_STATIC);
	fputs("# Community of practice: events\n", out);
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		fputs("\n# ", out);
		md_text(out, archive_col(st, 1));
		fputs("\n\n", out);
		if (*archive_col(st, 2)) {
			fputs("When: ", out);
			md_text(out, archive_col(st, 2));
			fputs("  \n", out);
		}
		if (*archive_col(st, 3)) {
			fputs("Where: ", out);
			md_text(out, archive_col(st, 3));
			fputs("  \n", out);
		}
		const char *gid = archive_col(st, 0);
		if ((rc = md_attendance(db, gid, out)) != SQLITE_OK ||
		    (rc = md_notes(db, gid, out)) != SQLITE_OK ||
		    (rc = md_reflections(db, gid, out)) != SQLITE_OK)
			goto out;
	}
	rc = rc == SQLITE_DONE ? SQLITE_OK : rc;
out:
	sqlite3_finalize(st);
	return rc;
}

int archive_export(archive *a, const char *format, const char *event, FILE *out, char *err,
                   size_t errlen)
{
	bool per_event = strcmp(format, "csv") == 0 || strcmp(format, "markdown") == 0;
	char *gid = NULL;
	int rc;
	if (event && !per_event && (strcmp(format, "mailchimp") == 0 || strcmp(format, "json") == 0)) {
		archive_say(err, errlen, "--event goes with the csv and markdown formats only");
		return ARCHIVE_INVALID;
	}
	if (strcmp(format, "csv") == 0 || (event && per_event)) {
		rc = pick_event(a->db, event, &gid);
		if (rc == SQLITE_NOTFOUND) {
			archive_say(err, errlen, "there is no event %s in the archive", event);
			return ARCHIVE_INVALID;
		}
		if (rc != SQLITE_OK)
			goto failed;
	}
	if (strcmp(format, "csv") == 0)
		/* An archive with no event yet: the header alone. */
		rc = export_csv(a->db, gid ? gid : "", out);
	else if (strcmp(format, "mailchimp") == 0)
		rc = export_mailchimp(a->db, out);
	else if (strcmp(format, "markdown") == 0)
		rc = export_markdown(a->db, gid, out);
	else if (strcmp(format, "json") == 0)
		rc = export_json(a->db, out);
	else {
		archive_say(err, errlen, "unknown format %s: use csv, mailchimp, markdown or json", format);
		return ARCHIVE_INVALID;
	}
	sqlite3_free(gid);
	if (rc != SQLITE_OK)
		goto failed;
	if (fflush(out) != 0 || ferror(out)) {
		archive_say(err, errlen, "cannot write the export");
		return ARCHIVE_IO;
	}
	return ARCHIVE_OK;
failed:
	archive_say(err, errlen, "cannot read the archive: %s", sqlite3_errmsg(a->db));
	return ARCHIVE_IO;
}

/* ---- quarterly report ------------------------------------------------------ */

/* A calendar quarter: its name ("2026Q4") and its first and next-after-last
 * days ("2026-10-01", "2027-01-01"), local dates as events' "starts" have them.
 * Room for any int year: gcc for arm64 cannot bound it and says so. */
typedef struct {
	char name[32];
	char start[32];
	char end[32];
} quarter;

static void quarter_set(quarter *q, int year, int n)
{
	snprintf(q->name, sizeof q->name, "%04dQ%d", year, n);
	snprintf(q->start, sizeof q->start, "%04d-%02d-01", year, 3 * n - 2);
	if (n == 4)
		snprintf(q->end, sizeof q->end, "%04d-01-01", year + 1);
	else
		snprintf(q->end, sizeof q->end, "%04d-%02d-01", year, 3 * n + 1);
}

/* "YYYYQn" with n 1..4: true and *q set; false for anything else. */
static bool quarter_parse(const char *text, quarter *q)
{
	if (strlen(text) != 6 || text[4] != 'Q' || text[5] < '1' || text[5] > '4')
		return false;
	for (int i = 0; i < 4; i++)
		if (text[i] < '0' || text[i] > '9')
			return false;
	int year = atoi(text);
	if (year < 1)
		return false;
	quarter_set(q, year, text[5] - '0');
	return true;
}

/* The quarter of the newest event's start. Returns SQLITE_OK with *found false
 * when no event has a start, or an SQLite error. */
static int newest_quarter(sqlite3 *db, quarter *q, bool *found)
{
	sqlite3_stmt *st = NULL;
	*found = false;
	int rc = sqlite3_prepare_v2(
		db,
		"SELECT CAST(substr(s, 1, 4) AS INTEGER), (CAST(substr(s, 6, 2) AS INTEGER) + 2) / 3\n"
		"FROM (SELECT max(body ->> 'starts') AS s FROM records\n"
		"	WHERE type = 'event' AND coalesce(body ->> 'starts', '') <> '')\n"
		"WHERE s IS NOT NULL",
		-1, &st, NULL);
	if (rc != SQLITE_OK)
		goto out;
	rc = sqlite3_step(st);
	if (rc == SQLITE_ROW) {
		int year = sqlite3_column_int(st, 0), n = sqlite3_column_int(st, 1);
		if (year >= 1 && n >= 1 && n <= 4) {
			quarter_set(q, year, n);
			*found = true;
		}
		rc = SQLITE_OK;
	} else if (rc == SQLITE_DONE) {
		rc = SQLITE_OK;
	}
out:
	sqlite3_finalize(st);
	return rc;
}

/* How many records the archive holds (*records) and how many member records
 * carry no creation time (*untimed). */
static int archive_sizes(sqlite3 *db, long *records, long *untimed)
{
	sqlite3_stmt *st = NULL;
	int rc = sqlite3_prepare_v2(
		db,
		"SELECT count(*), count(*) FILTER (WHERE type = 'member' AND\n"
		"	typeof(body ->> 'created') NOT IN ('integer', 'real'))\n"
		"FROM records",
		-1, &st, NULL);
	if (rc != SQLITE_OK)
		goto out;
	rc = sqlite3_step(st);
	if (rc == SQLITE_ROW) {
		*records = (long)sqlite3_column_int64(st, 0);
		*untimed = (long)sqlite3_column_int64(st, 1);
		rc = SQLITE_OK;
	}
out:
	sqlite3_finalize(st);
	return rc;
}

/* The quarter's measures: events starting in it, standing check-ins at those
 * events, and the mailing list — distinct addresses of opted-in members not
 * forgotten (as the Mailchimp export has them) and the distinct organisations
 * among them — as it stood at the quarter's end, or now when timed is false. */
static int quarter_measures(sqlite3 *db, const quarter *q, bool timed, long m[ARCHIVE_MEASURES])
{
	sqlite3_stmt *st = NULL;
	int rc = sqlite3_prepare_v2(
		db,
		"WITH ev AS (SELECT gid FROM records WHERE type = 'event'\n"
		"		AND body ->> 'starts' >= ?1 AND body ->> 'starts' < ?2),\n"
		"list AS (SELECT lower(trim(body ->> 'email')) AS email,\n"
		"		lower(trim(coalesce(body ->> 'organisation', ''))) AS org\n"
		"	FROM records WHERE type = 'member' AND body ->> 'mailing_list' = 1\n"
		"		AND coalesce(body ->> 'forgotten', 0) = 0\n"
		"		AND trim(coalesce(body ->> 'email', '')) <> ''\n"
		"		AND (NOT ?3 OR body ->> 'created' < unixepoch(?2, 'utc')))\n"
		"SELECT (SELECT count(*) FROM ev),\n"
		"	(SELECT count(*) FROM records c JOIN ev ON ev.gid = c.body ->> 'event'\n"
		"		WHERE c.type = 'checkin' AND NOT coalesce(c.body ->> 'undone', 0)),\n"
		"	(SELECT count(DISTINCT email) FROM list),\n"
		"	(SELECT count(DISTINCT nullif(org, '')) FROM list)",
		-1, &st, NULL);
	if (rc != SQLITE_OK)
		goto out;
	sqlite3_bind_text(st, 1, q->start, -1, SQLITE_STATIC);
	sqlite3_bind_text(st, 2, q->end, -1, SQLITE_STATIC);
	sqlite3_bind_int(st, 3, timed);
	rc = sqlite3_step(st);
	if (rc == SQLITE_ROW) {
		for (int i = 0; i < ARCHIVE_MEASURES; i++)
			m[i] = (long)sqlite3_column_int64(st, i);
		rc = SQLITE_OK;
	}
out:
	sqlite3_finalize(st);
	return rc;
}

/* "+3 since 2026Q3", "-2 since 2026Q3" or "no change since 2026Q3". */
static void report_line(FILE *out, const char *label, long now, long before, const char *prev)
{
	fprintf(out, "%-28s %ld", label, now);
	if (now == before)
		fprintf(out, "  (no change since %s)\n", prev);
	else
		fprintf(out, "  (%+ld since %s)\n", now - before, prev);
}

int archive_measures(archive *a, const char *quarter_text, archive_quarter *out, char *err,
                     size_t errlen)
{
	quarter q = {"", "", ""}, prev = q;
	long records = 0, untimed = 0;
	bool found = false;
	int rc;
	memset(out, 0, sizeof *out);
	if (quarter_text && !quarter_parse(quarter_text, &q)) {
		archive_say(err, errlen, "bad quarter %s: write it as YYYYQ1 to YYYYQ4, e.g. 2026Q4",
		            quarter_text);
		return ARCHIVE_INVALID;
	}
	if ((rc = archive_sizes(a->db, &records, &untimed)) != SQLITE_OK)
		goto failed;
	out->empty = records == 0;
	if (out->empty)
		return ARCHIVE_OK;
	if (!quarter_text) {
		if ((rc = newest_quarter(a->db, &q, &found)) != SQLITE_OK)
			goto failed;
		if (!found) {
			archive_say(err, errlen,
			            "no event in the archive has a start date: give --quarter YYYYQn");
			return ARCHIVE_INVALID;
		}
	}
	int year = atoi(q.name), n = q.name[5] - '0';
	quarter_set(&prev, n == 1 ? year - 1 : year, n == 1 ? 4 : n - 1);
	out->timed = untimed == 0;
	if ((rc = quarter_measures(a->db, &q, out->timed, out->now)) != SQLITE_OK ||
	    (rc = quarter_measures(a->db, &prev, out->timed, out->before)) != SQLITE_OK)
		goto failed;
	snprintf(out->name, sizeof out->name, "%s", q.name);
	snprintf(out->start, sizeof out->start, "%s", q.start);
	snprintf(out->end, sizeof out->end, "%s", q.end);
	snprintf(out->prev, sizeof out->prev, "%s", prev.name);
	return ARCHIVE_OK;
failed:
	archive_say(err, errlen, "cannot read the archive: %s", sqlite3_errmsg(a->db));
	return ARCHIVE_IO;
}

int archive_report(archive *a, const char *quarter_text, FILE *out, char *err, size_t errlen)
{
	archive_quarter m;
	int rc = archive_measures(a, quarter_text, &m, err, errlen);
	if (rc != ARCHIVE_OK)
		return rc;
	if (m.empty) {
		fputs("The archive holds no records yet: nothing to report.\n", out);
		goto written;
	}
	fprintf(out, "Quarterly measures for %s (%s to before %s)\n\n", m.name, m.start, m.end);
	report_line(out, "Events:", m.now[ARCHIVE_M_EVENTS], m.before[ARCHIVE_M_EVENTS], m.prev);
	report_line(out, "Attendees at those events:", m.now[ARCHIVE_M_ATTENDEES],
	            m.before[ARCHIVE_M_ATTENDEES], m.prev);
	if (m.timed) {
		report_line(out, "People on the mailing list:", m.now[ARCHIVE_M_PEOPLE],
		            m.before[ARCHIVE_M_PEOPLE], m.prev);
		report_line(out, "Organisations among them:", m.now[ARCHIVE_M_ORGS],
		            m.before[ARCHIVE_M_ORGS], m.prev);
	} else {
		/* Without creation times the list cannot be dated: today's, and no change. */
		fprintf(out, "%-28s %ld  (now: member records carry no creation time)\n",
		        "People on the mailing list:", m.now[ARCHIVE_M_PEOPLE]);
		fprintf(out, "%-28s %ld  (now)\n", "Organisations among them:", m.now[ARCHIVE_M_ORGS]);
	}
written:
	if (fflush(out) != 0 || ferror(out)) {
		archive_say(err, errlen, "cannot write the report");
		return ARCHIVE_IO;
	}
	return ARCHIVE_OK;
}
