/* syncloop: the Sync screen — the records not yet acknowledged as a loop of QR
 * codes (counter, pause, step, slower, faster), sealed for the archive when its
 * key is loaded, the receipt that marks the batch as synced; and under "More",
 * the history of batches, loading the archive's key and exporting to a USB
 * stick. */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/files.h"
#include "core/qrdraw.h"
#include "core/lang.h"
#include "core/when.h"
#include "frames.h"
#include "screens.h"
#include "sync.h"

#define FRAME_MS 100          /* ten frames a second: three a code for a phone filming at 30 */
#define MAX_BATCHES 64

static struct {
	bool pending;             /* there is a batch to show */
	frames_loop loop;
	char typed[32];           /* the receipt as typed on the code pad */
	bool entering;            /* the code pad shows in place of the loop */
	const char *pad_message;  /* why the code typed was not taken, or NULL */
	uint32_t seq;             /* the frame showing, 1-based */
	bool playing;
	int interval;             /* ms a frame */
	int64_t next_at;
	unsigned char *px;        /* the frame as pixels */
	int side;
	bool changed;             /* px is new: upload it */
	char counter[48], speed[96], about[160], warning[240];
	bool history;             /* "More": the history, the key, USB */
	bool tuning_here;         /* speed and size under the code, not under "More" */
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
	frames_loop_free(&st.loop);
	free(st.px);
	st.px = NULL;
	st.pending = false;
}

/* Draws frame st.seq into st.px. */
static void render(void)
{
	int side = 0;
	unsigned char *px = frames_loop_draw(&st.loop, st.seq, &side);
	if (px) {
		free(st.px);
		st.px = px;
		st.side = side;
		st.changed = true;
	}
	/* Where the loop is in its turn: frame numbers themselves go on growing
	 * (a fountain frame is never shown twice, PROTOCOL.md). */
	snprintf(st.counter, sizeof st.counter, "%zu / %zu", (st.seq - 1) % st.loop.loop + 1, st.loop.loop);
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
	const layout_metrics *m = ui_metrics(a->ui);
	frames_panel panel = {m->w, m->h, a->panel_mm_w, a->panel_mm_h};
	frames_status rc = frames_loop_make(a->db, &panel, &st.loop);
	/* Not "everything is synced": said where the loop would be (not in a
	 * toast, which would cover it). */
	if (rc == FRAMES_STORE)
		snprintf(st.trouble, sizeof st.trouble, "%s", store_errmsg(a->db));
	else if (rc == FRAMES_TOO_SMALL)
		snprintf(st.trouble, sizeof st.trouble, "%s", _("This screen is too small to show QR codes."));
	else if (rc == FRAMES_ENCODE)
		snprintf(st.trouble, sizeof st.trouble, "%s",
		         _("The records could not be put into QR codes; please report this."));
	load_history(a); /* after the batch, which may be new */
	if (rc != FRAMES_OK)
		return;
	st.seq = 1;
	st.pending = true;
	int n = st.loop.batch.records;
	if (st.loop.sealed)
		snprintf(st.about, sizeof st.about,
		         /* TRANSLATORS: under the QR codes: how many records the loop holds. */
		         ngettext("%d record · Encrypted for the archive", "%d records · Encrypted for the archive", n), n);
	else
		snprintf(st.about, sizeof st.about,
		         /* TRANSLATORS: under the QR codes: how many records the loop holds. */
		         ngettext("%d record · not encrypted", "%d records · not encrypted", n), n);
	int people = st.loop.people;
	snprintf(st.warning, sizeof st.warning,
	         /* TRANSLATORS: on the Sync screen when the loop is not encrypted. */
	         ngettext("Not encrypted: anyone filming it can read %d person's name and email.",
	                  "Not encrypted: anyone filming it can read %d people's names and emails.", people),
	         people);
	render();
}

static const char *check_receipt(const char *typed)
{
	char code[SYNC_RECEIPT_SIZE];
	if (!sync_receipt_normalise(typed, code))
		return _("A receipt code has 8 letters and digits, like K7QX-M2PA.");
	return strcmp(code, st.loop.receipt) ? _("That code does not match this batch. Check it and try again.") : NULL;
}

/* The receipt typed matches: the archive has this batch. Said on a panel,
 * not in passing: the records can now leave the kiosk's list of waiting. */
static void take_receipt(app *a)
{
	st.typed[0] = '\0';
	if (store_sync_ack(a->db, st.loop.batch.id) != STORE_OK) {
		ui_toast(a->ui, store_errmsg(a->db), 5000);
		load(a);
		return;
	}
	char done[160];
	int n = st.loop.batch.records;
	snprintf(done, sizeof done,
	         /* TRANSLATORS: the batch's number, how many records. */
	         ngettext("Batch %lld is synced: %d record is in the archive.",
	                  "Batch %lld is synced: %d records are in the archive.", n),
	         (long long)st.loop.batch.id, n);
	drop_batch(); /* back from the panel, the loop is made anew: what waits now */
	/* TRANSLATORS: the heading of the panel once the archive's receipt code is taken. */
	screen_panel_open(a, _("Receipt accepted"), done, NULL, _("Continue"), &screen_syncloop);
}

static void enter(app *a)
{
	st.entering = false;
	st.typed[0] = '\0';
	st.exported[0] = '\0';
	/* Back from loading the archive's key: the loop is sealed from now on. */
	unsigned char key[SYNC_PUBKEY_BYTES];
	bool sealed = store_sync_key_get(a->db, key) == STORE_OK;
	bool rekeyed = sealed != st.sealed || (sealed && memcmp(key, st.key, sizeof key) != 0);
	st.sealed = sealed;
	if (sealed)
		memcpy(st.key, key, sizeof key);
	if (!st.pending || rekeyed)
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
	st.entering = false;
	st.typed[0] = '\0';
	ui_keep_awake(false);
}

static void draw_tuning(app *a, rect *body);

/* "More": the history of batches, loading the archive's key, exporting to a
 * USB stick, in the code's place. Returns false when the screen changed. */
static bool draw_more(app *a, rect code)
{
	ui *u = a->ui;
	const layout_metrics *m = ui_metrics(u);
	ui_fill(u, code, UI_WHITE);
	rect in = layout_inset(code, m->pad);
	const char *head = _("Everything is synced: no records are waiting.");
	if (st.pending && st.sealed)
		head = _("Encrypted for the archive: only the archive's key can read this loop.");
	else if (st.pending)
		head = _("Load the archive's key to encrypt the loop: then only the archive can read it.");
	else if (st.trouble[0])
		head = _("The loop could not be made. Nothing is lost: the records waiting stay in the data file.");
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
		return false;
	}
	if (ui_button(u, layout_cell(tools, 2, 1, 1, 0, m->gap / 2), _("Export to USB"), UI_BUTTON_SECONDARY)) {
		char dir[FILES_PATH_MAX];
		/* Names and emails leave on the stick: not after the loop was
		 * left alone past the facilitator's timeout. */
		if (app_ask_pin_if_lapsed(a))
			return false;
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
	if (st.pending && !st.tuning_here)
		draw_tuning(a, &in);
	int h = m->touch * 5 / 4;
	ui_list_begin(u, &st.list, in, st.nbatches * h);
	for (int i = 0; i < st.nbatches; i++) {
		char title[48];
		snprintf(title, sizeof title, _("Batch %lld"), (long long)st.batches[i].id);
		ui_list_item(u, &st.list, ui_list_row(u, &st.list, i * h, h), title, history_lines[i],
		             !st.batches[i].acked_at);
	}
	ui_list_end(u, &st.list);
	return true;
}

/* A new code size, kept for the next time: the loop is made again. */
static void resize_codes(app *a, int step)
{
	if (step < -QRDRAW_STEPS || step > QRDRAW_STEPS)
		return;
	if (!screen_read(a, store_setting_set_int(a->db, FRAMES_SETTING_CODE_STEP, step)))
		return;
	uint32_t seq = st.seq;
	load(a);
	if (st.pending) {
		st.seq = seq; /* the loop goes on where it was, in the new size */
		render();
	}
}

/* Slower, faster, bigger and smaller codes: two rows cut from the bottom of
 * *body. */
static void draw_tuning(app *a, rect *body)
{
	ui *u = a->ui;
	const layout_metrics *m = ui_metrics(u);
	rect size = layout_cut_bottom(body, m->touch);
	layout_cut_bottom(body, m->gap / 2);
	rect speed = layout_cut_bottom(body, m->touch);
	layout_cut_bottom(body, m->gap / 2);
	if (ui_button(u, layout_cell(speed, 2, 1, 0, 0, m->gap / 2), _("Slower"), UI_BUTTON_SECONDARY) &&
	    st.interval < 2000)
		st.interval += st.interval / 2;
	if (ui_button(u, layout_cell(speed, 2, 1, 1, 0, m->gap / 2), _("Faster"), UI_BUTTON_SECONDARY) &&
	    st.interval > 50)
		st.interval -= st.interval / 3;
	/* TRANSLATORS: bigger QR codes (fewer bytes each, more of them): for a
	   phone further away. */
	if (ui_button(u, layout_cell(size, 2, 1, 0, 0, m->gap / 2), _("Bigger codes"), UI_BUTTON_SECONDARY))
		resize_codes(a, st.loop.step + 1);
	/* TRANSLATORS: smaller QR codes (more bytes each, fewer of them): for a
	   camera close to the screen. */
	if (ui_button(u, layout_cell(size, 2, 1, 1, 0, m->gap / 2), _("Smaller codes"), UI_BUTTON_SECONDARY))
		resize_codes(a, st.loop.step - 1);
}

/* The counter, the speed, play and step: cut from the bottom of *body. */
static void draw_player(app *a, rect *body)
{
	ui *u = a->ui;
	const layout_metrics *m = ui_metrics(u);
	rect row = layout_cut_bottom(body, m->touch);
	layout_cut_bottom(body, m->gap / 2);
	/* TRANSLATORS: how fast the QR codes change, e.g. "10 a second". */
	snprintf(st.speed, sizeof st.speed, _("%g a second"), round(10000.0 / st.interval) / 10);
	/* Above Play and Step: which code of how many, and how fast. */
	rect info = layout_cut_bottom(body, ui_line_height(u, UI_FONT_SMALL));
	layout_cut_bottom(body, m->gap / 4);
	int cw, ch;
	ui_measure(u, st.counter, UI_FONT_SMALL, &cw, &ch);
	ui_label_line(u, layout_cut_left(&info, cw), st.counter, UI_FONT_SMALL, UI_TEXT, UI_ALIGN_LEFT);
	ui_label_line(u, info, st.speed, UI_FONT_SMALL, UI_GREY1, UI_ALIGN_RIGHT);
	if (ui_button(u, layout_cell(row, 2, 1, 0, 0, m->gap / 2), st.playing ? _("Pause") : _("Play"),
	              UI_BUTTON_SECONDARY)) {
		st.playing = !st.playing;
		st.next_at = a->now + st.interval;
	}
	/* TRANSLATORS: a button that shows the next QR code and stops there. */
	if (ui_button(u, layout_cell(row, 2, 1, 1, 0, m->gap / 2), _("Step"), UI_BUTTON_SECONDARY)) {
		st.playing = false;
		st.seq = sync_next_seq(sync_encoder_parts(st.loop.enc), st.seq);
		render();
	}
}

/* What to do, who could read the loop when it is not encrypted, and what it
 * holds: drawn at the top of *body when draw is true; returns the height
 * they take. */
static int draw_words(app *a, rect *body, bool draw)
{
	ui *u = a->ui;
	const layout_metrics *m = ui_metrics(u);
	const char *how = _("Film this code with the online space's receive page on a phone.");
	bool warn = !st.loop.sealed && st.loop.people > 0;
	int h1 = ui_text_height(u, how, UI_FONT_SMALL, body->w);
	int h2 = warn ? ui_text_height(u, st.warning, UI_FONT_SMALL, body->w) + m->gap / 2 : 0;
	int h3 = ui_text_height(u, st.about, UI_FONT_SMALL, body->w);
	if (draw) {
		ui_label(u, layout_cut_top(body, h1), how, UI_FONT_SMALL, UI_TEXT, UI_ALIGN_LEFT);
		layout_cut_top(body, m->gap / 2);
		if (warn)
			ui_label(u, layout_cut_top(body, h2), st.warning, UI_FONT_SMALL, UI_RED, UI_ALIGN_LEFT);
		/* The record count is the line to spare (a portrait panel): the
		 * warning says the loop is not encrypted already. */
		if (!warn || h3 <= body->h)
			ui_label(u, layout_cut_top(body, h3), st.about, UI_FONT_SMALL, UI_GREY1, UI_ALIGN_LEFT);
	}
	return h1 + m->gap / 2 + h2 + h3;
}

/* The receipt's own alphabet (sync/PROTOCOL.md, "Receipt code"): Crockford
 * base 32, without I, L, O and U. */
static const char receipt_keys[] = "0123456789ABCDEFGHJKMNPQRSTVWXYZ";

/* One key of the code pad typed: a dash after the fourth character, as the
 * code is shown (XXXX-XXXX). */
static void pad_type(char key)
{
	size_t n = strlen(st.typed);
	if (n >= 9)
		return;
	if (n == 4 && st.typed[3] != '-')
		st.typed[n++] = '-';
	st.typed[n++] = key;
	st.typed[n] = '\0';
}

/* The code pad: the code typed so far, why it was refused, 32 keys, Delete
 * and Done. Typed text (a keyboard, a script) goes into the code too. */
static void draw_pad(app *a)
{
	ui *u = a->ui;
	const layout_metrics *m = ui_metrics(u);
	rect body = {0, 0, m->w, m->h};
	if (screen_header(a, &body, _("Receipt code from the archive"), _("Cancel"))) {
		st.entering = false;
		st.typed[0] = '\0';
		ui_focus(u, NULL, KEYBOARD_LETTERS);
		return;
	}
	/* Keys of the touch height, 6 or 9 a row, under the code and its hint;
	 * down to 48 px when a long hint (a translation) needs the room. */
	const char *hint = st.pad_message ? st.pad_message : _("8 letters and digits, as the archive shows them.");
	int cols = m->portrait ? 6 : 9, rows = (int)(sizeof receipt_keys - 1 + 4 + cols - 1) / cols;
	int gaps = (rows - 1) * m->gap / 2, above = m->touch + m->gap + ui_text_height(u, hint, UI_FONT_BOLD, body.w);
	int kh = rows * m->touch + gaps;
	if (m->portrait && kh < body.h / 2)
		kh = body.h / 2;
	if (kh > body.h - above)
		kh = body.h - above > rows * 48 + gaps ? body.h - above : rows * 48 + gaps;
	rect keys = layout_cut_bottom(&body, kh);
	layout_cut_bottom(&body, m->gap / 2);
	rect field = layout_cut_top(&body, m->touch);
	layout_cut_top(&body, m->gap / 2);
	bool done = ui_field_box(u, layout_cut_left(&field, field.w < m->touch * 5 ? field.w : m->touch * 5),
	                         _("Receipt code from the archive"), st.typed, sizeof st.typed, 12);
	ui_label(u, layout_cut_top(&body, ui_text_height(u, hint, UI_FONT_BOLD, body.w)), hint, UI_FONT_BOLD,
	         st.pad_message ? UI_RED : UI_GREY1, UI_ALIGN_LEFT);
	for (int i = 0; receipt_keys[i]; i++) {
		char label[2] = {receipt_keys[i], '\0'};
		if (ui_button(u, layout_cell(keys, cols, rows, i % cols, i / cols, m->gap / 2), label, UI_BUTTON_SECONDARY))
			pad_type(receipt_keys[i]);
	}
	int at = (int)sizeof receipt_keys - 1, last = rows * cols;
	rect del = layout_cell(keys, cols, rows, at % cols, at / cols, m->gap / 2);
	rect ok = layout_cell(keys, cols, rows, (last - 2) % cols, rows - 1, m->gap / 2);
	del.w = (last - 2 - at) * (del.w + m->gap / 2) - m->gap / 2;
	ok.w = keys.x + keys.w - ok.x;
	/* TRANSLATORS: a key that removes the last character typed. */
	if (ui_button(u, del, _("Delete"), UI_BUTTON_SECONDARY) && st.typed[0])
		st.typed[strlen(st.typed) - 1] = '\0';
	done |= ui_button(u, ok, _("Done"), UI_BUTTON_PRIMARY);
	if (!done)
		return;
	st.pad_message = check_receipt(st.typed);
	if (st.pad_message)
		return;
	st.entering = false;
	ui_focus(u, NULL, KEYBOARD_LETTERS);
	take_receipt(a);
}

static void frame(app *a)
{
	ui *u = a->ui;
	const layout_metrics *m = ui_metrics(u);
	if (st.entering) {
		draw_pad(a);
		return;
	}
	if (st.pending && st.playing && a->now >= st.next_at) {
		st.seq = sync_next_seq(sync_encoder_parts(st.loop.enc), st.seq);
		render();
		st.next_at = a->now + st.interval;
	}
	if (st.pending && st.playing)
		app_wake_at(a, st.next_at);
	/* The header as on every screen, but in landscape over the controls
	 * only: the code takes the whole height, as big as the panel allows
	 * (qrdraw_square). */
	rect body = {0, 0, m->w, m->h}, code;
	if (m->portrait) {
		if (screen_header(a, &body, _("Sync"), _("Back"))) {
			app_show(a, &screen_facilitator);
			return;
		}
		code = layout_cut_top(&body, body.w);
		layout_cut_top(&body, m->gap);
	} else {
		code = layout_inset(layout_cut_left(&body, m->h), m->pad);
		if (screen_header(a, &body, _("Sync"), _("Back"))) {
			app_show(a, &screen_facilitator);
			return;
		}
		body.x -= m->pad / 2; /* the code's margin is this column's too */
		body.w += m->pad / 2;
	}
	if (st.history || !st.pending) {
		if (!draw_more(a, code))
			return;
	} else {
		ui_gray_image(u, layout_center(code, st.side, st.side), st.px, st.side, st.changed);
		st.changed = false;
	}
	if (!st.pending)
		return;
	rect bottom = layout_cut_bottom(&body, m->touch);
	layout_cut_bottom(&body, m->gap / 2);
	if (ui_button(u, layout_cell(bottom, 2, 1, 1, 0, m->gap / 2), _("Enter receipt"), UI_BUTTON_PRIMARY)) {
		/* Marking a batch synced is the facilitator's: not after the loop
		 * was left alone past the facilitator's timeout. */
		if (app_ask_pin_if_lapsed(a))
			return;
		st.entering = true;
		st.typed[0] = '\0';
		st.pad_message = NULL;
		ui_focus(u, st.typed, KEYBOARD_LETTERS); /* typed text goes into the code too */
	}
	if (ui_button(u, layout_cell(bottom, 2, 1, 0, 0, m->gap / 2), st.history ? _("Show codes") : _("More"),
	              UI_BUTTON_SECONDARY))
		st.history = !st.history;
	/* Slower, faster and the code size go under "More" where the words
	 * would not fit above them (a landscape 800x480 panel). */
	st.tuning_here = draw_words(a, &body, false) + 3 * (m->touch + m->gap / 2) + ui_line_height(u, UI_FONT_SMALL) +
	                 m->gap <= body.h;
	if (st.tuning_here)
		draw_tuning(a, &body);
	draw_player(a, &body);
	draw_words(a, &body, true);
}

const screen screen_syncloop = {"sync", enter, frame, leave, SCREEN_IDLE_WATCHED};
