"""The bank of likely jury questions (``data/jury_questions.json``) and the flash-card rules of lesson 08.

« À l'issue de la présentation, le jury peut poser des questions pour éclaircir des points de la
présentation » (référentiel). Each question is tagged with the criterion ids it tests
(:mod:`autograder.referentiel`) and lists what a good 30-second answer contains: key points, not a script, with
the public sources of any figure or rule it states. :func:`next_card` draws the next card, favouring the ones the
learner rated weak; the ratings live in ``fiches_jury.json`` next to lesson 08.
"""

from __future__ import annotations

import datetime as dt
import json
import random
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources
from typing import Any

from autograder import referentiel
from autograder.text import UnknownName

#: The learner's self-ratings, next to lesson 08.
RATINGS_FILE = "fiches_jury.json"
KNOWN, REVIEW, UNKNOWN = "Je sais", "À revoir", "Je ne sais pas"
RATINGS = (KNOWN, REVIEW, UNKNOWN)
#: How much more often a card comes back, by its last rating (never rated: between « À revoir » and « Je sais »).
WEIGHTS = {UNKNOWN: 6, REVIEW: 4, None: 3, KNOWN: 1}
MIN_QUESTIONS = 40


@dataclass(frozen=True)
class JuryQuestion:
    id: str
    criteria: tuple[str, ...]
    question: str
    points: tuple[str, ...]  # what a good 30-second answer contains
    sources: tuple[str, ...]

    @property
    def competencies(self) -> tuple[str, ...]:
        return tuple(dict.fromkeys(referentiel.criterion(c).competency for c in self.criteria))


def parse_bank(data: Any) -> tuple[JuryQuestion, ...]:
    """The questions of a bank file's content; ``ValueError`` (English, for developers) on a malformed bank."""
    if not isinstance(data, dict) or not isinstance(data.get("questions"), list):
        raise ValueError("the bank is an object with a list 'questions'")
    out, ids, texts = [], set(), set()
    for item in data["questions"]:
        qid, question = item.get("id"), str(item.get("question", "")).strip()
        criteria = tuple(item.get("criteria") or ())
        points = tuple(str(p).strip() for p in item.get("points") or ())
        if not qid or qid in ids:
            raise ValueError(f"missing or duplicate id {qid!r}")
        if not question or question.casefold() in texts:
            raise ValueError(f"{qid}: empty or duplicate question")
        if not criteria or any(not _is_criterion(c) for c in criteria):
            raise ValueError(f"{qid}: criteria must be criterion ids such as 'C5.3', got {criteria!r}")
        if len(points) < 2 or any(not p for p in points):
            raise ValueError(f"{qid}: at least two non-empty key points")
        ids.add(qid)
        texts.add(question.casefold())
        out.append(JuryQuestion(qid, criteria, question, points, tuple(item.get("sources") or ())))
    return tuple(out)


def _is_criterion(cid: Any) -> bool:
    return isinstance(cid, str) and any(c.id == cid for c in referentiel.CRITERIA)


@lru_cache(maxsize=1)
def load_questions() -> tuple[JuryQuestion, ...]:
    """The bundled bank (package data)."""
    text = resources.files("autograder.data").joinpath("jury_questions.json").read_text(encoding="utf-8")
    return parse_bank(json.loads(text))


def question(qid: str) -> JuryQuestion:
    for q in load_questions():
        if q.id == qid:
            return q
    raise UnknownName(f"Question inconnue : « {qid} ».")


def for_competency(questions: Iterable[JuryQuestion], competency: str | None) -> list[JuryQuestion]:
    """The questions testing ``competency`` (``"C5"``), or all of them for ``None``."""
    return [q for q in questions if competency is None or competency in q.competencies]


# -- ratings ------------------------------------------------------------------------------------------------
def validate_ratings(state: Any) -> dict[str, Any]:
    """The ratings file ``{"ratings": {question id: {"rating", "date"}}}``, checked (French reasons)."""
    if not isinstance(state, dict):
        raise ValueError("un objet JSON (dictionnaire) était attendu")
    ratings = state.get("ratings", {})
    if not isinstance(ratings, dict):
        raise ValueError("« ratings » doit être un objet")
    known = {q.id for q in load_questions()}
    clean = {}
    for qid, entry in ratings.items():
        if qid not in known:
            continue  # a question removed from the bank: its rating is dropped
        if not isinstance(entry, dict) or entry.get("rating") not in RATINGS:
            raise ValueError(f"note impossible pour la question {qid} : « {entry!r} »")
        clean[qid] = {"rating": entry["rating"], "date": str(entry.get("date", ""))}
    return {**state, "ratings": clean}


def rate(state: dict[str, Any], qid: str, rating: str, when: dt.datetime | None = None) -> None:
    """Record ``rating`` for ``qid`` in ``state`` (in place)."""
    if rating not in RATINGS:
        raise ValueError(f"Note inconnue « {rating} » : choisissez {', '.join(RATINGS)}.")
    question(qid)
    when = when or dt.datetime.now()
    state.setdefault("ratings", {})[qid] = {"rating": rating, "date": when.isoformat(timespec="minutes")}


def next_card(questions: Iterable[JuryQuestion], ratings: Mapping[str, Mapping[str, str]],
              rng: random.Random, avoid: str | None = None) -> JuryQuestion | None:
    """Draw the next card: weighted by the last rating (:data:`WEIGHTS`), never the card just shown when
    another one is left. ``None`` when there is no question."""
    pool = list(questions)
    if avoid is not None and len(pool) > 1:
        pool = [q for q in pool if q.id != avoid]
    if not pool:
        return None
    weights = [WEIGHTS[(ratings.get(q.id) or {}).get("rating")] for q in pool]
    return rng.choices(pool, weights=weights, k=1)[0]


def ratings_summary(questions: Iterable[JuryQuestion], ratings: Mapping[str, Mapping[str, str]]) -> str:
    """« 12 « Je sais », 3 « À revoir », … sur 49 questions » in French."""
    questions = list(questions)
    counts = {r: 0 for r in RATINGS}
    for q in questions:
        rating = (ratings.get(q.id) or {}).get("rating")
        if rating in counts:
            counts[rating] += 1
    never = len(questions) - sum(counts.values())
    parts = [f"{n} « {r} »" for r, n in counts.items()] + [f"{never} pas encore vue(s)"]
    return f"Sur {len(questions)} question(s) : " + ", ".join(parts) + "."


def weak_criteria(questions: Iterable[JuryQuestion], ratings: Mapping[str, Mapping[str, str]]) -> list[tuple[str, int]]:
    """The criteria of the questions last rated « À revoir » or « Je ne sais pas », with how many such questions
    test each one, most first (then in the référentiel's order)."""
    order = {c.id: i for i, c in enumerate(referentiel.CRITERIA)}
    counts: dict[str, int] = {}
    for q in questions:
        if (ratings.get(q.id) or {}).get("rating") in (REVIEW, UNKNOWN):
            for cid in q.criteria:
                counts[cid] = counts.get(cid, 0) + 1
    return sorted(counts.items(), key=lambda item: (-item[1], order.get(item[0], len(order))))
