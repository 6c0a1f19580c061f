"""Visuals for social networks: a specification, its PNG rendering at the exact pixel size, its metadata.

A visual is described by a plain dict (JSON-able, so that widgets can save it): network, placement,
background (brand colour or bundled royalty-free image), headline, body, text colours and sizes, logo,
alt text, image licence and source, message. :func:`render` draws it with Pillow at the placement's exact
size; :func:`save_visual` writes the PNG and a metadata sidecar (``<name>.json``) atomically;
:func:`analyse` measures what the checks need (size, contrasts, text size and coverage, palette, licence).

Course rules of thumb (``[COURS]``, not norms): body text at least 1/30 of the image width (36 px on
1080 px, about 12 px once shown on a 360 px wide phone); text covering at most 20 % of the image (Meta's
former « 20 % text » rule for ads, retired in 2020 and still a common recommendation).
"""

from __future__ import annotations

import io
import json
import math
import re
import textwrap
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from coloraide import Color
from PIL import Image, ImageDraw, ImageFont

from autograder import accessibility as a11y
from autograder.networks import get_network
from autograder.storage import atomic_write_bytes, atomic_write_json, read_json

IMAGES_DIR = Path(__file__).parent / "data" / "images"
CATALOGUE_FILE = IMAGES_DIR / "catalogue.json"
#: Licences a course visual may use (free of charge, commercial use allowed), in French. « Unsplash », « Pexels »
#: and « Pixabay » are each site's OWN licence, not CC0 (Unsplash left CC0 in 2017, Pixabay and Pexels have their
#: own terms too), and none gives a model release: the right to a person's image stays with the person.
FREE_LICENCES: tuple[str, ...] = ("CC0", "Unsplash", "Pexels", "Pixabay", "photo personnelle", "création propre")
#: The image banks among FREE_LICENCES, with their licence pages (what a lesson cites).
STOCK_LICENCES: dict[str, str] = {
    "Unsplash": "Licence Unsplash, https://unsplash.com/license",
    "Pexels": "Licence Pexels, https://www.pexels.com/license/",
    "Pixabay": "Licence du contenu Pixabay, https://pixabay.com/service/license-summary/",
}
NEUTRALS: tuple[str, ...] = ("#FFFFFF", "#000000")
MIN_BODY_FRACTION = 1 / 30
MAX_TEXT_COVERAGE = 0.20
MARGIN_FRACTION = 0.07
DEFAULT_FONT = "DejaVu Sans"
SIDECAR_KEYS = ("network", "placement", "width", "height", "alt_text", "licence", "source", "message",
                "headline", "body")


def default_spec(company=None, network: str = "instagram", placement: str = "feed_carre") -> dict:
    """A starting visual in the company's brand colours (``company`` defaults to the case company)."""
    if company is None:
        from autograder.company import CASE_COMPANY as company
    colours = company.brand_colors
    return {
        "network": network,
        "placement": placement,
        "background": {"kind": "couleur", "colour": colours.get("fond", "#FFFFFF"), "image": ""},
        "headline": "",
        "body": "",
        "text_colour": colours.get("texte", "#000000"),
        "band_colour": "",
        "headline_size": 96,
        "body_size": 48,
        "headline_font": company.fonts.get("titres", DEFAULT_FONT),
        "body_font": company.fonts.get("texte", DEFAULT_FONT),
        "logo": True,
        "logo_colour": colours.get("primaire", "#000000"),
        "logo_text": "".join(w[0] for w in company.name.split() if w[:1].isupper())[:3] or company.name[:2],
        "alt_text": "",
        "licence": "",
        "source": "",
        "message": "",
        "publication": "",
    }


@dataclass(frozen=True)
class Layout:
    width: int
    height: int
    headline_lines: tuple[str, ...]
    body_lines: tuple[str, ...]
    text_boxes: tuple[tuple[int, int, int, int], ...]  # (x0, y0, x1, y1) of each text line
    band: tuple[int, int, int, int] | None
    logo_box: tuple[int, int, int, int] | None


# -- validation ---------------------------------------------------------------------------------------------
def _int(value, name: str, lo: int, hi: int) -> int:
    try:
        number = int(value)
    except (TypeError, ValueError):
        raise ValueError(f"{name} doit être un nombre entier (reçu {value!r}).") from None
    if not lo <= number <= hi:
        raise ValueError(f"{name} doit être compris entre {lo} et {hi} (reçu {number}).")
    return number


def validate_spec(spec) -> dict:
    """A copy of ``spec`` with checked types; a French ``ValueError`` for an impossible visual."""
    if not isinstance(spec, dict):
        raise ValueError("Description du visuel illisible : recomposez-le dans le studio de visuels.")
    clean = dict(default_spec(), **spec)
    net = get_network(clean["network"])
    net.placement(clean["placement"])
    bg = clean["background"]
    if not isinstance(bg, dict) or bg.get("kind") not in ("couleur", "image"):
        raise ValueError("Le fond doit être une couleur (code #RRGGBB) ou une image fournie avec le cours.")
    clean["background"] = dict({"colour": "#FFFFFF", "image": ""}, **bg)
    if bg["kind"] == "couleur":
        a11y.parse_colour(clean["background"]["colour"])
    else:
        image_path(clean["background"]["image"])
    for key in ("text_colour", "logo_colour"):
        a11y.parse_colour(clean[key])
    if clean["band_colour"]:
        a11y.parse_colour(clean["band_colour"])
    clean["headline_size"] = _int(clean["headline_size"], "La taille du titre", 8, 400)
    clean["body_size"] = _int(clean["body_size"], "La taille du texte", 8, 300)
    for key in ("headline", "body", "alt_text", "licence", "source", "message", "publication", "logo_text",
                "headline_font", "body_font"):
        if not isinstance(clean[key], str):
            raise ValueError(f"Le champ « {key} » doit être du texte.")
    clean["logo"] = bool(clean["logo"])
    return clean


def size_of(spec: dict) -> tuple[int, int]:
    p = get_network(spec["network"]).placement(spec["placement"])
    return p.width, p.height


# -- bundled images -----------------------------------------------------------------------------------------
def catalogue() -> dict[str, dict]:
    """The bundled royalty-free images: name -> {file, title, licence, source, alt_text}."""
    return _catalogue()


@lru_cache(maxsize=1)
def _catalogue() -> dict[str, dict]:
    return read_json(CATALOGUE_FILE, {}) or {}


PHOTO_SUFFIXES = (".png", ".jpg", ".jpeg")
MAX_UPLOAD_BYTES = 15 * 1024 * 1024
PHOTO_MAX_SIDE = 1920


def image_path(name: str) -> Path:
    """A bundled image (catalogue name) or an imported photo (path of a PNG or JPEG file, relative to the notebook)."""
    cat = catalogue()
    if name in cat:
        return IMAGES_DIR / cat[name]["file"]
    path = Path(str(name))
    if path.suffix.lower() in PHOTO_SUFFIXES and path.is_file():
        return path
    raise ValueError(f"Image inconnue : {name!r}. Attendu : une image fournie ({', '.join(cat) or 'aucune'}) ou le "
                     "chemin d'une photo importée (PNG ou JPEG).")


def import_photo(data: bytes, folder: str | Path, name: str) -> str:
    """Store an uploaded photo as a PNG (longest side at most 1920 px) in ``folder``; returns its path.

    A file that is not an image, or is too large, gets a French ``ValueError``; nothing is written then.
    """
    if not isinstance(data, bytes | bytearray | memoryview) or not len(data):
        raise ValueError("Fichier vide : choisissez une photo (PNG ou JPEG).")
    if len(data) > MAX_UPLOAD_BYTES:
        raise ValueError(f"Photo trop lourde ({len(data) / 1e6:.0f} Mo) : 15 Mo au plus.")
    try:
        with Image.open(io.BytesIO(bytes(data))) as src:
            if src.format not in ("PNG", "JPEG"):
                raise ValueError(f"format {src.format}")
            img = src.convert("RGB")
    except Exception as exc:  # noqa: BLE001 - whatever Pillow says, the learner gets one French message
        raise ValueError(f"« {name} » n'est pas une photo PNG ou JPEG lisible ({exc}).") from None
    img.thumbnail((PHOTO_MAX_SIDE, PHOTO_MAX_SIDE))
    stem = re.sub(r"[^a-z0-9_-]+", "-", Path(str(name)).stem.lower()).strip("-") or "photo"
    target = Path(folder) / f"{stem}.png"
    atomic_write_bytes(target, png_bytes(img))
    return str(target)


def _background(name: str, width: int, height: int) -> Image.Image:
    """The background image cropped to the target ratio and resized (centre crop, cached by file and date)."""
    path = image_path(name)
    return _cropped(str(path), path.stat().st_mtime_ns, width, height)


@lru_cache(maxsize=16)
def _cropped(path: str, mtime_ns: int, width: int, height: int) -> Image.Image:
    with Image.open(path) as src:
        img = src.convert("RGB")
    ratio = width / height
    w, h = img.size
    if w / h > ratio:
        new_w = int(h * ratio)
        img = img.crop(((w - new_w) // 2, 0, (w - new_w) // 2 + new_w, h))
    else:
        new_h = int(w / ratio)
        img = img.crop((0, (h - new_h) // 2, w, (h - new_h) // 2 + new_h))
    return img.resize((width, height), Image.Resampling.BICUBIC)


# -- fonts and layout ---------------------------------------------------------------------------------------
@lru_cache(maxsize=64)
def _font(size: int, bold: bool, family: str = DEFAULT_FONT) -> ImageFont.FreeTypeFont:
    """The TrueType font ``family`` (``"DejaVu Serif"`` → ``DejaVuSerif-Bold.ttf``), else DejaVu Sans."""
    for name in (family, DEFAULT_FONT):
        try:
            return ImageFont.truetype(_font_file(name, bold), size)
        except OSError:
            continue
    return ImageFont.load_default(size=size)


def _font_file(family: str, bold: bool) -> str:
    return family.replace(" ", "") + ("-Bold" if bold else "") + ".ttf"


@lru_cache(maxsize=32)
def font_available(family: str) -> bool:
    """Whether the font ``family`` is installed (otherwise DejaVu Sans is drawn in its place)."""
    try:
        ImageFont.truetype(_font_file(family, False), 12)
        return True
    except OSError:
        return False


def _wrap(text: str, font, max_width: int) -> list[str]:
    lines: list[str] = []
    for paragraph in text.splitlines() or [""]:
        words = paragraph.split()
        if not words:
            continue
        current = words[0]
        for word in words[1:]:
            trial = f"{current} {word}"
            if font.getlength(trial) <= max_width:
                current = trial
            else:
                lines.append(current)
                current = word
        lines.append(current)
    return lines


def layout(spec: dict) -> Layout:
    """Where the text lines, the band and the logo go (the same layout for rendering and measuring)."""
    width, height = size_of(spec)
    margin = int(MARGIN_FRACTION * min(width, height))
    max_width = width - 2 * margin
    hfont = _font(spec["headline_size"], True, spec["headline_font"])
    bfont = _font(spec["body_size"], False, spec["body_font"])
    headline = _wrap(spec["headline"], hfont, max_width)
    body = _wrap(spec["body"], bfont, max_width)
    boxes: list[tuple[int, int, int, int]] = []
    gap_h, gap_b = int(spec["headline_size"] * 0.25), int(spec["body_size"] * 0.3)
    total = sum(spec["headline_size"] + gap_h for _ in headline) + sum(spec["body_size"] + gap_b for _ in body)
    if headline and body:
        total += spec["body_size"]
    y = max(margin, height - margin - total) if height > width * 0.6 else max(margin, (height - total) // 2)
    y0 = y
    for line, font, size, gap in ([(ln, hfont, spec["headline_size"], gap_h) for ln in headline]
                                  + [(None, None, spec["body_size"], 0)] * bool(headline and body)
                                  + [(ln, bfont, spec["body_size"], gap_b) for ln in body]):
        if line is None:
            y += size
            continue
        w = int(math.ceil(font.getlength(line)))
        boxes.append((margin, y, min(width, margin + w), min(height, y + size)))
        y += size + gap
    band = None
    if spec["band_colour"] and boxes:
        pad = margin // 2
        band = (0, max(0, y0 - pad), width, min(height, y + pad))
    logo_box = None
    if spec["logo"]:
        side = max(24, int(0.12 * min(width, height)))
        logo_box = (width - margin - side, margin, width - margin, margin + side)
    return Layout(width, height, tuple(headline), tuple(body), tuple(boxes), band, logo_box)


def _rgb(hex_colour: str) -> tuple[int, int, int]:
    c = a11y.parse_colour(hex_colour).convert("srgb").fit()
    return tuple(int(round(v * 255)) for v in c.coords())  # type: ignore[return-value]


def render(spec: dict) -> Image.Image:
    """The visual as an RGB Pillow image at the exact size of its placement."""
    spec = validate_spec(spec)
    lay = layout(spec)
    bg = spec["background"]
    if bg["kind"] == "image":
        img = _background(bg["image"], lay.width, lay.height).copy()
    else:
        img = Image.new("RGB", (lay.width, lay.height), _rgb(bg["colour"]))
    draw = ImageDraw.Draw(img)
    if lay.band:
        draw.rectangle(lay.band, fill=_rgb(spec["band_colour"]))
    hfont = _font(spec["headline_size"], True, spec["headline_font"])
    bfont = _font(spec["body_size"], False, spec["body_font"])
    colour = _rgb(spec["text_colour"])
    lines = [(ln, hfont) for ln in lay.headline_lines] + [(ln, bfont) for ln in lay.body_lines]
    for (line, font), box in zip(lines, lay.text_boxes, strict=True):
        draw.text((box[0], box[1]), line, font=font, fill=colour)
    if lay.logo_box:
        x0, y0, x1, y1 = lay.logo_box
        draw.ellipse(lay.logo_box, fill=_rgb(spec["logo_colour"]))
        side = x1 - x0
        lfont = _font(max(8, side // 3), True)
        label = spec["logo_text"][:3]
        lw = lfont.getlength(label)
        fg = "#FFFFFF" if a11y.contrast_ratio("#FFFFFF", spec["logo_colour"]) >= 3 else "#000000"
        draw.text((x0 + (side - lw) / 2, y0 + side / 2 - side // 6), label, font=lfont, fill=_rgb(fg))
    return img


def png_bytes(image: Image.Image) -> bytes:
    buffer = io.BytesIO()
    image.save(buffer, format="PNG", compress_level=1)
    return buffer.getvalue()


def metadata(spec: dict) -> dict:
    spec = validate_spec(spec)
    width, height = size_of(spec)
    meta = {key: spec[key] for key in SIDECAR_KEYS if key in spec}
    meta.update(width=width, height=height, spec=spec)
    return meta


def save_visual(spec: dict, path: str | Path) -> Path:
    """Render ``spec`` to the PNG ``path`` and write its metadata next to it (``<name>.json``), atomically."""
    target = Path(path)
    if target.suffix.lower() != ".png":
        raise ValueError(f"Le visuel doit être enregistré en PNG (nom en .png, reçu « {target.name} »).")
    image = render(spec)
    atomic_write_bytes(target, png_bytes(image))
    atomic_write_json(target.with_suffix(".json"), metadata(spec))
    return target


@dataclass(frozen=True)
class SavedVisual:
    path: Path
    spec: dict
    size: tuple[int, int]  # read from the PNG
    photo: str = ""  # the imported photo as its metadata names it (before :func:`load_visual`'s ``base``)


def _based(spec, base: str | Path | None):
    """``spec`` with its imported photo named from ``base`` (the notebook's folder the studio names it from),
    so that it is read there wherever the caller runs; bundled images and absolute names are left as they are."""
    if base is None or not isinstance(spec, dict) or not isinstance(spec.get("background"), dict):
        return spec
    background = spec["background"]
    name = str(background.get("image") or "")
    if background.get("kind") != "image" or not name or name in catalogue() or Path(name).is_absolute():
        return spec
    return {**spec, "background": {**background, "image": str(Path(base) / name)}}


def load_visual(path: str | Path, base: str | Path | None = None) -> SavedVisual:
    """A saved visual: its PNG (real size read from the file) and its metadata sidecar.

    ``base``: the folder its imported photo is named from (the notebook's); None: the current directory."""
    png = Path(path)
    if not png.is_file():
        raise ValueError(f"Visuel introuvable : « {png.name} ». Enregistrez-le d'abord (bouton « Enregistrer le PNG »).")
    try:
        with Image.open(png) as img:
            img.verify()
            fmt = img.format
        with Image.open(png) as img:
            size = img.size
    except Exception as exc:  # noqa: BLE001 - any unreadable file is the learner's to fix
        raise ValueError(f"« {png.name} » n'est pas une image PNG lisible ({exc}).") from None
    if fmt != "PNG":
        raise ValueError(f"« {png.name} » n'est pas au format PNG (format {fmt}).")
    meta = read_json(png.with_suffix(".json"), None)
    if not isinstance(meta, dict) or not isinstance(meta.get("spec"), dict):
        raise ValueError(f"Métadonnées absentes pour « {png.name} » : le fichier {png.with_suffix('.json').name} "
                         "doit accompagner le PNG.")
    background = meta["spec"].get("background")
    photo = str(background.get("image") or "") if isinstance(background, dict) else ""
    return SavedVisual(png, validate_spec(_based(meta["spec"], base)), size, photo)


def load_visuals(folder: str | Path, base: str | Path | None = None) -> list[SavedVisual]:
    """Every saved visual of ``folder`` (PNG files with their sidecar), sorted by name (``base``: see
    :func:`load_visual`)."""
    folder = Path(folder)
    return [load_visual(p, base) for p in sorted(folder.glob("*.png")) if p.with_suffix(".json").is_file()]


# -- analysis -----------------------------------------------------------------------------------------------
@dataclass(frozen=True)
class Analysis:
    width: int
    height: int
    expected: tuple[int, int]
    size_ok: bool
    ratio_label: str
    contrasts: dict[str, float]  # "titre"/"texte" -> WCAG ratio against what is behind the text
    colour_blind_min: float  # lowest text contrast under a simulated deficiency
    headline_px: int
    body_px: int
    min_text_px: int  # the course's minimum for this width
    text_coverage: float  # share of the image covered by text lines (0–1)
    off_palette: tuple[str, ...]  # colours used that are not the brand's
    licence_ok: bool
    alt: a11y.AltTextReport


def _behind_text(spec: dict, lay: Layout) -> str:
    """The colour behind the text: the band, the background colour, or the mean of the image under the text."""
    if lay.band:
        return spec["band_colour"]
    bg = spec["background"]
    if bg["kind"] == "couleur":
        return bg["colour"]
    img = _background(bg["image"], lay.width, lay.height)
    if not lay.text_boxes:
        return "#808080"
    x0 = min(b[0] for b in lay.text_boxes)
    y0 = min(b[1] for b in lay.text_boxes)
    x1 = max(b[2] for b in lay.text_boxes)
    y1 = max(b[3] for b in lay.text_boxes)
    region = img.crop((x0, y0, max(x0 + 1, x1), max(y0 + 1, y1))).resize((16, 16), Image.Resampling.BOX)
    raw = region.tobytes()
    pixels = [tuple(raw[i:i + 3]) for i in range(0, len(raw), 3)]
    # the worst case for the text: the pixels closest to its own luminance (10 % most similar)
    text_l = a11y.parse_colour(spec["text_colour"]).luminance()
    lums = sorted(pixels, key=lambda p: abs(Color("srgb", [v / 255 for v in p]).luminance() - text_l))
    worst = lums[: max(1, len(lums) // 10)]
    mean = tuple(sum(p[i] for p in worst) / len(worst) for i in range(3))
    return Color("srgb", [v / 255 for v in mean]).to_string(hex=True, upper=True)


def _in_palette(colour: str, palette: list[str]) -> bool:
    c = a11y.parse_colour(colour)
    return any(c.delta_e(a11y.parse_colour(p), method="2000") < 5 for p in palette)


def analyse(spec: dict, size: tuple[int, int] | None = None, brand_colors: dict | None = None) -> Analysis:
    """Measure a visual (``size``: the real PNG size when known, else the placement's); results are cached."""
    spec = validate_spec(spec)
    stamp = image_path(spec["background"]["image"]).stat().st_mtime_ns if spec["background"]["kind"] == "image" else 0
    key = json.dumps([spec, size, brand_colors, stamp], sort_keys=True, ensure_ascii=False)
    return _analyse(key)


@lru_cache(maxsize=128)
def _analyse(key: str) -> Analysis:
    spec, size, brand_colors, _ = json.loads(key)
    size = tuple(size) if size else None
    lay = layout(spec)
    expected = size_of(spec)
    placement = get_network(spec["network"]).placement(spec["placement"])
    width, height = size or expected
    behind = _behind_text(spec, lay)
    contrasts = {}
    if lay.headline_lines:
        contrasts["titre"] = a11y.contrast_ratio(spec["text_colour"], behind)
    if lay.body_lines:
        contrasts["texte"] = a11y.contrast_ratio(spec["text_colour"], behind)
    cb = min(a11y.colour_blind_contrasts(spec["text_colour"], behind).values()) if contrasts else 0.0
    area = sum((x1 - x0) * (y1 - y0) for x0, y0, x1, y1 in lay.text_boxes)
    palette = list((brand_colors or {}).values())
    used = [spec["text_colour"]] + ([spec["band_colour"]] if spec["band_colour"] else [])
    if spec["background"]["kind"] == "couleur":
        used.append(spec["background"]["colour"])
    if spec["logo"]:
        used.append(spec["logo_colour"])
    off = tuple(dict.fromkeys(a11y.to_hex(c) for c in used if palette and not _in_palette(c, palette + list(NEUTRALS))))
    licence_ok = spec["background"]["kind"] == "couleur" or (
        spec["licence"].strip().lower() in {lic.lower() for lic in FREE_LICENCES} and bool(spec["source"].strip()))
    limit = get_network(spec["network"]).alt_text_limit or 1000
    alt = a11y.alt_text_report(spec["alt_text"], limit=limit, image_text=spec["headline"])
    return Analysis(
        width, height, expected, placement.accepts(width, height), placement.ratio_label, contrasts, cb,
        spec["headline_size"] if lay.headline_lines else 0, spec["body_size"] if lay.body_lines else 0,
        math.ceil(expected[0] * MIN_BODY_FRACTION), area / (lay.width * lay.height), off, licence_ok, alt,
    )


def wrap_preview(text: str, width: int = 40) -> str:
    """A plain-text wrap of ``text`` (used by text summaries next to previews)."""
    return "\n".join(textwrap.wrap(text, width))


MIN_COLOURS = 8  # an image with fewer distinct colours is a blank canvas, not a visual


def image_problem(folder: str | Path, name, fix: str) -> str:
    """Why the learner's image ``name`` (named from ``folder``) cannot be the one judged (French), or "" when
    it can — or is absent or unreadable: the check then says so. ``fix`` says what to do instead.

    Grading reads only the submission's own files (no absolute path, no « .. ») and a real visual, not a
    blank canvas of the right size (the checks of the page, C1.2, and of the publication, C4.1)."""
    if not name or not isinstance(name, str):
        return ""
    if Path(name).is_absolute() or ".." in Path(name).parts:
        return f"l'image « {name} » est en dehors de votre copie : {fix}."
    try:
        with Image.open(Path(folder) / name) as img:
            img.thumbnail((64, 64))
            colours = img.convert("RGB").getcolors(64 * 64) or []
    except (OSError, ValueError):
        return ""
    if len(colours) < MIN_COLOURS:
        return f"l'image « {name} » est une image vide ({len(colours)} couleur(s)) : {fix}."
    return ""


def save_page_images(network_id: str, company, folder: str | Path = ".") -> dict[str, str]:
    """Render the page's profile picture (logo) and cover (brand colours) at the network's sizes.

    Returns ``{"profile_image": file name, "cover_image": file name}`` (only the images the network uses).
    """
    from autograder.networks import get_network as _get

    net = _get(network_id)
    folder = Path(folder)
    out: dict[str, str] = {}
    colours = company.brand_colors
    if net.page and net.page.profile_placement:
        spec = default_spec(company, net.id, net.page.profile_placement)
        spec.update(background={"kind": "couleur", "colour": colours.get("primaire", "#000000"), "image": ""},
                    logo=False, headline="", body="")
        p = net.placement(net.page.profile_placement)
        spec.update(headline=spec["logo_text"], headline_size=max(8, p.width // 4),
                    text_colour="#FFFFFF" if a11y.contrast_ratio("#FFFFFF", colours.get("primaire", "#000000")) >= 4.5
                    else "#000000",
                    alt_text=f"Logo de {company.name} : initiales {spec['logo_text']} sur fond de couleur de la marque")
        name = f"{net.id}_profil.png"
        save_visual(spec, folder / name)
        out["profile_image"] = name
    if net.page and net.page.cover_placement:
        spec = default_spec(company, net.id, net.page.cover_placement)
        spec.update(background={"kind": "couleur", "colour": colours.get("fond", "#FFFFFF"), "image": ""},
                    headline=company.name, headline_size=max(8, net.placement(net.page.cover_placement).height // 6),
                    alt_text=f"Couverture de {company.name} : le nom de l'entreprise sur fond aux couleurs de la marque")
        name = f"{net.id}_couverture.png"
        save_visual(spec, folder / name)
        out["cover_image"] = name
    return out
