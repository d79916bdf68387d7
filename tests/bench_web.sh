#!/bin/sh
# The online space's figures: the receive page in headless Chromium reading the
# fixture's loop from a fake camera (codes read a second, seconds from the first
# code to the receipt), and frame POSTs answered a second with 50 clients at
# once on loopback (wrk); then SQLite and PostgreSQL side by side: batches
# imported a second (one process, eight at once) and frame POSTs with 50
# clients (a second, p50, p99). Usage: tests/bench_web.sh BUILD_DIR
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

# ---- SQLite and PostgreSQL side by side ------------------------------------------
# A real PostgreSQL 15 (tests/ui/pg.sh: a temporary server on a Unix socket,
# stopped when this script ends), and batches of 4 kiosks made by cop-sync-gen.
die() {
	echo "bench_web: $*" >&2
	exit 1
}
export TESTS="$tests"
. "$tests/ui/pg.sh"
start_pg
for b in 1 2 3 4 5 6 7 8 9 10; do
	for k in 1 2 3 4; do
		"$build/cop-sync-gen" --kiosk K$k --batch $b --members $((20 + b)) --version 20 \
			--text K$k-$b.txt >/dev/null
	done
done
batches=$(ls K*-*.txt | wc -l)

# ms_since START — milliseconds since START (date +%s%N).
ms_since() {
	echo $((($(date +%s%N) - $1) / 1000000))
}

# imports ARCHIVE PROCESSES — imports every batch, spread over PROCESSES
# processes at once; prints the batches imported a second.
imports() {
	start=$(date +%s%N)
	pids=
	for p in $(seq "$2"); do
		files=$(ls K*-*.txt | awk -v p="$p" -v n="$2" 'NR % n == p % n')
		# shellcheck disable=SC2086 # the batch files, one word each
		"$build/cop-sync" import --archive "$1" $files >/dev/null 2>&1 &
		pids="$pids $!"
	done
	# shellcheck disable=SC2086
	wait $pids
	echo "$batches $(ms_since "$start")" | awk '{ printf "%.1f", $1 * 1000 / $2 }'
}

# frame_posts ARCHIVE — frame POSTs with 50 clients for 10 s: "a second, p50, p99".
frame_posts() {
	rm -f jar
	echo "$PASSWORD" | "$build/cop-sync" user add --archive "$1" poster >/dev/null
	"$build/cop-sync" serve --archive "$1" --listen 127.0.0.1:0 2>side.log &
	server=$!
	until url=$(sed -n 's|^cop-sync: the online space is at \(http://[0-9.:]*\)/.*|\1|p' side.log) &&
		[ -n "$url" ]; do
		sleep 0.1
	done
	curl -s -c jar -b jar "$url/signin" >signin.html
	token=$(sed -n 's/.*name="csrf" value="\([0-9a-f]*\)".*/\1/p' signin.html)
	curl -s -c jar -b jar --data-urlencode "csrf=$token" --data-urlencode name=poster \
		--data-urlencode "password=$PASSWORD" "$url/signin" >/dev/null
	csrf=$(curl -s -b jar "$url/" | sed -n 's/.*name="csrf-token" content="\([0-9a-f]*\)".*/\1/p')
	session=$(awk '$6 == "cop_session" { print $7 }' jar)
	sed -e "s/^wrk.headers\[\"X-CSRF-Token\"\].*/wrk.headers[\"X-CSRF-Token\"] = \"$csrf\"/" \
		-e "s/^wrk.headers\[\"Cookie\"\].*/wrk.headers[\"Cookie\"] = \"cop_session=$session\"/" \
		post.lua >side.lua
	wrk -t2 -c50 -d10s --latency -s side.lua "$url/api/frames" >wrk.out
	kill "$server"
	wait "$server" || true
	server=
	awk '$1 == "Requests/sec:" { r = $2 } $1 == "50%" { p50 = $2 } $1 == "99%" { p99 = $2 }
		END { printf "%s %s %s", r, p50, p99 }' wrk.out
}

echo "== SQLite and PostgreSQL side by side ($batches batches of 4 kiosks, about 100 records each;"
echo "   PostgreSQL 15 on a Unix socket, started here with fsync off: its writes are not on disk"
echo "   when acknowledged, SQLite's are)"
pg_sql "CREATE DATABASE one" >/dev/null
pg_sql "CREATE DATABASE eight" >/dev/null
pg_sql "CREATE DATABASE web" >/dev/null
pg=${PG_ARCHIVE%%\?*}
q=${PG_ARCHIVE#*\?}
s1=$(imports one.db 1) p1=$(imports "${pg%/cop}/one?$q" 1)
s8=$(imports eight.db 8) p8=$(imports "${pg%/cop}/eight?$q" 8)
sw=$(frame_posts web.db) pw=$(frame_posts "${pg%/cop}/web?$q")
printf '%-44s %12s %12s\n' "" SQLite PostgreSQL
printf '%-44s %12s %12s\n' "batches imported a second, 1 process" "$s1" "$p1"
printf '%-44s %12s %12s\n' "batches imported a second, 8 processes" "$s8" "$p8"
printf '%-44s %12s %12s\n' "frame POSTs a second, 50 clients" "${sw%% *}" "${pw%% *}"
s=${sw#* } p=${pw#* }
printf '%-44s %12s %12s\n' "frame POST p50, 50 clients" "${s% *}" "${p% *}"
printf '%-44s %12s %12s\n' "frame POST p99, 50 clients" "${s#* }" "${p#* }"
