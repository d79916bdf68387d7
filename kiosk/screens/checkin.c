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
		st.hint[0] = '\0'; /* the field's own hint says what to do */
	else if (st.n == 0)
		snprintf(st.hint, sizeof st.hint,
		         _("No one found for \"%s\". Check the spelling, or tap \"I'm new here\"."), st.query);
	else
		st.hint[0] = '\0';
}

static void frame(app *a)
{
	if (!st.has_event) {
		screen_not_open(a, _("Check in"));
		return;
	}
	ui *u = a->ui;
	const layout_metrics *m = ui_metrics(u);
	bool typing = ui_focused(u, st.query);
	rect body = {0, 0, m->w, m->h};
	rect kb = {0};
	if (typing)
		kb = layout_cut_bottom(&body, m->portrait ? m->h * 2 / 5 : m->h * 44 / 100);
	bool walk_in = false;
	/* "I'm new here" in the bar, where a portrait panel has no room for it
	 * beside the heading: there it goes under the field. */
	if (screen_header_action(a, &body, _("Find your name"), _("Back"), m->portrait ? NULL : _("I'm new here"),
	                         &walk_in)) {
		app_home(a);
		return;
	}
	if (walk_in) {
		member_open(a, 0, 0);
		return;
	}

	/* The heading asks the question; under it what to do, then how many
	 * names were found, in one place that does not move the field. */
	search(a);
	int cols = !m->portrait && !typing ? 2 : 1, row = m->touch * 5 / 4;
	int rows = (st.n + cols - 1) / cols;
	const char *instruction = _("Type the first letters of your first name or last name.");
	char found[200] = "";
	if (st.n > 0)
		snprintf(found, sizeof found, ngettext("%d name found. Tap yours.", "%d names found. Tap yours.", st.n),
		         st.n);

	/* Landscape with the keyboard: what to do and the field on the left,
	 * names on the right. Otherwise the field above the names, which take
	 * the whole width (two columns in landscape): the keyboard's "Done"
	 * puts it away to show more of them, a tap on the field brings it back. */
	bool side = !m->portrait && typing;
	bool beside = !m->portrait && !typing; /* the words to the right of the field */
	int sw = m->portrait ? body.w : body.w * 9 / 20;
	rect left = side ? layout_cut_left(&body, sw) : layout_cut_top(&body, 0);
	if (side)
		layout_cut_left(&body, m->gap * 2);
	int tw = side ? sw : beside ? body.w - sw - m->gap * 2 : body.w;
	int th = ui_text_height(u, instruction, UI_FONT_BODY, tw), fh = ui_text_height(u, found, UI_FONT_BODY, tw);
	int above = th + m->touch + 3 * m->gap + (m->portrait ? m->touch + m->gap : 0);
	bool more = typing && rows * row > (side ? body.h : body.h - above);
	char see[200] = "";
	if (more)
		/* TRANSLATORS: said after "%d names found. Tap yours." (the first
		 * %s) when the keyboard hides some; the second %s is the keyboard's
		 * "Done" key. */
		snprintf(see, sizeof see, _("%s %s shows them all."), found, C_("key", "Done"));
	int sh = more ? ui_text_height(u, see, UI_FONT_BODY, tw) : 0;
	int hh = th > fh ? th : fh;
	hh = hh > sh ? hh : sh;
	const char *words = more ? see : st.n ? found : instruction;
	rect field;
	if (beside) {
		rect strip = layout_cut_top(&body, hh > m->touch ? hh : m->touch);
		field = layout_center(layout_cut_left(&strip, sw), sw, m->touch);
		layout_cut_left(&strip, m->gap * 2);
		ui_label(u, strip, words, UI_FONT_BODY, UI_GREY1, UI_ALIGN_LEFT);
	} else {
		ui_label(u, side ? layout_cut_top(&left, hh) : layout_cut_top(&body, hh), words, UI_FONT_BODY, UI_GREY1,
		         UI_ALIGN_LEFT);
		field = side ? layout_cut_top(&left, m->touch + m->gap) : layout_cut_top(&body, m->touch + m->gap);
		field = layout_cut_bottom(&field, m->touch);
	}
	if (m->portrait) {
		layout_cut_top(&body, m->gap);
		walk_in = ui_button(u, layout_cut_top(&body, m->touch), _("I'm new here"), UI_BUTTON_SECONDARY);
	}
	if (!side)
		layout_cut_top(&body, m->gap * 2);
	if (ui_field_box(u, field, _("Your name"), st.query, sizeof st.query, STORE_NAME_CHARS))
		ui_focus(u, NULL, KEYBOARD_LETTERS); /* Enter: put the keyboard away, show the names */
	if (walk_in) {
		member_open(a, 0, 0);
		return;
	}

	if (st.hint[0])
		ui_label(u, body, st.hint, UI_FONT_BODY, UI_GREY1, UI_ALIGN_CENTER);
	row = cols > 1 ? m->touch + m->gap : row;
	ui_list_begin(u, &st.list, body, rows * row);
	int cw = (body.w - (cols - 1) * m->gap) / cols;
	for (int i = 0; i < st.n; i++) {
		char name[2 * STORE_NAME_MAX];
		snprintf(name, sizeof name, "%s %s", st.found[i].first, st.found[i].last);
		rect r = ui_list_row(u, &st.list, i / cols * row, row);
		r.x += i % cols * (cw + m->gap);
		r.w = cw;
		if (ui_list_item(u, &st.list, r, name, st.found[i].organisation, false)) {
			confirm_open(a, &st.found[i]);
			ui_list_end(u, &st.list);
			return;
		}
	}
	ui_list_end(u, &st.list);
	if (typing && ui_keyboard(u, kb))
		ui_focus(u, NULL, KEYBOARD_LETTERS); /* "Done": the keyboard goes, the names take its place */
}

const screen screen_checkin = {"check in", enter, frame, NULL, SCREEN_IDLE_CLEARS};
