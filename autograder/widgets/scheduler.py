"""Scheduler (C5.1): choose a slot for each post, see clashes and slots outside the audience's active hours.

The schedule lives in a JSON file next to the notebook (``planification_c5.json`` by default) and is saved
on every change, so that autograding, which replays no click, reads the same schedule. ``.value`` is the list
of slots, ``.to_dataframe()`` the table the C5.1 checks read (columns ``publication``, ``reseau``,
``date_heure`` in Paris time, ``horodatage_utc`` for the Graph API, and the two flags).

    from autograder.widgets.scheduler import Scheduler
    planificateur = Scheduler("planification_c5.json", drafts=case_meta.DRAFTS, activity=activite,
                              now=case_meta.SCHEDULING_NOW)
    planificateur          # shows the widget
"""

from __future__ import annotations

import html
from datetime import date, datetime
from pathlib import Path

import ipywidgets as w

from autograder import insights, scheduling
from autograder.checks import c5
from autograder.dates import parse_datetime
from autograder.widgets.base import FileBackedModel, StatusLine, action_button, results_html

STATE_FILE = "planification_c5.json"
_COLUMNS = ("publication", "reseau", "date_heure", "horodatage_utc", "heure_active", "conflit")


class ScheduleModel(FileBackedModel):
    """Slots ``{"publication", "reseau", "date_heure"}`` (Paris time, ``AAAA-MM-JJ HH:MM``), one per post."""

    def __init__(self, path: str | Path = STATE_FILE, *, drafts=(), activity=None, now: datetime | None = None):
        self.drafts = {str(d[0]): (d[1], d[2] if len(d) > 2 else "") for d in drafts}
        # Active hours are computed once: the activity export does not change while the widget lives.
        self.activity = scheduling.hours_by_network(activity) if activity is not None else None
        self.now = now
        super().__init__(path)

    def default_state(self) -> dict:
        return {"slots": []}

    def validate(self, state: dict) -> dict:
        state = super().validate(state)
        slots = state.get("slots")
        if not isinstance(slots, list):
            raise ValueError("la clé « slots » doit être une liste de créneaux")
        seen = set()
        for slot in slots:
            if not isinstance(slot, dict) or not {"publication", "reseau", "date_heure"} <= set(slot):
                raise ValueError("chaque créneau doit avoir une publication, un réseau et une date")
            if slot["publication"] in seen:
                raise ValueError(f"la publication {slot['publication']} est programmée deux fois")
            seen.add(slot["publication"])
            slot["reseau"] = scheduling.network_name(slot["reseau"], f"Publication {slot['publication']}")
            when = parse_datetime(slot["date_heure"], f"Publication {slot['publication']}")
            slot["date_heure"] = when.strftime("%Y-%m-%d %H:%M")
        state["slots"] = sorted(slots, key=lambda s: s["date_heure"])
        return state

    # -- changes ---------------------------------------------------------------------------------------
    def schedule(self, post: str, when: datetime | str, network: str | None = None) -> None:
        """Put ``post`` at ``when`` (Paris time), replacing its previous slot."""
        post = str(post)
        if network is None:
            if post not in self.drafts:
                raise ValueError(f"publication « {post} » inconnue : choisir parmi {', '.join(self.drafts)}")
            network = self.drafts[post][0]
        moment = parse_datetime(when, "Date et heure")
        if self.now is not None and scheduling.too_soon(moment, self.now):
            raise ValueError(f"le {scheduling.day_fr(moment)} est passé ou trop proche : Meta demande au moins 10 minutes "
                             "d'avance")

        def change(state):
            state["slots"] = [s for s in state["slots"] if s["publication"] != post]
            state["slots"].append({"publication": post, "reseau": network, "date_heure": moment.strftime("%Y-%m-%d %H:%M")})

        self.update(change)

    def unschedule(self, post: str) -> None:
        self.update(lambda state: state.update(slots=[s for s in state["slots"] if s["publication"] != str(post)]))

    # -- artefact ----------------------------------------------------------------------------------------
    @property
    def value(self) -> list[dict]:
        return [dict(s) for s in self.state["slots"]]

    def flags(self) -> dict[str, dict]:
        """For each post: outside active hours (when the activity is known), in a clash."""
        slots = scheduling.schedule_slots(self.value) if self.value else []
        late = {p for p, _ in scheduling.outside_active_hours(slots, self.activity)} if self.activity is not None and slots else set()
        clashing = {p for pair in scheduling.clashes(slots) for p in pair}
        return {s["publication"]: {"heure_active": s["publication"] not in late if self.activity is not None else None,
                                   "conflit": s["publication"] in clashing} for s in self.value}

    def to_dataframe(self):
        import pandas as pd

        flags = self.flags()
        rows = [{**s, "horodatage_utc": scheduling.utc_timestamp(s["date_heure"]), **flags[s["publication"]]} for s in self.value]
        return pd.DataFrame(rows, columns=list(_COLUMNS))

    def results(self):
        if self.activity is None or self.now is None:
            return []
        drafts = [(k, v[0]) for k, v in self.drafts.items()] or None
        return [c5.check_schedule(self.value, self.activity, now=self.now, drafts=drafts)]


class Scheduler(w.VBox):
    """Pick a post, a day and a time, then « Programmer »; the table flags clashes and off-peak slots."""

    def __init__(self, path: str | Path = STATE_FILE, *, drafts=(), activity=None, now: datetime | None = None,
                 **kwargs):
        self._model = ScheduleModel(path, drafts=drafts, activity=activity, now=now)
        style = {"description_width": "120px"}
        options = [(f"{k} · {v[0]} · {v[1]}"[:90], k) for k, v in self._model.drafts.items()]
        self._post = w.Dropdown(options=options, description="Publication", style=style,
                                layout=w.Layout(width="640px"))
        start = (now or datetime.now(insights.PARIS)).date()
        self._day = w.DatePicker(value=start, description="Jour", style=style)
        self._hour = w.Dropdown(options=[(f"{h} h", h) for h in range(24)], value=18, description="Heure", style=style)
        self._minute = w.Dropdown(options=[(f"{m:02d}", m) for m in (0, 15, 30, 45)], value=0, description="Minutes",
                                  style=style)
        self._add = action_button("Programmer", icon="calendar-plus", button_style="primary",
                                   tooltip="Programme la publication choisie à ce jour et cette heure (heure de Paris)")
        self._remove = w.Button(description="Retirer", icon="trash", tooltip="Retire la publication choisie du planning")
        self._undo = w.Button(description="Annuler", icon="undo", tooltip="Annule la dernière modification")
        self._table = w.HTML()
        self._results = w.HTML()
        self._status = StatusLine()
        self._add.on_click(self._on_add)
        self._remove.on_click(self._on_remove)
        self._undo.on_click(self._on_undo)
        super().__init__(children=[
            w.HTML("<h3>Planificateur de publications (heure de Paris)</h3>"), self._post,
            w.HBox([self._day, self._hour, self._minute]), w.HBox([self._add, self._remove, self._undo]),
            self._status, self._table, self._results,
        ], **kwargs)
        self._model.observe(lambda _m: self._redraw())
        self._redraw()
        if self._model.load_message:
            self._status.show(self._model.load_message, "erreur")

    @property
    def value(self) -> list[dict]:
        return self._model.value

    @property
    def path(self) -> Path:
        return self._model.path

    def to_dataframe(self):
        return self._model.to_dataframe()

    def results(self):
        return self._model.results()

    def _on_add(self, _button=None) -> None:
        day = self._day.value
        if not isinstance(day, date):
            self._status.show("Choisissez un jour dans le calendrier. Le planning n'a pas changé.", "erreur")
            return
        when = datetime(day.year, day.month, day.day, self._hour.value, self._minute.value, tzinfo=insights.PARIS)
        try:
            self._model.schedule(self._post.value, when)
        except ValueError as exc:
            self._status.show(f"{exc}. Le planning n'a pas changé.", "erreur")
            return
        self._status.show(f"{self._post.value} programmée le {scheduling.day_fr(when)} (heure de Paris, UTC{when:%z}).", "ok")

    def _on_remove(self, _button=None) -> None:
        if self._post.value not in {s["publication"] for s in self._model.value}:
            self._status.show(f"{self._post.value} n'est pas au planning.", "info")
            return
        self._model.unschedule(self._post.value)
        self._status.show(f"{self._post.value} retirée du planning.", "ok")

    def _on_undo(self, _button=None) -> None:
        if self._model.undo():
            self._status.show("Dernière modification annulée.", "ok")
        else:
            self._status.show("Rien à annuler.", "info")

    def _redraw(self) -> None:
        flags = self._model.flags()
        rows = []
        for slot in self._model.value:
            flag = flags[slot["publication"]]
            when = parse_datetime(slot["date_heure"])
            notes = []
            if flag["heure_active"] is False:
                notes.append("⚠ hors des heures d'activité de l'audience")
            if flag["conflit"]:
                notes.append("⚠ conflit : moins de 2 h avec une autre publication du réseau")
            subject = self._model.drafts.get(slot["publication"], ("", ""))[1]
            rows.append(
                f"<tr><td>{html.escape(slot['publication'])}</td><td>{html.escape(slot['reseau'])}</td>"
                f"<td>{html.escape(scheduling.day_fr(when))} (UTC{when:%z})</td><td>{html.escape(subject)}</td>"
                f"<td>{html.escape(' ; '.join(notes) or '✔')}</td></tr>"
            )
        if rows:
            self._table.value = (
                "<table style='border-collapse:collapse'><caption style='text-align:left'>Publications "
                "programmées</caption><thead><tr><th scope='col'>Publication</th><th scope='col'>Réseau</th>"
                "<th scope='col'>Date (heure de Paris)</th><th scope='col'>Sujet</th><th scope='col'>Alertes</th>"
                "</tr></thead><tbody>" + "".join(rows) + "</tbody></table>"
            )
        else:
            self._table.value = "<p>Aucune publication programmée pour l'instant.</p>"
        results = self._model.results() if self._model.value else []
        self._results.value = results_html(results) if results else ""
