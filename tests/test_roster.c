/* test_roster: importing attendee lists — Eventbrite exports and plain CSV files,
 * with BOM, CRLF and quoted fields — from files in a temporary folder. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "roster.h"
#include "store.h"
#include "store_internal.h"

typedef struct {
	char dir[64];
	char db[128];
	char csv[128];
	store *s;
	char reports[4096];     /* "line N: reason" lines from the last import */
	roster_result res;
	char err[512];
} fixture;

static int setup(void **state)
{
	fixture *f = calloc(1, sizeof *f);
	char err[512];

	if (!f)
		return -1;
	snprintf(f->dir, sizeof f->dir, "/tmp/test_roster.XXXXXX");
	if (!mkdtemp(f->dir)) {
		free(f);
		return -1;
	}
	snprintf(f->db, sizeof f->db, "%s/kiosk.db", f->dir);
	snprintf(f->csv, sizeof f->csv, "%s/roster.csv", f->dir);
	if (store_open(f->db, &f->s, err, sizeof err) != STORE_OK) {
		fprintf(stderr, "%s\n", err);
		free(f);
		return -1;
	}
	*state = f;
	return 0;
}

static int teardown(void **state)
{
	fixture *f = *state;
	char path[160];

	store_close(f->s);
	unlink(f->csv);
	unlink(f->db);
	snprintf(path, sizeof path, "%s-wal", f->db);
	unlink(path);
	snprintf(path, sizeof path, "%s-shm", f->db);
	unlink(path);
	rmdir(f->dir);
	free(f);
	return 0;
}

static void collect(void *ctx, long line, const char *reason)
{
	fixture *f = ctx;
	size_t used = strlen(f->reports);

	snprintf(f->reports + used, sizeof f->reports - used, "line %ld: %s\n", line, reason);
}

/* Writes text (len bytes) as the roster file and imports it; returns the status. */
static int import_bytes(fixture *f, const char *text, size_t len)
{
	FILE *fp = fopen(f->csv, "wb");
	int rc;

	assert_non_null(fp);
	assert_int_equal(fwrite(text, 1, len, fp), len);
	assert_int_equal(fclose(fp), 0);
	fp = fopen(f->csv, "rb");
	assert_non_null(fp);
	f->reports[0] = '\0';
	f->err[0] = '\0';
	rc = roster_import(f->s, fp, &f->res, collect, f, f->err, sizeof f->err);
	fclose(fp);
	return rc;
}

static int import_text(fixture *f, const char *text)
{
	return import_bytes(f, text, strlen(text));
}

static int64_t count_members(fixture *f)
{
	sqlite3_stmt *st = NULL;
	int64_t n;

	assert_int_equal(sqlite3_prepare_v2(store_db(f->s), "SELECT count(*) FROM members",
					    -1, &st, NULL), SQLITE_OK);
	assert_int_equal(sqlite3_step(st), SQLITE_ROW);
	n = sqlite3_column_int64(st, 0);
	sqlite3_finalize(st);
	return n;
}

/* The one member search finds for query; fails unless there is exactly one. */
static store_member find_one(fixture *f, const char *query)
{
	store_member found[2];
	int n = -1;

	assert_int_equal(store_member_search(f->s, query, found, 2, &n), STORE_OK);
	if (n != 1)
		fail_msg("\"%s\" finds %d members", query, n);
	return found[0];
}

static void assert_result(const fixture *f, int added, int existing, int bad)
{
	if (f->res.added != added || f->res.existing != existing || f->res.bad != bad)
		fail_msg("added %d, existing %d, bad %d; wanted %d, %d, %d\n%s",
			 f->res.added, f->res.existing, f->res.bad, added, existing, bad,
			 f->reports);
}

/* The header row of an Eventbrite attendee export, as Eventbrite writes it. */
#define EVENTBRITE_HEADER \
	"Order #,Order Date,First Name,Last Name,Email,Quantity,Ticket Type,Attendee #," \
	"Group,Order Type,Currency,Total Paid,Fees Paid,Eventbrite Fees," \
	"Eventbrite Payment Processing,Attendee Status,Home Address 1,Company,Job Title\n"

static void an_eventbrite_export_is_imported(void **state)
{
	fixture *f = *state;
	store_member m;

	assert_int_equal(import_text(f,
		EVENTBRITE_HEADER
		"7261538491,2026-10-01 09:14:03+01:00,Siân,Ó Dálaigh,sian.odalaigh@wales.nhs.uk,1,"
		"General Admission,1204556781,,Free Order,GBP,0.00,0.00,0.00,0.00,Attending,"
		"\"1 High St\",Betsi Cadwaladr UHB,Staff Nurse\n"
		"7261538492,2026-10-02 12:01:44+01:00,Patrick,O'Neil,p.oneil@hse.ie,1,"
		"General Admission,1204556782,,Free Order,GBP,0.00,0.00,0.00,0.00,Attending,"
		",HSE,pharmacist\n"), STORE_OK);
	assert_result(f, 2, 0, 0);
	assert_string_equal(f->reports, "");
	m = find_one(f, "sian");
	assert_string_equal(m.last, "Ó Dálaigh");
	assert_string_equal(m.organisation, "Betsi Cadwaladr UHB");
	assert_string_equal(m.email, "sian.odalaigh@wales.nhs.uk");
	assert_string_equal(m.profession, "Staff Nurse");
	/* A roster is not consent. */
	assert_false(m.mailing_list);
	assert_false(m.may_contact);
	m = find_one(f, "oneil");
	assert_string_equal(m.organisation, "HSE");
	/* A job title that is on the pick list takes the list's spelling. */
	assert_string_equal(m.profession, "Pharmacist");
}

static void a_plain_file_without_a_header_row_is_imported(void **state)
{
	fixture *f = *state;
	store_member m;

	assert_int_equal(import_text(f, "Ann,Lee,NHS Wales,ann.lee@wales.nhs.uk\n"
				     "Ravi,Patel,Leeds Teaching Hospitals,\n"), STORE_OK);
	assert_result(f, 2, 0, 0);
	m = find_one(f, "ann");
	assert_string_equal(m.organisation, "NHS Wales");
	assert_string_equal(m.email, "ann.lee@wales.nhs.uk");
	m = find_one(f, "patel");
	assert_string_equal(m.email, "");
}

static void header_names_are_matched_ignoring_case_and_spaces(void **state)
{
	fixture *f = *state;
	store_member m;

	assert_int_equal(import_text(f, " EMAIL , surname,Given name ,Organization,Role\n"
				     "ann@nhs.net,Lee,Ann,NHS England,Doctor\n"), STORE_OK);
	assert_result(f, 1, 0, 0);
	m = find_one(f, "ann lee");
	assert_string_equal(m.email, "ann@nhs.net");
	assert_string_equal(m.organisation, "NHS England");
	assert_string_equal(m.profession, "Doctor");
	assert_int_equal(import_text(f, "first,last,org,e-mail\nBen,Ng,HSE,ben@hse.ie\n"),
			 STORE_OK);
	assert_result(f, 1, 0, 0);
	assert_int_equal(import_text(f, "firstname,Family name,Company or Organisation,"
				     "Email Address\nCara,Jones,NHS Digital,cara@nhs.net\n"),
			 STORE_OK);
	assert_result(f, 1, 0, 0);
	assert_string_equal(find_one(f, "cara").organisation, "NHS Digital");
}

static void a_byte_order_mark_and_crlf_lines_are_read(void **state)
{
	fixture *f = *state;
	store_member m;

	assert_int_equal(import_text(f, "\xEF\xBB\xBF" "First Name,Last Name,Email\r\n"
				     "Zoë,Ælfric,zoe@nhs.net\r\n"
				     "Tomasz,Nowak,tomasz@nhs.net\r\n"
				     ",,\r\n"
				     "Kwame,Mensah,bad-address\r\n"), STORE_OK);
	assert_result(f, 2, 0, 1);
	m = find_one(f, "zoe");
	assert_string_equal(m.first, "Zoë");
	assert_string_equal(m.email, "zoe@nhs.net");
	assert_string_equal(find_one(f, "nowak").email, "tomasz@nhs.net");
	assert_string_equal(f->reports, "line 5: the email address \"bad-address\" does "
			    "not look right (it needs one @ and a domain like nhs.net)\n");
}

static void quoted_fields_with_commas_and_line_breaks_keep_line_numbers(void **state)
{
	fixture *f = *state;
	store_member m;

	assert_int_equal(import_text(f,
		"First Name,Last Name,Company,Home Address 1,Email\n"          /* 1 */
		"Ann,Lee,\"Leeds Teaching Hospitals, NHS Trust\",\"1 High St\n" /* 2 */
		"Leeds\n"                                                       /* 3 */
		"LS1 1AA\",ann@nhs.net\n"                                       /* 4 */
		"\"Ravi\",\"Pa\"\"tel\",\"NHS\r\nEngland\",,ravi@nhs.net\n"      /* 5, 6 */
		"Ben,Ng,HSE,,no-at-sign\n"                                      /* 7 */
		"\n"                                                            /* 8 */
		"\"\",Nobody,HSE,,\n"                                           /* 9 */
		"Cara,\"Jones\nSmith\",HSE,,cara@nhs.net\n"), STORE_OK);        /* 10, 11 */
	assert_result(f, 3, 0, 2);
	m = find_one(f, "ann");
	assert_string_equal(m.organisation, "Leeds Teaching Hospitals, NHS Trust");
	m = find_one(f, "ravi");
	assert_string_equal(m.last, "Pa\"tel");
	/* A line break inside a name or organisation becomes a space. */
	assert_string_equal(m.organisation, "NHS England");
	assert_string_equal(find_one(f, "cara").last, "Jones Smith");
	assert_string_equal(f->reports,
		"line 7: the email address \"no-at-sign\" does not look right (it needs "
		"one @ and a domain like nhs.net)\n"
		"line 9: there is no first name\n");
}

static void bad_rows_are_reported_by_line_and_the_others_imported(void **state)
{
	fixture *f = *state;
	char text[2048], long_name[80];

	memset(long_name, 'a', 61);
	long_name[61] = '\0';
	snprintf(text, sizeof text,
		 "First Name,Last Name,Organisation,Email\n"
		 "Ann,Lee,NHS Wales,ann@nhs.net\n"
		 ",Patel,NHS England,ravi@nhs.net\n"
		 "Ben,Ng,HSE,ben@hse.ie\n"
		 "%s,Long,HSE,\n"
		 "Cara,Jones,HSE,cara@@nhs.net\n"
		 "Dev,Shah,HSE,dev.shah@nhs.net\n", long_name);
	assert_int_equal(import_text(f, text), STORE_OK);
	assert_result(f, 3, 0, 3);
	assert_string_equal(f->reports,
		"line 3: there is no first name\n"
		"line 5: the first name is longer than 60 characters\n"
		"line 6: the email address \"cara@@nhs.net\" does not look right (it needs "
		"one @ and a domain like nhs.net)\n");
	assert_int_equal(count_members(f), 3);
}

static void a_row_cut_short_or_without_a_name_is_reported_not_imported(void **state)
{
	fixture *f = *state;

	assert_int_equal(import_text(f,
		"First Name,Last Name,Organisation,Email,Ticket Type\n"
		"Ann,Lee,NHS Wales,ann@nhs.net,Member\n"
		"Bad line without enough\n"
		",,,,Member\n"
		",,,,\n"
		"Ben,Ng,HSE\n"
		"Cara,Jones,HSE,cara@nhs.net\n"), STORE_OK);
	assert_result(f, 2, 0, 3);
	assert_string_equal(f->reports,
		"line 3: it has 1 field where the first row names 4 columns: a comma may be missing\n"
		"line 4: there is no first name\n"
		"line 6: it has 3 fields where the first row names 4 columns: a comma may be missing\n");
	assert_int_equal(count_members(f), 2);
}

static void reimporting_the_same_file_creates_no_duplicates(void **state)
{
	fixture *f = *state;
	static const char text[] =
		"First Name,Last Name,Company,Email\n"
		"Ann,Lee,NHS Wales,ann@nhs.net\n"
		"Ravi,Patel,Leeds Teaching Hospitals,\n"
		"Ravi,Patel,Leeds Teaching Hospitals,\n";
	store_member known = {0};

	snprintf(known.first, sizeof known.first, "Ben");
	snprintf(known.email, sizeof known.email, "Ben.Ng@HSE.ie");
	assert_int_equal(store_member_add(f->s, &known), STORE_OK);

	assert_int_equal(import_text(f, text), STORE_OK);
	assert_result(f, 2, 1, 0);   /* the second Ravi is the first one */
	assert_int_equal(import_text(f, text), STORE_OK);
	assert_result(f, 0, 3, 0);
	/* Known by email whatever the name, or by name and organisation. */
	assert_int_equal(import_text(f, "First Name,Last Name,Company,Email\n"
				     "Benjamin,Ng,HSE,ben.ng@hse.ie\n"
				     "RAVI,PATEL,leeds teaching hospitals,\n"
				     "Ravi,Patel,NHS England,\n"), STORE_OK);
	assert_result(f, 1, 2, 0);
	assert_int_equal(count_members(f), 4);
	assert_string_equal(find_one(f, "ben").first, "Ben");
}

static void someone_forgotten_is_left_out_of_a_later_roster_until_added_back_by_hand(void **state)
{
	fixture *f = *state;
	static const char text[] =
		"First Name,Last Name,Company,Email\n"
		"Ann,Lee,NHS Wales,ann@nhs.net\n"
		"Ravi,Patel,Leeds Teaching Hospitals,\n"
		"Mo,Khan,NHS England,mo@nhs.net\n";
	store_member ann = {0};

	assert_int_equal(import_text(f, text), STORE_OK);
	assert_result(f, 3, 0, 0);
	ann = find_one(f, "ann");
	assert_int_equal(store_member_forget(f->s, ann.id), STORE_OK);
	/* Ravi asked too; the roster lists him under another address. */
	assert_int_equal(store_member_forget(f->s, find_one(f, "ravi").id), STORE_OK);

	assert_int_equal(import_text(f, text), STORE_OK);
	assert_result(f, 0, 1, 0);
	assert_int_equal(f->res.forgotten, 2);
	/* By email whatever the name; by name and organisation (folded). */
	assert_int_equal(import_text(f, "First Name,Last Name,Company,Email\n"
				     "Annie,Lee-Smith,Elsewhere,ANN@nhs.net\n"
				     "RAVI,PATEL,leeds teaching hospitals,ravi@nhs.net\n"), STORE_OK);
	assert_result(f, 0, 0, 0);
	assert_int_equal(f->res.forgotten, 2);
	assert_int_equal(count_members(f), 3); /* Mo, and the two forgotten rows */

	/* Ann comes back of her own accord (the kiosk's "I'm new here"): she
	 * is a member again, and the roster finds her as known. */
	store_member again = {0};
	snprintf(again.first, sizeof again.first, "Ann");
	snprintf(again.last, sizeof again.last, "Lee");
	snprintf(again.organisation, sizeof again.organisation, "NHS Wales");
	snprintf(again.email, sizeof again.email, "ann@nhs.net");
	assert_int_equal(store_member_add(f->s, &again), STORE_OK);
	assert_int_equal(import_text(f, text), STORE_OK);
	assert_result(f, 0, 2, 0);
	assert_int_equal(f->res.forgotten, 1);
}

static void a_latin1_file_is_refused_as_a_whole(void **state)
{
	fixture *f = *state;
	static const char latin1[] = "First Name,Last Name\nAnn,Lee\nSi\xE2n,O Dalaigh\n";

	assert_int_equal(import_bytes(f, latin1, sizeof latin1 - 1), STORE_INVALID);
	assert_true(strstr(f->err, "UTF-8") != NULL);
	assert_true(strstr(f->err, "CSV UTF-8") != NULL);
	assert_result(f, 0, 0, 0);
	assert_int_equal(count_members(f), 0);
	/* UTF-16 (Excel's "Unicode text") is refused the same way. */
	assert_int_equal(import_bytes(f, "\xFF\xFE" "F\0i\0r\0s\0t\0", 12), STORE_INVALID);
	assert_true(strstr(f->err, "UTF-8") != NULL);
}

static void a_file_without_a_first_name_column_is_refused(void **state)
{
	fixture *f = *state;

	assert_int_equal(import_text(f, "Surname,Email\nLee,ann@nhs.net\n"), STORE_INVALID);
	assert_string_equal(f->err, "The file has no column of first names. The first "
			    "row should name the columns, for example: First Name, Last "
			    "Name, Organisation, Email.");
	assert_int_equal(count_members(f), 0);
}

static void a_file_starting_with_data_is_refused_unless_it_is_plain(void **state)
{
	fixture *f = *state;
	static const char want[] = "The first row should name the columns, for example: "
				   "First Name, Last Name, Organisation, Email.";

	assert_int_equal(import_text(f, "Ann,Lee,NHS Wales\nBen,Ng,HSE\n"), STORE_INVALID);
	assert_string_equal(f->err, want);
	assert_int_equal(import_text(f, "Ann,Lee,NHS Wales,none\n"), STORE_INVALID);
	assert_string_equal(f->err, want);
	assert_int_equal(import_text(f, "Ann,Lee,NHS Wales,ann@nhs.net,Nurse\n"),
			 STORE_INVALID);
	assert_string_equal(f->err, want);
	assert_int_equal(count_members(f), 0);
}

static void an_empty_file_is_refused_and_a_header_alone_imports_nothing(void **state)
{
	fixture *f = *state;

	assert_int_equal(import_text(f, ""), STORE_INVALID);
	assert_true(strncmp(f->err, "The file is empty.", 18) == 0);
	assert_int_equal(import_text(f, "\xEF\xBB\xBF\r\n\r\n"), STORE_INVALID);
	assert_int_equal(import_text(f, "First Name,Last Name\n"), STORE_OK);
	assert_result(f, 0, 0, 0);
}

static void a_quote_left_open_is_reported_at_its_row(void **state)
{
	fixture *f = *state;

	assert_int_equal(import_text(f, "First Name,Last Name\nAnn,Lee\n\"Ben,Ng\nCara,Jones\n"),
			 STORE_OK);
	assert_result(f, 1, 0, 1);
	assert_string_equal(f->reports, "line 3: a quote opened in this row is never closed, "
			    "so the rest of the file could not be read\n");
	assert_int_equal(import_text(f, "\"First Name,Last Name\nAnn,Lee\n"), STORE_INVALID);
	assert_true(strstr(f->err, "never closed") != NULL);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
#define T(name) cmocka_unit_test_setup_teardown(name, setup, teardown)
		T(an_eventbrite_export_is_imported),
		T(a_plain_file_without_a_header_row_is_imported),
		T(header_names_are_matched_ignoring_case_and_spaces),
		T(a_byte_order_mark_and_crlf_lines_are_read),
		T(quoted_fields_with_commas_and_line_breaks_keep_line_numbers),
		T(bad_rows_are_reported_by_line_and_the_others_imported),
		T(a_row_cut_short_or_without_a_name_is_reported_not_imported),
		T(reimporting_the_same_file_creates_no_duplicates),
		T(someone_forgotten_is_left_out_of_a_later_roster_until_added_back_by_hand),
		T(a_latin1_file_is_refused_as_a_whole),
		T(a_file_without_a_first_name_column_is_refused),
		T(a_file_starting_with_data_is_refused_unless_it_is_plain),
		T(an_empty_file_is_refused_and_a_header_alone_imports_nothing),
		T(a_quote_left_open_is_reported_at_its_row),
#undef T
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
