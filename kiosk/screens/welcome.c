/* welcome: the confirmation in words — checked in, first time, or already
 * here since 10:02 — then home by itself. */
#include <stdio.h>
#include <string.h>
#include <time.h>

#include "core/lang.h"
#include "screens.h"

#define WELCOME_MS 6000

static struct {
	char title[STORE_NAME_MAX + 64];
	char text[STORE_TEXT_MAX + 400];  /* room for a longer language */
	welcome_kind kind;
	int64_t until;
} st;

void welcome_open(app *a, welcome_kind kind, const char *first, int64_t at)
{
	store_event ev;
	bool has_event = store_event_current(a->db, &ev) == STORE_OK;
	const char *community = has_event && ev.community[0] ? ev.community : NULL;
	st.kind = kind;
	switch (kind) {
	case WELCOME_ALREADY: {
		char when[16];
		time_t t = (time_t)at;
		struct tm tm;
		localtime_r(&t, &tm);
		strftime(when, sizeof when, "%H:%M", &tm);
		snprintf(st.title, sizeof st.title, _("Hello again, %s"), first);
		snprintf(st.text, sizeof st.text,
		         _("You are already checked in, at %s. Nothing more to do — enjoy the day."), when);
		break;
	}
	case WELCOME_FIRST:
		snprintf(st.title, sizeof st.title, _("Welcome, %s!"), first);
		/* Two whole sentences: a language may need "the community" worded to
		 * fit the sentence around it. */
		if (community)
			snprintf(st.text, sizeof st.text,
			         _("You are checked in. This is your first time with %s: we are glad you came. "
			           "Say hello to the facilitator, who will help you find your way."), community);
		else
			snprintf(st.text, sizeof st.text, "%s",
			         _("You are checked in. This is your first time with the community: we are glad you came. "
			           "Say hello to the facilitator, who will help you find your way."));
		break;
	case WELCOME_BACK:
	default:
		snprintf(st.title, sizeof st.title, _("Welcome back, %s!"), first);
		snprintf(st.text, sizeof st.text, "%s", _("You are checked in. Thank you for coming."));
		break;
	}
	app_show(a, &screen_welcome);
	st.until = a->now + WELCOME_MS;
	app_wake_at(a, st.until);
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
	if (a->now >= st.until) {
		app_home(a);
		return;
	}
	char back[96];
	screen_back_in(screen_seconds_left(a, st.until), back, sizeof back);
	rect body = layout_inset((rect){0, 0, m->w, m->h}, m->pad);
	rect bar = layout_cut_bottom(&body, m->touch);
	/* The NHS confirmation panel: green, white text, the words first. */
	rect panel = layout_inset(body, m->pad);
	ui_fill(u, panel, st.kind == WELCOME_ALREADY ? UI_BLUE : UI_GREEN);
	rect in = layout_inset(panel, 2 * m->pad);
	int th = ui_text_height(u, st.title, UI_FONT_TITLE, in.w);
	int bh = ui_text_height(u, st.text, UI_FONT_BODY, in.w), ch = ui_text_height(u, back, UI_FONT_BODY, in.w);
	in = layout_center(in, in.w, th + m->gap + bh + 2 * m->gap + ch);
	ui_label(u, layout_cut_top(&in, th), st.title, UI_FONT_TITLE, UI_WHITE, UI_ALIGN_CENTER);
	layout_cut_top(&in, m->gap);
	ui_label(u, layout_cut_top(&in, bh), st.text, UI_FONT_BODY, UI_WHITE, UI_ALIGN_CENTER);
	layout_cut_top(&in, 2 * m->gap);
	ui_label(u, in, back, UI_FONT_BODY, UI_WHITE, UI_ALIGN_CENTER);
	if (ui_button(u, layout_center(bar, m->portrait ? bar.w : bar.w / 2, bar.h), _("Done"), UI_BUTTON_SECONDARY))
		app_home(a);
}

const screen screen_welcome = {"welcome", NULL, frame, leave, SCREEN_IDLE_CLEARS};
