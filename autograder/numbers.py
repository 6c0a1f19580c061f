"""French numbers, written one way everywhere: decimal comma, narrow no-break space between thousands.

``fr_number(1520.5, 1)`` → « 1 520,5 » (the space is U+202F), ``fr_number(0.125, 1, percent=True)`` →
« 12,5 % » (a no-break space before « % »), ``fr_euros(98)`` → « 98 € », ``fr_ratio(4.5)`` → « 4,50:1 »,
``fr_value(0.4523)`` → « 0,4523 » (a value as the learner typed it), ``fmt_points(7.5)`` → « 7,5 ». Every
figure a learner or a trainer reads goes through these functions; nothing else replaces « . » by « , » in a
sentence (and never in a whole sentence: « 98,00 € » must not become « 98 00 € »).
"""

from __future__ import annotations

import math

THOUSANDS = "\u202f"  # narrow no-break space, as the Imprimerie nationale writes « 1 520 »
NBSP = "\u00a0"  # no-break space, before « % » and units


def fr_number(value: float | int | None, decimals: int | None = None, *, percent: bool = False,
              unit: str = "", grouping: bool = True) -> str:
    """``value`` in French. ``decimals=None`` keeps up to 2 significant decimals without trailing zeros;
    ``percent=True`` multiplies by 100 and adds « % »; ``unit`` is appended after a no-break space.
    ``None`` or NaN gives « — »."""
    if value is None or (isinstance(value, float) and math.isnan(value)):
        return "—"
    x = float(value) * (100 if percent else 1)
    if decimals is None:
        text = f"{x:,.2f}".rstrip("0").rstrip(".") if not float(x).is_integer() else f"{x:,.0f}"
    else:
        text = f"{x:,.{decimals}f}"
    if text in ("-0", "-0,0") or (text.startswith("-") and float(text.replace(",", "")) == 0):
        text = text[1:]
    text = text.replace(",", THOUSANDS if grouping else "").replace(".", ",")
    if percent:
        text += NBSP + "%"
    if unit:
        text += NBSP + unit
    return text


def fr_percent(ratio: float | None, decimals: int | None = 1) -> str:
    """A ratio (0.125) as a French percentage (« 12,5 % »)."""
    return fr_number(ratio, decimals, percent=True)


def fr_euros(value: float | None, decimals: int = 0, currency: str = "€") -> str:
    """An amount with its currency (« 1 200 € », « 0,45 € »)."""
    return fr_number(value, decimals, unit=currency)


def fr_ratio(ratio: float, decimals: int = 2) -> str:
    """A ratio written « x:1 » (a contrast « 4,50:1 », an image's sides « 1,91:1 »)."""
    return fr_number(ratio, decimals, grouping=False) + ":1"


def fr_value(value: float) -> str:
    """A value as given, with a decimal comma: Python's general format (up to 6 significant digits, no
    grouping, no trailing zeros): « 7,5 », « 0,4523 », « 1520 »."""
    return f"{value:g}".replace(".", ",")


def fmt_points(x: float | None) -> str:
    """Points as nbgrader counts them (« 7,5 », « 12 », « — » when not graded)."""
    return "—" if x is None else fr_value(x)
