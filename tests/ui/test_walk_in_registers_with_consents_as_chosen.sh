# "I'm new here": required names, a known organisation suggested as it is
# typed, a profession from the pick list, an email checked, and the two
# consents stored exactly as chosen (both off unless tapped).
. "$TESTS/ui/lib.sh"
demo_db
kiosk --script - >out <<EOF || die "script failed: $(tail -5 out)"
tap "Check in"
tap "I'm new here"
tap "Check me in"
expect "Please give your first name and your last name."
tap "First name"
type "Nia"
tap "Done"
tap "Last name"
type "Ní Bhriain"
tap "Done"
tap "Organisation"
type "leeds t"
expect "Leeds Teaching Hospitals NHS Trust"
tap "Leeds Teaching Hospitals NHS Trust"
tap "Done"
drag 400 300 400 150
tap "Profession"
tap "Pharmacist"
expect "Pharmacist"
drag 400 300 400 150
tap "Email (optional)"
type "nia.nhs.net"
tap "Done"
expect "does not look right"
tap "Delete"
tap "Delete"
tap "Delete"
tap "Delete"
tap "Delete"
tap "Delete"
tap "Delete"
tap "Delete"
type "@nhs.net"
tap "Done"
drag 400 300 400 100
drag 400 300 400 100
tap "Add me to the community mailing list"
shot form.png
tap "Check me in"
expect "Welcome, Nia!"
expect "checked in"
EOF
row=$(sqlite3 "$DB" "select first_name, last_name, organisation, profession, email, mailing_list, may_contact from members where first_name = 'Nia'")
[ "$row" = "Nia|Ní Bhriain|Leeds Teaching Hospitals NHS Trust|Pharmacist|nia@nhs.net|1|0" ] || die "stored: $row"
[ "$(sqlite3 "$DB" "select count(*) from checkins c join members m on m.id = c.member_id where m.first_name = 'Nia'")" = 1 ] ||
	die "not checked in"

# Both consents left off are stored off.
kiosk --script - >/dev/null <<EOF || die "second walk-in failed"
tap "Check in"
tap "I'm new here"
tap "First name"
type "Sam"
tap "Done"
tap "Last name"
type "Lee"
tap "Done"
tap "Check me in"
expect "checked in"
EOF
[ "$(sqlite3 "$DB" "select mailing_list, may_contact from members where first_name = 'Sam'")" = "0|0" ] ||
	die "consents not off by default"
