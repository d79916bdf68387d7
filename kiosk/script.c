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
	for (int i = 0; i < ui_widget_count(u); i++) {
		const ui_widget *w = ui_widget_at(u, i);
		/* What a form's field holds shows too: its value. */
		if (strstr(w->text, text) || (w->value && strstr(w->value, text)))
			return true;
	}
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

/* One command as the script gave it: its words, and its numbers when the
 * command takes numbers (argv[1..] read as whole numbers >= 0). */
typedef struct {
	app *a;
	int lineno;
	char **argv;
	long n[MAX_ARGS - 1];
	bool *quit;
} script_call;

/* Each returns 0, or 1 after naming the problem on stderr. */
static int tap_label(script_call *c)
{
	const ui_widget *w = ui_find(c->a->ui, c->argv[1]);
	if (!w) {
		fprintf(stderr, "line %d: nothing to tap labelled \"%s\" on this screen\n", c->lineno, c->argv[1]);
		return 1;
	}
	tap_at(c->a, w->r.x + w->r.w / 2, w->r.y + w->r.h / 2);
	return 0;
}

static int tap_xy(script_call *c)
{
	tap_at(c->a, (int)c->n[0], (int)c->n[1]);
	return 0;
}

static int touch(script_call *c)
{
	if (touch_at(c->a, (int)c->n[0], (int)c->n[1]) != 0) {
		fprintf(stderr, "line %d: %ld,%ld is off the panel\n", c->lineno, c->n[0], c->n[1]);
		return 1;
	}
	return 0;
}

/* A finger moving in steps, as touch screens report it. */
static int drag(script_call *c)
{
	long x = c->n[0], y = c->n[1], x2 = c->n[2], y2 = c->n[3];
	pointer(c->a, UI_IN_DOWN, (int)x, (int)y);
	for (int i = 1; i <= 8; i++)
		pointer(c->a, UI_IN_MOVE, (int)(x + (x2 - x) * i / 8), (int)(y + (y2 - y) * i / 8));
	pointer(c->a, UI_IN_UP, (int)x2, (int)y2);
	app_frame(c->a);
	return 0;
}

/* A finger held still for a while: a long press. */
static int hold(script_call *c)
{
	pointer(c->a, UI_IN_DOWN, (int)c->n[0], (int)c->n[1]);
	app_tick(c->a, c->a->now + c->n[2]);
	pointer(c->a, UI_IN_UP, (int)c->n[0], (int)c->n[1]);
	app_frame(c->a);
	return 0;
}

static int type_words(script_call *c)
{
	if (!text_valid_utf8(c->argv[1], strlen(c->argv[1]))) {
		fprintf(stderr, "line %d: the text to type is not valid UTF-8\n", c->lineno);
		return 1;
	}
	type_text(c->a, c->argv[1]);
	return 0;
}

static int press_key(script_call *c)
{
	int k = key_named(c->argv[1]);
	if (k < 0) {
		fprintf(stderr, "line %d: unknown key \"%s\"\n", c->lineno, c->argv[1]);
		return 1;
	}
	ui_input in = {.kind = UI_IN_KEY, .key = (ui_key)k};
	app_input(c->a, &in);
	app_frame(c->a);
	return 0;
}

static int wait_ms(script_call *c)
{
	app_tick(c->a, c->a->now + c->n[0]);
	app_frame(c->a);
	return 0;
}

static int expect(script_call *c)
{
	if (!visible(c->a->ui, c->argv[1])) {
		fprintf(stderr, "line %d: expected \"%s\" on the %s screen, which shows:\n", c->lineno,
		        c->argv[1], c->a->screen->name);
		ui_dump(c->a->ui, stderr);
		return 1;
	}
	return 0;
}

static int shot(script_call *c)
{
	char err[300];
	app_frame(c->a);
	if (ui_screenshot(c->a->ui, c->argv[1], err, sizeof err) != 0) {
		fprintf(stderr, "line %d: %s\n", c->lineno, err);
		return 1;
	}
	return 0;
}

static int dump(script_call *c)
{
	ui_dump(c->a->ui, stdout);
	return 0;
}

static int bench_frames(script_call *c)
{
	bench(c->a, (int)c->n[0]);
	return 0;
}

static int quit(script_call *c)
{
	*c->quit = true;
	return 0;
}

/* The commands: a name may come twice, with other arguments ("tap Label",
 * "tap X Y"); the first that fits the line runs. */
static const struct {
	const char *name;
	int args;           /* words after the name */
	bool numbers;       /* ... each a whole number >= 0 */
	long min;           /* the least the first number may be */
	int (*run)(script_call *c);
} commands[] = {
	{"tap", 1, false, 0, tap_label},
	{"tap", 2, true, 0, tap_xy},
	{"touch", 2, true, 0, touch},
	{"drag", 4, true, 0, drag},
	{"hold", 3, true, 0, hold},
	{"type", 1, false, 0, type_words},
	{"key", 1, false, 0, press_key},
	{"wait", 1, true, 0, wait_ms},
	{"expect", 1, false, 0, expect},
	{"shot", 1, false, 0, shot},
	{"dump", 0, false, 0, dump},
	{"bench", 1, true, 1, bench_frames},
	{"quit", 0, false, 0, quit},
};

/* True when the words of c fit command i, its numbers read into c->n. */
static bool fits(size_t i, int argc, script_call *c)
{
	if (strcmp(c->argv[0], commands[i].name) != 0 || argc - 1 != commands[i].args)
		return false;
	for (int k = 0; commands[i].numbers && k < commands[i].args; k++)
		if (!number(c->argv[k + 1], &c->n[k]))
			return false;
	return !commands[i].numbers || c->n[0] >= commands[i].min;
}

/* Runs one command; returns 0, or 1 after naming the problem on stderr. */
static int run_line(app *a, int lineno, int argc, char **argv, bool *quit_now)
{
	script_call c = {.a = a, .lineno = lineno, .argv = argv, .quit = quit_now};
	for (size_t i = 0; i < sizeof commands / sizeof commands[0]; i++)
		if (fits(i, argc, &c))
			return commands[i].run(&c);
	fprintf(stderr, "line %d: unknown command or wrong arguments: %s\n", lineno, argv[0]);
	return 1;
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
