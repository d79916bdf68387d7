/* qrdraw: QR codes as pixels, and how big they are drawn — the same for the
 * Sync screen and `cop-kiosk frames`. */
#ifndef QRDRAW_H
#define QRDRAW_H

#include <qrencode.h>

#define QRDRAW_QUIET 4          /* modules of white around the code */
#define QRDRAW_MIN_MODULE 4     /* px: what a phone across a room still reads */
#define QRDRAW_MAX_VERSION 25   /* denser codes are hard to catch in a loop */

/* The side of the square the Sync screen gives the code on a screen of w x h. */
int qrdraw_square(int w, int h);

/* The version and module size for a code drawn in a square of side px: the
 * largest version up to QRDRAW_MAX_VERSION whose modules are at least
 * QRDRAW_MIN_MODULE px, then the largest module that fits. About version 20 on
 * an 800x480 screen. Returns 0, or -1 if not even version 3 fits. */
int qrdraw_size(int side, int *version, int *module);

/* Renders qr into *side x *side 8-bit grey pixels (0 black, 255 white), module
 * px a module, with the quiet zone. Returns malloc'd pixels (caller frees), or
 * NULL when out of memory. */
unsigned char *qrdraw_bitmap(const QRcode *qr, int module, int *side);

#endif
