/* cop-sync-gen: a stand-in for the kiosk's side in tests — makes a realistic batch
 * of records, encodes it with the sync protocol and writes its frames as text and
 * as QR PNGs (module 4 px, quiet zone 4 modules) for zbarimg to read back. */
#include "sync.h"

#include <png.h>
#include <stdarg.h>
#include <sodium.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define MODULE_PX 4
#define QUIET 4

static const char usage[] =
	"Usage: cop-sync-gen [--kiosk ID] [--batch ID] [--version V] [--members N]\n"
	"         [--records FILE] [--write-records FILE] [--pub FILE] [--secret HEX]\n"
	"         [--created UNIXTIME] [--fountain N] [--text FILE] [--png DIR]\n"
	"         [--sign KEYFILE]   (signs with the Ed25519 key in KEYFILE, made if absent)\n"
	"       cop-sync-gen --fountain-vectors FILE   (the parts of some frames: sync/vectors/fountain.txt)\n"
	"Prints the receipt code; writes frame texts (one a line) and PNGs if asked.\n";

static const char *const first[] = {"Siân", "Aisha", "Tom", "Priya", "Gareth", "Mei",
                                    "Oluwaseun", "Ruth", "Declan", "Fatima"};
static const char *const last[] = {"O'Neil", "Khan", "Jones", "Patel", "Evans", "Chen",
                                   "Adeyemi", "Brown", "Murphy", "Hussain"};
static const char *const orgs[] = {"Leeds Teaching Hospitals", "NHS England",
                                   "Bradford District Care", "Airedale General",
                                   "West Yorkshire ICB"};
static const char *const profs[] = {"Nurse", "Doctor", "Pharmacist", "Manager",
                                    "Allied health professional"};
static const char *const going[] = {
	"Loved the case study \\\"from ward to board\\\" — very practical",
	"Small groups let everyone speak", "Good mix of professions at every table",
	"Clear agenda, finished on time"};
static const char *const improve[] = {"More time for questions, please",
                                      "Room was too warm; hard to hear at the back",
                                      "Share slides before the session"};

/* Appends a printf'd line to a growing buffer; exits on no memory (a test tool). */
__attribute__((format(printf, 3, 4))) static void add(char **buf, size_t *len, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	int n = vsnprintf(NULL, 0, fmt, ap);
	va_end(ap);
	char *nb = realloc(*buf, *len + (size_t)n + 1);
	if (!nb) {
		fputs("cop-sync-gen: out of memory\n", stderr);
		exit(1);
	}
	*buf = nb;
	va_start(ap, fmt);
	vsnprintf(*buf + *len, (size_t)n + 1, fmt, ap);
	va_end(ap);
	*len += (size_t)n;
}

/* Two events with agenda, members, check-ins, post-its, prompts and answers. */
static char *make_records(const char *k, int members, size_t *len)
{
	char *b = NULL;
	long seq = 0, t = 1767000000;
	*len = 0;
	long ev[2], items[2][2], prompt[2];
	for (int e = 0; e < 2; e++) {
		ev[e] = ++seq;
		add(&b, len,
		    "{\"type\":\"event\",\"gid\":\"%s-%ld\",\"changed\":%ld,\"created\":%ld,"
		    "\"title\":\"Quarterly meet-up %d: learning from incidents\",\"starts\":\"2026-0%d-1%d 10:00\","
		    "\"venue\":\"Room %d, St James's\",\"community\":\"Patient safety CoP\",\"roles\":%s}\n",
		    k, seq, seq, t + seq, e + 1, e + 3, e, e + 2, e ? "true" : "false");
		for (int a = 0; a < 2; a++) {
			items[e][a] = ++seq;
			add(&b, len,
			    "{\"type\":\"agenda_item\",\"gid\":\"%s-%ld\",\"changed\":%ld,\"created\":%ld,"
			    "\"event\":\"%s-%ld\",\"title\":\"%s\",\"starts\":\"1%d:00\",\"activity\":%d,"
			    "\"position\":%d}\n",
			    k, seq, seq, t + seq, k, ev[e], a ? "Small-group inquiry" : "Story sharing",
			    a, a ? 1 : 0, a);
		}
		prompt[e] = ++seq;
		add(&b, len,
		    "{\"type\":\"prompt\",\"gid\":\"%s-%ld\",\"changed\":%ld,\"created\":%ld,"
		    "\"event\":\"%s-%ld\",\"text\":\"How valuable was this session for your time?\","
		    "\"kind\":0,\"choices\":\"\"}\n",
		    k, seq, seq, t + seq, k, ev[e]);
	}
	for (int m = 0; m < members; m++) {
		long id = ++seq;
		int f = m % 10, l = (m / 10 + m * 3) % 10;
		int opted = m % 3 == 0;
		char email[64] = "";
		if (m % 4) /* some people give no email, even when they opt in */
			snprintf(email, sizeof email, "member%d@example.nhs.uk", m);
		add(&b, len,
		    "{\"type\":\"member\",\"gid\":\"%s-%ld\",\"changed\":%ld,\"created\":%ld,"
		    "\"first_name\":\"%s\",\"last_name\":\"%s\",\"organisation\":\"%s\","
		    "\"profession\":\"%s\",\"email\":\"%s\",\"mailing_list\":%s,\"may_contact\":%s,"
		    "\"forgotten\":false}\n",
		    k, id, id, t + id, first[f], last[l], orgs[m % 5], profs[m % 5],
		    email, opted ? "true" : "false", m % 2 ? "true" : "false");
		for (int e = 0; e < 2; e++) {
			if ((m + e) % 4 == 3)
				continue;
			++seq;
			add(&b, len,
			    "{\"type\":\"checkin\",\"gid\":\"%s-%ld\",\"changed\":%ld,\"created\":%ld,"
			    "\"event\":\"%s-%ld\",\"member\":\"%s-%ld\",\"role\":\"%s\"}\n",
			    k, seq, seq, t + seq, k, ev[e], k, id, m == 0 && e ? "facilitator" : "");
		}
	}
	for (int n = 0; n < members; n++) {
		int e = n % 2, kind = n % 3 == 2;
		++seq;
		add(&b, len,
		    "{\"type\":\"note\",\"gid\":\"%s-%ld\",\"changed\":%ld,\"created\":%ld,"
		    "\"event\":\"%s-%ld\",\"agenda_item\":\"%s-%ld\",\"kind\":%d,\"body\":\"%s\","
		    "\"group_size\":%d,\"theme\":null}\n",
		    k, seq, seq, t + seq, k, ev[e], k, items[e][n % 2], kind,
		    kind ? improve[n % 3] : going[n % 4], n % 5 == 0 ? 3 : 1);
		++seq;
		add(&b, len,
		    "{\"type\":\"response\",\"gid\":\"%s-%ld\",\"changed\":%ld,\"created\":%ld,"
		    "\"event\":\"%s-%ld\",\"prompt\":\"%s-%ld\",\"agenda_item\":null,"
		    "\"value_int\":%d,\"value_text\":null}\n",
		    k, seq, seq, t + seq, k, ev[e], k, prompt[e], 1 + (n * 7) % 5);
	}
	return b;
}

static int write_png(const QRcode *qr, const char *path)
{
	int side = (qr->width + 2 * QUIET) * MODULE_PX;
	unsigned char *px = malloc((size_t)side * (size_t)side);
	if (!px)
		return -1;
	memset(px, 255, (size_t)side * (size_t)side);
	for (int y = 0; y < qr->width; y++)
		for (int x = 0; x < qr->width; x++)
			if (qr->data[y * qr->width + x] & 1)
				for (int dy = 0; dy < MODULE_PX; dy++)
					memset(px + (size_t)((QUIET + y) * MODULE_PX + dy) * (size_t)side +
					           (size_t)(QUIET + x) * MODULE_PX,
					       0, MODULE_PX);
	png_image img;
	memset(&img, 0, sizeof img);
	img.version = PNG_IMAGE_VERSION;
	img.width = (png_uint_32)side;
	img.height = (png_uint_32)side;
	img.format = PNG_FORMAT_GRAY;
	int ok = png_image_write_to_file(&img, path, 0, px, side, NULL);
	free(px);
	return ok ? 0 : -1;
}

static char *slurp(const char *path, size_t *len)
{
	FILE *f = fopen(path, "rb");
	char *buf = NULL;
	size_t cap = 0, n;
	*len = 0;
	if (!f)
		return NULL;
	char chunk[4096];
	while ((n = fread(chunk, 1, sizeof chunk, f)) > 0) {
		char *nb = realloc(buf, cap + n + 1);
		if (!nb) {
			free(buf);
			fclose(f);
			return NULL;
		}
		buf = nb;
		memcpy(buf + cap, chunk, n);
		cap += n;
		buf[cap] = '\0';
	}
	fclose(f);
	*len = cap;
	return buf ? buf : calloc(1, 1);
}

static int hexfile(const char *path, unsigned char *out, size_t n)
{
	size_t len, bin = 0;
	char *t = slurp(path, &len);
	if (!t)
		return -1;
	while (len && (t[len - 1] == '\n' || t[len - 1] == '\r'))
		t[--len] = '\0';
	int rc = sodium_hex2bin(out, n, t, len, NULL, &bin, NULL) == 0 && bin == n ? 0 : -1;
	free(t);
	return rc;
}

/* The Ed25519 secret key in path (128 hex digits), made and written there if
 * the file does not exist. */
static bool signing_key(const char *path, unsigned char sk[SYNC_SIGN_SK_BYTES])
{
	char hex[2 * SYNC_SIGN_SK_BYTES + 2] = "";
	size_t n = 0;
	FILE *f = fopen(path, "r");
	if (f) {
		n = fread(hex, 1, sizeof hex - 1, f);
		fclose(f);
		hex[n] = '\0';
		n = 0;
		if (sodium_hex2bin(sk, SYNC_SIGN_SK_BYTES, hex, strcspn(hex, "\n"), NULL, &n, NULL) == 0 &&
		    n == SYNC_SIGN_SK_BYTES)
			return true;
		fprintf(stderr, "cop-sync-gen: %s is not a signing key\n", path);
		return false;
	}
	unsigned char pk[SYNC_SIGN_PK_BYTES];
	sync_sign_keypair(pk, sk);
	sodium_bin2hex(hex, sizeof hex, sk, SYNC_SIGN_SK_BYTES);
	f = fopen(path, "w");
	if (!f || fprintf(f, "%s\n", hex) < 0 || fclose(f) != 0) {
		fprintf(stderr, "cop-sync-gen: cannot write %s\n", path);
		return false;
	}
	return true;
}

/* Writes the parts of some frames, one frame a line: protocol, tag, count, seq
 * and the parts it mixes (0-based), separated by tabs, the parts by spaces. */
static int fountain_vectors(const char *path)
{
	static const size_t counts[] = {1, 2, 3, 10, 63, 64, 65, 130};
	static const char *const tags[] = {"6X2QQ9", "000000"};
	size_t parts[130];
	FILE *f = fopen(path, "w");
	if (!f) {
		fprintf(stderr, "cop-sync-gen: cannot write %s\n", path);
		return 1;
	}
	fputs("# protocol\ttag\tcount\tseq\tparts (0-based): sync/PROTOCOL.md, \"Fountain frames\"\n", f);
	for (int protocol = 1; protocol <= SYNC_PROTOCOL; protocol++)
		for (size_t t = 0; t < 2; t++)
			for (size_t c = 0; c < sizeof counts / sizeof *counts; c++) {
				uint32_t count = (uint32_t)counts[c];
				uint32_t seqs[] = {1, count, count + 1, count + 2, count + 3, count + 4, 4294967295u};
				if (protocol == 1 && c % 3 != 0)
					continue; /* protocol 1: a few for decoders that take it */
				for (size_t k = 0; k < sizeof seqs / sizeof *seqs; k++) {
					if (k && seqs[k] == seqs[k - 1])
						continue;
					size_t n = sync_frame_parts(protocol, tags[t], seqs[k], count, parts);
					fprintf(f, "%d\t%s\t%u\t%u\t", protocol, tags[t], count, seqs[k]);
					for (size_t i = 0; i < n; i++)
						fprintf(f, i ? " %zu" : "%zu", parts[i]);
					fputc('\n', f);
				}
			}
	return fclose(f) == 0 ? 0 : 1;
}

int main(int argc, char **argv)
{
	if (argc == 3 && strcmp(argv[1], "--fountain-vectors") == 0)
		return fountain_vectors(argv[2]);
	const char *kiosk = "K1A2", *batch = "1", *records_path = NULL, *write_records = NULL;
	const char *pub_path = NULL, *secret_hex = NULL, *text_path = NULL, *png_dir = NULL;
	const char *sign_path = NULL;
	int version = 20, members = 40, rc = 1;
	long long created = 1767225600;
	long fountain = -1;
	unsigned char pk[SYNC_PUBKEY_BYTES], secret[SYNC_SECRET_BYTES];
	char *records = NULL, **frames = NULL;
	size_t len = 0, count = 0;
	for (int i = 1; i < argc; i++) {
		const char *a = argv[i], *v = i + 1 < argc ? argv[i + 1] : NULL;
		if (strcmp(a, "--help") == 0) {
			fputs(usage, stdout);
			return 0;
		}
		if (!v) {
			fprintf(stderr, "cop-sync-gen: %s needs a value\n%s", a, usage);
			return 1;
		}
		i++;
		if (strcmp(a, "--kiosk") == 0) kiosk = v;
		else if (strcmp(a, "--batch") == 0) batch = v;
		else if (strcmp(a, "--version") == 0) version = atoi(v);
		else if (strcmp(a, "--members") == 0) members = atoi(v);
		else if (strcmp(a, "--records") == 0) records_path = v;
		else if (strcmp(a, "--write-records") == 0) write_records = v;
		else if (strcmp(a, "--pub") == 0) pub_path = v;
		else if (strcmp(a, "--secret") == 0) secret_hex = v;
		else if (strcmp(a, "--created") == 0) created = atoll(v);
		else if (strcmp(a, "--fountain") == 0) fountain = atol(v);
		else if (strcmp(a, "--text") == 0) text_path = v;
		else if (strcmp(a, "--png") == 0) png_dir = v;
		else if (strcmp(a, "--sign") == 0) sign_path = v;
		else {
			fprintf(stderr, "cop-sync-gen: unknown option %s\n%s", a, usage);
			return 1;
		}
	}
	if (sodium_init() < 0)
		return 1;
	if (pub_path && hexfile(pub_path, pk, sizeof pk) != 0) {
		fprintf(stderr, "cop-sync-gen: %s is not a public key\n", pub_path);
		return 1;
	}
	size_t bin = 0;
	if (secret_hex && (sodium_hex2bin(secret, sizeof secret, secret_hex, strlen(secret_hex),
	                                  NULL, &bin, NULL) != 0 || bin != sizeof secret)) {
		fprintf(stderr, "cop-sync-gen: --secret needs %d hex digits\n", 2 * SYNC_SECRET_BYTES);
		return 1;
	}
	if (records_path) {
		records = slurp(records_path, &len);
		if (!records) {
			fprintf(stderr, "cop-sync-gen: cannot read %s\n", records_path);
			return 1;
		}
	} else {
		records = make_records(kiosk, members, &len);
	}
	if (write_records) {
		FILE *f = fopen(write_records, "wb");
		if (!f || fwrite(records, 1, len, f) != len || fclose(f) != 0) {
			fprintf(stderr, "cop-sync-gen: cannot write %s\n", write_records);
			goto out;
		}
	}
	unsigned char sign_sk[SYNC_SIGN_SK_BYTES];
	if (sign_path && !signing_key(sign_path, sign_sk))
		goto out;
	sync_batch_opts o = {
		.kiosk_id = kiosk, .batch_id = batch, .created = created, .version = version,
		.pubkey = pub_path ? pk : NULL, .secret = secret_hex ? secret : NULL,
		.fountain = fountain, .signing_key = sign_path ? sign_sk : NULL,
	};
	char receipt[SYNC_RECEIPT_SIZE];
	int erc = sync_encode(&o, records, len, &frames, &count, receipt);
	if (erc != SYNC_OK) {
		fprintf(stderr, "cop-sync-gen: cannot encode the batch (status %d)\n", erc);
		goto out;
	}
	if (text_path) {
		FILE *f = fopen(text_path, "w");
		if (!f) {
			fprintf(stderr, "cop-sync-gen: cannot write %s\n", text_path);
			goto out;
		}
		for (size_t i = 0; i < count; i++)
			fprintf(f, "%s\n", frames[i]);
		if (fclose(f) != 0)
			goto out;
	}
	for (size_t i = 0; png_dir && i < count; i++) {
		QRcode *qr = NULL;
		char path[4096];
		snprintf(path, sizeof path, "%s/frame-%04zu.png", png_dir, i + 1);
		if (sync_frame_qr(frames[i], version, &qr) != SYNC_OK || write_png(qr, path) != 0) {
			fprintf(stderr, "cop-sync-gen: cannot render frame %zu to %s\n", i + 1, path);
			QRcode_free(qr);
			goto out;
		}
		QRcode_free(qr);
	}
	printf("%s\n", receipt);
	rc = 0;
out:
	sync_frames_free(frames, count);
	free(records);
	return rc;
}
