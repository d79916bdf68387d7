# A facilitator creates an event on the touch screen — title, date, venue — in
# a form of labelled inputs: sent without a title it says so as GOV.UK does (a
# summary at the top, the message by the field), and the error goes as soon as
# a title is typed. The date and time are set with steppers, in 5-minute steps,
# never typed. The home screen then shows the event's title and date; it is
# stored as current.
. "$TESTS/ui/lib.sh"
demo_db
# The kiosk's clock at 09:20 on Monday 1 February 2027: a new event starts at
# the next whole hour.
offset=$(($(date -d "2027-02-01 09:20" +%s) - $(date +%s)))
sqlite3 "$DB" "INSERT INTO settings (key, value) VALUES ('clock_offset', $offset)
	ON CONFLICT (key) DO UPDATE SET value = $offset"
{
	unlock
	cat <<-EOF
	tap "Events"
	tap "New event"
	expect "Monday 1 February 2027, 10:00"
	tap "Save"
	expect "There is a problem"
	dump
	tap "Enter a title for the event"
	type "Wound Care Network"
	dump
	tap "Done"
	drag 400 300 400 150
	tap "Day +"
	tap "Day +"
	tap "Minute +"
	expect "Wednesday 3 February 2027, 10:05"
	tap "Minute -"
	tap "Minute -"
	expect "Wednesday 3 February 2027, 10:55"
	tap "Minute +"
	tap "Hour +"
	tap "Hour -"
	expect "Wednesday 3 February 2027, 10:00"
	dump
	drag 400 300 400 100
	tap "Venue (optional)"
	type "Library, Level 2"
	tap "Done"
	tap "Save"
	expect "Event saved."
	tap "Lock"
	expect "Wound Care Network"
	expect "Wednesday 3 February 2027, 10:00 · Library, Level 2"
	shot home.png
	EOF
} | kiosk --script - >out || die "script failed: $(tail -5 out)"
# The dumps, numbered: a dump is a run of widget lines between "ok" lines.
awk '/^\{/ { if (!run) d++; run = 1; print d ": " $0; next } { run = 0 }' out >dumps
# The first, sent without a title: the summary's link and the message by the
# field. The second, once a title is typed: no message left, no red.
grep -q '^1: .*"role":"link","text":"Enter a title for the event"' dumps || die "no error summary linking the title"
grep -q '^1: .*"role":"label","text":"Enter a title for the event"' dumps || die "no message by the title"
grep -q '^2: .*"role":"field","text":"Title","value":"Wound Care Network"' dumps || die "the typed title is not in its field"
grep -q '^2: .*Enter a title' dumps && die "a valid title is still shown in error"
grep -q '"role":"field","text":"Date and time' dumps && die "the date is still typed in a text field"
grep -q '^3: .*"role":"stepper","text":"Month","value":"February"' dumps || die "no month stepper in words"
[ "$(sqlite3 "$DB" "select starts from events where title = 'Wound Care Network'")" = "2027-02-03 10:00" ] ||
	die "the event's date was not stored as set"
