/* frames: the pending sync loop — the batch, its encoder, the QR size for the
 * panel and each frame as pixels — made in one place for the Sync screen and
 * for `cop-kiosk frames` (PNG files); and loading the archive's public key
 * that seals the loop. */
#ifndef FRAMES_H
#define FRAMES_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "core/store.h"
#include "sync.h"

/* The integer setting "Bigger codes" / "Smaller codes" keep: steps from the
 * default module size (qrdraw_size), 0 when unset. */
#define FRAMES_SETTING_CODE_STEP "sync_code_step"

/* The panel the loop is drawn for: its size as laid out (px) and, if known,
 * in mm (0: unknown; see qrdraw_pitch_mm). */
typedef struct {
	int w, h;
	int mm_w, mm_h;
} frames_panel;

/* A loop ready to show. */
typedef struct {
	store_batch batch;
	sync_encoder *enc;
	char receipt[SYNC_RECEIPT_SIZE];
	size_t loop;              /* frames in one turn: the plain, then fountain frames */
	int version, module;      /* QR version, px a module */
	int step;                 /* the code size step it was made with */
	int people;               /* members whose names it carries (not forgotten) */
	bool sealed;              /* encrypted for the archive's key */
} frames_loop;

typedef enum {
	FRAMES_OK,
	FRAMES_STORE,             /* the data file failed: store_errmsg says why */
	FRAMES_NOTHING,           /* every record is synced */
	FRAMES_TOO_SMALL,         /* the screen cannot show a QR code */
	FRAMES_ENCODE             /* the records could not be encoded (a bug) */
} frames_status;

/* Makes the loop of the records not yet acknowledged (store_sync_batch) for
 * panel p, at the code size step kept in the store, sealed when the store
 * holds the archive's key. On FRAMES_OK *l owns an encoder: free it with
 * frames_loop_free. */
frames_status frames_loop_make(store *s, const frames_panel *p, frames_loop *l);

/* Frame seq (1-based) as *side x *side grey pixels (qrdraw_bitmap). Returns
 * malloc'd pixels the caller frees, or NULL (no memory). */
unsigned char *frames_loop_draw(const frames_loop *l, uint32_t seq, int *side);

/* Frees the loop's encoder and empties *l; an empty loop is accepted. */
void frames_loop_free(frames_loop *l);

/* Writes frame-001.png... (one turn of the loop) into dir for panel p.
 * Returns 0, 1 with a reason in err, or 2 when there is nothing to send. */
int frames_write(store *s, const char *dir, const frames_panel *p, char *err, size_t errlen);

/* Reads the archive's public key from path (cop-sync keygen's PREFIX.pub: 64 hex
 * digits) and keeps it in the store, so that the loop is sealed for the archive
 * from now on. Returns 0, or 1 with a one-line reason in err. */
int frames_load_key(store *s, const char *path, char *err, size_t errlen);

#endif
