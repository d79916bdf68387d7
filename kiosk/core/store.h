/* store: the kiosk's one SQLite file — schema, migrations, identity and every query. */
#ifndef STORE_H
#define STORE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

typedef struct store store;

/* Status codes returned by every store_ function that can fail. */
enum {
	STORE_OK = 0,
	STORE_NOTFOUND,  /* no such row, or nothing set yet */
	STORE_WRONG,     /* a PIN that does not match */
	STORE_INVALID,   /* an argument the store refuses: empty title, bad UTF-8, too long */
	STORE_CORRUPT,   /* the file is not a CoP Kiosk database, or is damaged */
	STORE_TOO_NEW,   /* written by a newer CoP Kiosk (user_version above ours) */
	STORE_IO,        /* cannot open, read or write: permissions, full disk */
	STORE_BUSY,      /* another process holds the database */
	STORE_EXISTS,    /* already there: nothing new was stored */
	STORE_LOCKED     /* the PIN pad is locked after wrong PINs: nothing checked */
};

/* Field limits, in bytes of UTF-8 including the terminating NUL. */
#define STORE_TITLE_MAX 241   /* 80 characters of up to 3 bytes */
#define STORE_TEXT_MAX 361    /* venue, community: 120 characters */
#define STORE_STARTS_MAX 17   /* "YYYY-MM-DD HH:MM" */
#define STORE_GID_MAX 48      /* "kioskid-seq" */

/* Field limits in characters (code points), for text_append's max_chars. */
#define STORE_TITLE_CHARS 80
#define STORE_TEXT_CHARS 120

/* Keys of the integer settings the screens read with store_setting_int. A new
 * database holds the default shown. */
#define STORE_SETTING_INACTIVITY "inactivity_s" /* idle seconds before a screen
                                                   clears and goes home: 45 */
#define STORE_SETTING_COOLDOWN "cooldown_ms"    /* pause after a reflection
                                                   answer, taps ignored: 3000 */
#define STORE_SETTING_ROTATE "rotate_deg"       /* the picture turned clockwise
                                                   on the panel: 0 (unset until
                                                   chosen on screen) */

/* The seed's clusters of learning activity an agenda item belongs to. */
typedef enum {
	STORE_ACT_SHARING,
	STORE_ACT_INQUIRY,        /* productive inquiry */
	STORE_ACT_NEGOTIATING,    /* negotiating shared understanding */
	STORE_ACT_ASSETS,         /* producing assets */
	STORE_ACT_STANDARDS,      /* creating standards */
	STORE_ACT_FORMAL,         /* formal access to knowledge */
	STORE_ACT_VISITS,
	STORE_ACT_COUNT
} store_activity;

typedef struct {
	int64_t id;                       /* local row id; 0 for a new event */
	char gid[STORE_GID_MAX];          /* global id, set by the store */
	char title[STORE_TITLE_MAX];
	char starts[STORE_STARTS_MAX];    /* "YYYY-MM-DD HH:MM", or "" if unknown */
	char venue[STORE_TEXT_MAX];
	char community[STORE_TEXT_MAX];
	bool roles;                       /* offer leadership roles at check-in */
} store_event;

typedef struct {
	int64_t id;                       /* 0 for a new item */
	int64_t event_id;
	char gid[STORE_GID_MAX];
	char title[STORE_TITLE_MAX];
	char starts[6];                   /* "HH:MM", or "" */
	store_activity activity;
} store_agenda_item;

/* Opens (creating if absent) the database at path and migrates it to the current
 * schema. On success *out owns the handle (free with store_close). On failure
 * *out is NULL and a one-line plain-English reason is written to err. A file that
 * is not a CoP Kiosk database is never modified. */
int store_open(const char *path, store **out, char *err, size_t errlen);

/* Closes the handle; NULL is accepted. */
void store_close(store *s);

/* True when the data file s opened is no longer at its path: deleted, its
 * disk taken out, or another file put there. No write is made then (each
 * says the file is gone); what s holds stays readable. */
bool store_file_gone(const store *s);
/* Writes everything *sp holds (WAL included) to its path again, once the
 * path is free or an empty file, and opens it there: *sp becomes the new
 * store (the old one is closed). STORE_OK; otherwise a reason in err and
 * *sp unchanged, except when the copy was made but could not be renamed
 * onto the path: *sp is then the copy beside it, or NULL. */
int store_write_back(store **sp, char *err, size_t errlen);

/* The last error as one plain-English line; never NULL. */
const char *store_errmsg(const store *s);

/* The id this database was given when first created (16 hex digits: of its
 * signing key's hash, or random in a data file from before batches were signed). */
const char *store_kiosk_id(const store *s);

/* The kiosk's Ed25519 secret key (SYNC_SIGN_SK_BYTES), made with the data
 * file, that signs its sync batches (sync_batch_opts.signing_key). Owned by s. */
const unsigned char *store_signing_key(const store *s);

/* Wall-clock time in seconds since the epoch, corrected by the offset the
 * facilitator set (a Pi has no real-time clock). */
int64_t store_now(store *s);

/* Sets the kiosk's idea of "now" (the offset from the system clock is kept). */
int store_clock_set(store *s, int64_t now);

/* Events. store_event_add assigns id and gid; the new event becomes current. */
int store_event_add(store *s, store_event *ev);
int store_event_update(store *s, const store_event *ev);
int store_event_get(store *s, int64_t id, store_event *out);
/* Fills up to max events, newest start first; *n receives the number filled. */
int store_event_list(store *s, store_event *out, int max, int *n);
/* The current event, or STORE_NOTFOUND when there is none. */
int store_event_current(store *s, store_event *out);
int store_event_set_current(store *s, int64_t id);

/* Agenda items of one event, ordered by start time then creation. */
int store_agenda_add(store *s, store_agenda_item *item);
int store_agenda_update(store *s, const store_agenda_item *item);
int store_agenda_delete(store *s, int64_t id);
int store_agenda_list(store *s, int64_t event_id, store_agenda_item *out, int max, int *n);

/* Facilitator PIN (4 to 8 digits), kept only as an Argon2id hash. */
bool store_pin_is_set(store *s);
int store_pin_set(store *s, const char *pin);
/* STORE_OK if pin matches, STORE_WRONG if not, STORE_NOTFOUND if none is set. */
int store_pin_check(store *s, const char *pin);

/* The PIN pad locks after every STORE_PIN_TRIES wrong PINs in a row: for 1
 * minute, then 5, 15, and 60 for each lock after. The count and the lock's end
 * are kept in the data file, so a restart lifts nothing; a right PIN, a new PIN
 * or the recovery code clears them. now: the caller's clock in store_now
 * seconds (the kiosk's own, virtual in scripts). */
#define STORE_PIN_TRIES 5
/* Tries pin at now. STORE_OK (count and lock cleared) if it matches;
 * STORE_WRONG if not, counted, with *until the end of the lock this try
 * started, or 0; STORE_LOCKED, nothing checked, while the pad is locked, with
 * *until the lock's end; STORE_NOTFOUND if no PIN is set. */
int store_pin_try(store *s, const char *pin, int64_t now, int64_t *until);
/* *until: the end of the pad's lock, or 0 when it is not locked at now. A lock
 * ending further from now than its own length (the clock went back after a
 * power cut: a Pi has no real-time clock) is shortened to its length from now,
 * and kept so. */
int store_pin_lock(store *s, int64_t now, int64_t *until);

/* A one-time recovery code: STORE_RECOVERY_DIGITS digits, typed on the PIN
 * pad, lifting the lock even while it holds. */
#define STORE_RECOVERY_DIGITS 12
/* True if there is a recovery code not yet used. */
bool store_pin_recovery_is_set(store *s);
/* Makes a new recovery code into code (digits and NUL), replacing any earlier
 * one; the data file keeps only its Argon2id hash, as for the PIN. */
int store_pin_recovery_new(store *s, char code[STORE_RECOVERY_DIGITS + 1]);
/* STORE_OK if code (digits; spaces and dashes ignored) is the recovery code:
 * it is used up, and the wrong-PIN count and the lock are cleared.
 * STORE_WRONG if not, STORE_NOTFOUND if there is none. Not held back by the
 * lock: 10^12 codes behind Argon2id cannot be guessed at a touchscreen. */
int store_pin_recover(store *s, const char *code);

/* Number of people checked in at an event. */
int store_checkin_count(store *s, int64_t event_id, int *n);

/* Integer settings (inactivity timeout and the like); def when unset. */
int64_t store_setting_int(store *s, const char *key, int64_t def);
int store_setting_set_int(store *s, const char *key, int64_t value);

/* The language of the kiosk's words as the facilitator chose it ("cy"), into
 * buf (cap bytes); STORE_NOTFOUND if none was chosen. */
int store_language(store *s, char *buf, size_t cap);
int store_set_language(store *s, const char *code);

/* Human-readable name of an activity cluster ("Productive inquiry"). */
const char *store_activity_name(store_activity a);
/* The seed's examples of the cluster ("Discussing a topic, reading a paper"). */
const char *store_activity_examples(store_activity a);

/* ---- Members and check-ins ------------------------------------------------ */

#define STORE_NAME_MAX 241    /* first or last name: 60 characters */
#define STORE_NAME_CHARS 60
#define STORE_EMAIL_MAX 255   /* RFC 5321's 254 octets */
#define STORE_ROLE_MAX 64

typedef struct {
	int64_t id;                          /* 0 for a new member */
	char gid[STORE_GID_MAX];
	char first[STORE_NAME_MAX];
	char last[STORE_NAME_MAX];
	char organisation[STORE_TEXT_MAX];
	char profession[STORE_TEXT_MAX];     /* one of the pick list, or "" */
	char email[STORE_EMAIL_MAX];         /* "" or a valid address */
	bool mailing_list;                   /* consents: both off unless chosen */
	bool may_contact;
} store_member;

typedef struct {
	int64_t id;
	int64_t member_id;
	int64_t at;                          /* kiosk time, seconds */
	char role[STORE_ROLE_MAX];           /* "" or one of the seed's roles */
	char first[STORE_NAME_MAX];          /* the member's, for lists */
	char last[STORE_NAME_MAX];
	char organisation[STORE_TEXT_MAX];
} store_checkin;

/* True if email is "" or looks like a deliverable address (one @, a dotted
 * domain, no spaces). */
bool store_email_valid(const char *email);

/* Adds a member (id and gid set on success). First name is required; names,
 * organisation and email are checked (STORE_INVALID with a plain message). */
int store_member_add(store *s, store_member *m);
/* Changes member m->id as add checks it; STORE_NOTFOUND for no such member or
 * a forgotten one (their details are never put back). */
int store_member_update(store *s, const store_member *m);
/* STORE_NOTFOUND for no such member, and for a forgotten one ("This member's
 * details have been removed."). */
int store_member_get(store *s, int64_t id, store_member *out);
/* Members, not forgotten, each of whose query words (folded: case, accents and
 * punctuation ignored) starts some word of their name: "sian" finds Siân,
 * "oneil" O'Neil, "dal" Ó Dálaigh, "sian o" Siân Ó Dálaigh; the words of a
 * first or last name also count joined up ("odal" finds Ó Dálaigh, "jeanl"
 * Jean-Luc). Ordered by first
 * then last name; uses an index, so it stays instant with 100,000 members.
 * A query with no letters ("", NULL, "'") finds nobody; of more than six
 * words the six longest are used. */
int store_member_search(store *s, const char *query, store_member *out, int max, int *n);
/* A member with the same first name, last name and organisation (folded), for
 * offering instead of a duplicate; STORE_NOTFOUND if none. */
int store_member_find_same(store *s, const store_member *m, store_member *out);
/* Removes a member's personal data (names, organisation, email, consents);
 * their check-ins stay as anonymous counts; notes and answers are never linked
 * to people anyway. No byte of what was removed stays in the data file or its
 * WAL: freed space is zeroed (secure_delete), the stored sync batches get the
 * member as forgotten, and the WAL is emptied into the file (unless another
 * program is reading it at that moment). What is kept is a token per person
 * (a keyed hash of their email, and of their folded name and organisation)
 * for store_member_forgotten. */
int store_member_forget(store *s, int64_t id);
/* STORE_OK if m (by email, or by name and organisation as a roster row is
 * recognised) is someone who was forgotten; STORE_NOTFOUND if not. */
int store_member_forgotten(store *s, const store_member *m);
/* Known organisations starting with prefix (folded), most used first. */
int store_organisations(store *s, const char *prefix, char (*out)[STORE_TEXT_MAX], int max, int *n);

/* Checks a member in at an event with an optional role. STORE_EXISTS if they
 * already are: then *out holds the earlier check-in (with its time) and
 * nothing new is stored. On success *out holds the new check-in. out may be
 * NULL; role NULL is "", otherwise it must be one of store_role_name's
 * (STORE_INVALID). STORE_NOTFOUND for no such event, or a member who does not
 * exist or was forgotten. */
int store_checkin_add(store *s, int64_t event_id, int64_t member_id, const char *role, store_checkin *out);
/* A walk-in: adds member m (as store_member_add: id and gid set on success)
 * and checks them in at event_id with role (as store_checkin_add), in one
 * transaction: both are stored or neither. *out (may be NULL) holds the new
 * check-in. STORE_NOTFOUND for no such event. */
int store_walk_in(store *s, int64_t event_id, store_member *m, const char *role, store_checkin *out);
/* The member's check-in at an event, into *out: STORE_NOTFOUND if they are
 * not checked in there (or it was undone). */
int store_checkin_get(store *s, int64_t event_id, int64_t member_id, store_checkin *out);
/* Undoes a check-in made by mistake: it no longer counts, and checking in
 * again later works as the first time did. */
int store_checkin_undo(store *s, int64_t checkin_id);
/* Check-ins at an event, newest first, optionally only those whose names match
 * query as in store_member_search ("" or NULL for all). A forgotten member's
 * check-in has "" for first, last and organisation. */
int store_checkin_list(store *s, int64_t event_id, const char *query, store_checkin *out, int max, int *n);
/* True if the member has no check-in at any other event: a first-timer. */
bool store_member_is_new(store *s, int64_t member_id, int64_t event_id);

/* How a member's arrival at the current event went, for the welcome's words. */
typedef enum {
	STORE_ARRIVED_FIRST,    /* checked in; their first event */
	STORE_ARRIVED_BACK,     /* checked in; they came to another before */
	STORE_ARRIVED_ALREADY   /* already checked in here: nothing stored */
} store_arrival;

/* Checks member_id in at the current event with role (as store_checkin_add)
 * and says how it went in *arrival; *out holds the check-in (the earlier one
 * when already here). Returns STORE_OK for all three arrivals; otherwise
 * store_checkin_add's status, or store_event_current's when there is no
 * current event, with the message in store_errmsg. */
int store_checkin_arrive(store *s, int64_t member_id, const char *role, store_arrival *arrival,
			 store_checkin *out);

/* The profession pick list, in the facilitator's order. */
int store_professions(store *s, char (*out)[STORE_TEXT_MAX], int max, int *n);
/* Adds name at the end; STORE_EXISTS if it is listed (case and accents aside). */
int store_profession_add(store *s, const char *name);
/* Removes name (case and accents aside); STORE_NOTFOUND if it is not listed.
 * Members keep the profession they gave. */
int store_profession_remove(store *s, const char *name);

/* The seed's leadership roles for the day ("Agenda activist" ...). */
#define STORE_ROLE_COUNT 7
const char *store_role_name(int i);

/* A member, not forgotten, with this email address (case ignored), for
 * recognising a roster row; STORE_NOTFOUND if none or email is "". */
int store_member_find_email(store *s, const char *email, store_member *out);

/* ---- Batches of changes ----------------------------------------------------- */

/* Groups many changes (a roster import) into one transaction: after
 * store_begin, each store_ function's change is kept only if store_commit
 * succeeds, and store_rollback undoes them all. Inside a batch a function that
 * refuses its change (STORE_INVALID, STORE_EXISTS...) undoes only its own part;
 * the batch carries on. Batches do not nest. store_commit returns STORE_OK or
 * the reason nothing was saved (the batch is then undone). store_rollback
 * accepts NULL and a store without a batch. */
int store_begin(store *s);
int store_commit(store *s);
void store_rollback(store *s);

/* ---- Post-its and spot reflections ------------------------------------------ */

#define STORE_NOTE_CHARS 280
#define STORE_NOTE_MAX (4 * STORE_NOTE_CHARS + 1)
#define STORE_GROUP_MAX 12        /* "from a small group of N people": 2..12 */
#define STORE_PROMPT_CHARS 120
#define STORE_PROMPT_MAX (3 * STORE_PROMPT_CHARS + 1)
#define STORE_WORD_CHARS 40       /* a one-word answer */
#define STORE_CHOICES 8
#define STORE_CHOICE_MAX 121      /* 40 characters */
#define STORE_CHOICE_CHARS 40
#define STORE_KIND_LABEL_CHARS 24 /* the third kind's name, set by the facilitator */
#define STORE_KIND_LABEL_MAX (4 * STORE_KIND_LABEL_CHARS + 1)

/* The kinds of post-it: the seed's two, and a third the facilitator may
 * rename or hide (default "Idea"). */
typedef enum {
	STORE_NOTE_WELL,      /* "Going well", green */
	STORE_NOTE_IMPROVE,   /* "To be improved", pink */
	STORE_NOTE_IDEA,      /* "Idea", yellow: renamable, may be hidden */
	STORE_NOTE_KINDS
} store_note_kind;

typedef struct {
	int64_t id;
	char gid[STORE_GID_MAX];
	int64_t event_id;
	int64_t agenda_item_id;   /* 0 when the event has no agenda item yet */
	store_note_kind kind;
	char body[STORE_NOTE_MAX];
	int group_size;           /* 1: one person; 2..12: a small group */
	int64_t at;
} store_note;

/* Sticks a note (id, gid and at set on success), never linked to a person.
 * A body that is empty or only spaces is STORE_INVALID ("An empty note cannot
 * be stuck."); over STORE_NOTE_CHARS characters or invalid UTF-8 likewise.
 * The body is kept as typed; new lines are allowed, other control characters
 * are not. group_size 0 is taken as 1 (and set so); above STORE_GROUP_MAX is
 * STORE_INVALID. agenda_item_id 0 stores no item; otherwise it must be on the
 * event's agenda (STORE_NOTFOUND, as for no such event). A hidden third kind
 * is still accepted: hiding only stops it being offered. */
int store_note_add(store *s, store_note *n);
/* Notes of an event in the order they were stuck. */
int store_note_list(store *s, int64_t event_id, store_note *out, int max, int *n);
int store_note_count(store *s, int64_t event_id, int *n);

/* The label of a kind ("Going well", "To be improved", or the facilitator's
 * name for the third), and whether it is offered. Only the third kind can be
 * renamed or hidden (STORE_INVALID otherwise; showing the first two is
 * STORE_OK, as they always are). A label is 1 to STORE_KIND_LABEL_CHARS
 * characters on one line; out receives it cut to cap bytes at a character
 * boundary (STORE_KIND_LABEL_MAX always fits). */
int store_note_kind_label(store *s, store_note_kind k, char *out, size_t cap);
int store_note_kind_rename(store *s, store_note_kind k, const char *label);
bool store_note_kind_shown(store *s, store_note_kind k);
int store_note_kind_show(store *s, store_note_kind k, bool shown);

/* The agenda item notes and answers are attributed to: the facilitator's
 * choice if made, else the last item of the event whose start time has come
 * (by the kiosk clock, on the event's day), else the first. STORE_NOTFOUND if
 * the event has no agenda. */
int store_agenda_current(store *s, int64_t event_id, store_agenda_item *out);
/* Makes item_id current for the event; 0 returns to "by the clock".
 * STORE_NOTFOUND unless item_id is on the event's agenda. A chosen item that
 * is later removed leaves the choice to the clock again. The event's day is
 * the date of its start; an event without one is taken to be today. */
int store_agenda_set_current(store *s, int64_t event_id, int64_t item_id);
/* The facilitator's choice, or 0 when the clock decides. */
int64_t store_agenda_chosen(store *s, int64_t event_id);

typedef enum {
	STORE_PROMPT_SCALE,    /* 1..5, shown as five faces with words */
	STORE_PROMPT_WORD,     /* one word */
	STORE_PROMPT_TEXT,     /* a short text, up to STORE_NOTE_CHARS */
	STORE_PROMPT_CHOICE,   /* one of choices[] */
	STORE_PROMPT_KINDS
} store_prompt_kind;

typedef struct {
	int64_t id;            /* 0 for a new prompt */
	char gid[STORE_GID_MAX];
	char text[STORE_PROMPT_MAX];
	store_prompt_kind kind;
	char choices[STORE_CHOICES][STORE_CHOICE_MAX];
	int nchoices;          /* 2..STORE_CHOICES for CHOICE, else 0 */
} store_prompt;

/* The bank of prompts, seeded with the seed's questions on a new database:
 * "How valuable was this session for your time?" (scale), "What is working
 * well?" (text), "What could we do better next time?" (text), "In one word,
 * how do you feel about today?" (word), "Which kind of learning activity
 * engaged you most?" (choice of the activity clusters), "Who has a
 * value-creation story to share?" (text).
 * A prompt's text is 1 to STORE_PROMPT_CHARS characters on one line; a
 * CHOICE prompt has 2 to STORE_CHOICES choices of 1 to STORE_CHOICE_CHARS
 * characters on one line each; other kinds ignore choices (nchoices is 0).
 * store_prompt_add sets id and gid. store_prompt_update refuses
 * (STORE_INVALID) to change the kind or the number of choices of a prompt
 * that has answers, so that they keep their meaning; STORE_NOTFOUND for a
 * prompt removed from the bank. store_prompt_get also finds a removed prompt,
 * so that its answers can still be shown. store_prompt_list gives the bank
 * in the order the prompts were written. */
int store_prompt_add(store *s, store_prompt *p);
int store_prompt_update(store *s, const store_prompt *p);
int store_prompt_get(store *s, int64_t id, store_prompt *out);
int store_prompt_list(store *s, store_prompt *out, int max, int *n);
/* Hides a prompt from the bank; its answers stay. A running prompt stops. */
int store_prompt_delete(store *s, int64_t id);

/* Starts prompt_id at event_id for agenda item agenda_item_id (0: whichever
 * is current when each answer is given); stops any other. STORE_NOTFOUND for
 * no such event, a prompt not in the bank, or an item not on the event's
 * agenda. Stopping when none runs is STORE_OK. */
int store_prompt_start(store *s, int64_t event_id, int64_t prompt_id, int64_t agenda_item_id);
int store_prompt_stop(store *s);
/* The running prompt, or STORE_NOTFOUND. *agenda_item_id receives the item it
 * was started for (0 if none); *event_id its event. Either may be NULL, and
 * so may out (only asking whether one runs). */
int store_prompt_running(store *s, store_prompt *out, int64_t *event_id, int64_t *agenda_item_id);

typedef struct {
	int64_t id;
	int64_t prompt_id;
	int64_t event_id;
	int64_t agenda_item_id;   /* 0 if none */
	int value;                /* scale 1..5, or choice index; 0 otherwise */
	char text[STORE_NOTE_MAX];/* word or text answers */
	int64_t at;
} store_response;

/* Stores an anonymous answer, checked against its prompt's kind: a scale value
 * 1..5, a choice index in range, a single word of at most STORE_WORD_CHARS, a
 * non-empty text of at most STORE_NOTE_CHARS (STORE_INVALID with a message
 * otherwise). A word is stored without the spaces around it; a text as typed,
 * new lines allowed. On success id and at are set and r holds what was stored
 * (value 0 for a word or text, text "" for a scale or choice). The prompt must
 * be in the bank and the event exist (STORE_NOTFOUND); agenda_item_id 0
 * stores no item, otherwise it must be on the event's agenda. Answers are
 * listed by prompt and event in the order given. */
int store_response_add(store *s, store_response *r);
int store_response_list(store *s, int64_t prompt_id, int64_t event_id, store_response *out, int max, int *n);

/* ---- Review: the wall, themes, votes, charts, attendance, measures ------------ */

typedef struct {
	store_note note;
	int votes;                /* dots */
	int64_t theme_id;         /* 0 if in no theme */
} store_wall_note;

/* The notes of an event for the wall, by kind then in the order stuck;
 * agenda_item_id 0 for all items (an item's filter leaves out the notes stuck
 * with no item). Each with its dots and its theme. Up to max into out; *n
 * receives the number filled. */
int store_wall(store *s, int64_t event_id, int64_t agenda_item_id, store_wall_note *out, int max, int *n);

typedef struct {
	int64_t id;
	char name[STORE_TITLE_MAX];
	int votes;                /* the theme's own dots */
	int notes;                /* how many notes it groups */
	int note_votes;           /* the dots on its notes */
} store_theme;

/* Groups notes (of one event) into a new named theme; a note already in a
 * theme moves to the new one. A theme is a record (global id, synced), and
 * so is the move of each note. The name is 1 to STORE_TITLE_CHARS
 * characters on one line, and at least one note is needed (STORE_INVALID);
 * a note that is not on the event's wall, or no such event, is
 * STORE_NOTFOUND and nothing is stored. On success *out (out may be NULL)
 * holds the new theme with its figures. */
int store_theme_add(store *s, int64_t event_id, const char *name, const int64_t *note_ids, int count,
                    store_theme *out);
/* The name as for store_theme_add; STORE_NOTFOUND for no such theme. */
int store_theme_rename(store *s, int64_t theme_id, const char *name);
/* Themes of an event, most votes (own + notes') first, ties in the order
 * made. A theme whose notes have all moved to later themes is left out. */
int store_theme_list(store *s, int64_t event_id, store_theme *out, int max, int *n);
/* A dot more (delta 1) or less (-1, never below 0); *votes gets the total
 * (votes may be NULL). Any other delta is STORE_INVALID; STORE_NOTFOUND for
 * no such note or theme. The dots of a note or theme are one record that
 * changes (synced); taking a dot from none stores nothing. */
int store_note_vote(store *s, int64_t note_id, int delta, int *votes);
int store_theme_vote(store *s, int64_t theme_id, int delta, int *votes);

/* Answers to a prompt at an event, agenda_item_id 0 for all: counts[v] per
 * value (scale: index 1..5; choice: index 0..nchoices-1), *answers in all,
 * and for scale prompts the mean (0 if none). Word and text answers count in
 * *answers only. Any of counts, answers and mean may be NULL. STORE_NOTFOUND
 * for no such prompt (one removed from the bank is still found); on any
 * failure the figures are all 0. */
int store_answer_counts(store *s, int64_t prompt_id, int64_t event_id, int64_t agenda_item_id,
                        int counts[STORE_CHOICES + 1], int *answers, double *mean);

typedef struct {
	int64_t key;              /* agenda item id, or store_activity */
	char label[STORE_TITLE_MAX];
	int answers;
	double mean;
} store_mean;
/* A scale prompt's mean per agenda item of the event (in agenda order, every
 * item on the agenda, answers 0 and mean 0 for one without), and per
 * learning-activity type of those items (only types with answers, in the
 * order of store_activity; label is store_activity_name's). Answers given
 * with no agenda item are in neither. STORE_NOTFOUND for no such prompt,
 * STORE_INVALID for a prompt that is not a scale. */
int store_scale_by_item(store *s, int64_t prompt_id, int64_t event_id, store_mean *out, int max, int *n);
int store_scale_by_activity(store *s, int64_t prompt_id, int64_t event_id, store_mean *out, int max, int *n);

typedef struct {
	char text[STORE_TEXT_MAX];
	int count;
} store_count;
/* One-word answers folded by case and accents ("Inspired", "inspired!" and
 * "INSPÍRED" count as one, shown as the most common spelling), most first;
 * ties in alphabetical order of the folded word. An answer of only
 * punctuation is left out. */
int store_words(store *s, int64_t prompt_id, int64_t event_id, store_count *out, int max, int *n);
/* Text answers, in the order given (as store_response_list). */
int store_texts(store *s, int64_t prompt_id, int64_t event_id, store_response *out, int max, int *n);

typedef struct {
	int total;                /* people checked in (undone ones not counted) */
	int newcomers;            /* first check-in at any event of this kiosk */
	int returning;
	int mailing_list;         /* of those here, opted in to the mailing list */
	int organisations;        /* distinct organisations represented */
} store_attendance;
/* Who was at an event. A newcomer's check-in here is their first at any
 * event: events compared by their start (events without one come after all
 * others), then by the order of the check-ins. A forgotten member counts in
 * total but has no organisation and is on no list. Organisations are told
 * apart case and accents aside; "" (not given) is not one. All 0 for an
 * event nobody came to, or no such event. */
int store_attendance_of(store *s, int64_t event_id, store_attendance *out);
/* Counts per organisation, profession and role of those here ("" counted as
 * "Not given", and so is a forgotten member's organisation), most first;
 * spellings that differ only in case and accents count as one, shown as
 * most wrote it; ties alphabetical, "Not given" last. No names. what other
 * than the three is STORE_INVALID. */
int store_attendance_by(store *s, int64_t event_id, const char *what /* "organisation", "profession", "role" */,
                        store_count *out, int max, int *n);

/* The seed's quarterly measures for the calendar quarter holding time t (kiosk
 * local time) and the quarter before it (before may be NULL). An event is in
 * a quarter by the date of its start (one without a start is in none);
 * attendees counts standing check-ins at those events, so a person at two
 * events counts twice; people on the list are members not forgotten who
 * opted in and were added before the quarter's end, and their
 * organisations are told apart case and accents aside. */
typedef struct {
	int year, quarter;        /* 2026, 4 */
	int events;               /* events starting in the quarter */
	int attendees;            /* check-ins at those events */
	int people_on_list;       /* members opted in to the mailing list by the quarter's end */
	int orgs_on_list;         /* their distinct organisations */
} store_quarter;
int store_quarter_measures(store *s, int64_t t, store_quarter *now, store_quarter *before);

/* Every event, earliest first, with its figures, for "are we learning from
 * past events?". mean is the mean of scale answers at the event (0 if none).
 * Events without a start come last, in the order they were made; attendees
 * and newcomers are as store_attendance_of's, answers counts every kind. */
typedef struct {
	store_event event;
	int attendees, newcomers, notes, answers;
	double mean;
} store_event_figures;
int store_event_history(store *s, store_event_figures *out, int max, int *n);
/* Words of post-its and one-word answers (folded, stop words left out) that
 * recur at two or more events: count is the number of events; most first,
 * ties alphabetical. Words are split at spaces after folding ("hand-over"
 * is two); words under four characters and common English words ("with",
 * "that", "really"...) are left out. */
int store_recurring_words(store *s, store_count *out, int max, int *n);

/* ---- Sync: batches of records for the QR loop, and exports ------------------- */

#define STORE_SECRET_BYTES 16   /* sync/PROTOCOL.md's receipt secret */

typedef struct {
	int64_t id;               /* the batch number: the protocol's batch id */
	int64_t created_at;       /* kiosk time */
	int64_t acked_at;         /* 0 while waiting for its receipt */
	int records;
	unsigned char secret[STORE_SECRET_BYTES];  /* from which the receipt derives */
} store_batch;

/* The batch to show: the newest pending batch when no record changed since it
 * was made (so its receipt stays the same), else a new batch of every record
 * changed since the last acknowledged batch. *records receives its records as
 * JSON Lines (sync/PROTOCOL.md's record table; references as gids), malloc'd,
 * for the caller to free. STORE_NOTFOUND when everything is acknowledged.
 * The records are events, agenda items (removed ones with "deleted"), members
 * (forgotten ones blank, with "forgotten"; and every member a check-in sent
 * names), check-ins (undone ones with "undone"), themes, notes, prompts
 * (removed ones with "deleted") and responses; not votes, which the protocol
 * does not carry yet. A batch shown again has the same id, created_at,
 * secret and records, byte for byte; *records is also NUL-terminated (*len
 * excludes the NUL). A new batch's id is the next batch number (1, 2, 3...:
 * the protocol's batch id, with store_kiosk_id as its kiosk id) and its secret
 * 16 fresh random bytes: give both, and created_at, to sync_encoder_new.
 * The store only keeps records and secrets; it does not call sync/. */
int store_sync_batch(store *s, store_batch *out, char **records, size_t *len);
/* Marks batch id as received by the archive (its receipt was typed): its
 * records are no longer pending, and neither are those of older batches
 * (a batch holds everything its predecessors held that was not
 * acknowledged). Records changed after the batch was made stay pending.
 * Acknowledging a batch again is STORE_OK and keeps the first acked_at;
 * STORE_NOTFOUND for no such batch. Nothing is ever deleted. */
int store_sync_ack(store *s, int64_t id);
/* Every batch, newest first: up to max into out, *n receives the number. */
int store_sync_history(store *s, store_batch *out, int max, int *n);
#define STORE_SYNC_KEY_BYTES 32 /* the archive's crypto_box public key (cop-sync keygen's PREFIX.pub) */

/* Keeps key (STORE_SYNC_KEY_BYTES) as the archive's public key: the Sync loop
 * is then sealed for the archive. NULL forgets it (the loop is no longer
 * encrypted). The store does not check that it is a valid key; the caller
 * parsed it. STORE_OK, or STORE_IO and friends. */
int store_sync_key_set(store *s, const unsigned char key[STORE_SYNC_KEY_BYTES]);
/* Copies the archive's public key into key. STORE_NOTFOUND when none was
 * loaded (key untouched); STORE_CORRUPT if the stored value is not a key. */
int store_sync_key_get(store *s, unsigned char key[STORE_SYNC_KEY_BYTES]);
/* Writes the current event's attendance as CSV ("csv") or every record as
 * JSON ("json") to out.
 * csv: a header line "First name,Last name,Organisation,Profession,Checked
 * in at,Role,Newcomer", then one line per standing check-in in the order
 * people came; "Checked in at" is kiosk local time "YYYY-MM-DD HH:MM",
 * Newcomer "Yes" or "No" (as store_attendance_of counts them). RFC 4180:
 * CRLF line ends, a field with a comma, quote or line break in quotes; a
 * field starting with = + - @ (a spreadsheet formula) gets a leading
 * apostrophe. STORE_NOTFOUND when there is no current event.
 * json: {"kiosk":ID,"exported":TIME,"events":[...],"agenda_items":[...],
 * "members":[...],"checkins":[...],"themes":[...],"notes":[...],
 * "prompts":[...],"responses":[...]}, each record as in a sync batch,
 * whether acknowledged or not; UTF-8 as stored.
 * STORE_INVALID for another format (nothing written); STORE_IO if out could
 * not be written. out stays open: the caller closes it. */
int store_export(store *s, const char *format, FILE *out);

#endif
