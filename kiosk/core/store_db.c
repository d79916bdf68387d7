/* store_db: the database ground: messages, transactions, the record counter, shared checks. */
#include "store_impl.h"

#include <assert.h>
#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <string.h>

#include "text.h"

/* ---- messages ---------------------------------------------------------------- */

/* Keeps a one-line message for store_errmsg and returns status, so a failing path
 * reads `return set_msg(s, STORE_INVALID, _("..."))`. */
int set_msg(store *s, int status, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(s->errmsg, sizeof s->errmsg, fmt, ap);
	va_end(ap);
	return status;
}

/* Turns an SQLite result code into a status and a reason a facilitator can act
 * on; what says what did not happen ("the event was not saved"). Call it before
 * a rollback, which would replace SQLite's own message.
 *
 * Every what in this file is English, marked N_() for the catalogue, and is
 * translated only where it goes into the message (_(what)): the message is
 * shown on the kiosk's screen, and is never written to the data file. */
int fail_db(store *s, int src, const char *what)
{
	/* No room left shows as an I/O error where SQLite grows a file itself
	 * (the -shm at start, a WAL frame written in parts) or cannot make one:
	 * the system's reason says it is a full disk. SQLite keeps that reason
	 * for some calls only; for the others (a failed COMMIT's WAL write) it
	 * is still in errno, as nothing ran since. A file at its size limit
	 * (EFBIG: a FAT stick's 4 GiB, a ulimit) has no room either. */
	int why = errno;
	if (sqlite3_system_errno(s->db) != 0)
		why = sqlite3_system_errno(s->db);
	if (((src & 0xff) == SQLITE_IOERR || (src & 0xff) == SQLITE_CANTOPEN) &&
	    (why == ENOSPC || why == EDQUOT || why == EFBIG))
		src = SQLITE_FULL;
	switch (src & 0xff) {
	case SQLITE_FULL:
		return set_msg(s, STORE_IO, _("The disk is full: %s."), _(what));
	case SQLITE_IOERR:
		return set_msg(s, STORE_IO, _("The data file could not be read or written "
			       "(disk error): %s."), _(what));
	case SQLITE_READONLY:
	case SQLITE_PERM:
	case SQLITE_CANTOPEN:
		return set_msg(s, STORE_IO, _("The data file cannot be written: %s."), _(what));
	case SQLITE_BUSY:
	case SQLITE_LOCKED:
		return set_msg(s, STORE_BUSY, _("Another program is using the data file: "
			       "%s."), _(what));
	case SQLITE_CORRUPT:
	case SQLITE_NOTADB:
		return set_msg(s, STORE_CORRUPT, _("The data file is damaged: %s."), _(what));
	case SQLITE_NOMEM:
		return set_msg(s, STORE_IO, _("The kiosk ran out of memory: %s."), _(what));
	default:
		return set_msg(s, STORE_IO, _("The data file refused the change (%s): %s."),
			       sqlite3_errmsg(s->db), _(what));
	}
}

/* ---- transactions and the record counter ------------------------------------- */

int tx_begin(store *s, const char *what)
{
	int src;

	if (s->batch) {
		/* SQLite rolls a transaction back by itself after some I/O errors: a
		 * savepoint now would start a new one and save this record alone. */
		if (sqlite3_get_autocommit(s->db))
			return set_msg(s, STORE_IO, _("The data file failed and the changes "
				       "so far were undone: %s."), _(what));
		/* Inside store_begin's batch: a refused record undoes only itself. */
		src = sqlite3_exec(s->db, "SAVEPOINT record", NULL, NULL, NULL);
	} else {
		/* Nothing is written to a file no longer at its path (deleted, its
		 * stick pulled): it would be lost at exit, after a "Thank you". */
		if (store_file_gone(s))
			return set_msg(s, STORE_IO, _("The data file is gone: %s."), _(what));
		/* IMMEDIATE takes the write lock now, so a busy database fails here
		 * and not halfway through. */
		src = sqlite3_exec(s->db, "BEGIN IMMEDIATE", NULL, NULL, NULL);
	}
	return src == SQLITE_OK ? STORE_OK : fail_db(s, src, what);
}

/* Commits when rc is STORE_OK, otherwise (or if the commit fails) rolls back;
 * returns the final status. Inside a batch the same, for the savepoint only. */
int tx_end(store *s, int rc, const char *what)
{
	if (s->batch) {
		if (rc == STORE_OK) {
			int src = sqlite3_exec(s->db, "RELEASE record", NULL, NULL, NULL);

			if (src == SQLITE_OK)
				return STORE_OK;
			rc = fail_db(s, src, what);
		}
		if (!sqlite3_get_autocommit(s->db))
			sqlite3_exec(s->db, "ROLLBACK TO record; RELEASE record", NULL, NULL,
				     NULL);
		return rc;
	}
	if (rc == STORE_OK) {
		int src = sqlite3_exec(s->db, "COMMIT", NULL, NULL, NULL);

		if (src == SQLITE_OK)
			return STORE_OK;
		rc = fail_db(s, src, what);
	}
	if (!sqlite3_get_autocommit(s->db))
		sqlite3_exec(s->db, "ROLLBACK", NULL, NULL, NULL);
	return rc;
}

int store_begin(store *s)
{
	int rc;

	assert(s && !s->batch);
	rc = tx_begin(s, N_("nothing was saved"));
	if (rc == STORE_OK)
		s->batch = true;
	return rc;
}

int store_commit(store *s)
{
	assert(s && s->batch);
	s->batch = false;
	return tx_end(s, STORE_OK, N_("nothing was saved"));
}

void store_rollback(store *s)
{
	if (!s || !s->batch)
		return;
	s->batch = false;
	if (!sqlite3_get_autocommit(s->db))
		sqlite3_exec(s->db, "ROLLBACK", NULL, NULL, NULL);
}

/* Takes the next number of the kiosk's one record counter. Only inside a
 * transaction, so the number and the record it names are saved together. */
int next_seq(store *s, int64_t *seq, const char *what)
{
	static const char sql[] =
		"UPDATE settings SET value = value + 1 WHERE key = '" KEY_SEQ "' "
		"RETURNING value";
	sqlite3_stmt *st = NULL;
	int rc = STORE_OK, src;

	assert(!sqlite3_get_autocommit(s->db));
	src = sqlite3_prepare_v2(s->db, sql, -1, &st, NULL);
	if (src == SQLITE_OK)
		src = sqlite3_step(st);
	if (src == SQLITE_DONE) {
		rc = set_msg(s, STORE_CORRUPT, _("The data file is damaged (its record "
			     "counter is missing): %s."), _(what));
		goto out;
	}
	if (src != SQLITE_ROW) {
		rc = fail_db(s, src, what);
		goto out;
	}
	*seq = sqlite3_column_int64(st, 0);
out:
	sqlite3_finalize(st);
	return rc;
}

/* ---- validation ----------------------------------------------------------------- */

/* Checks one text field: NUL-terminated within cap bytes, valid UTF-8, at most
 * max_chars characters, one line, and not blank when required. name is how the
 * message calls the field ("title"), marked N_() by the caller. */
int check_text(store *s, const char *name, const char *text, size_t cap,
		      size_t max_chars, bool required)
{
	size_t len = strnlen(text, cap), chars = 0;
	bool blank = true;

	if (len == cap)
		/* TRANSLATORS: %s is the name of a field, such as "title" or
		 * "first name"; %zu is a number of characters. */
		return set_msg(s, STORE_INVALID, _("The %s is too long: at most %zu "
			       "characters."), _(name), max_chars);
	if (!text_valid_utf8(text, len))
		/* TRANSLATORS: %s is the name of a field, such as "title". */
		return set_msg(s, STORE_INVALID, _("The %s is not valid text (it is not "
			       "UTF-8)."), _(name));
	for (size_t i = 0; i < len; i++) {
		unsigned char c = (unsigned char)text[i];

		if (c < 0x20 || c == 0x7f)
			/* TRANSLATORS: %s is the name of a field, such as "title". */
			return set_msg(s, STORE_INVALID, _("The %s must be one line without "
				       "control characters."), _(name));
		if ((c & 0xc0) != 0x80)
			chars++;
		if (c != ' ')
			blank = false;
	}
	if (chars > max_chars)
		/* TRANSLATORS: %s is the name of a field, such as "title" or
		 * "first name"; %zu is a number of characters. */
		return set_msg(s, STORE_INVALID, _("The %s is too long: at most %zu "
			       "characters."), _(name), max_chars);
	if (required && blank)
		/* TRANSLATORS: %s is the name of a field, such as "title". */
		return set_msg(s, STORE_INVALID, _("The %s is empty."), _(name));
	return STORE_OK;
}

/* ---- statements ----------------------------------------------------------------- */

/* Runs one constant, parameterless query that yields one integer (a PRAGMA or a
 * count) and returns SQLite's result code, for the checks made before the store
 * may write. */
int query_int(sqlite3 *db, const char *sql, int64_t *value)
{
	sqlite3_stmt *st = NULL;
	int src;

	src = sqlite3_prepare_v2(db, sql, -1, &st, NULL);
	if (src == SQLITE_OK)
		src = sqlite3_step(st);
	if (src == SQLITE_ROW) {
		*value = sqlite3_column_int64(st, 0);
		src = SQLITE_OK;
	} else if (src == SQLITE_DONE) {
		src = SQLITE_CORRUPT;
	}
	sqlite3_finalize(st);
	return src;
}

/* Runs sql, an UPDATE that marks one row with ?1 = a new change number where
 * id = ?2, and says plainly when there was no such thing to change: missing is
 * that whole sentence, an N_() message with one %s for what. */
int mark_row(store *s, const char *sql, int64_t id, int64_t seq, const char *missing,
		    const char *what)
{
	int rc = STORE_OK;

	rc = stmt_run(s, what, sql, "ii", seq, id);
	if (rc == STORE_OK && sqlite3_changes(s->db) == 0)
		rc = set_msg(s, STORE_NOTFOUND, _(missing), _(what));
	return rc;
}

/* Binds an optional row id: 0 is SQL NULL ("none"). */
int bind_id_or_null(sqlite3_stmt *st, int i, int64_t id)
{
	return id != 0 ? sqlite3_bind_int64(st, i, id) : sqlite3_bind_null(st, i);
}

/* Copies a text column into dst (cap bytes); "" for NULL. */
void copy_column(char *dst, size_t cap, sqlite3_stmt *st, int col)
{
	const unsigned char *t = sqlite3_column_text(st, col);

	snprintf(dst, cap, "%s", t ? (const char *)t : "");
}

/* Binds the arguments ap to st's parameters ?1, ?2... in order, one letter of
 * types each: 'i' an int64_t, 'd' an int, 't' a text (const char *, NULL binds
 * NULL; it must outlive the statement's steps), 'n' a row id where 0 binds NULL
 * ("none"). Returns SQLite's result code. */
static int bind_args(sqlite3_stmt *st, const char *types, va_list ap)
{
	int src = SQLITE_OK;

	for (int i = 0; types[i] && src == SQLITE_OK; i++) {
		switch (types[i]) {
		case 'i':
			src = sqlite3_bind_int64(st, i + 1, va_arg(ap, int64_t));
			break;
		case 'd':
			src = sqlite3_bind_int(st, i + 1, va_arg(ap, int));
			break;
		case 't':
			src = sqlite3_bind_text(st, i + 1, va_arg(ap, const char *), -1,
						SQLITE_STATIC);
			break;
		case 'n':
			src = bind_id_or_null(st, i + 1, va_arg(ap, int64_t));
			break;
		default:
			assert(!"a parameter type stmt_* knows");
			src = SQLITE_MISUSE;
		}
	}
	return src;
}

int stmt_prepare(store *s, sqlite3_stmt **st, const char *what, const char *sql,
		 const char *types, ...)
{
	va_list ap;
	int src;

	assert(s && st && !*st && what && sql && types);
	src = sqlite3_prepare_v2(s->db, sql, -1, st, NULL);
	if (src == SQLITE_OK) {
		va_start(ap, types);
		src = bind_args(*st, types, ap);
		va_end(ap);
	}
	return src == SQLITE_OK ? STORE_OK : fail_db(s, sqlite3_errcode(s->db), what);
}

int stmt_run(store *s, const char *what, const char *sql, const char *types, ...)
{
	sqlite3_stmt *st = NULL;
	va_list ap;
	int rc = STORE_OK, src;

	assert(s && what && sql && types);
	src = sqlite3_prepare_v2(s->db, sql, -1, &st, NULL);
	if (src == SQLITE_OK) {
		va_start(ap, types);
		src = bind_args(st, types, ap);
		va_end(ap);
	}
	if (src != SQLITE_OK || sqlite3_step(st) != SQLITE_DONE)
		rc = fail_db(s, sqlite3_errcode(s->db), what);
	sqlite3_finalize(st);
	return rc;
}

int stmt_rows(store *s, sqlite3_stmt *st, row_fn from_row, void *out, size_t size, int max,
	      int *n, const char *what)
{
	int src, count = 0;

	assert(s && st && from_row && n && max >= 0 && (out || max == 0));
	*n = 0;
	while ((src = sqlite3_step(st)) == SQLITE_ROW && count < max)
		from_row(st, (char *)out + (size_t)count++ * size);
	if (src != SQLITE_DONE && src != SQLITE_ROW)
		return fail_db(s, src, what);
	*n = count;
	return STORE_OK;
}

int stmt_list(store *s, const char *what, const char *sql, row_fn from_row, void *out, size_t size,
	      int max, int *n, const char *types, ...)
{
	sqlite3_stmt *st = NULL;
	va_list ap;
	int rc, src;

	assert(s && what && sql && types && n);
	*n = 0;
	src = sqlite3_prepare_v2(s->db, sql, -1, &st, NULL);
	if (src == SQLITE_OK) {
		va_start(ap, types);
		src = bind_args(st, types, ap);
		va_end(ap);
	}
	rc = src == SQLITE_OK ? stmt_rows(s, st, from_row, out, size, max, n, what)
			      : fail_db(s, sqlite3_errcode(s->db), what);
	sqlite3_finalize(st);
	return rc;
}

void text_from_row(sqlite3_stmt *st, void *row)
{
	copy_column(row, STORE_TEXT_MAX, st, 0);
}
