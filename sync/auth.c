/* auth: the online space's accounts — Argon2id passwords (libsodium), session
 * cookies kept as hashes in the archive, CSRF tokens, and sign-in attempts
 * limited per account and per address with a growing delay. */
#include "serve.h"

#include <microhttpd.h>
#include <sodium.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#define SESSION_COOKIE "cop_session"
#define SIGNIN_COOKIE "cop_signin"
#define SESSION_IDLE (12 * 3600) /* seconds unused before a session lapses */
#define PASSWORD_MIN 10
#define PASSWORD_MAX 1024
#define FREE_TRIES 3             /* wrong passwords before the delay starts */
#define DELAY_MAX 900            /* seconds: the longest wait between tries */

_Static_assert(SERVE_HASH_MAX == crypto_pwhash_STRBYTES, "room for an Argon2id string");

static void random_hex(char out[ARCHIVE_TOKEN_MAX])
{
	unsigned char b[32];
	randombytes_buf(b, sizeof b);
	sodium_bin2hex(out, ARCHIVE_TOKEN_MAX, b, sizeof b);
}

int auth_init(serve_server *s)
{
	char password[ARCHIVE_TOKEN_MAX];
	random_hex(password);
	return crypto_pwhash_str(s->dummy_hash, password, strlen(password),
	                         crypto_pwhash_OPSLIMIT_INTERACTIVE,
	                         crypto_pwhash_MEMLIMIT_INTERACTIVE) == 0 ? 0 : -1;
}

/* The archive keeps a session by the hash of its token, never the token. */
static void token_hash(const char *token, char out[ARCHIVE_TOKEN_MAX])
{
	unsigned char h[32];
	crypto_generichash(h, sizeof h, (const unsigned char *)token, strlen(token), NULL, 0);
	sodium_bin2hex(out, ARCHIVE_TOKEN_MAX, h, sizeof h);
}

static void cookie(const serve_request *r, char *out, size_t outlen, const char *name,
                   const char *value, long max_age)
{
	snprintf(out, outlen, "%s=%s; Path=/; HttpOnly; SameSite=Strict; Max-Age=%ld%s", name, value,
	         max_age, r->secure ? "; Secure" : "");
}

bool auth_session(serve_request *r)
{
	const char *token = MHD_lookup_connection_value(r->conn, MHD_COOKIE_KIND, SESSION_COOKIE);
	if (!token || strlen(token) != 64)
		return false;
	char err[256];
	long long now = (long long)time(NULL);
	token_hash(token, r->token_hash);
	pthread_mutex_lock(&r->srv->lock);
	int rc = archive_session_get(r->srv->arc, r->token_hash, now - SESSION_IDLE, now, r->user,
	                             r->csrf, err, sizeof err);
	if (rc == ARCHIVE_OK)
		rc = archive_user_keeps(r->srv->arc, r->user, &r->keeps, err, sizeof err);
	if (rc == ARCHIVE_OK)
		rc = archive_user_admins(r->srv->arc, r->user, NULL, &r->admins, err, sizeof err);
	pthread_mutex_unlock(&r->srv->lock);
	if (rc == ARCHIVE_IO)
		fprintf(stderr, "cop-sync: %s\n", err);
	if (rc != ARCHIVE_OK)
		r->user[0] = r->csrf[0] = '\0';
	return rc == ARCHIVE_OK;
}

void auth_signin_token(serve_request *r, char token[ARCHIVE_TOKEN_MAX], char *set_cookie,
                       size_t len)
{
	const char *old = MHD_lookup_connection_value(r->conn, MHD_COOKIE_KIND, SIGNIN_COOKIE);
	if (old && strlen(old) == 64 && strspn(old, "0123456789abcdef") == 64)
		snprintf(token, ARCHIVE_TOKEN_MAX, "%s", old);
	else
		random_hex(token);
	cookie(r, set_cookie, len, SIGNIN_COOKIE, token, 3600);
}

/* Seconds to wait after `failures` wrong passwords in a row. */
static long long delay_after(long long failures)
{
	if (failures <= FREE_TRIES)
		return 0;
	long long n = failures - FREE_TRIES - 1; /* 1 s after the fourth, 2 s, 4 s... */
	long long d = 1LL << (n < 20 ? n : 20);
	return d < DELAY_MAX ? d : DELAY_MAX;
}

/* Seconds before key may try again (0: now). */
static long long wait_for(serve_server *s, const char *key, long long now)
{
	long long failures = 0, next = 0;
	char err[256];
	if (archive_signin_get(s->arc, key, &failures, &next, err, sizeof err) != ARCHIVE_OK) {
		fprintf(stderr, "cop-sync: %s\n", err);
		return 60; /* cannot tell: the safe answer */
	}
	return next > now ? next - now : 0;
}

static void note_failure(serve_server *s, const char *key, long long now)
{
	long long failures = 0, next = 0;
	char err[256];
	if (archive_signin_get(s->arc, key, &failures, &next, err, sizeof err) != ARCHIVE_OK ||
	    archive_signin_failed(s->arc, key, now + delay_after(failures + 1), err, sizeof err) !=
	            ARCHIVE_OK)
		fprintf(stderr, "cop-sync: %s\n", err);
}

/* A path on this site to go to after signing in ("/" unless next is one). */
static const char *next_path(const char *next)
{
	return next && next[0] == '/' && next[1] != '/' && next[1] != '\\' &&
	               !strpbrk(next, "\r\n")
	               ? next
	               : "/";
}

static void signin_form(serve_request *r, unsigned status, const char *name, const char *next,
                        const char *error)
{
	char token[ARCHIVE_TOKEN_MAX], set_cookie[256];
	auth_signin_token(r, token, set_cookie, sizeof set_cookie);
	html h = {0};
	if (error)
		html_add(&h,
		         "<div class=\"app-error-summary\" role=\"alert\" tabindex=\"-1\">"
		         "<h2>There is a problem</h2><ul><li><a href=\"#password\">%s</a></li></ul></div>",
		         error);
	html_add(&h,
	         "<h1>Sign in</h1>"
	         "<p class=\"app-lede\">The community's online space: its events, post-it walls, "
	         "reflections and measures, and the page that receives a kiosk's records.</p>"
	         "<form method=\"post\" action=\"/signin\" novalidate>"
	         "<input type=\"hidden\" name=\"csrf\" value=\"%s\">"
	         "<input type=\"hidden\" name=\"next\" value=\"%s\">"
	         "<div class=\"app-form-group\"><label class=\"app-label\" for=\"name\">User name</label>"
	         "<input class=\"app-input\" id=\"name\" name=\"name\" type=\"text\" value=\"%s\" "
	         "autocomplete=\"username\" autocapitalize=\"none\" spellcheck=\"false\" required></div>"
	         "<div class=\"app-form-group%h\"><label class=\"app-label\" for=\"password\">Password</label>",
	         token, next_path(next), name, error ? " app-form-group--error" : "");
	if (error)
		html_add(&h, "<p class=\"app-error-message\" id=\"password-error\">%s</p>", error);
	html_add(&h,
	         "<input class=\"app-input\" id=\"password\" name=\"password\" type=\"password\" "
	         "autocomplete=\"current-password\" required%h></div>"
	         "<button class=\"app-button\" type=\"submit\">Sign in</button></form>"
	         "<p class=\"app-caption\">No account? Whoever runs the online space adds one with "
	         "<code>cop-sync user add</code>.</p>",
	         error ? " aria-describedby=\"password-error\"" : "");
	serve_page(r, status, "Sign in", &h, NULL, set_cookie);
	html_free(&h);
}

void page_signin(serve_request *r)
{
	if (auth_session(r)) {
		serve_redirect(r, next_path(serve_query(r, "next")), NULL);
		return;
	}
	signin_form(r, MHD_HTTP_OK, "", serve_query(r, "next"), NULL);
}

void auth_signin(serve_request *r)
{
	serve_server *s = r->srv;
	char name[ARCHIVE_NAME_MAX] = "", password[PASSWORD_MAX + 1] = "", form_token[ARCHIVE_TOKEN_MAX];
	char next[512] = "/", hash[crypto_pwhash_STRBYTES] = "", err[256];
	char user_key[ARCHIVE_NAME_MAX + 8], addr_key[80];
	const char *cookie_token = MHD_lookup_connection_value(r->conn, MHD_COOKIE_KIND,
	                                                       SIGNIN_COOKIE);
	serve_form(r, "next", next, sizeof next);
	serve_form(r, "name", name, sizeof name);
	if (!serve_form(r, "csrf", form_token, sizeof form_token) || !cookie_token ||
	    strlen(cookie_token) != strlen(form_token) ||
	    sodium_memcmp(cookie_token, form_token, strlen(form_token)) != 0 || !form_token[0]) {
		signin_form(r, MHD_HTTP_FORBIDDEN, name, next,
		            "The sign-in form had expired. Enter your password again.");
		return;
	}
	serve_form(r, "password", password, sizeof password);
	long long now = (long long)time(NULL);
	snprintf(user_key, sizeof user_key, "user:%s", name);
	snprintf(addr_key, sizeof addr_key, "addr:%s", r->addr);

	pthread_mutex_lock(&s->lock);
	long long wait = wait_for(s, user_key, now), wait_addr = wait_for(s, addr_key, now);
	if (wait_addr > wait)
		wait = wait_addr;
	bool known = wait == 0 &&
	             archive_user_hash(s->arc, name, hash, sizeof hash, err, sizeof err) == ARCHIVE_OK;
	pthread_mutex_unlock(&s->lock);
	if (wait > 0) {
		char msg[160];
		snprintf(msg, sizeof msg,
		         "Too many wrong passwords. Wait %lld second%s, then try again.", wait,
		         wait == 1 ? "" : "s");
		sodium_memzero(password, sizeof password);
		signin_form(r, MHD_HTTP_TOO_MANY_REQUESTS, name, next, msg);
		return;
	}
	/* Argon2id takes a while and much memory: outside the lock. An unknown
	 * name costs the same time as a known one. */
	bool right = crypto_pwhash_str_verify(known ? hash : s->dummy_hash, password,
	                                      strlen(password)) == 0 && known;
	sodium_memzero(password, sizeof password);
	sodium_memzero(hash, sizeof hash);

	pthread_mutex_lock(&s->lock);
	if (!right) {
		note_failure(s, user_key, now);
		note_failure(s, addr_key, now);
		pthread_mutex_unlock(&s->lock);
		signin_form(r, MHD_HTTP_UNAUTHORIZED, name, next,
		            "The user name or password is not right.");
		return;
	}
	char token[ARCHIVE_TOKEN_MAX], hashed[ARCHIVE_TOKEN_MAX], csrf[ARCHIVE_TOKEN_MAX];
	random_hex(token);
	random_hex(csrf);
	token_hash(token, hashed);
	int rc = archive_signin_clear(s->arc, user_key, err, sizeof err);
	if (rc == ARCHIVE_OK)
		rc = archive_signin_clear(s->arc, addr_key, err, sizeof err);
	if (rc == ARCHIVE_OK)
		rc = archive_session_add(s->arc, hashed, name, csrf, now, err, sizeof err);
	pthread_mutex_unlock(&s->lock);
	if (rc != ARCHIVE_OK) {
		fprintf(stderr, "cop-sync: %s\n", err);
		serve_error(r, MHD_HTTP_INTERNAL_SERVER_ERROR, "Sorry, you could not be signed in",
		            "The online space could not write to its archive. Try again in a minute.");
		return;
	}
	snprintf(r->user, sizeof r->user, "%s", name);
	char set_cookie[256];
	cookie(r, set_cookie, sizeof set_cookie, SESSION_COOKIE, token, SESSION_IDLE);
	serve_redirect(r, next_path(next), set_cookie);
}

void auth_signout(serve_request *r)
{
	char err[256], set_cookie[256];
	pthread_mutex_lock(&r->srv->lock);
	if (archive_session_end(r->srv->arc, r->token_hash, err, sizeof err) != ARCHIVE_OK)
		fprintf(stderr, "cop-sync: %s\n", err);
	pthread_mutex_unlock(&r->srv->lock);
	cookie(r, set_cookie, sizeof set_cookie, SESSION_COOKIE, "", 0);
	serve_redirect(r, "/signin", set_cookie);
}

/* ---- cop-sync user ------------------------------------------------------------ */


static void print_user(const char *name, long long created, const char *roles, void *ctx)
{
	(void)ctx;
	char when[32];
	time_t t = (time_t)created;
	struct tm tm;
	strftime(when, sizeof when, "%Y-%m-%d %H:%M", localtime_r(&t, &tm));
	printf("%s\tadded %s\t%s\n", name, when, roles);
}

static const char too_short[] = "The password must be 10 to 1024 characters long";

const char *auth_hash_password(const char *password, char hash[SERVE_HASH_MAX])
{
	size_t n = strlen(password);
	if (n < PASSWORD_MIN || n > PASSWORD_MAX)
		return too_short;
	if (crypto_pwhash_str(hash, password, n, crypto_pwhash_OPSLIMIT_INTERACTIVE,
	                      crypto_pwhash_MEMLIMIT_INTERACTIVE) != 0)
		return "Out of memory hashing the password: try again";
	return NULL;
}

/* A new user's password from stdin, hashed into hash. 0, or cli_fail's code. */
static int read_password(char hash[crypto_pwhash_STRBYTES])
{
	char password[PASSWORD_MAX + 2];
	if (!fgets(password, sizeof password, stdin))
		return cli_fail("%s", "give the password on standard input");
	password[strcspn(password, "\r\n")] = '\0';
	const char *why = auth_hash_password(password, hash);
	sodium_memzero(password, sizeof password);
	if (!why)
		return 0;
	/* The command line's words begin in lower case. */
	return cli_fail("%s", why == too_short ? "the password must be 10 to 1024 characters long"
	                                       : "out of memory hashing the password");
}

/* user add: a new user (password on stdin) with a role in a community, or
 * (--community given) an existing user's role there. Without --community:
 * every community, as an admin (what an account of a one-community space was). */
static int add_user(archive *a, const char *name, const char *community, const char *role)
{
	char hash[crypto_pwhash_STRBYTES], err[512];
	bool exists = archive_user_hash(a, name, hash, sizeof hash, NULL, 0) == ARCHIVE_OK;
	if (!exists || !community) {
		int rc = read_password(hash);
		if (rc != 0)
			return rc;
		if (archive_user_add(a, name, hash, err, sizeof err) != ARCHIVE_OK)
			return cli_fail("%s", err);
	}
	const char *where = community ? community : "*";
	if (archive_member_set(a, name, where, role ? role : community ? "keeper" : "admin", err,
	                       sizeof err) != ARCHIVE_OK)
		return cli_fail("%s", err);
	if (exists)
		printf("%s is now %s of %s.\n", name, role ? role : "keeper", where);
	else
		printf("Added %s: they can sign in to the online space.\n", name);
	return 0;
}

bool auth_name_ok(const char *name)
{
	size_t n = strlen(name);
	if (n == 0 || n >= ARCHIVE_NAME_MAX)
		return false;
	for (const char *p = name; *p; p++)
		if ((unsigned char)*p < 0x21 || *p == 0x7f)
			return false;
	return true;
}

int auth_user_command(int argc, char **argv)
{
	const char *path = NULL, *verb = argc > 0 ? argv[0] : "", *name = NULL;
	const char *community = NULL, *role = NULL;
	for (int i = 1; i < argc; i++) {
		if (strcmp(argv[i], "--archive") == 0 && i + 1 < argc)
			path = argv[++i];
		else if (strcmp(argv[i], "--community") == 0 && i + 1 < argc && argv[i + 1][0])
			community = argv[++i];
		else if (strcmp(argv[i], "--role") == 0 && i + 1 < argc)
			role = argv[++i];
		else if (argv[i][0] != '-' && !name)
			name = argv[i];
		else
			return cli_fail("unknown or incomplete argument %s (see cop-sync --help)", argv[i]);
	}
	bool list = strcmp(verb, "list") == 0;
	if (!list && strcmp(verb, "add") != 0 && strcmp(verb, "remove") != 0)
		return cli_fail("%s", "user needs add, remove or list (see cop-sync --help)");
	if (!path)
		return cli_fail("%s", "user needs --archive PATH");
	if (!list && (!name || !auth_name_ok(name)))
		return cli_fail("%s", "give a user name: 1-64 characters, no spaces");
	if (list && name)
		return cli_fail("%s", "user list takes no name");
	if ((community || role) && strcmp(verb, "add") != 0)
		return cli_fail("%s", "--community and --role go with user add");
	if (role && strcmp(role, "keeper") != 0 && strcmp(role, "friend") != 0 &&
	    strcmp(role, "admin") != 0)
		return cli_fail("there is no role %s: give keeper, friend or admin", role);
	if (sodium_init() < 0)
		return cli_fail("%s", "libsodium cannot start");
	archive *a = NULL;
	char err[512];
	if (archive_open(path, &a, err, sizeof err) != ARCHIVE_OK)
		return cli_fail("%s", err);
	int rc = 0;
	if (list) {
		rc = archive_user_list(a, print_user, NULL, err, sizeof err) == ARCHIVE_OK
		             ? 0 : cli_fail("%s", err);
	} else if (strcmp(verb, "remove") == 0) {
		rc = archive_user_remove(a, name, err, sizeof err) == ARCHIVE_OK ? 0 : cli_fail("%s", err);
		if (rc == 0)
			printf("Removed %s; their sessions have ended.\n", name);
	} else {
		rc = add_user(a, name, community, role);
	}
	archive_close(a);
	return rc;
}
