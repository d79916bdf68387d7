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
	}
	if (rc == STORE_OK && !store_pin_is_set(s))
		rc = store_pin_set(s, "1234");
	return rc;
}
