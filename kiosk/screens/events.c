/* events: every event on this kiosk, newest first; pick one to edit or make
 * current, or add a new one. */
#include <stdio.h>

#include "core/lang.h"
#include "core/when.h"
#include "screens.h"

#define MAX_EVENTS 200

static struct {
	store_event list[MAX_EVENTS];
	int n;
	int64_t current;
	ui_list scroll;
} st;
static char detail[MAX_EVENTS][STORE_TEXT_MAX + 96]; /* apart from st, which it is made from */

static void enter(app *a)
{
	store_event cur;
	st.current = store_event_current(a->db, &cur) == STORE_OK ? cur.id : 0;
	st.n = 0;
	st.scroll.scroll = 0;
	if (store_event_list(a->db, st.list, MAX_EVENTS, &st.n) != STORE_OK)
		ui_toast(a->ui, store_errmsg(a->db), 5000);
	for (int i = 0; i < st.n; i++) {
		char when[80];
		when_long(st.list[i].starts, when, sizeof when);
		/* TRANSLATORS: "Current · Thursday 27 November 2026 09:30 · venue": the event in use. */
		snprintf(detail[i], sizeof detail[i], "%s%s%s%s", st.list[i].id == st.current ? _("Current · ") : "",
		         when[0] ? when : _("No date"), st.list[i].venue[0] ? " · " : "", st.list[i].venue);
	}
}

static void frame(app *a)
{
	ui *u = a->ui;
	const layout_metrics *m = ui_metrics(u);
	rect body = {0, 0, m->w, m->h};
	if (screen_header(a, &body, _("Events"), _("Back"))) {
		app_show(a, &screen_facilitator);
		return;
	}
	rect bar = layout_cut_bottom(&body, m->touch + m->gap);
	layout_cut_bottom(&body, m->gap);
	int row = m->touch * 3 / 2;
	if (st.n == 0)
		ui_label(u, body, _("No events yet."), UI_FONT_BODY, UI_GREY1, UI_ALIGN_CENTER);
	ui_list_begin(u, &st.scroll, body, st.n * row);
	for (int i = 0; i < st.n; i++) {
		rect r = ui_list_row(u, &st.scroll, i * row, row);
		if (ui_list_item(u, &st.scroll, r, st.list[i].title, detail[i], st.list[i].id == st.current))
			event_open(a, st.list[i].id);
	}
	ui_list_end(u, &st.scroll);
	int w = m->portrait ? bar.w : bar.w / 2;
	if (ui_button(u, layout_cut_right(&bar, w), _("New event"), UI_BUTTON_PRIMARY))
		event_open(a, 0);
}

const screen screen_events = {"events", enter, frame, NULL, SCREEN_IDLE_CLEARS};
