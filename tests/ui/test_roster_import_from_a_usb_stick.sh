# Facilitator mode imports a roster from a mounted USB stick: bad rows are
# named by line, good rows imported, and the people can then check in.
. "$TESTS/ui/lib.sh"
demo_db
mkdir -p media/STICK/events
printf 'First Name,Last Name,Email,Company\r\nKwame,Mensah,kwame@nhs.net,Leeds Teaching Hospitals NHS Trust\r\n,Nobody,x@y.org,Nowhere\r\nHelga,Sørensen,helga@example.org,Age UK Leeds\r\n' \
	>media/STICK/events/attendees.csv
{
	unlock
	cat <<EOF
tap "Import a roster"
tap "attendees.csv"
expect "Import the people in attendees.csv?"
tap "Import"
expect "Imported 2 new members"
expect "Line 3"
tap "Back"
tap "Lock"
tap "Check in"
type "helga"
expect "Helga Sørensen"
EOF
} | COP_KIOSK_MEDIA="$PWD/media" kiosk --script - >out || die "script failed: $(tail -5 out)"
