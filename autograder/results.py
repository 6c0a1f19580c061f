"""Check results: one per criterion, with points and French feedback, rendered as HTML cards.

A check (``autograder.checks.*``) returns a :class:`CheckResult`. The same object serves the
exercises' instant self-checks (it renders as a card in the notebook) and nbgrader's test cells
(:func:`grade` displays the cards and returns the points, which nbgrader reads as partial credit).
"""

from __future__ import annotations

import functools
import html
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field

from autograder import referentiel
from autograder.numbers import fmt_points as _fmt
from autograder.status import status_for

# Colours of the cards: each text colour meets WCAG AA (≥ 4.5:1) on its background.
_OK, _KO, _PART = "#0b6b3a", "#a4161a", "#7a4b00"
_CARD_CSS = (
    "border:1px solid #767676;border-radius:6px;padding:8px 12px;margin:6px 0;"
    "background:#ffffff;color:#1a1a1a;font-family:sans-serif;font-size:14px;line-height:1.4"
)


class LearnerInputError(ValueError):
    """An artefact of the wrong type or shape; the message is French and says what was expected."""


@dataclass
class Finding:
    """One thing a check looked at: met or not, worth some points, explained in French."""

    ok: bool
    text: str
    points: float = 0.0
    max_points: float = 0.0


@dataclass
class CheckResult:
    """The result of checking one criterion on one artefact."""

    criterion: str  # "C5.3"
    title: str  # what was checked, in French ("Taux d'engagement calculé")
    findings: list[Finding] = field(default_factory=list)
    max_points: float | None = None  # when None, the sum of the findings' max points

    def add(self, ok: bool, points: float, ok_text: str, missing_text: str | None = None) -> bool:
        """Record one part of the check, worth ``points`` when ``ok``; returns ``ok``."""
        ok = bool(ok)
        text = ok_text if ok or missing_text is None else missing_text
        self.findings.append(Finding(ok, text, float(points) if ok else 0.0, float(points)))
        return ok

    def note(self, text: str, ok: bool = True) -> None:
        """Add an explanation worth no points (a hint, a figure)."""
        self.findings.append(Finding(ok, text, 0.0, 0.0))

    @property
    def points(self) -> float:
        earned = sum(f.points for f in self.findings)
        return round(min(earned, self.possible), 4)

    @property
    def possible(self) -> float:
        if self.max_points is not None:
            return float(self.max_points)
        return round(sum(f.max_points for f in self.findings), 4)

    @property
    def passed(self) -> bool:
        return self.possible > 0 and self.points >= self.possible

    @property
    def missing(self) -> list[str]:
        return [f.text for f in self.findings if not f.ok]

    @property
    def criterion_text(self) -> str:
        try:
            return referentiel.criterion(self.criterion).text
        except KeyError:
            return ""

    def status(self) -> str:
        """« acquis », « en cours » or « non acquis »: the rule of :mod:`autograder.status`."""
        return status_for(self.points, self.possible)

    def __str__(self) -> str:
        lines = [f"{self.criterion} — {self.title} : {_fmt(self.points)} / {_fmt(self.possible)} point(s)"]
        lines += [f"  {'✔' if f.ok else '✘'} {f.text}" for f in self.findings]
        return "\n".join(lines)

    def _repr_html_(self) -> str:
        colour = _OK if self.passed else (_PART if self.points > 0 else _KO)
        items = "".join(
            f'<li style="list-style:none;margin:2px 0"><span aria-hidden="true" style="color:{_OK if f.ok else _KO}">'
            f'{"✔" if f.ok else "✘"}</span> <span class="visually-hidden" style="position:absolute;left:-9999px">'
            f'{"Réussi :" if f.ok else "À revoir :"}</span>{html.escape(f.text)}</li>'
            for f in self.findings
        )
        return (
            f'<div role="group" aria-label="Critère {self.criterion}" style="{_CARD_CSS};border-left:6px solid {colour}">'
            f'<div><strong>{self.criterion} — {html.escape(self.title)}</strong> '
            f'<span style="color:{colour};font-weight:bold">{_fmt(self.points)} / {_fmt(self.possible)} pt'
            f" ({self.status()})</span></div>"
            f'<div style="font-style:italic;color:#444444">{html.escape(self.criterion_text)}</div>'
            f'<ul style="padding-left:4px;margin:4px 0">{items}</ul></div>'
        )


class Summary:
    """A list of results shown as one table by criterion (the learner's evaluation grid in miniature)."""

    def __init__(self, results: Iterable[CheckResult]):
        self.results = list(results)

    def by_criterion(self) -> dict[str, tuple[float, float]]:
        table: dict[str, tuple[float, float]] = {}
        for r in self.results:
            earned, possible = table.get(r.criterion, (0.0, 0.0))
            table[r.criterion] = (earned + r.points, possible + r.possible)
        return table

    @property
    def points(self) -> float:
        return round(sum(r.points for r in self.results), 4)

    @property
    def possible(self) -> float:
        return round(sum(r.possible for r in self.results), 4)

    def __str__(self) -> str:
        return "\n\n".join(str(r) for r in self.results) + f"\n\nTotal : {_fmt(self.points)} / {_fmt(self.possible)}"

    def _repr_html_(self) -> str:
        rows = "".join(
            f"<tr><th scope='row' style='text-align:left;padding:2px 8px'>{cid}</th>"
            f"<td style='padding:2px 8px'>{html.escape(_criterion_text(cid))}</td>"
            f"<td style='padding:2px 8px;white-space:nowrap'>{_fmt(e)} / {_fmt(p)}</td></tr>"
            for cid, (e, p) in sorted(self.by_criterion().items())
        )
        table = (
            f'<table style="border-collapse:collapse;color:#1a1a1a;background:#ffffff">'
            f"<caption style='text-align:left;font-weight:bold'>Résultat par critère : {_fmt(self.points)} / "
            f"{_fmt(self.possible)} point(s)</caption>"
            f"<thead><tr><th scope='col'>Critère</th><th scope='col'>Référentiel</th><th scope='col'>Points</th>"
            f"</tr></thead><tbody>{rows}</tbody></table>"
        )
        return table + "".join(r._repr_html_() for r in self.results)


def _criterion_text(cid: str) -> str:
    try:
        return referentiel.criterion(cid).text
    except KeyError:
        return ""


def summary(results: Iterable[CheckResult]) -> Summary:
    """Group results into a :class:`Summary` (renders as a table by criterion, then the cards)."""
    return Summary(results)


def grade(*results: CheckResult | Iterable[CheckResult]) -> float:
    """For nbgrader test cells: show the cards, return the points earned (nbgrader's partial credit).

    The cell's last line must be ``grade(...)``: nbgrader reads the returned number as the cell's score.
    """
    from IPython.display import display

    flat: list[CheckResult] = []
    for r in results:
        if isinstance(r, CheckResult):
            flat.append(r)
        else:
            flat.extend(r)
    for r in flat:
        display(r)
    return round(sum(r.points for r in flat), 4)


def check(criterion: str, title: str, max_points: float) -> Callable:
    """Decorate a check function ``f(artefact, ..., result)`` so that bad input scores 0 with a French message.

    The decorated function receives a fresh :class:`CheckResult` as keyword ``result`` and fills it; a
    :class:`LearnerInputError` (or any ``ValueError``/``TypeError``/``KeyError`` raised by reading the
    artefact) becomes a result worth 0 that says what was expected, never a traceback.
    """

    def decorate(func: Callable) -> Callable:
        @functools.wraps(func)
        def wrapper(*args, **kwargs) -> CheckResult:
            result = CheckResult(criterion, title, max_points=max_points)
            try:
                func(*args, result=result, **kwargs)
            except (LearnerInputError, ValueError, TypeError, KeyError) as exc:
                message = exc.args[0] if exc.args and isinstance(exc.args[0], str) else repr(exc)
                result.findings = [Finding(False, f"Vérification impossible : {message}", 0.0, max_points)]
            return result

        wrapper.criterion = criterion  # type: ignore[attr-defined]
        return wrapper

    return decorate
