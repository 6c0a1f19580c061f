"""Scheduling rules (``autograder.scheduling``): Meta's window, clashes, active hours, UTC timestamps."""

from __future__ import annotations

import datetime as dt

import pytest

from autograder import scheduling as sch
from autograder.dates import PARIS
from autograder.results import LearnerInputError

NOW = dt.datetime(2026, 3, 23, 9, 0, tzinfo=PARIS)


def slots(*rows):
    return sch.schedule_slots([{"publication": p, "reseau": n, "date_heure": t} for p, n, t in rows])


def test_slots_are_read_in_paris_time_with_meta_network_names():
    read = slots(("P1", "facebook", "24/03/2026 18:30"), ("P2", " INSTAGRAM ", "2026-03-24 19:00"))
    assert read == [("P1", "Facebook", dt.datetime(2026, 3, 24, 18, 30, tzinfo=PARIS)),
                    ("P2", "Instagram", dt.datetime(2026, 3, 24, 19, 0, tzinfo=PARIS))]


def test_bad_rows_get_french_messages():
    with pytest.raises(LearnerInputError, match="réseau « TikTok » inconnu"):
        slots(("P1", "TikTok", "2026-03-24 18:30"))
    with pytest.raises(LearnerInputError, match="Ligne 1 : date et heure"):
        slots(("P1", "Facebook", "demain soir"))
    with pytest.raises(LearnerInputError, match="la colonne « date_heure » manque"):
        sch.schedule_slots([{"publication": "P1", "reseau": "Facebook"}])
    with pytest.raises(LearnerInputError, match="DataFrame"):
        sch.schedule_slots("P1 mardi")


def test_meta_window():
    assert sch.too_soon(NOW + dt.timedelta(minutes=9), NOW)
    assert not sch.too_soon(NOW + dt.timedelta(minutes=10), NOW)
    assert sch.too_soon(NOW - dt.timedelta(days=1), NOW)
    assert sch.beyond_course_horizon(NOW + dt.timedelta(days=30, minutes=1), NOW)
    assert not sch.beyond_course_horizon(NOW + dt.timedelta(days=30), NOW)


def test_clashes_only_on_the_same_network_within_two_hours():
    read = slots(("P1", "Facebook", "2026-03-24 18:00"), ("P2", "Facebook", "2026-03-24 19:59"),
                 ("P3", "Instagram", "2026-03-24 18:30"), ("P4", "Facebook", "2026-03-24 22:00"))
    assert sch.clashes(read) == [("P1", "P2")]
    assert sch.clashes(read, gap=dt.timedelta(hours=1)) == []


def test_active_hours():
    tuesday = 1
    hours = {"Facebook": {d: set() for d in range(7)}, "Instagram": {d: set() for d in range(7)}}
    hours["Facebook"][tuesday] = {18, 19}
    read = slots(("P1", "Facebook", "2026-03-24 18:30"), ("P2", "Facebook", "2026-03-24 21:00"))
    assert sch.hours_by_network(hours) is hours
    assert sch.outside_active_hours(read, hours) == [("P2", dt.datetime(2026, 3, 24, 21, 0, tzinfo=PARIS))]


def test_utc_timestamp_follows_summer_time():
    assert sch.utc_timestamp("2026-03-24 18:30") == int(dt.datetime(2026, 3, 24, 17, 30, tzinfo=dt.UTC).timestamp())
    assert sch.utc_timestamp("2026-07-01 18:30") == int(dt.datetime(2026, 7, 1, 16, 30, tzinfo=dt.UTC).timestamp())
    assert sch.day_fr(dt.datetime(2026, 3, 24, 18, 30, tzinfo=PARIS)) == "mardi 24/03 à 18:30"


def test_the_check_and_the_widget_use_these_rules():
    from autograder.checks import c5
    from autograder.widgets import scheduler

    assert c5.clashes is sch.clashes and c5.schedule_slots is sch.schedule_slots
    assert scheduler.scheduling is sch
