/* layout: rectangle maths for screens — cutting, grids, scaling to the display. */
#ifndef LAYOUT_H
#define LAYOUT_H

#include <stdbool.h>

typedef struct {
	int x, y, w, h;
} rect;

/* Sizes derived from the screen, so every layout works from 800x480 to 1920x1080
 * and in portrait. All values are in pixels. */
typedef struct {
	int w, h;       /* the logical screen */
	float scale;    /* 1.0 at 800x480, stepping to 1.25 and 1.5 (layout_metrics_for) */
	bool portrait;
	int pad;        /* margin around the screen */
	int gap;        /* space between widgets */
	int touch;      /* minimum height of anything tappable (>= 48 at 800x480) */
	int text;       /* body text size */
	int small;      /* secondary text size */
	int title;      /* heading size */
	int big;        /* home-screen buttons and PIN digits */
} layout_metrics;

/* Metrics for a screen of w x h pixels. */
layout_metrics layout_metrics_for(int w, int h);

/* Cuts a strip of the given size off one side of *r and returns it; *r keeps the
 * rest. A size larger than *r takes all of it. */
rect layout_cut_top(rect *r, int h);
rect layout_cut_bottom(rect *r, int h);
rect layout_cut_left(rect *r, int w);
rect layout_cut_right(rect *r, int w);

/* r shrunk by d on every side (never below zero size). */
rect layout_inset(rect r, int d);

/* Cell (col,row) of a cols x rows grid over r with gap pixels between cells;
 * the cells share r's width and height exactly, remainders to the last cells. */
rect layout_cell(rect r, int cols, int rows, int col, int row, int gap);

/* A w x h rect centred in r (clamped to r). */
rect layout_center(rect r, int w, int h);

bool layout_contains(rect r, int x, int y);

/* The part of a that lies inside b (zero size if none). */
rect layout_intersect(rect a, rect b);

#endif
