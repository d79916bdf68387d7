/* roster_import: imports a roster (Eventbrite export or plain CSV) from a USB stick. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/files.h"
#include "core/lang.h"
#include "core/roster.h"
#include "screens.h"

#define MAX_FILES 64
#define REPORT_LINES 6

static struct {
	char files[MAX_FILES][FILES_PATH_MAX];
	int n;
	int chosen;              /* asking to import files[chosen], or -1 */
	char question[FILES_PATH_MAX + 32];
	char result[1536];       /* what the last import did, in words */
	char reports[1024];      /* the rows it could not use */
	int reported;
	ui_list list;
} st;

/* Where sticks are mounted: $COP_KIOSK_MEDIA, or the usual places. */
static void look(void)
{
	const char *roots[FILES_ROOTS_MAX];
	int nroots = files_media_roots(roots);
	st.n = files_find_csv(roots, nroots, 3, st.files, MAX_FILES);
	st.list.scroll = 0;
}

static void enter(app *a)
{
	(void)a;
	st.chosen = -1;
	st.result[0] = '\0';
	look();
}

static void report(void *ctx, long line, const char *reason)
{
	(void)ctx;
	size_t used = strlen(st.reports);
	if (st.reported++ < REPORT_LINES) {
		char one[200];
		/* At most 120 bytes of the reason, ending on a whole character. */
		int n = (int)strlen(reason);
		if (n > 120)
			for (n = 120; n > 0 && ((unsigned char)reason[n] & 0xC0) == 0x80; n--)
				;
		/* TRANSLATORS: a row of the file that was not imported: its line number, why. */
		snprintf(one, sizeof one, _("Line %ld: %.*s"), line, n, reason);
		snprintf(st.reports + used, sizeof st.reports - used, "\n%s", one);
	} else if (st.reported == REPORT_LINES + 1) {
		snprintf(st.reports + used, sizeof st.reports - used, "\n%s", _("…and more."));
	}
}

/* "Imported 3 new members; 1 was already known; 0 rows could not be used."
 * and the rows reported, into st.result: three counts, so three sentences
 * with their own plural forms, joined by one format. */
static void summary(const roster_result *r)
{
	char added[160], existing[160], bad[160];
	snprintf(added, sizeof added, ngettext("Imported %d new member", "Imported %d new members", r->added), r->added);
	snprintf(existing, sizeof existing, ngettext("%d was already known", "%d were already known", r->existing),
	         r->existing);
	snprintf(bad, sizeof bad, ngettext("%d row could not be used", "%d rows could not be used", r->bad), r->bad);
	/* TRANSLATORS: the three counts above joined into the result of an
	   import: members added; members already known; rows that could not be
	   used. The last %s is the list of those rows, each on a new line. */
	snprintf(st.result, sizeof st.result, _("%s; %s; %s.%s"), added, existing, bad, st.reports);
	if (r->forgotten) {
		char forgotten[200];
		size_t used = strlen(st.result);
		snprintf(forgotten, sizeof forgotten,
		         ngettext("%d person was left out: forgotten at their request.",
		                  "%d people were left out: forgotten at their request.", r->forgotten),
		         r->forgotten);
		snprintf(st.result + used, sizeof st.result - used, "\n%s", forgotten);
	}
}

static void import(app *a, const char *path)
{
	FILE *f = fopen(path, "rb");
	st.reported = 0;
	if (!f) {
		snprintf(st.result, sizeof st.result, _("%s could not be opened."), path);
		return;
	}
	char err[300] = "";
	roster_result r = {0};
	st.reports[0] = '\0';
	int rc = roster_import(a->db, f, &r, report, NULL, err, sizeof err);
	fclose(f);
	if (rc != STORE_OK)
		snprintf(st.result, sizeof st.result, _("Nothing was imported: %s"), err[0] ? err : store_errmsg(a->db));
	else
		summary(&r);
}

static void frame(app *a)
{
	ui *u = a->ui;
	const layout_metrics *m = ui_metrics(u);
	rect body = {0, 0, m->w, m->h};
	if (screen_header(a, &body, _("Import a roster"), _("Back"))) {
		app_show(a, &screen_facilitator);
		return;
	}
	/* TRANSLATORS: "Look again" is the button under this message; use its
	   translation. */
	const char *none = _("No CSV file found on a USB stick. Save the attendee list as CSV (UTF-8), for example an "
	                     "Eventbrite export, plug the stick in, then tap \"Look again\".");
	bool again = false;
	int tapped = screen_stick_files(a, body, &st.list, (const char (*)[FILES_PATH_MAX])st.files, st.n, st.result,
	                                none, &again);
	if (again) {
		look();
		st.result[0] = '\0';
	}
	if (tapped >= 0) {
		st.chosen = tapped;
		snprintf(st.question, sizeof st.question, _("Import the people in %s?"), screen_file_name(st.files[tapped]));
	}
	if (st.chosen >= 0) {
		int answer = ui_confirm(u, st.question, _("Import"), _("Cancel"));
		if (answer > 0)
			import(a, st.files[st.chosen]);
		if (answer)
			st.chosen = -1;
	}
}

const screen screen_usb = {"import a roster", enter, frame, NULL, SCREEN_IDLE_CLEARS};
