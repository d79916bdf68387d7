/* config: the kiosk's settings file (/etc/cop-kiosk/kiosk.conf, INI), read
 * with Debian's inih. */
#include <errno.h>
#include <ini.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "config.h"

typedef struct {
	config *c;
	char why[160];          /* what is wrong with the first bad line */
} reading;

static bool number(const char *s, int lo, int hi, int *out)
{
	char *end;
	errno = 0;
	long v = strtol(s, &end, 10);
	if (errno || end == s || *end || v < lo || v > hi)
		return false;
	*out = (int)v;
	return true;
}

static bool copy(char *dst, size_t cap, const char *value)
{
	return value[0] && (size_t)snprintf(dst, cap, "%s", value) < cap;
}

bool config_panel_mm(const char *text, int *w, int *h)
{
	char tail;
	int a, b;
	if (sscanf(text, "%dx%d%c", &a, &b, &tail) != 2 || a < 20 || b < 20 || a > 5000 || b > 5000)
		return false;
	*w = a;
	*h = b;
	return true;
}

/* inih calls this for each name=value; returning 0 stops at that line. */
static int on_value(void *user, const char *section, const char *name, const char *value)
{
	reading *r = user;
	config *c = r->c;
	char tail;
	if (!strcmp(section, "kiosk") && !strcmp(name, "db")) {
		c->has_db = copy(c->db, sizeof c->db, value);
		if (!c->has_db)
			snprintf(r->why, sizeof r->why, "db needs a path");
		return c->has_db;
	}
	if (!strcmp(section, "kiosk") && !strcmp(name, "size")) {
		c->has_size = sscanf(value, "%dx%d%c", &c->w, &c->h, &tail) == 2 && c->w >= 320 && c->h >= 240 &&
		              c->w <= 8192 && c->h <= 8192;
		if (!c->has_size)
			snprintf(r->why, sizeof r->why, "size \"%.40s\" is not a size like 800x480", value);
		return c->has_size;
	}
	if (!strcmp(section, "kiosk") && !strcmp(name, "panel_mm")) {
		c->has_panel_mm = config_panel_mm(value, &c->panel_mm_w, &c->panel_mm_h);
		if (!c->has_panel_mm)
			snprintf(r->why, sizeof r->why, "panel_mm \"%.40s\" is not a size in mm like 155x86", value);
		return c->has_panel_mm;
	}
	if (!strcmp(section, "kiosk") && !strcmp(name, "rotate")) {
		c->has_rotate = number(value, 0, 270, &c->rotate) && c->rotate % 90 == 0;
		if (!c->has_rotate)
			snprintf(r->why, sizeof r->why, "rotate is 0, 90, 180 or 270, not \"%.40s\"", value);
		return c->has_rotate;
	}
	if (!strcmp(section, "kiosk") && !strcmp(name, "inactivity_seconds")) {
		c->has_inactivity = number(value, 10, 3600, &c->inactivity_s);
		if (!c->has_inactivity)
			snprintf(r->why, sizeof r->why, "inactivity_seconds is 10 to 3600, not \"%.40s\"", value);
		return c->has_inactivity;
	}
	if (!strcmp(section, "kiosk") && !strcmp(name, "fullscreen")) {
		bool yes = !strcasecmp(value, "yes") || !strcasecmp(value, "true") || !strcmp(value, "1");
		bool no = !strcasecmp(value, "no") || !strcasecmp(value, "false") || !strcmp(value, "0");
		c->has_fullscreen = yes || no;
		c->fullscreen = yes;
		if (!c->has_fullscreen)
			snprintf(r->why, sizeof r->why, "fullscreen is yes or no, not \"%.40s\"", value);
		return c->has_fullscreen;
	}
	if (!strcmp(section, "kiosk") && !strcmp(name, "language")) {
		size_t n = strspn(value, "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ_");
		c->has_language = n >= 2 && !value[n] && copy(c->language, sizeof c->language, value);
		if (!c->has_language)
			snprintf(r->why, sizeof r->why, "language is a code such as en or cy, not \"%.40s\"", value);
		return c->has_language;
	}
	if (!strcmp(section, "fonts") && !strcmp(name, "dir")) {
		c->has_fonts = copy(c->fonts, sizeof c->fonts, value);
		if (!c->has_fonts)
			snprintf(r->why, sizeof r->why, "dir needs a folder");
		return c->has_fonts;
	}
	snprintf(r->why, sizeof r->why, "unknown setting \"%.40s\" in [%.40s]", name, section);
	return 0;
}

int config_read(const char *path, bool required, config *c, char *err, size_t errlen)
{
	memset(c, 0, sizeof *c);
	reading r = {c, ""};
	FILE *f = fopen(path, "r");
	if (!f) {
		if (!required && errno == ENOENT)
			return 0;
		snprintf(err, errlen, "cannot read %s: %s", path, strerror(errno));
		return -1;
	}
	int line = ini_parse_file(f, on_value, &r);
	fclose(f);
	if (line != 0) {
		snprintf(err, errlen, "%s:%d: %s", path, line, r.why[0] ? r.why : "not an INI line");
		return -1;
	}
	return 0;
}
