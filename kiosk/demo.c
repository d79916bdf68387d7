/* demo: a demo event, so a new kiosk shows something real (make run, --demo). */
#include <stdio.h>
#include <string.h>

#include "core/when.h"
#include "demo.h"

static const struct {
	const char *time, *title;
	store_activity activity;
} agenda[] = {
	{"09:30", "Welcome and introductions", STORE_ACT_SHARING},
	{"10:00", "Stories from practice: discharge planning", STORE_ACT_SHARING},
	{"11:00", "Problem-solving clinic", STORE_ACT_INQUIRY},
	{"13:00", "Agreeing a shared handover checklist", STORE_ACT_STANDARDS},
	{"14:30", "Site visit: the new frailty unit", STORE_ACT_VISITS},
	{"15:45", "Critical friends' feedback", STORE_ACT_NEGOTIATING},
};

/* A directory of members with the names a UK community meets: accents,
 * apostrophes, hyphens, several scripts. */
static const struct {
	const char *first, *last, *org, *profession;
} people[] = {
	{"Siân", "Ó Dálaigh", "Cardiff and Vale University Health Board", "Nurse"},
	{"Aoife", "O'Neil", "Belfast Health and Social Care Trust", "Allied health professional"},
	{"Priya", "Raghunathan", "Leeds Teaching Hospitals NHS Trust", "Doctor"},
	{"Tomasz", "Wiśniewski", "Leeds Teaching Hospitals NHS Trust", "Pharmacist"},
	{"Jean-Luc", "Mbeki", "Bradford District Care NHS Foundation Trust", "Manager"},
	{"Zoë", "Ashworth-Hughes", "Age UK Leeds", "Patient or carer representative"},
	{"Dafydd", "ap Gwŷn", "Betsi Cadwaladr University Health Board", "Nurse"},
	{"Mei", "Chen 陈", "University of Leeds", "Student"},
	{"Oluwaseun", "Adeyemi", "Leeds Community Healthcare NHS Trust", "Allied health professional"},
	{"Fatima", "Al-Sayed", "Leeds Teaching Hospitals NHS Trust", "Doctor"},
	{"Gráinne", "Mac Cárthaigh", "Leeds Community Healthcare NHS Trust", "Nurse"},
	{"Ben", "Okafor", "West Yorkshire Integrated Care Board", "Administrator"},
};

static int seed_people(store *s)
{
	int rc = STORE_OK;
	for (size_t i = 0; rc == STORE_OK && i < sizeof people / sizeof people[0]; i++) {
		store_member m = {0};
		snprintf(m.first, sizeof m.first, "%s", people[i].first);
		snprintf(m.last, sizeof m.last, "%s", people[i].last);
		snprintf(m.organisation, sizeof m.organisation, "%s", people[i].org);
		snprintf(m.profession, sizeof m.profession, "%s", people[i].profession);
		rc = store_member_add(s, &m);
	}
	return rc;
}

int demo_seed(store *s)
{
	store_event ev;
	int rc = store_event_current(s, &ev);
	if (rc == STORE_NOTFOUND) {
		memset(&ev, 0, sizeof ev);
		snprintf(ev.title, sizeof ev.title, "Frailty Community of Practice: Autumn meeting");
		char now[20];
		when_format(store_now(s), now, sizeof now);
		snprintf(ev.starts, sizeof ev.starts, "%.10s 09:30", now);
		snprintf(ev.venue, sizeof ev.venue, "Education Centre, Room 2");
		snprintf(ev.community, sizeof ev.community, "Frailty Community of Practice");
		rc = store_event_add(s, &ev);
		for (size_t i = 0; rc == STORE_OK && i < sizeof agenda / sizeof agenda[0]; i++) {
			store_agenda_item item = {.event_id = ev.id, .activity = agenda[i].activity};
			snprintf(item.starts, sizeof item.starts, "%s", agenda[i].time);
			snprintf(item.title, sizeof item.title, "%s", agenda[i].title);
			rc = store_agenda_add(s, &item);
		}
		if (rc == STORE_OK)
			rc = seed_people(s);
	}
	if (rc == STORE_OK && !store_pin_is_set(s))
		rc = store_pin_set(s, "1234");
	return rc;
}
