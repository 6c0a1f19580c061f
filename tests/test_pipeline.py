"""The grading pipeline of every assignment, end to end, on a scratch copy of the course.

generate → release/ equals the committed release/ (cell ids ignored) → each known submission
(``coursetools.cases``: solution, blank, and the case folders of ``tests/pipeline_cases/<assignment>/``)
is autograded by the real nbgrader with the real gradebook → scores, failing criteria and feedback are
the expected ones → the exported CSV has one row per submission.
"""

from __future__ import annotations

import csv
import json
import shutil
from pathlib import Path

import nbformat
import pytest

from autograder.trainer.course import cell_scores, course_folder, list_assignments, run_nbgrader
from coursetools.cases import build_submission, load_cases

from course_support import REPO, copy_course

CASES = REPO / "tests" / "pipeline_cases"
ASSIGNMENTS = list_assignments(REPO)
SQLITE = {"NBGRADER_DB_URL": ""}
pytestmark = pytest.mark.slow  # the scratch course's own SQLite gradebook


def normalise(path: Path) -> dict:
    nb = nbformat.read(str(path), as_version=4)
    return {
        "metadata": {k: v for k, v in nb.metadata.items() if k in ("kernelspec",)},
        "cells": [
            {"type": c.cell_type, "source": c.source, "nbgrader": c.metadata.get("nbgrader")} for c in nb.cells
        ],
    }


@pytest.fixture(scope="module", params=ASSIGNMENTS)
def graded(request, tmp_path_factory):
    assignment = request.param
    root = copy_course(tmp_path_factory.mktemp(assignment) / "cours")
    committed = root.parent / "release_committed"
    if (root / "release" / assignment).is_dir():
        shutil.copytree(root / "release" / assignment, committed)
    run_nbgrader(["generate_assignment", assignment, "--force"], root, env=SQLITE)
    cases = load_cases(root, CASES, assignment)
    for case in cases:
        build_submission(root, case, root / "submitted" / case.student_id / assignment)
    run_nbgrader(["autograde", assignment, "--create", "--force"], root, env=SQLITE, timeout=1800)
    run_nbgrader(["generate_feedback", assignment, "--force"], root, env=SQLITE)
    run_nbgrader(["export", "--to", str(root / "notes.csv")], root, env=SQLITE)
    return {"assignment": assignment, "root": root, "committed": committed, "cases": cases,
            "scores": cell_scores(root, assignment, url=course_folder(root).default_db_url)}


def test_release_matches_source(graded):
    root, assignment, committed = graded["root"], graded["assignment"], graded["committed"]
    assert committed.is_dir(), f"release/{assignment} absent : lancez « make release » et commitez le résultat"
    generated = sorted(p.name for p in (root / "release" / assignment).iterdir())
    assert generated == sorted(p.name for p in committed.iterdir())
    for name in generated:
        if name.endswith(".ipynb"):
            assert normalise(root / "release" / assignment / name) == normalise(committed / name), name
        else:
            assert (root / "release" / assignment / name).read_bytes() == (committed / name).read_bytes(), name


def test_release_holds_no_solution_or_hidden_test(graded):
    for path in (graded["root"] / "release" / graded["assignment"]).rglob("*"):
        if path.is_file() and path.suffix in (".ipynb", ".py", ".json", ".md", ".txt", ".csv"):
            text = path.read_text(encoding="utf-8", errors="replace")
            for marker in ("BEGIN SOLUTION", "END SOLUTION", "BEGIN HIDDEN TESTS", "END HIDDEN TESTS"):
                assert marker not in text, f"{path.name} contient « {marker} »"


def _by_case(graded):
    table: dict[str, list] = {}
    for row in graded["scores"]:
        table.setdefault(row.student, []).append(row)
    return table


def test_each_known_submission_gets_its_expected_score(graded):
    table = _by_case(graded)
    for case in graded["cases"]:
        rows = [r for r in table.get(case.student_id, []) if r.auto]
        assert rows, f"{case.name} : aucune note dans le carnet de notes"
        score = round(sum(r.score or 0 for r in rows), 4)
        assert score == pytest.approx(case.expected["score"]), (
            case.name, {r.grade_id: (r.score, r.max_score) for r in rows})
        if "failing" in case.expected:
            failing = sorted({r.criterion for r in rows if (r.score or 0) < r.max_score and r.criterion})
            assert failing == sorted(case.expected["failing"]), case.name


def test_feedback_names_failing_criteria(graded):
    root, assignment = graded["root"], graded["assignment"]
    for case in graded["cases"]:
        files = list((root / "feedback" / case.student_id / assignment).glob("*.html"))
        assert files, f"pas de retour pour {case.name}"
        text = " ".join(f.read_text(encoding="utf-8") for f in files)
        for needle in case.expected.get("feedback_contains", []):
            assert needle in text, (case.name, needle)


def test_export_has_one_row_per_submission(graded):
    with open(graded["root"] / "notes.csv", encoding="utf-8") as handle:
        rows = [r for r in csv.DictReader(handle) if r["assignment"] == graded["assignment"]]
    assert sorted(r["student_id"] for r in rows) == sorted(c.student_id for c in graded["cases"])
    json.dumps(rows)  # plain values, ready for a spreadsheet
