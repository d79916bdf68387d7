/* prompts: the bank of spot-reflection prompts — which one is running, stop
 * it, pick one to edit or start, add a new one. */
#include <stdio.h>
#include <string.h>

#include "core/lang.h"
#include "screens.h"

#define MAX_PROMPTS 64

static const char *const kind_names[STORE_PROMPT_KINDS] = {N_("Faces, 1 to 5"), N_("One word"), N_("Short text"),
                                                           N_("Choice")};

static struct {
	store_prompt list[MAX_PROMPTS];
	int n;
	bool running;
	store_prompt now;
	char banner[STORE_PROMPT_MAX + 32];
	ui_list scroll;
	int row_h[MAX_PROMPTS];
} st;
static char details[MAX_PROMPTS][64];

static void enter(app *a)
{
	st.n = 0;
	screen_read(a, store_prompt_list(a->db, st.list, MAX_PROMPTS, &st.n));
	st.running = store_prompt_running(a->db, &st.now, NULL, NULL) == STORE_OK;
	snprintf(st.banner, sizeof st.banner, _("Running now: %s"), st.running ? screen_data_words(st.now.text) : "");
	for (int i = 0; i < st.n; i++)
		snprintf(details[i], sizeof details[i], "%s%s", _(kind_names[st.list[i].kind]),
		         st.running && st.list[i].id == st.now.id ? _(" · running now") : "");
}

static void frame(app *a)
{
	ui *u = a->ui;
	const layout_metrics *m = ui_metrics(u);
	rect body = {0, 0, m->w, m->h};
	if (screen_header(a, &body, _("Reflections"), _("Back"))) {
		app_show(a, &screen_facilitator);
		return;
	}
	rect bar = layout_cut_bottom(&body, m->touch + m->gap);
	layout_cut_bottom(&body, m->gap);
	if (st.running) {
		/* The question running in full, wrapped, beside "Stop". */
		int bw = body.w - m->touch * 2 - m->gap - m->pad;
		int bh = ui_text_height(u, st.banner, UI_FONT_BOLD, bw) + m->pad;
		rect top = layout_cut_top(&body, bh > m->touch ? bh : m->touch);
		layout_cut_top(&body, m->gap);
		rect stop = layout_cut_right(&top, m->touch * 2);
		layout_cut_right(&top, m->gap);
		ui_fill(u, top, UI_PALE_BLUE);
		ui_label(u, layout_inset(top, m->pad / 2), st.banner, UI_FONT_BOLD, UI_TEXT, UI_ALIGN_LEFT);
		if (ui_button(u, layout_center(stop, stop.w, m->touch), _("Stop"), UI_BUTTON_DANGER)) {
			if (store_prompt_stop(a->db) == STORE_OK)
				ui_toast(u, _("The reflection is stopped: \"Reflect\" is gone from the home screen."), 4000);
			enter(a);
			return;
		}
	}
	/* Each row as high as its whole question needs: the facilitator chooses
	 * by it, so it wraps rather than ending in "…". */
	int y = 0;
	for (int i = 0; i < st.n; i++) {
		st.row_h[i] = ui_list_item_height(u, body.w, screen_data_words(st.list[i].text), details[i], m->touch * 3 / 2);
		y += st.row_h[i];
	}
	ui_list_begin(u, &st.scroll, body, y);
	y = 0;
	for (int i = 0; i < st.n; i++) {
		rect r = ui_list_row(u, &st.scroll, y, st.row_h[i]);
		y += r.h;
		bool on = st.running && st.list[i].id == st.now.id;
		if (ui_list_item(u, &st.scroll, r, screen_data_words(st.list[i].text), details[i], on)) {
			ui_list_end(u, &st.scroll);
			prompt_open(a, st.list[i].id);
			return;
		}
	}
	ui_list_end(u, &st.scroll);
	if (ui_button(u, m->portrait ? bar : layout_cut_right(&bar, bar.w / 2), _("Add a prompt"), UI_BUTTON_SECONDARY))
		prompt_open(a, 0);
}

const screen screen_prompts = {"reflections", enter, frame, NULL, SCREEN_IDLE_CLEARS};
