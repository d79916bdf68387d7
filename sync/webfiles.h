/* webfiles: the files of sync/web, built into cop-sync (sync/embed.sh). */
#ifndef WEBFILES_H
#define WEBFILES_H

typedef struct {
	const char *path;           /* the URL path: /static/..., /sw.js */
	const char *type;           /* Content-Type */
	const unsigned char *start; /* the bytes, followed by a NUL */
	const unsigned char *end;   /* one past the last byte (before the NUL) */
} web_file;

/* Every file, then an entry whose path is NULL. */
extern const web_file web_files[];

#endif
