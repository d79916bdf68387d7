/* widgets: buttons, labels, text fields, toggles, lists, the keyboard and the
 * modal question — each draws itself, answers taps and registers what it shows. */
#include <assert.h>
#include <string.h>

#include "core/lang.h"
#include "core/text.h"
#include "ui_internal.h"

/* The type a button's label starts from: smaller for tabs, bigger for big
 * buttons. */
static ui_font first_font(ui *u, rect r, ui_button_style style)
{
	return style == UI_BUTTON_TAB || style == UI_BUTTON_TAB_ON           ? UI_FONT_SMALL
	     : r.h >= 2 * u->m.touch && style != UI_BUTTON_QUIET ? UI_FONT_BIG
	                                                         : UI_FONT_BOLD;
}

/* The largest type, from f down, in which label and hint fit inner without
 * a word broken (UI_FONT_SMALL at the least). */
static ui_font fitting_font(ui *u, rect inner, const char *label, const char *hint, ui_font f, ui_font hf)
{
	for (;;) {
		const ui_cached *e = ui_cache_get(u, label, f, ui_rgb(UI_TEXT), inner.w, UI_ALIGN_CENTER);
		int th = e ? e->h : 0, hh = hint ? ui_text_height(u, hint, hf, inner.w) : 0;
		if ((th + hh <= inner.h && !(e && e->split)) || f == UI_FONT_SMALL)
			return f;
		f = f == UI_FONT_BIG ? UI_FONT_BOLD : f == UI_FONT_BOLD ? UI_FONT_BODY : UI_FONT_SMALL;
	}
}

/* A button with an optional hint line under its label (home's big tiles),
 * its label in type no larger than cap. */
static bool button_in(ui *u, rect r, const char *label, const char *hint, ui_button_style style, ui_font cap);

static bool button(ui *u, rect r, const char *label, const char *hint, ui_button_style style)
{
	return button_in(u, r, label, hint, style, UI_FONT_BIG);
}

static bool button_in(ui *u, rect r, const char *label, const char *hint, ui_button_style style, ui_font cap)
{
	bool held = false;
	bool tapped = style != UI_BUTTON_OFF && ui_tappable(u, ui_id(label, r.x * 7919 + r.y), r, &held);
	int sh = ui_shadow_px(&u->m); /* a press pushes the button down into it */
	rect face = {r.x, r.y + (held ? sh : 0), r.w, r.h - sh};
	ui_color fill, edge, ink;
	switch (style) {
	case UI_BUTTON_PRIMARY: fill = held ? UI_DARK_GREEN : UI_GREEN; edge = UI_DARK_GREEN; ink = UI_WHITE; break;
	case UI_BUTTON_GO: fill = held ? UI_DARK_GREEN : UI_GREEN; edge = UI_DARK_GREEN; ink = UI_WHITE; break;
	case UI_BUTTON_DANGER: fill = held ? UI_TEXT : UI_RED; edge = UI_TEXT; ink = UI_WHITE; break;
	case UI_BUTTON_QUIET: fill = held ? UI_YELLOW : UI_GREY5; edge = fill; ink = held ? UI_TEXT : UI_BLUE; break;
	case UI_BUTTON_TAB_ON: fill = UI_BLUE; edge = UI_DARK_BLUE; ink = UI_WHITE; break;
	case UI_BUTTON_OFF: fill = UI_GREY4; edge = UI_GREY3; ink = UI_GREY2; break;
	case UI_BUTTON_TAB:
	default: fill = held ? UI_PALE_BLUE : UI_WHITE; edge = UI_BLUE; ink = UI_BLUE; break;
	}
	if (style != UI_BUTTON_QUIET && !held)
		ui_fill(u, (rect){r.x, r.y + r.h - sh, r.w, sh}, edge);
	ui_fill(u, face, fill);
	if (style == UI_BUTTON_SECONDARY || style == UI_BUTTON_TAB)
		ui_outline(u, face, 2, UI_BLUE);
	ui_font f = first_font(u, r, style);
	f = cap < f ? cap : f;
	rect inner = layout_inset(face, u->m.pad / 2);
	/* A hint under a big tile's label in body type, under a smaller one's in
	 * small type (a role's description). */
	ui_font hf = r.h >= 2 * u->m.touch ? UI_FONT_BODY : UI_FONT_SMALL;
	int th, hh;
	/* Longer words (a translation, a narrow screen) take a smaller type
	 * rather than be cut off or broken. */
	for (;;) {
		const ui_cached *e = ui_cache_get(u, label, f, ui_rgb(ink), inner.w, UI_ALIGN_CENTER);
		th = e ? e->h : 0;
		hh = hint ? ui_text_height(u, hint, hf, inner.w) : 0;
		if ((th + hh <= inner.h && !(e && e->split)) || f == UI_FONT_SMALL)
			break;
		f = f == UI_FONT_BIG ? UI_FONT_BOLD : f == UI_FONT_BOLD ? UI_FONT_BODY : UI_FONT_SMALL;
	}
	int y = inner.y + (inner.h - th - hh) / 2;
	/* A label with a hint ends at the middle, the hint starts there: tiles
	 * side by side keep their labels in line however their hints wrap. */
	if (hint && th <= inner.h / 2 && hh <= inner.h / 2)
		y = inner.y + inner.h / 2 - th;
	ui_text(u, (rect){inner.x, y, inner.w, th}, label, f, ink, UI_ALIGN_CENTER);
	if (hint) {
		ui_text(u, (rect){inner.x, y + th, inner.w, hh}, hint, hf, ink, UI_ALIGN_CENTER);
		ui_register(u, "label", hint, NULL, (rect){inner.x, y + th, inner.w, hh});
	}
	if (style == UI_BUTTON_QUIET) {
		int lw = 0, lh = 0; /* links are underlined */
		ui_measure(u, label, f, &lw, &lh);
		lw = lw < inner.w ? lw : inner.w;
		ui_fill(u, (rect){inner.x + (inner.w - lw) / 2, y + th - 2, lw, 2}, ink);
	}
	ui_register(u, style == UI_BUTTON_OFF ? "off" : "button", label, NULL, r);
	return tapped;
}

bool ui_button(ui *u, rect r, const char *label, ui_button_style style)
{
	return button(u, r, label, NULL, style);
}

bool ui_tile(ui *u, rect r, const char *label, const char *hint, ui_button_style style)
{
	return button(u, r, label, hint, style);
}

ui_font ui_tile_font(ui *u, rect r, const char *label, const char *hint, ui_button_style style)
{
	int sh = ui_shadow_px(&u->m);
	rect inner = layout_inset((rect){r.x, r.y, r.w, r.h - sh}, u->m.pad / 2);
	ui_font hf = r.h >= 2 * u->m.touch ? UI_FONT_BODY : UI_FONT_SMALL;
	return fitting_font(u, inner, label, hint, first_font(u, r, style), hf);
}

bool ui_tile_in(ui *u, rect r, const char *label, const char *hint, ui_button_style style, ui_font f)
{
	return button_in(u, r, label, hint, style, f);
}

void ui_card(ui *u, rect r, ui_color paper)
{
	int sh = ui_shadow_px(&u->m);
	ui_fill(u, (rect){r.x + sh, r.y + sh, r.w, r.h}, UI_SHADOW);
	ui_fill(u, r, paper);
}

bool ui_note_tile(ui *u, rect r, const char *label, ui_color paper, ui_icon_kind icon)
{
	bool held = false;
	bool tapped = ui_tappable(u, ui_id(label, r.x * 7919 + r.y), r, &held);
	int sh = ui_shadow_px(&u->m);
	rect card = held ? (rect){r.x + sh, r.y + sh, r.w - sh, r.h - sh} : (rect){r.x, r.y, r.w - sh, r.h - sh};
	if (held)
		ui_fill(u, card, paper);
	else
		ui_card(u, card, paper);
	if (held)
		ui_outline(u, layout_inset(card, -3), 4, UI_YELLOW);
	rect in = layout_inset(card, u->m.pad);
	int lh = ui_text_height(u, label, UI_FONT_BIG, in.w);
	int is = in.h - lh - u->m.gap;
	is = is > u->m.touch * 2 ? u->m.touch * 2 : is;
	rect both = layout_center(in, in.w, is + u->m.gap + lh);
	ui_icon(u, layout_cut_top(&both, is), icon, UI_TEXT);
	layout_cut_top(&both, u->m.gap);
	ui_text(u, both, label, UI_FONT_BIG, UI_TEXT, UI_ALIGN_CENTER);
	ui_register(u, "button", label, NULL, r);
	return tapped;
}

bool ui_face_button(ui *u, rect r, int level, const char *word)
{
	bool held = false;
	bool tapped = ui_tappable(u, ui_id(word, level), r, &held);
	ui_fill(u, r, held ? UI_YELLOW : UI_WHITE);
	ui_outline(u, r, 2, held ? UI_TEXT : UI_GREY3);
	rect in = layout_inset(r, u->m.pad / 2);
	int wh = ui_text_height(u, word, UI_FONT_BOLD, in.w);
	rect face = layout_cut_top(&in, in.h - wh - u->m.gap / 2);
	ui_face(u, layout_inset(face, u->m.pad / 4), level);
	layout_cut_top(&in, u->m.gap / 2);
	ui_text(u, in, word, UI_FONT_BOLD, UI_TEXT, UI_ALIGN_CENTER);
	ui_register(u, "button", word, NULL, r);
	return tapped;
}

void ui_label_line(ui *u, rect r, const char *text, ui_font f, ui_color c, ui_align a)
{
	int h = ui_line_height(u, f);
	ui_text_line(u, (rect){r.x, r.y + (r.h - h) / 2, r.w, h}, text, f, c, a);
	ui_register(u, "label", text, NULL, r);
}

void ui_label(ui *u, rect r, const char *text, ui_font f, ui_color c, ui_align a)
{
	const ui_cached *e = ui_cache_get(u, text, f, ui_rgb(c), r.w, a);
	int h = e ? e->h : 0;
	int y = h < r.h ? r.y + (r.h - h) / 2 : r.y;
	ui_text(u, (rect){r.x, y, r.w, r.h - (y - r.y)}, text, f, c, a);
	ui_register(u, "label", text, NULL, r);
}

void ui_focus(ui *u, char *buf, keyboard_layer layer)
{
	ui_focus_as(u, buf, layer, KEYBOARD_TEXT);
}

void ui_focus_as(ui *u, char *buf, keyboard_layer layer, keyboard_kind kind)
{
	u->focus = buf;
	u->focus_seen = buf != NULL; /* survives the end of the frame that focused it */
	keyboard_reset(&u->kb);
	u->kb.layer = layer;
	u->kb.kind = kind;
	if (buf)
		keyboard_follow(&u->kb, buf); /* a name starts with a capital */
}

/* The editing every text input shares: typed text, Backspace, Enter. */
static bool edit_focused(ui *u, char *buf, size_t cap, size_t max_chars)
{
	u->focus_seen = true;
	u->focus_cap = cap;
	u->focus_max = max_chars;
	if (u->typed[0])
		text_append(buf, cap, max_chars, u->typed);
	if (u->key == UI_KEY_BACKSPACE)
		text_backspace(buf);
	if (u->typed[0] || u->key == UI_KEY_BACKSPACE)
		keyboard_follow(&u->kb, buf);
	return u->key == UI_KEY_ENTER || u->submit;
}

/* A text box showing buf, with a caret while focused; red-edged (thicker,
 * as GOV.UK's) when its entry is in error. */
static void draw_box(ui *u, rect box, const char *buf, bool focused, bool error)
{
	const layout_metrics *m = &u->m;
	ui_fill(u, box, UI_WHITE);
	if (focused) {
		ui_outline(u, layout_inset(box, -3), 4, UI_YELLOW);
		ui_outline(u, box, 3, UI_TEXT);
	} else {
		ui_outline(u, box, error ? 4 : 2, error ? UI_RED : UI_GREY1);
	}
	rect in = layout_inset(box, m->pad / 2 + 2);
	const ui_cached *e = ui_cache_get(u, buf, UI_FONT_BODY, ui_rgb(UI_TEXT), 0, UI_ALIGN_LEFT);
	int tw = e ? e->w : 0, th = ui_line_height(u, UI_FONT_BODY);
	int ty = in.y + (in.h - th) / 2;
	if (e && e->tex) {
		/* Keep the end of long text, where the caret is, in view. */
		int shown = tw < in.w - 4 ? tw : in.w - 4;
		SDL_Rect src = {tw - shown, 0, shown, e->h < in.h ? e->h : in.h};
		SDL_Rect dst = {in.x, ty, src.w, src.h};
		SDL_RenderCopy(u->renderer, e->tex, &src, &dst);
		tw = shown;
	}
	if (focused)
		ui_fill(u, (rect){in.x + tw + 1, ty + th / 8, 3, th * 3 / 4}, UI_TEXT);
}

/* ui_field and ui_field_box: the label (if shown), the counter (if counted)
 * and the box. */
static bool field(ui *u, rect r, const char *label, bool labelled, char *buf, size_t cap, size_t max_chars,
                  bool counted)
{
	const layout_metrics *m = &u->m;
	int lh = ui_line_height(u, UI_FONT_BOLD);
	rect box = r;
	rect top = layout_cut_top(&box, labelled ? lh + m->gap / 2 : 0);
	if (ui_tappable(u, ui_id(label, (int)(intptr_t)buf), box, NULL) && u->focus != buf)
		ui_focus(u, buf, KEYBOARD_LETTERS);
	bool focused = u->focus == buf;
	bool submit = focused && edit_focused(u, buf, cap, max_chars);
	if (counted && max_chars > 0) {
		char count[32];
		size_t n = text_chars(buf);
		snprintf(count, sizeof count, "%zu / %zu", n, max_chars);
		rect cr = layout_cut_right(&top, m->w / 6);
		ui_label(u, cr, count, UI_FONT_SMALL, n >= max_chars ? UI_RED : UI_GREY1, UI_ALIGN_RIGHT);
	}
	if (labelled)
		ui_label(u, top, label, UI_FONT_BOLD, UI_TEXT, UI_ALIGN_LEFT);

	draw_box(u, box, buf, focused, false);
	ui_register(u, "field", buf, NULL, box);
	return submit;
}

bool ui_field(ui *u, rect r, const char *label, char *buf, size_t cap, size_t max_chars)
{
	return field(u, r, label, true, buf, cap, max_chars, true);
}

bool ui_field_box(ui *u, rect r, const char *label, char *buf, size_t cap, size_t max_chars)
{
	return field(u, r, label, false, buf, cap, max_chars, false);
}

/* The words of a form group stacked over its box, each wrapped to w: label,
 * hint, error. Draws them when draw is true; returns their height. */
static int form_words(ui *u, rect r, const ui_form_words *w, bool draw)
{
	const layout_metrics *m = &u->m;
	const char *text[3] = {w->label, w->hint, w->error};
	const ui_font font[3] = {UI_FONT_BOLD, UI_FONT_SMALL, UI_FONT_BOLD};
	const ui_color ink[3] = {UI_TEXT, UI_GREY1, UI_RED};
	int y = 0;
	for (int i = 0; i < 3; i++) {
		if (!text[i] || !text[i][0])
			continue;
		int h = ui_text_height(u, text[i], font[i], r.w);
		if (draw)
			ui_label(u, (rect){r.x, r.y + y, r.w, h}, text[i], font[i], ink[i], UI_ALIGN_LEFT);
		y += h + m->gap / 3;
	}
	return y;
}

/* The width the words and the box take in a group w wide: an error's red
 * bar and its gap come off the left. */
static int form_inner(const ui *u, int w, const ui_form_words *words)
{
	return words->error ? w - u->m.pad : w;
}

int ui_form_height(ui *u, int w, const ui_form_words *words)
{
	return form_words(u, (rect){0, 0, form_inner(u, w, words), 0}, words, false) + u->m.touch;
}

/* The group's frame: the red bar of an error, the words; returns the box. */
static rect form_group(ui *u, rect r, const ui_form_words *words)
{
	const layout_metrics *m = &u->m;
	if (words->error) {
		ui_fill(u, (rect){r.x, r.y, m->pad / 3 > 4 ? m->pad / 3 : 4, r.h}, UI_RED);
		layout_cut_left(&r, m->pad);
	}
	int wh = form_words(u, r, words, true);
	return (rect){r.x, r.y + wh, r.w, m->touch};
}

bool ui_form_field(ui *u, ui_list *l, rect r, const ui_form_words *words, char *buf, size_t cap, size_t max_chars,
                   keyboard_kind kind)
{
	rect box = form_group(u, r, words);
	bool tapped = ui_tappable(u, ui_id(words->label, (int)(intptr_t)buf), box, NULL) && !(l && l->dragged);
	if (tapped && u->focus != buf)
		ui_focus_as(u, buf, KEYBOARD_LETTERS, kind);
	bool focused = u->focus == buf;
	bool submit = focused && edit_focused(u, buf, cap, max_chars);
	draw_box(u, box, buf, focused, words->error != NULL);
	ui_register(u, "field", words->label, buf, box);
	return submit;
}

bool ui_form_select(ui *u, ui_list *l, rect r, const ui_form_words *words, const char *value, const char *empty)
{
	const layout_metrics *m = &u->m;
	rect box = form_group(u, r, words);
	bool held = false;
	bool tapped = ui_tappable(u, ui_id(words->label, box.y), box, &held) && !(l && l->dragged);
	ui_fill(u, box, held ? UI_YELLOW : UI_WHITE);
	ui_outline(u, box, words->error ? 4 : 2, words->error ? UI_RED : UI_GREY1);
	rect in = layout_inset(box, m->pad / 2 + 2);
	/* A chevron at the right says a list opens, as a select's arrow does. */
	int cs = ui_line_height(u, UI_FONT_BODY) / 2;
	rect chev = layout_center(layout_cut_right(&in, cs * 2), cs, cs);
	ui_line(u, chev.x, chev.y + cs / 4.f, chev.x + cs / 2.f, chev.y + cs * 3 / 4.f, 3, UI_TEXT);
	ui_line(u, chev.x + cs / 2.f, chev.y + cs * 3 / 4.f, chev.x + cs, chev.y + cs / 4.f, 3, UI_TEXT);
	ui_text_line(u, in, value[0] ? value : empty, UI_FONT_BODY, value[0] ? UI_TEXT : UI_GREY1, UI_ALIGN_LEFT);
	ui_register(u, "button", words->label, value, box);
	return tapped;
}

/* One stepper's width: its two buttons and its widest value. */
static int step_width(ui *u, const ui_step *s)
{
	int vw = 0, vh = 0, nw = 0;
	ui_measure(u, s->widest ? s->widest : s->value, UI_FONT_BOLD, &vw, &vh);
	ui_measure(u, s->name, UI_FONT_SMALL, &nw, &vh);
	int w = 2 * u->m.touch + vw + 2 * u->m.pad;
	return w > nw ? w : nw;
}

static int step_height(ui *u)
{
	return ui_line_height(u, UI_FONT_SMALL) + u->m.gap / 3 + u->m.touch;
}

/* Places the steppers side by side from the top left, each as wide as it
 * needs, a line w wide holding what it can; a group (the time after the
 * date) starts a new line unless all of it fits on this one. Into cells
 * (may be NULL); returns the height they take. */
static int place_steps(ui *u, int w, const ui_step *steps, int n, rect *cells)
{
	const layout_metrics *m = &u->m;
	int x = 0, y = 0, sh = step_height(u);
	for (int i = 0; i < n; i++) {
		int sw = step_width(u, &steps[i]), need = sw;
		if (steps[i].group)
			for (int k = i + 1; k < n && !steps[k].group; k++)
				need += m->gap + step_width(u, &steps[k]);
		if (x > 0 && x + need > w) {
			x = 0;
			y += sh + m->gap;
		}
		if (cells)
			cells[i] = (rect){x, y, sw < w ? sw : w, sh};
		x += sw + m->gap;
	}
	return y + sh;
}

int ui_form_steps_height(ui *u, int w, const ui_form_words *words, const ui_step *steps, int n)
{
	int inner = form_inner(u, w, words);
	return form_words(u, (rect){0, 0, inner, 0}, words, false) + place_steps(u, inner, steps, n, NULL);
}

/* A stepper's "-" or "+" button, drawn with lines (so it reads at any
 * size); scripts see it as "Day -" or "Day +". True when tapped. */
static bool step_button(ui *u, ui_list *l, rect b, const char *name, int sign)
{
	char id[96];
	snprintf(id, sizeof id, "%s %c", name, sign > 0 ? '+' : '-');
	bool held = false;
	bool tapped = ui_tappable(u, ui_id(id, b.x * 31 + b.y), b, &held) && !(l && l->dragged);
	ui_fill(u, b, held ? UI_PALE_BLUE : UI_WHITE);
	ui_outline(u, b, 2, UI_BLUE);
	int s = b.h / 3;
	float cx = b.x + b.w / 2.f, cy = b.y + b.h / 2.f;
	ui_line(u, cx - s / 2.f, cy, cx + s / 2.f, cy, 4, UI_BLUE);
	if (sign > 0)
		ui_line(u, cx, cy - s / 2.f, cx, cy + s / 2.f, 4, UI_BLUE);
	ui_register(u, "button", id, NULL, b);
	return tapped;
}

int ui_form_steps(ui *u, ui_list *l, rect r, const ui_form_words *words, const ui_step *steps, int n, int *delta)
{
	const layout_metrics *m = &u->m;
	rect box = form_group(u, r, words);
	rect cells[8];
	assert(n <= 8);
	n = n < 8 ? n : 8; /* and without assert(), never past cells */
	place_steps(u, box.w, steps, n, cells);
	int tapped = -1, sh = ui_line_height(u, UI_FONT_SMALL);
	*delta = 0;
	for (int i = 0; i < n; i++) {
		rect c = {box.x + cells[i].x, box.y + cells[i].y, cells[i].w, cells[i].h};
		ui_label(u, layout_cut_top(&c, sh), steps[i].name, UI_FONT_SMALL, UI_TEXT, UI_ALIGN_LEFT);
		layout_cut_top(&c, m->gap / 3);
		if (step_button(u, l, layout_cut_left(&c, m->touch), steps[i].name, -1)) {
			tapped = i;
			*delta = -1;
		}
		if (step_button(u, l, layout_cut_right(&c, m->touch), steps[i].name, 1)) {
			tapped = i;
			*delta = 1;
		}
		/* The value between them, in a box as an input's. */
		ui_fill(u, c, UI_WHITE);
		ui_outline(u, (rect){c.x - 1, c.y, c.w + 2, c.h}, 2, words->error ? UI_RED : UI_GREY1);
		ui_label_line(u, c, steps[i].value, UI_FONT_BOLD, UI_TEXT, UI_ALIGN_CENTER);
		ui_register(u, "stepper", steps[i].name, steps[i].value, c);
	}
	return tapped;
}

int ui_error_summary_height(ui *u, int w, const char *title, const char *const *errors, int n)
{
	const layout_metrics *m = &u->m;
	int in = w - 2 * m->pad, h = 2 * m->pad + ui_text_height(u, title, UI_FONT_TITLE, in);
	for (int i = 0; i < n; i++) {
		int eh = ui_text_height(u, errors[i], UI_FONT_BOLD, in);
		h += eh > m->touch ? eh : m->touch;
	}
	return h;
}

int ui_error_summary(ui *u, ui_list *l, rect r, const char *title, const char *const *errors, int n)
{
	const layout_metrics *m = &u->m;
	int chosen = -1;
	ui_fill(u, r, UI_WHITE);
	ui_outline(u, r, 4, UI_RED);
	rect in = layout_inset(r, m->pad);
	int th = ui_text_height(u, title, UI_FONT_TITLE, in.w);
	ui_label(u, layout_cut_top(&in, th), title, UI_FONT_TITLE, UI_TEXT, UI_ALIGN_LEFT);
	for (int i = 0; i < n; i++) {
		int eh = ui_text_height(u, errors[i], UI_FONT_BOLD, in.w);
		rect row = layout_cut_top(&in, eh > m->touch ? eh : m->touch);
		bool held = false;
		if (ui_tappable(u, ui_id(errors[i], row.y), row, &held) && !(l && l->dragged))
			chosen = i;
		if (held)
			ui_fill(u, row, UI_YELLOW);
		rect t = layout_center(row, row.w, eh);
		ui_text(u, t, errors[i], UI_FONT_BOLD, UI_RED, UI_ALIGN_LEFT);
		/* Underlined, as a link is: it takes you to the field. */
		int lw = 0, lh = 0;
		ui_measure(u, errors[i], UI_FONT_BOLD, &lw, &lh);
		if (eh <= lh)
			ui_fill(u, (rect){t.x, t.y + eh - 2, lw < t.w ? lw : t.w, 2}, UI_RED);
		ui_register(u, "link", errors[i], NULL, row);
	}
	return chosen;
}

bool ui_focused(const ui *u, const char *buf)
{
	return buf && u->focus == buf;
}

void ui_textarea(ui *u, rect r, char *buf, size_t cap, size_t max_chars, ui_font f)
{
	if (ui_tappable(u, ui_id("textarea", (int)(intptr_t)buf), r, NULL) && u->focus != buf)
		ui_focus(u, buf, KEYBOARD_LETTERS);
	bool focused = u->focus == buf;
	if (focused)
		edit_focused(u, buf, cap, max_chars);
	int lh = ui_line_height(u, f);
	const ui_cached *e = ui_cache_get(u, buf, f, ui_rgb(UI_TEXT), r.w - 4, UI_ALIGN_LEFT);
	int th = e && e->h ? e->h : lh, shown = th < r.h ? th : r.h / lh * lh;
	if (e && e->tex) {
		/* Longer than the card: show the end, where the writing is. */
		SDL_Rect src = {0, th - shown, e->w, shown}, dst = {r.x, r.y, e->w, shown};
		SDL_RenderCopy(u->renderer, e->tex, &src, &dst);
	}
	if (focused) {
		int cx = r.x + (e ? e->last_w : 0) + 1, cy = r.y + shown - lh;
		ui_fill(u, (rect){cx, cy + lh / 8, 3, lh * 3 / 4}, UI_TEXT);
	}
	ui_register(u, "field", buf, NULL, r);
}

bool ui_choice(ui *u, rect r, const char *label, ui_font f, bool chosen)
{
	bool held = false;
	bool tapped = ui_tappable(u, ui_id(label, r.x * 7919 + r.y), r, &held);
	const layout_metrics *m = &u->m;
	ui_color ink = held ? UI_TEXT : chosen ? UI_WHITE : UI_BLUE;
	ui_fill(u, r, held ? UI_YELLOW : chosen ? UI_BLUE : UI_WHITE);
	ui_outline(u, r, 2, held ? UI_TEXT : chosen ? UI_DARK_BLUE : UI_BLUE);
	/* The tick says which is chosen without relying on colour; it goes
	 * before the label when there is room, else above it. */
	int lw = 0, lh = 0;
	rect in = layout_inset(r, m->pad / 2);
	ui_measure(u, label, f, &lw, &lh);
	int tick = chosen ? lh : 0, gap = chosen ? m->gap / 2 : 0;
	lw = lw < in.w ? lw : in.w;
	if (tick + gap + lw <= in.w) {
		rect both = layout_center(in, tick + gap + lw, lh);
		if (chosen)
			ui_icon(u, layout_cut_left(&both, tick), UI_ICON_TICK, ink);
		layout_cut_left(&both, gap);
		ui_text_line(u, both, label, f, ink, UI_ALIGN_CENTER);
	} else {
		/* Above it, the tick takes what height the label leaves. */
		tick = in.h - lh < tick ? in.h - lh : tick;
		rect both = layout_center(in, in.w, (tick > 0 ? tick : 0) + lh);
		if (chosen && tick > 0)
			ui_icon(u, layout_cut_top(&both, tick), UI_ICON_TICK, ink);
		ui_text_line(u, both, label, f, ink, UI_ALIGN_CENTER);
	}
	ui_register(u, "button", label, chosen ? "chosen" : NULL, r);
	return tapped;
}

bool ui_toggle(ui *u, rect r, const char *label, bool *value)
{
	bool held = false;
	bool tapped = ui_tappable(u, ui_id(label, r.y), r, &held);
	if (tapped)
		*value = !*value;
	const layout_metrics *m = &u->m;
	rect sw = layout_cut_right(&r, m->touch * 2);
	sw = layout_center(sw, m->touch * 2, m->touch * 3 / 4);
	ui_fill(u, r, held ? UI_PALE_BLUE : UI_GREY5);
	ui_text(u, (rect){r.x, r.y + (r.h - ui_line_height(u, UI_FONT_BODY)) / 2, r.w - m->gap, r.h},
	        label, UI_FONT_BODY, UI_TEXT, UI_ALIGN_LEFT);
	ui_fill(u, sw, *value ? UI_GREEN : UI_GREY1);
	rect knob = layout_inset(sw, 4);
	knob.w /= 2;
	if (*value)
		knob.x += knob.w;
	ui_fill(u, knob, UI_WHITE);
	rect word = layout_inset(sw, 4);
	word.w /= 2;
	if (!*value)
		word.x += word.w;
	int lh = ui_line_height(u, UI_FONT_SMALL);
	/* TRANSLATORS: "On" and "Off" are written on half of a small switch:
	   a few letters at most. */
	ui_text(u, (rect){word.x, word.y + (word.h - lh) / 2, word.w, lh}, *value ? _("On") : _("Off"),
	        UI_FONT_SMALL, UI_WHITE, UI_ALIGN_CENTER);
	ui_register(u, "toggle", label, *value ? "on" : "off", (rect){r.x, r.y, r.w + sw.w, r.h});
	return tapped;
}

bool ui_keyboard(ui *u, rect r)
{
	keyboard_key keys[KEYBOARD_MAX_KEYS];
	int n = keyboard_layout(&u->kb, r, u->m.gap / 3 + 2, keys, KEYBOARD_MAX_KEYS);
	bool done = false;
	ui_fill(u, r, UI_GREY4);
	for (int i = 0; i < n; i++) {
		keyboard_key *k = &keys[i];
		bool held = false;
		if (ui_tappable(u, ui_id(k->label, i), k->r, &held) && u->focus)
			done |= keyboard_press(&u->kb, k, u->focus, u->focus_cap, u->focus_max);
		bool lit = k->action == KEYBOARD_SHIFT && (u->kb.shift || u->kb.caps);
		bool special = k->action != KEYBOARD_CHAR && k->action != KEYBOARD_SPACE;
		ui_color fill = held ? UI_YELLOW : lit ? UI_BLUE : special ? UI_GREY3 : UI_WHITE;
		ui_fill(u, k->r, fill);
		ui_font f = special ? UI_FONT_SMALL : UI_FONT_BODY;
		int lh = ui_line_height(u, f);
		/* Shift, Delete, Space and Done show their word in the language in
		 * use but keep their English name for keyboard_find and scripts;
		 * letters, symbols and 123/ABC/àé are not words. */
		bool word = k->action != KEYBOARD_CHAR && k->action != KEYBOARD_LAYER;
		ui_text(u, (rect){k->r.x, k->r.y + (k->r.h - lh) / 2, k->r.w, lh}, word ? C_("key", k->label) : k->label, f,
		        lit ? UI_WHITE : UI_TEXT, UI_ALIGN_CENTER);
		ui_register(u, "key", k->label, NULL, k->r);
	}
	if (done)
		u->submit = true;
	return done;
}

void ui_list_begin(ui *u, ui_list *l, rect area, int content_h)
{
	l->area = area;
	l->content_h = content_h;
	int max_scroll = content_h > area.h ? content_h - area.h : 0;
	if (ui_live(u)) {
		if (u->pressed && layout_contains(area, u->press_x, u->press_y)) {
			l->dragged = false;
			l->drag_y = u->press_y;
			l->drag_scroll = l->scroll;
		}
		bool mine = layout_contains(area, u->press_x, u->press_y);
		int dy = u->py - l->drag_y;
		if (u->down && mine && (l->dragged || dy > u->m.touch / 4 || dy < -u->m.touch / 4)) {
			l->dragged = true;
			l->scroll = l->drag_scroll - dy;
		}
	}
	if (l->scroll > max_scroll)
		l->scroll = max_scroll;
	if (l->scroll < 0)
		l->scroll = 0;
	/* Listed, so that a check of a dump knows the part of a row scrolled
	 * half out of view is hidden. */
	ui_register(u, "list", "", NULL, area);
	SDL_Rect clip = {area.x, area.y, area.w, area.h};
	SDL_RenderSetClipRect(u->renderer, &clip);
	u->clipping = true;
	u->clip = area;
}

rect ui_list_row(ui *u, ui_list *l, int y, int h)
{
	(void)u;
	return (rect){l->area.x, l->area.y + y - l->scroll, l->area.w, h};
}

bool ui_list_item(ui *u, ui_list *l, rect row, const char *title, const char *detail, bool selected)
{
	if (row.y + row.h <= l->area.y || row.y >= l->area.y + l->area.h)
		return false;
	bool held = false;
	bool tapped = ui_tappable(u, ui_id(title, row.y + l->scroll), row, &held) && !l->dragged;
	held &= !l->dragged;
	const layout_metrics *m = &u->m;
	ui_fill(u, row, held ? UI_YELLOW : selected ? UI_PALE_BLUE : UI_WHITE);
	ui_fill(u, (rect){row.x, row.y + row.h - 1, row.w, 1}, UI_GREY4);
	if (selected)
		ui_fill(u, (rect){row.x, row.y, m->pad / 2, row.h}, UI_BLUE);
	rect in = layout_inset(row, m->pad);
	int lh = ui_line_height(u, UI_FONT_BOLD);
	int dl = detail && detail[0] ? ui_line_height(u, UI_FONT_SMALL) : 0;
	/* The title wraps in a row made tall enough for it, else is one line;
	 * so does the detail (ui_list_item_height), else it is one line. */
	int th = ui_text_height(u, title, UI_FONT_BOLD, in.w), room = (in.h - dl) / lh * lh;
	th = th < room ? th : room > lh ? room : lh;
	int dh = dl ? ui_text_height(u, detail, UI_FONT_SMALL, in.w) : 0;
	dh = th + dh <= in.h ? dh : dl;
	int y = in.y + (in.h - th - dh) / 2;
	if (th > lh)
		ui_text_lines(u, (rect){in.x, y, in.w, th}, title, UI_FONT_BOLD, UI_TEXT, UI_ALIGN_LEFT);
	else
		ui_text_line(u, (rect){in.x, y, in.w, th}, title, UI_FONT_BOLD, UI_TEXT, UI_ALIGN_LEFT);
	if (dh > dl)
		ui_text_lines(u, (rect){in.x, y + th, in.w, dh}, detail, UI_FONT_SMALL, UI_GREY1, UI_ALIGN_LEFT);
	else if (dh)
		ui_text_line(u, (rect){in.x, y + th, in.w, dh}, detail, UI_FONT_SMALL, UI_GREY1, UI_ALIGN_LEFT);
	/* Scripts see what shows of a row half scrolled out of its list. */
	ui_register(u, "item", title, selected ? "selected" : NULL, layout_intersect(row, l->area));
	if (dh)
		ui_register(u, "label", detail, NULL, layout_intersect((rect){in.x, y + th, in.w, dh}, l->area));
	return tapped;
}

int ui_list_item_height(ui *u, int w, const char *title, const char *detail, int min_h)
{
	int pad = u->m.pad;
	int h = ui_text_height(u, title, UI_FONT_BOLD, w - 2 * pad) + 2 * pad;
	if (detail && detail[0])
		h += ui_text_height(u, detail, UI_FONT_SMALL, w - 2 * pad);
	return h > min_h ? h : min_h;
}

void ui_list_end(ui *u, ui_list *l)
{
	rect a = l->area;
	if (l->content_h > a.h) {
		/* A scroll bar, so people see there is more. */
		int bh = a.h * a.h / l->content_h;
		int by = a.y + (a.h - bh) * l->scroll / (l->content_h - a.h);
		ui_fill(u, (rect){a.x + a.w - 6, by, 6, bh}, UI_GREY2);
	}
	SDL_RenderSetClipRect(u->renderer, NULL);
	u->clipping = false;
}

void ui_modal_begin(ui *u)
{
	u->modal_now = true;
	u->in_modal = true;
}

void ui_modal_end(ui *u)
{
	u->in_modal = false;
}

/* ui_confirm and ui_confirm_danger: the dimmed screen, the panel and the two
 * answers. */
static int confirm(ui *u, const char *question, const char *yes, const char *no, bool danger)
{
	const layout_metrics *m = &u->m;
	ui_modal_begin(u);
	SDL_SetRenderDrawBlendMode(u->renderer, SDL_BLENDMODE_BLEND);
	SDL_SetRenderDrawColor(u->renderer, 0x21, 0x2B, 0x32, 0xB0);
	SDL_RenderFillRect(u->renderer, NULL);
	SDL_SetRenderDrawBlendMode(u->renderer, SDL_BLENDMODE_NONE);
	int w = m->portrait ? m->w - 2 * m->pad : m->w * 2 / 3;
	/* As tall as the question needs (a name in it may be long), at least
	 * three lines. */
	int qh = ui_text_height(u, question, UI_FONT_BOLD, w - 4 * m->pad);
	int lines = 3 * ui_line_height(u, UI_FONT_BOLD);
	qh = qh > lines ? qh : lines;
	int ph = m->touch * 2 + 5 * m->pad + qh;
	ph = ph < m->h - 2 * m->pad ? ph : m->h - 2 * m->pad;
	rect panel = layout_center((rect){0, 0, m->w, m->h}, w, ph);
	ui_fill(u, panel, UI_WHITE);
	ui_fill(u, layout_cut_top(&(rect){panel.x, panel.y, panel.w, panel.h}, m->pad / 2), danger ? UI_RED : UI_BLUE);
	rect in = layout_inset(panel, m->pad * 2);
	rect buttons = layout_cut_bottom(&in, m->touch + 4);
	ui_label(u, in, question, UI_FONT_BOLD, UI_TEXT, UI_ALIGN_CENTER);
	int answer = 0;
	/* A permanent action: the safe answer first, green, where the finger
	 * goes; the action itself in the warning red. */
	if (ui_button(u, layout_cell(buttons, 2, 1, 0, 0, m->gap), no, danger ? UI_BUTTON_PRIMARY : UI_BUTTON_SECONDARY))
		answer = -1;
	if (ui_button(u, layout_cell(buttons, 2, 1, 1, 0, m->gap), yes, danger ? UI_BUTTON_DANGER : UI_BUTTON_PRIMARY))
		answer = 1;
	ui_modal_end(u);
	return answer;
}

int ui_confirm(ui *u, const char *question, const char *yes, const char *no)
{
	return confirm(u, question, yes, no, false);
}

int ui_confirm_danger(ui *u, const char *question, const char *yes, const char *no)
{
	return confirm(u, question, yes, no, true);
}
