"""The audience explorer driven without a browser: set filters, then read the saved file and the artefact."""

import json

import pytest

from autograder import insights
from autograder.data import case_meta
from autograder.widgets.audience import AudienceExplorer, bar_chart_svg


@pytest.fixture(scope="module")
def case():
    data = case_meta.load_case()
    data["posts"] = insights.combined_posts(data["facebook_posts"], data["instagram_posts"])
    return data


def make(tmp_path, case):
    return AudienceExplorer(tmp_path / "explorateur_audience.json", audience=case["audience"], posts=case["posts"])


def test_filters_are_saved_and_the_table_follows(tmp_path, case):
    view = make(tmp_path, case)
    view._network.value = "Instagram"
    view._breakdown.value = "gender"
    saved = json.loads((tmp_path / "explorateur_audience.json").read_text(encoding="utf-8"))
    assert saved["reseau"] == "Instagram" and saved["repartition"] == "gender"
    expected = insights.audience_table(case["audience"], "gender", "Instagram")
    assert view.value.equals(expected)
    assert "Femmes" in view.summary_text and "Instagram" in view._chart.value
    assert 'role="img"' in view._chart.value and "Résumé du graphique" in view._summary.value


def test_period_filters_the_posts(tmp_path, case):
    view = make(tmp_path, case)
    view._period.value = ("2026-01", "2026-01")
    posts = view.period_posts()
    assert len(posts) > 0 and all(t.month == 1 for t in posts["Publish time"])
    assert "janvier 2026" in view._engagement.value
    view._network.value = "Facebook"
    assert set(view.period_posts()["Network"]) == {"Facebook"}


def test_state_survives_and_impossible_state_is_set_aside(tmp_path, case):
    view = make(tmp_path, case)
    view._breakdown.value = "city"
    again = make(tmp_path, case)
    assert again._breakdown.value == "city" and again.value.index[0] == "Lyon"
    (tmp_path / "explorateur_audience.json").write_text(json.dumps({"reseau": "TikTok", "repartition": "age"}))
    fresh = make(tmp_path, case)
    assert fresh._network.value == "Les deux" and "TikTok" in fresh._status.message


def test_chart_has_one_bar_per_category():
    svg = bar_chart_svg(["A", "B"], [60.0, 40.0], "Titre", "#0072B2", "Résumé")
    assert svg.count("<rect") == 2 and "60,0" in svg and 'aria-label="Résumé"' in svg
