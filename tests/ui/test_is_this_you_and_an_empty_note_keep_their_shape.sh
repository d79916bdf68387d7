# "Is this you?" in portrait is a card as tall as the name needs with the
# answers right under it (not a screen-high empty card); after "An empty
# note cannot be stuck." the post-it's "Back" and "Stick it" keep their full
# touch size at 800x480, the message under them.
. "$TESTS/ui/lib.sh"
demo_db
kiosk --size 720x1280 --script - >portrait <<EOF || die "portrait failed: $(tail -3 portrait)"
tap "Check in"
type "ben"
tap "Ben Okafor"
dump
shot portrait.png
EOF
# field NAME FILE KEY — KEY of the first widget with text NAME.
field() {
	grep "\"text\":\"$1\"" "$2" | tail -n 1 | sed "s/.*\"$3\":\([0-9-]*\).*/\1/"
}
name_bottom=$(($(field 'Ben Okafor' portrait y) + $(field 'Ben Okafor' portrait h)))
yes_top=$(field "Yes, that's me" portrait y)
[ $((yes_top - name_bottom)) -lt 300 ] || die "the answers are $((yes_top - name_bottom)) px below the name"
[ "$(png_pixel portrait.png 360 250)" = f0f4f5 ] || die "the card still fills the screen: $(png_pixel portrait.png 360 250)"

kiosk --script - >landscape <<EOF || die "post-it failed: $(tail -3 landscape)"
tap "Post-it"
tap "Going well"
tap "Stick it"
expect "An empty note cannot be stuck."
dump
EOF
for b in Back 'Stick it'; do
	h=$(grep "\"role\":\"button\",\"text\":\"$b\"" landscape | tail -n 1 | sed 's/.*"h":\([0-9]*\).*/\1/')
	[ "$h" -ge 48 ] || die "\"$b\" shrank to $h px"
done
grep -Eq '"role":"(clipped|split)"' landscape && die "cut off: $(grep -E '"role":"(clipped|split)"' landscape)"
true
