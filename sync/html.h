/* html: a growing buffer of page text, and the one escaper every page uses. */
#ifndef HTML_H
#define HTML_H

#include <stdbool.h>
#include <stddef.h>

typedef struct {
	char *text;   /* NUL-terminated; NULL until something is added */
	size_t len, cap;
	bool nomem;   /* an addition failed: the text is incomplete */
} html;

/* Adds text to h by a format of its own, so that no caller's string reaches
 * the page unescaped:
 *   %s  a string, escaped for HTML text and attribute values (& < > " ')
 *   %h  a string of the program's own markup, added as it is
 *   %u  a string percent-encoded for a URL's path segment or query value
 *   %j  a string as the inside of a JSON string (quotes, backslashes, controls)
 *   %d  an int; %l a long; %z a size_t
 *   %1  a double with one decimal; %%  a percent sign
 * A failed allocation sets h->nomem and adds nothing more. */
void html_add(html *h, const char *fmt, ...);

/* Frees the text (h itself is the caller's); NULL is accepted. */
void html_free(html *h);

/* Takes the text out of h (the caller frees it; "" when empty) and leaves h empty. */
char *html_take(html *h, size_t *len);

#endif
