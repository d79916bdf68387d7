# lib: shared helpers for the UI tests, which run the real kiosk headless
# through its script driver in a fresh directory. Sourced by tests/ui/test_*.sh.
set -eu

DB=kiosk.db

die() {
	echo "FAILED: $*" >&2
	exit 1
}

# kiosk ARGS... — runs the kiosk on $DB with a script on stdin.
kiosk() {
	"$KIOSK" --db "$DB" "$@"
}

# demo_db — a database with the demo event and PIN 1234.
demo_db() {
	echo quit | kiosk --demo --script - >/dev/null
}

# unlock — script lines that open facilitator mode with the demo PIN.
unlock() {
	printf 'tap "Facilitator"\ntap "1"\ntap "2"\ntap "3"\ntap "4"\ntap "OK"\nexpect "Current event"\n'
}

# field_text FILE — the text of the first field in a dump.
field_text() {
	grep '"role":"field"' "$1" | head -n 1 | sed 's/.*"text":"\(.*\)","x".*/\1/'
}

# png_size FILE — "WxH" read from the PNG header.
png_size() {
	[ "$(head -c 8 "$1" | od -An -tx1 | tr -d ' \n')" = 89504e470d0a1a0a ] || die "$1 is not a PNG"
	w=$(od -An -tu1 -j16 -N4 "$1" | awk '{print $1*16777216 + $2*65536 + $3*256 + $4}')
	h=$(od -An -tu1 -j20 -N4 "$1" | awk '{print $1*16777216 + $2*65536 + $3*256 + $4}')
	echo "${w}x${h}"
}
