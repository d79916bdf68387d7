# The data file deleted while the kiosk runs (a mistaken rm; a stick pulled
# is the same to the kiosk): before anything is acknowledged it notices,
# refuses the post-it with no "Thank you!", and says the file is gone; what
# it holds is kept and written back to the same path once the path can take
# it, with the post-its from before the deletion and the one stuck after.
. "$TESTS/ui/lib.sh"
demo_db
mkfifo script
kiosk --script script >out 2>err &
pid=$!
exec 3>script

# until_line N — waits for the kiosk to have run script line N.
until_line() {
	i=0
	until grep -q "^ok $1\$" out; do
		i=$((i + 1))
		[ "$i" -lt 300 ] || { kill "$pid"; die "the kiosk did not get to line $1: $(tail -3 out) $(cat err)"; }
		kill -0 "$pid" 2>/dev/null || die "the kiosk stopped before line $1: $(tail -3 out) $(cat err)"
		sleep 0.1
	done
}

cat >&3 <<EOF
tap "Post-it"
tap "Going well"
type "Before the file went"
tap "Stick it"
expect "Thank you!"
wait 3500
EOF
until_line 6
rm "$DB"
cat >&3 <<EOF
tap "Post-it"
tap "To be improved"
type "While the file is gone"
tap "Stick it"
shot gone.png
dump
EOF
until_line 12
grep -q '"text":"Thank you!"' out && die "a post-it was thanked for while the data file was gone"
grep -q 'The data file is gone' out || die "the post-it screen does not say the file is gone: $(tail -20 out)"
grep -q '"text":"While the file is gone"' out || die "the post-it was not kept on screen: $(tail -20 out)"
[ ! -e "$DB" ] || die "the data file came back before the kiosk looked again"

# A second later the kiosk looks at its path, finds room, and writes back.
cat >&3 <<EOF
wait 1100
tap "Stick it"
expect "Thank you!"
wait 3500
quit
EOF
exec 3>&-
wait "$pid" || die "the kiosk failed after the file was written back: $(tail -5 out) $(cat err)"
grep -q 'written back' err || die "stderr does not say the file was written back: $(cat err)"
[ -s "$DB" ] || die "the data file was not written back"
notes=$(sqlite3 "$DB" "SELECT group_concat(body, '|') FROM (SELECT body FROM notes ORDER BY seq)")
case $notes in
*"Before the file went|While the file is gone") ;;
*) die "the data file written back holds: $notes" ;;
esac
[ "$(sqlite3 "$DB" 'PRAGMA integrity_check')" = ok ] || die "the file written back is damaged"
[ "$(stat -c %a "$DB")" = 600 ] || die "the file written back is not private: $(stat -c %a "$DB")"
