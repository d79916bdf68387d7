# The end-to-end path: a batch encoded into QR PNGs, read back by the real zbarimg,
# imported by cop-sync with the receipt the encoder expects; importing again
# changes nothing and gives the same receipt; on each engine.
. "$TESTS/ui/lib.sh"
. "$TESTS/ui/pg.sh"
mkdir png
receipt=$("$COP_SYNC_GEN" --kiosk K1A2 --batch 4 --version 20 --members 40 --png png --text sent.txt)
[ "$(ls png | wc -l)" -eq "$(wc -l <sent.txt)" ] || die "one PNG per frame"
zbarimg --raw -q png/*.png >scanned.txt 2>/dev/null || die "zbarimg could not read the frames"
[ "$(sort scanned.txt)" = "$(sort sent.txt)" ] || die "zbarimg read other text than was sent"
for engine in $ENGINES; do
	use_engine "$engine"
	a=$(archive archive)
	"$COP_SYNC" import --archive "$a" scanned.txt >out.txt 2>err.txt || die "import failed: $(cat err.txt)"
	grep -q "^Imported batch 4 from kiosk K1A2: 188 records (188 new, 0 updated, 0 already there). Receipt code: $receipt\$" out.txt ||
		die "unexpected import summary: $(cat out.txt)"
	grep -q '^batch [0-9A-Z]*: 3 / [0-9]* frames, missing' err.txt || die "no progress on stderr"
	"$COP_SYNC" import --archive "$a" <scanned.txt >again.txt 2>/dev/null || die "re-import failed"
	grep -q "(0 new, 0 updated, 188 already there). Receipt code: $receipt\$" again.txt ||
		die "re-import changed something: $(cat again.txt)"
	[ "$(archive_sql "$a" 'SELECT count(*) FROM records')" -eq 188 ] || die "records duplicated"
done
