/* roster: attendee lists (Eventbrite exports, plain CSV files) read with libcsv
 * into members, in one transaction, reporting the rows it cannot use. */
#include "roster.h"

#include <assert.h>
#include <stdbool.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include <csv.h>

#include "lang.h"
#include "text.h"

#define ROSTER_MAX_BYTES (32L * 1024 * 1024) /* far above any attendee list */
#define FIELD_MAX 1024      /* bytes of a field kept: more is too long for any column */
#define PROFESSIONS_MAX 64  /* pick-list entries a job title is matched against */

/* The columns a roster may have. The first four are also the order of a plain
 * file without a header row: first, last, organisation, email. */
typedef enum { COL_FIRST, COL_LAST, COL_ORG, COL_EMAIL, COL_PROFESSION, COL_COUNT } column;

/* Header names of each column, compared ignoring case and surrounding spaces.
 * They are the file's words, not the kiosk's: never translated. */
static const char *const column_names[COL_COUNT][8] = {
	[COL_FIRST] = {"First Name", "first", "first_name", "firstname", "Given name", NULL},
	[COL_LAST] = {"Last Name", "last", "surname", "last_name", "lastname", "Family name",
		      NULL},
	[COL_ORG] = {"Company", "Organisation", "Organization", "Company or Organisation",
		     "Company or Organization", "org", NULL},
	[COL_EMAIL] = {"Email", "E-mail", "Email Address", NULL},
	[COL_PROFESSION] = {"Job Title", "Profession", "Role", NULL},
};

/* Why a row is refused when a column's text is too long: the limit in
 * characters fills %zu (always large, 60 or more). Whole sentences, one
 * for each column, so that each language can word them as it needs. */
static const char *const too_long_reason[COL_COUNT] = {
	[COL_FIRST] = N_("the first name is longer than %zu characters"),
	[COL_LAST] = N_("the last name is longer than %zu characters"),
	[COL_ORG] = N_("the organisation is longer than %zu characters"),
	[COL_EMAIL] = N_("the email address is longer than %zu characters"),
	[COL_PROFESSION] = N_("the job title is longer than %zu characters"),
};

/* The import's state, shared by libcsv's callbacks. */
typedef struct {
	store *s;
	roster_result *res;
	roster_report *report;
	void *ctx;
	char *err;
	size_t errlen;
	int status;                     /* STORE_OK until the import must stop */
	bool header_done;               /* the columns are known */
	bool named;                     /* the first row named at least one column */
	int where[COL_COUNT];           /* each column's index in a row, or -1 */
	int col;                        /* index of the next field of the row */
	int needed;                     /* fields a row needs to reach every column read */
	bool row_text;                  /* some field of the row, read or not, has text */
	long line;                      /* line of the byte being read, from 1 */
	long row_line;                  /* line the current row started on */
	bool at_row_start;              /* the next text starts a new row */
	char field[COL_COUNT][FIELD_MAX];
	bool too_long[COL_COUNT];
	char professions[PROFESSIONS_MAX][STORE_TEXT_MAX];
	int nprofessions;
} reader;

/* Stops the import: the file as a whole cannot be used (or the store
 * failed), for the reason given. */
static void stop(reader *r, int status, const char *reason)
{
	if (r->status != STORE_OK)
		return;
	r->status = status;
	if (r->err && r->errlen)
		snprintf(r->err, r->errlen, "%s", reason);
}

static void bad_row(reader *r, const char *reason)
{
	r->res->bad++;
	if (r->report)
		r->report(r->ctx, r->row_line, reason);
}

/* Copies field (len bytes) into dst (FIELD_MAX bytes) as one tidy line: control
 * characters (a newline inside quotes) become spaces, runs of spaces one, and
 * spaces at either end go. Returns false if it did not fit. */
static bool tidy(char *dst, const char *field, size_t len)
{
	size_t out = 0;
	bool space = false;

	for (size_t i = 0; i < len; i++) {
		unsigned char c = (unsigned char)field[i];

		if (c <= ' ' || c == 0x7f) {
			space = out > 0;
			continue;
		}
		if (out + space + 1 > FIELD_MAX - 1) {
			dst[out] = '\0';
			return false;
		}
		if (space)
			dst[out++] = ' ';
		dst[out++] = (char)c;
		space = false;
	}
	dst[out] = '\0';
	return true;
}

/* The column a header cell names, or COL_COUNT for none. */
static column column_named(const char *cell)
{
	for (int c = 0; c < COL_COUNT; c++) {
		for (int i = 0; column_names[c][i]; i++) {
			if (strcasecmp(cell, column_names[c][i]) == 0)
				return (column)c;
		}
	}
	return COL_COUNT;
}

/* libcsv's end-of-field callback: keeps the fields of the columns we read. */
static void on_field(void *data, size_t len, void *ctx)
{
	reader *r = ctx;
	const char *text = data ? data : "";
	int col = r->col++;

	if (r->status != STORE_OK)
		return;
	if (!r->header_done) {
		char cell[FIELD_MAX];
		column c;

		/* Kept as data too, for a plain file without a header row. */
		if (col < COL_PROFESSION)
			r->too_long[col] = !tidy(r->field[col], text, len);
		tidy(cell, text, len);
		c = column_named(cell);
		if (c != COL_COUNT) {
			r->named = true;
			if (r->where[c] < 0)
				r->where[c] = col;
		}
		return;
	}
	for (int c = 0; c < COL_COUNT; c++) {
		if (r->where[c] == col)
			r->too_long[c] = !tidy(r->field[c], text, len);
	}
	for (size_t i = 0; i < len && !r->row_text; i++)
		r->row_text = (unsigned char)text[i] > ' ';
}

/* The pick list's spelling of a job title that is one of them ("nurse" ->
 * "Nurse"); other titles are kept as they are. */
static void match_profession(const reader *r, char *title, size_t cap)
{
	char key[STORE_TEXT_MAX], each[STORE_TEXT_MAX];

	text_fold(key, sizeof key, title);
	for (int i = 0; i < r->nprofessions; i++) {
		text_fold(each, sizeof each, r->professions[i]);
		if (strcmp(key, each) == 0) {
			snprintf(title, cap, "%s", r->professions[i]);
			return;
		}
	}
}

/* Copies column c of the row into dst (cap bytes, at most max_chars
 * characters); false, with the row reported, if it is longer. */
static bool take(reader *r, column c, char *dst, size_t cap, size_t max_chars)
{
	char reason[200];

	if (r->too_long[c] || strlen(r->field[c]) >= cap || text_chars(r->field[c]) > max_chars) {
		snprintf(reason, sizeof reason, _(too_long_reason[c]), max_chars);
		bad_row(r, reason);
		return false;
	}
	snprintf(dst, cap, "%s", r->field[c]);
	return true;
}

/* Imports one data row: a new member, a known one (nothing changes), or a
 * row reported as unusable. */
static void import_row(reader *r)
{
	store_member m, known;
	char reason[STORE_EMAIL_MAX + 160], key[STORE_NAME_MAX];
	bool blank = true;
	int rc;

	for (int c = 0; c < COL_COUNT; c++)
		blank = blank && r->field[c][0] == '\0';
	/* A spreadsheet's empty rows (",,,,") are not mistakes; a row with text
	 * only in columns not read (a ticket without a name) is, and is named. */
	if (blank && !r->row_text)
		return;
	/* A row cut short ("Bad line without enough") would make a member of
	 * whatever its first field holds. */
	if (r->col < r->needed) {
		snprintf(reason, sizeof reason,
		         ngettext("it has %d field where the first row names %d columns: a comma may be missing",
		                  "it has %d fields where the first row names %d columns: a comma may be missing", r->col),
		         r->col, r->needed);
		bad_row(r, reason);
		return;
	}
	/* A roster is not consent: both stay off. */
	memset(&m, 0, sizeof m);
	if (!take(r, COL_FIRST, m.first, sizeof m.first, STORE_NAME_CHARS) ||
	    !take(r, COL_LAST, m.last, sizeof m.last, STORE_NAME_CHARS) ||
	    !take(r, COL_ORG, m.organisation, sizeof m.organisation, STORE_TEXT_CHARS) ||
	    !take(r, COL_EMAIL, m.email, sizeof m.email, STORE_EMAIL_MAX - 1) ||
	    !take(r, COL_PROFESSION, m.profession, sizeof m.profession, STORE_TEXT_CHARS))
		return;
	text_fold(key, sizeof key, m.first);
	if (key[0] == '\0') {
		bad_row(r, _("there is no first name"));
		return;
	}
	if (!store_email_valid(m.email)) {
		snprintf(reason, sizeof reason, _("the email address \"%s\" does not look right "
			 "(it needs one @ and a domain like nhs.net)"), m.email);
		bad_row(r, reason);
		return;
	}
	match_profession(r, m.profession, sizeof m.profession);

	rc = m.email[0] ? store_member_find_email(r->s, m.email, &known) : STORE_NOTFOUND;
	if (rc == STORE_NOTFOUND)
		rc = store_member_find_same(r->s, &m, &known);
	if (rc == STORE_OK) {
		r->res->existing++;
		return;
	}
	/* Forgotten at their request: only they, or a facilitator by hand, add
	 * them back. */
	if (rc == STORE_NOTFOUND) {
		rc = store_member_forgotten(r->s, &m);
		if (rc == STORE_OK) {
			r->res->forgotten++;
			return;
		}
	}
	if (rc == STORE_NOTFOUND)
		rc = store_member_add(r->s, &m);
	if (rc == STORE_OK)
		r->res->added++;
	else if (rc == STORE_INVALID)
		bad_row(r, store_errmsg(r->s));
	else
		stop(r, rc, store_errmsg(r->s));
}

/* Decides what the first row was: a header naming the columns, or the first
 * member of a plain first,last,organisation,email file. */
static void read_header(reader *r)
{
	r->header_done = true;
	if (r->where[COL_FIRST] >= 0) {
		for (int c = 0; c < COL_COUNT; c++)
			if (r->where[c] + 1 > r->needed)
				r->needed = r->where[c] + 1;
		return;
	}
	if (r->named) {
		/* TRANSLATORS: First Name, Last Name, Organisation and Email are the
		   column names the file's first row must use: keep them in English. */
		stop(r, STORE_INVALID, _("The file has no column of first names. The first row should name "
		     "the columns, for example: First Name, Last Name, Organisation, Email."));
		return;
	}
	/* A plain file is trusted only when its fourth field is an address. */
	if (r->col == 4 && strchr(r->field[COL_EMAIL], '@')) {
		for (int c = 0; c < COL_COUNT; c++)
			r->where[c] = c < COL_PROFESSION ? c : -1;
		r->needed = 4;
		import_row(r);
		return;
	}
	/* TRANSLATORS: First Name, Last Name, Organisation and Email are the
	   column names the file's first row must use: keep them in English. */
	stop(r, STORE_INVALID, _("The first row should name the columns, for example: First Name, Last Name, "
	     "Organisation, Email."));
}

/* libcsv's end-of-row callback. */
static void on_row(int term, void *ctx)
{
	reader *r = ctx;

	(void)term;
	if (r->status == STORE_OK) {
		if (!r->header_done)
			read_header(r);
		else
			import_row(r);
	}
	r->col = 0;
	r->row_text = false;
	r->at_row_start = true;
	memset(r->field, 0, sizeof r->field);
	memset(r->too_long, 0, sizeof r->too_long);
}

/* Reads all of f into a new buffer (*len bytes, NUL-terminated); NULL with a
 * reason in r when it cannot. */
static char *read_all(reader *r, FILE *f, size_t *len)
{
	size_t cap = 64 * 1024, used = 0, got;
	char *buf = malloc(cap), *grown;

	while (buf && (got = fread(buf + used, 1, cap - used - 1, f)) > 0) {
		used += got;
		if (used > ROSTER_MAX_BYTES) {
			free(buf);
			stop(r, STORE_INVALID, _("The file is too big for an attendee list "
			     "(more than 32 MB)."));
			return NULL;
		}
		if (cap - used - 1 == 0) {
			grown = realloc(buf, cap * 2);
			if (!grown) {
				free(buf);
				buf = NULL;
				break;
			}
			buf = grown;
			cap *= 2;
		}
	}
	if (!buf) {
		stop(r, STORE_IO, _("There is not enough memory to read the file."));
		return NULL;
	}
	if (ferror(f)) {
		free(buf);
		stop(r, STORE_IO, _("The file could not be read."));
		return NULL;
	}
	buf[used] = '\0';
	*len = used;
	return buf;
}

/* Parses text (len bytes) row by row. It is handed to libcsv a byte at a time
 * so that each row is known by the line it starts on, even after quoted
 * fields holding line breaks. */
static void parse(reader *r, const char *text, size_t len)
{
	struct csv_parser p;

	/* Lenient while reading (a stray quote inside a field is kept as it is),
	 * strict at the end: see csv_fini below. */
	if (csv_init(&p, CSV_APPEND_NULL) != 0) {
		stop(r, STORE_IO, _("There is not enough memory to read the file."));
		return;
	}
	for (size_t i = 0; i < len && r->status == STORE_OK; i++) {
		char c = text[i];

		if (r->at_row_start && c != '\r' && c != '\n' && c != ' ' && c != '\t') {
			r->row_line = r->line;
			r->at_row_start = false;
		}
		if (csv_parse(&p, text + i, 1, on_field, on_row, r) != 1) {
			stop(r, STORE_IO, _("There is not enough memory to read the file."));
			break;
		}
		/* CRLF, LF, or an old Mac's lone CR ends a line. */
		if (c == '\n' || (c == '\r' && (i + 1 == len || text[i + 1] != '\n')))
			r->line++;
	}
	/* libcsv refuses a quote left open at the end only in strict mode, which
	 * then matters nowhere else. */
	csv_set_opts(&p, CSV_APPEND_NULL | CSV_STRICT | CSV_STRICT_FINI);
	if (r->status == STORE_OK && csv_fini(&p, on_field, on_row, r) != 0) {
		if (!r->header_done) {
			stop(r, STORE_INVALID, _("The file could not be read as CSV: a quote in "
			     "its first row is never closed."));
		} else {
			bad_row(r, _("a quote opened in this row is never closed, so the rest "
				"of the file could not be read"));
		}
	}
	csv_free(&p);
}

int roster_import(store *s, FILE *f, roster_result *out, roster_report *report, void *ctx,
		  char *err, size_t errlen)
{
	static const char bom[] = "\xEF\xBB\xBF";
	reader *r;
	char *buf = NULL;
	const char *text;
	size_t len = 0;
	int rc;

	assert(s && f && out);
	memset(out, 0, sizeof *out);
	if (err && errlen)
		err[0] = '\0';
	r = calloc(1, sizeof *r);
	if (!r) {
		if (err && errlen)
			snprintf(err, errlen, "%s", _("There is not enough memory to read the file."));
		return STORE_IO;
	}
	*r = (reader){.s = s, .res = out, .report = report, .ctx = ctx, .err = err,
		      .errlen = errlen, .line = 1, .row_line = 1, .at_row_start = true};
	for (int c = 0; c < COL_COUNT; c++)
		r->where[c] = -1;

	buf = read_all(r, f, &len);
	if (!buf)
		goto out;
	if (!text_valid_utf8(buf, len) || memchr(buf, '\0', len)) {
		/* TRANSLATORS: "File, Save As, CSV UTF-8" are Excel's menus: use the
		   words of Excel in your language if it has them. */
		stop(r, STORE_INVALID, _("The file is not saved as UTF-8 text: save it again "
		     "as \"CSV UTF-8\" (in Excel: File, Save As, CSV UTF-8) and import that."));
		goto out;
	}
	text = buf;
	if (len >= 3 && memcmp(buf, bom, 3) == 0) {
		text += 3;
		len -= 3;
	}
	rc = store_professions(s, r->professions, PROFESSIONS_MAX, &r->nprofessions);
	if (rc == STORE_OK)
		rc = store_begin(s);
	if (rc != STORE_OK) {
		stop(r, rc, store_errmsg(s));
		goto out;
	}
	parse(r, text, len);
	if (r->status == STORE_OK && !r->header_done)
		/* TRANSLATORS: First Name, Last Name, Organisation and Email are the
		   column names the file's first row must use: keep them in English. */
		stop(r, STORE_INVALID, _("The file is empty. The first row should name the columns, for example: "
		     "First Name, Last Name, Organisation, Email."));
	if (r->status == STORE_OK) {
		rc = store_commit(s);
		if (rc != STORE_OK)
			stop(r, rc, store_errmsg(s));
	} else {
		store_rollback(s);
	}
out:
	rc = r->status;
	if (rc != STORE_OK)
		memset(out, 0, sizeof *out);
	free(buf);
	free(r);
	return rc;
}
