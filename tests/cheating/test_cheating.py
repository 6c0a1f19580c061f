"""The cheating corpus (tests/cheating/cheating_corpus.py), graded as one cohort twice: with the project's
grader (``python -m autograder grade``: parallel workers, nbgrader's pipeline replayed) and with plain
``nbgrader autograde``. Each case scores exactly what the honest answers in its files score, never more;
the honest classmate keeps full marks; refused files are named in French in the graded notebook.
"""

from __future__ import annotations

import os
import shutil
import time
from pathlib import Path

import nbformat
import pytest
from cheating_corpus import ASSIGNMENTS, CASES, CLASSMATE, FULL, build_classmates, build_submission

from autograder.trainer.course import KEYS_FOLDER, cell_scores, course_folder, run_nbgrader
from autograder.trainer.grading import grade_cohort

pytestmark = pytest.mark.slow
REPO = Path(__file__).resolve().parents[2]


def _scores(course: Path) -> dict[tuple[str, str], float]:
    totals: dict[tuple[str, str], float] = {}
    for row in cell_scores(course, url=course_folder(course).default_db_url):
        if row.auto:
            key = (row.student, row.assignment)
            totals[key] = round(totals.get(key, 0.0) + (row.score or 0.0), 4)
    return totals


def _outputs_text(path: Path) -> str:
    if not path.is_file():  # a refused copy (a notebook submitted as a link) has no graded notebook
        return ""
    nb = nbformat.read(str(path), as_version=4)
    return "\n".join(str(v) for c in nb.cells for o in c.get("outputs", []) for v in o.get("data", {}).values())


def _selected(session) -> tuple[str, ...]:
    """The assignments whose cases were selected (``-k certification`` grades the certification only); all of
    them as soon as a test that is not one case's is selected."""
    chosen = set()
    for item in session.items:
        case = getattr(getattr(item, "callspec", None), "params", {}).get("case")
        if case is None:
            return ASSIGNMENTS
        chosen.add(case.assignment)
    return tuple(a for a in ASSIGNMENTS if a in chosen)


@pytest.fixture(scope="module")
def graded(request, tmp_path_factory):
    assignments = _selected(request.session)
    cases = [case for case in CASES if case.assignment in assignments]
    saved = os.environ.get("NBGRADER_DB_URL")
    os.environ["NBGRADER_DB_URL"] = ""
    try:
        course = tmp_path_factory.mktemp("triche") / "cours"
        (course / "source").mkdir(parents=True)
        shutil.copy2(REPO / "nbgrader_config.py", course / "nbgrader_config.py")
        shutil.copy2(REPO / "source" / "header.ipynb", course / "source" / "header.ipynb")
        shutil.copytree(REPO / KEYS_FOLDER, course / KEYS_FOLDER)
        for assignment in assignments:
            shutil.copytree(REPO / "source" / assignment, course / "source" / assignment)
            run_nbgrader(["generate_assignment", assignment, "--force"], course)
        build_classmates(course, assignments)
        for case in cases:
            build_submission(course, case)
        started = time.monotonic()
        grade_cohort(list(assignments), root=course, jobs=2)
        ours = _scores(course), time.monotonic() - started
        ours_text = {case.student: _outputs_text(course / "autograded" / case.student / case.assignment /
                                                 f"{case.assignment}.ipynb") for case in cases}
        started = time.monotonic()
        for assignment in assignments:
            run_nbgrader(["autograde", assignment, "--force"], course, timeout=1800, check=False)
        plain = _scores(course), time.monotonic() - started
        yield {"course": course, "ours": ours, "plain": plain, "ours_text": ours_text, "assignments": assignments}
    finally:
        if saved is None:
            os.environ.pop("NBGRADER_DB_URL", None)
        else:
            os.environ["NBGRADER_DB_URL"] = saved


def test_every_family_is_there_on_every_assignment():
    for assignment in ASSIGNMENTS:
        assert len([c for c in CASES if c.assignment == assignment]) >= 19
    assert len({c.student for c in CASES}) == len(CASES)


@pytest.mark.parametrize("grader", ["ours", "plain"])
@pytest.mark.parametrize("case", CASES, ids=[c.student for c in CASES])
def test_a_cheat_scores_what_its_honest_files_score(graded, grader, case):
    scores, _ = graded[grader]
    assert scores.get((case.student, case.assignment), 0.0) == pytest.approx(case.expected), (grader, case.name)


@pytest.mark.parametrize("grader", ["ours", "plain"])
def test_the_honest_classmate_keeps_full_marks(graded, grader):
    scores, _ = graded[grader]
    for assignment in graded["assignments"]:
        assert scores[(CLASSMATE, assignment)] == pytest.approx(FULL[assignment])


def test_refused_files_are_named_in_french(graded):
    text = graded["ours_text"]
    assert "« autograder/ » : dossier portant le nom d'un module Python" in text["c3_dossier_autograder"]
    assert "« .ipython/ » : fichier ou dossier caché" in text["c4_demarrage_ipython"]
    assert "« ipython_kernel_config.py » : fichier de configuration" in text["c6_config_noyau"]
    assert "« moderation.json » : lien symbolique" in text["c6_lien_vers_camarade"]


def test_the_graded_cells_show_what_was_judged(graded):
    text = graded["ours_text"]
    assert "Ce qui a été évalué" in text["c4_tests_supprimes"] and "Publication évaluée" in text["c4_tests_supprimes"]
    assert "x" * 1000 not in text["c3_sortie_enorme"]  # only the grader's outputs: the learner's are gone
