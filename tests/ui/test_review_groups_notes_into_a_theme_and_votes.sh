# On the wall, two notes are grouped into a named theme, each chosen one
# ticked; a tap in "Vote" adds a dot to a note and a long press takes it
# away, the note showing its dots as a number; the theme gets dots too.
. "$TESTS/ui/lib.sh"
"$MAKE_FIXTURE" "$DB" >/dev/null || die "no fixture"
{ unlock; printf 'tap "Review"\ntap "Group"\ndump\n'; } | kiosk --script - >out || die "could not open the wall"
# The first two notes, by where they are on screen in Group mode (where
# each has a tick box).
centre() { sed 's/.*"x":\([0-9]*\),"y":\([0-9]*\),"w":\([0-9]*\),"h":\([0-9]*\).*/\1 \2 \3 \4/' |
	awk '{print $1 + int($3 / 2), $2 + int($4 / 2)}'; }
first=$(grep '"role":"note"' out | sed -n 1p | centre)
second=$(grep '"role":"note"' out | sed -n 2p | centre)
[ -n "$first" ] && [ -n "$second" ] || die "no notes on the wall"
{
	unlock
	cat <<EOF
tap "Review"
tap "Group"
tap $first
tap $second
expect "Group 2 notes into a theme"
dump
tap "Group 2 notes into a theme"
type "Handover"
tap "Done"
expect "Theme \"Handover\" made from 2 notes."
EOF
} | kiosk --script - >out2 || die "script failed: $(tail -5 out2)"
# Where the first note is in Vote mode (no tick boxes, no message above the
# wall), then three dots for it and one taken away.
{ unlock; printf 'tap "Review"\ntap "Vote"\ndump\n'; } | kiosk --script - >out3 || die "could not vote"
voted=$(grep '"role":"note"' out3 | sed -n 1p | centre)
{
	unlock
	cat <<EOF
tap "Review"
tap "Vote"
tap $voted
tap $voted
tap $voted
hold $voted 800
dump
tap "Themes (1)"
expect "Handover"
expect "2 notes · 2 dots"
tap "Handover"
expect "2 notes · 3 dots"
EOF
} | kiosk --script - >>out2 || die "script failed: $(tail -5 out2)"
[ "$(sqlite3 "$DB" "select count(*) from themes where name = 'Handover'")" = 1 ] || die "the theme was not stored"
# Chosen notes were ticked, not only outlined: a tick on each of the two.
[ "$(grep -c '"role":"tick"' out2)" = 2 ] || die "the two chosen notes were not ticked: $(grep -c '"role":"tick"' out2)"
# Three dots and one taken away: the note says 2.
grep -q '"role":"dots","text":"2"' out2 || die "the note voted for does not show its 2 dots"
