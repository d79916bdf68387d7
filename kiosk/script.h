/* script: replays a session headless, one command a line (see README). */
#ifndef SCRIPT_H
#define SCRIPT_H

#include <stdio.h>

#include "app.h"

/* Runs the commands read from in against a running app, printing "ok N" on
 * stdout as line N completes. Returns 0 when the script ends or says quit, 1
 * on a failed expect or a bad line (named on stderr). */
int script_run(app *a, FILE *in);

#endif
