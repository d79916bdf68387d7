/* store_events: events, their agenda and the agenda item running now. */
#include "store_impl.h"

#include <assert.h>
#include <errno.h>
#include <stdio.h>
#include <string.h>

#include "when.h"

static const char *const activity_names[STORE_ACT_COUNT] = {
	[STORE_ACT_SHARING] = N_("Sharing"),
	[STORE_ACT_INQUIRY] = N_("Productive inquiry"),
	[STORE_ACT_NEGOTIATING] = N_("Negotiating shared understanding"),
	[STORE_ACT_ASSETS] = N_("Producing assets"),
	[STORE_ACT_STANDARDS] = N_("Creating standards"),
	[STORE_ACT_FORMAL] = N_("Formal access to knowledge"),
	[STORE_ACT_VISITS] = N_("Visits"),
};

/* The seed's examples of each cluster, to help a facilitator choose. */
static const char *const activity_examples[STORE_ACT_COUNT] = {
	[STORE_ACT_SHARING] = N_("Information, stories, tips, documents"),
	[STORE_ACT_INQUIRY] = N_("Asking for help, working on a case, exploring an idea"),
	[STORE_ACT_NEGOTIATING] = N_("Discussing a topic, reading a paper"),
	[STORE_ACT_ASSETS] = N_("Documentation, bibliographies, tools"),
	[STORE_ACT_STANDARDS] = N_("Benchmarks, maturity scales, warranting knowledge"),
	[STORE_ACT_FORMAL] = N_("Training, practice transfer, invited expert"),
	[STORE_ACT_VISITS] = N_("Visiting a member's site, a community website"),
};

static bool two_digits(const char *p, int lo, int hi)
{
	if (p[0] < '0' || p[0] > '9' || p[1] < '0' || p[1] > '9')
		return false;
	int v = (p[0] - '0') * 10 + (p[1] - '0');
	return v >= lo && v <= hi;
}

/* "HH:MM", 00:00 to 23:59. */
static bool valid_hhmm(const char *p)
{
	return two_digits(p, 0, 23) && p[2] == ':' && two_digits(p + 3, 0, 59) &&
	       p[5] == '\0';
}

/* "YYYY-MM-DD HH:MM" naming a real day. Characters are read in order, so a short
 * string stops the check at its NUL. */
static bool valid_starts(const char *p)
{
	static const int days[12] = {31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};

	if (!two_digits(p, 0, 99) || !two_digits(p + 2, 0, 99) || p[4] != '-' ||
	    !two_digits(p + 5, 1, 12) || p[7] != '-' || !two_digits(p + 8, 1, 31) ||
	    p[10] != ' ' || !valid_hhmm(p + 11))
		return false;
	int year = (p[0] - '0') * 1000 + (p[1] - '0') * 100 + (p[2] - '0') * 10 + (p[3] - '0');
	int month = (p[5] - '0') * 10 + (p[6] - '0');
	int day = (p[8] - '0') * 10 + (p[9] - '0');
	bool leap = (year % 4 == 0 && year % 100 != 0) || year % 400 == 0;

	return day <= (month == 2 && !leap ? 28 : days[month - 1]);
}

static int check_event(store *s, const store_event *ev)
{
	/* TRANSLATORS: the name of a field, put into "The %s is empty." and the
	 * other messages about a field. */
	int rc = check_text(s, N_("title"), ev->title, STORE_TITLE_MAX, STORE_TITLE_CHARS, true);

	if (rc == STORE_OK)
		rc = check_text(s, N_("venue"), ev->venue, STORE_TEXT_MAX, STORE_TEXT_CHARS, false);
	if (rc == STORE_OK)
		rc = check_text(s, N_("community"), ev->community, STORE_TEXT_MAX,
				STORE_TEXT_CHARS, false);
	if (rc == STORE_OK && ev->starts[0] != '\0' && !valid_starts(ev->starts))
		rc = set_msg(s, STORE_INVALID, _("The start must be a date and time like "
			     "2025-03-14 09:30."));
	return rc;
}

static int check_agenda_item(store *s, const store_agenda_item *item)
{
	int rc = check_text(s, N_("title"), item->title, STORE_TITLE_MAX, STORE_TITLE_CHARS,
			    true);

	if (rc != STORE_OK)
		return rc;
	if (item->starts[0] != '\0' && !valid_hhmm(item->starts))
		return set_msg(s, STORE_INVALID, _("The start must be a time like 09:30."));
	/* Cast: the enum may be unsigned, and a negative value is as wrong. */
	if ((unsigned)item->activity >= STORE_ACT_COUNT)
		return set_msg(s, STORE_INVALID, _("The kind of activity is not one the "
			       "kiosk knows."));
	return STORE_OK;
}

/* ---- events --------------------------------------------------------------------- */

void event_from_row(sqlite3_stmt *st, void *row)
{
	store_event *ev = row;

	memset(ev, 0, sizeof *ev);
	ev->id = sqlite3_column_int64(st, 0);
	copy_column(ev->gid, sizeof ev->gid, st, 1);
	copy_column(ev->title, sizeof ev->title, st, 2);
	copy_column(ev->starts, sizeof ev->starts, st, 3);
	copy_column(ev->venue, sizeof ev->venue, st, 4);
	copy_column(ev->community, sizeof ev->community, st, 5);
	ev->roles = sqlite3_column_int(st, 6) != 0;
}

static int insert_event(store *s, const store_event *ev, int64_t seq, int64_t *id)
{
	static const char sql[] =
		"INSERT INTO events (kiosk, seq, changed_seq, created_at, title, starts, "
		"venue, community, roles) VALUES (?1, ?2, ?2, ?3, ?4, ?5, ?6, ?7, ?8)";
	int rc = STORE_OK;

	rc = stmt_run(s, N_("the event was not saved"), sql, "tiittttd", s->kiosk, seq,
		      store_now(s), ev->title, ev->starts, ev->venue, ev->community,
		      ev->roles ? 1 : 0);
	if (rc != STORE_OK)
		goto out;
	*id = sqlite3_last_insert_rowid(s->db);
out:
	return rc;
}

int store_event_add(store *s, store_event *ev)
{
	static const char what[] = N_("the event was not saved");
	int64_t seq = 0, id = 0;
	int rc;

	assert(s && ev);
	rc = check_event(s, ev);
	if (rc != STORE_OK)
		return rc;
	rc = tx_begin(s, what);
	if (rc != STORE_OK)
		return rc;
	rc = next_seq(s, &seq, what);
	if (rc == STORE_OK)
		rc = insert_event(s, ev, seq, &id);
	if (rc == STORE_OK)
		rc = setting_put_int(s, KEY_CURRENT, id, what);
	rc = tx_end(s, rc, what);
	if (rc == STORE_OK) {
		ev->id = id;
		snprintf(ev->gid, sizeof ev->gid, "%s-%lld", s->kiosk, (long long)seq);
	}
	return rc;
}

static int update_event(store *s, const store_event *ev, int64_t seq)
{
	static const char sql[] =
		"UPDATE events SET title = ?1, starts = ?2, venue = ?3, community = ?4, "
		"roles = ?5, changed_seq = ?6 WHERE id = ?7";
	static const char what[] = N_("the event was not changed");
	int rc = STORE_OK;

	rc = stmt_run(s, what, sql, "ttttdii", ev->title, ev->starts, ev->venue, ev->community,
		      ev->roles ? 1 : 0, seq, ev->id);
	if (rc == STORE_OK && sqlite3_changes(s->db) == 0)
		rc = set_msg(s, STORE_NOTFOUND, _("There is no such event: %s."), _(what));
	return rc;
}

int store_event_update(store *s, const store_event *ev)
{
	static const char what[] = N_("the event was not changed");
	int64_t seq = 0;
	int rc;

	assert(s && ev);
	rc = check_event(s, ev);
	if (rc != STORE_OK)
		return rc;
	rc = tx_begin(s, what);
	if (rc != STORE_OK)
		return rc;
	rc = next_seq(s, &seq, what);
	if (rc == STORE_OK)
		rc = update_event(s, ev, seq);
	return tx_end(s, rc, what);
}

int store_event_get(store *s, int64_t id, store_event *out)
{
	static const char sql[] = "SELECT " EVENT_COLUMNS " FROM events WHERE id = ?1";
	sqlite3_stmt *st = NULL;
	int rc = STORE_OK, src;

	assert(s && out);
	rc = stmt_prepare(s, &st, N_("the event could not be read"), sql, "i", id);
	if (rc != STORE_OK)
		goto out;
	src = sqlite3_step(st);
	if (src == SQLITE_ROW)
		event_from_row(st, out);
	else if (src == SQLITE_DONE)
		rc = set_msg(s, STORE_NOTFOUND, _("There is no such event."));
	else
		rc = fail_db(s, src, N_("the event could not be read"));
out:
	sqlite3_finalize(st);
	return rc;
}

int store_event_list(store *s, store_event *out, int max, int *n)
{
	/* Newest start first; events without a start last, newest created first. */
	static const char sql[] =
		"SELECT " EVENT_COLUMNS " FROM events "
		"ORDER BY starts = '', starts DESC, seq DESC LIMIT ?1";

	assert(s && n && max >= 0 && (out || max == 0));
	return stmt_list(s, N_("the events could not be read"), sql, event_from_row, out, sizeof *out, max, n,
			 "d", max);
}

int store_event_current(store *s, store_event *out)
{
	int64_t id;
	int rc;

	assert(s && out);
	rc = setting_get_int(s, KEY_CURRENT, &id);
	if (rc == STORE_OK)
		rc = store_event_get(s, id, out);
	if (rc == STORE_NOTFOUND)
		set_msg(s, STORE_NOTFOUND, _("No event has been set up yet."));
	return rc;
}

int store_event_set_current(store *s, int64_t id)
{
	store_event ev;
	int rc;

	assert(s);
	rc = store_event_get(s, id, &ev);
	if (rc == STORE_OK)
		rc = setting_put_int(s, KEY_CURRENT, id, N_("the current event was not "
				     "changed"));
	return rc;
}

/* ---- agenda --------------------------------------------------------------------- */

static int insert_agenda_item(store *s, const store_agenda_item *item, int64_t seq,
			      int64_t *id)
{
	/* position: after the event's other items, for a manual order later. */
	static const char sql[] =
		"INSERT INTO agenda_items (kiosk, seq, changed_seq, created_at, event_id, "
		"title, starts, activity, position) VALUES (?1, ?2, ?2, ?3, ?4, ?5, ?6, "
		"?7, (SELECT coalesce(max(position), 0) + 1 FROM agenda_items "
		"WHERE event_id = ?4))";
	static const char what[] = N_("the agenda item was not saved");
	sqlite3_stmt *st = NULL;
	int rc = STORE_OK;

	if (sqlite3_prepare_v2(s->db, sql, -1, &st, NULL) != SQLITE_OK ||
	    sqlite3_bind_text(st, 1, s->kiosk, -1, SQLITE_STATIC) != SQLITE_OK ||
	    sqlite3_bind_int64(st, 2, seq) != SQLITE_OK ||
	    sqlite3_bind_int64(st, 3, store_now(s)) != SQLITE_OK ||
	    sqlite3_bind_int64(st, 4, item->event_id) != SQLITE_OK ||
	    sqlite3_bind_text(st, 5, item->title, -1, SQLITE_STATIC) != SQLITE_OK ||
	    sqlite3_bind_text(st, 6, item->starts, -1, SQLITE_STATIC) != SQLITE_OK ||
	    sqlite3_bind_int(st, 7, (int)item->activity) != SQLITE_OK ||
	    sqlite3_step(st) != SQLITE_DONE) {
		if (sqlite3_extended_errcode(s->db) == SQLITE_CONSTRAINT_FOREIGNKEY)
			rc = set_msg(s, STORE_NOTFOUND, _("There is no such event: %s."), _(what));
		else
			rc = fail_db(s, sqlite3_errcode(s->db), what);
		goto out;
	}
	*id = sqlite3_last_insert_rowid(s->db);
out:
	sqlite3_finalize(st);
	return rc;
}

int store_agenda_add(store *s, store_agenda_item *item)
{
	static const char what[] = N_("the agenda item was not saved");
	int64_t seq = 0, id = 0;
	int rc;

	assert(s && item);
	rc = check_agenda_item(s, item);
	if (rc != STORE_OK)
		return rc;
	rc = tx_begin(s, what);
	if (rc != STORE_OK)
		return rc;
	rc = next_seq(s, &seq, what);
	if (rc == STORE_OK)
		rc = insert_agenda_item(s, item, seq, &id);
	rc = tx_end(s, rc, what);
	if (rc == STORE_OK) {
		item->id = id;
		snprintf(item->gid, sizeof item->gid, "%s-%lld", s->kiosk, (long long)seq);
	}
	return rc;
}

static int update_agenda_item(store *s, const store_agenda_item *item, int64_t seq)
{
	/* The event an item belongs to stays as it was added. */
	static const char sql[] =
		"UPDATE agenda_items SET title = ?1, starts = ?2, activity = ?3, "
		"changed_seq = ?4 WHERE id = ?5 AND deleted = 0";
	static const char what[] = N_("the agenda item was not changed");
	int rc = STORE_OK;

	rc = stmt_run(s, what, sql, "ttdii", item->title, item->starts, (int)item->activity,
		      seq, item->id);
	if (rc == STORE_OK && sqlite3_changes(s->db) == 0)
		rc = set_msg(s, STORE_NOTFOUND, _("There is no such agenda item: %s."), _(what));
	return rc;
}

int store_agenda_update(store *s, const store_agenda_item *item)
{
	static const char what[] = N_("the agenda item was not changed");
	int64_t seq = 0;
	int rc;

	assert(s && item);
	rc = check_agenda_item(s, item);
	if (rc != STORE_OK)
		return rc;
	rc = tx_begin(s, what);
	if (rc != STORE_OK)
		return rc;
	rc = next_seq(s, &seq, what);
	if (rc == STORE_OK)
		rc = update_agenda_item(s, item, seq);
	return tx_end(s, rc, what);
}

static int hide_agenda_item(store *s, int64_t id, int64_t seq)
{
	/* Hidden, not deleted: notes and answers keep their item, and the next
	 * sync tells the receiver. */
	static const char sql[] =
		"UPDATE agenda_items SET deleted = 1, changed_seq = ?1 "
		"WHERE id = ?2 AND deleted = 0";

	return mark_row(s, sql, id, seq, N_("There is no such agenda item: %s."),
			N_("the agenda item was not removed"));
}

int store_agenda_delete(store *s, int64_t id)
{
	static const char what[] = N_("the agenda item was not removed");
	int64_t seq = 0;
	int rc;

	assert(s);
	rc = tx_begin(s, what);
	if (rc != STORE_OK)
		return rc;
	rc = next_seq(s, &seq, what);
	if (rc == STORE_OK)
		rc = hide_agenda_item(s, id, seq);
	return tx_end(s, rc, what);
}

#define ITEM_COLUMNS "id, event_id, kiosk || '-' || seq, title, starts, activity"

static void item_from_row(sqlite3_stmt *st, void *row)
{
	store_agenda_item *it = row;

	int act = sqlite3_column_int(st, 5);

	memset(it, 0, sizeof *it);
	it->id = sqlite3_column_int64(st, 0);
	it->event_id = sqlite3_column_int64(st, 1);
	copy_column(it->gid, sizeof it->gid, st, 2);
	copy_column(it->title, sizeof it->title, st, 3);
	copy_column(it->starts, sizeof it->starts, st, 4);
	/* The table's CHECK keeps act in range. */
	it->activity = act >= 0 && act < STORE_ACT_COUNT ? (store_activity)act
							  : STORE_ACT_SHARING;
}

int store_agenda_list(store *s, int64_t event_id, store_agenda_item *out, int max, int *n)
{
	/* By start time, items without one last; then in the order they were added. */
	static const char sql[] =
		"SELECT " ITEM_COLUMNS " "
		"FROM agenda_items WHERE event_id = ?1 AND deleted = 0 "
		"ORDER BY starts = '', starts, position, seq LIMIT ?2";
	static const char what[] = N_("the agenda could not be read");

	assert(s && n && max >= 0 && (out || max == 0));
	return stmt_list(s, what, sql, item_from_row, out, sizeof *out, max, n, "id", event_id, max);
}

const char *store_activity_name(store_activity a)
{
	assert((unsigned)a < STORE_ACT_COUNT);
	return (unsigned)a < STORE_ACT_COUNT ? activity_names[a] : N_("Other");
}

const char *store_activity_examples(store_activity a)
{
	assert((unsigned)a < STORE_ACT_COUNT);
	return (unsigned)a < STORE_ACT_COUNT ? activity_examples[a] : "";
}

/* ---- the current agenda item ---------------------------------------------------- */

/* The settings key of the facilitator's choice for event_id. */
static void chosen_key(int64_t event_id, char *key, size_t cap)
{
	snprintf(key, cap, KEY_ITEM_PREFIX "%lld", (long long)event_id);
}

/* Item item_id if it is on event_id's agenda (not removed); else STORE_NOTFOUND. */
int agenda_item_of_event(store *s, int64_t event_id, int64_t item_id,
				store_agenda_item *out)
{
	static const char sql[] =
		"SELECT " ITEM_COLUMNS " FROM agenda_items WHERE id = ?1 AND "
		"event_id = ?2 AND deleted = 0";
	static const char what[] = N_("the agenda could not be read");
	sqlite3_stmt *st = NULL;
	int rc = STORE_OK, src;

	rc = stmt_prepare(s, &st, what, sql, "ii", item_id, event_id);
	if (rc != STORE_OK)
		goto out;
	src = sqlite3_step(st);
	if (src == SQLITE_ROW)
		item_from_row(st, out);
	else if (src == SQLITE_DONE)
		rc = set_msg(s, STORE_NOTFOUND, _("That agenda item is not on the event's "
			     "agenda."));
	else
		rc = fail_db(s, src, what);
out:
	sqlite3_finalize(st);
	return rc;
}

/* The event's item by the clock: in agenda order (store_agenda_list's), the
 * last that has come, else the first. A timed item has come when its start is
 * at most upto ("HH:MM"; "" for none, "24:00" for all); an item without a
 * time comes only when day_over. */
static int agenda_by_clock(store *s, int64_t event_id, const char *upto, bool day_over,
			   store_agenda_item *out)
{
	/* Items that have come sort first, latest first (the agenda order
	 * reversed); the CASEs are NULL, so tie, for the others, which keep
	 * the agenda order. */
	static const char sql[] =
		"WITH items AS (SELECT *, CASE WHEN starts = '' THEN ?3 "
		"ELSE starts <= ?2 END AS came FROM agenda_items "
		"WHERE event_id = ?1 AND deleted = 0) "
		"SELECT " ITEM_COLUMNS " FROM items ORDER BY came DESC, "
		"CASE WHEN came THEN starts = '' END DESC, "
		"CASE WHEN came THEN starts END DESC, "
		"CASE WHEN came THEN position END DESC, "
		"CASE WHEN came THEN seq END DESC, "
		"starts = '', starts, position, seq LIMIT 1";
	static const char what[] = N_("the agenda could not be read");
	sqlite3_stmt *st = NULL;
	int rc = STORE_OK, src;

	rc = stmt_prepare(s, &st, what, sql, "itd", event_id, upto, day_over ? 1 : 0);
	if (rc != STORE_OK)
		goto out;
	src = sqlite3_step(st);
	if (src == SQLITE_ROW)
		item_from_row(st, out);
	else if (src == SQLITE_DONE)
		rc = set_msg(s, STORE_NOTFOUND, _("The event has no agenda yet."));
	else
		rc = fail_db(s, src, what);
out:
	sqlite3_finalize(st);
	return rc;
}

int store_agenda_current(store *s, int64_t event_id, store_agenda_item *out)
{
	char key[48], now[STORE_STARTS_MAX];
	store_event ev;
	int64_t chosen;
	int rc, day;

	assert(s && out);
	rc = store_event_get(s, event_id, &ev);
	if (rc != STORE_OK)
		return rc;
	chosen_key(event_id, key, sizeof key);
	rc = setting_get_int(s, key, &chosen);
	if (rc == STORE_OK && chosen != 0) {
		rc = agenda_item_of_event(s, event_id, chosen, out);
		/* A chosen item since removed: the clock decides again. */
		if (rc != STORE_NOTFOUND)
			return rc;
	} else if (rc != STORE_OK && rc != STORE_NOTFOUND) {
		return rc;
	}
	/* Both "YYYY-MM-DD HH:MM" in local time: the dates compare as text. An
	 * event without a date is taken to be today. */
	when_format(store_now(s), now, sizeof now);
	day = ev.starts[0] != '\0' ? strncmp(now, ev.starts, 10) : 0;
	if (day < 0)
		return agenda_by_clock(s, event_id, "", false, out);
	if (day > 0)
		return agenda_by_clock(s, event_id, "24:00", true, out);
	return agenda_by_clock(s, event_id, now + 11, false, out);
}

int store_agenda_set_current(store *s, int64_t event_id, int64_t item_id)
{
	static const char what[] = N_("the current agenda item was not changed");
	store_agenda_item item;
	store_event ev;
	char key[48];
	int rc;

	assert(s);
	chosen_key(event_id, key, sizeof key);
	if (item_id == 0) {
		rc = store_event_get(s, event_id, &ev);
		if (rc == STORE_OK)
			rc = setting_delete(s, key, what);
		return rc;
	}
	rc = agenda_item_of_event(s, event_id, item_id, &item);
	if (rc == STORE_OK)
		rc = setting_put_int(s, key, item_id, what);
	return rc;
}

int64_t store_agenda_chosen(store *s, int64_t event_id)
{
	store_agenda_item item;
	char key[48];
	int64_t chosen;

	assert(s);
	chosen_key(event_id, key, sizeof key);
	if (setting_get_int(s, key, &chosen) != STORE_OK || chosen == 0 ||
	    agenda_item_of_event(s, event_id, chosen, &item) != STORE_OK)
		return 0;
	return chosen;
}
