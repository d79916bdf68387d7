# The fallback when no one can scan: in facilitator mode, Sync → More →
# "Export to USB" writes the attendance (CSV) and every record (JSON) onto the
# first stick ($COP_KIOSK_MEDIA's first folder here), with today's date in
# their names, and says where; with no stick, or a read-only one, it says why
# nothing was saved.
. "$TESTS/ui/lib.sh"
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
