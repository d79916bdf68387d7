# Home and first run: the community's name once (the demo's title starts with
# it); with "Reflect" showing, the three buttons keep their words in line (in
# Welsh their hints wrap differently); with no event, "Check in" and
# "Post-it" say plainly that the facilitator has not opened today's event,
# and the facilitator's menu starts with "New event", with no gap where the
# buttons that need an event were.
. "$TESTS/ui/lib.sh"
demo_db
{
	echo dump
	unlock
	cat <<EOF
tap "Reflections"
tap "How valuable was this session for your time?"
tap "Start now"
tap "Back"
tap "Lock"
EOF
} | kiosk --script - >out || die "script failed: $(tail -5 out)"
n=$(grep -c 'Frailty Community of Practice' out)
[ "$n" = 1 ] || die "the community's name shows $n times: $(grep 'Frailty' out)"
printf 'dump\n' | kiosk --language cy --script - >out-cy || die "Welsh home failed"
ys=$(for hint in 'Say you are here' 'Share your feedback' 'Answer a question'; do
	grep "\"role\":\"label\",\"text\":\"$(words cy "$hint")\"" out-cy | sed 's/.*"y":\([0-9]*\).*/\1/'
done | sort -u)
[ "$(echo "$ys" | wc -l)" = 1 ] && [ -n "$ys" ] || die "the three buttons' words are not in line: $ys"

rm -f "$DB"
kiosk --script - >out-empty <<EOF || die "first run failed: $(tail -5 out-empty)"
expect "No event is set up yet"
expect "Not open yet"
tap "Check in"
expect "Today's event is not open yet"
expect "The facilitator has not opened today's event yet."
shot checkin.png
tap "Back to start"
tap "Post-it"
expect "The facilitator has not opened today's event yet."
tap "Back"
tap "Facilitator"
tap "1"
tap "2"
tap "3"
tap "4"
tap "OK"
tap "1"
tap "2"
tap "3"
tap "4"
tap "OK"
expect "The new PIN is saved"
tap "Continue"
dump
shot menu.png
tap "New event"
expect "Title"
EOF
grep -q '"text":"Going well"' out-empty && die "Post-it let someone write with no event to stick it to"
menu=$(awk '/^\{/ { block = block $0 "\n"; next } /^ok / { if (block ~ /New event/) last = block; block = "" } END { printf "%s", last }' out-empty |
	grep '"role":"button"' | grep -v '"text":"Lock"')
first=$(echo "$menu" | head -n 1 | sed 's/.*"text":"\([^"]*\)".*/\1/')
[ "$first" = "New event" ] || die "the menu starts with $first"
echo "$menu" | grep -q '"text":"Edit this event"' && die "Edit this event with no event"
# No hole: the buttons fill the grid's places in order, as many to a row as
# the first row has (three, more when a message takes height).
echo "$menu" | sed 's/.*"x":\([0-9]*\),"y":\([0-9]*\).*/\1 \2/' | awk '
	{ x[NR] = $1; y[NR] = $2; if (y[NR] == y[1]) cols++ }
	END { for (i = 2; i <= NR; i++) if (!((y[i] == y[i-1] && x[i] > x[i-1]) || (y[i] > y[i-1] && x[i] < x[i-1] && (i - 1) % cols == 0))) { print "hole before button " i; exit 1 } }' ||
	die "the menu has a hole: $menu"
