/* config: the kiosk's settings file (/etc/cop-kiosk/kiosk.conf, INI), read
 * with Debian's inih. */
#include <errno.h>
#include <ini.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "config.h"
#include "rotate.h"

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

bool config_size(const char *text, int *w, int *h)
{
	char tail;
	int cw, ch;
	if (sscanf(text, "%dx%d%c", &cw, &ch, &tail) != 2 || cw < 320 || ch < 240 || cw > 8192 ||
	    ch > 8192)
		return false;
	*w = cw;
	*h = ch;
	return true;
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

bool config_set(config *c, const char *name, const char *value, char *why, size_t cap)
{
	bool ok;
	if (!strcmp(name, "db")) {
		ok = c->has_db = copy(c->db, sizeof c->db, value);
		if (!ok)
			snprintf(why, cap, "db needs a path");
	} else if (!strcmp(name, "size")) {
		ok = c->has_size = config_size(value, &c->w, &c->h);
		if (!ok)
			snprintf(why, cap, "size \"%.40s\" is not a size like 800x480", value);
	} else if (!strcmp(name, "panel_mm")) {
		ok = c->has_panel_mm = config_panel_mm(value, &c->panel_mm_w, &c->panel_mm_h);
		if (!ok)
			snprintf(why, cap, "panel_mm \"%.40s\" is not a size in mm like 155x86", value);
	} else if (!strcmp(name, "rotate")) {
		ok = c->has_rotate = number(value, 0, 270, &c->rotate) && rotate_valid(c->rotate);
		if (!ok)
			snprintf(why, cap, "rotate is 0, 90, 180 or 270, not \"%.40s\"", value);
	} else if (!strcmp(name, "inactivity_seconds")) {
		ok = c->has_inactivity = number(value, 10, 3600, &c->inactivity_s);
		if (!ok)
			snprintf(why, cap, "inactivity_seconds is 10 to 3600, not \"%.40s\"", value);
	} else if (!strcmp(name, "fullscreen")) {
		bool yes = !strcasecmp(value, "yes") || !strcasecmp(value, "true") || !strcmp(value, "1");
		bool no = !strcasecmp(value, "no") || !strcasecmp(value, "false") || !strcmp(value, "0");
		ok = c->has_fullscreen = yes || no;
		c->fullscreen = yes;
		if (!ok)
			snprintf(why, cap, "fullscreen is yes or no, not \"%.40s\"", value);
	} else if (!strcmp(name, "language")) {
		size_t n = strspn(value, "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ_");
		ok = c->has_language = n >= 2 && !value[n] && copy(c->language, sizeof c->language, value);
		if (!ok)
			snprintf(why, cap, "language is a code such as en or cy, not \"%.40s\"", value);
	} else {
		ok = false;
		snprintf(why, cap, "unknown setting \"%.40s\" in [kiosk]", name);
	}
	return ok;
}

/* inih calls this for each name=value; returning 0 stops at that line. */
static int on_value(void *user, const char *section, const char *name, const char *value)
{
	reading *r = user;
	config *c = r->c;
	if (!strcmp(section, "kiosk"))
		return config_set(c, name, value, r->why, sizeof r->why);
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
