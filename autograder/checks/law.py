"""Graded questions on the law a jury may ask about (lesson 9): one choice question per graded cell.

A question (:class:`LawQuestion`) is answered with an answer widget (``ChoiceAnswer`` or ``MultiChoiceAnswer``,
in the notebook's answers file ``reponses_<notebook>.json``); its options are defined here, once, and shown by
the notebook. Which options are right is a trainer-only answer key (``keys/cadre_juridique.json``:
``{question id: [right option ids]}``, read through :meth:`~autograder.checks.registry.Submission.key`): in the
grader's process the answer is scored against it; in the learner's kernel the cell only says whether the
question is answered. The feedback names the learner's own choices, never the right ones.

The competency modules register their cells (``c6_2_…`` in :mod:`autograder.checks.c6`, ``c7_…`` in
:mod:`autograder.checks.c7`) with :func:`register_questions` (the check :func:`law_cell`, the view :func:`law_view`).
"""

from __future__ import annotations

from dataclasses import dataclass

from autograder.checks.registry import escape, register
from autograder.checks.views import table
from autograder.results import CheckResult
from autograder.storage import UnreadableWork
from autograder.typography import quoted

ANSWER_KEY = "cadre_juridique"  # keys/cadre_juridique.json: {question id: [right option ids]}
LESSON = "leçon 9 (« course/09_cadre_juridique.ipynb »)"


@dataclass(frozen=True)
class LawQuestion:
    """A graded question: its answer id, criterion, title, widget label, ``(label, id)`` options, several answers
    or one, its points and the lesson section to read again."""

    qid: str
    criterion: str
    title: str
    label: str
    options: tuple[tuple[str, str], ...]
    multiple: bool
    points: float
    section: str

    def option_label(self, oid: object) -> str:
        return dict((v, k) for k, v in self.options).get(oid, str(oid))


def _choices(question: LawQuestion, value) -> list[str] | None:
    """The learner's option ids (None when the question is not answered or the answer is not an option)."""
    ids = {oid for _, oid in question.options}
    values = value if isinstance(value, list) else [value]
    if value is None or value == [] or not all(isinstance(v, str) and v in ids for v in values):
        return None
    return list(dict.fromkeys(values)) if question.multiple else values[:1]


def score_answer(question: LawQuestion, value, expected) -> CheckResult:
    """``value`` (the learner's answer) against ``expected`` (the key's right option ids); partial credit for
    several answers: (right ticks − wrong ticks) / right answers, never below 0."""
    result = CheckResult(question.criterion, question.title, max_points=question.points)
    chosen = _choices(question, value)
    reread = f"relisez la {LESSON}, section {question.section}."
    if chosen is None:
        result.add(False, question.points, "", f"Pas de réponse valable à « {question.label} » : répondez dans le "
                                                "formulaire.")
        return result
    right = set(expected)
    if not question.multiple:
        shown = question.option_label(chosen[0])
        result.add(chosen[0] in right, question.points, f"Réponse juste : {quoted(shown)}.",
                   f"Réponse {quoted(shown)} à revoir : {reread}")
        return result
    hits = [c for c in chosen if c in right]
    wrong = [c for c in chosen if c not in right]
    earned = max(0, len(hits) - len(wrong)) / max(1, len(right))
    if earned >= 1:
        result.add(True, question.points, f"Toutes les réponses justes sont cochées, et elles seules ({len(hits)}).")
        return result
    if earned > 0:
        result.add(True, round(question.points * earned, 4),
                   f"{len(hits)} réponse(s) juste(s) cochée(s) sur {len(right)}.")
    problems = [f"{len(right) - len(hits)} réponse(s) juste(s) non cochée(s)"] if len(hits) < len(right) else []
    if wrong:
        problems.append(f"{len(wrong)} cochée(s) à tort ("
                        + ", ".join(quoted(question.option_label(c)) for c in wrong) + ")")
    result.add(False, round(question.points * (1 - earned), 4), "",
               "À revoir : " + " ; ".join(problems) + " ; " + reread)
    return result


def answered(question: LawQuestion, value) -> CheckResult:
    """The learner's kernel: whether the question is answered (the right answer is checked at grading)."""
    result = CheckResult(question.criterion, question.title, max_points=question.points)
    chosen = _choices(question, value)
    result.add(chosen is not None, question.points,
               "Réponse enregistrée : " + ", ".join(quoted(question.option_label(c)) for c in chosen or []) + ".",
               f"Pas encore de réponse à « {question.label} » : répondez dans le formulaire.")
    result.note("La réponse juste est vérifiée à la correction.")
    return result


def _unavailable(question: LawQuestion, message: str) -> CheckResult:
    result = CheckResult(question.criterion, question.title, max_points=question.points)
    result.add(False, question.points, "", f"Vérification impossible : {message}")
    return result


def law_cell(question: LawQuestion, notebook: str):
    """The registered check of ``question`` answered in ``notebook``'s answers file."""

    def run(sub) -> list[CheckResult]:
        answers = sub.answers(notebook)
        if isinstance(answers, UnreadableWork):
            return [_unavailable(question, answers.message)]
        if not sub.graded:
            return [answered(question, answers.get(question.qid))]
        key = sub.key(ANSWER_KEY)
        expected = key.get(question.qid) if isinstance(key, dict) else None
        if not isinstance(expected, list) or not expected:
            return [_unavailable(question, f"clé de correction « {ANSWER_KEY} » absente pour « {question.qid} » "
                                           "(dossier keys/ du formateur).")]
        return [score_answer(question, answers.get(question.qid), expected)]

    return run


def law_view(question: LawQuestion, notebook: str):
    """What the learner answered (no expected value)."""

    def view(sub) -> str:
        answers = sub.answers(notebook)
        if isinstance(answers, UnreadableWork):
            return f"<p>{escape(answers.message)}</p>"
        chosen = _choices(question, answers.get(question.qid))
        shown = "; ".join(question.option_label(c) for c in chosen) if chosen else "—"
        return table("Réponse de l'apprenant", ["Question", "Réponse"], [[question.label, shown]])

    return view


def register_questions(questions, notebook: str) -> None:
    """Register each question's cell ``<qid>_test`` (its check and its view) for ``notebook``'s answers file."""
    for question in questions:
        register(f"{question.qid}_test", question.points, artefact=law_view(question, notebook))(
            law_cell(question, notebook))
