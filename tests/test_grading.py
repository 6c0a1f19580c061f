"""Parallel cohort grading (``autograder.trainer.grading``): nbgrader's scores, robust, read-only, incremental."""

from __future__ import annotations

import hashlib
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from autograder.trainer.course import CourseError, cell_scores, course_folder, list_assignments, run_nbgrader
from autograder.trainer.grading import (
    FAILED,
    GRADED,
    UNCHANGED,
    CohortGrader,
    Outcome,
    fingerprint,
    in_shard,
    parse_shard,
    read_state,
    summary_text,
)
from coursetools.synthetic import SYNTHETIC, make_cohort, make_course

from course_support import REPO

SQLITE = {"NBGRADER_DB_URL": ""}


def _tree_hashes(folder: Path) -> dict[str, str]:
    return {p.relative_to(folder).as_posix(): hashlib.sha256(p.read_bytes()).hexdigest()
            for p in sorted(folder.rglob("*")) if p.is_file()}


def _scores(root: Path, assignment: str) -> dict[tuple[str, str], float | None]:
    return {(r.student, r.grade_id): r.score
            for r in cell_scores(root, assignment, url=course_folder(root).default_db_url)}


# ---------------------------------------------------------------------------------------------- fast tests

def test_parse_shard_accepts_i_over_n_and_explains_mistakes():
    assert parse_shard("2/3") == (2, 3)
    assert parse_shard(None) is None
    for bad in ("3", "0/2", "3/2", "a/b"):
        with pytest.raises(CourseError, match="--shard"):
            parse_shard(bad)


def test_shards_split_the_learners_exactly_once():
    students = [f"apprenant_{i:03d}" for i in range(200)]
    parts = [[s for s in students if in_shard(s, (i, 3))] for i in (1, 2, 3)]
    assert sorted(sum(parts, [])) == students
    assert all(len(p) > 30 for p in parts)  # a balanced split, not everything in one share
    assert all(in_shard(s, None) for s in students)


def test_shard_refused_with_sqlite(course_copy, monkeypatch):
    monkeypatch.setenv("NBGRADER_DB_URL", "")
    with pytest.raises(CourseError, match="PostgreSQL"):
        CohortGrader(course_copy, shard=(1, 2))


def test_fingerprint_follows_the_submission(tmp_path):
    sub = tmp_path / "submitted" / "alice" / "a1"
    sub.mkdir(parents=True)
    (sub / "a1.ipynb").write_text("{}", encoding="utf-8")
    first = fingerprint(tmp_path, "a1", "alice", "sqlite:///x", [])
    assert fingerprint(tmp_path, "a1", "alice", "sqlite:///x", []) == first
    (sub / "plan.json").write_text("[]", encoding="utf-8")
    assert fingerprint(tmp_path, "a1", "alice", "sqlite:///x", []) != first
    assert fingerprint(tmp_path, "a1", "alice", "postgresql://h/db", []) != \
        fingerprint(tmp_path, "a1", "alice", "sqlite:///x", [])


def test_summary_names_failures_and_their_reason():
    text = summary_text([
        Outcome("a1", "alice", GRADED, score=5, max_score=5),
        Outcome("a1", "bob", FAILED, reason="notebook illisible"),
        Outcome("a1", "chloe", UNCHANGED),
    ], 3.2)
    assert "1 copie(s) corrigée(s), 1 en échec, 1 inchangée(s)" in text
    assert "bob (a1) : notebook illisible" in text


def test_unknown_assignment_gets_a_french_message(course_copy):
    proc = subprocess.run([sys.executable, "-m", "autograder", "grade", "inconnue"], cwd=course_copy,
                          capture_output=True, text=True, env={**os.environ, **SQLITE})
    assert proc.returncode == 2
    assert "Évaluation inconnue : inconnue" in proc.stderr
    assert "Traceback" not in proc.stderr


# ---------------------------------------------------------------------------------------------- slow tests

def _assignments() -> list[str]:
    real = list_assignments(REPO)
    return [SYNTHETIC] + real[:1]


@pytest.fixture(scope="module", params=_assignments())
def cohort(request, tmp_path_factory):
    """The same cohort graded twice: by plain nbgrader (``plain``) and by the parallel grader (``ours``)."""
    base = tmp_path_factory.mktemp("cohorte")
    plain, assignment = make_course(base / "plain", request.param)
    make_cohort(plain, assignment, 8)
    ours = base / "ours"
    shutil.copytree(plain, ours)
    before = _tree_hashes(ours / "submitted")
    run_nbgrader(["autograde", assignment, "--create", "--force"], plain, env=SQLITE, check=False, timeout=1800)
    old = dict(os.environ)
    os.environ.update(SQLITE)
    try:
        outcomes = CohortGrader(ours, jobs=2).grade([assignment])
    finally:
        os.environ.clear()
        os.environ.update(old)
    return {"assignment": assignment, "plain": plain, "ours": ours, "outcomes": outcomes, "before": before}


@pytest.mark.slow
def test_scores_equal_plain_nbgrader(cohort):
    ours = _scores(cohort["ours"], cohort["assignment"])
    plain = _scores(cohort["plain"], cohort["assignment"])
    assert ours and ours == plain
    assert any(v for v in ours.values())  # somebody scored: the comparison is not between two empty books


@pytest.mark.slow
def test_submissions_are_never_modified(cohort):
    assert _tree_hashes(cohort["ours"] / "submitted") == cohort["before"]


@pytest.mark.slow
def test_graded_copies_are_plain_nbgraders(cohort):
    """The graded copies (autograded/) are those plain nbgrader writes: the same files, and for notebooks scored
    from the files (no kernel) the same bytes; executed notebooks (kernel timings differ) the same cells."""
    import nbformat

    from autograder.trainer.sandbox.execute import needs_execution

    ours, plain = cohort["ours"] / "autograded", cohort["plain"] / "autograded"
    assert sorted(p.name for p in ours.iterdir()) == sorted(p.name for p in plain.iterdir())
    source = course_folder(cohort["ours"]).source(cohort["assignment"])
    executed = any(needs_execution(nbformat.read(str(p), as_version=4)) for p in source.glob("*.ipynb"))
    mine, theirs = _tree_hashes(ours), _tree_hashes(plain)
    assert sorted(mine) == sorted(theirs)
    for rel in mine:
        if not (executed and rel.endswith(".ipynb")):
            assert mine[rel] == theirs[rel], rel
            continue
        a, b = (nbformat.read(str(root / rel), as_version=4) for root in (ours, plain))
        assert [(c.cell_type, c.source) for c in a.cells] == [(c.cell_type, c.source) for c in b.cells], rel


@pytest.mark.slow
def test_failures_are_recorded_with_their_reason_and_do_not_stop_the_others(cohort):
    by_student = {o.student: o for o in cohort["outcomes"]}
    assert len(by_student) == 8
    crash, broken = by_student["apprenant_07"], by_student["apprenant_08"]
    assert broken.status == FAILED and "JSON invalide" in broken.reason
    # a kernel killed by the learner's code: either the sandbox restarts it (the cell scores 0) or the
    # submission fails with its reason; never full marks, never a stop
    assert (crash.status == FAILED and crash.reason) or crash.score < crash.max_score, crash
    assert sum(o.status == GRADED for o in cohort["outcomes"]) >= 6
    state = read_state(cohort["ours"], cohort["assignment"], "apprenant_08")
    assert state["status"] == FAILED and "JSON" in state["reason"]


@pytest.mark.slow
def test_rerun_grades_only_what_changed_unless_forced(cohort, monkeypatch):
    monkeypatch.setenv("NBGRADER_DB_URL", "")
    root, assignment = cohort["ours"], cohort["assignment"]
    # an unchanged cohort: nothing is executed again (failures are retried)
    again = CohortGrader(root, jobs=2).grade([assignment])
    graded_before = {o.student for o in cohort["outcomes"] if o.status == GRADED}
    assert {o.student for o in again if o.status == UNCHANGED} == graded_before
    # one learner submits again: only that copy is graded
    target = next(iter(sorted(graded_before)))
    extra = root / "submitted" / target / assignment / "notes.txt"
    extra.write_text("nouvelle version", encoding="utf-8")
    third = CohortGrader(root, jobs=2).grade([assignment])
    assert target in {o.student for o in third if o.status == GRADED}
    assert {o.student for o in third if o.status == UNCHANGED} == graded_before - {target}
    forced = CohortGrader(root, jobs=2, force=True).grade([assignment])
    assert not [o for o in forced if o.status == UNCHANGED]
    assert _scores(root, assignment) == _scores(cohort["plain"], assignment)


def test_course_folders_come_from_nbgrader_configuration(tmp_path, monkeypatch):
    monkeypatch.setenv("NBGRADER_DB_URL", "")
    (tmp_path / "nbgrader_config.py").write_text(
        "c = get_config()\nc.CourseDirectory.submitted_directory = 'rendus'\n"
        "c.CourseDirectory.source_directory = 'sujets'\nimport os\n"
        "if os.environ.get('NBGRADER_DB_URL'):\n    c.CourseDirectory.db_url = os.environ['NBGRADER_DB_URL']\n",
        encoding="utf-8")
    course = course_folder(tmp_path)
    assert course is course_folder(tmp_path)  # built once per configuration
    assert course.submitted("alice", "a1") == tmp_path.resolve() / "rendus" / "alice" / "a1"
    assert course.db_url == course.default_db_url == f"sqlite:///{tmp_path.resolve() / 'gradebook.db'}"
    (tmp_path / "sujets" / "a1").mkdir(parents=True)
    (tmp_path / "sujets" / "a1" / "a1.ipynb").write_text("{}", encoding="utf-8")
    for student in ("bob", "alice", ".cache"):
        (tmp_path / "rendus" / student / "a1").mkdir(parents=True)
    assert list_assignments(tmp_path) == ["a1"]
    assert course.students("a1") == ["alice", "bob"]
    monkeypatch.setenv("NBGRADER_DB_URL", "postgresql://formateur@serveur/notes")
    assert course_folder(tmp_path).db_url == "postgresql://formateur@serveur/notes"


def test_scores_table_reads_the_gradebook_rows():
    from autograder.trainer.course import CellScore
    from autograder.trainer.grading import scores_table

    cells = [CellScore("alice", "a1", "a1", "c5_3_t", "C5.3", 2.5, 3.0, True),
             CellScore("alice", "a1", "a1", "c5_4_m", "C5.4", None, 1.0, False, True),
             CellScore("bob", "a1", "a1", "c5_3_t", "C5.3", 0.0, 3.0, True)]
    text = scores_table([Outcome("a1", "bob", FAILED, reason="plantage"), Outcome("a1", "alice", GRADED),
                         Outcome("a1", "chloe", FAILED, reason="refus", refused=True)], cells)
    lines = text.splitlines()
    assert lines[0].startswith("Notes du carnet de notes")
    assert [ln.split()[1] for ln in lines[3:]] == ["alice", "bob", "chloe"]
    assert "2,5 / 4" in lines[3] and "corrigée" in lines[3] and lines[3].endswith("1 pt")
    assert "0 / 3" in lines[4] and "en échec" in lines[4]
    assert "—" in lines[5] and "refusée par nbgrader" in lines[5]

