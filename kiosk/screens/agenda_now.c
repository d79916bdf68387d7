/* agenda_now: which agenda item post-its and answers belong to — the one
 * whose time has come, or the facilitator's choice. */
#include <stdio.h>
#include <string.h>

#include "core/lang.h"
#include "screens.h"

#define MAX_ITEMS 64

static struct {
	int64_t event_id;
	store_agenda_item items[MAX_ITEMS];
	int n;
	int64_t chosen, current;
	char clock_line[STORE_TITLE_MAX + 64];
	ui_list list;
} st;
static char details[MAX_ITEMS][96];

static void enter(app *a)
{
	store_event ev;
	st.n = 0;
	st.event_id = store_event_current(a->db, &ev) == STORE_OK ? ev.id : 0;
	if (!st.event_id)
		return;
	screen_read(a, store_agenda_list(a->db, st.event_id, st.items, MAX_ITEMS, &st.n));
	st.chosen = store_agenda_chosen(a->db, st.event_id);
	store_agenda_item cur;
	st.current = store_agenda_current(a->db, st.event_id, &cur) == STORE_OK ? cur.id : 0;
	snprintf(st.clock_line, sizeof st.clock_line, "%s",
	         st.chosen ? _("Tap to let the clock decide again") : _("Now: the item whose start time has come"));
	for (int i = 0; i < st.n; i++) {
		/* TRANSLATORS: ends "09:30 · current": the agenda item whose time has come. */
		const char *now = st.items[i].id == st.current ? _(" · current") : "";
		/* TRANSLATORS: in place of the start time of an agenda item that has none. */
		const char *none = _("No time");
		/* The time and whether it is now: what choosing the item now needs
		 * (its activity is on the event's agenda). */
		snprintf(details[i], sizeof details[i], "%s%s", st.items[i].starts[0] ? st.items[i].starts : none, now);
	}
}

static void frame(app *a)
{
	ui *u = a->ui;
	const layout_metrics *m = ui_metrics(u);
	rect body = {0, 0, m->w, m->h};
	if (screen_header(a, &body, _("Agenda now"), _("Back"))) {
		app_show(a, &screen_facilitator);
		return;
	}
	if (st.n == 0) {
		ui_label(u, body, _("This event has no agenda yet. Add items in \"Edit this event\"."), UI_FONT_BODY, UI_GREY1,
		         UI_ALIGN_CENTER);
		return;
	}
	int h = m->touch * 3 / 2;
	ui_list_begin(u, &st.list, body, (st.n + 1) * h);
	int64_t pick = -1;
	if (ui_list_item(u, &st.list, ui_list_row(u, &st.list, 0, h), _("By the clock"), st.clock_line, st.chosen == 0))
		pick = 0;
	for (int i = 0; i < st.n; i++)
		if (ui_list_item(u, &st.list, ui_list_row(u, &st.list, (i + 1) * h, h), st.items[i].title, details[i],
		                 st.items[i].id == st.chosen))
			pick = st.items[i].id;
	ui_list_end(u, &st.list);
	if (pick >= 0) {
		if (store_agenda_set_current(a->db, st.event_id, pick) != STORE_OK)
			ui_toast(u, store_errmsg(a->db), 5000);
		else
			ui_toast(u, pick ? _("Post-its and answers now go to this item.") : _("The clock decides again."), 3000);
		enter(a);
	}
}

const screen screen_agenda_now = {"agenda now", enter, frame, NULL, SCREEN_IDLE_CLEARS};
