# image/install.sh parses, answers --help without root and without touching the
# system, and passes shellcheck, as do the image recipe's scripts. The real install is not
# run here: it was tried in a bookworm chroot (image/README.md).
. "$TESTS/ui/lib.sh"
script="$TESTS/../image/install.sh"
[ -x "$script" ] || die "image/install.sh is missing or not executable"
sh -n "$script" || die "image/install.sh does not parse"
"$script" --help >help.out 2>&1 || { cat help.out >&2; die "--help did not exit 0"; }
for word in --overlayroot --uninstall --purge --prebuilt /var/lib/cop-kiosk; do
	grep -q -- "$word" help.out || die "--help does not mention $word"
done
"$script" --no-such-option >bad.out 2>&1 && die "an unknown option was accepted"
# The image recipe and its checks (run by hand: make image, make image-check).
for f in "$TESTS"/../image/*.sh; do
	sh -n "$f" || die "$f does not parse"
done
(cd "$TESTS/.." && shellcheck -x image/*.sh) || die "shellcheck found problems in image/"
exit 0
