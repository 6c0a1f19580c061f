"""Formulas of autograder.metrics and their refusal of bad input (French messages)."""

import math

import numpy as np
import pytest

from autograder import metrics


def test_formulas():
    assert metrics.engagement_rate(50, 1000) == pytest.approx(5.0)
    assert metrics.engagement_rate(0, 10) == 0
    assert metrics.cpm(12.5, 2500) == pytest.approx(5.0)
    assert metrics.cpc(30, 120) == pytest.approx(0.25)
    assert metrics.ctr(15, 1000) == pytest.approx(1.5)
    assert metrics.frequency(3000, 1200) == pytest.approx(2.5)
    assert metrics.cpa(100, 8) == pytest.approx(12.5)
    assert metrics.roas(450, 150) == pytest.approx(3.0)


def test_numpy_numbers_are_accepted():
    assert metrics.engagement_rate(np.int64(30), np.float64(600.0)) == pytest.approx(5.0)


@pytest.mark.parametrize("func", [metrics.engagement_rate, metrics.cpm, metrics.cpc, metrics.ctr,
                                  metrics.frequency, metrics.cpa, metrics.roas])
@pytest.mark.parametrize("denominator", [0, -5, 0.0])
def test_zero_or_negative_denominator(func, denominator):
    with pytest.raises(ValueError, match="strictement positif"):
        func(10, denominator)


@pytest.mark.parametrize("bad", [math.nan, math.inf, True, "100", None, [1]])
def test_bad_types_and_nan(bad):
    with pytest.raises(ValueError, match="nombre"):
        metrics.engagement_rate(bad, 100)
    with pytest.raises(ValueError, match="nombre"):
        metrics.cpc(10, bad)


def test_negative_numerator():
    with pytest.raises(ValueError, match="négatif"):
        metrics.cpm(-1, 100)


def test_every_base_is_documented():
    assert set(metrics.ENGAGEMENT_BASES) == {"reach", "views", "followers"}
