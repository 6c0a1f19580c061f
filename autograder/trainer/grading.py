"""Grading a whole cohort in parallel, with exactly nbgrader's scores.

How it works (one command: ``python -m autograder grade <évaluation>|--all``):

1. **Execution in parallel.** Worker processes (one per core, plus one, by default) take submissions from a queue.
   For each notebook a worker applies nbgrader's own sanitising preprocessors (clear outputs, overwrite
   the locked and test cells from the gradebook, kernelspec…) and runs nbgrader's own ``Execute``
   preprocessor, configured by ``nbgrader_config.py`` (timeouts, and the grading sandbox when one is
   configured there), in a scratch copy of the submission. The kernel of the next notebook is started
   ahead of time, while the current one runs; each kernel serves one notebook only.
2. **One writer.** The main process runs nbgrader's real ``autograde`` for each submission as soon as
   its execution is done, with ``Execute`` replaced by :class:`ReplayExecute`, which hands back the
   executed notebook (after checking it was made from the same cells). Every gradebook write (student,
   submission, timestamps, grades, comments, late penalties) is therefore nbgrader's own code, from a
   single process: SQLite never sees two writers, and the scores are nbgrader's by construction.
3. **Robust.** A notebook that cannot be read, a kernel that dies or stops answering, a worker process
   that crashes: the submission is recorded as failed with a French reason and the others go on.
   Submitted files are only read, never written.
4. **Incremental.** A fingerprint of each submission (its files, the assignment's source files and the
   gradebook URL) is kept in ``reports/correction/<évaluation>/<apprenant>.json``; a rerun skips the
   submissions whose fingerprint and autograded copy are unchanged, unless ``force``.
5. **Shards.** With PostgreSQL, ``shard=(i, n)`` grades only the learners whose id hashes to share ``i``
   of ``n``, so that several machines sharing the course folder split a large cohort.
"""

from __future__ import annotations

import copy
import fnmatch
import hashlib
import logging
import multiprocessing as mp
import os
import queue
import shutil
import sys
import tempfile
import time
import warnings
from collections.abc import Callable, Iterable
from dataclasses import asdict, dataclass, field
from pathlib import Path

from autograder.storage import atomic_write_json, read_json
from autograder.trainer.course import CONFIG_FILE, CourseError, db_url, find_course_root, list_assignments

STATE_DIR = Path("reports") / "correction"
GRADED, FAILED, UNCHANGED = "corrigé", "échec", "inchangé"


@dataclass
class Task:
    assignment: str
    student: str
    notebooks: list[str]  # notebook names (without .ipynb) the gradebook knows for the assignment


@dataclass
class Outcome:
    assignment: str
    student: str
    status: str  # GRADED, FAILED or UNCHANGED
    reason: str = ""  # French, for a failure
    score: float | None = None
    max_score: float | None = None
    seconds: float = 0.0
    notebooks: dict[str, str] = field(default_factory=dict)  # notebook → French problem, when any


# ---------------------------------------------------------------------------------------------------------
# Configuration, as nbgrader reads it


def load_config(root: str | os.PathLike):
    """The traitlets configuration nbgrader uses in ``root`` (``nbgrader_config.py``, NBGRADER_DB_URL)."""
    from traitlets.config.loader import PyFileConfigLoader

    try:
        config = PyFileConfigLoader(CONFIG_FILE, path=str(root)).load_config()
    except Exception as exc:  # a syntax error in the trainer's configuration
        raise CourseError(f"Le fichier {CONFIG_FILE} ne peut pas être lu : {exc}") from exc
    config.CourseDirectory.root = str(Path(root).resolve())
    return config


def _import(item):
    if isinstance(item, str):
        from traitlets.utils.importstring import import_item

        return import_item(item)
    return item


def _preprocessor_classes(config, name: str) -> list[type]:
    from nbgrader.converters import Autograde

    configured = config.Autograde.get(name) if name in config.Autograde else getattr(Autograde, name).default()
    return [_import(item) for item in configured]


def _execute_class(config) -> type:
    """The ``Execute`` preprocessor nbgrader would use (a configured subclass, such as a sandbox, wins)."""
    from nbgrader.preprocessors import Execute

    for cls in _preprocessor_classes(config, "autograde_preprocessors"):
        if isinstance(cls, type) and issubclass(cls, Execute):
            return cls
    return Execute


# ---------------------------------------------------------------------------------------------------------
# Choosing what to grade


def parse_shard(text: str | None) -> tuple[int, int] | None:
    """``"2/3"`` → ``(2, 3)``; a French error for anything else."""
    if not text:
        return None
    try:
        i, n = (int(x) for x in str(text).split("/"))
    except ValueError:
        raise CourseError(f"--shard {text!r} : attendu « i/n », par exemple « 1/3 » (part 1 sur 3).") from None
    if not 1 <= i <= n:
        raise CourseError(f"--shard {text!r} : la part i doit être comprise entre 1 et n (ici n = {n}).")
    return i, n


def in_shard(student: str, shard: tuple[int, int] | None) -> bool:
    """Whether ``student`` belongs to ``shard`` (a stable hash: adding learners never moves the others)."""
    if shard is None:
        return True
    i, n = shard
    return int(hashlib.sha1(student.encode("utf-8")).hexdigest(), 16) % n == i - 1


def submitted_students(root: Path, assignment: str, submitted: str = "submitted") -> list[str]:
    base = root / submitted
    if not base.is_dir():
        return []
    return sorted(p.name for p in base.iterdir() if (p / assignment).is_dir() and not p.name.startswith("."))


def _ignored(path: Path, patterns: Iterable[str]) -> bool:
    return any(fnmatch.fnmatch(part, pat) for part in path.parts for pat in patterns)


def _files(folder: Path, ignore: list[str]) -> list[Path]:
    if not folder.is_dir():
        return []
    return sorted(p for p in folder.rglob("*") if p.is_file() and not _ignored(p.relative_to(folder), ignore))


def fingerprint(root: Path, assignment: str, student: str, url: str, ignore: list[str]) -> str:
    """A hash of what the grade depends on: the submission, the assignment's source files, the gradebook."""
    digest = hashlib.sha256(url.encode("utf-8"))
    for label, folder in (("submitted", root / "submitted" / student / assignment),
                          ("source", root / "source" / assignment)):
        for path in _files(folder, ignore):
            digest.update(f"{label}:{path.relative_to(folder).as_posix()}\0".encode())
            digest.update(hashlib.sha256(path.read_bytes()).digest())
    return digest.hexdigest()


def _state_path(root: Path, assignment: str, student: str) -> Path:
    return root / STATE_DIR / assignment / f"{student}.json"


def read_state(root: Path, assignment: str, student: str) -> dict | None:
    """The last grading record of a submission (status, reason, score, fingerprint), or None."""
    path = _state_path(root, assignment, student)
    if not path.is_file():
        return None
    try:
        return read_json(path)
    except Exception:  # a damaged record only means « grade again »
        return None


# ---------------------------------------------------------------------------------------------------------
# Worker side: sanitise and execute, never write the gradebook


def _copy_submission(root: Path, config, task: Task, dest: Path, ignore: list[str]) -> None:
    """The working folder nbgrader would build: the submitted files, then the source's non-notebook files."""
    src = root / "submitted" / task.student / task.assignment
    for path in _files(src, ignore):
        if path.suffix == ".ipynb":
            continue
        target = dest / path.relative_to(src)
        target.parent.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(path, target)
    source = root / "source" / task.assignment
    excluded = set(config.Autograde.get("exclude_overwriting", {}).get(task.assignment, []))
    for path in _files(source, ignore + ["*.ipynb"]):
        rel = path.relative_to(source)
        if rel.as_posix() in excluded:
            continue
        target = dest / rel
        target.parent.mkdir(parents=True, exist_ok=True)
        target.unlink(missing_ok=True)
        shutil.copyfile(path, target)


def _failure_reason(exc: BaseException) -> str:
    """A French explanation of why a notebook could not be executed."""
    from nbclient.exceptions import DeadKernelError
    from nbformat.reader import NotJSONError

    name = type(exc).__name__
    if isinstance(exc, NotJSONError | ValueError) and ("JSON" in str(exc) or "json" in name.lower()):
        return "notebook illisible : le fichier n'est pas un notebook Jupyter valide (JSON invalide)"
    if isinstance(exc, DeadKernelError):
        return "le noyau Python s'est arrêté pendant l'exécution (plantage du code, mémoire épuisée ou sortie forcée)"
    if name == "UnresponsiveKernelError":
        return "le noyau ne répond plus et n'a pas pu être interrompu (boucle infinie ?)"
    if isinstance(exc, TimeoutError):
        return "délai dépassé pendant l'exécution"
    if name in ("SchemaTooOldError", "SchemaTooNewError", "ValidationError", "MissingEntry"):
        return f"notebook non conforme à l'évaluation ({name}) : {str(exc).strip()[:200]}"
    return f"erreur pendant l'exécution ({name}) : {str(exc).strip()[:300]}"


@dataclass
class _Job:
    """One notebook of one submission, sanitised and ready to execute."""

    task: Task
    notebook: str
    last: bool
    workdir: Path
    nb: object = None
    resources: dict | None = None
    error: str = ""
    executor: object = None  # an Execute instance whose kernel was started ahead


class _Worker:
    def __init__(self, root: Path, config, scratch: Path, worker_id: int):
        from nbgrader.preprocessors import Execute  # noqa: F401  (import cost paid once per worker)

        self.root, self.config, self.scratch, self.worker_id = root, config, scratch, worker_id
        self.url = db_url(root) if "db_url" not in config.CourseDirectory else config.CourseDirectory.db_url
        self.ignore = list(config.CourseDirectory.get("ignore", [".ipynb_checkpoints", "*.pyc", "__pycache__"]))
        self.sanitizers = _preprocessor_classes(config, "sanitize_preprocessors")
        self.execute_class = _execute_class(config)

    def prepare(self, task: Task) -> list[_Job]:
        import nbformat

        workdir = self.scratch / f"w{self.worker_id}" / task.student / task.assignment
        if workdir.exists():
            shutil.rmtree(workdir)
        workdir.mkdir(parents=True)
        jobs: list[_Job] = []
        try:
            _copy_submission(self.root, self.config, task, workdir, self.ignore)
        except OSError as exc:
            return [_Job(task, "", True, workdir, error=f"copie de la copie impossible : {exc}")]
        src = self.root / "submitted" / task.student / task.assignment
        present = [n for n in task.notebooks if (src / f"{n}.ipynb").is_file()]
        for i, name in enumerate(present):
            job = _Job(task, name, i == len(present) - 1, workdir)
            try:
                nb = nbformat.read(str(src / f"{name}.ipynb"), as_version=4)
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
                job.error = _failure_reason(exc)
            jobs.append(job)
        if not jobs:
            jobs.append(_Job(task, "", True, workdir))  # nothing to execute: nbgrader scores missing notebooks 0
        return jobs

    def launch(self, job: _Job) -> None:
        """Start the kernel of ``job`` now (it boots while the previous notebook runs)."""
        if job.nb is None or job.error:
            return
        try:
            ex = self.execute_class(config=self.config)
            ex.nb, ex.resources = job.nb, job.resources
            ex.create_kernel_manager()
            ex.start_new_kernel()
            job.executor = ex
        except Exception as exc:
            job.error = f"le noyau n'a pas pu démarrer : {exc}"

    def run(self, job: _Job) -> str | None:
        """Execute ``job``; the path of the executed notebook, or None (then ``job.error`` says why)."""
        import nbformat

        if job.nb is None or job.error:
            return None
        ex = job.executor
        try:
            try:
                nb, _ = ex.preprocess(copy.deepcopy(job.nb), job.resources, km=ex.km)
            except RuntimeError as exc:
                if "kernel_info" not in str(exc):
                    raise
                # The kernel died while starting, before any learner code ran (a busy machine, a launcher
                # hiccup): the learner is not at fault, the notebook is run once more in a new kernel.
                self._cleanup(ex)
                self.launch(job)
                if job.error:
                    return None
                ex = job.executor
                nb, _ = ex.preprocess(copy.deepcopy(job.nb), job.resources, km=ex.km)
            out = self.scratch / "executed" / f"{job.task.assignment}__{job.task.student}__{job.notebook}.ipynb"
            out.parent.mkdir(parents=True, exist_ok=True)
            nbformat.write(nb, str(out))
            return str(out)
        except Exception as exc:
            job.error = _failure_reason(exc)
            return None
        finally:
            self._cleanup(job.executor)

    @staticmethod
    def _cleanup(ex) -> None:
        try:
            ex.shutdown_kernel = "immediate"  # the notebook is done: no need to wait for a graceful exit
            if ex.km is not None:
                ex._cleanup_kernel()
        except Exception:
            pass


def _worker_main(root: str, config, scratch: str, worker_id: int, tasks, results) -> None:
    """Worker loop: take tasks, prepare the next one and start its kernel while the current one runs."""
    os.environ["NBGRADER_EXECUTION"] = "autograde"  # as nbgrader sets it around execution
    # Kernels inherit the worker's output: their banners and warnings go to a log, not the trainer's terminal.
    log = os.open(os.path.join(scratch, f"journal-{worker_id}.log"), os.O_WRONLY | os.O_CREAT | os.O_APPEND, 0o600)
    os.dup2(log, 1)
    os.dup2(log, 2)
    worker = _Worker(Path(root), config, Path(scratch), worker_id)
    stream: list[_Job] = []
    done = False

    def next_job() -> _Job | None:
        nonlocal done
        while not stream and not done:
            task = tasks.get()
            if task is None:
                done = True
                break
            results.put(("started", worker_id, (task.assignment, task.student)))
            stream.extend(worker.prepare(task))
        return stream.pop(0) if stream else None

    executed: dict[str, dict] = {}
    pending = next_job()
    if pending:
        worker.launch(pending)
    while pending:
        job = pending
        pending = next_job()
        if pending:
            worker.launch(pending)
        key = (job.task.assignment, job.task.student)
        record = executed.setdefault(f"{key}", {})
        if job.notebook:
            path = worker.run(job)
            record[job.notebook] = {"path": path} if path else {"error": job.error}
        elif job.error:
            record[""] = {"error": job.error}
        if job.last:
            results.put(("done", worker_id, key, executed.pop(f"{key}")))
            shutil.rmtree(job.workdir, ignore_errors=True)
    results.put(("exit", worker_id, None))


# ---------------------------------------------------------------------------------------------------------
# Main side: nbgrader's own autograde, with the executions done by the workers

_REPLAY: dict[tuple[str, str, str], dict] = {}


class GradingFailure(RuntimeError):
    """Raised in nbgrader's pipeline for a notebook whose execution failed in a worker."""


def _cells_signature(nb) -> list[tuple[str, str]]:
    return [(c.cell_type, c.source) for c in nb.cells]


def _replay_class(base: type) -> type:
    class ReplayExecute(base):  # type: ignore[misc, valid-type]
        """nbgrader's Execute, handing back the notebook a worker executed from the same cells."""

        def preprocess(self, nb, resources=None, km=None):
            import nbformat

            info = resources.get("nbgrader", {}) if resources else {}
            entry = _REPLAY.get((info.get("assignment"), info.get("student"), info.get("notebook")))
            if entry and entry.get("error"):
                raise GradingFailure(entry["error"])
            if entry and entry.get("path"):
                executed = nbformat.read(entry["path"], as_version=4)
                if _cells_signature(executed) == _cells_signature(nb):
                    return executed, resources
            return super().preprocess(nb, resources, km=km)  # no worker result: execute here, as nbgrader does

    ReplayExecute.__name__ = ReplayExecute.__qualname__ = f"Replay{base.__name__}"
    return ReplayExecute


class CohortGrader:
    """Grade the submissions of a course folder (see the module docstring)."""

    def __init__(self, root: str | os.PathLike | None = None, *, jobs: int | None = None, force: bool = False,
                 shard: tuple[int, int] | None = None, progress: Callable[[int, int, Outcome], None] | None = None):
        self.root = find_course_root(root)
        self.config = load_config(self.root)
        self.url = self.config.CourseDirectory.db_url if "db_url" in self.config.CourseDirectory else db_url(self.root)
        if shard and self.url.startswith("sqlite"):
            raise CourseError("--shard demande un carnet de notes partagé PostgreSQL : définissez NBGRADER_DB_URL "
                              "(par exemple postgresql+psycopg2://formateur@serveur/nbgrader).")
        # One worker more than cores: part of a notebook's time is waiting (kernel start-up handshake,
        # sandbox set-up), which another worker fills.
        self.jobs = max(1, jobs or (os.cpu_count() or 1) + 1)
        self.force, self.shard, self.progress = force, shard, progress
        self.ignore = list(self.config.CourseDirectory.get("ignore", []))

    # -- what to grade -------------------------------------------------------------------------------------
    def _notebooks(self, assignment: str) -> list[str]:
        from nbgrader.api import Gradebook, MissingEntry

        with Gradebook(self.url) as gb:
            try:
                return sorted(nb.name for nb in gb.find_assignment(assignment).notebooks)
            except MissingEntry:
                raise CourseError(f"L'évaluation « {assignment} » n'est pas dans le carnet de notes : lancez d'abord "
                                  f"« python -m autograder release {assignment} ».") from None

    def plan(self, assignments: list[str]) -> tuple[list[Task], list[Outcome]]:
        """The submissions to grade, and those skipped as unchanged."""
        known = list_assignments(self.root)
        unknown = [a for a in assignments if a not in known]
        if unknown:
            raise CourseError(f"Évaluation inconnue : {', '.join(unknown)}. Évaluations du cours : "
                              f"{', '.join(known) or 'aucune'}.")
        tasks, skipped = [], []
        for assignment in assignments:
            students = [s for s in submitted_students(self.root, assignment) if in_shard(s, self.shard)]
            if not students:
                continue
            notebooks = self._notebooks(assignment)
            for student in students:
                state = read_state(self.root, assignment, student)
                autograded = self.root / "autograded" / student / assignment
                if (not self.force and state and state.get("status") == GRADED and autograded.is_dir()
                        and state.get("fingerprint") == fingerprint(self.root, assignment, student, self.url,
                                                                    self.ignore)):
                    skipped.append(Outcome(assignment, student, UNCHANGED, score=state.get("score"),
                                           max_score=state.get("max_score")))
                    continue
                tasks.append(Task(assignment, student, notebooks))
        return tasks, skipped

    # -- grading ---------------------------------------------------------------------------------------------
    def _api(self):
        from nbgrader.apps import NbGraderAPI
        from nbgrader.coursedir import CourseDirectory

        config = copy.deepcopy(self.config)
        base = _execute_class(config)
        replay = _replay_class(base)
        config.Autograde.autograde_preprocessors = [
            replay if isinstance(cls, type) and issubclass(cls, base) else cls
            for cls in _preprocessor_classes(config, "autograde_preprocessors")
        ]
        coursedir = CourseDirectory(config=config)
        logging.disable(logging.CRITICAL)  # the API probes the exchange folder, which grading does not need
        try:
            api = NbGraderAPI(coursedir=coursedir, config=config)
        finally:
            logging.disable(logging.NOTSET)
        api.log.setLevel("ERROR")
        return api

    def _record(self, api, task: Task, executed: dict, started: float) -> Outcome:
        from nbgrader.api import Gradebook, MissingEntry

        problems = {nb: v["error"] for nb, v in executed.items() if v.get("error")}
        for nb in task.notebooks:
            if nb in executed:
                _REPLAY[(task.assignment, task.student, nb)] = executed[nb]
        if "" in problems:  # the whole submission failed in the worker (copy impossible, crash)
            for nb in task.notebooks:
                _REPLAY[(task.assignment, task.student, nb)] = {"error": problems[""]}
        fp = fingerprint(self.root, task.assignment, task.student, self.url, self.ignore)
        try:
            with warnings.catch_warnings():  # nbgrader's own SQLAlchemy warnings are not the trainer's business
                warnings.simplefilter("ignore")
                result = api.autograde(task.assignment, task.student, force=True, create=True)
        finally:
            for nb in task.notebooks:
                _REPLAY.pop((task.assignment, task.student, nb), None)
        outcome = Outcome(task.assignment, task.student, GRADED if result.get("success") else FAILED,
                          notebooks={k or "*": v for k, v in problems.items()})
        if not result.get("success"):
            outcome.reason = "; ".join(f"{k + ' : ' if k else ''}{v}" for k, v in problems.items()) or \
                _log_reason(result)
        try:
            with Gradebook(self.url) as gb:
                sub = gb.find_submission(task.assignment, task.student)
                outcome.score, outcome.max_score = float(sub.score), float(sub.max_score)
        except MissingEntry:
            pass
        outcome.seconds = round(time.perf_counter() - started, 3)
        state = asdict(outcome) | {"fingerprint": fp, "graded_at": time.strftime("%Y-%m-%dT%H:%M:%S%z")}
        target = _state_path(self.root, task.assignment, task.student)
        target.parent.mkdir(parents=True, exist_ok=True)
        atomic_write_json(target, state)
        return outcome

    def grade(self, assignments: list[str]) -> list[Outcome]:
        tasks, skipped = self.plan(assignments)
        outcomes: list[Outcome] = list(skipped)
        total = len(tasks) + len(skipped)
        for o in skipped:
            self._tick(len(outcomes), total, o, outcomes)
        if not tasks:
            return outcomes
        api = self._api()
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
        by_key = {(t.assignment, t.student): t for t in tasks}
        started = {key: time.perf_counter() for key in by_key}
        remaining = set(by_key)

        def spawn(worker_id: int) -> None:
            proc = ctx.Process(target=_worker_main, args=(str(self.root), self.config, str(scratch), worker_id,
                                                          task_q, result_q), daemon=True)
            proc.start()
            workers[worker_id] = proc
            in_flight[worker_id] = []

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
                                remaining.discard(key)
                                reason = ("le processus de correction s'est arrêté brutalement "
                                          f"(code {proc.exitcode} : mémoire épuisée ou plantage)")
                                o = self._record(api, by_key[key], {"": {"error": reason}}, started[key])
                                outcomes.append(o)
                                self._tick(len(outcomes), total, o, outcomes)
                        if remaining and not any(p.is_alive() for w, p in workers.items() if w not in exited):
                            spawn(next_id)
                            task_q.put(None)
                            next_id += 1
                    continue
                kind, wid = msg[0], msg[1]
                if kind == "started":
                    in_flight.setdefault(wid, []).append(msg[2])
                    started[msg[2]] = time.perf_counter()
                elif kind == "done":
                    key = tuple(msg[2])
                    if key in in_flight.get(wid, []):
                        in_flight[wid].remove(key)
                    if key in remaining:
                        remaining.discard(key)
                        o = self._record(api, by_key[key], msg[3], started[key])
                        outcomes.append(o)
                        self._tick(len(outcomes), total, o, outcomes)
                elif kind == "exit":
                    exited.add(wid)
        finally:
            for proc in workers.values():
                proc.join(timeout=5)
                if proc.is_alive():
                    proc.terminate()
            shutil.rmtree(scratch, ignore_errors=True)
        return outcomes

    def _tick(self, done: int, total: int, outcome: Outcome, outcomes: list[Outcome]) -> None:
        if self.progress:
            self.progress(done, total, outcome)


def _log_reason(result: dict) -> str:
    text = (result.get("error") or "") + "\n" + (result.get("log") or "")
    lines = [ln.strip() for ln in text.splitlines() if ln.strip()]
    for ln in reversed(lines):
        if "Error" in ln or "error" in ln:
            return f"nbgrader a refusé la copie : {ln[:300]}"
    return "nbgrader a refusé la copie (voir le journal de nbgrader)"


# ---------------------------------------------------------------------------------------------------------
# Command-line helpers


def progress_bar(stream=None) -> Callable[[int, int, Outcome], None]:
    """A text progress bar (one line redrawn on a terminal, one line per submission otherwise)."""
    stream = stream or sys.stderr
    tty = stream.isatty()

    def show(done: int, total: int, outcome: Outcome) -> None:
        width = 30
        filled = int(width * done / max(total, 1))
        bar = "█" * filled + "·" * (width - filled)
        mark = {"corrigé": "✔", "échec": "✘", "inchangé": "="}.get(outcome.status, "?")
        line = f"[{bar}] {done}/{total} {mark} {outcome.student} ({outcome.assignment})"
        if tty:
            stream.write("\r" + line.ljust(100)[:100] + ("\n" if done == total else ""))
        else:
            stream.write(line + "\n")
        stream.flush()

    return show


def summary_text(outcomes: list[Outcome], seconds: float) -> str:
    """The end-of-grading summary, in French."""
    graded = [o for o in outcomes if o.status == GRADED]
    failed = [o for o in outcomes if o.status == FAILED]
    same = [o for o in outcomes if o.status == UNCHANGED]
    lines = [
        f"Correction terminée en {seconds:.1f} s : {len(graded)} copie(s) corrigée(s), {len(failed)} en échec, "
        f"{len(same)} inchangée(s) (non recorrigée(s) ; --force pour tout recorriger)."
    ]
    for o in sorted(failed, key=lambda o: (o.assignment, o.student)):
        lines.append(f"  ✘ {o.student} ({o.assignment}) : {o.reason}")
    for o in sorted(graded, key=lambda o: (o.assignment, o.student)):
        for nb, problem in o.notebooks.items():
            lines.append(f"  ⚠ {o.student} ({o.assignment}, {nb}) : {problem}")
    return "\n".join(lines)


def grade_cohort(assignments: list[str] | None = None, root: str | os.PathLike | None = None, **kwargs) -> list[Outcome]:
    """Grade ``assignments`` (default: all) of the course at ``root``; see :class:`CohortGrader`."""
    grader = CohortGrader(root, **kwargs)
    return grader.grade(assignments if assignments else list_assignments(grader.root))
