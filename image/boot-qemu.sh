#!/bin/sh
# boot-qemu.sh IMAGE: boots a copy of an image from build.sh on an emulated
# arm64 board (qemu-system-aarch64 -M virt: not a Pi, but the image's own
# kernel, initrd, root and data partitions) and checks from its console that
# the system comes up as on a Pi: read-only root, writable data partition,
# the clock restored from it, the kiosk's service started. Then it pulls the
# plug (kills qemu) and checks both ext4 partitions, as after a power cut.
# The image itself is not changed; the console is kept in IMAGE.console.log
# and the emulated screen, once the kiosk is up, in IMAGE.screen.ppm.
# Several minutes: the CPU is emulated.
set -eu
# shellcheck source=image/partition.sh
. "$(dirname "$0")/partition.sh"
image=${1:?usage: image/boot-qemu.sh IMAGE}
limit=${BOOT_SECONDS:-900}
work=$(mktemp -d "${TMPDIR:-/tmp}/cop-boot.XXXXXX")
qemu=
trap '[ -z "$qemu" ] || kill "$qemu" 2>/dev/null; rm -rf "$work"' EXIT
fail() { echo "boot-qemu.sh: $*" >&2; exit 1; }
pass() { echo "  ok: $*"; }

cp --sparse=always "$image" "$work/disk.img"
extract "$work/disk.img" 1 "$work/firm"
export MTOOLS_SKIP_CHECK=1
kernel=$(mdir -b -i "$work/firm" ::/ | sed -n 's|^::/\(vmlinuz-.*\)|\1|p' | head -n 1)
initrd=$(mdir -b -i "$work/firm" ::/ | sed -n 's|^::/\(initrd.img-.*\)|\1|p' | head -n 1)
mcopy -i "$work/firm" "::/$kernel" "$work/vmlinuz"
mcopy -i "$work/firm" "::/$initrd" "$work/initrd"

console=$image.console.log
rm -f "$console" "$image.screen.ppm" # the last run's must not answer for this one
echo "Booting $kernel on qemu-system-aarch64 -M virt (console in $console)"
# The Pi's command line but for the console: the virt board's is ttyAMA0.
# BOOT_APPEND adds words to it (say systemd.setenv=VAR=VALUE to try a setting).
cmdline="console=ttyAMA0 root=LABEL=RASPIROOT rw fsck.repair=yes rootwait systemd.journald.forward_to_console=1 systemd.log_color=0 ${BOOT_APPEND:-}"
# The monitor through two pipes, for a screendump.
mkfifo "$work/mon.in" "$work/mon.out"
qemu-system-aarch64 -M virt -cpu cortex-a72 -smp 2 -m 1024 -display none -serial file:"$console" \
	-kernel "$work/vmlinuz" -initrd "$work/initrd" -append "$cmdline" -no-reboot -nic none \
	-drive if=none,id=sd,format=raw,file="$work/disk.img" -device virtio-blk-pci,drive=sd,romfile= \
	-device virtio-gpu-pci,romfile= -device qemu-xhci -device usb-tablet -monitor pipe:"$work/mon" &
qemu=$!
cat "$work/mon.out" >/dev/null &
exec 3>"$work/mon.in"

# wait_for TEXT: until the console shows TEXT (a fixed string) or time runs out.
start=$(date +%s)
wait_for() {
	while ! grep -qF "$1" "$console" 2>/dev/null; do
		kill -0 "$qemu" 2>/dev/null || { tail -n 40 "$console"; fail "qemu stopped before: $1"; }
		[ $(($(date +%s) - start)) -lt "$limit" ] || { tail -n 40 "$console"; fail "no \"$1\" after $limit s"; }
		sleep 2
	done
	pass "$1 ($(($(date +%s) - start)) s)"
}
wait_for "overlayroot: configured root"
wait_for "Mounted var-lib-cop\\x2dkiosk.mount"
wait_for "Finished fake-hwclock.service"
wait_for "Started cop-kiosk.service"
# The kiosk said READY=1 after its first frame: keep what the screen shows.
sleep 20
echo "screendump $image.screen.ppm" >&3
sleep 10
[ -s "$image.screen.ppm" ] && pass "the screen: $image.screen.ppm"
grep -F "cop-kiosk.service: Main process exited" "$console" && fail "the kiosk died (above)"
pass "the kiosk is still running"
kill -9 "$qemu"
wait "$qemu" 2>/dev/null || true
qemu=
echo "The plug pulled. After it:"
grep -E 'cop-kiosk\[[0-9]+\]' "$console" | tail -n 5 | sed 's/^/  kiosk: /'

extract "$work/disk.img" 2 "$work/root"
extract "$work/disk.img" 3 "$work/data"
# The root was never written (overlayroot). The data partition's journal is
# replayed as the next boot's fsck would, then it must check clean.
e2fsck -fn "$work/root" >"$work/root.fsck" 2>&1 || { cat "$work/root.fsck"; fail "root: e2fsck -fn found errors after the power cut"; }
pass "root: e2fsck -fn clean after the power cut"
e2fsck -E journal_only -p "$work/data" >/dev/null 2>&1 || true
e2fsck -fn "$work/data" >"$work/data.fsck" 2>&1 || { cat "$work/data.fsck"; fail "data: e2fsck -fn found errors after the power cut"; }
pass "data: journal replayed, e2fsck -fn clean after the power cut"
# The kiosk made its data file on the data partition; SQLite finds it whole.
for f in kiosk.db kiosk.db-wal; do
	debugfs -R "dump /$f $work/$f" "$work/data" 2>/dev/null
done
[ -s "$work/kiosk.db" ] || fail "no kiosk.db on the data partition"
check=$(sqlite3 "$work/kiosk.db" 'PRAGMA integrity_check' 2>&1)
[ "$check" = ok ] || fail "kiosk.db after the power cut: $check"
pass "kiosk.db on the data partition: PRAGMA integrity_check ok"
echo "Booted and checked."
