/* archive_accounts: the online space's users, their communities and roles,
 * sessions and sign-in limits. */
#include "archive_internal.h"

#include <stdio.h>
#include <string.h>
#include <time.h>

/* Runs one statement that returns no row, its parameters as text; sets
 * *changes to the rows it changed (if not NULL). */
static int exec_one(archive *a, const char *sql, int n, const char *const *args, long *changes)
{
	return archive_run(a, sql, n, args, NULL, NULL, changes);
}

static int failed(archive *a, const char *what, char *err, size_t errlen)
{
	sync_say(err, errlen, "cannot %s: %s", what, a->msg);
	return ARCHIVE_IO;
}

/* A Unix time as text. */
typedef struct {
	char s[24];
} stamp;

static stamp stamp_of(long long t)
{
	stamp s;
	snprintf(s.s, sizeof s.s, "%lld", t);
	return s;
}

int archive_user_add(archive *a, const char *name, const char *hash, char *err, size_t errlen)
{
	stamp now = stamp_of((long long)time(NULL));
	const char *args[] = {name, hash, now.s};
	int rc = exec_one(a, "INSERT INTO users (name, hash, created) VALUES ($1, $2, $3)", 3, args,
	                  NULL);
	if (rc == ARCHIVE_TAKEN) {
		sync_say(err, errlen, "there is already a user %s", name);
		return ARCHIVE_INVALID;
	}
	return rc == ARCHIVE_OK ? ARCHIVE_OK : failed(a, "add the user", err, errlen);
}

int archive_user_remove(archive *a, const char *name, char *err, size_t errlen)
{
	const char *args[] = {name};
	long changes = 0;
	/* The sessions go with the user (ON DELETE CASCADE). */
	if (exec_one(a, "DELETE FROM users WHERE name = $1", 1, args, &changes) != ARCHIVE_OK)
		return failed(a, "remove the user", err, errlen);
	if (changes == 0) {
		sync_say(err, errlen, "there is no user %s", name);
		return ARCHIVE_INVALID;
	}
	return ARCHIVE_OK;
}

typedef struct {
	void (*each)(const char *name, long long created, const char *roles, void *ctx);
	void *ctx;
} users_call;

/* Each user's roles in one line, joined in C (no aggregate both engines
 * order alike): the rows come by user, then community. */
typedef struct {
	users_call call;
	char name[ARCHIVE_NAME_MAX];
	long long created;
	char roles[1024];
} roles_line;

static void roles_flush(roles_line *l)
{
	if (l->name[0])
		l->call.each(l->name, l->created, l->roles[0] ? l->roles : "no community", l->call.ctx);
	l->name[0] = l->roles[0] = '\0';
}

static void role_row(const archive_row *row, void *p)
{
	roles_line *l = p;
	if (strcmp(l->name, archive_text(row, 0)) != 0) {
		roles_flush(l);
		snprintf(l->name, sizeof l->name, "%s", archive_text(row, 0));
		l->created = archive_int(row, 1);
	}
	const char *role = archive_text(row, 2), *community = archive_text(row, 3);
	if (!*role)
		return;
	size_t n = strlen(l->roles);
	snprintf(l->roles + n, sizeof l->roles - n, "%s%s of %s", n ? ", " : "", role,
	         strcmp(community, "*") == 0 ? "every community" : community);
}

int archive_user_list(archive *a,
                      void (*each)(const char *name, long long created, const char *roles,
                                   void *ctx),
                      void *ctx, char *err, size_t errlen)
{
	roles_line l = {{each, ctx}, "", 0, ""};
	int rc = archive_run(a,
	                     "SELECT u.name, u.created, coalesce(m.role, ''), coalesce(m.community, '')\n"
	                     "FROM users u LEFT JOIN memberships m ON m.name = u.name\n"
	                     "ORDER BY u.name, m.community = '*' DESC, m.community",
	                     0, NULL, role_row, &l, NULL);
	if (rc != ARCHIVE_OK)
		return failed(a, "list the users", err, errlen);
	roles_flush(&l);
	return ARCHIVE_OK;
}

int archive_member_set(archive *a, const char *name, const char *community, const char *role,
                       char *err, size_t errlen)
{
	if (strcmp(role, "keeper") != 0 && strcmp(role, "friend") != 0 && strcmp(role, "admin") != 0) {
		sync_say(err, errlen, "there is no role %s: keeper, friend or admin", role);
		return ARCHIVE_INVALID;
	}
	const char *args[] = {name, community, role};
	long changes = 0;
	if (exec_one(a,
	             "INSERT INTO memberships (name, community, role)\n"
	             "SELECT name, CAST($2 AS TEXT), CAST($3 AS TEXT) FROM users WHERE name = $1\n"
	             "ON CONFLICT (name, community) DO UPDATE SET role = excluded.role",
	             3, args, &changes) != ARCHIVE_OK)
		return failed(a, "note the community", err, errlen);
	if (changes == 0) {
		sync_say(err, errlen, "there is no user %s", name);
		return ARCHIVE_INVALID;
	}
	return ARCHIVE_OK;
}

int archive_user_keeps(archive *a, const char *name, bool *keeps, char *err, size_t errlen)
{
	const char *args[] = {name};
	long long n = 0;
	*keeps = false;
	if (archive_count(a,
	                  "SELECT count(*) FROM memberships WHERE name = $1\n"
	                  "	AND role IN ('keeper', 'admin')",
	                  1, args, &n) != ARCHIVE_OK)
		return failed(a, "read the user's roles", err, errlen);
	*keeps = n > 0;
	return ARCHIVE_OK;
}

/* A row's first column into a buffer, and that there was a row. */
typedef struct {
	char *text;
	size_t len;
	bool found;
} one_text;

static void text_row(const archive_row *row, void *p)
{
	one_text *t = p;
	snprintf(t->text, t->len, "%s", archive_text(row, 0));
	t->found = true;
}

int archive_user_hash(archive *a, const char *name, char *hash, size_t hashlen, char *err,
                      size_t errlen)
{
	one_text t = {hash, hashlen, false};
	const char *args[] = {name};
	if (archive_run(a, "SELECT hash FROM users WHERE name = $1", 1, args, text_row, &t, NULL) !=
	    ARCHIVE_OK)
		return failed(a, "read the user", err, errlen);
	if (!t.found) {
		sync_say(err, errlen, "there is no user %s", name);
		return ARCHIVE_INVALID;
	}
	return ARCHIVE_OK;
}

int archive_session_add(archive *a, const char *token_hash, const char *user, const char *csrf,
                        long long now, char *err, size_t errlen)
{
	stamp at = stamp_of(now);
	const char *args[] = {token_hash, user, csrf, at.s};
	if (exec_one(a,
	             "INSERT INTO sessions (token_hash, \"user\", csrf, created, seen)\n"
	             "VALUES ($1, $2, $3, $4, $4)",
	             4, args, NULL) != ARCHIVE_OK)
		return failed(a, "start the session", err, errlen);
	return ARCHIVE_OK;
}

typedef struct {
	char *user, *csrf;
	long long seen;
	bool found;
} session_read;

static void session_row(const archive_row *row, void *p)
{
	session_read *s = p;
	snprintf(s->user, ARCHIVE_NAME_MAX, "%s", archive_text(row, 0));
	snprintf(s->csrf, ARCHIVE_TOKEN_MAX, "%s", archive_text(row, 1));
	s->seen = archive_int(row, 2);
	s->found = true;
}

int archive_session_get(archive *a, const char *token_hash, long long since, long long now,
                        char user[ARCHIVE_NAME_MAX], char csrf[ARCHIVE_TOKEN_MAX], char *err,
                        size_t errlen)
{
	session_read s = {user, csrf, 0, false};
	const char *args[] = {token_hash};
	if (archive_run(a, "SELECT \"user\", csrf, seen FROM sessions WHERE token_hash = $1", 1, args,
	                session_row, &s, NULL) != ARCHIVE_OK)
		return failed(a, "read the session", err, errlen);
	if (!s.found)
		return ARCHIVE_INVALID;
	if (s.seen < since) {
		archive_session_end(a, token_hash, err, errlen);
		return ARCHIVE_INVALID;
	}
	/* Written at most once a minute: a page view need not write the archive. */
	if (now - s.seen >= 60) {
		stamp at = stamp_of(now);
		const char *up[] = {token_hash, at.s};
		if (exec_one(a, "UPDATE sessions SET seen = CAST($2 AS BIGINT) WHERE token_hash = $1", 2,
		             up, NULL) != ARCHIVE_OK)
			return failed(a, "note the session", err, errlen);
	}
	return ARCHIVE_OK;
}

int archive_session_end(archive *a, const char *token_hash, char *err, size_t errlen)
{
	const char *args[] = {token_hash};
	if (exec_one(a, "DELETE FROM sessions WHERE token_hash = $1", 1, args, NULL) != ARCHIVE_OK)
		return failed(a, "end the session", err, errlen);
	return ARCHIVE_OK;
}

static void limits_row(const archive_row *row, void *p)
{
	long long *v = p;
	v[0] = archive_int(row, 0);
	v[1] = archive_int(row, 1);
}

int archive_signin_get(archive *a, const char *key, long long *failures, long long *next_try,
                       char *err, size_t errlen)
{
	long long v[2] = {0, 0};
	const char *args[] = {key};
	int rc = archive_run(a, "SELECT failures, next_try FROM signin_failures WHERE key = $1", 1,
	                     args, limits_row, v, NULL);
	*failures = v[0];
	*next_try = v[1];
	return rc == ARCHIVE_OK ? ARCHIVE_OK : failed(a, "read the sign-in limits", err, errlen);
}

/* One statement, so that failures noted by several servers at once all count. */
int archive_signin_failed(archive *a, const char *key, long long next_try, char *err,
                          size_t errlen)
{
	stamp next = stamp_of(next_try);
	const char *args[] = {key, next.s};
	if (exec_one(a,
	             "INSERT INTO signin_failures (key, failures, next_try) VALUES ($1, 1, $2)\n"
	             "ON CONFLICT (key) DO UPDATE SET failures = signin_failures.failures + 1,\n"
	             "	next_try = excluded.next_try",
	             2, args, NULL) != ARCHIVE_OK)
		return failed(a, "note the failed sign-in", err, errlen);
	return ARCHIVE_OK;
}

int archive_signin_clear(archive *a, const char *key, char *err, size_t errlen)
{
	const char *args[] = {key};
	if (exec_one(a, "DELETE FROM signin_failures WHERE key = $1", 1, args, NULL) != ARCHIVE_OK)
		return failed(a, "clear the sign-in limits", err, errlen);
	return ARCHIVE_OK;
}

int archive_user_admins(archive *a, const char *name, const char *community, bool *admin,
                        char *err, size_t errlen)
{
	const char *args[] = {name, community};
	long long n = 0;
	*admin = false;
	if (archive_count(a,
	                  "SELECT count(*) FROM memberships WHERE name = $1 AND role = 'admin'\n"
	                  "	AND (CAST($2 AS TEXT) IS NULL OR community IN ('*', $2))",
	                  2, args, &n) != ARCHIVE_OK)
		return failed(a, "read the user's roles", err, errlen);
	*admin = n > 0;
	return ARCHIVE_OK;
}

typedef struct {
	void (*each)(const archive_member_row *, void *);
	void *ctx;
} members_call;

static void member_row(const archive_row *row, void *p)
{
	members_call *c = p;
	archive_member_row m = {archive_text(row, 0), archive_text(row, 1), archive_text(row, 2)};
	c->each(&m, c->ctx);
}

int archive_members(archive *a, const char *admin,
                    void (*each)(const archive_member_row *, void *), void *ctx, char *err,
                    size_t errlen)
{
	members_call c = {each, ctx};
	const char *args[] = {admin};
	if (archive_run(a,
	                "SELECT m.name, m.community, m.role FROM memberships m\n"
	                "WHERE EXISTS (SELECT 1 FROM memberships ad WHERE ad.name = $1\n"
	                "	AND ad.role = 'admin' AND ad.community IN ('*', m.community))\n"
	                "ORDER BY m.community = '*' DESC, m.community, m.name",
	                1, args, member_row, &c, NULL) != ARCHIVE_OK)
		return failed(a, "list the accounts", err, errlen);
	return ARCHIVE_OK;
}

typedef struct {
	void (*each)(const char *community, void *);
	void *ctx;
} communities_call;

static void community_row(const archive_row *row, void *p)
{
	communities_call *c = p;
	c->each(archive_text(row, 0), c->ctx);
}

int archive_admin_communities(archive *a, const char *admin,
                              void (*each)(const char *community, void *), void *ctx, char *err,
                              size_t errlen)
{
	communities_call c = {each, ctx};
	const char *args[] = {admin};
	if (archive_run(a,
	                "SELECT community FROM memberships WHERE name = $1 AND role = 'admin'\n"
	                "ORDER BY community = '*' DESC, community",
	                1, args, community_row, &c, NULL) != ARCHIVE_OK)
		return failed(a, "list the communities", err, errlen);
	return ARCHIVE_OK;
}

/* Whether community keeps an admin once name's membership there is no longer
 * an admin's. */
static int other_admins(archive *a, const char *name, const char *community, long long *n)
{
	const char *args[] = {name, community};
	return archive_count(a,
	                     "SELECT count(*) FROM memberships WHERE role = 'admin'\n"
	                     "	AND community IN ('*', $2) AND NOT (name = $1 AND community = $2)",
	                     2, args, n);
}

static int change_in_tx(archive *a, const char *name, const char *community, const char *role,
                        char *err, size_t errlen)
{
	long long admins = 0;
	if (other_admins(a, name, community, &admins) != ARCHIVE_OK)
		return failed(a, "count the community's admins", err, errlen);
	bool admin = false;
	int rc = archive_user_admins(a, name, community, &admin, err, errlen);
	if (rc != ARCHIVE_OK)
		return rc;
	if (admin && admins == 0 && (!role || strcmp(role, "admin") != 0)) {
		sync_say(err, errlen,
		            "%s is the last admin of %s: make another account its admin first, so that "
		            "someone can still manage its accounts",
		            name, strcmp(community, "*") == 0 ? "every community" : community);
		return ARCHIVE_REFUSED;
	}
	if (role)
		return archive_member_set(a, name, community, role, err, errlen);
	const char *args[] = {name, community};
	long changes = 0;
	if (exec_one(a, "DELETE FROM memberships WHERE name = $1 AND community = $2", 2, args,
	             &changes) != ARCHIVE_OK)
		return failed(a, "remove the membership", err, errlen);
	if (changes == 0) {
		sync_say(err, errlen, "%s is not a member of %s", name, community);
		return ARCHIVE_INVALID;
	}
	return ARCHIVE_OK;
}

int archive_member_change(archive *a, const char *name, const char *community, const char *role,
                          char *err, size_t errlen)
{
	/* Serialised with every other change of the community's memberships, so
	 * that two admins stepping down at once cannot leave it with none. */
	char key[ARCHIVE_NAME_MAX + 300];
	snprintf(key, sizeof key, "memberships/%s", community);
	if (archive_begin(a, key) != ARCHIVE_OK)
		return failed(a, "start changing the accounts", err, errlen);
	int rc = change_in_tx(a, name, community, role, err, errlen);
	if (archive_end(a, rc == ARCHIVE_OK) != ARCHIVE_OK && rc == ARCHIVE_OK)
		rc = failed(a, "store the change", err, errlen);
	return rc;
}
