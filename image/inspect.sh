#!/bin/sh
# inspect.sh IMAGE: checks an SD-card image made by build.sh without mounting
# it: the partition table, each filesystem (fsck, read-only), the files that
# make it boot and start the kiosk, and that the kiosk is an arm64 binary.
# Prints what it checked; exits 1 at the first thing that is wrong.
set -eu
# shellcheck source=image/partition.sh
. "$(dirname "$0")/partition.sh"
image=${1:?usage: image/inspect.sh IMAGE}
work=$(mktemp -d "${TMPDIR:-/tmp}/cop-inspect.XXXXXX")
trap 'rm -rf "$work"' EXIT
fail() { echo "inspect.sh: $*" >&2; exit 1; }
pass() { echo "  ok: $*"; }

echo "Partition table:"
sfdisk --dump "$image" | sed 's/^/  /'
[ "$(sfdisk --dump "$image" | grep -c ' : start=')" = 3 ] || fail "expected three partitions"
sfdisk --dump "$image" | grep -q '^label: dos' || fail "not an MBR (dos) table: a Pi 3 boots only from MBR"

extract "$image" 1 "$work/firm"
extract "$image" 2 "$work/root"
extract "$image" 3 "$work/data"

echo "Filesystems:"
fsck.vfat -n "$work/firm" >/dev/null || fail "the firmware partition does not pass fsck.vfat -n"
pass "partition 1: vfat $(blkid -o value -s LABEL "$work/firm"), fsck.vfat -n clean"
for p in root data; do
	e2fsck -fn "$work/$p" >"$work/$p.fsck" 2>&1 || { cat "$work/$p.fsck"; fail "$p: e2fsck -fn found errors"; }
	pass "$p: ext4 $(blkid -o value -s LABEL "$work/$p"), e2fsck -fn clean ($(tail -n 1 "$work/$p.fsck" | sed 's/^[^:]*: //'))"
done

echo "Boot files (partition 1):"
export MTOOLS_SKIP_CHECK=1
for f in bootcode.bin start4.elf config.txt cmdline.txt cmdline-pi4.txt bcm2837-rpi-3-b.dtb bcm2711-rpi-4-b.dtb; do
	mdir -b -i "$work/firm" "::/$f" >/dev/null 2>&1 || fail "no $f on the firmware partition"
done
mdir -b -i "$work/firm" ::/ | grep -q '/vmlinuz-' || fail "no kernel on the firmware partition"
mdir -b -i "$work/firm" ::/ | grep -q '/initrd.img-' || fail "no initrd on the firmware partition"
pass "firmware, kernel, initrd, device trees for Pi 3 and Pi 4"
mtype -i "$work/firm" ::/cmdline.txt >"$work/cmdline"
grep -q 'root=LABEL=RASPIROOT' "$work/cmdline" || fail "cmdline.txt does not boot LABEL=RASPIROOT"
pass "cmdline.txt: $(cat "$work/cmdline")"
mtype -i "$work/firm" ::/config.txt | grep -q '^arm_64bit=1' || fail "config.txt does not start the Pi in 64-bit mode"
pass "config.txt: arm_64bit=1, $(mtype -i "$work/firm" ::/config.txt | grep -E '^(kernel|initramfs)' | tr '\n' ' ')"

echo "System (partition 2):"
d() { debugfs -R "$1" "$work/root" 2>/dev/null; }
d "stat /etc/systemd/system/multi-user.target.wants/cop-kiosk.service" |
	grep -qF 'link dest: "/etc/systemd/system/cop-kiosk.service"' ||
	fail "cop-kiosk.service is not enabled (multi-user.target.wants)"
d "cat /etc/systemd/system/cop-kiosk.service" | grep -q '^ExecStart=/usr/local/bin/cop-kiosk' ||
	fail "no cop-kiosk.service in /etc/systemd/system"
pass "cop-kiosk.service enabled in multi-user.target"
d "stat /etc/systemd/system/getty.target.wants/getty@tty1.service" | grep -q 'Inode:' &&
	fail "getty@tty1 is still enabled: it would take tty1 from the kiosk"
pass "getty@tty1 disabled"
d "dump /usr/local/bin/cop-kiosk $work/cop-kiosk"
file "$work/cop-kiosk" | grep -q 'ELF 64-bit LSB.*ARM aarch64' || fail "the kiosk is not an arm64 binary: $(file -b "$work/cop-kiosk")"
pass "/usr/local/bin/cop-kiosk: $(file -b "$work/cop-kiosk" | cut -d, -f1-2)"
d "dump /usr/local/share/locale/cy/LC_MESSAGES/cop-kiosk.mo $work/cy.mo"
[ -s "$work/cy.mo" ] || fail "the Welsh words are not in /usr/local/share/locale"
pass "/usr/local/share/locale/cy/LC_MESSAGES/cop-kiosk.mo (the Welsh words)"
d "cat /etc/overlayroot.conf" | grep -qx 'overlayroot="tmpfs:recurse=0"' || fail "overlayroot is not on"
pass "overlayroot=\"tmpfs:recurse=0\" (read-only root, the data partition stays writable)"
d "cat /etc/fstab" | grep -Eq '^LABEL=COPDATA[[:space:]]+/var/lib/cop-kiosk[[:space:]]' || fail "fstab does not mount the data partition"
pass "fstab mounts LABEL=COPDATA on /var/lib/cop-kiosk"
d "cat /etc/default/fake-hwclock" | grep -qx 'FILE=/var/lib/cop-kiosk/fake-hwclock.data' || fail "fake-hwclock does not save to the data partition"
pass "fake-hwclock saves to the data partition (every 15 min and at shutdown)"
d "cat /etc/cop-kiosk/kiosk.conf" | grep -qx 'db=/var/lib/cop-kiosk/kiosk.db' || fail "kiosk.conf does not put the data on the data partition"
pass "kiosk.conf: db=/var/lib/cop-kiosk/kiosk.db"

echo "Data (partition 3):"
debugfs -R "cat /fake-hwclock.data" "$work/data" 2>/dev/null | grep -Eq '^[0-9]{4}-[0-9]{2}-[0-9]{2} ' ||
	fail "no saved clock on the data partition"
pass "saved clock: $(debugfs -R "cat /fake-hwclock.data" "$work/data" 2>/dev/null)"
echo "All checks passed."
