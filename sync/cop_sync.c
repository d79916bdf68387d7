/* cop-sync: the receiver — reassembles QR loop frames into batches, imports them
 * into its archive and prints receipt codes; exports the archive. */
#include "archive.h"
#include "sync.h"

#include <errno.h>
#include <fcntl.h>
#include <sodium.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

enum { EXIT_OKAY = 0, EXIT_BAD = 1, EXIT_INCOMPLETE = 2 };

#define MAX_BATCHES 64  /* batches one import follows at once */

static const char usage[] =
	"Usage:\n"
	"  cop-sync import --archive PATH [--key SECRETKEYFILE] [FILE...]\n"
	"      Reads frame texts one per line (as zbarimg --raw -q or zbarcam --raw print\n"
	"      them) from the files or stdin, imports each complete batch in one\n"
	"      transaction and prints its receipt code.\n"
	"      Exit 0: done; 1: bad input or usage; 2: frames still missing.\n"
	"  cop-sync export --archive PATH --format csv|mailchimp|markdown|json [--event ID]\n"
	"      Writes an export of the archive to stdout. csv: one event's attendance, as\n"
	"      the kiosk exports it (--event: the event's gid; default: the newest event);\n"
	"      markdown: every event, or the one given.\n"
	"  cop-sync report --archive PATH [--quarter YYYYQn]\n"
	"      Prints the quarterly measures of a calendar quarter (default: the quarter of\n"
	"      the newest event): events, attendees, people on the mailing list and their\n"
	"      organisations, each with its change since the quarter before.\n"
	"  cop-sync keygen --out PREFIX\n"
	"      Writes PREFIX.pub (for the kiosk) and PREFIX.key (keep it here): hex.\n"
	"  cop-sync --help\n";

static int fail(const char *fmt, const char *arg)
{
	fputs("cop-sync: ", stderr);
	fprintf(stderr, fmt, arg);
	fputc('\n', stderr);
	return EXIT_BAD;
}

/* ---- import ---------------------------------------------------------------- */

typedef struct {
	sync_decoder *dec;
	bool done;      /* imported, or given up on (reported) */
} slot;

typedef struct {
	archive *arc;
	const unsigned char *key;
	slot slots[MAX_BATCHES];
	int nslots;
	bool errors;     /* a batch could not be imported */
	bool frames;     /* at least one frame was accepted */
} importer;

/* "batch TAG: 7 / 12 frames, missing 3, 8", with "incomplete: " after the tag at the end. */
static void print_missing(const sync_decoder *dec, FILE *out, bool end)
{
	uint32_t seqs[12];
	size_t have, count, n = sync_decoder_missing(dec, seqs, 12);
	sync_decoder_progress(dec, &have, &count);
	fprintf(out, "batch %s: %s%zu / %zu frames", sync_decoder_tag(dec), end ? "incomplete, " : "",
	        have, count);
	if (n) {
		fputs(", missing", out);
		for (size_t i = 0; i < n && i < 12; i++)
			fprintf(out, "%s %lu", i ? "," : "", (unsigned long)seqs[i]);
		if (n > 12)
			fprintf(out, " and %zu more", n - 12);
		if (end)
			fprintf(out, " (%zu frame%s missing: keep scanning)", n, n == 1 ? "" : "s");
	}
	fputc('\n', out);
}

static void finish(importer *im, slot *s)
{
	unsigned char *payload = NULL;
	size_t len = 0;
	sync_batch *b = NULL;
	char why[256];
	const char *tag = sync_decoder_tag(s->dec);
	s->done = true;
	int rc = sync_decoder_payload(s->dec, im->key, &payload, &len);
	if (rc == SYNC_ERR_KEY) {
		fprintf(stderr, "batch %s: %s\n", tag,
		        im->key ? "the key does not open this batch (sealed for another archive?)"
		                : "this batch is encrypted: give the archive's key with --key");
		im->errors = true;
		goto out;
	}
	if (rc != SYNC_OK) {
		fprintf(stderr, "batch %s: reassembled but %s; nothing imported\n", tag,
		        rc == SYNC_ERR_CORRUPT ? "it fails its hash or does not inflate"
		        : rc == SYNC_ERR_TOO_BIG ? "it is too large" : "out of memory");
		im->errors = true;
		goto out;
	}
	if (sync_batch_parse((const char *)payload, len, &b, why, sizeof why) != SYNC_OK) {
		fprintf(stderr, "batch %s: %s; nothing imported\n", tag, why);
		im->errors = true;
		goto out;
	}
	archive_counts c;
	if (archive_import(im->arc, b, &c, why, sizeof why) != ARCHIVE_OK) {
		fprintf(stderr, "batch %s: %s; nothing imported\n", tag, why);
		im->errors = true;
		goto out;
	}
	printf("Imported batch %s from kiosk %s: %zu record%s (%zu new, %zu updated, %zu already "
	       "there). Receipt code: %s\n",
	       b->batch, b->kiosk, b->count, b->count == 1 ? "" : "s", c.added, c.updated,
	       c.unchanged, b->receipt);
	fflush(stdout);
out:
	sync_batch_free(b);
	free(payload);
}

/* Offers one line to the batches being followed, starting a new one if needed. */
static void take_line(importer *im, const char *name, size_t lineno, const char *line)
{
	sync_frame_status st = SYNC_FRAME_OTHER_BATCH;
	slot *s = NULL;
	for (int i = 0; i < im->nslots && st == SYNC_FRAME_OTHER_BATCH; i++) {
		s = &im->slots[i];
		st = sync_decoder_add(s->dec, line);
	}
	if (st == SYNC_FRAME_OTHER_BATCH) {
		if (im->nslots == MAX_BATCHES) {
			fprintf(stderr, "%s:%zu: more than %d batches at once; skipped\n", name, lineno,
			        MAX_BATCHES);
			return;
		}
		s = &im->slots[im->nslots];
		s->dec = sync_decoder_new();
		s->done = false;
		if (!s->dec) {
			fprintf(stderr, "%s:%zu: out of memory; skipped\n", name, lineno);
			return;
		}
		st = sync_decoder_add(s->dec, line);
		if (st == SYNC_FRAME_ACCEPTED || st == SYNC_FRAME_COMPLETE) {
			im->nslots++;
		} else {
			sync_decoder_free(s->dec);
			s->dec = NULL;
		}
	}
	switch (st) {
	case SYNC_FRAME_ACCEPTED:
		im->frames = true;
		print_missing(s->dec, stderr, false);
		break;
	case SYNC_FRAME_COMPLETE:
		im->frames = true;
		print_missing(s->dec, stderr, false);
		finish(im, s);
		break;
	case SYNC_FRAME_DUPLICATE:
		im->frames = true;
		break;
	default:
		fprintf(stderr, "%s:%zu: %s; skipped\n", name, lineno, sync_frame_status_text(st));
		break;
	}
}

static int read_stream(importer *im, FILE *in, const char *name)
{
	char *line = NULL;
	size_t cap = 0, lineno = 0;
	ssize_t n;
	while ((n = getline(&line, &cap, in)) >= 0) {
		lineno++;
		size_t len = (size_t)n;
		while (len > 0 && (line[len - 1] == '\n' || line[len - 1] == '\r'))
			line[--len] = '\0';
		if (strspn(line, " \t") == len)
			continue;
		if (strlen(line) != len) {
			fprintf(stderr, "%s:%zu: a NUL byte; skipped\n", name, lineno);
			continue;
		}
		take_line(im, name, lineno, line);
	}
	free(line);
	if (ferror(in))
		return fail("cannot read %s", name);
	return EXIT_OKAY;
}

static int read_key(const char *path, unsigned char sk[SYNC_SECKEY_BYTES])
{
	char text[256];
	size_t len = 0;
	FILE *f = fopen(path, "r");
	if (!f)
		return fail("cannot open the key file %s", path);
	len = fread(text, 1, sizeof text - 1, f);
	fclose(f);
	text[len] = '\0';
	while (len && (text[len - 1] == '\n' || text[len - 1] == '\r' || text[len - 1] == ' '))
		text[--len] = '\0';
	size_t bin = 0;
	if (len != 2 * SYNC_SECKEY_BYTES ||
	    sodium_hex2bin(sk, SYNC_SECKEY_BYTES, text, len, NULL, &bin, NULL) != 0 ||
	    bin != SYNC_SECKEY_BYTES)
		return fail("%s is not a secret key (64 hex digits)", path);
	return EXIT_OKAY;
}

static int cmd_import(int argc, char **argv)
{
	const char *path = NULL, *keyfile = NULL;
	unsigned char sk[SYNC_SECKEY_BYTES];
	int i = 0, rc = EXIT_OKAY;
	for (; i < argc; i++) {
		if (strcmp(argv[i], "--archive") == 0 && i + 1 < argc)
			path = argv[++i];
		else if (strcmp(argv[i], "--key") == 0 && i + 1 < argc)
			keyfile = argv[++i];
		else if (strcmp(argv[i], "--") == 0) {
			i++;
			break;
		} else if (argv[i][0] == '-' && argv[i][1])
			return fail("unknown or incomplete option %s (see cop-sync --help)", argv[i]);
		else
			break;
	}
	if (!path)
		return fail("%s", "import needs --archive PATH (see cop-sync --help)");
	if (sodium_init() < 0)
		return fail("%s", "libsodium cannot start");
	if (keyfile && read_key(keyfile, sk) != EXIT_OKAY)
		return EXIT_BAD;
	importer im = {0};
	im.key = keyfile ? sk : NULL;
	char err[512];
	if (archive_open(path, &im.arc, err, sizeof err) != ARCHIVE_OK)
		return fail("%s", err);
	if (i == argc) {
		rc = read_stream(&im, stdin, "stdin");
	} else {
		for (; i < argc && rc == EXIT_OKAY; i++) {
			FILE *f = strcmp(argv[i], "-") == 0 ? stdin : fopen(argv[i], "r");
			if (!f) {
				rc = fail("cannot open %s", argv[i]);
				break;
			}
			rc = read_stream(&im, f, argv[i]);
			if (f != stdin)
				fclose(f);
		}
	}
	size_t incomplete = 0;
	for (int k = 0; k < im.nslots; k++) {
		if (im.slots[k].done)
			continue;
		print_missing(im.slots[k].dec, stderr, true);
		incomplete++;
	}
	if (rc == EXIT_OKAY) {
		if (im.errors)
			rc = EXIT_BAD;
		else if (incomplete)
			rc = EXIT_INCOMPLETE;
		else if (!im.frames)
			rc = fail("%s", "no CoP Kiosk frames in the input");
	}
	for (int k = 0; k < im.nslots; k++)
		sync_decoder_free(im.slots[k].dec);
	archive_close(im.arc);
	sodium_memzero(sk, sizeof sk);
	return rc;
}

/* ---- export, report, keygen ------------------------------------------------ */

static int cmd_export(int argc, char **argv)
{
	const char *path = NULL, *format = NULL, *event = NULL;
	for (int i = 0; i < argc; i++) {
		if (strcmp(argv[i], "--archive") == 0 && i + 1 < argc)
			path = argv[++i];
		else if (strcmp(argv[i], "--event") == 0 && i + 1 < argc)
			event = argv[++i];
		else if (strcmp(argv[i], "--format") == 0 && i + 1 < argc)
			format = argv[++i];
		else
			return fail("unknown or incomplete argument %s (see cop-sync --help)", argv[i]);
	}
	if (!path || !format)
		return fail("%s", "export needs --archive PATH and --format csv|mailchimp|markdown|json");
	if (access(path, F_OK) != 0)
		return fail("no archive at %s", path);
	archive *a = NULL;
	char err[512];
	if (archive_open(path, &a, err, sizeof err) != ARCHIVE_OK)
		return fail("%s", err);
	/* Names and emails: a file the export is sent to is made private
	 * whatever the umask it was created under (not a pipe or a terminal). */
	struct stat st;
	if (fstat(STDOUT_FILENO, &st) == 0 && S_ISREG(st.st_mode) && st.st_uid == geteuid())
		(void)fchmod(STDOUT_FILENO, st.st_mode & 0600);
	int rc = archive_export(a, format, event, stdout, err, sizeof err);
	archive_close(a);
	return rc == ARCHIVE_OK ? EXIT_OKAY : fail("%s", err);
}

static int cmd_report(int argc, char **argv)
{
	const char *path = NULL, *quarter = NULL;
	for (int i = 0; i < argc; i++) {
		if (strcmp(argv[i], "--archive") == 0 && i + 1 < argc)
			path = argv[++i];
		else if (strcmp(argv[i], "--quarter") == 0 && i + 1 < argc)
			quarter = argv[++i];
		else
			return fail("unknown or incomplete argument %s (see cop-sync --help)", argv[i]);
	}
	if (!path)
		return fail("%s", "report needs --archive PATH (see cop-sync --help)");
	if (access(path, F_OK) != 0)
		return fail("no archive at %s", path);
	archive *a = NULL;
	char err[512];
	if (archive_open(path, &a, err, sizeof err) != ARCHIVE_OK)
		return fail("%s", err);
	int rc = archive_report(a, quarter, stdout, err, sizeof err);
	archive_close(a);
	return rc == ARCHIVE_OK ? EXIT_OKAY : fail("%s", err);
}

/* Writes text to a new file (never over an existing one) with the given mode. */
static int write_new(const char *path, const char *text, mode_t mode)
{
	int fd = open(path, O_WRONLY | O_CREAT | O_EXCL, mode);
	if (fd < 0)
		return fail(errno == EEXIST ? "%s exists already; not overwritten" : "cannot create %s",
		            path);
	size_t len = strlen(text);
	bool ok = write(fd, text, len) == (ssize_t)len;
	ok &= close(fd) == 0;
	return ok ? EXIT_OKAY : fail("cannot write %s", path);
}

static int cmd_keygen(int argc, char **argv)
{
	if (argc != 2 || strcmp(argv[0], "--out") != 0 || !argv[1][0])
		return fail("%s", "keygen needs --out PREFIX");
	size_t n = strlen(argv[1]);
	if (n > 4000)
		return fail("%s", "the prefix is too long");
	char pub[4100], key[4100];
	snprintf(pub, sizeof pub, "%s.pub", argv[1]);
	snprintf(key, sizeof key, "%s.key", argv[1]);
	unsigned char pk[SYNC_PUBKEY_BYTES], sk[SYNC_SECKEY_BYTES];
	char hex[2 * SYNC_SECKEY_BYTES + 2];
	if (sync_keypair(pk, sk) != SYNC_OK)
		return fail("%s", "libsodium cannot start");
	int rc = EXIT_OKAY;
	sodium_bin2hex(hex, sizeof hex - 1, sk, sizeof sk);
	strcat(hex, "\n");
	if (write_new(key, hex, 0600) != EXIT_OKAY) {
		rc = EXIT_BAD;
		goto out;
	}
	sodium_bin2hex(hex, sizeof hex - 1, pk, sizeof pk);
	strcat(hex, "\n");
	if (write_new(pub, hex, 0644) != EXIT_OKAY) {
		unlink(key);
		rc = EXIT_BAD;
		goto out;
	}
	printf("Wrote %s (give it to the kiosks) and %s (keep it with the archive).\n", pub, key);
out:
	sodium_memzero(sk, sizeof sk);
	sodium_memzero(hex, sizeof hex);
	return rc;
}

int main(int argc, char **argv)
{
	if (argc < 2)
		return fail("%s", "no command (see cop-sync --help)");
	if (strcmp(argv[1], "--help") == 0 || strcmp(argv[1], "-h") == 0) {
		fputs(usage, stdout);
		return EXIT_OKAY;
	}
	if (strcmp(argv[1], "import") == 0)
		return cmd_import(argc - 2, argv + 2);
	if (strcmp(argv[1], "export") == 0)
		return cmd_export(argc - 2, argv + 2);
	if (strcmp(argv[1], "report") == 0)
		return cmd_report(argc - 2, argv + 2);
	if (strcmp(argv[1], "keygen") == 0)
		return cmd_keygen(argc - 2, argv + 2);
	return fail("unknown command %s (see cop-sync --help)", argv[1]);
}
