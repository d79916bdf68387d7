# "I'm new here" is a form of visible, labelled boxes (the keyboard opens on
# the first name), sent with "Check me in". Errors follow GOV.UK: a summary
# at the top whose links go to their fields, and the message by the field;
# an entry corrected is no longer said to be wrong. A known organisation is
# suggested as it is typed, a profession comes from the pick list, an email
# is checked, the mailing list is not joined without an address to write
# to, and the two consents are stored exactly as chosen (both off unless
# tapped).
. "$TESTS/ui/lib.sh"
demo_db
kiosk --script - >out <<EOF || die "script failed: $(tail -5 out)"
tap "Check in"
tap "I'm new here"
dump
tap "Done"
tap "Check me in"
expect "There is a problem"
dump
tap "Enter your first name"
type "Nia"
dump
tap "Done"
tap "Last name"
type "Ní Bhriain"
tap "Done"
tap "Organisation"
type "leeds t"
expect "Leeds Teaching Hospitals NHS Trust"
tap "Leeds Teaching Hospitals NHS Trust"
tap "Done"
drag 400 350 400 150
tap "Profession"
tap "Pharmacist"
expect "Pharmacist"
drag 400 350 400 100
drag 400 350 400 100
tap "Add me to the community mailing list"
tap "Check me in"
expect "Enter your email address to join the mailing list, or switch it off"
shot consent.png
dump
tap "Enter your email address to join the mailing list, or switch it off"
type "nia.nhs.net"
tap "Done"
tap "Check me in"
expect "Enter an email address like name@nhs.net"
tap "Enter an email address like name@nhs.net"
key Backspace
key Backspace
key Backspace
key Backspace
key Backspace
key Backspace
key Backspace
key Backspace
type "@nhs.net"
dump
tap "Done"
shot form.png
tap "Check me in"
expect "Welcome, Nia!"
expect "checked in"
EOF
# The form opens on the first name, with its keyboard.
sed -n '/^ok 2$/,/^ok 3$/p' out | grep -q '"role":"key","text":"Done"' || die "the form did not open with a keyboard"
# Sent empty: the summary links to both names, and the first is said by
# its field too (the last is below, out of view at 800x480).
sent=$(sed -n '/^ok 5$/,/^ok 7$/p' out)
for e in "Enter your first name" "Enter your last name"; do
	echo "$sent" | grep -q "\"role\":\"link\",\"text\":\"$e\"" || die "\"$e\" is not in the summary: $sent"
done
echo "$sent" | grep -q '"role":"label","text":"Enter your first name"' || die "the error is not by its field: $sent"
# The summary's link went to the first name: what is typed lands there, and
# the first name, now given, is no longer said to be wrong.
typed=$(sed -n '/^ok 9$/,/^ok 10$/p' out)
echo "$typed" | grep -q '"role":"field","text":"First name","value":"Nia"' || die "the link did not go to the first name: $typed"
echo "$typed" | grep -q '"text":"Enter your first name"' && die "a first name given is still said to be missing"
# Corrected, the email is not red any more.
fixed=$(sed -n '/^ok 45$/,/^ok 46$/p' out)
echo "$fixed" | grep -q 'Enter an email address like' && die "a valid email is still shown as an error: $fixed"
row=$(sqlite3 "$DB" "select first_name, last_name, organisation, profession, email, mailing_list, may_contact from members where first_name = 'Nia'")
[ "$row" = "Nia|Ní Bhriain|Leeds Teaching Hospitals NHS Trust|Pharmacist|nia@nhs.net|1|0" ] || die "stored: $row"
[ "$(sqlite3 "$DB" "select count(*) from checkins c join members m on m.id = c.member_id where m.first_name = 'Nia'")" = 1 ] ||
	die "not checked in"

# Both consents left off are stored off.
kiosk --script - >/dev/null <<EOF || die "second walk-in failed"
tap "Check in"
tap "I'm new here"
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

# The mailing list switched on and then off again, with no address: no
# consent is stored, and no error stays.
kiosk --script - >third <<EOF || die "third walk-in failed: $(tail -5 third)"
tap "Check in"
tap "I'm new here"
type "Ravi"
tap "Done"
tap "Last name"
type "Patel"
tap "Done"
drag 400 350 400 100
drag 400 350 400 100
tap "Add me to the community mailing list"
tap "Check me in"
expect "Enter your email address to join the mailing list, or switch it off"
drag 400 350 400 100
drag 400 350 400 100
drag 400 350 400 100
tap "Add me to the community mailing list"
tap "Check me in"
expect "checked in"
EOF
[ "$(sqlite3 "$DB" "select mailing_list, email from members where first_name = 'Ravi'")" = "0|" ] ||
	die "a consent with no address was stored"
