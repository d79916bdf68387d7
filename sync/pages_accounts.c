/* pages_accounts: an admin's Accounts page — the accounts of the communities
 * they administer with their roles; adding an account, giving, changing or
 * taking away a role. Every string reaches HTML through html_add's %s. */
#include "serve.h"

#include <microhttpd.h>
#include <sodium.h>
#include <stdio.h>
#include <string.h>

#define COMMUNITY_MAX 256
#define PASSWORD_FIELD_MAX 1100

static const char *const roles[] = {"keeper", "friend", "admin"};
static const char *const role_words[] = {"Keeper", "Critical friend", "Admin"};

/* What a form sent back with a problem: which form and field, what to say,
 * and what was typed (never a password). */
typedef struct {
	const char *form;   /* "add" or "role"; NULL: no problem */
	const char *field;  /* the id of the field at fault */
	char message[400];
	char name[ARCHIVE_NAME_MAX], community[COMMUNITY_MAX], role[16];
} account_form;

static const char *role_word(const char *role)
{
	for (size_t i = 0; i < 3; i++)
		if (strcmp(role, roles[i]) == 0)
			return role_words[i];
	return role;
}

/* A community as a heading names it ("Every community" for "*"); in a
 * sentence (lower true) "every community". */
static const char *community_word(const char *community, bool lower)
{
	if (strcmp(community, "*") != 0)
		return community;
	return lower ? "every community" : "Every community";
}

/* The role choices, the one given selected. */
static void role_options(html *h, const char *selected)
{
	for (size_t i = 0; i < 3; i++)
		html_add(h, "<option value=\"%h\"%h>%h</option>", roles[i],
		         strcmp(selected, roles[i]) == 0 ? " selected" : "", role_words[i]);
}

typedef struct {
	html *h;
	const char *csrf;
	char community[COMMUNITY_MAX]; /* the one whose section is open */
	bool open;
	int n;                         /* rows so far: each role choice's id */
} member_list;

static void member_item(const archive_member_row *m, void *ctx)
{
	member_list *l = ctx;
	if (!l->open || strcmp(l->community, m->community) != 0) {
		html_add(l->h, "%h<h3>%s</h3><dl class=\"app-summary-list\">", l->open ? "</dl>" : "",
		         community_word(m->community, false));
		snprintf(l->community, sizeof l->community, "%s", m->community);
		l->open = true;
	}
	html_add(l->h,
	         "<div><dt>%s</dt><dd><p>%s</p>"
	         "<form class=\"app-inline-form\" method=\"post\" action=\"/accounts/role\">"
	         "<input type=\"hidden\" name=\"csrf\" value=\"%s\">"
	         "<input type=\"hidden\" name=\"name\" value=\"%s\">"
	         "<input type=\"hidden\" name=\"community\" value=\"%s\">"
	         "<label class=\"app-visually-hidden\" for=\"role-%d\">Role of %s</label>"
	         "<select class=\"app-input app-select\" id=\"role-%d\" name=\"role\">",
	         m->name, role_word(m->role), l->csrf, m->name, m->community, l->n, m->name, l->n);
	l->n++;
	role_options(l->h, m->role);
	html_add(l->h,
	         "</select><button class=\"app-button app-button--secondary\">Change role</button>"
	         "</form><form method=\"post\" action=\"/accounts/role\">"
	         "<input type=\"hidden\" name=\"csrf\" value=\"%s\">"
	         "<input type=\"hidden\" name=\"name\" value=\"%s\">"
	         "<input type=\"hidden\" name=\"community\" value=\"%s\">"
	         "<input type=\"hidden\" name=\"role\" value=\"remove\">"
	         "<button class=\"app-button app-button--warning\">Remove %s from %s</button>"
	         "</form></dd></div>",
	         l->csrf, m->name, m->community, m->name, community_word(m->community, true));
}

typedef struct {
	html options;
	bool every;          /* the admin administers every community: any name may be typed */
	const char *chosen;  /* the community a form sent back had chosen ("" none) */
} admin_of;

static void admin_community(const char *community, void *ctx)
{
	admin_of *o = ctx;
	o->every |= strcmp(community, "*") == 0;
	html_add(&o->options, "<option value=\"%s\"%h>%s</option>", community,
	         strcmp(community, o->chosen) == 0 ? " selected" : "",
	         community_word(community, false));
}

/* A form group's opening: its label, hint and error message when it is at fault. */
static void group(html *h, const account_form *f, const char *form, const char *id,
                  const char *label, const char *hint)
{
	bool wrong = f->form && strcmp(f->form, form) == 0 && strcmp(f->field, id) == 0;
	html_add(h, "<div class=\"app-form-group%h\"><label class=\"app-label\" for=\"%s\">%s</label>",
	         wrong ? " app-form-group--error" : "", id, label);
	if (hint)
		html_add(h, "<p class=\"app-hint\" id=\"%s-hint\">%s</p>", id, hint);
	if (wrong)
		html_add(h, "<p class=\"app-error-message\" id=\"%s-error\">"
		            "<span class=\"app-visually-hidden\">Error:</span> %s</p>",
		         id, f->message);
}

/* The community field: a choice of the admin's communities, or any name for
 * an admin of every community. */
static void community_field(html *h, const admin_of *o, const account_form *f, const char *form,
                            const char *id)
{
	bool mine = f->form && strcmp(f->form, form) == 0;
	if (o->every) {
		group(h, f, form, id, "Community",
		      "Its name as the kiosk's events give it, or * for every community.");
		html_add(h, "<input class=\"app-input\" id=\"%s\" name=\"community\" type=\"text\" "
		            "value=\"%s\" aria-describedby=\"%s-hint\" required></div>",
		         id, mine ? f->community : "", id);
		return;
	}
	group(h, f, form, id, "Community", NULL);
	html_add(h, "<select class=\"app-input app-select\" id=\"%s\" name=\"community\">%h</select></div>",
	         id, o->options.text ? o->options.text : "");
}

static void role_field(html *h, const account_form *f, const char *form, const char *id)
{
	bool mine = f->form && strcmp(f->form, form) == 0;
	group(h, f, form, id, "Role",
	      "A keeper receives from kiosks and reads; a critical friend reads; an admin also "
	      "manages accounts.");
	html_add(h, "<select class=\"app-input app-select\" id=\"%s\" name=\"role\" "
	            "aria-describedby=\"%s-hint\">", id, id);
	role_options(h, mine && f->role[0] ? f->role : "keeper");
	html_add(h, "</select></div>");
}

static void add_form(html *h, serve_request *r, const admin_of *o, const account_form *f)
{
	bool mine = f->form && strcmp(f->form, "add") == 0;
	html_add(h, "<h2 id=\"add\">Add an account</h2><form method=\"post\" action=\"/accounts/add\" "
	            "novalidate><input type=\"hidden\" name=\"csrf\" value=\"%s\">", r->csrf);
	group(h, f, "add", "add-name", "User name", "1 to 64 characters, no spaces.");
	html_add(h, "<input class=\"app-input\" id=\"add-name\" name=\"name\" type=\"text\" value=\"%s\" "
	            "autocomplete=\"off\" autocapitalize=\"none\" spellcheck=\"false\" "
	            "aria-describedby=\"add-name-hint\" required></div>",
	         mine ? f->name : "");
	group(h, f, "add", "add-password", "First password",
	      "At least 10 characters. Give it to them in person; they sign in with it.");
	html_add(h, "<input class=\"app-input\" id=\"add-password\" name=\"password\" type=\"password\" "
	            "autocomplete=\"new-password\" aria-describedby=\"add-password-hint\" required></div>");
	group(h, f, "add", "add-again", "The password again", NULL);
	html_add(h, "<input class=\"app-input\" id=\"add-again\" name=\"again\" type=\"password\" "
	            "autocomplete=\"new-password\" required></div>");
	community_field(h, o, f, "add", "add-community");
	role_field(h, f, "add", "add-role");
	html_add(h, "<button class=\"app-button\" type=\"submit\">Add the account</button></form>");
}

static void give_form(html *h, serve_request *r, const admin_of *o, const account_form *f)
{
	bool mine = f->form && strcmp(f->form, "role") == 0;
	html_add(h, "<h2 id=\"give\">Give an account a role</h2>"
	            "<p>An account of another community, say, that should read this one too.</p>"
	            "<form method=\"post\" action=\"/accounts/role\" novalidate>"
	            "<input type=\"hidden\" name=\"csrf\" value=\"%s\">", r->csrf);
	group(h, f, "role", "give-name", "User name", NULL);
	html_add(h, "<input class=\"app-input\" id=\"give-name\" name=\"name\" type=\"text\" value=\"%s\" "
	            "autocomplete=\"off\" autocapitalize=\"none\" spellcheck=\"false\" required></div>",
	         mine ? f->name : "");
	community_field(h, o, f, "role", "give-community");
	role_field(h, f, "role", "give-role");
	html_add(h, "<button class=\"app-button app-button--secondary\" type=\"submit\">Give the role"
	            "</button></form>");
}

/* The page, with the problem of a form sent (f->form set) or none. */
static void accounts_page(serve_request *r, unsigned status, const account_form *f)
{
	html h = {0}, members = {0};
	admin_of o = {{0}, false, f->form ? f->community : ""};
	member_list l = {&members, r->csrf, "", false, 0};
	char err[256];
	pthread_mutex_lock(&r->srv->lock);
	int rc = archive_members(r->srv->arc, r->user, member_item, &l, err, sizeof err);
	if (rc == ARCHIVE_OK)
		rc = archive_admin_communities(r->srv->arc, r->user, admin_community, &o, err, sizeof err);
	pthread_mutex_unlock(&r->srv->lock);
	if (rc != ARCHIVE_OK) {
		fprintf(stderr, "cop-sync: %s\n", err);
		serve_error(r, MHD_HTTP_INTERNAL_SERVER_ERROR, "Sorry, there is a problem",
		            "The online space could not read its accounts. Try again in a minute.");
		goto out;
	}
	if (f->form)
		html_add(&h,
		         "<div class=\"app-error-summary\" role=\"alert\" tabindex=\"-1\">"
		         "<h2>There is a problem</h2><ul><li><a href=\"#%s\">%s</a></li></ul></div>",
		         f->field, f->message);
	html_add(&h, "<h1>Accounts</h1><p class=\"app-lede\">The accounts of the communities you "
	             "administer, and their roles.</p><h2>Members</h2>%h%h",
	         members.text ? members.text : "<p>None yet.</p>", l.open ? "</dl>" : "");
	add_form(&h, r, &o, f);
	give_form(&h, r, &o, f);
	serve_page(r, status, f->form ? "Error: Accounts" : "Accounts", &h, NULL, NULL);
out:
	html_free(&h);
	html_free(&members);
	html_free(&o.options);
}

void page_accounts(serve_request *r)
{
	account_form f = {0};
	accounts_page(r, MHD_HTTP_OK, &f);
}

static void problem(serve_request *r, account_form *f, const char *field, const char *message)
{
	f->field = field;
	snprintf(f->message, sizeof f->message, "%s", message);
	accounts_page(r, MHD_HTTP_BAD_REQUEST, f);
}

static bool role_known(const char *role)
{
	for (size_t i = 0; i < 3; i++)
		if (strcmp(role, roles[i]) == 0)
			return true;
	return false;
}

/* Whether the signed-in admin administers community (else answered 403). */
static bool administers(serve_request *r, const char *community)
{
	bool admin = false;
	char err[256];
	pthread_mutex_lock(&r->srv->lock);
	int rc = archive_user_admins(r->srv->arc, r->user, community, &admin, err, sizeof err);
	pthread_mutex_unlock(&r->srv->lock);
	if (rc != ARCHIVE_OK) {
		fprintf(stderr, "cop-sync: %s\n", err);
		serve_error(r, MHD_HTTP_INTERNAL_SERVER_ERROR, "Sorry, there is a problem",
		            "The online space could not read its accounts. Try again in a minute.");
		return false;
	}
	if (!admin)
		serve_error(r, MHD_HTTP_FORBIDDEN, "Not your community",
		            "You manage the accounts of the communities you administer only.");
	return admin;
}

/* The fields both forms send: name, community, role. False if one is missing. */
static bool read_fields(serve_request *r, account_form *f)
{
	return serve_form(r, "name", f->name, sizeof f->name) &&
	       serve_form(r, "community", f->community, sizeof f->community) &&
	       serve_form(r, "role", f->role, sizeof f->role);
}

/* POST /accounts/role: gives, changes (role keeper, friend or admin) or
 * takes away (role "remove") an account's role in a community. */
void page_account_role(serve_request *r)
{
	account_form f = {.form = "role"};
	char err[400];
	if (!read_fields(r, &f)) {
		serve_error(r, MHD_HTTP_BAD_REQUEST, "Not understood", "The form lacks a field.");
		return;
	}
	bool remove = strcmp(f.role, "remove") == 0;
	if (!f.name[0])
		{
		problem(r, &f, "give-name", "Enter the user name of the account");
		return;
	}
	if (!f.community[0])
		{
		problem(r, &f, "give-community", "Enter the community");
		return;
	}
	if (!remove && !role_known(f.role))
		{
		problem(r, &f, "give-role", "Choose keeper, critical friend or admin");
		return;
	}
	if (!administers(r, f.community))
		return;
	pthread_mutex_lock(&r->srv->lock);
	int rc = archive_member_change(r->srv->arc, f.name, f.community, remove ? NULL : f.role, err,
	                               sizeof err);
	pthread_mutex_unlock(&r->srv->lock);
	if (rc == ARCHIVE_OK) {
		serve_redirect(r, "/accounts", NULL);
		return;
	}
	if (rc == ARCHIVE_IO) {
		fprintf(stderr, "cop-sync: %s\n", err);
		serve_error(r, MHD_HTTP_INTERNAL_SERVER_ERROR, "Sorry, there is a problem",
		            "The online space could not store the change. Try again in a minute.");
		return;
	}
	/* The archive's words, as a sentence. */
	if (err[0] >= 'a' && err[0] <= 'z' && strncmp(err, f.name, strlen(f.name)) != 0)
		err[0] = (char)(err[0] - 'a' + 'A');
	problem(r, &f, "give-name", err);
}

/* The account's password, checked and hashed; false when answered. */
static bool new_password(serve_request *r, account_form *f, char hash[SERVE_HASH_MAX])
{
	char password[PASSWORD_FIELD_MAX], again[PASSWORD_FIELD_MAX];
	bool sent = serve_form(r, "password", password, sizeof password) &&
	            serve_form(r, "again", again, sizeof again);
	const char *why = NULL, *field = "add-password";
	if (!sent || !password[0])
		why = "Enter a first password";
	else if (strcmp(password, again) != 0) {
		why = "The two passwords are not the same: type it twice";
		field = "add-again";
	} else
		why = auth_hash_password(password, hash);
	sodium_memzero(password, sizeof password);
	sodium_memzero(again, sizeof again);
	if (why)
		problem(r, f, field, why);
	return !why;
}

/* POST /accounts/add: a new account with its first password and a role in
 * one of the admin's communities. */
void page_account_add(serve_request *r)
{
	account_form f = {.form = "add"};
	char hash[SERVE_HASH_MAX], err[400];
	if (!read_fields(r, &f)) {
		serve_error(r, MHD_HTTP_BAD_REQUEST, "Not understood", "The form lacks a field.");
		return;
	}
	if (!auth_name_ok(f.name))
		{
		problem(r, &f, "add-name", "Enter a user name of 1 to 64 characters, with no spaces");
		return;
	}
	if (!f.community[0])
		{
		problem(r, &f, "add-community", "Enter the community");
		return;
	}
	if (!role_known(f.role))
		{
		problem(r, &f, "add-role", "Choose keeper, critical friend or admin");
		return;
	}
	if (!administers(r, f.community))
		return;
	/* Hashing takes a moment and much memory: outside the lock. */
	if (!new_password(r, &f, hash))
		return;
	pthread_mutex_lock(&r->srv->lock);
	int rc = archive_user_add(r->srv->arc, f.name, hash, err, sizeof err);
	if (rc == ARCHIVE_OK) {
		rc = archive_member_change(r->srv->arc, f.name, f.community, f.role, err, sizeof err);
		if (rc != ARCHIVE_OK)
			archive_user_remove(r->srv->arc, f.name, NULL, 0);
	}
	pthread_mutex_unlock(&r->srv->lock);
	sodium_memzero(hash, sizeof hash);
	if (rc == ARCHIVE_INVALID) {
		snprintf(err, sizeof err, "There is already an account %s: give it a role below instead",
		         f.name);
		{
		problem(r, &f, "add-name", err);
		return;
	}
	}
	if (rc != ARCHIVE_OK) {
		fprintf(stderr, "cop-sync: %s\n", err);
		serve_error(r, MHD_HTTP_INTERNAL_SERVER_ERROR, "Sorry, there is a problem",
		            "The online space could not add the account. Try again in a minute.");
		return;
	}
	serve_redirect(r, "/accounts", NULL);
}
