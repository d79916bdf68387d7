# The facilitator starts a scale prompt: Home shows "Reflect"; a face hammered
# ten times within the cool-down is stored once; the faces come back after
# it; a one-word answer is stored and two words are refused; stopping the
# prompt hides "Reflect".
. "$TESTS/ui/lib.sh"
demo_db
{
	unlock
	cat <<EOF
dump
tap "Reflections"
tap "How valuable was this session for your time?"
tap "Start now"
expect "Running now: How valuable was this session for your time?"
tap "Back"
tap "Lock"
tap "Reflect"
expect "How valuable was this session for your time?"
dump
EOF
} | kiosk --size 720x1280 --script - >out || die "script failed: $(tail -5 out)"
grep '"text":"Reflect"' out | head -n 1 | grep -q button && die "Reflect was on the home screen before a prompt ran"
face=$(grep '"text":"Very good"' out | tail -n 1)
x=$(echo "$face" | sed 's/.*"x":\([0-9]*\).*"w":\([0-9]*\).*/\1 \2/' | awk '{print $1 + int($2 / 2)}')
y=$(echo "$face" | sed 's/.*"y":\([0-9]*\).*"h":\([0-9]*\).*/\1 \2/' | awk '{print $1 + int($2 / 2)}')
{
	echo 'tap "Reflect"'
	for i in 1 2 3 4 5 6 7 8 9 10; do echo "tap $x $y"; done
	echo 'expect "Thank you!"'
	echo 'wait 3100'
	echo 'expect "Very good"'
} | kiosk --size 720x1280 --script - >out2 || die "hammering failed: $(tail -3 out2)"
[ "$(sqlite3 "$DB" 'select count(*), min(value) from responses')" = "1|5" ] ||
	die "stored: $(sqlite3 "$DB" 'select count(*), min(value) from responses')"

{
	unlock
	cat <<EOF
tap "Reflections"
tap "In one word, how do you feel about today?"
tap "Start now"
tap "Back"
tap "Lock"
tap "Reflect"
type "two words"
tap "Send"
expect "one word"
tap "Back"
tap "Reflect"
type "Inspired"
tap "Send"
expect "Thank you!"
wait 3100
expect "Check in"
tap "Facilitator"
tap "1"
tap "2"
tap "3"
tap "4"
tap "OK"
tap "Reflections"
tap "Stop"
expect "stopped"
tap "Back"
tap "Lock"
dump
EOF
} | kiosk --size 720x1280 --script - >out3 || die "script failed: $(tail -5 out3)"
[ "$(sqlite3 "$DB" "select text from responses where text <> ''")" = Inspired ] || die "the word was not stored"
tail -n 20 out3 | grep -q '"text":"Reflect"' && die "Reflect is still on the home screen after stopping"
true
