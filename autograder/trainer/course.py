"""The course folder as nbgrader sees it: assignments, nbgrader commands, scores from the gradebook.

Every trainer tool works on a *course root*: the folder that holds ``nbgrader_config.py``. nbgrader is
always run as a subprocess from that folder, so it reads the same configuration (and
``NBGRADER_DB_URL``) as a trainer typing ``nbgrader …`` there.

:func:`course_folder` gives the one :class:`Course` of a root: every folder name (source, release,
submitted, autograded, feedback, exchange) and the gradebook URL come from it, that is from nbgrader's own
``CourseDirectory`` and its ``format_path``. Reading the configuration costs traitlets only (about 30 ms);
nbgrader (and, through its package, nbconvert) is imported when a folder or the URL is first asked for,
which the tools that read the gradebook pay anyway for ``nbgrader.api``.
"""

from __future__ import annotations

import glob
import os
import re
import subprocess
import sys
from dataclasses import dataclass
from functools import cached_property, lru_cache
from pathlib import Path

from autograder import referentiel

CONFIG_FILE = "nbgrader_config.py"
# The course's steps, as nbgrader names its folder options (``<step>_directory``).
STEPS = ("source", "release", "submitted", "autograded", "feedback", "solution")
# The trainer-only answer keys, next to source/: never installed, released, nor shown in feedback.
KEYS_FOLDER = "keys"


class CourseError(RuntimeError):
    """A trainer-side problem (no course folder, nbgrader failed…); the message is French."""


def find_course_root(start: str | os.PathLike | None = None) -> Path:
    """The nearest folder at or above ``start`` (default: the current folder) holding ``nbgrader_config.py``."""
    here = Path(start or os.getcwd()).resolve()
    for folder in (here, *here.parents):
        if (folder / CONFIG_FILE).is_file():
            return folder
    raise CourseError(
        f"Aucun fichier {CONFIG_FILE} trouvé dans « {here} » ni au-dessus : lancez la commande depuis le dossier du cours."
    )


def load_config(root: str | os.PathLike):
    """The traitlets configuration nbgrader uses in ``root`` (``nbgrader_config.py``, NBGRADER_DB_URL).

    Cheap (traitlets only, about 30 ms): nbgrader itself is imported by :class:`Course` on first use.
    A folder without ``nbgrader_config.py`` gets nbgrader's defaults, as ``nbgrader`` run there would.
    """
    from traitlets.config import Config
    from traitlets.config.loader import PyFileConfigLoader

    root = Path(root).resolve()
    if (root / CONFIG_FILE).is_file():
        try:
            config = PyFileConfigLoader(CONFIG_FILE, path=str(root)).load_config()
        except Exception as exc:  # a syntax error in the trainer's configuration
            raise CourseError(f"Le fichier {CONFIG_FILE} ne peut pas être lu : {exc}") from exc
    else:
        config = Config()
    config.CourseDirectory.root = str(root)
    return config


class Course:
    """The course folder as nbgrader sees it, built once from ``nbgrader_config.py``.

    Every folder of the course (``source/``, ``release/``, ``submitted/``…), the exchange folder and the
    gradebook URL come from nbgrader's own :class:`~nbgrader.coursedir.CourseDirectory`; every path of a
    step is built by its ``format_path`` (the one place nbgrader builds a course path), so a renamed
    folder or another ``directory_structure`` in the configuration is followed everywhere.
    """

    def __init__(self, root: str | os.PathLike, config=None):
        self.root = Path(root).resolve()
        self.config = config if config is not None else load_config(self.root)

    def __repr__(self) -> str:
        return f"Course({str(self.root)!r})"

    def __reduce__(self):  # sent to worker processes: nbgrader's CourseDirectory is rebuilt there
        return Course, (str(self.root), self.config)

    @cached_property
    def coursedir(self):
        """nbgrader's ``CourseDirectory`` for this configuration (imports nbgrader on first use)."""
        from nbgrader.coursedir import CourseDirectory

        return CourseDirectory(config=self.config)

    # -- configuration values ------------------------------------------------------------------------------
    @property
    def course_id(self) -> str:
        return self.coursedir.course_id

    @property
    def db_url(self) -> str:
        """The gradebook URL nbgrader uses (``NBGRADER_DB_URL`` through the configuration, else its default)."""
        return self.coursedir.db_url

    @property
    def default_db_url(self) -> str:
        """nbgrader's own default gradebook for this folder (its SQLite file), whatever NBGRADER_DB_URL says."""
        return self.coursedir.trait_defaults("db_url")

    @property
    def ignore(self) -> list[str]:
        """File patterns nbgrader leaves out when it copies a submission."""
        return list(self.coursedir.ignore)

    @property
    def keys(self) -> Path:
        """The trainer-only folder of answer keys (``keys/`` next to ``source/``)."""
        return self.root / KEYS_FOLDER

    @property
    def exchange(self) -> Path:
        """The exchange folder (``Exchange.root``) where learners fetch and submit."""
        from nbgrader.exchange.default import Exchange

        return Path(Exchange(config=self.config).root)

    def folder_name(self, step: str) -> str:
        """The configured name of a step's folder: ``folder_name("submitted")`` → ``"submitted"``."""
        if step not in STEPS:
            raise ValueError(f"unknown nbgrader step {step!r} (known: {', '.join(STEPS)})")
        return getattr(self.coursedir, f"{step}_directory")

    # -- paths ---------------------------------------------------------------------------------------------
    def path(self, step: str, assignment: str, student: str = ".", *more: str) -> Path:
        """The folder of ``assignment`` at ``step`` (of ``student`` for submitted, autograded, feedback),
        joined with ``more``: ``path("autograded", "c5", "alice", "c5.ipynb")``."""
        return Path(self.coursedir.format_path(self.folder_name(step), student, assignment)).joinpath(*more)

    def source(self, assignment: str, *more: str) -> Path:
        return self.path("source", assignment, ".", *more)

    def release(self, assignment: str, *more: str) -> Path:
        return self.path("release", assignment, ".", *more)

    def submitted(self, student: str, assignment: str, *more: str) -> Path:
        return self.path("submitted", assignment, student, *more)

    def autograded(self, student: str, assignment: str, *more: str) -> Path:
        return self.path("autograded", assignment, student, *more)

    def feedback(self, student: str, assignment: str, *more: str) -> Path:
        return self.path("feedback", assignment, student, *more)

    def folders(self, step: str, assignment: str = "*", student: str = "*") -> dict[tuple[str, str], Path]:
        """The existing folders of ``step`` matching ``assignment`` and ``student`` (globs), by
        ``(student, assignment)``, as nbgrader finds them (hidden names are never learners)."""
        name = self.folder_name(step)
        pattern = self.coursedir.format_path(name, student, assignment)
        regex = re.compile(self.coursedir.format_path(name, "(?P<student_id>[^/]+)", "(?P<assignment_id>[^/]+)",
                                                      escape=True) + "$")
        found = {}
        for path in sorted(glob.glob(pattern)):
            match = regex.match(path)
            if match and os.path.isdir(path):
                found[(match["student_id"], match["assignment_id"])] = Path(path)
        return found

    def assignments(self) -> list[str]:
        """Assignment ids: the folders of ``source/`` that hold at least one notebook."""
        return sorted({a for (_, a), path in self.folders("source", student=".").items() if any(path.glob("*.ipynb"))})

    def students(self, assignment: str, step: str = "submitted") -> list[str]:
        """The learners with a folder of ``assignment`` at ``step`` (default: its submissions)."""
        return sorted({s for (s, _) in self.folders(step, assignment)})


@lru_cache(maxsize=32)
def _cached_course(root: str, stamp: tuple, environ: frozenset) -> Course:
    return Course(root)


def course_folder(root: str | os.PathLike | Course | None = None) -> Course:
    """The :class:`Course` at ``root`` (default: the nearest course folder), built once per configuration.

    A changed ``nbgrader_config.py`` or environment (``NBGRADER_DB_URL``…) gives a new one.
    """
    if isinstance(root, Course):
        return root
    folder = Path(root).resolve() if root is not None else find_course_root()
    try:
        info = (folder / CONFIG_FILE).stat()
        stamp = (info.st_mtime_ns, info.st_size)
    except OSError:
        stamp = ()
    return _cached_course(str(folder), stamp, frozenset(os.environ.items()))


def list_assignments(root: str | os.PathLike | Course) -> list[str]:
    """Assignment ids: the folders of ``source/`` that hold at least one notebook."""
    return course_folder(root).assignments()


def run_nbgrader(args: list[str], root: str | os.PathLike | Course, *, env: dict | None = None, check: bool = True,
                 timeout: float | None = None) -> subprocess.CompletedProcess:
    """Run ``nbgrader <args>`` from the course root with this Python; a French error when it fails."""
    full_env = dict(os.environ)
    # nbgrader calls helper programs (alembic) by name: this environment's scripts come first.
    full_env["PATH"] = os.pathsep.join([str(Path(sys.executable).parent), full_env.get("PATH", "")])
    full_env.update(env or {})
    proc = subprocess.run(
        [sys.executable, "-m", "nbgrader", *args], cwd=str(course_root(root)), env=full_env, capture_output=True, text=True,
        timeout=timeout,
    )
    if check and proc.returncode != 0:
        tail = "\n".join((proc.stderr or proc.stdout).strip().splitlines()[-15:])
        raise CourseError(f"La commande « nbgrader {' '.join(args)} » a échoué (code {proc.returncode}) :\n{tail}")
    return proc


def course_root(root: str | os.PathLike | Course) -> Path:
    """The folder of a course given as a path or a :class:`Course`."""
    return root.root if isinstance(root, Course) else Path(root)


def db_url(root: str | os.PathLike | Course) -> str:
    """The gradebook URL nbgrader uses for this course (see :attr:`Course.db_url`)."""
    return course_folder(root).db_url


@dataclass(frozen=True)
class CellScore:
    student: str
    assignment: str
    notebook: str
    grade_id: str
    criterion: str | None  # "C5.3", or None for a cell that scores no criterion
    score: float | None  # None: not graded yet (a manual cell before the trainer grades it)
    max_score: float
    auto: bool  # autograded test cell (True) or manually graded answer (False)
    needs_manual_grade: bool = False  # nbgrader waits for the trainer's grade of this cell


def cell_scores(root: str | os.PathLike | Course, assignment: str | None = None, url: str | None = None) -> list[CellScore]:
    """Every graded cell of every submission in the gradebook (optionally of one assignment).

    ``url`` defaults to the gradebook nbgrader uses for ``root`` (see :func:`db_url`).
    """
    from nbgrader.api import Gradebook, SolutionCell

    rows: list[CellScore] = []
    with Gradebook(url or db_url(root)) as gb:
        for a in gb.assignments:
            if assignment and a.name != assignment:
                continue
            answers = {(c.notebook.name, c.name) for c in gb.db.query(SolutionCell).all()
                       if c.notebook.assignment.name == a.name}
            for sub in a.submissions:
                for nb in sub.notebooks:
                    for g in nb.grades:
                        crit = referentiel.criterion_for_grade_id(g.name)
                        rows.append(CellScore(
                            sub.student.id, a.name, nb.name, g.name, crit.id if crit else None, g.score,
                            float(g.max_score), (nb.name, g.name) not in answers, bool(g.needs_manual_grade),
                        ))
    return rows
