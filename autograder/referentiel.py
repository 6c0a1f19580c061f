"""The référentiel of the certification: 7 competencies, 24 evaluation criteria, the jury modalities.

Every French text here is quoted exactly from the référentiel (``data/referentiel_source.txt``, a copy
of the seed the project was created from); ``tests/test_referentiel.py`` checks it word for word.
This module is the single source of truth for criterion ids (``C1.1`` … ``C7.4``).
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from autograder.text import UnknownName

TITLE = "Gérer la communication digitale d'une entreprise via les réseaux sociaux"
CERTIFIER = "ALLOKOM"


@dataclass(frozen=True)
class Criterion:
    id: str  # "C5.3"
    competency: str  # "C5"
    text: str  # the référentiel's own words

    @property
    def grade_prefix(self) -> str:
        """Prefix of every nbgrader grade_id that scores this criterion (``c5_3_``)."""
        return self.id.lower().replace(".", "_") + "_"


@dataclass(frozen=True)
class Competency:
    id: str  # "C5"
    text: str  # the competency as worded in the référentiel
    lead: str  # the sentence that introduces its criteria ("Le candidat …")
    short: str  # a short French title for menus and tables (ours, not the référentiel's)
    criteria: tuple[Criterion, ...]


def _competency(cid: str, text: str, lead: str, short: str, criteria: list[str]) -> Competency:
    return Competency(
        cid, text, lead, short,
        tuple(Criterion(f"{cid}.{i}", cid, t) for i, t in enumerate(criteria, start=1)),
    )


COMPETENCIES: tuple[Competency, ...] = (
    _competency(
        "C1",
        "Utiliser les bons réseaux sociaux selon les objectifs et la cible définis, en exploitant toutes leurs "
        "fonctionnalités afin de permettre la réussite d'une stratégie social media de l'entreprise",
        "Le candidat crée une page professionnelle :",
        "Choisir ses réseaux et créer une page professionnelle",
        [
            "Le réseau social choisi est adapté à l'activité de l'entreprise et la cible commerciale visée,",
            "Les fonctions d'optimisation de page, de modification de page, d'analyse des résultats sont utilisées,",
            "L'utilisation des fonctionnalités de l'application du réseau social choisi est fluide.",
        ],
    ),
    _competency(
        "C2",
        "Mettre en place des visuels adaptés aux critères du réseau social choisi pour leur diffusion en "
        "intégrant des solutions inclusives, afin de créer un contenu optimal permettant de croître la "
        "visibilité de l'entreprise accessible à tous",
        "Le candidat met en place des visuels pour accompagner ses publications :",
        "Des visuels adaptés et inclusifs",
        [
            "Les visuels choisis sont adaptés à l'algorithme du réseau social,",
            "Les visuels sont diversifiés et argumentés par rapport aux publications,",
            "Les visuels doivent comprendre du texte, des images libres de droit, un message précis et le "
            "respect de l'identité visuelle,",
            "Les visuels sont inclusifs pour tenir compte d'éventuelles situation de handicap (audiodescription, "
            "sous-titrage, adaptation des couleurs et caractères...)",
        ],
    ),
    _competency(
        "C3",
        "Elaborer un plan social media en créant sa ligne éditoriale, à partir de différents thématiques de "
        "publications afin de répondre à la demande de la communauté des réseaux sociaux utilisés",
        "Le candidat élabore un plan social media pour les 3 prochains mois :",
        "Un plan social media sur 3 mois",
        [
            "Le retroplanning présenté prévoit une régularité des publications,",
            "Les futures dates de diffusion doivent tenir compte du calendrier d'activité de community management,",
            "Les thématiques des publications doivent être diverses (Présentation produit/service, offres, "
            "nouveautés, actualités ...),",
        ],
    ),
    _competency(
        "C4",
        "Créer des publications professionnelles et des contenus en adaptant le format de diffusion, le visuel "
        "et en rédigeant le wording afin de pérenniser la visibilité de l'entreprise avec les réseaux sociaux",
        "Le candidat crée une publication dans le brouillon du réseau social :",
        "Des publications professionnelles",
        [
            "L'élément visuel intégré est adapté à la publication,",
            "Le wording utilisé est adapté à la cible et aux produits de l'entreprise,",
            "Le choix des hashtags est argumenté et diversifié,",
            "Les formats des contenus doivent être variés (Publication, Story, Réels etc...).",
        ],
    ),
    _competency(
        "C5",
        "Optimiser la gestion des pages professionnelles Facebook et Instagram en utilisant l'outil 2.0 « Meta "
        "Business Suite » afin de rendre plus efficiente sa communication sur les réseaux sociaux",
        "Le candidat maîtrise l'outil Meta Business Suite pour optimiser sa gestion des pages professionnelles :",
        "Meta Business Suite",
        [
            "La diffusion des publications créées est programmée est juste,",
            "La communauté est correctement analysée selon des indicateurs précis : âge, sexe, localisation...",
            "Le calcul du taux d'engagement est juste,",
            "La gestion des messages privés et commentaires publics est efficace",
        ],
    ),
    _competency(
        "C6",
        "Animer le compte social professionnel à travers de la modération des échanges, des commentaires et des "
        "messages afin de gérer efficacement la e-réputation de l'entreprise.",
        "Le candidat gère les échanges au sein de sa page :",
        "Animer et modérer la communauté",
        [
            "Des échanges de like, de story... sont réalisés et partagés dans des groupes",
            "Les interactions au sein de la communauté sont modérées et encouragées",
        ],
    ),
    _competency(
        "C7",
        "Créer une campagne sponsorisée en définissant son objectif, l'audience visée et le message à transmettre "
        "afin d'améliorer le résultat de la campagne",
        "Le candidat crée une campagne sponsorisée :",
        "Une campagne sponsorisée",
        [
            "Le format de diffusion doit être choisi en fonction de la cible visée, de l'objectif et du message à "
            "transmettre,",
            "L'impact en termes de clic, achat, notoriété est prévu,",
            "Le budget est défini en adéquation avec l'impact prévu,",
            "Le coût par clic est calculé et juste,",
        ],
    ),
)

CRITERIA: tuple[Criterion, ...] = tuple(cr for comp in COMPETENCIES for cr in comp.criteria)
_BY_ID = {cr.id: cr for cr in CRITERIA} | {comp.id: comp for comp in COMPETENCIES}

#: What the candidate presents live to the jury (modalité : mise en situation réelle).
MODALITE = (
    "Mise en situation réelle A partir du cas de son entreprise, chaque candidat doit présenter en direct au jury :"
)
JURY_ELEMENTS: tuple[str, ...] = (
    "La page professionnelle créée sur un réseau social de son choix et les fonctionnalités de l'application,",
    "Les visuels mis en place,",
    "Un planning de publications pour les 3 mois à venir,",
    "Une publication créée ;",
    "Un échange au sein de la communauté de l'entreprise,",
    "Une campagne sponsorisée,",
    "La pratique de la solution Meta Suite Business notamment : La programmation de diffusion des contenus, "
    "l'analyse de la communauté, la mesure du taux d'engagement, la gestion de l'espace dédié aux messages",
)
DUREE_PRESENTATION = "Durée de la présentation 30min"
QUESTIONS_JURY = (
    "A l'issue de la présentation, le jury peut poser des questions pour éclaircir des points de la "
    "présentation, si nécessaire"
)
PRESENTATION_MINUTES = 30

_GRADE_ID = re.compile(r"^c([1-7])_([1-9])_")


def criterion(cid: str) -> Criterion:
    """The criterion ``cid`` (``"C5.3"``); a French ``KeyError`` message for an unknown id."""
    found = _BY_ID.get(str(cid).upper())
    if not isinstance(found, Criterion):
        raise UnknownName(f"Critère inconnu : {cid!r}. Attendu un identifiant de C1.1 à C7.4, par exemple « C5.3 ».")
    return found


def competency(cid: str) -> Competency:
    """The competency ``cid`` (``"C5"``)."""
    found = _BY_ID.get(str(cid).upper())
    if not isinstance(found, Competency):
        raise UnknownName(f"Compétence inconnue : {cid!r}. Attendu C1 à C7.")
    return found


def criterion_for_grade_id(grade_id: str) -> Criterion | None:
    """The criterion an nbgrader ``grade_id`` scores (``"c5_3_taux"`` → C5.3), or None when it names none."""
    match = _GRADE_ID.match(str(grade_id))
    if not match:
        return None
    return _BY_ID.get(f"C{match.group(1)}.{match.group(2)}")  # type: ignore[return-value]


def criterion_order(cid: str) -> tuple[int, int]:
    """Sort key of a criterion id: ``C1.2`` before ``C1.10`` and ``C2.1``."""
    a, b = cid[1:].split(".")
    return int(a), int(b)
