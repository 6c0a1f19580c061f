"""Checks of C6 — animating the account and moderating exchanges (C6.1, C6.2).

The artefact is the moderation work saved by the inbox widget (``moderation.json``): the decisions taken
on the items of the queue (``{id: {"actions": [...], "reply": "...", "label": "..."}}``) and the weekly
animation plan. Checks that need the answer key receive it as an argument: at grading, the trainer-only
key of the case company's queue (``keys/case_community.json``, through :meth:`Submission.key`); in the
exercises, the practice queue's.
"""

from __future__ import annotations

from collections.abc import Mapping
from pathlib import Path

from autograder import moderation as mod
from autograder.checks.law import LawQuestion, register_questions
from autograder.checks.registry import register
from autograder.checks.views import animation_html, decisions_html, view_of
from autograder.results import CheckResult, Finding, LearnerInputError, check
from autograder.storage import UnreadableWork, read_work_file

WORK_FILE = "moderation.json"
PLAN_FILE = "animation.json"


def load_decisions(path: str | Path = WORK_FILE) -> dict:
    """The decisions saved by the inbox widget; empty when the file does not exist yet.

    An unreadable file gives an :class:`UnreadableWork`, which the checks report (0 point, French message).
    """
    return _load(path, "decisions", {})


def load_plan(path: str | Path = PLAN_FILE) -> list | UnreadableWork:
    """The animation plan saved by its widget; empty when the file does not exist yet."""
    return _load(path, "plan", [])


def _load(path, key, empty):
    data = read_work_file(path)
    if isinstance(data, UnreadableWork):
        return data
    if data is None:
        return empty
    if not isinstance(data, dict) or not isinstance(data.get(key, empty), type(empty)):
        return UnreadableWork(f"le fichier « {Path(path).name} » n'a pas la forme attendue (« {key} »).")
    return data.get(key, empty)


def _decisions(decisions) -> dict[str, dict]:
    if isinstance(decisions, UnreadableWork):
        raise LearnerInputError(decisions.message)
    if isinstance(decisions, Mapping) and "decisions" in decisions and isinstance(decisions["decisions"], Mapping):
        decisions = decisions["decisions"]
    if not isinstance(decisions, Mapping):
        raise LearnerInputError("Les décisions de modération doivent être un dictionnaire "
                                "{identifiant: {'actions': [...], 'reply': '...'}}.")
    out = {}
    for item_id, d in decisions.items():
        if not isinstance(d, Mapping):
            raise LearnerInputError(f"Décision de « {item_id} » : un dictionnaire était attendu.")
        actions = d.get("actions", [])
        if not isinstance(actions, list | tuple):
            raise LearnerInputError(f"Décision de « {item_id} » : « actions » doit être une liste.")
        out[str(item_id)] = {"actions": mod.validate_actions(actions), "reply": d.get("reply") or None,
                             "label": d.get("label")}
    return out


def _partial(result: CheckResult, ok: int, total: int, points: float, text: str) -> None:
    share = ok / total if total else 0.0
    result.findings.append(Finding(ok == total and total > 0, text, round(points * share, 4), points))


def _by_kind(expected: Mapping[str, Mapping]) -> dict[str, list[str]]:
    kinds: dict[str, list[str]] = {}
    for item_id, e in expected.items():
        kinds.setdefault(e["kind"], []).append(item_id)
    return kinds


def progress(decisions, pending_ids, criterion: str, title: str, points: float, graded_later: str) -> CheckResult:
    """Visible part of a graded cell: the share of the queue that got a decision; what grading checks later."""
    result = CheckResult(criterion, title, max_points=points)
    try:
        decided = _decisions(decisions)
    except LearnerInputError as exc:
        result.add(False, points, "", f"Vérification impossible : {exc}")
        return result
    done = sum(1 for i in pending_ids if decided.get(i, {}).get("actions"))
    _partial(result, done, len(pending_ids), points, f"{done} élément(s) traité(s) sur {len(pending_ids)} dans la file.")
    result.note(f"À la correction : {graded_later}")
    return result


def check_queue_processed(decisions, pending_ids) -> CheckResult:
    """Visible progress of the queue (the charter itself is checked at grading)."""
    return progress(decisions, pending_ids, "C6.2", "File traitée (progression)", 4,
                    "chaque décision est comparée à la charte de modération, type d'élément par type d'élément.")


@check("C6.2", "Décisions conformes à la charte de modération", 4)
def check_charter(decisions, expected, *, result: CheckResult) -> None:
    """Partial credit per kind of item: the share of its items handled as the charter says."""
    decided = _decisions(decisions)
    kinds = _by_kind(expected)
    weight = 4 / len(kinds)
    for kind, ids in sorted(kinds.items(), key=lambda kv: mod.CHARTER[kv[0]].label):
        rule = mod.CHARTER[kind]
        ok, reasons = 0, []
        for item_id in ids:
            actions = decided.get(item_id, {}).get("actions", [])
            if not actions:
                reasons.append(f"{item_id} non traité")
                continue
            good, why = mod.decision_follows_charter(kind, expected[item_id]["channel"], actions)
            ok += good
            if not good:
                reasons.append(f"{item_id} : {why}")
        text = f"{rule.label} : {ok}/{len(ids)} conforme(s)."
        if reasons:
            text += " " + " ; ".join(reasons[:2]) + (" …" if len(reasons) > 2 else "")
        _partial(result, ok, len(ids), weight, text)


@check("C6.2", "Critiques légitimes jamais supprimées, et traitées", 2)
def check_criticism_kept(decisions, expected, *, result: CheckResult) -> None:
    decided = _decisions(decisions)
    critics = [i for i, e in expected.items() if e["legitimate_criticism"]]
    handled = [i for i in critics if decided.get(i, {}).get("actions")]
    removed = [i for i in handled if set(decided[i]["actions"]) & {"delete", "hide", "ban"}]
    result.add(bool(handled) and not removed, 1,
               f"Aucune critique légitime supprimée, masquée ou bannie ({len(handled)} traitée(s)).",
               (f"Critique(s) légitime(s) supprimée(s) ou masquée(s) : {', '.join(removed)} — une critique se traite "
                "par une réponse, jamais par la censure." if removed else
                "Aucune critique (réclamation, fausse information, crise) n'a encore été traitée."))
    answered = [i for i in critics if decided.get(i, {}).get("reply")]
    _partial(result, len(answered), len(critics), 1,
             f"Critiques ayant reçu une réponse : {len(answered)}/{len(critics)}.")


@check("C6.2", "Toutes les questions et demandes ont une réponse qui y répond", 2)
def check_questions_answered(decisions, expected, *, result: CheckResult) -> None:
    decided = _decisions(decisions)
    asks = [i for i, e in expected.items() if e["needs_answer"]]
    ok, misses = 0, []
    for item_id in asks:
        reply = decided.get(item_id, {}).get("reply")
        if not reply:
            misses.append(f"{item_id} sans réponse")
            continue
        try:
            quality = mod.reply_quality(reply, expected[item_id]["author"], keywords=expected[item_id]["keywords"])
        except ValueError as exc:
            misses.append(f"{item_id} : {exc}")
            continue
        if quality.get("answers", True):
            ok += 1
        else:
            misses.append(f"{item_id} : la réponse ne traite pas la question posée")
    text = f"Questions et demandes avec une vraie réponse : {ok}/{len(asks)}."
    if misses:
        text += " " + " ; ".join(misses[:3]) + (" …" if len(misses) > 3 else "")
    _partial(result, ok, len(asks), 2, text)


@check("C6.2", "Qualité des réponses", 2)
def check_reply_quality(decisions, expected, *, result: CheckResult) -> None:
    """Greeting, name, thanks or apology, answer, invitation to private messages, signature; no copy-paste."""
    decided = _decisions(decisions)
    replies = {i: (decided[i]["reply"], e["author"]) for i, e in expected.items() if decided.get(i, {}).get("reply")}
    if not replies:
        result.add(False, 2, "", "Aucune réponse rédigée pour l'instant.")
        return
    met = possible = 0
    missing: dict[str, int] = {}
    for item_id, (reply, author) in replies.items():
        e = expected[item_id]
        try:
            quality = mod.reply_quality(reply, author, keywords=e["keywords"], personal_data=e["personal_data"])
        except ValueError:
            quality = dict.fromkeys(mod.REPLY_CRITERIA, False)
        met += sum(quality.values())
        possible += len(quality)
        for name, ok in quality.items():
            if not ok:
                missing[name] = missing.get(name, 0) + 1
    text = f"Critères de qualité respectés : {met}/{possible} sur {len(replies)} réponse(s)."
    if missing:
        text += " Manque le plus souvent : " + ", ".join(
            f"{mod.REPLY_CRITERIA[k]} ({n})" for k, n in sorted(missing.items(), key=lambda kv: -kv[1])[:3]) + "."
    _partial(result, met, possible, 1.5, text)
    complaints = {i: r for i, r in replies.items()
                  if expected[i]["kind"] in ("complaint_mild", "complaint_angry", "crisis", "crisis_echo")}
    copies = sorted(mod.copy_pasted(complaints))
    result.add(bool(complaints) and not copies, 0.5, "Chaque réclamation reçoit une réponse personnalisée.",
               (f"Réponses identiques à des réclamations différentes : {', '.join(copies)}." if copies else
                "Aucune réclamation n'a encore reçu de réponse."))


@check("C6.1", "Échanges réalisés avec la communauté (j'aime, partages, repartages)", 2)
def check_exchanges(decisions, expected, *, result: CheckResult) -> None:
    decided = _decisions(decisions)
    positive = [i for i, e in expected.items() if e["kind"] in ("praise", "mention", "share", "ugc")]
    liked = [i for i in positive if "like" in decided.get(i, {}).get("actions", [])]
    _partial(result, len(liked), len(positive), 1,
             f"Compliments, mentions et partages aimés : {len(liked)}/{len(positive)}.")
    ugc = [i for i, e in expected.items() if e["kind"] == "ugc"]
    shared = [i for i in ugc if "share" in decided.get(i, {}).get("actions", [])]
    _partial(result, len(shared), len(ugc), 1,
             f"Contenus de membres repartagés (avec leur accord) : {len(shared)}/{len(ugc)}.")


@check("C6.1", "Plan d'animation hebdomadaire", 3)
def check_animation_plan(plan, *, result: CheckResult) -> None:
    """At least 4 weeks, at least 4 kinds of action, stories or polls, group posts naming the group, targets."""
    if isinstance(plan, UnreadableWork):
        raise LearnerInputError(plan.message)
    if isinstance(plan, Mapping) and "plan" in plan:
        plan = plan["plan"]
    if not isinstance(plan, list | tuple):
        raise LearnerInputError("Le plan d'animation doit être une liste d'actions, chacune avec sa semaine, son "
                                "action, son objectif chiffré et, si besoin, un détail : construisez-le avec le widget "
                                "du plan d'animation.")
    rows = [mod.validate_plan_row(r) for r in plan]
    weeks = {r["semaine"] for r in rows}
    kinds = {r["action"] for r in rows}
    result.add(len(weeks) >= 4, 0.5, f"Le plan couvre {len(weeks)} semaines.",
               f"Le plan couvre {len(weeks)} semaine(s) : il en faut au moins 4 (un mois d'animation).")
    result.add(len(kinds) >= 4, 1, f"{len(kinds)} types d'actions différents.",
               f"{len(kinds)} type(s) d'actions : variez-les (au moins 4 parmi réponses, j'aime et partages, "
               "stories, sondages, groupes, repartages).")
    result.add(bool(kinds & {"story", "poll"}), 0.5, "Des stories ou des sondages font participer la communauté.",
               "Ajoutez des stories ou des questions/sondages pour faire participer la communauté.")
    groups = [r for r in rows if r["action"] == "group_post"]
    result.add(bool(groups) and all(len(r["detail"]) >= 3 for r in groups), 0.5,
               "Des échanges sont partagés dans des groupes nommés.",
               "Prévoyez des partages dans des groupes, en nommant chaque groupe dans le détail.")
    per_week = {w: sum(r["cible"] for r in rows if r["semaine"] == w) for w in weeks}
    result.add(bool(rows) and all(v >= 3 for v in per_week.values()), 0.5,
               "Chaque semaine a des objectifs chiffrés (au moins 3 actions).",
               "Chaque semaine doit compter au moins 3 actions chiffrées.")


# -- the assignment's graded cells (scored from the submission's files: autograder.checks.registry) ----------
ANSWER_KEY = "case_community"  # the trainer-only key of the case company's queue (keys/case_community.json)


def _pending_ids() -> list[str]:
    from autograder.data.case_community import pending_ids

    return pending_ids()


def _moderation_cell(criterion: str, title: str, points: float, later: str, graded):
    """A C6.2/C6.1 cell: the charter check at grading (with the key), the queue's progress for the learner."""

    def run(sub):
        decisions = load_decisions(sub.path(WORK_FILE))
        expected = sub.key(ANSWER_KEY)
        if expected is None:
            return [progress(decisions, _pending_ids(), criterion, title, points, later)]
        return [graded(decisions, expected)]

    return run


decisions_view = view_of(decisions_html, WORK_FILE)
animation_view = view_of(animation_html, PLAN_FILE)


# (grade_id, criterion, title of the visible part, points, what grading checks later, check with the key)
MODERATION_CELLS = (
    ("c6_2_charte_test", "C6.2", "File traitée (progression)", 4,
     "chaque décision est comparée à la charte de modération, type d'élément par type d'élément.", check_charter),
    ("c6_2_critiques_test", "C6.2", "Critiques légitimes", 2,
     "aucune réclamation, fausse information ou réaction à la crise ne doit être supprimée ou masquée, et chacune "
     "doit recevoir une réponse.", check_criticism_kept),
    ("c6_2_questions_test", "C6.2", "Questions et demandes", 2,
     "chaque question ou demande doit recevoir une réponse qui y répond vraiment.", check_questions_answered),
    ("c6_2_qualite_test", "C6.2", "Qualité des réponses", 2,
     "salutation, prénom, merci ou excuses, réponse, message privé si besoin, signature ; pas de copier-coller "
     "entre réclamations.", check_reply_quality),
    ("c6_1_echanges_test", "C6.1", "Échanges avec la communauté", 2,
     "compliments, mentions et partages aimés ; contenus de membres repartagés.", check_exchanges),
)
# The certification's C6 cells: the same files (gathered from the module's folder), the same checks.
CERTIFICATION_CELLS = (
    ("c6_1_cert_echanges", "C6.1", "Échanges avec la communauté", 2,
     "compliments, mentions et partages aimés ; contenus de membres repartagés.", check_exchanges),
    ("c6_2_cert_charte", "C6.2", "File traitée (progression)", 4,
     "chaque décision est comparée à la charte de modération, type d'élément par type d'élément.", check_charter),
    ("c6_2_cert_reponses", "C6.2", "Qualité des réponses", 2,
     "salutation, prénom, merci ou excuses, réponse, message privé si besoin, signature.", check_reply_quality),
)
for _gid, _cid, _title, _points, _later, _graded in MODERATION_CELLS + CERTIFICATION_CELLS:
    register(_gid, _points, artefact=decisions_view)(_moderation_cell(_cid, _title, _points, _later, _graded))


@register("c6_1_plan_test", 3, artefact=animation_view)
@register("c6_1_cert_animation", 3, artefact=animation_view)
def graded_animation_plan(sub):
    return [check_animation_plan(load_plan(sub.path(PLAN_FILE)))]


# -- the law a jury may ask about (lesson 9): choice questions scored with the trainer-only key ----------------
LAW_NOTEBOOK = "c6_moderation"
LAW_QUESTIONS = (
    LawQuestion("c6_2_commentaire_illicite", "C6.2", "Commentaire illicite sous une publication",
                "Ce que vous faites du commentaire", (
                    ("Le supprimer dès que vous le voyez, en garder une capture (date, auteur) et bannir l'auteur "
                     "s'il recommence", "supprimer"),
                    ("Le laisser en ligne : seul son auteur en répond, pas la page", "laisser"),
                    ("Y répondre pour rappeler la charte, sans le retirer", "repondre"),
                    ("Le laisser jusqu'à lundi, le temps qu'une personne visée porte plainte", "attendre"),
                ), False, 1, "8"),
    LawQuestion("c6_2_donnees_messages", "C6.2", "Données personnelles et de santé dans les échanges",
                "Ce que vous faites", (
                    ("Répondre brièvement en public et proposer de continuer en message privé, sans reprendre ni "
                     "le numéro ni la maladie", "prive"),
                    ("Ne noter que ce qui sert la commande (« pain sans gluten, retrait vendredi ») et l'effacer une "
                     "fois la commande retirée", "minimum"),
                    ("Créer le libellé « M. Martin, épouse cœliaque, 06… », visible de toute l'équipe", "libelle"),
                    ("Répondre en commentaire en rappelant son numéro, pour confirmer la commande", "numero_public"),
                ), True, 2, "4"),
)
register_questions(LAW_QUESTIONS, LAW_NOTEBOOK)
