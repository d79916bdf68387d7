/* pin: the PIN pad in front of facilitator mode — locked for a while after
 * wrong PINs, the lock kept in the data file, lifted by the recovery code —
 * and choosing a new PIN. */
#include <stdio.h>
#include <string.h>

#include "core/lang.h"
#include "screens.h"

#define PIN_MAX 8

static struct {
	pin_purpose purpose;
	bool confirming;          /* choosing: the second entry */
	bool recovering;          /* "Forgot PIN?": typing the recovery code */
	char digits[STORE_RECOVERY_DIGITS + 1];
	char first[PIN_MAX + 1];  /* choosing: the first entry */
	const char *message;
	bool message_is_error;
	int64_t locked_until;     /* app_wall seconds; 0: not locked */
	char wait[200], countdown[80];
} st;

static void say(const char *message, bool error)
{
	st.message = message;
	st.message_is_error = error;
}

void pin_open(app *a, pin_purpose purpose)
{
	st.purpose = purpose;
	app_show(a, &screen_pin);
}

static void enter(app *a)
{
	st.confirming = false;
	st.recovering = false;
	st.message = NULL;
	st.locked_until = 0;
	/* A lock from before a restart still holds. */
	if (st.purpose == PIN_UNLOCK && store_pin_lock(a->db, app_wall(a), &st.locked_until) != STORE_OK)
		say(store_errmsg(a->db), true);
	memset(st.digits, 0, sizeof st.digits);
	memset(st.first, 0, sizeof st.first);
}

static void leave(app *a)
{
	(void)a;
	memset(st.digits, 0, sizeof st.digits);
	memset(st.first, 0, sizeof st.first);
}

static void unlock(app *a)
{
	int64_t until = 0;
	int rc = store_pin_try(a->db, st.digits, app_wall(a), &until);
	memset(st.digits, 0, sizeof st.digits);
	if (rc == STORE_OK) {
		/* Back to where facilitator mode lapsed, if it did. */
		const screen *next = a->after_pin ? a->after_pin : &screen_facilitator;
		a->after_pin = NULL;
		app_unlock(a);
		app_show(a, next);
	} else if (rc == STORE_WRONG || rc == STORE_LOCKED) {
		st.locked_until = until;
		say(_("That PIN is not right. Please try again."), true);
	} else {
		say(store_errmsg(a->db), true);
	}
}

/* The recovery code lifts the lock and opens facilitator mode at choosing a
 * new PIN: it is there for a PIN forgotten or guessed at by others. */
static void recover(app *a)
{
	int rc = store_pin_recover(a->db, st.digits);
	memset(st.digits, 0, sizeof st.digits);
	if (rc == STORE_OK) {
		a->after_pin = NULL;
		app_unlock(a);
		ui_toast(a->ui, _("The recovery code is accepted, and now used up. Choose a new PIN."), 5000);
		pin_open(a, PIN_CHOOSE);
	} else if (rc == STORE_WRONG) {
		say(_("That recovery code is not right."), true);
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
		/* A kiosk set up on screen (or whose code was used) gets its
		 * recovery code here, shown once to whoever just chose the PIN. One
		 * already made (by pin set) stays: someone may have it written down. */
		char code[STORE_RECOVERY_DIGITS + 1], shown[STORE_RECOVERY_DIGITS + 3];
		/* A panel, not a message that a tap clears: the code must be
		 * written down before it goes. */
		if (!store_pin_recovery_is_set(a->db) && store_pin_recovery_new(a->db, code) == STORE_OK) {
			snprintf(shown, sizeof shown, "%.4s %.4s %.4s", code, code + 4, code + 8);
			screen_panel_open(a, _("The new PIN is saved"),
			                  _("Write down its recovery code, shown only now. Typed after \"Forgot PIN?\", it "
			                    "lifts the PIN pad's lock."),
			                  shown, _("Continue"), &screen_facilitator);
			explicit_bzero(code, sizeof code);
			explicit_bzero(shown, sizeof shown);
		} else {
			screen_panel_open(a, _("The new PIN is saved"), _("Use it the next time you open facilitator mode."),
			                  NULL, _("Continue"), &screen_facilitator);
		}
	}
}

static void press(app *a, const char *key)
{
	size_t n = strlen(st.digits);
	if (!strcmp(key, "Delete")) {
		if (n)
			st.digits[n - 1] = '\0';
	} else if (!strcmp(key, "OK")) {
		if (st.recovering)
			recover(a);
		else if (st.purpose == PIN_UNLOCK)
			unlock(a);
		else
			choose(a);
	} else if (n < (st.recovering ? STORE_RECOVERY_DIGITS : PIN_MAX)) {
		st.digits[n] = key[0];
		say(NULL, false);
	}
}

/* Puts how long the lock has to run into st.wait and st.countdown; false
 * when it has ended. */
static bool lock_words(app *a)
{
	int64_t left = st.locked_until - app_wall(a);
	if (st.locked_until == 0 || left <= 0) {
		if (st.locked_until)
			say(NULL, false);
		st.locked_until = 0;
		return false;
	}
	int minutes = (int)((left + 59) / 60);
	if (minutes == 1)
		snprintf(st.wait, sizeof st.wait, "%s",
		         _("The PIN pad is locked: too many wrong PINs. Please wait a minute, then try again."));
	else
		snprintf(st.wait, sizeof st.wait,
		         /* TRANSLATORS: the PIN pad is locked for this many minutes. */
		         ngettext("The PIN pad is locked: too many wrong PINs. Please wait %d minute, then try again.",
		                  "The PIN pad is locked: too many wrong PINs. Please wait %d minutes, then try again.",
		                  minutes),
		         minutes);
	/* TRANSLATORS: a countdown, minutes and seconds: "4:59". */
	snprintf(st.countdown, sizeof st.countdown, _("The PIN pad opens again in %d:%02d."), (int)(left / 60),
	         (int)(left % 60));
	/* The countdown moves each second of the kiosk's clock. */
	app_wake_at(a, a->now + 1000 - a->now % 1000);
	return true;
}

static void frame(app *a)
{
	ui *u = a->ui;
	const layout_metrics *m = ui_metrics(u);
	rect body = {0, 0, m->w, m->h};
	const char *title = st.purpose == PIN_UNLOCK ? _("Facilitator") : _("Choose a PIN");
	if (screen_header(a, &body, title, _("Cancel"))) {
		/* Changing the PIN from the menu goes back to it; the PIN asked
		 * for at the door goes back home. */
		if (a->unlocked)
			app_show(a, &screen_facilitator);
		else
			app_home(a);
		return;
	}
	/* The recovery code is typed even while the pad is locked. */
	bool locked = st.purpose == PIN_UNLOCK && lock_words(a) && !st.recovering;
	rect pad = m->portrait ? layout_cut_bottom(&body, body.h * 3 / 5) : layout_cut_right(&body, body.w * 11 / 20);
	if (!m->portrait)
		layout_cut_right(&body, m->pad * 2);

	if (st.purpose == PIN_UNLOCK) {
		/* TRANSLATORS: a link under the PIN pad's words, to type the recovery code instead. */
		const char *other = st.recovering ? _("Use the PIN") : _("Forgot PIN?");
		if (ui_button(u, layout_cut_bottom(&body, m->touch), other, UI_BUTTON_QUIET)) {
			st.recovering = !st.recovering;
			memset(st.digits, 0, sizeof st.digits);
			say(NULL, false);
		}
		layout_cut_bottom(&body, m->gap / 2);
	}
	/* Locked: what to wait for takes the prompt's place, and the
	 * countdown the message's. */
	const char *prompt = locked                    ? st.wait
	                     : st.recovering           ? _("Type the 12-digit recovery code that \"cop-kiosk pin set\" "
	                                                   "printed. It lifts the lock and lets you choose a new PIN.")
	                     : st.purpose == PIN_UNLOCK ? _("Enter the facilitator PIN.")
	                     : st.confirming            ? _("Type the same PIN again to be sure.")
	                                                : _("Choose a facilitator PIN of 4 to 8 digits. "
	                                                    "You will need it to set up events.");
	ui_font pf = locked ? UI_FONT_BOLD : UI_FONT_BODY;
	int ph = ui_text_height(u, prompt, pf, body.w);
	ui_label(u, layout_cut_top(&body, ph), prompt, pf, locked ? UI_RED : UI_TEXT, UI_ALIGN_LEFT);
	layout_cut_top(&body, m->gap);
	if (!locked) { /* nothing can be typed: no box to type in */
		rect dots = layout_cut_top(&body, m->touch);
		ui_fill(u, dots, UI_WHITE);
		ui_outline(u, dots, 2, UI_GREY1);
		char shown[3 * STORE_RECOVERY_DIGITS + 1] = "";
		for (size_t i = 0; i < strlen(st.digits); i++)
			strcat(shown, "\xE2\x80\xA2"); /* a bullet per digit, never the digits */
		ui_label(u, layout_inset(dots, m->pad / 2), shown, UI_FONT_BIG, UI_TEXT, UI_ALIGN_CENTER);
		layout_cut_top(&body, m->gap);
	}
	const char *message = locked ? st.countdown : st.message;
	if (message)
		ui_label(u, layout_cut_top(&body, ui_text_height(u, message, UI_FONT_BOLD, body.w)), message, UI_FONT_BOLD,
		         locked ? UI_TEXT : st.message_is_error ? UI_RED : UI_GREEN, UI_ALIGN_LEFT);

	/* press() knows the keys in English; they are shown through _(). While
	 * locked the keys are drawn off and answer nothing. */
	/* TRANSLATORS: keys of the PIN pad: rub out the last digit; enter the PIN. Keep them short. */
	static const char *const keys[12] = {"1", "2", "3", "4", "5", "6", "7", "8", "9", N_("Delete"), "0", N_("OK")};
	for (int i = 0; i < 12; i++) {
		rect k = layout_cell(pad, 3, 4, i % 3, i / 3, m->gap);
		ui_button_style style = locked ? UI_BUTTON_OFF : i == 11 ? UI_BUTTON_PRIMARY : UI_BUTTON_SECONDARY;
		if (ui_button(u, k, _(keys[i]), style) && !locked)
			press(a, keys[i]);
	}
}

const screen screen_pin = {"PIN", enter, frame, leave, SCREEN_IDLE_CLEARS};
