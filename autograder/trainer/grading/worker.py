"""The worker processes: sanitise and execute each notebook of a submission, never write the gradebook.

A worker takes :class:`~autograder.trainer.grading.records.Task` objects from a queue and answers with the
typed messages below. For each notebook it applies nbgrader's own sanitising preprocessors, then runs the
``Execute`` preprocessor the configuration names (the grading sandbox), with the project's one kernel
start-up retry (:func:`autograder.trainer.sandbox.execute.with_start_retry`), in a scratch copy of the
submission read as data (:mod:`autograder.trainer.sandbox.intake`: regular files of accepted types, never
through a symbolic link). The kernel of the next notebook is started ahead of time, while the current one
runs; a notebook scored from the files only (:func:`kernel_needed`) gets no kernel at all.
"""

from __future__ import annotations

import copy
import os
import shutil
from dataclasses import dataclass, field
from pathlib import Path
from typing import NamedTuple

from autograder.trainer.course import Course
from autograder.trainer.grading.records import Task
from autograder.trainer.grading.selection import files
from autograder.trainer.sandbox.intake import MAX_FILE_BYTES, read_regular
from autograder.trainer.sandbox.intake import copy_submission as copy_as_data

WHOLE = ""  # the notebook name of a problem that concerns the whole submission


# ---------------------------------------------------------------------------------------------------------
# Messages from the workers to the main process


class NotebookRun(NamedTuple):
    """The execution of one notebook: the executed copy's path, or a French error."""

    path: str | None = None
    error: str = ""


class Started(NamedTuple):
    """A worker took a submission."""

    worker: int
    key: tuple[str, str]  # (assignment, student)


class Done(NamedTuple):
    """A worker finished a submission: its notebooks' runs, by notebook name (:data:`WHOLE` for all)."""

    worker: int
    key: tuple[str, str]
    runs: dict[str, NotebookRun]


class Exit(NamedTuple):
    """A worker found no more work and stops."""

    worker: int


Message = Started | Done | Exit


# ---------------------------------------------------------------------------------------------------------
# Configuration, as nbgrader reads it


def _import(item):
    if isinstance(item, str):
        from traitlets.utils.importstring import import_item

        return import_item(item)
    return item


def preprocessor_classes(config, name: str) -> list[type]:
    """The preprocessors of nbgrader's ``Autograde`` list ``name``, as configured (else nbgrader's own)."""
    from nbgrader.converters import Autograde

    configured = config.Autograde.get(name) if name in config.Autograde else getattr(Autograde, name).default()
    return [_import(item) for item in configured]


def execute_class(config) -> type:
    """The ``Execute`` preprocessor nbgrader would use (a configured subclass, such as a sandbox, wins)."""
    from nbgrader.preprocessors import Execute

    for cls in preprocessor_classes(config, "autograde_preprocessors"):
        if isinstance(cls, type) and issubclass(cls, Execute):
            return cls
    return Execute


def kernel_needed(config, execute_cls: type, nb, resources) -> bool:
    """False when the configured Execute (the sandbox) skips this notebook: no learner code, every autograded
    cell scored from the files (:func:`autograder.trainer.scoring.needs_kernel`)."""
    from autograder.trainer.sandbox.execute import SandboxedExecute
    from autograder.trainer.scoring import needs_kernel

    if not issubclass(execute_cls, SandboxedExecute):
        return True
    if not config.SandboxedExecute.get("skip_without_learner_code", True):
        return True
    return needs_kernel(nb, resources)


def copy_submission(course: Course, task: Task, dest: Path) -> None:
    """The working folder nbgrader would build: the submitted files, then the source's non-notebook files."""
    ignore = course.ignore
    src = course.submitted(task.student, task.assignment)
    # Read as data: regular files of accepted types only, never through a symbolic link (intake).
    copy_as_data(src, dest, ignore=ignore, skip_notebooks=True)
    source = course.source(task.assignment)
    excluded = set(course.config.Autograde.get("exclude_overwriting", {}).get(task.assignment, []))
    for path in files(source, ignore + ["*.ipynb"]):
        rel = path.relative_to(source)
        if rel.as_posix() in excluded:
            continue
        target = dest / rel
        target.parent.mkdir(parents=True, exist_ok=True)
        target.unlink(missing_ok=True)
        shutil.copyfile(path, target)


def read_submitted_notebook(src: Path, name: str):
    """The submitted notebook ``name`` of folder ``src``, read as data (never through a symbolic link: a link to
    source/ or to a classmate): ``(notebook, "")``, or ``(None, French reason)`` when it is refused or unreadable."""
    import nbformat

    try:
        text = read_regular(src / f"{name}.ipynb").decode("utf-8")
    except OSError:
        return None, (f"notebook « {name}.ipynb » refusé : ce n'est pas un fichier ordinaire lisible "
                      f"(lien symbolique, ou plus de {MAX_FILE_BYTES // (1024 * 1024)} Mo)")
    try:
        return nbformat.reads(text, as_version=4), ""
    except Exception as exc:
        return None, failure_reason(exc)


def unreadable_notebooks(course, task: Task) -> dict[str, NotebookRun]:
    """For a submission graded without a kernel: the French reason of each notebook that cannot be read."""
    src = course.submitted(task.student, task.assignment)
    runs = {}
    for name in task.notebooks:
        if (src / f"{name}.ipynb").is_file() or (src / f"{name}.ipynb").is_symlink():
            nb, error = read_submitted_notebook(src, name)
            if nb is None:
                runs[name] = NotebookRun(error=error)
    return runs


def failure_reason(exc: BaseException) -> str:
    """A French explanation of why a notebook could not be executed."""
    from nbclient.exceptions import DeadKernelError
    from nbformat.reader import NotJSONError

    name = type(exc).__name__
    if isinstance(exc, NotJSONError | ValueError) and ("JSON" in str(exc) or "json" in name.lower()):
        return "notebook illisible : le fichier n'est pas un notebook Jupyter valide (JSON invalide)"
    if isinstance(exc, DeadKernelError):
        return "le noyau Python s'est arrêté pendant l'exécution (plantage du code, mémoire épuisée ou sortie forcée)"
    if name == "UnresponsiveKernelError":
        return "le noyau ne répond plus et n'a pas pu être interrompu (boucle infinie ?)"
    if isinstance(exc, TimeoutError):
        return "délai dépassé pendant l'exécution"
    if name in ("SchemaTooOldError", "SchemaTooNewError", "ValidationError", "MissingEntry"):
        return f"notebook non conforme à l'évaluation ({name}) : {str(exc).strip()[:200]}"
    return f"erreur pendant l'exécution ({name}) : {str(exc).strip()[:300]}"


# ---------------------------------------------------------------------------------------------------------
# One worker


@dataclass
class Job:
    """One notebook of one submission, sanitised and ready to execute."""

    task: Task
    notebook: str
    last: bool
    workdir: Path
    nb: object = None
    resources: dict | None = None
    error: str = ""
    executor: object = field(default=None, repr=False)  # an Execute instance whose kernel was started ahead


class Worker:
    def __init__(self, course: Course, scratch: Path, worker_id: int):
        from nbgrader.preprocessors import Execute  # noqa: F401  (import cost paid once per worker)

        from autograder.trainer.sandbox.execute import with_start_retry

        self.course, self.config, self.scratch, self.worker_id = course, course.config, scratch, worker_id
        self.url = course.db_url
        self.sanitizers = preprocessor_classes(self.config, "sanitize_preprocessors")
        self.execute_class = with_start_retry(execute_class(self.config))

    def prepare(self, task: Task) -> list[Job]:

        workdir = self.scratch / f"w{self.worker_id}" / task.student / task.assignment
        if workdir.exists():
            shutil.rmtree(workdir)
        workdir.mkdir(parents=True)
        jobs: list[Job] = []
        try:
            copy_submission(self.course, task, workdir)
        except OSError as exc:
            return [Job(task, WHOLE, True, workdir, error=f"copie de la copie impossible : {exc}")]
        src = self.course.submitted(task.student, task.assignment)
        present = [n for n in task.notebooks if (src / f"{n}.ipynb").is_file()]
        for i, name in enumerate(present):
            job = Job(task, name, i == len(present) - 1, workdir)
            try:
                nb, job.error = read_submitted_notebook(src, name)
                if nb is None:
                    jobs.append(job)
                    continue
                resources = {
                    "unique_key": name, "output_files_dir": f"{name}_files",
                    "nbgrader": {"student": task.student, "assignment": task.assignment, "notebook": name,
                                 "db_url": self.url},
                    "metadata": {"path": str(workdir), "name": name},
                }
                for cls in self.sanitizers:
                    nb, resources = cls(config=self.config).preprocess(nb, resources)
                job.nb, job.resources = nb, resources
            except Exception as exc:
                job.error = failure_reason(exc)
            jobs.append(job)
        if not jobs:
            jobs.append(Job(task, WHOLE, True, workdir))  # nothing to execute: nbgrader scores missing notebooks 0
        return jobs

    def launch(self, job: Job) -> None:
        """Start the kernel of ``job`` now (it boots while the previous notebook runs); none without learner code."""
        if job.nb is None or job.error or not self._executes(job):
            return
        try:
            ex = self.execute_class(config=self.config)
            ex.nb, ex.resources = job.nb, job.resources
            ex.create_kernel_manager()
            ex.start_new_kernel()
            job.executor = ex
        except Exception as exc:
            job.error = f"le noyau n'a pas pu démarrer : {exc}"

    def run(self, job: Job) -> NotebookRun:
        """Execute ``job``: the executed notebook's path, or the French reason it could not be executed."""
        import nbformat

        if job.nb is None or job.error:
            return NotebookRun(error=job.error)
        if not self._executes(job):  # nothing to run: the replay's pipeline scores the files (ScoreFromFiles)
            return NotebookRun()
        ex = job.executor
        try:
            # A kernel that dies before its first reply is replaced once (KernelStartRetry).
            nb, _ = ex.preprocess(copy.deepcopy(job.nb), job.resources, km=ex.km)
            out = self.scratch / "executed" / f"{job.task.assignment}__{job.task.student}__{job.notebook}.ipynb"
            out.parent.mkdir(parents=True, exist_ok=True)
            nbformat.write(nb, str(out))
            return NotebookRun(path=str(out))
        except Exception as exc:
            job.error = failure_reason(exc)
            return NotebookRun(error=job.error)
        finally:
            self._cleanup(ex)

    def _executes(self, job: Job) -> bool:
        return kernel_needed(self.config, self.execute_class, job.nb, job.resources)

    @staticmethod
    def _cleanup(ex) -> None:
        try:
            ex.shutdown_kernel = "immediate"  # the notebook is done: no need to wait for a graceful exit
            if ex.km is not None:
                ex._cleanup_kernel()
        except Exception:
            pass


def worker_main(course: Course, scratch: str, worker_id: int, tasks, results) -> None:
    """Worker loop: take tasks, prepare the next one and start its kernel while the current one runs."""
    os.environ["NBGRADER_EXECUTION"] = "autograde"  # as nbgrader sets it around execution
    # Kernels inherit the worker's output: their banners and warnings go to a log, not the trainer's terminal.
    log = os.open(os.path.join(scratch, f"journal-{worker_id}.log"), os.O_WRONLY | os.O_CREAT | os.O_APPEND, 0o600)
    os.dup2(log, 1)
    os.dup2(log, 2)
    worker = Worker(course, Path(scratch), worker_id)
    stream: list[Job] = []
    done = False

    def next_job() -> Job | None:
        nonlocal done
        while not stream and not done:
            task = tasks.get()
            if task is None:
                done = True
                break
            results.put(Started(worker_id, task.key))
            stream.extend(worker.prepare(task))
        return stream.pop(0) if stream else None

    runs: dict[tuple[str, str], dict[str, NotebookRun]] = {}
    pending = next_job()
    if pending:
        worker.launch(pending)
    while pending:
        job = pending
        pending = next_job()
        if pending:
            worker.launch(pending)
        record = runs.setdefault(job.task.key, {})
        if job.notebook:
            record[job.notebook] = worker.run(job)
        elif job.error:
            record[WHOLE] = NotebookRun(error=job.error)
        if job.last:
            results.put(Done(worker_id, job.task.key, runs.pop(job.task.key)))
            shutil.rmtree(job.workdir, ignore_errors=True)
    results.put(Exit(worker_id))
