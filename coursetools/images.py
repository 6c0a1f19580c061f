"""The generator of the course's bundled royalty-free images (``autograder/data/images/``).

The course authors run it once (``python -m coursetools.images``) and commit the PNG files and their
``catalogue.json``; the runtime package only reads them (:func:`autograder.visuals.catalogue`,
:func:`autograder.visuals.image_path`). The drawing is deterministic: regenerating gives the committed
pictures and catalogue (tested by ``tests/test_coursetools_images.py``).
"""

from __future__ import annotations

import json
import random
import sys
from pathlib import Path

from PIL import Image, ImageDraw

from autograder import visuals
from autograder.storage import atomic_write_bytes, atomic_write_text

#: name -> (title, alt text) of each bundled image, in catalogue order.
ENTRIES: dict[str, tuple[str, str]] = {
    "fournee": ("Pains au levain sur une planche", "Illustration de trois pains dorés posés sur une planche en bois."),
    "croissants": ("Croissants", "Illustration de croissants dorés sur un fond crème."),
    "atelier": ("Plan de travail", "Illustration d'un plan de travail fariné avec un rouleau à pâtisserie."),
    "lumiere": ("Lumières chaudes", "Fond sombre parsemé de lumières dorées floues."),
}
LICENCE = "CC0"
SOURCE = "Image dessinée par le code du cours (autograder.visuals), domaine public (CC0)"
PALETTES = {  # (top, bottom) of the background gradient
    "fournee": ((92, 58, 33), (196, 140, 82)),
    "croissants": ((240, 226, 200), (205, 160, 100)),
    "atelier": ((46, 94, 78), (230, 220, 200)),
    "lumiere": ((20, 24, 48), (233, 180, 76)),
}


def draw(kind: str, w: int = 360, h: int = 480) -> Image.Image:
    """The bundled image ``kind`` (a key of :data:`ENTRIES`), drawn with Pillow."""
    img = Image.new("RGB", (w, h))
    pen = ImageDraw.Draw(img)
    top, bottom = PALETTES[kind]
    for y in range(h):
        t = y / (h - 1)
        pen.line([(0, y), (w, y)], fill=tuple(int(top[i] + (bottom[i] - top[i]) * t) for i in range(3)))
    if kind == "fournee":  # loaves on a wooden board
        pen.rectangle((0, int(h * 0.7), w, h), fill=(120, 78, 44))
        for i, x in enumerate(range(20, w, 110)):
            pen.ellipse((x, int(h * 0.52) - i * 6, x + 100, int(h * 0.72)), fill=(176, 110, 50), outline=(110, 62, 25),
                        width=3)
            for k in range(3):
                pen.arc((x + 18 + k * 22, int(h * 0.56), x + 40 + k * 22, int(h * 0.66)), 200, 340,
                        fill=(235, 200, 140), width=3)
    elif kind == "croissants":
        for cx, cy in ((90, 300), (230, 330), (160, 400)):
            for k in range(5):
                r = 46 - abs(k - 2) * 10
                pen.ellipse((cx - 60 + k * 24 - r // 2, cy - r // 2, cx - 60 + k * 24 + r // 2, cy + r // 2),
                            fill=(206, 130, 50), outline=(150, 86, 30), width=2)
    elif kind == "atelier":  # a work table with flour and a rolling pin
        pen.rectangle((0, int(h * 0.6), w, h), fill=(214, 196, 160))
        pen.ellipse((60, int(h * 0.66), 300, int(h * 0.86)), fill=(250, 248, 240))
        pen.rounded_rectangle((40, int(h * 0.62), 320, int(h * 0.66)), radius=8, fill=(160, 110, 60))
    elif kind == "lumiere":  # warm bokeh lights
        rnd = random.Random(7)
        for _ in range(40):
            x, y, r = rnd.randrange(w), rnd.randrange(h), rnd.randrange(8, 40)
            pen.ellipse((x - r, y - r, x + r, y + r), fill=(233, 180 + rnd.randrange(-30, 30), 76))
    return img


def catalogue_entries() -> dict[str, dict]:
    """The catalogue of the bundled images: name -> {file, title, licence, source, alt_text}."""
    return {name: {"file": f"{name}.png", "title": title, "licence": LICENCE, "source": SOURCE, "alt_text": alt}
            for name, (title, alt) in ENTRIES.items()}


def generate(folder: str | Path = visuals.IMAGES_DIR) -> dict[str, dict]:
    """Draw every bundled image into ``folder`` (PNG) with its ``catalogue.json``; returns the catalogue."""
    folder = Path(folder)
    cat = catalogue_entries()
    for name, entry in cat.items():
        atomic_write_bytes(folder / entry["file"], visuals.png_bytes(draw(name)))
    atomic_write_text(folder / visuals.CATALOGUE_FILE.name, json.dumps(cat, ensure_ascii=False, indent=2) + "\n")
    visuals._catalogue.cache_clear()  # this process may have read the catalogue we just rewrote
    return cat


def main(argv: list[str] | None = None) -> int:
    args = sys.argv[1:] if argv is None else argv
    folder = Path(args[0]) if args else visuals.IMAGES_DIR
    cat = generate(folder)
    print(f"{len(cat)} images dessinées dans « {folder} » : {', '.join(cat)}.")
    return 0


if __name__ == "__main__":
    sys.exit(main())
