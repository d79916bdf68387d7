/* commands: the facilitator's set-up commands of cop-kiosk (commands.h). */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "commands.h"
#include "core/config.h"
#include "core/files.h"
#include "core/roster.h"
#include "core/store.h"
#include "core/when.h"
#include "frames.h"

int commands_fail(const char *fmt, const char *arg)
{
	fputs("cop-kiosk: ", stderr);
	fprintf(stderr, fmt, arg);
	fputc('\n', stderr);
	return 1;
}

static int open_store(const char *path, store **s)
{
	char err[400];
	if (!path)
		return commands_fail("%s", "--db PATH is required");
	if (store_open(path, s, err, sizeof err) != STORE_OK)
		return commands_fail("%s", err);
	return 0;
}

static int cmd_event_new(int argc, char **argv)
{
	const char *db = NULL, *title = NULL, *starts = "", *venue = "";
	for (int i = 0; i < argc; i++) {
		const char **slot = !strcmp(argv[i], "--db") ? &db : !strcmp(argv[i], "--title") ? &title
		                  : !strcmp(argv[i], "--starts") ? &starts : !strcmp(argv[i], "--venue") ? &venue : NULL;
		if (!slot)
			return commands_fail("event new: unknown option '%s' (try --help)", argv[i]);
		if (i + 1 == argc)
			return commands_fail("event new: %s needs a value", argv[i]);
		*slot = argv[++i];
	}
	if (!title || !*title)
		return commands_fail("%s", "event new: --title is required");
	int64_t t;
	if (*starts && !when_parse(starts, &t))
		return commands_fail("event new: --starts \"%s\" is not a date like \"2026-11-27 09:30\"", starts);
	store_event ev = {0};
	if (strlen(title) >= sizeof ev.title || strlen(venue) >= sizeof ev.venue)
		return commands_fail("%s", "event new: the title or venue is too long");
	snprintf(ev.title, sizeof ev.title, "%s", title);
	snprintf(ev.starts, sizeof ev.starts, "%s", starts);
	snprintf(ev.venue, sizeof ev.venue, "%s", venue);
	store *s;
	if (open_store(db, &s))
		return 1;
	int rc = store_event_add(s, &ev);
	if (rc != STORE_OK)
		commands_fail("event new: %s", store_errmsg(s));
	else
		printf("Created event \"%s\" (%s); it is now the current event.\n", ev.title, ev.gid);
	store_close(s);
	return rc == STORE_OK ? 0 : 1;
}

static int cmd_pin_set(int argc, char **argv)
{
	const char *db = NULL;
	for (int i = 0; i < argc; i++) {
		if (strcmp(argv[i], "--db") || i + 1 == argc)
			return commands_fail("pin set: unknown option '%s' (try --help)", argv[i]);
		db = argv[++i];
	}
	char pin[64] = "";
	if (!fgets(pin, sizeof pin, stdin))
		return commands_fail("%s", "pin set: no PIN on standard input");
	pin[strcspn(pin, "\r\n")] = '\0';
	store *s;
	if (open_store(db, &s))
		return 1;
	char code[STORE_RECOVERY_DIGITS + 1] = "";
	int rc = store_pin_set(s, pin);
	if (rc == STORE_OK)
		rc = store_pin_recovery_new(s, code);
	if (rc == STORE_INVALID)
		commands_fail("%s", "pin set: a PIN is 4 to 8 digits");
	else if (rc != STORE_OK)
		commands_fail("pin set: %s", store_errmsg(s));
	else
		/* Shown once, here only: the data file keeps its hash. */
		printf("The facilitator PIN is set.\n"
		       "Recovery code: %.4s %.4s %.4s\n"
		       "Keep it away from the kiosk. Typed on the PIN pad after \"Forgot PIN?\", it lifts\n"
		       "the lock that wrong PINs put on the pad and lets you choose a new PIN. It works\n"
		       "once; \"pin set\" again makes a new one.\n",
		       code, code + 4, code + 8);
	explicit_bzero(pin, sizeof pin);
	explicit_bzero(code, sizeof code);
	store_close(s);
	return rc == STORE_OK ? 0 : 1;
}

/* Each row of a roster that could not be used, on stderr. */
static void report_row(void *ctx, long line, const char *reason)
{
	(void)ctx;
	fprintf(stderr, "line %ld: %s\n", line, reason);
}

static int cmd_roster_import(int argc, char **argv)
{
	const char *db = NULL, *path = NULL;
	for (int i = 0; i < argc; i++) {
		if (!strcmp(argv[i], "--db")) {
			if (i + 1 == argc)
				return commands_fail("roster import: %s needs a value", argv[i]);
			db = argv[++i];
		} else if (argv[i][0] == '-' && argv[i][1] != '\0') {
			return commands_fail("roster import: unknown option '%s' (try --help)", argv[i]);
		} else if (path) {
			return commands_fail("roster import: one file at a time ('%s' is one too many)", argv[i]);
		} else {
			path = argv[i];
		}
	}
	if (!path)
		return commands_fail("%s", "roster import: which file? (cop-kiosk roster import --db PATH FILE.csv)");
	FILE *f = strcmp(path, "-") ? fopen(path, "rb") : stdin;
	if (!f) {
		char why[1200];
		snprintf(why, sizeof why, "roster import: cannot read %s (%s)", path, strerror(errno));
		return commands_fail("%s", why);
	}
	store *s;
	if (open_store(db, &s)) {
		if (f != stdin)
			fclose(f);
		return 1;
	}
	roster_result r;
	char err[600];
	int rc = roster_import(s, f, &r, report_row, NULL, err, sizeof err);
	if (rc != STORE_OK) {
		commands_fail("roster import: %s", err);
	} else {
		printf("Imported %d new member%s", r.added, r.added == 1 ? "" : "s");
		if (r.existing)
			printf("; %d %s already known", r.existing, r.existing == 1 ? "was" : "were");
		if (r.bad)
			printf("; %d row%s could not be used", r.bad, r.bad == 1 ? "" : "s");
		if (r.forgotten)
			printf("; %d %s left out: forgotten at their request", r.forgotten,
			       r.forgotten == 1 ? "was" : "were");
		printf(".\n");
	}
	if (f != stdin)
		fclose(f);
	store_close(s);
	return rc == STORE_OK ? 0 : 1;
}

/* Writes the export to path.tmp, then renames it over path, so that an
 * interrupted export (a stick pulled out) never leaves half a file as path. */
static int cmd_export(int argc, char **argv)
{
	const char *db = NULL, *format = NULL, *path = NULL;
	for (int i = 0; i < argc; i++) {
		const char **slot = !strcmp(argv[i], "--db") ? &db : !strcmp(argv[i], "--format") ? &format
		                  : !strcmp(argv[i], "--out") ? &path : NULL;
		if (!slot)
			return commands_fail("export: unknown option '%s' (try --help)", argv[i]);
		if (i + 1 == argc)
			return commands_fail("export: %s needs a value", argv[i]);
		*slot = argv[++i];
	}
	if (!format || (strcmp(format, "csv") && strcmp(format, "json")))
		return commands_fail("%s", "export: --format csv or --format json is required");
	if (!path || !*path)
		return commands_fail("%s", "export: --out FILE is required");
	/* Exporting never creates a data file: a mistyped --db would only export nothing. */
	if (db && access(db, F_OK) != 0)
		return commands_fail("export: there is no data file at %s", db);
	char tmp[4096];
	if ((size_t)snprintf(tmp, sizeof tmp, "%s.tmp", path) >= sizeof tmp)
		return commands_fail("%s", "export: the --out path is too long");
	store *s;
	if (open_store(db, &s))
		return 1;
	char why[4200] = "";
	FILE *out = files_create_private(tmp); /* names and emails: 0600 */
	if (!out) {
		snprintf(why, sizeof why, "export: cannot write %s (%s)", tmp, strerror(errno));
	} else {
		int rc = store_export(s, format, out);
		if (rc != STORE_OK)
			snprintf(why, sizeof why, "export: %s", store_errmsg(s));
		else if (fflush(out) != 0 || fsync(fileno(out)) != 0)
			snprintf(why, sizeof why, "export: cannot write %s (%s)", tmp, strerror(errno));
		if (fclose(out) != 0 && !*why)
			snprintf(why, sizeof why, "export: cannot write %s (%s)", tmp, strerror(errno));
		if (!*why && rename(tmp, path) != 0)
			snprintf(why, sizeof why, "export: cannot write %s (%s)", path, strerror(errno));
		if (*why)
			unlink(tmp);
	}
	store_close(s);
	if (*why)
		return commands_fail("%s", why);
	printf("Exported %s to %s.\n", !strcmp(format, "csv") ? "the attendance" : "every record", path);
	return 0;
}

static int cmd_sync_key(int argc, char **argv)
{
	const char *db = NULL, *path = NULL;
	for (int i = 0; i < argc; i++) {
		if (!strcmp(argv[i], "--db")) {
			if (i + 1 == argc)
				return commands_fail("sync-key: %s needs a value", argv[i]);
			db = argv[++i];
		} else if (argv[i][0] == '-') {
			return commands_fail("sync-key: unknown option '%s' (try --help)", argv[i]);
		} else if (path) {
			return commands_fail("sync-key: one key file ('%s' is one too many)", argv[i]);
		} else {
			path = argv[i];
		}
	}
	if (!path)
		return commands_fail("%s", "sync-key: which file? (cop-kiosk sync-key --db PATH FILE.pub)");
	store *s;
	if (open_store(db, &s))
		return 1;
	char err[1200];
	int status = frames_load_key(s, path, err, sizeof err);
	if (status != 0)
		commands_fail("sync-key: %s", err);
	else
		printf("The archive's key is loaded: the Sync loop is now encrypted for the archive.\n");
	store_close(s);
	return status;
}

static int cmd_frames(int argc, char **argv)
{
	const char *db = NULL, *dir = NULL;
	frames_panel panel = {800, 480, 0, 0};
	for (int i = 0; i < argc; i++) {
		if (i + 1 == argc)
			return commands_fail("frames: %s needs a value (try --help)", argv[i]);
		if (!strcmp(argv[i], "--db"))
			db = argv[++i];
		else if (!strcmp(argv[i], "--out"))
			dir = argv[++i];
		else if (!strcmp(argv[i], "--size") && config_size(argv[i + 1], &panel.w, &panel.h))
			i++;
		else if (!strcmp(argv[i], "--panel-mm") && config_panel_mm(argv[i + 1], &panel.mm_w, &panel.mm_h))
			i++;
		else
			return commands_fail("frames: unknown option or bad value '%s' (try --help)", argv[i]);
	}
	if (!dir || !*dir)
		return commands_fail("%s", "frames: --out DIR is required");
	if (db && access(db, F_OK) != 0)
		return commands_fail("frames: there is no data file at %s", db);
	store *s;
	if (open_store(db, &s))
		return 1;
	char err[600];
	int status = frames_write(s, dir, &panel, err, sizeof err);
	if (status != 0)
		commands_fail("frames: %s", err);
	store_close(s);
	return status;
}

/* The commands: one or two words, then the options the function reads. */
static const struct {
	const char *word1, *word2; /* word2 NULL: one word */
	int (*run)(int argc, char **argv);
} commands[] = {
	{"event", "new", cmd_event_new},
	{"pin", "set", cmd_pin_set},
	{"roster", "import", cmd_roster_import},
	{"export", NULL, cmd_export},
	{"frames", NULL, cmd_frames},
	{"sync-key", NULL, cmd_sync_key},
};

int commands_run(int argc, char **argv)
{
	for (size_t i = 0; i < sizeof commands / sizeof commands[0]; i++) {
		int words = commands[i].word2 ? 2 : 1;
		if (argc > words && !strcmp(argv[1], commands[i].word1) &&
		    (!commands[i].word2 || !strcmp(argv[2], commands[i].word2)))
			return commands[i].run(argc - 1 - words, argv + 1 + words);
	}
	return -1;
}
