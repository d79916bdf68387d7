# The Sync screen says what to do and, for a loop that is not encrypted, how
# many people's names and emails anyone filming it could read, without
# "More"; "Bigger codes" and "Smaller codes" (beside slower and faster) make
# the loop again in the new size, kept in the data file for the next time
# and for `cop-kiosk frames`.
. "$TESTS/ui/lib.sh"
demo_db
people=$(sqlite3 "$DB" "SELECT count(*) FROM members WHERE first_name != ''")
{
	unlock
	cat <<-EOF
	tap "Sync"
	expect "receive page"
	expect "anyone filming it can read $people people's names and emails"
	tap "More"
	tap "Bigger codes"
	tap "Bigger codes"
	tap "Show codes"
	EOF
} | kiosk --script - >out || die "the Sync screen: $(tail -3 out)"
[ "$(setting sync_code_step)" = 2 ] || die "the bigger size was not kept: '$(setting sync_code_step)'"
"$KIOSK" frames --db "$DB" --out big >big.txt || die "frames failed: $(cat big.txt)"
grep -q "QR version 3," big.txt || die "two steps bigger is not version 3: $(cat big.txt)"
{
	unlock
	printf 'tap "Sync"\ntap "More"\n'
	for _ in 1 2 3 4 5 6 7; do echo 'tap "Smaller codes"'; done
} | kiosk --script - >out || die "smaller codes: $(tail -3 out)"
[ "$(setting sync_code_step)" = -3 ] || die "smaller codes stop at three steps: '$(setting sync_code_step)'"
"$KIOSK" frames --db "$DB" --out small >small.txt || die "frames failed: $(cat small.txt)"
grep -q "QR version 13," small.txt || die "three steps smaller is not version 13: $(cat small.txt)"

# The receipt pad is the facilitator's: after the loop was left alone past
# the facilitator's timeout, "Enter receipt" asks for the PIN first.
{
	unlock
	printf 'tap "Sync"\nwait 200000\ntap "Enter receipt"\nexpect "Enter the facilitator PIN."\n'
	printf 'tap "1"\ntap "2"\ntap "3"\ntap "4"\ntap "OK"\ntap "Enter receipt"\nexpect "Receipt code from the archive"\n'
} | kiosk --script - >out || die "the receipt pad after the timeout: $(tail -3 out)"
