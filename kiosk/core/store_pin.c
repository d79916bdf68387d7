/* store_pin: the facilitator's PIN: its hash, the lock after wrong tries, the recovery code. */
#include "store_impl.h"

#include <assert.h>
#include <string.h>

#include <sodium.h>

#define PIN_MIN 4
#define PIN_MAX 8

/* ---- PIN ------------------------------------------------------------------------ */

static bool pin_valid(const char *pin)
{
	size_t len = strnlen(pin, PIN_MAX + 1);

	return len >= PIN_MIN && len <= PIN_MAX && strspn(pin, "0123456789") == len;
}

bool store_pin_is_set(store *s)
{
	char hash[crypto_pwhash_STRBYTES];

	assert(s);
	return setting_get_text(s, KEY_PIN, hash, sizeof hash) == STORE_OK;
}

/* Forgets the wrong-PIN count and the lock, inside the caller's transaction. */
static int pin_lock_clear(store *s, const char *what)
{
	int rc = setting_delete(s, KEY_PIN_FAILS, what);

	if (rc == STORE_OK)
		rc = setting_delete(s, KEY_PIN_LOCKED, what);
	return rc;
}

int store_pin_set(store *s, const char *pin)
{
	static const char what[] = N_("the PIN was not saved");
	char hash[crypto_pwhash_STRBYTES];
	int rc;

	assert(s && pin);
	if (!pin_valid(pin))
		return set_msg(s, STORE_INVALID, _("A PIN is 4 to 8 digits."));
	/* Argon2id: a stolen data file does not give the PIN away cheaply. */
	if (crypto_pwhash_str(hash, pin, strlen(pin), crypto_pwhash_OPSLIMIT_INTERACTIVE,
			      crypto_pwhash_MEMLIMIT_INTERACTIVE) != 0)
		return set_msg(s, STORE_IO, _("The kiosk ran out of memory: the PIN was "
			       "not saved."));
	rc = tx_begin(s, what);
	if (rc != STORE_OK)
		return rc;
	rc = setting_put_text(s, KEY_PIN, hash, what);
	/* A new PIN starts with a clean slate: no count, no lock. */
	if (rc == STORE_OK)
		rc = pin_lock_clear(s, what);
	return tx_end(s, rc, what);
}

int store_pin_check(store *s, const char *pin)
{
	char hash[crypto_pwhash_STRBYTES];
	int rc;

	assert(s && pin);
	rc = setting_get_text(s, KEY_PIN, hash, sizeof hash);
	if (rc == STORE_NOTFOUND)
		return set_msg(s, STORE_NOTFOUND, _("No facilitator PIN has been set."));
	if (rc != STORE_OK)
		return rc;
	if (!pin_valid(pin) || crypto_pwhash_str_verify(hash, pin, strlen(pin)) != 0)
		return set_msg(s, STORE_WRONG, _("That PIN is not right."));
	return STORE_OK;
}

/* The length of the lock after the level-th run of wrong PINs (1, 2, ...). */
static int64_t pin_lock_length(int64_t level)
{
	static const int64_t minutes[] = {1, 5, 15, 60};
	size_t n = sizeof minutes / sizeof minutes[0];

	return 60 * minutes[level < 1 ? 0 : (size_t)level > n ? n - 1 : (size_t)level - 1];
}

/* Reads the count and the lock's end (0 when unset), shortening a lock the
 * clock has pushed too far away; inside the caller's transaction. */
static int pin_lock_read(store *s, int64_t now, int64_t *fails, int64_t *until,
			 const char *what)
{
	int rc = setting_get_int(s, KEY_PIN_FAILS, fails);

	if (rc == STORE_NOTFOUND) {
		*fails = 0;
		rc = STORE_OK;
	}
	if (rc == STORE_OK)
		rc = setting_get_int(s, KEY_PIN_LOCKED, until);
	if (rc == STORE_NOTFOUND) {
		*until = 0;
		return STORE_OK;
	}
	if (rc != STORE_OK)
		return rc;
	int64_t length = pin_lock_length(*fails / STORE_PIN_TRIES);
	if (*until > now + length) {
		*until = now + length;
		rc = setting_put_int(s, KEY_PIN_LOCKED, *until, what);
	}
	return rc;
}

int store_pin_lock(store *s, int64_t now, int64_t *until)
{
	static const char what[] = N_("the PIN pad's lock could not be read");
	int64_t fails;
	int rc;

	assert(s && until);
	*until = 0;
	rc = tx_begin(s, what);
	if (rc == STORE_OK)
		rc = pin_lock_read(s, now, &fails, until, what);
	rc = tx_end(s, rc, what);
	if (rc != STORE_OK || *until <= now)
		*until = 0;
	return rc;
}

int store_pin_try(store *s, const char *pin, int64_t now, int64_t *until)
{
	static const char what[] = N_("the wrong PIN was not counted");
	char hash[crypto_pwhash_STRBYTES];
	int64_t fails = 0, ignored;
	bool right;
	int rc;

	assert(s && pin && until);
	*until = 0;
	rc = tx_begin(s, what);
	if (rc != STORE_OK)
		return rc;
	rc = setting_get_text(s, KEY_PIN, hash, sizeof hash);
	if (rc == STORE_OK)
		rc = pin_lock_read(s, now, &fails, until, what);
	rc = tx_end(s, rc, what);
	if (rc == STORE_NOTFOUND)
		rc = set_msg(s, STORE_NOTFOUND, _("No facilitator PIN has been set."));
	if (rc != STORE_OK)
		goto out;
	if (*until > now) {
		rc = set_msg(s, STORE_LOCKED, _("The PIN pad is locked after too many wrong PINs."));
		goto out;
	}
	*until = 0;
	/* Argon2id takes a while on a Pi: not while holding the write lock. */
	right = pin_valid(pin) && crypto_pwhash_str_verify(hash, pin, strlen(pin)) == 0;
	rc = tx_begin(s, what);
	if (rc != STORE_OK)
		goto out;
	if (right) {
		rc = pin_lock_clear(s, what);
	} else {
		rc = pin_lock_read(s, now, &fails, &ignored, what);
		fails++;
		if (rc == STORE_OK)
			rc = setting_put_int(s, KEY_PIN_FAILS, fails, what);
		if (rc == STORE_OK && fails % STORE_PIN_TRIES == 0) {
			*until = now + pin_lock_length(fails / STORE_PIN_TRIES);
			rc = setting_put_int(s, KEY_PIN_LOCKED, *until, what);
		}
	}
	rc = tx_end(s, rc, what);
	/* A wrong PIN is an answer, not a failure: its count is kept. */
	if (rc == STORE_OK && !right)
		rc = set_msg(s, STORE_WRONG, _("That PIN is not right."));
out:
	explicit_bzero(hash, sizeof hash);
	if (rc != STORE_WRONG && rc != STORE_LOCKED)
		*until = 0;
	return rc;
}

bool store_pin_recovery_is_set(store *s)
{
	char hash[crypto_pwhash_STRBYTES];

	assert(s);
	return setting_get_text(s, KEY_PIN_RECOVERY, hash, sizeof hash) == STORE_OK;
}

int store_pin_recovery_new(store *s, char code[STORE_RECOVERY_DIGITS + 1])
{
	char hash[crypto_pwhash_STRBYTES];
	int rc;

	assert(s && code);
	for (int i = 0; i < STORE_RECOVERY_DIGITS; i++)
		code[i] = (char)('0' + randombytes_uniform(10));
	code[STORE_RECOVERY_DIGITS] = '\0';
	if (crypto_pwhash_str(hash, code, STORE_RECOVERY_DIGITS, crypto_pwhash_OPSLIMIT_INTERACTIVE,
			      crypto_pwhash_MEMLIMIT_INTERACTIVE) != 0) {
		explicit_bzero(code, STORE_RECOVERY_DIGITS + 1);
		return set_msg(s, STORE_IO, _("The kiosk ran out of memory: no recovery "
			       "code was made."));
	}
	rc = setting_put_text(s, KEY_PIN_RECOVERY, hash, N_("the recovery code was not saved"));
	if (rc != STORE_OK)
		explicit_bzero(code, STORE_RECOVERY_DIGITS + 1);
	return rc;
}

int store_pin_recover(store *s, const char *code)
{
	static const char what[] = N_("the recovery code was not used");
	char hash[crypto_pwhash_STRBYTES], digits[STORE_RECOVERY_DIGITS + 1];
	size_t n = 0;
	int rc;

	assert(s && code);
	for (const char *p = code; *p; p++) {
		if (*p == ' ' || *p == '-')
			continue;
		if (*p < '0' || *p > '9' || n == STORE_RECOVERY_DIGITS)
			return set_msg(s, STORE_WRONG, _("That recovery code is not right."));
		digits[n++] = *p;
	}
	digits[n] = '\0';
	rc = tx_begin(s, what);
	if (rc != STORE_OK)
		goto out;
	rc = setting_get_text(s, KEY_PIN_RECOVERY, hash, sizeof hash);
	if (rc == STORE_NOTFOUND)
		rc = set_msg(s, STORE_NOTFOUND, _("There is no recovery code: make one with "
			     "\"cop-kiosk pin set\"."));
	else if (rc == STORE_OK && (n != STORE_RECOVERY_DIGITS ||
				    crypto_pwhash_str_verify(hash, digits, n) != 0))
		rc = set_msg(s, STORE_WRONG, _("That recovery code is not right."));
	/* Used once: a code seen over a shoulder opens nothing afterwards. */
	if (rc == STORE_OK)
		rc = setting_delete(s, KEY_PIN_RECOVERY, what);
	if (rc == STORE_OK)
		rc = pin_lock_clear(s, what);
	rc = tx_end(s, rc, what);
out:
	explicit_bzero(digits, sizeof digits);
	return rc;
}
