# Start-up beside other programs. A kiosk started while another process holds
# the data file's write lock for longer than the kiosk waits (2 s) starts
# anyway, and one whose new data file cannot be set up yet tries again until
# the lock is let go, then carries on. A -wal left beside the data file by
# another data file is not merged into it: the kiosk refuses and says so,
# and changes neither file.
. "$TESTS/ui/lib.sh"
demo_db

# hold FILE SECONDS — holds FILE's write lock for SECONDS, in the background.
hold() {
	{
		echo "BEGIN IMMEDIATE;"
		sleep "$2"
		echo "COMMIT;"
	} | sqlite3 "$1" &
	sleeper=$!
	sleep 0.5 # taken before the kiosk starts
}

hold "$DB" 4
kiosk --script - >out 2>err <<EOF || die "the kiosk did not start beside a held lock: $(tail -3 out) $(cat err)"
expect "Check in"
EOF
grep -q "was not saved" out err && die "the kiosk's id was said not saved: $(cat err)"
wait "$sleeper"

# A new data file another process has just made and holds: the kiosk says
# so, tries again while it is held (in vain), and opens the file once it is
# let go. The script waits on the kiosk's clock; the lock is let go in real
# time, between the script's lines.
hold new.db 3
mkfifo script
"$KIOSK" --db new.db --script script >out 2>err &
pid=$!
exec 3>script
printf 'expect "Another program is using the data file"\nwait 1000\nexpect "Another program is using"\n' >&3
i=0
until grep -q '^ok 3$' out; do
	i=$((i + 1))
	[ "$i" -lt 100 ] || die "the kiosk did not start on a held file: $(cat out err)"
	sleep 0.1
done
wait "$sleeper"
printf 'wait 2000\nexpect "Facilitator"\nquit\n' >&3
exec 3>&-
wait "$pid" || die "the kiosk did not carry on once the lock was let go: $(tail -3 out) $(cat err)"
grep -q "free again and open" err || die "stderr does not say the file was opened in the end: $(cat err)"
[ "$(sqlite3 new.db "SELECT length(value) FROM settings WHERE key = 'kiosk_id'")" = 16 ] ||
	die "the new data file has no kiosk id"

# Another kiosk's data file, with records in its WAL: its -wal put beside ours.
echo quit | "$KIOSK" --db other.db --demo --script - >/dev/null
sqlite3 other.db ".dbconfig no_ckpt_on_close on" \
	"UPDATE settings SET value = value + 1 WHERE key = 'seq'" >/dev/null
[ -s other.db-wal ] || die "the other data file has no WAL to leave behind"
rm -f "$DB-wal" "$DB-shm"
cp other.db-wal "$DB-wal"
cp "$DB" before.db
cp "$DB-wal" before.wal
kiosk --script - >out 2>err <<EOF || die "the kiosk failed on a stranger's WAL: $(tail -3 out) $(cat err)"
expect "This kiosk cannot use its data file"
expect "belongs to another data file"
shot wal.png
EOF
grep -q "belongs to another data file" err || die "stderr does not say why: $(cat err)"
cmp -s "$DB" before.db || die "the data file was changed"
cmp -s "$DB-wal" before.wal || die "the stranger's WAL was changed or merged"
