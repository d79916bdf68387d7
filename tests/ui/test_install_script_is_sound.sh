# image/install.sh parses, answers --help without root and without touching the
# system, and passes shellcheck when it is installed. The real install is not
# run here: it was tried in a bookworm chroot (image/README.md).
. "$TESTS/ui/lib.sh"
script="$TESTS/../image/install.sh"
[ -x "$script" ] || die "image/install.sh is missing or not executable"
sh -n "$script" || die "image/install.sh does not parse"
"$script" --help >help.out 2>&1 || { cat help.out >&2; die "--help did not exit 0"; }
for word in --overlayroot --uninstall --purge /var/lib/cop-kiosk; do
	grep -q -- "$word" help.out || die "--help does not mention $word"
done
"$script" --no-such-option >bad.out 2>&1 && die "an unknown option was accepted"
if command -v shellcheck >/dev/null; then
	shellcheck "$script" || die "shellcheck found problems in image/install.sh"
fi
exit 0
