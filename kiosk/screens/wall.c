/* wall: the post-it wall — a column per kind, filtered by agenda item; read a
 * note large, dot-vote (tap adds a dot, a long press removes one), and group
 * notes into named themes. */
#include <stdio.h>
#include <string.h>

#include "core/lang.h"
#include "screens.h"

#define MAX_NOTES 1000
#define MAX_ITEMS 64

/* TRANSLATORS: the wall's modes, as buttons: read a note large, dot-vote,
 * group notes into a theme. Keep them short. */
static const char *const modes[] = {N_("Read"), N_("Vote"), N_("Group")};
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
	store_theme_list(a->db, st.event_id, themes, 256, &st.themes);
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
		store_note_kind_label(a->db, (store_note_kind)k, st.labels[k], sizeof st.labels[k]);
	}
	st.nitems = 0;
	store_agenda_list(a->db, st.event_id, st.items, MAX_ITEMS, &st.nitems);
	snprintf(filters[0], sizeof filters[0], "%s", _("All agenda items"));
	st.item_id = 0;
	for (int i = 0; i < st.nitems; i++) {
		snprintf(filters[i + 1], sizeof filters[i + 1], "%s %s", st.items[i].starts, st.items[i].title);
		if (!strcmp(st.filter, filters[i + 1]))
			st.item_id = st.items[i].id;
	}
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

/* Kind k's name as shown: translated when it is a default ("" never is). */
static const char *kind_label(store_note_kind k)
{
	return st.labels[k][0] ? _(st.labels[k]) : st.labels[k];
}

/* One post-it on the wall: its text (cut to the card), its dots. */
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
	ui_text(u, in, w->note.body, UI_FONT_SMALL, UI_TEXT, UI_ALIGN_LEFT);
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

static void column(app *a, rect r, store_note_kind k)
{
	ui *u = a->ui;
	const layout_metrics *m = ui_metrics(u);
	int count = 0;
	for (int i = 0; i < st.n; i++)
		count += notes[i].note.kind == k;
	char head[96];
	snprintf(head, sizeof head, "%s (%d)", kind_label(k), count);
	rect title = layout_cut_top(&r, ui_line_height(u, UI_FONT_BOLD) + m->gap / 2);
	ui_icon(u, layout_cut_left(&title, title.h), note_icon(k), UI_TEXT);
	ui_label_line(u, title, head, UI_FONT_BOLD, UI_TEXT, UI_ALIGN_LEFT);
	int h = 4 * ui_line_height(u, UI_FONT_SMALL) + m->pad + m->small / 2 + 4, gap = m->gap / 2;
	ui_list *l = &st.column[k];
	ui_list_begin(u, l, r, count * (h + gap));
	for (int i = 0, row = 0; i < st.n; i++) {
		if (notes[i].note.kind != k)
			continue;
		rect c = ui_list_row(u, l, row++ * (h + gap), h);
		c.w -= 8; /* room for the scroll bar */
		if (c.y + c.h >= r.y && c.y < r.y + r.h)
			card(a, c, i); /* only what shows is drawn */
	}
	ui_list_end(u, l);
}

static void enlarged(app *a)
{
	ui *u = a->ui;
	const layout_metrics *m = ui_metrics(u);
	const store_wall_note *w = &notes[st.enlarged];
	rect whole = {0, 0, m->w, m->h};
	ui_modal_begin(u);
	ui_fill(u, whole, UI_SHADOW);
	rect r = layout_inset(whole, m->portrait ? m->pad : m->w / 8);
	rect bar = layout_cut_bottom(&r, m->touch);
	layout_cut_bottom(&r, m->gap);
	ui_card(u, r, note_paper(w->note.kind));
	rect in = layout_inset(r, m->pad * 2);
	int lh = ui_line_height(u, UI_FONT_BOLD);
	rect head = layout_cut_top(&in, lh);
	ui_icon(u, layout_cut_left(&head, lh), note_icon(w->note.kind), UI_TEXT);
	char dots[32], about[160];
	snprintf(dots, sizeof dots, ngettext("%d dot", "%d dots", w->votes), w->votes);
	snprintf(about, sizeof about, "%s%s · %s", kind_label(w->note.kind),
	         w->note.group_size > 1 ? _(" · from a group") : "", dots);
	ui_label_line(u, head, about, UI_FONT_BOLD, UI_TEXT, UI_ALIGN_LEFT);
	layout_cut_top(&in, m->gap);
	ui_text(u, in, w->note.body, UI_FONT_TITLE, UI_TEXT, UI_ALIGN_LEFT);
	ui_show(u, "note", w->note.body, in);
	if (ui_button(u, layout_center(bar, m->touch * 3, bar.h), _("Close"), UI_BUTTON_PRIMARY))
		st.enlarged = -1;
	ui_modal_end(u);
}

static void frame(app *a)
{
	ui *u = a->ui;
	const layout_metrics *m = ui_metrics(u);
	rect body;
	if (!review_frame(a, &body, REVIEW_WALL))
		return;
	if (!a->presenting) {
		rect controls = layout_cut_top(&body, m->touch);
		layout_cut_top(&body, m->gap);
		rect filter = layout_cut_left(&controls, controls.w * 2 / 5);
		ui_list row = {0};
		ui_list_begin(u, &row, filter, filter.h);
		if (ui_list_item(u, &row, filter, st.filter, NULL, false))
			/* TRANSLATORS: title of the pick list: which agenda item's notes to show. */
			choose_open(a, _("Show notes of"), (const char (*)[STORE_TEXT_MAX])filters, st.nitems + 1, st.filter,
			            sizeof st.filter);
		ui_list_end(u, &row);
		layout_cut_left(&controls, m->gap);
		rect themes = layout_cut_right(&controls, controls.w / 4);
		layout_cut_right(&controls, m->gap);
		if (ui_button(u, themes, st.theme_button, UI_BUTTON_SECONDARY)) {
			app_show(a, &screen_themes);
			return;
		}
		for (int i = 0; i < 3; i++)
			if (ui_button(u, layout_cell(controls, 3, 1, i, 0, 2), _(modes[i]),
			              st.mode == i ? UI_BUTTON_PRIMARY : UI_BUTTON_SECONDARY))
				st.mode = i;
		if (st.mode == MODE_GROUP) {
			rect bar = layout_cut_bottom(&body, m->touch);
			layout_cut_bottom(&body, m->gap);
			snprintf(st.group_label, sizeof st.group_label,
			         ngettext("Group %d note into a theme", "Group %d notes into a theme", st.nselected),
			         st.nselected);
			if (st.nselected > 0 && ui_button(u, m->portrait ? bar : layout_cut_right(&bar, bar.w / 2),
			                                   st.group_label, UI_BUTTON_PRIMARY))
				textedit_open(a, _("Name of the theme"), st.theme_name, sizeof st.theme_name, STORE_TITLE_CHARS,
				              KEYBOARD_LETTERS, NULL, NULL);
			else if (st.nselected == 0)
				ui_label(u, bar, _("Tap notes to select them, then group them into a theme."), UI_FONT_BODY,
				         UI_GREY1, UI_ALIGN_LEFT);
		} else if (st.mode == MODE_VOTE) {
			rect hint = layout_cut_bottom(&body, ui_line_height(u, UI_FONT_SMALL));
			ui_label(u, hint, _("Tap a note to add a dot; hold it to take a dot away."), UI_FONT_SMALL, UI_GREY1,
			         UI_ALIGN_LEFT);
		}
	}
	int kinds = 0;
	for (int k = 0; k < STORE_NOTE_KINDS; k++)
		kinds += st.shown[k];
	for (int k = 0, i = 0; k < STORE_NOTE_KINDS; k++)
		if (st.shown[k])
			column(a, layout_cell(body, kinds, 1, i++, 0, m->gap * 2), (store_note_kind)k);
	if (st.enlarged >= 0)
		enlarged(a);
}

const screen screen_wall = {"wall", enter, frame, NULL};
