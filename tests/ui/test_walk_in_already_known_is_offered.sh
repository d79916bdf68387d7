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

# The same person without an organisation (or with it written another way)
# is offered the likely match by name alone, with the organisation known,
# rather than made twice and told it is their first time.
kiosk --script - >out2 <<EOF || die "by name alone: $(tail -5 out2)"
tap "Check in"
tap "I'm new here"
type "Siân"
tap "Done"
tap "Last name"
type "Ó Dálaigh"
tap "Done"
tap "Check me in"
expect "Siân Ó Dálaigh from Cardiff and Vale University Health Board is already on the list. Is that you?"
tap "Yes, that's me"
expect "already checked in"
EOF
grep -q 'first time' out2 && die "a known person was told it is their first time"
[ "$(sqlite3 "$DB" 'select count(*) from members')" = "$before" ] || die "a duplicate was added by name alone"
