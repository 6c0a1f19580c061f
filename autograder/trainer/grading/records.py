"""What grading works on and what it produces: a task (one submission), its outcome, its stored record."""

from __future__ import annotations

import time
from dataclasses import asdict, dataclass, field
from pathlib import Path

from autograder.storage import atomic_write_json, read_json

STATE_DIR = Path("reports") / "correction"  # the project's own folder (not nbgrader's): one record per submission
GRADED, FAILED, UNCHANGED = "corrigé", "échec", "inchangé"


@dataclass
class Task:
    assignment: str
    student: str
    notebooks: list[str]  # notebook names (without .ipynb) the gradebook knows for the assignment

    @property
    def key(self) -> tuple[str, str]:
        return self.assignment, self.student


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
    refused: bool = False  # FAILED because nbgrader refused the copy (not because its execution failed)


def state_path(root: Path, assignment: str, student: str) -> Path:
    return Path(root) / STATE_DIR / assignment / f"{student}.json"


def read_state(root: Path, assignment: str, student: str) -> dict | None:
    """The last grading record of a submission (status, reason, score, fingerprint), or None."""
    path = state_path(root, assignment, student)
    if not path.is_file():
        return None
    try:
        return read_json(path)
    except Exception:  # a damaged record only means « grade again »
        return None


def write_state(root: Path, outcome: Outcome, fingerprint: str) -> None:
    state = asdict(outcome) | {"fingerprint": fingerprint, "graded_at": time.strftime("%Y-%m-%dT%H:%M:%S%z")}
    target = state_path(root, outcome.assignment, outcome.student)
    target.parent.mkdir(parents=True, exist_ok=True)
    atomic_write_json(target, state)
