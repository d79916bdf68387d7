/* store_review: review: the wall, themes and votes, reflections, attendance, recurring words. */
#include "store_impl.h"

#include <assert.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "text.h"
#include "when.h"

/* ---- review: the wall, themes and votes ----------------------------------------- */

/* A note of the wall with its dots and theme: a row_fn. */
static void wall_from_row(sqlite3_stmt *st, void *row)
{
	store_wall_note *w = row;

	note_from_row(st, &w->note);
	w->votes = sqlite3_column_int(st, 8);
	w->theme_id = sqlite3_column_int64(st, 9);
}

int store_wall(store *s, int64_t event_id, int64_t agenda_item_id, store_wall_note *out,
	       int max, int *n)
{
	/* By kind, then in the order stuck: the record counter, not the clock. */
	static const char sql[] =
		"SELECT " NOTE_COLUMNS ", coalesce(v.dots, 0), coalesce(n.theme_id, 0) "
		"FROM notes n LEFT JOIN votes v ON v.note_id = n.id "
		"WHERE n.event_id = ?1 AND (?2 IS NULL OR n.agenda_item_id = ?2) "
		"ORDER BY n.kind, n.seq LIMIT ?3";
	static const char what[] = N_("the wall could not be read");

	assert(s && n && max >= 0 && (out || max == 0));
	return stmt_list(s, what, sql, wall_from_row, out, sizeof *out, max, n,
			 "ind", event_id, agenda_item_id, max);
}

/* A theme with its figures: the own dots come from its one vote row, the
 * others from its notes'. Only themes that still group a note are found. */
#define THEME_SELECT \
	"SELECT t.id, t.name, coalesce(tv.dots, 0) AS own, count(*), " \
	"coalesce(sum(nv.dots), 0) AS on_notes FROM themes t " \
	"JOIN notes n ON n.theme_id = t.id " \
	"LEFT JOIN votes nv ON nv.note_id = n.id " \
	"LEFT JOIN votes tv ON tv.theme_id = t.id "

static void theme_from_row(sqlite3_stmt *st, void *row)
{
	store_theme *t = row;

	memset(t, 0, sizeof *t);
	t->id = sqlite3_column_int64(st, 0);
	copy_column(t->name, sizeof t->name, st, 1);
	t->votes = sqlite3_column_int(st, 2);
	t->notes = sqlite3_column_int(st, 3);
	t->note_votes = sqlite3_column_int(st, 4);
}

static int theme_get(store *s, int64_t id, store_theme *out)
{
	static const char sql[] = THEME_SELECT "WHERE t.id = ?1 GROUP BY t.id";
	static const char what[] = N_("the theme could not be read");
	sqlite3_stmt *st = NULL;
	int rc = STORE_OK, src;

	rc = stmt_prepare(s, &st, what, sql, "i", id);
	if (rc != STORE_OK)
		goto out;
	src = sqlite3_step(st);
	if (src == SQLITE_ROW)
		theme_from_row(st, out);
	else if (src == SQLITE_DONE)
		rc = set_msg(s, STORE_NOTFOUND, _("There is no such theme."));
	else
		rc = fail_db(s, src, what);
out:
	sqlite3_finalize(st);
	return rc;
}

static int insert_theme(store *s, int64_t event_id, const char *name, int64_t seq,
			int64_t *id)
{
	static const char sql[] =
		"INSERT INTO themes (kiosk, seq, changed_seq, created_at, event_id, name) "
		"VALUES (?1, ?2, ?2, ?3, ?4, ?5)";
	static const char what[] = N_("the theme was not saved");
	sqlite3_stmt *st = NULL;
	int rc = STORE_OK;

	if (sqlite3_prepare_v2(s->db, sql, -1, &st, NULL) != SQLITE_OK ||
	    sqlite3_bind_text(st, 1, s->kiosk, -1, SQLITE_STATIC) != SQLITE_OK ||
	    sqlite3_bind_int64(st, 2, seq) != SQLITE_OK ||
	    sqlite3_bind_int64(st, 3, store_now(s)) != SQLITE_OK ||
	    sqlite3_bind_int64(st, 4, event_id) != SQLITE_OK ||
	    sqlite3_bind_text(st, 5, name, -1, SQLITE_STATIC) != SQLITE_OK ||
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

/* Puts the notes ids[0..count) of event_id into theme_id, taking them out of
 * any other; each is a change of the note, numbered seq (the theme's). */
static int group_notes(store *s, int64_t event_id, int64_t theme_id, const int64_t *ids,
		       int count, int64_t seq)
{
	static const char sql[] =
		"UPDATE notes SET theme_id = ?1, changed_seq = ?2 "
		"WHERE id = ?3 AND event_id = ?4";
	static const char what[] = N_("the theme was not saved");
	sqlite3_stmt *st = NULL;
	int rc = STORE_OK;

	if (sqlite3_prepare_v2(s->db, sql, -1, &st, NULL) != SQLITE_OK ||
	    sqlite3_bind_int64(st, 1, theme_id) != SQLITE_OK ||
	    sqlite3_bind_int64(st, 2, seq) != SQLITE_OK ||
	    sqlite3_bind_int64(st, 4, event_id) != SQLITE_OK) {
		rc = fail_db(s, sqlite3_errcode(s->db), what);
		goto out;
	}
	for (int i = 0; i < count; i++) {
		if (sqlite3_bind_int64(st, 3, ids[i]) != SQLITE_OK ||
		    sqlite3_step(st) != SQLITE_DONE || sqlite3_reset(st) != SQLITE_OK) {
			rc = fail_db(s, sqlite3_errcode(s->db), what);
			goto out;
		}
		if (sqlite3_changes(s->db) == 0) {
			rc = set_msg(s, STORE_NOTFOUND, _("That note is not on this event's "
				     "wall: %s."), _(what));
			goto out;
		}
	}
out:
	sqlite3_finalize(st);
	return rc;
}

int store_theme_add(store *s, int64_t event_id, const char *name, const int64_t *note_ids,
		    int count, store_theme *out)
{
	static const char what[] = N_("the theme was not saved");
	int64_t seq = 0, id = 0;
	int rc;

	assert(s && name && count >= 0 && (note_ids || count == 0));
	rc = check_text(s, N_("name of the theme"), name, STORE_TITLE_MAX, STORE_TITLE_CHARS,
			true);
	if (rc != STORE_OK)
		return rc;
	if (count == 0)
		return set_msg(s, STORE_INVALID, _("Choose at least one note for the theme."));
	rc = tx_begin(s, what);
	if (rc != STORE_OK)
		return rc;
	rc = next_seq(s, &seq, what);
	if (rc == STORE_OK)
		rc = insert_theme(s, event_id, name, seq, &id);
	if (rc == STORE_OK)
		rc = group_notes(s, event_id, id, note_ids, count, seq);
	rc = tx_end(s, rc, what);
	if (rc == STORE_OK && out)
		rc = theme_get(s, id, out);
	return rc;
}

static int rename_theme(store *s, int64_t theme_id, const char *name, int64_t seq)
{
	static const char sql[] =
		"UPDATE themes SET name = ?1, changed_seq = ?2 WHERE id = ?3";
	static const char what[] = N_("the theme was not renamed");
	int rc = STORE_OK;

	rc = stmt_run(s, what, sql, "tii", name, seq, theme_id);
	if (rc == STORE_OK && sqlite3_changes(s->db) == 0)
		rc = set_msg(s, STORE_NOTFOUND, _("There is no such theme: %s."), _(what));
	return rc;
}

int store_theme_rename(store *s, int64_t theme_id, const char *name)
{
	static const char what[] = N_("the theme was not renamed");
	int64_t seq = 0;
	int rc;

	assert(s && name);
	rc = check_text(s, N_("name of the theme"), name, STORE_TITLE_MAX, STORE_TITLE_CHARS,
			true);
	if (rc != STORE_OK)
		return rc;
	rc = tx_begin(s, what);
	if (rc != STORE_OK)
		return rc;
	rc = next_seq(s, &seq, what);
	if (rc == STORE_OK)
		rc = rename_theme(s, theme_id, name, seq);
	return tx_end(s, rc, what);
}

int store_theme_list(store *s, int64_t event_id, store_theme *out, int max, int *n)
{
	/* Ties in the order the themes were made. */
	static const char sql[] =
		THEME_SELECT "WHERE t.event_id = ?1 GROUP BY t.id "
		"ORDER BY own + on_notes DESC, t.seq LIMIT ?2";
	static const char what[] = N_("the themes could not be read");

	assert(s && n && max >= 0 && (out || max == 0));
	return stmt_list(s, what, sql, theme_from_row, out, sizeof *out, max, n, "id", event_id, max);
}

/* The dots on note note_id or on theme theme_id (the other is 0): *vote_id
 * gets the vote row holding them (0 if there is none yet), *dots their
 * number. STORE_NOTFOUND for no such note or theme. */
static int vote_get(store *s, int64_t note_id, int64_t theme_id, int64_t *vote_id, int *dots)
{
	/* A NULL parameter matches nothing, so only the target's own row is
	 * found, and its vote if it has one. */
	static const char sql[] =
		"SELECT v.id, v.dots FROM (SELECT id FROM notes WHERE id = ?1 "
		"UNION ALL SELECT id FROM themes WHERE id = ?2) "
		"LEFT JOIN votes v ON v.note_id = ?1 OR v.theme_id = ?2";
	static const char what[] = N_("the votes could not be read");
	sqlite3_stmt *st = NULL;
	int rc = STORE_OK, src;

	rc = stmt_prepare(s, &st, what, sql, "nn", note_id, theme_id);
	if (rc != STORE_OK)
		goto out;
	src = sqlite3_step(st);
	if (src == SQLITE_ROW) {
		*vote_id = sqlite3_column_int64(st, 0);    /* NULL: 0 */
		*dots = sqlite3_column_int(st, 1);
	} else if (src == SQLITE_DONE) {
		rc = set_msg(s, STORE_NOTFOUND, "%s", note_id != 0 ? _("There is no such note.")
							     : _("There is no such theme."));
	} else {
		rc = fail_db(s, src, what);
	}
out:
	sqlite3_finalize(st);
	return rc;
}

/* Sets the dots of vote vote_id, or makes the target's vote record when
 * vote_id is 0 (its first dot); seq numbers the change. */
static int vote_put(store *s, int64_t vote_id, int64_t note_id, int64_t theme_id, int dots,
		    int64_t seq, const char *what)
{
	static const char sql[] =
		"INSERT INTO votes (id, kiosk, seq, changed_seq, created_at, note_id, "
		"theme_id, dots) VALUES (?1, ?2, ?3, ?3, ?4, ?5, ?6, ?7) "
		"ON CONFLICT (id) DO UPDATE SET dots = excluded.dots, "
		"changed_seq = excluded.changed_seq";
	sqlite3_stmt *st = NULL;
	int rc = STORE_OK;

	if (sqlite3_prepare_v2(s->db, sql, -1, &st, NULL) != SQLITE_OK ||
	    bind_id_or_null(st, 1, vote_id) != SQLITE_OK ||
	    sqlite3_bind_text(st, 2, s->kiosk, -1, SQLITE_STATIC) != SQLITE_OK ||
	    sqlite3_bind_int64(st, 3, seq) != SQLITE_OK ||
	    sqlite3_bind_int64(st, 4, store_now(s)) != SQLITE_OK ||
	    bind_id_or_null(st, 5, note_id) != SQLITE_OK ||
	    bind_id_or_null(st, 6, theme_id) != SQLITE_OK ||
	    sqlite3_bind_int(st, 7, dots) != SQLITE_OK ||
	    sqlite3_step(st) != SQLITE_DONE)
		rc = fail_db(s, sqlite3_errcode(s->db), what);
	sqlite3_finalize(st);
	return rc;
}

/* A dot more or less on a note or a theme (the other id 0). Nothing is
 * stored when nothing changes: taking a dot from none. */
static int vote(store *s, int64_t note_id, int64_t theme_id, int delta, int *votes)
{
	static const char what[] = N_("the vote was not counted");
	int64_t vote_id = 0, seq = 0;
	int rc, dots = 0, want = 0;

	if (delta != 1 && delta != -1)
		return set_msg(s, STORE_INVALID, _("A vote adds or takes away one dot."));
	rc = tx_begin(s, what);
	if (rc != STORE_OK)
		return rc;
	rc = vote_get(s, note_id, theme_id, &vote_id, &dots);
	want = dots + delta < 0 ? 0 : dots + delta;
	if (rc == STORE_OK && want != dots)
		rc = next_seq(s, &seq, what);
	if (rc == STORE_OK && want != dots)
		rc = vote_put(s, vote_id, note_id, theme_id, want, seq, what);
	rc = tx_end(s, rc, what);
	if (rc == STORE_OK && votes)
		*votes = want;
	return rc;
}

int store_note_vote(store *s, int64_t note_id, int delta, int *votes)
{
	assert(s);
	if (note_id == 0)
		return set_msg(s, STORE_NOTFOUND, _("There is no such note."));
	return vote(s, note_id, 0, delta, votes);
}

int store_theme_vote(store *s, int64_t theme_id, int delta, int *votes)
{
	assert(s);
	if (theme_id == 0)
		return set_msg(s, STORE_NOTFOUND, _("There is no such theme."));
	return vote(s, 0, theme_id, delta, votes);
}

/* ---- review: reflections -------------------------------------------------------- */

int store_answer_counts(store *s, int64_t prompt_id, int64_t event_id, int64_t agenda_item_id,
			int counts[STORE_CHOICES + 1], int *answers, double *mean)
{
	/* One row per value: NULL holds the words and texts. */
	static const char sql[] =
		"SELECT value, count(*) FROM responses WHERE prompt_id = ?1 AND "
		"event_id = ?2 AND (?3 IS NULL OR agenda_item_id = ?3) GROUP BY value";
	static const char what[] = N_("the answers could not be counted");
	int local[STORE_CHOICES + 1] = {0};
	sqlite3_stmt *st = NULL;
	store_prompt p;
	int64_t sum = 0;
	int rc, src, total = 0, scored = 0;

	assert(s);
	rc = prompt_get(s, prompt_id, &p, NULL);
	if (rc != STORE_OK)
		goto out;
	rc = stmt_prepare(s, &st, what, sql, "iin", prompt_id, event_id, agenda_item_id);
	if (rc != STORE_OK)
		goto out;
	while ((src = sqlite3_step(st)) == SQLITE_ROW) {
		int v = sqlite3_column_int(st, 0), c = sqlite3_column_int(st, 1);

		total += c;
		if (sqlite3_column_type(st, 0) == SQLITE_NULL || v < 0 || v > STORE_CHOICES)
			continue;
		local[v] += c;
		if (p.kind == STORE_PROMPT_SCALE && v >= 1 && v <= 5) {
			sum += (int64_t)v * c;
			scored += c;
		}
	}
	if (src != SQLITE_DONE)
		rc = fail_db(s, src, what);
out:
	sqlite3_finalize(st);
	/* Nothing half counted: all zero unless every row was read. */
	if (rc != STORE_OK) {
		memset(local, 0, sizeof local);
		total = scored = 0;
	}
	if (counts)
		memcpy(counts, local, sizeof local);
	if (answers)
		*answers = total;
	if (mean)
		*mean = scored > 0 ? (double)sum / scored : 0.0;
	return rc;
}

/* STORE_OK if prompt_id is a scale prompt, also one removed from the bank. */
static int scale_prompt(store *s, int64_t prompt_id)
{
	store_prompt p;
	int rc = prompt_get(s, prompt_id, &p, NULL);

	if (rc == STORE_OK && p.kind != STORE_PROMPT_SCALE)
		rc = set_msg(s, STORE_INVALID, _("Only a question answered with the faces "
			     "has a mean."));
	return rc;
}

/* A row (key, label, answers, mean) into a store_mean: row_fns, the key of
 * the second a store_activity and its label the activity's name. */
static void mean_from_row(sqlite3_stmt *st, void *row)
{
	store_mean *m = row;

	memset(m, 0, sizeof *m);
	m->key = sqlite3_column_int64(st, 0);
	copy_column(m->label, sizeof m->label, st, 1);
	m->answers = sqlite3_column_int(st, 2);
	m->mean = sqlite3_column_double(st, 3);
}

static void activity_mean_from_row(sqlite3_stmt *st, void *row)
{
	store_mean *m = row;

	mean_from_row(st, m);
	/* The agenda's CHECK keeps the activity in range. */
	snprintf(m->label, sizeof m->label, "%s",
		 m->key >= 0 && m->key < STORE_ACT_COUNT
		 ? store_activity_name((store_activity)m->key) : N_("Other"));
}

int store_scale_by_item(store *s, int64_t prompt_id, int64_t event_id, store_mean *out,
			int max, int *n)
{
	/* Every item on the agenda, in its order (store_agenda_list's), with or
	 * without answers. */
	static const char sql[] =
		"SELECT a.id, a.title, count(r.value), coalesce(avg(r.value), 0) "
		"FROM agenda_items a LEFT JOIN responses r ON r.prompt_id = ?1 AND "
		"r.event_id = a.event_id AND r.agenda_item_id = a.id AND "
		"r.value BETWEEN 1 AND 5 WHERE a.event_id = ?2 AND a.deleted = 0 "
		"GROUP BY a.id ORDER BY a.starts = '', a.starts, a.position, a.seq "
		"LIMIT ?3";
	static const char what[] = N_("the answers could not be counted");
	int rc;

	assert(s && n && max >= 0 && (out || max == 0));
	*n = 0;
	rc = scale_prompt(s, prompt_id);
	if (rc != STORE_OK)
		return rc;
	return stmt_list(s, what, sql, mean_from_row, out, sizeof *out, max, n,
			 "iid", prompt_id, event_id, max);
}

int store_scale_by_activity(store *s, int64_t prompt_id, int64_t event_id, store_mean *out,
			    int max, int *n)
{
	/* Answers to items since removed still tell of their activity. */
	static const char sql[] =
		"SELECT a.activity, '', count(*), avg(r.value) FROM responses r "
		"JOIN agenda_items a ON a.id = r.agenda_item_id WHERE r.prompt_id = ?1 "
		"AND r.event_id = ?2 AND r.value BETWEEN 1 AND 5 GROUP BY a.activity "
		"ORDER BY a.activity LIMIT ?3";
	static const char what[] = N_("the answers could not be counted");
	int rc;

	assert(s && n && max >= 0 && (out || max == 0));
	*n = 0;
	rc = scale_prompt(s, prompt_id);
	if (rc != STORE_OK)
		return rc;
	return stmt_list(s, what, sql, activity_mean_from_row, out, sizeof *out, max, n,
			 "iid", prompt_id, event_id, max);
}

/* A row (text, count) into a store_count: a row_fn. */
static void count_from_row(sqlite3_stmt *st, void *row)
{
	store_count *c = row;

	memset(c, 0, sizeof *c);
	copy_column(c->text, sizeof c->text, st, 0);
	c->count = sqlite3_column_int(st, 1);
}

int store_words(store *s, int64_t prompt_id, int64_t event_id, store_count *out, int max,
		int *n)
{
	/* As store_organisations: spellings that fold alike are one word, shown
	 * as most people wrote it (the row max(uses) picks). Ties in folded
	 * order; a word of only punctuation folds to nothing and is left out. */
	static const char sql[] =
		"WITH spellings AS (SELECT kiosk_fold(text) AS k, trim(text) AS spelling, "
		"count(*) AS uses FROM responses WHERE prompt_id = ?1 AND event_id = ?2 "
		"AND text IS NOT NULL GROUP BY k, spelling) "
		"SELECT spelling, sum(uses) AS total, max(uses) FROM spellings "
		"WHERE k <> '' GROUP BY k ORDER BY total DESC, k LIMIT ?3";
	static const char what[] = N_("the words could not be counted");

	assert(s && n && max >= 0 && (out || max == 0));
	return stmt_list(s, what, sql, count_from_row, out, sizeof *out, max, n,
			 "iid", prompt_id, event_id, max);
}

int store_texts(store *s, int64_t prompt_id, int64_t event_id, store_response *out, int max,
		int *n)
{
	return store_response_list(s, prompt_id, event_id, out, max, n);
}

/* ---- review: who was here, measures, earlier events ----------------------------- */

int store_attendance_of(store *s, int64_t event_id, store_attendance *out)
{
	/* A forgotten member counts, but has no organisation and is on no list;
	 * the organisations are told apart folded, as suggestions are. */
	static const char sql[] =
		"SELECT count(*), coalesce(sum(" FIRST_VISIT("c", "e") "), 0), "
		"coalesce(sum(m.mailing_list = 1 AND m.forgotten = 0), 0), "
		"count(DISTINCT CASE WHEN m.forgotten = 0 THEN nullif(m.org_key, '') END) "
		"FROM checkins c JOIN events e ON e.id = c.event_id "
		"JOIN members m ON m.id = c.member_id "
		"WHERE c.event_id = ?1 AND c.undone = 0";
	static const char what[] = N_("the attendance could not be counted");
	sqlite3_stmt *st = NULL;
	int rc = STORE_OK;

	assert(s && out);
	memset(out, 0, sizeof *out);
	if (sqlite3_prepare_v2(s->db, sql, -1, &st, NULL) != SQLITE_OK ||
	    sqlite3_bind_int64(st, 1, event_id) != SQLITE_OK ||
	    sqlite3_step(st) != SQLITE_ROW) {
		rc = fail_db(s, sqlite3_errcode(s->db), what);
		goto out;
	}
	out->total = sqlite3_column_int(st, 0);
	out->newcomers = sqlite3_column_int(st, 1);
	out->returning = out->total - out->newcomers;
	out->mailing_list = sqlite3_column_int(st, 2);
	out->organisations = sqlite3_column_int(st, 3);
out:
	sqlite3_finalize(st);
	return rc;
}

int store_attendance_by(store *s, int64_t event_id, const char *by, store_count *out,
			int max, int *n)
{
	/* ?2 picks the column: 0 organisation, 1 profession, 2 role. Spellings
	 * that fold alike count as one, shown as most wrote it; "Not given"
	 * comes last among equals. */
	static const char sql[] =
		"WITH here AS (SELECT CASE ?2 WHEN 0 THEN m.organisation "
		"WHEN 1 THEN m.profession ELSE c.role END AS v FROM checkins c "
		"JOIN members m ON m.id = c.member_id WHERE c.event_id = ?1 AND "
		"c.undone = 0), "
		"spellings AS (SELECT kiosk_fold(v) AS k, trim(v) AS spelling, "
		"count(*) AS uses FROM here GROUP BY k, spelling) "
		"SELECT CASE WHEN k = '' THEN 'Not given' ELSE spelling END, "
		"sum(uses) AS total, max(uses) FROM spellings GROUP BY k "
		"ORDER BY total DESC, k = '', k LIMIT ?3";
	static const char *const columns[] = {"organisation", "profession", "role"};
	static const char what[] = N_("the attendance could not be counted");
	int column = -1;

	assert(s && n && max >= 0 && (out || max == 0));
	*n = 0;
	for (int i = 0; i < (int)(sizeof columns / sizeof columns[0]); i++) {
		if (by && strcmp(by, columns[i]) == 0)
			column = i;
	}
	if (column < 0)
		return set_msg(s, STORE_INVALID, _("The kiosk counts people by "
			       "organisation, profession or role."));
	return stmt_list(s, what, sql, count_from_row, out, sizeof *out, max, n,
			 "idd", event_id, column, max);
}

/* The figures of quarter q (1..4) of year into out. An event is in the
 * quarter by the date of its start (the text sorts as the time does), so an
 * event without a start is in none; a member is on the list from when they
 * were added. */
static int quarter_figures(store *s, int year, int q, store_quarter *out)
{
	static const char sql[] =
		"SELECT (SELECT count(*) FROM events WHERE starts >= ?1 AND starts < ?2), "
		"(SELECT count(*) FROM checkins c JOIN events e ON e.id = c.event_id "
		"WHERE e.starts >= ?1 AND e.starts < ?2 AND c.undone = 0), "
		"(SELECT count(*) FROM members WHERE mailing_list = 1 AND forgotten = 0 "
		"AND created_at < ?3), "
		"(SELECT count(DISTINCT org_key) FROM members WHERE mailing_list = 1 "
		"AND forgotten = 0 AND created_at < ?3 AND org_key <> '')";
	static const char what[] = N_("the quarter's measures could not be worked out");
	char from[32], to[32];     /* "YYYY-MM-DD HH:MM", with room for any int */
	sqlite3_stmt *st = NULL;
	int64_t end = 0;
	int rc = STORE_OK;

	assert(q >= 1 && q <= 4);
	memset(out, 0, sizeof *out);
	out->year = year;
	out->quarter = q;
	/* Midnight starting the quarter and the next, in local time. */
	snprintf(from, sizeof from, "%04d-%02d-01 00:00", year, 3 * q - 2);
	snprintf(to, sizeof to, "%04d-%02d-01 00:00", q == 4 ? year + 1 : year,
		 q == 4 ? 1 : 3 * q + 1);
	if (!when_parse(to, &end))
		return set_msg(s, STORE_INVALID, _("The kiosk cannot work out the quarter "
			       "ending %s."), to);
	if (sqlite3_prepare_v2(s->db, sql, -1, &st, NULL) != SQLITE_OK ||
	    sqlite3_bind_text(st, 1, from, -1, SQLITE_STATIC) != SQLITE_OK ||
	    sqlite3_bind_text(st, 2, to, -1, SQLITE_STATIC) != SQLITE_OK ||
	    sqlite3_bind_int64(st, 3, end) != SQLITE_OK ||
	    sqlite3_step(st) != SQLITE_ROW) {
		rc = fail_db(s, sqlite3_errcode(s->db), what);
		goto out;
	}
	out->events = sqlite3_column_int(st, 0);
	out->attendees = sqlite3_column_int(st, 1);
	out->people_on_list = sqlite3_column_int(st, 2);
	out->orgs_on_list = sqlite3_column_int(st, 3);
out:
	sqlite3_finalize(st);
	return rc;
}

int store_quarter_measures(store *s, int64_t t, store_quarter *now, store_quarter *before)
{
	char day[STORE_STARTS_MAX];
	int year, q, rc;

	assert(s && now);
	/* "YYYY-MM-DD HH:MM" in local time. */
	when_format(t, day, sizeof day);
	year = atoi(day);
	q = (atoi(day + 5) - 1) / 3 + 1;
	rc = quarter_figures(s, year, q, now);
	if (rc == STORE_OK && before)
		rc = quarter_figures(s, q == 1 ? year - 1 : year, q == 1 ? 4 : q - 1, before);
	return rc;
}

/* An event with its figures: a row_fn. */
static void figures_from_row(sqlite3_stmt *st, void *row)
{
	store_event_figures *f = row;

	memset(f, 0, sizeof *f);
	event_from_row(st, &f->event);
	f->attendees = sqlite3_column_int(st, 7);
	f->newcomers = sqlite3_column_int(st, 8);
	f->notes = sqlite3_column_int(st, 9);
	f->answers = sqlite3_column_int(st, 10);
	f->mean = sqlite3_column_double(st, 11);
}

int store_event_history(store *s, store_event_figures *out, int max, int *n)
{
	/* Earliest start first; events without a start last, in the order they
	 * were made, as FIRST_VISIT takes them. */
	static const char sql[] =
		"SELECT " EVENT_COLUMNS ", "
		"(SELECT count(*) FROM checkins c WHERE c.event_id = e.id AND "
		"c.undone = 0), "
		"(SELECT count(*) FROM checkins c WHERE c.event_id = e.id AND "
		"c.undone = 0 AND " FIRST_VISIT("c", "e") "), "
		"(SELECT count(*) FROM notes WHERE event_id = e.id), "
		"(SELECT count(*) FROM responses WHERE event_id = e.id), "
		"(SELECT coalesce(avg(r.value), 0) FROM responses r JOIN prompts p "
		"ON p.id = r.prompt_id WHERE r.event_id = e.id AND p.kind = 0 AND "
		"r.value BETWEEN 1 AND 5) "
		"FROM events e ORDER BY e.starts = '', e.starts, e.seq LIMIT ?1";
	static const char what[] = N_("the earlier events could not be read");

	assert(s && n && max >= 0 && (out || max == 0));
	return stmt_list(s, what, sql, figures_from_row, out, sizeof *out, max, n, "d", max);
}

/* ---- review: words that recur --------------------------------------------------- */

/* Words too common to tell anything; shorter ones are left out anyway. */
static const char *const stop_words[] = {
	"with", "that", "this", "from", "have", "were", "what", "more", "time", "very",
	"really", "about", "there", "their", "would", "could", "should", "which", "when",
	"will", "been", "into", "than", "then", "them", "they", "also", "just", "some",
	"like", "much",
};

#define WORD_MIN_CHARS 4

/* A folded word seen at an event. */
typedef struct {
	char *word;
	int64_t event_id;
} word_use;

/* A word and the number of events it was seen at. */
typedef struct {
	const char *word;
	int events;
} word_events;

static bool is_stop_word(const char *w)
{
	for (size_t i = 0; i < sizeof stop_words / sizeof stop_words[0]; i++) {
		if (strcmp(w, stop_words[i]) == 0)
			return true;
	}
	return false;
}

static int by_word_then_event(const void *a, const void *b)
{
	const word_use *x = a, *y = b;
	int c = strcmp(x->word, y->word);

	if (c != 0)
		return c;
	return (x->event_id > y->event_id) - (x->event_id < y->event_id);
}

static int by_events_then_word(const void *a, const void *b)
{
	const word_events *x = a, *y = b;

	if (x->events != y->events)
		return y->events - x->events;
	return strcmp(x->word, y->word);
}

/* Appends the words of text (folded, long enough, not stop words) seen at
 * event_id to *uses (*n of *cap used, grown as needed). False when memory
 * runs out. */
static bool add_word_uses(const char *text, int64_t event_id, word_use **uses, size_t *n,
			  size_t *cap)
{
	char folded[STORE_NOTE_MAX], word[STORE_NOTE_MAX];

	text_fold(folded, sizeof folded, text);
	/* A folded text has single spaces and none at either end. */
	for (const char *w = folded; *w != '\0';) {
		size_t len = strcspn(w, " ");

		memcpy(word, w, len);
		word[len] = '\0';
		w += len;
		if (*w == ' ')
			w++;
		if (text_chars(word) < WORD_MIN_CHARS || is_stop_word(word))
			continue;
		if (*n == *cap) {
			size_t grown = *cap ? 2 * *cap : 1024;
			word_use *more = realloc(*uses, grown * sizeof *more);

			if (!more)
				return false;
			*uses = more;
			*cap = grown;
		}
		(*uses)[*n].word = strdup(word);
		if (!(*uses)[*n].word)
			return false;
		(*uses)[(*n)++].event_id = event_id;
	}
	return true;
}

int store_recurring_words(store *s, store_count *out, int max, int *n)
{
	/* Every post-it and every one-word answer, with its event. */
	static const char sql[] =
		"SELECT event_id, body FROM notes UNION ALL "
		"SELECT r.event_id, r.text FROM responses r JOIN prompts p "
		"ON p.id = r.prompt_id WHERE p.kind = 1 AND r.text IS NOT NULL";
	static const char what[] = N_("the words could not be counted");
	word_use *uses = NULL;
	word_events *found = NULL;
	size_t nuses = 0, cap = 0, nfound = 0;
	sqlite3_stmt *st = NULL;
	int rc = STORE_OK, src;

	assert(s && n && max >= 0 && (out || max == 0));
	*n = 0;
	rc = stmt_prepare(s, &st, what, sql, "");
	if (rc != STORE_OK)
		goto out;
	while ((src = sqlite3_step(st)) == SQLITE_ROW) {
		if (!add_word_uses((const char *)sqlite3_column_text(st, 1),
				   sqlite3_column_int64(st, 0), &uses, &nuses, &cap)) {
			rc = set_msg(s, STORE_IO, _("The kiosk ran out of memory: %s."), _(what));
			goto out;
		}
	}
	if (src != SQLITE_DONE) {
		rc = fail_db(s, src, what);
		goto out;
	}
	/* Sorted, each word's uses are together, event by event. */
	if (nuses > 0)
		qsort(uses, nuses, sizeof uses[0], by_word_then_event);
	found = malloc((nuses ? nuses : 1) * sizeof *found);
	if (!found) {
		rc = set_msg(s, STORE_IO, _("The kiosk ran out of memory: %s."), _(what));
		goto out;
	}
	for (size_t i = 0; i < nuses;) {
		size_t j = i + 1;
		int events = 1;

		for (; j < nuses && strcmp(uses[j].word, uses[i].word) == 0; j++) {
			if (uses[j].event_id != uses[j - 1].event_id)
				events++;
		}
		if (events >= 2) {
			found[nfound].word = uses[i].word;
			found[nfound++].events = events;
		}
		i = j;
	}
	if (nfound > 0)
		qsort(found, nfound, sizeof found[0], by_events_then_word);
	for (size_t i = 0; i < nfound && (int)i < max; i++) {
		text_sanitize(out[i].text, sizeof out[i].text, found[i].word);
		out[i].count = found[i].events;
		*n = (int)i + 1;
	}
out:
	sqlite3_finalize(st);
	for (size_t i = 0; i < nuses; i++)
		free(uses[i].word);
	free(uses);
	free(found);
	return rc;
}
