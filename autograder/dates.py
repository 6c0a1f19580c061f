"""Dates and times typed by a learner, read one way everywhere (plan, campaign, scheduling, calendar).

Accepted, and nothing else:

| what                         | formats                                              | example              |
| ---------------------------- | ---------------------------------------------------- | -------------------- |
| a date (:func:`parse_date`)  | ``JJ/MM/AAAA``, ``AAAA-MM-JJ``                       | « 24/03/2026 »       |
| a date and a time            | ``JJ/MM/AAAA HH:MM``, ``AAAA-MM-JJ HH:MM`` (or ``T``  | « 24/03/2026 18:30 » |
| (:func:`parse_datetime`)     | between date and time), seconds optional             |                      |

A ``datetime.date`` / ``datetime.datetime`` (or a pandas ``Timestamp``) is taken as it is. A time without a
time zone is Paris time. Anything else raises :class:`~autograder.results.LearnerInputError` with a French
message that lists the accepted formats. Meta's exports (``MM/JJ/AAAA``) are read by
:func:`autograder.insights.parse_time`, which uses the same ISO formats.
"""

from __future__ import annotations

import datetime as dt
from zoneinfo import ZoneInfo

from autograder.results import LearnerInputError

PARIS = ZoneInfo("Europe/Paris")

DATE_FORMATS = ("%d/%m/%Y", "%Y-%m-%d")
#: ISO 8601 date and time, with a space or a « T », with or without seconds.
ISO_DATETIME_FORMATS = ("%Y-%m-%d %H:%M", "%Y-%m-%d %H:%M:%S", "%Y-%m-%dT%H:%M", "%Y-%m-%dT%H:%M:%S")
DATETIME_FORMATS = ("%d/%m/%Y %H:%M", "%d/%m/%Y %H:%M:%S", *ISO_DATETIME_FORMATS)

#: The accepted formats, as the error messages write them.
DATE_FORMATS_FR = "JJ/MM/AAAA (24/03/2026) ou AAAA-MM-JJ (2026-03-24)"
DATETIME_FORMATS_FR = "JJ/MM/AAAA HH:MM (24/03/2026 18:30) ou AAAA-MM-JJ HH:MM (2026-03-24 18:30)"


def first_match(text: str, formats: tuple[str, ...]) -> dt.datetime | None:
    """``text`` read with the first of ``formats`` that fits (a naive datetime), or ``None``."""
    for fmt in formats:
        try:
            return dt.datetime.strptime(text, fmt)
        except ValueError:
            continue
    return None


def parse_date(value, what: str = "Date") -> dt.date:
    """A learner's date: a ``date`` (a ``datetime`` gives its day) or a text in one of :data:`DATE_FORMATS`."""
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    found = first_match(str(value).strip(), DATE_FORMATS)
    if found is None:
        raise LearnerInputError(f"{what} : « {value} » n'est pas une date lisible ; formats acceptés : "
                                f"{DATE_FORMATS_FR}.")
    return found.date()


def parse_datetime(value, what: str = "Date et heure", tz: dt.tzinfo = PARIS) -> dt.datetime:
    """A learner's date and time as an aware datetime in ``tz`` (Paris by default): an aware datetime is
    converted, a naive one (or a text in one of :data:`DATETIME_FORMATS`) is taken as ``tz`` wall-clock time."""
    if hasattr(value, "to_pydatetime"):
        value = value.to_pydatetime()
    if isinstance(value, dt.datetime):
        return value.replace(tzinfo=tz) if value.tzinfo is None else value.astimezone(tz)
    if isinstance(value, str):
        found = first_match(value.strip(), DATETIME_FORMATS)
        if found is not None:
            return found.replace(tzinfo=tz)
    raise LearnerInputError(f"{what} : « {value} » n'est pas une date et heure lisible ; formats acceptés : "
                            f"{DATETIME_FORMATS_FR}.")
