/* textedit: one text field with the on-screen keyboard, for any form; the
 * calling screen gets the text back on "Done". */
#include <stdio.h>
#include <string.h>

#include "core/lang.h"
#include "screens.h"

#define EDIT_MAX 1024

static struct {
	char title[96];
	char draft[EDIT_MAX];
	char *target;
	size_t cap, max_chars;
	keyboard_layer layer;
	keyboard_kind kind;
	textedit_check *check;
	textedit_suggest *suggest;
	char suggested_for[EDIT_MAX];   /* the draft the suggestions were made for */
	char suggestions[TEXTEDIT_SUGGESTIONS][STORE_TEXT_MAX];
	int n;
	const char *message;
	const screen *back;
} st;

void textedit_open(app *a, const char *title, char *buf, size_t cap, size_t max_chars, keyboard_layer layer,
                   textedit_check *check, textedit_suggest *suggest)
{
	textedit_open_as(a, title, buf, cap, max_chars, layer, KEYBOARD_TEXT, check, suggest);
}

void textedit_open_as(app *a, const char *title, char *buf, size_t cap, size_t max_chars, keyboard_layer layer,
                      keyboard_kind kind, textedit_check *check, textedit_suggest *suggest)
{
	snprintf(st.title, sizeof st.title, "%s", title);
	snprintf(st.draft, sizeof st.draft, "%s", buf);
	st.target = buf;
	st.cap = cap < EDIT_MAX ? cap : EDIT_MAX;
	st.max_chars = max_chars;
	st.layer = layer;
	st.kind = kind;
	st.check = check;
	st.suggest = suggest;
	st.suggested_for[0] = '\0';
	st.n = 0;
	st.back = a->screen;
	app_show(a, &screen_textedit);
}

static void enter(app *a)
{
	st.message = NULL;
	ui_focus_as(a->ui, st.draft, st.layer, st.kind);
}

static void leave(app *a)
{
	(void)a;
	memset(st.draft, 0, sizeof st.draft);
	memset(st.suggestions, 0, sizeof st.suggestions);
	st.n = 0;
}

/* Suggestions as rows to tap, side by side when there is room for one row
 * only; asked for only when the draft changed. */
static void suggestions(app *a, rect r)
{
	const layout_metrics *m = ui_metrics(a->ui);
	if (strcmp(st.suggested_for, st.draft)) {
		snprintf(st.suggested_for, sizeof st.suggested_for, "%s", st.draft);
		st.n = st.draft[0] ? st.suggest(a, st.draft, st.suggestions, TEXTEDIT_SUGGESTIONS) : 0;
	}
	int rows = r.h / m->touch < st.n ? r.h / m->touch : st.n;
	if (rows < 1)
		rows = 1;
	int cols = (st.n + rows - 1) / rows;
	ui_list strip = {0};
	ui_list_begin(a->ui, &strip, r, r.h);
	for (int i = 0; i < st.n; i++) {
		rect b = layout_cell((rect){r.x, r.y, r.w, rows * m->touch}, cols, rows, i % cols, i / cols, m->gap / 2);
		if (ui_list_item(a->ui, &strip, b, st.suggestions[i], NULL, false)) {
			snprintf(st.draft, st.cap, "%s", st.suggestions[i]);
			st.n = 0;
		}
	}
	ui_list_end(a->ui, &strip);
}

static void frame(app *a)
{
	ui *u = a->ui;
	const layout_metrics *m = ui_metrics(u);
	rect body = {0, 0, m->w, m->h};
	if (screen_header(a, &body, st.title, _("Cancel"))) {
		app_show(a, st.back);
		return;
	}
	/* The keyboard takes the lower part, keys at least 48 px high at 800x480;
	 * between field and keyboard one line: the message, else suggestions. */
	int kh = m->portrait ? m->h * 2 / 5 : body.h * 57 / 100;
	rect kb = layout_cut_bottom(&body, kh);
	layout_cut_bottom(&body, m->gap / 2);
	int fh = ui_line_height(u, UI_FONT_BOLD) + m->gap / 2 + m->touch;
	rect field = layout_cut_top(&body, fh);
	layout_cut_top(&body, m->gap / 2);
	if (st.message)
		ui_label(u, body, st.message, UI_FONT_BOLD, UI_RED, UI_ALIGN_LEFT);
	else if (st.suggest)
		suggestions(a, body);
	bool done = ui_field(u, field, st.title, st.draft, st.cap, st.max_chars);
	done |= ui_keyboard(u, (rect){0, kb.y, m->w, kb.h + m->pad});
	if (!done)
		return;
	st.message = st.check ? st.check(st.draft) : NULL;
	if (st.message)
		return;
	snprintf(st.target, st.cap, "%s", st.draft);
	app_show(a, st.back);
}

const screen screen_textedit = {"text entry", enter, frame, leave, SCREEN_IDLE_CLEARS};
