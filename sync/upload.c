/* upload: the receive page's "Upload a batch file" — the file the kiosk's
 * Export to USB writes (the batch's frame texts, one a line) sent as
 * multipart/form-data, decoded by the same receiver as a camera's frames and
 * answered with the same receipt panel, shown only once the batch is stored. */
#include <microhttpd.h>
#include <sodium.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <time.h>

#include "serve.h"

#define BOUNDARY_MAX 70 /* RFC 2046 */

/* The first n bytes of needle in the len bytes at hay, or NULL (memmem is not C11 or POSIX). */
static const char *find(const char *hay, size_t len, const char *needle, size_t n)
{
	for (const char *p = hay; hay && (size_t)(hay + len - p) >= n; p++) {
		p = memchr(p, needle[0], (size_t)(hay + len - p));
		if (!p || (size_t)(hay + len - p) < n)
			return NULL;
		if (memcmp(p, needle, n) == 0)
			return p;
	}
	return NULL;
}

/* The boundary of a multipart/form-data Content-Type, with its leading "--",
 * into out; false when it is not one. */
static bool boundary_of(const char *type, char out[BOUNDARY_MAX + 3])
{
	if (!type || strncasecmp(type, "multipart/form-data", 19) != 0)
		return false;
	const char *b = strstr(type, "boundary=");
	if (!b)
		return false;
	b += strlen("boundary=");
	bool quoted = *b == '"';
	b += quoted;
	size_t n = strcspn(b, quoted ? "\"" : "; \t");
	if (n == 0 || n > BOUNDARY_MAX)
		return false;
	snprintf(out, BOUNDARY_MAX + 3, "--%.*s", (int)n, b);
	return true;
}

/* The content of the part named name of a multipart body (RFC 7578): *start
 * and *len; false when there is no such part. */
static bool part_named(const char *body, size_t len, const char *delim, const char *name,
                       const char **start, size_t *plen)
{
	char want[96];
	snprintf(want, sizeof want, "name=\"%s\"", name);
	size_t dl = strlen(delim);
	const char *end = body + len, *p = find(body, len, delim, dl);
	while (p) {
		const char *head = p + dl;
		if (end - head < 2 || memcmp(head, "\r\n", 2) != 0)
			return false; /* "--" after the delimiter: the last one */
		head += 2;
		const char *blank = find(head, (size_t)(end - head), "\r\n\r\n", 4);
		if (!blank)
			return false;
		const char *content = blank + 4;
		const char *next = find(content, (size_t)(end - content), delim, dl);
		if (!next || next - content < 2)
			return false;
		/* The headers of this part: is it the one named? */
		const char *disp = find(head, (size_t)(blank - head), want, strlen(want));
		if (disp && (disp == head || disp[-1] == ' ' || disp[-1] == ';')) {
			*start = content;
			*plen = (size_t)(next - content) - 2; /* the CRLF before the delimiter */
			return true;
		}
		p = next;
	}
	return false;
}

/* Whether every frame line of text (NUL-terminated) has the same batch tag,
 * the field after a frame's second "/" (PROTOCOL.md, "Frames"): a file the
 * kiosk wrote holds one batch, and one receipt answers it. */
static bool one_batch(const char *text)
{
	const char *first = NULL;
	size_t first_len = 0;
	for (const char *line = text; *line; line += strcspn(line, "\n"), line += *line == '\n') {
		if (strncmp(line, "CK", 2) != 0)
			continue;
		const char *tag = memchr(line, '/', strcspn(line, "\n"));
		tag = tag ? memchr(tag + 1, '/', strcspn(tag + 1, "\n")) : NULL;
		if (!tag)
			continue;
		size_t len = strcspn(++tag, "/\n");
		if (!first) {
			first = tag;
			first_len = len;
		} else if (len != first_len || memcmp(tag, first, len) != 0) {
			return false;
		}
	}
	return true;
}

/* Feeds the file's lines to rv; the batch the file holds (the last one a
 * frame belonged to), or NULL when no line was a frame of a batch. */
static receive_batch *feed(receiver *rv, char *text, size_t len, char *why, size_t whylen)
{
	receive_batch *batch = NULL;
	int64_t now = (int64_t)time(NULL);
	char *line = text, *end = text + len;
	why[0] = '\0';
	while (line < end) {
		char *nl = memchr(line, '\n', (size_t)(end - line));
		char *stop = nl ? nl : end;
		while (stop > line && (stop[-1] == '\r' || stop[-1] == ' '))
			stop--;
		*stop = '\0';
		receive_batch *b = NULL;
		if (*line) {
			sync_frame_status st = receiver_add(rv, line, now, &b);
			if (b)
				batch = b;
			else if (!why[0] && st != SYNC_FRAME_NOT_FRAME)
				receive_skip_reason(line, st, why, whylen);
		}
		line = nl ? nl + 1 : end;
	}
	return batch;
}

/* The receipt panel of the receive page, for a batch just stored. */
static void receipt_panel(html *h, const receive_batch *b)
{
	bool fresh = b->counts.added + b->counts.updated > 0;
	html_add(h,
	         "<div class=\"app-panel\" id=\"receipt\" tabindex=\"-1\"><h2>Records received</h2>"
	         "<p>Receipt code</p><p class=\"app-receipt__code\" id=\"receipt-code\">%s</p>"
	         "<p>Type this code on the kiosk under <strong>Enter receipt</strong>.</p>"
	         "<p id=\"receipt-summary\">%z %h from kiosk %s %h in the online space.</p>"
	         "<a class=\"app-button app-button--secondary\" href=\"/receive\">Receive another batch</a></div>",
	         b->receipt, b->records, b->records == 1 ? "record" : "records", b->kiosk,
	         fresh ? "are now" : "are already");
}

/* A page saying why the file gave no receipt, with the way back. */
static void refusal(serve_request *r, unsigned status, const char *why)
{
	html h = {0};
	html_add(&h,
	         "<h1>Upload a batch file</h1><div class=\"app-notice\" role=\"alert\"><p>%s</p>"
	         "<p>Nothing was given a receipt.</p></div>"
	         "<p><a class=\"app-button app-button--secondary\" href=\"/receive\">Back to Receive from a kiosk</a></p>",
	         why);
	serve_page(r, status, "Upload a batch file", &h, NULL, NULL);
	html_free(&h);
}

/* What became of a batch that is not stored, in the words of the receive page. */
static void not_stored(serve_request *r, const receive_batch *b)
{
	char why[400];
	if (b->state == RECEIVE_RECEIVING)
		snprintf(why, sizeof why,
		         "This file holds %zu of the %zu parts of batch %s: it was cut short or "
		         "damaged. Export it from the kiosk again.", b->have, b->count, b->tag);
	else
		snprintf(why, sizeof why, "%s", serve_batch_message(b));
	refusal(r, MHD_HTTP_UNPROCESSABLE_CONTENT, why);
}

void page_upload(serve_request *r)
{
	serve_server *s = r->srv;
	const char *type = MHD_lookup_connection_value(r->conn, MHD_HEADER_KIND,
	                                               MHD_HTTP_HEADER_CONTENT_TYPE);
	char delim[BOUNDARY_MAX + 3], why[256];
	const char *token = NULL, *file = NULL;
	size_t tlen = 0, flen = 0;
	/* The form's own token, as FORM_TOKEN checks it for url-encoded forms. */
	if (!boundary_of(type, delim) || !part_named(r->body, r->len, delim, "csrf", &token, &tlen) ||
	    tlen == 0 || tlen != strlen(r->csrf) || sodium_memcmp(token, r->csrf, tlen) != 0) {
		serve_error(r, MHD_HTTP_FORBIDDEN, "This form is out of date",
		            "Go back, reload the page and try again.");
		return;
	}
	if (!part_named(r->body, r->len, delim, "batch", &file, &flen) || flen == 0) {
		refusal(r, MHD_HTTP_BAD_REQUEST, "Choose the batch file first: the kiosk's Export to USB "
		                                 "writes it as cop-kiosk-batch-….txt.");
		return;
	}
	char *text = malloc(flen + 1);
	if (!text) {
		serve_error(r, MHD_HTTP_INTERNAL_SERVER_ERROR, "Out of memory", "Try again.");
		return;
	}
	memcpy(text, file, flen);
	text[flen] = '\0';
	if (!one_batch(text)) {
		free(text);
		refusal(r, MHD_HTTP_UNPROCESSABLE_CONTENT,
		        "This file holds frames of more than one batch, so nothing of it was taken: upload "
		        "a cop-kiosk-batch-….txt file as the kiosk's Export to USB wrote it, one batch a file.");
		return;
	}
	pthread_mutex_lock(&s->lock);
	receiver *rv = receiver_new(s->arc, s->keyed ? s->key : NULL);
	if (rv)
		receiver_set_user(rv, r->user); /* only batches of the communities they keep */
	receive_batch *b = rv ? feed(rv, text, flen, why, sizeof why) : NULL;
	if (!rv) {
		serve_error(r, MHD_HTTP_INTERNAL_SERVER_ERROR, "Out of memory", "Try again.");
	} else if (!b) {
		refusal(r, MHD_HTTP_UNPROCESSABLE_CONTENT,
		        why[0] ? why : "This file holds no batch of a kiosk: choose the cop-kiosk-batch-….txt "
		                       "file the kiosk's Export to USB wrote.");
	} else if (b->state != RECEIVE_IMPORTED) {
		not_stored(r, b);
	} else {
		/* Imported: the transaction has committed, so the receipt may show. */
		html h = {0};
		html_add(&h, "<h1>Receive from a kiosk</h1>");
		receipt_panel(&h, b);
		serve_page(r, MHD_HTTP_OK, "Receive from a kiosk", &h, NULL, NULL);
		html_free(&h);
	}
	receiver_free(rv);
	pthread_mutex_unlock(&s->lock);
	free(text);
}
