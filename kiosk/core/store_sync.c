/* store_sync: sync: batches of records for the QR loop, acknowledgement, the archive key. */
#include "store_impl.h"

#include <assert.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <sodium.h>

#include "sync.h"

/* ---- sync: batches of records for the QR loop, and exports ---------------------- */

_Static_assert(STORE_SECRET_BYTES == 16, "sync_batches.secret holds 16 bytes");

/* Types of record in the order a batch lists them (a record's references come
 * before it), with the name of their array in the JSON export. */
const char *const record_arrays[RECORD_TYPES] = {
	"events", "agenda_items", "members", "checkins", "themes", "notes", "prompts",
	"responses",
};

#define GID_OF(t) t ".kiosk || '-' || " t ".seq"
#define BOOL_OF(c) "json(iif(" c ", 'true', 'false'))"
#define RECORD_HEAD(type, t) \
	"'type', '" type "', 'gid', " GID_OF(t) ", 'changed', " t ".changed_seq, " \
	"'created', " t ".created_at"

/* A member as a batch sends it; store_member_forget rewrites a stored batch's
 * line with it. */
#define MEMBER_RECORD(m) \
	"json_object(" RECORD_HEAD("member", m) ", " \
	"'first_name', " m ".first_name, 'last_name', " m ".last_name, " \
	"'organisation', " m ".organisation, 'profession', " m ".profession, " \
	"'email', " m ".email, 'mailing_list', " BOOL_OF(m ".mailing_list") ", " \
	"'may_contact', " BOOL_OF(m ".may_contact") ", " \
	"'forgotten', " BOOL_OF(m ".forgotten") ")"

/* Calls fn with every record changed after changed_seq `after` (-1: all), in
 * sync/PROTOCOL.md's form, by type then by age; stops at fn's first status
 * other than STORE_OK and returns it. Members go with the check-ins sent, so
 * that a batch names everyone it counts. Votes are not sent: the protocol has
 * no record for them yet. */
int each_record(store *s, int64_t after, record_fn fn, void *ctx)
{
	static const char sql[] =
		"SELECT 0, e.seq, json_object(" RECORD_HEAD("event", "e") ", "
		"'title', e.title, 'starts', e.starts, 'venue', e.venue, "
		"'community', e.community, 'roles', " BOOL_OF("e.roles") ") "
		"FROM events e WHERE e.changed_seq > ?1 "
		"UNION ALL SELECT 1, a.seq, json_object(" RECORD_HEAD("agenda_item", "a") ", "
		"'event', " GID_OF("e") ", 'title', a.title, 'starts', a.starts, "
		"'activity', a.activity, 'position', a.position, "
		"'deleted', " BOOL_OF("a.deleted") ") "
		"FROM agenda_items a JOIN events e ON e.id = a.event_id "
		"WHERE a.changed_seq > ?1 "
		"UNION ALL SELECT 2, m.seq, " MEMBER_RECORD("m") " "
		"FROM members m WHERE m.changed_seq > ?1 OR m.id IN "
		"(SELECT member_id FROM checkins WHERE changed_seq > ?1) "
		"UNION ALL SELECT 3, c.seq, json_object(" RECORD_HEAD("checkin", "c") ", "
		"'event', " GID_OF("e") ", 'member', " GID_OF("m") ", 'role', c.role, "
		"'undone', " BOOL_OF("c.undone") ") "
		"FROM checkins c JOIN events e ON e.id = c.event_id "
		"JOIN members m ON m.id = c.member_id WHERE c.changed_seq > ?1 "
		"UNION ALL SELECT 4, t.seq, json_object(" RECORD_HEAD("theme", "t") ", "
		"'event', " GID_OF("e") ", 'name', t.name) "
		"FROM themes t JOIN events e ON e.id = t.event_id WHERE t.changed_seq > ?1 "
		"UNION ALL SELECT 5, n.seq, json_object(" RECORD_HEAD("note", "n") ", "
		"'event', " GID_OF("e") ", 'agenda_item', (SELECT " GID_OF("a") " FROM "
		"agenda_items a WHERE a.id = n.agenda_item_id), 'kind', n.kind, "
		"'body', n.body, 'group_size', n.group_size, 'theme', (SELECT "
		GID_OF("t") " FROM themes t WHERE t.id = n.theme_id)) "
		"FROM notes n JOIN events e ON e.id = n.event_id WHERE n.changed_seq > ?1 "
		"UNION ALL SELECT 6, p.seq, json_object(" RECORD_HEAD("prompt", "p") ", "
		"'event', (SELECT " GID_OF("e") " FROM events e WHERE e.id = p.event_id), "
		"'text', p.text, 'kind', p.kind, 'choices', p.choices, "
		"'deleted', " BOOL_OF("p.deleted") ") "
		"FROM prompts p WHERE p.changed_seq > ?1 "
		"UNION ALL SELECT 7, r.seq, json_object(" RECORD_HEAD("response", "r") ", "
		"'event', " GID_OF("e") ", 'prompt', " GID_OF("p") ", 'agenda_item', "
		"(SELECT " GID_OF("a") " FROM agenda_items a WHERE a.id = r.agenda_item_id), "
		"'value_int', r.value, 'value_text', r.text) "
		"FROM responses r JOIN events e ON e.id = r.event_id "
		"JOIN prompts p ON p.id = r.prompt_id WHERE r.changed_seq > ?1 "
		"ORDER BY 1, 2";
	static const char what[] = N_("the records could not be read");
	sqlite3_stmt *st = NULL;
	int rc = STORE_OK, src;

	rc = stmt_prepare(s, &st, what, sql, "i", after);
	if (rc != STORE_OK)
		goto out;
	while (rc == STORE_OK && (src = sqlite3_step(st)) == SQLITE_ROW) {
		int type = sqlite3_column_int(st, 0);
		const char *json = (const char *)sqlite3_column_text(st, 2);

		assert(type >= 0 && type < RECORD_TYPES);
		if (!json) {
			rc = set_msg(s, STORE_IO, _("The kiosk ran out of memory: %s."), _(what));
			goto out;
		}
		rc = fn(ctx, type, json, sqlite3_column_bytes(st, 2));
	}
	if (rc == STORE_OK && src != SQLITE_DONE)
		rc = fail_db(s, src, what);
out:
	sqlite3_finalize(st);
	return rc;
}

/* The highest changed_seq of any record a batch sends (0 when there are none);
 * it can be below the record counter, which votes also move. */
static int changed_upto(store *s, int64_t *upto)
{
	static const char sql[] =
		"SELECT coalesce(max(v), 0) FROM ("
		"SELECT max(changed_seq) AS v FROM events "
		"UNION ALL SELECT max(changed_seq) FROM agenda_items "
		"UNION ALL SELECT max(changed_seq) FROM members "
		"UNION ALL SELECT max(changed_seq) FROM checkins "
		"UNION ALL SELECT max(changed_seq) FROM themes "
		"UNION ALL SELECT max(changed_seq) FROM notes "
		"UNION ALL SELECT max(changed_seq) FROM prompts "
		"UNION ALL SELECT max(changed_seq) FROM responses)";
	sqlite3_stmt *st = NULL;
	int rc = STORE_OK;

	if (sqlite3_prepare_v2(s->db, sql, -1, &st, NULL) != SQLITE_OK ||
	    sqlite3_step(st) != SQLITE_ROW) {
		rc = fail_db(s, sqlite3_errcode(s->db), N_("the records could not be read"));
		goto out;
	}
	*upto = sqlite3_column_int64(st, 0);
out:
	sqlite3_finalize(st);
	return rc;
}

/* The highest changed_seq the archive has acknowledged: every record changed
 * up to it has reached the archive (0 before the first receipt). */
static int acked_upto(store *s, int64_t *upto)
{
	static const char sql[] =
		"SELECT coalesce(max(last_seq), 0) FROM sync_batches WHERE acked_at IS NOT NULL";
	sqlite3_stmt *st = NULL;
	int rc = STORE_OK;

	if (sqlite3_prepare_v2(s->db, sql, -1, &st, NULL) != SQLITE_OK ||
	    sqlite3_step(st) != SQLITE_ROW) {
		rc = fail_db(s, sqlite3_errcode(s->db), N_("the batches could not be read"));
		goto out;
	}
	*upto = sqlite3_column_int64(st, 0);
out:
	sqlite3_finalize(st);
	return rc;
}

#define BATCH_COLUMNS "id, created_at, coalesce(acked_at, 0), record_count, secret"

static void batch_from_row(sqlite3_stmt *st, void *row)
{
	store_batch *b = row;

	const void *secret = sqlite3_column_blob(st, 4);

	memset(b, 0, sizeof *b);
	b->id = sqlite3_column_int64(st, 0);
	b->created_at = sqlite3_column_int64(st, 1);
	b->acked_at = sqlite3_column_int64(st, 2);
	b->records = sqlite3_column_int(st, 3);
	if (secret && sqlite3_column_bytes(st, 4) == STORE_SECRET_BYTES)
		memcpy(b->secret, secret, STORE_SECRET_BYTES);
}

/* The newest batch still waiting for its receipt, with its records (malloc'd,
 * NUL-terminated) and the highest changed_seq it covers; STORE_NOTFOUND if
 * every batch is acknowledged. */
static int newest_pending(store *s, store_batch *out, int64_t *last_seq, char **records,
			  size_t *len)
{
	static const char sql[] =
		"SELECT " BATCH_COLUMNS ", last_seq, records FROM sync_batches "
		"WHERE acked_at IS NULL ORDER BY id DESC LIMIT 1";
	static const char what[] = N_("the batch could not be read");
	sqlite3_stmt *st = NULL;
	int rc = STORE_OK, src;
	size_t n;

	rc = stmt_prepare(s, &st, what, sql, "");
	if (rc != STORE_OK)
		goto out;
	src = sqlite3_step(st);
	if (src == SQLITE_DONE) {
		rc = STORE_NOTFOUND;
		goto out;
	}
	if (src != SQLITE_ROW) {
		rc = fail_db(s, src, what);
		goto out;
	}
	batch_from_row(st, out);
	*last_seq = sqlite3_column_int64(st, 5);
	n = (size_t)sqlite3_column_bytes(st, 6);
	*records = malloc(n + 1);
	if (!*records) {
		rc = set_msg(s, STORE_IO, _("The kiosk ran out of memory: %s."), _(what));
		goto out;
	}
	if (n)
		memcpy(*records, sqlite3_column_text(st, 6), n);
	(*records)[n] = '\0';
	*len = n;
out:
	sqlite3_finalize(st);
	return rc;
}

/* Member id's line in every stored batch is rewritten as the member is now
 * (forgotten: no name, organisation or email), so that no batch keeps what
 * was forgotten, and a batch not yet acknowledged sends the forgetting. The
 * receipt derives from the batch's secret, not its records: it stays. */
int scrub_batches(store *s, int64_t id, const char *what)
{
	static const char member_sql[] =
		"SELECT '{\"type\":\"member\",\"gid\":\"' || m.kiosk || '-' || m.seq || '\",', "
		MEMBER_RECORD("m") " FROM members m WHERE m.id = ?1";
	static const char find_sql[] =
		"SELECT id, records FROM sync_batches WHERE instr(records, ?1) > 0";
	static const char put_sql[] = "UPDATE sync_batches SET records = ?1 WHERE id = ?2";
	sqlite3_stmt *member = NULL, *find = NULL, *put = NULL;
	char *text = NULL;
	size_t n = 0;
	int rc = STORE_OK, src;

	if (sqlite3_prepare_v2(s->db, member_sql, -1, &member, NULL) != SQLITE_OK ||
	    sqlite3_bind_int64(member, 1, id) != SQLITE_OK ||
	    sqlite3_step(member) != SQLITE_ROW ||
	    sqlite3_prepare_v2(s->db, find_sql, -1, &find, NULL) != SQLITE_OK ||
	    sqlite3_bind_value(find, 1, sqlite3_column_value(member, 0)) != SQLITE_OK ||
	    sqlite3_prepare_v2(s->db, put_sql, -1, &put, NULL) != SQLITE_OK) {
		rc = fail_db(s, sqlite3_errcode(s->db), what);
		goto out;
	}
	const char *head = (const char *)sqlite3_column_text(member, 0);
	const char *now = (const char *)sqlite3_column_text(member, 1);
	if (!head || !now) {
		rc = set_msg(s, STORE_IO, _("The kiosk ran out of memory: %s."), _(what));
		goto out;
	}
	size_t head_len = strlen(head);
	/* Each batch is rewritten as it is read: the new line names the same
	 * gid, so the search would find it again, but the scan is already past. */
	while ((src = sqlite3_step(find)) == SQLITE_ROW) {
		const char *records = (const char *)sqlite3_column_text(find, 1);
		FILE *f = open_memstream(&text, &n);
		if (!f || !records) {
			if (f)
				fclose(f);
			rc = set_msg(s, STORE_IO, _("The kiosk ran out of memory: %s."), _(what));
			goto out;
		}
		for (const char *line = records; *line;) {
			const char *end = strchr(line, '\n');
			size_t len = end ? (size_t)(end - line) : strlen(line);
			if (len >= head_len && memcmp(line, head, head_len) == 0)
				fputs(now, f);
			else
				fwrite(line, 1, len, f);
			if (end)
				fputc('\n', f);
			line += len + (end ? 1 : 0);
		}
		if (fclose(f) != 0) {
			rc = set_msg(s, STORE_IO, _("The kiosk ran out of memory: %s."), _(what));
			goto out;
		}
		if (sqlite3_bind_text64(put, 1, text, n, SQLITE_STATIC, SQLITE_UTF8) != SQLITE_OK ||
		    sqlite3_bind_int64(put, 2, sqlite3_column_int64(find, 0)) != SQLITE_OK ||
		    sqlite3_step(put) != SQLITE_DONE) {
			rc = fail_db(s, sqlite3_errcode(s->db), what);
			goto out;
		}
		sqlite3_reset(put);
		sodium_memzero(text, n);
		free(text);
		text = NULL;
	}
	if (src != SQLITE_DONE)
		rc = fail_db(s, src, what);
out:
	if (text)
		sodium_memzero(text, n);
	free(text);
	sqlite3_finalize(put);
	sqlite3_finalize(find);
	sqlite3_finalize(member);
	return rc;
}

/* Stores a new batch of records covering changed_seq first..last; sets out's
 * id (the next batch number), created_at and records; out->secret is kept. */
static int insert_batch(store *s, int64_t first, int64_t last, const char *records, size_t len,
			int count, store_batch *out)
{
	static const char sql[] =
		"INSERT INTO sync_batches (id, kiosk, seq, created_at, first_seq, last_seq, "
		"frames, secret, records, record_count) VALUES ((SELECT coalesce(max(id), 0) "
		"+ 1 FROM sync_batches), ?1, (SELECT coalesce(max(id), 0) + 1 FROM "
		"sync_batches), ?2, ?3, ?4, 0, ?5, ?6, ?7) RETURNING id";
	static const char what[] = N_("the batch was not saved");
	sqlite3_stmt *st = NULL;
	int64_t now = store_now(s);
	int rc = STORE_OK;

	if (sqlite3_prepare_v2(s->db, sql, -1, &st, NULL) != SQLITE_OK ||
	    sqlite3_bind_text(st, 1, s->kiosk, -1, SQLITE_STATIC) != SQLITE_OK ||
	    sqlite3_bind_int64(st, 2, now) != SQLITE_OK ||
	    sqlite3_bind_int64(st, 3, first) != SQLITE_OK ||
	    sqlite3_bind_int64(st, 4, last) != SQLITE_OK ||
	    sqlite3_bind_blob(st, 5, out->secret, STORE_SECRET_BYTES, SQLITE_STATIC) !=
		    SQLITE_OK ||
	    sqlite3_bind_text64(st, 6, records, len, SQLITE_STATIC, SQLITE_UTF8) != SQLITE_OK ||
	    sqlite3_bind_int(st, 7, count) != SQLITE_OK ||
	    sqlite3_step(st) != SQLITE_ROW) {
		rc = fail_db(s, sqlite3_errcode(s->db), what);
		goto out;
	}
	out->id = sqlite3_column_int64(st, 0);
	out->created_at = now;
	out->acked_at = 0;
	out->records = count;
out:
	sqlite3_finalize(st);
	return rc;
}

/* JSON Lines of a batch being made, in a memory stream. */
typedef struct {
	FILE *f;
	int count;
	bool failed;    /* the stream could not grow: out of memory */
} lines;

static int add_line(void *ctx, int type, const char *json, int len)
{
	lines *l = ctx;

	(void)type;
	if (fwrite(json, 1, (size_t)len, l->f) != (size_t)len || fputc('\n', l->f) == EOF) {
		l->failed = true;
		return STORE_IO;
	}
	l->count++;
	return STORE_OK;
}

int store_sync_batch(store *s, store_batch *out, char **records, size_t *len)
{
	static const char what[] = N_("no batch was made");
	lines l = {NULL, 0, false};
	char *text = NULL;
	size_t n = 0;
	int64_t acked = 0, changed = 0, covered = 0;
	int rc;

	assert(s && out && records && len);
	*records = NULL;
	*len = 0;
	rc = tx_begin(s, what);
	if (rc != STORE_OK)
		return rc;
	rc = acked_upto(s, &acked);
	if (rc == STORE_OK)
		rc = changed_upto(s, &changed);
	if (rc != STORE_OK)
		goto out;
	if (changed <= acked) {
		rc = set_msg(s, STORE_NOTFOUND, _("Everything has been synced: there is "
			     "nothing new to send."));
		goto out;
	}
	/* Nothing changed since the newest batch was made: show it again, so
	 * that its frames and its receipt stay the same. */
	rc = newest_pending(s, out, &covered, &text, &n);
	if (rc == STORE_OK && covered >= changed)
		goto out;
	if (rc != STORE_OK && rc != STORE_NOTFOUND)
		goto out;
	free(text);
	text = NULL;
	n = 0;
	memset(out, 0, sizeof *out);
	l.f = open_memstream(&text, &n);
	if (!l.f) {
		rc = set_msg(s, STORE_IO, _("The kiosk ran out of memory: %s."), _(what));
		goto out;
	}
	rc = each_record(s, acked, add_line, &l);
	if (fclose(l.f) != 0 || l.failed)
		rc = set_msg(s, STORE_IO, _("The kiosk ran out of memory: %s."), _(what));
	if (rc != STORE_OK)
		goto out;
	if (l.count == 0) {
		rc = set_msg(s, STORE_NOTFOUND, _("Everything has been synced: there is "
			     "nothing new to send."));
		goto out;
	}
	randombytes_buf(out->secret, sizeof out->secret);
	rc = insert_batch(s, acked + 1, changed, text, n, l.count, out);
out:
	rc = tx_end(s, rc, what);
	if (rc != STORE_OK) {
		free(text);
		memset(out, 0, sizeof *out);
		return rc;
	}
	*records = text;
	*len = n;
	return STORE_OK;
}

int store_sync_ack(store *s, int64_t id)
{
	/* An acknowledged batch keeps its first receipt's time: typing the code
	 * twice is harmless. */
	static const char sql[] =
		"UPDATE sync_batches SET acked_at = coalesce(acked_at, ?2) WHERE id = ?1";
	static const char what[] = N_("the batch was not marked as synced");
	int rc = STORE_OK;

	assert(s);
	rc = stmt_run(s, what, sql, "ii", id, store_now(s));
	if (rc == STORE_OK && sqlite3_changes(s->db) == 0)
		rc = set_msg(s, STORE_NOTFOUND, _("There is no such batch: %s."), _(what));
	return rc;
}

int store_sync_history(store *s, store_batch *out, int max, int *n)
{
	static const char sql[] =
		"SELECT " BATCH_COLUMNS " FROM sync_batches ORDER BY id DESC LIMIT ?1";
	static const char what[] = N_("the batches could not be read");

	assert(s && n && max >= 0 && (out || max == 0));
	return stmt_list(s, what, sql, batch_from_row, out, sizeof *out, max, n, "d", max);
}

int store_sync_key_set(store *s, const unsigned char key[STORE_SYNC_KEY_BYTES])
{
	static const char sql[] = "DELETE FROM settings WHERE key = ?1";
	char hex[2 * STORE_SYNC_KEY_BYTES + 1];
	sqlite3_stmt *st = NULL;
	int rc = STORE_OK;

	assert(s);
	if (key) {
		sodium_bin2hex(hex, sizeof hex, key, STORE_SYNC_KEY_BYTES);
		return setting_put_text(s, KEY_SYNC_KEY, hex,
					N_("the archive's key was not saved"));
	}
	if (sqlite3_prepare_v2(s->db, sql, -1, &st, NULL) != SQLITE_OK ||
	    sqlite3_bind_text(st, 1, KEY_SYNC_KEY, -1, SQLITE_STATIC) != SQLITE_OK ||
	    sqlite3_step(st) != SQLITE_DONE)
		rc = fail_db(s, sqlite3_errcode(s->db), N_("the archive's key was not removed"));
	sqlite3_finalize(st);
	return rc;
}

int store_sync_key_get(store *s, unsigned char key[STORE_SYNC_KEY_BYTES])
{
	char hex[2 * STORE_SYNC_KEY_BYTES + 1];
	size_t bin = 0;
	int rc;

	assert(s && key);
	rc = setting_get_text(s, KEY_SYNC_KEY, hex, sizeof hex);
	if (rc == STORE_NOTFOUND)
		return set_msg(s, STORE_NOTFOUND, _("No archive key has been loaded."));
	if (rc != STORE_OK)
		return rc;
	if (sodium_hex2bin(key, STORE_SYNC_KEY_BYTES, hex, strlen(hex), NULL, &bin, NULL) != 0 ||
	    bin != STORE_SYNC_KEY_BYTES)
		return set_msg(s, STORE_CORRUPT, _("The archive's key in the data file is damaged; load it again."));
	return STORE_OK;
}
