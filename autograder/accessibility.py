"""Accessibility of visuals and videos: WCAG contrast, colour-blindness, alt text, SRT subtitles, audio description.

Colour science is done by ``coloraide`` (WCAG 2.x contrast, Brettel/Viénot/Machado colour-vision-deficiency
filters); this module adds the course's verdicts and French explanations.

Sources:
- [WCAG] WCAG 2.2 (W3C Recommendation, October 2023; same contrast thresholds as 2.1), 1.4.3 and 1.4.6: contrast (L1 + 0.05) / (L2 + 0.05); AA 4.5:1 (3:1 for large text,
  18 pt or 14 pt bold), AAA 7:1 (4.5:1 large); 1.4.11 non-text contrast 3:1.
- [SRT] SubRip format: index, ``HH:MM:SS,mmm --> HH:MM:SS,mmm``, text lines, blank line.
- [RGAA] RGAA 4.1.2: synchronised subtitles, transcripts and audio description for videos.
- [EAA] European Accessibility Act (directive (UE) 2019/882), applied since 28 June 2025 to e-commerce
  services (site, app, e-mails to customers); micro-enterprises (< 10 staff and <= 2 MEUR) are exempt.
- [ARCOM] French reference for subtitles for deaf and hard-of-hearing viewers (Charte relative à la qualité du
  sous-titrage, CSA/Arcom 2011, https://www.arcom.fr): 12 characters per second (20 for 2 s, 36 for 3 s,
  60 for 4 s), two lines at most, sound indications, a dash for a change of speaker.
- [PLATEFORMES] Streaming platforms' style guides: 42 characters per line, 17 characters per second at most.
  The check grades readability at these maxima (beyond them a subtitle is unreadable by any guide) and adds a
  note for every subtitle faster than the French reference (:data:`SRT_FRENCH_CPS`).
- [COURS] Course rule of thumb (not a norm): alt text of 5 words or more.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

from coloraide import Color

from autograder.numbers import fr_number, fr_ratio, fr_value
from autograder.textfiles import binary_kind, decode_text, file_bytes

AA_NORMAL, AA_LARGE, AAA_NORMAL, AAA_LARGE, NON_TEXT = 4.5, 3.0, 7.0, 4.5, 3.0
#: French names of the simulated deficiencies -> coloraide filter names.
DEFICIENCIES: dict[str, str] = {"protanopie": "protan", "deutéranopie": "deutan", "tritanopie": "tritan"}
SRT_MAX_LINES, SRT_MAX_LINE_CHARS, SRT_MAX_CPS = 2, 42, 17.0
#: The French reference reading speed for deaf and hard-of-hearing viewers (charte CSA/Arcom 2011).
SRT_FRENCH_CPS = 12.0
ALT_MIN_WORDS = 5

_HEX = re.compile(r"^#(?:[0-9a-fA-F]{3}|[0-9a-fA-F]{6})$")


def parse_colour(value) -> Color:
    """A colour from ``#RRGGBB`` or ``#RGB``; a French ``ValueError`` saying what was expected otherwise."""
    text = str(value).strip() if value is not None else ""
    if not _HEX.match(text):
        raise ValueError(f"Couleur invalide : {value!r}. Attendu : un code hexadécimal comme #7A3E1D ou #FFF.")
    return Color(text)


def to_hex(colour) -> str:
    c = colour if isinstance(colour, Color) else parse_colour(colour)
    return c.convert("srgb").fit().to_string(hex=True, upper=True)


def contrast_ratio(foreground, background) -> float:
    """WCAG 2.x contrast ratio of two hex colours (1 to 21); ``#777777`` on white gives about 4.48."""
    return float(parse_colour(foreground).contrast(parse_colour(background), method="wcag21"))


def is_large_text(size_pt: float, bold: bool = False) -> bool:
    """WCAG « large text »: at least 18 pt, or 14 pt in bold."""
    return size_pt >= 18 or (bold and size_pt >= 14)


@dataclass(frozen=True)
class ContrastVerdict:
    ratio: float
    large: bool
    aa: bool
    aaa: bool

    @property
    def text(self) -> str:
        kind = "grand texte" if self.large else "texte courant"
        level = "AAA" if self.aaa else ("AA" if self.aa else "insuffisant")
        need = AA_LARGE if self.large else AA_NORMAL
        return (f"Contraste {format_ratio(self.ratio)} ({kind}) : {level}"
                + ("" if self.aa else f" — il faut au moins {format_ratio(need)} pour le niveau AA"))


def format_ratio(ratio: float) -> str:
    """A contrast ratio in French (« 4,50:1 »)."""
    return fr_ratio(ratio)


def contrast_verdict(foreground, background, large: bool = False) -> ContrastVerdict:
    """AA and AAA verdicts (WCAG 2.2, 1.4.3 and 1.4.6) for normal or large text."""
    ratio = contrast_ratio(foreground, background)
    aa_need, aaa_need = (AA_LARGE, AAA_LARGE) if large else (AA_NORMAL, AAA_NORMAL)
    return ContrastVerdict(ratio, large, ratio >= aa_need, ratio >= aaa_need)


def simulate(colour, deficiency: str) -> str:
    """The hex colour as seen with ``deficiency`` (« protanopie », « deutéranopie », « tritanopie »)."""
    key = str(deficiency).strip().lower()
    aliases = {"protanopia": "protanopie", "deuteranopia": "deutéranopie", "deutéranopia": "deutéranopie",
               "deuteranopie": "deutéranopie", "tritanopia": "tritanopie"}
    key = aliases.get(key, key)
    if key not in DEFICIENCIES:
        raise ValueError(f"Déficience inconnue : {deficiency!r}. Attendu : {', '.join(DEFICIENCIES)}.")
    return to_hex(parse_colour(colour).filter(DEFICIENCIES[key]))


def colour_blind_contrasts(foreground, background) -> dict[str, float]:
    """The contrast ratio that survives each simulated deficiency (plus « vision typique »)."""
    ratios = {"vision typique": contrast_ratio(foreground, background)}
    for name in DEFICIENCIES:
        ratios[name] = contrast_ratio(simulate(foreground, name), simulate(background, name))
    return ratios


def distinguishable(colour_a, colour_b, minimum: float = NON_TEXT) -> dict[str, bool]:
    """For two colours that carry meaning (a chart, a badge): still told apart (≥ 3:1) under each deficiency?"""
    return {name: ratio >= minimum for name, ratio in colour_blind_contrasts(colour_a, colour_b).items()}


# -- alt text ----------------------------------------------------------------------------------------------
_FILE_NAME = re.compile(r"^\S+\.(?:png|jpe?g|gif|webp|heic|svg|bmp|tiff?)$", re.IGNORECASE)
_LAZY_START = re.compile(
    r"^\s*(?:une?\s+|l[ae']\s*)?(?:image|photo|photographie|illustration|visuel|picture|img)\s+(?:de|d'|du|des|montrant)\b",
    re.IGNORECASE,
)
_PLACEHOLDERS = {"image", "photo", "visuel", "illustration", "logo", "img", "sans titre", "alt", "texte alternatif",
                 "description", "todo", "à compléter", "xxx", "test"}


@dataclass(frozen=True)
class AltTextReport:
    text: str
    issues: tuple[str, ...]

    @property
    def ok(self) -> bool:
        return not self.issues


def _words(text: str) -> list[str]:
    return re.findall(r"[\wÀ-ÿ'’-]+", text.lower())


def alt_text_report(alt, *, limit: int | None = 1000, image_text: str = "") -> AltTextReport:
    """Quality of an alt text: present, not a file name, not « image de… », within the network's ``limit``,
    and, when the image holds text (``image_text``), quoting that text's key words."""
    if alt is None:
        return AltTextReport("", ("Texte alternatif absent : décrivez ce que montre l'image.",))
    if not isinstance(alt, str):
        return AltTextReport("", ("Le texte alternatif doit être du texte : écrivez une ou deux phrases.",))
    text = " ".join(alt.split())
    issues: list[str] = []
    if not text:
        return AltTextReport(text, ("Texte alternatif vide : décrivez ce que montre l'image.",))
    if _FILE_NAME.match(text):
        issues.append(f"« {text} » est un nom de fichier, pas une description.")
    elif text.lower().strip(" .") in _PLACEHOLDERS:
        issues.append(f"« {text} » ne décrit rien : dites ce que l'on voit et ce que l'image veut dire.")
    if _LAZY_START.match(text):
        issues.append("Inutile de commencer par « image de… » ou « photo de… » : le lecteur d'écran annonce déjà "
                      "une image ; allez droit au contenu.")
    words = _words(text)
    if len(words) < ALT_MIN_WORDS and not issues:
        issues.append(f"Texte alternatif trop court ({len(words)} mot(s)) : au moins {ALT_MIN_WORDS} mots pour "
                      "décrire le sujet, l'action et le contexte.")
    if limit is not None and len(text) > limit:
        issues.append(f"Texte alternatif trop long : {len(text)} caractères pour {limit} au plus sur ce réseau.")
    if words and len(set(words)) <= max(1, len(words) // 4):
        issues.append("Texte alternatif répétitif : décrivez l'image au lieu de répéter des mots-clés.")
    if image_text.strip():
        key_words = [w for w in _words(image_text) if len(w) > 3]
        missing = [w for w in key_words if w not in words]
        if key_words and len(missing) > len(key_words) / 2:
            issues.append(f"L'image contient le texte « {image_text.strip()} » : reprenez-le dans le texte "
                          "alternatif (un lecteur d'écran ne lit pas le texte incrusté).")
    return AltTextReport(text, tuple(issues))


# -- SRT subtitles -----------------------------------------------------------------------------------------
_TIME = r"(\d{2}):([0-5]\d):([0-5]\d),(\d{3})"
_TIMING = re.compile(rf"^{_TIME} --> {_TIME}$")


#: Formatting that SRT files carry and players render, not read: <i>, <b>, <u>, <font …> and {\an8}-style tags.
_SRT_TAGS = re.compile(r"</?(?:i|b|u|s|font)(?:\s[^>]*)?>|\{\\[^}]*\}", re.IGNORECASE)


def strip_tags(line: str) -> str:
    """A subtitle line as it is read on screen: « <i>Bonjour</i> {\\an8} » → « Bonjour »."""
    return _SRT_TAGS.sub("", line).strip()


@dataclass(frozen=True)
class Cue:
    index: int
    start: float  # seconds
    end: float
    lines: tuple[str, ...]  # as written in the file, formatting tags included

    @property
    def plain_lines(self) -> tuple[str, ...]:
        """The lines as read on screen (formatting tags removed)."""
        return tuple(line for line in (strip_tags(x) for x in self.lines) if line)

    @property
    def text(self) -> str:
        return " ".join(self.plain_lines)

    @property
    def chars_per_second(self) -> float:
        duration = self.end - self.start
        return len(self.text) / duration if duration > 0 else float("inf")


def format_timestamp(seconds: float) -> str:
    ms = int(round(seconds * 1000))
    h, ms = divmod(ms, 3_600_000)
    m, ms = divmod(ms, 60_000)
    s, ms = divmod(ms, 1000)
    return f"{h:02d}:{m:02d}:{s:02d},{ms:03d}"


def _seconds(groups) -> float:
    h, m, s, ms = (int(g) for g in groups)
    return h * 3600 + m * 60 + s + ms / 1000


@dataclass(frozen=True)
class SrtReport:
    cues: tuple[Cue, ...]
    errors: tuple[str, ...]  # the file is malformed
    warnings: tuple[str, ...]  # well-formed but hard to read

    @property
    def ok(self) -> bool:
        return not self.errors and not self.warnings

    @property
    def well_formed(self) -> bool:
        return not self.errors and bool(self.cues)

    @property
    def faster_than_french_reference(self) -> tuple[int, ...]:
        """Numbers of the subtitles read faster than the French reference (:data:`SRT_FRENCH_CPS`)."""
        return tuple(c.index for c in self.cues if c.end > c.start and c.chars_per_second > SRT_FRENCH_CPS + 0.05)


def read_subtitles(source) -> tuple[str, tuple[str, ...]]:
    """The text of a subtitle file and French notes on how it was read.

    ``source``: a path or the file's bytes. Decoded the way exports are (:mod:`autograder.textfiles`):
    UTF-8 with or without BOM, UTF-16, or Windows-1252 (an old subtitle editor's default), which is read
    with a note asking for UTF-8. A spreadsheet or a file with NUL bytes raises a French ``ValueError``.
    """
    if not isinstance(source, str | Path | bytes):
        raise ValueError("Fichier de sous-titres illisible : un fichier .srt était attendu.")
    raw, name = file_bytes(source, "Fichier de sous-titres introuvable")
    name = name or "Le fichier de sous-titres"
    kind = binary_kind(raw)
    if kind is not None:
        raise ValueError(f"{name} est un fichier {kind}, pas des sous-titres SRT (un texte : numéro, horodatage, "
                         "texte, ligne vide).")
    text, encoding = decode_text(raw, name)
    notes = ()
    if encoding == "cp1252":
        notes = (f"{name} est enregistré en Windows-1252, pas en UTF-8 : il a été lu, mais enregistrez-le en "
                 "UTF-8 avant de le publier, sinon les accents risquent de s'afficher mal.",)
    return text, notes


def _split_missing_blank_lines(block: list[str]) -> list[list[str]]:
    """A block that holds several subtitles because a blank line is missing, cut before each number line
    followed by a timing line."""
    cuts = [i for i in range(2, len(block) - 1) if block[i].strip().isdigit() and _TIMING.match(block[i + 1].strip())]
    return [block[a:b] for a, b in zip([0, *cuts], [*cuts, len(block)], strict=True)]


def check_srt(text, *, max_cps: float = SRT_MAX_CPS, max_lines: int = SRT_MAX_LINES,
              max_line_chars: int = SRT_MAX_LINE_CHARS) -> SrtReport:
    """Parse and check an SRT file: numbering from 1, ``HH:MM:SS,mmm --> HH:MM:SS,mmm`` timings, blank lines
    between subtitles, order, overlaps, then readability (lines per cue, characters per line, reading speed,
    counted without formatting tags). ``text`` may also be the file's bytes (:func:`read_subtitles`).

    Players ignore the numbers: a numbering slip is one warning, not an error for every later subtitle.
    """
    notes: tuple[str, ...] = ()
    if isinstance(text, bytes):
        try:
            text, notes = read_subtitles(text)
        except ValueError as exc:
            return SrtReport((), (exc.args[0],), ())
    if not isinstance(text, str):
        return SrtReport((), ("Un texte au format SRT était attendu : numéro, horodatage, texte, ligne vide.",), ())
    raw_blocks = [b for b in re.split(r"\n\s*\n", text.replace("\r\n", "\n").replace("\ufeff", "").strip())
                  if b.strip()]
    if not raw_blocks:
        return SrtReport((), ("Fichier de sous-titres vide : au moins un sous-titre était attendu.",), ())
    cues: list[Cue] = []
    errors: list[str] = []
    warnings: list[str] = list(notes)
    jumps: list[str] = []
    blocks: list[list[str]] = []
    for raw in raw_blocks:
        parts = _split_missing_blank_lines([line.rstrip() for line in raw.split("\n")])
        for part in parts[1:]:
            errors.append(f"Bloc {len(blocks) + 1} : il manque une ligne vide avant le sous-titre n° "
                          f"{part[0].strip()} (« {part[1].strip()} ») ; chaque sous-titre se termine par une "
                          "ligne vide.")
        blocks += parts
    for n, lines in enumerate(blocks, start=1):
        where = f"Bloc {n}"
        if len(lines) < 3:
            errors.append(f"{where} : trois parties attendues (numéro, horodatage, texte), reçu « {' / '.join(lines)} ».")
            continue
        if not lines[0].strip().isdigit():
            errors.append(f"{where} : la première ligne doit être le numéro du sous-titre (reçu « {lines[0]} »).")
            continue
        index = int(lines[0])
        if n == 1 and index != 1:
            errors.append(f"{where} : numéro {index} au lieu de 1 (les sous-titres se numérotent 1, 2, 3…).")
        elif cues and index != cues[-1].index + 1:
            jumps.append(f"bloc {n} : numéro {index} après {cues[-1].index}")
        match = _TIMING.match(lines[1].strip())
        if not match:
            errors.append(f"{where} : horodatage « {lines[1]} » invalide ; attendu HH:MM:SS,mmm --> HH:MM:SS,mmm "
                          "(par exemple 00:00:01,000 --> 00:00:03,500).")
            continue
        start, end = _seconds(match.groups()[:4]), _seconds(match.groups()[4:])
        if end == start:
            errors.append(f"{where} : début et fin identiques ({format_timestamp(start)}) : ce sous-titre dure "
                          "0 seconde et ne s'affichera jamais ; la fin doit venir après le début.")
        elif end < start:
            errors.append(f"{where} : la fin ({format_timestamp(end)}) doit venir après le début ({format_timestamp(start)}).")
        cue = Cue(index, start, end, tuple(line for line in lines[2:] if line.strip()))
        if cues:
            prev = cues[-1]
            if start < prev.start:
                errors.append(f"{where} : commence avant le sous-titre précédent (ordre chronologique attendu).")
            elif start < prev.end:
                errors.append(f"{where} : chevauche le sous-titre précédent (qui finit à {format_timestamp(prev.end)}).")
        cues.append(cue)
        shown = cue.plain_lines
        if len(shown) > max_lines:
            warnings.append(f"{where} : {len(shown)} lignes ; {max_lines} au plus pour rester lisible.")
        long_lines = [line for line in shown if len(line) > max_line_chars]
        if long_lines:
            warnings.append(f"{where} : ligne de {len(long_lines[0])} caractères ; {max_line_chars} au plus.")
        if end > start and cue.chars_per_second > max_cps:
            warnings.append(f"{where} : {fr_number(cue.chars_per_second, 1)} caractères par seconde ; "
                            f"{fr_value(max_cps)} au plus pour laisser le temps de lire (allongez la durée ou "
                            "raccourcissez le texte).")
    if jumps:
        more = f" (et {len(jumps) - 1} autre(s) saut(s) plus loin)" if len(jumps) > 1 else ""
        warnings.insert(len(notes), f"Numérotation qui saute au {jumps[0]}{more} : les lecteurs vidéo ignorent "
                                    "ces numéros, mais renumérotez les sous-titres 1, 2, 3… à la suite.")
    return SrtReport(tuple(cues), tuple(errors), tuple(warnings))


def to_srt(cues: list[tuple[float, float, str]]) -> str:
    """Write ``(start, end, text)`` triples as an SRT file (numbered from 1)."""
    blocks = [f"{i}\n{format_timestamp(s)} --> {format_timestamp(e)}\n{t.strip()}\n" for i, (s, e, t) in
              enumerate(cues, start=1)]
    return "\n".join(blocks)


# -- audio description script ------------------------------------------------------------------------------
_AD_LINE = re.compile(r"^\[(\d{2}):([0-5]\d):([0-5]\d)\]\s*(.*)$")
AD_FORMAT = ("Une ligne par description : [HH:MM:SS] ce que l'on voit et qui n'est pas dit (par exemple "
             "« [00:00:04] Léa sort une fournée de pains dorés du four. »), dans l'ordre chronologique.")


@dataclass(frozen=True)
class AudioDescriptionReport:
    entries: tuple[tuple[float, str], ...]
    errors: tuple[str, ...]

    @property
    def ok(self) -> bool:
        return bool(self.entries) and not self.errors


def check_audio_description(text, duration: float | None = None) -> AudioDescriptionReport:
    """Check an audio-description script in the course format (see :data:`AD_FORMAT`)."""
    if not isinstance(text, str) or not text.strip():
        return AudioDescriptionReport((), ("Script d'audiodescription vide. " + AD_FORMAT,))
    entries: list[tuple[float, str]] = []
    errors: list[str] = []
    for n, raw in enumerate(text.strip().splitlines(), start=1):
        line = raw.strip()
        if not line:
            continue
        match = _AD_LINE.match(line)
        if not match:
            errors.append(f"Ligne {n} : « {line[:40]} » ne suit pas le format. {AD_FORMAT}")
            continue
        h, m, s, description = match.groups()
        at = int(h) * 3600 + int(m) * 60 + int(s)
        if len(_words(description)) < 3:
            errors.append(f"Ligne {n} : description trop courte ; dites qui fait quoi, où.")
        if entries and at <= entries[-1][0]:
            errors.append(f"Ligne {n} : l'horodatage doit venir après celui de la ligne précédente.")
        if duration is not None and at > duration:
            errors.append(f"Ligne {n} : {at} s dépasse la durée de la vidéo ({fr_value(duration)} s).")
        entries.append((float(at), description))
    return AudioDescriptionReport(tuple(entries), tuple(errors))
