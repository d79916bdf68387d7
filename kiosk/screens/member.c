/* member: "I'm new here" — a walk-in registers and is checked in — and, for
 * the facilitator, one member's details: edit, undo a check-in, forget. */
#include <assert.h>
#include <stdio.h>
#include <string.h>

#include "core/lang.h"
#include "screens.h"

#define MAX_PROFESSIONS 32

static struct {
	store_member m;          /* the draft */
	store_member saved;      /* as stored (facilitator edit) */
	int64_t checkin_id;      /* facilitator: their check-in at this event */
	const char *message;
	char message_buf[STORE_TEXT_MAX];
	store_member same;       /* a member already in the list with this name */
	enum { ASK_NONE, ASK_SAME, ASK_UNDO, ASK_FORGET, ASK_LEAVE } asking;
	char question[2 * STORE_NAME_MAX + STORE_TEXT_MAX + 96];
	char professions[MAX_PROFESSIONS][STORE_TEXT_MAX];
	ui_list list;
} st;

void member_open(app *a, int64_t id, int64_t checkin_id)
{
	memset(&st, 0, sizeof st);
	if (id && store_member_get(a->db, id, &st.m) != STORE_OK) {
		ui_toast(a->ui, store_errmsg(a->db), 5000);
		return;
	}
	st.saved = st.m;
	st.checkin_id = checkin_id;
	app_show(a, &screen_member);
}

/* Also on each return from a field: an old complaint would no longer be true. */
static void enter(app *a)
{
	(void)a;
	st.asking = ASK_NONE;
	st.message = NULL;
}

static const char *check_email(const char *text)
{
	return store_email_valid(text) ? NULL
	                               : _("That email address does not look right: it needs one @ and a domain, "
	                                   "like name@nhs.net");
}

static int suggest_organisation(app *a, const char *text, char (*out)[STORE_TEXT_MAX], int max)
{
	int n = 0;
	if (store_organisations(a->db, text, out, max, &n) != STORE_OK)
		return 0;
	return n;
}

static void say(const char *message)
{
	snprintf(st.message_buf, sizeof st.message_buf, "%s", message);
	st.message = st.message_buf;
}

/* "I'm new here" submitted: register (unless the same person is known) and
 * check in. */
static void register_walk_in(app *a)
{
	if (!st.m.first[0] || !st.m.last[0]) {
		say(_("Please give your first name and your last name."));
		return;
	}
	if (store_member_find_same(a->db, &st.m, &st.same) == STORE_OK) {
		/* One whole sentence each, with and without the organisation. */
		if (st.same.organisation[0])
			/* TRANSLATORS: first name, last name, organisation. */
			snprintf(st.question, sizeof st.question, _("%s %s from %s is already on the list. Is that you?"),
			         st.same.first, st.same.last, st.same.organisation);
		else
			/* TRANSLATORS: first name, last name. */
			snprintf(st.question, sizeof st.question, _("%s %s is already on the list. Is that you?"),
			         st.same.first, st.same.last);
		st.asking = ASK_SAME;
		return;
	}
	store_member added = st.m;
	if (!checkin_walk_in_ready(a, &added))
		say(store_errmsg(a->db));
}

static void save_edit(app *a)
{
	if (store_member_update(a->db, &st.m) != STORE_OK) {
		say(store_errmsg(a->db));
		return;
	}
	ui_toast(a->ui, _("Saved."), 3000);
	app_show(a, &screen_here);
}

static void answer(app *a)
{
	/* TRANSLATORS: the answers to "... is already on the list. Is that you?",
	 * "Undo this check-in?", "Forget this person?" and "Leave without saving?". */
	static const char *const yes[] = {"", N_("Yes, that's me"), N_("Undo check-in"), N_("Forget"), N_("Leave")};
	/* TRANSLATORS: the other answers to the same questions, in the same order. */
	static const char *const no[] = {"", N_("No, add me"), N_("Keep it"), N_("Keep"), N_("Keep editing")};
	assert(st.asking != ASK_NONE); /* yes[0] and no[0] are never shown: _("") is the catalogue's header */
	/* A permanent action names whom it is done to. */
	if (st.asking == ASK_UNDO)
		/* TRANSLATORS: first name, last name. */
		snprintf(st.question, sizeof st.question,
		         _("Undo this check-in? %s %s will no longer count as here."), st.saved.first, st.saved.last);
	else if (st.asking == ASK_FORGET)
		/* TRANSLATORS: first name, last name. */
		snprintf(st.question, sizeof st.question,
		         _("Forget %s %s? Their name, organisation and email are removed for good; their anonymous "
		           "feedback stays."),
		         st.saved.first, st.saved.last);
	const char *q = st.asking == ASK_LEAVE ? _("Leave without saving your changes?") : st.question;
	bool permanent = st.asking == ASK_UNDO || st.asking == ASK_FORGET;
	int answered = permanent ? ui_confirm_danger(a->ui, q, _(yes[st.asking]), _(no[st.asking]))
	                         : ui_confirm(a->ui, q, _(yes[st.asking]), _(no[st.asking]));
	if (!answered)
		return;
	int asked = st.asking;
	st.asking = ASK_NONE;
	store_member m = st.m;
	if (asked == ASK_SAME && answered > 0) {
		m = st.same;
		checkin_member_chosen(a, &m);
	} else if (asked == ASK_SAME) {
		if (!checkin_walk_in_ready(a, &m))
			say(store_errmsg(a->db));
	} else if (asked == ASK_UNDO && answered > 0) {
		if (store_checkin_undo(a->db, st.checkin_id) != STORE_OK) {
			say(store_errmsg(a->db));
			return;
		}
		ui_toast(a->ui, _("The check-in is undone."), 3000);
		app_show(a, &screen_here);
	} else if (asked == ASK_FORGET && answered > 0) {
		if (store_member_forget(a->db, st.m.id) != STORE_OK) {
			say(store_errmsg(a->db));
			return;
		}
		ui_toast(a->ui, _("Forgotten: the personal details are removed."), 4000);
		app_show(a, &screen_here);
	} else if (asked == ASK_LEAVE && answered > 0) {
		app_show(a, &screen_here);
	}
}

static void frame(app *a)
{
	ui *u = a->ui;
	const layout_metrics *m = ui_metrics(u);
	bool walk_in = st.m.id == 0;
	rect body = {0, 0, m->w, m->h};
	if (screen_header(a, &body, walk_in ? _("I'm new here") : _("Member"), _("Back"))) {
		if (walk_in)
			checkin_resume(a);
		else if (memcmp(&st.m, &st.saved, sizeof st.m))
			st.asking = ASK_LEAVE;
		else
			app_show(a, &screen_here);
		return;
	}
	rect bar = screen_form_bar(a, &body, st.message);

	int h = m->touch * 3 / 2, y = 0;
	ui_list_begin(u, &st.list, body, 7 * h);
	if (screen_row(a, &st.list, &y, h, _("First name"), st.m.first, _("Tap to write your first name")))
		textedit_open_as(a, _("First name"), st.m.first, sizeof st.m.first, STORE_NAME_CHARS, KEYBOARD_LETTERS,
		                 KEYBOARD_NAME, NULL, NULL);
	if (screen_row(a, &st.list, &y, h, _("Last name"), st.m.last, _("Tap to write your last name")))
		textedit_open_as(a, _("Last name"), st.m.last, sizeof st.m.last, STORE_NAME_CHARS, KEYBOARD_LETTERS,
		                 KEYBOARD_NAME, NULL, NULL);
	if (screen_row(a, &st.list, &y, h, _("Organisation"), st.m.organisation, _("Where you work or volunteer")))
		textedit_open(a, _("Organisation"), st.m.organisation, sizeof st.m.organisation, STORE_TEXT_CHARS,
		              KEYBOARD_LETTERS, NULL, suggest_organisation);
	if (screen_row(a, &st.list, &y, h, _("Profession"), screen_data_words(st.m.profession), _("Tap to choose"))) {
		int n = 0;
		store_professions(a->db, st.professions, MAX_PROFESSIONS, &n);
		choose_open(a, _("Profession"), (const char (*)[STORE_TEXT_MAX])st.professions, n, st.m.profession,
		            sizeof st.m.profession);
	}
	if (screen_row(a, &st.list, &y, h, _("Email (optional)"), st.m.email,
	               _("Only if you would like us to write to you")))
		textedit_open_as(a, _("Email (optional)"), st.m.email, sizeof st.m.email, STORE_EMAIL_MAX - 1,
		                 KEYBOARD_LETTERS, KEYBOARD_EMAIL, check_email, NULL);
	rect t1 = layout_inset(ui_list_row(u, &st.list, y, h), m->pad / 2);
	y += h;
	rect t2 = layout_inset(ui_list_row(u, &st.list, y, h), m->pad / 2);
	bool v1 = st.m.mailing_list, v2 = st.m.may_contact;
	if (ui_toggle(u, t1, _("Add me to the community mailing list"), &v1) && !st.list.dragged)
		st.m.mailing_list = v1;
	if (ui_toggle(u, t2, _("You may contact me about this community"), &v2) && !st.list.dragged)
		st.m.may_contact = v2;
	ui_list_end(u, &st.list);

	if (walk_in) {
		if (ui_button(u, m->portrait ? bar : layout_cut_right(&bar, bar.w / 2), _("Check me in"),
		              UI_BUTTON_PRIMARY))
			register_walk_in(a);
	} else {
		int cols = st.checkin_id ? 3 : 2;
		if (ui_button(u, layout_cell(bar, cols, 1, cols - 1, 0, m->gap), _("Save"), UI_BUTTON_PRIMARY))
			save_edit(a);
		if (ui_button(u, layout_cell(bar, cols, 1, 0, 0, m->gap), _("Forget"), UI_BUTTON_DANGER))
			st.asking = ASK_FORGET;
		if (st.checkin_id && ui_button(u, layout_cell(bar, cols, 1, 1, 0, m->gap), _("Undo check-in"),
		                               UI_BUTTON_DANGER))
			st.asking = ASK_UNDO;
	}
	if (st.asking != ASK_NONE)
		answer(a);
}

const screen screen_member = {"member", enter, frame, NULL, SCREEN_IDLE_CLEARS};
