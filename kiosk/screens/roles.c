/* roles: the seed's leadership roles for the day, offered at check-in when the
 * facilitator turned them on; skipped in one tap. */
#include <string.h>

#include "core/lang.h"
#include "screens.h"

static struct {
	store_member m;
} st;

void roles_open(app *a, const store_member *m)
{
	st.m = *m;
	app_show(a, &screen_roles);
}

static void leave(app *a)
{
	(void)a;
	memset(&st, 0, sizeof st);
}

static void frame(app *a)
{
	ui *u = a->ui;
	const layout_metrics *m = ui_metrics(u);
	rect body = {0, 0, m->w, m->h};
	if (screen_header(a, &body, _("A role for today?"), _("Back"))) {
		checkin_resume(a);
		return;
	}
	const char *ask = _("Would you like to take one of these roles today? You can skip this.");
	ui_label(u, layout_cut_top(&body, ui_text_height(u, ask, UI_FONT_BODY, body.w)), ask, UI_FONT_BODY, UI_TEXT,
	         UI_ALIGN_LEFT);
	layout_cut_top(&body, m->gap);
	rect skip = layout_cut_bottom(&body, m->touch);
	layout_cut_bottom(&body, m->gap);
	int cols = m->portrait ? 1 : 2, rows = (STORE_ROLE_COUNT + cols - 1) / cols;
	for (int i = 0; i < STORE_ROLE_COUNT; i++) {
		rect b = layout_cell(body, cols, rows, i % cols, i / cols, m->gap / 2);
		/* Shown translated, stored in English (store.c knows the roles by it). */
		if (ui_button(u, b, _(store_role_name(i)), UI_BUTTON_SECONDARY)) {
			store_member chosen = st.m;
			checkin_complete(a, &chosen, store_role_name(i));
			return;
		}
	}
	if (ui_button(u, skip, _("No role today"), UI_BUTTON_PRIMARY)) {
		store_member chosen = st.m;
		checkin_complete(a, &chosen, "");
	}
}

const screen screen_roles = {"roles", NULL, frame, leave};
