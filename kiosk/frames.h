/* frames: `cop-kiosk frames` — the pending sync loop as PNG files, drawn by the
 * same code and at the same module size as the Sync screen. */
#ifndef FRAMES_H
#define FRAMES_H

#include <stddef.h>

#include "core/store.h"

/* Writes frame-001.png... (the plain frames, then the fountain frames of one
 * turn of the loop) into dir for a screen of w x h. Returns 0, 1 with a reason in err, or 2 when there
 * is nothing to send. */
int frames_write(store *s, const char *dir, int w, int h, char *err, size_t errlen);

#endif
