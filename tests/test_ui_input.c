/* test_ui_input: SDL events become the kiosk's own input in one place — a
 * finger tap counts once even though SDL also reports it as a mouse click. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#include <cmocka.h>

#include "ui/ui_sdl.h"

static SDL_Window *window;
static ui *u;

static int setup(void **state)
{
	(void)state;
	char err[300];
	SDL_SetHint(SDL_HINT_FRAMEBUFFER_ACCELERATION, "0");
	if (SDL_Init(SDL_INIT_VIDEO) != 0)
		return -1;
	window = SDL_CreateWindow("test", 0, 0, 800, 480, 0);
	u = window ? ui_create(window, "assets/fonts", true, err, sizeof err) : NULL;
	if (!u)
		fprintf(stderr, "%s\n", err);
	return u ? 0 : -1;
}

static int teardown(void **state)
{
	(void)state;
	ui_destroy(u);
	SDL_DestroyWindow(window);
	SDL_Quit();
	return 0;
}

static SDL_Event finger(Uint32 type, float x, float y)
{
	SDL_Event e = {.type = type};
	e.tfinger.x = x;
	e.tfinger.y = y;
	return e;
}

static SDL_Event click(Uint32 type, Uint32 which, Uint8 button, int x, int y)
{
	SDL_Event e = {.type = type};
	e.button.which = which;
	e.button.button = button;
	e.button.x = x;
	e.button.y = y;
	return e;
}

static void a_finger_maps_to_screen_pixels(void **state)
{
	(void)state;
	ui_input in;
	SDL_Event e = finger(SDL_FINGERDOWN, 0.5f, 0.25f);
	assert_true(ui_translate(u, &e, &in));
	assert_int_equal(in.kind, UI_IN_DOWN);
	assert_int_equal(in.x, 400);
	assert_int_equal(in.y, 120);
	e = finger(SDL_FINGERUP, 1.0f / 8, 0.5f);
	assert_true(ui_translate(u, &e, &in));
	assert_int_equal(in.kind, UI_IN_UP);
	assert_int_equal(in.x, 100);
	assert_int_equal(in.y, 240);
}

static void mouse_events_synthesised_from_touch_are_ignored(void **state)
{
	(void)state;
	ui_input in;
	SDL_Event e = click(SDL_MOUSEBUTTONDOWN, SDL_TOUCH_MOUSEID, SDL_BUTTON_LEFT, 10, 10);
	assert_false(ui_translate(u, &e, &in));
	e = click(SDL_MOUSEBUTTONUP, SDL_TOUCH_MOUSEID, SDL_BUTTON_LEFT, 10, 10);
	assert_false(ui_translate(u, &e, &in));
	SDL_Event m = {.type = SDL_MOUSEMOTION};
	m.motion.which = SDL_TOUCH_MOUSEID;
	m.motion.state = SDL_BUTTON_LMASK;
	assert_false(ui_translate(u, &m, &in));
}

static void a_real_mouse_left_click_is_a_tap_and_others_are_not(void **state)
{
	(void)state;
	ui_input in;
	SDL_Event e = click(SDL_MOUSEBUTTONDOWN, 0, SDL_BUTTON_LEFT, 12, 34);
	assert_true(ui_translate(u, &e, &in));
	assert_int_equal(in.kind, UI_IN_DOWN);
	assert_int_equal(in.x, 12);
	assert_int_equal(in.y, 34);
	e = click(SDL_MOUSEBUTTONDOWN, 0, SDL_BUTTON_RIGHT, 12, 34);
	assert_false(ui_translate(u, &e, &in));
	SDL_Event m = {.type = SDL_MOUSEMOTION};
	m.motion.state = 0; /* moving without a button held is not a drag */
	assert_false(ui_translate(u, &m, &in));
}

static void keys_and_text_are_translated(void **state)
{
	(void)state;
	ui_input in;
	SDL_Event e = {.type = SDL_TEXTINPUT};
	snprintf(e.text.text, sizeof e.text.text, "%s", "â");
	assert_true(ui_translate(u, &e, &in));
	assert_int_equal(in.kind, UI_IN_TEXT);
	assert_string_equal(in.text, "â");
	SDL_Event k = {.type = SDL_KEYDOWN};
	k.key.keysym.sym = SDLK_BACKSPACE;
	assert_true(ui_translate(u, &k, &in));
	assert_int_equal(in.key, UI_KEY_BACKSPACE);
	k.key.keysym.sym = SDLK_F13;
	assert_false(ui_translate(u, &k, &in));
}

/* One frame of a screen with one button; returns whether it was tapped. */
static bool frame_with_button(void)
{
	ui_begin(u, 0);
	bool tapped = ui_button(u, (rect){300, 200, 200, 80}, "OK", UI_BUTTON_PRIMARY);
	ui_end(u);
	return tapped;
}

static void a_touch_tap_counts_once(void **state)
{
	(void)state;
	/* What SDL delivers for one finger tap on a touchscreen. */
	SDL_Event events[] = {
		finger(SDL_FINGERDOWN, 0.5f, 0.5f),
		click(SDL_MOUSEBUTTONDOWN, SDL_TOUCH_MOUSEID, SDL_BUTTON_LEFT, 400, 240),
		finger(SDL_FINGERUP, 0.5f, 0.5f),
		click(SDL_MOUSEBUTTONUP, SDL_TOUCH_MOUSEID, SDL_BUTTON_LEFT, 400, 240),
	};
	int taps = 0;
	for (size_t i = 0; i < sizeof events / sizeof events[0]; i++) {
		ui_input in;
		if (ui_translate(u, &events[i], &in))
			ui_feed(u, &in);
		taps += frame_with_button();
	}
	assert_int_equal(taps, 1);
}

static void a_press_that_slides_off_the_button_is_not_a_tap(void **state)
{
	(void)state;
	ui_input down = {.kind = UI_IN_DOWN, .x = 400, .y = 240};
	ui_input up = {.kind = UI_IN_UP, .x = 700, .y = 40};
	ui_feed(u, &down);
	assert_false(frame_with_button());
	ui_feed(u, &up);
	assert_false(frame_with_button());
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(a_finger_maps_to_screen_pixels),
		cmocka_unit_test(mouse_events_synthesised_from_touch_are_ignored),
		cmocka_unit_test(a_real_mouse_left_click_is_a_tap_and_others_are_not),
		cmocka_unit_test(keys_and_text_are_translated),
		cmocka_unit_test(a_touch_tap_counts_once),
		cmocka_unit_test(a_press_that_slides_off_the_button_is_not_a_tap),
	};
	return cmocka_run_group_tests(tests, setup, teardown);
}
