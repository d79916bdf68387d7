#!/bin/sh
# The performance figures of a build: start-up, idle CPU, drawing time of each
# screen with the software renderer, peak memory. Usage: tests/bench.sh BINARY
set -eu
kiosk=$(cd "$(dirname "$1")" && pwd)/$(basename "$1")
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
export SDL_VIDEODRIVER=offscreen SDL_AUDIODRIVER=dummy
db=$work/bench.db
echo quit | "$kiosk" --db "$db" --demo --script - >/dev/null

echo "== start-up (demo database already made)"
for i in 1 2 3; do
	printf 'bench 1\n' | "$kiosk" --db "$db" --script - | sed -n 's/.*(first frame \([0-9]*\) ms.*/first frame \1 ms after start/p'
done

echo "== drawing each screen, software renderer, ms a frame (cached text)"
for size in 800x480 1920x1080; do
	"$kiosk" --db "$db" --size "$size" --script - <<-EOF | grep '^bench'
	bench 100
	tap "Post-it"
	bench 100
	tap "Back"
	tap "Facilitator"
	bench 100
	tap "1"
	tap "2"
	tap "3"
	tap "4"
	tap "OK"
	bench 100
	tap "Edit this event"
	bench 100
	tap "Title"
	bench 100
	tap "Cancel"
	tap "Back"
	tap "Events"
	bench 100
	tap "Back"
	tap "Kiosk settings"
	bench 100
	tap "Set the clock"
	bench 100
	EOF
done | sed 's/ (first frame.*peak memory \(.*\))/; peak memory \1/'

echo "== the same words in Welsh (gettext looks up every label each frame), ms a frame"
for size in 800x480 1920x1080; do
	"$kiosk" --db "$db" --size "$size" --language cy --script - <<-EOF | grep '^bench' | sed 's/ (first frame.*//'
	bench 100
	tap "Post-it"
	bench 100
	EOF
done

echo "== review on the fixture (300 notes, 600 answers), ms a frame"
"$(dirname "$kiosk")/make_fixture" "$work/review.db" >/dev/null
for size in 800x480 1920x1080; do
	"$kiosk" --db "$work/review.db" --size "$size" --script - <<-EOF | grep '^bench' | sed 's/ (first frame.*//'
	tap "Facilitator"
	tap "1"
	tap "2"
	tap "3"
	tap "4"
	tap "OK"
	tap "Review"
	bench 50
	tap "Reflections"
	bench 50
	tap "Attendance"
	bench 50
	EOF
done

echo "== idle: CPU used over 5 s on the home screen (live loop, offscreen display)"
"$kiosk" --db "$db" &
pid=$!
sleep 1
ticks() { awk '{print $14 + $15}' "/proc/$pid/stat"; }
before=$(ticks)
sleep 5
after=$(ticks)
kill "$pid"
wait "$pid" 2>/dev/null || true
hz=$(getconf CLK_TCK)
awk -v t=$((after - before)) -v hz="$hz" 'BEGIN { printf "idle CPU: %.0f ms in 5 s (%.2f%% of one core)\n", t * 1000 / hz, t * 100 / hz / 5 }'
