# The fallback when no one can scan: in facilitator mode, Sync → More →
# "Export to USB" writes the attendance (CSV) and every record (JSON) for
# people, and the batch itself (signed, sealed when the archive's key is
# loaded: its frame texts, one a line) for `cop-sync import`, onto the first
# stick ($COP_KIOSK_MEDIA's first folder here), with today's date in their
# names, and says where; the batch file gives the receipt the kiosk takes.
# With no stick, or a read-only one, it says why nothing was saved. The
# archive on each engine.
. "$TESTS/ui/lib.sh"
. "$TESTS/ui/pg.sh"
demo_db
mkdir media
export COP_KIOSK_MEDIA="$PWD/media"
day=$(date +%Y-%m-%d)

{
	unlock
	cat <<EOF
tap "Sync"
tap "More"
tap "Export to USB"
expect "No USB stick found. Plug one in, wait a moment, then tap \"Export to USB\" again."
EOF
} | kiosk --script - >out || die "no stick was not explained: $(tail -3 out)"

mkdir media/STICK media/ZZZ
{
	unlock
	cat <<EOF
tap "Sync"
tap "More"
tap "Export to USB"
expect "Saved the attendance as cop-kiosk-attendance-$day.csv and every record as cop-kiosk-records-$day.json in $PWD/media/STICK."
expect "The batch for the archive: cop-kiosk-batch-1-$day.txt."
EOF
} | kiosk --script - >out || die "the export was not made: $(tail -3 out)"
"$KIOSK" export --db "$DB" --format csv --out expected.csv >/dev/null || die "command-line csv export failed"
"$KIOSK" export --db "$DB" --format json --out expected.json >/dev/null || die "command-line json export failed"
cmp -s expected.csv "media/STICK/cop-kiosk-attendance-$day.csv" || die "the CSV on the stick differs"
# The JSON carries its export time: compare everything else.
sed 's/"exported":[0-9]*//' expected.json >a.json
sed 's/"exported":[0-9]*//' "media/STICK/cop-kiosk-records-$day.json" >b.json
cmp -s a.json b.json || die "the JSON on the stick differs"
[ -z "$(ls -A media/ZZZ)" ] || die "wrote on the second stick"
cp "media/STICK/cop-kiosk-batch-1-$day.txt" plain-batch.txt || die "no batch file on the stick"
[ "$(ls -A media/STICK | grep -vc '^cop-kiosk-')" = 0 ] || die "temporary files were left: $(ls -A media/STICK)"

# A read-only stick (root ignores permissions: the kiosk runs unprivileged).
rm media/STICK/*
chmod a-w media/STICK
{
	unlock
	printf 'tap "Sync"\ntap "More"\ntap "Export to USB"\nexpect "%s"\n' \
		"The export was not saved: the USB stick is read-only ($PWD/media/STICK)."
} | unprivileged "$KIOSK" --db "$DB" --script - >out || { chmod u+w media/STICK; die "read-only was not explained: $(tail -3 out)"; }
chmod u+w media/STICK
[ -z "$(ls -A media/STICK)" ] || die "wrote on the read-only stick: $(ls -A media/STICK)"

# The batch: sealed for the archive once its key is loaded, and imported from
# the file with the receipt the Sync screen takes.
for engine in $ENGINES; do
	use_engine "$engine"
	plain=$(archive plain)
	"$COP_SYNC" import --archive "$plain" plain-batch.txt >imported 2>err ||
		die "cop-sync did not take the batch file: $(tail -2 err)"
	grep -q 'Receipt code' imported || die "no receipt for the batch file: $(cat imported)"
done
ENGINE=
"$COP_SYNC" keygen --out archive >/dev/null || die "keygen failed"
"$KIOSK" sync-key --db "$DB" archive.pub >/dev/null || die "sync-key failed"
rm -f media/STICK/*
{ unlock; printf 'tap "Sync"\ntap "More"\ntap "Export to USB"\n'; } | kiosk --script - >out ||
	die "the sealed export was not made: $(tail -3 out)"
batch="media/STICK/cop-kiosk-batch-1-$day.txt"
for engine in $ENGINES; do
	use_engine "$engine"
	nokey=$(archive nokey)
	a=$(archive archive)
	"$COP_SYNC" import --archive "$nokey" "$batch" >/dev/null 2>err && die "a sealed batch file was read without the key"
	grep -q "this batch is encrypted" err || die "the batch file is not sealed: $(cat err)"
	"$COP_SYNC" import --archive "$a" --key archive.key "$batch" >imported 2>err ||
		die "cop-sync did not take the sealed batch file: $(tail -2 err)"
	code=$(sed -n 's/.*Receipt code: \([0-9A-Z-]*\).*/\1/p' imported)
	[ -n "$code" ] || die "no receipt: $(cat imported)"
	[ "$(archive_sql "$a" "select count(*) from records where type = 'event'")" = 1 ] || die "the event is not in the archive"
	[ -z "${first_code:-}" ] || [ "$code" = "$first_code" ] || die "another receipt ($code, not $first_code)"
	first_code=$code
done
ENGINE=
{
	unlock
	printf 'tap "Sync"\ntap "More"\ntap "Show codes"\ntap "Enter receipt"\ntype "%s"\ntap "Done"\nexpect "is synced"\ntap "Continue"\n' "$code"
	# Everything synced: no batch file, and the export says so.
	printf 'tap "Export to USB"\nexpect "Everything is synced: there is no batch for the archive."\n'
} | kiosk --script - >out || die "the batch file's receipt was not taken: $(tail -5 out)"
[ "$(ls -A media/STICK | grep -vc '^cop-kiosk-')" = 0 ] || die "temporary files were left: $(ls -A media/STICK)"
