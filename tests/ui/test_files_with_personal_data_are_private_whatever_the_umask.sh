# Every file that holds names or emails is created readable and writable by
# its owner only, even under umask 022 (a desktop, SSH; the Pi's systemd unit
# sets 077): the kiosk's data file, its exports from the command line and to a
# USB stick, the sync loop's frames, cop-sync's archive and its exports sent
# to a file. (The data file's -wal and -shm: tests/test_store.c.)
. "$TESTS/ui/lib.sh"
umask 022
private() {
	for f in "$@"; do
		[ -f "$f" ] || die "$f was not written"
		[ "$(stat -c %a "$f")" = 600 ] || die "$f is $(stat -c %a "$f"), not 600"
	done
}

demo_db
private "$DB"
"$KIOSK" event new --db new.db --title "Spring meeting" >/dev/null || die "event new failed"
private new.db
# A data file an earlier kiosk left readable is made private when opened.
chmod 644 new.db
echo quit | "$KIOSK" --db new.db --script - >/dev/null || die "the kiosk did not open new.db"
private new.db

"$KIOSK" export --db "$DB" --format csv --out attendance.csv >/dev/null || die "csv export failed"
"$KIOSK" export --db "$DB" --format json --out records.json >/dev/null || die "json export failed"
# An export over a readable file of the same name replaces it with a private one.
echo old >over.json && chmod 644 over.json
"$KIOSK" export --db "$DB" --format json --out over.json >/dev/null || die "json export over a file failed"
private attendance.csv records.json over.json

mkdir -p media/STICK
{
	unlock
	printf 'tap "Sync"\ntap "More"\ntap "Export to USB"\nexpect "Saved the attendance"\n'
} | COP_KIOSK_MEDIA="$PWD/media" kiosk --script - >out || die "the USB export failed: $(tail -3 out)"
private media/STICK/cop-kiosk-*.csv media/STICK/cop-kiosk-*.json

"$KIOSK" frames --db "$DB" --out frames >/dev/null || die "frames failed"
private frames/frame-001.png

"$COP_SYNC_GEN" --kiosk KA --batch 1 --members 5 --version 15 --text a.txt >/dev/null || die "no frames made"
"$COP_SYNC" import --archive archive.db a.txt >/dev/null 2>&1 || die "the batch was not imported"
private archive.db
for format in csv mailchimp markdown json; do
	"$COP_SYNC" export --archive archive.db --format "$format" >"export.$format" || die "$format export failed"
	private "export.$format"
done
