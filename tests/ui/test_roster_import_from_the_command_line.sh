# cop-kiosk roster import: a summary on stdout, each unusable row by its line
# on stderr, exit 0 when the file was read; exit 1 with one line on stderr when
# the file as a whole cannot be used; importing the same file again adds nobody.
. "$TESTS/ui/lib.sh"
demo_db

# An Eventbrite export: BOM, CRLF, every field quoted, a line break in one.
{
	printf '\357\273\277"Order #","Order Date","First Name","Last Name","Email","Quantity",'
	printf '"Ticket Type","Attendee #","Company","Job Title"\r\n'
	printf '"1001","2026-10-01","Siân","Ó Dálaigh","sian@wales.nhs.uk","1",'
	printf '"General Admission","2001","Betsi Cadwaladr UHB","Staff Nurse"\r\n'
	printf '"1002","2026-10-01","Patrick","O'\''Neil","p.oneil@hse.ie","1",'
	printf '"General Admission","2002","HSE, Dublin\r\nNorth East","Pharmacist"\r\n'
	printf '"1003","2026-10-02","Kwame","Mensah","kwame.nhs.net","1",'
	printf '"General Admission","2003","Leeds Teaching Hospitals",""\r\n'
	printf '"1004","2026-10-02","","Nobody","x@nhs.net","1",'
	printf '"General Admission","2004","",""\r\n'
} >roster.csv

"$KIOSK" roster import --db "$DB" roster.csv >out 2>err || die "import failed: $(cat err)"
[ "$(cat out)" = "Imported 2 new members; 2 rows could not be used." ] || die "summary: $(cat out)"
[ "$(sed -n 1p err)" = 'line 5: the email address "kwame.nhs.net" does not look right (it needs one @ and a domain like nhs.net)' ] ||
	die "bad email row: $(cat err)"
[ "$(sed -n 2p err)" = "line 6: there is no first name" ] || die "row without a first name: $(cat err)"
[ "$(wc -l <err)" -eq 2 ] || die "stderr: $(cat err)"

# Again: nothing new, the same rows reported.
"$KIOSK" roster import --db "$DB" roster.csv >out 2>err || die "re-import failed: $(cat err)"
[ "$(cat out)" = "Imported 0 new members; 2 were already known; 2 rows could not be used." ] ||
	die "re-import summary: $(cat out)"

expect_fail() { # expect_fail WHAT PATTERN COMMAND... — exit 1, one line on stderr matching PATTERN
	what=$1 pattern=$2
	shift 2
	status=0
	"$@" >out 2>err </dev/null || status=$?
	[ "$status" -eq 1 ] || die "$what: exit $status"
	[ "$(wc -l <err)" -eq 1 ] || die "$what: not one line: $(cat err)"
	grep -q "$pattern" err || die "$what: $(cat err)"
	[ ! -s out ] || die "$what: printed $(cat out)"
}
expect_fail "missing file" "cannot read no-such.csv" "$KIOSK" roster import --db "$DB" no-such.csv
printf 'First Name,Last Name\nSi\342n,Jones\n' >latin1.csv
expect_fail "Latin-1 file" "UTF-8" "$KIOSK" roster import --db "$DB" latin1.csv
printf 'Surname,Email\nLee,ann@nhs.net\n' >nofirst.csv
expect_fail "no first-name column" "no column of first names" "$KIOSK" roster import --db "$DB" nofirst.csv
expect_fail "no file named" "which file" "$KIOSK" roster import --db "$DB"
expect_fail "no database" "db PATH is required" "$KIOSK" roster import roster.csv
expect_fail "unknown option" "unknown option" "$KIOSK" roster import --db "$DB" --force roster.csv
"$KIOSK" --help | grep -q "cop-kiosk roster import" || die "--help lacks roster import"
