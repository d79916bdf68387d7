/* frames: the pending sync loop, made in one place for the Sync screen and
 * `cop-kiosk frames` (PNG files); and loading the archive's public key that
 * seals the loop. */
#include <errno.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "core/files.h"
#include "core/pngfile.h"
#include "core/qrdraw.h"
#include "frames.h"

static int write_png(const char *path, const unsigned char *px, int side)
{
	char why[128];
	/* A loop not sealed for the archive holds names and emails: 0600. */
	FILE *f = files_create_private(path);
	if (!f)
		return -1;
	int rc = pngfile_write(f, px, side, side, 1, why, sizeof why);
	return fclose(f) == 0 ? rc : -1;
}

int frames_load_key(store *s, const char *path, char *err, size_t errlen)
{
	char text[256];
	unsigned char key[SYNC_PUBKEY_BYTES];
	FILE *f = fopen(path, "rb");
	if (!f) {
		snprintf(err, errlen, "cannot read %s (%s)", path, strerror(errno));
		return 1;
	}
	size_t len = fread(text, 1, sizeof text, f);
	fclose(f);
	if (len == sizeof text || !sync_key_from_hex(text, len, key)) {
		snprintf(err, errlen, "%s is not an archive's public key (64 hex digits, as cop-sync keygen writes "
		         "PREFIX.pub)", path);
		return 1;
	}
	if (store_sync_key_set(s, key) != STORE_OK) {
		snprintf(err, errlen, "%s", store_errmsg(s));
		return 1;
	}
	return 0;
}

/* True if text[0..len) holds word. */
static bool holds(const char *text, size_t len, const char *word)
{
	size_t n = strlen(word);
	for (size_t i = 0; i + n <= len; i++)
		if (!memcmp(text + i, word, n))
			return true;
	return false;
}

/* Members in the records (JSON Lines) who are not forgotten: whose names the
 * loop carries. */
static int count_people(const char *records)
{
	int n = 0;
	for (const char *line = records; line && *line;) {
		const char *end = strchr(line, '\n');
		size_t len = end ? (size_t)(end - line) : strlen(line);
		static const char member[] = "{\"type\":\"member\"", forgotten[] = "\"forgotten\":true";
		bool is_member = len >= sizeof member - 1 && !memcmp(line, member, sizeof member - 1);
		if (is_member && !holds(line, len, forgotten))
			n++;
		line = end ? end + 1 : NULL;
	}
	return n;
}

frames_status frames_loop_make(store *s, const frames_panel *p, frames_loop *l)
{
	memset(l, 0, sizeof *l);
	char *records = NULL, batch_id[24];
	size_t len = 0;
	int rc = store_sync_batch(s, &l->batch, &records, &len);
	if (rc != STORE_OK)
		return rc == STORE_NOTFOUND ? FRAMES_NOTHING : FRAMES_STORE;
	frames_status status = FRAMES_STORE;
	unsigned char key[SYNC_PUBKEY_BYTES];
	int keyed = store_sync_key_get(s, key);
	if (keyed != STORE_OK && keyed != STORE_NOTFOUND)
		goto out;
	l->step = (int)store_setting_int(s, FRAMES_SETTING_CODE_STEP, 0);
	double pitch = qrdraw_pitch_mm(p->w, p->h, p->mm_w, p->mm_h);
	status = FRAMES_TOO_SMALL;
	if (qrdraw_size(qrdraw_square(p->w, p->h), pitch, l->step, &l->version, &l->module) != 0)
		goto out;
	snprintf(batch_id, sizeof batch_id, "%lld", (long long)l->batch.id);
	l->sealed = keyed == STORE_OK;
	l->people = count_people(records);
	/* A sealed batch differs at every encoding (a fresh ephemeral key), but
	 * its receipt derives from the secret inside, so it stays the same. */
	sync_batch_opts opts = {.kiosk_id = store_kiosk_id(s), .batch_id = batch_id, .created = l->batch.created_at,
	                        .version = l->version, .pubkey = l->sealed ? key : NULL, .secret = l->batch.secret,
	                        .fountain = -1, .signing_key = store_signing_key(s)};
	status = FRAMES_ENCODE;
	if (sync_encoder_new(&opts, records, len, &l->enc, l->receipt) != SYNC_OK)
		goto out;
	size_t parts = sync_encoder_parts(l->enc);
	l->loop = parts + (parts > 1 ? (parts + 1) / 2 : 0);
	status = FRAMES_OK;
out:
	free(records);
	return status;
}

unsigned char *frames_loop_draw(const frames_loop *l, uint32_t seq, int *side)
{
	char *text = sync_encoder_frame(l->enc, seq);
	QRcode *qr = NULL;
	unsigned char *px = NULL;
	if (text && sync_frame_qr(text, l->version, &qr) == SYNC_OK)
		px = qrdraw_bitmap(qr, l->module, side);
	QRcode_free(qr);
	free(text);
	return px;
}

void frames_loop_free(frames_loop *l)
{
	sync_encoder_free(l->enc);
	memset(l, 0, sizeof *l);
}

int frames_write(store *s, const char *dir, const frames_panel *p, char *err, size_t errlen)
{
	frames_loop l;
	int status = 1;
	switch (frames_loop_make(s, p, &l)) {
	case FRAMES_OK:
		break;
	case FRAMES_NOTHING:
		snprintf(err, errlen, "nothing to send: every record is synced");
		return 2;
	case FRAMES_STORE:
		snprintf(err, errlen, "%s", store_errmsg(s));
		return 1;
	case FRAMES_TOO_SMALL:
		snprintf(err, errlen, "a %dx%d screen is too small for QR codes", p->w, p->h);
		return 1;
	case FRAMES_ENCODE:
		snprintf(err, errlen, "the records could not be put into QR codes");
		return 1;
	}
	if (mkdir(dir, 0700) != 0 && access(dir, W_OK) != 0) {
		snprintf(err, errlen, "cannot write in %s", dir);
		goto out;
	}
	for (size_t seq = 1; seq <= l.loop; seq++) {
		char path[1024];
		int side = 0;
		unsigned char *px = frames_loop_draw(&l, (uint32_t)seq, &side);
		snprintf(path, sizeof path, "%s/frame-%03zu.png", dir, seq);
		bool ok = px && write_png(path, px, side) == 0;
		free(px);
		if (!ok) {
			snprintf(err, errlen, "cannot write %s", path);
			goto out;
		}
	}
	/* The receipt is not printed: only the archive, which read every frame,
	 * may tell it. */
	printf("Wrote %zu %s (QR version %d, %d px a module) of batch %lld, %d %s, %s, to %s.\n", l.loop,
	       l.loop == 1 ? "frame" : "frames", l.version, l.module, (long long)l.batch.id, l.batch.records,
	       l.batch.records == 1 ? "record" : "records", l.sealed ? "encrypted for the archive" : "not encrypted",
	       dir);
	status = 0;
out:
	frames_loop_free(&l);
	return status;
}
