#!/bin/sh
# The online space's figures: the receive page in headless Chromium reading the
# fixture's loop from a fake camera (codes read a second, seconds from the first
# code to the receipt), and frame POSTs answered a second with 50 clients at
# once on loopback (wrk). Usage: tests/bench_web.sh BUILD_DIR
set -eu
build=$(cd "$1" && pwd)
tests=$(cd "$(dirname "$0")" && pwd)
work=$(mktemp -d)
trap 'kill "$server" 2>/dev/null || true; rm -rf "$work"' EXIT
cd "$work"
export SDL_VIDEODRIVER=offscreen SDL_AUDIODRIVER=dummy PASSWORD="bench password 1"
"$build/make_fixture" kiosk.db >/dev/null
"$build/cop-kiosk" frames --db kiosk.db --out loop | sed 's/^/fixture: /'
/usr/bin/python3 "$tests/ui/loop_video.py" loop loop.mjpeg --cycles 3
server=
# serve — a fresh server (no batch half-read) on a fresh archive; sets url.
serve() {
	[ -z "$server" ] || { kill "$server"; wait "$server" || true; }
	rm -f archive.db archive.db-*
	echo "$PASSWORD" | "$build/cop-sync" user add --archive archive.db keeper >/dev/null
	"$build/cop-sync" serve --archive archive.db --listen 127.0.0.1:0 2>server.log &
	server=$!
	until url=$(sed -n 's|^cop-sync: the online space is at \(http://[0-9.:]*\)/.*|\1|p' server.log) &&
		[ -n "$url" ]; do
		sleep 0.1
	done
}

echo "== the receive page in headless Chromium (zxing-wasm), the fixture's loop at 5 codes a second"
for run in 1 2 3; do
	serve
	/usr/bin/python3 "$tests/ui/browser.py" receive "$url" loop.mjpeg 2>&1 >/dev/null | grep '^bench:' |
		sed "s/^bench:/run $run:/"
done

echo "== frame POSTs answered a second, 50 clients at once for 10 s (wrk, loopback)"
curl -s -c jar -b jar "$url/signin" >signin.html
token=$(sed -n 's/.*name="csrf" value="\([0-9a-f]*\)".*/\1/p' signin.html)
curl -s -c jar -b jar --data-urlencode "csrf=$token" --data-urlencode name=keeper \
	--data-urlencode "password=$PASSWORD" "$url/signin" >/dev/null
csrf=$(curl -s -b jar "$url/" | sed -n 's/.*name="csrf-token" content="\([0-9a-f]*\)".*/\1/p')
session=$(awk '$6 == "cop_session" { print $7 }' jar)
frame=$(zbarimg --raw -q loop/frame-001.png 2>/dev/null)
cat >post.lua <<LUA
wrk.method = "POST"
wrk.body = "$frame"
wrk.headers["Content-Type"] = "text/plain"
wrk.headers["X-CSRF-Token"] = "$csrf"
wrk.headers["Cookie"] = "cop_session=$session"
LUA
wrk -t2 -c50 -d10s --latency -s post.lua "$url/api/frames" |
	grep -E '^ *(Requests/sec|50%|99%|Non-2xx)' | sed 's/^ *//'
