#!/bin/sh
# Runs every test — the unit tests (cmocka) and the headless UI tests — and ends
# with "N passed, M failed". Usage: tests/run.sh BUILD_DIR
set -u
bin=${1:?usage: tests/run.sh BUILD_DIR}
export SDL_VIDEODRIVER=offscreen SDL_AUDIODRIVER=dummy
# Scripts count characters of UTF-8 text: a fresh machine has no LANG set.
export LC_ALL=C.UTF-8
export KIOSK="$PWD/$bin/cop-kiosk" TESTS="$PWD/tests"
export COP_SYNC="$PWD/$bin/cop-sync" COP_SYNC_GEN="$PWD/$bin/cop-sync-gen"
export ASAN_OPTIONS=detect_leaks=1:abort_on_error=0 UBSAN_OPTIONS=print_stacktrace=1
passed=0 failed=0
log=$(mktemp -d)
trap 'rm -rf "$log"' EXIT

for unit in "$bin"/test_*; do
	[ -x "$unit" ] || continue
	name=$(basename "$unit")
	"$unit" >"$log/$name" 2>&1
	status=$?
	ran=$(grep -c '^\[ RUN      \]' "$log/$name")
	ok=$(grep -c '^\[       OK \]' "$log/$name")
	skipped=$(grep -E '^\[  SKIPPED \] [A-Za-z0-9_]+$' "$log/$name" | sort -u | wc -l)
	bad=$((ran - ok - skipped))
	if [ "$status" -ne 0 ] && [ "$bad" -eq 0 ]; then bad=1; fi
	passed=$((passed + ok))
	failed=$((failed + bad))
	if [ "$bad" -ne 0 ]; then
		echo "FAIL $name"
		sed 's/^/    /' "$log/$name"
	else
		echo "pass $name ($ok tests${skipped:+, $skipped skipped})"
	fi
done

for t in tests/ui/test_*.sh; do
	name=$(basename "$t" .sh)
	work=$(mktemp -d)
	if (cd "$work" && sh "$TESTS/ui/$name.sh") >"$log/$name" 2>&1; then
		passed=$((passed + 1))
		echo "pass $name"
	else
		failed=$((failed + 1))
		echo "FAIL $name"
		sed 's/^/    /' "$log/$name"
	fi
	rm -rf "$work"
done

echo "$passed passed, $failed failed"
[ "$failed" -eq 0 ]
