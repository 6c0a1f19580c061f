import datetime as dt
import json
import re

from autograder.widgets.campaign_builder import CampaignBuilder, CampaignModel, forecast_svg


def saved(path):
    return json.loads(path.read_text(encoding="utf-8"))["campaign"]


def test_changes_update_forecast_plot_and_file(tmp_path):
    path = tmp_path / "campagne.json"
    view = CampaignBuilder(path)
    assert "Budget insuffisant" in view._warnings.value  # 5 € × 14 days for 300 clicks
    view._amount.value = 7.0
    assert saved(path)["budget"]["amount"] == 7.0
    assert "Budget insuffisant" not in view._warnings.value
    assert "<svg" in view._plot.value and "objectif 300" in view._plot.value
    view._format.value = "reel"
    assert "convient mal" in view._warnings.value
    assert saved(path)["placements"] == [["facebook", "reel"], ["instagram", "reel"]]
    view._goal_metric.value = "achats"
    assert "Achats" in view._plot.value
    assert CampaignModel(path).campaign.format == "reel"


def test_bad_input_keeps_the_last_good_campaign(tmp_path):
    path = tmp_path / "campagne.json"
    view = CampaignBuilder(path)
    view._amount.value = 8.0
    for control, bad, needle in ((view._amount, -2.0, "strictement positif"), (view._amount, 0.0, "strictement positif")):
        control.value = bad
        assert view._status.kind == "erreur" and needle in view._status.message
        assert saved(path)["budget"]["amount"] == 8.0
    view._amount.value = 8.0
    view._end.value = dt.date(2026, 12, 1)
    assert "date de fin" in view._status.message
    assert saved(path)["budget"]["end"] == "2027-01-15"
    view._end.value = dt.date(2027, 1, 15)
    view._locations.value = ()
    assert "au moins un lieu" in view._status.message
    assert saved(path)["audience"]["locations"]


def test_audience_warnings_and_svg_summary(tmp_path):
    view = CampaignBuilder(tmp_path / "c.json")
    view._locations.value = ("France",)
    view._ages.value = (18, 65)
    assert "Audience trop large" in view._warnings.value
    table = view.model.campaign.forecast()
    svg = forecast_svg(table, "clicks", 300)
    assert 'role="img"' in svg and "aria-label" in svg and "objectif 300" in svg


def test_placements_follow_the_format_and_cannot_be_empty(tmp_path):
    path = tmp_path / "campagne.json"
    (tmp_path / "galette.png").write_bytes(b"\x89PNG")
    view = CampaignBuilder(path)
    assert view._visual.options == ("galette.png",)
    view._visual.value = "galette.png"
    assert saved(path)["visual"] == "galette.png"
    view._format.value = "story"
    assert [label for label, _ in view._placements.options] == ["Facebook – Story 9:16", "Instagram – Story 9:16"]
    view._placements.value = ("instagram/story",)
    assert saved(path)["placements"] == [["instagram", "story"]]
    view._placements.value = ()
    assert view._status.kind == "erreur" and "au moins un emplacement" in view._status.message
    assert saved(path)["placements"] == [["instagram", "story"]]


def test_the_learners_company_drives_the_default_campaign(tmp_path):
    from autograder.company import CASE_COMPANY, CompanyProfile

    own = CompanyProfile.from_dict(dict(CASE_COMPANY.to_dict(), name="Agence Lumen", sector="Conseil B2B",
                                        market="B2B", target_ages=[30, 60], target_locations=["Paris"]))
    own.save(tmp_path / "entreprise.json")
    view = CampaignBuilder(tmp_path / "campagne.json")
    assert view.value["sector"] == "b2b" and view.value["audience"]["locations"] == ["Paris"]
    (tmp_path / "entreprise.json").write_text('{"name": "x"}', encoding="utf-8")
    broken = CampaignBuilder(tmp_path / "autre.json")
    assert broken._status.kind == "erreur" and "incomplet" in broken._status.message
    assert broken.value["audience"]["locations"] == ["Lyon", "Villeurbanne", "Caluire-et-Cuire"]


def test_budget_curve_says_where_each_scenario_reaches_the_goal():
    from autograder.widgets.campaign_builder import budget_curve_svg

    svg = budget_curve_svg("local", goal=300)
    assert 'role="img"' in svg and "objectif 300" in svg
    assert "attendu : 82,50 €" in svg and "bas : 120,00 €" in svg
    assert "Budget pour atteindre" not in budget_curve_svg("local")


def test_notes_write_amounts_and_sizes_the_french_way(tmp_path):
    """« Budget total : 98,00 € », not « 98 00 € » (the old ``.replace(",", " ")`` ran over the whole sentence)."""
    view = CampaignBuilder(tmp_path / "campagne.json")
    view._amount.value = 7.0
    notes = view._warnings.value
    assert "Budget total : 98,00 € sur 14 jour(s)." in notes and "98 00" not in notes
    assert "Taille estimée de l&#x27;audience : 162\u202f200 – 219\u202f400 personnes." in notes
    assert "jusqu&#x27;à 12,25 € un jour donné et 49,00 € au plus sur une semaine" in notes
    cells = re.findall(r"<td[^>]*>([^<]*)</td>", view._table.value)
    assert cells and all(re.fullmatch(r"\d{1,3}(\u202f\d{3})*(,\d\d)?", c) for c in cells), cells
    assert any("," in c for c in cells) and any("\u202f" in c for c in cells)
