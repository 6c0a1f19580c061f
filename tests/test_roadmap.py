"""The roadmap back-planned from the exam date (autograder.roadmap): placing, honesty, statuses, iCalendar."""

from __future__ import annotations

import datetime as dt

import pytest

from autograder import referentiel
from autograder import roadmap as R
from autograder.plan import read_ical
from autograder.results import LearnerInputError

TODAY = dt.date(2026, 12, 7)


def _by_id(roadmap):
    return {s.id: s for s in roadmap.steps}


def test_a_three_month_plan_starts_the_page_in_week_one_and_ends_with_rehearsals():
    roadmap = R.build_roadmap("15/03/2027", TODAY)
    steps = _by_id(roadmap)
    assert set(steps) == set(R.TASK_IDS)
    assert steps["page"].start == TODAY and steps["page"].due <= TODAY + dt.timedelta(days=6)
    assert steps["abonnes"].start == TODAY  # publishing starts at once
    assert steps["abonnes"].due < steps["audience"].due  # 100 followers before the audience is read
    assert steps["campagne"].due < steps["repetition"].due < steps["veille"].due < roadmap.exam
    assert all(TODAY <= s.start <= s.due < roadmap.exam for s in roadmap.steps)
    assert roadmap.warnings == []
    assert [s.due for s in roadmap.steps] == sorted(s.due for s in roadmap.steps)


def test_every_criterion_is_served_by_a_task():
    served = {cid for task in R.TASKS for cid in task.criteria}
    assert served == {c.id for c in referentiel.CRITERIA}


def test_a_close_exam_is_compressed_and_said_honestly():
    roadmap = R.build_roadmap(TODAY + dt.timedelta(days=20), TODAY)
    assert all(TODAY <= s.start <= s.due < roadmap.exam for s in roadmap.steps)
    text = " ".join(roadmap.warnings)
    assert "100 abonnés" in text and "resserré" in text and "données du cours" in text
    too_close = R.build_roadmap(TODAY + dt.timedelta(days=3), TODAY)
    assert "trop court" in too_close.warnings[0] and "brouillon" in too_close.warnings[0]
    tomorrow = R.build_roadmap(TODAY + dt.timedelta(days=1), TODAY)
    assert all(s.start == s.due == TODAY for s in tomorrow.steps)


def test_a_far_exam_keeps_week_one_and_plans_the_rest_before_the_exam():
    roadmap = R.build_roadmap(TODAY + dt.timedelta(days=400), TODAY)
    steps = _by_id(roadmap)
    assert steps["page"].due == TODAY + dt.timedelta(days=6)
    assert steps["plan"].start == roadmap.exam - dt.timedelta(days=63)
    assert any("plus d'un an" in w for w in roadmap.warnings)


@pytest.mark.parametrize("exam, message", [
    (TODAY, "n'est pas après aujourd'hui"),
    (TODAY - dt.timedelta(days=30), "n'est pas après aujourd'hui"),
    (TODAY + dt.timedelta(days=900), "plus de deux ans"),
    ("le 15 mars", "n'est pas une date lisible"),
])
def test_impossible_exam_dates_are_refused_in_french(exam, message):
    with pytest.raises(LearnerInputError, match=message):
        R.build_roadmap(exam, TODAY)


def test_statuses_late_current_done_upcoming():
    roadmap = R.build_roadmap("15/03/2027", TODAY, done=["profil", "inconnue"])
    later = dt.date(2027, 1, 10)
    steps = _by_id(roadmap)
    assert roadmap.done == {"profil"}  # an unknown id is ignored
    assert roadmap.status(steps["page"], later) == R.LATE
    assert roadmap.status(steps["profil"], later) == R.DONE
    assert roadmap.status(steps["abonnes"], later) == R.CURRENT
    assert roadmap.status(steps["veille"], later) == R.UPCOMING
    assert [s.id for s in roadmap.late(later)] == ["page"]
    assert {s.id for s in roadmap.for_competency("C7")} == {"campagne", "preuves"}


def test_state_round_trip_does_not_shift_with_the_days():
    roadmap = R.build_roadmap("2027-03-15", TODAY, done=["page"])
    again = R.roadmap_from_state(roadmap.to_state())
    assert again.steps == roadmap.steps and again.done == {"page"}
    with pytest.raises(LearnerInputError, match="incomplète"):
        R.roadmap_from_state({"exam": "2027-03-15"})
    with pytest.raises(LearnerInputError, match="précède"):
        R.roadmap_from_state({"exam": "2026-01-01", "planned_on": "2026-12-07"})


def test_ical_has_one_all_day_event_per_step_and_the_exam_with_stable_uids():
    roadmap = R.build_roadmap("15/03/2027", TODAY)
    data = R.to_ical(roadmap, stamp=dt.datetime(2026, 12, 7, 9, tzinfo=dt.UTC))
    events = read_ical(data)
    assert len(events) == len(R.TASKS) + 1
    starts = sorted(e["start"] for e in events)
    assert starts[0] == TODAY and starts[-1] == dt.date(2027, 3, 15)
    assert all(isinstance(e["start"], dt.date) and not isinstance(e["start"], dt.datetime) for e in events)
    assert b"UID:page-20270315@feuille-de-route" in data
    assert data == R.to_ical(roadmap, stamp=dt.datetime(2026, 12, 7, 9, tzinfo=dt.UTC))
    assert any("Certification" in e["summary"] for e in events)


def test_find_roadmap_looks_in_the_parent_folders(tmp_path):
    lessons = tmp_path / "course"
    lessons.mkdir()
    assert R.find_roadmap(lessons) is None
    (tmp_path / R.ROADMAP_FILE).write_text("{}", encoding="utf-8")
    assert R.find_roadmap(lessons) == tmp_path / R.ROADMAP_FILE


def test_lessons_01_to_07_remind_the_roadmap_right_after_their_title():
    import nbformat

    from course_support import REPO

    lessons = sorted((REPO / "course").glob("0[1-7]_*.ipynb"))
    assert len(lessons) == 7
    for path in lessons:
        cells = nbformat.read(str(path), as_version=4).cells
        reminder = cells[1]
        competency = f"C{path.name[1]}"
        assert cells[0].cell_type == "markdown" and cells[0].source.startswith("# "), path.name
        assert reminder.cell_type == "code" and f'show_reminder("{competency}")' in reminder.source, path.name
        assert reminder.metadata["jupyter"]["source_hidden"] and not reminder.metadata["editable"], path.name
