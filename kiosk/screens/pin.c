/* pin: the PIN pad in front of facilitator mode, and choosing a new PIN. */
#include <string.h>

#include "core/lang.h"
#include "screens.h"

#define PIN_MAX 8
#define MAX_TRIES 5
#define LOCKOUT_MS 60000

static struct {
	pin_purpose purpose;
	bool confirming;          /* choosing: the second entry */
	char digits[PIN_MAX + 1];
	char first[PIN_MAX + 1];  /* choosing: the first entry */
	const char *message;
	bool message_is_error;
	int tries;
	int64_t locked_until;
} st;

void pin_open(app *a, pin_purpose purpose)
{
	st.purpose = purpose;
	app_show(a, &screen_pin);
}

static void enter(app *a)
{
	(void)a;
	st.confirming = false;
	st.message = NULL;
	memset(st.digits, 0, sizeof st.digits);
	memset(st.first, 0, sizeof st.first);
}

static void leave(app *a)
{
	(void)a;
	memset(st.digits, 0, sizeof st.digits);
	memset(st.first, 0, sizeof st.first);
}

static void say(const char *message, bool error)
{
	st.message = message;
	st.message_is_error = error;
}

static void unlock(app *a)
{
	int rc = store_pin_check(a->db, st.digits);
	memset(st.digits, 0, sizeof st.digits);
	if (rc == STORE_OK) {
		/* Back to where facilitator mode lapsed, if it did. */
		const screen *next = a->after_pin ? a->after_pin : &screen_facilitator;
		st.tries = 0;
		a->after_pin = NULL;
		app_unlock(a);
		app_show(a, next);
	} else if (rc == STORE_WRONG && ++st.tries >= MAX_TRIES) {
		st.tries = 0;
		st.locked_until = a->now + LOCKOUT_MS;
		app_wake_at(a, st.locked_until);
		say(_("That PIN is not right, five times. Please wait a minute before trying again."), true);
	} else if (rc == STORE_WRONG) {
		say(_("That PIN is not right. Please try again."), true);
	} else {
		say(store_errmsg(a->db), true);
	}
}

static void choose(app *a)
{
	if (strlen(st.digits) < 4) {
		say(_("A PIN has 4 to 8 digits."), true);
		return;
	}
	if (!st.confirming) {
		memcpy(st.first, st.digits, sizeof st.first);
		memset(st.digits, 0, sizeof st.digits);
		st.confirming = true;
		say(NULL, false);
		return;
	}
	bool same = !strcmp(st.first, st.digits);
	int rc = same ? store_pin_set(a->db, st.first) : STORE_INVALID;
	memset(st.digits, 0, sizeof st.digits);
	memset(st.first, 0, sizeof st.first);
	st.confirming = false;
	if (!same) {
		say(_("The two PINs were different. Please choose a PIN again."), true);
	} else if (rc != STORE_OK) {
		say(store_errmsg(a->db), true);
	} else {
		app_unlock(a);
		ui_toast(a->ui, _("The new PIN is saved."), 3000);
		app_show(a, &screen_facilitator);
	}
}

static void press(app *a, const char *key)
{
	size_t n = strlen(st.digits);
	if (!strcmp(key, "Delete")) {
		if (n)
			st.digits[n - 1] = '\0';
	} else if (!strcmp(key, "OK")) {
		if (st.purpose == PIN_UNLOCK)
			unlock(a);
		else
			choose(a);
	} else if (n < PIN_MAX) {
		st.digits[n] = key[0];
		say(NULL, false);
	}
}

static void frame(app *a)
{
	ui *u = a->ui;
	const layout_metrics *m = ui_metrics(u);
	rect body = {0, 0, m->w, m->h};
	const char *title = st.purpose == PIN_UNLOCK ? _("Facilitator") : _("Choose a PIN");
	if (screen_header(a, &body, title, _("Cancel"))) {
		app_home(a);
		return;
	}
	bool locked = a->now < st.locked_until;
	rect pad = m->portrait ? layout_cut_bottom(&body, body.h * 3 / 5) : layout_cut_right(&body, body.w * 11 / 20);
	if (!m->portrait)
		layout_cut_right(&body, m->pad * 2);

	const char *prompt = st.purpose == PIN_UNLOCK ? _("Enter the facilitator PIN.")
	                     : st.confirming          ? _("Type the same PIN again to be sure.")
	                                              : _("Choose a facilitator PIN of 4 to 8 digits. "
	                                                  "You will need it to set up events.");
	int ph = ui_text_height(u, prompt, UI_FONT_BODY, body.w);
	ui_label(u, layout_cut_top(&body, ph), prompt, UI_FONT_BODY, UI_TEXT, UI_ALIGN_LEFT);
	layout_cut_top(&body, m->gap);
	rect dots = layout_cut_top(&body, m->touch);
	ui_fill(u, dots, UI_WHITE);
	ui_outline(u, dots, 2, UI_GREY1);
	char shown[3 * PIN_MAX + 1] = "";
	for (size_t i = 0; i < strlen(st.digits); i++)
		strcat(shown, "\xE2\x80\xA2"); /* a bullet per digit, never the digits */
	ui_label(u, layout_inset(dots, m->pad / 2), shown, UI_FONT_BIG, UI_TEXT, UI_ALIGN_CENTER);
	layout_cut_top(&body, m->gap);
	if (locked)
		say(_("That PIN is not right, five times. Please wait a minute before trying again."), true);
	else if (st.locked_until && st.message && a->now >= st.locked_until) {
		st.locked_until = 0;
		say(NULL, false);
	}
	if (st.message)
		ui_label(u, layout_cut_top(&body, ui_text_height(u, st.message, UI_FONT_BOLD, body.w)), st.message, UI_FONT_BOLD, st.message_is_error ? UI_RED : UI_GREEN, UI_ALIGN_LEFT);

	/* press() knows the keys in English; they are shown through _(). */
	/* TRANSLATORS: keys of the PIN pad: rub out the last digit; enter the PIN. Keep them short. */
	static const char *const keys[12] = {"1", "2", "3", "4", "5", "6", "7", "8", "9", N_("Delete"), "0", N_("OK")};
	for (int i = 0; i < 12; i++) {
		rect k = layout_cell(pad, 3, 4, i % 3, i / 3, m->gap);
		ui_button_style style = i == 11 ? UI_BUTTON_PRIMARY : UI_BUTTON_SECONDARY;
		if (ui_button(u, k, _(keys[i]), style) && !locked)
			press(a, keys[i]);
	}
}

const screen screen_pin = {"PIN", enter, frame, leave};
