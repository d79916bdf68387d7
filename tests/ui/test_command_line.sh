# The facilitator's commands: event new, pin set, --help, and one-line errors
# with exit 1 for unknown options and bad values.
. "$TESTS/ui/lib.sh"
"$KIOSK" --help | grep -q "cop-kiosk event new" || die "--help lacks event new"

"$KIOSK" event new --db "$DB" --title "Médicines Safety CoP" --starts "2027-01-14 13:30" --venue "Hall 1" >out ||
	die "event new failed"
grep -q 'now the current event' out || die "event new did not confirm: $(cat out)"
kiosk --script - >/dev/null <<EOF || die "the new event is not on the home screen"
expect "Médicines Safety CoP"
expect "Thursday 14 January 2027, 13:30 · Hall 1"
EOF

echo 2468 | "$KIOSK" pin set --db "$DB" >/dev/null || die "pin set failed"
kiosk --script - >/dev/null <<EOF || die "the PIN set from the command line does not open facilitator mode"
tap "Facilitator"
tap "2"
tap "4"
tap "6"
tap "8"
tap "OK"
expect "Current event: Médicines Safety CoP"
EOF

expect_fail() { # expect_fail WHAT COMMAND... — exit 1 with one line on stderr
	what=$1
	shift
	status=0
	"$@" >/dev/null 2>err </dev/null || status=$?
	[ "$status" -eq 1 ] || die "$what: exit $status"
	[ "$(wc -l <err)" -eq 1 ] || die "$what: not one line: $(cat err)"
}
expect_fail "unknown option" "$KIOSK" --frobnicate
expect_fail "bad size" "$KIOSK" --size big
expect_fail "event without title" "$KIOSK" event new --db "$DB"
expect_fail "bad start" "$KIOSK" event new --db "$DB" --title T --starts "next Tuesday"
expect_fail "31 February" "$KIOSK" event new --db "$DB" --title T --starts "2027-02-31 09:00"
expect_fail "pin without stdin" "$KIOSK" pin set --db "$DB"
echo 12 | { "$KIOSK" pin set --db "$DB" 2>err && die "a 2-digit PIN was accepted"; true; }
grep -q "4 to 8 digits" err || die "short PIN message: $(cat err)"
expect_fail "unknown command" "$KIOSK" frobnicate
