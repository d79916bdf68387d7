# Trust on first use, checked by an admin, on SQLite and on a real PostgreSQL
# 15, through HTTP: a kiosk whose key was pinned at its first batch shows as a
# new kiosk (first seen, its key) and its batches are taken; an admin of its
# community approves it (shown with who and when) or refuses it (its batches
# are then refused); a keeper sees the state without buttons and gets 403; an
# admin of another community gets 404. An archive of schema 4 gains the
# approval's columns when opened.
. "$TESTS/ui/lib.sh"
. "$TESTS/ui/web.sh"
. "$TESTS/ui/pg.sh"
start_pg
A="Patient safety CoP" B="Wound care CoP"
"$COP_SYNC_GEN" --kiosk KA --batch 1 --members 5 --version 20 --sign ka.key --text a1.txt >/dev/null
"$COP_SYNC_GEN" --kiosk KA --batch 2 --members 6 --version 20 --sign ka.key --text a2.txt >/dev/null
"$COP_SYNC_GEN" --kiosk KC --batch 1 --members 5 --version 20 --sign kc.key --text c1.txt >/dev/null
"$COP_SYNC_GEN" --kiosk KC --batch 2 --members 6 --version 20 --sign kc.key --text c2.txt >/dev/null
"$COP_SYNC_GEN" --kiosk KU --batch 1 --members 5 --version 20 --text u1.txt >/dev/null

# post PATH FIELD=VALUE... — a form sent with the session's CSRF token.
post() {
	path=$1
	shift
	for f in "$@"; do
		set -- "$@" --data-urlencode "$f"
		shift
	done
	http --data-urlencode "csrf=$CSRF" "$@" "$URL$path"
}

for ARCHIVE in arc.db "$PG_ARCHIVE"; do
	sql() {
		case $ARCHIVE in
		postgresql:*) pg_sql "$1" ;;
		*) sqlite3 arc.db "$1" ;;
		esac
	}
	echo "$PASSWORD" | "$COP_SYNC" user add --archive "$ARCHIVE" admin-a --community "$A" --role admin >/dev/null
	echo "$PASSWORD" | "$COP_SYNC" user add --archive "$ARCHIVE" keeper-a --community "$A" --role keeper >/dev/null
	echo "$PASSWORD" | "$COP_SYNC" user add --archive "$ARCHIVE" admin-b --community "$B" --role admin >/dev/null
	"$COP_SYNC" import --archive "$ARCHIVE" a1.txt c1.txt u1.txt >/dev/null 2>&1 ||
		die "a new kiosk's first batches were not taken on $ARCHIVE"

	# Schema 4 to 5: the approval's columns come when the archive is opened.
	case $ARCHIVE in
	postgresql:*) sql "ALTER TABLE kiosks DROP COLUMN approved_by; ALTER TABLE kiosks DROP COLUMN approved_at;
		UPDATE cop_sync_schema SET version = 4" ;;
	*) sql "ALTER TABLE kiosks DROP COLUMN approved_by; ALTER TABLE kiosks DROP COLUMN approved_at;
		PRAGMA user_version = 4" ;;
	esac
	"$COP_SYNC" user list --archive "$ARCHIVE" >/dev/null || die "schema 4 did not open on $ARCHIVE"
	[ "$(sql "SELECT count(*) FROM kiosks WHERE approved_by IS NULL AND approved_at IS NULL")" = 3 ] ||
		die "schema 4 to 5 on $ARCHIVE"
	key=$(sql "SELECT signer FROM kiosks WHERE kiosk = 'KA'")
	[ ${#key} = 64 ] || die "KA's key was not pinned: $key"
	serve "$ARCHIVE"

	# The keeper: the new kiosk and its key, no buttons, 403 for the form.
	rm -f jar
	sign_in keeper-a
	http "$URL/" >events.html
	short=$(echo "$key" | cut -c1-16)
	grep -q "New kiosk: first seen [0-9][^<]*, key $short…</strong>" events.html &&
		grep -q "Signs its batches with key <code class=\"app-key\">$key</code>" events.html ||
		die "the keeper is not shown the new kiosk KA"
	grep -q 'action="/kiosk/approve"' events.html && die "a keeper is offered to approve a kiosk"
	grep -q 'Its batches are not signed' events.html || die "the unsigned kiosk is not shown as such"
	post /kiosk/approve kiosk=KA decision=approve >/dev/null
	[ "$(status)" = 403 ] || die "a keeper approved a kiosk ($(status)) on $ARCHIVE"
	post /kiosk kiosk=KA refuse=1 >refused.html
	[ "$(status)" = 403 ] && grep -q 'Kiosk KA is new: an admin of its community approves it' refused.html ||
		die "a keeper refused a new kiosk ($(status)) on $ARCHIVE"

	# The admin of another community: not theirs.
	rm -f jar
	sign_in admin-b
	post /kiosk/approve kiosk=KA decision=approve >/dev/null
	[ "$(status)" = 404 ] || die "the admin of B approved A's kiosk ($(status))"
	post /kiosk/approve kiosk=KC decision=refuse >/dev/null
	[ "$(status)" = 404 ] || die "the admin of B refused A's kiosk ($(status))"

	# The admin of A: Approve and Refuse for each new kiosk, not for the unsigned one.
	rm -f jar
	sign_in admin-a
	http "$URL/" >events.html
	[ "$(grep -o 'name="decision" value="approve"' events.html | wc -l)" = 2 ] ||
		die "the admin is not offered to approve both new kiosks"
	grep -q '<button class="app-button app-button--warning">Refuse</button>' events.html ||
		die "the admin is not offered to refuse a new kiosk"
	CSRF=0000 post /kiosk/approve kiosk=KA decision=approve >/dev/null
	[ "$(status)" = 403 ] || die "an approval without its token: $(status)"
	post /kiosk/approve kiosk=KA decision=approve >/dev/null
	[ "$(status)" = 303 ] || die "approving KA: $(status)"
	[ "$(sql "SELECT approved_by FROM kiosks WHERE kiosk = 'KA' AND approved_at > 0")" = admin-a ] ||
		die "KA's approval was not stored on $ARCHIVE"
	post /kiosk/approve kiosk=KA decision=approve >/dev/null
	[ "$(status)" = 404 ] || die "an approved kiosk approved again: $(status)"
	post /kiosk/approve kiosk=KC decision=refuse >/dev/null
	[ "$(status)" = 303 ] || die "refusing KC: $(status)"
	http "$URL/" >events.html
	grep -q 'Approved by admin-a, [0-9]' events.html || die "KA is not shown approved"
	grep -q 'Refused: its batches are not taken' events.html || die "KC is not shown refused"
	grep -q 'New kiosk' events.html && die "a decided kiosk still shows as new"

	# The keeper sees the decisions; an approved kiosk's next batch is taken,
	# a refused one's is not.
	rm -f jar
	sign_in keeper-a
	http "$URL/" | grep -q 'Approved by admin-a' || die "the keeper does not see the approval"
	post /kiosk kiosk=KA refuse=1 >/dev/null
	[ "$(status)" = 303 ] || die "a keeper may not refuse an approved kiosk ($(status))"
	post /kiosk kiosk=KA refuse=0 >/dev/null
	"$COP_SYNC" import --archive "$ARCHIVE" a2.txt >/dev/null 2>&1 || die "the approved kiosk's batch was refused"
	"$COP_SYNC" import --archive "$ARCHIVE" c2.txt >/dev/null 2>err.txt && die "the refused kiosk's batch was taken"
	grep -q 'kiosk KC was refused' err.txt || die "no word of the refusal: $(cat err.txt)"
	stop_server
done
