"""nbgrader feedback preprocessors, wired in ``nbgrader_config.py`` (``GenerateFeedback.preprocessors``).

:class:`RedactHiddenTests` removes from outputs every line of a hidden test (an error traceback quotes the
code that failed); :class:`CriterionSummary` puts a French table of results by criterion at the top of the
learner's feedback, with the statuses of :mod:`autograder.status`; :class:`FeedbackPage` prepares what the
course's French template (``templates/feedback/``, set by :func:`template_basedirs`) needs: link names that say
which criterion and cell they lead to, French points, a single ``<h1>``.
"""

from __future__ import annotations

import re
from pathlib import Path

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




TEMPLATES = Path(__file__).resolve().parent / "templates"  # the course's nbconvert templates (package data)


def template_basedirs() -> list[str]:
    """``HTMLExporter.extra_template_basedirs`` for ``nbgrader_config.py``: the course's folder first, whose
    ``feedback`` template shadows nbgrader's (``generate_feedback`` and formgrader's button both ask for
    « feedback »), then nbgrader's own folder, where formgrader still finds its ``formgrade`` template."""
    import nbgrader

    formgrader = Path(nbgrader.__file__).resolve().parent / "server_extensions" / "formgrader" / "templates"
    return [str(TEMPLATES), str(formgrader)]


_FENCE = re.compile(r"^\s*(```|~~~)")
_ATX = re.compile(r"^( {0,3})(#{1,5})(?=\s|$)")
_HTML_HEADING = re.compile(r"<(/?)h([1-5])\b", re.IGNORECASE)


def demote_headings(markdown: str) -> str:
    """Every heading of a markdown text one level down (``#`` → ``##``, ``<h1>`` → ``<h2>``; h6 stays h6),
    outside fenced code: the feedback page has one ``<h1>``, its own."""
    lines, fenced = [], False
    for line in markdown.split("\n"):
        if _FENCE.match(line):
            fenced = not fenced
        elif not fenced:
            line = _ATX.sub(lambda m: m.group(1) + m.group(2) + "#", line)
            line = _HTML_HEADING.sub(lambda m: f"<{m.group(1)}h{int(m.group(2)) + 1}", line)
        lines.append(line)
    return "\n".join(lines)


def _points(score, points) -> str:
    """« 2,5 / 4 points », « 0 / 1 point », « en attente de correction (sur 3 points) »."""
    possible = float(points or 0)
    unit = "point" if possible <= 1 else "points"
    if score is None:
        return f"en attente de correction (sur {_fmt(possible)} {unit})"
    return f"{_fmt(float(score))} / {_fmt(possible)} {unit}"


def _kind(cell) -> tuple[str, str]:
    """(the cell's name, the link's verb phrase) by nbgrader's kind of graded cell."""
    meta = cell.metadata["nbgrader"]
    if meta.get("task"):
        return "Tâche", "Aller à la tâche"
    if cell.cell_type == "markdown":
        return "Votre réponse rédigée", "Aller à votre réponse rédigée"
    if meta.get("solution"):
        return "Votre réponse", "Aller à votre réponse"
    return "Vérification", "Aller à la vérification"


# nbgrader's own comments, in French (an answer left as released is commented « No response. » at autograding)
AUTO_COMMENTS = {"No response.": "Pas de réponse : la cellule est restée telle qu'elle a été distribuée."}


class FeedbackPage(Preprocessor):
    """What the course's feedback template (``templates/feedback``) needs, in French.

    Runs after ``GetGrades`` and :class:`CriterionSummary`. Gives every graded cell an anchor, a label that
    names its criterion (« Vérification C3.1 ») and its points; lists in ``resources["feedback_page"]`` the
    table of contents, whose link names say where they lead (« Aller à la vérification C3.1 », numbered when a
    criterion has several cells of a kind), the comments (nbgrader's own in French), the total and any late
    penalty; moves
    every heading of the notebook one level down under the page's single ``<h1>``.
    """

    enabled = Bool(True, help="nbconvert runs a preprocessor only when enabled").tag(config=True)

    def preprocess(self, nb, resources):
        entries = []
        for cell in nb.cells:
            if cell.cell_type == "markdown" and not cell.metadata.get("autograder", {}).get("criterion_summary"):
                cell.source = demote_headings(cell.source)
            meta = cell.metadata.get("nbgrader", {})
            if not meta.get("grade_id") or not (meta.get("grade") or meta.get("task") or meta.get("comment")):
                continue
            grade_id = meta["grade_id"]
            crit = referentiel.criterion_for_grade_id(grade_id)
            name, verb = _kind(cell)
            where = crit.id if crit is not None else f"« {grade_id} »"
            page = {"anchor": f"cellule-{grade_id}", "name": f"{name} {where}", "link": f"{verb} {where}"}
            if meta.get("grade") or meta.get("task"):
                page["points"] = _points(meta.get("score"), meta.get("points"))
            if meta.get("comment"):
                meta["comment"] = AUTO_COMMENTS.get(meta["comment"].strip(), meta["comment"])
                page["comment_anchor"] = f"commentaire-{grade_id}"
            cell.metadata["feedback_page"] = page
            entries.append(page)
        for key in ("link", "name"):
            totals: dict[str, int] = {}
            for page in entries:
                totals[page[key]] = totals.get(page[key], 0) + 1
            seen: dict[str, int] = {}
            for page in entries:
                if totals[page[key]] > 1:
                    seen[page[key]] = seen.get(page[key], 0) + 1
                    page[key] = f"{page[key]} ({seen[page[key]]} sur {totals[page[key]]})"
        for page in entries:
            if "comment_anchor" in page:
                page["comment_link"] = f"Lire le commentaire sur {page['name'][0].lower()}{page['name'][1:]}"
        info = resources.get("nbgrader", {})
        late = float(info.get("late_penalty") or 0)
        resources["feedback_page"] = {
            "title": f"Retour sur votre devoir « {info.get('notebook') or resources.get('metadata', {}).get('name', '')} »",
            "total": _points(info.get("score"), info.get("max_score")) if "max_score" in info else "",
            "late_penalty": f"−{_fmt(late)} point{'s' if late > 1 else ''}" if late > 0 else "",
            "entries": entries,
        }
        return nb, resources
