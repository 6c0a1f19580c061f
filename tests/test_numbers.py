"""French numbers (``autograder.numbers``): decimal comma, narrow no-break space between thousands."""

from __future__ import annotations

import math

import pytest

from autograder.numbers import (
    NBSP,
    THOUSANDS,
    fmt_points,
    fr_euros,
    fr_number,
    fr_percent,
    fr_ratio,
    fr_value,
)


@pytest.mark.parametrize(("value", "decimals", "expected"), [
    (1520.5, 1, "1\u202f520,5"),
    (1234567, 0, "1\u202f234\u202f567"),
    (98, 2, "98,00"),
    (2.5, None, "2,5"),
    (2.0, None, "2"),
    (1.256, None, "1,26"),
    (-0.04, 1, "0,0"),  # no « -0,0 »
    (-1520.25, 2, "-1\u202f520,25"),
])
def test_fr_number(value, decimals, expected):
    assert fr_number(value, decimals) == expected


def test_fr_number_never_writes_a_point_or_a_comma_between_thousands():
    text = fr_number(98_000.5, 2)
    assert text == f"98{THOUSANDS}000,50"
    assert "." not in text and text.count(",") == 1
    assert fr_number(98_000, 0, grouping=False) == "98000"


def test_missing_values_are_a_dash():
    assert fr_number(None) == fr_number(math.nan, 2) == fmt_points(None) == "—"


def test_percent_euros_units():
    assert fr_percent(0.125) == f"12,5{NBSP}%"
    assert fr_percent(0.5, 0) == f"50{NBSP}%"
    assert fr_number(30.44, 1, unit="%") == f"30,4{NBSP}%"  # a share already in percent
    assert fr_euros(1200) == f"1{THOUSANDS}200{NBSP}€"
    assert fr_euros(0.45, 2) == f"0,45{NBSP}€"
    assert fr_number(12.5, 1, unit="min") == f"12,5{NBSP}min"


def test_ratio_and_plain_values():
    assert fr_ratio(4.5) == "4,50:1"
    assert fr_ratio(1.9149) == "1,91:1"
    assert fr_ratio(21) == "21,00:1"
    assert fr_value(0.4523) == "0,4523"
    assert fr_value(1520) == "1520"
    assert fr_value(7.5) == fmt_points(7.5) == "7,5"
    assert fmt_points(12.0) == "12"


def test_a_sentence_keeps_its_commas():
    """The bug this module removes: a ``.replace(",", " ")`` over a whole sentence (« 98 00 € », « lieux  les »)."""
    sentence = f"Budget total : {fr_number(98, 2)} €, élargissez les lieux, les âges"
    assert sentence == "Budget total : 98,00 €, élargissez les lieux, les âges"
    assert "98 00" not in sentence and "  " not in sentence
