/* store_impl: what the store's own files (store_*.c) share — the struct, the
 * settings the store keeps for itself, and the helpers behind store.h. Nothing
 * outside kiosk/core/store_*.c includes it: the unit tests reach inside through
 * store_internal.h. */
#ifndef STORE_IMPL_H
#define STORE_IMPL_H

#include <stdbool.h>
#include <stdint.h>
#include <sys/types.h>

#include <sqlite3.h>

#include "lang.h"
#include "store.h"
#include "store_internal.h"
#include "sync.h"

#define KIOSK_ID_LEN 16     /* hex digits of the random kiosk id */
/* The longest prefix of a name word that member_prefixes holds, in characters:
 * a longer typed word reads the range of its first PREFIX_CHARS and checks the
 * rest in member_words. Migration 7 built the table with it, so it never
 * changes. */
#define PREFIX_CHARS 6
#define STRINGIFY_(x) #x
#define STRINGIFY(x) STRINGIFY_(x)
#define PREFIX_CHARS_SQL STRINGIFY(PREFIX_CHARS)
#define SCHEMA_PREFIXES 7   /* the migration that made member_prefixes */

/* Settings the store keeps for itself; store_setting_set_int refuses them. */
#define KEY_KIOSK "kiosk_id"
#define KEY_SEQ "seq"
#define KEY_CURRENT "current_event"
#define KEY_PIN "pin_hash"
#define KEY_PIN_FAILS "pin_fails"          /* wrong PINs since the last right one */
#define KEY_PIN_LOCKED "pin_locked_until"  /* the PIN pad's lock ends (seconds) */
#define KEY_PIN_RECOVERY "pin_recovery"    /* the recovery code's Argon2id hash */
#define KEY_CLOCK "clock_offset"
#define KEY_IDEA_LABEL "idea_label"        /* the third kind of note's name */
#define KEY_LANGUAGE "language"            /* the words' language, "cy" */
#define KEY_IDEA_HIDDEN "idea_hidden"      /* 1: the third kind is not offered */
#define KEY_PROMPT "prompt_running"        /* the running prompt's id */
#define KEY_PROMPT_EVENT "prompt_event"    /* ... the event it runs at */
#define KEY_PROMPT_ITEM "prompt_item"      /* ... its agenda item, or 0 */
#define KEY_ITEM_PREFIX "current_item:"    /* + event id: the chosen agenda item */
#define KEY_FORGOTTEN_PREFIX "forgotten:"  /* + a forgotten person's token (hex) */
#define KEY_SYNC_KEY "sync_pubkey"         /* the archive's public key, 64 hex digits */
#define KEY_SIGN "sign_key"                /* the kiosk's Ed25519 secret key, 128 hex digits */

#if defined(__GNUC__)
#define PRINTF_LIKE(f, a) __attribute__((format(printf, f, a)))
#else
#define PRINTF_LIKE(f, a)
#endif

struct store {
	sqlite3 *db;
	int64_t clock_offset;           /* seconds added to the system clock */
	char kiosk[KIOSK_ID_LEN + 1];
	unsigned char sign_key[SYNC_SIGN_SK_BYTES]; /* signs the kiosk's sync batches */
	char errmsg[512];
	bool batch;                     /* inside store_begin: records are savepoints */
	int schema;                     /* the migrations applied (store_open_at_version) */
	char path[4096];                /* the data file's name, as opened */
	dev_t dev;                      /* and the file it named then */
	ino_t ino;
};

/* ---- shared inside the store ----------------------------------------------------- */

/* The helpers the store's files share keep the short names they had in
 * store.c, so the code moved from it reads as it did and a function written
 * against store.c drops into its file unchanged; the linker sees them with
 * the module's prefix. */
#define set_msg store_set_msg
#define fail_db store_fail_db
#define tx_begin store_tx_begin
#define tx_end store_tx_end
#define next_seq store_next_seq
#define check_text store_check_text
#define query_int store_query_int
#define mark_row store_mark_row
#define bind_id_or_null store_bind_id_or_null
#define copy_column store_copy_column
#define setting_get_int store_setting_get_int
#define setting_get_text store_setting_get_text
#define setting_put_int store_setting_put_int
#define setting_put_text store_setting_put_text
#define setting_delete store_setting_delete
#define migrate_step store_migrate_step
#define event_from_row store_event_from_row
#define agenda_item_of_event store_agenda_item_of_event
#define note_from_row store_note_from_row
#define prompt_get store_prompt_get_any
#define check_member store_check_member
#define member_from_row store_member_from_row
#define prefix_len store_prefix_len
#define add_member store_add_member
#define split_query store_split_query
#define bind_words store_bind_words
#define each_record store_each_record
#define scrub_batches store_scrub_batches
#define record_arrays store_record_arrays
#define stmt_prepare store_stmt_prepare
#define stmt_run store_stmt_run
#define stmt_list store_stmt_list
#define stmt_rows store_stmt_rows
#define text_from_row store_text_from_row

/* store_db.c: messages, transactions, the record counter, statements. */

/* Keeps a one-line message for store_errmsg and returns status. */
int set_msg(store *s, int status, const char *fmt, ...) PRINTF_LIKE(3, 4);
/* An SQLite result code as a status and a reason; what says what did not happen. */
int fail_db(store *s, int src, const char *what);
/* Begins a transaction (a savepoint inside store_begin). */
int tx_begin(store *s, const char *what);
/* Commits when rc is STORE_OK, otherwise rolls back; returns the final status. */
int tx_end(store *s, int rc, const char *what);
/* Takes the next number of the kiosk's one record counter (inside a transaction). */
int next_seq(store *s, int64_t *seq, const char *what);
/* Checks one text field: length, UTF-8, one line, not blank when required. */
int check_text(store *s, const char *name, const char *text, size_t cap,
	       size_t max_chars, bool required);
/* One constant query's one integer; returns SQLite's result code. */
int query_int(sqlite3 *db, const char *sql, int64_t *value);
/* Runs an UPDATE marking row id with change number seq; missing when none. */
int mark_row(store *s, const char *sql, int64_t id, int64_t seq, const char *missing,
	     const char *what);
/* Binds an optional row id: 0 is SQL NULL. */
int bind_id_or_null(sqlite3_stmt *st, int i, int64_t id);
/* Copies a text column into dst (cap bytes); "" for NULL. */
void copy_column(char *dst, size_t cap, sqlite3_stmt *st, int col);

/* A statement in a few lines. The arguments after types bind ?1, ?2... in
 * order, one letter of types each: 'i' int64_t, 'd' int, 't' text (NULL binds
 * NULL; bound without a copy, so it must outlive the statement), 'n' a row id
 * where 0 binds NULL. Variadic arguments are not converted: an 'i' takes an
 * int64_t (cast an int), a 'd' an int (a bool or an enum promotes to one). Each returns a status; on an SQLite error, fail_db's with
 * what (an N_() message: what did not happen). */

/* Prepares sql into *st (NULL on entry; the caller finalizes it, also on
 * error) and binds its parameters. */
int stmt_prepare(store *s, sqlite3_stmt **st, const char *what, const char *sql,
		 const char *types, ...);
/* Prepares, binds and steps sql once to its end (an INSERT, UPDATE or DELETE),
 * and finalizes it: sqlite3_changes and sqlite3_last_insert_rowid tell after. */
int stmt_run(store *s, const char *what, const char *sql, const char *types, ...);
/* Reads one row of st into row (a caller's struct). */
typedef void (*row_fn)(sqlite3_stmt *st, void *row);
/* Steps st (prepared, bound) to its end, from_row filling out[0..max) (size
 * bytes each; a query's LIMIT ?max usually stops it first); *n rows read. */
int stmt_rows(store *s, sqlite3_stmt *st, row_fn from_row, void *out, size_t size, int max,
	      int *n, const char *what);
/* A whole list query: prepares sql, binds the arguments (types, as
 * stmt_prepare), reads its rows as stmt_rows does, and finalizes it. */
int stmt_list(store *s, const char *what, const char *sql, row_fn from_row, void *out, size_t size,
	      int max, int *n, const char *types, ...);
/* A row_fn for a list of names: column 0 into a char[STORE_TEXT_MAX]. */
void text_from_row(sqlite3_stmt *st, void *row);

/* store_settings.c: the settings table. */
int setting_get_int(store *s, const char *key, int64_t *value);
int setting_get_text(store *s, const char *key, char *buf, size_t cap);
int setting_put_int(store *s, const char *key, int64_t value, const char *what);
int setting_put_text(store *s, const char *key, const char *value, const char *what);
int setting_delete(store *s, const char *key, const char *what);

/* store_schema.c: applies migration step (user_version step -> step + 1). */
int migrate_step(store *s, const char *path, int step);

/* store_events.c */
#define EVENT_COLUMNS "id, kiosk || '-' || seq, title, starts, venue, community, roles"

void event_from_row(sqlite3_stmt *st, void *row); /* a row_fn for store_event */
/* Item item_id if it is on event_id's agenda (not removed); else STORE_NOTFOUND. */
int agenda_item_of_event(store *s, int64_t event_id, int64_t item_id,
			 store_agenda_item *out);

/* store_feedback.c */
/* A note's columns, of the notes table as n; read by note_from_row. */
#define NOTE_COLUMNS "n.id, n.kiosk || '-' || n.seq, n.event_id, n.agenda_item_id, " \
	"n.kind, n.body, n.group_size, n.created_at"

void note_from_row(sqlite3_stmt *st, void *row);   /* a row_fn for store_note */
/* Prompt id, also one removed from the bank (*deleted tells; may be NULL). */
int prompt_get(store *s, int64_t id, store_prompt *out, bool *deleted);

/* store_members.c */
#define MEMBER_COLUMNS "id, kiosk || '-' || seq, first_name, last_name, organisation, " \
	"profession, email, mailing_list, may_contact"

void member_from_row(sqlite3_stmt *st, store_member *m);
/* Checks a member's fields, in words for the attendee typing them. */
int check_member(store *s, const store_member *m);
/* Bytes of the first chars characters of the UTF-8 text w (len bytes). */
size_t prefix_len(const char *w, size_t len, int chars);
/* Inside a transaction: a new member's row, sequence number and search words. */
int add_member(store *s, const store_member *m, int64_t *seq, int64_t *id, const char *what);

/* store_search.c: typed words as index ranges, shared with the check-in list. */
/* Typed words a search uses at most; more are ignored, the shortest first. */
#define QUERY_WORDS 6

/* A search query as index ranges: each word w, folded, is followed by the
 * byte 0xFF, so that binding w alone gives the range's start and w with its
 * 0xFF its end. No UTF-8 text holds 0xFF, so [w, w 0xFF) is exactly the
 * words starting with w (SQLite compares text bytewise). */
typedef struct {
	int n;
	bool impossible;                         /* a word no name could hold */
	size_t len[QUERY_WORDS];
	char word[QUERY_WORDS][STORE_NAME_MAX + 1];
} query_words;

/* col (a member id) has a name word in the range [lo, hi). */
#define WORD_IN(col, lo, hi) \
	col " IN (SELECT member_id FROM member_words WHERE word >= " lo " AND word < " hi ")"
/* The same, or true when the word is not there (NULL). */
#define MAYBE_WORD_IN(col, lo, hi) "(" lo " IS NULL OR " WORD_IN(col, lo, hi) ")"
/* Words 2 to 6 of a query_words. */
#define OTHER_WORDS_IN(col) \
	" AND " MAYBE_WORD_IN(col, "?3", "?4") " AND " MAYBE_WORD_IN(col, "?5", "?6") \
	" AND " MAYBE_WORD_IN(col, "?7", "?8") " AND " MAYBE_WORD_IN(col, "?9", "?10") \
	" AND " MAYBE_WORD_IN(col, "?11", "?12")

/* Folds query and splits it into words, longest first. */
void split_query(const char *query, query_words *q);
/* Binds q to parameters ?1 to ?12 (NULL for the words q does not have). */
int bind_words(sqlite3_stmt *st, const query_words *q);

/* store_review.c and store_export.c */
/* True for check-in c (at event e) when it is its member's first standing
 * check-in at any event: by the events' starts (events without one last, as
 * the newest), then by the record counter. */
#define FIRST_VISIT(c, e) \
	"NOT EXISTS (SELECT 1 FROM checkins c2 JOIN events e2 ON e2.id = c2.event_id " \
	"WHERE c2.member_id = " c ".member_id AND c2.undone = 0 AND c2.id <> " c ".id " \
	"AND (e2.starts = '', e2.starts, c2.seq) < (" e ".starts = '', " e ".starts, " \
	c ".seq))"

/* store_sync.c: the records of a batch or an export. */

/* Types of record in the order a batch lists them, with their JSON array names. */
#define RECORD_TYPES 8
extern const char *const record_arrays[RECORD_TYPES];

/* Called with each record: its index in record_arrays and its JSON object. */
typedef int (*record_fn)(void *ctx, int type, const char *json, int len);
/* Calls fn with every record changed after changed_seq after (-1: all). */
int each_record(store *s, int64_t after, record_fn fn, void *ctx);
/* Rewrites member id's line in every stored batch as the member is now. */
int scrub_batches(store *s, int64_t id, const char *what);

#endif
