/* main: the cop-kiosk command line — the kiosk itself and the facilitator's
 * set-up commands (event new, pin set, roster import, export). */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include <SDL.h>

#include "app.h"
#include "core/roster.h"
#include "core/config.h"
#include "core/files.h"
#include "core/lang.h"
#include "core/text.h"
#include "core/when.h"
#include "demo.h"
#include "frames.h"
#include "script.h"

static const char usage[] =
	"Usage:\n"
	"  cop-kiosk [--db PATH] [--size WxH] [--rotate 0|90|180|270] [--language en|cy]\n"
	"            [--fullscreen] [--demo] [--script FILE|-]\n"
	"            [--config FILE]   (default /etc/cop-kiosk/kiosk.conf)\n"
	"  cop-kiosk event new --db PATH --title TITLE [--starts \"YYYY-MM-DD HH:MM\"] [--venue VENUE]\n"
	"  cop-kiosk pin set --db PATH          (reads the PIN from standard input)\n"
	"  cop-kiosk roster import --db PATH FILE.csv   (an Eventbrite attendee export, or\n"
	"                                       first name, last name, organisation, email)\n"
	"  cop-kiosk export --db PATH --format csv|json --out FILE\n"
	"                                      (the current event's attendance, or every record)\n"
	"  cop-kiosk frames --db PATH --out DIR [--size WxH]   (the Sync loop as PNG files)\n"
	"  cop-kiosk sync-key --db PATH FILE.pub   (the archive's public key, from cop-sync\n"
	"                                       keygen: the Sync loop is then encrypted)\n"
	"  cop-kiosk --help\n"
	"\n"
	"The kiosk for Community of Practice meetings: check-in, post-its and\n"
	"reflections, stored on this device. Without --db the data file is\n"
	"$XDG_DATA_HOME/cop-kiosk/kiosk.db.\n";

static int fail(const char *fmt, const char *arg)
{
	fputs("cop-kiosk: ", stderr);
	fprintf(stderr, fmt, arg);
	fputc('\n', stderr);
	return 1;
}

/* Creates each missing directory of path's parent. */
static void make_parents(const char *path)
{
	char dir[1024];
	snprintf(dir, sizeof dir, "%s", path);
	for (char *p = dir + 1; *p; p++) {
		if (*p != '/')
			continue;
		*p = '\0';
		mkdir(dir, 0700);
		*p = '/';
	}
}

static const char *default_db(char *buf, size_t cap)
{
	const char *xdg = getenv("XDG_DATA_HOME"), *home = getenv("HOME");
	if (xdg && *xdg)
		snprintf(buf, cap, "%s/cop-kiosk/kiosk.db", xdg);
	else
		snprintf(buf, cap, "%s/.local/share/cop-kiosk/kiosk.db", home && *home ? home : ".");
	make_parents(buf);
	return buf;
}

/* The first of tries (folders from the binary's folder) that is there, into
 * buf; else otherwise. */
static const char *near_binary(char *buf, size_t cap, const char *const *tries, size_t n, const char *otherwise)
{
	char *base = SDL_GetBasePath();
	for (size_t i = 0; base && i < n; i++) {
		struct stat sb;
		snprintf(buf, cap, "%s%s", base, tries[i]);
		/* A folder: /usr/bin/locale is a program, not the catalogues. */
		if (stat(buf, &sb) == 0 && S_ISDIR(sb.st_mode) && access(buf, R_OK) == 0) {
			SDL_free(base);
			return buf;
		}
	}
	SDL_free(base);
	snprintf(buf, cap, "%s", otherwise);
	return buf;
}

/* The assets folder: $COP_KIOSK_ASSETS, else an assets folder above the binary
 * (a build tree: build/, build/asan/ or build/arm64/test/), else the installed copy. */
static const char *assets_dir(char *buf, size_t cap)
{
	const char *env = getenv("COP_KIOSK_ASSETS");
	if (env && *env) {
		snprintf(buf, cap, "%s", env);
		return buf;
	}
	static const char *const ups[] = {"../assets", "../../assets", "../../../assets"};
	return near_binary(buf, cap, ups, sizeof ups / sizeof ups[0], "/usr/share/cop-kiosk/assets");
}

/* The catalogues of the words' languages: a locale folder beside the binary
 * (a build tree), else share/locale above it (installed in /usr/local/bin). */
static const char *locale_dir(char *buf, size_t cap)
{
	static const char *const tries[] = {"locale", "../share/locale"};
	return near_binary(buf, cap, tries, sizeof tries / sizeof tries[0], "/usr/share/locale");
}

static int open_store(const char *path, store **s)
{
	char err[400];
	if (!path)
		return fail("%s", "--db PATH is required");
	if (store_open(path, s, err, sizeof err) != STORE_OK)
		return fail("%s", err);
	return 0;
}

static int cmd_event_new(int argc, char **argv)
{
	const char *db = NULL, *title = NULL, *starts = "", *venue = "";
	for (int i = 0; i < argc; i++) {
		const char **slot = !strcmp(argv[i], "--db") ? &db : !strcmp(argv[i], "--title") ? &title
		                  : !strcmp(argv[i], "--starts") ? &starts : !strcmp(argv[i], "--venue") ? &venue : NULL;
		if (!slot)
			return fail("event new: unknown option '%s' (try --help)", argv[i]);
		if (i + 1 == argc)
			return fail("event new: %s needs a value", argv[i]);
		*slot = argv[++i];
	}
	if (!title || !*title)
		return fail("%s", "event new: --title is required");
	int64_t t;
	if (*starts && !when_parse(starts, &t))
		return fail("event new: --starts \"%s\" is not a date like \"2026-11-27 09:30\"", starts);
	store_event ev = {0};
	if (strlen(title) >= sizeof ev.title || strlen(venue) >= sizeof ev.venue)
		return fail("%s", "event new: the title or venue is too long");
	snprintf(ev.title, sizeof ev.title, "%s", title);
	snprintf(ev.starts, sizeof ev.starts, "%s", starts);
	snprintf(ev.venue, sizeof ev.venue, "%s", venue);
	store *s;
	if (open_store(db, &s))
		return 1;
	int rc = store_event_add(s, &ev);
	if (rc != STORE_OK)
		fail("event new: %s", store_errmsg(s));
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
			return fail("pin set: unknown option '%s' (try --help)", argv[i]);
		db = argv[++i];
	}
	char pin[64] = "";
	if (!fgets(pin, sizeof pin, stdin))
		return fail("%s", "pin set: no PIN on standard input");
	pin[strcspn(pin, "\r\n")] = '\0';
	store *s;
	if (open_store(db, &s))
		return 1;
	char code[STORE_RECOVERY_DIGITS + 1] = "";
	int rc = store_pin_set(s, pin);
	if (rc == STORE_OK)
		rc = store_pin_recovery_new(s, code);
	if (rc == STORE_INVALID)
		fail("%s", "pin set: a PIN is 4 to 8 digits");
	else if (rc != STORE_OK)
		fail("pin set: %s", store_errmsg(s));
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
				return fail("roster import: %s needs a value", argv[i]);
			db = argv[++i];
		} else if (argv[i][0] == '-' && argv[i][1] != '\0') {
			return fail("roster import: unknown option '%s' (try --help)", argv[i]);
		} else if (path) {
			return fail("roster import: one file at a time ('%s' is one too many)", argv[i]);
		} else {
			path = argv[i];
		}
	}
	if (!path)
		return fail("%s", "roster import: which file? (cop-kiosk roster import --db PATH FILE.csv)");
	FILE *f = strcmp(path, "-") ? fopen(path, "rb") : stdin;
	if (!f) {
		char why[1200];
		snprintf(why, sizeof why, "roster import: cannot read %s (%s)", path, strerror(errno));
		return fail("%s", why);
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
		fail("roster import: %s", err);
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
			return fail("export: unknown option '%s' (try --help)", argv[i]);
		if (i + 1 == argc)
			return fail("export: %s needs a value", argv[i]);
		*slot = argv[++i];
	}
	if (!format || (strcmp(format, "csv") && strcmp(format, "json")))
		return fail("%s", "export: --format csv or --format json is required");
	if (!path || !*path)
		return fail("%s", "export: --out FILE is required");
	/* Exporting never creates a data file: a mistyped --db would only export nothing. */
	if (db && access(db, F_OK) != 0)
		return fail("export: there is no data file at %s", db);
	char tmp[4096];
	if ((size_t)snprintf(tmp, sizeof tmp, "%s.tmp", path) >= sizeof tmp)
		return fail("%s", "export: the --out path is too long");
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
		return fail("%s", why);
	printf("Exported %s to %s.\n", !strcmp(format, "csv") ? "the attendance" : "every record", path);
	return 0;
}

static int cmd_sync_key(int argc, char **argv)
{
	const char *db = NULL, *path = NULL;
	for (int i = 0; i < argc; i++) {
		if (!strcmp(argv[i], "--db")) {
			if (i + 1 == argc)
				return fail("sync-key: %s needs a value", argv[i]);
			db = argv[++i];
		} else if (argv[i][0] == '-') {
			return fail("sync-key: unknown option '%s' (try --help)", argv[i]);
		} else if (path) {
			return fail("sync-key: one key file ('%s' is one too many)", argv[i]);
		} else {
			path = argv[i];
		}
	}
	if (!path)
		return fail("%s", "sync-key: which file? (cop-kiosk sync-key --db PATH FILE.pub)");
	store *s;
	if (open_store(db, &s))
		return 1;
	char err[1200];
	int status = frames_load_key(s, path, err, sizeof err);
	if (status != 0)
		fail("sync-key: %s", err);
	else
		printf("The archive's key is loaded: the Sync loop is now encrypted for the archive.\n");
	store_close(s);
	return status;
}

static int cmd_frames(int argc, char **argv)
{
	const char *db = NULL, *dir = NULL;
	int w = 800, h = 480;
	for (int i = 0; i < argc; i++) {
		if (i + 1 == argc)
			return fail("frames: %s needs a value (try --help)", argv[i]);
		char tail;
		if (!strcmp(argv[i], "--db"))
			db = argv[++i];
		else if (!strcmp(argv[i], "--out"))
			dir = argv[++i];
		else if (!strcmp(argv[i], "--size") && sscanf(argv[i + 1], "%dx%d%c", &w, &h, &tail) == 2 && w >= 320 &&
		         h >= 240 && w <= 8192 && h <= 8192)
			i++;
		else
			return fail("frames: unknown option or bad value '%s' (try --help)", argv[i]);
	}
	if (!dir || !*dir)
		return fail("%s", "frames: --out DIR is required");
	if (db && access(db, F_OK) != 0)
		return fail("frames: there is no data file at %s", db);
	store *s;
	if (open_store(db, &s))
		return 1;
	char err[600];
	int status = frames_write(s, dir, w, h, err, sizeof err);
	if (status != 0)
		fail("frames: %s", err);
	store_close(s);
	return status;
}

static int run_kiosk(int argc, char **argv)
{
	app_options o = {.started = app_seconds()};
	const char *script = NULL, *config_path = CONFIG_DEFAULT_PATH;
	bool demo = false, config_named = false;
	char dbbuf[1024], assets[1024], fonts[1100], locales[1024], err[600];
	/* The settings file first: the command line wins over it. */
	for (int i = 1; i + 1 < argc; i++)
		if (!strcmp(argv[i], "--config")) {
			config_path = argv[i + 1];
			config_named = true;
		}
	config c;
	if (config_read(config_path, config_named, &c, err, sizeof err) != 0)
		return fail("%s", err);
	o.db_path = c.has_db ? c.db : NULL;
	o.w = c.has_size ? c.w : 0;
	o.h = c.has_size ? c.h : 0;
	o.rotate = c.rotate;
	o.rotate_by = c.has_rotate ? config_path : NULL;
	o.fullscreen = c.has_fullscreen && c.fullscreen;
	o.inactivity_s = c.inactivity_s;
	o.inactivity_by = c.has_inactivity ? config_path : NULL;
	o.language = c.language;
	o.language_by = c.has_language ? config_path : NULL;
	for (int i = 1; i < argc; i++) {
		const char *arg = argv[i];
		bool has_value = i + 1 < argc;
		if (!strcmp(arg, "--help") || !strcmp(arg, "-h")) {
			fputs(usage, stdout);
			return 0;
		} else if (!strcmp(arg, "--db") && has_value) {
			o.db_path = argv[++i];
		} else if (!strcmp(arg, "--size") && has_value) {
			char tail;
			if (sscanf(argv[++i], "%dx%d%c", &o.w, &o.h, &tail) != 2 || o.w < 320 || o.h < 240 ||
			    o.w > 8192 || o.h > 8192)
				return fail("--size '%s' is not a size like 800x480", argv[i]);
		} else if (!strcmp(arg, "--rotate") && has_value) {
			/* The panel's size stays --size; the kiosk lays out for the turned screen. */
			char tail;
			if (sscanf(argv[++i], "%d%c", &o.rotate, &tail) != 1 ||
			    (o.rotate != 0 && o.rotate != 90 && o.rotate != 180 && o.rotate != 270))
				return fail("--rotate '%s' is not 0, 90, 180 or 270", argv[i]);
			/* Said on screen, in the kiosk's language (display.c). */
			o.rotate_by = N_("the command line (--rotate)");
		} else if (!strcmp(arg, "--language") && has_value) {
			o.language = argv[++i];
			o.language_by = N_("the command line (--language)");
		} else if (!strcmp(arg, "--config") && has_value) {
			i++; /* read above */
		} else if (!strcmp(arg, "--fullscreen")) {
			o.fullscreen = true;
		} else if (!strcmp(arg, "--demo")) {
			demo = true;
		} else if (!strcmp(arg, "--script") && has_value) {
			script = argv[++i];
		} else if (!strncmp(arg, "--", 2) && (!strcmp(arg, "--db") || !strcmp(arg, "--size") || !strcmp(arg, "--script") ||
		                                         !strcmp(arg, "--rotate") || !strcmp(arg, "--config") ||
		                                         !strcmp(arg, "--language"))) {
			return fail("%s needs a value (try --help)", arg);
		} else {
			return fail("unknown option '%s' (try --help)", arg);
		}
	}
	if (!o.db_path)
		o.db_path = default_db(dbbuf, sizeof dbbuf);
	FILE *in = NULL;
	if (script) {
		in = strcmp(script, "-") ? fopen(script, "r") : stdin;
		if (!in)
			return fail("cannot read the script %s", script);
		o.headless = true;
		/* Scripts replay headless unless a display was chosen explicitly. */
		setenv("SDL_VIDEODRIVER", getenv("SDL_VIDEODRIVER") ? getenv("SDL_VIDEODRIVER") : "offscreen", 1);
	}
	if (c.has_fonts)
		snprintf(fonts, sizeof fonts, "%s", c.fonts);
	else
		snprintf(fonts, sizeof fonts, "%s/fonts", assets_dir(assets, sizeof assets));
	o.fonts = fonts;
	o.localedir = locale_dir(locales, sizeof locales);

	app a;
	int status = 1;
	if (app_init(&a, &o, err, sizeof err) != 0) {
		fail("%s", err);
		goto out;
	}
	if (demo && a.db && demo_seed(a.db) != STORE_OK)
		fprintf(stderr, "cop-kiosk: could not add the demo event: %s\n", store_errmsg(a.db));
	app_home(&a); /* show what the demo added */
	status = in ? script_run(&a, in) : app_run(&a);
out:
	app_close(&a);
	if (in && in != stdin)
		fclose(in);
	return status;
}

int main(int argc, char **argv)
{
	if (argc >= 3 && !strcmp(argv[1], "event") && !strcmp(argv[2], "new"))
		return cmd_event_new(argc - 3, argv + 3);
	if (argc >= 3 && !strcmp(argv[1], "pin") && !strcmp(argv[2], "set"))
		return cmd_pin_set(argc - 3, argv + 3);
	if (argc >= 3 && !strcmp(argv[1], "roster") && !strcmp(argv[2], "import"))
		return cmd_roster_import(argc - 3, argv + 3);
	if (argc >= 2 && !strcmp(argv[1], "export"))
		return cmd_export(argc - 2, argv + 2);
	if (argc >= 2 && !strcmp(argv[1], "frames"))
		return cmd_frames(argc - 2, argv + 2);
	if (argc >= 2 && !strcmp(argv[1], "sync-key"))
		return cmd_sync_key(argc - 2, argv + 2);
	if (argc >= 2 && argv[1][0] != '-')
		return fail("unknown command '%s' (try --help)", argv[1]);
	return run_kiosk(argc, argv);
}
