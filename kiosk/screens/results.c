/* results: what a reflection prompt's answers say — faces and choices as bar
 * charts with mean and number of answers, scale answers per agenda item and
 * per kind of learning activity, one-word answers as a word cloud, texts as a
 * list. */
#include <stdio.h>
#include <string.h>

#include "core/lang.h"
#include "screens.h"

#define MAX_PROMPTS 64
#define MAX_BARS 64
#define MAX_WORDS 60
#define MAX_TEXTS 300

/* TRANSLATORS: the words under the five faces of a rating, worst to best. */
static const char *const faces[5] = {
	NC_("face", "Very poor"), NC_("face", "Poor"), NC_("face", "OK"), NC_("face", "Good"),
	NC_("face", "Very good"),
};

static struct {
	int64_t event_id;
	store_prompt prompts[MAX_PROMPTS];
	int nprompts, current;
	char chosen[STORE_TEXT_MAX];     /* the prompt's text, from choose */
	bool by_activity;                /* scale: per activity type instead of per item */
	bool means;                      /* scale, one chart at a time: the means showing */
	int answers;
	double mean;
	char summary[96];
	int counts[STORE_CHOICES + 1];
	/* The bars: labels, values and what is written beside them. */
	const char *labels[MAX_BARS];
	double values[MAX_BARS];
	const char *shown[MAX_BARS];
	int nbars;
	const char *side_labels[MAX_BARS];
	double side_values[MAX_BARS];
	const char *side_shown[MAX_BARS];
	int nside;
	store_count words[MAX_WORDS];
	const char *word_text[MAX_WORDS];
	int word_counts[MAX_WORDS];
	int nwords;
	int ntexts;
	ui_list list;
} st;
static char prompt_names[MAX_PROMPTS][STORE_TEXT_MAX];
static char shown_buf[MAX_BARS][32], side_buf[MAX_BARS][32];
static store_mean means[MAX_BARS];
static store_response texts[MAX_TEXTS];

static void summarise(app *a)
{
	const store_prompt *p = &st.prompts[st.current];
	st.nbars = st.nside = st.nwords = st.ntexts = 0;
	memset(st.counts, 0, sizeof st.counts);
	screen_read(a, store_answer_counts(a->db, p->id, st.event_id, 0, st.counts, &st.answers, &st.mean));
	if (p->kind == STORE_PROMPT_SCALE)
		snprintf(st.summary, sizeof st.summary,
		         ngettext("%d answer · mean %.1f out of 5", "%d answers · mean %.1f out of 5", st.answers),
		         st.answers, st.mean);
	else
		snprintf(st.summary, sizeof st.summary, ngettext("%d answer", "%d answers", st.answers), st.answers);
	if (p->kind == STORE_PROMPT_SCALE || p->kind == STORE_PROMPT_CHOICE) {
		int n = p->kind == STORE_PROMPT_SCALE ? 5 : p->nchoices;
		for (int i = 0; i < n; i++) {
			int v = p->kind == STORE_PROMPT_SCALE ? st.counts[i + 1] : st.counts[i];
			st.labels[i] = p->kind == STORE_PROMPT_SCALE ? C_("face", faces[i]) : screen_data_words(p->choices[i]);
			st.values[i] = v;
			snprintf(shown_buf[i], sizeof shown_buf[i], "%d", v);
			st.shown[i] = shown_buf[i];
		}
		st.nbars = n;
	}
	if (p->kind == STORE_PROMPT_SCALE) {
		int n = 0;
		if (st.by_activity)
			screen_read(a, store_scale_by_activity(a->db, p->id, st.event_id, means, MAX_BARS, &n));
		else
			screen_read(a, store_scale_by_item(a->db, p->id, st.event_id, means, MAX_BARS, &n));
		for (int i = 0; i < n; i++) {
			/* An agenda item's title as typed; an activity's name is the kiosk's. */
			st.side_labels[i] = st.by_activity ? screen_data_words(means[i].label) : means[i].label;
			st.side_values[i] = means[i].mean;
			/* TRANSLATORS: beside a bar: the mean of a scale and how many answered. */
			snprintf(side_buf[i], sizeof side_buf[i], ngettext("%.1f · %d answer", "%.1f · %d answers", means[i].answers),
			         means[i].mean, means[i].answers);
			st.side_shown[i] = side_buf[i];
		}
		st.nside = n;
	}
	if (p->kind == STORE_PROMPT_WORD) {
		screen_read(a, store_words(a->db, p->id, st.event_id, st.words, MAX_WORDS, &st.nwords));
		for (int i = 0; i < st.nwords; i++) {
			st.word_text[i] = st.words[i].text;
			st.word_counts[i] = st.words[i].count;
		}
	}
	if (p->kind == STORE_PROMPT_TEXT)
		screen_read(a, store_texts(a->db, p->id, st.event_id, texts, MAX_TEXTS, &st.ntexts));
}

static void enter(app *a)
{
	store_event ev;
	st.event_id = store_event_current(a->db, &ev) == STORE_OK ? ev.id : 0;
	st.nprompts = 0;
	screen_read(a, store_prompt_list(a->db, st.prompts, MAX_PROMPTS, &st.nprompts));
	st.current = 0;
	for (int i = 0; i < st.nprompts; i++) {
		snprintf(prompt_names[i], sizeof prompt_names[i], "%s", st.prompts[i].text); /* shown translated */
		if (!strcmp(st.chosen, prompt_names[i]))
			st.current = i;
	}
	if (st.nprompts)
		summarise(a);
}

/* The row naming the prompt shown, its question wrapped in full (it is the
 * heading of what follows), cut from the top of *body; opens the choice of
 * prompt when tapped. */
static void prompt_row(app *a, rect *body, const char *question)
{
	ui *u = a->ui;
	const layout_metrics *m = ui_metrics(u);
	/* TRANSLATORS: a prompt is a reflection question put to attendees. */
	const char *title = _("Prompt");
	int th = ui_line_height(u, UI_FONT_BOLD), qh = ui_text_height(u, question, UI_FONT_SMALL, body->w - 2 * m->pad);
	int h = th + qh + m->pad;
	rect r = layout_cut_top(body, h > m->touch ? h : m->touch);
	layout_cut_top(body, m->gap);
	bool held = false;
	bool tapped = ui_hit(u, r, "prompt", 0, &held) != UI_NO_TAP;
	ui_fill(u, r, held ? UI_YELLOW : UI_WHITE);
	ui_fill(u, (rect){r.x, r.y + r.h - 1, r.w, 1}, UI_GREY4);
	rect in = layout_inset(r, m->pad);
	in.y = r.y + (r.h - th - qh) / 2;
	ui_text(u, layout_cut_top(&in, th), title, UI_FONT_BOLD, UI_TEXT, UI_ALIGN_LEFT);
	in.h = qh;
	ui_label(u, in, question, UI_FONT_SMALL, UI_GREY1, UI_ALIGN_LEFT);
	ui_show(u, "item", title, r);
	if (tapped)
		choose_open(a, _("Which prompt?"), (const char (*)[STORE_TEXT_MAX])prompt_names, st.nprompts, st.chosen,
		            sizeof st.chosen);
}

/* The choice of chart over r, in one type for all of its buttons: the
 * faces ("Answers", when one chart shows at a time: with_faces), the means
 * by agenda item or by kind of activity. */
static void chart_choice(app *a, rect r, bool with_faces)
{
	ui *u = a->ui;
	const layout_metrics *m = ui_metrics(u);
	const char *labels[3] = {_("Answers"), _("By agenda item"), _("By activity")};
	int first = with_faces ? 0 : 1, n = 3 - first;
	ui_font f = UI_FONT_BOLD;
	for (int i = first; i < 3; i++) {
		int w = 0, h = 0;
		ui_measure(u, labels[i], UI_FONT_BOLD, &w, &h);
		if (w + h + m->gap / 2 + m->pad > layout_cell(r, n, 1, 0, 0, m->gap / 2).w)
			f = UI_FONT_SMALL;
	}
	int showing = !st.means && with_faces ? 0 : st.by_activity ? 2 : 1;
	for (int i = first; i < 3; i++)
		if (ui_choice(u, layout_cell(r, n, 1, i - first, 0, m->gap / 2), labels[i], f, i == showing) &&
		    i != showing) {
			st.means = i > 0;
			if (i > 0 && st.by_activity != (i == 2)) {
				st.by_activity = i == 2;
				summarise(a);
			}
		}
}

/* The summary line over the top of *body. */
static void summary(app *a, rect *body)
{
	ui *u = a->ui;
	rect r = layout_cut_top(body, ui_text_height(u, st.summary, UI_FONT_BOLD, body->w));
	ui_label(u, r, st.summary, UI_FONT_BOLD, UI_TEXT, UI_ALIGN_LEFT);
	layout_cut_top(body, ui_metrics(u)->gap);
}

/* Landscape without room for both charts whole side by side (agenda items
 * named in full): one at a time over the body, chosen above it. */
static void one_chart(app *a, rect body)
{
	ui *u = a->ui;
	const layout_metrics *m = ui_metrics(u);
	if (!a->presenting) {
		chart_choice(a, layout_cut_top(&body, m->touch), true);
		layout_cut_top(&body, m->gap);
	}
	summary(a, &body);
	if (st.means)
		ui_hbars(u, body, st.side_labels, st.side_values, st.nside, st.side_shown, UI_GREEN);
	else
		ui_vbars(u, body, st.labels, st.values, st.nbars, st.shown, UI_BLUE);
}

/* A scale's answers: the faces as bars, and the mean per agenda item or per
 * kind of activity beside them (landscape) or under them (portrait), each
 * given the room its words need; in landscape one at a time when the means'
 * names would not be whole beside the faces. */
static void scale_charts(app *a, rect body)
{
	ui *u = a->ui;
	const layout_metrics *m = ui_metrics(u);
	rect side;
	int lh = ui_line_height(u, UI_FONT_SMALL), toggle_h = a->presenting ? 0 : m->touch + m->gap;
	if (m->portrait) {
		summary(a, &body);
		/* The means' rows each their name, wrapped at the whole width, over
		 * their bar; at least half the height. */
		int side_h = toggle_h;
		for (int i = 0; i < st.nside; i++)
			side_h += ui_text_height(u, st.side_labels[i], UI_FONT_SMALL, body.w) + lh + m->gap / 2;
		side_h = side_h < body.h / 2 ? body.h / 2 : side_h > body.h * 2 / 3 ? body.h * 2 / 3 : side_h;
		side = layout_cut_bottom(&body, side_h);
		layout_cut_bottom(&body, m->gap);
	} else {
		/* The faces' chart is as wide as their words need under the bars
		 * ("Gweddol"), at least half and at most three fifths (beyond, the
		 * words stagger); the choice of means goes beside the summary,
		 * leaving the means' rows the height. */
		int word = 0;
		for (int i = 0; i < st.nbars; i++) {
			int w = ui_widest_word(u, st.labels[i], UI_FONT_SMALL);
			word = w > word ? w : word;
		}
		int faces_w = st.nbars * (word + m->gap / 2);
		faces_w = faces_w < body.w / 2 ? body.w / 2 : faces_w > body.w * 3 / 5 ? body.w * 3 / 5 : faces_w;
		rect rest = body;
		side = layout_cut_right(&rest, rest.w - faces_w - m->gap * 2);
		rect bars = side;
		layout_cut_top(&bars, toggle_h);
		if (!ui_hbars_whole(u, bars, st.side_labels, st.nside, st.side_shown)) {
			one_chart(a, body);
			return;
		}
		st.means = false;
		body = rest;
		layout_cut_right(&body, m->gap * 2);
		summary(a, &body);
	}
	ui_vbars(u, body, st.labels, st.values, st.nbars, st.shown, UI_BLUE);
	rect toggle = layout_cut_top(&side, toggle_h);
	if (!a->presenting) {
		layout_cut_bottom(&toggle, m->gap);
		chart_choice(a, toggle, false);
	}
	ui_hbars(u, side, st.side_labels, st.side_values, st.nside, st.side_shown, UI_GREEN);
}

static void frame(app *a)
{
	ui *u = a->ui;
	const layout_metrics *m = ui_metrics(u);
	rect body;
	if (!review_frame(a, &body, REVIEW_RESULTS))
		return;
	if (!st.nprompts) {
		ui_label(u, body, _("No reflection prompts yet."), UI_FONT_BODY, UI_GREY1, UI_ALIGN_CENTER);
		return;
	}
	const store_prompt *p = &st.prompts[st.current];
	const char *question = screen_data_words(p->text);
	if (!a->presenting) {
		prompt_row(a, &body, question);
	} else {
		int qh = ui_text_height(u, question, UI_FONT_TITLE, body.w);
		ui_label(u, layout_cut_top(&body, qh), question, UI_FONT_TITLE, UI_TEXT, UI_ALIGN_LEFT);
	}
	if (p->kind == STORE_PROMPT_SCALE && st.answers > 0) {
		scale_charts(a, body);
		return;
	}
	ui_label(u, layout_cut_top(&body, ui_text_height(u, st.summary, UI_FONT_BOLD, body.w)), st.summary, UI_FONT_BOLD,
	         UI_TEXT, UI_ALIGN_LEFT);
	layout_cut_top(&body, m->gap);
	if (st.answers == 0) {
		ui_label(u, body, _("No answers yet."), UI_FONT_BODY, UI_GREY1, UI_ALIGN_CENTER);
		return;
	}
	switch (p->kind) {
	case STORE_PROMPT_CHOICE:
		ui_hbars(u, body, st.labels, st.values, st.nbars, st.shown, UI_BLUE);
		break;
	case STORE_PROMPT_WORD:
		ui_word_cloud(u, body, st.word_text, st.word_counts, st.nwords);
		break;
	default: {
		int h = 3 * ui_line_height(u, UI_FONT_SMALL) + m->pad;
		ui_list_begin(u, &st.list, body, st.ntexts * (h + m->gap / 2));
		for (int i = 0; i < st.ntexts; i++) {
			rect r = ui_list_row(u, &st.list, i * (h + m->gap / 2), h);
			if (r.y + r.h < body.y || r.y > body.y + body.h)
				continue;
			ui_fill(u, r, UI_WHITE);
			/* An answer of up to 120 characters fits three lines; a longer
			 * one is cut at a word with "…" rather than mid-line. */
			rect in = layout_inset(r, m->pad / 2);
			ui_text_lines(u, in, texts[i].text, UI_FONT_SMALL, UI_TEXT, UI_ALIGN_LEFT);
			ui_show(u, "label", texts[i].text, in);
		}
		ui_list_end(u, &st.list);
		break;
	}
	}
}

const screen screen_results = {"reflections results", enter, frame, NULL, SCREEN_IDLE_CLEARS};
