# image/cop-kiosk.service passes `systemd-analyze verify` without a single
# warning (verify exits 0 on unknown keys and bad values: its output must be
# empty), and keeps the settings the Pi relies on: notify + watchdog, restart for
# ever, tty1, the device groups, the hardening, and never PrivateDevices.
. "$TESTS/ui/lib.sh"
unit="$TESTS/../image/cop-kiosk.service"
command -v systemd-analyze >/dev/null || die "systemd-analyze is missing (apt-get install systemd)"
# verify checks that ExecStart exists: point it at the binary under test.
sed "s#^ExecStart=/usr/local/bin/cop-kiosk #ExecStart=$KIOSK #" "$unit" >cop-kiosk.service
grep -q "^ExecStart=$KIOSK --fullscreen --db /var/lib/cop-kiosk/kiosk.db$" cop-kiosk.service ||
	die "ExecStart is not /usr/local/bin/cop-kiosk --fullscreen --db /var/lib/cop-kiosk/kiosk.db"
# No manual pages or generators: the same answer offline, in a chroot or a container.
systemd-analyze verify --man=no --generators=no "$PWD/cop-kiosk.service" >verify.out 2>&1 ||
	{ cat verify.out >&2; die "systemd-analyze verify failed"; }
[ ! -s verify.out ] || { cat verify.out >&2; die "systemd-analyze verify warned"; }
for line in Type=notify WatchdogSec=30 Restart=always RestartSec=2 User=cop-kiosk \
	"SupplementaryGroups=video input render" StateDirectory=cop-kiosk Conflicts=getty@tty1.service \
	TTYPath=/dev/tty1 StandardInput=tty ProtectSystem=strict ProtectHome=yes PrivateTmp=yes \
	NoNewPrivileges=yes CapabilityBoundingSet= "RestrictAddressFamilies=AF_UNIX AF_NETLINK" \
	ProtectKernelTunables=yes ProtectKernelModules=yes ProtectKernelLogs=yes ProtectControlGroups=yes \
	RestrictNamespaces=yes LockPersonality=yes SystemCallArchitectures=native; do
	grep -qx "$line" "$unit" || die "the unit lacks the line $line"
done
grep -q '^After=.*systemd-user-sessions.service' "$unit" || die "the unit does not start after user sessions"
grep -q '^PrivateDevices' "$unit" && die "PrivateDevices hides /dev/dri from the kiosk"
grep -q '^MemoryDenyWriteExecute' "$unit" && die "MemoryDenyWriteExecute kills the kiosk where mesa draws with llvmpipe"

# The online space's unit: verified too, and exposed less than 2.0 by
# `systemd-analyze security` (10 is a service with no hardening at all).
sed "s#^ExecStart=/usr/local/bin/cop-sync #ExecStart=$COP_SYNC #" "$TESTS/../image/cop-sync.service" >cop-sync.service
grep -q "^ExecStart=$COP_SYNC serve --archive /var/lib/cop-sync/archive.db --listen 127.0.0.1:8080$" cop-sync.service ||
	die "cop-sync.service does not run cop-sync serve on its archive"
systemd-analyze verify --man=no --generators=no "$PWD/cop-sync.service" >verify.out 2>&1 ||
	{ cat verify.out >&2; die "systemd-analyze verify failed on cop-sync.service"; }
[ ! -s verify.out ] || { cat verify.out >&2; die "systemd-analyze verify warned on cop-sync.service"; }
systemd-analyze security --offline=yes --threshold=20 "$PWD/cop-sync.service" >security.out 2>&1 ||
	{ tail -3 security.out >&2; die "systemd-analyze security failed on cop-sync.service"; }
exposure=$(sed -n 's/.*Overall exposure level for cop-sync.service: \([0-9.]*\).*/\1/p' security.out)
[ -n "$exposure" ] || die "no exposure level: $(tail -3 security.out)"
awk "BEGIN { exit !($exposure < 2.0) }" || die "cop-sync.service is exposed at $exposure (2.0 or more)"
sed '/^ProtectSystem=/d; /^SystemCallFilter=/d; /^CapabilityBoundingSet=/d' cop-sync.service >loose.service
systemd-analyze security --offline=yes --threshold=100 "$PWD/loose.service" >loose.out 2>&1 || true
loose=$(sed -n 's/.*Overall exposure level for loose.service: \([0-9.]*\).*/\1/p' loose.out)
awk "BEGIN { exit !($loose > $exposure) }" || die "the exposure check does not notice a looser unit"

# A broken unit is caught: the check is not vacuous.
sed 's/^Restart=always/Restart=alwayz/' cop-kiosk.service >broken.service
systemd-analyze verify --man=no --generators=no "$PWD/broken.service" >broken.out 2>&1 || true
grep -q 'alwayz' broken.out || die "verify did not notice a bad value"
exit 0
