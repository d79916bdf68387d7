# Issue 6's end-to-end test: a kiosk with the demo data and some check-ins
# writes its Sync loop as PNG files (`cop-kiosk frames`), zbarimg reads every
# one, cop-sync imports them, and the archive's attendance CSV of that event is
# the kiosk's own CSV export byte for byte. Importing again changes nothing; a
# second kiosk's batch merges beside the first; and the same holds with the
# loop encrypted for the archive's key. The archive on each engine.
. "$TESTS/ui/lib.sh"
. "$TESTS/ui/pg.sh"

# checkins DB — checks in three demo members (an apostrophe, a hyphen, accents).
checkins() {
	"$KIOSK" --db "$1" --script - >/dev/null <<EOF || die "check-ins on $1 failed"
tap "Check in"
type "sian"
tap "Siân Ó Dálaigh"
tap "Yes, that's me"
tap "Done"
tap "Check in"
type "aoife"
tap "Aoife O'Neil"
tap "Yes, that's me"
tap "Done"
tap "Check in"
type "jean"
tap "Jean-Luc Mbeki"
tap "Yes, that's me"
tap "Done"
EOF
}

# loop DB DIR OUT — the kiosk's loop as PNGs in DIR, every one read into OUT.
loop() {
	"$KIOSK" frames --db "$1" --out "$2" >/dev/null || die "frames of $1 failed"
	for f in "$2"/frame-*.png; do zbarimg --raw -q "$f" 2>/dev/null; done >"$3"
	[ "$(wc -l <"$3")" -eq "$(ls "$2"/frame-*.png | wc -l)" ] || die "zbarimg could not read every frame of $2"
}

# receipt OUT — the receipt code an import printed.
receipt() {
	sed -n 's/.*Receipt code: \([0-9A-Z-]*\).*/\1/p' "$1"
}

# count ARCHIVE [KIOSK] — the records in ARCHIVE (of KIOSK only, if given).
count() {
	archive_sql "$1" "SELECT count(*) FROM records${2:+ WHERE kiosk = '$2'}"
}

# -- three kiosks: two in clear, one sealed for the archive's key ---------------------
demo_db
checkins "$DB"
[ "$(sqlite3 "$DB" 'SELECT count(*) FROM checkins WHERE undone = 0')" -eq 3 ] || die "the check-ins were not stored"
loop "$DB" loop read.txt
DB=second.db
demo_db
checkins "$DB"
ka=$(sqlite3 kiosk.db "SELECT value FROM settings WHERE key = 'kiosk_id'")
kb=$(sqlite3 second.db "SELECT value FROM settings WHERE key = 'kiosk_id'")
[ -n "$ka" ] && [ "$ka" != "$kb" ] || die "the two kiosks share an id ($ka)"
loop second.db loop2 read2.txt
"$COP_SYNC" keygen --out arc >/dev/null || die "keygen failed"
DB=sealed.db
demo_db
checkins "$DB"
"$KIOSK" sync-key --db sealed.db arc.pub >/dev/null || die "the kiosk did not take the key"
"$KIOSK" frames --db sealed.db --out loop3 >frames3 || die "frames of sealed.db failed"
grep -q ', encrypted' frames3 || die "the loop is not encrypted: $(cat frames3)"
loop sealed.db loop3 read3.txt
grep -qi 'member\|Siân' read3.txt && die "the sealed frames show records"
kc=$(sqlite3 sealed.db "SELECT value FROM settings WHERE key = 'kiosk_id'")

for engine in $ENGINES; do
	use_engine "$engine"
	a=$(archive a)
	s=$(archive s)

	# -- one kiosk, in clear ----------------------------------------------------------
	"$COP_SYNC" import --archive "$a" read.txt >first 2>err || die "import failed: $(cat err)"
	code=$(receipt first)
	[ -n "$code" ] || die "no receipt: $(cat first)"
	same_csv kiosk.db "$a"
	[ "$(($(wc -l <kiosk.db.archive.csv) - 1))" -eq 3 ] || die "the CSV does not hold the 3 check-ins: $(cat kiosk.db.archive.csv)"
	# The newest event is the default; the demo kiosk has only the one.
	"$COP_SYNC" export --archive "$a" --format csv >default.csv || die "export without --event failed"
	cmp default.csv kiosk.db.archive.csv || die "the default event is not the kiosk's"
	"$COP_SYNC" export --archive "$a" --format csv --event NOPE-1 >/dev/null 2>err && die "an unknown event was exported"
	grep -q 'no event NOPE-1' err || die "unknown event: $(cat err)"

	# Importing again changes nothing: the same receipt, nothing new.
	before=$(archive_sql "$a" "SELECT gid, changed, body FROM records ORDER BY gid" | md5sum)
	"$COP_SYNC" import --archive "$a" read.txt >again 2>err || die "the second import failed: $(cat err)"
	[ "$(receipt again)" = "$code" ] || die "another receipt the second time: $(cat again)"
	grep -q '(0 new, 0 updated' again || die "the second import changed something: $(cat again)"
	[ "$(archive_sql "$a" "SELECT gid, changed, body FROM records ORDER BY gid" | md5sum)" = "$before" ] ||
		die "the records changed on the second import"
	same_csv kiosk.db "$a"

	# -- a second kiosk merges beside the first ----------------------------------------
	na=$(count "$a")
	"$COP_SYNC" import --archive "$a" read2.txt >second 2>err || die "kiosk B not imported: $(cat err)"
	nb=$(count "$a" "$kb")
	[ "$nb" -gt 0 ] || die "kiosk B's records are not in the archive"
	[ "$(count "$a")" -eq $((na + nb)) ] || die "records: $(count "$a"), expected $na + $nb"
	[ "$(count "$a" "$ka")" -eq "$na" ] || die "kiosk B's batch changed kiosk A's records"
	grep -q "($nb new, 0 updated" second || die "kiosk B's import: $(cat second)"
	same_csv kiosk.db "$a"
	same_csv second.db "$a"

	# -- the same with encryption on ----------------------------------------------------
	"$COP_SYNC" import --archive "$a" read3.txt >/dev/null 2>err && die "a sealed batch was imported without the key"
	"$COP_SYNC" import --archive "$s" --key arc.key read3.txt >sealed 2>err || die "sealed import failed: $(cat err)"
	scode=$(receipt sealed)
	[ -n "$scode" ] || die "no receipt for the sealed batch: $(cat sealed)"
	same_csv sealed.db "$s"
	"$COP_SYNC" import --archive "$s" --key arc.key read3.txt >again3 2>err || die "second sealed import failed"
	[ "$(receipt again3)" = "$scode" ] && grep -q '(0 new, 0 updated' again3 ||
		die "the second sealed import changed something: $(cat again3)"
	# And beside the two clear kiosks in the same archive.
	n=$(count "$a")
	"$COP_SYNC" import --archive "$a" --key arc.key read3.txt >/dev/null 2>err || die "sealed into $a: $(cat err)"
	[ "$(count "$a")" -eq $((n + $(count "$a" "$kc"))) ] && [ "$(count "$a" "$kc")" -gt 0 ] ||
		die "the sealed kiosk did not merge beside the others"
	same_csv kiosk.db "$a"
	same_csv second.db "$a"
	same_csv sealed.db "$a"
done
