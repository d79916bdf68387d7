/* pngfile: pictures written as PNG files (libpng's simplified API) — the
 * Sync loop's frames and the script driver's screenshots. */
#ifndef PNGFILE_H
#define PNGFILE_H

#include <stddef.h>
#include <stdio.h>

/* Writes w x h pixels of channels bytes each (1: grey, 3: RGB), rows one
 * after the other, to f as a PNG. Returns 0, or -1 with why in err (errlen
 * bytes). f stays open: the caller closes it. */
int pngfile_write(FILE *f, const unsigned char *px, int w, int h, int channels, char *err, size_t errlen);

#endif
