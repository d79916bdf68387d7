# The on-screen keyboard types "Siân Ó Dálaigh" exactly, with Shift, the
# accents layer and Space; six Deletes remove six whole characters, the two-byte "á" among them.
. "$TESTS/ui/lib.sh"
demo_db
{
	unlock
	cat <<-EOF
	tap "Events"
	tap "New event"
	tap "Title"
	tap "Shift"
	tap "S"
	tap "i"
	tap "àé"
	tap "â"
	tap "ABC"
	tap "n"
	tap "Space"
	tap "àé"
	tap "Shift"
	tap "Ó"
	tap "ABC"
	tap "Space"
	tap "Shift"
	tap "D"
	tap "àé"
	tap "á"
	tap "ABC"
	tap "l"
	tap "a"
	tap "i"
	tap "g"
	tap "h"
	shot typed.png
	dump
	tap "Delete"
	tap "Delete"
	tap "Delete"
	tap "Delete"
	tap "Delete"
	tap "Delete"
	dump
	EOF
} | kiosk --script - >out || die "script failed: $(cat out)"
first=$(grep '"role":"field","text":"Title"' out | head -n 1 | sed 's/.*"value":"\(.*\)","x".*/\1/')
[ "$first" = "Siân Ó Dálaigh" ] || die "typed \"$first\""
second=$(grep '"role":"field","text":"Title"' out | tail -n 1 | sed 's/.*"value":"\(.*\)","x".*/\1/')
[ "$second" = "Siân Ó D" ] || die "after six deletes: \"$second\""
