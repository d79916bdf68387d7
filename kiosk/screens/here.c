/* here: who is here, for the facilitator — newest first, searchable; tap a
 * person to correct their details, undo the check-in or forget them. */
#include <stdio.h>
#include <string.h>
#include <time.h>

#include "core/lang.h"
#include "screens.h"

#define MAX_HERE 1000

static struct {
	int64_t event_id;
	char query[STORE_NAME_MAX];
	char listed[STORE_NAME_MAX];    /* the query the list was made for */
	bool fresh;                     /* the list must be read again */
	store_checkin here[MAX_HERE];
	int n;
	char title[64];
	ui_list list;
} st;
static char names[MAX_HERE][2 * STORE_NAME_MAX];
static char details[MAX_HERE][STORE_TEXT_MAX + STORE_ROLE_MAX + 32];

static void enter(app *a)
{
	store_event ev;
	st.event_id = store_event_current(a->db, &ev) == STORE_OK ? ev.id : 0;
	st.fresh = true;
}

static void load(app *a)
{
	st.fresh = false;
	snprintf(st.listed, sizeof st.listed, "%s", st.query);
	st.n = 0;
	if (st.event_id && store_checkin_list(a->db, st.event_id, st.query, st.here, MAX_HERE, &st.n) != STORE_OK)
		ui_toast(a->ui, store_errmsg(a->db), 5000);
	int total = st.n;
	if (st.query[0])
		screen_read(a, store_checkin_count(a->db, st.event_id, &total));
	snprintf(st.title, sizeof st.title, _("Who is here (%d)"), total);
	for (int i = 0; i < st.n; i++) {
		const store_checkin *c = &st.here[i];
		char when[8];
		time_t t = (time_t)c->at;
		struct tm tm;
		localtime_r(&t, &tm);
		strftime(when, sizeof when, "%H:%M", &tm);
		if (c->first[0] || c->last[0])
			snprintf(names[i], sizeof names[i], "%s %s", c->first, c->last);
		else
			snprintf(names[i], sizeof names[i], "%s", _("Forgotten member"));
		snprintf(details[i], sizeof details[i], "%s%s%s%s%s", when, c->organisation[0] ? " · " : "",
		         c->organisation, c->role[0] ? " · " : "", screen_data_words(c->role));
	}
}

static void frame(app *a)
{
	ui *u = a->ui;
	const layout_metrics *m = ui_metrics(u);
	if (st.fresh || strcmp(st.query, st.listed))
		load(a);
	rect body = {0, 0, m->w, m->h};
	if (screen_header(a, &body, st.title, _("Back"))) {
		app_show(a, &screen_facilitator);
		return;
	}
	int h = m->touch * 3 / 2;
	ui_list search = {0};
	rect top = layout_cut_top(&body, h);
	layout_cut_top(&body, m->gap);
	ui_list_begin(u, &search, top, h);
	if (ui_list_item(u, &search, top, _("Search"), st.query[0] ? st.query : _("Tap to find someone"), false))
		textedit_open(a, _("Search"), st.query, sizeof st.query, STORE_NAME_CHARS, KEYBOARD_LETTERS, NULL, NULL);
	ui_list_end(u, &search);
	if (st.n == 0)
		ui_label(u, body, st.query[0] ? _("No one here by that name.") : _("No one has checked in yet."), UI_FONT_BODY,
		         UI_GREY1, UI_ALIGN_CENTER);
	ui_list_begin(u, &st.list, body, st.n * h);
	for (int i = 0; i < st.n; i++) {
		rect r = ui_list_row(u, &st.list, i * h, h);
		if (ui_list_item(u, &st.list, r, names[i], details[i], false) && st.here[i].member_id) {
			member_open(a, st.here[i].member_id, st.here[i].id);
			ui_list_end(u, &st.list);
			return;
		}
	}
	ui_list_end(u, &st.list);
}

const screen screen_here = {"who is here", enter, frame, NULL, SCREEN_IDLE_CLEARS};
