/* choose: one option out of a list (a profession...), for any form; the
 * calling screen gets the choice back. */
#include <stdio.h>
#include <string.h>

#include "core/lang.h"
#include "screens.h"

#define CHOOSE_MAX 32

static struct {
	char title[96];
	char options[CHOOSE_MAX][STORE_TEXT_MAX];
	int n;
	char *target;
	size_t cap;
	const screen *back;
	ui_list list;
} st;

void choose_open(app *a, const char *title, const char (*options)[STORE_TEXT_MAX], int n, char *target, size_t cap)
{
	snprintf(st.title, sizeof st.title, "%s", title);
	st.n = n < CHOOSE_MAX ? n : CHOOSE_MAX;
	for (int i = 0; i < st.n; i++)
		snprintf(st.options[i], sizeof st.options[i], "%s", options[i]);
	st.target = target;
	st.cap = cap;
	st.back = a->screen;
	st.list.scroll = 0;
	app_show(a, &screen_choose);
}

static void frame(app *a)
{
	ui *u = a->ui;
	const layout_metrics *m = ui_metrics(u);
	rect body = {0, 0, m->w, m->h};
	if (screen_header(a, &body, st.title, _("Back"))) {
		app_show(a, st.back);
		return;
	}
	/* Rows as high as their whole option needs; each shown in the words in
	 * use, given back as the data file has it. */
	int total = 0;
	for (int i = 0; i < st.n; i++)
		total += ui_list_item_height(u, body.w, screen_data_words(st.options[i]), NULL, m->touch);
	ui_list_begin(u, &st.list, body, total);
	for (int i = 0, y = 0; i < st.n; i++) {
		const char *shown = screen_data_words(st.options[i]);
		int h = ui_list_item_height(u, body.w, shown, NULL, m->touch);
		rect r = ui_list_row(u, &st.list, y, h);
		y += h;
		if (ui_list_item(u, &st.list, r, shown, NULL, !strcmp(st.options[i], st.target))) {
			snprintf(st.target, st.cap, "%s", st.options[i]);
			ui_list_end(u, &st.list);
			app_show(a, st.back);
			return;
		}
	}
	ui_list_end(u, &st.list);
}

const screen screen_choose = {"choose", NULL, frame, NULL, SCREEN_IDLE_CLEARS};
