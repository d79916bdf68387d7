/* screens: every screen of the kiosk, and the openers that take their arguments. */
#ifndef SCREENS_H
#define SCREENS_H

#include "app.h"
#include "core/files.h"
#include "core/lang.h"

extern const screen screen_home;
extern const screen screen_pin;
extern const screen screen_facilitator;
extern const screen screen_panel;
extern const screen screen_events;
extern const screen screen_event;
extern const screen screen_agenda;
extern const screen screen_clock;
extern const screen screen_settings;
extern const screen screen_textedit;
extern const screen screen_checkin;
extern const screen screen_confirm;
extern const screen screen_roles;
extern const screen screen_welcome;
extern const screen screen_member;
extern const screen screen_choose;
extern const screen screen_here;
extern const screen screen_usb;
extern const screen screen_professions;
extern const screen screen_postit;
extern const screen screen_reflect;
extern const screen screen_prompts;
extern const screen screen_prompt;
extern const screen screen_agenda_now;
extern const screen screen_kinds;
extern const screen screen_wall;
extern const screen screen_themes;
extern const screen screen_results;
extern const screen screen_attendance;
extern const screen screen_measures;
extern const screen screen_history;
extern const screen screen_syncloop;
extern const screen screen_synckey;

typedef enum {
	PIN_UNLOCK,   /* enter the PIN to open facilitator mode */
	PIN_CHOOSE    /* choose a new PIN (first use, or change) */
} pin_purpose;
void pin_open(app *a, pin_purpose purpose);

/* Edits event id (0: a new event). */
void event_open(app *a, int64_t id);
/* Edits agenda item id of event event_id (id 0: a new item). */
void agenda_open(app *a, int64_t event_id, int64_t id);

/* Checks a text typed in textedit; returns NULL if fine, else a plain message. */
typedef const char *textedit_check(const char *text);
/* Fills out with up to max suggestions for text (known organisations...);
 * returns how many. */
#define TEXTEDIT_SUGGESTIONS 3
typedef int textedit_suggest(app *a, const char *text, char (*out)[STORE_TEXT_MAX], int max);
/* Edits buf (cap bytes, at most max_chars characters) on its own screen with
 * the keyboard; "Done" copies the text back to buf if check (may be NULL)
 * accepts it and returns to the calling screen, "Cancel" leaves buf
 * unchanged. suggest (may be NULL) offers completions to tap. */
void textedit_open(app *a, const char *title, char *buf, size_t cap, size_t max_chars,
                   keyboard_layer layer, textedit_check *check, textedit_suggest *suggest);
/* The same for a name (each word starts with a capital) or an email address
 * ("@" and ".nhs.uk" on the letters): kind. */
void textedit_open_as(app *a, const char *title, char *buf, size_t cap, size_t max_chars, keyboard_layer layer,
                      keyboard_kind kind, textedit_check *check, textedit_suggest *suggest);

/* Back to the check-in search with the letters typed so far ("Not me"). */
void checkin_resume(app *a);
/* Check-in: asks "Is this you?" for m, then (with roles on) offers a role.
 * roles_open takes a walk-in's details not yet stored (m->id 0) too: they
 * are stored when a role (or none) is chosen, and "Back" returns to them. */
void confirm_open(app *a, const store_member *m);
void roles_open(app *a, const store_member *m);
/* The check-in's steps (checkin_flow.c). */
/* Whether check-in asks "A role for today?" for member_id (0: a walk-in not
 * yet stored): only when the event offers roles and the check-in will be
 * stored, never for someone already checked in. */
bool roles_offered(app *a, int64_t member_id);
/* Checks m in at the current event with role ("" for none) and shows the
 * welcome, or "already checked in" with the time. */
void checkin_complete(app *a, const store_member *m, const char *role);
/* A walk-in registered and checked in with role in one transaction (both or
 * neither), then welcomed; false with the store's message when not stored. */
bool checkin_walk_in(app *a, store_member *m, const char *role);
/* A member found and confirmed ("Yes, that's me"): a role for the day when
 * the event asks (roles_offered), else checked in and welcomed. */
void checkin_member_chosen(app *a, const store_member *m);
/* A walk-in's details typed (m->id 0, not yet stored): a role for the day
 * first when the event asks (stored with it), else stored and welcomed now.
 * False, with the store's message, when they were not stored. */
bool checkin_walk_in_ready(app *a, store_member *m);
/* A role chosen ("" for none): the check-in stored with it, a walk-in's
 * details first (m->id 0). False, with the store's message, when a walk-in
 * was not stored. */
bool checkin_with_role(app *a, store_member *m, const char *role);

typedef enum {
	WELCOME_BACK,       /* a returning member */
	WELCOME_FIRST,      /* first time at this community */
	WELCOME_ALREADY     /* checked in before: nothing stored */
} welcome_kind;
void welcome_open(app *a, welcome_kind kind, const char *first, int64_t at);

/* The walk-in form (id 0: "I'm new here"), or a member's details for the
 * facilitator (id: the member; checkin_id: their check-in here, or 0). */
void member_open(app *a, int64_t id, int64_t checkin_id);

/* Picks one of n options into target (cap bytes) and returns to the caller.
 * Options are shown through screen_data_words: a seeded profession shows
 * translated and is given back as stored. */
void choose_open(app *a, const char *title, const char (*options)[STORE_TEXT_MAX], int n, char *target,
                 size_t cap);

/* How each kind of post-it looks: its paper and its icon. */
ui_color note_paper(store_note_kind k);
ui_icon_kind note_icon(store_note_kind k);

/* Edits prompt id of the bank (0: a new prompt). */
void prompt_open(app *a, int64_t id);

/* The review area's frame: header with "Present", then tabs; in present mode
 * only a small "Stop presenting" corner and bigger type. Cuts them from
 * *body; returns false when the screen was changed (the caller returns). */
typedef enum { REVIEW_WALL, REVIEW_RESULTS, REVIEW_ATTENDANCE, REVIEW_MEASURES, REVIEW_HISTORY } review_tab;
bool review_frame(app *a, rect *body, review_tab tab);
/* Leaves the review area for the facilitator menu, ending any presentation. */
void review_leave(app *a);

/* Shared drawing for screens: the blue header bar with a title (and a back
 * button when back_label is not NULL); returns true when back was tapped. The
 * rect *body is cut from below the header. */
bool screen_header(app *a, rect *body, const char *title, const char *back_label);
/* The same bar with a second white button at its right, labelled
 * action_label, for a way out of the screen that is not back ("I'm new
 * here"); *action is set true when it was tapped. */
bool screen_header_action(app *a, rect *body, const char *title, const char *back_label, const char *action_label,
                          bool *action);

/* The whole screen an attendee sees under title ("Check in", "Post-it")
 * when there is no current event: the facilitator has not opened today's
 * event yet, and the way back. */
void screen_not_open(app *a, const char *title);
/* A confirmation panel for a success that matters (a new PIN and its
 * recovery code, a batch synced, a receipt accepted), as GOV.UK's: in a green
 * box a tick, heading, then shown in big type if not NULL (a code to write
 * down), then sentence (one, or NULL); under it one button, labelled button
 * ("Done", "Continue"), that goes to next. The words are copied, and wiped
 * when the panel is left. */
void screen_panel_open(app *a, const char *heading, const char *sentence, const char *shown, const char *button,
                       const screen *next);

/* Whole seconds left until the kiosk time until (rounded up, 0 when past),
 * asking for a frame when the number changes: for the countdown of a screen
 * that closes by itself. */
int screen_seconds_left(app *a, int64_t until);
/* "Back to the start in 3 seconds." for seconds left, into buf. */
const char *screen_back_in(int seconds, char *buf, size_t cap);
/* A short line on what a learning activity is (from the seed's examples),
 * translated, when choice is one of the activities' names, else NULL. */
const char *screen_choice_hint(const char *choice);

/* A form's bottom bar for its buttons, cut from *body and returned, with the
 * message (if not NULL) in red above it. */
rect screen_form_bar(app *a, rect *body, const char *message);
/* A form row in list l at *y (advanced by h): label, and value or empty;
 * true when tapped. */
bool screen_row(app *a, ui_list *l, int *y, int h, const char *label, const char *value, const char *empty);
#define SCREEN_NOT_SET N_("Not set yet — tap to add")

/* The files found on USB sticks (roster_import.c, synckey.c) over body: the result of
 * the last action (if any) above them, or none when there are no files, and
 * "Look again" below (*again set when tapped). Returns the index of the file
 * tapped, or -1. */
int screen_stick_files(app *a, rect body, ui_list *l, const char (*files)[FILES_PATH_MAX], int n,
                       const char *result, const char *none, bool *again);
/* The name of the file at path, without its folders. */
const char *screen_file_name(const char *path);
/* Text from the data file as shown: the kiosk's own seeded words (the seed's
 * questions, the names of activities, roles, post-it kinds and professions,
 * "Not given") in the words in use, anything people typed as they typed it. */
const char *screen_data_words(const char *text);

/* A store read's status rc checked as every screen does: a failure (not
 * STORE_NOTFOUND) is said in a toast, so that a data file that cannot be read
 * never looks like an empty list. Returns true when rc is STORE_OK. */
bool screen_read(app *a, int rc);

/* A date and time (text "YYYY-MM-DD HH:MM", cap at least STORE_STARTS_MAX)
 * or a time alone (text "HH:MM", cap 6), set with steppers in a form group
 * over r: day, month (by its name in the kiosk's language), year, hour and
 * minute (in steps of minute_step), never typed. An empty text shows "–" in
 * each, and the first tap sets it to from. True when text changed. The
 * group's height w wide: */
int screen_when_height(app *a, int w, const ui_form_words *words, bool date);
bool screen_when(app *a, ui_list *l, rect r, const ui_form_words *words, char *text, size_t cap, int minute_step,
                 const char *from);

#endif
