"""The mock-jury grid: its rules (autograder.mock_jury), the widget of lesson 08, and where the trainer sees it
(the learner's evaluation grid, the cohort dashboard), next to the graded result and the evidence."""

from __future__ import annotations

import json
import os
import sys

import pytest
from dossier_support import write_submission
from nbgrader.api import Gradebook

from autograder import mock_jury as mj
from autograder import referentiel
from autograder.trainer.dashboard import mock_jury_section
from autograder.trainer.report import (
    MOCK_JURY_ASSIGNMENT,
    CriterionGrade,
    LearnerGrid,
    build_grids,
    grid_html,
    learner_evidence,
)
from autograder.widgets.mock_jury import NOT_OBSERVED, MockJuryGrid


def _state(**criteria) -> dict:
    return {"observer": "Camille", "role": "pair", "date": "07/12/2026",
            "criteria": {cid.replace("_", "."): {"level": level, "observation": text}
                         for cid, (level, text) in criteria.items()}}


def test_valid_grid_is_normalised_in_the_referentiel_order():
    state = mj.validate_state(_state(C7_4=("acquis", "CPC juste"), C1_1=("en cours", " Cible floue "),
                                     C2_1=("", "")))
    assert list(state["criteria"]) == ["C1.1", "C7.4"]  # an empty line is not kept
    assert state["date"] == "2026-12-07" and state["criteria"]["C1.1"]["observation"] == "Cible floue"
    grid = mj.from_state(state)
    assert grid.observed == 2 and grid.line("C7.4") == "acquis — CPC juste" and grid.line("C5.3") == ""
    assert grid.header() == "Jury blanc : Camille (un pair (autre apprenant)), le 07/12/2026 ; 2 critère(s) observé(s) sur 24."


@pytest.mark.parametrize(("state", "reason"), [
    (_state(C8_1=("acquis", "")), "critère inconnu « C8.1 »"),
    (_state(C1_1=("excellent", "")), "niveau inconnu « excellent »"),
    ({**_state(), "role": "jury"}, "rôle inconnu"),
    ({**_state(), "date": "31/02/2026"}, "pas une date lisible"),
    (_state(C1_1=("acquis", "x" * 1001)), "observation trop longue"),
    ([], "un objet JSON"),
])
def test_impossible_grids_are_refused_in_french(state, reason):
    with pytest.raises(ValueError, match=reason):
        mj.validate_state(state)


def test_load_mock_jury_missing_unreadable_or_hand_edited(tmp_path):
    assert mj.load_mock_jury(tmp_path) is None
    (tmp_path / mj.MOCK_JURY_FILE).write_text("{", encoding="utf-8")
    assert "JSON valide" in mj.load_mock_jury(tmp_path).problem
    (tmp_path / mj.MOCK_JURY_FILE).write_text(json.dumps(_state(C1_1=("parfait", ""))), encoding="utf-8")
    assert "niveau inconnu" in mj.load_mock_jury(tmp_path).problem
    (tmp_path / mj.MOCK_JURY_FILE).write_text(json.dumps(_state(C1_1=("acquis", "ok"))), encoding="utf-8")
    assert mj.load_mock_jury(tmp_path).line("C1.1") == "acquis — ok"


def test_widget_saves_the_grid_and_keeps_it_on_a_refused_change(tmp_path):
    path = tmp_path / mj.MOCK_JURY_FILE
    view = MockJuryGrid(path)
    assert len(view._levels) == 24 and all(d.value == NOT_OBSERVED for d in view._levels.values())
    view._observer.value, view._role.value, view._date.value = "Camille", "formateur", "07/12/2026"
    view._levels["C5.3"].value = "en cours"
    view._notes["C5.3"].value = "Formule dite, calcul lent."
    view._save.click()
    assert view._status.kind == "ok" and "1 critère(s) observé(s)" in view._status.message
    saved = json.loads(path.read_text(encoding="utf-8"))
    assert saved["criteria"] == {"C5.3": {"level": "en cours", "observation": "Formule dite, calcul lent."}}
    view._date.value = "demain"
    view._save.click()
    assert view._status.kind == "erreur" and "pas une date lisible" in view._status.message
    assert json.loads(path.read_text(encoding="utf-8")) == saved
    again = MockJuryGrid(path)  # reloaded when the lesson is opened again
    assert again._levels["C5.3"].value == "en cours" and again._role.value == "formateur"


def _grid_with(folder) -> LearnerGrid:
    grid = LearnerGrid("alice", {c.id: CriterionGrade(c.id) for c in referentiel.CRITERIA})
    grid.criteria["C5.3"].points, grid.criteria["C5.3"].possible = 1.0, 3.0
    grid.mock_jury = mj.load_mock_jury(folder)
    grid.records = learner_evidence(folder)
    return grid


def test_evaluation_grid_shows_result_evidence_and_mock_jury_per_criterion(tmp_path):
    folder = write_submission(tmp_path / "certification")
    page = grid_html(_grid_with(folder))
    row = page[page.index("<th scope='row'>C5.3</th>"):]
    row = row[:row.index("</tr>")]
    assert "1 / 3" in row and "non acquis" in row
    assert "C5.3 · capture d&#x27;écran · 30/11/2026 · stats.png · Taux d&#x27;engagement (couverture)" in row
    assert "en cours — Formule dite, calcul juste mais hésitant." in row
    c11 = page[page.index("<th scope='row'>C1.1</th>"):]
    assert "https://www.facebook.com/lafourneedelea" in c11[:c11.index("</tr>")]
    c71 = page[page.index("<th scope='row'>C7.1</th>"):]
    assert "Manque :" in c71[:c71.index("</tr>")] and "non observé" in c71[:c71.index("</tr>")]
    assert "Jury blanc : Camille Martin (le formateur ou la formatrice), le 02/12/2026" in page
    empty = grid_html(_grid_with(tmp_path / "rien"))
    assert "Jury blanc : aucune grille rendue" in empty and "Aucune copie de certification rendue." in empty


def test_dashboard_lists_the_cohort_mock_juries(tmp_path):
    grids = {"alice": _grid_with(write_submission(tmp_path / "a")), "bruno": _grid_with(tmp_path / "b")}
    section = mock_jury_section(grids)
    assert "1 grille(s) de jury blanc rendue(s) sur 2 apprenant(s)." in section
    assert "0 acquis, 1 en cours, 0 non acquis" in section and "aucune grille rendue" in section


@pytest.mark.slow
def test_build_grids_reads_the_files_handed_in_with_the_mock_certification(course_copy, monkeypatch):
    monkeypatch.setenv("PATH", os.path.dirname(sys.executable) + os.pathsep + os.environ["PATH"])  # alembic
    url = f"sqlite:///{course_copy / 'carnet.db'}"
    with Gradebook(url) as gb:
        gb.add_student("alice")
        gb.add_student("bruno")
    write_submission(course_copy / "submitted" / "alice" / MOCK_JURY_ASSIGNMENT)
    grids = build_grids(course_copy, url=url)
    assert grids["alice"].mock_jury.line("C5.3").startswith("en cours")
    assert grids["alice"].records["C5.3"][0].startswith("C5.3 · capture")
    assert grids["bruno"].mock_jury is None and grids["bruno"].records is None
