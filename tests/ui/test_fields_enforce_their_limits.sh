# A pasted 1,000-character title stops at 80 characters, its hint counting
# down to "You have 0 characters remaining" (GOV.UK's character count); saving
# it stores exactly those 80 characters.
. "$TESTS/ui/lib.sh"
demo_db
long=$(printf 'Ŵ%.0s' $(seq 1 1000))
{
	unlock
	cat <<EOF
tap "Events"
tap "New event"
tap "Title"
type "$long"
expect "You have 0 characters remaining"
dump
tap "Done"
tap "Save"
tap "Lock"
EOF
} | kiosk --script - >out || die "script failed"
text=$(grep '"role":"field","text":"Title"' out | head -n 1 | sed 's/.*"value":"\(.*\)","x".*/\1/')
[ "$(printf '%s' "$text" | wc -m)" -eq 80 ] || die "the field holds $(printf '%s' "$text" | wc -m) characters"
[ "$text" = "$(printf 'Ŵ%.0s' $(seq 1 80))" ] || die "the field holds something else"
kiosk --script - >/dev/null <<EOF || die "the 80-character title is not on the home screen"
expect "$text"
EOF
