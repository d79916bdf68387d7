/* confirm: "Is this you?" — a tap on the wrong name costs one tap to undo. */
#include <stdio.h>
#include <string.h>

#include "core/lang.h"
#include "screens.h"

static struct {
	store_member m;
	char name[2 * STORE_NAME_MAX];
} st;

void confirm_open(app *a, const store_member *m)
{
	st.m = *m;
	snprintf(st.name, sizeof st.name, "%s %s", m->first, m->last);
	app_show(a, &screen_confirm);
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
	if (screen_header(a, &body, _("Is this you?"), _("Back"))) {
		checkin_resume(a);
		return;
	}
	rect bar = layout_cut_bottom(&body, m->portrait ? 2 * m->touch + m->gap : m->touch * 3 / 2);
	rect card = layout_inset(body, m->pad);
	int tw = card.w - 4 * m->pad - m->pad / 2;
	int nh = ui_text_height(u, st.name, UI_FONT_TITLE, tw);
	int oh = st.m.organisation[0] ? ui_text_height(u, st.m.organisation, UI_FONT_BODY, tw) : 0;
	/* Portrait: a card as tall as the name needs, with the answers right
	 * under it, the two together in the middle of the screen. */
	if (m->portrait) {
		int ch = nh + oh + 6 * m->pad;
		ch = ch < card.h ? ch : card.h;
		rect all = {body.x, body.y, body.w, bar.y + bar.h - body.y};
		rect group = layout_center(all, body.w, ch + 2 * m->pad + bar.h);
		card = layout_cut_top(&group, ch);
		bar = layout_cut_bottom(&group, bar.h);
	}
	ui_fill(u, card, UI_WHITE);
	ui_fill(u, layout_cut_left(&(rect){card.x, card.y, card.w, card.h}, m->pad / 2), UI_BLUE);
	rect in = layout_inset(card, 2 * m->pad);
	in.x += m->pad / 2;
	in.w -= m->pad / 2;
	in = layout_center(in, in.w, nh + oh);
	ui_label(u, layout_cut_top(&in, nh), st.name, UI_FONT_TITLE, UI_TEXT, UI_ALIGN_LEFT);
	if (oh)
		ui_label(u, in, st.m.organisation, UI_FONT_BODY, UI_GREY1, UI_ALIGN_LEFT);

	rect yes = m->portrait ? layout_cut_top(&bar, m->touch) : layout_cell(bar, 2, 1, 1, 0, m->gap);
	rect no = m->portrait ? layout_cut_bottom(&bar, m->touch) : layout_cell(bar, 2, 1, 0, 0, m->gap);
	if (ui_button(u, no, _("Not me"), UI_BUTTON_SECONDARY)) {
		checkin_resume(a);
		return;
	}
	if (ui_button(u, yes, _("Yes, that's me"), UI_BUTTON_PRIMARY)) {
		store_member chosen = st.m;
		checkin_member_chosen(a, &chosen);
	}
}

const screen screen_confirm = {"confirm", NULL, frame, leave, SCREEN_IDLE_CLEARS};
