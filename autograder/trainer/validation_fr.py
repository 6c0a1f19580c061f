"""The result of nbgrader's « Validate » in French: a Jupyter server extension of the course.

nbgrader's labextension (0.9) draws the result dialog itself, with English words of its own and without
JupyterLab's translator (« Validation Results », « The following cell failed: », « Success! Your notebook passes
all the tests. »): the course's JupyterLab extension (``autograder/labextension``) replaces those in the page. What
the dialog shows of the server's answer is this extension's: for each cell that did not pass, its ``source``
(shown as text) and its ``error`` (shown as HTML), which nbgrader's validator writes in English (« Partial credit;
passed some but not all of the tests », « You did not provide a response. »).

This extension answers ``/assignments/validate`` in place of nbgrader's handler: the same handler class, the
same :class:`nbgrader.validator.Validator` and configuration, then :func:`french_result` rewrites those two
fields. A registered test cell prints no score (the learner's kernel is not trusted), so nbgrader counts it as
passed: the extension runs the cell's registered check (:mod:`autograder.checks.registry`) on the files next to
the notebook, as the cell itself does, and lists each one short of points, named by its criterion and title,
with what it lacks; practice, « Validate » and grading thus agree. Jupyter
Server loads extensions in the alphabetical order of their names (``ExtensionManager.sorted_extensions``), and
Tornado answers a URL with the first handler added for it: ``autograder…`` comes before
``nbgrader.server_extensions…``. Enabled by :mod:`autograder.setup_lab` (``jupyter_server_config.d``).
"""

from __future__ import annotations

import html
import json
import re
import textwrap
from pathlib import Path

PARTIAL = "Partial credit; passed some but not all of the tests"
NO_RESPONSE = "You did not provide a response."
NOT_FULL = "Pas encore tous les points à cette question."
UNANSWERED = ("Pas encore de réponse : double-cliquez sur « VOTRE RÉPONSE ICI » pour écrire la vôtre.\n"
              "Cette réponse est notée par le formateur.")
WIDTH = 90  # characters: the dialog shows the text in a <pre> block, which does not wrap lines
FAILED_RUN = ("La vérification n'a pas pu aller jusqu'au bout. Enregistrez le notebook, redémarrez le noyau "
              "(menu Noyau) et recommencez ; si cela se reproduit, prévenez votre formateur.")
_SHOW = re.compile(r"""^\s*show\(\s*["']([A-Za-z0-9_]+)["']\s*\)""")
URL = "/assignments/validate"


def french_result(result: dict, notebook: str | Path | None = None) -> dict:
    """nbgrader's validation ``result`` (``{"success", "value"}``) with French words a learner can act on.

    ``notebook``: the validated notebook. Its registered test cells print no score (the kernel is not trusted),
    so nbgrader counts them as passed: each one whose check, run here on the files next to the notebook as the
    cell runs it, finds points missing is added to the cells that did not pass.
    """
    if not isinstance(result, dict):
        return result
    if not result.get("success"):
        last = str(result.get("value") or "").strip().splitlines()[-1:] or [""]
        return {**result, "value": FAILED_RUN + (f"\n\n({last[0]})" if last[0] else "")}
    value = result.get("value")
    if isinstance(value, str):
        try:
            value = json.loads(value)
        except ValueError:
            return result
    if not isinstance(value, dict) or value.get("changed") or value.get("type_changed"):
        return result
    listed = value.get("failed") if isinstance(value.get("failed"), list) else []
    failed = [_french_cell(cell, notebook) if isinstance(cell, dict) else cell for cell in listed]
    if notebook is not None:
        seen = {m.group(1) for cell in listed if isinstance(cell, dict) for m in [_SHOW.match(str(cell.get("source")))]
                if m}
        failed += _short_of_points(Path(notebook), seen)
    if not failed:
        return result
    return {**result, "value": {**value, "failed": failed}}


def _french_cell(cell: dict, notebook: str | Path | None) -> dict:
    raw = str(cell.get("raw_error", ""))
    if raw.strip() == NO_RESPONSE:
        return {**cell, "error": html.escape(UNANSWERED), "raw_error": UNANSWERED}
    if raw.strip() != PARTIAL:  # an error of code run in the cell: kept as nbgrader shows it
        return cell
    match = _SHOW.match(str(cell.get("source", "")))
    summary = _check_summary(match.group(1), Path(notebook)) if match and notebook is not None else None
    title, lines = summary[:2] if summary else (None, [])
    return _entry(title or cell.get("source", ""), lines)


def _entry(title: str, lines: list[str]) -> dict:
    text = "\n".join([NOT_FULL, *(textwrap.fill(line, WIDTH, subsequent_indent="  ") for line in lines)])
    return {"source": title, "error": html.escape(text), "raw_error": text}


def _short_of_points(notebook: Path, seen: set[str]) -> list[dict]:
    """The registered test cells of ``notebook`` whose check finds points missing, as failed cells."""
    try:
        data = json.loads(notebook.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return []
    found = []
    for cell in data.get("cells", []) if isinstance(data, dict) else []:
        meta = (cell.get("metadata") or {}).get("nbgrader") or {}
        grade_id = meta.get("grade_id")
        if not (meta.get("grade") and not meta.get("solution") and cell.get("cell_type") == "code") or grade_id in seen:
            continue
        summary = _check_summary(str(grade_id), notebook)
        if summary and summary[2] < summary[3]:
            found.append(_entry(summary[0], summary[1]))
    return found


def _check_summary(grade_id: str, notebook: Path):
    """(« Question C5.1 — <title> : x / y pt », the French lines of what is missing, x, y) from the registered
    check of ``grade_id`` on the files next to ``notebook``; None for a cell with no registered check."""
    from autograder.checks import registry
    from autograder.numbers import fmt_points

    reg = registry.lookup(grade_id)
    if reg is None:
        return None
    results = registry.run(grade_id, registry.Submission(notebook.parent, notebook.stem))
    points = registry.score(grade_id, results)
    name = f"{results[0].criterion} — {results[0].title}" if results else grade_id
    title = f"Question {name} : {fmt_points(points)} / {fmt_points(reg.points)} pt"
    lines = [f"À revoir : {finding.text}" for result in results for finding in result.findings
             if not finding.ok and finding.text]
    return title, lines, points, reg.points


def _handler():
    from nbgrader.server_extensions.validate_assignment.handlers import ValidateAssignmentHandler

    class FrenchValidateHandler(ValidateAssignmentHandler):
        """nbgrader's handler, whose answer is put in French (:func:`french_result`)."""

        def validate_notebook(self, path):
            return french_result(super().validate_notebook(path), Path(self.root_dir) / path)

    return FrenchValidateHandler


def _jupyter_server_extension_points():
    return [{"module": __name__}]


def _load_jupyter_server_extension(serverapp) -> None:
    from jupyter_server.utils import url_path_join

    web_app = serverapp.web_app
    web_app.settings.setdefault("root_dir", serverapp.root_dir)  # what nbgrader's handler reads
    web_app.add_handlers(".*$", [(url_path_join(web_app.settings["base_url"], URL), _handler())])
    serverapp.log.info("Résultat de « Validate » de nbgrader en français (autograder.trainer.validation_fr)")
