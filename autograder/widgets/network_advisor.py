"""Network advisor: describe the company (or load its profile) and get the networks ranked with reasons,
plus a warning when a chosen network does not fit the target.

The brief and the chosen networks are saved to a JSON file (``choix_reseaux.json`` by default) on every
valid change; ``.value`` is the list of chosen network ids and ``.brief`` the brief the C1.1 check reads.
"""

from __future__ import annotations

import html
from pathlib import Path

import ipywidgets as w

from autograder.company import load_company
from autograder.networks import NETWORKS, OBJECTIVES, rank_networks, validate_brief
from autograder.widgets.base import FileBackedModel, RangeFields, StatusLine

ADVISOR_FILE = "choix_reseaux.json"


class AdvisorModel(FileBackedModel):
    """Brief (sector, market, ages, location, objectives, hours per week) and the chosen networks."""

    def default_state(self) -> dict:
        return {"sector": "", "market": "B2C", "ages": [25, 54], "location": "", "objectives": ["notoriété"],
                "hours_per_week": 4.0, "chosen": []}

    def validate(self, state: dict) -> dict:
        return validate_brief(super().validate(state))  # the rule the C1.1 checks apply to the file

    @property
    def brief(self) -> dict:
        s = self.state
        return {"market": s["market"], "ages": tuple(s["ages"]), "objectives": list(s["objectives"]),
                "hours_per_week": s["hours_per_week"], "sector": s["sector"], "location": s["location"]}

    @property
    def value(self) -> list[str]:
        return list(self.state["chosen"])

    def ranking(self):
        b = self.brief
        return rank_networks(b["market"], b["ages"], b["objectives"], b["hours_per_week"], b["location"])

    def set(self, key: str, value) -> None:
        self.update(lambda s: s.__setitem__(key, value))

    def load_company(self, company=None) -> None:
        company = company or load_company()

        def change(s):
            s.update(sector=company.sector, market=company.market, ages=list(company.target_ages),
                     location=", ".join(company.target_locations), objectives=list(company.objectives),
                     hours_per_week=float(company.hours_per_week))

        self.update(change)


def ranking_html(ranked, chosen) -> str:
    rows = []
    for pos, r in enumerate(ranked, start=1):
        mark = "✔ retenu" if r.network.id in chosen else ""
        warn = "".join(f"<li>⚠ {html.escape(x)}</li>" for x in r.warnings)
        reasons = "".join(f"<li>{html.escape(x)}</li>" for x in r.reasons)
        rows.append(
            f"<tr><td style='padding:4px 8px'>{pos}</td><th scope='row' style='text-align:left;padding:4px 8px'>"
            f"{html.escape(r.network.name)}</th><td style='padding:4px 8px'>{format(r.score, 'g').replace('.', ',')}/100</td>"
            f"<td style='padding:4px 8px'><ul style='margin:0'>{reasons}</ul>"
            f"<ul style='margin:0;color:#a4161a'>{warn}</ul></td><td style='padding:4px 8px'>{mark}</td></tr>"
        )
    return (
        "<table style='border-collapse:collapse;color:#1a1a1a;background:#ffffff;font-size:13px'>"
        "<caption style='text-align:left;font-weight:bold'>Réseaux classés pour ce brief (score sur 100 : âge 40 %, "
        "marché 30 %, objectifs 30 %)</caption><thead><tr><th scope='col'>Rang</th><th scope='col'>Réseau</th>"
        "<th scope='col'>Score</th><th scope='col'>Raisons et alertes</th><th scope='col'>Choix</th></tr></thead>"
        f"<tbody>{''.join(rows)}</tbody></table>"
    )


class NetworkAdvisor(w.VBox):
    """The brief form, the ranked networks and the learner's choice; ``.value`` is the chosen network ids."""

    def __init__(self, path: str | Path = ADVISOR_FILE, company=None, **kwargs):
        self._model = AdvisorModel(path)
        self._company = company
        s = self._model.state
        style = {"description_width": "170px"}
        self._sector = w.Text(value=s["sector"], description="Secteur d'activité", style=style, continuous_update=False)
        self._market = w.Dropdown(options=["B2C", "B2B", "B2B2C"], value=s["market"], description="Marché", style=style)
        self._ages = RangeFields(tuple(s["ages"]), min=13, max=100, description="Âge de la cible", style=style)
        self._location = w.Text(value=s["location"], description="Zone géographique", style=style,
                                continuous_update=False)
        self._objectives = w.SelectMultiple(options=list(OBJECTIVES), value=tuple(s["objectives"]),
                                            description="Objectifs", style=style, rows=7)
        self._hours = w.BoundedFloatText(value=s["hours_per_week"], min=0, max=80, step=0.5,
                                         description="Heures par semaine", style=style)
        self._chosen = w.SelectMultiple(options=[(n.name, n.id) for n in NETWORKS.values()], value=tuple(s["chosen"]),
                                        description="Réseaux retenus", style=style, rows=9)
        self._load = w.Button(description="Charger le profil de l'entreprise", icon="building",
                              tooltip="Reprend le secteur, le marché, la cible et les objectifs du profil")
        self._status = StatusLine()
        self._table = w.HTML()
        self._advice = w.HTML()
        for key, ctl in (("sector", self._sector), ("market", self._market), ("ages", self._ages),
                         ("location", self._location), ("objectives", self._objectives),
                         ("hours_per_week", self._hours), ("chosen", self._chosen)):
            ctl.observe(self._on(key), names="value")
        self._load.on_click(lambda _: self._act(lambda: self._model.load_company(self._company),
                                                "Profil de l'entreprise chargé."))
        if self._model.load_message:
            self._status.show(self._model.load_message, "erreur")
        super().__init__([
            w.HTML("<h3>Conseiller de réseaux sociaux</h3>"), self._load, self._sector, self._market, self._ages,
            self._location, self._objectives, self._hours, self._chosen, self._status, self._advice, self._table,
        ], **kwargs)
        self._refresh()

    @property
    def value(self) -> list[str]:
        return self._model.value

    @property
    def brief(self) -> dict:
        return self._model.brief

    @property
    def model(self) -> AdvisorModel:
        return self._model

    def _on(self, key):
        def handler(change):
            if getattr(self, "_syncing", False):
                return
            value = change["new"]
            if key in ("ages", "objectives", "chosen"):
                value = list(value)
            self._act(lambda: self._model.set(key, value), "Brief enregistré.")
        return handler

    def _act(self, action, ok_message: str) -> None:
        self._status.attempt(action, ok_message, kept="Le brief précédent est conservé.")
        self._sync()
        self._refresh()

    def _sync(self) -> None:
        s = self._model.state
        self._syncing = True
        try:
            self._sector.value, self._market.value, self._ages.value = s["sector"], s["market"], tuple(s["ages"])
            self._location.value, self._objectives.value = s["location"], tuple(s["objectives"])
            self._hours.value, self._chosen.value = s["hours_per_week"], tuple(s["chosen"])
        finally:
            self._syncing = False

    def _refresh(self) -> None:
        ranked = self._model.ranking()
        chosen = self._model.value
        self._table.value = ranking_html(ranked, chosen)
        by_id = {r.network.id: r for r in ranked}
        notes = []
        for nid in chosen:
            r = by_id[nid]
            if r.fits:
                notes.append(f"<li style='color:#0b6b3a'>{html.escape(r.network.name)} convient à ce brief.</li>")
            else:
                notes.append(f"<li style='color:#a4161a'>Attention : {html.escape(r.network.name)} ne convient pas "
                             f"bien — {html.escape(' '.join(r.warnings) or 'score trop faible')}</li>")
        self._advice.value = (f"<div role='status' aria-live='polite'><ul>{''.join(notes)}</ul></div>" if notes else
                              "<p style='color:#1a1a1a'>Retenez 1 à 3 réseaux dans la liste « Réseaux retenus ».</p>")
