/* review: the critical friends' area behind the PIN — its tabs, and
 * presenting any view to the whole room in big type. */
#include <string.h>

#include "core/lang.h"
#include "screens.h"

#define PRESENT_ZOOM 1.4f

/* TRANSLATORS: the review area's tabs; keep them short. */
static const char *const tab_names[] = {N_("Wall"), N_("Reflections"), N_("Attendance"), N_("Measures"),
                                        N_("Past events")};
static const screen *const tab_screens[] = {&screen_wall, &screen_results, &screen_attendance, &screen_measures,
                                            &screen_history};

/* The widths of cols columns of tabs over width pixels: equal when every
 * label's longest word fits its tab (tabs draw their label in small type,
 * inside a padding), else each column as wide as its longest word needs and
 * an equal share of the rest. False when the words do not fit in cols. */
static bool tab_widths(ui *u, int width, int cols, int *widths)
{
	const layout_metrics *m = ui_metrics(u);
	int room = width - (cols - 1) * (m->gap / 2), need[5] = {0}, sum = 0;
	for (int i = 0; i < 5; i++) {
		int w = ui_widest_word(u, _(tab_names[i]), UI_FONT_SMALL) + m->pad + 2;
		need[i % cols] = w > need[i % cols] ? w : need[i % cols];
	}
	bool equal = true;
	for (int c = 0; c < cols; c++) {
		sum += need[c];
		equal &= need[c] <= room / cols;
	}
	for (int c = 0, left = room; c < cols; c++) {
		widths[c] = c == cols - 1 ? left : equal ? room / cols : need[c] + (room - sum) / cols;
		left -= widths[c];
	}
	return sum <= room;
}

static void present(app *a, bool on)
{
	char err[200];
	a->presenting = on;
	if (ui_zoom(a->ui, on ? PRESENT_ZOOM : 1, err, sizeof err) != 0)
		ui_toast(a->ui, err, 5000);
}

void review_leave(app *a)
{
	present(a, false);
	app_show(a, &screen_facilitator);
}

bool review_frame(app *a, rect *body, review_tab tab)
{
	ui *u = a->ui;
	const layout_metrics *m = ui_metrics(u);
	*body = (rect){0, 0, m->w, m->h};
	if (a->presenting) {
		const char *stop = _("Stop presenting");
		int w = 0, h = 0;
		ui_measure(u, stop, UI_FONT_BOLD, &w, &h);
		rect corner = {m->w - w - 3 * m->pad, 0, w + 3 * m->pad, m->touch};
		if (ui_button(u, corner, stop, UI_BUTTON_QUIET)) {
			present(a, false);
			/* After a long presentation, the review behind it needs the PIN. */
			app_ask_pin_if_lapsed(a);
			return false;
		}
		*body = layout_inset(*body, m->pad);
		layout_cut_top(body, corner.h - m->pad); /* the corner stays clear */
		return true;
	}
	rect head = *body;
	bool show = false;
	/* TRANSLATORS: button: show this view to the whole room in big type. */
	if (screen_header_action(a, &head, _("Review"), _("Back"), _("Present"), &show)) {
		review_leave(a);
		return false;
	}
	if (show) {
		present(a, true);
		return false;
	}
	*body = head;
	/* As many tabs a row as fit their words whole; a label longer than its
	 * tab wraps, and the tabs grow to hold it. */
	int cols = m->portrait ? 3 : 5, widths[5];
	while (!tab_widths(u, head.w, cols, widths) && cols > 1)
		cols--;
	int rows = (5 + cols - 1) / cols, tab_h = m->touch;
	for (int i = 0; i < 5; i++) {
		int need = ui_text_height(u, _(tab_names[i]), UI_FONT_SMALL, widths[i % cols] - m->pad) + m->pad + m->pad / 2;
		tab_h = need > tab_h ? need : tab_h;
	}
	rect tabs = layout_cut_top(body, rows * tab_h + (rows - 1) * m->gap / 2);
	layout_cut_top(body, m->gap);
	for (int i = 0, x = tabs.x; i < 5; i++) {
		if (i % cols == 0)
			x = tabs.x;
		rect t = {x, tabs.y + i / cols * (tab_h + m->gap / 2), widths[i % cols], tab_h};
		x += t.w + m->gap / 2;
		if (ui_button(u, t, _(tab_names[i]), i == (int)tab ? UI_BUTTON_TAB_ON : UI_BUTTON_TAB) && i != (int)tab) {
			app_show(a, tab_screens[i]);
			return false;
		}
	}
	return true;
}
