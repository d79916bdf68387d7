/* drmcard: the DRM card with a connected connector, read from sysfs. */
#include "drmcard.h"

#include <dirent.h>
#include <stdio.h>
#include <string.h>

/* True if the file holds "connected" (sysfs adds a newline). */
static int is_connected(const char *path)
{
	char buf[32] = "";
	FILE *f = fopen(path, "r");
	if (!f)
		return 0;
	if (!fgets(buf, sizeof buf, f))
		buf[0] = '\0';
	fclose(f);
	buf[strcspn(buf, "\n")] = '\0';
	return strcmp(buf, "connected") == 0;
}

int drmcard_connected(const char *dir)
{
	DIR *d = opendir(dir);
	if (!d)
		return -1;
	int best = -1;
	struct dirent *e;
	while ((e = readdir(d)) != NULL) {
		int n, end = 0;
		/* "card1-DSI-1", "card0-HDMI-A-1"; not "card0" nor "renderD128". */
		if (sscanf(e->d_name, "card%d-%n", &n, &end) != 1 || end == 0 || n < 0)
			continue;
		char path[512];
		snprintf(path, sizeof path, "%s/%s/status", dir, e->d_name);
		if ((best < 0 || n < best) && is_connected(path))
			best = n;
	}
	closedir(d);
	return best;
}
