/* drmcard: the DRM card with a connected connector, read from sysfs. */
#include "drmcard.h"

#include <dirent.h>
#include <stdbool.h>
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

/* The image size an EDID gives, in mm: its first detailed timing descriptor
 * (bytes 66-68), else the basic size in cm (bytes 21-22). */
static bool edid_mm(const unsigned char *e, size_t n, int *w, int *h)
{
	static const unsigned char magic[8] = {0, 255, 255, 255, 255, 255, 255, 0};
	if (n < 128 || memcmp(e, magic, sizeof magic) != 0)
		return false;
	bool timing = e[54] || e[55]; /* a pixel clock: a timing, not a text block */
	int tw = e[66] | (e[68] >> 4) << 8, th = e[67] | (e[68] & 15) << 8;
	if (timing && tw > 0 && th > 0) {
		*w = tw;
		*h = th;
		return true;
	}
	if (e[21] == 0 || e[22] == 0) /* a projector, or a size not given */
		return false;
	*w = e[21] * 10;
	*h = e[22] * 10;
	return true;
}

bool drmcard_panel_mm(const char *dir, int card, int *w, int *h)
{
	DIR *d = opendir(dir);
	if (!d)
		return false;
	char prefix[32];
	snprintf(prefix, sizeof prefix, "card%d-", card);
	bool found = false;
	struct dirent *e;
	while (!found && (e = readdir(d)) != NULL) {
		if (strncmp(e->d_name, prefix, strlen(prefix)) != 0)
			continue;
		char path[512];
		snprintf(path, sizeof path, "%s/%s/status", dir, e->d_name);
		if (!is_connected(path))
			continue;
		snprintf(path, sizeof path, "%s/%s/edid", dir, e->d_name);
		unsigned char edid[128];
		FILE *f = fopen(path, "rb");
		size_t n = f ? fread(edid, 1, sizeof edid, f) : 0;
		if (f)
			fclose(f);
		found = edid_mm(edid, n, w, h);
	}
	closedir(d);
	return found;
}
