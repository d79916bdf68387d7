/* base45: RFC 9285 Base45 — two bytes in three characters, one in two. */
#include "base45.h"

#include <stdint.h>

static const char alphabet[] = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ $%*+-./:";

size_t base45_encoded_len(size_t len)
{
	return len / 2 * 3 + (len % 2) * 2;
}

void base45_encode(const unsigned char *in, size_t len, char *out)
{
	size_t i = 0, o = 0;
	for (; i + 1 < len; i += 2) {
		unsigned n = (unsigned)in[i] * 256u + in[i + 1];
		out[o++] = alphabet[n % 45];
		out[o++] = alphabet[n / 45 % 45];
		out[o++] = alphabet[n / 2025];
	}
	if (i < len) {
		unsigned n = in[i];
		out[o++] = alphabet[n % 45];
		out[o++] = alphabet[n / 45];
	}
	out[o] = '\0';
}

/* The value of one alphabet character, or -1. */
static int value_of(char c)
{
	if (c >= '0' && c <= '9')
		return c - '0';
	if (c >= 'A' && c <= 'Z')
		return c - 'A' + 10;
	switch (c) {
	case ' ': return 36;
	case '$': return 37;
	case '%': return 38;
	case '*': return 39;
	case '+': return 40;
	case '-': return 41;
	case '.': return 42;
	case '/': return 43;
	case ':': return 44;
	default: return -1;
	}
}

int base45_decode(const char *in, size_t len, unsigned char *out, size_t *outlen)
{
	size_t i = 0, o = 0;
	if (len % 3 == 1)
		return -1;
	for (; i < len; i += 3) {
		int c = value_of(in[i]), d = value_of(in[i + 1]);
		if (c < 0 || d < 0)
			return -1;
		if (i + 2 < len) {
			int e = value_of(in[i + 2]);
			if (e < 0)
				return -1;
			uint32_t n = (uint32_t)c + (uint32_t)d * 45u + (uint32_t)e * 2025u;
			if (n > 65535u)
				return -1;
			out[o++] = (unsigned char)(n >> 8);
			out[o++] = (unsigned char)(n & 0xff);
		} else {
			uint32_t n = (uint32_t)c + (uint32_t)d * 45u;
			if (n > 255u)
				return -1;
			out[o++] = (unsigned char)n;
		}
	}
	*outlen = o;
	return 0;
}
