/* store_search: name search: the first matches in order, read from the words' index. */
#include "store_impl.h"

#include <assert.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "text.h"

/* ---- search --------------------------------------------------------------------- */

/* Folds query and splits it into words, longest first: the longest word
 * usually matches fewest names, so it leads the search. */
void split_query(const char *query, query_words *q)
{
	char folded[1024];
	const char *start[QUERY_WORDS] = {NULL};
	size_t len[QUERY_WORDS] = {0};
	int n = 0;

	memset(q, 0, sizeof *q);
	text_fold(folded, sizeof folded, query);
	for (const char *w = folded; *w != '\0';) {
		size_t l = strcspn(w, " ");
		int at = n;

		if (l >= STORE_NAME_MAX) {
			/* Longer than a name may be: nothing can match. */
			q->impossible = true;
		} else {
			/* Insertion into the longest-first list, keeping QUERY_WORDS. */
			while (at > 0 && len[at - 1] < l)
				at--;
			if (at < QUERY_WORDS) {
				int last = n < QUERY_WORDS ? n : QUERY_WORDS - 1;

				for (int i = last; i > at; i--) {
					start[i] = start[i - 1];
					len[i] = len[i - 1];
				}
				start[at] = w;
				len[at] = l;
				if (n < QUERY_WORDS)
					n++;
			}
		}
		w += l;
		if (*w == ' ')
			w++;
	}
	for (int i = 0; i < n; i++) {
		memcpy(q->word[i], start[i], len[i]);
		q->word[i][len[i]] = (char)0xFF;
		q->len[i] = len[i];
	}
	q->n = n;
}

/* Binds q to parameters ?1 to ?12: the start and end of word i's range as ?2i+1
 * and ?2i+2, NULL for the words q does not have. */
int bind_words(sqlite3_stmt *st, const query_words *q)
{
	int src = SQLITE_OK;

	for (int i = 0; i < QUERY_WORDS && src == SQLITE_OK; i++) {
		if (i < q->n) {
			src = sqlite3_bind_text(st, 2 * i + 1, q->word[i], (int)q->len[i],
						SQLITE_STATIC);
			if (src == SQLITE_OK)
				src = sqlite3_bind_text(st, 2 * i + 2, q->word[i],
							(int)q->len[i] + 1, SQLITE_STATIC);
		} else {
			src = sqlite3_bind_null(st, 2 * i + 1);
			if (src == SQLITE_OK)
				src = sqlite3_bind_null(st, 2 * i + 2);
		}
	}
	return src;
}

/* One cursor a typed word: the members with a word starting with it, in name
 * order (name_key, then id), read from member_prefixes. A word longer than
 * PREFIX_CHARS reads the range of its first PREFIX_CHARS characters (?1) and
 * keeps the members that have a word starting with all of it ([?4, ?5)); ?2
 * and ?3 are where the cursor jumps to. Shared with store_search_plan. */
#define CURSOR_SQL \
	"SELECT name_key, member_id FROM member_prefixes WHERE prefix = ?1 " \
	"AND (name_key, member_id) >= (?2, ?3) AND (?4 IS NULL OR EXISTS " \
	"(SELECT 1 FROM member_words WHERE member_words.member_id = " \
	"member_prefixes.member_id AND word >= ?4 AND word < ?5)) " \
	"ORDER BY name_key, member_id"
/* A member found, read by id. */
#define FOUND_SQL "SELECT " MEMBER_COLUMNS " FROM members WHERE id = ?1 AND forgotten = 0"

/* Rows a cursor steps through before it jumps through the index instead: the
 * next member of the other words is usually near. */
#define CURSOR_STEPS 4

typedef struct {
	sqlite3_stmt *st;
	const char *key;        /* the member it stands on: its name_key and id, */
	int64_t id;             /* valid until the cursor moves */
} word_cursor;

/* A member found: the name_key that orders the list first, and the member. */
typedef struct {
	char key[2 * STORE_NAME_MAX];
	store_member m;
} search_hit;

typedef struct {
	search_hit *hit;
	int n, cap;
} search_hits;

static int cursor_compare(const word_cursor *c, const char *key, int64_t id)
{
	int d = strcmp(c->key, key);

	return d != 0 ? d : (c->id > id) - (c->id < id);
}

/* Moves c to its next member: SQLITE_ROW, SQLITE_DONE past the last one, or
 * SQLite's error. */
static int cursor_step(word_cursor *c)
{
	int src = sqlite3_step(c->st);

	if (src == SQLITE_ROW) {
		const unsigned char *key = sqlite3_column_text(c->st, 0);

		c->key = key ? (const char *)key : "";
		c->id = sqlite3_column_int64(c->st, 1);
	}
	return src;
}

/* Moves c (standing on a member) to its first member at or after (key, id),
 * which may be another cursor's: a few steps, then a jump. As cursor_step. */
static int cursor_seek(word_cursor *c, const char *key, int64_t id)
{
	int src = SQLITE_ROW;

	for (int i = 0; i < CURSOR_STEPS && src == SQLITE_ROW && cursor_compare(c, key, id) < 0; i++)
		src = cursor_step(c);
	if (src != SQLITE_ROW || cursor_compare(c, key, id) >= 0)
		return src;
	if ((src = sqlite3_reset(c->st)) != SQLITE_OK ||
	    (src = sqlite3_bind_text(c->st, 2, key, -1, SQLITE_TRANSIENT)) != SQLITE_OK ||
	    (src = sqlite3_bind_int64(c->st, 3, id)) != SQLITE_OK)
		return src;
	return cursor_step(c);
}

/* Prepares c for word i of q, at the start of its range. */
static int cursor_open(store *s, const query_words *q, int i, word_cursor *c)
{
	const char *w = q->word[i];
	size_t len = q->len[i], prefix = prefix_len(w, len, PREFIX_CHARS);
	int src;

	if ((src = sqlite3_prepare_v2(s->db, CURSOR_SQL, -1, &c->st, NULL)) != SQLITE_OK ||
	    (src = sqlite3_bind_text(c->st, 1, w, (int)prefix, SQLITE_STATIC)) != SQLITE_OK ||
	    (src = sqlite3_bind_text(c->st, 2, "", 0, SQLITE_STATIC)) != SQLITE_OK ||
	    (src = sqlite3_bind_int64(c->st, 3, 0)) != SQLITE_OK)
		return src;
	/* The range of the whole word: see query_words. */
	if (prefix < len &&
	    ((src = sqlite3_bind_text(c->st, 4, w, (int)len, SQLITE_STATIC)) != SQLITE_OK ||
	     (src = sqlite3_bind_text(c->st, 5, w, (int)len + 1, SQLITE_STATIC)) != SQLITE_OK))
		return src;
	return SQLITE_OK;
}

/* Appends the member the cursors agree on (its details are read later). */
static bool hits_add(search_hits *h, const char *key, int64_t id)
{
	if (h->n == h->cap) {
		int cap = h->cap ? 2 * h->cap : 64;
		search_hit *more = realloc(h->hit, (size_t)cap * sizeof *more);

		if (!more)
			return false;
		h->hit = more;
		h->cap = cap;
	}
	snprintf(h->hit[h->n].key, sizeof h->hit[h->n].key, "%s", key);
	h->hit[h->n].m.id = id;
	h->n++;
	return true;
}

/* Walks the nc cursors (each standing before its first member) together: the
 * ones behind jump to the one ahead until all stand on the same member, a
 * match (a leapfrog join). So it reads about as many rows as it finds, however
 * many names each word matches alone. Stops after max matches and every
 * further one with the max-th's name_key, which the list orders by first and
 * last name. SQLITE_OK, SQLITE_NOMEM or SQLite's error. */
static int search_walk(word_cursor *c, int nc, int max, search_hits *h)
{
	int src = SQLITE_ROW;

	for (int i = 0; i < nc && src == SQLITE_ROW; i++)
		src = cursor_step(&c[i]);
	while (src == SQLITE_ROW) {
		int ahead = 0;
		bool same = true;

		for (int i = 1; i < nc; i++) {
			if (cursor_compare(&c[i], c[ahead].key, c[ahead].id) > 0)
				ahead = i;
		}
		for (int i = 0; i < nc && src == SQLITE_ROW; i++) {
			if (cursor_compare(&c[i], c[ahead].key, c[ahead].id) < 0) {
				same = false;
				src = cursor_seek(&c[i], c[ahead].key, c[ahead].id);
			}
		}
		if (!same)
			continue;
		if (h->n >= max && strcmp(c[0].key, h->hit[max - 1].key) != 0)
			return SQLITE_OK;
		if (!hits_add(h, c[0].key, c[0].id))
			return SQLITE_NOMEM;
		src = cursor_step(&c[0]);
	}
	return src == SQLITE_DONE ? SQLITE_OK : src;
}

static int hit_order(const void *a, const void *b)
{
	const search_hit *x = a, *y = b;
	int d = strcmp(x->key, y->key);

	if (d == 0)
		d = strcmp(x->m.first, y->m.first);
	if (d == 0)
		d = strcmp(x->m.last, y->m.last);
	return d != 0 ? d : (x->m.id > y->m.id) - (x->m.id < y->m.id);
}

/* Reads the details of the members in h, leaving out any no longer there. */
static int hits_read(store *s, search_hits *h)
{
	sqlite3_stmt *st = NULL;
	int src, kept = 0;

	src = sqlite3_prepare_v2(s->db, FOUND_SQL, -1, &st, NULL);
	for (int i = 0; i < h->n && src == SQLITE_OK; i++) {
		src = sqlite3_bind_int64(st, 1, h->hit[i].m.id);
		if (src == SQLITE_OK)
			src = sqlite3_step(st);
		if (src == SQLITE_ROW) {
			if (kept != i)
				memcpy(h->hit[kept].key, h->hit[i].key, sizeof h->hit[i].key);
			member_from_row(st, &h->hit[kept++].m);
		}
		if (src == SQLITE_ROW || src == SQLITE_DONE)
			src = sqlite3_reset(st);
	}
	sqlite3_finalize(st);
	h->n = kept;
	return src;
}

int store_member_search(store *s, const char *query, store_member *out, int max, int *n)
{
	static const char what[] = N_("the members could not be searched");
	word_cursor c[QUERY_WORDS] = {{0}};
	search_hits h = {0};
	query_words q;
	int rc = STORE_OK, src = SQLITE_OK;

	assert(s && n && max >= 0 && (out || max == 0));
	*n = 0;
	split_query(query, &q);
	if (q.n == 0 || q.impossible || max == 0)
		return STORE_OK;
	for (int i = 0; i < q.n && src == SQLITE_OK; i++)
		src = cursor_open(s, &q, i, &c[i]);
	if (src == SQLITE_OK)
		src = search_walk(c, q.n, max, &h);
	if (src == SQLITE_OK)
		src = hits_read(s, &h);
	if (src != SQLITE_OK) {
		rc = fail_db(s, src, what);
		goto out;
	}
	/* Only the last name_key's members may be out of order. */
	if (h.n > 1)
		qsort(h.hit, (size_t)h.n, sizeof h.hit[0], hit_order);
	for (int i = 0; i < h.n && i < max; i++)
		out[i] = h.hit[i].m;
	*n = h.n < max ? h.n : max;
out:
	for (int i = 0; i < q.n; i++)
		sqlite3_finalize(c[i].st);
	free(h.hit);
	return rc;
}

int store_search_plan(store *s, char *out, size_t cap)
{
	static const char *const sql[] = {"EXPLAIN QUERY PLAN " CURSOR_SQL,
					  "EXPLAIN QUERY PLAN " FOUND_SQL};
	sqlite3_stmt *st = NULL;
	size_t used = 0;
	int rc = STORE_OK, src = SQLITE_DONE;

	assert(s && out && cap > 0);
	out[0] = '\0';
	for (size_t i = 0; i < sizeof sql / sizeof sql[0] && src == SQLITE_DONE; i++) {
		if (sqlite3_prepare_v2(s->db, sql[i], -1, &st, NULL) != SQLITE_OK) {
			rc = fail_db(s, sqlite3_errcode(s->db), N_("the search could not be explained"));
			goto out;
		}
		while ((src = sqlite3_step(st)) == SQLITE_ROW && used < cap) {
			const unsigned char *detail = sqlite3_column_text(st, 3);
			int w = snprintf(out + used, cap - used, "%s\n",
					 detail ? (const char *)detail : "");

			used += w > 0 ? (size_t)w : 0;
		}
		sqlite3_finalize(st);
		st = NULL;
	}
	if (src != SQLITE_DONE && src != SQLITE_ROW)
		rc = fail_db(s, src, N_("the search could not be explained"));
out:
	sqlite3_finalize(st);
	return rc;
}
