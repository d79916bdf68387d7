# The check-in name screen, as an attendee first sees it: the blue header bar
# with its heading "Find your name" and what to type, from the very first
# frame, with no "0 / 60" counter; the keyboard's "Done" puts the keyboard
# away so that many more matching names show (the fixture has 11 for "sia":
# at 800x480 most of them at once, not 3), and a tap on the field brings the
# keyboard back. At every size, and in Welsh, the heading and the way to
# register ("I'm new here") show.
. "$TESTS/ui/lib.sh"
"$MAKE_FIXTURE" "$DB" >/dev/null || die "no fixture"
kiosk --script - >out <<EOF2 || die "script failed: $(tail -3 out)"
tap "Check in"
dump
shot first.png
type "sia"
dump
tap "Done"
dump
shot names.png
tap "sia"
dump
EOF2
# The dumps, one file each (they end with the "ok" line of their command).
awk '/^ok / { if (block) n++; block = 0; next } /^\{/ { block = 1; print > ("dump" n + 1) }' out
[ -s dump1 ] && [ -s dump4 ] || die "the dumps are missing: $(cat out)"
grep -q '"text":"Find your name"' dump1 || die "no heading on the first frame: $(cat dump1)"
grep -q '"text":"Type the first letters of your first name or last name."' dump1 ||
	die "no instruction on the first frame: $(cat dump1)"
grep -q '"text":"I'"'"'m new here"' dump1 || die "no way to register: $(cat dump1)"
grep -Eq '"text":"[0-9]+ / [0-9]+"' dump1 dump2 && die "an attendee is shown a character counter"
[ "$(png_pixel first.png 400 4)" = 005eb8 ] || die "no blue header bar: $(png_pixel first.png 400 4)"
# Typing: the count of names and the keyboard with its "Done".
grep -q '"text":"11 names found. Tap yours. Done shows them all."' dump2 || die "no count of names: $(cat dump2)"
grep -q '"role":"key","text":"Done"' dump2 || die "no Done key"
# After Done: no keyboard, and at least 8 of the 11 names wholly on the screen.
grep -q '"role":"key"' dump3 && die "Done left the keyboard up"
shown=$(grep '"role":"item"' dump3 | awk -F'[:,}]' '{ for (i = 1; i < NF; i++) v[$i] = $(i + 1)
	if (v["\"y\""] + v["\"h\""] <= 480) n++ } END { print n + 0 }')
[ "$shown" -ge 8 ] || die "only $shown of 11 names show at 800x480 without the keyboard"
grep -q '"text":"11 names found. Tap yours."' dump3 || die "the count changed: $(cat dump3)"
# A tap on the field brings the keyboard back.
grep -q '"role":"key","text":"q"' dump4 || die "a tap on the field did not bring the keyboard back"

# Every size and Welsh: the heading and "I'm new here", nothing cut off.
for lang in en cy; do
	for size in 720x1280 1920x1080; do
		printf 'tap "%s"\ntype "sia"\ndump\n' "$(words $lang 'Check in')" |
			kiosk --size "$size" --language $lang --script - >"out-$lang-$size" ||
			die "$lang $size: $(tail -3 "out-$lang-$size")"
		grep -q "\"text\":\"$(words $lang 'Find your name')\"" "out-$lang-$size" || die "no heading in $lang at $size"
		grep -q "\"text\":\"$(words $lang "I'm new here")\"" "out-$lang-$size" || die "no I'm new here in $lang at $size"
		grep -Eq '"role":"(clipped|split)"' "out-$lang-$size" && die "words cut off in $lang at $size: $(grep -E '"role":"(clipped|split)"' "out-$lang-$size")"
		true
	done
done
