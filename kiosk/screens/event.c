/* event: one event's details and agenda, as the facilitator edits them — a
 * form of labelled inputs, its date and time set with steppers. */
#include <stdio.h>
#include <string.h>

#include "core/lang.h"
#include "core/text.h"
#include "core/when.h"
#include "screens.h"

#define MAX_ITEMS 64

/* The form's parts, in the order they show; the agenda follows them. */
enum { F_TITLE, F_WHEN, F_VENUE, F_COMMUNITY, F_ROLES, F_COUNT };

static struct {
	store_event ev;       /* the draft */
	store_event saved;    /* as stored: the draft differs when there are unsaved changes */
	bool is_current;
	store_agenda_item items[MAX_ITEMS];
	int n;
	ui_list scroll;
	const char *message;
	bool asking;          /* "leave without saving?" */
	bool tried;           /* sent once: its errors show */
	bool show_summary;    /* sent with errors: scroll up to their summary */
	char when[80];
	char left[80];        /* "You have 3 characters remaining" */
	char from[STORE_STARTS_MAX]; /* where the date's steppers start when it is not set */
} st;
static char item_detail[MAX_ITEMS][64]; /* "09:30 · Sharing"; apart from st, which it is made from */

/* The next whole hour on the kiosk's clock: where a new event starts. */
static void next_hour(app *a, char *out, size_t cap)
{
	int64_t t = store_now(a->db);
	when_format(t - t % 3600 + 3600, out, cap);
}

void event_open(app *a, int64_t id)
{
	memset(&st.ev, 0, sizeof st.ev);
	if (id && store_event_get(a->db, id, &st.ev) != STORE_OK) {
		ui_toast(a->ui, store_errmsg(a->db), 5000);
		return;
	}
	next_hour(a, st.from, sizeof st.from);
	if (!id)
		snprintf(st.ev.starts, sizeof st.ev.starts, "%s", st.from);
	st.saved = st.ev;
	st.scroll.scroll = 0;
	st.tried = false;
	app_show(a, &screen_event);
}

/* Runs on every return to this screen (from an agenda item): the draft
 * stays, the agenda is read again. */
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

/* What is wrong with part f, once the form was sent (and only while it is
 * wrong: a corrected entry is never left red). */
static const char *error_of(int f)
{
	return st.tried && f == F_TITLE && !st.ev.title[0] ? _("Enter a title for the event") : NULL;
}

static ui_form_words words_of(int f)
{
	int left = STORE_TITLE_CHARS - (int)text_chars(st.ev.title);
	switch (f) {
	case F_TITLE:
		/* Near the limit the hint counts down, as GOV.UK's character count. */
		if (left > 10)
			return (ui_form_words){_("Title"), _("As people will see it on the home screen"), error_of(f)};
		snprintf(st.left, sizeof st.left,
		         ngettext("You have %d character remaining", "You have %d characters remaining", left), left);
		return (ui_form_words){_("Title"), st.left, error_of(f)};
	case F_WHEN:
		when_long(st.ev.starts, st.when, sizeof st.when);
		return (ui_form_words){_("Date and time"), st.when[0] ? st.when : _("Not set"), NULL};
	case F_VENUE: return (ui_form_words){_("Venue (optional)"), _("The room and building"), NULL};
	default: return (ui_form_words){_("Community (optional)"), _("Shown at the top of the home screen"), NULL};
	}
}

static char *buffer_of(int f)
{
	return f == F_TITLE ? st.ev.title : f == F_VENUE ? st.ev.venue : f == F_COMMUNITY ? st.ev.community : NULL;
}

static int focused_part(app *a)
{
	for (int f = 0; f < F_COUNT; f++)
		if (buffer_of(f) && ui_focused(a->ui, buffer_of(f)))
			return f;
	return -1;
}

/* Sends the form: true when it was valid and is stored. */
static bool save(app *a)
{
	st.tried = true;
	if (error_of(F_TITLE)) {
		st.show_summary = true;
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

/* The parts' heights w wide, into h (F_COUNT of them). */
static void heights(app *a, int w, int *h)
{
	const layout_metrics *m = ui_metrics(a->ui);
	for (int f = 0; f < F_COUNT; f++) {
		ui_form_words words = words_of(f);
		h[f] = f == F_ROLES  ? m->touch * 3 / 2
		       : f == F_WHEN ? screen_when_height(a, w, &words, true)
		                     : ui_form_height(a->ui, w, &words);
	}
}

/* The agenda under the form, from content offset y; returns the offset
 * after it. */
static int agenda(app *a, int y, int w)
{
	ui *u = a->ui;
	const layout_metrics *m = ui_metrics(u);
	int row = m->touch * 3 / 2;
	rect head = ui_list_row(u, &st.scroll, y, m->touch);
	head.w = w;
	ui_label(u, head, _("Agenda"), UI_FONT_TITLE, UI_TEXT, UI_ALIGN_LEFT);
	y += m->touch;
	for (int i = 0; i < st.n; i++, y += row) {
		rect r = ui_list_row(u, &st.scroll, y, row);
		r.w = w;
		if (ui_list_item(u, &st.scroll, r, st.items[i].title, item_detail[i], false))
			agenda_open(a, st.ev.id, st.items[i].id);
	}
	rect add = ui_list_row(u, &st.scroll, y, row);
	add.w = w;
	if (ui_list_item(u, &st.scroll, add, _("Add agenda item"), _("Title, start time and kind of activity"), false) &&
	    save(a))
		agenda_open(a, st.ev.id, 0);
	return y + row;
}

/* The form: the error summary when sent with errors, each part, the agenda. */
static void form(app *a, rect area)
{
	ui *u = a->ui;
	const layout_metrics *m = ui_metrics(u);
	int w = area.w - 12; /* the scroll bar's room */
	const char *title = _("There is a problem"), *e = error_of(F_TITLE);
	int sh = e ? ui_error_summary_height(u, w, title, &e, 1) + m->gap : 0;
	int h[F_COUNT], y[F_COUNT + 1];
	heights(a, w, h);
	y[0] = sh;
	for (int f = 0; f < F_COUNT; f++)
		y[f + 1] = y[f] + h[f] + m->gap;
	/* The field typed in stays in view above the keyboard, even as the
	 * summary over it goes when the error is mended. */
	int focus = focused_part(a);
	if (focus >= 0 && y[focus] + h[focus] > st.scroll.scroll + area.h)
		st.scroll.scroll = y[focus] + h[focus] - area.h;
	if (focus >= 0 && y[focus] < st.scroll.scroll)
		st.scroll.scroll = y[focus];
	if (st.show_summary) {
		st.scroll.scroll = 0;
		st.show_summary = false;
	}
	int row = m->touch * 3 / 2;
	ui_list_begin(u, &st.scroll, area, y[F_COUNT] + m->touch + (st.n + 1) * row);
	if (e && ui_error_summary(u, &st.scroll, (rect){area.x, area.y - st.scroll.scroll, w, sh - m->gap}, title, &e,
	                          1) == 0)
		ui_focus_as(u, st.ev.title, KEYBOARD_LETTERS, KEYBOARD_TEXT);
	for (int f = 0; f < F_COUNT; f++) {
		rect r = ui_list_row(u, &st.scroll, y[f], h[f]);
		r.w = w;
		ui_form_words words = words_of(f);
		if (f == F_WHEN) {
			screen_when(a, &st.scroll, r, &words, st.ev.starts, sizeof st.ev.starts, 5, st.from);
		} else if (f == F_ROLES) {
			bool roles = st.ev.roles;
			if (ui_toggle(u, layout_inset(r, m->pad / 2), _("Offer leadership roles at check-in"), &roles) &&
			    !st.scroll.dragged)
				st.ev.roles = roles;
		} else {
			size_t cap = f == F_TITLE ? sizeof st.ev.title : sizeof st.ev.venue;
			size_t max = f == F_TITLE ? STORE_TITLE_CHARS : STORE_TEXT_CHARS;
			if (ui_form_field(u, &st.scroll, r, &words, buffer_of(f), cap, max, KEYBOARD_TEXT))
				ui_focus(u, NULL, KEYBOARD_LETTERS); /* Enter: the whole form shows again */
		}
	}
	agenda(a, y[F_COUNT], w);
	ui_list_end(u, &st.scroll);
}

static void buttons(app *a, rect bar)
{
	ui *u = a->ui;
	const layout_metrics *m = ui_metrics(u);
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
}

static void frame(app *a)
{
	ui *u = a->ui;
	const layout_metrics *m = ui_metrics(u);
	int typing = focused_part(a);
	rect body = {0, 0, m->w, m->h};
	rect kb = {0};
	if (typing >= 0)
		kb = layout_cut_bottom(&body, m->portrait ? m->h * 2 / 5 : m->h * 44 / 100);
	if (screen_header(a, &body, st.ev.id ? _("Edit event") : _("New event"), _("Back"))) {
		if (memcmp(&st.ev, &st.saved, sizeof st.ev))
			st.asking = true;
		else
			app_show(a, &screen_facilitator);
	}
	rect bar = {0};
	if (typing < 0)
		bar = screen_form_bar(a, &body, st.message);
	form(a, body);
	if (a->screen != &screen_event)
		return;
	if (typing >= 0 && ui_keyboard(u, kb))
		ui_focus(u, NULL, KEYBOARD_LETTERS);
	if (typing < 0)
		buttons(a, bar);
	if (st.asking) {
		int answer = ui_confirm(u, _("Leave without saving your changes?"), _("Leave"), _("Keep editing"));
		if (answer > 0)
			app_show(a, &screen_facilitator);
		else if (answer < 0)
			st.asking = false;
	}
}

const screen screen_event = {"event", enter, frame, leave, SCREEN_IDLE_CLEARS};
