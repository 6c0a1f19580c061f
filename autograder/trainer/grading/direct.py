"""nbgrader's autograde for the submissions graded without a kernel, one converter per assignment.

An assignment none of whose notebooks grading executes (every autograded cell scored from the files,
:func:`autograder.trainer.scoring.needs_kernel`) needs no worker: the main process records each submission
with nbgrader's own ``Autograde`` converter (its ``convert_notebooks`` loop, ``init_destination``,
``init_assignment``, the configured sanitising and grading steps, its writer and failure handling), as
``nbgrader autograde`` does. What a per-submission ``NbGraderAPI.autograde`` paid again for every copy is
paid once per assignment here:

- one converter, one exporter and one writer for all the submissions of the assignment;
- each configured step (``sanitize_preprocessors``, ``autograde_preprocessors``) built once, from the same
  configuration, and applied to every notebook (the ``Execute`` step, which keeps a kernel's state, is built
  afresh for each notebook as nbgrader does);
- the notebook read from the file is handed to the steps without nbconvert's two defensive deep copies, and
  validated against the notebook format once after the last step (nbconvert validates it after every step;
  an invalid notebook fails its submission all the same).

The gradebook writes are nbgrader's own (students, submissions, timestamps, grades, comments, late
penalties), through the run's one open gradebook (:mod:`.shared`).
"""

from __future__ import annotations

import logging
import os
import warnings

from nbconvert.exporters import NotebookExporter
from nbgrader.converters import Autograde
from nbgrader.preprocessors import Execute
from nbgrader.utils import capture_log

from autograder.trainer.course import Course
from autograder.trainer.grading.records import FAILED, GRADED, Outcome, Task
from autograder.trainer.grading.worker import NotebookRun

LOGGER = "autograder.correction"  # the converters' logger (its steps log through it too)


class PipelineExporter(NotebookExporter):
    """nbconvert's notebook exporter, applying the steps to the notebook just read (no defensive copies) and
    validating the result once, after the last step."""

    def from_notebook_node(self, nb, resources=None, **kw):
        import nbformat

        resources = self._init_resources(resources)
        if "language" in nb["metadata"]:
            resources["language"] = nb["metadata"]["language"].lower()
        for step in self._preprocessors:
            nb, resources = step(nb, resources)
        self._validate_preprocessor(nb, self._preprocessors[-1] if self._preprocessors else None)
        resources["output_suffix"] = ".nbconvert"
        output = nbformat.writes(nb, version=self.nbformat_version)
        return (output if output.endswith("\n") else output + "\n"), resources


class AssignmentAutograde(Autograde):
    """nbgrader's ``Autograde`` converter, kept for all the submissions of one assignment."""

    def __init__(self, **kwargs):
        super().__init__(**kwargs)
        self.exporter_class = PipelineExporter
        self._steps: dict[bool, list] = {}
        self._ready = False  # writer and exporter built on the first submission

    def _init_preprocessors(self) -> None:
        sanitizing = self._sanitizing
        if sanitizing not in self._steps:
            self.exporter._preprocessors = []
            for step in (self.sanitize_preprocessors if sanitizing else self.autograde_preprocessors):
                self.exporter.register_preprocessor(step)
            self._steps[sanitizing] = list(self.exporter._preprocessors)
        steps = []
        for step in self._steps[sanitizing]:
            if isinstance(step, Execute):  # a kernel's client: a fresh one per notebook, as nbgrader builds it
                step = type(step)(parent=self.exporter)
            steps.append(step)
        self.exporter._preprocessors = steps

    def start(self) -> None:
        """``Autograde.start`` for the submission of ``coursedir.student_id``, reusing the writer and exporter."""
        from nbconvert.writers import FilesWriter

        self.init_notebooks()
        if not self._ready:
            self._ready = True
            self.writer = FilesWriter(parent=self, config=self.config)
            self.exporter = self.exporter_class(parent=self, config=self.config)
            for pp in self.preprocessors:
                self.exporter.register_preprocessor(pp)
        here = os.getcwd()
        os.chdir(self.coursedir.root)
        try:
            self.convert_notebooks()
        finally:
            os.chdir(here)


class DirectRecorder:
    """Records submissions with nbgrader's autograde, one converter per assignment (see the module's docstring).

    ``config`` defaults to the course's; the replay of the workers' runs passes its own (:mod:`.replay`).
    """

    def __init__(self, course: Course, config=None):
        self.course, self.config = course, config if config is not None else course.config
        self._apps: dict[str, AssignmentAutograde] = {}

    def _app(self, assignment: str) -> AssignmentAutograde:
        if assignment not in self._apps:
            from nbgrader.coursedir import CourseDirectory

            config = self.config
            coursedir = CourseDirectory(config=config)
            coursedir.assignment_id = assignment
            app = AssignmentAutograde(coursedir=coursedir, config=config)
            app.force, app.create_student = True, True
            app.log = logging.getLogger(LOGGER)  # nbgrader's errors only (its reason for refusing a copy)
            app.log.setLevel(logging.ERROR)
            self._apps[assignment] = app
        return self._apps[assignment]

    def autograde(self, task: Task, runs: dict[str, NotebookRun]) -> Outcome:
        """Record ``task`` with nbgrader's autograde; the outcome (without score or time)."""
        app = self._app(task.assignment)
        app.coursedir.student_id = task.student
        with warnings.catch_warnings():  # nbgrader's own SQLAlchemy warnings are not the trainer's business
            warnings.simplefilter("ignore")
            result = capture_log(app)
        return outcome_of(task, runs, result)


def outcome_of(task: Task, runs: dict[str, NotebookRun], result: dict) -> Outcome:
    """The outcome (without score or time) of nbgrader's autograde ``result`` (``capture_log``) for ``task``."""
    problems = {nb: r.error for nb, r in runs.items() if r.error}
    success = bool(result.get("success"))
    outcome = Outcome(task.assignment, task.student, GRADED if success else FAILED,
                      notebooks={k or "*": v for k, v in problems.items()})
    if not success:
        outcome.reason = "; ".join(f"{k + ' : ' if k else ''}{v}" for k, v in problems.items())
        if not outcome.reason:
            outcome.reason, outcome.refused = _log_reason(result), True
    return outcome


def _log_reason(result: dict) -> str:
    text = (result.get("error") or "") + "\n" + (result.get("log") or "")
    lines = [ln.strip() for ln in text.splitlines() if ln.strip()]
    for ln in reversed(lines):
        if "Error" in ln or "error" in ln:
            return f"nbgrader a refusé la copie : {ln[:300]}"
    return "nbgrader a refusé la copie (voir le journal de nbgrader)"
