# The screens that go away by themselves say when: the welcome after check-in
# (6 seconds), the post-it's thank-you (3 seconds) and the reflection's
# cool-down count down the seconds left; the post-it's thank-you says thank
# you from its first frame (no blank card over the words).
. "$TESTS/ui/lib.sh"
demo_db
{
	cat <<EOF
tap "Check in"
type "ben"
tap "Ben Okafor"
tap "Yes, that's me"
expect "Back to the start in 6 seconds."
wait 1000
expect "Back to the start in 5 seconds."
wait 4000
expect "Back to the start in 1 second."
wait 1100
expect "1 person checked in"
tap "Post-it"
tap "Going well"
type "The case discussion"
tap "Stick it"
dump
shot thanks.png
expect "Thank you!"
expect "Back to the start in 3 seconds."
wait 1000
expect "Back to the start in 2 seconds."
wait 2100
expect "1 person checked in"
EOF
	unlock
	cat <<EOF
tap "Reflections"
tap "How valuable was this session for your time?"
tap "Start now"
tap "Back"
tap "Lock"
tap "Reflect"
tap "Good"
expect "Ready for the next person in"
shot cooldown.png
EOF
} | kiosk --script - >out || die "script failed: $(tail -5 out)"
# The thank-you's first frame: the green panel where the note's card used to
# cover it.
[ "$(png_pixel thanks.png 60 240)" = 007f3b ] || die "the thank-you's first frame is covered: $(png_pixel thanks.png 60 240)"
