"""The C7 checks fail on a wrong campaign or wrong figures and pass on right ones."""

import json
from pathlib import Path

import pytest

from autograder import campaign as cp
from autograder.checks import c7

BRIEF = {"objective": "trafic", "keywords": ["galette"], "age_min": 25, "age_max": 54}


def good_campaign(**changes) -> dict:
    data = {"objective": "trafic", "format": "carrousel",
            "audience": {"age_min": 25, "age_max": 54, "locations": ["Lyon", "Villeurbanne"],
                         "interests": ["pâtisserie", "famille"]},
            "message": "Nos galettes des rois sont là ! Commandez la vôtre en click & collect.",
            "budget": {"kind": "quotidien", "amount": 7, "start": "2027-01-02", "end": "2027-01-15"},
            "goal_metric": "clics", "goal_target": 300}
    data.update(changes)
    return data


def test_format_check():
    assert c7.check_format(good_campaign(), BRIEF).passed
    wrong = c7.check_format(good_campaign(objective="notoriete", format="collection", message="Hello"), BRIEF)
    assert wrong.points == 0.5 and len(wrong.missing) == 4  # only the age fits
    long = c7.check_format(good_campaign(message="Commandez nos galettes " + "x" * 120), BRIEF)
    assert long.points == 2.5


def test_forecast_check():
    camp = cp.Campaign.from_dict(good_campaign())
    expected = camp.forecast().loc["attendu"]
    answer = {"clics": expected["clicks"], "achats": expected["conversions"], "couverture": expected["reach"]}
    assert c7.check_forecast(answer, good_campaign()).passed
    answer["clics"] = 5000
    del answer["achats"]
    result = c7.check_forecast(answer, good_campaign())
    assert result.points == 1 and "hors de la fourchette" in result.missing[0]
    assert c7.check_forecast([1, 2], good_campaign()).points == 0


def test_budget_checks():
    assert c7.check_budget_fits(good_campaign()).passed
    small = c7.check_budget_fits(good_campaign(budget={"kind": "quotidien", "amount": 3, "start": "2027-01-02",
                                                       "end": "2027-01-15"}))
    assert small.points == 1 and "ne permet pas" in small.missing[0]
    big = c7.check_budget_fits(good_campaign(budget={"kind": "global", "amount": 900, "start": "2027-01-02",
                                                     "end": "2027-01-15"}))
    assert big.points == 1 and "surdimensionné" in big.missing[0]
    negative = c7.check_budget_fits(good_campaign(budget={"kind": "global", "amount": -9, "start": "2027-01-02",
                                                          "end": "2027-01-15"}))
    assert negative.points == 0 and "strictement positif" in negative.findings[0].text
    assert c7.check_budget_figures(82.5, 12.25, 49, target=300, daily_budget=7).passed
    wrong = c7.check_budget_figures(300 * 0.40, 7, 49, target=300, daily_budget=7)
    assert wrong.points == 0.5
    assert c7.check_budget_figures("beaucoup", 1, 1, target=300, daily_budget=7).points == 0


def test_cpc_check():
    table = cp.case_campaign_results()
    assert c7.check_cpc(150 / 362, 150 / 655, table).passed
    assert c7.check_cpc(0.41, 0.23, table).passed  # rounded to the cent
    swapped = c7.check_cpc(150 / 655, 150 / 655, table)
    assert swapped.points == 1 and "clics sur un lien" in swapped.missing[0]
    assert c7.check_cpc(None, 0.23, table).points == 0


def test_answered_is_only_a_progress_check():
    assert c7.answered("C7.4", "CPC", 3, cpc_lien=0.41, cpc_tous=0.23).passed
    result = c7.answered("C7.4", "CPC", 3, cpc_lien=None, cpc_tous=0.23)
    assert result.points == 1.5


def test_load_campaign(tmp_path):
    assert c7.load_campaign(tmp_path / "campagne.json") is None
    (tmp_path / "campagne.json").write_text(json.dumps({"campaign": good_campaign()}), encoding="utf-8")
    assert c7.load_campaign(tmp_path / "campagne.json")["format"] == "carrousel"
    assert c7.check_format(None, BRIEF).points == 0
    (tmp_path / "campagne.json").write_text("[1, 2]", encoding="utf-8")
    result = c7.check_budget_fits(c7.load_campaign(tmp_path / "campagne.json"))
    assert result.points == 0 and "objet JSON" in result.findings[0].text


def test_a_campaign_set_aside_by_the_builder_is_reported(tmp_path):
    from autograder.widgets.campaign_builder import CampaignBuilder

    path = tmp_path / "campagne.json"
    path.write_text(json.dumps({"campaign": good_campaign(budget={"kind": "global", "amount": -5,
                                                                  "start": "2027-01-02", "end": "2027-01-15"})}),
                    encoding="utf-8")
    CampaignBuilder(path)
    result = c7.check_format(c7.load_campaign(path), BRIEF)
    assert result.points == 0 and "mis de côté" in result.findings[0].text


@pytest.mark.parametrize("fmt", list(cp.FORMATS))
def test_every_format_has_meta_placements(fmt):
    from autograder.networks import get_network

    for network, placement in cp.FORMATS[fmt]["placements"]:
        assert get_network(network).placement(placement).width > 0


def test_answered_writes_the_value_in_french_and_ends_its_sentence():
    """« (0,41). », not « (0,41), »: the old ``.replace(".", ",")`` ran over the whole sentence."""
    result = c7.answered("C7.4", "CPC", 3, cpc_lien=0.41, budget=1520.5)
    assert [f.text for f in result.findings][:2] == ["« cpc_lien » est renseigné (0,41).",
                                                     "« budget » est renseigné (1520,5)."]


# -- the assignment's cells, registered and scored from the files -------------------------------------------
CASES = Path(__file__).resolve().parents[1] / "tests" / "pipeline_cases" / "c7_campagne"
GRADED_CELLS = ("c7_1_format_test", "c7_1_formulaire_prospects_test", "c7_2_prevision_test",
                "c7_2_pixel_consentement_test", "c7_3_budget_test", "c7_3_calculs_test", "c7_4_cpc_test")


def _keys() -> dict:
    from autograder.trainer.scoring import load_keys

    return load_keys(CASES.parents[2])  # the trainer-only keys/ (the law questions' right options)


def _score(folder, graded: bool = True) -> float:
    from autograder.checks import registry

    sub = registry.Submission(folder, c7.NOTEBOOK, _keys() if graded else None)
    return round(sum(registry.score(g, registry.run(g, sub)) for g in GRADED_CELLS), 4)


@pytest.mark.parametrize(("case", "expected"), [("solution", 16.0), ("erreurs_courantes", 9.0),
                                                ("budget_negatif", 5.0)])
def test_registered_cells_score_the_known_submissions_from_their_files(case, expected):
    assert _score(CASES / case) == expected


def test_every_graded_cell_of_c7_is_registered_with_its_points():
    from autograder.checks import registry

    notebook = json.loads((CASES.parents[2] / "source" / "c7_campagne" / "c7_campagne.ipynb").read_text(encoding="utf-8"))
    graded = {c["metadata"]["nbgrader"]["grade_id"]: c["metadata"]["nbgrader"]["points"] for c in notebook["cells"]
              if c["metadata"].get("nbgrader", {}).get("grade") and c["cell_type"] == "code"}
    assert set(graded) == set(GRADED_CELLS)
    assert all(registry.lookup(g).points == p for g, p in graded.items())
    assert not [c for c in notebook["cells"] if c["metadata"].get("nbgrader", {}).get("solution")
                and c["cell_type"] == "code"]


def _copy(tmp_path, case: str):
    import shutil

    folder = tmp_path / case
    shutil.copytree(CASES / case, folder)
    return folder


def _edit_answers(folder, **values) -> None:
    path = folder / "reponses_c7_campagne.json"
    data = json.loads(path.read_text(encoding="utf-8"))
    for qid, value in values.items():
        data["answers"][qid] = {"value": value, "saved_at": "2026-12-20T18:30:00+01:00"}
    path.write_text(json.dumps(data), encoding="utf-8")


def test_exact_values_are_checked_at_grading_only_and_the_learner_sees_progress(tmp_path):
    folder = _copy(tmp_path, "erreurs_courantes")
    assert _score(folder, graded=False) == 13.5  # the figures are given: only their presence is shown
    _edit_answers(folder, c7_4_cpc_lien="beaucoup", c7_3_depense_max_jour=None)
    assert _score(folder) == 6.5  # unreadable or missing figures: 0 for their cell, with a French message
    from autograder.checks import registry

    results = registry.run("c7_3_calculs_test", registry.Submission(folder, c7.NOTEBOOK, {}))
    assert "Dépense maximale sur une journée" in results[0].missing[0]


def test_an_edited_export_or_answers_file_gains_nothing(tmp_path):
    folder = _copy(tmp_path, "erreurs_courantes")
    # The wrong link CPC (0,23 €) made right by editing the export next to the notebook: the grader regenerates it.
    (folder / "resultats_campagne.csv").write_text(
        "Nom de la publicité,Montant dépensé (EUR),Impressions,Couverture,Clics (tous),Clics sur un lien,Résultats,"
        "Indicateur de résultats\nA,150,1000,900,655,655,655,Clics sur un lien\n", encoding="utf-8")
    assert _score(folder) == 9.0
    _edit_answers(folder, c7_2_clics=10_000.0, c7_4_cpc_tous=-1.0, c7_3_budget_necessaire=1e300)
    assert _score(folder) < 9.0
    (folder / "reponses_c7_campagne.json").write_text("{pas du JSON", encoding="utf-8")
    assert _score(folder) == 2.5  # only the campaign's own cells (C7.1, C7.3 budget) are scored


def test_the_graded_view_shows_the_answers_and_the_reasoning_without_expected_values():
    from autograder.checks import registry

    sub = registry.Submission(CASES / "solution", c7.NOTEBOOK, {})
    view = registry.artefact_html("c7_2_prevision_test", sub)
    assert "Raisonnement" in view and "356" in view and "9074" in view
    cpc = registry.artefact_html("c7_4_cpc_test", sub)
    assert "0,41" in cpc and "0,414" not in cpc
    assert "Carrousel" in registry.artefact_html("c7_1_format_test", sub)


def test_unreadable_forecast_is_explained_without_python_notation():
    result = c7.check_forecast([1, 2], good_campaign())
    assert result.points == 0 and "les clics, les achats et la couverture" in str(result)
    assert "{" not in str(result) and "dictionnaire" not in str(result)


# -- the law questions (lesson 9): scored with the trainer-only key, the learner sees whether they answered ------
@pytest.mark.parametrize(("grade_id", "wrong", "right", "points"), [
    ("c7_1_formulaire_prospects_test", ["confidentialite", "au_cas_ou", "precochee"],
     ["confidentialite", "champs_utiles"], 2.0),
    ("c7_2_pixel_consentement_test", "navigation", "apres_accord", 1.0),
])
def test_a_law_question_fails_on_a_wrong_answer_and_passes_on_the_right_one(tmp_path, grade_id, wrong, right, points):
    from autograder.checks import registry

    folder = _copy(tmp_path, "solution")
    qid = grade_id.removesuffix("_test")
    sub = registry.Submission(folder, c7.NOTEBOOK, _keys())
    _edit_answers(folder, **{qid: wrong})
    failed = registry.run(grade_id, sub)
    assert registry.score(grade_id, failed) == 0 and "relisez la leçon 9" in failed[0].missing[0]
    _edit_answers(folder, **{qid: right})
    assert registry.score(grade_id, registry.run(grade_id, sub)) == points
    learner = registry.run(grade_id, registry.Submission(folder, c7.NOTEBOOK))
    assert "vérifiée à la correction" in str(learner[0])  # no key in the learner's kernel: progress only
    view = registry.artefact_html(grade_id, sub)
    assert "apprenant" in view and "Question" in view


def test_a_law_question_gives_partial_credit_and_names_only_the_learners_wrong_ticks(tmp_path):
    from autograder.checks import registry

    folder = _copy(tmp_path, "erreurs_courantes")
    result = registry.run("c7_1_formulaire_prospects_test", registry.Submission(folder, c7.NOTEBOOK, _keys()))[0]
    assert result.points == 1.0 and "1 cochée(s) à tort" in result.missing[0] and "école" in result.missing[0]
    assert "politique de confidentialité" not in result.missing[0]  # the right options are never named
    no_key = registry.run("c7_1_formulaire_prospects_test", registry.Submission(folder, c7.NOTEBOOK, {}))[0]
    assert no_key.points == 0 and "clé de correction" in no_key.missing[0]
