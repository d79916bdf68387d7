/* qrdraw: QR codes as pixels, and how big they are drawn — the same for the
 * Sync screen and `cop-kiosk frames`. */
#include <assert.h>
#include <math.h>
#include <stdbool.h>
#include <stdlib.h>
#include <string.h>

#include "layout.h"
#include "qrdraw.h"

static int modules_of(int version)
{
	return 17 + 4 * version + 2 * QRDRAW_QUIET;
}

int qrdraw_square(int w, int h)
{
	layout_metrics m = layout_metrics_for(w, h);
	return m.portrait ? w - 2 * m.pad : h - 2 * m.pad;
}

double qrdraw_pitch_mm(int w, int h, int mm_w, int mm_h)
{
	assert(w > 0 && h > 0);
	bool pi7 = (w == 800 && h == 480) || (w == 480 && h == 800);
	if ((mm_w <= 0 || mm_h <= 0) && pi7) {
		mm_w = QRDRAW_PI7_W_MM;
		mm_h = QRDRAW_PI7_H_MM;
	}
	if (mm_w <= 0 || mm_h <= 0)
		return 25.4 / QRDRAW_DEFAULT_DPI;
	/* The mean of both sides: DRM's millimetres are rounded, and a panel's
	 * pixels are square. */
	return sqrt((double)mm_w * mm_h / ((double)w * h));
}

int qrdraw_size(int side, double pitch, int step, int *version, int *module)
{
	assert(pitch > 0);
	step = step < -QRDRAW_STEPS ? -QRDRAW_STEPS : step > QRDRAW_STEPS ? QRDRAW_STEPS : step;
	int px = (int)lround(QRDRAW_MODULE_MM * pow(1.25, step) / pitch);
	px = px < 2 ? 2 : px;
	int v = QRDRAW_MAX_VERSION - 2 * step;
	v = v < 3 ? 3 : v > 40 ? 40 : v;
	while (v > 3 && modules_of(v) * px > side)
		v--;
	if (modules_of(v) * 2 > side)
		return -1;
	*version = v;
	*module = side / modules_of(v);
	return 0;
}

unsigned char *qrdraw_bitmap(const QRcode *qr, int module, int *side)
{
	int n = qr->width + 2 * QRDRAW_QUIET;
	*side = n * module;
	unsigned char *px = malloc((size_t)*side * (size_t)*side);
	if (!px)
		return NULL;
	memset(px, 255, (size_t)*side * (size_t)*side);
	for (int y = 0; y < qr->width; y++)
		for (int x = 0; x < qr->width; x++) {
			if (!(qr->data[y * qr->width + x] & 1)) /* bit 0: a dark module */
				continue;
			for (int dy = 0; dy < module; dy++) {
				unsigned char *row = px + (size_t)((y + QRDRAW_QUIET) * module + dy) * (size_t)*side;
				memset(row + (x + QRDRAW_QUIET) * module, 0, (size_t)module);
			}
		}
	return px;
}
