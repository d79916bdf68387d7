/* fixture: a community's year of meetings, built through the store API for the
 * review's unit tests, its benchmark and the UI tests (make_fixture).
 *
 * Three earlier events (2026-03-12, 2026-06-18, 2026-09-10, all 09:30), then
 * today's, 2026-11-27 09:30, with six agenda items (one per learning-activity
 * cluster, STORE_ACT_SHARING to STORE_ACT_FORMAL, in that order), 200 people
 * checked in, 300 post-its and 600 answers to four of the seed's prompts.
 * Everything follows arithmetic patterns (no random numbers), which the
 * functions below expose so that a test can work out what the store should
 * say without asking it. */
#ifndef FIXTURE_H
#define FIXTURE_H

#include <stdbool.h>
#include <stdint.h>

#include "store.h"

#define FIXTURE_EVENTS 4          /* events 0..2 earlier, 3 today's */
#define FIXTURE_TODAY 3
#define FIXTURE_MEMBERS 202       /* members 0..201 */
#define FIXTURE_HERE 200          /* members 0..199 are checked in today */
#define FIXTURE_UNDONE 2          /* 200 and 201 checked in today, then undone */
#define FIXTURE_NEWCOMERS 40      /* 160..199: today is their first event */
#define FIXTURE_FORGOTTEN 9       /* a returning member whose details were removed */
#define FIXTURE_ORGS 20
#define FIXTURE_ITEMS 6
#define FIXTURE_NOTES 300         /* today's: note j is on item j % 6 */
#define FIXTURE_SCALE_PER_ITEM 40 /* today's scale answers per item */
#define FIXTURE_OTHER_PER_ITEM 20 /* today's word, choice and text answers per item */
#define FIXTURE_ANSWERS 600

/* The four prompts of the seed's bank answered today. */
#define FIXTURE_PROMPT_SCALE "How valuable was this session for your time?"
#define FIXTURE_PROMPT_WORD "In one word, how do you feel about today?"
#define FIXTURE_PROMPT_CHOICE "Which kind of learning activity engaged you most?"
#define FIXTURE_PROMPT_TEXT "What is working well?"

/* Builds the fixture into s, which should hold no events yet, in a few
 * batches; *event_id receives today's event, which is current. The kiosk's
 * clock is set along the way (records carry the dates of their events) and
 * is left at 2026-11-27 16:00. STORE_OK, or the failing store call's status
 * with store_errmsg(s) saying why (the batch under way is undone). */
int fixture_build(store *s, int64_t *event_id);

/* The id of the bank's prompt with exactly this text, or 0 if none. */
int64_t fixture_prompt_id(store *s, const char *text);

/* ---- the pattern, for working out expected figures ------------------------ */

/* Title and start of event e (0..3). */
const char *fixture_event_title(int e);
const char *fixture_event_starts(int e);
/* True if member i has a standing check-in at event e. Member i below 160
 * first came to event i % 3 and came back to later earlier events when i is
 * even; every member below 200 is here today. */
bool fixture_attends(int i, int e);
/* Member i's details as given (before FIXTURE_FORGOTTEN was forgotten). */
const char *fixture_organisation(int i);  /* one of FIXTURE_ORGS */
const char *fixture_profession(int i);    /* "" when not given */
bool fixture_mailing_list(int i);
/* The role member i took today ("" for none). */
const char *fixture_role(int i);

/* Post-its: earlier event e (0..2) has fixture_earlier_notes(e); today's
 * note j (0..299) is on agenda item fixture_note_item(j) (0..5, agenda
 * order) and of kind fixture_note_kind(j). */
int fixture_earlier_notes(int e);
int fixture_note_item(int j);
store_note_kind fixture_note_kind(int j);

/* Answers. Today: of the scale answers on item it, fixture_scale_count(it, v)
 * have value v (1..5; 40 an item). Word, choice and text answer a (0..119)
 * is on item a % 6: fixture_word(a), choice fixture_choice(a),
 * fixture_text(a). The words are spelt with case, accents and punctuation
 * varying: 30 fold to "inspired" (most often "Inspired"), 15 each to
 * "energise" (most often "Énergisé"), "hopeful", "curious" and "motivated",
 * 10 each to "tired" and "connected", 5 each to "overwhelmed" and "valued".
 * Earlier event e has fixture_earlier_scale_count(e) scale answers, the
 * k-th of value fixture_earlier_scale(e, k), and 10 one-word answers. */
int fixture_scale_count(int it, int v);
const char *fixture_word(int a);
int fixture_choice(int a);
const char *fixture_text(int a);
int fixture_earlier_scale_count(int e);
int fixture_earlier_scale(int e, int k);
#define FIXTURE_EARLIER_WORDS 10

#endif
