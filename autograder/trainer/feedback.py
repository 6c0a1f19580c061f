"""nbgrader feedback preprocessors, wired in ``nbgrader_config.py`` (``GenerateFeedback.preprocessors``).

:class:`RedactHiddenTests` removes from outputs every line of a hidden test (an error traceback quotes the
code that failed); :class:`CriterionSummary` puts a French table of results by criterion at the top of the
learner's feedback, with the statuses of :mod:`autograder.status`.
"""

from __future__ import annotations

from nbconvert.preprocessors import Preprocessor
from traitlets import Bool

from autograder import referentiel
from autograder.numbers import fmt_points as _fmt
from autograder.referentiel import criterion_order as _criterion_order
from autograder.status import status_for, thresholds_text
from autograder.trainer.redaction import HIDDEN_BEGIN, REDACTED, hidden_lines, redact  # noqa: F401


class RedactHiddenTests(Preprocessor):
    """Remove from a test cell's outputs every line that quotes one of its hidden tests.

    Must run before ``ClearHiddenTests`` (which removes the hidden lines from the cell's source, but not
    from the traceback of an error raised inside them).
    """

    enabled = Bool(True, help="nbconvert runs a preprocessor only when enabled").tag(config=True)

    def preprocess_cell(self, cell, resources, index):
        if cell.cell_type != "code" or HIDDEN_BEGIN not in cell.source:
            return cell, resources
        secrets = hidden_lines(cell.source)
        if not secrets:
            return cell, resources
        for out in cell.get("outputs", []):
            if out.get("output_type") == "error":
                out["traceback"] = [redact(t, secrets) for t in out.get("traceback", [])]
                out["evalue"] = redact(out.get("evalue", ""), secrets)
            elif out.get("output_type") == "stream":
                out["text"] = redact(out.get("text", ""), secrets)
            elif "data" in out:
                for mime, value in list(out["data"].items()):
                    if isinstance(value, str) and mime.startswith("text/"):
                        out["data"][mime] = redact(value, secrets)
        return cell, resources


class CriterionSummary(Preprocessor):
    """Insert, at the top of the feedback, a French table of the learner's results by criterion.

    Runs after ``GetGrades`` (which writes each graded cell's score into its metadata).
    """

    enabled = Bool(True, help="nbconvert runs a preprocessor only when enabled").tag(config=True)

    def preprocess(self, nb, resources):
        from nbformat.v4 import new_markdown_cell

        table: dict[str, list[float]] = {}
        pending: set[str] = set()
        for cell in nb.cells:
            meta = cell.metadata.get("nbgrader", {})
            crit = referentiel.criterion_for_grade_id(meta.get("grade_id", "")) if meta.get("grade") else None
            if crit is None:
                continue
            score, points = meta.get("score"), float(meta.get("points") or 0)
            if score is None:
                pending.add(crit.id)
                continue
            earned, possible = table.get(crit.id, [0.0, 0.0])
            table[crit.id] = [earned + float(score), possible + points]
        if not table and not pending:
            return nb, resources
        rows = ["| Critère | Ce que le référentiel demande | Points | Statut |", "|---|---|---|---|"]
        for cid in sorted(set(table) | pending, key=_criterion_order):
            earned, possible = table.get(cid, [0.0, 0.0])
            status = "en attente de correction" if cid in pending and cid not in table else status_for(earned, possible)
            text = referentiel.criterion(cid).text.rstrip(",;.")
            rows.append(f"| {cid} | {text} | {_fmt(earned)} / {_fmt(possible)} | {status} |")
        intro = (
            "## Vos résultats par critère\n\n"
            f"{thresholds_text().capitalize()}. Le détail de chaque vérification suit, cellule par cellule.\n\n"
        )
        cell = new_markdown_cell(intro + "\n".join(rows))
        cell.metadata["autograder"] = {"criterion_summary": True}
        nb.cells.insert(0, cell)
        return nb, resources


