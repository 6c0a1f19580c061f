"""Hostile and broken submissions (tests/hostile/hostile_corpus.py) graded together as one cohort.

The trainer's grading command (``autograder.trainer.grading``, nbgrader's own autograde in parallel workers, with
the grading sandbox of ``nbgrader_config.py``) grades the whole corpus once; then, for each case: the
grading of the cohort completed, the case scores exactly what it is expected to (0 on what it broke, full
marks elsewhere), a French explanation is there, and its submitted files are byte-identical. For the cohort:
the gradebook is consistent and the sandbox left no process or folder behind.
"""

from __future__ import annotations

import hashlib
import os
import shutil
import sqlite3
import tempfile
import time
from pathlib import Path

import nbformat
import pytest
from hostile_corpus import ASSIGNMENT, CASES, build_source, build_submission

from autograder.trainer.course import cell_scores, course_folder, run_nbgrader
from autograder.trainer.grading import FAILED, grade_cohort
from autograder.trainer.sandbox.launcher import UID_BASE

pytestmark = pytest.mark.slow
REPO = Path(__file__).resolve().parents[2]
CELL_TIMEOUT = "8"  # seconds per cell: the infinite loops cost this much, not nbgrader's minute


def _digest(folder: Path) -> dict[str, str]:
    return {str(p.relative_to(folder)): hashlib.sha256(p.read_bytes()).hexdigest()
            for p in sorted(folder.rglob("*")) if p.is_file()}


def _notebook_text(path: Path) -> str:
    """Everything a reader of the graded notebook sees: outputs, errors, rendered cards."""
    try:
        nb = nbformat.read(str(path), as_version=4)
    except Exception:  # noqa: BLE001 (an unreadable notebook simply explains nothing)
        return ""
    parts = []
    for cell in nb.cells:
        for out in cell.get("outputs", []):
            parts.append(out.get("text", ""))
            parts.extend([out.get("ename", ""), out.get("evalue", ""), *out.get("traceback", [])])
            for value in out.get("data", {}).values():
                parts.append(value if isinstance(value, str) else "")
    return "\n".join(parts)


def _sandbox_processes() -> list[int]:
    pids = []
    for entry in Path("/proc").iterdir():
        try:
            if entry.name.isdigit() and entry.stat().st_uid >= UID_BASE:
                pids.append(int(entry.name))
        except FileNotFoundError:
            continue
    return pids


@pytest.fixture(scope="module")
def cohort(tmp_path_factory):
    saved = {k: os.environ.get(k) for k in ("NBGRADER_DB_URL", "NBGRADER_CELL_TIMEOUT")}
    os.environ["NBGRADER_DB_URL"] = ""
    os.environ["NBGRADER_CELL_TIMEOUT"] = CELL_TIMEOUT
    try:
        course = tmp_path_factory.mktemp("corpus") / "cours"
        (course / "source").mkdir(parents=True)
        shutil.copy2(REPO / "nbgrader_config.py", course / "nbgrader_config.py")
        shutil.copy2(REPO / "source" / "header.ipynb", course / "source" / "header.ipynb")
        build_source(course)
        run_nbgrader(["generate_assignment", ASSIGNMENT, "--force"], course)
        for case in CASES:
            build_submission(course, case)
        before = {case.student: _digest(course / "submitted" / case.student) for case in CASES}
        sandboxes = {str(p) for p in Path(tempfile.gettempdir()).glob("bac-a-sable-*")}
        started = time.monotonic()
        outcomes = grade_cohort([ASSIGNMENT], root=course, jobs=2)
        seconds = time.monotonic() - started
        scores: dict[str, dict[str, float | None]] = {}
        for row in cell_scores(course, ASSIGNMENT, url=course_folder(course).default_db_url):
            if row.auto:
                scores.setdefault(row.student, {})[row.grade_id] = row.score
        yield {"course": course, "outcomes": {o.student: o for o in outcomes}, "scores": scores, "before": before,
               "seconds": seconds, "sandboxes": sandboxes}
    finally:
        for key, value in saved.items():
            if value is None:
                os.environ.pop(key, None)
            else:
                os.environ[key] = value


def test_corpus_is_large_enough():
    assert len(CASES) >= 25
    assert len({c.student for c in CASES}) == len(CASES)


@pytest.mark.parametrize("case", CASES, ids=[c.name for c in CASES])
def test_case_outcome(cohort, case):
    course = cohort["course"]
    outcome = cohort["outcomes"].get(case.student)
    assert outcome is not None, f"{case.name} : la correction n'a rien rendu pour cette copie"
    recorded = cohort["scores"].get(case.student, {})
    got = {gid: recorded.get(gid) or 0.0 for gid in case.expected}  # a refused copy may have no score at all
    assert got == case.expected, (case.name, outcome)
    assert set(recorded) <= set(case.expected)
    if case.refused:
        assert outcome.status == FAILED and outcome.reason, (case.name, outcome)
    else:
        assert outcome.score == sum(case.expected.values()), (case.name, outcome)
    graded = course / "autograded" / case.student / ASSIGNMENT
    text = " ".join([outcome.reason, *outcome.notebooks.values(),
                     *(_notebook_text(p) for p in sorted(graded.glob("*.ipynb")))])
    for needle in case.explains:
        options = needle if isinstance(needle, tuple) else (needle,)
        assert any(option in text for option in options), (case.name, needle, outcome.reason, text[-3000:])
    after = _digest(course / "submitted" / case.student)
    assert after == cohort["before"][case.student], f"{case.name} : les fichiers rendus ont changé"


def test_cohort_completed_in_reasonable_time(cohort):
    assert set(cohort["outcomes"]) == {c.student for c in CASES}
    assert cohort["seconds"] < 900, cohort["seconds"]


def test_gradebook_consistent(cohort):
    course = cohort["course"]
    with sqlite3.connect(course / "gradebook.db") as db:
        assert db.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
        students = {row[0] for row in db.execute("SELECT id FROM student")}
        subs = db.execute("SELECT student_id, COUNT(*) FROM submitted_assignment GROUP BY student_id").fetchall()
        bad = db.execute("SELECT COUNT(*) FROM grade JOIN grade_cells ON grade.cell_id = grade_cells.id "
                         "WHERE grade.auto_score < 0 OR grade.auto_score > grade_cells.max_score").fetchone()[0]
    kept = {c.student for c in CASES if not c.refused}
    graded = {s for s, _ in subs}
    assert kept <= graded <= students <= {c.student for c in CASES}
    assert all(count == 1 for _, count in subs)
    assert bad == 0
    # every submission in the gradebook has a score for each test cell
    assert set(cohort["scores"]) == graded
    assert all(set(cohort["scores"][s]) == {"c5_1_test", "c5_2_test"} for s in graded)


def _launchers() -> dict[int, list[str]]:
    """Running sandbox launchers (this grading's, or other gradings' on this machine): pid → arguments."""
    found = {}
    for entry in Path("/proc").iterdir():
        try:
            args = (entry / "cmdline").read_bytes().decode(errors="replace").split("\0") if entry.name.isdigit() else []
        except OSError:
            continue
        if "autograder.trainer.sandbox.launcher" in args and "launch" in args:
            found[int(entry.name)] = args
    return found


def test_sandbox_left_nothing_behind(cohort):
    course = str(cohort["course"])
    deadline = time.monotonic() + 15
    while any(course in " ".join(a) for a in _launchers().values()) and time.monotonic() < deadline:
        time.sleep(0.5)
    launchers = _launchers()
    assert not any(course in " ".join(a) for a in launchers.values())
    # every process of a sandbox user belongs to a running launcher (no orphan survived its kernel)
    owners: set[int] = set()
    for pid in _sandbox_processes():
        try:
            owners.add(Path(f"/proc/{pid}").stat().st_uid - UID_BASE)
        except FileNotFoundError:
            continue
    assert owners <= set(launchers)
    leftovers = {str(p) for p in Path(tempfile.gettempdir()).glob("bac-a-sable-*")} - cohort["sandboxes"]
    assert leftovers <= {a[a.index("launch") + 2] for a in launchers.values()}


def test_export_lists_every_learner(cohort):
    out = cohort["course"] / "notes.csv"
    run_nbgrader(["export", "--to", str(out)], cohort["course"])
    rows = out.read_text(encoding="utf-8").splitlines()[1:]
    listed = {row.split(",")[3] for row in rows}
    assert len(rows) == len(listed) and listed >= {c.student for c in CASES if not c.refused}
