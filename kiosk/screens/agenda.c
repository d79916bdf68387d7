/* agenda: one agenda item — title, start time and its kind of learning activity. */
#include <stdio.h>
#include <string.h>

#include "core/lang.h"
#include "screens.h"

static struct {
	store_agenda_item item;
	const char *message;
	bool asking;          /* "delete this item?" */
	ui_list kinds;
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
	st.kinds.scroll = 0;
	app_show(a, &screen_agenda);
}

static void enter(app *a)
{
	(void)a;
	st.message = NULL;
	st.asking = false;
}

static void frame(app *a)
{
	ui *u = a->ui;
	const layout_metrics *m = ui_metrics(u);
	rect body = {0, 0, m->w, m->h};
	if (screen_header(a, &body, st.item.id ? _("Agenda item") : _("New agenda item"), _("Back"))) {
		app_show(a, &screen_event);
		return;
	}
	rect bar = layout_cut_bottom(&body, m->touch + m->gap);
	if (st.message)
		ui_label(u, layout_cut_bottom(&body, ui_line_height(u, UI_FONT_BOLD) + m->gap), st.message, UI_FONT_BOLD,
		         UI_RED, UI_ALIGN_LEFT);
	layout_cut_bottom(&body, m->gap);
	rect left = m->portrait ? layout_cut_top(&body, m->touch * 3 + m->gap) : layout_cut_left(&body, body.w * 2 / 5);
	if (!m->portrait)
		layout_cut_left(&body, m->gap);
	else
		layout_cut_top(&body, m->gap);

	ui_list none = {0};
	int row = m->touch * 3 / 2;
	ui_list_begin(u, &none, left, 2 * row);
	if (ui_list_item(u, &none, ui_list_row(u, &none, 0, row), _("Title"),
	                 st.item.title[0] ? st.item.title : _(SCREEN_NOT_SET), false))
		textedit_open(a, _("Agenda item title"), st.item.title, sizeof st.item.title, STORE_TITLE_CHARS, KEYBOARD_LETTERS, NULL, NULL);
	if (ui_list_item(u, &none, ui_list_row(u, &none, row, row), _("Start time"),
	                 st.item.starts[0] ? st.item.starts : _(SCREEN_NOT_SET), false))
		textedit_open(a, _("Start time (HH:MM)"), st.item.starts, sizeof st.item.starts, 5, KEYBOARD_SYMBOLS,
		              check_time, NULL);
	ui_list_end(u, &none);

	/* The seed's clusters of learning activity, one tap to choose. */
	int krow = m->touch * 3 / 2;
	rect head = layout_cut_top(&body, ui_line_height(u, UI_FONT_BOLD));
	ui_label(u, head, _("Kind of activity"), UI_FONT_BOLD, UI_TEXT, UI_ALIGN_LEFT);
	ui_list_begin(u, &st.kinds, body, krow * STORE_ACT_COUNT);
	for (int k = 0; k < STORE_ACT_COUNT; k++) {
		rect r = ui_list_row(u, &st.kinds, k * krow, krow);
		if (ui_list_item(u, &st.kinds, r, _(store_activity_name((store_activity)k)),
		                 _(store_activity_examples((store_activity)k)), st.item.activity == (store_activity)k))
			st.item.activity = (store_activity)k;
	}
	ui_list_end(u, &st.kinds);

	rect save_r = st.item.id ? layout_cell(bar, 2, 1, 1, 0, m->gap) : bar;
	if (ui_button(u, save_r, _("Save"), UI_BUTTON_PRIMARY)) {
		if (!st.item.title[0]) {
			st.message = _("Give the agenda item a title first.");
		} else if ((st.item.id ? store_agenda_update(a->db, &st.item) : store_agenda_add(a->db, &st.item)) != STORE_OK) {
			st.message = store_errmsg(a->db);
		} else {
			ui_toast(u, _("Agenda item saved."), 3000);
			app_show(a, &screen_event);
			return;
		}
	}
	if (st.item.id && ui_button(u, layout_cell(bar, 2, 1, 0, 0, m->gap), _("Delete"), UI_BUTTON_DANGER))
		st.asking = true;
	if (st.asking) {
		/* TRANSLATORS: the buttons of "Delete this agenda item?"; "Keep it" also
		 * answers "Undo this check-in?". */
		char question[STORE_TITLE_MAX + 64];
		/* TRANSLATORS: %s is the agenda item's title. */
		snprintf(question, sizeof question, _("Delete this agenda item? \"%s\" will be taken off the agenda."), st.item.title);
		int answer = ui_confirm_danger(u, question, _("Delete"), _("Keep it"));
		if (answer > 0 && store_agenda_delete(a->db, st.item.id) == STORE_OK) {
			ui_toast(u, _("Agenda item deleted."), 3000);
			app_show(a, &screen_event);
		} else if (answer > 0) {
			st.message = store_errmsg(a->db);
			st.asking = false;
		} else if (answer < 0) {
			st.asking = false;
		}
	}
}

const screen screen_agenda = {"agenda item", enter, frame, NULL, SCREEN_IDLE_CLEARS};
