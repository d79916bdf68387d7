/* config: the kiosk's settings file (/etc/cop-kiosk/kiosk.conf, INI), read
 * with Debian's inih. */
#ifndef CONFIG_H
#define CONFIG_H

#include <stdbool.h>
#include <stddef.h>

#define CONFIG_DEFAULT_PATH "/etc/cop-kiosk/kiosk.conf"

/* What the file set; has_* say which keys it gave. */
typedef struct {
	char db[1024];
	int w, h;
	int rotate;             /* 0, 90, 180, 270 */
	int panel_mm_w, panel_mm_h; /* the panel's picture in mm, unturned */
	int inactivity_s;       /* seconds before a screen clears and goes home */
	bool fullscreen;
	char language[8];       /* of the words: "en", "cy" */
	char fonts[1024];       /* a folder with the kiosk's font files */
	bool has_db, has_size, has_rotate, has_panel_mm, has_inactivity, has_fullscreen, has_language, has_fonts;
} config;

/* Reads the INI file at path into *c (zeroed first):
 *   [kiosk] db=PATH, size=WxH, rotate=0|90|180|270, panel_mm=WxH (the
 *           picture's size in mm, 20..5000 each: QR codes are sized by it),
 *           inactivity_seconds=N
 *           (10..3600), fullscreen=yes|no, language=CODE (letters and _,
 *           such as cy or pt_BR; whether its words exist is checked later)
 *   [fonts] dir=PATH
 * Returns 0. A missing file is fine when required is false. Otherwise -1
 * with one line in err: "cannot read PATH: reason", or "PATH:LINE: what is
 * wrong" for an unknown section or key or a bad value. */
int config_read(const char *path, bool required, config *c, char *err, size_t errlen);

/* Reads a panel size in mm, "155x86" (20..5000 each). True with *w, *h set. */
bool config_panel_mm(const char *text, int *w, int *h);

/* Sets one [kiosk] key of *c (and its has_*) from its text, as the file or the
 * command line gives it: db, size, panel_mm, rotate, inactivity_seconds, fullscreen,
 * language, with the values config_read takes. Returns false, with what is
 * wrong in why (cap bytes), for an unknown key or a bad value. */
bool config_set(config *c, const char *name, const char *value, char *why, size_t cap);

/* Reads a panel size "WxH" (320x240 to 8192x8192) into *w and *h; false, and
 * them unchanged, if text is not one. */
bool config_size(const char *text, int *w, int *h);

#endif
