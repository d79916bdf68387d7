# A server killed (SIGKILL: no clean stop) in the middle of importing a large
# batch, on an SQLite file and on a real PostgreSQL 15 database: the archive
# holds none of that batch, opens again, and takes the whole batch when the
# phone sends it again, with its receipt.
. "$TESTS/ui/lib.sh"
. "$TESTS/ui/web.sh"
. "$TESTS/ui/pg.sh"
start_pg
"$COP_SYNC_GEN" --kiosk K9Z --batch 1 --version 30 --members 500 --text big.txt >big.receipt

# importing ARCHIVE — true while a transaction writing records is open: on
# PostgreSQL, one that has written every record and waits to note the batch
# (held back by a lock on the batches taken below); on SQLite, while the
# file's rollback journal is there.
importing() {
	if archive_is_pg "$1"; then
		[ "$(pg_sql "SELECT count(*) FROM pg_stat_activity WHERE datname = 'cop'
			AND wait_event_type = 'Lock' AND query LIKE 'INSERT INTO batches%'")" != 0 ]
	else
		[ -e "$1-journal" ]
	fi
}

archive_is_pg() {
	case $1 in postgresql:*) return 0 ;; esac
	return 1
}

# records ARCHIVE — the batch's records the archive holds.
records() {
	if archive_is_pg "$1"; then
		pg_sql "SELECT count(*) FROM records WHERE kiosk = 'K9Z'"
	else
		sqlite3 "$1" "SELECT count(*) FROM records WHERE kiosk = 'K9Z'"
	fi
}

for archive in archive.db "$PG_ARCHIVE"; do
	add_user "$archive" keeper
	rm -f jar
	serve "$archive"
	sign_in keeper
	if archive_is_pg "$archive"; then
		echo "BEGIN; LOCK TABLE batches IN EXCLUSIVE MODE; SELECT pg_sleep(120);" |
			psql -X -q -h "$PG_DIR" -U cop -d cop >/dev/null 2>&1 &
		locker=$!
		until [ "$(pg_sql "SELECT count(*) FROM pg_locks l JOIN pg_class c ON c.oid = l.relation
			WHERE c.relname = 'batches' AND l.mode = 'ExclusiveLock' AND l.granted")" = 1 ]; do
			sleep 0.05
		done
	fi
	frames big.txt >/dev/null &
	poster=$!
	for _ in $(seq 600); do
		importing "$archive" && break
		sleep 0.01
	done
	importing "$archive" || die "$archive: no import seen under way"
	kill -KILL "$SERVER"
	wait "$SERVER" 2>/dev/null || true
	wait "$poster" || true
	if archive_is_pg "$archive"; then
		pg_sql "SELECT pg_terminate_backend(pid) FROM pg_stat_activity
			WHERE datname = 'cop' AND query LIKE '%pg_sleep%' AND pid <> pg_backend_pid()" >/dev/null
		wait "$locker" || true
	fi
	[ "$(records "$archive")" = 0 ] || die "$archive: $(records "$archive") records of a batch cut short"
	# Started again: it opens, and the phone's resent frames store the whole batch.
	serve "$archive"
	frames big.txt >answer.json
	grep -q "\"receipt\":\"$(cat big.receipt)\"" answer.json || die "$archive: no receipt: $(head -c 300 answer.json)"
	[ "$(records "$archive")" -gt 2000 ] || die "$archive: only $(records "$archive") records after resending"
	echo "$archive: killed mid-import, then $(records "$archive") records stored whole"
	stop_server
done
