/* cop-sync: the receiver — reassembles QR loop frames into batches, imports them
 * into its archive and prints receipt codes; exports the archive. */
#include "archive.h"
#include "receive.h"
#include "serve.h"
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
	"  cop-sync serve --archive PATH [--listen ADDR:PORT] [--key SECRETKEYFILE]\n"
	"                 [--tls-cert FILE --tls-key FILE]\n"
	"      The community's online space (default http://127.0.0.1:8080/): its events,\n"
	"      post-it walls, reflections and measures, the downloads, and /receive, where a\n"
	"      phone's browser reads a kiosk's QR loop. Stops cleanly on SIGTERM.\n"
	"  cop-sync user add|remove|list --archive PATH [NAME]\n"
	"                 [--community NAME --role keeper|friend|admin]\n"
	"      The online space's accounts; add reads a new user's password (10 or more\n"
	"      characters) from stdin. A user sees their communities' events only:\n"
	"      keepers and critical friends read, keepers also receive, admins also\n"
	"      manage accounts; without --community, an admin of every community.\n"
	"      Given for an existing user, --community sets their role there.\n"
	"  cop-sync keygen --out PREFIX\n"
	"      Writes PREFIX.pub (for the kiosk) and PREFIX.key (keep it here): hex.\n"
	"  cop-sync --help\n"
	"The archive (--archive) is an SQLite file, made if absent, or a PostgreSQL\n"
	"database: postgresql://USER@HOST/DB (libpq's URI; postgresql:// alone takes\n"
	"the PG* environment), in the C locale, shared by several cop-sync processes.\n";

int cli_fail(const char *fmt, const char *arg)
{
	fputs("cop-sync: ", stderr);
	fprintf(stderr, fmt, arg);
	fputc('\n', stderr);
	return EXIT_BAD;
}

/* ---- import ---------------------------------------------------------------- */

typedef struct {
	receiver *recv;
	bool errors;     /* a batch could not be imported */
	bool frames;     /* at least one frame was accepted */
} importer;

/* "batch TAG: 7 / 12 frames, missing 3, 8", with "incomplete: " after the tag at the end. */
static void print_missing(const receive_batch *b, FILE *out, bool end)
{
	uint32_t seqs[12];
	size_t n = receive_missing(b, seqs, 12);
	fprintf(out, "batch %s: %s%zu / %zu frames", b->tag, end ? "incomplete, " : "", b->have,
	        b->count);
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

/* What became of a batch the frame completed, on stdout or stderr. */
static void report(importer *im, const receive_batch *b)
{
	if (b->state == RECEIVE_IMPORTED) {
		printf("Imported batch %s from kiosk %s: %zu record%s (%zu new, %zu updated, %zu "
		       "already there). Receipt code: %s\n",
		       b->batch, b->kiosk, b->records, b->records == 1 ? "" : "s", b->counts.added,
		       b->counts.updated, b->counts.unchanged, b->receipt);
		fflush(stdout);
		return;
	}
	im->errors = true;
	switch (b->why) {
	case RECEIVE_NO_KEY:
		fprintf(stderr, "batch %s: this batch is encrypted: give the archive's key with --key\n",
		        b->tag);
		break;
	case RECEIVE_WRONG_KEY:
		fprintf(stderr, "batch %s: the key does not open this batch (sealed for another "
		        "archive?)\n", b->tag);
		break;
	case RECEIVE_DAMAGED:
		fprintf(stderr, "batch %s: reassembled but %s; nothing imported\n", b->tag, b->detail);
		break;
	default:
		fprintf(stderr, "batch %s: %s; nothing imported\n", b->tag, b->detail);
		break;
	}
}

/* Offers one line to the batches being followed. */
static void take_line(importer *im, const char *name, size_t lineno, const char *line)
{
	receive_batch *b = NULL;
	sync_frame_status st = receiver_add(im->recv, line, 0, &b);
	if (!b) {
		if (st == SYNC_FRAME_INCONSISTENT && receiver_count(im->recv) == RECEIVE_MAX_BATCHES)
			fprintf(stderr, "%s:%zu: more than %d batches at once; skipped\n", name, lineno,
			        RECEIVE_MAX_BATCHES);
		else {
			char why[256];
			receive_skip_reason(line, st, why, sizeof why);
			fprintf(stderr, "%s:%zu: %s; skipped\n", name, lineno, why);
		}
		return;
	}
	im->frames = true;
	if (st == SYNC_FRAME_DUPLICATE)
		return;
	print_missing(b, stderr, false);
	if (st == SYNC_FRAME_COMPLETE)
		report(im, b);
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
		return cli_fail("cannot read %s", name);
	return EXIT_OKAY;
}

int cli_read_key(const char *path, unsigned char sk[SYNC_SECKEY_BYTES])
{
	char text[256];
	size_t len = 0;
	FILE *f = fopen(path, "r");
	if (!f)
		return cli_fail("cannot open the key file %s", path);
	len = fread(text, 1, sizeof text - 1, f);
	fclose(f);
	text[len] = '\0';
	while (len && (text[len - 1] == '\n' || text[len - 1] == '\r' || text[len - 1] == ' '))
		text[--len] = '\0';
	size_t bin = 0;
	if (len != 2 * SYNC_SECKEY_BYTES ||
	    sodium_hex2bin(sk, SYNC_SECKEY_BYTES, text, len, NULL, &bin, NULL) != 0 ||
	    bin != SYNC_SECKEY_BYTES)
		return cli_fail("%s is not a secret key (64 hex digits)", path);
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
			return cli_fail("unknown or incomplete option %s (see cop-sync --help)", argv[i]);
		else
			break;
	}
	if (!path)
		return cli_fail("%s", "import needs --archive PATH (see cop-sync --help)");
	if (sodium_init() < 0)
		return cli_fail("%s", "libsodium cannot start");
	if (keyfile && cli_read_key(keyfile, sk) != EXIT_OKAY)
		return EXIT_BAD;
	importer im = {0};
	archive *arc = NULL;
	char err[512];
	if (archive_open(path, &arc, err, sizeof err) != ARCHIVE_OK)
		return cli_fail("%s", err);
	im.recv = receiver_new(arc, keyfile ? sk : NULL);
	sodium_memzero(sk, sizeof sk);
	if (!im.recv) {
		archive_close(arc);
		return cli_fail("%s", "out of memory");
	}
	if (i == argc) {
		rc = read_stream(&im, stdin, "stdin");
	} else {
		for (; i < argc && rc == EXIT_OKAY; i++) {
			FILE *f = strcmp(argv[i], "-") == 0 ? stdin : fopen(argv[i], "r");
			if (!f) {
				rc = cli_fail("cannot open %s", argv[i]);
				break;
			}
			rc = read_stream(&im, f, argv[i]);
			if (f != stdin)
				fclose(f);
		}
	}
	size_t incomplete = 0;
	for (size_t k = 0; k < receiver_count(im.recv); k++) {
		const receive_batch *b = receiver_batch(im.recv, k);
		if (b->state != RECEIVE_RECEIVING)
			continue;
		print_missing(b, stderr, true);
		incomplete++;
	}
	if (rc == EXIT_OKAY) {
		if (im.errors)
			rc = EXIT_BAD;
		else if (incomplete)
			rc = EXIT_INCOMPLETE;
		else if (!im.frames)
			rc = cli_fail("%s", "no CoP Kiosk frames in the input");
	}
	receiver_free(im.recv);
	archive_close(arc);
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
			return cli_fail("unknown or incomplete argument %s (see cop-sync --help)", argv[i]);
	}
	if (!path || !format)
		return cli_fail("%s", "export needs --archive PATH and --format csv|mailchimp|markdown|json");
	if (!archive_is_server(path) && access(path, F_OK) != 0)
		return cli_fail("no archive at %s", path);
	archive *a = NULL;
	char err[512];
	if (archive_open(path, &a, err, sizeof err) != ARCHIVE_OK)
		return cli_fail("%s", err);
	/* Names and emails: a file the export is sent to is made private
	 * whatever the umask it was created under (not a pipe or a terminal). */
	struct stat st;
	if (fstat(STDOUT_FILENO, &st) == 0 && S_ISREG(st.st_mode) && st.st_uid == geteuid())
		(void)fchmod(STDOUT_FILENO, st.st_mode & 0600);
	int rc = archive_export(a, NULL, format, event, stdout, err, sizeof err);
	archive_close(a);
	return rc == ARCHIVE_OK ? EXIT_OKAY : cli_fail("%s", err);
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
			return cli_fail("unknown or incomplete argument %s (see cop-sync --help)", argv[i]);
	}
	if (!path)
		return cli_fail("%s", "report needs --archive PATH (see cop-sync --help)");
	if (!archive_is_server(path) && access(path, F_OK) != 0)
		return cli_fail("no archive at %s", path);
	archive *a = NULL;
	char err[512];
	if (archive_open(path, &a, err, sizeof err) != ARCHIVE_OK)
		return cli_fail("%s", err);
	int rc = archive_report(a, NULL, quarter, stdout, err, sizeof err);
	archive_close(a);
	return rc == ARCHIVE_OK ? EXIT_OKAY : cli_fail("%s", err);
}

/* Writes text to a new file (never over an existing one) with the given mode. */
static int write_new(const char *path, const char *text, mode_t mode)
{
	int fd = open(path, O_WRONLY | O_CREAT | O_EXCL, mode);
	if (fd < 0)
		return cli_fail(errno == EEXIST ? "%s exists already; not overwritten" : "cannot create %s",
		            path);
	size_t len = strlen(text);
	bool ok = write(fd, text, len) == (ssize_t)len;
	ok &= close(fd) == 0;
	return ok ? EXIT_OKAY : cli_fail("cannot write %s", path);
}

static int cmd_keygen(int argc, char **argv)
{
	if (argc != 2 || strcmp(argv[0], "--out") != 0 || !argv[1][0])
		return cli_fail("%s", "keygen needs --out PREFIX");
	size_t n = strlen(argv[1]);
	if (n > 4000)
		return cli_fail("%s", "the prefix is too long");
	char pub[4100], key[4100];
	snprintf(pub, sizeof pub, "%s.pub", argv[1]);
	snprintf(key, sizeof key, "%s.key", argv[1]);
	unsigned char pk[SYNC_PUBKEY_BYTES], sk[SYNC_SECKEY_BYTES];
	char hex[2 * SYNC_SECKEY_BYTES + 2];
	if (sync_keypair(pk, sk) != SYNC_OK)
		return cli_fail("%s", "libsodium cannot start");
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
		return cli_fail("%s", "no command (see cop-sync --help)");
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
	if (strcmp(argv[1], "serve") == 0)
		return serve_command(argc - 2, argv + 2);
	if (strcmp(argv[1], "user") == 0)
		return auth_user_command(argc - 2, argv + 2);
	if (strcmp(argv[1], "keygen") == 0)
		return cmd_keygen(argc - 2, argv + 2);
	return cli_fail("unknown command %s (see cop-sync --help)", argv[1]);
}
