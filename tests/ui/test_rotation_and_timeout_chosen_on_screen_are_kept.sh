# The facilitator turns the picture and sets the inactivity timeout on the
# "Kiosk settings" screen: the turn shows at once (the header moves to the
# panel's right edge at 90°), touch follows it, both are kept in the data file
# for the next start, and --rotate or the settings file wins over them and
# says so.
. "$TESTS/ui/lib.sh"
demo_db

# chosen DUMP LABEL — fails unless the choice LABEL is marked in DUMP.
chosen() {
	grep -q "\"text\":\"$2\",\"value\":\"chosen\"" "$1" || die "$2 is not marked in $1: $(grep '"value"' "$1")"
}
# upright FILE / turned FILE — where the blue header bar is on the 800x480
# panel: along the top, or (turned 90°) down the right edge.
upright() {
	[ "$(png_pixel "$1" 400 5)" = 005eb8 ] && [ "$(png_pixel "$1" 794 240)" != 005eb8 ] ||
		die "$1 is not upright"
}
turned() {
	[ "$(png_pixel "$1" 794 240)" = 005eb8 ] && [ "$(png_pixel "$1" 400 5)" != 005eb8 ] ||
		die "$1 is not turned 90°"
}
# portrait DUMP — every widget within a 480-wide screen, and some below 480.
portrait() {
	awk -F'[:,}]' '/^\{/ { for (i = 1; i < NF; i++) v[$i] = $(i + 1)
		if (v["\"x\""] + v["\"w\""] > 480) bad = 1
		if (v["\"y\""] + v["\"h\""] > b) b = v["\"y\""] + v["\"h\""] }
		END { exit bad || b <= 480 }' "$1" || die "the layout in $1 is not 480x800"
}
# output_of FILE N — what line N of a script printed (its dump).
output_of() {
	awk -v n="$2" '$0 == "ok " n - 1 { on = 1; next } $0 == "ok " n { exit } on' "$1"
}

# Upright at first; 90° turns the picture at once; "2 min" is kept.
{
	unlock
	cat <<-EOF
	tap "Kiosk settings"
	expect "Turn the picture clockwise"
	shot first.png
	dump
	tap "90°"
	shot turned.png
	dump
	tap "2 min"
	EOF
} | kiosk --size 800x480 --script - >first || die "choosing failed: $(cat first)"
output_of first 11 >before
output_of first 14 >turned.dump
chosen before "0°"
chosen before "45 s"
chosen turned.dump "90°"
upright first.png
turned turned.png
portrait turned.dump
[ "$(png_size turned.png)" = 800x480 ] || die "the shot is not the panel: $(png_size turned.png)"
[ "$(setting rotate_deg)" = 90 ] || die "the turn was not stored: '$(setting rotate_deg)'"
[ "$(setting inactivity_s)" = 120 ] || die "the timeout was not stored: '$(setting inactivity_s)'"

# Where the panel shows "0°" at 90°: a finger there turns the picture back.
set -- $(grep '"text":"0°"' turned.dump | sed 's/.*"x":\([0-9]*\),"y":\([0-9]*\),"w":\([0-9]*\),"h":\([0-9]*\).*/\1 \2 \3 \4/')
[ $# -eq 4 ] || die "no 0° choice when turned"
x=$(($1 + $3 / 2)) y=$(($2 + $4 / 2))
px=$((799 - y)) py=$x

# The next start is turned and waits 2 minutes, from the data file alone.
{
	printf 'shot home.png\ndump\n'
	unlock
	cat <<-EOF
	tap "Kiosk settings"
	shot settings.png
	dump
	touch $px $py
	shot back.png
	dump
	tap "90°"
	tap "Back"
	tap "Lock"
	tap "Post-it"
	wait 100000
	expect "Going well"
	wait 21000
	expect "Check in"
	EOF
} | kiosk --size 800x480 --script - >again || die "the next start failed: $(cat again)"
output_of again 2 >home.dump
output_of again 12 >settings.dump
output_of again 15 >back.dump
portrait home.dump
turned settings.png
chosen settings.dump "90°"
chosen settings.dump "2 min"
chosen back.dump "0°"
upright back.png
[ "$(setting rotate_deg)" = 90 ] || die "turning back and again did not leave 90: '$(setting rotate_deg)'"

# --rotate 0 wins over the stored 90, and the screen says why it has no choices.
{
	unlock
	cat <<-EOF
	tap "Kiosk settings"
	shot cli.png
	expect "Fixed at 0° by the command line (--rotate): change it there."
	dump
	EOF
} | kiosk --size 800x480 --rotate 0 --script - >cli || die "--rotate 0 failed: $(cat cli)"
upright cli.png
grep -q '"text":"90°"' cli && die "the turn can still be chosen under --rotate"
[ "$(setting rotate_deg)" = 90 ] || die "--rotate changed the stored turn"

# The settings file's timeout wins in the same way.
printf '[kiosk]\ninactivity_seconds = 90\n' >kiosk.conf
{
	unlock
	printf 'tap "Kiosk settings"\nexpect "Fixed at 90 s by kiosk.conf: change it there."\n'
} | kiosk --config kiosk.conf --size 800x480 --script - >conf || die "the settings file's timeout: $(cat conf)"
exit 0
