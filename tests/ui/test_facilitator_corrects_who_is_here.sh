# The facilitator sees who is here with times, undoes a wrong check-in, and
# forgets a member: their personal data is gone, their check-in still counts.
. "$TESTS/ui/lib.sh"
demo_db
kiosk --script - >/dev/null <<EOF || die "check-ins failed"
tap "Check in"
type "ben"
tap "Ben Okafor"
tap "Yes, that's me"
tap "Done"
tap "Check in"
type "fatima"
tap "Fatima Al-Sayed"
tap "Yes, that's me"
tap "Done"
expect "2 people checked in"
EOF
{
	unlock
	cat <<EOF
tap "Who is here"
expect "Who is here (2)"
expect "Ben Okafor"
tap "Ben Okafor"
tap "Undo check-in"
expect "Undo this check-in?"
tap "Undo check-in"
expect "The check-in is undone."
expect "Who is here (1)"
tap "Fatima Al-Sayed"
tap "Forget"
tap "Forget"
expect "Forgotten"
expect "Forgotten member"
tap "Back"
tap "Lock"
expect "1 person checked in"
tap "Check in"
type "fatima"
expect "No one found"
EOF
} | kiosk --script - >out || die "script failed: $(tail -5 out)"
[ "$(sqlite3 "$DB" "select count(*) from members where first_name like 'Fatima%' or last_name like 'Al-Sayed%'")" = 0 ] ||
	die "the forgotten member's name is still stored"
