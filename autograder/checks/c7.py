"""Checks of C7 — creating a sponsored campaign (C7.1 to C7.4).

Artefacts: the campaign saved by the campaign builder (``campagne.json``: objective, audience, format,
placements, message, budget, goal), the learner's forecast (a dict), budget figures and the cost per click
computed from an Ads Manager export.
"""

from __future__ import annotations

import math
import re
from collections.abc import Mapping
from pathlib import Path

import pandas as pd

from autograder import campaign as cp
from autograder.numbers import fr_number, fr_value
from autograder.results import CheckResult, LearnerInputError, check
from autograder.storage import UnreadableWork, read_work_file
from autograder.text import fold

WORK_FILE = "campagne.json"

#: Calls to action a message may use (imperative verbs and Meta's buttons).
CALLS_TO_ACTION = ("commandez", "reservez", "decouvrez", "venez", "profitez", "inscrivez", "achetez", "cliquez",
                   "essayez", "precommandez", "rendez-vous", "rejoignez", "testez", "goutez", "passez",
                   "en savoir plus", "commander", "reserver", "s'inscrire", "acheter")


def load_campaign(path: str | Path = WORK_FILE) -> dict | None:
    """The campaign saved by the builder, ``None`` when the file does not exist yet.

    An unreadable file (or one the widget set aside as unreadable) gives an :class:`UnreadableWork`, which the
    checks report (0 point, French message).
    """
    data = read_work_file(path)
    if data is None or isinstance(data, UnreadableWork):
        return data
    if not isinstance(data, dict):
        return UnreadableWork(f"« {Path(path).name} » devrait contenir un objet JSON (la campagne).")
    return data.get("campaign", data)


def _campaign(value) -> cp.Campaign:
    if isinstance(value, UnreadableWork):
        raise LearnerInputError(value.message)
    if value is None:
        raise LearnerInputError("Aucune campagne enregistrée : créez-la avec le widget (fichier « campagne.json »).")
    if isinstance(value, cp.Campaign):
        return value
    return cp.Campaign.from_dict(value)


def _number(value, name: str) -> float:
    if isinstance(value, bool) or not isinstance(value, int | float) or not math.isfinite(value):
        raise LearnerInputError(f"« {name} » : un nombre était attendu (reçu {value!r}).")
    return float(value)


def _close(value: float, expected: float, rel: float = 0.01, abs_tol: float = 0.005) -> bool:
    return math.isclose(value, expected, rel_tol=rel, abs_tol=abs_tol)


def answered(criterion: str, title: str, points: float, **values) -> CheckResult:
    """Visible part of a graded cell: each answer is given as a positive number (exact values are graded later)."""
    result = CheckResult(criterion, title, max_points=points)
    share = points / max(1, len(values))
    for name, value in values.items():
        ok = not isinstance(value, bool) and isinstance(value, int | float) and math.isfinite(value) and value > 0
        result.add(ok, share, f"« {name} » est renseigné ({fr_value(value)})." if ok else "",
                   f"« {name} » doit être un nombre positif (reçu {value!r}).")
    result.note("La valeur exacte est vérifiée à la correction.")
    return result


@check("C7.1", "Format choisi selon la cible, l'objectif et le message", 3)
def check_format(campaign, brief: Mapping, *, result: CheckResult) -> None:
    """``brief``: {"objective": "trafic", "keywords": ["galette"], "age_min": 25, "age_max": 54}."""
    camp = _campaign(campaign)
    objective = cp.get_objective(camp.objective)
    wanted = cp.get_objective(brief["objective"])
    result.add(objective.id == wanted.id, 0.5, f"Objectif « {objective.label} » conforme au brief.",
               f"Objectif « {objective.label} » : le brief demande « {wanted.label} » ({wanted.purpose}).")
    result.add(cp.format_fits_objective(camp.format, objective.id), 1,
               f"Le format « {cp.FORMATS[camp.format]['label']} » sert l'objectif « {objective.label} ».",
               f"Le format « {cp.FORMATS[camp.format]['label']} » sert mal l'objectif « {objective.label} » : "
               f"préférez {', '.join(objective.formats)}.")
    age_ok = camp.format in cp.formats_for_age(camp.audience.age_min, camp.audience.age_max)
    overlap = min(camp.audience.age_max, brief["age_max"]) - max(camp.audience.age_min, brief["age_min"])
    result.add(age_ok and overlap >= 10, 0.5,
               f"Format et âges ({camp.audience.age_min}–{camp.audience.age_max} ans) adaptés à la cible.",
               f"Cible : le brief vise {brief['age_min']}–{brief['age_max']} ans ; formats adaptés à vos âges : "
               f"{', '.join(cp.formats_for_age(camp.audience.age_min, camp.audience.age_max))}.")
    message = fold(camp.message)
    result.add(any(re.search(r"(?<!\w)" + re.escape(c), message) for c in CALLS_TO_ACTION), 0.5,
               "Le message contient un appel à l'action.",
               "Ajoutez un appel à l'action clair (« Commandez… », « Réservez… »).")
    keywords = [fold(k) for k in brief.get("keywords", [])]
    result.add(bool(keywords) and any(k in message for k in keywords) and len(camp.message) <= 125, 0.5,
               "Le message parle de l'offre du brief et tient dans les 125 caractères visibles.",
               f"Le message doit parler de l'offre ({', '.join(brief.get('keywords', []))}) en 125 caractères "
               f"au plus (visibles sans « plus ») ; il en compte {len(camp.message)}.")


@check("C7.2", "Impact prévu : clics, achats, notoriété", 3)
def check_forecast(forecast_answer, campaign, *, result: CheckResult) -> None:
    """The learner's forecast (clics, achats, couverture) lies within the low–high range for their budget."""
    camp = _campaign(campaign)
    if not isinstance(forecast_answer, Mapping):
        raise LearnerInputError("La prévision doit être un dictionnaire {'clics': …, 'achats': …, 'couverture': …}.")
    table = camp.forecast()
    for key, column, label in (("clics", "clicks", "clics sur un lien"), ("achats", "conversions", "achats"),
                               ("couverture", "reach", "personnes touchées (notoriété)")):
        if key not in forecast_answer:
            result.add(False, 1, "", f"Prévision des {label} absente (clé « {key} »).")
            continue
        value = _number(forecast_answer[key], key)
        low, high = sorted((table.loc["bas", column], table.loc["haut", column]))
        shown = f"{fr_number(value, 0)}, {{}} la fourchette {fr_number(low, 0)} – {fr_number(high, 0)}"
        result.add(low * 0.98 <= value <= high * 1.02, 1,
                   f"{label.capitalize()} prévus : {shown.format('dans')}.",
                   f"{label.capitalize()} prévus : {shown.format('hors de')} calculée pour "
                   f"{cp.euros(camp.budget.total)} avec les repères du secteur.")


@check("C7.3", "Budget en adéquation avec l'impact prévu", 2)
def check_budget_fits(campaign, *, result: CheckResult) -> None:
    camp = _campaign(campaign)
    needed = cp.budget_for_target(camp.goal_target, camp.goal_metric, camp.sector, "attendu")
    needed_low = cp.budget_for_target(camp.goal_target, camp.goal_metric, camp.sector, "bas")
    total = camp.budget.total
    result.add(total >= needed * 0.99, 1,
               f"Le budget ({cp.euros(total)}) atteint l'objectif de {fr_value(camp.goal_target)} {camp.goal_metric} dans le "
               f"scénario attendu ({cp.euros(needed)} nécessaires).",
               f"Le budget ({cp.euros(total)}) ne permet pas d'atteindre {fr_value(camp.goal_target)} {camp.goal_metric} dans le "
               f"scénario attendu : il faut environ {cp.euros(needed)}.")
    result.add(total <= needed_low * 2, 1,
               f"Le budget n'est pas surdimensionné (≤ 2 × {cp.euros(needed_low)}, le besoin du scénario bas).",
               f"Budget surdimensionné : {cp.euros(total)} alors que le scénario bas n'en demande que {cp.euros(needed_low)}.")


@check("C7.3", "Calculs de budget", 2)
def check_budget_figures(budget_needed, max_day, max_week, *, target: float, daily_budget: float,
                         sector: str = "local", result: CheckResult) -> None:
    """Budget needed for ``target`` link clicks (expected scenario), Meta's daily and weekly caps."""
    expected = cp.budget_for_target(target, "clics", sector, "attendu")
    value = _number(budget_needed, "budget_necessaire")
    result.add(_close(value, expected), 1, f"Budget nécessaire pour {fr_value(target)} clics : {cp.euros(value)} (juste).",
               f"Budget nécessaire pour {fr_value(target)} clics : {cp.euros(value)} ne correspond pas au calcul "
               "« objectif × CPC attendu ».")
    day = _number(max_day, "depense_max_jour")
    result.add(_close(day, cp.max_spend_on_one_day(daily_budget)), 0.5,
               f"Dépense maximale sur une journée : {cp.euros(day)} (budget quotidien + 75 %).",
               "Dépense maximale sur une journée : Meta peut dépenser jusqu'à 75 % de plus que le budget quotidien.")
    week = _number(max_week, "depense_max_semaine")
    result.add(_close(week, cp.max_spend_in_week(daily_budget)), 0.5,
               f"Dépense maximale sur une semaine : {cp.euros(week)} (7 × le budget quotidien).",
               "Dépense maximale sur une semaine civile : jamais plus de 7 × le budget quotidien.")


@check("C7.4", "Coût par clic calculé et juste", 3)
def check_cpc(cpc_link, cpc_all, results_table: pd.DataFrame, *, result: CheckResult) -> None:
    """Total CPC per link click and CPC (all clicks) of an Ads Manager export, to the cent."""
    totals = cp.analyse_results(results_table).loc["Total"]
    link = _number(cpc_link, "cpc_lien")
    every = _number(cpc_all, "cpc_tous")
    exp_link, exp_all = totals["CPC (clic sur un lien) (EUR)"], totals["CPC (tous) (EUR)"]
    result.add(_close(link, exp_link, 0.0, 0.006), 2, f"CPC par clic sur un lien : {cp.euros(link)} (juste).",
               f"CPC par clic sur un lien : {cp.euros(link)} est faux. Divisez le montant dépensé total par le nombre "
               "total de clics sur un lien (ni par les clics « tous », ni en faisant la moyenne des CPC des publicités).")
    result.add(_close(every, exp_all, 0.0, 0.006), 1, f"CPC (tous les clics) : {cp.euros(every)} (juste).",
               f"CPC (tous les clics) : {cp.euros(every)} est faux. Divisez le montant dépensé par « Clics (tous) ».")
