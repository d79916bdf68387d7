/* html: page text with its escaper. */
#include "html.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static void put(html *h, const char *s, size_t n)
{
	if (h->nomem || n == 0)
		return;
	if (h->len + n + 1 > h->cap) {
		size_t cap = h->cap ? h->cap : 4096;
		while (cap < h->len + n + 1)
			cap *= 2;
		char *t = realloc(h->text, cap);
		if (!t) {
			h->nomem = true;
			return;
		}
		h->text = t;
		h->cap = cap;
	}
	memcpy(h->text + h->len, s, n);
	h->len += n;
	h->text[h->len] = '\0';
}

static void escaped(html *h, const char *s)
{
	for (const char *run = s;; s++) {
		const char *ent = NULL;
		switch (*s) {
		case '&': ent = "&amp;"; break;
		case '<': ent = "&lt;"; break;
		case '>': ent = "&gt;"; break;
		case '"': ent = "&quot;"; break;
		case '\'': ent = "&#39;"; break;
		case '\0': put(h, run, (size_t)(s - run)); return;
		default: continue;
		}
		put(h, run, (size_t)(s - run));
		put(h, ent, strlen(ent));
		run = s + 1;
	}
}

static void url_encoded(html *h, const char *s)
{
	static const char hex[] = "0123456789ABCDEF";
	for (; *s; s++) {
		unsigned char c = (unsigned char)*s;
		if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
		    strchr("-._~", c)) {
			put(h, s, 1);
		} else {
			char e[3] = {'%', hex[c >> 4], hex[c & 15]};
			put(h, e, 3);
		}
	}
}

static void json_escaped(html *h, const char *s)
{
	char e[8];
	for (const char *run = s;; s++) {
		unsigned char c = (unsigned char)*s;
		if (c && c >= 0x20 && c != '"' && c != '\\')
			continue;
		put(h, run, (size_t)(s - run));
		if (!c)
			return;
		if (c == '"' || c == '\\')
			put(h, e, (size_t)snprintf(e, sizeof e, "\\%c", c));
		else
			put(h, e, (size_t)snprintf(e, sizeof e, "\\u%04x", c));
		run = s + 1;
	}
}

void html_add(html *h, const char *fmt, ...)
{
	va_list ap;
	char num[64];
	va_start(ap, fmt);
	for (const char *run = fmt;; fmt++) {
		if (*fmt != '%' && *fmt)
			continue;
		put(h, run, (size_t)(fmt - run));
		if (!*fmt)
			break;
		switch (*++fmt) {
		case 's': escaped(h, va_arg(ap, const char *)); break;
		case 'h': { const char *s = va_arg(ap, const char *); put(h, s, strlen(s)); break; }
		case 'u': url_encoded(h, va_arg(ap, const char *)); break;
		case 'j': json_escaped(h, va_arg(ap, const char *)); break;
		case 'd': put(h, num, (size_t)snprintf(num, sizeof num, "%d", va_arg(ap, int))); break;
		case 'l': put(h, num, (size_t)snprintf(num, sizeof num, "%ld", va_arg(ap, long))); break;
		case 'z': put(h, num, (size_t)snprintf(num, sizeof num, "%zu", va_arg(ap, size_t))); break;
		case '1': put(h, num, (size_t)snprintf(num, sizeof num, "%.1f", va_arg(ap, double))); break;
		case '%': put(h, "%", 1); break;
		default: /* a bug in a format of the program's own */
			abort();
		}
		run = fmt + 1;
	}
	va_end(ap);
}

void html_free(html *h)
{
	if (!h)
		return;
	free(h->text);
	h->text = NULL;
	h->len = h->cap = 0;
	h->nomem = false;
}

char *html_take(html *h, size_t *len)
{
	char *t = h->text ? h->text : strdup("");
	*len = h->text ? h->len : 0;
	h->text = NULL;
	h->len = h->cap = 0;
	return t;
}
