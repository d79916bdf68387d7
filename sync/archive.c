/* archive: cop-sync's archive — which engine, idempotent import, exports and
 * the quarterly report, in the SQL both engines share. */
#include "archive_internal.h"

#include <sodium.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "csvfield.h"

bool archive_is_server(const char *where)
{
	return strncmp(where, "postgresql:", 11) == 0 || strncmp(where, "postgres:", 9) == 0;
}

void archive_shown(const char *where, char *out, size_t outlen)
{
	size_t n = 0;
	const char *p = where, *at = NULL, *scheme = strstr(where, "://");
	if (archive_is_server(where) && scheme) {
		const char *host = scheme + 3;
		at = strchr(host, '@');
		if (at && at > host + strcspn(host, "/?"))
			at = NULL; /* an @ after the host is not the user's */
	}
	while (*p && n + 1 < outlen) {
		if (at && p < at && *p == ':' && p > scheme + 2) {
			p = at; /* user:password@ -> user@ */
			continue;
		}
		if (archive_is_server(where) && strncmp(p, "password=", 9) == 0) {
			n += (size_t)snprintf(out + n, outlen - n, "password=...");
			n = n < outlen ? n : outlen - 1;
			p += 9 + strcspn(p + 9, "&");
			continue;
		}
		out[n++] = *p++;
	}
	if (outlen)
		out[n < outlen ? n : outlen - 1] = '\0';
}

int archive_open(const char *where, archive **out, char *err, size_t errlen)
{
	archive *a = calloc(1, sizeof *a);
	*out = NULL;
	if (!a) {
		sync_say(err, errlen, "out of memory");
		return ARCHIVE_IO;
	}
	pthread_mutexattr_t attr;
	pthread_mutexattr_init(&attr);
	/* A row's reader may read again (the pages nest their reads). */
	pthread_mutexattr_settype(&attr, PTHREAD_MUTEX_RECURSIVE);
	pthread_mutex_init(&a->lock, &attr);
	pthread_mutexattr_destroy(&attr);
	a->engine = archive_is_server(where) ? &archive_pg : &archive_sqlite;
	int rc = a->engine->open(a, where, err, errlen);
	if (rc != ARCHIVE_OK) {
		archive_close(a);
		return rc;
	}
	*out = a;
	return ARCHIVE_OK;
}

void archive_close(archive *a)
{
	if (!a)
		return;
	if (a->db)
		a->engine->close(a);
	pthread_mutex_destroy(&a->lock);
	free(a);
}

int archive_run(archive *a, const char *sql, int n, const char *const *args, archive_each *each,
                void *ctx, long *changes)
{
	pthread_mutex_lock(&a->lock);
	int rc = a->engine->run(a, sql, n, args, each, ctx, changes);
	pthread_mutex_unlock(&a->lock);
	return rc;
}

/* The transaction holds the lock from begin to end: no other thread's
 * statement runs inside it. */
int archive_begin(archive *a, const char *key)
{
	pthread_mutex_lock(&a->lock);
	int rc = a->engine->begin(a, key);
	if (rc != ARCHIVE_OK)
		pthread_mutex_unlock(&a->lock);
	return rc;
}

int archive_end(archive *a, bool commit)
{
	int rc = a->engine->end(a, commit);
	pthread_mutex_unlock(&a->lock);
	return rc;
}

const char *archive_text(const archive_row *row, int i)
{
	return row->text(row, i);
}

long long archive_int(const archive_row *row, int i)
{
	const char *t = archive_text(row, i);
	return *t == 't' ? 1 : strtoll(t, NULL, 10);
}

double archive_real(const archive_row *row, int i)
{
	return strtod(archive_text(row, i), NULL);
}

static void first_int(const archive_row *row, void *ctx)
{
	*(long long *)ctx = archive_int(row, 0);
}

int archive_count(archive *a, const char *sql, int n, const char *const *args, long long *out)
{
	*out = 0;
	return archive_run(a, sql, n, args, first_int, out, NULL);
}

/* ---- import ---------------------------------------------------------------- */

/* Integers as text for the parameters (every parameter is text; the SQL
 * casts it). */
typedef struct {
	char s[24];
} num;

static num num_of(long long v)
{
	num n;
	snprintf(n.s, sizeof n.s, "%lld", v);
	return n;
}

/* The "changed" of every record a kiosk has in the archive, by gid: read
 * once an import (one statement, not one a record), for its counts (a batch
 * carries each of its kiosk's records once). */
typedef struct {
	char *gid;
	long long changed;
} held;

typedef struct {
	held *v;
	size_t n, cap;
	bool nomem;
} helds;

static void held_row(const archive_row *row, void *ctx)
{
	helds *h = ctx;
	if (h->nomem)
		return;
	if (h->n == h->cap) {
		size_t cap = h->cap ? 2 * h->cap : 256;
		held *v = realloc(h->v, cap * sizeof *v);
		if (!v) {
			h->nomem = true;
			return;
		}
		h->v = v;
		h->cap = cap;
	}
	if (!(h->v[h->n].gid = strdup(archive_text(row, 0)))) {
		h->nomem = true;
		return;
	}
	h->v[h->n++].changed = archive_int(row, 1);
}

static void helds_free(helds *h)
{
	for (size_t i = 0; i < h->n; i++)
		free(h->v[i].gid);
	free(h->v);
}

static int by_gid(const void *x, const void *y)
{
	return strcmp(((const held *)x)->gid, ((const held *)y)->gid);
}

/* Reads kiosk's records ("KIOSK-..." gids: a range of the primary key). */
static int held_of(archive *a, const char *kiosk, helds *h)
{
	const char *args[] = {kiosk};
	int rc = archive_run(a,
	                     "SELECT gid, changed FROM records\n"
	                     "WHERE gid > $1 || '-' AND gid < $1 || '.' AND kiosk = $1",
	                     1, args, held_row, h, NULL);
	if (rc == ARCHIVE_OK && h->nomem) {
		snprintf(a->msg, sizeof a->msg, "out of memory");
		rc = ARCHIVE_IO;
	}
	if (rc == ARCHIVE_OK && h->n)
		qsort(h->v, h->n, sizeof *h->v, by_gid);
	return rc;
}

/* The stored "changed" of gid, or -1 when the kiosk's records hold none
 * (no record's "changed" is negative). */
static long long stored_changed(const helds *h, const char *gid)
{
	held key = {(char *)gid, 0};
	const held *found = h->n ? bsearch(&key, h->v, h->n, sizeof *h->v, by_gid) : NULL;
	return found ? found->changed : -1;
}

static int put_record(archive *a, const sync_record *r, const char *batch_key)
{
	char kiosk[SYNC_ID_MAX + 1];
	const char *dash = strrchr(r->gid, '-');
	snprintf(kiosk, sizeof kiosk, "%.*s", (int)(dash - r->gid), r->gid);
	num changed = num_of(r->changed);
	const char *args[] = {r->gid, r->type, kiosk, changed.s, r->json, batch_key};
	return archive_run(a,
		"INSERT INTO records (gid, type, kiosk, changed, body, batch)\n"
		"VALUES ($1, $2, $3, $4, $5, $6)\n"
		"ON CONFLICT (gid) DO UPDATE SET type = excluded.type, changed = excluded.changed,\n"
		"	body = excluded.body, batch = excluded.batch\n"
		"WHERE excluded.changed > records.changed",
		6, args, NULL, NULL, NULL);
}

static int put_batch(archive *a, const sync_batch *b)
{
	num created = num_of(b->created), count = num_of((long long)b->count),
	    now = num_of((long long)time(NULL));
	const char *args[] = {b->kiosk, b->batch, created.s, b->receipt, count.s, now.s};
	return archive_run(a,
		"INSERT INTO batches (kiosk, batch, created, receipt, records, imported_at)\n"
		"VALUES ($1, $2, $3, $4, $5, $6)\n"
		"ON CONFLICT (kiosk, batch) DO UPDATE SET receipt = excluded.receipt,\n"
		"	created = excluded.created, records = excluded.records\n"
		"WHERE excluded.receipt <> batches.receipt",
		6, args, NULL, NULL, NULL);
}

/* A kiosk's pinned key (or "") and whether it is refused. */
typedef struct {
	bool found, refused;
	char signer[2 * SYNC_SIGN_PK_BYTES + 1];
} kiosk_state;

static void kiosk_state_row(const archive_row *row, void *ctx)
{
	kiosk_state *k = ctx;
	k->found = true;
	snprintf(k->signer, sizeof k->signer, "%s", archive_text(row, 0));
	k->refused = archive_int(row, 1) != 0;
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
			sync_say(err, errlen, "record %s is not kiosk %s's own, yet its batch came from "
			            "that kiosk: nothing imported", gid, b->kiosk);
			return ARCHIVE_REFUSED;
		}
	}
	char signer[2 * SYNC_SIGN_PK_BYTES + 1] = "";
	if (b->is_signed)
		sodium_bin2hex(signer, sizeof signer, b->signer, sizeof b->signer);
	kiosk_state k = {false, false, ""};
	const char *key[] = {b->kiosk};
	if (archive_run(a, "SELECT signer, refused FROM kiosks WHERE kiosk = $1", 1, key,
	                kiosk_state_row, &k, NULL) != ARCHIVE_OK) {
		sync_say(err, errlen, "cannot read the archive: %s", a->msg);
		return ARCHIVE_IO;
	}
	if (k.refused) {
		sync_say(err, errlen, "kiosk %s was refused in the online space: nothing imported",
		            b->kiosk);
		return ARCHIVE_REFUSED;
	}
	if (k.signer[0] && strcmp(k.signer, signer) != 0) {
		sync_say(err, errlen, "kiosk %s signs its batches with another key: this batch was "
		            "not made by that kiosk, nothing imported", b->kiosk);
		return ARCHIVE_REFUSED;
	}
	if (k.found && (k.signer[0] || !signer[0]))
		return ARCHIVE_OK;
	/* The kiosk's first batch, or its first signed one: trust on first use. */
	num now = num_of((long long)time(NULL));
	const char *args[] = {b->kiosk, signer[0] ? signer : NULL, now.s};
	if (archive_run(a,
	                "INSERT INTO kiosks (kiosk, signer, pinned_at) VALUES ($1, $2, $3)\n"
	                "ON CONFLICT (kiosk) DO UPDATE SET signer = excluded.signer,\n"
	                "	pinned_at = excluded.pinned_at, approved_by = NULL, approved_at = NULL",
	                3, args, NULL, NULL, NULL) != ARCHIVE_OK) {
		sync_say(err, errlen, "cannot note the kiosk: %s", a->msg);
		return ARCHIVE_IO;
	}
	return ARCHIVE_OK;
}

/* Whether kiosk is one of user's communities' that waits for an admin
 * (signed, neither approved nor refused) and user is not its admin. */
static int waits_for_an_admin(archive *a, const char *user, const char *kiosk, bool *waits)
{
	const char *args[] = {kiosk, user};
	long long n = 0;
	int rc = archive_count(a,
	                       "SELECT count(*) FROM kiosks k WHERE k.kiosk = $1\n"
	                       "	AND k.signer IS NOT NULL AND k.refused = 0 AND k.approved_by IS NULL\n"
	                       "	AND CAST($2 AS TEXT) IS NOT NULL AND NOT " ADMIN_OF_KIOSK("$1", "$2") "\n"
	                       "	AND (" ALL_SCOPE("$2") " OR EXISTS (SELECT 1 FROM records ke\n"
	                       "		WHERE ke.kiosk = $1 AND ke.type = 'event' AND " IN_SCOPE("ke", "$2") "))",
	                       2, args, &n);
	*waits = n > 0;
	return rc;
}

int archive_kiosk_refuse(archive *a, const char *user, const char *kiosk, bool refused, char *err,
                         size_t errlen)
{
	bool waits = false;
	if (waits_for_an_admin(a, user, kiosk, &waits) != ARCHIVE_OK) {
		sync_say(err, errlen, "cannot read the kiosk: %s", a->msg);
		return ARCHIVE_IO;
	}
	if (waits) {
		sync_say(err, errlen, "Kiosk %s is new: an admin of its community approves it or "
		            "refuses it.", kiosk);
		return ARCHIVE_REFUSED;
	}
	num now = num_of((long long)time(NULL));
	const char *args[] = {kiosk, refused ? "1" : "0", now.s, user};
	long changes = 0;
	if (archive_run(a,
	                "INSERT INTO kiosks (kiosk, pinned_at, refused)\n"
	                "SELECT CAST($1 AS TEXT), CAST($3 AS BIGINT), CAST($2 AS INTEGER)\n"
	                "WHERE EXISTS (SELECT 1 FROM batches WHERE kiosk = $1)\n"
	                "	AND (" ALL_KEPT("$4") " OR EXISTS (SELECT 1 FROM records ke\n"
	                "		WHERE ke.kiosk = $1 AND ke.type = 'event' AND " IN_KEPT("ke", "$4") "))\n"
	                "ON CONFLICT (kiosk) DO UPDATE SET refused = CAST($2 AS INTEGER)",
	                4, args, NULL, NULL, &changes) != ARCHIVE_OK) {
		sync_say(err, errlen, "cannot note the kiosk: %s", a->msg);
		return ARCHIVE_IO;
	}
	if (changes == 0) {
		sync_say(err, errlen, "the archive has no batch from kiosk %s", kiosk);
		return ARCHIVE_INVALID;
	}
	return ARCHIVE_OK;
}

int archive_kiosk_decide(archive *a, const char *admin, const char *kiosk, bool approve,
                         char *err, size_t errlen)
{
	num now = num_of((long long)time(NULL));
	const char *args[] = {kiosk, admin, now.s};
	long changes = 0;
	/* Approving notes who and when; refusing forgets any approval. */
	if (archive_run(a,
	                approve ? "UPDATE kiosks SET approved_by = $2, approved_at = CAST($3 AS BIGINT)\n"
	                          "WHERE kiosk = $1 AND signer IS NOT NULL AND refused = 0\n"
	                          "	AND approved_by IS NULL AND " ADMIN_OF_KIOSK("$1", "$2")
	                        : "UPDATE kiosks SET refused = 1, approved_by = NULL, approved_at = NULL\n"
	                          "WHERE kiosk = $1 AND " ADMIN_OF_KIOSK("$1", "$2"),
	                approve ? 3 : 2, args, NULL, NULL, &changes) != ARCHIVE_OK) {
		sync_say(err, errlen, "cannot note the kiosk: %s", a->msg);
		return ARCHIVE_IO;
	}
	if (changes == 0) {
		sync_say(err, errlen, "no kiosk %s of your communities waits for approval", kiosk);
		return ARCHIVE_INVALID;
	}
	return ARCHIVE_OK;
}

/* One transaction, serialised with every other import of the same kiosk
 * (whichever process makes it), so that the counts read before each upsert
 * stay true until the commit; the upserts on unique keys keep the archive
 * right whatever the order. */
/* The records this batch wrote that are of an event (or are one) of a
 * community user does not keep; 0 when user is NULL. Read inside the import's
 * transaction, after its upserts. */
static int not_kept(archive *a, const char *user, const char *batch_key, long long *n)
{
	const char *args[] = {batch_key, user};
	*n = 0;
	return user ? archive_count(a,
		"SELECT count(*) FROM records r\n"
		"JOIN records e ON e.type = 'event' AND e.gid = CASE WHEN r.type = 'event' THEN r.gid\n"
		"	ELSE r.body ->> 'event' END\n"
		"WHERE r.batch = $1 AND NOT EXISTS (SELECT 1 FROM memberships ms\n"
		"	WHERE ms.name = $2 AND ms.role IN ('keeper', 'admin')\n"
		"	AND ms.community IN ('*', coalesce(e.body ->> 'community', '')))",
		2, args, n) : ARCHIVE_OK;
}

int archive_import(archive *a, const char *user, const sync_batch *b, archive_counts *counts,
                   char *err, size_t errlen)
{
	long long foreign = 0;
	archive_counts c = {0, 0, 0};
	char batch_key[2 * SYNC_ID_MAX];
	snprintf(batch_key, sizeof batch_key, "%s/%s", b->kiosk, b->batch);
	if (archive_begin(a, b->kiosk) != ARCHIVE_OK) {
		sync_say(err, errlen, "cannot write the archive: %s", a->msg);
		return ARCHIVE_IO;
	}
	int checked = check_kiosk(a, b, err, errlen);
	if (checked != ARCHIVE_OK) {
		archive_end(a, false);
		return checked;
	}
	helds h = {NULL, 0, 0, false};
	if (held_of(a, b->kiosk, &h) != ARCHIVE_OK) {
		sync_say(err, errlen, "cannot read the archive: %s", a->msg);
		helds_free(&h);
		goto fail;
	}
	for (size_t i = 0; i < b->count; i++) {
		const sync_record *r = &b->records[i];
		long long old = stored_changed(&h, r->gid);
		if (put_record(a, r, batch_key) != ARCHIVE_OK) {
			sync_say(err, errlen, "cannot store record %s: %s", r->gid, a->msg);
			helds_free(&h);
			goto fail;
		}
		if (old < 0)
			c.added++;
		else if (r->changed > old)
			c.updated++;
		else
			c.unchanged++;
	}
	helds_free(&h);
	if (not_kept(a, user, batch_key, &foreign) != ARCHIVE_OK || put_batch(a, b) != ARCHIVE_OK) {
		sync_say(err, errlen, "cannot note the batch: %s", a->msg);
		goto fail;
	}
	if (foreign) {
		sync_say(err, errlen, "this batch holds events of a community you do not keep: "
		            "nothing imported");
		archive_end(a, false);
		return ARCHIVE_REFUSED;
	}
	if (archive_end(a, true) != ARCHIVE_OK) {
		sync_say(err, errlen, "cannot write the archive: %s", a->msg);
		return ARCHIVE_IO;
	}
	*counts = c;
	return ARCHIVE_OK;
fail:
	archive_end(a, false);
	return ARCHIVE_IO;
}

/* ---- exports --------------------------------------------------------------- */

/* A read's callback context: where it writes and the first error met. */
typedef struct {
	archive *a;
	const char *user;  /* whose communities (NULL: all) */
	FILE *out;
	int rc;
	int n;             /* rows so far */
	int kind;          /* the post-its' kind being written */
} writer;

static void event_gid(const archive_row *row, void *ctx)
{
	char **gid = ctx;
	if (!*gid)
		*gid = strdup(archive_text(row, 0));
}

/* The event an export is about: the gid given, or else the newest event (the
 * latest start; events without a start count as older; then the latest made).
 * Returns ARCHIVE_OK with *gid to free (NULL when the archive has no event),
 * ARCHIVE_INVALID when the given gid is not an event, or ARCHIVE_IO. */
static int pick_event(archive *a, const char *user, const char *want, char **gid)
{
	const char *args[] = {want, user};
	*gid = NULL;
	int rc = archive_run(a,
		"SELECT e.gid FROM records e\n"
		"WHERE e.type = 'event' AND (CAST($1 AS TEXT) IS NULL OR e.gid = $1)\n"
		"	AND " IN_SCOPE("e", "$2") "\n"
		"ORDER BY coalesce(e.body ->> 'starts', '') <> '' DESC, e.body ->> 'starts' DESC NULLS LAST,\n"
		"	" J_INT("e", "created") " DESC NULLS LAST, e.changed DESC, e.gid DESC\n"
		"LIMIT 1",
		2, args, event_gid, gid, NULL);
	if (rc != ARCHIVE_OK)
		return rc;
	return !*gid && want ? ARCHIVE_INVALID : ARCHIVE_OK;
}

/* "YYYY-MM-DD HH:MM" in local time of a Unix time given as text, as SQLite's
 * strftime(..., 'unixepoch', 'localtime') wrote it; "" for none. */
static void local_minute(const char *unix_text, char out[32])
{
	char *end = NULL;
	long long t = strtoll(unix_text, &end, 10);
	struct tm tm;
	time_t tt = (time_t)t;
	out[0] = '\0';
	if (end != unix_text && *end == '\0' && localtime_r(&tt, &tm))
		strftime(out, 32, "%Y-%m-%d %H:%M", &tm);
}

static void csv_row(const archive_row *row, void *ctx)
{
	writer *w = ctx;
	char at[32];
	for (int i = 0; i < 6; i++) {
		if (i == 4) {
			local_minute(archive_text(row, 4), at);
			csv_field(w->out, at, false, false);
		} else {
			csv_field(w->out, archive_text(row, i), false, false);
		}
	}
	csv_field(w->out, archive_int(row, 6) ? "Yes" : "No", true, false);
}

/* One event's standing check-ins as the kiosk's attendance CSV has them: the
 * same header, columns, quoting and order (the order people came). An undone
 * check-in is kept (it says the check-in was a mistake, so a later batch can
 * revive it) but not listed. A newcomer is someone with no standing check-in
 * at an earlier event, as on the kiosk; across kiosks the archive knows more. */
static int export_csv(archive *a, const char *event, FILE *out)
{
	static const char *const head[] = {"First name", "Last name",     "Organisation",
	                                   "Profession", "Checked in at", "Role",
	                                   "Newcomer"};
	writer w = {a, NULL, out, ARCHIVE_OK, 0, 0};
	const char *args[] = {event};
	for (int i = 0; i < 7; i++)
		csv_field(out, head[i], i == 6, false);
	return archive_run(a,
		"SELECT m.body ->> 'first_name', m.body ->> 'last_name',\n"
		"	m.body ->> 'organisation', m.body ->> 'profession', c.body ->> 'created',\n"
		"	c.body ->> 'role',\n"
		"	" NEWCOMER("c", "e") "\n"
		"FROM records c\n"
		"JOIN records e ON e.gid = c.body ->> 'event'\n"
		"LEFT JOIN records m ON m.gid = c.body ->> 'member'\n"
		"WHERE c.type = 'checkin' AND c.body ->> 'event' = $1\n"
		"	AND NOT " J_TRUE("c", "undone") "\n"
		"ORDER BY c.changed, c.kiosk, " GID_SEQ("c"),
		1, args, csv_row, &w, NULL);
}

static void mailchimp_row(const archive_row *row, void *ctx)
{
	writer *w = ctx;
	for (int i = 0; i < 5; i++)
		csv_field(w->out, archive_text(row, i), i == 4, true);
}

static int export_mailchimp(archive *a, const char *user, FILE *out)
{
	static const char *const head[] = {"Email Address", "First Name", "Last Name",
	                                   "Organisation", "Profession"};
	writer w = {a, user, out, ARCHIVE_OK, 0, 0};
	const char *args[] = {user};
	for (int i = 0; i < 5; i++)
		csv_field(out, head[i], i == 4, true);
	/* One row per address: the most recently changed member record holding it. */
	return archive_run(a,
		"SELECT email, first_name, last_name, organisation, profession FROM (\n"
		"	SELECT trim(m.body ->> 'email') AS email, m.body ->> 'first_name' AS first_name,\n"
		"		m.body ->> 'last_name' AS last_name, m.body ->> 'organisation' AS organisation,\n"
		"		m.body ->> 'profession' AS profession, lower(trim(m.body ->> 'email')) AS k,\n"
		"		row_number() OVER (PARTITION BY lower(trim(m.body ->> 'email'))\n"
		"			ORDER BY m.changed DESC, m.gid DESC) AS nth\n"
		"	FROM records m\n"
		"	WHERE m.type = 'member' AND " J_TRUE("m", "mailing_list") "\n"
		"		AND NOT " J_TRUE("m", "forgotten") "\n"
		"		AND trim(coalesce(m.body ->> 'email', '')) <> ''\n"
		"		AND " MEMBER_IN_SCOPE("m", "$1") ") AS list\n"
		"WHERE nth = 1 ORDER BY k",
		1, args, mailchimp_row, &w, NULL);
}

static void json_row(const archive_row *row, void *ctx)
{
	writer *w = ctx;
	fprintf(w->out, "%s\n%s", w->n++ ? "," : "", archive_text(row, 0));
}

static int export_json(archive *a, const char *user, FILE *out)
{
	writer w = {a, user, out, ARCHIVE_OK, 0, 0};
	const char *args[] = {user};
	fputs("{\"records\":[", out);
	int rc = archive_run(a,
	                     "SELECT r.body FROM records r WHERE " RECORD_IN_SCOPE("r", "$1") "\n"
	                     "ORDER BY r.type, r.kiosk, r.gid",
	                     1, args, json_row, &w, NULL);
	fputs("\n]}\n", out);
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

static void attendance_line(const archive_row *row, void *ctx)
{
	writer *w = ctx;
	fputs("- ", w->out);
	md_text(w->out, archive_text(row, 0));
	fprintf(w->out, ": %lld\n", archive_int(row, 1));
	w->n += (int)archive_int(row, 1);
	w->kind++;
}

static int md_attendance(archive *a, const char *event, FILE *out)
{
	writer w = {a, NULL, out, ARCHIVE_OK, 0, 0}; /* n: people, kind: organisations */
	const char *args[] = {event};
	fputs("\n## Attendance\n\n", out);
	int rc = archive_run(a,
		"SELECT coalesce(nullif(m.body ->> 'organisation', ''), '(not given)'), count(*)\n"
		"FROM records c LEFT JOIN records m ON m.gid = c.body ->> 'member'\n"
		"WHERE c.type = 'checkin' AND c.body ->> 'event' = $1\n"
		"	AND NOT " J_TRUE("c", "undone") "\n"
		"GROUP BY 1 ORDER BY 2 DESC, 1",
		1, args, attendance_line, &w, NULL);
	fprintf(out, "\n%d checked in, from %d organisation%s.\n", w.n, w.kind,
	        w.kind == 1 ? "" : "s");
	return rc;
}

static void note_line(const archive_row *row, void *ctx)
{
	writer *w = ctx;
	int k = (int)archive_int(row, 0);
	if (k != w->kind || w->n == 0) {
		w->kind = k;
		fprintf(w->out, "\n### %s\n\n",
		        k == 0 ? "Going well" : k == 1 ? "To be improved" : "Other notes");
	}
	fputs("- ", w->out);
	if (*archive_text(row, 1)) {
		fputs("**", w->out);
		md_text(w->out, archive_text(row, 1));
		fputs(":** ", w->out);
	}
	md_text(w->out, archive_text(row, 2));
	if (archive_int(row, 3) > 1)
		fprintf(w->out, " (a group of %lld)", archive_int(row, 3));
	fputc('\n', w->out);
	w->n++;
}

static int md_notes(archive *a, const char *event, FILE *out)
{
	writer w = {a, NULL, out, ARCHIVE_OK, 0, -1};
	const char *args[] = {event};
	fputs("\n## Post-its\n", out);
	int rc = archive_run(a,
		"SELECT " J_INT("n", "kind") ", coalesce(t.body ->> 'name', ''), n.body ->> 'body',\n"
		"	coalesce(" J_INT("n", "group_size") ", 1)\n"
		"FROM records n LEFT JOIN records t ON t.gid = n.body ->> 'theme'\n"
		"WHERE n.type = 'note' AND n.body ->> 'event' = $1\n"
		"ORDER BY 1 NULLS FIRST, t.body ->> 'name' NULLS FIRST, n.gid",
		1, args, note_line, &w, NULL);
	if (w.n == 0)
		fputs("\nNone.\n", out);
	return rc;
}

/* The texts of the answers to one prompt, " / " between them. */
static void text_piece(const archive_row *row, void *ctx)
{
	writer *w = ctx;
	fputs(w->n++ ? " / " : " — ", w->out);
	md_text(w->out, archive_text(row, 0));
}

typedef struct {
	writer w;
	const char *event;
} reflections;

static void reflection_line(const archive_row *row, void *ctx)
{
	reflections *r = ctx;
	FILE *out = r->w.out;
	fputs("- ", out);
	md_text(out, archive_text(row, 0));
	long long answers = archive_int(row, 1);
	fprintf(out, ": %lld answer%s", answers, answers == 1 ? "" : "s");
	if (archive_int(row, 2) > 0)
		fprintf(out, ", mean %.1f", archive_real(row, 3));
	writer texts = {r->w.a, NULL, out, ARCHIVE_OK, 0, 0};
	const char *args[] = {r->event, archive_text(row, 4)};
	int rc = archive_run(r->w.a,
		"SELECT r.body ->> 'value_text' FROM records r\n"
		"WHERE r.type = 'response' AND r.body ->> 'event' = $1\n"
		"	AND coalesce(r.body ->> 'prompt', '') = $2\n"
		"	AND coalesce(r.body ->> 'value_text', '') <> ''\n"
		"ORDER BY r.gid",
		2, args, text_piece, &texts, NULL);
	if (rc != ARCHIVE_OK)
		r->w.rc = rc;
	fputc('\n', out);
	r->w.n++;
}

static int md_reflections(archive *a, const char *event, FILE *out)
{
	reflections r = {{a, NULL, out, ARCHIVE_OK, 0, 0}, event};
	const char *args[] = {event};
	fputs("\n## Reflections\n\n", out);
	int rc = archive_run(a,
		"SELECT coalesce(p.body ->> 'text', '(unknown prompt)'), count(*),\n"
		"	count(r.body ->> 'value_int'), avg(" J_INT("r", "value_int") "),\n"
		"	coalesce(r.body ->> 'prompt', '')\n"
		"FROM records r LEFT JOIN records p ON p.gid = r.body ->> 'prompt'\n"
		"WHERE r.type = 'response' AND r.body ->> 'event' = $1\n"
		"GROUP BY r.body ->> 'prompt', p.body ->> 'text' ORDER BY min(r.gid)",
		1, args, reflection_line, &r, NULL);
	if (r.w.n == 0)
		fputs("None.\n", out);
	return rc != ARCHIVE_OK ? rc : r.w.rc;
}

static void event_report(const archive_row *row, void *ctx)
{
	writer *w = ctx;
	FILE *out = w->out;
	fputs("\n# ", out);
	md_text(out, archive_text(row, 1));
	fputs("\n\n", out);
	if (*archive_text(row, 2)) {
		fputs("When: ", out);
		md_text(out, archive_text(row, 2));
		fputs("  \n", out);
	}
	if (*archive_text(row, 3)) {
		fputs("Where: ", out);
		md_text(out, archive_text(row, 3));
		fputs("  \n", out);
	}
	const char *gid = archive_text(row, 0);
	int rc;
	if (w->rc == ARCHIVE_OK && ((rc = md_attendance(w->a, gid, out)) != ARCHIVE_OK ||
	                            (rc = md_notes(w->a, gid, out)) != ARCHIVE_OK ||
	                            (rc = md_reflections(w->a, gid, out)) != ARCHIVE_OK))
		w->rc = rc;
}

/* A report per event, oldest first; only the given event's when event is set. */
static int export_markdown(archive *a, const char *user, const char *event, FILE *out)
{
	writer w = {a, user, out, ARCHIVE_OK, 0, 0};
	const char *args[] = {event, user};
	fputs("# Community of practice: events\n", out);
	int rc = archive_run(a,
		"SELECT e.gid, e.body ->> 'title', coalesce(e.body ->> 'starts', ''),\n"
		"	coalesce(e.body ->> 'venue', '')\n"
		"FROM records e WHERE e.type = 'event' AND (CAST($1 AS TEXT) IS NULL OR e.gid = $1)\n"
		"	AND " IN_SCOPE("e", "$2") "\n"
		"ORDER BY e.body ->> 'starts' NULLS FIRST, e.gid",
		2, args, event_report, &w, NULL);
	return rc != ARCHIVE_OK ? rc : w.rc;
}

int archive_export(archive *a, const char *user, const char *format, const char *event,
                   FILE *out, char *err, size_t errlen)
{
	bool per_event = strcmp(format, "csv") == 0 || strcmp(format, "markdown") == 0;
	char *gid = NULL;
	int rc;
	if (event && !per_event && (strcmp(format, "mailchimp") == 0 || strcmp(format, "json") == 0)) {
		sync_say(err, errlen, "--event goes with the csv and markdown formats only");
		return ARCHIVE_INVALID;
	}
	if (strcmp(format, "csv") == 0 || (event && per_event)) {
		rc = pick_event(a, user, event, &gid);
		if (rc == ARCHIVE_INVALID) {
			sync_say(err, errlen, "there is no event %s in the archive", event);
			return ARCHIVE_INVALID;
		}
		if (rc != ARCHIVE_OK)
			goto failed;
	}
	if (strcmp(format, "csv") == 0)
		/* An archive with no event yet: the header alone. */
		rc = export_csv(a, gid ? gid : "", out);
	else if (strcmp(format, "mailchimp") == 0)
		rc = export_mailchimp(a, user, out);
	else if (strcmp(format, "markdown") == 0)
		rc = export_markdown(a, user, gid, out);
	else if (strcmp(format, "json") == 0)
		rc = export_json(a, user, out);
	else {
		sync_say(err, errlen, "unknown format %s: use csv, mailchimp, markdown or json", format);
		return ARCHIVE_INVALID;
	}
	free(gid);
	if (rc != ARCHIVE_OK)
		goto failed;
	if (fflush(out) != 0 || ferror(out)) {
		sync_say(err, errlen, "cannot write the export");
		return ARCHIVE_IO;
	}
	return ARCHIVE_OK;
failed:
	sync_say(err, errlen, "cannot read the archive: %s", a->msg);
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

static void text_row(const archive_row *row, void *ctx)
{
	snprintf(ctx, 32, "%s", archive_text(row, 0));
}

/* The quarter of the newest event's start. Returns ARCHIVE_OK with *found
 * false when no event has a start, or ARCHIVE_IO. */
static int newest_quarter(archive *a, const char *user, quarter *q, bool *found)
{
	char s[32] = "";
	const char *args[] = {user};
	*found = false;
	int rc = archive_run(a,
		"SELECT max(e.body ->> 'starts') FROM records e\n"
		"WHERE e.type = 'event' AND coalesce(e.body ->> 'starts', '') <> ''\n"
		"	AND " IN_SCOPE("e", "$1"),
		1, args, text_row, s, NULL);
	if (rc != ARCHIVE_OK || !s[0])
		return rc;
	/* "YYYY-MM-...": the year and the month's quarter, as far as they read. */
	char year[5] = "", month[3] = "";
	memcpy(year, s, strnlen(s, 4));
	if (strlen(s) > 5)
		memcpy(month, s + 5, strnlen(s + 5, 2));
	int y = atoi(year), n = (atoi(month) + 2) / 3;
	if (y >= 1 && n >= 1 && n <= 4) {
		quarter_set(q, y, n);
		*found = true;
	}
	return ARCHIVE_OK;
}

static void sizes_row(const archive_row *row, void *ctx)
{
	long *m = ctx;
	m[0] = (long)archive_int(row, 0);
	m[1] = (long)archive_int(row, 1);
}

/* How many records the archive holds (*records) and how many member records
 * carry no creation time (*untimed). */
static int archive_sizes(archive *a, const char *user, long *records, long *untimed)
{
	long m[2] = {0, 0};
	const char *args[] = {user};
	int rc = archive_run(a,
		"SELECT count(*), count(*) FILTER (WHERE r.type = 'member' AND\n"
		"	coalesce(json_typeof(r.body -> 'created'), '') <> 'number')\n"
		"FROM records r WHERE " RECORD_IN_SCOPE("r", "$1"),
		1, args, sizes_row, m, NULL);
	*records = m[0];
	*untimed = m[1];
	return rc;
}

static void measures_row(const archive_row *row, void *ctx)
{
	long *m = ctx;
	for (int i = 0; i < ARCHIVE_MEASURES; i++)
		m[i] = (long)archive_int(row, i);
}

/* The quarter's measures: events starting in it, standing check-ins at those
 * events, and the mailing list — distinct addresses of opted-in members not
 * forgotten (as the Mailchimp export has them) and the distinct organisations
 * among them — as it stood at the quarter's end, or now when timed is false. */
static int quarter_measures(archive *a, const char *user, const quarter *q, bool timed,
                            long m[ARCHIVE_MEASURES])
{
	/* The quarter's end at local midnight, as a Unix time. */
	struct tm tm = {0};
	tm.tm_year = atoi(q->end) - 1900;
	tm.tm_mon = atoi(q->end + 5) - 1;
	tm.tm_mday = 1;
	tm.tm_isdst = -1;
	num end = num_of((long long)mktime(&tm));
	const char *args[] = {q->start, q->end, timed ? "1" : "0", end.s, user};
	return archive_run(a,
		"WITH ev AS (SELECT e.gid FROM records e WHERE e.type = 'event'\n"
		"		AND e.body ->> 'starts' >= $1 AND e.body ->> 'starts' < $2\n"
		"		AND " IN_SCOPE("e", "$5") "),\n"
		"list AS (SELECT lower(trim(m.body ->> 'email')) AS email,\n"
		"		lower(trim(coalesce(m.body ->> 'organisation', ''))) AS org\n"
		"	FROM records m WHERE m.type = 'member' AND " J_TRUE("m", "mailing_list") "\n"
		"		AND NOT " J_TRUE("m", "forgotten") "\n"
		"		AND trim(coalesce(m.body ->> 'email', '')) <> ''\n"
		"		AND CASE WHEN CAST($3 AS INTEGER) = 0 THEN TRUE\n"
		"			ELSE " J_INT("m", "created") " < CAST($4 AS BIGINT) END\n"
		"		AND " MEMBER_IN_SCOPE("m", "$5") ")\n"
		"SELECT (SELECT count(*) FROM ev),\n"
		"	(SELECT count(*) FROM records c JOIN ev ON ev.gid = c.body ->> 'event'\n"
		"		WHERE c.type = 'checkin' AND NOT " J_TRUE("c", "undone") "),\n"
		"	(SELECT count(DISTINCT email) FROM list),\n"
		"	(SELECT count(DISTINCT nullif(org, '')) FROM list)",
		5, args, measures_row, m, NULL);
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

int archive_measures(archive *a, const char *user, const char *quarter_text,
                     archive_quarter *out, char *err, size_t errlen)
{
	quarter q = {"", "", ""}, prev = q;
	long records = 0, untimed = 0;
	bool found = false;
	int rc;
	memset(out, 0, sizeof *out);
	if (quarter_text && !quarter_parse(quarter_text, &q)) {
		sync_say(err, errlen, "bad quarter %s: write it as YYYYQ1 to YYYYQ4, e.g. 2026Q4",
		            quarter_text);
		return ARCHIVE_INVALID;
	}
	if ((rc = archive_sizes(a, user, &records, &untimed)) != ARCHIVE_OK)
		goto failed;
	out->empty = records == 0;
	if (out->empty)
		return ARCHIVE_OK;
	if (!quarter_text) {
		if ((rc = newest_quarter(a, user, &q, &found)) != ARCHIVE_OK)
			goto failed;
		if (!found) {
			sync_say(err, errlen,
			            "no event in the archive has a start date: give --quarter YYYYQn");
			return ARCHIVE_INVALID;
		}
	}
	int year = atoi(q.name), n = q.name[5] - '0';
	quarter_set(&prev, n == 1 ? year - 1 : year, n == 1 ? 4 : n - 1);
	out->timed = untimed == 0;
	if ((rc = quarter_measures(a, user, &q, out->timed, out->now)) != ARCHIVE_OK ||
	    (rc = quarter_measures(a, user, &prev, out->timed, out->before)) != ARCHIVE_OK)
		goto failed;
	snprintf(out->name, sizeof out->name, "%s", q.name);
	snprintf(out->start, sizeof out->start, "%s", q.start);
	snprintf(out->end, sizeof out->end, "%s", q.end);
	snprintf(out->prev, sizeof out->prev, "%s", prev.name);
	return ARCHIVE_OK;
failed:
	sync_say(err, errlen, "cannot read the archive: %s", a->msg);
	return ARCHIVE_IO;
}

int archive_report(archive *a, const char *user, const char *quarter_text, FILE *out, char *err,
                   size_t errlen)
{
	archive_quarter m;
	int rc = archive_measures(a, user, quarter_text, &m, err, errlen);
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
		sync_say(err, errlen, "cannot write the report");
		return ARCHIVE_IO;
	}
	return ARCHIVE_OK;
}
