# "Undo check-in" and "Forget" are permanent: their buttons are the warning
# red, and the question names the person, with the safe answer ("Keep it",
# "Keep") first and green, and the action red; keeping changes nothing.
. "$TESTS/ui/lib.sh"
demo_db
kiosk --script - >/dev/null <<EOF || die "check-in failed"
tap "Check in"
type "ben"
tap "Ben Okafor"
tap "Yes, that's me"
EOF
{
	unlock
	cat <<EOF
tap "Who is here"
tap "Ben Okafor"
dump
shot member.png
tap "Undo check-in"
expect "Undo this check-in? Ben Okafor will no longer count as here."
dump
shot undo.png
tap "Keep it"
tap "Forget"
expect "Forget Ben Okafor? Their name, organisation and email are removed for good"
dump
shot forget.png
tap "Keep"
expect "Okafor"
EOF
} | kiosk --script - >out || die "script failed: $(tail -5 out)"
awk '/^ok / { if (block) n++; block = 0; next } /^\{/ { block = 1; print > ("dump" n + 1) }' out
# colour DUMP LABEL PNG [last] — the colour just inside the button's top left
# corner (the first button so named, or the last: the dialog's, drawn last).
colour() {
	line=$(grep "\"role\":\"button\",\"text\":\"$2\"" "$1" | { if [ "${4:-}" ]; then tail -n 1; else head -n 1; fi; })
	[ -n "$line" ] || die "no button $2 in $1"
	x=$(echo "$line" | sed 's/.*"x":\([0-9]*\).*/\1/') y=$(echo "$line" | sed 's/.*"y":\([0-9]*\).*/\1/')
	png_pixel "$3" $((x + 4)) $((y + 4))
}
# left DUMP A B — the dialog's A lies left of its B.
left() {
	xa=$(grep "\"role\":\"button\",\"text\":\"$2\"" "$1" | tail -n 1 | sed 's/.*"x":\([0-9]*\).*/\1/')
	xb=$(grep "\"role\":\"button\",\"text\":\"$3\"" "$1" | tail -n 1 | sed 's/.*"x":\([0-9]*\).*/\1/')
	[ "$xa" -lt "$xb" ] || die "\"$2\" is not before \"$3\""
}
red=da291c green=007f3b
[ "$(colour dump1 'Undo check-in' member.png)" = $red ] || die "Undo check-in is not red"
[ "$(colour dump1 Forget member.png)" = $red ] || die "Forget is not red"
[ "$(colour dump2 'Undo check-in' undo.png last)" = $red ] || die "the dialog's Undo check-in is not red"
[ "$(colour dump2 'Keep it' undo.png last)" = $green ] || die "the safe answer Keep it is not green"
left dump2 'Keep it' 'Undo check-in'
[ "$(colour dump3 Forget forget.png last)" = $red ] || die "the dialog's Forget is not red"
[ "$(colour dump3 Keep forget.png last)" = $green ] || die "the safe answer Keep is not green"
left dump3 Keep Forget
[ "$(sqlite3 "$DB" 'select count(*) from checkins where undone = 0')" = 1 ] || die "Keep it undid the check-in"
[ "$(sqlite3 "$DB" "select count(*) from members where first_name = 'Ben' and forgotten = 0")" = 1 ] ||
	die "Keep forgot the person"
