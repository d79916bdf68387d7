# cop-kiosk export: the current event's attendance as CSV a spreadsheet cannot
# run as formulas, every record as JSON; written whole or not at all; one-line
# errors with exit 1.
. "$TESTS/ui/lib.sh"
"$MAKE_FIXTURE" "$DB" >/dev/null || die "no fixture"
sqlite3 "$DB" "UPDATE members SET first_name = '=cmd|'' /C calc''!A0', last_name = 'Doe, \"Jr\"'
	WHERE id = (SELECT member_id FROM checkins WHERE undone = 0 AND event_id =
		(SELECT value FROM settings WHERE key = 'current_event') ORDER BY changed_seq LIMIT 1)"
"$KIOSK" --help | grep -q "cop-kiosk export --db PATH --format csv|json --out FILE" || die "--help lacks export"

"$KIOSK" export --db "$DB" --format csv --out att.csv >out || die "csv export failed"
grep -q 'Exported the attendance to att.csv' out || die "no confirmation: $(cat out)"
[ ! -e att.csv.tmp ] || die "the temporary file was left"
[ "$(head -n 1 att.csv)" = "$(printf 'First name,Last name,Organisation,Profession,Checked in at,Role,Newcomer\r')" ] ||
	die "csv header: $(head -n 1 att.csv)"
here=$(sqlite3 "$DB" "SELECT count(*) FROM checkins WHERE undone = 0 AND event_id = (SELECT value FROM settings WHERE key = 'current_event')")
[ "$here" = 200 ] || die "the fixture has $here check-ins"
[ "$(($(wc -l <att.csv) - 1))" -eq "$here" ] || die "csv rows differ from check-ins: $(wc -l <att.csv)"
[ "$(grep -c ',Yes.$' att.csv)" = 40 ] || die "newcomers: $(grep -c ',Yes.$' att.csv)"
sed -n 2p att.csv | grep -q "^'=cmd|' /C calc'!A0,\"Doe, \"\"Jr\"\"\"," ||
	die "the formula is not neutralised: $(sed -n 2p att.csv)"
grep -q '^=' att.csv && die "a field starts with ="

"$KIOSK" export --db "$DB" --format json --out all.json >/dev/null || die "json export failed"
if command -v python3 >/dev/null 2>&1; then
	python3 -c 'import json, sys
d = json.load(open("all.json", encoding="utf-8"))
assert len(d["checkins"]) == int(sys.argv[1]), len(d["checkins"])
assert len(d["events"]) == 4 and len(d["responses"]) == int(sys.argv[2])
assert any(m["first_name"].startswith("=cmd") for m in d["members"])
assert any(c["undone"] for c in d["checkins"])' \
		"$(sqlite3 "$DB" 'SELECT count(*) FROM checkins')" "$(sqlite3 "$DB" 'SELECT count(*) FROM responses')" ||
		die "the JSON export is not what the store holds"
fi
[ "$(sqlite3 :memory: "SELECT json_valid(CAST(readfile('all.json') AS TEXT))" 2>/dev/null || echo 1)" = 1 ] ||
	die "the JSON export is not valid JSON"

expect_fail() { # expect_fail WHAT COMMAND... — exit 1 with one line on stderr
	what=$1
	shift
	status=0
	"$@" >/dev/null 2>err </dev/null || status=$?
	[ "$status" -eq 1 ] || die "$what: exit $status"
	[ "$(wc -l <err)" -eq 1 ] || die "$what: not one line: $(cat err)"
}
expect_fail "unknown format" "$KIOSK" export --db "$DB" --format xlsx --out x
expect_fail "no format" "$KIOSK" export --db "$DB" --out x
expect_fail "no out" "$KIOSK" export --db "$DB" --format csv
expect_fail "no db" "$KIOSK" export --format csv --out x
expect_fail "unknown option" "$KIOSK" export --db "$DB" --format csv --out x --fast
expect_fail "missing value" "$KIOSK" export --db "$DB" --format
expect_fail "no such data file" "$KIOSK" export --db nowhere.db --format csv --out x
[ ! -e nowhere.db ] || die "export created a data file"
expect_fail "unwritable folder" "$KIOSK" export --db "$DB" --format csv --out no/such/dir/att.csv
[ ! -e x ] && [ ! -e x.tmp ] || die "a failed export left a file"

# No current event: nothing is written, the old file stays.
sqlite3 "$DB" "DELETE FROM settings WHERE key = 'current_event'"
expect_fail "no current event" "$KIOSK" export --db "$DB" --format csv --out att.csv
grep -q 'current event' err || die "no current event message: $(cat err)"
[ "$(($(wc -l <att.csv) - 1))" -eq "$here" ] || die "the earlier export was overwritten"
[ ! -e att.csv.tmp ] || die "the temporary file was left"
