"""Checks of competency C5 (Meta Business Suite): scheduling, audience analysis, engagement rate, inbox.

Each check takes the learner's artefact and the export it was computed from, recomputes the expected
figures with :mod:`autograder.insights` (scheduling rules: :mod:`autograder.scheduling`), and returns a :class:`autograder.results.CheckResult` whose French
findings say what is right and what is missing (with a hint at the usual mistake: a forgotten × 100, the
wrong denominator, summer time…). The exercises' self-checks and the graded cells call the same functions.

| check                       | criterion | points | artefact                                                    |
| --------------------------- | --------- | ------ | ----------------------------------------------------------- |
| ``check_schedule``          | C5.1      | 3      | scheduled posts (the scheduler's ``.to_dataframe()``)       |
| ``check_utc_timestamps``    | C5.1      | 2      | {Paris time: Unix timestamp for the Graph API}              |
| ``check_audience_analysis`` | C5.2      | 3      | answers on age, gender, location                            |
| ``check_engagement_rates``  | C5.3      | 2      | engagement rate of each post (%), by Post ID                |
| ``check_average_rate``      | C5.3      | 1      | the period's engagement rate (%)                            |
| ``check_inbox``             | C5.4      | 4      | response rate, response time, unanswered items, badge       |
| ``check_paris_times``       | C5.1      | 2      | {UTC time: the Paris time given in a date-and-time widget}  |
| ``check_audience_reading``  | C5.2      | 3      | dominant age bracket, sex and city with their shares        |
| ``check_base_and_average``  | C5.3      | 1      | the base chosen and the average of the per-post rates       |

The assignment (``c5_meta_business_suite``) asks for no code: its answers come from the notebook's answer widgets
(``reponses_c5_meta_business_suite.json``) and the scheduler (``planification_c5.json``). Its graded cells are
registered at the end of this module (:mod:`autograder.checks.registry`) and scored from those files against the
case's exports regenerated from the course's data (:func:`reference`), never against the CSV files next to the
notebook, which a learner could edit.
"""

from __future__ import annotations

import functools
import math
from datetime import UTC, datetime
from numbers import Real

import pandas as pd

from autograder import insights
from autograder.checks.registry import escape, register
from autograder.checks.views import table
from autograder.dates import PARIS, parse_datetime
from autograder.numbers import fr_number, fr_value
from autograder.results import CheckResult, Finding, LearnerInputError, check
from autograder.scheduling import (
    beyond_course_horizon,
    clashes,
    day_fr,
    outside_active_hours,
    schedule_slots,
    too_soon,
    utc_timestamp,
)
from autograder.storage import UnreadableWork, read_work_file

RATE_TOLERANCE = 0.051  # percentage points: a figure rounded to one decimal is accepted
POST_RATE_TOLERANCE = 0.011  # per-post rates rounded to two decimals are accepted
MINUTES_TOLERANCE = 0.51


# -- reading artefacts ----------------------------------------------------------------------------------

def _number(value, what: str) -> float:
    if hasattr(value, "item") and not isinstance(value, str | bytes):
        value = value.item()
    if value is None:
        raise LearnerInputError(f"{what} : pas encore de réponse.")
    if isinstance(value, bool) or not isinstance(value, Real) or not math.isfinite(float(value)):
        raise LearnerInputError(f"{what} : un nombre était attendu, pas « {value} ».")
    return float(value)


def _mapping(artefact, what: str) -> dict[str, object]:
    """A dict, a pandas Series (index → value) or a two-column DataFrame as ``{str(key): value}``."""
    if isinstance(artefact, dict):
        return {str(k): v for k, v in artefact.items()}
    if hasattr(artefact, "columns") and len(artefact.columns) == 2:
        first, second = artefact.columns
        return {str(k): v for k, v in zip(artefact[first], artefact[second], strict=True)}
    if hasattr(artefact, "columns") and len(artefact.columns) == 1:  # values indexed by key
        return {str(k): v for k, v in zip(artefact.index, artefact.iloc[:, 0], strict=True)}
    if hasattr(artefact, "columns"):
        raise LearnerInputError(f"{what} : un tableau à deux colonnes (identifiant, valeur) était attendu, "
                                f"pas {len(artefact.columns)} colonnes.")
    if hasattr(artefact, "items") and hasattr(artefact, "index"):
        return {str(k): v for k, v in artefact.items()}
    raise LearnerInputError(f"{what} : un dictionnaire ou une série pandas était attendu, pas {type(artefact).__name__}.")


def _answers(artefact, keys: tuple[str, ...], what: str) -> dict:
    if not isinstance(artefact, dict):
        raise LearnerInputError(f"{what} : une réponse pour chacun de ces éléments était attendue : "
                                f"{', '.join(keys)}.")
    missing = [k for k in keys if k not in artefact]
    if missing:
        raise LearnerInputError(f"{what} : il manque " + ", ".join(f"« {k} »" for k in missing) + ".")
    return artefact


def _guarded(result, points: float, part) -> None:
    """Run one part of a check; an unreadable answer costs that part only, with its French message."""
    try:
        part()
    except LearnerInputError as exc:
        result.add(False, points, "", str(exc.args[0]))


def _partial(result, right: int, total: int, points: float, ok_text: str, missing_text: str) -> None:
    """One finding worth ``points`` × right / total (partial credit for a list of answers)."""
    ok = right == total
    earned = points if ok else round(points * right / total, 4)
    result.findings.append(Finding(ok, ok_text if ok else missing_text, earned, float(points)))


# -- C5.1 ---------------------------------------------------------------------------------------------

@check("C5.1", "Programmation des publications", 3)
def check_schedule(schedule, activity, *, now: datetime, drafts=None, period=None, result):
    """``activity``: the activity export (or ``scheduling.hours_by_network(...)``). Every draft scheduled once, at
    least 10 minutes ahead, Meta's rule (1 pt; beyond the course's 30-day habit: a note, no points lost); in the
    audience's active hours
    (1 pt); no two posts on the same network less than 2 h apart (1 pt). ``period``: optional (start, end)
    Paris times the brief asks the posts to fall in (end excluded)."""
    slots = schedule_slots(schedule)
    if not slots:
        raise LearnerInputError("la planification est vide : programmez au moins une publication.")
    now = parse_datetime(now, "Date de référence")
    problems = []
    if drafts is not None:
        expected = {str(d[0]): d[1] for d in drafts}
        counts: dict[str, int] = {}
        for post, network, _ in slots:
            counts[post] = counts.get(post, 0) + 1
            if post in expected and expected[post] != network:
                problems.append(f"{post} est prévue pour {expected[post]}, pas pour {network}")
        missing = [p for p in expected if p not in counts]
        twice = [p for p, c in counts.items() if c > 1]
        unknown = [p for p in counts if p not in expected]
        if missing:
            problems.append("publication(s) non programmée(s) : " + ", ".join(missing))
        if twice:
            problems.append("publication(s) programmée(s) plusieurs fois : " + ", ".join(twice))
        if unknown:
            problems.append("publication(s) inconnue(s) : " + ", ".join(unknown))
    far = []
    for post, _, when in slots:
        if too_soon(when, now):
            problems.append(f"{post} le {day_fr(when)} est dans le passé ou dans moins de 10 minutes")
        elif period is not None and not parse_datetime(period[0]) <= when < parse_datetime(period[1]):
            problems.append(f"{post} le {day_fr(when)} est en dehors de la période demandée")
        elif beyond_course_horizon(when, now):
            far.append(f"{post} ({day_fr(when)})")
    result.add(not problems, 1, "Toutes les publications sont programmées une fois, dans le futur, au moins "
               "10 minutes à l'avance (règle de Meta).",
               "Programmation incomplète ou trop proche : " + " ; ".join(problems) + ".")
    if far:
        result.note("Habitude du cours, sans effet sur la note : programmé à plus de 30 jours, " + ", ".join(far)
                    + ". Meta l'accepte, mais un message préparé si tôt risque d'être dépassé le jour venu : "
                    "relisez-le la veille.")
    late = outside_active_hours(slots, activity)
    result.add(not late, 1, "Chaque créneau tombe à une heure où l'audience du réseau est en ligne.",
               "Créneau(x) hors des heures d'activité de l'audience : "
               + ", ".join(f"{p} ({day_fr(t)})" for p, t in late)
               + ". Consultez les heures où vos abonnés sont en ligne (Insights › Audience).")
    clash = clashes(slots)
    result.add(not clash, 1, "Aucun conflit : au moins 2 heures entre deux publications d'un même réseau.",
               "Conflit(s) de créneaux sur un même réseau (moins de 2 h d'écart) : "
               + ", ".join(f"{a} et {b}" for a, b in clash) + ".")


def _gap_hint(gap: float, offset: float, swapped: bool, swapped_text: str) -> str:
    """Why a time is ``gap`` hours off when Paris is at UTC+``offset``: UTC and Paris swapped, summer time…"""
    if swapped:
        return swapped_text
    if abs(gap) == 1:
        return f"décalage d'une heure : à cette date Paris est à UTC+{offset:g} (heure {'d’été' if offset == 2 else 'd’hiver'})"
    return f"écart de {gap:+g} h"


@check("C5.1", "Heure de Paris et heure d'été", 2)
def check_utc_timestamps(answers, *, result):
    """``answers``: {Paris time: Unix timestamp}; points shared between the times (summer time included)."""
    given = _mapping(answers, "Horodatages")
    if not given:
        raise LearnerInputError("Horodatages : au moins une date était attendue.")
    right, wrong = 0, []
    for local, value in given.items():
        expected = utc_timestamp(local)
        stamp = _number(value, f"Horodatage de {local}")
        if int(stamp) == expected:
            right += 1
            continue
        offset = parse_datetime(local).utcoffset().total_seconds() / 3600
        gap = (stamp - expected) / 3600
        hint = _gap_hint(gap, offset, gap == offset, "l'heure de Paris a été prise pour l'heure UTC")
        wrong.append(f"{local} ({hint})")
    _partial(result, right, len(given), 2,
             "Chaque heure de Paris est convertie en horodatage UTC juste, heure d'été comprise.",
             f"{right} horodatage(s) juste(s) sur {len(given)} ; à revoir : " + " ; ".join(wrong) + ".")


# -- C5.2 ---------------------------------------------------------------------------------------------

AUDIENCE_KEYS = ("repartition_age", "tranche_principale", "part_femmes", "ville_principale", "part_ville_principale")


def _percent(value, what: str) -> float:
    number = _number(value, what)
    if not 0 <= number <= 100:
        raise LearnerInputError(f"{what} : un pourcentage entre 0 et 100 était attendu (reçu {fr_value(number)}).")
    return number


def _close(a: float, b: float, tol: float = RATE_TOLERANCE) -> bool:
    return abs(a - b) <= tol


@check("C5.2", "Analyse de la communauté : âge, sexe, localisation", 3)
def check_audience_analysis(answers, audience, *, platform: str | None = None, result):
    """Age (shares by bucket and main bucket), gender (share of women) and location (main city and its
    share), both platforms together unless ``platform``: 1 point each, shares in percent (± 0.05)."""
    answers = _answers(answers, AUDIENCE_KEYS, "Analyse de l'audience")
    ages = insights.audience_table(audience, "age", platform)["Share (%)"]
    genders = insights.audience_table(audience, "gender", platform)["Share (%)"]
    cities = insights.audience_table(audience, "city", platform)["Share (%)"]

    def age_part():
        given_ages = _mapping(answers["repartition_age"], "repartition_age")
        unknown = [b for b in given_ages if b not in insights.AGE_BUCKETS]
        wrong_ages = [b for b in ages.index if b not in given_ages
                      or not _close(_number(given_ages[b], f"Part des {b}"), float(ages[b]))]
        as_fraction = all(b in given_ages and _close(_number(given_ages[b], b) * 100, float(ages[b]), 0.5)
                          for b in ages.index)
        main_age = str(ages.idxmax())
        age_ok = not wrong_ages and not unknown and str(answers["tranche_principale"]).strip() == main_age
        hint = " Les parts sont attendues en pourcentage (66.5, pas 0.665)." if as_fraction else ""
        result.add(age_ok, 1, f"Âge : répartition juste ; la tranche la plus représentée est {main_age}.",
                   "Âge : " + ("; ".join(filter(None, [
                       f"part(s) fausse(s) ou absente(s) pour {', '.join(wrong_ages)}" if wrong_ages else "",
                       f"tranche(s) inconnue(s) {', '.join(unknown)} (tranches de Meta : 13-17 … 65+)" if unknown else "",
                       "la tranche principale n'est pas la bonne"
                       if str(answers["tranche_principale"]).strip() != main_age else "",
                   ])) or "à revoir") + "." + hint)

    def gender_part():
        women = float(genders.get("Women", 0.0))
        given_women = _number(answers["part_femmes"], "part_femmes")
        gender_hint = ""
        if _close(given_women * 100, women, 0.5):
            gender_hint = " Exprimez la part en pourcentage (× 100)."
        elif _close(given_women, 100 - women):
            gender_hint = " C'est la part des hommes."
        result.add(_close(given_women, women), 1, f"Sexe : {fr_number(women, 1)} % de femmes, juste.",
                   "Sexe : la part des femmes n'est pas juste (somme des femmes de toutes les tranches d'âge ÷ total)."
                   + gender_hint)

    def location_part():
        top_city = str(cities.idxmax())
        city_share = float(cities[top_city])
        city_ok = str(answers["ville_principale"]).strip().casefold() == top_city.casefold()
        share_ok = _close(_percent(answers["part_ville_principale"], "part_ville_principale"), city_share)
        result.add(city_ok and share_ok, 1, f"Localisation : {top_city} en tête avec {fr_number(city_share, 1)} % des abonnés des "
                   "villes principales, juste.",
                   "Localisation : " + ("la ville principale n'est pas la bonne" if not city_ok else
                                        "la part de la ville principale n'est pas juste (abonnés de la ville ÷ total "
                                        "des villes principales × 100)") + ".")
    for part in (age_part, gender_part, location_part):
        _guarded(result, 1, part)


# -- C5.3 ---------------------------------------------------------------------------------------------

def _diagnose_rate(given: float, expected: float, alternatives: dict[str, float]) -> str:
    if _close(given * 100, expected, POST_RATE_TOLERANCE * 100):
        return "le × 100 a été oublié (5.0 signifie 5 %)"
    for label, value in alternatives.items():
        if _close(given, value, POST_RATE_TOLERANCE):
            return f"la base utilisée semble être {label} au lieu de la portée"
    return "valeur différente du calcul engagements ÷ portée × 100"


@check("C5.3", "Taux d'engagement de chaque publication", 2)
def check_engagement_rates(rates, posts, *, base: str = "reach", result):
    """``rates``: {Post ID: rate in %} for every post of ``posts`` (a ``insights.combined_posts`` table);
    points in proportion to the right rates (± 0.01)."""
    expected = insights.engagement_rates(posts, base)
    views = insights.engagement_rates(posts, "views")
    given = _mapping(rates, "Taux d'engagement")
    right, wrong, reasons = 0, [], {}
    for post_id, value in expected.items():
        if post_id not in given:
            wrong.append(post_id)
            reasons.setdefault("publication(s) sans taux", []).append(post_id)
            continue
        number = _number(given[post_id], f"Taux de la publication {post_id}")
        if _close(number, float(value), POST_RATE_TOLERANCE):
            right += 1
        else:
            wrong.append(post_id)
            reason = _diagnose_rate(number, float(value), {"les vues": float(views[post_id])} if base == "reach" else {})
            reasons.setdefault(reason, []).append(post_id)
    total = len(expected)
    _partial(result, right, total, 2, f"Les {total} taux d'engagement sont justes (engagements ÷ portée × 100).",
             f"{right} taux juste(s) sur {total}. "
             + " ; ".join(f"{reason} : {len(ids)} publication(s), par exemple {ids[0]}" for reason, ids in reasons.items())
             + ".")


@check("C5.3", "Taux d'engagement moyen de la période", 1)
def check_average_rate(value, posts, *, base: str = "reach", result):
    """The period's engagement rate: the average of the per-post rates (± 0.05 point)."""
    _average_finding(result, value, posts, base, 1)


def _average_finding(result, value, posts, base: str, points: float) -> None:
    """The average of the per-post rates, worth ``points``, with a hint at a forgotten × 100 or a pooled rate."""
    expected = insights.average_engagement_rate(posts, base)
    number = _number(value, "Taux d'engagement moyen")
    pooled = float(posts["Engagements"].sum()) / float(posts["Reach"].sum()) * 100
    hint = ""
    if _close(number * 100, expected, 0.5):
        hint = " Le × 100 a été oublié."
    elif _close(number, pooled):
        hint = (" Vous avez divisé le total des engagements par le total des portées : la moyenne attendue est "
                "celle des taux de chaque publication.")
    result.add(_close(number, expected), points, f"Taux d'engagement moyen juste : {fr_number(expected, 2)} %.",
               "Le taux d'engagement moyen n'est pas juste (moyenne des taux par publication)." + hint)


# -- C5.4 ---------------------------------------------------------------------------------------------

INBOX_KEYS = ("taux_de_reponse", "temps_de_reponse", "sans_reponse", "badge")


@check("C5.4", "Gestion des messages et des commentaires", 4)
def check_inbox(answers, inbox, *, until: datetime | None = None, result):
    """Private messages of the last 7 days: response rate (%) and Meta's response time (min); every item
    (messages and comments) still unanswered; whether the « very responsive » badge is earned. 1 pt each."""
    answers = _answers(answers, INBOX_KEYS, "Gestion de la messagerie")
    expected = insights.responsiveness(inbox, until=until)
    messages = insights.last_days(insights.messages_only(inbox), insights.BADGE_DAYS, until)

    def rate_part():
        rate = _number(answers["taux_de_reponse"], _INBOX_LABELS["taux_de_reponse"])
        rate_hint = ""
        if _close(rate * 100, expected.rate, 0.5):
            rate_hint = " Exprimez-le en pourcentage."
        elif _close(rate, insights.response_rate(inbox, days=insights.BADGE_DAYS, until=until)):
            rate_hint = " Ne comptez que les messages privés (Messenger et Instagram Direct), pas les commentaires."
        result.add(_close(rate, expected.rate), 1, f"Taux de réponse juste : {fr_number(expected.rate, 1)} % des messages privés "
                   "des 7 derniers jours.",
                   "Taux de réponse à revoir (messages privés des 7 derniers jours ayant reçu une réponse ÷ messages "
                   "reçus × 100)." + rate_hint)

    def time_part():
        minutes = _number(answers["temps_de_reponse"], _INBOX_LABELS["temps_de_reponse"])
        delays = insights.reply_minutes(messages)
        plain_mean = sum(delays) / len(delays) if delays else float("nan")
        time_hint = ""
        if _close(minutes, plain_mean, MINUTES_TOLERANCE):
            time_hint = " C'est la moyenne de toutes les réponses : Meta écarte les 10 % les plus lentes."
        elif _close(minutes * 60, expected.minutes, MINUTES_TOLERANCE):
            time_hint = " Le temps est attendu en minutes, pas en heures."
        result.add(_close(minutes, expected.minutes, MINUTES_TOLERANCE), 1,
                   f"Temps de réponse juste : {fr_number(expected.minutes, 1)} min (moyenne des 90 % de réponses les plus rapides).",
                   "Temps de réponse à revoir (définition de Meta : moyenne des 90 % de réponses les plus rapides)."
                   + time_hint)

    def pending_part():
        pending = insights.unanswered(inbox)
        given = answers["sans_reponse"]
        if isinstance(given, Real) and not isinstance(given, bool):  # the number of items, not their ids
            count = _number(given, "Nombre d'éléments sans réponse")
            private = len(insights.unanswered(insights.messages_only(inbox)))
            hint = " Pensez aux commentaires publics autant qu'aux messages privés." if count == private else ""
            result.add(count == len(pending), 1, f"Les {len(pending)} éléments sans réponse sont tous comptés.",
                       "Nombre d'éléments sans réponse à revoir (messages privés et commentaires publics de toute la "
                       "période)." + hint)
            return
        if given is None:
            raise LearnerInputError(f"{_INBOX_LABELS['sans_reponse']} : pas encore de réponse.")
        if isinstance(given, str) or not hasattr(given, "__iter__"):
            raise LearnerInputError(f"{_INBOX_LABELS['sans_reponse']} : un nombre d'éléments était attendu.")
        given_ids = {str(i).strip() for i in given}
        missing = [i for i in pending if i not in given_ids]
        extra = sorted(given_ids - set(pending))
        result.add(not missing and not extra, 1, f"Les {len(pending)} éléments sans réponse sont tous repérés.",
                   "Éléments sans réponse : "
                   + "; ".join(filter(None, [f"{len(missing)} oublié(s) (par exemple {missing[0]})" if missing else "",
                                             f"{len(extra)} en trop, qui ont reçu une réponse" if extra else ""]))
                   + ". Pensez aux commentaires publics autant qu'aux messages privés.")

    def badge_part():
        badge = answers["badge"]
        if isinstance(badge, str):  # the choice of the answer widget
            badge = {"obtenu": True, "non_obtenu": False}.get(badge, badge)
        if not isinstance(badge, bool):
            raise LearnerInputError(f"{_INBOX_LABELS['badge']} : "
                                    + ("pas encore de réponse." if badge is None else "« obtenu » ou « non obtenu » était attendu."))
        reason = (f"taux {fr_number(expected.rate, 1)} % {'≥' if expected.rate >= insights.BADGE_RATE else '<'} 90 %, "
                  f"temps {fr_number(expected.minutes, 1)} min {'≤' if expected.minutes <= insights.BADGE_MINUTES else '>'} 15 min")
        result.add(badge == expected.badge, 1,
                   f"Badge « Très réactif » : {'obtenu' if expected.badge else 'non obtenu'}, juste ({reason}).",
                   "Badge « Très réactif » à revoir : il faut à la fois au moins 90 % de réponses et au plus 15 minutes.")

    for part in (rate_part, time_part, pending_part, badge_part):
        _guarded(result, 1, part)


# -- the assignment's questions, answered in widgets ------------------------------------------------------------

def _paris_answer(value, what: str) -> datetime:
    """An answer of a date-and-time widget (ISO text with its offset) as an aware Paris datetime."""
    from autograder.answers import parse_paris_datetime

    if isinstance(value, str):
        try:
            value = datetime.fromisoformat(value)
        except ValueError:
            raise LearnerInputError(f"{what} : une date et une heure étaient attendues (reçu « {value} »).") from None
    return parse_paris_datetime(value, what)


@check("C5.1", "Heure de Paris et heure d'été", 2)
def check_paris_times(answers, *, result):
    """``answers``: {UTC time « AAAA-MM-JJ HH:MM »: the Paris time the learner gives}; points shared."""
    if not isinstance(answers, dict) or not answers:
        raise LearnerInputError("Heures de Paris : au moins une réponse était attendue.")
    right, wrong = 0, []
    for utc_text, value in answers.items():
        expected = datetime.fromisoformat(utc_text).replace(tzinfo=UTC).astimezone(PARIS)
        label = f"{fr_utc(utc_text)} UTC"
        if value is None:
            wrong.append(f"{label} (pas de réponse)")
            continue
        given = _paris_answer(value, f"Heure de Paris pour {label}")
        if given == expected:
            right += 1
            continue
        offset = expected.utcoffset().total_seconds() / 3600
        gap = (given.replace(tzinfo=None) - expected.replace(tzinfo=None)).total_seconds() / 3600
        hint = _gap_hint(gap, offset, gap == -offset, "l'heure UTC a été recopiée comme heure de Paris")
        wrong.append(f"{label} ({hint})")
    _partial(result, right, len(answers), 2,
             "Chaque heure UTC est convertie en heure de Paris juste, heure d'été comprise.",
             f"{right} heure(s) juste(s) sur {len(answers)} ; à revoir : " + " ; ".join(wrong) + ".")


def fr_utc(text: str) -> str:
    """« 2026-03-30 16:00 » → « lundi 30/03 à 16:00 »."""
    return day_fr(datetime.fromisoformat(text))


GENDERS_FR = {"Women": "Femmes", "Men": "Hommes"}


@check("C5.2", "Analyse de la communauté : âge, sexe, localisation", 3)
def check_audience_reading(answers, audience, *, result):
    """The dominant age bracket, sex and city, each with its share (%), both platforms together: 1 point each
    (the right category and its share ± 0.05 point)."""
    answers = _answers(answers, ("tranche", "part_tranche", "sexe", "part_sexe", "ville", "part_ville"),
                       "Lecture de l'audience")
    for by, key, what in (("age", "tranche", "Âge"), ("gender", "sexe", "Sexe"), ("city", "ville", "Localisation")):
        shares = insights.audience_table(audience, by)["Share (%)"]

        def part(shares=shares, key=key, what=what):
            top = str(shares.idxmax())
            top_fr = GENDERS_FR.get(top, top)
            share = float(shares[top])
            chosen = str(answers[key]).strip()
            given = _percent(answers[f"part_{key}"], f"{what} : part")
            ok_choice = chosen.casefold() in (top.casefold(), top_fr.casefold())
            hint = ""
            if not ok_choice:
                hint = f" « {GENDERS_FR.get(chosen, chosen)} » n'est pas la catégorie la plus représentée."
            elif _close(given * 100, share, 0.5):
                hint = " Exprimez la part en pourcentage (× 100)."
            elif len(shares) == 2 and _close(given, 100 - share):
                hint = " C'est la part de l'autre sexe."
            else:
                hint = " La part ne correspond pas au tableau de l'explorateur (les deux réseaux ensemble)."
            result.add(ok_choice and _close(given, share), 1,
                       f"{what} : {top_fr} en tête avec {fr_number(share, 1)} % des abonnés, juste.",
                       f"{what} : catégorie dominante ou part à revoir." + hint)

        _guarded(result, 1, part)


RATE_POSTS = 6  # C5.3: the rates of the last posts of the export are computed by hand


def rate_posts(posts):
    """The :data:`RATE_POSTS` last posts of ``posts`` (publication order), their « Post ID » replaced by P1, P2…"""
    chosen = posts.sort_values("Publish time", kind="stable").tail(RATE_POSTS).reset_index(drop=True).copy()
    chosen["Post ID"] = [f"P{n}" for n in range(1, len(chosen) + 1)]
    return chosen


BASES = (("la portée (personnes touchées)", "reach"), ("les vues (affichages)", "views"),
         ("le nombre d'abonnés", "followers"))


@check("C5.3", "Base et taux d'engagement moyen", 1)
def check_base_and_average(base, value, posts, *, result):
    """The base chosen (reach, 0.5 point) and the average of the per-post rates of ``posts`` (0.5 point)."""
    labels = {b: text for text, b in BASES}
    result.add(base == "reach", 0.5, "Base juste : la portée, les personnes réellement touchées.",
               f"Base : {labels.get(base, 'aucune')} ; pour comparer des publications organiques, rapportez les "
               "engagements à la portée (les vues comptent les affichages répétés).")

    _guarded(result, 0.5, lambda: _average_finding(result, value, posts, "reach", 0.5))


# -- what the notebook shows next to the questions ---------------------------------------------------------------

def rate_table(posts):
    """The posts of C5.3 as the learner sees them: engagements next to the possible bases (French columns)."""
    chosen = rate_posts(posts)
    return pd.DataFrame({"Publication": chosen["Post ID"], "Réseau": chosen["Network"],
                         "Publiée le": [f"{t:%d/%m/%Y %H:%M}" for t in chosen["Publish time"]],
                         "Type": chosen["Post type"], "Engagements": chosen["Engagements"],
                         "Portée": chosen["Reach"], "Vues": chosen["Views"]})


CHANNELS_FR = {"Facebook comment": "Commentaire Facebook", "Instagram comment": "Commentaire Instagram"}


def inbox_week_table(inbox, until: datetime):
    """The private messages of the last 7 days before ``until``: receipt, reply and delay in minutes."""
    week = insights.last_days(insights.messages_only(inbox), insights.BADGE_DAYS, until)
    week = week.sort_values("Received time", kind="stable")

    def delay(received, replied):
        return "" if pd.isna(replied) else fr_number((replied - received).total_seconds() / 60, 0)

    return pd.DataFrame({
        "Message": week["Item ID"], "Canal": [CHANNELS_FR.get(c, c) for c in week["Channel"]],
        "Reçu le": [f"{t:%d/%m %H:%M}" for t in week["Received time"]],
        "Répondu le": ["sans réponse" if pd.isna(t) else f"{t:%d/%m %H:%M}" for t in week["Replied time"]],
        "Délai (min)": [delay(a, b) for a, b in zip(week["Received time"], week["Replied time"], strict=True)],
    })


def inbox_summary(inbox):
    """Per channel, over the whole export: items received and items still without a reply."""
    rows = []
    for channel, items in inbox.groupby("Channel", sort=True):
        pending = int(items["Replied time"].isna().sum())
        rows.append({"Canal": CHANNELS_FR.get(channel, channel), "Éléments reçus": len(items), "Sans réponse": pending})
    return pd.DataFrame(rows)


# -- the assignment's graded cells (scored from the submission's files: autograder.checks.registry) ----------
NOTEBOOK = "c5_meta_business_suite"
SCHEDULE_FILE = "planification_c5.json"
#: C5.1: times of the agency's posts in UTC, to give in Paris time (the second is after the change to summer time).
UTC_TIMES = (("c5_1_heure_1", "2026-03-27 17:00"), ("c5_1_heure_2", "2026-03-30 16:00"))
AUDIENCE_ANSWERS = (("c5_2_tranche", "tranche", "Tranche d'âge dominante"),
                    ("c5_2_part_tranche", "part_tranche", "Part de cette tranche (%)"),
                    ("c5_2_sexe", "sexe", "Sexe dominant"), ("c5_2_part_sexe", "part_sexe", "Part de ce sexe (%)"),
                    ("c5_2_ville", "ville", "Ville dominante"), ("c5_2_part_ville", "part_ville", "Part de cette ville (%)"))
INBOX_ANSWERS = (("c5_4_taux_de_reponse", "taux_de_reponse", "Taux de réponse (%)"),
                 ("c5_4_temps_de_reponse", "temps_de_reponse", "Temps de réponse (min)"),
                 ("c5_4_sans_reponse", "sans_reponse", "Éléments sans réponse"),
                 ("c5_4_badge", "badge", "Badge « Très réactif »"))
_INBOX_LABELS = {name: label for _, name, label in INBOX_ANSWERS}
TEXTS = {"c5_2_analyse_test": ("c5_2_comparaison", "Comparaison avec la cible"),
         "c5_4_messagerie_test": ("c5_4_a_changer", "Ce qu'il faut changer")}


@functools.lru_cache(maxsize=1)
def reference() -> dict:
    """The case's exports, regenerated from the course's data (editing the CSV files next to the notebook
    changes nothing to what is expected, as with the former hidden tests)."""
    from autograder.data import case_meta

    return case_meta.load_case()


def _reference_posts():
    ref = reference()
    return insights.combined_posts(ref["facebook_posts"], ref["instagram_posts"])


def _named(answers, questions) -> dict:
    return {name: answers.get(qid) for qid, name, _ in questions}


def _refused(criterion: str, title: str, points: float, message: str) -> CheckResult:
    result = CheckResult(criterion, title, max_points=points)
    result.add(False, points, "", f"Vérification impossible : {message}")
    return result


def _from_answers(criterion: str, title: str, points: float, run):
    """A registered cell scored by ``run(sub, answers)``; an unreadable answers file gives 0 to the cells that
    read it (the schedule reads only its own file), with a French message."""

    def cell(sub):
        answers = sub.answers(NOTEBOOK)
        try:
            if isinstance(answers, UnreadableWork) and run is not graded_schedule:
                raise LearnerInputError(answers.message)
            return [run(sub, answers)]
        except LearnerInputError as exc:
            return [_refused(criterion, title, points, str(exc.args[0]))]

    return cell


def _schedule(sub) -> list:
    data = read_work_file(sub.path(SCHEDULE_FILE))
    if isinstance(data, UnreadableWork):
        raise LearnerInputError(data.message)
    if data is None:
        raise LearnerInputError(f"aucun planning enregistré : programmez les publications avec le planificateur "
                                f"(fichier « {SCHEDULE_FILE} »).")
    slots = data.get("slots") if isinstance(data, dict) else None
    if not isinstance(slots, list):
        raise LearnerInputError(f"« {SCHEDULE_FILE} » ne contient pas de liste de créneaux (« slots »).")
    return slots


def graded_schedule(sub, _answers):
    from autograder.data import case_meta

    return check_schedule(_schedule(sub), reference()["activity"], now=case_meta.SCHEDULING_NOW,
                          drafts=case_meta.DRAFTS, period=case_meta.PLAN_PERIOD)


def graded_paris_times(_sub, answers):
    return check_paris_times({utc: answers.get(qid) for qid, utc in UTC_TIMES})


def graded_audience(_sub, answers):
    return check_audience_reading(_named(answers, AUDIENCE_ANSWERS), reference()["audience"])


def graded_rates(_sub, answers):
    rates = answers.get("c5_3_taux")
    if rates is None:
        raise LearnerInputError("aucun taux enregistré : remplissez le tableau des taux par publication.")
    return check_engagement_rates(rates, rate_posts(_reference_posts()))


def graded_average(_sub, answers):
    return check_base_and_average(answers.get("c5_3_base"), answers.get("c5_3_taux_moyen"),
                                  rate_posts(_reference_posts()))


def graded_inbox(_sub, answers):
    from autograder.data import case_meta

    return check_inbox(_named(answers, INBOX_ANSWERS), reference()["inbox"], until=case_meta.INBOX_UNTIL)


CHOICES_FR = {**GENDERS_FR, **{b: text for text, b in BASES}, "obtenu": "Obtenu", "non_obtenu": "Non obtenu"}


def _shown(value) -> str:
    if value is None:
        return "—"
    if isinstance(value, str) and value in CHOICES_FR:
        return CHOICES_FR[value]
    if isinstance(value, dict):
        return " ; ".join(f"{k} : {fr_value(v)}" for k, v in value.items())
    if isinstance(value, str):
        try:
            return _paris_answer(value, "").strftime("%d/%m/%Y %H:%M (Paris)")
        except (LearnerInputError, ValueError):
            return value
    return fr_value(value)


def answers_view(questions, text: tuple[str, str] | None = None):
    """The artefact view of a cell: what the learner answered to ``questions`` (no expected value)."""

    def view(sub) -> str:
        answers = sub.answers(NOTEBOOK)
        if isinstance(answers, UnreadableWork):
            return f"<p>{escape(answers.message)}</p>"
        body = table("Réponses de l'apprenant", ["Question", "Réponse"],
                     [[label, _shown(answers.get(qid))] for qid, label in questions])
        if text:
            written = str(answers.get(text[0]) or "non rédigé")
            body += f"<p><strong>{escape(text[1])} :</strong> {escape(written)}</p>"
        return body

    return view


def schedule_view(sub) -> str:
    try:
        slots = _schedule(sub)
    except LearnerInputError as exc:
        return f"<p>{escape(exc.args[0])}</p>"
    return table("Planning enregistré", ["Publication", "Réseau", "Date et heure (Paris)"],
                 [[s.get("publication", ""), s.get("reseau", ""), s.get("date_heure", "")]
                  for s in slots if isinstance(s, dict)])


REGISTERED = (
    ("c5_1_planning_test", "C5.1", "Programmation des publications", 3, graded_schedule, schedule_view),
    ("c5_1_heure_paris_test", "C5.1", "Heure de Paris et heure d'été", 2, graded_paris_times,
     answers_view([(qid, f"Heure de Paris de {fr_utc(utc)} UTC") for qid, utc in UTC_TIMES])),
    ("c5_2_analyse_test", "C5.2", "Analyse de la communauté : âge, sexe, localisation", 3, graded_audience,
     answers_view([(qid, label) for qid, _, label in AUDIENCE_ANSWERS], TEXTS["c5_2_analyse_test"])),
    ("c5_3_taux_publications_test", "C5.3", "Taux d'engagement de chaque publication", 2, graded_rates,
     answers_view([("c5_3_taux", "Taux par publication (%)")])),
    ("c5_3_taux_moyen_test", "C5.3", "Base et taux d'engagement moyen", 1, graded_average,
     answers_view([("c5_3_base", "Base choisie"), ("c5_3_taux_moyen", "Taux moyen (%)")])),
    ("c5_4_messagerie_test", "C5.4", "Gestion des messages et des commentaires", 4, graded_inbox,
     answers_view([(qid, label) for qid, _, label in INBOX_ANSWERS], TEXTS["c5_4_messagerie_test"])),
)
for _gid, _cid, _title, _points, _run, _view in REGISTERED:
    register(_gid, _points, artefact=_view)(_from_answers(_cid, _title, _points, _run))
