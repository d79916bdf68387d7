/* demo: a demo event, so a new kiosk shows something real (make run, --demo). */
#ifndef DEMO_H
#define DEMO_H

#include "core/store.h"

/* Adds the demo event with its agenda and a directory of members, and makes it
 * current, unless the store already has a current event; sets the facilitator PIN to 1234 if none is set.
 * Returns a STORE_ status. */
int demo_seed(store *s);

#endif
