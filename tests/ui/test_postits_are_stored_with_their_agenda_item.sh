# Each kind of post-it is stuck, stored with the current agenda item (the one
# the facilitator chose), its group size, and no link to any person; a note
# in other scripts and full of emoji is stored exactly as typed.
. "$TESTS/ui/lib.sh"
demo_db
{
	unlock
	cat <<EOF
tap "Agenda now"
tap "Problem-solving clinic"
expect "Post-its and answers now go to this item."
tap "Back"
tap "Lock"
tap "Post-it"
tap "Going well"
type "Hearing the discharge stories from three trusts"
tap "Stick it"
expect "Thank you!"
wait 3000
expect "Check in"
tap "Post-it"
tap "To be improved"
type "More time for questions, please"
tap "+"
tap "+"
tap "+"
expect "A group of 4"
tap "Stick it"
expect "Thank you!"
tap "Done"
tap "Post-it"
tap "Idea"
type "Ein Austausch mit Köln? 🎉👍 多谢 شكرا Ελλάδα"
shot emoji.png
tap "Stick it"
expect "Thank you!"
EOF
} | kiosk --script - >out || die "script failed: $(tail -5 out)"
item=$(sqlite3 "$DB" "select id from agenda_items where title = 'Problem-solving clinic'")
got=$(sqlite3 "$DB" "select kind, agenda_item_id = $item, group_size from notes order by id")
[ "$got" = "$(printf '0|1|1\n1|1|4\n2|1|1')" ] || die "notes stored as: $got"
[ "$(sqlite3 "$DB" "select body from notes where kind = 2")" = "Ein Austausch mit Köln? 🎉👍 多谢 شكرا Ελλάδα" ] ||
	die "the note in other scripts changed: $(sqlite3 "$DB" "select body from notes where kind = 2")"
sqlite3 "$DB" "pragma table_info(notes)" | grep -qi member && die "notes have a column linking them to people"
[ "$(png_size emoji.png)" = 800x480 ] || die "no screenshot"
