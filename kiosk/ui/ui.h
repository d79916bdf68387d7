/* ui: the SDL layer — renderer, fonts, cached text, immediate-mode widgets, the
 * on-screen keyboard, and the list of visible widgets that scripts and tests see.
 * What the screens use: no SDL type here (the screens are built without SDL's
 * headers); the app and the script driver, which hold the window and its
 * events, use ui_sdl.h. */
#ifndef UI_H
#define UI_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

#include "core/keyboard.h"
#include "core/layout.h"

typedef struct ui ui;

/* The kiosk's own input: what a finger, a mouse, a keyboard or a script does,
 * after translation from SDL (ui_translate) — the one place events are mapped. */
typedef enum {
	UI_IN_DOWN,   /* pointer pressed at x,y (logical pixels) */
	UI_IN_MOVE,   /* pointer moved while pressed */
	UI_IN_UP,     /* pointer released at x,y */
	UI_IN_TEXT,   /* text typed on a physical keyboard or by a script */
	UI_IN_KEY     /* a named key */
} ui_input_kind;

typedef enum {
	UI_KEY_NONE,
	UI_KEY_BACKSPACE,
	UI_KEY_ENTER,
	UI_KEY_ESCAPE,
	UI_KEY_TAB,
	UI_KEY_UP,
	UI_KEY_DOWN
} ui_key;

typedef struct {
	ui_input_kind kind;
	int x, y;
	ui_key key;
	char text[32];  /* UTF-8, NUL-terminated */
} ui_input;

typedef enum {
	UI_FONT_SMALL,
	UI_FONT_BODY,
	UI_FONT_BOLD,
	UI_FONT_TITLE,
	UI_FONT_BIG,
	UI_FONT_COUNT
} ui_font;

/* The NHS.UK palette. */
typedef enum {
	UI_BLUE,        /* #005EB8 */
	UI_DARK_BLUE,   /* #003087, pressed */
	UI_TEXT,        /* #212B32 */
	UI_WHITE,
	UI_GREEN,       /* #007F3B */
	UI_DARK_GREEN,  /* #00401E */
	UI_RED,         /* #DA291C */
	UI_YELLOW,      /* #FFB81C, focus */
	UI_GREY1,       /* #425563, secondary text */
	UI_GREY2,       /* #768692 */
	UI_GREY3,       /* #AEB7BD, borders */
	UI_GREY4,       /* #D8DDE0 */
	UI_GREY5,       /* #F0F4F5, page background */
	UI_PALE_BLUE,   /* selected rows */
	UI_NOTE_GREEN,  /* post-its: "Going well" */
	UI_NOTE_PINK,   /* "To be improved" */
	UI_NOTE_YELLOW, /* the third kind */
	UI_SHADOW,      /* under cards, translucent */
	UI_COLOR_COUNT
} ui_color;

typedef enum {
	UI_ALIGN_LEFT,
	UI_ALIGN_CENTER,
	UI_ALIGN_RIGHT
} ui_align;

typedef enum {
	UI_BUTTON_PRIMARY,    /* blue, the one main action */
	UI_BUTTON_SECONDARY,  /* white with a blue border */
	UI_BUTTON_GO,         /* green, to confirm */
	UI_BUTTON_DANGER,     /* red, to delete */
	UI_BUTTON_QUIET,      /* text only, for corners and back links */
	UI_BUTTON_TAB,        /* a tab, in smaller type */
	UI_BUTTON_TAB_ON,     /* the tab showing */
	UI_BUTTON_OFF         /* greyed out, answers no tap (role "off" in a dump) */
} ui_button_style;

/* A scrolling list's state, kept by the screen that owns the list. */
typedef struct {
	int scroll;       /* pixels scrolled from the top */
	int content_h;    /* set by ui_list_begin */
	rect area;
	bool dragged;     /* the current press turned into a drag: no row is tapped */
	int drag_y;
	int drag_scroll;
} ui_list;

void ui_destroy(ui *u);

/* Adapts fonts and metrics to the renderer's current output size (the
 * panel), turned by the rotation. */
int ui_resize(ui *u, char *err, size_t errlen);
/* Turns the picture by degrees (0, 90, 180 or 270) clockwise onto the panel,
 * for panels mounted sideways or upside down; taps are mapped back by the same
 * turn in ui_translate. May be called inside a frame: ui_end then asks for the
 * frame again. Returns 0, or -1 with a reason in err and the old turn kept. */
int ui_set_rotation(ui *u, int degrees, char *err, size_t errlen);
/* The turn set by ui_set_rotation: 0, 90, 180 or 270. */
int ui_rotation(const ui *u);
const layout_metrics *ui_metrics(const ui *u);
/* The bytes the text textures take now, and (into *budget if not NULL) the
 * most they may take at this screen size. For make bench. */
size_t ui_text_cache_bytes(const ui *u, size_t *budget);

/* Keeps the panel lit while awake is true (a screen people watch without
 * touching, such as the sync loop), as the display's own sleep allows again
 * after false. */
void ui_keep_awake(bool awake);

/* Feeds one input to the next frame. */
void ui_feed(ui *u, const ui_input *in);

/* A frame: begin, widgets, end. ui_end draws a message no screen placed; it returns true when
 * a modal opened or closed in this frame, so that what lies under it was
 * blocked wrongly (or not), or when the screen was turned or zoomed in it,
 * so that it was laid out for the old size: the frame should be run again. */
void ui_begin(ui *u, int64_t now_ms);
bool ui_end(ui *u);
void ui_present(ui *u);

/* True while the pointer is held down (a drag may be under way). */
bool ui_pointer_down(const ui *u);

/* Drawing. */
void ui_fill(ui *u, rect r, ui_color c);
void ui_outline(ui *u, rect r, int thickness, ui_color c);
/* A line thickness px wide, and a filled disc. */
void ui_line(ui *u, float x0, float y0, float x1, float y1, float px, ui_color c);
void ui_disc(ui *u, float cx, float cy, float radius, ui_color c);

/* Icons drawn with primitives, so colour is never the only cue. */
typedef enum {
	UI_ICON_TICK,     /* going well */
	UI_ICON_ARROW,    /* to be improved: an arrow up */
	UI_ICON_BULB,     /* an idea */
} ui_icon_kind;
void ui_icon(ui *u, rect r, ui_icon_kind icon, ui_color c);
/* A face for level 1 (very unhappy) to 5 (very happy), filling r. */
void ui_face(ui *u, rect r, int level);

/* Text wrapped to r's width, clipped to r; returns the height it needs. Text
 * that does not fit is also listed as a widget of role "clipped", text with a
 * word broken across lines as "split" (and a line ui_text_line shortens, as
 * "shortened"), so that tests find words cut off. */
int ui_text(ui *u, rect r, const char *text, ui_font f, ui_color c, ui_align a);
/* Text wrapped to r's width in as many lines as r holds, the last ending with
 * "…" when there is more (a post-it's preview); returns the height drawn. */
int ui_text_lines(ui *u, rect r, const char *text, ui_font f, ui_color c, ui_align a);
/* Text on one line of r, shortened with "…" if it is wider; returns its width. */
int ui_text_line(ui *u, rect r, const char *text, ui_font f, ui_color c, ui_align a);
/* Width and height of text on one line, in font f. */
void ui_measure(ui *u, const char *text, ui_font f, int *w, int *h);
int ui_line_height(ui *u, ui_font f);
/* Width of the widest word of text in font f: wrapped narrower, the text
 * would break a word. */
int ui_widest_word(ui *u, const char *text, ui_font f);
/* Height of text in font f wrapped at width pixels. */
int ui_text_height(ui *u, const char *text, ui_font f, int width);

/* Widgets. Each registers itself as visible (role, text, rect) for tap, expect
 * and dump. Buttons return true on the frame a tap on them is completed. */
bool ui_button(ui *u, rect r, const char *label, ui_button_style style);
/* A big button with a hint line under its label; only the label is its text
 * for scripts. */
bool ui_tile(ui *u, rect r, const char *label, const char *hint, ui_button_style style);
/* The type ui_tile would set label in (UI_FONT_BIG down to UI_FONT_SMALL),
 * and a tile whose label is set no larger than f: a group of choices takes
 * the smallest of its tiles' types, so that they all read alike. */
ui_font ui_tile_font(ui *u, rect r, const char *label, const char *hint, ui_button_style style);
bool ui_tile_in(ui *u, rect r, const char *label, const char *hint, ui_button_style style, ui_font f);
/* For widgets a screen draws itself (the wall's post-its): whether r, known
 * by id and salt, was tapped (UI_TAP) or held for UI_LONG_MS (UI_LONG_PRESS)
 * in this frame; *held while pressed. Registers nothing. */
#define UI_LONG_MS 600
typedef enum { UI_NO_TAP, UI_TAP, UI_LONG_PRESS } ui_tap;
ui_tap ui_hit(ui *u, rect r, const char *id, int salt, bool *held);
/* Registers a widget a screen drew itself. */
void ui_show(ui *u, const char *role, const char *text, rect r);
/* A post-it card: paper of colour paper with a soft shadow. */
void ui_card(ui *u, rect r, ui_color paper);
/* A post-it as a big button: paper colour, icon and label (its text). */
bool ui_note_tile(ui *u, rect r, const char *label, ui_color paper, ui_icon_kind icon);
/* A face (level 1..5) with its word under it, as one button named word. */
bool ui_face_button(ui *u, rect r, int level, const char *word);
/* A label on one line of r, shortened with "…" if needed; scripts see the
 * whole text. */
void ui_label_line(ui *u, rect r, const char *text, ui_font f, ui_color c, ui_align a);
/* A label (role "label"). */
void ui_label(ui *u, rect r, const char *text, ui_font f, ui_color c, ui_align a);
/* A single-line text field showing buf with a caret while focused, a label
 * above it and, when max_chars > 0, a "12 / 80" counter. Tapping it focuses it;
 * typed text and the on-screen keyboard edit the focused field. Returns true
 * when Enter (or the keyboard's Done) was pressed in it. */
bool ui_field(ui *u, rect r, const char *label, char *buf, size_t cap, size_t max_chars);
/* A multi-line text area over r (no frame: the caller draws the card under
 * it), showing the last lines when the text is longer than r, with a caret
 * while focused. Tapping it focuses it; edits as ui_field. */
/* A field's box alone, filling r: no label over it (the screen's heading
 * and hint say what to type, as GOV.UK's "label as the page heading") and no
 * counter (a search or a name, whose limit no one reaches). label names it
 * for the screen, not shown. */
bool ui_field_box(ui *u, rect r, const char *label, char *buf, size_t cap, size_t max_chars);
/* Forms as GOV.UK sets them: each input a group of a bold label, a hint
 * in grey under it, an error in red (only once the form was sent, and only
 * while the entry is wrong: a valid entry is never red) with a red bar down
 * the group's left and a red box, then the box itself. */
typedef struct {
	const char *label;
	const char *hint;   /* NULL or "": none */
	const char *error;  /* NULL: the entry is fine */
} ui_form_words;
/* The height of a group w wide (words wrapped, the box one touch high). */
int ui_form_height(ui *u, int w, const ui_form_words *words);
/* A text input group over r (ui_form_height high), in list l (NULL for
 * none: then a drag of the list does not focus it). Tapping the box focuses
 * it with a keyboard of kind; edits as ui_field. Scripts see a "field" named
 * by the label, buf as its value (the error as a label). True when Enter or
 * the keyboard's Done was pressed in it. */
bool ui_form_field(ui *u, ui_list *l, rect r, const ui_form_words *words, char *buf, size_t cap, size_t max_chars,
                   keyboard_kind kind);
/* A choice from a list, drawn as a box with a chevron showing value (or
 * empty, in grey, when value is ""): a "button" named by the label for
 * scripts, value as its value. True when tapped (the screen opens the list). */
bool ui_form_select(ui *u, ui_list *l, rect r, const ui_form_words *words, const char *value, const char *empty);
/* A date or a time set with steppers, not typed: each part (day, month,
 * year, hour, minute) its value between a "-" and a "+" button, its name in
 * small type above, as many side by side as the width holds, each as wide
 * as its widest value. */
typedef struct {
	const char *name;    /* "Day": the buttons are "Day -" and "Day +" for scripts */
	const char *value;   /* "27", "November", or "–" when not set */
	const char *widest;  /* the widest value it may show (NULL: value), so the steppers keep their place */
	bool group;          /* starts a group (the time after the date): on a new line unless it all fits */
} ui_step;
/* The height of the group (words, then the steppers' lines) w wide. */
int ui_form_steps_height(ui *u, int w, const ui_form_words *words, const ui_step *steps, int n);
/* The group over r, in list l (NULL for none). Scripts see each part as a
 * "stepper" named by its name, its value as value. Returns the index of the
 * part whose button was tapped, with *delta -1 or +1; else -1 (*delta 0). */
int ui_form_steps(ui *u, ui_list *l, rect r, const ui_form_words *words, const ui_step *steps, int n, int *delta);
/* GOV.UK's error summary, at the top of a form sent with errors: a red
 * frame, title ("There is a problem") and each error as a link ("link" for
 * scripts) that the screen answers by going to its field. Returns the index
 * of the error tapped, else -1. The height it needs w wide: */
int ui_error_summary_height(ui *u, int w, const char *title, const char *const *errors, int n);
int ui_error_summary(ui *u, ui_list *l, rect r, const char *title, const char *const *errors, int n);
/* True while the field whose buffer is buf has the focus (its keyboard shows). */
bool ui_focused(const ui *u, const char *buf);
void ui_textarea(ui *u, rect r, char *buf, size_t cap, size_t max_chars, ui_font f);
/* Focuses the field whose buffer is buf (NULL: none) and resets the keyboard. */
void ui_focus(ui *u, char *buf, keyboard_layer layer);
/* The same for a field of a kind: a name's keyboard starts each word with a
 * capital, an email's has "@" and ".nhs.uk". */
void ui_focus_as(ui *u, char *buf, keyboard_layer layer, keyboard_kind kind);
/* One of a few options side by side (the screen's turn, a timeout), its
 * label in font f: the chosen one is filled blue with a tick, and scripts see
 * it with value "chosen". True when tapped. */
bool ui_choice(ui *u, rect r, const char *label, ui_font f, bool chosen);
/* A switch with a label; flips *value when tapped; true if it changed. */
bool ui_toggle(ui *u, rect r, const char *label, bool *value);
/* The on-screen keyboard over r, typing into the focused field. True when its
 * "Done" key was pressed. */
bool ui_keyboard(ui *u, rect r);

/* A vertical list of rows that scrolls by touch drag. Between begin and end,
 * rows are placed with ui_list_row at their content offset y. */
void ui_list_begin(ui *u, ui_list *l, rect area, int content_h);
rect ui_list_row(ui *u, ui_list *l, int y, int h);
/* A tappable row: title and an optional detail line; selected rows are tinted.
 * The title wraps when the row is tall enough for more lines of it
 * (ui_text_height tells), else is one line shortened with "…". */
bool ui_list_item(ui *u, ui_list *l, rect row, const char *title, const char *detail, bool selected);
/* The height of a list item w wide that shows its whole title, wrapped (at
 * least min_h). */
int ui_list_item_height(ui *u, int w, const char *title, const char *detail, int min_h);
void ui_list_end(ui *u, ui_list *l);

/* A modal question over the screen; while one is showing nothing else can be
 * tapped. Returns 1 for yes, -1 for no, 0 while waiting. */
int ui_confirm(ui *u, const char *question, const char *yes, const char *no);
/* The same for a permanent action (forget a person, undo a check-in, delete):
 * a red edge, yes in the warning red, no (the safe answer) first and green.
 * The question should name who or what. */
int ui_confirm_danger(ui *u, const char *question, const char *yes, const char *no);

/* Around a screen's own overlay, drawn last in the frame: while it shows,
 * nothing under it can be tapped (as with ui_confirm). */
void ui_modal_begin(ui *u);
void ui_modal_end(ui *u);

/* A message for the screen showing (or, said as the screen changes, for the
 * next one): it stays until the first tap after ms milliseconds, or until
 * the screen changes. It takes a band of the screen's own layout
 * (ui_message_band, which the header bar calls), so that it covers nothing;
 * on a screen without one it is drawn under the top edge. Scripts see it as
 * role "toast" with its rectangle. */
void ui_toast(ui *u, const char *text, int ms);
/* Cuts the message's band from the top of body and draws it there, if there
 * is a message; else leaves body as it is. */
void ui_message_band(ui *u, rect *body);

/* Charts (charts.c). Values are drawn to scale; shown[i] is what is written
 * beside each bar ("23", "3.9"); scripts see "label: shown". */
#define STORE_TEXT_MAX_UI 512
/* A big figure with its caption ("200" / "people here"). */
void ui_figure(ui *u, rect r, const char *number, const char *caption, ui_color c);
/* Bars across, their labels beside them when they fit on one line there,
 * else over each bar at the chart's whole width (wrapped), else beside in
 * two lines, shortened as a last resort. */
void ui_hbars(ui *u, rect r, const char *const *labels, const double *values, int n, const char *const *shown,
              ui_color c);
/* Whether ui_hbars over r would show every label whole (none shortened and
 * no row left out): a screen without the room shows the chart on its own. */
bool ui_hbars_whole(ui *u, rect r, const char *const *labels, int n, const char *const *shown);
/* The height ui_hbars needs to set every label whole over its bar, w wide:
 * a chart given that much (in a scrolling list) cuts no name. */
int ui_hbars_height(ui *u, int w, const char *const *labels, int n);
void ui_vbars(ui *u, rect r, const char *const *labels, const double *values, int n, const char *const *shown,
              ui_color c);
/* Words sized by their counts (sorted, most first), flowing in lines over r. */
void ui_word_cloud(ui *u, rect r, const char *const *words, const int *counts, int n);

/* A square grey image of side px (a QR code, 0 black to 255 white) drawn at
 * r's top left, pixel for pixel; uploaded only when changed is true. */
void ui_gray_image(ui *u, rect r, const unsigned char *px, int side, bool changed);

/* Presenting: type zoomed by zoom (1 normal) on the same screen; fonts are
 * opened again, so call it on a change only. */
int ui_zoom(ui *u, float zoom, char *err, size_t errlen);

/* Scripts and tests: the widgets visible in the last frame. */
typedef struct {
	const char *role;   /* "button", "label", "field", "toggle", "key", "item", "toast" */
	const char *text;
	const char *value;  /* "on"/"off" for toggles, NULL otherwise */
	rect r;
} ui_widget;
int ui_widget_count(const ui *u);
const ui_widget *ui_widget_at(const ui *u, int i);
/* The first visible, tappable widget whose text is exactly text, else NULL. */
const ui_widget *ui_find(const ui *u, const char *text);
/* Writes one JSON object a line for each visible widget. */
void ui_dump(const ui *u, FILE *out);
/* Saves exactly what the screen shows as a PNG; 0 or -1 with err. */
int ui_screenshot(ui *u, const char *path, char *err, size_t errlen);

/* Forgets the focused field and any press in progress (screen changes). */
void ui_reset(ui *u);

#endif
