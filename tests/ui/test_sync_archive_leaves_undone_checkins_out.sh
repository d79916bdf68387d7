# A check-in undone on the kiosk travels as a record with "undone": true
# (sync/PROTOCOL.md): the archive keeps it but leaves it out of the attendance,
# and a later batch reviving it (undone false, higher "changed") counts again.
# On each engine.
. "$TESTS/ui/lib.sh"
. "$TESTS/ui/pg.sh"
cat >one.jsonl <<'JSONL'
{"type":"event","gid":"KU-1","changed":1,"created":1767000001,"title":"Meet-up","starts":"2026-11-27 09:30","venue":"","community":"","roles":false}
{"type":"member","gid":"KU-2","changed":2,"created":1767000002,"first_name":"Siân","last_name":"Ó Dálaigh","organisation":"NHS Wales","profession":"","email":"","mailing_list":false,"may_contact":false,"forgotten":false}
{"type":"member","gid":"KU-3","changed":3,"created":1767000003,"first_name":"Ravi","last_name":"Patel","organisation":"","profession":"","email":"","mailing_list":false,"may_contact":false,"forgotten":false}
{"type":"checkin","gid":"KU-4","changed":4,"created":1767000004,"event":"KU-1","member":"KU-2","role":"","undone":false}
{"type":"checkin","gid":"KU-5","changed":6,"created":1767000005,"event":"KU-1","member":"KU-3","role":"","undone":true}
JSONL
"$COP_SYNC_GEN" --kiosk KU --batch 1 --records one.jsonl --version 10 --text one.txt >/dev/null ||
	die "batch 1 not encoded"
printf '%s\n' '{"type":"checkin","gid":"KU-5","changed":7,"created":1767000007,"event":"KU-1","member":"KU-3","role":"","undone":false}' >two.jsonl
"$COP_SYNC_GEN" --kiosk KU --batch 2 --records two.jsonl --version 10 --text two.txt >/dev/null ||
	die "batch 2 not encoded"
for engine in $ENGINES; do
	use_engine "$engine"
	a=$(archive a)
	"$COP_SYNC" import --archive "$a" one.txt >/dev/null 2>&1 || die "batch 1 not imported"
	[ "$(archive_sql "$a" "SELECT count(*) FROM records WHERE type = 'checkin'")" = 2 ] ||
		die "the undone check-in was not kept"
	"$COP_SYNC" export --archive "$a" --format csv >att.csv || die "csv export failed"
	[ "$(($(wc -l <att.csv) - 1))" -eq 1 ] || die "the undone check-in is listed: $(cat att.csv)"
	grep -q '^Siân,' att.csv || die "the standing check-in is missing: $(cat att.csv)"
	grep -q '^Ravi,' att.csv && die "the undone check-in is listed"
	"$COP_SYNC" export --archive "$a" --format markdown >report.md || die "markdown export failed"
	grep -q '^1 checked in, from 1 organisation\.$' report.md || die "markdown counts the undone: $(cat report.md)"

	# Checked in again later: the same record, changed, counts again.
	"$COP_SYNC" import --archive "$a" two.txt >/dev/null 2>&1 || die "batch 2 not imported"
	"$COP_SYNC" export --archive "$a" --format csv >att.csv || die "csv export failed"
	[ "$(($(wc -l <att.csv) - 1))" -eq 2 ] || die "the revived check-in is not listed: $(cat att.csv)"
done
