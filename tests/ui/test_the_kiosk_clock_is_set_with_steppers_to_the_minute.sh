# The facilitator sets the kiosk's clock (a Raspberry Pi has none of its own)
# with steppers — day, month by its name, year, hour, minute by minute — never
# typing "YYYY-MM-DD HH:MM"; the clock then says the time set, in words.
. "$TESTS/ui/lib.sh"
demo_db
# The kiosk's clock at 09:20 on Monday 1 February 2027.
offset=$(($(date -d "2027-02-01 09:20" +%s) - $(date +%s)))
sqlite3 "$DB" "INSERT INTO settings (key, value) VALUES ('clock_offset', $offset)
	ON CONFLICT (key) DO UPDATE SET value = $offset"
{
	unlock
	cat <<-EOF
	tap "Kiosk settings"
	expect "Clock: Monday 1 February 2027, 09:20"
	tap "Set the clock"
	tap "Month +"
	tap "Minute +"
	tap "Minute +"
	tap "Minute -"
	dump
	tap "Set clock"
	expect "The clock is set."
	expect "Clock: Monday 1 March 2027, 09:21"
	EOF
} | kiosk --script - >out || die "script failed: $(tail -5 out)"
grep -q '"role":"stepper","text":"Month","value":"March"' out || die "no month stepper showing March"
grep -q '"role":"stepper","text":"Minute","value":"21"' out || die "the minute was not stepped one by one"
grep -q '"role":"field"' out && die "the time is still typed in a field"
now=$(($(date +%s) + $(setting clock_offset)))
[ "$(date -d "@$now" "+%Y-%m-%d %H:%M")" = "2027-03-01 09:21" ] || die "the clock was not stored as set"
