/* kinds: the third kind of post-it — its name, and whether it is offered. */
#include <stdio.h>
#include <string.h>

#include "core/lang.h"
#include "screens.h"

static struct {
	char label[96];
	char saved[96];
	bool shown;
	ui_list list;
} st;

static void enter(app *a)
{
	/* Back from text entry with a new name: keep it. */
	if (st.label[0] && strcmp(st.label, st.saved)) {
		if (store_note_kind_rename(a->db, STORE_NOTE_IDEA, st.label) != STORE_OK)
			ui_toast(a->ui, store_errmsg(a->db), 5000);
		else
			ui_toast(a->ui, _("The third kind is renamed."), 3000);
	}
	screen_read(a, store_note_kind_label(a->db, STORE_NOTE_IDEA, st.label, sizeof st.label));
	snprintf(st.saved, sizeof st.saved, "%s", st.label);
	st.shown = store_note_kind_shown(a->db, STORE_NOTE_IDEA);
}

static void frame(app *a)
{
	ui *u = a->ui;
	const layout_metrics *m = ui_metrics(u);
	rect body = {0, 0, m->w, m->h};
	if (screen_header(a, &body, _("Post-it kinds"), _("Back"))) {
		app_show(a, &screen_facilitator);
		return;
	}
	const char *about = _("\"Going well\" (green) and \"To be improved\" (pink) are always offered. "
	                      "The third kind (yellow) can be renamed or hidden.");
	ui_label(u, layout_cut_top(&body, ui_text_height(u, about, UI_FONT_BODY, body.w)), about, UI_FONT_BODY,
	         UI_TEXT, UI_ALIGN_LEFT);
	layout_cut_top(&body, m->gap);
	int h = m->touch * 3 / 2;
	rect r = layout_cut_top(&body, h);
	ui_list_begin(u, &st.list, r, h);
	/* The name as attendees see it ("Syniad" in Welsh for the default
	 * "Idea"); it is edited as stored. */
	if (ui_list_item(u, &st.list, r, _("Name of the third kind"), screen_data_words(st.label), false))
		textedit_open(a, _("Name of the third kind"), st.label, sizeof st.label, 24, KEYBOARD_LETTERS, NULL, NULL);
	ui_list_end(u, &st.list);
	layout_cut_top(&body, m->gap);
	bool shown = st.shown;
	if (ui_toggle(u, layout_cut_top(&body, h), _("Offer the third kind"), &shown)) {
		if (store_note_kind_show(a->db, STORE_NOTE_IDEA, shown) == STORE_OK)
			st.shown = shown;
		else
			ui_toast(u, store_errmsg(a->db), 5000);
	}
}

const screen screen_kinds = {"post-it kinds", enter, frame, NULL, SCREEN_IDLE_CLEARS};
