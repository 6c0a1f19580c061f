import csv
import datetime as dt
import io
import json

import pytest
from icalendar import Calendar

from autograder import plan as P
from autograder.results import LearnerInputError

from course_support import REPO

SOLUTION = REPO / "tests" / "pipeline_cases" / "c3_plan_editorial" / "solution" / "plan_editorial.json"


@pytest.fixture
def solution():
    return P.Plan.load(SOLUTION)


def _post(**kw):
    raw = {"date": "2027-10-04", "time": "18:30", "network": "instagram", "format": "reel", "theme": "offre"}
    raw.update(kw)
    return raw


def test_make_post_normalises_french_inputs():
    p = P.make_post(_post(date="04/10/2027", time="9h05", network="Insta", format="Reels", theme="Actualités"))
    assert (p.date, p.time, p.network, p.format, p.theme) == (dt.date(2027, 10, 4), "09:05", "instagram", "reel",
                                                              "actualité")


@pytest.mark.parametrize("change,message", [
    ({"date": "2028-01-02"}, "en dehors du plan"),
    ({"date": "2027-03-28", "time": "02:30"}, "n'existe pas"),
    ({"network": "myspace"}, "Réseau inconnu"),
    ({"format": "hologramme"}, "Format inconnu"),
    ({"network": "linkedin", "format": "story"}, "n'existe pas sur LinkedIn"),
    ({"theme": "météo"}, "Thème inconnu"),
    ({"time": "25:00"}, "HH:MM"),
    ({"theme": ""}, "il manque theme"),
    ({"network": "x", "format": "publication", "caption": "a" * 281}, "trop long"),
])
def test_bad_posts_get_french_messages(change, message):
    start, end = (dt.date(2027, 10, 1), dt.date(2027, 12, 31)) if "2027-03" not in str(change.get("date")) else (None, None)
    with pytest.raises(LearnerInputError, match=message):
        P.make_post(_post(**change), start, end)


def test_empty_plan_window_is_three_months():
    plan = P.Plan.empty("2027-10-01")
    assert plan.end == dt.date(2027, 12, 31)
    assert P.Plan.empty("2027-11-30").end == dt.date(2028, 2, 28)


def test_regularity_measures(solution):
    reg = P.regularity(solution)
    assert reg["instagram"].per_week == pytest.approx(3.12, abs=0.01)
    assert reg["instagram"].longest_gap <= 3
    sparse = P.Plan(solution.start, solution.end, solution.line, [solution.posts[0]])
    assert P.regularity(sparse)[solution.posts[0].network].longest_gap > 80


def test_theme_format_and_pillar_shares(solution):
    assert sum(P.theme_shares(solution).values()) == pytest.approx(100, abs=0.5)
    assert set(P.format_shares(solution)) <= set(P.FORMATS)
    gaps = P.pillar_gaps(solution)
    assert set(gaps) == set(solution.line.pillars)
    assert all(abs(want - got) <= 10 for want, got in gaps.values())


def test_key_date_coverage_needs_a_related_post_before_the_date(solution):
    from autograder.calendar import major_dates

    dates = major_dates(solution.start, solution.end)
    assert all(c["post"] for c in P.key_date_coverage(solution, dates))
    without = P.Plan(solution.start, solution.end, solution.line, [p for p in solution.posts if not p.key_date])
    missing = [c["name"] for c in P.key_date_coverage(without, dates) if not c["post"]]
    assert "Halloween" in missing


def test_ical_export_read_back_with_every_post(solution):
    data = P.to_ical(solution)
    cal = Calendar.from_ical(data)
    events = cal.walk("VEVENT")
    assert len(events) == len(solution.posts) > 60
    starts = sorted(ev.decoded("dtstart") for ev in events)
    assert starts == sorted(p.when for p in solution.posts)
    assert all(str(ev.decoded("dtstart").tzinfo) == "Europe/Paris" for ev in events)
    assert len({str(ev["uid"]) for ev in events}) == len(events)
    assert b"BEGIN:VTIMEZONE" in data and b"VERSION:2.0" in data
    assert [e["description"] for e in P.read_ical(data)][0] == solution.sorted_posts()[0].caption


def test_csv_export_is_documented_and_complete(solution):
    rows = list(csv.DictReader(io.StringIO(P.to_csv(solution))))
    assert list(rows[0]) == list(P.CSV_COLUMNS)
    assert len(rows) == len(solution.posts)
    assert rows[0]["debut_iso"].endswith("+02:00") and rows[-1]["debut_iso"].endswith("+01:00")


def test_retroplanning_png_and_pdf(solution, tmp_path):
    png = P.save_retroplanning(solution, tmp_path / "r.png")
    pdf = P.save_retroplanning(solution, tmp_path / "r.pdf")
    assert png.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n" and pdf.read_bytes()[:4] == b"%PDF"
    with pytest.raises(LearnerInputError, match="png ou .pdf"):
        P.save_retroplanning(solution, tmp_path / "r.gif")


def test_roundtrip_and_bad_files(solution, tmp_path):
    path = solution.save(tmp_path / "plan.json")
    assert P.Plan.load(path).to_dict() == solution.to_dict()
    with pytest.raises(LearnerInputError, match="introuvable"):
        P.as_plan(tmp_path / "absent.json")
    data = json.loads(path.read_text())
    data["posts"][3]["network"] = "minitel"
    with pytest.raises(LearnerInputError, match="Publication n° 4"):
        P.Plan.from_dict(data)
    with pytest.raises(LearnerInputError):
        P.as_plan(42)


def test_editorial_line_problems():
    line = P.EditorialLine.from_dict({"pillars": {"A": 50, "B": 30, "C": 10}, "networks": ["instagram"]})
    problems = " ".join(line.problems())
    assert "90 %" in problems and "fréquence" in problems and "objectif" in problems
    with pytest.raises(LearnerInputError, match="négative"):
        P.EditorialLine.from_dict({"pillars": {"A": -5}})


def test_hostile_editorial_line_gets_a_french_message(solution):
    data = solution.to_dict()
    data["editorial_line"]["pillars"] = ["Savoir-faire", 40]
    with pytest.raises(LearnerInputError, match="pillars"):
        P.Plan.from_dict(data)
