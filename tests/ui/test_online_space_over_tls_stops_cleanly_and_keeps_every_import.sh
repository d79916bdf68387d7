# cop-sync serve standalone with its own certificate: the session cookie is
# Secure; a batch posted frame by frame is imported with the receipt the kiosk
# expects; SIGTERM while a batch is being imported finishes it (never half a
# batch) and the server stops cleanly; after a restart everything is there.
. "$TESTS/ui/lib.sh"
. "$TESTS/ui/web.sh"
openssl req -x509 -newkey rsa:2048 -nodes -keyout tls.key -out tls.crt -days 2 \
	-subj /CN=localhost >/dev/null 2>&1 || die "openssl could not make a certificate"
add_user archive.db keeper
serve archive.db --tls-cert tls.crt --tls-key tls.key
case $URL in https://*) ;; *) die "not served over TLS: $URL" ;; esac
http -D headers.txt "$URL/signin" >/dev/null
grep -qi '^Set-Cookie: cop_signin=[0-9a-f]*; Path=/; HttpOnly; SameSite=Strict; Max-Age=[0-9]*; Secure' headers.txt ||
	die "the sign-in cookie is not Secure over TLS: $(grep -i set-cookie headers.txt)"
grep -qi '^Strict-Transport-Security' headers.txt || die "no HSTS over TLS"
sign_in keeper

# Frame by frame, as a phone sends them.
receipt=$("$COP_SYNC_GEN" --kiosk K1A2 --batch 4 --version 20 --members 40 --text sent.txt)
count=$(wc -l <sent.txt)
n=0
while IFS= read -r frame; do
	n=$((n + 1))
	printf '%s\n' "$frame" >one.txt
	frames one.txt >answer.json
	[ "$(status)" = 200 ] || die "frame $n answered $(status)"
	[ "$n" -eq 1 ] && { grep -q '"fresh":true' answer.json || die "the first frame did not start the batch"; }
	[ "$n" -eq 1 ] && { grep -q '"sealed":false,"kiosk":"K1A2"' answer.json || die "the kiosk not told from its first part: $(cat answer.json)"; }
	grep -q '"state":"imported"' answer.json && break
done <sent.txt
grep -q "\"receipt\":\"$receipt\"" answer.json || die "no receipt $receipt: $(cat answer.json)"
[ "$(sqlite3 archive.db 'SELECT count(*) FROM records')" = 188 ] || die "not every record stored"
[ "$n" -le "$count" ] || die "more frames than sent"

# SIGTERM while a large batch is being imported: all of it or none of it.
"$COP_SYNC_GEN" --kiosk K9Z --batch 1 --version 30 --members 2000 --text big.txt >big.receipt
curl -s -k -b jar -o big.json -H "X-CSRF-Token: $CSRF" --data-binary @big.txt "$URL/api/frames" &
poster=$!
sleep 0.3
kill -TERM "$SERVER"
wait "$poster" || true
wait "$SERVER" || die "the server exited with $? on SIGTERM: $(tail -3 server.log)"
grep -q '^cop-sync: stopped$' server.log || die "no clean stop: $(tail -3 server.log)"
trap - EXIT
stored=$(sqlite3 archive.db "SELECT count(*) FROM records WHERE kiosk = 'K9Z'")
echo "records of the batch under way at SIGTERM: $stored"
# The archive holds all or nothing, and a batch stored is answered with its receipt.
if [ "$stored" != 0 ]; then
	[ "$stored" = "$(sqlite3 archive.db "SELECT records FROM batches WHERE kiosk = 'K9Z'")" ] ||
		die "half a batch stored: $stored records"
	grep -q "\"receipt\":\"$(cat big.receipt)\"" big.json ||
		die "wrong receipt after SIGTERM: $(cat big.json)"
fi

# Restarted: the records, and the session (kept in the archive), are there.
serve archive.db --tls-cert tls.crt --tls-key tls.key
http "$URL/" >events.html
[ "$(status)" = 200 ] || die "the session did not survive a restart ($(status))"
grep -q 'K1A2' events.html || die "the kiosk is not listed after a restart"
stop_server
