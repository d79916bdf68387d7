/* soon: an honest "coming soon" for a feature this kiosk does not have yet. */
#include <stdio.h>

#include "screens.h"

static struct {
	char title[64];
	char text[256];
} st;

void soon_open(app *a, const char *title)
{
	snprintf(st.title, sizeof st.title, "%s", title);
	snprintf(st.text, sizeof st.text,
	         "%s is coming soon to this kiosk. Thank you for your patience — "
	         "please speak to the facilitator for now.", title);
	app_show(a, &screen_soon);
}

static void frame(app *a)
{
	const layout_metrics *m = ui_metrics(a->ui);
	rect body = {0, 0, m->w, m->h};
	if (screen_header(a, &body, st.title, "Back"))
		app_home(a);
	rect button = layout_cut_bottom(&body, m->touch + m->pad);
	ui_label(a->ui, body, st.text, UI_FONT_BODY, UI_TEXT, UI_ALIGN_CENTER);
	int w = m->portrait ? body.w : body.w / 2;
	if (ui_button(a->ui, layout_center(button, w, button.h), "Back to start", UI_BUTTON_PRIMARY))
		app_home(a);
}

const screen screen_soon = {"coming soon", NULL, frame, NULL};
