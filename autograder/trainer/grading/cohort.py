"""The cohort grader: plans the work (:mod:`.selection`), runs the workers (:mod:`.worker`), records each
submission with nbgrader's own autograde (:mod:`.direct`, :mod:`.replay`) through one open gradebook
(:mod:`.shared`) and reports progress (:mod:`.progress`)."""

from __future__ import annotations

import multiprocessing as mp
import os
import queue
import shutil
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

from autograder.trainer.course import Course, CourseError, cell_scores, course_folder, find_course_root
from autograder.trainer.grading.prefetch import scoring_ahead
from autograder.trainer.grading.records import (
    GRADED,
    UNCHANGED,
    Outcome,
    Task,
    read_state,
    write_state,
)
from autograder.trainer.grading.selection import fingerprint, in_shard
from autograder.trainer.grading.shared import shared_gradebook
from autograder.trainer.grading.worker import (
    Done,
    Exit,
    NotebookRun,
    Started,
    execute_class,
    kernel_needed,
    unreadable_notebooks,
    worker_main,
)
from autograder.trainer.sandbox.limits import LimitError, current


class CohortGrader:
    """Grade the submissions of a course folder (see :mod:`autograder.trainer.grading`)."""

    def __init__(self, root: str | os.PathLike | Course | None = None, *, jobs: int | None = None,
                 force: bool = False, shard: tuple[int, int] | None = None,
                 progress: Callable[[int, int, Outcome], None] | None = None):
        self.course = course_folder(root if isinstance(root, Course) else find_course_root(root))
        self.root, self.config = self.course.root, self.course.config
        self.url = self.course.db_url
        if shard and self.url.startswith("sqlite"):
            raise CourseError("--shard demande un carnet de notes partagé PostgreSQL : définissez NBGRADER_DB_URL "
                              "(par exemple postgresql+psycopg2://formateur@serveur/nbgrader).")
        try:
            current()  # a malformed limit is refused before any kernel starts (python -m autograder limites)
        except LimitError as exc:
            raise CourseError(str(exc)) from None
        # One worker more than cores: part of a notebook's time is waiting (kernel start-up handshake,
        # sandbox set-up), which another worker fills.
        self.jobs = max(1, jobs or (os.cpu_count() or 1) + 1)
        self.force, self.shard, self.progress = force, shard, progress
        self.ignore = self.course.ignore

    # -- what to grade -------------------------------------------------------------------------------------
    def _notebooks(self, assignment: str) -> list[str]:
        from nbgrader.api import Gradebook, MissingEntry

        with Gradebook(self.url) as gb:
            try:
                return sorted(nb.name for nb in gb.find_assignment(assignment).notebooks)
            except MissingEntry:
                raise CourseError(f"L'évaluation « {assignment} » n'est pas dans le carnet de notes : lancez d'abord "
                                  f"« python -m autograder release {assignment} ».") from None

    def plan(self, assignments: list[str]) -> tuple[list[Task], list[Outcome]]:
        """The submissions to grade, and those skipped as unchanged."""
        known = self.course.assignments()
        unknown = [a for a in assignments if a not in known]
        if unknown:
            raise CourseError(f"Évaluation inconnue : {', '.join(unknown)}. Évaluations du cours : "
                              f"{', '.join(known) or 'aucune'}.")
        tasks, skipped = [], []
        for assignment in assignments:
            students = [s for s in self.course.students(assignment) if in_shard(s, self.shard)]
            if not students:
                continue
            notebooks = self._notebooks(assignment)
            for student in students:
                state = read_state(self.root, assignment, student)
                if (not self.force and state and state.get("status") == GRADED
                        and self.course.autograded(student, assignment).is_dir()
                        and state.get("fingerprint") == fingerprint(self.course, assignment, student, self.url,
                                                                    self.ignore)):
                    skipped.append(Outcome(assignment, student, UNCHANGED, score=state.get("score"),
                                           max_score=state.get("max_score")))
                    continue
                tasks.append(Task(assignment, student, notebooks))
        return tasks, skipped

    # -- grading ---------------------------------------------------------------------------------------------
    def _record(self, recorder, task: Task, runs: dict[str, NotebookRun], started: float) -> Outcome:
        from nbgrader.api import Gradebook, MissingEntry

        fp = fingerprint(self.course, task.assignment, task.student, self.url, self.ignore)
        outcome = recorder.autograde(task, runs)
        try:
            with Gradebook(self.url) as gb:
                sub = gb.find_submission(task.assignment, task.student)
                outcome.score, outcome.max_score = float(sub.score), float(sub.max_score)
        except MissingEntry:
            pass
        outcome.seconds = round(time.perf_counter() - started, 3)
        write_state(self.root, outcome, fp)
        return outcome

    def grade(self, assignments: list[str]) -> list[Outcome]:
        # Every gradebook write and read of the run, in this process, goes through one open gradebook (shared).
        with shared_gradebook(self.url, self.course.course_id):
            return self._grade(assignments)

    def _grade(self, assignments: list[str]) -> list[Outcome]:
        from autograder.trainer.grading.direct import DirectRecorder
        from autograder.trainer.grading.replay import Replayer

        tasks, skipped = self.plan(assignments)
        outcomes: list[Outcome] = list(skipped)
        total = len(tasks) + len(skipped)
        for o in skipped:
            self._tick(len(outcomes), total, o)
        if not tasks:
            return outcomes
        # Submissions whose notebooks need no kernel (scored from the files) go straight to nbgrader's pipeline,
        # one converter per assignment (direct).
        # Their files are scored ahead in a second process when there is a core for it (prefetch).
        direct = self._without_kernel({t.assignment: t.notebooks for t in tasks})
        recorder = DirectRecorder(self.course)
        direct_tasks = [t for t in tasks if t.assignment in direct]
        with scoring_ahead(self.course, direct_tasks, jobs=self.jobs):
            for task in direct_tasks:
                o = self._record(recorder, task, unreadable_notebooks(self.course, task), time.perf_counter())
                outcomes.append(o)
                self._tick(len(outcomes), total, o)
        tasks = [t for t in tasks if t.assignment not in direct]
        if not tasks:
            return outcomes
        replayer = Replayer(self.course)
        ctx = mp.get_context("spawn" if sys.platform == "win32" else "fork")
        task_q, result_q = ctx.Queue(), ctx.Queue()
        for task in tasks:
            task_q.put(task)
        n_workers = min(self.jobs, len(tasks))
        for _ in range(n_workers):
            task_q.put(None)
        scratch = Path(tempfile.mkdtemp(prefix="correction-"))
        workers: dict[int, mp.Process] = {}
        in_flight: dict[int, list[tuple[str, str]]] = {}
        by_key = {t.key: t for t in tasks}
        started = {key: time.perf_counter() for key in by_key}
        remaining = set(by_key)

        def spawn(worker_id: int) -> None:
            proc = ctx.Process(target=worker_main, args=(self.course, str(scratch), worker_id, task_q, result_q),
                               daemon=True)
            proc.start()
            workers[worker_id] = proc
            in_flight[worker_id] = []

        def finish(key: tuple[str, str], runs: dict[str, NotebookRun]) -> None:
            remaining.discard(key)
            o = self._record(replayer, by_key[key], runs, started[key])
            outcomes.append(o)
            self._tick(len(outcomes), total, o)

        try:
            for i in range(n_workers):
                spawn(i)
            next_id = n_workers
            exited: set[int] = set()
            while remaining:
                try:
                    msg = result_q.get(timeout=1.0)
                except queue.Empty:
                    msg = None
                if msg is None:
                    for wid, proc in list(workers.items()):
                        if wid in exited or proc.is_alive():
                            continue
                        # a worker died (memory exhausted, killed): its submissions fail, a new worker goes on
                        exited.add(wid)
                        for key in in_flight.pop(wid, []):
                            if key in remaining:
                                reason = ("le processus de correction s'est arrêté brutalement "
                                          f"(code {proc.exitcode} : mémoire épuisée ou plantage)")
                                finish(key, {"": NotebookRun(error=reason)})
                        if remaining and not any(p.is_alive() for w, p in workers.items() if w not in exited):
                            spawn(next_id)
                            task_q.put(None)
                            next_id += 1
                elif isinstance(msg, Started):
                    in_flight.setdefault(msg.worker, []).append(msg.key)
                    started[msg.key] = time.perf_counter()
                elif isinstance(msg, Done):
                    key = tuple(msg.key)
                    if key in in_flight.get(msg.worker, []):
                        in_flight[msg.worker].remove(key)
                    if key in remaining:
                        finish(key, msg.runs)
                elif isinstance(msg, Exit):
                    exited.add(msg.worker)
        finally:
            for proc in workers.values():
                proc.join(timeout=5)
                if proc.is_alive():
                    proc.terminate()
            shutil.rmtree(scratch, ignore_errors=True)
        return outcomes

    def _without_kernel(self, notebooks: dict[str, list[str]]) -> set[str]:
        """The assignments none of whose notebooks grading executes (see :func:`worker.kernel_needed`)."""
        config = self.course.config
        cls = execute_class(config)
        return {a for a, names in notebooks.items() if not any(
            kernel_needed(config, cls, {}, {"nbgrader": {"db_url": self.url, "assignment": a, "notebook": nb}})
            for nb in names)}

    def scores(self, outcomes: list[Outcome]) -> list:
        """The gradebook's graded cells of the submissions in ``outcomes`` (read after grading)."""
        keys = {(o.assignment, o.student) for o in outcomes}
        rows = []
        for assignment in sorted({a for a, _ in keys}):
            rows += [r for r in cell_scores(self.course, assignment, url=self.url) if (assignment, r.student) in keys]
        return rows

    def _tick(self, done: int, total: int, outcome: Outcome) -> None:
        if self.progress:
            self.progress(done, total, outcome)


def grade_cohort(assignments: list[str] | None = None, root: str | os.PathLike | Course | None = None,
                 **kwargs) -> list[Outcome]:
    """Grade ``assignments`` (default: all) of the course at ``root``; see :class:`CohortGrader`."""
    grader = CohortGrader(root, **kwargs)
    return grader.grade(assignments if assignments else grader.course.assignments())


