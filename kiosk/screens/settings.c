/* settings: the kiosk itself — its clock, how its picture is turned on the
 * panel, how long it waits untouched before it clears and goes home, and the
 * language of its words. */
#include <stdio.h>
#include <string.h>

#include "core/lang.h"
#include "core/when.h"
#include "screens.h"

#define TURNS 4
#define WAITS 5

static const int turns[TURNS] = {0, 90, 180, 270};
static const char *const turn_labels[TURNS] = {"0°", "90°", "180°", "270°"};
static const int waits[WAITS] = {30, 45, 60, 120, 300};

/* "45 s", "2 min". */
static void duration(int secs, char *out, size_t cap)
{
	if (secs % 60 == 0)
		/* TRANSLATORS: minutes, short: "2 min". */
		snprintf(out, cap, _("%d min"), secs / 60);
	else
		/* TRANSLATORS: seconds, short: "45 s". */
		snprintf(out, cap, _("%d s"), secs);
}

/* A heading and a row of choices (two rows when one would make them too
 * narrow), or the message fixed when the choice was made at start: the
 * heading above them in portrait, beside them on a landscape screen (three
 * such settings and the clock fit 480 pixels only so). Cut from the top of
 * *body; returns the index tapped, or -1. */
static int choices(app *a, rect *body, const char *heading, const char *const *labels, int n, int chosen,
                   const char *fixed)
{
	ui *u = a->ui;
	const layout_metrics *m = ui_metrics(u);
	int side_w = m->portrait ? 0 : body->w / 3;
	int right_w = body->w - (side_w ? side_w + m->gap : 0);
	int cols = (right_w + m->gap) / (m->touch * 3 / 2 + m->gap) >= n ? n : (n + 1) / 2;
	int rows = (n + cols - 1) / cols, h = m->touch * 5 / 4;
	int hh = ui_text_height(u, heading, UI_FONT_BOLD, side_w ? side_w : body->w);
	int fh = fixed ? ui_text_height(u, fixed, UI_FONT_BODY, right_w) : 0;
	int need = fixed ? fh : rows * h + (rows - 1) * m->gap;
	rect area = layout_cut_top(body, side_w ? (hh > need ? hh : need) : hh + m->gap / 2 + need);
	rect head = side_w ? layout_cut_left(&area, side_w) : layout_cut_top(&area, hh);
	ui_label(u, (rect){head.x, head.y, head.w, hh}, heading, UI_FONT_BOLD, UI_TEXT, UI_ALIGN_LEFT);
	if (side_w)
		layout_cut_left(&area, m->gap);
	else
		layout_cut_top(&area, m->gap / 2);
	if (fixed) {
		ui_label(u, layout_cut_top(&area, fh), fixed, UI_FONT_BODY, UI_GREY1, UI_ALIGN_LEFT);
		return -1;
	}
	rect grid = layout_cut_top(&area, need);
	/* One type for the row: the body's when a label is too wide in bold
	 * beside the tick (a translation). */
	ui_font f = UI_FONT_BOLD;
	int cell_w = layout_cell(grid, cols, rows, 0, 0, m->gap).w - m->pad / 2 * 2;
	for (int i = 0; i < n; i++) {
		int lw = 0, lh = 0;
		ui_measure(u, labels[i], UI_FONT_BOLD, &lw, &lh);
		if (lw + lh + m->gap / 2 > cell_w) /* lh: the tick's size */
			f = UI_FONT_BODY;
	}
	int tapped = -1;
	for (int i = 0; i < n; i++)
		if (ui_choice(u, layout_cell(grid, cols, rows, i % cols, i / cols, m->gap), labels[i], f, i == chosen))
			tapped = i;
	return tapped;
}

/* The kiosk's clock and a button to set it, cut from the top of *body; true
 * when the button was tapped. */
static bool clock_row(app *a, rect *body)
{
	ui *u = a->ui;
	const layout_metrics *m = ui_metrics(u);
	char now[STORE_STARTS_MAX], shown[80], clock[100];
	when_format(store_now(a->db), now, sizeof now);
	when_long(now, shown, sizeof shown);
	snprintf(clock, sizeof clock, _("Clock: %s"), shown);
	/* The shown time changes each minute: redraw then. */
	app_wake_at(a, a->now + 60000 - (store_now(a->db) % 60) * 1000);
	rect button;
	if (m->portrait) {
		int lh = ui_text_height(u, clock, UI_FONT_BODY, body->w);
		ui_label(u, layout_cut_top(body, lh), clock, UI_FONT_BODY, UI_TEXT, UI_ALIGN_LEFT);
		layout_cut_top(body, m->gap / 2);
		button = layout_cut_top(body, m->touch);
	} else {
		/* Two lines of it if the date is long (the Welsh months). */
		int w = body->w - body->w / 3 - m->gap, lh = ui_text_height(u, clock, UI_FONT_BODY, w);
		rect row = layout_cut_top(body, lh > m->touch ? lh : m->touch);
		button = layout_cut_right(&row, row.w / 3);
		layout_cut_right(&row, m->gap);
		ui_label(u, row, clock, UI_FONT_BODY, UI_TEXT, UI_ALIGN_LEFT);
	}
	return ui_button(u, button, _("Set the clock"), UI_BUTTON_SECONDARY);
}

static void turn(app *a, int i)
{
	char err[300];
	if (ui_set_rotation(a->ui, turns[i], err, sizeof err) != 0) {
		ui_toast(a->ui, err, 5000);
	} else if (store_setting_set_int(a->db, STORE_SETTING_ROTATE, turns[i]) != STORE_OK) {
		ui_toast(a->ui, store_errmsg(a->db), 5000);
	} else {
		/* Touch is turned with the picture: the same button turns it
		 * back. The turn and the tick on its button say it is done; a
		 * message would take a band this full screen has no room for. */
	}
}

static void wait_for(app *a, int i)
{
	if (store_setting_set_int(a->db, STORE_SETTING_INACTIVITY, waits[i]) != STORE_OK) {
		ui_toast(a->ui, store_errmsg(a->db), 5000);
		return;
	}
	a->inactivity_ms = waits[i] * 1000; /* the heading says it: "(now 5 min)" */
}

/* Who fixed a setting, as said: the command line in the words in use, a
 * settings file by its path (no lookup: a path has no translation). */
static const char *said_by(const char *by)
{
	return strncmp(by, "the command line", 16) ? by : _(by);
}

static void speak(app *a, const char *code)
{
	char err[300];
	if (app_set_language(a, code, true, err, sizeof err) != 0) {
		ui_toast(a->ui, err, 5000);
	} else if (store_set_language(a->db, code) != STORE_OK) {
		ui_toast(a->ui, store_errmsg(a->db), 5000);
	} /* the words are now in it: that says it is done */
}

static void frame(app *a)
{
	ui *u = a->ui;
	const layout_metrics *m = ui_metrics(u);
	rect body = {0, 0, m->w, m->h};
	if (screen_header(a, &body, _("Kiosk settings"), _("Back"))) {
		app_show(a, &screen_facilitator);
		return;
	}
	if (clock_row(a, &body)) {
		app_show(a, &screen_clock);
		return;
	}
	layout_cut_top(&body, m->gap * 3 / 2);

	char fixed[1200];
	int deg = ui_rotation(u), now = -1;
	for (int i = 0; i < TURNS; i++)
		if (turns[i] == deg)
			now = i;
	if (a->rotate_by)
		snprintf(fixed, sizeof fixed, _("Fixed at %d° by %s: change it there."), deg, said_by(a->rotate_by));
	int t = choices(a, &body, _("Turn the picture clockwise"), turn_labels, TURNS, now, a->rotate_by ? fixed : NULL);
	if (t >= 0 && t != now) {
		turn(a, t);
		return; /* laid out for the old turn: the frame is drawn again */
	}
	layout_cut_top(&body, m->gap * 3 / 2);

	char shown[32], heading[80];
	int secs = a->inactivity_ms / 1000;
	duration(secs, shown, sizeof shown);
	now = -1;
	for (int i = 0; i < WAITS; i++)
		if (waits[i] == secs)
			now = i;
	if (a->inactivity_by)
		snprintf(fixed, sizeof fixed, _("Fixed at %s by %s: change it there."), shown, said_by(a->inactivity_by));
	if (now < 0 && !a->inactivity_by) /* a time not offered here is still said */
		snprintf(heading, sizeof heading, _("Go home when untouched for (now %s)"), shown);
	else
		snprintf(heading, sizeof heading, "%s", _("Go home when untouched for"));
	char wait_text[WAITS][32];
	const char *wait_labels[WAITS];
	for (int i = 0; i < WAITS; i++) {
		duration(waits[i], wait_text[i], sizeof wait_text[i]);
		wait_labels[i] = wait_text[i];
	}
	int w = choices(a, &body, heading, wait_labels, WAITS, now, a->inactivity_by ? fixed : NULL);
	if (w >= 0 && w != now) {
		wait_for(a, w);
		return;
	}
	layout_cut_top(&body, m->gap * 3 / 2);

	const char *names[LANG_MAX];
	int n = 0;
	if (!lang_code(1))
		return; /* English is all there is */
	now = -1;
	for (; lang_code(n); n++) {
		names[n] = lang_name(lang_code(n));
		if (!strcmp(lang_code(n), a->language))
			now = n;
	}
	if (a->language_by)
		snprintf(fixed, sizeof fixed, _("Fixed at %s by %s: change it there."), lang_name(a->language),
		         said_by(a->language_by));
	int l = choices(a, &body, _("Language of the words"), names, n, now, a->language_by ? fixed : NULL);
	if (l >= 0 && l != now)
		speak(a, lang_code(l));
}

const screen screen_settings = {"kiosk settings", NULL, frame, NULL, SCREEN_IDLE_CLEARS};
