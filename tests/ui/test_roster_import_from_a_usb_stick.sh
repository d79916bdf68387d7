# Facilitator mode imports a roster from a mounted USB stick: bad rows (one
# with no first name, one cut short) are named by line, good rows imported,
# and the people can then check in; the row cut short is no one.
. "$TESTS/ui/lib.sh"
demo_db
mkdir -p media/STICK/events
printf 'First Name,Last Name,Email,Company\r\nKwame,Mensah,kwame@nhs.net,Leeds Teaching Hospitals NHS Trust\r\n,Nobody,x@y.org,Nowhere\r\nHelga,Sørensen,helga@example.org,Age UK Leeds\r\nBad line without enough\r\n' \
	>media/STICK/events/attendees.csv
{
	unlock
	cat <<EOF
tap "Import a roster"
tap "attendees.csv"
expect "Import the people in attendees.csv?"
tap "Import"
expect "Imported 2 new members"
expect "2 rows could not be used"
expect "Line 3"
expect "Line 5: it has 1 field"
tap "Back"
tap "Lock"
tap "Check in"
type "helga"
expect "Helga Sørensen"
tap "Back"
tap "Check in"
type "without"
dump
EOF
} | COP_KIOSK_MEDIA="$PWD/media" kiosk --script - >out || die "script failed: $(tail -5 out)"
! grep -q '"text":"Bad line without enough' out || die "a row cut short became a member: $(grep Bad out)"
