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

static void frame(app *a)
{
	ui *u = a->ui;
	const layout_metrics *m = ui_metrics(u);
	rect body;
	if (!review_frame(a, &body, REVIEW_HISTORY))
		return;
	rect words = m->portrait ? layout_cut_bottom(&body, body.h / 3) : layout_cut_right(&body, body.w / 3);
	if (m->portrait)
		layout_cut_bottom(&body, m->gap);
	else
		layout_cut_right(&body, m->gap * 2);
	/* Chart titles wrap where they are longer than the chart is wide. */
	const char *people = _("People at each event"), *mean = _("Mean of face answers");
	rect top = layout_cut_top(&body, body.h / 2);
	ui_label(u, layout_cut_top(&top, ui_text_height(u, people, UI_FONT_BOLD, top.w)), people, UI_FONT_BOLD, UI_TEXT,
	         UI_ALIGN_LEFT);
	ui_hbars(u, top, st.labels, st.attendees, st.n, st.shown, UI_BLUE);
	layout_cut_top(&body, m->gap);
	ui_label(u, layout_cut_top(&body, ui_text_height(u, mean, UI_FONT_BOLD, body.w)), mean, UI_FONT_BOLD, UI_TEXT,
	         UI_ALIGN_LEFT);
	ui_hbars(u, body, st.labels, st.means, st.n, st.mean_shown, UI_GREEN);
	const char *recur = _("Words that come back");
	ui_label(u, layout_cut_top(&words, ui_text_height(u, recur, UI_FONT_BOLD, words.w)), recur, UI_FONT_BOLD, UI_TEXT,
	         UI_ALIGN_LEFT);
	if (st.nwords == 0)
		ui_label(u, words, _("No word has come back at two events yet."), UI_FONT_SMALL, UI_GREY1, UI_ALIGN_LEFT);
	ui_word_cloud(u, words, st.word_text, st.word_counts, st.nwords);
}

const screen screen_history = {"past events", enter, frame, NULL, SCREEN_IDLE_CLEARS};
