# The whole way out of the kiosk: check-ins and post-its made on the kiosk are
# written as the Sync screen's QR frames (`cop-kiosk frames`), read back by a
# real decoder (zbarimg), imported by cop-sync, and the receipt it prints,
# typed on the Sync screen, marks exactly that batch as synced; a wrong code is
# refused; records added later stay pending; nothing is deleted. The archive
# on each engine, which print the same receipt.
. "$TESTS/ui/lib.sh"
. "$TESTS/ui/pg.sh"
demo_db
kiosk --script - >/dev/null <<EOF || die "check-in failed"
tap "Check in"
type "sian"
tap "Siân Ó Dálaigh"
tap "Yes, that's me"
tap "Done"
tap "Post-it"
tap "Going well"
type "Great stories from practice"
tap "Stick it"
EOF
"$KIOSK" frames --db "$DB" --out loop >out || die "frames failed: $(cat out)"
ls loop/frame-*.png >/dev/null || die "no frames written"
for f in loop/frame-*.png; do zbarimg --raw -q "$f" 2>/dev/null; done >read.txt
[ "$(wc -l <read.txt)" -eq "$(ls loop/frame-*.png | wc -l)" ] || die "zbarimg could not read every frame"
for engine in $ENGINES; do
	use_engine "$engine"
	a=$(archive archive)
	"$COP_SYNC" import --archive "$a" read.txt >imported 2>err || die "import failed: $(cat err)"
	code=$(sed -n 's/.*Receipt code: \([0-9A-Z-]*\).*/\1/p' imported)
	[ -n "$code" ] || die "no receipt: $(cat imported)"
	[ "$(archive_sql "$a" "select count(*) from records where type in ('note', 'checkin')")" = 2 ] ||
		die "the note and the check-in are not in the archive"
	[ -z "${first_code:-}" ] || [ "$code" = "$first_code" ] || die "another receipt ($code, not $first_code)"
	first_code=$code
done
ENGINE=

{
	unlock
	cat <<EOF
tap "Sync"
expect "1 / "
expect "Not encrypted: anyone filming it can read"
shot sync.png
tap "Pause"
tap "Step"
expect "2 / "
tap "Enter receipt"
type "AAAA-AAAA"
tap "Done"
expect "does not match"
tap "Cancel"
tap "Enter receipt"
type "$code"
tap "Done"
expect "Receipt accepted"
expect "is synced"
tap "Continue"
expect "Everything is synced"
EOF
} | kiosk --script - >out || die "the receipt was not taken: $(tail -5 out)"
status=0
"$KIOSK" frames --db "$DB" --out loop2 >/dev/null 2>&1 || status=$?
[ "$status" -eq 2 ] || die "after the receipt, frames still had something to send ($status)"
[ "$(sqlite3 "$DB" 'select count(*) from notes')" = 1 ] || die "syncing deleted records"

# A record added after the batch stays pending: the next loop holds it.
kiosk --script - >/dev/null <<EOF || die "second post-it failed"
tap "Post-it"
tap "To be improved"
type "More breaks"
tap "Stick it"
EOF
"$KIOSK" frames --db "$DB" --out loop3 >out3 || die "the new record is not pending"
