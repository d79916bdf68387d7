/* store_export: export: every record as CSV or JSON. */
#include "store_impl.h"

#include <assert.h>
#include <errno.h>
#include <stdio.h>
#include <string.h>

#include "csvfield.h"
#include "when.h"

/* The current event's standing check-ins, in the order people came. */
static int export_csv(store *s, FILE *out)
{
	static const char sql[] =
		"SELECT m.first_name, m.last_name, m.organisation, m.profession, "
		"c.created_at, c.role, " FIRST_VISIT("c", "e") " "
		"FROM checkins c JOIN events e ON e.id = c.event_id "
		"JOIN members m ON m.id = c.member_id "
		"WHERE c.event_id = ?1 AND c.undone = 0 ORDER BY c.changed_seq, c.id";
	static const char *const head[] = {
		"First name", "Last name", "Organisation", "Profession", "Checked in at",
		"Role", "Newcomer",
	};
	static const char what[] = N_("the attendance was not exported");
	sqlite3_stmt *st = NULL;
	store_event ev;
	int rc, src;

	rc = store_event_current(s, &ev);
	if (rc == STORE_NOTFOUND)
		return set_msg(s, STORE_NOTFOUND, _("There is no current event: %s."), _(what));
	if (rc != STORE_OK)
		return rc;
	rc = stmt_prepare(s, &st, what, sql, "i", ev.id);
	if (rc != STORE_OK)
		goto out;
	for (int i = 0; i < 7; i++)
		csv_field(out, head[i], i == 6, false);
	while ((src = sqlite3_step(st)) == SQLITE_ROW) {
		char when[STORE_STARTS_MAX];

		when_format(sqlite3_column_int64(st, 4), when, sizeof when);
		for (int i = 0; i < 6; i++) {
			const unsigned char *t = sqlite3_column_text(st, i);

			csv_field(out, i == 4 ? when : t ? (const char *)t : "", false, false);
		}
		csv_field(out, sqlite3_column_int(st, 6) ? "Yes" : "No", true, false);
	}
	if (src != SQLITE_DONE)
		rc = fail_db(s, src, what);
out:
	sqlite3_finalize(st);
	return rc;
}

/* The JSON export being written: the array of the last record's type is open. */
typedef struct {
	FILE *out;
	int type;       /* index in record_arrays of the open array; -1 before any */
	bool first;     /* nothing in the open array yet */
} json_export;

/* Closes the open array and opens each one up to type (empty ones included). */
static void json_open_array(json_export *j, int type)
{
	while (j->type < type) {
		if (j->type >= 0)
			fputs(j->first ? "],\n" : "\n],\n", j->out);
		j->type++;
		fprintf(j->out, "\"%s\":[", record_arrays[j->type]);
		j->first = true;
	}
}

static int add_object(void *ctx, int type, const char *json, int len)
{
	json_export *j = ctx;

	json_open_array(j, type);
	fputs(j->first ? "\n" : ",\n", j->out);
	fwrite(json, 1, (size_t)len, j->out);
	j->first = false;
	return STORE_OK;
}

/* Every record, acknowledged or not, as one JSON object of arrays per type. */
static int export_json(store *s, FILE *out)
{
	json_export j = {out, -1, true};
	int rc;

	/* The kiosk id is hex digits: nothing to escape. */
	fprintf(out, "{\"kiosk\":\"%s\",\"exported\":%lld,\n", s->kiosk,
		(long long)store_now(s));
	rc = each_record(s, -1, add_object, &j);
	if (rc != STORE_OK)
		return rc;
	json_open_array(&j, RECORD_TYPES - 1);
	fputs(j.first ? "]}\n" : "\n]}\n", out);
	return STORE_OK;
}

int store_export(store *s, const char *format, FILE *out)
{
	int rc;

	assert(s && format && out);
	if (strcmp(format, "csv") == 0)
		rc = export_csv(s, out);
	else if (strcmp(format, "json") == 0)
		rc = export_json(s, out);
	else
		return set_msg(s, STORE_INVALID, _("There is no export as \"%.40s\": choose csv "
			       "or json."), format);
	if (rc != STORE_OK)
		return rc;
	if (fflush(out) != 0 || ferror(out))
		return set_msg(s, STORE_IO, _("The export could not be written (%s)."),
			       strerror(errno));
	return STORE_OK;
}
