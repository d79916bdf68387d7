# Letters typed into the check-in search are gone after the inactivity reset,
# and on the next visit.
. "$TESTS/ui/lib.sh"
demo_db
kiosk --script - >out <<EOF || die "script failed: $(tail -5 out)"
tap "Check in"
type "zo"
expect "Zoë Ashworth-Hughes"
wait 46000
expect "No one has checked in yet"
tap "Check in"
dump
EOF
grep -q 'Zoë' out && die "the last search is still shown"
[ "$(field_text out)" = "" ] || die "the search field kept \"$(field_text out)\""
