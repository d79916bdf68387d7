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
	ui_list list;
} st;

static void enter(app *a)
{
	if (!st.value[0])
		when_format(store_now(a->db), st.value, sizeof st.value);
	st.list.scroll = 0;
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
		app_show(a, &screen_settings);
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
	/* The new time set part by part, to the minute, never typed; no hint
	 * in words under the label, which would say the line above again and
	 * push the minute out of an 800x480 screen. */
	ui_form_words words = {_("New date and time"), NULL, NULL};
	int h = screen_when_height(a, body.w - 12, &words, true);
	ui_list_begin(u, &st.list, body, h);
	rect r = ui_list_row(u, &st.list, 0, h);
	r.w -= 12; /* the scroll bar's room */
	screen_when(a, &st.list, r, &words, st.value, sizeof st.value, 1, st.value);
	ui_list_end(u, &st.list);
	int64_t t;
	if (ui_button(u, m->portrait ? bar : layout_cut_right(&bar, bar.w / 2), _("Set clock"), UI_BUTTON_PRIMARY)) {
		if (!when_parse(st.value, &t)) {
			ui_toast(u, _("That is not a date and time the clock can be set to."), 5000);
		} else if (store_clock_set(a->db, t) != STORE_OK) {
			ui_toast(u, store_errmsg(a->db), 5000);
		} else {
			ui_toast(u, _("The clock is set."), 3000);
			app_show(a, &screen_settings);
		}
	}
}

const screen screen_clock = {"clock", enter, frame, leave, SCREEN_IDLE_CLEARS};
