#!/bin/sh
# install.sh: puts CoP Kiosk on Raspberry Pi OS Lite / Debian bookworm (Pi 3, 4, 5)
# from a clone of the repository: packages, build, binaries, assets, user,
# settings file, systemd unit on tty1, a quiet boot console; optionally the
# read-only root (overlayroot). Safe to run twice; --uninstall undoes it.
set -eu

BIN_DIR=/usr/local/bin
LOCALE_DIR=/usr/local/share/locale   # the kiosk looks in ../share/locale
SHARE_DIR=/usr/share/cop-kiosk
UNIT=/etc/systemd/system/cop-kiosk.service
CONF_DIR=/etc/cop-kiosk
CONF=$CONF_DIR/kiosk.conf
# The words this script added to cmdline.txt, so that --uninstall removes
# exactly those and not ones that were there before.
CMDLINE_RECORD=$CONF_DIR/cmdline-added
STATE_DIR=/var/lib/cop-kiosk
USER_NAME=cop-kiosk
CMDLINE=/boot/firmware/cmdline.txt
QUIET_WORDS="quiet loglevel=3 logo.nologo vt.global_cursor_default=0"
OVERLAY_CONF=/etc/overlayroot.conf
OVERLAY_LINE='overlayroot="tmpfs:recurse=0"'

usage() {
	cat <<'EOF'
Usage: sudo image/install.sh [--overlayroot] [--prebuilt DIR]
       sudo image/install.sh --uninstall [--purge]
       image/install.sh --help

Run as root from a clone of the repository on Raspberry Pi OS Lite or Debian
bookworm. Without options it:
  - installs the build packages (make deps) and libsystemd-dev, builds (make);
  - installs build/cop-kiosk and build/cop-sync to /usr/local/bin, the
    catalogues of the kiosk's languages (build/locale) to
    /usr/local/share/locale and assets/ to /usr/share/cop-kiosk/assets;
  - creates the system user cop-kiosk (home and data: /var/lib/cop-kiosk) in
    the groups video, input and render;
  - writes /etc/cop-kiosk/kiosk.conf if there is none (an existing one is kept);
  - installs /etc/systemd/system/cop-kiosk.service, enables it and disables the
    login prompt on tty1 (getty@tty1);
  - quietens the boot console (adds quiet loglevel=3 logo.nologo
    vt.global_cursor_default=0 to /boot/firmware/cmdline.txt, if that exists).
Every step is checked first: a second run changes nothing.

  --prebuilt DIR installs DIR/cop-kiosk, DIR/cop-sync and DIR/locale, built
                 elsewhere (the image recipe cross-compiles them), instead of
                 building here; the kiosk's runtime libraries must be there
                 already (the image recipe installs them);
                 installs no build packages.
  --overlayroot  also makes the root filesystem read-only with a tmpfs overlay
                 (package overlayroot, overlayroot="tmpfs:recurse=0"). Anything
                 written to / is then lost at power-off, so the kiosk's data,
                 /var/lib/cop-kiosk, must be its own partition (a line in
                 /etc/fstab); the script refuses otherwise. The SD-card image
                 (make image) has that partition.
  --uninstall    stops and disables the service, enables getty@tty1 again,
                 removes the binaries, the unit, the assets and the cmdline.txt
                 words it added, and turns overlayroot off if it turned it on.
                 KEEPS the data in /var/lib/cop-kiosk, the settings in
                 /etc/cop-kiosk, the user and the installed packages.
  --purge        with --uninstall: also removes the user cop-kiosk and
                 /etc/cop-kiosk (the data in /var/lib/cop-kiosk is still kept).
  --help         this text.
EOF
}

say() { printf '%s\n' "$*"; }
die() { printf 'install.sh: %s\n' "$*" >&2; exit 1; }
changes=0
# A step that changed the system: say what, count it.
did() { say "  $*"; changes=$((changes + 1)); }
ok() { say "  ok: $*"; }

mode=install overlay=no purge=no prebuilt=
while [ $# -gt 0 ]; do
	arg=$1
	shift
	case $arg in
	--help | -h) usage; exit 0 ;;
	--overlayroot) overlay=yes ;;
	--prebuilt)
		[ $# -gt 0 ] || die "--prebuilt needs a folder"
		prebuilt=$1
		shift
		if [ ! -x "$prebuilt/cop-kiosk" ] || [ ! -x "$prebuilt/cop-sync" ]; then
			die "$prebuilt has no cop-kiosk and cop-sync to install"
		fi
		;;
	--uninstall) mode=uninstall ;;
	--purge) purge=yes ;;
	*) usage >&2; die "unknown option: $arg" ;;
	esac
done
[ "$purge" = no ] || [ "$mode" = uninstall ] || die "--purge goes with --uninstall"
[ "$overlay" = no ] || [ "$mode" = install ] || die "--overlayroot does not go with --uninstall"
[ -z "$prebuilt" ] || [ "$mode" = install ] || die "--prebuilt does not go with --uninstall"
[ "$(id -u)" = 0 ] || die "run me as root: sudo $0"

# The clone this script belongs to.
repo=$(cd "$(dirname "$0")/.." && pwd)
if [ -n "$prebuilt" ]; then prebuilt=$(cd "$prebuilt" && pwd); fi
# The languages of the kiosk's words, one kiosk/po/LANG.po each.
languages=$(for po in "$repo"/kiosk/po/*.po; do [ -e "$po" ] && basename "$po" .po; done)
for l in $languages; do
	[ -z "$prebuilt" ] || [ -f "$prebuilt/locale/$l/LC_MESSAGES/cop-kiosk.mo" ] ||
		die "$prebuilt has no locale/$l/LC_MESSAGES/cop-kiosk.mo (the kiosk's words in $l): make builds it"
done
if [ ! -f "$repo/Makefile" ] || [ ! -f "$repo/kiosk/main.c" ]; then
	die "$repo is not a CoP Kiosk clone: run image/install.sh from the repository"
fi
cd "$repo"

# systemd is running (a booted system) or not (a chroot, an image being built):
# enable/disable work on the unit files either way; start/stop need it running.
systemd_running() { [ -d /run/systemd/system ]; }

is_installed() { dpkg-query -W -f='${Status}' "$1" 2>/dev/null | grep -q 'ok installed'; }

apt_install() {
	missing=
	for p in "$@"; do is_installed "$p" || missing="$missing $p"; done
	if [ -z "$missing" ]; then
		ok "packages present: $*"
		return 0
	fi
	say "  installing packages:$missing"
	apt-get update -qq
	# shellcheck disable=SC2086 # $missing is a list of words
	DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends $missing
	changes=$((changes + 1))
}

# install_file SRC DEST MODE: copies only when the content or mode differ.
install_file() {
	if [ -f "$2" ] && cmp -s "$1" "$2" && [ "$(stat -c %a "$2")" = "$3" ]; then
		ok "$2 is up to date"
	else
		install -D -m "$3" "$1" "$2"
		did "installed $2"
	fi
}

remove_path() {
	if [ -e "$1" ] || [ -L "$1" ]; then
		rm -rf "$1"
		did "removed $1"
	else
		ok "$1 is not there"
	fi
}

unit_enabled() { [ "$(systemctl is-enabled "$1" 2>/dev/null || true)" = enabled ]; }

# cmdline_edit add|remove WORD: cmdline.txt is one line of words.
cmdline_edit() {
	tmp=$(mktemp)
	awk -v op="$1" -v w="$2" '
		NR == 1 { n = split($0, a, " "); out = ""
			for (i = 1; i <= n; i++) if (op == "add" || a[i] != w) out = out (out == "" ? "" : " ") a[i]
			if (op == "add") out = out " " w
			print out; next }
		{ print }' "$CMDLINE" >"$tmp"
	cat "$tmp" >"$CMDLINE" # keeps the file's owner and mode (vfat)
	rm -f "$tmp"
}
cmdline_has() { head -n 1 "$CMDLINE" | tr ' ' '\n' | grep -qxF "$1"; }

# Installs the build packages and builds build/cop-kiosk and build/cop-sync.
build_here() {
	say "Packages:"
	# make runs the rest; adduser makes the user; systemd gives systemctl;
	# libsystemd-dev makes the build notify systemd (the unit is Type=notify:
	# without it systemd would kill the kiosk after 90 s of "starting").
	apt_install make adduser systemd libsystemd-dev
	log=$(mktemp)
	if ! make --no-print-directory -s deps >"$log" 2>&1; then
		cat "$log" >&2; rm -f "$log"; die "make deps failed"
	fi
	if [ -s "$log" ]; then
		sed 's/^/  /' "$log"; changes=$((changes + 1))
	else
		ok "build packages present (make deps)"
	fi
	rm -f "$log"

	say "Build:"
	# A build made before libsystemd-dev was installed does not notify: redo it.
	if [ -x build/cop-kiosk ] && ! ldd build/cop-kiosk | grep -q libsystemd; then
		say "  build/cop-kiosk was built without libsystemd: building it again"
		rm -f build/cop-kiosk
	fi
	# Build as the clone's owner, so that a later `make` by them still works.
	owner=$(stat -c %U "$repo")
	run_make() { if [ "$owner" = root ]; then make "$@"; else runuser -u "$owner" -- make "$@"; fi; }
	set -- build/cop-kiosk build/cop-sync
	for po in kiosk/po/*.po; do
		[ -e "$po" ] && set -- "$@" "build/locale/$(basename "$po" .po)/LC_MESSAGES/cop-kiosk.mo"
	done
	if run_make -q "$@" 2>/dev/null; then
		ok "build/cop-kiosk, build/cop-sync and the languages' words are up to date"
	else
		run_make --no-print-directory "$@"
		did "built build/cop-kiosk, build/cop-sync and the languages' words"
	fi
}

install_kiosk() {
	say "Installing CoP Kiosk from $repo"
	if [ -n "$prebuilt" ]; then
		say "Packages:"
		apt_install adduser systemd
		bin=$prebuilt
	else
		build_here
		bin=build
	fi
	ldd "$bin/cop-kiosk" | grep -q libsystemd || die "$bin/cop-kiosk does not link libsystemd"

	say "Files:"
	install_file "$bin/cop-kiosk" "$BIN_DIR/cop-kiosk" 755
	install_file "$bin/cop-sync" "$BIN_DIR/cop-sync" 755
	for l in $languages; do
		install_file "$bin/locale/$l/LC_MESSAGES/cop-kiosk.mo" "$LOCALE_DIR/$l/LC_MESSAGES/cop-kiosk.mo" 644
	done
	if [ -d "$SHARE_DIR/assets" ] && diff -rq assets "$SHARE_DIR/assets" >/dev/null 2>&1; then
		ok "$SHARE_DIR/assets is up to date"
	else
		rm -rf "$SHARE_DIR/assets"
		mkdir -p "$SHARE_DIR"
		cp -R assets "$SHARE_DIR/assets"
		chmod -R u=rwX,go=rX "$SHARE_DIR"
		did "installed $SHARE_DIR/assets"
	fi

	say "User:"
	for g in video input render; do
		if getent group "$g" >/dev/null; then
			ok "group $g exists"
		else
			groupadd --system "$g"
			did "created the system group $g"
		fi
	done
	if id "$USER_NAME" >/dev/null 2>&1; then
		ok "user $USER_NAME exists"
	else
		adduser --quiet --system --group --home "$STATE_DIR" "$USER_NAME"
		did "created the system user $USER_NAME (home $STATE_DIR)"
	fi
	for g in video input render; do
		if id -nG "$USER_NAME" | tr ' ' '\n' | grep -qx "$g"; then
			ok "$USER_NAME is in group $g"
		else
			adduser --quiet "$USER_NAME" "$g"
			did "added $USER_NAME to group $g"
		fi
	done
	# The unit's StateDirectoryMode=0700 would fix this at start; do it now too.
	if [ -d "$STATE_DIR" ] && [ "$(stat -c '%U %a' "$STATE_DIR")" = "$USER_NAME 700" ]; then
		ok "$STATE_DIR belongs to $USER_NAME, mode 700"
	else
		install -d -o "$USER_NAME" -g "$USER_NAME" -m 700 "$STATE_DIR"
		did "made $STATE_DIR (owner $USER_NAME, mode 700)"
	fi

	say "Settings:"
	if [ -e "$CONF" ]; then
		ok "$CONF exists (kept as it is)"
	else
		mkdir -p "$CONF_DIR"
		cat >"$CONF" <<EOF
# CoP Kiosk settings (kiosk/core/config.h). Written by image/install.sh; yours now.
# Other keys: size=WxH in [kiosk]; dir=PATH in [fonts]. The turn of the picture,
# the inactivity timeout and the language of the words are chosen on screen
# (Facilitator, "Kiosk settings"); set here they are fixed and the screen
# says so:
#   rotate=0|90|180|270   (Touch Display 2 mounted upright: 90 or 270)
#   inactivity_seconds=45
#   language=en|cy        (English, Cymraeg)
[kiosk]
db=$STATE_DIR/kiosk.db
fullscreen=yes
EOF
		chmod 644 "$CONF"
		did "wrote $CONF"
	fi

	say "Service:"
	install_file image/cop-kiosk.service "$UNIT" 644
	if systemd_running; then systemctl daemon-reload; fi
	if unit_enabled getty@tty1.service; then
		systemctl disable --quiet getty@tty1.service
		did "disabled the login prompt on tty1 (getty@tty1)"
	else
		ok "getty@tty1 is not enabled"
	fi
	if unit_enabled cop-kiosk.service; then
		ok "cop-kiosk.service is enabled"
	else
		systemctl enable --quiet cop-kiosk.service
		did "enabled cop-kiosk.service (it starts at the next boot)"
	fi

	say "Boot console:"
	if [ -f "$CMDLINE" ]; then
		for w in $QUIET_WORDS; do
			if cmdline_has "$w"; then
				ok "$CMDLINE has $w"
			else
				cmdline_edit add "$w"
				mkdir -p "$CONF_DIR"
				echo "$w" >>"$CMDLINE_RECORD"
				did "added $w to $CMDLINE"
			fi
		done
	else
		ok "no $CMDLINE here (not a Raspberry Pi boot partition): left alone"
	fi

	if [ "$overlay" = yes ]; then
		say "Read-only root (overlayroot):"
		# With a tmpfs overlay every write to / is gone at power-off: the data
		# must live on a filesystem of its own, which recurse=0 leaves writable.
		grep -Eq "^[^#[:space:]]+[[:space:]]+$STATE_DIR/?[[:space:]]" /etc/fstab 2>/dev/null ||
			die "$STATE_DIR is not its own filesystem in /etc/fstab: with a tmpfs overlay the
kiosk's records would be lost at every power-off. Give the data its own partition
(mounted at $STATE_DIR) first, as the SD-card image (make image) does."
		apt_install overlayroot
		if grep -qxF "$OVERLAY_LINE" "$OVERLAY_CONF" 2>/dev/null; then
			ok "$OVERLAY_CONF has $OVERLAY_LINE"
		else
			if grep -q '^overlayroot=' "$OVERLAY_CONF" 2>/dev/null; then
				sed -i "s|^overlayroot=.*|$OVERLAY_LINE|" "$OVERLAY_CONF"
			else
				echo "$OVERLAY_LINE" >>"$OVERLAY_CONF"
			fi
			did "set $OVERLAY_LINE in $OVERLAY_CONF (read-only root from the next boot)"
		fi
	fi

	if [ "$changes" -eq 0 ]; then
		say "Nothing to do: everything was already in place."
	else
		say "Done: $changes changes. Reboot to see the kiosk (or: systemctl start cop-kiosk)."
	fi
}

uninstall_kiosk() {
	say "Uninstalling CoP Kiosk"
	say "Service:"
	if systemd_running; then
		if systemctl is-active --quiet cop-kiosk.service; then
			systemctl stop cop-kiosk.service
			did "stopped cop-kiosk.service"
		else
			ok "cop-kiosk.service is not running"
		fi
	else
		say "  systemd is not running here (System has not been booted with systemd: a chroot?):"
		say "  nothing to stop; the units are enabled and disabled on disk only."
	fi
	if unit_enabled cop-kiosk.service; then
		systemctl disable --quiet cop-kiosk.service
		did "disabled cop-kiosk.service"
	else
		ok "cop-kiosk.service is not enabled"
	fi
	remove_path "$UNIT"
	if systemd_running; then systemctl daemon-reload; fi
	if unit_enabled getty@tty1.service; then
		ok "getty@tty1 is enabled"
	else
		systemctl enable --quiet getty@tty1.service
		did "enabled the login prompt on tty1 again (getty@tty1)"
	fi

	say "Files:"
	remove_path "$BIN_DIR/cop-kiosk"
	remove_path "$BIN_DIR/cop-sync"
	for l in $languages; do
		remove_path "$LOCALE_DIR/$l/LC_MESSAGES/cop-kiosk.mo"
		# The folders install made, if nothing else uses them.
		rmdir "$LOCALE_DIR/$l/LC_MESSAGES" "$LOCALE_DIR/$l" 2>/dev/null || true
	done
	remove_path "$SHARE_DIR"

	say "Boot console:"
	if [ -f "$CMDLINE_RECORD" ] && [ -f "$CMDLINE" ]; then
		while read -r w; do
			if cmdline_has "$w"; then
				cmdline_edit remove "$w"
				did "removed $w from $CMDLINE"
			fi
		done <"$CMDLINE_RECORD"
		rm -f "$CMDLINE_RECORD"
	else
		ok "no words of ours in $CMDLINE"
	fi

	say "Read-only root:"
	if grep -qxF "$OVERLAY_LINE" "$OVERLAY_CONF" 2>/dev/null; then
		sed -i 's|^overlayroot=.*|overlayroot=""|' "$OVERLAY_CONF"
		did "turned overlayroot off in $OVERLAY_CONF (from the next boot; the package stays)"
	else
		ok "overlayroot is not set by us"
	fi

	say "Kept:"
	if [ -d "$STATE_DIR" ]; then
		say "  the data in $STATE_DIR ($(du -sh "$STATE_DIR" | cut -f1)) is KEPT; delete it yourself if you mean to."
	fi
	say "  the build packages stay installed."
	if [ "$purge" = yes ]; then
		remove_path "$CONF_DIR"
		if id "$USER_NAME" >/dev/null 2>&1; then
			deluser --quiet --system "$USER_NAME"
			did "removed the user $USER_NAME (its files keep its old uid)"
		else
			ok "user $USER_NAME is not there"
		fi
	else
		if [ -d "$CONF_DIR" ]; then say "  the settings in $CONF_DIR are kept (--purge removes them)."; fi
		if id "$USER_NAME" >/dev/null 2>&1; then say "  the user $USER_NAME is kept (--purge removes it)."; fi
	fi

	if [ "$changes" -eq 0 ]; then
		say "Nothing to do: CoP Kiosk was not installed."
	else
		say "Done: $changes changes."
	fi
}

if [ "$mode" = install ]; then install_kiosk; else uninstall_kiosk; fi
