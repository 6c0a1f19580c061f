"""Modules C1 and C2: widget updates (target ≤ 100 ms median) and PNG rendering (target ≤ 300 ms median)."""

from __future__ import annotations

import itertools
import tempfile
from pathlib import Path

from autograder import visuals
from autograder.company import CASE_COMPANY
from autograder.networks import rank_for_company
from autograder.widgets.network_advisor import NetworkAdvisor
from autograder.widgets.page_editor import PageEditor
from autograder.widgets.visual_studio import VisualStudio


def _toggle(control, values):
    cycle = itertools.cycle(values)
    return lambda: setattr(control, "value", next(cycle))


def run(bench):
    with tempfile.TemporaryDirectory(prefix="bench-c1c2-") as tmp:
        folder = Path(tmp)
        bench.time("C1 classement des réseaux (domaine)", lambda: rank_for_company(CASE_COMPANY), repeat=50)

        advisor = NetworkAdvisor(folder / "choix.json", company=CASE_COMPANY)
        advisor._load.click()
        bench.time("C1 conseiller : changer les réseaux retenus",
                   _toggle(advisor._chosen, [("facebook",), ("facebook", "instagram")]), target_ms=100)

        editor = PageEditor(folder / "page.json", company=CASE_COMPANY)
        editor._fill.click()
        editor._images.click()
        bench.time("C1 éditeur de page : modifier la description",
                   _toggle(editor._fields["description"],
                           ["Boulangerie artisanale à Lyon : pains au levain.",
                            "Boulangerie-pâtisserie artisanale à Lyon Croix-Rousse."]), target_ms=100)

        studio = VisualStudio(folder / "studio.json", company=CASE_COMPANY, folder=folder / "visuels")
        studio._placement.value = "story"
        studio._bg_kind.value = "image"
        studio._band.value = "#FBF4E6"
        bench.time("C2 studio : modifier le titre (story 1080×1920, photo)",
                   _toggle(studio._headline, [f"Fournée n° {i}" for i in range(100)]), target_ms=100,
                   note="titre nouveau à chaque essai : rendu de l'aperçu et vérifications en direct compris")

        spec = dict(studio.model.current, headline="Fournée du jour", body="Pain au levain, sorti du four à 7 h")
        bench.time("C2 rendu et écriture d'un PNG 1080×1920", lambda: visuals.save_visual(spec, folder / "v.png"),
                   target_ms=300, note="PNG + métadonnées, écriture atomique")
