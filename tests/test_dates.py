"""One date reader (``autograder.dates``): the same formats for the plan, the campaign, scheduling and calendar."""

from __future__ import annotations

import datetime as dt

import pandas as pd
import pytest

from autograder import calendar, campaign, plan
from autograder.dates import DATE_FORMATS_FR, PARIS, parse_date, parse_datetime
from autograder.results import LearnerInputError


@pytest.mark.parametrize("text", ["24/03/2026", "2026-03-24", " 24/03/2026 "])
def test_accepted_dates(text):
    assert parse_date(text) == dt.date(2026, 3, 24)


def test_date_objects_are_taken_as_they_are():
    assert parse_date(dt.date(2026, 3, 24)) == dt.date(2026, 3, 24)
    assert parse_date(dt.datetime(2026, 3, 24, 18, 30)) == dt.date(2026, 3, 24)


@pytest.mark.parametrize("text", ["03/24/2026", "24-03-2026", "24 mars 2026", "2026-02-30", "", "demain"])
def test_refused_dates_list_the_accepted_formats(text):
    with pytest.raises(LearnerInputError) as caught:
        parse_date(text, "Début du plan")
    message = str(caught.value)
    assert message.startswith("Début du plan : ") and DATE_FORMATS_FR in message
    assert "JJ/MM/AAAA" in message and "AAAA-MM-JJ" in message


@pytest.mark.parametrize("text", ["24/03/2026 18:30", "2026-03-24 18:30", "2026-03-24T18:30", "2026-03-24 18:30:00",
                                  "24/03/2026 18:30:00", "2026-03-24T18:30:00"])
def test_accepted_date_times_are_paris_time(text):
    moment = parse_datetime(text)
    assert moment == dt.datetime(2026, 3, 24, 18, 30, tzinfo=PARIS)
    assert moment.utcoffset() == dt.timedelta(hours=1)  # winter time until 29 March 2026


def test_date_times_objects_and_time_zones():
    utc = dt.datetime(2026, 7, 1, 16, 30, tzinfo=dt.UTC)
    assert parse_datetime(utc).hour == 18  # summer time: UTC+2
    assert parse_datetime(dt.datetime(2026, 7, 1, 18, 30)).tzinfo is PARIS
    assert parse_datetime(pd.Timestamp("2026-07-01 18:30")) == dt.datetime(2026, 7, 1, 18, 30, tzinfo=PARIS)


@pytest.mark.parametrize("value", ["24/03/2026", "18:30", "mardi 18h30", 1774373400, None])
def test_refused_date_times(value):
    with pytest.raises(LearnerInputError, match="formats acceptés : JJ/MM/AAAA HH:MM"):
        parse_datetime(value, "Ligne 2 : date et heure")


def test_plan_campaign_and_calendar_read_the_same_dates():
    """« 24/03/2026 » was accepted by the plan and refused by the campaign and the calendar."""
    assert plan.parse_date is parse_date
    assert campaign.Budget("global", 50, "24/03/2026", "2026-03-30").start == dt.date(2026, 3, 24)
    dates = calendar.key_dates("01/05/2026", "2026-05-31")
    assert dt.date(2026, 5, 1) in set(dates["date"])
