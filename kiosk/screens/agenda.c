/* agenda: one agenda item — title, start time and its kind of learning
 * activity — as a form: a labelled input, steppers for the time, one tap for
 * the kind. */
#include <stdio.h>
#include <string.h>

#include "core/lang.h"
#include "screens.h"

static struct {
	store_agenda_item item;
	const char *message;
	bool asking;          /* "delete this item?" */
	bool tried;           /* sent once: its error shows */
	ui_list form;
	ui_list kinds;
	char from[6];         /* where the time's steppers start: the event's own time */
} st;

void agenda_open(app *a, int64_t event_id, int64_t id)
{
	memset(&st.item, 0, sizeof st.item);
	st.item.event_id = event_id;
	if (id) {
		store_agenda_item items[64];
		int n = 0;
		screen_read(a, store_agenda_list(a->db, event_id, items, 64, &n));
		for (int i = 0; i < n; i++)
			if (items[i].id == id)
				st.item = items[i];
	}
	store_event ev;
	bool timed = store_event_get(a->db, event_id, &ev) == STORE_OK && ev.starts[0];
	memcpy(st.from, timed ? ev.starts + 11 : "09:00", sizeof st.from - 1); /* "HH:MM" */
	st.from[sizeof st.from - 1] = '\0';
	st.kinds.scroll = st.form.scroll = 0;
	st.tried = false;
	app_show(a, &screen_agenda);
}

static void enter(app *a)
{
	(void)a;
	st.message = NULL;
	st.asking = false;
}

static const char *title_error(void)
{
	return st.tried && !st.item.title[0] ? _("Enter a title for the agenda item") : NULL;
}

/* The title and the start time, with the error summary above them when the
 * form was sent without a title. */
static void form(app *a, rect area)
{
	ui *u = a->ui;
	const layout_metrics *m = ui_metrics(u);
	int w = area.w - 12; /* the scroll bar's room */
	const char *problem = _("There is a problem"), *e = title_error();
	ui_form_words title = {_("Title"), _("As people will see it in the agenda"), e};
	ui_form_words time = {_("Start time (optional)"), NULL, NULL};
	int sh = e ? ui_error_summary_height(u, w, problem, &e, 1) + m->gap : 0;
	int th = ui_form_height(u, w, &title), wh = screen_when_height(a, w, &time, false);
	ui_list_begin(u, &st.form, area, sh + th + m->gap + wh);
	if (e && ui_error_summary(u, &st.form, (rect){area.x, area.y - st.form.scroll, w, sh - m->gap}, problem, &e,
	                          1) == 0)
		ui_focus_as(u, st.item.title, KEYBOARD_LETTERS, KEYBOARD_TEXT);
	rect r = ui_list_row(u, &st.form, sh, th);
	r.w = w;
	if (ui_form_field(u, &st.form, r, &title, st.item.title, sizeof st.item.title, STORE_TITLE_CHARS,
	                  KEYBOARD_TEXT))
		ui_focus(u, NULL, KEYBOARD_LETTERS);
	r = ui_list_row(u, &st.form, sh + th + m->gap, wh);
	r.w = w;
	screen_when(a, &st.form, r, &time, st.item.starts, sizeof st.item.starts, 5, st.from);
	ui_list_end(u, &st.form);
}

/* The seed's clusters of learning activity, one tap to choose; a name too
 * long for one line takes two, never cut. */
static void kinds(app *a, rect body)
{
	ui *u = a->ui;
	const layout_metrics *m = ui_metrics(u);
	rect head = layout_cut_top(&body, ui_line_height(u, UI_FONT_BOLD));
	ui_label(u, head, _("Kind of activity"), UI_FONT_BOLD, UI_TEXT, UI_ALIGN_LEFT);
	int y[STORE_ACT_COUNT + 1];
	y[0] = 0;
	for (int k = 0; k < STORE_ACT_COUNT; k++)
		y[k + 1] = y[k] + ui_list_item_height(u, body.w - 12, _(store_activity_name((store_activity)k)),
		                                      _(store_activity_examples((store_activity)k)), m->touch * 3 / 2);
	ui_list_begin(u, &st.kinds, body, y[STORE_ACT_COUNT]);
	for (int k = 0; k < STORE_ACT_COUNT; k++) {
		rect r = ui_list_row(u, &st.kinds, y[k], y[k + 1] - y[k]);
		if (ui_list_item(u, &st.kinds, r, _(store_activity_name((store_activity)k)),
		                 _(store_activity_examples((store_activity)k)), st.item.activity == (store_activity)k))
			st.item.activity = (store_activity)k;
	}
	ui_list_end(u, &st.kinds);
}

static void save(app *a)
{
	st.tried = true;
	if (title_error()) {
		st.form.scroll = 0; /* to the summary */
	} else if ((st.item.id ? store_agenda_update(a->db, &st.item) : store_agenda_add(a->db, &st.item)) != STORE_OK) {
		st.message = store_errmsg(a->db);
	} else {
		ui_toast(a->ui, _("Agenda item saved."), 3000);
		app_show(a, &screen_event);
	}
}

static void ask_delete(app *a)
{
	char question[STORE_TITLE_MAX + 64];
	/* TRANSLATORS: %s is the agenda item's title. */
	snprintf(question, sizeof question, _("Delete this agenda item? \"%s\" will be taken off the agenda."),
	         st.item.title);
	/* TRANSLATORS: the buttons of "Delete this agenda item?"; "Keep it" also
	 * answers "Undo this check-in?". */
	int answer = ui_confirm_danger(a->ui, question, _("Delete"), _("Keep it"));
	if (answer > 0 && store_agenda_delete(a->db, st.item.id) == STORE_OK) {
		ui_toast(a->ui, _("Agenda item deleted."), 3000);
		app_show(a, &screen_event);
	} else if (answer > 0) {
		st.message = store_errmsg(a->db);
		st.asking = false;
	} else if (answer < 0) {
		st.asking = false;
	}
}

static void frame(app *a)
{
	ui *u = a->ui;
	const layout_metrics *m = ui_metrics(u);
	bool typing = ui_focused(u, st.item.title);
	rect body = {0, 0, m->w, m->h};
	rect kb = {0};
	if (typing)
		kb = layout_cut_bottom(&body, m->portrait ? m->h * 2 / 5 : m->h * 44 / 100);
	if (screen_header(a, &body, st.item.id ? _("Agenda item") : _("New agenda item"), _("Back"))) {
		app_show(a, &screen_event);
		return;
	}
	if (typing) { /* the title alone over the keyboard */
		form(a, body);
		if (ui_keyboard(u, kb))
			ui_focus(u, NULL, KEYBOARD_LETTERS);
		return;
	}
	rect bar = screen_form_bar(a, &body, st.message);
	rect left = m->portrait ? layout_cut_top(&body, body.h / 2) : layout_cut_left(&body, body.w / 2);
	if (!m->portrait)
		layout_cut_left(&body, m->gap);
	else
		layout_cut_top(&body, m->gap);
	form(a, left);
	kinds(a, body);

	rect save_r = st.item.id ? layout_cell(bar, 2, 1, 1, 0, m->gap) : bar;
	if (ui_button(u, save_r, _("Save"), UI_BUTTON_PRIMARY)) {
		save(a);
		if (a->screen != &screen_agenda)
			return;
	}
	if (st.item.id && ui_button(u, layout_cell(bar, 2, 1, 0, 0, m->gap), _("Delete"), UI_BUTTON_DANGER))
		st.asking = true;
	if (st.asking)
		ask_delete(a);
}

const screen screen_agenda = {"agenda item", enter, frame, NULL, SCREEN_IDLE_CLEARS};
