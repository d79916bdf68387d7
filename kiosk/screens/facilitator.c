/* facilitator: the menu behind the PIN — the event, the kiosk's clock and
 * screen, the PIN. */
#include <stdio.h>
#include <string.h>

#include "core/lang.h"
#include "screens.h"

static struct {
	bool has_event;
	store_event ev;
	char line[STORE_TITLE_MAX + 32];
} st;

static void enter(app *a)
{
	st.has_event = store_event_current(a->db, &st.ev) == STORE_OK;
	if (st.has_event)
		snprintf(st.line, sizeof st.line, _("Current event: %s"), st.ev.title);
	else
		snprintf(st.line, sizeof st.line, "%s", _("No current event. Tap \"New event\" to set up today's."));
}

/* The menu's grid of n buttons cut from the top of *body: rows a little
 * taller than a touch target where there is room; where there is not (a
 * message takes a band), more columns, never rows under a touch target. */
static rect menu_grid(const layout_metrics *m, rect *body, int n, int *cols, int *rows)
{
	int most = m->portrait ? 3 : 5;
	for (;;) {
		*rows = (n + *cols - 1) / *cols;
		if (*cols == most || *rows * m->touch + (*rows - 1) * m->gap <= body->h)
			break;
		++*cols;
	}
	int h = m->touch * 5 / 4 * *rows + m->gap * (*rows - 1);
	int least = m->touch * *rows + m->gap * (*rows - 1);
	h = h < body->h ? h : body->h > least ? body->h : least;
	return layout_cut_top(body, h);
}

static void frame(app *a)
{
	ui *u = a->ui;
	const layout_metrics *m = ui_metrics(u);
	rect body = {0, 0, m->w, m->h};
	/* TRANSLATORS: the menu's title, and its button (Lock) back to the attendees' screen. */
	if (screen_header(a, &body, _("Facilitator"), _("Lock"))) {
		app_home(a);
		return;
	}
	int lh = ui_text_height(u, st.line, UI_FONT_BOLD, body.w);
	ui_label(u, layout_cut_top(&body, lh), st.line, UI_FONT_BOLD, UI_TEXT, UI_ALIGN_LEFT);
	layout_cut_top(&body, m->gap);

	/* TRANSLATORS: buttons of the facilitator's menu; keep them short. */
	static const char *const items[] = {N_("Edit this event"), N_("Review"), N_("Who is here"), N_("Reflections"),
	                                    N_("Agenda now"), N_("Sync"), N_("Events"), N_("Import a roster"),
	                                    N_("Post-it kinds"), N_("Professions"), N_("Kiosk settings"),
	                                    N_("Change PIN"), N_("New event")};
	enum { N = sizeof items / sizeof items[0], NEW = N - 1 };
	/* The buttons shown, in order, with no hole: without an event the first
	 * is "New event" in place of the three that need one. */
	int shown[N], n = 0;
	for (int i = 0; i < NEW; i++)
		if (st.has_event || i >= 3)
			shown[n++] = i;
	if (!st.has_event) {
		memmove(shown + 1, shown, n * sizeof shown[0]);
		shown[0] = NEW;
		n++;
	}
	int cols = m->portrait ? 2 : 3, rows;
	rect grid = menu_grid(m, &body, n, &cols, &rows);
	/* One type for the whole menu: the largest in which every button fits. */
	ui_font f = UI_FONT_BIG;
	for (int k = 0; k < n; k++) {
		ui_font fk = ui_tile_font(u, layout_cell(grid, cols, rows, k % cols, k / cols, m->gap), _(items[shown[k]]),
		                          NULL, UI_BUTTON_SECONDARY);
		f = fk < f ? fk : f;
	}
	for (int k = 0; k < n; k++) {
		int i = shown[k];
		rect b = layout_cell(grid, cols, rows, k % cols, k / cols, m->gap);
		if (!ui_tile_in(u, b, _(items[i]), NULL, k == 0 ? UI_BUTTON_PRIMARY : UI_BUTTON_SECONDARY, f))
			continue;
		switch (i) {
		case 0: event_open(a, st.ev.id); break;
		case 1: app_show(a, &screen_wall); break;
		case 2: app_show(a, &screen_here); break;
		case 3: app_show(a, &screen_prompts); break;
		case 4: app_show(a, &screen_agenda_now); break;
		case 5: app_show(a, &screen_syncloop); break;
		case 6: app_show(a, &screen_events); break;
		case 7: app_show(a, &screen_usb); break;
		case 8: app_show(a, &screen_kinds); break;
		case 9: app_show(a, &screen_professions); break;
		case 10: app_show(a, &screen_settings); break;
		case 11: pin_open(a, PIN_CHOOSE); break;
		case NEW: event_open(a, 0); break;
		}
		return;
	}
}

const screen screen_facilitator = {"facilitator", enter, frame, NULL, SCREEN_IDLE_CLEARS};
