/* rotate: the physical panel and the kiosk's logical screen, turned by 0, 90,
 * 180 or 270 degrees — sizes and points between the two. No SDL. */
#ifndef ROTATE_H
#define ROTATE_H

#include <stdbool.h>

/* True for 0, 90, 180 and 270: the rotations a kiosk can be set to. */
bool rotate_valid(int degrees);

/* The logical screen's size for a panel of pw x ph pixels: swapped at 90 and
 * 270. degrees must be valid. */
void rotate_logical_size(int degrees, int pw, int ph, int *lw, int *lh);

/* degrees is how far the logical screen is turned clockwise to be shown on
 * the panel (SDL_RenderCopyEx's angle): at 90 the logical top-left corner is
 * the panel's top-right pixel. */

/* The logical pixel under panel pixel (px,py) of a pw x ph panel. Points
 * outside the panel are clamped to its edge first. */
void rotate_to_logical(int degrees, int pw, int ph, int px, int py, int *lx, int *ly);

/* The inverse: the panel pixel showing logical pixel (lx,ly). */
void rotate_to_panel(int degrees, int pw, int ph, int lx, int ly, int *px, int *py);

#endif
