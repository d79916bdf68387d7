/* test_ui_textcache: the text textures the kiosk keeps are bounded by bytes,
 * the least recently used going first — a post-it typed key by key makes a
 * new texture at every key, and a 1 GB Pi has no room for thousands. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include <cmocka.h>

#include "ui/ui_internal.h"

#define BUDGET_800X480 (32u << 20)

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

/* What the cached textures hold, counted from the textures themselves. */
static size_t texture_bytes(void)
{
	size_t sum = 0;
	for (int i = 0; i < UI_CACHE; i++) {
		int w = 0, h = 0;
		if (u->cache[i].hash && u->cache[i].tex && SDL_QueryTexture(u->cache[i].tex, NULL, NULL, &w, &h) == 0)
			sum += (size_t)w * (size_t)h * 4;
	}
	return sum;
}

/* True if text in the body font, wrapped at wrap, has a texture kept. */
static bool kept(const char *text, int wrap)
{
	for (int i = 0; i < UI_CACHE; i++)
		if (u->cache[i].hash && u->cache[i].wrap == wrap && !strcmp(u->cache[i].text, text))
			return true;
	return false;
}

/* A post-it of 280 characters, different for each n. */
static void note(char *buf, size_t cap, int n)
{
	snprintf(buf, cap, "%d ", n);
	while (strlen(buf) + 12 < cap && strlen(buf) < 280)
		strcat(buf, "well done. ");
}

static void a_post_it_typed_key_by_key_keeps_the_cache_under_its_bytes(void **state)
{
	(void)state;
	char text[300], typed[300];
	note(text, sizeof text, 1);
	size_t most = 0;
	/* Eight post-its, a frame per key: the textarea's text at each length. */
	for (int n = 0; n < 8; n++) {
		note(text, sizeof text, n);
		for (size_t len = 1; len <= strlen(text); len++) {
			memcpy(typed, text, len);
			typed[len] = '\0';
			const ui_cached *e = ui_cache_get(u, typed, UI_FONT_BODY, ui_rgb(UI_TEXT), 460, UI_ALIGN_LEFT);
			assert_non_null(e);
			size_t bytes = texture_bytes();
			most = bytes > most ? bytes : most;
			assert_true(bytes <= BUDGET_800X480);
		}
	}
	/* It did fill up, so the bound was what held it. */
	assert_true(most > BUDGET_800X480 * 3 / 4);
	size_t budget = 0;
	assert_int_equal(ui_text_cache_bytes(u, &budget), texture_bytes());
	assert_int_equal(budget, BUDGET_800X480);
}

static void the_text_used_lately_stays_and_the_oldest_goes(void **state)
{
	(void)state;
	ui_cache_clear(u);
	const char *title = "Frailty Community of Practice";
	ui_cache_get(u, title, UI_FONT_BODY, ui_rgb(UI_TEXT), 700, UI_ALIGN_LEFT);
	ui_cache_get(u, "Forgotten", UI_FONT_BODY, ui_rgb(UI_TEXT), 700, UI_ALIGN_LEFT);
	char text[300];
	for (int n = 0; n < 400; n++) {
		note(text, sizeof text, n);
		ui_cache_get(u, text, UI_FONT_BODY, ui_rgb(UI_TEXT), 700, UI_ALIGN_LEFT);
		/* The title is on every screen. */
		ui_cache_get(u, title, UI_FONT_BODY, ui_rgb(UI_TEXT), 700, UI_ALIGN_LEFT);
	}
	assert_true(kept(title, 700));
	assert_false(kept("Forgotten", 700));
	note(text, sizeof text, 0);
	assert_false(kept(text, 700));
	note(text, sizeof text, 399);
	assert_true(kept(text, 700));
}

static void an_entry_outlives_the_next_text_it_makes_room_for(void **state)
{
	(void)state;
	/* A button measures its label, then its hint, then reads the label's
	 * entry again (widgets.c): the newest entry is the last to go. */
	char text[300];
	for (int n = 0; n < 300; n++) {
		note(text, sizeof text, 1000 + n);
		const ui_cached *e = ui_cache_get(u, text, UI_FONT_BODY, ui_rgb(UI_TEXT), 700, UI_ALIGN_LEFT);
		note(text, sizeof text, 2000 + n);
		ui_cache_get(u, text, UI_FONT_BODY, ui_rgb(UI_TEXT), 700, UI_ALIGN_LEFT);
		note(text, sizeof text, 1000 + n);
		assert_non_null(e->text);
		assert_string_equal(e->text, text);
	}
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(a_post_it_typed_key_by_key_keeps_the_cache_under_its_bytes),
		cmocka_unit_test(the_text_used_lately_stays_and_the_oldest_goes),
		cmocka_unit_test(an_entry_outlives_the_next_text_it_makes_room_for),
	};
	return cmocka_run_group_tests(tests, setup, teardown);
}
