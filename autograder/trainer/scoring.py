"""Scores from the grader's process: nbgrader's pipeline steps that score registered cells from the files.

Wired in ``nbgrader_config.py`` (``c.Autograde.sanitize_preprocessors`` and ``autograde_preprocessors``), so ``nbgrader autograde`` and
``python -m autograder grade`` (whose replay runs nbgrader's own pipeline) both use them:

* :class:`RestoreCellFlags`, while sanitising: a test cell the learner unmarked is a test cell again.
* :func:`clean_submission_copy`, called by the sandbox before any learner code runs: nbgrader copies
  ``submitted/`` into ``autograded/`` following symbolic links; every file of that copy the learner's
  submission does not hold as an accepted regular file (:mod:`autograder.trainer.sandbox.intake`) is removed.
* :class:`ScoreFromFiles`, before ``SaveAutoGrades``: for every autograded code cell whose ``grade_id`` is
  registered (:mod:`autograder.checks.registry`), runs the check **here**, on a private copy of the
  submission read as data (regular files of accepted types, never through a link), with the trainer-only
  answer keys of the course's ``keys/`` folder, and writes the cell's outputs: the cards, a view of what
  was judged, the French list of refused files, and the score as the ``execute_result`` nbgrader reads.
  Whatever the learner's kernel produced in that cell is replaced. A registered test cell the learner
  deleted (or whose metadata no longer marks it) is put back from the gradebook and scored all the same.
"""

from __future__ import annotations

import contextlib
import json
import os
import shutil
import tempfile
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from nbformat import NotebookNode, from_dict
from nbgrader import utils
from nbgrader.preprocessors import NbGraderPreprocessor

from autograder.checks import registry
from autograder.trainer.course import KEYS_FOLDER
from autograder.trainer.sandbox import intake

ORIGIN = "autograder-scoring"  # marks the outputs written by the grader (metadata of each output)


def load_keys(root: str | os.PathLike) -> dict[str, object]:
    """The answer keys of the course at ``root``: ``keys/<name>.json`` → ``{name: value}`` (empty without keys/)."""
    folder = Path(root) / KEYS_FOLDER
    keys: dict[str, object] = {}
    if folder.is_dir():
        for path in sorted(folder.glob("*.json")):
            keys[path.stem] = json.loads(path.read_text(encoding="utf-8"))
    return keys


def registered_ids(nb) -> list[str]:
    return [c.metadata["nbgrader"]["grade_id"] for c in nb.cells
            if c.cell_type == "code" and utils.is_grade(c) and registry.lookup(c.metadata["nbgrader"]["grade_id"])]


def _coursedir(config):
    from nbgrader.coursedir import CourseDirectory

    return CourseDirectory(config=config)


def course_folders(config, resources) -> tuple[Path, Path, Path]:
    """(the learner's submitted folder, the assignment's source folder, the course root) of ``resources``."""
    info = resources["nbgrader"]
    cd = _coursedir(config)
    submitted = Path(cd.format_path(cd.submitted_directory, info["student"], info["assignment"]))
    source = Path(cd.format_path(cd.source_directory, ".", info["assignment"]))
    return submitted, source, Path(cd.root)


def needs_kernel(nb, resources) -> bool:
    """Whether grading must execute this notebook: unless the assignment's notebook, as the gradebook knows it,
    has no code cell for learners to write and every autograded cell is registered (scored from the files).

    Decided from the gradebook, never from the submission: deleting the answer cells or unmarking the test cells
    of a notebook does not stop its execution. Without a gradebook: :func:`needs_execution` on the notebook.
    """
    from autograder.trainer.sandbox.execute import needs_execution

    info = (resources or {}).get("nbgrader") or {}
    if not info.get("db_url") or not info.get("notebook"):
        return needs_execution(nb)
    from nbgrader.api import Gradebook, MissingEntry

    try:
        with Gradebook(info["db_url"]) as gb:
            notebook = gb.find_notebook(info["notebook"], info["assignment"])
            kinds = {c.name: c.cell_type for c in notebook.source_cells}
            if any(kinds.get(c.name) == "code" for c in notebook.solution_cells):
                return True
            return not all(registry.lookup(c.name) for c in notebook.grade_cells if c.cell_type == "code")
    except MissingEntry:
        return True


LINKED_NOTEBOOK = "Notebook refusé : la copie rendue était un lien symbolique, pas un fichier."


def refuse_linked_notebook(nb, resources, submitted: Path) -> bool:
    """Blank the answers of a notebook submitted as a symbolic link (nbgrader read it through the link)."""
    if not (submitted / f"{resources['nbgrader']['notebook']}.ipynb").is_symlink():
        return False
    for cell in nb.cells:
        if utils.is_solution(cell):
            cell.source = LINKED_NOTEBOOK
        if cell.cell_type == "code":
            cell.outputs = []
    return True


def clean_submission_copy(nb, resources, config) -> None:
    """Before learner code runs: remove from the working copy every file the submission does not hold as an
    accepted regular file (nbgrader copied ``submitted/`` into ``autograded/`` following symbolic links).

    A notebook submitted as a symbolic link (to ``source/``, to a classmate's) was read through it by
    nbgrader: its answers are blanked and its outputs dropped.
    """
    if "nbgrader" not in (resources or {}):
        return
    workdir = Path((resources.get("metadata") or {}).get("path") or ".")
    submitted, source, _ = course_folders(config, resources)
    refuse_linked_notebook(nb, resources, submitted)
    if not submitted.is_dir() or not workdir.is_dir() or workdir.resolve() == submitted.resolve():
        return
    ignore = list(_coursedir(config).ignore)
    keep, _ = intake.scan(submitted, ignore=ignore)
    trusted, _ = intake.scan(source, ignore=ignore) if source.is_dir() else ([], [])
    allowed = set(keep) | set(trusted)
    for base, dirs, files in os.walk(workdir):
        rel_base = Path(base).relative_to(workdir)
        for name in files:
            rel = (rel_base / name).as_posix()
            if not name.endswith(".ipynb") and rel not in allowed:
                os.unlink(os.path.join(base, name))
        for name in list(dirs):
            path = os.path.join(base, name)
            rel = (rel_base / name).as_posix()
            if os.path.islink(path):
                os.unlink(path)
                dirs.remove(name)
            elif not any(a.startswith(rel + "/") for a in allowed):
                shutil.rmtree(path, ignore_errors=True)
                dirs.remove(name)


class RestoreCellFlags(NbGraderPreprocessor):
    """Sanitising step, before nbgrader's ``OverwriteCells``: a cell carrying the grade_id of one of the
    gradebook's cells gets back that cell's nbgrader flags (graded, solution, locked, points, type).

    nbgrader restores the source and points of a test cell but not its ``grade`` flag, and fails the whole
    notebook (« Inconsistent checksums ») when a learner unmarked one; with the flags restored the cell is
    overwritten and scored like any other.
    """

    def preprocess(self, nb, resources):
        from nbgrader.api import Gradebook, MissingEntry

        info = resources["nbgrader"]
        try:
            with Gradebook(info["db_url"]) as gb:
                notebook = gb.find_notebook(info["notebook"], info["assignment"])
                sources = {c.name: c for c in notebook.source_cells}
                graded = {c.name: c for c in notebook.grade_cells}
                solutions = {c.name for c in notebook.solution_cells}
                tasks = {c.name for c in notebook.task_cells}
                for cell in nb.cells:
                    meta = cell.metadata.get("nbgrader")
                    name = meta.get("grade_id") if isinstance(meta, dict) else None
                    if name not in sources:
                        continue
                    meta["grade"] = name in graded
                    meta["solution"] = name in solutions
                    meta["task"] = name in tasks
                    meta["locked"] = bool(sources[name].locked)
                    if name in graded:
                        meta["points"] = float(graded[name].max_score)
                    else:
                        meta.pop("points", None)
                    if cell.cell_type != sources[name].cell_type:
                        cell.cell_type = sources[name].cell_type
                        if cell.cell_type == "code":
                            cell.outputs, cell.execution_count = [], None
                        else:
                            cell.pop("outputs", None)
                            cell.pop("execution_count", None)
        except MissingEntry:
            pass
        return nb, resources


@dataclass(frozen=True)
class ScoredCell:
    """What the check of one registered cell gives: its cards (HTML and plain text), its score, its view."""

    cards: tuple[tuple[str, str], ...]
    points: float
    view: str  # what was judged (:func:`registry.artefact_html`; empty when the check has no view)


@dataclass(frozen=True)
class ScoredFiles:
    """The registered cells of one notebook of a submission, scored from its files."""

    notice: str  # the French list of the files grading refused (empty when none)
    cells: dict[str, ScoredCell]


def score_files(submitted: Path, source: Path, root: Path, notebook_name: str, ids: list[str],
                ignore: list[str]) -> ScoredFiles:
    """Score the registered cells ``ids`` of notebook ``notebook_name`` from the submission's files.

    The checks run on a private copy of the ``submitted`` folder read as data (regular files of accepted
    types, never through a link), with the assignment's own data files of ``source`` and the trainer-only
    answer keys of the course at ``root``.
    """
    with tempfile.TemporaryDirectory(prefix="copie-lue-") as tmp:
        copy = Path(tmp) / "copie"
        refused: list[intake.Refused] = []
        if submitted.is_dir():
            refused = intake.copy_submission(submitted, copy, ignore=ignore, skip_notebooks=True).refused
        else:
            copy.mkdir()
        if source.is_dir():  # the assignment's own data files (trusted), as nbgrader copies them
            for rel in intake.scan(source, ignore=[*ignore, "*.ipynb"])[0]:
                (copy / rel).parent.mkdir(parents=True, exist_ok=True)
                shutil.copyfile(source / rel, copy / rel)
        sub = registry.Submission(copy, notebook_name, load_keys(root))
        cells = {}
        for gid in ids:
            results = registry.run(gid, sub)
            cells[gid] = ScoredCell(tuple((r._repr_html_(), str(r)) for r in results), registry.score(gid, results),
                                    registry.artefact_html(gid, sub))
    return ScoredFiles(intake.refused_text(refused), cells)


_PROVIDERS: list = []  # the grading run's source of notebooks scored ahead of time (grading/prefetch.py)


@contextlib.contextmanager
def scored_ahead_by(provider) -> Iterator[None]:
    """Within the block, :class:`ScoreFromFiles` first asks ``provider.take(assignment, student, notebook, ids)``
    for the notebook's :class:`ScoredFiles` (scored by the same :func:`score_files`, in a process of the grader's
    own, ahead of time); it scores the files itself when the provider has nothing (None)."""
    _PROVIDERS.append(provider)
    try:
        yield
    finally:
        _PROVIDERS.remove(provider)


class ScoreFromFiles(NbGraderPreprocessor):
    """Score every registered autograded cell from the submission's files, in the grader's process."""

    def preprocess(self, nb, resources):
        info = resources["nbgrader"]
        missing = self._missing_cells(nb, info)
        nb.cells.extend(missing)
        ids = registered_ids(nb)
        submitted, source, root = course_folders(self.config, resources)
        if not ids:  # scored by the executed cells: only say which files the grading did not read
            self._name_refused(nb, submitted)
            return nb, resources
        refuse_linked_notebook(nb, resources, submitted)
        scored = None
        if _PROVIDERS:
            scored = _PROVIDERS[-1].take(info["assignment"], info["student"], info["notebook"], ids)
        if scored is None:
            scored = score_files(submitted, source, root, info["notebook"], ids, list(_coursedir(self.config).ignore))
        shown: set[str] = set()
        notice = scored.notice
        for cell in nb.cells:
            gid = cell.metadata.get("nbgrader", {}).get("grade_id")
            if gid in ids:
                cell.outputs = self._outputs(scored.cells[gid], cell, shown, notice)
                cell.execution_count = None
                notice = ""
        return nb, resources

    def _name_refused(self, nb, submitted: Path) -> None:
        """Put the French list of refused files first in the notebook's first graded code cell (score unchanged)."""
        if not submitted.is_dir():
            return
        notice = intake.refused_text(intake.scan(submitted, ignore=list(_coursedir(self.config).ignore))[1])
        cells = [c for c in nb.cells if c.cell_type == "code" and utils.is_grade(c)]
        if notice and cells:
            cells[0].outputs.insert(0, _notice_output(notice))

    @staticmethod
    def _outputs(scored: ScoredCell, cell, shown: set[str], notice: str) -> list[NotebookNode]:
        meta = {ORIGIN: True}
        outputs = [NotebookNode(output_type="display_data", metadata=meta,
                                data={"text/html": html_card, "text/plain": text}) for html_card, text in scored.cards]
        view = scored.view
        if view and view not in shown:
            shown.add(view)
            outputs.append(NotebookNode(output_type="display_data", metadata=meta,
                                        data={"text/html": view, "text/plain": "Ce qui a été évalué (voir la version HTML)."}))
        if notice:
            outputs.append(_notice_output(notice))
        points = min(scored.points, float(cell.metadata["nbgrader"].get("points", scored.points)))
        outputs.append(NotebookNode(output_type="execute_result", metadata=meta, execution_count=None,
                                    data={"text/plain": repr(float(points))}))
        return outputs

    def _missing_cells(self, nb, info) -> list[NotebookNode]:
        """The registered grade cells of the gradebook's notebook that the submission no longer marks."""
        from nbgrader.api import Gradebook, MissingEntry
        from nbgrader.nbgraderformat import MetadataValidator

        present = {c.metadata.get("nbgrader", {}).get("grade_id") for c in nb.cells if utils.is_grade(c)}
        added = []
        try:
            with Gradebook(info["db_url"]) as gb:
                notebook = gb.find_notebook(info["notebook"], info["assignment"])
                sources = {c.name: c for c in notebook.source_cells}
                for grade_cell in notebook.grade_cells:
                    name = grade_cell.name
                    if name in present or grade_cell.cell_type != "code" or not registry.lookup(name):
                        continue
                    source = sources.get(name)
                    cell = from_dict({
                        "cell_type": "code", "execution_count": None, "outputs": [],
                        "metadata": {"deletable": False, "editable": False, "nbgrader": {
                            "grade": True, "grade_id": name, "locked": True, "points": grade_cell.max_score,
                            "solution": False, "task": False, "schema_version": 3,
                            "checksum": source.checksum if source else None}},
                        "source": source.source if source else "",
                    })
                    if cell.metadata.nbgrader["checksum"] is None:
                        del cell.metadata.nbgrader["checksum"]
                    added.append(MetadataValidator().upgrade_cell_metadata(cell))
        except MissingEntry:
            return []
        # a cell the learner kept but no longer marked as graded: its grade_id is now the restored cell's only
        for cell in nb.cells:
            gid = cell.metadata.get("nbgrader", {}).get("grade_id")
            if gid in {c.metadata.nbgrader.grade_id for c in added}:
                cell.metadata.pop("nbgrader", None)
        return added


def _notice_output(notice: str) -> NotebookNode:
    import html

    return NotebookNode(output_type="display_data", metadata={ORIGIN: True}, data={
        "text/html": f'<p role="note" style="color:#a4161a">{html.escape(notice)}</p>', "text/plain": notice})
