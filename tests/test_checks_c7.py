"""The C7 checks fail on a wrong campaign or wrong figures and pass on right ones."""

import json

import pytest

from autograder import campaign as cp
from autograder.checks import c7

BRIEF = {"objective": "trafic", "keywords": ["galette"], "age_min": 25, "age_max": 54}


def good_campaign(**changes) -> dict:
    data = {"objective": "trafic", "format": "carrousel",
            "audience": {"age_min": 25, "age_max": 54, "locations": ["Lyon", "Villeurbanne"],
                         "interests": ["pâtisserie", "famille"]},
            "message": "Nos galettes des rois sont là ! Commandez la vôtre en click & collect.",
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
    assert [f.text for f in result.findings][:2] == ["« cpc_lien » est renseigné (0,41).",
                                                     "« budget » est renseigné (1520,5)."]
