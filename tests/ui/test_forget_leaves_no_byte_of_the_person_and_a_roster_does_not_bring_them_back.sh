# "Forget" on the kiosk leaves no byte of the person's name, organisation or
# email in the data file or its WAL — looked at while the kiosk still runs
# (killed right after, so the WAL is as it was), with a sync batch already
# acknowledged and one waiting, both holding the person before the forget.
# The waiting batch can still be shown, and a later roster that lists the
# person does not bring them back.
. "$TESTS/ui/lib.sh"
demo_db
traces="Zebedee Quixotic Quixote zq.unique@example.org"
kiosk --script - >out <<'EOF' || die "the walk-in failed: $(tail -3 out)"
tap "Check in"
tap "I'm new here"
tap "First name"
type "Zebedee"
tap "Done"
tap "Last name"
type "Quixotic"
tap "Done"
tap "Organisation"
type "Quixote Trust"
tap "Done"
tap "Check me in"
expect "Welcome, Zebedee!"
EOF
# A batch acknowledged with Zebedee in it, and one waiting: he checks in
# at the next event too.
"$KIOSK" frames --db "$DB" --out one >/dev/null || die "no first batch"
sqlite3 "$DB" "UPDATE sync_batches SET acked_at = created_at"
"$KIOSK" event new --db "$DB" --title "Winter meeting" >/dev/null || die "no second event"
kiosk --script - >out <<'EOF' || die "the second check-in failed: $(tail -3 out)"
tap "Check in"
type "zeb"
tap "Zebedee Quixotic"
tap "Yes, that's me"
expect "Zebedee"
EOF
"$KIOSK" frames --db "$DB" --out two >/dev/null || die "no second batch"
[ "$(sqlite3 "$DB" "SELECT count(*) FROM sync_batches WHERE records LIKE '%Quixotic%'")" = 2 ] ||
	die "the batches do not hold the member (the test would see nothing)"

# Forget, then kill the kiosk while it waits for more script.
mkfifo script
kiosk --script - <script >out 2>&1 &
pid=$!
exec 3>script
{
	unlock
	cat <<-'EOF'
	tap "Who is here"
	tap "Zebedee Quixotic"
	tap "Forget"
	tap "Forget"
	expect "Forgotten"
	EOF
} >&3
lines=$(unlock | wc -l)
lines=$((lines + 5))
i=0
until grep -q "^ok $lines\$" out; do
	i=$((i + 1))
	if [ "$i" -ge 600 ] || ! kill -0 "$pid" 2>/dev/null; then
		kill -9 "$pid" 2>/dev/null
		die "the forget did not finish: $(tail -3 out)"
	fi
	sleep 0.1
done
for f in "$DB" "$DB-wal" "$DB-shm"; do
	[ -f "$f" ] || continue
	for t in $traces; do
		grep -a -q -F "$t" "$f" && { kill -9 "$pid"; die "$t is still in $f"; }
	done
done
kill -9 "$pid"
wait "$pid" 2>/dev/null || true
exec 3>&-
[ -f "$DB-wal" ] || die "no WAL was left to look at"

# The batches keep their records, the member as forgotten; the waiting one shows.
[ "$(sqlite3 "$DB" "SELECT count(*) FROM sync_batches WHERE records LIKE '%\"forgotten\":true%'")" = 2 ] ||
	die "the batches do not say the member is forgotten"
{
	unlock
	printf 'tap "Sync"\nexpect "1 / "\n'
} | kiosk --script - >out || die "the waiting batch cannot be shown: $(tail -3 out)"

# A roster listing Zebedee leaves him out, and says so.
printf 'First Name,Last Name,Company,Email\nZebedee,Quixotic,Quixote Trust,\nNew,Person,NHS,new@nhs.net\n' >roster.csv
"$KIOSK" roster import --db "$DB" roster.csv >out || die "the roster import failed"
grep -q "1 was left out: forgotten at their request" out || die "the import did not say: $(cat out)"
[ "$(sqlite3 "$DB" "SELECT count(*) FROM members WHERE first_name = 'Zebedee'")" = 0 ] ||
	die "the roster brought the forgotten member back"
for t in $traces; do
	grep -a -q -F "$t" "$DB" && die "$t is in the data file after the import"
done
exit 0
