/* files: USB sticks — finding files on them (rosters, the archive's key) and
 * writing exports to them. */
#ifndef FILES_H
#define FILES_H

#include <stdbool.h>
#include <stddef.h>

#include "store.h"

#define FILES_PATH_MAX 512
#define FILES_ROOTS_MAX 3

/* Where sticks are mounted: $COP_KIOSK_MEDIA when set (one root), else
 * /media, /run/media and /mnt. Fills roots (static strings or the
 * environment's) and returns how many. */
int files_media_roots(const char *roots[FILES_ROOTS_MAX]);

/* Fills out with up to max paths of files whose name ends in ext (".pub", any
 * case) found under the folders in roots, at most depth levels down, sorted by
 * path; hidden files and folders are skipped. Returns how many were found. */
int files_find(const char *const *roots, int nroots, int depth, const char *ext, char (*out)[FILES_PATH_MAX],
               int max);

/* Fills out with up to max paths of *.csv files (any case) found under the
 * folders in roots, at most depth levels down, sorted by path; hidden files
 * and folders are skipped. Returns how many were found. */
int files_find_csv(const char *const *roots, int nroots, int depth, char (*out)[FILES_PATH_MAX], int max);

/* The folder of the first USB stick mounted, into out. With $COP_KIOSK_MEDIA
 * set, a stick is any folder directly under it (the first by name); otherwise
 * a mount point directly under /media, /run/media or /mnt, or one level
 * deeper (a desktop's /media/USER/LABEL). False when there is none. */
bool files_stick(char out[FILES_PATH_MAX]);

/* Opens path for writing, created or emptied, readable and writable by its
 * owner only whatever the umask: exports hold names and emails (a stick's
 * FAT has no owners; there the mode is the stick's). The caller fcloses it;
 * NULL with errno set when it cannot be created. */
FILE *files_create_private(const char *path);

/* Writes every record (cop-kiosk-records-YYYY-MM-DD.json), the current
 * event's attendance (cop-kiosk-attendance-YYYY-MM-DD.csv; none without a
 * current event) and the batch the Sync screen shows, for `cop-sync import`
 * or the online space's upload (cop-kiosk-batch-ID-YYYY-MM-DD.txt: its frame
 * texts one a line, signed, sealed when the archive's key is loaded; none
 * when everything is synced) into dir, today's date in kiosk time, each
 * through a hidden temporary file that is synced and renamed. Returns 0 or -1; either way msg
 * says in words what was written where, or why not (read-only, full). */
int files_export(store *s, const char *dir, char *msg, size_t cap);

#endif
