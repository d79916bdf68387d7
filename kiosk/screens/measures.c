/* measures: the seed's quarterly measures — events and attendees in the
 * quarter, people and organisations on the mailing list — and the change
 * since the quarter before. */
#include <stdio.h>

#include "core/lang.h"
#include "screens.h"

static struct {
	store_quarter now, before;
	char title[64];
	char figures[4][16];
	char captions[4][96];
	ui_list scroll;
} st;

static void enter(app *a)
{
	screen_read(a, store_quarter_measures(a->db, store_now(a->db), &st.now, &st.before));
	snprintf(st.title, sizeof st.title, _("Quarter %d of %d, compared with the quarter before"), st.now.quarter,
	         st.now.year);
	const int now[4] = {st.now.events, st.now.attendees, st.now.people_on_list, st.now.orgs_on_list};
	const int before[4] = {st.before.events, st.before.attendees, st.before.people_on_list, st.before.orgs_on_list};
	for (int i = 0; i < 4; i++) {
		int d = now[i] - before[i];
		snprintf(st.figures[i], sizeof st.figures[i], "%d", now[i]);
		/* What the figure counts, in the number its figure asks for ("1 event"). */
		const char *what[4] = {
			ngettext("event", "events", (unsigned long)now[i]),
			ngettext("attendee at events", "attendees at events", (unsigned long)now[i]),
			ngettext("person on the mailing list", "people on the mailing list", (unsigned long)now[i]),
			ngettext("organisation on the mailing list", "organisations on the mailing list", (unsigned long)now[i]),
		};
		/* TRANSLATORS: under a figure: what it counts (events...), then its
		 * change since the quarter before, e.g. "events (+2 since last quarter)". */
		snprintf(st.captions[i], sizeof st.captions[i], _("%s (%s%d since last quarter)"), what[i],
		         d > 0 ? "+" : "", d);
	}
}

static void frame(app *a)
{
	ui *u = a->ui;
	const layout_metrics *m = ui_metrics(u);
	rect body;
	if (!review_frame(a, &body, REVIEW_MEASURES))
		return;
	ui_label(u, layout_cut_top(&body, ui_text_height(u, st.title, UI_FONT_BOLD, body.w)), st.title, UI_FONT_BOLD,
	         UI_TEXT, UI_ALIGN_LEFT);
	layout_cut_top(&body, m->gap);
	/* Boxes share the height, none lower than its figure and the longest
	 * caption need (ui_figure keeps a padding and a coloured edge of pad /
	 * 2); where that is more than the screen holds (bigger type when
	 * presenting), they scroll. */
	int cols = m->portrait ? 1 : 2, rows = 4 / cols, gap = m->gap * 2;
	int w = layout_cell(body, cols, 1, 0, 0, gap).w - m->pad - m->pad / 2, caption_h = 0;
	for (int i = 0; i < 4; i++) {
		int h = ui_text_height(u, st.captions[i], UI_FONT_SMALL, w);
		caption_h = h > caption_h ? h : caption_h;
	}
	int box_h = ui_line_height(u, UI_FONT_BIG) + caption_h + m->pad, shared = (body.h - (rows - 1) * gap) / rows;
	box_h = box_h > shared ? box_h : shared;
	ui_list_begin(u, &st.scroll, body, rows * box_h + (rows - 1) * gap);
	rect all = ui_list_row(u, &st.scroll, 0, rows * box_h + (rows - 1) * gap);
	for (int i = 0; i < 4; i++)
		ui_figure(u, layout_cell(all, cols, rows, i % cols, i / cols, gap), st.figures[i], st.captions[i], UI_BLUE);
	ui_list_end(u, &st.scroll);
}

const screen screen_measures = {"measures", enter, frame, NULL, SCREEN_IDLE_CLEARS};
