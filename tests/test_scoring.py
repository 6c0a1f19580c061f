"""Scores from the grader's process (autograder.trainer.scoring): registered cells scored from the files."""

from __future__ import annotations

import os
import shutil
import sys
from pathlib import Path

import nbformat
import pytest
from nbgrader.utils import determine_grade
from traitlets.config import Config

from autograder.trainer.sandbox.execute import needs_execution
from autograder.trainer.scoring import ScoreFromFiles, clean_submission_copy, needs_kernel

from course_support import REPO

A = "c3_plan_editorial"
CASES = REPO / "tests" / "pipeline_cases" / A


@pytest.fixture(scope="module")
def db_url(tmp_path_factory):
    """One empty gradebook for the module (nbgrader creates it with the environment's alembic command)."""
    from nbgrader.api import Gradebook

    url = f"sqlite:///{tmp_path_factory.mktemp('carnet') / 'carnet.db'}"
    saved = os.environ.get("PATH", "")
    os.environ["PATH"] = f"{Path(sys.executable).parent}{os.pathsep}{saved}"
    try:
        Gradebook(url).close()
    finally:
        os.environ["PATH"] = saved
    return url


def _course(tmp_path, case: str, db_url: str):
    root = tmp_path / "cours"
    sub = root / "submitted" / "alice" / A
    sub.mkdir(parents=True)
    for item in (CASES / case).iterdir():
        if item.name != "case.json":
            shutil.copy(item, sub / item.name)
    config = Config()
    config.CourseDirectory.root = str(root)
    resources = {"nbgrader": {"student": "alice", "assignment": A, "notebook": A,
                              "db_url": db_url},
                 "metadata": {"path": str(sub)}}
    return root, sub, config, resources


def _release():
    return nbformat.read(str(REPO / "release" / A / f"{A}.ipynb"), as_version=4)


def _tests(nb):
    return [c for c in nb.cells if c.cell_type == "code" and c.metadata.get("nbgrader", {}).get("grade")]


@pytest.mark.slow  # a new gradebook costs alembic's migrations
@pytest.mark.parametrize(("case", "expected"), [("solution", [4, 3, 4]), ("erreurs_courantes", [1, 1, 1])])
def test_kernel_outputs_are_replaced_by_the_files_scores(tmp_path, db_url, case, expected):
    _, _, config, resources = _course(tmp_path, case, db_url)
    nb = _release()
    for cell in _tests(nb):  # what a learner's kernel (or a forged notebook) claimed
        cell.outputs = [nbformat.v4.new_output("execute_result", {"text/plain": "-1"}, execution_count=1)]
    nb, _ = ScoreFromFiles(config=config).preprocess(nb, resources)
    got = [determine_grade(c)[0] for c in _tests(nb)]
    assert sum(got) == pytest.approx(sum(expected)) and got == pytest.approx(expected)
    html = " ".join(o["data"]["text/html"] for c in _tests(nb) for o in c.outputs if o.output_type == "display_data")
    assert "C3.1" in html and "Ce qui a été évalué" in html
    assert html.count("Publications du plan") == 1  # what was judged, shown once


@pytest.mark.slow
def test_refused_files_are_named_and_never_read(tmp_path, db_url):
    root, sub, config, resources = _course(tmp_path, "solution", db_url)
    secret = tmp_path / "camarade.json"
    (sub / "plan_editorial.json").rename(secret)
    os.symlink(secret, sub / "plan_editorial.json")
    nb, _ = ScoreFromFiles(config=config).preprocess(_release(), resources)
    assert [determine_grade(c)[0] for c in _tests(nb)] == [0, 0, 0]
    text = " ".join(str(v) for c in _tests(nb) for o in c.outputs for v in o.get("data", {}).values())
    assert "« plan_editorial.json » : lien symbolique" in text


def test_notebooks_without_learner_code_are_not_executed():
    assert not needs_execution(_release())
    # an assignment where the learner still writes code (a solution code cell): executed
    with_code = nbformat.read(str(REPO / "release" / "c3_plan_editorial" / "c3_plan_editorial.ipynb"), as_version=4)
    answer = nbformat.v4.new_code_cell("DEBUT = None  # VOTRE CODE ICI")
    answer.metadata["nbgrader"] = {"grade_id": "c3_1_debut", "solution": True, "grade": False, "locked": False,
                                   "schema_version": 3}
    with_code.cells.insert(1, answer)
    assert needs_execution(with_code)
    # an autograded cell no check is registered for: executed, its score comes from the kernel as in nbgrader
    unregistered = nbformat.read(str(REPO / "release" / "c3_plan_editorial" / "c3_plan_editorial.ipynb"),
                                 as_version=4)
    test = nbformat.v4.new_code_cell("assert True")
    test.metadata["nbgrader"] = {"grade_id": "c3_9_inconnu_test", "solution": False, "grade": True, "locked": True,
                                 "points": 1, "schema_version": 3}
    unregistered.cells.append(test)
    assert needs_execution(unregistered)
    plain = nbformat.v4.new_notebook(cells=[nbformat.v4.new_code_cell("print(1)")])
    assert needs_execution(plain)  # not an nbgrader assignment: executed as nbgrader would
    assert not needs_kernel(_release(), {}) and needs_kernel(with_code, {})  # without a gradebook: the notebook's rule


def test_the_working_copy_keeps_only_the_submissions_accepted_files(tmp_path):
    root, sub, config, resources = _course(tmp_path, "solution", "sqlite://")
    (sub / "triche.py").write_text("x = 1", encoding="utf-8")
    work = root / "autograded" / "alice" / A
    shutil.copytree(sub, work)
    (work / "copie_du_lien.json").write_text("{}", encoding="utf-8")  # what nbgrader copied through a link
    os.symlink(sub / "plan_editorial.json", sub / "copie_du_lien.json")
    resources["metadata"]["path"] = str(work)
    clean_submission_copy(_release(), resources, config)
    assert sorted(p.name for p in work.iterdir()) == ["plan_editorial.json"]


@pytest.mark.slow
def test_refused_files_are_named_in_notebooks_scored_by_their_kernel(tmp_path, db_url):
    root, sub, config, resources = _course(tmp_path, "solution", db_url)
    (sub / "sitecustomize.py").write_text("import os", encoding="utf-8")
    # a notebook whose graded cell no check is registered for: its score comes from what the kernel printed
    cell = nbformat.v4.new_code_cell("print('ok')", outputs=[nbformat.v4.new_output("stream", text="ok\n")])
    cell.metadata["nbgrader"] = {"grade": True, "solution": False, "locked": True, "points": 2,
                                 "grade_id": "c1_9_noyau_test", "schema_version": 3}
    nb = nbformat.v4.new_notebook(cells=[cell])
    resources["nbgrader"].update(assignment=A, notebook="noyau")
    nb, _ = ScoreFromFiles(config=config).preprocess(nb, resources)
    first = next(c for c in nb.cells if c.cell_type == "code" and c.metadata.get("nbgrader", {}).get("grade"))
    assert "« sitecustomize.py » : fichier de configuration" in first.outputs[0]["data"]["text/plain"]
    assert determine_grade(first)[0] == first.metadata.nbgrader.points  # the notice changes no score
