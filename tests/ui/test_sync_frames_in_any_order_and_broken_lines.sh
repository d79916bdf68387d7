# Frames in reverse order with duplicates, CRLF line ends, blank lines, a QR code
# of something else and a misread frame: each bad line is reported once, skipped,
# and the batch still completes from the rest; on each engine.
. "$TESTS/ui/lib.sh"
. "$TESTS/ui/pg.sh"
receipt=$("$COP_SYNC_GEN" --kiosk K9 --batch 2 --version 12 --members 20 --text sent.txt)
n=$(wc -l <sent.txt)
[ "$n" -gt 4 ] || die "expected several frames, got $n"
{
	echo "https://www.england.nhs.uk/"
	echo
	sed -n 3p sent.txt | awk '{ c = substr($0, 41, 1); print substr($0, 1, 40) (c == "Z" ? "Y" : "Z") substr($0, 42) }'
	tac sent.txt | sed 'p' | sed 's/$/\r/'
} >input.txt
for engine in $ENGINES; do
	use_engine "$engine"
	a=$(archive a)
	"$COP_SYNC" import --archive "$a" input.txt >out.txt 2>err.txt || die "import failed: $(cat err.txt)"
	grep -q "Receipt code: $receipt\$" out.txt || die "no receipt: $(cat out.txt)"
	grep -q '^input.txt:1: not a CoP Kiosk frame; skipped$' err.txt || die "foreign QR not reported: $(cat err.txt)"
	grep -q '^input.txt:3: bad checksum' err.txt || die "misread frame not reported: $(cat err.txt)"
	[ "$(grep -c 'skipped$' err.txt)" -eq 2 ] || die "only the two bad lines are reported: $(cat err.txt)"
	[ "$(grep -c '^Imported' out.txt)" -eq 1 ] || die "imported more than once"
	[ "$(archive_sql "$a" 'SELECT count(*) FROM batches')" -eq 1 ] || die "the batch is not noted once in the archive"
	records=$(sed -n 's/^Imported batch 2 from kiosk K9: \([0-9]*\) records.*/\1/p' out.txt)
	[ "$(archive_sql "$a" 'SELECT count(*) FROM records')" -eq "$records" ] || die "the archive does not hold the batch's $records records"
done
