"""Evaluation grids, cohort CSV and learner feedback (``autograder.trainer.report``)."""

from __future__ import annotations

import csv
import html
import io
import os
import re
import subprocess
import sys
from pathlib import Path

import nbformat
import pytest
from nbgrader.api import Gradebook

from autograder import referentiel
from autograder.status import NON_EVALUE
from autograder.trainer.course import course_folder, list_assignments, run_nbgrader
from autograder.trainer.feedback import RedactHiddenTests
from autograder.trainer.grading import CohortGrader
from autograder.trainer.redaction import REDACTED, hidden_lines
from autograder.trainer.report import (
    ACQUIS,
    EN_COURS,
    NON_ACQUIS,
    build_grids,
    cohort_csv,
    competency_status,
    status_for,
    write_reports,
)
from coursetools.cases import SubmissionCase, build_submission, load_cases
from coursetools.synthetic import SYNTHETIC, make_course

from course_support import REPO

CASES = REPO / "tests" / "pipeline_cases"
SQLITE = {"NBGRADER_DB_URL": ""}
TAG = re.compile(r"<[^>]+>")


def test_thresholds():
    assert status_for(4, 5) == ACQUIS and status_for(5, 5) == ACQUIS
    assert status_for(3.9, 5) == EN_COURS and status_for(2, 5) == EN_COURS
    assert status_for(1.9, 5) == NON_ACQUIS and status_for(0, 5) == NON_ACQUIS
    assert status_for(0, 0) == NON_EVALUE  # no evidence: not failed, not evaluated
    assert competency_status([ACQUIS, ACQUIS]) == ACQUIS
    assert competency_status([ACQUIS, NON_ACQUIS]) == EN_COURS
    assert competency_status([NON_ACQUIS, NON_ACQUIS]) == NON_ACQUIS


def test_redaction_masks_the_hidden_line_quoted_by_a_traceback():
    source = "r = 1\n### BEGIN HIDDEN TESTS\nassert abs(taux - 4.0) < 0.01\n### END HIDDEN TESTS\ngrade(r)"
    assert hidden_lines(source) == ["assert abs(taux - 4.0) < 0.01"]
    cell = nbformat.v4.new_code_cell(source)
    cell.outputs = [nbformat.v4.new_output(
        "error", ename="TypeError", evalue="unsupported operand",
        traceback=["\x1b[0;31mTypeError\x1b[0m", "Cell In[3], line 3\n----> 3 \x1b[38;5;28massert\x1b[39m abs(taux - 4.0) < 0.01",
                   "TypeError: unsupported operand"])]
    nb = nbformat.v4.new_notebook(cells=[cell])
    nb, _ = RedactHiddenTests().preprocess(nb, {})
    text = "\n".join(nb.cells[0].outputs[0]["traceback"])
    assert "4.0" not in text and REDACTED in text and "TypeError" in text


def _feedback_text(path: Path) -> str:
    return html.unescape(TAG.sub("", path.read_text(encoding="utf-8")))


def _hidden_source_lines(root: Path, assignment: str) -> set[str]:
    """Hidden-test lines that appear nowhere in the learner's release (so finding one is a leak)."""
    release = " ".join(p.read_text(encoding="utf-8") for p in (root / "release" / assignment).glob("*.ipynb"))
    lines = set()
    for path in (root / "source" / assignment).glob("*.ipynb"):
        for cell in nbformat.read(str(path), as_version=4).cells:
            for line in hidden_lines(cell.source):
                if len(line) >= 8 and line not in release:
                    lines.add(line)
    return lines


def _grade_and_feedback(root: Path, assignment: str) -> None:
    old = dict(os.environ)
    os.environ.update(SQLITE)
    try:
        CohortGrader(root, jobs=2).grade([assignment])
    finally:
        os.environ.clear()
        os.environ.update(old)
    run_nbgrader(["generate_feedback", assignment, "--force"], root, env=SQLITE)


@pytest.fixture(scope="module")
def course(tmp_path_factory):
    """The synthetic assignment graded for four known learners, with feedback and reports."""
    root, assignment = make_course(tmp_path_factory.mktemp("grilles") / "cours", SYNTHETIC)
    solution, blank = load_cases(root, CASES, assignment)[:2]
    learners = {
        "alice": solution,
        "bruno": blank,
        # C5.3 answer left as released, C5.2 right: one criterion acquired, one not
        "chloe": SubmissionCase(assignment, "partiel", "source",
                                cells={"reponse_taux": "# VOTRE CODE ICI\nraise NotImplementedError()"}),
        # a wrong type: the hidden test itself raises, its traceback quotes the hidden line
        "damien": SubmissionCase(assignment, "type", "source", cells={"reponse_taux": "taux = '4 %'"}),
        # wrong figures: C5.3 1/3 (non acquis), C5.2 1/2 (en cours), the cards say what is wrong
        "emma": SubmissionCase(assignment, "faux", "source", cells={
            "reponse_taux": "taux = 5.0",
            "reponse_semaine": "semaine = pd.DataFrame({'jour': ['lundi'], 'interactions': [10]})"}),
    }
    for student, case in learners.items():
        build_submission(root, case, root / "submitted" / student / assignment)
    _grade_and_feedback(root, assignment)
    with Gradebook(course_folder(root).default_db_url) as gb:  # the trainer grades alice's argued answer
        gb.find_grade("c5_4_reponse_commentaire", assignment, assignment, "alice").manual_score = 1
        gb.find_comment("c5_4_reponse_commentaire", assignment, assignment, "alice").manual_comment = \
            "Réponse rapide et courtoise."
        gb.db.commit()
    written = write_reports(root, url=course_folder(root).default_db_url)
    return {"root": root, "assignment": assignment, "written": written,
            "grids": build_grids(root, url=course_folder(root).default_db_url)}


@pytest.mark.slow
def test_statuses_of_known_submissions(course):
    grids = course["grids"]
    assert set(grids) == {"alice", "bruno", "chloe", "damien", "emma"}
    assert grids["alice"].criteria["C5.3"].status == ACQUIS and grids["alice"].criteria["C5.2"].status == ACQUIS
    assert grids["bruno"].criteria["C5.3"].status == NON_ACQUIS
    assert grids["bruno"].criteria["C5.2"].status == NON_ACQUIS
    assert grids["chloe"].criteria["C5.3"].status == NON_ACQUIS and grids["chloe"].criteria["C5.2"].status == ACQUIS
    assert grids["chloe"].competency("C5") == EN_COURS
    # the argued answer graded by the trainer, with a comment
    assert grids["alice"].criteria["C5.4"].status == ACQUIS
    assert grids["alice"].criteria["C5.4"].evidence[0].comment == "Réponse rapide et courtoise."
    assert grids["bruno"].criteria["C5.4"].status == NON_ACQUIS
    # no evidence at all for another competency: not evaluated yet, not failed
    assert grids["alice"].criteria["C1.1"].status == NON_EVALUE and not grids["alice"].criteria["C1.1"].evidence


@pytest.mark.slow
def test_evidence_names_cells_and_what_failed(course):
    damien = course["grids"]["damien"].criteria["C5.3"]
    ev = [e for e in damien.evidence if e.auto][0]
    assert ev.grade_id == "c5_3_test_taux" and ev.score == 0
    assert any(m.startswith("Erreur TypeError") for m in ev.missing)
    emma = course["grids"]["emma"]
    assert emma.criteria["C5.3"].status == NON_ACQUIS and emma.criteria["C5.3"].points == 1
    assert emma.criteria["C5.2"].status == EN_COURS
    assert "Le taux est faux : revoyez la formule." in emma.criteria["C5.3"].evidence[0].missing
    page = (course["root"] / "reports" / "grilles" / "emma.html").read_text(encoding="utf-8")
    assert "c5_3_test_taux" in page and "Le taux est faux : revoyez la formule." in page
    page = (course["root"] / "reports" / "grilles" / "damien.html").read_text(encoding="utf-8")
    assert "abs(taux - 4.0)" not in html.unescape(TAG.sub("", page))
    assert page.count("<tr><th scope='row'>C") == 24 + 7  # every criterion and competency
    assert 'lang="fr"' in page


@pytest.mark.slow
def test_cohort_csv_one_row_per_learner_one_column_per_criterion_and_competency(course):
    path = course["written"][-1]
    assert path.name == "cohorte.csv"
    rows = list(csv.reader(io.StringIO(path.read_bytes().decode("utf-8-sig")), delimiter=";"))
    header = rows[0]
    assert header[1:25] == [c.id for c in referentiel.CRITERIA]
    assert header[25:32] == [c.id for c in referentiel.COMPETENCIES]
    by_name = {r[0]: dict(zip(header, r, strict=True)) for r in rows[1:]}
    assert set(by_name) == {"alice", "bruno", "chloe", "damien", "emma"}
    assert by_name["alice"]["C5.3"] == ACQUIS and by_name["chloe"]["C5.3"] == NON_ACQUIS
    assert by_name["alice"]["points"] == "6" and by_name["alice"]["points possibles"] == "6"
    assert cohort_csv(course["grids"]) == path.read_bytes().decode("utf-8-sig")


@pytest.mark.slow
def test_feedback_is_by_criterion_and_never_reveals_hidden_tests(course):
    root, assignment = course["root"], course["assignment"]
    secrets = _hidden_source_lines(root, assignment)
    assert "r.add(abs(taux - 4.0) < 0.01, 2, 'Le taux est juste.', 'Le taux est faux : revoyez la formule.')" in secrets
    files = sorted((root / "feedback").glob(f"*/{assignment}/*.html"))
    assert len(files) == 5
    for path in files:
        text = _feedback_text(path)
        assert "Vos résultats par critère" in text
        leaks = [s for s in secrets if s in text]
        assert not leaks, (path.parent.parent.name, leaks)
    assert REDACTED in _feedback_text(root / "feedback" / "damien" / assignment / f"{assignment}.html")


@pytest.mark.slow
@pytest.mark.parametrize("assignment", list_assignments(REPO))
def test_no_feedback_of_a_known_submission_reveals_hidden_tests(assignment, tmp_path):
    root, assignment = make_course(tmp_path / "cours", assignment)
    cases = load_cases(root, CASES, assignment)
    for case in cases:
        build_submission(root, case, root / "submitted" / case.student_id / assignment)
    _grade_and_feedback(root, assignment)
    secrets = _hidden_source_lines(root, assignment)
    files = sorted((root / "feedback").glob(f"*/{assignment}/*.html"))
    assert len({f.parent.parent.name for f in files}) == len(cases)
    for path in files:
        text = _feedback_text(path)
        leaks = [s for s in secrets if s in text]
        assert not leaks, (path.parent.parent.name, leaks)


def test_report_command_in_french(course_copy):
    proc = subprocess.run([sys.executable, "-m", "autograder", "report"], cwd=course_copy, capture_output=True,
                          text=True, env={**os.environ, **SQLITE})
    assert proc.returncode == 0, proc.stderr
    assert "grille(s) d'évaluation" in proc.stdout
    assert (course_copy / "reports" / "grilles" / "cohorte.csv").is_file()
