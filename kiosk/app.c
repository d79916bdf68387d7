/* app: the kiosk's context — window, store, clock, the one place that switches
 * screens, the event loop and the inactivity reset. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "app.h"
#include "ui/ui_sdl.h"
#include "core/lang.h"
#include "drmcard.h"
#include "screens/screens.h"

#ifdef HAVE_SYSTEMD
#include <systemd/sd-daemon.h>
#endif

#define DEFAULT_INACTIVITY_S 45
/* Facilitators read and think while setting up: give them longer before the
 * kiosk locks itself. */
#define FACILITATOR_PATIENCE 4

int app_init(app *a, const app_options *o, char *err, size_t errlen)
{
	memset(a, 0, sizeof *a);
	a->headless = o->headless;
	a->started = o->started;
	a->wake_at = -1;
	a->watchdog_at = -1;
	if (o->headless) /* draw in memory only: no GL driver behind the window's surface */
		SDL_SetHint(SDL_HINT_FRAMEBUFFER_ACCELERATION, "0");
	/* KMSDRM: the card with the panel, which on a Pi 5 is not the first one
	 * (SDL 2.26 may open the GPU's). Unless the environment says otherwise. */
	int card = o->headless ? -1 : drmcard_connected("/sys/class/drm");
	if (card >= 0) {
		char index[16];
		snprintf(index, sizeof index, "%d", card);
		setenv("SDL_KMSDRM_DEVICE_INDEX", index, 0);
	}
	a->panel_mm_w = o->panel_mm_w;
	a->panel_mm_h = o->panel_mm_h;
	if (o->panel_mm_w <= 0 && card >= 0)
		drmcard_panel_mm("/sys/class/drm", card, &a->panel_mm_w, &a->panel_mm_h);
	if (SDL_Init(SDL_INIT_VIDEO | SDL_INIT_EVENTS) != 0) {
		snprintf(err, errlen, "cannot start the display: %s", SDL_GetError());
		return -1;
	}
	Uint32 flags = SDL_WINDOW_SHOWN | SDL_WINDOW_RESIZABLE;
	int w = o->w > 0 ? o->w : 800, h = o->h > 0 ? o->h : 480;
	SDL_DisplayMode mode;
	if (o->fullscreen) {
		flags |= SDL_WINDOW_FULLSCREEN_DESKTOP;
		/* The panel's own size unless told otherwise: KMSDRM shows a
		 * window of another size on no panel that cannot scale it. */
		if (o->w <= 0 && SDL_GetDesktopDisplayMode(0, &mode) == 0) {
			w = mode.w;
			h = mode.h;
		}
	}
	a->window = SDL_CreateWindow("CoP Kiosk", SDL_WINDOWPOS_CENTERED, SDL_WINDOWPOS_CENTERED, w, h, flags);
	if (!a->window) {
		snprintf(err, errlen, "cannot open a window: %s", SDL_GetError());
		return -1;
	}
	if (o->fullscreen)
		SDL_ShowCursor(SDL_DISABLE);
	lang_init(o->localedir);
	snprintf(a->language, sizeof a->language, "%s", lang_current());
	a->ui = ui_create(a->window, o->fonts, o->headless, err, errlen);
	if (!a->ui)
		return -1;

	/* The settings file and the command line win over the data file. A
	 * language given there is set first, so that a data file's trouble is
	 * said in it. */
	char why[400];
	a->language_by = o->language_by;
	if (o->language_by && app_set_language(a, o->language, true, why, sizeof why) != 0) {
		/* No words for it here (a typo, a catalogue not installed): the
		 * kiosk still serves, in the facilitator's choice or English, and
		 * says so. */
		fprintf(stderr, "cop-kiosk: %s: %s; it is not used\n", _(o->language_by), why);
		a->language_by = NULL;
	}
	a->db_path = o->db_path;
	int opened = store_open(o->db_path, &a->db, why, sizeof why);
	if (opened != STORE_OK) {
		/* Not fatal: the kiosk stays up and says what is wrong. */
		snprintf(a->db_error, sizeof a->db_error, "%s", why);
		fprintf(stderr, "cop-kiosk: %s\n", why);
		/* Another process holding the write lock lets go in the end: try
		 * again, less and less often (check_file). */
		if (opened == STORE_BUSY)
			a->db_retry_ms = 1000;
	}
	char stored[sizeof a->language] = "";
	if (!a->language_by && a->db && store_language(a->db, stored, sizeof stored) == STORE_OK &&
	    app_set_language(a, stored, true, why, sizeof why) != 0)
		/* A chosen catalogue that is gone: carry on in English, and say so. */
		fprintf(stderr, "cop-kiosk: %s; the words stay in English\n", why);
	a->rotate_by = o->rotate_by;
	a->inactivity_by = o->inactivity_by;
	int64_t deg = o->rotate_by ? o->rotate : a->db ? store_setting_int(a->db, STORE_SETTING_ROTATE, 0) : 0;
	if (deg != 0 && ui_set_rotation(a->ui, deg > 0 && deg <= 270 ? (int)deg : -1, err, errlen) != 0) {
		if (o->rotate_by)
			return -1;
		/* A stored turn that cannot be shown: carry on upright, and say so. */
		fprintf(stderr, "cop-kiosk: %s; the screen is not turned\n", err);
	}
	int64_t secs = o->inactivity_by ? o->inactivity_s
	             : a->db           ? store_setting_int(a->db, STORE_SETTING_INACTIVITY, DEFAULT_INACTIVITY_S)
	                               : DEFAULT_INACTIVITY_S;
	a->inactivity_ms = (int)(secs > 5 ? secs : DEFAULT_INACTIVITY_S) * 1000;
	a->now = a->headless ? 0 : (int64_t)SDL_GetTicks64();
	a->wall_at_start = a->db ? store_now(a->db) : (int64_t)time(NULL);
	a->last_input = a->now;
	a->file_check_at = a->db || a->db_retry_ms ? a->now + 1000 : -1;
	app_show(a, &screen_home);
	return 0;
}

void app_close(app *a)
{
	if (a->screen && a->screen->leave)
		a->screen->leave(a);
	store_close(a->db);
	ui_destroy(a->ui);
	if (a->window)
		SDL_DestroyWindow(a->window);
	SDL_Quit();
	memset(a, 0, sizeof *a);
}

void app_show(app *a, const screen *s)
{
	if (a->lapsed && s != &screen_home && s != &screen_pin) {
		a->after_pin = s;
		pin_open(a, PIN_UNLOCK);
		return;
	}
	if (a->screen && a->screen->leave)
		a->screen->leave(a);
	ui_reset(a->ui);
	a->screen = s;
	a->wake_at = -1;
	a->dirty = true;
	if (s->enter)
		s->enter(a);
}

int app_set_language(app *a, const char *code, bool kiosk, char *err, size_t errlen)
{
	if (lang_set(code, err, errlen) != 0)
		return -1;
	if (kiosk)
		snprintf(a->language, sizeof a->language, "%s", lang_current());
	a->relabelled = a->dirty = true;
	return 0;
}

bool app_ask_pin_if_lapsed(app *a)
{
	if (!a->lapsed)
		return false;
	app_show(a, a->screen);
	return true;
}

void app_unlock(app *a)
{
	char err[300];
	a->unlocked = true;
	a->lapsed = false;
	if (app_set_language(a, a->language, false, err, sizeof err) != 0)
		fprintf(stderr, "cop-kiosk: %s\n", err);
}

void app_home(app *a)
{
	if (a->presenting) {
		char err[200];
		a->presenting = false;
		ui_zoom(a->ui, 1, err, sizeof err);
	}
	if (a->unlocked)
		ui_toast(a->ui, "", 0); /* facilitator news is not for the next attendee */
	a->unlocked = false;
	a->lapsed = false;
	a->after_pin = NULL;
	app_show(a, &screen_home);
}

void app_wake_at(app *a, int64_t ms)
{
	if (a->wake_at < 0 || ms < a->wake_at)
		a->wake_at = ms;
}

void app_frame(app *a)
{
	/* A tap that switches screens or opens a modal ends a frame drawn for
	 * the old state; draw again straight away so what is shown (and what a
	 * script can tap) always matches the state. */
	for (int i = 0; i < 3; i++) {
		const screen *s = a->screen;
		ui_begin(a->ui, a->now);
		s->frame(a);
		bool again = ui_end(a->ui) || a->relabelled;
		a->relabelled = false;
		if (a->screen == s && !again)
			break;
	}
	if (a->first_frame == 0)
		a->first_frame = app_seconds();
}

int64_t app_wall(const app *a)
{
	/* Scripts: the wall clock of the start, moved by the virtual clock only,
	 * so that what a script sees does not hang on how fast it runs. */
	if (a->headless)
		return a->wall_at_start + a->now / 1000;
	return a->db ? store_now(a->db) : (int64_t)time(NULL);
}

double app_seconds(void)
{
	struct timespec ts;
	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

void app_input(app *a, const ui_input *in)
{
	a->last_input = a->now;
	ui_feed(a->ui, in);
	app_frame(a);
	a->dirty = true;
}

/* Presenting to the room and a watched screen (the sync loop) are watched,
 * not touched: they stay up, but facilitator mode lapses behind them. */
static bool watched(const app *a)
{
	return a->presenting || a->screen->idle == SCREEN_IDLE_WATCHED;
}

static int64_t inactivity_deadline(const app *a)
{
	/* Home clears nothing, unless an attendee chose another language there. */
	bool own_language = !strcmp(lang_current(), a->language);
	if ((a->screen->idle == SCREEN_IDLE_STAYS && own_language) || (watched(a) && !a->unlocked))
		return -1;
	int64_t limit = a->inactivity_ms;
	if (a->unlocked)
		limit *= FACILITATOR_PATIENCE;
	return a->last_input + limit;
}

/* Tells systemd (Type=notify) how the kiosk is; nothing without libsystemd
 * or outside a notify service (sd_notify ignores a missing $NOTIFY_SOCKET). */
static void notify(const char *state)
{
#ifdef HAVE_SYSTEMD
	sd_notify(0, state);
#else
	(void)state;
#endif
}

/* The watchdog's period from $WATCHDOG_USEC (WatchdogSec=), halved so that a
 * late frame never misses it; 0 when there is no watchdog. */
static int64_t watchdog_period_ms(void)
{
#ifdef HAVE_SYSTEMD
	uint64_t usec = 0;
	if (sd_watchdog_enabled(0, &usec) > 0 && usec > 0) {
		int64_t ms = (int64_t)(usec / 2000);
		return ms > 0 ? ms : 1;
	}
#endif
	return 0;
}

/* The earliest time something on screen changes by itself (or the watchdog
 * wants its ping), or -1. */
static int64_t next_deadline(const app *a)
{
	int64_t t[] = {inactivity_deadline(a), a->wake_at, a->watchdog_at, a->file_check_at};
	int64_t best = -1;
	for (size_t i = 0; i < sizeof t / sizeof t[0]; i++)
		if (t[i] >= 0 && (best < 0 || t[i] < best))
			best = t[i];
	return best;
}

/* The data file was busy at start (another process held its write lock):
 * tried again after 1, 2, 4... up to 30 s; the kiosk carries on with it. */
static void retry_open(app *a)
{
	char why[sizeof a->db_error];
	int rc = store_open(a->db_path, &a->db, why, sizeof why);
	if (rc == STORE_OK) {
		a->db_retry_ms = 0;
		a->db_error[0] = '\0';
		fprintf(stderr, "cop-kiosk: the data file is free again and open\n");
		/* The facilitator's choices kept in the file, as at start. */
		char stored[sizeof a->language] = "";
		if (!a->language_by && store_language(a->db, stored, sizeof stored) == STORE_OK)
			app_set_language(a, stored, true, why, sizeof why);
		int64_t deg = store_setting_int(a->db, STORE_SETTING_ROTATE, 0);
		if (!a->rotate_by && deg > 0 && deg <= 270 && ui_set_rotation(a->ui, (int)deg, why, sizeof why) != 0)
			fprintf(stderr, "cop-kiosk: %s; the screen is not turned\n", why);
		int64_t secs = store_setting_int(a->db, STORE_SETTING_INACTIVITY, DEFAULT_INACTIVITY_S);
		if (!a->inactivity_by)
			a->inactivity_ms = (int)(secs > 5 ? secs : DEFAULT_INACTIVITY_S) * 1000;
		app_home(a);
		a->dirty = true;
		return;
	}
	snprintf(a->db_error, sizeof a->db_error, "%s", why);
	if (rc != STORE_BUSY) {
		a->db_retry_ms = 0; /* another trouble: said on screen, for a person to put right */
		a->file_check_at = -1;
		app_home(a);
		return;
	}
	a->file_check_at = a->now + a->db_retry_ms;
	a->db_retry_ms = a->db_retry_ms < 15000 ? a->db_retry_ms * 2 : 30000;
}

/* Once a second: is the data file still at its path? When it is gone
 * (deleted, its stick pulled) every write refuses, and this says so on
 * every screen; what the kiosk holds is written back as soon as the path
 * can take it again. */
static void check_file(app *a)
{
	a->file_check_at = a->now + 1000;
	if (!a->db && a->db_retry_ms > 0) {
		retry_open(a);
		return;
	}
	if (!a->db || !store_file_gone(a->db)) {
		a->file_gone = false;
		return;
	}
	char why[sizeof a->db_error];
	if (store_write_back(&a->db, why, sizeof why) == STORE_OK) {
		a->file_gone = false;
		fprintf(stderr, "cop-kiosk: the data file was gone; what the kiosk held is written back to it\n");
		ui_toast(a->ui, _("The data file is back: everything the kiosk holds is saved in it again."), 5000);
		a->dirty = true;
		return;
	}
	if (!a->db) {
		/* Written beside its path but no longer open: nothing to serve with. */
		snprintf(a->db_error, sizeof a->db_error, "%s", why);
		app_home(a);
		return;
	}
	if (!a->file_gone)
		fprintf(stderr, "cop-kiosk: %s\n", why);
	a->file_gone = true;
	ui_toast(a->ui, _("The data file is gone (deleted, or its disk taken out). Nothing new is saved until it is "
	                  "back; what the kiosk holds is kept."), 1500);
	a->dirty = true;
}

static void tick_once(app *a)
{
	if (a->file_check_at >= 0 && a->now >= a->file_check_at)
		check_file(a);
	int64_t idle = inactivity_deadline(a);
	if (idle >= 0 && a->now >= idle && watched(a)) {
		/* The screen stays for the room; whoever walks up later cannot
		 * leave it into facilitator mode without the PIN. */
		a->unlocked = false;
		a->lapsed = true;
	} else if (idle >= 0 && a->now >= idle && !ui_pointer_down(a->ui)) {
		char err[300];
		/* The next person never sees the last one's input, nor their language. */
		if (app_set_language(a, a->language, false, err, sizeof err) != 0)
			fprintf(stderr, "cop-kiosk: %s\n", err);
		app_home(a);
		a->last_input = a->now;
	}
	if (a->wake_at >= 0 && a->now >= a->wake_at) {
		a->wake_at = -1;
		app_frame(a); /* the screen's timer fires inside its frame */
		a->dirty = true;
	}
	/* The loop came round: it is alive. A hung frame or a stuck wait never
	 * gets here, and systemd restarts the kiosk. */
	if (a->watchdog_at >= 0 && a->now >= a->watchdog_at) {
		notify("WATCHDOG=1");
		a->watchdog_at = a->now + a->watchdog_ms;
	}
}

void app_tick(app *a, int64_t now_ms)
{
	/* Step through every deadline on the way, as a real clock would. */
	for (;;) {
		int64_t d = next_deadline(a);
		if (d < 0 || d > now_ms || d <= a->now)
			break;
		a->now = d;
		tick_once(a);
	}
	a->now = now_ms;
	tick_once(a);
}

static void handle(app *a, const SDL_Event *e)
{
	ui_input in;
	if (ui_translate(a->ui, e, &in)) {
		app_input(a, &in);
		return;
	}
	switch (e->type) {
	case SDL_QUIT:
		a->quit = true;
		break;
	case SDL_WINDOWEVENT:
		if (e->window.event == SDL_WINDOWEVENT_SIZE_CHANGED) {
			char err[256];
			if (ui_resize(a->ui, err, sizeof err) != 0)
				fprintf(stderr, "cop-kiosk: %s\n", err);
		}
		a->dirty = true;
		break;
	case SDL_RENDER_TARGETS_RESET:
	case SDL_RENDER_DEVICE_RESET:
		a->dirty = true;
		break;
	default:
		break;
	}
}

/* SDL blocks in SDL_WaitEventTimeout only where the video driver can wait
 * (X11, Wayland); on KMSDRM and offscreen it wakes every millisecond. There,
 * sleep a little between polls instead: at most POLL_MS of latency, and a
 * tenth of the wake-ups. timeout_ms < 0 waits for ever. */
#define POLL_MS 10

static int wait_event(app *a, SDL_Event *e, int timeout_ms)
{
	if (a->can_wait)
		return timeout_ms < 0 ? SDL_WaitEvent(e) : SDL_WaitEventTimeout(e, timeout_ms);
	Uint64 until = SDL_GetTicks64() + (Uint64)(timeout_ms < 0 ? 0 : timeout_ms);
	for (;;) {
		if (SDL_PollEvent(e))
			return 1;
		Uint64 now = SDL_GetTicks64();
		if (timeout_ms >= 0 && now >= until)
			return 0;
		Uint64 nap = timeout_ms < 0 || until - now > POLL_MS ? POLL_MS : until - now;
		SDL_Delay((Uint32)nap);
	}
}

int app_run(app *a)
{
	const char *driver = SDL_GetCurrentVideoDriver();
	a->can_wait = driver && (!strcmp(driver, "x11") || !strcmp(driver, "wayland"));
	app_frame(a);
	ui_present(a->ui);
	/* Ready once the first frame is on the panel, not merely started. */
	notify("READY=1");
	a->watchdog_ms = watchdog_period_ms();
	if (a->watchdog_ms > 0) {
		notify("WATCHDOG=1");
		a->watchdog_at = (int64_t)SDL_GetTicks64() + a->watchdog_ms;
	}
	while (!a->quit) {
		/* Sleep until an event or the next deadline: idle costs next to nothing. */
		int64_t d = next_deadline(a), wait = -1;
		if (d >= 0) {
			wait = d - (int64_t)SDL_GetTicks64();
			wait = wait < 1 ? 1 : wait > 60000 ? 60000 : wait;
		}
		SDL_Event e;
		int got = wait_event(a, &e, (int)wait);
		a->now = (int64_t)SDL_GetTicks64();
		if (got) {
			do
				handle(a, &e);
			while (SDL_PollEvent(&e));
		}
		app_tick(a, (int64_t)SDL_GetTicks64());
		if (a->dirty) {
			app_frame(a);
			ui_present(a->ui);
			a->dirty = false;
		}
	}
	notify("STOPPING=1");
	return 0;
}
