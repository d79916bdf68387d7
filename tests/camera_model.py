#!/usr/bin/python3
"""camera_model: the kiosk's screen as a hand-held phone films it, and ZXing
reading that picture. Used by the camera test and by `make bench`.

The model (the figures issue 13 names for a phone held at arm's length):
- the panel: its own pixels, each drawn as its red, green and blue stripes,
  with the backlight's black level (an LCD's black is not black);
- the phone: 1280x720, 65 degrees of horizontal field of view, aimed at the
  code from DISTANCE along its axis, the screen turned 20 degrees about its
  vertical axis and 3 degrees about the axis of view (a hand is never level);
- lens blur (a Gaussian of 0.7 px), 2 px of motion blur at 30 degrees,
  sensor noise, then JPEG at quality 60, as a browser's camera frames are.

Usage:
  camera_model.py read SCREEN.png CODE_DIR PANEL_MM DISTANCE_CM OUT.txt
      Pastes each CODE_DIR/frame-*.png (from `cop-kiosk frames`) where the
      first frame shows in SCREEN.png (a screenshot of the Sync screen), films
      it at DISTANCE_CM and writes the texts ZXing read, one a line; prints
      "read R of N frames at D cm".
  camera_model.py rate SCREEN.png CODE_DIR PANEL_MM DISTANCE_CM...
      Prints the share of frames ZXing reads at each distance.
PANEL_MM is the panel's width x height in millimetres, as 155x86.
"""
import glob
import math
import os
import sys

import cv2
import numpy as np
import zxingcpp

CAMERA_W, CAMERA_H = 1280, 720
FIELD_DEG = 65.0
TILT_DEG = 20.0
ROLL_DEG = 3.0
LENS_SIGMA = 0.7
MOTION_PX = 2
MOTION_DEG = 30.0
NOISE = 3.0
JPEG_QUALITY = 60
BLACK, WHITE = 28, 235        # what the camera sees of the panel's black and white
ROOM, BEZEL = 110, 20         # grey levels around the panel


def focal_px():
    return CAMERA_W / 2 / math.tan(math.radians(FIELD_DEG / 2))


def stripes(screen):
    """The screen at three times its size, each pixel its R, G, B stripes."""
    h, w = screen.shape[:2]
    big = np.zeros((h * 3, w * 3, 3), np.uint8)
    rgb = cv2.resize(screen, (w * 3, h * 3), interpolation=cv2.INTER_NEAREST)
    for channel, offset in ((2, 0), (1, 1), (0, 2)):  # BGR: red stripe first
        big[:, offset::3, channel] = rgb[:, offset::3, channel]
    # The eye and the camera see a stripe's light spread over its pixel.
    return cv2.addWeighted(big, 0.75, rgb, 0.25, 0)


def project(x_mm, y_mm, distance_mm):
    """Camera pixel of a point on the panel, in mm from where the camera aims."""
    t, r = math.radians(TILT_DEG), math.radians(ROLL_DEG)
    x, z = x_mm * math.cos(t), distance_mm + x_mm * math.sin(t)
    x, y = x * math.cos(r) - y_mm * math.sin(r), x * math.sin(r) + y_mm * math.cos(r)
    f = focal_px()
    return CAMERA_W / 2 + f * x / z, CAMERA_H / 2 + f * y / z


def motion_kernel():
    size = 2 * MOTION_PX + 1
    k = np.zeros((size, size), np.float32)
    dx = MOTION_PX * math.cos(math.radians(MOTION_DEG))
    dy = MOTION_PX * math.sin(math.radians(MOTION_DEG))
    c = MOTION_PX
    cv2.line(k, (round(c - dx / 2), round(c - dy / 2)), (round(c + dx / 2), round(c + dy / 2)), 1.0, 1,
             cv2.LINE_AA)
    return k / k.sum()


def film(screen, panel_mm, distance_cm, aim, seed=0):
    """What the phone records of screen (BGR pixels of the whole panel, whose
    physical size is panel_mm = (w, h)), aimed at screen pixel aim from
    distance_cm: a BGR picture of 1280x720 after JPEG."""
    h, w = screen.shape[:2]
    pitch = (panel_mm[0] / w + panel_mm[1] / h) / 2
    lit = cv2.convertScaleAbs(screen, alpha=(WHITE - BLACK) / 255.0, beta=BLACK)
    src = stripes(lit)
    # Shrink by area to about twice the camera's scale first, so the warp
    # below does not alias (a sensor pixel sums the light that falls on it).
    cam_px_per_mm = focal_px() / (distance_cm * 10)
    scale = min(1.0, 2 * cam_px_per_mm * pitch / 3)
    sw, sh = max(1, round(src.shape[1] * scale)), max(1, round(src.shape[0] * scale))
    src = cv2.resize(src, (sw, sh), interpolation=cv2.INTER_AREA)
    corners = [(0, 0), (sw, 0), (sw, sh), (0, sh)]
    to_mm = [((x / sw * w - aim[0]) * pitch, (y / sh * h - aim[1]) * pitch) for x, y in corners]
    dst = [project(x, y, distance_cm * 10) for x, y in to_mm]
    m = cv2.getPerspectiveTransform(np.float32(corners), np.float32(dst))
    frame = np.full((CAMERA_H, CAMERA_W, 3), ROOM, np.uint8)
    # The bezel: a dark frame of 8 mm around the panel.
    bezel = [((x / sw * w - aim[0]) * pitch + (8 if x else -8), (y / sh * h - aim[1]) * pitch + (8 if y else -8))
             for x, y in corners]
    cv2.fillConvexPoly(frame, np.int32([project(x, y, distance_cm * 10) for x, y in bezel]), (BEZEL,) * 3)
    frame = cv2.warpPerspective(src, m, (CAMERA_W, CAMERA_H), dst=frame, flags=cv2.INTER_LINEAR,
                                borderMode=cv2.BORDER_TRANSPARENT)
    frame = cv2.GaussianBlur(frame, (0, 0), LENS_SIGMA)
    frame = cv2.filter2D(frame, -1, motion_kernel())
    cv2.setRNGSeed(seed)
    noise = np.empty(frame.shape, np.int16)
    cv2.randn(noise, 0, NOISE)
    frame = cv2.add(frame, noise, dtype=cv2.CV_8U)
    ok, jpeg = cv2.imencode(".jpg", frame, [cv2.IMWRITE_JPEG_QUALITY, JPEG_QUALITY])
    assert ok
    return cv2.imdecode(jpeg, cv2.IMREAD_COLOR)


def decode(picture):
    """The text of the QR code ZXing reads in picture, or None."""
    r = zxingcpp.read_barcode(picture, formats=zxingcpp.BarcodeFormat.QRCode)
    return r.text if r is not None and r.valid else None


def parse_mm(text):
    w, h = text.lower().split("x")
    return float(w), float(h)


def code_frames(code_dir):
    frames = sorted(glob.glob(os.path.join(code_dir, "frame-*.png")))
    if not frames:
        sys.exit("camera_model: no frame-*.png in " + code_dir)
    return frames


def where(screen, first_code):
    """The top left corner of the code in the screenshot."""
    found = cv2.matchTemplate(cv2.cvtColor(screen, cv2.COLOR_BGR2GRAY), first_code, cv2.TM_SQDIFF)
    best, _, at, _ = cv2.minMaxLoc(found)
    if best > first_code.size:  # (a sum of squares computed by FFT: not exactly 0)
        sys.exit("camera_model: the first frame is not on the screenshot as drawn")
    return at


def read_all(screen_png, code_dir, panel_mm, distance_cm):
    """[(frame path, text or None)] of every frame filmed on the screen."""
    screen = cv2.imread(screen_png, cv2.IMREAD_COLOR)
    frames = code_frames(code_dir)
    first = cv2.imread(frames[0], cv2.IMREAD_GRAYSCALE)
    x, y = where(screen, first)
    aim = (x + first.shape[1] / 2, y + first.shape[0] / 2)
    out = []
    for i, path in enumerate(frames):
        code = cv2.imread(path, cv2.IMREAD_GRAYSCALE)
        shown = screen.copy()
        shown[y:y + code.shape[0], x:x + code.shape[1]] = cv2.cvtColor(code, cv2.COLOR_GRAY2BGR)
        out.append((path, decode(film(shown, panel_mm, distance_cm, aim, seed=i))))
    return out


def main(args):
    if len(args) == 6 and args[0] == "read":
        results = read_all(args[1], args[2], parse_mm(args[3]), float(args[4]))
        with open(args[5], "w") as f:
            for _, text in results:
                if text:
                    f.write(text + "\n")
        n = sum(1 for _, t in results if t)
        print("read %d of %d frames at %s cm" % (n, len(results), args[4]))
        return 0
    if len(args) >= 5 and args[0] == "rate":
        for d in args[4:]:
            results = read_all(args[1], args[2], parse_mm(args[3]), float(d))
            n = sum(1 for _, t in results if t)
            print("%s cm: ZXing read %d of %d frames (%.0f%%)" % (d, n, len(results), 100.0 * n / len(results)))
        return 0
    sys.stderr.write(__doc__)
    return 2


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
