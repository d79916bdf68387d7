/* test_review: the critical friends' review in the store — the wall, themes and
 * dots, reflection charts, who was here, the quarter's measures and earlier
 * events — on the fixture (tests/fixture.h), whose figures each test works
 * out from the fixture's patterns rather than from the store. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "fixture.h"
#include "store.h"
#include "store_internal.h"
#include "text.h"
#include "when.h"

#define EPS 1e-9

/* The fixture is built once into template.db; each test gets its own copy. */
static char dir[64];
static char template_path[128];

typedef struct {
	char path[128];
	store *s;
	int64_t today;
	int64_t events[FIXTURE_EVENTS];            /* earliest first */
	store_agenda_item items[FIXTURE_ITEMS];    /* today's, in agenda order */
	int64_t scale, word, choice, text;         /* the four prompts */
} review;

/* ---- helpers -------------------------------------------------------------------- */

static void remove_db(const char *path)
{
	char side[160];

	unlink(path);
	snprintf(side, sizeof side, "%s-wal", path);
	unlink(side);
	snprintf(side, sizeof side, "%s-shm", path);
	unlink(side);
}

static void copy_file(const char *from, const char *to)
{
	FILE *in = fopen(from, "rb"), *out = fopen(to, "wb");
	char buf[65536];
	size_t got;

	assert_non_null(in);
	assert_non_null(out);
	while ((got = fread(buf, 1, sizeof buf, in)) > 0)
		assert_int_equal(fwrite(buf, 1, got, out), got);
	fclose(in);
	assert_int_equal(fclose(out), 0);
}

static store *open_ok(const char *path)
{
	char err[512] = "";
	store *s = NULL;

	if (store_open(path, &s, err, sizeof err) != STORE_OK)
		fail_msg("store_open(%s): %s", path, err);
	return s;
}

static int build_template(void **state)
{
	char err[512] = "";
	int64_t today = 0;
	store *s = NULL;
	int rc;

	(void)state;
	snprintf(dir, sizeof dir, "/tmp/test_review.XXXXXX");
	if (!mkdtemp(dir))
		return -1;
	snprintf(template_path, sizeof template_path, "%s/template.db", dir);
	if (store_open(template_path, &s, err, sizeof err) != STORE_OK) {
		fprintf(stderr, "%s\n", err);
		return -1;
	}
	rc = fixture_build(s, &today);
	if (rc != STORE_OK)
		fprintf(stderr, "fixture_build: %s\n", store_errmsg(s));
	/* Closing folds the WAL into the file, so the file alone is the copy. */
	store_close(s);
	return rc == STORE_OK ? 0 : -1;
}

static int remove_template(void **state)
{
	(void)state;
	remove_db(template_path);
	rmdir(dir);
	return 0;
}

static int setup(void **state)
{
	review *r = calloc(1, sizeof *r);
	store_event list[FIXTURE_EVENTS + 4];
	int n = 0;

	if (!r)
		return -1;
	snprintf(r->path, sizeof r->path, "%s/kiosk.db", dir);
	copy_file(template_path, r->path);
	r->s = open_ok(r->path);
	/* Newest first; none of the fixture's events lacks a start. */
	assert_int_equal(store_event_list(r->s, list, FIXTURE_EVENTS + 4, &n), STORE_OK);
	assert_int_equal(n, FIXTURE_EVENTS);
	for (int e = 0; e < FIXTURE_EVENTS; e++)
		r->events[e] = list[FIXTURE_EVENTS - 1 - e].id;
	r->today = r->events[FIXTURE_TODAY];
	assert_int_equal(store_agenda_list(r->s, r->today, r->items, FIXTURE_ITEMS, &n), STORE_OK);
	assert_int_equal(n, FIXTURE_ITEMS);
	r->scale = fixture_prompt_id(r->s, FIXTURE_PROMPT_SCALE);
	r->word = fixture_prompt_id(r->s, FIXTURE_PROMPT_WORD);
	r->choice = fixture_prompt_id(r->s, FIXTURE_PROMPT_CHOICE);
	r->text = fixture_prompt_id(r->s, FIXTURE_PROMPT_TEXT);
	assert_true(r->scale && r->word && r->choice && r->text);
	*state = r;
	return 0;
}

static int teardown(void **state)
{
	review *r = *state;

	store_close(r->s);
	remove_db(r->path);
	free(r);
	return 0;
}

/* One integer from a constant query on the store's own connection. */
static int64_t query_int(store *s, const char *sql)
{
	sqlite3_stmt *st = NULL;
	int64_t v;

	assert_int_equal(sqlite3_prepare_v2(store_db(s), sql, -1, &st, NULL), SQLITE_OK);
	assert_int_equal(sqlite3_step(st), SQLITE_ROW);
	v = sqlite3_column_int64(st, 0);
	sqlite3_finalize(st);
	return v;
}

static int64_t seq_of(const char *gid)
{
	const char *dash = strrchr(gid, '-');

	assert_non_null(dash);
	return strtoll(dash + 1, NULL, 10);
}

/* The mean of today's scale answers on item it, or on every item (it -1). */
static double expected_mean(int it, int *answers)
{
	int sum = 0, count = 0;

	for (int i = 0; i < FIXTURE_ITEMS; i++) {
		if (it >= 0 && i != it)
			continue;
		for (int v = 1; v <= 5; v++) {
			sum += v * fixture_scale_count(i, v);
			count += fixture_scale_count(i, v);
		}
	}
	if (answers)
		*answers = count;
	return count ? (double)sum / count : 0.0;
}

/* A tally of labels, for working out the expected counts by organisation. */
typedef struct {
	const char *label[64];
	int count[64];
	int n;
} tally;

static void tally_add(tally *t, const char *label)
{
	for (int i = 0; i < t->n; i++) {
		if (strcmp(t->label[i], label) == 0) {
			t->count[i]++;
			return;
		}
	}
	assert_true(t->n < 64);
	t->label[t->n] = label;
	t->count[t->n++] = 1;
}

/* out[0..n) holds exactly the tally's labels and counts, most first. */
static void assert_counts_match(const store_count *out, int n, const tally *t)
{
	int total = 0;

	assert_int_equal(n, t->n);
	for (int k = 0; k < n; k++) {
		bool found = false;

		if (k > 0)
			assert_true(out[k - 1].count >= out[k].count);
		for (int i = 0; i < t->n; i++) {
			if (strcmp(t->label[i], out[k].text) == 0) {
				assert_int_equal(out[k].count, t->count[i]);
				found = true;
			}
		}
		if (!found)
			fail_msg("\"%s\" was not expected", out[k].text);
		total += out[k].count;
	}
	assert_int_equal(total, FIXTURE_HERE);
}

/* Member 200, Siân Okafor, whose check-in today was undone. */
static int64_t walk_in_id(store *s)
{
	store_member found[4];
	int n = 0;

	assert_int_equal(store_member_search(s, "sian okafor", found, 4, &n), STORE_OK);
	assert_int_equal(n, 1);
	return found[0].id;
}

static int64_t add_event(store *s, const char *title, const char *starts)
{
	store_event ev;

	memset(&ev, 0, sizeof ev);
	snprintf(ev.title, sizeof ev.title, "%s", title);
	snprintf(ev.starts, sizeof ev.starts, "%s", starts);
	assert_int_equal(store_event_add(s, &ev), STORE_OK);
	return ev.id;
}

/* ---- the wall ------------------------------------------------------------------- */

static void the_wall_holds_every_note_and_filters_by_agenda_item(void **state)
{
	static store_wall_note wall[FIXTURE_NOTES + 8];
	review *r = *state;
	int kinds[STORE_NOTE_KINDS] = {0}, seen[STORE_NOTE_KINDS] = {0}, n = -1;

	for (int j = 0; j < FIXTURE_NOTES; j++)
		kinds[fixture_note_kind(j)]++;
	assert_int_equal(store_wall(r->s, r->today, 0, wall, FIXTURE_NOTES + 8, &n), STORE_OK);
	assert_int_equal(n, FIXTURE_NOTES);
	for (int i = 0; i < n; i++) {
		/* By kind, then in the order stuck. */
		if (i > 0) {
			assert_true(wall[i - 1].note.kind <= wall[i].note.kind);
			if (wall[i - 1].note.kind == wall[i].note.kind)
				assert_true(seq_of(wall[i - 1].note.gid) < seq_of(wall[i].note.gid));
		}
		seen[wall[i].note.kind]++;
		assert_int_equal(wall[i].note.event_id, r->today);
		assert_int_equal(wall[i].votes, 0);
		assert_int_equal(wall[i].theme_id, 0);
		assert_true(wall[i].note.body[0] != '\0');
	}
	assert_memory_equal(seen, kinds, sizeof kinds);

	for (int it = 0; it < FIXTURE_ITEMS; it++) {
		int expected = 0;

		for (int j = 0; j < FIXTURE_NOTES; j++)
			expected += fixture_note_item(j) == it;
		assert_int_equal(store_wall(r->s, r->today, r->items[it].id, wall,
					    FIXTURE_NOTES + 8, &n), STORE_OK);
		assert_int_equal(n, expected);
		for (int i = 0; i < n; i++)
			assert_int_equal(wall[i].note.agenda_item_id, r->items[it].id);
	}
	assert_int_equal(store_wall(r->s, r->events[0], 0, wall, FIXTURE_NOTES, &n), STORE_OK);
	assert_int_equal(n, fixture_earlier_notes(0));
	assert_int_equal(store_wall(r->s, r->today, 0, wall, 10, &n), STORE_OK);
	assert_int_equal(n, 10);
}

static void notes_grouped_into_a_theme_show_it_and_can_move_to_another(void **state)
{
	static store_wall_note wall[FIXTURE_NOTES];
	review *r = *state;
	int64_t ids[3], before;
	store_theme handover, discharge, list[8];
	int n = -1;

	assert_int_equal(store_wall(r->s, r->today, 0, wall, FIXTURE_NOTES, &n), STORE_OK);
	for (int i = 0; i < 3; i++)
		ids[i] = wall[i].note.id;
	assert_int_equal(store_theme_add(r->s, r->today, "Handover", ids, 3, &handover), STORE_OK);
	assert_true(handover.id > 0);
	assert_string_equal(handover.name, "Handover");
	assert_int_equal(handover.notes, 3);
	assert_int_equal(handover.votes, 0);
	assert_int_equal(handover.note_votes, 0);
	assert_int_equal(store_wall(r->s, r->today, 0, wall, FIXTURE_NOTES, &n), STORE_OK);
	for (int i = 0; i < n; i++)
		assert_int_equal(wall[i].theme_id, i < 3 ? handover.id : 0);

	/* The third note moves to a newer theme. */
	assert_int_equal(store_theme_add(r->s, r->today, "Discharge", &ids[2], 1, &discharge),
			 STORE_OK);
	assert_int_equal(store_theme_list(r->s, r->today, list, 8, &n), STORE_OK);
	assert_int_equal(n, 2);
	assert_string_equal(list[0].name, "Handover");
	assert_int_equal(list[0].notes, 2);
	assert_string_equal(list[1].name, "Discharge");
	assert_int_equal(list[1].notes, 1);
	assert_int_equal(store_theme_rename(r->s, discharge.id, "Safer discharge"), STORE_OK);
	assert_int_equal(store_theme_list(r->s, r->today, list, 8, &n), STORE_OK);
	assert_string_equal(list[1].name, "Safer discharge");

	/* Themes are records, and grouping is a change of each note. */
	assert_int_equal(query_int(r->s, "SELECT count(*) FROM themes WHERE kiosk <> '' "
					 "AND seq > 0 AND changed_seq > seq"), 1);
	assert_int_equal(query_int(r->s, "SELECT count(*) FROM notes WHERE theme_id IS NOT NULL "
					 "AND changed_seq > seq"), 3);

	/* Refused: nothing is stored. */
	before = query_int(r->s, "SELECT count(*) FROM themes");
	assert_int_equal(store_theme_add(r->s, r->today, "", ids, 1, NULL), STORE_INVALID);
	assert_int_equal(store_theme_add(r->s, r->today, "   ", ids, 1, NULL), STORE_INVALID);
	assert_int_equal(store_theme_add(r->s, r->today, "Empty", ids, 0, NULL), STORE_INVALID);
	assert_non_null(strstr(store_errmsg(r->s), "at least one note"));
	assert_int_equal(store_wall(r->s, r->events[0], 0, wall, 1, &n), STORE_OK);
	ids[1] = wall[0].note.id;     /* a note of another event */
	assert_int_equal(store_theme_add(r->s, r->today, "Mixed", ids, 2, NULL), STORE_NOTFOUND);
	assert_int_equal(store_theme_add(r->s, r->today + 100, "Lost", ids, 1, NULL),
			 STORE_NOTFOUND);
	assert_int_equal(query_int(r->s, "SELECT count(*) FROM themes"), before);
	assert_int_equal(store_theme_rename(r->s, discharge.id + 100, "Gone"), STORE_NOTFOUND);
	assert_int_equal(store_theme_rename(r->s, discharge.id, ""), STORE_INVALID);
}

static void a_tap_adds_a_dot_and_taking_one_away_never_goes_below_zero(void **state)
{
	static store_wall_note wall[4];
	review *r = *state;
	store_theme theme;
	int64_t note, seq;
	int votes = -1, n = -1;

	assert_int_equal(store_wall(r->s, r->today, 0, wall, 4, &n), STORE_OK);
	note = wall[1].note.id;
	assert_int_equal(store_note_vote(r->s, note, 1, &votes), STORE_OK);
	assert_int_equal(votes, 1);
	assert_int_equal(store_note_vote(r->s, note, 1, &votes), STORE_OK);
	assert_int_equal(votes, 2);
	assert_int_equal(store_note_vote(r->s, note, -1, &votes), STORE_OK);
	assert_int_equal(votes, 1);
	assert_int_equal(store_wall(r->s, r->today, 0, wall, 4, &n), STORE_OK);
	assert_int_equal(wall[1].votes, 1);
	assert_int_equal(wall[0].votes, 0);
	assert_int_equal(store_note_vote(r->s, note, -1, &votes), STORE_OK);
	assert_int_equal(votes, 0);
	/* Below none: nothing stored, not even a number taken. */
	seq = query_int(r->s, "SELECT value FROM settings WHERE key = 'seq'");
	assert_int_equal(store_note_vote(r->s, note, -1, &votes), STORE_OK);
	assert_int_equal(votes, 0);
	assert_int_equal(store_note_vote(r->s, wall[2].note.id, -1, NULL), STORE_OK);
	assert_int_equal(query_int(r->s, "SELECT value FROM settings WHERE key = 'seq'"), seq);
	/* One vote record per note, changed in place. */
	assert_int_equal(query_int(r->s, "SELECT count(*) FROM votes"), 1);
	assert_int_equal(query_int(r->s, "SELECT count(*) FROM votes WHERE dots = 0 AND "
					 "changed_seq > seq AND kiosk <> ''"), 1);

	assert_int_equal(store_theme_add(r->s, r->today, "Room", &note, 1, &theme), STORE_OK);
	assert_int_equal(store_theme_vote(r->s, theme.id, 1, &votes), STORE_OK);
	assert_int_equal(store_theme_vote(r->s, theme.id, 1, &votes), STORE_OK);
	assert_int_equal(votes, 2);
	assert_int_equal(store_theme_vote(r->s, theme.id, -1, &votes), STORE_OK);
	assert_int_equal(votes, 1);

	assert_int_equal(store_note_vote(r->s, note, 2, &votes), STORE_INVALID);
	assert_int_equal(store_note_vote(r->s, note, 0, &votes), STORE_INVALID);
	assert_int_equal(store_note_vote(r->s, note + 100000, 1, &votes), STORE_NOTFOUND);
	assert_int_equal(store_note_vote(r->s, 0, 1, &votes), STORE_NOTFOUND);
	assert_int_equal(store_theme_vote(r->s, theme.id + 100, 1, &votes), STORE_NOTFOUND);
	assert_int_equal(query_int(r->s, "SELECT count(*) FROM votes"), 2);
}

static void themes_are_listed_with_the_most_dots_first(void **state)
{
	static store_wall_note wall[4];
	review *r = *state;
	store_theme a, b, c, list[8];
	int64_t ids[2];
	int n = -1;

	assert_int_equal(store_wall(r->s, r->today, 0, wall, 4, &n), STORE_OK);
	ids[0] = wall[0].note.id;
	ids[1] = wall[1].note.id;
	assert_int_equal(store_theme_add(r->s, r->today, "Handover", ids, 2, &a), STORE_OK);
	assert_int_equal(store_theme_add(r->s, r->today, "Room", &wall[2].note.id, 1, &b),
			 STORE_OK);
	/* Ties in the order made. */
	assert_int_equal(store_theme_list(r->s, r->today, list, 8, &n), STORE_OK);
	assert_int_equal(n, 2);
	assert_int_equal(list[0].id, a.id);

	/* Dots on a theme's notes count for it... */
	assert_int_equal(store_note_vote(r->s, wall[2].note.id, 1, NULL), STORE_OK);
	assert_int_equal(store_note_vote(r->s, wall[2].note.id, 1, NULL), STORE_OK);
	assert_int_equal(store_theme_list(r->s, r->today, list, 8, &n), STORE_OK);
	assert_int_equal(list[0].id, b.id);
	assert_int_equal(list[0].note_votes, 2);
	assert_int_equal(list[0].votes, 0);
	/* ... and so do its own. */
	for (int i = 0; i < 3; i++)
		assert_int_equal(store_theme_vote(r->s, a.id, 1, NULL), STORE_OK);
	assert_int_equal(store_note_vote(r->s, wall[0].note.id, 1, NULL), STORE_OK);
	assert_int_equal(store_theme_list(r->s, r->today, list, 8, &n), STORE_OK);
	assert_int_equal(list[0].id, a.id);
	assert_int_equal(list[0].votes, 3);
	assert_int_equal(list[0].note_votes, 1);
	assert_int_equal(list[0].notes, 2);

	/* A theme whose notes all moved on is no longer listed. */
	assert_int_equal(store_theme_add(r->s, r->today, "Handover at night", ids, 2, &c),
			 STORE_OK);
	assert_int_equal(c.note_votes, 1);
	assert_int_equal(store_theme_list(r->s, r->today, list, 8, &n), STORE_OK);
	assert_int_equal(n, 2);
	assert_int_equal(list[0].id, b.id);
	assert_int_equal(list[1].id, c.id);
	/* Another event's themes are its own. */
	assert_int_equal(store_theme_list(r->s, r->events[0], list, 8, &n), STORE_OK);
	assert_int_equal(n, 0);
}

/* ---- reflections ---------------------------------------------------------------- */

static void answer_counts_add_up_to_the_answers_and_give_the_mean(void **state)
{
	review *r = *state;
	int counts[STORE_CHOICES + 1], expected[STORE_CHOICES + 1] = {0}, answers = -1, want;
	double mean = -1, want_mean;

	/* The scale, all items together and item by item. */
	want_mean = expected_mean(-1, &want);
	assert_int_equal(store_answer_counts(r->s, r->scale, r->today, 0, counts, &answers, &mean),
			 STORE_OK);
	assert_int_equal(answers, FIXTURE_ITEMS * FIXTURE_SCALE_PER_ITEM);
	assert_int_equal(answers, want);
	assert_float_equal(mean, want_mean, EPS);
	assert_int_equal(counts[0], 0);
	for (int v = 1; v <= 5; v++) {
		int sum = 0;

		for (int it = 0; it < FIXTURE_ITEMS; it++)
			sum += fixture_scale_count(it, v);
		assert_int_equal(counts[v], sum);
	}
	for (int it = 0; it < FIXTURE_ITEMS; it++) {
		want_mean = expected_mean(it, &want);
		assert_int_equal(store_answer_counts(r->s, r->scale, r->today, r->items[it].id,
						     counts, &answers, &mean), STORE_OK);
		assert_int_equal(answers, FIXTURE_SCALE_PER_ITEM);
		assert_float_equal(mean, want_mean, EPS);
		for (int v = 1; v <= 5; v++)
			assert_int_equal(counts[v], fixture_scale_count(it, v));
	}

	/* Choices: bars, no mean. */
	for (int a = 0; a < FIXTURE_ITEMS * FIXTURE_OTHER_PER_ITEM; a++)
		expected[fixture_choice(a)]++;
	assert_int_equal(store_answer_counts(r->s, r->choice, r->today, 0, counts, &answers, &mean),
			 STORE_OK);
	assert_int_equal(answers, FIXTURE_ITEMS * FIXTURE_OTHER_PER_ITEM);
	assert_memory_equal(counts, expected, sizeof expected);
	assert_int_equal(counts[STORE_ACT_VISITS], 0);
	assert_float_equal(mean, 0.0, EPS);

	/* Words: counted, no values. */
	assert_int_equal(store_answer_counts(r->s, r->word, r->today, 0, counts, &answers, &mean),
			 STORE_OK);
	assert_int_equal(answers, FIXTURE_ITEMS * FIXTURE_OTHER_PER_ITEM);
	for (int v = 0; v <= STORE_CHOICES; v++)
		assert_int_equal(counts[v], 0);
	assert_int_equal(store_answer_counts(r->s, r->word, r->today, r->items[0].id, NULL,
					     &answers, NULL), STORE_OK);
	assert_int_equal(answers, FIXTURE_OTHER_PER_ITEM);

	/* An earlier event's answers are its own. */
	assert_int_equal(store_answer_counts(r->s, r->scale, r->events[1], 0, counts, &answers,
					     &mean), STORE_OK);
	assert_int_equal(answers, fixture_earlier_scale_count(1));

	assert_int_equal(store_answer_counts(r->s, r->scale + 1000, r->today, 0, counts, &answers,
					     &mean), STORE_NOTFOUND);
	assert_int_equal(answers, 0);
	assert_float_equal(mean, 0.0, EPS);
}

static void the_scale_mean_is_given_per_item_and_per_activity(void **state)
{
	review *r = *state;
	store_agenda_item late;
	store_mean means[16];
	int n = -1;

	assert_int_equal(store_scale_by_item(r->s, r->scale, r->today, means, 16, &n), STORE_OK);
	assert_int_equal(n, FIXTURE_ITEMS);
	for (int it = 0; it < FIXTURE_ITEMS; it++) {
		assert_int_equal(means[it].key, r->items[it].id);
		assert_string_equal(means[it].label, r->items[it].title);
		assert_int_equal(means[it].answers, FIXTURE_SCALE_PER_ITEM);
		assert_float_equal(means[it].mean, expected_mean(it, NULL), EPS);
	}
	/* One item per activity, in the seed's order. */
	assert_int_equal(store_scale_by_activity(r->s, r->scale, r->today, means, 16, &n),
			 STORE_OK);
	assert_int_equal(n, FIXTURE_ITEMS);
	for (int it = 0; it < FIXTURE_ITEMS; it++) {
		assert_int_equal(means[it].key, (int64_t)r->items[it].activity);
		assert_string_equal(means[it].label, store_activity_name(r->items[it].activity));
		assert_int_equal(means[it].answers, FIXTURE_SCALE_PER_ITEM);
		assert_float_equal(means[it].mean, expected_mean(it, NULL), EPS);
	}
	/* An item nobody answered on is shown; its activity is not. */
	memset(&late, 0, sizeof late);
	late.event_id = r->today;
	snprintf(late.title, sizeof late.title, "Site visit");
	snprintf(late.starts, sizeof late.starts, "16:00");
	late.activity = STORE_ACT_VISITS;
	assert_int_equal(store_agenda_add(r->s, &late), STORE_OK);
	assert_int_equal(store_scale_by_item(r->s, r->scale, r->today, means, 16, &n), STORE_OK);
	assert_int_equal(n, FIXTURE_ITEMS + 1);
	assert_int_equal(means[FIXTURE_ITEMS].key, late.id);
	assert_int_equal(means[FIXTURE_ITEMS].answers, 0);
	assert_float_equal(means[FIXTURE_ITEMS].mean, 0.0, EPS);
	assert_int_equal(store_scale_by_activity(r->s, r->scale, r->today, means, 16, &n),
			 STORE_OK);
	assert_int_equal(n, FIXTURE_ITEMS);
	assert_int_equal(store_scale_by_item(r->s, r->scale, r->today, means, 3, &n), STORE_OK);
	assert_int_equal(n, 3);

	assert_int_equal(store_scale_by_item(r->s, r->word, r->today, means, 16, &n),
			 STORE_INVALID);
	assert_int_equal(store_scale_by_activity(r->s, r->choice, r->today, means, 16, &n),
			 STORE_INVALID);
	assert_int_equal(store_scale_by_item(r->s, r->scale + 1000, r->today, means, 16, &n),
			 STORE_NOTFOUND);
}

static void one_word_answers_are_counted_as_one_whatever_their_case_and_accents(void **state)
{
	static const struct {
		const char *folded;
		int count;
	} want[] = {
		{"inspired", 30}, {"curious", 15}, {"energise", 15}, {"hopeful", 15},
		{"motivated", 15}, {"connected", 10}, {"tired", 10}, {"overwhelmed", 5},
		{"valued", 5},
	};
	review *r = *state;
	store_count words[32];
	char folded[STORE_TEXT_MAX];
	int n = -1, total = 0;

	assert_int_equal(store_words(r->s, r->word, r->today, words, 32, &n), STORE_OK);
	assert_int_equal(n, (int)(sizeof want / sizeof want[0]));
	for (int i = 0; i < n; i++) {
		text_fold(folded, sizeof folded, words[i].text);
		assert_string_equal(folded, want[i].folded);
		assert_int_equal(words[i].count, want[i].count);
		total += words[i].count;
	}
	assert_int_equal(total, FIXTURE_ITEMS * FIXTURE_OTHER_PER_ITEM);
	/* Shown as most people spelt it. */
	assert_string_equal(words[0].text, "Inspired");
	assert_string_equal(words[2].text, "Énergisé");
	assert_int_equal(store_words(r->s, r->word, r->today, words, 2, &n), STORE_OK);
	assert_int_equal(n, 2);
	/* An earlier event's words are its own. */
	assert_int_equal(store_words(r->s, r->word, r->events[0], words, 32, &n), STORE_OK);
	assert_int_equal(n, 5);
	assert_int_equal(words[0].count, FIXTURE_EARLIER_WORDS / 5);
}

static void text_answers_are_listed_in_the_order_given(void **state)
{
	static store_response texts[FIXTURE_ITEMS * FIXTURE_OTHER_PER_ITEM + 8];
	review *r = *state;
	int n = -1;

	assert_int_equal(store_texts(r->s, r->text, r->today, texts,
				     FIXTURE_ITEMS * FIXTURE_OTHER_PER_ITEM + 8, &n), STORE_OK);
	assert_int_equal(n, FIXTURE_ITEMS * FIXTURE_OTHER_PER_ITEM);
	for (int a = 0; a < n; a++) {
		assert_string_equal(texts[a].text, fixture_text(a));
		assert_int_equal(texts[a].agenda_item_id, r->items[a % FIXTURE_ITEMS].id);
	}
}

/* ---- who was here --------------------------------------------------------------- */

static void attendance_counts_everyone_here_with_newcomers_and_opt_ins(void **state)
{
	review *r = *state;
	store_attendance a;

	for (int e = 0; e < FIXTURE_EVENTS; e++) {
		tally orgs = {0};
		int total = 0, newcomers = 0, listed = 0;

		for (int i = 0; i < FIXTURE_MEMBERS; i++) {
			bool first = true;

			if (!fixture_attends(i, e))
				continue;
			total++;
			for (int before = 0; before < e; before++)
				first = first && !fixture_attends(i, before);
			newcomers += first;
			if (i == FIXTURE_FORGOTTEN)
				continue;
			listed += fixture_mailing_list(i);
			tally_add(&orgs, fixture_organisation(i));
		}
		assert_int_equal(store_attendance_of(r->s, r->events[e], &a), STORE_OK);
		assert_int_equal(a.total, total);
		assert_int_equal(a.newcomers, newcomers);
		assert_int_equal(a.returning, total - newcomers);
		assert_int_equal(a.mailing_list, listed);
		assert_int_equal(a.organisations, orgs.n);
	}
	assert_int_equal(store_attendance_of(r->s, r->today, &a), STORE_OK);
	assert_int_equal(a.total, FIXTURE_HERE);
	assert_int_equal(a.newcomers, FIXTURE_NEWCOMERS);
	assert_int_equal(a.organisations, FIXTURE_ORGS);
	assert_int_equal(store_attendance_of(r->s, r->today + 100, &a), STORE_OK);
	assert_int_equal(a.total, 0);
}

static void attendance_is_counted_by_organisation_profession_and_role(void **state)
{
	review *r = *state;
	store_count out[64];
	tally orgs = {0}, professions = {0}, roles = {0};
	int n = -1;

	for (int i = 0; i < FIXTURE_HERE; i++) {
		const char *profession = fixture_profession(i), *role = fixture_role(i);

		/* A forgotten member keeps only their profession. */
		tally_add(&orgs, i == FIXTURE_FORGOTTEN ? "Not given" : fixture_organisation(i));
		tally_add(&professions, profession[0] ? profession : "Not given");
		tally_add(&roles, role[0] ? role : "Not given");
	}
	assert_int_equal(store_attendance_by(r->s, r->today, "organisation", out, 64, &n),
			 STORE_OK);
	assert_counts_match(out, n, &orgs);
	assert_int_equal(store_attendance_by(r->s, r->today, "profession", out, 64, &n), STORE_OK);
	assert_counts_match(out, n, &professions);
	assert_int_equal(store_attendance_by(r->s, r->today, "role", out, 64, &n), STORE_OK);
	assert_counts_match(out, n, &roles);
	assert_string_equal(out[0].text, "Not given");
	assert_int_equal(store_attendance_by(r->s, r->today, "organisation", out, 3, &n), STORE_OK);
	assert_int_equal(n, 3);
	assert_int_equal(store_attendance_by(r->s, r->today, "email", out, 64, &n), STORE_INVALID);
	assert_int_equal(store_attendance_by(r->s, r->today, NULL, out, 64, &n), STORE_INVALID);
}

static void organisations_spelt_differently_count_as_one(void **state)
{
	review *r = *state;
	int64_t ev = add_event(r->s, "Small meeting", "2026-12-03 10:00");
	const char *const spellings[] = {"NHS England", "nhs england", "NHS England", "NHS Éngland",
					 "Leeds City Council"};
	store_count out[8];
	int n = -1;

	for (size_t i = 0; i < sizeof spellings / sizeof spellings[0]; i++) {
		store_member m;

		memset(&m, 0, sizeof m);
		snprintf(m.first, sizeof m.first, "Visitor");
		snprintf(m.last, sizeof m.last, "Number %zu", i);
		snprintf(m.organisation, sizeof m.organisation, "%s", spellings[i]);
		assert_int_equal(store_member_add(r->s, &m), STORE_OK);
		assert_int_equal(store_checkin_add(r->s, ev, m.id, NULL, NULL), STORE_OK);
	}
	assert_int_equal(store_attendance_by(r->s, ev, "organisation", out, 8, &n), STORE_OK);
	assert_int_equal(n, 2);
	assert_string_equal(out[0].text, "NHS England");
	assert_int_equal(out[0].count, 4);
	assert_int_equal(out[1].count, 1);
}

static void undone_checkins_are_not_counted(void **state)
{
	review *r = *state;
	store_attendance a;
	store_checkin ci;
	store_quarter q;
	int64_t t = 0, walk_in = walk_in_id(r->s);
	char sql[128];

	snprintf(sql, sizeof sql, "SELECT count(*) FROM checkins WHERE event_id = %lld",
		 (long long)r->today);
	assert_int_equal(query_int(r->s, sql), FIXTURE_HERE + FIXTURE_UNDONE);
	assert_int_equal(store_attendance_of(r->s, r->today, &a), STORE_OK);
	assert_int_equal(a.total, FIXTURE_HERE);
	assert_true(when_parse("2026-11-27 12:00", &t));
	assert_int_equal(store_quarter_measures(r->s, t, &q, NULL), STORE_OK);
	assert_int_equal(q.attendees, FIXTURE_HERE);

	/* Checked in again, they count, as a newcomer; undone again, not. */
	assert_int_equal(store_checkin_add(r->s, r->today, walk_in, NULL, &ci), STORE_OK);
	assert_int_equal(store_attendance_of(r->s, r->today, &a), STORE_OK);
	assert_int_equal(a.total, FIXTURE_HERE + 1);
	assert_int_equal(a.newcomers, FIXTURE_NEWCOMERS + 1);
	assert_int_equal(store_checkin_undo(r->s, ci.id), STORE_OK);
	assert_int_equal(store_attendance_of(r->s, r->today, &a), STORE_OK);
	assert_int_equal(a.total, FIXTURE_HERE);
	assert_int_equal(a.newcomers, FIXTURE_NEWCOMERS);
}

static void a_newcomer_is_judged_by_when_events_start_not_when_they_were_set_up(void **state)
{
	review *r = *state;
	/* Set up the later one first. */
	int64_t later = add_event(r->s, "January meeting", "2027-01-14 09:30"),
		earlier = add_event(r->s, "December meeting", "2026-12-10 09:30"),
		undated = add_event(r->s, "Drop-in", "");
	store_attendance a;
	store_member m;

	memset(&m, 0, sizeof m);
	snprintf(m.first, sizeof m.first, "Nia");
	snprintf(m.last, sizeof m.last, "Hughes");
	assert_int_equal(store_member_add(r->s, &m), STORE_OK);
	assert_int_equal(store_checkin_add(r->s, undated, m.id, NULL, NULL), STORE_OK);
	assert_int_equal(store_checkin_add(r->s, later, m.id, NULL, NULL), STORE_OK);
	assert_int_equal(store_checkin_add(r->s, earlier, m.id, NULL, NULL), STORE_OK);
	assert_int_equal(store_attendance_of(r->s, earlier, &a), STORE_OK);
	assert_int_equal(a.total, 1);
	assert_int_equal(a.newcomers, 1);
	assert_int_equal(store_attendance_of(r->s, later, &a), STORE_OK);
	assert_int_equal(a.newcomers, 0);
	assert_int_equal(a.returning, 1);
	/* An event without a start counts as after every dated one. */
	assert_int_equal(store_attendance_of(r->s, undated, &a), STORE_OK);
	assert_int_equal(a.newcomers, 0);
}

/* ---- measures and earlier events ------------------------------------------------ */

/* People on the list by the time bound (members added then), and their
 * organisations, as the fixture made them. */
static void expected_list(bool added_by_october, int *people, int *orgs)
{
	tally t = {0};

	*people = 0;
	for (int i = 0; i < FIXTURE_MEMBERS; i++) {
		/* Members below 160 joined at an earlier event, the others today. */
		if (!fixture_mailing_list(i) || i == FIXTURE_FORGOTTEN ||
		    (added_by_october && i >= 160))
			continue;
		(*people)++;
		tally_add(&t, fixture_organisation(i));
	}
	*orgs = t.n;
}

static void quarter_measures_compare_the_quarter_with_the_one_before(void **state)
{
	review *r = *state;
	store_quarter now, before;
	int64_t t = 0;
	int people, orgs, attendees = 0;

	assert_true(when_parse("2026-11-27 12:00", &t));
	assert_int_equal(store_quarter_measures(r->s, t, &now, &before), STORE_OK);
	expected_list(false, &people, &orgs);
	assert_int_equal(now.year, 2026);
	assert_int_equal(now.quarter, 4);
	assert_int_equal(now.events, 1);
	assert_int_equal(now.attendees, FIXTURE_HERE);
	assert_int_equal(now.people_on_list, people);
	assert_int_equal(now.orgs_on_list, orgs);

	for (int i = 0; i < FIXTURE_MEMBERS; i++)
		attendees += fixture_attends(i, 2);
	expected_list(true, &people, &orgs);
	assert_int_equal(before.year, 2026);
	assert_int_equal(before.quarter, 3);
	assert_int_equal(before.events, 1);
	assert_int_equal(before.attendees, attendees);
	assert_int_equal(before.people_on_list, people);
	assert_int_equal(before.orgs_on_list, orgs);
	assert_true(now.people_on_list > before.people_on_list);

	/* Across the new year: Q1 2027 has no events yet, Q4 2026 is before it. */
	assert_true(when_parse("2027-02-01 09:00", &t));
	assert_int_equal(store_quarter_measures(r->s, t, &now, &before), STORE_OK);
	assert_int_equal(now.year, 2027);
	assert_int_equal(now.quarter, 1);
	assert_int_equal(now.events, 0);
	assert_int_equal(now.attendees, 0);
	assert_int_equal(before.year, 2026);
	assert_int_equal(before.quarter, 4);
	assert_int_equal(before.attendees, FIXTURE_HERE);
	expected_list(false, &people, &orgs);
	assert_int_equal(now.people_on_list, people);

	/* The first day of a quarter is in it. */
	assert_true(when_parse("2026-01-01 00:00", &t));
	assert_int_equal(store_quarter_measures(r->s, t, &now, NULL), STORE_OK);
	assert_int_equal(now.quarter, 1);
	assert_int_equal(now.events, 1);
	assert_true(when_parse("2025-12-31 23:59", &t));
	assert_int_equal(store_quarter_measures(r->s, t, &now, NULL), STORE_OK);
	assert_int_equal(now.year, 2025);
	assert_int_equal(now.events, 0);
	assert_int_equal(now.people_on_list, 0);
}

static void the_event_history_lists_every_event_earliest_first(void **state)
{
	review *r = *state;
	store_event_figures history[8];
	int n = -1;

	assert_int_equal(store_event_history(r->s, history, 8, &n), STORE_OK);
	assert_int_equal(n, FIXTURE_EVENTS);
	for (int e = 0; e < FIXTURE_EVENTS; e++) {
		const store_event_figures *f = &history[e];
		int attendees = 0, newcomers = 0, sum = 0, scored = 0;
		double mean;

		for (int i = 0; i < FIXTURE_MEMBERS; i++) {
			bool first = true;

			if (!fixture_attends(i, e))
				continue;
			attendees++;
			for (int before = 0; before < e; before++)
				first = first && !fixture_attends(i, before);
			newcomers += first;
		}
		if (e == FIXTURE_TODAY) {
			mean = expected_mean(-1, NULL);
		} else {
			scored = fixture_earlier_scale_count(e);
			for (int k = 0; k < scored; k++)
				sum += fixture_earlier_scale(e, k);
			mean = (double)sum / scored;
		}
		assert_int_equal(f->event.id, r->events[e]);
		assert_string_equal(f->event.title, fixture_event_title(e));
		assert_string_equal(f->event.starts, fixture_event_starts(e));
		assert_int_equal(f->attendees, attendees);
		assert_int_equal(f->newcomers, newcomers);
		assert_int_equal(f->notes, e == FIXTURE_TODAY ? FIXTURE_NOTES
							       : fixture_earlier_notes(e));
		assert_int_equal(f->answers, e == FIXTURE_TODAY
				 ? FIXTURE_ANSWERS
				 : fixture_earlier_scale_count(e) + FIXTURE_EARLIER_WORDS);
		assert_float_equal(f->mean, mean, EPS);
	}
	assert_int_equal(history[FIXTURE_TODAY].attendees, FIXTURE_HERE);
	assert_int_equal(history[FIXTURE_TODAY].newcomers, FIXTURE_NEWCOMERS);
	assert_int_equal(store_event_history(r->s, history, 2, &n), STORE_OK);
	assert_int_equal(n, 2);
}

static void words_that_recur_across_events_include_handover(void **state)
{
	review *r = *state;
	store_count words[256];
	int n = -1, handover = 0, checklist = 0, inspired = 0;

	assert_int_equal(store_recurring_words(r->s, words, 256, &n), STORE_OK);
	assert_true(n > 3);
	for (int i = 0; i < n; i++) {
		char folded[STORE_TEXT_MAX];

		assert_true(words[i].count >= 2);
		if (i > 0)
			assert_true(words[i - 1].count > words[i].count ||
				    (words[i - 1].count == words[i].count &&
				     strcmp(words[i - 1].text, words[i].text) < 0));
		/* Folded already; long enough; not a common word. */
		text_fold(folded, sizeof folded, words[i].text);
		assert_string_equal(folded, words[i].text);
		assert_true(text_chars(words[i].text) >= 4);
		assert_string_not_equal(words[i].text, "with");
		assert_string_not_equal(words[i].text, "more");
		assert_string_not_equal(words[i].text, "time");
		if (strcmp(words[i].text, "handover") == 0)
			handover = words[i].count;
		if (strcmp(words[i].text, "checklist") == 0)
			checklist = words[i].count;
		if (strcmp(words[i].text, "inspired") == 0)
			inspired = words[i].count;
	}
	assert_int_equal(handover, FIXTURE_EVENTS);
	assert_int_equal(checklist, 3);      /* from the summer on */
	assert_int_equal(inspired, FIXTURE_EVENTS);   /* a one-word answer */
	assert_int_equal(words[0].count, FIXTURE_EVENTS);
	assert_int_equal(store_recurring_words(r->s, words, 1, &n), STORE_OK);
	assert_int_equal(n, 1);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
#define T(name) cmocka_unit_test_setup_teardown(name, setup, teardown)
		T(the_wall_holds_every_note_and_filters_by_agenda_item),
		T(notes_grouped_into_a_theme_show_it_and_can_move_to_another),
		T(a_tap_adds_a_dot_and_taking_one_away_never_goes_below_zero),
		T(themes_are_listed_with_the_most_dots_first),
		T(answer_counts_add_up_to_the_answers_and_give_the_mean),
		T(the_scale_mean_is_given_per_item_and_per_activity),
		T(one_word_answers_are_counted_as_one_whatever_their_case_and_accents),
		T(text_answers_are_listed_in_the_order_given),
		T(attendance_counts_everyone_here_with_newcomers_and_opt_ins),
		T(attendance_is_counted_by_organisation_profession_and_role),
		T(organisations_spelt_differently_count_as_one),
		T(undone_checkins_are_not_counted),
		T(a_newcomer_is_judged_by_when_events_start_not_when_they_were_set_up),
		T(quarter_measures_compare_the_quarter_with_the_one_before),
		T(the_event_history_lists_every_event_earliest_first),
		T(words_that_recur_across_events_include_handover),
#undef T
	};

	return cmocka_run_group_tests(tests, build_template, remove_template);
}
