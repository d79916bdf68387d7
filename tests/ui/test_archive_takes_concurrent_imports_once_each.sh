# Eight importers at once, on an SQLite file and on a real PostgreSQL 15
# database: sixteen batches of four kiosks, interleaved, each imported by two
# of them, and a large batch by two at the same instant. No record lost or
# doubled, the newest version of each kept, every receipt right, and the
# counts of new records add up to the records there are.
. "$TESTS/ui/lib.sh"
. "$TESTS/ui/pg.sh"
start_pg

# Batch B of kiosk K carries 3*B members, each record's "changed" with B
# after its digits: a later batch is a newer version of what an earlier held.
batches=
for b in 1 2 3 4; do
	for k in 1 2 3 4; do
		"$COP_SYNC_GEN" --kiosk K$k --batch $b --members $((3 * b)) --write-records base.jsonl \
			--text /dev/null >/dev/null
		sed "s/\"changed\":\([0-9]*\),/\"changed\":\1$b,/" base.jsonl >K$k-$b.jsonl
		"$COP_SYNC_GEN" --kiosk K$k --batch $b --records K$k-$b.jsonl --version 20 --text K$k-$b.txt \
			>K$k-$b.receipt
		batches="$batches K$k-$b"
	done
done
"$COP_SYNC_GEN" --kiosk K9 --batch 1 --members 300 --version 40 --write-records K9-1.jsonl \
	--text K9-1.txt >K9-1.receipt
# Kiosk K9 is known before its large batch comes twice at once, from a batch
# of that batch's last records: so neither import's first writes wait on the
# other's (the kiosk's first note, a record both hold), and only the archive's
# own lock keeps their counts right.
tail -n 5 K9-1.jsonl >K9-0.jsonl
"$COP_SYNC_GEN" --kiosk K9 --batch 0 --records K9-0.jsonl --version 20 --text K9-0.txt >/dev/null
# What the archive must hold: each gid once, at its highest "changed".
cat ./*.jsonl | sed 's/.*"gid":"\([^"]*\)","changed":\([0-9]*\),.*/\1 \2/' |
	sort -k1,1 -k2,2nr | sort -u -k1,1 >expected.txt
[ "$(wc -l <expected.txt)" -gt 600 ] || die "too few records made: $(wc -l <expected.txt)"

# importers ARCHIVE — the eight processes, started together; then the two
# with the large batch.
importers() {
	rm -f go
	pids=
	set -- "$1" $batches
	archive=$1
	shift
	for w in 0 1 2 3 4 5 6 7; do
		# Worker w: batches 2w and 2w+1, then 2w+2 and 2w+3 (wrapping): each batch twice.
		files=
		for i in 0 1 2 3; do
			n=$(((2 * w + i) % 16 + 1))
			eval "files=\"\$files \${$n}.txt\""
		done
		(
			while [ ! -e go ]; do sleep 0.01; done
			# shellcheck disable=SC2086 # the batch files, one word each
			"$COP_SYNC" import --archive "$archive" $files >out.$w 2>err.$w
			echo $? >rc.$w
		) &
		pids="$pids $!"
	done
	touch go
	# shellcheck disable=SC2086 # the pids, one word each
	wait $pids
	for w in 0 1 2 3 4 5 6 7; do
		[ "$(cat rc.$w)" = 0 ] || die "importer $w on $archive: exit $(cat rc.$w): $(tail -3 err.$w)"
	done
	rm -f go
	"$COP_SYNC" import --archive "$archive" K9-0.txt >big.first 2>&1 || die "K9's first batch: $(cat big.first)"
	# On PostgreSQL the two are made to overlap: a lock on the batches holds
	# the first at its last step, records written, until the second waits too.
	case $archive in postgresql:*)
		echo "BEGIN; LOCK TABLE batches IN EXCLUSIVE MODE; SELECT pg_sleep(120);" |
			psql -X -q -h "$PG_DIR" -U cop -d cop >/dev/null 2>&1 &
		locker=$!
		until [ "$(pg_sql "SELECT count(*) FROM pg_locks l JOIN pg_class c ON c.oid = l.relation
			WHERE c.relname = 'batches' AND l.mode = 'ExclusiveLock' AND l.granted")" = 1 ]; do
			sleep 0.05
		done
	esac
	pids=
	for w in 0 1; do
		(
			while [ ! -e go ]; do sleep 0.001; done
			"$COP_SYNC" import --archive "$archive" K9-1.txt >big.$w 2>&1 || echo failed >>big.$w
		) &
		pids="$pids $!"
	done
	touch go
	case $archive in postgresql:*)
		for _ in $(seq 600); do
			[ "$(pg_sql "SELECT count(*) FROM pg_stat_activity
				WHERE datname = 'cop' AND wait_event_type = 'Lock'")" -ge 2 ] && break
			sleep 0.05
		done
		pg_sql "SELECT pg_terminate_backend(pid) FROM pg_stat_activity
			WHERE datname = 'cop' AND query LIKE '%pg_sleep%' AND pid <> pg_backend_pid()" >/dev/null
		wait "$locker" || true
	esac
	# shellcheck disable=SC2086
	wait $pids
}

# check NAME ROWS — what the archive holds (ROWS: "gid changed" lines) and
# what the importers said.
check() {
	echo "$2" | sort -k1,1 >held.txt
	cmp expected.txt held.txt || die "$1: records lost, doubled or old: $(diff expected.txt held.txt | head -5)"
	for batch in $batches K9-1; do
		n=$(cat out.* big.* | grep -c "Imported batch ${batch#*-} from kiosk ${batch%-*}: .*Receipt code: $(cat $batch.receipt)$" || true)
		[ "$n" = 2 ] || die "$1: batch $batch answered $n times with its receipt, not 2"
	done
	new=$(cat out.* big.* | sed -n 's/.*(\([0-9]*\) new, .*/\1/p' | awk '{ s += $1 } END { print s }')
	[ "$new" = "$(wc -l <expected.txt)" ] || die "$1: $new records said new, for $(wc -l <expected.txt) there are"
	# The large batch at the same instant: stored once, the other import found it all there.
	grep -h 'batch 1 from kiosk K9' big.* | grep -q "(0 new, 0 updated, [1-9][0-9]* already there)" ||
		die "$1: the large batch was not found there by its second import: $(cat big.*)"
	echo "$1: $(wc -l <held.txt) records, $new said new, every receipt twice"
}

start=$(date +%s%N)
importers x.db
echo "SQLite: $((($(date +%s%N) - start) / 1000000)) ms"
check SQLite "$(sqlite3 x.db "SELECT gid || ' ' || changed FROM records")"
start=$(date +%s%N)
importers "$PG_ARCHIVE"
echo "PostgreSQL: $((($(date +%s%N) - start) / 1000000)) ms"
check PostgreSQL "$(pg_sql "SELECT gid || ' ' || changed FROM records")"
[ "$(pg_sql "SELECT count(*) FROM batches")" = 18 ] || die "batches not noted once each"
