/* fuzz_decoder: a libFuzzer target (`make fuzz`) for the receiver's side of the
 * protocol: every line of the input goes to sync_decoder_add (a completed batch
 * is opened and parsed), and the whole input to sync_batch_parse as a payload.
 * PROTOCOL.md: never a crash on any input. */
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "sync.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

/* The payload parser, on the input as it is (it may hold NULs). */
static void parse(const char *text, size_t len)
{
	char err[256];
	sync_batch *b = NULL;
	if (sync_batch_parse(text, len, &b, err, sizeof err) == SYNC_OK && b->count > 0)
		(void)strlen(b->records[b->count - 1].json);
	sync_batch_free(b);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	char *text = malloc(size + 1);
	sync_decoder *dec = sync_decoder_new();
	if (!text || !dec)
		goto out;
	memcpy(text, data, size);
	text[size] = '\0';
	parse(text, size);

	/* Lines end at '\n' (or a NUL the input holds: the decoder sees C strings). */
	for (char *line = text; line < text + size;) {
		char *end = memchr(line, '\n', (size_t)(text + size - line));
		if (end)
			*end = '\0';
		sync_decoder_add(dec, line);
		line = end ? end + 1 : text + size;
	}
	size_t have = 0, count = 0;
	uint32_t missing[8];
	sync_decoder_progress(dec, &have, &count);
	sync_decoder_missing(dec, missing, 8);
	if (sync_decoder_complete(dec)) {
		unsigned char *payload = NULL;
		size_t len = 0;
		if (sync_decoder_payload(dec, NULL, &payload, &len) == SYNC_OK)
			parse((const char *)payload, len);
		free(payload);
	}
out:
	sync_decoder_free(dec);
	free(text);
	return 0;
}
