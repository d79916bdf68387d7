/* charts: bar charts, big figures and a word cloud, drawn with SDL primitives
 * and cached text; their names wrapped or set over their bars, not cut. */
#include <stdio.h>
#include <string.h>

#include "ui_internal.h"

void ui_figure(ui *u, rect r, const char *number, const char *caption, ui_color c)
{
	ui_fill(u, r, UI_WHITE);
	ui_fill(u, (rect){r.x, r.y, u->m.pad / 2, r.h}, c);
	rect in = layout_inset(r, u->m.pad / 2);
	in.x += u->m.pad / 2;
	in.w -= u->m.pad / 2;
	int nh = ui_line_height(u, UI_FONT_BIG), ch = ui_text_height(u, caption, UI_FONT_SMALL, in.w);
	if (nh + ch > in.h)
		nh = in.h - ch > 0 ? in.h - ch : 0; /* the words matter more than the top of the digits' line */
	rect both = layout_center(in, in.w, nh + ch);
	ui_text(u, layout_cut_top(&both, nh), number, UI_FONT_BIG, UI_TEXT, UI_ALIGN_LEFT);
	ui_text(u, both, caption, UI_FONT_SMALL, UI_GREY1, UI_ALIGN_LEFT);
	char both_text[256];
	snprintf(both_text, sizeof both_text, "%s %s", number, caption);
	ui_register(u, "label", both_text, NULL, r);
}

/* The widest of texts[0..n) on one line in font f. */
static int widest(ui *u, const char *const *texts, int n, ui_font f)
{
	int most = 0;
	for (int i = 0; i < n; i++) {
		int w = 0, h = 0;
		ui_measure(u, texts[i], f, &w, &h);
		most = w > most ? w : most;
	}
	return most;
}

/* How the bars of ui_hbars are laid out over r: labels beside the bars when
 * they fit there on one line, else over their bars at the chart's whole
 * width, wrapped (when every row fits), else beside the bars in two lines
 * each and shortened as a last resort. Into *label_w the labels' width
 * beside the bars (0: over them) and *row the row height of the side by
 * side arrangements. */
typedef struct {
	int label_w, value_w, row, lh;
	bool over;
} bar_plan;

static bar_plan plan_hbars(ui *u, rect r, const char *const *labels, int n, const char *const *shown)
{
	bar_plan p = {0};
	p.lh = ui_line_height(u, UI_FONT_SMALL);
	p.value_w = widest(u, shown, n, UI_FONT_SMALL) + u->m.gap;
	int need = widest(u, labels, n, UI_FONT_SMALL) + u->m.gap / 2;
	int room = (r.w - p.value_w) * 3 / 5;
	/* Rows share the height, up to two lines each; never less than the
	 * letters' height (two thirds of a line, descenders and all). */
	p.row = r.h / n;
	int least = p.lh * 2 / 3 + 1;
	p.row = p.row > p.lh * 2 ? p.lh * 2 : p.row < least ? least : p.row;
	if (need <= room && p.row >= p.lh) {
		p.label_w = need;
		return p;
	}
	if (ui_hbars_height(u, r.w, labels, n) <= r.h) {
		p.over = true;
		return p;
	}
	p.label_w = need < room ? need : room;
	return p;
}

bool ui_hbars_whole(ui *u, rect r, const char *const *labels, int n, const char *const *shown)
{
	if (n <= 0)
		return true;
	bar_plan p = plan_hbars(u, r, labels, n, shown);
	if (p.over)
		return true;
	for (int i = 0; i < n; i++) {
		int th = ui_text_height(u, labels[i], UI_FONT_SMALL, p.label_w - u->m.gap / 2);
		if (th > p.row / p.lh * p.lh || p.row < p.lh)
			return false;
	}
	return true;
}

int ui_hbars_height(ui *u, int w, const char *const *labels, int n)
{
	int lh = ui_line_height(u, UI_FONT_SMALL), h = 0;
	for (int i = 0; i < n; i++)
		h += ui_text_height(u, labels[i], UI_FONT_SMALL, w) + lh + u->m.gap / 2;
	return h;
}

/* One bar of value v out of max over line, its figure after it in value_w. */
static void bar(ui *u, rect line, double v, double max, const char *shown, int value_w, ui_color c)
{
	int lh = ui_line_height(u, UI_FONT_SMALL);
	rect value = layout_cut_right(&line, value_w);
	int w = max > 0 ? (int)((double)line.w * v / max) : 0;
	ui_fill(u, (rect){line.x, line.y + line.h / 6, w, line.h * 2 / 3}, c);
	ui_text_line(u, (rect){value.x + u->m.gap / 2, value.y + (value.h - lh) / 2, value.w, lh}, shown,
	             UI_FONT_SMALL, UI_TEXT, UI_ALIGN_LEFT);
}

/* The labels over their bars, each wrapped at the chart's whole width. */
static void hbars_over(ui *u, rect r, const char *const *labels, const double *values, int n,
                       const char *const *shown, ui_color c, const bar_plan *p, double max)
{
	int y = r.y;
	for (int i = 0; i < n; i++) {
		int th = ui_text_height(u, labels[i], UI_FONT_SMALL, r.w);
		ui_text(u, (rect){r.x, y, r.w, th}, labels[i], UI_FONT_SMALL, UI_TEXT, UI_ALIGN_LEFT);
		bar(u, (rect){r.x, y + th, r.w, p->lh}, values[i], max, shown[i], p->value_w, c);
		char both[STORE_TEXT_MAX_UI];
		snprintf(both, sizeof both, "%s: %s", labels[i], shown[i]);
		ui_register(u, "label", both, NULL, (rect){r.x, y, r.w, th + p->lh});
		y += th + p->lh + u->m.gap / 2;
	}
}

void ui_hbars(ui *u, rect r, const char *const *labels, const double *values, int n, const char *const *shown,
              ui_color c)
{
	if (n <= 0)
		return;
	double max = 0;
	for (int i = 0; i < n; i++)
		max = values[i] > max ? values[i] : max;
	bar_plan p = plan_hbars(u, r, labels, n, shown);
	if (p.over) {
		hbars_over(u, r, labels, values, n, shown, c, &p, max);
		return;
	}
	int lh = p.lh, row = p.row;
	/* Rows that do not fit are left out, so the screen should give a chart
	 * room for its rows. */
	for (int i = 0; i < n; i++) {
		rect line = {r.x, r.y + i * row, r.w, row - 2};
		if (line.y + line.h > r.y + r.h)
			break;
		rect label = layout_cut_left(&line, p.label_w);
		label.w -= u->m.gap / 2;
		label.h = row; /* the labels may take the space between bars */
		int lines = label.h / lh, th = ui_text_height(u, labels[i], UI_FONT_SMALL, label.w);
		if (lines > 1 && th > lh) {
			th = th < lines * lh ? th : lines * lh;
			ui_text_lines(u, (rect){label.x, label.y + (label.h - th) / 2, label.w, th}, labels[i], UI_FONT_SMALL,
			              UI_TEXT, UI_ALIGN_RIGHT);
		} else {
			ui_text_line(u, (rect){label.x, label.y + (label.h - lh) / 2, label.w, lh}, labels[i], UI_FONT_SMALL,
			             UI_TEXT, UI_ALIGN_RIGHT);
		}
		bar(u, line, values[i], max, shown[i], p.value_w, c);
		char both[STORE_TEXT_MAX_UI];
		snprintf(both, sizeof both, "%s: %s", labels[i], shown[i]);
		ui_register(u, "label", both, NULL, (rect){r.x, r.y + i * row, r.w, row});
	}
}

void ui_vbars(ui *u, rect r, const char *const *labels, const double *values, int n, const char *const *shown,
              ui_color c)
{
	if (n <= 0)
		return;
	double max = 0;
	for (int i = 0; i < n; i++)
		max = values[i] > max ? values[i] : max;
	int lh = ui_line_height(u, UI_FONT_SMALL), gap = u->m.gap;
	/* The words under a bar take most of the gaps beside it too, and as
	 * many lines as the longest needs ("Very / poor"). A word wider than
	 * that ("Gweddol" in big type) staggers them: every other one on a
	 * second band, each as wide as two bars. */
	int pitch = layout_cell(r, n, 1, 0, 0, gap).w + gap, foot_w = pitch - gap / 4;
	bool stagger = false;
	for (int i = 0; i < n; i++) {
		const ui_cached *e = ui_cache_get(u, labels[i], UI_FONT_SMALL, ui_rgb(UI_TEXT), foot_w, UI_ALIGN_CENTER);
		stagger |= e && e->split;
	}
	if (stagger && n > 1)
		foot_w = 2 * pitch - gap;
	int band_h[2] = {lh, 0};
	for (int i = 0; i < n; i++) {
		int h = ui_text_height(u, labels[i], UI_FONT_SMALL, foot_w), *band = &band_h[stagger ? i % 2 : 0];
		*band = h > *band ? h : *band;
	}
	rect axis = layout_cut_bottom(&r, band_h[0] + band_h[1]);
	for (int i = 0; i < n; i++) {
		rect col = layout_cell(r, n, 1, i, 0, gap);
		/* Centred under its bar, kept inside the chart. */
		int second = stagger && i % 2;
		rect foot = {col.x + col.w / 2 - foot_w / 2, axis.y + (second ? band_h[0] : 0), foot_w, band_h[second]};
		foot.x = foot.x < r.x ? r.x : foot.x + foot.w > r.x + r.w ? r.x + r.w - foot.w : foot.x;
		rect value = layout_cut_top(&col, lh);
		int h = max > 0 ? (int)((double)col.h * values[i] / max) : 0;
		ui_fill(u, (rect){col.x, col.y + col.h - h, col.w, h}, c);
		/* The figure sits on top of its bar. */
		ui_text_line(u, (rect){value.x, col.y + col.h - h - lh, value.w, lh}, shown[i], UI_FONT_SMALL, UI_TEXT,
		             UI_ALIGN_CENTER);
		ui_text(u, foot, labels[i], UI_FONT_SMALL, UI_TEXT, UI_ALIGN_CENTER);
		char both[STORE_TEXT_MAX_UI];
		snprintf(both, sizeof both, "%s: %s", labels[i], shown[i]);
		ui_register(u, "label", both, NULL, (rect){col.x, r.y, col.w, r.h + axis.h});
	}
	ui_fill(u, (rect){r.x, r.y + r.h, r.w, 2}, UI_GREY1);
}

void ui_word_cloud(ui *u, rect r, const char *const *words, const int *counts, int n)
{
	/* Sizes by frequency, most frequent first, flowing in lines. */
	static const ui_font sizes[] = {UI_FONT_SMALL, UI_FONT_BODY, UI_FONT_BOLD, UI_FONT_TITLE, UI_FONT_BIG};
	int top = n > 0 ? counts[0] : 1, x = r.x, y = r.y, line_h = 0;
	for (int i = 0; i < n; i++) {
		int level = top > 1 ? (counts[i] - 1) * 4 / (top - 1) : 4;
		ui_font f = sizes[level < 0 ? 0 : level > 4 ? 4 : level];
		int w = 0, h = 0;
		ui_measure(u, words[i], f, &w, &h);
		if (x + w > r.x + r.w && x > r.x) {
			x = r.x;
			y += line_h + u->m.gap / 2;
			line_h = 0;
		}
		if (y + h > r.y + r.h)
			break;
		ui_color c = i % 3 == 0 ? UI_BLUE : i % 3 == 1 ? UI_DARK_BLUE : UI_TEXT;
		ui_text_line(u, (rect){x, y, w, h}, words[i], f, c, UI_ALIGN_LEFT);
		char both[STORE_TEXT_MAX_UI];
		snprintf(both, sizeof both, "%s (%d)", words[i], counts[i]);
		ui_register(u, "label", both, NULL, (rect){x, y, w, h});
		x += w + u->m.gap * 2;
		line_h = h > line_h ? h : line_h;
	}
}
