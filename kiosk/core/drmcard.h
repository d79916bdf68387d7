/* drmcard: which /dev/dri/cardN drives a connected panel, from sysfs. A Pi 5
 * has a render-only GPU card beside the display's, and SDL 2.26 may open the
 * wrong one: the kiosk tells it (SDL_KMSDRM_DEVICE_INDEX). No SDL. */
#ifndef DRMCARD_H
#define DRMCARD_H

/* The lowest N for which a connector DIR/cardN-<name> has "connected" in its
 * status file (DIR is /sys/class/drm on Linux); -1 if there is none. */
int drmcard_connected(const char *dir);

#endif
