"""The mock-jury grid: a peer or the trainer watches a rehearsal and notes, for each of the 24 criteria, what
they observed and a level (« acquis », « en cours », « non acquis », the words of :mod:`autograder.status`).

The grid is the file ``jury_blanc.json`` written by the widget of lesson 08 (``autograder.widgets.mock_jury``)::

    {"observer": "Camille (formatrice)", "role": "formateur", "date": "2026-12-07",
     "criteria": {"C1.1": {"level": "en cours", "observation": "…"}, …}}

It is handed in with the mock certification (the learner's submitted ``certification`` folder); the trainer's
evaluation grid and cohort dashboard read it with :func:`load_mock_jury` and show each criterion's observation
next to the graded result. A grid is an observation, never a score: it adds no points.
"""

from __future__ import annotations

import datetime as dt
import os
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from autograder import referentiel
from autograder.dates import parse_date
from autograder.status import ACQUIS, EN_COURS, NON_ACQUIS, STATUSES
from autograder.storage import UnreadableWork, read_work_file

MOCK_JURY_FILE = "jury_blanc.json"
#: Who filled the grid in.
ROLES = {"pair": "un pair (autre apprenant)", "formateur": "le formateur ou la formatrice"}
LEVELS = STATUSES  # « acquis », « en cours », « non acquis »; no level = not observed
MAX_OBSERVATION = 1000
CRITERION_IDS = tuple(c.id for c in referentiel.CRITERIA)


@dataclass
class MockJury:
    """A filled-in grid; ``criteria`` maps a criterion id to ``{"level", "observation"}`` (observed ones only)."""

    observer: str = ""
    role: str = "pair"
    date: str = ""
    criteria: dict[str, dict[str, str]] = field(default_factory=dict)
    problem: str = ""  # a French reason when the file could not be used

    @property
    def observed(self) -> int:
        return sum(1 for entry in self.criteria.values() if entry.get("level") or entry.get("observation"))

    def line(self, cid: str) -> str:
        """« en cours — observation » for a criterion, or an empty string when nothing was noted."""
        entry = self.criteria.get(cid) or {}
        level, text = entry.get("level", ""), entry.get("observation", "")
        return " — ".join(part for part in (level, text) if part)

    def header(self) -> str:
        """Who observed and when, in French."""
        who = self.observer or "observateur non nommé"
        role = ROLES.get(self.role, self.role)
        when = ""
        if self.date:
            when = f", le {dt.date.fromisoformat(self.date):%d/%m/%Y}"
        return f"Jury blanc : {who} ({role}){when} ; {self.observed} critère(s) observé(s) sur 24."

    def level_counts(self) -> dict[str, int]:
        counts = {level: 0 for level in LEVELS}
        for entry in self.criteria.values():
            if entry.get("level") in counts:
                counts[entry["level"]] += 1
        return counts


def default_state() -> dict[str, Any]:
    return {"observer": "", "role": "pair", "date": "", "criteria": {}}


def validate_state(state: Any) -> dict[str, Any]:
    """The grid file's content, checked; ``ValueError`` with a French reason otherwise."""
    if not isinstance(state, dict):
        raise ValueError("un objet JSON (dictionnaire) était attendu")
    observer = state.get("observer", "")
    if not isinstance(observer, str) or len(observer) > 120:
        raise ValueError("le nom de l'observateur est un texte court (120 caractères au plus)")
    role = state.get("role", "pair")
    if role not in ROLES:
        raise ValueError(f"rôle inconnu « {role} » : « pair » ou « formateur »")
    date = state.get("date", "") or ""
    if date:
        date = parse_date(str(date)).isoformat()
    criteria = state.get("criteria", {})
    if not isinstance(criteria, dict):
        raise ValueError("« criteria » doit être un objet")
    clean: dict[str, dict[str, str]] = {}
    for cid, entry in criteria.items():
        if cid not in CRITERION_IDS:
            raise ValueError(f"critère inconnu « {cid} »")
        if not isinstance(entry, dict):
            raise ValueError(f"{cid} : un niveau et une observation étaient attendus")
        level = entry.get("level", "") or ""
        text = entry.get("observation", "") or ""
        if level and level not in LEVELS:
            raise ValueError(f"{cid} : niveau inconnu « {level} » ({', '.join(LEVELS)})")
        if not isinstance(text, str):
            raise ValueError(f"{cid} : l'observation est un texte")
        text = text.strip()
        if len(text) > MAX_OBSERVATION:
            raise ValueError(f"{cid} : observation trop longue ({len(text)} caractères, {MAX_OBSERVATION} au plus)")
        if level or text:
            clean[cid] = {"level": level, "observation": text}
    return {**state, "observer": observer.strip(), "role": role, "date": date,
            "criteria": {cid: clean[cid] for cid in CRITERION_IDS if cid in clean}}


def from_state(state: dict[str, Any]) -> MockJury:
    state = validate_state(state)
    return MockJury(state["observer"], state["role"], state["date"], state["criteria"])


def load_mock_jury(folder: str | os.PathLike) -> MockJury | None:
    """The grid handed in ``folder`` (``None`` when there is none); an unusable file gives an empty grid whose
    ``problem`` says why in French, so that a report shows it instead of failing."""
    path = Path(folder) / MOCK_JURY_FILE
    if not path.is_file():
        return None
    data = read_work_file(path)
    if isinstance(data, UnreadableWork):
        return MockJury(problem=data.message)
    try:
        return from_state(data)
    except ValueError as exc:
        return MockJury(problem=f"Grille du jury blanc inutilisable ({exc}).")


__all__ = ["ACQUIS", "EN_COURS", "LEVELS", "MOCK_JURY_FILE", "MockJury", "NON_ACQUIS", "ROLES", "from_state",
           "load_mock_jury", "validate_state"]
