# lib: shared helpers for the UI tests, which run the real kiosk headless
# through its script driver in a fresh directory. Sourced by tests/ui/test_*.sh.
set -eu

DB=kiosk.db

# die MESSAGE — fails the test, naming the archive's engine when it runs on
# each (pg.sh's use_engine).
die() {
	echo "FAILED: $*${ENGINE:+ (archive on $ENGINE)}" >&2
	exit 1
}

# kiosk ARGS... — runs the kiosk on $DB with a script on stdin.
kiosk() {
	"$KIOSK" --db "$DB" "$@"
}

# unprivileged CMD ARGS... — runs CMD as someone permissions apply to: as is
# when the tests do not run as root; otherwise (CI runs them as root, who
# writes anywhere) as nobody through setpriv (util-linux), after giving nobody
# this test's folder; or, if nobody cannot reach the build (a checkout under
# /root), as root without its capabilities, whom permissions bind as well.
# So a read-only file or folder is read-only to CMD.
unprivileged() {
	if [ "$(id -u)" -ne 0 ]; then
		"$@"
		return
	fi
	command -v setpriv >/dev/null || die "setpriv (util-linux) is needed to test as a user other than root"
	set -- --reuid=nobody --regid="$(id -g nobody)" --clear-groups -- "$@"
	if setpriv "$1" "$2" "$3" -- test -x "$BUILD/cop-kiosk"; then
		chown -R "nobody:$(id -g nobody)" .
		HOME=$PWD setpriv "$@"
	else
		shift 4
		setpriv --bounding-set=-all --inh-caps=-all -- "$@"
	fi
}

# demo_db — a database with the demo event and PIN 1234.
demo_db() {
	echo quit | kiosk --demo --script - >/dev/null
}

# unlock [TEXT] — script lines that open facilitator mode with the demo PIN,
# then expect TEXT there ("Current event" unless given).
unlock() {
	printf 'tap "Facilitator"\ntap "1"\ntap "2"\ntap "3"\ntap "4"\ntap "OK"\nexpect "%s"\n' "${1:-Current event}"
}

# setting KEY — the value of a setting, as the data file holds it.
setting() {
	sqlite3 "$DB" "SELECT value FROM settings WHERE key = '$1'"
}

# words LANG TEXT — the kiosk's TEXT in language LANG, from the catalogue it reads.
words() {
	TEXTDOMAINDIR="$BUILD/locale" LANGUAGE=$1 gettext -d cop-kiosk -- "$2"
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

# png_pixel FILE X Y — the colour of pixel X,Y as "rrggbb" (8-bit RGB PNGs, as
# `shot` writes them).
png_pixel() {
	python3 - "$@" <<'PY'
import struct, sys, zlib
data, x, y = open(sys.argv[1], "rb").read(), int(sys.argv[2]), int(sys.argv[3])
pos, idat = 8, b""
while pos < len(data):
    n, kind = struct.unpack(">I4s", data[pos:pos + 8])
    if kind == b"IHDR":
        w, h, depth, colour, _, _, interlace = struct.unpack(">IIBBBBB", data[pos + 8:pos + 21])
        assert (depth, colour, interlace) == (8, 2, 0), "not an 8-bit RGB PNG"
    elif kind == b"IDAT":
        idat += data[pos + 8:pos + 8 + n]
    pos += 12 + n
raw, stride, prev = zlib.decompress(idat), w * 3, bytearray(w * 3)
for row in range(y + 1):  # undo each row's filter (PNG spec, section 9)
    at = row * (stride + 1)
    kind, line = raw[at], bytearray(raw[at + 1:at + 1 + stride])
    for i in range(stride):
        a, b, c = line[i - 3] if i >= 3 else 0, prev[i], prev[i - 3] if i >= 3 else 0
        p = a + b - c
        pred = [0, a, b, (a + b) // 2,
                a if abs(p - a) <= abs(p - b) and abs(p - a) <= abs(p - c) else b if abs(p - b) <= abs(p - c) else c]
        line[i] = (line[i] + pred[kind]) & 255
    prev = line
print("%02x%02x%02x" % tuple(prev[3 * x:3 * x + 3]))
PY
}

# current_gid DB — the gid of the kiosk's current event.
current_gid() {
	sqlite3 "$1" "SELECT e.kiosk || '-' || e.seq FROM events e
		JOIN settings s ON s.key = 'current_event' AND e.id = s.value"
}

# same_csv DB ARCHIVE — the kiosk's and the archive's CSV of the event are one;
# the archive's is left in DB.archive.csv.
same_csv() {
	"$KIOSK" export --db "$1" --format csv --out "$1.csv" >/dev/null || die "kiosk export of $1 failed"
	"$COP_SYNC" export --archive "$2" --format csv --event "$(current_gid "$1")" >"$1.archive.csv" ||
		die "archive export failed"
	cmp "$1.csv" "$1.archive.csv" || die "the archive's CSV differs from $1's: $(diff "$1.csv" "$1.archive.csv")"
}

# message_covers_nothing FILE — fails unless each message ("toast") in each
# dump of FILE (dumps are parted by the script's "ok N" lines) overlaps no
# control of the same dump (button, field, item, toggle, key, link).
message_covers_nothing() {
	awk -F'"' '
	function check(   i, j) {
		for (i = 1; i <= nt; i++)
			for (j = 1; j <= nc; j++)
				if (tx[i] < cx[j] + cw[j] && cx[j] < tx[i] + tw[i] && ty[i] < cy[j] + ch[j] && cy[j] < ty[i] + th[i]) {
					print "a message covers a control: " tt[i] " over " ct[j]
					bad = 1
				}
		nt = nc = 0
	}
	/^ok / { check(); next }
	{
		role = $4
		if (!match($0, /"x":-?[0-9]+,"y":-?[0-9]+,"w":[0-9]+,"h":[0-9]+/))
			next
		split(substr($0, RSTART, RLENGTH), f, /[:,]/)
		x = f[2]; y = f[4]; w = f[6]; h = f[8]
		if (role == "toast") { nt++; tx[nt] = x; ty[nt] = y; tw[nt] = w; th[nt] = h; tt[nt] = $0 }
		else if (role ~ /^(button|field|item|toggle|key|link)$/) { nc++; cx[nc] = x; cy[nc] = y; cw[nc] = w; ch[nc] = h; ct[nc] = $0 }
	}
	END { check(); exit bad }' "$1" || die "$1: a message covers a control"
}

# screen_check SIZE FILE — fails unless the dumps of FILE (a kiosk run at
# SIZE, "800x480") show nothing cut off, shortened, overlapping, covered,
# under 48 px or off screen (tests/ui/screen_check.awk says each fault).
screen_check() {
	awk -v W="${1%x*}" -v H="${1#*x}" -f "$TESTS/ui/screen_check.awk" "$2" || die "$2: faults on screen (above)"
}
