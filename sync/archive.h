/* archive: cop-sync's own database of every record it has imported — an
 * SQLite file (the default) or a PostgreSQL database shared by several
 * cop-sync processes; separate from any kiosk's database. Its SQL lives in
 * archive.c, archive_accounts.c and archive_pages.c, one dialect for both
 * engines (archive_sqlite.c, archive_pg.c). */
#ifndef ARCHIVE_H
#define ARCHIVE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdio.h>

#include "sync.h"

typedef struct archive archive;

/* Status codes of the archive_ functions. */
enum {
	ARCHIVE_OK = 0,
	ARCHIVE_INVALID,   /* an argument refused (unknown export format) */
	ARCHIVE_CORRUPT,   /* not a cop-sync archive, or damaged */
	ARCHIVE_IO,        /* cannot open, read or write; busy; full disk */
	ARCHIVE_REFUSED    /* a batch not imported: not its kiosk's, or the kiosk refused */
};

/* What one import did to the archive. */
typedef struct {
	size_t added;      /* gids the archive did not hold */
	size_t updated;    /* held with a lower "changed": replaced */
	size_t unchanged;  /* held with the same or a higher "changed": kept */
} archive_counts;

/* Whether where names a PostgreSQL database ("postgresql://...", libpq's
 * URI; "postgresql://" alone takes everything from the PG* environment)
 * rather than an SQLite file. */
bool archive_is_server(const char *where);

/* where as it may be shown (a log, a message): a PostgreSQL URI without its
 * password (user:PASSWORD@ and password=PASSWORD become user@ and
 * password=...). Always NUL-terminated in out. */
void archive_shown(const char *where, char *out, size_t outlen);

/* Opens (creating if absent, migrating if older) the archive at where: a file
 * path, or a PostgreSQL URI. On ARCHIVE_OK *out owns the handle
 * (archive_close), which one process's threads may share; otherwise *out is
 * NULL and err holds one line. A file or database that is not a cop-sync
 * archive is never modified, nor one of a newer schema. */
int archive_open(const char *where, archive **out, char *err, size_t errlen);

/* Closes the handle; NULL is accepted. */
void archive_close(archive *a);

/* Imports every record of the batch in one transaction, as upserts on gid (a
 * record whose "changed" is not above the stored one leaves it as it is), and
 * notes the batch with its receipt. All or nothing: on failure nothing changed
 * and err holds one line. ARCHIVE_REFUSED when a record is not the batch's
 * kiosk's own, the kiosk was refused, or its key was pinned (at its first
 * signed batch) and this batch is not signed with it; or, with user set (the
 * online space's), when a record is of an event of a community that user
 * does not keep (keeper or admin). */
int archive_import(archive *a, const char *user, const sync_batch *b, archive_counts *counts,
                   char *err, size_t errlen);

/* Who reads: every archive_ function that takes `user` shows only what
 * belongs to that user's communities (an event's "community"; a member seen
 * at one of their events); user NULL: everything (the command line).
 *
 * Writes an export to out: "csv" (one event's attendance, in the same bytes as
 * the kiosk's `cop-kiosk export --format csv` of that event), "mailchimp"
 * (opted-in people), "markdown" (a report per event) or "json" (everything).
 * event: an event's gid, or NULL: for csv the newest event (latest start), for
 * markdown every event; it must be NULL for mailchimp and json. Returns
 * ARCHIVE_OK, ARCHIVE_INVALID (unknown format or event) or ARCHIVE_IO, with one
 * line in err. */
int archive_export(archive *a, const char *user, const char *format, const char *event,
                   FILE *out, char *err, size_t errlen);

/* Writes the quarterly measures of the calendar quarter named "YYYYQn" (n 1..4;
 * NULL: the quarter of the newest event's start) to out as plain text: events
 * starting in it, standing check-ins at them, people on the mailing list and
 * their organisations at the quarter's end (now, when member records carry no
 * creation time), each with its change since the quarter before. An empty
 * archive gets one line saying so. Returns ARCHIVE_OK, ARCHIVE_INVALID (a bad
 * quarter; no quarter given and no event with a start) or ARCHIVE_IO, with one
 * line in err. */
int archive_report(archive *a, const char *user, const char *quarter, FILE *out, char *err,
                   size_t errlen);

/* The measures archive_report prints, for a page. */
enum { ARCHIVE_M_EVENTS, ARCHIVE_M_ATTENDEES, ARCHIVE_M_PEOPLE, ARCHIVE_M_ORGS, ARCHIVE_MEASURES };
typedef struct {
	bool empty;        /* the archive holds no records: nothing else is set */
	bool timed;        /* the mailing list can be dated (else: today's, both columns) */
	char name[32];     /* "2026Q4" */
	char start[32];    /* its first day, "2026-10-01" */
	char end[32];      /* the day after its last, "2027-01-01" */
	char prev[32];     /* the quarter before, "2026Q3" */
	long now[ARCHIVE_MEASURES], before[ARCHIVE_MEASURES];
} archive_quarter;

/* Fills *out for the quarter named "YYYYQn" (NULL: the newest event's), with
 * the same errors as archive_report. */
int archive_measures(archive *a, const char *user, const char *quarter, archive_quarter *out,
                     char *err, size_t errlen);

/* ---- accounts of the online space (archive_accounts.c) ---------------------- */

#define ARCHIVE_NAME_MAX 65   /* user names: 1-64 bytes and NUL */
#define ARCHIVE_TOKEN_MAX 65  /* session token hashes and CSRF tokens: hex and NUL */

/* Adds a user with a password hash (libsodium's crypto_pwhash_str form).
 * ARCHIVE_INVALID if the name is taken. */
int archive_user_add(archive *a, const char *name, const char *hash, char *err, size_t errlen);

/* Removes a user and ends their sessions. ARCHIVE_INVALID if there is none. */
int archive_user_remove(archive *a, const char *name, char *err, size_t errlen);

/* Calls each(name, created, roles, ctx) for every user, by name; roles says
 * their communities ("keeper of A, friend of B"; "admin of every community"). */
int archive_user_list(archive *a,
                      void (*each)(const char *name, long long created, const char *roles,
                                   void *ctx),
                      void *ctx, char *err, size_t errlen);

/* Makes user name a member of community ("*": every community) with role
 * "keeper", "friend" (both read) or "admin" (also manages accounts), in
 * place of any role they had there. ARCHIVE_INVALID: no such user or role. */
int archive_member_set(archive *a, const char *name, const char *community, const char *role,
                       char *err, size_t errlen);

/* Whether user name is an admin of community (of it or of every one, "*");
 * community NULL: of any community. */
int archive_user_admins(archive *a, const char *name, const char *community, bool *admin,
                        char *err, size_t errlen);

/* One membership, as the accounts page lists it. */
typedef struct {
	const char *name, *community, *role;
} archive_member_row;

/* Calls each(row, ctx) for every membership in a community that admin
 * administers (all of them for an admin of "*"), by community ("*" first),
 * then name. */
int archive_members(archive *a, const char *admin,
                    void (*each)(const archive_member_row *, void *), void *ctx, char *err,
                    size_t errlen);

/* Calls each(community, ctx) for every community admin administers by name
 * ("*" first when they administer every one). */
int archive_admin_communities(archive *a, const char *admin,
                              void (*each)(const char *community, void *), void *ctx, char *err,
                              size_t errlen);

/* Gives user name role in community in place of any role they had there
 * (role NULL: removes them from it), in one transaction that keeps the
 * community administered: ARCHIVE_REFUSED (err says why) when it would take
 * away the last admin role of community (an admin of every community counts).
 * ARCHIVE_INVALID: no such user, role or membership to remove. */
int archive_member_change(archive *a, const char *name, const char *community, const char *role,
                          char *err, size_t errlen);

/* Whether user name may receive batches and refuse kiosks: a keeper or an
 * admin of some community (a critical friend only reads). */
int archive_user_keeps(archive *a, const char *name, bool *keeps, char *err, size_t errlen);

/* The password hash of a user into hash (hashlen bytes). ARCHIVE_INVALID if
 * there is no such user. */
int archive_user_hash(archive *a, const char *name, char *hash, size_t hashlen, char *err,
                      size_t errlen);

/* Stores a session of user, found again by token_hash, with its CSRF token. */
int archive_session_add(archive *a, const char *token_hash, const char *user, const char *csrf,
                        long long now, char *err, size_t errlen);

/* The user and CSRF token of a session last seen after `since`; marks it seen
 * at now. ARCHIVE_INVALID if there is none (or it has lapsed: then it is gone). */
int archive_session_get(archive *a, const char *token_hash, long long since, long long now,
                        char user[ARCHIVE_NAME_MAX], char csrf[ARCHIVE_TOKEN_MAX], char *err,
                        size_t errlen);

/* Ends a session (none is fine). */
int archive_session_end(archive *a, const char *token_hash, char *err, size_t errlen);

/* Sign-in limits by key ("user:NAME", "addr:ADDRESS"): *next_try is the time
 * before which no try is checked (0 if none), *failures the failures in a row. */
int archive_signin_get(archive *a, const char *key, long long *failures, long long *next_try,
                       char *err, size_t errlen);
/* Notes a failure; the next try is allowed at next_try. */
int archive_signin_failed(archive *a, const char *key, long long next_try, char *err,
                          size_t errlen);
/* Forgets a key's failures (after a right password). */
int archive_signin_clear(archive *a, const char *key, char *err, size_t errlen);

/* ---- what the online space's pages show (archive_pages.c) -------------------
 * Each calls each(row, ctx) once a row; the row's strings last for that call. */

typedef struct {
	const char *gid, *title, *starts, *venue, *community;
	long people;     /* standing check-ins */
	long newcomers;  /* of them, first standing check-ins (as the attendance CSV says) */
	long notes, answers;
} archive_event_row;

/* Every event, newest start first (events without a start last), or only the
 * one whose gid is given (none: no call). */
int archive_events(archive *a, const char *user, const char *gid,
                   void (*each)(const archive_event_row *, void *), void *ctx, char *err,
                   size_t errlen);

typedef struct {
	const char *kiosk, *last_batch;
	long long last_at;  /* Unix time the last batch was imported */
	long batches, records;
	const char *signer; /* hex of its pinned signing key, "" if it signs none */
	bool refused;       /* a keeper refused it: its batches are not imported */
	long long pinned_at;     /* Unix time its key was pinned (its first signed batch) */
	const char *approved_by; /* the admin who approved its key, "" if none yet */
	long long approved_at;   /* when */
} archive_kiosk_row;

/* The kiosks that have synced (an event of the user's communities), the
 * most recent first. */
int archive_kiosks(archive *a, const char *user, void (*each)(const archive_kiosk_row *, void *),
                   void *ctx, char *err, size_t errlen);

/* Refuses a kiosk's batches from now on (refused true), or trusts it again.
 * ARCHIVE_INVALID if the archive has not seen that kiosk (of user's
 * communities); ARCHIVE_REFUSED if it is new (its key not yet approved) and
 * user is not its admin: approving or refusing it is an admin's
 * (archive_kiosk_decide). */
int archive_kiosk_refuse(archive *a, const char *user, const char *kiosk, bool refused, char *err,
                         size_t errlen);

/* An admin's decision on a kiosk whose key was pinned on first use: approve
 * (notes who and when; its batches were taken all along) or refuse (its
 * batches are not taken from now on). ARCHIVE_INVALID if no such kiosk of a
 * community admin administers waits (approve: signed, not yet approved nor
 * refused). */
int archive_kiosk_decide(archive *a, const char *admin, const char *kiosk, bool approve,
                         char *err, size_t errlen);

/* What the attendance at an event is counted by. */
typedef enum { ARCHIVE_BY_ORGANISATION, ARCHIVE_BY_PROFESSION, ARCHIVE_BY_ROLE } archive_by;

/* An event's standing check-ins counted by organisation, profession or role
 * (label "" when not given), most first; and *optins, the mailing-list opt-ins
 * among them (may be NULL). */
int archive_attendance(archive *a, const char *event, archive_by by,
                       void (*each)(const char *label, long count, void *), void *ctx,
                       long *optins, char *err, size_t errlen);

typedef struct {
	int kind;           /* 0 going well, 1 to be improved, 2 the third kind */
	const char *item;   /* the agenda item's title, "" if none */
	const char *body, *theme; /* theme "" if none */
	long group_size;
} archive_note_row;

/* An event's post-its by agenda item (in agenda order; none last), then kind,
 * then theme. */
int archive_notes(archive *a, const char *event, void (*each)(const archive_note_row *, void *),
                  void *ctx, char *err, size_t errlen);

typedef struct {
	const char *gid, *text, *choices; /* choices: one a line (kind 3) */
	int kind;                         /* 0 scale, 1 word, 2 text, 3 choice */
	long answers;
	double mean;                      /* of scale answers (kind 0) */
} archive_prompt_row;

/* The prompts answered at an event, in the order first answered. */
int archive_prompts(archive *a, const char *event,
                    void (*each)(const archive_prompt_row *, void *), void *ctx, char *err,
                    size_t errlen);

/* How answers to a prompt at an event are grouped. */
typedef enum { ARCHIVE_ALL, ARCHIVE_BY_ITEM, ARCHIVE_BY_ACTIVITY } archive_group;

/* The answers to a prompt at an event: for each group (the agenda item's title,
 * or the activity's number as text, "" for none; "" for ARCHIVE_ALL) each
 * value_int with its count (value -1: text answers, counted as one group), in
 * agenda order then value. */
int archive_answers(archive *a, const char *event, const char *prompt, archive_group group,
                    void (*each)(const char *group, long value, long count, void *),
                    void *ctx, char *err, size_t errlen);

/* The text answers to a prompt at an event: one-word answers folded to lower
 * case with their count (most first), or (texts true) every text as given. */
int archive_texts(archive *a, const char *event, const char *prompt, bool texts,
                  void (*each)(const char *text, long count, void *), void *ctx, char *err,
                  size_t errlen);

/* Words of post-its and one-word answers that recur at two or more events,
 * with the number of events, most first then alphabetical; words under four
 * letters and common English words left out. At most max words. */
int archive_recurring_words(archive *a, const char *user, int max,
                            void (*each)(const char *word, long events, void *), void *ctx,
                            char *err, size_t errlen);

#endif
