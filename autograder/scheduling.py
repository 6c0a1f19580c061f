"""Scheduling posts on Meta (C5.1): the 10-minute minimum, clashes, the audience's active hours.

Pure domain rules: the scheduler widget (``autograder.widgets.scheduler``) validates with them and the C5.1
checks (``autograder.checks.c5``) grade with them, so both always agree. A schedule is a table (or a list of
dicts) with the columns ``publication``, ``reseau`` and ``date_heure`` (Paris time, read by
:func:`autograder.dates.parse_datetime`).
"""

from __future__ import annotations

from datetime import datetime, timedelta

from autograder import insights
from autograder.dates import parse_datetime
from autograder.results import LearnerInputError

#: Meta's rule: a scheduled post must be at least 10 minutes ahead (Graph API ``scheduled_publish_time``).
MIN_AHEAD = timedelta(minutes=10)
#: A course habit, not a Meta rule: plan at most 30 days ahead so that the post is still current when it goes
#: out. Meta's upper limit is not confirmed (sources say 30 days for the API, up to 6 months in the Planner):
#: the checks never take points for it, they only add a note.
COURSE_HORIZON = timedelta(days=30)
#: Two posts on the same network closer than this compete for the same audience: a clash.
MIN_GAP = timedelta(hours=2)
#: Share of the busiest hour's online followers above which an hour counts as active.
ACTIVE_THRESHOLD = 0.7

Slot = tuple[str, str, datetime]  # (post, network, Paris time)


def rows(artefact, what: str) -> list[dict]:
    """A DataFrame, a list of dicts or a dict of lists as a list of dicts."""
    if hasattr(artefact, "to_dict") and hasattr(artefact, "columns"):
        return artefact.to_dict("records")
    if isinstance(artefact, list) and all(isinstance(r, dict) for r in artefact):
        return artefact
    raise LearnerInputError(f"{what} : un tableau (DataFrame) ou une liste de dictionnaires était attendu, "
                            f"pas {type(artefact).__name__}.")


def day_fr(moment: datetime) -> str:
    """« mardi 24/03 à 18:30 »."""
    return f"{insights.DAYS_FR[moment.weekday()]} {moment:%d/%m à %H:%M}"


def network_name(value, what: str) -> str:
    """« facebook », « Instagram »… as Meta names the network; a French error for any other network."""
    text = str(value).strip().capitalize()
    if text not in insights.NETWORKS:
        raise LearnerInputError(f"{what} : réseau « {value} » inconnu, « Facebook » ou « Instagram » était attendu.")
    return text


def schedule_slots(schedule) -> list[Slot]:
    """(post, network, Paris time) of each row of a schedule (columns publication, reseau, date_heure)."""
    slots = []
    for n, row in enumerate(rows(schedule, "Planification"), start=1):
        for key in ("publication", "reseau", "date_heure"):
            if key not in row:
                raise LearnerInputError(f"Planification, ligne {n} : la colonne « {key} » manque "
                                        "(colonnes attendues : publication, reseau, date_heure).")
        slots.append((str(row["publication"]), network_name(row["reseau"], f"Ligne {n}"),
                      parse_datetime(row["date_heure"], f"Ligne {n} : date et heure")))
    return slots


def too_soon(when: datetime, now: datetime) -> bool:
    """``when`` is in the past or less than :data:`MIN_AHEAD` ahead of ``now``: Meta refuses it."""
    return when < now + MIN_AHEAD


def beyond_course_horizon(when: datetime, now: datetime) -> bool:
    """``when`` is more than :data:`COURSE_HORIZON` ahead of ``now``: allowed by Meta, against the course's habit."""
    return when > now + COURSE_HORIZON


def clashes(slots: list[Slot], gap: timedelta = MIN_GAP) -> list[tuple[str, str]]:
    """Pairs of posts on the same network scheduled less than ``gap`` apart."""
    found = []
    ordered = sorted(slots, key=lambda s: (s[1], s[2]))
    for (p1, n1, t1), (p2, n2, t2) in zip(ordered, ordered[1:], strict=False):
        if n1 == n2 and t2 - t1 < gap:
            found.append((p1, p2))
    return found


def hours_by_network(activity, threshold: float = ACTIVE_THRESHOLD) -> dict[str, dict[int, set[int]]]:
    """Active hours of each network (``insights.active_hours``); an already computed dict is returned as is."""
    if isinstance(activity, dict):
        return activity
    return {n: insights.active_hours(activity, n, threshold) for n in insights.NETWORKS}


def outside_active_hours(slots: list[Slot], activity, threshold: float = ACTIVE_THRESHOLD) -> list[tuple[str, datetime]]:
    """Posts scheduled at an hour when too few of the network's followers are online (``activity``: the
    activity export, or the result of :func:`hours_by_network`)."""
    hours = hours_by_network(activity, threshold)
    return [(post, when) for post, network, when in slots if when.hour not in hours[network][when.weekday()]]


def utc_timestamp(paris_time) -> int:
    """The Unix timestamp (seconds, UTC) the Graph API's ``scheduled_publish_time`` expects for a Paris time."""
    return int(parse_datetime(paris_time).timestamp())
