/* syncloop: the Sync screen — the records not yet acknowledged as a loop of QR
 * codes (counter, pause, step, slower, faster), sealed for the archive when its
 * key is loaded, the receipt that marks the batch as synced; and under "More",
 * the history of batches, loading the archive's key and exporting to a USB
 * stick. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/files.h"
#include "core/lang.h"
#include "core/qrdraw.h"
#include "core/when.h"
#include "frames.h"
#include "screens.h"
#include "sync.h"

#define FRAME_MS 200          /* about five frames a second */
#define MAX_BATCHES 64

static struct {
	bool pending;             /* there is a batch to show */
	store_batch batch;
	sync_encoder *enc;
	char receipt[SYNC_RECEIPT_SIZE];
	char typed[32];           /* the receipt as typed, filled by text entry */
	size_t loop;              /* frames in one turn of the loop */
	uint32_t seq;             /* the frame showing, 1-based */
	bool playing;
	int interval;             /* ms a frame */
	int64_t next_at;
	int version, module;
	unsigned char *px;        /* the frame as pixels */
	int side;
	bool changed;             /* px is new: upload it */
	char counter[32], speed[32], about[160];
	bool history;             /* "More": the history, the key, USB */
	bool sealed;              /* the loop is sealed with key */
	unsigned char key[SYNC_PUBKEY_BYTES];
	char exported[FILES_PATH_MAX + 256]; /* what the last export did, in words */
	char trouble[512];        /* why no loop could be made, if it failed */
	store_batch batches[MAX_BATCHES];
	int nbatches;
	ui_list list;
} st;
static char history_lines[MAX_BATCHES][96];

static void drop_batch(void)
{
	sync_encoder_free(st.enc);
	st.enc = NULL;
	free(st.px);
	st.px = NULL;
	st.pending = false;
}

/* Draws frame st.seq into st.px. */
static void render(void)
{
	char *text = sync_encoder_frame(st.enc, st.seq);
	QRcode *qr = NULL;
	if (text && sync_frame_qr(text, st.version, &qr) == SYNC_OK) {
		free(st.px);
		st.px = qrdraw_bitmap(qr, st.module, &st.side);
		st.changed = st.px != NULL;
	}
	QRcode_free(qr);
	free(text);
	snprintf(st.counter, sizeof st.counter, "%u / %zu", st.seq, st.loop);
}

static void load_history(app *a)
{
	st.nbatches = 0;
	screen_read(a, store_sync_history(a->db, st.batches, MAX_BATCHES, &st.nbatches));
	for (int i = 0; i < st.nbatches; i++) {
		char when[20];
		when_format(st.batches[i].acked_at ? st.batches[i].acked_at : st.batches[i].created_at, when, sizeof when);
		int n = st.batches[i].records;
		if (st.batches[i].acked_at)
			snprintf(history_lines[i], sizeof history_lines[i],
			         /* TRANSLATORS: a synced batch in the history: how many
			            records, when it was synced ("2026-11-27 09:30"). */
			         ngettext("%d record · synced %s", "%d records · synced %s", n), n, when);
		else
			snprintf(history_lines[i], sizeof history_lines[i],
			         /* TRANSLATORS: a batch in the history not yet synced: how
			            many records, when it was made ("2026-11-27 09:30"). */
			         ngettext("%d record · made %s", "%d records · made %s", n), n, when);
	}
}

/* Makes (or finds) the batch to show and its encoder, sized for this screen. */
static void load(app *a)
{
	drop_batch();
	st.trouble[0] = '\0';
	char *records = NULL;
	size_t len = 0;
	int rc = store_sync_batch(a->db, &st.batch, &records, &len);
	if (rc != STORE_OK && rc != STORE_NOTFOUND) {
		/* Not "everything is synced": said where the loop would be (not in
		 * a toast, which would cover it). */
		snprintf(st.trouble, sizeof st.trouble, "%s", store_errmsg(a->db));
	}
	load_history(a); /* after the batch, which may be new */
	if (rc != STORE_OK) {
		free(records);
		return;
	}
	const layout_metrics *m = ui_metrics(a->ui);
	if (qrdraw_size(qrdraw_square(m->w, m->h), &st.version, &st.module) != 0) {
		free(records);
		ui_toast(a->ui, _("This screen is too small to show QR codes."), 5000);
		return;
	}
	char batch_id[24];
	snprintf(batch_id, sizeof batch_id, "%lld", (long long)st.batch.id);
	/* A sealed batch differs at every encoding (a fresh ephemeral key), but its
	 * receipt derives from the secret inside, so it stays the same. */
	sync_batch_opts opts = {.kiosk_id = store_kiosk_id(a->db), .batch_id = batch_id,
	                        .created = st.batch.created_at, .version = st.version,
	                        .pubkey = st.sealed ? st.key : NULL, .secret = st.batch.secret, .fountain = -1,
	                        .signing_key = store_signing_key(a->db)};
	rc = sync_encoder_new(&opts, records, len, &st.enc, st.receipt);
	free(records);
	if (rc != SYNC_OK) {
		ui_toast(a->ui, _("The records could not be put into QR codes; please report this."), 6000);
		return;
	}
	size_t parts = sync_encoder_parts(st.enc);
	st.loop = parts + (parts > 1 ? (parts + 1) / 2 : 0); /* plain frames, then fountain frames */
	st.seq = 1;
	st.pending = true;
	int n = st.batch.records;
	if (st.sealed)
		snprintf(st.about, sizeof st.about,
		         /* TRANSLATORS: under the QR codes: how many records the loop holds. */
		         ngettext("%d record · Encrypted for the archive", "%d records · Encrypted for the archive", n), n);
	else
		snprintf(st.about, sizeof st.about,
		         /* TRANSLATORS: under the QR codes: how many records the loop holds. */
		         ngettext("%d record · not encrypted", "%d records · not encrypted", n), n);
	render();
}

static const char *check_receipt(const char *typed)
{
	char code[SYNC_RECEIPT_SIZE];
	if (!sync_receipt_normalise(typed, code))
		return _("A receipt code has 8 letters and digits, like K7QX-M2PA.");
	return strcmp(code, st.receipt) ? _("That code does not match this batch. Check it and try again.") : NULL;
}

static void enter(app *a)
{
	if (st.typed[0] && st.pending && !check_receipt(st.typed)) {
		/* Back from entering the receipt: the archive has this batch. */
		char done[160];
		if (store_sync_ack(a->db, st.batch.id) == STORE_OK) {
			int n = st.batch.records;
			snprintf(done, sizeof done,
			         /* TRANSLATORS: the batch's number, how many records. */
			         ngettext("Batch %lld is synced: %d record is in the archive.",
			                  "Batch %lld is synced: %d records are in the archive.", n),
			         (long long)st.batch.id, n);
			ui_toast(a->ui, done, 5000);
		} else {
			ui_toast(a->ui, store_errmsg(a->db), 5000);
		}
		st.typed[0] = '\0';
		load(a);
		return;
	}
	st.typed[0] = '\0';
	st.exported[0] = '\0';
	/* Back from loading the archive's key: the loop is sealed from now on. */
	unsigned char key[SYNC_PUBKEY_BYTES];
	bool sealed = store_sync_key_get(a->db, key) == STORE_OK;
	bool rekeyed = sealed != st.sealed || (sealed && memcmp(key, st.key, sizeof key) != 0);
	st.sealed = sealed;
	if (sealed)
		memcpy(st.key, key, sizeof key);
	if (!st.pending || !st.enc || rekeyed)
		load(a);
	st.changed = true;
	st.playing = true;
	st.interval = st.interval ? st.interval : FRAME_MS;
	st.next_at = a->now + st.interval;
	ui_keep_awake(true);
}

static void leave(app *a)
{
	(void)a;
	st.playing = false;
	ui_keep_awake(false);
}

static void frame(app *a)
{
	ui *u = a->ui;
	const layout_metrics *m = ui_metrics(u);
	if (st.pending && st.playing && a->now >= st.next_at) {
		st.seq = st.seq % (uint32_t)st.loop + 1;
		render();
		st.next_at = a->now + st.interval;
	}
	if (st.pending && st.playing)
		app_wake_at(a, st.next_at);
	rect body = layout_inset((rect){0, 0, m->w, m->h}, m->pad);
	rect code = m->portrait ? layout_cut_top(&body, body.w) : layout_cut_left(&body, body.h);
	if (m->portrait)
		layout_cut_top(&body, m->gap);
	else
		layout_cut_left(&body, m->gap * 2);

	rect top = layout_cut_top(&body, m->touch);
	if (ui_button(u, layout_cut_left(&top, m->touch * 2), _("Back"), UI_BUTTON_SECONDARY)) {
		app_show(a, &screen_facilitator);
		return;
	}
	layout_cut_left(&top, m->gap);
	/* TRANSLATORS: the title of the screen that syncs the records by QR codes. */
	ui_label(u, top, _("Sync"), UI_FONT_TITLE, UI_TEXT, UI_ALIGN_LEFT);
	layout_cut_top(&body, m->gap);

	if (st.history || !st.pending) {
		ui_fill(u, code, UI_WHITE);
		rect in = layout_inset(code, m->pad);
		const char *head = _("Everything is synced: no records are waiting.");
		if (st.pending && st.sealed)
			head = _("Encrypted for the archive: only the archive's key can read this loop.");
		else if (st.pending)
			head = _("This loop is not encrypted: anyone who films it can read the names in it, so show it "
			         "only to the archive's camera, or load the archive's key.");
		else if (st.trouble[0])
			head = _("The loop could not be made. Nothing is lost: the records waiting stay in the data "
			         "file.");
		ui_label(u, layout_cut_top(&in, ui_text_height(u, head, UI_FONT_BOLD, in.w)), head, UI_FONT_BOLD, UI_TEXT,
		         UI_ALIGN_LEFT);
		layout_cut_top(&in, m->gap / 2);
		if (!st.pending && st.trouble[0]) {
			ui_label(u, layout_cut_top(&in, ui_text_height(u, st.trouble, UI_FONT_BOLD, in.w)), st.trouble,
			         UI_FONT_BOLD, UI_RED, UI_ALIGN_LEFT);
			layout_cut_top(&in, m->gap / 2);
		}
		rect tools = layout_cut_top(&in, m->touch);
		layout_cut_top(&in, m->gap / 2);
		if (ui_button(u, layout_cell(tools, 2, 1, 0, 0, m->gap / 2), _("Load key"), UI_BUTTON_SECONDARY)) {
			app_show(a, &screen_synckey);
			return;
		}
		if (ui_button(u, layout_cell(tools, 2, 1, 1, 0, m->gap / 2), _("Export to USB"), UI_BUTTON_SECONDARY)) {
			char dir[FILES_PATH_MAX];
			/* Names and emails leave on the stick: not after the loop
			 * was left alone past the facilitator's timeout. */
			if (app_ask_pin_if_lapsed(a))
				return;
			if (!files_stick(dir))
				snprintf(st.exported, sizeof st.exported, "%s",
				         /* TRANSLATORS: "Export to USB" is the button just tapped; use its translation. */
				         _("No USB stick found. Plug one in, wait a moment, then tap \"Export to USB\" again."));
			else
				files_export(a->db, dir, st.exported, sizeof st.exported);
		}
		if (st.exported[0]) {
			ui_label(u, layout_cut_top(&in, ui_text_height(u, st.exported, UI_FONT_SMALL, in.w)), st.exported,
			         UI_FONT_SMALL, UI_TEXT, UI_ALIGN_LEFT);
			layout_cut_top(&in, m->gap / 2);
		}
		int h = m->touch * 5 / 4;
		ui_list_begin(u, &st.list, in, st.nbatches * h);
		for (int i = 0; i < st.nbatches; i++) {
			char title[48];
			snprintf(title, sizeof title, _("Batch %lld"), (long long)st.batches[i].id);
			ui_list_item(u, &st.list, ui_list_row(u, &st.list, i * h, h), title, history_lines[i],
			             !st.batches[i].acked_at);
		}
		ui_list_end(u, &st.list);
	} else {
		ui_gray_image(u, layout_center(code, st.side, st.side), st.px, st.side, st.changed);
		st.changed = false;
	}
	if (!st.pending)
		return;

	rect count = layout_cut_top(&body, ui_line_height(u, UI_FONT_BIG));
	if (m->portrait) { /* no height to spare under the code: the batch line goes beside the counter */
		int cw, ch;
		ui_measure(u, st.counter, UI_FONT_BIG, &cw, &ch);
		ui_label_line(u, layout_cut_left(&count, cw), st.counter, UI_FONT_BIG, UI_TEXT, UI_ALIGN_LEFT);
		layout_cut_left(&count, m->gap);
		ui_label_line(u, count, st.about, UI_FONT_SMALL, UI_TEXT, UI_ALIGN_RIGHT);
	} else {
		ui_label(u, count, st.counter, UI_FONT_BIG, UI_TEXT, UI_ALIGN_LEFT);
	}
	rect row1 = layout_cut_top(&body, m->touch);
	layout_cut_top(&body, m->gap / 2);
	rect row2 = layout_cut_top(&body, m->touch);
	layout_cut_top(&body, m->gap / 2);
	if (ui_button(u, layout_cell(row1, 2, 1, 0, 0, m->gap / 2), st.playing ? _("Pause") : _("Play"),
	              UI_BUTTON_SECONDARY)) {
		st.playing = !st.playing;
		st.next_at = a->now + st.interval;
	}
	/* TRANSLATORS: a button that shows the next QR code and stops there. */
	if (ui_button(u, layout_cell(row1, 2, 1, 1, 0, m->gap / 2), _("Step"), UI_BUTTON_SECONDARY)) {
		st.playing = false;
		st.seq = st.seq % (uint32_t)st.loop + 1;
		render();
	}
	if (ui_button(u, layout_cell(row2, 2, 1, 0, 0, m->gap / 2), _("Slower"), UI_BUTTON_SECONDARY) && st.interval < 2000)
		st.interval += st.interval / 2;
	if (ui_button(u, layout_cell(row2, 2, 1, 1, 0, m->gap / 2), _("Faster"), UI_BUTTON_SECONDARY) && st.interval > 100)
		st.interval -= st.interval / 3;
	/* TRANSLATORS: how fast the QR codes change, e.g. "5.0 frames a second". */
	snprintf(st.speed, sizeof st.speed, _("%.1f frames a second"), 1000.0 / st.interval);
	ui_label(u, layout_cut_top(&body, ui_line_height(u, UI_FONT_SMALL)), st.speed, UI_FONT_SMALL, UI_GREY1,
	         UI_ALIGN_LEFT);
	rect bottom = layout_cut_bottom(&body, m->touch);
	layout_cut_bottom(&body, m->gap / 2);
	if (ui_button(u, layout_cell(bottom, 2, 1, 1, 0, m->gap / 2), _("Enter receipt"), UI_BUTTON_PRIMARY))
		textedit_open(a, _("Receipt code from the archive"), st.typed, sizeof st.typed, 12, KEYBOARD_LETTERS,
		              check_receipt, NULL);
	if (ui_button(u, layout_cell(bottom, 2, 1, 0, 0, m->gap / 2), st.history ? _("Show codes") : _("More"),
	              UI_BUTTON_SECONDARY))
		st.history = !st.history;
	if (!m->portrait)
		ui_label(u, layout_cut_top(&body, ui_text_height(u, st.about, UI_FONT_SMALL, body.w)), st.about,
		         UI_FONT_SMALL, UI_TEXT, UI_ALIGN_LEFT);
}

const screen screen_syncloop = {"sync", enter, frame, leave, SCREEN_IDLE_WATCHED};
