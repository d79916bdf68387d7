/* wall: the post-it wall — a column per kind (in portrait, one kind at a time
 * under tabs), filtered by agenda item; read a note large, dot-vote (tap adds
 * a dot, a long press removes one), and group notes into named themes. */
#include <stdio.h>
#include <string.h>

#include "core/lang.h"
#include "screens.h"

#define MAX_NOTES 1000
#define MAX_ITEMS 64

/* TRANSLATORS: the wall's modes, as buttons: read a note large, dot-vote,
 * group notes into a theme. Keep them short. */
static const char *const mode_names[] = {N_("Read"), N_("Vote"), N_("Group")};
enum { MODE_READ, MODE_VOTE, MODE_GROUP };

static struct {
	int64_t event_id;
	int64_t item_id;                  /* 0: all items */
	char filter[STORE_TEXT_MAX];      /* chosen from filters[] */
	store_agenda_item items[MAX_ITEMS];
	int nitems;
	char labels[STORE_NOTE_KINDS][64];
	bool shown[STORE_NOTE_KINDS];
	int mode;
	int kind;                         /* portrait: the kind showing */
	int n;
	bool selected[MAX_NOTES];
	int nselected;
	char theme_name[STORE_TITLE_MAX]; /* filled by text entry */
	int themes;
	int enlarged;                     /* index of the note shown large, or -1 */
	char group_label[48];
	char theme_button[48];
	ui_list column[STORE_NOTE_KINDS];
} st;
static store_wall_note notes[MAX_NOTES];
static char filters[MAX_ITEMS + 1][STORE_TEXT_MAX];

static void load(app *a)
{
	st.n = 0;
	if (st.event_id && store_wall(a->db, st.event_id, st.item_id, notes, MAX_NOTES, &st.n) != STORE_OK)
		ui_toast(a->ui, store_errmsg(a->db), 5000);
	static store_theme themes[256];
	st.themes = 0;
	screen_read(a, store_theme_list(a->db, st.event_id, themes, 256, &st.themes));
	snprintf(st.theme_button, sizeof st.theme_button, _("Themes (%d)"), st.themes);
}

static void enter(app *a)
{
	store_event ev;
	int64_t event = store_event_current(a->db, &ev) == STORE_OK ? ev.id : 0;
	if (event != st.event_id) {
		memset(&st, 0, sizeof st);
		st.event_id = event;
		snprintf(st.filter, sizeof st.filter, "%s", _("All agenda items"));
	}
	st.enlarged = -1;
	for (int k = 0; k < STORE_NOTE_KINDS; k++) {
		st.shown[k] = k < 2 || store_note_kind_shown(a->db, (store_note_kind)k);
		screen_read(a, store_note_kind_label(a->db, (store_note_kind)k, st.labels[k], sizeof st.labels[k]));
	}
	st.nitems = 0;
	screen_read(a, store_agenda_list(a->db, st.event_id, st.items, MAX_ITEMS, &st.nitems));
	snprintf(filters[0], sizeof filters[0], "%s", _("All agenda items"));
	st.item_id = 0;
	for (int i = 0; i < st.nitems; i++) {
		snprintf(filters[i + 1], sizeof filters[i + 1], "%s %s", st.items[i].starts, st.items[i].title);
		if (!strcmp(st.filter, filters[i + 1]))
			st.item_id = st.items[i].id;
	}
	if (!st.item_id) /* all items, said in the words in use */
		snprintf(st.filter, sizeof st.filter, "%s", filters[0]);
	/* Back from naming a theme: make it from the selected notes. */
	if (st.theme_name[0] && st.nselected) {
		int64_t ids[MAX_NOTES];
		int count = 0;
		for (int i = 0; i < st.n; i++)
			if (st.selected[i])
				ids[count++] = notes[i].note.id;
		store_theme t;
		if (store_theme_add(a->db, st.event_id, st.theme_name, ids, count, &t) == STORE_OK) {
			char done[STORE_TITLE_MAX + 64];
			snprintf(done, sizeof done,
			         ngettext("Theme \"%s\" made from %d note.", "Theme \"%s\" made from %d notes.", count),
			         st.theme_name, count);
			ui_toast(a->ui, done, 4000);
			memset(st.selected, 0, sizeof st.selected);
			st.nselected = 0;
		} else {
			ui_toast(a->ui, store_errmsg(a->db), 5000);
		}
	}
	st.theme_name[0] = '\0';
	load(a);
}

/* Kind k's name as shown: translated while it is the default. */
static const char *kind_label(store_note_kind k)
{
	return screen_data_words(st.labels[k]);
}

/* One post-it on the wall: the lines of its text that fit, the last ending
 * with "…" when there is more (Read shows it whole), and its dots. */
static void card(app *a, rect r, int i)
{
	ui *u = a->ui;
	const layout_metrics *m = ui_metrics(u);
	const store_wall_note *w = &notes[i];
	bool held = false;
	ui_tap tap = ui_hit(u, r, "note", (int)w->note.id, &held);
	ui_card(u, r, note_paper(w->note.kind));
	if (st.selected[i] || held)
		ui_outline(u, layout_inset(r, -2), 4, st.selected[i] ? UI_BLUE : UI_YELLOW);
	rect in = layout_inset(r, m->pad / 2);
	int dot = m->small / 2;
	rect dots = layout_cut_bottom(&in, w->votes ? dot + 4 : 0);
	ui_text_lines(u, in, w->note.body, UI_FONT_SMALL, UI_TEXT, UI_ALIGN_LEFT);
	for (int d = 0; d < w->votes && d < 12; d++)
		ui_disc(u, (float)(dots.x + d * (dot + 3) + dot / 2), (float)(dots.y + dot / 2), (float)dot / 2, UI_BLUE);
	ui_show(u, "note", w->note.body, r);
	if (tap == UI_NO_TAP)
		return;
	int votes = w->votes;
	switch (st.mode) {
	case MODE_VOTE:
		if (store_note_vote(a->db, w->note.id, tap == UI_LONG_PRESS ? -1 : 1, &votes) == STORE_OK)
			notes[i].votes = votes;
		break;
	case MODE_GROUP:
		st.selected[i] = !st.selected[i];
		st.nselected += st.selected[i] ? 1 : -1;
		break;
	default:
		st.enlarged = i;
		break;
	}
}

/* Kind k's column heading, "Going well (150)", into head (96 bytes); returns
 * how many notes of the kind there are. */
static int heading(store_note_kind k, char *head)
{
	int count = 0;
	for (int i = 0; i < st.n; i++)
		count += notes[i].note.kind == k;
	snprintf(head, 96, "%s (%d)", kind_label(k), count);
	return count;
}

/* The notes of kind k over r, scrolling, per_row cards side by side. */
static void cards(app *a, rect r, store_note_kind k, int count, int per_row)
{
	ui *u = a->ui;
	const layout_metrics *m = ui_metrics(u);
	int h = 4 * ui_line_height(u, UI_FONT_SMALL) + m->pad + m->small / 2 + 4, gap = m->gap / 2;
	int rows = (count + per_row - 1) / per_row;
	ui_list *l = &st.column[k];
	ui_list_begin(u, l, r, rows * (h + gap));
	rect inside = r;
	inside.w -= 8; /* room for the scroll bar */
	for (int i = 0, at = -1; i < st.n; i++) {
		if (notes[i].note.kind != k)
			continue;
		at++;
		rect line = ui_list_row(u, l, at / per_row * (h + gap), h);
		rect c = layout_cell((rect){inside.x, line.y, inside.w, h}, per_row, 1, at % per_row, 0, m->gap);
		if (c.y + c.h >= r.y && c.y < r.y + r.h)
			card(a, c, i); /* only what shows is drawn */
	}
	ui_list_end(u, l);
}

/* A column of kind k over r, its heading head_h high (the same for every
 * column, so that their notes start level). */
static void column(app *a, rect r, store_note_kind k, int head_h)
{
	ui *u = a->ui;
	const layout_metrics *m = ui_metrics(u);
	char head[96];
	int count = heading(k, head), lh = ui_line_height(u, UI_FONT_BOLD);
	rect title = layout_cut_top(&r, head_h);
	layout_cut_bottom(&title, m->gap / 2);
	ui_icon(u, (rect){title.x, title.y, lh, lh}, note_icon(k), UI_TEXT);
	layout_cut_left(&title, lh + m->gap / 4);
	/* From the top, beside the icon, however many lines the others take. */
	ui_text(u, title, head, UI_FONT_BOLD, UI_TEXT, UI_ALIGN_LEFT);
	ui_show(u, "label", head, title);
	cards(a, r, k, count, 1);
}

/* Landscape: a column per kind shown, their headings wrapped rather than
 * cut ("To be improved (120)" on 800x480). */
static void columns(app *a, rect body, int kinds)
{
	ui *u = a->ui;
	const layout_metrics *m = ui_metrics(u);
	int lh = ui_line_height(u, UI_FONT_BOLD), head_h = lh;
	rect cell = layout_cell(body, kinds, 1, 0, 0, m->gap * 2);
	for (int k = 0; k < STORE_NOTE_KINDS; k++) {
		char head[96];
		heading((store_note_kind)k, head);
		int h = ui_text_height(u, head, UI_FONT_BOLD, cell.w - lh - m->gap / 4);
		if (st.shown[k] && h > head_h)
			head_h = h;
	}
	for (int k = 0, i = 0; k < STORE_NOTE_KINDS; k++)
		if (st.shown[k])
			column(a, layout_cell(body, kinds, 1, i++, 0, m->gap * 2), (store_note_kind)k, head_h + m->gap / 2);
}

/* A kind's tab in portrait, on its own paper: icon and count, its name under
 * them; scripts see the column heading ("Going well (150)"). True when tapped. */
static bool kind_tab(app *a, rect r, store_note_kind k, bool chosen, ui_font f)
{
	ui *u = a->ui;
	const layout_metrics *m = ui_metrics(u);
	char head[96], count[16];
	snprintf(count, sizeof count, "%d", heading(k, head));
	bool held = false;
	bool tapped = ui_hit(u, r, "kind", (int)k, &held) != UI_NO_TAP;
	ui_card(u, r, note_paper(k));
	/* The kind showing is outlined, as a selected note is: not by colour alone. */
	if (chosen || held)
		ui_outline(u, r, 4, held ? UI_YELLOW : UI_BLUE);
	rect in = layout_inset(r, m->pad / 2);
	int lh = ui_line_height(u, UI_FONT_BOLD);
	rect top = layout_cut_top(&in, lh);
	ui_icon(u, layout_cut_left(&top, lh), note_icon(k), UI_TEXT);
	layout_cut_left(&top, m->gap / 2);
	ui_text(u, top, count, UI_FONT_BOLD, UI_TEXT, UI_ALIGN_LEFT);
	ui_text(u, in, kind_label(k), f, UI_TEXT, UI_ALIGN_LEFT);
	ui_show(u, "button", head, r);
	return tapped;
}

/* Portrait: three columns would leave a few words a line, so one kind at a
 * time, two notes a row, the kinds as tabs above them. */
static void one_kind(app *a, rect body, int kinds)
{
	ui *u = a->ui;
	const layout_metrics *m = ui_metrics(u);
	if (!st.shown[st.kind])
		st.kind = 0;
	/* The names in bold, or smaller where a word would not fit (bigger type
	 * when presenting); the tabs as high as the longest name needs. */
	int w = layout_cell(body, kinds, 1, 0, 0, m->gap / 2).w - m->pad, name_h = 0;
	ui_font f = UI_FONT_BOLD;
	for (int k = 0; k < STORE_NOTE_KINDS; k++)
		if (st.shown[k] && ui_widest_word(u, kind_label((store_note_kind)k), UI_FONT_BOLD) > w)
			f = UI_FONT_SMALL;
	for (int k = 0; k < STORE_NOTE_KINDS; k++) {
		int h = ui_text_height(u, kind_label((store_note_kind)k), f, w);
		if (st.shown[k] && h > name_h)
			name_h = h;
	}
	rect tabs = layout_cut_top(&body, ui_line_height(u, UI_FONT_BOLD) + name_h + m->pad);
	layout_cut_top(&body, m->gap);
	int count = 0;
	for (int k = 0, i = 0; k < STORE_NOTE_KINDS; k++) {
		if (!st.shown[k])
			continue;
		char head[96];
		if (k == st.kind)
			count = heading((store_note_kind)k, head);
		if (kind_tab(a, layout_cell(tabs, kinds, 1, i++, 0, m->gap / 2), (store_note_kind)k, k == st.kind, f))
			st.kind = k;
	}
	cards(a, body, (store_note_kind)st.kind, count, 2);
}

/* The note read large: in the biggest type its whole text fits, on a card
 * as high as it needs (at least a set size), "Close" under it. */
static void enlarged(app *a)
{
	ui *u = a->ui;
	const layout_metrics *m = ui_metrics(u);
	const store_wall_note *w = &notes[st.enlarged];
	rect whole = {0, 0, m->w, m->h};
	ui_modal_begin(u);
	ui_fill(u, whole, UI_SHADOW);
	int side = m->portrait ? m->pad : m->w / 8;
	rect area = layout_inset(whole, m->pad);
	area.x = side;
	area.w = m->w - 2 * side;
	layout_cut_bottom(&area, m->touch + m->gap);
	char dots[32], about[160];
	snprintf(dots, sizeof dots, ngettext("%d dot", "%d dots", w->votes), w->votes);
	snprintf(about, sizeof about, "%s%s · %s", kind_label(w->note.kind),
	         w->note.group_size > 1 ? _(" · from a group") : "", dots);
	/* What the note is, beside its icon: wrapped, in Welsh it may not fit one line. */
	int tw = area.w - 4 * m->pad, lh = ui_line_height(u, UI_FONT_BOLD);
	int ah = ui_text_height(u, about, UI_FONT_BOLD, tw - lh - m->gap / 2);
	ah = ah > lh ? ah : lh;
	int room = area.h - 4 * m->pad - ah - m->gap;
	static const ui_font sizes[] = {UI_FONT_TITLE, UI_FONT_BOLD, UI_FONT_BODY, UI_FONT_SMALL};
	ui_font f = UI_FONT_SMALL;
	for (size_t i = 0; i < sizeof sizes / sizeof sizes[0]; i++)
		if (ui_text_height(u, w->note.body, sizes[i], tw) <= room) {
			f = sizes[i];
			break;
		}
	int th = ui_text_height(u, w->note.body, f, tw);
	int least = m->portrait ? area.h : m->h - 2 * side - m->touch - m->gap;
	int ch = 4 * m->pad + ah + m->gap + (th < room ? th : room);
	ch = ch < least ? least : ch > area.h ? area.h : ch;
	rect r = {area.x, area.y + (area.h - ch) / 2, area.w, ch};
	ui_card(u, r, note_paper(w->note.kind));
	rect in = layout_inset(r, m->pad * 2);
	rect head = layout_cut_top(&in, ah);
	ui_icon(u, (rect){head.x, head.y, lh, lh}, note_icon(w->note.kind), UI_TEXT);
	layout_cut_left(&head, lh + m->gap / 2);
	ui_text(u, head, about, UI_FONT_BOLD, UI_TEXT, UI_ALIGN_LEFT);
	ui_show(u, "label", about, head);
	layout_cut_top(&in, m->gap);
	/* Longer than the screen even in small type (280 characters on 800x480
	 * hardly are): the lines that fit, ending with "…". */
	if (th <= in.h)
		ui_text(u, in, w->note.body, f, UI_TEXT, UI_ALIGN_LEFT);
	else
		ui_text_lines(u, in, w->note.body, f, UI_TEXT, UI_ALIGN_LEFT);
	ui_show(u, "note", w->note.body, in);
	rect bar = {r.x, r.y + r.h + m->gap, r.w, m->touch};
	if (ui_button(u, layout_center(bar, m->touch * 3, bar.h), _("Close"), UI_BUTTON_PRIMARY))
		st.enlarged = -1;
	ui_modal_end(u);
}

/* The filter, the modes and "Themes" over the top of *body, and what a mode
 * says at the bottom; in portrait the modes get a row of their own, so that
 * "Pleidleisio" keeps its letters together. Returns false when the screen
 * was changed. */
static bool controls(app *a, rect *body)
{
	ui *u = a->ui;
	const layout_metrics *m = ui_metrics(u);
	rect row = layout_cut_top(body, m->touch), modes;
	layout_cut_top(body, m->gap);
	rect filter = layout_cut_left(&row, row.w * (m->portrait ? 3 : 2) / 5);
	layout_cut_left(&row, m->gap);
	rect themes;
	if (m->portrait) {
		themes = row;
		modes = layout_cut_top(body, m->touch);
		layout_cut_top(body, m->gap);
	} else {
		themes = layout_cut_right(&row, row.w / 4);
		layout_cut_right(&row, m->gap);
		modes = row;
	}
	ui_list pick = {0};
	ui_list_begin(u, &pick, filter, filter.h);
	if (ui_list_item(u, &pick, filter, st.filter, NULL, false))
		/* TRANSLATORS: title of the pick list: which agenda item's notes to show. */
		choose_open(a, _("Show notes of"), (const char (*)[STORE_TEXT_MAX])filters, st.nitems + 1, st.filter,
		            sizeof st.filter);
	ui_list_end(u, &pick);
	if (ui_button(u, themes, st.theme_button, UI_BUTTON_SECONDARY)) {
		app_show(a, &screen_themes);
		return false;
	}
	for (int i = 0; i < 3; i++)
		if (ui_button(u, layout_cell(modes, 3, 1, i, 0, m->portrait ? m->gap / 2 : 2), _(mode_names[i]),
		              st.mode == i ? UI_BUTTON_PRIMARY : UI_BUTTON_SECONDARY))
			st.mode = i;
	if (st.mode == MODE_GROUP) {
		/* As high as the hint needs, selected or not, so the notes stay put. */
		const char *hint = _("Tap notes to select them, then group them into a theme.");
		int hh = ui_text_height(u, hint, UI_FONT_BODY, body->w);
		rect bar = layout_cut_bottom(body, hh > m->touch ? hh : m->touch);
		layout_cut_bottom(body, m->gap);
		snprintf(st.group_label, sizeof st.group_label,
		         ngettext("Group %d note into a theme", "Group %d notes into a theme", st.nselected), st.nselected);
		if (st.nselected == 0) {
			ui_label(u, bar, hint, UI_FONT_BODY, UI_GREY1, UI_ALIGN_LEFT);
		} else {
			rect go = m->portrait ? bar : layout_cut_right(&bar, bar.w / 2);
			if (ui_button(u, layout_center(go, go.w, m->touch), st.group_label, UI_BUTTON_PRIMARY))
				textedit_open(a, _("Name of the theme"), st.theme_name, sizeof st.theme_name, STORE_TITLE_CHARS,
				              KEYBOARD_LETTERS, NULL, NULL);
		}
	} else if (st.mode == MODE_VOTE) {
		const char *hint = _("Tap a note to add a dot; hold it to take a dot away.");
		rect bar = layout_cut_bottom(body, ui_text_height(u, hint, UI_FONT_SMALL, body->w));
		layout_cut_bottom(body, m->gap / 2);
		ui_label(u, bar, hint, UI_FONT_SMALL, UI_GREY1, UI_ALIGN_LEFT);
	}
	return true;
}

static void frame(app *a)
{
	const layout_metrics *m = ui_metrics(a->ui);
	rect body;
	if (!review_frame(a, &body, REVIEW_WALL))
		return;
	if (!a->presenting && !controls(a, &body))
		return;
	int kinds = 0;
	for (int k = 0; k < STORE_NOTE_KINDS; k++)
		kinds += st.shown[k];
	if (m->portrait)
		one_kind(a, body, kinds);
	else
		columns(a, body, kinds);
	if (st.enlarged >= 0)
		enlarged(a);
}

const screen screen_wall = {"wall", enter, frame, NULL, SCREEN_IDLE_CLEARS};
