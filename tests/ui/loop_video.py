#!/usr/bin/python3
"""loop_video.py PNG_DIR OUT.mjpeg [--cycles N] [--start F] [--drop F]

The kiosk's loop as a phone's camera would film it: the frames `cop-kiosk
frames` wrote, five a second (the Sync screen's rate) in a 30 frames a second
MJPEG video at 1280x720 for Chromium's fake camera, for N cycles of the loop,
joined at fraction F of the loop (0: its start), with a fraction of the frames
shown missed at random (the same each run), as a hand that shakes misses them.
"""
import os
import random
import subprocess
import sys
import tempfile

args = sys.argv[1:]
if len(args) < 2:
    sys.exit(__doc__)
src, out, opts = args[0], args[1], dict(zip(args[2::2], args[3::2]))
cycles = int(opts.get("--cycles", 2))
start = float(opts.get("--start", 0))
drop = float(opts.get("--drop", 0))
loop = sorted(os.path.join(src, f) for f in os.listdir(src) if f.endswith(".png"))
if not loop:
    sys.exit("no frames in " + src)
first = int(start * len(loop))
shown = [loop[(first + i) % len(loop)] for i in range(cycles * len(loop))]
rng = random.Random(7)
blank = os.path.join(tempfile.mkdtemp(), "blank.png")
subprocess.run(["ffmpeg", "-loglevel", "error", "-f", "lavfi", "-i", "color=white:s=436x436",
                "-frames:v", "1", blank], check=True)
with tempfile.NamedTemporaryFile("w", suffix=".txt", delete=False) as listing:
    for f in shown:
        # A missed frame: the camera saw the screen between codes.
        listing.write("file '%s'\nduration 0.2\n" % (blank if rng.random() < drop else os.path.abspath(f)))
    listing.write("file '%s'\n" % os.path.abspath(shown[-1]))
subprocess.run(["ffmpeg", "-loglevel", "error", "-y", "-f", "concat", "-safe", "0", "-i", listing.name,
                "-vf", "pad=1280:720:(ow-iw)/2:(oh-ih)/2:white,format=yuvj420p", "-r", "30",
                "-c:v", "mjpeg", "-q:v", "3", "-f", "mjpeg", out], check=True)
