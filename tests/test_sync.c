/* Unit tests of sync/: Base45, deflate, frames, fountain, sealing, receipts, the
 * batch parser — with the vectors kept in sync/vectors/ (run from the repo root). */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>
#include <sodium.h>

#include "base45.h"
#include "fountain_sim.h"
#include "sync.h"

static char *slurp(const char *path, size_t *len)
{
	FILE *f = fopen(path, "rb");
	assert_non_null(f);
	fseek(f, 0, SEEK_END);
	long n = ftell(f);
	fseek(f, 0, SEEK_SET);
	char *buf = malloc((size_t)n + 1);
	assert_non_null(buf);
	assert_int_equal(fread(buf, 1, (size_t)n, f), (size_t)n);
	fclose(f);
	buf[n] = '\0';
	if (len)
		*len = (size_t)n;
	return buf;
}

/* Splits text into its lines in place; returns how many. */
static size_t split_lines(char *text, char **lines, size_t max)
{
	size_t n = 0;
	for (char *p = text; *p && n < max;) {
		char *nl = strchr(p, '\n');
		lines[n++] = p;
		if (!nl)
			break;
		*nl = '\0';
		p = nl + 1;
	}
	return n;
}

/* A realistic records text: n notes of one event. */
static char *some_records(const char *kiosk, int n, size_t *len)
{
	size_t cap = (size_t)n * 200 + 400, used = 0;
	char *b = malloc(cap);
	assert_non_null(b);
	used += (size_t)snprintf(b, cap,
	                         "{\"type\":\"event\",\"gid\":\"%s-1\",\"changed\":1,\"title\":\"Meet-up\"}\n",
	                         kiosk);
	for (int i = 0; i < n; i++)
		used += (size_t)snprintf(b + used, cap - used,
		                         "{\"type\":\"note\",\"gid\":\"%s-%d\",\"changed\":%d,\"event\":\"%s-1\","
		                         "\"kind\":%d,\"body\":\"Post-it %d: %08x, something said\"}\n",
		                         kiosk, i + 2, i + 2, kiosk, i % 2, i, (unsigned)(i * 2654435761u));
	*len = used;
	return b;
}

static sync_batch_opts opts_for(const char *kiosk, const char *batch, int version)
{
	sync_batch_opts o = {.kiosk_id = kiosk, .batch_id = batch, .created = 1767225600,
	                     .version = version, .pubkey = NULL, .secret = NULL, .fountain = 0};
	return o;
}

/* ---- Base45 ---------------------------------------------------------------- */

static void a_key_file_is_64_hex_digits_and_a_line_end(void **state)
{
	(void)state;
	unsigned char key[SYNC_PUBKEY_BYTES];
	static const char hex[] = "000102030405060708090a0b0c0d0e0f101112131415161718191a1b1c1d1e1F";
	char text[80];

	snprintf(text, sizeof text, "%s\r\n", hex);
	assert_true(sync_key_from_hex(text, strlen(text), key));
	assert_int_equal(key[0], 0);
	assert_int_equal(key[31], 0x1f);
	assert_true(sync_key_from_hex(hex, 64, key));
	assert_false(sync_key_from_hex(hex, 63, key));
	assert_false(sync_key_from_hex("", 0, key));
	snprintf(text, sizeof text, "%s00", hex);
	assert_false(sync_key_from_hex(text, strlen(text), key));
	snprintf(text, sizeof text, "x%s", hex + 1);
	assert_false(sync_key_from_hex(text, strlen(text), key));
}

static void base45_encodes_and_decodes_the_rfc_vectors(void **state)
{
	(void)state;
	char *text = slurp("sync/vectors/base45.txt", NULL), *lines[32];
	size_t n = split_lines(text, lines, 32);
	assert_int_equal(n, 4);
	for (size_t i = 0; i < n; i++) {
		char *tab = strchr(lines[i], '\t');
		assert_non_null(tab);
		*tab = '\0';
		const char *plain = lines[i], *enc = tab + 1;
		char out[64];
		unsigned char back[64];
		size_t blen;
		assert_int_equal(base45_encoded_len(strlen(plain)), strlen(enc));
		base45_encode((const unsigned char *)plain, strlen(plain), out);
		assert_string_equal(out, enc);
		assert_int_equal(base45_decode(enc, strlen(enc), back, &blen), 0);
		assert_int_equal(blen, strlen(plain));
		assert_memory_equal(back, plain, blen);
	}
	free(text);
}

static void base45_refuses_bad_characters_values_and_lengths(void **state)
{
	(void)state;
	char *text = slurp("sync/vectors/base45_invalid.txt", NULL), *lines[32];
	size_t n = split_lines(text, lines, 32);
	assert_true(n >= 8);
	for (size_t i = 0; i < n; i++) {
		unsigned char out[16];
		size_t len;
		if (!lines[i][0])
			continue;
		assert_int_equal(base45_decode(lines[i], strlen(lines[i]), out, &len), -1);
	}
	free(text);
	/* The largest valid triple and pair still decode. */
	unsigned char out[4];
	size_t len;
	assert_int_equal(base45_decode("FGW", 3, out, &len), 0);
	assert_int_equal(len, 2);
	assert_int_equal(out[0], 0xFF);
	assert_int_equal(out[1], 0xFF);
	assert_int_equal(base45_decode("U5", 2, out, &len), 0);
	assert_int_equal(out[0], 255);
	assert_int_equal(base45_decode("V5", 2, out, &len), -1);
	assert_int_equal(base45_decode("", 0, out, &len), 0);
	assert_int_equal(len, 0);
}

static void base45_round_trips_every_byte_value(void **state)
{
	(void)state;
	unsigned char in[511], back[511];
	char enc[800];
	for (int i = 0; i < 511; i++)
		in[i] = (unsigned char)(i * 7 + (i >> 8));
	for (size_t n = 0; n <= sizeof in; n += 73) {
		size_t blen;
		base45_encode(in, n, enc);
		assert_int_equal(base45_decode(enc, strlen(enc), back, &blen), 0);
		assert_int_equal(blen, n);
		assert_memory_equal(back, in, n);
	}
}

/* ---- deflate --------------------------------------------------------------- */

static void deflate_round_trips_and_inflate_refuses_damage(void **state)
{
	(void)state;
	size_t len, zlen, back_len;
	char *text = some_records("K1", 300, &len);
	unsigned char *z, *back;
	assert_int_equal(sync_deflate((const unsigned char *)text, len, &z, &zlen), SYNC_OK);
	assert_true(zlen < len / 3);
	assert_int_equal(sync_inflate(z, zlen, len, &back, &back_len), SYNC_OK);
	assert_int_equal(back_len, len);
	assert_memory_equal(back, text, len);
	free(back);
	assert_int_equal(sync_inflate(z, zlen, len - 1, &back, &back_len), SYNC_ERR_TOO_BIG);
	assert_int_equal(sync_inflate(z, zlen / 2, len, &back, &back_len), SYNC_ERR_CORRUPT);
	unsigned char *longer = malloc(zlen + 3);
	memcpy(longer, z, zlen);
	memcpy(longer + zlen, "xyz", 3);
	assert_int_equal(sync_inflate(longer, zlen + 3, len, &back, &back_len), SYNC_ERR_CORRUPT);
	free(longer);
	z[zlen / 2] ^= 0x55;
	int rc = sync_inflate(z, zlen, len, &back, &back_len);
	if (rc == SYNC_OK) { /* a flip can still inflate; then the bytes differ */
		assert_true(back_len != len || memcmp(back, text, len) != 0);
		free(back);
	}
	free(z);
	/* Empty input deflates to a valid stream too. */
	assert_int_equal(sync_deflate((const unsigned char *)"", 0, &z, &zlen), SYNC_OK);
	assert_int_equal(sync_inflate(z, zlen, 10, &back, &back_len), SYNC_OK);
	assert_int_equal(back_len, 0);
	free(back);
	free(z);
	free(text);
}

/* ---- frames ---------------------------------------------------------------- */

static void capacity_table_matches_libqrencode(void **state)
{
	(void)state;
	char *s = malloc(3400);
	for (int v = 1; v <= 40; v++) {
		int cap = sync_qr_capacity(v);
		QRcode *qr = NULL;
		memset(s, 'A', (size_t)cap);
		memcpy(s, "CK1/", 4);
		s[cap] = '\0';
		assert_int_equal(sync_frame_qr(s, v, &qr), SYNC_OK);
		assert_int_equal(qr->version, v);
		assert_int_equal(qr->width, 17 + 4 * v);
		QRcode_free(qr);
		s[cap] = 'B';
		s[cap + 1] = '\0';
		assert_int_equal(sync_frame_qr(s, v, &qr), SYNC_ERR_INVALID);
		assert_null(qr);
	}
	assert_int_equal(sync_qr_capacity(0), 0);
	assert_int_equal(sync_qr_capacity(41), 0);
	assert_int_equal(sync_part_size(2), 0);
	free(s);
}

static void frames_fill_95_percent_of_their_version(void **state)
{
	(void)state;
	size_t len;
	char *records = some_records("K1", 900, &len);
	int versions[] = {10, 15, 20, 25, 30, 40};
	for (size_t k = 0; k < sizeof versions / sizeof *versions; k++) {
		sync_batch_opts o = opts_for("K1", "3", versions[k]);
		o.fountain = 5;
		char **frames, receipt[SYNC_RECEIPT_SIZE];
		size_t count;
		assert_int_equal(sync_encode(&o, records, len, &frames, &count, receipt), SYNC_OK);
		assert_true(count > 6);
		int cap = sync_qr_capacity(versions[k]);
		for (size_t i = 0; i < count; i++) {
			size_t flen = strlen(frames[i]);
			assert_true(flen <= (size_t)cap);
			assert_true(flen * 100 >= (size_t)cap * 95);
			assert_int_equal(strspn(frames[i], "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ $%*+-./:"), flen);
		}
		QRcode *qr;
		assert_int_equal(sync_frame_qr(frames[count - 1], versions[k], &qr), SYNC_OK);
		QRcode_free(qr);
		sync_frames_free(frames, count);
	}
	free(records);
}

/* Encodes a batch of n notes into all its frames. */
static char **encode(const char *kiosk, const char *batch, int notes, int version, long fountain,
                     const unsigned char *pk, size_t *count, size_t *parts,
                     char receipt[SYNC_RECEIPT_SIZE])
{
	size_t len;
	char *records = some_records(kiosk, notes, &len), **frames;
	sync_batch_opts o = opts_for(kiosk, batch, version);
	o.fountain = fountain;
	o.pubkey = pk;
	sync_encoder *enc;
	assert_int_equal(sync_encoder_new(&o, records, len, &enc, receipt), SYNC_OK);
	*parts = sync_encoder_parts(enc);
	sync_encoder_free(enc);
	assert_int_equal(sync_encode(&o, records, len, &frames, count, receipt), SYNC_OK);
	free(records);
	return frames;
}

static void frames_in_any_order_with_duplicates_reassemble(void **state)
{
	(void)state;
	size_t count, parts;
	char receipt[SYNC_RECEIPT_SIZE];
	char **frames = encode("K1", "1", 400, 10, 0, NULL, &count, &parts, receipt);
	assert_true(parts >= 5);
	sync_decoder *dec = sync_decoder_new();
	/* Reverse order, every frame twice in a row. */
	for (size_t i = count; i-- > 0;) {
		sync_frame_status st = sync_decoder_add(dec, frames[i]);
		assert_int_equal(st, i == 0 ? SYNC_FRAME_COMPLETE : SYNC_FRAME_ACCEPTED);
		assert_int_equal(sync_decoder_add(dec, frames[i]), SYNC_FRAME_DUPLICATE);
	}
	unsigned char *payload;
	size_t len;
	assert_int_equal(sync_decoder_payload(dec, NULL, &payload, &len), SYNC_OK);
	sync_batch *b;
	char why[128];
	assert_int_equal(sync_batch_parse((char *)payload, len, &b, why, sizeof why), SYNC_OK);
	assert_int_equal(b->count, 401);
	assert_string_equal(b->receipt, receipt);
	assert_string_equal(b->kiosk, "K1");
	assert_string_equal(b->batch, "1");
	assert_string_equal(b->records[400].gid, "K1-401");
	sync_batch_free(b);
	free(payload);
	sync_decoder_free(dec);
	sync_frames_free(frames, count);
}

static void a_missing_frame_is_reported(void **state)
{
	(void)state;
	size_t count, parts;
	char receipt[SYNC_RECEIPT_SIZE];
	char **frames = encode("K1", "1", 400, 10, 0, NULL, &count, &parts, receipt);
	sync_decoder *dec = sync_decoder_new();
	for (size_t i = 0; i < count; i++)
		if (i != 2)
			assert_int_equal(sync_decoder_add(dec, frames[i]), SYNC_FRAME_ACCEPTED);
	uint32_t missing[4];
	assert_int_equal(sync_decoder_missing(dec, missing, 4), 1);
	assert_int_equal(missing[0], 3);
	assert_false(sync_decoder_complete(dec));
	unsigned char *payload;
	size_t len;
	assert_int_equal(sync_decoder_payload(dec, NULL, &payload, &len), SYNC_ERR_INCOMPLETE);
	size_t have, n;
	sync_decoder_progress(dec, &have, &n);
	assert_int_equal(have, parts - 1);
	assert_int_equal(n, parts);
	sync_decoder_free(dec);
	sync_frames_free(frames, count);
}

static void fountain_frames_recover_missing_parts(void **state)
{
	(void)state;
	size_t count, parts;
	char receipt[SYNC_RECEIPT_SIZE];
	char **frames = encode("K1", "9", 1200, 10, 200, NULL, &count, &parts, receipt);
	assert_true(parts >= 10);
	/* One part lost: the fountain frames that follow bring it back. */
	sync_decoder *dec = sync_decoder_new();
	size_t i;
	for (i = 0; i < parts; i++)
		if (i != parts / 2)
			sync_decoder_add(dec, frames[i]);
	for (; i < count && !sync_decoder_complete(dec); i++)
		sync_decoder_add(dec, frames[i]);
	assert_true(sync_decoder_complete(dec));
	assert_true(i - parts < 60);
	unsigned char *payload;
	size_t len;
	assert_int_equal(sync_decoder_payload(dec, NULL, &payload, &len), SYNC_OK);
	free(payload);
	sync_decoder_free(dec);

	/* A fifth of the frames dropped and the rest shuffled: still complete. */
	size_t *order = malloc(count * sizeof *order), kept = 0;
	for (i = 0; i < count; i++)
		if (i % 5 != 1)
			order[kept++] = i;
	for (i = kept - 1; i > 0; i--) {
		size_t j = (i * 7919 + 13) % (i + 1), t = order[i];
		order[i] = order[j];
		order[j] = t;
	}
	dec = sync_decoder_new();
	for (i = 0; i < kept; i++)
		sync_decoder_add(dec, frames[order[i]]);
	assert_true(sync_decoder_complete(dec));
	assert_int_equal(sync_decoder_payload(dec, NULL, &payload, &len), SYNC_OK);
	sync_batch *b;
	assert_int_equal(sync_batch_parse((char *)payload, len, &b, NULL, 0), SYNC_OK);
	assert_string_equal(b->receipt, receipt);
	sync_batch_free(b);
	free(payload);
	free(order);
	sync_decoder_free(dec);
	sync_frames_free(frames, count);
}

static void a_loop_shows_every_frame_number_once(void **state)
{
	(void)state;
	assert_int_equal(sync_next_seq(60, 1), 2);
	assert_int_equal(sync_next_seq(60, 60), 61);
	assert_int_equal(sync_next_seq(60, 61), 62);
	assert_int_equal(sync_next_seq(60, 90), 91);
	/* After the last number, the fountain frames again (never a plain one). */
	assert_int_equal(sync_next_seq(60, UINT32_MAX), 61);
	assert_int_equal(sync_next_seq(1, UINT32_MAX), 2);
}

/* Any frames that determine the batch complete it: here fountain frames alone,
 * each mixing about half the parts, which a peeling decoder could not start on
 * (it needs a frame with one unknown part). */
static void fountain_frames_alone_complete_a_batch(void **state)
{
	(void)state;
	size_t count, parts;
	char receipt[SYNC_RECEIPT_SIZE];
	char **frames = encode("K1", "9", 1200, 10, 120, NULL, &count, &parts, receipt);
	assert_true(parts >= 20 && count == parts + 120);
	sync_decoder *dec = sync_decoder_new();
	size_t i, accepted = 0, have = 0, n = 0;
	for (i = parts; i < count && !sync_decoder_complete(dec); i++) {
		sync_frame_status st = sync_decoder_add(dec, frames[i]);
		accepted += st == SYNC_FRAME_ACCEPTED || st == SYNC_FRAME_COMPLETE;
		if (i == parts + parts / 2) {
			/* Half way: progress counts what the mixes tell, though no part is known alone. */
			sync_decoder_progress(dec, &have, &n);
			assert_int_equal(have, accepted);
			assert_int_equal(sync_decoder_missing(dec, NULL, 0), parts);
		}
	}
	assert_true(sync_decoder_complete(dec));
	/* Random mixes over GF(2): about two frames beyond the part count. */
	assert_true(i - parts <= parts + 8);
	unsigned char *payload;
	size_t len;
	assert_int_equal(sync_decoder_payload(dec, NULL, &payload, &len), SYNC_OK);
	sync_batch *b;
	assert_int_equal(sync_batch_parse((char *)payload, len, &b, NULL, 0), SYNC_OK);
	assert_string_equal(b->receipt, receipt);
	sync_batch_free(b);
	free(payload);
	sync_decoder_free(dec);
	sync_frames_free(frames, count);
}

/* The figure of PROTOCOL.md's fountain: at 40% random loss, a receiver joining a
 * kiosk's loop at a random moment completes within 1.15 times the ideal frame
 * count (every frame it gets being new), for the reference batch's size (about
 * 60 parts) and for a batch of a few hundred parts. Fixed seeds. */
static void at_40_percent_loss_a_late_receiver_completes_within_1_15x_the_ideal(void **state)
{
	(void)state;
	static const struct {
		int notes, version, runs;
		size_t min_parts;
	} sizes[] = {{730, 10, 40, 55}, {1150, 5, 8, 280}};
	for (size_t k = 0; k < sizeof sizes / sizeof *sizes; k++) {
		size_t len;
		char *records = some_records("K1", sizes[k].notes, &len), receipt[SYNC_RECEIPT_SIZE];
		sync_batch_opts o = opts_for("K1", "5", sizes[k].version);
		static const unsigned char secret[SYNC_SECRET_BYTES] = {7}; /* a fixed tag: fixed mixes */
		o.secret = secret;
		sync_encoder *enc;
		assert_int_equal(sync_encoder_new(&o, records, len, &enc, receipt), SYNC_OK);
		fountain_figure f;
		assert_true(fountain_sim(enc, 0.4, sizes[k].runs, 20261203 + k, &f));
		print_message("%zu parts at 40%% loss: %.1f frames shown (ideal %.1f), %.3fx, worst %zu\n",
		              f.parts, f.mean, f.ideal, f.ratio, f.worst);
		assert_true(f.parts >= sizes[k].min_parts);
		assert_int_equal(f.failed, 0);
		assert_true(f.ratio <= 1.15);
		sync_encoder_free(enc);
		free(records);
	}
}

static void a_corrupted_frame_is_refused_by_its_checksum(void **state)
{
	(void)state;
	static const char alphabet[] = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ $%*+-./:";
	size_t count, parts;
	char receipt[SYNC_RECEIPT_SIZE];
	char **frames = encode("K1", "1", 60, 10, 0, NULL, &count, &parts, receipt);
	char *f = frames[0];
	size_t len = strlen(f);
	sync_decoder *dec = sync_decoder_new();
	for (size_t i = 4; i < len; i++) {
		char was = f[i];
		for (int k = 0; k < 45; k += 11) {
			char c = alphabet[(strchr(alphabet, was) - alphabet + 1 + k) % 45];
			if (c == was)
				continue;
			f[i] = c;
			sync_frame_status st = sync_decoder_add(dec, f);
			/* A '/' gone from the checksum field makes the frame malformed instead. */
			if (i == 11 || (i < 11 && !((c >= '0' && c <= '9') || (c >= 'A' && c <= 'Z'))))
				assert_int_equal(st, SYNC_FRAME_MALFORMED);
			else
				assert_int_equal(st, SYNC_FRAME_BAD_CHECKSUM);
		}
		f[i] = was;
	}
	/* Truncated at every length: never accepted. */
	for (size_t n = 0; n < len; n++) {
		char *cut = strndup(f, n);
		sync_frame_status st = sync_decoder_add(dec, cut);
		assert_true(st != SYNC_FRAME_ACCEPTED && st != SYNC_FRAME_COMPLETE);
		free(cut);
	}
	size_t have, n;
	sync_decoder_progress(dec, &have, &n);
	assert_int_equal(n, 0);
	assert_string_equal(sync_decoder_tag(dec), "");
	/* The intact frame with a CR, as zbarcam on some terminals ends lines. */
	char *cr = malloc(len + 2);
	memcpy(cr, f, len);
	memcpy(cr + len, "\r", 2);
	assert_int_equal(sync_decoder_add(dec, cr), SYNC_FRAME_ACCEPTED);
	free(cr);
	assert_int_equal(sync_decoder_add(dec, "https://example.org/"), SYNC_FRAME_NOT_FRAME);
	assert_int_equal(sync_decoder_add(dec, "CK9/0000000/AAAAAA/1/1/00"), SYNC_FRAME_UNSUPPORTED);
	assert_int_equal(sync_decoder_add(dec, ""), SYNC_FRAME_NOT_FRAME);
	sync_decoder_free(dec);
	sync_frames_free(frames, count);
}

static void a_frame_of_another_batch_is_ignored(void **state)
{
	(void)state;
	size_t c1, c2, p1, p2;
	char r1[SYNC_RECEIPT_SIZE], r2[SYNC_RECEIPT_SIZE];
	char **a = encode("K1", "1", 100, 10, 0, NULL, &c1, &p1, r1);
	char **b = encode("K2", "1", 100, 10, 0, NULL, &c2, &p2, r2);
	sync_decoder *dec = sync_decoder_new();
	assert_int_equal(sync_decoder_add(dec, b[0]), c2 == 1 ? SYNC_FRAME_COMPLETE : SYNC_FRAME_ACCEPTED);
	for (size_t i = 0; i < c1; i++)
		assert_int_equal(sync_decoder_add(dec, a[i]), SYNC_FRAME_OTHER_BATCH);
	for (size_t i = 1; i < c2; i++)
		assert_int_equal(sync_decoder_add(dec, b[i]),
		                 i + 1 == c2 ? SYNC_FRAME_COMPLETE : SYNC_FRAME_ACCEPTED);
	assert_true(sync_decoder_complete(dec));
	sync_decoder_free(dec);
	sync_frames_free(a, c1);
	sync_frames_free(b, c2);
}

static void sealing_round_trips_and_a_wrong_key_is_refused(void **state)
{
	(void)state;
	unsigned char pk[SYNC_PUBKEY_BYTES], sk[SYNC_SECKEY_BYTES], pk2[SYNC_PUBKEY_BYTES],
		sk2[SYNC_SECKEY_BYTES];
	assert_int_equal(sync_keypair(pk, sk), SYNC_OK);
	assert_int_equal(sync_keypair(pk2, sk2), SYNC_OK);
	size_t count, parts;
	char receipt[SYNC_RECEIPT_SIZE];
	char **frames = encode("K1", "1", 200, 10, 0, pk, &count, &parts, receipt);
	sync_decoder *dec = sync_decoder_new();
	for (size_t i = 0; i < count; i++)
		sync_decoder_add(dec, frames[i]);
	assert_true(sync_decoder_complete(dec));
	unsigned char *payload;
	size_t len;
	assert_int_equal(sync_decoder_payload(dec, NULL, &payload, &len), SYNC_ERR_KEY);
	assert_int_equal(sync_decoder_payload(dec, sk2, &payload, &len), SYNC_ERR_KEY);
	assert_int_equal(sync_decoder_payload(dec, sk, &payload, &len), SYNC_OK);
	sync_batch *b;
	assert_int_equal(sync_batch_parse((char *)payload, len, &b, NULL, 0), SYNC_OK);
	assert_string_equal(b->receipt, receipt);
	sync_batch_free(b);
	free(payload);
	sync_decoder_free(dec);
	/* The frames show nothing of the records. */
	for (size_t i = 0; i < count; i++)
		assert_null(strstr(frames[i], "NOTE"));
	sync_frames_free(frames, count);
}

/* The payload of a batch of notes, signed with sk (NULL: unsigned). */
static char *signed_payload(const unsigned char *sk, size_t *len)
{
	size_t rlen, count;
	char *records = some_records("K1", 20, &rlen), **frames, receipt[SYNC_RECEIPT_SIZE];
	sync_batch_opts o = opts_for("K1", "1", 10);
	o.fountain = 0;
	o.signing_key = sk;
	assert_int_equal(sync_encode(&o, records, rlen, &frames, &count, receipt), SYNC_OK);
	sync_decoder *dec = sync_decoder_new();
	for (size_t i = 0; i < count; i++)
		sync_decoder_add(dec, frames[i]);
	unsigned char *payload;
	assert_int_equal(sync_decoder_payload(dec, NULL, &payload, len), SYNC_OK);
	sync_decoder_free(dec);
	sync_frames_free(frames, count);
	free(records);
	return (char *)payload;
}

static void a_signed_batch_names_its_key_and_refuses_any_change(void **state)
{
	(void)state;
	unsigned char pk[SYNC_SIGN_PK_BYTES], sk[SYNC_SIGN_SK_BYTES], pk2[SYNC_SIGN_PK_BYTES],
		sk2[SYNC_SIGN_SK_BYTES];
	char why[200], id[17], id2[17];
	assert_int_equal(sync_sign_keypair(pk, sk), SYNC_OK);
	assert_int_equal(sync_sign_keypair(pk2, sk2), SYNC_OK);
	sync_kiosk_id_of_key(pk, id);
	sync_kiosk_id_of_key(pk2, id2);
	assert_int_equal(strlen(id), 16);
	assert_string_not_equal(id, id2);
	size_t len;
	char *payload = signed_payload(sk, &len);
	sync_batch *b = NULL;
	assert_int_equal(sync_batch_parse(payload, len, &b, why, sizeof why), SYNC_OK);
	assert_true(b->is_signed);
	assert_memory_equal(b->signer, pk, SYNC_SIGN_PK_BYTES);
	sync_batch_free(b);

	/* One letter of one record changed: refused. */
	char *note = strstr(payload, "something said");
	assert_non_null(note);
	note[0] = 'S';
	assert_int_not_equal(sync_batch_parse(payload, len, &b, why, sizeof why), SYNC_OK);
	assert_non_null(strstr(why, "signature does not hold"));
	note[0] = 's';
	/* Another key named as the signer: refused. */
	char hex[2 * SYNC_SIGN_PK_BYTES + 1], hex2[2 * SYNC_SIGN_PK_BYTES + 1];
	sodium_bin2hex(hex, sizeof hex, pk, sizeof pk);
	sodium_bin2hex(hex2, sizeof hex2, pk2, sizeof pk2);
	char *signer = strstr(payload, hex);
	assert_non_null(signer);
	memcpy(signer, hex2, strlen(hex2));
	assert_int_not_equal(sync_batch_parse(payload, len, &b, why, sizeof why), SYNC_OK);
	free(payload);

	/* Unsigned: parsed, and says so. */
	payload = signed_payload(NULL, &len);
	assert_int_equal(sync_batch_parse(payload, len, &b, why, sizeof why), SYNC_OK);
	assert_false(b->is_signed);
	sync_batch_free(b);
	free(payload);
}

static void receipt_differs_per_batch_and_is_not_in_the_headers(void **state)
{
	(void)state;
	char seen[6][SYNC_RECEIPT_SIZE];
	for (int k = 0; k < 6; k++) {
		size_t count, parts;
		char batch[8];
		snprintf(batch, sizeof batch, "%d", k < 3 ? 1 : k);
		char **frames = encode("K1", batch, 50, 10, 2, NULL, &count, &parts, seen[k]);
		char code[9];
		memcpy(code, seen[k], 4);
		memcpy(code + 4, seen[k] + 5, 4);
		code[8] = '\0';
		for (size_t i = 0; i < count; i++) {
			char head[64];
			size_t slashes = 0, h = 0;
			for (; frames[i][h] && slashes < 5 && h < sizeof head - 1; h++) {
				head[h] = frames[i][h];
				slashes += frames[i][h] == '/';
			}
			head[h] = '\0';
			assert_null(strstr(head, code));
			assert_null(strstr(head, seen[k]));
		}
		for (int j = 0; j < k; j++) /* same batch id made again: a fresh secret */
			assert_string_not_equal(seen[j], seen[k]);
		sync_frames_free(frames, count);
	}
}

static void receipt_codes_are_typed_forgivingly(void **state)
{
	(void)state;
	char out[SYNC_RECEIPT_SIZE];
	assert_true(sync_receipt_normalise("k7qx-m2pa", out));
	assert_string_equal(out, "K7QX-M2PA");
	assert_true(sync_receipt_normalise(" K7QX M2PA ", out));
	assert_string_equal(out, "K7QX-M2PA");
	assert_true(sync_receipt_normalise("O1IL-0000", out));
	assert_string_equal(out, "0111-0000");
	assert_false(sync_receipt_normalise("K7QX-M2P", out));
	assert_false(sync_receipt_normalise("K7QX-M2PAA", out));
	assert_false(sync_receipt_normalise("K7QU-M2PA", out)); /* U is not in the alphabet */
}

static void the_vector_frames_decode_to_the_vector_batch(void **state)
{
	(void)state;
	size_t len, rlen;
	char *frames_text = slurp("sync/vectors/batch-7.frames.txt", &len), *lines[64];
	char *records = slurp("sync/vectors/batch-7.records.jsonl", &rlen);
	char *receipt = slurp("sync/vectors/batch-7.receipt", NULL);
	receipt[strcspn(receipt, "\n")] = '\0';
	size_t n = split_lines(frames_text, lines, 64);
	while (n && !lines[n - 1][0])
		n--;
	assert_true(n > 3);
	/* From the fountain frames and all plain ones but the first. */
	sync_decoder *dec = sync_decoder_new();
	for (size_t i = n; i-- > 1;)
		sync_decoder_add(dec, lines[i]);
	if (!sync_decoder_complete(dec))
		assert_int_equal(sync_decoder_add(dec, lines[0]), SYNC_FRAME_COMPLETE);
	unsigned char *payload;
	size_t plen;
	assert_int_equal(sync_decoder_payload(dec, NULL, &payload, &plen), SYNC_OK);
	const char *nl = strchr((char *)payload, '\n');
	assert_non_null(nl);
	assert_int_equal(plen - (size_t)(nl + 1 - (char *)payload), rlen);
	assert_memory_equal(nl + 1, records, rlen);
	sync_batch *b;
	assert_int_equal(sync_batch_parse((char *)payload, plen, &b, NULL, 0), SYNC_OK);
	assert_string_equal(b->receipt, receipt);
	assert_string_equal(b->kiosk, "K1A2");
	assert_string_equal(b->batch, "7");
	assert_int_equal(b->created, 1767225600);
	sync_batch_free(b);
	free(payload);
	sync_decoder_free(dec);

	/* The encoder still makes exactly these frames (a protocol change shows here). */
	unsigned char secret[SYNC_SECRET_BYTES];
	for (int i = 0; i < SYNC_SECRET_BYTES; i++)
		secret[i] = (unsigned char)i;
	sync_batch_opts o = opts_for("K1A2", "7", 10);
	o.secret = secret;
	o.fountain = 4;
	char **frames, code[SYNC_RECEIPT_SIZE];
	size_t count;
	assert_int_equal(sync_encode(&o, records, rlen, &frames, &count, code), SYNC_OK);
	assert_string_equal(code, receipt);
	assert_int_equal(count, n);
	for (size_t i = 0; i < n; i++)
		assert_string_equal(frames[i], lines[i]);
	sync_frames_free(frames, count);
	free(frames_text);
	free(records);
	free(receipt);
}

/* Frames of protocol 1 (kiosks not yet updated) still decode: their own mixes. */
static void the_protocol_1_vector_still_decodes(void **state)
{
	(void)state;
	size_t len, rlen;
	char *frames_text = slurp("sync/vectors/batch-7-v1.frames.txt", &len), *lines[64];
	char *records = slurp("sync/vectors/batch-7.records.jsonl", &rlen);
	size_t n = split_lines(frames_text, lines, 64);
	while (n && !lines[n - 1][0])
		n--;
	assert_int_equal(n, 14);
	assert_memory_equal(lines[0], "CK1/", 4);
	/* Parts 1 and 2 lost: the fountain frames bring them back. */
	sync_decoder *dec = sync_decoder_new();
	for (size_t i = 2; i < n; i++)
		sync_decoder_add(dec, lines[i]);
	assert_true(sync_decoder_complete(dec));
	/* A protocol 2 frame of the same tag is not mixed into it. */
	char *v2 = strdup(lines[0]);
	v2[2] = '2';
	assert_int_equal(sync_decoder_add(dec, v2), SYNC_FRAME_INCONSISTENT);
	free(v2);
	unsigned char *payload;
	size_t plen;
	assert_int_equal(sync_decoder_payload(dec, NULL, &payload, &plen), SYNC_OK);
	sync_batch *b;
	assert_int_equal(sync_batch_parse((char *)payload, plen, &b, NULL, 0), SYNC_OK);
	assert_string_equal(b->receipt, "66BN-TQNP");
	const char *nl = strchr((char *)payload, '\n');
	assert_memory_equal(nl + 1, records, rlen);
	sync_batch_free(b);
	free(payload);
	sync_decoder_free(dec);
	free(frames_text);
	free(records);
}

/* sync/vectors/fountain.txt: the parts of some frames, as PROTOCOL.md defines them. */
static void the_fountain_vector_lists_the_parts_each_frame_mixes(void **state)
{
	(void)state;
	size_t len, lines_checked = 0, *parts = malloc(SYNC_MAX_PARTS * sizeof *parts);
	char *text = slurp("sync/vectors/fountain.txt", &len), *lines[400];
	size_t n = split_lines(text, lines, 400);
	for (size_t i = 0; i < n; i++) {
		if (!lines[i][0] || lines[i][0] == '#')
			continue;
		int protocol;
		char tag[SYNC_TAG_LEN + 1];
		unsigned count, seq;
		int used = 0;
		assert_int_equal(sscanf(lines[i], "%d\t%6s\t%u\t%u\t%n", &protocol, tag, &count, &seq,
		                        &used), 4);
		size_t got = sync_frame_parts(protocol, tag, seq, count, parts), k = 0;
		for (const char *p = lines[i] + used; *p; k++) {
			char *end;
			assert_true(k < got);
			assert_int_equal(strtoul(p, &end, 10), parts[k]);
			p = *end == ' ' ? end + 1 : end;
		}
		assert_int_equal(k, got);
		lines_checked++;
	}
	assert_true(lines_checked > 100);
	free(parts);
	free(text);
}

static void the_signed_vector_names_the_test_key_and_encodes_the_same(void **state)
{
	(void)state;
	size_t len, rlen, klen;
	char *frames_text = slurp("sync/vectors/batch-7-signed.frames.txt", &len), *lines[64];
	char *records = slurp("sync/vectors/batch-7.records.jsonl", &rlen);
	char *key_hex = slurp("sync/vectors/signer.key", &klen);
	unsigned char sk[SYNC_SIGN_SK_BYTES], secret[SYNC_SECRET_BYTES];
	size_t bin = 0;
	assert_int_equal(sodium_hex2bin(sk, sizeof sk, key_hex, strcspn(key_hex, "\n"), NULL, &bin,
	                                NULL), 0);
	assert_int_equal(bin, sizeof sk);
	size_t n = split_lines(frames_text, lines, 64);
	while (n && !lines[n - 1][0])
		n--;
	sync_decoder *dec = sync_decoder_new();
	for (size_t i = 0; i < n; i++)
		sync_decoder_add(dec, lines[i]);
	unsigned char *payload;
	size_t plen;
	assert_int_equal(sync_decoder_payload(dec, NULL, &payload, &plen), SYNC_OK);
	sync_batch *b;
	assert_int_equal(sync_batch_parse((char *)payload, plen, &b, NULL, 0), SYNC_OK);
	assert_true(b->is_signed);
	assert_memory_equal(b->signer, sk + 32, SYNC_SIGN_PK_BYTES);
	assert_string_equal(b->receipt, "66BN-TQNP");
	sync_batch_free(b);
	free(payload);
	sync_decoder_free(dec);
	/* Ed25519 signatures are deterministic: the encoder makes exactly these frames. */
	for (int i = 0; i < SYNC_SECRET_BYTES; i++)
		secret[i] = (unsigned char)i;
	sync_batch_opts o = opts_for("K1A2", "7", 10);
	o.secret = secret;
	o.fountain = 4;
	o.signing_key = sk;
	char **frames, code[SYNC_RECEIPT_SIZE];
	size_t count;
	assert_int_equal(sync_encode(&o, records, rlen, &frames, &count, code), SYNC_OK);
	assert_int_equal(count, n);
	for (size_t i = 0; i < n; i++)
		assert_string_equal(frames[i], lines[i]);
	sync_frames_free(frames, count);
	free(frames_text);
	free(records);
	free(key_hex);
}

static void batch_parser_refuses_what_it_cannot_import(void **state)
{
	(void)state;
	static const char *const bad[] = {
		"",
		"{\"type\":\"batch\"}\n",
		"not json\n",
		/* records count says 2, one follows */
		"{\"type\":\"batch\",\"protocol\":1,\"kiosk\":\"K\",\"batch\":\"1\",\"created\":0,\"records\":2,"
		"\"secret\":\"000102030405060708090a0b0c0d0e0f\"}\n{\"type\":\"note\",\"gid\":\"K-2\",\"changed\":2}\n",
		/* a nested value */
		"{\"type\":\"batch\",\"protocol\":1,\"kiosk\":\"K\",\"batch\":\"1\",\"created\":0,\"records\":1,"
		"\"secret\":\"000102030405060708090a0b0c0d0e0f\"}\n{\"type\":\"note\",\"gid\":\"K-2\",\"changed\":2,\"x\":[1]}\n",
		/* a gid without its sequence */
		"{\"type\":\"batch\",\"protocol\":1,\"kiosk\":\"K\",\"batch\":\"1\",\"created\":0,\"records\":1,"
		"\"secret\":\"000102030405060708090a0b0c0d0e0f\"}\n{\"type\":\"note\",\"gid\":\"K\",\"changed\":2}\n",
		/* a key twice */
		"{\"type\":\"batch\",\"protocol\":1,\"kiosk\":\"K\",\"batch\":\"1\",\"created\":0,\"records\":1,"
		"\"secret\":\"000102030405060708090a0b0c0d0e0f\"}\n{\"type\":\"note\",\"gid\":\"K-2\",\"gid\":\"K-3\",\"changed\":2}\n",
		/* bad UTF-8 */
		"{\"type\":\"batch\",\"protocol\":1,\"kiosk\":\"K\",\"batch\":\"1\",\"created\":0,\"records\":1,"
		"\"secret\":\"000102030405060708090a0b0c0d0e0f\"}\n{\"type\":\"note\",\"gid\":\"K-2\",\"changed\":2,\"b\":\"\xc3\"}\n",
		/* a lone surrogate */
		"{\"type\":\"batch\",\"protocol\":1,\"kiosk\":\"K\",\"batch\":\"1\",\"created\":0,\"records\":1,"
		"\"secret\":\"000102030405060708090a0b0c0d0e0f\"}\n{\"type\":\"note\",\"gid\":\"K-2\",\"changed\":2,\"b\":\"\\ud800\"}\n",
		/* no changed */
		"{\"type\":\"batch\",\"protocol\":1,\"kiosk\":\"K\",\"batch\":\"1\",\"created\":0,\"records\":1,"
		"\"secret\":\"000102030405060708090a0b0c0d0e0f\"}\n{\"type\":\"note\",\"gid\":\"K-2\"}\n",
	};
	for (size_t i = 0; i < sizeof bad / sizeof *bad; i++) {
		sync_batch *b = NULL;
		char why[160] = "";
		assert_int_equal(sync_batch_parse(bad[i], strlen(bad[i]), &b, why, sizeof why),
		                 SYNC_ERR_CORRUPT);
		assert_null(b);
		assert_true(why[0] != '\0');
	}
	/* Escapes come back canonical. */
	const char *good =
		"{\"type\":\"batch\",\"protocol\":1,\"kiosk\":\"K\",\"batch\":\"1\",\"created\":0,\"records\":1,"
		"\"secret\":\"000102030405060708090a0b0c0d0e0f\"}\n"
		"{ \"type\" : \"note\", \"gid\":\"K-2\",\"changed\":2,\"b\":\"Si\\u00e2n \\\"q\\\" \\ud83d\\ude00\\n\",\"n\":-5,\"x\":null,\"y\":true}\n";
	sync_batch *b;
	assert_int_equal(sync_batch_parse(good, strlen(good), &b, NULL, 0), SYNC_OK);
	assert_string_equal(b->records[0].json,
	                    "{\"type\":\"note\",\"gid\":\"K-2\",\"changed\":2,\"b\":\"Si\xc3\xa2n \\\"q\\\" "
	                    "\xf0\x9f\x98\x80\\u000a\",\"n\":-5,\"x\":null,\"y\":true}");
	sync_batch_free(b);
}

/* A payload of the vector batch line and these record lines. */
static int parse_records(const char *lines, size_t len, size_t count, char *why, size_t whylen)
{
	char head[256];
	int hn = snprintf(head, sizeof head,
	                  "{\"type\":\"batch\",\"protocol\":1,\"kiosk\":\"K1\",\"batch\":\"1\","
	                  "\"created\":1767225600,\"records\":%zu,"
	                  "\"secret\":\"000102030405060708090a0b0c0d0e0f\"}\n", count);
	char *payload = malloc((size_t)hn + len + 2);
	memcpy(payload, head, (size_t)hn);
	memcpy(payload + hn, lines, len);
	size_t plen = (size_t)hn + len;
	if (len && lines[len - 1] != '\n')
		payload[plen++] = '\n';
	sync_batch *b = NULL;
	int rc = sync_batch_parse(payload, plen, &b, why, whylen);
	assert_true(rc != SYNC_OK || b->count == count);
	sync_batch_free(b);
	free(payload);
	return rc;
}

/* sync/vectors/json-accepted.jsonl and json-refused.txt: PROTOCOL.md's JSON rules. */
static void the_json_vectors_are_accepted_and_refused_as_the_spec_says(void **state)
{
	(void)state;
	size_t len, n = 0;
	char *ok = slurp("sync/vectors/json-accepted.jsonl", &len), why[160] = "";
	for (size_t i = 0; i < len; i++)
		n += ok[i] == '\n';
	assert_true(n >= 8);
	if (parse_records(ok, len, n, why, sizeof why) != SYNC_OK)
		fail_msg("json-accepted.jsonl refused: %s", why);
	free(ok);
	char *bad = slurp("sync/vectors/json-refused.txt", &len), *lines[64];
	n = split_lines(bad, lines, 64);
	size_t tried = 0;
	for (size_t i = 0; i < n; i++) {
		char *tab = strchr(lines[i], '\t');
		if (!tab)
			continue;
		*tab = '\0';
		if (parse_records(tab + 1, strlen(tab + 1), 1, why, sizeof why) == SYNC_OK)
			fail_msg("taken, though the spec refuses it: %s", lines[i]);
		tried++;
	}
	assert_true(tried >= 30);
	free(bad);
}

static void free_functions_accept_null(void **state)
{
	(void)state;
	sync_decoder_free(NULL);
	sync_encoder_free(NULL);
	sync_batch_free(NULL);
	sync_frames_free(NULL, 3);
}

int main(void)
{
	if (sodium_init() < 0)
		return 1;
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(base45_encodes_and_decodes_the_rfc_vectors),
		cmocka_unit_test(a_key_file_is_64_hex_digits_and_a_line_end),
		cmocka_unit_test(base45_refuses_bad_characters_values_and_lengths),
		cmocka_unit_test(base45_round_trips_every_byte_value),
		cmocka_unit_test(deflate_round_trips_and_inflate_refuses_damage),
		cmocka_unit_test(capacity_table_matches_libqrencode),
		cmocka_unit_test(frames_fill_95_percent_of_their_version),
		cmocka_unit_test(frames_in_any_order_with_duplicates_reassemble),
		cmocka_unit_test(a_missing_frame_is_reported),
		cmocka_unit_test(fountain_frames_recover_missing_parts),
		cmocka_unit_test(a_loop_shows_every_frame_number_once),
		cmocka_unit_test(fountain_frames_alone_complete_a_batch),
		cmocka_unit_test(at_40_percent_loss_a_late_receiver_completes_within_1_15x_the_ideal),
		cmocka_unit_test(a_corrupted_frame_is_refused_by_its_checksum),
		cmocka_unit_test(a_frame_of_another_batch_is_ignored),
		cmocka_unit_test(sealing_round_trips_and_a_wrong_key_is_refused),
		cmocka_unit_test(a_signed_batch_names_its_key_and_refuses_any_change),
		cmocka_unit_test(receipt_differs_per_batch_and_is_not_in_the_headers),
		cmocka_unit_test(receipt_codes_are_typed_forgivingly),
		cmocka_unit_test(the_vector_frames_decode_to_the_vector_batch),
		cmocka_unit_test(the_signed_vector_names_the_test_key_and_encodes_the_same),
		cmocka_unit_test(the_protocol_1_vector_still_decodes),
		cmocka_unit_test(the_fountain_vector_lists_the_parts_each_frame_mixes),
		cmocka_unit_test(batch_parser_refuses_what_it_cannot_import),
		cmocka_unit_test(the_json_vectors_are_accepted_and_refused_as_the_spec_says),
		cmocka_unit_test(free_functions_accept_null),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
