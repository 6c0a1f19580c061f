"""The scheduler driven without a browser: set values, click, then read the saved file and the artefact."""

import json
from datetime import date

import pytest

from autograder.data import case_meta
from autograder.widgets.scheduler import ScheduleModel, Scheduler


@pytest.fixture(scope="module")
def activity():
    return case_meta.load_case()["activity"]


def make(tmp_path, activity):
    return Scheduler(tmp_path / "planification_c5.json", drafts=case_meta.DRAFTS, activity=activity,
                     now=case_meta.SCHEDULING_NOW)


def plan(view, post, day, hour, minute=0):
    view._post.value = post
    view._day.value = day
    view._hour.value = hour
    view._minute.value = minute
    view._add.click()


def test_click_saves_the_slot_and_the_artefact(tmp_path, activity):
    view = make(tmp_path, activity)
    plan(view, "B2", date(2026, 3, 24), 18, 30)
    saved = json.loads((tmp_path / "planification_c5.json").read_text(encoding="utf-8"))
    assert saved["slots"] == [{"publication": "B2", "reseau": "Facebook", "date_heure": "2026-03-24 18:30"}]
    frame = view.to_dataframe()
    assert frame.loc[0, "horodatage_utc"] == 1774373400  # 17:30 UTC: winter time (UTC+1)
    assert bool(frame.loc[0, "heure_active"]) and not bool(frame.loc[0, "conflit"])
    assert "UTC+0100" in view._status.message
    plan(view, "B4", date(2026, 3, 31), 18, 30)
    assert view.to_dataframe().set_index("publication").loc["B4", "horodatage_utc"] == 1774974600  # UTC+2


def test_flags_clash_and_off_peak_slot(tmp_path, activity):
    view = make(tmp_path, activity)
    plan(view, "B2", date(2026, 3, 24), 18, 30)
    plan(view, "B4", date(2026, 3, 24), 19, 0)
    plan(view, "B1", date(2026, 3, 25), 3, 0)
    frame = view.to_dataframe().set_index("publication")
    assert frame.loc["B2", "conflit"] and frame.loc["B4", "conflit"] and not frame.loc["B1", "conflit"]
    assert not frame.loc["B1", "heure_active"]
    assert "conflit" in view._table.value and "hors des heures" in view._table.value
    assert "C5.1" in view._results.value


def test_replanning_moves_and_undo_restores(tmp_path, activity):
    view = make(tmp_path, activity)
    plan(view, "B3", date(2026, 3, 28), 10)
    plan(view, "B3", date(2026, 3, 29), 10)
    assert [s["date_heure"] for s in view.value] == ["2026-03-29 10:00"]
    view._undo.click()
    assert [s["date_heure"] for s in view.value] == ["2026-03-28 10:00"]
    view._remove.click()
    assert view.value == []
    assert json.loads((tmp_path / "planification_c5.json").read_text())["slots"] == []


def test_past_date_and_missing_day_are_refused_and_nothing_is_lost(tmp_path, activity):
    view = make(tmp_path, activity)
    plan(view, "B5", date(2026, 4, 1), 8)
    before = (tmp_path / "planification_c5.json").read_text()
    plan(view, "B6", date(2026, 3, 1), 12)
    assert view._status.kind == "erreur" and "10 minutes" in view._status.message
    view._day.value = None
    view._add.click()
    assert view._status.kind == "erreur" and "jour" in view._status.message
    assert (tmp_path / "planification_c5.json").read_text() == before


def test_state_survives_a_new_kernel_and_a_corrupt_file_is_kept(tmp_path, activity):
    view = make(tmp_path, activity)
    plan(view, "B1", date(2026, 3, 23), 12, 30)
    assert ScheduleModel(tmp_path / "planification_c5.json").value == view.value
    (tmp_path / "planification_c5.json").write_text("{pas du json")
    fresh = make(tmp_path, activity)
    assert fresh.value == [] and fresh._status.kind == "erreur" and "mis de côté" in fresh._status.message
    assert list(tmp_path.glob("planification_c5.json.corrompu-*"))


def test_impossible_state_is_refused(tmp_path):
    model = ScheduleModel(tmp_path / "p.json")
    with pytest.raises(ValueError, match="réseau"):
        model.update(lambda s: s["slots"].append({"publication": "X", "reseau": "Myspace", "date_heure": "2026-03-24 10:00"}))
    assert model.value == [] and not (tmp_path / "p.json").exists()
