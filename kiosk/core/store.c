/* store: the kiosk's one SQLite file — schema, migrations, identity and every query. */
#include "store.h"
#include "sync.h"
#include "store_internal.h"

#include <assert.h>
#include <errno.h>
#include <fcntl.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include <sodium.h>
#include <sqlite3.h>

#include "lang.h"
#include "text.h"
#include "when.h"

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
#define BUSY_MS 2000        /* how long to wait for another process's lock */
#define PIN_MIN 4
#define PIN_MAX 8

/* 'CoPK' in the SQLite header (PRAGMA application_id): another program's database
 * with a user_version of its own is never mistaken for an older kiosk's. */
#define APP_ID 1131368523

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

/* Schema migrations: step i takes user_version i to i+1, each in its own
 * transaction. Append new steps; never edit one that has shipped.
 *
 * Every record table carries its global id as (kiosk, seq): seq comes from the one
 * per-kiosk counter in settings, so ids never repeat and never go backwards, even
 * when the wall clock does. created_at is store_now() and only informative. */
static const char *const migrations[] = {
	/* 1: the base tables. */
	"PRAGMA application_id = 1131368523;\n"
	"CREATE TABLE settings (\n"
	"	key TEXT PRIMARY KEY NOT NULL,\n"
	"	value\n"
	") WITHOUT ROWID;\n"
	"INSERT INTO settings (key, value) VALUES ('seq', 0);\n"
	"CREATE TABLE events (\n"
	"	id INTEGER PRIMARY KEY,\n"
	"	kiosk TEXT NOT NULL,\n"
	"	seq INTEGER NOT NULL,\n"
	"	created_at INTEGER NOT NULL,\n"
	"	title TEXT NOT NULL CHECK (title <> ''),\n"
	"	starts TEXT NOT NULL DEFAULT '',\n"
	"	venue TEXT NOT NULL DEFAULT '',\n"
	"	community TEXT NOT NULL DEFAULT '',\n"
	"	roles INTEGER NOT NULL DEFAULT 0 CHECK (roles IN (0, 1)),\n"
	"	UNIQUE (kiosk, seq)\n"
	");\n"
	"CREATE TABLE agenda_items (\n"
	"	id INTEGER PRIMARY KEY,\n"
	"	kiosk TEXT NOT NULL,\n"
	"	seq INTEGER NOT NULL,\n"
	"	created_at INTEGER NOT NULL,\n"
	"	event_id INTEGER NOT NULL REFERENCES events (id),\n"
	"	title TEXT NOT NULL CHECK (title <> ''),\n"
	"	starts TEXT NOT NULL DEFAULT '',\n"
	"	activity INTEGER NOT NULL CHECK (activity BETWEEN 0 AND 6),\n"
	"	position INTEGER NOT NULL DEFAULT 0,\n"
	"	UNIQUE (kiosk, seq)\n"
	");\n"
	"CREATE TABLE members (\n"
	"	id INTEGER PRIMARY KEY,\n"
	"	kiosk TEXT NOT NULL,\n"
	"	seq INTEGER NOT NULL,\n"
	"	created_at INTEGER NOT NULL,\n"
	"	first_name TEXT NOT NULL,\n"
	"	last_name TEXT NOT NULL DEFAULT '',\n"
	"	organisation TEXT NOT NULL DEFAULT '',\n"
	"	profession TEXT NOT NULL DEFAULT '',\n"
	"	email TEXT NOT NULL DEFAULT '',\n"
	"	mailing_list INTEGER NOT NULL DEFAULT 0 CHECK (mailing_list IN (0, 1)),\n"
	"	may_contact INTEGER NOT NULL DEFAULT 0 CHECK (may_contact IN (0, 1)),\n"
	"	name_key TEXT NOT NULL DEFAULT '',\n"
	"	forgotten INTEGER NOT NULL DEFAULT 0 CHECK (forgotten IN (0, 1)),\n"
	"	UNIQUE (kiosk, seq)\n"
	");\n"
	"CREATE TABLE checkins (\n"
	"	id INTEGER PRIMARY KEY,\n"
	"	kiosk TEXT NOT NULL,\n"
	"	seq INTEGER NOT NULL,\n"
	"	created_at INTEGER NOT NULL,\n"
	"	event_id INTEGER NOT NULL REFERENCES events (id),\n"
	"	member_id INTEGER NOT NULL REFERENCES members (id),\n"
	"	role TEXT NOT NULL DEFAULT '',\n"
	"	UNIQUE (event_id, member_id),\n"
	"	UNIQUE (kiosk, seq)\n"
	");\n"
	"CREATE TABLE notes (\n"
	"	id INTEGER PRIMARY KEY,\n"
	"	kiosk TEXT NOT NULL,\n"
	"	seq INTEGER NOT NULL,\n"
	"	created_at INTEGER NOT NULL,\n"
	"	event_id INTEGER NOT NULL REFERENCES events (id),\n"
	"	agenda_item_id INTEGER REFERENCES agenda_items (id),\n"
	"	kind INTEGER NOT NULL CHECK (kind >= 0),\n"
	"	body TEXT NOT NULL,\n"
	"	group_size INTEGER NOT NULL DEFAULT 1 CHECK (group_size >= 1),\n"
	"	UNIQUE (kiosk, seq)\n"
	");\n"
	"CREATE TABLE prompts (\n"
	"	id INTEGER PRIMARY KEY,\n"
	"	kiosk TEXT NOT NULL,\n"
	"	seq INTEGER NOT NULL,\n"
	"	created_at INTEGER NOT NULL,\n"
	"	event_id INTEGER REFERENCES events (id),\n"
	"	text TEXT NOT NULL,\n"
	"	kind INTEGER NOT NULL CHECK (kind >= 0),\n"
	"	choices TEXT NOT NULL DEFAULT '',\n"
	"	UNIQUE (kiosk, seq)\n"
	");\n"
	/* event_id: a bank prompt (event_id NULL) is answered at some event. */
	"CREATE TABLE responses (\n"
	"	id INTEGER PRIMARY KEY,\n"
	"	kiosk TEXT NOT NULL,\n"
	"	seq INTEGER NOT NULL,\n"
	"	created_at INTEGER NOT NULL,\n"
	"	event_id INTEGER NOT NULL REFERENCES events (id),\n"
	"	prompt_id INTEGER NOT NULL REFERENCES prompts (id),\n"
	"	agenda_item_id INTEGER REFERENCES agenda_items (id),\n"
	"	value_int INTEGER,\n"
	"	value_text TEXT,\n"
	"	UNIQUE (kiosk, seq)\n"
	");\n"
	"CREATE TABLE sync_batches (\n"
	"	id INTEGER PRIMARY KEY,\n"
	"	kiosk TEXT NOT NULL,\n"
	"	seq INTEGER NOT NULL,\n"
	"	created_at INTEGER NOT NULL,\n"
	"	first_seq INTEGER NOT NULL,\n"
	"	last_seq INTEGER NOT NULL,\n"
	"	frames INTEGER NOT NULL,\n"
	"	receipt TEXT NOT NULL DEFAULT '',\n"
	"	acked_at INTEGER,\n"
	"	UNIQUE (kiosk, seq)\n"
	");\n",

	/* 2: edits become visible to sync. changed_seq is the counter value at a
	 * record's last change (its seq until edited), so a sync sends every record
	 * changed after the last acknowledged batch; agenda items are hidden, not
	 * deleted, so that the receiver hears of it. Plus the indexes the screens
	 * search with and the defaults of the settings they read. */
	"ALTER TABLE events ADD COLUMN changed_seq INTEGER NOT NULL DEFAULT 0;\n"
	"UPDATE events SET changed_seq = seq;\n"
	"ALTER TABLE agenda_items ADD COLUMN changed_seq INTEGER NOT NULL DEFAULT 0;\n"
	"UPDATE agenda_items SET changed_seq = seq;\n"
	"ALTER TABLE agenda_items ADD COLUMN deleted INTEGER NOT NULL DEFAULT 0\n"
	"	CHECK (deleted IN (0, 1));\n"
	"ALTER TABLE members ADD COLUMN changed_seq INTEGER NOT NULL DEFAULT 0;\n"
	"UPDATE members SET changed_seq = seq;\n"
	"ALTER TABLE checkins ADD COLUMN changed_seq INTEGER NOT NULL DEFAULT 0;\n"
	"UPDATE checkins SET changed_seq = seq;\n"
	"ALTER TABLE notes ADD COLUMN changed_seq INTEGER NOT NULL DEFAULT 0;\n"
	"UPDATE notes SET changed_seq = seq;\n"
	"ALTER TABLE prompts ADD COLUMN changed_seq INTEGER NOT NULL DEFAULT 0;\n"
	"UPDATE prompts SET changed_seq = seq;\n"
	"ALTER TABLE responses ADD COLUMN changed_seq INTEGER NOT NULL DEFAULT 0;\n"
	"UPDATE responses SET changed_seq = seq;\n"
	"CREATE INDEX members_name_key ON members (name_key);\n"
	"CREATE INDEX events_starts ON events (starts);\n"
	"CREATE INDEX agenda_items_event ON agenda_items (event_id, starts, position);\n"
	"CREATE INDEX checkins_member ON checkins (member_id);\n"
	"CREATE INDEX notes_event ON notes (event_id, agenda_item_id);\n"
	"CREATE INDEX prompts_event ON prompts (event_id);\n"
	"CREATE INDEX responses_prompt ON responses (prompt_id, agenda_item_id);\n"
	"CREATE INDEX responses_event ON responses (event_id);\n"
	"CREATE INDEX events_changed ON events (changed_seq);\n"
	"CREATE INDEX agenda_items_changed ON agenda_items (changed_seq);\n"
	"CREATE INDEX members_changed ON members (changed_seq);\n"
	"CREATE INDEX checkins_changed ON checkins (changed_seq);\n"
	"CREATE INDEX notes_changed ON notes (changed_seq);\n"
	"CREATE INDEX prompts_changed ON prompts (changed_seq);\n"
	"CREATE INDEX responses_changed ON responses (changed_seq);\n"
	"INSERT OR IGNORE INTO settings (key, value) VALUES\n"
	"	('" STORE_SETTING_INACTIVITY "', 45),\n"
	"	('" STORE_SETTING_COOLDOWN "', 1500);\n",

	/* 3: members and check-ins in use. member_words holds each word of a
	 * member's folded name (text_fold, as the SQL function kiosk_fold), so a
	 * search is one index range scan per typed word; it is derived from
	 * members, so it has no id of its own and is never synced. name_key is the
	 * folded "first last" and org_key the folded organisation: duplicates and
	 * suggestions. A check-in is undone, not deleted, so that the receiver
	 * hears of it (and a later check-in revives the same record). The
	 * professions pick list is the kiosk's configuration, like settings, not
	 * a record: members carry their profession as text, so the list has no
	 * global ids and is never synced. */
	"CREATE TABLE member_words (\n"
	"	word TEXT NOT NULL,\n"
	"	member_id INTEGER NOT NULL REFERENCES members (id),\n"
	"	PRIMARY KEY (word, member_id)\n"
	") WITHOUT ROWID;\n"
	"CREATE INDEX member_words_member ON member_words (member_id);\n"
	"ALTER TABLE members ADD COLUMN org_key TEXT NOT NULL DEFAULT '';\n"
	"UPDATE members SET name_key = kiosk_fold(first_name || ' ' || last_name),\n"
	"	org_key = kiosk_fold(organisation) WHERE forgotten = 0;\n"
	/* As insert_words: each word of the first and of the last name, and
	 * each run of a part's words to its end joined up. */
	"WITH RECURSIVE split (member_id, word, joined, rest) AS (\n"
	"	SELECT id, '', '', kiosk_fold(first_name) || ' ' FROM members\n"
	"		WHERE forgotten = 0\n"
	"	UNION ALL\n"
	"	SELECT id, '', '', kiosk_fold(last_name) || ' ' FROM members\n"
	"		WHERE forgotten = 0\n"
	"	UNION ALL\n"
	"	SELECT member_id, substr(rest, 1, instr(rest, ' ') - 1),\n"
	"		replace(rest, ' ', ''), substr(rest, instr(rest, ' ') + 1)\n"
	"		FROM split WHERE rest <> ''\n"
	")\n"
	"INSERT OR IGNORE INTO member_words (word, member_id)\n"
	"	SELECT word, member_id FROM split WHERE word <> ''\n"
	"	UNION SELECT joined, member_id FROM split WHERE joined <> '';\n"
	"CREATE INDEX members_org_key ON members (org_key, organisation);\n"
	"CREATE INDEX members_email ON members (lower(email));\n"
	"ALTER TABLE checkins ADD COLUMN undone INTEGER NOT NULL DEFAULT 0\n"
	"	CHECK (undone IN (0, 1));\n"
	"CREATE TABLE professions (\n"
	"	id INTEGER PRIMARY KEY,\n"
	"	name TEXT NOT NULL CHECK (name <> ''),\n"
	"	name_key TEXT NOT NULL UNIQUE,\n"
	"	position INTEGER NOT NULL\n"
	");\n"
	"INSERT INTO professions (name, name_key, position) VALUES\n"
	"	('Nurse', 'nurse', 1),\n"
	"	('Doctor', 'doctor', 2),\n"
	"	('Allied health professional', 'allied health professional', 3),\n"
	"	('Pharmacist', 'pharmacist', 4),\n"
	"	('Manager', 'manager', 5),\n"
	"	('Administrator', 'administrator', 6),\n"
	"	('Patient or carer representative', 'patient or carer representative', 7),\n"
	"	('Student', 'student', 8),\n"
	"	('Other', 'other', 9);\n",

	/* 4: post-its and spot reflections in use. A prompt is hidden from the
	 * bank, not deleted: its answers keep it, and the receiver hears of it.
	 * A choice prompt keeps its choices one a line in choices. The bank is
	 * seeded with the seed's questions as real records, numbered by the
	 * record counter under the kiosk's own id (open_checked gives a new
	 * kiosk its id before this step), so they sync like the facilitator's
	 * own; the counter moves past them. Kinds are written as numbers: see
	 * the static assertions below. An answer's columns take the names of
	 * store_response's fields (no kiosk wrote answers before): value for a
	 * scale or choice answer, text for a word or text answer, the other
	 * NULL. The cool-down after an answer becomes the issue's 3 s, unless a
	 * facilitator changed the old 1.5 s. */
	"ALTER TABLE prompts ADD COLUMN deleted INTEGER NOT NULL DEFAULT 0\n"
	"	CHECK (deleted IN (0, 1));\n"
	"ALTER TABLE responses RENAME COLUMN value_int TO value;\n"
	"ALTER TABLE responses RENAME COLUMN value_text TO text;\n"
	"WITH seed (n, text, kind, choices) AS (VALUES\n"
	"	(1, 'How valuable was this session for your time?', 0, ''),\n"
	"	(2, 'What is working well?', 2, ''),\n"
	"	(3, 'What could we do better next time?', 2, ''),\n"
	"	(4, 'In one word, how do you feel about today?', 1, ''),\n"
	"	(5, 'Which kind of learning activity engaged you most?', 3,\n"
	"		'Sharing' || char(10) || 'Productive inquiry' || char(10) ||\n"
	"		'Negotiating shared understanding' || char(10) ||\n"
	"		'Producing assets' || char(10) || 'Creating standards' ||\n"
	"		char(10) || 'Formal access to knowledge' || char(10) || 'Visits'),\n"
	"	(6, 'Who has a value-creation story to share?', 2, ''))\n"
	"INSERT INTO prompts (kiosk, seq, changed_seq, created_at, text, kind, choices)\n"
	"	SELECT (SELECT value FROM settings WHERE key = 'kiosk_id'),\n"
	"		(SELECT value FROM settings WHERE key = 'seq') + n,\n"
	"		(SELECT value FROM settings WHERE key = 'seq') + n,\n"
	"		CAST(strftime('%s', 'now') AS INTEGER) +\n"
	"		coalesce((SELECT value FROM settings WHERE key = 'clock_offset'), 0),\n"
	"		text, kind, choices FROM seed ORDER BY n;\n"
	"UPDATE settings SET value = value + 6 WHERE key = 'seq';\n"
	"UPDATE settings SET value = 3000 WHERE key = '" STORE_SETTING_COOLDOWN "'\n"
	"	AND value = 1500;\n",

	/* 5: the critical friends' review. A theme groups notes of one event
	 * under a name; a note is in at most one theme (notes.theme_id: moving
	 * it is a change of the note, which syncs again). A vote holds this
	 * kiosk's dots on one note or one theme and is changed in place, never
	 * below 0; a receiver adds up the dots of every kiosk. Both are records
	 * with global ids. Plus the indexes the review's summaries read with:
	 * answers by prompt and event (holding the values, so a chart never
	 * reads the rows), themes by event, notes by theme, and members on the
	 * mailing list by when they were added (the quarter's measures). */
	"CREATE TABLE themes (\n"
	"	id INTEGER PRIMARY KEY,\n"
	"	kiosk TEXT NOT NULL,\n"
	"	seq INTEGER NOT NULL,\n"
	"	changed_seq INTEGER NOT NULL,\n"
	"	created_at INTEGER NOT NULL,\n"
	"	event_id INTEGER NOT NULL REFERENCES events (id),\n"
	"	name TEXT NOT NULL CHECK (name <> ''),\n"
	"	UNIQUE (kiosk, seq)\n"
	");\n"
	"ALTER TABLE notes ADD COLUMN theme_id INTEGER REFERENCES themes (id);\n"
	"CREATE TABLE votes (\n"
	"	id INTEGER PRIMARY KEY,\n"
	"	kiosk TEXT NOT NULL,\n"
	"	seq INTEGER NOT NULL,\n"
	"	changed_seq INTEGER NOT NULL,\n"
	"	created_at INTEGER NOT NULL,\n"
	"	note_id INTEGER UNIQUE REFERENCES notes (id),\n"
	"	theme_id INTEGER UNIQUE REFERENCES themes (id),\n"
	"	dots INTEGER NOT NULL CHECK (dots >= 0),\n"
	"	CHECK ((note_id IS NULL) <> (theme_id IS NULL)),\n"
	"	UNIQUE (kiosk, seq)\n"
	");\n"
	"CREATE INDEX themes_event ON themes (event_id);\n"
	"CREATE INDEX themes_changed ON themes (changed_seq);\n"
	"CREATE INDEX votes_changed ON votes (changed_seq);\n"
	"CREATE INDEX notes_theme ON notes (theme_id);\n"
	"CREATE INDEX responses_answers ON responses (prompt_id, event_id,\n"
	"	agenda_item_id, value);\n"
	"CREATE INDEX members_mailing ON members (created_at, org_key)\n"
	"	WHERE mailing_list = 1 AND forgotten = 0;\n",

	/* 6: batches for the QR loop (sync/PROTOCOL.md). id is the batch number,
	 * 1, 2, 3..., the protocol's batch id (seq holds the same number). A
	 * batch keeps what it sent: its records as JSON Lines, byte for byte, so
	 * that showing it again gives the same frames, and its random secret,
	 * from which its receipt derives. last_seq is the highest changed_seq it
	 * covers; first_seq is one above what acknowledged batches covered when
	 * it was made, so it holds every record changed in first_seq..last_seq.
	 * frames and receipt from step 1 stay 0 and '': the Sync screen derives
	 * both from the records and the secret with sync/, which the store does
	 * not link. */
	"ALTER TABLE sync_batches ADD COLUMN secret BLOB CHECK (length(secret) = 16);\n"
	"ALTER TABLE sync_batches ADD COLUMN records TEXT NOT NULL DEFAULT '';\n"
	"ALTER TABLE sync_batches ADD COLUMN record_count INTEGER NOT NULL DEFAULT 0;\n",

	/* 7: name search in name order. member_prefixes holds every prefix of
	 * every member_words word, up to PREFIX_CHARS characters, with the
	 * member's name_key: a typed word is one range of it that is already in
	 * the order the list shows, so the first 50 are read without sorting
	 * every match (search_walk). Derived from member_words like it, so it is
	 * never synced. No foreign key: SQLite would look the member up for
	 * each of their dozen rows, and members are never deleted.
	 * insert_words and delete_words keep it in step. */
	"CREATE TABLE member_prefixes (\n"
	"	prefix TEXT NOT NULL,\n"
	"	name_key TEXT NOT NULL,\n"
	"	member_id INTEGER NOT NULL,\n"
	"	PRIMARY KEY (prefix, name_key, member_id)\n"
	") WITHOUT ROWID;\n"
	"WITH RECURSIVE p (member_id, word, n) AS (\n"
	"	SELECT member_id, word, 1 FROM member_words\n"
	"	UNION ALL\n"
	"	SELECT member_id, word, n + 1 FROM p\n"
	"		WHERE n < min(length(word), " PREFIX_CHARS_SQL ")\n"
	")\n"
	"INSERT OR IGNORE INTO member_prefixes (prefix, name_key, member_id)\n"
	"	SELECT substr(p.word, 1, p.n), m.name_key, m.id\n"
	"	FROM p JOIN members m ON m.id = p.member_id;\n",
};

/* Migration 4 writes kinds as the numbers they have here; they never change. */
_Static_assert(STORE_PROMPT_SCALE == 0 && STORE_PROMPT_WORD == 1 &&
	       STORE_PROMPT_TEXT == 2 && STORE_PROMPT_CHOICE == 3,
	       "prompt kinds are stored as numbers");
_Static_assert(STORE_NOTE_WELL == 0 && STORE_NOTE_IMPROVE == 1 && STORE_NOTE_IDEA == 2,
	       "note kinds are stored as numbers");

#define MIGRATION_COUNT ((int)(sizeof migrations / sizeof migrations[0]))

static const char *const activity_names[STORE_ACT_COUNT] = {
	[STORE_ACT_SHARING] = N_("Sharing"),
	[STORE_ACT_INQUIRY] = N_("Productive inquiry"),
	[STORE_ACT_NEGOTIATING] = N_("Negotiating shared understanding"),
	[STORE_ACT_ASSETS] = N_("Producing assets"),
	[STORE_ACT_STANDARDS] = N_("Creating standards"),
	[STORE_ACT_FORMAL] = N_("Formal access to knowledge"),
	[STORE_ACT_VISITS] = N_("Visits"),
};

/* The seed's examples of each cluster, to help a facilitator choose. */
static const char *const activity_examples[STORE_ACT_COUNT] = {
	[STORE_ACT_SHARING] = N_("Information, stories, tips, documents"),
	[STORE_ACT_INQUIRY] = N_("Asking for help, working on a case, exploring an idea"),
	[STORE_ACT_NEGOTIATING] = N_("Discussing a topic, reading a paper"),
	[STORE_ACT_ASSETS] = N_("Documentation, bibliographies, tools"),
	[STORE_ACT_STANDARDS] = N_("Benchmarks, maturity scales, warranting knowledge"),
	[STORE_ACT_FORMAL] = N_("Training, practice transfer, invited expert"),
	[STORE_ACT_VISITS] = N_("Visiting a member's site, a community website"),
};

/* The seed's leadership roles an attendee may take for the day: stored in
 * English (a check-in's role is data), shown translated. The names, examples
 * and roles are all marked for the catalogue. */
static const char *const role_names[STORE_ROLE_COUNT] = {
	N_("Agenda activist"), N_("Community keeper"), N_("Critical friend"), N_("Social reporter"),
	N_("External messenger"), N_("Value detective"), N_("Organisational broker"),
};

/* ---- messages ---------------------------------------------------------------- */

static int set_msg(store *s, int status, const char *fmt, ...) PRINTF_LIKE(3, 4);

/* Keeps a one-line message for store_errmsg and returns status, so a failing path
 * reads `return set_msg(s, STORE_INVALID, _("..."))`. */
static int set_msg(store *s, int status, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(s->errmsg, sizeof s->errmsg, fmt, ap);
	va_end(ap);
	return status;
}

/* Turns an SQLite result code into a status and a reason a facilitator can act
 * on; what says what did not happen ("the event was not saved"). Call it before
 * a rollback, which would replace SQLite's own message.
 *
 * Every what in this file is English, marked N_() for the catalogue, and is
 * translated only where it goes into the message (_(what)): the message is
 * shown on the kiosk's screen, and is never written to the data file. */
static int fail_db(store *s, int src, const char *what)
{
	/* No room left shows as an I/O error where SQLite grows a file itself
	 * (the -shm at start, a WAL frame written in parts) or cannot make one:
	 * the system's reason says it is a full disk. SQLite keeps that reason
	 * for some calls only; for the others (a failed COMMIT's WAL write) it
	 * is still in errno, as nothing ran since. A file at its size limit
	 * (EFBIG: a FAT stick's 4 GiB, a ulimit) has no room either. */
	int why = errno;
	if (sqlite3_system_errno(s->db) != 0)
		why = sqlite3_system_errno(s->db);
	if (((src & 0xff) == SQLITE_IOERR || (src & 0xff) == SQLITE_CANTOPEN) &&
	    (why == ENOSPC || why == EDQUOT || why == EFBIG))
		src = SQLITE_FULL;
	switch (src & 0xff) {
	case SQLITE_FULL:
		return set_msg(s, STORE_IO, _("The disk is full: %s."), _(what));
	case SQLITE_IOERR:
		return set_msg(s, STORE_IO, _("The data file could not be read or written "
			       "(disk error): %s."), _(what));
	case SQLITE_READONLY:
	case SQLITE_PERM:
	case SQLITE_CANTOPEN:
		return set_msg(s, STORE_IO, _("The data file cannot be written: %s."), _(what));
	case SQLITE_BUSY:
	case SQLITE_LOCKED:
		return set_msg(s, STORE_BUSY, _("Another program is using the data file: "
			       "%s."), _(what));
	case SQLITE_CORRUPT:
	case SQLITE_NOTADB:
		return set_msg(s, STORE_CORRUPT, _("The data file is damaged: %s."), _(what));
	case SQLITE_NOMEM:
		return set_msg(s, STORE_IO, _("The kiosk ran out of memory: %s."), _(what));
	default:
		return set_msg(s, STORE_IO, _("The data file refused the change (%s): %s."),
			       sqlite3_errmsg(s->db), _(what));
	}
}

/* ---- transactions and the record counter ------------------------------------- */

static int tx_begin(store *s, const char *what)
{
	int src;

	if (s->batch) {
		/* SQLite rolls a transaction back by itself after some I/O errors: a
		 * savepoint now would start a new one and save this record alone. */
		if (sqlite3_get_autocommit(s->db))
			return set_msg(s, STORE_IO, _("The data file failed and the changes "
				       "so far were undone: %s."), _(what));
		/* Inside store_begin's batch: a refused record undoes only itself. */
		src = sqlite3_exec(s->db, "SAVEPOINT record", NULL, NULL, NULL);
	} else {
		/* Nothing is written to a file no longer at its path (deleted, its
		 * stick pulled): it would be lost at exit, after a "Thank you". */
		if (store_file_gone(s))
			return set_msg(s, STORE_IO, _("The data file is gone: %s."), _(what));
		/* IMMEDIATE takes the write lock now, so a busy database fails here
		 * and not halfway through. */
		src = sqlite3_exec(s->db, "BEGIN IMMEDIATE", NULL, NULL, NULL);
	}
	return src == SQLITE_OK ? STORE_OK : fail_db(s, src, what);
}

/* Commits when rc is STORE_OK, otherwise (or if the commit fails) rolls back;
 * returns the final status. Inside a batch the same, for the savepoint only. */
static int tx_end(store *s, int rc, const char *what)
{
	if (s->batch) {
		if (rc == STORE_OK) {
			int src = sqlite3_exec(s->db, "RELEASE record", NULL, NULL, NULL);

			if (src == SQLITE_OK)
				return STORE_OK;
			rc = fail_db(s, src, what);
		}
		if (!sqlite3_get_autocommit(s->db))
			sqlite3_exec(s->db, "ROLLBACK TO record; RELEASE record", NULL, NULL,
				     NULL);
		return rc;
	}
	if (rc == STORE_OK) {
		int src = sqlite3_exec(s->db, "COMMIT", NULL, NULL, NULL);

		if (src == SQLITE_OK)
			return STORE_OK;
		rc = fail_db(s, src, what);
	}
	if (!sqlite3_get_autocommit(s->db))
		sqlite3_exec(s->db, "ROLLBACK", NULL, NULL, NULL);
	return rc;
}

int store_begin(store *s)
{
	int rc;

	assert(s && !s->batch);
	rc = tx_begin(s, N_("nothing was saved"));
	if (rc == STORE_OK)
		s->batch = true;
	return rc;
}

int store_commit(store *s)
{
	assert(s && s->batch);
	s->batch = false;
	return tx_end(s, STORE_OK, N_("nothing was saved"));
}

void store_rollback(store *s)
{
	if (!s || !s->batch)
		return;
	s->batch = false;
	if (!sqlite3_get_autocommit(s->db))
		sqlite3_exec(s->db, "ROLLBACK", NULL, NULL, NULL);
}

/* Takes the next number of the kiosk's one record counter. Only inside a
 * transaction, so the number and the record it names are saved together. */
static int next_seq(store *s, int64_t *seq, const char *what)
{
	static const char sql[] =
		"UPDATE settings SET value = value + 1 WHERE key = '" KEY_SEQ "' "
		"RETURNING value";
	sqlite3_stmt *st = NULL;
	int rc = STORE_OK, src;

	assert(!sqlite3_get_autocommit(s->db));
	src = sqlite3_prepare_v2(s->db, sql, -1, &st, NULL);
	if (src == SQLITE_OK)
		src = sqlite3_step(st);
	if (src == SQLITE_DONE) {
		rc = set_msg(s, STORE_CORRUPT, _("The data file is damaged (its record "
			     "counter is missing): %s."), _(what));
		goto out;
	}
	if (src != SQLITE_ROW) {
		rc = fail_db(s, src, what);
		goto out;
	}
	*seq = sqlite3_column_int64(st, 0);
out:
	sqlite3_finalize(st);
	return rc;
}

/* ---- settings ------------------------------------------------------------------ */

/* Reads an integer setting: STORE_NOTFOUND when absent or not an integer. */
static int setting_get_int(store *s, const char *key, int64_t *value)
{
	static const char sql[] = "SELECT value FROM settings WHERE key = ?1";
	sqlite3_stmt *st = NULL;
	int rc = STORE_OK, src;

	if (sqlite3_prepare_v2(s->db, sql, -1, &st, NULL) != SQLITE_OK ||
	    sqlite3_bind_text(st, 1, key, -1, SQLITE_STATIC) != SQLITE_OK) {
		rc = fail_db(s, sqlite3_errcode(s->db), N_("a setting could not be read"));
		goto out;
	}
	src = sqlite3_step(st);
	if (src == SQLITE_ROW && sqlite3_column_type(st, 0) == SQLITE_INTEGER) {
		*value = sqlite3_column_int64(st, 0);
	} else if (src == SQLITE_ROW || src == SQLITE_DONE) {
		rc = set_msg(s, STORE_NOTFOUND, _("The setting %s is not set."), key);
	} else {
		rc = fail_db(s, src, N_("a setting could not be read"));
	}
out:
	sqlite3_finalize(st);
	return rc;
}

/* Reads a text setting into buf (cap bytes): STORE_NOTFOUND when absent, not
 * text, or longer than buf. */
static int setting_get_text(store *s, const char *key, char *buf, size_t cap)
{
	static const char sql[] = "SELECT value FROM settings WHERE key = ?1";
	sqlite3_stmt *st = NULL;
	int rc = STORE_OK, src;

	if (sqlite3_prepare_v2(s->db, sql, -1, &st, NULL) != SQLITE_OK ||
	    sqlite3_bind_text(st, 1, key, -1, SQLITE_STATIC) != SQLITE_OK) {
		rc = fail_db(s, sqlite3_errcode(s->db), N_("a setting could not be read"));
		goto out;
	}
	src = sqlite3_step(st);
	if (src == SQLITE_ROW && sqlite3_column_type(st, 0) == SQLITE_TEXT &&
	    (size_t)sqlite3_column_bytes(st, 0) < cap) {
		memcpy(buf, sqlite3_column_text(st, 0), (size_t)sqlite3_column_bytes(st, 0) + 1);
	} else if (src == SQLITE_ROW || src == SQLITE_DONE) {
		rc = set_msg(s, STORE_NOTFOUND, _("The setting %s is not set."), key);
	} else {
		rc = fail_db(s, src, N_("a setting could not be read"));
	}
out:
	sqlite3_finalize(st);
	return rc;
}

static int setting_put_int(store *s, const char *key, int64_t value, const char *what)
{
	static const char sql[] =
		"INSERT INTO settings (key, value) VALUES (?1, ?2) "
		"ON CONFLICT (key) DO UPDATE SET value = excluded.value";
	sqlite3_stmt *st = NULL;
	int rc = STORE_OK;

	if (sqlite3_prepare_v2(s->db, sql, -1, &st, NULL) != SQLITE_OK ||
	    sqlite3_bind_text(st, 1, key, -1, SQLITE_STATIC) != SQLITE_OK ||
	    sqlite3_bind_int64(st, 2, value) != SQLITE_OK ||
	    sqlite3_step(st) != SQLITE_DONE)
		rc = fail_db(s, sqlite3_errcode(s->db), what);
	sqlite3_finalize(st);
	return rc;
}

static int setting_put_text(store *s, const char *key, const char *value,
			    const char *what)
{
	static const char sql[] =
		"INSERT INTO settings (key, value) VALUES (?1, ?2) "
		"ON CONFLICT (key) DO UPDATE SET value = excluded.value";
	sqlite3_stmt *st = NULL;
	int rc = STORE_OK;

	if (sqlite3_prepare_v2(s->db, sql, -1, &st, NULL) != SQLITE_OK ||
	    sqlite3_bind_text(st, 1, key, -1, SQLITE_STATIC) != SQLITE_OK ||
	    sqlite3_bind_text(st, 2, value, -1, SQLITE_STATIC) != SQLITE_OK ||
	    sqlite3_step(st) != SQLITE_DONE)
		rc = fail_db(s, sqlite3_errcode(s->db), what);
	sqlite3_finalize(st);
	return rc;
}

static int setting_delete(store *s, const char *key, const char *what)
{
	static const char sql[] = "DELETE FROM settings WHERE key = ?1";
	sqlite3_stmt *st = NULL;
	int rc = STORE_OK;

	if (sqlite3_prepare_v2(s->db, sql, -1, &st, NULL) != SQLITE_OK ||
	    sqlite3_bind_text(st, 1, key, -1, SQLITE_STATIC) != SQLITE_OK ||
	    sqlite3_step(st) != SQLITE_DONE)
		rc = fail_db(s, sqlite3_errcode(s->db), what);
	sqlite3_finalize(st);
	return rc;
}

/* ---- opening ------------------------------------------------------------------- */

/* The folder holding path, as a new string ("." for a bare name). */
static char *parent_dir(const char *path)
{
	const char *slash = strrchr(path, '/');

	if (!slash)
		return strdup(".");
	if (slash == path)
		return strdup("/");
	return strndup(path, (size_t)(slash - path));
}

/* Decides, before SQLite touches anything, whether path may be opened: a missing
 * or empty file becomes a new database; a file starting like an SQLite database
 * goes on to the checks inside it; anything else is refused and left as it is.
 * The folder must take new files too: SQLite keeps its journal beside the file. */
static int check_file(store *s, const char *path)
{
	static const char magic[16] = "SQLite format 3";
	unsigned char head[sizeof magic];
	struct stat st;
	char *dir = NULL;
	FILE *f = NULL;
	int rc = STORE_OK;

	if (path[0] == '\0')
		return set_msg(s, STORE_IO, _("No data file was given."));
	dir = parent_dir(path);
	if (!dir) {
		rc = set_msg(s, STORE_IO, _("Not enough memory to open %s"), path);
		goto out;
	}
	if (stat(path, &st) != 0) {
		if (errno != ENOENT) {
			rc = set_msg(s, STORE_IO, _("Cannot use %s (%s)"), path, strerror(errno));
		} else if (stat(dir, &st) != 0 || !S_ISDIR(st.st_mode)) {
			rc = set_msg(s, STORE_IO, _("Cannot create %s: the folder %s does "
				     "not exist"), path, dir);
		} else if (access(dir, W_OK | X_OK) != 0) {
			rc = set_msg(s, STORE_IO, _("Cannot create %s: the folder %s is "
				     "read-only"), path, dir);
		}
		goto out;
	}
	if (S_ISDIR(st.st_mode)) {
		rc = set_msg(s, STORE_IO, _("Cannot use %s: it is a folder, not a data "
			     "file"), path);
		goto out;
	}
	if (!S_ISREG(st.st_mode)) {
		rc = set_msg(s, STORE_IO, _("Cannot use %s: it is not an ordinary file"), path);
		goto out;
	}
	if (access(path, R_OK | W_OK) != 0) {
		rc = set_msg(s, STORE_IO, _("Cannot use %s: the kiosk may not read and "
			     "write it (%s)"), path, strerror(errno));
		goto out;
	}
	if (access(dir, W_OK | X_OK) != 0) {
		rc = set_msg(s, STORE_IO, _("Cannot use %s: the folder %s is read-only"),
			     path, dir);
		goto out;
	}
	if (st.st_size == 0)
		goto out;
	f = fopen(path, "rb");
	if (!f) {
		rc = set_msg(s, STORE_IO, _("Cannot read %s (%s)"), path, strerror(errno));
		goto out;
	}
	if (fread(head, 1, sizeof head, f) != sizeof head ||
	    memcmp(head, magic, sizeof magic) != 0)
		rc = set_msg(s, STORE_CORRUPT, _("%s is not a CoP Kiosk data file (file is "
			     "not a database)"), path);
out:
	if (f)
		fclose(f);
	free(dir);
	return rc;
}

/* Runs one constant, parameterless query that yields one integer (a PRAGMA or a
 * count) and returns SQLite's result code, for the checks made before the store
 * may write. */
static int query_int(sqlite3 *db, const char *sql, int64_t *value)
{
	sqlite3_stmt *st = NULL;
	int src;

	src = sqlite3_prepare_v2(db, sql, -1, &st, NULL);
	if (src == SQLITE_OK)
		src = sqlite3_step(st);
	if (src == SQLITE_ROW) {
		*value = sqlite3_column_int64(st, 0);
		src = SQLITE_OK;
	} else if (src == SQLITE_DONE) {
		src = SQLITE_CORRUPT;
	}
	sqlite3_finalize(st);
	return src;
}

/* The reason an SQLite file could not be opened or read, naming path. */
static int fail_open(store *s, const char *path, int src)
{
	char what[320];

	switch (src & 0xff) {
	case SQLITE_NOTADB:
		return set_msg(s, STORE_CORRUPT, _("%s is not a CoP Kiosk data file (%s)"),
			       path, sqlite3_errstr(src));
	case SQLITE_CORRUPT:
		return set_msg(s, STORE_CORRUPT, _("%s is damaged, so the kiosk will not "
			       "use it (%s)"), path, sqlite3_errmsg(s->db));
	default:
		/* Translated here: fail_db's _() finds no message for it and keeps
		 * it as it is. */
		snprintf(what, sizeof what, _("%s was not opened"), path);
		return fail_db(s, src, what);
	}
}

/* Runs PRAGMA quick_check: STORE_CORRUPT with SQLite's first finding if the
 * file's pages do not hold together. */
static int quick_check(store *s, const char *path)
{
	sqlite3_stmt *st = NULL;
	const char *first;
	int rc = STORE_OK, src;

	src = sqlite3_prepare_v2(s->db, "PRAGMA quick_check", -1, &st, NULL);
	if (src == SQLITE_OK)
		src = sqlite3_step(st);
	if (src != SQLITE_ROW) {
		rc = fail_open(s, path, src == SQLITE_DONE ? SQLITE_CORRUPT : src);
		goto out;
	}
	first = (const char *)sqlite3_column_text(st, 0);
	if (first && strcmp(first, "ok") == 0)
		goto out;
	/* The message is one line: keep SQLite's first finding, not its banner. */
	if (first && strncmp(first, "*** ", 4) == 0 && strchr(first, '\n'))
		first = strchr(first, '\n') + 1;
	if (!first)
		first = _("no result");
	rc = set_msg(s, STORE_CORRUPT, _("%s is damaged, so the kiosk will not use it "
		     "(%.*s)"), path, (int)strcspn(first, "\n"), first);
out:
	sqlite3_finalize(st);
	return rc;
}

/* Identifies what is in an opened file without writing to it: ours at a version
 * we know (*version receives it), a new empty file (0), a newer kiosk's, another
 * program's, or damaged. */
static int check_contents(store *s, const char *path, int known, int64_t *version)
{
	int64_t app = 0, tables = 0;
	int src;

	src = query_int(s->db, "PRAGMA application_id", &app);
	if (src == SQLITE_OK)
		src = query_int(s->db, "PRAGMA user_version", version);
	if (src == SQLITE_OK)
		src = query_int(s->db, "SELECT count(*) FROM sqlite_master", &tables);
	if (src != SQLITE_OK)
		return fail_open(s, path, src);
	if ((app != 0 && app != APP_ID) || (app == 0 && (*version != 0 || tables != 0)))
		return set_msg(s, STORE_CORRUPT, _("%s is not a CoP Kiosk data file (it "
			       "belongs to another program)"), path);
	if (*version > known)
		return set_msg(s, STORE_TOO_NEW, _("%s was written by a newer CoP Kiosk "
			       "(data version %lld; this kiosk knows up to %d): update "
			       "this kiosk to use it"), path, (long long)*version, known);
	if (*version < 0)
		return set_msg(s, STORE_CORRUPT, _("%s is damaged, so the kiosk will not "
			       "use it (data version %lld)"), path, (long long)*version);
	return quick_check(s, path);
}

/* Applies migration step (user_version step -> step + 1) in one transaction. */
static int migrate_step(store *s, const char *path, int step)
{
	char sql[48];
	int rc = STORE_OK, src;

	assert(step >= 0 && step < MIGRATION_COUNT);
	src = sqlite3_exec(s->db, "BEGIN IMMEDIATE", NULL, NULL, NULL);
	if (src == SQLITE_OK)
		src = sqlite3_exec(s->db, migrations[step], NULL, NULL, NULL);
	if (src == SQLITE_OK) {
		/* PRAGMA takes no bound parameters; the value is our own step count. */
		snprintf(sql, sizeof sql, "PRAGMA user_version = %d", step + 1);
		src = sqlite3_exec(s->db, sql, NULL, NULL, NULL);
	}
	if (src == SQLITE_OK)
		src = sqlite3_exec(s->db, "COMMIT", NULL, NULL, NULL);
	if (src == SQLITE_OK)
		return STORE_OK;
	if ((src & 0xff) == SQLITE_ERROR) {
		/* The schema is not what this version of ours left: someone else's
		 * change. Refuse it rather than guess. */
		rc = set_msg(s, STORE_CORRUPT, _("%s could not be upgraded to this CoP "
			     "Kiosk and was left as it was (%s)"), path,
			     sqlite3_errmsg(s->db));
	} else {
		char what[320];

		/* Translated here, as in fail_open. */
		snprintf(what, sizeof what, _("%s was not upgraded"), path);
		rc = fail_db(s, src, what);
	}
	if (!sqlite3_get_autocommit(s->db))
		sqlite3_exec(s->db, "ROLLBACK", NULL, NULL, NULL);
	return rc;
}

/* Loads the kiosk's signing key into s, making one if the data file has none
 * (a new kiosk, or one from before batches were signed). Inside a transaction. */
static int load_sign_key(store *s, const char *what)
{
	char hex[2 * SYNC_SIGN_SK_BYTES + 1];
	unsigned char pk[SYNC_SIGN_PK_BYTES];
	size_t n = 0;
	int rc = setting_get_text(s, KEY_SIGN, hex, sizeof hex);
	if (rc == STORE_NOTFOUND) {
		sync_sign_keypair(pk, s->sign_key);
		sodium_bin2hex(hex, sizeof hex, s->sign_key, sizeof s->sign_key);
		rc = setting_put_text(s, KEY_SIGN, hex, what);
	} else if (rc == STORE_OK &&
		   (sodium_hex2bin(s->sign_key, sizeof s->sign_key, hex, strlen(hex), NULL, &n, NULL) != 0 ||
		    n != sizeof s->sign_key)) {
		rc = set_msg(s, STORE_CORRUPT, _("The data file is damaged: its signing key is not "
			     "128 hex digits."));
	}
	sodium_memzero(hex, sizeof hex);
	return rc;
}

/* Gives a new database its kiosk id, taken from its new signing key's hash
 * (sync/PROTOCOL.md), and loads the id and the key into s. */
static int load_kiosk_id(store *s)
{
	static const char what[] = N_("the kiosk's id was not saved");
	char hex[KIOSK_ID_LEN + 1];
	int rc;

	/* A kiosk that has its id needs no write lock to read it: another
	 * process holding that lock for a while (a backup, a second kiosk) does
	 * not keep it from starting. */
	char key[2 * SYNC_SIGN_SK_BYTES + 1];
	rc = setting_get_text(s, KEY_KIOSK, s->kiosk, sizeof s->kiosk);
	if (rc == STORE_OK && setting_get_text(s, KEY_SIGN, key, sizeof key) == STORE_OK) {
		sodium_memzero(key, sizeof key);
		rc = load_sign_key(s, what); /* there: read, not written */
		goto check;
	}
	/* A new kiosk, or one from before batches were signed: written. */
	rc = tx_begin(s, what);
	if (rc != STORE_OK)
		return rc;
	rc = setting_get_text(s, KEY_KIOSK, s->kiosk, sizeof s->kiosk);
	bool new_kiosk = rc == STORE_NOTFOUND;
	if (new_kiosk || rc == STORE_OK)
		rc = load_sign_key(s, what);
	if (rc == STORE_OK && new_kiosk) {
		_Static_assert(KIOSK_ID_LEN == 16, "a kiosk id is 16 hex digits of its key's hash");
		/* libsodium's secret key ends with the public key. */
		sync_kiosk_id_of_key(s->sign_key + 32, hex);
		rc = setting_put_text(s, KEY_KIOSK, hex, what);
		if (rc == STORE_OK)
			memcpy(s->kiosk, hex, sizeof hex);
	}
	rc = tx_end(s, rc, what);
check:
	if (rc == STORE_OK && (strlen(s->kiosk) != KIOSK_ID_LEN ||
			       strspn(s->kiosk, "0123456789abcdef") != KIOSK_ID_LEN))
		rc = set_msg(s, STORE_CORRUPT, _("The data file is damaged: its kiosk id "
			     "\"%s\" is not 16 hex digits."), s->kiosk);
	return rc;
}

/* kiosk_fold(text): text_fold in SQL, so that a migration can build the search
 * keys of members an older kiosk stored. NULL stays NULL. */
static void sql_fold(sqlite3_context *ctx, int argc, sqlite3_value **argv)
{
	const unsigned char *src;
	char *dst;
	int len;

	assert(argc == 1);
	(void)argc;
	src = sqlite3_value_text(argv[0]);
	if (!src) {
		sqlite3_result_null(ctx);
		return;
	}
	len = sqlite3_value_bytes(argv[0]);
	/* A folded text is never longer than the original. */
	dst = sqlite3_malloc(len + 1);
	if (!dst) {
		sqlite3_result_error_nomem(ctx);
		return;
	}
	text_fold(dst, (size_t)len + 1, (const char *)src);
	sqlite3_result_text(ctx, dst, -1, sqlite3_free);
}

/* A new data file is made readable and writable by its owner only, whatever
 * the umask: it holds names and emails. SQLite gives the -wal, -shm and
 * -journal files it makes beside it the same mode. */
static int create_private(store *s, const char *path)
{
	int fd = open(path, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0600);
	int rc = STORE_OK;

	if (fd < 0)
		return errno == EEXIST ? STORE_OK : /* another process made it first */
		       set_msg(s, STORE_IO, _("Cannot create %s (%s)"), path, strerror(errno));
	/* The umask may take bits from 0600 too (077 leaves it, 0277 does not). */
	if (fchmod(fd, 0600) != 0)
		rc = set_msg(s, STORE_IO, _("Cannot create %s (%s)"), path, strerror(errno));
	close(fd);
	return rc;
}

/* A data file of ours made readable by others (by a kiosk before this one,
 * under a umask of 022) is made private, with the files beside it. Only
 * what this user owns; what cannot be changed is left as it is. */
static void make_private(const char *path)
{
	static const char *const beside[] = {"", "-wal", "-shm", "-journal"};
	char name[4096];
	struct stat st;

	for (size_t i = 0; i < sizeof beside / sizeof beside[0]; i++) {
		if ((size_t)snprintf(name, sizeof name, "%s%s", path, beside[i]) >= sizeof name)
			return;
		if (stat(name, &st) == 0 && S_ISREG(st.st_mode) && st.st_uid == geteuid() &&
		    (st.st_mode & 077) != 0)
			(void)chmod(name, st.st_mode & 0700);
	}
}

/* The kiosk id the data file at path holds in itself (into id, of cap
 * bytes): read into memory, not opened where it lies, where the -wal beside
 * it would be read as its own. False if it holds none. */
static bool file_kiosk_id(const char *path, char *id, size_t cap)
{
	sqlite3 *db = NULL;
	sqlite3_stmt *st = NULL;
	unsigned char *image = NULL;
	struct stat info;
	bool found = false;
	FILE *f = fopen(path, "rb");

	if (!f || fstat(fileno(f), &info) != 0 || info.st_size < 100 || info.st_size > ((off_t)1 << 30))
		goto out;
	image = sqlite3_malloc64((sqlite3_uint64)info.st_size);
	if (!image || fread(image, 1, (size_t)info.st_size, f) != (size_t)info.st_size)
		goto out;
	/* A WAL database's header says so (bytes 18 and 19); in memory it is a
	 * plain one. */
	image[18] = image[19] = 1;
	if (sqlite3_open_v2(":memory:", &db, SQLITE_OPEN_READWRITE, NULL) != SQLITE_OK)
		goto out;
	if (sqlite3_deserialize(db, "main", image, info.st_size, info.st_size,
				SQLITE_DESERIALIZE_FREEONCLOSE | SQLITE_DESERIALIZE_READONLY) != SQLITE_OK) {
		image = NULL; /* freed by SQLite even on failure */
		goto out;
	}
	image = NULL;
	if (sqlite3_prepare_v2(db, "SELECT value FROM settings WHERE key = ?1", -1, &st, NULL) == SQLITE_OK &&
	    sqlite3_bind_text(st, 1, KEY_KIOSK, -1, SQLITE_STATIC) == SQLITE_OK && sqlite3_step(st) == SQLITE_ROW &&
	    sqlite3_column_text(st, 0)) {
		snprintf(id, cap, "%s", (const char *)sqlite3_column_text(st, 0));
		found = true;
	}
out:
	sqlite3_finalize(st);
	sqlite3_close(db);
	sqlite3_free(image);
	if (f)
		fclose(f);
	return found;
}

/* True if the data file at path is this kiosk's (its kiosk id is s's). */
static bool same_kiosk(const store *s, const char *path)
{
	char id[KIOSK_ID_LEN + 1];
	return file_kiosk_id(path, id, sizeof id) && !strcmp(id, s->kiosk);
}

/* A -wal beside the data file left by another data file (copied in, or the
 * file put back from a backup without its own) would be merged into ours:
 * the kiosk id the file holds and the one seen through the WAL must be one. */
static int check_wal(store *s, const char *path)
{
	char wal[4200], alone[64], seen[64];
	struct stat st;

	snprintf(wal, sizeof wal, "%s-wal", path);
	if (stat(wal, &st) != 0 || st.st_size <= 32 || !file_kiosk_id(path, alone, sizeof alone))
		return STORE_OK;
	if (setting_get_text(s, KEY_KIOSK, seen, sizeof seen) != STORE_OK || !strcmp(alone, seen))
		return STORE_OK;
	return set_msg(s, STORE_CORRUPT, _("%s beside the data file belongs to another data file (kiosk %s): the "
		       "kiosk did not mix them. Move it away, then start the kiosk again."), wal, seen);
}

/* Everything store_open does once s exists; s->db is closed by the caller. */
static int open_checked(store *s, const char *path, int known)
{
	int64_t version = 0;
	int rc, src;

	/* Idempotent; only -1 is a failure (1 means already done). */
	if (sodium_init() < 0)
		return set_msg(s, STORE_IO, _("The cryptography library could not start, "
			       "so %s was not opened"), path);
	rc = check_file(s, path);
	if (rc != STORE_OK)
		return rc;
	rc = create_private(s, path);
	if (rc != STORE_OK)
		return rc;
	src = sqlite3_open_v2(path, &s->db, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE,
			      NULL);
	if (src != SQLITE_OK)
		return set_msg(s, STORE_IO, _("Cannot open %s (%s)"), path,
			       s->db ? sqlite3_errmsg(s->db) : sqlite3_errstr(src));
	sqlite3_extended_result_codes(s->db, 1);
	sqlite3_busy_timeout(s->db, BUSY_MS);
	src = sqlite3_create_function_v2(s->db, "kiosk_fold", 1, SQLITE_UTF8 |
					 SQLITE_DETERMINISTIC | SQLITE_INNOCUOUS, NULL,
					 sql_fold, NULL, NULL, NULL);
	if (src != SQLITE_OK)
		return fail_open(s, path, src);
	if (sqlite3_db_readonly(s->db, "main") == 1)
		return set_msg(s, STORE_IO, _("Cannot use %s: the file is read-only"), path);

	/* Only reads until the file is known to be ours and whole; and a
	 * refused file is closed without emptying a WAL found beside it into
	 * it (with none, closing removes the empty one opening made). */
	{
		char wal[4200];
		struct stat st;
		snprintf(wal, sizeof wal, "%s-wal", path);
		if (stat(wal, &st) == 0 && st.st_size > 0)
			sqlite3_db_config(s->db, SQLITE_DBCONFIG_NO_CKPT_ON_CLOSE, 1, NULL);
	}
	rc = check_contents(s, path, known, &version);
	if (rc == STORE_OK && version > 0)
		rc = check_wal(s, path);
	if (rc != STORE_OK)
		return rc;
	sqlite3_db_config(s->db, SQLITE_DBCONFIG_NO_CKPT_ON_CLOSE, 0, NULL);
	make_private(path);
	{
		struct stat st;
		if (stat(path, &st) != 0)
			return set_msg(s, STORE_IO, _("Cannot open %s (%s)"), path, strerror(errno));
		snprintf(s->path, sizeof s->path, "%s", path);
		s->dev = st.st_dev;
		s->ino = st.st_ino;
	}

	/* WAL and FULL sync: a power cut loses at most the record being saved.
	 * Temporary journals in memory: a batch's savepoints (store_begin) would
	 * otherwise write every page they touch to a temporary file. Secure
	 * delete: what a change or a forget removes is overwritten with zeros,
	 * not left in the file's free space (whatever SQLite's build default). */
	src = sqlite3_exec(s->db, "PRAGMA journal_mode = WAL; "
			   "PRAGMA synchronous = FULL; PRAGMA foreign_keys = ON; "
			   "PRAGMA temp_store = MEMORY; PRAGMA secure_delete = ON", NULL, NULL, NULL);
	if (src != SQLITE_OK)
		return fail_open(s, path, src);
	for (int step = (int)version; step < known; step++) {
		/* Steps after the first may seed records, which carry the kiosk's
		 * id: a new kiosk gets it as soon as step 1 made the settings. */
		if (step > 0 && s->kiosk[0] == '\0') {
			rc = load_kiosk_id(s);
			if (rc != STORE_OK)
				return rc;
		}
		rc = migrate_step(s, path, step);
		if (rc != STORE_OK)
			return rc;
	}
	s->schema = known;
	rc = load_kiosk_id(s);
	if (rc != STORE_OK)
		return rc;
	rc = setting_get_int(s, KEY_CLOCK, &s->clock_offset);
	if (rc == STORE_NOTFOUND) {
		s->clock_offset = 0;
		rc = STORE_OK;
	}
	return rc;
}

int store_open_at_version(const char *path, int version, store **out, char *err,
			  size_t errlen)
{
	store *s;
	int rc;

	assert(path && out);
	assert(version >= 1 && version <= MIGRATION_COUNT);
	*out = NULL;
	s = calloc(1, sizeof *s);
	if (!s) {
		if (err && errlen)
			snprintf(err, errlen, _("Not enough memory to open %s"), path);
		return STORE_IO;
	}
	rc = open_checked(s, path, version);
	if (rc != STORE_OK) {
		if (err && errlen)
			snprintf(err, errlen, "%s", s->errmsg);
		store_close(s);
		return rc;
	}
	set_msg(s, STORE_OK, _("No error."));
	*out = s;
	return STORE_OK;
}

int store_open(const char *path, store **out, char *err, size_t errlen)
{
	return store_open_at_version(path, MIGRATION_COUNT, out, err, errlen);
}

void store_close(store *s)
{
	if (!s)
		return;
	/* Every statement is finalized where it was prepared, so this cannot be
	 * refused; a failure would be a leaked statement, a bug. */
	int src = sqlite3_close(s->db);

	assert(src == SQLITE_OK);
	(void)src;
	sodium_memzero(s->sign_key, sizeof s->sign_key);
	free(s);
}

bool store_file_gone(const store *s)
{
	struct stat st;

	assert(s);
	/* An unlinked file still open keeps its inode: the path is what tells. */
	if (stat(s->path, &st) != 0)
		return errno == ENOENT || errno == ENOTDIR || errno == EIO || errno == ENODEV;
	return st.st_dev != s->dev || st.st_ino != s->ino;
}

int store_write_back(store **sp, char *err, size_t errlen)
{
	store *s, *fresh = NULL;
	sqlite3 *dst = NULL;
	sqlite3_backup *b = NULL;
	char tmp[4200], path[sizeof s->path];
	struct stat st;
	int rc = STORE_IO, src;

	assert(sp && *sp && err && errlen > 0);
	s = *sp;
	snprintf(path, sizeof path, "%s", s->path);
	/* Where nothing is, on the disk the file was on (not the empty folder a
	 * pulled stick leaves); or over an empty file (the path made again) or
	 * this kiosk's own file come back (the stick put back, older than what
	 * the kiosk holds). Never over another data file. */
	if (stat(path, &st) == 0) {
		if (!S_ISREG(st.st_mode) || (st.st_size != 0 && !same_kiosk(s, path))) {
			snprintf(err, errlen, _("Another file is now at %s: the kiosk does not write over it."), path);
			return STORE_IO;
		}
	} else {
		char dir[sizeof path];
		snprintf(dir, sizeof dir, "%s", path);
		char *slash = strrchr(dir, '/');
		if (slash)
			slash[slash == dir ? 1 : 0] = '\0';
		else
			snprintf(dir, sizeof dir, ".");
		if (stat(dir, &st) != 0 || st.st_dev != s->dev) {
			snprintf(err, errlen, _("The data file is gone (deleted, or its disk taken out): %s is not there."),
				 path);
			return STORE_IO;
		}
	}
	snprintf(tmp, sizeof tmp, "%s.back", path);
	unlink(tmp);
	if (create_private(s, tmp) != STORE_OK) {
		snprintf(err, errlen, "%s", s->errmsg);
		return STORE_IO;
	}
	/* The whole database as this connection sees it, WAL included, into a
	 * new file beside the path, then renamed onto it: whole or not at all. */
	src = sqlite3_open_v2(tmp, &dst, SQLITE_OPEN_READWRITE, NULL);
	if (src == SQLITE_OK) {
		b = sqlite3_backup_init(dst, "main", s->db, "main");
		src = b ? sqlite3_backup_step(b, -1) : sqlite3_errcode(dst);
		if (b && sqlite3_backup_finish(b) != SQLITE_OK && src == SQLITE_DONE)
			src = sqlite3_errcode(dst);
	}
	if (src != SQLITE_DONE) {
		snprintf(err, errlen, _("The data file could not be written back to %s (%s)"), path,
			 dst ? sqlite3_errmsg(dst) : sqlite3_errstr(src));
		goto out;
	}
	sqlite3_close(dst);
	dst = NULL;
	/* The old file's -wal and -shm at the path are this connection's:
	 * closing it empties the WAL into the deleted file and removes them. */
	store_close(s);
	*sp = NULL;
	/* Whatever -wal and -shm are left at the path belong to the file being
	 * replaced (the older copy on a stick put back): the copy must not be
	 * read through them. */
	for (size_t i = 0; i < 2; i++) {
		char beside[sizeof tmp];
		snprintf(beside, sizeof beside, "%s%s", path, i ? "-shm" : "-wal");
		unlink(beside);
	}
	if (rename(tmp, path) != 0) {
		snprintf(err, errlen, _("The data file could not be written back to %s (%s); it is in %s"), path,
			 strerror(errno), tmp);
		rc = store_open(tmp, &fresh, NULL, 0);
		*sp = fresh;
		return STORE_IO;
	}
	rc = store_open(path, &fresh, err, errlen);
	*sp = fresh;
	return rc;
out:
	sqlite3_close(dst);
	unlink(tmp);
	return rc;
}

const char *store_errmsg(const store *s)
{
	return s ? s->errmsg : _("The data file is not open.");
}

const char *store_kiosk_id(const store *s)
{
	assert(s);
	return s->kiosk;
}

const unsigned char *store_signing_key(const store *s)
{
	assert(s);
	return s->sign_key;
}

int store_schema_latest(void)
{
	return MIGRATION_COUNT;
}

int store_schema_version(store *s)
{
	int64_t v;

	assert(s);
	if (query_int(s->db, "PRAGMA user_version", &v) != SQLITE_OK)
		return -1;
	return (int)v;
}

sqlite3 *store_db(store *s)
{
	assert(s);
	return s->db;
}

/* ---- clock and settings --------------------------------------------------------- */

int64_t store_now(store *s)
{
	assert(s);
	return (int64_t)time(NULL) + s->clock_offset;
}

int store_clock_set(store *s, int64_t now)
{
	int64_t offset;
	int rc;

	assert(s);
	if (now < 0)
		return set_msg(s, STORE_INVALID, _("The time must be after 1970."));
	offset = now - (int64_t)time(NULL);
	rc = setting_put_int(s, KEY_CLOCK, offset, N_("the clock was not set"));
	if (rc == STORE_OK)
		s->clock_offset = offset;
	return rc;
}

int64_t store_setting_int(store *s, const char *key, int64_t def)
{
	int64_t v;

	assert(s && key);
	return setting_get_int(s, key, &v) == STORE_OK ? v : def;
}

int store_setting_set_int(store *s, const char *key, int64_t value)
{
	static const char *const reserved[] = {
		KEY_KIOSK, KEY_SEQ, KEY_CURRENT, KEY_PIN, KEY_CLOCK, KEY_IDEA_LABEL,
		KEY_LANGUAGE, KEY_IDEA_HIDDEN, KEY_PROMPT, KEY_PROMPT_EVENT, KEY_PROMPT_ITEM,
		KEY_SYNC_KEY, KEY_SIGN, KEY_PIN_FAILS, KEY_PIN_LOCKED, KEY_PIN_RECOVERY,
	};

	assert(s && key && key[0]);
	for (size_t i = 0; i < sizeof reserved / sizeof reserved[0]; i++) {
		if (strcmp(key, reserved[i]) == 0)
			return set_msg(s, STORE_INVALID, _("The setting %s is kept by the "
				       "kiosk itself."), key);
	}
	if (strncmp(key, KEY_ITEM_PREFIX, strlen(KEY_ITEM_PREFIX)) == 0 ||
	    strncmp(key, KEY_FORGOTTEN_PREFIX, strlen(KEY_FORGOTTEN_PREFIX)) == 0)
		return set_msg(s, STORE_INVALID, _("The setting %s is kept by the kiosk "
			       "itself."), key);
	return setting_put_int(s, key, value, N_("the setting was not saved"));
}

int store_language(store *s, char *buf, size_t cap)
{
	assert(s && buf && cap > 0);
	return setting_get_text(s, KEY_LANGUAGE, buf, cap);
}

int store_set_language(store *s, const char *code)
{
	assert(s && code && code[0]);
	return setting_put_text(s, KEY_LANGUAGE, code, N_("the language was not saved"));
}

/* ---- validation ----------------------------------------------------------------- */

/* Checks one text field: NUL-terminated within cap bytes, valid UTF-8, at most
 * max_chars characters, one line, and not blank when required. name is how the
 * message calls the field ("title"), marked N_() by the caller. */
static int check_text(store *s, const char *name, const char *text, size_t cap,
		      size_t max_chars, bool required)
{
	size_t len = strnlen(text, cap), chars = 0;
	bool blank = true;

	if (len == cap)
		/* TRANSLATORS: %s is the name of a field, such as "title" or
		 * "first name"; %zu is a number of characters. */
		return set_msg(s, STORE_INVALID, _("The %s is too long: at most %zu "
			       "characters."), _(name), max_chars);
	if (!text_valid_utf8(text, len))
		/* TRANSLATORS: %s is the name of a field, such as "title". */
		return set_msg(s, STORE_INVALID, _("The %s is not valid text (it is not "
			       "UTF-8)."), _(name));
	for (size_t i = 0; i < len; i++) {
		unsigned char c = (unsigned char)text[i];

		if (c < 0x20 || c == 0x7f)
			/* TRANSLATORS: %s is the name of a field, such as "title". */
			return set_msg(s, STORE_INVALID, _("The %s must be one line without "
				       "control characters."), _(name));
		if ((c & 0xc0) != 0x80)
			chars++;
		if (c != ' ')
			blank = false;
	}
	if (chars > max_chars)
		/* TRANSLATORS: %s is the name of a field, such as "title" or
		 * "first name"; %zu is a number of characters. */
		return set_msg(s, STORE_INVALID, _("The %s is too long: at most %zu "
			       "characters."), _(name), max_chars);
	if (required && blank)
		/* TRANSLATORS: %s is the name of a field, such as "title". */
		return set_msg(s, STORE_INVALID, _("The %s is empty."), _(name));
	return STORE_OK;
}

static bool two_digits(const char *p, int lo, int hi)
{
	if (p[0] < '0' || p[0] > '9' || p[1] < '0' || p[1] > '9')
		return false;
	int v = (p[0] - '0') * 10 + (p[1] - '0');
	return v >= lo && v <= hi;
}

/* "HH:MM", 00:00 to 23:59. */
static bool valid_hhmm(const char *p)
{
	return two_digits(p, 0, 23) && p[2] == ':' && two_digits(p + 3, 0, 59) &&
	       p[5] == '\0';
}

/* "YYYY-MM-DD HH:MM" naming a real day. Characters are read in order, so a short
 * string stops the check at its NUL. */
static bool valid_starts(const char *p)
{
	static const int days[12] = {31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};

	if (!two_digits(p, 0, 99) || !two_digits(p + 2, 0, 99) || p[4] != '-' ||
	    !two_digits(p + 5, 1, 12) || p[7] != '-' || !two_digits(p + 8, 1, 31) ||
	    p[10] != ' ' || !valid_hhmm(p + 11))
		return false;
	int year = (p[0] - '0') * 1000 + (p[1] - '0') * 100 + (p[2] - '0') * 10 + (p[3] - '0');
	int month = (p[5] - '0') * 10 + (p[6] - '0');
	int day = (p[8] - '0') * 10 + (p[9] - '0');
	bool leap = (year % 4 == 0 && year % 100 != 0) || year % 400 == 0;

	return day <= (month == 2 && !leap ? 28 : days[month - 1]);
}

static int check_event(store *s, const store_event *ev)
{
	/* TRANSLATORS: the name of a field, put into "The %s is empty." and the
	 * other messages about a field. */
	int rc = check_text(s, N_("title"), ev->title, STORE_TITLE_MAX, STORE_TITLE_CHARS, true);

	if (rc == STORE_OK)
		rc = check_text(s, N_("venue"), ev->venue, STORE_TEXT_MAX, STORE_TEXT_CHARS, false);
	if (rc == STORE_OK)
		rc = check_text(s, N_("community"), ev->community, STORE_TEXT_MAX,
				STORE_TEXT_CHARS, false);
	if (rc == STORE_OK && ev->starts[0] != '\0' && !valid_starts(ev->starts))
		rc = set_msg(s, STORE_INVALID, _("The start must be a date and time like "
			     "2025-03-14 09:30."));
	return rc;
}

static int check_agenda_item(store *s, const store_agenda_item *item)
{
	int rc = check_text(s, N_("title"), item->title, STORE_TITLE_MAX, STORE_TITLE_CHARS,
			    true);

	if (rc != STORE_OK)
		return rc;
	if (item->starts[0] != '\0' && !valid_hhmm(item->starts))
		return set_msg(s, STORE_INVALID, _("The start must be a time like 09:30."));
	/* Cast: the enum may be unsigned, and a negative value is as wrong. */
	if ((unsigned)item->activity >= STORE_ACT_COUNT)
		return set_msg(s, STORE_INVALID, _("The kind of activity is not one the "
			       "kiosk knows."));
	return STORE_OK;
}

/* An address's domain: at least two dot-separated labels of letters, digits,
 * hyphens (not at either end) or non-ASCII letters, the last not all digits
 * and at least two characters long. */
static bool valid_domain(const char *d)
{
	size_t labels = 0;

	for (;;) {
		size_t len = strcspn(d, "."), digits = 0;

		if (len == 0 || len > 63 || d[0] == '-' || d[len - 1] == '-')
			return false;
		for (size_t i = 0; i < len; i++) {
			unsigned char c = (unsigned char)d[i];

			if (c >= '0' && c <= '9')
				digits++;
			else if (!(c >= 0x80 || c == '-' || (c >= 'a' && c <= 'z') ||
				   (c >= 'A' && c <= 'Z')))
				return false;
		}
		labels++;
		if (d[len] == '\0')
			return labels >= 2 && len >= 2 && digits < len;
		d += len + 1;
	}
}

bool store_email_valid(const char *email)
{
	const char *at;
	size_t len;

	if (!email)
		return false;
	len = strnlen(email, STORE_EMAIL_MAX);
	if (len == 0)
		return true;
	if (len >= STORE_EMAIL_MAX || !text_valid_utf8(email, len))
		return false;
	at = strchr(email, '@');
	if (!at || strchr(at + 1, '@') || at == email || at - email > 64)
		return false;
	/* The local part: printable, no spaces or the characters that need
	 * quoting; dots only between other characters. */
	for (const char *p = email; p < at; p++) {
		unsigned char c = (unsigned char)*p;

		if (c <= ' ' || c == 0x7f || strchr("\"(),:;<>[\\]", c))
			return false;
	}
	if (email[0] == '.' || at[-1] == '.' || strstr(email, "..") != NULL)
		return false;
	return valid_domain(at + 1);
}

/* Checks a member's fields; the messages are shown to the attendee typing
 * them, so they speak to them. */
static int check_member(store *s, const store_member *m)
{
	char key[STORE_NAME_MAX];
	int rc;

	/* TRANSLATORS: the name of a field, put into "The %s is empty." and the
	 * other messages about a field. */
	rc = check_text(s, N_("first name"), m->first, STORE_NAME_MAX, STORE_NAME_CHARS, false);
	if (rc != STORE_OK)
		return rc;
	/* A name of only spaces or punctuation could never be found again. */
	text_fold(key, sizeof key, m->first);
	if (key[0] == '\0')
		return set_msg(s, STORE_INVALID, _("Please give a first name."));
	rc = check_text(s, N_("last name"), m->last, STORE_NAME_MAX, STORE_NAME_CHARS, false);
	if (rc == STORE_OK)
		rc = check_text(s, N_("organisation"), m->organisation, STORE_TEXT_MAX,
				STORE_TEXT_CHARS, false);
	if (rc == STORE_OK)
		rc = check_text(s, N_("profession"), m->profession, STORE_TEXT_MAX,
				STORE_TEXT_CHARS, false);
	if (rc == STORE_OK && !store_email_valid(m->email))
		rc = set_msg(s, STORE_INVALID, _("That email address does not look right: "
			     "it needs one @ and a domain like nhs.net."));
	return rc;
}

/* Copies a text column into dst (cap bytes); "" for NULL. */
static void copy_column(char *dst, size_t cap, sqlite3_stmt *st, int col)
{
	const unsigned char *t = sqlite3_column_text(st, col);

	snprintf(dst, cap, "%s", t ? (const char *)t : "");
}

/* ---- events --------------------------------------------------------------------- */

#define EVENT_COLUMNS "id, kiosk || '-' || seq, title, starts, venue, community, roles"

static void event_from_row(sqlite3_stmt *st, store_event *ev)
{
	memset(ev, 0, sizeof *ev);
	ev->id = sqlite3_column_int64(st, 0);
	copy_column(ev->gid, sizeof ev->gid, st, 1);
	copy_column(ev->title, sizeof ev->title, st, 2);
	copy_column(ev->starts, sizeof ev->starts, st, 3);
	copy_column(ev->venue, sizeof ev->venue, st, 4);
	copy_column(ev->community, sizeof ev->community, st, 5);
	ev->roles = sqlite3_column_int(st, 6) != 0;
}

static int insert_event(store *s, const store_event *ev, int64_t seq, int64_t *id)
{
	static const char sql[] =
		"INSERT INTO events (kiosk, seq, changed_seq, created_at, title, starts, "
		"venue, community, roles) VALUES (?1, ?2, ?2, ?3, ?4, ?5, ?6, ?7, ?8)";
	sqlite3_stmt *st = NULL;
	int rc = STORE_OK;

	if (sqlite3_prepare_v2(s->db, sql, -1, &st, NULL) != SQLITE_OK ||
	    sqlite3_bind_text(st, 1, s->kiosk, -1, SQLITE_STATIC) != SQLITE_OK ||
	    sqlite3_bind_int64(st, 2, seq) != SQLITE_OK ||
	    sqlite3_bind_int64(st, 3, store_now(s)) != SQLITE_OK ||
	    sqlite3_bind_text(st, 4, ev->title, -1, SQLITE_STATIC) != SQLITE_OK ||
	    sqlite3_bind_text(st, 5, ev->starts, -1, SQLITE_STATIC) != SQLITE_OK ||
	    sqlite3_bind_text(st, 6, ev->venue, -1, SQLITE_STATIC) != SQLITE_OK ||
	    sqlite3_bind_text(st, 7, ev->community, -1, SQLITE_STATIC) != SQLITE_OK ||
	    sqlite3_bind_int(st, 8, ev->roles ? 1 : 0) != SQLITE_OK ||
	    sqlite3_step(st) != SQLITE_DONE) {
		rc = fail_db(s, sqlite3_errcode(s->db), N_("the event was not saved"));
		goto out;
	}
	*id = sqlite3_last_insert_rowid(s->db);
out:
	sqlite3_finalize(st);
	return rc;
}

int store_event_add(store *s, store_event *ev)
{
	static const char what[] = N_("the event was not saved");
	int64_t seq = 0, id = 0;
	int rc;

	assert(s && ev);
	rc = check_event(s, ev);
	if (rc != STORE_OK)
		return rc;
	rc = tx_begin(s, what);
	if (rc != STORE_OK)
		return rc;
	rc = next_seq(s, &seq, what);
	if (rc == STORE_OK)
		rc = insert_event(s, ev, seq, &id);
	if (rc == STORE_OK)
		rc = setting_put_int(s, KEY_CURRENT, id, what);
	rc = tx_end(s, rc, what);
	if (rc == STORE_OK) {
		ev->id = id;
		snprintf(ev->gid, sizeof ev->gid, "%s-%lld", s->kiosk, (long long)seq);
	}
	return rc;
}

static int update_event(store *s, const store_event *ev, int64_t seq)
{
	static const char sql[] =
		"UPDATE events SET title = ?1, starts = ?2, venue = ?3, community = ?4, "
		"roles = ?5, changed_seq = ?6 WHERE id = ?7";
	static const char what[] = N_("the event was not changed");
	sqlite3_stmt *st = NULL;
	int rc = STORE_OK;

	if (sqlite3_prepare_v2(s->db, sql, -1, &st, NULL) != SQLITE_OK ||
	    sqlite3_bind_text(st, 1, ev->title, -1, SQLITE_STATIC) != SQLITE_OK ||
	    sqlite3_bind_text(st, 2, ev->starts, -1, SQLITE_STATIC) != SQLITE_OK ||
	    sqlite3_bind_text(st, 3, ev->venue, -1, SQLITE_STATIC) != SQLITE_OK ||
	    sqlite3_bind_text(st, 4, ev->community, -1, SQLITE_STATIC) != SQLITE_OK ||
	    sqlite3_bind_int(st, 5, ev->roles ? 1 : 0) != SQLITE_OK ||
	    sqlite3_bind_int64(st, 6, seq) != SQLITE_OK ||
	    sqlite3_bind_int64(st, 7, ev->id) != SQLITE_OK ||
	    sqlite3_step(st) != SQLITE_DONE) {
		rc = fail_db(s, sqlite3_errcode(s->db), what);
		goto out;
	}
	if (sqlite3_changes(s->db) == 0)
		rc = set_msg(s, STORE_NOTFOUND, _("There is no such event: %s."), _(what));
out:
	sqlite3_finalize(st);
	return rc;
}

int store_event_update(store *s, const store_event *ev)
{
	static const char what[] = N_("the event was not changed");
	int64_t seq = 0;
	int rc;

	assert(s && ev);
	rc = check_event(s, ev);
	if (rc != STORE_OK)
		return rc;
	rc = tx_begin(s, what);
	if (rc != STORE_OK)
		return rc;
	rc = next_seq(s, &seq, what);
	if (rc == STORE_OK)
		rc = update_event(s, ev, seq);
	return tx_end(s, rc, what);
}

int store_event_get(store *s, int64_t id, store_event *out)
{
	static const char sql[] = "SELECT " EVENT_COLUMNS " FROM events WHERE id = ?1";
	sqlite3_stmt *st = NULL;
	int rc = STORE_OK, src;

	assert(s && out);
	if (sqlite3_prepare_v2(s->db, sql, -1, &st, NULL) != SQLITE_OK ||
	    sqlite3_bind_int64(st, 1, id) != SQLITE_OK) {
		rc = fail_db(s, sqlite3_errcode(s->db), N_("the event could not be read"));
		goto out;
	}
	src = sqlite3_step(st);
	if (src == SQLITE_ROW)
		event_from_row(st, out);
	else if (src == SQLITE_DONE)
		rc = set_msg(s, STORE_NOTFOUND, _("There is no such event."));
	else
		rc = fail_db(s, src, N_("the event could not be read"));
out:
	sqlite3_finalize(st);
	return rc;
}

int store_event_list(store *s, store_event *out, int max, int *n)
{
	/* Newest start first; events without a start last, newest created first. */
	static const char sql[] =
		"SELECT " EVENT_COLUMNS " FROM events "
		"ORDER BY starts = '', starts DESC, seq DESC LIMIT ?1";
	sqlite3_stmt *st = NULL;
	int rc = STORE_OK, src, count = 0;

	assert(s && n && max >= 0 && (out || max == 0));
	*n = 0;
	if (sqlite3_prepare_v2(s->db, sql, -1, &st, NULL) != SQLITE_OK ||
	    sqlite3_bind_int(st, 1, max) != SQLITE_OK) {
		rc = fail_db(s, sqlite3_errcode(s->db), N_("the events could not be read"));
		goto out;
	}
	while ((src = sqlite3_step(st)) == SQLITE_ROW)
		event_from_row(st, &out[count++]);
	if (src != SQLITE_DONE) {
		rc = fail_db(s, src, N_("the events could not be read"));
		goto out;
	}
	*n = count;
out:
	sqlite3_finalize(st);
	return rc;
}

int store_event_current(store *s, store_event *out)
{
	int64_t id;
	int rc;

	assert(s && out);
	rc = setting_get_int(s, KEY_CURRENT, &id);
	if (rc == STORE_OK)
		rc = store_event_get(s, id, out);
	if (rc == STORE_NOTFOUND)
		set_msg(s, STORE_NOTFOUND, _("No event has been set up yet."));
	return rc;
}

int store_event_set_current(store *s, int64_t id)
{
	store_event ev;
	int rc;

	assert(s);
	rc = store_event_get(s, id, &ev);
	if (rc == STORE_OK)
		rc = setting_put_int(s, KEY_CURRENT, id, N_("the current event was not "
				     "changed"));
	return rc;
}

/* ---- agenda --------------------------------------------------------------------- */

static int insert_agenda_item(store *s, const store_agenda_item *item, int64_t seq,
			      int64_t *id)
{
	/* position: after the event's other items, for a manual order later. */
	static const char sql[] =
		"INSERT INTO agenda_items (kiosk, seq, changed_seq, created_at, event_id, "
		"title, starts, activity, position) VALUES (?1, ?2, ?2, ?3, ?4, ?5, ?6, "
		"?7, (SELECT coalesce(max(position), 0) + 1 FROM agenda_items "
		"WHERE event_id = ?4))";
	static const char what[] = N_("the agenda item was not saved");
	sqlite3_stmt *st = NULL;
	int rc = STORE_OK;

	if (sqlite3_prepare_v2(s->db, sql, -1, &st, NULL) != SQLITE_OK ||
	    sqlite3_bind_text(st, 1, s->kiosk, -1, SQLITE_STATIC) != SQLITE_OK ||
	    sqlite3_bind_int64(st, 2, seq) != SQLITE_OK ||
	    sqlite3_bind_int64(st, 3, store_now(s)) != SQLITE_OK ||
	    sqlite3_bind_int64(st, 4, item->event_id) != SQLITE_OK ||
	    sqlite3_bind_text(st, 5, item->title, -1, SQLITE_STATIC) != SQLITE_OK ||
	    sqlite3_bind_text(st, 6, item->starts, -1, SQLITE_STATIC) != SQLITE_OK ||
	    sqlite3_bind_int(st, 7, (int)item->activity) != SQLITE_OK ||
	    sqlite3_step(st) != SQLITE_DONE) {
		if (sqlite3_extended_errcode(s->db) == SQLITE_CONSTRAINT_FOREIGNKEY)
			rc = set_msg(s, STORE_NOTFOUND, _("There is no such event: %s."), _(what));
		else
			rc = fail_db(s, sqlite3_errcode(s->db), what);
		goto out;
	}
	*id = sqlite3_last_insert_rowid(s->db);
out:
	sqlite3_finalize(st);
	return rc;
}

int store_agenda_add(store *s, store_agenda_item *item)
{
	static const char what[] = N_("the agenda item was not saved");
	int64_t seq = 0, id = 0;
	int rc;

	assert(s && item);
	rc = check_agenda_item(s, item);
	if (rc != STORE_OK)
		return rc;
	rc = tx_begin(s, what);
	if (rc != STORE_OK)
		return rc;
	rc = next_seq(s, &seq, what);
	if (rc == STORE_OK)
		rc = insert_agenda_item(s, item, seq, &id);
	rc = tx_end(s, rc, what);
	if (rc == STORE_OK) {
		item->id = id;
		snprintf(item->gid, sizeof item->gid, "%s-%lld", s->kiosk, (long long)seq);
	}
	return rc;
}

static int update_agenda_item(store *s, const store_agenda_item *item, int64_t seq)
{
	/* The event an item belongs to stays as it was added. */
	static const char sql[] =
		"UPDATE agenda_items SET title = ?1, starts = ?2, activity = ?3, "
		"changed_seq = ?4 WHERE id = ?5 AND deleted = 0";
	static const char what[] = N_("the agenda item was not changed");
	sqlite3_stmt *st = NULL;
	int rc = STORE_OK;

	if (sqlite3_prepare_v2(s->db, sql, -1, &st, NULL) != SQLITE_OK ||
	    sqlite3_bind_text(st, 1, item->title, -1, SQLITE_STATIC) != SQLITE_OK ||
	    sqlite3_bind_text(st, 2, item->starts, -1, SQLITE_STATIC) != SQLITE_OK ||
	    sqlite3_bind_int(st, 3, (int)item->activity) != SQLITE_OK ||
	    sqlite3_bind_int64(st, 4, seq) != SQLITE_OK ||
	    sqlite3_bind_int64(st, 5, item->id) != SQLITE_OK ||
	    sqlite3_step(st) != SQLITE_DONE) {
		rc = fail_db(s, sqlite3_errcode(s->db), what);
		goto out;
	}
	if (sqlite3_changes(s->db) == 0)
		rc = set_msg(s, STORE_NOTFOUND, _("There is no such agenda item: %s."), _(what));
out:
	sqlite3_finalize(st);
	return rc;
}

int store_agenda_update(store *s, const store_agenda_item *item)
{
	static const char what[] = N_("the agenda item was not changed");
	int64_t seq = 0;
	int rc;

	assert(s && item);
	rc = check_agenda_item(s, item);
	if (rc != STORE_OK)
		return rc;
	rc = tx_begin(s, what);
	if (rc != STORE_OK)
		return rc;
	rc = next_seq(s, &seq, what);
	if (rc == STORE_OK)
		rc = update_agenda_item(s, item, seq);
	return tx_end(s, rc, what);
}

/* Runs sql, an UPDATE that marks one row with ?1 = a new change number where
 * id = ?2, and says plainly when there was no such thing to change: missing is
 * that whole sentence, an N_() message with one %s for what. */
static int mark_row(store *s, const char *sql, int64_t id, int64_t seq, const char *missing,
		    const char *what)
{
	sqlite3_stmt *st = NULL;
	int rc = STORE_OK;

	if (sqlite3_prepare_v2(s->db, sql, -1, &st, NULL) != SQLITE_OK ||
	    sqlite3_bind_int64(st, 1, seq) != SQLITE_OK ||
	    sqlite3_bind_int64(st, 2, id) != SQLITE_OK ||
	    sqlite3_step(st) != SQLITE_DONE) {
		rc = fail_db(s, sqlite3_errcode(s->db), what);
		goto out;
	}
	if (sqlite3_changes(s->db) == 0)
		rc = set_msg(s, STORE_NOTFOUND, _(missing), _(what));
out:
	sqlite3_finalize(st);
	return rc;
}

static int hide_agenda_item(store *s, int64_t id, int64_t seq)
{
	/* Hidden, not deleted: notes and answers keep their item, and the next
	 * sync tells the receiver. */
	static const char sql[] =
		"UPDATE agenda_items SET deleted = 1, changed_seq = ?1 "
		"WHERE id = ?2 AND deleted = 0";

	return mark_row(s, sql, id, seq, N_("There is no such agenda item: %s."),
			N_("the agenda item was not removed"));
}

int store_agenda_delete(store *s, int64_t id)
{
	static const char what[] = N_("the agenda item was not removed");
	int64_t seq = 0;
	int rc;

	assert(s);
	rc = tx_begin(s, what);
	if (rc != STORE_OK)
		return rc;
	rc = next_seq(s, &seq, what);
	if (rc == STORE_OK)
		rc = hide_agenda_item(s, id, seq);
	return tx_end(s, rc, what);
}

#define ITEM_COLUMNS "id, event_id, kiosk || '-' || seq, title, starts, activity"

static void item_from_row(sqlite3_stmt *st, store_agenda_item *it)
{
	int act = sqlite3_column_int(st, 5);

	memset(it, 0, sizeof *it);
	it->id = sqlite3_column_int64(st, 0);
	it->event_id = sqlite3_column_int64(st, 1);
	copy_column(it->gid, sizeof it->gid, st, 2);
	copy_column(it->title, sizeof it->title, st, 3);
	copy_column(it->starts, sizeof it->starts, st, 4);
	/* The table's CHECK keeps act in range. */
	it->activity = act >= 0 && act < STORE_ACT_COUNT ? (store_activity)act
							  : STORE_ACT_SHARING;
}

int store_agenda_list(store *s, int64_t event_id, store_agenda_item *out, int max, int *n)
{
	/* By start time, items without one last; then in the order they were added. */
	static const char sql[] =
		"SELECT " ITEM_COLUMNS " "
		"FROM agenda_items WHERE event_id = ?1 AND deleted = 0 "
		"ORDER BY starts = '', starts, position, seq LIMIT ?2";
	static const char what[] = N_("the agenda could not be read");
	sqlite3_stmt *st = NULL;
	int rc = STORE_OK, src, count = 0;

	assert(s && n && max >= 0 && (out || max == 0));
	*n = 0;
	if (sqlite3_prepare_v2(s->db, sql, -1, &st, NULL) != SQLITE_OK ||
	    sqlite3_bind_int64(st, 1, event_id) != SQLITE_OK ||
	    sqlite3_bind_int(st, 2, max) != SQLITE_OK) {
		rc = fail_db(s, sqlite3_errcode(s->db), what);
		goto out;
	}
	while ((src = sqlite3_step(st)) == SQLITE_ROW)
		item_from_row(st, &out[count++]);
	if (src != SQLITE_DONE) {
		rc = fail_db(s, src, what);
		goto out;
	}
	*n = count;
out:
	sqlite3_finalize(st);
	return rc;
}

const char *store_activity_name(store_activity a)
{
	assert((unsigned)a < STORE_ACT_COUNT);
	return (unsigned)a < STORE_ACT_COUNT ? activity_names[a] : N_("Other");
}

const char *store_activity_examples(store_activity a)
{
	assert((unsigned)a < STORE_ACT_COUNT);
	return (unsigned)a < STORE_ACT_COUNT ? activity_examples[a] : "";
}

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

/* ---- check-ins ------------------------------------------------------------------ */

int store_checkin_count(store *s, int64_t event_id, int *n)
{
	static const char sql[] =
		"SELECT count(*) FROM checkins WHERE event_id = ?1 AND undone = 0";
	sqlite3_stmt *st = NULL;
	int rc = STORE_OK;

	assert(s && n);
	*n = 0;
	if (sqlite3_prepare_v2(s->db, sql, -1, &st, NULL) != SQLITE_OK ||
	    sqlite3_bind_int64(st, 1, event_id) != SQLITE_OK ||
	    sqlite3_step(st) != SQLITE_ROW) {
		rc = fail_db(s, sqlite3_errcode(s->db), N_("the check-ins could not be counted"));
		goto out;
	}
	*n = sqlite3_column_int(st, 0);
out:
	sqlite3_finalize(st);
	return rc;
}

/* ---- members -------------------------------------------------------------------- */

/* The folded keys of a member: each part of the name for the search words,
 * "first last" for order and duplicates, the organisation for suggestions. */
typedef struct {
	char first[STORE_NAME_MAX];
	char last[STORE_NAME_MAX];
	char name[2 * STORE_NAME_MAX];
	char org[STORE_TEXT_MAX];
} member_keys;

static void member_keys_of(const store_member *m, member_keys *k)
{
	char both[2 * STORE_NAME_MAX];

	text_fold(k->first, sizeof k->first, m->first);
	text_fold(k->last, sizeof k->last, m->last);
	snprintf(both, sizeof both, "%s %s", m->first, m->last);
	text_fold(k->name, sizeof k->name, both);
	text_fold(k->org, sizeof k->org, m->organisation);
}

#define MEMBER_COLUMNS "id, kiosk || '-' || seq, first_name, last_name, organisation, " \
	"profession, email, mailing_list, may_contact"

static void member_from_row(sqlite3_stmt *st, store_member *m)
{
	memset(m, 0, sizeof *m);
	m->id = sqlite3_column_int64(st, 0);
	copy_column(m->gid, sizeof m->gid, st, 1);
	copy_column(m->first, sizeof m->first, st, 2);
	copy_column(m->last, sizeof m->last, st, 3);
	copy_column(m->organisation, sizeof m->organisation, st, 4);
	copy_column(m->profession, sizeof m->profession, st, 5);
	copy_column(m->email, sizeof m->email, st, 6);
	m->mailing_list = sqlite3_column_int(st, 7) != 0;
	m->may_contact = sqlite3_column_int(st, 8) != 0;
}

/* Steps a prepared query of MEMBER_COLUMNS once: the member into out, or
 * STORE_NOTFOUND. The caller finalizes st. */
static int step_member(store *s, sqlite3_stmt *st, store_member *out, const char *what)
{
	int src = sqlite3_step(st);

	if (src == SQLITE_ROW) {
		member_from_row(st, out);
		return STORE_OK;
	}
	if (src == SQLITE_DONE)
		return set_msg(s, STORE_NOTFOUND, _("There is no such member."));
	return fail_db(s, src, what);
}

/* Bytes of the first chars characters of the UTF-8 text w (len bytes), as
 * SQLite's substr counts them. */
static size_t prefix_len(const char *w, size_t len, int chars)
{
	size_t i = 0;

	for (int c = 0; c < chars && i < len; c++) {
		i++;
		while (i < len && ((unsigned char)w[i] & 0xC0) == 0x80)
			i++;
	}
	return i;
}

/* Steps word (the statement of insert_words, ?1 the word) and prefix (its
 * prefixes', ?1 the prefix; NULL below schema 7) for the len bytes of w;
 * SQLite's status. */
static int insert_word(sqlite3_stmt *word, sqlite3_stmt *prefix, const char *w, size_t len)
{
	int src = sqlite3_bind_text(word, 1, w, (int)len, SQLITE_STATIC);
	size_t end = 0;

	if (src == SQLITE_OK && (src = sqlite3_step(word)) == SQLITE_DONE)
		src = sqlite3_reset(word);
	for (int c = 0; prefix && c < PREFIX_CHARS && end < len && src == SQLITE_OK; c++) {
		end += prefix_len(w + end, len - end, 1);
		src = sqlite3_bind_text(prefix, 1, w, (int)end, SQLITE_STATIC);
		if (src == SQLITE_OK && (src = sqlite3_step(prefix)) == SQLITE_DONE)
			src = sqlite3_reset(prefix);
	}
	return src;
}

/* Indexes the words of member id's name, from the folded parts in k: each
 * word, and each run of a part's words to its end joined up, so that "odal"
 * finds Ó Dálaigh and "vanderb" van der Berg as well as "dal" and "berg" do;
 * and each word's prefixes under the member's name_key (migration 7).
 * The migrations to schemas 3 and 7 make the same rows in SQL. */
static int insert_words(store *s, int64_t id, const member_keys *k, const char *what)
{
	static const char sql[] =
		"INSERT OR IGNORE INTO member_words (word, member_id) VALUES (?1, ?2)";
	static const char prefix_sql[] =
		"INSERT OR IGNORE INTO member_prefixes (prefix, name_key, member_id) "
		"VALUES (?1, ?2, ?3)";
	const char *const parts[] = {k->first, k->last};
	char joined[STORE_NAME_MAX];
	sqlite3_stmt *st = NULL, *pst = NULL;
	int rc = STORE_OK;

	if (sqlite3_prepare_v2(s->db, sql, -1, &st, NULL) != SQLITE_OK ||
	    sqlite3_bind_int64(st, 2, id) != SQLITE_OK ||
	    (s->schema >= SCHEMA_PREFIXES &&
	     (sqlite3_prepare_v2(s->db, prefix_sql, -1, &pst, NULL) != SQLITE_OK ||
	      sqlite3_bind_text(pst, 2, k->name, -1, SQLITE_STATIC) != SQLITE_OK ||
	      sqlite3_bind_int64(pst, 3, id) != SQLITE_OK))) {
		rc = fail_db(s, sqlite3_errcode(s->db), what);
		goto out;
	}
	for (size_t p = 0; p < sizeof parts / sizeof parts[0]; p++) {
		/* A folded part has single spaces and none at either end. */
		for (const char *w = parts[p]; *w != '\0';) {
			size_t len = strcspn(w, " "), n = 0;

			for (const char *c = w; *c != '\0'; c++) {
				if (*c != ' ')
					joined[n++] = *c;
			}
			if (insert_word(st, pst, w, len) != SQLITE_OK ||
			    (n > len && insert_word(st, pst, joined, n) != SQLITE_OK)) {
				rc = fail_db(s, sqlite3_errcode(s->db), what);
				goto out;
			}
			w += len;
			if (*w == ' ')
				w++;
		}
	}
out:
	sqlite3_finalize(pst);
	sqlite3_finalize(st);
	return rc;
}

/* Removes member id's words and their prefixes. The prefixes are found from
 * the words and the name_key members holds, so this runs before a change of
 * the member's name. */
static int delete_words(store *s, int64_t id, const char *what)
{
	static const char prefix_sql[] =
		"WITH RECURSIVE p (word, n) AS (\n"
		"	SELECT word, 1 FROM member_words WHERE member_id = ?1\n"
		"	UNION ALL\n"
		"	SELECT word, n + 1 FROM p WHERE n < min(length(word), " PREFIX_CHARS_SQL ")\n"
		")\n"
		"DELETE FROM member_prefixes WHERE prefix IN (SELECT substr(word, 1, n) FROM p)\n"
		"	AND name_key = (SELECT name_key FROM members WHERE id = ?1)\n"
		"	AND member_id = ?1";
	static const char sql[] = "DELETE FROM member_words WHERE member_id = ?1";
	sqlite3_stmt *st = NULL;
	int rc = STORE_OK;

	/* A store opened at an older schema (store_open_at_version) has none. */
	if (s->schema >= SCHEMA_PREFIXES &&
	    (sqlite3_prepare_v2(s->db, prefix_sql, -1, &st, NULL) != SQLITE_OK ||
	     sqlite3_bind_int64(st, 1, id) != SQLITE_OK ||
	     sqlite3_step(st) != SQLITE_DONE)) {
		rc = fail_db(s, sqlite3_errcode(s->db), what);
		goto out;
	}
	sqlite3_finalize(st);
	st = NULL;
	if (sqlite3_prepare_v2(s->db, sql, -1, &st, NULL) != SQLITE_OK ||
	    sqlite3_bind_int64(st, 1, id) != SQLITE_OK ||
	    sqlite3_step(st) != SQLITE_DONE)
		rc = fail_db(s, sqlite3_errcode(s->db), what);
out:
	sqlite3_finalize(st);
	return rc;
}

static int insert_member(store *s, const store_member *m, const member_keys *k,
			 int64_t seq, int64_t *id)
{
	static const char sql[] =
		"INSERT INTO members (kiosk, seq, changed_seq, created_at, first_name, "
		"last_name, organisation, profession, email, mailing_list, may_contact, "
		"name_key, org_key) VALUES (?1, ?2, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, "
		"?11, ?12)";
	sqlite3_stmt *st = NULL;
	int rc = STORE_OK;

	if (sqlite3_prepare_v2(s->db, sql, -1, &st, NULL) != SQLITE_OK ||
	    sqlite3_bind_text(st, 1, s->kiosk, -1, SQLITE_STATIC) != SQLITE_OK ||
	    sqlite3_bind_int64(st, 2, seq) != SQLITE_OK ||
	    sqlite3_bind_int64(st, 3, store_now(s)) != SQLITE_OK ||
	    sqlite3_bind_text(st, 4, m->first, -1, SQLITE_STATIC) != SQLITE_OK ||
	    sqlite3_bind_text(st, 5, m->last, -1, SQLITE_STATIC) != SQLITE_OK ||
	    sqlite3_bind_text(st, 6, m->organisation, -1, SQLITE_STATIC) != SQLITE_OK ||
	    sqlite3_bind_text(st, 7, m->profession, -1, SQLITE_STATIC) != SQLITE_OK ||
	    sqlite3_bind_text(st, 8, m->email, -1, SQLITE_STATIC) != SQLITE_OK ||
	    sqlite3_bind_int(st, 9, m->mailing_list ? 1 : 0) != SQLITE_OK ||
	    sqlite3_bind_int(st, 10, m->may_contact ? 1 : 0) != SQLITE_OK ||
	    sqlite3_bind_text(st, 11, k->name, -1, SQLITE_STATIC) != SQLITE_OK ||
	    sqlite3_bind_text(st, 12, k->org, -1, SQLITE_STATIC) != SQLITE_OK ||
	    sqlite3_step(st) != SQLITE_DONE) {
		rc = fail_db(s, sqlite3_errcode(s->db), N_("the member was not saved"));
		goto out;
	}
	*id = sqlite3_last_insert_rowid(s->db);
out:
	sqlite3_finalize(st);
	return rc;
}

/* Inside a transaction: a new member's row, with its sequence number and
 * its search words. */
static int add_member(store *s, const store_member *m, int64_t *seq, int64_t *id, const char *what)
{
	member_keys k;
	int rc;

	member_keys_of(m, &k);
	rc = next_seq(s, seq, what);
	if (rc == STORE_OK)
		rc = insert_member(s, m, &k, *seq, id);
	if (rc == STORE_OK)
		rc = insert_words(s, *id, &k, what);
	return rc;
}

int store_member_add(store *s, store_member *m)
{
	static const char what[] = N_("the member was not saved");
	int64_t seq = 0, id = 0;
	int rc;

	assert(s && m);
	rc = check_member(s, m);
	if (rc != STORE_OK)
		return rc;
	rc = tx_begin(s, what);
	if (rc != STORE_OK)
		return rc;
	rc = add_member(s, m, &seq, &id, what);
	rc = tx_end(s, rc, what);
	if (rc == STORE_OK) {
		m->id = id;
		snprintf(m->gid, sizeof m->gid, "%s-%lld", s->kiosk, (long long)seq);
	}
	return rc;
}

static int update_member(store *s, const store_member *m, const member_keys *k,
			 int64_t seq)
{
	/* A forgotten member stays forgotten: their details are not put back. */
	static const char sql[] =
		"UPDATE members SET first_name = ?1, last_name = ?2, organisation = ?3, "
		"profession = ?4, email = ?5, mailing_list = ?6, may_contact = ?7, "
		"name_key = ?8, org_key = ?9, changed_seq = ?10 "
		"WHERE id = ?11 AND forgotten = 0";
	static const char what[] = N_("the member's details were not changed");
	sqlite3_stmt *st = NULL;
	int rc = STORE_OK;

	if (sqlite3_prepare_v2(s->db, sql, -1, &st, NULL) != SQLITE_OK ||
	    sqlite3_bind_text(st, 1, m->first, -1, SQLITE_STATIC) != SQLITE_OK ||
	    sqlite3_bind_text(st, 2, m->last, -1, SQLITE_STATIC) != SQLITE_OK ||
	    sqlite3_bind_text(st, 3, m->organisation, -1, SQLITE_STATIC) != SQLITE_OK ||
	    sqlite3_bind_text(st, 4, m->profession, -1, SQLITE_STATIC) != SQLITE_OK ||
	    sqlite3_bind_text(st, 5, m->email, -1, SQLITE_STATIC) != SQLITE_OK ||
	    sqlite3_bind_int(st, 6, m->mailing_list ? 1 : 0) != SQLITE_OK ||
	    sqlite3_bind_int(st, 7, m->may_contact ? 1 : 0) != SQLITE_OK ||
	    sqlite3_bind_text(st, 8, k->name, -1, SQLITE_STATIC) != SQLITE_OK ||
	    sqlite3_bind_text(st, 9, k->org, -1, SQLITE_STATIC) != SQLITE_OK ||
	    sqlite3_bind_int64(st, 10, seq) != SQLITE_OK ||
	    sqlite3_bind_int64(st, 11, m->id) != SQLITE_OK ||
	    sqlite3_step(st) != SQLITE_DONE) {
		rc = fail_db(s, sqlite3_errcode(s->db), what);
		goto out;
	}
	if (sqlite3_changes(s->db) == 0)
		rc = set_msg(s, STORE_NOTFOUND, _("There is no such member: %s."), _(what));
out:
	sqlite3_finalize(st);
	return rc;
}

int store_member_update(store *s, const store_member *m)
{
	static const char what[] = N_("the member's details were not changed");
	member_keys k;
	int64_t seq = 0;
	int rc;

	assert(s && m);
	rc = check_member(s, m);
	if (rc != STORE_OK)
		return rc;
	member_keys_of(m, &k);
	rc = tx_begin(s, what);
	if (rc != STORE_OK)
		return rc;
	rc = next_seq(s, &seq, what);
	if (rc == STORE_OK)
		rc = delete_words(s, m->id, what);
	if (rc == STORE_OK)
		rc = update_member(s, m, &k, seq);
	if (rc == STORE_OK)
		rc = insert_words(s, m->id, &k, what);
	return tx_end(s, rc, what);
}

int store_member_get(store *s, int64_t id, store_member *out)
{
	static const char sql[] =
		"SELECT " MEMBER_COLUMNS ", forgotten FROM members WHERE id = ?1";
	static const char what[] = N_("the member could not be read");
	sqlite3_stmt *st = NULL;
	int rc = STORE_OK, src;

	assert(s && out);
	if (sqlite3_prepare_v2(s->db, sql, -1, &st, NULL) != SQLITE_OK ||
	    sqlite3_bind_int64(st, 1, id) != SQLITE_OK) {
		rc = fail_db(s, sqlite3_errcode(s->db), what);
		goto out;
	}
	src = sqlite3_step(st);
	if (src == SQLITE_ROW && sqlite3_column_int(st, 9) != 0)
		rc = set_msg(s, STORE_NOTFOUND, _("This member's details have been removed."));
	else if (src == SQLITE_ROW)
		member_from_row(st, out);
	else if (src == SQLITE_DONE)
		rc = set_msg(s, STORE_NOTFOUND, _("There is no such member."));
	else
		rc = fail_db(s, src, what);
out:
	sqlite3_finalize(st);
	return rc;
}

/* ---- search --------------------------------------------------------------------- */

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

/* Folds query and splits it into words, longest first: the longest word
 * usually matches fewest names, so it leads the search. */
static void split_query(const char *query, query_words *q)
{
	char folded[1024];
	const char *start[QUERY_WORDS] = {NULL};
	size_t len[QUERY_WORDS] = {0};
	int n = 0;

	memset(q, 0, sizeof *q);
	text_fold(folded, sizeof folded, query);
	for (const char *w = folded; *w != '\0';) {
		size_t l = strcspn(w, " ");
		int at = n;

		if (l >= STORE_NAME_MAX) {
			/* Longer than a name may be: nothing can match. */
			q->impossible = true;
		} else {
			/* Insertion into the longest-first list, keeping QUERY_WORDS. */
			while (at > 0 && len[at - 1] < l)
				at--;
			if (at < QUERY_WORDS) {
				int last = n < QUERY_WORDS ? n : QUERY_WORDS - 1;

				for (int i = last; i > at; i--) {
					start[i] = start[i - 1];
					len[i] = len[i - 1];
				}
				start[at] = w;
				len[at] = l;
				if (n < QUERY_WORDS)
					n++;
			}
		}
		w += l;
		if (*w == ' ')
			w++;
	}
	for (int i = 0; i < n; i++) {
		memcpy(q->word[i], start[i], len[i]);
		q->word[i][len[i]] = (char)0xFF;
		q->len[i] = len[i];
	}
	q->n = n;
}

/* Binds q to parameters ?1 to ?12: the start and end of word i's range as ?2i+1
 * and ?2i+2, NULL for the words q does not have. */
static int bind_words(sqlite3_stmt *st, const query_words *q)
{
	int src = SQLITE_OK;

	for (int i = 0; i < QUERY_WORDS && src == SQLITE_OK; i++) {
		if (i < q->n) {
			src = sqlite3_bind_text(st, 2 * i + 1, q->word[i], (int)q->len[i],
						SQLITE_STATIC);
			if (src == SQLITE_OK)
				src = sqlite3_bind_text(st, 2 * i + 2, q->word[i],
							(int)q->len[i] + 1, SQLITE_STATIC);
		} else {
			src = sqlite3_bind_null(st, 2 * i + 1);
			if (src == SQLITE_OK)
				src = sqlite3_bind_null(st, 2 * i + 2);
		}
	}
	return src;
}

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

/* One cursor a typed word: the members with a word starting with it, in name
 * order (name_key, then id), read from member_prefixes. A word longer than
 * PREFIX_CHARS reads the range of its first PREFIX_CHARS characters (?1) and
 * keeps the members that have a word starting with all of it ([?4, ?5)); ?2
 * and ?3 are where the cursor jumps to. Shared with store_search_plan. */
#define CURSOR_SQL \
	"SELECT name_key, member_id FROM member_prefixes WHERE prefix = ?1 " \
	"AND (name_key, member_id) >= (?2, ?3) AND (?4 IS NULL OR EXISTS " \
	"(SELECT 1 FROM member_words WHERE member_words.member_id = " \
	"member_prefixes.member_id AND word >= ?4 AND word < ?5)) " \
	"ORDER BY name_key, member_id"
/* A member found, read by id. */
#define FOUND_SQL "SELECT " MEMBER_COLUMNS " FROM members WHERE id = ?1 AND forgotten = 0"

/* Rows a cursor steps through before it jumps through the index instead: the
 * next member of the other words is usually near. */
#define CURSOR_STEPS 4

typedef struct {
	sqlite3_stmt *st;
	const char *key;        /* the member it stands on: its name_key and id, */
	int64_t id;             /* valid until the cursor moves */
} word_cursor;

/* A member found: the name_key that orders the list first, and the member. */
typedef struct {
	char key[2 * STORE_NAME_MAX];
	store_member m;
} search_hit;

typedef struct {
	search_hit *hit;
	int n, cap;
} search_hits;

static int cursor_compare(const word_cursor *c, const char *key, int64_t id)
{
	int d = strcmp(c->key, key);

	return d != 0 ? d : (c->id > id) - (c->id < id);
}

/* Moves c to its next member: SQLITE_ROW, SQLITE_DONE past the last one, or
 * SQLite's error. */
static int cursor_step(word_cursor *c)
{
	int src = sqlite3_step(c->st);

	if (src == SQLITE_ROW) {
		const unsigned char *key = sqlite3_column_text(c->st, 0);

		c->key = key ? (const char *)key : "";
		c->id = sqlite3_column_int64(c->st, 1);
	}
	return src;
}

/* Moves c (standing on a member) to its first member at or after (key, id),
 * which may be another cursor's: a few steps, then a jump. As cursor_step. */
static int cursor_seek(word_cursor *c, const char *key, int64_t id)
{
	int src = SQLITE_ROW;

	for (int i = 0; i < CURSOR_STEPS && src == SQLITE_ROW && cursor_compare(c, key, id) < 0; i++)
		src = cursor_step(c);
	if (src != SQLITE_ROW || cursor_compare(c, key, id) >= 0)
		return src;
	if ((src = sqlite3_reset(c->st)) != SQLITE_OK ||
	    (src = sqlite3_bind_text(c->st, 2, key, -1, SQLITE_TRANSIENT)) != SQLITE_OK ||
	    (src = sqlite3_bind_int64(c->st, 3, id)) != SQLITE_OK)
		return src;
	return cursor_step(c);
}

/* Prepares c for word i of q, at the start of its range. */
static int cursor_open(store *s, const query_words *q, int i, word_cursor *c)
{
	const char *w = q->word[i];
	size_t len = q->len[i], prefix = prefix_len(w, len, PREFIX_CHARS);
	int src;

	if ((src = sqlite3_prepare_v2(s->db, CURSOR_SQL, -1, &c->st, NULL)) != SQLITE_OK ||
	    (src = sqlite3_bind_text(c->st, 1, w, (int)prefix, SQLITE_STATIC)) != SQLITE_OK ||
	    (src = sqlite3_bind_text(c->st, 2, "", 0, SQLITE_STATIC)) != SQLITE_OK ||
	    (src = sqlite3_bind_int64(c->st, 3, 0)) != SQLITE_OK)
		return src;
	/* The range of the whole word: see query_words. */
	if (prefix < len &&
	    ((src = sqlite3_bind_text(c->st, 4, w, (int)len, SQLITE_STATIC)) != SQLITE_OK ||
	     (src = sqlite3_bind_text(c->st, 5, w, (int)len + 1, SQLITE_STATIC)) != SQLITE_OK))
		return src;
	return SQLITE_OK;
}

/* Appends the member the cursors agree on (its details are read later). */
static bool hits_add(search_hits *h, const char *key, int64_t id)
{
	if (h->n == h->cap) {
		int cap = h->cap ? 2 * h->cap : 64;
		search_hit *more = realloc(h->hit, (size_t)cap * sizeof *more);

		if (!more)
			return false;
		h->hit = more;
		h->cap = cap;
	}
	snprintf(h->hit[h->n].key, sizeof h->hit[h->n].key, "%s", key);
	h->hit[h->n].m.id = id;
	h->n++;
	return true;
}

/* Walks the nc cursors (each standing before its first member) together: the
 * ones behind jump to the one ahead until all stand on the same member, a
 * match (a leapfrog join). So it reads about as many rows as it finds, however
 * many names each word matches alone. Stops after max matches and every
 * further one with the max-th's name_key, which the list orders by first and
 * last name. SQLITE_OK, SQLITE_NOMEM or SQLite's error. */
static int search_walk(word_cursor *c, int nc, int max, search_hits *h)
{
	int src = SQLITE_ROW;

	for (int i = 0; i < nc && src == SQLITE_ROW; i++)
		src = cursor_step(&c[i]);
	while (src == SQLITE_ROW) {
		int ahead = 0;
		bool same = true;

		for (int i = 1; i < nc; i++) {
			if (cursor_compare(&c[i], c[ahead].key, c[ahead].id) > 0)
				ahead = i;
		}
		for (int i = 0; i < nc && src == SQLITE_ROW; i++) {
			if (cursor_compare(&c[i], c[ahead].key, c[ahead].id) < 0) {
				same = false;
				src = cursor_seek(&c[i], c[ahead].key, c[ahead].id);
			}
		}
		if (!same)
			continue;
		if (h->n >= max && strcmp(c[0].key, h->hit[max - 1].key) != 0)
			return SQLITE_OK;
		if (!hits_add(h, c[0].key, c[0].id))
			return SQLITE_NOMEM;
		src = cursor_step(&c[0]);
	}
	return src == SQLITE_DONE ? SQLITE_OK : src;
}

static int hit_order(const void *a, const void *b)
{
	const search_hit *x = a, *y = b;
	int d = strcmp(x->key, y->key);

	if (d == 0)
		d = strcmp(x->m.first, y->m.first);
	if (d == 0)
		d = strcmp(x->m.last, y->m.last);
	return d != 0 ? d : (x->m.id > y->m.id) - (x->m.id < y->m.id);
}

/* Reads the details of the members in h, leaving out any no longer there. */
static int hits_read(store *s, search_hits *h)
{
	sqlite3_stmt *st = NULL;
	int src, kept = 0;

	src = sqlite3_prepare_v2(s->db, FOUND_SQL, -1, &st, NULL);
	for (int i = 0; i < h->n && src == SQLITE_OK; i++) {
		src = sqlite3_bind_int64(st, 1, h->hit[i].m.id);
		if (src == SQLITE_OK)
			src = sqlite3_step(st);
		if (src == SQLITE_ROW) {
			if (kept != i)
				memcpy(h->hit[kept].key, h->hit[i].key, sizeof h->hit[i].key);
			member_from_row(st, &h->hit[kept++].m);
		}
		if (src == SQLITE_ROW || src == SQLITE_DONE)
			src = sqlite3_reset(st);
	}
	sqlite3_finalize(st);
	h->n = kept;
	return src;
}

int store_member_search(store *s, const char *query, store_member *out, int max, int *n)
{
	static const char what[] = N_("the members could not be searched");
	word_cursor c[QUERY_WORDS] = {{0}};
	search_hits h = {0};
	query_words q;
	int rc = STORE_OK, src = SQLITE_OK;

	assert(s && n && max >= 0 && (out || max == 0));
	*n = 0;
	split_query(query, &q);
	if (q.n == 0 || q.impossible || max == 0)
		return STORE_OK;
	for (int i = 0; i < q.n && src == SQLITE_OK; i++)
		src = cursor_open(s, &q, i, &c[i]);
	if (src == SQLITE_OK)
		src = search_walk(c, q.n, max, &h);
	if (src == SQLITE_OK)
		src = hits_read(s, &h);
	if (src != SQLITE_OK) {
		rc = fail_db(s, src, what);
		goto out;
	}
	/* Only the last name_key's members may be out of order. */
	if (h.n > 1)
		qsort(h.hit, (size_t)h.n, sizeof h.hit[0], hit_order);
	for (int i = 0; i < h.n && i < max; i++)
		out[i] = h.hit[i].m;
	*n = h.n < max ? h.n : max;
out:
	for (int i = 0; i < q.n; i++)
		sqlite3_finalize(c[i].st);
	free(h.hit);
	return rc;
}

int store_search_plan(store *s, char *out, size_t cap)
{
	static const char *const sql[] = {"EXPLAIN QUERY PLAN " CURSOR_SQL,
					  "EXPLAIN QUERY PLAN " FOUND_SQL};
	sqlite3_stmt *st = NULL;
	size_t used = 0;
	int rc = STORE_OK, src = SQLITE_DONE;

	assert(s && out && cap > 0);
	out[0] = '\0';
	for (size_t i = 0; i < sizeof sql / sizeof sql[0] && src == SQLITE_DONE; i++) {
		if (sqlite3_prepare_v2(s->db, sql[i], -1, &st, NULL) != SQLITE_OK) {
			rc = fail_db(s, sqlite3_errcode(s->db), N_("the search could not be explained"));
			goto out;
		}
		while ((src = sqlite3_step(st)) == SQLITE_ROW && used < cap) {
			const unsigned char *detail = sqlite3_column_text(st, 3);
			int w = snprintf(out + used, cap - used, "%s\n",
					 detail ? (const char *)detail : "");

			used += w > 0 ? (size_t)w : 0;
		}
		sqlite3_finalize(st);
		st = NULL;
	}
	if (src != SQLITE_DONE && src != SQLITE_ROW)
		rc = fail_db(s, src, N_("the search could not be explained"));
out:
	sqlite3_finalize(st);
	return rc;
}

int store_member_find_same(store *s, const store_member *m, store_member *out)
{
	static const char sql[] =
		"SELECT " MEMBER_COLUMNS " FROM members WHERE name_key = ?1 AND "
		"org_key = ?2 AND forgotten = 0 ORDER BY seq LIMIT 1";
	static const char what[] = N_("the members could not be searched");
	sqlite3_stmt *st = NULL;
	member_keys k;
	int rc;

	assert(s && m && out);
	member_keys_of(m, &k);
	if (k.name[0] == '\0')
		return set_msg(s, STORE_NOTFOUND, _("There is no such member."));
	if (sqlite3_prepare_v2(s->db, sql, -1, &st, NULL) != SQLITE_OK ||
	    sqlite3_bind_text(st, 1, k.name, -1, SQLITE_STATIC) != SQLITE_OK ||
	    sqlite3_bind_text(st, 2, k.org, -1, SQLITE_STATIC) != SQLITE_OK) {
		rc = fail_db(s, sqlite3_errcode(s->db), what);
		goto out;
	}
	rc = step_member(s, st, out, what);
out:
	sqlite3_finalize(st);
	return rc;
}

int store_member_find_email(store *s, const char *email, store_member *out)
{
	/* lower(): the expression the index members_email was made on. */
	static const char sql[] =
		"SELECT " MEMBER_COLUMNS " FROM members WHERE lower(email) = lower(?1) "
		"AND forgotten = 0 ORDER BY seq LIMIT 1";
	static const char what[] = N_("the members could not be searched");
	sqlite3_stmt *st = NULL;
	int rc;

	assert(s && email && out);
	if (email[0] == '\0')
		return set_msg(s, STORE_NOTFOUND, _("There is no such member."));
	if (sqlite3_prepare_v2(s->db, sql, -1, &st, NULL) != SQLITE_OK ||
	    sqlite3_bind_text(st, 1, email, -1, SQLITE_STATIC) != SQLITE_OK) {
		rc = fail_db(s, sqlite3_errcode(s->db), what);
		goto out;
	}
	rc = step_member(s, st, out, what);
out:
	sqlite3_finalize(st);
	return rc;
}

static int blank_member(store *s, int64_t id, int64_t seq)
{
	/* The profession stays: alone it names nobody, and it keeps the mix of
	 * professions at past events true. */
	static const char sql[] =
		"UPDATE members SET first_name = '', last_name = '', organisation = '', "
		"email = '', mailing_list = 0, may_contact = 0, name_key = '', "
		"org_key = '', forgotten = 1, changed_seq = ?1 "
		"WHERE id = ?2 AND forgotten = 0";

	return mark_row(s, sql, id, seq, N_("There is no such member: %s."),
			N_("the member was not forgotten"));
}

/* A forgotten person's token, in hex, for the settings' key: the keyed hash
 * (BLAKE2b, keyed with the kiosk's id) of kind ("email" or "name") and what a
 * roster row is recognised by — the address in lower case, or the folded name
 * and organisation — so that a later roster listing them leaves them out
 * without the file keeping their name or address. It is not the name: but
 * someone with the file and a guess can tell whether that guess was
 * forgotten here. */
static void forgotten_key(const store *s, const char *kind, const char *text, char key[128])
{
	unsigned char hash[32];
	crypto_generichash_state h;

	_Static_assert(KIOSK_ID_LEN >= crypto_generichash_KEYBYTES_MIN, "the kiosk id keys the hash");
	crypto_generichash_init(&h, (const unsigned char *)s->kiosk, KIOSK_ID_LEN, sizeof hash);
	crypto_generichash_update(&h, (const unsigned char *)kind, strlen(kind) + 1);
	crypto_generichash_update(&h, (const unsigned char *)text, strlen(text));
	crypto_generichash_final(&h, hash, sizeof hash);
	memcpy(key, KEY_FORGOTTEN_PREFIX, strlen(KEY_FORGOTTEN_PREFIX));
	sodium_bin2hex(key + strlen(KEY_FORGOTTEN_PREFIX), 2 * sizeof hash + 1, hash, sizeof hash);
}

/* The tokens of m: by name and organisation always, by email when it has
 * one; returns how many (1 or 2). */
static int forgotten_keys(const store *s, const store_member *m, char keys[2][128])
{
	member_keys k;
	char text[sizeof k.name + sizeof k.org + 1], email[STORE_EMAIL_MAX];
	size_t i;

	member_keys_of(m, &k);
	snprintf(text, sizeof text, "%s\x1f%s", k.name, k.org);
	forgotten_key(s, "name", text, keys[0]);
	for (i = 0; m->email[i] && i + 1 < sizeof email; i++)
		email[i] = (char)(m->email[i] >= 'A' && m->email[i] <= 'Z' ? m->email[i] - 'A' + 'a' : m->email[i]);
	email[i] = '\0';
	if (!email[0])
		return 1;
	forgotten_key(s, "email", email, keys[1]);
	return 2;
}

/* Keeps member id's tokens (forgotten_key), before their details go. A
 * member not there (or forgotten already) is left to blank_member to say. */
static int remember_forgotten(store *s, int64_t id, const char *what)
{
	static const char sql[] =
		"SELECT " MEMBER_COLUMNS " FROM members WHERE id = ?1 AND forgotten = 0";
	char keys[2][128];
	store_member m;
	sqlite3_stmt *st = NULL;
	int rc;

	if (sqlite3_prepare_v2(s->db, sql, -1, &st, NULL) != SQLITE_OK ||
	    sqlite3_bind_int64(st, 1, id) != SQLITE_OK) {
		rc = fail_db(s, sqlite3_errcode(s->db), what);
		goto out;
	}
	rc = step_member(s, st, &m, what);
	if (rc == STORE_NOTFOUND) {
		rc = STORE_OK;
		goto out;
	}
	for (int i = 0, n = rc == STORE_OK ? forgotten_keys(s, &m, keys) : 0; i < n && rc == STORE_OK; i++)
		rc = setting_put_int(s, keys[i], 1, what);
	sodium_memzero(&m, sizeof m);
out:
	sqlite3_finalize(st);
	return rc;
}

int store_member_forgotten(store *s, const store_member *m)
{
	char keys[2][128];
	int64_t v;
	int rc = STORE_NOTFOUND;

	assert(s && m);
	for (int i = 0, n = forgotten_keys(s, m, keys); i < n && rc == STORE_NOTFOUND; i++)
		rc = setting_get_int(s, keys[i], &v);
	if (rc == STORE_NOTFOUND)
		return set_msg(s, STORE_NOTFOUND, _("There is no such member."));
	return rc;
}

static int scrub_batches(store *s, int64_t id, const char *what);

int store_member_forget(store *s, int64_t id)
{
	static const char what[] = N_("the member was not forgotten");
	int64_t seq = 0;
	int rc;

	assert(s);
	rc = tx_begin(s, what);
	if (rc != STORE_OK)
		return rc;
	rc = next_seq(s, &seq, what);
	if (rc == STORE_OK)
		rc = remember_forgotten(s, id, what);
	/* The words first: their prefixes are found through the name as it was. */
	if (rc == STORE_OK)
		rc = delete_words(s, id, what);
	if (rc == STORE_OK)
		rc = blank_member(s, id, seq);
	if (rc == STORE_OK)
		rc = scrub_batches(s, id, what);
	rc = tx_end(s, rc, what);
	/* The WAL still holds the pages as they were before: copy the new ones
	 * into the file and empty it (secure_delete zeroed what was freed).
	 * Not inside a batch, nor while another program reads the file; then
	 * the next checkpoint does it. */
	if (rc == STORE_OK && sqlite3_get_autocommit(s->db))
		sqlite3_wal_checkpoint_v2(s->db, NULL, SQLITE_CHECKPOINT_TRUNCATE, NULL, NULL);
	return rc;
}

int store_organisations(store *s, const char *prefix, char (*out)[STORE_TEXT_MAX], int max,
			int *n)
{
	/* Spellings that fold alike ("NHS England", "nhs england") are one
	 * organisation, shown as most members wrote it. Counted on the index
	 * alone: a forgotten member's org_key is "", so it is left out. */
	static const char sql[] =
		"WITH spellings AS (SELECT org_key, organisation, count(*) AS uses "
		"FROM members WHERE org_key >= ?1 AND org_key < ?2 AND org_key <> '' "
		"GROUP BY org_key, organisation) "
		"SELECT organisation, max(uses), sum(uses) AS total FROM spellings "
		"GROUP BY org_key ORDER BY total DESC, organisation LIMIT ?3";
	static const char what[] = N_("the organisations could not be read");
	char key[STORE_TEXT_MAX + 1];
	sqlite3_stmt *st = NULL;
	size_t len;
	int rc = STORE_OK, src, count = 0;

	assert(s && n && max >= 0 && (out || max == 0));
	*n = 0;
	/* [key, key 0xFF) holds every key starting with key: see query_words. */
	text_fold(key, STORE_TEXT_MAX, prefix);
	len = strlen(key);
	key[len] = (char)0xFF;
	if (sqlite3_prepare_v2(s->db, sql, -1, &st, NULL) != SQLITE_OK ||
	    sqlite3_bind_text(st, 1, key, (int)len, SQLITE_STATIC) != SQLITE_OK ||
	    sqlite3_bind_text(st, 2, key, (int)len + 1, SQLITE_STATIC) != SQLITE_OK ||
	    sqlite3_bind_int(st, 3, max) != SQLITE_OK) {
		rc = fail_db(s, sqlite3_errcode(s->db), what);
		goto out;
	}
	while ((src = sqlite3_step(st)) == SQLITE_ROW)
		copy_column(out[count++], STORE_TEXT_MAX, st, 0);
	if (src != SQLITE_DONE) {
		rc = fail_db(s, src, what);
		goto out;
	}
	*n = count;
out:
	sqlite3_finalize(st);
	return rc;
}

/* ---- check-ins of members ------------------------------------------------------- */

#define CHECKIN_COLUMNS "c.id, c.member_id, c.created_at, c.role, m.first_name, " \
	"m.last_name, m.organisation"

static void checkin_from_row(sqlite3_stmt *st, store_checkin *c)
{
	memset(c, 0, sizeof *c);
	c->id = sqlite3_column_int64(st, 0);
	c->member_id = sqlite3_column_int64(st, 1);
	c->at = sqlite3_column_int64(st, 2);
	copy_column(c->role, sizeof c->role, st, 3);
	copy_column(c->first, sizeof c->first, st, 4);
	copy_column(c->last, sizeof c->last, st, 5);
	copy_column(c->organisation, sizeof c->organisation, st, 6);
}

/* The member's standing check-in at the event, or STORE_NOTFOUND. */
static int checkin_find(store *s, int64_t event_id, int64_t member_id, store_checkin *out)
{
	static const char sql[] =
		"SELECT " CHECKIN_COLUMNS " FROM checkins c JOIN members m "
		"ON m.id = c.member_id WHERE c.event_id = ?1 AND c.member_id = ?2 "
		"AND c.undone = 0";
	static const char what[] = N_("the check-in could not be read");
	sqlite3_stmt *st = NULL;
	int rc = STORE_OK, src;

	if (sqlite3_prepare_v2(s->db, sql, -1, &st, NULL) != SQLITE_OK ||
	    sqlite3_bind_int64(st, 1, event_id) != SQLITE_OK ||
	    sqlite3_bind_int64(st, 2, member_id) != SQLITE_OK) {
		rc = fail_db(s, sqlite3_errcode(s->db), what);
		goto out;
	}
	src = sqlite3_step(st);
	if (src == SQLITE_ROW)
		checkin_from_row(st, out);
	else if (src == SQLITE_DONE)
		rc = set_msg(s, STORE_NOTFOUND, _("There is no such check-in."));
	else
		rc = fail_db(s, src, what);
out:
	sqlite3_finalize(st);
	return rc;
}

/* Stores the check-in; *stored is false when nothing was (already checked in,
 * or no such member). An undone check-in comes back as the same record. */
static int insert_checkin(store *s, int64_t event_id, int64_t member_id, const char *role,
			  int64_t seq, bool *stored)
{
	static const char sql[] =
		"INSERT INTO checkins (kiosk, seq, changed_seq, created_at, event_id, "
		"member_id, role) SELECT ?1, ?2, ?2, ?3, ?4, id, ?5 FROM members "
		"WHERE id = ?6 AND forgotten = 0 "
		"ON CONFLICT (event_id, member_id) DO UPDATE SET undone = 0, "
		"created_at = excluded.created_at, role = excluded.role, "
		"changed_seq = excluded.changed_seq WHERE undone = 1";
	static const char what[] = N_("the check-in was not saved");
	sqlite3_stmt *st = NULL;
	int rc = STORE_OK;

	if (sqlite3_prepare_v2(s->db, sql, -1, &st, NULL) != SQLITE_OK ||
	    sqlite3_bind_text(st, 1, s->kiosk, -1, SQLITE_STATIC) != SQLITE_OK ||
	    sqlite3_bind_int64(st, 2, seq) != SQLITE_OK ||
	    sqlite3_bind_int64(st, 3, store_now(s)) != SQLITE_OK ||
	    sqlite3_bind_int64(st, 4, event_id) != SQLITE_OK ||
	    sqlite3_bind_text(st, 5, role, -1, SQLITE_STATIC) != SQLITE_OK ||
	    sqlite3_bind_int64(st, 6, member_id) != SQLITE_OK ||
	    sqlite3_step(st) != SQLITE_DONE) {
		if (sqlite3_extended_errcode(s->db) == SQLITE_CONSTRAINT_FOREIGNKEY)
			rc = set_msg(s, STORE_NOTFOUND, _("There is no such event: %s."), _(what));
		else
			rc = fail_db(s, sqlite3_errcode(s->db), what);
		goto out;
	}
	*stored = sqlite3_changes(s->db) > 0;
out:
	sqlite3_finalize(st);
	return rc;
}

static bool known_role(const char *role)
{
	for (int i = 0; i < STORE_ROLE_COUNT; i++) {
		if (strcmp(role, role_names[i]) == 0)
			return true;
	}
	return false;
}

int store_checkin_add(store *s, int64_t event_id, int64_t member_id, const char *role,
		      store_checkin *out)
{
	static const char what[] = N_("the check-in was not saved");
	store_checkin here;
	char when[STORE_STARTS_MAX];
	int64_t seq = 0;
	bool stored = false;
	int rc;

	assert(s);
	if (!out)
		out = &here;
	if (!role)
		role = "";
	if (role[0] != '\0' && !known_role(role))
		return set_msg(s, STORE_INVALID, _("That role is not one of the roles for "
			       "the day."));
	rc = tx_begin(s, what);
	if (rc != STORE_OK)
		return rc;
	rc = next_seq(s, &seq, what);
	if (rc == STORE_OK)
		rc = insert_checkin(s, event_id, member_id, role, seq, &stored);
	/* Nothing stored: undo the counter's step too. */
	if (rc == STORE_OK && !stored)
		rc = STORE_EXISTS;
	rc = tx_end(s, rc, what);
	if (rc == STORE_OK)
		return checkin_find(s, event_id, member_id, out);
	if (rc != STORE_EXISTS)
		return rc;
	rc = checkin_find(s, event_id, member_id, out);
	if (rc == STORE_NOTFOUND)
		return set_msg(s, STORE_NOTFOUND, _("There is no such member: %s."), _(what));
	if (rc != STORE_OK)
		return rc;
	when_format(out->at, when, sizeof when);
	return set_msg(s, STORE_EXISTS, _("You are already checked in (since %s)."), when + 11);
}

int store_walk_in(store *s, int64_t event_id, store_member *m, const char *role, store_checkin *out)
{
	static const char what[] = N_("the check-in was not saved");
	store_checkin here;
	int64_t member_seq = 0, checkin_seq = 0, id = 0;
	bool stored = false;
	int rc;

	assert(s && m);
	if (!out)
		out = &here;
	if (!role)
		role = "";
	if (role[0] != '\0' && !known_role(role))
		return set_msg(s, STORE_INVALID, _("That role is not one of the roles for "
			       "the day."));
	rc = check_member(s, m);
	if (rc != STORE_OK)
		return rc;
	/* Both in one transaction: a power cut (or a kill) between the member
	 * and the check-in leaves neither, never a member who is not here. */
	rc = tx_begin(s, what);
	if (rc != STORE_OK)
		return rc;
	rc = add_member(s, m, &member_seq, &id, what);
	if (rc == STORE_OK)
		rc = next_seq(s, &checkin_seq, what);
	if (rc == STORE_OK)
		rc = insert_checkin(s, event_id, id, role, checkin_seq, &stored);
	/* A member made just now cannot have been here before. */
	assert(rc != STORE_OK || stored);
	rc = tx_end(s, rc, what);
	if (rc != STORE_OK)
		return rc;
	m->id = id;
	snprintf(m->gid, sizeof m->gid, "%s-%lld", s->kiosk, (long long)member_seq);
	return checkin_find(s, event_id, id, out);
}

int store_checkin_get(store *s, int64_t event_id, int64_t member_id, store_checkin *out)
{
	assert(s && out);
	return checkin_find(s, event_id, member_id, out);
}

static int undo_checkin(store *s, int64_t checkin_id, int64_t seq)
{
	static const char sql[] =
		"UPDATE checkins SET undone = 1, changed_seq = ?1 WHERE id = ?2 AND undone = 0";

	return mark_row(s, sql, checkin_id, seq, N_("There is no such check-in: %s."),
			N_("nothing was undone"));
}

int store_checkin_undo(store *s, int64_t checkin_id)
{
	static const char what[] = N_("nothing was undone");
	int64_t seq = 0;
	int rc;

	assert(s);
	rc = tx_begin(s, what);
	if (rc != STORE_OK)
		return rc;
	rc = next_seq(s, &seq, what);
	if (rc == STORE_OK)
		rc = undo_checkin(s, checkin_id, seq);
	return tx_end(s, rc, what);
}

int store_checkin_list(store *s, int64_t event_id, const char *query, store_checkin *out,
		       int max, int *n)
{
	/* Newest first by the record counter, not the clock, which may have
	 * been set in between. */
	static const char sql[] =
		"SELECT " CHECKIN_COLUMNS " FROM checkins c JOIN members m "
		"ON m.id = c.member_id WHERE c.event_id = ?13 AND c.undone = 0 AND "
		MAYBE_WORD_IN("c.member_id", "?1", "?2") OTHER_WORDS_IN("c.member_id")
		" ORDER BY c.changed_seq DESC, c.id DESC LIMIT ?14";
	static const char what[] = N_("the check-ins could not be read");
	sqlite3_stmt *st = NULL;
	query_words q;
	int rc = STORE_OK, src, count = 0;

	assert(s && n && max >= 0 && (out || max == 0));
	*n = 0;
	split_query(query, &q);
	if (q.impossible)
		return STORE_OK;
	if (sqlite3_prepare_v2(s->db, sql, -1, &st, NULL) != SQLITE_OK ||
	    bind_words(st, &q) != SQLITE_OK ||
	    sqlite3_bind_int64(st, 13, event_id) != SQLITE_OK ||
	    sqlite3_bind_int(st, 14, max) != SQLITE_OK) {
		rc = fail_db(s, sqlite3_errcode(s->db), what);
		goto out;
	}
	while ((src = sqlite3_step(st)) == SQLITE_ROW)
		checkin_from_row(st, &out[count++]);
	if (src != SQLITE_DONE) {
		rc = fail_db(s, src, what);
		goto out;
	}
	*n = count;
out:
	sqlite3_finalize(st);
	return rc;
}

bool store_member_is_new(store *s, int64_t member_id, int64_t event_id)
{
	static const char sql[] =
		"SELECT EXISTS (SELECT 1 FROM checkins WHERE member_id = ?1 AND "
		"event_id <> ?2 AND undone = 0)";
	sqlite3_stmt *st = NULL;
	bool first_time = false;

	assert(s);
	/* On a read error the member is taken as returning: the plainer welcome. */
	if (sqlite3_prepare_v2(s->db, sql, -1, &st, NULL) != SQLITE_OK ||
	    sqlite3_bind_int64(st, 1, member_id) != SQLITE_OK ||
	    sqlite3_bind_int64(st, 2, event_id) != SQLITE_OK ||
	    sqlite3_step(st) != SQLITE_ROW) {
		fail_db(s, sqlite3_errcode(s->db), N_("the member's earlier visits could "
			"not be read"));
		goto out;
	}
	first_time = sqlite3_column_int(st, 0) == 0;
out:
	sqlite3_finalize(st);
	return first_time;
}

const char *store_role_name(int i)
{
	assert(i >= 0 && i < STORE_ROLE_COUNT);
	return i >= 0 && i < STORE_ROLE_COUNT ? role_names[i] : "";
}

/* ---- professions ---------------------------------------------------------------- */

int store_professions(store *s, char (*out)[STORE_TEXT_MAX], int max, int *n)
{
	static const char sql[] =
		"SELECT name FROM professions ORDER BY position, id LIMIT ?1";
	static const char what[] = N_("the professions could not be read");
	sqlite3_stmt *st = NULL;
	int rc = STORE_OK, src, count = 0;

	assert(s && n && max >= 0 && (out || max == 0));
	*n = 0;
	if (sqlite3_prepare_v2(s->db, sql, -1, &st, NULL) != SQLITE_OK ||
	    sqlite3_bind_int(st, 1, max) != SQLITE_OK) {
		rc = fail_db(s, sqlite3_errcode(s->db), what);
		goto out;
	}
	while ((src = sqlite3_step(st)) == SQLITE_ROW)
		copy_column(out[count++], STORE_TEXT_MAX, st, 0);
	if (src != SQLITE_DONE) {
		rc = fail_db(s, src, what);
		goto out;
	}
	*n = count;
out:
	sqlite3_finalize(st);
	return rc;
}

int store_profession_add(store *s, const char *name)
{
	/* At the end of the list; "nurse" and "Nurse" are the same profession. */
	static const char sql[] =
		"INSERT INTO professions (name, name_key, position) VALUES (?1, ?2, "
		"(SELECT coalesce(max(position), 0) + 1 FROM professions)) "
		"ON CONFLICT (name_key) DO NOTHING";
	static const char what[] = N_("the profession was not added");
	char key[STORE_TEXT_MAX];
	sqlite3_stmt *st = NULL;
	int rc;

	assert(s && name);
	rc = check_text(s, N_("profession"), name, STORE_TEXT_MAX, STORE_TEXT_CHARS, false);
	if (rc != STORE_OK)
		return rc;
	text_fold(key, sizeof key, name);
	if (key[0] == '\0')
		return set_msg(s, STORE_INVALID, _("Please give the profession a name."));
	if (sqlite3_prepare_v2(s->db, sql, -1, &st, NULL) != SQLITE_OK ||
	    sqlite3_bind_text(st, 1, name, -1, SQLITE_STATIC) != SQLITE_OK ||
	    sqlite3_bind_text(st, 2, key, -1, SQLITE_STATIC) != SQLITE_OK ||
	    sqlite3_step(st) != SQLITE_DONE) {
		rc = fail_db(s, sqlite3_errcode(s->db), what);
		goto out;
	}
	if (sqlite3_changes(s->db) == 0)
		rc = set_msg(s, STORE_EXISTS, _("\"%s\" is already on the list."), name);
out:
	sqlite3_finalize(st);
	return rc;
}

int store_profession_remove(store *s, const char *name)
{
	/* Members keep the profession they gave; it is only no longer offered. */
	static const char sql[] = "DELETE FROM professions WHERE name_key = ?1";
	static const char what[] = N_("the profession was not removed");
	char key[STORE_TEXT_MAX];
	sqlite3_stmt *st = NULL;
	int rc = STORE_OK;

	assert(s && name);
	text_fold(key, sizeof key, name);
	if (sqlite3_prepare_v2(s->db, sql, -1, &st, NULL) != SQLITE_OK ||
	    sqlite3_bind_text(st, 1, key, -1, SQLITE_STATIC) != SQLITE_OK ||
	    sqlite3_step(st) != SQLITE_DONE) {
		rc = fail_db(s, sqlite3_errcode(s->db), what);
		goto out;
	}
	if (sqlite3_changes(s->db) == 0)
		rc = set_msg(s, STORE_NOTFOUND, _("\"%s\" is not on the list."), name);
out:
	sqlite3_finalize(st);
	return rc;
}

/* ---- typed feedback: notes and answers ------------------------------------------ */

/* White space a person may type: a note of only these is empty. */
static bool is_space(uint32_t c)
{
	return c == ' ' || c == '\n' || c == 0xa0 || c == 0x1680 ||
	       (c >= 0x2000 && c <= 0x200b) || c == 0x2028 || c == 0x2029 ||
	       c == 0x202f || c == 0x205f || c == 0x3000 || c == 0xfeff;
}

/* C0 and C1 control characters, newline included. */
static bool is_control(uint32_t c)
{
	return c < 0x20 || (c >= 0x7f && c < 0xa0);
}

/* Checks what was typed for a note (note true) or a text answer: it ends
 * inside STORE_NOTE_MAX bytes, is valid UTF-8 of at most STORE_NOTE_CHARS
 * characters, has new lines but no other control characters, and is not only
 * spaces. It is kept as typed. The messages speak to the person typing. */
static int check_body(store *s, const char *body, bool note)
{
	size_t len = strnlen(body, STORE_NOTE_MAX), chars = 0, n;
	bool blank = true;

	/* Whole sentences for a note and an answer, not a noun put into one. */
	if (len == STORE_NOTE_MAX)
		return set_msg(s, STORE_INVALID, note ? _("A note has at most %d characters.")
						      : _("An answer has at most %d characters."),
			       STORE_NOTE_CHARS);
	if (!text_valid_utf8(body, len))
		return set_msg(s, STORE_INVALID, "%s",
			       note ? _("The note is not valid text (it is not UTF-8).")
				    : _("The answer is not valid text (it is not UTF-8)."));
	for (const char *p = body; *p != '\0'; p += n) {
		uint32_t c = text_decode(p, &n);

		if (is_control(c) && c != '\n')
			return set_msg(s, STORE_INVALID, "%s",
				       note ? _("The note may have new lines but no other "
						"control characters.")
					    : _("The answer may have new lines but no other "
						"control characters."));
		if (!is_space(c))
			blank = false;
		chars++;
	}
	if (chars > STORE_NOTE_CHARS)
		return set_msg(s, STORE_INVALID, note ? _("A note has at most %d characters.")
						      : _("An answer has at most %d characters."),
			       STORE_NOTE_CHARS);
	if (blank)
		return set_msg(s, STORE_INVALID, "%s",
			       note ? _("An empty note cannot be stuck.")
				    : _("Please write your answer first."));
	return STORE_OK;
}

/* Checks a one-word answer and copies it, without the spaces around it, into
 * word (STORE_NOTE_MAX bytes): 1 to STORE_WORD_CHARS characters, no space or
 * control character inside. */
static int check_word(store *s, const char *text, char *word)
{
	size_t len = strnlen(text, STORE_NOTE_MAX), chars = 0, n;
	const char *start = NULL, *end = NULL;

	if (len == STORE_NOTE_MAX)
		return set_msg(s, STORE_INVALID, _("Please give one word of at most %d "
			       "characters."), STORE_WORD_CHARS);
	if (!text_valid_utf8(text, len))
		return set_msg(s, STORE_INVALID, _("The answer is not valid text (it is not "
			       "UTF-8)."));
	for (const char *p = text; *p != '\0'; p += n) {
		if (!is_space(text_decode(p, &n))) {
			if (!start)
				start = p;
			end = p + n;
		}
	}
	if (!start)
		return set_msg(s, STORE_INVALID, _("Please give one word."));
	for (const char *p = start; p < end; p += n) {
		uint32_t c = text_decode(p, &n);

		if (is_space(c) || is_control(c))
			return set_msg(s, STORE_INVALID, _("Please give one word."));
		chars++;
	}
	if (chars > STORE_WORD_CHARS)
		return set_msg(s, STORE_INVALID, _("Please give one word of at most %d "
			       "characters."), STORE_WORD_CHARS);
	memcpy(word, start, (size_t)(end - start));
	word[end - start] = '\0';
	return STORE_OK;
}

/* Binds an optional row id: 0 is SQL NULL ("none"). */
static int bind_id_or_null(sqlite3_stmt *st, int i, int64_t id)
{
	return id != 0 ? sqlite3_bind_int64(st, i, id) : sqlite3_bind_null(st, i);
}

/* ---- post-its ------------------------------------------------------------------- */

/* The labels of the seed's two kinds; the third's is a setting. They stay
 * English here (store_note_kind_label gives them so): the screens translate
 * them with _() where they show them. */
static const char *const note_labels[STORE_NOTE_KINDS] = {
	[STORE_NOTE_WELL] = N_("Going well"),
	[STORE_NOTE_IMPROVE] = N_("To be improved"),
	/* TRANSLATORS: the default name of the third kind of post-it note. */
	[STORE_NOTE_IDEA] = N_("Idea"),
};

static int insert_note(store *s, const store_note *n, int group, int64_t seq, int64_t at,
		       int64_t *id)
{
	/* An agenda item, when given, must be one of the event's own still on
	 * its agenda: otherwise nothing is inserted. */
	static const char sql[] =
		"INSERT INTO notes (kiosk, seq, changed_seq, created_at, event_id, "
		"agenda_item_id, kind, body, group_size) SELECT ?1, ?2, ?2, ?3, ?4, ?5, "
		"?6, ?7, ?8 WHERE ?5 IS NULL OR EXISTS (SELECT 1 FROM agenda_items "
		"WHERE id = ?5 AND event_id = ?4 AND deleted = 0)";
	static const char what[] = N_("the note was not stuck");
	sqlite3_stmt *st = NULL;
	int rc = STORE_OK;

	if (sqlite3_prepare_v2(s->db, sql, -1, &st, NULL) != SQLITE_OK ||
	    sqlite3_bind_text(st, 1, s->kiosk, -1, SQLITE_STATIC) != SQLITE_OK ||
	    sqlite3_bind_int64(st, 2, seq) != SQLITE_OK ||
	    sqlite3_bind_int64(st, 3, at) != SQLITE_OK ||
	    sqlite3_bind_int64(st, 4, n->event_id) != SQLITE_OK ||
	    bind_id_or_null(st, 5, n->agenda_item_id) != SQLITE_OK ||
	    sqlite3_bind_int(st, 6, (int)n->kind) != SQLITE_OK ||
	    sqlite3_bind_text(st, 7, n->body, -1, SQLITE_STATIC) != SQLITE_OK ||
	    sqlite3_bind_int(st, 8, group) != SQLITE_OK ||
	    sqlite3_step(st) != SQLITE_DONE) {
		if (sqlite3_extended_errcode(s->db) == SQLITE_CONSTRAINT_FOREIGNKEY)
			rc = set_msg(s, STORE_NOTFOUND, _("There is no such event: %s."), _(what));
		else
			rc = fail_db(s, sqlite3_errcode(s->db), what);
		goto out;
	}
	if (sqlite3_changes(s->db) == 0) {
		rc = set_msg(s, STORE_NOTFOUND, _("That agenda item is not on the event's "
			     "agenda: %s."), _(what));
		goto out;
	}
	*id = sqlite3_last_insert_rowid(s->db);
out:
	sqlite3_finalize(st);
	return rc;
}

int store_note_add(store *s, store_note *n)
{
	static const char what[] = N_("the note was not stuck");
	int64_t seq = 0, id = 0, at;
	int rc, group;

	assert(s && n);
	/* Cast: the enum may be unsigned, and a negative value is as wrong. */
	if ((unsigned)n->kind >= STORE_NOTE_KINDS)
		return set_msg(s, STORE_INVALID, _("That kind of note is not one the kiosk "
			       "knows."));
	group = n->group_size == 0 ? 1 : n->group_size;
	if (group < 1 || group > STORE_GROUP_MAX)
		return set_msg(s, STORE_INVALID, _("A small group has 2 to %d people."),
			       STORE_GROUP_MAX);
	rc = check_body(s, n->body, true);
	if (rc != STORE_OK)
		return rc;
	at = store_now(s);
	rc = tx_begin(s, what);
	if (rc != STORE_OK)
		return rc;
	rc = next_seq(s, &seq, what);
	if (rc == STORE_OK)
		rc = insert_note(s, n, group, seq, at, &id);
	rc = tx_end(s, rc, what);
	if (rc == STORE_OK) {
		n->id = id;
		n->at = at;
		n->group_size = group;
		snprintf(n->gid, sizeof n->gid, "%s-%lld", s->kiosk, (long long)seq);
	}
	return rc;
}

/* A note's columns, of the notes table as n; read by note_from_row. */
#define NOTE_COLUMNS "n.id, n.kiosk || '-' || n.seq, n.event_id, n.agenda_item_id, " \
	"n.kind, n.body, n.group_size, n.created_at"

static void note_from_row(sqlite3_stmt *st, store_note *note)
{
	int kind = sqlite3_column_int(st, 4);

	memset(note, 0, sizeof *note);
	note->id = sqlite3_column_int64(st, 0);
	copy_column(note->gid, sizeof note->gid, st, 1);
	note->event_id = sqlite3_column_int64(st, 2);
	note->agenda_item_id = sqlite3_column_int64(st, 3);    /* NULL: 0 */
	/* A kind from a newer kiosk shows as the third. */
	note->kind = kind >= 0 && kind < STORE_NOTE_KINDS ? (store_note_kind)kind
							  : STORE_NOTE_IDEA;
	copy_column(note->body, sizeof note->body, st, 5);
	note->group_size = sqlite3_column_int(st, 6);
	note->at = sqlite3_column_int64(st, 7);
}

int store_note_list(store *s, int64_t event_id, store_note *out, int max, int *n)
{
	/* In the order stuck: by the record counter, not the clock. */
	static const char sql[] =
		"SELECT " NOTE_COLUMNS " FROM notes n WHERE n.event_id = ?1 "
		"ORDER BY n.seq LIMIT ?2";
	static const char what[] = N_("the notes could not be read");
	sqlite3_stmt *st = NULL;
	int rc = STORE_OK, src, count = 0;

	assert(s && n && max >= 0 && (out || max == 0));
	*n = 0;
	if (sqlite3_prepare_v2(s->db, sql, -1, &st, NULL) != SQLITE_OK ||
	    sqlite3_bind_int64(st, 1, event_id) != SQLITE_OK ||
	    sqlite3_bind_int(st, 2, max) != SQLITE_OK) {
		rc = fail_db(s, sqlite3_errcode(s->db), what);
		goto out;
	}
	while ((src = sqlite3_step(st)) == SQLITE_ROW)
		note_from_row(st, &out[count++]);
	if (src != SQLITE_DONE) {
		rc = fail_db(s, src, what);
		goto out;
	}
	*n = count;
out:
	sqlite3_finalize(st);
	return rc;
}

int store_note_count(store *s, int64_t event_id, int *n)
{
	static const char sql[] = "SELECT count(*) FROM notes WHERE event_id = ?1";
	sqlite3_stmt *st = NULL;
	int rc = STORE_OK;

	assert(s && n);
	*n = 0;
	if (sqlite3_prepare_v2(s->db, sql, -1, &st, NULL) != SQLITE_OK ||
	    sqlite3_bind_int64(st, 1, event_id) != SQLITE_OK ||
	    sqlite3_step(st) != SQLITE_ROW) {
		rc = fail_db(s, sqlite3_errcode(s->db), N_("the notes could not be counted"));
		goto out;
	}
	*n = sqlite3_column_int(st, 0);
out:
	sqlite3_finalize(st);
	return rc;
}

int store_note_kind_label(store *s, store_note_kind k, char *out, size_t cap)
{
	char label[STORE_KIND_LABEL_MAX];
	int rc = STORE_OK;

	assert(s && out && cap > 0);
	out[0] = '\0';
	if ((unsigned)k >= STORE_NOTE_KINDS)
		return set_msg(s, STORE_INVALID, _("That kind of note is not one the kiosk "
			       "knows."));
	snprintf(label, sizeof label, "%s", note_labels[k]);
	if (k == STORE_NOTE_IDEA) {
		rc = setting_get_text(s, KEY_IDEA_LABEL, label, sizeof label);
		if (rc == STORE_NOTFOUND) {
			snprintf(label, sizeof label, "%s", note_labels[k]);
			rc = STORE_OK;
		}
	}
	/* Cut at a character boundary if out is small. */
	if (rc == STORE_OK)
		text_sanitize(out, cap, label);
	return rc;
}

int store_note_kind_rename(store *s, store_note_kind k, const char *label)
{
	int rc;

	assert(s && label);
	if (k != STORE_NOTE_IDEA)
		return set_msg(s, STORE_INVALID, _("Only the third kind of note can be "
			       "renamed."));
	/* TRANSLATORS: the name of a field (a kind of post-it note's name), put
	 * into "The %s is empty." and the other messages about a field. */
	rc = check_text(s, N_("label"), label, STORE_KIND_LABEL_MAX, STORE_KIND_LABEL_CHARS,
			true);
	if (rc == STORE_OK)
		rc = setting_put_text(s, KEY_IDEA_LABEL, label, N_("the label was not changed"));
	return rc;
}

bool store_note_kind_shown(store *s, store_note_kind k)
{
	int64_t hidden;

	assert(s);
	if ((unsigned)k >= STORE_NOTE_KINDS)
		return false;
	if (k != STORE_NOTE_IDEA)
		return true;
	return setting_get_int(s, KEY_IDEA_HIDDEN, &hidden) != STORE_OK || hidden == 0;
}

int store_note_kind_show(store *s, store_note_kind k, bool shown)
{
	assert(s);
	if ((unsigned)k >= STORE_NOTE_KINDS)
		return set_msg(s, STORE_INVALID, _("That kind of note is not one the kiosk "
			       "knows."));
	if (k != STORE_NOTE_IDEA) {
		/* The seed's two kinds are always offered: showing them is no change. */
		if (shown)
			return STORE_OK;
		return set_msg(s, STORE_INVALID, _("\"%s\" and \"%s\" are always offered; "
			       "only the third kind of note can be hidden."),
			       _(note_labels[STORE_NOTE_WELL]), _(note_labels[STORE_NOTE_IMPROVE]));
	}
	return setting_put_int(s, KEY_IDEA_HIDDEN, shown ? 0 : 1,
			       N_("the kind of note was not changed"));
}

/* ---- the current agenda item ---------------------------------------------------- */

/* The settings key of the facilitator's choice for event_id. */
static void chosen_key(int64_t event_id, char *key, size_t cap)
{
	snprintf(key, cap, KEY_ITEM_PREFIX "%lld", (long long)event_id);
}

/* Item item_id if it is on event_id's agenda (not removed); else STORE_NOTFOUND. */
static int agenda_item_of_event(store *s, int64_t event_id, int64_t item_id,
				store_agenda_item *out)
{
	static const char sql[] =
		"SELECT " ITEM_COLUMNS " FROM agenda_items WHERE id = ?1 AND "
		"event_id = ?2 AND deleted = 0";
	static const char what[] = N_("the agenda could not be read");
	sqlite3_stmt *st = NULL;
	int rc = STORE_OK, src;

	if (sqlite3_prepare_v2(s->db, sql, -1, &st, NULL) != SQLITE_OK ||
	    sqlite3_bind_int64(st, 1, item_id) != SQLITE_OK ||
	    sqlite3_bind_int64(st, 2, event_id) != SQLITE_OK) {
		rc = fail_db(s, sqlite3_errcode(s->db), what);
		goto out;
	}
	src = sqlite3_step(st);
	if (src == SQLITE_ROW)
		item_from_row(st, out);
	else if (src == SQLITE_DONE)
		rc = set_msg(s, STORE_NOTFOUND, _("That agenda item is not on the event's "
			     "agenda."));
	else
		rc = fail_db(s, src, what);
out:
	sqlite3_finalize(st);
	return rc;
}

/* The event's item by the clock: in agenda order (store_agenda_list's), the
 * last that has come, else the first. A timed item has come when its start is
 * at most upto ("HH:MM"; "" for none, "24:00" for all); an item without a
 * time comes only when day_over. */
static int agenda_by_clock(store *s, int64_t event_id, const char *upto, bool day_over,
			   store_agenda_item *out)
{
	/* Items that have come sort first, latest first (the agenda order
	 * reversed); the CASEs are NULL, so tie, for the others, which keep
	 * the agenda order. */
	static const char sql[] =
		"WITH items AS (SELECT *, CASE WHEN starts = '' THEN ?3 "
		"ELSE starts <= ?2 END AS came FROM agenda_items "
		"WHERE event_id = ?1 AND deleted = 0) "
		"SELECT " ITEM_COLUMNS " FROM items ORDER BY came DESC, "
		"CASE WHEN came THEN starts = '' END DESC, "
		"CASE WHEN came THEN starts END DESC, "
		"CASE WHEN came THEN position END DESC, "
		"CASE WHEN came THEN seq END DESC, "
		"starts = '', starts, position, seq LIMIT 1";
	static const char what[] = N_("the agenda could not be read");
	sqlite3_stmt *st = NULL;
	int rc = STORE_OK, src;

	if (sqlite3_prepare_v2(s->db, sql, -1, &st, NULL) != SQLITE_OK ||
	    sqlite3_bind_int64(st, 1, event_id) != SQLITE_OK ||
	    sqlite3_bind_text(st, 2, upto, -1, SQLITE_STATIC) != SQLITE_OK ||
	    sqlite3_bind_int(st, 3, day_over ? 1 : 0) != SQLITE_OK) {
		rc = fail_db(s, sqlite3_errcode(s->db), what);
		goto out;
	}
	src = sqlite3_step(st);
	if (src == SQLITE_ROW)
		item_from_row(st, out);
	else if (src == SQLITE_DONE)
		rc = set_msg(s, STORE_NOTFOUND, _("The event has no agenda yet."));
	else
		rc = fail_db(s, src, what);
out:
	sqlite3_finalize(st);
	return rc;
}

int store_agenda_current(store *s, int64_t event_id, store_agenda_item *out)
{
	char key[48], now[STORE_STARTS_MAX];
	store_event ev;
	int64_t chosen;
	int rc, day;

	assert(s && out);
	rc = store_event_get(s, event_id, &ev);
	if (rc != STORE_OK)
		return rc;
	chosen_key(event_id, key, sizeof key);
	rc = setting_get_int(s, key, &chosen);
	if (rc == STORE_OK && chosen != 0) {
		rc = agenda_item_of_event(s, event_id, chosen, out);
		/* A chosen item since removed: the clock decides again. */
		if (rc != STORE_NOTFOUND)
			return rc;
	} else if (rc != STORE_OK && rc != STORE_NOTFOUND) {
		return rc;
	}
	/* Both "YYYY-MM-DD HH:MM" in local time: the dates compare as text. An
	 * event without a date is taken to be today. */
	when_format(store_now(s), now, sizeof now);
	day = ev.starts[0] != '\0' ? strncmp(now, ev.starts, 10) : 0;
	if (day < 0)
		return agenda_by_clock(s, event_id, "", false, out);
	if (day > 0)
		return agenda_by_clock(s, event_id, "24:00", true, out);
	return agenda_by_clock(s, event_id, now + 11, false, out);
}

int store_agenda_set_current(store *s, int64_t event_id, int64_t item_id)
{
	static const char what[] = N_("the current agenda item was not changed");
	store_agenda_item item;
	store_event ev;
	char key[48];
	int rc;

	assert(s);
	chosen_key(event_id, key, sizeof key);
	if (item_id == 0) {
		rc = store_event_get(s, event_id, &ev);
		if (rc == STORE_OK)
			rc = setting_delete(s, key, what);
		return rc;
	}
	rc = agenda_item_of_event(s, event_id, item_id, &item);
	if (rc == STORE_OK)
		rc = setting_put_int(s, key, item_id, what);
	return rc;
}

int64_t store_agenda_chosen(store *s, int64_t event_id)
{
	store_agenda_item item;
	char key[48];
	int64_t chosen;

	assert(s);
	chosen_key(event_id, key, sizeof key);
	if (setting_get_int(s, key, &chosen) != STORE_OK || chosen == 0 ||
	    agenda_item_of_event(s, event_id, chosen, &item) != STORE_OK)
		return 0;
	return chosen;
}

/* ---- prompts -------------------------------------------------------------------- */

#define PROMPT_COLUMNS "id, kiosk || '-' || seq, text, kind, choices, deleted"

/* A prompt's choices one a line, as the prompts table keeps them. */
#define CHOICES_MAX (STORE_CHOICES * STORE_CHOICE_MAX)

static void prompt_from_row(sqlite3_stmt *st, store_prompt *p, bool *deleted)
{
	const char *c = (const char *)sqlite3_column_text(st, 4);
	int kind = sqlite3_column_int(st, 3);

	memset(p, 0, sizeof *p);
	p->id = sqlite3_column_int64(st, 0);
	copy_column(p->gid, sizeof p->gid, st, 1);
	copy_column(p->text, sizeof p->text, st, 2);
	/* A kind from a newer kiosk is taken as a short text, the most open. */
	p->kind = kind >= 0 && kind < STORE_PROMPT_KINDS ? (store_prompt_kind)kind
							 : STORE_PROMPT_TEXT;
	if (p->kind == STORE_PROMPT_CHOICE && c && c[0] != '\0') {
		while (p->nchoices < STORE_CHOICES) {
			size_t len = strcspn(c, "\n");

			snprintf(p->choices[p->nchoices++], STORE_CHOICE_MAX, "%.*s",
				 (int)len, c);
			if (c[len] == '\0')
				break;
			c += len + 1;
		}
	}
	if (deleted)
		*deleted = sqlite3_column_int(st, 5) != 0;
}

/* Checks a prompt as the facilitator wrote it; for a choice prompt also joins
 * its choices into choices (CHOICES_MAX bytes), else leaves it "". */
static int check_prompt(store *s, const store_prompt *p, char *choices)
{
	size_t used = 0;
	int rc;

	choices[0] = '\0';
	rc = check_text(s, N_("question"), p->text, STORE_PROMPT_MAX, STORE_PROMPT_CHARS, true);
	if (rc != STORE_OK)
		return rc;
	if ((unsigned)p->kind >= STORE_PROMPT_KINDS)
		return set_msg(s, STORE_INVALID, _("That kind of question is not one the "
			       "kiosk knows."));
	if (p->kind != STORE_PROMPT_CHOICE)
		return STORE_OK;
	if (p->nchoices < 2 || p->nchoices > STORE_CHOICES)
		return set_msg(s, STORE_INVALID, _("A question with choices needs 2 to %d "
			       "choices."), STORE_CHOICES);
	for (int i = 0; i < p->nchoices; i++) {
		/* One line each, so that a new line can separate them. */
		/* TRANSLATORS: the name of a field (one of a question's answers
		 * to choose from), put into "The %s is empty." and the like. */
		rc = check_text(s, N_("choice"), p->choices[i], STORE_CHOICE_MAX,
				STORE_CHOICE_CHARS, true);
		if (rc != STORE_OK)
			return rc;
		used += (size_t)snprintf(choices + used, CHOICES_MAX - used, "%s%s",
					 i ? "\n" : "", p->choices[i]);
		assert(used < CHOICES_MAX);
	}
	return STORE_OK;
}

/* Prompt id, also one removed from the bank (*deleted tells; may be NULL). */
static int prompt_get(store *s, int64_t id, store_prompt *out, bool *deleted)
{
	static const char sql[] = "SELECT " PROMPT_COLUMNS " FROM prompts WHERE id = ?1";
	static const char what[] = N_("the question could not be read");
	sqlite3_stmt *st = NULL;
	int rc = STORE_OK, src;

	if (sqlite3_prepare_v2(s->db, sql, -1, &st, NULL) != SQLITE_OK ||
	    sqlite3_bind_int64(st, 1, id) != SQLITE_OK) {
		rc = fail_db(s, sqlite3_errcode(s->db), what);
		goto out;
	}
	src = sqlite3_step(st);
	if (src == SQLITE_ROW)
		prompt_from_row(st, out, deleted);
	else if (src == SQLITE_DONE)
		rc = set_msg(s, STORE_NOTFOUND, _("There is no such question."));
	else
		rc = fail_db(s, src, what);
out:
	sqlite3_finalize(st);
	return rc;
}

/* A prompt that may be changed, started or answered: in the bank. */
static int prompt_get_live(store *s, int64_t id, store_prompt *out)
{
	bool deleted = false;
	int rc = prompt_get(s, id, out, &deleted);

	if (rc == STORE_OK && deleted)
		rc = set_msg(s, STORE_NOTFOUND, _("That question has been removed from the "
			     "bank."));
	return rc;
}

static int insert_prompt(store *s, const store_prompt *p, const char *choices,
			 int64_t seq, int64_t *id)
{
	static const char sql[] =
		"INSERT INTO prompts (kiosk, seq, changed_seq, created_at, text, kind, "
		"choices) VALUES (?1, ?2, ?2, ?3, ?4, ?5, ?6)";
	sqlite3_stmt *st = NULL;
	int rc = STORE_OK;

	if (sqlite3_prepare_v2(s->db, sql, -1, &st, NULL) != SQLITE_OK ||
	    sqlite3_bind_text(st, 1, s->kiosk, -1, SQLITE_STATIC) != SQLITE_OK ||
	    sqlite3_bind_int64(st, 2, seq) != SQLITE_OK ||
	    sqlite3_bind_int64(st, 3, store_now(s)) != SQLITE_OK ||
	    sqlite3_bind_text(st, 4, p->text, -1, SQLITE_STATIC) != SQLITE_OK ||
	    sqlite3_bind_int(st, 5, (int)p->kind) != SQLITE_OK ||
	    sqlite3_bind_text(st, 6, choices, -1, SQLITE_STATIC) != SQLITE_OK ||
	    sqlite3_step(st) != SQLITE_DONE) {
		rc = fail_db(s, sqlite3_errcode(s->db), N_("the question was not saved"));
		goto out;
	}
	*id = sqlite3_last_insert_rowid(s->db);
out:
	sqlite3_finalize(st);
	return rc;
}

int store_prompt_add(store *s, store_prompt *p)
{
	static const char what[] = N_("the question was not saved");
	char choices[CHOICES_MAX];
	int64_t seq = 0, id = 0;
	int rc;

	assert(s && p);
	rc = check_prompt(s, p, choices);
	if (rc != STORE_OK)
		return rc;
	rc = tx_begin(s, what);
	if (rc != STORE_OK)
		return rc;
	rc = next_seq(s, &seq, what);
	if (rc == STORE_OK)
		rc = insert_prompt(s, p, choices, seq, &id);
	rc = tx_end(s, rc, what);
	if (rc == STORE_OK) {
		p->id = id;
		snprintf(p->gid, sizeof p->gid, "%s-%lld", s->kiosk, (long long)seq);
		if (p->kind != STORE_PROMPT_CHOICE)
			p->nchoices = 0;
	}
	return rc;
}

/* True (in *any) if prompt id has been answered at any event. */
static int prompt_answered(store *s, int64_t id, bool *any)
{
	static const char sql[] =
		"SELECT EXISTS (SELECT 1 FROM responses WHERE prompt_id = ?1)";
	sqlite3_stmt *st = NULL;
	int rc = STORE_OK;

	if (sqlite3_prepare_v2(s->db, sql, -1, &st, NULL) != SQLITE_OK ||
	    sqlite3_bind_int64(st, 1, id) != SQLITE_OK ||
	    sqlite3_step(st) != SQLITE_ROW) {
		rc = fail_db(s, sqlite3_errcode(s->db), N_("the answers could not be read"));
		goto out;
	}
	*any = sqlite3_column_int(st, 0) != 0;
out:
	sqlite3_finalize(st);
	return rc;
}

static int update_prompt(store *s, const store_prompt *p, const char *choices,
			 int64_t seq)
{
	static const char sql[] =
		"UPDATE prompts SET text = ?1, kind = ?2, choices = ?3, changed_seq = ?4 "
		"WHERE id = ?5 AND deleted = 0";
	static const char what[] = N_("the question was not changed");
	sqlite3_stmt *st = NULL;
	int rc = STORE_OK;

	if (sqlite3_prepare_v2(s->db, sql, -1, &st, NULL) != SQLITE_OK ||
	    sqlite3_bind_text(st, 1, p->text, -1, SQLITE_STATIC) != SQLITE_OK ||
	    sqlite3_bind_int(st, 2, (int)p->kind) != SQLITE_OK ||
	    sqlite3_bind_text(st, 3, choices, -1, SQLITE_STATIC) != SQLITE_OK ||
	    sqlite3_bind_int64(st, 4, seq) != SQLITE_OK ||
	    sqlite3_bind_int64(st, 5, p->id) != SQLITE_OK ||
	    sqlite3_step(st) != SQLITE_DONE) {
		rc = fail_db(s, sqlite3_errcode(s->db), what);
		goto out;
	}
	if (sqlite3_changes(s->db) == 0)
		rc = set_msg(s, STORE_NOTFOUND, _("There is no such question: %s."), _(what));
out:
	sqlite3_finalize(st);
	return rc;
}

int store_prompt_update(store *s, const store_prompt *p)
{
	static const char what[] = N_("the question was not changed");
	char choices[CHOICES_MAX];
	store_prompt old;
	int64_t seq = 0;
	bool answered = false;
	int rc;

	assert(s && p);
	rc = check_prompt(s, p, choices);
	if (rc != STORE_OK)
		return rc;
	rc = tx_begin(s, what);
	if (rc != STORE_OK)
		return rc;
	rc = prompt_get_live(s, p->id, &old);
	/* Answers keep their meaning: a scale value or a choice's number means
	 * what it meant when given. The wording may still be mended. */
	if (rc == STORE_OK && (old.kind != p->kind ||
			       (p->kind == STORE_PROMPT_CHOICE && old.nchoices != p->nchoices)))
		rc = prompt_answered(s, p->id, &answered);
	if (rc == STORE_OK && answered)
		rc = set_msg(s, STORE_INVALID, _("This question has answers already, so its "
			     "kind and number of choices stay as they are: add a new "
			     "question instead."));
	if (rc == STORE_OK)
		rc = next_seq(s, &seq, what);
	if (rc == STORE_OK)
		rc = update_prompt(s, p, choices, seq);
	return tx_end(s, rc, what);
}

int store_prompt_get(store *s, int64_t id, store_prompt *out)
{
	assert(s && out);
	return prompt_get(s, id, out, NULL);
}

int store_prompt_list(store *s, store_prompt *out, int max, int *n)
{
	/* In the order they were written, the seed's questions first. */
	static const char sql[] =
		"SELECT " PROMPT_COLUMNS " FROM prompts WHERE deleted = 0 "
		"ORDER BY seq LIMIT ?1";
	static const char what[] = N_("the questions could not be read");
	sqlite3_stmt *st = NULL;
	int rc = STORE_OK, src, count = 0;

	assert(s && n && max >= 0 && (out || max == 0));
	*n = 0;
	if (sqlite3_prepare_v2(s->db, sql, -1, &st, NULL) != SQLITE_OK ||
	    sqlite3_bind_int(st, 1, max) != SQLITE_OK) {
		rc = fail_db(s, sqlite3_errcode(s->db), what);
		goto out;
	}
	while ((src = sqlite3_step(st)) == SQLITE_ROW)
		prompt_from_row(st, &out[count++], NULL);
	if (src != SQLITE_DONE) {
		rc = fail_db(s, src, what);
		goto out;
	}
	*n = count;
out:
	sqlite3_finalize(st);
	return rc;
}

static int hide_prompt(store *s, int64_t id, int64_t seq)
{
	/* Hidden, not deleted: answers keep their question, and the next sync
	 * tells the receiver. */
	static const char sql[] =
		"UPDATE prompts SET deleted = 1, changed_seq = ?1 "
		"WHERE id = ?2 AND deleted = 0";

	return mark_row(s, sql, id, seq, N_("There is no such question: %s."),
			N_("the question was not removed"));
}

/* Forgets which prompt runs; inside the caller's transaction. */
static int clear_running(store *s, const char *what)
{
	int rc = setting_delete(s, KEY_PROMPT, what);

	if (rc == STORE_OK)
		rc = setting_delete(s, KEY_PROMPT_EVENT, what);
	if (rc == STORE_OK)
		rc = setting_delete(s, KEY_PROMPT_ITEM, what);
	return rc;
}

int store_prompt_delete(store *s, int64_t id)
{
	static const char what[] = N_("the question was not removed");
	int64_t seq = 0, running = 0;
	int rc;

	assert(s);
	rc = tx_begin(s, what);
	if (rc != STORE_OK)
		return rc;
	rc = next_seq(s, &seq, what);
	if (rc == STORE_OK)
		rc = hide_prompt(s, id, seq);
	if (rc == STORE_OK) {
		rc = setting_get_int(s, KEY_PROMPT, &running);
		if (rc == STORE_NOTFOUND)
			rc = STORE_OK;
		else if (rc == STORE_OK && running == id)
			rc = clear_running(s, what);
	}
	return tx_end(s, rc, what);
}

int store_prompt_start(store *s, int64_t event_id, int64_t prompt_id, int64_t agenda_item_id)
{
	static const char what[] = N_("the question was not started");
	store_agenda_item item;
	store_prompt p;
	store_event ev;
	int rc;

	assert(s);
	rc = store_event_get(s, event_id, &ev);
	if (rc == STORE_OK)
		rc = prompt_get_live(s, prompt_id, &p);
	if (rc == STORE_OK && agenda_item_id != 0)
		rc = agenda_item_of_event(s, event_id, agenda_item_id, &item);
	if (rc != STORE_OK)
		return rc;
	rc = tx_begin(s, what);
	if (rc != STORE_OK)
		return rc;
	rc = setting_put_int(s, KEY_PROMPT, prompt_id, what);
	if (rc == STORE_OK)
		rc = setting_put_int(s, KEY_PROMPT_EVENT, event_id, what);
	if (rc == STORE_OK)
		rc = setting_put_int(s, KEY_PROMPT_ITEM, agenda_item_id, what);
	return tx_end(s, rc, what);
}

int store_prompt_stop(store *s)
{
	static const char what[] = N_("the question was not stopped");
	int rc;

	assert(s);
	rc = tx_begin(s, what);
	if (rc != STORE_OK)
		return rc;
	rc = clear_running(s, what);
	return tx_end(s, rc, what);
}

int store_prompt_running(store *s, store_prompt *out, int64_t *event_id,
			 int64_t *agenda_item_id)
{
	int64_t id = 0, ev = 0, item = 0;
	store_prompt p;
	int rc;

	assert(s);
	rc = setting_get_int(s, KEY_PROMPT, &id);
	if (rc == STORE_OK)
		rc = setting_get_int(s, KEY_PROMPT_EVENT, &ev);
	if (rc == STORE_OK)
		rc = setting_get_int(s, KEY_PROMPT_ITEM, &item);
	if (rc == STORE_OK)
		rc = prompt_get_live(s, id, &p);
	if (rc == STORE_NOTFOUND)
		return set_msg(s, STORE_NOTFOUND, _("No question is running."));
	if (rc != STORE_OK)
		return rc;
	if (out)
		*out = p;
	if (event_id)
		*event_id = ev;
	if (agenda_item_id)
		*agenda_item_id = item;
	return STORE_OK;
}

/* ---- answers -------------------------------------------------------------------- */

/* Checks r against its prompt p: value (scale, choice) or text (word, text,
 * into text, STORE_NOTE_MAX bytes: a word without the spaces around it). */
static int check_response(store *s, const store_prompt *p, const store_response *r,
			  char *text)
{
	text[0] = '\0';
	switch (p->kind) {
	case STORE_PROMPT_SCALE:
		if (r->value < 1 || r->value > 5)
			return set_msg(s, STORE_INVALID, _("Please choose one of the five "
				       "faces."));
		return STORE_OK;
	case STORE_PROMPT_CHOICE:
		if (r->value < 0 || r->value >= p->nchoices)
			return set_msg(s, STORE_INVALID, _("Please choose one of the answers."));
		return STORE_OK;
	case STORE_PROMPT_WORD:
		return check_word(s, r->text, text);
	case STORE_PROMPT_TEXT:
	default:
		if (check_body(s, r->text, false) != STORE_OK)
			return STORE_INVALID;
		/* check_body found its end inside the buffer. */
		memcpy(text, r->text, strlen(r->text) + 1);
		return STORE_OK;
	}
}

static int insert_response(store *s, const store_response *r, bool by_value,
			   const char *text, int64_t seq, int64_t at, int64_t *id)
{
	/* An agenda item, when given, must be one of the event's own still on
	 * its agenda: otherwise nothing is inserted. A scale or choice answer
	 * has a value and no text; a word or text answer the other way round. */
	static const char sql[] =
		"INSERT INTO responses (kiosk, seq, changed_seq, created_at, event_id, "
		"prompt_id, agenda_item_id, value, text) SELECT ?1, ?2, ?2, "
		"?3, ?4, ?5, ?6, ?7, ?8 WHERE ?6 IS NULL OR EXISTS (SELECT 1 FROM "
		"agenda_items WHERE id = ?6 AND event_id = ?4 AND deleted = 0)";
	static const char what[] = N_("the answer was not saved");
	sqlite3_stmt *st = NULL;
	int rc = STORE_OK;

	if (sqlite3_prepare_v2(s->db, sql, -1, &st, NULL) != SQLITE_OK ||
	    sqlite3_bind_text(st, 1, s->kiosk, -1, SQLITE_STATIC) != SQLITE_OK ||
	    sqlite3_bind_int64(st, 2, seq) != SQLITE_OK ||
	    sqlite3_bind_int64(st, 3, at) != SQLITE_OK ||
	    sqlite3_bind_int64(st, 4, r->event_id) != SQLITE_OK ||
	    sqlite3_bind_int64(st, 5, r->prompt_id) != SQLITE_OK ||
	    bind_id_or_null(st, 6, r->agenda_item_id) != SQLITE_OK ||
	    (by_value ? sqlite3_bind_int(st, 7, r->value)
		      : sqlite3_bind_null(st, 7)) != SQLITE_OK ||
	    (by_value ? sqlite3_bind_null(st, 8)
		      : sqlite3_bind_text(st, 8, text, -1, SQLITE_STATIC)) != SQLITE_OK ||
	    sqlite3_step(st) != SQLITE_DONE) {
		if (sqlite3_extended_errcode(s->db) == SQLITE_CONSTRAINT_FOREIGNKEY)
			rc = set_msg(s, STORE_NOTFOUND, _("There is no such event: %s."), _(what));
		else
			rc = fail_db(s, sqlite3_errcode(s->db), what);
		goto out;
	}
	if (sqlite3_changes(s->db) == 0) {
		rc = set_msg(s, STORE_NOTFOUND, _("That agenda item is not on the event's "
			     "agenda: %s."), _(what));
		goto out;
	}
	*id = sqlite3_last_insert_rowid(s->db);
out:
	sqlite3_finalize(st);
	return rc;
}

int store_response_add(store *s, store_response *r)
{
	static const char what[] = N_("the answer was not saved");
	char text[STORE_NOTE_MAX];
	store_prompt p;
	int64_t seq = 0, id = 0, at;
	bool by_value;
	int rc;

	assert(s && r);
	rc = prompt_get_live(s, r->prompt_id, &p);
	if (rc == STORE_OK)
		rc = check_response(s, &p, r, text);
	if (rc != STORE_OK)
		return rc;
	by_value = p.kind == STORE_PROMPT_SCALE || p.kind == STORE_PROMPT_CHOICE;
	at = store_now(s);
	rc = tx_begin(s, what);
	if (rc != STORE_OK)
		return rc;
	rc = next_seq(s, &seq, what);
	if (rc == STORE_OK)
		rc = insert_response(s, r, by_value, text, seq, at, &id);
	rc = tx_end(s, rc, what);
	if (rc == STORE_OK) {
		r->id = id;
		r->at = at;
		/* As stored: a word without the spaces around it. */
		if (by_value) {
			r->text[0] = '\0';
		} else {
			memcpy(r->text, text, strlen(text) + 1);
			r->value = 0;
		}
	}
	return rc;
}

int store_response_list(store *s, int64_t prompt_id, int64_t event_id, store_response *out,
			int max, int *n)
{
	/* In the order given: by the record counter, not the clock. */
	static const char sql[] =
		"SELECT id, prompt_id, event_id, agenda_item_id, value, text, "
		"created_at FROM responses WHERE prompt_id = ?1 AND event_id = ?2 "
		"ORDER BY seq LIMIT ?3";
	static const char what[] = N_("the answers could not be read");
	sqlite3_stmt *st = NULL;
	int rc = STORE_OK, src, count = 0;

	assert(s && n && max >= 0 && (out || max == 0));
	*n = 0;
	if (sqlite3_prepare_v2(s->db, sql, -1, &st, NULL) != SQLITE_OK ||
	    sqlite3_bind_int64(st, 1, prompt_id) != SQLITE_OK ||
	    sqlite3_bind_int64(st, 2, event_id) != SQLITE_OK ||
	    sqlite3_bind_int(st, 3, max) != SQLITE_OK) {
		rc = fail_db(s, sqlite3_errcode(s->db), what);
		goto out;
	}
	while ((src = sqlite3_step(st)) == SQLITE_ROW) {
		store_response *r = &out[count++];

		memset(r, 0, sizeof *r);
		r->id = sqlite3_column_int64(st, 0);
		r->prompt_id = sqlite3_column_int64(st, 1);
		r->event_id = sqlite3_column_int64(st, 2);
		r->agenda_item_id = sqlite3_column_int64(st, 3);   /* NULL: 0 */
		r->value = sqlite3_column_int(st, 4);              /* NULL: 0 */
		copy_column(r->text, sizeof r->text, st, 5);
		r->at = sqlite3_column_int64(st, 6);
	}
	if (src != SQLITE_DONE) {
		rc = fail_db(s, src, what);
		goto out;
	}
	*n = count;
out:
	sqlite3_finalize(st);
	return rc;
}

/* ---- review: the wall, themes and votes ----------------------------------------- */

int store_wall(store *s, int64_t event_id, int64_t agenda_item_id, store_wall_note *out,
	       int max, int *n)
{
	/* By kind, then in the order stuck: the record counter, not the clock. */
	static const char sql[] =
		"SELECT " NOTE_COLUMNS ", coalesce(v.dots, 0), coalesce(n.theme_id, 0) "
		"FROM notes n LEFT JOIN votes v ON v.note_id = n.id "
		"WHERE n.event_id = ?1 AND (?2 IS NULL OR n.agenda_item_id = ?2) "
		"ORDER BY n.kind, n.seq LIMIT ?3";
	static const char what[] = N_("the wall could not be read");
	sqlite3_stmt *st = NULL;
	int rc = STORE_OK, src, count = 0;

	assert(s && n && max >= 0 && (out || max == 0));
	*n = 0;
	if (sqlite3_prepare_v2(s->db, sql, -1, &st, NULL) != SQLITE_OK ||
	    sqlite3_bind_int64(st, 1, event_id) != SQLITE_OK ||
	    bind_id_or_null(st, 2, agenda_item_id) != SQLITE_OK ||
	    sqlite3_bind_int(st, 3, max) != SQLITE_OK) {
		rc = fail_db(s, sqlite3_errcode(s->db), what);
		goto out;
	}
	while ((src = sqlite3_step(st)) == SQLITE_ROW) {
		store_wall_note *w = &out[count++];

		note_from_row(st, &w->note);
		w->votes = sqlite3_column_int(st, 8);
		w->theme_id = sqlite3_column_int64(st, 9);
	}
	if (src != SQLITE_DONE) {
		rc = fail_db(s, src, what);
		goto out;
	}
	*n = count;
out:
	sqlite3_finalize(st);
	return rc;
}

/* A theme with its figures: the own dots come from its one vote row, the
 * others from its notes'. Only themes that still group a note are found. */
#define THEME_SELECT \
	"SELECT t.id, t.name, coalesce(tv.dots, 0) AS own, count(*), " \
	"coalesce(sum(nv.dots), 0) AS on_notes FROM themes t " \
	"JOIN notes n ON n.theme_id = t.id " \
	"LEFT JOIN votes nv ON nv.note_id = n.id " \
	"LEFT JOIN votes tv ON tv.theme_id = t.id "

static void theme_from_row(sqlite3_stmt *st, store_theme *t)
{
	memset(t, 0, sizeof *t);
	t->id = sqlite3_column_int64(st, 0);
	copy_column(t->name, sizeof t->name, st, 1);
	t->votes = sqlite3_column_int(st, 2);
	t->notes = sqlite3_column_int(st, 3);
	t->note_votes = sqlite3_column_int(st, 4);
}

static int theme_get(store *s, int64_t id, store_theme *out)
{
	static const char sql[] = THEME_SELECT "WHERE t.id = ?1 GROUP BY t.id";
	static const char what[] = N_("the theme could not be read");
	sqlite3_stmt *st = NULL;
	int rc = STORE_OK, src;

	if (sqlite3_prepare_v2(s->db, sql, -1, &st, NULL) != SQLITE_OK ||
	    sqlite3_bind_int64(st, 1, id) != SQLITE_OK) {
		rc = fail_db(s, sqlite3_errcode(s->db), what);
		goto out;
	}
	src = sqlite3_step(st);
	if (src == SQLITE_ROW)
		theme_from_row(st, out);
	else if (src == SQLITE_DONE)
		rc = set_msg(s, STORE_NOTFOUND, _("There is no such theme."));
	else
		rc = fail_db(s, src, what);
out:
	sqlite3_finalize(st);
	return rc;
}

static int insert_theme(store *s, int64_t event_id, const char *name, int64_t seq,
			int64_t *id)
{
	static const char sql[] =
		"INSERT INTO themes (kiosk, seq, changed_seq, created_at, event_id, name) "
		"VALUES (?1, ?2, ?2, ?3, ?4, ?5)";
	static const char what[] = N_("the theme was not saved");
	sqlite3_stmt *st = NULL;
	int rc = STORE_OK;

	if (sqlite3_prepare_v2(s->db, sql, -1, &st, NULL) != SQLITE_OK ||
	    sqlite3_bind_text(st, 1, s->kiosk, -1, SQLITE_STATIC) != SQLITE_OK ||
	    sqlite3_bind_int64(st, 2, seq) != SQLITE_OK ||
	    sqlite3_bind_int64(st, 3, store_now(s)) != SQLITE_OK ||
	    sqlite3_bind_int64(st, 4, event_id) != SQLITE_OK ||
	    sqlite3_bind_text(st, 5, name, -1, SQLITE_STATIC) != SQLITE_OK ||
	    sqlite3_step(st) != SQLITE_DONE) {
		if (sqlite3_extended_errcode(s->db) == SQLITE_CONSTRAINT_FOREIGNKEY)
			rc = set_msg(s, STORE_NOTFOUND, _("There is no such event: %s."), _(what));
		else
			rc = fail_db(s, sqlite3_errcode(s->db), what);
		goto out;
	}
	*id = sqlite3_last_insert_rowid(s->db);
out:
	sqlite3_finalize(st);
	return rc;
}

/* Puts the notes ids[0..count) of event_id into theme_id, taking them out of
 * any other; each is a change of the note, numbered seq (the theme's). */
static int group_notes(store *s, int64_t event_id, int64_t theme_id, const int64_t *ids,
		       int count, int64_t seq)
{
	static const char sql[] =
		"UPDATE notes SET theme_id = ?1, changed_seq = ?2 "
		"WHERE id = ?3 AND event_id = ?4";
	static const char what[] = N_("the theme was not saved");
	sqlite3_stmt *st = NULL;
	int rc = STORE_OK;

	if (sqlite3_prepare_v2(s->db, sql, -1, &st, NULL) != SQLITE_OK ||
	    sqlite3_bind_int64(st, 1, theme_id) != SQLITE_OK ||
	    sqlite3_bind_int64(st, 2, seq) != SQLITE_OK ||
	    sqlite3_bind_int64(st, 4, event_id) != SQLITE_OK) {
		rc = fail_db(s, sqlite3_errcode(s->db), what);
		goto out;
	}
	for (int i = 0; i < count; i++) {
		if (sqlite3_bind_int64(st, 3, ids[i]) != SQLITE_OK ||
		    sqlite3_step(st) != SQLITE_DONE || sqlite3_reset(st) != SQLITE_OK) {
			rc = fail_db(s, sqlite3_errcode(s->db), what);
			goto out;
		}
		if (sqlite3_changes(s->db) == 0) {
			rc = set_msg(s, STORE_NOTFOUND, _("That note is not on this event's "
				     "wall: %s."), _(what));
			goto out;
		}
	}
out:
	sqlite3_finalize(st);
	return rc;
}

int store_theme_add(store *s, int64_t event_id, const char *name, const int64_t *note_ids,
		    int count, store_theme *out)
{
	static const char what[] = N_("the theme was not saved");
	int64_t seq = 0, id = 0;
	int rc;

	assert(s && name && count >= 0 && (note_ids || count == 0));
	rc = check_text(s, N_("name of the theme"), name, STORE_TITLE_MAX, STORE_TITLE_CHARS,
			true);
	if (rc != STORE_OK)
		return rc;
	if (count == 0)
		return set_msg(s, STORE_INVALID, _("Choose at least one note for the theme."));
	rc = tx_begin(s, what);
	if (rc != STORE_OK)
		return rc;
	rc = next_seq(s, &seq, what);
	if (rc == STORE_OK)
		rc = insert_theme(s, event_id, name, seq, &id);
	if (rc == STORE_OK)
		rc = group_notes(s, event_id, id, note_ids, count, seq);
	rc = tx_end(s, rc, what);
	if (rc == STORE_OK && out)
		rc = theme_get(s, id, out);
	return rc;
}

static int rename_theme(store *s, int64_t theme_id, const char *name, int64_t seq)
{
	static const char sql[] =
		"UPDATE themes SET name = ?1, changed_seq = ?2 WHERE id = ?3";
	static const char what[] = N_("the theme was not renamed");
	sqlite3_stmt *st = NULL;
	int rc = STORE_OK;

	if (sqlite3_prepare_v2(s->db, sql, -1, &st, NULL) != SQLITE_OK ||
	    sqlite3_bind_text(st, 1, name, -1, SQLITE_STATIC) != SQLITE_OK ||
	    sqlite3_bind_int64(st, 2, seq) != SQLITE_OK ||
	    sqlite3_bind_int64(st, 3, theme_id) != SQLITE_OK ||
	    sqlite3_step(st) != SQLITE_DONE) {
		rc = fail_db(s, sqlite3_errcode(s->db), what);
		goto out;
	}
	if (sqlite3_changes(s->db) == 0)
		rc = set_msg(s, STORE_NOTFOUND, _("There is no such theme: %s."), _(what));
out:
	sqlite3_finalize(st);
	return rc;
}

int store_theme_rename(store *s, int64_t theme_id, const char *name)
{
	static const char what[] = N_("the theme was not renamed");
	int64_t seq = 0;
	int rc;

	assert(s && name);
	rc = check_text(s, N_("name of the theme"), name, STORE_TITLE_MAX, STORE_TITLE_CHARS,
			true);
	if (rc != STORE_OK)
		return rc;
	rc = tx_begin(s, what);
	if (rc != STORE_OK)
		return rc;
	rc = next_seq(s, &seq, what);
	if (rc == STORE_OK)
		rc = rename_theme(s, theme_id, name, seq);
	return tx_end(s, rc, what);
}

int store_theme_list(store *s, int64_t event_id, store_theme *out, int max, int *n)
{
	/* Ties in the order the themes were made. */
	static const char sql[] =
		THEME_SELECT "WHERE t.event_id = ?1 GROUP BY t.id "
		"ORDER BY own + on_notes DESC, t.seq LIMIT ?2";
	static const char what[] = N_("the themes could not be read");
	sqlite3_stmt *st = NULL;
	int rc = STORE_OK, src, count = 0;

	assert(s && n && max >= 0 && (out || max == 0));
	*n = 0;
	if (sqlite3_prepare_v2(s->db, sql, -1, &st, NULL) != SQLITE_OK ||
	    sqlite3_bind_int64(st, 1, event_id) != SQLITE_OK ||
	    sqlite3_bind_int(st, 2, max) != SQLITE_OK) {
		rc = fail_db(s, sqlite3_errcode(s->db), what);
		goto out;
	}
	while ((src = sqlite3_step(st)) == SQLITE_ROW)
		theme_from_row(st, &out[count++]);
	if (src != SQLITE_DONE) {
		rc = fail_db(s, src, what);
		goto out;
	}
	*n = count;
out:
	sqlite3_finalize(st);
	return rc;
}

/* The dots on note note_id or on theme theme_id (the other is 0): *vote_id
 * gets the vote row holding them (0 if there is none yet), *dots their
 * number. STORE_NOTFOUND for no such note or theme. */
static int vote_get(store *s, int64_t note_id, int64_t theme_id, int64_t *vote_id, int *dots)
{
	/* A NULL parameter matches nothing, so only the target's own row is
	 * found, and its vote if it has one. */
	static const char sql[] =
		"SELECT v.id, v.dots FROM (SELECT id FROM notes WHERE id = ?1 "
		"UNION ALL SELECT id FROM themes WHERE id = ?2) "
		"LEFT JOIN votes v ON v.note_id = ?1 OR v.theme_id = ?2";
	static const char what[] = N_("the votes could not be read");
	sqlite3_stmt *st = NULL;
	int rc = STORE_OK, src;

	if (sqlite3_prepare_v2(s->db, sql, -1, &st, NULL) != SQLITE_OK ||
	    bind_id_or_null(st, 1, note_id) != SQLITE_OK ||
	    bind_id_or_null(st, 2, theme_id) != SQLITE_OK) {
		rc = fail_db(s, sqlite3_errcode(s->db), what);
		goto out;
	}
	src = sqlite3_step(st);
	if (src == SQLITE_ROW) {
		*vote_id = sqlite3_column_int64(st, 0);    /* NULL: 0 */
		*dots = sqlite3_column_int(st, 1);
	} else if (src == SQLITE_DONE) {
		rc = set_msg(s, STORE_NOTFOUND, "%s", note_id != 0 ? _("There is no such note.")
							     : _("There is no such theme."));
	} else {
		rc = fail_db(s, src, what);
	}
out:
	sqlite3_finalize(st);
	return rc;
}

/* Sets the dots of vote vote_id, or makes the target's vote record when
 * vote_id is 0 (its first dot); seq numbers the change. */
static int vote_put(store *s, int64_t vote_id, int64_t note_id, int64_t theme_id, int dots,
		    int64_t seq, const char *what)
{
	static const char sql[] =
		"INSERT INTO votes (id, kiosk, seq, changed_seq, created_at, note_id, "
		"theme_id, dots) VALUES (?1, ?2, ?3, ?3, ?4, ?5, ?6, ?7) "
		"ON CONFLICT (id) DO UPDATE SET dots = excluded.dots, "
		"changed_seq = excluded.changed_seq";
	sqlite3_stmt *st = NULL;
	int rc = STORE_OK;

	if (sqlite3_prepare_v2(s->db, sql, -1, &st, NULL) != SQLITE_OK ||
	    bind_id_or_null(st, 1, vote_id) != SQLITE_OK ||
	    sqlite3_bind_text(st, 2, s->kiosk, -1, SQLITE_STATIC) != SQLITE_OK ||
	    sqlite3_bind_int64(st, 3, seq) != SQLITE_OK ||
	    sqlite3_bind_int64(st, 4, store_now(s)) != SQLITE_OK ||
	    bind_id_or_null(st, 5, note_id) != SQLITE_OK ||
	    bind_id_or_null(st, 6, theme_id) != SQLITE_OK ||
	    sqlite3_bind_int(st, 7, dots) != SQLITE_OK ||
	    sqlite3_step(st) != SQLITE_DONE)
		rc = fail_db(s, sqlite3_errcode(s->db), what);
	sqlite3_finalize(st);
	return rc;
}

/* A dot more or less on a note or a theme (the other id 0). Nothing is
 * stored when nothing changes: taking a dot from none. */
static int vote(store *s, int64_t note_id, int64_t theme_id, int delta, int *votes)
{
	static const char what[] = N_("the vote was not counted");
	int64_t vote_id = 0, seq = 0;
	int rc, dots = 0, want = 0;

	if (delta != 1 && delta != -1)
		return set_msg(s, STORE_INVALID, _("A vote adds or takes away one dot."));
	rc = tx_begin(s, what);
	if (rc != STORE_OK)
		return rc;
	rc = vote_get(s, note_id, theme_id, &vote_id, &dots);
	want = dots + delta < 0 ? 0 : dots + delta;
	if (rc == STORE_OK && want != dots)
		rc = next_seq(s, &seq, what);
	if (rc == STORE_OK && want != dots)
		rc = vote_put(s, vote_id, note_id, theme_id, want, seq, what);
	rc = tx_end(s, rc, what);
	if (rc == STORE_OK && votes)
		*votes = want;
	return rc;
}

int store_note_vote(store *s, int64_t note_id, int delta, int *votes)
{
	assert(s);
	if (note_id == 0)
		return set_msg(s, STORE_NOTFOUND, _("There is no such note."));
	return vote(s, note_id, 0, delta, votes);
}

int store_theme_vote(store *s, int64_t theme_id, int delta, int *votes)
{
	assert(s);
	if (theme_id == 0)
		return set_msg(s, STORE_NOTFOUND, _("There is no such theme."));
	return vote(s, 0, theme_id, delta, votes);
}

/* ---- review: reflections -------------------------------------------------------- */

int store_answer_counts(store *s, int64_t prompt_id, int64_t event_id, int64_t agenda_item_id,
			int counts[STORE_CHOICES + 1], int *answers, double *mean)
{
	/* One row per value: NULL holds the words and texts. */
	static const char sql[] =
		"SELECT value, count(*) FROM responses WHERE prompt_id = ?1 AND "
		"event_id = ?2 AND (?3 IS NULL OR agenda_item_id = ?3) GROUP BY value";
	static const char what[] = N_("the answers could not be counted");
	int local[STORE_CHOICES + 1] = {0};
	sqlite3_stmt *st = NULL;
	store_prompt p;
	int64_t sum = 0;
	int rc, src, total = 0, scored = 0;

	assert(s);
	rc = prompt_get(s, prompt_id, &p, NULL);
	if (rc != STORE_OK)
		goto out;
	if (sqlite3_prepare_v2(s->db, sql, -1, &st, NULL) != SQLITE_OK ||
	    sqlite3_bind_int64(st, 1, prompt_id) != SQLITE_OK ||
	    sqlite3_bind_int64(st, 2, event_id) != SQLITE_OK ||
	    bind_id_or_null(st, 3, agenda_item_id) != SQLITE_OK) {
		rc = fail_db(s, sqlite3_errcode(s->db), what);
		goto out;
	}
	while ((src = sqlite3_step(st)) == SQLITE_ROW) {
		int v = sqlite3_column_int(st, 0), c = sqlite3_column_int(st, 1);

		total += c;
		if (sqlite3_column_type(st, 0) == SQLITE_NULL || v < 0 || v > STORE_CHOICES)
			continue;
		local[v] += c;
		if (p.kind == STORE_PROMPT_SCALE && v >= 1 && v <= 5) {
			sum += (int64_t)v * c;
			scored += c;
		}
	}
	if (src != SQLITE_DONE)
		rc = fail_db(s, src, what);
out:
	sqlite3_finalize(st);
	/* Nothing half counted: all zero unless every row was read. */
	if (rc != STORE_OK) {
		memset(local, 0, sizeof local);
		total = scored = 0;
	}
	if (counts)
		memcpy(counts, local, sizeof local);
	if (answers)
		*answers = total;
	if (mean)
		*mean = scored > 0 ? (double)sum / scored : 0.0;
	return rc;
}

/* STORE_OK if prompt_id is a scale prompt, also one removed from the bank. */
static int scale_prompt(store *s, int64_t prompt_id)
{
	store_prompt p;
	int rc = prompt_get(s, prompt_id, &p, NULL);

	if (rc == STORE_OK && p.kind != STORE_PROMPT_SCALE)
		rc = set_msg(s, STORE_INVALID, _("Only a question answered with the faces "
			     "has a mean."));
	return rc;
}

/* Steps a prepared query of rows (key, label, answers, mean) into out; for
 * by_activity the key is a store_activity and the label its name. The caller
 * finalizes st. */
static int step_means(store *s, sqlite3_stmt *st, bool by_activity, store_mean *out, int *n,
		      const char *what)
{
	int src, count = 0;

	while ((src = sqlite3_step(st)) == SQLITE_ROW) {
		store_mean *m = &out[count++];

		memset(m, 0, sizeof *m);
		m->key = sqlite3_column_int64(st, 0);
		if (by_activity)
			/* The agenda's CHECK keeps the activity in range. */
			snprintf(m->label, sizeof m->label, "%s",
				 m->key >= 0 && m->key < STORE_ACT_COUNT
				 ? activity_names[m->key] : N_("Other"));
		else
			copy_column(m->label, sizeof m->label, st, 1);
		m->answers = sqlite3_column_int(st, 2);
		m->mean = sqlite3_column_double(st, 3);
	}
	if (src != SQLITE_DONE)
		return fail_db(s, src, what);
	*n = count;
	return STORE_OK;
}

int store_scale_by_item(store *s, int64_t prompt_id, int64_t event_id, store_mean *out,
			int max, int *n)
{
	/* Every item on the agenda, in its order (store_agenda_list's), with or
	 * without answers. */
	static const char sql[] =
		"SELECT a.id, a.title, count(r.value), coalesce(avg(r.value), 0) "
		"FROM agenda_items a LEFT JOIN responses r ON r.prompt_id = ?1 AND "
		"r.event_id = a.event_id AND r.agenda_item_id = a.id AND "
		"r.value BETWEEN 1 AND 5 WHERE a.event_id = ?2 AND a.deleted = 0 "
		"GROUP BY a.id ORDER BY a.starts = '', a.starts, a.position, a.seq "
		"LIMIT ?3";
	static const char what[] = N_("the answers could not be counted");
	sqlite3_stmt *st = NULL;
	int rc;

	assert(s && n && max >= 0 && (out || max == 0));
	*n = 0;
	rc = scale_prompt(s, prompt_id);
	if (rc != STORE_OK)
		return rc;
	if (sqlite3_prepare_v2(s->db, sql, -1, &st, NULL) != SQLITE_OK ||
	    sqlite3_bind_int64(st, 1, prompt_id) != SQLITE_OK ||
	    sqlite3_bind_int64(st, 2, event_id) != SQLITE_OK ||
	    sqlite3_bind_int(st, 3, max) != SQLITE_OK) {
		rc = fail_db(s, sqlite3_errcode(s->db), what);
		goto out;
	}
	rc = step_means(s, st, false, out, n, what);
out:
	sqlite3_finalize(st);
	return rc;
}

int store_scale_by_activity(store *s, int64_t prompt_id, int64_t event_id, store_mean *out,
			    int max, int *n)
{
	/* Answers to items since removed still tell of their activity. */
	static const char sql[] =
		"SELECT a.activity, '', count(*), avg(r.value) FROM responses r "
		"JOIN agenda_items a ON a.id = r.agenda_item_id WHERE r.prompt_id = ?1 "
		"AND r.event_id = ?2 AND r.value BETWEEN 1 AND 5 GROUP BY a.activity "
		"ORDER BY a.activity LIMIT ?3";
	static const char what[] = N_("the answers could not be counted");
	sqlite3_stmt *st = NULL;
	int rc;

	assert(s && n && max >= 0 && (out || max == 0));
	*n = 0;
	rc = scale_prompt(s, prompt_id);
	if (rc != STORE_OK)
		return rc;
	if (sqlite3_prepare_v2(s->db, sql, -1, &st, NULL) != SQLITE_OK ||
	    sqlite3_bind_int64(st, 1, prompt_id) != SQLITE_OK ||
	    sqlite3_bind_int64(st, 2, event_id) != SQLITE_OK ||
	    sqlite3_bind_int(st, 3, max) != SQLITE_OK) {
		rc = fail_db(s, sqlite3_errcode(s->db), what);
		goto out;
	}
	rc = step_means(s, st, true, out, n, what);
out:
	sqlite3_finalize(st);
	return rc;
}

/* Steps a prepared query of rows (text, count) into out. The caller
 * finalizes st. */
static int step_counts(store *s, sqlite3_stmt *st, store_count *out, int *n, const char *what)
{
	int src, count = 0;

	while ((src = sqlite3_step(st)) == SQLITE_ROW) {
		store_count *c = &out[count++];

		memset(c, 0, sizeof *c);
		copy_column(c->text, sizeof c->text, st, 0);
		c->count = sqlite3_column_int(st, 1);
	}
	if (src != SQLITE_DONE)
		return fail_db(s, src, what);
	*n = count;
	return STORE_OK;
}

int store_words(store *s, int64_t prompt_id, int64_t event_id, store_count *out, int max,
		int *n)
{
	/* As store_organisations: spellings that fold alike are one word, shown
	 * as most people wrote it (the row max(uses) picks). Ties in folded
	 * order; a word of only punctuation folds to nothing and is left out. */
	static const char sql[] =
		"WITH spellings AS (SELECT kiosk_fold(text) AS k, trim(text) AS spelling, "
		"count(*) AS uses FROM responses WHERE prompt_id = ?1 AND event_id = ?2 "
		"AND text IS NOT NULL GROUP BY k, spelling) "
		"SELECT spelling, sum(uses) AS total, max(uses) FROM spellings "
		"WHERE k <> '' GROUP BY k ORDER BY total DESC, k LIMIT ?3";
	static const char what[] = N_("the words could not be counted");
	sqlite3_stmt *st = NULL;
	int rc = STORE_OK;

	assert(s && n && max >= 0 && (out || max == 0));
	*n = 0;
	if (sqlite3_prepare_v2(s->db, sql, -1, &st, NULL) != SQLITE_OK ||
	    sqlite3_bind_int64(st, 1, prompt_id) != SQLITE_OK ||
	    sqlite3_bind_int64(st, 2, event_id) != SQLITE_OK ||
	    sqlite3_bind_int(st, 3, max) != SQLITE_OK) {
		rc = fail_db(s, sqlite3_errcode(s->db), what);
		goto out;
	}
	rc = step_counts(s, st, out, n, what);
out:
	sqlite3_finalize(st);
	return rc;
}

int store_texts(store *s, int64_t prompt_id, int64_t event_id, store_response *out, int max,
		int *n)
{
	return store_response_list(s, prompt_id, event_id, out, max, n);
}

/* ---- review: who was here, measures, earlier events ----------------------------- */

/* True for check-in c (at event e) when it is its member's first standing
 * check-in at any event: by the events' starts (events without one last, as
 * the newest), then by the record counter. */
#define FIRST_VISIT(c, e) \
	"NOT EXISTS (SELECT 1 FROM checkins c2 JOIN events e2 ON e2.id = c2.event_id " \
	"WHERE c2.member_id = " c ".member_id AND c2.undone = 0 AND c2.id <> " c ".id " \
	"AND (e2.starts = '', e2.starts, c2.seq) < (" e ".starts = '', " e ".starts, " \
	c ".seq))"

int store_attendance_of(store *s, int64_t event_id, store_attendance *out)
{
	/* A forgotten member counts, but has no organisation and is on no list;
	 * the organisations are told apart folded, as suggestions are. */
	static const char sql[] =
		"SELECT count(*), coalesce(sum(" FIRST_VISIT("c", "e") "), 0), "
		"coalesce(sum(m.mailing_list = 1 AND m.forgotten = 0), 0), "
		"count(DISTINCT CASE WHEN m.forgotten = 0 THEN nullif(m.org_key, '') END) "
		"FROM checkins c JOIN events e ON e.id = c.event_id "
		"JOIN members m ON m.id = c.member_id "
		"WHERE c.event_id = ?1 AND c.undone = 0";
	static const char what[] = N_("the attendance could not be counted");
	sqlite3_stmt *st = NULL;
	int rc = STORE_OK;

	assert(s && out);
	memset(out, 0, sizeof *out);
	if (sqlite3_prepare_v2(s->db, sql, -1, &st, NULL) != SQLITE_OK ||
	    sqlite3_bind_int64(st, 1, event_id) != SQLITE_OK ||
	    sqlite3_step(st) != SQLITE_ROW) {
		rc = fail_db(s, sqlite3_errcode(s->db), what);
		goto out;
	}
	out->total = sqlite3_column_int(st, 0);
	out->newcomers = sqlite3_column_int(st, 1);
	out->returning = out->total - out->newcomers;
	out->mailing_list = sqlite3_column_int(st, 2);
	out->organisations = sqlite3_column_int(st, 3);
out:
	sqlite3_finalize(st);
	return rc;
}

int store_attendance_by(store *s, int64_t event_id, const char *by, store_count *out,
			int max, int *n)
{
	/* ?2 picks the column: 0 organisation, 1 profession, 2 role. Spellings
	 * that fold alike count as one, shown as most wrote it; "Not given"
	 * comes last among equals. */
	static const char sql[] =
		"WITH here AS (SELECT CASE ?2 WHEN 0 THEN m.organisation "
		"WHEN 1 THEN m.profession ELSE c.role END AS v FROM checkins c "
		"JOIN members m ON m.id = c.member_id WHERE c.event_id = ?1 AND "
		"c.undone = 0), "
		"spellings AS (SELECT kiosk_fold(v) AS k, trim(v) AS spelling, "
		"count(*) AS uses FROM here GROUP BY k, spelling) "
		"SELECT CASE WHEN k = '' THEN 'Not given' ELSE spelling END, "
		"sum(uses) AS total, max(uses) FROM spellings GROUP BY k "
		"ORDER BY total DESC, k = '', k LIMIT ?3";
	static const char *const columns[] = {"organisation", "profession", "role"};
	static const char what[] = N_("the attendance could not be counted");
	sqlite3_stmt *st = NULL;
	int rc = STORE_OK, column = -1;

	assert(s && n && max >= 0 && (out || max == 0));
	*n = 0;
	for (int i = 0; i < (int)(sizeof columns / sizeof columns[0]); i++) {
		if (by && strcmp(by, columns[i]) == 0)
			column = i;
	}
	if (column < 0)
		return set_msg(s, STORE_INVALID, _("The kiosk counts people by "
			       "organisation, profession or role."));
	if (sqlite3_prepare_v2(s->db, sql, -1, &st, NULL) != SQLITE_OK ||
	    sqlite3_bind_int64(st, 1, event_id) != SQLITE_OK ||
	    sqlite3_bind_int(st, 2, column) != SQLITE_OK ||
	    sqlite3_bind_int(st, 3, max) != SQLITE_OK) {
		rc = fail_db(s, sqlite3_errcode(s->db), what);
		goto out;
	}
	rc = step_counts(s, st, out, n, what);
out:
	sqlite3_finalize(st);
	return rc;
}

/* The figures of quarter q (1..4) of year into out. An event is in the
 * quarter by the date of its start (the text sorts as the time does), so an
 * event without a start is in none; a member is on the list from when they
 * were added. */
static int quarter_figures(store *s, int year, int q, store_quarter *out)
{
	static const char sql[] =
		"SELECT (SELECT count(*) FROM events WHERE starts >= ?1 AND starts < ?2), "
		"(SELECT count(*) FROM checkins c JOIN events e ON e.id = c.event_id "
		"WHERE e.starts >= ?1 AND e.starts < ?2 AND c.undone = 0), "
		"(SELECT count(*) FROM members WHERE mailing_list = 1 AND forgotten = 0 "
		"AND created_at < ?3), "
		"(SELECT count(DISTINCT org_key) FROM members WHERE mailing_list = 1 "
		"AND forgotten = 0 AND created_at < ?3 AND org_key <> '')";
	static const char what[] = N_("the quarter's measures could not be worked out");
	char from[32], to[32];     /* "YYYY-MM-DD HH:MM", with room for any int */
	sqlite3_stmt *st = NULL;
	int64_t end = 0;
	int rc = STORE_OK;

	assert(q >= 1 && q <= 4);
	memset(out, 0, sizeof *out);
	out->year = year;
	out->quarter = q;
	/* Midnight starting the quarter and the next, in local time. */
	snprintf(from, sizeof from, "%04d-%02d-01 00:00", year, 3 * q - 2);
	snprintf(to, sizeof to, "%04d-%02d-01 00:00", q == 4 ? year + 1 : year,
		 q == 4 ? 1 : 3 * q + 1);
	if (!when_parse(to, &end))
		return set_msg(s, STORE_INVALID, _("The kiosk cannot work out the quarter "
			       "ending %s."), to);
	if (sqlite3_prepare_v2(s->db, sql, -1, &st, NULL) != SQLITE_OK ||
	    sqlite3_bind_text(st, 1, from, -1, SQLITE_STATIC) != SQLITE_OK ||
	    sqlite3_bind_text(st, 2, to, -1, SQLITE_STATIC) != SQLITE_OK ||
	    sqlite3_bind_int64(st, 3, end) != SQLITE_OK ||
	    sqlite3_step(st) != SQLITE_ROW) {
		rc = fail_db(s, sqlite3_errcode(s->db), what);
		goto out;
	}
	out->events = sqlite3_column_int(st, 0);
	out->attendees = sqlite3_column_int(st, 1);
	out->people_on_list = sqlite3_column_int(st, 2);
	out->orgs_on_list = sqlite3_column_int(st, 3);
out:
	sqlite3_finalize(st);
	return rc;
}

int store_quarter_measures(store *s, int64_t t, store_quarter *now, store_quarter *before)
{
	char day[STORE_STARTS_MAX];
	int year, q, rc;

	assert(s && now);
	/* "YYYY-MM-DD HH:MM" in local time. */
	when_format(t, day, sizeof day);
	year = atoi(day);
	q = (atoi(day + 5) - 1) / 3 + 1;
	rc = quarter_figures(s, year, q, now);
	if (rc == STORE_OK && before)
		rc = quarter_figures(s, q == 1 ? year - 1 : year, q == 1 ? 4 : q - 1, before);
	return rc;
}

int store_event_history(store *s, store_event_figures *out, int max, int *n)
{
	/* Earliest start first; events without a start last, in the order they
	 * were made, as FIRST_VISIT takes them. */
	static const char sql[] =
		"SELECT " EVENT_COLUMNS ", "
		"(SELECT count(*) FROM checkins c WHERE c.event_id = e.id AND "
		"c.undone = 0), "
		"(SELECT count(*) FROM checkins c WHERE c.event_id = e.id AND "
		"c.undone = 0 AND " FIRST_VISIT("c", "e") "), "
		"(SELECT count(*) FROM notes WHERE event_id = e.id), "
		"(SELECT count(*) FROM responses WHERE event_id = e.id), "
		"(SELECT coalesce(avg(r.value), 0) FROM responses r JOIN prompts p "
		"ON p.id = r.prompt_id WHERE r.event_id = e.id AND p.kind = 0 AND "
		"r.value BETWEEN 1 AND 5) "
		"FROM events e ORDER BY e.starts = '', e.starts, e.seq LIMIT ?1";
	static const char what[] = N_("the earlier events could not be read");
	sqlite3_stmt *st = NULL;
	int rc = STORE_OK, src, count = 0;

	assert(s && n && max >= 0 && (out || max == 0));
	*n = 0;
	if (sqlite3_prepare_v2(s->db, sql, -1, &st, NULL) != SQLITE_OK ||
	    sqlite3_bind_int(st, 1, max) != SQLITE_OK) {
		rc = fail_db(s, sqlite3_errcode(s->db), what);
		goto out;
	}
	while ((src = sqlite3_step(st)) == SQLITE_ROW) {
		store_event_figures *f = &out[count++];

		memset(f, 0, sizeof *f);
		event_from_row(st, &f->event);
		f->attendees = sqlite3_column_int(st, 7);
		f->newcomers = sqlite3_column_int(st, 8);
		f->notes = sqlite3_column_int(st, 9);
		f->answers = sqlite3_column_int(st, 10);
		f->mean = sqlite3_column_double(st, 11);
	}
	if (src != SQLITE_DONE) {
		rc = fail_db(s, src, what);
		goto out;
	}
	*n = count;
out:
	sqlite3_finalize(st);
	return rc;
}

/* ---- review: words that recur --------------------------------------------------- */

/* Words too common to tell anything; shorter ones are left out anyway. */
static const char *const stop_words[] = {
	"with", "that", "this", "from", "have", "were", "what", "more", "time", "very",
	"really", "about", "there", "their", "would", "could", "should", "which", "when",
	"will", "been", "into", "than", "then", "them", "they", "also", "just", "some",
	"like", "much",
};

#define WORD_MIN_CHARS 4

/* A folded word seen at an event. */
typedef struct {
	char *word;
	int64_t event_id;
} word_use;

/* A word and the number of events it was seen at. */
typedef struct {
	const char *word;
	int events;
} word_events;

static bool is_stop_word(const char *w)
{
	for (size_t i = 0; i < sizeof stop_words / sizeof stop_words[0]; i++) {
		if (strcmp(w, stop_words[i]) == 0)
			return true;
	}
	return false;
}

static int by_word_then_event(const void *a, const void *b)
{
	const word_use *x = a, *y = b;
	int c = strcmp(x->word, y->word);

	if (c != 0)
		return c;
	return (x->event_id > y->event_id) - (x->event_id < y->event_id);
}

static int by_events_then_word(const void *a, const void *b)
{
	const word_events *x = a, *y = b;

	if (x->events != y->events)
		return y->events - x->events;
	return strcmp(x->word, y->word);
}

/* Appends the words of text (folded, long enough, not stop words) seen at
 * event_id to *uses (*n of *cap used, grown as needed). False when memory
 * runs out. */
static bool add_word_uses(const char *text, int64_t event_id, word_use **uses, size_t *n,
			  size_t *cap)
{
	char folded[STORE_NOTE_MAX], word[STORE_NOTE_MAX];

	text_fold(folded, sizeof folded, text);
	/* A folded text has single spaces and none at either end. */
	for (const char *w = folded; *w != '\0';) {
		size_t len = strcspn(w, " ");

		memcpy(word, w, len);
		word[len] = '\0';
		w += len;
		if (*w == ' ')
			w++;
		if (text_chars(word) < WORD_MIN_CHARS || is_stop_word(word))
			continue;
		if (*n == *cap) {
			size_t grown = *cap ? 2 * *cap : 1024;
			word_use *more = realloc(*uses, grown * sizeof *more);

			if (!more)
				return false;
			*uses = more;
			*cap = grown;
		}
		(*uses)[*n].word = strdup(word);
		if (!(*uses)[*n].word)
			return false;
		(*uses)[(*n)++].event_id = event_id;
	}
	return true;
}

int store_recurring_words(store *s, store_count *out, int max, int *n)
{
	/* Every post-it and every one-word answer, with its event. */
	static const char sql[] =
		"SELECT event_id, body FROM notes UNION ALL "
		"SELECT r.event_id, r.text FROM responses r JOIN prompts p "
		"ON p.id = r.prompt_id WHERE p.kind = 1 AND r.text IS NOT NULL";
	static const char what[] = N_("the words could not be counted");
	word_use *uses = NULL;
	word_events *found = NULL;
	size_t nuses = 0, cap = 0, nfound = 0;
	sqlite3_stmt *st = NULL;
	int rc = STORE_OK, src;

	assert(s && n && max >= 0 && (out || max == 0));
	*n = 0;
	if (sqlite3_prepare_v2(s->db, sql, -1, &st, NULL) != SQLITE_OK) {
		rc = fail_db(s, sqlite3_errcode(s->db), what);
		goto out;
	}
	while ((src = sqlite3_step(st)) == SQLITE_ROW) {
		if (!add_word_uses((const char *)sqlite3_column_text(st, 1),
				   sqlite3_column_int64(st, 0), &uses, &nuses, &cap)) {
			rc = set_msg(s, STORE_IO, _("The kiosk ran out of memory: %s."), _(what));
			goto out;
		}
	}
	if (src != SQLITE_DONE) {
		rc = fail_db(s, src, what);
		goto out;
	}
	/* Sorted, each word's uses are together, event by event. */
	if (nuses > 0)
		qsort(uses, nuses, sizeof uses[0], by_word_then_event);
	found = malloc((nuses ? nuses : 1) * sizeof *found);
	if (!found) {
		rc = set_msg(s, STORE_IO, _("The kiosk ran out of memory: %s."), _(what));
		goto out;
	}
	for (size_t i = 0; i < nuses;) {
		size_t j = i + 1;
		int events = 1;

		for (; j < nuses && strcmp(uses[j].word, uses[i].word) == 0; j++) {
			if (uses[j].event_id != uses[j - 1].event_id)
				events++;
		}
		if (events >= 2) {
			found[nfound].word = uses[i].word;
			found[nfound++].events = events;
		}
		i = j;
	}
	if (nfound > 0)
		qsort(found, nfound, sizeof found[0], by_events_then_word);
	for (size_t i = 0; i < nfound && (int)i < max; i++) {
		text_sanitize(out[i].text, sizeof out[i].text, found[i].word);
		out[i].count = found[i].events;
		*n = (int)i + 1;
	}
out:
	sqlite3_finalize(st);
	for (size_t i = 0; i < nuses; i++)
		free(uses[i].word);
	free(uses);
	free(found);
	return rc;
}

/* ---- sync: batches of records for the QR loop, and exports ---------------------- */

_Static_assert(STORE_SECRET_BYTES == 16, "sync_batches.secret holds 16 bytes");

/* Types of record in the order a batch lists them (a record's references come
 * before it), with the name of their array in the JSON export. */
static const char *const record_arrays[] = {
	"events", "agenda_items", "members", "checkins", "themes", "notes", "prompts",
	"responses",
};
#define RECORD_TYPES ((int)(sizeof record_arrays / sizeof record_arrays[0]))

#define GID_OF(t) t ".kiosk || '-' || " t ".seq"
#define BOOL_OF(c) "json(iif(" c ", 'true', 'false'))"
#define RECORD_HEAD(type, t) \
	"'type', '" type "', 'gid', " GID_OF(t) ", 'changed', " t ".changed_seq, " \
	"'created', " t ".created_at"

/* A member as a batch sends it; store_member_forget rewrites a stored batch's
 * line with it. */
#define MEMBER_RECORD(m) \
	"json_object(" RECORD_HEAD("member", m) ", " \
	"'first_name', " m ".first_name, 'last_name', " m ".last_name, " \
	"'organisation', " m ".organisation, 'profession', " m ".profession, " \
	"'email', " m ".email, 'mailing_list', " BOOL_OF(m ".mailing_list") ", " \
	"'may_contact', " BOOL_OF(m ".may_contact") ", " \
	"'forgotten', " BOOL_OF(m ".forgotten") ")"

/* Called with each record: its index in record_arrays and its JSON object. */
typedef int (*record_fn)(void *ctx, int type, const char *json, int len);

/* Calls fn with every record changed after changed_seq `after` (-1: all), in
 * sync/PROTOCOL.md's form, by type then by age; stops at fn's first status
 * other than STORE_OK and returns it. Members go with the check-ins sent, so
 * that a batch names everyone it counts. Votes are not sent: the protocol has
 * no record for them yet. */
static int each_record(store *s, int64_t after, record_fn fn, void *ctx)
{
	static const char sql[] =
		"SELECT 0, e.seq, json_object(" RECORD_HEAD("event", "e") ", "
		"'title', e.title, 'starts', e.starts, 'venue', e.venue, "
		"'community', e.community, 'roles', " BOOL_OF("e.roles") ") "
		"FROM events e WHERE e.changed_seq > ?1 "
		"UNION ALL SELECT 1, a.seq, json_object(" RECORD_HEAD("agenda_item", "a") ", "
		"'event', " GID_OF("e") ", 'title', a.title, 'starts', a.starts, "
		"'activity', a.activity, 'position', a.position, "
		"'deleted', " BOOL_OF("a.deleted") ") "
		"FROM agenda_items a JOIN events e ON e.id = a.event_id "
		"WHERE a.changed_seq > ?1 "
		"UNION ALL SELECT 2, m.seq, " MEMBER_RECORD("m") " "
		"FROM members m WHERE m.changed_seq > ?1 OR m.id IN "
		"(SELECT member_id FROM checkins WHERE changed_seq > ?1) "
		"UNION ALL SELECT 3, c.seq, json_object(" RECORD_HEAD("checkin", "c") ", "
		"'event', " GID_OF("e") ", 'member', " GID_OF("m") ", 'role', c.role, "
		"'undone', " BOOL_OF("c.undone") ") "
		"FROM checkins c JOIN events e ON e.id = c.event_id "
		"JOIN members m ON m.id = c.member_id WHERE c.changed_seq > ?1 "
		"UNION ALL SELECT 4, t.seq, json_object(" RECORD_HEAD("theme", "t") ", "
		"'event', " GID_OF("e") ", 'name', t.name) "
		"FROM themes t JOIN events e ON e.id = t.event_id WHERE t.changed_seq > ?1 "
		"UNION ALL SELECT 5, n.seq, json_object(" RECORD_HEAD("note", "n") ", "
		"'event', " GID_OF("e") ", 'agenda_item', (SELECT " GID_OF("a") " FROM "
		"agenda_items a WHERE a.id = n.agenda_item_id), 'kind', n.kind, "
		"'body', n.body, 'group_size', n.group_size, 'theme', (SELECT "
		GID_OF("t") " FROM themes t WHERE t.id = n.theme_id)) "
		"FROM notes n JOIN events e ON e.id = n.event_id WHERE n.changed_seq > ?1 "
		"UNION ALL SELECT 6, p.seq, json_object(" RECORD_HEAD("prompt", "p") ", "
		"'event', (SELECT " GID_OF("e") " FROM events e WHERE e.id = p.event_id), "
		"'text', p.text, 'kind', p.kind, 'choices', p.choices, "
		"'deleted', " BOOL_OF("p.deleted") ") "
		"FROM prompts p WHERE p.changed_seq > ?1 "
		"UNION ALL SELECT 7, r.seq, json_object(" RECORD_HEAD("response", "r") ", "
		"'event', " GID_OF("e") ", 'prompt', " GID_OF("p") ", 'agenda_item', "
		"(SELECT " GID_OF("a") " FROM agenda_items a WHERE a.id = r.agenda_item_id), "
		"'value_int', r.value, 'value_text', r.text) "
		"FROM responses r JOIN events e ON e.id = r.event_id "
		"JOIN prompts p ON p.id = r.prompt_id WHERE r.changed_seq > ?1 "
		"ORDER BY 1, 2";
	static const char what[] = N_("the records could not be read");
	sqlite3_stmt *st = NULL;
	int rc = STORE_OK, src;

	if (sqlite3_prepare_v2(s->db, sql, -1, &st, NULL) != SQLITE_OK ||
	    sqlite3_bind_int64(st, 1, after) != SQLITE_OK) {
		rc = fail_db(s, sqlite3_errcode(s->db), what);
		goto out;
	}
	while (rc == STORE_OK && (src = sqlite3_step(st)) == SQLITE_ROW) {
		int type = sqlite3_column_int(st, 0);
		const char *json = (const char *)sqlite3_column_text(st, 2);

		assert(type >= 0 && type < RECORD_TYPES);
		if (!json) {
			rc = set_msg(s, STORE_IO, _("The kiosk ran out of memory: %s."), _(what));
			goto out;
		}
		rc = fn(ctx, type, json, sqlite3_column_bytes(st, 2));
	}
	if (rc == STORE_OK && src != SQLITE_DONE)
		rc = fail_db(s, src, what);
out:
	sqlite3_finalize(st);
	return rc;
}

/* The highest changed_seq of any record a batch sends (0 when there are none);
 * it can be below the record counter, which votes also move. */
static int changed_upto(store *s, int64_t *upto)
{
	static const char sql[] =
		"SELECT coalesce(max(v), 0) FROM ("
		"SELECT max(changed_seq) AS v FROM events "
		"UNION ALL SELECT max(changed_seq) FROM agenda_items "
		"UNION ALL SELECT max(changed_seq) FROM members "
		"UNION ALL SELECT max(changed_seq) FROM checkins "
		"UNION ALL SELECT max(changed_seq) FROM themes "
		"UNION ALL SELECT max(changed_seq) FROM notes "
		"UNION ALL SELECT max(changed_seq) FROM prompts "
		"UNION ALL SELECT max(changed_seq) FROM responses)";
	sqlite3_stmt *st = NULL;
	int rc = STORE_OK;

	if (sqlite3_prepare_v2(s->db, sql, -1, &st, NULL) != SQLITE_OK ||
	    sqlite3_step(st) != SQLITE_ROW) {
		rc = fail_db(s, sqlite3_errcode(s->db), N_("the records could not be read"));
		goto out;
	}
	*upto = sqlite3_column_int64(st, 0);
out:
	sqlite3_finalize(st);
	return rc;
}

/* The highest changed_seq the archive has acknowledged: every record changed
 * up to it has reached the archive (0 before the first receipt). */
static int acked_upto(store *s, int64_t *upto)
{
	static const char sql[] =
		"SELECT coalesce(max(last_seq), 0) FROM sync_batches WHERE acked_at IS NOT NULL";
	sqlite3_stmt *st = NULL;
	int rc = STORE_OK;

	if (sqlite3_prepare_v2(s->db, sql, -1, &st, NULL) != SQLITE_OK ||
	    sqlite3_step(st) != SQLITE_ROW) {
		rc = fail_db(s, sqlite3_errcode(s->db), N_("the batches could not be read"));
		goto out;
	}
	*upto = sqlite3_column_int64(st, 0);
out:
	sqlite3_finalize(st);
	return rc;
}

#define BATCH_COLUMNS "id, created_at, coalesce(acked_at, 0), record_count, secret"

static void batch_from_row(sqlite3_stmt *st, store_batch *b)
{
	const void *secret = sqlite3_column_blob(st, 4);

	memset(b, 0, sizeof *b);
	b->id = sqlite3_column_int64(st, 0);
	b->created_at = sqlite3_column_int64(st, 1);
	b->acked_at = sqlite3_column_int64(st, 2);
	b->records = sqlite3_column_int(st, 3);
	if (secret && sqlite3_column_bytes(st, 4) == STORE_SECRET_BYTES)
		memcpy(b->secret, secret, STORE_SECRET_BYTES);
}

/* The newest batch still waiting for its receipt, with its records (malloc'd,
 * NUL-terminated) and the highest changed_seq it covers; STORE_NOTFOUND if
 * every batch is acknowledged. */
static int newest_pending(store *s, store_batch *out, int64_t *last_seq, char **records,
			  size_t *len)
{
	static const char sql[] =
		"SELECT " BATCH_COLUMNS ", last_seq, records FROM sync_batches "
		"WHERE acked_at IS NULL ORDER BY id DESC LIMIT 1";
	static const char what[] = N_("the batch could not be read");
	sqlite3_stmt *st = NULL;
	int rc = STORE_OK, src;
	size_t n;

	if (sqlite3_prepare_v2(s->db, sql, -1, &st, NULL) != SQLITE_OK) {
		rc = fail_db(s, sqlite3_errcode(s->db), what);
		goto out;
	}
	src = sqlite3_step(st);
	if (src == SQLITE_DONE) {
		rc = STORE_NOTFOUND;
		goto out;
	}
	if (src != SQLITE_ROW) {
		rc = fail_db(s, src, what);
		goto out;
	}
	batch_from_row(st, out);
	*last_seq = sqlite3_column_int64(st, 5);
	n = (size_t)sqlite3_column_bytes(st, 6);
	*records = malloc(n + 1);
	if (!*records) {
		rc = set_msg(s, STORE_IO, _("The kiosk ran out of memory: %s."), _(what));
		goto out;
	}
	if (n)
		memcpy(*records, sqlite3_column_text(st, 6), n);
	(*records)[n] = '\0';
	*len = n;
out:
	sqlite3_finalize(st);
	return rc;
}

/* Member id's line in every stored batch is rewritten as the member is now
 * (forgotten: no name, organisation or email), so that no batch keeps what
 * was forgotten, and a batch not yet acknowledged sends the forgetting. The
 * receipt derives from the batch's secret, not its records: it stays. */
static int scrub_batches(store *s, int64_t id, const char *what)
{
	static const char member_sql[] =
		"SELECT '{\"type\":\"member\",\"gid\":\"' || m.kiosk || '-' || m.seq || '\",', "
		MEMBER_RECORD("m") " FROM members m WHERE m.id = ?1";
	static const char find_sql[] =
		"SELECT id, records FROM sync_batches WHERE instr(records, ?1) > 0";
	static const char put_sql[] = "UPDATE sync_batches SET records = ?1 WHERE id = ?2";
	sqlite3_stmt *member = NULL, *find = NULL, *put = NULL;
	char *text = NULL;
	size_t n = 0;
	int rc = STORE_OK, src;

	if (sqlite3_prepare_v2(s->db, member_sql, -1, &member, NULL) != SQLITE_OK ||
	    sqlite3_bind_int64(member, 1, id) != SQLITE_OK ||
	    sqlite3_step(member) != SQLITE_ROW ||
	    sqlite3_prepare_v2(s->db, find_sql, -1, &find, NULL) != SQLITE_OK ||
	    sqlite3_bind_value(find, 1, sqlite3_column_value(member, 0)) != SQLITE_OK ||
	    sqlite3_prepare_v2(s->db, put_sql, -1, &put, NULL) != SQLITE_OK) {
		rc = fail_db(s, sqlite3_errcode(s->db), what);
		goto out;
	}
	const char *head = (const char *)sqlite3_column_text(member, 0);
	const char *now = (const char *)sqlite3_column_text(member, 1);
	if (!head || !now) {
		rc = set_msg(s, STORE_IO, _("The kiosk ran out of memory: %s."), _(what));
		goto out;
	}
	size_t head_len = strlen(head);
	/* Each batch is rewritten as it is read: the new line names the same
	 * gid, so the search would find it again, but the scan is already past. */
	while ((src = sqlite3_step(find)) == SQLITE_ROW) {
		const char *records = (const char *)sqlite3_column_text(find, 1);
		FILE *f = open_memstream(&text, &n);
		if (!f || !records) {
			if (f)
				fclose(f);
			rc = set_msg(s, STORE_IO, _("The kiosk ran out of memory: %s."), _(what));
			goto out;
		}
		for (const char *line = records; *line;) {
			const char *end = strchr(line, '\n');
			size_t len = end ? (size_t)(end - line) : strlen(line);
			if (len >= head_len && memcmp(line, head, head_len) == 0)
				fputs(now, f);
			else
				fwrite(line, 1, len, f);
			if (end)
				fputc('\n', f);
			line += len + (end ? 1 : 0);
		}
		if (fclose(f) != 0) {
			rc = set_msg(s, STORE_IO, _("The kiosk ran out of memory: %s."), _(what));
			goto out;
		}
		if (sqlite3_bind_text64(put, 1, text, n, SQLITE_STATIC, SQLITE_UTF8) != SQLITE_OK ||
		    sqlite3_bind_int64(put, 2, sqlite3_column_int64(find, 0)) != SQLITE_OK ||
		    sqlite3_step(put) != SQLITE_DONE) {
			rc = fail_db(s, sqlite3_errcode(s->db), what);
			goto out;
		}
		sqlite3_reset(put);
		sodium_memzero(text, n);
		free(text);
		text = NULL;
	}
	if (src != SQLITE_DONE)
		rc = fail_db(s, src, what);
out:
	if (text)
		sodium_memzero(text, n);
	free(text);
	sqlite3_finalize(put);
	sqlite3_finalize(find);
	sqlite3_finalize(member);
	return rc;
}

/* Stores a new batch of records covering changed_seq first..last; sets out's
 * id (the next batch number), created_at and records; out->secret is kept. */
static int insert_batch(store *s, int64_t first, int64_t last, const char *records, size_t len,
			int count, store_batch *out)
{
	static const char sql[] =
		"INSERT INTO sync_batches (id, kiosk, seq, created_at, first_seq, last_seq, "
		"frames, secret, records, record_count) VALUES ((SELECT coalesce(max(id), 0) "
		"+ 1 FROM sync_batches), ?1, (SELECT coalesce(max(id), 0) + 1 FROM "
		"sync_batches), ?2, ?3, ?4, 0, ?5, ?6, ?7) RETURNING id";
	static const char what[] = N_("the batch was not saved");
	sqlite3_stmt *st = NULL;
	int64_t now = store_now(s);
	int rc = STORE_OK;

	if (sqlite3_prepare_v2(s->db, sql, -1, &st, NULL) != SQLITE_OK ||
	    sqlite3_bind_text(st, 1, s->kiosk, -1, SQLITE_STATIC) != SQLITE_OK ||
	    sqlite3_bind_int64(st, 2, now) != SQLITE_OK ||
	    sqlite3_bind_int64(st, 3, first) != SQLITE_OK ||
	    sqlite3_bind_int64(st, 4, last) != SQLITE_OK ||
	    sqlite3_bind_blob(st, 5, out->secret, STORE_SECRET_BYTES, SQLITE_STATIC) !=
		    SQLITE_OK ||
	    sqlite3_bind_text64(st, 6, records, len, SQLITE_STATIC, SQLITE_UTF8) != SQLITE_OK ||
	    sqlite3_bind_int(st, 7, count) != SQLITE_OK ||
	    sqlite3_step(st) != SQLITE_ROW) {
		rc = fail_db(s, sqlite3_errcode(s->db), what);
		goto out;
	}
	out->id = sqlite3_column_int64(st, 0);
	out->created_at = now;
	out->acked_at = 0;
	out->records = count;
out:
	sqlite3_finalize(st);
	return rc;
}

/* JSON Lines of a batch being made, in a memory stream. */
typedef struct {
	FILE *f;
	int count;
	bool failed;    /* the stream could not grow: out of memory */
} lines;

static int add_line(void *ctx, int type, const char *json, int len)
{
	lines *l = ctx;

	(void)type;
	if (fwrite(json, 1, (size_t)len, l->f) != (size_t)len || fputc('\n', l->f) == EOF) {
		l->failed = true;
		return STORE_IO;
	}
	l->count++;
	return STORE_OK;
}

int store_sync_batch(store *s, store_batch *out, char **records, size_t *len)
{
	static const char what[] = N_("no batch was made");
	lines l = {NULL, 0, false};
	char *text = NULL;
	size_t n = 0;
	int64_t acked = 0, changed = 0, covered = 0;
	int rc;

	assert(s && out && records && len);
	*records = NULL;
	*len = 0;
	rc = tx_begin(s, what);
	if (rc != STORE_OK)
		return rc;
	rc = acked_upto(s, &acked);
	if (rc == STORE_OK)
		rc = changed_upto(s, &changed);
	if (rc != STORE_OK)
		goto out;
	if (changed <= acked) {
		rc = set_msg(s, STORE_NOTFOUND, _("Everything has been synced: there is "
			     "nothing new to send."));
		goto out;
	}
	/* Nothing changed since the newest batch was made: show it again, so
	 * that its frames and its receipt stay the same. */
	rc = newest_pending(s, out, &covered, &text, &n);
	if (rc == STORE_OK && covered >= changed)
		goto out;
	if (rc != STORE_OK && rc != STORE_NOTFOUND)
		goto out;
	free(text);
	text = NULL;
	n = 0;
	memset(out, 0, sizeof *out);
	l.f = open_memstream(&text, &n);
	if (!l.f) {
		rc = set_msg(s, STORE_IO, _("The kiosk ran out of memory: %s."), _(what));
		goto out;
	}
	rc = each_record(s, acked, add_line, &l);
	if (fclose(l.f) != 0 || l.failed)
		rc = set_msg(s, STORE_IO, _("The kiosk ran out of memory: %s."), _(what));
	if (rc != STORE_OK)
		goto out;
	if (l.count == 0) {
		rc = set_msg(s, STORE_NOTFOUND, _("Everything has been synced: there is "
			     "nothing new to send."));
		goto out;
	}
	randombytes_buf(out->secret, sizeof out->secret);
	rc = insert_batch(s, acked + 1, changed, text, n, l.count, out);
out:
	rc = tx_end(s, rc, what);
	if (rc != STORE_OK) {
		free(text);
		memset(out, 0, sizeof *out);
		return rc;
	}
	*records = text;
	*len = n;
	return STORE_OK;
}

int store_sync_ack(store *s, int64_t id)
{
	/* An acknowledged batch keeps its first receipt's time: typing the code
	 * twice is harmless. */
	static const char sql[] =
		"UPDATE sync_batches SET acked_at = coalesce(acked_at, ?2) WHERE id = ?1";
	static const char what[] = N_("the batch was not marked as synced");
	sqlite3_stmt *st = NULL;
	int rc = STORE_OK;

	assert(s);
	if (sqlite3_prepare_v2(s->db, sql, -1, &st, NULL) != SQLITE_OK ||
	    sqlite3_bind_int64(st, 1, id) != SQLITE_OK ||
	    sqlite3_bind_int64(st, 2, store_now(s)) != SQLITE_OK ||
	    sqlite3_step(st) != SQLITE_DONE) {
		rc = fail_db(s, sqlite3_errcode(s->db), what);
		goto out;
	}
	if (sqlite3_changes(s->db) == 0)
		rc = set_msg(s, STORE_NOTFOUND, _("There is no such batch: %s."), _(what));
out:
	sqlite3_finalize(st);
	return rc;
}

int store_sync_history(store *s, store_batch *out, int max, int *n)
{
	static const char sql[] =
		"SELECT " BATCH_COLUMNS " FROM sync_batches ORDER BY id DESC LIMIT ?1";
	static const char what[] = N_("the batches could not be read");
	sqlite3_stmt *st = NULL;
	int rc = STORE_OK, src, count = 0;

	assert(s && n && max >= 0 && (out || max == 0));
	*n = 0;
	if (sqlite3_prepare_v2(s->db, sql, -1, &st, NULL) != SQLITE_OK ||
	    sqlite3_bind_int(st, 1, max) != SQLITE_OK) {
		rc = fail_db(s, sqlite3_errcode(s->db), what);
		goto out;
	}
	while ((src = sqlite3_step(st)) == SQLITE_ROW)
		batch_from_row(st, &out[count++]);
	if (src != SQLITE_DONE) {
		rc = fail_db(s, src, what);
		goto out;
	}
	*n = count;
out:
	sqlite3_finalize(st);
	return rc;
}

int store_sync_key_set(store *s, const unsigned char key[STORE_SYNC_KEY_BYTES])
{
	static const char sql[] = "DELETE FROM settings WHERE key = ?1";
	char hex[2 * STORE_SYNC_KEY_BYTES + 1];
	sqlite3_stmt *st = NULL;
	int rc = STORE_OK;

	assert(s);
	if (key) {
		sodium_bin2hex(hex, sizeof hex, key, STORE_SYNC_KEY_BYTES);
		return setting_put_text(s, KEY_SYNC_KEY, hex,
					N_("the archive's key was not saved"));
	}
	if (sqlite3_prepare_v2(s->db, sql, -1, &st, NULL) != SQLITE_OK ||
	    sqlite3_bind_text(st, 1, KEY_SYNC_KEY, -1, SQLITE_STATIC) != SQLITE_OK ||
	    sqlite3_step(st) != SQLITE_DONE)
		rc = fail_db(s, sqlite3_errcode(s->db), N_("the archive's key was not removed"));
	sqlite3_finalize(st);
	return rc;
}

int store_sync_key_get(store *s, unsigned char key[STORE_SYNC_KEY_BYTES])
{
	char hex[2 * STORE_SYNC_KEY_BYTES + 1];
	size_t bin = 0;
	int rc;

	assert(s && key);
	rc = setting_get_text(s, KEY_SYNC_KEY, hex, sizeof hex);
	if (rc == STORE_NOTFOUND)
		return set_msg(s, STORE_NOTFOUND, _("No archive key has been loaded."));
	if (rc != STORE_OK)
		return rc;
	if (sodium_hex2bin(key, STORE_SYNC_KEY_BYTES, hex, strlen(hex), NULL, &bin, NULL) != 0 ||
	    bin != STORE_SYNC_KEY_BYTES)
		return set_msg(s, STORE_CORRUPT, _("The archive's key in the data file is damaged; load it again."));
	return STORE_OK;
}

/* One CSV field (RFC 4180): quoted only when it must be. A leading = + - @
 * (or tab, CR) would make a spreadsheet read the text as a formula, so such
 * a field starts with an apostrophe, which spreadsheets show as text. */
static void csv_field(FILE *out, const char *text, bool last)
{
	bool formula = text[0] != '\0' && strchr("=+-@\t\r", text[0]) != NULL;
	bool quote = strpbrk(text, ",\"\r\n") != NULL;

	if (quote)
		fputc('"', out);
	if (formula)
		fputc('\'', out);
	for (const char *p = text; *p; p++) {
		if (*p == '"')
			fputc('"', out);
		fputc(*p, out);
	}
	if (quote)
		fputc('"', out);
	fputs(last ? "\r\n" : ",", out);
}

/* The current event's standing check-ins, in the order people came. */
static int export_csv(store *s, FILE *out)
{
	static const char sql[] =
		"SELECT m.first_name, m.last_name, m.organisation, m.profession, "
		"c.created_at, c.role, " FIRST_VISIT("c", "e") " "
		"FROM checkins c JOIN events e ON e.id = c.event_id "
		"JOIN members m ON m.id = c.member_id "
		"WHERE c.event_id = ?1 AND c.undone = 0 ORDER BY c.changed_seq, c.id";
	static const char *const head[] = {
		"First name", "Last name", "Organisation", "Profession", "Checked in at",
		"Role", "Newcomer",
	};
	static const char what[] = N_("the attendance was not exported");
	sqlite3_stmt *st = NULL;
	store_event ev;
	int rc, src;

	rc = store_event_current(s, &ev);
	if (rc == STORE_NOTFOUND)
		return set_msg(s, STORE_NOTFOUND, _("There is no current event: %s."), _(what));
	if (rc != STORE_OK)
		return rc;
	if (sqlite3_prepare_v2(s->db, sql, -1, &st, NULL) != SQLITE_OK ||
	    sqlite3_bind_int64(st, 1, ev.id) != SQLITE_OK) {
		rc = fail_db(s, sqlite3_errcode(s->db), what);
		goto out;
	}
	for (int i = 0; i < 7; i++)
		csv_field(out, head[i], i == 6);
	while ((src = sqlite3_step(st)) == SQLITE_ROW) {
		char when[STORE_STARTS_MAX];

		when_format(sqlite3_column_int64(st, 4), when, sizeof when);
		for (int i = 0; i < 6; i++) {
			const unsigned char *t = sqlite3_column_text(st, i);

			csv_field(out, i == 4 ? when : t ? (const char *)t : "", false);
		}
		csv_field(out, sqlite3_column_int(st, 6) ? "Yes" : "No", true);
	}
	if (src != SQLITE_DONE)
		rc = fail_db(s, src, what);
out:
	sqlite3_finalize(st);
	return rc;
}

/* The JSON export being written: the array of the last record's type is open. */
typedef struct {
	FILE *out;
	int type;       /* index in record_arrays of the open array; -1 before any */
	bool first;     /* nothing in the open array yet */
} json_export;

/* Closes the open array and opens each one up to type (empty ones included). */
static void json_open_array(json_export *j, int type)
{
	while (j->type < type) {
		if (j->type >= 0)
			fputs(j->first ? "],\n" : "\n],\n", j->out);
		j->type++;
		fprintf(j->out, "\"%s\":[", record_arrays[j->type]);
		j->first = true;
	}
}

static int add_object(void *ctx, int type, const char *json, int len)
{
	json_export *j = ctx;

	json_open_array(j, type);
	fputs(j->first ? "\n" : ",\n", j->out);
	fwrite(json, 1, (size_t)len, j->out);
	j->first = false;
	return STORE_OK;
}

/* Every record, acknowledged or not, as one JSON object of arrays per type. */
static int export_json(store *s, FILE *out)
{
	json_export j = {out, -1, true};
	int rc;

	/* The kiosk id is hex digits: nothing to escape. */
	fprintf(out, "{\"kiosk\":\"%s\",\"exported\":%lld,\n", s->kiosk,
		(long long)store_now(s));
	rc = each_record(s, -1, add_object, &j);
	if (rc != STORE_OK)
		return rc;
	json_open_array(&j, RECORD_TYPES - 1);
	fputs(j.first ? "]}\n" : "\n]}\n", out);
	return STORE_OK;
}

int store_export(store *s, const char *format, FILE *out)
{
	int rc;

	assert(s && format && out);
	if (strcmp(format, "csv") == 0)
		rc = export_csv(s, out);
	else if (strcmp(format, "json") == 0)
		rc = export_json(s, out);
	else
		return set_msg(s, STORE_INVALID, _("There is no export as \"%.40s\": choose csv "
			       "or json."), format);
	if (rc != STORE_OK)
		return rc;
	if (fflush(out) != 0 || ferror(out))
		return set_msg(s, STORE_IO, _("The export could not be written (%s)."),
			       strerror(errno));
	return STORE_OK;
}
