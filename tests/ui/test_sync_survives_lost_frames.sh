# A webcam misses frames and reads the rest in any order: the review fixture's
# Sync loop is read by zbarimg, every 5th frame is dropped (20%) and the rest
# shuffled. The import then either completes through the fountain frames, with
# a receipt and every record, or exits 2 naming exactly the plain frames still
# missing (each one of those dropped), importing nothing; and the dropped frames,
# read later, complete it. Which of the two happens depends on the batch's random
# secret (the fountain frames' mix derives from the batch hash), so both are
# checked precisely. On each engine.
. "$TESTS/ui/lib.sh"
. "$TESTS/ui/pg.sh"
"$MAKE_FIXTURE" "$DB" >/dev/null || die "no fixture"
"$KIOSK" frames --db "$DB" --out loop >frames.txt || die "frames failed: $(cat frames.txt)"
records=$(sed -n 's/.* of batch [0-9]*, \([0-9]*\) records.*/\1/p' frames.txt)
[ -n "$records" ] || die "no record count: $(cat frames.txt)"
for f in loop/frame-*.png; do
	zbarimg --raw -q "$f" >one.txt 2>one.err
	[ "$(wc -l <one.txt)" -eq 1 ] || die "zbarimg read $f as $(wc -l <one.txt) codes: $(cat one.txt one.err)"
	cat one.txt
done >all.txt
total=$(wc -l <all.txt)
parts=$(head -n 1 all.txt | cut -d/ -f5)
[ "$total" -gt "$parts" ] || die "no fountain frames after the $parts plain ones"

awk 'NR % 5 == 0' all.txt >dropped.txt
awk 'NR % 5 != 0' all.txt | awk '{ h = 0; for (i = 1; i <= length($0); i += 7) h = (h * 31 + index("0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ $%*+-./:", substr($0, i, 1))) % 1000003; print h "\t" $0 }' |
	sort -n -k1,1 | cut -f2- >kept.txt
[ "$(wc -l <kept.txt)" -eq $((total - total / 5)) ] || die "not 80% kept"
cmp -s kept.txt "$(awk 'NR % 5 != 0' all.txt >inorder.txt && echo inorder.txt)" && die "the frames were not shuffled"
# The plain frames dropped: only those can be named missing.
dropped_plain=$(awk -F/ -v n="$parts" '$4 <= n { print $4 }' dropped.txt | sort -n | tr '\n' ' ')

for engine in $ENGINES; do
	use_engine "$engine"
	a=$(archive a)
	status=0
	"$COP_SYNC" import --archive "$a" kept.txt >out 2>err || status=$?
	case $status in
	0)
		grep -q "Imported batch 1 from kiosk .*: $records records ($records new, 0 updated" out ||
			die "completed, but not with every record: $(cat out)"
		grep -q 'Receipt code: [0-9A-Z]\{4\}-[0-9A-Z]\{4\}' out || die "completed without a receipt: $(cat out)"
		[ "$(archive_sql "$a" 'SELECT count(*) FROM records')" -eq "$records" ] || die "records missing from the archive"
		echo "completed through the fountain frames"
		;;
	2)
		last=$(tail -n 1 err)
		n=$(echo "$last" | sed -n 's/.*incomplete, [0-9]* \/ '"$parts"' frames, missing .* (\([0-9]*\) frames\{0,1\} missing: keep scanning)$/\1/p')
		[ -n "$n" ] && [ "$n" -gt 0 ] || die "exit 2 without saying how many frames are missing: $last"
		listed=$(echo "$last" | sed 's/.*, missing \(.*\) (.*/\1/; s/ and [0-9]* more//' | tr -d ',')
		for seq in $listed; do
			case " $dropped_plain" in *" $seq "*) ;; *) die "frame $seq is named missing but was kept: $last" ;; esac
		done
		echo "$last" | grep -q ' and [0-9]* more' || [ "$(echo $listed | wc -w)" -eq "$n" ] ||
			die "$n missing, but $listed named: $last"
		[ "$(echo "$last" | sed 's/.*incomplete, \([0-9]*\) \/.*/\1/')" -eq $((parts - n)) ] ||
			die "the frames known and missing do not add up to $parts: $last"
		[ "$(archive_sql "$a" 'SELECT count(*) FROM records')" -eq 0 ] ||
			die "an incomplete batch was half imported"
		grep -q 'Receipt code' out && die "a receipt for an incomplete batch"
		# The frames missed, read on a later pass, complete the batch.
		cat kept.txt dropped.txt | "$COP_SYNC" import --archive "$a" >out2 2>err2 ||
			die "the whole loop was not imported: $(tail -n 1 err2)"
		grep -q "$records records ($records new" out2 && grep -q 'Receipt code' out2 ||
			die "the completed import: $(cat out2)"
		[ "$(archive_sql "$a" 'SELECT count(*) FROM records')" -eq "$records" ] || die "records missing from the archive"
		echo "$n frames missing, completed by the rest"
		;;
	*)
		die "import of 80% of the frames: exit $status: $(tail -n 3 err)"
		;;
	esac
done
