/* layout: rectangle maths for screens — cutting, grids, scaling to the display. */
#include "layout.h"

static int max_int(int a, int b) { return a > b ? a : b; }
static int min_int(int a, int b) { return a < b ? a : b; }

/* The type and spacing scale for a screen whose short side is shortside and
 * whose raw fit (the 800x480 layout stretched to it) is fit. As a responsive
 * web page does, it steps at breakpoints of the short side rather than growing
 * with the pixels: a bigger screen shows more at a size read at arm's length,
 * not the 800x480 screen magnified (1920x1080 would set body type at 54 px and
 * show three post-its). Never more than the raw fit, so small or odd screens
 * still hold the 800x480 layout. */
static float step_scale(int shortside, float fit)
{
	float step = shortside >= 900 ? 1.5f : shortside >= 600 ? 1.25f : 1.0f;
	float s = fit < step ? fit : step;
	return s < 0.5f ? 0.5f : s;
}

layout_metrics layout_metrics_for(int w, int h)
{
	layout_metrics m;
	m.w = w;
	m.h = h;
	m.portrait = h > w;
	/* Fit the short and long sides separately, so 720x1280 portrait sizes
	 * like a 720-wide landscape screen rather than a tiny one. */
	int shortside = min_int(w, h), longside = max_int(w, h);
	float s1 = shortside / 480.0f, s2 = longside / 800.0f;
	m.scale = step_scale(shortside, s1 < s2 ? s1 : s2);
	m.pad = (int)(16 * m.scale + 0.5f);
	m.gap = (int)(12 * m.scale + 0.5f);
	m.touch = max_int(56, (int)(60 * m.scale + 0.5f));
	m.text = max_int(20, (int)(24 * m.scale + 0.5f));
	m.small = max_int(16, (int)(19 * m.scale + 0.5f));
	m.title = max_int(26, (int)(34 * m.scale + 0.5f));
	m.big = max_int(26, (int)(32 * m.scale + 0.5f));
	return m;
}

rect layout_cut_top(rect *r, int h)
{
	h = max_int(0, min_int(h, r->h));
	rect out = {r->x, r->y, r->w, h};
	r->y += h;
	r->h -= h;
	return out;
}

rect layout_cut_bottom(rect *r, int h)
{
	h = max_int(0, min_int(h, r->h));
	r->h -= h;
	return (rect){r->x, r->y + r->h, r->w, h};
}

rect layout_cut_left(rect *r, int w)
{
	w = max_int(0, min_int(w, r->w));
	rect out = {r->x, r->y, w, r->h};
	r->x += w;
	r->w -= w;
	return out;
}

rect layout_cut_right(rect *r, int w)
{
	w = max_int(0, min_int(w, r->w));
	r->w -= w;
	return (rect){r->x + r->w, r->y, w, r->h};
}

rect layout_inset(rect r, int d)
{
	int dx = min_int(d, r.w / 2), dy = min_int(d, r.h / 2);
	return (rect){r.x + dx, r.y + dy, r.w - 2 * dx, r.h - 2 * dy};
}

rect layout_cell(rect r, int cols, int rows, int col, int row, int gap)
{
	int cw = (r.w - gap * (cols - 1)) / cols;
	int ch = (r.h - gap * (rows - 1)) / rows;
	rect c = {r.x + col * (cw + gap), r.y + row * (ch + gap), cw, ch};
	if (col == cols - 1)
		c.w = r.x + r.w - c.x;
	if (row == rows - 1)
		c.h = r.y + r.h - c.y;
	return c;
}

rect layout_center(rect r, int w, int h)
{
	w = min_int(w, r.w);
	h = min_int(h, r.h);
	return (rect){r.x + (r.w - w) / 2, r.y + (r.h - h) / 2, w, h};
}

bool layout_contains(rect r, int x, int y)
{
	return x >= r.x && y >= r.y && x < r.x + r.w && y < r.y + r.h;
}

rect layout_intersect(rect a, rect b)
{
	int x0 = max_int(a.x, b.x), y0 = max_int(a.y, b.y);
	int x1 = min_int(a.x + a.w, b.x + b.w), y1 = min_int(a.y + a.h, b.y + b.h);
	return (rect){x0, y0, max_int(0, x1 - x0), max_int(0, y1 - y0)};
}
