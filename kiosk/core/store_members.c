/* store_members: members: adding, editing, finding, forgetting; organisations and professions. */
#include "store_impl.h"

#include <assert.h>
#include <stdio.h>
#include <string.h>

#include <sodium.h>

#include "text.h"

/* An address's domain: at least two dot-separated labels of letters, digits,
 * hyphens (not at either end) or non-ASCII letters, the last not all digits
 * and at least two characters long. */
static bool valid_domain(const char *d)
{
	size_t labels = 0;

	for (;;) {
		size_t len = strcspn(d, "."), digits = 0;

		if (len == 0 || len > 63 || d[0] == '-' || d[len - 1] == '-')
			return false;
		for (size_t i = 0; i < len; i++) {
			unsigned char c = (unsigned char)d[i];

			if (c >= '0' && c <= '9')
				digits++;
			else if (!(c >= 0x80 || c == '-' || (c >= 'a' && c <= 'z') ||
				   (c >= 'A' && c <= 'Z')))
				return false;
		}
		labels++;
		if (d[len] == '\0')
			return labels >= 2 && len >= 2 && digits < len;
		d += len + 1;
	}
}

bool store_email_valid(const char *email)
{
	const char *at;
	size_t len;

	if (!email)
		return false;
	len = strnlen(email, STORE_EMAIL_MAX);
	if (len == 0)
		return true;
	if (len >= STORE_EMAIL_MAX || !text_valid_utf8(email, len))
		return false;
	at = strchr(email, '@');
	if (!at || strchr(at + 1, '@') || at == email || at - email > 64)
		return false;
	/* The local part: printable, no spaces or the characters that need
	 * quoting; dots only between other characters. */
	for (const char *p = email; p < at; p++) {
		unsigned char c = (unsigned char)*p;

		if (c <= ' ' || c == 0x7f || strchr("\"(),:;<>[\\]", c))
			return false;
	}
	if (email[0] == '.' || at[-1] == '.' || strstr(email, "..") != NULL)
		return false;
	return valid_domain(at + 1);
}

/* Checks a member's fields; the messages are shown to the attendee typing
 * them, so they speak to them. */
int check_member(store *s, const store_member *m)
{
	char key[STORE_NAME_MAX];
	int rc;

	/* TRANSLATORS: the name of a field, put into "The %s is empty." and the
	 * other messages about a field. */
	rc = check_text(s, N_("first name"), m->first, STORE_NAME_MAX, STORE_NAME_CHARS, false);
	if (rc != STORE_OK)
		return rc;
	/* A name of only spaces or punctuation could never be found again. */
	text_fold(key, sizeof key, m->first);
	if (key[0] == '\0')
		return set_msg(s, STORE_INVALID, _("Please give a first name."));
	rc = check_text(s, N_("last name"), m->last, STORE_NAME_MAX, STORE_NAME_CHARS, false);
	if (rc == STORE_OK)
		rc = check_text(s, N_("organisation"), m->organisation, STORE_TEXT_MAX,
				STORE_TEXT_CHARS, false);
	if (rc == STORE_OK)
		rc = check_text(s, N_("profession"), m->profession, STORE_TEXT_MAX,
				STORE_TEXT_CHARS, false);
	if (rc == STORE_OK && !store_email_valid(m->email))
		rc = set_msg(s, STORE_INVALID, _("That email address does not look right: "
			     "it needs one @ and a domain like nhs.net."));
	return rc;
}

/* ---- members -------------------------------------------------------------------- */

/* The folded keys of a member: each part of the name for the search words,
 * "first last" for order and duplicates, the organisation for suggestions. */
typedef struct {
	char first[STORE_NAME_MAX];
	char last[STORE_NAME_MAX];
	char name[2 * STORE_NAME_MAX];
	char org[STORE_TEXT_MAX];
} member_keys;

static void member_keys_of(const store_member *m, member_keys *k)
{
	char both[2 * STORE_NAME_MAX];

	text_fold(k->first, sizeof k->first, m->first);
	text_fold(k->last, sizeof k->last, m->last);
	snprintf(both, sizeof both, "%s %s", m->first, m->last);
	text_fold(k->name, sizeof k->name, both);
	text_fold(k->org, sizeof k->org, m->organisation);
}

void member_from_row(sqlite3_stmt *st, store_member *m)
{
	memset(m, 0, sizeof *m);
	m->id = sqlite3_column_int64(st, 0);
	copy_column(m->gid, sizeof m->gid, st, 1);
	copy_column(m->first, sizeof m->first, st, 2);
	copy_column(m->last, sizeof m->last, st, 3);
	copy_column(m->organisation, sizeof m->organisation, st, 4);
	copy_column(m->profession, sizeof m->profession, st, 5);
	copy_column(m->email, sizeof m->email, st, 6);
	m->mailing_list = sqlite3_column_int(st, 7) != 0;
	m->may_contact = sqlite3_column_int(st, 8) != 0;
}

/* Steps a prepared query of MEMBER_COLUMNS once: the member into out, or
 * STORE_NOTFOUND. The caller finalizes st. */
static int step_member(store *s, sqlite3_stmt *st, store_member *out, const char *what)
{
	int src = sqlite3_step(st);

	if (src == SQLITE_ROW) {
		member_from_row(st, out);
		return STORE_OK;
	}
	if (src == SQLITE_DONE)
		return set_msg(s, STORE_NOTFOUND, _("There is no such member."));
	return fail_db(s, src, what);
}

/* Bytes of the first chars characters of the UTF-8 text w (len bytes), as
 * SQLite's substr counts them. */
size_t prefix_len(const char *w, size_t len, int chars)
{
	size_t i = 0;

	for (int c = 0; c < chars && i < len; c++) {
		i++;
		while (i < len && ((unsigned char)w[i] & 0xC0) == 0x80)
			i++;
	}
	return i;
}

/* Steps word (the statement of insert_words, ?1 the word) and prefix (its
 * prefixes', ?1 the prefix; NULL below schema 7) for the len bytes of w;
 * SQLite's status. */
static int insert_word(sqlite3_stmt *word, sqlite3_stmt *prefix, const char *w, size_t len)
{
	int src = sqlite3_bind_text(word, 1, w, (int)len, SQLITE_STATIC);
	size_t end = 0;

	if (src == SQLITE_OK && (src = sqlite3_step(word)) == SQLITE_DONE)
		src = sqlite3_reset(word);
	for (int c = 0; prefix && c < PREFIX_CHARS && end < len && src == SQLITE_OK; c++) {
		end += prefix_len(w + end, len - end, 1);
		src = sqlite3_bind_text(prefix, 1, w, (int)end, SQLITE_STATIC);
		if (src == SQLITE_OK && (src = sqlite3_step(prefix)) == SQLITE_DONE)
			src = sqlite3_reset(prefix);
	}
	return src;
}

/* Indexes the words of member id's name, from the folded parts in k: each
 * word, and each run of a part's words to its end joined up, so that "odal"
 * finds Ó Dálaigh and "vanderb" van der Berg as well as "dal" and "berg" do;
 * and each word's prefixes under the member's name_key (migration 7).
 * The migrations to schemas 3 and 7 make the same rows in SQL. */
static int insert_words(store *s, int64_t id, const member_keys *k, const char *what)
{
	static const char sql[] =
		"INSERT OR IGNORE INTO member_words (word, member_id) VALUES (?1, ?2)";
	static const char prefix_sql[] =
		"INSERT OR IGNORE INTO member_prefixes (prefix, name_key, member_id) "
		"VALUES (?1, ?2, ?3)";
	const char *const parts[] = {k->first, k->last};
	char joined[STORE_NAME_MAX];
	sqlite3_stmt *st = NULL, *pst = NULL;
	int rc = STORE_OK;

	if (sqlite3_prepare_v2(s->db, sql, -1, &st, NULL) != SQLITE_OK ||
	    sqlite3_bind_int64(st, 2, id) != SQLITE_OK ||
	    (s->schema >= SCHEMA_PREFIXES &&
	     (sqlite3_prepare_v2(s->db, prefix_sql, -1, &pst, NULL) != SQLITE_OK ||
	      sqlite3_bind_text(pst, 2, k->name, -1, SQLITE_STATIC) != SQLITE_OK ||
	      sqlite3_bind_int64(pst, 3, id) != SQLITE_OK))) {
		rc = fail_db(s, sqlite3_errcode(s->db), what);
		goto out;
	}
	for (size_t p = 0; p < sizeof parts / sizeof parts[0]; p++) {
		/* A folded part has single spaces and none at either end. */
		for (const char *w = parts[p]; *w != '\0';) {
			size_t len = strcspn(w, " "), n = 0;

			for (const char *c = w; *c != '\0'; c++) {
				if (*c != ' ')
					joined[n++] = *c;
			}
			if (insert_word(st, pst, w, len) != SQLITE_OK ||
			    (n > len && insert_word(st, pst, joined, n) != SQLITE_OK)) {
				rc = fail_db(s, sqlite3_errcode(s->db), what);
				goto out;
			}
			w += len;
			if (*w == ' ')
				w++;
		}
	}
out:
	sqlite3_finalize(pst);
	sqlite3_finalize(st);
	return rc;
}

/* Removes member id's words and their prefixes. The prefixes are found from
 * the words and the name_key members holds, so this runs before a change of
 * the member's name. */
static int delete_words(store *s, int64_t id, const char *what)
{
	static const char prefix_sql[] =
		"WITH RECURSIVE p (word, n) AS (\n"
		"	SELECT word, 1 FROM member_words WHERE member_id = ?1\n"
		"	UNION ALL\n"
		"	SELECT word, n + 1 FROM p WHERE n < min(length(word), " PREFIX_CHARS_SQL ")\n"
		")\n"
		"DELETE FROM member_prefixes WHERE prefix IN (SELECT substr(word, 1, n) FROM p)\n"
		"	AND name_key = (SELECT name_key FROM members WHERE id = ?1)\n"
		"	AND member_id = ?1";
	static const char sql[] = "DELETE FROM member_words WHERE member_id = ?1";
	sqlite3_stmt *st = NULL;
	int rc = STORE_OK;

	/* A store opened at an older schema (store_open_at_version) has none. */
	if (s->schema >= SCHEMA_PREFIXES &&
	    (sqlite3_prepare_v2(s->db, prefix_sql, -1, &st, NULL) != SQLITE_OK ||
	     sqlite3_bind_int64(st, 1, id) != SQLITE_OK ||
	     sqlite3_step(st) != SQLITE_DONE)) {
		rc = fail_db(s, sqlite3_errcode(s->db), what);
		goto out;
	}
	sqlite3_finalize(st);
	st = NULL;
	if (sqlite3_prepare_v2(s->db, sql, -1, &st, NULL) != SQLITE_OK ||
	    sqlite3_bind_int64(st, 1, id) != SQLITE_OK ||
	    sqlite3_step(st) != SQLITE_DONE)
		rc = fail_db(s, sqlite3_errcode(s->db), what);
out:
	sqlite3_finalize(st);
	return rc;
}

static int insert_member(store *s, const store_member *m, const member_keys *k,
			 int64_t seq, int64_t *id)
{
	static const char sql[] =
		"INSERT INTO members (kiosk, seq, changed_seq, created_at, first_name, "
		"last_name, organisation, profession, email, mailing_list, may_contact, "
		"name_key, org_key) VALUES (?1, ?2, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, "
		"?11, ?12)";
	int rc = STORE_OK;

	rc = stmt_run(s, N_("the member was not saved"), sql, "tiitttttddtt", s->kiosk, seq,
		      store_now(s), m->first, m->last, m->organisation, m->profession, m->email,
		      m->mailing_list ? 1 : 0, m->may_contact ? 1 : 0, k->name, k->org);
	if (rc != STORE_OK)
		goto out;
	*id = sqlite3_last_insert_rowid(s->db);
out:
	return rc;
}

/* Inside a transaction: a new member's row, with its sequence number and
 * its search words. */
int add_member(store *s, const store_member *m, int64_t *seq, int64_t *id, const char *what)
{
	member_keys k;
	int rc;

	member_keys_of(m, &k);
	rc = next_seq(s, seq, what);
	if (rc == STORE_OK)
		rc = insert_member(s, m, &k, *seq, id);
	if (rc == STORE_OK)
		rc = insert_words(s, *id, &k, what);
	return rc;
}

int store_member_add(store *s, store_member *m)
{
	static const char what[] = N_("the member was not saved");
	int64_t seq = 0, id = 0;
	int rc;

	assert(s && m);
	rc = check_member(s, m);
	if (rc != STORE_OK)
		return rc;
	rc = tx_begin(s, what);
	if (rc != STORE_OK)
		return rc;
	rc = add_member(s, m, &seq, &id, what);
	rc = tx_end(s, rc, what);
	if (rc == STORE_OK) {
		m->id = id;
		snprintf(m->gid, sizeof m->gid, "%s-%lld", s->kiosk, (long long)seq);
	}
	return rc;
}

static int update_member(store *s, const store_member *m, const member_keys *k,
			 int64_t seq)
{
	/* A forgotten member stays forgotten: their details are not put back. */
	static const char sql[] =
		"UPDATE members SET first_name = ?1, last_name = ?2, organisation = ?3, "
		"profession = ?4, email = ?5, mailing_list = ?6, may_contact = ?7, "
		"name_key = ?8, org_key = ?9, changed_seq = ?10 "
		"WHERE id = ?11 AND forgotten = 0";
	static const char what[] = N_("the member's details were not changed");
	int rc = STORE_OK;

	rc = stmt_run(s, what, sql, "tttttddttii", m->first, m->last, m->organisation,
		      m->profession, m->email, m->mailing_list ? 1 : 0, m->may_contact ? 1 : 0,
		      k->name, k->org, seq, m->id);
	if (rc == STORE_OK && sqlite3_changes(s->db) == 0)
		rc = set_msg(s, STORE_NOTFOUND, _("There is no such member: %s."), _(what));
	return rc;
}

int store_member_update(store *s, const store_member *m)
{
	static const char what[] = N_("the member's details were not changed");
	member_keys k;
	int64_t seq = 0;
	int rc;

	assert(s && m);
	rc = check_member(s, m);
	if (rc != STORE_OK)
		return rc;
	member_keys_of(m, &k);
	rc = tx_begin(s, what);
	if (rc != STORE_OK)
		return rc;
	rc = next_seq(s, &seq, what);
	if (rc == STORE_OK)
		rc = delete_words(s, m->id, what);
	if (rc == STORE_OK)
		rc = update_member(s, m, &k, seq);
	if (rc == STORE_OK)
		rc = insert_words(s, m->id, &k, what);
	return tx_end(s, rc, what);
}

int store_member_get(store *s, int64_t id, store_member *out)
{
	static const char sql[] =
		"SELECT " MEMBER_COLUMNS ", forgotten FROM members WHERE id = ?1";
	static const char what[] = N_("the member could not be read");
	sqlite3_stmt *st = NULL;
	int rc = STORE_OK, src;

	assert(s && out);
	rc = stmt_prepare(s, &st, what, sql, "i", id);
	if (rc != STORE_OK)
		goto out;
	src = sqlite3_step(st);
	if (src == SQLITE_ROW && sqlite3_column_int(st, 9) != 0)
		rc = set_msg(s, STORE_NOTFOUND, _("This member's details have been removed."));
	else if (src == SQLITE_ROW)
		member_from_row(st, out);
	else if (src == SQLITE_DONE)
		rc = set_msg(s, STORE_NOTFOUND, _("There is no such member."));
	else
		rc = fail_db(s, src, what);
out:
	sqlite3_finalize(st);
	return rc;
}

int store_member_find_same(store *s, const store_member *m, store_member *out)
{
	static const char sql[] =
		"SELECT " MEMBER_COLUMNS " FROM members WHERE name_key = ?1 AND "
		"org_key = ?2 AND forgotten = 0 ORDER BY seq LIMIT 1";
	static const char what[] = N_("the members could not be searched");
	sqlite3_stmt *st = NULL;
	member_keys k;
	int rc;

	assert(s && m && out);
	member_keys_of(m, &k);
	if (k.name[0] == '\0')
		return set_msg(s, STORE_NOTFOUND, _("There is no such member."));
	rc = stmt_prepare(s, &st, what, sql, "tt", k.name, k.org);
	if (rc != STORE_OK)
		goto out;
	rc = step_member(s, st, out, what);
out:
	sqlite3_finalize(st);
	return rc;
}

int store_member_find_email(store *s, const char *email, store_member *out)
{
	/* lower(): the expression the index members_email was made on. */
	static const char sql[] =
		"SELECT " MEMBER_COLUMNS " FROM members WHERE lower(email) = lower(?1) "
		"AND forgotten = 0 ORDER BY seq LIMIT 1";
	static const char what[] = N_("the members could not be searched");
	sqlite3_stmt *st = NULL;
	int rc;

	assert(s && email && out);
	if (email[0] == '\0')
		return set_msg(s, STORE_NOTFOUND, _("There is no such member."));
	rc = stmt_prepare(s, &st, what, sql, "t", email);
	if (rc != STORE_OK)
		goto out;
	rc = step_member(s, st, out, what);
out:
	sqlite3_finalize(st);
	return rc;
}

static int blank_member(store *s, int64_t id, int64_t seq)
{
	/* The profession stays: alone it names nobody, and it keeps the mix of
	 * professions at past events true. */
	static const char sql[] =
		"UPDATE members SET first_name = '', last_name = '', organisation = '', "
		"email = '', mailing_list = 0, may_contact = 0, name_key = '', "
		"org_key = '', forgotten = 1, changed_seq = ?1 "
		"WHERE id = ?2 AND forgotten = 0";

	return mark_row(s, sql, id, seq, N_("There is no such member: %s."),
			N_("the member was not forgotten"));
}

/* A forgotten person's token, in hex, for the settings' key: the keyed hash
 * (BLAKE2b, keyed with the kiosk's id) of kind ("email" or "name") and what a
 * roster row is recognised by — the address in lower case, or the folded name
 * and organisation — so that a later roster listing them leaves them out
 * without the file keeping their name or address. It is not the name: but
 * someone with the file and a guess can tell whether that guess was
 * forgotten here. */
static void forgotten_key(const store *s, const char *kind, const char *text, char key[128])
{
	unsigned char hash[32];
	crypto_generichash_state h;

	_Static_assert(KIOSK_ID_LEN >= crypto_generichash_KEYBYTES_MIN, "the kiosk id keys the hash");
	crypto_generichash_init(&h, (const unsigned char *)s->kiosk, KIOSK_ID_LEN, sizeof hash);
	crypto_generichash_update(&h, (const unsigned char *)kind, strlen(kind) + 1);
	crypto_generichash_update(&h, (const unsigned char *)text, strlen(text));
	crypto_generichash_final(&h, hash, sizeof hash);
	memcpy(key, KEY_FORGOTTEN_PREFIX, strlen(KEY_FORGOTTEN_PREFIX));
	sodium_bin2hex(key + strlen(KEY_FORGOTTEN_PREFIX), 2 * sizeof hash + 1, hash, sizeof hash);
}

/* The tokens of m: by name and organisation always, by email when it has
 * one; returns how many (1 or 2). */
static int forgotten_keys(const store *s, const store_member *m, char keys[2][128])
{
	member_keys k;
	char text[sizeof k.name + sizeof k.org + 1], email[STORE_EMAIL_MAX];
	size_t i;

	member_keys_of(m, &k);
	snprintf(text, sizeof text, "%s\x1f%s", k.name, k.org);
	forgotten_key(s, "name", text, keys[0]);
	for (i = 0; m->email[i] && i + 1 < sizeof email; i++)
		email[i] = (char)(m->email[i] >= 'A' && m->email[i] <= 'Z' ? m->email[i] - 'A' + 'a' : m->email[i]);
	email[i] = '\0';
	if (!email[0])
		return 1;
	forgotten_key(s, "email", email, keys[1]);
	return 2;
}

/* Keeps member id's tokens (forgotten_key), before their details go. A
 * member not there (or forgotten already) is left to blank_member to say. */
static int remember_forgotten(store *s, int64_t id, const char *what)
{
	static const char sql[] =
		"SELECT " MEMBER_COLUMNS " FROM members WHERE id = ?1 AND forgotten = 0";
	char keys[2][128];
	store_member m;
	sqlite3_stmt *st = NULL;
	int rc;

	rc = stmt_prepare(s, &st, what, sql, "i", id);
	if (rc != STORE_OK)
		goto out;
	rc = step_member(s, st, &m, what);
	if (rc == STORE_NOTFOUND) {
		rc = STORE_OK;
		goto out;
	}
	for (int i = 0, n = rc == STORE_OK ? forgotten_keys(s, &m, keys) : 0; i < n && rc == STORE_OK; i++)
		rc = setting_put_int(s, keys[i], 1, what);
	sodium_memzero(&m, sizeof m);
out:
	sqlite3_finalize(st);
	return rc;
}

int store_member_forgotten(store *s, const store_member *m)
{
	char keys[2][128];
	int64_t v;
	int rc = STORE_NOTFOUND;

	assert(s && m);
	for (int i = 0, n = forgotten_keys(s, m, keys); i < n && rc == STORE_NOTFOUND; i++)
		rc = setting_get_int(s, keys[i], &v);
	if (rc == STORE_NOTFOUND)
		return set_msg(s, STORE_NOTFOUND, _("There is no such member."));
	return rc;
}

int store_member_forget(store *s, int64_t id)
{
	static const char what[] = N_("the member was not forgotten");
	int64_t seq = 0;
	int rc;

	assert(s);
	rc = tx_begin(s, what);
	if (rc != STORE_OK)
		return rc;
	rc = next_seq(s, &seq, what);
	if (rc == STORE_OK)
		rc = remember_forgotten(s, id, what);
	/* The words first: their prefixes are found through the name as it was. */
	if (rc == STORE_OK)
		rc = delete_words(s, id, what);
	if (rc == STORE_OK)
		rc = blank_member(s, id, seq);
	if (rc == STORE_OK)
		rc = scrub_batches(s, id, what);
	rc = tx_end(s, rc, what);
	/* The WAL still holds the pages as they were before: copy the new ones
	 * into the file and empty it (secure_delete zeroed what was freed).
	 * Not inside a batch, nor while another program reads the file; then
	 * the next checkpoint does it. */
	if (rc == STORE_OK && sqlite3_get_autocommit(s->db))
		sqlite3_wal_checkpoint_v2(s->db, NULL, SQLITE_CHECKPOINT_TRUNCATE, NULL, NULL);
	return rc;
}

int store_organisations(store *s, const char *prefix, char (*out)[STORE_TEXT_MAX], int max,
			int *n)
{
	/* Spellings that fold alike ("NHS England", "nhs england") are one
	 * organisation, shown as most members wrote it. Counted on the index
	 * alone: a forgotten member's org_key is "", so it is left out. */
	static const char sql[] =
		"WITH spellings AS (SELECT org_key, organisation, count(*) AS uses "
		"FROM members WHERE org_key >= ?1 AND org_key < ?2 AND org_key <> '' "
		"GROUP BY org_key, organisation) "
		"SELECT organisation, max(uses), sum(uses) AS total FROM spellings "
		"GROUP BY org_key ORDER BY total DESC, organisation LIMIT ?3";
	static const char what[] = N_("the organisations could not be read");
	char key[STORE_TEXT_MAX + 1];
	sqlite3_stmt *st = NULL;
	size_t len;
	int rc = STORE_OK;

	assert(s && n && max >= 0 && (out || max == 0));
	*n = 0;
	/* [key, key 0xFF) holds every key starting with key: see query_words. */
	text_fold(key, STORE_TEXT_MAX, prefix);
	len = strlen(key);
	key[len] = (char)0xFF;
	if (sqlite3_prepare_v2(s->db, sql, -1, &st, NULL) != SQLITE_OK ||
	    sqlite3_bind_text(st, 1, key, (int)len, SQLITE_STATIC) != SQLITE_OK ||
	    sqlite3_bind_text(st, 2, key, (int)len + 1, SQLITE_STATIC) != SQLITE_OK ||
	    sqlite3_bind_int(st, 3, max) != SQLITE_OK) {
		rc = fail_db(s, sqlite3_errcode(s->db), what);
		goto out;
	}
	rc = stmt_rows(s, st, text_from_row, out, sizeof *out, max, n, what);
out:
	sqlite3_finalize(st);
	return rc;
}

/* ---- professions ---------------------------------------------------------------- */

int store_professions(store *s, char (*out)[STORE_TEXT_MAX], int max, int *n)
{
	static const char sql[] =
		"SELECT name FROM professions ORDER BY position, id LIMIT ?1";
	static const char what[] = N_("the professions could not be read");

	assert(s && n && max >= 0 && (out || max == 0));
	return stmt_list(s, what, sql, text_from_row, out, sizeof *out, max, n, "d", max);
}

int store_profession_add(store *s, const char *name)
{
	/* At the end of the list; "nurse" and "Nurse" are the same profession. */
	static const char sql[] =
		"INSERT INTO professions (name, name_key, position) VALUES (?1, ?2, "
		"(SELECT coalesce(max(position), 0) + 1 FROM professions)) "
		"ON CONFLICT (name_key) DO NOTHING";
	static const char what[] = N_("the profession was not added");
	char key[STORE_TEXT_MAX];
	int rc;

	assert(s && name);
	rc = check_text(s, N_("profession"), name, STORE_TEXT_MAX, STORE_TEXT_CHARS, false);
	if (rc != STORE_OK)
		return rc;
	text_fold(key, sizeof key, name);
	if (key[0] == '\0')
		return set_msg(s, STORE_INVALID, _("Please give the profession a name."));
	rc = stmt_run(s, what, sql, "tt", name, key);
	if (rc == STORE_OK && sqlite3_changes(s->db) == 0)
		rc = set_msg(s, STORE_EXISTS, _("\"%s\" is already on the list."), name);
	return rc;
}

int store_profession_remove(store *s, const char *name)
{
	/* Members keep the profession they gave; it is only no longer offered. */
	static const char sql[] = "DELETE FROM professions WHERE name_key = ?1";
	static const char what[] = N_("the profession was not removed");
	char key[STORE_TEXT_MAX];
	int rc = STORE_OK;

	assert(s && name);
	text_fold(key, sizeof key, name);
	rc = stmt_run(s, what, sql, "t", key);
	if (rc == STORE_OK && sqlite3_changes(s->db) == 0)
		rc = set_msg(s, STORE_NOTFOUND, _("\"%s\" is not on the list."), name);
	return rc;
}
