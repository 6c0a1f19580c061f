"""Checks of competency C1 (choose the right networks, create and run a professional page).

| check                    | criterion | points | artefact                                                          |
| ------------------------ | --------- | ------ | ----------------------------------------------------------------- |
| ``check_network_choice`` | C1.1      | 2      | the networks chosen for a brief (company profile or brief dict)   |
| ``check_page``           | C1.2      | 6      | a professional page (the page editor's state, its image files)    |
| ``check_page_management``| C1.2      | 2      | the same page: edits recorded and result indicators chosen        |

C1.3 (« utilisation fluide ») is observed by the trainer: no automatic check, a rubric in the assignment.
"""

from __future__ import annotations

import re
from pathlib import Path

from PIL import Image

from autograder.networks import FIT_THRESHOLD, NETWORKS, get_network, rank_networks
from autograder.numbers import fr_value
from autograder.results import LearnerInputError, check
from autograder.text import ascii_key

#: Result indicators a page owner can follow in the networks' analytics (French labels, lower case).
INDICATORS: dict[str, str] = {
    "portée": "audience", "vues": "audience", "impressions": "audience", "abonnés gagnés": "communauté",
    "abonnés perdus": "communauté", "visites du profil": "communauté", "taux d'engagement": "engagement",
    "réactions": "engagement", "commentaires": "engagement", "partages": "engagement", "enregistrements": "engagement",
    "clics sur le lien": "conversion", "clics sur le bouton d'action": "conversion", "messages reçus": "conversion",
    "temps de réponse": "service", "données démographiques": "audience",
}
CTA_LABELS: tuple[str, ...] = ("Contacter", "Envoyer un message", "Appeler", "Réserver", "Commander", "Acheter",
                               "Visiter le site", "S'inscrire", "En savoir plus", "Postuler", "Prendre rendez-vous")
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
            raise LearnerInputError(f"Brief incomplet : il manque {', '.join(missing)}.")
        return brief["market"], tuple(brief["ages"]), list(brief["objectives"]), float(brief.get("hours_per_week", 4))
    raise LearnerInputError("Un profil d'entreprise ou un brief (dictionnaire market, ages, objectives) était attendu.")


def _choice(networks) -> list[str]:
    if isinstance(networks, str):
        networks = [networks]
    if not isinstance(networks, list | tuple) or not networks:
        raise LearnerInputError("Une liste de 1 à 3 réseaux était attendue, par exemple [\"instagram\", \"facebook\"].")
    ids = list(dict.fromkeys(get_network(n).id for n in networks))
    if len(ids) > 3:
        raise LearnerInputError(f"{len(ids)} réseaux choisis : 3 au plus, pour rester réaliste avec le temps disponible.")
    return ids


@check("C1.1", "Réseaux adaptés à l'activité et à la cible", 2)
def check_network_choice(networks, brief, *, result):
    """1 pt when every chosen network fits the brief, 1 pt when one of the two best-ranked is chosen."""
    ids = _choice(networks)
    ranked = rank_networks(*_brief(brief))
    by_id = {r.network.id: r for r in ranked}
    unfit = [by_id[i] for i in ids if not by_id[i].fits]
    result.add(not unfit, 1, f"Chaque réseau choisi est adapté à la cible ({', '.join(NETWORKS[i].name for i in ids)}).",
               "Réseau(x) mal adapté(s) : " + " ".join(
                   f"{r.network.name} ({fr_value(r.score)}/100) — {' '.join(r.warnings) or 'score sous ' + format(FIT_THRESHOLD, 'g')}"
                   for r in unfit))
    top = [r.network for r in ranked[:2]]
    result.add(any(n.id in ids for n in top), 1,
               "Votre choix comprend l'un des deux réseaux les mieux adaptés à ce brief.",
               f"Aucun des deux réseaux les mieux adaptés n'est retenu : pensez à {top[0].name} ou {top[1].name}.")
    for r in ranked[:3]:
        result.note(f"{r.network.name} : {fr_value(r.score)}/100. " + " ".join(r.reasons))


# -- the professional page ----------------------------------------------------------------------------------
def _page(page) -> dict:
    if hasattr(page, "state") and isinstance(page.state, dict):
        page = page.state
    if not isinstance(page, dict):
        raise LearnerInputError("Une page (dictionnaire produit par l'éditeur de page) était attendue.")
    if "network" not in page:
        raise LearnerInputError("La page ne dit pas sur quel réseau elle est créée (clé « network »).")
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
                  "Choisissez une catégorie de page (par exemple « Boulangerie »)."))
    description = str(page.get("description", "")).strip()
    bio_limit = prof.bio_limit or 150
    items.append((30 <= len(description) <= bio_limit, 0.5,
                  f"{prof.bio_label.capitalize()} de {len(description)} caractères (limite {bio_limit}).",
                  f"{prof.bio_label.capitalize()} : entre 30 et {bio_limit} caractères attendus (reçu {len(description)})."))
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
                      f" ; attendu {placement.width}×{placement.height} px)."))
    cta = str(page.get("cta", "")).strip()
    if "bouton_action" in prof.features:
        items.append((cta in CTA_LABELS, 0.5, f"Bouton d'action « {cta} ».",
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
                      "Commerce local : indiquez l'adresse" + (" et les horaires" if "horaires" in prof.features else "") + "."))
    pinned = str(page.get("pinned_post", "")).strip() or page.get("highlights")
    items.append((bool(pinned), 0.5, "Publication épinglée ou stories à la une prévues.",
                  "Épinglez une publication de présentation (ou créez des stories à la une)."))
    # optimisation: findable and consistent
    if company is not None:
        keywords = [company.city] + [w for w in re.findall(r"[\wÀ-ÿ]{5,}", company.sector)]
        found = [k for k in keywords if ascii_key(k) and ascii_key(k) in ascii_key(description)]
        items.append((len(found) >= 2, 0.5, f"Description optimisée : mots-clés trouvés ({', '.join(found)}).",
                      f"Optimisez la description : citez l'activité et la ville ({', '.join(keywords[:3])})."))
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
    result.note(f"Réseau : {net.name} ({net.page.kind}).")


@check("C1.2", "Modification de la page et analyse des résultats", 2)
def check_page_management(page, *, result):
    """1 pt for at least one recorded edit after creation, 1 pt for three indicators from two families."""
    page = _page(page)
    edits = page.get("modifications") or []
    if not isinstance(edits, list):
        raise LearnerInputError("L'historique des modifications doit être une liste.")
    result.add(len(edits) >= 1, 1, f"La page a été modifiée ({len(edits)} modification(s) enregistrée(s)).",
               "Aucune modification enregistrée : modifiez la page (description, bouton…) avec l'éditeur.")
    chosen = [str(i).strip().lower() for i in (page.get("indicators") or [])]
    known = [i for i in chosen if i in INDICATORS]
    families = {INDICATORS[i] for i in known}
    net = get_network(page["network"])
    result.add(len(known) >= 3 and len(families) >= 2, 1,
               f"Indicateurs suivis dans {net.page.analytics} : {', '.join(known)}.",
               f"Choisissez au moins 3 indicateurs de deux familles (audience, engagement, conversion…) à suivre dans "
               f"{net.page.analytics} ({len(known)} reconnu(s)).")
