/* themes: the notes grouped into named themes, with their dots — tap a theme
 * to add a dot, hold it to take one away. */
#include <stdio.h>
#include <string.h>

#include "core/lang.h"
#include "screens.h"

#define MAX_THEMES 128
#define MAX_NOTES 1000
#define SHOWN_NOTES 3     /* notes listed under each theme */

static struct {
	int64_t event_id;
	store_theme themes[MAX_THEMES];
	int n, nnotes;
	ui_list list;
} st;
static store_wall_note notes[MAX_NOTES];
static char details[MAX_THEMES][80];
static char kinds[STORE_NOTE_KINDS][64];

static void enter(app *a)
{
	store_event ev;
	st.event_id = store_event_current(a->db, &ev) == STORE_OK ? ev.id : 0;
	st.n = st.nnotes = 0;
	screen_read(a, store_theme_list(a->db, st.event_id, st.themes, MAX_THEMES, &st.n));
	screen_read(a, store_wall(a->db, st.event_id, 0, notes, MAX_NOTES, &st.nnotes));
	for (int k = 0; k < STORE_NOTE_KINDS; k++)
		screen_read(a, store_note_kind_label(a->db, (store_note_kind)k, kinds[k], sizeof kinds[k]));
	for (int i = 0; i < st.n; i++) {
		int n = st.themes[i].notes, dots = st.themes[i].votes + st.themes[i].note_votes;
		char notes_part[32], dots_part[32];
		snprintf(notes_part, sizeof notes_part, ngettext("%d note", "%d notes", n), n);
		snprintf(dots_part, sizeof dots_part, ngettext("%d dot", "%d dots", dots), dots);
		snprintf(details[i], sizeof details[i], "%s · %s", notes_part, dots_part);
	}
}

/* A note of a theme on one line of r: a chip naming its kind by icon and
 * word on the kind's paper, then as much of its text as fits. */
static void note_line(app *a, rect r, const store_wall_note *w)
{
	ui *u = a->ui;
	const layout_metrics *m = ui_metrics(u);
	const char *kind = screen_data_words(kinds[w->note.kind]);
	int kw = 0, kh = 0, lh = r.h;
	ui_measure(u, kind, UI_FONT_SMALL, &kw, &kh);
	rect chip = layout_cut_left(&r, lh + kw + m->gap / 2 + m->gap / 4);
	ui_fill(u, chip, note_paper(w->note.kind));
	ui_icon(u, layout_inset((rect){chip.x + m->gap / 4, chip.y, lh, lh}, lh / 8), note_icon(w->note.kind), UI_TEXT);
	ui_text_line(u, (rect){chip.x + m->gap / 4 + lh, chip.y, kw, lh}, kind, UI_FONT_SMALL, UI_TEXT, UI_ALIGN_LEFT);
	layout_cut_left(&r, m->gap / 2);
	ui_label_line(u, r, w->note.body, UI_FONT_SMALL, UI_TEXT, UI_ALIGN_LEFT);
}

static void frame(app *a)
{
	ui *u = a->ui;
	const layout_metrics *m = ui_metrics(u);
	rect body;
	if (!review_frame(a, &body, REVIEW_WALL))
		return;
	rect top = layout_cut_top(&body, m->touch);
	layout_cut_top(&body, m->gap);
	if (ui_button(u, layout_cut_left(&top, m->touch * 3), _("Back to the wall"), UI_BUTTON_SECONDARY)) {
		app_show(a, &screen_wall);
		return;
	}
	layout_cut_left(&top, m->gap);
	ui_label(u, top, st.n ? _("Tap a theme to add a dot; hold it to take one away.")
	                      : _("No themes yet: on the wall, choose \"Group\", tap notes, and name them."),
	         UI_FONT_SMALL, UI_GREY1, UI_ALIGN_LEFT);
	int lh = ui_line_height(u, UI_FONT_SMALL);
	int h = ui_line_height(u, UI_FONT_BOLD) + lh + SHOWN_NOTES * (lh + m->gap / 4) + 2 * m->pad;
	ui_list_begin(u, &st.list, body, st.n * (h + m->gap));
	for (int i = 0; i < st.n; i++) {
		rect r = ui_list_row(u, &st.list, i * (h + m->gap), h);
		if (r.y + r.h < body.y || r.y > body.y + body.h)
			continue;
		bool held = false;
		ui_tap tap = ui_hit(u, r, st.themes[i].name, (int)st.themes[i].id, &held);
		ui_fill(u, r, held ? UI_YELLOW : UI_WHITE);
		ui_fill(u, (rect){r.x, r.y, m->pad / 2, r.h}, UI_BLUE);
		rect in = layout_inset(r, m->pad);
		rect title = layout_cut_top(&in, ui_line_height(u, UI_FONT_BOLD));
		ui_label_line(u, title, st.themes[i].name, UI_FONT_BOLD, UI_TEXT, UI_ALIGN_LEFT);
		ui_label_line(u, layout_cut_top(&in, lh), details[i], UI_FONT_SMALL, UI_GREY1, UI_ALIGN_LEFT);
		for (int k = 0, shown = 0; k < st.nnotes && shown < SHOWN_NOTES; k++) {
			if (notes[k].theme_id != st.themes[i].id)
				continue;
			layout_cut_top(&in, m->gap / 4);
			note_line(a, layout_cut_top(&in, lh), &notes[k]);
			shown++;
		}
		ui_show(u, "item", st.themes[i].name, r);
		int votes = 0;
		if (tap != UI_NO_TAP &&
		    store_theme_vote(a->db, st.themes[i].id, tap == UI_LONG_PRESS ? -1 : 1, &votes) == STORE_OK)
			enter(a);
	}
	ui_list_end(u, &st.list);
}

const screen screen_themes = {"themes", enter, frame, NULL, SCREEN_IDLE_CLEARS};
