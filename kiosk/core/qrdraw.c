/* qrdraw: QR codes as pixels, and how big they are drawn — the same for the
 * Sync screen and `cop-kiosk frames`. */
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

int qrdraw_size(int side, int *version, int *module)
{
	int v = QRDRAW_MAX_VERSION;
	while (v >= 3 && modules_of(v) * QRDRAW_MIN_MODULE > side)
		v--;
	if (v < 3)
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
