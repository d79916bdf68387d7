/* common: what several screens share — the header bar, the confirmation
 * panel, dates set with steppers. */
#include <stdio.h>
#include <string.h>

#include "core/lang.h"
#include "core/when.h"
#include "screens.h"

bool screen_header(app *a, rect *body, const char *title, const char *back_label)
{
	return screen_header_action(a, body, title, back_label, NULL, NULL);
}

/* A white button in the bar, at least two touches wide. */
static rect bar_button(app *a, rect *in, const char *label, bool right)
{
	const layout_metrics *m = ui_metrics(a->ui);
	int w = 0, h = 0;
	ui_measure(a->ui, label, UI_FONT_BOLD, &w, &h);
	w = w + 2 * m->pad > m->touch * 2 ? w + 2 * m->pad : m->touch * 2;
	rect b = right ? layout_cut_right(in, w) : layout_cut_left(in, w);
	if (right)
		layout_cut_right(in, m->gap);
	else
		layout_cut_left(in, m->gap);
	return b;
}

bool screen_header_action(app *a, rect *body, const char *title, const char *back_label, const char *action_label,
                          bool *action)
{
	const layout_metrics *m = ui_metrics(a->ui);
	rect bar = layout_cut_top(body, m->touch + m->pad);
	ui_fill(a->ui, bar, UI_BLUE);
	rect in = layout_inset(bar, m->pad / 2);
	bool back = false;
	if (back_label)
		back = ui_button(a->ui, bar_button(a, &in, back_label, false), back_label, UI_BUTTON_SECONDARY);
	if (action_label) {
		bool tapped = ui_button(a->ui, bar_button(a, &in, action_label, true), action_label, UI_BUTTON_SECONDARY);
		if (action)
			*action = tapped;
	}
	/* A title too long for the bar (a translation, a portrait panel) takes
	 * the bold type, and two lines of it if it must, rather than be cut. */
	int tw = 0, th = 0;
	ui_measure(a->ui, title, UI_FONT_TITLE, &tw, &th);
	ui_font f = tw <= in.w ? UI_FONT_TITLE : UI_FONT_BOLD;
	ui_label(a->ui, in, title, f, UI_WHITE, back_label ? UI_ALIGN_LEFT : UI_ALIGN_CENTER);
	*body = layout_inset(*body, m->pad);
	ui_message_band(a->ui, body); /* the message, if any, in the flow: over nothing */
	return back;
}

void screen_not_open(app *a, const char *title)
{
	const layout_metrics *m = ui_metrics(a->ui);
	rect body = {0, 0, m->w, m->h};
	if (screen_header(a, &body, title, _("Back"))) {
		app_home(a);
		return;
	}
	rect bar = layout_cut_bottom(&body, m->touch + m->pad);
	const char *head = _("Today's event is not open yet");
	const char *text = _("The facilitator has not opened today's event yet. Please come back when they have, "
	                     "or ask them.");
	int hh = ui_text_height(a->ui, head, UI_FONT_TITLE, body.w), th = ui_text_height(a->ui, text, UI_FONT_BODY, body.w);
	rect in = layout_center(body, body.w, hh + m->gap + th);
	ui_label(a->ui, layout_cut_top(&in, hh), head, UI_FONT_TITLE, UI_TEXT, UI_ALIGN_CENTER);
	layout_cut_top(&in, m->gap);
	ui_label(a->ui, in, text, UI_FONT_BODY, UI_TEXT, UI_ALIGN_CENTER);
	if (ui_button(a->ui, layout_center(bar, m->portrait ? bar.w : bar.w / 2, m->touch), _("Back to start"),
	              UI_BUTTON_PRIMARY))
		app_home(a);
}

/* The confirmation panel's words, copied from its caller; cleared on
 * leaving (a recovery code is in them). */
static struct {
	char heading[160];
	char sentence[400];
	char shown[64];
	char button[64];
	const screen *next;
} panel;

void screen_panel_open(app *a, const char *heading, const char *sentence, const char *shown, const char *button,
                       const screen *next)
{
	snprintf(panel.heading, sizeof panel.heading, "%s", heading);
	snprintf(panel.sentence, sizeof panel.sentence, "%s", sentence ? sentence : "");
	snprintf(panel.shown, sizeof panel.shown, "%s", shown ? shown : "");
	snprintf(panel.button, sizeof panel.button, "%s", button);
	panel.next = next;
	app_show(a, &screen_panel);
}

static void panel_leave(app *a)
{
	(void)a;
	explicit_bzero(&panel, sizeof panel);
}

/* GOV.UK's confirmation panel: in a green box, a white tick, the heading
 * and the sentence (and what is to be written down, big); one button under
 * it. Its height at width w, drawn when draw is true. */
static int panel_words(app *a, rect in, bool draw)
{
	ui *u = a->ui;
	const layout_metrics *m = ui_metrics(u);
	const char *text[3] = {panel.heading, panel.shown, panel.sentence};
	const ui_font font[3] = {UI_FONT_TITLE, UI_FONT_BIG, UI_FONT_BODY};
	int tick = m->touch, y = tick + m->gap;
	if (draw)
		ui_icon(u, layout_center((rect){in.x, in.y, in.w, tick}, tick, tick), UI_ICON_TICK, UI_WHITE);
	for (int i = 0; i < 3; i++) {
		if (!text[i][0])
			continue;
		int h = ui_text_height(u, text[i], font[i], in.w);
		if (draw)
			ui_label(u, (rect){in.x, in.y + y, in.w, h}, text[i], font[i], UI_WHITE, UI_ALIGN_CENTER);
		y += h + m->gap;
	}
	return y - m->gap;
}

static void panel_frame(app *a)
{
	ui *u = a->ui;
	const layout_metrics *m = ui_metrics(u);
	rect body = layout_inset((rect){0, 0, m->w, m->h}, m->pad);
	ui_message_band(u, &body);
	rect bar = layout_cut_bottom(&body, m->touch + m->gap);
	layout_cut_bottom(&body, m->gap);
	int w = m->portrait ? body.w : body.w * 3 / 4;
	int h = panel_words(a, (rect){0, 0, w - 2 * m->pad, 0}, false) + 2 * m->pad;
	rect box = layout_center(body, w, h < body.h ? h : body.h);
	ui_fill(u, box, UI_GREEN);
	panel_words(a, layout_inset(box, m->pad), true);
	if (ui_button(u, layout_center(bar, w, m->touch + m->gap), panel.button, UI_BUTTON_PRIMARY))
		app_show(a, panel.next);
}

const screen screen_panel = {"confirmation", NULL, panel_frame, panel_leave, SCREEN_IDLE_CLEARS};

int screen_seconds_left(app *a, int64_t until)
{
	int64_t left = until - a->now;
	int s = left > 0 ? (int)((left + 999) / 1000) : 0;
	if (s > 0)
		app_wake_at(a, until - (int64_t)(s - 1) * 1000); /* when the number goes down */
	return s;
}

const char *screen_back_in(int seconds, char *buf, size_t cap)
{
	/* TRANSLATORS: under a confirmation that goes back to the home screen by itself. */
	snprintf(buf, cap, ngettext("Back to the start in %d second.", "Back to the start in %d seconds.", seconds),
	         seconds);
	return buf;
}

/* One short line each for attendees, from the seed's examples of each
 * cluster (store_activity_examples has the facilitator's longer list), in
 * store_activity's order. */
static const char *const activity_lines[STORE_ACT_COUNT] = {
	/* TRANSLATORS: one short line under each kind of learning activity an
	 * attendee may choose; keep them short. */
	N_("Stories, tips and documents"),      /* Sharing */
	N_("Asking for help, exploring ideas"), /* Productive inquiry */
	N_("Discussing a topic or a paper"),    /* Negotiating shared understanding */
	N_("Making documents and tools"),       /* Producing assets */
	N_("Benchmarks, maturity scales"),      /* Creating standards */
	N_("Training, invited experts"),        /* Formal access to knowledge */
	N_("Visiting members' sites"),          /* Visits */
};

const char *screen_choice_hint(const char *choice)
{
	for (int i = 0; i < STORE_ACT_COUNT; i++)
		if (!strcmp(choice, store_activity_name((store_activity)i)))
			return _(activity_lines[i]);
	return NULL;
}

rect screen_form_bar(app *a, rect *body, const char *message)
{
	const layout_metrics *m = ui_metrics(a->ui);
	rect bar = layout_cut_bottom(body, m->touch + m->gap);
	if (message) {
		int mh = ui_text_height(a->ui, message, UI_FONT_BOLD, body->w);
		ui_label(a->ui, layout_cut_bottom(body, mh + m->gap), message, UI_FONT_BOLD, UI_RED, UI_ALIGN_LEFT);
	}
	layout_cut_bottom(body, m->gap);
	return bar;
}

bool screen_row(app *a, ui_list *l, int *y, int h, const char *label, const char *value, const char *empty)
{
	rect r = ui_list_row(a->ui, l, *y, h);
	*y += h;
	return ui_list_item(a->ui, l, r, label, value[0] ? value : empty, false);
}

int screen_stick_files(app *a, rect body, ui_list *l, const char (*files)[FILES_PATH_MAX], int n,
                       const char *result, const char *none, bool *again)
{
	ui *u = a->ui;
	const layout_metrics *m = ui_metrics(u);
	rect bar = layout_cut_bottom(&body, m->touch + m->gap);
	*again = ui_button(u, m->portrait ? bar : layout_cut_right(&bar, bar.w / 2), _("Look again"), UI_BUTTON_SECONDARY);
	layout_cut_bottom(&body, m->gap);
	if (result[0]) {
		int h = ui_text_height(u, result, UI_FONT_BODY, body.w);
		ui_label(u, layout_cut_top(&body, h), result, UI_FONT_BODY, UI_TEXT, UI_ALIGN_LEFT);
		layout_cut_top(&body, m->gap);
	} else if (n == 0) {
		ui_label(u, body, none, UI_FONT_BODY, UI_GREY1, UI_ALIGN_CENTER);
	}
	int h = m->touch * 3 / 2, chosen = -1;
	ui_list_begin(u, l, body, n * h);
	for (int i = 0; i < n; i++)
		if (ui_list_item(u, l, ui_list_row(u, l, i * h, h), screen_file_name(files[i]), files[i], false))
			chosen = i;
	ui_list_end(u, l);
	return chosen;
}

const char *screen_file_name(const char *path)
{
	const char *slash = strrchr(path, '/');
	return slash ? slash + 1 : path;
}

/* The steppers' values as shown: kept past the frame, as scripts read the
 * widgets after it (a screen has one date or time at a time). */
static char step_values[5][24];

/* The steppers of a date and time (or a time alone), their values read
 * from text ("–" when it is "") into step_values; returns how many. */
static int when_steps(app *a, const char *text, bool date, ui_step *steps)
{
	char(*values)[24] = step_values;
	static const when_part parts[] = {WHEN_DAY, WHEN_MONTH, WHEN_YEAR, WHEN_HOUR, WHEN_MINUTE};

	/* TRANSLATORS: the names over the steppers that set a date and a time. */
	static const char *const names[] = {N_("Day"), N_("Month"), N_("Year"), N_("Hour"), N_("Minute")};
	static const char *const widest[] = {"28", NULL, "2026", "23", "55"};
	const char *month = "";
	int mw = 0, w = 0, h = 0;
	for (int i = 1; i <= 12; i++) {
		ui_measure(a->ui, when_month_name(i), UI_FONT_BOLD, &w, &h);
		if (w > mw) {
			mw = w;
			month = when_month_name(i);
		}
	}
	int n = 0;
	for (int i = date ? 0 : 3; i < 5; i++, n++) {
		int v = 0;
		if (!when_part_value(text, parts[i], &v))
			snprintf(values[n], sizeof values[n], "–");
		else if (parts[i] == WHEN_MONTH)
			snprintf(values[n], sizeof values[n], "%s", when_month_name(v));
		else
			snprintf(values[n], sizeof values[n], parts[i] >= WHEN_HOUR ? "%02d" : "%d", v);
		steps[n] = (ui_step){_(names[i]), values[n], parts[i] == WHEN_MONTH ? month : widest[i],
		                     parts[i] == WHEN_HOUR};
	}
	return n;
}

int screen_when_height(app *a, int w, const ui_form_words *words, bool date)
{
	ui_step steps[5];
	int n = when_steps(a, "", date, steps);
	return ui_form_steps_height(a->ui, w, words, steps, n);
}

bool screen_when(app *a, ui_list *l, rect r, const ui_form_words *words, char *text, size_t cap, int minute_step,
                 const char *from)
{
	ui_step steps[5];
	bool date = cap >= STORE_STARTS_MAX;
	int n = when_steps(a, text, date, steps), delta = 0;
	int i = ui_form_steps(a->ui, l, r, words, steps, n, &delta);
	if (i < 0)
		return false;
	if (!text[0]) { /* the first tap shows where it starts */
		snprintf(text, cap, "%s", from);
		return true;
	}
	static const when_part date_parts[] = {WHEN_DAY, WHEN_MONTH, WHEN_YEAR, WHEN_HOUR, WHEN_MINUTE};
	static const when_part time_parts[] = {WHEN_HOUR, WHEN_MINUTE};
	return when_step(text, cap, date ? date_parts[i] : time_parts[i], delta, minute_step);
}

ui_color note_paper(store_note_kind k)
{
	static const ui_color paper[STORE_NOTE_KINDS] = {UI_NOTE_GREEN, UI_NOTE_PINK, UI_NOTE_YELLOW};
	return paper[k];
}

ui_icon_kind note_icon(store_note_kind k)
{
	static const ui_icon_kind icon[STORE_NOTE_KINDS] = {UI_ICON_TICK, UI_ICON_ARROW, UI_ICON_BULB};
	return icon[k];
}

/* The questions the data file seeds (store_schema.c's migration SQL, where xgettext
 * cannot see them); their choices are the activities' names. */
static const char *const seeded[] = {
	N_("How valuable was this session for your time?"),
	N_("What is working well?"),
	N_("What could we do better next time?"),
	N_("In one word, how do you feel about today?"),
	N_("Which kind of learning activity engaged you most?"),
	N_("Who has a value-creation story to share?"),
	/* TRANSLATORS: a count of attendees who gave no organisation, profession or role. */
	N_("Not given"),
	N_("Other"), /* an answer by activity whose item has none */
	N_("Going well"), N_("To be improved"), N_("Idea"), /* the post-its' kinds */
	/* The professions' pick list as first seeded. */
	N_("Nurse"), N_("Doctor"), N_("Allied health professional"), N_("Pharmacist"), N_("Manager"),
	N_("Administrator"), N_("Patient or carer representative"), N_("Student"),
};

bool screen_read(app *a, int rc)
{
	if (rc != STORE_OK && rc != STORE_NOTFOUND)
		ui_toast(a->ui, store_errmsg(a->db), 5000);
	return rc == STORE_OK;
}

const char *screen_data_words(const char *text)
{
	for (size_t i = 0; i < sizeof seeded / sizeof seeded[0]; i++)
		if (!strcmp(text, seeded[i]))
			return _(text);
	for (int i = 0; i < STORE_ROLE_COUNT; i++)
		if (!strcmp(text, store_role_name(i)))
			return _(text);
	for (int i = 0; i < STORE_ACT_COUNT; i++)
		if (!strcmp(text, store_activity_name((store_activity)i)))
			return _(text);
	return text;
}
