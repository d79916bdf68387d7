# The critical friends' review on a fixture of 200 check-ins, 300 notes over
# 6 agenda items, 600 answers to 4 prompts and 3 earlier events: each view
# shows the totals the database holds.
. "$TESTS/ui/lib.sh"
"$MAKE_FIXTURE" "$DB" >/dev/null || die "no fixture"
q() { sqlite3 "$DB" "$1"; }
event=$(q "select max(id) from events")
well=$(q "select count(*) from notes where event_id = $event and kind = 0")
improve=$(q "select count(*) from notes where event_id = $event and kind = 1")
here=$(q "select count(*) from checkins where event_id = $event and undone = 0")
[ "$here" = 200 ] || die "the fixture has $here check-ins"
{
	unlock
	cat <<EOF
tap "Review"
expect "Going well ($well)"
expect "To be improved ($improve)"
shot wall.png
tap "Reflections"
expect "answers · mean"
shot reflections.png
tap "Attendance"
expect "200 people here"
shot attendance.png
tap "Measures"
expect "Quarter 4 of 2026"
shot measures.png
tap "Past events"
expect "People at each event"
shot history.png
tap "Present"
expect "Stop presenting"
shot present.png
tap "Stop presenting"
expect "Past events"
EOF
} | kiosk --script - >out || die "script failed: $(tail -5 out)"
