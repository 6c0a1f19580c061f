import datetime as dt

import pytest

from autograder import calendar
from autograder.company import CASE_COMPANY


@pytest.mark.parametrize("year,expected", [(2024, dt.date(2024, 1, 10)), (2025, dt.date(2025, 1, 8)),
                                           (2026, dt.date(2026, 1, 7)), (2028, dt.date(2028, 1, 12)),
                                           (2030, dt.date(2030, 1, 9))])
def test_winter_sales_rule(year, expected):
    assert calendar.winter_sales_start(year) == expected
    assert expected.weekday() == 2


def test_winter_sales_falls_back_to_first_wednesday_when_second_is_after_the_12th():
    for year in range(2000, 2100):
        start = calendar.winter_sales_start(year)
        assert start.weekday() == 2 and start.day <= 12 and start.month == 1


def test_summer_sales_rule():
    assert calendar.summer_sales_start(2025) == dt.date(2025, 6, 25)
    # 2022: last Wednesday is 29 June (> 28) → the one before, 22 June
    assert calendar.summer_sales_start(2022) == dt.date(2022, 6, 22)


def test_mothers_day_moves_when_pentecost():
    assert calendar.mothers_day(2024) == dt.date(2024, 5, 26)  # Pentecost 19 May: no clash
    assert calendar.mothers_day(2015) == dt.date(2015, 5, 31)
    assert calendar.mothers_day(2004) == dt.date(2004, 6, 6)  # Pentecost 30 May = last Sunday → 6 June


def test_black_friday_and_cyber_monday():
    frame = calendar.key_dates("2027-11-01", "2027-11-30")
    names = dict(zip(frame["name"], frame["date"], strict=False))
    assert names["Black Friday"] == dt.date(2027, 11, 26)
    assert names["Cyber Monday"] == dt.date(2027, 11, 29)


def test_key_dates_columns_any_year_and_sources():
    frame = calendar.key_dates(dt.date(2039, 1, 1), dt.date(2039, 12, 31))
    assert list(frame.columns[:3]) == ["date", "name", "kind"]
    assert all(isinstance(d, dt.date) for d in frame["date"])
    assert set(frame["kind"]) == {"férié", "commercial", "journée internationale"}
    assert frame["source"].str.len().min() > 5
    assert (frame["name"] == "Fête nationale").sum() == 1
    assert list(frame["date"]) == sorted(frame["date"])


def test_alsace_moselle_adds_two_holidays():
    base = calendar.key_dates("2027-01-01", "2027-12-31", kinds=("férié",))
    am = calendar.key_dates("2027-01-01", "2027-12-31", kinds=("férié",), alsace_moselle=True)
    assert len(am) == len(base) + 2


def test_sector_dates_from_company():
    frame = calendar.key_dates("2027-10-01", "2028-01-31", company=CASE_COMPANY)
    sector = frame[frame["kind"] == "secteur"]
    assert set(sector["name"]) == {"Journée mondiale du pain", "Épiphanie : galettes des rois"}
    assert dt.date(2028, 1, 6) in set(sector["date"])


def test_bad_window_gets_french_message():
    with pytest.raises(ValueError, match="précède"):
        calendar.key_dates("2027-12-01", "2027-01-01")
    with pytest.raises(ValueError, match="AAAA-MM-JJ"):
        calendar.key_dates("demain", "2027-01-01")


def test_major_dates_depend_on_market():
    import dataclasses

    b2b = dataclasses.replace(CASE_COMPANY, market="B2B")
    assert "Halloween" in set(calendar.major_dates("2027-10-01", "2027-12-31", company=CASE_COMPANY)["name"])
    assert set(calendar.major_dates("2027-10-01", "2027-12-31", company=b2b)["kind"]) == {"secteur"}


def test_sector_date_on_29_february_and_bad_sector_date():
    import dataclasses

    leap = dataclasses.replace(CASE_COMPANY, sector_dates=[{"date": "02-29", "name": "Journée des années bissextiles"}])
    frame = calendar.key_dates("2027-01-01", "2028-12-31", company=leap, kinds=("secteur",))
    assert list(frame["date"]) == [dt.date(2028, 2, 29)]
    bad = dataclasses.replace(CASE_COMPANY, sector_dates=[{"date": "13-40", "name": "Impossible"}])
    with pytest.raises(ValueError, match="MM-JJ"):
        calendar.key_dates("2027-01-01", "2027-12-31", company=bad)
