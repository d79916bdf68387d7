# A walk-in with the name and organisation of a member already in the list is
# asked "Is that you?" and checked in as that member: no duplicate.
. "$TESTS/ui/lib.sh"
demo_db
before=$(sqlite3 "$DB" 'select count(*) from members')
kiosk --script - >out <<EOF || die "script failed: $(tail -5 out)"
tap "Check in"
tap "I'm new here"
tap "First name"
type "sian"
tap "Done"
tap "Last name"
type "o dalaigh"
tap "Done"
tap "Organisation"
type "Cardiff and Vale University Health Board"
tap "Done"
tap "Check me in"
expect "is already on the list. Is that you?"
tap "Yes, that's me"
expect "Siân"
expect "checked in"
EOF
[ "$(sqlite3 "$DB" 'select count(*) from members')" = "$before" ] || die "a duplicate member was added"
