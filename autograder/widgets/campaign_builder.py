"""Campaign builder: objective, audience, format, message, budget; a live forecast with a plot of the range.

``CampaignModel`` keeps the campaign in a file (``campagne.json``) and refuses an impossible one (negative
budget, end before start, empty audience) with a French message: the file keeps the last good campaign.
``CampaignBuilder`` is the view. The plot is an inline SVG (fast, accessible: it has a title and a text
summary next to it), colours from the Okabe-Ito palette.
"""

from __future__ import annotations

import datetime as dt
import html
from pathlib import Path

import ipywidgets as w

from autograder import campaign as cp
from autograder.company import CASE_COMPANY, CompanyProfile, load_company
from autograder.networks import get_network
from autograder.numbers import fr_number, fr_value
from autograder.widgets.base import FileBackedModel, RangeFields, StatusLine, choice_group

_COLOURS = {"bas": "#D55E00", "attendu": "#0072B2", "haut": "#009E73"}


def default_campaign(company: CompanyProfile = CASE_COMPANY) -> dict:
    locations = [loc for loc in company.target_locations if loc in cp.LOCATIONS] or ["France"]
    start = dt.date(2027, 1, 2)
    return {"objective": "trafic", "audience": {"age_min": company.target_ages[0],
                                                "age_max": min(65, company.target_ages[1]),
                                                "genders": company.target_gender
                                                if company.target_gender in cp.GENDER_SHARE else "toutes",
                                                "locations": locations, "interests": []},
            "format": "image", "placements": [list(p) for p in cp.FORMATS["image"]["placements"]],
            "message": "", "budget": {"kind": "quotidien", "amount": 5.0, "start": start.isoformat(),
                                      "end": (start + dt.timedelta(days=13)).isoformat()},
            "goal_metric": "clics", "goal_target": 300, "sector": cp.sector_for(company.sector), "visual": "",
            "call_to_action": "En savoir plus"}


class CampaignModel(FileBackedModel):
    def __init__(self, path: str | Path, company: CompanyProfile = CASE_COMPANY):
        self.company = company
        super().__init__(path)

    def default_state(self) -> dict:
        return {"campaign": default_campaign(self.company)}

    def validate(self, state: dict) -> dict:
        state = super().validate(state)
        if "campaign" not in state:
            raise ValueError("il manque la campagne (« campaign »)")
        state["campaign"] = cp.Campaign.from_dict(state["campaign"]).to_dict()
        return state

    @property
    def campaign(self) -> cp.Campaign:
        return cp.Campaign.from_dict(self.state["campaign"])

    def set(self, **changes) -> None:
        """Change fields of the campaign (``budget={...}``, ``audience={...}`` replace whole sub-dicts)."""
        def change(state):
            state["campaign"].update(changes)
            if "format" in changes and "placements" not in changes and changes["format"] in cp.FORMATS:
                state["campaign"]["placements"] = [list(p) for p in cp.FORMATS[changes["format"]]["placements"]]

        try:
            self.update(change)
        except KeyError as exc:
            raise ValueError(exc.args[0]) from None


def forecast_svg(table, metric: str = "clicks", goal: float | None = None, width: int = 460) -> str:
    """A horizontal range plot of one forecast quantity (low / expected / high), with the goal as a line."""
    label = cp.FORECAST_LABELS[metric]
    values = {s: float(table.loc[s, metric]) for s in cp.SCENARIOS}
    top = max([*values.values(), goal or 0]) * 1.15 or 1.0
    bar_h, left = 26, 80
    rows = []
    for k, (scenario, value) in enumerate(values.items()):
        y = 30 + k * (bar_h + 10)
        length = (width - left - 70) * value / top
        rows.append(f'<text x="{left - 8}" y="{y + 18}" text-anchor="end" font-size="13" fill="#1a1a1a">{scenario}</text>'
                    f'<rect x="{left}" y="{y}" width="{length:.1f}" height="{bar_h}" fill="{_COLOURS[scenario]}"/>'
                    f'<text x="{left + length + 6:.1f}" y="{y + 18}" font-size="13" fill="#1a1a1a">'
                    f"{fr_number(value, 0)}</text>")
    goal_line = ""
    if goal:
        x = left + (width - left - 70) * goal / top
        goal_line = (f'<line x1="{x:.1f}" y1="22" x2="{x:.1f}" y2="140" stroke="#000000" stroke-dasharray="4 3"/>'
                     f'<text x="{x + 4:.1f}" y="18" font-size="12" fill="#000000">objectif {fr_value(goal)}</text>')
    summary = (f"{label} prévus : {fr_number(values['bas'], 0)} (bas), {fr_number(values['attendu'], 0)} (attendu), "
               f"{fr_number(values['haut'], 0)} (haut)") + (f" ; objectif {fr_value(goal)}." if goal else ".")
    return (f'<svg role="img" aria-label="{html.escape(summary)}" width="{width}" height="150" '
            f'xmlns="http://www.w3.org/2000/svg" style="background:#ffffff"><title>{html.escape(summary)}</title>'
            f'<text x="0" y="14" font-size="13" font-weight="bold" fill="#1a1a1a">{html.escape(label)}</text>'
            + "".join(rows) + goal_line + "</svg>" + f"<p style='color:#1a1a1a'>{html.escape(summary)}</p>")


def forecast_table_html(table) -> str:
    cols = ["impressions", "reach", "frequency", "clicks", "cpc", "ctr", "cpm", "conversions", "cpa", "revenue", "roas"]
    decimals = {"frequency": 2, "cpc": 2, "ctr": 2, "cpm": 2, "cpa": 2, "roas": 2}
    head = "".join(f"<th scope='col' style='padding:2px 6px'>{s}</th>" for s in cp.SCENARIOS)
    body = "".join(
        f"<tr><th scope='row' style='text-align:left;padding:2px 6px'>{cp.FORECAST_LABELS[c]}</th>"
        + "".join(f"<td style='text-align:right;padding:2px 6px'>"
                  f"{fr_number(table.loc[s, c], decimals.get(c, 0))}</td>"
                  for s in cp.SCENARIOS) + "</tr>"
        for c in cols)
    return (f"<table style='border-collapse:collapse;color:#1a1a1a;background:#ffffff'><caption style='text-align:left'>"
            f"Prévision par scénario</caption><thead><tr><th scope='col'>Indicateur</th>{head}</tr></thead><tbody>{body}</tbody></table>")


def placement_options(format_id: str) -> list[tuple[str, str]]:
    """(French label, "network/placement") for each placement of a format, names from :mod:`autograder.networks`."""
    options = []
    for network, placement in cp.FORMATS[format_id]["placements"]:
        net = get_network(network)
        options.append((f"{net.name} – {net.placement(placement).name}", f"{network}/{placement}"))
    return options


class CampaignBuilder(w.VBox):
    """The campaign form; the forecast, its plot and the warnings update on every change."""

    def __init__(self, path: str | Path = "campagne.json", company: CompanyProfile | None = None, **kwargs):
        super().__init__(**kwargs)
        self._status = StatusLine()
        company_problem = None
        if company is None:  # the learner's own company (entreprise.json) when there is one
            try:
                company = load_company(Path(path).resolve().parent / "entreprise.json"
                                       if (Path(path).resolve().parent / "entreprise.json").exists() else None)
            except ValueError as exc:
                company, company_problem = CASE_COMPANY, f"{exc} La campagne part du cas de La Fournée de Léa."
        self.model = CampaignModel(path, company)
        c = self.model.state["campaign"]
        self._objective = w.Dropdown(options=[(o.label, o.id) for o in cp.OBJECTIVES.values()], value=c["objective"],
                                     description="Objectif")
        self._format = w.Dropdown(options=[(v["label"], k) for k, v in cp.FORMATS.items()], value=c["format"],
                                  description="Format")
        self._placements = w.SelectMultiple(options=placement_options(c["format"]),
                                            value=tuple("/".join(p) for p in c["placements"]), rows=4,
                                            description="Emplacements")
        a = c["audience"]
        self._ages = RangeFields((a["age_min"], a["age_max"]), min=13, max=65, description="Âges")
        self._genders = w.Dropdown(options=list(cp.GENDER_SHARE), value=a["genders"], description="Genre")
        self._locations = w.SelectMultiple(options=list(cp.LOCATIONS), value=tuple(a["locations"]), rows=5,
                                           description="Lieux")
        self._interests = w.SelectMultiple(options=list(cp.INTERESTS), value=tuple(a["interests"]), rows=5,
                                           description="Centres d'intérêt")
        self._message = w.Textarea(value=c["message"], description="Message",
                                   placeholder="Texte principal de la publicité (125 caractères visibles)",
                                   layout=w.Layout(width="100%"))
        pictures = sorted(p.name for p in self.model.path.resolve().parent.glob("*.png"))
        self._visual = w.Combobox(value=c["visual"], options=pictures, description="Visuel (C2)",
                                  placeholder="fichier PNG créé au module C2", ensure_option=False)
        self._cta = w.Text(value=c["call_to_action"], description="Bouton")
        b = c["budget"]
        self._kind = choice_group([("Quotidien", "quotidien"), ("Global", "global")], value=b["kind"],
                                  description="Budget")
        self._amount = w.FloatText(value=b["amount"], description="Montant (€)")
        self._start = w.DatePicker(value=dt.date.fromisoformat(b["start"]), description="Début")
        self._end = w.DatePicker(value=dt.date.fromisoformat(b["end"]), description="Fin")
        self._goal_metric = w.Dropdown(options=[("clics sur un lien", "clics"), ("achats", "achats"),
                                                ("personnes touchées", "couverture"), ("impressions", "impressions")],
                                       value=c["goal_metric"], description="Objectif chiffré")
        self._goal = w.FloatText(value=c["goal_target"], description="Cible (nombre)")
        self._sector = w.Dropdown(options=[(s.label, k) for k, s in cp.SECTORS.items()], value=c["sector"],
                                  description="Secteur")
        self._plot = w.HTML()
        self._table = w.HTML()
        self._warnings = w.HTML()
        self._controls = [self._objective, self._format, self._placements, self._ages, self._genders, self._locations, self._interests,
                          self._message, self._visual, self._cta, self._kind, self._amount, self._start, self._end,
                          self._goal_metric, self._goal, self._sector]
        for control in self._controls:
            control.observe(self._on_change, names="value")
            if "description_width" in getattr(getattr(control, "style", None), "keys", ()):
                control.style.description_width = "initial"  # « Centres d'intérêt », « Objectif chiffré » in full
        self.children = [
            w.HTML("<h3>Créer une campagne sponsorisée</h3>"),
            w.HBox([self._objective, self._format, self._sector]), self._placements,
            w.HBox([self._ages, self._genders]), w.HBox([self._locations, self._interests]),
            self._message, w.HBox([self._visual, self._cta]),
            self._kind, w.HBox([self._amount, self._start, self._end]), w.HBox([self._goal_metric, self._goal]),
            self._status, self._warnings, self._plot, self._table,
        ]
        if self.model.load_message or company_problem:
            self._status.show(self.model.load_message or company_problem, "erreur")
        self._redraw()

    def _form(self) -> dict:
        start, end = self._start.value, self._end.value
        return {
            "objective": self._objective.value, "format": self._format.value,
            "placements": [p.split("/") for p in self._placements.value],
            "audience": {"age_min": self._ages.value[0], "age_max": self._ages.value[1],
                         "genders": self._genders.value, "locations": list(self._locations.value),
                         "interests": list(self._interests.value)},
            "message": self._message.value, "visual": self._visual.value, "call_to_action": self._cta.value,
            "budget": {"kind": self._kind.value, "amount": self._amount.value,
                       "start": start.isoformat() if start else "", "end": end.isoformat() if end else ""},
            "goal_metric": self._goal_metric.value, "goal_target": self._goal.value, "sector": self._sector.value,
        }

    def _on_change(self, change=None) -> None:
        if change is not None and change.get("owner") is self._format:
            # a new format: offer its placements, all selected (as Ads Manager's Advantage+ placements do)
            self._placements.unobserve(self._on_change, names="value")
            options = placement_options(self._format.value)
            self._placements.options = options
            self._placements.value = tuple(v for _, v in options)
            self._placements.observe(self._on_change, names="value")
        try:
            self.model.set(**self._form())
        except ValueError as exc:
            self._status.show(f"{exc} La dernière campagne valable reste enregistrée.", "erreur")
            return
        self._status.show("Campagne enregistrée.", "ok")
        self._redraw()

    def _redraw(self) -> None:
        camp = self.model.campaign
        table = camp.forecast()
        metric = cp.GOAL_METRICS[camp.goal_metric]
        self._plot.value = forecast_svg(table, metric, camp.goal_target)
        self._table.value = forecast_table_html(table)
        low, high = cp.audience_size(camp.audience)
        notes = [f"Taille estimée de l'audience : {fr_number(low, 0)} – {fr_number(high, 0)} personnes. Budget total : "
                 f"{cp.euros(camp.budget.total)} sur {camp.budget.days} jour(s)."]
        if camp.budget.kind == "quotidien":
            notes.append(f"Meta peut dépenser jusqu'à {cp.euros(cp.max_spend_on_one_day(camp.budget.amount))} un jour "
                         f"donné et {cp.euros(cp.max_spend_in_week(camp.budget.amount))} au plus sur une semaine.")
        warnings = camp.warnings()
        items = "".join(f"<li>ℹ️ {html.escape(n)}</li>" for n in notes)
        items += "".join(f"<li style='color:#a4161a'>⚠️ {html.escape(x)}</li>" for x in warnings)
        self._warnings.value = f"<ul style='color:#1a1a1a'>{items}</ul>"

    @property
    def value(self) -> dict:
        return self.model.state["campaign"]


def budget_curve_svg(sector: str = "local", goal: float | None = None, budgets: range = range(20, 201, 20),
                     metric: str = "clicks", width: int = 520, height: int = 220) -> str:
    """Forecast of ``metric`` as the budget grows: the low–high band and the expected line, as inline SVG.

    The goal is a dashed line; the accessible name and the text below the chart say where each scenario
    reaches it.
    """
    points = {s: [(b, float(cp.forecast(b, sector).loc[s, metric])) for b in budgets] for s in cp.SCENARIOS}
    top = max([v for s in points.values() for _, v in s] + [goal or 0]) * 1.1
    left, bottom, right = 50, height - 30, width - 10

    def xy(budget, value):
        x = left + (right - left) * (budget - budgets[0]) / (budgets[-1] - budgets[0])
        return x, bottom - (bottom - 20) * value / top

    band = [xy(b, v) for b, v in points["haut"]] + [xy(b, v) for b, v in reversed(points["bas"])]
    line = [xy(b, v) for b, v in points["attendu"]]
    label = cp.FORECAST_LABELS[metric]
    parts = [f'<polygon points="{" ".join(f"{x:.1f},{y:.1f}" for x, y in band)}" fill="#56B4E9" opacity="0.5"/>',
             f'<polyline points="{" ".join(f"{x:.1f},{y:.1f}" for x, y in line)}" fill="none" stroke="#0072B2" '
             'stroke-width="2.5"/>',
             f'<line x1="{left}" y1="{bottom}" x2="{right}" y2="{bottom}" stroke="#1a1a1a"/>',
             f'<line x1="{left}" y1="20" x2="{left}" y2="{bottom}" stroke="#1a1a1a"/>']
    for b in budgets[::2]:
        x, _ = xy(b, 0)
        parts.append(f'<text x="{x:.1f}" y="{bottom + 16}" text-anchor="middle" font-size="11" fill="#1a1a1a">'
                     f"{b} €</text>")
    parts.append(f'<text x="{left + 4}" y="14" font-size="12" fill="#1a1a1a">{html.escape(label)} selon le budget '
                 "(bande : scénarios bas à haut ; trait : attendu)</text>")
    summary = f"{label} selon le budget, de {budgets[0]} à {budgets[-1]} € : "
    summary += ", ".join(f"{s} {fr_number(points[s][-1][1], 0)}" for s in cp.SCENARIOS)
    summary += f" pour {budgets[-1]} €."
    if goal:
        _, y = xy(budgets[0], goal)
        parts.append(f'<line x1="{left}" y1="{y:.1f}" x2="{right}" y2="{y:.1f}" stroke="#000000" '
                     'stroke-dasharray="5 4"/>'
                     f'<text x="{right - 4}" y="{y - 4:.1f}" text-anchor="end" font-size="11" fill="#000000">'
                     f"objectif {fr_value(goal)}</text>")
        reach = [f"{s} : {cp.euros(cp.budget_for_target(goal, _METRIC_GOALS[metric], sector, s))}"
                 for s in cp.SCENARIOS]
        summary += f" Budget pour atteindre {fr_value(goal)} — " + ", ".join(reach) + "."
    return (f'<svg xmlns="http://www.w3.org/2000/svg" role="img" aria-label="{html.escape(summary)}" width="{width}" '
            f'height="{height}" style="background:#ffffff;font-family:sans-serif">' + "".join(parts)
            + f"</svg><p style='color:#1a1a1a'>{html.escape(summary)}</p>")


_METRIC_GOALS = {column: goal for goal, column in cp.GOAL_METRICS.items()}
