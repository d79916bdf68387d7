/* commands: the facilitator's set-up commands of cop-kiosk — event new, pin
 * set, roster import, export, frames, sync-key — each run from the command line
 * on a data file, without the kiosk's window. */
#ifndef COMMANDS_H
#define COMMANDS_H

/* Runs the command argv[1] (and argv[2]) names with the options after it;
 * returns its exit status (0 or 1, having said what went wrong on stderr), or
 * -1 when argv names no command: the kiosk itself runs. */
int commands_run(int argc, char **argv);

/* Says "cop-kiosk: " and fmt (with one %s: arg) on stderr; returns 1. */
int commands_fail(const char *fmt, const char *arg);

#endif
