/* roles: the seed's leadership roles for the day, each with a line on what
 * it does, offered at check-in when the facilitator turned them on and the
 * check-in will be stored; skipped in one tap. */
#include <string.h>

#include "core/lang.h"
#include "screens.h"

static struct {
	store_member m;   /* id 0: a walk-in's details, stored on the choice */
} st;

/* One line each, from the seed's "What roles do people take in Communities
 * of Practice?", in store_role_name's order. */
static const char *const described[STORE_ROLE_COUNT] = {
	/* TRANSLATORS: one short line under each role of the day; keep them short. */
	N_("Keeps the learning agenda moving"),   /* Agenda activist */
	N_("Makes sure every voice is heard"),    /* Community keeper */
	N_("Notices what works and what does not"), /* Critical friend */
	N_("Records the day's key moments"),      /* Social reporter */
	N_("Shares our news with people outside"), /* External messenger */
	N_("Looks for the value we create"),      /* Value detective */
	N_("Links us with sponsors and managers"), /* Organisational broker */
};

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

/* Checks in with role ("" for none), storing a walk-in first. */
static void choose(app *a, const char *role)
{
	store_member chosen = st.m;
	if (!checkin_with_role(a, &chosen, role)) {
		ui_toast(a->ui, store_errmsg(a->db), 6000);
		app_show(a, &screen_member); /* their details as they left them */
	}
}

static void frame(app *a)
{
	ui *u = a->ui;
	const layout_metrics *m = ui_metrics(u);
	rect body = {0, 0, m->w, m->h};
	if (screen_header(a, &body, _("A role for today?"), _("Back"))) {
		if (st.m.id == 0)
			app_show(a, &screen_member);
		else
			checkin_resume(a);
		return;
	}
	const char *ask = _("Would you like to take one of these roles today? You can skip this.");
	ui_label(u, layout_cut_top(&body, ui_text_height(u, ask, UI_FONT_BODY, body.w)), ask, UI_FONT_BODY, UI_TEXT,
	         UI_ALIGN_LEFT);
	layout_cut_top(&body, m->gap);
	/* The roles, then "No role today" in the last place of the grid. */
	int n = STORE_ROLE_COUNT + 1;
	int cols = m->portrait ? 1 : 2, rows = (n + cols - 1) / cols;
	/* One type for all the roles, the largest in which each fits. */
	ui_font f = UI_FONT_BIG;
	for (int i = 0; i < STORE_ROLE_COUNT; i++) {
		rect b = layout_cell(body, cols, rows, i % cols, i / cols, m->gap / 2);
		ui_font fi = ui_tile_font(u, b, _(store_role_name(i)), _(described[i]), UI_BUTTON_SECONDARY);
		f = fi < f ? fi : f;
	}
	for (int i = 0; i < n; i++) {
		rect b = layout_cell(body, cols, rows, i % cols, i / cols, m->gap / 2);
		if (i == STORE_ROLE_COUNT) {
			if (ui_button(u, b, _("No role today"), UI_BUTTON_PRIMARY))
				choose(a, "");
			return;
		}
		/* Shown translated, stored in English (the store knows the roles by it). */
		if (ui_tile_in(u, b, _(store_role_name(i)), _(described[i]), UI_BUTTON_SECONDARY, f)) {
			choose(a, store_role_name(i));
			return;
		}
	}
}

const screen screen_roles = {"roles", NULL, frame, leave, SCREEN_IDLE_CLEARS};
