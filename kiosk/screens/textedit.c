/* textedit: one text field with the on-screen keyboard, for any form; the
 * calling screen gets the text back on "Done". */
#include <stdio.h>
#include <string.h>

#include "screens.h"

#define EDIT_MAX 1024

static struct {
	char title[96];
	char draft[EDIT_MAX];
	char *target;
	size_t cap, max_chars;
	keyboard_layer layer;
	textedit_check *check;
	const char *message;
	const screen *back;
} st;

void textedit_open(app *a, const char *title, char *buf, size_t cap, size_t max_chars, keyboard_layer layer,
                   textedit_check *check)
{
	snprintf(st.title, sizeof st.title, "%s", title);
	snprintf(st.draft, sizeof st.draft, "%s", buf);
	st.target = buf;
	st.cap = cap < EDIT_MAX ? cap : EDIT_MAX;
	st.max_chars = max_chars;
	st.layer = layer;
	st.check = check;
	st.back = a->screen;
	app_show(a, &screen_textedit);
}

static void enter(app *a)
{
	st.message = NULL;
	ui_focus(a->ui, st.draft, st.layer);
}

static void leave(app *a)
{
	(void)a;
	memset(st.draft, 0, sizeof st.draft);
}

static void frame(app *a)
{
	ui *u = a->ui;
	const layout_metrics *m = ui_metrics(u);
	rect body = {0, 0, m->w, m->h};
	if (screen_header(a, &body, st.title, "Cancel")) {
		app_show(a, st.back);
		return;
	}
	/* The keyboard takes the lower part; keys stay at least a touch high. */
	int kh = m->portrait ? m->h * 2 / 5 : body.h * 3 / 5;
	rect kb = layout_cut_bottom(&body, kh);
	layout_cut_bottom(&body, m->gap);
	int fh = ui_line_height(u, UI_FONT_BOLD) + m->gap / 2 + m->touch;
	rect field = layout_cut_top(&body, fh);
	if (st.message)
		ui_label(u, body, st.message, UI_FONT_BOLD, UI_RED, UI_ALIGN_LEFT);
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

const screen screen_textedit = {"text entry", enter, frame, leave, true};
