# With roles turned on for the event, check-in offers the seed's leadership
# roles; a role is stored with the check-in; "No role today" skips in one tap.
. "$TESTS/ui/lib.sh"
demo_db
{
	unlock
	cat <<EOF
tap "Edit this event"
drag 400 350 400 100
drag 400 350 400 100
drag 400 350 400 150
tap "Offer leadership roles at check-in"
tap "Save"
tap "Lock"
tap "Check in"
type "aoife"
tap "Aoife O'Neil"
tap "Yes, that's me"
expect "A role for today?"
expect "Value detective"
shot roles.png
tap "Critical friend"
expect "checked in"
tap "Done"
tap "Check in"
type "priya"
tap "Priya Raghunathan"
tap "Yes, that's me"
tap "No role today"
expect "checked in"
EOF
} | kiosk --script - >out || die "script failed: $(tail -5 out)"
[ "$(sqlite3 "$DB" "select role from checkins order by id")" = "$(printf 'Critical friend\n')" ] ||
	die "roles stored: $(sqlite3 "$DB" 'select role from checkins')"
