/* checkin_flow: the check-in's steps in one place — after a name is found
 * (checkin.c) and confirmed (confirm.c), or a walk-in's details are typed
 * (member.c), which step comes next: a role for the day (roles.c) when the
 * event offers them, then the check-in stored and the welcome (welcome.c). */
#include "screens.h"

bool roles_offered(app *a, int64_t member_id)
{
	store_event ev;
	store_checkin ci;
	if (!a->db || store_event_current(a->db, &ev) != STORE_OK || !ev.roles)
		return false;
	return member_id == 0 || store_checkin_get(a->db, ev.id, member_id, &ci) == STORE_NOTFOUND;
}

void checkin_complete(app *a, const store_member *m, const char *role)
{
	static const welcome_kind kinds[] = {
		[STORE_ARRIVED_FIRST] = WELCOME_FIRST,
		[STORE_ARRIVED_BACK] = WELCOME_BACK,
		[STORE_ARRIVED_ALREADY] = WELCOME_ALREADY,
	};
	store_arrival arrival;
	store_checkin ci;
	if (store_checkin_arrive(a->db, m->id, role, &arrival, &ci) == STORE_OK) {
		welcome_open(a, kinds[arrival], m->first, ci.at);
		return;
	}
	ui_toast(a->ui, store_errmsg(a->db), 6000);
	app_home(a);
}

bool checkin_walk_in(app *a, store_member *m, const char *role)
{
	store_event ev;
	store_checkin ci;
	int rc = store_event_current(a->db, &ev);
	if (rc == STORE_OK)
		rc = store_walk_in(a->db, ev.id, m, role, &ci);
	if (rc != STORE_OK)
		return false;
	welcome_open(a, WELCOME_FIRST, m->first, ci.at);
	return true;
}

void checkin_member_chosen(app *a, const store_member *m)
{
	if (roles_offered(a, m->id))
		roles_open(a, m);
	else
		checkin_complete(a, m, "");
}

bool checkin_walk_in_ready(app *a, store_member *m)
{
	if (roles_offered(a, 0)) {
		roles_open(a, m); /* stored there, with the role chosen */
		return true;
	}
	return checkin_walk_in(a, m, "");
}

bool checkin_with_role(app *a, store_member *m, const char *role)
{
	if (m->id == 0)
		return checkin_walk_in(a, m, role);
	checkin_complete(a, m, role);
	return true;
}
