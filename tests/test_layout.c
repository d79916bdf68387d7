/* test_layout: the rectangle maths and the sizes derived from the screen. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#include <cmocka.h>

#include "layout.h"

static void cutting_takes_a_strip_and_leaves_the_rest(void **state)
{
	(void)state;
	rect r = {0, 0, 800, 480};
	rect top = layout_cut_top(&r, 60);
	assert_int_equal(top.h, 60);
	assert_int_equal(r.y, 60);
	assert_int_equal(r.h, 420);
	rect right = layout_cut_right(&r, 900); /* more than there is: all of it */
	assert_int_equal(right.w, 800);
	assert_int_equal(r.w, 0);
}

static void grid_cells_tile_the_area_exactly(void **state)
{
	(void)state;
	rect r = {10, 20, 777, 301};
	int area = 0;
	for (int row = 0; row < 4; row++)
		for (int col = 0; col < 3; col++) {
			rect c = layout_cell(r, 3, 4, col, row, 7);
			assert_true(c.x >= r.x && c.y >= r.y && c.x + c.w <= r.x + r.w && c.y + c.h <= r.y + r.h);
			area += c.w * c.h;
		}
	rect last = layout_cell(r, 3, 4, 2, 3, 7);
	assert_int_equal(last.x + last.w, r.x + r.w);
	assert_int_equal(last.y + last.h, r.y + r.h);
	assert_true(area <= r.w * r.h);
}

static void touch_targets_are_at_least_48_px_at_800x480(void **state)
{
	(void)state;
	layout_metrics m = layout_metrics_for(800, 480);
	assert_true(m.touch >= 48);
	assert_false(m.portrait);
	layout_metrics p = layout_metrics_for(720, 1280);
	assert_true(p.portrait);
	assert_true(p.text >= m.text); /* portrait is not smaller print */
	layout_metrics big = layout_metrics_for(1920, 1080);
	/* A big screen shows more, in type a step bigger, not magnified. */
	assert_true(big.text > p.text && big.text < m.text * 2);
	assert_true(big.touch >= p.touch && big.touch < m.touch * 2);
}

static void intersection_of_disjoint_rects_is_empty(void **state)
{
	(void)state;
	rect i = layout_intersect((rect){0, 0, 10, 10}, (rect){20, 20, 5, 5});
	assert_int_equal(i.w * i.h, 0);
	i = layout_intersect((rect){0, 0, 10, 10}, (rect){5, -5, 10, 10});
	assert_int_equal(i.x, 5);
	assert_int_equal(i.y, 0);
	assert_int_equal(i.w, 5);
	assert_int_equal(i.h, 5);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(cutting_takes_a_strip_and_leaves_the_rest),
		cmocka_unit_test(grid_cells_tile_the_area_exactly),
		cmocka_unit_test(touch_targets_are_at_least_48_px_at_800x480),
		cmocka_unit_test(intersection_of_disjoint_rects_is_empty),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
