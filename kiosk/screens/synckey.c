/* synckey: loads the archive's public key (cop-sync keygen's PREFIX.pub) from a
 * USB stick, so that the Sync loop is sealed for the archive. */
#include <stdio.h>
#include <string.h>

#include "core/files.h"
#include "core/lang.h"
#include "frames.h"
#include "screens.h"

#define MAX_FILES 32

static struct {
	char files[MAX_FILES][FILES_PATH_MAX];
	int n;
	int chosen;              /* asking to load files[chosen], or -1 */
	char question[FILES_PATH_MAX + 48];
	char result[FILES_PATH_MAX + 200]; /* what the last try did, in words */
	ui_list list;
} st;

static void look(void)
{
	const char *roots[FILES_ROOTS_MAX];
	int nroots = files_media_roots(roots);
	st.n = files_find(roots, nroots, 3, ".pub", st.files, MAX_FILES);
	st.list.scroll = 0;
}

static void enter(app *a)
{
	(void)a;
	st.chosen = -1;
	st.result[0] = '\0';
	look();
}

static void load(app *a, const char *path)
{
	char err[FILES_PATH_MAX + 160];
	if (frames_load_key(a->db, path, err, sizeof err) != 0)
		snprintf(st.result, sizeof st.result, _("The key was not loaded: %s."), err);
	else
		snprintf(st.result, sizeof st.result,
		         _("The archive's key in %s is loaded. The Sync loop is now encrypted for the archive."),
		         screen_file_name(path));
}

static void frame(app *a)
{
	ui *u = a->ui;
	const layout_metrics *m = ui_metrics(u);
	rect body = {0, 0, m->w, m->h};
	if (screen_header(a, &body, _("Archive key"), _("Back"))) {
		app_show(a, &screen_syncloop);
		return;
	}
	/* TRANSLATORS: "Look again" is the button under this message; use its
	   translation. */
	const char *none = _("No key file found on a USB stick. Copy the archive's .pub file (made by cop-sync keygen) "
	                     "onto a stick, plug it in, then tap \"Look again\".");
	bool again = false;
	int tapped = screen_stick_files(a, body, &st.list, (const char (*)[FILES_PATH_MAX])st.files, st.n, st.result,
	                                none, &again);
	if (again) {
		look();
		st.result[0] = '\0';
	}
	if (tapped >= 0) {
		st.chosen = tapped;
		snprintf(st.question, sizeof st.question, _("Encrypt the Sync loop with the key in %s?"), screen_file_name(st.files[tapped]));
	}
	if (st.chosen >= 0) {
		int answer = ui_confirm(u, st.question, _("Use this key"), _("Cancel"));
		if (answer > 0)
			load(a, st.files[st.chosen]);
		if (answer)
			st.chosen = -1;
	}
}

const screen screen_synckey = {"load the archive's key", enter, frame, NULL, SCREEN_IDLE_CLEARS};
