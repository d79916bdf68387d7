/* script: replays a session headless — tap, type, key, wait, expect, shot, dump,
 * quit — through the same input path a finger takes. */
#include <ctype.h>
#include <stdlib.h>
#include <string.h>

#include "core/text.h"
#include "script.h"
#include "ui/ui_sdl.h"

#define MAX_ARGS 5

/* Splits line into words; "quoted strings" may hold spaces, \" and \\. Returns
 * the number of words, or -1 on an unterminated quote. */
static int split(char *line, char *argv[MAX_ARGS])
{
	int n = 0;
	char *p = line;
	for (;;) {
		while (isspace((unsigned char)*p))
			p++;
		if (!*p || n == MAX_ARGS)
			return *p ? -1 : n;
		if (*p == '"') {
			char *out = ++p;
			argv[n++] = out;
			while (*p && *p != '"') {
				if (*p == '\\' && (p[1] == '"' || p[1] == '\\'))
					p++;
				*out++ = *p++;
			}
			if (*p != '"')
				return -1;
			p++;
			*out = '\0';
		} else {
			argv[n++] = p;
			while (*p && !isspace((unsigned char)*p))
				p++;
			if (*p)
				*p++ = '\0';
		}
	}
}

static void pointer(app *a, ui_input_kind kind, int x, int y)
{
	ui_input in = {.kind = kind, .x = x, .y = y};
	app_input(a, &in);
}

static void tap_at(app *a, int x, int y)
{
	pointer(a, UI_IN_DOWN, x, y);
	pointer(a, UI_IN_UP, x, y);
	app_frame(a);
}

/* A finger on the panel at window pixel (x,y), as SDL reports it: the event
 * goes through ui_translate (rotation included), as a real touch does. */
static int touch_at(app *a, int x, int y)
{
	int w = 0, h = 0;
	SDL_GetWindowSize(a->window, &w, &h);
	if (x >= w || y >= h)
		return -1;
	static const Uint32 types[] = {SDL_FINGERDOWN, SDL_FINGERUP};
	for (size_t i = 0; i < 2; i++) {
		SDL_Event e = {.type = types[i]};
		e.tfinger.x = ((float)x + 0.5f) / (float)w;
		e.tfinger.y = ((float)y + 0.5f) / (float)h;
		ui_input in;
		if (ui_translate(a->ui, &e, &in))
			app_input(a, &in);
	}
	app_frame(a);
	return 0;
}

/* Types text in chunks that end on character boundaries, as SDL delivers it. */
static void type_text(app *a, const char *s)
{
	while (*s) {
		ui_input in = {.kind = UI_IN_TEXT};
		size_t used = 0;
		while (s[used]) {
			size_t n = 0;
			text_decode(s + used, &n);
			if (used + n >= sizeof in.text)
				break;
			used += n;
		}
		memcpy(in.text, s, used);
		in.text[used] = '\0';
		app_input(a, &in);
		s += used;
	}
	app_frame(a);
}

static int key_named(const char *name)
{
	static const struct {
		const char *name;
		ui_key key;
	} keys[] = {
		{"Return", UI_KEY_ENTER}, {"Enter", UI_KEY_ENTER}, {"Escape", UI_KEY_ESCAPE},
		{"Backspace", UI_KEY_BACKSPACE}, {"Tab", UI_KEY_TAB}, {"Up", UI_KEY_UP}, {"Down", UI_KEY_DOWN},
	};
	for (size_t i = 0; i < sizeof keys / sizeof keys[0]; i++)
		if (!strcasecmp(keys[i].name, name))
			return (int)keys[i].key;
	return -1;
}

static bool visible(const ui *u, const char *text)
{
	for (int i = 0; i < ui_widget_count(u); i++)
		if (strstr(ui_widget_at(u, i)->text, text))
			return true;
	return false;
}

static bool number(const char *s, long *out)
{
	char *end;
	*out = strtol(s, &end, 10);
	return *s && !*end && *out >= 0;
}

/* Peak resident memory of this process in KiB, from /proc; -1 if unknown. */
static long peak_kib(void)
{
	FILE *f = fopen("/proc/self/status", "r");
	char line[256];
	long kib = -1;
	while (f && fgets(line, sizeof line, f))
		if (sscanf(line, "VmHWM: %ld kB", &kib) == 1)
			break;
	if (f)
		fclose(f);
	return kib;
}

/* "bench N": draws and presents the current screen N times and prints the
 * figures `make bench` reports. Not part of the test contract. */
static void bench(app *a, int n)
{
	const layout_metrics *m = ui_metrics(a->ui);
	double t0 = app_seconds();
	for (int i = 0; i < n; i++) {
		app_frame(a);
		ui_present(a->ui);
	}
	double per = (app_seconds() - t0) * 1000 / n;
	size_t budget = 0, text = ui_text_cache_bytes(a->ui, &budget);
	printf("bench %s %dx%d: %.2f ms a frame (first frame %.0f ms after start, peak memory %ld KiB, "
	       "text %zu of %zu KiB)\n",
	       a->screen->name, m->w, m->h, per, (a->first_frame - a->started) * 1000, peak_kib(), text >> 10,
	       budget >> 10);
}

/* Runs one command; returns 0, or 1 after naming the problem on stderr. */
static int run_line(app *a, int lineno, int argc, char **argv, bool *quit)
{
	const char *cmd = argv[0];
	long x, y, x2, y2;
	if (!strcmp(cmd, "tap") && argc == 2) {
		const ui_widget *w = ui_find(a->ui, argv[1]);
		if (!w) {
			fprintf(stderr, "line %d: nothing to tap labelled \"%s\" on this screen\n", lineno, argv[1]);
			return 1;
		}
		tap_at(a, w->r.x + w->r.w / 2, w->r.y + w->r.h / 2);
	} else if (!strcmp(cmd, "tap") && argc == 3 && number(argv[1], &x) && number(argv[2], &y)) {
		tap_at(a, (int)x, (int)y);
	} else if (!strcmp(cmd, "touch") && argc == 3 && number(argv[1], &x) && number(argv[2], &y)) {
		if (touch_at(a, (int)x, (int)y) != 0) {
			fprintf(stderr, "line %d: %ld,%ld is off the panel\n", lineno, x, y);
			return 1;
		}
	} else if (!strcmp(cmd, "drag") && argc == 5 && number(argv[1], &x) && number(argv[2], &y) &&
	           number(argv[3], &x2) && number(argv[4], &y2)) {
		/* A finger moving in steps, as touch screens report it. */
		pointer(a, UI_IN_DOWN, (int)x, (int)y);
		for (int i = 1; i <= 8; i++)
			pointer(a, UI_IN_MOVE, (int)(x + (x2 - x) * i / 8), (int)(y + (y2 - y) * i / 8));
		pointer(a, UI_IN_UP, (int)x2, (int)y2);
		app_frame(a);
	} else if (!strcmp(cmd, "hold") && argc == 4 && number(argv[1], &x) && number(argv[2], &y) &&
	           number(argv[3], &x2)) {
		/* A finger held still for a while: a long press. */
		pointer(a, UI_IN_DOWN, (int)x, (int)y);
		app_tick(a, a->now + x2);
		pointer(a, UI_IN_UP, (int)x, (int)y);
		app_frame(a);
	} else if (!strcmp(cmd, "type") && argc == 2) {
		if (!text_valid_utf8(argv[1], strlen(argv[1]))) {
			fprintf(stderr, "line %d: the text to type is not valid UTF-8\n", lineno);
			return 1;
		}
		type_text(a, argv[1]);
	} else if (!strcmp(cmd, "key") && argc == 2) {
		int k = key_named(argv[1]);
		if (k < 0) {
			fprintf(stderr, "line %d: unknown key \"%s\"\n", lineno, argv[1]);
			return 1;
		}
		ui_input in = {.kind = UI_IN_KEY, .key = (ui_key)k};
		app_input(a, &in);
		app_frame(a);
	} else if (!strcmp(cmd, "wait") && argc == 2 && number(argv[1], &x)) {
		app_tick(a, a->now + x);
		app_frame(a);
	} else if (!strcmp(cmd, "expect") && argc == 2) {
		if (!visible(a->ui, argv[1])) {
			fprintf(stderr, "line %d: expected \"%s\" on the %s screen, which shows:\n", lineno, argv[1],
			        a->screen->name);
			ui_dump(a->ui, stderr);
			return 1;
		}
	} else if (!strcmp(cmd, "shot") && argc == 2) {
		char err[300];
		app_frame(a);
		if (ui_screenshot(a->ui, argv[1], err, sizeof err) != 0) {
			fprintf(stderr, "line %d: %s\n", lineno, err);
			return 1;
		}
	} else if (!strcmp(cmd, "dump") && argc == 1) {
		ui_dump(a->ui, stdout);
	} else if (!strcmp(cmd, "bench") && argc == 2 && number(argv[1], &x) && x > 0) {
		bench(a, (int)x);
	} else if (!strcmp(cmd, "quit") && argc == 1) {
		*quit = true;
	} else {
		fprintf(stderr, "line %d: unknown command or wrong arguments: %s\n", lineno, cmd);
		return 1;
	}
	return 0;
}

int script_run(app *a, FILE *in)
{
	char line[8192];
	int lineno = 0;
	bool quit = false;
	app_frame(a);
	while (!quit && fgets(line, sizeof line, in)) {
		lineno++;
		size_t len = strlen(line);
		if (len == sizeof line - 1 && line[len - 1] != '\n') {
			fprintf(stderr, "line %d: longer than %zu bytes\n", lineno, sizeof line - 2);
			return 1;
		}
		char *start = line;
		while (isspace((unsigned char)*start))
			start++;
		if (*start == '#')
			continue; /* a comment */
		char *argv[MAX_ARGS];
		int argc = split(start, argv);
		if (argc < 0) {
			fprintf(stderr, "line %d: unbalanced quotes or too many words\n", lineno);
			return 1;
		}
		if (argc == 0)
			continue;
		if (run_line(a, lineno, argc, argv, &quit) != 0)
			return 1;
		/* Shown, as the live loop shows each frame: otherwise the renderer
		 * queues a whole session's drawing, and a script's memory is not
		 * what a finger's session takes. */
		ui_present(a->ui);
		printf("ok %d\n", lineno);
		fflush(stdout);
	}
	return 0;
}
