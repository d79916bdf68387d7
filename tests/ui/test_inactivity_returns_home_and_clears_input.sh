# After 45 s without a touch any screen returns home and forgets what was
# typed; 44 s is not enough. Facilitator screens lock the same way, later.
. "$TESTS/ui/lib.sh"
demo_db
{
	unlock
	cat <<-EOF
	tap "Events"
	tap "New event"
	tap "Title"
	type "Private draft"
	wait 44000
	expect "Private draft"
	type "!"
	wait 179000
	expect "Private draft!"
	wait 2000
	expect "Check in"
	expect "No one has checked in yet"
	dump
	tap "Post-it"
	tap "Going well"
	type "Half-written thought"
	wait 46000
	expect "Check in"
	tap "Post-it"
	tap "Going well"
	dump
	EOF
} | kiosk --script - >out || die "script failed: $(cat out)"
grep -q 'Half-written' out && die "the post-it draft survived the reset"
grep -q 'Private draft' out && die "the draft survived the reset: $(grep 'Private' out)"
grep -q '"text":"Lock"' out && die "facilitator mode stayed open"
# Opening facilitator mode again needs the PIN again.
printf 'tap "Facilitator"\nexpect "Enter the facilitator PIN"\n' | kiosk --script - >/dev/null || die "PIN not asked again"
