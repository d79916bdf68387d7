/* test_config: the settings file — every key read, and a bad line named. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <cmocka.h>

#include "config.h"

static char path[64];

static void write_file(const char *text)
{
	snprintf(path, sizeof path, "/tmp/cop-config-XXXXXX");
	int fd = mkstemp(path);
	assert_true(fd >= 0);
	assert_int_equal(write(fd, text, strlen(text)), (ssize_t)strlen(text));
	close(fd);
}

static void every_key_is_read(void **state)
{
	(void)state;
	config c;
	char err[200] = "";
	write_file("; the kiosk at the door\n[kiosk]\ndb = /var/lib/cop-kiosk/kiosk.db\nsize = 720x1280\n"
	           "rotate = 90\npanel_mm = 86x155\ninactivity_seconds = 60\nfullscreen = yes\nlanguage = cy\n[fonts]\n"
	           "dir = /usr/share/fonts/x\n");
	assert_int_equal(config_read(path, true, &c, err, sizeof err), 0);
	unlink(path);
	assert_string_equal(c.db, "/var/lib/cop-kiosk/kiosk.db");
	assert_true(c.has_size && c.w == 720 && c.h == 1280);
	assert_true(c.has_rotate && c.rotate == 90);
	assert_true(c.has_panel_mm && c.panel_mm_w == 86 && c.panel_mm_h == 155);
	assert_true(c.has_inactivity && c.inactivity_s == 60);
	assert_true(c.has_fullscreen && c.fullscreen);
	assert_true(c.has_language);
	assert_string_equal(c.language, "cy");
	assert_string_equal(c.fonts, "/usr/share/fonts/x");
}

static void a_bad_value_is_named_by_file_and_line(void **state)
{
	(void)state;
	config c;
	char err[200] = "", want[200];
	write_file("[kiosk]\nsize = 800x480\nrotate = 45\n");
	assert_int_equal(config_read(path, true, &c, err, sizeof err), -1);
	snprintf(want, sizeof want, "%s:3: rotate is 0, 90, 180 or 270, not \"45\"", path);
	assert_string_equal(err, want);
	unlink(path);
	write_file("[kiosk]\nlanguage = ../../etc\n");
	assert_int_equal(config_read(path, true, &c, err, sizeof err), -1);
	snprintf(want, sizeof want, "%s:2: language is a code such as en or cy, not \"../../etc\"", path);
	assert_string_equal(err, want);
	unlink(path);
	write_file("[kiosk]\npanel_mm = 7 inches\n");
	assert_int_equal(config_read(path, true, &c, err, sizeof err), -1);
	snprintf(want, sizeof want, "%s:2: panel_mm \"7 inches\" is not a size in mm like 155x86", path);
	assert_string_equal(err, want);
	unlink(path);
	write_file("[kiosk]\ncolour = blue\n");
	assert_int_equal(config_read(path, true, &c, err, sizeof err), -1);
	assert_non_null(strstr(err, ":2: unknown setting \"colour\""));
	unlink(path);
}

static void a_missing_default_file_is_fine_but_a_named_one_is_not(void **state)
{
	(void)state;
	config c;
	char err[200] = "";
	assert_int_equal(config_read("/nonexistent/kiosk.conf", false, &c, err, sizeof err), 0);
	assert_false(c.has_db);
	assert_int_equal(config_read("/nonexistent/kiosk.conf", true, &c, err, sizeof err), -1);
	assert_non_null(strstr(err, "cannot read /nonexistent/kiosk.conf"));
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(every_key_is_read),
		cmocka_unit_test(a_bad_value_is_named_by_file_and_line),
		cmocka_unit_test(a_missing_default_file_is_fine_but_a_named_one_is_not),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
