/* event: one event's details and agenda, as the facilitator edits them. */
#include <stdio.h>
#include <string.h>

#include "core/lang.h"
#include "core/when.h"
#include "screens.h"

#define MAX_ITEMS 64

static struct {
	store_event ev;       /* the draft */
	store_event saved;    /* as stored: the draft differs when there are unsaved changes */
	bool is_current;
	store_agenda_item items[MAX_ITEMS];
	int n;
	ui_list scroll;
	const char *message;
	bool asking;          /* "leave without saving?" */
	char when[80];
} st;
static char item_detail[MAX_ITEMS][64]; /* "09:30 · Sharing"; apart from st, which it is made from */

void event_open(app *a, int64_t id)
{
	memset(&st.ev, 0, sizeof st.ev);
	if (id && store_event_get(a->db, id, &st.ev) != STORE_OK) {
		ui_toast(a->ui, store_errmsg(a->db), 5000);
		return;
	}
	st.saved = st.ev;
	st.scroll.scroll = 0;
	app_show(a, &screen_event);
}

/* Runs on every return to this screen (from text entry or an agenda item):
 * the draft stays, the agenda is read again. */
static void enter(app *a)
{
	st.message = NULL;
	st.asking = false;
	st.n = 0;
	store_event cur;
	st.is_current = st.ev.id && store_event_current(a->db, &cur) == STORE_OK && cur.id == st.ev.id;
	if (st.ev.id)
		screen_read(a, store_agenda_list(a->db, st.ev.id, st.items, MAX_ITEMS, &st.n));
	for (int i = 0; i < st.n; i++)
		snprintf(item_detail[i], sizeof item_detail[i], "%s%s%s", st.items[i].starts,
		         st.items[i].starts[0] ? " · " : "", _(store_activity_name(st.items[i].activity)));
}

static void leave(app *a)
{
	(void)a;
	st.asking = false;
}

static bool save(app *a)
{
	if (!st.ev.title[0]) {
		st.message = _("Give the event a title first.");
		return false;
	}
	int rc = st.ev.id ? store_event_update(a->db, &st.ev) : store_event_add(a->db, &st.ev);
	if (rc != STORE_OK) {
		st.message = store_errmsg(a->db);
		return false;
	}
	st.saved = st.ev;
	return true;
}

static void frame(app *a)
{
	ui *u = a->ui;
	const layout_metrics *m = ui_metrics(u);
	rect body = {0, 0, m->w, m->h};
	if (screen_header(a, &body, st.ev.id ? _("Edit event") : _("New event"), _("Back"))) {
		if (memcmp(&st.ev, &st.saved, sizeof st.ev))
			st.asking = true;
		else
			app_show(a, &screen_facilitator);
	}
	rect bar = screen_form_bar(a, &body, st.message);

	int row = m->touch * 3 / 2, y = 0;
	int content = row * (6 + st.n) + m->touch;
	ui_list_begin(u, &st.scroll, body, content);
	when_long(st.ev.starts, st.when, sizeof st.when);
	if (screen_row(a, &st.scroll, &y, row, _("Title"), st.ev.title, _(SCREEN_NOT_SET)))
		textedit_open(a, _("Title"), st.ev.title, sizeof st.ev.title, STORE_TITLE_CHARS, KEYBOARD_LETTERS, NULL, NULL);
	if (screen_row(a, &st.scroll, &y, row, _("Date and time"), st.when, _(SCREEN_NOT_SET)))
		textedit_open(a, _("Date and time (YYYY-MM-DD HH:MM)"), st.ev.starts, sizeof st.ev.starts, 16,
		              KEYBOARD_SYMBOLS, check_datetime, NULL);
	if (screen_row(a, &st.scroll, &y, row, _("Venue"), st.ev.venue, _(SCREEN_NOT_SET)))
		textedit_open(a, _("Venue"), st.ev.venue, sizeof st.ev.venue, STORE_TEXT_CHARS, KEYBOARD_LETTERS, NULL, NULL);
	if (screen_row(a, &st.scroll, &y, row, _("Community"), st.ev.community, _(SCREEN_NOT_SET)))
		textedit_open(a, _("Community"), st.ev.community, sizeof st.ev.community, STORE_TEXT_CHARS, KEYBOARD_LETTERS, NULL, NULL);
	rect t = ui_list_row(u, &st.scroll, y, row);
	y += row;
	bool roles = st.ev.roles;
	if (ui_toggle(u, layout_inset(t, m->pad / 2), _("Offer leadership roles at check-in"), &roles) &&
	    !st.scroll.dragged)
		st.ev.roles = roles;
	rect head = ui_list_row(u, &st.scroll, y, m->touch);
	y += m->touch;
	ui_label(u, head, _("Agenda"), UI_FONT_TITLE, UI_TEXT, UI_ALIGN_LEFT);
	for (int i = 0; i < st.n; i++) {
		rect r = ui_list_row(u, &st.scroll, y, row);
		y += row;
		if (ui_list_item(u, &st.scroll, r, st.items[i].title, item_detail[i], false))
			agenda_open(a, st.ev.id, st.items[i].id);
	}
	rect add = ui_list_row(u, &st.scroll, y, row);
	if (ui_list_item(u, &st.scroll, add, _("Add agenda item"), _("Title, start time and kind of activity"), false) &&
	    save(a))
		agenda_open(a, st.ev.id, 0);
	ui_list_end(u, &st.scroll);

	bool can_make_current = st.ev.id && !st.is_current;
	rect save_r = can_make_current ? layout_cell(bar, 2, 1, 1, 0, m->gap)
	              : m->portrait   ? bar
	                              : layout_cut_right(&bar, bar.w / 3);
	if (ui_button(u, save_r, _("Save"), UI_BUTTON_PRIMARY) && save(a)) {
		ui_toast(u, _("Event saved."), 3000);
		app_show(a, &screen_facilitator);
		return;
	}
	if (can_make_current &&
	    ui_button(u, layout_cell(bar, 2, 1, 0, 0, m->gap), _("Make current"), UI_BUTTON_SECONDARY)) {
		if (store_event_set_current(a->db, st.ev.id) == STORE_OK) {
			st.is_current = true;
			ui_toast(u, _("This is now the current event."), 3000);
		} else {
			st.message = store_errmsg(a->db);
		}
	}
	if (st.asking) {
		int answer = ui_confirm(u, _("Leave without saving your changes?"), _("Leave"), _("Keep editing"));
		if (answer > 0)
			app_show(a, &screen_facilitator);
		else if (answer < 0)
			st.asking = false;
	}
}

const screen screen_event = {"event", enter, frame, leave, SCREEN_IDLE_CLEARS};
