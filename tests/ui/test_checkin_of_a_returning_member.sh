# A returning member types three letters on the on-screen keyboard, then
# checks in with two touches (their name, "Yes, that's me"); the home screen
# counts them; a second check-in says "already checked in" with the time and
# stores nothing.
. "$TESTS/ui/lib.sh"
demo_db
kiosk --script - >out <<EOF || die "script failed: $(tail -3 out)"
tap "Check in"
tap "s"
tap "i"
tap "a"
shot search.png
tap "Siân Ó Dálaigh"
expect "Is this you?"
expect "Cardiff and Vale University Health Board"
tap "Yes, that's me"
expect "checked in"
expect "Welcome, Siân!"
expect "first time"
shot welcome.png
wait 7000
expect "1 person checked in"
tap "Check in"
type "oda"
tap "Siân Ó Dálaigh"
tap "Yes, that's me"
expect "already checked in, at"
tap "Done"
expect "1 person checked in"
EOF
[ "$(sqlite3 "$DB" 'select count(*) from checkins')" = 1 ] || die "the second check-in was stored"
