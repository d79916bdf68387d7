/* serve: `cop-sync serve`, the community's online space — what the server's
 * files share: the server, one request, the responses, and the routes' handlers
 * (pages.c the pages, auth.c sign-in and sessions, serve.c the rest). */
#ifndef SERVE_H
#define SERVE_H

#include <pthread.h>
#include <stdbool.h>
#include <stddef.h>

#include "archive.h"
#include "html.h"
#include "receive.h"

#define SERVE_BODY_MAX (256u << 10)  /* bytes of a request body taken */
#define SERVE_USERS_MAX 256          /* users receiving at once */
#define SERVE_HASH_MAX 128           /* an Argon2id string and its NUL */

/* One user's receiver: the batches their phone is reading. */
typedef struct {
	char user[ARCHIVE_NAME_MAX];
	receiver *recv;
} serve_receiver;

typedef struct {
	archive *arc;
	pthread_mutex_t lock;        /* the archive and the receivers */
	bool tls;
	bool keyed;
	unsigned char key[SYNC_SECKEY_BYTES];
	char epoch[17];              /* this run's id: a phone resends when it changes */
	char dummy_hash[SERVE_HASH_MAX]; /* checked for unknown names: the same time */
	serve_receiver receivers[SERVE_USERS_MAX];
	size_t nreceivers;
} serve_server;

/* One request, from its headers to its log line. */
typedef struct {
	serve_server *srv;
	struct MHD_Connection *conn;
	const char *method, *url;
	char addr[64];
	bool secure;                  /* over TLS, or a proxy says https */
	char user[ARCHIVE_NAME_MAX];  /* "" when not signed in */
	bool keeps;                   /* the user keeps a community: receives, refuses kiosks */
	bool admins;                  /* the user administers a community: manages its accounts */
	char csrf[ARCHIVE_TOKEN_MAX];
	char token_hash[ARCHIVE_TOKEN_MAX];
	char *body;
	size_t len;
	bool too_big;
	bool answered;
	unsigned status;
	size_t sent;
	double started;
} serve_request;

/* Queues a response with the given body (copied) and type; extra headers as
 * "Name", "value" pairs ending in NULL. */
void serve_respond(serve_request *r, unsigned status, const char *type, const char *body,
                   size_t len, ...);

/* Queues a page: the layout (header, navigation for a signed-in user) around
 * the main content in h, with title, the scripts named (NULL-ended, or NULL)
 * and a Set-Cookie value (or NULL). */
void serve_page(serve_request *r, unsigned status, const char *title, html *h,
                const char *const *scripts, const char *set_cookie);

/* Queues a 303 to location. */
void serve_redirect(serve_request *r, const char *location, const char *cookie);

/* A value of the request's query string, or NULL. */
const char *serve_query(serve_request *r, const char *name);

/* A field of an application/x-www-form-urlencoded body into out (outlen
 * bytes, decoded); false if absent. */
bool serve_form(const serve_request *r, const char *name, char *out, size_t outlen);

/* A plain error page ("Page not found", ...). */
void serve_error(serve_request *r, unsigned status, const char *heading, const char *text);

/* The routes' handlers. */
void page_events(serve_request *r);
void page_event(serve_request *r);
void page_measures(serve_request *r);
void page_receive(serve_request *r);
void page_download(serve_request *r);
void page_kiosk(serve_request *r);
void page_kiosk_approve(serve_request *r);
void page_upload(serve_request *r); /* upload.c: a batch file sent from the receive page */
void page_signin(serve_request *r);
void auth_signin(serve_request *r);
void auth_signout(serve_request *r);
void page_accounts(serve_request *r);        /* pages_accounts.c: an admin's accounts */
void page_account_add(serve_request *r);
void page_account_role(serve_request *r);

/* What a batch's state means to the person who sent its frames, in one
 * sentence ("" while it is still receiving). Static or the batch's own. */
const char *serve_batch_message(const receive_batch *b);

/* Prepares what sign-in needs at start (a hash for unknown names); 0 or -1. */
int auth_init(serve_server *s);

/* Finds the signed-in user of r from its cookie (sets r->user, r->csrf);
 * false when there is none. */
bool auth_session(serve_request *r);

/* The CSRF token a sign-in form carries, set as a cookie too (cookie: the
 * Set-Cookie value, cookielen bytes). */
void auth_signin_token(serve_request *r, char token[ARCHIVE_TOKEN_MAX], char *cookie,
                       size_t cookielen);

/* Whether name may be a user name: 1-64 bytes, no spaces or controls. */
bool auth_name_ok(const char *name);

/* Hashes a new password (Argon2id, as `cop-sync user add` does) into hash;
 * NULL, or why it is not taken ("must be 10 to 1024 characters long"). */
const char *auth_hash_password(const char *password, char hash[SERVE_HASH_MAX]);

/* `cop-sync user add|remove|list`: argc/argv after "user". */
int auth_user_command(int argc, char **argv);

/* The command's one-line failure on stderr ("cop-sync: " and fmt with arg);
 * returns 1, the exit status of bad input. (cop_sync.c) */
int cli_fail(const char *fmt, const char *arg);

/* Reads an archive's secret key file (64 hex digits); 0, or 1 with a line said. */
int cli_read_key(const char *path, unsigned char sk[SYNC_SECKEY_BYTES]);

/* `cop-sync serve`: argc/argv after "serve". */
int serve_command(int argc, char **argv);

#endif
