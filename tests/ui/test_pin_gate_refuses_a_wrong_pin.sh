# A wrong PIN is refused with a message and facilitator mode stays shut; five
# wrong tries lock the pad for a minute; the right PIN opens it afterwards.
. "$TESTS/ui/lib.sh"
demo_db
kiosk --script - >out <<EOF
tap "Facilitator"
tap "9"
tap "9"
tap "9"
tap "9"
tap "OK"
expect "That PIN is not right"
dump
EOF
grep -q '"text":"Lock"' out && die "a wrong PIN opened facilitator mode"
grep -q '"text":"Edit this event"' out && die "a wrong PIN opened facilitator mode"

wrong_five_times() {
	echo 'tap "Facilitator"'
	for i in 1 2 3 4 5; do printf 'tap "5"\ntap "5"\ntap "5"\ntap "5"\ntap "OK"\n'; done
	echo 'expect "wait a minute"'
}
{
	wrong_five_times
	printf 'tap "1"\ntap "2"\ntap "3"\ntap "4"\ntap "OK"\n'
	echo 'expect "wait a minute"'
	echo 'dump'
} | kiosk --script - >out2 || die "script failed"
grep -q '"text":"Lock"' out2 && die "the pad opened while locked"
{
	wrong_five_times
	echo 'wait 61000'
	echo 'tap "Facilitator"'
	printf 'tap "1"\ntap "2"\ntap "3"\ntap "4"\ntap "OK"\n'
	echo 'expect "Current event"'
} | kiosk --script - >/dev/null || die "the right PIN did not open facilitator mode after the minute"

# While locked the pad says so in plain words with a countdown, and its keys
# are drawn off (role "off": they answer nothing); nothing of "five times".
{
	wrong_five_times
	echo 'shot locked.png'
	echo 'dump'
} | kiosk --script - >out3 || die "script failed"
grep -q '"text":"The PIN pad is locked: too many wrong PINs. Please wait a minute, then try again."' out3 ||
	die "the lock is not said plainly: $(grep label out3)"
grep -q '"text":"The PIN pad opens again in [01]:[0-9][0-9]."' out3 || die "no countdown: $(grep label out3)"
grep -q 'five times' out3 && die "the lock still reads \"five times\""
[ "$(grep -c '"role":"off"' out3)" = 12 ] || die "the pad's keys look live while locked: $(grep -v label out3)"

# "Cancel" on Change PIN goes back to the facilitator menu, still open (on
# a data file whose pad is not locked).
DB=open.db
demo_db
{
	unlock
	echo 'tap "Change PIN"'
	echo 'tap "Cancel"'
	echo 'expect "Change PIN"'
	echo 'expect "Lock"'
} | kiosk --script - >out4 || die "Cancel on Change PIN did not go back to the menu: $(tail -5 out4)"
