/* drmcard: which /dev/dri/cardN drives a connected panel, from sysfs. A Pi 5
 * has a render-only GPU card beside the display's, and SDL 2.26 may open the
 * wrong one: the kiosk tells it (SDL_KMSDRM_DEVICE_INDEX). And the panel's
 * size in mm, for the Sync screen's QR codes. No SDL. */
#ifndef DRMCARD_H
#define DRMCARD_H

#include <stdbool.h>

/* The lowest N for which a connector DIR/cardN-<name> has "connected" in its
 * status file (DIR is /sys/class/drm on Linux); -1 if there is none. */
int drmcard_connected(const char *dir);

/* The connected panel's image size in mm, from the EDID of a connector
 * DIR/card<card>-<name> (HDMI screens have one; the official DSI panel has
 * none). True with *w x *h set (as the panel is mounted unturned), false
 * when no EDID tells it. */
bool drmcard_panel_mm(const char *dir, int card, int *w, int *h);

#endif
