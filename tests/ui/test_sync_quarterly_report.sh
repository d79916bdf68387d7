# The quarterly report from the archive: the review fixture's four events of
# 2026 go through the QR loop into cop-sync's archive, and `cop-sync report`
# gives 2026Q4's events, attendees and mailing list, each with its change since
# 2026Q3, as the kiosk's own database counts them; a bad quarter is refused.
# On each engine.
. "$TESTS/ui/lib.sh"
. "$TESTS/ui/pg.sh"
"$MAKE_FIXTURE" "$DB" >/dev/null || die "make_fixture failed"
"$KIOSK" frames --db "$DB" --out loop >out || die "frames failed: $(cat out)"
for f in loop/*.png; do zbarimg --raw -q "$f" 2>/dev/null; done >read.txt

# Expected figures, from the kiosk's database.
attended() { # FROM TO: standing check-ins at events starting in [FROM, TO)
	sqlite3 "$DB" "select count(*) from checkins c join events e on e.id = c.event_id
		where c.undone = 0 and e.starts >= '$1' and e.starts < '$2'"
}
listed() { # END: distinct opted-in addresses of members made before END
	sqlite3 "$DB" "select count(distinct lower(trim(email))) from members
		where mailing_list = 1 and forgotten = 0 and trim(email) <> ''
		and created_at < unixepoch('$1', 'utc')"
}
change() { # NOW BEFORE
	if [ "$1" -eq "$2" ]; then echo "no change since 2026Q3"; else printf '%+d since 2026Q3\n' $(($1 - $2)); fi
}
q4=$(attended 2026-10-01 2027-01-01)
q3=$(attended 2026-07-01 2026-10-01)
[ "$q4" = 200 ] || die "the fixture has $q4 check-ins in 2026Q4, not 200"
people4=$(listed 2027-01-01)
people3=$(listed 2026-10-01)

for engine in $ENGINES; do
	use_engine "$engine"
	a=$(archive a)
	"$COP_SYNC" import --archive "$a" read.txt >imported 2>err || die "import failed: $(tail -3 err)"
	"$COP_SYNC" report --archive "$a" --quarter 2026Q4 >report 2>err || die "report failed: $(cat err)"
	grep -q '^Quarterly measures for 2026Q4' report || die "no heading: $(cat report)"
	grep -Eq "^Events: +1  \(no change since 2026Q3\)$" report || die "not 1 event: $(cat report)"
	grep -Fq "Attendees at those events:   200  ($(change "$q4" "$q3"))" report ||
		die "not 200 attendees, $(change "$q4" "$q3"): $(cat report)"
	grep -Fq "People on the mailing list:  $people4  ($(change "$people4" "$people3"))" report ||
		die "not $people4 people on the list: $(cat report)"
	grep -q '^Organisations among them: .*since 2026Q3)$' report || die "no organisations: $(cat report)"

	# Without --quarter: the newest event's quarter, which is 2026Q4.
	"$COP_SYNC" report --archive "$a" >default 2>err || die "report without --quarter failed: $(cat err)"
	cmp -s report default || die "the default quarter is not 2026Q4: $(head -1 default)"
	cp report "report.$engine"

	status=0
	"$COP_SYNC" report --archive "$a" --quarter 2026Q5 >out 2>err || status=$?
	[ "$status" -eq 1 ] || die "--quarter 2026Q5 exited $status, not 1"
	[ "$(wc -l <err)" -eq 1 ] && grep -q 'bad quarter 2026Q5' err || die "not one line on stderr: $(cat err)"
	[ ! -s out ] || die "a bad quarter still printed a report"

	# An empty archive says so and succeeds.
	empty=$(archive empty)
	"$COP_SYNC" import --archive "$empty" </dev/null >/dev/null 2>&1 || true
	"$COP_SYNC" report --archive "$empty" >out 2>err || die "an empty archive failed: $(cat err)"
	grep -q 'no records yet' out || die "an empty archive printed: $(cat out)"
done
ENGINE=
cmp report.sqlite report.postgresql || die "the engines' reports differ: $(diff report.sqlite report.postgresql)"
