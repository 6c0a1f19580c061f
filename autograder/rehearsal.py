"""Rehearsing the 30-minute presentation: a timer that follows the plan part by part, and the rehearsal log.

The plan is :data:`autograder.presentation.TIMING_PLAN` (the one place for it). :class:`RehearsalTimer` is a
small state machine driven by button presses: each press reads a monotonic clock (``time.monotonic`` by
default, injectable for tests) and the timer keeps *durations*, never wall-clock times, so that a change of
the computer's clock during a rehearsal changes nothing. A finished rehearsal is a record
``{"date", "seconds": {part title: seconds}, "notes"}`` kept in the log file (``repetitions.json``, written by
the widget of lesson 08); :func:`log_summary` says in French what the last rehearsals show.
"""

from __future__ import annotations

import datetime as dt
import time
from collections.abc import Callable, Mapping, Sequence
from typing import Any

from autograder.numbers import fr_value
from autograder.presentation import TIMING_PLAN, timing_problems

#: The learner's rehearsal log, next to lesson 08 (handed in with the mock certification).
REHEARSAL_FILE = "repetitions.json"
#: The notes of one rehearsal are kept short: a few sentences.
MAX_NOTES = 2000
#: A part may run over its planned minutes by this much before it is said to be « trop long ».
OVER_TOLERANCE_SECONDS = 30

IDLE, RUNNING, PAUSED, FINISHED = "prêt", "en cours", "en pause", "terminé"
TITLES = tuple(part.title for part in TIMING_PLAN)


def mmss(seconds: float) -> str:
    """« 3 min 05 s » for a duration in seconds (rounded to the second)."""
    total = max(0, round(seconds))
    minutes, rest = divmod(total, 60)
    return f"{minutes} min {rest:02d} s"


class RehearsalTimer:
    """The timer of one rehearsal: start, next part, pause/resume, finish; durations per part in seconds."""

    def __init__(self, clock: Callable[[], float] = time.monotonic):
        self.clock = clock
        self.reset()

    def reset(self) -> None:
        self.state = IDLE
        self.index = 0  # the current part (len(TIMING_PLAN) once every part is done)
        self.seconds = [0.0] * len(TIMING_PLAN)
        self._since: float | None = None  # clock reading when the current part last (re)started

    # -- button presses ----------------------------------------------------------------------------------
    def start(self) -> None:
        """Start a new rehearsal at the first part (a running or finished one is discarded)."""
        self.reset()
        self.state = RUNNING
        self._since = self.clock()

    def next_part(self) -> None:
        """Close the current part and start the next one; after the last part, the rehearsal is finished."""
        if self.state not in (RUNNING, PAUSED):
            raise ValueError("Démarrez d'abord la répétition.")
        self._close()
        self.index += 1
        if self.index >= len(TIMING_PLAN):
            self.state = FINISHED
        else:
            self._since = self.clock() if self.state == RUNNING else None

    def pause(self) -> None:
        """Pause a running rehearsal, or resume a paused one (the time in pause counts for no part)."""
        if self.state == RUNNING:
            self._close()
            self.state = PAUSED
        elif self.state == PAUSED:
            self.state = RUNNING
            self._since = self.clock()
        else:
            raise ValueError("Aucune répétition en cours à mettre en pause.")

    def finish(self) -> dict[str, float]:
        """End the rehearsal where it is; returns the seconds by part title (parts not reached are left out)."""
        if self.state == IDLE:
            raise ValueError("Démarrez d'abord la répétition.")
        if self.state in (RUNNING, PAUSED):
            self._close()
            self.index += 1
            self.state = FINISHED
        reached = min(self.index, len(TIMING_PLAN))
        return {TITLES[i]: round(self.seconds[i], 1) for i in range(reached)}

    # -- reading ---------------------------------------------------------------------------------------------
    def _close(self) -> None:
        if self._since is not None and self.index < len(TIMING_PLAN):
            self.seconds[self.index] += max(0.0, self.clock() - self._since)
        self._since = None

    def elapsed(self) -> list[float]:
        """Seconds spent on each part so far, the running part included."""
        out = list(self.seconds)
        if self.state == RUNNING and self._since is not None and self.index < len(out):
            out[self.index] += max(0.0, self.clock() - self._since)
        return out

    @property
    def current_title(self) -> str | None:
        return TITLES[self.index] if self.state in (RUNNING, PAUSED) else None


# -- the rehearsal log --------------------------------------------------------------------------------------
def make_record(seconds: Mapping[str, float], notes: str = "", when: dt.datetime | None = None) -> dict[str, Any]:
    """One rehearsal of the log; ``when`` is the wall-clock date shown to the learner (now by default)."""
    when = when or dt.datetime.now()
    return validate_record({"date": when.replace(microsecond=0).isoformat(timespec="minutes"),
                            "seconds": dict(seconds), "notes": notes})


def validate_record(record: Any) -> dict[str, Any]:
    """The record, checked; ``ValueError`` with a French reason otherwise."""
    if not isinstance(record, dict):
        raise ValueError("une répétition doit être un objet JSON")
    try:
        dt.datetime.fromisoformat(str(record.get("date", "")))
    except ValueError:
        raise ValueError(f"date de répétition illisible : « {record.get('date')} »") from None
    seconds = record.get("seconds")
    if not isinstance(seconds, dict) or not seconds:
        raise ValueError("une répétition doit donner le temps d'au moins une partie")
    clean = {}
    for title, value in seconds.items():
        if title not in TITLES:
            raise ValueError(f"partie inconnue « {title} »")
        if isinstance(value, bool) or not isinstance(value, int | float) or not 0 <= value < 24 * 3600:
            raise ValueError(f"durée impossible pour « {title} » : {value!r}")
        clean[title] = float(value)
    notes = record.get("notes", "")
    if not isinstance(notes, str):
        raise ValueError("les notes d'une répétition sont un texte")
    if len(notes) > MAX_NOTES:
        raise ValueError(f"notes trop longues ({len(notes)} caractères, {MAX_NOTES} au plus)")
    return {"date": str(record["date"]), "seconds": clean, "notes": notes}


def validate_log(state: Any) -> dict[str, Any]:
    """The log file's content ``{"rehearsals": [...]}``, checked."""
    if not isinstance(state, dict):
        raise ValueError("un objet JSON (dictionnaire) était attendu")
    rehearsals = state.get("rehearsals", [])
    if not isinstance(rehearsals, list):
        raise ValueError("« rehearsals » doit être une liste")
    return {**state, "rehearsals": [validate_record(r) for r in rehearsals]}


def total_seconds(record: Mapping[str, Any]) -> float:
    return float(sum(record["seconds"].values()))


def minutes_by_part(record: Mapping[str, Any]) -> dict[str, float]:
    """The record's durations in minutes by part title (for :func:`autograder.presentation.timeline_figure`)."""
    return {title: round(value / 60, 2) for title, value in record["seconds"].items()}


def overruns(record: Mapping[str, Any]) -> list[tuple[str, float]]:
    """``(part title, seconds over the plan)`` for each part longer than planned (beyond the tolerance)."""
    out = []
    for part in TIMING_PLAN:
        spent = record["seconds"].get(part.title)
        if spent is not None and spent - 60 * part.minutes > OVER_TOLERANCE_SECONDS:
            out.append((part.title, spent - 60 * part.minutes))
    return out


def record_problems(record: Mapping[str, Any]) -> list[str]:
    """What this rehearsal's timing shows, in French: the plan's rules (30 minutes, 2 minutes at least for each
    element of the référentiel, :func:`autograder.presentation.timing_problems`) on the measured minutes."""
    if len(record["seconds"]) < len(TIMING_PLAN):
        done = len(record["seconds"])
        return [f"Répétition interrompue après {done} partie(s) sur {len(TIMING_PLAN)}."]
    return timing_problems(minutes_by_part(record))


def _short(title: str) -> str:
    return title.split(" :")[0]


def record_line(record: Mapping[str, Any]) -> str:
    """One line for a rehearsal: date, total, parts over time."""
    when = dt.datetime.fromisoformat(record["date"])
    line = f"{when:%d/%m/%Y à %H:%M} : {mmss(total_seconds(record))} au total"
    over = overruns(record)
    if over:
        line += " ; trop long : " + ", ".join(f"{_short(t)} (+{mmss(s)})" for t, s in over)
    else:
        line += " ; aucune partie ne dépasse son temps"
    return line + "."


def log_summary(rehearsals: Sequence[Mapping[str, Any]], last: int = 5) -> list[str]:
    """French lines: the last rehearsals, then the parts that ran over time most often."""
    if not rehearsals:
        return ["Aucune répétition enregistrée pour l'instant : lancez le chronomètre et présentez à voix haute."]
    recent = list(rehearsals)[-last:]
    lines = [f"{len(rehearsals)} répétition(s) enregistrée(s). Les dernières :"]
    lines += [f"- {record_line(r)}" for r in reversed(recent)]
    counts: dict[str, int] = {}
    for r in recent:
        for title, _ in overruns(r):
            counts[title] = counts.get(title, 0) + 1
    if counts:
        worst = sorted(counts.items(), key=lambda kv: (-kv[1], TITLES.index(kv[0])))
        lines.append("Parties trop longues sur ces répétitions : "
                     + ", ".join(f"{_short(t)} ({n} fois sur {len(recent)})" for t, n in worst)
                     + ". Entraînez-vous à les resserrer.")
    problems = record_problems(rehearsals[-1])
    lines.append("Dernière répétition : " + (" ".join(problems) if problems else
                                              "30 minutes tenues, chaque élément a eu son temps."))
    totals = [total_seconds(r) / 60 for r in recent if len(r["seconds"]) == len(TIMING_PLAN)]
    if len(totals) >= 2:
        lines.append(f"Durée totale des répétitions complètes : de {fr_value(round(min(totals), 1))} à "
                     f"{fr_value(round(max(totals), 1))} min (objectif : 30 min).")
    return lines
