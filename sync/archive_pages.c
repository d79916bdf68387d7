/* archive_pages: the reads behind the online space's pages — events, kiosks,
 * attendance in counts, the post-it wall, reflections and recurring words. */
#include "archive_internal.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

/* SQL true for a standing check-in c at the event whose gid is ev. */
#define STANDING(c, ev) \
	"(" c ".type = 'checkin' AND " c ".body ->> 'event' = " ev " AND NOT " J_TRUE(c, "undone") ")"

/* Runs one query with n text parameters, calling row(r, ctx) for each row. */
static int each_row(archive *a, const char *sql, int n, const char *const *texts,
                    archive_each *row, void *ctx, char *err, size_t errlen)
{
	if (archive_run(a, sql, n, texts, row, ctx, NULL) == ARCHIVE_OK)
		return ARCHIVE_OK;
	sync_say(err, errlen, "cannot read the archive: %s", a->msg);
	return ARCHIVE_IO;
}

typedef struct {
	void (*each)(const archive_event_row *, void *);
	void *ctx;
} events_call;

static void event_row(const archive_row *st, void *p)
{
	events_call *c = p;
	archive_event_row row = {
		archive_text(st, 0),        archive_text(st, 1),        archive_text(st, 2),
		archive_text(st, 3),        archive_text(st, 4),        archive_int(st, 5),
		archive_int(st, 6), archive_int(st, 7), archive_int(st, 8),
	};
	c->each(&row, c->ctx);
}

int archive_events(archive *a, const char *user, const char *gid,
                   void (*each)(const archive_event_row *, void *), void *ctx, char *err,
                   size_t errlen)
{
	events_call c = {each, ctx};
	const char *args[] = {gid, user};
	return each_row(a,
		"SELECT e.gid, coalesce(e.body ->> 'title', ''), coalesce(e.body ->> 'starts', ''),\n"
		"	coalesce(e.body ->> 'venue', ''), coalesce(e.body ->> 'community', ''),\n"
		"	(SELECT count(*) FROM records c WHERE " STANDING("c", "e.gid") "),\n"
		"	(SELECT count(*) FROM records c WHERE " STANDING("c", "e.gid") "\n"
		"		AND " NEWCOMER("c", "e") "),\n"
		"	(SELECT count(*) FROM records n WHERE n.type = 'note' AND n.body ->> 'event' = e.gid),\n"
		"	(SELECT count(*) FROM records r WHERE r.type = 'response'\n"
		"		AND r.body ->> 'event' = e.gid)\n"
		"FROM records e WHERE e.type = 'event' AND (CAST($1 AS TEXT) IS NULL OR e.gid = $1)\n"
		"	AND " IN_SCOPE("e", "$2") "\n"
		"ORDER BY coalesce(e.body ->> 'starts', '') = '', e.body ->> 'starts' DESC NULLS LAST,\n"
		"	e.gid DESC",
		2, args, event_row, &c, err, errlen);
}

typedef struct {
	void (*each)(const archive_kiosk_row *, void *);
	void *ctx;
} kiosks_call;

static void kiosk_row(const archive_row *st, void *p)
{
	kiosks_call *c = p;
	archive_kiosk_row row = {archive_text(st, 0),        archive_text(st, 1),
	                         archive_int(st, 2), archive_int(st, 3),
	                         archive_int(st, 4),   archive_text(st, 5),
	                         archive_int(st, 6) != 0, archive_int(st, 7),
	                         archive_text(st, 8),   archive_int(st, 9)};
	c->each(&row, c->ctx);
}

int archive_kiosks(archive *a, const char *user, void (*each)(const archive_kiosk_row *, void *),
                   void *ctx, char *err, size_t errlen)
{
	kiosks_call c = {each, ctx};
	const char *args[] = {user};
	/* The last batch is the one imported last. */
	return each_row(a,
	                "SELECT b.kiosk, (SELECT l.batch FROM batches l WHERE l.kiosk = b.kiosk\n"
	                "		ORDER BY l.imported_at DESC, l.batch DESC LIMIT 1),\n"
	                "	max(b.imported_at), count(*), sum(b.records),\n"
	                "	coalesce(k.signer, ''), coalesce(k.refused, 0), coalesce(k.pinned_at, 0),\n"
	                "	coalesce(k.approved_by, ''), coalesce(k.approved_at, 0)\n"
	                "FROM batches b LEFT JOIN kiosks k ON k.kiosk = b.kiosk\n"
	                "WHERE " ALL_SCOPE("$1") " OR EXISTS (SELECT 1 FROM records ke\n"
	                "	WHERE ke.kiosk = b.kiosk AND ke.type = 'event' AND " IN_SCOPE("ke", "$1") ")\n"
	                "GROUP BY b.kiosk, k.signer, k.refused, k.pinned_at, k.approved_by, k.approved_at\n"
	                "ORDER BY 3 DESC, b.kiosk",
	                1, args, kiosk_row, &c, err, errlen);
}

/* Rows of a label, a count and (for attendance) a number to add up. */
typedef struct {
	void (*each)(const char *label, long count, void *);
	void *ctx;
	long sum;
} counts_call;

static void count_row(const archive_row *st, void *p)
{
	counts_call *c = p;
	c->each(archive_text(st, 0), archive_int(st, 1), c->ctx);
	c->sum += archive_int(st, 2); /* "" (no third column) reads as 0 */
}

int archive_attendance(archive *a, const char *event, archive_by by,
                       void (*each)(const char *label, long count, void *), void *ctx,
                       long *optins, char *err, size_t errlen)
{
	static const char *const label[] = {
		[ARCHIVE_BY_ORGANISATION] = "trim(coalesce(m.body ->> 'organisation', ''))",
		[ARCHIVE_BY_PROFESSION] = "trim(coalesce(m.body ->> 'profession', ''))",
		[ARCHIVE_BY_ROLE] = "trim(coalesce(c.body ->> 'role', ''))",
	};
	counts_call c = {each, ctx, 0};
	const char *args[] = {event};
	char sql[1024];
	/* The label is one of the three expressions above, never a caller's text. */
	snprintf(sql, sizeof sql,
	         "SELECT %s, count(*),\n"
	         "	count(*) FILTER (WHERE " J_TRUE("m", "mailing_list") "\n"
	         "		AND NOT " J_TRUE("m", "forgotten") ")\n"
	         "FROM records c LEFT JOIN records m ON m.gid = c.body ->> 'member'\n"
	         "WHERE " STANDING("c", "$1") "\n"
	         "GROUP BY 1 ORDER BY 2 DESC, 1",
	         label[by]);
	int rc = each_row(a, sql, 1, args, count_row, &c, err, errlen);
	if (optins)
		*optins = c.sum;
	return rc;
}

typedef struct {
	void (*each)(const archive_note_row *, void *);
	void *ctx;
} notes_call;

static void note_row(const archive_row *st, void *p)
{
	notes_call *c = p;
	archive_note_row row = {archive_int(st, 0), archive_text(st, 1), archive_text(st, 2),
	                        archive_text(st, 3), archive_int(st, 4)};
	c->each(&row, c->ctx);
}

int archive_notes(archive *a, const char *event, void (*each)(const archive_note_row *, void *),
                  void *ctx, char *err, size_t errlen)
{
	notes_call c = {each, ctx};
	const char *args[] = {event};
	return each_row(a,
		"SELECT coalesce(" J_INT("n", "kind") ", 0), coalesce(i.body ->> 'title', ''),\n"
		"	coalesce(n.body ->> 'body', ''), coalesce(t.body ->> 'name', ''),\n"
		"	coalesce(" J_INT("n", "group_size") ", 1)\n"
		"FROM records n\n"
		"LEFT JOIN records i ON i.gid = n.body ->> 'agenda_item'\n"
		"LEFT JOIN records t ON t.gid = n.body ->> 'theme'\n"
		"WHERE n.type = 'note' AND n.body ->> 'event' = $1\n"
		"ORDER BY i.gid IS NULL, " J_INT("i", "position") " NULLS FIRST, i.gid, 1, t.gid IS NULL, 4,\n"
		"	n.changed,\n"
		"	n.gid",
		1, args, note_row, &c, err, errlen);
}

typedef struct {
	void (*each)(const archive_prompt_row *, void *);
	void *ctx;
} prompts_call;

static void prompt_row(const archive_row *st, void *p)
{
	prompts_call *c = p;
	archive_prompt_row row = {archive_text(st, 0),        archive_text(st, 1),
	                          archive_text(st, 2),        archive_int(st, 3),
	                          archive_int(st, 4), archive_real(st, 5)};
	c->each(&row, c->ctx);
}

int archive_prompts(archive *a, const char *event,
                    void (*each)(const archive_prompt_row *, void *), void *ctx, char *err,
                    size_t errlen)
{
	prompts_call c = {each, ctx};
	const char *args[] = {event};
	return each_row(a,
		"SELECT r.body ->> 'prompt', coalesce(p.body ->> 'text', ''),\n"
		"	coalesce(p.body ->> 'choices', ''), coalesce(" J_INT("p", "kind") ", 2), count(*),\n"
		"	coalesce(avg(" J_INT("r", "value_int") "), 0)\n"
		"FROM records r LEFT JOIN records p ON p.gid = r.body ->> 'prompt'\n"
		"WHERE r.type = 'response' AND r.body ->> 'event' = $1\n"
		"GROUP BY r.body ->> 'prompt', p.gid ORDER BY min(r.changed), 1 NULLS FIRST",
		1, args, prompt_row, &c, err, errlen);
}

typedef struct {
	void (*each)(const char *group, long value, long count, void *);
	void *ctx;
} answers_call;

static void answer_row(const archive_row *st, void *p)
{
	answers_call *c = p;
	c->each(archive_text(st, 0), archive_int(st, 1), archive_int(st, 2), c->ctx);
}

int archive_answers(archive *a, const char *event, const char *prompt, archive_group group,
                    void (*each)(const char *group, long value, long count, void *),
                    void *ctx, char *err, size_t errlen)
{
	static const char *const sql[] = {
		[ARCHIVE_ALL] =
			"SELECT '', coalesce(" J_INT("r", "value_int") ", -1), count(*)\n"
			"FROM records r\n"
			"WHERE r.type = 'response' AND r.body ->> 'event' = $1 AND r.body ->> 'prompt' = $2\n"
			"GROUP BY 2 ORDER BY 2",
		[ARCHIVE_BY_ITEM] =
			"SELECT coalesce(i.body ->> 'title', ''), coalesce(" J_INT("r", "value_int") ", -1),\n"
			"	count(*)\n"
			"FROM records r LEFT JOIN records i ON i.gid = r.body ->> 'agenda_item'\n"
			"WHERE r.type = 'response' AND r.body ->> 'event' = $1 AND r.body ->> 'prompt' = $2\n"
			"GROUP BY i.gid, 2\n"
			"ORDER BY i.gid IS NULL, " J_INT("i", "position") " NULLS FIRST, i.gid, 2",
		[ARCHIVE_BY_ACTIVITY] =
			"SELECT coalesce(CAST(i.body ->> 'activity' AS TEXT), ''),\n"
			"	coalesce(" J_INT("r", "value_int") ", -1), count(*)\n"
			"FROM records r LEFT JOIN records i ON i.gid = r.body ->> 'agenda_item'\n"
			"WHERE r.type = 'response' AND r.body ->> 'event' = $1 AND r.body ->> 'prompt' = $2\n"
			"GROUP BY 1, 2 ORDER BY 1, 2",
	};
	answers_call c = {each, ctx};
	const char *args[] = {event, prompt};
	return each_row(a, sql[group], 2, args, answer_row, &c, err, errlen);
}

int archive_texts(archive *a, const char *event, const char *prompt, bool texts,
                  void (*each)(const char *text, long count, void *), void *ctx, char *err,
                  size_t errlen)
{
	counts_call c = {each, ctx, 0};
	const char *args[] = {event, prompt};
	return each_row(a,
		texts ? "SELECT r.body ->> 'value_text', 1 FROM records r\n"
		        "WHERE r.type = 'response' AND r.body ->> 'event' = $1\n"
		        "	AND r.body ->> 'prompt' = $2 AND trim(coalesce(r.body ->> 'value_text', '')) <> ''\n"
		        "ORDER BY r.changed, r.gid"
		      : "SELECT lower(trim(r.body ->> 'value_text')), count(*) FROM records r\n"
		        "WHERE r.type = 'response' AND r.body ->> 'event' = $1\n"
		        "	AND r.body ->> 'prompt' = $2 AND trim(coalesce(r.body ->> 'value_text', '')) <> ''\n"
		        "GROUP BY 1 ORDER BY 2 DESC, 1",
		2, args, count_row, &c, err, errlen);
}

/* ---- recurring words --------------------------------------------------------- */

static const char *const stop_words[] = {
	"with", "that", "this", "from", "have", "were", "what", "more", "time", "very",
	"really", "about", "there", "their", "would", "could", "should", "which", "when",
	"will", "been", "into", "than", "then", "them", "they", "also", "just", "some",
	"like", "much", "need", "good", "well",
};

typedef struct {
	char *word;
	char *event;
} word_use;

typedef struct {
	word_use *uses;
	size_t n, cap;
	bool nomem;
} word_uses;

static bool stop_word(const char *w)
{
	for (size_t i = 0; i < sizeof stop_words / sizeof stop_words[0]; i++)
		if (strcmp(w, stop_words[i]) == 0)
			return true;
	return false;
}

/* Notes each word of text (letters, digits and any non-ASCII character, ASCII
 * in lower case) of four or more characters, not a stop word, at event. */
static void add_words(word_uses *u, const char *event, const char *text)
{
	char w[128];
	size_t len = 0;
	for (const char *p = text;; p++) {
		unsigned char c = (unsigned char)*p;
		bool letter = c >= 0x80 || (c >= '0' && c <= '9') || (c >= 'a' && c <= 'z') ||
		              (c >= 'A' && c <= 'Z');
		if (letter) {
			if (len < sizeof w - 1)
				w[len++] = (char)(c >= 'A' && c <= 'Z' ? c + 32 : c);
			continue;
		}
		w[len] = '\0';
		if (len >= 4 && len < sizeof w - 1 && !stop_word(w) && !u->nomem) {
			if (u->n == u->cap) {
				size_t cap = u->cap ? 2 * u->cap : 256;
				word_use *nu = realloc(u->uses, cap * sizeof *nu);
				if (!nu) {
					u->nomem = true;
					break;
				}
				u->uses = nu;
				u->cap = cap;
			}
			word_use *wu = &u->uses[u->n];
			wu->word = strdup(w);
			wu->event = strdup(event);
			if (!wu->word || !wu->event) {
				free(wu->word);
				free(wu->event);
				u->nomem = true;
				break;
			}
			u->n++;
		}
		len = 0;
		if (!c)
			break;
	}
}

static int by_word_then_event(const void *x, const void *y)
{
	const word_use *a = x, *b = y;
	int c = strcmp(a->word, b->word);
	return c ? c : strcmp(a->event, b->event);
}

typedef struct {
	const char *word;
	long events;
} word_events;

static int by_events_then_word(const void *x, const void *y)
{
	const word_events *a = x, *b = y;
	if (a->events != b->events)
		return a->events > b->events ? -1 : 1;
	return strcmp(a->word, b->word);
}

static void word_row(const archive_row *st, void *ctx)
{
	add_words(ctx, archive_text(st, 0), archive_text(st, 1));
}

int archive_recurring_words(archive *a, const char *user, int max,
                            void (*each)(const char *word, long events, void *), void *ctx,
                            char *err, size_t errlen)
{
	const char *args[] = {user};
	word_uses u = {NULL, 0, 0, false};
	word_events *found = NULL;
	size_t nfound = 0;
	int rc = each_row(a,
	                  "SELECT n.body ->> 'event', n.body ->> 'body' FROM records n\n"
	                  "LEFT JOIN records e ON e.gid = n.body ->> 'event'\n"
	                  "WHERE n.type = 'note' AND " IN_SCOPE("e", "$1") "\n"
	                  "UNION ALL\n"
	                  "SELECT r.body ->> 'event', r.body ->> 'value_text' FROM records r\n"
	                  "JOIN records p ON p.gid = r.body ->> 'prompt'\n"
	                  "LEFT JOIN records e ON e.gid = r.body ->> 'event'\n"
	                  "WHERE r.type = 'response' AND " J_INT("p", "kind") " = 1\n"
	                  "	AND " IN_SCOPE("e", "$1"),
	                  1, args, word_row, &u, err, errlen);
	if (rc != ARCHIVE_OK)
		goto out;
	if (u.nomem || !(found = malloc((u.n ? u.n : 1) * sizeof *found))) {
		sync_say(err, errlen, "out of memory counting words");
		rc = ARCHIVE_IO;
		goto out;
	}
	if (u.n)
		qsort(u.uses, u.n, sizeof *u.uses, by_word_then_event);
	for (size_t i = 0; i < u.n;) {
		size_t j = i + 1;
		long events = 1;
		for (; j < u.n && strcmp(u.uses[j].word, u.uses[i].word) == 0; j++)
			if (strcmp(u.uses[j].event, u.uses[j - 1].event) != 0)
				events++;
		if (events >= 2)
			found[nfound++] = (word_events){u.uses[i].word, events};
		i = j;
	}
	if (nfound)
		qsort(found, nfound, sizeof *found, by_events_then_word);
	for (size_t i = 0; i < nfound && (int)i < max; i++)
		each(found[i].word, found[i].events, ctx);
out:
	for (size_t i = 0; i < u.n; i++) {
		free(u.uses[i].word);
		free(u.uses[i].event);
	}
	free(u.uses);
	free(found);
	return rc;
}
