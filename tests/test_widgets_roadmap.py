"""The roadmap widget (lesson 00) and the reminder at the top of every module, driven without a browser."""

from __future__ import annotations

import datetime as dt
import json

from autograder import roadmap as R
from autograder.plan import read_ical
from autograder.widgets.roadmap import RoadmapModel, RoadmapPlanner, reminder_html, show_reminder

TODAY = dt.date(2026, 12, 7)


def test_choosing_the_exam_date_saves_the_plan_and_reloads_it(tmp_path):
    path = tmp_path / R.ROADMAP_FILE
    planner = RoadmapPlanner(path, today=TODAY)
    assert not path.exists() and planner.value is None and planner._export.disabled
    planner._exam.value = dt.date(2027, 3, 15)
    saved = json.loads(path.read_text(encoding="utf-8"))
    assert saved["exam"] == "2027-03-15" and saved["planned_on"] == "2026-12-07"
    assert "12 étapes" in planner._status.message
    planner._boxes["page"].value = True
    assert json.loads(path.read_text(encoding="utf-8"))["done"] == ["page"]
    again = RoadmapPlanner(path, today=TODAY + dt.timedelta(days=40))  # a fresh kernel, weeks later
    assert again._exam.value == dt.date(2027, 3, 15) and again._boxes["page"].value
    assert again.value.planned_on == TODAY  # the plan does not shift
    assert "en retard" in again._warnings.value
    assert all(box.description.startswith("Fait : ") for box in again._boxes.values())


def test_a_past_date_is_refused_and_the_last_good_plan_kept(tmp_path):
    path = tmp_path / R.ROADMAP_FILE
    planner = RoadmapPlanner(path, today=TODAY)
    planner._exam.value = dt.date(2027, 3, 15)
    planner._exam.value = dt.date(2026, 11, 1)
    assert planner._status.kind == "erreur" and "n'est pas après aujourd'hui" in planner._status.message
    assert planner._exam.value == dt.date(2027, 3, 15)
    assert json.loads(path.read_text(encoding="utf-8"))["exam"] == "2027-03-15"


def test_a_close_exam_shows_the_honest_warning(tmp_path):
    planner = RoadmapPlanner(tmp_path / R.ROADMAP_FILE, today=TODAY)
    planner._exam.value = TODAY + dt.timedelta(days=5)
    assert "trop court" in planner._warnings.value


def test_ical_export_is_written_next_to_the_roadmap(tmp_path):
    planner = RoadmapPlanner(tmp_path / R.ROADMAP_FILE, today=TODAY)
    planner._exam.value = dt.date(2027, 3, 15)
    planner._export.click()
    ics = tmp_path / R.ICS_FILE
    assert ics.exists() and len(read_ical(ics.read_bytes())) == len(R.TASKS) + 1
    assert "feuille_de_route.ics" in planner._status.message


def test_a_corrupt_file_is_set_aside_with_a_message(tmp_path):
    path = tmp_path / R.ROADMAP_FILE
    path.write_text('{"exam": "demain"}', encoding="utf-8")
    planner = RoadmapPlanner(path, today=TODAY)
    assert planner.value is None and "mis de côté" in planner._status.message


def test_the_reminder_says_what_is_late_and_what_the_module_needs(tmp_path):
    model = RoadmapModel(tmp_path / R.ROADMAP_FILE, TODAY)
    model.set_exam(dt.date(2027, 3, 15))
    later = dt.date(2027, 1, 10)
    text = reminder_html(model.roadmap, "C7", later)
    assert "En retard" in text and "Créer la Page Facebook" in text
    assert "Pour ce module (C7)" in text and "campagne sponsorisée" in text
    assert 'aria-label="Votre feuille de route"' in text
    model.set_done("page", True)
    model.set_done("profil", True)
    assert "Rien en retard" in reminder_html(model.roadmap, "C7", later)
    assert "leçon 00" in reminder_html(None, "C1", later)


def test_show_reminder_never_raises(tmp_path, monkeypatch, capsys):
    shown = []
    monkeypatch.setattr("IPython.display.display", lambda obj: shown.append(obj.data))
    monkeypatch.chdir(tmp_path)
    show_reminder("C1", today=TODAY)  # no roadmap yet
    (tmp_path / R.ROADMAP_FILE).write_text("{pas du json", encoding="utf-8")
    show_reminder("c3", today=TODAY)  # an unreadable file
    assert "leçon 00" in shown[0] and "mis de côté" in shown[1]
    assert capsys.readouterr().err == ""


def test_the_reminder_counts_the_evidence_the_module_still_needs(tmp_path, monkeypatch):
    from autograder import evidence as E

    shown = []
    monkeypatch.setattr("IPython.display.display", lambda obj: shown.append(obj.data))
    RoadmapModel(tmp_path / R.ROADMAP_FILE, TODAY).set_exam(dt.date(2027, 3, 15))
    (tmp_path / "course").mkdir()
    monkeypatch.chdir(tmp_path / "course")  # a lesson: the roadmap and preuves/ are at the course root
    show_reminder("C7", today=TODAY)
    assert "0 critère complet sur 4" in shown[-1] and "encore à montrer pour C7.1" in shown[-1]
    folder = tmp_path / E.EVIDENCE_FOLDER
    folder.mkdir()
    (folder / E.EVIDENCE_FILE).write_text(json.dumps({"entries": [
        {"id": "a1b2c3d4", "criterion": "C7.4", "date": "2026-12-01",
         "figures": [{"label": "CPC", "value": 0.41, "unit": "€"}]}]}), encoding="utf-8")
    show_reminder("C7", today=TODAY)
    assert "1 critère complet sur 4" in shown[-1]


def test_after_the_exam_the_reminder_asks_for_a_new_date(tmp_path):
    model = RoadmapModel(tmp_path / R.ROADMAP_FILE, TODAY)
    model.set_exam(dt.date(2027, 3, 15))
    text = reminder_html(model.roadmap, "C1", dt.date(2027, 4, 1))
    assert "était prévue le 15/03/2027" in text and "en retard" not in text
    assert "date passée" in RoadmapPlanner(tmp_path / R.ROADMAP_FILE, today=dt.date(2027, 4, 1))._warnings.value
