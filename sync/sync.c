/* sync: frames, parts, fountain mixing, sealing and the decoder of PROTOCOL.md. */
#include "sync.h"

#include "base45.h"

#include <assert.h>
#include <limits.h>
#include <sodium.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <zlib.h>

#define ENVELOPE_VERSION 1
#define ENVELOPE_HEAD 22          /* version, flags, length (4), hash (16) */
#define HASH_BYTES 16             /* BLAKE2b-128 of the data */
#define FLAG_SEALED 0x01
#define HEADER_MAX 36             /* "CK2/" crc7 "/" tag6 "/" seq10 "/" count5 "/" */
#define MAX_PART_BYTES 2300       /* above any version's part size */

static const char base36[] = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ";

/* ISO/IEC 18004 table 7: alphanumeric characters at error correction M. */
static const int capacity_m[41] = {
	0,    20,   38,   61,   90,   122,  154,  178,  221,  262,  311,
	366,  419,  483,  528,  600,  656,  734,  816,  909,  970,  1035,
	1134, 1248, 1326, 1451, 1542, 1637, 1732, 1839, 1994, 2113, 2238,
	2369, 2506, 2632, 2780, 2894, 3054, 3220, 3391,
};

const char *sync_frame_status_text(sync_frame_status st)
{
	switch (st) {
	case SYNC_FRAME_ACCEPTED: return "accepted";
	case SYNC_FRAME_COMPLETE: return "batch complete";
	case SYNC_FRAME_DUPLICATE: return "nothing new";
	case SYNC_FRAME_NOT_FRAME: return "not a CoP Kiosk frame";
	case SYNC_FRAME_UNSUPPORTED: return "a protocol version this cop-sync does not know";
	case SYNC_FRAME_MALFORMED: return "malformed frame";
	case SYNC_FRAME_BAD_CHECKSUM: return "bad checksum (misread or damaged)";
	case SYNC_FRAME_OTHER_BATCH: return "frame of another batch";
	case SYNC_FRAME_INCONSISTENT: return "part count or size differ from earlier frames";
	}
	return "unknown";
}

int sync_qr_capacity(int version)
{
	return version >= 1 && version <= 40 ? capacity_m[version] : 0;
}

size_t sync_part_size(int version)
{
	int cap = sync_qr_capacity(version);
	if (version < 3 || cap <= HEADER_MAX)
		return 0;
	return (size_t)(cap - HEADER_MAX) / 3 * 2;
}

/* ---- deflate, inflate, keys ---------------------------------------------- */

int sync_deflate(const unsigned char *in, size_t len, unsigned char **out, size_t *outlen)
{
	z_stream z;
	memset(&z, 0, sizeof z);
	*out = NULL;
	if (len > UINT_MAX)
		return SYNC_ERR_TOO_BIG;
	if (deflateInit2(&z, 9, Z_DEFLATED, -15, 9, Z_DEFAULT_STRATEGY) != Z_OK)
		return SYNC_ERR_NOMEM;
	uLong bound = deflateBound(&z, (uLong)len);
	unsigned char *buf = malloc(bound ? bound : 1);
	if (!buf) {
		deflateEnd(&z);
		return SYNC_ERR_NOMEM;
	}
	z.next_in = (Bytef *)(uintptr_t)in;
	z.avail_in = (uInt)len;
	z.next_out = buf;
	z.avail_out = (uInt)bound;
	int zr = deflate(&z, Z_FINISH);
	deflateEnd(&z);
	if (zr != Z_STREAM_END) {
		free(buf);
		return SYNC_ERR_NOMEM;
	}
	*out = buf;
	*outlen = z.total_out;
	return SYNC_OK;
}

int sync_inflate(const unsigned char *in, size_t len, size_t max, unsigned char **out,
                 size_t *outlen)
{
	int rc = SYNC_OK;
	z_stream z;
	memset(&z, 0, sizeof z);
	*out = NULL;
	if (len > UINT_MAX)
		return SYNC_ERR_TOO_BIG;
	if (inflateInit2(&z, -15) != Z_OK)
		return SYNC_ERR_NOMEM;
	size_t cap = len * 4 + 256, used = 0;
	if (cap > max + 1)
		cap = max + 1;
	unsigned char *buf = malloc(cap);
	if (!buf) {
		rc = SYNC_ERR_NOMEM;
		goto out;
	}
	z.next_in = (Bytef *)(uintptr_t)in;
	z.avail_in = (uInt)len;
	for (;;) {
		if (used == cap) {
			if (cap > max) {
				rc = SYNC_ERR_TOO_BIG;
				goto out;
			}
			size_t ncap = cap * 2 > max + 1 ? max + 1 : cap * 2;
			unsigned char *nb = realloc(buf, ncap);
			if (!nb) {
				rc = SYNC_ERR_NOMEM;
				goto out;
			}
			buf = nb;
			cap = ncap;
		}
		size_t room = cap - used;
		z.next_out = buf + used;
		z.avail_out = room > UINT_MAX ? UINT_MAX : (uInt)room;
		uInt before = z.avail_out;
		int zr = inflate(&z, Z_NO_FLUSH);
		used += before - z.avail_out;
		if (zr == Z_STREAM_END)
			break;
		if (zr == Z_MEM_ERROR) {
			rc = SYNC_ERR_NOMEM;
			goto out;
		}
		if (zr != Z_OK || (z.avail_in == 0 && z.avail_out != 0)) {
			rc = SYNC_ERR_CORRUPT; /* bad data, or the stream ends before its last block */
			goto out;
		}
	}
	if (z.avail_in != 0 || used > max) {
		rc = used > max ? SYNC_ERR_TOO_BIG : SYNC_ERR_CORRUPT;
		goto out;
	}
	*out = buf;
	*outlen = used;
	buf = NULL;
out:
	free(buf);
	inflateEnd(&z);
	return rc;
}

int sync_sign_keypair(unsigned char pk[SYNC_SIGN_PK_BYTES], unsigned char sk[SYNC_SIGN_SK_BYTES])
{
	if (sodium_init() < 0)
		return SYNC_ERR_INVALID;
	crypto_sign_keypair(pk, sk);
	return SYNC_OK;
}

void sync_kiosk_id_of_key(const unsigned char pk[SYNC_SIGN_PK_BYTES], char out[17])
{
	unsigned char h[8];
	crypto_generichash(h, sizeof h, pk, SYNC_SIGN_PK_BYTES, NULL, 0);
	sodium_bin2hex(out, 17, h, sizeof h);
}

int sync_keypair(unsigned char pk[SYNC_PUBKEY_BYTES], unsigned char sk[SYNC_SECKEY_BYTES])
{
	if (sodium_init() < 0 || crypto_box_keypair(pk, sk) != 0)
		return SYNC_ERR_INVALID;
	return SYNC_OK;
}

bool sync_key_from_hex(const char *text, size_t len, unsigned char key[SYNC_PUBKEY_BYTES])
{
	size_t bin = 0;

	/* keygen ends the line with "\n"; an editor may add "\r" or spaces. */
	while (len && (text[len - 1] == '\n' || text[len - 1] == '\r' || text[len - 1] == ' ' ||
	               text[len - 1] == '\t'))
		len--;
	return len == 2 * SYNC_PUBKEY_BYTES &&
	       sodium_hex2bin(key, SYNC_PUBKEY_BYTES, text, len, NULL, &bin, NULL) == 0 &&
	       bin == SYNC_PUBKEY_BYTES;
}

/* ---- the fountain: which parts a frame mixes ---------------------------- */

typedef struct {
	uint64_t s[4];
} xoshiro;

static uint64_t rotl(uint64_t x, int k)
{
	return (x << k) | (x >> (64 - k));
}

static uint64_t xoshiro_next(xoshiro *r)
{
	uint64_t result = rotl(r->s[1] * 5, 7) * 9, t = r->s[1] << 17;
	r->s[2] ^= r->s[0];
	r->s[3] ^= r->s[1];
	r->s[1] ^= r->s[2];
	r->s[0] ^= r->s[3];
	r->s[2] ^= t;
	r->s[3] = rotl(r->s[3], 45);
	return result;
}

/* A double in [0, 1) from the top 53 bits: exact in every language. */
static double xoshiro_double(xoshiro *r)
{
	return (double)(xoshiro_next(r) >> 11) * (1.0 / 9007199254740992.0);
}

/* Xoshiro256** seeded with SHA-256(seq as 4 bytes big-endian || tag). */
static void seed_rng(xoshiro *r, const char *tag, uint32_t seq)
{
	unsigned char in[4 + SYNC_TAG_LEN], seed[crypto_hash_sha256_BYTES];
	in[0] = (unsigned char)(seq >> 24);
	in[1] = (unsigned char)(seq >> 16);
	in[2] = (unsigned char)(seq >> 8);
	in[3] = (unsigned char)seq;
	memcpy(in + 4, tag, SYNC_TAG_LEN);
	crypto_hash_sha256(seed, in, sizeof in);
	for (int i = 0; i < 4; i++) {
		r->s[i] = 0;
		for (int b = 0; b < 8; b++)
			r->s[i] = r->s[i] << 8 | seed[i * 8 + b];
	}
}

/* Protocol 1's choice (kiosks not yet updated): a degree from the ideal soliton
 * distribution, then that many parts by a partial shuffle. scratch: count entries. */
static void choose_parts_v1(xoshiro *r, size_t count, uint64_t *bits, size_t *scratch)
{
	double total = 0, acc = 0;
	for (size_t i = 1; i <= count; i++)
		total += 1.0 / (double)i;
	double pick = xoshiro_double(r) * total;
	size_t degree = 1;
	for (; degree < count; degree++) {
		acc += 1.0 / (double)degree;
		if (pick < acc)
			break;
	}
	for (size_t i = 0; i < count; i++)
		scratch[i] = i;
	for (size_t k = 0; k < degree; k++) {
		size_t left = count - k, at = (size_t)(xoshiro_double(r) * (double)left);
		if (at >= left)
			at = left - 1;
		size_t idx = scratch[at];
		memmove(scratch + at, scratch + at + 1, (left - at - 1) * sizeof *scratch);
		bits[idx / 64] |= 1ull << (idx % 64);
	}
}

/* Protocol 2's choice: each part with probability 1/2, from the bits of
 * successive outputs (part i is bit i % 64, least significant first, of output
 * i / 64). Such mixes are independent of what a receiver already holds, so
 * nearly every one received is new information until the batch is complete. */
static void choose_parts_v2(xoshiro *r, uint32_t seq, size_t count, uint64_t *bits)
{
	size_t words = (count + 63) / 64;
	bool any = false;
	for (size_t w = 0; w < words; w++) {
		bits[w] = xoshiro_next(r);
		if (w == words - 1 && count % 64)
			bits[w] &= (1ull << (count % 64)) - 1;
		any |= bits[w] != 0;
	}
	if (!any) {
		size_t idx = (seq - 1) % count;
		bits[idx / 64] |= 1ull << (idx % 64);
	}
}

/* Sets in bits (count bits, cleared by the caller) the parts frame seq of this
 * protocol carries: part seq-1 for a plain frame, else a mix drawn from
 * Xoshiro256** seeded by the frame. scratch: count entries. */
static void choose_parts(int protocol, const char *tag, uint32_t seq, size_t count,
                         uint64_t *bits, size_t *scratch)
{
	if (seq <= count) {
		bits[(seq - 1) / 64] |= 1ull << ((seq - 1) % 64);
		return;
	}
	xoshiro r;
	seed_rng(&r, tag, seq);
	if (protocol == 1)
		choose_parts_v1(&r, count, bits, scratch);
	else
		choose_parts_v2(&r, seq, count, bits);
}

size_t sync_frame_parts(int protocol, const char *tag, uint32_t seq, size_t count,
                        size_t *parts)
{
	if (protocol < SYNC_PROTOCOL_OLDEST || protocol > SYNC_PROTOCOL || !tag ||
	    strlen(tag) != SYNC_TAG_LEN || seq == 0 || count == 0 || count > SYNC_MAX_PARTS)
		return 0;
	size_t n = 0;
	uint64_t *bits = calloc((count + 63) / 64, sizeof *bits);
	size_t *scratch = malloc(count * sizeof *scratch);
	if (bits && scratch) {
		choose_parts(protocol, tag, seq, count, bits, scratch);
		for (size_t i = 0; i < count; i++)
			if (bits[i / 64] >> (i % 64) & 1)
				parts[n++] = i;
	}
	free(bits);
	free(scratch);
	return n;
}

uint32_t sync_next_seq(size_t count, uint32_t seq)
{
	return seq == UINT32_MAX ? (uint32_t)count + 1 : seq + 1;
}

/* ---- frames ---------------------------------------------------------------- */

static void tag_of_hash(const unsigned char *hash, char tag[SYNC_TAG_LEN + 1])
{
	uint32_t v = ((uint32_t)hash[0] << 24 | (uint32_t)hash[1] << 16 |
	              (uint32_t)hash[2] << 8 | hash[3]) >> 2;
	for (int i = SYNC_TAG_LEN - 1; i >= 0; i--) {
		tag[i] = base36[v % 36];
		v /= 36;
	}
	tag[SYNC_TAG_LEN] = '\0';
}

/* Builds "CK2/crc/tag/seq/count/body" around plen bytes of data. */
static char *frame_text(const char *tag, uint32_t seq, size_t count,
                        const unsigned char *data, size_t plen)
{
	char head[48];
	int hn = snprintf(head, sizeof head, "%s/%lu/%zu/", tag, (unsigned long)seq, count);
	size_t blen = base45_encoded_len(plen), rest = (size_t)hn + blen;
	char *text = malloc(4 + 8 + rest + 1);
	if (!text)
		return NULL;
	memcpy(text, "CK" SYNC_PROTOCOL_TEXT "/", 4);
	memcpy(text + 12, head, (size_t)hn);
	base45_encode(data, plen, text + 12 + hn);
	uint32_t crc = (uint32_t)crc32(0L, (const Bytef *)text + 12, (uInt)rest);
	for (int i = 6; i >= 0; i--) {
		text[4 + i] = base36[crc % 36];
		crc /= 36;
	}
	text[11] = '/';
	return text;
}

/* ---- encoder ------------------------------------------------------------- */

struct sync_encoder {
	char tag[SYNC_TAG_LEN + 1];
	size_t count, plen, msglen;
	unsigned char *msg; /* count * plen bytes, zero padded */
};

static bool id_ok(const char *id)
{
	size_t n = id ? strlen(id) : 0;
	if (n == 0 || n >= SYNC_ID_MAX)
		return false;
	for (size_t i = 0; i < n; i++) {
		char c = id[i];
		if (!((c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') ||
		      c == '.' || c == '_' || c == '-'))
			return false;
	}
	return true;
}

int sync_encoder_new(const sync_batch_opts *o, const char *records, size_t len,
                     sync_encoder **out, char receipt[SYNC_RECEIPT_SIZE])
{
	int rc = SYNC_OK;
	char *payload = NULL;
	unsigned char *packed = NULL, *sealed = NULL;
	sync_encoder *enc = NULL;
	sync_batch *check = NULL;
	*out = NULL;
	if (!o || !id_ok(o->kiosk_id) || !id_ok(o->batch_id) || sync_part_size(o->version) == 0 ||
	    (!records && len))
		return SYNC_ERR_INVALID;
	if (sodium_init() < 0)
		return SYNC_ERR_INVALID;

	unsigned char secret[SYNC_SECRET_BYTES];
	char hex[SYNC_SECRET_BYTES * 2 + 1];
	if (o->secret)
		memcpy(secret, o->secret, sizeof secret);
	else
		randombytes_buf(secret, sizeof secret);
	sodium_bin2hex(hex, sizeof hex, secret, sizeof secret);

	size_t lines = 0;
	for (size_t i = 0; i < len; i++)
		lines += records[i] == '\n';
	bool open_line = len > 0 && records[len - 1] != '\n';
	lines += open_line;

	/* The records as they will follow the batch line, ending in a newline. */
	char *rest = malloc(len + open_line + 1);
	if (!rest) {
		rc = SYNC_ERR_NOMEM;
		goto out;
	}
	if (len)
		memcpy(rest, records, len);
	if (open_line)
		rest[len] = '\n';
	size_t rest_len = len + open_line;

	char sign[2 * (SYNC_SIGN_PK_BYTES + SYNC_SIG_BYTES) + 64] = "";
	if (o->signing_key) {
		unsigned char sig[SYNC_SIG_BYTES];
		char pkhex[2 * SYNC_SIGN_PK_BYTES + 1], sighex[2 * SYNC_SIG_BYTES + 1];
		size_t mlen = 0;
		unsigned char *m = sync_signed_message(o->kiosk_id, o->batch_id, (long long)o->created,
		                                       hex, rest, rest_len, &mlen);
		if (!m) {
			free(rest);
			rc = SYNC_ERR_NOMEM;
			goto out;
		}
		crypto_sign_detached(sig, NULL, m, mlen, o->signing_key);
		free(m);
		/* libsodium's secret key ends with the public key. */
		sodium_bin2hex(pkhex, sizeof pkhex, o->signing_key + 32, SYNC_SIGN_PK_BYTES);
		sodium_bin2hex(sighex, sizeof sighex, sig, sizeof sig);
		snprintf(sign, sizeof sign, ",\"signer\":\"%s\",\"signature\":\"%s\"", pkhex, sighex);
	}
	char head[512];
	int hn = snprintf(head, sizeof head,
	                  "{\"type\":\"batch\",\"protocol\":%d,\"kiosk\":\"%s\",\"batch\":\"%s\","
	                  "\"created\":%lld,\"records\":%zu,\"secret\":\"%s\"%s}\n",
	                  SYNC_PAYLOAD_PROTOCOL, o->kiosk_id, o->batch_id, (long long)o->created,
	                  lines, hex, sign);
	assert(hn > 0 && (size_t)hn < sizeof head);
	size_t plen_total = (size_t)hn + rest_len;
	payload = malloc(plen_total + 1);
	if (!payload) {
		free(rest);
		rc = SYNC_ERR_NOMEM;
		goto out;
	}
	memcpy(payload, head, (size_t)hn);
	memcpy(payload + hn, rest, rest_len);
	payload[plen_total] = '\0';
	free(rest);

	/* Refuse here what the receiver would refuse, rather than show a loop no one can import. */
	char why[160];
	rc = sync_batch_parse(payload, plen_total, &check, why, sizeof why);
	if (rc != SYNC_OK)
		goto out;

	size_t packed_len, data_len;
	rc = sync_deflate((const unsigned char *)payload, plen_total, &packed, &packed_len);
	if (rc != SYNC_OK)
		goto out;
	const unsigned char *data = packed;
	data_len = packed_len;
	if (o->pubkey) {
		sealed = malloc(packed_len + crypto_box_SEALBYTES);
		if (!sealed) {
			rc = SYNC_ERR_NOMEM;
			goto out;
		}
		if (crypto_box_seal(sealed, packed, packed_len, o->pubkey) != 0) {
			rc = SYNC_ERR_KEY;
			goto out;
		}
		data = sealed;
		data_len = packed_len + crypto_box_SEALBYTES;
	}

	enc = calloc(1, sizeof *enc);
	if (!enc) {
		rc = SYNC_ERR_NOMEM;
		goto out;
	}
	enc->msglen = ENVELOPE_HEAD + data_len;
	size_t part = sync_part_size(o->version);
	enc->plen = enc->msglen <= part ? enc->msglen : part;
	enc->count = (enc->msglen + enc->plen - 1) / enc->plen;
	if (enc->count > SYNC_MAX_PARTS || data_len > UINT32_MAX) {
		rc = SYNC_ERR_TOO_BIG;
		goto out;
	}
	enc->msg = calloc(enc->count, enc->plen);
	if (!enc->msg) {
		rc = SYNC_ERR_NOMEM;
		goto out;
	}
	unsigned char *m = enc->msg;
	m[0] = ENVELOPE_VERSION;
	m[1] = o->pubkey ? FLAG_SEALED : 0;
	m[2] = (unsigned char)(data_len >> 24);
	m[3] = (unsigned char)(data_len >> 16);
	m[4] = (unsigned char)(data_len >> 8);
	m[5] = (unsigned char)data_len;
	crypto_generichash(m + 6, HASH_BYTES, data, data_len, NULL, 0);
	memcpy(m + ENVELOPE_HEAD, data, data_len);
	tag_of_hash(m + 6, enc->tag);
	sync_receipt(secret, o->kiosk_id, o->batch_id, receipt);
	*out = enc;
	enc = NULL;
out:
	sodium_memzero(secret, sizeof secret);
	sync_batch_free(check);
	sync_encoder_free(enc);
	free(payload);
	free(packed);
	free(sealed);
	return rc;
}

size_t sync_encoder_parts(const sync_encoder *enc)
{
	return enc->count;
}

size_t sync_encoder_message_len(const sync_encoder *enc)
{
	return enc->msglen;
}

char *sync_encoder_frame(const sync_encoder *enc, uint32_t seq)
{
	if (seq == 0)
		return NULL;
	if (seq <= enc->count)
		return frame_text(enc->tag, seq, enc->count, enc->msg + (seq - 1) * enc->plen,
		                  enc->plen);
	size_t words = (enc->count + 63) / 64;
	char *text = NULL;
	uint64_t *bits = calloc(words, sizeof *bits);
	size_t *scratch = malloc(enc->count * sizeof *scratch);
	unsigned char *mix = calloc(1, enc->plen);
	if (bits && scratch && mix) {
		choose_parts(SYNC_PROTOCOL, enc->tag, seq, enc->count, bits, scratch);
		for (size_t i = 0; i < enc->count; i++)
			if (bits[i / 64] >> (i % 64) & 1)
				for (size_t b = 0; b < enc->plen; b++)
					mix[b] ^= enc->msg[i * enc->plen + b];
		text = frame_text(enc->tag, seq, enc->count, mix, enc->plen);
	}
	free(bits);
	free(scratch);
	free(mix);
	return text;
}

void sync_encoder_free(sync_encoder *enc)
{
	if (!enc)
		return;
	free(enc->msg);
	free(enc);
}

void sync_frames_free(char **frames, size_t count)
{
	if (!frames)
		return;
	for (size_t i = 0; i < count; i++)
		free(frames[i]);
	free(frames);
}

/* Fountain frames after the plain ones by default: half the part count. */
static size_t default_fountain(size_t parts)
{
	return parts > 1 ? (parts + 1) / 2 : 0;
}

int sync_encoder_write(const sync_encoder *enc, FILE *out)
{
	size_t n = enc->count + default_fountain(enc->count);
	for (size_t i = 0; i < n; i++) {
		char *text = sync_encoder_frame(enc, (uint32_t)(i + 1));
		if (!text)
			return SYNC_ERR_NOMEM;
		int w = fprintf(out, "%s\n", text);
		free(text);
		if (w < 0)
			return SYNC_ERR_INVALID;
	}
	return SYNC_OK;
}

int sync_encode(const sync_batch_opts *opts, const char *records, size_t len,
                char ***frames, size_t *count, char receipt[SYNC_RECEIPT_SIZE])
{
	sync_encoder *enc = NULL;
	*frames = NULL;
	*count = 0;
	int rc = sync_encoder_new(opts, records, len, &enc, receipt);
	if (rc != SYNC_OK)
		return rc;
	size_t parts = enc->count;
	size_t extra = opts->fountain >= 0 ? (size_t)opts->fountain : default_fountain(parts);
	size_t n = parts + extra;
	char **list = calloc(n, sizeof *list);
	if (!list) {
		rc = SYNC_ERR_NOMEM;
		goto out;
	}
	for (size_t i = 0; i < n; i++) {
		list[i] = sync_encoder_frame(enc, (uint32_t)(i + 1));
		if (!list[i]) {
			sync_frames_free(list, i);
			list = NULL;
			rc = SYNC_ERR_NOMEM;
			goto out;
		}
	}
	*frames = list;
	*count = n;
out:
	sync_encoder_free(enc);
	return rc;
}

int sync_frame_qr(const char *text, int version, QRcode **out)
{
	*out = NULL;
	if (!text || version < 1 || version > 40)
		return SYNC_ERR_INVALID;
	size_t n = strlen(text);
	if (n == 0 || n > (size_t)sync_qr_capacity(version))
		return SYNC_ERR_INVALID;
	QRinput *in = QRinput_new2(version, QR_ECLEVEL_M);
	if (!in)
		return SYNC_ERR_NOMEM;
	/* One alphanumeric segment: QRcode_encodeString would split off numeric runs. */
	if (QRinput_append(in, QR_MODE_AN, (int)n, (const unsigned char *)text) != 0) {
		QRinput_free(in);
		return SYNC_ERR_INVALID;
	}
	QRcode *code = QRcode_encodeInput(in);
	QRinput_free(in);
	if (!code)
		return SYNC_ERR_INVALID;
	if (code->version != version) {
		QRcode_free(code);
		return SYNC_ERR_INVALID;
	}
	*out = code;
	return SYNC_OK;
}

/* ---- decoder --------------------------------------------------------------- */

/* The decoder keeps the frames it has as rows of a matrix over GF(2) in reduced
 * row echelon form (Gauss-Jordan, built one frame at a time): row p, when
 * held, has its leading part p and no part that leads another row, and its data
 * is the XOR of its parts. A frame is reduced by the rows that lead its parts;
 * what is left, if anything, is new information and becomes a row, cleared from
 * the others. At full rank every row is one part alone: the message. Memory:
 * count rows of bits and data, whatever the number of frames. */
struct sync_decoder {
	char tag[SYNC_TAG_LEN + 1];
	int protocol;          /* of the batch's frames: 1 or 2 */
	size_t count, plen, words, rank;
	unsigned char *parts;  /* count * plen: row p's data at p * plen */
	uint64_t *rows;        /* count * words: row p's parts */
	unsigned char *held;   /* count flags: row p exists */
	unsigned char *known;  /* count flags: row p is part p alone */
	size_t have;           /* known parts */
	uint64_t *bits;        /* scratch: the parts of the frame being added */
	unsigned char *data;   /* scratch: its data */
	size_t *scratch;       /* scratch for the choice of parts */
};

sync_decoder *sync_decoder_new(void)
{
	return calloc(1, sizeof(sync_decoder));
}

static void decoder_release(sync_decoder *dec)
{
	free(dec->parts);
	free(dec->rows);
	free(dec->held);
	free(dec->known);
	free(dec->bits);
	free(dec->data);
	free(dec->scratch);
}

void sync_decoder_free(sync_decoder *dec)
{
	if (!dec)
		return;
	decoder_release(dec);
	free(dec);
}

const char *sync_decoder_tag(const sync_decoder *dec)
{
	return dec->tag;
}

void sync_decoder_progress(const sync_decoder *dec, size_t *have, size_t *count)
{
	*have = dec->rank;
	*count = dec->count;
}

bool sync_decoder_complete(const sync_decoder *dec)
{
	return dec->count > 0 && dec->have == dec->count;
}

size_t sync_decoder_missing(const sync_decoder *dec, uint32_t *seqs, size_t max)
{
	size_t n = 0;
	for (size_t i = 0; i < dec->count; i++)
		if (!dec->known[i]) {
			if (n < max)
				seqs[n] = (uint32_t)(i + 1);
			n++;
		}
	return n;
}

void sync_decoder_peek(const sync_decoder *dec, int *sealed, char kiosk[SYNC_ID_MAX])
{
	*sealed = -1;
	kiosk[0] = '\0';
	if (dec->count == 0 || !dec->known[0] || dec->plen < ENVELOPE_HEAD)
		return;
	const unsigned char *m = dec->parts;
	*sealed = (m[1] & FLAG_SEALED) != 0;
	if (*sealed)
		return;
	/* The parts known from the start on: the beginning of the deflated payload,
	 * whose first line is the batch line. A prefix inflates as far as it goes. */
	size_t known = 0;
	while (known < dec->count && dec->known[known])
		known++;
	size_t avail = known * dec->plen - ENVELOPE_HEAD;
	char head[512];
	z_stream z;
	memset(&z, 0, sizeof z);
	if (inflateInit2(&z, -15) != Z_OK)
		return;
	z.next_in = (Bytef *)(uintptr_t)(m + ENVELOPE_HEAD);
	z.avail_in = (uInt)(avail > UINT_MAX ? UINT_MAX : avail);
	z.next_out = (Bytef *)head;
	z.avail_out = sizeof head - 1;
	inflate(&z, Z_SYNC_FLUSH);
	size_t got = sizeof head - 1 - z.avail_out;
	inflateEnd(&z);
	head[got] = '\0';
	char *nl = strchr(head, '\n');
	if (!nl)
		return;
	*nl = '\0';
	const char *k = strstr(head, "\"kiosk\":\"");
	if (!k)
		return;
	k += strlen("\"kiosk\":\"");
	size_t n = strcspn(k, "\"");
	if (k[n] != '"' || n == 0 || n >= SYNC_ID_MAX)
		return;
	memcpy(kiosk, k, n);
	kiosk[n] = '\0';
	if (!id_ok(kiosk))
		kiosk[0] = '\0';
}

/* Parses decimal digits up to '/', no leading zero; false if absent or above max. */
static bool parse_num(const char **p, uint64_t max, int maxdigits, uint64_t *out)
{
	const char *s = *p;
	uint64_t v = 0;
	int n = 0;
	if (*s == '0')
		return false;
	while (*s >= '0' && *s <= '9') {
		if (++n > maxdigits)
			return false;
		v = v * 10 + (uint64_t)(*s - '0');
		s++;
	}
	if (n == 0 || *s != '/' || v > max)
		return false;
	*p = s + 1;
	*out = v;
	return true;
}

static bool is_base36(char c)
{
	return (c >= '0' && c <= '9') || (c >= 'A' && c <= 'Z');
}

static void xor_into(unsigned char *dst, const unsigned char *src, size_t n)
{
	for (size_t i = 0; i < n; i++)
		dst[i] ^= src[i];
}

static bool bit_of(const uint64_t *bits, size_t i)
{
	return bits[i / 64] >> (i % 64) & 1;
}

static size_t first_bit(const uint64_t *bits, size_t words)
{
	for (size_t w = 0; w < words; w++)
		if (bits[w])
			return w * 64 + (size_t)__builtin_ctzll(bits[w]);
	return SIZE_MAX;
}

static bool single_bit(const uint64_t *bits, size_t words)
{
	size_t n = 0;
	for (size_t w = 0; w < words && n < 2; w++)
		n += (size_t)__builtin_popcountll(bits[w]);
	return n == 1;
}

/* Row p is now part p alone, or may be: notes it. */
static void note_known(sync_decoder *dec, size_t p)
{
	if (!dec->known[p] && single_bit(dec->rows + p * dec->words, dec->words)) {
		dec->known[p] = 1;
		dec->have++;
	}
}

/* Adds the scratch frame (dec->bits, dec->data) as a row, if it tells anything new. */
static sync_frame_status add_row(sync_decoder *dec)
{
	size_t words = dec->words, plen = dec->plen;
	uint64_t *bits = dec->bits;
	/* A held row adds to the frame only parts that lead no row, so one pass
	 * over the frame's parts as they were clears every part that leads one. */
	for (size_t w = 0; w < words; w++)
		for (uint64_t left = bits[w]; left; left &= left - 1) {
			size_t p = w * 64 + (size_t)__builtin_ctzll(left);
			if (!dec->held[p])
				continue;
			for (size_t k = 0; k < words; k++)
				bits[k] ^= dec->rows[p * words + k];
			xor_into(dec->data, dec->parts + p * plen, plen);
		}
	size_t q = first_bit(bits, words);
	if (q == SIZE_MAX)
		return SYNC_FRAME_DUPLICATE;
	/* q leads the new row: clear it from every row that has it. */
	for (size_t p = 0; p < dec->count; p++) {
		if (!dec->held[p] || !bit_of(dec->rows + p * words, q))
			continue;
		for (size_t k = 0; k < words; k++)
			dec->rows[p * words + k] ^= bits[k];
		xor_into(dec->parts + p * plen, dec->data, plen);
		note_known(dec, p);
	}
	memcpy(dec->rows + q * words, bits, words * sizeof *bits);
	memcpy(dec->parts + q * plen, dec->data, plen);
	dec->held[q] = 1;
	dec->rank++;
	note_known(dec, q);
	return SYNC_FRAME_ACCEPTED;
}

/* Takes the shape of the batch from its first frame. */
static bool start(sync_decoder *dec, int protocol, const char *tag, size_t count, size_t plen)
{
	dec->words = (count + 63) / 64;
	dec->parts = calloc(count, plen);
	dec->rows = calloc(count * dec->words, sizeof *dec->rows);
	dec->held = calloc(count, 1);
	dec->known = calloc(count, 1);
	dec->bits = calloc(dec->words, sizeof *dec->bits);
	dec->data = malloc(plen);
	dec->scratch = malloc(count * sizeof *dec->scratch);
	if (!dec->parts || !dec->rows || !dec->held || !dec->known || !dec->bits || !dec->data ||
	    !dec->scratch) {
		decoder_release(dec);
		memset(dec, 0, sizeof *dec);
		return false;
	}
	memcpy(dec->tag, tag, SYNC_TAG_LEN);
	dec->tag[SYNC_TAG_LEN] = '\0';
	dec->protocol = protocol;
	dec->count = count;
	dec->plen = plen;
	return true;
}

sync_frame_status sync_decoder_add(sync_decoder *dec, const char *text)
{
	size_t len = strlen(text);
	while (len > 0 && (text[len - 1] == '\r' || text[len - 1] == '\n'))
		len--;
	if (len < 2 || text[0] != 'C' || text[1] != 'K')
		return SYNC_FRAME_NOT_FRAME;
	if (len < 4 || text[2] < '0' || text[2] > '9' || text[3] != '/')
		return len >= 3 && text[2] >= '0' && text[2] <= '9' ? SYNC_FRAME_UNSUPPORTED
		                                                    : SYNC_FRAME_NOT_FRAME;
	int protocol = text[2] - '0';
	if (protocol < SYNC_PROTOCOL_OLDEST || protocol > SYNC_PROTOCOL)
		return SYNC_FRAME_UNSUPPORTED;
	if (len < 12 + SYNC_TAG_LEN + 1 || text[11] != '/')
		return SYNC_FRAME_MALFORMED;
	uint32_t want = 0;
	for (int i = 0; i < 7; i++) {
		if (!is_base36(text[4 + i]))
			return SYNC_FRAME_MALFORMED;
		uint64_t v = (uint64_t)want * 36 + (uint64_t)(strchr(base36, text[4 + i]) - base36);
		if (v > UINT32_MAX)
			return SYNC_FRAME_BAD_CHECKSUM;
		want = (uint32_t)v;
	}
	if ((uint32_t)crc32(0L, (const Bytef *)text + 12, (uInt)(len - 12)) != want)
		return SYNC_FRAME_BAD_CHECKSUM;

	const char *p = text + 12;
	for (int i = 0; i < SYNC_TAG_LEN; i++)
		if (!is_base36(p[i]))
			return SYNC_FRAME_MALFORMED;
	if (p[SYNC_TAG_LEN] != '/')
		return SYNC_FRAME_MALFORMED;
	const char *tag = p;
	p += SYNC_TAG_LEN + 1;
	uint64_t seq, count;
	if (!parse_num(&p, UINT32_MAX, 10, &seq) || !parse_num(&p, SYNC_MAX_PARTS, 5, &count))
		return SYNC_FRAME_MALFORMED;
	size_t blen = len - (size_t)(p - text);
	if (blen < 2 || blen > MAX_PART_BYTES / 2 * 3 || blen % 3 == 1)
		return SYNC_FRAME_MALFORMED;
	unsigned char body[MAX_PART_BYTES];
	size_t plen;
	if (base45_decode(p, blen, body, &plen) != 0)
		return SYNC_FRAME_MALFORMED;

	if (dec->count == 0) {
		if (!start(dec, protocol, tag, (size_t)count, plen))
			return SYNC_FRAME_DUPLICATE; /* out of memory: as if not seen */
	} else if (memcmp(dec->tag, tag, SYNC_TAG_LEN) != 0) {
		return SYNC_FRAME_OTHER_BATCH;
	} else if (dec->count != count || dec->plen != plen || dec->protocol != protocol) {
		return SYNC_FRAME_INCONSISTENT;
	}
	if (sync_decoder_complete(dec))
		return SYNC_FRAME_DUPLICATE;
	memset(dec->bits, 0, dec->words * sizeof *dec->bits);
	memcpy(dec->data, body, plen);
	choose_parts(protocol, dec->tag, (uint32_t)seq, dec->count, dec->bits, dec->scratch);
	sync_frame_status st = add_row(dec);
	if (st != SYNC_FRAME_ACCEPTED)
		return st;
	return sync_decoder_complete(dec) ? SYNC_FRAME_COMPLETE : SYNC_FRAME_ACCEPTED;
}

int sync_decoder_payload(const sync_decoder *dec, const unsigned char *seckey,
                         unsigned char **out, size_t *len)
{
	int rc = SYNC_OK;
	unsigned char *opened = NULL;
	*out = NULL;
	*len = 0;
	if (!sync_decoder_complete(dec))
		return SYNC_ERR_INCOMPLETE;
	if (sodium_init() < 0)
		return SYNC_ERR_INVALID;
	const unsigned char *m = dec->parts;
	size_t total = dec->count * dec->plen;
	if (total < ENVELOPE_HEAD || m[0] != ENVELOPE_VERSION || (m[1] & ~FLAG_SEALED))
		return SYNC_ERR_CORRUPT;
	size_t dlen = (size_t)m[2] << 24 | (size_t)m[3] << 16 | (size_t)m[4] << 8 | m[5];
	if (dlen > total - ENVELOPE_HEAD)
		return SYNC_ERR_CORRUPT;
	/* The padding is zeros, and the last part holds at least one byte of the message. */
	size_t msglen = ENVELOPE_HEAD + dlen;
	if (msglen <= (dec->count - 1) * dec->plen)
		return SYNC_ERR_CORRUPT;
	for (size_t i = msglen; i < total; i++)
		if (m[i])
			return SYNC_ERR_CORRUPT;
	unsigned char hash[HASH_BYTES];
	char tag[SYNC_TAG_LEN + 1];
	crypto_generichash(hash, sizeof hash, m + ENVELOPE_HEAD, dlen, NULL, 0);
	tag_of_hash(hash, tag);
	if (sodium_memcmp(hash, m + 6, HASH_BYTES) != 0 || strcmp(tag, dec->tag) != 0)
		return SYNC_ERR_CORRUPT;

	const unsigned char *data = m + ENVELOPE_HEAD;
	if (m[1] & FLAG_SEALED) {
		if (!seckey || dlen < crypto_box_SEALBYTES)
			return SYNC_ERR_KEY;
		unsigned char pk[crypto_box_PUBLICKEYBYTES];
		crypto_scalarmult_base(pk, seckey);
		opened = malloc(dlen - crypto_box_SEALBYTES + 1);
		if (!opened)
			return SYNC_ERR_NOMEM;
		if (crypto_box_seal_open(opened, data, dlen, pk, seckey) != 0) {
			rc = SYNC_ERR_KEY;
			goto out;
		}
		data = opened;
		dlen -= crypto_box_SEALBYTES;
	}
	unsigned char *plain;
	size_t plain_len;
	rc = sync_inflate(data, dlen, SYNC_MAX_PAYLOAD, &plain, &plain_len);
	if (rc != SYNC_OK)
		goto out;
	unsigned char *z = realloc(plain, plain_len + 1);
	if (!z) {
		free(plain);
		rc = SYNC_ERR_NOMEM;
		goto out;
	}
	z[plain_len] = '\0';
	*out = z;
	*len = plain_len;
out:
	free(opened);
	return rc;
}
