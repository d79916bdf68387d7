/* home: the event's title and date, the three things an attendee can do, the
 * live count, and the facilitator's corner. */
#include <stdio.h>
#include <string.h>
#include <strings.h>

#include "core/lang.h"
#include "core/when.h"
#include "screens.h"

static struct {
	bool has_event;
	store_event ev;
	char when[80];
	char count[64];
	bool reflecting;             /* a spot reflection is running */
} st;

static void enter(app *a)
{
	st.has_event = a->db && store_event_current(a->db, &st.ev) == STORE_OK;
	st.reflecting = a->db && store_prompt_running(a->db, NULL, NULL, NULL) == STORE_OK;
	st.when[0] = st.count[0] = '\0';
	if (!st.has_event)
		return;
	when_long(st.ev.starts, st.when, sizeof st.when);
	int n = 0;
	if (!screen_read(a, store_checkin_count(a->db, st.ev.id, &n)))
		return; /* no count rather than a wrong one */
	if (n == 0)
		snprintf(st.count, sizeof st.count, "%s", _("No one has checked in yet"));
	else
		snprintf(st.count, sizeof st.count, ngettext("%d person checked in", "%d people checked in", n), n);
}

/* The language an attendee may switch to on this screen: the one after the
 * language in use, round the list; NULL when there is only English. */
static const char *next_language(void)
{
	int i = 0;
	while (lang_code(i) && strcmp(lang_code(i), lang_current()))
		i++;
	const char *next = lang_code(i + 1) ? lang_code(i + 1) : lang_code(0);
	return strcmp(next, lang_current()) ? next : NULL;
}

/* What the attendee sees when the data file cannot be used: the reason, and
 * that nothing was changed. */
static void broken(app *a, rect body)
{
	const layout_metrics *m = ui_metrics(a->ui);
	ui_fill(a->ui, body, UI_WHITE);
	ui_fill(a->ui, layout_cut_left(&(rect){body.x, body.y, body.w, body.h}, m->pad / 2), UI_RED);
	rect in = layout_inset(body, 2 * m->pad);
	int lh = ui_line_height(a->ui, UI_FONT_TITLE);
	ui_label(a->ui, layout_cut_top(&in, lh * 2), _("This kiosk cannot use its data file"), UI_FONT_TITLE,
	         UI_TEXT, UI_ALIGN_LEFT);
	layout_cut_top(&in, m->gap);
	int h = ui_text_height(a->ui, a->db_error, UI_FONT_BODY, in.w);
	ui_label(a->ui, layout_cut_top(&in, h), a->db_error, UI_FONT_BODY, UI_TEXT, UI_ALIGN_LEFT);
	layout_cut_top(&in, m->gap);
	const char *next = _("Nothing has been changed or deleted. Please ask the facilitator to look at the kiosk.");
	ui_label(a->ui, layout_cut_top(&in, ui_text_height(a->ui, next, UI_FONT_BODY, in.w)), next, UI_FONT_BODY,
	         UI_GREY1, UI_ALIGN_LEFT);
}

static void frame(app *a)
{
	ui *u = a->ui;
	const layout_metrics *m = ui_metrics(u);
	rect body = layout_inset((rect){0, 0, m->w, m->h}, m->pad);

	/* TRANSLATORS: the small button in the corner that opens the facilitator's screens. */
	const char *facilitator = _("Facilitator");
	const char *other = next_language();
	int cw = 0, ow = 0, h = 0;
	ui_measure(u, facilitator, UI_FONT_BOLD, &cw, &h);
	if (other)
		ui_measure(u, lang_name(other), UI_FONT_BOLD, &ow, &h);
	int buttons_w = cw + 2 * m->pad + (other ? ow + 3 * m->pad : 0);
	const char *community = st.has_event && st.ev.community[0] ? st.ev.community : "CoP Kiosk";
	/* A title that starts with the community's name says it already. */
	if (st.has_event && !strncasecmp(st.ev.title, community, strlen(community)))
		community = "";
	/* The community's name beside the corner's buttons when it fits on
	 * their line, else on its own lines under them (a portrait panel). */
	int line_h = ui_line_height(u, UI_FONT_BOLD);
	bool beside = !community[0] || ui_text_height(u, community, UI_FONT_BOLD, body.w - buttons_w - m->pad) <= line_h;
	rect top = layout_cut_top(&body, m->touch > line_h ? m->touch : line_h);
	if (!beside) {
		int name_h = ui_text_height(u, community, UI_FONT_BOLD, body.w);
		ui_label(u, layout_cut_top(&body, name_h), community, UI_FONT_BOLD, UI_BLUE, UI_ALIGN_LEFT);
	}
	rect corner = layout_cut_right(&top, cw + 2 * m->pad);
	/* Without a data file there is nothing to set up: no corner then. */
	if (a->db && ui_button(u, corner, facilitator, UI_BUTTON_QUIET))
		pin_open(a, store_pin_is_set(a->db) ? PIN_UNLOCK : PIN_CHOOSE);
	if (other) {
		layout_cut_right(&top, m->pad);
		if (ui_button(u, layout_cut_right(&top, ow + 2 * m->pad), lang_name(other), UI_BUTTON_QUIET)) {
			char err[300];
			if (app_set_language(a, other, false, err, sizeof err) != 0)
				ui_toast(u, err, 5000);
			enter(a); /* the count, in the new words */
			return;
		}
	}
	layout_cut_right(&top, m->pad);
	if (beside && community[0])
		ui_label(u, top, community, UI_FONT_BOLD, UI_BLUE, UI_ALIGN_LEFT);
	layout_cut_top(&body, m->gap);
	/* A message, if any, in a band of its own under the corner, as under
	 * the other screens' header bar: it covers nothing. */
	ui_message_band(u, &body);

	if (!a->db) {
		broken(a, body);
		return;
	}

	rect count = layout_cut_bottom(&body, ui_line_height(u, UI_FONT_BOLD) + m->gap);
	const char *title = st.has_event ? st.ev.title : _("Welcome");
	int title_h = ui_text_height(u, title, UI_FONT_TITLE, body.w);
	ui_label(u, layout_cut_top(&body, title_h), title, UI_FONT_TITLE, UI_TEXT, UI_ALIGN_LEFT);
	const char *sub = st.has_event ? st.when
	                                : _("No event is set up yet: the facilitator has not opened today's event.");
	char line[600];
	if (st.has_event && st.ev.venue[0])
		snprintf(line, sizeof line, "%s%s%s", st.when, st.when[0] ? " · " : "", st.ev.venue);
	else
		snprintf(line, sizeof line, "%s", sub);
	if (line[0]) {
		int sh = ui_text_height(u, line, UI_FONT_BODY, body.w);
		ui_label(u, layout_cut_top(&body, sh), line, UI_FONT_BODY, UI_GREY1, UI_ALIGN_LEFT);
	}
	layout_cut_top(&body, m->gap * 2);

	/* TRANSLATORS: the three big buttons of the home screen, each with a hint. */
	static const char *const labels[] = {N_("Check in"), N_("Post-it"), N_("Reflect")};
	static const char *const hints[] = {N_("Say you are here"), N_("Share your feedback"),
	                                    N_("Answer a question")};
	static const screen *const next[] = {&screen_checkin, &screen_postit, &screen_reflect};
	int n = st.reflecting ? 3 : 2; /* "Reflect" only while a reflection runs */
	for (int i = 0; i < n; i++) {
		rect b = m->portrait ? layout_cell(body, 1, n, 0, i, m->gap * 2)
		                     : layout_cell(body, n, 1, i, 0, m->gap * 2);
		/* TRANSLATORS: under "Check in" and "Post-it" on the home screen
		 * before the facilitator opens the day's event. */
		const char *hint = st.has_event ? _(hints[i]) : _("Not open yet");
		if (ui_tile(u, b, _(labels[i]), hint, i == 0 ? UI_BUTTON_PRIMARY : UI_BUTTON_SECONDARY))
			app_show(a, next[i]);
	}
	if (st.has_event)
		ui_label(u, count, st.count, UI_FONT_BOLD, UI_TEXT, UI_ALIGN_CENTER);
}

const screen screen_home = {"home", enter, frame, NULL, SCREEN_IDLE_STAYS};
