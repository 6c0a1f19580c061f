"""Notebooks scored ahead in a second process of the grader (autograder.trainer.grading.prefetch)."""

from __future__ import annotations

import os
import signal
import time
from pathlib import Path
from types import SimpleNamespace

import pytest

from autograder.trainer.grading import prefetch
from autograder.trainer.grading.prefetch import Item, ScoringAhead
from autograder.trainer.scoring import score_files

from course_support import REPO

CASES = REPO / "tests" / "pipeline_cases" / "c2_visuels"
C2 = ("c2_1_formats_test", "c2_2_diversite_test", "c2_3_contenu_test", "c2_4_visuels_test", "c2_4_sous_titres_test")
IGNORE = [".ipynb_checkpoints", "*.pyc", "__pycache__"]
COURSE = SimpleNamespace(root=REPO, ignore=IGNORE)  # what the scoring process reads of the course


def _item(case: str, student: str, ids=C2) -> Item:
    return Item("c2_visuels", student, "c2_visuels", str(CASES / case), str(REPO / "source" / "c2_visuels"), ids)


def _here(item: Item):
    return score_files(Path(item.submitted), Path(item.source), REPO, item.notebook, list(item.ids), IGNORE)


def test_scored_ahead_is_what_the_main_process_would_score():
    todo = [_item("solution", "apprenant_01"), _item("erreurs_courantes", "apprenant_02")]
    ahead = ScoringAhead(COURSE, todo)
    try:
        got = [ahead.take(*item[:3], list(item.ids)) for item in todo]
    finally:
        ahead.close()
    expected = [_here(item) for item in todo]
    assert got == expected
    assert sum(c.points for c in expected[0].cells.values()) > sum(c.points for c in expected[1].cells.values())


def test_the_main_process_scores_itself_what_was_not_scored_ahead():
    todo = [_item("solution", "apprenant_01", ids=("c2_1_formats_test",)),  # fewer cells than asked
            _item("solution", "apprenant_02", ids=("c2_9_inconnu",))]  # the check fails in the scoring process
    ahead = ScoringAhead(COURSE, todo)
    try:
        assert ahead.take("c2_visuels", "apprenant_01", "c2_visuels", list(C2)) is None
        assert ahead.take("c2_visuels", "apprenant_02", "c2_visuels", ["c2_9_inconnu"]) is None
        assert ahead.take("c2_visuels", "apprenant_99", "c2_visuels", list(C2)) is None  # never planned
    finally:
        ahead.close()


def test_a_scoring_process_that_dies_hands_over_to_the_main_process():
    todo = [_item("solution", f"apprenant_{i:02d}") for i in range(1, 4)]
    ahead = ScoringAhead(COURSE, todo)
    try:
        os.kill(ahead._proc.pid, signal.SIGKILL)
        ahead._proc.join(timeout=10)
        start = time.monotonic()
        answers = [ahead.take(*item[:3], list(item.ids)) for item in todo]
        assert time.monotonic() - start < 10  # no wait for a process that is gone
        assert all(a is None or a == _here(todo[0]) for a in answers)
    finally:
        ahead.close()


def test_scoring_ahead_only_with_a_core_to_spare(monkeypatch):
    monkeypatch.setattr(os, "cpu_count", lambda: 1)
    assert not prefetch.useful(3)
    monkeypatch.setattr(os, "cpu_count", lambda: 2)
    assert prefetch.useful(3) and not prefetch.useful(1)


@pytest.mark.slow
def test_a_cohort_graded_with_and_without_scoring_ahead_gives_the_same_files_and_scores(tmp_path, monkeypatch):
    import hashlib
    import shutil

    from autograder.trainer.course import cell_scores, course_folder
    from autograder.trainer.grading import CohortGrader
    from coursetools.synthetic import make_cohort, make_course

    monkeypatch.setenv("NBGRADER_DB_URL", "")
    monkeypatch.setattr(os, "cpu_count", lambda: 2)  # scoring ahead even on a one-core machine
    base, assignment = make_course(tmp_path / "base", "c2_visuels")
    make_cohort(base, assignment, 4)
    roots = {jobs: tmp_path / f"jobs{jobs}" for jobs in (1, 2)}
    for jobs, root in roots.items():
        shutil.copytree(base, root)
        CohortGrader(root, jobs=jobs).grade([assignment])

    def files(root):
        folder = root / "autograded"
        return {p.relative_to(folder).as_posix(): hashlib.sha256(p.read_bytes()).hexdigest()
                for p in sorted(folder.rglob("*")) if p.is_file()}

    def scores(root):
        return {(r.student, r.grade_id): r.score for r in cell_scores(root, assignment,
                                                                        url=course_folder(root).default_db_url)}

    assert files(roots[1]) and files(roots[1]) == files(roots[2])
    assert scores(roots[1]) == scores(roots[2]) and any(scores(roots[1]).values())
