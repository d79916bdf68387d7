# The community's pages in a real browser at a phone's size (390x844) and a
# laptop's (1280x800): sign-in, events, an event (attendance in counts, the
# post-it wall, reflection charts), the quarterly measures, the receive page
# and the accounts page all fit the width. Text people typed is shown as text,
# never as markup; names and emails appear on no page; the downloads are the
# bytes cop-sync export writes. Screenshots are kept in $SHOTS when it is set.
. "$TESTS/ui/lib.sh"
. "$TESTS/ui/web.sh"
"$MAKE_FIXTURE" kiosk.db >/dev/null || die "make_fixture failed"
# A post-it that tries to be markup.
"$KIOSK" --db kiosk.db --script - >/dev/null <<'EOF2' || die "the post-it was not stuck"
tap "Post-it"
tap "Going well"
type "<script>alert('x')</script> & <b>bold</b>"
tap "Stick it"
EOF2
"$KIOSK" frames --db kiosk.db --out loop >/dev/null || die "frames failed"
for f in loop/frame-*.png; do zbarimg --raw -q "$f" 2>/dev/null; done >read.txt
"$COP_SYNC" import --archive archive.db read.txt >/dev/null 2>&1 || die "import failed"
event=$(current_gid kiosk.db)
add_user archive.db keeper
serve archive.db
sign_in keeper

page=$(http "$URL/event/$event")
[ "$(status)" = 200 ] || die "the event page answered $(status)"
echo "$page" | grep -q "&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt; &amp; &lt;b&gt;bold&lt;/b&gt;" ||
	die "the typed markup is not shown as text"
echo "$page" | grep -q "<script>alert" && die "typed markup reached the page as markup"
for what in "people checked in" "newcomers" "Organisation" "Profession" "Going well" "To be improved" \
	"Very good" "Mean " "Agenda item" "Kind of learning activity" 'data-chart="wordcloud"'; do
	echo "$page" | grep -q "$what" || die "the event page lacks \"$what\""
done
# Counts only: no member's name or email on any page.
sqlite3 archive.db "SELECT body ->> 'last_name' FROM records WHERE type = 'member' AND length(body ->> 'last_name') > 3 LIMIT 20" >names.txt
sqlite3 archive.db "SELECT body ->> 'email' FROM records WHERE type = 'member' AND body ->> 'email' <> '' LIMIT 20" >>names.txt
[ -s names.txt ] || die "the fixture has no names to look for"
{ echo "$page"; http "$URL/"; http "$URL/measures"; } >pages.html
while IFS= read -r name; do
	grep -qF "$name" pages.html && die "$name appears on a page"
done <names.txt
http "$URL/measures" | grep -q 'Quarterly measures' || die "no measures page"

# Downloads: the same bytes as cop-sync export.
http "$URL/download/attendance.csv?event=$event" >web.csv
"$COP_SYNC" export --archive archive.db --format csv --event "$event" >cli.csv
cmp web.csv cli.csv || die "the attendance download differs from cop-sync export"
for f in mailchimp:mailing-list.csv markdown:report.md json:records.json; do
	http "$URL/download/${f#*:}" >web.out
	"$COP_SYNC" export --archive archive.db --format "${f%%:*}" >cli.out
	cmp web.out cli.out || die "the ${f%%:*} download differs from cop-sync export"
done
http "$URL/download/attendance.csv?event=NOPE-1" >/dev/null
[ "$(status)" = 404 ] || die "an unknown event's download answered $(status)"
http "$URL/event/NOPE-1" >/dev/null
[ "$(status)" = 404 ] || die "an unknown event answered $(status)"

PASSWORD=$PASSWORD /usr/bin/python3 "$TESTS/ui/browser.py" shots "$URL" "${SHOTS:-.}/web" \
	/ "/event/$event" /measures /receive /accounts || die "a page does not fit"
[ "$(ls "${SHOTS:-.}"/web-*.png | wc -l)" -eq 12 ] || die "not every page was shot"
stop_server
