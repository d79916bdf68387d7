/* test_qrdraw: the Sync loop's codes are sized by the panel's millimetres, not
 * its pixels: the same module on a portrait and a landscape panel, the
 * measured size on the official 7" panel, bigger and smaller by steps. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#include <cmocka.h>

#include "qrdraw.h"

static void the_official_7_inch_panel_shows_version_7_at_8_px(void **state)
{
	(void)state;
	int v, m;
	double pitch = qrdraw_pitch_mm(800, 480, 0, 0);
	assert_true(pitch > 0.18 && pitch < 0.19); /* 155x86 mm over 800x480 */
	assert_int_equal(qrdraw_size(qrdraw_square(800, 480), pitch, 0, &v, &m), 0);
	assert_int_equal(v, 7);
	assert_int_equal(m, 8); /* 1.49 mm */
}

static void portrait_and_landscape_show_the_same_code(void **state)
{
	(void)state;
	int v1, m1, v2, m2;
	assert_true(qrdraw_pitch_mm(480, 800, 0, 0) == qrdraw_pitch_mm(800, 480, 0, 0));
	assert_true(qrdraw_pitch_mm(480, 800, 86, 155) == qrdraw_pitch_mm(800, 480, 0, 0));
	assert_int_equal(qrdraw_size(qrdraw_square(480, 800), qrdraw_pitch_mm(480, 800, 0, 0), 0, &v1, &m1), 0);
	assert_int_equal(qrdraw_size(qrdraw_square(800, 480), qrdraw_pitch_mm(800, 480, 0, 0), 0, &v2, &m2), 0);
	assert_int_equal(v1, v2);
	assert_int_equal(m1, m2);
}

static void modules_are_at_least_the_measured_size(void **state)
{
	(void)state;
	/* Panels of many sizes: each module at least 1.5 mm less half a pixel. */
	static const int panels[][4] = {{800, 480, 155, 86},  {1280, 720, 155, 86}, {1920, 1080, 477, 268},
	                                {720, 1280, 0, 0},    {1024, 600, 0, 0},    {3840, 2160, 600, 340},
	                                {1280, 800, 217, 136}};
	for (size_t i = 0; i < sizeof panels / sizeof panels[0]; i++) {
		const int *p = panels[i];
		double pitch = qrdraw_pitch_mm(p[0], p[1], p[2], p[3]);
		int v, m;
		assert_int_equal(qrdraw_size(qrdraw_square(p[0], p[1]), pitch, 0, &v, &m), 0);
		assert_true(v >= 3 && v <= QRDRAW_MAX_VERSION);
		assert_true(m * pitch >= QRDRAW_MODULE_MM - pitch / 2);
		assert_true((17 + 4 * v + 2 * QRDRAW_QUIET) * m <= qrdraw_square(p[0], p[1]));
	}
}

static void an_unknown_panel_is_taken_at_96_dpi(void **state)
{
	(void)state;
	double pitch = qrdraw_pitch_mm(1024, 600, 0, 0);
	assert_true(pitch > 0.264 && pitch < 0.265);
}

static void bigger_codes_have_bigger_modules_and_smaller_more_data(void **state)
{
	(void)state;
	double pitch = qrdraw_pitch_mm(800, 480, 0, 0);
	int side = qrdraw_square(800, 480), v0, m0, vb, mb, vs, ms, vmax, mmax;
	assert_int_equal(qrdraw_size(side, pitch, 0, &v0, &m0), 0);
	assert_int_equal(qrdraw_size(side, pitch, 1, &vb, &mb), 0);
	assert_int_equal(qrdraw_size(side, pitch, -1, &vs, &ms), 0);
	assert_true(mb > m0 && vb < v0);
	assert_true(ms < m0 && vs > v0);
	/* Steps beyond QRDRAW_STEPS are the last step. */
	assert_int_equal(qrdraw_size(side, pitch, -QRDRAW_STEPS, &v0, &m0), 0);
	assert_int_equal(qrdraw_size(side, pitch, -QRDRAW_STEPS - 5, &vmax, &mmax), 0);
	assert_int_equal(v0, vmax);
	assert_int_equal(m0, mmax);
}

static void a_tiny_square_has_no_code(void **state)
{
	(void)state;
	int v = 0, m = 0;
	assert_int_equal(qrdraw_size(40, 0.2, 0, &v, &m), -1);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(the_official_7_inch_panel_shows_version_7_at_8_px),
		cmocka_unit_test(portrait_and_landscape_show_the_same_code),
		cmocka_unit_test(modules_are_at_least_the_measured_size),
		cmocka_unit_test(an_unknown_panel_is_taken_at_96_dpi),
		cmocka_unit_test(bigger_codes_have_bigger_modules_and_smaller_more_data),
		cmocka_unit_test(a_tiny_square_has_no_code),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
