"""Meta Business Suite exports: loading (real or generated files) and the C5 computations on them.

Five kinds of export are read (``KINDS``):

- ``facebook_posts`` and ``instagram_posts``: the Insights « Content » exports, with Meta's column names
  (see ``shared/domain-facts.md``). « Views » is the 2025 metric; files exported before the change carry
  « Impressions » instead, which is accepted and renamed « Views » (Instagram switched in August 2024,
  Facebook late 2024 [META-VIEWS]).
- ``audience``: followers by age and gender, top cities, top countries (one row per category).
- ``activity``: when followers are online (day of the week × hour), as shown in Insights.
- ``inbox``: messages and comments with their received and replied times.

Real exports have quirks that the loader accepts (``shared/domain-facts.md``, « Meta Business Suite »):

- encodings: UTF-8 with or without a byte-order mark, UTF-16 with its byte-order mark (Meta's page and audience
  downloads), Windows-1252 (re-saved spreadsheets); bytes with NULs are never read as Windows-1252;
- a first line ``sep=,`` (or ``sep=`` and a tab); ``,``, ``;`` or tab as separator;
- headers in English or French matched after normalisation (case, ``’`` and ``'``, non-breaking spaces,
  surrounding spaces): « Reactions, Comments and Shares » is « Reactions, comments and shares »; the French
  labels are the ones seen in real exports (« Permalien », « Mentions J’aime », « Followers en plus »…);
- columns that stand for the same field (the same column twice, or a French and an English column in a
  bilingual export) are merged: the first non-empty cell is kept, two different non-empty cells are an error;
- rows shorter than the header (Meta drops trailing empty cells) are padded; empty counts are 0;
- Meta's own error rows (no Post ID, no time, a « Data comment » such as "An error occurred while computing
  metadata…") are left out, with a French warning that quotes Meta's comment and names the lines;
- one date order per file, decided from the values: ``MM/DD/YYYY HH:MM`` as Meta writes it in every interface
  language (French exports included), ``DD/MM/YYYY`` only when a day above 12 proves it (a re-saved file);
  a file whose dates read both ways is read ``MM/DD`` with a warning that shows the other reading.

Warnings (French sentences) are in ``frame.attrs["avertissements"]`` (see :func:`export_warnings`). An Excel
file (XLSX, XLS or Excel XML) is refused with « exportez au format CSV »; Meta's page-level and audience
downloads (UTF-16, blocks of percentages) are named as such, with what the course needs instead. A missing
column, an unreadable value or a malformed line raises :class:`ExportError`, a French message naming the
column or the line: no line is ever dropped silently.

Times are naive in the files and are read as Europe/Paris wall-clock time (the page's time zone), summer
time included.

Sources: [META-VIEWS] Meta's announcements of the Impressions → Views change; [META-INBOX] Meta Business
Help Center, « response rate and response time »: the « very responsive » badge needs a response rate of
at least 90 % and a response time of at most 15 minutes over the last 7 days
(https://blog.brandbastion.com/get-and-keep-very-responsive-to-messages-facebook); the response time is the
average of the fastest 90 % of replies over 30 days — the one definition of the course, used by the lessons, the
checks and the inbox widget alike
(https://www.07heavenmarketing.co.uk/hm-blog/facebook-response-measurements-how-do-they-do-it); [META-AUD] audience demographics by age bucket
13-17 … 65+, gender, city and country (not shown under 100 people).
"""

from __future__ import annotations

import csv
import io
import math
import re
from dataclasses import dataclass
from datetime import datetime, timedelta
from pathlib import Path
from typing import TYPE_CHECKING

from autograder import dates, metrics
from autograder.dates import PARIS
from autograder.results import LearnerInputError
from autograder.textfiles import UnreadableText, binary_kind, decode_text

if TYPE_CHECKING:  # pandas is imported when a function needs it, never at ``import autograder``
    import pandas as pd

AGE_BUCKETS = ("13-17", "18-24", "25-34", "35-44", "45-54", "55-64", "65+")  # [META-AUD]
GENDERS = ("Women", "Men")
GENDER_FR = {"Women": "Femmes", "Men": "Hommes"}
DAYS = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")
DAYS_FR = ("lundi", "mardi", "mercredi", "jeudi", "vendredi", "samedi", "dimanche")
NETWORKS = ("Facebook", "Instagram")
BADGE_RATE, BADGE_MINUTES, BADGE_DAYS = 90.0, 15.0, 7  # [META-INBOX]
RESPONSE_TIME_DAYS, RESPONSE_TIME_SHARE = 30, 0.9  # [META-INBOX]
MESSAGE_CHANNELS = ("Messenger", "Instagram Direct")
COMMENT_CHANNELS = ("Facebook comment", "Instagram comment")


class ExportError(LearnerInputError):
    """An export that cannot be read; the French message names the file, the line or the column."""


@dataclass(frozen=True)
class Column:
    name: str  # canonical (English) name
    kind: str = "text"  # "text", "count", "time", "int"
    required: bool = True


def _cols(*specs: tuple) -> tuple[Column, ...]:
    return tuple(Column(*s) for s in specs)


#: Columns of each export: canonical name, type, required.
SCHEMAS: dict[str, tuple[Column, ...]] = {
    "facebook_posts": _cols(
        ("Post ID",), ("Page ID", "text", False), ("Page name", "text", False), ("Title", "text", False),
        ("Description", "text", False), ("Duration (sec)", "count", False), ("Publish time", "time"),
        ("Caption type", "text", False), ("Permalink", "text", False), ("Is crosspost", "text", False),
        ("Is share", "text", False), ("Post type",), ("Languages", "text", False),
        ("Custom labels", "text", False), ("Funded content status", "text", False),
        ("Data comment", "text", False), ("Date", "text", False), ("Views", "count"), ("Reach", "count"),
        ("Reactions, comments and shares", "count", False), ("Reactions", "count"), ("Comments", "count"),
        ("Shares", "count"), ("Total clicks", "count", False), ("Other clicks", "count", False),
        ("Link clicks", "count", False), ("Reels_plays:count", "count", False),
        ("Seconds viewed", "count", False), ("Average Seconds viewed", "count", False),
        ("Estimated earnings (USD)", "count", False),
    ),
    "instagram_posts": _cols(
        ("Post ID",), ("Account ID", "text", False), ("Account username", "text", False),
        ("Account name", "text", False), ("Description", "text", False), ("Duration (sec)", "count", False),
        ("Publish time", "time"), ("Permalink", "text", False), ("Post type",), ("Data comment", "text", False),
        ("Date", "text", False), ("Views", "count"), ("Reach", "count"), ("Likes", "count"),
        ("Shares", "count"), ("Follows", "count", False), ("Comments", "count"), ("Saves", "count"),
    ),
    "audience": _cols(("Platform",), ("Breakdown",), ("Category",), ("Gender", "text", False),
                      ("Followers", "count")),
    "activity": _cols(("Platform",), ("Day",), ("Hour", "int"), ("Online followers", "count")),
    "inbox": _cols(("Item ID",), ("Channel",), ("Author",), ("Text",), ("Received time", "time"),
                   ("Replied time", "time"), ("Labels", "text", False)),
}
KINDS = tuple(SCHEMAS)

#: French headers of exports from the French interface → canonical names: the labels seen in real exports
#: (``shared/domain-facts.md``; note « Mentions J’aime » with a typographic apostrophe, « Permalien »,
#: « Followers en plus », « Commentaire des données », « Total des clics »). Matched after :func:`header_key`.
FRENCH_HEADERS = {
    "Identifiant de la publication": "Post ID", "ID de la Page": "Page ID", "Nom de la page": "Page name",
    "Titre": "Title", "Durée (s)": "Duration (sec)", "Heure de publication": "Publish time",
    "Type de légende": "Caption type", "Permalien": "Permalink", "Est un crosspostage": "Is crosspost",
    "Est un partage": "Is share", "Type de publication": "Post type", "Langues": "Languages",
    "Statut du contenu financé": "Funded content status", "Commentaire des données": "Data comment",
    "Vues": "Views", "Couverture": "Reach", "Réactions, commentaires et partages": "Reactions, comments and shares",
    "Réactions": "Reactions", "Commentaires": "Comments", "Partages": "Shares", "Total des clics": "Total clicks",
    "Autres clics": "Other clicks", "Clics sur un lien": "Link clicks", "Secondes regardé(e)": "Seconds viewed",
    "Secondes moyen(ne) regardé(e)": "Average Seconds viewed", "Revenus estimés (USD)": "Estimated earnings (USD)",
    # Instagram
    "ID du compte": "Account ID", "Nom de profil du compte": "Account username", "Nom du compte": "Account name",
    "Mentions J’aime": "Likes", "Followers en plus": "Follows", "Enregistrements": "Saves",
    # Course-defined exports (audience, activity, inbox) in French.
    "Plateforme": "Platform", "Répartition": "Breakdown", "Catégorie": "Category", "Genre": "Gender",
    "Abonnés": "Followers", "Jour": "Day", "Heure": "Hour", "Abonnés en ligne": "Online followers",
    "Identifiant": "Item ID", "Canal": "Channel", "Auteur": "Author", "Texte": "Text",
    "Reçu le": "Received time", "Répondu le": "Replied time", "Étiquettes": "Labels",
}
#: Older names that stand for a current column only in files without that column (« Impressions » before
#: « Views »).
_ENGLISH_ALIASES = {"Impressions": "Views", "Impressions uniques": "Reach"}
_TIME_FORMATS_US = ("%m/%d/%Y %H:%M", "%m/%d/%Y %H:%M:%S", "%m/%d/%Y", *dates.ISO_DATETIME_FORMATS, "%Y-%m-%d")
_TIME_FORMATS_FR = (*dates.DATETIME_FORMATS, "%d/%m/%Y", "%Y-%m-%d")  # a re-saved file: JJ/MM/AAAA or ISO
_SPACES = re.compile(r"[\s\u00a0\u202f]")
_COUNT = re.compile(r"^-?\d{1,3}(,\d{3})+(\.\d+)?$|^-?\d+(\.\d+)?$")
_APOSTROPHES = str.maketrans({"\u2019": "'", "\u2018": "'", "\u02bc": "'"})
_SEP_LINE = re.compile(r'^"?sep=(\\t|.)"?$', re.IGNORECASE)
_SLASH_DATE = re.compile(r"^(\d{1,2})/(\d{1,2})/(\d{4})\b")
_MONTHS_FR = ("janvier", "février", "mars", "avril", "mai", "juin", "juillet", "août", "septembre", "octobre",
              "novembre", "décembre")
#: Kinds whose rows are posts (Meta writes its error rows there).
_POST_KINDS = ("facebook_posts", "instagram_posts")
WARNINGS = "avertissements"  # key of ``frame.attrs`` holding the French warnings of :func:`read_export`


def header_key(text: str) -> str:
    """A header as compared: case folded, ``’`` read as ``'``, any run of (non-breaking) spaces as one, trimmed."""
    return " ".join(str(text).replace("\ufeff", "").translate(_APOSTROPHES).split()).casefold()


#: Every header the loader knows, by :func:`header_key` → canonical name.
_HEADER_NAMES = {header_key(c.name): c.name for schema in SCHEMAS.values() for c in schema}
_HEADER_NAMES.update({header_key(fr): en for fr, en in FRENCH_HEADERS.items()})
_ALIAS_KEYS = {header_key(old): new for old, new in _ENGLISH_ALIASES.items()}


@dataclass(frozen=True)
class _Text:
    text: str
    name: str  # shown to the learner
    utf16: bool = False  # Meta's page-level and audience downloads are UTF-16


def _excel_refusal(name: str, what: str) -> ExportError:
    return ExportError(
        f"Le fichier « {name} » est un classeur Excel ({what}), pas un fichier CSV : le cours lit les exports au "
        "format CSV. Dans Meta Business Suite, exportez au format CSV ; ou ouvrez ce classeur dans votre tableur "
        "et enregistrez-le au format « CSV UTF-8 »."
    )


def _decode(raw: bytes, name: str) -> _Text:
    """Bytes of an export as text, decoded as every text file of the course is (:mod:`autograder.textfiles`:
    UTF-8, UTF-16 by its byte-order mark or its NULs, Windows-1252, never bytes with NULs as Windows-1252).
    Excel files (XLSX, XLS, Excel XML or HTML) are refused with « exportez au format CSV »."""
    kind = binary_kind(raw)
    if kind:
        raise _excel_refusal(name, kind)
    try:
        text, encoding = decode_text(raw, f"Le fichier « {name} »")
    except UnreadableText as exc:
        raise ExportError(str(exc)) from exc
    return _Text(text.lstrip("\ufeff"), name, utf16=encoding == "utf-16")


def _read_text(source) -> _Text:
    """The file's text (BOM removed) and its display name; ``source`` is a path, text or a file object."""
    if isinstance(source, Path) or (isinstance(source, str) and "\n" not in source):
        path = Path(source)
        try:
            raw = path.read_bytes()
        except FileNotFoundError as exc:
            raise ExportError(f"Fichier d'export introuvable : « {path.name} ».") from exc
        except OSError as exc:
            raise ExportError(f"Impossible de lire le fichier « {path.name} » ({exc.strerror}).") from exc
        return _decode(raw, path.name)
    if isinstance(source, str):
        return _Text(source.lstrip("\ufeff"), "texte fourni")
    if hasattr(source, "read"):
        data = source.read()
        name = Path(str(getattr(source, "name", "fichier fourni"))).name
        if isinstance(data, bytes):
            return _decode(data, name)
        return _Text(data.lstrip("\ufeff"), name)
    raise ExportError(f"Un chemin de fichier CSV ou un texte CSV était attendu, pas {type(source).__name__}.")


def parse_count(text: str, *, column: str = "", line: int | None = None) -> float:
    """A count as written in exports: ``"1,520"``, ``"1 520"``, ``"12"``, ``"3.5"``, ``""`` (0)."""
    cleaned = _SPACES.sub("", str(text))
    if cleaned == "":
        return 0
    if "," in cleaned and not _COUNT.match(cleaned):
        cleaned = cleaned.replace(",", ".")  # a French decimal comma (« 3,5 »)
    if _COUNT.match(cleaned):
        cleaned = cleaned.replace(",", "")
        value = float(cleaned)
        return int(value) if value.is_integer() else value
    where = f" (ligne {line}, colonne « {column} »)" if line else (f" (colonne « {column} »)" if column else "")
    raise ExportError(f"Nombre illisible « {text} »{where} : un nombre comme 1520 ou 1,520 était attendu.")


def parse_time(text: str, *, day_first: bool = False, column: str = "", line: int | None = None) -> datetime:
    """An export time (``MM/DD/YYYY HH:MM``, ``DD/MM/YYYY`` when ``day_first``, or ISO) in Europe/Paris.
    A date without a time is midnight."""
    cleaned = " ".join(str(text).split())
    naive = dates.first_match(cleaned, _TIME_FORMATS_FR if day_first else _TIME_FORMATS_US)
    if naive is not None:
        return naive.replace(tzinfo=PARIS)
    where = f" (ligne {line}, colonne « {column} »)" if line else ""
    expected = ("JJ/MM/AAAA HH:MM (l'ordre des autres dates du fichier)" if day_first
                else "MM/JJ/AAAA HH:MM (format des exports Meta)")
    raise ExportError(f"Date illisible « {text} »{where} : une date au format {expected} était attendue.")


def format_time(moment: datetime) -> str:
    """A time written as in Meta exports (``MM/DD/YYYY HH:MM``, Europe/Paris wall clock)."""
    return moment.astimezone(PARIS).strftime("%m/%d/%Y %H:%M")


def export_warnings(frame) -> list[str]:
    """The French warnings :func:`read_export` left on ``frame`` (lines left out, dates read both ways…)."""
    return list(getattr(frame, "attrs", {}).get(WARNINGS, []))


def _lines_fr(lines: list[int]) -> str:
    """« ligne 4 », « lignes 4 et 9 », « lignes 4, 7 et 9 »."""
    if len(lines) == 1:
        return f"ligne {lines[0]}"
    return "lignes " + ", ".join(str(n) for n in lines[:-1]) + f" et {lines[-1]}"


def _day_fr(moment: datetime) -> str:
    day = "1er" if moment.day == 1 else str(moment.day)
    return f"{day} {_MONTHS_FR[moment.month - 1]} {moment.year}"


def _delimiter(text: str) -> tuple[str, str, bool]:
    """(separator, text without Excel's ``sep=`` line, whether there was one). Without a ``sep=`` line, the
    separator is the one of ``,``, ``;`` and tab that splits the header line into the most known headers, then
    into the most cells (``,`` on a tie): « Réactions, commentaires et partages » does not make a file
    comma-separated."""
    first, _, rest = text.partition("\n")
    found = _SEP_LINE.match(first.strip("\r\n "))
    if found:
        sep = found.group(1)
        return ("\t" if sep.lower() == "\\t" else sep), rest, True

    def score(sep: str) -> tuple[int, int]:
        cells = next(csv.reader([first.rstrip("\r")], delimiter=sep), [])
        return sum(header_key(c) in _HEADER_NAMES for c in cells), len(cells)

    return max((",", ";", "\t"), key=score), text, False


def _rows(text: str, delimiter: str, first_line: int, name: str) -> list[tuple[int, list[str]]]:
    """(line number where the row starts, cells) of every row of the CSV text."""
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)
    rows, start = [], first_line
    try:
        for row in reader:
            rows.append((start, row))
            start = first_line + reader.line_num
    except csv.Error as exc:
        raise ExportError(f"Le fichier « {name} » n'est pas un CSV lisible ({exc}).") from exc
    return rows


def _date_order(cells: list[tuple[int, str]], name: str) -> tuple[bool, str | None]:
    """``(day_first, warning)`` for the whole file, from its time values ``(line, text)``: day-first only when a
    first number above 12 proves it; month-first (Meta's order) otherwise, with a warning when every date
    reads both ways. Both orders proven in one file: :class:`ExportError`."""
    day_first_proof = month_first_proof = both_ways = None
    for line, text in cells:
        found = _SLASH_DATE.match(text)
        if not found:
            continue
        first, second = int(found.group(1)), int(found.group(2))
        if first > 12 >= second:
            day_first_proof = day_first_proof or (line, text)
        elif second > 12 >= first:
            month_first_proof = month_first_proof or (line, text)
        elif first != second:
            both_ways = both_ways or (line, text)
    if day_first_proof and month_first_proof:
        (l1, t1), (l2, t2) = month_first_proof, day_first_proof
        raise ExportError(
            f"Le fichier « {name} » mélange deux ordres de date : « {t1} » (ligne {l1}) ne se lit qu'au format "
            f"MM/JJ/AAAA (celui de Meta), « {t2} » (ligne {l2}) qu'au format JJ/MM/AAAA. Une seule convention par "
            "fichier : reprenez l'export de Meta tel quel, sans le modifier dans un tableur."
        )
    if day_first_proof:
        return True, None
    if month_first_proof or not both_ways:
        return False, None
    line, text = both_ways
    us, fr = parse_time(text), parse_time(text, day_first=True)
    return False, (
        f"Dates du fichier « {name} » : aucune ne dit dans quel ordre lire le jour et le mois (aucun nombre "
        f"au-dessus de 12). Elles sont lues au format MM/JJ/AAAA, comme Meta les écrit dans toutes les langues : "
        f"« {text} » (ligne {line}) est le {_day_fr(us)} ; lue au format JJ/MM/AAAA, ce serait le {_day_fr(fr)}. "
        "Si ce fichier a été réenregistré au format JJ/MM/AAAA, corrigez-le avant l'analyse."
    )


def _missing_columns_error(kind: str, name: str, missing: list[str], header: list[str], download: str):
    """The French refusal of a file without the columns ``kind`` needs; ``download`` describes the signs of
    Meta's page-level and audience downloads (« texte UTF-16, première ligne « sep=, » »), empty for others."""
    names = ", ".join(f"« {m} »" for m in missing)
    found = ", ".join(f"« {h.strip()} »" for h in header if h.strip()) or "aucune"
    if download:
        if kind == "audience":
            course = ("un tableau d'abonnés, une ligne par catégorie, avec les colonnes Platform, Breakdown, Category, "
                      "Gender, Followers (en français : Plateforme, Répartition, Catégorie, Genre, Abonnés) : "
                      "recopiez-y les parts de Meta multipliées par votre nombre d'abonnés")
        else:
            needed = ", ".join(c.name for c in SCHEMAS[kind] if c.required)
            course = f"un export « {kind} » avec au moins les colonnes {needed}"
        return ExportError(
            f"Le fichier « {name} » est un téléchargement de page ou d'audience de Meta Business Suite ({download}) : "
            f"des blocs de pourcentages, pas le tableau qu'attend le cours. Il faut ici {course} ; ou utilisez les "
            f"fichiers fournis avec le cours (colonnes trouvées : {found})."
        )
    return ExportError(
        f"Le fichier « {name} » n'est pas un export « {kind} » complet : colonne(s) manquante(s) {names} "
        f"(colonnes trouvées : {found})."
    )


def _same(spec: Column, a: str, b: str) -> bool:
    """Whether two cells of merged columns say the same (``"1,520"`` and ``"1520"`` are one count)."""
    if spec.kind in ("count", "int"):
        try:
            return parse_count(a) == parse_count(b)
        except ExportError:
            return False
    return " ".join(a.split()) == " ".join(b.split())


def read_export(source, kind: str) -> pd.DataFrame:
    """Read an export of ``kind`` (one of ``KINDS``) into a DataFrame with canonical English columns.

    Counts become numbers (an empty count is 0), times timezone-aware Europe/Paris datetimes (an empty
    « Replied time » is ``NaT``: the item is waiting for a reply). The French warnings (lines left out, dates
    that read both ways) are in ``frame.attrs["avertissements"]`` (:func:`export_warnings`).
    Raises :class:`ExportError` (French) for a missing column or any unreadable line or value.
    """
    import pandas as pd

    if kind not in SCHEMAS:
        raise ExportError(f"Type d'export inconnu « {kind} » : choisir parmi {', '.join(KINDS)}.")
    read = _read_text(source)
    name = read.name
    if not read.text.strip():
        raise ExportError(f"Le fichier « {name} » est vide : un export CSV avec une ligne d'en-tête était attendu.")
    head = read.text.lstrip()[:200].lower()
    if head.startswith("<?xml") or head.startswith("<workbook") or head.startswith("<html"):
        raise _excel_refusal(name, "XML ou HTML")
    delimiter, text, sep_line = _delimiter(read.text)
    rows = [(line, row) for line, row in _rows(text, delimiter, 2 if sep_line else 1, name)
            if any(cell.strip() for cell in row)]
    if not rows:
        raise ExportError(f"Le fichier « {name} » est vide : un export CSV avec une ligne d'en-tête était attendu.")
    (_, header), rows = rows[0], rows[1:]
    width = len(header)
    names: list[str | None] = [_HEADER_NAMES.get(header_key(h), " ".join(h.split())) if header_key(h) else None
                               for h in header]
    # « Impressions » stands for « Views » only in files that predate the change (and have no « Views »).
    names = [_ALIAS_KEYS[header_key(n)] if n and header_key(n) in _ALIAS_KEYS and _ALIAS_KEYS[header_key(n)] not in names
             else n for n in names]
    for index, column in enumerate(names):
        if column is None and any(len(row) > index and row[index].strip() for _, row in rows):
            names[index] = f"Colonne {index + 1} sans nom"  # kept, never shown as an empty name
    where: dict[str, list[int]] = {}
    for index, column in enumerate(names):
        if column is not None:
            where.setdefault(column, []).append(index)
    schema = {c.name: c for c in SCHEMAS[kind]}
    missing = [c.name for c in SCHEMAS[kind] if c.required and c.name not in where]
    if missing:
        signs = (["texte UTF-16"] if read.utf16 else []) + (
            ["première ligne « sep= » et une tabulation" if delimiter == "\t" else f"première ligne « sep={delimiter} »"]
            if sep_line else [])
        raise _missing_columns_error(kind, name, missing, header, ", ".join(signs))

    merged_rows: list[tuple[int, dict[str, str]]] = []
    left_out: dict[str, list[int]] = {}
    for number, row in rows:
        if len(row) > width:
            if any(cell.strip() for cell in row[width:]):
                raise ExportError(
                    f"Ligne {number} du fichier « {name} » illisible : {len(row)} valeur(s) au lieu de {width} "
                    "(une virgule non protégée par des guillemets ?)."
                )
            row = row[:width]
        row = row + [""] * (width - len(row))  # Meta drops trailing empty cells
        record: dict[str, str] = {}
        for column, indexes in where.items():
            spec = schema.get(column, Column(column, "text", False))
            filled = [(i, row[i].strip()) for i in indexes if row[i].strip()]
            for i, cell in filled[1:]:
                if not _same(spec, filled[0][1], cell):
                    raise ExportError(
                        f"Ligne {number} du fichier « {name} » : les colonnes « {header[filled[0][0]].strip()} » et "
                        f"« {header[i].strip()} » (colonne « {column} » en double) ont deux valeurs différentes, "
                        f"« {filled[0][1]} » et « {cell} » : gardez une seule de ces colonnes."
                    )
            record[column] = filled[0][1] if filled else ""
        if kind in _POST_KINDS and not record.get("Post ID") and not record.get("Publish time"):
            left_out.setdefault(record.get("Data comment", ""), []).append(number)  # Meta's own error row
            continue
        merged_rows.append((number, record))

    warnings = []
    for comment, lines in left_out.items():
        said = f" ; commentaire de Meta : « {comment} »" if comment else ""
        warnings.append(
            f"Fichier « {name} », {_lines_fr(lines)} laissée{'s' if len(lines) > 1 else ''} de côté : Meta n'y donne "
            f"ni identifiant de publication ni date{said}. "
            + ("Ces publications ne sont pas comptées." if len(lines) > 1 else "Cette publication n'est pas comptée.")
        )
    time_columns = [c for c in where if schema.get(c) is not None and schema[c].kind == "time"]
    day_first, order_warning = _date_order(
        [(number, " ".join(record[c].split())) for number, record in merged_rows for c in time_columns if record[c]],
        name)
    if order_warning:
        warnings.append(order_warning)

    records = []
    for number, row in merged_rows:
        record = {}
        for column, cell in row.items():
            spec = schema.get(column, Column(column, "text", False))
            if spec.kind == "count":
                record[column] = parse_count(cell, column=column, line=number)
                if record[column] < 0:
                    raise ExportError(f"Ligne {number}, colonne « {column} » : un nombre positif était attendu "
                                      f"(reçu {cell}).")
            elif spec.kind == "int":
                value = parse_count(cell, column=column, line=number)
                if not float(value).is_integer():
                    raise ExportError(f"Ligne {number}, colonne « {column} » : un nombre entier était attendu.")
                record[column] = int(value)
            elif spec.kind == "time":
                if cell == "" and column == "Replied time":
                    record[column] = None  # an item still waiting for a reply
                elif cell == "":
                    raise ExportError(f"Ligne {number}, colonne « {column} » : une date était attendue, la case est vide.")
                else:
                    record[column] = parse_time(cell, day_first=day_first, column=column, line=number)
            else:
                record[column] = cell
        records.append(record)
    frame = pd.DataFrame.from_records(records, columns=list(where))
    for column in time_columns:
        frame[column] = pd.to_datetime(frame[column], utc=True).dt.tz_convert(PARIS)
    frame.attrs[WARNINGS] = warnings
    return frame


def load_exports(folder: str | Path) -> dict[str, pd.DataFrame]:
    """Every export of a folder written by :func:`autograder.data.case_meta.write_exports` (by file name)."""
    folder = Path(folder)
    return {kind: read_export(folder / f"{kind}.csv", kind) for kind in KINDS}


# -- C5.3: engagement ------------------------------------------------------------------------------------

def post_engagements(posts: pd.DataFrame, network: str) -> pd.Series:
    """Engagements of each post: Facebook « Reactions, comments and shares »; Instagram likes + comments +
    shares + saves (Instagram's « interactions »)."""
    if network == "Facebook":
        return posts["Reactions"] + posts["Comments"] + posts["Shares"]
    if network == "Instagram":
        return posts["Likes"] + posts["Comments"] + posts["Shares"] + posts["Saves"]
    raise ValueError(f"Réseau inconnu « {network} » : « Facebook » ou « Instagram » était attendu.")


def combined_posts(facebook: pd.DataFrame, instagram: pd.DataFrame) -> pd.DataFrame:
    """Both networks' posts in one table: Network, Post ID, Publish time, Post type, Description, Views,
    Reach, Engagements (sorted by publish time)."""
    import pandas as pd

    parts = []
    for network, frame in (("Facebook", facebook), ("Instagram", instagram)):
        part = pd.DataFrame({
            "Network": network, "Post ID": frame["Post ID"].astype(str), "Publish time": frame["Publish time"],
            "Post type": frame["Post type"],
            "Description": frame["Description"] if "Description" in frame else "",
            "Views": frame["Views"], "Reach": frame["Reach"], "Engagements": post_engagements(frame, network),
        })
        parts.append(part)
    out = pd.concat(parts, ignore_index=True)
    return out.sort_values(["Publish time", "Network"], kind="stable").reset_index(drop=True)


def engagement_rates(posts: pd.DataFrame, base: str = "reach") -> pd.Series:
    """Engagement rate of each post of a :func:`combined_posts` table, in percent, indexed by Post ID.

    ``base``: ``"reach"`` (engagement rate by reach, the default), ``"views"``. A post with no reach (or no
    view) has no rate: ``ValueError`` naming it, never a silent 0.
    """
    import pandas as pd

    column = {"reach": "Reach", "views": "Views"}.get(base)
    if column is None:
        raise ValueError(f"Base inconnue « {base} » : « reach » (portée) ou « views » (vues) était attendue.")
    values = {}
    for post_id, engaged, denominator in zip(posts["Post ID"], posts["Engagements"], posts[column], strict=True):
        try:
            values[str(post_id)] = metrics.engagement_rate(_plain(engaged), _plain(denominator))
        except ValueError as exc:
            raise ValueError(f"Publication {post_id} : {exc}") from exc
    return pd.Series(values, name=f"Taux d'engagement ({base}, %)", dtype=float)


def average_engagement_rate(posts: pd.DataFrame, base: str = "reach") -> float:
    """The period's engagement rate: the average of the per-post rates (Hootsuite's « average ER »)."""
    rates = engagement_rates(posts, base)
    if rates.empty:
        raise ValueError("Aucune publication : impossible de calculer un taux d'engagement moyen.")
    return float(rates.mean())


def _plain(value):
    """A pandas/numpy scalar as a plain Python number."""
    return value.item() if hasattr(value, "item") else value


# -- C5.2: audience --------------------------------------------------------------------------------------

def audience_table(audience: pd.DataFrame, by: str, platform: str | None = None) -> pd.DataFrame:
    """Followers by ``"age"``, ``"gender"``, ``"city"`` or ``"country"`` (both platforms summed unless
    ``platform``), with their share in percent. Age buckets come in Meta's order."""
    import pandas as pd

    breakdowns = {"age": "Age & gender", "gender": "Age & gender", "city": "Top cities",
                  "country": "Top countries"}
    if by not in breakdowns:
        raise ValueError(f"Répartition inconnue « {by} » : « age », « gender », « city » ou « country » était attendue.")
    rows = audience[audience["Breakdown"] == breakdowns[by]]
    if platform is not None:
        if platform not in NETWORKS:
            raise ValueError(f"Plateforme inconnue « {platform} » : « Facebook » ou « Instagram » était attendue.")
        rows = rows[rows["Platform"] == platform]
    key = {"age": "Category", "gender": "Gender"}.get(by, "Category")
    table = rows.groupby(key, sort=False)["Followers"].sum()
    if by == "age":
        table = table.reindex([b for b in AGE_BUCKETS if b in table.index])
    else:
        table = table.sort_values(ascending=False, kind="stable")
    total = table.sum()
    out = pd.DataFrame({"Followers": table.astype(int),
                        "Share (%)": (table / total * 100) if total else table * 0.0})
    out.index.name = {"age": "Age", "gender": "Gender", "city": "City", "country": "Country"}[by]
    return out


_BREAKDOWN_FR = {"age": "tranche d'âge", "gender": "sexe", "city": "ville (villes principales)",
                 "country": "pays (pays principaux)"}


def audience_summary(audience: pd.DataFrame, by: str, platform: str | None = None) -> str:
    """The French text summary of :func:`audience_figure`: every category with its share."""
    from autograder.numbers import fr_number

    table = audience_table(audience, by, platform)
    who = f"Abonnés {platform}" if platform else "Abonnés Facebook et Instagram"
    shares = ", ".join(f"{GENDER_FR.get(str(name), name)} {fr_number(share, 1)}\u00a0%"
                       for name, share in zip(table.index, table["Share (%)"], strict=True))
    return f"{who} par {_BREAKDOWN_FR[by]} : {shares}."


def audience_figure(audience: pd.DataFrame, by: str, platform: str | None = None, *, width: int = 520):
    """Followers' shares by age, gender, city or country as an accessible bar chart
    (:func:`autograder.figures.png_figure`, alt text and visible caption = :func:`audience_summary`)."""
    import matplotlib

    matplotlib.use("Agg", force=False)
    from matplotlib.figure import Figure

    from autograder.figures import png_figure
    from autograder.numbers import fr_number

    table = audience_table(audience, by, platform)
    names = [str(GENDER_FR.get(str(n), n)) for n in table.index]
    shares = [float(s) for s in table["Share (%)"]]
    fig = Figure(figsize=(6, 0.45 * len(names) + 1.2), dpi=80)
    ax = fig.add_subplot()
    bars = ax.barh(names, shares, color="#0072B2")
    ax.invert_yaxis()
    ax.bar_label(bars, labels=[f"{fr_number(s, 1)} %" for s in shares], padding=3)
    ax.set_xlabel("Part des abonnés (%)")
    ax.set_xlim(0, max(shares, default=0) * 1.2 or 1)
    fig.tight_layout()
    buffer = io.BytesIO()
    fig.savefig(buffer, format="png")
    summary = audience_summary(audience, by, platform)
    return png_figure(buffer.getvalue(), alt=summary, width=width, caption=summary)


def total_followers(audience: pd.DataFrame, platform: str | None = None) -> int:
    """Followers counted in the age & gender breakdown (every follower has one age bucket and one gender)."""
    return int(audience_table(audience, "age", platform)["Followers"].sum())


def target_share(audience: pd.DataFrame, ages: tuple[int, int], platform: str | None = None) -> float:
    """Share (%) of followers whose age bucket lies within ``ages`` (e.g. (25, 54) → 25-34, 35-44, 45-54)."""
    table = audience_table(audience, "age", platform)
    lo, hi = ages
    inside = [b for b in table.index if _bucket_bounds(b)[0] >= lo and _bucket_bounds(b)[1] <= hi]
    return float(table.loc[inside, "Share (%)"].sum())


def _bucket_bounds(bucket: str) -> tuple[int, int]:
    if bucket.endswith("+"):
        return int(bucket[:-1]), 120
    lo, hi = bucket.split("-")
    return int(lo), int(hi)


# -- C5.1: when the audience is online ------------------------------------------------------------------

def _online_rows(activity: pd.DataFrame, platform: str | None):
    """(weekday index, hour, followers online) of each row of the activity export, for ``platform`` or both."""
    columns = (activity["Platform"], activity["Day"], activity["Hour"], activity["Online followers"])
    for network, day, hour, online in zip(*columns, strict=True):
        if platform is not None and network != platform:
            continue
        if day not in DAYS:
            raise ValueError(f"Jour inconnu « {day} » dans l'export d'activité : Monday … Sunday était attendu.")
        yield DAYS.index(day), int(hour), online


def active_hours(activity: pd.DataFrame, platform: str | None = None, threshold: float = 0.7) -> dict[int, set[int]]:
    """Hours (0–23) of each weekday (0 = Monday) when at least ``threshold`` × that day's peak of followers
    are online: the slots where a post meets its audience. (One pass in plain Python: this runs on every
    change of the scheduler.)"""
    if not 0 < threshold <= 1:
        raise ValueError("Le seuil d'activité doit être compris entre 0 (exclu) et 1.")
    totals: dict[int, dict[int, float]] = {d: {} for d in range(len(DAYS))}
    for day_index, hour, online in _online_rows(activity, platform):
        by_hour = totals[day_index]
        by_hour[hour] = by_hour.get(hour, 0) + online
    hours: dict[int, set[int]] = {}
    for day_index, by_hour in totals.items():
        peak = max(by_hour.values(), default=0)
        hours[day_index] = {h for h, v in by_hour.items() if peak and v >= threshold * peak}
    return hours


def describe_hours(hours: set[int]) -> str:
    """« 7 h–8 h, 12 h–13 h, 18 h–20 h »: consecutive hours grouped into French time ranges."""
    ranges, ordered = [], sorted(hours)
    for h in ordered:
        if ranges and h == ranges[-1][1] + 1:
            ranges[-1][1] = h
        else:
            ranges.append([h, h])
    return ", ".join(f"{a} h–{b + 1} h" for a, b in ranges) or "aucune"


def online_by_hour(activity: pd.DataFrame, platform: str | None = None) -> dict[str, list[float]]:
    """Average followers online at each hour (0–23), Monday to Friday (« semaine ») and at the weekend
    (« week-end »)."""
    sums = {"semaine": [0.0] * 24, "week-end": [0.0] * 24}
    counts = {"semaine": [0] * 24, "week-end": [0] * 24}
    for day_index, hour, online in _online_rows(activity, platform):
        group = "week-end" if day_index >= 5 else "semaine"
        sums[group][hour] += online
        counts[group][hour] += 1
    return {g: [s / n if n else 0.0 for s, n in zip(sums[g], counts[g], strict=True)] for g in sums}


def activity_summary(activity: pd.DataFrame, platform: str | None = None, threshold: float = 0.7) -> str:
    """The French text summary of :func:`activity_figure`: the active hours of weekdays and of the weekend
    (hours with at least ``threshold`` × the peak of the average curve)."""
    curves = online_by_hour(activity, platform)
    parts = []
    for group, label in (("semaine", "du lundi au vendredi"), ("week-end", "le samedi et le dimanche")):
        peak = max(curves[group])
        hours = {h for h, v in enumerate(curves[group]) if peak and v >= threshold * peak}
        parts.append(f"{label}, heures actives {describe_hours(hours)}")
    who = f"sur {platform}" if platform else "sur Facebook et Instagram"
    return f"Abonnés en ligne par heure (heure de Paris) {who} : " + " ; ".join(parts) + "."


def activity_figure(activity: pd.DataFrame, platform: str | None = None, *, width: int = 560):
    """When followers are online: average followers by hour, weekdays and weekend, as an accessible figure
    (:func:`autograder.figures.png_figure`, alt text and visible caption = :func:`activity_summary`).
    Colour-blind-safe (Okabe-Ito blue and vermilion) and told apart by markers and line style too."""
    import matplotlib

    matplotlib.use("Agg", force=False)
    from matplotlib.figure import Figure

    from autograder.figures import png_figure

    curves = online_by_hour(activity, platform)
    fig = Figure(figsize=(7, 3), dpi=80)
    ax = fig.add_subplot()
    ax.plot(range(24), curves["semaine"], color="#0072B2", marker="o", label="du lundi au vendredi")
    ax.plot(range(24), curves["week-end"], color="#D55E00", marker="s", linestyle="--", label="samedi et dimanche")
    ax.set_xlabel("Heure (Paris)")
    ax.set_ylabel("Abonnés en ligne (moyenne)")
    ax.set_xticks(range(0, 24, 2))
    ax.legend()
    fig.tight_layout()
    buffer = io.BytesIO()
    fig.savefig(buffer, format="png")
    summary = activity_summary(activity, platform)
    return png_figure(buffer.getvalue(), alt=summary, width=width, caption=summary)


# -- C5.4: inbox ---------------------------------------------------------------------------------------

def last_days(inbox: pd.DataFrame, days: int | None, until: datetime | None = None) -> pd.DataFrame:
    """Items received in the ``days`` days before ``until`` (default: the last item received); all when None."""
    if days is None:
        return inbox
    end = until or max(inbox["Received time"])
    start = end - timedelta(days=days)
    keep = [(start < t <= end) for t in inbox["Received time"]]
    return inbox[keep]


def _missing(value) -> bool:
    import pandas as pd

    return value is None or bool(pd.isna(value))


def messages_only(inbox: pd.DataFrame) -> pd.DataFrame:
    """Private messages (Messenger, Instagram Direct): what Meta's response rate and time count."""
    return inbox[inbox["Channel"].isin(MESSAGE_CHANNELS)]


def reply_minutes(inbox: pd.DataFrame) -> list[float]:
    """Minutes between receipt and reply of every answered item (a reply before receipt is an error)."""
    delays = []
    for item, received, replied in zip(inbox["Item ID"], inbox["Received time"], inbox["Replied time"], strict=True):
        if _missing(replied):
            continue
        minutes = (replied - received).total_seconds() / 60
        if minutes < 0:
            raise ValueError(f"Élément {item} : la réponse est datée d'avant la réception du message.")
        delays.append(minutes)
    return delays


def response_rate(inbox: pd.DataFrame, *, days: int | None = None, until: datetime | None = None) -> float:
    """Share (%) of the items received that got a reply (over the last ``days`` days when given)."""
    rows = last_days(inbox, days, until)
    if len(rows) == 0:
        raise ValueError("Aucun message sur la période : le taux de réponse ne peut pas être calculé.")
    answered = sum(1 for r in rows["Replied time"] if not _missing(r))
    return answered / len(rows) * 100


def response_time(inbox: pd.DataFrame, *, days: int | None = RESPONSE_TIME_DAYS, until: datetime | None = None) -> float:
    """Response time in minutes as Meta defines it [META-INBOX]: the average of the fastest 90 % of the
    reply delays (the slowest 10 % are left out), over the last 30 days by default.

    With n replies, the fastest ``ceil(0.9 × n)`` are averaged.
    """
    delays = sorted(reply_minutes(last_days(inbox, days, until)))
    if not delays:
        raise ValueError("Aucune réponse sur la période : le temps de réponse ne peut pas être calculé.")
    kept = delays[: max(1, math.ceil(RESPONSE_TIME_SHARE * len(delays)))]
    return sum(kept) / len(kept)


def unanswered(inbox: pd.DataFrame) -> list[str]:
    """Ids of the items (messages and comments) still without a reply, oldest first."""
    rows = inbox[[_missing(r) for r in inbox["Replied time"]]]
    rows = rows.sort_values("Received time", kind="stable")
    return [str(i) for i in rows["Item ID"]]


@dataclass(frozen=True)
class Responsiveness:
    rate: float  # %, last 7 days
    minutes: float  # Meta's response time, last 7 days
    badge: bool  # « Très réactif » (very responsive)


def responsiveness(inbox: pd.DataFrame, until: datetime | None = None) -> Responsiveness:
    """Response rate and time of private messages over the last 7 days, and whether they earn the
    « very responsive » badge (≥ 90 % and ≤ 15 min) [META-INBOX]."""
    messages = messages_only(inbox)
    rate = response_rate(messages, days=BADGE_DAYS, until=until)
    minutes = response_time(messages, days=BADGE_DAYS, until=until)
    return Responsiveness(rate, minutes, rate >= BADGE_RATE and minutes <= BADGE_MINUTES)
