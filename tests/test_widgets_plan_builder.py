import datetime as dt
import json
import shutil

import pytest

from autograder.plan import Plan
from autograder.results import LearnerInputError
from autograder.widgets.editorial_line import EditorialLineForm, parse_shares
from autograder.widgets.plan_builder import PlanBuilder, PlanModel, month_html, open_plan

from course_support import REPO

SOLUTION = REPO / "tests" / "pipeline_cases" / "c3_plan_editorial" / "solution" / "plan_editorial.json"


@pytest.fixture
def builder(tmp_path):
    return PlanBuilder(tmp_path / "plan.json", start="2027-10-01")


def _saved(path):
    return json.loads(path.read_text(encoding="utf-8"))


def test_add_edit_move_delete_undo_persist(builder, tmp_path):
    path = tmp_path / "plan.json"
    b = builder
    b._date.value = dt.date(2027, 10, 4)
    b._time.value = "18:30"
    b._network.value = "instagram"
    b._format.value = "reel"
    b._theme.value = "coulisses"
    b._caption.value = "Dans les coulisses du fournil."
    b._add.click()
    assert [p["id"] for p in _saved(path)["posts"]] == ["p1"]
    assert b._select.value == "p1" and "ajoutée" in b._status.message
    b._date.value = dt.date(2027, 10, 6)
    b._save.click()
    assert _saved(path)["posts"][0]["date"] == "2027-10-06"
    b.model.move_post("p1", "2027-10-08", "12:00")
    assert (_saved(path)["posts"][0]["date"], _saved(path)["posts"][0]["time"]) == ("2027-10-08", "12:00")
    b._delete.click()
    assert _saved(path)["posts"] == []
    b._undo.click()
    assert len(_saved(path)["posts"]) == 1
    fresh = PlanModel(path)  # a fresh kernel reads the same plan
    assert fresh.plan.posts[0].theme == "coulisses"
    assert "coulisses" in b._calendar.value and "Black Friday" not in b._calendar.value  # October grid
    assert "★ Halloween" in b._calendar.value  # key dates shown
    b._month.value = (2027, 11)
    assert "★ Black Friday" in b._calendar.value
    b._view.value = "liste"
    assert "1 publication(s)" in b._calendar.value
    assert "Dates clés de la période" in b._calendar.value and "à préparer" in b._calendar.value


@pytest.mark.parametrize("field,value,message", [
    ("_time", "02:30", None), ("_time", "18h75", "HH:MM"), ("_date", dt.date(2028, 2, 1), "en dehors du plan"),
])
def test_bad_input_keeps_last_good_state(builder, tmp_path, field, value, message):
    b = builder
    b._date.value = dt.date(2027, 10, 4)
    b._add.click()
    before = (tmp_path / "plan.json").read_bytes()
    getattr(b, field).value = value
    b._add.click()
    if message is None:  # 02:30 exists in October: only the spring change removes it
        assert b._status.kind == "ok"
        return
    assert b._status.kind == "erreur" and message in b._status.message
    assert (tmp_path / "plan.json").read_bytes() == before


def test_spring_forward_time_refused(tmp_path):
    b = PlanBuilder(tmp_path / "p.json", start="2028-03-01", live_checks=False)
    b._date.value = dt.date(2028, 3, 26)
    b._time.value = "02:30"
    b._add.click()
    assert b._status.kind == "erreur" and "heure d'été" in b._status.message
    assert not (tmp_path / "p.json").exists() or _saved(tmp_path / "p.json")["posts"] == []


def test_formats_follow_the_network(builder):
    builder._network.value = "linkedin"
    assert "story" not in builder._format.options and "publication" in builder._format.options


def test_live_checks_and_exports(tmp_path):
    shutil.copy(SOLUTION, tmp_path / "plan.json")
    b = PlanBuilder(tmp_path / "plan.json")
    assert "C3.1" in b._checks.value and "C4.4" in b._checks.value
    assert all(r.passed for r in b.check())
    b._export.click()
    assert (tmp_path / "plan.ics").read_bytes().startswith(b"BEGIN:VCALENDAR")
    assert (tmp_path / "plan.csv").read_text(encoding="utf-8").startswith("date,heure")
    assert (tmp_path / "plan_retroplanning.png").stat().st_size > 10_000
    assert (tmp_path / "plan_retroplanning.pdf").read_bytes()[:4] == b"%PDF"
    assert len(b.to_dataframe()) == len(Plan.load(SOLUTION).posts)


def test_corrupt_file_is_set_aside(tmp_path):
    (tmp_path / "plan.json").write_text("{ pas du json", encoding="utf-8")
    b = PlanBuilder(tmp_path / "plan.json", start="2027-10-01", live_checks=False)
    assert b._status.kind == "erreur" and "mis de côté" in b._status.message
    assert list(tmp_path.glob("plan.json.corrompu-*"))


def test_editorial_line_form_shares_the_plan_file(tmp_path):
    path = tmp_path / "plan.json"
    b = PlanBuilder(path, start="2027-10-01", live_checks=False)
    form = EditorialLineForm(path)
    assert form._model is b.model is open_plan(path)
    form._objectives.value = ("notoriété", "ventes")
    form._persona.value = "Claire, 38 ans, mère de famille à la Croix-Rousse"
    form._tone.value = "chaleureux"
    form._pillars.value = "Savoir-faire : 40\nOffres : 30\nQuartier : 30"
    form._networks.value = ("instagram",)
    form._frequency.value = "instagram : 3"
    form._save.click()
    assert form._status.kind == "ok"
    assert _saved(path)["editorial_line"]["pillars"] == {"Savoir-faire": 40, "Offres": 30, "Quartier": 30}
    assert "Savoir-faire" in b._pillar.options
    form._frequency.value = "instagram : souvent"
    form._save.click()
    assert form._status.kind == "erreur" and "nom : nombre" in form._status.message
    assert _saved(path)["editorial_line"]["frequency"] == {"instagram": 3}


def test_parse_shares_and_month_grid():
    assert parse_shares("A : 40 %\n\nB=60", "Piliers") == {"A": 40, "B": 60}
    html = month_html(Plan.load(SOLUTION), 2027, 12)
    assert html.count("<tr>") == 6 and "Décembre 2027" in html


def test_a_plan_file_replaced_on_disk_is_read_again(tmp_path):
    path = tmp_path / "plan.json"
    b = PlanBuilder(path, start="2027-10-01", live_checks=False)
    b.model.add_post({"date": "2027-10-04", "time": "18:30", "network": "instagram", "format": "reel",
                      "theme": "offre"})
    assert open_plan(path) is b.model  # unchanged file: same model
    shutil.copy(SOLUTION, path)  # the learner copies the plan of module C3
    again = PlanBuilder(path, live_checks=False)
    assert len(again.value.posts) == len(Plan.load(SOLUTION).posts)
    again.model.delete_post(again.value.posts[0].id)
    assert len(_saved(path)["posts"]) == len(Plan.load(SOLUTION).posts) - 1


def test_a_broken_sector_date_is_reported_not_raised(tmp_path):
    import dataclasses

    from autograder.company import CASE_COMPANY

    bad = dataclasses.replace(CASE_COMPANY, sector_dates=[{"date": "31/10", "name": "Fête du quartier"}])
    b = PlanBuilder(tmp_path / "plan.json", start="2027-10-01", company=bad, live_checks=False)
    assert b._status.kind == "erreur" and "MM-JJ" in b._status.message
    assert "Halloween" in b._calendar.value


def test_a_hostile_plan_file_is_set_aside(tmp_path):
    (tmp_path / "plan.json").write_text(json.dumps({"start": "2027-10-01", "posts": [{"date": [1, 2]}],
                                                    "editorial_line": {"pillars": "tout"}}), encoding="utf-8")
    b = PlanBuilder(tmp_path / "plan.json", start="2027-10-01", live_checks=False)
    assert b._status.kind == "erreur" and "mis de côté" in b._status.message
    assert b.value.posts == []


# -- repeat weekly and duplicate (a 3-month plan in a few entries) -------------------------------------------------

WEDNESDAY = {"date": "2027-10-06", "time": "18:30", "network": "instagram", "format": "reel", "theme": "offre",
             "caption": "Offre du mercredi : une viennoiserie offerte pour deux achetées.", "key_date": "Halloween"}


def _model(tmp_path) -> PlanModel:
    model = PlanModel(tmp_path / "plan.json", start="2027-10-01")  # 01/10/2027 – 31/12/2027
    model.add_post(WEDNESDAY)
    model.add_post({**WEDNESDAY, "date": "2027-10-08", "network": "facebook", "format": "publication"})
    return model


def test_repeat_weekly_copies_the_post_every_week_under_new_ids(tmp_path):
    model = _model(tmp_path)
    before = _saved(tmp_path / "plan.json")["posts"]
    copies = model.repeat_weekly("p1", "2027-12-31")
    assert copies == [f"p{n}" for n in range(3, 15)]  # 12 Wednesdays after 06/10, up to 29/12
    posts = {p["id"]: p for p in _saved(tmp_path / "plan.json")["posts"]}
    assert [posts[i]["date"] for i in copies] == [
        (dt.date(2027, 10, 6) + dt.timedelta(weeks=k)).isoformat() for k in range(1, 13)]
    for i in copies:
        assert {k: v for k, v in posts[i].items() if k not in ("id", "date", "key_date")} == \
            {k: v for k, v in posts["p1"].items() if k not in ("id", "date", "key_date")}
        assert posts[i]["key_date"] == ""  # a weekly copy prepares no key date: only the post itself does
    assert [posts["p1"], posts["p2"]] == before  # the existing posts keep their ids and contents
    assert model.repeat_weekly("p1", "2027-12-31") == []  # repeating again adds nothing twice
    assert len(_saved(tmp_path / "plan.json")["posts"]) == 14
    assert model.repeat_weekly("p2", "2027-10-26") == ["p15", "p16"]  # 15/10 and 22/10 (29/10 is after)


def test_undo_removes_a_whole_repetition_in_one_step(tmp_path):
    model = _model(tmp_path)
    before = _saved(tmp_path / "plan.json")
    model.repeat_weekly("p1", "2027-11-30")
    assert len(_saved(tmp_path / "plan.json")["posts"]) == 2 + 7  # 13/10 … 24/11
    assert model.undo()
    assert _saved(tmp_path / "plan.json") == before and len(model.plan.posts) == 2
    assert PlanModel(tmp_path / "plan.json").state["posts"] == before["posts"]  # a fresh kernel agrees


@pytest.mark.parametrize("until,message", [
    ("2028-01-15", "Répétition jusqu'au 15/01/2028 impossible : cette date est en dehors du plan "
                   "(du 01/10/2027 au 31/12/2027)."),
    ("2027-09-30", "en dehors du plan (du 01/10/2027 au 31/12/2027)"),
    ("2027-10-12", "au moins une semaine après la publication p1 du 06/10/2027 (au plus tôt le 13/10/2027)"),
    ("le 12", "Fin de la répétition"),
])
def test_repeat_refuses_dates_outside_the_plan_in_french(tmp_path, until, message):
    model = _model(tmp_path)
    before = (tmp_path / "plan.json").read_bytes()
    with pytest.raises(LearnerInputError) as err:
        model.repeat_weekly("p1", until)
    assert message in err.value.args[0]
    assert (tmp_path / "plan.json").read_bytes() == before and len(model.plan.posts) == 2


def test_repeat_across_the_spring_change_refuses_every_copy(tmp_path):
    model = PlanModel(tmp_path / "plan.json", start="2028-03-01")
    model.add_post({**WEDNESDAY, "date": "2028-03-19", "time": "02:30", "key_date": ""})
    before = (tmp_path / "plan.json").read_bytes()
    with pytest.raises(LearnerInputError) as err:
        model.repeat_weekly("p1", "2028-04-30")
    assert err.value.args[0].startswith("Copie du 26/03/2028 :") and "heure d'été" in err.value.args[0]
    assert (tmp_path / "plan.json").read_bytes() == before


def test_duplicate_gives_a_copy_a_new_id_and_undo_removes_it(tmp_path):
    model = _model(tmp_path)
    model.delete_post("p1")  # the remaining post keeps its id, and the copy takes one no post holds
    assert model.duplicate_post("p2") == "p3"
    posts = {p["id"]: p for p in _saved(tmp_path / "plan.json")["posts"]}
    assert {k: v for k, v in posts["p3"].items() if k != "id"} == {k: v for k, v in posts["p2"].items() if k != "id"}
    copy = model.duplicate_post("p2", date="2027-10-15", network="instagram", format="story")
    assert copy == "p4"
    saved = {p["id"]: p for p in _saved(tmp_path / "plan.json")["posts"]}
    assert (saved["p4"]["date"], saved["p4"]["network"], saved["p4"]["caption"]) == \
        ("2027-10-15", "instagram", posts["p2"]["caption"])
    assert model.undo() and [p["id"] for p in _saved(tmp_path / "plan.json")["posts"]] == ["p2", "p3"]
    with pytest.raises(LearnerInputError, match="en dehors du plan"):
        model.duplicate_post("p2", date="2028-02-01")
    with pytest.raises(LearnerInputError, match="introuvable"):
        model.duplicate_post("p42")


def test_repeat_and_duplicate_in_the_builder(tmp_path):
    path = tmp_path / "plan.json"
    b = PlanBuilder(path, start="2027-10-01", live_checks=False)
    controls = [c for box in b.children[2].children for c in getattr(box, "children", [box])]
    assert b._duplicate in controls and b._until in controls and b._repeat in controls
    assert b._until.description == "Répéter chaque semaine jusqu'au :" and b._until.value == dt.date(2027, 12, 31)
    assert (b._duplicate.description, b._repeat.description) == ("Dupliquer", "Répéter chaque semaine")
    b._repeat.click()  # nothing chosen yet
    assert b._status.kind == "erreur" and "publication à répéter" in b._status.message
    b._date.value = dt.date(2027, 10, 4)
    b._format.value = "reel"
    b._caption.value = "Le pain du lundi."
    b._add.click()
    b._until.value = dt.date(2027, 10, 25)
    b._repeat.click()
    assert b._status.kind == "ok", b._status.message
    assert b._status.message.startswith("3 copie(s) de la publication p1 ajoutée(s), chaque semaine du 11/10/2027 "
                                        "au 25/10/2027")
    assert [p["date"] for p in _saved(path)["posts"]] == ["2027-10-04", "2027-10-11", "2027-10-18", "2027-10-25"]
    assert "p4" in [v for _, v in b._select.options]
    b._repeat.click()
    assert b._status.kind == "info" and "Rien à ajouter" in b._status.message
    b._until.value = dt.date(2028, 1, 31)
    b._repeat.click()
    assert b._status.kind == "erreur" and "en dehors du plan" in b._status.message
    assert len(_saved(path)["posts"]) == 4
    b._undo.click()
    assert [p["id"] for p in _saved(path)["posts"]] == ["p1"]
    b._duplicate.click()
    assert b._select.value == "p2" and "dupliquée" in b._status.message
    assert [p["caption"] for p in _saved(path)["posts"]] == ["Le pain du lundi."] * 2
