/* files: USB sticks — finding files on them (rosters, the archive's key) and
 * writing exports to them. */
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/stat.h>
#include <unistd.h>

#include "files.h"
#include "lang.h"
#include "sync.h"
#include "when.h"

static bool has_ext(const char *name, const char *ext)
{
	size_t n = strlen(name), e = strlen(ext);
	return n > e && !strcasecmp(name + n - e, ext);
}

static void walk(const char *dir, int depth, const char *ext, char (*out)[FILES_PATH_MAX], int max, int *n)
{
	DIR *d = opendir(dir);
	if (!d)
		return;
	struct dirent *e;
	while (*n < max && (e = readdir(d))) {
		if (e->d_name[0] == '.')
			continue;
		char path[FILES_PATH_MAX];
		if (snprintf(path, sizeof path, "%s/%s", dir, e->d_name) >= (int)sizeof path)
			continue;
		struct stat sb;
		if (stat(path, &sb) != 0)
			continue;
		if (S_ISDIR(sb.st_mode) && depth > 0)
			walk(path, depth - 1, ext, out, max, n);
		else if (S_ISREG(sb.st_mode) && has_ext(e->d_name, ext))
			memcpy(out[(*n)++], path, sizeof path);
	}
	closedir(d);
}

static int by_path(const void *a, const void *b)
{
	return strcmp(a, b);
}

int files_find(const char *const *roots, int nroots, int depth, const char *ext, char (*out)[FILES_PATH_MAX],
               int max)
{
	int n = 0;
	for (int i = 0; i < nroots; i++)
		walk(roots[i], depth, ext, out, max, &n);
	qsort(out, (size_t)n, sizeof out[0], by_path);
	return n;
}

int files_find_csv(const char *const *roots, int nroots, int depth, char (*out)[FILES_PATH_MAX], int max)
{
	return files_find(roots, nroots, depth, ".csv", out, max);
}

int files_media_roots(const char *roots[FILES_ROOTS_MAX])
{
	const char *env = getenv("COP_KIOSK_MEDIA");
	if (env && *env) {
		roots[0] = env;
		return 1;
	}
	roots[0] = "/media";
	roots[1] = "/run/media";
	roots[2] = "/mnt";
	return 3;
}

/* The first (by name) folder directly under dir that is a mount point (its
 * device differs from dir's), or with any_dir the first folder at all. */
static bool first_mount(const char *dir, bool any_dir, char out[FILES_PATH_MAX])
{
	struct stat top, sb;
	char found[FILES_PATH_MAX] = "", path[FILES_PATH_MAX];
	DIR *d = opendir(dir);
	if (!d || stat(dir, &top) != 0) {
		if (d)
			closedir(d);
		return false;
	}
	struct dirent *e;
	while ((e = readdir(d))) {
		if (e->d_name[0] == '.' || snprintf(path, sizeof path, "%s/%s", dir, e->d_name) >= (int)sizeof path)
			continue;
		if (stat(path, &sb) != 0 || !S_ISDIR(sb.st_mode) || (!any_dir && sb.st_dev == top.st_dev))
			continue;
		if (!found[0] || strcmp(path, found) < 0)
			memcpy(found, path, sizeof found);
	}
	closedir(d);
	if (found[0])
		memcpy(out, found, FILES_PATH_MAX);
	return found[0] != '\0';
}

bool files_stick(char out[FILES_PATH_MAX])
{
	const char *roots[FILES_ROOTS_MAX], *env = getenv("COP_KIOSK_MEDIA");
	if (env && *env)
		return first_mount(env, true, out);
	int n = files_media_roots(roots);
	for (int i = 0; i < n; i++) {
		/* /media/LABEL, /mnt/LABEL, or a desktop's /media/USER/LABEL and
		 * /run/media/USER/LABEL. */
		if (first_mount(roots[i], false, out))
			return true;
		DIR *d = opendir(roots[i]);
		struct dirent *e;
		char user[FILES_PATH_MAX];
		bool ok = false;
		while (d && !ok && (e = readdir(d))) {
			if (e->d_name[0] != '.' && snprintf(user, sizeof user, "%s/%s", roots[i], e->d_name) < (int)sizeof user)
				ok = first_mount(user, false, out);
		}
		if (d)
			closedir(d);
		if (ok)
			return true;
	}
	return false;
}

/* Why writing on a stick failed, in words. */
static void write_error(char *msg, size_t cap, const char *path, int err)
{
	if (err == EROFS || err == EACCES || err == EPERM)
		snprintf(msg, cap, _("The export was not saved: the USB stick is read-only (%s)."), path);
	else if (err == ENOSPC || err == EDQUOT)
		snprintf(msg, cap, _("The export was not saved: the USB stick is full (%s)."), path);
	else
		/* TRANSLATORS: the folder on the USB stick, then the system's reason. */
		snprintf(msg, cap, _("The export was not saved: %s could not be written (%s)."), path, strerror(err));
}

FILE *files_create_private(const char *path)
{
	int fd = open(path, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0600);
	if (fd < 0)
		return NULL;
	/* Left over from before with another mode, or a umask taking owner bits:
	 * 0600 all the same. Refused on a FAT stick, which has no modes. */
	(void)fchmod(fd, 0600);
	FILE *f = fdopen(fd, "wb");
	if (!f) {
		int err = errno;
		close(fd);
		errno = err;
	}
	return f;
}

/* The batch to sync, as the Sync screen shows it (same batch, secret and
 * receipt; signed, sealed when the archive's key is loaded), as frame texts
 * one a line into out: what `cop-sync import FILE` takes. A store status;
 * STORE_NOTFOUND when everything is synced, STORE_INVALID when the records
 * could not be encoded. */
static int write_batch(store *s, FILE *out)
{
	store_batch batch;
	char *records = NULL, batch_id[24], receipt[SYNC_RECEIPT_SIZE];
	size_t len = 0;
	sync_encoder *enc = NULL;
	unsigned char key[SYNC_PUBKEY_BYTES];
	int rc = store_sync_batch(s, &batch, &records, &len);
	if (rc != STORE_OK)
		return rc;
	rc = store_sync_key_get(s, key);
	if (rc != STORE_OK && rc != STORE_NOTFOUND)
		goto out;
	snprintf(batch_id, sizeof batch_id, "%lld", (long long)batch.id);
	sync_batch_opts opts = {.kiosk_id = store_kiosk_id(s), .batch_id = batch_id, .created = batch.created_at,
	                        .version = SYNC_FILE_VERSION, .pubkey = rc == STORE_OK ? key : NULL,
	                        .secret = batch.secret, .fountain = -1, .signing_key = store_signing_key(s)};
	/* A failed write shows in ferror(out), which the caller checks. */
	rc = sync_encoder_new(&opts, records, len, &enc, receipt) == SYNC_OK ? STORE_OK : STORE_INVALID;
	if (rc == STORE_OK && sync_encoder_write(enc, out) == SYNC_ERR_NOMEM)
		rc = STORE_INVALID;
out:
	sync_encoder_free(enc);
	free(records);
	return rc;
}

/* Writes one export to dir/name through a temporary file, synced then renamed, so
 * that a stick pulled out never holds half a file under the final name.
 * format: store_export's, or "batch" (write_batch).
 * 0, 1 when the store has nothing of that format (no current event, nothing to
 * sync), -1 with msg. */
static int export_one(store *s, const char *dir, const char *name, const char *format, char *msg, size_t cap)
{
	char path[FILES_PATH_MAX + 64], tmp[FILES_PATH_MAX + 80];
	int status = -1, err = 0;
	snprintf(path, sizeof path, "%s/%s", dir, name);
	snprintf(tmp, sizeof tmp, "%s/.%s.tmp", dir, name);
	FILE *out = files_create_private(tmp);
	if (!out) {
		write_error(msg, cap, dir, errno);
		return -1;
	}
	int rc = strcmp(format, "batch") == 0 ? write_batch(s, out) : store_export(s, format, out);
	if (rc == STORE_NOTFOUND) {
		status = 1;
	} else if (rc == STORE_INVALID && strcmp(format, "batch") == 0) {
		snprintf(msg, cap, _("The batch for the archive was not saved: its records could not be encoded."));
	} else if (rc != STORE_OK) {
		snprintf(msg, cap, _("The export was not saved: %s"), store_errmsg(s));
	} else if (fflush(out) != 0 || ferror(out) || fsync(fileno(out)) != 0) {
		err = errno ? errno : EIO;
	} else {
		status = 0;
	}
	if (fclose(out) != 0 && status == 0) {
		err = errno;
		status = -1;
	}
	if (status == 0 && rename(tmp, path) != 0) {
		err = errno;
		status = -1;
	}
	if (status != 0)
		unlink(tmp);
	if (err) {
		write_error(msg, cap, dir, err);
		status = -1;
	}
	return status;
}

/* Writes the batch to sync as dir/cop-kiosk-batch-ID-DAY.txt and adds a sentence
 * saying so to msg (or that there is none). 0, or -1 with msg saying why not. */
static int export_batch(store *s, const char *dir, const char *day, char *msg, size_t cap)
{
	store_batch batch;
	char *records = NULL, name[96], said[FILES_PATH_MAX + 256];
	size_t len = 0;
	/* The name carries the batch's number: a later batch does not overwrite it. */
	int rc = store_sync_batch(s, &batch, &records, &len);
	free(records);
	if (rc != STORE_OK && rc != STORE_NOTFOUND) {
		snprintf(msg, cap, _("The export was not saved: %s"), store_errmsg(s));
		return -1;
	}
	snprintf(said, sizeof said, "%s", msg);
	if (rc == STORE_NOTFOUND) {
		snprintf(msg, cap, "%s %s", said, _("Everything is synced: there is no batch for the archive."));
		return 0;
	}
	snprintf(name, sizeof name, "cop-kiosk-batch-%lld-%s.txt", (long long)batch.id, day);
	if (export_one(s, dir, name, "batch", msg, cap) != 0)
		return -1;
	snprintf(msg, cap, "%s ", said);
	size_t n = strlen(msg);
	/* TRANSLATORS: a file name: the batch that cop-sync import or the online space takes. */
	snprintf(msg + n, cap - n, _("The batch for the archive: %s."), name);
	return 0;
}

int files_export(store *s, const char *dir, char *msg, size_t cap)
{
	char day[24], csv[64], json[64];
	when_format(store_now(s), day, sizeof day);
	day[10] = '\0'; /* "YYYY-MM-DD" */
	snprintf(csv, sizeof csv, "cop-kiosk-attendance-%s.csv", day);
	snprintf(json, sizeof json, "cop-kiosk-records-%s.json", day);
	int rc = export_one(s, dir, json, "json", msg, cap);
	if (rc != 0)
		return -1;
	rc = export_one(s, dir, csv, "csv", msg, cap);
	if (rc < 0)
		return -1;
	if (rc == 1)
		/* TRANSLATORS: a file name, then the folder on the USB stick. */
		snprintf(msg, cap, _("Saved every record as %s in %s. There is no current event, so no attendance list."),
		         json, dir);
	else
		/* TRANSLATORS: two file names, then the folder on the USB stick. */
		snprintf(msg, cap, _("Saved the attendance as %s and every record as %s in %s."), csv, json, dir);
	return export_batch(s, dir, day, msg, cap);
}
