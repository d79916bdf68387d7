# The screen tour: every screen and state an attendee or a facilitator
# reaches — first run with no event, empty lists, a wall full of notes, each
# form's errors, every confirmation, the PIN pad's lock — in English and in
# Welsh, at 800x480, 720x1280 and 1920x1080. On each, tests/ui/screen_check.awk
# finds none of: words cut off, the kiosk's own words shortened or split
# (people's long names and titles may be, in lists and charts), two tappable
# widgets over each other, a label over a control, a tappable target under
# 48 px, a message over a control, anything off the screen. The Welsh screens
# are in Welsh. The tour taps by the English words, turned into the
# language's own by gettext from the kiosk's catalogue.
#
# With TOUR_SHOTS=DIR (`make screenshots`) it also keeps a picture of each
# screen, DIR/LANG-SIZE-NN.png, NN the screen's number in the tour.
. "$TESTS/ui/lib.sh"
"$MAKE_FIXTURE" fixture.db >/dev/null || die "no fixture"
DB=demo.db demo_db
# What people typed, as the data files hold it: a shortened line whose end
# (what the "…" hides) is found there is theirs.
{ sqlite3 fixture.db .dump; sqlite3 demo.db .dump; } | sed "s/''/'/g" >data
# A stick with a roster that has a row with no first name and a row cut short.
mkdir -p media/STICK
printf 'First Name,Last Name,Email,Company\r\nKwame,Mensah,kwame@nhs.net,Leeds Teaching Hospitals NHS Trust\r\n,Nobody,x@y.org,Nowhere\r\nBad line without enough\r\n' \
	>media/STICK/attendees.csv
# Its path is the stick's, not the kiosk's words: a list may shorten it.
echo "$PWD/media/STICK/attendees.csv" >>data
shots=${TOUR_SHOTS:-}

# see — look at the screen now (and keep a picture of it when asked).
see() {
	n=$((n + 1))
	echo dump
	[ -z "$shots" ] || printf 'shot %s/%s-%s-%02d.png\n' "$shots" "$lang" "$size" "$n"
}
# tap WORDS — taps the kiosk's English WORDS in the tour's language.
tap() {
	printf 'tap "%s"\n' "$(words "$lang" "$1")"
}
# away — the inactivity reset: home, the facilitator locked out, the words
# back in the kiosk's language.
away() {
	echo 'wait 200000'
}
pin() {
	for d in 1 2 3 4; do printf 'tap "%s"\n' $d; done
	tap OK
}
# scroll — a finger drags the screen's list up by half the screen.
scroll() {
	w=${size%x*} h=${size#*x}
	echo "drag $((w / 2)) $((h * 3 / 4)) $((w / 2)) $((h / 4))"
}
unlock_in() {
	tap Facilitator
	pin
}

# With no event yet: home, the attendee's dead end said plainly, the first
# PIN chosen, the menu with "New event".
first_run() {
	see
	tap 'Check in'; see
	away
	tap Post-it; see
	away
	tap Facilitator; see
	pin; see
	pin; see
}

# The demo's event, before anyone came: nobody here, no notes, no answers.
empty() {
	unlock_in
	tap 'Who is here'; see
	tap Back
	tap Review; see
	for tab in Reflections Attendance Measures 'Past events'; do
		tap "$tab"; see
	done
	away
}

attendee() {
	see
	tap 'Check in'; see
	echo 'type "sia"'; see
	echo 'tap "Siân Adeyemi"'; see
	tap "Yes, that's me"; see
	away
	# A walk-in: the form, its errors, a bad email, the role, the welcome.
	tap 'Check in'
	tap "I'm new here"; see
	printf 'tap "Done"\n'; see
	tap 'Check me in'; see
	away
	tap 'Check in'
	tap "I'm new here"
	echo 'type "Nia"'
	echo 'tap "Done"'
	tap 'Last name'
	echo 'type "Prys"'
	echo 'tap "Done"'
	# Down the form to the profession's list, and to the email.
	scroll; see
	tap Profession; see
	tap Pharmacist
	scroll
	scroll; see
	tap 'Email (optional)'
	echo 'type "nia.nhs.net"'; see
	echo 'tap "Done"'
	tap 'Check me in'; see
	tap 'Enter an email address like name@nhs.net'
	echo 'type "@nhs.net"'
	echo 'tap "Done"'
	tap 'Check me in'; see
	tap 'Critical friend'; see
	away
	# A walk-in who is already known is asked whether it is them.
	tap 'Check in'
	tap "I'm new here"
	echo 'type "Siân"'
	echo 'tap "Done"'
	tap 'Last name'
	echo 'type "Adeyemi"'
	echo 'tap "Done"'
	tap 'Check me in'; see
	away
	# A post-it: its kinds, the note, the empty note's error, the thanks.
	tap Post-it; see
	tap 'Going well'; see
	tap 'Stick it'; see
	echo 'type "More chairs by the window, please"'
	tap 'Stick it'; see
	away
}

facilitator() {
	tap Facilitator; see
	pin; see
	tap 'Edit this event'; see
	tap Title; see
	echo 'tap "Done"'
	# The date and time steppers, under the title.
	scroll; see
	# Down to the agenda (a 1080p screen shows it after the steppers): an
	# item, and deleting it asked first.
	[ "$size" = 1920x1080 ] || { scroll; scroll; }
	echo 'tap "Welcome and stories from the wards"'; see
	tap Delete; see
	tap 'Keep it'
	tap Back
	tap Back
	tap 'Who is here'; see
	tap Search
	echo 'type "adeyemi"'; see
	echo 'tap "Done"'
	echo 'tap "Ana Adeyemi"'; see
	tap 'Undo check-in'; see
	tap 'Keep it'
	tap Forget; see
	tap Keep
	tap 'First name'
	echo 'type "e"'
	echo 'tap "Done"'
	tap Back; see
	away
	unlock_in
	tap Reflections; see
	tap 'What is working well?'; see
	tap Delete; see
	away
	# Reflections an attendee answers: words (and the error of none), faces;
	# the thanks.
	reflection 'What is working well?'
	echo 'tap "Done"'; see
	echo 'type "The stories from the wards"'
	tap Send; see
	away
	reflection 'How valuable was this session for your time?'
	# A face's word, translated in its context ("face").
	printf 'tap "%s"\n' "$(words "$lang" "$(printf 'face\004Good')" | sed 's/^face.//')"; see
	away
	unlock_in
	for item in "Agenda now" Events "Post-it kinds" Professions "Kiosk settings" "Change PIN"; do
		tap "$item"; see
		away
		unlock_in
	done
	tap 'Import a roster'; see
	echo 'tap "attendees.csv"'; see
	tap Import; see
	away
	unlock_in
	tap Sync; see
	tap 'Enter receipt'; see
	echo 'type "NOTARECEIPT"'
	tap Done; see
	for i in 1 2 3 4 5 6 7 8 9 10 11; do tap Delete; done
	echo 'type "K7QXM2PA"'
	tap Done; see
	tap Cancel
	tap Back # the loop is watched: no inactivity reset
	review
	away
	# Last, as the lock it leaves stays: the PIN pad locked by wrong PINs,
	# and typing the recovery code.
	tap Facilitator
	for i in 1 2 3 4 5; do printf 'tap "9"\ntap "9"\ntap "9"\ntap "9"\n' && tap OK; done
	see
	tap 'Forgot PIN?'; see
	away
}

# reflection PROMPT — the facilitator starts PROMPT; an attendee opens it.
reflection() {
	unlock_in
	tap Reflections
	tap "$1"
	tap 'Start now'; see
	tap Back
	tap Lock
	tap Reflect; see
}

# The review: the wall full of notes, grouping, reading, presenting, the
# themes, each tab.
review() {
	tap Review; see
	tap Group; see
	tap Read; see
	tap Present; see
	tap 'Stop presenting'
	for tab in Reflections Attendance Measures 'Past events'; do
		tap "$tab"; see
	done
}

# run NAME DB — the tour part NAME on a copy of DB, its dumps into
# out-NAME-LANG-SIZE.
run() {
	cp "$2" "$DB"
	"$1" >"tour-$1-$lang-$size" || die "could not write the tour"
	COP_KIOSK_MEDIA="$PWD/media" kiosk --size "$size" --language "$lang" --script "tour-$1-$lang-$size" \
		>"out-$1-$lang-$size" 2>"err-$1-$lang-$size" ||
		die "the $lang tour ($1) at $size stopped: $(cat "err-$1-$lang-$size")"
}

rm -f "$DB"
: >empty.db
fail=0
for lang in ${TOUR_LANGS:-en cy}; do
	for size in ${TOUR_SIZES:-800x480 720x1280 1920x1080}; do
		n=0
		run first_run empty.db
		run empty demo.db
		run attendee fixture.db
		run facilitator fixture.db
		first=1
		for part in first_run empty attendee facilitator; do
			dumps=$(grep -n '^dump$' "tour-$part-$lang-$size" | cut -d: -f1 | tr '\n' ' ')
			awk -v W="${size%x*}" -v H="${size#*x}" -v WHERE="$lang-$size (tour-$part-$lang-$size)" \
				-v SCREENS="$dumps" -v FIRST=$first \
				-f "$TESTS/ui/screen_check.awk" data "out-$part-$lang-$size" || fail=1
			first=$((first + $(echo "$dumps" | wc -w)))
		done
		# The screens the kiosk showed: the dumps it printed (the widget
		# lines before the "ok" of their dump), each counted once however
		# often it was shown, so a tap that changed nothing adds nothing.
		screens=$(cat out-*-"$lang-$size" | awk '/^\{/ { block = block $0 "\n"; next }
			/^ok / { if (block != "" && !(block in seen)) { seen[block] = 1; n++ } block = "" }
			END { print n + 0 }')
		[ "$screens" -ge 70 ] || die "the kiosk showed only $screens different screens in $lang at $size"
		echo "$lang $size: $screens screens"
	done
done
[ "$fail" = 0 ] || die "screens with faults (above; scripts: tour-*)"

# Welsh is Welsh: the home screen's words and the facilitator's menu.
grep -q '"text":"Cofrestru"' out-attendee-cy-800x480 || die "the Welsh home screen has no Cofrestru"
grep -q '"text":"Check in"' out-attendee-cy-800x480 && die "English words on the Welsh home screen"
grep -q '"text":"Cysoni"' out-facilitator-cy-800x480 || die "the Welsh facilitator menu has no Cysoni"
exit 0
