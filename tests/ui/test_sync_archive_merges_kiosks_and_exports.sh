# Two kiosks' batches merge side by side; an encrypted one needs the archive's
# key; every export format starts with its expected header line; on each engine.
. "$TESTS/ui/lib.sh"
. "$TESTS/ui/pg.sh"
"$COP_SYNC" keygen --out arc >/dev/null || die "keygen failed"
[ "$(wc -c <arc.pub)" -eq 65 ] && [ "$(wc -c <arc.key)" -eq 65 ] || die "keys are not 64 hex digits"
[ "$(stat -c %a arc.key)" = 600 ] || die "the secret key is readable by others"
"$COP_SYNC" keygen --out arc >/dev/null 2>&1 && die "keygen overwrote a key"
"$COP_SYNC_GEN" --kiosk KA --batch 1 --members 12 --version 15 --text a.txt --write-records a.jsonl >/dev/null
"$COP_SYNC_GEN" --kiosk KB --batch 1 --members 9 --version 15 --pub arc.pub --text b.txt --write-records b.jsonl >/dev/null
grep -q 'member' b.jsonl || die "no records made"
cut -c1-200 b.txt | grep -qi 'member' && die "the sealed frames show records"
# What the two kiosks sent: their standing check-ins, the distinct addresses
# on the mailing list, and every record.
sent() {
	python3 - "$1" a.jsonl b.jsonl <<'PY'
import json, sys
records = [json.loads(line) for path in sys.argv[2:] for line in open(path, encoding="utf-8")]
if sys.argv[1] == "checkins":
    print(sum(1 for r in records if r["type"] == "checkin" and not r.get("undone")))
elif sys.argv[1] == "opted":
    print(len({r["email"].lower() for r in records
               if r["type"] == "member" and r.get("mailing_list") is True and r.get("email")}))
else:
    print(len(records))
PY
}
checkins=$(sent checkins)
opted=$(sent opted)
[ "$checkins" -gt 0 ] && [ "$opted" -gt 0 ] || die "the kiosks sent no check-ins ($checkins) or no list ($opted)"

for engine in $ENGINES; do
	use_engine "$engine"
	x=$(archive x)
	"$COP_SYNC" import --archive "$x" a.txt >/dev/null 2>&1 || die "kiosk A not imported"
	set +e
	"$COP_SYNC" import --archive "$x" b.txt >out.txt 2>err.txt
	rc=$?
	set -e
	[ "$rc" -eq 1 ] || die "a sealed batch without the key: exit $rc, expected 1"
	grep -q 'encrypted: give the archive.s key with --key' err.txt || die "no key message: $(cat err.txt)"
	"$COP_SYNC" import --archive "$x" --key arc.key b.txt >out.txt 2>/dev/null || die "kiosk B not imported with the key"
	grep -q 'from kiosk KB' out.txt || die "kiosk B: $(cat out.txt)"
	[ "$(archive_sql "$x" "SELECT count(DISTINCT kiosk) FROM records")" -eq 2 ] || die "kiosks not merged"
	[ "$(archive_sql "$x" "SELECT count(*) FROM records")" -eq "$(sent records)" ] ||
		die "the archive holds $(archive_sql "$x" "SELECT count(*) FROM records") records, not the $(sent records) sent"
	"$COP_SYNC" export --archive "$x" --format csv >att.csv
	[ "$(head -n 1 att.csv | tr -d '\r')" = 'First name,Last name,Organisation,Profession,Checked in at,Role,Newcomer' ] ||
		die "csv header: $(head -n 1 att.csv)"
	# The attendance CSV is one event's (the kiosk's form); over every event, every
	# standing check-in is listed once.
	rows=0
	for ev in $(archive_sql "$x" "SELECT gid FROM records WHERE type = 'event'"); do
		"$COP_SYNC" export --archive "$x" --format csv --event "$ev" >att.csv || die "csv of $ev failed"
		rows=$((rows + $(wc -l <att.csv) - 1))
	done
	[ "$rows" -eq "$checkins" ] || die "csv rows ($rows) differ from check-ins ($checkins)"
	"$COP_SYNC" export --archive "$x" --format mailchimp >list.csv
	[ "$(head -n 1 list.csv | tr -d '\r')" = '"Email Address","First Name","Last Name","Organisation","Profession"' ] ||
		die "mailchimp header: $(head -n 1 list.csv)"
	[ "$(($(wc -l <list.csv) - 1))" -eq "$opted" ] || die "mailing list holds others than the opted-in"
	"$COP_SYNC" export --archive "$x" --format markdown >report.md
	[ "$(head -n 1 report.md)" = '# Community of practice: events' ] || die "markdown header: $(head -n 1 report.md)"
	grep -q '^## Attendance$' report.md && grep -q '^### Going well$' report.md && grep -q '^## Reflections$' report.md ||
		die "markdown sections missing"
	"$COP_SYNC" export --archive "$x" --format json >all.json
	[ "$(head -n 1 all.json)" = '{"records":[' ] || die "json header: $(head -n 1 all.json)"
	[ "$(python3 -c 'import json, sys; print(len(json.load(open(sys.argv[1]))["records"]))' all.json)" -eq "$(sent records)" ] ||
		die "json does not hold every record"
done
