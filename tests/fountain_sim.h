/* fountain_sim: how many frames of a kiosk's loop a receiver that joins at a
 * random moment and loses frames at random must see before its batch is
 * complete — shared by the unit test (which fails on a missed figure) and
 * `make bench` (which prints it). */
#ifndef FOUNTAIN_SIM_H
#define FOUNTAIN_SIM_H

#include <stddef.h>
#include <stdint.h>

#include "sync.h"

typedef struct {
	size_t parts;       /* the batch's part count */
	double ideal;       /* frames shown a receiver needs if every one it gets is new: parts / (1 - loss) */
	double mean;        /* frames shown until complete, mean over the runs */
	size_t worst;       /* the most any run needed */
	double ratio;       /* mean / ideal */
	size_t failed;      /* runs not complete after 20 times the ideal */
} fountain_figure;

/* Shows enc's loop (frame 1, then sync_next_seq after each, as the kiosk does)
 * to runs receivers; each joins at a frame drawn from the first 2 * parts, loses
 * each frame with probability loss, and decodes the frames' text with a
 * sync_decoder. seed fixes every draw. Fills out; false when out of memory. */
bool fountain_sim(const sync_encoder *enc, double loss, int runs, uint64_t seed,
                  fountain_figure *out);

#endif
