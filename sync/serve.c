/* serve: `cop-sync serve` — the HTTP side on GNU libmicrohttpd: options, TLS,
 * the routes, sessions at the door, bodies, the receiver API, static files,
 * one log line a request, and a clean stop on SIGTERM. */
#include "serve.h"
#include "webfiles.h"

#include <errno.h>
#include <microhttpd.h>
#include <signal.h>
#include <sodium.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <arpa/inet.h>
#include <netinet/in.h>
#include <sys/socket.h>

/* Every response: the page may use only its own server's files, and no frame. */
static const char security_policy[] =
	"default-src 'self'; script-src 'self' 'wasm-unsafe-eval'; style-src 'self'; "
	"img-src 'self' data: blob:; media-src 'self' blob:; connect-src 'self'; "
	"worker-src 'self'; frame-ancestors 'none'; base-uri 'none'; form-action 'self'";

static double now_ms(void)
{
	struct timespec ts;
	clock_gettime(CLOCK_MONOTONIC, &ts);
	return ts.tv_sec * 1e3 + ts.tv_nsec / 1e6;
}

static void respond_v(serve_request *r, unsigned status, const char *type, const char *body,
                      size_t len, va_list ap)
{
	if (r->answered)
		return;
	struct MHD_Response *resp =
		MHD_create_response_from_buffer(len, (void *)body, MHD_RESPMEM_MUST_COPY);
	if (!resp)
		return;
	MHD_add_response_header(resp, MHD_HTTP_HEADER_CONTENT_TYPE, type);
	MHD_add_response_header(resp, "Content-Security-Policy", security_policy);
	MHD_add_response_header(resp, "X-Content-Type-Options", "nosniff");
	MHD_add_response_header(resp, "Referrer-Policy", "same-origin");
	MHD_add_response_header(resp, "Permissions-Policy", "camera=(self), microphone=()");
	if (r->secure)
		MHD_add_response_header(resp, "Strict-Transport-Security", "max-age=31536000");
	const char *name;
	bool cache = false;
	while ((name = va_arg(ap, const char *)) != NULL) {
		const char *value = va_arg(ap, const char *);
		cache |= strcmp(name, MHD_HTTP_HEADER_CACHE_CONTROL) == 0;
		MHD_add_response_header(resp, name, value);
	}
	/* Pages hold people's records: no shared or stored copies. */
	if (!cache)
		MHD_add_response_header(resp, MHD_HTTP_HEADER_CACHE_CONTROL, "no-store");
	MHD_queue_response(r->conn, status, resp);
	MHD_destroy_response(resp);
	r->answered = true;
	r->status = status;
	r->sent = len;
}

void serve_respond(serve_request *r, unsigned status, const char *type, const char *body,
                   size_t len, ...)
{
	va_list ap;
	va_start(ap, len);
	respond_v(r, status, type, body, len, ap);
	va_end(ap);
}

void serve_redirect(serve_request *r, const char *location, const char *cookie)
{
	static const char body[] = "See other\n";
	if (cookie)
		serve_respond(r, MHD_HTTP_SEE_OTHER, "text/plain; charset=utf-8", body,
		              sizeof body - 1, MHD_HTTP_HEADER_LOCATION, location,
		              MHD_HTTP_HEADER_SET_COOKIE, cookie, (const char *)NULL);
	else
		serve_respond(r, MHD_HTTP_SEE_OTHER, "text/plain; charset=utf-8", body, sizeof body - 1,
		              MHD_HTTP_HEADER_LOCATION, location, (const char *)NULL);
}

const char *serve_query(serve_request *r, const char *name)
{
	return MHD_lookup_connection_value(r->conn, MHD_GET_ARGUMENT_KIND, name);
}

bool serve_form(const serve_request *r, const char *name, char *out, size_t outlen)
{
	size_t nlen = strlen(name);
	const char *p = r->body, *end = r->body ? r->body + r->len : NULL;
	while (p && p < end) {
		const char *amp = memchr(p, '&', (size_t)(end - p));
		const char *stop = amp ? amp : end;
		if ((size_t)(stop - p) > nlen && memcmp(p, name, nlen) == 0 && p[nlen] == '=') {
			size_t n = (size_t)(stop - p) - nlen - 1;
			if (n >= outlen)
				return false;
			memcpy(out, p + nlen + 1, n);
			out[n] = '\0';
			for (char *c = out; *c; c++)
				if (*c == '+')
					*c = ' ';
			MHD_http_unescape(out);
			return true;
		}
		p = amp ? amp + 1 : end;
	}
	return false;
}

/* ---- the receiver API ---------------------------------------------------------- */

static serve_receiver *receiver_of(serve_server *s, const char *user)
{
	for (size_t i = 0; i < s->nreceivers; i++)
		if (strcmp(s->receivers[i].user, user) == 0)
			return &s->receivers[i];
	if (s->nreceivers == SERVE_USERS_MAX)
		return NULL;
	serve_receiver *sr = &s->receivers[s->nreceivers];
	sr->recv = receiver_new(s->arc, s->keyed ? s->key : NULL);
	if (!sr->recv)
		return NULL;
	snprintf(sr->user, sizeof sr->user, "%s", user);
	receiver_set_user(sr->recv, user);
	s->nreceivers++;
	return sr;
}

const char *serve_batch_message(const receive_batch *b)
{
	if (b->state == RECEIVE_IMPORTED)
		return "Received and stored in the online space.";
	if (b->state == RECEIVE_RECEIVING)
		return "";
	switch (b->why) {
	case RECEIVE_NO_KEY:
		return "This batch is encrypted, and the online space has no key to open it: "
		       "ask whoever runs it to start it with the archive's key.";
	case RECEIVE_WRONG_KEY:
		return "This batch is encrypted for another archive: the kiosk holds another "
		       "community's key.";
	case RECEIVE_DAMAGED:
		return "The parts were read but do not fit together: start the loop again on "
		       "the kiosk and read it once more.";
	case RECEIVE_NOT_ITS_KIOSKS:
		/* The archive's own words: which kiosk, and why. */
		return b->detail;
	case RECEIVE_BAD_RECORDS:
		return "The kiosk's records break the sync rules: nothing was stored. Update the "
		       "kiosk or the online space.";
	default:
		return "The online space could not store the records: nothing was stored. Try "
		       "again in a minute.";
	}
}

static void batch_json(html *h, const receive_batch *b, bool fresh)
{
	static const char *const states[] = {"receiving", "imported", "refused"};
	uint32_t missing[20];
	size_t n = receive_missing(b, missing, 20);
	html_add(h, "{\"tag\":\"%j\",\"have\":%z,\"count\":%z,\"missing\":[", b->tag, b->have,
	         b->count);
	for (size_t i = 0; i < n && i < 20; i++)
		html_add(h, "%h%l", i ? "," : "", (long)missing[i]);
	html_add(h, "],\"sealed\":%h,\"kiosk\":", b->sealed < 0 ? "null" : b->sealed ? "true" : "false");
	if (b->kiosk[0])
		html_add(h, "\"%j\"", b->kiosk);
	else
		html_add(h, "null");
	html_add(h, ",\"records\":");
	if (b->state == RECEIVE_IMPORTED)
		html_add(h, "%z,\"receipt\":\"%j\"", b->records, b->receipt);
	else
		html_add(h, "null,\"receipt\":null");
	html_add(h, ",\"state\":\"%h\",\"message\":\"%j\",\"fresh\":%h}", states[b->state],
	         serve_batch_message(b), fresh ? "true" : "false");
}

/* POST /api/frames: frame texts one a line; answers what each batch touched
 * has and still needs. A phone resends everything it holds for a batch that
 * comes back "fresh" (this server began it anew: restarted, or forgot it). */
static void api_frames(serve_request *r)
{
	serve_server *s = r->srv;
	receive_batch *touched[RECEIVE_MAX_BATCHES];
	bool fresh[RECEIVE_MAX_BATCHES];
	receive_batch *before[RECEIVE_MAX_BATCHES];
	size_t ntouched = 0, nbefore = 0, nskipped = 0;
	html h = {0};
	html skipped = {0};

	pthread_mutex_lock(&s->lock);
	serve_receiver *sr = receiver_of(s, r->user);
	if (!sr) {
		pthread_mutex_unlock(&s->lock);
		static const char busy[] = "{\"error\":\"The online space is receiving from too many "
		                           "people at once: try again in a minute.\"}";
		serve_respond(r, MHD_HTTP_SERVICE_UNAVAILABLE, "application/json", busy,
		              sizeof busy - 1, (const char *)NULL);
		return;
	}
	int64_t now = (int64_t)time(NULL);
	/* A batch nobody has read for an hour is dropped (its phone resends). */
	receiver_forget_idle(sr->recv, now - 3600);
	for (size_t i = 0; i < receiver_count(sr->recv); i++)
		before[nbefore++] = receiver_batch(sr->recv, i);
	char *line = r->body, *end = r->body + r->len;
	while (line && line < end) {
		char *nl = memchr(line, '\n', (size_t)(end - line));
		char *stop = nl ? nl : end;
		while (stop > line && (stop[-1] == '\r' || stop[-1] == ' '))
			stop--;
		char saved = *stop;
		*stop = '\0';
		receive_batch *b = NULL;
		if (*line) {
			sync_frame_status st = receiver_add(sr->recv, line, now, &b);
			if (!b && nskipped++ < 20) {
				char why[256];
				receive_skip_reason(line, st, why, sizeof why);
				html_add(&skipped, "%h{\"why\":\"%j\"}", nskipped > 1 ? "," : "", why);
			}
		}
		*stop = saved;
		size_t k = 0;
		while (b && k < ntouched && touched[k] != b)
			k++;
		if (b && k == ntouched) {
			bool old = false;
			for (size_t j = 0; j < nbefore; j++)
				old |= before[j] == b;
			touched[ntouched] = b;
			fresh[ntouched++] = !old;
		}
		line = nl ? nl + 1 : end;
	}
	html_add(&h, "{\"epoch\":\"%j\",\"batches\":[", s->epoch);
	for (size_t k = 0; k < ntouched; k++) {
		if (k)
			html_add(&h, ",");
		batch_json(&h, touched[k], fresh[k]);
	}
	pthread_mutex_unlock(&s->lock);
	html_add(&h, "],\"skipped\":[%h]}", skipped.text ? skipped.text : "");
	html_free(&skipped);
	if (h.nomem) {
		html_free(&h);
		serve_error(r, MHD_HTTP_INTERNAL_SERVER_ERROR, "Out of memory", "Try again.");
		return;
	}
	serve_respond(r, MHD_HTTP_OK, "application/json", h.text, h.len, (const char *)NULL);
	html_free(&h);
}

/* ---- static files -------------------------------------------------------------- */

static void static_file(serve_request *r)
{
	for (const web_file *f = web_files; f->path; f++) {
		if (strcmp(f->path, r->url) != 0)
			continue;
		size_t len = (size_t)(f->end - f->start);
		unsigned char hash[16];
		char etag[40] = "\"";
		crypto_generichash(hash, sizeof hash, f->start, len, NULL, 0);
		sodium_bin2hex(etag + 1, sizeof etag - 2, hash, sizeof hash);
		strcat(etag, "\"");
		const char *inm = MHD_lookup_connection_value(r->conn, MHD_HEADER_KIND,
		                                               MHD_HTTP_HEADER_IF_NONE_MATCH);
		bool same = inm && strcmp(inm, etag) == 0;
		serve_respond(r, same ? MHD_HTTP_NOT_MODIFIED : MHD_HTTP_OK, f->type,
		              same ? "" : (const char *)f->start, same ? 0 : len,
		              MHD_HTTP_HEADER_ETAG, etag, MHD_HTTP_HEADER_CACHE_CONTROL, "no-cache",
		              "Service-Worker-Allowed", "/", (const char *)NULL);
		return;
	}
	serve_error(r, MHD_HTTP_NOT_FOUND, "Page not found",
	            "If you typed the web address, check it is correct.");
}

/* ---- routes ------------------------------------------------------------------- */

/* KEEPER: a keeper's or an admin's; a critical friend only reads. */
/* ADMIN: an admin's of some community (each handler checks which). */
enum { PUBLIC = 0, SESSION = 1, FORM_TOKEN = 2, HEADER_TOKEN = 4, KEEPER = 8, ADMIN = 16 };

typedef struct {
	const char *method, *path;
	bool prefix;
	int needs;
	void (*handle)(serve_request *r);
} route;

static const route routes[] = {
	{"GET", "/signin", false, PUBLIC, page_signin},
	{"POST", "/signin", false, PUBLIC, auth_signin}, /* checks its own token */
	{"POST", "/signout", false, SESSION | FORM_TOKEN, auth_signout},
	{"GET", "/", false, SESSION, page_events},
	{"GET", "/event/", true, SESSION, page_event},
	{"GET", "/measures", false, SESSION, page_measures},
	{"GET", "/receive", false, SESSION | KEEPER, page_receive},
	{"GET", "/download/", true, SESSION, page_download},
	{"POST", "/kiosk", false, SESSION | FORM_TOKEN | KEEPER, page_kiosk},
	{"POST", "/kiosk/approve", false, SESSION | FORM_TOKEN | ADMIN, page_kiosk_approve},
	{"POST", "/api/frames", false, SESSION | HEADER_TOKEN | KEEPER, api_frames},
	{"POST", "/receive/upload", false, SESSION | KEEPER, page_upload}, /* checks its own token */
	{"GET", "/accounts", false, SESSION | ADMIN, page_accounts},
	{"POST", "/accounts/add", false, SESSION | FORM_TOKEN | ADMIN, page_account_add},
	{"POST", "/accounts/role", false, SESSION | FORM_TOKEN | ADMIN, page_account_role},
	{"GET", "/static/", true, PUBLIC, static_file},
	{"GET", "/sw.js", false, PUBLIC, static_file},
};

static bool same_token(const char *a, const char *b)
{
	size_t n = strlen(a);
	return n > 0 && n == strlen(b) && sodium_memcmp(a, b, n) == 0;
}

static void refuse_api(serve_request *r, unsigned status, const char *why)
{
	html h = {0};
	html_add(&h, "{\"error\":\"%j\"}", why);
	serve_respond(r, status, "application/json", h.text ? h.text : "{}", h.text ? h.len : 2,
	              (const char *)NULL);
	html_free(&h);
}

/* Whether the signed-in user keeps a community (else answered 403 here). */
static bool keeps(serve_request *r)
{
	if (r->keeps)
		return true;
	static const char why[] = "A critical friend reads the online space; receiving from kiosks "
	                          "and refusing them is for its keepers.";
	if (strncmp(r->url, "/api/", 5) == 0)
		refuse_api(r, MHD_HTTP_FORBIDDEN, why);
	else
		serve_error(r, MHD_HTTP_FORBIDDEN, "For keepers", why);
	return false;
}

static void dispatch(serve_request *r)
{
	const route *rt = NULL;
	bool path_known = false;
	for (size_t i = 0; i < sizeof routes / sizeof routes[0]; i++) {
		const route *t = &routes[i];
		bool match = t->prefix ? strncmp(r->url, t->path, strlen(t->path)) == 0
		                       : strcmp(r->url, t->path) == 0;
		path_known |= match;
		if (match && strcmp(r->method, t->method) == 0) {
			rt = t;
			break;
		}
	}
	if (!rt) {
		if (path_known)
			serve_error(r, MHD_HTTP_METHOD_NOT_ALLOWED, "Not allowed",
			            "This page cannot be used that way.");
		else
			serve_error(r, MHD_HTTP_NOT_FOUND, "Page not found",
			            "If you typed the web address, check it is correct.");
		return;
	}
	if (r->too_big) {
		serve_error(r, MHD_HTTP_CONTENT_TOO_LARGE, "Too much at once",
		            "The online space takes at most 256 KB in one request.");
		return;
	}
	if (rt->needs & SESSION && !auth_session(r)) {
		if (rt->needs & HEADER_TOKEN) {
			refuse_api(r, MHD_HTTP_UNAUTHORIZED, "Your sign-in has ended: sign in again.");
			return;
		}
		html to = {0};
		html_add(&to, "/signin?next=%u", r->url);
		serve_redirect(r, to.text ? to.text : "/signin", NULL);
		html_free(&to);
		return;
	}
	if (rt->needs & HEADER_TOKEN) {
		const char *t = MHD_lookup_connection_value(r->conn, MHD_HEADER_KIND, "X-CSRF-Token");
		if (!t || !same_token(t, r->csrf)) {
			refuse_api(r, MHD_HTTP_FORBIDDEN,
			           "This page is out of date: reload it, or sign in again.");
			return;
		}
	}
	if (rt->needs & FORM_TOKEN) {
		char t[ARCHIVE_TOKEN_MAX];
		if (!serve_form(r, "csrf", t, sizeof t) || !same_token(t, r->csrf)) {
			serve_error(r, MHD_HTTP_FORBIDDEN, "This form is out of date",
			            "Go back, reload the page and try again.");
			return;
		}
	}
	if (rt->needs & KEEPER && !keeps(r))
		return;
	if (rt->needs & ADMIN && !r->admins) {
		serve_error(r, MHD_HTTP_FORBIDDEN, "For admins",
		            "Accounts are managed by the admins of each community.");
		return;
	}
	rt->handle(r);
}

/* libmicrohttpd's access handler: called once for the headers, then for each
 * piece of the body, then once more to answer. */
static enum MHD_Result on_request(void *cls, struct MHD_Connection *conn, const char *url,
                                  const char *method, const char *version,
                                  const char *upload, size_t *upload_size, void **ctx)
{
	(void)version;
	serve_request *r = *ctx;
	if (!r) {
		r = calloc(1, sizeof *r);
		if (!r)
			return MHD_NO;
		*ctx = r;
		r->srv = cls;
		r->conn = conn;
		r->url = url;
		r->method = method;
		r->started = now_ms();
		r->status = 500;
		const union MHD_ConnectionInfo *ci =
			MHD_get_connection_info(conn, MHD_CONNECTION_INFO_CLIENT_ADDRESS);
		const struct sockaddr *sa = ci ? ci->client_addr : NULL;
		if (sa && sa->sa_family == AF_INET)
			inet_ntop(AF_INET, &((const struct sockaddr_in *)(const void *)sa)->sin_addr,
			          r->addr, sizeof r->addr);
		else if (sa && sa->sa_family == AF_INET6)
			inet_ntop(AF_INET6, &((const struct sockaddr_in6 *)(const void *)sa)->sin6_addr,
			          r->addr, sizeof r->addr);
		else
			snprintf(r->addr, sizeof r->addr, "?");
		const char *proto = MHD_lookup_connection_value(conn, MHD_HEADER_KIND,
		                                                 "X-Forwarded-Proto");
		r->secure = r->srv->tls || (proto && strcmp(proto, "https") == 0);
		const char *length = MHD_lookup_connection_value(conn, MHD_HEADER_KIND,
		                                                  MHD_HTTP_HEADER_CONTENT_LENGTH);
		if (length && strtoull(length, NULL, 10) > SERVE_BODY_MAX) {
			r->too_big = true;
			serve_error(r, MHD_HTTP_CONTENT_TOO_LARGE, "Too much at once",
			            "The online space takes at most 256 KB in one request.");
		}
		return MHD_YES;
	}
	if (*upload_size) {
		if (!r->too_big && r->len + *upload_size <= SERVE_BODY_MAX) {
			char *b = realloc(r->body, r->len + *upload_size + 1);
			if (!b)
				return MHD_NO;
			memcpy(b + r->len, upload, *upload_size);
			r->body = b;
			r->len += *upload_size;
			r->body[r->len] = '\0';
		} else {
			r->too_big = true;
		}
		*upload_size = 0;
		return MHD_YES;
	}
	if (!r->answered)
		dispatch(r);
	return MHD_YES;
}

/* One line a request on stderr, once it is over. */
static void on_completed(void *cls, struct MHD_Connection *conn, void **ctx,
                         enum MHD_RequestTerminationCode how)
{
	(void)cls;
	(void)conn;
	serve_request *r = *ctx;
	if (!r)
		return;
	char when[32];
	time_t t = time(NULL);
	struct tm tm;
	strftime(when, sizeof when, "%Y-%m-%dT%H:%M:%SZ", gmtime_r(&t, &tm));
	fprintf(stderr, "%s %s %s \"%s %.200s\" %u %zu %.1fms%s\n", when, r->addr,
	        r->user[0] ? r->user : "-", r->method, r->url, r->answered ? r->status : 0,
	        r->sent, now_ms() - r->started,
	        how == MHD_REQUEST_TERMINATED_COMPLETED_OK ? "" : " (connection closed early)");
	free(r->body);
	free(r);
	*ctx = NULL;
}

/* ---- the command ---------------------------------------------------------------- */


/* A whole small file into memory (NUL-terminated); NULL if it cannot be read. */
static char *slurp(const char *path, size_t max)
{
	FILE *f = fopen(path, "rb");
	char *text = f ? malloc(max + 1) : NULL;
	size_t n = text ? fread(text, 1, max + 1, f) : 0;
	if (f)
		fclose(f);
	if (!text || n == 0 || n > max) {
		free(text);
		return NULL;
	}
	text[n] = '\0';
	return text;
}

static bool parse_listen(const char *text, struct sockaddr_in *sin)
{
	char host[64];
	const char *colon = strrchr(text, ':');
	if (!colon || (size_t)(colon - text) >= sizeof host)
		return false;
	memcpy(host, text, (size_t)(colon - text));
	host[colon - text] = '\0';
	char *end = NULL;
	long port = strtol(colon + 1, &end, 10);
	memset(sin, 0, sizeof *sin);
	sin->sin_family = AF_INET;
	sin->sin_port = htons((uint16_t)port);
	return *end == '\0' && port >= 0 && port < 65536 &&
	       inet_pton(AF_INET, host[0] ? host : "0.0.0.0", &sin->sin_addr) == 1;
}

int serve_command(int argc, char **argv)
{
	const char *path = NULL, *listen = "127.0.0.1:8080", *keyfile = NULL;
	const char *cert = NULL, *certkey = NULL;
	for (int i = 0; i < argc; i++) {
		if (strcmp(argv[i], "--archive") == 0 && i + 1 < argc)
			path = argv[++i];
		else if (strcmp(argv[i], "--listen") == 0 && i + 1 < argc)
			listen = argv[++i];
		else if (strcmp(argv[i], "--key") == 0 && i + 1 < argc)
			keyfile = argv[++i];
		else if (strcmp(argv[i], "--tls-cert") == 0 && i + 1 < argc)
			cert = argv[++i];
		else if (strcmp(argv[i], "--tls-key") == 0 && i + 1 < argc)
			certkey = argv[++i];
		else
			return cli_fail("unknown or incomplete argument %s (see cop-sync --help)", argv[i]);
	}
	if (!path)
		return cli_fail("%s", "serve needs --archive PATH (see cop-sync --help)");
	if (!cert != !certkey)
		return cli_fail("%s", "--tls-cert and --tls-key go together");
	struct sockaddr_in sin;
	if (!parse_listen(listen, &sin))
		return cli_fail("bad --listen %s: give ADDRESS:PORT, e.g. 127.0.0.1:8080", listen);
	if (sodium_init() < 0)
		return cli_fail("%s", "libsodium cannot start");

	static serve_server srv; /* the receivers are large: not on the stack */
	char err[512];
	int rc = 1;
	char *cert_pem = NULL, *key_pem = NULL;
	struct MHD_Daemon *d = NULL;
	pthread_mutex_init(&srv.lock, NULL);
	if (keyfile) {
		if (cli_read_key(keyfile, srv.key) != 0)
			return 1;
		srv.keyed = true;
	}
	if (cert) {
		if (!MHD_is_feature_supported(MHD_FEATURE_TLS))
			return cli_fail("%s", "this libmicrohttpd has no TLS: serve behind a proxy instead");
		if (!(cert_pem = slurp(cert, 1 << 20))) {
			rc = cli_fail("cannot read the certificate %s", cert);
			goto out;
		}
		if (!(key_pem = slurp(certkey, 1 << 20))) {
			rc = cli_fail("cannot read the certificate's key %s", certkey);
			goto out;
		}
		srv.tls = true;
	}
	if (archive_open(path, &srv.arc, err, sizeof err) != ARCHIVE_OK) {
		rc = cli_fail("%s", err);
		goto out;
	}
	if (auth_init(&srv) != 0) {
		rc = cli_fail("%s", "out of memory");
		goto out;
	}
	unsigned char id[8];
	randombytes_buf(id, sizeof id);
	sodium_bin2hex(srv.epoch, sizeof srv.epoch, id, sizeof id);

	/* SIGTERM and SIGINT are waited for below, not delivered: every thread
	 * started from here on inherits the mask. */
	sigset_t stop;
	sigemptyset(&stop);
	sigaddset(&stop, SIGTERM);
	sigaddset(&stop, SIGINT);
	pthread_sigmask(SIG_BLOCK, &stop, NULL);
	signal(SIGPIPE, SIG_IGN);

	unsigned flags = MHD_USE_INTERNAL_POLLING_THREAD | MHD_USE_AUTO | MHD_USE_ERROR_LOG;
	if (srv.tls)
		flags |= MHD_USE_TLS;
	d = MHD_start_daemon(
		flags, 0, NULL, NULL, on_request, &srv, MHD_OPTION_SOCK_ADDR, (struct sockaddr *)&sin,
		MHD_OPTION_THREAD_POOL_SIZE, 4u, MHD_OPTION_CONNECTION_TIMEOUT, 30u,
		MHD_OPTION_CONNECTION_LIMIT, 512u, MHD_OPTION_PER_IP_CONNECTION_LIMIT, 128u,
		MHD_OPTION_CONNECTION_MEMORY_LIMIT, (size_t)(64u << 10),
		MHD_OPTION_NOTIFY_COMPLETED, on_completed, NULL,
		srv.tls ? MHD_OPTION_HTTPS_MEM_CERT : MHD_OPTION_END, cert_pem,
		MHD_OPTION_HTTPS_MEM_KEY, key_pem, MHD_OPTION_END);
	if (!d) {
		rc = cli_fail("cannot listen on %s (in use, or not this machine's address?)", listen);
		goto out;
	}
	/* The port the system gave, for --listen ADDRESS:0. */
	const union MHD_DaemonInfo *di = MHD_get_daemon_info(d, MHD_DAEMON_INFO_BIND_PORT);
	char host[INET_ADDRSTRLEN];
	inet_ntop(AF_INET, &sin.sin_addr, host, sizeof host);
	char shown[512];
	archive_shown(path, shown, sizeof shown);
	fprintf(stderr, "cop-sync: the online space is at %s://%s:%u/ (archive %s%s)\n",
	        srv.tls ? "https" : "http", host, di ? (unsigned)di->port : ntohs(sin.sin_port),
	        shown, srv.keyed ? ", with its key" : "");
	int sig = 0;
	while (sigwait(&stop, &sig) != 0)
		;
	fprintf(stderr, "cop-sync: stopping (signal %d): finishing the requests under way\n", sig);
	MHD_quiesce_daemon(d);
	/* Answers under way (a receipt, say) get up to five seconds to leave;
	 * then the connections still open, idle ones included, are closed. */
	for (int i = 0; i < 50; i++) {
		const union MHD_DaemonInfo *open = MHD_get_daemon_info(d, MHD_DAEMON_INFO_CURRENT_CONNECTIONS);
		if (!open || open->num_connections == 0)
			break;
		struct timespec tenth = {0, 100000000};
		nanosleep(&tenth, NULL);
	}
	rc = 0;
out:
	/* Waits for the requests under way: an import in progress is committed. */
	if (d)
		MHD_stop_daemon(d);
	for (size_t i = 0; i < srv.nreceivers; i++)
		receiver_free(srv.receivers[i].recv);
	archive_close(srv.arc);
	sodium_memzero(srv.key, sizeof srv.key);
	free(cert_pem);
	if (key_pem)
		sodium_memzero(key_pem, strlen(key_pem));
	free(key_pem);
	if (rc == 0)
		fputs("cop-sync: stopped\n", stderr);
	return rc;
}
