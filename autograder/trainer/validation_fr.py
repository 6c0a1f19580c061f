"""The result of nbgrader's « Validate » in French: a Jupyter server extension of the course.

nbgrader's labextension (0.9) draws the result dialog itself, with English words of its own and without
JupyterLab's translator (« Validation Results », « The following cell failed: », « Success! Your notebook passes
all the tests. »): the project cannot change those. What the dialog shows of the server's answer, the project
can: for each cell that did not pass, its ``source`` (shown as text) and its ``error`` (shown as HTML), which
nbgrader's validator writes in English (« Partial credit; passed some but not all of the tests », « You did not
provide a response. »).

This extension answers ``/assignments/validate`` in place of nbgrader's handler: the same handler class, the
same :class:`nbgrader.validator.Validator` and configuration, then :func:`french_result` rewrites those two
fields. A test cell ``show("<grade_id>")`` is named by its criterion and the check's title, and what it lacks
is listed from the same registered check as the cell shows (:mod:`autograder.checks.registry`). Jupyter
Server loads extensions in the alphabetical order of their names (``ExtensionManager.sorted_extensions``), and
Tornado answers a URL with the first handler added for it: ``autograder…`` comes before
``nbgrader.server_extensions…``. Enabled by :mod:`autograder.setup_lab` (``jupyter_server_config.d``).
"""

from __future__ import annotations

import html
import json
import re
from pathlib import Path

PARTIAL = "Partial credit; passed some but not all of the tests"
NO_RESPONSE = "You did not provide a response."
NOT_FULL = "Pas encore tous les points à cette question."
UNANSWERED = ("Pas encore de réponse : double-cliquez sur la cellule « VOTRE RÉPONSE ICI » pour écrire la vôtre "
              "(elle est notée par le formateur).")
FAILED_RUN = ("La vérification n'a pas pu aller jusqu'au bout. Enregistrez le notebook, redémarrez le noyau "
              "(menu Noyau) et recommencez ; si cela se reproduit, prévenez votre formateur.")
_SHOW = re.compile(r"""^\s*show\(\s*["']([A-Za-z0-9_]+)["']\s*\)""")
URL = "/assignments/validate"


def french_result(result: dict, notebook: str | Path | None = None) -> dict:
    """nbgrader's validation ``result`` (``{"success", "value"}``) with French words a learner can act on.

    ``notebook``: the validated notebook, whose folder holds the files the registered checks read.
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
    if not isinstance(value, dict) or not isinstance(value.get("failed"), list):
        return result
    failed = [_french_cell(cell, notebook) if isinstance(cell, dict) else cell for cell in value["failed"]]
    return {**result, "value": {**value, "failed": failed}}


def _french_cell(cell: dict, notebook: str | Path | None) -> dict:
    raw = str(cell.get("raw_error", ""))
    if raw.strip() == NO_RESPONSE:
        return {**cell, "error": html.escape(UNANSWERED), "raw_error": UNANSWERED}
    if raw.strip() != PARTIAL:  # an error of code run in the cell: kept as nbgrader shows it
        return cell
    match = _SHOW.match(str(cell.get("source", "")))
    title, lines = (_check_summary(match.group(1), notebook) if match else (None, []))
    text = "\n".join([NOT_FULL, *lines])
    return {**cell, "source": title or cell.get("source", ""), "error": html.escape(text), "raw_error": text}


def _check_summary(grade_id: str, notebook: str | Path | None) -> tuple[str | None, list[str]]:
    """« C5.1 — <title> : x / y pt » and the French lines of what is missing, from the registered check."""
    from autograder.checks import registry
    from autograder.numbers import fmt_points

    reg = registry.lookup(grade_id)
    if reg is None:
        return None, []
    lines: list[str] = []
    title = None
    if notebook is not None:
        path = Path(notebook)
        try:
            data = json.loads(path.read_text(encoding="utf-8"))
        except (OSError, ValueError):
            data = None
        results = registry.run(grade_id, registry.Submission(path.parent, data, path.stem))
        if results:
            first = results[0]
            points = registry.score(grade_id, results)
            title = f"Question {first.criterion} — {first.title} : {fmt_points(points)} / {fmt_points(reg.points)} pt"
        lines = [f"À revoir : {finding.text}" for result in results for finding in result.findings
                 if not finding.ok and finding.text]
    return title, lines


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
    serverapp.log.info("Résultat de « Validate » de nbgrader en français (autograder.trainer.validation_fr)")
