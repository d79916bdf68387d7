/* lang: the language of the kiosk's words — English as the code writes them,
 * or a GNU gettext catalogue (kiosk/po/LANG.po, built into
 * DIR/LANG/LC_MESSAGES/cop-kiosk.mo). Only the words change: the data file's
 * text, dates' digits and sorting stay as they are. */
#ifndef LANG_H
#define LANG_H

#include <libintl.h>
#include <stddef.h>

#define LANG_DOMAIN "cop-kiosk"
#define LANG_MAX 8 /* languages offered, English included */

/* Words shown to people: translated through the catalogue in use. In
 * English they are the code's own, with no lookup: gettext allocates on
 * every miss, and screens call _() in every frame. */
#define _(text) lang_gettext(text)
#undef ngettext /* libintl.h's, when optimising */
#define ngettext(one, many, n) lang_ngettext(one, many, n)
/* Marks words kept in tables for the catalogue; they are translated with _()
 * where they are shown. */
#define N_(text) text
/* Words whose English has two meanings, told apart for the translator by a
 * context: C_("face", "OK") beside the keypad's "OK"; NC_ marks them in tables. */
#define C_(context, text) lang_pgettext(context, text)
#define NC_(context, text) text

/* text in the words in use, as meant in context; text when not translated. */
const char *lang_pgettext(const char *context, const char *text);
/* gettext and ngettext, but the English at once while English is in use. */
const char *lang_gettext(const char *text) __attribute__((format_arg(1)));
const char *lang_ngettext(const char *one, const char *many, unsigned long n) __attribute__((format_arg(1)))
	__attribute__((format_arg(2)));

/* Looks for catalogues in dir (may be NULL: English only) and sets up
 * gettext; the words stay English until lang_set. Returns how many
 * languages can be chosen, English included. Call once, before any _(). */
int lang_init(const char *dir);

/* Shows the words in language code ("en", "cy") from now on. Returns 0, or
 * -1 with one line in err naming the languages there are (the language in
 * use is kept). */
int lang_set(const char *code, char *err, size_t errlen);

/* The language in use ("en" until lang_set). */
const char *lang_current(void);

/* The i-th language that can be chosen (0 is "en"), NULL past the last. */
const char *lang_code(int i);

/* A language's name in itself ("Cymraeg"), for choosing it; the code for a
 * language the kiosk has no name for. */
const char *lang_name(const char *code);

#endif
