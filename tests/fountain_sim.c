/* fountain_sim: receivers joining a kiosk's loop at random, with random loss. */
#include "fountain_sim.h"

#include <stdlib.h>

/* splitmix64: the simulation's own draws, fixed by the seed. */
static uint64_t draw(uint64_t *state)
{
	uint64_t z = (*state += 0x9e3779b97f4a7c15ull);
	z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ull;
	z = (z ^ (z >> 27)) * 0x94d049bb133111ebull;
	return z ^ (z >> 31);
}

static double draw_unit(uint64_t *state)
{
	return (double)(draw(state) >> 11) * (1.0 / 9007199254740992.0);
}

/* Frames shown from the join until complete; 0 when out of memory, limit + 1
 * when not complete by then. */
static size_t one_run(const sync_encoder *enc, uint32_t join, double loss, size_t limit,
                      uint64_t *rng)
{
	size_t parts = sync_encoder_parts(enc), shown = 0;
	uint32_t seq = 1;
	for (uint32_t i = 0; i < join; i++)
		seq = sync_next_seq(parts, seq);
	sync_decoder *dec = sync_decoder_new();
	if (!dec)
		return 0;
	while (!sync_decoder_complete(dec) && shown <= limit) {
		shown++;
		if (draw_unit(rng) >= loss) {
			char *text = sync_encoder_frame(enc, seq);
			if (!text) {
				shown = 0;
				break;
			}
			sync_decoder_add(dec, text);
			free(text);
		}
		seq = sync_next_seq(parts, seq);
	}
	sync_decoder_free(dec);
	return shown;
}

bool fountain_sim(const sync_encoder *enc, double loss, int runs, uint64_t seed,
                  fountain_figure *out)
{
	uint64_t rng = seed;
	size_t parts = sync_encoder_parts(enc), total = 0;
	*out = (fountain_figure){.parts = parts, .ideal = (double)parts / (1.0 - loss)};
	size_t limit = (size_t)(out->ideal * 20);
	for (int r = 0; r < runs; r++) {
		uint32_t join = (uint32_t)(draw(&rng) % (2 * parts));
		size_t shown = one_run(enc, join, loss, limit, &rng);
		if (shown == 0)
			return false;
		out->failed += shown > limit;
		total += shown;
		if (shown > out->worst)
			out->worst = shown;
	}
	out->mean = (double)total / runs;
	out->ratio = out->mean / out->ideal;
	return true;
}
