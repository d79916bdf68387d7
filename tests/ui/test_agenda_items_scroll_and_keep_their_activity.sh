# The agenda is reached by dragging the event's list; an item's kind of
# learning activity is chosen with one tap and shown in the agenda; a new item
# is added; deleting asks first. A tap on the header never reaches a row
# scrolled under it.
. "$TESTS/ui/lib.sh"
demo_db
{
	unlock
	cat <<EOF
tap "Edit this event"
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
tap "Add agenda item"
tap "Title"
type "Lunch and networking"
tap "Done"
tap "Start time"
type "25:00"
tap "Done"
expect "24-hour clock"
tap "Delete"
tap "Delete"
tap "Delete"
tap "Delete"
tap "Delete"
type "12:15"
tap "Done"
tap "Sharing"
tap "Save"
drag 400 120 400 300
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
if command -v sqlite3 >/dev/null; then
	[ "$(sqlite3 "$DB" "select activity from agenda_items where title like 'Stories%'")" = 4 ] ||
		die "the activity was not stored"
fi
