/* store_open: opening the data file: checks, migration, identity, write-back and closing. */
#include "store_impl.h"

#include <assert.h>
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include <sodium.h>

#include "sync.h"
#include "text.h"

#define BUSY_MS 2000        /* how long to wait for another process's lock */

/* 'CoPK' in the SQLite header (PRAGMA application_id): another program's database
 * with a user_version of its own is never mistaken for an older kiosk's. */
#define APP_ID 1131368523

/* ---- opening ------------------------------------------------------------------- */

/* The folder holding path, as a new string ("." for a bare name). */
static char *parent_dir(const char *path)
{
	const char *slash = strrchr(path, '/');

	if (!slash)
		return strdup(".");
	if (slash == path)
		return strdup("/");
	return strndup(path, (size_t)(slash - path));
}

/* Decides, before SQLite touches anything, whether path may be opened: a missing
 * or empty file becomes a new database; a file starting like an SQLite database
 * goes on to the checks inside it; anything else is refused and left as it is.
 * The folder must take new files too: SQLite keeps its journal beside the file. */
static int check_file(store *s, const char *path)
{
	static const char magic[16] = "SQLite format 3";
	unsigned char head[sizeof magic];
	struct stat st;
	char *dir = NULL;
	FILE *f = NULL;
	int rc = STORE_OK;

	if (path[0] == '\0')
		return set_msg(s, STORE_IO, _("No data file was given."));
	dir = parent_dir(path);
	if (!dir) {
		rc = set_msg(s, STORE_IO, _("Not enough memory to open %s"), path);
		goto out;
	}
	if (stat(path, &st) != 0) {
		if (errno != ENOENT) {
			rc = set_msg(s, STORE_IO, _("Cannot use %s (%s)"), path, strerror(errno));
		} else if (stat(dir, &st) != 0 || !S_ISDIR(st.st_mode)) {
			rc = set_msg(s, STORE_IO, _("Cannot create %s: the folder %s does "
				     "not exist"), path, dir);
		} else if (access(dir, W_OK | X_OK) != 0) {
			rc = set_msg(s, STORE_IO, _("Cannot create %s: the folder %s is "
				     "read-only"), path, dir);
		}
		goto out;
	}
	if (S_ISDIR(st.st_mode)) {
		rc = set_msg(s, STORE_IO, _("Cannot use %s: it is a folder, not a data "
			     "file"), path);
		goto out;
	}
	if (!S_ISREG(st.st_mode)) {
		rc = set_msg(s, STORE_IO, _("Cannot use %s: it is not an ordinary file"), path);
		goto out;
	}
	if (access(path, R_OK | W_OK) != 0) {
		rc = set_msg(s, STORE_IO, _("Cannot use %s: the kiosk may not read and "
			     "write it (%s)"), path, strerror(errno));
		goto out;
	}
	if (access(dir, W_OK | X_OK) != 0) {
		rc = set_msg(s, STORE_IO, _("Cannot use %s: the folder %s is read-only"),
			     path, dir);
		goto out;
	}
	if (st.st_size == 0)
		goto out;
	f = fopen(path, "rb");
	if (!f) {
		rc = set_msg(s, STORE_IO, _("Cannot read %s (%s)"), path, strerror(errno));
		goto out;
	}
	if (fread(head, 1, sizeof head, f) != sizeof head ||
	    memcmp(head, magic, sizeof magic) != 0)
		rc = set_msg(s, STORE_CORRUPT, _("%s is not a CoP Kiosk data file (file is "
			     "not a database)"), path);
out:
	if (f)
		fclose(f);
	free(dir);
	return rc;
}

/* The reason an SQLite file could not be opened or read, naming path. */
static int fail_open(store *s, const char *path, int src)
{
	char what[320];

	switch (src & 0xff) {
	case SQLITE_NOTADB:
		return set_msg(s, STORE_CORRUPT, _("%s is not a CoP Kiosk data file (%s)"),
			       path, sqlite3_errstr(src));
	case SQLITE_CORRUPT:
		return set_msg(s, STORE_CORRUPT, _("%s is damaged, so the kiosk will not "
			       "use it (%s)"), path, sqlite3_errmsg(s->db));
	default:
		/* Translated here: fail_db's _() finds no message for it and keeps
		 * it as it is. */
		snprintf(what, sizeof what, _("%s was not opened"), path);
		return fail_db(s, src, what);
	}
}

/* Runs PRAGMA quick_check: STORE_CORRUPT with SQLite's first finding if the
 * file's pages do not hold together. */
static int quick_check(store *s, const char *path)
{
	sqlite3_stmt *st = NULL;
	const char *first;
	int rc = STORE_OK, src;

	src = sqlite3_prepare_v2(s->db, "PRAGMA quick_check", -1, &st, NULL);
	if (src == SQLITE_OK)
		src = sqlite3_step(st);
	if (src != SQLITE_ROW) {
		rc = fail_open(s, path, src == SQLITE_DONE ? SQLITE_CORRUPT : src);
		goto out;
	}
	first = (const char *)sqlite3_column_text(st, 0);
	if (first && strcmp(first, "ok") == 0)
		goto out;
	/* The message is one line: keep SQLite's first finding, not its banner. */
	if (first && strncmp(first, "*** ", 4) == 0 && strchr(first, '\n'))
		first = strchr(first, '\n') + 1;
	if (!first)
		first = _("no result");
	rc = set_msg(s, STORE_CORRUPT, _("%s is damaged, so the kiosk will not use it "
		     "(%.*s)"), path, (int)strcspn(first, "\n"), first);
out:
	sqlite3_finalize(st);
	return rc;
}

/* Identifies what is in an opened file without writing to it: ours at a version
 * we know (*version receives it), a new empty file (0), a newer kiosk's, another
 * program's, or damaged. */
static int check_contents(store *s, const char *path, int known, int64_t *version)
{
	int64_t app = 0, tables = 0;
	int src;

	src = query_int(s->db, "PRAGMA application_id", &app);
	if (src == SQLITE_OK)
		src = query_int(s->db, "PRAGMA user_version", version);
	if (src == SQLITE_OK)
		src = query_int(s->db, "SELECT count(*) FROM sqlite_master", &tables);
	if (src != SQLITE_OK)
		return fail_open(s, path, src);
	if ((app != 0 && app != APP_ID) || (app == 0 && (*version != 0 || tables != 0)))
		return set_msg(s, STORE_CORRUPT, _("%s is not a CoP Kiosk data file (it "
			       "belongs to another program)"), path);
	if (*version > known)
		return set_msg(s, STORE_TOO_NEW, _("%s was written by a newer CoP Kiosk "
			       "(data version %lld; this kiosk knows up to %d): update "
			       "this kiosk to use it"), path, (long long)*version, known);
	if (*version < 0)
		return set_msg(s, STORE_CORRUPT, _("%s is damaged, so the kiosk will not "
			       "use it (data version %lld)"), path, (long long)*version);
	return quick_check(s, path);
}

/* Loads the kiosk's signing key into s, making one if the data file has none
 * (a new kiosk, or one from before batches were signed). Inside a transaction. */
static int load_sign_key(store *s, const char *what)
{
	char hex[2 * SYNC_SIGN_SK_BYTES + 1];
	unsigned char pk[SYNC_SIGN_PK_BYTES];
	size_t n = 0;
	int rc = setting_get_text(s, KEY_SIGN, hex, sizeof hex);
	if (rc == STORE_NOTFOUND) {
		sync_sign_keypair(pk, s->sign_key);
		sodium_bin2hex(hex, sizeof hex, s->sign_key, sizeof s->sign_key);
		rc = setting_put_text(s, KEY_SIGN, hex, what);
	} else if (rc == STORE_OK &&
		   (sodium_hex2bin(s->sign_key, sizeof s->sign_key, hex, strlen(hex), NULL, &n, NULL) != 0 ||
		    n != sizeof s->sign_key)) {
		rc = set_msg(s, STORE_CORRUPT, _("The data file is damaged: its signing key is not "
			     "128 hex digits."));
	}
	sodium_memzero(hex, sizeof hex);
	return rc;
}

/* Gives a new database its kiosk id, taken from its new signing key's hash
 * (sync/PROTOCOL.md), and loads the id and the key into s. */
static int load_kiosk_id(store *s)
{
	static const char what[] = N_("the kiosk's id was not saved");
	char hex[KIOSK_ID_LEN + 1];
	int rc;

	/* A kiosk that has its id needs no write lock to read it: another
	 * process holding that lock for a while (a backup, a second kiosk) does
	 * not keep it from starting. */
	char key[2 * SYNC_SIGN_SK_BYTES + 1];
	rc = setting_get_text(s, KEY_KIOSK, s->kiosk, sizeof s->kiosk);
	if (rc == STORE_OK && setting_get_text(s, KEY_SIGN, key, sizeof key) == STORE_OK) {
		sodium_memzero(key, sizeof key);
		rc = load_sign_key(s, what); /* there: read, not written */
		goto check;
	}
	/* A new kiosk, or one from before batches were signed: written. */
	rc = tx_begin(s, what);
	if (rc != STORE_OK)
		return rc;
	rc = setting_get_text(s, KEY_KIOSK, s->kiosk, sizeof s->kiosk);
	bool new_kiosk = rc == STORE_NOTFOUND;
	if (new_kiosk || rc == STORE_OK)
		rc = load_sign_key(s, what);
	if (rc == STORE_OK && new_kiosk) {
		_Static_assert(KIOSK_ID_LEN == 16, "a kiosk id is 16 hex digits of its key's hash");
		/* libsodium's secret key ends with the public key. */
		sync_kiosk_id_of_key(s->sign_key + 32, hex);
		rc = setting_put_text(s, KEY_KIOSK, hex, what);
		if (rc == STORE_OK)
			memcpy(s->kiosk, hex, sizeof hex);
	}
	rc = tx_end(s, rc, what);
check:
	if (rc == STORE_OK && (strlen(s->kiosk) != KIOSK_ID_LEN ||
			       strspn(s->kiosk, "0123456789abcdef") != KIOSK_ID_LEN))
		rc = set_msg(s, STORE_CORRUPT, _("The data file is damaged: its kiosk id "
			     "\"%s\" is not 16 hex digits."), s->kiosk);
	return rc;
}

/* kiosk_fold(text): text_fold in SQL, so that a migration can build the search
 * keys of members an older kiosk stored. NULL stays NULL. */
static void sql_fold(sqlite3_context *ctx, int argc, sqlite3_value **argv)
{
	const unsigned char *src;
	char *dst;
	int len;

	assert(argc == 1);
	(void)argc;
	src = sqlite3_value_text(argv[0]);
	if (!src) {
		sqlite3_result_null(ctx);
		return;
	}
	len = sqlite3_value_bytes(argv[0]);
	/* A folded text is never longer than the original. */
	dst = sqlite3_malloc(len + 1);
	if (!dst) {
		sqlite3_result_error_nomem(ctx);
		return;
	}
	text_fold(dst, (size_t)len + 1, (const char *)src);
	sqlite3_result_text(ctx, dst, -1, sqlite3_free);
}

/* A new data file is made readable and writable by its owner only, whatever
 * the umask: it holds names and emails. SQLite gives the -wal, -shm and
 * -journal files it makes beside it the same mode. */
static int create_private(store *s, const char *path)
{
	int fd = open(path, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0600);
	int rc = STORE_OK;

	if (fd < 0)
		return errno == EEXIST ? STORE_OK : /* another process made it first */
		       set_msg(s, STORE_IO, _("Cannot create %s (%s)"), path, strerror(errno));
	/* The umask may take bits from 0600 too (077 leaves it, 0277 does not). */
	if (fchmod(fd, 0600) != 0)
		rc = set_msg(s, STORE_IO, _("Cannot create %s (%s)"), path, strerror(errno));
	close(fd);
	return rc;
}

/* A data file of ours made readable by others (by a kiosk before this one,
 * under a umask of 022) is made private, with the files beside it. Only
 * what this user owns; what cannot be changed is left as it is. */
static void make_private(const char *path)
{
	static const char *const beside[] = {"", "-wal", "-shm", "-journal"};
	char name[4096];
	struct stat st;

	for (size_t i = 0; i < sizeof beside / sizeof beside[0]; i++) {
		if ((size_t)snprintf(name, sizeof name, "%s%s", path, beside[i]) >= sizeof name)
			return;
		if (stat(name, &st) == 0 && S_ISREG(st.st_mode) && st.st_uid == geteuid() &&
		    (st.st_mode & 077) != 0)
			(void)chmod(name, st.st_mode & 0700);
	}
}

/* The kiosk id the data file at path holds in itself (into id, of cap
 * bytes): read into memory, not opened where it lies, where the -wal beside
 * it would be read as its own. False if it holds none. */
static bool file_kiosk_id(const char *path, char *id, size_t cap)
{
	sqlite3 *db = NULL;
	sqlite3_stmt *st = NULL;
	unsigned char *image = NULL;
	struct stat info;
	bool found = false;
	FILE *f = fopen(path, "rb");

	if (!f || fstat(fileno(f), &info) != 0 || info.st_size < 100 || info.st_size > ((off_t)1 << 30))
		goto out;
	image = sqlite3_malloc64((sqlite3_uint64)info.st_size);
	if (!image || fread(image, 1, (size_t)info.st_size, f) != (size_t)info.st_size)
		goto out;
	/* A WAL database's header says so (bytes 18 and 19); in memory it is a
	 * plain one. */
	image[18] = image[19] = 1;
	if (sqlite3_open_v2(":memory:", &db, SQLITE_OPEN_READWRITE, NULL) != SQLITE_OK)
		goto out;
	if (sqlite3_deserialize(db, "main", image, info.st_size, info.st_size,
				SQLITE_DESERIALIZE_FREEONCLOSE | SQLITE_DESERIALIZE_READONLY) != SQLITE_OK) {
		image = NULL; /* freed by SQLite even on failure */
		goto out;
	}
	image = NULL;
	if (sqlite3_prepare_v2(db, "SELECT value FROM settings WHERE key = ?1", -1, &st, NULL) == SQLITE_OK &&
	    sqlite3_bind_text(st, 1, KEY_KIOSK, -1, SQLITE_STATIC) == SQLITE_OK && sqlite3_step(st) == SQLITE_ROW &&
	    sqlite3_column_text(st, 0)) {
		snprintf(id, cap, "%s", (const char *)sqlite3_column_text(st, 0));
		found = true;
	}
out:
	sqlite3_finalize(st);
	sqlite3_close(db);
	sqlite3_free(image);
	if (f)
		fclose(f);
	return found;
}

/* True if the data file at path is this kiosk's (its kiosk id is s's). */
static bool same_kiosk(const store *s, const char *path)
{
	char id[KIOSK_ID_LEN + 1];
	return file_kiosk_id(path, id, sizeof id) && !strcmp(id, s->kiosk);
}

/* A -wal beside the data file left by another data file (copied in, or the
 * file put back from a backup without its own) would be merged into ours:
 * the kiosk id the file holds and the one seen through the WAL must be one. */
static int check_wal(store *s, const char *path)
{
	char wal[4200], alone[64], seen[64];
	struct stat st;

	snprintf(wal, sizeof wal, "%s-wal", path);
	if (stat(wal, &st) != 0 || st.st_size <= 32 || !file_kiosk_id(path, alone, sizeof alone))
		return STORE_OK;
	if (setting_get_text(s, KEY_KIOSK, seen, sizeof seen) != STORE_OK || !strcmp(alone, seen))
		return STORE_OK;
	return set_msg(s, STORE_CORRUPT, _("%s beside the data file belongs to another data file (kiosk %s): the "
		       "kiosk did not mix them. Move it away, then start the kiosk again."), wal, seen);
}

/* Everything store_open does once s exists; s->db is closed by the caller. */
static int open_checked(store *s, const char *path, int known)
{
	int64_t version = 0;
	int rc, src;

	/* Idempotent; only -1 is a failure (1 means already done). */
	if (sodium_init() < 0)
		return set_msg(s, STORE_IO, _("The cryptography library could not start, "
			       "so %s was not opened"), path);
	rc = check_file(s, path);
	if (rc != STORE_OK)
		return rc;
	rc = create_private(s, path);
	if (rc != STORE_OK)
		return rc;
	src = sqlite3_open_v2(path, &s->db, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE,
			      NULL);
	if (src != SQLITE_OK)
		return set_msg(s, STORE_IO, _("Cannot open %s (%s)"), path,
			       s->db ? sqlite3_errmsg(s->db) : sqlite3_errstr(src));
	sqlite3_extended_result_codes(s->db, 1);
	sqlite3_busy_timeout(s->db, BUSY_MS);
	src = sqlite3_create_function_v2(s->db, "kiosk_fold", 1, SQLITE_UTF8 |
					 SQLITE_DETERMINISTIC | SQLITE_INNOCUOUS, NULL,
					 sql_fold, NULL, NULL, NULL);
	if (src != SQLITE_OK)
		return fail_open(s, path, src);
	if (sqlite3_db_readonly(s->db, "main") == 1)
		return set_msg(s, STORE_IO, _("Cannot use %s: the file is read-only"), path);

	/* Only reads until the file is known to be ours and whole; and a
	 * refused file is closed without emptying a WAL found beside it into
	 * it (with none, closing removes the empty one opening made). */
	{
		char wal[4200];
		struct stat st;
		snprintf(wal, sizeof wal, "%s-wal", path);
		if (stat(wal, &st) == 0 && st.st_size > 0)
			sqlite3_db_config(s->db, SQLITE_DBCONFIG_NO_CKPT_ON_CLOSE, 1, NULL);
	}
	rc = check_contents(s, path, known, &version);
	if (rc == STORE_OK && version > 0)
		rc = check_wal(s, path);
	if (rc != STORE_OK)
		return rc;
	sqlite3_db_config(s->db, SQLITE_DBCONFIG_NO_CKPT_ON_CLOSE, 0, NULL);
	make_private(path);
	{
		struct stat st;
		if (stat(path, &st) != 0)
			return set_msg(s, STORE_IO, _("Cannot open %s (%s)"), path, strerror(errno));
		snprintf(s->path, sizeof s->path, "%s", path);
		s->dev = st.st_dev;
		s->ino = st.st_ino;
	}

	/* WAL and FULL sync: a power cut loses at most the record being saved.
	 * Temporary journals in memory: a batch's savepoints (store_begin) would
	 * otherwise write every page they touch to a temporary file. Secure
	 * delete: what a change or a forget removes is overwritten with zeros,
	 * not left in the file's free space (whatever SQLite's build default). */
	src = sqlite3_exec(s->db, "PRAGMA journal_mode = WAL; "
			   "PRAGMA synchronous = FULL; PRAGMA foreign_keys = ON; "
			   "PRAGMA temp_store = MEMORY; PRAGMA secure_delete = ON", NULL, NULL, NULL);
	if (src != SQLITE_OK)
		return fail_open(s, path, src);
	for (int step = (int)version; step < known; step++) {
		/* Steps after the first may seed records, which carry the kiosk's
		 * id: a new kiosk gets it as soon as step 1 made the settings. */
		if (step > 0 && s->kiosk[0] == '\0') {
			rc = load_kiosk_id(s);
			if (rc != STORE_OK)
				return rc;
		}
		rc = migrate_step(s, path, step);
		if (rc != STORE_OK)
			return rc;
	}
	s->schema = known;
	rc = load_kiosk_id(s);
	if (rc != STORE_OK)
		return rc;
	rc = setting_get_int(s, KEY_CLOCK, &s->clock_offset);
	if (rc == STORE_NOTFOUND) {
		s->clock_offset = 0;
		rc = STORE_OK;
	}
	return rc;
}

int store_open_at_version(const char *path, int version, store **out, char *err,
			  size_t errlen)
{
	store *s;
	int rc;

	assert(path && out);
	assert(version >= 1 && version <= store_schema_latest());
	*out = NULL;
	s = calloc(1, sizeof *s);
	if (!s) {
		if (err && errlen)
			snprintf(err, errlen, _("Not enough memory to open %s"), path);
		return STORE_IO;
	}
	rc = open_checked(s, path, version);
	if (rc != STORE_OK) {
		if (err && errlen)
			snprintf(err, errlen, "%s", s->errmsg);
		store_close(s);
		return rc;
	}
	set_msg(s, STORE_OK, _("No error."));
	*out = s;
	return STORE_OK;
}

int store_open(const char *path, store **out, char *err, size_t errlen)
{
	return store_open_at_version(path, store_schema_latest(), out, err, errlen);
}

void store_close(store *s)
{
	if (!s)
		return;
	/* Every statement is finalized where it was prepared, so this cannot be
	 * refused; a failure would be a leaked statement, a bug. */
	int src = sqlite3_close(s->db);

	assert(src == SQLITE_OK);
	(void)src;
	sodium_memzero(s->sign_key, sizeof s->sign_key);
	free(s);
}

bool store_file_gone(const store *s)
{
	struct stat st;

	assert(s);
	/* An unlinked file still open keeps its inode: the path is what tells. */
	if (stat(s->path, &st) != 0)
		return errno == ENOENT || errno == ENOTDIR || errno == EIO || errno == ENODEV;
	return st.st_dev != s->dev || st.st_ino != s->ino;
}

int store_write_back(store **sp, char *err, size_t errlen)
{
	store *s, *fresh = NULL;
	sqlite3 *dst = NULL;
	sqlite3_backup *b = NULL;
	char tmp[4200], path[sizeof s->path];
	struct stat st;
	int rc = STORE_IO, src;

	assert(sp && *sp && err && errlen > 0);
	s = *sp;
	snprintf(path, sizeof path, "%s", s->path);
	/* Where nothing is, on the disk the file was on (not the empty folder a
	 * pulled stick leaves); or over an empty file (the path made again) or
	 * this kiosk's own file come back (the stick put back, older than what
	 * the kiosk holds). Never over another data file. */
	if (stat(path, &st) == 0) {
		if (!S_ISREG(st.st_mode) || (st.st_size != 0 && !same_kiosk(s, path))) {
			snprintf(err, errlen, _("Another file is now at %s: the kiosk does not write over it."), path);
			return STORE_IO;
		}
	} else {
		char dir[sizeof path];
		snprintf(dir, sizeof dir, "%s", path);
		char *slash = strrchr(dir, '/');
		if (slash)
			slash[slash == dir ? 1 : 0] = '\0';
		else
			snprintf(dir, sizeof dir, ".");
		if (stat(dir, &st) != 0 || st.st_dev != s->dev) {
			snprintf(err, errlen, _("The data file is gone (deleted, or its disk taken out): %s is not there."),
				 path);
			return STORE_IO;
		}
	}
	snprintf(tmp, sizeof tmp, "%s.back", path);
	unlink(tmp);
	if (create_private(s, tmp) != STORE_OK) {
		snprintf(err, errlen, "%s", s->errmsg);
		return STORE_IO;
	}
	/* The whole database as this connection sees it, WAL included, into a
	 * new file beside the path, then renamed onto it: whole or not at all. */
	src = sqlite3_open_v2(tmp, &dst, SQLITE_OPEN_READWRITE, NULL);
	if (src == SQLITE_OK) {
		b = sqlite3_backup_init(dst, "main", s->db, "main");
		src = b ? sqlite3_backup_step(b, -1) : sqlite3_errcode(dst);
		if (b && sqlite3_backup_finish(b) != SQLITE_OK && src == SQLITE_DONE)
			src = sqlite3_errcode(dst);
	}
	if (src != SQLITE_DONE) {
		snprintf(err, errlen, _("The data file could not be written back to %s (%s)"), path,
			 dst ? sqlite3_errmsg(dst) : sqlite3_errstr(src));
		goto out;
	}
	sqlite3_close(dst);
	dst = NULL;
	/* The old file's -wal and -shm at the path are this connection's:
	 * closing it empties the WAL into the deleted file and removes them. */
	store_close(s);
	*sp = NULL;
	/* Whatever -wal and -shm are left at the path belong to the file being
	 * replaced (the older copy on a stick put back): the copy must not be
	 * read through them. */
	for (size_t i = 0; i < 2; i++) {
		char beside[sizeof tmp];
		snprintf(beside, sizeof beside, "%s%s", path, i ? "-shm" : "-wal");
		unlink(beside);
	}
	if (rename(tmp, path) != 0) {
		snprintf(err, errlen, _("The data file could not be written back to %s (%s); it is in %s"), path,
			 strerror(errno), tmp);
		rc = store_open(tmp, &fresh, NULL, 0);
		*sp = fresh;
		return STORE_IO;
	}
	rc = store_open(path, &fresh, err, errlen);
	*sp = fresh;
	return rc;
out:
	sqlite3_close(dst);
	unlink(tmp);
	return rc;
}

const char *store_errmsg(const store *s)
{
	return s ? s->errmsg : _("The data file is not open.");
}

const char *store_kiosk_id(const store *s)
{
	assert(s);
	return s->kiosk;
}

const unsigned char *store_signing_key(const store *s)
{
	assert(s);
	return s->sign_key;
}

sqlite3 *store_db(store *s)
{
	assert(s);
	return s->db;
}
