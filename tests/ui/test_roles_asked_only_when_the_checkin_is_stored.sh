# With roles on, "A role for today?" is asked only when the check-in will be
# stored: a member already checked in goes straight to "already checked in"
# (their role kept); a walk-in is offered the roles too, each role with a
# line saying what it does, is stored with the role chosen, and "Back" from
# the roles returns to their details as typed, nothing stored yet.
. "$TESTS/ui/lib.sh"
demo_db
{
	unlock
	cat <<EOF2
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
expect "Notices what works and what does not"
expect "Looks for the value we create"
tap "Critical friend"
expect "checked in"
tap "Done"
tap "Check in"
type "aoife"
tap "Aoife O'Neil"
tap "Yes, that's me"
dump
expect "already checked in, at"
tap "Done"
tap "Check in"
tap "I'm new here"
tap "First name"
type "Zofia"
tap "Done"
tap "Last name"
type "Wiśniewska"
tap "Done"
tap "Check me in"
expect "A role for today?"
shot walkin-roles.png
tap "Back"
expect "Zofia"
expect "Wiśniewska"
tap "Check me in"
expect "A role for today?"
tap "Value detective"
expect "Welcome, Zofia!"
EOF2
} | kiosk --script - >out || die "script failed: $(tail -5 out)"
grep -q '"text":"A role for today?"' out && die "someone already checked in was asked for a role"
[ "$(sqlite3 "$DB" "select m.first_name || ':' || c.role from checkins c join members m on m.id = c.member_id order by c.id")" = \
	"$(printf "Aoife:Critical friend\nZofia:Value detective")" ] ||
	die "check-ins stored: $(sqlite3 "$DB" 'select member_id, role from checkins')"
[ "$(sqlite3 "$DB" "select count(*) from members where first_name = 'Zofia' and last_name = 'Wiśniewska'")" = 1 ] || die "the walk-in was stored twice"
