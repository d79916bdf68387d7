# With the archive's public key loaded (`cop-kiosk sync-key`, from cop-sync
# keygen), the loop is sealed: zbarimg reads the frames, cop-sync imports them
# with the archive's secret key and prints the same receipt the kiosk expects;
# without the key, or with another archive's key, the import is refused with a
# clear message. A bad key file is refused in one line. The archive on each
# engine.
. "$TESTS/ui/lib.sh"
. "$TESTS/ui/pg.sh"
demo_db
"$COP_SYNC" keygen --out archive >/dev/null || die "keygen failed"
"$COP_SYNC" keygen --out other >/dev/null || die "second keygen failed"

echo "not a key" >bad.pub
status=0
"$KIOSK" sync-key --db "$DB" bad.pub >out 2>err || status=$?
[ "$status" -eq 1 ] || die "a bad key file was taken ($status)"
[ "$(wc -l <err)" -eq 1 ] && grep -q "is not an archive's public key" err || die "unclear error: $(cat err)"
status=0
"$KIOSK" sync-key --db "$DB" missing.pub >out 2>err || status=$?
[ "$status" -eq 1 ] && grep -q "cannot read missing.pub" err || die "a missing key file: $status $(cat err)"
status=0
"$KIOSK" sync-key --db "$DB" >out 2>err || status=$?
[ "$status" -eq 1 ] && grep -q "which file" err || die "no key file: $status $(cat err)"

"$KIOSK" sync-key --db "$DB" archive.pub >out 2>err || die "sync-key failed: $(cat err)"
grep -q "encrypted for the archive" out || die "no confirmation: $(cat out)"
# The key is the store's own setting: not an integer setting anyone may set.
[ "$(sqlite3 "$DB" "select value from settings where key = 'sync_pubkey'")" = "$(cat archive.pub)" ] ||
	die "the key is not kept"

"$KIOSK" frames --db "$DB" --out loop >out 2>err || die "frames failed: $(cat err)"
grep -q "encrypted for the archive" out || die "frames does not say it encrypts: $(cat out)"
for f in loop/frame-*.png; do zbarimg --raw -q "$f" 2>/dev/null; done >read.txt
[ "$(wc -l <read.txt)" -eq "$(ls loop/frame-*.png | wc -l)" ] || die "zbarimg could not read every frame"

for engine in $ENGINES; do
	use_engine "$engine"
	a=$(archive archive)
	nokey=$(archive nokey)
	wrong=$(archive wrong)
	status=0
	"$COP_SYNC" import --archive "$nokey" read.txt >out 2>err || status=$?
	[ "$status" -eq 1 ] || die "import without the key did not fail with 1 ($status)"
	grep -q "this batch is encrypted: give the archive's key with --key" err || die "unclear message: $(cat err)"
	status=0
	"$COP_SYNC" import --archive "$wrong" --key other.key read.txt >out 2>err || status=$?
	[ "$status" -eq 1 ] && grep -q "the key does not open this batch" err || die "another key: $status $(cat err)"

	"$COP_SYNC" import --archive "$a" --key archive.key read.txt >imported 2>err ||
		die "import with the key failed: $(cat err)"
	code=$(sed -n 's/.*Receipt code: \([0-9A-Z-]*\).*/\1/p' imported)
	[ -n "$code" ] || die "no receipt: $(cat imported)"
	[ "$(archive_sql "$a" "select count(*) from records where type = 'event'")" = 1 ] ||
		die "the event is not in the archive"
	[ -z "${first_code:-}" ] || [ "$code" = "$first_code" ] || die "another receipt ($code, not $first_code)"
	first_code=$code
done
ENGINE=

# A sealed loop differs at every encoding, but its receipt does not: the Sync
# screen (which seals again) takes the code the archive printed.
{
	unlock
	cat <<EOT
tap "Sync"
expect "Encrypted for the archive"
tap "More"
expect "Encrypted for the archive: only the archive's key can read this loop."
tap "Show codes"
tap "Enter receipt"
type "$code"
tap "Done"
expect "is synced"
EOT
} | kiosk --script - >out || die "the receipt of the sealed loop was not taken: $(tail -5 out)"
