"""The checks of autograded cells, registered by ``grade_id``: one function scores one cell from the files.

A registered check reads **only the submission**: its files, read as data
(:class:`Submission`); it never reads a variable of the learner's kernel. The same function serves:

* the test cell of the notebook, for the learner's instant feedback: ``show("c3_1_regularite_test")``
  displays the cards of the files next to the notebook (nothing it prints is trusted);
* the trainer's grading: :class:`autograder.trainer.scoring.ScoreFromFiles` runs it in the grader's own
  process on a private copy of the submission and writes the cell's outputs (cards, what was judged, score),
  replacing whatever the learner's kernel produced.

Checks that need an answer key receive it through :meth:`Submission.key`: the grader reads it from the
trainer-only ``keys/`` folder of the course; in a learner's kernel there is none and the check shows the
visible part only (progress). A check module registers its cells with :func:`register`; the module of a
``grade_id`` is found from its prefix (``c3_…`` → :mod:`autograder.checks.c3`).
"""

from __future__ import annotations

import html
import importlib
from collections.abc import Callable, Hashable, Mapping
from dataclasses import dataclass, field
from pathlib import Path

from autograder.results import CheckResult, Finding
from autograder.text import UnknownName


@dataclass(frozen=True)
class Submission:
    """A learner's submission as grading sees it: a folder of files, read as data, and the notebook's name."""

    folder: Path
    notebook_name: str = ""
    keys: Mapping[str, object] | None = field(default=None, repr=False)  # trainer-only; None for a learner
    _memo: dict = field(default_factory=dict, init=False, repr=False, compare=False)

    def memo(self, name: Hashable, compute: Callable[[], object]):
        """``compute()``, computed once for this submission (several cells judge the same files: the visuals
        of C2 are decoded and re-drawn once, not once per cell). The value is shared: never modify it."""
        if name not in self._memo:
            self._memo[name] = compute()
        return self._memo[name]

    def path(self, name: str) -> Path:
        """The path of a file of the submission (a relative name; never outside the folder)."""
        rel = Path(name)
        if rel.is_absolute() or ".." in rel.parts:
            raise ValueError(f"nom de fichier refusé : « {name} »")
        return Path(self.folder) / rel

    def key(self, name: str):
        """The trainer-only answer key ``name`` (None outside grading)."""
        return None if self.keys is None else self.keys.get(name)

    @property
    def graded(self) -> bool:
        """True in the grader's process (answer keys available)."""
        return self.keys is not None

    def answers(self, notebook_id: str | None = None) -> dict:
        """The answers saved by the answer widgets of ``notebook_id`` (default: this notebook), by question id
        (``reponses_<notebook>.json``; an :class:`~autograder.storage.UnreadableWork` when unreadable)."""
        from autograder.answers import answers_path, load_answers  # the answer widgets' file format

        return load_answers(answers_path(self.folder, notebook_id or self.notebook_name))


CheckFunction = Callable[[Submission], list[CheckResult]]
ArtefactView = Callable[[Submission], str]


@dataclass(frozen=True)
class Registered:
    """A registered check: the cell's grade_id, its points, the function, and what it shows was judged."""

    grade_id: str
    points: float
    func: CheckFunction
    artefact: ArtefactView | None = None


REGISTRY: dict[str, Registered] = {}
_MODULES = {"c1": "c1", "c2": "c2", "c3": "c3", "c4": "c4", "c5": "c5", "c6": "c6", "c7": "c7"}
CERTIFICATION_MARK = "_cert_"  # a mock certification cell not in its competency's module: checks/certification.py


def register(grade_id: str, points: float, *, artefact: ArtefactView | None = None) -> Callable:
    """Decorate ``fn(sub) -> list[CheckResult]`` as the check of the cell ``grade_id`` worth ``points``."""

    def decorate(func: CheckFunction) -> CheckFunction:
        if grade_id in REGISTRY and REGISTRY[grade_id].func is not func:
            raise ValueError(f"grade_id déjà enregistré : {grade_id}")
        REGISTRY[grade_id] = Registered(grade_id, float(points), func, artefact)
        return func

    return decorate


def lookup(grade_id: str) -> Registered | None:
    """The registered check of ``grade_id`` (its module is imported on first use), or None."""
    if grade_id not in REGISTRY:
        module = _MODULES.get(grade_id.split("_", 1)[0])
        if module:
            importlib.import_module(f"autograder.checks.{module}")
    if grade_id not in REGISTRY and CERTIFICATION_MARK in grade_id:
        importlib.import_module("autograder.checks.certification")
    return REGISTRY.get(grade_id)


def unavailable(grade_id: str, points: float, message: str) -> CheckResult:
    """A 0-point result saying, in French, why a cell could not be checked."""
    criterion = grade_id.split("_", 2)
    cid = f"{criterion[0].upper()}.{criterion[1]}" if len(criterion) > 2 and criterion[1].isdigit() else "?"
    result = CheckResult(cid, "Vérification", max_points=points)
    result.findings.append(Finding(False, f"Vérification impossible : {message}", 0.0, points))
    return result


def run(grade_id: str, sub: Submission) -> list[CheckResult]:
    """The results of the cell ``grade_id`` on ``sub``; never raises for a learner's files."""
    reg = lookup(grade_id)
    if reg is None:
        raise UnknownName(f"aucune vérification enregistrée pour « {grade_id} »")
    try:
        results = reg.func(sub)
    except (ValueError, TypeError, KeyError, OSError, RecursionError, AttributeError, IndexError) as exc:
        return [unavailable(grade_id, reg.points, f"fichiers illisibles ({type(exc).__name__}).")]
    return list(results)


def score(grade_id: str, results: list[CheckResult]) -> float:
    """The cell's score: the points of ``results``, never below 0 nor above the cell's points."""
    reg = lookup(grade_id)
    total = sum(float(r.points) for r in results)
    top = reg.points if reg else total
    return round(max(0.0, min(total, top)), 4)


def artefact_html(grade_id: str, sub: Submission) -> str:
    """A compact HTML view of what the check of ``grade_id`` judged (empty when it has none)."""
    reg = lookup(grade_id)
    if reg is None or reg.artefact is None:
        return ""
    try:
        body = sub.memo(reg.artefact, lambda: reg.artefact(sub))  # cells sharing a view build it once
    except (ValueError, TypeError, KeyError, OSError, AttributeError, IndexError):
        body = "<p>Le fichier évalué n'a pas pu être affiché.</p>"
    if not body:
        return ""
    return ('<details style="margin:4px 0;color:#1a1a1a;background:#ffffff;font-family:sans-serif;font-size:13px">'
            "<summary>Ce qui a été évalué</summary>" + body + "</details>")


class Cards:
    """The cards of one graded cell for the files of ``folder``, read when made (HTML and plain text)."""

    def __init__(self, grade_id: str, folder: str | Path = "."):
        folder = Path(folder)
        notebooks = sorted(folder.glob("*.ipynb"))
        sub = Submission(folder, notebooks[0].stem if len(notebooks) == 1 else "")
        self.results = run(grade_id, sub)
        self.view = artefact_html(grade_id, sub)

    def _repr_html_(self) -> str:
        return "".join(r._repr_html_() for r in self.results) + self.view

    def __repr__(self) -> str:
        return "\n".join(str(r) for r in self.results)


RECHECK = "Vérifier à nouveau"


def show(grade_id: str, folder: str | Path = ".") -> None:
    """In a notebook: display the cards of the cell ``grade_id`` for the files next to the notebook, and a
    « Vérifier à nouveau » button that reads the files again and updates them in place (after answering in the
    widgets, the learner sees the new result without running the cell again).

    For the learner's instant feedback only: at grading, this cell's outputs are replaced by the grader's.
    Returns nothing (no bare number is printed).
    """
    import ipywidgets as w
    from IPython.display import display

    handle = display(Cards(grade_id, folder), display_id=True)
    button = w.Button(description=RECHECK, icon="rotate", tooltip="Relire vos fichiers enregistrés et mettre à "
                                                                  "jour ce résultat", layout=w.Layout(width="auto"))
    button.on_click(lambda _b: handle.update(Cards(grade_id, folder)))
    display(button)


def escape(text: object) -> str:
    """HTML-escaped text (for the artefact views of the check modules)."""
    return html.escape(str(text))
