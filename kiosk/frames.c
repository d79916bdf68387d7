/* frames: `cop-kiosk frames` — the pending sync loop as PNG files, drawn by the
 * same code and at the same module size as the Sync screen; and loading the
 * archive's public key that seals the loop. */
#include <errno.h>
#include <png.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "core/files.h"
#include "core/qrdraw.h"
#include "frames.h"
#include "sync.h"

static int write_png(const char *path, const unsigned char *px, int side)
{
	png_image img;
	memset(&img, 0, sizeof img);
	img.version = PNG_IMAGE_VERSION;
	img.width = (png_uint_32)side;
	img.height = (png_uint_32)side;
	img.format = PNG_FORMAT_GRAY;
	/* A loop not sealed for the archive holds names and emails: 0600. */
	FILE *f = files_create_private(path);
	if (!f)
		return -1;
	int ok = png_image_write_to_stdio(&img, f, 0, px, side, NULL);
	return fclose(f) == 0 && ok ? 0 : -1;
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

int frames_write(store *s, const char *dir, int w, int h, char *err, size_t errlen)
{
	store_batch batch;
	char *records = NULL, receipt[SYNC_RECEIPT_SIZE], batch_id[24];
	size_t len = 0;
	sync_encoder *enc = NULL;
	int version, module, status = 1;
	int rc = store_sync_batch(s, &batch, &records, &len);
	if (rc == STORE_NOTFOUND) {
		snprintf(err, errlen, "nothing to send: every record is synced");
		return 2;
	}
	if (rc != STORE_OK) {
		snprintf(err, errlen, "%s", store_errmsg(s));
		return 1;
	}
	if (qrdraw_size(qrdraw_square(w, h), &version, &module) != 0) {
		snprintf(err, errlen, "a %dx%d screen is too small for QR codes", w, h);
		goto out;
	}
	snprintf(batch_id, sizeof batch_id, "%lld", (long long)batch.id);
	unsigned char key[SYNC_PUBKEY_BYTES];
	rc = store_sync_key_get(s, key);
	if (rc != STORE_OK && rc != STORE_NOTFOUND) {
		snprintf(err, errlen, "%s", store_errmsg(s));
		goto out;
	}
	sync_batch_opts opts = {.kiosk_id = store_kiosk_id(s), .batch_id = batch_id, .created = batch.created_at,
	                        .version = version, .pubkey = rc == STORE_OK ? key : NULL, .secret = batch.secret,
	                        .fountain = -1, .signing_key = store_signing_key(s)};
	if (sync_encoder_new(&opts, records, len, &enc, receipt) != SYNC_OK) {
		snprintf(err, errlen, "the records could not be put into QR codes");
		goto out;
	}
	if (mkdir(dir, 0700) != 0 && access(dir, W_OK) != 0) {
		snprintf(err, errlen, "cannot write in %s", dir);
		goto out;
	}
	size_t parts = sync_encoder_parts(enc), loop = parts + (parts > 1 ? (parts + 1) / 2 : 0);
	for (size_t seq = 1; seq <= loop; seq++) {
		char *text = sync_encoder_frame(enc, (uint32_t)seq), path[1024];
		QRcode *qr = NULL;
		unsigned char *px = NULL;
		int side = 0;
		bool ok = text && sync_frame_qr(text, version, &qr) == SYNC_OK && (px = qrdraw_bitmap(qr, module, &side));
		snprintf(path, sizeof path, "%s/frame-%03zu.png", dir, seq);
		ok = ok && write_png(path, px, side) == 0;
		free(px);
		QRcode_free(qr);
		free(text);
		if (!ok) {
			snprintf(err, errlen, "cannot write %s", path);
			goto out;
		}
	}
	/* The receipt is not printed: only the archive, which read every frame,
	 * may tell it. */
	printf("Wrote %zu %s (QR version %d, %d px a module) of batch %lld, %d %s, %s, to %s.\n", loop,
	       loop == 1 ? "frame" : "frames", version, module, (long long)batch.id, batch.records,
	       batch.records == 1 ? "record" : "records", opts.pubkey ? "encrypted for the archive" : "not encrypted",
	       dir);
	status = 0;
out:
	sync_encoder_free(enc);
	free(records);
	return status;
}
