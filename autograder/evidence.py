"""The evidence record: what the learner keeps from their real page for each of the 24 criteria.

The jury judges a live demonstration on the candidate's own page. For each criterion, the learner keeps
evidence of the work done in the real tools: **screenshots** (PNG or JPEG, checked by their content, each with
a **required** alt text), **links** (the page, a post, a group), **figures** read in their own Insights or Ads
Manager (or computed from their own exports), a **date** and a short **note**. The widget
(:mod:`autograder.widgets.evidence`) writes them; the jury dossier and the check
(:mod:`autograder.checks.evidence`) read them.

Layout of the evidence folder (``preuves/`` at the course root, :data:`EVIDENCE_FOLDER`)::

    preuves/preuves.json                      the record (written atomically)
    preuves/reponse_preuve_<id>.png           a screenshot (saved by autograder.answers.save_answer_file)

``preuves.json``::

    {"schema_version": 1,
     "entries": [{"id": "a1b2c3d4", "criterion": "C5.3", "kind": "capture", "file": "reponse_preuve_a1b2c3d4.png",
                  "original": "stats.png", "alt_text": "Statistiques de la page…", "link": "",
                  "figures": [{"label": "Taux d'engagement (portée)", "value": 4.2, "unit": "%"}],
                  "date": "2027-02-10", "note": "…", "source": "", "saved_at": "2027-02-10T18:30:05+01:00"}]}

**API for the jury dossier**: :func:`load_evidence(folder) <load_evidence>` returns the entries as
:class:`Evidence` records (``criterion``, ``kind``, ``path`` of the screenshot or ``None``, ``alt_text``, ``link``,
``figures`` (:class:`Figure`: ``label``, ``value``, ``unit``, ``text``) and ``figure`` (the first one), ``date``,
``note``, ``source``), sorted by criterion then date; :func:`by_criterion` groups them for the 24 criteria;
:func:`missing_evidence` says, criterion by criterion, what the jury will still want to see (:data:`NEEDS`);
:func:`read_evidence` also gives the French problems (an unreadable record, entries left out), and
:func:`entries_to_copy` takes lesson 00's entries, screenshots included, into another folder (the mock
certification's, so that they are handed in).

Kinds (:data:`KINDS`): ``capture`` (a screenshot, with its alt text), ``export`` (figures read from the
learner's own export: Meta Business Suite posts for C5, Ads Manager results for C7, see
:func:`figures_from_export`), ``chiffre`` (a figure read on screen), ``lien`` (a link only).
"""

from __future__ import annotations

import datetime as dt
import io
import math
import re
import secrets
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

from autograder import referentiel
from autograder.answers import file_kind, parse_number, parse_percent, parse_text, save_answer_file
from autograder.dates import parse_date
from autograder.networks import get_network
from autograder.numbers import fr_value
from autograder.results import LearnerInputError
from autograder.storage import UnreadableWork, atomic_write_bytes, read_work_file

EVIDENCE_FOLDER = "preuves"
EVIDENCE_FILE = "preuves.json"
SCHEMA_VERSION = 1
KINDS = {"capture": "capture d'écran", "export": "export", "chiffre": "chiffre lu", "lien": "lien"}
IMAGE_KINDS = ("png", "jpg")
ALT_MIN_WORDS = 3
ALT_MAX_CHARS = get_network("instagram").alt_text_limit  # 1 000 characters, as on Instagram and Facebook
NOTE_MAX_CHARS = 800
LABEL_MAX_CHARS = 80
MAX_FIGURES = 20
MAX_ENTRIES = 500
#: Exports a learner can load as evidence: kind -> (French name, competency, default criterion).
EXPORTS = {
    "facebook_posts": ("Export des publications Facebook (Meta Business Suite, CSV)", "C5", "C5.3"),
    "instagram_posts": ("Export des publications Instagram (Meta Business Suite, CSV)", "C5", "C5.3"),
    "ads": ("Export des résultats du Gestionnaire de publicités (CSV ou Excel)", "C7", "C7.4"),
}
_URL = re.compile(r"^https?://[^\s/?#.]+(?:\.[^\s/?#.]+)+(?::\d+)?(?:[/?#]\S*)?$", re.IGNORECASE)  # a host with a dot
_ID = re.compile(r"^[0-9a-z]{4,32}$")


@dataclass(frozen=True)
class Figure:
    """A figure read in the real tools: « Taux d'engagement (portée) » 4.2 « % »."""

    label: str
    value: float
    unit: str = ""

    @property
    def text(self) -> str:
        """« Taux d'engagement (portée) : 4,2 % »."""
        unit = f"\u00a0{self.unit}" if self.unit else ""
        return f"{self.label}\u00a0: {fr_value(round(self.value, 4))}{unit}"

    def to_dict(self) -> dict:
        return {"label": self.label, "value": self.value, "unit": self.unit}


@dataclass(frozen=True)
class Evidence:
    """One piece of evidence for one criterion (see the module docstring)."""

    id: str
    criterion: str
    kind: str
    path: Path | None  # the screenshot, or None
    alt_text: str
    link: str
    figures: tuple[Figure, ...]
    date: dt.date
    note: str
    source: str  # the export's file name, or ""
    original: str = ""  # the learner's name for the screenshot

    @property
    def figure(self) -> Figure | None:
        return self.figures[0] if self.figures else None

    @property
    def screenshot_ok(self) -> bool:
        """A screenshot whose file is there and is still a PNG or JPEG."""
        if self.path is None or not self.path.is_file():
            return False
        try:
            with open(self.path, "rb") as handle:
                return file_kind(self.path.name, handle.read(16)) in IMAGE_KINDS
        except (OSError, LearnerInputError):
            return False

    def summary(self) -> str:
        """One French line: « C5.3 · capture d'écran · 10/02/2027 · Taux… : 4,2 % »."""
        parts = [self.criterion, KINDS.get(self.kind, self.kind), f"{self.date:%d/%m/%Y}"]
        if self.original or self.source:
            parts.append(self.original or self.source)
        if self.figures:
            parts.append(self.figures[0].text + (f" (+{len(self.figures) - 1})" if len(self.figures) > 1 else ""))
        if self.link:
            parts.append(self.link)
        return " · ".join(parts)


# -- one entry --------------------------------------------------------------------------------------------

def _criterion(value) -> str:
    try:
        return referentiel.criterion(str(value)).id
    except KeyError as exc:
        raise LearnerInputError(exc.args[0]) from None


def check_link(text) -> str:
    """A web address (``http://`` or ``https://``), trimmed; ``""`` for an empty field; a French error otherwise."""
    text = "" if text is None else str(text).strip()
    if not text:
        return ""
    if len(text) > 2000 or not _URL.match(text):
        raise LearnerInputError(f"Lien : « {text[:80]} » n'est pas une adresse web ; copiez l'adresse complète "
                                "depuis la barre du navigateur, par exemple « https://www.facebook.com/… ».")
    return text


def parse_figure(label, value) -> Figure | None:
    """A figure typed by the learner: an intitulé and a value (« 4,2 % », « 0,35 € », « 1 250 »); ``None`` when
    both fields are empty; a French error when only one is filled or the value is not a number."""
    label = "" if label is None else " ".join(str(label).split())
    raw = "" if value is None else str(value).strip()
    if not label and not raw:
        return None
    if not label:
        raise LearnerInputError("Chiffre lu : écrivez aussi son intitulé (par exemple « Taux d'engagement »).")
    if not raw:
        raise LearnerInputError(f"Chiffre lu « {label} » : écrivez aussi sa valeur (par exemple « 4,2 % »).")
    if len(label) > LABEL_MAX_CHARS:
        raise LearnerInputError(f"Chiffre lu : l'intitulé fait {len(label)} caractères ; {LABEL_MAX_CHARS} au plus.")
    if "%" in raw or "pour cent" in raw.lower():
        return Figure(label, parse_percent(raw, f"Chiffre lu « {label} »", minimum=None, maximum=None), "%")
    if "€" in raw or "eur" in raw.lower():
        return Figure(label, parse_number(raw, f"Chiffre lu « {label} »", unit="€"), "€")
    return Figure(label, parse_number(raw, f"Chiffre lu « {label} »"), "")


def _figures(raw) -> list[dict]:
    if raw in (None, ""):
        return []
    if not isinstance(raw, list) or len(raw) > MAX_FIGURES:
        raise LearnerInputError(f"« figures » doit être une liste de {MAX_FIGURES} chiffres au plus.")
    out = []
    for item in raw:
        if not isinstance(item, dict) or not str(item.get("label", "")).strip():
            raise LearnerInputError("Chaque chiffre doit avoir un intitulé (« label ») et une valeur (« value »).")
        value = item.get("value")
        if isinstance(value, bool) or not isinstance(value, int | float) or not math.isfinite(value):
            raise LearnerInputError(f"Chiffre « {item.get('label')} » : un nombre était attendu.")
        out.append({"label": " ".join(str(item["label"]).split())[:LABEL_MAX_CHARS], "value": float(value),
                    "unit": str(item.get("unit", ""))[:12]})
    return out


def validate_entry(raw: dict, today: dt.date | None = None) -> dict:
    """An entry of ``preuves.json``, normalised; a French ``LearnerInputError`` for an impossible one.

    Rules: a known criterion; a screenshot always comes with an alt text (3 words at least, 1 000 characters at
    most); at least one of a screenshot, a link or a figure (a note alone proves nothing); a link is a web
    address; a date that is not after ``today`` (when given); a note of 800 characters at most."""
    if not isinstance(raw, dict):
        raise LearnerInputError("Chaque preuve doit être un objet JSON.")
    entry_id = str(raw.get("id", ""))
    if not _ID.match(entry_id):
        raise LearnerInputError(f"Identifiant de preuve invalide : « {entry_id} ».")
    criterion = _criterion(raw.get("criterion"))
    file = str(raw.get("file") or "")
    if file and (Path(file).name != file or Path(file).suffix.lower() not in (".png", ".jpg", ".jpeg")):
        raise LearnerInputError(f"Capture « {file} » : un nom de fichier PNG ou JPEG du dossier des preuves était "
                                "attendu.")
    alt_text = str(raw.get("alt_text") or "").strip()
    if file:
        alt_text = parse_text(alt_text, "Texte alternatif de la capture (obligatoire)", min_words=ALT_MIN_WORDS,
                              max_chars=ALT_MAX_CHARS)
    link = check_link(raw.get("link"))
    figures = _figures(raw.get("figures"))
    note = parse_text(raw.get("note") or "", "Note", min_words=0, max_chars=NOTE_MAX_CHARS)
    if not (file or link or figures):
        raise LearnerInputError("Une preuve a besoin d'une capture d'écran, d'un lien ou d'un chiffre lu : une note "
                                "seule ne montre rien au jury.")
    day = parse_date(raw.get("date") or "", "Date de la preuve")
    if today is not None and day > today:
        raise LearnerInputError(f"Date de la preuve : le {day:%d/%m/%Y} est dans le futur ; mettez le jour de la "
                                "capture ou de la lecture du chiffre.")
    source = str(raw.get("source") or "")[:200]
    kind = "capture" if file else ("export" if source else ("chiffre" if figures else "lien"))
    return {"id": entry_id, "criterion": criterion, "kind": kind, "file": file,
            "original": Path(str(raw.get("original") or "")).name[:200], "alt_text": alt_text, "link": link,
            "figures": figures, "date": day.isoformat(), "note": note, "source": source,
            "saved_at": str(raw.get("saved_at") or "")}


def new_id(used: Iterable[str] = ()) -> str:
    """A fresh entry id (8 hexadecimal digits) not in ``used``."""
    used = set(used)
    while True:
        candidate = secrets.token_hex(4)
        if candidate not in used:
            return candidate


def store_screenshot(folder: str | Path, entry_id: str, name: str, content: bytes) -> dict:
    """Save a screenshot in the evidence folder, checked by its content (PNG or JPEG, 10 Mo at most, via
    :func:`autograder.answers.save_answer_file`); ``{"file", "original", "kind", "bytes"}``."""
    return save_answer_file(folder, f"preuve_{entry_id}", name, content, IMAGE_KINDS, "Capture d'écran")


def check_screenshot(name: str, content: bytes) -> str:
    """``"png"`` or ``"jpg"`` from the content; a French error for any other file (checked before saving)."""
    kind = file_kind(name, bytes(content[:16]))
    if kind not in IMAGE_KINDS:
        raise LearnerInputError(f"Capture d'écran : « {name} » n'est pas une image PNG ou JPEG.")
    return kind


# -- the learner's own exports ----------------------------------------------------------------------------

def _posts_figures(name: str, content: bytes, kind: str) -> tuple[list[Figure], str]:
    import pandas as pd

    from autograder import insights

    source = io.BytesIO(bytes(content))
    source.name = name
    frame = insights.read_export(source, kind)
    if frame.empty:
        raise LearnerInputError(f"Le fichier « {name} » ne contient aucune publication.")
    network = "Facebook" if kind == "facebook_posts" else "Instagram"
    engagements = insights.post_engagements(frame, network)
    figures = [Figure("Publications", float(len(frame))),
               Figure("Couverture cumulée des publications", float(frame["Reach"].sum())),
               Figure("Engagements", float(engagements.sum()))]
    if "Views" in frame:
        figures.insert(2, Figure("Vues cumulées", float(frame["Views"].sum())))
    table = pd.DataFrame({"Post ID": frame["Post ID"].astype(str), "Engagements": engagements,
                          "Reach": frame["Reach"]})
    reached = table[table["Reach"] > 0]
    notes = list(insights.export_warnings(frame))
    if len(reached):
        rate = insights.average_engagement_rate(reached, "reach")
        figures.append(Figure("Taux d'engagement moyen (par portée)", round(rate, 2), "%"))
    if len(reached) < len(table):
        notes.append(f"{len(table) - len(reached)} publication(s) sans portée laissée(s) hors du taux moyen.")
    times = frame["Publish time"].dropna()
    period = f"{network} : publications du {times.min():%d/%m/%Y} au {times.max():%d/%m/%Y}." if len(times) else ""
    return figures, " ".join([period, *notes]).strip()


def _ads_figures(name: str, content: bytes) -> tuple[list[Figure], str]:
    from autograder import campaign

    results = campaign.analyse_results(campaign.read_ads_export(bytes(content)))
    total = results.loc["Total"]
    figures = [Figure("Publicités", float(len(results) - 1))]
    for column, value in total.items():
        if value is None or (isinstance(value, float) and math.isnan(value)):
            continue
        found = re.match(r"^(.*) \(([^()]*)\)$", str(column))
        label, unit = (found.group(1), found.group(2)) if found else (str(column), "")
        unit = "%" if unit == "%" else (campaign.currency_label(unit) if unit else "")
        figures.append(Figure(label, round(float(value), 2), unit))
    return figures, " ".join(results.attrs.get("avertissements", []))


def figures_from_export(kind: str, name: str, content: bytes) -> tuple[list[Figure], str]:
    """The figures of the learner's own export, and a French note (period, warnings).

    ``kind``: ``facebook_posts`` / ``instagram_posts`` (Meta Business Suite posts export, read by
    :func:`autograder.insights.read_export`: posts, reach, views, engagements, average engagement rate by reach)
    or ``ads`` (Ads Manager results, read by :func:`autograder.campaign.read_ads_export` and
    :func:`~autograder.campaign.analyse_results`: spend, CPC, CTR, CPM, frequency, cost per result of Meta's
    total row). A bad file raises a French ``LearnerInputError`` that names it."""
    if kind not in EXPORTS:
        raise LearnerInputError(f"Type d'export inconnu « {kind} » ; types possibles : {', '.join(EXPORTS)}.")
    if not content:
        raise LearnerInputError(f"Le fichier « {name} » est vide.")
    try:
        if kind == "ads":
            return _ads_figures(name, content)
        return _posts_figures(name, content, kind)
    except LearnerInputError:
        raise
    except (ValueError, KeyError, TypeError) as exc:
        message = exc.args[0] if exc.args and isinstance(exc.args[0], str) else type(exc).__name__
        if kind == "ads" and message.startswith("L'export"):
            message = message.replace("L'export", f"Le fichier « {name} »", 1)
        raise LearnerInputError(f"{EXPORTS[kind][0]} : {message}") from None


# -- the record -------------------------------------------------------------------------------------------

def evidence_file(folder: str | Path) -> Path:
    """The record file of an evidence folder; a course root holding ``preuves/`` is accepted too."""
    folder = Path(folder)
    if not (folder / EVIDENCE_FILE).exists() and (folder / EVIDENCE_FOLDER / EVIDENCE_FILE).exists():
        folder = folder / EVIDENCE_FOLDER
    return folder / EVIDENCE_FILE


def validate_record(state) -> dict:
    """The record's content with every entry validated; a French ``ValueError`` otherwise."""
    if not isinstance(state, dict):
        raise LearnerInputError("un objet JSON (dictionnaire) était attendu")
    entries = state.get("entries", [])
    if not isinstance(entries, list) or len(entries) > MAX_ENTRIES:
        raise LearnerInputError(f"« entries » doit être une liste de {MAX_ENTRIES} preuves au plus")
    checked = [validate_entry(e) for e in entries]
    ids = [e["id"] for e in checked]
    if len(set(ids)) != len(ids):
        raise LearnerInputError("deux preuves ont le même identifiant")
    return {**state, "entries": checked}


def _record(entry: dict, folder: Path) -> Evidence:
    return Evidence(
        id=entry["id"], criterion=entry["criterion"], kind=entry["kind"],
        path=folder / entry["file"] if entry["file"] else None, alt_text=entry["alt_text"], link=entry["link"],
        figures=tuple(Figure(f["label"], f["value"], f["unit"]) for f in entry["figures"]),
        date=dt.date.fromisoformat(entry["date"]), note=entry["note"], source=entry["source"],
        original=entry["original"])


@dataclass
class EvidenceRecord:
    """What :func:`read_evidence` found: the valid entries, and French problems (unreadable file, entries left out)."""

    entries: list[Evidence]
    problems: list[str]
    unreadable: bool = False


def read_entries(folder: str | Path) -> tuple[list[dict], list[str], bool]:
    """``(entries, problems, unreadable)``: the valid stored entries of ``folder``'s record (dicts, as saved), the
    French problems (an unreadable record, entries left out), and whether the record could not be read at all."""
    path = evidence_file(folder)
    data = read_work_file(path, None)
    if isinstance(data, UnreadableWork):
        return [], [data.message], True
    if data is None:
        return [], [], False
    if not isinstance(data, dict) or not isinstance(data.get("entries", []), list):
        return [], [f"Le fichier « {path.name} » n'est pas un registre de preuves (un objet JSON avec « entries » "
                    "était attendu)."], True
    entries, problems = [], []
    for number, raw in enumerate(data.get("entries", []), start=1):
        try:
            entries.append(validate_entry(raw))
        except (ValueError, TypeError) as exc:
            problems.append(f"Preuve n° {number} laissée de côté : {exc.args[0] if exc.args else exc}")
    return entries, problems, False


def read_evidence(folder: str | Path) -> EvidenceRecord:
    """The record of ``folder`` for a check or the dossier: never raises for a learner's file.

    A missing record gives no entry; an unreadable one gives no entry and a French problem; an entry that breaks
    a rule (a hand-edited file) is left out and named in ``problems``."""
    entries, problems, unreadable = read_entries(folder)
    records = [_record(entry, evidence_file(folder).parent) for entry in entries]
    records.sort(key=lambda e: (referentiel.criterion_order(e.criterion), e.date, e.id))
    return EvidenceRecord(records, problems, unreadable)


def entries_to_copy(source: str | Path, dest: str | Path, known: Iterable[str]) -> tuple[list[dict], list[str]]:
    """The entries of ``source``'s record that ``dest`` lacks (ids not in ``known``), their screenshots written into
    ``dest`` (atomically, checked again as PNG or JPEG), and French problems (an entry whose screenshot is gone is
    left out). For a notebook in another folder (the mock certification) that takes in lesson 00's record."""
    entries, problems, _unreadable = read_entries(source)
    known = set(known)
    source_folder, dest = evidence_file(source).parent, Path(dest)
    kept = []
    for entry in entries:
        if entry["id"] in known:
            continue
        if entry["file"]:
            try:
                content = (source_folder / entry["file"]).read_bytes()
                check_screenshot(entry["file"], content)
            except (OSError, LearnerInputError):
                problems.append(f"Preuve {entry['criterion']} du {entry['date']} laissée de côté : sa capture "
                                f"« {entry['original'] or entry['file']} » est introuvable ou illisible.")
                continue
            atomic_write_bytes(dest / entry["file"], content)
        kept.append(entry)
    return kept, problems


def load_evidence(folder: str | Path) -> list[Evidence]:
    """The learner's evidence, as typed records sorted by criterion then date (for the jury dossier).

    ``folder`` is the evidence folder (``preuves/``) or the course root that holds it. Each :class:`Evidence`
    has ``criterion`` (« C5.3 »), ``kind`` (a key of :data:`KINDS`), ``path`` (the screenshot's ``Path``, or
    ``None``; check ``screenshot_ok`` before embedding it), ``alt_text`` (always there with a screenshot),
    ``link``, ``figures`` / ``figure`` (:class:`Figure`), ``date`` (``datetime.date``), ``note``, ``source``
    (the export's file name). A missing or unreadable record gives ``[]``; :func:`read_evidence` also says why.
    """
    return read_evidence(folder).entries


def by_criterion(entries: Iterable[Evidence]) -> dict[str, list[Evidence]]:
    """The entries of each of the 24 criteria (every criterion is a key, in the référentiel's order)."""
    grouped: dict[str, list[Evidence]] = {c.id: [] for c in referentiel.CRITERIA}
    for entry in entries:
        grouped.setdefault(entry.criterion, []).append(entry)
    return grouped


# -- what the jury will want to see -----------------------------------------------------------------------

@dataclass(frozen=True)
class Need:
    """One piece of evidence a criterion needs: ``kind`` is ``capture``, ``lien``, ``chiffre`` or ``note``."""

    kind: str
    text: str  # what it shows, in French (« une capture de la page optimisée »)
    count: int = 1

    def met_by(self, entries: list[Evidence]) -> int:
        """How many of ``entries`` meet it."""
        if self.kind == "capture":
            return sum(1 for e in entries if e.path is not None and e.screenshot_ok and e.alt_text)
        if self.kind == "lien":
            return sum(1 for e in entries if e.link)
        if self.kind == "chiffre":
            return sum(1 for e in entries if e.figures)
        return sum(1 for e in entries if len(e.note.split()) >= 5)


def _needs(*items: tuple) -> tuple[Need, ...]:
    return tuple(Need(*item) for item in items)


#: For each criterion, what the jury will want to see on the real page (from the référentiel's wording).
NEEDS: dict[str, tuple[Need, ...]] = {
    "C1.1": _needs(("lien", "le lien de votre page professionnelle"),
                   ("note", "une note : pourquoi ce réseau convient à l'activité et à la cible commerciale")),
    "C1.2": _needs(("capture", "des captures de la page optimisée et d'une modification de la page", 2),
                   ("chiffre", "un chiffre lu dans les statistiques de la page (analyse des résultats)")),
    "C1.3": _needs(("note", "une note sur vos répétitions en direct dans l'application (le jury observe la "
                            "fluidité le jour J)"),
                   ("capture", "une capture de l'application utilisée (plan B si la connexion manque)")),
    "C2.1": _needs(("capture", "une capture d'un visuel publié au format du réseau"),
                   ("note", "une note : pourquoi ce format plaît à l'algorithme du réseau")),
    "C2.2": _needs(("capture", "des captures de visuels différents", 2),
                   ("note", "une note qui argumente chaque visuel par rapport à sa publication")),
    "C2.3": _needs(("capture", "une capture d'un visuel avec texte, message précis et identité visuelle"),
                   ("lien", "le lien de la source ou de la licence de l'image libre de droit")),
    "C2.4": _needs(("capture", "une capture du texte alternatif, des sous-titres ou des contrastes vérifiés"),
                   ("note", "une note : quelle solution inclusive, pour quel handicap")),
    "C3.1": _needs(("capture", "une capture du rétroplanning des 3 mois"),
                   ("chiffre", "un chiffre : le nombre de publications par semaine")),
    "C3.2": _needs(("capture", "une capture du planning avec les dates clés du calendrier"),
                   ("note", "une note : les temps forts retenus (fêtes, soldes, dates du secteur)")),
    "C3.3": _needs(("capture", "une capture du planning montrant des thématiques variées"),
                   ("note", "une note : les thématiques (produit, offres, nouveautés, actualités…)")),
    "C4.1": _needs(("capture", "une capture de la publication en brouillon avec son visuel"),),
    "C4.2": _needs(("capture", "une capture du texte (wording) de la publication"),
                   ("note", "une note : en quoi le wording parle à la cible et aux produits")),
    "C4.3": _needs(("note", "une note qui argumente le choix des hashtags (marque, thème, lieu)"),),
    "C4.4": _needs(("capture", "des captures de formats différents (publication, story, reel…)", 2),),
    "C5.1": _needs(("capture", "une capture des publications programmées dans le Planificateur"),),
    "C5.2": _needs(("capture", "une capture de l'audience (âge, sexe, localisation) dans les statistiques"),
                   ("chiffre", "un chiffre de l'audience (par exemple la part des 25-34 ans)")),
    "C5.3": _needs(("chiffre", "le taux d'engagement calculé (lu ou tiré de votre export)"),
                   ("capture", "une capture des statistiques des publications")),
    "C5.4": _needs(("capture", "une capture de la boîte de réception (messages et commentaires traités)"),
                   ("chiffre", "un chiffre : taux ou délai de réponse")),
    "C6.1": _needs(("capture", "une capture d'un échange (like, story repartagée, partage dans un groupe)"),
                   ("lien", "le lien de la publication ou du groupe"),
                   ("note", "une note : quoi, où, avec qui, quand")),
    "C6.2": _needs(("capture", "une capture d'une réponse à un commentaire ou d'une modération"),
                   ("note", "une note : votre règle de modération et comment vous encouragez les échanges")),
    "C7.1": _needs(("capture", "une capture du paramétrage de la campagne (objectif, audience, format)"),
                   ("note", "une note : pourquoi ce format pour cette cible, cet objectif et ce message")),
    "C7.2": _needs(("chiffre", "l'impact prévu (résultats estimés par le Gestionnaire de publicités)"),
                   ("capture", "une capture de l'estimation des résultats")),
    "C7.3": _needs(("chiffre", "le budget défini (quotidien ou global)"),
                   ("capture", "une capture du budget et du calendrier de la campagne")),
    "C7.4": _needs(("chiffre", "le coût par clic calculé (lu ou tiré de votre export)"),),
}


def missing_evidence(entries: Iterable[Evidence]) -> dict[str, list[str]]:
    """For each of the 24 criteria (référentiel order), what the jury will still want to see: the French texts of
    the :data:`NEEDS` not met yet (an empty list when the criterion's evidence is complete)."""
    grouped = by_criterion(entries)
    missing = {}
    for crit in referentiel.CRITERIA:
        mine = grouped.get(crit.id, [])
        missing[crit.id] = [need.text + (f" (encore {need.count - met})" if need.count > 1 and met else "")
                            for need in NEEDS[crit.id] if (met := need.met_by(mine)) < need.count]
    return missing
