"""Checks of C7 — creating a sponsored campaign (C7.1 to C7.4).

Artefacts: the campaign saved by the campaign builder (``campagne.json``: objective, audience, format,
placements, message, budget, goal), the learner's forecast (clicks, sales, reach), budget figures and the cost per
click read from an Ads Manager export: answers given in the notebook's answer widgets (``reponses_c7_campagne.json``).

The assignment's graded cells are registered at the end (:mod:`autograder.checks.registry`): scored from the files
in the grader's process. The exact budget figures and CPC are checked at grading only (the export is regenerated
from the course's data, as the former hidden tests did); the learner's kernel shows whether each is given.
"""

from __future__ import annotations

import math
import re
from collections.abc import Mapping
from pathlib import Path

import pandas as pd

from autograder import campaign as cp
from autograder.checks.law import LawQuestion, register_questions
from autograder.checks.registry import escape, register
from autograder.checks.views import table
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
        return UnreadableWork(f"« {Path(path).name} » devrait contenir un objet JSON (la campagne).")
    return data.get("campaign", data)


def _campaign(value) -> cp.Campaign:
    if isinstance(value, UnreadableWork):
        raise LearnerInputError(value.message)
    if value is None:
        raise LearnerInputError("Aucune campagne enregistrée : créez-la avec le widget (fichier « campagne.json »).")
    if isinstance(value, cp.Campaign):
        return value
    return cp.Campaign.from_dict(value)


def _number(value, name: str) -> float:
    if value is None:
        raise LearnerInputError(f"« {name} » : pas encore de réponse.")
    if isinstance(value, bool) or not isinstance(value, int | float) or not math.isfinite(value):
        raise LearnerInputError(f"« {name} » : un nombre était attendu (reçu « {value} »).")
    return float(value)


def _close(value: float, expected: float, rel: float = 0.01, abs_tol: float = 0.005) -> bool:
    return math.isclose(value, expected, rel_tol=rel, abs_tol=abs_tol)


def answered(criterion: str, title: str, points: float, **values) -> CheckResult:
    """Visible part of a graded cell: each answer is given as a positive number (exact values are graded later)."""
    result = CheckResult(criterion, title, max_points=points)
    share = points / max(1, len(values))
    for name, value in values.items():
        ok = not isinstance(value, bool) and isinstance(value, int | float) and math.isfinite(value) and value > 0
        result.add(ok, share, f"« {name} » est renseigné ({fr_value(value)})." if ok else "",
                   f"« {name} » doit être un nombre positif (reçu « {value} »).")
    result.note("La valeur exacte est vérifiée à la correction.")
    return result


@check("C7.1", "Format choisi selon la cible, l'objectif et le message", 3)
def check_format(campaign, brief: Mapping, *, result: CheckResult) -> None:
    """``brief``: {"objective": "trafic", "keywords": ["galette"], "age_min": 25, "age_max": 54}."""
    camp = _campaign(campaign)
    objective = cp.get_objective(camp.objective)
    wanted = cp.get_objective(brief["objective"])
    result.add(objective.id == wanted.id, 0.5, f"Objectif « {objective.label} » conforme au brief.",
               f"Objectif « {objective.label} » : le brief demande « {wanted.label} » ({wanted.purpose}).")
    result.add(cp.format_fits_objective(camp.format, objective.id), 1,
               f"Le format « {cp.FORMATS[camp.format]['label']} » sert l'objectif « {objective.label} ».",
               f"Le format « {cp.FORMATS[camp.format]['label']} » sert mal l'objectif « {objective.label} » : "
               f"préférez {', '.join(objective.formats)}.")
    age_ok = camp.format in cp.formats_for_age(camp.audience.age_min, camp.audience.age_max)
    overlap = min(camp.audience.age_max, brief["age_max"]) - max(camp.audience.age_min, brief["age_min"])
    result.add(age_ok and overlap >= 10, 0.5,
               f"Format et âges ({camp.audience.age_min}–{camp.audience.age_max} ans) adaptés à la cible.",
               f"Cible : le brief vise {brief['age_min']}–{brief['age_max']} ans ; formats adaptés à vos âges : "
               f"{', '.join(cp.formats_for_age(camp.audience.age_min, camp.audience.age_max))}.")
    message = fold(camp.message)
    result.add(any(re.search(r"(?<!\w)" + re.escape(c), message) for c in CALLS_TO_ACTION), 0.5,
               "Le message contient un appel à l'action.",
               "Ajoutez un appel à l'action clair (« Commandez… », « Réservez… »).")
    keywords = [fold(k) for k in brief.get("keywords", [])]
    result.add(bool(keywords) and any(k in message for k in keywords) and len(camp.message) <= 125, 0.5,
               "Le message parle de l'offre du brief et tient dans les 125 caractères visibles.",
               f"Le message doit parler de l'offre ({', '.join(brief.get('keywords', []))}) en 125 caractères "
               f"au plus (visibles sans « plus ») ; il en compte {len(camp.message)}.")


@check("C7.2", "Impact prévu : clics, achats, notoriété", 3)
def check_forecast(forecast_answer, campaign, *, result: CheckResult) -> None:
    """The learner's forecast (clics, achats, couverture) lies within the low–high range for their budget."""
    camp = _campaign(campaign)
    if not isinstance(forecast_answer, Mapping):
        raise LearnerInputError("La prévision doit donner trois nombres : les clics, les achats et la couverture "
                                "(personnes touchées).")
    table = camp.forecast()
    for key, column, label in (("clics", "clicks", "clics sur un lien"), ("achats", "conversions", "achats"),
                               ("couverture", "reach", "personnes touchées (notoriété)")):
        if key not in forecast_answer:
            result.add(False, 1, "", f"Prévision des {label} absente (clé « {key} »).")
            continue
        value = _number(forecast_answer[key], key)
        low, high = sorted((table.loc["bas", column], table.loc["haut", column]))
        shown = f"{fr_number(value, 0)}, {{}} la fourchette {fr_number(low, 0)} – {fr_number(high, 0)}"
        result.add(low * 0.98 <= value <= high * 1.02, 1,
                   f"{label.capitalize()} prévus : {shown.format('dans')}.",
                   f"{label.capitalize()} prévus : {shown.format('hors de')} calculée pour "
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
               f"scénario attendu : il faut environ {cp.euros(needed)}.")
    result.add(total <= needed_low * 2, 1,
               f"Le budget n'est pas surdimensionné (≤ 2 × {cp.euros(needed_low)}, le besoin du scénario bas).",
               f"Budget surdimensionné : {cp.euros(total)} alors que le scénario bas n'en demande que {cp.euros(needed_low)}.")


@check("C7.3", "Calculs de budget", 2)
def check_budget_figures(budget_needed, max_day, max_week, *, target: float, daily_budget: float,
                         sector: str = "local", result: CheckResult) -> None:
    """Budget needed for ``target`` link clicks (expected scenario), Meta's daily and weekly caps."""
    expected = cp.budget_for_target(target, "clics", sector, "attendu")
    value = _number(budget_needed, "budget_necessaire")
    result.add(_close(value, expected), 1, f"Budget nécessaire pour {fr_value(target)} clics : {cp.euros(value)} (juste).",
               f"Budget nécessaire pour {fr_value(target)} clics : {cp.euros(value)} ne correspond pas au calcul "
               "« objectif × CPC attendu ».")
    day = _number(max_day, "depense_max_jour")
    result.add(_close(day, cp.max_spend_on_one_day(daily_budget)), 0.5,
               f"Dépense maximale sur une journée : {cp.euros(day)} (budget quotidien + 75 %).",
               "Dépense maximale sur une journée : Meta peut dépenser jusqu'à 75 % de plus que le budget quotidien.")
    week = _number(max_week, "depense_max_semaine")
    result.add(_close(week, cp.max_spend_in_week(daily_budget)), 0.5,
               f"Dépense maximale sur une semaine : {cp.euros(week)} (7 × le budget quotidien).",
               "Dépense maximale sur une semaine civile : jamais plus de 7 × le budget quotidien.")


@check("C7.4", "Coût par clic calculé et juste", 3)
def check_cpc(cpc_link, cpc_all, results_table: pd.DataFrame, *, result: CheckResult) -> None:
    """Total CPC per link click and CPC (all clicks) of an Ads Manager export, to the cent."""
    totals = cp.analyse_results(results_table).loc["Total"]
    link = _number(cpc_link, "cpc_lien")
    every = _number(cpc_all, "cpc_tous")
    exp_link, exp_all = totals["CPC (clic sur un lien) (EUR)"], totals["CPC (tous) (EUR)"]
    result.add(_close(link, exp_link, 0.0, 0.006), 2, f"CPC par clic sur un lien : {cp.euros(link)} (juste).",
               f"CPC par clic sur un lien : {cp.euros(link)} est faux. Divisez le montant dépensé total par le nombre "
               "total de clics sur un lien (ni par les clics « tous », ni en faisant la moyenne des CPC des publicités).")
    result.add(_close(every, exp_all, 0.0, 0.006), 1, f"CPC (tous les clics) : {cp.euros(every)} (juste).",
               f"CPC (tous les clics) : {cp.euros(every)} est faux. Divisez le montant dépensé par « Clics (tous) ».")


# -- the assignment's graded cells (scored from the submission's files: autograder.checks.registry) ----------
NOTEBOOK = "c7_campagne"
#: The brief of the assignment (La Fournée de Léa, galettes des rois): objective, offer, ages.
BRIEF = {"objective": "trafic", "keywords": ["galette"], "age_min": 25, "age_max": 54}
TARGET_CLICKS, DAILY_BUDGET = 300, 7  # C7.3: link clicks to reach, daily budget of the overspend question

#: The answers of the notebook's widgets: (question id, what the learner gives, unit).
FORECAST_ANSWERS = (("c7_2_clics", "clics", "Clics sur un lien prévus", ""),
                    ("c7_2_achats", "achats", "Achats prévus", ""),
                    ("c7_2_couverture", "couverture", "Personnes touchées prévues", ""))
BUDGET_ANSWERS = (("c7_3_budget_necessaire", "budget_necessaire", "Budget nécessaire", "€"),
                  ("c7_3_depense_max_jour", "depense_max_jour", "Dépense maximale sur une journée", "€"),
                  ("c7_3_depense_max_semaine", "depense_max_semaine", "Dépense maximale sur une semaine", "€"))
CPC_ANSWERS = (("c7_4_cpc_lien", "cpc_lien", "CPC par clic sur un lien", "€"),
               ("c7_4_cpc_tous", "cpc_tous", "CPC (tous les clics)", "€"))
REASONING = "c7_2_raisonnement"


def _answers(sub) -> dict:
    """The notebook's answers; an unreadable answers file gives a :class:`LearnerInputError` (0, French)."""
    answers = sub.answers(NOTEBOOK)
    if isinstance(answers, UnreadableWork):
        raise LearnerInputError(answers.message)
    return answers


def _given(sub, questions) -> dict:
    """``{name: answer}`` of the questions answered (a question left blank is absent)."""
    answers = _answers(sub)
    return {name: answers[qid] for qid, name, _, _ in questions if answers.get(qid) is not None}


def _unreadable(criterion: str, title: str, points: float, message: str) -> CheckResult:
    result = CheckResult(criterion, title, max_points=points)
    result.add(False, points, "", f"Vérification impossible : {message}")
    return result


def _figures(sub, criterion: str, title: str, points: float, questions, graded) -> list[CheckResult]:
    """A cell whose exact values are checked at grading only: ``graded(given)`` in the grader's process, the
    progress (each answer given) in the learner's kernel."""
    try:
        given = _given(sub, questions)
    except LearnerInputError as exc:
        return [_unreadable(criterion, title, points, str(exc))]
    if not sub.graded:
        return [answered(criterion, title, points, **{name: given.get(name) for _, name, _, _ in questions})]
    missing = [label for _, name, label, _ in questions if name not in given]
    if missing:
        return [_unreadable(criterion, title, points, "réponse(s) manquante(s) : " + ", ".join(missing) + ".")]
    return [graded(given)]


def _campaign_of(sub):
    return load_campaign(sub.path(WORK_FILE))


def answers_html(sub, questions, caption: str) -> str:
    """What the learner answered to ``questions`` (no expected value)."""
    answers = sub.answers(NOTEBOOK)
    if isinstance(answers, UnreadableWork):
        return f"<p>{escape(answers.message)}</p>"
    rows = [[label, "—" if answers.get(qid) is None else f"{fr_value(answers[qid])}{' ' + unit if unit else ''}"]
            for qid, _, label, unit in questions]
    return table(caption, ["Question", "Réponse"], rows)


def campaign_view(sub) -> str:
    camp = _campaign_of(sub)
    if isinstance(camp, UnreadableWork):
        return f"<p>{escape(camp.message)}</p>"
    if camp is None:
        return f"<p>Fichier « {WORK_FILE} » absent de la copie.</p>"
    return campaign_html(cp.Campaign.from_dict(camp))


def campaign_html(camp: cp.Campaign) -> str:
    """The campaign's main choices (objective, format, ages, message, budget, goal)."""
    rows = [["Objectif", cp.get_objective(camp.objective).label], ["Format", cp.FORMATS[camp.format]["label"]],
            ["Âges", f"{camp.audience.age_min}–{camp.audience.age_max} ans"], ["Message", camp.message],
            ["Budget", cp.euros(camp.budget.total)],
            ["Objectif chiffré", f"{fr_value(camp.goal_target)} {camp.goal_metric}"]]
    return table("Campagne enregistrée", ["Élément", "Choix"], rows)


def forecast_view(sub) -> str:
    answers = sub.answers(NOTEBOOK)
    reasoning = "" if isinstance(answers, UnreadableWork) else str(answers.get(REASONING) or "")
    text = (f"<p><strong>Raisonnement :</strong> {escape(reasoning)}</p>" if reasoning
            else "<p>Raisonnement : non rédigé.</p>")
    return answers_html(sub, FORECAST_ANSWERS, "Prévision de l'apprenant") + text


@register("c7_1_format_test", 3, artefact=campaign_view)
def graded_format(sub):
    return [check_format(_campaign_of(sub), BRIEF)]


@register("c7_2_prevision_test", 3, artefact=forecast_view)
def graded_forecast(sub):
    try:
        given = _given(sub, FORECAST_ANSWERS)
    except LearnerInputError as exc:
        return [_unreadable("C7.2", "Impact prévu : clics, achats, notoriété", 3, str(exc))]
    return [check_forecast(given, _campaign_of(sub))]


@register("c7_3_budget_test", 2, artefact=campaign_view)
def graded_budget(sub):
    return [check_budget_fits(_campaign_of(sub))]


@register("c7_3_calculs_test", 2, artefact=lambda sub: answers_html(sub, BUDGET_ANSWERS, "Calculs de budget"))
def graded_budget_figures(sub):
    return _figures(sub, "C7.3", "Calculs de budget", 2, BUDGET_ANSWERS,
                    lambda g: check_budget_figures(g["budget_necessaire"], g["depense_max_jour"],
                                                   g["depense_max_semaine"], target=TARGET_CLICKS,
                                                   daily_budget=DAILY_BUDGET))


@register("c7_4_cpc_test", 3, artefact=lambda sub: answers_html(sub, CPC_ANSWERS, "Coût par clic"))
def graded_cpc(sub):
    # The export is regenerated from the course's data (as the hidden test did): editing the CSV gains nothing.
    return _figures(sub, "C7.4", "Coût par clic", 3, CPC_ANSWERS,
                    lambda g: check_cpc(g["cpc_lien"], g["cpc_tous"], cp.case_campaign_results()))


# -- the law a jury may ask about (lesson 9): choice questions scored with the trainer-only key ----------------
LAW_QUESTIONS = (
    LawQuestion("c7_1_formulaire_prospects", "C7.1", "Formulaire de prospects conforme",
                "Ce que Léa met dans son formulaire", (
                    ("Un lien vers la politique de confidentialité du site de la boulangerie", "confidentialite"),
                    ("Les seuls champs utiles à l'inscription : nom du parent, e-mail, mercredi choisi",
                     "champs_utiles"),
                    ("Le nom de l'école de l'enfant et ses allergies, « pour mieux le connaître »", "au_cas_ou"),
                    ("Une case précochée « J'accepte de recevoir les offres de nos partenaires »", "precochee"),
                ), True, 2, "4"),
    LawQuestion("c7_2_pixel_consentement", "C7.2", "Pixel Meta et consentement",
                "Le réglage du bandeau choisi par Léa", (
                    ("Le Pixel ne se charge qu'après « Tout accepter », et « Tout refuser » est aussi visible, juste "
                     "à côté", "apres_accord"),
                    ("Le Pixel se charge dès l'arrivée sur le site ; le bandeau informe seulement", "des_arrivee"),
                    ("Le Pixel se charge si le visiteur continue à naviguer, ce qui vaut accord", "navigation"),
                    ("Un seul bouton « Accepter » ; pour refuser, il faut ouvrir les paramètres", "refus_cache"),
                ), False, 1, "5"),
)
register_questions(LAW_QUESTIONS, NOTEBOOK)
