# The script driver prints "ok N" per line, and a failed expect, an unknown
# command or a missing widget exits non-zero naming the line.
. "$TESTS/ui/lib.sh"
demo_db
printf '# a comment\n\nexpect "Check in"\nwait 10\n' | kiosk --script - >out || die "a good script failed"
[ "$(cat out)" = "$(printf 'ok 3\nok 4')" ] || die "unexpected output: $(cat out)"

check() { # check LINE SCRIPT — the script fails naming line LINE
	status=0
	printf "$2" | kiosk --script - >/dev/null 2>err || status=$?
	[ "$status" -ne 0 ] || die "script did not fail: $2"
	grep -q "^line $1:" err || die "line $1 not named: $(cat err)"
}
check 2 'expect "Check in"\nexpect "Nobody wrote this"\n'
check 1 'frobnicate\n'
check 3 'wait 1\nwait 1\ntap "No such button"\n'
check 1 'tap "unterminated\n'
check 1 'key Hyperspace\n'
