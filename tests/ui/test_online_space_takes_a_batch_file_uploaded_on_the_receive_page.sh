# Without a camera: the batch file the kiosk's Export to USB wrote (sealed for
# the archive, signed) uploaded with the receive page's "Upload a batch file"
# form gives the receipt panel with the code the kiosk takes, the same code
# `cop-sync import FILE` prints; again, the records are "already" there. A form
# without its token, no file, a file that holds no batch, a file cut short and
# one of a newer protocol get a clear page and no receipt. Screenshots of the
# browser's upload are kept in $SHOTS when it is set.
. "$TESTS/ui/lib.sh"
. "$TESTS/ui/web.sh"
demo_db
"$COP_SYNC" keygen --out archive >/dev/null || die "keygen failed"
"$KIOSK" sync-key --db "$DB" archive.pub >/dev/null || die "sync-key failed"
mkdir -p media/STICK
export COP_KIOSK_MEDIA="$PWD/media"
{ unlock; printf 'tap "Sync"\ntap "More"\ntap "Export to USB"\n'; } | kiosk --script - >out ||
	die "the export was not made: $(tail -3 out)"
batch=$(ls media/STICK/cop-kiosk-batch-*.txt) || die "no batch file on the stick"
"$COP_SYNC" import --archive cli.db --key archive.key "$batch" >imported 2>err || die "cop-sync import failed: $(cat err)"
code=$(sed -n 's/.*Receipt code: \([0-9A-Z-]*\).*/\1/p' imported)
[ -n "$code" ] || die "no receipt from cop-sync import"

add_user archive.db keeper
serve archive.db --key archive.key
http -F "batch=@$batch" "$URL/receive/upload" >/dev/null
[ "$(status)" = 303 ] || die "an upload without a session answered $(status)"
sign_in keeper
http "$URL/receive" >receive.html
grep -q '<h2>Upload a batch file</h2>' receive.html || die "no upload form on the receive page"
grep -q "action=\"/receive/upload\" enctype=\"multipart/form-data\"" receive.html || die "the form does not post a file"

upload() {
	http -F "csrf=$CSRF" -F "batch=@$1;type=text/plain" "$URL/receive/upload"
}
upload "$batch" >panel.html
[ "$(status)" = 200 ] || die "the upload answered $(status): $(grep -o '<main.*' panel.html | head -c 400)"
grep -q "<p class=\"app-receipt__code\" id=\"receipt-code\">$code</p>" panel.html ||
	die "not the receipt cop-sync import prints ($code): $(grep -o 'receipt-code[^<]*' panel.html)"
grep -q 'records from kiosk [0-9a-f]* are now in the online space' panel.html || die "no summary: $(grep -o 'receipt-summary[^<]*' panel.html)"
[ "$(sqlite3 archive.db "select count(*) from records where type = 'event'")" = 1 ] || die "the event is not in the archive"
upload "$batch" >again.html
grep -q "id=\"receipt-code\">$code</p>" again.html && grep -q 'are already in the online space' again.html ||
	die "a second upload: $(grep -o 'receipt-summary[^<]*' again.html)"

# In a real browser, as a person would: choose the file, tap Upload.
shown=$(PASSWORD=$PASSWORD /usr/bin/python3 "$TESTS/ui/browser.py" upload "$URL" "$batch" ${SHOTS:+--shot "$SHOTS/upload"}) ||
	die "the browser could not upload the file"
[ "$shown" = "$code" ] || die "the browser was shown $shown, not $code"

# The kiosk takes the code.
{
	unlock
	printf 'tap "Sync"\ntap "More"\ntap "Show codes"\ntap "Enter receipt"\ntype "%s"\ntap "Done"\nexpect "is synced"\n' "$code"
} | kiosk --script - >out || die "the kiosk did not take the upload's receipt: $(tail -5 out)"

# Refused, each with its reason and no receipt.
http -F "csrf=0000" -F "batch=@$batch" "$URL/receive/upload" >forged.html
[ "$(status)" = 403 ] && grep -q 'This form is out of date' forged.html || die "a wrong token answered $(status)"
http -F "batch=@$batch" "$URL/receive/upload" >/dev/null
[ "$(status)" = 403 ] || die "no token answered $(status)"
http -F "csrf=$CSRF" "$URL/receive/upload" >nofile.html
[ "$(status)" = 400 ] && grep -q 'Choose the batch file first' nofile.html || die "no file answered $(status)"
echo 'Attendance, names and emails' >notes.txt
upload notes.txt >none.html
[ "$(status)" = 422 ] && grep -q 'This file holds no batch of a kiosk' none.html || die "a file of no batch answered $(status)"
"$COP_SYNC_GEN" --version 10 --text long.txt >/dev/null || die "cop-sync-gen failed"
head -n 2 long.txt >short.txt
upload short.txt >short.html
[ "$(status)" = 422 ] && grep -q 'This file holds 2 of the [0-9]* parts of batch' short.html ||
	die "a file cut short answered $(status): $(grep -o 'app-notice.*' short.html | head -c 300)"
cat "$batch" long.txt >two.txt
upload two.txt >two.html
[ "$(status)" = 422 ] && grep -q 'more than one batch, so nothing of it was taken' two.html ||
	die "a file of two batches answered $(status): $(grep -o 'app-notice.*' two.html | head -c 300)"
sed 's/^CK2/CK3/' "$batch" >newer.txt
upload newer.txt >newer.html
[ "$(status)" = 422 ] && grep -q 'a frame of sync protocol version 3, and this cop-sync reads versions up to 2: update' newer.html ||
	die "a newer protocol answered $(status): $(grep -o 'app-notice.*' newer.html | head -c 300)"
for f in forged none short two newer; do
	grep -q 'receipt-code' "$f.html" 2>/dev/null && die "$f got a receipt"
done
[ "$(sqlite3 archive.db "select count(*) from batches")" = 1 ] || die "a refused upload was stored"
