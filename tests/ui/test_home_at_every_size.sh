# The home screen at 800x480, 1280x720, 1920x1080 and 720x1280 shows the event
# and the three actions, every widget on screen, tappable ones at least 48 px,
# no two tappable widgets overlapping, and a screenshot of exactly that size.
. "$TESTS/ui/lib.sh"
demo_db
# "Reflect" shows while a reflection runs: start one.
{ unlock; printf 'tap "Reflections"\ntap "How valuable was this session for your time?"\ntap "Start now"\n'; } |
	kiosk --size 720x1280 --script - >/dev/null || die "could not start a reflection"
for size in 800x480 1280x720 1920x1080 720x1280; do
	kiosk --size "$size" --script - >"out-$size" <<-EOF
	expect "Check in"
	expect "Post-it"
	expect "Reflect"
	expect "Facilitator"
	expect "Frailty Community of Practice: Autumn meeting"
	expect "No one has checked in yet"
	shot home-$size.png
	dump
	EOF
	[ "$(png_size "home-$size.png")" = "$size" ] || die "screenshot at $size is $(png_size "home-$size.png")"
	w=${size%x*} h=${size#*x}
	grep '^{' "out-$size" | awk -v W="$w" -v H="$h" -F'[:,}]' '
		{ for (i = 1; i < NF; i++) v[$i] = $(i + 1)
		  x = v["\"x\""]; y = v["\"y\""]; ww = v["\"w\""]; hh = v["\"h\""]
		  if (x < 0 || y < 0 || x + ww > W || y + hh > H) { print "off screen: " $0; bad = 1 }
		  if ($0 ~ /"role":"button"/) {
		      if (ww < 48 || hh < 48) { print "too small to tap: " $0; bad = 1 }
		      for (j = 0; j < n; j++)
		          if (x < bx[j] + bw[j] && bx[j] < x + ww && y < by[j] + bh[j] && by[j] < y + hh) {
		              print "overlap: " $0; bad = 1 }
		      bx[n] = x; by[n] = y; bw[n] = ww; bh[n] = hh; n++
		  } }
		END { exit bad }' || die "layout problems at $size"
done
