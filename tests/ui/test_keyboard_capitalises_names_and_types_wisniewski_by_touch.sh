# On the walk-in form, by touch only: a name's keyboard starts each word with
# a capital (no Shift needed), the accents' second page "ąś" has the letters
# of central European names, so the demo's own "Wiśniewski" is typed exactly;
# the email keyboard has "@" and ".nhs.uk" on its letters. The registration
# stores what was typed.
. "$TESTS/ui/lib.sh"
demo_db
kiosk --script - >out <<EOF || die "script failed: $(tail -5 out)"
tap "Check in"
tap "I'm new here"
tap "First name"
dump
tap "Z"
tap "o"
tap "f"
tap "i"
tap "a"
tap "Done"
tap "Last name"
tap "W"
tap "i"
tap "àé"
tap "ąś"
shot accents.png
tap "ś"
tap "ABC"
tap "n"
tap "i"
tap "e"
tap "w"
tap "s"
tap "k"
tap "i"
dump
tap "Done"
drag 400 350 400 100
drag 400 350 400 100
tap "Email (optional)"
tap "z"
tap "o"
tap "f"
tap "i"
tap "a"
tap "@"
tap "l"
tap "e"
tap "e"
tap "d"
tap "s"
tap "t"
tap "h"
tap ".nhs.uk"
shot email.png
tap "Done"
tap "Check me in"
expect "Welcome, Zofia!"
EOF
grep -q '"role":"key","text":"Z"' out || die "the first name's keyboard did not start with capitals"
grep -q '"role":"field","text":"Last name","value":"Wiśniewski"' out || die "Wiśniewski was not typed: $(grep '"role":"field"' out)"
[ "$(sqlite3 "$DB" "select first_name || ' ' || last_name || ' ' || email from members where first_name = 'Zofia'")" = \
	"Zofia Wiśniewski zofia@leedsth.nhs.uk" ] ||
	die "stored: $(sqlite3 "$DB" "select first_name, last_name, email from members order by id desc limit 1")"
