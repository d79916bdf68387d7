/* receive: batches followed frame by frame, and imported once complete. */
#include "receive.h"

#include <sodium.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

struct receiver {
	archive *arc;
	char user[ARCHIVE_NAME_MAX]; /* who receives ("": the command line) */
	bool keyed;
	unsigned char key[SYNC_SECKEY_BYTES];
	receive_batch *batches[RECEIVE_MAX_BATCHES];
	size_t n;
};

receiver *receiver_new(archive *arc, const unsigned char *seckey)
{
	receiver *r = calloc(1, sizeof *r);
	if (!r)
		return NULL;
	r->arc = arc;
	if (seckey) {
		memcpy(r->key, seckey, SYNC_SECKEY_BYTES);
		r->keyed = true;
	}
	return r;
}

void receiver_set_user(receiver *r, const char *user)
{
	snprintf(r->user, sizeof r->user, "%s", user);
}

static void batch_free(receive_batch *b)
{
	if (!b)
		return;
	sync_decoder_free(b->dec);
	free(b);
}

void receiver_free(receiver *r)
{
	if (!r)
		return;
	for (size_t i = 0; i < r->n; i++)
		batch_free(r->batches[i]);
	sodium_memzero(r->key, sizeof r->key);
	free(r);
}

size_t receiver_count(const receiver *r)
{
	return r->n;
}

receive_batch *receiver_batch(receiver *r, size_t i)
{
	return i < r->n ? r->batches[i] : NULL;
}

size_t receive_missing(const receive_batch *b, uint32_t *seqs, size_t max)
{
	return sync_decoder_missing(b->dec, seqs, max);
}

static void refuse(receive_batch *b, receive_why why, const char *detail)
{
	b->state = RECEIVE_REFUSED;
	b->why = why;
	snprintf(b->detail, sizeof b->detail, "%s", detail);
}

/* Reassembles, opens, parses and imports a complete batch. */
static void finish(receiver *r, receive_batch *b)
{
	unsigned char *payload = NULL;
	size_t len = 0;
	sync_batch *parsed = NULL;
	char why[256] = "";
	int rc = sync_decoder_payload(b->dec, r->keyed ? r->key : NULL, &payload, &len);
	if (rc == SYNC_ERR_KEY) {
		refuse(b, r->keyed ? RECEIVE_WRONG_KEY : RECEIVE_NO_KEY, "");
		goto out;
	}
	if (rc != SYNC_OK) {
		refuse(b, RECEIVE_DAMAGED,
		       rc == SYNC_ERR_CORRUPT ? "it fails its hash or does not inflate"
		       : rc == SYNC_ERR_TOO_BIG ? "it is too large" : "out of memory");
		goto out;
	}
	if (sync_batch_parse((const char *)payload, len, &parsed, why, sizeof why) != SYNC_OK) {
		refuse(b, RECEIVE_BAD_RECORDS, why);
		goto out;
	}
	snprintf(b->kiosk, sizeof b->kiosk, "%s", parsed->kiosk);
	int stored = archive_import(r->arc, r->user[0] ? r->user : NULL, parsed, &b->counts, why,
	                            sizeof why);
	if (stored != ARCHIVE_OK) {
		refuse(b, stored == ARCHIVE_REFUSED ? RECEIVE_NOT_ITS_KIOSKS : RECEIVE_NOT_STORED, why);
		goto out;
	}
	/* Committed: only now may anyone see the receipt. */
	b->state = RECEIVE_IMPORTED;
	b->records = parsed->count;
	snprintf(b->batch, sizeof b->batch, "%s", parsed->batch);
	memcpy(b->receipt, parsed->receipt, sizeof b->receipt);
out:
	sync_batch_free(parsed);
	sodium_memzero(payload, len);
	free(payload);
}

static void note_progress(receive_batch *b)
{
	sync_decoder_progress(b->dec, &b->have, &b->count);
	if (b->sealed < 0 || (!b->kiosk[0] && b->sealed == 0))
		sync_decoder_peek(b->dec, &b->sealed, b->kiosk);
}

sync_frame_status receiver_add(receiver *r, const char *text, int64_t now,
                               receive_batch **batch)
{
	sync_frame_status st = SYNC_FRAME_OTHER_BATCH;
	receive_batch *b = NULL;
	*batch = NULL;
	for (size_t i = 0; i < r->n && st == SYNC_FRAME_OTHER_BATCH; i++) {
		b = r->batches[i];
		st = sync_decoder_add(b->dec, text);
	}
	if (st == SYNC_FRAME_OTHER_BATCH) {
		if (r->n == RECEIVE_MAX_BATCHES)
			return SYNC_FRAME_INCONSISTENT;
		b = calloc(1, sizeof *b);
		if (!b || !(b->dec = sync_decoder_new())) {
			batch_free(b);
			return SYNC_FRAME_INCONSISTENT;
		}
		st = sync_decoder_add(b->dec, text);
		if (st != SYNC_FRAME_ACCEPTED && st != SYNC_FRAME_COMPLETE) {
			batch_free(b);
			return st;
		}
		snprintf(b->tag, sizeof b->tag, "%s", sync_decoder_tag(b->dec));
		b->sealed = -1;
		r->batches[r->n++] = b;
	}
	if (st != SYNC_FRAME_ACCEPTED && st != SYNC_FRAME_COMPLETE && st != SYNC_FRAME_DUPLICATE)
		return st;
	b->touched = now;
	note_progress(b);
	if (st == SYNC_FRAME_COMPLETE)
		finish(r, b);
	*batch = b;
	return st;
}

void receiver_forget_idle(receiver *r, int64_t before)
{
	size_t kept = 0;
	for (size_t i = 0; i < r->n; i++) {
		if (r->batches[i]->touched < before)
			batch_free(r->batches[i]);
		else
			r->batches[kept++] = r->batches[i];
	}
	r->n = kept;
}

void receive_skip_reason(const char *text, sync_frame_status st, char *out, size_t outlen)
{
	if (st == SYNC_FRAME_UNSUPPORTED && text[2] >= '0' && text[2] <= '9')
		snprintf(out, outlen,
		         "a frame of sync protocol version %c, and this cop-sync reads versions up to %d: "
		         "update cop-sync (or the online space) to take it; nothing of it was imported",
		         text[2], SYNC_PROTOCOL);
	else
		snprintf(out, outlen, "%s", sync_frame_status_text(st));
}
