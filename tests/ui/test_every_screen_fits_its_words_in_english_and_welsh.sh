# Every screen an attendee or a facilitator reaches, in English and in Welsh,
# at 800x480, 720x1280 and 1920x1080: no words cut off (the kiosk lists text that does
# not fit as "clipped"), none of the kiosk's own words shortened with "…" or
# broken inside a word ("shortened", "split": people's long names and titles
# may be, in lists and charts), every widget on the screen, and the Welsh
# screens really in Welsh. The tour taps by the English words, turned into
# the language's own by gettext from the kiosk's catalogue.
. "$TESTS/ui/lib.sh"
"$MAKE_FIXTURE" "$DB" >/dev/null || die "no fixture"
cp "$DB" fixture.db
# What people typed, as the data file holds it: a shortened line whose end
# (what the "…" hides) is found there is theirs.
sqlite3 fixture.db .dump | sed "s/''/'/g" >data

# see — look at the screen now (and keep a picture of it for people).
n=0
see() {
	n=$((n + 1))
	printf 'dump\nshot %s-%s-%02d.png\n' "$lang" "$size" "$n"
}
# away — the inactivity reset: home, the facilitator locked out, the words
# back in the kiosk's language.
away() {
	printf 'wait 200000\n'
}
unlock_in() {
	printf 'tap "%s"\ntap "1"\ntap "2"\ntap "3"\ntap "4"\ntap "%s"\n' "$(words "$lang" Facilitator)" "$(words "$lang" OK)"
}

tour() {
	see
	printf 'tap "%s"\n' "$(words "$lang" 'Check in')"; see
	printf 'type "sia"\n'; see
	away
	printf 'tap "%s"\n' "$(words "$lang" Post-it)"; see
	printf 'tap "%s"\n' "$(words "$lang" 'Going well')"; see
	away
	printf 'tap "%s"\n' "$(words "$lang" Facilitator)"; see
	away
	unlock_in; see
	for item in "Edit this event" "Who is here" "Reflections" "Agenda now" "Sync" "Events" \
		"Import a roster" "Post-it kinds" "Professions" "Kiosk settings" "Change PIN"; do
		printf 'tap "%s"\n' "$(words "$lang" "$item")"; see
		if [ "$item" = Sync ]; then
			printf 'tap "%s"\n' "$(words "$lang" Back)" # the loop is watched: no inactivity reset
		else
			away
			unlock_in
		fi
	done
	# The forms: a new event, sent without a title (its errors); the
	# clock's steppers; a PIN chosen again (the same), and its panel.
	printf 'tap "%s"\ntap "%s"\n' "$(words "$lang" Events)" "$(words "$lang" 'New event')"; see
	printf 'tap "%s"\n' "$(words "$lang" Save)"; see
	away
	unlock_in
	printf 'tap "%s"\ntap "%s"\n' "$(words "$lang" 'Kiosk settings')" "$(words "$lang" 'Set the clock')"; see
	away
	unlock_in
	printf 'tap "%s"\n' "$(words "$lang" 'Change PIN')"
	for i in 1 2; do printf 'tap "1"\ntap "2"\ntap "3"\ntap "4"\ntap "%s"\n' "$(words "$lang" OK)"; done
	see
	printf 'tap "%s"\n' "$(words "$lang" Continue)"
	printf 'tap "%s"\n' "$(words "$lang" Review)"; see
	for tab in Reflections Attendance Measures "Past events"; do
		printf 'tap "%s"\n' "$(words "$lang" "$tab")"; see
	done
	away
	# Last, as the lock it leaves stays: the PIN pad locked by wrong PINs,
	# and typing the recovery code.
	printf 'tap "%s"\n' "$(words "$lang" Facilitator)"
	for i in 1 2 3 4 5; do printf 'tap "9"\ntap "9"\ntap "9"\ntap "9"\ntap "%s"\n' "$(words "$lang" OK)"; done
	see
	printf 'tap "%s"\n' "$(words "$lang" 'Forgot PIN?')"; see
	away
}

for lang in en cy; do
	for size in 800x480 720x1280 1920x1080; do
		cp fixture.db "$DB"
		n=0
		tour >"tour-$lang-$size" || die "could not write the tour"
		kiosk --size "$size" --language "$lang" --script "tour-$lang-$size" >"out-$lang-$size" 2>"err-$lang-$size" ||
			die "the $lang tour at $size stopped: $(cat "err-$lang-$size")"
		w=${size%x*} h=${size#*x}
		awk -v W="$w" -v H="$h" -F'[:,}]' '
			function typed(t,   i) { for (i = 1; i <= rows; i++) if (index(row[i], t)) return 1; return 0 }
			FILENAME == "data" { row[++rows] = $0; next }
			/^ok / { line = $0; next }
			/^\{/ { for (i = 1; i < NF; i++) v[$i] = $(i + 1)
			  x = v["\"x\""]; y = v["\"y\""]; ww = v["\"w\""]; hh = v["\"h\""]
			  text = $0; sub(/.*"text":"/, "", text); sub(/","x".*/, "", text)
			  if ($0 ~ /"role":"clipped"/) { print "cut off after script " line ": " $0; bad = 1 }
			  if ($0 ~ /"role":"(shortened|split)"/ && !typed(length(text) > 12 ? substr(text, length(text) - 11) : text)) { print "the kiosk'"'"'s words after script " line ": " $0; bad = 1 }
			  if (x < 0 || y < 0 || x + ww > W || y + hh > H) { print "off screen after script " line ": " $0; bad = 1 } }
			END { exit bad }' data "out-$lang-$size" || die "words do not fit in $lang at $size (script: tour-$lang-$size)"
		# The screens the kiosk showed: the dumps it printed (the widget lines
		# before the "ok" of their dump), each counted once however often it
		# was shown, so a tap that changed nothing adds nothing.
		screens=$(awk '/^\{/ { block = block $0 "\n"; next }
			/^ok / { if (block != "" && !(block in seen)) { seen[block] = 1; n++ } block = "" }
			END { print n + 0 }' "out-$lang-$size")
		[ "$screens" -ge 23 ] || die "the kiosk showed only $screens different screens in $lang at $size"
	done
done

# Welsh is Welsh: the home screen's words and the facilitator's menu.
grep -q '"text":"Cofrestru"' out-cy-800x480 || die "the Welsh home screen has no Cofrestru"
grep -q '"text":"Check in"' out-cy-800x480 && die "English words on the Welsh home screen"
grep -q '"text":"Cysoni"' out-cy-800x480 || die "the Welsh facilitator menu has no Cysoni"
exit 0
