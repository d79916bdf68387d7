/* ui_internal: the ui struct, shared by the files of the ui layer only. */
#ifndef UI_INTERNAL_H
#define UI_INTERNAL_H

#include <SDL_ttf.h>

#include "ui_sdl.h"

#define UI_MAX_WIDGETS 512
#define UI_ARENA 65536      /* widget texts of one frame */
#define UI_CACHE 2048       /* slots for text textures */
#define UI_CACHE_INDEX 4096 /* the slots' hash index; a power of two, twice UI_CACHE */
/* The bytes the text textures may take at 800x480; a bigger type takes more
 * (ui_cache_budget). */
#define UI_CACHE_BYTES (32u << 20)

typedef struct {
	uint64_t hash;          /* 0: empty slot */
	char *text;
	int font, wrap, lines, align;
	SDL_Color color;
	SDL_Texture *tex;       /* NULL for text that draws nothing */
	int w, h;
	int last_w;             /* width of the last line: where a caret goes */
	bool shortened;         /* one line cut short with an ellipsis */
	bool split;             /* wrapped inside a word wider than the line */
	int widest;             /* the widest word's width */
	size_t bytes;           /* what its texture holds */
	int newer, older;       /* the recency list: slot + 1, 0 at its ends */
} ui_cached;

struct ui {
	SDL_Window *window;
	SDL_Renderer *renderer;
	char fonts[1024];       /* the folder of the font files */
	layout_metrics m;
	/* A rotated panel: frames are drawn into target (the logical size) and
	 * turned onto the panel when shown. rotation 0 draws straight on it. */
	int rotation;
	int panel_w, panel_h;
	SDL_Texture *target;
	bool resized;           /* turned or zoomed since the frame began */
	float zoom;             /* presenting: bigger type on the same screen */
	TTF_Font *font[UI_FONT_COUNT];
	TTF_Font *fallback[UI_FONT_COUNT];
	/* Text textures, least recently used evicted first when a new one would
	 * take more than cache_budget bytes or a slot is needed. Entries stay
	 * in their slots: the index (slot + 1, 0 empty) is what moves. */
	ui_cached cache[UI_CACHE];
	int cache_index[UI_CACHE_INDEX];
	int cache_free[UI_CACHE];   /* slots given back, as slot numbers */
	int cache_nfree, cache_fresh; /* slots from cache_fresh on were never used */
	int cache_newest, cache_oldest; /* slot + 1, 0: empty */
	int cached;
	size_t cache_bytes, cache_budget;
	uint32_t frame;
	int64_t now;

	/* Pointer state for this frame. */
	int px, py;             /* current position */
	int press_x, press_y;   /* where the press began */
	bool down;
	bool pressed;           /* went down in this frame */
	bool released;          /* went up in this frame */
	uint32_t active;        /* widget that took the press */
	int64_t press_at;       /* kiosk time of the press, for long presses */

	/* Keyboard input for this frame. */
	char typed[128];
	ui_key key;

	/* The focused text field and the on-screen keyboard. */
	char *focus;
	char *focus_begin;      /* the focused field when the frame began */
	size_t focus_cap, focus_max;
	bool focus_seen;        /* the focused field was drawn this frame */
	bool submit;            /* Done/Enter pressed for the focused field */
	keyboard kb;

	/* A modal shown last frame blocks everything else this frame. */
	bool modal_prev, modal_now, in_modal;

	SDL_Texture *image;     /* ui_gray_image's texture, kept between frames */
	int image_side;
	unsigned char *image_rgb;

	/* The message: said in toast_frame, cleared by the first tap after
	 * toast_until or by a change of screen; a screen that gives it a band
	 * in its layout (ui_message_band) sets toast_placed. */
	char toast[256];
	int64_t toast_until;
	uint32_t toast_frame;
	bool toast_placed;

	/* Inside a list: only what shows through its area is visible. */
	bool clipping;
	rect clip;

	ui_widget widgets[UI_MAX_WIDGETS];
	int nwidgets;
	char arena[UI_ARENA];
	size_t arena_used;
};

/* Registers a visible widget for tap/expect/dump; text is copied. */
void ui_register(ui *u, const char *role, const char *text, const char *value, rect r);
/* Height of the shadow under buttons and cards. */
int ui_shadow_px(const layout_metrics *m);
/* An id for a widget from its text and a salt (its place). */
uint32_t ui_id(const char *text, int salt);
/* True if input may reach widgets now (no modal above them). */
bool ui_live(const ui *u);
/* Press handling shared by every tappable widget: returns true on a completed
 * tap; *held is true while it is being pressed. */
bool ui_tappable(ui *u, uint32_t id, rect r, bool *held);

/* Text rendering (textcache.c). */
int ui_fonts_open(ui *u, char *err, size_t errlen);
void ui_fonts_close(ui *u);
void ui_cache_clear(ui *u);
/* The bytes the text cache may hold at metrics m: UI_CACHE_BYTES times the
 * type's scale (at least 1). */
size_t ui_cache_budget(const layout_metrics *m);
/* The cached texture of text in font f and colour c, wrapped at wrap pixels
 * (0: one line) with lines aligned by a; NULL only when out of memory. The
 * entry stays valid until the next call that adds text to the cache, which
 * may evict it; it is then the newest, which an eviction takes last, so one
 * entry may be kept across one other call. */
const ui_cached *ui_cache_get(ui *u, const char *text, ui_font f, SDL_Color c, int wrap, ui_align a);
/* The same, wrapped text kept to lines lines (0: all), the last ending with
 * an ellipsis when the text is longer. */
const ui_cached *ui_cache_get_lines(ui *u, const char *text, ui_font f, SDL_Color c, int wrap, int lines,
                                    ui_align a);
/* The texture of an entry, rendered when first needed (NULL for empty text). */
SDL_Color ui_rgb(ui_color c);

#endif
