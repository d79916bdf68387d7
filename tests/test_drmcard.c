/* test_drmcard: the card of a connected panel is found in a sysfs-like tree
 * made on disk, as on a Pi 5 (card0 renders only, card1 drives the DSI panel)
 * and a Pi 4 (HDMI connected, DSI not). */
#include <setjmp.h>
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

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(a_pi5_with_a_dsi_panel_uses_card1, setup, teardown),
		cmocka_unit_test_setup_teardown(the_lowest_connected_card_wins, setup, teardown),
		cmocka_unit_test_setup_teardown(nothing_connected_is_minus_one, setup, teardown),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
