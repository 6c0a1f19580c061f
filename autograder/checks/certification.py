"""The mock certification's autograded cells, scored from the candidate's files (:mod:`autograder.checks.registry`).

The mock certification (``source/certification``) gathers the work of the modules and adds the questions of the
criteria the modules' files cannot show. Every autograded cell is registered here by its ``grade_id``, except the
cells that do not depend on the company (``c3_1_cert_regularite``, ``c3_3_cert_thematiques``, ``c4_1_cert_visuel``,
``c4_4_cert_formats``, ``c6_1_cert_animation``: registered in :mod:`~autograder.checks.c3`,
:mod:`~autograder.checks.c4` and :mod:`~autograder.checks.c6`); the criteria the jury judges live (C1.3, C5.1 programming, C5.2, C5.3
demonstration, C5.4 management, C6.1 real exchanges, C6.2 live moderation) are manually graded cells of the
notebook with a rubric quoting the référentiel.

**The company presented.** A candidate who hands in a complete company profile (``entreprise.json``, made with
the company editor, next to the notebook) is judged on it: page, visuals, replies signed with their company's
name, and, for C5.3 and C5.4, the figures they read in their own Meta Business Suite. Everyone else is judged on
the case company and its exports (never the module's own questions: other posts, another week). A profile can
never lower what a check requires: an incomplete profile (no product, no colour, no hashtag, no target place…)
is not used, and the candidate is told why (:func:`presented_company`). With their own company, the
authenticity of the figures they report is judged by the jury on the live page (manual cells), the arithmetic
by the rules below, with the same number of posts and the same formula as on the case.
"""

from __future__ import annotations

from datetime import timedelta
from pathlib import Path

import pandas as pd

from autograder import insights
from autograder.checks import c1, c2, c3, c4, c5, c7
from autograder.checks.registry import escape, register
from autograder.checks.views import table
from autograder.company import CASE_COMPANY, PROFILE_FILE, CompanyProfile
from autograder.moderation import copy_pasted, reply_quality
from autograder.numbers import fr_number, fr_value
from autograder.results import CheckResult, Finding, LearnerInputError, check
from autograder.storage import UnreadableWork, read_work_file
from autograder.text import fold

NOTEBOOK = "certification"  # its answers file: reponses_certification.json

# -- the company presented -----------------------------------------------------------------------------------
#: What a profile must hold to be judged on (else the case company): (field, French name, minimum count).
REQUIRED_PROFILE = (("name", "le nom", 1), ("sector", "le secteur", 1), ("city", "la ville", 1),
                    ("description", "la description", 1), ("target_locations", "les lieux de la cible", 1),
                    ("objectives", "les objectifs", 1), ("products", "les produits ou services", 2),
                    ("brand_colors", "les couleurs de la marque", 2), ("fonts", "les polices", 1),
                    ("handle", "le nom d'utilisateur", 1), ("brand_hashtags", "les hashtags de marque", 1),
                    ("sector_dates", "les dates clés du secteur", 1))


def profile_gaps(company: CompanyProfile) -> list[str]:
    """What an own profile lacks to be judged on (French), empty when it is complete."""
    gaps = []
    for name, label, minimum in REQUIRED_PROFILE:
        value = getattr(company, name)
        if isinstance(value, str):
            count = 1 if value.strip() else 0
        elif isinstance(value, dict | list | tuple):
            items = value.values() if isinstance(value, dict) else value
            count = len([v for v in items if str((v.get("name") if isinstance(v, dict) else v) or "").strip()])
        else:
            count = 0
        if count < minimum:
            gaps.append(label if minimum == 1 else f"{label} (au moins {minimum})")
    return gaps


def presented_company(folder: str | Path) -> tuple[CompanyProfile, str]:
    """The company the candidate presents, read from ``entreprise.json`` next to the notebook (only there, in the
    learner's kernel as at grading), and a French note when their profile was set aside (else "").

    The case company when there is no profile, when it is the case company's, or when it is unreadable or
    incomplete: an empty product list or colour chart would make the checks ask for less."""
    path = Path(folder) / PROFILE_FILE
    if not path.is_file() or path.is_symlink():
        return CASE_COMPANY, ""
    data = read_work_file(path)
    try:
        if isinstance(data, UnreadableWork):
            raise ValueError(data.message)
        company = CompanyProfile.from_dict(data)
    except (ValueError, TypeError, KeyError) as exc:
        reason = exc.args[0] if exc.args and isinstance(exc.args[0], str) else "profil illisible"
        return CASE_COMPANY, (f"Votre profil d'entreprise n'a pas pu être lu ({reason}) : la copie est évaluée sur "
                              f"l'entreprise du cas, {CASE_COMPANY.name}.")
    if company.name.strip().casefold() == CASE_COMPANY.name.casefold():
        return CASE_COMPANY, ""
    gaps = profile_gaps(company)
    if gaps:
        return CASE_COMPANY, (f"Votre profil d'entreprise est incomplet (il manque {', '.join(gaps)}) : complétez-le "
                              f"avec l'éditeur d'entreprise ; en attendant, la copie est évaluée sur l'entreprise du "
                              f"cas, {CASE_COMPANY.name}.")
    return company, ""


def _company(sub) -> CompanyProfile:
    return presented_company(sub.folder)[0]


def _with_profile_note(results: list[CheckResult], sub) -> list[CheckResult]:
    note = presented_company(sub.folder)[1]
    if note and results:
        results[0].note(note, ok=False)
    return results


def own_company(folder: str | Path) -> bool:
    """True when the candidate is judged on their own company (a complete profile handed in)."""
    return presented_company(folder)[0] is not CASE_COMPANY


def _answers(sub) -> dict:
    answers = sub.answers(NOTEBOOK)
    if isinstance(answers, UnreadableWork):
        raise LearnerInputError(answers.message)
    return answers


def _from_answers(criterion: str, title: str, points: float, run):
    """A cell scored by ``run(sub, answers)``; an unreadable answers file gives 0 with its French reason."""

    def cell(sub):
        try:
            return [run(sub, _answers(sub))]
        except LearnerInputError as exc:
            return [c5._refused(criterion, title, points, str(exc.args[0]))]

    return cell


def answers_view(questions, texts=()):
    """What the candidate answered to ``questions`` ((qid, label) pairs) and wrote in ``texts`` (no expected value)."""

    def view(sub) -> str:
        answers = sub.answers(NOTEBOOK)
        if isinstance(answers, UnreadableWork):
            return f"<p>{escape(answers.message)}</p>"
        body = table("Réponses du candidat", ["Question", "Réponse"],
                     [[label, c5._shown(answers.get(qid))] for qid, label in questions])
        for qid, label in texts:
            body += f"<p><strong>{escape(label)} :</strong> {escape(answers.get(qid) or 'non rédigé')}</p>"
        return body

    return view


# -- C1: the page (the company presented) ----------------------------------------------------------------------
def _choices_view(sub) -> str:
    data = read_work_file(sub.path(c1.ADVISOR_FILE))
    chosen = data.get("chosen") if isinstance(data, dict) and not isinstance(data, UnreadableWork) else None
    return table("Réseaux retenus", ["entreprise", "réseaux"],
                 [[_company(sub).name, ", ".join(map(str, chosen)) if isinstance(chosen, list) else "(aucun)"]])


@register("c1_1_cert_reseau", 2, artefact=_choices_view)
def certification_network(sub):
    return _with_profile_note([c1.check_network_choice(c1._chosen(sub), _company(sub))], sub)


@register("c1_2_cert_page", 6, artefact=c1._page_view)
def certification_page(sub):
    page, problems = c1._graded_page(sub)
    result = c1.check_page(page, _company(sub), sub.folder)
    for problem in problems:
        result.note(problem, ok=False)
    return _with_profile_note([result], sub)


@register("c1_2_cert_gestion", 2, artefact=c1._page_view)
def certification_page_management(sub):
    return [c1.check_page_management(c1._work(sub, c1.PAGE_FILE, "créez la page avec l'éditeur"))]


# -- C2: the visuals (the company presented) -------------------------------------------------------------------
@register("c2_1_cert_formats", 3, artefact=c2._visuals_view)
def certification_fit(sub):
    return c2._judged(c2.check_fit)(sub)


@register("c2_2_cert_diversite", 2, artefact=c2._visuals_view)
def certification_diversity(sub):
    return c2._judged(c2.check_diversity)(sub)


@register("c2_3_cert_contenu", 4, artefact=c2._visuals_view)
def certification_content(sub):
    return _with_profile_note(c2._judged(c2.check_content, _company(sub))(sub), sub)


@register("c2_4_cert_inclusifs", 4, artefact=c2._visuals_view)
def certification_inclusive(sub):
    return c2._judged(c2.check_inclusive)(sub)


# -- C3.2, C4.2, C4.3: the plan's dates, the wording and the hashtags of the company presented --------------------
# (C3.1, C3.3, C4.1, C4.4 and C6.1's animation plan do not depend on the company: registered in c3, c4, c6)
@register("c3_2_cert_dates", 3, artefact=c3.plan_view)
def certification_calendar(sub):
    return _with_profile_note(c3.on_stated_start("c3_2_cert_dates", 3, sub, c3.check_calendar, _company(sub)), sub)


@register("c4_2_cert_redaction", 4, artefact=c4.publication_view)
def certification_wording(sub):
    return _with_profile_note(c4._guarded(sub, c4.check_wording, _company(sub)), sub)


@register("c4_3_cert_hashtags_marque", 4, artefact=c4.publication_view)
def certification_hashtags(sub):
    return _with_profile_note(c4._guarded(sub, c4.check_hashtags, _company(sub)), sub)


# -- C5.1: Paris time, summer time (no company data) ----------------------------------------------------------
#: Two times an agency gives in UTC around the end of summer time (night of 24 to 25 October 2026).
UTC_TIMES = (("c5_1_heure_1", "2026-10-23 16:00"), ("c5_1_heure_2", "2026-10-26 17:00"))


def graded_paris_times(_sub, answers):
    return c5.check_paris_times({utc: answers.get(qid) for qid, utc in UTC_TIMES})


# -- C5.3: the engagement rate (the company presented's posts) ------------------------------------------------
RATE_POSTS = 6  # as many posts as in the module, on both sides
POST_LABELS = tuple(f"P{n}" for n in range(1, RATE_POSTS + 1))
OWN_ENGAGEMENTS, OWN_REACH = "c5_3_engagements", "c5_3_portees"  # own company: the figures read in Insights


def case_rate_posts() -> pd.DataFrame:
    """The case's posts of the mock certification: the six posts before the module's six (P1…P6)."""
    ref = c5.reference()
    posts = insights.combined_posts(ref["facebook_posts"], ref["instagram_posts"])
    chosen = posts.sort_values("Publish time", kind="stable").iloc[-2 * RATE_POSTS:-RATE_POSTS].reset_index(drop=True)
    chosen = chosen.copy()
    chosen["Post ID"] = list(POST_LABELS)
    return chosen


def _figures(answers, qid: str, what: str) -> dict[str, float]:
    value = answers.get(qid)
    if not isinstance(value, dict) or any(label not in value for label in POST_LABELS):
        raise LearnerInputError(f"{what} : remplissez le tableau pour les {RATE_POSTS} publications (P1 à P6).")
    return {label: c5._number(value[label], f"{what} de {label}") for label in POST_LABELS}


def own_rate_posts(answers) -> pd.DataFrame:
    """The candidate's own posts as they report them (engagements and reach read in their Insights)."""
    engagements = _figures(answers, OWN_ENGAGEMENTS, "Engagements")
    reach = _figures(answers, OWN_REACH, "Portée")
    if any(v <= 0 or v != int(v) for v in reach.values()) or any(v < 0 or v != int(v) for v in engagements.values()):
        raise LearnerInputError("la portée de chaque publication doit être un nombre entier de personnes (au moins 1) "
                                "et ses engagements un nombre entier.")
    if not any(engagements.values()):
        raise LearnerInputError("choisissez des publications qui ont suscité des réactions (engagements non nuls).")
    return pd.DataFrame({"Post ID": list(POST_LABELS), "Engagements": [engagements[p] for p in POST_LABELS],
                         "Reach": [reach[p] for p in POST_LABELS], "Views": [reach[p] for p in POST_LABELS]})


def rate_posts_of(sub, answers) -> pd.DataFrame:
    return own_rate_posts(answers) if own_company(sub.folder) else case_rate_posts()


def graded_rates(sub, answers):
    rates = answers.get("c5_3_taux")
    if rates is None:
        raise LearnerInputError("aucun taux enregistré : remplissez le tableau des taux par publication.")
    posts = rate_posts_of(sub, answers)
    result = c5.check_engagement_rates(rates, posts)
    average = c5.check_base_and_average(answers.get("c5_3_base"), answers.get("c5_3_taux_moyen"), posts)
    merged = CheckResult("C5.3", "Taux d'engagement : chaque publication, base et moyenne", max_points=3)
    merged.findings = [*result.findings, *average.findings]
    return merged


# -- C5.4: response rate and the « Très réactif » badge -------------------------------------------------------
#: The case's week of the mock certification: the week before the module's (15 to 21 February 2026).
def case_inbox_until():
    from autograder.data import case_meta

    return case_meta.INBOX_UNTIL - timedelta(days=insights.BADGE_DAYS)


def case_inbox_week() -> pd.DataFrame:
    return c5.inbox_week_table(c5.reference()["inbox"], case_inbox_until())


def case_response_minutes() -> float:
    """Meta's response time of the case's week, as the inbox shows it (rounded to the minute)."""
    return round(insights.responsiveness(c5.reference()["inbox"], until=case_inbox_until()).minutes)


OWN_INBOX = (("c5_4_recus", "Messages privés reçus (7 jours)"), ("c5_4_repondus", "Messages privés avec réponse"),
             ("c5_4_temps", "Temps de réponse affiché par Meta (min)"))


@check("C5.4", "Taux de réponse et badge « Très réactif »", 2)
def check_badge(rate, badge, *, received: float, answered: float, minutes: float, result: CheckResult) -> None:
    """The response rate of the week's private messages (answered ÷ received × 100, ± 0.05 point) and the decision
    on Meta's badge (at least 90 % and at most 15 minutes): 1 point each."""
    if received <= 0:
        raise LearnerInputError("au moins un message privé reçu était attendu pour calculer un taux de réponse.")
    expected = answered / received * 100
    earned = expected >= insights.BADGE_RATE and minutes <= insights.BADGE_MINUTES
    given = c5._percent(rate, "Taux de réponse")
    hint = " Exprimez-le en pourcentage." if c5._close(given * 100, expected, 0.5) else ""
    result.add(c5._close(given, expected), 1,
               f"Taux de réponse juste : {fr_number(expected, 1)} % ({fr_value(answered)} réponses sur "
               f"{fr_value(received)} messages privés).",
               "Taux de réponse à revoir : messages privés ayant reçu une réponse ÷ messages privés reçus × 100." + hint)
    if isinstance(badge, str):
        badge = {"obtenu": True, "non_obtenu": False}.get(badge, badge)
    if not isinstance(badge, bool):
        raise LearnerInputError("badge : choisissez « Obtenu » ou « Non obtenu ».")
    reason = (f"taux {fr_number(expected, 1)} % {'≥' if expected >= insights.BADGE_RATE else '<'} 90 %, temps "
              f"{fr_number(minutes, 0)} min {'≤' if minutes <= insights.BADGE_MINUTES else '>'} 15 min")
    result.add(badge == earned, 1, f"Badge « Très réactif » : {'obtenu' if earned else 'non obtenu'}, juste ({reason}).",
               "Badge « Très réactif » à revoir : il faut à la fois au moins 90 % de réponses et au plus 15 minutes.")


def graded_badge(sub, answers):
    if own_company(sub.folder):
        blank = [label for qid, label in OWN_INBOX if answers.get(qid) is None]
        if blank:
            raise LearnerInputError("renseignez les chiffres de votre messagerie : " + ", ".join(blank) + ".")
        received = c5._number(answers.get("c5_4_recus"), "Messages privés reçus")
        answered = c5._number(answers.get("c5_4_repondus"), "Messages privés avec réponse")
        minutes = c5._number(answers.get("c5_4_temps"), "Temps de réponse")
        if received < 1 or not 0 <= answered <= received or received != int(received) or answered != int(answered):
            raise LearnerInputError("indiquez des nombres entiers de messages : au moins 1 message reçu, et pas plus "
                                    "de réponses que de messages.")
    else:
        week = insights.last_days(insights.messages_only(c5.reference()["inbox"]), insights.BADGE_DAYS,
                                  case_inbox_until())
        received, answered = len(week), int(week["Replied time"].notna().sum())
        minutes = case_response_minutes()
    return check_badge(answers.get("c5_4_taux_de_reponse"), answers.get("c5_4_badge"), received=received,
                       answered=answered, minutes=minutes)


# -- C6.2: replies to two situations (signed with the company presented) --------------------------------------
#: (question id, author, their comment, keywords a reply to it must use, personal data to take private).
SITUATIONS = (
    ("c6_2_reponse_reclamation", "Nadia Perrin",
     "Commande récupérée samedi : il manquait la moitié des articles et personne n'a répondu à mon appel. Très déçue.",
     (), True),
    ("c6_2_reponse_question", "Julien Morel",
     "Bonjour, vous êtes ouverts le lundi ? Et on peut venir sans rendez-vous ?",
     ("ouvert", "ferme", "lundi", "horaire", "rendez-vous", "sans rendez"), False),
)


@check("C6.2", "Réponses à la communauté", 3)
def check_situation_replies(replies, company: CompanyProfile = CASE_COMPANY, *, result: CheckResult) -> None:
    """``replies``: {question id: reply}; each reply of :data:`SITUATIONS` scored on the quality criteria that apply
    (greeting, first name, thanks or apology, answer, private message for personal data, signature)."""
    from autograder.moderation import REPLY_CRITERIA

    share = 3 / len(SITUATIONS)
    written = {}
    for qid, author, _comment, keywords, personal in SITUATIONS:
        reply = replies.get(qid)
        if not isinstance(reply, str) or not reply.strip():
            result.add(False, share, "", f"Réponse à {author} : non rédigée.")
            continue
        written[qid] = (reply, author)
        met = reply_quality(reply, author, keywords=keywords, personal_data=personal, company=company)
        met["signature"] = met["signature"] and fold(company.name) in fold(reply)  # the page of this company
        labels = {**REPLY_CRITERIA, "signature": f"signature au nom de l'entreprise ({company.name})"}
        missing = [labels[k] for k, ok in met.items() if not ok]
        earned = round(share * sum(met.values()) / len(met), 4)
        result.findings.append(Finding(
            not missing, f"Réponse à {author} : complète." if not missing else
            f"Réponse à {author} : il manque {', '.join(missing)}.", earned if missing else share, share))
    if copy_pasted(written):  # one answer pasted for two different people: half the points of each
        result.findings = [Finding(f.ok, f.text, round(f.points / 2, 4), f.max_points) for f in result.findings]
        result.note("Les deux réponses sont identiques : chaque personne attend une réponse à son propre message.",
                    ok=False)


def graded_replies(sub, answers):
    return check_situation_replies({qid: answers.get(qid) for qid, *_ in SITUATIONS}, _company(sub))


# -- C7: the campaign of the module (the brief of the case), its forecast, the CPC -----------------------------
FORECAST = (("c7_2_clics", "clics", "Clics sur un lien prévus", ""), ("c7_2_achats", "achats", "Achats prévus", ""),
            ("c7_2_couverture", "couverture", "Personnes touchées prévues", ""))
CPC = (("c7_4_cpc_lien", "cpc_lien", "CPC par clic sur un lien", "€"), ("c7_4_cpc_tous", "cpc_tous", "CPC (tous les clics)", "€"))


def _given(answers, questions) -> dict:
    return {name: answers[qid] for qid, name, _, _ in questions if answers.get(qid) is not None}


def graded_forecast(sub, answers):
    return c7.check_forecast(_given(answers, FORECAST), c7.load_campaign(sub.path(c7.WORK_FILE)))


def graded_cpc(sub, answers):
    given = _given(answers, CPC)
    if not sub.graded:  # the exact values are checked at grading only, as in the module
        return c7.answered("C7.4", "Coût par clic", 3, **{name: given.get(name) for _, name, _, _ in CPC})
    missing = [label for _, name, label, _ in CPC if name not in given]
    if missing:
        raise LearnerInputError("réponse(s) manquante(s) : " + ", ".join(missing) + ".")
    from autograder import campaign as cp

    return c7.check_cpc(given["cpc_lien"], given["cpc_tous"], cp.case_campaign_results())


@register("c7_1_cert_format", 3, artefact=c7.campaign_view)
def certification_format(sub):
    return [c7.check_format(c7.load_campaign(sub.path(c7.WORK_FILE)), c7.BRIEF)]


@register("c7_3_cert_budget", 2, artefact=c7.campaign_view)
def certification_budget(sub):
    return [c7.check_budget_fits(c7.load_campaign(sub.path(c7.WORK_FILE)))]


# -- the cells scored from the answers file --------------------------------------------------------------------
REGISTERED = (
    ("c5_1_cert_heures", "C5.1", "Heure de Paris et heure d'été", 2, graded_paris_times,
     answers_view([(qid, f"Heure de Paris de {c5.fr_utc(utc)} UTC") for qid, utc in UTC_TIMES])),
    ("c5_3_cert_taux", "C5.3", "Taux d'engagement : chaque publication, base et moyenne", 3, graded_rates,
     answers_view([(OWN_ENGAGEMENTS, "Engagements (votre entreprise)"), (OWN_REACH, "Portée (votre entreprise)"),
                   ("c5_3_taux", "Taux par publication (%)"), ("c5_3_base", "Base choisie"),
                   ("c5_3_taux_moyen", "Taux moyen (%)")])),
    ("c5_4_cert_badge", "C5.4", "Taux de réponse et badge « Très réactif »", 2, graded_badge,
     answers_view([*OWN_INBOX, ("c5_4_taux_de_reponse", "Taux de réponse (%)"), ("c5_4_badge", "Badge")])),
    ("c6_2_cert_reponses_ecrites", "C6.2", "Réponses à la communauté", 3, graded_replies,
     answers_view([], [(qid, f"Réponse à {author}") for qid, author, *_ in SITUATIONS])),
    ("c7_2_cert_prevision", "C7.2", "Impact prévu : clics, achats, notoriété", 3, graded_forecast,
     answers_view([(qid, label) for qid, _, label, _ in FORECAST])),
    ("c7_4_cert_cpc", "C7.4", "Coût par clic", 3, graded_cpc, answers_view([(qid, label) for qid, _, label, _ in CPC])),
)
for _gid, _cid, _title, _points, _run, _view in REGISTERED:
    register(_gid, _points, artefact=_view)(_from_answers(_cid, _title, _points, _run))

