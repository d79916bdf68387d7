/* reflect: the spot reflection the facilitator is running — one tap on a
 * face, one word, a short text or one choice — then a thank-you and a
 * cool-down in which taps count for nothing. */
#include <stdio.h>
#include <string.h>

#include "core/lang.h"
#include "core/text.h"
#include "screens.h"

/* TRANSLATORS: the words under the five faces of a rating, worst to best. */
static const char *const scale_words[5] = {
	NC_("face", "Very poor"), NC_("face", "Poor"), NC_("face", "OK"), NC_("face", "Good"),
	NC_("face", "Very good"),
};

static struct {
	bool running;
	store_prompt prompt;
	int64_t event_id, item_id;
	char answer[STORE_NOTE_MAX];
	char count[24];
	const char *message;
	bool message_for_empty; /* said of an empty answer: gone once one is typed */
	char message_buf[STORE_TEXT_MAX];
	int64_t thanks_until;            /* the cool-down: taps are ignored */
} st;

static void enter(app *a)
{
	memset(&st, 0, sizeof st);
	st.running = store_prompt_running(a->db, &st.prompt, &st.event_id, &st.item_id) == STORE_OK;
	if (st.running && (st.prompt.kind == STORE_PROMPT_WORD || st.prompt.kind == STORE_PROMPT_TEXT))
		ui_focus(a->ui, st.answer, KEYBOARD_LETTERS);
}

static void leave(app *a)
{
	(void)a;
	memset(&st, 0, sizeof st);
}

static void answer(app *a, int value)
{
	store_response r = {.prompt_id = st.prompt.id, .event_id = st.event_id, .value = value};
	store_agenda_item item;
	r.agenda_item_id = st.item_id ? st.item_id
	                 : store_agenda_current(a->db, st.event_id, &item) == STORE_OK ? item.id : 0;
	snprintf(r.text, sizeof r.text, "%s", st.answer);
	if (store_response_add(a->db, &r) != STORE_OK) {
		snprintf(st.message_buf, sizeof st.message_buf, "%s", store_errmsg(a->db));
		st.message = st.message_buf;
		st.message_for_empty = !st.answer[0];
		return;
	}
	int64_t cool = store_setting_int(a->db, STORE_SETTING_COOLDOWN, 3000);
	st.thanks_until = a->now + (cool > 0 ? cool : 3000);
	app_wake_at(a, st.thanks_until);
}

static void thanks(app *a)
{
	ui *u = a->ui;
	const layout_metrics *m = ui_metrics(u);
	if (a->now >= st.thanks_until) {
		/* Faces and choices stay up for the next person; texts go home. */
		if (st.prompt.kind == STORE_PROMPT_SCALE || st.prompt.kind == STORE_PROMPT_CHOICE)
			enter(a);
		else
			app_home(a);
		return;
	}
	int left = screen_seconds_left(a, st.thanks_until);
	char next[128];
	if (st.prompt.kind == STORE_PROMPT_SCALE || st.prompt.kind == STORE_PROMPT_CHOICE)
		/* TRANSLATORS: under the thank-you for an answer, until the question
		 * is shown again for the next person. */
		snprintf(next, sizeof next,
		         ngettext("Ready for the next person in %d second.", "Ready for the next person in %d seconds.", left),
		         left);
	else
		screen_back_in(left, next, sizeof next);
	rect panel = layout_inset((rect){0, 0, m->w, m->h}, 2 * m->pad);
	ui_fill(u, panel, UI_GREEN);
	const char *title = _("Thank you!"), *text = _("Your answer is saved. It is anonymous.");
	rect in = layout_inset(panel, 2 * m->pad);
	int th = ui_text_height(u, title, UI_FONT_TITLE, in.w), bh = ui_text_height(u, text, UI_FONT_BODY, in.w);
	int ch = ui_text_height(u, next, UI_FONT_BODY, in.w);
	in = layout_center(in, in.w, th + m->gap + bh + 2 * m->gap + ch);
	ui_label(u, layout_cut_top(&in, th), title, UI_FONT_TITLE, UI_WHITE, UI_ALIGN_CENTER);
	layout_cut_top(&in, m->gap);
	ui_label(u, layout_cut_top(&in, bh), text, UI_FONT_BODY, UI_WHITE, UI_ALIGN_CENTER);
	layout_cut_top(&in, 2 * m->gap);
	ui_label(u, in, next, UI_FONT_BODY, UI_WHITE, UI_ALIGN_CENTER);
}

/* The message, if any ("Please write your answer first.", a full disk), in a
 * strip cut off the bottom of *body as tall as its words: in a corner of the
 * Send column it had no height at 800x480 and 1920x1080. */
static void message(app *a, rect *body)
{
	if (!st.message)
		return;
	ui *u = a->ui;
	const layout_metrics *m = ui_metrics(u);
	int h = ui_text_height(u, st.message, UI_FONT_BOLD, body->w);
	ui_label(u, layout_cut_bottom(body, h), st.message, UI_FONT_BOLD, UI_RED, UI_ALIGN_LEFT);
	layout_cut_bottom(body, m->gap / 2);
}

/* The message, if any, in red over the top of *r (cut from it). */
static void message_over(app *a, rect *r)
{
	if (!st.message)
		return;
	ui *u = a->ui;
	int h = ui_text_height(u, st.message, UI_FONT_BOLD, r->w);
	ui_label(u, layout_cut_top(r, h), st.message, UI_FONT_BOLD, UI_RED, UI_ALIGN_LEFT);
}

static void faces(app *a, rect body)
{
	const layout_metrics *m = ui_metrics(a->ui);
	int cols = m->portrait ? 1 : 5, rows = m->portrait ? 5 : 1;
	for (int i = 0; i < 5; i++) {
		rect r = layout_cell(body, cols, rows, i % cols, i / cols, m->gap);
		if (m->portrait)
			r = layout_center(r, r.w * 3 / 5, r.h); /* faces stay round-ish */
		if (ui_face_button(a->ui, r, i + 1, C_("face", scale_words[i]))) {
			answer(a, i + 1);
			return;
		}
	}
}

static void choices(app *a, rect body)
{
	const layout_metrics *m = ui_metrics(a->ui);
	int n = st.prompt.nchoices, cols = m->portrait || n < 4 ? 1 : 2, rows = (n + cols - 1) / cols;
	/* One type for the whole group, the largest in which every choice fits. */
	ui_font f = UI_FONT_BIG;
	for (int i = 0; i < n; i++) {
		rect r = layout_cell(body, cols, rows, i % cols, i / cols, m->gap / 2);
		ui_font fi = ui_tile_font(a->ui, r, screen_data_words(st.prompt.choices[i]),
		                          screen_choice_hint(st.prompt.choices[i]), UI_BUTTON_SECONDARY);
		f = fi < f ? fi : f;
	}
	for (int i = 0; i < n; i++) {
		rect r = layout_cell(body, cols, rows, i % cols, i / cols, m->gap / 2);
		/* An activity's name with a line on what it is under it. */
		const char *hint = screen_choice_hint(st.prompt.choices[i]);
		if (ui_tile_in(a->ui, r, screen_data_words(st.prompt.choices[i]), hint, UI_BUTTON_SECONDARY, f)) {
			answer(a, i);
			return;
		}
	}
}

static void written(app *a, rect body)
{
	ui *u = a->ui;
	const layout_metrics *m = ui_metrics(u);
	bool word = st.prompt.kind == STORE_PROMPT_WORD;
	rect kb = layout_cut_bottom(&body, m->portrait ? m->h * 2 / 5 : m->h * 44 / 100);
	kb = (rect){0, kb.y, m->w, m->h - kb.y};
	layout_cut_bottom(&body, m->gap);
	rect send = layout_cut_right(&body, m->portrait ? body.w / 3 : body.w / 4);
	layout_cut_right(&body, m->gap);
	size_t max = word ? STORE_WORD_CHARS : STORE_NOTE_CHARS;
	if (st.message_for_empty && st.answer[0])
		st.message = NULL;
	bool done;
	/* The message goes by the answer, as GOV.UK sets an error over its
	 * input: with the keyboard up a small panel has no room for a strip of
	 * its own, so it takes the field's label, or the empty card's first line
	 * (the top of the card over an answer: a full disk). */
	if (word && st.message) {
		message_over(a, &body);
		done = ui_field_box(u, layout_cut_top(&body, m->touch), _("One word"), st.answer, sizeof st.answer, max);
	} else if (word) {
		done = ui_field(u, layout_cut_top(&body, ui_line_height(u, UI_FONT_BOLD) + m->gap / 2 + m->touch),
		                _("One word"), st.answer, sizeof st.answer, max);
	} else {
		ui_fill(u, body, UI_WHITE);
		ui_outline(u, body, 2, st.message ? UI_RED : UI_GREY1);
		rect in = layout_inset(body, m->pad / 2);
		if (st.answer[0]) {
			message_over(a, &in);
		} else if (st.message) {
			/* In the empty card where the answer goes, as its prompt. */
			rect over = in;
			message_over(a, &over);
		}
		ui_textarea(u, in, st.answer, sizeof st.answer, max, UI_FONT_BODY);
		snprintf(st.count, sizeof st.count, "%zu / %zu", text_chars(st.answer), max);
		ui_label(u, layout_cut_top(&send, ui_line_height(u, UI_FONT_SMALL)), st.count, UI_FONT_SMALL, UI_GREY1,
		         UI_ALIGN_RIGHT);
		done = false;
	}
	done |= ui_button(u, layout_cut_top(&send, m->touch), _("Send"), UI_BUTTON_PRIMARY);
	done |= ui_keyboard(u, kb);
	if (done)
		answer(a, 0);
}

static void frame(app *a)
{
	ui *u = a->ui;
	const layout_metrics *m = ui_metrics(u);
	if (st.thanks_until) {
		thanks(a);
		return;
	}
	rect body = {0, 0, m->w, m->h};
	if (screen_header(a, &body, _("Reflect"), _("Back"))) {
		app_home(a);
		return;
	}
	if (!st.running) {
		ui_label(u, body, _("No reflection is running just now. Thank you for stopping by."), UI_FONT_BODY, UI_TEXT,
		         UI_ALIGN_CENTER);
		return;
	}
	const char *question = screen_data_words(st.prompt.text);
	/* Choices with a line under each (the learning activities) need rows of
	 * a label and a hint: on a small panel the question gives them the room
	 * of its larger type. */
	ui_font qf = UI_FONT_TITLE;
	if (st.prompt.kind == STORE_PROMPT_CHOICE && st.prompt.nchoices > 0 &&
	    screen_choice_hint(st.prompt.choices[0])) {
		int cols = m->portrait || st.prompt.nchoices < 4 ? 1 : 2, rows = (st.prompt.nchoices + cols - 1) / cols;
		int row = ui_line_height(u, UI_FONT_BOLD) + ui_line_height(u, UI_FONT_SMALL) + m->pad + m->gap;
		if (body.h - ui_text_height(u, question, UI_FONT_TITLE, body.w) - m->gap < rows * row)
			qf = UI_FONT_BOLD;
	}
	int qh = ui_text_height(u, question, qf, body.w);
	ui_label(u, layout_cut_top(&body, qh), question, qf, UI_TEXT, UI_ALIGN_LEFT);
	layout_cut_top(&body, m->gap);
	switch (st.prompt.kind) {
	case STORE_PROMPT_SCALE:
		message(a, &body);
		faces(a, body);
		break;
	case STORE_PROMPT_CHOICE:
		message(a, &body);
		choices(a, body);
		break;
	default: written(a, body); break;
	}
}

const screen screen_reflect = {"reflect", enter, frame, leave, SCREEN_IDLE_CLEARS};
