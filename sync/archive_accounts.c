/* archive_accounts: the online space's users, sessions and sign-in limits. */
#include "archive_internal.h"

#include <stdio.h>
#include <string.h>
#include <time.h>

/* Runs one statement that returns no row, with text and integer parameters
 * given as a format: 't' text, 'i' integer ("tti": two texts, one integer).
 * Sets *changes to the rows it changed (if not NULL). */
static int exec_one(archive *a, const char *sql, const char *types, const void *const *args,
                    int *changes)
{
	sqlite3_stmt *st = NULL;
	int rc = sqlite3_prepare_v2(a->db, sql, -1, &st, NULL);
	if (rc != SQLITE_OK)
		goto out;
	for (int i = 0; types[i]; i++) {
		if (types[i] == 't')
			sqlite3_bind_text(st, i + 1, args[i], -1, SQLITE_STATIC);
		else
			sqlite3_bind_int64(st, i + 1, *(const long long *)args[i]);
	}
	rc = sqlite3_step(st);
	rc = rc == SQLITE_DONE ? SQLITE_OK : rc == SQLITE_ROW ? SQLITE_MISUSE : rc;
	if (changes)
		*changes = sqlite3_changes(a->db);
out:
	sqlite3_finalize(st);
	return rc;
}

static int failed(archive *a, const char *what, char *err, size_t errlen)
{
	archive_say(err, errlen, "cannot %s: %s", what, sqlite3_errmsg(a->db));
	return ARCHIVE_IO;
}

int archive_user_add(archive *a, const char *name, const char *hash, char *err, size_t errlen)
{
	long long now = (long long)time(NULL);
	const void *args[] = {name, hash, &now};
	int rc = exec_one(a, "INSERT INTO users (name, hash, created) VALUES (?1, ?2, ?3)", "tti",
	                  args, NULL);
	if (rc == SQLITE_CONSTRAINT) {
		archive_say(err, errlen, "there is already a user %s", name);
		return ARCHIVE_INVALID;
	}
	return rc == SQLITE_OK ? ARCHIVE_OK : failed(a, "add the user", err, errlen);
}

int archive_user_remove(archive *a, const char *name, char *err, size_t errlen)
{
	const void *args[] = {name};
	int changes = 0;
	/* The sessions go with the user (ON DELETE CASCADE). */
	if (exec_one(a, "DELETE FROM users WHERE name = ?1", "t", args, &changes) != SQLITE_OK)
		return failed(a, "remove the user", err, errlen);
	if (changes == 0) {
		archive_say(err, errlen, "there is no user %s", name);
		return ARCHIVE_INVALID;
	}
	return ARCHIVE_OK;
}

int archive_user_list(archive *a, void (*each)(const char *name, long long created, void *ctx),
                      void *ctx, char *err, size_t errlen)
{
	sqlite3_stmt *st = NULL;
	int rc = sqlite3_prepare_v2(a->db, "SELECT name, created FROM users ORDER BY name", -1, &st,
	                            NULL);
	if (rc != SQLITE_OK)
		goto out;
	while ((rc = sqlite3_step(st)) == SQLITE_ROW)
		each(archive_col(st, 0), sqlite3_column_int64(st, 1), ctx);
	rc = rc == SQLITE_DONE ? SQLITE_OK : rc;
out:
	sqlite3_finalize(st);
	return rc == SQLITE_OK ? ARCHIVE_OK : failed(a, "list the users", err, errlen);
}

int archive_user_hash(archive *a, const char *name, char *hash, size_t hashlen, char *err,
                      size_t errlen)
{
	sqlite3_stmt *st = NULL;
	int rc = sqlite3_prepare_v2(a->db, "SELECT hash FROM users WHERE name = ?1", -1, &st, NULL);
	if (rc != SQLITE_OK)
		goto out;
	sqlite3_bind_text(st, 1, name, -1, SQLITE_STATIC);
	rc = sqlite3_step(st);
	if (rc == SQLITE_ROW) {
		snprintf(hash, hashlen, "%s", archive_col(st, 0));
		rc = SQLITE_OK;
	} else if (rc == SQLITE_DONE) {
		rc = SQLITE_NOTFOUND;
	}
out:
	sqlite3_finalize(st);
	if (rc == SQLITE_NOTFOUND) {
		archive_say(err, errlen, "there is no user %s", name);
		return ARCHIVE_INVALID;
	}
	return rc == SQLITE_OK ? ARCHIVE_OK : failed(a, "read the user", err, errlen);
}

int archive_session_add(archive *a, const char *token_hash, const char *user, const char *csrf,
                        long long now, char *err, size_t errlen)
{
	const void *args[] = {token_hash, user, csrf, &now};
	if (exec_one(a,
	             "INSERT INTO sessions (token_hash, user, csrf, created, seen)\n"
	             "VALUES (?1, ?2, ?3, ?4, ?4)",
	             "ttti", args, NULL) != SQLITE_OK)
		return failed(a, "start the session", err, errlen);
	return ARCHIVE_OK;
}

int archive_session_get(archive *a, const char *token_hash, long long since, long long now,
                        char user[ARCHIVE_NAME_MAX], char csrf[ARCHIVE_TOKEN_MAX], char *err,
                        size_t errlen)
{
	sqlite3_stmt *st = NULL;
	long long seen = 0;
	int rc = sqlite3_prepare_v2(a->db,
	                            "SELECT user, csrf, seen FROM sessions WHERE token_hash = ?1",
	                            -1, &st, NULL);
	if (rc != SQLITE_OK)
		goto out;
	sqlite3_bind_text(st, 1, token_hash, -1, SQLITE_STATIC);
	rc = sqlite3_step(st);
	if (rc == SQLITE_ROW) {
		snprintf(user, ARCHIVE_NAME_MAX, "%s", archive_col(st, 0));
		snprintf(csrf, ARCHIVE_TOKEN_MAX, "%s", archive_col(st, 1));
		seen = sqlite3_column_int64(st, 2);
		rc = SQLITE_OK;
	} else if (rc == SQLITE_DONE) {
		rc = SQLITE_NOTFOUND;
	}
out:
	sqlite3_finalize(st);
	if (rc == SQLITE_NOTFOUND)
		return ARCHIVE_INVALID;
	if (rc != SQLITE_OK)
		return failed(a, "read the session", err, errlen);
	if (seen < since) {
		archive_session_end(a, token_hash, err, errlen);
		return ARCHIVE_INVALID;
	}
	/* Written at most once a minute: a page view need not write the archive. */
	if (now - seen >= 60) {
		const void *args[] = {token_hash, &now};
		if (exec_one(a, "UPDATE sessions SET seen = ?2 WHERE token_hash = ?1", "ti", args,
		             NULL) != SQLITE_OK)
			return failed(a, "note the session", err, errlen);
	}
	return ARCHIVE_OK;
}

int archive_session_end(archive *a, const char *token_hash, char *err, size_t errlen)
{
	const void *args[] = {token_hash};
	if (exec_one(a, "DELETE FROM sessions WHERE token_hash = ?1", "t", args, NULL) != SQLITE_OK)
		return failed(a, "end the session", err, errlen);
	return ARCHIVE_OK;
}

int archive_signin_get(archive *a, const char *key, long long *failures, long long *next_try,
                       char *err, size_t errlen)
{
	sqlite3_stmt *st = NULL;
	*failures = *next_try = 0;
	int rc = sqlite3_prepare_v2(a->db,
	                            "SELECT failures, next_try FROM signin_failures WHERE key = ?1",
	                            -1, &st, NULL);
	if (rc != SQLITE_OK)
		goto out;
	sqlite3_bind_text(st, 1, key, -1, SQLITE_STATIC);
	rc = sqlite3_step(st);
	if (rc == SQLITE_ROW) {
		*failures = sqlite3_column_int64(st, 0);
		*next_try = sqlite3_column_int64(st, 1);
	}
	rc = rc == SQLITE_ROW || rc == SQLITE_DONE ? SQLITE_OK : rc;
out:
	sqlite3_finalize(st);
	return rc == SQLITE_OK ? ARCHIVE_OK : failed(a, "read the sign-in limits", err, errlen);
}

int archive_signin_failed(archive *a, const char *key, long long next_try, char *err,
                          size_t errlen)
{
	const void *args[] = {key, &next_try};
	if (exec_one(a,
	             "INSERT INTO signin_failures (key, failures, next_try) VALUES (?1, 1, ?2)\n"
	             "ON CONFLICT (key) DO UPDATE SET failures = failures + 1, next_try = ?2",
	             "ti", args, NULL) != SQLITE_OK)
		return failed(a, "note the failed sign-in", err, errlen);
	return ARCHIVE_OK;
}

int archive_signin_clear(archive *a, const char *key, char *err, size_t errlen)
{
	const void *args[] = {key};
	if (exec_one(a, "DELETE FROM signin_failures WHERE key = ?1", "t", args, NULL) != SQLITE_OK)
		return failed(a, "clear the sign-in limits", err, errlen);
	return ARCHIVE_OK;
}
