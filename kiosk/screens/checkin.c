/* checkin: finding your own name in a few taps — type 2 or 3 letters, tap
 * your name; or "I'm new here". */
#include <stdio.h>
#include <string.h>

#include "core/lang.h"
#include "screens.h"

#define MAX_FOUND 50

static struct {
	bool has_event;
	char query[STORE_NAME_MAX];
	char searched[STORE_NAME_MAX];   /* the query the list was made for */
	store_member found[MAX_FOUND];
	int n;
	ui_list list;
	char hint[STORE_NAME_MAX + 128];
	bool resume;                      /* "Not me": back with the same letters */
} st;

void checkin_resume(app *a)
{
	st.resume = true;
	app_show(a, &screen_checkin);
}

static void enter(app *a)
{
	if (!st.resume)
		memset(&st, 0, sizeof st); /* the next person sees none of the last one's search */
	st.resume = false;
	store_event ev;
	st.has_event = store_event_current(a->db, &ev) == STORE_OK;
	ui_focus(a->ui, st.query, KEYBOARD_LETTERS);
}

/* Searches again only when the query changed, never per frame. */
static void search(app *a)
{
	if (!strcmp(st.query, st.searched))
		return;
	snprintf(st.searched, sizeof st.searched, "%s", st.query);
	st.n = 0;
	st.list.scroll = 0;
	if (st.query[0] && store_member_search(a->db, st.query, st.found, MAX_FOUND, &st.n) != STORE_OK)
		ui_toast(a->ui, store_errmsg(a->db), 5000);
	if (!st.query[0])
		snprintf(st.hint, sizeof st.hint, "%s", _("Type the first letters of your first name or last name."));
	else if (st.n == 0)
		snprintf(st.hint, sizeof st.hint,
		         _("No one found for \"%s\". Check the spelling, or tap \"I'm new here\"."), st.query);
	else
		st.hint[0] = '\0';
}

static void no_event(app *a)
{
	const layout_metrics *m = ui_metrics(a->ui);
	rect body = {0, 0, m->w, m->h};
	if (screen_header(a, &body, _("Check in"), _("Back")))
		app_home(a);
	rect bar = layout_cut_bottom(&body, m->touch + m->pad);
	ui_label(a->ui, body, _("There is no event to check in to yet. Please ask the facilitator to set one up."),
	         UI_FONT_BODY, UI_TEXT, UI_ALIGN_CENTER);
	if (ui_button(a->ui, layout_center(bar, m->portrait ? bar.w : bar.w / 2, bar.h), _("Back to start"),
	              UI_BUTTON_PRIMARY))
		app_home(a);
}

static void frame(app *a)
{
	if (!st.has_event) {
		no_event(a);
		return;
	}
	ui *u = a->ui;
	const layout_metrics *m = ui_metrics(u);
	rect body = layout_inset((rect){0, 0, m->w, m->h}, m->pad);
	rect kb = layout_cut_bottom(&body, m->portrait ? m->h * 2 / 5 : m->h * 44 / 100);
	layout_cut_bottom(&body, m->gap);
	kb = (rect){0, kb.y, m->w, kb.h + m->pad};

	/* Landscape: the field and buttons on the left, names on the right;
	 * portrait: one above the other. */
	int fh = ui_line_height(u, UI_FONT_BOLD) + m->gap / 2 + m->touch;
	rect side = m->portrait ? layout_cut_top(&body, fh + m->gap + m->touch) : layout_cut_left(&body, body.w * 9 / 20);
	if (m->portrait)
		layout_cut_top(&body, m->gap);
	else
		layout_cut_left(&body, m->gap);
	rect field = layout_cut_top(&side, fh);
	layout_cut_top(&side, m->gap);
	rect buttons = layout_cut_top(&side, m->touch);
	rect back = layout_cut_left(&buttons, buttons.w / 3);
	layout_cut_left(&buttons, m->gap);

	ui_field(u, field, _("Your name"), st.query, sizeof st.query, STORE_NAME_CHARS);
	search(a);
	if (ui_button(u, back, _("Back"), UI_BUTTON_SECONDARY)) {
		app_home(a);
		return;
	}
	if (ui_button(u, buttons, _("I'm new here"), UI_BUTTON_SECONDARY)) {
		member_open(a, 0, 0);
		return;
	}

	if (st.hint[0])
		ui_label(u, body, st.hint, UI_FONT_BODY, UI_GREY1, UI_ALIGN_CENTER);
	int row = m->touch * 5 / 4;
	ui_list_begin(u, &st.list, body, st.n * row);
	for (int i = 0; i < st.n; i++) {
		char name[2 * STORE_NAME_MAX];
		snprintf(name, sizeof name, "%s %s", st.found[i].first, st.found[i].last);
		rect r = ui_list_row(u, &st.list, i * row, row);
		if (ui_list_item(u, &st.list, r, name, st.found[i].organisation, false)) {
			confirm_open(a, &st.found[i]);
			ui_list_end(u, &st.list);
			return;
		}
	}
	ui_list_end(u, &st.list);
	ui_keyboard(u, kb);
}

const screen screen_checkin = {"check in", enter, frame, NULL};
