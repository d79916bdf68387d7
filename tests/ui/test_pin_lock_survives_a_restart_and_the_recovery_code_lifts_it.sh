# Five wrong PINs lock the pad, and the lock is kept in the data file: a
# restart of the kiosk does not lift it, the pad says when it opens again (a
# countdown) and its keys are off. Each lock is longer (1, 5, 15, 60 minutes)
# until the right PIN is given. The recovery code that `pin set` prints lifts
# the lock even while it holds, once, and leads to choosing a new PIN.
. "$TESTS/ui/lib.sh"
demo_db
"$KIOSK" pin set --db "$DB" <<EOF >pinset || die "pin set failed"
1234
EOF
code=$(sed -n 's/^Recovery code: \([0-9]\{4\}\) \([0-9]\{4\}\) \([0-9]\{4\}\)$/\1\2\3/p' pinset)
[ ${#code} = 12 ] || die "pin set printed no recovery code: $(cat pinset)"
sqlite3 "$DB" "SELECT value FROM settings" | grep -q "$code" && die "the recovery code is in the data file"

wrong_five_times() {
	echo 'tap "Facilitator"'
	for _ in 1 2 3 4 5; do printf 'tap "5"\ntap "5"\ntap "5"\ntap "5"\ntap "OK"\n'; done
}
right_pin() {
	printf 'tap "1"\ntap "2"\ntap "3"\ntap "4"\ntap "OK"\n'
}
digits() {
	echo "$1" | sed 's/./tap "&"\n/g' | grep .
}

{
	wrong_five_times
	echo 'expect "wait a minute"'
	echo 'expect "The PIN pad opens again in 1:00."'
} | kiosk --script - >out || die "five wrong PINs did not lock the pad: $(tail -3 out)"

# A restart: still locked, the keys off, the right PIN refused.
{
	echo 'tap "Facilitator"'
	echo 'expect "wait a minute"'
	echo 'dump'
	right_pin
	echo 'wait 20000'
	echo 'expect "The PIN pad opens again in 0:"'
	echo 'dump'
} | kiosk --script - >out || die "a restart lifted the lock: $(tail -3 out)"
grep -q '"text":"Lock"' out && die "the right PIN opened the pad while locked"
grep -q '"role":"off","text":"5"' out || die "the keys were not shown off while locked"
grep -q '"role":"button","text":"OK"' out && die "OK answered while locked"
grep -q '"role":"button","text":"Forgot PIN?"' out || die "no way to the recovery code while locked"

# Time passes while the kiosk is off: its clock is moved on (the virtual
# clock of `wait` starts again with each kiosk, the lock is in wall time).
later() {
	sqlite3 "$DB" "INSERT INTO settings (key, value) VALUES ('clock_offset', $1)
		ON CONFLICT (key) DO UPDATE SET value = value + $1"
}

# After the minute the pad opens; five more wrong PINs lock it for five.
later 61
{
	wrong_five_times
	echo 'expect "wait 5 minutes"'
	echo 'expect "The PIN pad opens again in 5:00."'
	echo 'wait 40000'
	echo 'expect "The PIN pad opens again in 4:20."'
} | kiosk --script - >out || die "the second lock was not five minutes: $(tail -3 out)"
{
	echo 'tap "Facilitator"'
	echo 'expect "wait 5 minutes"'
} | kiosk --script - >out || die "a restart lifted the second lock: $(tail -3 out)"
later 241
{
	echo 'tap "Facilitator"'
	echo 'expect "wait a minute"'
	echo 'wait 61000'
	echo 'tap "Facilitator"'
	right_pin
	echo 'expect "Current event"'
} | kiosk --script - >out || die "the second lock did not end after five minutes: $(tail -3 out)"

# Locked again, the recovery code lifts the lock at once: choose a new PIN.
# The code is used up; the PIN chosen on screen comes with a new one, shown
# once.
{
	wrong_five_times
	echo 'expect "wait a minute"'
	echo 'tap "Forgot PIN?"'
	echo 'expect "Type the 12-digit recovery code"'
	digits 000000000000
	echo 'tap "OK"'
	echo 'expect "That recovery code is not right."'
	digits "$code"
	echo 'tap "OK"'
	echo 'expect "Choose a PIN"'
	printf 'tap "2"\ntap "4"\ntap "6"\ntap "8"\ntap "OK"\n'
	printf 'tap "2"\ntap "4"\ntap "6"\ntap "8"\ntap "OK"\n'
	echo 'expect "Write down its recovery code, shown only now"'
	echo 'dump'
	echo 'tap "Continue"'
	echo 'expect "Current event"'
} | kiosk --script - >out || die "the recovery code did not lift the lock: $(tail -3 out)"
[ "$(setting pin_locked_until)" = "" ] || die "the lock is still in the data file"
new_code=$(sed -n 's/.*"text":"\([0-9]\{4\}\) \([0-9]\{4\}\) \([0-9]\{4\}\)".*/\1\2\3/p' out | head -n 1)
[ ${#new_code} = 12 ] || die "no new recovery code was shown: $(grep label out)"
[ "$new_code" != "$code" ] || die "the used code was shown again"
sqlite3 "$DB" "SELECT value FROM settings" | grep -q "$new_code" && die "the new code is in the data file"

# Once only: the old code opens nothing; the new one lifts the next lock.
{
	echo 'tap "Facilitator"'
	echo 'tap "Forgot PIN?"'
	digits "$code"
	echo 'tap "OK"'
	echo 'expect "That recovery code is not right."'
	echo 'tap "Use the PIN"'
	printf 'tap "2"\ntap "4"\ntap "6"\ntap "8"\ntap "OK"\n'
	echo 'expect "Current event"'
	echo 'tap "Lock"'
	wrong_five_times
	echo 'tap "Forgot PIN?"'
	digits "$new_code"
	echo 'tap "OK"'
	echo 'expect "Choose a PIN"'
} | kiosk --script - >out || die "the old code worked twice, or the new one not: $(tail -3 out)"

# A PIN changed on screen while a code from pin set is there keeps that code:
# someone may have it written down.
"$KIOSK" pin set --db "$DB" <<EOF >pinset || die "pin set failed"
1234
EOF
code=$(sed -n 's/^Recovery code: \([0-9]\{4\}\) \([0-9]\{4\}\) \([0-9]\{4\}\)$/\1\2\3/p' pinset)
hash=$(setting pin_recovery)
{
	unlock
	echo 'tap "Change PIN"'
	printf 'tap "1"\ntap "3"\ntap "5"\ntap "7"\ntap "OK"\n'
	printf 'tap "1"\ntap "3"\ntap "5"\ntap "7"\ntap "OK"\n'
	echo 'expect "The new PIN is saved"'
	echo 'dump'
	echo 'tap "Continue"'
	echo 'expect "Current event"'
} | kiosk --script - >out || die "the PIN was not changed: $(tail -3 out)"
grep -q "recovery code" out && die "a new code replaced the one pin set printed"
[ "$(setting pin_recovery)" = "$hash" ] || die "the recovery code changed"
