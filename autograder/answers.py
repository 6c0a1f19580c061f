"""A notebook's answers, kept in one file, and the parsers that read what a French learner types.

Every answer a learner gives in a practice or assignment notebook goes through an answer widget
(:mod:`autograder.widgets.answers`) into one file next to the notebook, ``reponses_<notebook>.json``::

    {"schema_version": 1,
     "answers": {"q1_reseaux": {"value": ["linkedin", "facebook"], "saved_at": "2026-03-24T18:30:05+01:00"}}}

The file is written atomically (:mod:`autograder.storage`) on every valid answer; a check (or the grader)
reads it with :func:`load_answers`, a widget with :class:`AnswerStore`. A corrupt file is never overwritten.

Parsers (each raises :class:`~autograder.results.LearnerInputError` with a French message that says what
was expected, so a widget can show it and keep the last good answer):

| parser                       | accepts                                               | gives                 |
| ---------------------------- | ----------------------------------------------------- | --------------------- |
| :func:`parse_number`         | « 1 520,5 », « 12,5 € », « 3.2 », « -4 »               | ``float``             |
| :func:`parse_percent`        | « 4,5 % », « 4,5 », « 12 pour cent »                   | ``4.5`` (points of %) |
| :func:`parse_paris_datetime` | « 24/03/2026 18:30 », ``(date, hour, minute)``        | aware ``datetime``    |
| :func:`parse_text`           | any text (trimmed), with word/character bounds        | ``str``               |
| :func:`parse_table`          | one figure per row (a share per age bracket…)        | ``dict[row, float]``  |
| :func:`parse_choice` …       | one option, several options, an order of items        | ids                   |

**Percentages.** A percentage is written in points of percentage: « 4,5 % » and « 4,5 » both give 4.5. A
number strictly between 0 and 1 typed *without* « % » (« 0,045 ») is refused: it looks like a proportion,
and the message asks for « 4,5 % ». Typed with the sign (« 0,045 % »), it is taken as it is written.
"""

from __future__ import annotations

import datetime as dt
import math
import re
from collections.abc import Iterable, Mapping, Sequence
from pathlib import Path
from typing import Any

from autograder.dates import PARIS, parse_datetime
from autograder.numbers import fr_value
from autograder.results import LearnerInputError
from autograder.storage import (
    StateFileError,
    UnreadableWork,
    atomic_write_bytes,
    atomic_write_json,
    load_state,
    read_work_file,
    set_aside,
)
from autograder.text import fold

SCHEMA_VERSION = 1
_QID = re.compile(r"^[A-Za-z0-9][A-Za-z0-9_.-]{0,79}$")


# -- the answers file ---------------------------------------------------------------------------------------

def answers_path(folder: str | Path, notebook_id: str) -> Path:
    """The answers file of notebook ``notebook_id`` (its name without ``.ipynb``) in ``folder``."""
    return Path(folder) / f"reponses_{notebook_id}.json"


def paris_now() -> str:
    """Now, Paris time, as an ISO 8601 text with its offset (« 2026-03-24T18:30:05+01:00 »)."""
    return dt.datetime.now(PARIS).isoformat(timespec="seconds")


def check_qid(qid: str) -> str:
    """A question id: letters, digits, « _ », « . » or « - » (80 at most); a ``ValueError`` otherwise."""
    if not isinstance(qid, str) or not _QID.match(qid):
        raise ValueError(f"identifiant de question invalide : « {qid} » (lettres, chiffres, « _ », « . » ou « - »)")
    return qid


def _entries(data: Any, name: str) -> dict[str, dict]:
    """The ``answers`` of a file's content, each a ``{"value", "saved_at"}`` entry; a French ``ValueError``
    when the content is not an answers file. Entries that are not well formed are left out."""
    if not isinstance(data, dict) or not isinstance(data.get("answers"), dict):
        raise ValueError(f"Le fichier « {name} » n'est pas un fichier de réponses (un objet JSON avec « answers » "
                         "était attendu)")
    return {qid: entry for qid, entry in data["answers"].items()
            if isinstance(qid, str) and _QID.match(qid) and isinstance(entry, dict) and "value" in entry}


def load_answers(path: str | Path) -> dict[str, Any]:
    """The answers of a file, ``{qid: value}``, for a check or the grader (the file is only read).

    A missing file gives ``{}``; an unreadable one gives an empty
    :class:`~autograder.storage.UnreadableWork` whose ``message`` says why in French (as does a file a widget
    set aside as corrupt and nothing replaced).
    """
    data = read_work_file(path, None)
    if isinstance(data, UnreadableWork):
        return data
    if data is None:
        return {}
    try:
        return {qid: entry["value"] for qid, entry in _entries(data, Path(path).name).items()}
    except ValueError as exc:
        return UnreadableWork(f"{exc}.")


class AnswerStore:
    """The answers of one notebook, in memory and in their file; every widget of the notebook shares it.

    Opening reads the file (a corrupt file is set aside, never overwritten, and ``load_message`` says so in
    French). ``set`` re-reads the file first, so two stores on the same file (two widgets, a re-run cell)
    never lose each other's answers, then writes it atomically.
    """

    def __init__(self, path: str | Path):
        self.path = Path(path)
        self.load_message: str | None = None
        self._entries: dict[str, dict] = {}
        self.reload()

    @classmethod
    def for_notebook(cls, notebook_id: str, folder: str | Path = ".") -> AnswerStore:
        return cls(answers_path(folder, notebook_id))

    def reload(self) -> None:
        """Read the file again (a kernel restart, another store wrote it)."""
        self._entries = self._read() or {}

    def _read(self) -> dict[str, dict] | None:
        """The file's entries; ``None`` when it is unreadable (then set aside, and ``load_message`` says so)."""
        data, message = load_state(self.path, None)
        if message:
            self.load_message = message
            return None
        if data is None:
            return {}
        try:
            return _entries(data, self.path.name)
        except ValueError as exc:
            kept = set_aside(self.path)
            self.load_message = (f"{exc}. Il a été mis de côté sous le nom « {kept.name} » et les réponses "
                                 "repartent de zéro.")
            return None

    def _refresh_from_file(self) -> None:
        """Take in what another store saved; when the file became unreadable, keep the answers in memory."""
        if self.path.exists():
            entries = self._read()
            if entries is not None:
                self._entries = entries

    def get(self, qid: str, default: Any = None) -> Any:
        entry = self._entries.get(qid)
        return default if entry is None else entry["value"]

    def saved_at(self, qid: str) -> str | None:
        entry = self._entries.get(qid)
        return None if entry is None else entry.get("saved_at")

    def __contains__(self, qid: str) -> bool:
        return qid in self._entries

    def values(self) -> dict[str, Any]:
        """Every answer, ``{qid: value}``."""
        return {qid: entry["value"] for qid, entry in self._entries.items()}

    def set(self, qid: str, value: Any) -> None:
        """Record ``value`` (any JSON value, NaN refused) as the answer to ``qid`` and save the file."""
        check_qid(qid)
        self._refresh_from_file()
        entries = dict(self._entries)
        entries[qid] = {"value": value, "saved_at": paris_now()}
        self._write(entries)

    def clear(self, qid: str) -> None:
        """Forget the answer to ``qid`` (the file is saved)."""
        self._refresh_from_file()
        if qid in self._entries:
            entries = {k: v for k, v in self._entries.items() if k != qid}
            self._write(entries)

    def _write(self, entries: dict[str, dict]) -> None:
        try:
            atomic_write_json(self.path, {"schema_version": SCHEMA_VERSION, "answers": entries})
        except StateFileError as exc:
            raise LearnerInputError(str(exc)) from exc
        self._entries = entries


# -- numbers and percentages ---------------------------------------------------------------------------------

#: Spaces a learner (or a copy from a French page) puts between thousands.
_SPACES = "\u0020\u00a0\u202f\u2009"
_NUMBER = re.compile(
    rf"^(?P<sign>[+\-\u2212]?)\s*(?P<digits>\d{{1,3}}(?:[{_SPACES}]\d{{3}})+|\d+)?(?:[.,](?P<decimals>\d+))?"
    rf"\s*(?P<unit>\D*?)\s*$"
)
#: Other ways of writing a unit, by the unit the question asks for.
UNIT_ALIASES: dict[str, tuple[str, ...]] = {
    "€": ("€", "eur", "euro", "euros"),
    "%": ("%", "pour cent", "pourcent", "pourcents", "pour-cent"),
    "h": ("h", "heure", "heures"),
    "min": ("min", "mn", "minute", "minutes"),
    "s": ("s", "seconde", "secondes"),
}


def number_examples(unit: str | None = None) -> str:
    """Examples of a number as a learner may type it, in the question's ``unit`` only (none without one):
    « 12,5 min » for minutes, never « 12,5 € »."""
    typed = ("1\u00a0520,5", f"12,5\u00a0{unit}" if unit else "12,5", "3.2")
    return "{}, {} ou {}".format(*(f"«\u00a0{t}\u00a0»" for t in typed))


def _unit_words(unit: str) -> tuple[str, ...]:
    return tuple(fold(u) for u in UNIT_ALIASES.get(unit, (unit,)))


def _read_number(text: str, what: str, unit: str | None) -> tuple[float, bool]:
    """``(value, unit_written)``; a :class:`LearnerInputError` when ``text`` is no number in ``unit``."""
    if isinstance(text, bool):
        raise LearnerInputError(f"{what} : un nombre était attendu, pas une case à cocher.")
    if isinstance(text, int | float):
        if not math.isfinite(text):
            raise LearnerInputError(f"{what} : un nombre fini était attendu.")
        return float(text), False
    raw = str(text).strip()
    if not raw:
        raise LearnerInputError(f"{what} : la case est vide ; écrivez un nombre, par exemple {number_examples(unit)}.")
    if "." in raw and "," in raw:
        raise LearnerInputError(f"{what} : « {raw} » mêle point et virgule ; séparez les milliers par une espace "
                                "et les décimales par une virgule, par exemple « 1 520,5 ».")
    found = _NUMBER.match(raw)
    if not found or (found["digits"] is None and found["decimals"] is None):
        unit_hint = f" (en {unit})" if unit else ""
        raise LearnerInputError(f"{what} : « {raw} » n'est pas un nombre lisible{unit_hint} ; écrivez par exemple "
                                f"{number_examples(unit)} (virgule ou point pour les décimales).")
    written = found["unit"]
    if written and (unit is None or fold(written) not in _unit_words(unit)):
        expected = f"un nombre en {unit}" if unit else "un nombre sans unité"
        raise LearnerInputError(f"{what} : « {written} » après le nombre n'est pas attendu ; écrivez {expected}, "
                                f"par exemple {number_examples(unit)}.")
    digits = re.sub(f"[{_SPACES}]", "", found["digits"] or "0")
    value = float(f"{digits}.{found['decimals'] or '0'}")
    if not math.isfinite(value):
        raise LearnerInputError(f"{what} : « {raw} » est un nombre bien trop grand.")
    if found["sign"] in ("-", "\u2212"):
        value = -value
    return value, bool(written)


def _bounds(value: float, what: str, minimum: float | None, maximum: float | None, suffix: str = "") -> float:
    if minimum is not None and value < minimum:
        raise LearnerInputError(f"{what} : {fr_value(value)}{suffix} est trop petit ; au moins "
                                f"{fr_value(minimum)}{suffix} était attendu.")
    if maximum is not None and value > maximum:
        raise LearnerInputError(f"{what} : {fr_value(value)}{suffix} est trop grand ; au plus "
                                f"{fr_value(maximum)}{suffix} était attendu.")
    return value


def parse_number(text, what: str = "Réponse", *, unit: str | None = None, minimum: float | None = None,
                 maximum: float | None = None, integer: bool = False) -> float:
    """A number typed in French: spaces between thousands, a decimal comma or point, and the question's
    ``unit`` after it or not (« 1 520,5 », « 12,5 € », « 3.2 »). ``integer=True`` refuses decimals (a count
    of clicks); ``minimum``/``maximum`` bound it. Numbers (``int``, ``float``) are taken as they are."""
    value, _ = _read_number(text, what, unit)
    if integer and not float(value).is_integer():
        raise LearnerInputError(f"{what} : {fr_value(value)} n'est pas un nombre entier ; un nombre sans décimales "
                                "était attendu (un nombre de clics, de personnes…).")
    suffix = f"\u00a0{unit}" if unit else ""
    return _bounds(value, what, minimum, maximum, suffix)


def parse_percent(text, what: str = "Pourcentage", *, minimum: float | None = 0.0,
                  maximum: float | None = 100.0) -> float:
    """A percentage in points (« 4,5 % » and « 4,5 » give 4.5), between ``minimum`` and ``maximum``.

    « 0,045 » (strictly between 0 and 1, without « % ») is refused as a proportion: the message asks for
    « 4,5 % ». « 0,045 % » (with the sign) is taken as written."""
    value, with_sign = _read_number(text, what, "%")
    if isinstance(text, str) and not with_sign and 0 < abs(value) < 1:
        raise LearnerInputError(
            f"{what} : « {str(text).strip()} » ressemble à une proportion ; écrivez le pourcentage, ici "
            f"« {fr_value(round(value * 100, 6))}\u00a0% » (proportion × 100). Si vous voulez vraiment dire "
            f"{fr_value(value)}\u00a0%, écrivez-le avec le signe « % ».")
    return _bounds(value, what, minimum, maximum, "\u00a0%")


# -- dates and times -----------------------------------------------------------------------------------------

def _hm(moment: dt.datetime) -> str:
    return f"{moment.hour:02d}:{moment.minute:02d}"


def parse_paris_datetime(value, what: str = "Date et heure") -> dt.datetime:
    """A date and time in Paris time, as an aware datetime.

    ``value`` is a text read by :func:`autograder.dates.parse_datetime` (« 24/03/2026 18:30 »,
    « 2026-03-24 18:30 »), a ``datetime``, or a ``(date, hour, minute)`` triple from a date field and two
    lists. Summer time: a time that does not exist in Paris (the hour skipped in late March) is refused with
    a French message; a time that happens twice (late October) is the first one, in summer time."""
    if isinstance(value, tuple | list) and len(value) == 3:
        day, hour, minute = value
        if day is None or day == "":
            raise LearnerInputError(f"{what} : choisissez une date.")
        if not isinstance(hour, int) or not isinstance(minute, int) or not (0 <= hour < 24 and 0 <= minute < 60):
            raise LearnerInputError(f"{what} : une heure de 0 à 23 et des minutes de 0 à 59 étaient attendues.")
        day = day if isinstance(day, dt.date) else parse_datetime(f"{day} 00:00", what).date()
        value = dt.datetime(day.year, day.month, day.day, hour, minute)
    moment = parse_datetime(value, what)
    if isinstance(value, dt.datetime) and value.tzinfo is not None:
        return moment
    wall = moment.replace(tzinfo=None, fold=0)
    moment = wall.replace(tzinfo=PARIS)
    round_trip = moment.astimezone(dt.UTC).astimezone(PARIS).replace(tzinfo=None)
    if round_trip != wall:
        raise LearnerInputError(
            f"{what} : le {wall:%d/%m/%Y} à {_hm(wall)} n'existe pas à Paris : cette nuit-là, on passe à l'heure "
            f"d'été et les horloges sautent de 02:00 à 03:00. Choisissez une autre heure (par exemple 03:00 ou "
            f"plus tard).")
    return moment


# -- texts ---------------------------------------------------------------------------------------------------

def text_counts(text: str) -> tuple[int, int]:
    """``(words, characters)`` of a trimmed text; words are separated by spaces or line breaks."""
    text = str(text).strip()
    return len(text.split()), len(text)


def counts_fr(text: str) -> str:
    """« 12 mots, 80 caractères » (singular when 1, « 0 mot »)."""
    words, chars = text_counts(text)
    return f"{words} mot{'s' if words > 1 else ''}, {chars} caractère{'s' if chars > 1 else ''}"


def parse_text(text, what: str = "Réponse", *, min_words: int = 1, max_words: int | None = None,
               min_chars: int = 0, max_chars: int | None = None) -> str:
    """A French text, trimmed (line breaks kept), within word and character bounds."""
    if text is None:
        text = ""
    if not isinstance(text, str):
        raise LearnerInputError(f"{what} : un texte était attendu.")
    text = "\n".join(line.rstrip() for line in text.strip().splitlines())
    words, chars = text_counts(text)
    if not text and (min_words or min_chars):
        raise LearnerInputError(f"{what} : la réponse est vide ; écrivez votre réponse en français.")
    if words < min_words:
        raise LearnerInputError(f"{what} : {counts_fr(text)} ; au moins {min_words} mots étaient attendus.")
    if max_words is not None and words > max_words:
        raise LearnerInputError(f"{what} : {counts_fr(text)} ; {max_words} mots au plus étaient attendus, "
                                "raccourcissez.")
    if chars < min_chars:
        raise LearnerInputError(f"{what} : {counts_fr(text)} ; au moins {min_chars} caractères étaient attendus.")
    if max_chars is not None and chars > max_chars:
        raise LearnerInputError(f"{what} : {counts_fr(text)} ; {max_chars} caractères au plus étaient attendus, "
                                "raccourcissez.")
    return text


# -- tables of figures ---------------------------------------------------------------------------------------

def parse_table(cells: Mapping[str, Any], rows: Sequence[str] | None = None, what: str = "Tableau", *,
                percent: bool = True, total: float | None = 100.0, tolerance: float = 1.0,
                unit: str | None = None) -> dict[str, float]:
    """One figure per row (« 18-24 ans » → « 12,5 % »), each read by :func:`parse_percent` (or
    :func:`parse_number` when ``percent=False``), every row of ``rows`` filled; with ``total``, the figures
    must add up to it within ``tolerance`` (100 % ± 1 point for shares that were rounded)."""
    if not isinstance(cells, Mapping):
        raise LearnerInputError(f"{what} : un tableau (une valeur par ligne) était attendu.")
    rows = list(rows) if rows is not None else list(cells)
    extra = [r for r in cells if r not in rows]
    if extra:
        raise LearnerInputError(f"{what} : ligne inconnue « {extra[0]} » ; lignes attendues : {', '.join(rows)}.")
    values: dict[str, float] = {}
    for row in rows:
        cell = cells.get(row)
        if cell is None or (isinstance(cell, str) and not cell.strip()):
            raise LearnerInputError(f"{what} : la case « {row} » est vide ; écrivez 0 si la valeur est nulle.")
        label = f"{what}, « {row} »"
        values[row] = parse_percent(cell, label) if percent else parse_number(cell, label, unit=unit)
    if total is not None:
        total_found = round(sum(values.values()), 6)
        if abs(total_found - total) > tolerance:
            sign = "\u00a0%" if percent else (f"\u00a0{unit}" if unit else "")
            near = f" (à {fr_value(tolerance)} près)" if tolerance else ""  # nothing to say of no tolerance
            raise LearnerInputError(
                f"{what} : les valeurs font {fr_value(total_found)}{sign} au total ; elles doivent faire "
                f"{fr_value(total)}{sign}{near}. Vérifiez chaque ligne.")
    return values


# -- choices ---------------------------------------------------------------------------------------------------

def _option_ids(options: Iterable) -> list:
    """The ids of ``options``, given as ids or ``(label, id)`` pairs."""
    return [o[1] if isinstance(o, tuple | list) and len(o) == 2 else o for o in options]


def parse_choice(value, options: Iterable, what: str = "Choix"):
    """One of ``options`` (ids or ``(label, id)`` pairs)."""
    ids = _option_ids(options)
    if value is None or value == "":
        raise LearnerInputError(f"{what} : choisissez une réponse.")
    if value not in ids:
        raise LearnerInputError(f"{what} : « {value} » n'est pas une des réponses proposées.")
    return value


def parse_choices(values, options: Iterable, what: str = "Choix", *, minimum: int = 1,
                  maximum: int | None = None) -> list:
    """Several of ``options``, in the options' order, between ``minimum`` and ``maximum`` of them."""
    ids = _option_ids(options)
    if not isinstance(values, list | tuple | set | frozenset):
        raise LearnerInputError(f"{what} : une liste de réponses cochées était attendue.")
    unknown = [v for v in values if v not in ids]
    if unknown:
        raise LearnerInputError(f"{what} : « {unknown[0]} » n'est pas une des réponses proposées.")
    chosen = [i for i in ids if i in values]
    if len(chosen) < minimum:
        raise LearnerInputError(f"{what} : cochez au moins {minimum} réponse{'s' if minimum > 1 else ''}.")
    if maximum is not None and len(chosen) > maximum:
        raise LearnerInputError(f"{what} : {len(chosen)} réponses cochées ; {maximum} au plus.")
    return chosen


def parse_ranking(values, items: Iterable, what: str = "Classement") -> list:
    """An order of ``items`` (ids or ``(label, id)`` pairs): each item exactly once."""
    ids = _option_ids(items)
    if not isinstance(values, list | tuple) or len(values) != len(ids) or set(map(str, values)) != set(map(str, ids)):
        raise LearnerInputError(f"{what} : chaque élément doit apparaître une fois et une seule dans le classement.")
    return list(values)


# -- files -----------------------------------------------------------------------------------------------------

#: File kinds an answer may be, by extension: how to recognise one from its first bytes.
FILE_KINDS: dict[str, str] = {"png": "image PNG", "jpg": "image JPEG", "srt": "sous-titres SRT"}
MAX_FILE_BYTES = 10 * 1024 * 1024


def file_kind(name: str, content: bytes) -> str:
    """``"png"``, ``"jpg"`` or ``"srt"`` from the content (not only the name); a French error otherwise."""
    if content.startswith(b"\x89PNG\r\n\x1a\n"):
        return "png"
    if content.startswith(b"\xff\xd8\xff"):
        return "jpg"
    if Path(name).suffix.lower() == ".srt":
        try:
            content.decode("utf-8-sig")
        except UnicodeDecodeError as exc:
            raise LearnerInputError(f"« {name} » : un fichier SRT doit être un texte UTF-8.") from exc
        return "srt"
    raise LearnerInputError(f"« {name} » n'est ni une image PNG ou JPEG, ni un fichier de sous-titres .srt.")


def save_answer_file(folder: str | Path, qid: str, name: str, content: bytes,
                     kinds: Iterable[str] = tuple(FILE_KINDS), what: str = "Fichier") -> dict:
    """Save an uploaded file next to the notebook as ``reponse_<qid>.<ext>`` (atomic write) and return the
    answer to record: ``{"file": <saved name>, "original": <learner's name>, "kind": <ext>, "bytes": <size>}``.

    The content decides the kind (a PNG renamed ``.srt`` is a PNG); kinds outside ``kinds`` and files over
    :data:`MAX_FILE_BYTES` are refused in French."""
    check_qid(qid)
    kinds = tuple(kinds)
    content = bytes(content)
    if not content:
        raise LearnerInputError(f"{what} : « {name} » est vide.")
    if len(content) > MAX_FILE_BYTES:
        raise LearnerInputError(f"{what} : « {name} » pèse {fr_value(round(len(content) / 1e6, 1))} Mo ; "
                                f"{MAX_FILE_BYTES // (1024 * 1024)} Mo au plus.")
    kind = file_kind(name, content)
    if kind not in kinds:
        expected = " ou ".join(FILE_KINDS[k] for k in kinds)
        raise LearnerInputError(f"{what} : « {name} » est une {FILE_KINDS[kind]} ; attendu : {expected}.")
    saved = f"reponse_{qid}.{kind}"
    atomic_write_bytes(Path(folder) / saved, content)
    return {"file": saved, "original": Path(str(name)).name, "kind": kind, "bytes": len(content)}
