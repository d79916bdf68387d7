#!/usr/bin/python3
"""The online space as a phone uses it, in Debian's headless Chromium driven by
chromium-driver (Selenium), its camera a fake one playing a video file.

  browser.py receive URL VIDEO [--offline SERVE-COMMAND PIDFILE] [--shot FILE]
      Signs in, opens /receive, waits for the receipt and prints it. With
      --offline the server (pid in PIDFILE) is stopped once the page is cached,
      the page is reloaded from the phone's cache and reads frames with no
      server, then SERVE-COMMAND starts the server again (its pid written to
      PIDFILE): the frames kept on the phone must complete the batch.
  browser.py shots URL PREFIX PATH...
      Signs in and saves each page at 390x844 and 1280x800 as PREFIX-N-WxH.png
      (the whole page), and fails on text wider than the screen.
  browser.py upload URL FILE [--shot PREFIX]
      Signs in and uploads FILE with the receive page's "Upload a batch file"
      form; prints the receipt code shown (or "refused: " and the page's text).
Prints what the page showed on failure. User "keeper", password in $PASSWORD.
"""
import os
import shlex
import signal
import subprocess
import sys
import tempfile
import time

from selenium import webdriver
from selenium.webdriver.chrome.options import Options
from selenium.webdriver.chrome.service import Service
from selenium.webdriver.common.by import By


def browser(width, height, video=None):
    o = Options()
    o.binary_location = "/usr/bin/chromium"
    # Without the background-networking flags Chromium tries hosts this
    # machine cannot reach; a fresh profile each time.
    for a in ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
              "--disable-background-networking", "--disable-component-update", "--disable-sync",
              "--hide-scrollbars", "--force-device-scale-factor=1", "--ignore-certificate-errors",
              "--user-data-dir=" + tempfile.mkdtemp(prefix="chromium-"),
              "--window-size=%d,%d" % (width, height)]:
        o.add_argument(a)
    if video:
        o.add_argument("--use-fake-device-for-media-stream")
        o.add_argument("--use-fake-ui-for-media-stream")
        o.add_argument("--use-file-for-fake-video-capture=" + video)
    o.set_capability("goog:loggingPrefs", {"browser": "ALL"})
    d = webdriver.Chrome(service=Service("/usr/bin/chromedriver"), options=o)
    size(d, width, height)
    return d


def size(d, width, height):
    d.execute_cdp_cmd("Emulation.setDeviceMetricsOverride",
                      {"width": width, "height": height, "deviceScaleFactor": 1, "mobile": width < 500})


def sign_in(d, url):
    d.get(url + "/signin")
    d.find_element(By.ID, "name").send_keys("keeper")
    d.find_element(By.ID, "password").send_keys(os.environ["PASSWORD"])
    d.find_element(By.CSS_SELECTOR, "button[type=submit]").click()
    wait(d, lambda: "/signin" not in d.current_url, 30, "sign-in")


def shown(d):
    return d.execute_script(
        "const t = id => (document.getElementById(id) || {}).textContent || '';"
        "return {progress: t('progress-text'), status: t('status'), receipt: t('receipt-code'),"
        " kiosk: t('kiosk'), sealed: t('sealed'), fps: t('fps'),"
        " stats: window.copReceive ? window.copReceive.stats() : null}")


def wait(d, cond, seconds, what):
    end = time.time() + seconds
    while time.time() < end:
        if cond():
            return
        time.sleep(0.25)
    for e in d.get_log("browser"):
        print("console:", e["level"], e["message"][:300], file=sys.stderr)
    try:
        print("page showed:", shown(d), file=sys.stderr)
    except Exception:  # the page itself may be what failed
        pass
    sys.exit("timed out waiting for " + what)


def stop(pidfile):
    pid = int(open(pidfile).read())
    os.kill(pid, signal.SIGTERM)
    for _ in range(200):
        try:
            # Gone, or a zombie its shell has not waited for yet: stopped.
            if open("/proc/%d/stat" % pid).read().split(")")[-1].split()[0] == "Z":
                return
        except FileNotFoundError:
            return
        time.sleep(0.05)
    sys.exit("the server did not stop")


def receive(url, video, offline, shot):
    d = browser(390, 844, video)
    try:
        sign_in(d, url)
        if offline:
            # No code may reach the server before it stops: the phone is
            # offline for the frames API from the start.
            d.execute_cdp_cmd("Network.enable", {})
            d.execute_cdp_cmd("Network.setBlockedURLs", {"urls": ["*/api/frames"]})
        d.get(url + "/receive")
        if offline:
            command, pidfile = offline
            # The page and its decoder cached by the service worker first.
            wait(d, lambda: d.execute_script("return !!navigator.serviceWorker.controller"), 30,
                 "the service worker")
            wait(d, lambda: d.execute_async_script(
                "caches.keys().then(ks => Promise.all(ks.map(k => caches.open(k).then(c => c.keys()))))"
                ".then(rs => arguments[0](rs.flat().some(r => r.url.endsWith('.wasm'))))"), 30,
                 "the decoder in the phone's cache")
            stop(pidfile)
            d.get(url + "/receive")  # from the phone's cache: no server
            wait(d, lambda: "Saved on this phone" in shown(d)["status"]
                 and (shown(d)["stats"] or {}).get("frames", 0) >= 20, 120, "frames kept offline")
            held = shown(d)["stats"]["frames"]
            print("read with no server: %d frames, kept on the phone" % held, file=sys.stderr)
            if shot:
                d.save_screenshot(shot.replace(".png", "-offline.png"))
            log = open("server-again.log", "w")
            server = subprocess.Popen(shlex.split(command), stdin=subprocess.DEVNULL,
                                  stdout=subprocess.DEVNULL, stderr=log)
            open(pidfile, "w").write(str(server.pid))
            d.execute_cdp_cmd("Network.setBlockedURLs", {"urls": []})
        # Timed from the first code the page holds to the receipt it shows.
        first = None
        fps = []
        end = time.time() + 240
        while time.time() < end:
            s = shown(d)
            if first is None and (s["stats"] or {}).get("frames", 0) > 0:
                first = time.time()
            if first is not None and s["fps"].strip():
                fps.append(float(s["fps"]))
            if s["receipt"].strip():
                break
            time.sleep(0.1)
        wait(d, lambda: shown(d)["receipt"].strip() != "", 1, "the receipt")
        s = shown(d)
        if first is not None:
            print("bench: %.1f s from the first code read to the receipt; codes read a second: "
                  "%.1f on average, %.1f at most; %d decode attempts" % (
                      time.time() - first, sum(fps) / max(len(fps), 1), max(fps or [0]),
                      s["stats"]["attempts"]), file=sys.stderr)
        print("page: %s; %s; kiosk %s; %s; decoder %s, %s frames kept" % (
            s["progress"], s["status"], s["kiosk"], s["sealed"], s["stats"]["decoder"],
            s["stats"]["frames"]), file=sys.stderr)
        if shot:
            d.save_screenshot(shot)
        print(s["receipt"].strip())
    finally:
        d.quit()


def shot(d, url, path, width, height, name):
    """Saves the whole page; fails on a page wider than the screen."""
    size(d, width, height)
    d.get(url + path)
    time.sleep(1.0)  # charts drawn
    wide = d.execute_script("return document.documentElement.scrollWidth")
    if wide > width:
        sys.exit("%s at %dx%d is %d px wide: something does not fit" % (path, width, height, wide))
    full = d.execute_script("return document.documentElement.scrollHeight")
    size(d, width, max(height, min(full, 16000)))
    time.sleep(0.3)
    d.save_screenshot(name)


def shots(url, prefix, paths):
    sizes = [(390, 844), (1280, 800)]
    d = browser(390, 844)
    try:
        for width, height in sizes:
            shot(d, url, "/signin", width, height, "%s-signin-%dx%d.png" % (prefix, width, height))
        sign_in(d, url)
        for width, height in sizes:
            for n, path in enumerate(paths):
                shot(d, url, path, width, height, "%s-%d-%dx%d.png" % (prefix, n, width, height))
    finally:
        d.quit()


def upload(url, path, shot):
    """Uploads the batch file at path with the receive page's form, as a person
    would (no script involved); prints the receipt code shown, or the notice."""
    d = browser(390, 844)
    try:
        sign_in(d, url)
        d.get(url + "/receive")
        d.find_element(By.ID, "batch-file").send_keys(os.path.abspath(path))
        d.find_element(By.CSS_SELECTOR, "form.app-upload button[type=submit]").click()
        wait(d, lambda: "/receive/upload" in d.current_url, 30, "the upload's answer")
        if shot:
            for width, height in [(390, 844), (1280, 800)]:
                size(d, width, height)
                time.sleep(0.3)
                d.save_screenshot("%s-%dx%d.png" % (shot, width, height))
        codes = d.find_elements(By.ID, "receipt-code")
        print(codes[0].text if codes else "refused: " + d.find_element(By.TAG_NAME, "main").text)
    finally:
        d.quit()


def main(argv):
    if len(argv) >= 3 and argv[0] == "receive":
        offline = shot = None
        rest = argv[3:]
        while rest:
            if rest[0] == "--offline" and len(rest) >= 3:
                offline, rest = (rest[1], rest[2]), rest[3:]
            elif rest[0] == "--shot" and len(rest) >= 2:
                shot, rest = rest[1], rest[2:]
            else:
                sys.exit("unknown argument " + rest[0])
        receive(argv[1], argv[2], offline, shot)
    elif len(argv) in (3, 5) and argv[0] == "upload":
        upload(argv[1], argv[2], argv[4] if len(argv) == 5 and argv[3] == "--shot" else None)
    elif len(argv) >= 4 and argv[0] == "shots":
        shots(argv[1], argv[2], argv[3:])
    else:
        sys.exit(__doc__)


if __name__ == "__main__":
    main(sys.argv[1:])
