/* textcache: fonts with a fallback for missing glyphs, word wrapping, and a cache
 * of rendered text textures so unchanged text is never rendered twice. */
#include <assert.h>
#include <stdlib.h>
#include <string.h>

#include "core/text.h"
#include "ui_internal.h"

static const char *const main_files[UI_FONT_COUNT] = {
	"NotoSans-Regular.ttf", "NotoSans-Regular.ttf", "NotoSans-Bold.ttf",
	"NotoSans-Bold.ttf", "NotoSans-Bold.ttf",
};
static const char *const fallback_file = "DejaVuSans.ttf";

static int font_size(const layout_metrics *m, ui_font f)
{
	switch (f) {
	case UI_FONT_SMALL: return m->small;
	case UI_FONT_BODY: return m->text;
	case UI_FONT_BOLD: return m->text;
	case UI_FONT_TITLE: return m->title;
	case UI_FONT_BIG: return m->big;
	default: return m->text;
	}
}

static TTF_Font *open_font(const ui *u, const char *file, int size, char *err, size_t errlen)
{
	char path[1200];
	snprintf(path, sizeof path, "%s/%s", u->fonts, file);
	TTF_Font *font = TTF_OpenFont(path, size);
	if (!font)
		snprintf(err, errlen, "cannot open font %s: %s", path, TTF_GetError());
	return font;
}

int ui_fonts_open(ui *u, char *err, size_t errlen)
{
	ui_fonts_close(u);
	for (int f = 0; f < UI_FONT_COUNT; f++) {
		int size = font_size(&u->m, (ui_font)f);
		u->font[f] = open_font(u, main_files[f], size, err, errlen);
		if (!u->font[f])
			return -1;
		u->fallback[f] = open_font(u, fallback_file, size, err, errlen);
		if (!u->fallback[f])
			return -1;
		if (f == UI_FONT_BOLD || f == UI_FONT_TITLE || f == UI_FONT_BIG)
			TTF_SetFontStyle(u->fallback[f], TTF_STYLE_BOLD);
		TTF_SetFontHinting(u->font[f], TTF_HINTING_LIGHT);
	}
	return 0;
}

void ui_fonts_close(ui *u)
{
	ui_cache_clear(u);
	for (int f = 0; f < UI_FONT_COUNT; f++) {
		if (u->font[f])
			TTF_CloseFont(u->font[f]);
		if (u->fallback[f])
			TTF_CloseFont(u->fallback[f]);
		u->font[f] = u->fallback[f] = NULL;
	}
}

/* The font to draw code point cp with: the main font if it has the glyph, else
 * the fallback if that has it, else the main font (which draws its "missing
 * glyph" box, a visible placeholder). */
static TTF_Font *font_for(ui *u, ui_font f, uint32_t cp)
{
	if (cp < 0x80 || TTF_GlyphIsProvided32(u->font[f], cp))
		return u->font[f];
	if (TTF_GlyphIsProvided32(u->fallback[f], cp))
		return u->fallback[f];
	return u->font[f];
}

/* Calls fn for each run of s[0..len) that one font draws. */
typedef void run_fn(ui *u, TTF_Font *font, const char *run, void *ctx);

static void each_run(ui *u, ui_font f, const char *s, size_t len, run_fn *fn, void *ctx)
{
	char run[1024];
	size_t i = 0;
	while (i < len) {
		size_t n = 0, start = i;
		TTF_Font *font = font_for(u, f, text_decode(s + i, &n));
		while (i < len) {
			TTF_Font *next = font_for(u, f, text_decode(s + i, &n));
			if (next != font || i - start + n >= sizeof run)
				break;
			i += n;
		}
		memcpy(run, s + start, i - start);
		run[i - start] = '\0';
		fn(u, font, run, ctx);
	}
}

static void measure_run(ui *u, TTF_Font *font, const char *run, void *ctx)
{
	(void)u;
	int w = 0, h = 0;
	TTF_SizeUTF8(font, run, &w, &h);
	*(int *)ctx += w;
}

static int measure(ui *u, ui_font f, const char *s, size_t len)
{
	int w = 0;
	each_run(u, f, s, len, measure_run, &w);
	return w;
}

typedef struct {
	SDL_Surface *dst;
	int x, y, ascent;
	SDL_Color color;
} blit_ctx;

static void blit_run(ui *u, TTF_Font *font, const char *run, void *ctx)
{
	(void)u;
	blit_ctx *b = ctx;
	SDL_Surface *s = TTF_RenderUTF8_Blended(font, run, b->color);
	if (!s)
		return;
	/* Runs never overlap: copy their alpha as it is instead of blending. */
	SDL_SetSurfaceBlendMode(s, SDL_BLENDMODE_NONE);
	SDL_Rect at = {b->x, b->y + b->ascent - TTF_FontAscent(font), s->w, s->h};
	SDL_BlitSurface(s, NULL, b->dst, &at);
	b->x += s->w;
	SDL_FreeSurface(s);
}

/* Where the character before byte pos of s starts. */
static size_t text_prev_boundary(const char *s, size_t pos)
{
	while (pos > 0 && ((unsigned char)s[--pos] & 0xC0) == 0x80)
		;
	return pos;
}

typedef struct {
	int start, len, w;
} line_span;

#define MAX_LINES 64

/* Greedy word wrap of s into at most MAX_LINES lines no wider than wrap
 * (0: no wrapping, only explicit newlines). Returns the number of lines. */
static int wrap_lines(ui *u, ui_font f, const char *s, int wrap, line_span *lines)
{
	int n = 0;
	size_t len = strlen(s), i = 0;
	while (i <= len && n < MAX_LINES) {
		size_t end = i, brk = 0;
		bool has_brk = false;
		while (end < len && s[end] != '\n') {
			size_t cl = 0;
			text_decode(s + end, &cl);
			if (wrap > 0 && measure(u, f, s + i, end + cl - i) > wrap && end > i) {
				if (has_brk)
					end = brk;
				break;
			}
			if (s[end] == ' ') {
				brk = end;
				has_brk = true;
			}
			end += cl;
		}
		lines[n].start = (int)i;
		lines[n].len = (int)(end - i);
		lines[n].w = measure(u, f, s + i, end - i);
		n++;
		if (end >= len)
			break;
		i = end + 1; /* skip the newline or the space we broke at */
		if (s[end] != '\n' && s[end] != ' ')
			i = end; /* broke inside a long word */
	}
	return n;
}

static SDL_Texture *render(ui *u, const char *s, ui_font f, SDL_Color c, int wrap, int max_lines, ui_align a,
                           int *w, int *h, int *last_w);

/* The width of the widest word of s: a line narrower breaks it. */
static int widest_word(ui *u, ui_font f, const char *s)
{
	int widest = 0;
	while (*s) {
		size_t n = strcspn(s, " \n");
		int w = n > 0 ? measure(u, f, s, n) : 0;
		widest = w > widest ? w : widest;
		s += n;
		if (*s)
			s++;
	}
	return widest;
}

/* One line no wider than width: the text up to its first newline, shortened
 * with an ellipsis if it does not fit. */
static SDL_Texture *render_line(ui *u, const char *s, ui_font f, SDL_Color c, int width, ui_align a, int *w, int *h,
                                int *last_w)
{
	static const char ellipsis[] = "\xE2\x80\xA6";
	size_t len = strcspn(s, "\n");
	char *line = malloc(len + sizeof ellipsis);
	if (!line)
		return NULL;
	memcpy(line, s, len);
	line[len] = '\0';
	if (measure(u, f, line, len) > width) {
		/* Drop whole characters until the rest and the ellipsis fit. */
		while (len > 0) {
			len = text_prev_boundary(line, len);
			memcpy(line + len, ellipsis, sizeof ellipsis);
			if (measure(u, f, line, len + sizeof ellipsis - 1) <= width)
				break;
		}
	}
	SDL_Texture *t = render(u, line, f, c, 0, 0, a, w, h, last_w);
	free(line);
	return t;
}

/* s wrapped at wrap in max_lines lines, the last one ending with an ellipsis. */
static SDL_Texture *render_lines(ui *u, const char *s, ui_font f, SDL_Color c, int wrap, int max_lines, ui_align a,
                                 int *w, int *h, int *last_w)
{
	static const char ellipsis[] = "\xE2\x80\xA6";
	line_span lines[MAX_LINES];
	wrap_lines(u, f, s, wrap, lines);
	const line_span *last = &lines[max_lines - 1];
	size_t len = (size_t)(last->start + last->len);
	char *cut = malloc(len + sizeof ellipsis);
	if (!cut)
		return NULL;
	memcpy(cut, s, len);
	/* Drop whole characters of the last line until it and the ellipsis fit. */
	do {
		memcpy(cut + len, ellipsis, sizeof ellipsis);
		if (measure(u, f, cut + last->start, len - (size_t)last->start + sizeof ellipsis - 1) <= wrap)
			break;
		len = text_prev_boundary(cut, len);
	} while (len > (size_t)last->start);
	memcpy(cut + len, ellipsis, sizeof ellipsis);
	SDL_Texture *t = render(u, cut, f, c, wrap, 0, a, w, h, last_w);
	free(cut);
	return t;
}

static SDL_Texture *render(ui *u, const char *s, ui_font f, SDL_Color c, int wrap, int max_lines, ui_align a,
                           int *w, int *h, int *last_w)
{
	if (wrap < 0)
		return render_line(u, s, f, c, -wrap, a, w, h, last_w);
	line_span lines[MAX_LINES];
	int n = wrap_lines(u, f, s, wrap, lines);
	if (max_lines > 0 && n > max_lines)
		return render_lines(u, s, f, c, wrap, max_lines, a, w, h, last_w);
	int skip = TTF_FontLineSkip(u->font[f]);
	int width = 0;
	for (int i = 0; i < n; i++)
		if (lines[i].w > width)
			width = lines[i].w;
	if (a != UI_ALIGN_LEFT && wrap > 0)
		width = wrap > width ? wrap : width;
	*w = width;
	*h = n * skip;
	*last_w = lines[n - 1].w;
	if (width == 0)
		return NULL;
	SDL_Surface *dst = SDL_CreateRGBSurfaceWithFormat(0, width, *h, 32, SDL_PIXELFORMAT_ARGB8888);
	if (!dst)
		return NULL;
	SDL_FillRect(dst, NULL, 0);
	blit_ctx b = {dst, 0, 0, TTF_FontAscent(u->font[f]), c};
	for (int i = 0; i < n; i++) {
		b.x = a == UI_ALIGN_LEFT ? 0 : a == UI_ALIGN_CENTER ? (width - lines[i].w) / 2 : width - lines[i].w;
		b.y = i * skip;
		each_run(u, f, s + lines[i].start, (size_t)lines[i].len, blit_run, &b);
	}
	SDL_Texture *t = SDL_CreateTextureFromSurface(u->renderer, dst);
	SDL_FreeSurface(dst);
	if (t)
		SDL_SetTextureBlendMode(t, SDL_BLENDMODE_BLEND);
	return t;
}

static uint64_t hash_key(const char *s, int f, SDL_Color c, int wrap, int lines, int a)
{
	uint64_t h = 1469598103934665603ull; /* FNV-1a */
	for (; *s; s++)
		h = (h ^ (unsigned char)*s) * 1099511628211ull;
	uint64_t extra[] = {(uint64_t)f, (uint64_t)c.r << 24 | (uint64_t)c.g << 16 | (uint64_t)c.b << 8 | c.a,
	                    (uint64_t)wrap, (uint64_t)lines, (uint64_t)a};
	for (size_t i = 0; i < sizeof extra / sizeof extra[0]; i++)
		h = (h ^ extra[i]) * 1099511628211ull;
	return h ? h : 1;
}

size_t ui_cache_budget(const layout_metrics *m)
{
	/* A glyph's texture grows with the square of the type, and the screen
	 * shows fewer words at a bigger type: the same texts take the scale's
	 * square, the screen's worth of them about the scale once. Linear in the
	 * pixels, 1920x1080 would keep 173 MiB of text on a 1 GB Pi. */
	float s = m->scale > 1 ? m->scale : 1;
	return (size_t)((float)UI_CACHE_BYTES * s);
}

size_t ui_text_cache_bytes(const ui *u, size_t *budget)
{
	if (budget)
		*budget = ui_cache_budget(&u->m);
	return u->cache_bytes;
}

/* Where in the index slot's entry is listed. */
static uint32_t index_of(const ui *u, int slot)
{
	uint32_t i = (uint32_t)u->cache[slot].hash & (UI_CACHE_INDEX - 1);
	while (u->cache_index[i] != slot + 1) {
		assert(u->cache_index[i] != 0);
		i = (i + 1) & (UI_CACHE_INDEX - 1);
	}
	return i;
}

/* Takes index position i out of the linear probing, moving back the entries
 * after it that would no longer be found (Knuth's Algorithm R). */
static void index_remove(ui *u, uint32_t i)
{
	uint32_t j = i;
	for (;;) {
		j = (j + 1) & (UI_CACHE_INDEX - 1);
		int s = u->cache_index[j];
		if (!s)
			break;
		uint32_t home = (uint32_t)u->cache[s - 1].hash & (UI_CACHE_INDEX - 1);
		/* Stays where it is if its home lies cyclically in (i, j]. */
		if (i <= j ? i < home && home <= j : i < home || home <= j)
			continue;
		u->cache_index[i] = s;
		i = j;
	}
	u->cache_index[i] = 0;
}

static void lru_unlink(ui *u, int slot)
{
	ui_cached *e = &u->cache[slot];
	if (e->newer)
		u->cache[e->newer - 1].older = e->older;
	else
		u->cache_newest = e->older;
	if (e->older)
		u->cache[e->older - 1].newer = e->newer;
	else
		u->cache_oldest = e->newer;
	e->newer = e->older = 0;
}

static void lru_push(ui *u, int slot)
{
	ui_cached *e = &u->cache[slot];
	e->older = u->cache_newest;
	e->newer = 0;
	if (u->cache_newest)
		u->cache[u->cache_newest - 1].newer = slot + 1;
	else
		u->cache_oldest = slot + 1;
	u->cache_newest = slot + 1;
}

static void entry_free(ui *u, int slot)
{
	ui_cached *e = &u->cache[slot];
	index_remove(u, index_of(u, slot));
	lru_unlink(u, slot);
	if (e->tex)
		SDL_DestroyTexture(e->tex);
	free(e->text);
	u->cache_bytes -= e->bytes;
	u->cached--;
	memset(e, 0, sizeof *e);
	u->cache_free[u->cache_nfree++] = slot;
}

void ui_cache_clear(ui *u)
{
	while (u->cache_oldest)
		entry_free(u, u->cache_oldest - 1);
	assert(u->cached == 0 && u->cache_bytes == 0);
	u->cache_budget = ui_cache_budget(&u->m);
}

/* Evicts the least recently used entries until bytes more fit the budget and
 * a slot is free; returns that slot. (A single text bigger than the whole
 * budget empties the cache and is kept alone: some twenty screens of pixels,
 * it cannot happen with the screens' own texts.) */
static int make_room(ui *u, size_t bytes)
{
	while (u->cache_oldest && (u->cache_bytes + bytes > u->cache_budget || u->cached == UI_CACHE))
		entry_free(u, u->cache_oldest - 1);
	if (u->cache_nfree > 0)
		return u->cache_free[--u->cache_nfree];
	assert(u->cache_fresh < UI_CACHE);
	return u->cache_fresh++;
}

const ui_cached *ui_cache_get(ui *u, const char *text, ui_font f, SDL_Color c, int wrap, ui_align a)
{
	return ui_cache_get_lines(u, text, f, c, wrap, 0, a);
}

const ui_cached *ui_cache_get_lines(ui *u, const char *text, ui_font f, SDL_Color c, int wrap, int lines,
                                    ui_align a)
{
	uint64_t h = hash_key(text, f, c, wrap, lines, a);
	for (uint32_t i = (uint32_t)h & (UI_CACHE_INDEX - 1); u->cache_index[i]; i = (i + 1) & (UI_CACHE_INDEX - 1)) {
		int slot = u->cache_index[i] - 1;
		ui_cached *e = &u->cache[slot];
		if (e->hash == h && e->font == (int)f && e->wrap == wrap && e->lines == lines && e->align == (int)a &&
		    !memcmp(&e->color, &c, sizeof c) && !strcmp(e->text, text)) {
			lru_unlink(u, slot);
			lru_push(u, slot);
			return e;
		}
	}
	ui_cached made = {.hash = h, .font = (int)f, .wrap = wrap, .lines = lines, .align = (int)a, .color = c};
	made.text = strdup(text);
	if (!made.text)
		return NULL;
	made.tex = render(u, text, f, c, wrap, lines, a, &made.w, &made.h, &made.last_w);
	/* What the texture holds in pixels of 4 bytes, rounded as the renderer
	 * does not: close enough to bound what it takes. */
	made.bytes = made.tex ? (size_t)made.w * (size_t)made.h * 4 : 0;
	line_span spans[MAX_LINES];
	made.shortened = wrap < 0 ? measure(u, f, text, strcspn(text, "\n")) > -wrap
	                          : lines > 0 && wrap_lines(u, f, text, wrap, spans) > lines;
	made.widest = widest_word(u, f, text);
	made.split = wrap > 0 && made.widest > wrap;
	if (u->cache_budget == 0)
		u->cache_budget = ui_cache_budget(&u->m);
	int slot = make_room(u, made.bytes);
	ui_cached *e = &u->cache[slot];
	*e = made;
	uint32_t i = (uint32_t)h & (UI_CACHE_INDEX - 1);
	while (u->cache_index[i])
		i = (i + 1) & (UI_CACHE_INDEX - 1);
	u->cache_index[i] = slot + 1;
	lru_push(u, slot);
	u->cached++;
	u->cache_bytes += e->bytes;
	return e;
}

int ui_widest_word(ui *u, const char *text, ui_font f)
{
	const ui_cached *e = ui_cache_get(u, text, f, ui_rgb(UI_TEXT), 0, UI_ALIGN_LEFT);
	return e ? e->widest : 0;
}

int ui_line_height(ui *u, ui_font f)
{
	return TTF_FontLineSkip(u->font[f]);
}

void ui_measure(ui *u, const char *text, ui_font f, int *w, int *h)
{
	const ui_cached *e = ui_cache_get(u, text, f, ui_rgb(UI_TEXT), 0, UI_ALIGN_LEFT);
	*w = e ? e->w : 0;
	*h = e && e->h ? e->h : ui_line_height(u, f);
}

/* Draws e's texture in r, aligned by a and cropped to r: cropping the source
 * lets lists keep their own clip rect. */
static void draw_entry(ui *u, const ui_cached *e, rect r, ui_align a)
{
	if (!e->tex)
		return;
	int w = e->w < r.w ? e->w : r.w, hh = e->h < r.h ? e->h : r.h;
	int x = a == UI_ALIGN_LEFT ? r.x : a == UI_ALIGN_CENTER ? r.x + (r.w - w) / 2 : r.x + r.w - w;
	SDL_Rect src = {0, 0, w, hh}, dst = {x, r.y, w, hh};
	SDL_RenderCopy(u->renderer, e->tex, &src, &dst);
}

int ui_text(ui *u, rect r, const char *text, ui_font f, ui_color c, ui_align a)
{
	const ui_cached *e = ui_cache_get(u, text, f, ui_rgb(c), r.w, a);
	if (!e)
		return 0;
	/* For tests of words that must fit. */
	if (e->h > r.h || e->w > r.w)
		ui_register(u, "clipped", text, NULL, r);
	else if (e->split)
		ui_register(u, "split", text, NULL, r);
	draw_entry(u, e, r, a);
	return e->h;
}

int ui_text_lines(ui *u, rect r, const char *text, ui_font f, ui_color c, ui_align a)
{
	int lines = r.h / TTF_FontLineSkip(u->font[f]);
	const ui_cached *e = ui_cache_get_lines(u, text, f, ui_rgb(c), r.w, lines > 0 ? lines : 1, a);
	if (!e)
		return 0;
	if (e->shortened)
		ui_register(u, "shortened", text, NULL, r);
	draw_entry(u, e, r, a);
	return e->h;
}

int ui_text_height(ui *u, const char *text, ui_font f, int width)
{
	const ui_cached *e = ui_cache_get(u, text, f, ui_rgb(UI_TEXT), width, UI_ALIGN_LEFT);
	return e ? e->h : 0;
}

int ui_text_line(ui *u, rect r, const char *text, ui_font f, ui_color c, ui_align a)
{
	const ui_cached *e = ui_cache_get(u, text, f, ui_rgb(c), -r.w, a);
	if (!e || !e->tex)
		return 0;
	if (e->h > r.h)
		ui_register(u, "clipped", text, NULL, r);
	else if (e->shortened)
		ui_register(u, "shortened", text, NULL, r);
	int x = a == UI_ALIGN_LEFT ? r.x : a == UI_ALIGN_CENTER ? r.x + (r.w - e->w) / 2 : r.x + r.w - e->w;
	int hh = e->h < r.h ? e->h : r.h;
	SDL_Rect src = {0, 0, e->w, hh}, dst = {x, r.y, e->w, hh};
	SDL_RenderCopy(u->renderer, e->tex, &src, &dst);
	return e->w;
}
