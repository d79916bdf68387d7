/* test_rotate: a panel turned by 0, 90, 180 or 270 degrees — a tap at each
 * corner of the panel reaches the logical corner drawn there, and points go
 * to the panel and back unchanged. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#include <cmocka.h>

#include "layout.h"
#include "rotate.h"

enum { PW = 1280, PH = 720 };

typedef enum { TL, TR, BL, BR } corner;

/* Where a corner's pixel is on a w x h screen. */
static void corner_at(corner c, int w, int h, int *x, int *y)
{
	*x = c == TR || c == BR ? w - 1 : 0;
	*y = c == BL || c == BR ? h - 1 : 0;
}

static void only_quarter_turns_are_valid(void **state)
{
	(void)state;
	assert_true(rotate_valid(0) && rotate_valid(90) && rotate_valid(180) && rotate_valid(270));
	assert_false(rotate_valid(45) || rotate_valid(-90) || rotate_valid(360) || rotate_valid(1));
}

static void a_quarter_turn_swaps_width_and_height(void **state)
{
	(void)state;
	int w, h;
	rotate_logical_size(0, PW, PH, &w, &h);
	assert_true(w == PW && h == PH);
	rotate_logical_size(90, PW, PH, &w, &h);
	assert_true(w == PH && h == PW);
	rotate_logical_size(180, PW, PH, &w, &h);
	assert_true(w == PW && h == PH);
	rotate_logical_size(270, 800, 480, &w, &h);
	assert_true(w == 480 && h == 800);
}

static void a_tap_at_each_panel_corner_reaches_the_logical_corner_shown_there(void **state)
{
	(void)state;
	/* Turning the picture clockwise: at 90 the logical top-left is drawn at the
	 * panel's top-right, at 270 at its bottom-left. Written out, not derived. */
	static const struct {
		int degrees;
		corner panel[4];   /* the panel's TL, TR, BL, BR ... */
		corner logical[4]; /* ... show these logical corners */
	} cases[] = {
		{0, {TL, TR, BL, BR}, {TL, TR, BL, BR}},
		{90, {TL, TR, BL, BR}, {BL, TL, BR, TR}},
		{180, {TL, TR, BL, BR}, {BR, BL, TR, TL}},
		{270, {TL, TR, BL, BR}, {TR, BR, TL, BL}},
	};
	for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
		int deg = cases[i].degrees, lw, lh;
		rotate_logical_size(deg, PW, PH, &lw, &lh);
		for (int k = 0; k < 4; k++) {
			int px, py, lx, ly, wx, wy;
			corner_at(cases[i].panel[k], PW, PH, &px, &py);
			corner_at(cases[i].logical[k], lw, lh, &wx, &wy);
			rotate_to_logical(deg, PW, PH, px, py, &lx, &ly);
			assert_int_equal(lx, wx);
			assert_int_equal(ly, wy);
			/* A 48 px button in that logical corner takes a tap a few pixels in. */
			rect button = {wx ? lw - 48 : 0, wy ? lh - 48 : 0, 48, 48};
			int inx = px ? px - 10 : px + 10, iny = py ? py - 10 : py + 10;
			rotate_to_logical(deg, PW, PH, inx, iny, &lx, &ly);
			assert_true(layout_contains(button, lx, ly));
		}
	}
}

static void points_go_to_the_panel_and_back_unchanged(void **state)
{
	(void)state;
	static const int angles[] = {0, 90, 180, 270};
	for (size_t i = 0; i < 4; i++) {
		int deg = angles[i], lw, lh;
		rotate_logical_size(deg, PW, PH, &lw, &lh);
		for (int y = 0; y < lh; y += 37)
			for (int x = 0; x < lw; x += 41) {
				int px, py, lx, ly;
				rotate_to_panel(deg, PW, PH, x, y, &px, &py);
				assert_true(px >= 0 && px < PW && py >= 0 && py < PH);
				rotate_to_logical(deg, PW, PH, px, py, &lx, &ly);
				assert_int_equal(lx, x);
				assert_int_equal(ly, y);
			}
	}
}

static void points_off_the_panel_land_on_its_edge(void **state)
{
	(void)state;
	int lx, ly;
	rotate_to_logical(90, PW, PH, PW + 5, -3, &lx, &ly);
	assert_int_equal(lx, 0);
	assert_int_equal(ly, 0);
	rotate_to_logical(0, PW, PH, -1, PH, &lx, &ly);
	assert_int_equal(lx, 0);
	assert_int_equal(ly, PH - 1);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(only_quarter_turns_are_valid),
		cmocka_unit_test(a_quarter_turn_swaps_width_and_height),
		cmocka_unit_test(a_tap_at_each_panel_corner_reaches_the_logical_corner_shown_there),
		cmocka_unit_test(points_go_to_the_panel_and_back_unchanged),
		cmocka_unit_test(points_off_the_panel_land_on_its_edge),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
