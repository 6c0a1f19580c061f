"""The 30-minute presentation to the jury: the timing plan of its parts, in the order of the référentiel.

The référentiel asks for a live presentation (« Durée de la présentation 30min ») that shows 7 elements
(:data:`autograder.referentiel.JURY_ELEMENTS`); the jury's questions come after. :data:`TIMING_PLAN` gives each
part its minutes, the element and competencies it shows, and what to show; :func:`schedule` gives the start
and end of each part. Lesson 08 rehearses with it, and the trainer's jury dossier
(``autograder.trainer.dossier``) prints it.
"""

from __future__ import annotations

from dataclasses import dataclass

from autograder import referentiel


@dataclass(frozen=True)
class Part:
    """One part of the presentation: its French title, its minutes, what it shows and how."""

    title: str
    minutes: int
    element: int | None  # index in referentiel.JURY_ELEMENTS, or None (introduction, conclusion)
    competencies: tuple[str, ...]
    advice: str


TIMING_PLAN: tuple[Part, ...] = (
    Part("Introduction : l'entreprise, sa cible, ses objectifs", 2, None, (),
         "Présentez l'entreprise en une phrase, sa cible et les objectifs de communication qui guident vos choix."),
    Part("La page professionnelle et ses fonctionnalités", 4, 0, ("C1",),
         "Montrez la page en direct : pourquoi ce réseau, la page optimisée, une modification, les statistiques."),
    Part("Les visuels mis en place", 4, 1, ("C2",),
         "Deux ou trois visuels variés : le format adapté au réseau, le message, l'identité visuelle, "
         "l'accessibilité (texte alternatif, sous-titres, contrastes)."),
    Part("Le planning des 3 prochains mois", 4, 2, ("C3",),
         "Le rétroplanning : la régularité, les temps forts du calendrier, la diversité des thématiques."),
    Part("Une publication créée", 4, 3, ("C4",),
         "Le brouillon : le visuel, le wording pour la cible, les hashtags argumentés, le format choisi."),
    Part("Un échange au sein de la communauté", 3, 4, ("C6",),
         "Un échange réel ou simulé : une réponse à un commentaire, une modération, une animation."),
    Part("Une campagne sponsorisée", 4, 5, ("C7",),
         "L'objectif, l'audience, le format, l'impact prévu, le budget et le coût par clic calculé."),
    Part("La pratique de Meta Business Suite", 4, 6, ("C5",),
         "La programmation d'une publication, l'analyse de la communauté, le taux d'engagement, la messagerie."),
    Part("Conclusion et ouverture", 1, None, (),
         "Ce que vous retenez, ce que vous amélioreriez, et l'invitation aux questions du jury."),
)
assert sum(p.minutes for p in TIMING_PLAN) == referentiel.PRESENTATION_MINUTES


def schedule() -> list[tuple[str, str, Part]]:
    """``(début, fin, partie)`` with times as « mm:ss » from the start of the presentation."""
    rows, start = [], 0
    for part in TIMING_PLAN:
        end = start + part.minutes
        rows.append((f"{start:02d}:00", f"{end:02d}:00", part))
        start = end
    return rows
