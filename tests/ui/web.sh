# web: helpers for the online space's tests — a real `cop-sync serve` on a
# free loopback port, signed in through its own pages with curl. Sourced after
# lib.sh; the server is stopped (SIGTERM) when the test ends.

PASSWORD="correct horse battery staple"
CSRF=

# serve ARCHIVE [OPTIONS...] — starts cop-sync serve, its log in $LOG
# (server.log unless set); sets URL and SERVER. Several may run at once:
# each is stopped when the test ends.
SERVERS=
serve() {
	archive=$1
	log=${LOG:-server.log}
	shift
	"$COP_SYNC" serve --archive "$archive" --listen 127.0.0.1:0 "$@" 2>"$log" &
	SERVER=$!
	SERVERS="$SERVERS $SERVER"
	trap 'for s in $SERVERS; do kill "$s" 2>/dev/null || true; wait "$s" 2>/dev/null || true; done' EXIT
	for _ in $(seq 100); do
		# The log may not be there yet: the shell in the background makes it.
		URL=$(sed -n 's|^cop-sync: the online space is at \(https*://[0-9.:]*\)/.*|\1|p' "$log" 2>/dev/null || true)
		[ -n "$URL" ] && return 0
		kill -0 "$SERVER" 2>/dev/null || die "the server did not start: $(cat "$log")"
		sleep 0.1
	done
	die "the server did not say where it listens: $(cat "$log")"
}

# stop_server — SIGTERM to the last server started, which must stop cleanly
# (exit 0, "stopped").
stop_server() {
	log=${LOG:-server.log}
	kill -TERM "$SERVER"
	wait "$SERVER" || die "the server exited with $? on SIGTERM: $(tail -5 "$log")"
	grep -q '^cop-sync: stopped$' "$log" || die "no clean stop: $(tail -5 "$log")"
	SERVERS=$(echo "$SERVERS" | tr ' ' '\n' | grep -vx "$SERVER" | tr '\n' ' ' || true)
}

# add_user ARCHIVE NAME — an account with $PASSWORD.
add_user() {
	echo "$PASSWORD" | "$COP_SYNC" user add --archive "$1" "$2" >/dev/null || die "user add failed"
}

# http ARGS... — curl quietly, keeping cookies in jar; prints the body, and
# the status to the file status.
http() {
	curl -s -k -b jar -c jar -o body.out -w '%{http_code}' "$@" >status || true
	cat body.out
}

# status — the last http status.
status() {
	cat status
}

# sign_in NAME — signs in through the sign-in page; sets CSRF (the session's token).
sign_in() {
	http "$URL/signin" >signin.html
	token=$(sed -n 's/.*name="csrf" value="\([0-9a-f]*\)".*/\1/p' signin.html | head -n 1)
	[ -n "$token" ] || die "the sign-in page has no token ($(status)): $(head -c 300 signin.html) $(tail -3 server.log)"
	http --data-urlencode "csrf=$token" --data-urlencode "name=$1" \
		--data-urlencode "password=$PASSWORD" --data-urlencode "next=/" "$URL/signin" >/dev/null
	[ "$(status)" = 303 ] || die "sign-in refused ($(status))"
	CSRF=$(http "$URL/" | sed -n 's/.*name="csrf-token" content="\([0-9a-f]*\)".*/\1/p')
	[ -n "$CSRF" ] || die "no CSRF token on the signed-in page"
}

# frames FILE — posts frame texts to the receiver API; prints its JSON answer.
frames() {
	http -H "X-CSRF-Token: $CSRF" -H 'Content-Type: text/plain' --data-binary "@$1" "$URL/api/frames"
}

# phone VIDEO [OPTIONS...] — the receive page in headless Chromium with VIDEO
# as its camera (tests/ui/browser.py); prints the receipt it shows.
phone() {
	PASSWORD=$PASSWORD /usr/bin/python3 "$TESTS/ui/browser.py" receive "$URL" "$@"
}

# kiosk_loop DB DIR VIDEO [loop_video OPTIONS...] — the kiosk's Sync loop, as
# `cop-kiosk frames` draws it, filmed into VIDEO.
kiosk_loop() {
	"$KIOSK" frames --db "$1" --out "$2" >/dev/null || die "frames of $1 failed"
	pngs=$2 video=$3
	shift 3
	/usr/bin/python3 "$TESTS/ui/loop_video.py" "$pngs" "$video" "$@" || die "no video of $pngs"
}

# type_receipt DB CODE — the receipt typed on the kiosk's Sync screen, which
# must mark that batch synced: nothing is pending afterwards.
type_receipt() {
	{
		unlock
		printf 'tap "Sync"\ntap "Enter receipt"\ntype "%s"\ntap "Done"\nexpect "is synced"\n' "$2"
	} | "$KIOSK" --db "$1" --script - >kiosk.out 2>&1 || die "the kiosk refused $2: $(tail -3 kiosk.out)"
	pending=0
	"$KIOSK" frames --db "$1" --out after >/dev/null 2>&1 || pending=$?
	[ "$pending" -eq 2 ] || die "after the receipt the kiosk still has records to send ($pending)"
}
