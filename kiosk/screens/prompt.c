/* prompt: one prompt of the bank — its question, its kind and choices — and
 * starting it now, for the current agenda item or a chosen one. */
#include <stdio.h>
#include <string.h>

#include "core/lang.h"
#include "screens.h"

#define MAX_ITEMS 64

static const char *const kind_options[STORE_PROMPT_KINDS] = {N_("Faces, 1 to 5"), N_("One word"), N_("Short text"),
                                                              N_("Choice")};
static const char whichever[] = N_("Whichever is current");
/* kind_options in the language shown, for the pick list and its answer. */
static char kind_names[STORE_PROMPT_KINDS][STORE_TEXT_MAX];

static struct {
	store_prompt p;           /* the draft */
	store_prompt saved;
	char kind_name[STORE_TEXT_MAX];
	char item_name[STORE_TEXT_MAX];
	store_agenda_item items[MAX_ITEMS];
	int nitems;
	int64_t event_id;
	const char *message;
	char message_buf[STORE_TEXT_MAX];
	bool asking;              /* delete? */
	ui_list list;
} st;
/* "Whichever is current", then "09:30 Welcome"...; apart from st, which it is made from. */
static char item_names[MAX_ITEMS + 1][STORE_TEXT_MAX];

static void name_kinds(void)
{
	for (int k = 0; k < STORE_PROMPT_KINDS; k++)
		snprintf(kind_names[k], sizeof kind_names[k], "%s", _(kind_options[k]));
}

void prompt_open(app *a, int64_t id)
{
	memset(&st, 0, sizeof st);
	name_kinds();
	st.p.kind = STORE_PROMPT_TEXT;
	if (id && store_prompt_get(a->db, id, &st.p) != STORE_OK) {
		ui_toast(a->ui, store_errmsg(a->db), 5000);
		return;
	}
	st.saved = st.p;
	snprintf(st.kind_name, sizeof st.kind_name, "%s", kind_names[st.p.kind]);
	snprintf(st.item_name, sizeof st.item_name, "%s", _(whichever));
	app_show(a, &screen_prompt);
}

/* On every return from a field or a pick list. */
static void enter(app *a)
{
	st.message = NULL;
	st.asking = false;
	for (int k = 0; k < STORE_PROMPT_KINDS; k++)
		if (!strcmp(st.kind_name, kind_names[k]))
			st.p.kind = (store_prompt_kind)k;
	if (st.p.kind == STORE_PROMPT_CHOICE && st.p.nchoices < 2)
		st.p.nchoices = 2;
	store_event ev;
	st.event_id = store_event_current(a->db, &ev) == STORE_OK ? ev.id : 0;
	st.nitems = 0;
	if (st.event_id)
		screen_read(a, store_agenda_list(a->db, st.event_id, st.items, MAX_ITEMS, &st.nitems));
	snprintf(item_names[0], sizeof item_names[0], "%s", _(whichever));
	for (int i = 0; i < st.nitems; i++)
		snprintf(item_names[i + 1], sizeof item_names[i + 1], "%s %s", st.items[i].starts, st.items[i].title);
}

static void say(const char *message)
{
	snprintf(st.message_buf, sizeof st.message_buf, "%s", message);
	st.message = st.message_buf;
}

static bool save(app *a)
{
	if (st.p.kind != STORE_PROMPT_CHOICE)
		st.p.nchoices = 0;
	int rc = st.p.id ? store_prompt_update(a->db, &st.p) : store_prompt_add(a->db, &st.p);
	if (rc != STORE_OK) {
		say(store_errmsg(a->db));
		return false;
	}
	st.saved = st.p;
	return true;
}

static void start(app *a)
{
	if (!st.event_id) {
		say(_("Set up an event first: answers belong to an event."));
		return;
	}
	if (!save(a))
		return;
	int64_t item = 0;
	for (int i = 0; i < st.nitems; i++)
		if (!strcmp(st.item_name, item_names[i + 1]))
			item = st.items[i].id;
	if (store_prompt_start(a->db, st.event_id, st.p.id, item) != STORE_OK) {
		say(store_errmsg(a->db));
		return;
	}
	ui_toast(a->ui, _("Started: \"Reflect\" is on the home screen."), 4000);
	app_show(a, &screen_prompts);
}

static void frame(app *a)
{
	ui *u = a->ui;
	const layout_metrics *m = ui_metrics(u);
	rect body = {0, 0, m->w, m->h};
	/* TRANSLATORS: a prompt is a reflection question put to attendees. */
	if (screen_header(a, &body, st.p.id ? _("Prompt") : _("New prompt"), _("Back"))) {
		app_show(a, &screen_prompts);
		return;
	}
	rect bar = screen_form_bar(a, &body, st.message);
	bool choice = st.p.kind == STORE_PROMPT_CHOICE;
	int h = m->touch * 3 / 2, y = 0, rows = 3 + (choice ? st.p.nchoices + 1 : 0);
	ui_list_begin(u, &st.list, body, rows * h);
	if (screen_row(a, &st.list, &y, h, _("Question"), screen_data_words(st.p.text), _(SCREEN_NOT_SET)))
		textedit_open(a, _("Question"), st.p.text, sizeof st.p.text, STORE_PROMPT_CHARS, KEYBOARD_LETTERS, NULL, NULL);
	if (screen_row(a, &st.list, &y, h, _("Kind of answer"), st.kind_name, _(SCREEN_NOT_SET)))
		choose_open(a, _("Kind of answer"), (const char (*)[STORE_TEXT_MAX])kind_names, STORE_PROMPT_KINDS,
		            st.kind_name, sizeof st.kind_name);
	if (screen_row(a, &st.list, &y, h, _("For agenda item"), st.item_name, _(SCREEN_NOT_SET)))
		choose_open(a, _("For agenda item"), (const char (*)[STORE_TEXT_MAX])item_names, st.nitems + 1,
		            st.item_name, sizeof st.item_name);
	for (int i = 0; choice && i < st.p.nchoices; i++) {
		char label[32];
		snprintf(label, sizeof label, _("Choice %d"), i + 1);
		if (screen_row(a, &st.list, &y, h, label, st.p.choices[i], _(SCREEN_NOT_SET)))
			textedit_open(a, label, st.p.choices[i], sizeof st.p.choices[i], 40, KEYBOARD_LETTERS, NULL, NULL);
	}
	if (choice && st.p.nchoices < STORE_CHOICES &&
	    screen_row(a, &st.list, &y, h, _("Add a choice"), _("Up to 8"), _(SCREEN_NOT_SET)))
		st.p.nchoices++;
	ui_list_end(u, &st.list);

	/* The bar's buttons, right to left; one type for them all (Welsh
	 * "Dechrau nawr" wraps). */
	static const char *const words[] = {N_("Start now"), N_("Save"), N_("Delete")};
	static const ui_button_style styles[] = {UI_BUTTON_PRIMARY, UI_BUTTON_SECONDARY, UI_BUTTON_DANGER};
	int cols = st.p.id ? 3 : 2, tapped = -1;
	ui_font f = UI_FONT_BOLD;
	for (int i = 0; i < cols; i++) {
		ui_font fi = ui_tile_font(u, layout_cell(bar, cols, 1, cols - 1 - i, 0, m->gap), _(words[i]), NULL, styles[i]);
		f = fi < f ? fi : f;
	}
	for (int i = 0; i < cols; i++)
		if (ui_tile_in(u, layout_cell(bar, cols, 1, cols - 1 - i, 0, m->gap), _(words[i]), NULL, styles[i], f))
			tapped = i;
	if (tapped == 0)
		start(a);
	if (tapped == 1 && save(a)) {
		ui_toast(u, _("Prompt saved."), 3000);
		app_show(a, &screen_prompts);
		return;
	}
	if (tapped == 2)
		st.asking = true;
	if (st.asking) {
		char question[sizeof st.p.text + 96];
		/* TRANSLATORS: %s is the question asked by the prompt. */
		snprintf(question, sizeof question, _("Delete \"%s\" from the bank? Its answers are kept."),
		         screen_data_words(st.p.text));
		int answer = ui_confirm_danger(u, question, _("Delete"), _("Keep it"));
		if (answer > 0 && store_prompt_delete(a->db, st.p.id) == STORE_OK) {
			ui_toast(u, _("Prompt deleted."), 3000);
			app_show(a, &screen_prompts);
		} else if (answer > 0) {
			say(store_errmsg(a->db));
		}
		if (answer)
			st.asking = false;
	}
}

const screen screen_prompt = {"prompt", enter, frame, NULL, SCREEN_IDLE_CLEARS};
