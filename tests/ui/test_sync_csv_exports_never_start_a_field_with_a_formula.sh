# Names typed as formulas (=HYPERLINK(...), +cmd, @SUM(1), -2+3, a leading tab
# or CR) reach a spreadsheet from cop-sync's CSVs as text: both the
# attendance CSV and the Mailchimp list put an apostrophe in front, as the
# kiosk's own CSV does. Read back with a CSV reader: no field starts with a
# formula character. On each engine.
. "$TESTS/ui/lib.sh"
. "$TESTS/ui/pg.sh"
cat >records.jsonl <<'EOF'
{"type":"event","gid":"KF-1","changed":1,"created":1767000001,"title":"Formula night","starts":"2026-03-10 10:00","venue":"Room 1","community":"CoP","roles":false}
{"type":"member","gid":"KF-2","changed":2,"created":1767000002,"first_name":"=HYPERLINK(\"http://evil.example\",\"Click\")","last_name":"+cmd|' /C calc'!A0","organisation":"@SUM(1)","profession":"-2+3","email":"one@example.org","mailing_list":true,"may_contact":false,"forgotten":false}
{"type":"member","gid":"KF-3","changed":3,"created":1767000003,"first_name":"\tTab","last_name":"\rReturn","organisation":"=1+1","profession":"Nurse","email":"two@example.org","mailing_list":true,"may_contact":false,"forgotten":false}
{"type":"member","gid":"KF-4","changed":4,"created":1767000004,"first_name":"Plain","last_name":"Name, \"Jr\"","organisation":"NHS","profession":"Doctor","email":"three@example.org","mailing_list":true,"may_contact":false,"forgotten":false}
{"type":"checkin","gid":"KF-5","changed":5,"created":1767000005,"event":"KF-1","member":"KF-2","role":"=role"}
{"type":"checkin","gid":"KF-6","changed":6,"created":1767000006,"event":"KF-1","member":"KF-3","role":""}
{"type":"checkin","gid":"KF-7","changed":7,"created":1767000007,"event":"KF-1","member":"KF-4","role":""}
EOF
"$COP_SYNC_GEN" --kiosk KF --batch 1 --records records.jsonl --text a.txt >/dev/null || die "no frames made"
for engine in $ENGINES; do
	use_engine "$engine"
	x=$(archive x)
	"$COP_SYNC" import --archive "$x" a.txt >/dev/null 2>&1 || die "the batch was not imported"
	"$COP_SYNC" export --archive "$x" --format mailchimp >list.csv || die "mailchimp export failed"
	"$COP_SYNC" export --archive "$x" --format csv >att.csv || die "csv export failed"
	[ "$(head -n 1 list.csv | tr -d '\r')" = '"Email Address","First Name","Last Name","Organisation","Profession"' ] ||
		die "mailchimp header: $(head -n 1 list.csv)"
	python3 - list.csv att.csv <<'PY' || die "a field starts with a formula"
import csv, sys
for path, rows in (("list.csv", 4), ("att.csv", 4)):
    with open(path, newline="", encoding="utf-8") as f:
        got = list(csv.reader(f))
    assert len(got) == rows, (path, got)
    for row in got[1:]:
        for field in row:
            assert not field or field[0] not in "=+-@\t\r", (path, field)
    flat = [x for row in got for x in row]
    if path == "list.csv":
        assert "'=HYPERLINK(\"http://evil.example\",\"Click\")" in flat, flat
        assert "'+cmd|' /C calc'!A0" in flat and "'@SUM(1)" in flat and "'-2+3" in flat, flat
        assert "'\tTab" in flat and "'\rReturn" in flat and "'=1+1" in flat, flat
        assert 'Name, "Jr"' in flat and "Plain" in flat, flat
    else:
        assert "'=role" in flat and "'=HYPERLINK(\"http://evil.example\",\"Click\")" in flat, flat
PY
done
