/* store_settings: settings: the key/value table, the clock offset, the language. */
#include "store_impl.h"

#include <assert.h>
#include <string.h>
#include <time.h>

/* ---- settings ------------------------------------------------------------------ */

/* Reads an integer setting: STORE_NOTFOUND when absent or not an integer. */
int setting_get_int(store *s, const char *key, int64_t *value)
{
	static const char sql[] = "SELECT value FROM settings WHERE key = ?1";
	sqlite3_stmt *st = NULL;
	int rc = STORE_OK, src;

	rc = stmt_prepare(s, &st, N_("a setting could not be read"), sql, "t", key);
	if (rc != STORE_OK)
		goto out;
	src = sqlite3_step(st);
	if (src == SQLITE_ROW && sqlite3_column_type(st, 0) == SQLITE_INTEGER) {
		*value = sqlite3_column_int64(st, 0);
	} else if (src == SQLITE_ROW || src == SQLITE_DONE) {
		rc = set_msg(s, STORE_NOTFOUND, _("The setting %s is not set."), key);
	} else {
		rc = fail_db(s, src, N_("a setting could not be read"));
	}
out:
	sqlite3_finalize(st);
	return rc;
}

/* Reads a text setting into buf (cap bytes): STORE_NOTFOUND when absent, not
 * text, or longer than buf. */
int setting_get_text(store *s, const char *key, char *buf, size_t cap)
{
	static const char sql[] = "SELECT value FROM settings WHERE key = ?1";
	sqlite3_stmt *st = NULL;
	int rc = STORE_OK, src;

	rc = stmt_prepare(s, &st, N_("a setting could not be read"), sql, "t", key);
	if (rc != STORE_OK)
		goto out;
	src = sqlite3_step(st);
	if (src == SQLITE_ROW && sqlite3_column_type(st, 0) == SQLITE_TEXT &&
	    (size_t)sqlite3_column_bytes(st, 0) < cap) {
		memcpy(buf, sqlite3_column_text(st, 0), (size_t)sqlite3_column_bytes(st, 0) + 1);
	} else if (src == SQLITE_ROW || src == SQLITE_DONE) {
		rc = set_msg(s, STORE_NOTFOUND, _("The setting %s is not set."), key);
	} else {
		rc = fail_db(s, src, N_("a setting could not be read"));
	}
out:
	sqlite3_finalize(st);
	return rc;
}

int setting_put_int(store *s, const char *key, int64_t value, const char *what)
{
	static const char sql[] =
		"INSERT INTO settings (key, value) VALUES (?1, ?2) "
		"ON CONFLICT (key) DO UPDATE SET value = excluded.value";
	sqlite3_stmt *st = NULL;
	int rc = STORE_OK;

	if (sqlite3_prepare_v2(s->db, sql, -1, &st, NULL) != SQLITE_OK ||
	    sqlite3_bind_text(st, 1, key, -1, SQLITE_STATIC) != SQLITE_OK ||
	    sqlite3_bind_int64(st, 2, value) != SQLITE_OK ||
	    sqlite3_step(st) != SQLITE_DONE)
		rc = fail_db(s, sqlite3_errcode(s->db), what);
	sqlite3_finalize(st);
	return rc;
}

int setting_put_text(store *s, const char *key, const char *value,
			    const char *what)
{
	static const char sql[] =
		"INSERT INTO settings (key, value) VALUES (?1, ?2) "
		"ON CONFLICT (key) DO UPDATE SET value = excluded.value";
	sqlite3_stmt *st = NULL;
	int rc = STORE_OK;

	if (sqlite3_prepare_v2(s->db, sql, -1, &st, NULL) != SQLITE_OK ||
	    sqlite3_bind_text(st, 1, key, -1, SQLITE_STATIC) != SQLITE_OK ||
	    sqlite3_bind_text(st, 2, value, -1, SQLITE_STATIC) != SQLITE_OK ||
	    sqlite3_step(st) != SQLITE_DONE)
		rc = fail_db(s, sqlite3_errcode(s->db), what);
	sqlite3_finalize(st);
	return rc;
}

int setting_delete(store *s, const char *key, const char *what)
{
	static const char sql[] = "DELETE FROM settings WHERE key = ?1";
	sqlite3_stmt *st = NULL;
	int rc = STORE_OK;

	if (sqlite3_prepare_v2(s->db, sql, -1, &st, NULL) != SQLITE_OK ||
	    sqlite3_bind_text(st, 1, key, -1, SQLITE_STATIC) != SQLITE_OK ||
	    sqlite3_step(st) != SQLITE_DONE)
		rc = fail_db(s, sqlite3_errcode(s->db), what);
	sqlite3_finalize(st);
	return rc;
}

/* ---- clock and settings --------------------------------------------------------- */

int64_t store_now(store *s)
{
	assert(s);
	return (int64_t)time(NULL) + s->clock_offset;
}

int store_clock_set(store *s, int64_t now)
{
	int64_t offset;
	int rc;

	assert(s);
	if (now < 0)
		return set_msg(s, STORE_INVALID, _("The time must be after 1970."));
	offset = now - (int64_t)time(NULL);
	rc = setting_put_int(s, KEY_CLOCK, offset, N_("the clock was not set"));
	if (rc == STORE_OK)
		s->clock_offset = offset;
	return rc;
}

int64_t store_setting_int(store *s, const char *key, int64_t def)
{
	int64_t v;

	assert(s && key);
	return setting_get_int(s, key, &v) == STORE_OK ? v : def;
}

int store_setting_set_int(store *s, const char *key, int64_t value)
{
	static const char *const reserved[] = {
		KEY_KIOSK, KEY_SEQ, KEY_CURRENT, KEY_PIN, KEY_CLOCK, KEY_IDEA_LABEL,
		KEY_LANGUAGE, KEY_IDEA_HIDDEN, KEY_PROMPT, KEY_PROMPT_EVENT, KEY_PROMPT_ITEM,
		KEY_SYNC_KEY, KEY_SIGN, KEY_PIN_FAILS, KEY_PIN_LOCKED, KEY_PIN_RECOVERY,
	};

	assert(s && key && key[0]);
	for (size_t i = 0; i < sizeof reserved / sizeof reserved[0]; i++) {
		if (strcmp(key, reserved[i]) == 0)
			return set_msg(s, STORE_INVALID, _("The setting %s is kept by the "
				       "kiosk itself."), key);
	}
	if (strncmp(key, KEY_ITEM_PREFIX, strlen(KEY_ITEM_PREFIX)) == 0 ||
	    strncmp(key, KEY_FORGOTTEN_PREFIX, strlen(KEY_FORGOTTEN_PREFIX)) == 0)
		return set_msg(s, STORE_INVALID, _("The setting %s is kept by the kiosk "
			       "itself."), key);
	return setting_put_int(s, key, value, N_("the setting was not saved"));
}

int store_language(store *s, char *buf, size_t cap)
{
	assert(s && buf && cap > 0);
	return setting_get_text(s, KEY_LANGUAGE, buf, cap);
}

int store_set_language(store *s, const char *code)
{
	assert(s && code && code[0]);
	return setting_put_text(s, KEY_LANGUAGE, code, N_("the language was not saved"));
}
