/* history: the same figures event by event, and the words that keep coming
 * back — "are we learning from past events?" */
#include <stdio.h>
#include <string.h>

#include "core/lang.h"
#include "screens.h"

#define MAX_EVENTS 24
#define MAX_WORDS 40

static struct {
	store_event_figures events[MAX_EVENTS];
	int n;
	const char *labels[MAX_EVENTS];
	double attendees[MAX_EVENTS], means[MAX_EVENTS];
	const char *shown[MAX_EVENTS], *mean_shown[MAX_EVENTS];
	store_count words[MAX_WORDS];
	const char *word_text[MAX_WORDS];
	int word_counts[MAX_WORDS];
	int nwords;
	ui_list scroll; /* the figures in one column, where their names need the room */
} st;
static char labels[MAX_EVENTS][STORE_TITLE_MAX + 24];
static char shown[MAX_EVENTS][64], mean_shown[MAX_EVENTS][32];

static void enter(app *a)
{
	static store_event_figures all[512];
	int n = 0;
	screen_read(a, store_event_history(a->db, all, 512, &n));
	/* The latest events, earliest of them first. */
	int first = n > MAX_EVENTS ? n - MAX_EVENTS : 0;
	st.n = n - first;
	memcpy(st.events, all + first, (size_t)st.n * sizeof all[0]);
	for (int i = 0; i < st.n; i++) {
		const store_event_figures *e = &st.events[i];
		snprintf(labels[i], sizeof labels[i], "%.10s %s", e->event.starts, e->event.title);
		/* TRANSLATORS: a bar's figure: people at an event, of whom newcomers. */
		snprintf(shown[i], sizeof shown[i], _("%d (%d new)"), e->attendees, e->newcomers);
		if (e->answers)
			snprintf(mean_shown[i], sizeof mean_shown[i], "%.1f", e->mean);
		else
			/* TRANSLATORS: the mean of an event's face answers when there are none. */
			snprintf(mean_shown[i], sizeof mean_shown[i], "%s", _("none"));
		st.labels[i] = labels[i];
		st.attendees[i] = e->attendees;
		st.means[i] = e->mean;
		st.shown[i] = shown[i];
		st.mean_shown[i] = mean_shown[i];
	}
	st.nwords = 0;
	screen_read(a, store_recurring_words(a->db, st.words, MAX_WORDS, &st.nwords));
	for (int i = 0; i < st.nwords; i++) {
		st.word_text[i] = st.words[i].text;
		st.word_counts[i] = st.words[i].count;
	}
}

/* A chart's title over the top of *r, wrapped where it is longer than the chart is wide. */
static void title(app *a, rect *r, const char *text)
{
	ui *u = a->ui;
	ui_label(u, layout_cut_top(r, ui_text_height(u, text, UI_FONT_BOLD, r->w)), text, UI_FONT_BOLD, UI_TEXT,
	         UI_ALIGN_LEFT);
}

/* The words that come back over r, or why there are none yet. */
static void words(app *a, rect r)
{
	title(a, &r, _("Words that come back"));
	if (st.nwords == 0)
		ui_label(a->ui, r, _("No word has come back at two events yet."), UI_FONT_SMALL, UI_GREY1, UI_ALIGN_LEFT);
	ui_word_cloud(a->ui, r, st.word_text, st.word_counts, st.nwords);
}

/* Where the events' names would be cut beside the words: the two charts at
 * the whole width, each name over its bar, and the words under them, in a
 * column that scrolls. */
static void one_column(app *a, rect body, const char *people, const char *mean)
{
	ui *u = a->ui;
	const layout_metrics *m = ui_metrics(u);
	int w = body.w - 8; /* room for the scroll bar */
	int people_h = ui_text_height(u, people, UI_FONT_BOLD, w) + ui_hbars_height(u, w, st.labels, st.n);
	int mean_h = ui_text_height(u, mean, UI_FONT_BOLD, w) + ui_hbars_height(u, w, st.labels, st.n);
	int words_h = body.h * 2 / 3;
	ui_list_begin(u, &st.scroll, body, people_h + mean_h + words_h + 2 * m->gap);
	rect r = ui_list_row(u, &st.scroll, 0, people_h);
	r.w = w;
	title(a, &r, people);
	ui_hbars(u, r, st.labels, st.attendees, st.n, st.shown, UI_BLUE);
	r = ui_list_row(u, &st.scroll, people_h + m->gap, mean_h);
	r.w = w;
	title(a, &r, mean);
	ui_hbars(u, r, st.labels, st.means, st.n, st.mean_shown, UI_GREEN);
	r = ui_list_row(u, &st.scroll, people_h + mean_h + 2 * m->gap, words_h);
	r.w = w;
	words(a, r);
	ui_list_end(u, &st.scroll);
}

static void frame(app *a)
{
	ui *u = a->ui;
	const layout_metrics *m = ui_metrics(u);
	rect body;
	if (!review_frame(a, &body, REVIEW_HISTORY))
		return;
	const char *people = _("People at each event"), *mean = _("Mean of face answers");
	rect whole = body;
	rect cloud = m->portrait ? layout_cut_bottom(&body, body.h / 3) : layout_cut_right(&body, body.w / 3);
	if (m->portrait)
		layout_cut_bottom(&body, m->gap);
	else
		layout_cut_right(&body, m->gap * 2);
	rect top = layout_cut_top(&body, body.h / 2);
	layout_cut_top(&body, m->gap);
	rect top_bars = top, mean_bars = body;
	layout_cut_top(&top_bars, ui_text_height(u, people, UI_FONT_BOLD, top.w));
	layout_cut_top(&mean_bars, ui_text_height(u, mean, UI_FONT_BOLD, body.w));
	if (!ui_hbars_whole(u, top_bars, st.labels, st.n, st.shown) ||
	    !ui_hbars_whole(u, mean_bars, st.labels, st.n, st.mean_shown)) {
		one_column(a, whole, people, mean);
		return;
	}
	title(a, &top, people);
	title(a, &body, mean);
	ui_hbars(u, top, st.labels, st.attendees, st.n, st.shown, UI_BLUE);
	ui_hbars(u, body, st.labels, st.means, st.n, st.mean_shown, UI_GREEN);
	words(a, cloud);
}

const screen screen_history = {"past events", enter, frame, NULL, SCREEN_IDLE_CLEARS};
