#!/bin/sh
# customize.sh ROOT SRC: mmdebstrap's customize hook for image/build.sh. Sets
# up the Pi's system in ROOT (a folder) and installs the kiosk into it with
# install.sh --prebuilt, from SRC (the repository's files and the arm64
# binaries in SRC/build/arm64).
set -eu
root=${1:?} src=${2:?}
STATE=/var/lib/cop-kiosk

# The partitions by label (build.sh makes them), checked at boot. The data
# partition is the one filesystem that overlayroot leaves writable.
cat >"$root/etc/fstab" <<EOF
LABEL=RASPIROOT  /               ext4  rw,noatime                       0 1
LABEL=RASPIFIRM  /boot/firmware  vfat  rw,noatime,umask=0077            0 2
LABEL=COPDATA    $STATE  ext4  rw,noatime,nodev,nosuid,noexec  0 2
EOF
echo cop-kiosk >"$root/etc/hostname"
printf '127.0.0.1\tlocalhost\n127.0.1.1\tcop-kiosk\n' >"$root/etc/hosts"
ln -sf /usr/share/zoneinfo/Europe/London "$root/etc/localtime"
echo Europe/London >"$root/etc/timezone"

# A Pi has no battery clock: fake-hwclock keeps the time across power-offs
# on the data partition (the root forgets everything), saved every 15
# minutes and at shutdown. e2fsck must not refuse a disk "from the future".
cat >"$root/etc/default/fake-hwclock" <<EOF
# CoP Kiosk: the saved time lives on the data partition.
FILE=$STATE/fake-hwclock.data
EOF
mkdir -p "$root/etc/systemd/system/fake-hwclock.service.d"
cat >"$root/etc/systemd/system/fake-hwclock.service.d/cop-kiosk.conf" <<EOF
[Unit]
RequiresMountsFor=$STATE
EOF
cat >"$root/etc/systemd/system/fake-hwclock-save.service" <<'EOF'
[Unit]
Description=Save the current clock (fake-hwclock)
RequiresMountsFor=/var/lib/cop-kiosk

[Service]
Type=oneshot
EnvironmentFile=-/etc/default/fake-hwclock
ExecStart=/sbin/fake-hwclock save
EOF
cat >"$root/etc/systemd/system/fake-hwclock-save.timer" <<'EOF'
[Unit]
Description=Save the current clock every 15 minutes (fake-hwclock)

[Timer]
OnBootSec=5min
OnUnitActiveSec=15min

[Install]
WantedBy=timers.target
EOF
chroot "$root" systemctl enable --quiet fake-hwclock-save.timer
printf '[options]\n\tbroken_system_clock = 1\n' >"$root/etc/e2fsck.conf"

# Debian's raspi-firmware writes config.txt and cmdline.txt whenever the kernel
# or initrd changes, from these files. It probes the machine it runs on, which
# here is not a Pi: root by label, both serial consoles, the quiet console of
# install.sh, and a Pi 4 without cma=64M (raspi-firmware's own rule for it).
cat >>"$root/etc/default/raspi-firmware" <<'EOF'

# CoP Kiosk image (image/customize.sh)
ROOTPART=LABEL=RASPIROOT
CONSOLES="ttyS1,115200 tty0"
EOF
echo 'quiet loglevel=3 logo.nologo vt.global_cursor_default=0' >"$root/etc/default/raspi-extra-cmdline"
cat >"$root/etc/default/raspi-firmware-custom" <<'EOF'
[pi4]
cmdline=cmdline-pi4.txt
[all]
EOF

# The initrd, made once here (build.sh's essential hook put update-initramfs
# aside while the packages went in: each run takes minutes under qemu).
# raspi-firmware then copies kernel and initrd to /boot/firmware and writes
# config.txt and cmdline.txt.
rm "$root/usr/sbin/update-initramfs"
chroot "$root" dpkg-divert --quiet --local --rename --remove /usr/sbin/update-initramfs
# It is made off the Pi: FSTYPE so that it can check the root (its fsck hook
# cannot probe the root here), gzip as zstd is not installed.
printf 'FSTYPE=ext4\nCOMPRESS=gzip\n' >"$root/etc/initramfs-tools/conf.d/cop-kiosk"
chroot "$root" update-initramfs -c -k all
sed 's/ cma=64M / /' "$root/boot/firmware/cmdline.txt" >"$root/boot/firmware/cmdline-pi4.txt"

# The kiosk, as on Raspberry Pi OS: install.sh (user, state folder, settings,
# unit, no login prompt on tty1, quiet console, read-only root), run inside
# the root from a copy of the repository.
cp -R "$src" "$root/tmp/cop-kiosk-src"
log=$(mktemp)
if ! chroot "$root" sh /tmp/cop-kiosk-src/image/install.sh --prebuilt /tmp/cop-kiosk-src/build/arm64 \
	--overlayroot >"$log" 2>&1; then
	cat "$log" >&2
	exit 1
fi
sed 's/^/  install.sh: /' "$log"
rm -rf "$log" "$root/tmp/cop-kiosk-src"
date -u '+%Y-%m-%d %H:%M:%S' >"$root$STATE/fake-hwclock.data"
