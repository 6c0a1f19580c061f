"""What the trainer reads while and after grading: a progress bar, a French summary, the table of scores."""

from __future__ import annotations

import sys
from collections.abc import Callable, Iterable

from autograder.numbers import fmt_points
from autograder.trainer.grading.records import FAILED, GRADED, UNCHANGED, Outcome

MARKS = {GRADED: "✔", FAILED: "✘", UNCHANGED: "="}


def progress_bar(stream=None) -> Callable[[int, int, Outcome], None]:
    """A text progress bar (one line redrawn on a terminal, one line per submission otherwise)."""
    stream = stream or sys.stderr
    tty = stream.isatty()

    def show(done: int, total: int, outcome: Outcome) -> None:
        width = 30
        filled = int(width * done / max(total, 1))
        bar = "█" * filled + "·" * (width - filled)
        mark = MARKS.get(outcome.status, "?")
        line = f"[{bar}] {done}/{total} {mark} {outcome.student} ({outcome.assignment})"
        if tty:
            stream.write("\r" + line.ljust(100)[:100] + ("\n" if done == total else ""))
        else:
            stream.write(line + "\n")
        stream.flush()

    return show


def summary_text(outcomes: list[Outcome], seconds: float) -> str:
    """The end-of-grading summary, in French."""
    graded = [o for o in outcomes if o.status == GRADED]
    failed = [o for o in outcomes if o.status == FAILED]
    same = [o for o in outcomes if o.status == UNCHANGED]
    lines = [
        f"Correction terminée en {seconds:.1f} s : {len(graded)} copie(s) corrigée(s), {len(failed)} en échec, "
        f"{len(same)} inchangée(s) (non recorrigée(s) ; --force pour tout recorriger)."
    ]
    for o in sorted(failed, key=lambda o: (o.assignment, o.student)):
        lines.append(f"  ✘ {o.student} ({o.assignment}) : {o.reason}")
    for o in sorted(graded, key=lambda o: (o.assignment, o.student)):
        for nb, problem in o.notebooks.items():
            lines.append(f"  ⚠ {o.student} ({o.assignment}, {nb}) : {problem}")
    return "\n".join(lines)


def status_word(outcome: Outcome) -> str:
    """The state of a submission in the table of scores (French)."""
    if outcome.status == FAILED:
        return "refusée par nbgrader" if outcome.refused else "en échec"
    return {GRADED: "corrigée", UNCHANGED: "inchangée"}.get(outcome.status, outcome.status)


def scores_table(outcomes: Iterable[Outcome], cells: Iterable) -> str:
    """The French table of the scores written: per assignment and learner, points / possible and state.

    ``cells`` are the gradebook's graded cells (:func:`autograder.trainer.course.cell_scores`), read after
    grading: the points are the gradebook's, not the grader's own count. Answers waiting for the trainer's
    grade count 0 and their points are shown apart (« à noter à la main »).
    """
    outcomes = sorted(outcomes, key=lambda o: (o.assignment, o.student))
    if not outcomes:
        return ""
    points: dict[tuple[str, str], list[float]] = {}
    for cell in cells:
        got, possible, pending = points.setdefault((cell.assignment, cell.student), [0.0, 0.0, 0.0])
        points[(cell.assignment, cell.student)] = [
            got + (cell.score or 0.0), possible + cell.max_score,
            pending + (cell.max_score if cell.needs_manual_grade else 0.0)]
    header = ("évaluation", "apprenant", "points", "état", "à noter à la main")
    rows = []
    for o in outcomes:
        entry = points.get((o.assignment, o.student))
        score = f"{fmt_points(entry[0])} / {fmt_points(entry[1])}" if entry else "—"
        manual = f"{fmt_points(entry[2])} pt" if entry and entry[2] and o.status != FAILED else ""
        rows.append((o.assignment, o.student, score, status_word(o), manual))
    widths = [max(len(r[i]) for r in (header, *rows)) for i in range(len(header))]
    aligned = [
        "  ".join(cell.rjust(w) if i == 2 else cell.ljust(w) for i, (cell, w) in enumerate(zip(row, widths, strict=True))).rstrip()
        for row in (header, *rows)
    ]
    aligned.insert(1, "  ".join("-" * w for w in widths))
    return "Notes du carnet de notes, relues après la correction :\n" + "\n".join(aligned)
