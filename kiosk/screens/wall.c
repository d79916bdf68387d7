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
static int generation = 1; /* changes when the notes or their dots do */

static void load(app *a)
{
	st.n = 0;
	generation++;
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

/* Where a kind's notes go on the wall: in as many columns as cards of a
 * readable width fit, each card as high as its text (a short note is a short
 * card), each placed under the shortest column. Worked out when what it
 * depends on changes, not every frame: measuring is rendering. */
typedef struct {
	int w, cols, font, group, generation; /* what the places were worked out for */
	int content_h;
} wall_places;
static wall_places places[STORE_NOTE_KINDS];
static int note_y[MAX_NOTES], note_h[MAX_NOTES], note_col[MAX_NOTES];

#define PREVIEW_LINES 6 /* a longer note ends with "…" on the wall; Read shows it whole */

/* The type of notes on the wall: bigger when presenting, for the back of the room. */
static ui_font note_font(app *a)
{
	return a->presenting ? UI_FONT_BODY : UI_FONT_SMALL;
}

/* Whether the notes show tick boxes: grouping, and not to the room. */
static bool grouping(app *a)
{
	return st.mode == MODE_GROUP && !a->presenting;
}

/* The height of the footer under a note's text, its dots with their
 * number; 0 without dots. */
static int footer_h(app *a, const store_wall_note *w)
{
	const layout_metrics *m = ui_metrics(a->ui);
	return w->votes ? ui_line_height(a->ui, UI_FONT_BOLD) + m->gap / 4 : 0;
}

/* The width of the tick box's strip at a card's right in Group mode, 0
 * otherwise: the text wraps beside it, so choosing notes adds no line. */
static int tick_w(app *a)
{
	return grouping(a) ? ui_line_height(a->ui, UI_FONT_BOLD) + ui_metrics(a->ui)->gap / 4 : 0;
}

/* How many columns of cards a kind's area w wide holds: each at least as wide
 * as about twenty characters of the notes' type. */
static int card_columns(app *a, int w)
{
	const layout_metrics *m = ui_metrics(a->ui);
	int least = 9 * (note_font(a) == UI_FONT_BODY ? m->text : m->small);
	int cols = (w + m->gap) / (least + m->gap);
	return cols < 1 ? 1 : cols > 4 ? 4 : cols;
}

/* Places the notes of kind k over an area w wide (into note_y, note_h,
 * note_col and places[k]), unless they are placed for it already. */
static void place(app *a, store_note_kind k, int w)
{
	ui *u = a->ui;
	const layout_metrics *m = ui_metrics(u);
	int cols = card_columns(a, w), font = (int)note_font(a), group = grouping(a);
	if (places[k].w == w && places[k].cols == cols && places[k].font == font && places[k].group == group &&
	    places[k].generation == generation)
		return;
	places[k] = (wall_places){w, cols, font, group, generation, 0};
	int bottom[4] = {0}, card_w = layout_cell((rect){0, 0, w, 1}, cols, 1, 0, 0, m->gap).w;
	int lh = ui_line_height(u, (ui_font)font);
	for (int i = 0; i < st.n; i++) {
		if (notes[i].note.kind != k)
			continue;
		int th = ui_text_height(u, notes[i].note.body, (ui_font)font, card_w - m->pad - tick_w(a));
		th = th < lh ? lh : th > PREVIEW_LINES * lh ? PREVIEW_LINES * lh : th;
		int c = 0;
		for (int j = 1; j < cols; j++)
			c = bottom[j] < bottom[c] ? j : c;
		note_col[i] = c;
		note_y[i] = bottom[c];
		note_h[i] = th + m->pad + footer_h(a, &notes[i]);
		bottom[c] += note_h[i] + m->gap / 2;
		places[k].content_h = bottom[c] > places[k].content_h ? bottom[c] : places[k].content_h;
	}
}

/* A note's footer: its dots as a dot and their number (never a row of dots
 * to count). */
static void footer(app *a, rect r, rect seen, int i)
{
	ui *u = a->ui;
	const layout_metrics *m = ui_metrics(u);
	const store_wall_note *w = &notes[i];
	int lh = ui_line_height(u, UI_FONT_BOLD);
	if (!w->votes)
		return;
	char n[16];
	snprintf(n, sizeof n, "%d", w->votes);
	ui_disc(u, (float)r.x + (float)lh / 3, (float)r.y + (float)lh / 2, (float)lh / 3, UI_BLUE);
	rect num = {r.x + lh * 2 / 3 + m->gap / 4, r.y, r.w / 2, lh};
	ui_text(u, num, n, UI_FONT_BOLD, UI_BLUE, UI_ALIGN_LEFT);
	ui_show(u, "dots", n, layout_intersect((rect){r.x, r.y, lh + num.w, lh}, seen));
}

/* In Group mode, a tick box at the top of r (the strip beside the text),
 * ticked when note i is chosen: not shown by a border alone. */
static void tick_box(app *a, rect r, rect seen, int i)
{
	ui *u = a->ui;
	int lh = ui_line_height(u, UI_FONT_BOLD);
	rect box = {r.x + r.w - lh, r.y, lh, lh};
	ui_fill(u, box, st.selected[i] ? UI_BLUE : UI_WHITE);
	ui_outline(u, box, 2, st.selected[i] ? UI_BLUE : UI_TEXT);
	if (st.selected[i]) {
		ui_icon(u, layout_inset(box, lh / 6), UI_ICON_TICK, UI_WHITE);
		ui_show(u, "tick", notes[i].note.body, layout_intersect(box, seen));
	}
}

/* One post-it on the wall: its text (the lines that fit, the last ending
 * with "…" when there is more), its dots and, in Group mode, its tick. */
static void card(app *a, rect r, rect area, int i)
{
	ui *u = a->ui;
	const layout_metrics *m = ui_metrics(u);
	const store_wall_note *w = &notes[i];
	bool held = false;
	rect seen = layout_intersect(r, area); /* a card half scrolled away is tapped where it shows */
	ui_tap tap = ui_hit(u, seen, "note", (int)w->note.id, &held);
	ui_card(u, r, note_paper(w->note.kind));
	if (st.selected[i] || held)
		ui_outline(u, layout_inset(r, -2), 4, st.selected[i] ? UI_BLUE : UI_YELLOW);
	rect in = layout_inset(r, m->pad / 2);
	rect foot = layout_cut_bottom(&in, footer_h(a, w));
	if (grouping(a))
		tick_box(a, layout_cut_right(&in, tick_w(a)), seen, i);
	ui_font f = note_font(a);
	if (ui_text_height(u, w->note.body, f, in.w) <= in.h)
		ui_text(u, in, w->note.body, f, UI_TEXT, UI_ALIGN_LEFT);
	else
		ui_text_lines(u, in, w->note.body, f, UI_TEXT, UI_ALIGN_LEFT);
	foot.y += m->gap / 4;
	footer(a, foot, seen, i);
	ui_show(u, "note", w->note.body, seen);
	if (tap == UI_NO_TAP)
		return;
	int votes = w->votes;
	switch (st.mode) {
	case MODE_VOTE:
		if (store_note_vote(a->db, w->note.id, tap == UI_LONG_PRESS ? -1 : 1, &votes) == STORE_OK &&
		    votes != notes[i].votes) {
			notes[i].votes = votes;
			generation++; /* a first dot or the last one changes the card's height */
		}
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

/* The notes of kind k over r, scrolling, in columns of cards sized to their text. */
static void cards(app *a, rect r, store_note_kind k)
{
	ui *u = a->ui;
	const layout_metrics *m = ui_metrics(u);
	rect inside = r;
	inside.w -= 8; /* room for the scroll bar */
	place(a, k, inside.w);
	ui_list *l = &st.column[k];
	ui_list_begin(u, l, r, places[k].content_h);
	for (int i = 0; i < st.n; i++) {
		if (notes[i].note.kind != k)
			continue;
		rect line = ui_list_row(u, l, note_y[i], note_h[i]);
		rect c = layout_cell((rect){inside.x, line.y, inside.w, note_h[i]}, places[k].cols, 1, note_col[i], 0, m->gap);
		if (c.y + c.h > r.y && c.y < r.y + r.h)
			card(a, c, r, i); /* only what shows is drawn */
	}
	ui_list_end(u, l);
}

/* A column of kind k over r, its heading in font f head_h high (the same
 * for every column, so that their notes start level). */
static void column(app *a, rect r, store_note_kind k, ui_font f, int head_h)
{
	ui *u = a->ui;
	const layout_metrics *m = ui_metrics(u);
	char head[96];
	heading(k, head);
	int lh = ui_line_height(u, f);
	rect title = layout_cut_top(&r, head_h);
	layout_cut_bottom(&title, m->gap / 2);
	ui_icon(u, (rect){title.x, title.y, lh, lh}, note_icon(k), UI_TEXT);
	layout_cut_left(&title, lh + m->gap / 4);
	/* From the top, beside the icon, however many lines the others take. */
	ui_text(u, title, head, f, UI_TEXT, UI_ALIGN_LEFT);
	ui_show(u, "label", head, title);
	cards(a, r, k);
}

/* The height the shown kinds' headings take in font f over cells w wide. */
static int headings_h(app *a, ui_font f, int w)
{
	ui *u = a->ui;
	int lh = ui_line_height(u, f), most = lh;
	for (int k = 0; k < STORE_NOTE_KINDS; k++) {
		char head[96];
		heading((store_note_kind)k, head);
		int h = ui_text_height(u, head, f, w - lh - ui_metrics(u)->gap / 4);
		if (st.shown[k] && h > most)
			most = h;
	}
	return most;
}

/* Landscape: a column per kind shown, their headings on one line in bold,
 * or all in the first smaller type that keeps them on one line ("To be
 * improved (120)" on 800x480: the notes have the line), else wrapped in
 * bold, never cut. */
static void columns(app *a, rect body, int kinds)
{
	ui *u = a->ui;
	const layout_metrics *m = ui_metrics(u);
	rect cell = layout_cell(body, kinds, 1, 0, 0, m->gap * 2);
	static const ui_font fonts[] = {UI_FONT_BOLD, UI_FONT_BODY, UI_FONT_SMALL};
	ui_font f = UI_FONT_BOLD;
	int head_h = headings_h(a, f, cell.w);
	for (size_t i = 0; i < sizeof fonts / sizeof fonts[0]; i++)
		if (headings_h(a, fonts[i], cell.w) == ui_line_height(u, fonts[i])) {
			f = fonts[i];
			head_h = ui_line_height(u, f);
			break;
		}
	for (int k = 0, i = 0; k < STORE_NOTE_KINDS; k++)
		if (st.shown[k])
			column(a, layout_cell(body, kinds, 1, i++, 0, m->gap * 2), (store_note_kind)k, f, head_h + m->gap / 2);
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
 * time, in as many columns as fit, the kinds as tabs above them. */
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
	for (int k = 0, i = 0; k < STORE_NOTE_KINDS; k++) {
		if (!st.shown[k])
			continue;
		if (kind_tab(a, layout_cell(tabs, kinds, 1, i++, 0, m->gap / 2), (store_note_kind)k, k == st.kind, f))
			st.kind = k;
	}
	cards(a, body, (store_note_kind)st.kind);
}

/* Whether note i is one of those on the wall now: of a kind shown (in
 * portrait, of the kind showing). */
static bool on_wall(app *a, int i)
{
	store_note_kind k = notes[i].note.kind;
	return st.shown[k] && (!ui_metrics(a->ui)->portrait || (int)k == st.kind);
}

/* The note after (dir 1) or before (dir -1) note i in reading order (a
 * kind's notes from the top, then the next kind's), or -1 at either end;
 * into *at and *of (if not NULL) where i is among them and how many there are. */
static int neighbour(app *a, int i, int dir, int *at, int *of)
{
	int n = 0, here = 0, before = -1, after = -1;
	bool past = false;
	for (int k = 0; k < STORE_NOTE_KINDS; k++)
		for (int j = 0; j < st.n; j++) {
			if ((int)notes[j].note.kind != k || !on_wall(a, j))
				continue;
			if (j == i) {
				here = n;
				past = true;
			} else if (!past) {
				before = j;
			} else if (after < 0) {
				after = j;
			}
			n++;
		}
	if (at)
		*at = here + 1;
	if (of)
		*of = n;
	return dir < 0 ? before : after;
}

/* "Previous", "Close" and "Next" under the note read large. */
static void reading_bar(app *a, rect bar)
{
	ui *u = a->ui;
	const layout_metrics *m = ui_metrics(u);
	int before = neighbour(a, st.enlarged, -1, NULL, NULL), after = neighbour(a, st.enlarged, 1, NULL, NULL);
	/* TRANSLATORS: buttons under a post-it read large: the note before it on the wall. */
	if (ui_button(u, layout_cell(bar, 3, 1, 0, 0, m->gap), _("Previous"),
	              before >= 0 ? UI_BUTTON_SECONDARY : UI_BUTTON_OFF) && before >= 0)
		st.enlarged = before;
	if (ui_button(u, layout_cell(bar, 3, 1, 1, 0, m->gap), _("Close"), UI_BUTTON_SECONDARY))
		st.enlarged = -1;
	/* TRANSLATORS: the note after it on the wall. */
	if (ui_button(u, layout_cell(bar, 3, 1, 2, 0, m->gap), _("Next"),
	              after >= 0 ? UI_BUTTON_PRIMARY : UI_BUTTON_OFF) && after >= 0)
		st.enlarged = after;
}

/* The note read large: in the biggest type its whole text fits, on a card
 * as high as it needs (at least a set size), "Previous", "Close" and "Next"
 * under it. */
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
	char dots[32], place_text[48], about[240];
	snprintf(dots, sizeof dots, ngettext("%d dot", "%d dots", w->votes), w->votes);
	int at = 0, of = 0;
	neighbour(a, st.enlarged, 1, &at, &of);
	/* TRANSLATORS: where the note read large is among those on the wall: "3 of 150". */
	snprintf(place_text, sizeof place_text, _("%d of %d"), at, of);
	snprintf(about, sizeof about, "%s%s · %s · %s", kind_label(w->note.kind),
	         w->note.group_size > 1 ? _(" · from a group") : "", dots, place_text);
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
	reading_bar(a, (rect){r.x, r.y + r.h + m->gap, r.w, m->touch});
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
		/* As high as the hint needs (in small type, as Vote's), selected or
		 * not, so that the notes stay put and in view while they are chosen. */
		const char *hint = _("Tap notes to select them, then group them into a theme.");
		int hh = ui_text_height(u, hint, UI_FONT_SMALL, body->w);
		rect bar = layout_cut_bottom(body, hh > m->touch ? hh : m->touch);
		layout_cut_bottom(body, m->gap / 2);
		snprintf(st.group_label, sizeof st.group_label,
		         ngettext("Group %d note into a theme", "Group %d notes into a theme", st.nselected), st.nselected);
		if (st.nselected == 0) {
			ui_label(u, bar, hint, UI_FONT_SMALL, UI_GREY1, UI_ALIGN_LEFT);
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
