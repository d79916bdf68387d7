# Two kiosks' batches merge side by side; an encrypted one needs the archive's
# key; every export format starts with its expected header line.
. "$TESTS/ui/lib.sh"
"$COP_SYNC" keygen --out arc >/dev/null || die "keygen failed"
[ "$(wc -c <arc.pub)" -eq 65 ] && [ "$(wc -c <arc.key)" -eq 65 ] || die "keys are not 64 hex digits"
[ "$(stat -c %a arc.key)" = 600 ] || die "the secret key is readable by others"
"$COP_SYNC" keygen --out arc >/dev/null 2>&1 && die "keygen overwrote a key"
"$COP_SYNC_GEN" --kiosk KA --batch 1 --members 12 --version 15 --text a.txt >/dev/null
"$COP_SYNC_GEN" --kiosk KB --batch 1 --members 9 --version 15 --pub arc.pub --text b.txt --write-records b.jsonl >/dev/null
grep -q 'member' b.jsonl || die "no records made"
cut -c1-200 b.txt | grep -qi 'member' && die "the sealed frames show records"
"$COP_SYNC" import --archive x.db a.txt >/dev/null 2>&1 || die "kiosk A not imported"
set +e
"$COP_SYNC" import --archive x.db b.txt >out.txt 2>err.txt
rc=$?
set -e
[ "$rc" -eq 1 ] || die "a sealed batch without the key: exit $rc, expected 1"
grep -q 'encrypted: give the archive.s key with --key' err.txt || die "no key message: $(cat err.txt)"
"$COP_SYNC" import --archive x.db --key arc.key b.txt >out.txt 2>/dev/null || die "kiosk B not imported with the key"
grep -q 'from kiosk KB' out.txt || die "kiosk B: $(cat out.txt)"
[ "$(sqlite3 x.db "SELECT count(DISTINCT kiosk) FROM records")" -eq 2 ] || die "kiosks not merged"
"$COP_SYNC" export --archive x.db --format csv >att.csv
[ "$(head -n 1 att.csv | tr -d '\r')" = 'First name,Last name,Organisation,Profession,Checked in at,Role,Newcomer' ] ||
	die "csv header: $(head -n 1 att.csv)"
# The attendance CSV is one event's (the kiosk's form); over every event, every
# standing check-in is listed once.
rows=0
for ev in $(sqlite3 x.db "SELECT gid FROM records WHERE type = 'event'"); do
	"$COP_SYNC" export --archive x.db --format csv --event "$ev" >att.csv || die "csv of $ev failed"
	rows=$((rows + $(wc -l <att.csv) - 1))
done
checkins=$(sqlite3 x.db "SELECT count(*) FROM records WHERE type = 'checkin' AND NOT coalesce(body ->> 'undone', 0)")
[ "$rows" -eq "$checkins" ] || die "csv rows ($rows) differ from check-ins ($checkins)"
"$COP_SYNC" export --archive x.db --format mailchimp >list.csv
[ "$(head -n 1 list.csv | tr -d '\r')" = '"Email Address","First Name","Last Name","Organisation","Profession"' ] ||
	die "mailchimp header: $(head -n 1 list.csv)"
opted=$(sqlite3 x.db "SELECT count(DISTINCT lower(body ->> 'email')) FROM records WHERE type = 'member' AND body ->> 'mailing_list' = 1 AND body ->> 'email' <> ''")
[ "$(($(wc -l <list.csv) - 1))" -eq "$opted" ] || die "mailing list holds others than the opted-in"
"$COP_SYNC" export --archive x.db --format markdown >report.md
[ "$(head -n 1 report.md)" = '# Community of practice: events' ] || die "markdown header: $(head -n 1 report.md)"
grep -q '^## Attendance$' report.md && grep -q '^### Going well$' report.md && grep -q '^## Reflections$' report.md ||
	die "markdown sections missing"
"$COP_SYNC" export --archive x.db --format json >all.json
[ "$(head -n 1 all.json)" = '{"records":[' ] || die "json header: $(head -n 1 all.json)"
[ "$(sqlite3 :memory: "SELECT json_array_length(json(readfile('all.json')), '\$.records')" 2>/dev/null || echo skip)" != 0 ] ||
	die "json has no records"
