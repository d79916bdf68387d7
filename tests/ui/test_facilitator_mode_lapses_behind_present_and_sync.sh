# Presenting to the room and the Sync loop may stay up for hours, but
# facilitator mode lapses behind them after the facilitator's timeout (4 x 45 s):
# leaving them then asks for the PIN, which goes on to where the tap was
# going. Within the timeout they are left without the PIN, as before.
. "$TESTS/ui/lib.sh"
demo_db
mkdir media
export COP_KIOSK_MEDIA="$PWD/media"
mkdir media/STICK
pin() {
	printf 'tap "1"\ntap "2"\ntap "3"\ntap "4"\ntap "OK"\n'
}

# Eight hours of presenting, then "Stop presenting" and Back.
{
	unlock
	cat <<-EOF
	tap "Review"
	tap "Present"
	wait 28800000
	expect "Stop presenting"
	tap "Stop presenting"
	expect "Enter the facilitator PIN."
	dump
	tap "Cancel"
	expect "Check in"
	tap "Facilitator"
	expect "Enter the facilitator PIN."
	EOF
} | kiosk --script - >out || die "presenting for eight hours did not ask for the PIN: $(tail -3 out)"
grep -q '"text":"Lock"' out && die "the facilitator menu was open after presenting"
grep -q '"text":"Present"' out && die "the review was open after presenting"

# The PIN then goes back to the review, and Back to the menu.
{
	unlock
	cat <<-EOF
	tap "Review"
	tap "Present"
	wait 181000
	tap "Stop presenting"
	expect "Enter the facilitator PIN."
	EOF
	pin
	cat <<-EOF
	expect "Present"
	tap "Back"
	expect "Current event"
	EOF
} | kiosk --script - >out || die "the PIN after presenting did not go back to the review: $(tail -3 out)"

# A short presentation stays in facilitator mode.
{
	unlock
	cat <<-EOF
	tap "Review"
	tap "Present"
	wait 170000
	tap "Stop presenting"
	expect "Present"
	tap "Back"
	expect "Current event"
	EOF
} | kiosk --script - >out || die "a short presentation asked for the PIN: $(tail -3 out)"

# The Sync loop just past the timeout, then Back (the loop draws five frames a
# second on the virtual clock too: half an hour of it takes a minute under ASan).
{
	unlock
	cat <<-EOF
	tap "Sync"
	wait 181000
	tap "Back"
	expect "Enter the facilitator PIN."
	dump
	EOF
	pin
	echo 'expect "Current event"'
} | kiosk --script - >out || die "the Sync loop past the timeout did not ask for the PIN: $(tail -3 out)"
grep -q '"text":"Change PIN"' out && die "the facilitator menu was open after Sync"

# Nor can names leave on a stick from a loop left alone: "Export to USB" asks first.
{
	unlock
	cat <<-EOF
	tap "Sync"
	tap "More"
	wait 181000
	tap "Export to USB"
	expect "Enter the facilitator PIN."
	EOF
} | kiosk --script - >out || die "Export to USB past the timeout did not ask for the PIN: $(tail -3 out)"
[ -z "$(ls -A media/STICK)" ] || die "the export was written without the PIN: $(ls media/STICK)"

# Touched now and then, the loop keeps facilitator mode open.
{
	unlock
	cat <<-EOF
	tap "Sync"
	wait 170000
	tap "Pause"
	wait 170000
	tap "Back"
	expect "Current event"
	EOF
} | kiosk --script - >out || die "a Sync screen in use asked for the PIN: $(tail -3 out)"
