# Under systemd (Type=notify, WatchdogSec=) the kiosk says READY=1 once its
# first frame is shown, then pings WATCHDOG=1 from its loop at half the
# watchdog period even while idle on the home screen, and STOPPING=1 on the way
# out. Built without libsystemd it sends nothing at all. A stand-in for systemd
# listens on $NOTIFY_SOCKET.
. "$TESTS/ui/lib.sh"
demo_db
if readelf -d "$BUILD/cop-kiosk" | grep NEEDED | grep -q 'libsystemd\.so'; then with=1; else with=0; fi
WITH_SYSTEMD=$with python3 - "$KIOSK" "$DB" <<'EOF'
import os, signal, socket, subprocess, sys, time
kiosk, db = sys.argv[1], sys.argv[2]
with_systemd = os.environ["WITH_SYSTEMD"] == "1"
path = os.path.abspath("notify.sock")
sock = socket.socket(socket.AF_UNIX, socket.SOCK_DGRAM)
sock.bind(path)
# Software drawing, as in scripts: the offscreen GL driver leaks under ASan.
env = dict(os.environ, NOTIFY_SOCKET=path, WATCHDOG_USEC="400000",  # a ping every 200 ms
           SDL_FRAMEBUFFER_ACCELERATION="0", SDL_RENDER_DRIVER="software")
proc = subprocess.Popen([kiosk, "--db", db, "--size", "800x480"], env=env)
got, times = [], []
def fail(why):
    proc.kill()
    sys.exit("FAILED: %s (received %r)" % (why, got))
# Three pings after READY=1 prove the idle loop wakes for the watchdog.
limit = time.monotonic() + (60 if with_systemd else 3)
while got.count("WATCHDOG=1") < 4 and time.monotonic() < limit:
    sock.settimeout(max(0.01, limit - time.monotonic()))
    try:
        msg = sock.recv(4096).decode()
    except socket.timeout:
        break
    got.append(msg)
    times.append(time.monotonic())
    if proc.poll() is not None:
        break
proc.send_signal(signal.SIGTERM)  # SDL turns it into a quit
try:
    status = proc.wait(30)
except subprocess.TimeoutExpired:
    fail("the kiosk did not stop on SIGTERM")
if status != 0:
    fail("the kiosk exited with status %d" % status)
sock.settimeout(1)
try:
    got.append(sock.recv(4096).decode())
except socket.timeout:
    pass
if not with_systemd:
    if got:
        fail("a build without libsystemd notified systemd")
    sys.exit(0)
if not got or got[0] != "READY=1":
    fail("the first message is not READY=1")
if got.count("WATCHDOG=1") < 4:
    fail("fewer than four watchdog pings")
if got[-1] != "STOPPING=1":
    fail("no STOPPING=1 on the way out")
# Pings come every 200 ms: never more often, and (with room for a loaded machine) never stalled.
pings = [t for m, t in zip(got, times) if m == "WATCHDOG=1"]
gaps = [b - a for a, b in zip(pings[1:], pings[2:])]
if any(g > 1.0 or g < 0.15 for g in gaps):
    fail("watchdog pings %r s apart, not about 0.2 s" % gaps)
EOF
