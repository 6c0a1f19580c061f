"""The rehearsal timer and log (autograder.rehearsal) and the timer widget of lesson 08, on an injected clock."""

from __future__ import annotations

import datetime as dt
import json

import pytest

from autograder import rehearsal as reh
from autograder.presentation import TIMING_PLAN
from autograder.widgets.rehearsal import RehearsalTimerWidget


class Clock:
    """A monotonic clock the test moves forward (seconds)."""

    def __init__(self):
        self.now = 1000.0

    def __call__(self) -> float:
        return self.now

    def wait(self, seconds: float) -> None:
        self.now += seconds


def test_timer_measures_each_part_from_the_presses_and_not_the_pauses():
    clock = Clock()
    timer = reh.RehearsalTimer(clock)
    timer.start()
    clock.wait(130)
    timer.next_part()  # introduction: 2 min 10 s
    clock.wait(60)
    timer.pause()
    clock.wait(500)  # a pause counts for no part
    timer.pause()
    clock.wait(200)
    assert timer.elapsed()[:2] == [130, 260] and timer.current_title == TIMING_PLAN[1].title
    seconds = timer.finish()
    assert seconds == {TIMING_PLAN[0].title: 130.0, TIMING_PLAN[1].title: 260.0}
    assert timer.state == reh.FINISHED


def test_last_next_part_finishes_and_buttons_in_the_wrong_order_are_refused():
    clock = Clock()
    timer = reh.RehearsalTimer(clock)
    with pytest.raises(ValueError, match="Démarrez d'abord"):
        timer.next_part()
    with pytest.raises(ValueError, match="Aucune répétition"):
        timer.pause()
    timer.start()
    for part in TIMING_PLAN:
        clock.wait(60 * part.minutes)
        timer.next_part()
    assert timer.state == reh.FINISHED
    record = reh.make_record(timer.finish(), "ok", dt.datetime(2026, 12, 7, 18, 5))
    assert reh.total_seconds(record) == 1800 and reh.record_problems(record) == []
    assert reh.record_line(record) == "07/12/2026 à 18:05 : 30 min 00 s au total ; aucune partie ne dépasse son temps."


def test_summary_names_the_parts_over_time_and_reuses_the_plan_rules():
    on_time = {p.title: 60.0 * p.minutes for p in TIMING_PLAN}
    long_campaign = {**on_time, TIMING_PLAN[6].title: 60.0 * 4 + 150}
    records = [reh.make_record(on_time, when=dt.datetime(2026, 12, 1, 9, 0)),
               reh.make_record(long_campaign, when=dt.datetime(2026, 12, 2, 9, 0))]
    lines = reh.log_summary(records)
    assert lines[0] == "2 répétition(s) enregistrée(s). Les dernières :"
    assert lines[1] == "- 02/12/2026 à 09:00 : 32 min 30 s au total ; trop long : Une campagne sponsorisée (+2 min 30 s)."
    assert "Une campagne sponsorisée (1 fois sur 2)" in lines[3]
    assert "Dernière répétition : Total : 32,5 min. Il faut 30 minutes exactement : retirez 2,5 min." in lines
    assert "de 30 à 32,5 min" in lines[-1]
    assert reh.overruns({"seconds": {TIMING_PLAN[0].title: 120 + 30}}) == []  # 30 s of tolerance
    assert reh.log_summary([])[0].startswith("Aucune répétition")


@pytest.mark.parametrize(("record", "reason"), [
    ({"date": "hier", "seconds": {TIMING_PLAN[0].title: 10}}, "date de répétition illisible"),
    ({"date": "2026-12-07T10:00", "seconds": {"Danse": 10}}, "partie inconnue"),
    ({"date": "2026-12-07T10:00", "seconds": {TIMING_PLAN[0].title: -1}}, "durée impossible"),
    ({"date": "2026-12-07T10:00", "seconds": {}}, "au moins une partie"),
    ({"date": "2026-12-07T10:00", "seconds": {TIMING_PLAN[0].title: 1}, "notes": "x" * 2001}, "notes trop longues"),
])
def test_impossible_records_are_refused_in_french(record, reason):
    with pytest.raises(ValueError, match=reason):
        reh.validate_record(record)


def test_widget_rehearses_logs_and_reloads(tmp_path):
    path, clock = tmp_path / reh.REHEARSAL_FILE, Clock()
    view = RehearsalTimerWidget(path, clock=clock, now=lambda: dt.datetime(2026, 12, 7, 18, 0))
    assert "Aucune répétition" in view._log.value
    view._next.click()
    assert view._status.kind == "erreur" and not path.exists()
    view._start.click()
    clock.wait(125)
    view._refresh_button.click()
    assert "2 min 05 s" in view._table.value and "à conclure" in view._table.value
    for part in TIMING_PLAN[1:]:
        view._next.click()
        clock.wait(60 * part.minutes + (90 if part is TIMING_PLAN[6] else 0))
    view._notes.value = "Campagne trop longue."
    view._finish.click()
    assert view._status.kind == "ok" and "trop long : Une campagne sponsorisée (+1 min 30 s)" in view._status.message
    saved = json.loads(path.read_text(encoding="utf-8"))["rehearsals"]
    assert len(saved) == 1 and saved[0]["notes"] == "Campagne trop longue." and saved[0]["date"] == "2026-12-07T18:00"
    assert saved[0]["seconds"][TIMING_PLAN[0].title] == 125 and len(saved[0]["seconds"]) == len(TIMING_PLAN)
    again = RehearsalTimerWidget(path, clock=clock)
    assert again.value == saved and "1 répétition(s) enregistrée(s)" in again._log.value
    again._finish.click()  # nothing started: refused, the log is untouched
    assert again._status.kind == "erreur"
    assert json.loads(path.read_text(encoding="utf-8"))["rehearsals"] == saved


def test_a_damaged_log_is_set_aside_with_a_french_message(tmp_path):
    path = tmp_path / reh.REHEARSAL_FILE
    path.write_text('{"rehearsals": [{"date": "2026-12-07T10:00", "seconds": {"Danse": 3}}]}', encoding="utf-8")
    view = RehearsalTimerWidget(path, clock=Clock())
    assert view._status.kind == "erreur" and "partie inconnue" in view._status.message
    assert view.value == [] and list(tmp_path.glob("repetitions.json.corrompu-*"))
