/* records: the batch payload — JSON Lines of flat records — parsed strictly, and
 * the receipt code derived from the batch's secret. */
#include "sync.h"

#include <sodium.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define MAX_FIELDS 64
#define MAX_KEY 32
#define MAX_LINE (1u << 20)

static const char crockford[] = "0123456789ABCDEFGHJKMNPQRSTVWXYZ";

void sync_receipt(const unsigned char secret[SYNC_SECRET_BYTES], const char *kiosk_id,
                  const char *batch_id, char receipt[SYNC_RECEIPT_SIZE])
{
	static const char label[] = "cop-kiosk receipt 1\n";
	unsigned char h[5];
	crypto_generichash_state st;
	crypto_generichash_init(&st, secret, SYNC_SECRET_BYTES, sizeof h);
	crypto_generichash_update(&st, (const unsigned char *)label, sizeof label - 1);
	crypto_generichash_update(&st, (const unsigned char *)kiosk_id, strlen(kiosk_id));
	crypto_generichash_update(&st, (const unsigned char *)"\n", 1);
	crypto_generichash_update(&st, (const unsigned char *)batch_id, strlen(batch_id));
	crypto_generichash_final(&st, h, sizeof h);
	uint64_t v = (uint64_t)h[0] << 32 | (uint64_t)h[1] << 24 | (uint64_t)h[2] << 16 |
	             (uint64_t)h[3] << 8 | h[4];
	for (int i = 7; i >= 0; i--) {
		receipt[i < 4 ? i : i + 1] = crockford[v & 31];
		v >>= 5;
	}
	receipt[4] = '-';
	receipt[9] = '\0';
}

bool sync_receipt_normalise(const char *typed, char out[SYNC_RECEIPT_SIZE])
{
	int n = 0;
	for (const char *p = typed; *p; p++) {
		char c = *p;
		if (c == ' ' || c == '-')
			continue;
		if (c >= 'a' && c <= 'z')
			c = (char)(c - 'a' + 'A');
		if (c == 'O')
			c = '0';
		else if (c == 'I' || c == 'L')
			c = '1';
		if (!strchr(crockford, c) || c == '\0' || n == 8)
			return false;
		out[n < 4 ? n : n + 1] = c;
		n++;
	}
	if (n != 8)
		return false;
	out[4] = '-';
	out[9] = '\0';
	return true;
}

/* ---- one flat JSON object ---------------------------------------------- */

enum { J_STRING, J_INT, J_BOOL, J_NULL };
#define JSON_MAX_INT 9007199254740991ull /* 2^53 - 1: exact in every JSON reader */

typedef struct {
	char key[MAX_KEY + 1];
	int kind;
	char *str;     /* J_STRING: unescaped UTF-8, NUL-terminated */
	int64_t num;   /* J_INT, J_BOOL */
} jfield;

typedef struct {
	jfield f[MAX_FIELDS];
	int n;
} jobject;

typedef struct {
	const char *p, *end;
	const char *why;
} cursor;

static void jobject_clear(jobject *o)
{
	for (int i = 0; i < o->n; i++)
		free(o->f[i].str);
	o->n = 0;
}

static void skip_ws(cursor *c)
{
	while (c->p < c->end && (*c->p == ' ' || *c->p == '\t'))
		c->p++;
}

static int hexval(char h)
{
	if (h >= '0' && h <= '9')
		return h - '0';
	if (h >= 'a' && h <= 'f')
		return h - 'a' + 10;
	if (h >= 'A' && h <= 'F')
		return h - 'A' + 10;
	return -1;
}

static bool read_hex4(cursor *c, unsigned *out)
{
	unsigned v = 0;
	if (c->end - c->p < 4)
		return false;
	for (int i = 0; i < 4; i++) {
		int h = hexval(c->p[i]);
		if (h < 0)
			return false;
		v = v * 16 + (unsigned)h;
	}
	c->p += 4;
	*out = v;
	return true;
}

static size_t put_utf8(char *o, unsigned cp)
{
	if (cp < 0x80) {
		o[0] = (char)cp;
		return 1;
	}
	if (cp < 0x800) {
		o[0] = (char)(0xC0 | cp >> 6);
		o[1] = (char)(0x80 | (cp & 0x3F));
		return 2;
	}
	if (cp < 0x10000) {
		o[0] = (char)(0xE0 | cp >> 12);
		o[1] = (char)(0x80 | (cp >> 6 & 0x3F));
		o[2] = (char)(0x80 | (cp & 0x3F));
		return 3;
	}
	o[0] = (char)(0xF0 | cp >> 18);
	o[1] = (char)(0x80 | (cp >> 12 & 0x3F));
	o[2] = (char)(0x80 | (cp >> 6 & 0x3F));
	o[3] = (char)(0x80 | (cp & 0x3F));
	return 4;
}

/* Length of the valid UTF-8 sequence at s (at most n bytes), or 0. */
static size_t utf8_len(const unsigned char *s, size_t n)
{
	unsigned char b = s[0];
	size_t len;
	unsigned cp;
	if (b < 0x80)
		return 1;
	if (b >= 0xC2 && b <= 0xDF) {
		len = 2;
		cp = b & 0x1F;
	} else if (b >= 0xE0 && b <= 0xEF) {
		len = 3;
		cp = b & 0x0F;
	} else if (b >= 0xF0 && b <= 0xF4) {
		len = 4;
		cp = b & 0x07;
	} else {
		return 0;
	}
	if (n < len)
		return 0;
	for (size_t i = 1; i < len; i++) {
		if ((s[i] & 0xC0) != 0x80)
			return 0;
		cp = cp << 6 | (s[i] & 0x3F);
	}
	if ((len == 3 && (cp < 0x800 || (cp >= 0xD800 && cp <= 0xDFFF))) ||
	    (len == 4 && (cp < 0x10000 || cp > 0x10FFFF)))
		return 0;
	return len;
}

/* Reads a JSON string at c->p (on the opening quote) into a malloc'd buffer. */
static char *read_string(cursor *c)
{
	if (c->p >= c->end || *c->p != '"') {
		c->why = "expected a string";
		return NULL;
	}
	c->p++;
	const char *start = c->p;
	while (c->p < c->end && *c->p != '"')
		c->p += *c->p == '\\' && c->p + 1 < c->end ? 2 : 1;
	if (c->p >= c->end) {
		c->why = "unterminated string";
		return NULL;
	}
	size_t raw = (size_t)(c->p - start);
	c->p = start;
	char *out = malloc(raw + 1), *o = out;
	if (!out) {
		c->why = "out of memory";
		return NULL;
	}
	while (*c->p != '"') {
		unsigned char b = (unsigned char)*c->p;
		if (b < 0x20) {
			c->why = "control character in a string";
			goto fail;
		}
		if (b != '\\') {
			size_t n = utf8_len((const unsigned char *)c->p, (size_t)(c->end - c->p));
			if (n == 0) {
				c->why = "invalid UTF-8";
				goto fail;
			}
			memcpy(o, c->p, n);
			o += n;
			c->p += n;
			continue;
		}
		char e = c->p[1];
		c->p += 2;
		switch (e) {
		case '"': *o++ = '"'; break;
		case '\\': *o++ = '\\'; break;
		case '/': *o++ = '/'; break;
		case 'b': *o++ = '\b'; break;
		case 'f': *o++ = '\f'; break;
		case 'n': *o++ = '\n'; break;
		case 'r': *o++ = '\r'; break;
		case 't': *o++ = '\t'; break;
		case 'u': {
			unsigned cp, lo;
			if (!read_hex4(c, &cp))
				goto bad_escape;
			if (cp >= 0xD800 && cp <= 0xDBFF) {
				if (c->end - c->p < 2 || c->p[0] != '\\' || c->p[1] != 'u')
					goto bad_escape;
				c->p += 2;
				if (!read_hex4(c, &lo) || lo < 0xDC00 || lo > 0xDFFF)
					goto bad_escape;
				cp = 0x10000 + ((cp - 0xD800) << 10) + (lo - 0xDC00);
			} else if ((cp >= 0xDC00 && cp <= 0xDFFF) || cp == 0) {
				goto bad_escape;
			}
			/* \uXXXX is at least 6 bytes in; its UTF-8 is at most 4 out. */
			o += put_utf8(o, cp);
			break;
		}
		default:
			goto bad_escape;
		}
	}
	c->p++;
	*o = '\0';
	return out;
bad_escape:
	c->why = "bad escape in a string";
fail:
	free(out);
	return NULL;
}

/* Parses one line holding exactly one flat object into o (cleared first). */
static bool parse_object(const char *line, size_t len, jobject *o, const char **why)
{
	cursor c = {line, line + len, NULL};
	o->n = 0;
	skip_ws(&c);
	if (c.p >= c.end || *c.p != '{') {
		*why = "not a JSON object";
		return false;
	}
	c.p++;
	skip_ws(&c);
	if (c.p < c.end && *c.p == '}') {
		c.p++;
		goto end;
	}
	for (;;) {
		skip_ws(&c);
		char *key = read_string(&c);
		if (!key)
			goto fail;
		size_t kl = strlen(key);
		bool key_ok = kl >= 1 && kl <= MAX_KEY;
		for (size_t i = 0; i < kl && key_ok; i++)
			key_ok = (key[i] >= 'a' && key[i] <= 'z') || (key[i] >= '0' && key[i] <= '9') ||
			         key[i] == '_';
		if (!key_ok || o->n == MAX_FIELDS) {
			c.why = key_ok ? "too many fields" : "a key is not [a-z0-9_]{1,32}";
			free(key);
			goto fail;
		}
		for (int i = 0; i < o->n; i++)
			if (strcmp(o->f[i].key, key) == 0) {
				c.why = "a key appears twice";
				free(key);
				goto fail;
			}
		jfield *f = &o->f[o->n];
		memcpy(f->key, key, kl + 1);
		free(key);
		f->str = NULL;
		f->num = 0;
		skip_ws(&c);
		if (c.p >= c.end || *c.p != ':') {
			c.why = "expected ':'";
			goto fail;
		}
		c.p++;
		skip_ws(&c);
		if (c.p >= c.end) {
			c.why = "expected a value";
			goto fail;
		}
		if (*c.p == '"') {
			f->kind = J_STRING;
			f->str = read_string(&c);
			if (!f->str)
				goto fail;
		} else if (*c.p == '-' || (*c.p >= '0' && *c.p <= '9')) {
			bool neg = *c.p == '-';
			uint64_t v = 0;
			c.p += neg;
			if (c.p >= c.end || *c.p < '0' || *c.p > '9' ||
			    (*c.p == '0' && c.p + 1 < c.end && c.p[1] >= '0' && c.p[1] <= '9')) {
				c.why = "bad number";
				goto fail;
			}
			while (c.p < c.end && *c.p >= '0' && *c.p <= '9') {
				v = v * 10 + (uint64_t)(*c.p++ - '0');
				/* Beyond 2^53 - 1 a JavaScript reader would round: such values travel as strings. */
				if (v > JSON_MAX_INT) {
					c.why = "number beyond 2^53 - 1 (write it as a string)";
					goto fail;
				}
			}
			if (c.p < c.end && (*c.p == '.' || *c.p == 'e' || *c.p == 'E')) {
				c.why = "only whole numbers are allowed";
				goto fail;
			}
			f->kind = J_INT;
			f->num = neg ? -(int64_t)v : (int64_t)v;
		} else if (c.end - c.p >= 4 && memcmp(c.p, "true", 4) == 0) {
			f->kind = J_BOOL;
			f->num = 1;
			c.p += 4;
		} else if (c.end - c.p >= 5 && memcmp(c.p, "false", 5) == 0) {
			f->kind = J_BOOL;
			c.p += 5;
		} else if (c.end - c.p >= 4 && memcmp(c.p, "null", 4) == 0) {
			f->kind = J_NULL;
			c.p += 4;
		} else {
			c.why = *c.p == '{' || *c.p == '[' ? "nested values are not allowed"
			                                   : "bad value";
			goto fail;
		}
		o->n++;
		skip_ws(&c);
		if (c.p < c.end && *c.p == ',') {
			c.p++;
			continue;
		}
		if (c.p < c.end && *c.p == '}') {
			c.p++;
			break;
		}
		c.why = "expected ',' or '}'";
		goto fail;
	}
end:
	skip_ws(&c);
	if (c.p != c.end) {
		*why = "text after the object";
		jobject_clear(o);
		return false;
	}
	return true;
fail:
	*why = c.why;
	jobject_clear(o);
	return false;
}

static const jfield *field(const jobject *o, const char *key, int kind)
{
	for (int i = 0; i < o->n; i++)
		if (strcmp(o->f[i].key, key) == 0)
			return o->f[i].kind == kind ? &o->f[i] : NULL;
	return NULL;
}

/* ---- canonical output ---------------------------------------------------- */

typedef struct {
	char *s;
	size_t n, cap;
	bool oom;
} sbuf;

static void sb_add(sbuf *b, const char *s, size_t n)
{
	if (b->oom)
		return;
	if (b->n + n + 1 > b->cap) {
		size_t cap = (b->n + n + 1) * 2;
		char *ns = realloc(b->s, cap);
		if (!ns) {
			b->oom = true;
			return;
		}
		b->s = ns;
		b->cap = cap;
	}
	memcpy(b->s + b->n, s, n);
	b->n += n;
	b->s[b->n] = '\0';
}

static void sb_str(sbuf *b, const char *s)
{
	sb_add(b, "\"", 1);
	for (; *s; s++) {
		unsigned char ch = (unsigned char)*s;
		char esc[8];
		if (ch == '"' || ch == '\\') {
			esc[0] = '\\';
			esc[1] = (char)ch;
			sb_add(b, esc, 2);
		} else if (ch < 0x20) {
			snprintf(esc, sizeof esc, "\\u%04x", ch);
			sb_add(b, esc, 6);
		} else {
			sb_add(b, s, 1);
		}
	}
	sb_add(b, "\"", 1);
}

static char *canonical(const jobject *o)
{
	sbuf b = {0};
	sb_add(&b, "{", 1);
	for (int i = 0; i < o->n; i++) {
		const jfield *f = &o->f[i];
		char num[32];
		if (i)
			sb_add(&b, ",", 1);
		sb_str(&b, f->key);
		sb_add(&b, ":", 1);
		switch (f->kind) {
		case J_STRING: sb_str(&b, f->str); break;
		case J_INT:
			sb_add(&b, num, (size_t)snprintf(num, sizeof num, "%lld", (long long)f->num));
			break;
		case J_BOOL: sb_add(&b, f->num ? "true" : "false", f->num ? 4 : 5); break;
		default: sb_add(&b, "null", 4); break;
		}
	}
	sb_add(&b, "}", 1);
	if (b.oom) {
		free(b.s);
		return NULL;
	}
	return b.s;
}

/* ---- the batch ------------------------------------------------------------ */

static bool id_chars(const char *s, size_t max)
{
	size_t n = strlen(s);
	if (n == 0 || n >= max)
		return false;
	for (size_t i = 0; i < n; i++) {
		char c = s[i];
		if (!((c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') ||
		      c == '.' || c == '_' || c == '-'))
			return false;
	}
	return true;
}

/* A gid is "kioskid-seq": an id, a dash, then decimal digits. */
static bool gid_ok(const char *g)
{
	const char *dash = strrchr(g, '-');
	if (!id_chars(g, sizeof ((sync_record *)0)->gid) || !dash || dash == g || !dash[1])
		return false;
	for (const char *p = dash + 1; *p; p++)
		if (*p < '0' || *p > '9')
			return false;
	return true;
}

static bool type_ok(const char *t)
{
	size_t n = strlen(t);
	if (n == 0 || n > 32)
		return false;
	for (size_t i = 0; i < n; i++)
		if (!((t[i] >= 'a' && t[i] <= 'z') || t[i] == '_'))
			return false;
	return true;
}

void sync_say(char *err, size_t errlen, const char *fmt, ...)
{
	va_list ap;
	if (!err || !errlen)
		return;
	va_start(ap, fmt);
	vsnprintf(err, errlen, fmt, ap);
	va_end(ap);
}

void sync_batch_free(sync_batch *b)
{
	if (!b)
		return;
	for (size_t i = 0; i < b->count; i++)
		free(b->records[i].json);
	free(b->records);
	free(b);
}

unsigned char *sync_signed_message(const char *kiosk, const char *batch, long long created,
                                   const char *secret_hex, const char *rest, size_t rest_len,
                                   size_t *len)
{
	char head[256];
	int n = snprintf(head, sizeof head, "cop-kiosk batch 1\n%s\n%s\n%lld\n%s\n", kiosk, batch,
	                 created, secret_hex);
	unsigned char *m = n > 0 && (size_t)n < sizeof head ? malloc((size_t)n + rest_len) : NULL;
	if (!m)
		return NULL;
	memcpy(m, head, (size_t)n);
	memcpy(m + n, rest, rest_len);
	*len = (size_t)n + rest_len;
	return m;
}

/* Checks the signature of a batch line that carries one; sets b->is_signed. */
static bool signature_holds(sync_batch *b, const jfield *signer, const jfield *sig,
                            const jfield *secret, const char *rest, size_t rest_len)
{
	unsigned char s[SYNC_SIG_BYTES];
	size_t n1 = 0, n2 = 0, mlen = 0;
	if (strlen(signer->str) != 2 * SYNC_SIGN_PK_BYTES || strlen(sig->str) != 2 * SYNC_SIG_BYTES ||
	    sodium_hex2bin(b->signer, sizeof b->signer, signer->str, strlen(signer->str), NULL, &n1,
	                   NULL) != 0 ||
	    sodium_hex2bin(s, sizeof s, sig->str, strlen(sig->str), NULL, &n2, NULL) != 0 ||
	    n1 != SYNC_SIGN_PK_BYTES || n2 != SYNC_SIG_BYTES)
		return false;
	unsigned char *m = sync_signed_message(b->kiosk, b->batch, (long long)b->created, secret->str,
	                                       rest, rest_len, &mlen);
	bool ok = m && crypto_sign_verify_detached(s, m, mlen, b->signer) == 0;
	free(m);
	b->is_signed = ok;
	return ok;
}

int sync_batch_parse(const char *payload, size_t len, sync_batch **out, char *err,
                     size_t errlen)
{
	int rc = SYNC_ERR_CORRUPT;
	sync_batch *b = NULL;
	jobject *o = calloc(1, sizeof *o);
	*out = NULL;
	if (!o)
		return SYNC_ERR_NOMEM;
	b = calloc(1, sizeof *b);
	if (!b) {
		rc = SYNC_ERR_NOMEM;
		goto out;
	}
	if (sodium_init() < 0)
		goto out;
	size_t lines = 0;
	for (size_t i = 0; i < len; i++)
		lines += payload[i] == '\n';
	if (len == 0 || payload[len - 1] != '\n') {
		sync_say(err, errlen, "the payload does not end with a newline");
		goto out;
	}
	const char *line = payload, *end = payload + len;
	size_t want = 0, lineno = 0;
	while (line < end) {
		const char *nl = memchr(line, '\n', (size_t)(end - line));
		size_t ll = (size_t)(nl - line);
		const char *why = NULL;
		lineno++;
		if (ll > MAX_LINE) {
			sync_say(err, errlen, "line %zu: too long", lineno);
			goto out;
		}
		if (memchr(line, '\0', ll)) {
			sync_say(err, errlen, "line %zu: a NUL byte", lineno);
			goto out;
		}
		if (!parse_object(line, ll, o, &why)) {
			sync_say(err, errlen, "line %zu: %s", lineno, why ? why : "bad JSON");
			goto out;
		}
		const jfield *type = field(o, "type", J_STRING);
		if (lineno == 1) {
			const jfield *proto = field(o, "protocol", J_INT), *kiosk = field(o, "kiosk", J_STRING),
			             *batch = field(o, "batch", J_STRING), *created = field(o, "created", J_INT),
			             *records = field(o, "records", J_INT), *secret = field(o, "secret", J_STRING);
			unsigned char key[SYNC_SECRET_BYTES];
			size_t keylen = 0;
			if (!type || strcmp(type->str, "batch") != 0 || !proto || !kiosk || !batch ||
			    !created || !records || !secret) {
				sync_say(err, errlen, "line 1: not a batch line with protocol, kiosk, batch, created, records and secret");
				goto out;
			}
			if (proto->num != SYNC_PAYLOAD_PROTOCOL) {
				sync_say(err, errlen, "line 1: payload protocol %lld is not known", (long long)proto->num);
				goto out;
			}
			if (!id_chars(kiosk->str, SYNC_ID_MAX) || !id_chars(batch->str, SYNC_ID_MAX)) {
				sync_say(err, errlen, "line 1: bad kiosk or batch id");
				goto out;
			}
			if (strlen(secret->str) != 2 * SYNC_SECRET_BYTES ||
			    sodium_hex2bin(key, sizeof key, secret->str, strlen(secret->str), NULL, &keylen,
			                   NULL) != 0 ||
			    keylen != sizeof key) {
				sync_say(err, errlen, "line 1: the secret is not %d hex digits", 2 * SYNC_SECRET_BYTES);
				goto out;
			}
			if (records->num < 0 || (uint64_t)records->num != lines - 1) {
				sync_say(err, errlen, "line 1: says %lld records, %zu follow", (long long)records->num,
				    lines - 1);
				goto out;
			}
			memcpy(b->kiosk, kiosk->str, strlen(kiosk->str) + 1);
			memcpy(b->batch, batch->str, strlen(batch->str) + 1);
			b->created = created->num;
			const jfield *signer = field(o, "signer", J_STRING), *sig = field(o, "signature", J_STRING);
			if ((signer || sig) &&
			    (!signer || !sig ||
			     !signature_holds(b, signer, sig, secret, nl + 1, (size_t)(end - nl - 1)))) {
				sync_say(err, errlen, "line 1: the signature does not hold: the batch was altered, or "
				    "not signed by the key it names");
				goto out;
			}
			sync_receipt(key, b->kiosk, b->batch, b->receipt);
			sodium_memzero(key, sizeof key);
			want = lines - 1;
			b->records = calloc(want ? want : 1, sizeof *b->records);
			if (!b->records) {
				rc = SYNC_ERR_NOMEM;
				goto out;
			}
		} else {
			const jfield *gid = field(o, "gid", J_STRING), *changed = field(o, "changed", J_INT);
			if (!type || !type_ok(type->str) || strcmp(type->str, "batch") == 0) {
				sync_say(err, errlen, "line %zu: \"type\" missing or not [a-z_]{1,32}", lineno);
				goto out;
			}
			if (!gid || !gid_ok(gid->str)) {
				sync_say(err, errlen, "line %zu: \"gid\" missing or not kioskid-seq", lineno);
				goto out;
			}
			if (!changed || changed->num < 0) {
				sync_say(err, errlen, "line %zu: \"changed\" missing or negative", lineno);
				goto out;
			}
			sync_record *r = &b->records[b->count];
			memcpy(r->type, type->str, strlen(type->str) + 1);
			memcpy(r->gid, gid->str, strlen(gid->str) + 1);
			r->changed = changed->num;
			r->json = canonical(o);
			if (!r->json) {
				rc = SYNC_ERR_NOMEM;
				goto out;
			}
			b->count++;
		}
		jobject_clear(o);
		line = nl + 1;
	}
	(void)want;
	*out = b;
	b = NULL;
	rc = SYNC_OK;
out:
	jobject_clear(o);
	free(o);
	sync_batch_free(b);
	return rc;
}
