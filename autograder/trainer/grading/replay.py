"""nbgrader's own autograde, replayed in the main process with the notebooks the workers executed.

The main process runs nbgrader's real ``autograde`` for each submission as soon as its execution is done,
with ``Execute`` replaced by a ``ReplayExecute`` that hands back the executed notebook (after checking it
was made from the same cells). Every gradebook write (student, submission, timestamps, grades, comments,
late penalties) is therefore nbgrader's own code, from a single process: SQLite never sees two writers,
and the scores are nbgrader's by construction.
"""

from __future__ import annotations

import copy
import logging
import warnings

from autograder.trainer.course import Course
from autograder.trainer.grading.records import FAILED, GRADED, Outcome, Task
from autograder.trainer.grading.worker import WHOLE, NotebookRun, execute_class, preprocessor_classes


class GradingFailure(RuntimeError):
    """Raised in nbgrader's pipeline for a notebook whose execution failed in a worker."""


class ReplayBook:
    """The workers' runs of the submission being recorded, by (assignment, student, notebook)."""

    def __init__(self):
        self._runs: dict[tuple[str, str, str], NotebookRun] = {}

    def get(self, assignment: str | None, student: str | None, notebook: str | None) -> NotebookRun | None:
        return self._runs.get((assignment, student, notebook))

    def load(self, task: Task, runs: dict[str, NotebookRun]) -> None:
        for nb in task.notebooks:
            if nb in runs:
                self._runs[(task.assignment, task.student, nb)] = runs[nb]
        whole = runs.get(WHOLE)
        if whole and whole.error:  # the whole submission failed in the worker (copy impossible, crash)
            for nb in task.notebooks:
                self._runs[(task.assignment, task.student, nb)] = NotebookRun(error=whole.error)

    def clear(self, task: Task) -> None:
        for nb in task.notebooks:
            self._runs.pop((task.assignment, task.student, nb), None)


def _cells_signature(nb) -> list[tuple[str, str]]:
    return [(c.cell_type, c.source) for c in nb.cells]


def replay_class(base: type, book: ReplayBook) -> type:
    """A subclass of the configured ``Execute`` class ``base`` that replays the runs of ``book``."""

    class ReplayExecute(base):  # type: ignore[misc, valid-type]
        """nbgrader's Execute, handing back the notebook a worker executed from the same cells."""

        def preprocess(self, nb, resources=None, km=None):
            import nbformat

            info = resources.get("nbgrader", {}) if resources else {}
            run = book.get(info.get("assignment"), info.get("student"), info.get("notebook"))
            if run and run.error:
                raise GradingFailure(run.error)
            if run and run.path:
                executed = nbformat.read(run.path, as_version=4)
                if _cells_signature(executed) == _cells_signature(nb):
                    return executed, resources
            return super().preprocess(nb, resources, km=km)  # no worker result: execute here, as nbgrader does

    ReplayExecute.__name__ = ReplayExecute.__qualname__ = f"Replay{base.__name__}"
    return ReplayExecute


class Replayer:
    """nbgrader's API for ``course``, whose autograde replays the workers' runs."""

    def __init__(self, course: Course):
        from nbgrader.apps import NbGraderAPI
        from nbgrader.coursedir import CourseDirectory

        self.course, self.book = course, ReplayBook()
        config = copy.deepcopy(course.config)
        base = execute_class(config)
        replay = replay_class(base, self.book)
        config.Autograde.autograde_preprocessors = [
            replay if isinstance(cls, type) and issubclass(cls, base) else cls
            for cls in preprocessor_classes(config, "autograde_preprocessors")
        ]
        coursedir = CourseDirectory(config=config)
        logging.disable(logging.CRITICAL)  # the API probes the exchange folder, which grading does not need
        try:
            self.api = NbGraderAPI(coursedir=coursedir, config=config)
        finally:
            logging.disable(logging.NOTSET)
        self.api.log.setLevel("ERROR")

    def autograde(self, task: Task, runs: dict[str, NotebookRun]) -> Outcome:
        """Record ``task`` in the gradebook with nbgrader's autograde; the outcome (without score or time)."""
        problems = {nb: r.error for nb, r in runs.items() if r.error}
        self.book.load(task, runs)
        try:
            with warnings.catch_warnings():  # nbgrader's own SQLAlchemy warnings are not the trainer's business
                warnings.simplefilter("ignore")
                result = self.api.autograde(task.assignment, task.student, force=True, create=True)
        finally:
            self.book.clear(task)
        success = bool(result.get("success"))
        outcome = Outcome(task.assignment, task.student, GRADED if success else FAILED,
                          notebooks={k or "*": v for k, v in problems.items()})
        if not success:
            outcome.reason = "; ".join(f"{k + ' : ' if k else ''}{v}" for k, v in problems.items())
            if not outcome.reason:
                outcome.reason, outcome.refused = _log_reason(result), True
        return outcome


def _log_reason(result: dict) -> str:
    text = (result.get("error") or "") + "\n" + (result.get("log") or "")
    lines = [ln.strip() for ln in text.splitlines() if ln.strip()]
    for ln in reversed(lines):
        if "Error" in ln or "error" in ln:
            return f"nbgrader a refusé la copie : {ln[:300]}"
    return "nbgrader a refusé la copie (voir le journal de nbgrader)"
