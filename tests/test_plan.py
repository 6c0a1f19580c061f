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


# -- iCalendar: time zone, UIDs, DTSTAMP, read back by two independent parsers -------------------------------
SUMMER_CHANGE_POSTS = [  # (date, Paris time, UTC instant): both sides of the March and October changes of 2027
    ("2027-03-27", "18:30", "2027-03-27T17:30"),
    ("2027-03-28", "01:30", "2027-03-28T00:30"),
    ("2027-03-28", "03:30", "2027-03-28T01:30"),
    ("2027-03-29", "09:00", "2027-03-29T07:00"),
    ("2027-07-14", "12:00", "2027-07-14T10:00"),
    ("2027-10-30", "18:30", "2027-10-30T16:30"),
    ("2027-10-31", "01:30", "2027-10-30T23:30"),
    ("2027-10-31", "03:30", "2027-10-31T02:30"),
    ("2027-11-01", "09:00", "2027-11-01T08:00"),
]


def _change_plan(with_ids: bool = True) -> P.Plan:
    posts = [_post(date=d, time=t, network="facebook", format="publication", caption=f"Publication du {d} à {t}")
             | ({"id": f"p{i}"} if with_ids else {}) for i, (d, t, _) in enumerate(SUMMER_CHANGE_POSTS, start=1)]
    return P.Plan.from_dict({"start": "2027-03-01", "end": "2027-11-30", "posts": posts})


def _utc(text: str) -> dt.datetime:
    return dt.datetime.fromisoformat(text).replace(tzinfo=dt.UTC)


def test_ical_posts_keep_their_paris_time_in_icalendar_and_vobject():
    import vobject

    data = P.to_ical(_change_plan())
    expected = sorted(_utc(u) for _, _, u in SUMMER_CHANGE_POSTS)
    by_icalendar = sorted(ev.decoded("dtstart").astimezone(dt.UTC) for ev in Calendar.from_ical(data).walk("VEVENT"))
    by_vobject = sorted(ev.dtstart.value.astimezone(dt.UTC) for ev in vobject.readOne(data.decode()).vevent_list)
    assert by_icalendar == expected
    assert by_vobject == expected
    wall = sorted((ev.dtstart.value.strftime("%Y-%m-%d"), ev.dtstart.value.strftime("%H:%M"))
                  for ev in vobject.readOne(data.decode()).vevent_list)
    assert wall == sorted((d, t) for d, t, _ in SUMMER_CHANGE_POSTS)


def test_ical_time_zone_block_uses_yearly_rules_not_date_lists():
    import vobject

    data = P.to_ical(_change_plan())
    assert b"RDATE" not in data
    assert b"RRULE:FREQ=YEARLY;BYDAY=-1SU;BYMONTH=3" in data and b"RRULE:FREQ=YEARLY;BYDAY=-1SU;BYMONTH=10" in data
    assert data.index(b"BEGIN:VTIMEZONE") < data.index(b"BEGIN:VEVENT")
    (block,) = Calendar.from_ical(data).walk("VTIMEZONE")
    assert {c.name for c in block.subcomponents} == {"STANDARD", "DAYLIGHT"}
    # The block alone, read by each parser, gives Paris's offsets in years other than the plan's
    by_icalendar = block.to_tz()
    by_vobject = vobject.readOne(data.decode()).vtimezone.gettzinfo()
    for moment, hours in ((dt.datetime(2031, 3, 29, 12), 1), (dt.datetime(2031, 3, 30, 12), 2),
                          (dt.datetime(2033, 10, 29, 12), 2), (dt.datetime(2033, 10, 30, 12), 1)):
        assert by_icalendar.utcoffset(moment) == by_vobject.utcoffset(moment) == dt.timedelta(hours=hours), moment


def test_ical_uids_come_from_the_post_not_its_position():
    plan = _change_plan()
    before = {str(ev["summary"]) + str(ev["dtstart"].to_ical()): str(ev["uid"])
              for ev in Calendar.from_ical(P.to_ical(plan)).walk("VEVENT")}
    earlier = P.make_post(_post(date="2027-03-02", time="08:00", network="facebook", format="publication"))
    earlier.id = "p10"
    plan.posts.insert(0, earlier)
    after = {str(ev["summary"]) + str(ev["dtstart"].to_ical()): str(ev["uid"])
             for ev in Calendar.from_ical(P.to_ical(plan)).walk("VEVENT")}
    assert len(after) == len(before) + 1
    assert all(after[k] == uid for k, uid in before.items())
    assert "p1-20270301@plan-social-media" in before.values()


def test_posts_without_id_get_one_that_adding_a_post_does_not_change():
    plan = _change_plan(with_ids=False)
    ids = {(p.date, p.time): p.id for p in plan.posts}
    assert len(set(ids.values())) == len(ids) and all(i.startswith("p-") for i in ids.values())
    raw = [p.to_dict() | {"id": ""} for p in plan.posts]
    raw.insert(0, _post(date="2027-03-02", time="08:00", network="facebook", format="publication"))
    grown = P.Plan.from_dict({"start": "2027-03-01", "end": "2027-11-30", "posts": raw[::-1]})
    assert {(p.date, p.time): p.id for p in grown.posts if p.date != dt.date(2027, 3, 2)} == ids
    # a rewritten caption keeps the id; a saved plan keeps its ids
    raw[3]["caption"] = "Autre texte"
    assert P.Plan.from_dict({"start": "2027-03-01", "end": "2027-11-30", "posts": raw}).posts[3].id == grown.posts[-4].id
    assert P.Plan.from_dict(plan.to_dict()).to_dict() == plan.to_dict()


def test_two_identical_posts_without_id_still_get_two_events():
    twice = [_post(date="2027-03-27", time="18:30", network="facebook", format="publication")] * 2
    plan = P.Plan.from_dict({"start": "2027-03-01", "end": "2027-11-30", "posts": twice})
    assert plan.posts[0].id != plan.posts[1].id
    plan.posts[1].id = plan.posts[0].id  # a hand-edited file with the same id twice
    assert len({str(ev["uid"]) for ev in Calendar.from_ical(P.to_ical(plan)).walk("VEVENT")}) == 2


def test_ical_dtstamp_is_the_export_time():
    before = dt.datetime.now(dt.UTC).replace(microsecond=0)
    events = Calendar.from_ical(P.to_ical(_change_plan())).walk("VEVENT")
    after = dt.datetime.now(dt.UTC)
    assert all(before <= ev.decoded("dtstamp") <= after for ev in events)
    fixed = dt.datetime(2027, 2, 1, 9, 30, tzinfo=P.PARIS)
    assert b"DTSTAMP:20270201T083000Z" in P.to_ical(_change_plan(), stamp=fixed)


def test_a_post_made_by_make_post_alone_still_covers_its_key_date(solution):
    """``make_post`` gives no id; the coverage names the post by its content id instead of « not found »."""
    from autograder.calendar import major_dates

    dates = major_dates(solution.start, solution.end)
    plan = P.Plan(solution.start, solution.end, solution.line, [p for p in solution.posts if not p.key_date])
    assert "Halloween" in [c["name"] for c in P.key_date_coverage(plan, dates) if not c["post"]]
    post = P.make_post(_post(date="2027-10-28", key_date="Halloween", caption="Sablés citrouille"), plan.start, plan.end)
    assert post.id == ""
    plan.posts.append(post)
    found = {c["name"]: c["post"] for c in P.key_date_coverage(plan, dates)}
    assert found["Halloween"] == P.content_id(post)


def test_lesson_tables_are_french_with_every_figure_shown(solution):
    from autograder import calendar
    from autograder.checks.views import table
    from autograder.company import CASE_COMPANY

    header, rows = P.regularity_rows(solution)
    assert header[0] == "Réseau" and "network" not in header
    instagram = next(r for r in rows if r[0] == "Instagram")
    assert instagram[2] == "3,12" and instagram[-1] == 0
    assert ">0</td>" in table("Régularité", header, rows)  # a zero is shown, not left blank
    dates = calendar.major_dates(solution.start, solution.end, company=CASE_COMPANY)
    header, rows = P.coverage_rows(P.key_date_coverage(solution, dates))
    assert header == P.COVERAGE_HEADER and all(r[3] != "aucune" for r in rows)
    without = P.Plan(solution.start, solution.end, solution.line, [])
    assert {r[3] for r in P.coverage_rows(P.key_date_coverage(without, dates))[1]} == {"aucune"}
    header, rows = calendar.dates_rows(dates)
    assert header[-1] == "Majeure pour l'entreprise" and {r[-1] for r in rows} == {"oui"}
    assert rows[0][0].count("/") == 2  # JJ/MM/AAAA
    long = "x" * 200
    assert long in table("Long", ["texte"], [[long]], limit=None) and long not in table("Long", ["texte"], [[long]])
