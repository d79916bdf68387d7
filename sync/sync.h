/* sync: the QR loop protocol (sync/PROTOCOL.md) — one implementation shared by the
 * kiosk (encoder) and cop-sync (decoder). Pure C: zlib, libsodium, libqrencode. */
#ifndef SYNC_H
#define SYNC_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

#include <qrencode.h>

#define SYNC_PROTOCOL 2           /* the digit after "CK" in the frames made */
#define SYNC_PROTOCOL_TEXT "2"    /* the same, as text */
#define SYNC_PROTOCOL_OLDEST 1    /* the oldest frame protocol a decoder still takes */
#define SYNC_PAYLOAD_PROTOCOL 1   /* the batch line's "protocol": the records' format */
#define SYNC_TAG_LEN 6            /* base-36 characters of a batch tag */
#define SYNC_RECEIPT_SIZE 10      /* "XXXX-XXXX" and its NUL: 8 code characters */
#define SYNC_SECRET_BYTES 16      /* the receipt secret carried in the payload */
#define SYNC_PUBKEY_BYTES 32      /* crypto_box public key */
#define SYNC_SECKEY_BYTES 32      /* crypto_box secret key */
#define SYNC_MAX_PARTS 4096       /* parts per batch a decoder accepts */
#define SYNC_MAX_PAYLOAD (64u << 20) /* inflated bytes a decoder accepts */
#define SYNC_ID_MAX 41            /* kiosk and batch ids: 1-40 characters and NUL */
#define SYNC_SIGN_PK_BYTES 32     /* a kiosk's Ed25519 public key */
#define SYNC_SIGN_SK_BYTES 64     /* its secret key (libsodium's form: seed and public key) */
#define SYNC_SIG_BYTES 64         /* an Ed25519 signature */

/* Status codes of the sync_ functions that can fail. */
enum {
	SYNC_OK = 0,
	SYNC_ERR_INVALID,    /* an argument refused: bad id, version, empty payload */
	SYNC_ERR_NOMEM,
	SYNC_ERR_TOO_BIG,    /* more parts or bytes than the limits above */
	SYNC_ERR_CORRUPT,    /* reassembled bytes that fail their hash or do not inflate */
	SYNC_ERR_KEY,        /* sealed and no key, or a key that does not open it */
	SYNC_ERR_INCOMPLETE  /* the decoder still misses parts */
};

/* What sync_decoder_add made of one line of text. */
typedef enum {
	SYNC_FRAME_ACCEPTED,     /* new information for this batch */
	SYNC_FRAME_COMPLETE,     /* this frame completed the batch */
	SYNC_FRAME_DUPLICATE,    /* nothing new (seen already, or the batch is complete) */
	SYNC_FRAME_NOT_FRAME,    /* does not start with "CK": some other QR code */
	SYNC_FRAME_UNSUPPORTED,  /* "CK" and a protocol version this code does not know */
	SYNC_FRAME_MALFORMED,    /* bad header field, bad Base45, wrong length */
	SYNC_FRAME_BAD_CHECKSUM, /* the CRC-32 does not match: a misread or damaged frame */
	SYNC_FRAME_OTHER_BATCH,  /* a valid frame of a different batch tag */
	SYNC_FRAME_INCONSISTENT  /* this tag's count or part size differ from earlier frames */
} sync_frame_status;

/* A short English description of a frame status ("bad checksum"). Static. */
const char *sync_frame_status_text(sync_frame_status st);

/* Characters a QR code of version 1..40 at error correction M holds in
 * alphanumeric mode (ISO/IEC 18004 table 7); 0 for another version. */
int sync_qr_capacity(int version);

/* Bytes of the message one frame carries at this QR version: the largest even
 * part whose frame, with the longest header, fits the capacity; 0 if the version
 * is too small (below 3) or out of range. */
size_t sync_part_size(int version);

/* Raw deflate (no zlib header, windowBits -15) at level 9. On SYNC_OK *out is
 * malloc'd (caller frees) and *outlen set. */
int sync_deflate(const unsigned char *in, size_t len, unsigned char **out, size_t *outlen);

/* Raw inflate of the whole input, refusing more than max output bytes or trailing
 * bytes after the final block. SYNC_OK, SYNC_ERR_CORRUPT, SYNC_ERR_TOO_BIG or
 * SYNC_ERR_NOMEM; on SYNC_OK *out is malloc'd (caller frees). */
int sync_inflate(const unsigned char *in, size_t len, size_t max, unsigned char **out,
                 size_t *outlen);

/* Writes a fresh crypto_box key pair. SYNC_OK or SYNC_ERR_INVALID (no libsodium). */
int sync_keypair(unsigned char pk[SYNC_PUBKEY_BYTES], unsigned char sk[SYNC_SECKEY_BYTES]);

/* Reads a key as cop-sync keygen writes it (PREFIX.pub, PREFIX.key): exactly
 * 2 * SYNC_PUBKEY_BYTES hex digits, then optional line end or spaces; text
 * need not be NUL-terminated. True, with key set, if it is one. */
bool sync_key_from_hex(const char *text, size_t len, unsigned char key[SYNC_PUBKEY_BYTES]);

/* A batch to encode. */
typedef struct {
	const char *kiosk_id;        /* 1-40 characters from [A-Za-z0-9._-] */
	const char *batch_id;        /* 1-40 characters from [A-Za-z0-9._-] */
	int64_t created;             /* Unix time the batch was made */
	int version;                 /* QR version of every frame, 3..40 */
	const unsigned char *pubkey; /* archive's public key, or NULL: not sealed */
	const unsigned char *secret; /* SYNC_SECRET_BYTES, or NULL: fresh random */
	long fountain;               /* fountain frames after the plain ones; -1: half
	                                the part count (none for a one-part batch) */
	const unsigned char *signing_key; /* the kiosk's SYNC_SIGN_SK_BYTES, or NULL: unsigned */
} sync_batch_opts;

/* Writes a fresh Ed25519 key pair for signing batches. SYNC_OK or
 * SYNC_ERR_INVALID (no libsodium). */
int sync_sign_keypair(unsigned char pk[SYNC_SIGN_PK_BYTES], unsigned char sk[SYNC_SIGN_SK_BYTES]);

/* The kiosk id a new kiosk takes from its signing key: 16 hex digits of the
 * key's BLAKE2b hash (out: 17 bytes). */
void sync_kiosk_id_of_key(const unsigned char pk[SYNC_SIGN_PK_BYTES], char out[17]);

typedef struct sync_encoder sync_encoder;

/* Builds a batch from records (JSON Lines, one record object a line, see
 * PROTOCOL.md; the records themselves are not re-checked here): prepends the
 * batch line, deflates, seals if a key is given and splits into parts. On
 * SYNC_OK *out owns the encoder (free with sync_encoder_free) and receipt holds
 * the code cop-sync will print, as "XXXX-XXXX". */
int sync_encoder_new(const sync_batch_opts *opts, const char *records, size_t len,
                     sync_encoder **out, char receipt[SYNC_RECEIPT_SIZE]);

/* The batch's plain part count (frames 1..count are the plain parts). */
size_t sync_encoder_parts(const sync_encoder *enc);

/* Bytes of the message (envelope) split into parts, before padding. */
size_t sync_encoder_message_len(const sync_encoder *enc);

/* The text of frame seq (1-based; seq > parts gives fountain frames, any number of
 * them). Returns a malloc'd string the caller frees, or NULL (seq 0, no memory). */
char *sync_encoder_frame(const sync_encoder *enc, uint32_t seq);

/* The frame a loop shows after frame seq of a batch of count parts: every
 * number once, 1, 2, 3, ... (so no mix is ever shown twice), and after the
 * largest seq the fountain frames again from count + 1. */
uint32_t sync_next_seq(size_t count, uint32_t seq);

/* The parts (0-based, ascending) frame seq of a batch of count parts carries
 * in this frame protocol (1 or 2) with this tag (SYNC_TAG_LEN characters):
 * PROTOCOL.md's "Fountain frames". parts has room for count entries; returns
 * how many it holds, 0 for a bad argument or no memory. */
size_t sync_frame_parts(int protocol, const char *tag, uint32_t seq, size_t count,
                        size_t *parts);

/* Frees the encoder; NULL is accepted. */
void sync_encoder_free(sync_encoder *enc);

/* Encodes a batch into all its frames: the plain ones then opts->fountain fountain
 * frames. On SYNC_OK *frames is a malloc'd array of *count malloc'd strings (free
 * with sync_frames_free) and receipt is set. */
int sync_encode(const sync_batch_opts *opts, const char *records, size_t len,
                char ***frames, size_t *count, char receipt[SYNC_RECEIPT_SIZE]);

/* QR version of a batch written as a file: the largest parts, the fewest lines. */
#define SYNC_FILE_VERSION 40

/* Writes the batch's frames as text, one a line ending in "\n": the plain ones
 * then as many fountain frames as sync_encode makes by default (what
 * `cop-sync import FILE` takes). SYNC_OK, SYNC_ERR_NOMEM, or SYNC_ERR_INVALID
 * when out fails (errno set). */
int sync_encoder_write(const sync_encoder *enc, FILE *out);

/* Frees an array of frames from sync_encode; NULL is accepted. */
void sync_frames_free(char **frames, size_t count);

/* Renders frame text as a QR code of exactly this version, error correction M, one
 * alphanumeric segment. On SYNC_OK *out is owned by the caller (QRcode_free);
 * SYNC_ERR_INVALID if the text is not alphanumeric or does not fit the version. */
int sync_frame_qr(const char *text, int version, QRcode **out);

typedef struct sync_decoder sync_decoder;

/* A decoder of one batch: it takes the tag of the first valid frame it is given.
 * Returns NULL when out of memory. Free with sync_decoder_free. */
sync_decoder *sync_decoder_new(void);

/* Frees the decoder; NULL is accepted. */
void sync_decoder_free(sync_decoder *dec);

/* Offers one frame's text (a NUL-terminated line without its newline; a trailing
 * CR is tolerated). Never fails on any input: the status says what it was. */
sync_frame_status sync_decoder_add(sync_decoder *dec, const char *frame_text);

/* The batch tag, or "" before the first accepted frame. */
const char *sync_decoder_tag(const sync_decoder *dec);

/* What the decoder knows, counted in parts (the rank of the frames received:
 * each independent frame counts one, plain or mixed; the batch is complete at
 * count) and the part count (0 before the first frame). */
void sync_decoder_progress(const sync_decoder *dec, size_t *have, size_t *count);

/* True once every part is known. */
bool sync_decoder_complete(const sync_decoder *dec);

/* Writes up to max of the missing plain frames' numbers (1-based, ascending) into
 * seqs (may be NULL when max is 0) and returns how many are missing in all. */
size_t sync_decoder_missing(const sync_decoder *dec, uint32_t *seqs, size_t max);

/* What the parts known so far tell before the batch is complete: *sealed is
 * 1 or 0 once the first part is known (-1 before), and kiosk holds the
 * kiosk's id once the start of an unsealed batch's batch line is known ("" until
 * then, and always for a sealed batch: only the archive's key opens it). */
void sync_decoder_peek(const sync_decoder *dec, int *sealed, char kiosk[SYNC_ID_MAX]);

/* The reassembled batch's payload (the JSON Lines text, batch line first), once
 * complete: checks the hash, opens the seal with seckey (NULL if none), inflates.
 * On SYNC_OK *out is malloc'd and NUL-terminated (caller frees), *len excludes
 * the NUL. SYNC_ERR_INCOMPLETE, SYNC_ERR_CORRUPT, SYNC_ERR_KEY, ... otherwise. */
int sync_decoder_payload(const sync_decoder *dec, const unsigned char *seckey,
                         unsigned char **out, size_t *len);

/* One record of a batch, as parsed by sync_batch_parse. */
typedef struct {
	char type[33];       /* "event", "member", ...: [a-z_]{1,32} */
	char gid[96];        /* "kioskid-seq" */
	int64_t changed;     /* the record's changed_seq */
	char *json;          /* the record re-serialised canonically (one line) */
} sync_record;

/* A parsed payload. */
typedef struct {
	char kiosk[SYNC_ID_MAX];
	char batch[SYNC_ID_MAX];
	int64_t created;
	char receipt[SYNC_RECEIPT_SIZE];  /* derived from the payload's secret */
	bool is_signed;                   /* the batch line carries a signature, and it holds */
	unsigned char signer[SYNC_SIGN_PK_BYTES]; /* the key that signed it, when is_signed */
	size_t count;
	sync_record *records;
} sync_batch;

/* Parses a payload (JSON Lines: the batch line, then one record a line). Strict:
 * flat objects only, the batch line's "records" must equal the lines that follow;
 * a signed batch line's signature must hold (PROTOCOL.md, "Signature").
 * On SYNC_OK *out is owned by the caller (sync_batch_free); otherwise a one-line
 * reason naming the line is written to err. */
int sync_batch_parse(const char *payload, size_t len, sync_batch **out, char *err,
                     size_t errlen);

/* Frees a parsed batch; NULL is accepted. */
void sync_batch_free(sync_batch *b);

/* Writes a printf-style message into err (if err and errlen): the one way
 * the sync library and the archive say what went wrong. */
void sync_say(char *err, size_t errlen, const char *fmt, ...) __attribute__((format(printf, 3, 4)));

/* What a batch's signature covers, into a malloc'd buffer (*len bytes; caller
 * frees; NULL when out of memory): the batch line's fields and every byte of
 * the payload after the batch line. */
unsigned char *sync_signed_message(const char *kiosk, const char *batch, long long created,
                                   const char *secret_hex, const char *rest, size_t rest_len,
                                   size_t *len);

/* The receipt code of a batch from its secret, kiosk id and batch id. */
void sync_receipt(const unsigned char secret[SYNC_SECRET_BYTES], const char *kiosk_id,
                  const char *batch_id, char receipt[SYNC_RECEIPT_SIZE]);

/* Normalises a typed receipt code to "XXXX-XXXX": ignores spaces and dashes and
 * case, reads O as 0 and I, L as 1. Returns false if it is not 8 code characters. */
bool sync_receipt_normalise(const char *typed, char out[SYNC_RECEIPT_SIZE]);

#endif
