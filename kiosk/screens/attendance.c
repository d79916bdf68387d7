/* attendance: who was here, in counts only — total, newcomers and returning,
 * mailing-list opt-ins, the organisations, professions and roles present. */
#include <stdio.h>
#include <string.h>

#include "core/lang.h"
#include "screens.h"

#define MAX_BARS 8   /* the most frequent; the rest are summed as "Others" */

typedef struct {
	store_count rows[MAX_BARS + 1];
	const char *labels[MAX_BARS + 1];
	double values[MAX_BARS + 1];
	const char *shown[MAX_BARS + 1];
	char shown_buf[MAX_BARS + 1][16];
	int n;
} bars;

static struct {
	store_attendance att;
	char figures[4][16];
	bars orgs, professions, roles;
	int showing;   /* which chart, where there is room for one only */
	ui_list scroll; /* that chart, when its names need more room than the screen has */
} st;

static void load_bars(app *a, int64_t event_id, const char *what, bars *b)
{
	static store_count all[512];
	int n = 0;
	screen_read(a, store_attendance_by(a->db, event_id, what, all, 512, &n));
	b->n = n < MAX_BARS ? n : MAX_BARS;
	memcpy(b->rows, all, (size_t)b->n * sizeof all[0]);
	if (n > MAX_BARS) {
		int others = 0;
		for (int i = MAX_BARS - 1; i < n; i++)
			others += all[i].count;
		/* TRANSLATORS: a bar of the chart summing the least frequent
		 * organisations, professions or roles; never fewer than 2. */
		snprintf(b->rows[MAX_BARS - 1].text, sizeof b->rows[0].text,
		         ngettext("%d other", "%d others", (unsigned long)(n - MAX_BARS + 1)), n - MAX_BARS + 1);
		b->rows[MAX_BARS - 1].count = others;
	}
	for (int i = 0; i < b->n; i++) {
		b->labels[i] = screen_data_words(b->rows[i].text);
		b->values[i] = b->rows[i].count;
		snprintf(b->shown_buf[i], sizeof b->shown_buf[i], "%d", b->rows[i].count);
		b->shown[i] = b->shown_buf[i];
	}
}

static void enter(app *a)
{
	store_event ev;
	int64_t event_id = store_event_current(a->db, &ev) == STORE_OK ? ev.id : 0;
	memset(&st, 0, sizeof st);
	screen_read(a, store_attendance_of(a->db, event_id, &st.att));
	snprintf(st.figures[0], sizeof st.figures[0], "%d", st.att.total);
	snprintf(st.figures[1], sizeof st.figures[1], "%d", st.att.newcomers);
	snprintf(st.figures[2], sizeof st.figures[2], "%d", st.att.returning);
	snprintf(st.figures[3], sizeof st.figures[3], "%d", st.att.mailing_list);
	load_bars(a, event_id, "organisation", &st.orgs);
	load_bars(a, event_id, "profession", &st.professions);
	load_bars(a, event_id, "role", &st.roles);
}

static void chart(app *a, rect r, const char *title, const bars *b, ui_color c)
{
	ui *u = a->ui;
	rect head = layout_cut_top(&r, ui_text_height(u, title, UI_FONT_BOLD, r.w));
	ui_label(u, head, title, UI_FONT_BOLD, UI_TEXT, UI_ALIGN_LEFT);
	ui_hbars(u, r, b->labels, b->values, b->n, b->shown, c);
}

/* Height of a button w wide whose label, in type f, wraps to the lines it
 * needs (buttons draw their label in their face, less a padding and the
 * edge under them). */
static int button_height(app *a, const char *const *labels, int n, ui_font f, int w)
{
	const layout_metrics *m = ui_metrics(a->ui);
	int h = m->touch;
	for (int i = 0; i < n; i++) {
		int need = ui_text_height(a->ui, _(labels[i]), f, w - m->pad) + m->pad + m->pad / 2;
		h = need > h ? need : h;
	}
	return h;
}

static void frame(app *a)
{
	ui *u = a->ui;
	const layout_metrics *m = ui_metrics(u);
	rect body;
	if (!review_frame(a, &body, REVIEW_ATTENDANCE))
		return;
	/* TRANSLATORS: captions under a big number ("12 / people here"). */
	static const char *const captions[4] = {N_("people here"), N_("new to the community"), N_("came before"),
	                                        N_("joined the mailing list")};
	static const ui_color colours[4] = {UI_BLUE, UI_GREEN, UI_DARK_BLUE, UI_YELLOW};
	int rows = m->portrait ? 2 : 1, cols = m->portrait ? 2 : 4;
	/* The boxes as high as the number and the longest caption under it need
	 * (ui_figure keeps a padding and a coloured edge of pad / 2). */
	int caption_w = layout_cell(body, cols, rows, 0, 0, m->gap).w - m->pad - m->pad / 2, caption_h = 0;
	for (int i = 0; i < 4; i++) {
		int h = ui_text_height(u, _(captions[i]), UI_FONT_SMALL, caption_w);
		caption_h = h > caption_h ? h : caption_h;
	}
	int box_h = ui_line_height(u, UI_FONT_BIG) + caption_h + m->pad;
	rect figs = layout_cut_top(&body, rows * box_h + (rows - 1) * m->gap);
	layout_cut_top(&body, m->gap);
	for (int i = 0; i < 4; i++)
		ui_figure(u, layout_cell(figs, cols, rows, i % cols, i / cols, m->gap), st.figures[i], _(captions[i]),
		          colours[i]);
	/* TRANSLATORS: chart titles, also tabs on a small screen. */
	static const char *const names[3] = {N_("Organisations"), N_("Professions"), N_("Roles taken")};
	const bars *all[3] = {&st.orgs, &st.professions, &st.roles};
	static const ui_color ink[3] = {UI_BLUE, UI_GREEN, UI_DARK_BLUE};
	/* Three charts side by side only where each names its organisations,
	 * professions and roles whole: a name is what its bar is about. */
	bool side_by_side = !m->portrait;
	for (int i = 0; i < 3 && side_by_side; i++) {
		rect cell = layout_cell(body, 3, 1, i, 0, m->gap * 2);
		layout_cut_top(&cell, ui_text_height(u, _(names[i]), UI_FONT_BOLD, cell.w));
		side_by_side = ui_hbars_whole(u, cell, all[i]->labels, all[i]->n, all[i]->shown);
	}
	if (side_by_side) {
		for (int i = 0; i < 3; i++)
			chart(a, layout_cell(body, 3, 1, i, 0, m->gap * 2), _(names[i]), all[i], ink[i]);
		return;
	}
	/* Otherwise one chart at a time, its rows readable: the charts as tabs,
	 * across the top in portrait, down the side on a landscape screen; the
	 * tab showing is the chart's title. */
	rect pick;
	int across = 3; /* in portrait: as many tabs a row as keep their words whole */
	if (m->portrait) {
		for (bool fit = false; !fit && across > 1;) {
			int w = layout_cell(body, across, 1, 0, 0, m->gap / 2).w - m->pad;
			fit = true;
			for (int i = 0; i < 3; i++)
				fit &= ui_widest_word(u, _(names[i]), UI_FONT_SMALL) <= w;
			across -= !fit;
		}
		int tab_rows = (3 + across - 1) / across;
		int h = button_height(a, names, 3, UI_FONT_SMALL, layout_cell(body, across, 1, 0, 0, m->gap / 2).w);
		pick = layout_cut_top(&body, tab_rows * h + (tab_rows - 1) * m->gap / 2);
		layout_cut_top(&body, m->gap);
	} else {
		/* As wide as the names need on one line, a fifth to a quarter. */
		int w = body.w / 5;
		for (int i = 0; i < 3; i++) {
			int lw = 0, lh = 0;
			ui_measure(u, _(names[i]), UI_FONT_SMALL, &lw, &lh);
			w = lw + m->pad + m->pad / 2 > w ? lw + m->pad + m->pad / 2 : w;
		}
		pick = layout_cut_left(&body, w < body.w / 4 ? w : body.w / 4);
		layout_cut_left(&body, m->gap * 2);
	}
	int lines = m->portrait ? (3 + across - 1) / across : 3;
	for (int i = 0; i < 3; i++) {
		rect tab = m->portrait ? layout_cell(pick, across, lines, i % across, i / across, m->gap / 2)
		                       : layout_cell(pick, 1, 3, 0, i, m->gap / 2);
		if (ui_button(u, tab, _(names[i]), st.showing == i ? UI_BUTTON_TAB_ON : UI_BUTTON_TAB)) {
			st.showing = i;
			st.scroll = (ui_list){0};
		}
	}
	const bars *b = all[st.showing];
	if (ui_hbars_whole(u, body, b->labels, b->n, b->shown)) {
		ui_hbars(u, body, b->labels, b->values, b->n, b->shown, ink[st.showing]);
		return;
	}
	/* Too many long names for the room (800x480): each over its bar, scrolling. */
	int h = ui_hbars_height(u, body.w - 8, b->labels, b->n);
	ui_list_begin(u, &st.scroll, body, h);
	rect all_rows = ui_list_row(u, &st.scroll, 0, h);
	all_rows.w -= 8; /* room for the scroll bar */
	ui_hbars(u, all_rows, b->labels, b->values, b->n, b->shown, ink[st.showing]);
	ui_list_end(u, &st.scroll);
}

const screen screen_attendance = {"attendance", enter, frame, NULL, SCREEN_IDLE_CLEARS};
