/* fixture: a community's year of meetings built through the store API — see
 * fixture.h for what it holds and the patterns it follows. */
#include "fixture.h"

#include <stdio.h>
#include <string.h>

#include "when.h"

#define EARLIER 3
#define REGULARS 160     /* members who came to an earlier event */

static const char *const titles[FIXTURE_EVENTS] = {
	"Spring meeting: handover at night",
	"Summer meeting: safer discharge",
	"Autumn meeting: handover standards",
	"Winter meeting: handover and discharge",
};

static const char *const starts[FIXTURE_EVENTS] = {
	"2026-03-12 09:30", "2026-06-18 09:30", "2026-09-10 09:30", "2026-11-27 09:30",
};

static const char *const first_names[20] = {
	"Siân", "Aoife", "Priya", "Tomasz", "Zoë", "Dafydd", "Mei", "Oluwaseun", "Fatima",
	"Gráinne", "Ben", "Sarah", "James", "Emma", "Mohammed", "Chloé", "Rhys", "Niamh",
	"Kwame", "Ana",
};

/* Member i's last name is the (i / 20)-th: 202 members, 11 names. */
static const char *const last_names[11] = {
	"Ó Dálaigh", "O'Neil", "Raghunathan", "Wiśniewski", "Ashworth-Hughes", "Chen",
	"Adeyemi", "Al-Sayed", "Smith", "Jones", "Okafor",
};

static const char *const organisations[FIXTURE_ORGS] = {
	"Leeds Teaching Hospitals NHS Trust",
	"Bradford Teaching Hospitals NHS Foundation Trust",
	"NHS England",
	"Yorkshire Ambulance Service",
	"Leeds Community Healthcare",
	"Airedale NHS Foundation Trust",
	"Calderdale and Huddersfield NHS Foundation Trust",
	"Mid Yorkshire Teaching NHS Trust",
	"Harrogate and District NHS Foundation Trust",
	"Sheffield Teaching Hospitals",
	"West Yorkshire Integrated Care Board",
	"Humber Teaching NHS Foundation Trust",
	"Barnsley Hospital",
	"York and Scarborough Teaching Hospitals",
	"St Gemma's Hospice",
	"Leeds City Council",
	"University of Leeds",
	"Healthwatch Leeds",
	"Leeds and York Partnership",
	"Bradford District Care Trust",
};

/* The store's profession pick list, as a new database has it. */
static const char *const professions[9] = {
	"Nurse", "Doctor", "Allied health professional", "Pharmacist", "Manager",
	"Administrator", "Patient or carer representative", "Student", "Other",
};

typedef struct {
	const char *title, *starts;
	store_activity activity;
} item_text;

static const item_text earlier_items[EARLIER][2] = {
	{{"Stories from the wards", "09:30", STORE_ACT_SHARING},
	 {"Case clinic: night handover", "11:00", STORE_ACT_INQUIRY}},
	{{"Reading the discharge paper together", "09:30", STORE_ACT_NEGOTIATING},
	 {"Drafting a discharge checklist", "11:00", STORE_ACT_ASSETS}},
	{{"Agreeing what good handover looks like", "09:30", STORE_ACT_STANDARDS},
	 {"Visit to the discharge lounge", "11:30", STORE_ACT_VISITS}},
};

static const item_text today_items[FIXTURE_ITEMS] = {
	{"Welcome and stories from the wards", "09:30", STORE_ACT_SHARING},
	{"Case clinic: a deteriorating patient", "10:15", STORE_ACT_INQUIRY},
	{"Reading the handover paper together", "11:00", STORE_ACT_NEGOTIATING},
	{"Building the discharge checklist", "12:30", STORE_ACT_ASSETS},
	{"Agreeing a handover maturity scale", "13:30", STORE_ACT_STANDARDS},
	{"Invited expert: human factors", "14:30", STORE_ACT_FORMAL},
};

typedef struct {
	store_note_kind kind;
	const char *body;
} note_text;

static const note_text earlier_notes[EARLIER][8] = {
	{{STORE_NOTE_WELL, "Hearing how other wards run handover"},
	 {STORE_NOTE_IMPROVE, "Handover at night still relies on memory"},
	 {STORE_NOTE_WELL, "Discharge planning examples from the community team"},
	 {STORE_NOTE_IMPROVE, "Discharge letters reach the GP too late"},
	 {STORE_NOTE_IDEA, "Try a shared handover template"},
	 {STORE_NOTE_WELL, "Good mix of nurses and pharmacists"},
	 {STORE_NOTE_IMPROVE, "The room was hard to find"},
	 {STORE_NOTE_IDEA, "Visit the virtual ward team"}},
	{{STORE_NOTE_WELL, "The discharge checklist draft is clear"},
	 {STORE_NOTE_IMPROVE, "The checklist is too long for a busy ward"},
	 {STORE_NOTE_WELL, "Handover tool trial on two wards went well"},
	 {STORE_NOTE_IMPROVE, "Not enough time for questions"},
	 {STORE_NOTE_IDEA, "Pilot the checklist on a surgical ward"},
	 {STORE_NOTE_WELL, "Pharmacists joined the discharge discussion"},
	 {STORE_NOTE_IMPROVE, "Slides were hard to read"},
	 {STORE_NOTE_IDEA, "Invite a patient representative"}},
	{{STORE_NOTE_WELL, "Seeing the discharge lounge in action"},
	 {STORE_NOTE_IMPROVE, "Checklist fatigue is real on night shifts"},
	 {STORE_NOTE_WELL, "We agreed three handover standards"},
	 {STORE_NOTE_IMPROVE, "Handover standards need patient input"},
	 {STORE_NOTE_IDEA, "A pocket card for the handover standards"},
	 {STORE_NOTE_WELL, "Lovely welcome from the lounge team"},
	 {STORE_NOTE_IMPROVE, "Parking was difficult"},
	 {STORE_NOTE_IDEA, "Share the checklist with community nurses"}},
};

static const char *const well_notes[] = {
	"The handover story from the ward was really useful",
	"Hearing how the discharge checklist works in practice",
	"Case clinic gave me three ideas to try on Monday",
	"Good mix of professions around each table",
	"Short talks with time for questions",
	"Meeting people from other trusts doing the same job",
	"The human factors examples were spot on",
	"Small groups made it easy to speak up",
	"Practical tools I can take back to my team",
	"Clear agenda and we kept to time",
};

static const char *const improve_notes[] = {
	"Too much to read before the handover discussion",
	"More time for the discharge checklist exercise",
	"The room was too warm after lunch",
	"A microphone for the speakers at the back",
	"Fewer slides, more discussion",
	"Share the checklist draft before the meeting",
	"Start later for people travelling from the coast",
	"Patient voices were missing from the panel",
};

static const char *const idea_notes[] = {
	"Visit a ward that uses the handover tool",
	"A shared folder for discharge templates",
	"Buddy up newcomers with a regular member",
	"Invite pharmacists to the next case clinic",
	"Record the expert talk for those who missed it",
};

/* 24 spellings; answer a gives the (a % 24)-th. */
static const char *const words[24] = {
	"Inspired", "inspired", "Hopeful", "Énergisé", "INSPIRED", "Curious",
	"Motivated", "Inspired", "Tired", "hopeful", "energise", "Connected",
	"inspired!", "Curious", "Motivated", "Overwhelmed", "Inspired", "Hopeful",
	"Énergisé", "curious", "motivated", "tired", "connected", "Valued",
};

/* Choice answer a picks the (a % 12)-th: a preference for productive inquiry
 * and producing assets, nobody for visits. */
static const int choices[12] = {1, 3, 1, 0, 5, 1, 3, 2, 1, 5, 3, 4};

static const char *const texts[12] = {
	"Sharing stories from the wards",
	"The case clinic format",
	"Meeting people from other trusts",
	"Time to talk in small groups",
	"The discharge checklist pilot",
	"Practical tools to take back",
	"Hearing from patients",
	"Short talks and long breaks",
	"The handover standards we agreed",
	"Pharmacists joining in",
	"A clear agenda, kept to time",
	"Newcomers made welcome",
};

/* Today's scale answers per item and value 1..5: a different shape each. */
static const int scale_counts[FIXTURE_ITEMS][5] = {
	{0, 2, 6, 18, 14}, {0, 1, 4, 12, 23}, {2, 6, 16, 12, 4},
	{4, 8, 10, 10, 8}, {6, 14, 12, 6, 2}, {1, 3, 8, 20, 8},
};

static const char *const earlier_words[5] = {"Inspired", "Tired", "Hopeful", "Curious",
					     "Valued"};

/* ---- the pattern ---------------------------------------------------------- */

const char *fixture_event_title(int e)
{
	return titles[e];
}

const char *fixture_event_starts(int e)
{
	return starts[e];
}

/* The earlier event member i first came to; today's for a newcomer. */
static int first_event(int i)
{
	return i < REGULARS ? i % 3 : FIXTURE_TODAY;
}

bool fixture_attends(int i, int e)
{
	if (e == FIXTURE_TODAY)
		return i < FIXTURE_HERE;
	return e == first_event(i) || (e > first_event(i) && i % 2 == 0);
}

const char *fixture_organisation(int i)
{
	/* Seven organisations bring most people; all twenty are here. */
	return organisations[i < 100 ? i % 20 : i < FIXTURE_HERE ? i % 7 : 0];
}

const char *fixture_profession(int i)
{
	return i % 25 == 24 ? "" : professions[(i % 13) % 9];
}

bool fixture_mailing_list(int i)
{
	return i % 3 == 0 && i < FIXTURE_HERE;
}

const char *fixture_role(int i)
{
	return i % 10 == 0 && i < FIXTURE_HERE ? store_role_name((i / 10) % STORE_ROLE_COUNT)
						 : "";
}

int fixture_earlier_notes(int e)
{
	return 16 + 8 * e;
}

int fixture_note_item(int j)
{
	return j % FIXTURE_ITEMS;
}

store_note_kind fixture_note_kind(int j)
{
	if (j % 5 == 0 || j % 5 == 3)
		return STORE_NOTE_IMPROVE;
	return j % 10 == 7 ? STORE_NOTE_IDEA : STORE_NOTE_WELL;
}

int fixture_scale_count(int it, int v)
{
	return scale_counts[it][v - 1];
}

/* The value of the k-th scale answer (0..39) on item it: the item's counts,
 * visited in a shuffled but fixed order (17 is prime to 40). */
static int scale_value(int it, int k)
{
	int p = (k * 17) % FIXTURE_SCALE_PER_ITEM;

	for (int v = 1; v <= 5; v++) {
		p -= scale_counts[it][v - 1];
		if (p < 0)
			return v;
	}
	return 5;
}

const char *fixture_word(int a)
{
	return words[a % 24];
}

int fixture_choice(int a)
{
	return choices[a % 12];
}

const char *fixture_text(int a)
{
	return texts[a % 12];
}

int fixture_earlier_scale_count(int e)
{
	return 20 + 10 * e;
}

int fixture_earlier_scale(int e, int k)
{
	return 2 + (3 * k + e) % 4;
}

/* ---- building ------------------------------------------------------------------ */

int64_t fixture_prompt_id(store *s, const char *text)
{
	store_prompt bank[32];
	int n = 0;

	if (store_prompt_list(s, bank, 32, &n) != STORE_OK)
		return 0;
	for (int i = 0; i < n; i++) {
		if (strcmp(bank[i].text, text) == 0)
			return bank[i].id;
	}
	return 0;
}

/* Sets the kiosk's clock to when ("YYYY-MM-DD HH:MM"). */
static int set_clock(store *s, const char *when)
{
	int64_t t = 0;

	if (!when_parse(when, &t))
		return STORE_INVALID;
	return store_clock_set(s, t);
}

static int add_member(store *s, int i, int64_t *id)
{
	store_member m;
	int rc;

	memset(&m, 0, sizeof m);
	snprintf(m.first, sizeof m.first, "%s", first_names[i % 20]);
	snprintf(m.last, sizeof m.last, "%s", last_names[i / 20]);
	snprintf(m.organisation, sizeof m.organisation, "%s", fixture_organisation(i));
	snprintf(m.profession, sizeof m.profession, "%s", fixture_profession(i));
	m.mailing_list = fixture_mailing_list(i);
	m.may_contact = i % 4 == 0 && i < FIXTURE_HERE;
	if (m.mailing_list || m.may_contact)
		snprintf(m.email, sizeof m.email, "member%03d@example.nhs.uk", i);
	rc = store_member_add(s, &m);
	*id = m.id;
	return rc;
}

/* Adds event e with its agenda (items[0..nitems)); ids of the items go to
 * item_ids. */
static int add_event(store *s, int e, const item_text *items, int nitems, int64_t *event_id,
		     int64_t *item_ids)
{
	store_event ev;
	int rc;

	memset(&ev, 0, sizeof ev);
	snprintf(ev.title, sizeof ev.title, "%s", titles[e]);
	snprintf(ev.starts, sizeof ev.starts, "%s", starts[e]);
	snprintf(ev.venue, sizeof ev.venue, "%s", "Leeds, Thackray Museum of Medicine");
	snprintf(ev.community, sizeof ev.community, "%s", "Patient Safety Community of Practice");
	ev.roles = e == FIXTURE_TODAY;
	rc = store_event_add(s, &ev);
	*event_id = ev.id;
	for (int i = 0; i < nitems && rc == STORE_OK; i++) {
		store_agenda_item it;

		memset(&it, 0, sizeof it);
		it.event_id = ev.id;
		snprintf(it.title, sizeof it.title, "%s", items[i].title);
		snprintf(it.starts, sizeof it.starts, "%s", items[i].starts);
		it.activity = items[i].activity;
		rc = store_agenda_add(s, &it);
		item_ids[i] = it.id;
	}
	return rc;
}

static int add_note(store *s, int64_t event_id, int64_t item_id, store_note_kind kind,
		    const char *body, int group_size)
{
	store_note n;

	memset(&n, 0, sizeof n);
	n.event_id = event_id;
	n.agenda_item_id = item_id;
	n.kind = kind;
	snprintf(n.body, sizeof n.body, "%s", body);
	n.group_size = group_size;
	return store_note_add(s, &n);
}

/* An answer: value for a scale or choice prompt, text for the others. */
static int add_answer(store *s, int64_t prompt_id, int64_t event_id, int64_t item_id,
		      int value, const char *text)
{
	store_response r;

	memset(&r, 0, sizeof r);
	r.prompt_id = prompt_id;
	r.event_id = event_id;
	r.agenda_item_id = item_id;
	r.value = value;
	snprintf(r.text, sizeof r.text, "%s", text ? text : "");
	return store_response_add(s, &r);
}

/* Earlier event e: its newcomers join, everyone comes in, notes and answers. */
static int build_earlier(store *s, int e, int64_t *members, int64_t scale, int64_t word)
{
	int64_t event_id = 0, items[2] = {0};
	int rc = set_clock(s, starts[e]);

	if (rc == STORE_OK)
		rc = add_event(s, e, earlier_items[e], 2, &event_id, items);
	for (int i = 0; i < REGULARS && rc == STORE_OK; i++) {
		if (first_event(i) == e)
			rc = add_member(s, i, &members[i]);
	}
	for (int i = 0; i < REGULARS && rc == STORE_OK; i++) {
		if (fixture_attends(i, e))
			rc = store_checkin_add(s, event_id, members[i], NULL, NULL);
	}
	for (int j = 0; j < fixture_earlier_notes(e) && rc == STORE_OK; j++) {
		const note_text *t = &earlier_notes[e][j % 8];

		rc = add_note(s, event_id, items[j % 2], t->kind, t->body, 1);
	}
	for (int k = 0; k < fixture_earlier_scale_count(e) && rc == STORE_OK; k++)
		rc = add_answer(s, scale, event_id, items[k % 2], fixture_earlier_scale(e, k),
				NULL);
	for (int k = 0; k < FIXTURE_EARLIER_WORDS && rc == STORE_OK; k++)
		rc = add_answer(s, word, event_id, items[k % 2], 0,
				earlier_words[(k + e) % 5]);
	return rc;
}

/* Today's event: newcomers join, 202 check in, two are undone, one member is
 * forgotten; then the notes and the answers. */
static int build_today(store *s, int64_t *members, const int64_t *prompts, int64_t *event_id)
{
	static const int group_sizes[4] = {2, 3, 4, 5};
	int64_t items[FIXTURE_ITEMS] = {0};
	store_checkin ci;
	int rc = set_clock(s, starts[FIXTURE_TODAY]);

	if (rc == STORE_OK)
		rc = add_event(s, FIXTURE_TODAY, today_items, FIXTURE_ITEMS, event_id, items);
	for (int i = REGULARS; i < FIXTURE_MEMBERS && rc == STORE_OK; i++)
		rc = add_member(s, i, &members[i]);
	for (int i = 0; i < FIXTURE_MEMBERS && rc == STORE_OK; i++) {
		rc = store_checkin_add(s, *event_id, members[i], fixture_role(i), &ci);
		/* Checked in by mistake, and undone. */
		if (rc == STORE_OK && i >= FIXTURE_HERE)
			rc = store_checkin_undo(s, ci.id);
	}
	if (rc == STORE_OK)
		rc = store_member_forget(s, members[FIXTURE_FORGOTTEN]);
	for (int j = 0; j < FIXTURE_NOTES && rc == STORE_OK; j++) {
		store_note_kind kind = fixture_note_kind(j);
		const char *body = kind == STORE_NOTE_WELL ? well_notes[(j / 6) % 10]
				   : kind == STORE_NOTE_IMPROVE ? improve_notes[(j / 6) % 8]
								: idea_notes[(j / 6) % 5];

		rc = add_note(s, *event_id, items[fixture_note_item(j)], kind, body,
			      j % 50 == 7 ? group_sizes[(j / 50) % 4] : 1);
	}
	/* Round by round, item by item, as the day went. */
	for (int k = 0; k < FIXTURE_SCALE_PER_ITEM && rc == STORE_OK; k++) {
		for (int it = 0; it < FIXTURE_ITEMS && rc == STORE_OK; it++) {
			int a = k * FIXTURE_ITEMS + it;

			rc = add_answer(s, prompts[0], *event_id, items[it], scale_value(it, k),
					NULL);
			if (k >= FIXTURE_OTHER_PER_ITEM)
				continue;
			if (rc == STORE_OK)
				rc = add_answer(s, prompts[1], *event_id, items[it], 0,
						fixture_word(a));
			if (rc == STORE_OK)
				rc = add_answer(s, prompts[2], *event_id, items[it],
						fixture_choice(a), NULL);
			if (rc == STORE_OK)
				rc = add_answer(s, prompts[3], *event_id, items[it], 0,
						fixture_text(a));
		}
	}
	return rc;
}

int fixture_build(store *s, int64_t *event_id)
{
	static const char *const prompt_texts[4] = {
		FIXTURE_PROMPT_SCALE, FIXTURE_PROMPT_WORD, FIXTURE_PROMPT_CHOICE,
		FIXTURE_PROMPT_TEXT,
	};
	int64_t members[FIXTURE_MEMBERS] = {0}, prompts[4];
	int rc = STORE_OK;

	for (int p = 0; p < 4; p++) {
		prompts[p] = fixture_prompt_id(s, prompt_texts[p]);
		if (prompts[p] == 0)
			return STORE_NOTFOUND;
	}
	/* One batch an event: one transaction instead of one per record. */
	for (int e = 0; e < EARLIER && rc == STORE_OK; e++) {
		rc = store_begin(s);
		if (rc != STORE_OK)
			break;
		rc = build_earlier(s, e, members, prompts[0], prompts[1]);
		if (rc == STORE_OK)
			rc = store_commit(s);
	}
	if (rc == STORE_OK)
		rc = store_begin(s);
	if (rc == STORE_OK)
		rc = build_today(s, members, prompts, event_id);
	if (rc == STORE_OK)
		rc = set_clock(s, "2026-11-27 16:00");
	if (rc == STORE_OK)
		rc = store_commit(s);
	/* A store call refused: its batch is undone, its message kept. */
	store_rollback(s);
	return rc;
}
