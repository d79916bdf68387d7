# The same batches imported into an SQLite file and into a real PostgreSQL 15
# database: the same receipts, exports, reports and online-space pages, byte
# for byte; PostgreSQL's schema is made on first use, a newer one is refused,
# and a database holding something else is left alone.
. "$TESTS/ui/lib.sh"
. "$TESTS/ui/web.sh"
. "$TESTS/ui/pg.sh"
start_pg

"$COP_SYNC" keygen --out arc >/dev/null
"$COP_SYNC_GEN" --kiosk KA --batch 1 --members 30 --version 20 --text a1.txt --write-records a.jsonl >/dev/null
"$COP_SYNC_GEN" --kiosk KB --batch 1 --members 20 --version 20 --sign kb.key --text b1.txt >/dev/null
"$COP_SYNC_GEN" --kiosk KC --batch 7 --members 25 --version 20 --created 1790000000 --pub arc.pub \
	--text c7.txt >/dev/null
# KA's second batch: the same records, some changed later, with a new one.
sed 's/"changed":\([0-9]*\)5,/"changed":\19,/' a.jsonl >a2.jsonl
"$COP_SYNC_GEN" --kiosk KA --batch 2 --records a2.jsonl --version 20 --text a2.txt >/dev/null

# everything ARCHIVE SUFFIX — imports the batches (twice) and writes every
# output of cop-sync into files ending in SUFFIX.
everything() {
	for f in a1 b1 c7 a2 a1; do
		"$COP_SYNC" import --archive "$1" --key arc.key "$f.txt" >>"import$2" 2>&1 ||
			die "import of $f into $1 failed: $(tail -3 "import$2")"
	done
	for format in csv mailchimp markdown json; do
		"$COP_SYNC" export --archive "$1" --format $format >"$format$2" || die "$format export of $1"
	done
	for ev in $(sqlite3 x.db "SELECT gid FROM records WHERE type = 'event' ORDER BY gid"); do
		"$COP_SYNC" export --archive "$1" --format csv --event "$ev"
		"$COP_SYNC" export --archive "$1" --format markdown --event "$ev"
	done >"events$2" || die "per-event exports of $1"
	for q in "" 2026Q1 2026Q2 2026Q3 2026Q4 2027Q1; do
		"$COP_SYNC" report --archive "$1" ${q:+--quarter $q}
	done >"report$2" || die "reports of $1"
	"$COP_SYNC" export --archive "$1" --format csv --event NO-1 >>"errors$2" 2>&1 || true
	"$COP_SYNC" report --archive "$1" --quarter 2026Q9 >>"errors$2" 2>&1 || true
	echo "$PASSWORD" | "$COP_SYNC" user add --archive "$1" keeper >/dev/null || die "user add on $1"
	echo "$PASSWORD" | "$COP_SYNC" user add --archive "$1" keeper >>"errors$2" 2>&1 || true
	"$COP_SYNC" user list --archive "$1" | cut -c1-6 >"users$2"
}
everything x.db .sqlite
everything "$PG_ARCHIVE" .pg
grep -q 'Receipt code' import.pg || die "nothing imported into PostgreSQL: $(head -3 import.pg)"
[ "$(pg_sql "SELECT count(*) FROM records")" = "$(sqlite3 x.db "SELECT count(*) FROM records")" ] ||
	die "PostgreSQL holds another number of records"
for f in import csv mailchimp markdown json events report errors users; do
	cmp "$f.sqlite" "$f.pg" || die "$f differs between the engines: $(diff "$f.sqlite" "$f.pg" | head -10)"
done
grep -q 'already there' import.pg && grep -q '[1-9][0-9]* updated' import.pg ||
	die "the second batches did not update and keep: $(cat import.pg)"

# The online space's pages, from each engine (the session's token aside).
pages() {
	LOG=server$2.log serve "$1"
	rm -f jar
	sign_in keeper
	for page in / /measures $(sqlite3 x.db "SELECT '/event/' || gid FROM records WHERE type = 'event'") \
		/download/records.json /download/attendance.csv /download/mailing-list.csv; do
		http "$URL$page" | sed 's/[0-9a-f]\{64\}/TOKEN/g'
		echo "$page: $(status)"
	done >"pages$2"
	LOG=server$2.log stop_server
}
# The kiosks are listed by when their last batch came: the same moment in both.
sqlite3 x.db "UPDATE batches SET imported_at = 1790000000 + length(kiosk || batch)"
pg_sql "UPDATE batches SET imported_at = 1790000000 + length(kiosk || batch)"
pages x.db .sqlite
pages "$PG_ARCHIVE" .pg
grep -q '^/measures: 200$' pages.pg || die "no measures page on PostgreSQL: $(tail -3 pages.pg)"
cmp pages.sqlite pages.pg || die "pages differ between the engines: $(diff pages.sqlite pages.pg | head -10)"

# A newer schema is refused, and the database left as it was.
pg_sql "UPDATE cop_sync_schema SET version = 99"
"$COP_SYNC" report --archive "$PG_ARCHIVE" >/dev/null 2>err.txt && die "a newer schema was opened"
grep -q 'written by a newer cop-sync (schema 99' err.txt || die "no word of the newer schema: $(cat err.txt)"
[ "$(pg_sql "SELECT version FROM cop_sync_schema")" = 99 ] || die "the newer schema was changed"

# A database that holds something else is not made an archive.
pg_sql "CREATE DATABASE other" >/dev/null
psql -X -q -h "$PG_DIR" -U cop -d other -c "CREATE TABLE accounts (id int)"
other="postgresql:///other?host=$PG_DIR&user=cop"
"$COP_SYNC" report --archive "$other" >/dev/null 2>err.txt && die "another database was opened"
grep -q 'holds other tables and no cop-sync archive' err.txt || die "no word of the other tables: $(cat err.txt)"
[ "$(psql -X -At -h "$PG_DIR" -U cop -d other -c "SELECT count(*) FROM pg_tables WHERE schemaname = 'public'")" = 1 ] ||
	die "the other database was changed"
# Nor one that sorts text another way than SQLite does.
pg_sql "CREATE DATABASE sorted TEMPLATE template0 LC_COLLATE 'C.UTF-8' LC_CTYPE 'C.UTF-8'" >/dev/null
"$COP_SYNC" report --archive "postgresql:///sorted?host=$PG_DIR&user=cop" >/dev/null 2>err.txt &&
	die "a database in another locale was opened"
grep -q 'needs the C locale' err.txt || die "no word of the locale: $(cat err.txt)"
# A password in the URI is never shown.
"$COP_SYNC" report --archive "postgresql://cop:s3cret@/nodb?host=$PG_DIR&password=hunter2" >/dev/null 2>err.txt &&
	die "a database that is not there was opened"
grep -q 'cannot connect to the archive postgresql://cop@/nodb?host=.*&password=\.\.\.' err.txt ||
	die "no plain word of the missing database: $(cat err.txt)"
if grep -q 's3cret\|hunter2' err.txt; then die "the password was shown: $(cat err.txt)"; fi
