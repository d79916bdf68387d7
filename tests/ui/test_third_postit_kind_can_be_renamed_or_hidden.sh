# The facilitator renames the third kind of post-it, and hides it.
. "$TESTS/ui/lib.sh"
demo_db
{
	unlock
	cat <<EOF
tap "Post-it kinds"
tap "Name of the third kind"
tap "Delete"
tap "Delete"
tap "Delete"
tap "Delete"
type "Question"
tap "Done"
expect "The third kind is renamed."
tap "Back"
tap "Lock"
tap "Post-it"
expect "Question"
tap "Back"
tap "Facilitator"
tap "1"
tap "2"
tap "3"
tap "4"
tap "OK"
tap "Post-it kinds"
tap "Offer the third kind"
tap "Back"
tap "Lock"
tap "Post-it"
expect "Going well"
dump
EOF
} | kiosk --script - >out || die "script failed: $(tail -5 out)"
tail -n 12 out | grep -q '"text":"Question"' && die "the hidden kind is still offered"
true
