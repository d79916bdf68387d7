/* keyboard: the on-screen keyboard's model — layers, keys, their places, and what
 * a press does to a text buffer. Drawing lives in the ui layer. */
#ifndef KEYBOARD_H
#define KEYBOARD_H

#include <stdbool.h>
#include <stddef.h>

#include "layout.h"

typedef enum {
	KEYBOARD_LETTERS,  /* QWERTY */
	KEYBOARD_SYMBOLS,  /* digits and punctuation */
	KEYBOARD_ACCENTS,  /* é è ê ë à â ä á ç ñ ö ô ó ü û ú î ï í ŵ ŷ ... */
	KEYBOARD_ACCENTS_MORE, /* ą ć č ę ł ń ő ř ś š ű ż ž ...: central Europe's */
	KEYBOARD_LAYER_COUNT
} keyboard_layer;

/* What a field holds, which changes the keys and the shift a little. */
typedef enum {
	KEYBOARD_TEXT,   /* anything, as typed */
	KEYBOARD_NAME,   /* a name: a capital at the start of each word */
	KEYBOARD_EMAIL   /* an email address: "@" and ".nhs.uk" on the letters */
} keyboard_kind;

typedef enum {
	KEYBOARD_CHAR,      /* inserts text */
	KEYBOARD_SHIFT,     /* upper case for the next letter (double press: caps lock) */
	KEYBOARD_BACKSPACE, /* removes one whole character */
	KEYBOARD_SPACE,
	KEYBOARD_DONE,      /* the caller closes the keyboard / submits */
	KEYBOARD_LAYER      /* switches to key.layer */
} keyboard_action;

typedef struct {
	const char *label;      /* what the key shows and what `dump` reports:
	                           "a" / "A", "Shift", "Delete", "Space", "Done",
	                           "123", "ABC", "àé" */
	const char *text;       /* UTF-8 inserted by KEYBOARD_CHAR, else NULL */
	keyboard_action action;
	keyboard_layer layer;   /* target of KEYBOARD_LAYER */
	rect r;                 /* place on screen, from keyboard_layout */
} keyboard_key;

typedef struct {
	keyboard_layer layer;
	bool shift;     /* next letter upper case */
	bool caps;      /* every letter upper case until shift is pressed again */
	keyboard_kind kind;
	int max_key;    /* widest a one-letter key may be, in pixels (0: as wide as
	                 * the area allows): a wide screen's keyboard keeps keys a
	                 * hand spans, centred, rather than stretching them */
} keyboard;

/* Maximum number of keys on any layer. */
#define KEYBOARD_MAX_KEYS 48

/* The keys of kb's current layer (labels in the current shift state), placed
 * in four or five rows over area with gap pixels between keys; narrower and
 * centred in area when kb->max_key would be exceeded. Returns the
 * number of keys written to out (at most max). */
int keyboard_layout(const keyboard *kb, rect area, int gap, keyboard_key *out, int max);

/* Applies a press of key to kb and buf (NUL-terminated, cap bytes, at most
 * max_chars code points). Returns true when the key was "Done". A one-shot
 * shift is released after one letter. */
bool keyboard_press(keyboard *kb, const keyboard_key *key, char *buf, size_t cap, size_t max_chars);

/* Back to lower-case letters for any text, as when a field gains focus (the
 * caller then sets kind for a name or an email address); max_key, the
 * screen's, stays. */
void keyboard_reset(keyboard *kb);

/* For a name (kb->kind KEYBOARD_NAME): shift on when buf is empty or ends a
 * word (a space or a hyphen), so that each word starts with a capital; off
 * otherwise. Caps lock and other kinds are left as they are. Called by
 * keyboard_press and after text typed on a physical keyboard. */
void keyboard_follow(keyboard *kb, const char *buf);

/* Index of the key labelled label among keys[0..n), or -1. For tests and the
 * script driver ("tap \"Shift\""). */
int keyboard_find(const keyboard_key *keys, int n, const char *label);

/* Index of the key whose rect contains (x, y), or -1 (a tap in a gap). */
int keyboard_key_at(const keyboard_key *keys, int n, int x, int y);

#endif
