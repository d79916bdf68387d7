/* bench_fountain: the fountain's figure for `make bench` — frames a receiver
 * joining a kiosk's loop at a random moment sees before its batch is complete,
 * against the ideal (every frame it gets being new), at several losses. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "fountain_sim.h"

/* n post-its of one event, as the kiosk writes them. */
static char *records_of(int n, size_t *len)
{
	size_t cap = (size_t)n * 200 + 200, used = 0;
	char *b = malloc(cap);
	if (!b)
		return NULL;
	used += (size_t)snprintf(b, cap, "{\"type\":\"event\",\"gid\":\"K1-1\",\"changed\":1,\"title\":\"Meet-up\"}\n");
	for (int i = 0; i < n; i++)
		used += (size_t)snprintf(b + used, cap - used,
		                         "{\"type\":\"note\",\"gid\":\"K1-%d\",\"changed\":%d,\"event\":\"K1-1\","
		                         "\"kind\":%d,\"body\":\"Post-it %d: %08x, something said\"}\n",
		                         i + 2, i + 2, i % 2, i, (unsigned)(i * 2654435761u));
	*len = used;
	return b;
}

int main(void)
{
	static const struct {
		int notes, version;
	} sizes[] = {{730, 10}, {1150, 5}};
	static const double losses[] = {0.1, 0.25, 0.4, 0.6};
	puts("== the fountain: frames shown until a receiver joining at a random moment has the batch");
	for (size_t k = 0; k < sizeof sizes / sizeof *sizes; k++) {
		size_t len;
		char *records = records_of(sizes[k].notes, &len), receipt[SYNC_RECEIPT_SIZE];
		static const unsigned char secret[SYNC_SECRET_BYTES] = {7}; /* a fixed tag: fixed mixes */
		sync_batch_opts o = {.kiosk_id = "K1", .batch_id = "5", .created = 1767225600,
		                     .version = sizes[k].version, .fountain = -1, .secret = secret};
		sync_encoder *enc = NULL;
		if (!records || sync_encoder_new(&o, records, len, &enc, receipt) != SYNC_OK) {
			fputs("bench_fountain: cannot encode the batch\n", stderr);
			return 1;
		}
		for (size_t l = 0; l < sizeof losses / sizeof *losses; l++) {
			fountain_figure f;
			if (!fountain_sim(enc, losses[l], 40, 20261203, &f)) {
				fputs("bench_fountain: out of memory\n", stderr);
				return 1;
			}
			printf("%zu parts, %2.0f%% loss: %.1f frames (ideal %.1f), %.3fx the ideal, worst %zu\n",
			       f.parts, losses[l] * 100, f.mean, f.ideal, f.ratio, f.worst);
		}
		sync_encoder_free(enc);
		free(records);
	}
	return 0;
}
