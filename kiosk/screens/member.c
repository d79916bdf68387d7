/* member: "I'm new here" — a walk-in registers and is checked in — and, for
 * the facilitator, one member's details: edit, undo a check-in, forget. */
#include <assert.h>
#include <stdio.h>
#include <string.h>

#include "core/lang.h"
#include "core/text.h"
#include "screens.h"

#define MAX_PROFESSIONS 32

/* The form's parts, in the order they show. */
enum { F_FIRST, F_LAST, F_ORG, F_PROFESSION, F_EMAIL, F_MAILING, F_CONTACT, F_COUNT };

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
	bool tried;              /* the form was sent once: its errors show */
	bool show_summary;       /* sent with errors: scroll up to their summary */
	int shown_focus;         /* the part whose keyboard showed last frame, or -1 */
} st;

static void focus_part(app *a, int f);

void member_open(app *a, int64_t id, int64_t checkin_id)
{
	memset(&st, 0, sizeof st);
	if (id && store_member_get(a->db, id, &st.m) != STORE_OK) {
		ui_toast(a->ui, store_errmsg(a->db), 5000);
		return;
	}
	st.saved = st.m;
	st.checkin_id = checkin_id;
	st.shown_focus = -1;
	app_show(a, &screen_member);
	if (!id)
		focus_part(a, F_FIRST); /* a walk-in starts with their name */
}

/* Also on each return from the profession's list. */
static void enter(app *a)
{
	(void)a;
	st.asking = ASK_NONE;
	st.message = NULL;
}

static void say(const char *message)
{
	snprintf(st.message_buf, sizeof st.message_buf, "%s", message);
	st.message = st.message_buf;
}

/* What is wrong with part f as it is now, in GOV.UK's words ("Enter your
 * ..."); NULL when it is fine or the form was not sent yet: an entry is
 * judged once the form is sent, then again at each change, so a corrected
 * entry is never left red. */
static const char *error_of(int f)
{
	if (!st.tried)
		return NULL;
	switch (f) {
	case F_FIRST: return st.m.first[0] ? NULL : _("Enter your first name");
	case F_LAST: return st.m.last[0] ? NULL : _("Enter your last name");
	case F_EMAIL:
		if (st.m.email[0] && !store_email_valid(st.m.email))
			return _("Enter an email address like name@nhs.net");
		/* A consent that no address can serve is not stored: ask for one. */
		if (!st.m.email[0] && st.m.mailing_list)
			return _("Enter your email address to join the mailing list, or switch it off");
		if (!st.m.email[0] && st.m.may_contact)
			return _("Enter your email address so that we may contact you, or switch it off");
		return NULL;
	default: return NULL;
	}
}

static bool form_valid(void)
{
	for (int f = 0; f < F_COUNT; f++)
		if (error_of(f))
			return false;
	return true;
}

/* A member with the same first and last name (folded), whatever their
 * organisation: a walk-in who leaves it out, or writes it another way, is
 * still offered the likely match rather than made twice. */
static int find_by_name(app *a, const store_member *m, store_member *out)
{
	char query[2 * STORE_NAME_MAX + 2], first[STORE_NAME_MAX], last[STORE_NAME_MAX], f2[STORE_NAME_MAX],
		l2[STORE_NAME_MAX];
	store_member found[16];
	int n = 0;
	snprintf(query, sizeof query, "%s %s", m->first, m->last);
	int rc = store_member_search(a->db, query, found, 16, &n);
	if (rc != STORE_OK)
		return rc;
	text_fold(first, sizeof first, m->first);
	text_fold(last, sizeof last, m->last);
	for (int i = 0; i < n; i++) {
		text_fold(f2, sizeof f2, found[i].first);
		text_fold(l2, sizeof l2, found[i].last);
		if (!strcmp(first, f2) && !strcmp(last, l2)) {
			*out = found[i];
			return STORE_OK;
		}
	}
	return STORE_NOTFOUND;
}

/* "I'm new here" submitted: register (unless the same person is known) and
 * check in. */
static void register_walk_in(app *a)
{
	int rc = store_member_find_same(a->db, &st.m, &st.same);
	if (rc == STORE_NOTFOUND)
		rc = find_by_name(a, &st.m, &st.same);
	if (rc == STORE_OK) {
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
	if (rc != STORE_NOTFOUND) { /* the list could not be read: not a second record of them */
		say(store_errmsg(a->db));
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

/* The form's words for part f. */
static ui_form_words words_of(int f)
{
	switch (f) {
	case F_FIRST: return (ui_form_words){_("First name"), NULL, error_of(f)};
	case F_LAST: return (ui_form_words){_("Last name"), NULL, error_of(f)};
	case F_ORG: return (ui_form_words){_("Organisation"), _("Where you work or volunteer"), error_of(f)};
	case F_PROFESSION: return (ui_form_words){_("Profession"), NULL, error_of(f)};
	default:
		return (ui_form_words){_("Email (optional)"), _("Only if you would like us to write to you"),
		                       error_of(f)};
	}
}

/* The buffer each text part edits, and how it is typed. */
static char *buffer_of(int f)
{
	char *const buf[] = {st.m.first, st.m.last, st.m.organisation, NULL, st.m.email};
	return f < F_MAILING ? buf[f] : NULL;
}

static int focused_part(app *a)
{
	for (int f = 0; f < F_MAILING; f++)
		if (buffer_of(f) && ui_focused(a->ui, buffer_of(f)))
			return f;
	return -1;
}

static void focus_part(app *a, int f)
{
	keyboard_kind kind = f == F_EMAIL ? KEYBOARD_EMAIL : f == F_ORG ? KEYBOARD_TEXT : KEYBOARD_NAME;
	if (buffer_of(f))
		ui_focus_as(a->ui, buffer_of(f), KEYBOARD_LETTERS, kind);
}

/* Enter or "Done": the keyboard goes, and the whole form shows, with its
 * button (as on the name search). */
static void next_part(app *a, int f)
{
	(void)f;
	ui_focus(a->ui, NULL, KEYBOARD_LETTERS);
}

/* The error summary's lines and the part each names; returns how many. */
static int errors(const char **lines, int *parts)
{
	int n = 0;
	for (int f = 0; f < F_COUNT; f++) {
		const char *e = error_of(f);
		if (e) {
			lines[n] = e;
			parts[n++] = f;
		}
	}
	return n;
}

/* Suggestions for the organisation being typed, in a strip over the
 * keyboard; a tap writes the one chosen. */
static void suggestions(app *a, rect r)
{
	char found[3][STORE_TEXT_MAX];
	/* Copied whole with memcpy: snprintf of found[i] is read at -O2 as
	 * possibly the whole array, and warned of as truncated. */
	_Static_assert(sizeof found[0] == sizeof st.m.organisation, "an organisation is a found row");
	int n = 0;
	const layout_metrics *m = ui_metrics(a->ui);
	if (!st.m.organisation[0] || store_organisations(a->db, st.m.organisation, found, 3, &n) != STORE_OK)
		return;
	int cols = m->portrait ? 1 : n, rows = m->portrait ? n : 1;
	ui_list strip = {0};
	ui_list_begin(a->ui, &strip, r, r.h);
	for (int i = 0; i < n; i++) {
		rect b = layout_cell(r, cols, rows, i % cols, i / cols, m->gap / 2);
		if (strcmp(found[i], st.m.organisation) &&
		    ui_list_item(a->ui, &strip, b, found[i], NULL, false))
			memcpy(st.m.organisation, found[i], sizeof st.m.organisation);
	}
	ui_list_end(a->ui, &strip);
}

/* Scrolls the form so that part f, at content offset y and h high, shows. */
static void show_part(rect area, int y, int h)
{
	if (y < st.list.scroll)
		st.list.scroll = y;
	else if (y + h > st.list.scroll + area.h)
		st.list.scroll = y + h - area.h;
}

/* The form: the error summary when sent with errors, then each part. */
static void form(app *a, rect area)
{
	ui *u = a->ui;
	const layout_metrics *m = ui_metrics(u);
	const char *lines[F_COUNT];
	int parts[F_COUNT], y[F_COUNT + 1], h[F_COUNT], ne = errors(lines, parts);
	const char *title = _("There is a problem");
	int sh = ne ? ui_error_summary_height(u, area.w - 12, title, lines, ne) + m->gap : 0;
	y[0] = sh;
	for (int f = 0; f < F_COUNT; f++) {
		ui_form_words w = words_of(f);
		h[f] = f >= F_MAILING ? m->touch * 3 / 2 : ui_form_height(u, area.w - 12, &w);
		y[f + 1] = y[f] + h[f] + m->gap;
	}
	int focus = focused_part(a);
	if (focus != st.shown_focus && focus >= 0)
		show_part(area, y[focus], h[focus]);
	st.shown_focus = focus;
	if (st.show_summary) {
		st.list.scroll = 0;
		st.show_summary = false;
	}
	ui_list_begin(u, &st.list, area, y[F_COUNT]);
	if (ne) {
		int e = ui_error_summary(u, &st.list, (rect){area.x, area.y - st.list.scroll, area.w - 12, sh - m->gap}, title,
		                         lines, ne);
		if (e >= 0 && buffer_of(parts[e]))
			focus_part(a, parts[e]);
	}
	for (int f = 0; f < F_COUNT; f++) {
		rect r = ui_list_row(u, &st.list, y[f], h[f]);
		r.w -= 12; /* the scroll bar's room */
		ui_form_words w = words_of(f);
		if (f == F_PROFESSION) {
			if (ui_form_select(u, &st.list, r, &w, screen_data_words(st.m.profession), _("Choose from a list"))) {
				int n = 0;
				if (!screen_read(a, store_professions(a->db, st.professions, MAX_PROFESSIONS, &n)))
					break;
				choose_open(a, _("Profession"), (const char (*)[STORE_TEXT_MAX])st.professions, n,
				            st.m.profession, sizeof st.m.profession);
				break;
			}
		} else if (f < F_MAILING) {
			size_t max = f == F_EMAIL ? STORE_EMAIL_MAX - 1 : f == F_ORG ? STORE_TEXT_CHARS : STORE_NAME_CHARS;
			keyboard_kind kind = f == F_EMAIL ? KEYBOARD_EMAIL : f == F_ORG ? KEYBOARD_TEXT : KEYBOARD_NAME;
			size_t cap = f == F_EMAIL ? sizeof st.m.email : f == F_ORG ? sizeof st.m.organisation : sizeof st.m.first;
			if (ui_form_field(u, &st.list, r, &w, buffer_of(f), cap, max, kind))
				next_part(a, f);
		} else {
			bool *v = f == F_MAILING ? &st.m.mailing_list : &st.m.may_contact;
			bool was = *v;
			const char *label = f == F_MAILING ? _("Add me to the community mailing list")
			                                   : _("You may contact me about this community");
			if (ui_toggle(u, layout_inset(r, m->pad / 2), label, v) && st.list.dragged)
				*v = was;
		}
	}
	ui_list_end(u, &st.list);
}

/* The buttons under the form. */
static void buttons(app *a, rect bar, bool walk_in)
{
	ui *u = a->ui;
	const layout_metrics *m = ui_metrics(u);
	if (walk_in) {
		if (ui_button(u, m->portrait ? bar : layout_cut_right(&bar, bar.w / 2), _("Check me in"),
		              UI_BUTTON_PRIMARY)) {
			st.tried = true;
			if (form_valid())
				register_walk_in(a);
			else
				st.show_summary = true;
		}
		return;
	}
	/* Left to right; one type for the three (Welsh "Dadwneud cofrestriad"
	 * wraps), none set smaller alone. */
	static const char *const words[] = {N_("Forget"), N_("Undo check-in"), N_("Save")};
	static const ui_button_style styles[] = {UI_BUTTON_DANGER, UI_BUTTON_DANGER, UI_BUTTON_PRIMARY};
	int shown[3] = {0, 1, 2}, cols = 3, tapped = -1;
	if (!st.checkin_id) {
		shown[1] = 2;
		cols = 2;
	}
	ui_font f = UI_FONT_BOLD;
	for (int k = 0; k < cols; k++) {
		ui_font fk = ui_tile_font(u, layout_cell(bar, cols, 1, k, 0, m->gap), _(words[shown[k]]), NULL,
		                          styles[shown[k]]);
		f = fk < f ? fk : f;
	}
	for (int k = 0; k < cols; k++)
		if (ui_tile_in(u, layout_cell(bar, cols, 1, k, 0, m->gap), _(words[shown[k]]), NULL, styles[shown[k]], f))
			tapped = shown[k];
	if (tapped == 0)
		st.asking = ASK_FORGET;
	if (tapped == 1)
		st.asking = ASK_UNDO;
	if (tapped == 2) {
		st.tried = true;
		if (form_valid())
			save_edit(a);
		else
			st.show_summary = true;
	}
}

static void frame(app *a)
{
	ui *u = a->ui;
	const layout_metrics *m = ui_metrics(u);
	bool walk_in = st.m.id == 0;
	int typing = focused_part(a);
	rect body = {0, 0, m->w, m->h};
	rect kb = {0};
	if (typing >= 0)
		kb = layout_cut_bottom(&body, m->portrait ? m->h * 2 / 5 : m->h * 44 / 100);
	if (screen_header(a, &body, walk_in ? _("I'm new here") : _("Member"), _("Back"))) {
		if (walk_in)
			checkin_resume(a);
		else if (memcmp(&st.m, &st.saved, sizeof st.m))
			st.asking = ASK_LEAVE;
		else
			app_show(a, &screen_here);
		return;
	}
	if (typing == F_ORG) {
		rect strip = layout_cut_bottom(&body, m->portrait ? 3 * m->touch + m->gap : m->touch);
		layout_cut_bottom(&body, m->gap / 2);
		suggestions(a, strip);
	}
	rect bar = {0, 0, 0, 0};
	if (typing < 0) /* the keyboard takes the bar's place while typing */
		bar = screen_form_bar(a, &body, st.message);
	form(a, body);
	if (a->screen != &screen_member)
		return;
	if (typing >= 0 && ui_keyboard(u, kb))
		next_part(a, typing);
	if (typing < 0)
		buttons(a, bar, walk_in);
	if (st.asking != ASK_NONE)
		answer(a);
}

const screen screen_member = {"member", enter, frame, NULL, SCREEN_IDLE_CLEARS};
