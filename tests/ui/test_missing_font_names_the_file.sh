# A missing font stops the kiosk with one line naming the file, and exit 1.
. "$TESTS/ui/lib.sh"
mkdir -p assets/fonts
status=0
echo quit | COP_KIOSK_ASSETS="$PWD/assets" "$KIOSK" --db "$DB" --script - >out 2>err || status=$?
[ "$status" -eq 1 ] || die "exit status $status, not 1"
[ "$(wc -l <err)" -eq 1 ] || die "not one line: $(cat err)"
grep -q "assets/fonts/NotoSans-Regular.ttf" err || die "the file is not named: $(cat err)"
