# A facilitator creates an event on the touch screen — title, date, venue — and
# the home screen then shows its title and date; it is stored as current.
. "$TESTS/ui/lib.sh"
demo_db
{
	unlock
	cat <<-EOF
	tap "Events"
	tap "New event"
	tap "Title"
	type "Wound Care Network"
	tap "Done"
	tap "Date and time"
	type "2027-02-30 10:00"
	tap "Done"
	expect "Write the date and time like"
	tap "Delete"
	tap "Delete"
	tap "Delete"
	tap "Delete"
	tap "Delete"
	tap "Delete"
	tap "Delete"
	tap "Delete"
	tap "Delete"
	tap "Delete"
	type "2-03 10:00"
	tap "Done"
	expect "Wednesday 3 February 2027, 10:00"
	tap "Venue"
	type "Library, Level 2"
	tap "Done"
	tap "Save"
	expect "Event saved."
	tap "Lock"
	expect "Wound Care Network"
	expect "Wednesday 3 February 2027, 10:00 · Library, Level 2"
	shot home.png
	EOF
} | kiosk --script - >out || die "script failed: $(cat out)"
