"""The course folder as nbgrader sees it: assignments, nbgrader commands, scores from the gradebook.

Every trainer tool works on a *course root*: the folder that holds ``nbgrader_config.py``. nbgrader is
always run as a subprocess from that folder, so it reads the same configuration (and
``NBGRADER_DB_URL``) as a trainer typing ``nbgrader …`` there.
"""

from __future__ import annotations

import os
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

from autograder import referentiel

CONFIG_FILE = "nbgrader_config.py"


class CourseError(RuntimeError):
    """A trainer-side problem (no course folder, nbgrader failed…); the message is French."""


def find_course_root(start: str | os.PathLike | None = None) -> Path:
    """The nearest folder at or above ``start`` (default: the current folder) holding ``nbgrader_config.py``."""
    here = Path(start or os.getcwd()).resolve()
    for folder in (here, *here.parents):
        if (folder / CONFIG_FILE).is_file():
            return folder
    raise CourseError(
        f"Aucun fichier {CONFIG_FILE} trouvé dans « {here} » ni au-dessus : lancez la commande depuis le dossier du cours."
    )


def list_assignments(root: str | os.PathLike) -> list[str]:
    """Assignment ids: the folders of ``source/`` that hold at least one notebook."""
    source = Path(root) / "source"
    if not source.is_dir():
        return []
    return sorted(p.name for p in source.iterdir() if p.is_dir() and any(p.glob("*.ipynb")))


def run_nbgrader(args: list[str], root: str | os.PathLike, *, env: dict | None = None, check: bool = True,
                 timeout: float | None = None) -> subprocess.CompletedProcess:
    """Run ``nbgrader <args>`` from the course root with this Python; a French error when it fails."""
    full_env = dict(os.environ)
    # nbgrader calls helper programs (alembic) by name: this environment's scripts come first.
    full_env["PATH"] = os.pathsep.join([str(Path(sys.executable).parent), full_env.get("PATH", "")])
    full_env.update(env or {})
    proc = subprocess.run(
        [sys.executable, "-m", "nbgrader", *args], cwd=str(root), env=full_env, capture_output=True, text=True,
        timeout=timeout,
    )
    if check and proc.returncode != 0:
        tail = "\n".join((proc.stderr or proc.stdout).strip().splitlines()[-15:])
        raise CourseError(f"La commande « nbgrader {' '.join(args)} » a échoué (code {proc.returncode}) :\n{tail}")
    return proc


def db_url(root: str | os.PathLike) -> str:
    """The gradebook URL nbgrader uses for this course (NBGRADER_DB_URL, else the SQLite file of the course)."""
    return os.environ.get("NBGRADER_DB_URL") or f"sqlite:///{Path(root).resolve() / 'gradebook.db'}"


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


def cell_scores(root: str | os.PathLike, assignment: str | None = None, url: str | None = None) -> list[CellScore]:
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
                            float(g.max_score), (nb.name, g.name) not in answers,
                        ))
    return rows
