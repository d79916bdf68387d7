# The online space through HTTP as an outsider and as a careless client would
# use it: every page and API call needs a session, every POST its CSRF token,
# wrong passwords slow down, and bodies too big, frames not ours, slow clients
# and malformed requests get a 4xx while the server keeps serving.
. "$TESTS/ui/lib.sh"
. "$TESTS/ui/web.sh"
add_user archive.db keeper
serve archive.db

# Without a session: pages lead to sign-in, the API says 401.
for page in / /measures /receive /event/K1-1 /download/records.json /download/attendance.csv; do
	http "$URL$page" >/dev/null
	[ "$(status)" = 303 ] || die "$page answered $(status) without a session"
done
http -D headers.txt "$URL/measures" >/dev/null
grep -qi '^Location: /signin?next=%2Fmeasures' headers.txt || die "no way back after sign-in: $(cat headers.txt)"
echo CK1/X | frames /dev/stdin >answer.json
[ "$(status)" = 401 ] || die "the API answered $(status) without a session"
grep -q 'sign in again' answer.json || die "the API did not say why: $(cat answer.json)"
http "$URL/signin" | grep -q '<h1>Sign in</h1>' || die "the sign-in page does not show"
http "$URL/static/style.css" >/dev/null
[ "$(status)" = 200 ] || die "the style sheet needs a session ($(status))"

# A sign-in form without its token is refused.
http --data-urlencode "name=keeper" --data-urlencode "password=$PASSWORD" "$URL/signin" >refused.html
[ "$(status)" = 403 ] || die "sign-in without its token answered $(status)"
grep -q 'The sign-in form had expired' refused.html || die "no reason for the refused sign-in"

# Wrong passwords: three free, then a growing wait, in which even the right
# password is not checked; then it signs in.
http "$URL/signin" >signin.html
token=$(sed -n 's/.*name="csrf" value="\([0-9a-f]*\)".*/\1/p' signin.html | head -n 1)
for try in 1 2 3 4; do
	http --data-urlencode "csrf=$token" --data-urlencode "name=keeper" \
		--data-urlencode "password=wrong $try" "$URL/signin" >wrong.html
	[ "$(status)" = 401 ] || die "wrong password $try answered $(status)"
done
grep -q 'The user name or password is not right' wrong.html || die "no plain error for a wrong password"
[ "$(sqlite3 archive.db "SELECT next_try > 0 FROM signin_failures WHERE key = 'user:keeper'")" = 1 ] ||
	die "no wait after four wrong passwords"
# A try inside the wait (made longer here, so that a slow machine is still in it).
sqlite3 archive.db "UPDATE signin_failures SET next_try = unixepoch() + 30"
http --data-urlencode "csrf=$token" --data-urlencode "name=keeper" \
	--data-urlencode "password=$PASSWORD" "$URL/signin" >slowed.html
[ "$(status)" = 429 ] || die "the right password inside the wait answered $(status)"
grep -q 'Too many wrong passwords. Wait [0-9]* second' slowed.html || die "no wait told: $(cat slowed.html)"
[ "$(sqlite3 archive.db "SELECT failures FROM signin_failures WHERE key = 'user:keeper'")" = 4 ] ||
	die "failures not kept per account"
[ "$(sqlite3 archive.db "SELECT failures FROM signin_failures WHERE key = 'addr:127.0.0.1'")" = 4 ] ||
	die "failures not kept per address"
# Ten wrong passwords in a row: each wait is let pass (the archive's clock
# for the next try moved back) and the next one is longer: 64 s after ten.
for try in 5 6 7 8 9 10; do
	sqlite3 archive.db "UPDATE signin_failures SET next_try = 0"
	http --data-urlencode "csrf=$token" --data-urlencode "name=keeper" \
		--data-urlencode "password=wrong $try" "$URL/signin" >/dev/null
	[ "$(status)" = 401 ] || die "wrong password $try answered $(status)"
done
wait=$(sqlite3 archive.db "SELECT next_try - unixepoch() FROM signin_failures WHERE key = 'user:keeper'")
[ "$wait" -ge 60 ] && [ "$wait" -le 64 ] || die "after ten wrong passwords the wait is $wait s, not 64"
sqlite3 archive.db "UPDATE signin_failures SET next_try = 0"
sign_in keeper
[ -z "$(sqlite3 archive.db "SELECT * FROM signin_failures")" ] || die "a right password did not clear the count"
grep -q '^cop_session' jar || grep -q 'cop_session' jar || die "no session cookie"
http -D headers.txt "$URL/" >/dev/null
grep -q 'Content-Security-Policy: default-src' headers.txt || die "no content security policy"

# Signed in: every page shows; POSTs need the session's token.
for page in / /measures /receive; do
	http "$URL$page" >/dev/null
	[ "$(status)" = 200 ] || die "$page answered $(status) when signed in"
done
http -H 'Content-Type: text/plain' --data-binary 'CK1/X' "$URL/api/frames" >/dev/null
[ "$(status)" = 403 ] || die "a frame POST without its token answered $(status)"
http -H 'X-CSRF-Token: 0000' --data-binary 'CK1/X' "$URL/api/frames" >/dev/null
[ "$(status)" = 403 ] || die "a frame POST with a wrong token answered $(status)"
http -X POST "$URL/signout" >/dev/null
[ "$(status)" = 403 ] || die "sign-out without its token answered $(status)"

# Frames that are not ours: skipped with a reason, nothing stored.
printf 'HELLO WORLD\nCK9/0000000/ABCDEF/1/1/00\nCK1/0000000/ABCDEF/1/1/00\n' >foreign.txt
frames foreign.txt >answer.json
[ "$(status)" = 200 ] || die "foreign frames answered $(status)"
grep -q '"batches":\[\]' answer.json || die "a foreign frame started a batch: $(cat answer.json)"
grep -q '"why":"a frame of sync protocol version 9, and this cop-sync reads versions up to 2: update' answer.json ||
	die "no word of the newer protocol: $(cat answer.json)"
[ "$(sqlite3 archive.db 'SELECT count(*) FROM records')" = 0 ] || die "foreign frames stored something"

# 10 MB at once: 413, and the server goes on.
head -c 10485760 /dev/zero | tr '\0' 'A' >big.txt
frames big.txt >/dev/null
[ "$(status)" = 413 ] || die "a 10 MB body answered $(status)"

# A slow client holding a connection half-open, and malformed HTTP, block no one.
/usr/bin/python3 - "$URL" <<'PY' || die "slow or malformed clients were not answered with 400"
import socket, sys, time
host, port = sys.argv[1].split("//")[1].split(":")
slow = socket.create_connection((host, int(port)))
slow.sendall(b"GET / HTTP/1.1\r\nHost: x\r\n")          # and never the rest
for bad in [b"GET / HTTP/1.1\r\nHost: x\r\nContent-Length: -5\r\n\r\n",
            b"GET /" + b"a" * 100000 + b" HTTP/1.1\r\nHost: x\r\n\r\n",
            b"BREW / HTTP/1.1\r\nHost: x\r\n\r\n", b"HELLO\r\n\r\n"]:
    s = socket.create_connection((host, int(port)))
    s.settimeout(5)
    s.sendall(bad)
    answer = s.recv(100)
    # A line that is no HTTP at all may just be hung up on.
    assert answer.startswith(b"HTTP/1.1 4") or (bad.startswith(b"HELLO") and answer == b""), answer
    s.close()
slow.close()
PY
http "$URL/" >/dev/null
[ "$(status)" = 200 ] || die "the server stopped answering ($(status))"

# Signing out ends the session in the archive too.
http --data-urlencode "csrf=$CSRF" "$URL/signout" >/dev/null
[ "$(status)" = 303 ] || die "sign-out answered $(status)"
[ "$(sqlite3 archive.db 'SELECT count(*) FROM sessions')" = 0 ] || die "the session outlived sign-out"
http "$URL/" >/dev/null
[ "$(status)" = 303 ] || die "a page still showed after sign-out"
stop_server
grep -q '"POST /api/frames" 413' server.log || die "no log line for the refused body"
