/* postit: the critical friends' post-it — choose "Going well", "To be
 * improved" (or the third kind), write up to 280 characters, stick it. */
#include <stdio.h>
#include <string.h>

#include "core/lang.h"
#include "core/text.h"
#include "screens.h"

#define STUCK_MS 500      /* the card flies to the wall */
#define THANKS_MS 3000    /* then the thank-you, then home */

/* The kinds' names as the data file seeds them (store_feedback.c), so the catalogue
 * has them: a default is shown translated, a facilitator's own name as typed. */
static const char *const kind_defaults[STORE_NOTE_KINDS] = {N_("Going well"), N_("To be improved"), N_("Idea")};

static struct {
	enum { STEP_KIND, STEP_WRITE, STEP_STUCK } step;
	char labels[STORE_NOTE_KINDS][64];
	bool shown[STORE_NOTE_KINDS];
	store_note_kind kind;
	char body[STORE_NOTE_MAX];
	int group;                       /* 1: just me; 2..12: a small group */
	char group_label[48];
	char count[24];
	const char *message;
	char message_buf[STORE_TEXT_MAX];
	int64_t stuck_at;
	rect card;                       /* where the card was when stuck */
	bool has_event;                  /* else nothing can be stuck: say so first */
} st;

static void enter(app *a)
{
	memset(&st, 0, sizeof st); /* nobody sees the last person's draft */
	st.group = 1;
	store_event ev;
	st.has_event = store_event_current(a->db, &ev) == STORE_OK;
	for (int k = 0; k < STORE_NOTE_KINDS; k++) {
		st.shown[k] = store_note_kind_shown(a->db, (store_note_kind)k);
		if (store_note_kind_label(a->db, (store_note_kind)k, st.labels[k], sizeof st.labels[k]) != STORE_OK)
			snprintf(st.labels[k], sizeof st.labels[k], "%s", kind_defaults[k]);
	}
}

/* Kind k's name as shown: translated while it is the default. */
static const char *kind_label(int k)
{
	return screen_data_words(st.labels[k]);
}

static void leave(app *a)
{
	(void)a;
	memset(&st, 0, sizeof st);
}

static void choose_kind(app *a)
{
	ui *u = a->ui;
	const layout_metrics *m = ui_metrics(u);
	rect body = {0, 0, m->w, m->h};
	if (screen_header(a, &body, _("Post-it"), _("Back"))) {
		app_home(a);
		return;
	}
	const char *ask = _("What would you like to share? Your post-it is anonymous.");
	ui_label(u, layout_cut_top(&body, ui_text_height(u, ask, UI_FONT_BODY, body.w)), ask, UI_FONT_BODY, UI_TEXT,
	         UI_ALIGN_LEFT);
	layout_cut_top(&body, m->gap);
	int n = 0;
	for (int k = 0; k < STORE_NOTE_KINDS; k++)
		n += st.shown[k];
	for (int k = 0, i = 0; k < STORE_NOTE_KINDS; k++) {
		if (!st.shown[k])
			continue;
		rect r = m->portrait ? layout_cell(body, 1, n, 0, i, m->gap * 2) : layout_cell(body, n, 1, i, 0, m->gap * 2);
		i++;
		if (ui_note_tile(u, r, kind_label(k), note_paper((store_note_kind)k), note_icon((store_note_kind)k))) {
			st.kind = (store_note_kind)k;
			st.step = STEP_WRITE;
			ui_focus(u, st.body, KEYBOARD_LETTERS);
		}
	}
}

static void stick(app *a, rect card)
{
	store_event ev;
	store_agenda_item item;
	store_note note = {.kind = st.kind, .group_size = st.group};
	if (store_event_current(a->db, &ev) != STORE_OK) {
		st.message = _("There is no event to stick it to yet. Please ask the facilitator to set one up.");
		return;
	}
	note.event_id = ev.id;
	note.agenda_item_id = store_agenda_current(a->db, ev.id, &item) == STORE_OK ? item.id : 0;
	snprintf(note.body, sizeof note.body, "%s", st.body);
	if (store_note_add(a->db, &note) != STORE_OK) {
		snprintf(st.message_buf, sizeof st.message_buf, "%s", store_errmsg(a->db));
		st.message = st.message_buf;
		return;
	}
	st.step = STEP_STUCK;
	st.stuck_at = a->now;
	st.card = card;
}

static void write_note(app *a)
{
	ui *u = a->ui;
	const layout_metrics *m = ui_metrics(u);
	rect body = layout_inset((rect){0, 0, m->w, m->h}, m->pad);
	rect kb = layout_cut_bottom(&body, m->portrait ? m->h * 2 / 5 : m->h * 44 / 100);
	layout_cut_bottom(&body, m->gap);
	kb = (rect){0, kb.y, m->w, kb.h + m->pad};

	/* Landscape: the card on the left, its controls on the right; portrait:
	 * the card above rows of controls (and the message, if any). */
	int lh = ui_line_height(u, UI_FONT_BOLD);
	int rows_h = 2 * m->touch + m->gap + (st.message ? 2 * lh + m->gap : 0);
	rect side = m->portrait ? layout_cut_bottom(&body, rows_h) : layout_cut_right(&body, body.w * 2 / 5);
	if (m->portrait)
		layout_cut_bottom(&body, m->gap);
	else
		layout_cut_right(&body, m->gap * 2);

	rect card = body;
	ui_card(u, card, note_paper(st.kind));
	rect in = layout_inset(card, m->pad);
	rect head = layout_cut_top(&in, lh);
	ui_icon(u, layout_cut_left(&head, lh), note_icon(st.kind), UI_TEXT);
	layout_cut_left(&head, m->gap / 2);
	int cw = 0, ch = 0;
	ui_measure(u, "280 / 280", UI_FONT_SMALL, &cw, &ch);
	rect count = layout_cut_right(&head, cw);
	ui_label(u, head, kind_label(st.kind), UI_FONT_BOLD, UI_TEXT, UI_ALIGN_LEFT);
	layout_cut_top(&in, m->gap / 2);
	ui_textarea(u, in, st.body, sizeof st.body, STORE_NOTE_CHARS, UI_FONT_BODY);
	size_t n = text_chars(st.body);
	snprintf(st.count, sizeof st.count, "%zu / %d", n, STORE_NOTE_CHARS);
	ui_label(u, count, st.count, UI_FONT_SMALL, n >= STORE_NOTE_CHARS ? UI_RED : UI_GREY1, UI_ALIGN_RIGHT);

	/* Portrait: the message above the controls; landscape: under them, in
	 * what they leave (bold, or body type if it needs more lines), so that
	 * the buttons keep their size. */
	if (st.message && m->portrait)
		ui_label(u, layout_cut_top(&side, 2 * lh + m->gap), st.message, UI_FONT_BOLD, UI_RED, UI_ALIGN_CENTER);
	rect group = layout_cut_top(&side, m->touch);
	layout_cut_top(&side, m->gap);
	rect minus = layout_cut_left(&group, m->touch), plus = layout_cut_right(&group, m->touch);
	if (ui_button(u, minus, "\xE2\x88\x92", UI_BUTTON_SECONDARY) && st.group > 1)
		st.group = st.group == 2 ? 1 : st.group - 1;
	if (ui_button(u, plus, "+", UI_BUTTON_SECONDARY) && st.group < STORE_GROUP_MAX)
		st.group = st.group == 1 ? 2 : st.group + 1;
	if (st.group == 1)
		snprintf(st.group_label, sizeof st.group_label, "%s", _("Just me"));
	else
		snprintf(st.group_label, sizeof st.group_label, _("A group of %d"), st.group);
	ui_label(u, group, st.group_label, UI_FONT_BOLD, UI_TEXT, UI_ALIGN_CENTER);

	rect buttons = layout_cut_top(&side, m->touch);
	if (st.message && !m->portrait) {
		layout_cut_top(&side, m->gap);
		ui_font mf = ui_text_height(u, st.message, UI_FONT_BOLD, side.w) <= side.h ? UI_FONT_BOLD : UI_FONT_BODY;
		ui_label(u, layout_cut_top(&side, ui_text_height(u, st.message, mf, side.w)), st.message, mf, UI_RED,
		         UI_ALIGN_LEFT);
	}
	rect back = layout_cut_left(&buttons, buttons.w / 3);
	layout_cut_left(&buttons, m->gap);
	if (ui_button(u, back, _("Back"), UI_BUTTON_SECONDARY)) {
		st.step = STEP_KIND;
		st.message = NULL;
		return;
	}
	/* TRANSLATORS: button: put the post-it on the wall. */
	if (ui_button(u, buttons, _("Stick it"), UI_BUTTON_PRIMARY))
		stick(a, card);
	ui_keyboard(u, kb);
}

/* The thank-you in words at once, with the card flying up onto the wall over
 * it; then home. */
static void stuck(app *a)
{
	ui *u = a->ui;
	const layout_metrics *m = ui_metrics(u);
	int64_t t = a->now - st.stuck_at;
	if (t >= THANKS_MS) {
		app_home(a);
		return;
	}
	char back[96];
	screen_back_in(screen_seconds_left(a, st.stuck_at + THANKS_MS), back, sizeof back);
	rect body = layout_inset((rect){0, 0, m->w, m->h}, m->pad);
	rect bar = layout_cut_bottom(&body, m->touch);
	rect panel = layout_inset(body, m->pad);
	ui_fill(u, panel, UI_GREEN);
	rect in = layout_inset(panel, 2 * m->pad);
	const char *title = _("Thank you!"), *text = _("Your post-it is on the wall. The critical friends will "
	                                                "read every one.");
	int th = ui_text_height(u, title, UI_FONT_TITLE, in.w), bh = ui_text_height(u, text, UI_FONT_BODY, in.w);
	int ch = ui_text_height(u, back, UI_FONT_BODY, in.w);
	in = layout_center(in, in.w, th + m->gap + bh + 2 * m->gap + ch);
	int words_top = in.y;
	ui_label(u, layout_cut_top(&in, th), title, UI_FONT_TITLE, UI_WHITE, UI_ALIGN_CENTER);
	layout_cut_top(&in, m->gap);
	ui_label(u, layout_cut_top(&in, bh), text, UI_FONT_BODY, UI_WHITE, UI_ALIGN_CENTER);
	layout_cut_top(&in, 2 * m->gap);
	ui_label(u, in, back, UI_FONT_BODY, UI_WHITE, UI_ALIGN_CENTER);
	if (ui_button(u, layout_center(bar, m->portrait ? bar.w : bar.w / 2, bar.h), _("Done"), UI_BUTTON_SECONDARY)) {
		app_home(a);
		return;
	}
	/* The note, small, flies up off the panel to the wall from above the
	 * words, so that the first frame already says thank you. */
	int room = words_top - panel.y - 2 * m->gap;
	if (t < STUCK_MS && room > m->touch / 2 && st.card.h > 0) {
		float f = (float)t / STUCK_MS;
		int h = room < st.card.h / 3 ? room : st.card.h / 3;
		int w = h * st.card.w / st.card.h;
		h = (int)((float)h * (1 - 0.5f * f));
		w = (int)((float)w * (1 - 0.5f * f));
		int y0 = words_top - m->gap - h;
		rect c = {m->w / 2 - w / 2, y0 - (int)(f * (float)(y0 + h)), w, h};
		ui_card(u, c, note_paper(st.kind));
		app_wake_at(a, a->now + 33);
	}
}

static void frame(app *a)
{
	if (!st.has_event) {
		screen_not_open(a, _("Post-it"));
		return;
	}
	switch (st.step) {
	case STEP_KIND: choose_kind(a); break;
	case STEP_WRITE: write_note(a); break;
	case STEP_STUCK: stuck(a); break;
	}
}

const screen screen_postit = {"post-it", enter, frame, leave, SCREEN_IDLE_CLEARS};
