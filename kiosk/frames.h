/* frames: `cop-kiosk frames` — the pending sync loop as PNG files, drawn by the
 * same code and at the same module size as the Sync screen; and loading the
 * archive's public key that seals the loop. */
#ifndef FRAMES_H
#define FRAMES_H

#include <stddef.h>

#include "core/store.h"

/* Writes frame-001.png... (the plain frames, then the fountain frames of one
 * turn of the loop) into dir for a screen of w x h. Returns 0, 1 with a reason in err, or 2 when there
 * is nothing to send. */
int frames_write(store *s, const char *dir, int w, int h, char *err, size_t errlen);

/* Reads the archive's public key from path (cop-sync keygen's PREFIX.pub: 64 hex
 * digits) and keeps it in the store, so that the loop is sealed for the archive
 * from now on. Returns 0, or 1 with a one-line reason in err. */
int frames_load_key(store *s, const char *path, char *err, size_t errlen);

#endif
