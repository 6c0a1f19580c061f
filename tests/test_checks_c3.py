import copy
import datetime as dt
import json

import pytest

from autograder.checks import c3

from course_support import REPO

SOLUTION = REPO / "tests" / "pipeline_cases" / "c3_plan_editorial" / "solution" / "plan_editorial.json"


@pytest.fixture
def data():
    return json.loads(SOLUTION.read_text(encoding="utf-8"))


def test_solution_passes_every_c3_check(data):
    for result in c3.check_all(data, "2027-10-01"):
        assert result.passed, str(result)


def test_regularity_fails_on_gaps_and_bursts(data):
    bad = copy.deepcopy(data)
    # drop all of November on Instagram and pile 4 posts on one day
    bad["posts"] = [p for p in bad["posts"] if not (p["network"] == "instagram" and p["date"].startswith("2027-11"))]
    bad["posts"] += [dict(bad["posts"][0], time=f"1{i}:00", id=f"x{i}") for i in range(4)]
    result = c3.check_regularity(bad, "2027-10-01")
    assert not result.passed and result.points <= 1
    text = str(result)
    assert "Silences trop longs" in text and "groupées" in text


def test_regularity_compares_with_the_editorial_line(data):
    data["editorial_line"]["frequency"]["instagram"] = 7
    result = c3.check_regularity(data)
    assert result.points == 3 and "ligne éditoriale" in result.missing[0]


def test_calendar_fails_when_key_dates_are_ignored(data):
    data["posts"] = [dict(p, key_date="", caption="Notre pain du jour.") for p in data["posts"]]
    result = c3.check_calendar(data)
    assert result.points == 0
    assert "Halloween" in str(result) and "Journée mondiale du pain" in str(result)


def test_theme_diversity_fails_on_a_monotonous_plan(data):
    for p in data["posts"]:
        p["theme"] = "offre"
    result = c3.check_theme_diversity(data)
    assert result.points <= 1 and "offre" in str(result)


def test_theme_diversity_checks_pillar_shares(data):
    data["editorial_line"]["pillars"] = {"Savoir-faire": 80, "Gourmandise et offres": 10, "Vie de quartier": 10}
    result = c3.check_theme_diversity(data)
    assert result.points == 3 and "Piliers hors" in result.missing[0]


def test_bad_input_scores_zero_with_french_message(tmp_path):
    for artefact in (tmp_path / "absent.json", 42, {"start": "2027-10-01", "posts": []}):
        result = c3.check_regularity(artefact)
        assert result.points == 0 and result.possible == 4
        assert result.missing[0].startswith("Vérification impossible")


def test_wrong_start_is_reported(data):
    result = c3.check_calendar(data, dt.date(2027, 9, 1))
    assert result.points == 0 and "01/09/2027" in str(result)
