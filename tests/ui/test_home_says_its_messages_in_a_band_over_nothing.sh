# A message on the home screen (here: the data file deleted and written back
# while the kiosk waits on it) takes a band of its own under the corner's
# buttons, as on the screens with a header bar: it covers no button and none
# of the event's words, at 800x480 and in portrait.
. "$TESTS/ui/lib.sh"

# covers_nothing FILE — fails unless the message in dump FILE overlaps no
# other widget (the title and date as much as the buttons).
covers_nothing() {
	awk -F'"' '
	{
		if (!match($0, /"x":-?[0-9]+,"y":-?[0-9]+,"w":[0-9]+,"h":[0-9]+/))
			next
		split(substr($0, RSTART, RLENGTH), f, /[:,]/)
		n++; x[n] = f[2]; y[n] = f[4]; w[n] = f[6]; h[n] = f[8]; t[n] = $0
		if ($4 == "toast") m = n
	}
	END {
		if (!m) { print "no message"; exit 1 }
		for (i = 1; i <= n; i++)
			if (i != m && x[m] < x[i] + w[i] && x[i] < x[m] + w[m] && y[m] < y[i] + h[i] && y[i] < y[m] + h[m]) {
				print "the message covers " t[i]; bad = 1
			}
		exit bad
	}' "$1" || die "$1: the message covers what is under it"
}

for size in 800x480 720x1280; do
	rm -f "$DB" script
	demo_db
	mkfifo script
	kiosk --size "$size" --script script >out 2>err &
	pid=$!
	exec 3>script
	echo 'expect "Check in"' >&3
	i=0
	until grep -q '^ok 1$' out; do
		i=$((i + 1))
		[ "$i" -lt 300 ] || { kill "$pid"; die "the kiosk did not start: $(cat err)"; }
		sleep 0.1
	done
	rm "$DB"
	printf 'wait 1100\nexpect "The data file is back"\nshot home-%s.png\ndump\nquit\n' "$size" >&3
	exec 3>&-
	wait "$pid" || die "$size: $(tail -3 out) $(cat err)"
	grep '^{' out >"dump-$size"
	covers_nothing "dump-$size"
	grep -q '"role":"button","text":"Check in"' "dump-$size" || die "$size: Check in is not on the screen"
done
