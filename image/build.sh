#!/bin/sh
# build.sh: a bootable Debian bookworm arm64 SD-card image for a Raspberry Pi 3
# or 4 with CoP Kiosk installed and enabled. Run by `make image` (as root),
# which first cross-compiles the kiosk into BIN_DIR.
#
#   image/build.sh BIN_DIR IMAGE
#
# No loop devices and no device-mapper: mmdebstrap makes the root as a folder
# (running arm64 maintainer scripts through qemu-user), then each partition is
# made from a folder into a plain file (mkfs.vfat + mcopy, mkfs.ext4 -d), and
# the three are written into IMAGE behind an MBR partition table from sfdisk:
#
#   1  RASPIFIRM  vfat  256 MiB  /boot/firmware: Pi firmware, kernel, initrd
#   2  RASPIROOT  ext4  the system, read-only at run time (overlayroot)
#   3  COPDATA    ext4  512 MiB  /var/lib/cop-kiosk, writable: the kiosk's data
#                                and the saved clock (fake-hwclock)
set -eu

bin=${1:?usage: image/build.sh BIN_DIR IMAGE}
image=${2:?usage: image/build.sh BIN_DIR IMAGE}
repo=$(cd "$(dirname "$0")/.." && pwd)
bin=$(cd "$bin" && pwd)
[ "$(id -u)" = 0 ] || { echo "build.sh: run me as root (mmdebstrap, file owners)" >&2; exit 1; }
for f in cop-kiosk cop-sync; do
	file "$bin/$f" | grep -q 'ARM aarch64' || { echo "build.sh: $bin/$f is not an arm64 binary" >&2; exit 1; }
done
[ -d "$bin/locale" ] || { echo "build.sh: $bin/locale (the languages' words) is missing: make image builds it" >&2; exit 1; }

MIRROR=${MIRROR:-http://deb.debian.org/debian}
FIRM_MIB=256
DATA_MIB=512
STATE=/var/lib/cop-kiosk

# What runs on the Pi: kernel and firmware, systemd, the read-only root (its
# initrd script needs busybox), the saved clock, and the libraries the kiosk
# links (the checks below find any that is missing). mesa's drivers and
# EGL/GBM are what SDL's KMSDRM backend opens at run time.
PACKAGES="systemd-sysv udev kmod initramfs-tools busybox linux-image-arm64 raspi-firmware
overlayroot fake-hwclock e2fsprogs dosfstools adduser tzdata
libsdl2-2.0-0 libsdl2-ttf-2.0-0 libsqlite3-0 libsodium23 libpng16-16 libcsv3 zlib1g
libqrencode4 libinih1 libsystemd0 libgbm1 libegl1 libegl-mesa0 libgles2 libgl1-mesa-dri"

work=$(mktemp -d "${TMPDIR:-/tmp}/cop-image.XXXXXX")
trap 'rm -rf "$work"' EXIT
root=$work/root

# The repository's files and the arm64 binaries, for install.sh in the chroot.
mkdir -p "$work/src/build/arm64"
git -C "$repo" ls-files -z | (cd "$repo" && xargs -0 tar -cf -) | tar -xf - -C "$work/src"
for f in cop-kiosk cop-sync; do
	aarch64-linux-gnu-strip -o "$work/src/build/arm64/$f" "$bin/$f"
done
cp -R "$bin/locale" "$work/src/build/arm64/locale" # the languages' words (make image builds them)

# mmdebstrap runs the packages' arm64 scripts: the kernel must hand arm64
# programs to qemu (binfmt_misc, registered by qemu-user-static).
if ! arch-test arm64 >/dev/null 2>&1; then
	echo "build.sh: this machine cannot run arm64 programs: install qemu-user-static and" >&2
	echo "binfmt-support, and mount binfmt_misc (mount -t binfmt_misc none /proc/sys/fs/binfmt_misc)" >&2
	exit 1
fi

echo "== mmdebstrap: Debian bookworm arm64 (about 15 minutes under qemu) =="
# shellcheck disable=SC2016 # mmdebstrap expands $1 (the root) in its hooks
mmdebstrap --architectures=arm64 --variant=minbase --components=main,non-free-firmware \
	--include="$(echo "$PACKAGES" | tr -s ' \n' ',,')" \
	--setup-hook='mkdir -p "$1/boot/firmware"' \
	--essential-hook='chroot "$1" dpkg-divert --quiet --local --rename --add /usr/sbin/update-initramfs' \
	--essential-hook='ln -s /bin/true "$1/usr/sbin/update-initramfs"' \
	--customize-hook="sh '$repo/image/customize.sh' \"\$1\" '$work/src'" \
	bookworm "$root" "$MIRROR"

echo "== checks inside the root =="
missing=$(chroot "$root" ldd /usr/local/bin/cop-kiosk /usr/local/bin/cop-sync | grep 'not found' || true)
[ -z "$missing" ] || { echo "build.sh: libraries missing in the image:$missing" >&2; exit 1; }
[ "$(chroot "$root" systemctl is-enabled cop-kiosk.service)" = enabled ] ||
	{ echo "build.sh: cop-kiosk.service is not enabled" >&2; exit 1; }

echo "== partitions =="
# The firmware partition from /boot/firmware, the data partition from the
# state folder; both leave an empty mount point in the root.
firm=$work/firm.img data=$work/data.img rootimg=$work/root.img
rm -f "$firm"
mkfs.vfat -C -F 32 -n RASPIFIRM "$firm" $((FIRM_MIB * 1024)) >/dev/null
(cd "$root/boot/firmware" && MTOOLS_SKIP_CHECK=1 mcopy -s -i "$firm" ./* ::/)
find "$root/boot/firmware" -mindepth 1 -delete

mkdir "$work/data"
cp -a "$root$STATE/." "$work/data/"
find "$root$STATE" -mindepth 1 -delete
mkfs.ext4 -q -F -L COPDATA -d "$work/data" "$data" "${DATA_MIB}M"

# The root: its content plus a quarter, at least 256 MiB free.
used=$(du -s --block-size=1M "$root" | cut -f1)
root_mib=$((used + used / 4 + 256))
mkfs.ext4 -q -F -L RASPIROOT -d "$root" "$rootimg" "${root_mib}M"

# One MiB-aligned layout: 4 MiB gap for the table, then the three.
firm_at=4
root_at=$((firm_at + FIRM_MIB))
data_at=$((root_at + root_mib))
total=$((data_at + DATA_MIB))
rm -f "$image"
truncate -s "${total}M" "$image"
sfdisk --quiet "$image" <<EOF
label: dos
unit: sectors
start=$((firm_at * 2048)), size=$((FIRM_MIB * 2048)), type=c, bootable
start=$((root_at * 2048)), size=$((root_mib * 2048)), type=83
start=$((data_at * 2048)), size=$((DATA_MIB * 2048)), type=83
EOF
dd if="$firm" of="$image" bs=1M seek="$firm_at" conv=notrunc,sparse status=none
dd if="$rootimg" of="$image" bs=1M seek="$root_at" conv=notrunc,sparse status=none
dd if="$data" of="$image" bs=1M seek="$data_at" conv=notrunc,sparse status=none

echo "== $image: $total MiB =="
sh "$repo/image/inspect.sh" "$image"
