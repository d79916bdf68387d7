# With a frame missing and no fountain frames to stand in, cop-sync names what is
# missing, exits 2 and the archive holds none of the batch; on each engine.
. "$TESTS/ui/lib.sh"
. "$TESTS/ui/pg.sh"
"$COP_SYNC_GEN" --kiosk K1 --batch 1 --version 10 --members 20 --fountain 0 --text sent.txt >/dev/null
sed 2d sent.txt >some.txt
"$COP_SYNC_GEN" --kiosk K1 --batch 2 --version 10 --members 60 --fountain 40 --text loop.txt >/dev/null
awk 'NR % 5 != 2' loop.txt | sort >kept.txt
for engine in $ENGINES; do
	use_engine "$engine"
	a=$(archive a)
	set +e
	"$COP_SYNC" import --archive "$a" some.txt >out.txt 2>err.txt
	rc=$?
	set -e
	[ "$rc" -eq 2 ] || die "exit status $rc, expected 2"
	grep -q 'incomplete, .* missing 2 (1 frame missing: keep scanning)$' err.txt || die "missing frame not named: $(cat err.txt)"
	[ ! -s out.txt ] || die "something was imported: $(cat out.txt)"
	[ "$(archive_sql "$a" 'SELECT count(*) FROM records')" -eq 0 ] || die "half a batch imported"
	# With fountain frames, a fifth of the frames lost still completes.
	"$COP_SYNC" import --archive "$a" kept.txt >out.txt 2>err.txt || die "fountain frames did not complete the batch: $(tail -n 1 err.txt)"
	grep -q '^Imported batch 2 from kiosk K1' out.txt || die "not imported: $(cat out.txt)"
	[ "$(archive_sql "$a" 'SELECT count(*) FROM records')" -gt 0 ] || die "the completed batch is not in the archive"
done
