/* store_schema: the schema: append-only migrations and the version they reach. */
#include "store_impl.h"

#include <assert.h>
#include <stdio.h>
#include <string.h>

#include "sync.h"

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
	 * NULL. The cool-down after an answer becomes the 3 s, unless a
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

/* Applies migration step (user_version step -> step + 1) in one transaction. */
int migrate_step(store *s, const char *path, int step)
{
	char sql[48];
	int rc = STORE_OK, src;

	assert(step >= 0 && step < store_schema_latest());
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

int store_schema_latest(void)
{
	return (int)(sizeof migrations / sizeof migrations[0]);
}

int store_schema_version(store *s)
{
	int64_t v;

	assert(s);
	if (query_int(s->db, "PRAGMA user_version", &v) != SQLITE_OK)
		return -1;
	return (int)v;
}
