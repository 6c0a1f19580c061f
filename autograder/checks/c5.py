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
"""

from __future__ import annotations

import math
from datetime import datetime
from numbers import Real

from autograder import insights
from autograder.dates import parse_datetime
from autograder.numbers import fr_number, fr_value
from autograder.results import Finding, LearnerInputError, check
from autograder.scheduling import (
    clashes,
    day_fr,
    outside_active_hours,
    schedule_slots,
    too_late,
    too_soon,
    utc_timestamp,
)

RATE_TOLERANCE = 0.051  # percentage points: a figure rounded to one decimal is accepted
POST_RATE_TOLERANCE = 0.011  # per-post rates rounded to two decimals are accepted
MINUTES_TOLERANCE = 0.51


# -- reading artefacts ----------------------------------------------------------------------------------

def _number(value, what: str) -> float:
    if hasattr(value, "item") and not isinstance(value, str | bytes):
        value = value.item()
    if isinstance(value, bool) or not isinstance(value, Real) or not math.isfinite(float(value)):
        raise LearnerInputError(f"{what} : un nombre était attendu, pas {value!r}.")
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
        raise LearnerInputError(f"{what} : un tableau à deux colonnes (identifiant, valeur) était attendu, "
                                f"pas {len(artefact.columns)} colonnes.")
    if hasattr(artefact, "items") and hasattr(artefact, "index"):
        return {str(k): v for k, v in artefact.items()}
    raise LearnerInputError(f"{what} : un dictionnaire ou une série pandas était attendu, pas {type(artefact).__name__}.")


def _answers(artefact, keys: tuple[str, ...], what: str) -> dict:
    if not isinstance(artefact, dict):
        raise LearnerInputError(f"{what} : un dictionnaire avec les clés {', '.join(keys)} était attendu.")
    missing = [k for k in keys if k not in artefact]
    if missing:
        raise LearnerInputError(f"{what} : il manque la ou les clés {', '.join(repr(k) for k in missing)}.")
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
    """``activity``: the activity export (or ``scheduling.hours_by_network(...)``). Every draft scheduled once, in the
    future within Meta's window (1 pt); in the audience's active hours
    (1 pt); no two posts on the same network less than 2 h apart (1 pt). ``period``: optional (start, end)
    Paris times the brief asks the posts to fall in (end excluded)."""
    slots = schedule_slots(schedule)
    if not slots:
        raise LearnerInputError("la planification est vide : programmez au moins une publication.")
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
            problems.append("publication(s) non programmée(s) : " + ", ".join(missing))
        if twice:
            problems.append("publication(s) programmée(s) plusieurs fois : " + ", ".join(twice))
        if unknown:
            problems.append("publication(s) inconnue(s) : " + ", ".join(unknown))
    for post, _, when in slots:
        if too_soon(when, now):
            problems.append(f"{post} le {day_fr(when)} est dans le passé ou dans moins de 10 minutes")
        elif too_late(when, now):
            problems.append(f"{post} le {day_fr(when)} dépasse la fenêtre de programmation de Meta (30 jours)")
        elif period is not None and not parse_datetime(period[0]) <= when < parse_datetime(period[1]):
            problems.append(f"{post} le {day_fr(when)} est en dehors de la période demandée")
    result.add(not problems, 1, "Toutes les publications sont programmées une fois, dans le futur et dans la "
               "fenêtre de programmation de Meta (de 10 minutes à 30 jours).",
               "Programmation incomplète ou hors fenêtre : " + " ; ".join(problems) + ".")
    late = outside_active_hours(slots, activity)
    result.add(not late, 1, "Chaque créneau tombe à une heure où l'audience du réseau est en ligne.",
               "Créneau(x) hors des heures d'activité de l'audience : "
               + ", ".join(f"{p} ({day_fr(t)})" for p, t in late)
               + ". Consultez les heures où vos abonnés sont en ligne (Insights › Audience).")
    clash = clashes(slots)
    result.add(not clash, 1, "Aucun conflit : au moins 2 heures entre deux publications d'un même réseau.",
               "Conflit(s) de créneaux sur un même réseau (moins de 2 h d'écart) : "
               + ", ".join(f"{a} et {b}" for a, b in clash) + ".")


@check("C5.1", "Heure de Paris et heure d'été", 2)
def check_utc_timestamps(answers, *, result):
    """``answers``: {Paris time: Unix timestamp}; points shared between the times (summer time included)."""
    given = _mapping(answers, "Horodatages")
    if not given:
        raise LearnerInputError("Horodatages : au moins une date était attendue.")
    right, wrong = 0, []
    for local, value in given.items():
        expected = utc_timestamp(local)
        stamp = _number(value, f"Horodatage de {local}")
        if int(stamp) == expected:
            right += 1
            continue
        offset = parse_datetime(local).utcoffset().total_seconds() / 3600
        gap = (stamp - expected) / 3600
        if gap == offset:
            hint = "l'heure de Paris a été prise pour l'heure UTC"
        elif abs(gap) == 1:
            hint = f"décalage d'une heure : à cette date Paris est à UTC+{offset:g} (heure {'d’été' if offset == 2 else 'd’hiver'})"
        else:
            hint = f"écart de {gap:+g} h"
        wrong.append(f"{local} ({hint})")
    _partial(result, right, len(given), 2,
             "Chaque heure de Paris est convertie en horodatage UTC juste, heure d'été comprise.",
             f"{right} horodatage(s) juste(s) sur {len(given)} ; à revoir : " + " ; ".join(wrong) + ".")


# -- C5.2 ---------------------------------------------------------------------------------------------

AUDIENCE_KEYS = ("repartition_age", "tranche_principale", "part_femmes", "ville_principale", "part_ville_principale")


def _percent(value, what: str) -> float:
    number = _number(value, what)
    if not 0 <= number <= 100:
        raise LearnerInputError(f"{what} : un pourcentage entre 0 et 100 était attendu (reçu {fr_value(number)}).")
    return number


def _close(a: float, b: float, tol: float = RATE_TOLERANCE) -> bool:
    return abs(a - b) <= tol


@check("C5.2", "Analyse de la communauté : âge, sexe, localisation", 3)
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
        result.add(age_ok, 1, f"Âge : répartition juste ; la tranche la plus représentée est {main_age}.",
                   "Âge : " + ("; ".join(filter(None, [
                       f"part(s) fausse(s) ou absente(s) pour {', '.join(wrong_ages)}" if wrong_ages else "",
                       f"tranche(s) inconnue(s) {', '.join(unknown)} (tranches de Meta : 13-17 … 65+)" if unknown else "",
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
        result.add(_close(given_women, women), 1, f"Sexe : {fr_number(women, 1)} % de femmes, juste.",
                   "Sexe : la part des femmes n'est pas juste (somme des femmes de toutes les tranches d'âge ÷ total)."
                   + gender_hint)

    def location_part():
        top_city = str(cities.idxmax())
        city_share = float(cities[top_city])
        city_ok = str(answers["ville_principale"]).strip().casefold() == top_city.casefold()
        share_ok = _close(_percent(answers["part_ville_principale"], "part_ville_principale"), city_share)
        result.add(city_ok and share_ok, 1, f"Localisation : {top_city} en tête avec {fr_number(city_share, 1)} % des abonnés des "
                   "villes principales, juste.",
                   "Localisation : " + ("la ville principale n'est pas la bonne" if not city_ok else
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
             + " ; ".join(f"{reason} : {len(ids)} publication(s), par exemple {ids[0]}" for reason, ids in reasons.items())
             + ".")


@check("C5.3", "Taux d'engagement moyen de la période", 1)
def check_average_rate(value, posts, *, base: str = "reach", result):
    """The period's engagement rate: the average of the per-post rates (± 0.05 point)."""
    expected = insights.average_engagement_rate(posts, base)
    number = _number(value, "Taux d'engagement moyen")
    pooled = float(posts["Engagements"].sum()) / float(posts["Reach"].sum()) * 100
    hint = ""
    if _close(number * 100, expected, 0.5):
        hint = " Le × 100 a été oublié."
    elif _close(number, pooled):
        hint = (" Vous avez divisé le total des engagements par le total des portées : la moyenne attendue est "
                "celle des taux de chaque publication.")
    result.add(_close(number, expected), 1, f"Taux d'engagement moyen juste : {fr_number(expected, 2)} %.",
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
        rate = _number(answers["taux_de_reponse"], "taux_de_reponse")
        rate_hint = ""
        if _close(rate * 100, expected.rate, 0.5):
            rate_hint = " Exprimez-le en pourcentage."
        elif _close(rate, insights.response_rate(inbox, days=insights.BADGE_DAYS, until=until)):
            rate_hint = " Ne comptez que les messages privés (Messenger et Instagram Direct), pas les commentaires."
        result.add(_close(rate, expected.rate), 1, f"Taux de réponse juste : {fr_number(expected.rate, 1)} % des messages privés "
                   "des 7 derniers jours.",
                   "Taux de réponse à revoir (messages privés des 7 derniers jours ayant reçu une réponse ÷ messages "
                   "reçus × 100)." + rate_hint)

    def time_part():
        minutes = _number(answers["temps_de_reponse"], "temps_de_reponse")
        delays = insights.reply_minutes(messages)
        plain_mean = sum(delays) / len(delays) if delays else float("nan")
        time_hint = ""
        if _close(minutes, plain_mean, MINUTES_TOLERANCE):
            time_hint = " C'est la moyenne de toutes les réponses : Meta écarte les 10 % les plus lentes."
        elif _close(minutes * 60, expected.minutes, MINUTES_TOLERANCE):
            time_hint = " Le temps est attendu en minutes, pas en heures."
        result.add(_close(minutes, expected.minutes, MINUTES_TOLERANCE), 1,
                   f"Temps de réponse juste : {fr_number(expected.minutes, 1)} min (moyenne des 90 % de réponses les plus rapides).",
                   "Temps de réponse à revoir (définition de Meta : moyenne des 90 % de réponses les plus rapides)."
                   + time_hint)

    def pending_part():
        pending = insights.unanswered(inbox)
        given = answers["sans_reponse"]
        if isinstance(given, str) or not hasattr(given, "__iter__"):
            raise LearnerInputError("sans_reponse : une liste d'identifiants (« M012 »…) était attendue.")
        given_ids = {str(i).strip() for i in given}
        missing = [i for i in pending if i not in given_ids]
        extra = sorted(given_ids - set(pending))
        result.add(not missing and not extra, 1, f"Les {len(pending)} éléments sans réponse sont tous repérés.",
                   "Éléments sans réponse : "
                   + "; ".join(filter(None, [f"{len(missing)} oublié(s) (par exemple {missing[0]})" if missing else "",
                                             f"{len(extra)} en trop, qui ont reçu une réponse" if extra else ""]))
                   + ". Pensez aux commentaires publics autant qu'aux messages privés.")

    def badge_part():
        badge = answers["badge"]
        if not isinstance(badge, bool):
            raise LearnerInputError("badge : True ou False était attendu.")
        reason = (f"taux {fr_number(expected.rate, 1)} % {'≥' if expected.rate >= insights.BADGE_RATE else '<'} 90 %, "
                  f"temps {fr_number(expected.minutes, 1)} min {'≤' if expected.minutes <= insights.BADGE_MINUTES else '>'} 15 min")
        result.add(badge == expected.badge, 1,
                   f"Badge « Très réactif » : {'obtenu' if expected.badge else 'non obtenu'}, juste ({reason}).",
                   "Badge « Très réactif » à revoir : il faut à la fois au moins 90 % de réponses et au plus 15 minutes.")

    for part in (rate_part, time_part, pending_part, badge_part):
        _guarded(result, 1, part)
