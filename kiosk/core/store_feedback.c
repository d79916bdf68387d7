/* store_feedback: feedback: post-it notes and their kinds, prompts and their answers. */
#include "store_impl.h"

#include <assert.h>
#include <errno.h>
#include <stdio.h>
#include <string.h>

#include "text.h"

/* ---- typed feedback: notes and answers ------------------------------------------ */

/* White space a person may type: a note of only these is empty. */
static bool is_space(uint32_t c)
{
	return c == ' ' || c == '\n' || c == 0xa0 || c == 0x1680 ||
	       (c >= 0x2000 && c <= 0x200b) || c == 0x2028 || c == 0x2029 ||
	       c == 0x202f || c == 0x205f || c == 0x3000 || c == 0xfeff;
}

/* C0 and C1 control characters, newline included. */
static bool is_control(uint32_t c)
{
	return c < 0x20 || (c >= 0x7f && c < 0xa0);
}

/* Checks what was typed for a note (note true) or a text answer: it ends
 * inside STORE_NOTE_MAX bytes, is valid UTF-8 of at most STORE_NOTE_CHARS
 * characters, has new lines but no other control characters, and is not only
 * spaces. It is kept as typed. The messages speak to the person typing. */
static int check_body(store *s, const char *body, bool note)
{
	size_t len = strnlen(body, STORE_NOTE_MAX), chars = 0, n;
	bool blank = true;

	/* Whole sentences for a note and an answer, not a noun put into one. */
	if (len == STORE_NOTE_MAX)
		return set_msg(s, STORE_INVALID, note ? _("A note has at most %d characters.")
						      : _("An answer has at most %d characters."),
			       STORE_NOTE_CHARS);
	if (!text_valid_utf8(body, len))
		return set_msg(s, STORE_INVALID, "%s",
			       note ? _("The note is not valid text (it is not UTF-8).")
				    : _("The answer is not valid text (it is not UTF-8)."));
	for (const char *p = body; *p != '\0'; p += n) {
		uint32_t c = text_decode(p, &n);

		if (is_control(c) && c != '\n')
			return set_msg(s, STORE_INVALID, "%s",
				       note ? _("The note may have new lines but no other "
						"control characters.")
					    : _("The answer may have new lines but no other "
						"control characters."));
		if (!is_space(c))
			blank = false;
		chars++;
	}
	if (chars > STORE_NOTE_CHARS)
		return set_msg(s, STORE_INVALID, note ? _("A note has at most %d characters.")
						      : _("An answer has at most %d characters."),
			       STORE_NOTE_CHARS);
	if (blank)
		return set_msg(s, STORE_INVALID, "%s",
			       note ? _("An empty note cannot be stuck.")
				    : _("Please write your answer first."));
	return STORE_OK;
}

/* Checks a one-word answer and copies it, without the spaces around it, into
 * word (STORE_NOTE_MAX bytes): 1 to STORE_WORD_CHARS characters, no space or
 * control character inside. */
static int check_word(store *s, const char *text, char *word)
{
	size_t len = strnlen(text, STORE_NOTE_MAX), chars = 0, n;
	const char *start = NULL, *end = NULL;

	if (len == STORE_NOTE_MAX)
		return set_msg(s, STORE_INVALID, _("Please give one word of at most %d "
			       "characters."), STORE_WORD_CHARS);
	if (!text_valid_utf8(text, len))
		return set_msg(s, STORE_INVALID, _("The answer is not valid text (it is not "
			       "UTF-8)."));
	for (const char *p = text; *p != '\0'; p += n) {
		if (!is_space(text_decode(p, &n))) {
			if (!start)
				start = p;
			end = p + n;
		}
	}
	if (!start)
		return set_msg(s, STORE_INVALID, _("Please give one word."));
	for (const char *p = start; p < end; p += n) {
		uint32_t c = text_decode(p, &n);

		if (is_space(c) || is_control(c))
			return set_msg(s, STORE_INVALID, _("Please give one word."));
		chars++;
	}
	if (chars > STORE_WORD_CHARS)
		return set_msg(s, STORE_INVALID, _("Please give one word of at most %d "
			       "characters."), STORE_WORD_CHARS);
	memcpy(word, start, (size_t)(end - start));
	word[end - start] = '\0';
	return STORE_OK;
}

/* ---- post-its ------------------------------------------------------------------- */

/* The labels of the seed's two kinds; the third's is a setting. They stay
 * English here (store_note_kind_label gives them so): the screens translate
 * them with _() where they show them. */
static const char *const note_labels[STORE_NOTE_KINDS] = {
	[STORE_NOTE_WELL] = N_("Going well"),
	[STORE_NOTE_IMPROVE] = N_("To be improved"),
	/* TRANSLATORS: the default name of the third kind of post-it note. */
	[STORE_NOTE_IDEA] = N_("Idea"),
};

static int insert_note(store *s, const store_note *n, int group, int64_t seq, int64_t at,
		       int64_t *id)
{
	/* An agenda item, when given, must be one of the event's own still on
	 * its agenda: otherwise nothing is inserted. */
	static const char sql[] =
		"INSERT INTO notes (kiosk, seq, changed_seq, created_at, event_id, "
		"agenda_item_id, kind, body, group_size) SELECT ?1, ?2, ?2, ?3, ?4, ?5, "
		"?6, ?7, ?8 WHERE ?5 IS NULL OR EXISTS (SELECT 1 FROM agenda_items "
		"WHERE id = ?5 AND event_id = ?4 AND deleted = 0)";
	static const char what[] = N_("the note was not stuck");
	sqlite3_stmt *st = NULL;
	int rc = STORE_OK;

	if (sqlite3_prepare_v2(s->db, sql, -1, &st, NULL) != SQLITE_OK ||
	    sqlite3_bind_text(st, 1, s->kiosk, -1, SQLITE_STATIC) != SQLITE_OK ||
	    sqlite3_bind_int64(st, 2, seq) != SQLITE_OK ||
	    sqlite3_bind_int64(st, 3, at) != SQLITE_OK ||
	    sqlite3_bind_int64(st, 4, n->event_id) != SQLITE_OK ||
	    bind_id_or_null(st, 5, n->agenda_item_id) != SQLITE_OK ||
	    sqlite3_bind_int(st, 6, (int)n->kind) != SQLITE_OK ||
	    sqlite3_bind_text(st, 7, n->body, -1, SQLITE_STATIC) != SQLITE_OK ||
	    sqlite3_bind_int(st, 8, group) != SQLITE_OK ||
	    sqlite3_step(st) != SQLITE_DONE) {
		if (sqlite3_extended_errcode(s->db) == SQLITE_CONSTRAINT_FOREIGNKEY)
			rc = set_msg(s, STORE_NOTFOUND, _("There is no such event: %s."), _(what));
		else
			rc = fail_db(s, sqlite3_errcode(s->db), what);
		goto out;
	}
	if (sqlite3_changes(s->db) == 0) {
		rc = set_msg(s, STORE_NOTFOUND, _("That agenda item is not on the event's "
			     "agenda: %s."), _(what));
		goto out;
	}
	*id = sqlite3_last_insert_rowid(s->db);
out:
	sqlite3_finalize(st);
	return rc;
}

int store_note_add(store *s, store_note *n)
{
	static const char what[] = N_("the note was not stuck");
	int64_t seq = 0, id = 0, at;
	int rc, group;

	assert(s && n);
	/* Cast: the enum may be unsigned, and a negative value is as wrong. */
	if ((unsigned)n->kind >= STORE_NOTE_KINDS)
		return set_msg(s, STORE_INVALID, _("That kind of note is not one the kiosk "
			       "knows."));
	group = n->group_size == 0 ? 1 : n->group_size;
	if (group < 1 || group > STORE_GROUP_MAX)
		return set_msg(s, STORE_INVALID, _("A small group has 2 to %d people."),
			       STORE_GROUP_MAX);
	rc = check_body(s, n->body, true);
	if (rc != STORE_OK)
		return rc;
	at = store_now(s);
	rc = tx_begin(s, what);
	if (rc != STORE_OK)
		return rc;
	rc = next_seq(s, &seq, what);
	if (rc == STORE_OK)
		rc = insert_note(s, n, group, seq, at, &id);
	rc = tx_end(s, rc, what);
	if (rc == STORE_OK) {
		n->id = id;
		n->at = at;
		n->group_size = group;
		snprintf(n->gid, sizeof n->gid, "%s-%lld", s->kiosk, (long long)seq);
	}
	return rc;
}

void note_from_row(sqlite3_stmt *st, void *row)
{
	store_note *note = row;

	int kind = sqlite3_column_int(st, 4);

	memset(note, 0, sizeof *note);
	note->id = sqlite3_column_int64(st, 0);
	copy_column(note->gid, sizeof note->gid, st, 1);
	note->event_id = sqlite3_column_int64(st, 2);
	note->agenda_item_id = sqlite3_column_int64(st, 3);    /* NULL: 0 */
	/* A kind from a newer kiosk shows as the third. */
	note->kind = kind >= 0 && kind < STORE_NOTE_KINDS ? (store_note_kind)kind
							  : STORE_NOTE_IDEA;
	copy_column(note->body, sizeof note->body, st, 5);
	note->group_size = sqlite3_column_int(st, 6);
	note->at = sqlite3_column_int64(st, 7);
}

int store_note_list(store *s, int64_t event_id, store_note *out, int max, int *n)
{
	/* In the order stuck: by the record counter, not the clock. */
	static const char sql[] =
		"SELECT " NOTE_COLUMNS " FROM notes n WHERE n.event_id = ?1 "
		"ORDER BY n.seq LIMIT ?2";
	static const char what[] = N_("the notes could not be read");

	assert(s && n && max >= 0 && (out || max == 0));
	return stmt_list(s, what, sql, note_from_row, out, sizeof *out, max, n, "id", event_id, max);
}

int store_note_count(store *s, int64_t event_id, int *n)
{
	static const char sql[] = "SELECT count(*) FROM notes WHERE event_id = ?1";
	sqlite3_stmt *st = NULL;
	int rc = STORE_OK;

	assert(s && n);
	*n = 0;
	if (sqlite3_prepare_v2(s->db, sql, -1, &st, NULL) != SQLITE_OK ||
	    sqlite3_bind_int64(st, 1, event_id) != SQLITE_OK ||
	    sqlite3_step(st) != SQLITE_ROW) {
		rc = fail_db(s, sqlite3_errcode(s->db), N_("the notes could not be counted"));
		goto out;
	}
	*n = sqlite3_column_int(st, 0);
out:
	sqlite3_finalize(st);
	return rc;
}

int store_note_kind_label(store *s, store_note_kind k, char *out, size_t cap)
{
	char label[STORE_KIND_LABEL_MAX];
	int rc = STORE_OK;

	assert(s && out && cap > 0);
	out[0] = '\0';
	if ((unsigned)k >= STORE_NOTE_KINDS)
		return set_msg(s, STORE_INVALID, _("That kind of note is not one the kiosk "
			       "knows."));
	snprintf(label, sizeof label, "%s", note_labels[k]);
	if (k == STORE_NOTE_IDEA) {
		rc = setting_get_text(s, KEY_IDEA_LABEL, label, sizeof label);
		if (rc == STORE_NOTFOUND) {
			snprintf(label, sizeof label, "%s", note_labels[k]);
			rc = STORE_OK;
		}
	}
	/* Cut at a character boundary if out is small. */
	if (rc == STORE_OK)
		text_sanitize(out, cap, label);
	return rc;
}

int store_note_kind_rename(store *s, store_note_kind k, const char *label)
{
	int rc;

	assert(s && label);
	if (k != STORE_NOTE_IDEA)
		return set_msg(s, STORE_INVALID, _("Only the third kind of note can be "
			       "renamed."));
	/* TRANSLATORS: the name of a field (a kind of post-it note's name), put
	 * into "The %s is empty." and the other messages about a field. */
	rc = check_text(s, N_("label"), label, STORE_KIND_LABEL_MAX, STORE_KIND_LABEL_CHARS,
			true);
	if (rc == STORE_OK)
		rc = setting_put_text(s, KEY_IDEA_LABEL, label, N_("the label was not changed"));
	return rc;
}

bool store_note_kind_shown(store *s, store_note_kind k)
{
	int64_t hidden;

	assert(s);
	if ((unsigned)k >= STORE_NOTE_KINDS)
		return false;
	if (k != STORE_NOTE_IDEA)
		return true;
	return setting_get_int(s, KEY_IDEA_HIDDEN, &hidden) != STORE_OK || hidden == 0;
}

int store_note_kind_show(store *s, store_note_kind k, bool shown)
{
	assert(s);
	if ((unsigned)k >= STORE_NOTE_KINDS)
		return set_msg(s, STORE_INVALID, _("That kind of note is not one the kiosk "
			       "knows."));
	if (k != STORE_NOTE_IDEA) {
		/* The seed's two kinds are always offered: showing them is no change. */
		if (shown)
			return STORE_OK;
		return set_msg(s, STORE_INVALID, _("\"%s\" and \"%s\" are always offered; "
			       "only the third kind of note can be hidden."),
			       _(note_labels[STORE_NOTE_WELL]), _(note_labels[STORE_NOTE_IMPROVE]));
	}
	return setting_put_int(s, KEY_IDEA_HIDDEN, shown ? 0 : 1,
			       N_("the kind of note was not changed"));
}

/* ---- prompts -------------------------------------------------------------------- */

#define PROMPT_COLUMNS "id, kiosk || '-' || seq, text, kind, choices, deleted"

/* A prompt's choices one a line, as the prompts table keeps them. */
#define CHOICES_MAX (STORE_CHOICES * STORE_CHOICE_MAX)

static void prompt_from_row(sqlite3_stmt *st, store_prompt *p, bool *deleted)
{
	const char *c = (const char *)sqlite3_column_text(st, 4);
	int kind = sqlite3_column_int(st, 3);

	memset(p, 0, sizeof *p);
	p->id = sqlite3_column_int64(st, 0);
	copy_column(p->gid, sizeof p->gid, st, 1);
	copy_column(p->text, sizeof p->text, st, 2);
	/* A kind from a newer kiosk is taken as a short text, the most open. */
	p->kind = kind >= 0 && kind < STORE_PROMPT_KINDS ? (store_prompt_kind)kind
							 : STORE_PROMPT_TEXT;
	if (p->kind == STORE_PROMPT_CHOICE && c && c[0] != '\0') {
		while (p->nchoices < STORE_CHOICES) {
			size_t len = strcspn(c, "\n");

			snprintf(p->choices[p->nchoices++], STORE_CHOICE_MAX, "%.*s",
				 (int)len, c);
			if (c[len] == '\0')
				break;
			c += len + 1;
		}
	}
	if (deleted)
		*deleted = sqlite3_column_int(st, 5) != 0;
}

/* Checks a prompt as the facilitator wrote it; for a choice prompt also joins
 * its choices into choices (CHOICES_MAX bytes), else leaves it "". */
/* A prompt of the bank's list (never a removed one): a row_fn. */
static void live_prompt_from_row(sqlite3_stmt *st, void *row)
{
	prompt_from_row(st, row, NULL);
}

static int check_prompt(store *s, const store_prompt *p, char *choices)
{
	size_t used = 0;
	int rc;

	choices[0] = '\0';
	rc = check_text(s, N_("question"), p->text, STORE_PROMPT_MAX, STORE_PROMPT_CHARS, true);
	if (rc != STORE_OK)
		return rc;
	if ((unsigned)p->kind >= STORE_PROMPT_KINDS)
		return set_msg(s, STORE_INVALID, _("That kind of question is not one the "
			       "kiosk knows."));
	if (p->kind != STORE_PROMPT_CHOICE)
		return STORE_OK;
	if (p->nchoices < 2 || p->nchoices > STORE_CHOICES)
		return set_msg(s, STORE_INVALID, _("A question with choices needs 2 to %d "
			       "choices."), STORE_CHOICES);
	for (int i = 0; i < p->nchoices; i++) {
		/* One line each, so that a new line can separate them. */
		/* TRANSLATORS: the name of a field (one of a question's answers
		 * to choose from), put into "The %s is empty." and the like. */
		rc = check_text(s, N_("choice"), p->choices[i], STORE_CHOICE_MAX,
				STORE_CHOICE_CHARS, true);
		if (rc != STORE_OK)
			return rc;
		used += (size_t)snprintf(choices + used, CHOICES_MAX - used, "%s%s",
					 i ? "\n" : "", p->choices[i]);
		assert(used < CHOICES_MAX);
	}
	return STORE_OK;
}

/* Prompt id, also one removed from the bank (*deleted tells; may be NULL). */
int prompt_get(store *s, int64_t id, store_prompt *out, bool *deleted)
{
	static const char sql[] = "SELECT " PROMPT_COLUMNS " FROM prompts WHERE id = ?1";
	static const char what[] = N_("the question could not be read");
	sqlite3_stmt *st = NULL;
	int rc = STORE_OK, src;

	rc = stmt_prepare(s, &st, what, sql, "i", id);
	if (rc != STORE_OK)
		goto out;
	src = sqlite3_step(st);
	if (src == SQLITE_ROW)
		prompt_from_row(st, out, deleted);
	else if (src == SQLITE_DONE)
		rc = set_msg(s, STORE_NOTFOUND, _("There is no such question."));
	else
		rc = fail_db(s, src, what);
out:
	sqlite3_finalize(st);
	return rc;
}

/* A prompt that may be changed, started or answered: in the bank. */
static int prompt_get_live(store *s, int64_t id, store_prompt *out)
{
	bool deleted = false;
	int rc = prompt_get(s, id, out, &deleted);

	if (rc == STORE_OK && deleted)
		rc = set_msg(s, STORE_NOTFOUND, _("That question has been removed from the "
			     "bank."));
	return rc;
}

static int insert_prompt(store *s, const store_prompt *p, const char *choices,
			 int64_t seq, int64_t *id)
{
	static const char sql[] =
		"INSERT INTO prompts (kiosk, seq, changed_seq, created_at, text, kind, "
		"choices) VALUES (?1, ?2, ?2, ?3, ?4, ?5, ?6)";
	int rc = STORE_OK;

	rc = stmt_run(s, N_("the question was not saved"), sql, "tiitdt", s->kiosk, seq,
		      store_now(s), p->text, (int)p->kind, choices);
	if (rc != STORE_OK)
		goto out;
	*id = sqlite3_last_insert_rowid(s->db);
out:
	return rc;
}

int store_prompt_add(store *s, store_prompt *p)
{
	static const char what[] = N_("the question was not saved");
	char choices[CHOICES_MAX];
	int64_t seq = 0, id = 0;
	int rc;

	assert(s && p);
	rc = check_prompt(s, p, choices);
	if (rc != STORE_OK)
		return rc;
	rc = tx_begin(s, what);
	if (rc != STORE_OK)
		return rc;
	rc = next_seq(s, &seq, what);
	if (rc == STORE_OK)
		rc = insert_prompt(s, p, choices, seq, &id);
	rc = tx_end(s, rc, what);
	if (rc == STORE_OK) {
		p->id = id;
		snprintf(p->gid, sizeof p->gid, "%s-%lld", s->kiosk, (long long)seq);
		if (p->kind != STORE_PROMPT_CHOICE)
			p->nchoices = 0;
	}
	return rc;
}

/* True (in *any) if prompt id has been answered at any event. */
static int prompt_answered(store *s, int64_t id, bool *any)
{
	static const char sql[] =
		"SELECT EXISTS (SELECT 1 FROM responses WHERE prompt_id = ?1)";
	sqlite3_stmt *st = NULL;
	int rc = STORE_OK;

	if (sqlite3_prepare_v2(s->db, sql, -1, &st, NULL) != SQLITE_OK ||
	    sqlite3_bind_int64(st, 1, id) != SQLITE_OK ||
	    sqlite3_step(st) != SQLITE_ROW) {
		rc = fail_db(s, sqlite3_errcode(s->db), N_("the answers could not be read"));
		goto out;
	}
	*any = sqlite3_column_int(st, 0) != 0;
out:
	sqlite3_finalize(st);
	return rc;
}

static int update_prompt(store *s, const store_prompt *p, const char *choices,
			 int64_t seq)
{
	static const char sql[] =
		"UPDATE prompts SET text = ?1, kind = ?2, choices = ?3, changed_seq = ?4 "
		"WHERE id = ?5 AND deleted = 0";
	static const char what[] = N_("the question was not changed");
	int rc = STORE_OK;

	rc = stmt_run(s, what, sql, "tdtii", p->text, (int)p->kind, choices, seq, p->id);
	if (rc == STORE_OK && sqlite3_changes(s->db) == 0)
		rc = set_msg(s, STORE_NOTFOUND, _("There is no such question: %s."), _(what));
	return rc;
}

int store_prompt_update(store *s, const store_prompt *p)
{
	static const char what[] = N_("the question was not changed");
	char choices[CHOICES_MAX];
	store_prompt old;
	int64_t seq = 0;
	bool answered = false;
	int rc;

	assert(s && p);
	rc = check_prompt(s, p, choices);
	if (rc != STORE_OK)
		return rc;
	rc = tx_begin(s, what);
	if (rc != STORE_OK)
		return rc;
	rc = prompt_get_live(s, p->id, &old);
	/* Answers keep their meaning: a scale value or a choice's number means
	 * what it meant when given. The wording may still be mended. */
	if (rc == STORE_OK && (old.kind != p->kind ||
			       (p->kind == STORE_PROMPT_CHOICE && old.nchoices != p->nchoices)))
		rc = prompt_answered(s, p->id, &answered);
	if (rc == STORE_OK && answered)
		rc = set_msg(s, STORE_INVALID, _("This question has answers already, so its "
			     "kind and number of choices stay as they are: add a new "
			     "question instead."));
	if (rc == STORE_OK)
		rc = next_seq(s, &seq, what);
	if (rc == STORE_OK)
		rc = update_prompt(s, p, choices, seq);
	return tx_end(s, rc, what);
}

int store_prompt_get(store *s, int64_t id, store_prompt *out)
{
	assert(s && out);
	return prompt_get(s, id, out, NULL);
}

int store_prompt_list(store *s, store_prompt *out, int max, int *n)
{
	/* In the order they were written, the seed's questions first. */
	static const char sql[] =
		"SELECT " PROMPT_COLUMNS " FROM prompts WHERE deleted = 0 "
		"ORDER BY seq LIMIT ?1";
	static const char what[] = N_("the questions could not be read");

	assert(s && n && max >= 0 && (out || max == 0));
	return stmt_list(s, what, sql, live_prompt_from_row, out, sizeof *out, max, n, "d", max);
}

static int hide_prompt(store *s, int64_t id, int64_t seq)
{
	/* Hidden, not deleted: answers keep their question, and the next sync
	 * tells the receiver. */
	static const char sql[] =
		"UPDATE prompts SET deleted = 1, changed_seq = ?1 "
		"WHERE id = ?2 AND deleted = 0";

	return mark_row(s, sql, id, seq, N_("There is no such question: %s."),
			N_("the question was not removed"));
}

/* Forgets which prompt runs; inside the caller's transaction. */
static int clear_running(store *s, const char *what)
{
	int rc = setting_delete(s, KEY_PROMPT, what);

	if (rc == STORE_OK)
		rc = setting_delete(s, KEY_PROMPT_EVENT, what);
	if (rc == STORE_OK)
		rc = setting_delete(s, KEY_PROMPT_ITEM, what);
	return rc;
}

int store_prompt_delete(store *s, int64_t id)
{
	static const char what[] = N_("the question was not removed");
	int64_t seq = 0, running = 0;
	int rc;

	assert(s);
	rc = tx_begin(s, what);
	if (rc != STORE_OK)
		return rc;
	rc = next_seq(s, &seq, what);
	if (rc == STORE_OK)
		rc = hide_prompt(s, id, seq);
	if (rc == STORE_OK) {
		rc = setting_get_int(s, KEY_PROMPT, &running);
		if (rc == STORE_NOTFOUND)
			rc = STORE_OK;
		else if (rc == STORE_OK && running == id)
			rc = clear_running(s, what);
	}
	return tx_end(s, rc, what);
}

int store_prompt_start(store *s, int64_t event_id, int64_t prompt_id, int64_t agenda_item_id)
{
	static const char what[] = N_("the question was not started");
	store_agenda_item item;
	store_prompt p;
	store_event ev;
	int rc;

	assert(s);
	rc = store_event_get(s, event_id, &ev);
	if (rc == STORE_OK)
		rc = prompt_get_live(s, prompt_id, &p);
	if (rc == STORE_OK && agenda_item_id != 0)
		rc = agenda_item_of_event(s, event_id, agenda_item_id, &item);
	if (rc != STORE_OK)
		return rc;
	rc = tx_begin(s, what);
	if (rc != STORE_OK)
		return rc;
	rc = setting_put_int(s, KEY_PROMPT, prompt_id, what);
	if (rc == STORE_OK)
		rc = setting_put_int(s, KEY_PROMPT_EVENT, event_id, what);
	if (rc == STORE_OK)
		rc = setting_put_int(s, KEY_PROMPT_ITEM, agenda_item_id, what);
	return tx_end(s, rc, what);
}

int store_prompt_stop(store *s)
{
	static const char what[] = N_("the question was not stopped");
	int rc;

	assert(s);
	rc = tx_begin(s, what);
	if (rc != STORE_OK)
		return rc;
	rc = clear_running(s, what);
	return tx_end(s, rc, what);
}

int store_prompt_running(store *s, store_prompt *out, int64_t *event_id,
			 int64_t *agenda_item_id)
{
	int64_t id = 0, ev = 0, item = 0;
	store_prompt p;
	int rc;

	assert(s);
	rc = setting_get_int(s, KEY_PROMPT, &id);
	if (rc == STORE_OK)
		rc = setting_get_int(s, KEY_PROMPT_EVENT, &ev);
	if (rc == STORE_OK)
		rc = setting_get_int(s, KEY_PROMPT_ITEM, &item);
	if (rc == STORE_OK)
		rc = prompt_get_live(s, id, &p);
	if (rc == STORE_NOTFOUND)
		return set_msg(s, STORE_NOTFOUND, _("No question is running."));
	if (rc != STORE_OK)
		return rc;
	if (out)
		*out = p;
	if (event_id)
		*event_id = ev;
	if (agenda_item_id)
		*agenda_item_id = item;
	return STORE_OK;
}

/* ---- answers -------------------------------------------------------------------- */

/* Checks r against its prompt p: value (scale, choice) or text (word, text,
 * into text, STORE_NOTE_MAX bytes: a word without the spaces around it). */
static int check_response(store *s, const store_prompt *p, const store_response *r,
			  char *text)
{
	text[0] = '\0';
	switch (p->kind) {
	case STORE_PROMPT_SCALE:
		if (r->value < 1 || r->value > 5)
			return set_msg(s, STORE_INVALID, _("Please choose one of the five "
				       "faces."));
		return STORE_OK;
	case STORE_PROMPT_CHOICE:
		if (r->value < 0 || r->value >= p->nchoices)
			return set_msg(s, STORE_INVALID, _("Please choose one of the answers."));
		return STORE_OK;
	case STORE_PROMPT_WORD:
		return check_word(s, r->text, text);
	case STORE_PROMPT_TEXT:
	default:
		if (check_body(s, r->text, false) != STORE_OK)
			return STORE_INVALID;
		/* check_body found its end inside the buffer. */
		memcpy(text, r->text, strlen(r->text) + 1);
		return STORE_OK;
	}
}

static int insert_response(store *s, const store_response *r, bool by_value,
			   const char *text, int64_t seq, int64_t at, int64_t *id)
{
	/* An agenda item, when given, must be one of the event's own still on
	 * its agenda: otherwise nothing is inserted. A scale or choice answer
	 * has a value and no text; a word or text answer the other way round. */
	static const char sql[] =
		"INSERT INTO responses (kiosk, seq, changed_seq, created_at, event_id, "
		"prompt_id, agenda_item_id, value, text) SELECT ?1, ?2, ?2, "
		"?3, ?4, ?5, ?6, ?7, ?8 WHERE ?6 IS NULL OR EXISTS (SELECT 1 FROM "
		"agenda_items WHERE id = ?6 AND event_id = ?4 AND deleted = 0)";
	static const char what[] = N_("the answer was not saved");
	sqlite3_stmt *st = NULL;
	int rc = STORE_OK;

	if (sqlite3_prepare_v2(s->db, sql, -1, &st, NULL) != SQLITE_OK ||
	    sqlite3_bind_text(st, 1, s->kiosk, -1, SQLITE_STATIC) != SQLITE_OK ||
	    sqlite3_bind_int64(st, 2, seq) != SQLITE_OK ||
	    sqlite3_bind_int64(st, 3, at) != SQLITE_OK ||
	    sqlite3_bind_int64(st, 4, r->event_id) != SQLITE_OK ||
	    sqlite3_bind_int64(st, 5, r->prompt_id) != SQLITE_OK ||
	    bind_id_or_null(st, 6, r->agenda_item_id) != SQLITE_OK ||
	    (by_value ? sqlite3_bind_int(st, 7, r->value)
		      : sqlite3_bind_null(st, 7)) != SQLITE_OK ||
	    (by_value ? sqlite3_bind_null(st, 8)
		      : sqlite3_bind_text(st, 8, text, -1, SQLITE_STATIC)) != SQLITE_OK ||
	    sqlite3_step(st) != SQLITE_DONE) {
		if (sqlite3_extended_errcode(s->db) == SQLITE_CONSTRAINT_FOREIGNKEY)
			rc = set_msg(s, STORE_NOTFOUND, _("There is no such event: %s."), _(what));
		else
			rc = fail_db(s, sqlite3_errcode(s->db), what);
		goto out;
	}
	if (sqlite3_changes(s->db) == 0) {
		rc = set_msg(s, STORE_NOTFOUND, _("That agenda item is not on the event's "
			     "agenda: %s."), _(what));
		goto out;
	}
	*id = sqlite3_last_insert_rowid(s->db);
out:
	sqlite3_finalize(st);
	return rc;
}

int store_response_add(store *s, store_response *r)
{
	static const char what[] = N_("the answer was not saved");
	char text[STORE_NOTE_MAX];
	store_prompt p;
	int64_t seq = 0, id = 0, at;
	bool by_value;
	int rc;

	assert(s && r);
	rc = prompt_get_live(s, r->prompt_id, &p);
	if (rc == STORE_OK)
		rc = check_response(s, &p, r, text);
	if (rc != STORE_OK)
		return rc;
	by_value = p.kind == STORE_PROMPT_SCALE || p.kind == STORE_PROMPT_CHOICE;
	at = store_now(s);
	rc = tx_begin(s, what);
	if (rc != STORE_OK)
		return rc;
	rc = next_seq(s, &seq, what);
	if (rc == STORE_OK)
		rc = insert_response(s, r, by_value, text, seq, at, &id);
	rc = tx_end(s, rc, what);
	if (rc == STORE_OK) {
		r->id = id;
		r->at = at;
		/* As stored: a word without the spaces around it. */
		if (by_value) {
			r->text[0] = '\0';
		} else {
			memcpy(r->text, text, strlen(text) + 1);
			r->value = 0;
		}
	}
	return rc;
}

/* An answer: a row_fn. */
static void response_from_row(sqlite3_stmt *st, void *row)
{
	store_response *r = row;

	memset(r, 0, sizeof *r);
	r->id = sqlite3_column_int64(st, 0);
	r->prompt_id = sqlite3_column_int64(st, 1);
	r->event_id = sqlite3_column_int64(st, 2);
	r->agenda_item_id = sqlite3_column_int64(st, 3);   /* NULL: 0 */
	r->value = sqlite3_column_int(st, 4);              /* NULL: 0 */
	copy_column(r->text, sizeof r->text, st, 5);
	r->at = sqlite3_column_int64(st, 6);
}

int store_response_list(store *s, int64_t prompt_id, int64_t event_id, store_response *out,
			int max, int *n)
{
	/* In the order given: by the record counter, not the clock. */
	static const char sql[] =
		"SELECT id, prompt_id, event_id, agenda_item_id, value, text, "
		"created_at FROM responses WHERE prompt_id = ?1 AND event_id = ?2 "
		"ORDER BY seq LIMIT ?3";
	static const char what[] = N_("the answers could not be read");

	assert(s && n && max >= 0 && (out || max == 0));
	return stmt_list(s, what, sql, response_from_row, out, sizeof *out, max, n,
			 "iid", prompt_id, event_id, max);
}
