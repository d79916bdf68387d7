# A bigger screen shows more, not the 800x480 screen magnified: on the
# fixture's wall more notes show at 1920x1080 than at 800x480, several of a
# kind side by side, and at 800x480 more than one a column; presenting at
# 1920x1080 shows whole notes in type read from the back of the room. The
# reflections name every agenda item in full at every size ("Welcome and
# stories from the wards", not "Welcome and i…") and count "40 answers",
# never "(n=40)"; attendance names every organisation whole and past events
# every event (on 800x480 in a list that scrolls). Read goes to the next note and back.
. "$TESTS/ui/lib.sh"
"$MAKE_FIXTURE" "$DB" >/dev/null || die "no fixture"
# notes FILE N — how many notes the Nth dump of FILE shows.
notes() {
	awk -v want="$2" '/^ok / { if (block) n++; block = 0; next }
		/^\{/ { block = 1; if (n + 1 == want && /"role":"note"/) c++ }
		END { print c + 0 }' "$1"
}
# columns FILE N — how many different left edges the notes of the first kind
# have in the Nth dump (its cards side by side).
columns() {
	awk -v want="$2" '/^ok / { if (block) n++; block = 0; next }
		/^\{/ { block = 1; if (n + 1 == want && /"role":"note"/ && /"text":"The handover story/) {
			x = $0; sub(/.*"x":/, "", x); sub(/,.*/, "", x); seen[x] = 1 } }
		END { for (x in seen) c++; print c + 0 }' "$1"
}
for size in 800x480 720x1280 1920x1080; do
	{
		unlock
		cat <<EOF
tap "Review"
dump
tap "Present"
dump
tap "Stop presenting"
tap "Reflections"
dump
tap "By agenda item"
dump
EOF
	} | kiosk --size "$size" --script - >"out-$size" || die "the review at $size failed: $(tail -3 "out-$size")"
	grep -q '"role":"shortened"' "out-$size" &&
		die "words shortened at $size: $(grep '"role":"shortened"' "out-$size" | head -3)"
	grep -q 'n=' "out-$size" && die "\"(n=...)\" at $size"
	grep -q '"text":"Welcome and stories from the wards: 4.1 · 40 answers"' "out-$size" ||
		die "the first agenda item is not named in full with its answers at $size"
done
for size in 800x480 720x1280 1920x1080; do
	{ unlock; printf 'tap "Review"\ntap "Attendance"\ndump\ntap "Past events"\ndump\n'; } | kiosk --size "$size" --script - >"attendance-$size" ||
		die "attendance at $size failed"
	grep -q '"role":"shortened"' "attendance-$size" &&
		die "attendance or past events shorten names at $size: $(grep '"role":"shortened"' "attendance-$size" | head -3)"
	grep -q '"text":"Yorkshire Ambulance Service: 20"' "attendance-$size" || die "no Yorkshire Ambulance Service at $size"
	grep -q '"text":"2026-03-12 Spring meeting: handover at night: 54 (54 new)"' "attendance-$size" ||
		die "the first past event is not named in full at $size"
done
wall_small=$(notes out-800x480 1) wall_big=$(notes out-1920x1080 1)
[ "$wall_small" -ge 5 ] || die "the wall at 800x480 shows $wall_small notes (want more than one a column)"
[ "$wall_big" -ge $((wall_small * 3)) ] || die "the wall at 1920x1080 shows $wall_big notes, at 800x480 $wall_small"
[ "$(columns out-1920x1080 1)" -ge 2 ] || die "at 1920x1080 a kind's notes are not side by side"
[ "$(notes out-1920x1080 2)" -ge 6 ] || die "presenting at 1920x1080 shows $(notes out-1920x1080 2) notes"
[ "$(notes out-720x1280 1)" -ge 6 ] || die "the wall at 720x1280 shows $(notes out-720x1280 1) notes"
# Read, next, previous: the note read large changes and comes back.
first=$(grep '"role":"note"' out-800x480 | sed -n 1p | sed 's/.*"text":"\([^"]*\)".*/\1/')
{
	unlock
	cat <<EOF
tap "Review"
tap "$first"
expect "Going well · 0 dots · 1 of 300"
tap "Next"
expect "Going well · 0 dots · 2 of 300"
tap "Previous"
expect "Going well · 0 dots · 1 of 300"
tap "Close"
EOF
} | kiosk --script - >read || die "reading note by note failed: $(tail -3 read)"
exit 0
