"""Contact sheets of the screen tour: for each LANG-SIZE, one PNG with a
thumbnail of every screen LANG-SIZE-NN.png in DIR, numbered NN as the tour
numbers it (the number its faults are reported against).

Usage: python3 screen_check_sheets.py DIR FONT.ttf
Writes DIR/sheet-LANG-SIZE.png and prints each path. Needs python3-pil.
"""
import glob
import os
import re
import sys

from PIL import Image, ImageDraw, ImageFont

THUMB_AREA = 320 * 200  # about the same area for every screen shape
COLUMNS = 6
LABEL = 28
GAP = 12


def sheet(paths, font, out):
    first = Image.open(paths[0])
    scale = (THUMB_AREA / (first.width * first.height)) ** 0.5
    tw, th = int(first.width * scale), int(first.height * scale)
    cols = min(COLUMNS if tw < th * 2 else 4, len(paths))
    rows = (len(paths) + cols - 1) // cols
    cw, ch = tw + GAP, th + LABEL + GAP
    page = Image.new("RGB", (cols * cw + GAP, rows * ch + GAP), (240, 244, 245))
    draw = ImageDraw.Draw(page)
    for i, path in enumerate(paths):
        x, y = GAP + (i % cols) * cw, GAP + (i // cols) * ch
        number = re.search(r"-(\d+)\.png$", path).group(1)
        draw.text((x, y), number, fill=(33, 43, 50), font=font)
        shot = Image.open(path).convert("RGB").resize((tw, th), Image.LANCZOS)
        page.paste(shot, (x, y + LABEL))
        draw.rectangle((x - 1, y + LABEL - 1, x + tw, y + LABEL + th), outline=(174, 183, 189))
    page.save(out)


def main():
    folder, font_path = sys.argv[1], sys.argv[2]
    font = ImageFont.truetype(font_path, 22)
    groups = {}
    for path in glob.glob(os.path.join(folder, "*-*-[0-9]*.png")):
        match = re.match(r"(.+)-(\d+)\.png$", os.path.basename(path))
        if match:
            groups.setdefault(match.group(1), []).append(path)
    if not groups:
        sys.exit("no screens in " + folder)
    for name, paths in sorted(groups.items()):
        paths.sort(key=lambda p: int(re.search(r"-(\d+)\.png$", p).group(1)))
        out = os.path.join(folder, "sheet-" + name + ".png")
        sheet(paths, font, out)
        print(out)


main()
