# What goes wrong is said where a person sees it. Reflect's message ("Please
# write your answer first.", a refused answer) has room at every size, for
# written and face prompts. A full disk (here a file size limit, which fails
# writes as a full disk does: no room to grow) is called full at start, not
# "disk error"; on the Sync screen it is not "Everything is synced" while
# records wait. A list that cannot be read says so in a toast instead of
# showing nothing.
. "$TESTS/ui/lib.sh"

# seen FILE TEXT — TEXT is a label in dump FILE with a height, not cut off.
seen() {
	line=$(grep '"role":"label"' "$1" | grep -F "\"text\":\"$2\"" | tail -n 1)
	[ -n "$line" ] || die "$1: no label \"$2\": $(grep -v '"role":"key"' "$1")"
	h=$(echo "$line" | sed 's/.*"h":\([0-9-]*\).*/\1/')
	[ "$h" -gt 20 ] || die "$1: \"$2\" has a height of $h px: $line"
	! grep '"role":"clipped"' "$1" | grep -qF "$2" || die "$1: \"$2\" is cut off"
}

demo_db
{
	unlock
	printf 'tap "Reflections"\ntap "What is working well?"\ntap "Start now"\nexpect "Running now"\n'
} | kiosk --script - >/dev/null || die "could not start a written prompt"
for size in 800x480 1920x1080 720x1280; do
	kiosk --size "$size" --script - >"answer-$size" <<-EOF || die "$size: the empty answer: $(tail -3 "answer-$size")"
	tap "Reflect"
	tap "Send"
	expect "Please write your answer first."
	shot empty-$size.png
	dump
	EOF
	seen "answer-$size" "Please write your answer first."
done

# A face answer the data file refuses (a trigger stands in for the failing
# disk, as in the walk-in test): said under the faces, and no thank-you.
{
	unlock
	printf 'tap "Reflections"\ntap "How valuable was this session for your time?"\ntap "Start now"\n'
	printf 'expect "Running now"\n'
} | kiosk --script - >/dev/null || die "could not start a face prompt"
sqlite3 "$DB" "CREATE TRIGGER no_room BEFORE INSERT ON responses
	BEGIN SELECT RAISE(FAIL, 'database or disk is full'); END"
for size in 800x480 1920x1080 720x1280; do
	kiosk --size "$size" --script - >"face-$size" <<-EOF || die "$size: the refused face: $(tail -3 "face-$size")"
	tap "Reflect"
	tap "Very good"
	shot face-$size.png
	dump
	EOF
	grep -q '"text":"Thank you!"' "face-$size" && die "$size: an answer not saved was thanked for"
	msg=$(grep '"role":"label"' "face-$size" | grep -o '"text":"[^"]*the answer was not saved[^"]*"' | head -n 1 |
		sed 's/"text":"\(.*\)"/\1/')
	[ -n "$msg" ] || die "$size: the refused answer is not said: $(grep -v '"role":"key"' "face-$size")"
	seen "face-$size" "$msg"
done
sqlite3 "$DB" "DROP TRIGGER no_room"

# A full disk at start: SQLite cannot grow the -shm beside the data file.
# The kiosk is told so as a full disk is: a write that finds no room (the
# limit is in KiB; SIGXFSZ ignored, so the write fails as on a full disk).
rm -f "$DB-wal" "$DB-shm"
(
	trap '' XFSZ
	ulimit -f 8
	kiosk --script - >start 2>start.err <<-EOF
	expect "This kiosk cannot use its data file"
	dump
	EOF
) || die "the kiosk did not start on a full disk: $(cat start.err)"
grep -q 'The disk is full' start || die "a full disk at start is not called full: $(cat start)"
grep -q 'disk error' start start.err && die "a full disk at start is called a disk error: $(cat start)"
rm -f "$DB-wal" "$DB-shm"

# The Sync screen on a full disk, with every record of the fixture waiting:
# the batch cannot be written (its records are far more than the room left).
"$MAKE_FIXTURE" review.db >/dev/null || die "no fixture"
(
	trap '' XFSZ
	ulimit -f 64
	"$KIOSK" --db review.db --script - >sync 2>sync.err <<-EOF
	$(unlock)
	tap "Sync"
	shot sync.png
	dump
	EOF
) || die "the Sync screen failed on a full disk: $(tail -3 sync) $(cat sync.err)"
grep -q 'Everything is synced' sync && die "a full disk shows as everything synced while records wait"
seen sync "The disk is full: no batch was made."
grep -q '"text":"The loop could not be made' sync || die "Sync does not say the loop was not made: $(cat sync)"
rm -f review.db-wal review.db-shm
# With room again, the same records make the loop.
"$KIOSK" --db review.db --script - >sync2 <<-EOF || die "no loop once there is room: $(tail -3 sync2)"
$(unlock)
tap "Sync"
expect "records · not encrypted"
EOF

# A list that cannot be read is said, not shown empty: the themes' table is
# gone (a damaged file), and the wall says it could not read them.
sqlite3 "$DB" "ALTER TABLE themes RENAME TO themes_gone"
kiosk --script - >wall <<-EOF || die "the wall failed: $(tail -3 wall)"
$(unlock)
tap "Review"
dump
EOF
grep '"role":"toast"' wall | grep -q 'the themes could not be read' ||
	die "an unreadable list shows as an empty one: $(grep -v '"role":"key"' wall)"

# A message takes its own band in the screen's layout, over no control, at
# every size; it stays on its screen and does not follow to the next.
demo_db
printf 'tap "Check in"\ntype "sian"\ntap "Siân Ó Dálaigh"\ntap "Yes, that'"'"'s me"\nexpect "checked in"\n' |
	kiosk --script - >checkin || die "Siân could not check in: $(tail -3 checkin)"
for size in 800x480 720x1280 1920x1080; do
	kiosk --size "$size" --script - >saved-$size <<-EOF || die "$size: the member edit failed: $(tail -3 saved-$size)"
	$(unlock)
	tap "Who is here"
	tap "Siân Ó Dálaigh"
	tap "Save"
	expect "Saved."
	shot saved-$size.png
	dump
	tap "Back"
	dump
	EOF
	grep -q '"role":"toast","text":"Saved."' saved-$size || die "$size: no message: $(cat saved-$size)"
	message_covers_nothing saved-$size
	if sed -n '/"text":"Change PIN"/,$p' saved-$size | grep -q '"role":"toast"'; then
		die "$size: the message followed to the next screen"
	fi
done
