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
