/* text: UTF-8 handling for fields and storage — validation, editing by whole
 * characters, and folding names into search keys. */
#ifndef TEXT_H
#define TEXT_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

/* True if s[0..len) is well-formed UTF-8 (no overlongs, surrogates or values
 * above U+10FFFF). */
bool text_valid_utf8(const char *s, size_t len);

/* Decodes the code point at s; *len receives its byte length (at least 1 when
 * *s is not NUL). Malformed input yields U+FFFD and a length of 1. At the
 * terminating NUL it returns 0 with a length of 0. len may be NULL. Reads no
 * further than the NUL. */
uint32_t text_decode(const char *s, size_t *len);

/* Number of code points in the NUL-terminated, valid UTF-8 string s. */
size_t text_chars(const char *s);

/* Appends src to the NUL-terminated buf of cap bytes, keeping buf at most
 * max_chars code points and cap-1 bytes. Invalid UTF-8 in src is refused as a
 * whole (returns -1, buf unchanged); otherwise returns the number of code
 * points appended, which is less than src holds when the limit cut it short
 * (always at a character boundary). Control characters other than newline are
 * dropped. */
int text_append(char *buf, size_t cap, size_t max_chars, const char *src);

/* Removes the last whole code point of buf (a no-op on ""). */
void text_backspace(char *buf);

/* Copies src into dst (cap bytes), replacing each malformed sequence with
 * U+FFFD and cutting at a character boundary so the result is valid UTF-8.
 * A malformed sequence is its maximal subpart, as Unicode recommends: a
 * truncated "\xE2\x82" is one U+FFFD, a stray continuation byte is one each.
 * src NULL is taken as "" (a NULL column); dst and src must not overlap. */
void text_sanitize(char *dst, size_t cap, const char *src);

/* Folds a name into a search key: lower case, accents removed (Latin, Greek
 * tonos), apostrophes and other punctuation dropped, hyphens and runs of spaces
 * made single spaces, trimmed. "Siân Ó Dálaigh" -> "sian o dalaigh",
 * "O'Neil" -> "oneil", "Jean-Luc" -> "jean luc". Characters without a folding
 * (CJK, Arabic...) are kept as they are. Result is NUL-terminated in dst.
 * Greek, Cyrillic and Armenian are lower-cased too, and Greek final
 * sigma becomes sigma; combining accents (decomposed input) are dropped, and
 * so are malformed bytes. The result is valid UTF-8, cut at a character
 * boundary to fit cap, and never longer than src. src NULL is taken as "". */
void text_fold(char *dst, size_t cap, const char *src);

#endif
