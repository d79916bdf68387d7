# An attendee is told what each choice means: the learning activities of the
# seed's reflection prompt each have a line under them (from the seed's
# examples), and so do the roles of the day; in English and Welsh, at 800x480
# and in portrait, with nothing cut off.
. "$TESTS/ui/lib.sh"
demo_db
{
	unlock
	cat <<EOF
tap "Reflections"
drag 400 350 400 100
drag 400 350 400 100
drag 400 350 400 100
tap "Which kind of learning activity engaged you most?"
tap "Start now"
tap "Back"
tap "Lock"
EOF
} | kiosk --script - >/dev/null || die "could not start the prompt"
for lang in en cy; do
	for size in 800x480 720x1280; do
		{
			printf 'tap "%s"\ndump\nshot activities-%s-%s.png\n' "$(words $lang Reflect)" $lang $size
			printf 'wait 200000\n'
		} | kiosk --size $size --language $lang --script - >out-$lang-$size || die "$lang $size: $(tail -3 out-$lang-$size)"
		for line in 'Stories, tips and documents' 'Asking for help, exploring ideas' 'Discussing a topic or a paper' \
			'Making documents and tools' 'Benchmarks, maturity scales' 'Training, invited experts' \
			"Visiting members' sites"; do
			grep -q "\"text\":\"$(words $lang "$line")\"" out-$lang-$size || die "no \"$line\" in $lang at $size"
		done
		grep -Eq '"role":"(clipped|split|shortened)"' out-$lang-$size &&
			die "cut off in $lang at $size: $(grep -E '"role":"(clipped|split|shortened)"' out-$lang-$size)"
		true
	done
done
{
	unlock
	cat <<EOF
tap "Edit this event"
drag 400 350 400 100
drag 400 350 400 100
drag 400 350 400 150
tap "Offer leadership roles at check-in"
tap "Save"
tap "Lock"
tap "Check in"
type "aoife"
tap "Aoife O'Neil"
tap "Yes, that's me"
expect "A role for today?"
dump
EOF
} | kiosk --script - >roles || die "roles failed: $(tail -3 roles)"
for line in 'Keeps the learning agenda moving' 'Makes sure every voice is heard' 'Notices what works and what does not' \
	"Records the day's key moments" 'Shares our news with people outside' 'Looks for the value we create' \
	'Links us with sponsors and managers'; do
	grep -q "\"text\":\"$line\"" roles || die "no \"$line\" under the roles"
done
grep -Eq '"role":"(clipped|split|shortened)"' roles && die "roles cut off: $(grep -E '"role":"(clipped|split|shortened)"' roles)"
true
