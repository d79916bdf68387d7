#!/bin/sh
# Runs every test — the unit tests (cmocka) and the headless UI tests — and ends
# with "N passed, M failed". Usage: tests/run.sh BUILD_DIR
# With RUN set (make test-arm64: RUN=qemu-aarch64-static), every binary of
# BUILD_DIR runs through it; with UNITS_ONLY=1 the UI tests are left out.
set -u
bin=${1:?usage: tests/run.sh BUILD_DIR}
run=${RUN:-}
export SDL_VIDEODRIVER=offscreen SDL_AUDIODRIVER=dummy
# Scripts count characters of UTF-8 text: a fresh machine has no LANG set.
export LC_ALL=C.UTF-8
export ASAN_OPTIONS=detect_leaks=1:abort_on_error=0 UBSAN_OPTIONS=print_stacktrace=1
export TESTS="$PWD/tests" BUILD="$PWD/$bin"
passed=0 failed=0
log=$(mktemp -d)
trap 'rm -rf "$log"' EXIT
# Passable (not listable) by all: a UI test run as root starts the kiosk as
# nobody (lib.sh's unprivileged), through $log/bin.
chmod a+x "$log"

# The programs the UI tests call ($BUILD holds the binaries themselves), through
# $RUN if set.
mkdir "$log/bin"
for b in cop-kiosk cop-sync cop-sync-gen make_fixture; do
	if [ -n "$run" ]; then
		printf '#!/bin/sh\nexec %s "%s" "$@"\n' "$run" "$PWD/$bin/$b" >"$log/bin/$b"
		chmod +x "$log/bin/$b"
	else
		ln -s "$PWD/$bin/$b" "$log/bin/$b"
	fi
done
export KIOSK="$log/bin/cop-kiosk" MAKE_FIXTURE="$log/bin/make_fixture"
export COP_SYNC="$log/bin/cop-sync" COP_SYNC_GEN="$log/bin/cop-sync-gen"

for unit in "$bin"/test_*; do
	[ -x "$unit" ] || continue
	name=$(basename "$unit")
	$run "$unit" >"$log/$name" 2>&1
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
	[ -z "${UNITS_ONLY:-}" ] || break
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
