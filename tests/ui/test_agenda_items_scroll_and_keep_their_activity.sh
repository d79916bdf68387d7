# The agenda is reached by dragging the event's list; an item's kind of
# learning activity is chosen with one tap and shown in the agenda; a new item
# is added, its start time set with steppers from the event's own time (a
# title left out said as GOV.UK does); deleting asks first. A tap on the header never reaches a row
# scrolled under it.
. "$TESTS/ui/lib.sh"
demo_db
{
	unlock
	cat <<EOF
tap "Edit this event"
drag 400 350 400 100
drag 400 350 400 100
drag 400 350 400 100
drag 400 350 400 150
tap "Stories from practice: discharge planning"
expect "Agenda item"
drag 650 350 650 130
drag 650 350 650 130
tap "Creating standards"
tap "Save"
expect "Agenda item saved."
expect "10:00 · Creating standards"
tap "Back"
expect "Current event"
tap "Edit this event"
drag 400 350 400 100
drag 400 350 400 100
drag 400 350 400 100
drag 400 350 400 100
drag 400 350 400 100
drag 400 350 400 100
drag 400 350 400 100
drag 400 350 400 100
tap "Add agenda item"
tap "Hour +"
tap "Hour +"
tap "Hour +"
tap "Hour +"
tap "Minute -"
tap "Minute -"
tap "Minute -"
tap "Save"
expect "There is a problem"
tap "Enter a title for the agenda item"
type "Lunch and networking"
tap "Done"
dump
tap "Sharing"
tap "Save"
drag 400 200 400 380
expect "12:15 · Sharing"
tap "Lunch and networking"
tap "Delete"
expect "Delete this agenda item?"
tap "Keep it"
tap "Delete"
tap "Delete"
expect "Agenda item deleted."
EOF
} | kiosk --script - >out || die "script failed: $(tail -5 out)"
grep -q '"role":"stepper","text":"Hour","value":"12"' out || die "the hour was not stepped to 12"
grep -q '"role":"stepper","text":"Minute","value":"15"' out || die "the minute was not stepped to 15"
grep '^{' out | grep -q 'Enter a title for the agenda item' && die "a title typed is still shown in error"
if command -v sqlite3 >/dev/null; then
	[ "$(sqlite3 "$DB" "select activity from agenda_items where title like 'Stories%'")" = 4 ] ||
		die "the activity was not stored"
fi
