/* test_store: the data file — opening, refusing, migrating, ids, events, agenda,
 * PIN, clock and settings, members, search, check-ins, post-its and spot
 * reflections, sync batches and exports — on real files in a temporary folder. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>

#include <dirent.h>
#include <grp.h>
#include <pwd.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include "fixture.h"
#include "store.h"
#include "store_internal.h"
#include "sync.h"
#include "text.h"
#include "when.h"

typedef struct {
	char dir[64];
	char path[128];     /* dir/kiosk.db, not created */
} fixture;

/* ---- helpers -------------------------------------------------------------------- */

static void remove_tree(const char *path)
{
	struct stat st;
	DIR *d;
	struct dirent *e;
	char child[512];

	if (lstat(path, &st) != 0)
		return;
	if (!S_ISDIR(st.st_mode)) {
		unlink(path);
		return;
	}
	chmod(path, 0700);
	d = opendir(path);
	if (d) {
		while ((e = readdir(d)) != NULL) {
			if (strcmp(e->d_name, ".") == 0 || strcmp(e->d_name, "..") == 0)
				continue;
			snprintf(child, sizeof child, "%s/%s", path, e->d_name);
			remove_tree(child);
		}
		closedir(d);
	}
	rmdir(path);
}

static int setup(void **state)
{
	fixture *f = calloc(1, sizeof *f);

	if (!f)
		return -1;
	snprintf(f->dir, sizeof f->dir, "/tmp/test_store.XXXXXX");
	if (!mkdtemp(f->dir)) {
		free(f);
		return -1;
	}
	snprintf(f->path, sizeof f->path, "%s/kiosk.db", f->dir);
	*state = f;
	return 0;
}

static int teardown(void **state)
{
	fixture *f = *state;

	remove_tree(f->dir);
	free(f);
	return 0;
}

/* The whole file in a new buffer; *len receives its size. */
static unsigned char *slurp(const char *path, size_t *len)
{
	FILE *fp = fopen(path, "rb");
	unsigned char *buf;
	long size;

	assert_non_null(fp);
	assert_int_equal(fseek(fp, 0, SEEK_END), 0);
	size = ftell(fp);
	assert_true(size >= 0);
	rewind(fp);
	buf = malloc((size_t)size + 1);
	assert_non_null(buf);
	assert_int_equal(fread(buf, 1, (size_t)size, fp), (size_t)size);
	fclose(fp);
	*len = (size_t)size;
	return buf;
}

static void spit(const char *path, const void *data, size_t len)
{
	FILE *fp = fopen(path, "wb");

	assert_non_null(fp);
	assert_int_equal(fwrite(data, 1, len, fp), len);
	assert_int_equal(fclose(fp), 0);
}

static bool file_exists(const char *path)
{
	struct stat st;

	return stat(path, &st) == 0;
}

/* Opens path and fails the test unless that works. */
static store *open_ok(const char *path)
{
	char err[512] = "";
	store *s = NULL;
	int rc = store_open(path, &s, err, sizeof err);

	if (rc != STORE_OK)
		fail_msg("store_open(%s) = %d: %s", path, rc, err);
	assert_non_null(s);
	return s;
}

/* store_open must refuse path with want; returns nothing, the message in err. */
static void open_refused(const char *path, int want, char *err, size_t errlen)
{
	store *s = (store *)&s;     /* not NULL, so the test sees it cleared */
	int rc = store_open(path, &s, err, errlen);

	assert_int_equal(rc, want);
	assert_null(s);
}

static store_event event_named(const char *title, const char *starts)
{
	store_event ev;

	memset(&ev, 0, sizeof ev);
	snprintf(ev.title, sizeof ev.title, "%s", title);
	snprintf(ev.starts, sizeof ev.starts, "%s", starts);
	return ev;
}

static store_agenda_item item_named(int64_t event_id, const char *title,
				    const char *starts, store_activity act)
{
	store_agenda_item it;

	memset(&it, 0, sizeof it);
	it.event_id = event_id;
	snprintf(it.title, sizeof it.title, "%s", title);
	snprintf(it.starts, sizeof it.starts, "%s", starts);
	it.activity = act;
	return it;
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

static void exec_ok(sqlite3 *db, const char *sql)
{
	char *msg = NULL;

	if (sqlite3_exec(db, sql, NULL, NULL, &msg) != SQLITE_OK) {
		fail_msg("%s: %s", sql, msg ? msg : "?");
		sqlite3_free(msg);
	}
}

static int64_t seq_of(const char *gid)
{
	const char *dash = strrchr(gid, '-');

	assert_non_null(dash);
	return strtoll(dash + 1, NULL, 10);
}

static void assert_contains(const char *haystack, const char *needle)
{
	if (!strstr(haystack, needle))
		fail_msg("\"%s\" does not contain \"%s\"", haystack, needle);
}

/* ---- opening -------------------------------------------------------------------- */

static void opening_a_missing_file_creates_a_fresh_database(void **state)
{
	fixture *f = *state;
	store_event ev;
	store *s;

	assert_false(file_exists(f->path));
	s = open_ok(f->path);
	assert_true(file_exists(f->path));
	assert_int_equal(store_schema_version(s), store_schema_latest());
	assert_true(store_schema_latest() >= 2);
	assert_int_equal(store_event_current(s, &ev), STORE_NOTFOUND);
	assert_int_equal(query_int(s, "PRAGMA foreign_keys"), 1);
	assert_int_equal(query_int(s, "PRAGMA synchronous"), 2);   /* FULL */
	assert_int_equal(query_int(s, "SELECT count(*) FROM pragma_journal_mode "
				      "WHERE journal_mode = 'wal'"), 1);
	assert_int_equal(query_int(s, "PRAGMA application_id"), 0x436F504B);
	store_close(s);
}

static void opening_an_empty_file_creates_the_schema(void **state)
{
	fixture *f = *state;
	store *s;

	spit(f->path, "", 0);
	s = open_ok(f->path);
	assert_int_equal(store_schema_version(s), store_schema_latest());
	assert_int_equal(query_int(s, "SELECT count(*) FROM sqlite_master WHERE type = "
				      "'table' AND name IN ('settings', 'events', "
				      "'agenda_items', 'members', 'checkins', 'notes', "
				      "'prompts', 'responses', 'sync_batches')"), 9);
	assert_int_equal(strlen(store_kiosk_id(s)), 16);
	store_close(s);
}

static void a_database_at_an_older_version_is_migrated_keeping_its_rows(void **state)
{
	static const char insert_event[] =
		"INSERT INTO events (kiosk, seq, created_at, title, starts, venue) "
		"VALUES (?1, 1, 1700000000, 'Spring meeting', '2024-03-14 09:30', "
		"'Leeds')";
	static const char insert_item[] =
		"INSERT INTO agenda_items (kiosk, seq, created_at, event_id, title, "
		"starts, activity, position) VALUES (?1, 2, 1700000000, 1, "
		"'Site visit', '11:00', 6, 1)";
	fixture *f = *state;
	char err[512] = "";
	store_agenda_item items[4];
	store_event ev;
	sqlite3_stmt *st;
	store *s = NULL;
	int n;

	assert_int_equal(store_open_at_version(f->path, 1, &s, err, sizeof err), STORE_OK);
	assert_int_equal(store_schema_version(s), 1);
	assert_int_equal(query_int(s, "SELECT count(*) FROM sqlite_master "
				      "WHERE name = 'members_name_key'"), 0);
	/* Rows as a version-1 kiosk wrote them. */
	for (int i = 0; i < 2; i++) {
		assert_int_equal(sqlite3_prepare_v2(store_db(s), i ? insert_item : insert_event,
						    -1, &st, NULL), SQLITE_OK);
		sqlite3_bind_text(st, 1, store_kiosk_id(s), -1, SQLITE_TRANSIENT);
		assert_int_equal(sqlite3_step(st), SQLITE_DONE);
		sqlite3_finalize(st);
	}
	exec_ok(store_db(s), "UPDATE settings SET value = 2 WHERE key = 'seq'");
	store_close(s);

	s = open_ok(f->path);
	assert_int_equal(store_schema_version(s), store_schema_latest());
	assert_int_equal(store_event_get(s, 1, &ev), STORE_OK);
	assert_string_equal(ev.title, "Spring meeting");
	assert_string_equal(ev.starts, "2024-03-14 09:30");
	assert_string_equal(ev.venue, "Leeds");
	assert_int_equal(seq_of(ev.gid), 1);
	assert_int_equal(store_agenda_list(s, 1, items, 4, &n), STORE_OK);
	assert_int_equal(n, 1);
	assert_string_equal(items[0].title, "Site visit");
	assert_int_equal(items[0].activity, STORE_ACT_VISITS);
	/* Step 2's evolution: the new columns are filled in from the old rows. */
	assert_int_equal(query_int(s, "SELECT changed_seq FROM events WHERE id = 1"), 1);
	assert_int_equal(query_int(s, "SELECT changed_seq FROM agenda_items WHERE id = 1"), 2);
	assert_int_equal(query_int(s, "SELECT count(*) FROM sqlite_master "
				      "WHERE name = 'members_name_key'"), 1);
	assert_int_equal(store_setting_int(s, STORE_SETTING_INACTIVITY, 0), 45);
	/* The counter carries on from where the old kiosk left it: step 4's
	 * seeded prompts take its next six numbers, new records come after. */
	assert_int_equal(query_int(s, "SELECT count(*) FROM prompts"), 6);
	assert_int_equal(query_int(s, "SELECT min(seq) FROM prompts"), 3);
	assert_int_equal(query_int(s, "SELECT max(seq) FROM prompts"), 8);
	ev = event_named("Summer meeting", "");
	assert_int_equal(store_event_add(s, &ev), STORE_OK);
	assert_int_equal(seq_of(ev.gid), 9);
	store_close(s);
}

static void a_failed_migration_step_leaves_the_previous_version(void **state)
{
	fixture *f = *state;
	char err[512] = "";
	store *s = NULL;

	assert_int_equal(store_open_at_version(f->path, 1, &s, err, sizeof err), STORE_OK);
	/* An object step 2 wants to create, made by someone else. */
	exec_ok(store_db(s), "CREATE INDEX members_name_key ON members (email)");
	store_close(s);

	open_refused(f->path, STORE_CORRUPT, err, sizeof err);
	assert_contains(err, "could not be upgraded");
	assert_contains(err, f->path);

	assert_int_equal(store_open_at_version(f->path, 1, &s, err, sizeof err), STORE_OK);
	assert_int_equal(store_schema_version(s), 1);
	assert_int_equal(query_int(s, "SELECT count(*) FROM pragma_table_info('events') "
				      "WHERE name = 'changed_seq'"), 0);
	store_close(s);
}

static void a_newer_database_is_refused_untouched(void **state)
{
	fixture *f = *state;
	unsigned char *before, *after;
	size_t nbefore, nafter;
	char err[512] = "";
	char wal[160];
	sqlite3 *db;
	store *s;

	s = open_ok(f->path);
	store_close(s);
	assert_int_equal(sqlite3_open(f->path, &db), SQLITE_OK);
	exec_ok(db, "PRAGMA user_version = 99");
	sqlite3_close(db);

	before = slurp(f->path, &nbefore);
	open_refused(f->path, STORE_TOO_NEW, err, sizeof err);
	assert_contains(err, "newer CoP Kiosk");
	assert_contains(err, f->path);
	after = slurp(f->path, &nafter);
	assert_int_equal(nbefore, nafter);
	assert_memory_equal(before, after, nbefore);
	snprintf(wal, sizeof wal, "%s-wal", f->path);
	assert_false(file_exists(wal));
	free(before);
	free(after);
}

static void a_file_that_is_not_a_database_is_refused_and_left_unchanged(void **state)
{
	fixture *f = *state;
	unsigned char junk[3000], *after;
	char err[512] = "", want[256];
	static const char text[] = "Agenda for Thursday\n09:30 Welcome\n";
	size_t nafter;

	srand(7);
	for (size_t i = 0; i < sizeof junk; i++)
		junk[i] = (unsigned char)(rand() & 0xff);
	spit(f->path, junk, sizeof junk);
	open_refused(f->path, STORE_CORRUPT, err, sizeof err);
	snprintf(want, sizeof want, "%s is not a CoP Kiosk data file (file is not a "
		 "database)", f->path);
	assert_string_equal(err, want);
	after = slurp(f->path, &nafter);
	assert_int_equal(nafter, sizeof junk);
	assert_memory_equal(after, junk, sizeof junk);
	free(after);

	spit(f->path, text, sizeof text - 1);
	open_refused(f->path, STORE_CORRUPT, err, sizeof err);
	assert_string_equal(err, want);
	after = slurp(f->path, &nafter);
	assert_int_equal(nafter, sizeof text - 1);
	assert_memory_equal(after, text, sizeof text - 1);
	free(after);

	/* The right first 16 bytes, then rubbish: SQLite itself must say no. */
	memcpy(junk, "SQLite format 3", 16);
	spit(f->path, junk, sizeof junk);
	open_refused(f->path, STORE_CORRUPT, err, sizeof err);
	assert_string_equal(err, want);
	after = slurp(f->path, &nafter);
	assert_int_equal(nafter, sizeof junk);
	assert_memory_equal(after, junk, sizeof junk);
	free(after);
}

static void a_database_of_another_program_is_refused_untouched(void **state)
{
	fixture *f = *state;
	unsigned char *before, *after;
	size_t nbefore, nafter;
	char err[512] = "";
	sqlite3 *db;

	assert_int_equal(sqlite3_open(f->path, &db), SQLITE_OK);
	exec_ok(db, "CREATE TABLE patients (name TEXT); "
		    "INSERT INTO patients VALUES ('not ours')");
	sqlite3_close(db);
	before = slurp(f->path, &nbefore);
	open_refused(f->path, STORE_CORRUPT, err, sizeof err);
	assert_contains(err, "is not a CoP Kiosk data file");
	after = slurp(f->path, &nafter);
	assert_int_equal(nbefore, nafter);
	assert_memory_equal(before, after, nbefore);
	free(before);
	free(after);

	/* Another program that numbers its own versions is not an older kiosk. */
	assert_int_equal(sqlite3_open(f->path, &db), SQLITE_OK);
	exec_ok(db, "PRAGMA user_version = 1");
	sqlite3_close(db);
	open_refused(f->path, STORE_CORRUPT, err, sizeof err);
	assert_contains(err, "is not a CoP Kiosk data file");
}

static void a_damaged_database_is_refused(void **state)
{
	fixture *f = *state;
	unsigned char *before, *after, page[4096];
	size_t nbefore, nafter;
	char err[512] = "";
	store *s;
	FILE *fp;

	s = open_ok(f->path);
	for (int i = 0; i < 300; i++) {
		store_event ev = event_named("", "2024-05-01 10:00");

		snprintf(ev.title, sizeof ev.title, "Event %d, a title long enough to fill "
			 "pages quickly", i);
		assert_int_equal(store_event_add(s, &ev), STORE_OK);
	}
	store_close(s);
	before = slurp(f->path, &nbefore);
	assert_true(nbefore >= 20 * sizeof page);
	memset(page, 0xA5, sizeof page);
	fp = fopen(f->path, "r+b");
	assert_non_null(fp);
	assert_int_equal(fseek(fp, (long)(nbefore / 2 / sizeof page * sizeof page), SEEK_SET), 0);
	for (int i = 0; i < 3; i++)
		assert_int_equal(fwrite(page, 1, sizeof page, fp), sizeof page);
	assert_int_equal(fclose(fp), 0);
	free(before);

	before = slurp(f->path, &nbefore);
	open_refused(f->path, STORE_CORRUPT, err, sizeof err);
	assert_contains(err, "is damaged");
	assert_contains(err, f->path);
	assert_null(strchr(err, '\n'));
	after = slurp(f->path, &nafter);
	assert_int_equal(nbefore, nafter);
	assert_memory_equal(before, after, nbefore);
	free(before);
	free(after);
}

static void an_unwritable_path_gives_a_clear_message(void **state)
{
	fixture *f = *state;
	char path[256], want[640], err[512] = "";

	snprintf(path, sizeof path, "%s/no/such/folder/kiosk.db", f->dir);
	open_refused(path, STORE_IO, err, sizeof err);
	snprintf(want, sizeof want, "Cannot create %s: the folder %s/no/such/folder "
		 "does not exist", path, f->dir);
	assert_string_equal(err, want);
	assert_false(file_exists(path));

	/* A folder where the file should be. */
	open_refused(f->dir, STORE_IO, err, sizeof err);
	assert_contains(err, "is a folder");
}

/* As open_refused, but as the user nobody when the tests run as root (as CI
 * does: root writes anywhere, so a read-only folder would not be): store_open
 * runs in a child that gives up root first and hands back its status and
 * message. dir is made nobody's, and the fixture's folder passable. */
static void open_refused_unprivileged(fixture *f, const char *dir, const char *path, int want,
				      char *err, size_t errlen)
{
	struct passwd *nobody;
	int fds[2], status = 0;
	char reply[600] = "";
	ssize_t got;
	pid_t pid;

	if (geteuid() != 0) {
		open_refused(path, want, err, errlen);
		return;
	}
	nobody = getpwnam("nobody");
	assert_non_null(nobody);
	assert_int_equal(chown(dir, nobody->pw_uid, nobody->pw_gid), 0);
	assert_int_equal(chmod(f->dir, 0711), 0);
	assert_int_equal(pipe(fds), 0);
	pid = fork();
	assert_true(pid >= 0);
	if (pid == 0) {
		/* No cmocka here: a failed assertion would carry on in the child. */
		store *s = (store *)&s;
		int rc = -1;

		close(fds[0]);
		if (setgroups(0, NULL) == 0 && setgid(nobody->pw_gid) == 0 &&
		    setuid(nobody->pw_uid) == 0 && geteuid() != 0) {
			rc = store_open(path, &s, reply, sizeof reply - 8);
			if (s) {
				rc = -2;
				snprintf(reply, sizeof reply - 8, "(it opened)");
			}
		} else {
			snprintf(reply, sizeof reply - 8, "could not become nobody");
		}
		dprintf(fds[1], "%d %s", rc, reply);
		_exit(0);
	}
	close(fds[1]);
	got = read(fds[0], reply, sizeof reply - 1);
	close(fds[0]);
	assert_int_equal(waitpid(pid, &status, 0), pid);
	assert_true(WIFEXITED(status) && WEXITSTATUS(status) == 0);
	assert_true(got > 0);
	reply[got] = '\0';
	if (atoi(reply) != want)
		fail_msg("as nobody, store_open gave %s (want %d)", reply, want);
	snprintf(err, errlen, "%s", strchr(reply, ' ') + 1);
}

static void a_read_only_folder_gives_a_clear_message(void **state)
{
	fixture *f = *state;
	char dir[128], path[192], err[512] = "";

	snprintf(dir, sizeof dir, "%s/ro", f->dir);
	assert_int_equal(mkdir(dir, 0500), 0);
	snprintf(path, sizeof path, "%s/kiosk.db", dir);
	open_refused_unprivileged(f, dir, path, STORE_IO, err, sizeof err);
	assert_contains(err, "read-only");
	assert_contains(err, path);
	assert_false(file_exists(path));
}

/* ---- identity and ids ----------------------------------------------------------- */

static void the_kiosk_id_survives_reopen(void **state)
{
	fixture *f = *state;
	char first[32];
	store *s;

	s = open_ok(f->path);
	assert_int_equal(strlen(store_kiosk_id(s)), 16);
	assert_int_equal(strspn(store_kiosk_id(s), "0123456789abcdef"), 16);
	snprintf(first, sizeof first, "%s", store_kiosk_id(s));
	store_close(s);
	s = open_ok(f->path);
	assert_string_equal(store_kiosk_id(s), first);
	store_close(s);
}

static void a_new_kiosk_signs_with_a_key_its_id_comes_from(void **state)
{
	fixture *f = *state;
	unsigned char key[SYNC_SIGN_SK_BYTES];
	char id[17];
	store *s;

	s = open_ok(f->path);
	memcpy(key, store_signing_key(s), sizeof key);
	sync_kiosk_id_of_key(key + 32, id);
	assert_string_equal(store_kiosk_id(s), id);
	store_close(s);
	s = open_ok(f->path);
	assert_memory_equal(store_signing_key(s), key, sizeof key);
	/* Another kiosk, another key. */
	char other[192];
	snprintf(other, sizeof other, "%s/other.db", f->dir);
	store *t = open_ok(other);
	assert_memory_not_equal(store_signing_key(t), key, sizeof key);
	store_close(t);
	store_close(s);
	/* Never a setting a screen may write. */
	s = open_ok(f->path);
	assert_int_equal(store_setting_set_int(s, "sign_key", 1), STORE_INVALID);
	store_close(s);
}

static void two_databases_get_different_kiosk_ids(void **state)
{
	fixture *f = *state;
	char other[192];
	store *a, *b;

	snprintf(other, sizeof other, "%s/other.db", f->dir);
	a = open_ok(f->path);
	b = open_ok(other);
	assert_string_not_equal(store_kiosk_id(a), store_kiosk_id(b));
	store_close(a);
	store_close(b);
}

static void ids_stay_unique_across_close_and_reopen(void **state)
{
	fixture *f = *state;
	char gids[30][STORE_GID_MAX];
	int64_t last = 0;
	int count = 0;

	for (int round = 0; round < 3; round++) {
		store *s = open_ok(f->path);

		for (int i = 0; i < 5; i++) {
			store_event ev = event_named("Meeting", "");
			store_agenda_item it;

			assert_int_equal(store_event_add(s, &ev), STORE_OK);
			it = item_named(ev.id, "Welcome", "09:30", STORE_ACT_SHARING);
			assert_int_equal(store_agenda_add(s, &it), STORE_OK);
			snprintf(gids[count++], STORE_GID_MAX, "%s", ev.gid);
			snprintf(gids[count++], STORE_GID_MAX, "%s", it.gid);
			assert_int_equal(strncmp(ev.gid, store_kiosk_id(s), 16), 0);
			assert_int_equal(ev.gid[16], '-');
		}
		store_close(s);
	}
	for (int i = 0; i < count; i++) {
		int64_t seq = seq_of(gids[i]);

		/* One counter for every table, only ever going up. */
		assert_true(seq > last);
		last = seq;
		for (int j = i + 1; j < count; j++)
			assert_string_not_equal(gids[i], gids[j]);
	}
}

static void ids_keep_increasing_when_the_clock_goes_back(void **state)
{
	fixture *f = *state;
	store_event a = event_named("Before", ""), b = event_named("After", "");
	store *s = open_ok(f->path);

	assert_int_equal(store_event_add(s, &a), STORE_OK);
	assert_int_equal(store_clock_set(s, store_now(s) - 365 * 86400), STORE_OK);
	assert_int_equal(store_event_add(s, &b), STORE_OK);
	assert_true(seq_of(b.gid) > seq_of(a.gid));
	assert_true(query_int(s, "SELECT created_at FROM events WHERE title = 'After'") <
		    query_int(s, "SELECT created_at FROM events WHERE title = 'Before'"));
	store_close(s);
}

/* ---- events --------------------------------------------------------------------- */

static void there_is_no_current_event_in_a_fresh_database(void **state)
{
	fixture *f = *state;
	store_event ev;
	store *s = open_ok(f->path);

	assert_int_equal(store_event_current(s, &ev), STORE_NOTFOUND);
	assert_string_equal(store_errmsg(s), "No event has been set up yet.");
	assert_int_equal(store_event_set_current(s, 42), STORE_NOTFOUND);
	store_close(s);
}

static void a_new_event_becomes_current(void **state)
{
	fixture *f = *state;
	store_event a = event_named("Quarterly meeting", "2025-03-14 09:30");
	store_event b = event_named("Journal club", "2025-04-02 12:00");
	store_event cur;
	store *s = open_ok(f->path);

	snprintf(a.venue, sizeof a.venue, "Seacroft Hospital");
	snprintf(a.community, sizeof a.community, "Leeds diabetes CoP");
	a.roles = true;
	assert_int_equal(store_event_add(s, &a), STORE_OK);
	assert_true(a.id > 0);
	assert_int_equal(store_event_current(s, &cur), STORE_OK);
	assert_int_equal(cur.id, a.id);
	assert_string_equal(cur.gid, a.gid);
	assert_string_equal(cur.title, "Quarterly meeting");
	assert_string_equal(cur.starts, "2025-03-14 09:30");
	assert_string_equal(cur.venue, "Seacroft Hospital");
	assert_string_equal(cur.community, "Leeds diabetes CoP");
	assert_true(cur.roles);

	assert_int_equal(store_event_add(s, &b), STORE_OK);
	assert_int_equal(store_event_current(s, &cur), STORE_OK);
	assert_int_equal(cur.id, b.id);
	assert_int_equal(store_event_set_current(s, a.id), STORE_OK);
	store_close(s);

	s = open_ok(f->path);
	assert_int_equal(store_event_current(s, &cur), STORE_OK);
	assert_int_equal(cur.id, a.id);
	store_close(s);
}

static void events_are_listed_newest_start_first(void **state)
{
	fixture *f = *state;
	static const char *const starts[] = {
		"2024-11-05 14:00", "", "2025-01-20 09:00", "2024-12-31 23:59",
	};
	store_event ev, list[8];
	store *s = open_ok(f->path);
	int n;

	for (int i = 0; i < 4; i++) {
		ev = event_named("Meeting", starts[i]);
		assert_int_equal(store_event_add(s, &ev), STORE_OK);
	}
	assert_int_equal(store_event_list(s, list, 8, &n), STORE_OK);
	assert_int_equal(n, 4);
	assert_string_equal(list[0].starts, "2025-01-20 09:00");
	assert_string_equal(list[1].starts, "2024-12-31 23:59");
	assert_string_equal(list[2].starts, "2024-11-05 14:00");
	assert_string_equal(list[3].starts, "");
	assert_int_equal(store_event_list(s, list, 2, &n), STORE_OK);
	assert_int_equal(n, 2);
	assert_int_equal(store_event_list(s, NULL, 0, &n), STORE_OK);
	assert_int_equal(n, 0);
	store_close(s);
}

static void an_event_can_be_changed_and_keeps_its_id(void **state)
{
	fixture *f = *state;
	store_event ev = event_named("Draft title", ""), got;
	store *s = open_ok(f->path);

	assert_int_equal(store_event_add(s, &ev), STORE_OK);
	snprintf(ev.title, sizeof ev.title, "Final title");
	snprintf(ev.starts, sizeof ev.starts, "2025-06-01 10:00");
	assert_int_equal(store_event_update(s, &ev), STORE_OK);
	assert_int_equal(store_event_get(s, ev.id, &got), STORE_OK);
	assert_string_equal(got.title, "Final title");
	assert_string_equal(got.starts, "2025-06-01 10:00");
	assert_string_equal(got.gid, ev.gid);
	/* The change is newer than the record, so a sync sends it again. */
	assert_true(query_int(s, "SELECT changed_seq > seq FROM events"));

	ev.id = 999;
	assert_int_equal(store_event_update(s, &ev), STORE_NOTFOUND);
	assert_int_equal(store_event_get(s, 999, &got), STORE_NOTFOUND);
	store_close(s);
}

static void invalid_utf8_is_refused(void **state)
{
	fixture *f = *state;
	static const char *const bad[] = {
		"Caf\xC3",              /* cut short */
		"\xC3\x28 meeting",     /* bad continuation */
		"\xC0\xAF",             /* overlong '/' */
		"\xED\xA0\x80",         /* surrogate */
		"\xF4\x90\x80\x80",     /* above U+10FFFF */
		"\xFF",
	};
	store_event ev, list[2];
	store *s = open_ok(f->path);
	int n;

	for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++) {
		ev = event_named(bad[i], "");
		assert_int_equal(store_event_add(s, &ev), STORE_INVALID);
		assert_contains(store_errmsg(s), "not valid text");
		ev = event_named("Fine", "");
		snprintf(ev.venue, sizeof ev.venue, "%s", bad[i]);
		assert_int_equal(store_event_add(s, &ev), STORE_INVALID);
	}
	assert_int_equal(store_event_list(s, list, 2, &n), STORE_OK);
	assert_int_equal(n, 0);
	ev = event_named("Siân's café — 会议", "");
	assert_int_equal(store_event_add(s, &ev), STORE_OK);
	assert_int_equal(store_event_get(s, ev.id, &list[0]), STORE_OK);
	assert_string_equal(list[0].title, "Siân's café — 会议");
	store_close(s);
}

static void an_empty_or_over_long_title_is_refused(void **state)
{
	fixture *f = *state;
	store_event ev;
	store *s = open_ok(f->path);

	ev = event_named("", "");
	assert_int_equal(store_event_add(s, &ev), STORE_INVALID);
	assert_string_equal(store_errmsg(s), "The title is empty.");
	ev = event_named("   ", "");
	assert_int_equal(store_event_add(s, &ev), STORE_INVALID);

	ev = event_named("", "");
	memset(ev.title, 'a', 81);
	assert_int_equal(store_event_add(s, &ev), STORE_INVALID);
	assert_string_equal(store_errmsg(s), "The title is too long: at most 80 characters.");
	ev.title[80] = '\0';
	assert_int_equal(store_event_add(s, &ev), STORE_OK);

	/* 80 two-byte characters fit; one more does not. */
	ev = event_named("", "");
	for (int i = 0; i < 80; i++)
		strcat(ev.title, "\xC3\xA9");
	assert_int_equal(store_event_add(s, &ev), STORE_OK);
	strcat(ev.title, "\xC3\xA9");
	assert_int_equal(store_event_add(s, &ev), STORE_INVALID);

	/* A title with no end inside its buffer. */
	memset(ev.title, 'a', sizeof ev.title);
	assert_int_equal(store_event_add(s, &ev), STORE_INVALID);

	ev = event_named("Two\nlines", "");
	assert_int_equal(store_event_add(s, &ev), STORE_INVALID);
	store_close(s);
}

static void a_malformed_start_is_refused(void **state)
{
	fixture *f = *state;
	static const char *const bad[] = {
		"2025-02-29 10:00", "2025-13-01 10:00", "2025-04-31 10:00",
		"2025-01-01 24:00", "2025-01-01 10:60", "2025-01-01T10:00",
		"2025-01-01", "25-01-01 10:00", "tomorrow",
	};
	store_event ev;
	store *s = open_ok(f->path);

	for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++) {
		ev = event_named("Meeting", bad[i]);
		assert_int_equal(store_event_add(s, &ev), STORE_INVALID);
	}
	ev = event_named("Meeting", "2024-02-29 23:59");
	assert_int_equal(store_event_add(s, &ev), STORE_OK);
	store_close(s);
}

/* ---- agenda --------------------------------------------------------------------- */

static void agenda_items_keep_their_activity(void **state)
{
	fixture *f = *state;
	store_event ev = event_named("Away day", "2025-05-20 09:00");
	store_agenda_item it, list[STORE_ACT_COUNT + 1];
	store *s = open_ok(f->path);
	int n;

	assert_int_equal(store_event_add(s, &ev), STORE_OK);
	for (int a = 0; a < STORE_ACT_COUNT; a++) {
		char starts[6] = "10:00";

		starts[1] = (char)('0' + a);
		it = item_named(ev.id, store_activity_name((store_activity)a), starts,
				(store_activity)a);
		assert_int_equal(store_agenda_add(s, &it), STORE_OK);
		assert_true(it.id > 0);
	}
	store_close(s);

	s = open_ok(f->path);
	assert_int_equal(store_agenda_list(s, ev.id, list, STORE_ACT_COUNT + 1, &n), STORE_OK);
	assert_int_equal(n, STORE_ACT_COUNT);
	for (int a = 0; a < STORE_ACT_COUNT; a++) {
		assert_int_equal(list[a].activity, a);
		assert_int_equal(list[a].event_id, ev.id);
		assert_string_equal(list[a].title, store_activity_name((store_activity)a));
	}
	store_close(s);
}

static void agenda_items_are_ordered_by_start_time(void **state)
{
	fixture *f = *state;
	store_event ev = event_named("Meeting", "");
	store_agenda_item it, list[8];
	store *s = open_ok(f->path);
	int n;

	assert_int_equal(store_event_add(s, &ev), STORE_OK);
	it = item_named(ev.id, "Lunch", "", STORE_ACT_SHARING);
	assert_int_equal(store_agenda_add(s, &it), STORE_OK);
	it = item_named(ev.id, "Talk", "11:00", STORE_ACT_FORMAL);
	assert_int_equal(store_agenda_add(s, &it), STORE_OK);
	it = item_named(ev.id, "Welcome", "09:30", STORE_ACT_SHARING);
	assert_int_equal(store_agenda_add(s, &it), STORE_OK);
	it = item_named(ev.id, "Questions", "11:00", STORE_ACT_INQUIRY);
	assert_int_equal(store_agenda_add(s, &it), STORE_OK);
	assert_int_equal(store_agenda_list(s, ev.id, list, 8, &n), STORE_OK);
	assert_int_equal(n, 4);
	assert_string_equal(list[0].title, "Welcome");
	assert_string_equal(list[1].title, "Talk");
	assert_string_equal(list[2].title, "Questions");
	assert_string_equal(list[3].title, "Lunch");
	store_close(s);
}

static void an_agenda_item_can_be_changed_and_removed(void **state)
{
	fixture *f = *state;
	store_event ev = event_named("Meeting", "");
	store_agenda_item a, b, list[4];
	store *s = open_ok(f->path);
	int n;

	assert_int_equal(store_event_add(s, &ev), STORE_OK);
	a = item_named(ev.id, "Welcome", "09:30", STORE_ACT_SHARING);
	b = item_named(ev.id, "Writing the guideline", "10:00", STORE_ACT_ASSETS);
	assert_int_equal(store_agenda_add(s, &a), STORE_OK);
	assert_int_equal(store_agenda_add(s, &b), STORE_OK);
	b.activity = STORE_ACT_STANDARDS;
	assert_int_equal(store_agenda_update(s, &b), STORE_OK);
	assert_int_equal(store_agenda_delete(s, a.id), STORE_OK);
	assert_int_equal(store_agenda_list(s, ev.id, list, 4, &n), STORE_OK);
	assert_int_equal(n, 1);
	assert_int_equal(list[0].id, b.id);
	assert_int_equal(list[0].activity, STORE_ACT_STANDARDS);
	assert_string_equal(list[0].gid, b.gid);
	assert_int_equal(store_agenda_delete(s, a.id), STORE_NOTFOUND);
	assert_int_equal(store_agenda_update(s, &a), STORE_NOTFOUND);
	store_close(s);
}

static void an_agenda_item_is_checked_before_it_is_saved(void **state)
{
	fixture *f = *state;
	store_event ev = event_named("Meeting", "");
	store_agenda_item it;
	store *s = open_ok(f->path);
	int n;

	assert_int_equal(store_event_add(s, &ev), STORE_OK);
	it = item_named(ev.id + 100, "Welcome", "09:30", STORE_ACT_SHARING);
	assert_int_equal(store_agenda_add(s, &it), STORE_NOTFOUND);
	it = item_named(ev.id, "Welcome", "25:00", STORE_ACT_SHARING);
	assert_int_equal(store_agenda_add(s, &it), STORE_INVALID);
	it = item_named(ev.id, "Welcome", "9:30", STORE_ACT_SHARING);
	assert_int_equal(store_agenda_add(s, &it), STORE_INVALID);
	it = item_named(ev.id, "", "09:30", STORE_ACT_SHARING);
	assert_int_equal(store_agenda_add(s, &it), STORE_INVALID);
	it = item_named(ev.id, "Welcome", "09:30", STORE_ACT_COUNT);
	assert_int_equal(store_agenda_add(s, &it), STORE_INVALID);
	assert_int_equal(store_agenda_list(s, ev.id, NULL, 0, &n), STORE_OK);
	assert_int_equal(query_int(s, "SELECT count(*) FROM agenda_items"), 0);
	store_close(s);
}

static void activity_names_read_as_in_the_seed(void **state)
{
	(void)state;
	assert_string_equal(store_activity_name(STORE_ACT_SHARING), "Sharing");
	assert_string_equal(store_activity_name(STORE_ACT_INQUIRY), "Productive inquiry");
	assert_string_equal(store_activity_name(STORE_ACT_NEGOTIATING),
			    "Negotiating shared understanding");
	assert_string_equal(store_activity_name(STORE_ACT_ASSETS), "Producing assets");
	assert_string_equal(store_activity_name(STORE_ACT_STANDARDS), "Creating standards");
	assert_string_equal(store_activity_name(STORE_ACT_FORMAL),
			    "Formal access to knowledge");
	assert_string_equal(store_activity_name(STORE_ACT_VISITS), "Visits");
}

/* ---- PIN, clock, settings, check-ins -------------------------------------------- */

static void pin_is_stored_only_as_a_hash_and_checks(void **state)
{
	fixture *f = *state;
	sqlite3_stmt *st;
	const char *hash;
	store *s = open_ok(f->path);

	assert_false(store_pin_is_set(s));
	assert_int_equal(store_pin_check(s, "2468"), STORE_NOTFOUND);
	assert_int_equal(store_pin_set(s, "246813"), STORE_OK);
	assert_true(store_pin_is_set(s));

	assert_int_equal(sqlite3_prepare_v2(store_db(s), "SELECT value FROM settings "
					    "WHERE key = 'pin_hash'", -1, &st, NULL), SQLITE_OK);
	assert_int_equal(sqlite3_step(st), SQLITE_ROW);
	hash = (const char *)sqlite3_column_text(st, 0);
	assert_non_null(hash);
	assert_int_equal(strncmp(hash, "$argon2id$", 10), 0);
	assert_null(strstr(hash, "246813"));
	sqlite3_finalize(st);
	assert_int_equal(query_int(s, "SELECT count(*) FROM settings "
				      "WHERE CAST(value AS TEXT) LIKE '%246813%'"), 0);
	store_close(s);

	s = open_ok(f->path);
	assert_int_equal(store_pin_check(s, "246813"), STORE_OK);
	assert_int_equal(store_pin_check(s, "246812"), STORE_WRONG);
	assert_string_equal(store_errmsg(s), "That PIN is not right.");
	assert_int_equal(store_pin_check(s, "2468"), STORE_WRONG);
	assert_int_equal(store_pin_check(s, ""), STORE_WRONG);
	store_close(s);
}

/* Five wrong PINs at now; the fifth one's lock end. */
static int64_t five_wrong_pins(store *s, int64_t now)
{
	int64_t until = -1;

	for (int i = 1; i <= STORE_PIN_TRIES; i++) {
		assert_int_equal(store_pin_try(s, "9999", now, &until), STORE_WRONG);
		if (i < STORE_PIN_TRIES)
			assert_int_equal(until, 0);
	}
	return until;
}

static void wrong_pins_lock_the_pad_longer_each_time_and_a_reopen_keeps_the_lock(void **state)
{
	fixture *f = *state;
	static const int64_t minutes[] = {1, 5, 15, 60, 60};
	const int64_t t0 = 1800000000;
	int64_t now = t0, until;
	store *s = open_ok(f->path);

	assert_int_equal(store_pin_try(s, "1234", now, &until), STORE_NOTFOUND);
	assert_int_equal(store_pin_set(s, "1234"), STORE_OK);
	for (size_t i = 0; i < sizeof minutes / sizeof minutes[0]; i++) {
		assert_int_equal(five_wrong_pins(s, now), now + 60 * minutes[i]);
		/* A restart lifts nothing: not even the right PIN is checked. */
		store_close(s);
		s = open_ok(f->path);
		assert_int_equal(store_pin_lock(s, now + 1, &until), STORE_OK);
		assert_int_equal(until, now + 60 * minutes[i]);
		assert_int_equal(store_pin_try(s, "1234", now + 60 * minutes[i] - 1, &until), STORE_LOCKED);
		assert_int_equal(until, now + 60 * minutes[i]);
		now += 60 * minutes[i];
		assert_int_equal(store_pin_lock(s, now, &until), STORE_OK);
		assert_int_equal(until, 0);
	}
	/* The right PIN clears the count: the next lock is a minute again. */
	assert_int_equal(store_pin_try(s, "1234", now, &until), STORE_OK);
	assert_int_equal(until, 0);
	assert_int_equal(five_wrong_pins(s, now), now + 60);
	/* A clock put back by a power cut does not stretch the lock beyond
	 * its own length. */
	assert_int_equal(store_pin_lock(s, now - 86400, &until), STORE_OK);
	assert_int_equal(until, now - 86400 + 60);
	assert_int_equal(store_pin_try(s, "1234", now - 86400 + 60, &until), STORE_OK);
	/* A new PIN starts with no count and no lock. */
	five_wrong_pins(s, now);
	assert_int_equal(store_pin_set(s, "5678"), STORE_OK);
	assert_int_equal(store_pin_lock(s, now, &until), STORE_OK);
	assert_int_equal(until, 0);
	assert_int_equal(store_pin_try(s, "5678", now, &until), STORE_OK);
	store_close(s);
}

static void the_recovery_code_lifts_the_lock_once_and_is_kept_only_as_a_hash(void **state)
{
	fixture *f = *state;
	const int64_t now = 1800000000;
	char code[STORE_RECOVERY_DIGITS + 1], spaced[32];
	int64_t until;
	store *s = open_ok(f->path);

	assert_int_equal(store_pin_set(s, "1234"), STORE_OK);
	assert_int_equal(store_pin_recover(s, "000000000000"), STORE_NOTFOUND);
	assert_int_equal(store_pin_recovery_new(s, code), STORE_OK);
	assert_int_equal(strlen(code), STORE_RECOVERY_DIGITS);
	assert_int_equal(strspn(code, "0123456789"), STORE_RECOVERY_DIGITS);
	char like[128];
	snprintf(like, sizeof like, "SELECT count(*) FROM settings WHERE CAST(value AS TEXT) LIKE '%%%s%%'", code);
	assert_int_equal(query_int(s, like), 0);
	assert_int_equal(query_int(s, "SELECT count(*) FROM settings WHERE key = 'pin_recovery' "
				      "AND value LIKE '$argon2id$%'"), 1);
	assert_int_not_equal(five_wrong_pins(s, now), 0);
	store_close(s);

	s = open_ok(f->path);
	assert_int_equal(store_pin_recover(s, "123"), STORE_WRONG);
	code[0] = code[0] == '9' ? '0' : (char)(code[0] + 1);
	assert_int_equal(store_pin_recover(s, code), STORE_WRONG);
	code[0] = code[0] == '0' ? '9' : (char)(code[0] - 1);
	assert_int_equal(store_pin_lock(s, now, &until), STORE_OK);
	assert_int_not_equal(until, 0);
	/* Typed in groups, while the pad is locked. */
	snprintf(spaced, sizeof spaced, "%.4s-%.4s %.4s", code, code + 4, code + 8);
	assert_int_equal(store_pin_recover(s, spaced), STORE_OK);
	assert_int_equal(store_pin_lock(s, now, &until), STORE_OK);
	assert_int_equal(until, 0);
	assert_int_equal(store_pin_try(s, "1234", now, &until), STORE_OK);
	/* Once only. */
	assert_int_equal(store_pin_recover(s, code), STORE_NOTFOUND);
	store_close(s);
}

/* The permission bits of path, or -1 when it is not there. */
static int mode_of(const char *path)
{
	struct stat st;

	return stat(path, &st) == 0 ? (int)(st.st_mode & 0777) : -1;
}

static void the_data_file_and_its_wal_are_private_whatever_the_umask(void **state)
{
	fixture *f = *state;
	char wal[600], shm[600];
	store_event ev = {0};
	mode_t old = umask(022);
	store *s = open_ok(f->path);

	snprintf(ev.title, sizeof ev.title, "Private");
	assert_int_equal(store_event_add(s, &ev), STORE_OK);
	snprintf(wal, sizeof wal, "%s-wal", f->path);
	snprintf(shm, sizeof shm, "%s-shm", f->path);
	/* While open: the WAL and the shared memory hold the same names. */
	assert_int_equal(mode_of(f->path), 0600);
	assert_int_equal(mode_of(wal), 0600);
	assert_int_equal(mode_of(shm), 0600);
	store_close(s);

	/* A data file left readable by an earlier kiosk is made private. */
	assert_int_equal(chmod(f->path, 0644), 0);
	s = open_ok(f->path);
	assert_int_equal(mode_of(f->path), 0600);
	assert_int_equal(mode_of(wal), 0600);
	store_close(s);
	umask(old);
}

static void a_pin_must_be_four_to_eight_digits(void **state)
{
	fixture *f = *state;
	static const char *const bad[] = {"", "123", "123456789", "12a4", "12 34", "١٢٣٤"};
	store *s = open_ok(f->path);

	for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++)
		assert_int_equal(store_pin_set(s, bad[i]), STORE_INVALID);
	assert_false(store_pin_is_set(s));
	assert_int_equal(store_pin_set(s, "0000"), STORE_OK);
	assert_int_equal(store_pin_set(s, "12345678"), STORE_OK);
	assert_int_equal(store_pin_check(s, "0000"), STORE_WRONG);
	assert_int_equal(store_pin_check(s, "12345678"), STORE_OK);
	store_close(s);
}

static void clock_offset_moves_now(void **state)
{
	fixture *f = *state;
	store *s = open_ok(f->path);
	int64_t real = (int64_t)time(NULL);

	assert_true(llabs(store_now(s) - real) <= 1);
	assert_int_equal(store_clock_set(s, real + 3600), STORE_OK);
	assert_true(llabs(store_now(s) - (real + 3600)) <= 1);
	store_close(s);

	s = open_ok(f->path);
	assert_true(llabs(store_now(s) - (real + 3600)) <= 1);
	assert_int_equal(store_clock_set(s, real - 86400), STORE_OK);
	assert_true(llabs(store_now(s) - (real - 86400)) <= 1);
	store_close(s);
}

static void settings_have_defaults_and_survive_reopen(void **state)
{
	fixture *f = *state;
	store *s = open_ok(f->path);

	assert_int_equal(store_setting_int(s, STORE_SETTING_INACTIVITY, 0), 45);
	assert_int_equal(store_setting_int(s, STORE_SETTING_COOLDOWN, 0), 3000);
	assert_int_equal(store_setting_int(s, "no_such_key", -7), -7);
	assert_int_equal(store_setting_set_int(s, STORE_SETTING_INACTIVITY, 90), STORE_OK);
	assert_int_equal(store_setting_set_int(s, "wall_columns", 3), STORE_OK);
	store_close(s);

	s = open_ok(f->path);
	assert_int_equal(store_setting_int(s, STORE_SETTING_INACTIVITY, 0), 90);
	assert_int_equal(store_setting_int(s, "wall_columns", 0), 3);
	store_close(s);
}

static void the_stores_own_settings_cannot_be_overwritten(void **state)
{
	fixture *f = *state;
	static const char *const keys[] = {
		"kiosk_id", "seq", "current_event", "pin_hash", "clock_offset",
		"idea_label", "idea_hidden", "prompt_running", "prompt_event",
		"prompt_item", "current_item:1", "sync_pubkey",
	};
	store *s = open_ok(f->path);

	for (size_t i = 0; i < sizeof keys / sizeof keys[0]; i++)
		assert_int_equal(store_setting_set_int(s, keys[i], 1), STORE_INVALID);
	assert_int_equal(strlen(store_kiosk_id(s)), 16);
	store_close(s);
}

static void the_archive_key_is_kept_until_forgotten(void **state)
{
	fixture *f = *state;
	unsigned char key[STORE_SYNC_KEY_BYTES], got[STORE_SYNC_KEY_BYTES];
	store *s = open_ok(f->path);

	for (size_t i = 0; i < sizeof key; i++)
		key[i] = (unsigned char)(i * 7 + 1);
	assert_int_equal(store_sync_key_get(s, got), STORE_NOTFOUND);
	assert_int_equal(store_sync_key_set(s, key), STORE_OK);
	store_close(s);
	s = open_ok(f->path);
	assert_int_equal(store_sync_key_get(s, got), STORE_OK);
	assert_memory_equal(got, key, sizeof key);
	assert_int_equal(store_sync_key_set(s, NULL), STORE_OK);
	assert_int_equal(store_sync_key_get(s, got), STORE_NOTFOUND);
	store_close(s);
}

static void checkins_are_counted_per_event(void **state)
{
	fixture *f = *state;
	store_event a = event_named("First", ""), b = event_named("Second", "");
	store *s = open_ok(f->path);
	int n = -1;

	assert_int_equal(store_event_add(s, &a), STORE_OK);
	assert_int_equal(store_event_add(s, &b), STORE_OK);
	assert_int_equal(store_checkin_count(s, a.id, &n), STORE_OK);
	assert_int_equal(n, 0);
	/* Written directly until the check-in feature has its own functions. */
	exec_ok(store_db(s),
		"INSERT INTO members (kiosk, seq, created_at, first_name, last_name) "
		"VALUES ('k', 100, 0, 'Siân', 'O''Neil'), ('k', 101, 0, 'Ravi', 'Patel');"
		"INSERT INTO checkins (kiosk, seq, created_at, event_id, member_id) "
		"VALUES ('k', 102, 0, 1, 1), ('k', 103, 0, 1, 2), ('k', 104, 0, 2, 1)");
	assert_int_equal(store_checkin_count(s, a.id, &n), STORE_OK);
	assert_int_equal(n, 2);
	assert_int_equal(store_checkin_count(s, b.id, &n), STORE_OK);
	assert_int_equal(n, 1);
	/* One check-in per person per event. */
	assert_int_not_equal(sqlite3_exec(store_db(s), "INSERT INTO checkins (kiosk, seq, "
					  "created_at, event_id, member_id) VALUES ('k', "
					  "105, 0, 1, 1)", NULL, NULL, NULL), SQLITE_OK);
	store_close(s);
}

static void a_full_disk_gives_a_plain_message(void **state)
{
	fixture *f = *state;
	store_event ev, cur, last = {0};
	char sql[64];
	store *s = open_ok(f->path);
	int rc = STORE_OK, saved = 0;

	/* SQLite's page limit stands in for a full disk: it fails as SQLITE_FULL. */
	snprintf(sql, sizeof sql, "PRAGMA max_page_count = %lld",
		 (long long)query_int(s, "PRAGMA page_count") + 2);
	exec_ok(store_db(s), sql);
	for (int i = 0; i < 2000 && rc == STORE_OK; i++) {
		ev = event_named("", "2025-01-01 10:00");
		snprintf(ev.title, sizeof ev.title, "Event number %d, padded out to make "
			 "the rows long enough to need new pages soon", i);
		rc = store_event_add(s, &ev);
		if (rc == STORE_OK) {
			saved++;
			last = ev;
		}
	}
	assert_int_equal(rc, STORE_IO);
	assert_string_equal(store_errmsg(s), "The disk is full: the event was not saved.");
	assert_true(saved > 0);
	/* Nothing of the failed event stayed behind. */
	assert_int_equal(query_int(s, "SELECT count(*) FROM events"), saved);
	assert_int_equal(store_event_current(s, &cur), STORE_OK);
	assert_int_equal(cur.id, last.id);
	assert_int_equal(query_int(s, "SELECT value FROM settings WHERE key = 'seq'"),
			 seq_of(last.gid));
	store_close(s);
}

static void a_deleted_data_file_takes_no_write_and_is_written_back(void **state)
{
	fixture *f = *state;
	store *s = open_ok(f->path);
	store_event ev = event_named("Before", "2025-01-01 10:00"), after = event_named("After", "");
	char err[512] = "";

	assert_int_equal(store_event_add(s, &ev), STORE_OK);
	assert_false(store_file_gone(s));
	assert_int_equal(unlink(f->path), 0);
	assert_true(store_file_gone(s));
	/* Refused before anything is written, and said so. */
	assert_int_equal(store_event_add(s, &after), STORE_IO);
	assert_string_equal(store_errmsg(s), "The data file is gone: the event was not saved.");
	/* What it holds is still there to read, and goes back to the path. */
	assert_int_equal(query_int(s, "SELECT count(*) FROM events WHERE title = 'Before'"), 1);
	assert_int_equal(store_write_back(&s, err, sizeof err), STORE_OK);
	assert_non_null(s);
	assert_false(store_file_gone(s));
	assert_int_equal(store_event_add(s, &after), STORE_OK);
	assert_int_equal(query_int(s, "SELECT count(*) FROM events WHERE title IN ('Before', 'After')"), 2);
	store_close(s);
}

static void a_data_file_is_never_written_back_over_another(void **state)
{
	fixture *f = *state;
	store *s = open_ok(f->path);
	char other_path[600], err[512] = "";
	FILE *other;

	assert_int_equal(unlink(f->path), 0);
	/* Someone else's file now at the path. */
	other = fopen(f->path, "w");
	assert_non_null(other);
	fputs("someone else's notes\n", other);
	fclose(other);
	assert_true(store_file_gone(s));
	assert_int_equal(store_write_back(&s, err, sizeof err), STORE_IO);
	assert_non_null(strstr(err, "Another file is now at"));
	assert_non_null(s);
	store_close(s);
	snprintf(other_path, sizeof other_path, "%s.back", f->path);
	assert_int_equal(access(other_path, F_OK), -1);
	other = fopen(f->path, "r");
	assert_non_null(other);
	assert_non_null(fgets(other_path, sizeof other_path, other));
	fclose(other);
	assert_string_equal(other_path, "someone else's notes\n");
}

/* ---- members -------------------------------------------------------------------- */

static store_member member_named(const char *first, const char *last, const char *org,
				 const char *email)
{
	store_member m;

	memset(&m, 0, sizeof m);
	snprintf(m.first, sizeof m.first, "%s", first);
	snprintf(m.last, sizeof m.last, "%s", last);
	snprintf(m.organisation, sizeof m.organisation, "%s", org);
	snprintf(m.email, sizeof m.email, "%s", email);
	return m;
}

/* Adds a member and fails the test unless that works; returns its id. */
static int64_t add_member(store *s, const char *first, const char *last, const char *org)
{
	store_member m = member_named(first, last, org, "");

	if (store_member_add(s, &m) != STORE_OK)
		fail_msg("store_member_add(%s %s): %s", first, last, store_errmsg(s));
	return m.id;
}

static int64_t add_event(store *s, const char *title)
{
	store_event ev = event_named(title, "");

	assert_int_equal(store_event_add(s, &ev), STORE_OK);
	return ev.id;
}

/* The search's results as "First Last" lines, for comparing at a glance. */
static const char *search_names(store *s, const char *query, int max)
{
	static char names[4096];
	store_member found[32];
	size_t used = 0;
	int n = -1;

	assert_true(max <= 32);
	assert_int_equal(store_member_search(s, query, found, max, &n), STORE_OK);
	names[0] = '\0';
	for (int i = 0; i < n; i++)
		used += (size_t)snprintf(names + used, sizeof names - used, "%s%s %s",
					 i ? "\n" : "", found[i].first, found[i].last);
	return names;
}

static void a_new_member_is_stored_with_consents_as_chosen(void **state)
{
	fixture *f = *state;
	store_member m = member_named("Siân", "Ó Dálaigh", "Betsi Cadwaladr UHB",
				      "sian.odalaigh@wales.nhs.uk"), got;
	store *s = open_ok(f->path);

	snprintf(m.profession, sizeof m.profession, "Pharmacist");
	m.may_contact = true;
	assert_int_equal(store_member_add(s, &m), STORE_OK);
	assert_true(m.id > 0);
	assert_int_equal(strncmp(m.gid, store_kiosk_id(s), 16), 0);
	assert_int_equal(store_member_get(s, m.id, &got), STORE_OK);
	assert_string_equal(got.first, "Siân");
	assert_string_equal(got.last, "Ó Dálaigh");
	assert_string_equal(got.organisation, "Betsi Cadwaladr UHB");
	assert_string_equal(got.profession, "Pharmacist");
	assert_string_equal(got.email, "sian.odalaigh@wales.nhs.uk");
	assert_string_equal(got.gid, m.gid);
	assert_false(got.mailing_list);
	assert_true(got.may_contact);
	/* Like every record: its own place in the counter, and when. */
	assert_int_equal(query_int(s, "SELECT changed_seq FROM members"), seq_of(m.gid));
	assert_true(query_int(s, "SELECT created_at FROM members") > 0);
	assert_int_equal(store_member_get(s, m.id + 1, &got), STORE_NOTFOUND);
	store_close(s);
}

static void a_member_needs_a_first_name(void **state)
{
	fixture *f = *state;
	static const char *const blanks[] = {"", "   ", "'", "-"};
	store *s = open_ok(f->path);

	for (size_t i = 0; i < sizeof blanks / sizeof blanks[0]; i++) {
		store_member m = member_named(blanks[i], "Patel", "", "");

		assert_int_equal(store_member_add(s, &m), STORE_INVALID);
		assert_string_equal(store_errmsg(s), "Please give a first name.");
	}
	/* A last name is not required: some people have one name. */
	add_member(s, "Ravi", "", "");
	assert_int_equal(query_int(s, "SELECT count(*) FROM members"), 1);
	store_close(s);
}

static void names_in_any_script_are_kept_but_limited_to_sixty_characters(void **state)
{
	fixture *f = *state;
	store_member m = member_named("", "", "", ""), got;
	store *s = open_ok(f->path);
	char *p = m.first;

	/* 60 four-byte characters fit exactly; one more does not. */
	for (int i = 0; i < 60; i++, p += 4)
		memcpy(p, "\xF0\x9F\x98\x80", 4);
	*p = '\0';
	snprintf(m.last, sizeof m.last, "Nguyễn-Đặng 李 محمد");
	assert_int_equal(store_member_add(s, &m), STORE_OK);
	assert_int_equal(store_member_get(s, m.id, &got), STORE_OK);
	assert_string_equal(got.first, m.first);
	assert_string_equal(got.last, "Nguyễn-Đặng 李 محمد");

	m = member_named("", "Smith", "", "");
	memset(m.first, 'a', 61);
	assert_int_equal(store_member_add(s, &m), STORE_INVALID);
	assert_string_equal(store_errmsg(s), "The first name is too long: at most 60 characters.");
	m = member_named("Ann", "O\xC3", "", "");
	assert_int_equal(store_member_add(s, &m), STORE_INVALID);
	assert_contains(store_errmsg(s), "not valid text");
	m = member_named("Ann", "Smith\nJones", "", "");
	assert_int_equal(store_member_add(s, &m), STORE_INVALID);
	assert_contains(store_errmsg(s), "one line");
	m = member_named("Ann", "Smith", "", "");
	memset(m.organisation, 'x', STORE_TEXT_CHARS + 1);
	assert_int_equal(store_member_add(s, &m), STORE_INVALID);
	assert_string_equal(store_errmsg(s), "The organisation is too long: at most 120 "
			    "characters.");
	assert_int_equal(query_int(s, "SELECT count(*) FROM members"), 1);
	store_close(s);
}

static void email_addresses_are_checked(void **state)
{
	fixture *f = *state;
	static const char *const good[] = {
		"", "a@nhs.net", "first.last@wales.nhs.uk", "x+cop@example.co.uk",
		"o'neil@hse.ie", "sian@exämple.com", "a_b-c@sub-domain.example.org",
	};
	static const char *const bad[] = {
		"nhs.net", "a@", "@nhs.net", "a@@nhs.net", "a@b@nhs.net", "a b@nhs.net",
		"a@nhs", "a@nhs.", "a@.nhs.net", "a@nhs..net", "a@-nhs.net", "a@nhs.n",
		"a@nhs.123", ".a@nhs.net", "a.@nhs.net", "a..b@nhs.net", "a@nhs.net ",
		"a@nh s.net", "a<b>@nhs.net", "a@nhs_x.net", "\xC3@nhs.net",
	};
	store *s = open_ok(f->path);

	for (size_t i = 0; i < sizeof good / sizeof good[0]; i++) {
		if (!store_email_valid(good[i]))
			fail_msg("\"%s\" was refused", good[i]);
	}
	for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++) {
		if (store_email_valid(bad[i]))
			fail_msg("\"%s\" was accepted", bad[i]);
	}
	assert_false(store_email_valid(NULL));

	store_member m = member_named("Ann", "Smith", "", "ann.smith.nhs.net");
	assert_int_equal(store_member_add(s, &m), STORE_INVALID);
	assert_string_equal(store_errmsg(s), "That email address does not look right: it "
			    "needs one @ and a domain like nhs.net.");
	assert_int_equal(query_int(s, "SELECT count(*) FROM members"), 0);
	store_close(s);
}

static void a_member_can_be_changed_and_is_found_by_the_new_name_only(void **state)
{
	fixture *f = *state;
	store *s = open_ok(f->path);
	int64_t id = add_member(s, "Grace", "Okafor", "Leeds Teaching Hospitals");
	store_member m, got;
	int64_t before = query_int(s, "SELECT changed_seq FROM members");

	assert_int_equal(store_member_get(s, id, &m), STORE_OK);
	snprintf(m.last, sizeof m.last, "Mensah-Okafor");
	m.mailing_list = true;
	assert_int_equal(store_member_update(s, &m), STORE_OK);
	assert_int_equal(store_member_get(s, id, &got), STORE_OK);
	assert_string_equal(got.last, "Mensah-Okafor");
	assert_true(got.mailing_list);
	assert_string_equal(got.gid, m.gid);
	assert_true(query_int(s, "SELECT changed_seq FROM members") > before);
	assert_string_equal(search_names(s, "mensah", 10), "Grace Mensah-Okafor");
	assert_string_equal(search_names(s, "okafor", 10), "Grace Mensah-Okafor");
	snprintf(m.last, sizeof m.last, "Mensah");
	assert_int_equal(store_member_update(s, &m), STORE_OK);
	assert_string_equal(search_names(s, "okafor", 10), "");
	/* A refused change changes nothing. */
	m.first[0] = '\0';
	assert_int_equal(store_member_update(s, &m), STORE_INVALID);
	assert_string_equal(search_names(s, "grace", 10), "Grace Mensah");
	m = member_named("Nobody", "", "", "");
	m.id = id + 1;
	assert_int_equal(store_member_update(s, &m), STORE_NOTFOUND);
	store_close(s);
}

/* ---- search --------------------------------------------------------------------- */

static void search_ignores_case_accents_and_punctuation(void **state)
{
	fixture *f = *state;
	store *s = open_ok(f->path);

	add_member(s, "Siân", "Ó Dálaigh", "Betsi Cadwaladr UHB");
	add_member(s, "Patrick", "O'Neil", "HSE");
	add_member(s, "Jean-Luc", "Dubois", "");
	add_member(s, "Zoë", "ÆLFRIC", "");
	add_member(s, "Ravi", "Patel", "");

	assert_string_equal(search_names(s, "sian", 10), "Siân Ó Dálaigh");
	assert_string_equal(search_names(s, "SIÂN", 10), "Siân Ó Dálaigh");
	assert_string_equal(search_names(s, "oneil", 10), "Patrick O'Neil");
	assert_string_equal(search_names(s, "o'n", 10), "Patrick O'Neil");
	assert_string_equal(search_names(s, "dal", 10), "Siân Ó Dálaigh");
	assert_string_equal(search_names(s, "SIAN O", 10), "Siân Ó Dálaigh");
	assert_string_equal(search_names(s, "o sian", 10), "Siân Ó Dálaigh");
	assert_string_equal(search_names(s, "  Sian,  Dal. ", 10), "Siân Ó Dálaigh");
	assert_string_equal(search_names(s, "luc", 10), "Jean-Luc Dubois");
	assert_string_equal(search_names(s, "jean luc", 10), "Jean-Luc Dubois");
	/* The words of a first or last name also count joined up. */
	assert_string_equal(search_names(s, "oda", 10), "Siân Ó Dálaigh");
	assert_string_equal(search_names(s, "Ó'Dálaigh", 10), "Siân Ó Dálaigh");
	assert_string_equal(search_names(s, "jeanl", 10), "Jean-Luc Dubois");
	assert_string_equal(search_names(s, "zoe", 10), "Zoë ÆLFRIC");
	assert_string_equal(search_names(s, "aelf", 10), "Zoë ÆLFRIC");
	/* "o" starts Ó and O'Neil; results in name order. */
	assert_string_equal(search_names(s, "o", 10), "Patrick O'Neil\nSiân Ó Dálaigh");
	store_close(s);
}

static void search_matches_the_start_of_words_only(void **state)
{
	fixture *f = *state;
	store *s = open_ok(f->path);

	add_member(s, "Siân", "Ó Dálaigh", "");
	add_member(s, "Ravi", "Patel", "NHS England");
	/* Not the middle of a word, not the organisation, not the email, not
	 * first and last name joined up. */
	assert_string_equal(search_names(s, "ian", 10), "");
	assert_string_equal(search_names(s, "siano", 10), "");
	assert_string_equal(search_names(s, "england", 10), "");
	assert_string_equal(search_names(s, "sian x", 10), "");
	assert_string_equal(search_names(s, "sianx", 10), "");
	/* Nothing to look for finds nothing. */
	assert_string_equal(search_names(s, "", 10), "");
	assert_string_equal(search_names(s, " '-. ", 10), "");
	assert_string_equal(search_names(s, NULL, 10), "");
	store_close(s);
}

static void search_results_are_in_name_order_up_to_the_limit(void **state)
{
	fixture *f = *state;
	store *s = open_ok(f->path);
	char names[16][40];
	store_member out[4];
	int n = -1;

	for (int i = 0; i < 16; i++) {
		snprintf(names[i], sizeof names[i], "Sam%02d", 15 - i);
		add_member(s, names[i], "Jones", "");
	}
	add_member(s, "Émile", "Smith", "");
	add_member(s, "Samira", "Adams", "");
	assert_string_equal(search_names(s, "jones", 4), "Sam00 Jones\nSam01 Jones\n"
			    "Sam02 Jones\nSam03 Jones");
	assert_string_equal(search_names(s, "sami", 4), "Samira Adams");
	/* Accented first letters sort with their letter. */
	assert_string_equal(search_names(s, "smith", 4), "Émile Smith");
	assert_int_equal(store_member_search(s, "jones", out, 0, &n), STORE_OK);
	assert_int_equal(n, 0);
	assert_int_equal(store_member_search(s, "jones", NULL, 0, &n), STORE_OK);
	store_close(s);
}

static void search_uses_the_index_of_name_words(void **state)
{
	fixture *f = *state;
	store *s = open_ok(f->path);
	char plan[4096];

	assert_int_equal(store_search_plan(s, plan, sizeof plan), STORE_OK);
	/* Every word is a range of the prefix index, read in name order from
	 * where the cursor jumps to; a long word's rest is looked up in the word
	 * index by member; members are read by id; no table is read from end to
	 * end, and nothing is sorted (the first 50 never wait for every match). */
	assert_contains(plan, "SEARCH member_prefixes USING PRIMARY KEY "
			"(prefix=? AND (name_key,member_id)>(?,?))");
	assert_contains(plan, "SEARCH member_words USING COVERING INDEX member_words_member "
			"(member_id=? AND word>? AND word<?)");
	assert_contains(plan, "SEARCH members USING INTEGER PRIMARY KEY (rowid=?)");
	if (strstr(plan, "SCAN"))
		fail_msg("the search scans a table:\n%s", plan);
	if (strstr(plan, "TEMP B-TREE"))
		fail_msg("the search sorts its matches:\n%s", plan);
	store_close(s);
}

/* Names for a big directory: 40 first names x 50 last names x 50 each. */
static const char *const many_first[40] = {
	"Siân", "Sean", "Sienna", "Aoife", "Ravi", "Priya", "Mohammed", "Grace",
	"Oliver", "Amelia", "Tomasz", "Chloé", "Kwame", "Fatima", "Liam", "Noah",
	"Sofia", "Ewan", "Isla", "Hamza", "Zara", "Jack", "Ann", "Ben", "Cara", "Dev",
	"Efe", "Finn", "Gwen", "Huw", "Ines", "Jon", "Kai", "Lola", "Mia", "Nia", "Owen",
	"Pia", "Rhys", "Tara",
};
static const char *const many_last[50] = {
	"Ó Dálaigh", "O'Neil", "Oneill", "Osei", "Dale", "Patel", "Smith", "Jones",
	"Williams", "Brown", "Taylor", "Davies", "Evans", "Wilson", "Thomas", "Roberts",
	"Johnson", "Lewis", "Walker", "Robinson", "Wood", "Thompson", "White", "Nowak",
	"Mensah", "Khan", "Ali", "Hughes", "Edwards", "Green", "Hall", "Martin", "Wright",
	"Clarke", "Jackson", "Turner", "Hill", "Moore", "Cooper", "Ward", "Morris", "King",
	"Watson", "Harris", "Baker", "Young", "Allen", "Bell", "Scott", "Price",
};

static void search_among_100000_members_finds_the_right_ones(void **state)
{
	fixture *f = *state;
	char err[512] = "", sql[4096], *p = sql;
	store_member *found = calloc(5000, sizeof *found);
	store *s = NULL;
	int n = -1;

	assert_non_null(found);
	/* The directory as an older kiosk left it, written in one statement; the
	 * migration then builds the search words of all 100,000. */
	assert_int_equal(store_open_at_version(f->path, 2, &s, err, sizeof err), STORE_OK);
	p += sprintf(p, "WITH RECURSIVE n (i) AS (SELECT 0 UNION ALL SELECT i + 1 FROM n "
		     "WHERE i < 99999), f (j, name) AS (VALUES ");
	for (int i = 0; i < 40; i++)
		p += sprintf(p, "%s(%d, '%s')", i ? ", " : "", i, many_first[i]);
	p += sprintf(p, "), l (j, name) AS (VALUES ");
	for (int i = 0; i < 50; i++) {
		char quoted[40];
		const char *q = strchr(many_last[i], '\'');

		if (q)
			snprintf(quoted, sizeof quoted, "%.*s''%s", (int)(q - many_last[i]),
				 many_last[i], q + 1);
		else
			snprintf(quoted, sizeof quoted, "%s", many_last[i]);
		p += sprintf(p, "%s(%d, '%s')", i ? ", " : "", i, quoted);
	}
	sprintf(p, ") INSERT INTO members (kiosk, seq, created_at, first_name, last_name, "
		"organisation) SELECT 'old', i + 1, 0, f.name, l.name, 'Trust ' || (i %% 300) "
		"FROM n JOIN f ON f.j = i %% 40 JOIN l ON l.j = (i / 40) %% 50");
	exec_ok(store_db(s), sql);
	exec_ok(store_db(s), "UPDATE settings SET value = 100000 WHERE key = 'seq'");
	assert_int_equal(query_int(s, "SELECT count(*) FROM members"), 100000);
	store_close(s);

	s = open_ok(f->path);
	/* Siân with a last name starting "o": Ó Dálaigh, O'Neil, Oneill, Osei. */
	assert_int_equal(store_member_search(s, "sian o", found, 5000, &n), STORE_OK);
	assert_int_equal(n, 200);
	/* In name order, accents and apostrophes aside: o dalaigh, oneil,
	 * oneill, osei. */
	for (int i = 0; i < n; i++) {
		assert_string_equal(found[i].first, "Siân");
		assert_string_equal(found[i].last, many_last[i / 50]);
	}
	/* "dal": Ó Dálaigh and Dale, for all 40 first names. */
	assert_int_equal(store_member_search(s, "dal", found, 5000, &n), STORE_OK);
	assert_int_equal(n, 4000);
	assert_int_equal(store_member_search(s, "dal", found, 20, &n), STORE_OK);
	assert_int_equal(n, 20);
	assert_string_equal(found[0].first, "Amelia");
	assert_int_equal(store_member_search(s, "oneil sian", found, 5000, &n), STORE_OK);
	assert_int_equal(n, 100);   /* O'Neil and Oneill */
	assert_int_equal(store_member_search(s, "zz", found, 5000, &n), STORE_OK);
	assert_int_equal(n, 0);

	/* New members are found among them, forgotten ones are not. */
	int64_t id = add_member(s, "Siân", "Ó Dálaigh", "NHS Wales");
	assert_int_equal(store_member_search(s, "sian dalaigh", found, 5000, &n), STORE_OK);
	assert_int_equal(n, 51);
	assert_int_equal(store_member_forget(s, id), STORE_OK);
	assert_int_equal(store_member_forget(s, 1), STORE_OK);   /* the first Siân Ó Dálaigh */
	assert_int_equal(store_member_search(s, "sian dalaigh", found, 5000, &n), STORE_OK);
	assert_int_equal(n, 49);
	free(found);
	store_close(s);
}

static void members_of_an_older_database_are_found_after_migration(void **state)
{
	fixture *f = *state;
	char err[512] = "";
	char orgs[4][STORE_TEXT_MAX];
	store *s = NULL;
	store_member same, got;
	int n;

	assert_int_equal(store_open_at_version(f->path, 2, &s, err, sizeof err), STORE_OK);
	exec_ok(store_db(s),
		"INSERT INTO members (kiosk, seq, created_at, first_name, last_name, "
		"organisation) VALUES ('k', 1, 0, 'Siân', 'Ó Dálaigh', 'NHS Wales'), "
		"('k', 2, 0, 'Patrick', 'O''Neil', 'HSE');"
		"UPDATE settings SET value = 2 WHERE key = 'seq'");
	store_close(s);

	s = open_ok(f->path);
	assert_string_equal(search_names(s, "sian o", 10), "Siân Ó Dálaigh");
	assert_string_equal(search_names(s, "oneil", 10), "Patrick O'Neil");
	assert_int_equal(store_organisations(s, "nhs", orgs, 4, &n), STORE_OK);
	assert_int_equal(n, 1);
	assert_string_equal(orgs[0], "NHS Wales");
	same = member_named("SIAN", "o dalaigh", "nhs wales", "");
	assert_int_equal(store_member_find_same(s, &same, &got), STORE_OK);
	assert_int_equal(got.id, 1);
	store_close(s);
}

/* The search as it was defined before member_prefixes (schema 6): every
 * member with a word in each typed word's range of member_words, all of them
 * sorted, then the first max. Words as store_member_search splits them
 * (queries here have at most six). */
#define OLD_WORD_IN(lo, hi) \
	"id IN (SELECT member_id FROM member_words WHERE word >= " lo " AND word < " hi ")"
#define OLD_MAYBE_WORD_IN(lo, hi) " AND (" lo " IS NULL OR " OLD_WORD_IN(lo, hi) ")"
static const char old_search_sql[] =
	"SELECT id FROM members WHERE forgotten = 0 AND " OLD_WORD_IN("?1", "?2")
	OLD_MAYBE_WORD_IN("?3", "?4") OLD_MAYBE_WORD_IN("?5", "?6")
	OLD_MAYBE_WORD_IN("?7", "?8") OLD_MAYBE_WORD_IN("?9", "?10")
	OLD_MAYBE_WORD_IN("?11", "?12")
	" ORDER BY name_key, first_name, last_name, id LIMIT ?13";

static int old_search(store *s, const char *query, int64_t *ids, int max)
{
	char folded[512], ranges[6][256];
	sqlite3_stmt *st = NULL;
	int words = 0, n = 0;

	text_fold(folded, sizeof folded, query);
	assert_int_equal(sqlite3_prepare_v2(store_db(s), old_search_sql, -1, &st, NULL), SQLITE_OK);
	for (char *w = strtok(folded, " "); w; w = strtok(NULL, " ")) {
		size_t len = strlen(w);

		assert_true(words < 6 && len + 1 < sizeof ranges[0]);
		memcpy(ranges[words], w, len);
		ranges[words][len] = (char)0xFF;   /* [w, w 0xFF): words starting with w */
		sqlite3_bind_text(st, 2 * words + 1, ranges[words], (int)len, SQLITE_STATIC);
		sqlite3_bind_text(st, 2 * words + 2, ranges[words], (int)len + 1, SQLITE_STATIC);
		words++;
	}
	sqlite3_bind_int(st, 13, max);
	while (words > 0 && sqlite3_step(st) == SQLITE_ROW)
		ids[n++] = sqlite3_column_int64(st, 0);
	sqlite3_finalize(st);
	return n;
}

/* A roster made to trip a search up: accents and case that fold alike (so
 * name_key ties and first_name decides), apostrophes and hyphens, particles
 * (Ó, van der, ap), the very same name many times (only the id decides),
 * words longer than the prefix index holds, Greek and Chinese. */
static const char *const awkward_first[] = {
	"Siân", "Sian", "SIAN", "Seán", "Sean", "Séan", "Zoë", "Zoe", "Chloé", "Jean-Luc",
	"Mary Ann", "Oluwaseun", "Ola", "Σοφία", "小龍", "Ann-Marie", "D'Arcy", "Søren",
};
static const char *const awkward_last[] = {
	"Ó Dálaigh", "O'Dalaigh", "O'Neil", "O'Neill", "Oneill", "van der Berg", "Van Der Berg",
	"ap Gwŷn", "Ashworth-Hughes", "Raghunathan", "Raghunathan-Smith", "Wiśniewski",
	"Jones", "JONES", "Smith", "李", "Παπαδόπουλος", "O",
};
#define AWKWARD_FIRST ((int)(sizeof awkward_first / sizeof awkward_first[0]))
#define AWKWARD_LAST ((int)(sizeof awkward_last / sizeof awkward_last[0]))

/* Every query below, at every max, gives the members of the old definition in
 * its order. */
static void search_agrees_with_sorting_every_match(store *s)
{
	static const char *const queries[] = {
		"s", "S", "o", "z", "a", "j", "r", "σ", "小", "李", "sia", "sian", "siân", "SIAN",
		"sean", "sea", "oneil", "oneill", "o'neil", "dal", "odal", "odalaigh", "o dal",
		"sian o", "o sian", "sian o dalaigh", "sian jones", "jones sian", "s j", "j s",
		"zoe", "zoë", "chloe", "jean", "jeanl", "jean luc", "luc", "mary ann", "maryann",
		"ann", "van", "vander", "vanderberg", "van der berg", "der", "berg", "ap", "apg",
		"gwyn", "ashworth", "ashworthh", "ashworthhughes", "hughes", "raghu", "raghun",
		"raghunathan", "raghunathans", "raghunathansmith", "wisniewski", "wisn",
		"darcy", "d arcy", "soren", "σοφ", "σοφια", "παπαδοπουλος", "παπ", "小龍",
		"ola", "olu", "oluwaseun", "oluwaseunx", "zz", "q", "sian smith o", "a b c d e f",
		"s s s", "o o",
	};
	static const int maxes[] = {1, 2, 5, 50, 4000};
	static int64_t want[4000];
	static store_member got[4000];

	for (size_t q = 0; q < sizeof queries / sizeof queries[0]; q++) {
		for (size_t m = 0; m < sizeof maxes / sizeof maxes[0]; m++) {
			int n = -1, expected = old_search(s, queries[q], want, maxes[m]);

			assert_int_equal(store_member_search(s, queries[q], got, maxes[m], &n), STORE_OK);
			if (n != expected)
				fail_msg("\"%s\" (max %d): %d members, the old search %d", queries[q],
					 maxes[m], n, expected);
			for (int i = 0; i < n; i++) {
				if (got[i].id != want[i])
					fail_msg("\"%s\" (max %d): member %d is %lld (%s %s), the old "
						 "search's %lld", queries[q], maxes[m], i,
						 (long long)got[i].id, got[i].first, got[i].last,
						 (long long)want[i]);
			}
		}
	}
	/* The prefix index holds exactly what migration 7 would derive from the
	 * words and the names as they are now: nothing stale, nothing missing. */
	assert_int_equal(query_int(s,
		"WITH RECURSIVE p (member_id, word, n) AS (SELECT member_id, word, 1 FROM member_words "
		"UNION ALL SELECT member_id, word, n + 1 FROM p WHERE n < min(length(word), 6)), "
		"derived AS (SELECT DISTINCT substr(p.word, 1, p.n) AS prefix, m.name_key, m.id "
		"FROM p JOIN members m ON m.id = p.member_id) "
		"SELECT (SELECT count(*) FROM (SELECT * FROM derived EXCEPT "
		"SELECT prefix, name_key, member_id FROM member_prefixes)) + "
		"(SELECT count(*) FROM (SELECT prefix, name_key, member_id FROM member_prefixes "
		"EXCEPT SELECT * FROM derived))"), 0);
}

static void search_finds_what_sorting_every_match_found_in_the_same_order(void **state)
{
	fixture *f = *state;
	char err[512] = "";
	store *s = NULL;
	int added = 0;

	/* Half the roster as a kiosk at schema 6 stored it: migration 7 indexes
	 * it. */
	assert_int_equal(store_open_at_version(f->path, 6, &s, err, sizeof err), STORE_OK);
	assert_int_equal(store_begin(s), STORE_OK);
	for (int i = 0; i < 1500; i++, added++)
		add_member(s, awkward_first[i % AWKWARD_FIRST],
			   awkward_last[(i / AWKWARD_FIRST + i) % AWKWARD_LAST], "");
	assert_int_equal(store_commit(s), STORE_OK);
	store_close(s);

	s = open_ok(f->path);
	search_agrees_with_sorting_every_match(s);
	/* The other half by this kiosk, then names changed and members
	 * forgotten, all over the alphabet. */
	assert_int_equal(store_begin(s), STORE_OK);
	for (int i = 0; i < 1500; i++, added++)
		add_member(s, awkward_first[(i * 7) % AWKWARD_FIRST], awkward_last[i % AWKWARD_LAST], "");
	assert_int_equal(store_commit(s), STORE_OK);
	for (int64_t id = 3; id <= added; id += 37) {
		store_member m;

		assert_int_equal(store_member_get(s, id, &m), STORE_OK);
		snprintf(m.first, sizeof m.first, "%s", awkward_first[(id * 5) % AWKWARD_FIRST]);
		snprintf(m.last, sizeof m.last, "%s", awkward_last[(id * 3) % AWKWARD_LAST]);
		assert_int_equal(store_member_update(s, &m), STORE_OK);
	}
	for (int64_t id = 5; id <= added; id += 53)
		assert_int_equal(store_member_forget(s, id), STORE_OK);
	search_agrees_with_sorting_every_match(s);
	store_close(s);
}

/* The search words of member id, sorted, one a line. */
static const char *words_of(store *s, int64_t id)
{
	static char words[1024];
	sqlite3_stmt *st = NULL;
	size_t used = 0;

	assert_int_equal(sqlite3_prepare_v2(store_db(s), "SELECT word FROM member_words "
					    "WHERE member_id = ?1 ORDER BY word", -1, &st,
					    NULL), SQLITE_OK);
	sqlite3_bind_int64(st, 1, id);
	words[0] = '\0';
	while (sqlite3_step(st) == SQLITE_ROW)
		used += (size_t)snprintf(words + used, sizeof words - used, "%s\n",
					 (const char *)sqlite3_column_text(st, 0));
	sqlite3_finalize(st);
	return words;
}

static void the_migration_indexes_names_as_the_store_does(void **state)
{
	fixture *f = *state;
	char err[512] = "", old[1024];
	store *s = NULL;

	assert_int_equal(store_open_at_version(f->path, 2, &s, err, sizeof err), STORE_OK);
	exec_ok(store_db(s),
		"INSERT INTO members (kiosk, seq, created_at, first_name, last_name) "
		"VALUES ('k', 1, 0, 'Jean-Luc', 'van der Berg'), "
		"('k', 2, 0, 'Siân Mary', 'Ó Dálaigh-O''Neil');"
		"UPDATE settings SET value = 2 WHERE key = 'seq'");
	store_close(s);
	s = open_ok(f->path);
	snprintf(old, sizeof old, "%s", words_of(s, 1));
	assert_string_equal(old, "berg\nder\nderberg\njean\njeanluc\nluc\nvan\n"
			    "vanderberg\n");
	assert_string_equal(words_of(s, add_member(s, "Jean-Luc", "van der Berg", "")), old);
	snprintf(old, sizeof old, "%s", words_of(s, 2));
	assert_string_equal(old, "dalaigh\ndalaighoneil\nmary\no\nodalaighoneil\noneil\n"
			    "sian\nsianmary\n");
	assert_string_equal(words_of(s, add_member(s, "Siân Mary", "Ó Dálaigh-O'Neil", "")),
			    old);
	store_close(s);
}

static void a_member_with_the_same_name_and_organisation_is_found(void **state)
{
	fixture *f = *state;
	store *s = open_ok(f->path);
	int64_t id = add_member(s, "Siân", "Ó Dálaigh", "NHS Wales");
	store_member m = member_named("sian", "O Dalaigh", "N.H.S. Wales", ""), got;

	/* Folded alike: offered instead of a duplicate. */
	assert_int_equal(store_member_find_same(s, &m, &got), STORE_OK);
	assert_int_equal(got.id, id);
	m = member_named("Siân", "Ó Dálaigh", "NHS England", "");
	assert_int_equal(store_member_find_same(s, &m, &got), STORE_NOTFOUND);
	m = member_named("", "", "", "");
	assert_int_equal(store_member_find_same(s, &m, &got), STORE_NOTFOUND);

	m = member_named("Ann", "Lee", "", "Ann.Lee@NHS.net");
	assert_int_equal(store_member_add(s, &m), STORE_OK);
	assert_int_equal(store_member_find_email(s, "ann.lee@nhs.net", &got), STORE_OK);
	assert_int_equal(got.id, m.id);
	assert_int_equal(store_member_find_email(s, "ann.lee@nhs.uk", &got), STORE_NOTFOUND);
	assert_int_equal(store_member_find_email(s, "", &got), STORE_NOTFOUND);
	store_close(s);
}

static void organisations_are_suggested_by_prefix_most_used_first(void **state)
{
	fixture *f = *state;
	store *s = open_ok(f->path);
	char orgs[8][STORE_TEXT_MAX];
	int n = -1;

	add_member(s, "A", "", "NHS Wales");
	add_member(s, "B", "", "NHS England");
	add_member(s, "C", "", "nhs england");
	add_member(s, "D", "", "NHS England");
	add_member(s, "E", "", "NHS Digital");
	add_member(s, "F", "", "Leeds Teaching Hospitals");
	add_member(s, "G", "", "");
	int64_t gone = add_member(s, "H", "", "NHS Forgotten Trust");

	assert_int_equal(store_member_forget(s, gone), STORE_OK);
	assert_int_equal(store_organisations(s, "nhs", orgs, 8, &n), STORE_OK);
	/* One entry per organisation, spelled as most wrote it; then by name. */
	assert_int_equal(n, 3);
	assert_string_equal(orgs[0], "NHS England");
	assert_string_equal(orgs[1], "NHS Digital");
	assert_string_equal(orgs[2], "NHS Wales");
	assert_int_equal(store_organisations(s, "N.H.S. W", orgs, 8, &n), STORE_OK);
	assert_int_equal(n, 1);
	assert_string_equal(orgs[0], "NHS Wales");
	assert_int_equal(store_organisations(s, "", orgs, 8, &n), STORE_OK);
	assert_int_equal(n, 4);
	assert_int_equal(store_organisations(s, "", orgs, 2, &n), STORE_OK);
	assert_int_equal(n, 2);
	assert_int_equal(store_organisations(s, "x", orgs, 8, &n), STORE_OK);
	assert_int_equal(n, 0);
	store_close(s);
}

/* ---- check-ins ------------------------------------------------------------------ */

static void a_second_checkin_returns_the_first_time_and_stores_nothing(void **state)
{
	fixture *f = *state;
	store *s = open_ok(f->path);
	int64_t ev = add_event(s, "Spring meeting");
	int64_t id = add_member(s, "Siân", "Ó Dálaigh", "NHS Wales");
	store_checkin first, again;
	int64_t seq;
	int n = -1;

	assert_int_equal(store_clock_set(s, 1767262920), STORE_OK);
	assert_int_equal(store_checkin_add(s, ev, id, "Critical friend", &first), STORE_OK);
	assert_true(first.id > 0);
	assert_int_equal(first.member_id, id);
	assert_true(first.at >= 1767262920 && first.at < 1767262920 + 60);
	assert_string_equal(first.role, "Critical friend");
	assert_string_equal(first.first, "Siân");
	seq = query_int(s, "SELECT value FROM settings WHERE key = 'seq'");
	assert_int_equal(query_int(s, "SELECT seq FROM checkins"), seq);

	assert_int_equal(store_clock_set(s, 1767262920 + 3600), STORE_OK);
	assert_int_equal(store_checkin_add(s, ev, id, "", &again), STORE_EXISTS);
	assert_int_equal(again.id, first.id);
	assert_int_equal(again.at, first.at);
	assert_string_equal(again.role, "Critical friend");
	assert_contains(store_errmsg(s), "already checked in");
	char when[32];
	time_t t = (time_t)first.at;
	strftime(when, sizeof when, "(since %H:%M)", localtime(&t));
	assert_contains(store_errmsg(s), when);
	/* Nothing stored: not a row, not a number of the counter. */
	assert_int_equal(store_checkin_count(s, ev, &n), STORE_OK);
	assert_int_equal(n, 1);
	assert_int_equal(query_int(s, "SELECT count(*) FROM checkins"), 1);
	assert_int_equal(query_int(s, "SELECT value FROM settings WHERE key = 'seq'"), seq);
	assert_int_equal(store_checkin_add(s, ev, id, NULL, NULL), STORE_EXISTS);
	store_close(s);
}

static void a_checkin_needs_an_event_a_member_and_a_known_role(void **state)
{
	fixture *f = *state;
	store *s = open_ok(f->path);
	int64_t ev = add_event(s, "Spring meeting");
	int64_t id = add_member(s, "Ravi", "Patel", "");
	store_checkin c;

	assert_int_equal(store_checkin_add(s, ev + 1, id, "", &c), STORE_NOTFOUND);
	assert_contains(store_errmsg(s), "no such event");
	assert_int_equal(store_checkin_add(s, ev, id + 1, "", &c), STORE_NOTFOUND);
	assert_contains(store_errmsg(s), "no such member");
	assert_int_equal(store_checkin_add(s, ev, id, "Chief executive", &c), STORE_INVALID);
	assert_int_equal(query_int(s, "SELECT count(*) FROM checkins"), 0);
	for (int i = 0; i < STORE_ROLE_COUNT; i++) {
		int64_t other = add_event(s, "Another");

		assert_int_equal(store_checkin_add(s, other, id, store_role_name(i), &c),
				 STORE_OK);
		assert_string_equal(c.role, store_role_name(i));
	}
	store_close(s);
}

static void a_walk_in_stores_the_member_and_the_checkin_together_or_neither(void **state)
{
	fixture *f = *state;
	store *s = open_ok(f->path);
	int64_t ev = add_event(s, "Spring meeting");
	store_member m = {0};
	store_checkin c;
	int64_t seq = query_int(s, "SELECT value FROM settings WHERE key = 'seq'");

	snprintf(m.first, sizeof m.first, "Siân");
	snprintf(m.last, sizeof m.last, "Ó Dálaigh");
	snprintf(m.organisation, sizeof m.organisation, "NHS Wales");
	/* The check-in fails after the member is in (the disk, a power cut):
	 * the member goes too, and the counter does not move. */
	assert_int_equal(sqlite3_exec(store_db(s), "CREATE TEMP TRIGGER fail_checkin BEFORE INSERT ON checkins "
				      "BEGIN SELECT RAISE(FAIL, 'disk I/O error'); END", NULL, NULL, NULL), SQLITE_OK);
	assert_int_not_equal(store_walk_in(s, ev, &m, "", &c), STORE_OK);
	assert_int_equal(m.id, 0);
	assert_int_equal(query_int(s, "SELECT count(*) FROM members"), 0);
	assert_int_equal(query_int(s, "SELECT count(*) FROM member_words"), 0);
	assert_int_equal(query_int(s, "SELECT value FROM settings WHERE key = 'seq'"), seq);
	assert_int_equal(sqlite3_exec(store_db(s), "DROP TRIGGER fail_checkin", NULL, NULL, NULL), SQLITE_OK);
	/* No such event: nobody is stored either. */
	assert_int_equal(store_walk_in(s, ev + 1, &m, "", &c), STORE_NOTFOUND);
	assert_int_equal(query_int(s, "SELECT count(*) FROM members"), 0);

	assert_int_equal(store_walk_in(s, ev, &m, "", &c), STORE_OK);
	assert_true(m.id > 0);
	assert_int_equal(c.member_id, m.id);
	assert_string_equal(c.first, "Siân");
	assert_int_equal(query_int(s, "SELECT count(*) FROM members"), 1);
	assert_int_equal(query_int(s, "SELECT count(*) FROM checkins"), 1);
	/* Two numbers of the counter: the member's, then the check-in's. */
	assert_int_equal(query_int(s, "SELECT seq FROM checkins"), seq + 2);
	assert_true(store_member_is_new(s, m.id, ev));
	store_close(s);
}

static void roles_read_as_in_the_seed(void **state)
{
	static const char *const want[STORE_ROLE_COUNT] = {
		"Agenda activist", "Community keeper", "Critical friend", "Social reporter",
		"External messenger", "Value detective", "Organisational broker",
	};

	(void)state;
	for (int i = 0; i < STORE_ROLE_COUNT; i++)
		assert_string_equal(store_role_name(i), want[i]);
}

static void checkin_get_finds_a_members_checkin_here_only(void **state)
{
	fixture *f = *state;
	store *s = open_ok(f->path);
	int64_t ev = add_event(s, "Spring meeting");
	int64_t id = add_member(s, "Ravi", "Patel", "");
	store_checkin c, got;

	assert_int_equal(store_checkin_get(s, ev, id, &got), STORE_NOTFOUND);
	assert_int_equal(store_checkin_add(s, ev, id, "Critical friend", &c), STORE_OK);
	assert_int_equal(store_checkin_get(s, ev, id, &got), STORE_OK);
	assert_int_equal(got.id, c.id);
	assert_string_equal(got.role, "Critical friend");
	assert_int_equal(store_checkin_get(s, ev + 1, id, &got), STORE_NOTFOUND);
	assert_int_equal(store_checkin_undo(s, c.id), STORE_OK);
	assert_int_equal(store_checkin_get(s, ev, id, &got), STORE_NOTFOUND);
	store_close(s);
}

static void an_undone_checkin_can_be_made_again(void **state)
{
	fixture *f = *state;
	store *s = open_ok(f->path);
	int64_t ev = add_event(s, "Spring meeting");
	int64_t id = add_member(s, "Ravi", "Patel", "");
	store_checkin c, again;
	int64_t changed;
	int n = -1;

	assert_int_equal(store_checkin_add(s, ev, id, "", &c), STORE_OK);
	changed = query_int(s, "SELECT changed_seq FROM checkins");
	assert_int_equal(store_checkin_undo(s, c.id), STORE_OK);
	assert_int_equal(store_checkin_count(s, ev, &n), STORE_OK);
	assert_int_equal(n, 0);
	/* Kept as undone, so that a sync tells the receiver. */
	assert_int_equal(query_int(s, "SELECT undone FROM checkins"), 1);
	assert_true(query_int(s, "SELECT changed_seq FROM checkins") > changed);
	assert_int_equal(store_checkin_undo(s, c.id), STORE_NOTFOUND);
	assert_true(store_member_is_new(s, id, ev + 1));

	assert_int_equal(store_checkin_add(s, ev, id, "Social reporter", &again), STORE_OK);
	assert_int_equal(again.id, c.id);
	assert_string_equal(again.role, "Social reporter");
	assert_int_equal(store_checkin_count(s, ev, &n), STORE_OK);
	assert_int_equal(n, 1);
	store_close(s);
}

static void the_checkin_list_shows_names_newest_first_and_can_be_searched(void **state)
{
	fixture *f = *state;
	store *s = open_ok(f->path);
	int64_t ev = add_event(s, "Spring meeting"), other = add_event(s, "Other");
	int64_t a = add_member(s, "Siân", "Ó Dálaigh", "NHS Wales");
	int64_t b = add_member(s, "Patrick", "O'Neil", "HSE");
	int64_t c = add_member(s, "Ravi", "Patel", "");
	store_checkin list[8];
	int n = -1;

	/* Ordered by the record counter, even when the clock goes back. */
	assert_int_equal(store_clock_set(s, 1800000000), STORE_OK);
	assert_int_equal(store_checkin_add(s, ev, a, "", NULL), STORE_OK);
	assert_int_equal(store_clock_set(s, 1700000000), STORE_OK);
	assert_int_equal(store_checkin_add(s, ev, b, "", NULL), STORE_OK);
	assert_int_equal(store_checkin_add(s, other, c, "", NULL), STORE_OK);
	assert_int_equal(store_checkin_list(s, ev, "", list, 8, &n), STORE_OK);
	assert_int_equal(n, 2);
	assert_string_equal(list[0].first, "Patrick");
	assert_string_equal(list[0].last, "O'Neil");
	assert_string_equal(list[0].organisation, "HSE");
	assert_int_equal(list[0].member_id, b);
	assert_string_equal(list[1].first, "Siân");
	assert_int_equal(store_checkin_list(s, ev, "dal", list, 8, &n), STORE_OK);
	assert_int_equal(n, 1);
	assert_string_equal(list[0].first, "Siân");
	assert_int_equal(store_checkin_list(s, ev, "o", list, 8, &n), STORE_OK);
	assert_int_equal(n, 2);
	assert_int_equal(store_checkin_list(s, ev, "ravi", list, 8, &n), STORE_OK);
	assert_int_equal(n, 0);
	assert_int_equal(store_checkin_list(s, ev, NULL, list, 1, &n), STORE_OK);
	assert_int_equal(n, 1);
	store_close(s);
}

static void forgetting_a_member_removes_their_details_but_keeps_the_count(void **state)
{
	fixture *f = *state;
	store *s = open_ok(f->path);
	int64_t ev = add_event(s, "Spring meeting");
	store_member m = member_named("Siân", "Ó Dálaigh", "NHS Wales", "sian@wales.nhs.uk"),
		     got;
	store_checkin list[4];
	char orgs[4][STORE_TEXT_MAX];
	int n = -1;

	snprintf(m.profession, sizeof m.profession, "Nurse");
	m.mailing_list = m.may_contact = true;
	assert_int_equal(store_member_add(s, &m), STORE_OK);
	assert_int_equal(store_checkin_add(s, ev, m.id, "Critical friend", NULL), STORE_OK);
	int64_t changed = query_int(s, "SELECT changed_seq FROM members");

	assert_int_equal(store_member_forget(s, m.id), STORE_OK);
	assert_int_equal(store_checkin_count(s, ev, &n), STORE_OK);
	assert_int_equal(n, 1);
	assert_int_equal(store_checkin_list(s, ev, "", list, 4, &n), STORE_OK);
	assert_int_equal(n, 1);
	assert_string_equal(list[0].first, "");
	assert_string_equal(list[0].last, "");
	assert_string_equal(list[0].organisation, "");
	assert_string_equal(list[0].role, "Critical friend");
	/* Nothing personal is left in any table. */
	assert_int_equal(query_int(s, "SELECT count(*) FROM members WHERE first_name = '' "
				      "AND last_name = '' AND organisation = '' AND email = '' "
				      "AND mailing_list = 0 AND may_contact = 0 AND "
				      "name_key = '' AND org_key = '' AND forgotten = 1"), 1);
	assert_int_equal(query_int(s, "SELECT count(*) FROM member_words"), 0);
	assert_true(query_int(s, "SELECT changed_seq FROM members") > changed);
	assert_string_equal(search_names(s, "sian", 10), "");
	assert_int_equal(store_member_find_email(s, "sian@wales.nhs.uk", &got), STORE_NOTFOUND);
	assert_int_equal(store_organisations(s, "nhs", orgs, 4, &n), STORE_OK);
	assert_int_equal(n, 0);
	assert_int_equal(store_member_get(s, m.id, &got), STORE_NOTFOUND);
	assert_string_equal(store_errmsg(s), "This member's details have been removed.");
	/* Forgotten stays forgotten. */
	assert_int_equal(store_member_update(s, &m), STORE_NOTFOUND);
	assert_int_equal(store_member_forget(s, m.id), STORE_NOTFOUND);
	assert_int_equal(store_checkin_add(s, add_event(s, "Later"), m.id, "", NULL),
			 STORE_NOTFOUND);
	store_close(s);
}

static void a_member_is_new_until_they_come_to_another_event(void **state)
{
	fixture *f = *state;
	store *s = open_ok(f->path);
	int64_t first = add_event(s, "First"), second = add_event(s, "Second");
	int64_t id = add_member(s, "Ravi", "Patel", "");

	assert_true(store_member_is_new(s, id, first));
	assert_int_equal(store_checkin_add(s, first, id, "", NULL), STORE_OK);
	/* Checked in here only: still a first-timer at this event. */
	assert_true(store_member_is_new(s, id, first));
	assert_false(store_member_is_new(s, id, second));
	store_close(s);
}

static void an_arrival_is_a_first_visit_a_return_or_already_here(void **state)
{
	fixture *f = *state;
	store *s = open_ok(f->path);
	int64_t id = add_member(s, "Ravi", "Patel", "");
	store_arrival arrival = STORE_ARRIVED_ALREADY;
	store_checkin ci, again;
	int n = -1;

	/* No event yet: nothing stored, and a reason. */
	assert_int_equal(store_checkin_arrive(s, id, "", &arrival, &ci), STORE_NOTFOUND);
	assert_true(store_errmsg(s)[0] != '\0');

	int64_t first = add_event(s, "First");
	assert_int_equal(store_checkin_arrive(s, id, "Critical friend", &arrival, &ci), STORE_OK);
	assert_int_equal(arrival, STORE_ARRIVED_FIRST);
	assert_int_equal(ci.member_id, id);
	assert_string_equal(ci.role, "Critical friend");

	assert_int_equal(store_checkin_arrive(s, id, "", &arrival, &again), STORE_OK);
	assert_int_equal(arrival, STORE_ARRIVED_ALREADY);
	assert_int_equal(again.id, ci.id);
	assert_int_equal(store_checkin_count(s, first, &n), STORE_OK);
	assert_int_equal(n, 1);

	int64_t second = add_event(s, "Second");
	assert_int_equal(store_checkin_arrive(s, id, "", &arrival, &ci), STORE_OK);
	assert_int_equal(arrival, STORE_ARRIVED_BACK);
	assert_int_equal(store_checkin_count(s, second, &n), STORE_OK);
	assert_int_equal(n, 1);

	assert_int_equal(store_checkin_arrive(s, id + 100, "", &arrival, &ci), STORE_NOTFOUND);
	int64_t other = add_member(s, "Sam", "Jones", "");
	assert_int_equal(store_checkin_arrive(s, other, "Juggler", &arrival, &ci), STORE_INVALID);
	store_close(s);
}

/* ---- professions ---------------------------------------------------------------- */

static void professions_start_as_the_seed_list_and_can_be_changed(void **state)
{
	static const char *const seed[] = {
		"Nurse", "Doctor", "Allied health professional", "Pharmacist", "Manager",
		"Administrator", "Patient or carer representative", "Student", "Other",
	};
	fixture *f = *state;
	store *s = open_ok(f->path);
	char list[16][STORE_TEXT_MAX];
	int n = -1;

	assert_int_equal(store_professions(s, list, 16, &n), STORE_OK);
	assert_int_equal(n, 9);
	for (int i = 0; i < 9; i++)
		assert_string_equal(list[i], seed[i]);

	assert_int_equal(store_profession_add(s, "Paramedic"), STORE_OK);
	assert_int_equal(store_profession_add(s, "NURSE"), STORE_EXISTS);
	assert_string_equal(store_errmsg(s), "\"NURSE\" is already on the list.");
	assert_int_equal(store_profession_add(s, " - "), STORE_INVALID);
	assert_int_equal(store_profession_remove(s, "student"), STORE_OK);
	assert_int_equal(store_profession_remove(s, "Student"), STORE_NOTFOUND);
	assert_int_equal(store_professions(s, list, 16, &n), STORE_OK);
	assert_int_equal(n, 9);
	assert_string_equal(list[7], "Other");
	assert_string_equal(list[8], "Paramedic");
	assert_int_equal(store_professions(s, list, 3, &n), STORE_OK);
	assert_int_equal(n, 3);
	store_close(s);

	/* The list is the kiosk's: it survives reopening. */
	s = open_ok(f->path);
	assert_int_equal(store_professions(s, list, 16, &n), STORE_OK);
	assert_int_equal(n, 9);
	store_close(s);
}

/* ---- batches -------------------------------------------------------------------- */

static void a_batch_keeps_good_records_and_is_saved_or_undone_as_a_whole(void **state)
{
	fixture *f = *state;
	store *s = open_ok(f->path);
	store_member bad = member_named("", "Nobody", "", "");

	assert_int_equal(store_begin(s), STORE_OK);
	add_member(s, "Ann", "Lee", "");
	assert_int_equal(store_member_add(s, &bad), STORE_INVALID);
	add_member(s, "Ben", "Ng", "");
	assert_int_equal(store_commit(s), STORE_OK);
	assert_int_equal(query_int(s, "SELECT count(*) FROM members"), 2);
	assert_string_equal(search_names(s, "ben", 4), "Ben Ng");

	assert_int_equal(store_begin(s), STORE_OK);
	add_member(s, "Cara", "Jones", "");
	store_rollback(s);
	assert_int_equal(query_int(s, "SELECT count(*) FROM members"), 2);
	assert_string_equal(search_names(s, "cara", 4), "");
	store_rollback(s);      /* no batch: harmless */
	store_rollback(NULL);
	/* Ids carry on after the undone batch. */
	int64_t id = add_member(s, "Dev", "Shah", "");
	assert_true(id > 0);
	store_close(s);
}

/* ---- post-its ------------------------------------------------------------------- */

static store_note note_of(int64_t event_id, int64_t item_id, store_note_kind kind,
			  const char *body)
{
	store_note n;

	memset(&n, 0, sizeof n);
	n.event_id = event_id;
	n.agenda_item_id = item_id;
	n.kind = kind;
	snprintf(n.body, sizeof n.body, "%s", body);
	return n;
}

static void a_note_is_stored_with_its_agenda_item_and_no_person(void **state)
{
	fixture *f = *state;
	store *s = open_ok(f->path);
	int64_t ev = add_event(s, "Quarterly meeting"), other = add_event(s, "Other");
	store_agenda_item talk = item_named(ev, "Talk", "10:00", STORE_ACT_FORMAL);
	store_agenda_item elsewhere = item_named(other, "Walk", "10:00", STORE_ACT_VISITS);
	store_note a, b, c, list[4];
	int n = -1;

	assert_int_equal(store_agenda_add(s, &talk), STORE_OK);
	assert_int_equal(store_agenda_add(s, &elsewhere), STORE_OK);
	add_member(s, "Siân", "Ó Dálaigh", "NHS Wales");

	a = note_of(ev, talk.id, STORE_NOTE_WELL, "Real cases,\nnot slides");
	assert_int_equal(store_note_add(s, &a), STORE_OK);
	assert_true(a.id > 0);
	assert_int_equal(strncmp(a.gid, store_kiosk_id(s), 16), 0);
	assert_int_equal(a.group_size, 1);          /* 0 is one person */
	assert_true(llabs(a.at - store_now(s)) <= 1);
	b = note_of(ev, 0, STORE_NOTE_IMPROVE, "Too hot in here");
	b.group_size = 5;
	assert_int_equal(store_note_add(s, &b), STORE_OK);
	c = note_of(other, elsewhere.id, STORE_NOTE_IDEA, "Meet on site");
	assert_int_equal(store_note_add(s, &c), STORE_OK);
	store_close(s);

	s = open_ok(f->path);
	assert_int_equal(store_note_list(s, ev, list, 4, &n), STORE_OK);
	assert_int_equal(n, 2);
	assert_int_equal(list[0].id, a.id);
	assert_string_equal(list[0].gid, a.gid);
	assert_int_equal(list[0].event_id, ev);
	assert_int_equal(list[0].agenda_item_id, talk.id);
	assert_int_equal(list[0].kind, STORE_NOTE_WELL);
	assert_string_equal(list[0].body, "Real cases,\nnot slides");
	assert_int_equal(list[0].group_size, 1);
	assert_int_equal(list[0].at, a.at);
	assert_int_equal(list[1].agenda_item_id, 0);
	assert_int_equal(list[1].kind, STORE_NOTE_IMPROVE);
	assert_int_equal(list[1].group_size, 5);
	assert_int_equal(query_int(s, "SELECT count(*) FROM notes WHERE agenda_item_id "
				      "IS NULL"), 1);
	assert_int_equal(store_note_count(s, ev, &n), STORE_OK);
	assert_int_equal(n, 2);
	assert_int_equal(store_note_count(s, other, &n), STORE_OK);
	assert_int_equal(n, 1);
	/* Anonymous: nothing in a note could lead back to a person. */
	assert_int_equal(query_int(s, "SELECT count(*) FROM pragma_table_info('notes') "
				      "WHERE name LIKE '%member%' OR name LIKE '%checkin%'"), 0);
	/* Every record has its own number, and a change number to sync by. */
	assert_int_equal(query_int(s, "SELECT count(*) FROM notes WHERE changed_seq = seq"),
			 3);

	/* The item must be on this event's agenda; the event must exist. */
	a = note_of(ev, elsewhere.id, STORE_NOTE_WELL, "Wrong item");
	assert_int_equal(store_note_add(s, &a), STORE_NOTFOUND);
	assert_contains(store_errmsg(s), "not on the event's agenda");
	a = note_of(ev + 100, 0, STORE_NOTE_WELL, "No event");
	assert_int_equal(store_note_add(s, &a), STORE_NOTFOUND);
	assert_contains(store_errmsg(s), "no such event");
	assert_int_equal(store_agenda_delete(s, talk.id), STORE_OK);
	a = note_of(ev, talk.id, STORE_NOTE_WELL, "Removed item");
	assert_int_equal(store_note_add(s, &a), STORE_NOTFOUND);

	/* Groups of 2 to 12; kinds the kiosk knows. */
	a = note_of(ev, 0, STORE_NOTE_WELL, "Our table");
	a.group_size = 13;
	assert_int_equal(store_note_add(s, &a), STORE_INVALID);
	assert_string_equal(store_errmsg(s), "A small group has 2 to 12 people.");
	a.group_size = -1;
	assert_int_equal(store_note_add(s, &a), STORE_INVALID);
	a.group_size = 12;
	assert_int_equal(store_note_add(s, &a), STORE_OK);
	a = note_of(ev, 0, STORE_NOTE_KINDS, "Odd kind");
	assert_int_equal(store_note_add(s, &a), STORE_INVALID);
	assert_int_equal(store_note_count(s, ev, &n), STORE_OK);
	assert_int_equal(n, 3);
	store_close(s);
}

static void an_empty_note_cannot_be_stuck(void **state)
{
	static const char *const empty[] = {
		"", "   ", " \n \n", "\xC2\xA0",            /* no-break space */
		"\xE3\x80\x80",                            /* ideographic space */
	};
	fixture *f = *state;
	store *s = open_ok(f->path);
	int64_t ev = add_event(s, "Meeting");
	store_note note, list[2];
	int n;

	for (size_t i = 0; i < sizeof empty / sizeof empty[0]; i++) {
		note = note_of(ev, 0, STORE_NOTE_WELL, empty[i]);
		assert_int_equal(store_note_add(s, &note), STORE_INVALID);
		assert_string_equal(store_errmsg(s), "An empty note cannot be stuck.");
	}
	note = note_of(ev, 0, STORE_NOTE_WELL, "Tab\there");
	assert_int_equal(store_note_add(s, &note), STORE_INVALID);
	assert_contains(store_errmsg(s), "control characters");
	note = note_of(ev, 0, STORE_NOTE_WELL, "Caf\xC3");
	assert_int_equal(store_note_add(s, &note), STORE_INVALID);
	assert_contains(store_errmsg(s), "not valid text");
	assert_int_equal(store_note_count(s, ev, &n), STORE_OK);
	assert_int_equal(n, 0);
	/* Kept as typed, spaces and all. */
	note = note_of(ev, 0, STORE_NOTE_WELL, "  the coffee \n");
	assert_int_equal(store_note_add(s, &note), STORE_OK);
	assert_int_equal(store_note_list(s, ev, list, 2, &n), STORE_OK);
	assert_int_equal(n, 1);
	assert_string_equal(list[0].body, "  the coffee \n");
	store_close(s);
}

static void a_note_has_at_most_280_characters(void **state)
{
	fixture *f = *state;
	store *s = open_ok(f->path);
	int64_t ev = add_event(s, "Meeting");
	store_note note, list[4];
	int n;

	note = note_of(ev, 0, STORE_NOTE_WELL, "");
	for (int i = 0; i < STORE_NOTE_CHARS; i++)
		strcat(note.body, "\xC3\xA9");              /* é, two bytes */
	assert_int_equal(store_note_add(s, &note), STORE_OK);
	strcat(note.body, "\xC3\xA9");
	assert_int_equal(store_note_add(s, &note), STORE_INVALID);
	assert_string_equal(store_errmsg(s), "A note has at most 280 characters.");

	/* 280 emoji of four bytes fill the buffer exactly. */
	note = note_of(ev, 0, STORE_NOTE_IDEA, "");
	for (int i = 0; i < STORE_NOTE_CHARS; i++)
		strcat(note.body, "\xF0\x9F\x98\x80");
	assert_int_equal(strlen(note.body), STORE_NOTE_MAX - 1);
	assert_int_equal(store_note_add(s, &note), STORE_OK);
	/* A body with no end inside its buffer. */
	memset(note.body, 'a', sizeof note.body);
	assert_int_equal(store_note_add(s, &note), STORE_INVALID);
	assert_string_equal(store_errmsg(s), "A note has at most 280 characters.");

	assert_int_equal(store_note_list(s, ev, list, 4, &n), STORE_OK);
	assert_int_equal(n, 2);
	assert_int_equal(strlen(list[0].body), 2 * STORE_NOTE_CHARS);
	assert_int_equal(strlen(list[1].body), 4 * STORE_NOTE_CHARS);
	store_close(s);
}

static void the_third_kind_can_be_renamed_and_hidden_but_not_the_first_two(void **state)
{
	fixture *f = *state;
	char label[STORE_KIND_LABEL_MAX], small[6], long_label[STORE_KIND_LABEL_MAX + 8] = "";
	store *s = open_ok(f->path);
	int64_t ev = add_event(s, "Meeting");
	store_note note;

	assert_int_equal(store_note_kind_label(s, STORE_NOTE_WELL, label, sizeof label),
			 STORE_OK);
	assert_string_equal(label, "Going well");
	assert_int_equal(store_note_kind_label(s, STORE_NOTE_IMPROVE, label, sizeof label),
			 STORE_OK);
	assert_string_equal(label, "To be improved");
	assert_int_equal(store_note_kind_label(s, STORE_NOTE_IDEA, label, sizeof label),
			 STORE_OK);
	assert_string_equal(label, "Idea");
	for (int k = 0; k < STORE_NOTE_KINDS; k++)
		assert_true(store_note_kind_shown(s, (store_note_kind)k));

	assert_int_equal(store_note_kind_rename(s, STORE_NOTE_WELL, "Great"), STORE_INVALID);
	assert_int_equal(store_note_kind_rename(s, STORE_NOTE_IMPROVE, "Bad"), STORE_INVALID);
	assert_int_equal(store_note_kind_show(s, STORE_NOTE_WELL, false), STORE_INVALID);
	assert_int_equal(store_note_kind_show(s, STORE_NOTE_IMPROVE, false), STORE_INVALID);
	assert_int_equal(store_note_kind_show(s, STORE_NOTE_WELL, true), STORE_OK);
	assert_int_equal(store_note_kind_label(s, STORE_NOTE_KINDS, label, sizeof label),
			 STORE_INVALID);
	assert_false(store_note_kind_shown(s, STORE_NOTE_KINDS));

	assert_int_equal(store_note_kind_rename(s, STORE_NOTE_IDEA, ""), STORE_INVALID);
	assert_int_equal(store_note_kind_rename(s, STORE_NOTE_IDEA, "  "), STORE_INVALID);
	assert_int_equal(store_note_kind_rename(s, STORE_NOTE_IDEA, "Two\nlines"),
			 STORE_INVALID);
	memset(long_label, 'x', STORE_KIND_LABEL_CHARS + 1);
	assert_int_equal(store_note_kind_rename(s, STORE_NOTE_IDEA, long_label), STORE_INVALID);
	long_label[0] = '\0';
	for (int i = 0; i < STORE_KIND_LABEL_CHARS; i++)
		strcat(long_label, "\xC3\xA9");
	assert_int_equal(store_note_kind_rename(s, STORE_NOTE_IDEA, long_label), STORE_OK);
	assert_int_equal(store_note_kind_rename(s, STORE_NOTE_IDEA, "Next time"), STORE_OK);
	assert_int_equal(store_note_kind_show(s, STORE_NOTE_IDEA, false), STORE_OK);
	/* Not through the general settings either. */
	assert_int_equal(store_setting_set_int(s, "idea_hidden", 0), STORE_INVALID);
	store_close(s);

	s = open_ok(f->path);
	assert_int_equal(store_note_kind_label(s, STORE_NOTE_IDEA, label, sizeof label),
			 STORE_OK);
	assert_string_equal(label, "Next time");
	assert_false(store_note_kind_shown(s, STORE_NOTE_IDEA));
	assert_true(store_note_kind_shown(s, STORE_NOTE_WELL));
	assert_true(store_note_kind_shown(s, STORE_NOTE_IMPROVE));
	/* A small buffer gets the label cut at a character boundary. */
	assert_int_equal(store_note_kind_label(s, STORE_NOTE_IMPROVE, small, sizeof small),
			 STORE_OK);
	assert_string_equal(small, "To be");
	/* Hidden only stops the kind being offered: a note typed meanwhile stays. */
	note = note_of(ev, 0, STORE_NOTE_IDEA, "Typed before it was hidden");
	assert_int_equal(store_note_add(s, &note), STORE_OK);
	assert_int_equal(store_note_kind_show(s, STORE_NOTE_IDEA, true), STORE_OK);
	assert_true(store_note_kind_shown(s, STORE_NOTE_IDEA));
	store_close(s);
}

/* ---- the current agenda item ---------------------------------------------------- */

/* Moves the kiosk's clock to a local "YYYY-MM-DD HH:MM". */
static void clock_at(store *s, const char *when)
{
	int64_t t;

	assert_true(when_parse(when, &t));
	assert_int_equal(store_clock_set(s, t), STORE_OK);
}

static const char *current_title(store *s, int64_t ev)
{
	static store_agenda_item it;

	if (store_agenda_current(s, ev, &it) != STORE_OK)
		fail_msg("store_agenda_current: %s", store_errmsg(s));
	return it.title;
}

static void the_current_agenda_item_follows_the_clock_unless_chosen(void **state)
{
	fixture *f = *state;
	store_event ev = event_named("Away day", "2025-03-14 09:30");
	store_agenda_item welcome, talk, questions, walk, lunch, other, it;
	store *s = open_ok(f->path);
	int64_t bare, undated;
	char today[STORE_STARTS_MAX];

	assert_int_equal(store_event_add(s, &ev), STORE_OK);
	lunch = item_named(ev.id, "Lunch", "", STORE_ACT_SHARING);
	walk = item_named(ev.id, "Walk", "11:30", STORE_ACT_VISITS);
	talk = item_named(ev.id, "Talk", "10:00", STORE_ACT_FORMAL);
	questions = item_named(ev.id, "Questions", "10:00", STORE_ACT_INQUIRY);
	welcome = item_named(ev.id, "Welcome", "09:30", STORE_ACT_SHARING);
	assert_int_equal(store_agenda_add(s, &lunch), STORE_OK);
	assert_int_equal(store_agenda_add(s, &walk), STORE_OK);
	assert_int_equal(store_agenda_add(s, &talk), STORE_OK);
	assert_int_equal(store_agenda_add(s, &questions), STORE_OK);
	assert_int_equal(store_agenda_add(s, &welcome), STORE_OK);

	/* On the day: the last item whose time has come, else the first. */
	clock_at(s, "2025-03-14 08:00");
	assert_string_equal(current_title(s, ev.id), "Welcome");
	clock_at(s, "2025-03-14 09:30");
	assert_string_equal(current_title(s, ev.id), "Welcome");
	clock_at(s, "2025-03-14 10:15");
	assert_string_equal(current_title(s, ev.id), "Questions");   /* of the two at 10:00 */
	clock_at(s, "2025-03-14 17:00");
	assert_string_equal(current_title(s, ev.id), "Walk");        /* Lunch has no time */
	/* Before the day, the first item; after it, the last. */
	clock_at(s, "2025-03-13 23:59");
	assert_string_equal(current_title(s, ev.id), "Welcome");
	clock_at(s, "2025-03-15 08:00");
	assert_string_equal(current_title(s, ev.id), "Lunch");

	/* The facilitator's choice wins, until they give it back to the clock. */
	clock_at(s, "2025-03-14 10:15");
	assert_int_equal(store_agenda_chosen(s, ev.id), 0);
	assert_int_equal(store_agenda_set_current(s, ev.id, walk.id), STORE_OK);
	assert_int_equal(store_agenda_chosen(s, ev.id), walk.id);
	assert_string_equal(current_title(s, ev.id), "Walk");
	store_close(s);
	s = open_ok(f->path);
	assert_string_equal(current_title(s, ev.id), "Walk");
	assert_int_equal(store_agenda_set_current(s, ev.id, 0), STORE_OK);
	assert_int_equal(store_agenda_chosen(s, ev.id), 0);
	assert_string_equal(current_title(s, ev.id), "Questions");
	/* A chosen item that is removed leaves the choice to the clock. */
	assert_int_equal(store_agenda_set_current(s, ev.id, talk.id), STORE_OK);
	assert_int_equal(store_agenda_delete(s, talk.id), STORE_OK);
	assert_int_equal(store_agenda_chosen(s, ev.id), 0);
	assert_string_equal(current_title(s, ev.id), "Questions");
	assert_int_equal(store_agenda_set_current(s, ev.id, talk.id), STORE_NOTFOUND);

	/* Only the event's own items; an event without items has none. */
	bare = add_event(s, "No agenda yet");
	other = item_named(bare, "Elsewhere", "", STORE_ACT_SHARING);
	assert_int_equal(store_agenda_current(s, bare, &it), STORE_NOTFOUND);
	assert_string_equal(store_errmsg(s), "The event has no agenda yet.");
	assert_int_equal(store_agenda_add(s, &other), STORE_OK);
	assert_int_equal(store_agenda_set_current(s, ev.id, other.id), STORE_NOTFOUND);
	assert_int_equal(store_agenda_current(s, ev.id + 100, &it), STORE_NOTFOUND);
	assert_int_equal(store_agenda_set_current(s, ev.id + 100, 0), STORE_NOTFOUND);
	/* Not through the general settings either. */
	assert_int_equal(store_setting_set_int(s, "current_item:1", 2), STORE_INVALID);

	/* An event without a date is taken to be today. */
	undated = add_event(s, "Drop-in");
	it = item_named(undated, "Morning", "00:00", STORE_ACT_SHARING);
	assert_int_equal(store_agenda_add(s, &it), STORE_OK);
	it = item_named(undated, "Evening", "23:59", STORE_ACT_SHARING);
	assert_int_equal(store_agenda_add(s, &it), STORE_OK);
	when_format((int64_t)time(NULL), today, sizeof today);
	memcpy(today + 11, "12:00", 6);
	clock_at(s, today);
	assert_string_equal(current_title(s, undated), "Morning");
	store_close(s);
}

/* ---- prompts and answers -------------------------------------------------------- */

static store_prompt prompt_of(const char *text, store_prompt_kind kind)
{
	store_prompt p;

	memset(&p, 0, sizeof p);
	snprintf(p.text, sizeof p.text, "%s", text);
	p.kind = kind;
	return p;
}

static void the_prompt_bank_holds_the_seeds_questions(void **state)
{
	static const struct {
		const char *text;
		store_prompt_kind kind;
	} seeds[] = {
		{"How valuable was this session for your time?", STORE_PROMPT_SCALE},
		{"What is working well?", STORE_PROMPT_TEXT},
		{"What could we do better next time?", STORE_PROMPT_TEXT},
		{"In one word, how do you feel about today?", STORE_PROMPT_WORD},
		{"Which kind of learning activity engaged you most?", STORE_PROMPT_CHOICE},
		{"Who has a value-creation story to share?", STORE_PROMPT_TEXT},
	};
	fixture *f = *state;
	store_prompt list[8];
	store *s = open_ok(f->path);
	int n;

	assert_int_equal(store_prompt_list(s, list, 8, &n), STORE_OK);
	assert_int_equal(n, 6);
	for (int i = 0; i < n; i++) {
		assert_string_equal(list[i].text, seeds[i].text);
		assert_int_equal(list[i].kind, seeds[i].kind);
		/* Real records of this kiosk, numbered first in a new database. */
		assert_int_equal(strncmp(list[i].gid, store_kiosk_id(s), 16), 0);
		assert_int_equal(seq_of(list[i].gid), i + 1);
		if (list[i].kind != STORE_PROMPT_CHOICE)
			assert_int_equal(list[i].nchoices, 0);
	}
	assert_int_equal(list[4].nchoices, STORE_ACT_COUNT);
	for (int a = 0; a < STORE_ACT_COUNT; a++)
		assert_string_equal(list[4].choices[a], store_activity_name((store_activity)a));
	assert_int_equal(query_int(s, "SELECT count(*) FROM prompts WHERE changed_seq = seq "
				      "AND created_at > 0 AND deleted = 0"), 6);
	/* The cool-down after an answer is the issue's 3 s. */
	assert_int_equal(store_setting_int(s, STORE_SETTING_COOLDOWN, 0), 3000);
	store_close(s);
	/* Seeded once: reopening adds nothing. */
	s = open_ok(f->path);
	assert_int_equal(store_prompt_list(s, list, 8, &n), STORE_OK);
	assert_int_equal(n, 6);
	assert_int_equal(store_event_add(s, &(store_event){.title = "First"}), STORE_OK);
	assert_int_equal(query_int(s, "SELECT seq FROM events"), 7);
	store_close(s);
}

static void prompts_are_checked_and_can_be_changed(void **state)
{
	fixture *f = *state;
	store_prompt p, got, list[10];
	store_response r;
	store *s = open_ok(f->path);
	int64_t ev = add_event(s, "Meeting");
	int n;

	p = prompt_of("", STORE_PROMPT_SCALE);
	assert_int_equal(store_prompt_add(s, &p), STORE_INVALID);
	assert_string_equal(store_errmsg(s), "The question is empty.");
	p = prompt_of("Two\nlines?", STORE_PROMPT_TEXT);
	assert_int_equal(store_prompt_add(s, &p), STORE_INVALID);
	p = prompt_of("", STORE_PROMPT_TEXT);
	memset(p.text, 'q', STORE_PROMPT_CHARS + 1);
	assert_int_equal(store_prompt_add(s, &p), STORE_INVALID);
	p.text[STORE_PROMPT_CHARS] = '\0';
	assert_int_equal(store_prompt_add(s, &p), STORE_OK);
	p = prompt_of("Which?", STORE_PROMPT_KINDS);
	assert_int_equal(store_prompt_add(s, &p), STORE_INVALID);

	/* Choices: 2 to 8, each one line of 1 to 40 characters. */
	p = prompt_of("Tea or coffee?", STORE_PROMPT_CHOICE);
	p.nchoices = 1;
	snprintf(p.choices[0], sizeof p.choices[0], "Tea");
	assert_int_equal(store_prompt_add(s, &p), STORE_INVALID);
	assert_string_equal(store_errmsg(s), "A question with choices needs 2 to 8 choices.");
	p.nchoices = 9;
	assert_int_equal(store_prompt_add(s, &p), STORE_INVALID);
	p.nchoices = 2;
	assert_int_equal(store_prompt_add(s, &p), STORE_INVALID);      /* second is "" */
	snprintf(p.choices[1], sizeof p.choices[1], "Coffee\nor both");
	assert_int_equal(store_prompt_add(s, &p), STORE_INVALID);
	memset(p.choices[1], 'c', STORE_CHOICE_CHARS + 1);
	p.choices[1][STORE_CHOICE_CHARS + 1] = '\0';
	assert_int_equal(store_prompt_add(s, &p), STORE_INVALID);
	p.choices[1][STORE_CHOICE_CHARS] = '\0';
	assert_int_equal(store_prompt_add(s, &p), STORE_OK);
	snprintf(p.choices[1], sizeof p.choices[1], "Coffee");
	snprintf(p.choices[2], sizeof p.choices[2], "Chá");
	p.nchoices = 3;
	assert_int_equal(store_prompt_update(s, &p), STORE_OK);
	assert_int_equal(store_prompt_get(s, p.id, &got), STORE_OK);
	assert_string_equal(got.gid, p.gid);
	assert_int_equal(got.nchoices, 3);
	assert_string_equal(got.choices[0], "Tea");
	assert_string_equal(got.choices[1], "Coffee");
	assert_string_equal(got.choices[2], "Chá");
	assert_true(query_int(s, "SELECT changed_seq > seq FROM prompts WHERE text = "
				 "'Tea or coffee?'"));

	/* Other kinds have no choices. */
	p = prompt_of("How was the room?", STORE_PROMPT_SCALE);
	p.nchoices = 3;
	snprintf(p.choices[0], sizeof p.choices[0], "Warm");
	assert_int_equal(store_prompt_add(s, &p), STORE_OK);
	assert_int_equal(p.nchoices, 0);
	assert_int_equal(store_prompt_get(s, p.id, &got), STORE_OK);
	assert_int_equal(got.nchoices, 0);
	assert_int_equal(query_int(s, "SELECT count(*) FROM prompts WHERE text = "
				      "'How was the room?' AND choices = ''"), 1);
	/* Until it has answers its kind may change; then only its wording. */
	p.kind = STORE_PROMPT_WORD;
	assert_int_equal(store_prompt_update(s, &p), STORE_OK);
	memset(&r, 0, sizeof r);
	r.prompt_id = p.id;
	r.event_id = ev;
	snprintf(r.text, sizeof r.text, "Stuffy");
	assert_int_equal(store_response_add(s, &r), STORE_OK);
	p.kind = STORE_PROMPT_SCALE;
	assert_int_equal(store_prompt_update(s, &p), STORE_INVALID);
	assert_contains(store_errmsg(s), "has answers already");
	p.kind = STORE_PROMPT_WORD;
	snprintf(p.text, sizeof p.text, "The room in one word?");
	assert_int_equal(store_prompt_update(s, &p), STORE_OK);
	p.id = 999;
	assert_int_equal(store_prompt_update(s, &p), STORE_NOTFOUND);
	assert_int_equal(store_prompt_get(s, 999, &got), STORE_NOTFOUND);

	/* The bank in the order written, the seed's first. */
	assert_int_equal(store_prompt_list(s, list, 10, &n), STORE_OK);
	assert_int_equal(n, 9);
	assert_string_equal(list[0].text, "How valuable was this session for your time?");
	assert_string_equal(list[7].text, "Tea or coffee?");
	assert_string_equal(list[8].text, "The room in one word?");
	store_close(s);
}

static void a_running_prompt_can_be_stopped(void **state)
{
	fixture *f = *state;
	store_prompt bank[6], p;
	store_agenda_item talk, elsewhere;
	store *s = open_ok(f->path);
	int64_t ev = add_event(s, "Meeting"), other = add_event(s, "Other");
	int64_t at = -1, item = -1;
	int n;

	talk = item_named(ev, "Talk", "10:00", STORE_ACT_FORMAL);
	elsewhere = item_named(other, "Walk", "", STORE_ACT_VISITS);
	assert_int_equal(store_agenda_add(s, &talk), STORE_OK);
	assert_int_equal(store_agenda_add(s, &elsewhere), STORE_OK);
	assert_int_equal(store_prompt_list(s, bank, 6, &n), STORE_OK);

	assert_int_equal(store_prompt_running(s, &p, &at, &item), STORE_NOTFOUND);
	assert_string_equal(store_errmsg(s), "No question is running.");
	assert_int_equal(store_prompt_start(s, ev, bank[0].id, 0), STORE_OK);
	assert_int_equal(store_prompt_running(s, &p, &at, &item), STORE_OK);
	assert_int_equal(p.id, bank[0].id);
	assert_string_equal(p.text, bank[0].text);
	assert_int_equal(at, ev);
	assert_int_equal(item, 0);
	/* Starting another stops the first. */
	assert_int_equal(store_prompt_start(s, ev, bank[3].id, talk.id), STORE_OK);
	store_close(s);

	s = open_ok(f->path);
	assert_int_equal(store_prompt_running(s, NULL, NULL, NULL), STORE_OK);
	assert_int_equal(store_prompt_running(s, &p, &at, &item), STORE_OK);
	assert_int_equal(p.id, bank[3].id);
	assert_int_equal(p.kind, STORE_PROMPT_WORD);
	assert_int_equal(item, talk.id);
	assert_int_equal(store_prompt_stop(s), STORE_OK);
	assert_int_equal(store_prompt_running(s, NULL, NULL, NULL), STORE_NOTFOUND);
	assert_int_equal(store_prompt_stop(s), STORE_OK);      /* nothing runs: harmless */

	/* A real event, a prompt in the bank, an item on the event's agenda. */
	assert_int_equal(store_prompt_start(s, ev + 100, bank[0].id, 0), STORE_NOTFOUND);
	assert_int_equal(store_prompt_start(s, ev, 999, 0), STORE_NOTFOUND);
	assert_int_equal(store_prompt_start(s, ev, bank[0].id, elsewhere.id), STORE_NOTFOUND);
	assert_int_equal(store_prompt_running(s, NULL, NULL, NULL), STORE_NOTFOUND);
	/* Not through the general settings either. */
	assert_int_equal(store_setting_set_int(s, "prompt_running", bank[0].id), STORE_INVALID);
	assert_int_equal(store_prompt_running(s, NULL, NULL, NULL), STORE_NOTFOUND);
	store_close(s);
}

static void deleting_a_running_prompt_stops_it(void **state)
{
	fixture *f = *state;
	store_prompt bank[6], p, list[6];
	store_response r, answers[2];
	store *s = open_ok(f->path);
	int64_t ev = add_event(s, "Meeting");
	int n;

	assert_int_equal(store_prompt_list(s, bank, 6, &n), STORE_OK);
	memset(&r, 0, sizeof r);
	r.prompt_id = bank[0].id;
	r.event_id = ev;
	r.value = 4;
	assert_int_equal(store_response_add(s, &r), STORE_OK);

	/* Removing another prompt leaves the running one running. */
	assert_int_equal(store_prompt_start(s, ev, bank[0].id, 0), STORE_OK);
	assert_int_equal(store_prompt_delete(s, bank[5].id), STORE_OK);
	assert_int_equal(store_prompt_running(s, &p, NULL, NULL), STORE_OK);
	assert_int_equal(p.id, bank[0].id);

	assert_int_equal(store_prompt_delete(s, bank[0].id), STORE_OK);
	assert_int_equal(store_prompt_running(s, &p, NULL, NULL), STORE_NOTFOUND);
	assert_int_equal(store_prompt_list(s, list, 6, &n), STORE_OK);
	assert_int_equal(n, 4);
	assert_int_equal(list[0].id, bank[1].id);
	/* Hidden, not deleted: it and its answers stay for the results. */
	assert_int_equal(store_prompt_get(s, bank[0].id, &p), STORE_OK);
	assert_string_equal(p.text, "How valuable was this session for your time?");
	assert_int_equal(store_response_list(s, bank[0].id, ev, answers, 2, &n), STORE_OK);
	assert_int_equal(n, 1);
	assert_int_equal(query_int(s, "SELECT count(*) FROM prompts WHERE deleted = 1 "
				      "AND changed_seq > seq"), 2);
	/* But it is no longer asked, changed or answered. */
	assert_int_equal(store_prompt_start(s, ev, bank[0].id, 0), STORE_NOTFOUND);
	assert_int_equal(store_prompt_update(s, &bank[0]), STORE_NOTFOUND);
	assert_int_equal(store_response_add(s, &r), STORE_NOTFOUND);
	assert_string_equal(store_errmsg(s), "That question has been removed from the bank.");
	assert_int_equal(store_prompt_delete(s, bank[0].id), STORE_NOTFOUND);
	assert_int_equal(store_prompt_delete(s, 999), STORE_NOTFOUND);
	store_close(s);
}

static store_response answer_to(int64_t prompt_id, int64_t event_id, int value,
				const char *text)
{
	store_response r;

	memset(&r, 0, sizeof r);
	r.prompt_id = prompt_id;
	r.event_id = event_id;
	r.value = value;
	snprintf(r.text, sizeof r.text, "%s", text);
	return r;
}

static void answers_are_checked_against_their_prompt(void **state)
{
	fixture *f = *state;
	store_prompt bank[6];
	store_agenda_item talk, elsewhere;
	store_response r, list[8];
	store *s = open_ok(f->path);
	int64_t ev = add_event(s, "Meeting"), other = add_event(s, "Other");
	int64_t scale, word, text, choice;
	int n;

	talk = item_named(ev, "Talk", "10:00", STORE_ACT_FORMAL);
	elsewhere = item_named(other, "Walk", "", STORE_ACT_VISITS);
	assert_int_equal(store_agenda_add(s, &talk), STORE_OK);
	assert_int_equal(store_agenda_add(s, &elsewhere), STORE_OK);
	assert_int_equal(store_prompt_list(s, bank, 6, &n), STORE_OK);
	scale = bank[0].id;
	text = bank[1].id;
	word = bank[3].id;
	choice = bank[4].id;

	/* A scale: one of the five faces. */
	for (int v = -1; v <= 6; v += 7) {
		r = answer_to(scale, ev, v == -1 ? 0 : v, "");
		assert_int_equal(store_response_add(s, &r), STORE_INVALID);
		assert_string_equal(store_errmsg(s), "Please choose one of the five faces.");
	}
	r = answer_to(scale, ev, 5, "ignored");
	r.agenda_item_id = talk.id;
	assert_int_equal(store_response_add(s, &r), STORE_OK);
	assert_true(r.id > 0);
	assert_true(llabs(r.at - store_now(s)) <= 1);
	assert_string_equal(r.text, "");
	r = answer_to(scale, ev, 1, "");
	assert_int_equal(store_response_add(s, &r), STORE_OK);

	/* A choice: one of its choices, by number. */
	r = answer_to(choice, ev, STORE_ACT_COUNT, "");
	assert_int_equal(store_response_add(s, &r), STORE_INVALID);
	r = answer_to(choice, ev, -1, "");
	assert_int_equal(store_response_add(s, &r), STORE_INVALID);
	r = answer_to(choice, ev, STORE_ACT_VISITS, "");
	assert_int_equal(store_response_add(s, &r), STORE_OK);

	/* One word: trimmed, nothing between, at most 40 characters. */
	r = answer_to(word, ev, 3, "  Inspired \n");
	assert_int_equal(store_response_add(s, &r), STORE_OK);
	assert_string_equal(r.text, "Inspired");
	assert_int_equal(r.value, 0);
	static const char *const not_a_word[] = {"", "   ", "two words", "tab\there",
						 "a\nb", "\xE3\x80\x80"};
	for (size_t i = 0; i < sizeof not_a_word / sizeof not_a_word[0]; i++) {
		r = answer_to(word, ev, 0, not_a_word[i]);
		assert_int_equal(store_response_add(s, &r), STORE_INVALID);
		assert_string_equal(store_errmsg(s), "Please give one word.");
	}
	r = answer_to(word, ev, 0, "");
	for (int i = 0; i < STORE_WORD_CHARS; i++)
		strcat(r.text, "\xC3\xA9");
	assert_int_equal(store_response_add(s, &r), STORE_OK);
	strcat(r.text, "\xC3\xA9");
	assert_int_equal(store_response_add(s, &r), STORE_INVALID);
	assert_contains(store_errmsg(s), "one word of at most 40 characters");
	r = answer_to(word, ev, 0, "満足");
	assert_int_equal(store_response_add(s, &r), STORE_OK);

	/* A text: not empty, at most 280 characters, new lines allowed. */
	r = answer_to(text, ev, 0, " \n ");
	assert_int_equal(store_response_add(s, &r), STORE_INVALID);
	assert_string_equal(store_errmsg(s), "Please write your answer first.");
	r = answer_to(text, ev, 0, "");
	memset(r.text, 'x', STORE_NOTE_CHARS + 1);
	assert_int_equal(store_response_add(s, &r), STORE_INVALID);
	assert_string_equal(store_errmsg(s), "An answer has at most 280 characters.");
	r = answer_to(text, ev, 4, "The case studies.\nAnd the tea.");
	assert_int_equal(store_response_add(s, &r), STORE_OK);
	assert_int_equal(r.value, 0);

	/* A real prompt, a real event, an item on the event's agenda. */
	r = answer_to(999, ev, 3, "");
	assert_int_equal(store_response_add(s, &r), STORE_NOTFOUND);
	r = answer_to(scale, ev + 100, 3, "");
	assert_int_equal(store_response_add(s, &r), STORE_NOTFOUND);
	r = answer_to(scale, ev, 3, "");
	r.agenda_item_id = elsewhere.id;
	assert_int_equal(store_response_add(s, &r), STORE_NOTFOUND);
	r = answer_to(scale, other, 2, "");
	r.agenda_item_id = elsewhere.id;
	assert_int_equal(store_response_add(s, &r), STORE_OK);
	store_close(s);

	/* Listed by prompt and event, in the order given. */
	s = open_ok(f->path);
	assert_int_equal(store_response_list(s, scale, ev, list, 8, &n), STORE_OK);
	assert_int_equal(n, 2);
	assert_int_equal(list[0].value, 5);
	assert_int_equal(list[0].agenda_item_id, talk.id);
	assert_int_equal(list[0].prompt_id, scale);
	assert_int_equal(list[0].event_id, ev);
	assert_string_equal(list[0].text, "");
	assert_int_equal(list[1].value, 1);
	assert_int_equal(list[1].agenda_item_id, 0);
	assert_int_equal(store_response_list(s, scale, other, list, 8, &n), STORE_OK);
	assert_int_equal(n, 1);
	assert_int_equal(store_response_list(s, word, ev, list, 8, &n), STORE_OK);
	assert_int_equal(n, 3);
	assert_string_equal(list[0].text, "Inspired");
	assert_string_equal(list[2].text, "満足");
	assert_int_equal(store_response_list(s, choice, ev, list, 8, &n), STORE_OK);
	assert_int_equal(n, 1);
	assert_int_equal(list[0].value, STORE_ACT_VISITS);
	assert_int_equal(store_response_list(s, text, ev, list, 8, &n), STORE_OK);
	assert_int_equal(n, 1);
	assert_string_equal(list[0].text, "The case studies.\nAnd the tea.");
	/* Scale and choice answers keep a number, word and text ones a text. */
	assert_int_equal(query_int(s, "SELECT count(*) FROM responses WHERE "
				      "(value IS NULL) = (text IS NULL)"), 0);
	assert_int_equal(query_int(s, "SELECT count(*) FROM pragma_table_info('responses') "
				      "WHERE name LIKE '%member%'"), 0);
	store_close(s);
}

static void a_database_at_version_3_migrates_keeping_members(void **state)
{
	fixture *f = *state;
	char err[512] = "", other[192];
	store_member found[2];
	store_prompt bank[8];
	store_event ev = event_named("Spring meeting", "2024-03-14 09:30");
	store *s = NULL;
	int64_t member, next;
	int n;

	assert_int_equal(store_open_at_version(f->path, 3, &s, err, sizeof err), STORE_OK);
	assert_int_equal(store_schema_version(s), 3);
	assert_int_equal(query_int(s, "SELECT count(*) FROM prompts"), 0);
	assert_int_equal(store_setting_int(s, STORE_SETTING_COOLDOWN, 0), 1500);
	member = add_member(s, "Siân", "Ó Dálaigh", "NHS Wales");
	assert_int_equal(store_event_add(s, &ev), STORE_OK);
	assert_int_equal(store_checkin_add(s, ev.id, member, NULL, NULL), STORE_OK);
	store_close(s);

	s = open_ok(f->path);
	assert_int_equal(store_schema_version(s), store_schema_latest());
	assert_string_equal(search_names(s, "sian", 4), "Siân Ó Dálaigh");
	assert_int_equal(store_member_search(s, "odal", found, 2, &n), STORE_OK);
	assert_int_equal(n, 1);
	assert_int_equal(found[0].id, member);
	assert_int_equal(store_checkin_count(s, ev.id, &n), STORE_OK);
	assert_int_equal(n, 1);
	/* The seed's prompts come after the old kiosk's records, under its id,
	 * and what is added next comes after them. */
	assert_int_equal(store_prompt_list(s, bank, 8, &n), STORE_OK);
	assert_int_equal(n, 6);
	assert_int_equal(strncmp(bank[0].gid, store_kiosk_id(s), 16), 0);
	assert_int_equal(seq_of(bank[0].gid), 4);    /* member 1, event 2, check-in 3 */
	assert_int_equal(seq_of(bank[5].gid), 9);
	next = add_member(s, "Ravi", "Patel", "");
	assert_int_equal(query_int(s, "SELECT max(seq) FROM members"), 10);
	assert_true(next > member);
	/* An answer's columns are named as store_response's fields. */
	assert_int_equal(query_int(s, "SELECT count(*) FROM pragma_table_info('responses') "
				      "WHERE name IN ('value', 'text')"), 2);
	/* The old default cool-down becomes the new one. */
	assert_int_equal(store_setting_int(s, STORE_SETTING_COOLDOWN, 0), 3000);
	store_close(s);

	/* A cool-down the facilitator chose is kept. */
	snprintf(other, sizeof other, "%s/other.db", f->dir);
	assert_int_equal(store_open_at_version(other, 3, &s, err, sizeof err), STORE_OK);
	assert_int_equal(store_setting_set_int(s, STORE_SETTING_COOLDOWN, 2000), STORE_OK);
	store_close(s);
	s = open_ok(other);
	assert_int_equal(store_setting_int(s, STORE_SETTING_COOLDOWN, 0), 2000);
	store_close(s);
}

static void a_database_at_version_4_migrates_keeping_its_notes_for_the_review(void **state)
{
	fixture *f = *state;
	char err[512] = "";
	store_wall_note wall[2];
	store_theme theme;
	store *s = NULL;
	int64_t ev;
	store_note note;
	int n = -1, votes = -1;

	assert_int_equal(store_open_at_version(f->path, 4, &s, err, sizeof err), STORE_OK);
	ev = add_event(s, "Spring meeting");
	note = note_of(ev, 0, STORE_NOTE_IMPROVE, "Handover at night");
	assert_int_equal(store_note_add(s, &note), STORE_OK);
	assert_int_equal(query_int(s, "SELECT count(*) FROM sqlite_master WHERE name IN "
				      "('themes', 'votes')"), 0);
	store_close(s);

	s = open_ok(f->path);
	assert_int_equal(store_schema_version(s), store_schema_latest());
	assert_true(store_schema_latest() >= 5);
	assert_int_equal(store_wall(s, ev, 0, wall, 2, &n), STORE_OK);
	assert_int_equal(n, 1);
	assert_int_equal(wall[0].note.id, note.id);
	assert_string_equal(wall[0].note.body, "Handover at night");
	assert_int_equal(wall[0].votes, 0);
	assert_int_equal(wall[0].theme_id, 0);
	/* Themes and dots are records numbered by the same counter. */
	assert_int_equal(store_theme_add(s, ev, "Handover", &note.id, 1, &theme), STORE_OK);
	assert_int_equal(store_note_vote(s, note.id, 1, &votes), STORE_OK);
	assert_int_equal(votes, 1);
	assert_int_equal(query_int(s, "SELECT seq FROM themes"), seq_of(note.gid) + 1);
	assert_int_equal(query_int(s, "SELECT seq FROM votes"), seq_of(note.gid) + 2);
	assert_int_equal(query_int(s, "SELECT count(*) FROM themes t JOIN votes v "
				      "ON t.kiosk = v.kiosk WHERE t.kiosk = (SELECT value FROM "
				      "settings WHERE key = 'kiosk_id')"), 1);
	store_close(s);
}

static void notes_and_answers_in_a_batch_keep_the_good_ones(void **state)
{
	fixture *f = *state;
	store *s = open_ok(f->path);
	int64_t ev = add_event(s, "Meeting");
	store_note good = note_of(ev, 0, STORE_NOTE_WELL, "Good"),
		   empty = note_of(ev, 0, STORE_NOTE_WELL, " "),
		   lost = note_of(ev + 100, 0, STORE_NOTE_WELL, "No event");
	store_prompt p = prompt_of("Room OK?", STORE_PROMPT_SCALE);
	int n;

	assert_int_equal(store_begin(s), STORE_OK);
	assert_int_equal(store_note_add(s, &good), STORE_OK);
	assert_int_equal(store_note_add(s, &empty), STORE_INVALID);
	assert_int_equal(store_note_add(s, &lost), STORE_NOTFOUND);
	assert_int_equal(store_prompt_add(s, &p), STORE_OK);
	assert_int_equal(store_prompt_start(s, ev, p.id, 0), STORE_OK);
	assert_int_equal(store_commit(s), STORE_OK);
	assert_int_equal(store_note_count(s, ev, &n), STORE_OK);
	assert_int_equal(n, 1);
	assert_int_equal(store_prompt_running(s, NULL, NULL, NULL), STORE_OK);

	assert_int_equal(store_begin(s), STORE_OK);
	assert_int_equal(store_note_add(s, &good), STORE_OK);
	assert_int_equal(store_prompt_stop(s), STORE_OK);
	store_rollback(s);
	assert_int_equal(store_note_count(s, ev, &n), STORE_OK);
	assert_int_equal(n, 1);
	assert_int_equal(store_prompt_running(s, NULL, NULL, NULL), STORE_OK);
	store_close(s);
}

/* ---- sync batches and exports ---------------------------------------------------- */

/* The number of lines of JSON Lines text that hold needle. */
static int lines_with(const char *text, const char *needle)
{
	int count = 0;

	for (const char *line = text; *line;) {
		const char *nl = strchr(line, '\n');
		size_t len = nl ? (size_t)(nl - line) : strlen(line);
		const char *hit = strstr(line, needle);

		if (hit && (size_t)(hit - line) < len)
			count++;
		line += len + (nl != NULL);
	}
	return count;
}

/* Every record the store would sync: the rows of the synced tables. */
static int64_t synced_rows(store *s)
{
	return query_int(s, "SELECT (SELECT count(*) FROM events) + (SELECT count(*) FROM "
			    "agenda_items) + (SELECT count(*) FROM members) + (SELECT count(*) "
			    "FROM checkins) + (SELECT count(*) FROM themes) + (SELECT count(*) "
			    "FROM notes) + (SELECT count(*) FROM prompts) + (SELECT count(*) "
			    "FROM responses)");
}

/* The batch to show, which must be there; *records freed by the caller. */
static store_batch batch_ok(store *s, char **records, size_t *len)
{
	store_batch b;
	int rc = store_sync_batch(s, &b, records, len);

	if (rc != STORE_OK)
		fail_msg("store_sync_batch = %d: %s", rc, store_errmsg(s));
	assert_non_null(*records);
	assert_int_equal(strlen(*records), *len);
	return b;
}

/* True if the file at path holds text anywhere (a missing file holds nothing). */
static bool file_holds(const char *path, const char *text)
{
	size_t len = 0;
	unsigned char *data;
	bool found;

	if (!file_exists(path))
		return false;
	data = slurp(path, &len);
	found = false;
	for (size_t i = 0, n = strlen(text); !found && i + n <= len; i++)
		found = memcmp(data + i, text, n) == 0;
	free(data);
	return found;
}

static void a_forgotten_member_leaves_no_byte_in_the_file_its_wal_or_its_batches(void **state)
{
	fixture *f = *state;
	static const char *const traces[] = {"Zebedee", "Quixotic", "Quixote Trust", "zq.unique@example.org",
					     "zebedee quixotic", "quixotic"};
	char wal[600], shm[600], *records = NULL;
	size_t len = 0;
	store *s = open_ok(f->path);
	int64_t ev = add_event(s, "Spring meeting");
	store_member m = member_named("Zebedee", "Quixotic", "Quixote Trust", "zq.unique@example.org");
	store_checkin c;
	store_batch acked, pending;

	snprintf(wal, sizeof wal, "%s-wal", f->path);
	snprintf(shm, sizeof shm, "%s-shm", f->path);
	/* Set by the store, not left to how SQLite was built (Debian's has it
	 * on by default, others do not). */
	assert_int_equal(query_int(s, "PRAGMA secure_delete"), 1);
	add_member(s, "Ravi", "Patel", "NHS England");
	m.mailing_list = true;
	assert_int_equal(store_walk_in(s, ev, &m, "", &c), STORE_OK);
	/* An earlier spelling, freed by a correction. */
	snprintf(m.organisation, sizeof m.organisation, "Quixote Trust (North)");
	assert_int_equal(store_member_update(s, &m), STORE_OK);
	acked = batch_ok(s, &records, &len);
	assert_non_null(strstr(records, "Quixotic"));
	free(records);
	assert_int_equal(store_sync_ack(s, acked.id), STORE_OK);
	snprintf(m.profession, sizeof m.profession, "Nurse");
	assert_int_equal(store_member_update(s, &m), STORE_OK);
	pending = batch_ok(s, &records, &len);
	assert_true(pending.id > acked.id);
	assert_non_null(strstr(records, "Quixotic"));
	free(records);
	for (size_t i = 0; i < sizeof traces / sizeof traces[0]; i++)
		assert_true(file_holds(f->path, traces[i]) || file_holds(wal, traces[i]));

	assert_int_equal(store_member_forget(s, m.id), STORE_OK);
	/* While the kiosk still runs (the WAL is there), and after. */
	for (size_t i = 0; i < sizeof traces / sizeof traces[0]; i++) {
		if (file_holds(f->path, traces[i]) || file_holds(wal, traces[i]) || file_holds(shm, traces[i]))
			fail_msg("\"%s\" is still in the data file or its WAL", traces[i]);
	}
	/* The batches keep their records, the member now as forgotten. */
	assert_int_equal(query_int(s, "SELECT count(*) FROM sync_batches WHERE records LIKE "
				      "'%\"forgotten\":true%'"), 2);
	assert_int_equal(query_int(s, "SELECT sum(record_count) = sum(length(records) - "
				      "length(replace(records, char(10), ''))) FROM sync_batches"), 1);
	/* The one waiting can still be acknowledged; the next sends the forget. */
	assert_int_equal(store_sync_ack(s, pending.id), STORE_OK);
	pending = batch_ok(s, &records, &len);
	assert_non_null(strstr(records, "\"forgotten\":true"));
	assert_null(strstr(records, "Quixotic"));
	free(records);
	store_close(s);
	for (size_t i = 0; i < sizeof traces / sizeof traces[0]; i++)
		assert_false(file_holds(f->path, traces[i]));
}

static void a_forgotten_member_is_recognised_by_email_or_name_and_organisation(void **state)
{
	fixture *f = *state;
	store *s = open_ok(f->path);
	store_member m = member_named("Siân", "Ó Dálaigh", "NHS Wales", "Sian.Odalaigh@wales.nhs.uk");
	store_member by_name = member_named("sian", "o dalaigh", "nhs wales", "");
	store_member by_email = member_named("S", "O", "Elsewhere", "sian.odalaigh@WALES.nhs.uk");
	store_member other = member_named("Sian", "O Dalaigh", "Elsewhere", "other@wales.nhs.uk");

	assert_int_equal(store_member_add(s, &m), STORE_OK);
	assert_int_equal(store_member_forgotten(s, &m), STORE_NOTFOUND);
	assert_int_equal(store_member_forget(s, m.id), STORE_OK);
	assert_int_equal(store_member_forgotten(s, &m), STORE_OK);
	assert_int_equal(store_member_forgotten(s, &by_name), STORE_OK);
	assert_int_equal(store_member_forgotten(s, &by_email), STORE_OK);
	assert_int_equal(store_member_forgotten(s, &other), STORE_NOTFOUND);
	/* Tokens, not the words. */
	assert_int_equal(query_int(s, "SELECT count(*) FROM settings WHERE key LIKE 'forgotten:%'"), 2);
	assert_int_equal(query_int(s, "SELECT count(*) FROM settings WHERE key LIKE '%dalaigh%' "
				      "OR key LIKE '%wales%'"), 0);
	assert_int_equal(store_setting_set_int(s, "forgotten:00", 1), STORE_INVALID);
	store_close(s);
}

/* An event with one of each kind of record, an undone check-in and a
 * forgotten member; *note_id receives the note. */
static int64_t event_with_one_of_each(store *s, int64_t *note_id)
{
	int64_t ev = add_event(s, "Spring \"meeting\"");
	store_agenda_item talk = item_named(ev, "Talk", "10:00", STORE_ACT_FORMAL);
	store_note note = note_of(ev, 0, STORE_NOTE_WELL, "Line one\nline two — ünïcode");
	store_prompt bank[6];
	store_response r;
	int64_t sian = add_member(s, "Siân", "Ó Dálaigh", "NHS Wales");
	int64_t ravi = add_member(s, "Ravi", "Patel", "");
	int64_t gone = add_member(s, "Forget", "Me", "Secret Org");
	store_checkin undone;
	int n;

	assert_int_equal(store_agenda_add(s, &talk), STORE_OK);
	note.agenda_item_id = talk.id;
	assert_int_equal(store_note_add(s, &note), STORE_OK);
	assert_int_equal(store_theme_add(s, ev, "Handover", &note.id, 1, NULL), STORE_OK);
	assert_int_equal(store_checkin_add(s, ev, sian, "Critical friend", NULL), STORE_OK);
	assert_int_equal(store_checkin_add(s, ev, ravi, "", &undone), STORE_OK);
	assert_int_equal(store_checkin_undo(s, undone.id), STORE_OK);
	assert_int_equal(store_checkin_add(s, ev, gone, "", NULL), STORE_OK);
	assert_int_equal(store_member_forget(s, gone), STORE_OK);
	assert_int_equal(store_prompt_list(s, bank, 6, &n), STORE_OK);
	r = answer_to(bank[0].id, ev, 4, "");
	r.agenda_item_id = talk.id;
	assert_int_equal(store_response_add(s, &r), STORE_OK);
	*note_id = note.id;
	return ev;
}

static void a_new_batch_holds_every_record_not_yet_acknowledged(void **state)
{
	fixture *f = *state;
	store *s = open_ok(f->path);
	int64_t note_id, ev = event_with_one_of_each(s, &note_id);
	char *records = NULL, line[256];
	size_t len = 0;
	store_batch b;
	store_event event;
	int lines = 0;

	assert_int_equal(store_event_get(s, ev, &event), STORE_OK);
	b = batch_ok(s, &records, &len);
	assert_int_equal(b.id, 1);
	assert_int_equal(b.acked_at, 0);
	assert_true(b.created_at >= store_now(s) - 60 && b.created_at <= store_now(s));
	/* One line per record of every synced table, the seed's prompts too. */
	assert_int_equal(b.records, synced_rows(s));
	assert_int_equal(lines_with(records, "{\"type\":"), b.records);
	assert_int_equal(records[len - 1], '\n');
	for (size_t i = 0; i < len; i++)
		lines += records[i] == '\n';
	assert_int_equal(lines, b.records);
	assert_int_equal(lines_with(records, "\"type\":\"event\""), 1);
	assert_int_equal(lines_with(records, "\"type\":\"agenda_item\""), 1);
	assert_int_equal(lines_with(records, "\"type\":\"member\""), 3);
	assert_int_equal(lines_with(records, "\"type\":\"checkin\""), 3);
	assert_int_equal(lines_with(records, "\"type\":\"theme\""), 1);
	assert_int_equal(lines_with(records, "\"type\":\"note\""), 1);
	assert_int_equal(lines_with(records, "\"type\":\"prompt\""), 6);
	assert_int_equal(lines_with(records, "\"type\":\"response\""), 1);
	assert_int_equal(lines_with(records, "\"type\":\"vote\""), 0);
	/* The form of sync/PROTOCOL.md: gids, references as gids, "changed". */
	snprintf(line, sizeof line, "{\"type\":\"event\",\"gid\":\"%s\",\"changed\":%lld,",
		 event.gid, (long long)seq_of(event.gid));
	assert_int_equal(lines_with(records, line), 1);
	assert_int_equal(lines_with(records, "\"title\":\"Spring \\\"meeting\\\"\""), 1);
	snprintf(line, sizeof line, "\"event\":\"%s\"", event.gid);
	assert_int_equal(lines_with(records, line), 1 + 3 + 1 + 1 + 1);
	assert_int_equal(lines_with(records, "\"role\":\"Critical friend\",\"undone\":false"), 1);
	assert_int_equal(lines_with(records, "\"undone\":true"), 1);
	assert_int_equal(lines_with(records, "\"first_name\":\"\",\"last_name\":\"\","
				    "\"organisation\":\"\""), 1);
	assert_int_equal(lines_with(records, "\"forgotten\":true"), 1);
	assert_int_equal(lines_with(records, "Secret Org"), 0);
	assert_int_equal(lines_with(records, "\"body\":\"Line one\\nline two — ünïcode\""), 1);
	assert_int_equal(lines_with(records, "\"value_int\":4,\"value_text\":null"), 1);
	assert_int_equal(lines_with(records, "\"agenda_item\":null"), 0);
	assert_int_equal(lines_with(records, "\"theme\":null"), 0);
	/* Bank prompts belong to no event. */
	assert_int_equal(lines_with(records, "\"type\":\"prompt\",") -
			 lines_with(records, "\"event\":null,\"text\""), 0);
	free(records);
	store_close(s);
}

static void the_same_batch_is_shown_again_until_something_changes(void **state)
{
	fixture *f = *state;
	store *s = open_ok(f->path);
	int64_t note_id, ev = event_with_one_of_each(s, &note_id);
	char *first = NULL, *again = NULL, *later = NULL;
	size_t first_len, again_len, later_len;
	store_batch b1, b2, b3, history[4];
	store_note note = note_of(ev, 0, STORE_NOTE_IMPROVE, "Later");
	int votes, n;

	b1 = batch_ok(s, &first, &first_len);
	assert_int_equal(store_clock_set(s, store_now(s) + 3600), STORE_OK);
	/* Dots are not sent (the protocol has no vote yet): nothing new. */
	assert_int_equal(store_note_vote(s, note_id, 1, &votes), STORE_OK);
	store_close(s);
	s = open_ok(f->path);
	b2 = batch_ok(s, &again, &again_len);
	assert_int_equal(b2.id, b1.id);
	assert_int_equal(b2.created_at, b1.created_at);
	assert_int_equal(b2.records, b1.records);
	assert_memory_equal(b2.secret, b1.secret, STORE_SECRET_BYTES);
	assert_int_equal(again_len, first_len);
	assert_memory_equal(again, first, first_len);
	assert_int_equal(query_int(s, "SELECT count(*) FROM sync_batches"), 1);

	/* A change: a new batch with a fresh secret, holding everything still
	 * unacknowledged and the new note. */
	assert_int_equal(store_note_add(s, &note), STORE_OK);
	b3 = batch_ok(s, &later, &later_len);
	assert_int_equal(b3.id, 2);
	assert_int_equal(b3.records, b1.records + 1);
	assert_memory_not_equal(b3.secret, b1.secret, STORE_SECRET_BYTES);
	assert_int_equal(lines_with(later, "\"body\":\"Later\""), 1);
	assert_int_equal(store_sync_history(s, history, 4, &n), STORE_OK);
	assert_int_equal(n, 2);
	assert_int_equal(history[0].id, 2);
	assert_int_equal(history[1].id, 1);
	assert_memory_equal(history[1].secret, b1.secret, STORE_SECRET_BYTES);
	assert_int_equal(history[1].records, b1.records);
	free(first);
	free(again);
	free(later);
	store_close(s);
}

static void an_acknowledged_batch_is_not_sent_again_and_later_records_stay_pending(void **state)
{
	fixture *f = *state;
	store *s = open_ok(f->path);
	int64_t note_id, ev = event_with_one_of_each(s, &note_id);
	char *records = NULL;
	size_t len;
	store_batch b1, b2, b3, history[4];
	store_note note = note_of(ev, 0, STORE_NOTE_WELL, "Stuck while the loop ran");
	store_event event;
	int n;

	b1 = batch_ok(s, &records, &len);
	free(records);
	assert_int_equal(store_note_add(s, &note), STORE_OK);
	assert_int_equal(store_clock_set(s, 1767262920), STORE_OK);
	assert_int_equal(store_sync_ack(s, b1.id), STORE_OK);
	b2 = batch_ok(s, &records, &len);
	assert_int_equal(b2.id, 2);
	assert_int_equal(b2.records, 1);
	assert_int_equal(lines_with(records, "\"body\":\"Stuck while the loop ran\""), 1);
	free(records);

	/* Typing a receipt twice is harmless and keeps the first time. */
	assert_int_equal(store_clock_set(s, 1767262920 + 600), STORE_OK);
	assert_int_equal(store_sync_ack(s, b1.id), STORE_OK);
	assert_int_equal(store_sync_history(s, history, 4, &n), STORE_OK);
	assert_int_equal(n, 2);
	assert_int_equal(history[1].acked_at, 1767262920);
	assert_int_equal(history[0].acked_at, 0);
	assert_int_equal(store_sync_ack(s, 99), STORE_NOTFOUND);
	assert_contains(store_errmsg(s), "no such batch");

	/* A record sent and acknowledged, then changed, is pending again. */
	assert_int_equal(store_sync_ack(s, b2.id), STORE_OK);
	assert_int_equal(store_event_get(s, ev, &event), STORE_OK);
	snprintf(event.venue, sizeof event.venue, "Hall 2");
	assert_int_equal(store_event_update(s, &event), STORE_OK);
	b3 = batch_ok(s, &records, &len);
	assert_int_equal(b3.id, 3);
	assert_int_equal(b3.records, 1);
	assert_int_equal(lines_with(records, "\"venue\":\"Hall 2\""), 1);
	free(records);
	store_close(s);
}

static void nothing_to_send_after_everything_is_acknowledged(void **state)
{
	fixture *f = *state;
	store *s = open_ok(f->path);
	int64_t note_id;
	char *records = NULL;
	size_t len = 99;
	store_batch b;

	event_with_one_of_each(s, &note_id);
	b = batch_ok(s, &records, &len);
	free(records);
	assert_int_equal(store_sync_ack(s, b.id), STORE_OK);
	records = (char *)&b;   /* not NULL, so the test sees it cleared */
	assert_int_equal(store_sync_batch(s, &b, &records, &len), STORE_NOTFOUND);
	assert_null(records);
	assert_int_equal(len, 0);
	assert_contains(store_errmsg(s), "nothing new to send");
	/* Dots alone are not sent, so they leave nothing to send either. */
	assert_int_equal(store_note_vote(s, note_id, 1, NULL), STORE_OK);
	assert_int_equal(store_sync_batch(s, &b, &records, &len), STORE_NOTFOUND);
	assert_int_equal(query_int(s, "SELECT count(*) FROM sync_batches"), 1);
	store_close(s);
}

static void acknowledging_never_deletes_records(void **state)
{
	fixture *f = *state;
	store *s = open_ok(f->path);
	int64_t note_id, rows;
	char *records = NULL;
	size_t len;
	store_batch b;
	int here = -1;

	int64_t ev = event_with_one_of_each(s, &note_id);
	rows = synced_rows(s);
	b = batch_ok(s, &records, &len);
	free(records);
	assert_int_equal(store_sync_ack(s, b.id), STORE_OK);
	store_close(s);
	s = open_ok(f->path);
	assert_int_equal(synced_rows(s), rows);
	assert_int_equal(query_int(s, "SELECT count(*) FROM votes"), 0);
	assert_int_equal(store_checkin_count(s, ev, &here), STORE_OK);
	assert_int_equal(here, 2);
	assert_int_equal(query_int(s, "SELECT count(*) FROM sync_batches WHERE "
				      "acked_at IS NOT NULL AND length(records) > 0"), 1);
	store_close(s);
}

static void a_batch_of_a_whole_event_passes_the_receivers_parser_and_decoder(void **state)
{
	fixture *f = *state;
	store *s = open_ok(f->path);
	int64_t today;
	char *records = NULL, batch_id[24], receipt[SYNC_RECEIPT_SIZE], err[256] = "";
	char want_receipt[SYNC_RECEIPT_SIZE];
	size_t len, payload_len = 0;
	store_batch b;
	sync_encoder *enc = NULL;
	sync_decoder *dec = sync_decoder_new();
	sync_batch *parsed = NULL;
	unsigned char *payload = NULL;
	size_t checkins = 0, members = 0;

	assert_int_equal(fixture_build(s, &today), STORE_OK);
	b = batch_ok(s, &records, &len);
	snprintf(batch_id, sizeof batch_id, "%lld", (long long)b.id);
	sync_batch_opts o = {
		.kiosk_id = store_kiosk_id(s), .batch_id = batch_id, .created = b.created_at,
		.version = 20, .pubkey = NULL, .secret = b.secret, .fountain = 0,
		.signing_key = store_signing_key(s),
	};
	assert_int_equal(sync_encoder_new(&o, records, len, &enc, receipt), SYNC_OK);
	sync_receipt(b.secret, store_kiosk_id(s), batch_id, want_receipt);
	assert_string_equal(receipt, want_receipt);
	assert_non_null(dec);
	for (uint32_t seq = 1; seq <= sync_encoder_parts(enc); seq++) {
		char *frame = sync_encoder_frame(enc, seq);

		assert_non_null(frame);
		assert_true(sync_decoder_add(dec, frame) <= SYNC_FRAME_COMPLETE);
		free(frame);
	}
	assert_true(sync_decoder_complete(dec));
	assert_int_equal(sync_decoder_payload(dec, NULL, &payload, &payload_len), SYNC_OK);
	if (sync_batch_parse((const char *)payload, payload_len, &parsed, err, sizeof err) !=
	    SYNC_OK)
		fail_msg("the receiver refuses the batch: %s", err);
	assert_string_equal(parsed->kiosk, store_kiosk_id(s));
	assert_true(parsed->is_signed);
	assert_memory_equal(parsed->signer, store_signing_key(s) + 32, SYNC_SIGN_PK_BYTES);
	assert_string_equal(parsed->batch, batch_id);
	assert_int_equal(parsed->created, b.created_at);
	assert_string_equal(parsed->receipt, receipt);
	assert_int_equal(parsed->count, (size_t)b.records);
	assert_int_equal(parsed->count, synced_rows(s));
	for (size_t i = 0; i < parsed->count; i++) {
		checkins += strcmp(parsed->records[i].type, "checkin") == 0;
		members += strcmp(parsed->records[i].type, "member") == 0;
		assert_true(parsed->records[i].changed > 0);
	}
	assert_int_equal(checkins, query_int(s, "SELECT count(*) FROM checkins"));
	assert_int_equal(members, FIXTURE_MEMBERS);
	/* The payload is the batch line and then the records, byte for byte. */
	assert_non_null(memchr(payload, '\n', payload_len));
	assert_int_equal(payload_len - (size_t)((unsigned char *)memchr(payload, '\n',
									  payload_len) + 1 - payload), len);
	assert_memory_equal((unsigned char *)memchr(payload, '\n', payload_len) + 1, records, len);
	sync_batch_free(parsed);
	free(payload);
	sync_decoder_free(dec);
	sync_encoder_free(enc);
	free(records);
	store_close(s);
}

/* What store_export wrote, as a string the caller frees. */
static char *export_text(store *s, const char *format, int want)
{
	char *text = NULL;
	size_t len = 0;
	FILE *out = open_memstream(&text, &len);

	assert_non_null(out);
	assert_int_equal(store_export(s, format, out), want);
	assert_int_equal(fclose(out), 0);
	return text;
}

static void the_attendance_export_is_csv_a_spreadsheet_cannot_run(void **state)
{
	fixture *f = *state;
	store *s = open_ok(f->path);
	int64_t ev, other, a, b, c, d;
	store_checkin at;
	char *csv, want[1024], when[STORE_STARTS_MAX];

	assert_int_equal(store_clock_set(s, 1767262920), STORE_OK);
	other = add_event(s, "Earlier");
	a = add_member(s, "=cmd|' /C calc'!A0", "O\"Neil, Jr", "+44 Health");
	b = add_member(s, "Siân", "Ó Dálaigh", "NHS Wales");
	c = add_member(s, "Ravi", "Patel", "");
	d = add_member(s, "Forget", "Me", "@Secret");
	assert_int_equal(store_checkin_add(s, other, b, "", NULL), STORE_OK);
	ev = add_event(s, "Today");
	assert_int_equal(store_checkin_add(s, ev, a, "Critical friend", &at), STORE_OK);
	assert_int_equal(store_checkin_add(s, ev, b, "", NULL), STORE_OK);
	assert_int_equal(store_checkin_add(s, ev, c, "", NULL), STORE_OK);
	assert_int_equal(store_checkin_add(s, ev, d, "", NULL), STORE_OK);
	assert_int_equal(store_checkin_list(s, ev, "ravi", &at, 1, &(int){0}), STORE_OK);
	assert_int_equal(store_checkin_undo(s, at.id), STORE_OK);
	assert_int_equal(store_member_forget(s, d), STORE_OK);

	csv = export_text(s, "csv", STORE_OK);
	when_format(1767262920, when, sizeof when);
	snprintf(want, sizeof want,
		 "First name,Last name,Organisation,Profession,Checked in at,Role,Newcomer\r\n"
		 "'=cmd|' /C calc'!A0,\"O\"\"Neil, Jr\",'+44 Health,,%s,Critical friend,Yes\r\n"
		 "Siân,Ó Dálaigh,NHS Wales,,%s,,No\r\n"
		 ",,,,%s,,Yes\r\n",
		 when, when, when);
	assert_string_equal(csv, want);
	free(csv);

	/* No current event: nothing to export. */
	exec_ok(store_db(s), "DELETE FROM settings WHERE key = 'current_event'");
	csv = export_text(s, "csv", STORE_NOTFOUND);
	assert_string_equal(csv, "");
	assert_contains(store_errmsg(s), "no current event");
	free(csv);
	store_close(s);
}

static void the_json_export_holds_every_record_by_type(void **state)
{
	fixture *f = *state;
	store *s = open_ok(f->path);
	int64_t note_id;
	char *json, *records;
	size_t len;
	store_batch b;
	sqlite3_stmt *st = NULL;
	static const char *const arrays[] = {
		"events", "agenda_items", "members", "checkins", "themes", "notes", "prompts",
		"responses",
	};
	static const int counts[] = {1, 1, 3, 3, 1, 1, 6, 1};

	/* An empty database: every array there, the seed's prompts in theirs. */
	json = export_text(s, "json", STORE_OK);
	assert_int_equal(query_int(s, "SELECT 1"), 1);
	assert_int_equal(sqlite3_prepare_v2(store_db(s), "SELECT json_valid(?1), "
					    "json_array_length(?1, '$.events'), "
					    "json_array_length(?1, '$.prompts')", -1, &st, NULL),
			 SQLITE_OK);
	assert_int_equal(sqlite3_bind_text(st, 1, json, -1, SQLITE_TRANSIENT), SQLITE_OK);
	assert_int_equal(sqlite3_step(st), SQLITE_ROW);
	assert_int_equal(sqlite3_column_int(st, 0), 1);
	assert_int_equal(sqlite3_column_int(st, 1), 0);
	assert_int_equal(sqlite3_column_int(st, 2), 6);
	sqlite3_finalize(st);
	free(json);

	/* Acknowledged or not, every record is exported, UTF-8 kept. */
	event_with_one_of_each(s, &note_id);
	b = batch_ok(s, &records, &len);
	free(records);
	assert_int_equal(store_sync_ack(s, b.id), STORE_OK);
	json = export_text(s, "json", STORE_OK);
	assert_contains(json, "\"body\":\"Line one\\nline two — ünïcode\"");
	assert_contains(json, store_kiosk_id(s));
	for (int i = 0; i < 8; i++) {
		char path[32];

		snprintf(path, sizeof path, "$.%s", arrays[i]);
		assert_int_equal(sqlite3_prepare_v2(store_db(s), "SELECT json_valid(?1), "
						    "json_array_length(?1, ?2)", -1, &st, NULL),
				 SQLITE_OK);
		sqlite3_bind_text(st, 1, json, -1, SQLITE_TRANSIENT);
		sqlite3_bind_text(st, 2, path, -1, SQLITE_TRANSIENT);
		assert_int_equal(sqlite3_step(st), SQLITE_ROW);
		assert_int_equal(sqlite3_column_int(st, 0), 1);
		if (sqlite3_column_int(st, 1) != counts[i])
			fail_msg("%s: %d records, expected %d", arrays[i],
				 sqlite3_column_int(st, 1), counts[i]);
		sqlite3_finalize(st);
	}
	free(json);

	json = export_text(s, "xlsx", STORE_INVALID);
	assert_string_equal(json, "");
	assert_contains(store_errmsg(s), "csv or json");
	free(json);
	store_close(s);
}

static void a_database_at_version_5_keeps_its_batches_for_the_receipt(void **state)
{
	fixture *f = *state;
	char err[512] = "", *records = NULL;
	store *s = NULL;
	size_t len;
	store_batch b;

	assert_int_equal(store_open_at_version(f->path, 5, &s, err, sizeof err), STORE_OK);
	add_event(s, "Spring meeting");
	assert_int_equal(query_int(s, "SELECT count(*) FROM pragma_table_info('sync_batches') "
				      "WHERE name = 'secret'"), 0);
	store_close(s);
	s = open_ok(f->path);
	assert_true(store_schema_latest() >= 6);
	assert_int_equal(store_schema_version(s), store_schema_latest());
	b = batch_ok(s, &records, &len);
	assert_int_equal(b.id, 1);
	assert_int_equal(b.records, 7);     /* the event and the seed's six prompts */
	assert_int_equal(query_int(s, "SELECT length(secret) FROM sync_batches"), 16);
	free(records);
	store_close(s);
}

static void closing_nothing_is_harmless(void **state)
{
	(void)state;
	store_close(NULL);
	assert_non_null(store_errmsg(NULL));
}

int main(void)
{
	const struct CMUnitTest tests[] = {
#define T(name) cmocka_unit_test_setup_teardown(name, setup, teardown)
		T(opening_a_missing_file_creates_a_fresh_database),
		T(opening_an_empty_file_creates_the_schema),
		T(a_database_at_an_older_version_is_migrated_keeping_its_rows),
		T(a_failed_migration_step_leaves_the_previous_version),
		T(a_newer_database_is_refused_untouched),
		T(a_file_that_is_not_a_database_is_refused_and_left_unchanged),
		T(a_database_of_another_program_is_refused_untouched),
		T(a_damaged_database_is_refused),
		T(an_unwritable_path_gives_a_clear_message),
		T(a_read_only_folder_gives_a_clear_message),
		T(the_kiosk_id_survives_reopen),
		T(a_new_kiosk_signs_with_a_key_its_id_comes_from),
		T(two_databases_get_different_kiosk_ids),
		T(ids_stay_unique_across_close_and_reopen),
		T(ids_keep_increasing_when_the_clock_goes_back),
		T(there_is_no_current_event_in_a_fresh_database),
		T(a_new_event_becomes_current),
		T(events_are_listed_newest_start_first),
		T(an_event_can_be_changed_and_keeps_its_id),
		T(invalid_utf8_is_refused),
		T(an_empty_or_over_long_title_is_refused),
		T(a_malformed_start_is_refused),
		T(agenda_items_keep_their_activity),
		T(agenda_items_are_ordered_by_start_time),
		T(an_agenda_item_can_be_changed_and_removed),
		T(an_agenda_item_is_checked_before_it_is_saved),
		T(activity_names_read_as_in_the_seed),
		T(pin_is_stored_only_as_a_hash_and_checks),
		T(a_pin_must_be_four_to_eight_digits),
		T(the_data_file_and_its_wal_are_private_whatever_the_umask),
		T(wrong_pins_lock_the_pad_longer_each_time_and_a_reopen_keeps_the_lock),
		T(the_recovery_code_lifts_the_lock_once_and_is_kept_only_as_a_hash),
		T(clock_offset_moves_now),
		T(settings_have_defaults_and_survive_reopen),
		T(the_stores_own_settings_cannot_be_overwritten),
		T(the_archive_key_is_kept_until_forgotten),
		T(checkins_are_counted_per_event),
		T(a_full_disk_gives_a_plain_message),
		T(a_deleted_data_file_takes_no_write_and_is_written_back),
		T(a_data_file_is_never_written_back_over_another),
		T(a_new_member_is_stored_with_consents_as_chosen),
		T(a_member_needs_a_first_name),
		T(names_in_any_script_are_kept_but_limited_to_sixty_characters),
		T(email_addresses_are_checked),
		T(a_member_can_be_changed_and_is_found_by_the_new_name_only),
		T(search_ignores_case_accents_and_punctuation),
		T(search_matches_the_start_of_words_only),
		T(search_results_are_in_name_order_up_to_the_limit),
		T(search_uses_the_index_of_name_words),
		T(search_among_100000_members_finds_the_right_ones),
		T(members_of_an_older_database_are_found_after_migration),
		T(search_finds_what_sorting_every_match_found_in_the_same_order),
		T(the_migration_indexes_names_as_the_store_does),
		T(a_member_with_the_same_name_and_organisation_is_found),
		T(organisations_are_suggested_by_prefix_most_used_first),
		T(a_second_checkin_returns_the_first_time_and_stores_nothing),
		T(a_checkin_needs_an_event_a_member_and_a_known_role),
		T(roles_read_as_in_the_seed),
		T(checkin_get_finds_a_members_checkin_here_only),
		T(an_undone_checkin_can_be_made_again),
		T(a_walk_in_stores_the_member_and_the_checkin_together_or_neither),
		T(a_forgotten_member_leaves_no_byte_in_the_file_its_wal_or_its_batches),
		T(a_forgotten_member_is_recognised_by_email_or_name_and_organisation),
		T(the_checkin_list_shows_names_newest_first_and_can_be_searched),
		T(forgetting_a_member_removes_their_details_but_keeps_the_count),
		T(a_member_is_new_until_they_come_to_another_event),
		T(an_arrival_is_a_first_visit_a_return_or_already_here),
		T(professions_start_as_the_seed_list_and_can_be_changed),
		T(a_batch_keeps_good_records_and_is_saved_or_undone_as_a_whole),
		T(a_note_is_stored_with_its_agenda_item_and_no_person),
		T(an_empty_note_cannot_be_stuck),
		T(a_note_has_at_most_280_characters),
		T(the_third_kind_can_be_renamed_and_hidden_but_not_the_first_two),
		T(the_current_agenda_item_follows_the_clock_unless_chosen),
		T(the_prompt_bank_holds_the_seeds_questions),
		T(prompts_are_checked_and_can_be_changed),
		T(a_running_prompt_can_be_stopped),
		T(deleting_a_running_prompt_stops_it),
		T(answers_are_checked_against_their_prompt),
		T(a_database_at_version_3_migrates_keeping_members),
		T(a_database_at_version_4_migrates_keeping_its_notes_for_the_review),
		T(notes_and_answers_in_a_batch_keep_the_good_ones),
		T(a_new_batch_holds_every_record_not_yet_acknowledged),
		T(the_same_batch_is_shown_again_until_something_changes),
		T(an_acknowledged_batch_is_not_sent_again_and_later_records_stay_pending),
		T(nothing_to_send_after_everything_is_acknowledged),
		T(acknowledging_never_deletes_records),
		T(a_batch_of_a_whole_event_passes_the_receivers_parser_and_decoder),
		T(the_attendance_export_is_csv_a_spreadsheet_cannot_run),
		T(the_json_export_holds_every_record_by_type),
		T(a_database_at_version_5_keeps_its_batches_for_the_receipt),
		T(closing_nothing_is_harmless),
#undef T
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
