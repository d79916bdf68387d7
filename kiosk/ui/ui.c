/* ui: renderer, input translation, frames, drawing primitives, the registry of
 * visible widgets, toasts and screenshots. */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/pngfile.h"
#include "core/rotate.h"
#include "core/text.h"
#include "ui_internal.h"

static const SDL_Color palette[UI_COLOR_COUNT] = {
	[UI_BLUE] = {0x00, 0x5E, 0xB8, 0xFF},
	[UI_DARK_BLUE] = {0x00, 0x30, 0x87, 0xFF},
	[UI_TEXT] = {0x21, 0x2B, 0x32, 0xFF},
	[UI_WHITE] = {0xFF, 0xFF, 0xFF, 0xFF},
	[UI_GREEN] = {0x00, 0x7F, 0x3B, 0xFF},
	[UI_DARK_GREEN] = {0x00, 0x40, 0x1E, 0xFF},
	[UI_RED] = {0xDA, 0x29, 0x1C, 0xFF},
	[UI_YELLOW] = {0xFF, 0xB8, 0x1C, 0xFF},
	[UI_GREY1] = {0x42, 0x55, 0x63, 0xFF},
	[UI_GREY2] = {0x76, 0x86, 0x92, 0xFF},
	[UI_GREY3] = {0xAE, 0xB7, 0xBD, 0xFF},
	[UI_GREY4] = {0xD8, 0xDD, 0xE0, 0xFF},
	[UI_GREY5] = {0xF0, 0xF4, 0xF5, 0xFF},
	[UI_PALE_BLUE] = {0xE8, 0xF1, 0xFA, 0xFF},
	[UI_NOTE_GREEN] = {0xC5, 0xE8, 0xB7, 0xFF},
	[UI_NOTE_PINK] = {0xFA, 0xC8, 0xD9, 0xFF},
	[UI_NOTE_YELLOW] = {0xFF, 0xEE, 0x93, 0xFF},
	[UI_SHADOW] = {0x21, 0x2B, 0x32, 0x40},
};

SDL_Color ui_rgb(ui_color c)
{
	return palette[c];
}

ui *ui_create(SDL_Window *window, const char *fonts_dir, bool software, char *err, size_t errlen)
{
	ui *u = calloc(1, sizeof *u);
	if (!u) {
		snprintf(err, errlen, "out of memory");
		return NULL;
	}
	u->window = window;
	snprintf(u->fonts, sizeof u->fonts, "%s", fonts_dir);
	if (!TTF_WasInit() && TTF_Init() != 0) {
		snprintf(err, errlen, "cannot start the font library: %s", TTF_GetError());
		goto fail;
	}
	Uint32 flags = software ? SDL_RENDERER_SOFTWARE : SDL_RENDERER_ACCELERATED | SDL_RENDERER_PRESENTVSYNC;
	u->renderer = SDL_CreateRenderer(window, -1, flags);
	if (!u->renderer && !software)
		u->renderer = SDL_CreateRenderer(window, -1, SDL_RENDERER_SOFTWARE);
	if (!u->renderer) {
		snprintf(err, errlen, "cannot draw on this display: %s", SDL_GetError());
		goto fail;
	}
	if (ui_resize(u, err, errlen) != 0)
		goto fail;
	return u;
fail:
	ui_destroy(u);
	return NULL;
}

void ui_destroy(ui *u)
{
	if (!u)
		return;
	ui_fonts_close(u);
	if (u->image)
		SDL_DestroyTexture(u->image);
	free(u->image_rgb);
	if (u->target)
		SDL_DestroyTexture(u->target);
	if (u->renderer)
		SDL_DestroyRenderer(u->renderer);
	if (TTF_WasInit())
		TTF_Quit();
	free(u);
}

int ui_resize(ui *u, char *err, size_t errlen)
{
	int pw = 0, ph = 0, w, h;
	u->resized = true; /* a frame under way was laid out for the old size */
	/* Asked in the middle of a frame (a zoom), the renderer would answer with
	 * its target's size: ask about the panel, then carry on drawing. */
	bool drawing = u->target && SDL_GetRenderTarget(u->renderer) == u->target;
	if (drawing)
		SDL_SetRenderTarget(u->renderer, NULL);
	/* The output size, never a constant: offscreen fullscreen is 1024x768. */
	if (SDL_GetRendererOutputSize(u->renderer, &pw, &ph) != 0) {
		snprintf(err, errlen, "cannot read the screen size: %s", SDL_GetError());
		return -1;
	}
	rotate_logical_size(u->rotation, pw, ph, &w, &h);
	u->panel_w = pw;
	u->panel_h = ph;
	int tw = 0, th = 0;
	if (u->target)
		SDL_QueryTexture(u->target, NULL, NULL, &tw, &th);
	if (u->target && (u->rotation == 0 || tw != w || th != h)) {
		SDL_SetRenderTarget(u->renderer, NULL);
		SDL_DestroyTexture(u->target);
		u->target = NULL;
	}
	if (u->rotation != 0 && !u->target) {
		/* The display planes cannot turn a picture by 90 degrees: draw upright
		 * into a texture and turn it when presenting. */
		u->target = SDL_CreateTexture(u->renderer, SDL_PIXELFORMAT_ARGB8888, SDL_TEXTUREACCESS_TARGET, w, h);
		if (!u->target) {
			snprintf(err, errlen, "cannot draw a rotated screen: %s", SDL_GetError());
			return -1;
		}
	}
	if (drawing && u->target)
		SDL_SetRenderTarget(u->renderer, u->target);
	layout_metrics m = layout_metrics_for(w, h);
	if (u->zoom > 1) {
		m.text = (int)((float)m.text * u->zoom);
		m.small = (int)((float)m.small * u->zoom);
		m.title = (int)((float)m.title * u->zoom);
		m.big = (int)((float)m.big * u->zoom);
		m.touch = (int)((float)m.touch * u->zoom);
	}
	bool fonts_change = !u->font[0] || m.text != u->m.text || m.title != u->m.title ||
	                    m.small != u->m.small || m.big != u->m.big;
	u->m = m;
	u->kb.max_key = m.touch * 5 / 4;
	return fonts_change ? ui_fonts_open(u, err, errlen) : 0;
}

int ui_set_rotation(ui *u, int degrees, char *err, size_t errlen)
{
	if (!rotate_valid(degrees)) {
		snprintf(err, errlen, "a rotation is 0, 90, 180 or 270 degrees, not %d", degrees);
		return -1;
	}
	int old = u->rotation;
	u->rotation = degrees;
	if (ui_resize(u, err, errlen) == 0)
		return 0;
	/* Keep the picture and the touch mapping in step: a facilitator who
	 * turned the screen must always be able to turn it back. */
	char ignored[200];
	u->rotation = old;
	ui_resize(u, ignored, sizeof ignored);
	return -1;
}

int ui_rotation(const ui *u)
{
	return u->rotation;
}

/* A point on the panel (window pixels) as a point of the logical screen. */
static void panel_to_logical(const ui *u, int px, int py, int *x, int *y)
{
	if (u->rotation == 0 || u->panel_w <= 0 || u->panel_h <= 0) {
		*x = px;
		*y = py;
		return;
	}
	rotate_to_logical(u->rotation, u->panel_w, u->panel_h, px, py, x, y);
}

int ui_zoom(ui *u, float zoom, char *err, size_t errlen)
{
	if (zoom == u->zoom)
		return 0;
	u->zoom = zoom;
	return ui_resize(u, err, errlen);
}

const layout_metrics *ui_metrics(const ui *u)
{
	return &u->m;
}

static ui_key map_key(SDL_Keycode k)
{
	switch (k) {
	case SDLK_BACKSPACE: return UI_KEY_BACKSPACE;
	case SDLK_RETURN:
	case SDLK_KP_ENTER: return UI_KEY_ENTER;
	case SDLK_ESCAPE:
	case SDLK_AC_BACK: return UI_KEY_ESCAPE;
	case SDLK_TAB: return UI_KEY_TAB;
	case SDLK_UP: return UI_KEY_UP;
	case SDLK_DOWN: return UI_KEY_DOWN;
	default: return UI_KEY_NONE;
	}
}

bool ui_translate(ui *u, const SDL_Event *e, ui_input *out)
{
	memset(out, 0, sizeof *out);
	switch (e->type) {
	case SDL_FINGERDOWN:
	case SDL_FINGERMOTION:
	case SDL_FINGERUP:
		out->kind = e->type == SDL_FINGERDOWN ? UI_IN_DOWN : e->type == SDL_FINGERUP ? UI_IN_UP : UI_IN_MOVE;
		/* Normalised to the panel (the window), which the rotation turns. */
		panel_to_logical(u, (int)(e->tfinger.x * (float)(u->rotation ? u->panel_w : u->m.w)),
		                 (int)(e->tfinger.y * (float)(u->rotation ? u->panel_h : u->m.h)), &out->x, &out->y);
		return true;
	case SDL_MOUSEBUTTONDOWN:
	case SDL_MOUSEBUTTONUP:
		/* SDL also reports each touch as a mouse click: one tap must count once. */
		if (e->button.which == SDL_TOUCH_MOUSEID || e->button.button != SDL_BUTTON_LEFT)
			return false;
		out->kind = e->type == SDL_MOUSEBUTTONDOWN ? UI_IN_DOWN : UI_IN_UP;
		panel_to_logical(u, e->button.x, e->button.y, &out->x, &out->y);
		return true;
	case SDL_MOUSEMOTION:
		if (e->motion.which == SDL_TOUCH_MOUSEID || !(e->motion.state & SDL_BUTTON_LMASK))
			return false;
		out->kind = UI_IN_MOVE;
		panel_to_logical(u, e->motion.x, e->motion.y, &out->x, &out->y);
		return true;
	case SDL_TEXTINPUT:
		out->kind = UI_IN_TEXT;
		snprintf(out->text, sizeof out->text, "%s", e->text.text);
		return true;
	case SDL_KEYDOWN:
		out->kind = UI_IN_KEY;
		out->key = map_key(e->key.keysym.sym);
		return out->key != UI_KEY_NONE;
	default:
		return false;
	}
}

void ui_keep_awake(bool awake)
{
	if (awake)
		SDL_DisableScreenSaver();
	else
		SDL_EnableScreenSaver();
}

void ui_feed(ui *u, const ui_input *in)
{
	switch (in->kind) {
	case UI_IN_DOWN:
		u->down = u->pressed = true;
		u->px = u->press_x = in->x;
		u->py = u->press_y = in->y;
		u->active = 0;
		u->press_at = -1; /* the frame of the press sets the time */
		break;
	case UI_IN_MOVE:
		u->px = in->x;
		u->py = in->y;
		break;
	case UI_IN_UP:
		u->px = in->x;
		u->py = in->y;
		u->down = false;
		u->released = true;
		break;
	case UI_IN_TEXT: {
		size_t have = strlen(u->typed);
		snprintf(u->typed + have, sizeof u->typed - have, "%s", in->text);
		break;
	}
	case UI_IN_KEY:
		u->key = in->key;
		break;
	}
}

bool ui_pointer_down(const ui *u)
{
	return u->down;
}

void ui_begin(ui *u, int64_t now_ms)
{
	u->now = now_ms;
	u->frame++;
	if (u->pressed)
		u->press_at = now_ms;
	u->nwidgets = 0;
	u->arena_used = 0;
	u->modal_now = false;
	u->toast_placed = false;
	u->focus_seen = false;
	u->focus_begin = u->focus;
	u->submit = false;
	u->resized = false;
	if (u->target)
		SDL_SetRenderTarget(u->renderer, u->target);
	SDL_RenderSetClipRect(u->renderer, NULL);
	u->clipping = false;
	SDL_Color bg = palette[UI_GREY5];
	SDL_SetRenderDrawColor(u->renderer, bg.r, bg.g, bg.b, 0xFF);
	SDL_RenderClear(u->renderer);
}

/* A message no screen gave a band to (a screen drawn without the header
 * bar): a dark label under where the bar would be, over what is there. */
static void draw_toast(ui *u)
{
	if (!u->toast[0] || u->toast_placed)
		return;
	const layout_metrics *m = &u->m;
	int maxw = m->w - 4 * m->pad;
	const ui_cached *e = ui_cache_get(u, u->toast, UI_FONT_BOLD, ui_rgb(UI_WHITE), maxw, UI_ALIGN_LEFT);
	if (!e)
		return;
	rect r = {(m->w - e->w) / 2 - m->pad, m->touch + 2 * m->pad, e->w + 2 * m->pad, e->h + m->pad};
	ui_fill(u, (rect){r.x, r.y + r.h, r.w, ui_shadow_px(m)}, UI_GREY2);
	ui_fill(u, r, UI_TEXT);
	ui_text(u, (rect){r.x + m->pad, r.y + m->pad / 2, e->w, e->h}, u->toast, UI_FONT_BOLD, UI_WHITE, UI_ALIGN_LEFT);
	ui_register(u, "toast", u->toast, NULL, r);
}

void ui_message_band(ui *u, rect *body)
{
	if (!u->toast[0])
		return;
	const layout_metrics *m = &u->m;
	int edge = m->pad / 2 > 4 ? m->pad / 2 : 4;
	int th = ui_text_height(u, u->toast, UI_FONT_BOLD, body->w - edge - 2 * m->pad);
	rect band = layout_cut_top(body, th + m->pad);
	layout_cut_top(body, m->gap);
	ui_fill(u, band, UI_WHITE);
	ui_fill(u, (rect){band.x, band.y, edge, band.h}, UI_BLUE);
	ui_text(u, (rect){band.x + edge + m->pad, band.y + m->pad / 2, band.w - edge - 2 * m->pad, th}, u->toast,
	        UI_FONT_BOLD, UI_TEXT, UI_ALIGN_LEFT);
	ui_register(u, "toast", u->toast, NULL, band);
	u->toast_placed = true;
}

bool ui_end(ui *u)
{
	bool again = u->modal_prev != u->modal_now || u->resized;
	draw_toast(u);
	/* Read, then a tap: the message has had its time. One said by this
	 * very tap stays. */
	if (u->released && u->toast[0] && u->now >= u->toast_until && u->toast_frame != u->frame)
		u->toast[0] = '\0';
	if (u->released)
		u->active = 0;
	u->pressed = u->released = false;
	u->typed[0] = '\0';
	u->key = UI_KEY_NONE;
	u->modal_prev = u->modal_now;
	if (u->focus && !u->focus_seen)
		u->focus = NULL; /* the field is gone from the screen */
	/* A keyboard comes or goes with the focus: the screen is laid out
	 * again around it at once, not at the next tap. */
	return again || u->focus != u->focus_begin;
}

/* Turns the logical frame onto the panel; the panel is then the target. */
static void compose(ui *u)
{
	if (!u->target)
		return;
	SDL_SetRenderTarget(u->renderer, NULL);
	SDL_RenderSetClipRect(u->renderer, NULL);
	SDL_SetRenderDrawColor(u->renderer, 0, 0, 0, 0xFF);
	SDL_RenderClear(u->renderer);
	/* Centred on the panel, the turned texture covers it exactly. */
	SDL_Rect dst = {(u->panel_w - u->m.w) / 2, (u->panel_h - u->m.h) / 2, u->m.w, u->m.h};
	SDL_RenderCopyEx(u->renderer, u->target, NULL, &dst, (double)u->rotation, NULL, SDL_FLIP_NONE);
}

void ui_present(ui *u)
{
	compose(u);
	SDL_RenderPresent(u->renderer);
}

void ui_reset(ui *u)
{
	/* A message belongs to its screen; one said as the screen changes
	 * ("Saved.", then the list) is for the next. */
	if (u->toast_frame != u->frame)
		u->toast[0] = '\0';
	u->focus = NULL;
	u->active = 0;
	u->down = u->pressed = u->released = false;
	u->modal_prev = false;
	u->typed[0] = '\0';
	u->key = UI_KEY_NONE;
	keyboard_reset(&u->kb);
}

void ui_fill(ui *u, rect r, ui_color c)
{
	SDL_Color k = palette[c];
	SDL_SetRenderDrawBlendMode(u->renderer, k.a == 0xFF ? SDL_BLENDMODE_NONE : SDL_BLENDMODE_BLEND);
	SDL_SetRenderDrawColor(u->renderer, k.r, k.g, k.b, k.a);
	SDL_Rect s = {r.x, r.y, r.w, r.h};
	SDL_RenderFillRect(u->renderer, &s);
}

void ui_line(ui *u, float x0, float y0, float x1, float y1, float px, ui_color c)
{
	float dx = x1 - x0, dy = y1 - y0, len = SDL_sqrtf(dx * dx + dy * dy);
	if (len <= 0)
		return;
	/* A quad around the segment, ends extended by half the width so joined
	 * segments meet without gaps. */
	/* (ux, uy): half the width along the segment; the normal is (-uy, ux). */
	float ux = dx / len * px / 2, uy = dy / len * px / 2;
	SDL_Vertex v[4];
	SDL_FPoint p[4] = {{x0 - ux - uy, y0 - uy + ux}, {x0 - ux + uy, y0 - uy - ux},
	                   {x1 + ux + uy, y1 + uy - ux}, {x1 + ux - uy, y1 + uy + ux}};
	for (int i = 0; i < 4; i++)
		v[i] = (SDL_Vertex){p[i], palette[c], {0, 0}};
	static const int quad[6] = {0, 1, 2, 0, 2, 3};
	SDL_RenderGeometry(u->renderer, NULL, v, 4, quad, 6);
}

void ui_disc(ui *u, float cx, float cy, float radius, ui_color c)
{
	enum { SEGMENTS = 40 };
	SDL_Vertex v[SEGMENTS + 1];
	int idx[SEGMENTS * 3];
	v[0] = (SDL_Vertex){{cx, cy}, palette[c], {0, 0}};
	for (int i = 0; i < SEGMENTS; i++) {
		float t = (float)i * 2 * (float)M_PI / SEGMENTS;
		v[i + 1] = (SDL_Vertex){{cx + radius * SDL_cosf(t), cy + radius * SDL_sinf(t)}, palette[c], {0, 0}};
		idx[3 * i] = 0;
		idx[3 * i + 1] = i + 1;
		idx[3 * i + 2] = i + 1 < SEGMENTS ? i + 2 : 1;
	}
	SDL_RenderGeometry(u->renderer, NULL, v, SEGMENTS + 1, idx, SEGMENTS * 3);
}

void ui_icon(ui *u, rect r, ui_icon_kind icon, ui_color c)
{
	float s = (float)(r.w < r.h ? r.w : r.h), x = (float)r.x + ((float)r.w - s) / 2;
	float y = (float)r.y + ((float)r.h - s) / 2, w = s / 8;
	switch (icon) {
	case UI_ICON_TICK:
		ui_line(u, x + s * 0.15f, y + s * 0.55f, x + s * 0.4f, y + s * 0.8f, w, c);
		ui_line(u, x + s * 0.4f, y + s * 0.8f, x + s * 0.88f, y + s * 0.22f, w, c);
		break;
	case UI_ICON_ARROW:
		ui_line(u, x + s * 0.5f, y + s * 0.15f, x + s * 0.5f, y + s * 0.88f, w, c);
		ui_line(u, x + s * 0.5f, y + s * 0.15f, x + s * 0.2f, y + s * 0.45f, w, c);
		ui_line(u, x + s * 0.5f, y + s * 0.15f, x + s * 0.8f, y + s * 0.45f, w, c);
		break;
	case UI_ICON_BULB:
		ui_disc(u, x + s * 0.5f, y + s * 0.4f, s * 0.3f, c);
		ui_fill(u, (rect){(int)(x + s * 0.36f), (int)(y + s * 0.66f), (int)(s * 0.28f), (int)(s * 0.12f)}, c);
		ui_fill(u, (rect){(int)(x + s * 0.38f), (int)(y + s * 0.81f), (int)(s * 0.24f), (int)(s * 0.08f)}, c);
		break;
	}
}

void ui_face(ui *u, rect r, int level)
{
	float s = (float)(r.w < r.h ? r.w : r.h);
	float cx = (float)r.x + (float)r.w / 2, cy = (float)r.y + (float)r.h / 2, rad = s / 2;
	ui_disc(u, cx, cy, rad, UI_TEXT);
	ui_disc(u, cx, cy, rad - s / 24, UI_YELLOW);
	ui_disc(u, cx - rad * 0.35f, cy - rad * 0.25f, rad * 0.1f, UI_TEXT);
	ui_disc(u, cx + rad * 0.35f, cy - rad * 0.25f, rad * 0.1f, UI_TEXT);
	/* The mouth: a parabola from frown (1) through flat (3) to smile (5). */
	float bend = (float)(level - 3) * rad * 0.14f, prevx = 0, prevy = 0;
	for (int i = 0; i <= 10; i++) {
		float t = (float)i / 10 * 2 - 1; /* -1..1 across the mouth */
		float mx = cx + t * rad * 0.45f, my = cy + rad * 0.4f + bend * (1 - t * t) - bend / 2;
		if (i > 0)
			ui_line(u, prevx, prevy, mx, my, s / 16, UI_TEXT);
		prevx = mx;
		prevy = my;
	}
}

void ui_outline(ui *u, rect r, int t, ui_color c)
{
	ui_fill(u, (rect){r.x, r.y, r.w, t}, c);
	ui_fill(u, (rect){r.x, r.y + r.h - t, r.w, t}, c);
	ui_fill(u, (rect){r.x, r.y, t, r.h}, c);
	ui_fill(u, (rect){r.x + r.w - t, r.y, t, r.h}, c);
}

int ui_shadow_px(const layout_metrics *m)
{
	return m->scale >= 1.5f ? 6 : 4;
}

uint32_t ui_id(const char *text, int salt)
{
	uint32_t h = 2166136261u ^ (uint32_t)salt;
	for (; *text; text++)
		h = (h ^ (unsigned char)*text) * 16777619u;
	return h ? h : 1;
}

bool ui_live(const ui *u)
{
	return u->in_modal || !u->modal_prev;
}

bool ui_tappable(ui *u, uint32_t id, rect r, bool *held)
{
	bool tapped = false;
	/* In a list only the part inside it can be tapped: the rest is clipped
	 * away, and something else is drawn there. */
	if (u->clipping)
		r = layout_intersect(r, u->clip);
	if (ui_live(u)) {
		if (u->pressed && layout_contains(r, u->press_x, u->press_y))
			u->active = id;
		if (u->released && u->active == id && layout_contains(r, u->px, u->py))
			tapped = true;
	}
	if (held)
		*held = u->down && u->active == id && layout_contains(r, u->px, u->py);
	return tapped;
}

ui_tap ui_hit(ui *u, rect r, const char *id, int salt, bool *held)
{
	if (!ui_tappable(u, ui_id(id, salt), r, held))
		return UI_NO_TAP;
	return u->now - u->press_at >= UI_LONG_MS ? UI_LONG_PRESS : UI_TAP;
}

void ui_show(ui *u, const char *role, const char *text, rect r)
{
	ui_register(u, role, text, NULL, r);
}

void ui_register(ui *u, const char *role, const char *text, const char *value, rect r)
{
	if (!ui_live(u) || u->nwidgets == UI_MAX_WIDGETS)
		return;
	if (u->clipping && !layout_contains(u->clip, r.x + r.w / 2, r.y + r.h / 2))
		return; /* scrolled out of its list's view */
	size_t n = strlen(text) + 1;
	if (u->arena_used + n > sizeof u->arena)
		return;
	char *copy = u->arena + u->arena_used;
	memcpy(copy, text, n);
	u->arena_used += n;
	u->widgets[u->nwidgets++] = (ui_widget){role, copy, value, r};
}

int ui_widget_count(const ui *u)
{
	return u->nwidgets;
}

const ui_widget *ui_widget_at(const ui *u, int i)
{
	return i >= 0 && i < u->nwidgets ? &u->widgets[i] : NULL;
}

const ui_widget *ui_find(const ui *u, const char *text)
{
	for (int i = 0; i < u->nwidgets; i++) {
		const ui_widget *w = &u->widgets[i];
		bool shown_only = !strcmp(w->role, "label") || !strcmp(w->role, "toast") ||
		                  !strcmp(w->role, "clipped") || !strcmp(w->role, "shortened") ||
		                  !strcmp(w->role, "split");
		if (!shown_only && !strcmp(w->text, text))
			return w;
	}
	return NULL;
}

static void json_string(FILE *out, const char *s)
{
	fputc('"', out);
	for (; *s; s++) {
		unsigned char c = (unsigned char)*s;
		if (c == '"' || c == '\\')
			fprintf(out, "\\%c", c);
		else if (c == '\n')
			fputs("\\n", out);
		else if (c < 0x20)
			fprintf(out, "\\u%04x", c);
		else
			fputc(c, out);
	}
	fputc('"', out);
}

void ui_dump(const ui *u, FILE *out)
{
	for (int i = 0; i < u->nwidgets; i++) {
		const ui_widget *w = &u->widgets[i];
		fprintf(out, "{\"role\":\"%s\",\"text\":", w->role);
		json_string(out, w->text);
		if (w->value) {
			fputs(",\"value\":", out);
			json_string(out, w->value);
		}
		fprintf(out, ",\"x\":%d,\"y\":%d,\"w\":%d,\"h\":%d}\n", w->r.x, w->r.y, w->r.w, w->r.h);
	}
	fflush(out);
}

int ui_screenshot(ui *u, const char *path, char *err, size_t errlen)
{
	int w = 0, h = 0, rc = -1;
	compose(u); /* what the panel shows, turned as it is mounted */
	SDL_GetRendererOutputSize(u->renderer, &w, &h);
	unsigned char *pixels = malloc((size_t)w * (size_t)h * 3);
	if (!pixels) {
		snprintf(err, errlen, "out of memory for a %dx%d screenshot", w, h);
		return -1;
	}
	if (SDL_RenderReadPixels(u->renderer, NULL, SDL_PIXELFORMAT_RGB24, pixels, w * 3) != 0) {
		snprintf(err, errlen, "cannot read the screen: %s", SDL_GetError());
		goto out;
	}
	FILE *f = fopen(path, "wb");
	char why[128];
	if (!f) {
		snprintf(err, errlen, "cannot write %s: %s", path, strerror(errno));
		goto out;
	}
	rc = pngfile_write(f, pixels, w, h, 3, why, sizeof why);
	if (fclose(f) != 0 && rc == 0) {
		snprintf(err, errlen, "cannot write %s: %s", path, strerror(errno));
		rc = -1;
	} else if (rc != 0) {
		snprintf(err, errlen, "cannot write %s: %s", path, why);
	}
out:
	free(pixels);
	return rc;
}

void ui_gray_image(ui *u, rect r, const unsigned char *px, int side, bool changed)
{
	if (side != u->image_side) {
		if (u->image)
			SDL_DestroyTexture(u->image);
		free(u->image_rgb);
		u->image = SDL_CreateTexture(u->renderer, SDL_PIXELFORMAT_RGB24, SDL_TEXTUREACCESS_STATIC, side, side);
		u->image_rgb = malloc((size_t)side * (size_t)side * 3);
		u->image_side = u->image && u->image_rgb ? side : 0;
		changed = true;
	}
	if (!u->image_side)
		return;
	if (changed) {
		for (size_t i = 0; i < (size_t)side * (size_t)side; i++)
			memset(u->image_rgb + 3 * i, px[i], 3);
		SDL_UpdateTexture(u->image, NULL, u->image_rgb, side * 3);
	}
	SDL_Rect dst = {r.x, r.y, side, side};
	SDL_RenderCopy(u->renderer, u->image, NULL, &dst);
}

void ui_toast(ui *u, const char *text, int ms)
{
	snprintf(u->toast, sizeof u->toast, "%s", text);
	u->toast_until = u->now + ms;
	u->toast_frame = u->frame;
}
