"""Checks of competency C1 (choose the right networks, create and run a professional page).

| check                    | criterion | points | artefact                                                          |
| ------------------------ | --------- | ------ | ----------------------------------------------------------------- |
| ``check_network_choice`` | C1.1      | 2      | the networks chosen for a brief (company profile or brief dict)   |
| ``check_page``           | C1.2      | 6      | a professional page (the page editor's state, its image files)    |
| ``check_page_management``| C1.2      | 2      | the same page: edits recorded and result indicators chosen        |
| ``check_persona``        | C1.1      | 4      | a persona worksheet (practice, lesson 01; not graded)             |
| ``check_smart_objective``| C1.1      | 3      | one SMART objective (practice, lesson 01; not graded)             |

C1.3 (« utilisation fluide ») is observed by the trainer: no automatic check, a rubric in the assignment.

The graded cells of the assignment are registered at the end of this module (:mod:`autograder.checks.registry`):
they read the advisor's ``choix_reseaux.json``, the page editor's ``page_pro.json`` and its images, and the
answers file of the notebook (the networks ticked for the two briefs of :data:`BRIEFS`).
"""

from __future__ import annotations

import re
from pathlib import Path

from PIL import Image

from autograder.checks.registry import escape, register
from autograder.checks.views import table
from autograder.company import CASE_COMPANY
from autograder.networks import (
    CTA_LABELS,
    FIT_THRESHOLD,
    NETWORKS,
    PAGE_INDICATORS,
    bio_limit_kind,
    get_network,
    rank_networks,
    validate_brief,
    validate_page,
)
from autograder.numbers import fr_value
from autograder.results import LearnerInputError, check
from autograder.storage import UnreadableWork, read_work_file
from autograder.text import ascii_key, fold

INDICATORS = PAGE_INDICATORS  # the indicators a page owner can follow, by family (lessons and exercises read it)
_USERNAME = re.compile(r"^@[a-z0-9._]{2,30}$")
_URL = re.compile(r"^https?://[\w.-]+\.[a-z]{2,}(/\S*)?$", re.IGNORECASE)
_EMAIL = re.compile(r"^[\w.+-]+@[\w-]+(\.[\w-]+)+$")
_PHONE = re.compile(r"^(?:\+33\s?|0)[1-9](?:[\s.-]?\d{2}){4}$")


def _brief(brief) -> tuple[str, tuple[int, int], list[str], float]:
    """A company profile or a dict {market, ages, objectives, hours_per_week} as the ranking's arguments."""
    if hasattr(brief, "market") and hasattr(brief, "target_ages"):
        return brief.market, tuple(brief.target_ages), list(brief.objectives), float(brief.hours_per_week)
    if isinstance(brief, dict):
        missing = [k for k in ("market", "ages", "objectives") if k not in brief]
        if missing:
            raise LearnerInputError(f"Brief incomplet : il manque {', '.join(missing)}.")
        return brief["market"], tuple(brief["ages"]), list(brief["objectives"]), float(brief.get("hours_per_week", 4))
    raise LearnerInputError("Un profil d'entreprise ou un brief (dictionnaire market, ages, objectives) était attendu.")


def _choice(networks) -> list[str]:
    if isinstance(networks, UnreadableWork):
        raise LearnerInputError(networks.message)
    if isinstance(networks, str):
        networks = [networks]
    if not isinstance(networks, list | tuple) or not networks:
        raise LearnerInputError("Retenez de 1 à 3 réseaux : aucun n'est retenu pour l'instant.")
    ids = list(dict.fromkeys(get_network(n).id for n in networks))
    if len(ids) > 3:
        raise LearnerInputError(f"{len(ids)} réseaux choisis : 3 au plus, pour rester réaliste avec le temps disponible.")
    return ids


@check("C1.1", "Réseaux adaptés à l'activité et à la cible", 2)
def check_network_choice(networks, brief, *, result):
    """1 pt when every chosen network fits the brief, 1 pt when one of the two best-ranked is chosen."""
    ids = _choice(networks)
    ranked = rank_networks(*_brief(brief))
    by_id = {r.network.id: r for r in ranked}
    unfit = [by_id[i] for i in ids if not by_id[i].fits]
    result.add(not unfit, 1, f"Chaque réseau choisi est adapté à la cible ({', '.join(NETWORKS[i].name for i in ids)}).",
               "Réseau(x) mal adapté(s) : " + " ".join(
                   f"{r.network.name} ({fr_value(r.score)}/100) — {' '.join(r.warnings) or 'score sous ' + format(FIT_THRESHOLD, 'g')}"
                   for r in unfit))
    top = [r.network for r in ranked[:2]]
    result.add(any(n.id in ids for n in top), 1,
               "Votre choix comprend l'un des deux réseaux les mieux adaptés à ce brief.",
               f"Aucun des deux réseaux les mieux adaptés n'est retenu : pensez à {top[0].name} ou {top[1].name}.")
    for r in ranked[:3]:
        result.note(f"{r.network.name} : {fr_value(r.score)}/100. " + " ".join(r.reasons))


# -- the professional page ----------------------------------------------------------------------------------
#: The headings of a persona worksheet (one line « Rubrique : réponse » each), with what each asks for.
PERSONA_FIELDS: dict[str, str] = {
    "prénom": "un prénom qui rend la personne concrète",
    "âge": "un âge ou une tranche d'âge",
    "lieu": "où elle vit ou travaille",
    "métier": "son métier ou sa situation",
    "besoin": "ce qu'elle cherche (le problème que l'entreprise résout)",
    "frein": "ce qui la fait hésiter",
    "réseaux": "les réseaux qu'elle utilise",
    "moment": "quand elle les consulte",
}
_SMART_INDICATORS = ("abonne", "recrut", "embauch", "portee", "vue", "visite", "clic", "vente", "commande", "reservation", "message",
                     "inscription", "candidature", "avis", "engagement", "prospect", "contact", "devis", "adherent",
                     "benevole", "don", "participant", "chiffre d'affaires", "panier")
_SMART_DEADLINE = re.compile(r"\b(d'ici|avant|au plus tard|fin|en|sur|pendant|dans)\b.{0,30}?"
                             r"(\d{1,2}/\d{1,2}|\d{4}|janvier|fevrier|mars|avril|mai|juin|juillet|aout|septembre|"
                             r"octobre|novembre|decembre|semaine|mois|trimestre|an\b|annee|noel|paques|rentree|ete)")


def _worksheet_lines(text) -> dict[str, str]:
    """« Rubrique : réponse » lines of a worksheet, keyed by the folded heading."""
    if not isinstance(text, str) or not text.strip():
        raise LearnerInputError("La fiche est vide : écrivez une ligne « Rubrique : réponse » par rubrique.")
    lines = {}
    for line in text.splitlines():
        head, sep, value = line.partition(":")
        if sep and value.strip():
            lines[ascii_key(head).strip()] = value.strip()
    return lines


@check("C1.1", "Fiche persona", 4)
def check_persona(text, *, result):
    """A persona worksheet: one line « Rubrique : réponse » for each of :data:`PERSONA_FIELDS`."""
    lines = _worksheet_lines(text)
    for field, what in PERSONA_FIELDS.items():
        key = ascii_key(field)
        value = next((v for k, v in lines.items() if k.startswith(key[:5])), "")
        if field == "âge":
            ok = bool(re.search(r"\d{2}", value))
            result.add(ok, 0.5, f"Âge : {value}.", "Âge : donnez un âge ou une tranche d'âge en chiffres (38 ans, 25-34 ans).")
        else:
            result.add(len(value.split()) >= (2 if field in ("besoin", "frein", "moment") else 1), 0.5,
                       f"{field.capitalize()} : {value}.",
                       f"Rubrique « {field.capitalize()} » absente ou trop courte : {what}.")


@check("C1.1", "Objectif SMART", 3)
def check_smart_objective(text, *, result):
    """An objective that is Specific, Measurable (a figure and an indicator) and Time-bound (a deadline)."""
    if not isinstance(text, str) or not text.strip():
        raise LearnerInputError("Écrivez votre objectif en une phrase : un verbe, un chiffre, un indicateur, une échéance.")
    folded = fold(text)
    words = text.split()
    result.add(len(words) >= 6 and bool(re.match(r"^[A-Za-zÀ-ÿ]+", text.strip())), 0.5,
               "Spécifique : une action précise, en une phrase.",
               "Spécifique : écrivez une phrase complète qui commence par un verbe (obtenir, augmenter, recruter…).")
    result.add(bool(re.search(r"\d", text)), 1, "Mesurable : un chiffre à atteindre.",
               "Mesurable : il manque un chiffre à atteindre (200 abonnés, 30 commandes, 10 %…).")
    indicator = [i for i in _SMART_INDICATORS if i in folded]
    result.add(bool(indicator), 0.5, "Un indicateur à suivre est nommé.",
               "Indicateur : dites ce que vous compterez (abonnés, commandes, réservations, messages, clics…).")
    result.add(bool(_SMART_DEADLINE.search(folded)), 1, "Temporel : une échéance est fixée.",
               "Temporel : fixez une échéance (« d'ici le 31 mars », « en 3 mois », « avant Noël »).")
    result.note("Atteignable et réaliste : à vous de le justifier avec vos chiffres de départ (le jury vous le "
                "demandera).")


def _page(page) -> dict:
    if isinstance(page, UnreadableWork):
        raise LearnerInputError(page.message)
    if hasattr(page, "state") and isinstance(page.state, dict):
        page = page.state
    if not isinstance(page, dict):
        raise LearnerInputError("Une page (dictionnaire produit par l'éditeur de page) était attendue.")
    if "network" not in page:
        raise LearnerInputError("La page ne dit pas sur quel réseau elle est créée (clé « network »).")
    return page


def _image_size(folder: Path, name) -> tuple[int, int] | None:
    if not name or not isinstance(name, str):
        return None
    path = folder / name
    if not path.is_file():
        return None
    try:
        with Image.open(path) as img:
            return img.size
    except Exception:  # noqa: BLE001 - an unreadable image counts as absent
        return None


def page_items(page, company=None, folder: str | Path = ".") -> list[tuple[bool, float, str, str]]:
    """Every item of the page check: (ok, points, text when met, text when missing) — for the live score too."""
    page = _page(page)
    net = get_network(page["network"])
    prof = net.page
    folder = Path(folder)
    items: list[tuple[bool, float, str, str]] = []
    name = str(page.get("name", "")).strip()
    limit = prof.name_limit or 100
    items.append((0 < len(name) <= limit, 0.5, f"Nom de page renseigné ({len(name)} caractères).",
                  f"Nom de page absent ou trop long ({len(name)} caractères, {limit} au plus)."))
    username = str(page.get("username", "")).strip()
    items.append((bool(_USERNAME.match(username)), 0.5, f"Nom d'utilisateur {username} valide.",
                  "Nom d'utilisateur attendu sous la forme @nomdelapage (minuscules, chiffres, point ou tiret bas)."))
    items.append((bool(str(page.get("category", "")).strip()), 0.5, "Catégorie de page choisie.",
                  "Choisissez une catégorie de page (par exemple « Boulangerie »)."))
    description = str(page.get("description", "")).strip()
    bio_limit = prof.bio_limit or 150
    limit_kind = bio_limit_kind(net)
    items.append((30 <= len(description) <= bio_limit, 0.5,
                  f"{prof.bio_label.capitalize()} de {len(description)} caractères ({limit_kind} : {bio_limit}).",
                  f"{prof.bio_label.capitalize()} : entre 30 et {bio_limit} caractères attendus ({limit_kind}) ; "
                  f"reçu {len(description)}."))
    sizes = []
    for key, placement_id, label in (("profile_image", prof.profile_placement, "photo de profil"),
                                     ("cover_image", prof.cover_placement, "couverture")):
        if placement_id is None:
            continue
        placement = net.placement(placement_id)
        size = _image_size(folder, page.get(key))
        ok = size is not None and placement.accepts(*size)
        sizes.append(ok)
        items.append((ok, 0.5, f"{label.capitalize()} aux bonnes dimensions ({placement.width}×{placement.height}).",
                      f"{label.capitalize()} absente ou de mauvaise taille ({'×'.join(map(str, size)) if size else 'aucun fichier'}"
                      f" ; attendu {placement.width}×{placement.height} px)."))
    cta = str(page.get("cta", "")).strip()
    if "bouton_action" in prof.features:
        items.append((cta in CTA_LABELS, 0.5, f"Bouton d'action « {cta} ».",
                      "Ajoutez un bouton d'action (" + ", ".join(CTA_LABELS[:5]) + "…)."))
    phone, email = str(page.get("phone", "")).strip(), str(page.get("email", "")).strip()
    items.append((bool(_PHONE.match(phone) or _EMAIL.match(email)), 0.5, "Moyen de contact valide.",
                  "Ajoutez un téléphone (01 23 45 67 89) ou une adresse e-mail valide."))
    website = str(page.get("website", "")).strip()
    items.append((bool(_URL.match(website)), 0.5, "Site web renseigné.", "Ajoutez l'adresse du site (https://…)."))
    local = company is None or (company.market != "B2B" and bool(company.city))
    if local and ("horaires" in prof.features or "adresse" in prof.features):
        ok = bool(str(page.get("address", "")).strip()) and (
            "horaires" not in prof.features or bool(str(page.get("hours", "")).strip()))
        items.append((ok, 0.5, "Adresse et horaires renseignés pour la clientèle locale.",
                      "Commerce local : indiquez l'adresse" + (" et les horaires" if "horaires" in prof.features else "") + "."))
    pinned = str(page.get("pinned_post", "")).strip() or page.get("highlights")
    items.append((bool(pinned), 0.5, "Publication épinglée ou stories à la une prévues.",
                  "Épinglez une publication de présentation (ou créez des stories à la une)."))
    # optimisation: findable and consistent
    if company is not None:
        keywords = [company.city] + [w for w in re.findall(r"[\wÀ-ÿ]{5,}", company.sector)]
        found = [k for k in keywords if ascii_key(k) and ascii_key(k) in ascii_key(description)]
        items.append((len(found) >= 2, 0.5, f"Description optimisée : mots-clés trouvés ({', '.join(found)}).",
                      f"Optimisez la description : citez l'activité et la ville ({', '.join(keywords[:3])})."))
        brand = ascii_key(company.name)
        items.append((bool(username) and (ascii_key(username) in brand or brand in ascii_key(username)
                                          or ascii_key(company.handle) == ascii_key(username)), 0.5,
                      "Nom d'utilisateur cohérent avec le nom de l'entreprise.",
                      f"Le nom d'utilisateur devrait reprendre le nom de l'entreprise (par exemple {company.handle})."))
    return items


@check("C1.2", "Page professionnelle complète et optimisée", 6)
def check_page(page, company=None, folder: str | Path = ".", *, result):
    """Completeness and optimisation of the page, scaled to 6 points."""
    items = page_items(page, company, folder)
    total = sum(points for _, points, _, _ in items)
    for ok, points, ok_text, missing in items:
        result.add(ok, points * 6 / total, ok_text, missing)
    net = get_network(_page(page)["network"])
    result.note(f"Réseau : {net.name} ({net.page.kind}).")


@check("C1.2", "Modification de la page et analyse des résultats", 2)
def check_page_management(page, *, result):
    """1 pt for at least one recorded edit after creation, 1 pt for three indicators from two families."""
    page = _page(page)
    edits = page.get("modifications") or []
    if not isinstance(edits, list):
        raise LearnerInputError("L'historique des modifications doit être une liste.")
    result.add(len(edits) >= 1, 1, f"La page a été modifiée ({len(edits)} modification(s) enregistrée(s)).",
               "Aucune modification enregistrée : modifiez la page (description, bouton…) avec l'éditeur.")
    chosen = [str(i).strip().lower() for i in (page.get("indicators") or [])]
    known = [i for i in chosen if i in INDICATORS]
    families = {INDICATORS[i] for i in known}
    net = get_network(page["network"])
    result.add(len(known) >= 3 and len(families) >= 2, 1,
               f"Indicateurs suivis dans {net.page.analytics} : {', '.join(known)}.",
               f"Choisissez au moins 3 indicateurs de deux familles (audience, engagement, conversion…) à suivre dans "
               f"{net.page.analytics} ({len(known)} reconnu(s)).")


# -- the assignment's graded cells, scored from the files (registry) ------------------------------------------
ADVISOR_FILE = "choix_reseaux.json"
PAGE_FILE = "page_pro.json"

#: The two briefs of question 2 of the assignment, by the question id of the networks ticked for each.
BRIEFS: dict[str, dict] = {
    "c1_1_b2b": {"nom": "Comptalyon", "secteur": "Cabinet d'expertise comptable, 45 salariés, Lyon",
                 "market": "B2B", "ages": (30, 60), "objectives": ["prospects", "recrutement"], "hours_per_week": 3},
    "c1_1_jeunes": {"nom": "Ride Factory", "secteur": "Boutique de skate et de streetwear, Villeurbanne",
                    "market": "B2C", "ages": (15, 24), "objectives": ["notoriété", "engagement", "ventes"],
                    "hours_per_week": 6},
}


#: The rule each widget applies before it saves its file, and the widget's name: grading applies it too, so a
#: file made by hand is judged only when it holds what the widget would have required.
WIDGET_RULES = {ADVISOR_FILE: (validate_brief, "le conseiller de réseaux"), PAGE_FILE: (validate_page, "l'éditeur de page")}


def _work(sub, name: str, what: str):
    """The content of the work file ``name`` as its widget would have saved it, or an :class:`UnreadableWork`
    saying in French why there is none."""
    data = read_work_file(sub.path(name))
    if data is None:
        return UnreadableWork(f"fichier « {name} » absent de la copie : {what}.")
    if name in WIDGET_RULES and not isinstance(data, UnreadableWork):
        rule, widget = WIDGET_RULES[name]
        try:
            return rule(data)
        except ValueError as exc:
            return UnreadableWork(f"le fichier « {name} » n'est pas celui que {widget} enregistre ({exc}) : {what}.")
    return data


PAGE_IMAGE_FIX = "créez-la avec l'éditeur de page"


def _graded_page(sub) -> tuple[object, list[str]]:
    """The page as grading judges it: images outside the copy or blank are left out, with the French reasons."""
    page = _work(sub, PAGE_FILE, "créez la page avec l'éditeur")
    if isinstance(page, UnreadableWork) or not isinstance(page, dict):
        return page, []
    from autograder.visuals import image_problem  # imported here: colour science only for graded pages

    page, problems = dict(page), []
    for key in ("profile_image", "cover_image"):
        problem = image_problem(sub.folder, page.get(key), PAGE_IMAGE_FIX)
        if problem:
            page[key] = ""
            problems.append(problem[0].upper() + problem[1:])
    return page, problems


def _chosen(sub):
    data = _work(sub, ADVISOR_FILE, "retenez vos réseaux dans le conseiller")
    if isinstance(data, dict) and not isinstance(data, UnreadableWork):
        return data.get("chosen") or []
    return data


def _choices_view(sub) -> str:
    data = _chosen(sub)
    answers = sub.answers()
    rows = [["La Fournée de Léa", ", ".join(map(str, data)) if isinstance(data, list) else "(aucun)"]]
    if not isinstance(answers, UnreadableWork):
        for qid, brief in BRIEFS.items():
            ticked = answers.get(qid)
            rows.append([brief["nom"], ", ".join(map(str, ticked)) if isinstance(ticked, list) else "(aucun)"])
    return table("Réseaux retenus", ["entreprise", "réseaux"], rows)


def _page_view(sub) -> str:
    page = read_work_file(sub.path(PAGE_FILE))
    if isinstance(page, UnreadableWork):
        return f"<p>{escape(page.message)}</p>"
    if not isinstance(page, dict):
        return f"<p>Fichier « {escape(PAGE_FILE)} » absent de la copie ou sans la forme attendue.</p>"
    labels = {"network": "réseau", "name": "nom", "username": "nom d'utilisateur", "category": "catégorie",
              "description": "description", "cta": "bouton d'action", "phone": "téléphone", "email": "e-mail",
              "website": "site web", "address": "adresse", "hours": "horaires", "pinned_post": "publication épinglée",
              "profile_image": "photo de profil", "cover_image": "couverture"}
    rows = [[label, page.get(key, "")] for key, label in labels.items()]
    indicators = page.get("indicators") if isinstance(page.get("indicators"), list) else []
    edits = page.get("modifications") if isinstance(page.get("modifications"), list) else []
    rows.append(["indicateurs suivis", ", ".join(map(str, indicators))])
    rows.append(["modifications", str(len(edits))])
    return table("Page professionnelle", ["champ", "valeur"], rows)


@register("c1_1_entreprise_test", 2, artefact=_choices_view)
def graded_company_choice(sub):
    return [check_network_choice(_chosen(sub), CASE_COMPANY)]  # the brief's company, whatever the advisor says


@register("c1_1_briefs_test", 4, artefact=_choices_view)
def graded_brief_choices(sub):
    answers = sub.answers()
    if isinstance(answers, UnreadableWork):
        return [check_network_choice(answers, brief) for brief in BRIEFS.values()]
    return [check_network_choice(answers.get(qid), brief) for qid, brief in BRIEFS.items()]


@register("c1_2_page_test", 6, artefact=_page_view)
def graded_page(sub):
    page, problems = _graded_page(sub)
    result = check_page(page, CASE_COMPANY, sub.folder)
    for problem in problems:
        result.note(problem, ok=False)
    return [result]


@register("c1_2_gestion_test", 2, artefact=_page_view)
def graded_page_management(sub):
    return [check_page_management(_work(sub, PAGE_FILE, "créez la page avec l'éditeur"))]
