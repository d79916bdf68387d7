/* base45: RFC 9285 Base45, the encoding of bytes in the QR alphanumeric set. */
#ifndef BASE45_H
#define BASE45_H

#include <stddef.h>

/* Characters base45_encode writes for len bytes (without the NUL). */
size_t base45_encoded_len(size_t len);

/* Encodes len bytes of in into out, which must hold base45_encoded_len(len) + 1
 * characters; out is NUL-terminated. in may be NULL when len is 0. */
void base45_encode(const unsigned char *in, size_t len, char *out);

/* Decodes the len characters of in into out, which must hold len / 3 * 2 + 1
 * bytes. Strict: any character outside the 45-character alphabet, a length of
 * 1 modulo 3, a triple above 65535 or a final pair above 255 is refused.
 * Returns 0 and sets *outlen, or -1 (out's contents then unspecified). */
int base45_decode(const char *in, size_t len, unsigned char *out, size_t *outlen);

#endif
