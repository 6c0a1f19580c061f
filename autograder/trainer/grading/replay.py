"""nbgrader's own autograde, replayed in the main process with the notebooks the workers executed.

The main process runs nbgrader's real ``autograde`` for each submission as soon as its execution is done
(:class:`~autograder.trainer.grading.direct.DirectRecorder`: nbgrader's converter, one per assignment), with
``Execute`` replaced by a ``ReplayExecute`` that hands back the executed notebook (after checking it
was made from the same cells). Every gradebook write (student, submission, timestamps, grades, comments,
late penalties) is therefore nbgrader's own code, from a single process: SQLite never sees two writers,
and the scores are nbgrader's by construction.
"""

from __future__ import annotations

import copy

from autograder.trainer.course import Course
from autograder.trainer.grading.direct import DirectRecorder
from autograder.trainer.grading.records import Outcome, Task
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
    """nbgrader's autograde for ``course`` (:class:`~.direct.DirectRecorder`: one converter per assignment), whose
    ``Execute`` step replays the workers' runs."""

    def __init__(self, course: Course):
        self.course, self.book = course, ReplayBook()
        config = copy.deepcopy(course.config)
        base = execute_class(config)
        replay = replay_class(base, self.book)
        config.Autograde.autograde_preprocessors = [
            replay if isinstance(cls, type) and issubclass(cls, base) else cls
            for cls in preprocessor_classes(config, "autograde_preprocessors")
        ]
        self.recorder = DirectRecorder(course, config)

    def autograde(self, task: Task, runs: dict[str, NotebookRun]) -> Outcome:
        """Record ``task`` in the gradebook with nbgrader's autograde; the outcome (without score or time)."""
        self.book.load(task, runs)
        try:
            return self.recorder.autograde(task, runs)
        finally:
            self.book.clear(task)
