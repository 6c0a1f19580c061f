"""Notebooks scored from the files ahead of time, in a second process of the grader, while the main one records.

A submission graded without a kernel (:mod:`.direct`) costs two kinds of work: nbgrader's pipeline and its
gradebook writes, which stay in the main process (the gradebook has one writer), and the course's checks
(:func:`autograder.trainer.scoring.score_files`), which read only the submission's files. On a machine with
more than one core, :class:`ScoringAhead` forks one process, after every import, that scores the notebooks of
the run in the order the main process records them and hands over each
:class:`~autograder.trainer.scoring.ScoredFiles` through a bounded queue; :class:`ScoreFromFiles` takes it
instead of scoring the files itself (:func:`autograder.trainer.scoring.scored_ahead_by`).

Same function, same files (the submission read as data, the assignment's data files, the trainer-only keys):
the same outputs and scores as scoring in the main process. The scoring process never opens the gradebook:
the cells to score are listed from it beforehand. When that process is late, the main process waits; when a
notebook failed there (or the process died), the main process scores that notebook itself.
"""

from __future__ import annotations

import contextlib
import multiprocessing as mp
import os
import queue
from collections.abc import Iterator
from pathlib import Path
from typing import NamedTuple

from autograder.trainer.course import Course
from autograder.trainer.grading.records import Task

AHEAD = 8  # notebooks scored in advance at most (the queue's bound: memory stays small for any cohort)


class Item(NamedTuple):
    """One notebook of one submission to score: where its files are and which cells are registered."""

    assignment: str
    student: str
    notebook: str
    submitted: str
    source: str
    ids: tuple[str, ...]


def registered_cells(course: Course, assignment: str) -> dict[str, tuple[str, ...]]:
    """The registered autograded code cells of each notebook of ``assignment``, as the gradebook knows them."""
    from nbgrader.api import Gradebook, MissingEntry

    from autograder.checks import registry

    out: dict[str, tuple[str, ...]] = {}
    with Gradebook(course.db_url, course.course_id) as gb:
        try:
            notebooks = gb.find_assignment(assignment).notebooks
        except MissingEntry:
            return out
        for nb in notebooks:
            out[nb.name] = tuple(c.name for c in nb.grade_cells if c.cell_type == "code" and registry.lookup(c.name))
    return out


def items(course: Course, tasks: list[Task]) -> list[Item]:
    """The notebooks of ``tasks`` that have registered cells, in the order the main process records them."""
    from autograder.trainer.scoring import course_folders

    cells: dict[str, dict[str, tuple[str, ...]]] = {}
    out = []
    for task in tasks:
        if task.assignment not in cells:
            cells[task.assignment] = registered_cells(course, task.assignment)
        for notebook in task.notebooks:
            ids = cells[task.assignment].get(notebook, ())
            if not ids:
                continue
            resources = {"nbgrader": {"student": task.student, "assignment": task.assignment, "notebook": notebook}}
            submitted, source, _ = course_folders(course.config, resources)
            out.append(Item(task.assignment, task.student, notebook, str(submitted), str(source), ids))
    return out


def _score(root: str, ignore: list[str], todo: list[Item], results) -> None:
    """The scoring process: each item's :class:`ScoredFiles` (None when it failed), in order."""
    from autograder.trainer.scoring import score_files

    for item in todo:
        try:
            scored = score_files(Path(item.submitted), Path(item.source), Path(root), item.notebook, list(item.ids),
                                 ignore)
        except BaseException:  # noqa: BLE001 — the main process scores this notebook itself, and reports why
            scored = None
        results.put((item[:3], scored))


class ScoringAhead:
    """The scoring process of a run (see the module's docstring); :meth:`take` is what ScoreFromFiles asks."""

    def __init__(self, course: Course, todo: list[Item]):
        self._planned = {item[:3] for item in todo}
        self._ready: dict[tuple[str, str, str], object] = {}
        ctx = mp.get_context("fork")
        self._results = ctx.Queue(maxsize=AHEAD)
        self._proc = ctx.Process(target=_score, args=(str(course.root), list(course.ignore), todo, self._results),
                                 daemon=True)
        self._proc.start()
        self._gone = False

    def take(self, assignment: str, student: str, notebook: str, ids: list[str]):
        """The notebook's :class:`ScoredFiles` covering ``ids``, or None (the caller scores it itself)."""
        key = (assignment, student, notebook)
        if key not in self._planned:
            return None
        self._planned.discard(key)
        while key not in self._ready and not self._gone:
            try:
                done, scored = self._results.get(timeout=1.0)
            except queue.Empty:
                if not self._proc.is_alive():  # died (memory exhausted, killed): what it finished is still read
                    with contextlib.suppress(queue.Empty):
                        while True:
                            done, scored = self._results.get(timeout=0.2)
                            self._ready[tuple(done)] = scored
                    self._gone = True
                continue
            self._ready[tuple(done)] = scored
        scored = self._ready.pop(key, None)
        if scored is None or not set(ids) <= set(scored.cells):
            return None
        return scored

    def close(self) -> None:
        if self._proc.is_alive():
            self._proc.terminate()
        self._proc.join(timeout=5)
        self._results.cancel_join_thread()
        self._results.close()


def useful(jobs: int) -> bool:
    """Whether scoring ahead can use a core the main process does not (more than one core, and jobs)."""
    return jobs > 1 and (os.cpu_count() or 1) > 1 and "fork" in mp.get_all_start_methods()


@contextlib.contextmanager
def scoring_ahead(course: Course, tasks: list[Task], *, jobs: int) -> Iterator[ScoringAhead | None]:
    """Within the block, the registered cells of ``tasks`` are scored ahead in a second process (when useful)."""
    from autograder.trainer.scoring import scored_ahead_by

    todo = items(course, tasks) if useful(jobs) else []
    if not todo:
        yield None
        return
    ahead = ScoringAhead(course, todo)
    try:
        with scored_ahead_by(ahead):
            yield ahead
    finally:
        ahead.close()
