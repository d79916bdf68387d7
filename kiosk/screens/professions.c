/* professions: the pick list walk-ins choose from, as the facilitator keeps it. */
#include <stdio.h>
#include <string.h>

#include "core/lang.h"
#include "screens.h"

#define MAX_PROFESSIONS 32

static struct {
	char list[MAX_PROFESSIONS][STORE_TEXT_MAX];
	int n;
	char added[STORE_TEXT_MAX];     /* filled by text entry */
	int removing;                   /* asking to remove list[removing], or -1 */
	char question[STORE_TEXT_MAX + 32];
	ui_list scroll;
} st;

static void enter(app *a)
{
	if (st.added[0]) {
		if (store_profession_add(a->db, st.added) != STORE_OK)
			ui_toast(a->ui, store_errmsg(a->db), 5000);
		st.added[0] = '\0';
	}
	st.removing = -1;
	st.n = 0;
	screen_read(a, store_professions(a->db, st.list, MAX_PROFESSIONS, &st.n));
}

static void frame(app *a)
{
	ui *u = a->ui;
	const layout_metrics *m = ui_metrics(u);
	rect body = {0, 0, m->w, m->h};
	if (screen_header(a, &body, _("Professions"), _("Back"))) {
		app_show(a, &screen_facilitator);
		return;
	}
	rect bar = layout_cut_bottom(&body, m->touch + m->gap);
	layout_cut_bottom(&body, m->gap);
	if (ui_button(u, m->portrait ? bar : layout_cut_right(&bar, bar.w / 2), _("Add a profession"), UI_BUTTON_PRIMARY))
		textedit_open(a, _("New profession"), st.added, sizeof st.added, STORE_TEXT_CHARS, KEYBOARD_LETTERS, NULL,
		              NULL);
	/* Rows as high as their whole name needs (a long one in Welsh). */
	int total = 0;
	for (int i = 0; i < st.n; i++)
		total += ui_list_item_height(u, body.w, screen_data_words(st.list[i]), NULL, m->touch);
	ui_list_begin(u, &st.scroll, body, total);
	for (int i = 0, y = 0; i < st.n; i++) {
		int h = ui_list_item_height(u, body.w, screen_data_words(st.list[i]), NULL, m->touch);
		rect r = ui_list_row(u, &st.scroll, y, h);
		y += h;
		if (ui_list_item(u, &st.scroll, r, screen_data_words(st.list[i]), NULL, false)) {
			st.removing = i;
			snprintf(st.question, sizeof st.question, _("Remove \"%s\" from the list?"),
			         screen_data_words(st.list[i]));
		}
	}
	ui_list_end(u, &st.scroll);
	if (st.removing >= 0) {
		int answer = ui_confirm_danger(u, st.question, _("Remove"), _("Keep"));
		if (answer > 0 && store_profession_remove(a->db, st.list[st.removing]) != STORE_OK)
			ui_toast(u, store_errmsg(a->db), 5000);
		if (answer > 0)
			enter(a);
		else if (answer < 0)
			st.removing = -1;
	}
}

const screen screen_professions = {"professions", enter, frame, NULL, SCREEN_IDLE_CLEARS};
