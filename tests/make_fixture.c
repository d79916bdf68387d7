/* make_fixture: writes the review's fixture (tests/fixture.h) to a new data
 * file, with the facilitator PIN 1234 and today's event current, for the UI
 * tests. Usage: make_fixture PATH. Exit status 0, or 1 with a reason. */
#include <stdio.h>
#include <unistd.h>

#include "fixture.h"
#include "store.h"

int main(int argc, char **argv)
{
	char err[512];
	int64_t event_id = 0;
	store *s = NULL;
	int rc;

	if (argc != 2) {
		fprintf(stderr, "usage: make_fixture PATH\n");
		return 1;
	}
	/* The fixture goes into a new file only: never added to real data. */
	if (access(argv[1], F_OK) == 0) {
		fprintf(stderr, "make_fixture: %s already exists\n", argv[1]);
		return 1;
	}
	if (store_open(argv[1], &s, err, sizeof err) != STORE_OK) {
		fprintf(stderr, "make_fixture: %s\n", err);
		return 1;
	}
	rc = fixture_build(s, &event_id);
	if (rc == STORE_OK)
		rc = store_pin_set(s, "1234");
	if (rc == STORE_OK)
		rc = store_event_set_current(s, event_id);
	if (rc != STORE_OK)
		fprintf(stderr, "make_fixture: %s\n", store_errmsg(s));
	store_close(s);
	return rc == STORE_OK ? 0 : 1;
}
