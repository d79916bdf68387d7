/* bench_store: how fast the store answers at the scale of a large community —
 * the median time of a check-in search over 100,000 members (the goal: under
 * 1 ms for every keystroke), and of storing a check-in, a post-it and an
 * answer; and on the review's fixture, of reading the wall and summing up the
 * reflections. Prints figures; asserts nothing. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "fixture.h"
#include "qrdraw.h"
#include "store.h"
#include "sync.h"

#define MEMBERS 100000
#define RUNS 201

static double now_ms(void)
{
	struct timespec ts;
	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec * 1e3 + (double)ts.tv_nsec / 1e6;
}

static int by_value(const void *a, const void *b)
{
	double x = *(const double *)a, y = *(const double *)b;
	return (x > y) - (x < y);
}

static double median(double *v, int n)
{
	qsort(v, (size_t)n, sizeof v[0], by_value);
	return v[n / 2];
}

/* Names drawn from small lists, so searches find many people, as in life. */
static void make_member(int i, store_member *m)
{
	static const char *const first[] = {"Siân", "Aoife", "Priya", "Tomasz", "Zoë", "Dafydd", "Mei", "Oluwaseun",
	                                    "Fatima", "Gráinne", "Ben", "Sarah", "James", "Emma", "Mohammed"};
	static const char *const last[] = {"Ó Dálaigh", "O'Neil", "Raghunathan", "Wiśniewski", "Ashworth-Hughes",
	                                   "ap Gwŷn", "Chen", "Adeyemi", "Al-Sayed", "Smith", "Jones", "Taylor"};
	memset(m, 0, sizeof *m);
	snprintf(m->first, sizeof m->first, "%s", first[i % 15]);
	snprintf(m->last, sizeof m->last, "%s%d", last[(i / 15) % 12], i);
	snprintf(m->organisation, sizeof m->organisation, "Trust %d", i % 300);
}

static double time_search(store *s, const char *query, store_member *out)
{
	double runs[RUNS];
	for (int r = 0; r < RUNS; r++) {
		int n = 0;
		double t0 = now_ms();
		store_member_search(s, query, out, 50, &n);
		runs[r] = now_ms() - t0;
	}
	return median(runs, RUNS);
}

static void remove_db(const char *db)
{
	char side[80];

	unlink(db);
	snprintf(side, sizeof side, "%s-wal", db);
	unlink(side);
	snprintf(side, sizeof side, "%s-shm", db);
	unlink(side);
}

/* The median time of reading the wall of event_id (every item). */
static double time_wall(store *s, int64_t event_id, store_wall_note *wall, int max)
{
	double runs[RUNS];
	for (int r = 0; r < RUNS; r++) {
		int n = 0;
		double t0 = now_ms();
		store_wall(s, event_id, 0, wall, max, &n);
		runs[r] = now_ms() - t0;
	}
	return median(runs, RUNS);
}

/* The sync loop of the whole fixture, as the Sync screen of an 800x480 kiosk
 * would show it: sizes, frames and how full each QR code is. */
static void sync_figures(store *s)
{
	store_batch batch;
	char *records = NULL, receipt[SYNC_RECEIPT_SIZE], batch_id[24];
	size_t len = 0;
	int version, module;
	sync_encoder *enc = NULL;
	if (store_sync_batch(s, &batch, &records, &len) != STORE_OK ||
	    qrdraw_size(qrdraw_square(800, 480), qrdraw_pitch_mm(800, 480, 0, 0), 0, &version, &module) != 0) {
		fprintf(stderr, "no sync batch: %s\n", store_errmsg(s));
		free(records);
		return;
	}
	snprintf(batch_id, sizeof batch_id, "%lld", (long long)batch.id);
	sync_batch_opts opts = {.kiosk_id = store_kiosk_id(s), .batch_id = batch_id, .created = batch.created_at,
	                        .version = version, .secret = batch.secret, .fountain = -1,
	                        .signing_key = store_signing_key(s)};
	double t0 = now_ms();
	if (sync_encoder_new(&opts, records, len, &enc, receipt) == SYNC_OK) {
		double ms = now_ms() - t0;
		size_t parts = sync_encoder_parts(enc), part = sync_part_size(version);
		char *first = sync_encoder_frame(enc, 1);
		size_t chars = first ? strlen(first) : 0;
		printf("sync batch of the fixture: %d records, %zu bytes of JSON Lines, %zu bytes deflated and framed "
		       "(encoded in %.0f ms)\n", batch.records, len, sync_encoder_message_len(enc), ms);
		printf("sync loop at 800x480: QR version %d, %d px a module, %zu frames of %zu bytes (+ %zu fountain "
		       "frames), %zu of %d alphanumeric characters a frame (%.1f%% full)\n", version, module, parts, part,
		       parts > 1 ? (parts + 1) / 2 : 0, chars, sync_qr_capacity(version),
		       100.0 * (double)chars / sync_qr_capacity(version));
		free(first);
	}
	sync_encoder_free(enc);
	free(records);
}

/* The review on the fixture (an event with 300 notes and 600 answers, three
 * earlier events), then with 200 more notes: what the Review screens ask. */
static int review_bench(const char *db)
{
	static store_wall_note wall[600];
	char err[300];
	store *s;
	if (store_open(db, &s, err, sizeof err) != STORE_OK) {
		fprintf(stderr, "%s\n", err);
		return 1;
	}
	int64_t today = 0;
	double t0 = now_ms();
	if (fixture_build(s, &today) != STORE_OK) {
		fprintf(stderr, "%s\n", store_errmsg(s));
		store_close(s);
		return 1;
	}
	printf("building the review fixture (4 events, 200 here, 300 notes, 600 answers): %.0f ms\n",
	       now_ms() - t0);
	printf("the wall of 300 notes (all items): median %.3f ms\n", time_wall(s, today, wall, 600));

	int64_t scale = fixture_prompt_id(s, FIXTURE_PROMPT_SCALE), word = fixture_prompt_id(s, FIXTURE_PROMPT_WORD);
	double runs[RUNS];
	for (int r = 0; r < RUNS; r++) {
		int counts[STORE_CHOICES + 1], answers = 0, n = 0;
		double mean = 0;
		store_mean means[16];
		store_count words[64];
		double t = now_ms();
		store_answer_counts(s, scale, today, 0, counts, &answers, &mean);
		store_scale_by_item(s, scale, today, means, 16, &n);
		store_answer_counts(s, word, today, 0, counts, &answers, &mean);
		store_words(s, word, today, words, 64, &n);
		runs[r] = now_ms() - t;
	}
	printf("reflections: counts and means per item of the scale, counts and words of the "
	       "one-word prompt: median %.3f ms\n", median(runs, RUNS));

	store_begin(s);
	for (int i = 0; i < 200; i++) {
		store_note n = {.event_id = today, .kind = (store_note_kind)(i % 3), .group_size = 1};
		snprintf(n.body, sizeof n.body, "Extra note %d about handover and the discharge checklist", i);
		store_note_add(s, &n);
	}
	store_commit(s);
	printf("the wall of 500 notes (all items): median %.3f ms\n", time_wall(s, today, wall, 600));
	for (int r = 0; r < RUNS; r++) {
		store_attendance a;
		store_count by[64];
		int n = 0;
		double t = now_ms();
		store_attendance_of(s, today, &a);
		store_attendance_by(s, today, "organisation", by, 64, &n);
		store_attendance_by(s, today, "profession", by, 64, &n);
		store_attendance_by(s, today, "role", by, 64, &n);
		runs[r] = now_ms() - t;
	}
	printf("who was here: totals and counts by organisation, profession and role: median %.3f ms\n",
	       median(runs, RUNS));
	for (int r = 0; r < 21; r++) {
		store_event_figures history[8];
		store_count words[64];
		int n = 0;
		double t = now_ms();
		store_event_history(s, history, 8, &n);
		store_recurring_words(s, words, 64, &n);
		runs[r] = now_ms() - t;
	}
	printf("earlier events: the history and the recurring words: median %.3f ms\n", median(runs, 21));
	sync_figures(s);
	store_close(s);
	return 0;
}

int main(void)
{
	char path[] = "/tmp/cop-bench-XXXXXX", db[64], err[300];
	if (!mkdtemp(path))
		return 1;
	snprintf(db, sizeof db, "%s/bench.db", path);
	store *s;
	if (store_open(db, &s, err, sizeof err) != STORE_OK) {
		fprintf(stderr, "%s\n", err);
		return 1;
	}
	double t0 = now_ms();
	store_begin(s);
	for (int i = 0; i < MEMBERS; i++) {
		store_member m;
		make_member(i, &m);
		if (store_member_add(s, &m) != STORE_OK) {
			fprintf(stderr, "%s\n", store_errmsg(s));
			return 1;
		}
	}
	store_commit(s);
	printf("adding %d members in one batch: %.0f ms (%.1f us each)\n", MEMBERS, now_ms() - t0,
	       (now_ms() - t0) * 1000 / MEMBERS);

	static store_member found[50];
	/* Each keystroke of a name, one word and two; "sian zzz": a second word
	 * nobody's name has, after a first that thousands have. */
	const char *const queries[] = {"s", "sia", "oneil", "dal", "sian o", "sian jones", "o sian", "sian zzz", "zzz"};
	for (size_t q = 0; q < sizeof queries / sizeof queries[0]; q++)
		printf("search \"%s\" over %d members: median %.3f ms (first 50 results)\n", queries[q], MEMBERS,
		       time_search(s, queries[q], found));

	store_event ev = {0};
	snprintf(ev.title, sizeof ev.title, "Bench event");
	store_event_add(s, &ev);
	double runs[RUNS];
	for (int r = 0; r < RUNS; r++) {
		store_checkin ci;
		double t = now_ms();
		store_checkin_add(s, ev.id, r + 1, "", &ci);
		runs[r] = now_ms() - t;
	}
	printf("storing a check-in (synchronous=FULL): median %.3f ms\n", median(runs, RUNS));
	for (int r = 0; r < RUNS; r++) {
		store_note n = {.event_id = ev.id, .kind = STORE_NOTE_WELL, .group_size = 1};
		snprintf(n.body, sizeof n.body, "Note %d: the case discussion worked well", r);
		double t = now_ms();
		store_note_add(s, &n);
		runs[r] = now_ms() - t;
	}
	printf("sticking a post-it: median %.3f ms\n", median(runs, RUNS));
	store_close(s);
	remove_db(db);

	snprintf(db, sizeof db, "%s/fixture.db", path);
	int rc = review_bench(db);
	remove_db(db);
	rmdir(path);
	return rc;
}
