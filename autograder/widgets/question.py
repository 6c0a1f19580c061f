"""A practice question as a form: the answer widget, « Vérifier », « Indice », « Voir une solution ».

The notebook's author gives the answer widget (:mod:`autograder.widgets.answers`), a check (a function of
the saved answer that returns one :class:`~autograder.results.CheckResult` or several, such as the checks
of :mod:`autograder.checks`), a hint and a solution. « Vérifier » checks the saved answer at once and shows
the same cards as the graded cells; « Voir une solution » appears only after a first attempt. Results are
announced politely (the status line is an ``aria-live`` region).

For simple questions, :func:`expect_choice`, :func:`expect_choices` and :func:`expect_number` build the
check from the expected answer.
"""

from __future__ import annotations

import html
from collections.abc import Callable, Iterable
from typing import Any

import ipywidgets as w

from autograder.numbers import fmt_points, fr_value
from autograder.results import CheckResult
from autograder.widgets.answers import AnswerWidget
from autograder.widgets.base import StatusLine, action_button, results_html

Check = Callable[[Any], CheckResult | Iterable[CheckResult]]


def _paragraphs(text: str) -> str:
    """Plain French text as HTML paragraphs (blank lines separate them)."""
    return "".join(f"<p style='margin:4px 0'>{html.escape(p.strip())}</p>" for p in text.split("\n\n") if p.strip())


class Question(w.VBox):
    """One practice question: its statement, its answer widget, and the buttons that check it."""

    def __init__(self, answer: AnswerWidget, check: Check, *, hint: str, solution: str, title: str = "",
                 statement: str = "", **kwargs):
        self.answer = answer
        self._check = check
        self._hint_text = hint
        self._solution_text = solution
        self.attempts = 0
        self.results: list[CheckResult] = []
        self._verify = action_button("Vérifier", icon="check", button_style="primary",
                                      tooltip="Vérifier la réponse enregistrée")
        self._hint = w.Button(description="Indice", icon="lightbulb-o", tooltip="Afficher un indice")
        self._show_solution = w.Button(description="Voir une solution", icon="eye",
                                       tooltip="Afficher une solution commentée",
                                       layout=w.Layout(display="none"))
        self._status = StatusLine()
        self._cards = w.HTML()
        self._help = w.HTML()
        self._verify.on_click(lambda _: self.verify())
        self._hint.on_click(lambda _: self.show_hint())
        self._show_solution.on_click(lambda _: self.show_solution())
        heading = []
        if title:
            heading.append(w.HTML(f"<h4 style='margin:6px 0'>{html.escape(title)}</h4>"))
        if statement:
            heading.append(w.HTML(_paragraphs(statement)))
        super().__init__([*heading, answer, w.HBox([self._verify, self._hint, self._show_solution]), self._status,
                          self._cards, self._help], **kwargs)
        self.add_class("autograder-question")

    @property
    def value(self) -> Any:
        return self.answer.value

    @property
    def solution_available(self) -> bool:
        return self._show_solution.layout.display != "none"

    def verify(self) -> list[CheckResult]:
        """Check the saved answer; show the cards and say the result in one French sentence."""
        value = self.answer.value
        if value is None:
            self._status.show("Répondez d'abord à la question : aucune réponse n'est encore enregistrée.", "erreur")
            self._cards.value = ""
            return []
        try:
            found = self._check(value)
        except (ValueError, TypeError, KeyError) as exc:
            message = exc.args[0] if exc.args and isinstance(exc.args[0], str) else "réponse illisible"
            self._status.show(f"{message.rstrip('.')}. Corrigez la réponse puis vérifiez à nouveau.", "erreur")
            self._cards.value = ""
            return []
        self.results = [found] if isinstance(found, CheckResult) else list(found)
        self.attempts += 1
        self._show_solution.layout.display = None
        earned = sum(r.points for r in self.results)
        possible = sum(r.possible for r in self.results)
        score = f"{fmt_points(earned)} / {fmt_points(possible)} point{'s' if possible > 1 else ''}"
        if all(r.passed for r in self.results):
            self._status.show(f"Bravo, c'est juste : {score}.", "ok")
        else:
            self._status.show(f"Pas encore : {score}. Lisez les remarques ci-dessous, corrigez votre réponse puis "
                              "vérifiez à nouveau (ou demandez un indice).", "info")
        if self.answer.refused:
            self._status.show(f"{self._status.message} Attention : votre dernière saisie n'a pas été enregistrée (voir "
                              "le message au-dessus) ; la vérification porte sur la dernière réponse valable.",
                              self._status.kind)
        self._cards.value = results_html(self.results, announce=False)  # said by the status line
        return self.results

    def show_hint(self) -> None:
        self._help.value = f"<div role='note' aria-label='Indice'><strong>Indice :</strong>{_paragraphs(self._hint_text)}</div>"
        self._status.show("Indice affiché sous la question.", "info")

    def show_solution(self) -> None:
        if not self.attempts:
            self._status.show("Essayez d'abord de répondre et de vérifier : la solution vient après.", "info")
            return
        self._help.value = (f"<div role='note' aria-label='Une solution'><strong>Une solution :</strong>"
                            f"{_paragraphs(self._solution_text)}</div>")
        self._status.show("Solution affichée sous la question.", "info")


# -- checks built from the expected answer ---------------------------------------------------------------------

def expect_choice(criterion: str, title: str, expected, *, explanations: dict | None = None,
                  points: float = 1) -> Check:
    """A check for a :class:`~autograder.widgets.answers.ChoiceAnswer`: full marks for ``expected``;
    ``explanations`` says, per wrong option, why it is wrong (and for ``expected``, why it is right)."""
    explanations = explanations or {}

    def check(value) -> CheckResult:
        result = CheckResult(criterion, title)
        result.add(value == expected, points, explanations.get(expected, "Bonne réponse."),
                   explanations.get(value, "Ce n'est pas la meilleure réponse : relisez la question."))
        return result

    return check


def expect_choices(criterion: str, title: str, expected: Iterable, options: Iterable, *,
                   explanations: dict | None = None, points: float = 2) -> Check:
    """A check for a :class:`~autograder.widgets.answers.MultiChoiceAnswer`: points shared between the
    options, each right when it is ticked exactly when it is expected (``options`` are ids or pairs)."""
    expected = set(expected)
    ids = [o[1] if isinstance(o, tuple | list) else o for o in options]
    names = {(o[1] if isinstance(o, tuple | list) else o): (o[0] if isinstance(o, tuple | list) else str(o))
             for o in options}
    explanations = explanations or {}
    share = points / len(ids)

    def check(value) -> CheckResult:
        result = CheckResult(criterion, title)
        ticked = set(value)
        for oid in ids:
            why = explanations.get(oid, "")
            should = oid in expected
            ok_text = f"« {names[oid]} » : {'à cocher' if should else 'à laisser'}, c'est juste. {why}".strip()
            missing = (f"« {names[oid]} » devait être coché. {why}" if should
                       else f"« {names[oid]} » ne devait pas être coché. {why}").strip()
            result.add((oid in ticked) == should, share, ok_text, missing)
        return result

    return check


def expect_number(criterion: str, title: str, expected: float, *, tolerance: float = 0.0, unit: str = "",
                  points: float = 1, how: str = "") -> Check:
    """A check for a number or a percentage: right within ``tolerance``; ``how`` explains the computation."""

    def check(value) -> CheckResult:
        result = CheckResult(criterion, title)
        sign = f"\u00a0{unit}" if unit else ""
        gap = abs(float(value) - expected)
        result.add(gap <= tolerance + 1e-9, points, f"{fr_value(value)}{sign} : c'est juste.",
                   f"{fr_value(value)}{sign} n'est pas le résultat attendu. {how}".strip())
        return result

    return check
