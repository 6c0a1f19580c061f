"""The 30-minute presentation to the jury: the timing plan of its parts, in the order of the référentiel.

The référentiel asks for a live presentation (« Durée de la présentation 30min ») that shows 7 elements
(:data:`autograder.referentiel.JURY_ELEMENTS`); the jury's questions come after. :data:`TIMING_PLAN` gives each
part its minutes, the element and competencies it shows, and what to show; :func:`schedule` gives the start
and end of each part. Lesson 08 rehearses with it, and the trainer's jury dossier
(``autograder.trainer.dossier``) prints it.
"""

from __future__ import annotations

import io
from collections.abc import Mapping
from dataclasses import dataclass

from autograder import referentiel
from autograder.numbers import fr_value


@dataclass(frozen=True)
class Part:
    """One part of the presentation: its French title, its minutes, what it shows and how."""

    title: str
    minutes: int
    element: int | None  # index in referentiel.JURY_ELEMENTS, or None (introduction, conclusion)
    competencies: tuple[str, ...]
    advice: str


TIMING_PLAN: tuple[Part, ...] = (
    Part("Introduction : l'entreprise, sa cible, ses objectifs", 2, None, (),
         "Présentez l'entreprise en une phrase, sa cible et les objectifs de communication qui guident vos choix."),
    Part("La page professionnelle et ses fonctionnalités", 4, 0, ("C1",),
         "Montrez la page en direct : pourquoi ce réseau, la page optimisée, une modification, les statistiques."),
    Part("Les visuels mis en place", 4, 1, ("C2",),
         "Deux ou trois visuels variés : le format adapté au réseau, le message, l'identité visuelle, "
         "l'accessibilité (texte alternatif, sous-titres, contrastes)."),
    Part("Le planning des 3 prochains mois", 4, 2, ("C3",),
         "Le rétroplanning : la régularité, les temps forts du calendrier, la diversité des thématiques."),
    Part("Une publication créée", 4, 3, ("C4",),
         "Le brouillon : le visuel, le wording pour la cible, les hashtags argumentés, le format choisi."),
    Part("Un échange au sein de la communauté", 3, 4, ("C6",),
         "Un échange réel ou simulé : une réponse à un commentaire, une modération, une animation."),
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


#: The least time a part that shows an element of the référentiel may get: the jury must see each one.
MIN_ELEMENT_MINUTES = 2
OKABE_ITO = ("#E69F00", "#56B4E9", "#009E73", "#F0E442", "#0072B2", "#D55E00", "#CC79A7", "#000000")


def _minutes_by_part(minutes: Mapping[str, float] | None) -> list[tuple[Part, float]]:
    given = dict(minutes or {})
    return [(part, float(given.get(part.title, part.minutes if minutes is None else 0))) for part in TIMING_PLAN]


def timing_problems(minutes: Mapping[str, float]) -> list[str]:
    """What keeps a learner's own timing (minutes by part title) from being usable, in French; empty when
    it fills the 30 minutes and gives each element of the référentiel at least 2 minutes."""
    titles = {part.title for part in TIMING_PLAN}
    problems = [f"Partie inconnue « {title} »." for title in minutes if title not in titles]
    rows = _minutes_by_part(minutes)
    total = sum(m for _, m in rows)
    if abs(total - referentiel.PRESENTATION_MINUTES) > 1e-9:
        gap = fr_value(round(abs(total - referentiel.PRESENTATION_MINUTES), 6))
        verb = "retirez" if total > referentiel.PRESENTATION_MINUTES else "ajoutez"
        problems.append(f"Total : {fr_value(round(total, 6))} min. Il faut {referentiel.PRESENTATION_MINUTES} "
                        f"minutes exactement : {verb} {gap} min.")
    short = [part.title for part, m in rows if part.element is not None and m < MIN_ELEMENT_MINUTES]
    if short:
        problems.append(f"Moins de {MIN_ELEMENT_MINUTES} minutes pour : {', '.join(short)}. Le jury doit voir "
                        "chaque élément.")
    return problems


def _short_title(part: Part) -> str:
    return part.title.split(" :")[0]


def timeline_summary(minutes: Mapping[str, float] | None = None) -> str:
    """The French text summary of :func:`timeline_figure`."""
    rows = _minutes_by_part(minutes)
    parts = ", ".join(f"{_short_title(part)} {fr_value(m)} min" for part, m in rows)
    return f"Frise du minutage de la présentation : {parts} ; total {fr_value(sum(m for _, m in rows))} min."


def timeline_figure(minutes: Mapping[str, float] | None = None, *, width: int = 800):
    """The timing plan (or a learner's own ``minutes`` by part title) as a time line, an accessible figure
    (:func:`autograder.figures.png_figure`, alt text and visible caption = :func:`timeline_summary`).
    Okabe-Ito colours only separate the parts; each bar carries its minutes and its name."""
    import matplotlib

    matplotlib.use("Agg", force=False)
    from matplotlib.figure import Figure

    from autograder.figures import png_figure

    rows = _minutes_by_part(minutes)
    total = sum(m for _, m in rows)
    fig = Figure(figsize=(10, 3.2), dpi=80)
    ax = fig.add_subplot()
    start = 0.0
    for i, (part, length) in enumerate(rows):
        colour = OKABE_ITO[i % len(OKABE_ITO)]
        ax.barh(0, length, left=start, color=colour, edgecolor="#000000")
        if length:
            ink = "#ffffff" if colour in ("#0072B2", "#000000", "#D55E00") else "#000000"
            ax.text(start + length / 2, 0, f"{fr_value(length)} min", ha="center", va="center", color=ink)
            ax.text(start + length / 2, 0.5 + 0.25 * (i % 2), _short_title(part)[:22], ha="center", fontsize=7)
        start += length
    ax.set_xlim(0, max(total, referentiel.PRESENTATION_MINUTES))
    ax.set_ylim(-0.6, 1.1)
    ax.set_yticks([])
    ax.set_xlabel("minutes depuis le début de la présentation")
    ax.set_title(f"Minutage de la présentation ({referentiel.PRESENTATION_MINUTES} minutes)")
    buffer = io.BytesIO()
    fig.savefig(buffer, format="png", bbox_inches="tight")
    summary = timeline_summary(minutes)
    return png_figure(buffer.getvalue(), alt=summary, width=width, caption=summary)
