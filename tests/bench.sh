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

echo "== the sync loop of the fixture, filmed by a phone (tests/camera_model.py, ZXing)"
# The Sync screen at 800x480 on the official 7" panel (155x86 mm): how many
# frames one turn of the loop has, how long a turn takes at the screen's rate,
# and the share of frames ZXing reads at 30, 45 and 60 cm.
"$kiosk" --db "$work/review.db" --script - >"$work/sync.txt" <<-EOF
tap "Facilitator"
tap "1"
tap "2"
tap "3"
tap "4"
tap "OK"
tap "Sync"
tap "Pause"
shot $work/sync.png
dump
EOF
"$kiosk" frames --db "$work/review.db" --out "$work/loop"
rate=$(sed -n 's/.*"text":"\([0-9.]*\) a second".*/\1/p' "$work/sync.txt")
frames=$(find "$work/loop" -name "frame-*.png" | wc -l)
awk -v n="$frames" -v r="$rate" 'BEGIN { printf "%d frames a turn: %.0f s a turn at %s frames a second\n", n, n / r, r }'
/usr/bin/python3 "$(dirname "$0")/camera_model.py" rate "$work/sync.png" "$work/loop" 155x86 30 45 60

rounds=30
echo "== memory after a long session: $rounds post-its and answers typed key by key, searches, forms"
# What attendees do all day, with a story prompt running: every key is a
# frame with a new text to draw. Peak memory (VmHWM) must stay under what a
# 1 GB Pi can spare: 64 MiB at 800x480, 128 MiB at 1920x1080.
session() {
	note="the session on shared learning went well and we would like more time for questions next time"
	i=0
	while [ "$i" -lt "$rounds" ]; do
		echo 'tap "Post-it"'
		if [ $((i % 2)) -eq 0 ]; then echo 'tap "Going well"'; else echo 'tap "To be improved"'; fi
		printf '%s %d\n' "$note" "$i" | fold -w1 | sed 's/^$/ /; s/.*/type "&"/'
		echo 'tap "Stick it"'
		echo 'wait 3500'
		echo 'tap "Check in"'
		printf 'type "%s"\n' s a r
		echo 'tap "Back"'
		echo 'tap "Reflect"'
		printf 'more time for questions %d\n' "$i" | fold -w1 | sed 's/^$/ /; s/.*/type "&"/'
		echo 'tap "Send"'
		echo 'wait 3500'
		echo 'tap "Check in"'
		echo "tap \"I'm new here\""
		echo 'tap "First name"'
		printf 'Sian%d\n' "$i" | fold -w1 | sed 's/.*/type "&"/'
		echo 'tap "Cancel"'
		echo 'tap "Back"'
		echo 'tap "Back"'
		i=$((i + 1))
	done
	echo 'bench 1'
}
for size in 800x480 1920x1080; do
	db=$work/memory-$size.db
	echo quit | "$kiosk" --db "$db" --demo --script - >/dev/null
	# A facilitator starts the story prompt (the PIN's Argon2id check takes
	# 64 MiB for a moment: not part of the attendees' session).
	printf 'tap "Facilitator"\ntap "1"\ntap "2"\ntap "3"\ntap "4"\ntap "OK"\ntap "Reflections"\n%s\n' \
		'tap "What is working well?"
tap "Start now"
tap "Back"
tap "Lock"' | "$kiosk" --db "$db" --size "$size" --script - >/dev/null
	session | "$kiosk" --db "$db" --size "$size" --script - | grep '^bench' |
		sed 's/^bench [a-z ]* \([0-9x]*\):.*peak memory \([0-9]*\) KiB, text \([0-9]*\) of \([0-9]*\) KiB.*/\1 \2 \3 \4/' |
		while read -r at peak text budget; do
			target=$(case $at in 800x480) echo 65536 ;; *) echo 131072 ;; esac)
			verdict=under
			[ "$peak" -lt "$target" ] || { verdict=OVER; touch "$work/over"; }
			echo "$at: peak memory $((peak / 1024)) MiB ($verdict the $((target / 1024)) MiB target);" \
				"text cache $((text / 1024)) MiB of $((budget / 1024)) MiB"
		done
	if command -v sqlite3 >/dev/null; then
		echo "$(sqlite3 "$db" "SELECT count(*) FROM notes") notes stored, $(sqlite3 "$db" "SELECT count(*) FROM responses") answers"
	fi
done

[ ! -e "$work/over" ] || { echo "peak memory over its target" >&2; exit 1; }

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
