/* test_drmcard: the card of a connected panel is found in a sysfs-like tree
 * made on disk, as on a Pi 5 (card0 renders only, card1 drives the DSI panel)
 * and a Pi 4 (HDMI connected, DSI not). */
#include <setjmp.h>
#include <stdbool.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include <cmocka.h>

#include "drmcard.h"

static char root[64];

/* A connector folder NAME under root with STATUS in its status file. */
static void connector(const char *name, const char *status)
{
	char path[256];
	snprintf(path, sizeof path, "%s/%s", root, name);
	assert_int_equal(mkdir(path, 0755), 0);
	if (!status)
		return;
	snprintf(path, sizeof path, "%s/%s/status", root, name);
	FILE *f = fopen(path, "w");
	assert_non_null(f);
	fprintf(f, "%s\n", status);
	fclose(f);
}

static int setup(void **state)
{
	(void)state;
	snprintf(root, sizeof root, "/tmp/test_drmcard.XXXXXX");
	return mkdtemp(root) ? 0 : -1;
}

static int teardown(void **state)
{
	(void)state;
	char cmd[128];
	snprintf(cmd, sizeof cmd, "rm -rf '%s'", root);
	return system(cmd) == 0 ? 0 : -1;
}

static void a_pi5_with_a_dsi_panel_uses_card1(void **state)
{
	(void)state;
	connector("card0", NULL); /* the GPU: no connectors */
	connector("renderD128", NULL);
	connector("card1", NULL);
	connector("card1-DSI-1", "connected");
	connector("card1-HDMI-A-1", "disconnected");
	assert_int_equal(drmcard_connected(root), 1);
}

static void the_lowest_connected_card_wins(void **state)
{
	(void)state;
	connector("card2-HDMI-A-1", "connected");
	connector("card1-DSI-1", "disconnected");
	connector("card3-HDMI-A-2", "connected");
	assert_int_equal(drmcard_connected(root), 2);
}

static void nothing_connected_is_minus_one(void **state)
{
	(void)state;
	connector("card0-HDMI-A-1", "disconnected");
	connector("card1-DSI-1", NULL); /* no status file */
	connector("card10", NULL);
	assert_int_equal(drmcard_connected(root), -1);
	assert_int_equal(drmcard_connected("/no/such/folder"), -1);
}

/* An EDID of 128 bytes under connector NAME: a 527x296 mm picture in its
 * first timing (a 24" HDMI screen), 53x30 cm in its basic block; timing
 * false: no timing, the basic block only. */
static void edid(const char *name, bool timing)
{
	unsigned char e[128] = {0, 255, 255, 255, 255, 255, 255, 0};
	e[21] = 53;
	e[22] = 30;
	if (timing) {
		e[54] = 0x02; /* a pixel clock */
		e[55] = 0x3a;
		e[66] = 527 & 255;
		e[67] = 296 & 255;
		e[68] = (527 >> 8) << 4 | 296 >> 8;
	}
	char path[256];
	snprintf(path, sizeof path, "%s/%s/edid", root, name);
	FILE *f = fopen(path, "wb");
	assert_non_null(f);
	assert_int_equal(fwrite(e, 1, sizeof e, f), sizeof e);
	fclose(f);
}

static void an_hdmi_screen_tells_its_size_in_mm(void **state)
{
	(void)state;
	int w = 0, h = 0;
	connector("card1-DSI-1", "disconnected");
	connector("card1-HDMI-A-1", "connected");
	edid("card1-HDMI-A-1", true);
	assert_true(drmcard_panel_mm(root, 1, &w, &h));
	assert_int_equal(w, 527);
	assert_int_equal(h, 296);
	edid("card1-HDMI-A-1", false);
	assert_true(drmcard_panel_mm(root, 1, &w, &h));
	assert_int_equal(w, 530);
	assert_int_equal(h, 300);
}

static void a_dsi_panel_without_edid_tells_nothing(void **state)
{
	(void)state;
	int w = 0, h = 0;
	connector("card1-DSI-1", "connected");
	connector("card0-HDMI-A-1", "disconnected");
	edid("card0-HDMI-A-1", true); /* not connected: not the panel */
	assert_false(drmcard_panel_mm(root, 1, &w, &h));
	assert_false(drmcard_panel_mm(root, 0, &w, &h));
	assert_false(drmcard_panel_mm("/no/such/folder", 1, &w, &h));
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(a_pi5_with_a_dsi_panel_uses_card1, setup, teardown),
		cmocka_unit_test_setup_teardown(the_lowest_connected_card_wins, setup, teardown),
		cmocka_unit_test_setup_teardown(nothing_connected_is_minus_one, setup, teardown),
		cmocka_unit_test_setup_teardown(an_hdmi_screen_tells_its_size_in_mm, setup, teardown),
		cmocka_unit_test_setup_teardown(a_dsi_panel_without_edid_tells_nothing, setup, teardown),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
