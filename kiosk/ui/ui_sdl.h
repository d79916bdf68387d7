/* ui_sdl: the ui layer's SDL side — creating it on a window and translating
 * SDL's events into the kiosk's input. For the app and the script driver only:
 * the screens see ui.h, which has no SDL type. */
#ifndef UI_SDL_H
#define UI_SDL_H

#include <SDL.h>

#include "ui.h"

/* Opens the fonts in fonts_dir and creates an SDL renderer for window.
 * software selects SDL's software renderer (headless runs, benchmarks). On
 * failure returns NULL with a one-line reason naming the file in err. */
ui *ui_create(SDL_Window *window, const char *fonts_dir, bool software, char *err, size_t errlen);
/* (ui_destroy, in ui.h, frees it.) */

/* Maps an SDL event to kiosk input; false if the event is not input (or is a
 * mouse event that SDL synthesised from touch, which would count a tap twice). */
bool ui_translate(ui *u, const SDL_Event *e, ui_input *out);

#endif
