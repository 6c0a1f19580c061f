"""Rehearsal timer of lesson 08: follows the 30-minute plan part by part and keeps a log of each rehearsal.

The time is measured in the kernel (:class:`autograder.rehearsal.RehearsalTimer`, a monotonic clock read at each
button press); the display is refreshed at each press (and by « Actualiser »). A finished rehearsal (date,
seconds per part, notes) is added to the log file (``repetitions.json``, atomic writes, reloaded when the
widget is created) and summarised under the buttons with the time line of the last rehearsal.
"""

from __future__ import annotations

import html
import time
from collections.abc import Callable
from pathlib import Path

import ipywidgets as w

from autograder import rehearsal as reh
from autograder.presentation import TIMING_PLAN
from autograder.widgets.base import FileBackedModel, StatusLine


class RehearsalLogModel(FileBackedModel):
    """``{"rehearsals": [{"date", "seconds": {part title: seconds}, "notes"}, …]}`` in the order they were made."""

    def default_state(self) -> dict:
        return {"rehearsals": []}

    def validate(self, state: dict) -> dict:
        return reh.validate_log(super().validate(state))

    @property
    def rehearsals(self) -> list[dict]:
        return self.state["rehearsals"]

    def add(self, record: dict) -> None:
        record = reh.validate_record(record)
        self.update(lambda state: state["rehearsals"].append(record))


class RehearsalTimerWidget(w.VBox):
    """Start / next part / pause / finish, the time of each part against the plan, the rehearsal log."""

    def __init__(self, path: str | Path = reh.REHEARSAL_FILE, clock: Callable[[], float] = time.monotonic,
                 now=None, **kwargs):
        super().__init__(**kwargs)
        self.model = RehearsalLogModel(path)
        self.timer = reh.RehearsalTimer(clock)
        self._now = now  # wall clock of the record's date (tests pass a fixed one)
        self._status = StatusLine()
        button = {"layout": w.Layout(width="auto")}
        self._start = w.Button(description="Démarrer", button_style="primary",
                               tooltip="Démarrer une répétition à la première partie", **button)
        self._next = w.Button(description="Partie suivante", tooltip="Passer à la partie suivante du plan", **button)
        self._pause = w.Button(description="Pause", tooltip="Mettre en pause ou reprendre", **button)
        self._finish = w.Button(description="Terminer", tooltip="Terminer et enregistrer la répétition", **button)
        self._refresh_button = w.Button(description="Actualiser", tooltip="Actualiser les temps affichés", **button)
        self._notes = w.Textarea(description="Notes", placeholder="ce qui a bien marché, ce qu'il faut resserrer…",
                                 layout=w.Layout(width="100%", height="5em"))
        self._table = w.HTML()
        self._log = w.HTML()
        self._figure = w.Output()
        self._start.on_click(lambda _b: self._press(self.timer.start, "Répétition démarrée : présentez à voix haute."))
        self._next.on_click(lambda _b: self._press(self.timer.next_part, None))
        self._pause.on_click(lambda _b: self._press(self.timer.pause, None))
        self._finish.on_click(lambda _b: self._on_finish())
        self._refresh_button.on_click(lambda _b: self._draw())
        self.children = [w.HTML("<h3>Chronomètre de répétition (30 minutes)</h3>"),
                         w.HBox([self._start, self._next, self._pause, self._finish, self._refresh_button]),
                         self._status, self._table, self._notes, self._log, self._figure]
        if self.model.load_message:
            self._status.show(self.model.load_message, "erreur")
        self._draw()
        self._draw_log()

    # -- actions ------------------------------------------------------------------------------------------------
    def _press(self, action: Callable[[], object], message: str | None) -> None:
        try:
            action()
        except ValueError as exc:
            self._status.show(str(exc), "erreur")
            return
        if message is None:
            if self.timer.state == reh.FINISHED:
                message = "Dernière partie terminée : cliquez sur « Terminer » pour enregistrer la répétition."
            elif self.timer.state == reh.PAUSED:
                message = "En pause : le temps ne compte plus. Cliquez sur « Pause » pour reprendre."
            else:
                message = f"Partie en cours : {self.timer.current_title}."
        self._status.show(message, "info")
        self._draw()

    def _on_finish(self) -> None:
        try:
            seconds = self.timer.finish()
            if not seconds:
                raise ValueError("Aucune partie chronométrée : démarrez d'abord la répétition.")
            record = reh.make_record(seconds, self._notes.value.strip(), self._now() if self._now else None)
            self.model.add(record)
        except ValueError as exc:
            self._status.show(str(exc), "erreur")
            return
        self.timer.reset()
        self._notes.value = ""
        self._status.show(f"Répétition enregistrée : {reh.record_line(record)}", "ok")
        self._draw()
        self._draw_log()

    # -- display ------------------------------------------------------------------------------------------------
    def _draw(self) -> None:
        elapsed = self.timer.elapsed()
        rows = []
        for i, part in enumerate(TIMING_PLAN):
            spent = elapsed[i]
            planned = 60 * part.minutes
            current = i == self.timer.index and self.timer.state in (reh.RUNNING, reh.PAUSED)
            if spent - planned > reh.OVER_TOLERANCE_SECONDS:
                state = f"<strong>trop long (+{reh.mmss(spent - planned)})</strong>"
            elif current:
                state = f"en cours, reste {reh.mmss(planned - spent)}" if spent <= planned else "à conclure"
            elif i < self.timer.index:
                state = "dans le temps"
            else:
                state = "à venir"
            mark = ' aria-current="step" style="background:#fff4d6"' if current else ""
            rows.append(f"<tr{mark}><th scope='row'>{html.escape(part.title)}</th><td>{part.minutes} min</td>"
                        f"<td>{reh.mmss(spent)}</td><td>{state}</td></tr>")
        total = sum(elapsed)
        self._table.value = (
            f"<p>État : <strong>{self.timer.state}</strong> ; temps total : {reh.mmss(total)} sur 30 min.</p>"
            "<table style='border-collapse:collapse'><caption>Temps par partie, comparé au plan</caption><thead><tr>"
            "<th scope='col'>Partie</th><th scope='col'>Prévu</th><th scope='col'>Mesuré</th>"
            "<th scope='col'>Où vous en êtes</th></tr></thead><tbody>" + "".join(rows) + "</tbody></table>")

    def _draw_log(self) -> None:
        from IPython.display import display

        from autograder.presentation import timeline_figure

        lines = reh.log_summary(self.model.rehearsals)
        self._log.value = ("<h4>Journal des répétitions</h4>"
                           + "".join(f"<p>{html.escape(line)}</p>" for line in lines))
        self._figure.clear_output()
        complete = [r for r in self.model.rehearsals if len(r["seconds"]) == len(TIMING_PLAN)]
        if complete:
            with self._figure:
                display(timeline_figure(reh.minutes_by_part(complete[-1])))

    @property
    def value(self) -> list[dict]:
        return self.model.rehearsals
