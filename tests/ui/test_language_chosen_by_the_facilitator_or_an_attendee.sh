# The language of the words: the facilitator chooses Cymraeg under "Kiosk
# settings" and it is kept for the next start; an attendee may switch to the
# other language on the home screen, and the inactivity reset brings the
# kiosk's own back for the next person; --language and the settings file win
# and the screen says so; given a language without words, the kiosk starts in
# English and says so in one line.
. "$TESTS/ui/lib.sh"
demo_db

# English at first; the facilitator chooses Cymraeg and the screen turns Welsh.
{
	unlock
	cat <<-EOF
	expect "Kiosk settings"
	tap "Kiosk settings"
	expect "Language of the words"
	tap "Cymraeg"
	expect "Gosodiadau'r ciosg"
	shot settings-cy.png
	dump
	EOF
} | kiosk --size 800x480 --script - >chose || die "choosing Cymraeg failed: $(cat chose)"
grep -q '"text":"Cymraeg","value":"chosen"' chose || die "Cymraeg is not marked chosen: $(grep value chose)"
[ "$(setting language)" = cy ] || die "the choice was not kept: '$(setting language)'"

# The next start is in Welsh; an attendee switches to English on the home
# screen; after 46 s untouched (on home too) the kiosk is Welsh again; the
# facilitator's screens are in the kiosk's language whatever was chosen.
{
	cat <<-EOF
	expect "Cofrestru"
	expect "Does neb wedi cofrestru eto"
	expect "Dydd"
	shot home-cy.png
	tap "English"
	expect "Check in"
	expect "No one has checked in yet"
	tap "Check in"
	wait 46000
	expect "Cofrestru"
	tap "English"
	expect "Check in"
	wait 46000
	expect "Cofrestru"
	dump
	tap "English"
	EOF
	unlock "Gosodiadau'r ciosg"
} | kiosk --size 720x1280 --script - >attendee 2>&1 || die "the attendee's switch failed: $(cat attendee)"
grep -q '"text":"English"' attendee || die "home offers no English: $(grep button attendee)"
[ "$(setting language)" = cy ] || die "the attendee's switch changed the kiosk's language"

# A walk-in in Welsh picks "Fferyllydd"; the data file keeps "Pharmacist",
# as the English kiosks and the archive count it.
kiosk --size 800x480 --script - >walkin 2>&1 <<-EOF || die "a Welsh walk-in failed: $(tail -5 walkin)"
tap "$(words cy 'Check in')"
tap "$(words cy "I'm new here")"
tap "$(words cy 'First name')"
type "Nia"
tap "Done"
tap "$(words cy 'Last name')"
type "Ní Bhriain"
tap "Done"
drag 400 350 400 150
tap "$(words cy Profession)"
tap "Fferyllydd"
expect "Fferyllydd"
tap "$(words cy 'Check me in')"
EOF
[ "$(sqlite3 "$DB" "SELECT profession FROM members WHERE first_name = 'Nia'")" = Pharmacist ] ||
	die "the Welsh pick was stored as '$(sqlite3 "$DB" "SELECT profession FROM members WHERE first_name = 'Nia'")'"

# --language en wins over the stored choice, and the screen says where it is fixed.
{
	unlock
	printf 'tap "Kiosk settings"\nexpect "Fixed at English by the command line (--language): change it there."\ndump\n'
} | kiosk --size 800x480 --language en --script - >cli || die "--language en: $(cat cli)"
grep -q '"text":"Cymraeg"' cli && die "the language can still be chosen under --language"

# The same from the settings file.
printf '[kiosk]\nlanguage = cy\n' >kiosk.conf
printf 'expect "Cofrestru"\n' | kiosk --config kiosk.conf --size 800x480 --script - >conf ||
	die "language = cy in the settings file: $(cat conf)"

# A language the kiosk has no words for: the facilitator's choice (Welsh)
# after all, and one line naming those there are.
printf '[kiosk]\nlanguage = fr\n' >bad.conf
for how in "--language fr" "--config bad.conf"; do
	# shellcheck disable=SC2086 # $how is two words
	printf 'expect "Cofrestru"\n' | kiosk $how --script - >out 2>err || die "$how stopped the kiosk: $(cat err out)"
	grep -q "there are no words in language 'fr'; there are: en (English), cy (Cymraeg); it is not used" err ||
		die "$how: $(cat err)"
	[ "$(wc -l <err)" -eq 1 ] || die "$how said more than one line: $(cat err)"
done

# A stored language whose words are gone: English, and said on stderr.
sqlite3 "$DB" "UPDATE settings SET value = 'de' WHERE key = 'language'"
printf 'expect "Check in"\n' | kiosk --size 800x480 --script - >gone 2>gone.err || die "a lost language stopped the kiosk"
grep -q "no words in language 'de'.*the words stay in English" gone.err || die "nothing said of 'de': $(cat gone.err)"
exit 0
