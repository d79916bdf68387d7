/* rotate: the physical panel and the kiosk's logical screen, turned by 0, 90,
 * 180 or 270 degrees — sizes and points between the two. */
#include <assert.h>

#include "rotate.h"

bool rotate_valid(int degrees)
{
	return degrees == 0 || degrees == 90 || degrees == 180 || degrees == 270;
}

void rotate_logical_size(int degrees, int pw, int ph, int *lw, int *lh)
{
	assert(rotate_valid(degrees));
	bool swap = degrees == 90 || degrees == 270;
	*lw = swap ? ph : pw;
	*lh = swap ? pw : ph;
}

static int clamp(int v, int lo, int hi)
{
	return v < lo ? lo : v > hi ? hi : v;
}

void rotate_to_logical(int degrees, int pw, int ph, int px, int py, int *lx, int *ly)
{
	assert(rotate_valid(degrees) && pw > 0 && ph > 0);
	px = clamp(px, 0, pw - 1);
	py = clamp(py, 0, ph - 1);
	switch (degrees) {
	case 90: /* the logical top edge runs down the panel's right edge */
		*lx = py;
		*ly = pw - 1 - px;
		break;
	case 180:
		*lx = pw - 1 - px;
		*ly = ph - 1 - py;
		break;
	case 270: /* the logical top edge runs up the panel's left edge */
		*lx = ph - 1 - py;
		*ly = px;
		break;
	default:
		*lx = px;
		*ly = py;
		break;
	}
}

void rotate_to_panel(int degrees, int pw, int ph, int lx, int ly, int *px, int *py)
{
	assert(rotate_valid(degrees) && pw > 0 && ph > 0);
	switch (degrees) {
	case 90:
		*px = pw - 1 - ly;
		*py = lx;
		break;
	case 180:
		*px = pw - 1 - lx;
		*py = ph - 1 - ly;
		break;
	case 270:
		*px = ly;
		*py = ph - 1 - lx;
		break;
	default:
		*px = lx;
		*py = ly;
		break;
	}
}
