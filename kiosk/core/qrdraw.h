/* qrdraw: QR codes as pixels, and how big they are drawn — the same for the
 * Sync screen and `cop-kiosk frames`. No SDL. */
#ifndef QRDRAW_H
#define QRDRAW_H

#include <qrencode.h>

#define QRDRAW_QUIET 4          /* modules of white around the code */
/* A module's side on the panel, in mm, and the densest version, chosen with
 * tests/camera_model.py (a phone of 1280x720 and 65 degrees, 20 degrees of
 * tilt, 2 px of motion blur, JPEG q60; figures in README.md, "Sync"): at
 * 1.5 mm and version 7 ZXing reads every frame at 30 and 45 cm and most at
 * 60 cm; at 1.31 mm version 8 still reads at 45 cm but version 9 does not,
 * nor any code of 1.12 mm beyond 30 cm. */
#define QRDRAW_MODULE_MM 1.5
#define QRDRAW_MAX_VERSION 7
#define QRDRAW_STEPS 3          /* "Bigger codes" and "Smaller codes": this many steps each way */
/* The official 7" Raspberry Pi panel, 800x480, whose size DRM does not tell. */
#define QRDRAW_PI7_W_MM 155
#define QRDRAW_PI7_H_MM 86
#define QRDRAW_DEFAULT_DPI 96.0 /* a panel of another size and unknown mm */

/* The side of the square the Sync screen gives the code on a screen of w x h. */
int qrdraw_square(int w, int h);

/* The side of one pixel in mm on a panel of w x h px and mm_w x mm_h mm (in
 * the same orientation, or both turned: only their products count). With
 * mm_w or mm_h 0 (unknown): the official 7" panel's at 800x480 either way
 * round, otherwise QRDRAW_DEFAULT_DPI. */
double qrdraw_pitch_mm(int w, int h, int mm_w, int mm_h);

/* The version and module size (px) for a code drawn in a square of side px
 * on a panel of pitch mm a pixel, step steps bigger (> 0) or smaller (< 0)
 * than the default (each step 1.25 times the module, and two versions
 * fewer; clamped to +-QRDRAW_STEPS): modules of QRDRAW_MODULE_MM (at least
 * 2 px), the largest version that fits up to QRDRAW_MAX_VERSION (less two
 * a step: "Smaller codes" goes up to version 13), then the
 * largest module that fits. So a portrait and a landscape panel show the
 * same code. Returns 0, or -1 if not even version 3 fits. */
int qrdraw_size(int side, double pitch, int step, int *version, int *module);

/* Renders qr into *side x *side 8-bit grey pixels (0 black, 255 white), module
 * px a module, with the quiet zone. Returns malloc'd pixels (caller frees), or
 * NULL when out of memory. */
unsigned char *qrdraw_bitmap(const QRcode *qr, int module, int *side);

#endif
