"""C3 — Élaborer un plan social media (C3.1 regularity, C3.2 calendar, C3.3 diverse themes).

Each check takes the plan (a :class:`autograder.plan.Plan`, its dict, or the path of the plan's JSON file
written by the plan builder) and returns a :class:`autograder.results.CheckResult` with French feedback.
"""

from __future__ import annotations

import datetime as dt

from autograder import calendar
from autograder.checks.registry import register
from autograder.checks.views import plan_html, view_of
from autograder.company import CASE_COMPANY
from autograder.numbers import fr_value
from autograder.plan import REFERENTIEL_THEMES, THEMES, as_plan, key_date_coverage, pillar_gaps, regularity
from autograder.results import LearnerInputError, check

MAX_GAP_DAYS = 10  # no network left silent more than 10 days
MIN_POSTS_PER_WEEK = 1.0
MAX_THEME_SHARE = 40.0  # %
PILLAR_TOLERANCE = 10.0  # percentage points


def _plan(artefact, start=None):
    plan = as_plan(artefact)
    if start is not None:
        from autograder.dates import parse_date

        expected = parse_date(start, "Début attendu")
        if plan.start != expected:
            raise LearnerInputError(
                f"le plan commence le {plan.start:%d/%m/%Y} alors que le sujet demande le {expected:%d/%m/%Y}."
            )
    if not plan.posts:
        raise LearnerInputError("le plan ne contient aucune publication.")
    return plan


@check("C3.1", "Régularité des publications", 4)
def check_regularity(plan, start=None, *, result):
    plan = _plan(plan, start)
    reg = regularity(plan)
    for r in reg.values():
        result.note(f"{r.network} : {r.posts} publications, {fr_value(r.per_week)} par semaine, {r.weeks_with_post}/{r.weeks} "
                    f"semaines couvertes, plus long silence {r.longest_gap} jours.")
    low = [r.network for r in reg.values() if r.per_week < MIN_POSTS_PER_WEEK or r.weeks_with_post < r.weeks - 1]
    result.add(not low, 1, "Chaque réseau a au moins une publication par semaine sur toute la période.",
               f"Rythme insuffisant ou semaines vides sur : {', '.join(low)} (au moins 1 publication chaque semaine).")
    gaps = [f"{r.network} ({r.longest_gap} j)" for r in reg.values() if r.longest_gap > MAX_GAP_DAYS]
    result.add(not gaps, 1, f"Aucun réseau ne reste silencieux plus de {MAX_GAP_DAYS} jours.",
               f"Silences trop longs (plus de {MAX_GAP_DAYS} jours, début et fin du plan compris) : {', '.join(gaps)}.")
    crowded = [r.network for r in reg.values() if r.busiest_day > 2 or r.crowded_weeks]
    result.add(not crowded, 1, "Pas de rafales : les publications sont étalées, sans jour ni semaine surchargés.",
               f"Publications groupées (plus de 2 le même jour ou une semaine à plus du double de la moyenne) sur : "
               f"{', '.join(crowded)}.")
    freq = plan.line.frequency
    if not freq:
        result.add(False, 1, "", "La ligne éditoriale ne fixe pas de fréquence par réseau (publications par semaine).")
        return
    off = []
    for net, target in freq.items():
        got = reg[net].per_week if net in reg else 0.0
        if target > 0 and abs(got - target) > max(0.3 * target, 0.5):
            off.append(f"{net} : {fr_value(got)} par semaine pour {fr_value(target)} prévues")
    result.add(not off, 1, "Le rythme suit la fréquence annoncée dans la ligne éditoriale.",
               "Le rythme s'écarte de la ligne éditoriale (± 30 %) : " + " ; ".join(off) + ".")


@check("C3.2", "Calendrier du community management", 3)
def check_calendar(plan, start=None, company=None, *, result):
    plan = _plan(plan, start)
    company = company or CASE_COMPANY
    majors = calendar.major_dates(plan.start, plan.end, company=company)
    if majors.empty:
        result.note("Aucune date clé majeure dans la période : critère évalué sur les dates du secteur.")
    cover = key_date_coverage(plan, majors)
    done = [c for c in cover if c["post"]]
    missing = [f"{c['name']} ({c['date']:%d/%m})" for c in cover if not c["post"]]
    share = len(done) / len(cover) if cover else 1.0
    result.note(f"{len(done)} date(s) clé(s) majeure(s) sur {len(cover)} préparée(s) par une publication "
                f"(dans les 10 jours qui précèdent, rattachée à la date ou citant son thème).")
    result.add(share >= 0.5, 1, "Au moins la moitié des dates clés majeures de la période sont exploitées.",
               "Moins de la moitié des dates clés majeures sont exploitées. Manquent : " + ", ".join(missing) + ".")
    result.add(share >= 0.8, 1, "Au moins 80 % des dates clés majeures sont exploitées.",
               "Moins de 80 % des dates clés majeures sont exploitées. Manquent : " + ", ".join(missing) + ".")
    sector = [c for c in cover if c["kind"] == "secteur"]
    sector_missing = [c["name"] for c in sector if not c["post"]]
    result.add(not sector_missing, 1, "Les dates propres au secteur de l'entreprise sont préparées.",
               "Dates du secteur oubliées : " + ", ".join(sector_missing) + ".")


@check("C3.3", "Thématiques diversifiées", 4)
def check_theme_diversity(plan, start=None, *, result):
    plan = _plan(plan, start)
    counts: dict[str, int] = {}
    for p in plan.posts:
        counts[p.theme] = counts.get(p.theme, 0) + 1
    n = len(plan.posts)
    result.note("Thèmes : " + ", ".join(f"{THEMES[t]} {100 * c / n:.0f} %" for t, c in
                                         sorted(counts.items(), key=lambda kv: -kv[1])) + ".")
    result.add(len(counts) >= 5, 1, f"{len(counts)} thématiques différentes (5 au moins).",
               f"Seulement {len(counts)} thématique(s) : visez 5 au moins parmi {', '.join(THEMES)}.")
    named = [t for t in REFERENTIEL_THEMES if t in counts]
    result.add(len(named) >= 3, 1, f"{len(named)} des 4 thèmes cités par le référentiel sont présents (3 au moins parmi "
               "produit/service, offres, nouveautés, actualités).",
               f"Thèmes du référentiel présents : {', '.join(named) or 'aucun'} ; il en faut 3 au moins parmi "
               "produit, offre, nouveauté, actualité.")
    top, top_n = max(counts.items(), key=lambda kv: kv[1])
    result.add(100 * top_n / n <= MAX_THEME_SHARE, 1, f"Aucun thème ne dépasse {MAX_THEME_SHARE:g} % du plan.",
               f"Le thème « {top} » occupe {100 * top_n / n:.0f} % du plan (au plus {MAX_THEME_SHARE:g} %).")
    gaps = pillar_gaps(plan)
    problems = plan.line.problems()
    if len(plan.line.pillars) < 3 or any(pr.startswith("la part des piliers") for pr in problems):
        result.add(False, 1, "", "Ligne éditoriale : il faut au moins 3 piliers dont les parts font 100 %.")
        return
    off = [f"{name} : {fr_value(got)} % pour {fr_value(want)} % prévus" for name, (want, got) in gaps.items()
           if abs(got - want) > PILLAR_TOLERANCE]
    result.add(not off, 1, f"La part de chaque pilier suit la ligne éditoriale (± {PILLAR_TOLERANCE:g} points).",
               "Piliers hors de la ligne éditoriale : " + " ; ".join(off) + ".")


def check_all(plan, start=None, company=None):
    return [check_regularity(plan, start), check_calendar(plan, start, company), check_theme_diversity(plan, start)]


# -- the assignment's graded cells (scored from the submission's files: autograder.checks.registry) ----------
ASSIGNMENT_START = "2027-10-01"  # the period the C3 assignment sets (vendredi 1er octobre 2027)
PLAN_FILE = "plan_editorial.json"  # written by the plan builder next to the notebook
MIN_CAPTION_CHARS = 20  # a post counts once its draft text is written (a caption of a few words at least)


def drafted_plan(path):
    """The plan of ``path`` keeping only the posts whose text is drafted, and how many were left out.

    A plan generated by a loop with empty captions is not a plan: a post without its text does not count.
    """
    plan = as_plan(path)
    kept = [p for p in plan.posts if len(p.caption.strip()) >= MIN_CAPTION_CHARS and len(p.caption.split()) >= 3]
    dropped = len(plan.posts) - len(kept)
    plan.posts = kept
    return plan, dropped


def on_drafted_plan(sub, check_function, *args):
    """``check_function(plan, *args)`` on the submission's plan, posts without text left out (and said so)."""
    try:
        plan, dropped = drafted_plan(sub.path(PLAN_FILE))
    except LearnerInputError:
        plan, dropped = sub.path(PLAN_FILE), 0  # the check reports the French reason (0 point)
    result = check_function(plan, *args)
    if dropped:
        result.note(f"{dropped} publication(s) sans texte rédigé ({MIN_CAPTION_CHARS} caractères au moins) "
                    "ne compte(nt) pas dans le plan.", ok=False)
    return [result]


plan_view = view_of(plan_html, PLAN_FILE)


@register("c3_1_regularite_test", 4, artefact=plan_view)
def graded_regularity(sub):
    return on_drafted_plan(sub, check_regularity, ASSIGNMENT_START)


@register("c3_2_calendrier_test", 3, artefact=plan_view)
def graded_calendar(sub):
    return on_drafted_plan(sub, check_calendar, ASSIGNMENT_START, CASE_COMPANY)  # the case company, whatever entreprise.json says


@register("c3_3_thematiques_test", 4, artefact=plan_view)
def graded_theme_diversity(sub):
    return on_drafted_plan(sub, check_theme_diversity, ASSIGNMENT_START)


# -- the certification's C3 cells: the candidate's plan, the start date the candidate states, their company ----
CERTIFICATION = "certification"  # the notebook whose answers file holds the stated start (reponses_certification.json)
CERTIFICATION_START = "debut_plan"  # the question id of the stated start date


def candidate_company(sub):
    """The company the candidate presents: the profile handed in with the certification (``entreprise.json``),
    or, in the candidate's own kernel, the nearest profile as the lessons find it; else the case company."""
    from autograder.company import find_profile, load_company

    found = find_profile(sub.folder, levels=0 if sub.graded else 3)
    return load_company(found) if found is not None else CASE_COMPANY


def stated_start(sub):
    """The first day of the 3-month plan, as the candidate states it in the certification's form."""
    from autograder.answers import parse_paris_datetime

    answers = sub.answers(CERTIFICATION)
    message = getattr(answers, "message", None)
    if message:
        raise LearnerInputError(message)
    if answers.get(CERTIFICATION_START) is None:
        raise LearnerInputError("indiquez, dans le formulaire de cette section, la date de début de votre plan de "
                                "3 mois.")
    value = answers[CERTIFICATION_START]
    try:
        moment = dt.datetime.fromisoformat(value) if isinstance(value, str) else value
    except ValueError:
        raise LearnerInputError("la date de début enregistrée n'est pas lisible : choisissez-la de nouveau dans "
                                "le formulaire de cette section.") from None
    return parse_paris_datetime(moment, "Début du plan").date()


def on_stated_start(grade_id, points, sub, check_function, *args):
    """``check_function(plan, start, *args)`` on the candidate's whole plan, from the start date they state."""
    from autograder.checks.registry import unavailable

    try:
        start = stated_start(sub)
    except LearnerInputError as exc:
        return [unavailable(grade_id, points, str(exc))]
    return [check_function(sub.path(PLAN_FILE), start, *args)]


@register("c3_1_cert_regularite", 4, artefact=plan_view)
def certification_regularity(sub):
    return on_stated_start("c3_1_cert_regularite", 4, sub, check_regularity)


@register("c3_2_cert_calendrier", 3, artefact=plan_view)
def certification_calendar(sub):
    return on_stated_start("c3_2_cert_calendrier", 3, sub, check_calendar, candidate_company(sub))


@register("c3_3_cert_thematiques", 4, artefact=plan_view)
def certification_theme_diversity(sub):
    return on_stated_start("c3_3_cert_thematiques", 4, sub, check_theme_diversity)
