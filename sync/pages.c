/* pages: the online space's pages — the layout, events, one event (attendance
 * in counts, the post-it wall, reflections), the quarterly measures, the
 * receive page and the downloads. Every string reaches HTML through html_add. */
#define _XOPEN_SOURCE 700 /* strptime */
#include "serve.h"
#include "webfiles.h"

#include <microhttpd.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

static const char *const scale_words[] = {"Very poor", "Poor", "OK", "Good", "Very good"};
static const char *const activities[] = {
	"Sharing", "Productive inquiry", "Negotiating shared understanding", "Producing assets",
	"Creating standards", "Formal access to knowledge", "Visits",
};
static const char *const kinds[] = {"Going well", "To be improved", "Ideas"};
static const char *const kind_class[] = {"well", "improve", "other"};
static const char *const kind_icon[] = {"\xe2\x9c\x93", "\xe2\x86\x97", "\xe2\x98\x85"}; /* ✓ ↗ ★ */

/* ---- the layout ----------------------------------------------------------------- */

void serve_page(serve_request *r, unsigned status, const char *title, html *main,
                const char *const *scripts, const char *set_cookie)
{
	html h = {0};
	html_add(&h,
	         "<!doctype html><html lang=\"en\"><head><meta charset=\"utf-8\">"
	         "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">"
	         "<title>%s – Community online space</title>"
	         "<link rel=\"stylesheet\" href=\"/static/style.css\">"
	         "<meta name=\"csrf-token\" content=\"%s\"></head><body>"
	         "<a class=\"app-skip\" href=\"#main\">Skip to main content</a>"
	         "<header class=\"app-header\"><div class=\"app-width app-header__inner\">"
	         "<a class=\"app-header__name\" href=\"/\">Community online space</a>",
	         title, r->csrf);
	if (r->user[0])
		html_add(&h,
		         "<nav class=\"app-nav\" aria-label=\"Main\"><a href=\"/\">Events</a>"
		         "<a href=\"/measures\">Measures</a>%h%h"
		         "<form method=\"post\" action=\"/signout\"><input type=\"hidden\" name=\"csrf\" "
		         "value=\"%s\"><button class=\"app-nav__button\">Sign out</button></form></nav>",
		         r->keeps ? "<a href=\"/receive\">Receive from a kiosk</a>" : "",
		         r->admins ? "<a href=\"/accounts\">Accounts</a>" : "", r->csrf);
	html_add(&h, "</div></header><main class=\"app-width app-main\" id=\"main\">%h</main>",
	         main->text ? main->text : "");
	for (size_t i = 0; scripts && scripts[i]; i++)
		html_add(&h, "<script type=\"module\" src=\"%s\"></script>", scripts[i]);
	html_add(&h, "</body></html>\n");
	if (h.nomem || main->nomem) {
		html_free(&h);
		static const char oom[] = "Out of memory: try again.\n";
		serve_respond(r, MHD_HTTP_INTERNAL_SERVER_ERROR, "text/plain; charset=utf-8", oom,
		              sizeof oom - 1, (const char *)NULL);
		return;
	}
	if (set_cookie)
		serve_respond(r, status, "text/html; charset=utf-8", h.text, h.len,
		              MHD_HTTP_HEADER_SET_COOKIE, set_cookie, (const char *)NULL);
	else
		serve_respond(r, status, "text/html; charset=utf-8", h.text, h.len, (const char *)NULL);
	html_free(&h);
}

void serve_error(serve_request *r, unsigned status, const char *heading, const char *text)
{
	html h = {0};
	html_add(&h, "<h1>%s</h1><p>%s</p>", heading, text);
	if (r->user[0])
		html_add(&h, "<p><a href=\"/\">Go to the events</a></p>");
	serve_page(r, status, heading, &h, NULL, NULL);
	html_free(&h);
}

/* A failed archive read: logged, and said plainly. */
static void archive_failed(serve_request *r, const char *err)
{
	fprintf(stderr, "cop-sync: %s\n", err);
	serve_error(r, MHD_HTTP_INTERNAL_SERVER_ERROR, "Sorry, there is a problem",
	            "The online space could not read its archive. Try again in a minute.");
}

/* "Friday 27 November 2026, 09:30" from "2026-11-27 09:30" ("" stays ""). */
static void long_date(const char *starts, char *out, size_t outlen)
{
	struct tm tm = {0};
	const char *end = strptime(starts, "%Y-%m-%d %H:%M", &tm);
	if (!end) {
		snprintf(out, outlen, "%s", starts);
		return;
	}
	tm.tm_isdst = -1;
	mktime(&tm);
	strftime(out, outlen, "%A %e %B %Y, %H:%M", &tm);
	/* %e pads the day with a space. */
	char *sp = strstr(out, "  ");
	if (sp)
		memmove(sp, sp + 1, strlen(sp));
}

/* "1 October 2026" for "2026-10-01", moved by `days` days ("" if not a date). */
static void day_words(const char *date, int days, char *out, size_t outlen)
{
	struct tm tm = {0};
	out[0] = '\0';
	if (!strptime(date, "%Y-%m-%d", &tm))
		return;
	tm.tm_mday += days;
	tm.tm_hour = 12;
	tm.tm_isdst = -1;
	mktime(&tm);
	strftime(out, outlen, "%e %B %Y", &tm);
	if (out[0] == ' ')
		memmove(out, out + 1, strlen(out));
}

static const char *plural(long n, const char *one, const char *many)
{
	return n == 1 ? one : many;
}

/* ---- events --------------------------------------------------------------------- */

static void event_card(const archive_event_row *e, void *ctx)
{
	html *h = ctx;
	char when[64];
	long_date(e->starts, when, sizeof when);
	html_add(h,
	         "<li class=\"app-card\"><h2 class=\"app-card__heading\"><a href=\"/event/%u\">%s</a>"
	         "</h2><p class=\"app-card__meta\">%s%h%s</p><ul class=\"app-card__figures\">"
	         "<li><strong>%l</strong> %h</li><li><strong>%l</strong> %h</li>"
	         "<li><strong>%l</strong> %h</li><li><strong>%l</strong> %h</li></ul></li>",
	         e->gid, e->title[0] ? e->title : "Untitled event", when[0] ? when : "No date",
	         e->venue[0] ? " · " : "", e->venue, e->people, plural(e->people, "person", "people"),
	         e->newcomers, plural(e->newcomers, "newcomer", "newcomers"), e->notes,
	         plural(e->notes, "post-it", "post-its"), e->answers,
	         plural(e->answers, "answer", "answers"));
}

typedef struct {
	html *h;
	const char *csrf;
	bool keeps;   /* the reader may refuse kiosks (a critical friend may not) */
	bool admins;  /* the reader may approve a new kiosk's key */
} kiosk_list;

/* "3 Dec 2026, 14:52" */
static void short_time(long long at, char *out, size_t outlen)
{
	time_t t = (time_t)at;
	struct tm tm;
	strftime(out, outlen, "%e %b %Y, %H:%M", localtime_r(&t, &tm));
	if (out[0] == ' ')
		memmove(out, out + 1, strlen(out));
}

/* A kiosk whose key was pinned on first use and that no admin has checked:
 * its batches are taken; an admin approves the key or refuses the kiosk. */
static void new_kiosk(kiosk_list *l, const archive_kiosk_row *k)
{
	char when[32], start[17];
	short_time(k->pinned_at, when, sizeof when);
	snprintf(start, sizeof start, "%s", k->signer);
	html_add(l->h,
	         "<div class=\"app-new-kiosk\"><p><strong>New kiosk: first seen %s, key %s…</strong></p>"
	         "<p>Signs its batches with key <code class=\"app-key\">%s</code></p>",
	         when, start, k->signer);
	if (!l->admins) {
		html_add(l->h, "<p>Its batches are taken. An admin of the community checks its key "
		               "and approves it or refuses it.</p></div></dd></div>");
		return;
	}
	html_add(l->h,
	         "<p>Its batches are taken (trust on first use). Approve it if this is one of the "
	         "community's kiosks; refuse it if not, and its batches are taken no more.</p>"
	         "<div class=\"app-button-group\">"
	         "<form method=\"post\" action=\"/kiosk/approve\"><input type=\"hidden\" name=\"csrf\" "
	         "value=\"%s\"><input type=\"hidden\" name=\"kiosk\" value=\"%s\">"
	         "<input type=\"hidden\" name=\"decision\" value=\"approve\">"
	         "<button class=\"app-button\">Approve</button></form>"
	         "<form method=\"post\" action=\"/kiosk/approve\"><input type=\"hidden\" name=\"csrf\" "
	         "value=\"%s\"><input type=\"hidden\" name=\"kiosk\" value=\"%s\">"
	         "<input type=\"hidden\" name=\"decision\" value=\"refuse\">"
	         "<button class=\"app-button app-button--warning\">Refuse</button></form>"
	         "</div></div></dd></div>",
	         l->csrf, k->kiosk, l->csrf, k->kiosk);
}

static void kiosk_row(const archive_kiosk_row *k, void *ctx)
{
	kiosk_list *l = ctx;
	char when[32];
	short_time(k->last_at, when, sizeof when);
	html_add(l->h, "<div><dt>Kiosk %s</dt><dd><p>Last batch %s received %s · %l %h in all</p>",
	         k->kiosk, k->last_batch, when, k->records, plural(k->records, "record", "records"));
	if (k->signer[0] && !k->refused && !k->approved_by[0]) {
		new_kiosk(l, k);
		return;
	}
	if (k->signer[0]) {
		char start[17];
		snprintf(start, sizeof start, "%s", k->signer);
		html_add(l->h, "<p class=\"app-caption\">Signs its batches with key %s…</p>", start);
	}
	else
		html_add(l->h, "<p class=\"app-caption\">Its batches are not signed (an older kiosk).</p>");
	if (k->approved_by[0] && !k->refused) {
		short_time(k->approved_at, when, sizeof when);
		html_add(l->h, "<p class=\"app-caption\">Approved by %s, %s.</p>", k->approved_by, when);
	}
	if (k->refused)
		html_add(l->h, "<p><strong>Refused: its batches are not taken.</strong></p>");
	if (!l->keeps) {
		html_add(l->h, "</dd></div>");
		return;
	}
	html_add(l->h,
	         "<form method=\"post\" action=\"/kiosk\"><input type=\"hidden\" name=\"csrf\" "
	         "value=\"%s\"><input type=\"hidden\" name=\"kiosk\" value=\"%s\">"
	         "<input type=\"hidden\" name=\"refuse\" value=\"%h\">"
	         "<button class=\"app-button %h\">%h</button></form></dd></div>",
	         l->csrf, k->kiosk, k->refused ? "0" : "1",
	         k->refused ? "app-button--secondary" : "app-button--warning",
	         k->refused ? "Take its batches again" : "Refuse this kiosk's batches");
}

/* POST /kiosk: a keeper refuses a kiosk's batches (a key that is not the
 * community's kiosk), or takes them again. */
void page_kiosk(serve_request *r)
{
	char kiosk[SYNC_ID_MAX], refuse[4], err[256];
	if (!serve_form(r, "kiosk", kiosk, sizeof kiosk) || !serve_form(r, "refuse", refuse, sizeof refuse)) {
		serve_error(r, MHD_HTTP_BAD_REQUEST, "Not understood", "The form lacks its kiosk.");
		return;
	}
	pthread_mutex_lock(&r->srv->lock);
	int rc = archive_kiosk_refuse(r->srv->arc, r->user, kiosk, strcmp(refuse, "1") == 0, err, sizeof err);
	pthread_mutex_unlock(&r->srv->lock);
	if (rc == ARCHIVE_INVALID)
		serve_error(r, MHD_HTTP_NOT_FOUND, "Kiosk not found", err);
	else if (rc == ARCHIVE_REFUSED)
		serve_error(r, MHD_HTTP_FORBIDDEN, "For admins", err);
	else if (rc != ARCHIVE_OK)
		archive_failed(r, err);
	else
		serve_redirect(r, "/#kiosks", NULL);
}

/* POST /kiosk/approve: an admin approves a new kiosk's key (decision
 * "approve") or refuses the kiosk ("refuse"). */
void page_kiosk_approve(serve_request *r)
{
	char kiosk[SYNC_ID_MAX], decision[16], err[256];
	if (!serve_form(r, "kiosk", kiosk, sizeof kiosk) ||
	    !serve_form(r, "decision", decision, sizeof decision) ||
	    (strcmp(decision, "approve") != 0 && strcmp(decision, "refuse") != 0)) {
		serve_error(r, MHD_HTTP_BAD_REQUEST, "Not understood", "The form lacks its kiosk.");
		return;
	}
	pthread_mutex_lock(&r->srv->lock);
	int rc = archive_kiosk_decide(r->srv->arc, r->user, kiosk, strcmp(decision, "approve") == 0,
	                              err, sizeof err);
	pthread_mutex_unlock(&r->srv->lock);
	if (rc == ARCHIVE_INVALID)
		serve_error(r, MHD_HTTP_NOT_FOUND, "Kiosk not found",
		            "No kiosk of a community you administer waits for approval at this address.");
	else if (rc != ARCHIVE_OK)
		archive_failed(r, err);
	else
		serve_redirect(r, "/#kiosks", NULL);
}

void page_events(serve_request *r)
{
	html h = {0}, cards = {0}, kiosks = {0};
	kiosk_list list = {&kiosks, r->csrf, r->keeps, r->admins};
	char err[256];
	pthread_mutex_lock(&r->srv->lock);
	int rc = archive_events(r->srv->arc, r->user, NULL, event_card, &cards, err, sizeof err);
	if (rc == ARCHIVE_OK)
		rc = archive_kiosks(r->srv->arc, r->user, kiosk_row, &list, err, sizeof err);
	pthread_mutex_unlock(&r->srv->lock);
	if (rc != ARCHIVE_OK) {
		archive_failed(r, err);
		goto out;
	}
	html_add(&h, "<h1>Events</h1>");
	if (!cards.text && !r->keeps)
		html_add(&h, "<p class=\"app-lede\">No events of your communities yet.</p>");
	else if (!cards.text)
		html_add(&h,
		         "<p class=\"app-lede\">No events yet. After a meeting, open "
		         "<a href=\"/receive\">Receive from a kiosk</a> on your phone and point it at "
		         "the kiosk's Sync screen.</p>");
	else
		html_add(&h, "<ul class=\"app-card-list\">%h</ul>", cards.text);
	html_add(&h, "<h2>Downloads</h2><ul class=\"app-downloads\">"
	             "<li><a href=\"/download/mailing-list.csv\">Mailing list (CSV for a Mailchimp "
	             "audience import, opted-in people only)</a></li>"
	             "<li><a href=\"/download/report.md\">Report of every event (Markdown, for the "
	             "community's wiki)</a></li>"
	             "<li><a href=\"/download/records.json\">Every record (JSON)</a></li></ul>");
	html_add(&h, "<h2 id=\"kiosks\">Kiosks that have synced</h2>"
	             "<p>Each kiosk signs its batches; the online space takes a kiosk's key from its "
	             "first batch and refuses batches signed by any other; an admin checks each new "
	             "kiosk's key and approves it. Refuse a kiosk that is not "
	             "one of the community's.</p>");
	if (kiosks.text)
		html_add(&h, "<dl class=\"app-summary-list\">%h</dl>", kiosks.text);
	else
		html_add(&h, "<p>None yet.</p>");
	serve_page(r, MHD_HTTP_OK, "Events", &h, NULL, NULL);
out:
	html_free(&h);
	html_free(&cards);
	html_free(&kiosks);
}

/* ---- one event ------------------------------------------------------------------ */

typedef struct {
	archive_event_row e;
	char gid[96], title[256], starts[32], venue[256];
	bool found;
} event_head;

static void keep_event(const archive_event_row *e, void *ctx)
{
	event_head *eh = ctx;
	eh->e = *e;
	snprintf(eh->gid, sizeof eh->gid, "%s", e->gid);
	snprintf(eh->title, sizeof eh->title, "%s", e->title);
	snprintf(eh->starts, sizeof eh->starts, "%s", e->starts);
	snprintf(eh->venue, sizeof eh->venue, "%s", e->venue);
	eh->found = true;
}

static void count_row(const char *label, long count, void *ctx)
{
	html_add(ctx, "<tr><th scope=\"row\">%s</th><td>%l</td></tr>", label[0] ? label : "Not given",
	         count);
}

static int attendance_tables(serve_request *r, const char *gid, html *h, long *optins, char *err,
                             size_t errlen)
{
	static const char *const heads[] = {"Organisation", "Profession", "Role today"};
	for (int by = ARCHIVE_BY_ORGANISATION; by <= ARCHIVE_BY_ROLE; by++) {
		html rows = {0};
		int rc = archive_attendance(r->srv->arc, gid, (archive_by)by, count_row, &rows,
		                            by == ARCHIVE_BY_ORGANISATION ? optins : NULL, err, errlen);
		if (rc != ARCHIVE_OK) {
			html_free(&rows);
			return rc;
		}
		if (rows.text)
			html_add(h,
			         "<table class=\"app-table\"><thead><tr><th scope=\"col\">%h</th>"
			         "<th scope=\"col\">People</th></tr></thead><tbody>%h</tbody></table>",
			         heads[by], rows.text);
		html_free(&rows);
	}
	return ARCHIVE_OK;
}

/* The wall, built an agenda item at a time: each item a section that opens,
 * its summary counting the notes of each kind, its kinds side by side. */
typedef struct {
	html *h;
	html notes;     /* the open item's columns */
	char item[256]; /* its title */
	bool open;      /* an item is being built */
	int kind;       /* the column open in it, -1 none */
	long count[3];  /* its notes of each kind */
} wall;

static void wall_flush(wall *w)
{
	if (!w->open)
		return;
	if (w->kind >= 0)
		html_add(&w->notes, "</ul></section>");
	html_add(w->h, "<details class=\"app-details app-wall__group\"><summary>"
	               "<span class=\"app-details__title\">%s</span><span class=\"app-details__counts\">",
	         w->item[0] ? w->item : "No agenda item");
	for (int k = 0, first = 1; k < 3; k++)
		if (w->count[k]) {
			html_add(w->h, "%h%l %h", first ? "" : " · ", w->count[k], kinds[k]);
			first = 0;
		}
	html_add(w->h, "</span></summary><div class=\"app-wall\">%h</div></details>",
	         w->notes.text ? w->notes.text : "");
	html_free(&w->notes);
	memset(w->count, 0, sizeof w->count);
	w->kind = -1;
	w->open = false;
}

static void note_card(const archive_note_row *n, void *ctx)
{
	wall *w = ctx;
	int k = n->kind >= 0 && n->kind <= 2 ? n->kind : 2;
	if (!w->open || strcmp(n->item, w->item) != 0) {
		wall_flush(w);
		snprintf(w->item, sizeof w->item, "%s", n->item);
		w->open = true;
	}
	html *h = &w->notes;
	if (k != w->kind) {
		if (w->kind >= 0)
			html_add(h, "</ul></section>");
		html_add(h,
		         "<section class=\"app-wall__column\"><h3 class=\"app-wall__heading\">"
		         "<span aria-hidden=\"true\">%h</span> %h</h3><ul class=\"app-wall__notes\">",
		         kind_icon[k], kinds[k]);
		w->kind = k;
	}
	w->count[k]++;
	html_add(h, "<li class=\"app-postit app-postit--%h\">", kind_class[k]);
	html_add(h, "<p class=\"app-postit__text\">%s</p>", n->body);
	if (n->theme[0])
		html_add(h, "<p class=\"app-postit__theme\">Theme: %s</p>", n->theme);
	if (n->group_size > 1)
		html_add(h, "<p class=\"app-postit__group\">From a group of %l</p>", n->group_size);
	html_add(h, "</li>");
}

typedef struct {
	serve_request *r;
	const char *event;
	html *h;
	int rc;
	char *err;
	size_t errlen;
} reflections;

typedef struct {
	long counts[64];   /* by value */
	long text;         /* answers without a value */
} distribution;

static void add_value(const char *group, long value, long count, void *ctx)
{
	(void)group;
	distribution *d = ctx;
	if (value >= 0 && value < 64)
		d->counts[value] += count;
	else
		d->text += count;
}

/* A breakdown's rows: each group with its answers and mean. */
typedef struct {
	html *rows;
	char group[256];
	long n, sum;
	bool by_activity;
	bool any;
} breakdown;

static void breakdown_flush(breakdown *b)
{
	if (!b->any)
		return;
	const char *label = b->group;
	if (b->by_activity) {
		int a = b->group[0] ? atoi(b->group) : -1;
		label = a >= 0 && a < 7 ? activities[a] : "No agenda item";
	} else if (!label[0]) {
		label = "No agenda item";
	}
	html_add(b->rows, "<tr><th scope=\"row\">%s</th><td>%l</td><td>%1</td></tr>", label, b->n,
	         b->n ? (double)b->sum / (double)b->n : 0.0);
	b->n = b->sum = 0;
}

static void breakdown_row(const char *group, long value, long count, void *ctx)
{
	breakdown *b = ctx;
	if (!b->any || strcmp(group, b->group) != 0) {
		breakdown_flush(b);
		snprintf(b->group, sizeof b->group, "%s", group);
		b->any = true;
	}
	if (value >= 1 && value <= 5) {
		b->n += count;
		b->sum += value * count;
	}
}

static void word_item(const char *text, long count, void *ctx)
{
	html *h = ctx;
	int weight = count >= 8 ? 5 : count >= 5 ? 4 : count >= 3 ? 3 : count >= 2 ? 2 : 1;
	html_add(h, "<li data-weight=\"%d\">%s<span class=\"app-visually-hidden\"> (%l)</span></li>",
	         weight, text, count);
}

static void story_item(const char *text, long count, void *ctx)
{
	(void)count;
	html_add(ctx, "<li>%s</li>", text);
}

static void one_prompt(const archive_prompt_row *p, void *ctx)
{
	reflections *rf = ctx;
	html *h = rf->h;
	if (rf->rc != ARCHIVE_OK)
		return;
	html_add(h, "<figure class=\"app-chart\"><figcaption>%s</figcaption>",
	         p->text[0] ? p->text : "A question no longer in the kiosk's bank");
	if (p->kind == 1 || p->kind == 2) {
		html items = {0};
		rf->rc = archive_texts(rf->r->srv->arc, rf->event, p->gid, p->kind == 2,
		                       p->kind == 2 ? story_item : word_item, &items, rf->err, rf->errlen);
		if (p->kind == 1)
			html_add(h, "<ul class=\"app-wordcloud\" data-chart=\"wordcloud\">%h</ul>",
			         items.text ? items.text : "");
		else
			html_add(h,
			         "<details class=\"app-details\"><summary><span class=\"app-details__title\">"
			         "Read the %l %h</span></summary><ul class=\"app-stories\">%h</ul></details>",
			         p->answers, plural(p->answers, "answer", "answers"),
			         items.text ? items.text : "");
		html_add(h, "<p class=\"app-caption\">%l %h</p></figure>", p->answers,
		         plural(p->answers, "answer", "answers"));
		html_free(&items);
		return;
	}
	distribution d;
	memset(&d, 0, sizeof d);
	rf->rc = archive_answers(rf->r->srv->arc, rf->event, p->gid, ARCHIVE_ALL, add_value, &d,
	                         rf->err, rf->errlen);
	if (rf->rc != ARCHIVE_OK)
		return;
	html_add(h,
	         "<table class=\"app-table app-chart__data\" data-chart=\"bar\"><thead><tr>"
	         "<th scope=\"col\">Answer</th><th scope=\"col\">Answers</th></tr></thead><tbody>");
	if (p->kind == 0) {
		for (int v = 1; v <= 5; v++)
			html_add(h, "<tr><th scope=\"row\">%h</th><td>%l</td></tr>", scale_words[v - 1],
			         d.counts[v]);
	} else {
		const char *c = p->choices;
		for (int v = 0; v < 64 && *c; v++) {
			size_t n = strcspn(c, "\n");
			char choice[256];
			snprintf(choice, sizeof choice, "%.*s", (int)(n < 255 ? n : 255), c);
			html_add(h, "<tr><th scope=\"row\">%s</th><td>%l</td></tr>", choice, d.counts[v]);
			c += n + (c[n] == '\n');
		}
	}
	html_add(h, "</tbody></table><p class=\"app-caption\">");
	if (p->kind == 0)
		html_add(h, "Mean %1 out of 5 · ", p->mean);
	html_add(h, "%l %h</p>", p->answers, plural(p->answers, "answer", "answers"));
	if (p->kind == 0) {
		for (int g = ARCHIVE_BY_ITEM; g <= ARCHIVE_BY_ACTIVITY && rf->rc == ARCHIVE_OK; g++) {
			html rows = {0};
			breakdown b = {&rows, "", 0, 0, g == ARCHIVE_BY_ACTIVITY, false};
			rf->rc = archive_answers(rf->r->srv->arc, rf->event, p->gid, (archive_group)g,
			                         breakdown_row, &b, rf->err, rf->errlen);
			breakdown_flush(&b);
			if (rows.text)
				html_add(h,
				         "<table class=\"app-table\"><thead><tr><th scope=\"col\">%h</th>"
				         "<th scope=\"col\">Answers</th><th scope=\"col\">Mean</th></tr></thead>"
				         "<tbody>%h</tbody></table>",
				         g == ARCHIVE_BY_ITEM ? "Agenda item" : "Kind of learning activity",
				         rows.text);
			html_free(&rows);
		}
	}
	html_add(h, "</figure>");
}

void page_event(serve_request *r)
{
	const char *gid = r->url + strlen("/event/");
	event_head eh = {0};
	html h = {0}, tables = {0}, notes = {0}, charts = {0};
	char err[256] = "";
	long optins = 0;
	pthread_mutex_lock(&r->srv->lock);
	int rc = archive_events(r->srv->arc, r->user, gid, keep_event, &eh, err, sizeof err);
	if (rc == ARCHIVE_OK && eh.found) {
		rc = attendance_tables(r, eh.gid, &tables, &optins, err, sizeof err);
		wall w = {.h = &notes, .kind = -1};
		if (rc == ARCHIVE_OK)
			rc = archive_notes(r->srv->arc, eh.gid, note_card, &w, err, sizeof err);
		wall_flush(&w);
		html_free(&w.notes);
		reflections rf = {r, eh.gid, &charts, ARCHIVE_OK, err, sizeof err};
		if (rc == ARCHIVE_OK)
			rc = archive_prompts(r->srv->arc, eh.gid, one_prompt, &rf, err, sizeof err);
		if (rc == ARCHIVE_OK)
			rc = rf.rc;
	}
	pthread_mutex_unlock(&r->srv->lock);
	if (rc != ARCHIVE_OK) {
		archive_failed(r, err);
		goto out;
	}
	if (!eh.found) {
		serve_error(r, MHD_HTTP_NOT_FOUND, "Event not found",
		            "No event in the online space has this address.");
		goto out;
	}
	char when[64];
	long_date(eh.starts, when, sizeof when);
	const archive_event_row *e = &eh.e;
	html_add(&h, "<p class=\"app-back\"><a href=\"/\">All events</a></p><h1>%s</h1>"
	             "<p class=\"app-lede\">%s%h%s</p>",
	         eh.title[0] ? eh.title : "Untitled event", when[0] ? when : "No date",
	         eh.venue[0] ? " · " : "", eh.venue);
	html_add(&h,
	         "<div class=\"app-stats\">"
	         "<div class=\"app-stat\"><span class=\"app-stat__value\">%l</span>"
	         "<span class=\"app-stat__label\">%h</span></div>"
	         "<div class=\"app-stat\"><span class=\"app-stat__value\">%l</span>"
	         "<span class=\"app-stat__label\">%h</span></div>"
	         "<div class=\"app-stat\"><span class=\"app-stat__value\">%l</span>"
	         "<span class=\"app-stat__label\">joined the mailing list</span></div>"
	         "<div class=\"app-stat\"><span class=\"app-stat__value\">%l</span>"
	         "<span class=\"app-stat__label\">%h</span></div>"
	         "<div class=\"app-stat\"><span class=\"app-stat__value\">%l</span>"
	         "<span class=\"app-stat__label\">%h</span></div></div>",
	         e->people, plural(e->people, "person checked in", "people checked in"),
	         e->newcomers, plural(e->newcomers, "newcomer", "newcomers"), optins, e->notes,
	         plural(e->notes, "post-it", "post-its"), e->answers,
	         plural(e->answers, "reflection answer", "reflection answers"));
	html_add(&h,
	         "<h2>Downloads</h2><ul class=\"app-downloads\">"
	         "<li><a href=\"/download/attendance.csv?event=%u\">Attendance (CSV, with names)</a></li>"
	         "<li><a href=\"/download/report.md?event=%u\">Report (Markdown, for the wiki)</a></li>"
	         "</ul>",
	         eh.gid, eh.gid);
	html_add(&h, "<h2>Who came</h2>");
	if (tables.text)
		html_add(&h, "<div class=\"app-columns\">%h</div>", tables.text);
	else
		html_add(&h, "<p>Nobody checked in at this event.</p>");
	html_add(&h, "<h2>Post-it wall</h2>");
	if (notes.text)
		html_add(&h, "<p>By agenda item: open one to read its post-its.</p>%h", notes.text);
	else
		html_add(&h, "<p>No post-its at this event.</p>");
	html_add(&h, "<h2>Reflections</h2>%h",
	         charts.text ? charts.text : "<p>No reflections at this event.</p>");
	static const char *const scripts[] = {"/static/charts.js", NULL};
	serve_page(r, MHD_HTTP_OK, eh.title[0] ? eh.title : "Event", &h, scripts, NULL);
out:
	html_free(&h);
	html_free(&tables);
	html_free(&notes);
	html_free(&charts);
}

/* ---- measures --------------------------------------------------------------------- */

static void measure_row(html *h, const char *label, long now, long before, const char *prev,
                        bool timed)
{
	html_add(h, "<tr><th scope=\"row\">%h</th><td>%l</td><td>", label, now);
	if (!timed)
		html_add(h, "Not known");
	else if (now == before)
		html_add(h, "No change since %s", prev);
	else
		html_add(h, "%h%l since %s", now > before ? "+" : "", now - before, prev);
	html_add(h, "</td></tr>");
}

static void recurring_item(const char *word, long events, void *ctx)
{
	html_add(ctx, "<li data-weight=\"%d\">%s<span class=\"app-visually-hidden\"> (%l events)</span></li>",
	         events >= 5 ? 5 : (int)events, word, events);
}

void page_measures(serve_request *r)
{
	const char *q = serve_query(r, "quarter");
	archive_quarter m;
	html h = {0}, words = {0};
	char err[256];
	pthread_mutex_lock(&r->srv->lock);
	int rc = archive_measures(r->srv->arc, r->user, q, &m, err, sizeof err);
	int wrc = rc == ARCHIVE_OK || rc == ARCHIVE_INVALID
	                  ? archive_recurring_words(r->srv->arc, r->user, 40, recurring_item, &words, err,
	                                            sizeof err)
	                  : rc;
	pthread_mutex_unlock(&r->srv->lock);
	if (rc == ARCHIVE_IO || wrc != ARCHIVE_OK) {
		archive_failed(r, err);
		goto out;
	}
	html_add(&h, "<h1>Quarterly measures</h1>");
	if (rc == ARCHIVE_INVALID) {
		html_add(&h, "<p class=\"app-notice\">%s</p>", err);
	} else if (m.empty) {
		html_add(&h, "<p class=\"app-lede\">No records yet: nothing to measure.</p>");
	} else {
		char first[64], last[64];
		day_words(m.start, 0, first, sizeof first);
		day_words(m.end, -1, last, sizeof last);
		html_add(&h,
		         "<p class=\"app-lede\">%s: %s to %s.</p>"
		         "<table class=\"app-table\"><thead><tr><th scope=\"col\">Measure</th>"
		         "<th scope=\"col\">%s</th><th scope=\"col\">Change</th></tr></thead><tbody>",
		         m.name, first, last, m.name);
		measure_row(&h, "Events", m.now[ARCHIVE_M_EVENTS], m.before[ARCHIVE_M_EVENTS], m.prev,
		            true);
		measure_row(&h, "Attendees at those events", m.now[ARCHIVE_M_ATTENDEES],
		            m.before[ARCHIVE_M_ATTENDEES], m.prev, true);
		measure_row(&h, "People on the mailing list", m.now[ARCHIVE_M_PEOPLE],
		            m.before[ARCHIVE_M_PEOPLE], m.prev, m.timed);
		measure_row(&h, "Organisations among them", m.now[ARCHIVE_M_ORGS],
		            m.before[ARCHIVE_M_ORGS], m.prev, m.timed);
		html_add(&h, "</tbody></table><p><a href=\"/measures?quarter=%u\">See %s</a></p>",
		         m.prev, m.prev);
	}
	html_add(&h, "<h2>Words that keep coming back</h2>");
	if (words.text)
		html_add(&h,
		         "<p>Words of post-its and one-word answers at two or more events; the bigger, "
		         "the more events.</p><ul class=\"app-wordcloud\" data-chart=\"wordcloud\">%h</ul>",
		         words.text);
	else
		html_add(&h, "<p>None yet: words show here once they recur at two events.</p>");
	static const char *const scripts[] = {"/static/charts.js", NULL};
	serve_page(r, MHD_HTTP_OK, "Quarterly measures", &h, scripts, NULL);
out:
	html_free(&h);
	html_free(&words);
}

/* ---- receive ---------------------------------------------------------------------- */

void page_receive(serve_request *r)
{
	html h = {0};
	for (const web_file *f = web_files; f->path; f++)
		if (strcmp(f->path, "/static/receive.html") == 0)
			html_add(&h, "%h", (const char *)f->start);
	/* No camera, or the kiosk's Export to USB: the batch as a file (upload.c). */
	html_add(&h,
	         "<form class=\"app-card app-upload\" method=\"post\" action=\"/receive/upload\" "
	         "enctype=\"multipart/form-data\"><h2>Upload a batch file</h2>"
	         "<input type=\"hidden\" name=\"csrf\" value=\"%s\"><div class=\"app-form-group\">"
	         "<label class=\"app-label\" for=\"batch-file\">Batch file</label>"
	         "<p class=\"app-hint\" id=\"batch-file-hint\">The cop-kiosk-batch-….txt file the kiosk's "
	         "<strong>Export to USB</strong> wrote on the stick.</p>"
	         "<input class=\"app-input\" type=\"file\" id=\"batch-file\" name=\"batch\" "
	         "accept=\".txt,text/plain\" aria-describedby=\"batch-file-hint\" required></div>"
	         "<button type=\"submit\" class=\"app-button app-button--secondary\">Upload</button></form>",
	         r->csrf);
	static const char *const scripts[] = {"/static/receive.js", NULL};
	serve_page(r, MHD_HTTP_OK, "Receive from a kiosk", &h, scripts, NULL);
	html_free(&h);
}

/* ---- downloads -------------------------------------------------------------------- */

void page_download(serve_request *r)
{
	static const struct {
		const char *path, *format, *type, *name;
		bool per_event;
	} files[] = {
		{"/download/attendance.csv", "csv", "text/csv; charset=utf-8", "attendance", true},
		{"/download/mailing-list.csv", "mailchimp", "text/csv; charset=utf-8", "mailing-list",
		 false},
		{"/download/report.md", "markdown", "text/markdown; charset=utf-8", "report", true},
		{"/download/records.json", "json", "application/json", "records", false},
	};
	const char *event = serve_query(r, "event");
	for (size_t i = 0; i < sizeof files / sizeof files[0]; i++) {
		if (strcmp(r->url, files[i].path) != 0)
			continue;
		char *text = NULL, err[256];
		size_t len = 0;
		FILE *out = open_memstream(&text, &len);
		if (!out) {
			serve_error(r, MHD_HTTP_INTERNAL_SERVER_ERROR, "Out of memory", "Try again.");
			return;
		}
		pthread_mutex_lock(&r->srv->lock);
		int rc = archive_export(r->srv->arc, r->user, files[i].format,
		                        files[i].per_event && event && *event ? event : NULL, out, err,
		                        sizeof err);
		pthread_mutex_unlock(&r->srv->lock);
		fclose(out);
		if (rc == ARCHIVE_INVALID)
			serve_error(r, MHD_HTTP_NOT_FOUND, "Not found", err);
		else if (rc != ARCHIVE_OK)
			archive_failed(r, err);
		else {
			char disposition[128];
			const char *dot = strrchr(files[i].path, '.');
			snprintf(disposition, sizeof disposition, "attachment; filename=\"%s%s\"",
			         files[i].name, dot);
			serve_respond(r, MHD_HTTP_OK, files[i].type, text, len,
			              MHD_HTTP_HEADER_CONTENT_DISPOSITION, disposition, (const char *)NULL);
		}
		free(text);
		return;
	}
	serve_error(r, MHD_HTTP_NOT_FOUND, "Page not found",
	            "If you typed the web address, check it is correct.");
}
