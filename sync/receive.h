/* receive: follows the batches whose frames arrive in any order and mixed
 * together (from zbarimg, a webcam or a phone), and imports each one into the
 * archive once it is complete — the one receiver behind `cop-sync import` and
 * `cop-sync serve`. */
#ifndef RECEIVE_H
#define RECEIVE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "archive.h"
#include "sync.h"

#define RECEIVE_MAX_BATCHES 64 /* batches one receiver follows at once */

typedef enum {
	RECEIVE_RECEIVING, /* parts still missing */
	RECEIVE_IMPORTED,  /* complete and stored: receipt is set */
	RECEIVE_REFUSED    /* complete but not imported: why and detail say why */
} receive_state;

/* Why a complete batch was refused. */
typedef enum {
	RECEIVE_NO_KEY = 1, /* sealed, and this receiver has no key */
	RECEIVE_WRONG_KEY,  /* sealed for another archive's key */
	RECEIVE_DAMAGED,    /* fails its hash, does not inflate, too large, out of memory */
	RECEIVE_BAD_RECORDS,/* the payload breaks PROTOCOL.md's rules (detail says where) */
	RECEIVE_NOT_STORED, /* the archive could not store it (detail says why) */
	RECEIVE_NOT_ITS_KIOSKS /* not its kiosk's, or the kiosk was refused (detail says which) */
} receive_why;

/* One batch being followed; owned by its receiver. */
typedef struct {
	char tag[SYNC_TAG_LEN + 1];
	receive_state state;
	receive_why why;         /* when RECEIVE_REFUSED */
	char detail[256];        /* when RECEIVE_REFUSED: one line */
	size_t have, count;      /* parts known, parts in all */
	int sealed;              /* 1, 0, or -1 until the first part is known */
	char kiosk[SYNC_ID_MAX]; /* the kiosk's id, "" until known */
	char batch[SYNC_ID_MAX]; /* the kiosk's batch id, once imported */
	size_t records;          /* once imported */
	archive_counts counts;   /* once imported */
	char receipt[SYNC_RECEIPT_SIZE]; /* once imported */
	int64_t touched;         /* the caller's clock at its last frame */
	sync_decoder *dec;
} receive_batch;

typedef struct receiver receiver;

/* A receiver that imports into arc (kept, not owned) with seckey (NULL: none;
 * copied). NULL when out of memory. */
receiver *receiver_new(archive *arc, const unsigned char *seckey);

/* The online space's user the batches are received for: each is imported
 * only if its events are of communities that user keeps (archive_import). */
void receiver_set_user(receiver *r, const char *user);

/* Frees the receiver and its batches; NULL is accepted. */
void receiver_free(receiver *r);

/* Offers one frame text (a line without its newline). Returns what the frame was
 * and sets *batch to the batch it belongs to, or NULL when it belongs to none
 * (not ours, malformed, or too many batches at once: SYNC_FRAME_INCONSISTENT).
 * The frame that completes a batch also imports it, in one transaction:
 * (*batch)->state then says how that went. now is stored in touched. */
sync_frame_status receiver_add(receiver *r, const char *text, int64_t now,
                               receive_batch **batch);

/* The batches followed, in the order they began. */
size_t receiver_count(const receiver *r);
receive_batch *receiver_batch(receiver *r, size_t i);

/* Forgets batches not touched since before (their parts are gone; a later frame
 * starts them anew). */
void receiver_forget_idle(receiver *r, int64_t before);

/* Why a frame that belongs to no batch was skipped, in one line into out:
 * the status's text, or for a newer protocol which version it is and what
 * to update. */
void receive_skip_reason(const char *text, sync_frame_status st, char *out, size_t outlen);

/* Up to max of a batch's missing plain frame numbers into seqs; returns how many
 * are missing in all. */
size_t receive_missing(const receive_batch *b, uint32_t *seqs, size_t max);

#endif
