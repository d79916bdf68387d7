/* screens: every screen of the kiosk, and the openers that take their arguments. */
#ifndef SCREENS_H
#define SCREENS_H

#include "app.h"

extern const screen screen_home;
extern const screen screen_soon;
extern const screen screen_pin;
extern const screen screen_facilitator;
extern const screen screen_events;
extern const screen screen_event;
extern const screen screen_agenda;
extern const screen screen_clock;
extern const screen screen_textedit;

/* "Coming soon" for a feature that is not built yet, named by title. */
void soon_open(app *a, const char *title);

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
/* Edits buf (cap bytes, at most max_chars characters) on its own screen with
 * the keyboard; "Done" copies the text back to buf if check accepts it and
 * returns to the calling screen, "Cancel" leaves buf unchanged. */
void textedit_open(app *a, const char *title, char *buf, size_t cap, size_t max_chars,
                   keyboard_layer layer, textedit_check *check);

/* Shared drawing for screens: the blue header bar with a title (and a back
 * button when back_label is not NULL); returns true when back was tapped. The
 * rect *body is cut from below the header. */
bool screen_header(app *a, rect *body, const char *title, const char *back_label);

/* Checks for date and time fields. */
const char *check_datetime(const char *text);   /* "YYYY-MM-DD HH:MM" or empty */
const char *check_time(const char *text);       /* "HH:MM" or empty */

#endif
