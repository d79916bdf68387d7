# A walk-in is one transaction: the new member and their check-in are stored
# together or not at all. When the check-in cannot be saved (the disk fails
# at that moment — here a trigger in the data file refuses it, standing in
# for a kill or a power cut between the two), no member is left behind
# without a check-in, the form says what did not happen and keeps what was
# typed; once the disk is back, "Check me in" stores both.
. "$TESTS/ui/lib.sh"
demo_db
members=$(sqlite3 "$DB" "SELECT count(*) FROM members")
sqlite3 "$DB" "CREATE TRIGGER fail_checkin BEFORE INSERT ON checkins
	BEGIN SELECT RAISE(FAIL, 'disk I/O error'); END"
walk_in() {
	cat <<-EOF
	tap "Check in"
	tap "I'm new here"
	tap "First name"
	type "Nia"
	tap "Done"
	tap "Last name"
	type "Ní Bhriain"
	tap "Done"
	tap "Check me in"
	EOF
}
{
	walk_in
	echo 'expect "the check-in was not saved"'
	echo 'dump'
} | kiosk --script - >out || die "the failed walk-in was not said: $(tail -3 out)"
[ "$(sqlite3 "$DB" "SELECT count(*) FROM members WHERE first_name = 'Nia'")" = 0 ] ||
	die "Nia was stored as a member without a check-in"
[ "$(sqlite3 "$DB" "SELECT count(*) FROM members")" = "$members" ] || die "a member was stored"
grep -q 'Welcome, Nia' out && die "a walk-in not saved was welcomed"
grep -q '"value":"Nia"' out || die "the form lost what was typed: $(tail -5 out)"

sqlite3 "$DB" "DROP TRIGGER fail_checkin"
{
	walk_in
	echo 'expect "Welcome, Nia!"'
} | kiosk --script - >out || die "the walk-in was not stored: $(tail -3 out)"
[ "$(sqlite3 "$DB" "SELECT count(*) FROM members m JOIN checkins c ON c.member_id = m.id
	WHERE m.first_name = 'Nia' AND m.last_name = 'Ní Bhriain'")" = 1 ] || die "Nia is not checked in once"
