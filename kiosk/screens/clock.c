/* clock: sets the kiosk's date and time — a Raspberry Pi has no clock of its
 * own and may wake up in the past after a power cut. */
#include <stdio.h>

#include "core/lang.h"
#include "core/when.h"
#include "screens.h"

static struct {
	char value[STORE_STARTS_MAX];
	char now[80];
	char line[160];
} st;

static void enter(app *a)
{
	if (!st.value[0])
		when_format(store_now(a->db), st.value, sizeof st.value);
}

static void leave(app *a)
{
	(void)a;
	st.value[0] = '\0';
}

static void frame(app *a)
{
	ui *u = a->ui;
	const layout_metrics *m = ui_metrics(u);
	rect body = {0, 0, m->w, m->h};
	if (screen_header(a, &body, _("Set the clock"), _("Back"))) {
		app_show(a, &screen_display);
		return;
	}
	char now[STORE_STARTS_MAX];
	when_format(store_now(a->db), now, sizeof now);
	when_long(now, st.now, sizeof st.now);
	snprintf(st.line, sizeof st.line, _("The kiosk's clock says %s."), st.now);
	/* The shown time changes each minute: redraw then. */
	app_wake_at(a, a->now + 60000 - (store_now(a->db) % 60) * 1000);
	int lh = ui_text_height(u, st.line, UI_FONT_BOLD, body.w);
	ui_label(u, layout_cut_top(&body, lh), st.line, UI_FONT_BOLD, UI_TEXT, UI_ALIGN_LEFT);
	layout_cut_top(&body, m->gap);
	rect bar = layout_cut_bottom(&body, m->touch + m->gap);
	ui_list rows = {0};
	int row = m->touch * 3 / 2;
	rect r = layout_cut_top(&body, row);
	ui_list_begin(u, &rows, r, row);
	if (ui_list_item(u, &rows, r, _("New date and time"), st.value, false))
		textedit_open(a, _("New date and time (YYYY-MM-DD HH:MM)"), st.value, sizeof st.value, 16, KEYBOARD_SYMBOLS,
		              check_datetime, NULL);
	ui_list_end(u, &rows);
	int64_t t;
	if (ui_button(u, m->portrait ? bar : layout_cut_right(&bar, bar.w / 2), _("Set clock"), UI_BUTTON_PRIMARY)) {
		if (!when_parse(st.value, &t)) {
			ui_toast(u, _("Write the date and time like 2026-11-27 09:30."), 4000);
		} else if (store_clock_set(a->db, t) != STORE_OK) {
			ui_toast(u, store_errmsg(a->db), 5000);
		} else {
			ui_toast(u, _("The clock is set."), 3000);
			app_show(a, &screen_display);
		}
	}
}

const screen screen_clock = {"clock", enter, frame, leave, SCREEN_IDLE_CLEARS};
