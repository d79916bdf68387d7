/* main: the cop-kiosk command line — the kiosk itself, its options over the
 * settings file; the set-up commands are in commands.c. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include <SDL.h>

#include "app.h"
#include "commands.h"
#include "core/config.h"
#include "core/lang.h"
#include "demo.h"
#include "script.h"

static const char usage[] =
	"Usage:\n"
	"  cop-kiosk [--db PATH] [--size WxH] [--rotate 0|90|180|270] [--language en|cy]\n"
	"            [--fullscreen] [--demo] [--script FILE|-] [--panel-mm WxH]\n"
	"            [--config FILE]   (default /etc/cop-kiosk/kiosk.conf)\n"
	"  cop-kiosk event new --db PATH --title TITLE [--starts \"YYYY-MM-DD HH:MM\"] [--venue VENUE]\n"
	"  cop-kiosk pin set --db PATH          (reads the PIN from standard input)\n"
	"  cop-kiosk roster import --db PATH FILE.csv   (an Eventbrite attendee export, or\n"
	"                                       first name, last name, organisation, email)\n"
	"  cop-kiosk export --db PATH --format csv|json --out FILE\n"
	"                                      (the current event's attendance, or every record)\n"
	"  cop-kiosk frames --db PATH --out DIR [--size WxH] [--panel-mm WxH]\n"
	"            (the Sync loop as PNG files; --panel-mm: the panel's picture in mm,\n"
	"            which sizes the QR codes; default 155x86 at 800x480, else 96 dpi)\n"
	"  cop-kiosk sync-key --db PATH FILE.pub   (the archive's public key, from cop-sync\n"
	"                                       keygen: the Sync loop is then encrypted)\n"
	"  cop-kiosk --help\n"
	"\n"
	"The kiosk for Community of Practice meetings: check-in, post-its and\n"
	"reflections, stored on this device. Without --db the data file is\n"
	"$XDG_DATA_HOME/cop-kiosk/kiosk.db.\n";

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

/* What the command line asks of the kiosk besides its settings. */
typedef struct {
	const char *script;      /* --script FILE ("-": standard input); NULL: none */
	bool demo;
	bool help;
} run_options;

/* The kiosk's options that set a key of the settings file (config_set), how
 * the screen says who gave them (settings.c; NULL: not said), and what is said
 * of a value config_set refuses. */
static const struct {
	const char *option, *key, *by, *wrong;
} settings[] = {
	{"--db", "db", NULL, "--db '%s' is not a path"},
	{"--size", "size", NULL, "--size '%s' is not a size like 800x480"},
	{"--panel-mm", "panel_mm", NULL, "--panel-mm '%s' is not a size in mm like 155x86"},
	/* The panel's size stays --size; the kiosk lays out for the turned screen. */
	{"--rotate", "rotate", N_("the command line (--rotate)"), "--rotate '%s' is not 0, 90, 180 or 270"},
	{"--language", "language", N_("the command line (--language)"),
	 "--language '%s' is not a code such as en or cy"},
};

/* Reads one option that takes a value (argv[i + 1]) into c, o or r; returns
 * 0, or 1 after saying what is wrong. */
static int read_value(const char *arg, const char *value, config *c, app_options *o, run_options *r)
{
	char why[200];
	if (!strcmp(arg, "--script")) {
		r->script = value;
		return 0;
	}
	if (!strcmp(arg, "--config"))
		return 0; /* read before the others */
	for (size_t k = 0; k < sizeof settings / sizeof settings[0]; k++) {
		if (strcmp(arg, settings[k].option) != 0)
			continue;
		if (!config_set(c, settings[k].key, value, why, sizeof why))
			return commands_fail(settings[k].wrong, value);
		if (!strcmp(settings[k].key, "rotate"))
			o->rotate_by = settings[k].by;
		else if (!strcmp(settings[k].key, "language"))
			o->language_by = settings[k].by;
		return 0;
	}
	return commands_fail("unknown option '%s' (try --help)", arg);
}

static bool takes_value(const char *arg)
{
	if (!strcmp(arg, "--script") || !strcmp(arg, "--config"))
		return true;
	for (size_t k = 0; k < sizeof settings / sizeof settings[0]; k++)
		if (!strcmp(arg, settings[k].option))
			return true;
	return false;
}

/* The settings file at path (named: given with --config, so it must be
 * there), then the command line over it, into c, o and r. Returns 0, or 1
 * after saying what is wrong. */
static int read_options(int argc, char **argv, const char *path, bool named, config *c,
                        app_options *o, run_options *r)
{
	char err[600];
	if (config_read(path, named, c, err, sizeof err) != 0)
		return commands_fail("%s", err);
	o->rotate_by = c->has_rotate ? path : NULL;
	o->inactivity_by = c->has_inactivity ? path : NULL;
	o->language_by = c->has_language ? path : NULL;
	for (int i = 1; i < argc; i++) {
		const char *arg = argv[i];
		if (!strcmp(arg, "--help") || !strcmp(arg, "-h")) {
			r->help = true;
			return 0;
		} else if (!strcmp(arg, "--fullscreen")) {
			c->has_fullscreen = c->fullscreen = true;
		} else if (!strcmp(arg, "--demo")) {
			r->demo = true;
		} else if (takes_value(arg) && i + 1 == argc) {
			return commands_fail("%s needs a value (try --help)", arg);
		} else if (takes_value(arg)) {
			if (read_value(arg, argv[++i], c, o, r) != 0)
				return 1;
		} else {
			return commands_fail("unknown option '%s' (try --help)", arg);
		}
	}
	o->db_path = c->has_db ? c->db : NULL;
	o->w = c->has_size ? c->w : 0;
	o->h = c->has_size ? c->h : 0;
	o->rotate = c->rotate;
	o->panel_mm_w = c->panel_mm_w;
	o->panel_mm_h = c->panel_mm_h;
	o->fullscreen = c->has_fullscreen && c->fullscreen;
	o->inactivity_s = c->inactivity_s;
	o->language = c->language;
	return 0;
}

static int run_kiosk(int argc, char **argv)
{
	app_options o = {.started = app_seconds()};
	run_options r = {0};
	const char *config_path = CONFIG_DEFAULT_PATH;
	bool config_named = false;
	char dbbuf[1024], assets[1024], fonts[1100], locales[1024], err[600];
	/* The settings file first: the command line wins over it. */
	for (int i = 1; i + 1 < argc; i++)
		if (!strcmp(argv[i], "--config")) {
			config_path = argv[i + 1];
			config_named = true;
		}
	config c;
	if (read_options(argc, argv, config_path, config_named, &c, &o, &r) != 0)
		return 1;
	if (r.help) {
		fputs(usage, stdout);
		return 0;
	}
	if (!o.db_path)
		o.db_path = default_db(dbbuf, sizeof dbbuf);
	FILE *in = NULL;
	if (r.script) {
		in = strcmp(r.script, "-") ? fopen(r.script, "r") : stdin;
		if (!in)
			return commands_fail("cannot read the script %s", r.script);
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
		commands_fail("%s", err);
		goto out;
	}
	if (r.demo && a.db && demo_seed(a.db) != STORE_OK)
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
	int status = commands_run(argc, argv);
	if (status >= 0)
		return status;
	if (argc >= 2 && argv[1][0] != '-')
		return commands_fail("unknown command '%s' (try --help)", argv[1]);
	return run_kiosk(argc, argv);
}
