# Two communities in one online space on a real PostgreSQL 15 database, served
# by two cop-sync processes at once. Through HTTP: a keeper of A sees A's events,
# downloads and kiosks and gets 404 for B's, and the API refuses B's batch from
# them; a critical friend of B reads B and may not receive; an account made
# before communities (an admin of every one) sees both. A session and the
# sign-in limits are the same on both servers.
. "$TESTS/ui/lib.sh"
. "$TESTS/ui/web.sh"
. "$TESTS/ui/pg.sh"
start_pg
A="Patient safety CoP" B="Wound care CoP"
"$COP_SYNC_GEN" --kiosk KA --batch 1 --members 8 --version 20 --text a.txt >/dev/null
"$COP_SYNC_GEN" --kiosk KB --batch 1 --members 8 --write-records base.jsonl --text /dev/null >/dev/null
sed "s/\"community\":\"$A\"/\"community\":\"$B\"/" base.jsonl >b.jsonl
grep -q "$B" b.jsonl || die "no event of community B made"
"$COP_SYNC_GEN" --kiosk KB --batch 1 --records b.jsonl --version 20 --text b.txt >/dev/null
sed 's/"changed":\([0-9]*\),/"changed":\19,/' b.jsonl >b2.jsonl
"$COP_SYNC_GEN" --kiosk KB --batch 2 --records b2.jsonl --version 20 --text b2.txt >/dev/null

# Before communities: an account made then becomes an admin of every one.
echo "$PASSWORD" | "$COP_SYNC" user add --archive "$PG_ARCHIVE" old >/dev/null
"$COP_SYNC" import --archive "$PG_ARCHIVE" a.txt b.txt >/dev/null 2>&1 || die "import failed"
# An archive of schema 3 (before communities and kiosk approval), on both
# engines: its accounts become admins of every community when it is opened.
for archive in old.db "$PG_ARCHIVE"; do
	case $archive in
	postgresql:*) pg_sql "DROP TABLE memberships; ALTER TABLE kiosks DROP COLUMN approved_by;
		ALTER TABLE kiosks DROP COLUMN approved_at; UPDATE cop_sync_schema SET version = 3" ;;
	*)
		echo "$PASSWORD" | "$COP_SYNC" user add --archive old.db old >/dev/null
		sqlite3 old.db "DROP TABLE memberships; ALTER TABLE kiosks DROP COLUMN approved_by;
			ALTER TABLE kiosks DROP COLUMN approved_at; PRAGMA user_version = 3"
		;;
	esac
	"$COP_SYNC" user list --archive "$archive" >users.txt
	[ "$(cut -f1,3 users.txt | tr '\t' ' ')" = "old admin of every community" ] ||
		die "schema 3 to 4 on $archive: $(cat users.txt)"
done

echo "$PASSWORD" | "$COP_SYNC" user add --archive "$PG_ARCHIVE" keeper-a --community "$A" --role keeper >/dev/null
echo "$PASSWORD" | "$COP_SYNC" user add --archive "$PG_ARCHIVE" friend-b --community "$B" --role friend >/dev/null
echo "$PASSWORD" | "$COP_SYNC" user add --archive "$PG_ARCHIVE" nobody-here --community "$A" --role boss \
	>/dev/null 2>err.txt && die "a role that is none was taken"
grep -q 'there is no role boss' err.txt || die "no word of the wrong role: $(cat err.txt)"
"$COP_SYNC" user list --archive "$PG_ARCHIVE" >users.txt
grep -q "^keeper-a	.*	keeper of $A$" users.txt && grep -q "^old	.*	admin of every community$" users.txt ||
	die "user list: $(cat users.txt)"

LOG=one.log serve "$PG_ARCHIVE"
ONE=$URL
LOG=two.log serve "$PG_ARCHIVE"
TWO=$URL

# The keeper of A, signed in on the first server.
URL=$ONE
sign_in keeper-a
http "$URL/" >events.html
grep -q 'href="/event/KA-1"' events.html || die "the keeper of A does not see A's events"
grep -q 'KB-' events.html && die "the keeper of A sees B's events or kiosk"
for page in /event/KB-1 /event/KB-5 "/download/attendance.csv?event=KB-1" "/download/report.md?event=KB-1"; do
	http "$URL$page" >/dev/null
	[ "$(status)" = 404 ] || die "the keeper of A got $(status) for $page"
done
http "$URL/event/KA-1" >/dev/null
[ "$(status)" = 200 ] || die "the keeper of A got $(status) for A's event"
http "$URL/download/records.json" >records.json
grep -q '"gid":"KA-' records.json || die "A's records missing from A's download"
grep -q '"gid":"KB-' records.json && die "B's records in the keeper of A's download"
http "$URL/download/report.md" | grep -q 'KB\|Wound' && die "B in the keeper of A's report"
http "$URL/download/mailing-list.csv" >list.csv
[ "$(status)" = 200 ] || die "mailing list: $(status)"
http "$URL/download/attendance.csv" >/dev/null
[ "$(status)" = 200 ] || die "A's newest event's attendance: $(status)"
http --data-urlencode "csrf=$CSRF" --data-urlencode kiosk=KB --data-urlencode refuse=1 "$URL/kiosk" >/dev/null
[ "$(status)" = 404 ] || die "the keeper of A refused B's kiosk ($(status))"
# Reading B as its critical friend too does not let them refuse B's kiosk.
"$COP_SYNC" user add --archive "$PG_ARCHIVE" keeper-a --community "$B" --role friend </dev/null >/dev/null ||
	die "keeper-a could not be made a friend of B"
http --data-urlencode "csrf=$CSRF" --data-urlencode kiosk=KB --data-urlencode refuse=1 "$URL/kiosk" >/dev/null
[ "$(status)" = 404 ] || die "a keeper of A, friend of B, refused B's kiosk ($(status))"
[ "$(pg_sql "SELECT count(*) FROM kiosks WHERE kiosk = 'KB' AND refused = 1")" = 0 ] || die "B's kiosk was refused"
# The API: B's batch from the keeper of A is refused with its reason; A's is taken.
frames b2.txt >answer.json
grep -q 'community you do not keep' answer.json || die "B's batch from A's keeper: $(head -c 300 answer.json)"
[ "$(pg_sql "SELECT count(*) FROM batches WHERE kiosk = 'KB'")" = 1 ] || die "B's batch was stored"

# The same session on the second server: one online space.
URL=$TWO
http "$URL/" | grep -q 'href="/event/KA-1"' || die "the session is not known to the second server ($(status))"

# The critical friend of B reads B and may not receive.
rm -f jar
sign_in friend-b
http "$URL/" >events.html
grep -q 'href="/event/KB-1"' events.html && ! grep -q 'href="/event/KA-' events.html ||
	die "the friend of B sees other than B's events"
grep -q 'href="/receive"' events.html && die "a critical friend is offered the receive page"
grep -q "Refuse this kiosk" events.html && die "a critical friend is offered to refuse a kiosk"
http "$URL/receive" >/dev/null
[ "$(status)" = 403 ] || die "a critical friend got $(status) for the receive page"
frames b2.txt >answer.json
[ "$(status)" = 403 ] || die "a critical friend's frames answered $(status)"

# The account from before sees both communities.
rm -f jar
sign_in old
http "$URL/" >events.html
grep -q 'href="/event/KA-1"' events.html && grep -q 'href="/event/KB-1"' events.html ||
	die "the admin of every community does not see both"

# Wrong passwords on one server count on the other.
rm -f jar
http "$ONE/signin" >signin.html
token=$(sed -n 's/.*name="csrf" value="\([0-9a-f]*\)".*/\1/p' signin.html | head -n 1)
for try in 1 2; do
	http --data-urlencode "csrf=$token" --data-urlencode "name=keeper-a" \
		--data-urlencode "password=wrong $try" "$ONE/signin" >/dev/null
done
http "$TWO/signin" >signin.html
token=$(sed -n 's/.*name="csrf" value="\([0-9a-f]*\)".*/\1/p' signin.html | head -n 1)
http --data-urlencode "csrf=$token" --data-urlencode "name=keeper-a" \
	--data-urlencode "password=wrong 3" "$TWO/signin" >/dev/null
[ "$(pg_sql "SELECT failures FROM signin_failures WHERE key = 'user:keeper-a'")" = 3 ] ||
	die "the servers do not count wrong passwords together"
