/* app: the kiosk's context — window, store, clock, the one place that switches
 * screens, the event loop and the inactivity reset. */
#ifndef APP_H
#define APP_H

#include <stdbool.h>
#include <stdint.h>

#include "core/store.h"
#include "ui/ui.h"

typedef struct app app;

/* A screen: its own state lives in its file; the app only calls these. The
 * frame function is immediate-mode (microui-style): it lays out, answers the
 * input fed to this frame, and draws, in one pass. */
/* What a screen left untouched for the inactivity timeout does. */
typedef enum {
	SCREEN_IDLE_CLEARS,      /* the kiosk clears it and goes home (most screens) */
	SCREEN_IDLE_STAYS,       /* nothing to clear (home; unless an attendee chose
	                          * another language there) */
	SCREEN_IDLE_WATCHED      /* watched, not touched (the sync loop): it stays up,
	                          * but facilitator mode lapses behind it */
} screen_idle;

typedef struct {
	const char *name;
	void (*enter)(app *a);   /* may be NULL */
	void (*frame)(app *a);
	void (*leave)(app *a);   /* clears any input the screen holds; may be NULL */
	screen_idle idle;        /* left out: SCREEN_IDLE_CLEARS */
} screen;

typedef struct {
	const char *db_path;
	const char *fonts;       /* the folder of the font files */
	int w, h;                /* the panel; 0: 800x480 in a window */
	int rotate;              /* 0, 90, 180 or 270: the picture turned clockwise */
	int panel_mm_w, panel_mm_h; /* the panel's picture in mm; 0: ask DRM, or guess */
	int inactivity_s;        /* seconds untouched before a screen clears */
	/* Who gave rotate and inactivity_s ("the command line (--rotate)", the
	 * settings file's path), said on screen; NULL: they are not given, and
	 * the data file's settings (the facilitator's choice) are used. */
	const char *rotate_by, *inactivity_by;
	const char *localedir;   /* the catalogues (LANG/LC_MESSAGES/cop-kiosk.mo) */
	const char *language;    /* "cy"; NULL: the data file's choice, else English */
	const char *language_by; /* who gave language, as rotate_by */
	bool fullscreen;
	bool headless;           /* scripts: software renderer, virtual clock */
	double started;          /* monotonic seconds when the process began */
} app_options;

struct app {
	ui *ui;
	store *db;               /* NULL when the data file could not be opened */
	char db_error[512];      /* why, in plain words */
	const screen *screen;
	struct SDL_Window *window; /* SDL's: app.c and script.c use it (ui_sdl.h) */
	int64_t now;             /* the kiosk's clock, ms; virtual in scripts */
	int64_t last_input;
	int64_t wall_at_start;   /* app_wall when the kiosk started, seconds */
	int64_t wake_at;         /* a screen's next timed change, -1 if none */
	int64_t watchdog_at;     /* the next systemd watchdog ping, -1 if none */
	int64_t watchdog_ms;     /* between pings: half of WatchdogSec; 0 if off */
	int inactivity_ms;
	/* The panel's picture in mm (unturned), as given or as DRM tells it; 0
	 * when unknown (qrdraw_pitch_mm guesses). Sizes the Sync loop's codes. */
	int panel_mm_w, panel_mm_h;
	/* Who fixed the turn and the timeout at start (app_options); NULL: the
	 * facilitator chooses them on the "Kiosk settings" screen. */
	const char *rotate_by, *inactivity_by, *language_by;
	/* The kiosk's language, which the inactivity reset returns to after an
	 * attendee chose another on the home screen. */
	char language[8];
	double started;          /* monotonic seconds when the process began */
	double first_frame;      /* ... and when the first frame was drawn; 0 before */
	bool headless;
	bool unlocked;           /* facilitator mode: the PIN was given; home locks it */
	/* Facilitator mode lapsed while a watched screen (presenting, the sync
	 * loop) stayed up: the screen goes on showing, but leaving it asks for
	 * the PIN, which then goes on to after_pin. */
	bool lapsed;
	const screen *after_pin;
	bool presenting;         /* showing results to the room: no inactivity reset */
	bool can_wait;           /* the video driver blocks in SDL_WaitEvent */
	bool quit;
	bool dirty;
	bool relabelled;         /* the words changed language in this frame */
	int64_t file_check_at;   /* the next look at the data file's path, -1 if none */
	const char *db_path;     /* the data file, as given */
	int db_retry_ms;         /* busy at start: the wait before the next try, 0 if none */
	bool file_gone;          /* the data file is no longer at its path */
};

/* Shows the words in language code from now on, for this attendee (kiosk
 * false) or as the kiosk's own language (kiosk true). Returns 0, or -1 with a
 * reason in err. */
int app_set_language(app *a, const char *code, bool kiosk, char *err, size_t errlen);

/* Opens facilitator mode (the PIN was right), in the kiosk's own language
 * whatever an attendee chose on the home screen. */
void app_unlock(app *a);

/* Opens the window, the fonts and the database (whose failure is shown on
 * screen, not fatal). Returns 0, or -1 with a one-line reason in err. */
int app_init(app *a, const app_options *o, char *err, size_t errlen);
void app_close(app *a);

/* Shows s: the current screen's leave, then s's enter. Once facilitator mode
 * has lapsed (a->lapsed), any screen but home and the PIN pad is shown only
 * after the PIN: the PIN pad comes first, and goes on to s. */
void app_show(app *a, const screen *s);
/* True when facilitator mode has lapsed on a watched screen: the PIN pad is
 * then showing, and goes back to the current screen once the PIN is given.
 * For actions that stay on a watched screen but need facilitator mode (an
 * export). */
bool app_ask_pin_if_lapsed(app *a);
/* Clears everything and returns to the home screen. */
void app_home(app *a);
/* Asks for a frame at time ms on the kiosk clock (timers, animations). */
void app_wake_at(app *a, int64_t ms);

/* One input through the same path a finger takes, then the frames it causes. */
void app_input(app *a, const ui_input *in);
/* Advances the clock to now_ms, firing timeouts on the way. */
void app_tick(app *a, int64_t now_ms);
/* Draws the current screen (does not present). */
void app_frame(app *a);

/* The kiosk's wall clock in seconds (store_now), moving with the kiosk's own
 * clock in scripts: `wait MS` moves it too. For times kept in the data file
 * across restarts (the PIN pad's lock). */
int64_t app_wall(const app *a);

/* Monotonic seconds, for start-up and frame timings. */
double app_seconds(void);

/* The interactive loop; returns the exit status. */
int app_run(app *a);

#endif
