/* store_checkins: check-ins: who came to an event, in which role. */
#include "store_impl.h"

#include <assert.h>
#include <errno.h>
#include <stdio.h>
#include <string.h>

#include "when.h"

/* The seed's leadership roles an attendee may take for the day: stored in
 * English (a check-in's role is data), shown translated. The names, examples
 * and roles are all marked for the catalogue. */
static const char *const role_names[STORE_ROLE_COUNT] = {
	N_("Agenda activist"), N_("Community keeper"), N_("Critical friend"), N_("Social reporter"),
	N_("External messenger"), N_("Value detective"), N_("Organisational broker"),
};

/* ---- check-ins ------------------------------------------------------------------ */

int store_checkin_count(store *s, int64_t event_id, int *n)
{
	static const char sql[] =
		"SELECT count(*) FROM checkins WHERE event_id = ?1 AND undone = 0";
	sqlite3_stmt *st = NULL;
	int rc = STORE_OK;

	assert(s && n);
	*n = 0;
	if (sqlite3_prepare_v2(s->db, sql, -1, &st, NULL) != SQLITE_OK ||
	    sqlite3_bind_int64(st, 1, event_id) != SQLITE_OK ||
	    sqlite3_step(st) != SQLITE_ROW) {
		rc = fail_db(s, sqlite3_errcode(s->db), N_("the check-ins could not be counted"));
		goto out;
	}
	*n = sqlite3_column_int(st, 0);
out:
	sqlite3_finalize(st);
	return rc;
}

/* ---- check-ins of members ------------------------------------------------------- */

#define CHECKIN_COLUMNS "c.id, c.member_id, c.created_at, c.role, m.first_name, " \
	"m.last_name, m.organisation"

static void checkin_from_row(sqlite3_stmt *st, void *row)
{
	store_checkin *c = row;

	memset(c, 0, sizeof *c);
	c->id = sqlite3_column_int64(st, 0);
	c->member_id = sqlite3_column_int64(st, 1);
	c->at = sqlite3_column_int64(st, 2);
	copy_column(c->role, sizeof c->role, st, 3);
	copy_column(c->first, sizeof c->first, st, 4);
	copy_column(c->last, sizeof c->last, st, 5);
	copy_column(c->organisation, sizeof c->organisation, st, 6);
}

/* The member's standing check-in at the event, or STORE_NOTFOUND. */
static int checkin_find(store *s, int64_t event_id, int64_t member_id, store_checkin *out)
{
	static const char sql[] =
		"SELECT " CHECKIN_COLUMNS " FROM checkins c JOIN members m "
		"ON m.id = c.member_id WHERE c.event_id = ?1 AND c.member_id = ?2 "
		"AND c.undone = 0";
	static const char what[] = N_("the check-in could not be read");
	sqlite3_stmt *st = NULL;
	int rc = STORE_OK, src;

	rc = stmt_prepare(s, &st, what, sql, "ii", event_id, member_id);
	if (rc != STORE_OK)
		goto out;
	src = sqlite3_step(st);
	if (src == SQLITE_ROW)
		checkin_from_row(st, out);
	else if (src == SQLITE_DONE)
		rc = set_msg(s, STORE_NOTFOUND, _("There is no such check-in."));
	else
		rc = fail_db(s, src, what);
out:
	sqlite3_finalize(st);
	return rc;
}

/* Stores the check-in; *stored is false when nothing was (already checked in,
 * or no such member). An undone check-in comes back as the same record. */
static int insert_checkin(store *s, int64_t event_id, int64_t member_id, const char *role,
			  int64_t seq, bool *stored)
{
	static const char sql[] =
		"INSERT INTO checkins (kiosk, seq, changed_seq, created_at, event_id, "
		"member_id, role) SELECT ?1, ?2, ?2, ?3, ?4, id, ?5 FROM members "
		"WHERE id = ?6 AND forgotten = 0 "
		"ON CONFLICT (event_id, member_id) DO UPDATE SET undone = 0, "
		"created_at = excluded.created_at, role = excluded.role, "
		"changed_seq = excluded.changed_seq WHERE undone = 1";
	static const char what[] = N_("the check-in was not saved");
	sqlite3_stmt *st = NULL;
	int rc = STORE_OK;

	if (sqlite3_prepare_v2(s->db, sql, -1, &st, NULL) != SQLITE_OK ||
	    sqlite3_bind_text(st, 1, s->kiosk, -1, SQLITE_STATIC) != SQLITE_OK ||
	    sqlite3_bind_int64(st, 2, seq) != SQLITE_OK ||
	    sqlite3_bind_int64(st, 3, store_now(s)) != SQLITE_OK ||
	    sqlite3_bind_int64(st, 4, event_id) != SQLITE_OK ||
	    sqlite3_bind_text(st, 5, role, -1, SQLITE_STATIC) != SQLITE_OK ||
	    sqlite3_bind_int64(st, 6, member_id) != SQLITE_OK ||
	    sqlite3_step(st) != SQLITE_DONE) {
		if (sqlite3_extended_errcode(s->db) == SQLITE_CONSTRAINT_FOREIGNKEY)
			rc = set_msg(s, STORE_NOTFOUND, _("There is no such event: %s."), _(what));
		else
			rc = fail_db(s, sqlite3_errcode(s->db), what);
		goto out;
	}
	*stored = sqlite3_changes(s->db) > 0;
out:
	sqlite3_finalize(st);
	return rc;
}

static bool known_role(const char *role)
{
	for (int i = 0; i < STORE_ROLE_COUNT; i++) {
		if (strcmp(role, role_names[i]) == 0)
			return true;
	}
	return false;
}

int store_checkin_add(store *s, int64_t event_id, int64_t member_id, const char *role,
		      store_checkin *out)
{
	static const char what[] = N_("the check-in was not saved");
	store_checkin here;
	char when[STORE_STARTS_MAX];
	int64_t seq = 0;
	bool stored = false;
	int rc;

	assert(s);
	if (!out)
		out = &here;
	if (!role)
		role = "";
	if (role[0] != '\0' && !known_role(role))
		return set_msg(s, STORE_INVALID, _("That role is not one of the roles for "
			       "the day."));
	rc = tx_begin(s, what);
	if (rc != STORE_OK)
		return rc;
	rc = next_seq(s, &seq, what);
	if (rc == STORE_OK)
		rc = insert_checkin(s, event_id, member_id, role, seq, &stored);
	/* Nothing stored: undo the counter's step too. */
	if (rc == STORE_OK && !stored)
		rc = STORE_EXISTS;
	rc = tx_end(s, rc, what);
	if (rc == STORE_OK)
		return checkin_find(s, event_id, member_id, out);
	if (rc != STORE_EXISTS)
		return rc;
	rc = checkin_find(s, event_id, member_id, out);
	if (rc == STORE_NOTFOUND)
		return set_msg(s, STORE_NOTFOUND, _("There is no such member: %s."), _(what));
	if (rc != STORE_OK)
		return rc;
	when_format(out->at, when, sizeof when);
	return set_msg(s, STORE_EXISTS, _("You are already checked in (since %s)."), when + 11);
}

int store_walk_in(store *s, int64_t event_id, store_member *m, const char *role, store_checkin *out)
{
	static const char what[] = N_("the check-in was not saved");
	store_checkin here;
	int64_t member_seq = 0, checkin_seq = 0, id = 0;
	bool stored = false;
	int rc;

	assert(s && m);
	if (!out)
		out = &here;
	if (!role)
		role = "";
	if (role[0] != '\0' && !known_role(role))
		return set_msg(s, STORE_INVALID, _("That role is not one of the roles for "
			       "the day."));
	rc = check_member(s, m);
	if (rc != STORE_OK)
		return rc;
	/* Both in one transaction: a power cut (or a kill) between the member
	 * and the check-in leaves neither, never a member who is not here. */
	rc = tx_begin(s, what);
	if (rc != STORE_OK)
		return rc;
	rc = add_member(s, m, &member_seq, &id, what);
	if (rc == STORE_OK)
		rc = next_seq(s, &checkin_seq, what);
	if (rc == STORE_OK)
		rc = insert_checkin(s, event_id, id, role, checkin_seq, &stored);
	/* A member made just now cannot have been here before. */
	assert(rc != STORE_OK || stored);
	rc = tx_end(s, rc, what);
	if (rc != STORE_OK)
		return rc;
	m->id = id;
	snprintf(m->gid, sizeof m->gid, "%s-%lld", s->kiosk, (long long)member_seq);
	return checkin_find(s, event_id, id, out);
}

int store_checkin_get(store *s, int64_t event_id, int64_t member_id, store_checkin *out)
{
	assert(s && out);
	return checkin_find(s, event_id, member_id, out);
}

static int undo_checkin(store *s, int64_t checkin_id, int64_t seq)
{
	static const char sql[] =
		"UPDATE checkins SET undone = 1, changed_seq = ?1 WHERE id = ?2 AND undone = 0";

	return mark_row(s, sql, checkin_id, seq, N_("There is no such check-in: %s."),
			N_("nothing was undone"));
}

int store_checkin_undo(store *s, int64_t checkin_id)
{
	static const char what[] = N_("nothing was undone");
	int64_t seq = 0;
	int rc;

	assert(s);
	rc = tx_begin(s, what);
	if (rc != STORE_OK)
		return rc;
	rc = next_seq(s, &seq, what);
	if (rc == STORE_OK)
		rc = undo_checkin(s, checkin_id, seq);
	return tx_end(s, rc, what);
}

int store_checkin_list(store *s, int64_t event_id, const char *query, store_checkin *out,
		       int max, int *n)
{
	/* Newest first by the record counter, not the clock, which may have
	 * been set in between. */
	static const char sql[] =
		"SELECT " CHECKIN_COLUMNS " FROM checkins c JOIN members m "
		"ON m.id = c.member_id WHERE c.event_id = ?13 AND c.undone = 0 AND "
		MAYBE_WORD_IN("c.member_id", "?1", "?2") OTHER_WORDS_IN("c.member_id")
		" ORDER BY c.changed_seq DESC, c.id DESC LIMIT ?14";
	static const char what[] = N_("the check-ins could not be read");
	sqlite3_stmt *st = NULL;
	query_words q;
	int rc = STORE_OK;

	assert(s && n && max >= 0 && (out || max == 0));
	*n = 0;
	split_query(query, &q);
	if (q.impossible)
		return STORE_OK;
	if (sqlite3_prepare_v2(s->db, sql, -1, &st, NULL) != SQLITE_OK ||
	    bind_words(st, &q) != SQLITE_OK ||
	    sqlite3_bind_int64(st, 13, event_id) != SQLITE_OK ||
	    sqlite3_bind_int(st, 14, max) != SQLITE_OK) {
		rc = fail_db(s, sqlite3_errcode(s->db), what);
		goto out;
	}
	rc = stmt_rows(s, st, checkin_from_row, out, sizeof *out, max, n, what);
out:
	sqlite3_finalize(st);
	return rc;
}

bool store_member_is_new(store *s, int64_t member_id, int64_t event_id)
{
	static const char sql[] =
		"SELECT EXISTS (SELECT 1 FROM checkins WHERE member_id = ?1 AND "
		"event_id <> ?2 AND undone = 0)";
	sqlite3_stmt *st = NULL;
	bool first_time = false;

	assert(s);
	/* On a read error the member is taken as returning: the plainer welcome. */
	if (sqlite3_prepare_v2(s->db, sql, -1, &st, NULL) != SQLITE_OK ||
	    sqlite3_bind_int64(st, 1, member_id) != SQLITE_OK ||
	    sqlite3_bind_int64(st, 2, event_id) != SQLITE_OK ||
	    sqlite3_step(st) != SQLITE_ROW) {
		fail_db(s, sqlite3_errcode(s->db), N_("the member's earlier visits could "
			"not be read"));
		goto out;
	}
	first_time = sqlite3_column_int(st, 0) == 0;
out:
	sqlite3_finalize(st);
	return first_time;
}

int store_checkin_arrive(store *s, int64_t member_id, const char *role, store_arrival *arrival,
			 store_checkin *out)
{
	store_event ev;
	bool first;
	int rc;

	assert(s && arrival && out);
	rc = store_event_current(s, &ev);
	if (rc != STORE_OK)
		return rc;
	/* Asked before the check-in, which would make this event one of theirs. */
	first = store_member_is_new(s, member_id, ev.id);
	rc = store_checkin_add(s, ev.id, member_id, role, out);
	if (rc == STORE_EXISTS) {
		*arrival = STORE_ARRIVED_ALREADY;
		return STORE_OK;
	}
	*arrival = first ? STORE_ARRIVED_FIRST : STORE_ARRIVED_BACK;
	return rc;
}

const char *store_role_name(int i)
{
	assert(i >= 0 && i < STORE_ROLE_COUNT);
	return i >= 0 && i < STORE_ROLE_COUNT ? role_names[i] : "";
}
