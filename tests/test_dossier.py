"""The jury dossier (``autograder.trainer.dossier``): 30-minute plan, reveal.js slides, pre-filled jury grid."""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys

import pytest

from autograder import referentiel
from autograder.presentation import TIMING_PLAN, schedule
from autograder.trainer.course import CourseError
from autograder.trainer.dossier import (
    build_dossier,
    dossier_html,
    print_pdf,
    slides_notebook,
)
from autograder.trainer.report import CriterionGrade, Evidence, LearnerGrid


def _grid() -> LearnerGrid:
    grid = LearnerGrid("alice", {c.id: CriterionGrade(c.id) for c in referentiel.CRITERIA})
    g = grid.criteria["C7.4"]
    g.evidence.append(Evidence("c7_campagne", "c7_campagne", "c7_4_cpc", 1.0, 3.0, True,
                               ["Le coût par clic sur lien est faux."]))
    g.points, g.possible = 1.0, 3.0
    grid.criteria["C5.3"].points = grid.criteria["C5.3"].possible = 2.0
    return grid


def test_timing_plan_fills_the_30_minutes_and_covers_the_7_elements():
    assert sum(p.minutes for p in TIMING_PLAN) == 30
    assert sorted(p.element for p in TIMING_PLAN if p.element is not None) == list(range(7))
    covered = {c for p in TIMING_PLAN for c in p.competencies}
    assert covered == {c.id for c in referentiel.COMPETENCIES}
    rows = schedule()
    assert rows[0][0] == "00:00" and rows[-1][1] == "30:00"
    assert all(a[1] == b[0] for a, b in zip(rows, rows[1:], strict=False))


def test_slides_follow_the_plan_with_timing_in_speaker_notes():
    nb = slides_notebook("alice", _grid(), "La Fournée de Léa")
    kinds = [c.metadata["slideshow"]["slide_type"] for c in nb.cells]
    live_steps = sum(1 for p in TIMING_PLAN if p.element is not None)
    # title, timing, one slide per part, one plan B per live step, questions: each with its speaker notes
    assert kinds.count("slide") == kinds.count("notes") == 2 + len(TIMING_PLAN) + live_steps + 1
    assert sum(c.source.startswith("## Plan B — ") for c in nb.cells) == live_steps == 7
    text = "\n".join(c.source for c in nb.cells)
    assert "C7.4 — non acquis (1 / 3) — à préparer : Le coût par clic sur lien est faux." in text
    assert "Minutage : 4 min (de 26:00 à 30:00)" not in text  # the last part is the 1-minute conclusion
    assert "Minutage : 1 min (de 29:00 à 30:00)" in text


def test_jury_grid_has_the_24_criteria_prefilled_and_room_for_the_jury():
    page = dossier_html("alice", _grid(), "La Fournée de Léa")
    assert len(re.findall(r"<tr><th scope='row'>C\d\.\d</th>", page)) == 24
    assert page.count("☐ acquis") == 24
    assert "c7_campagne › c7_4_cpc (vérification automatique) : 1 / 3" in page
    assert "À revoir : Le coût par clic sur lien est faux." in page
    for element in referentiel.JURY_ELEMENTS:
        assert element.rstrip(",;").replace("'", "&#x27;") in page


@pytest.mark.slow
def test_dossier_command_builds_slides_and_printable_page(course_copy):
    (course_copy / "submitted" / "alice" / "c7_campagne").mkdir(parents=True)
    proc = subprocess.run([sys.executable, "-m", "autograder", "dossier", "alice"], cwd=course_copy,
                          capture_output=True, text=True, env={**os.environ, "NBGRADER_DB_URL": ""})
    assert proc.returncode == 0, proc.stderr
    folder = course_copy / "reports" / "dossiers" / "alice"
    slides = (folder / "presentation.slides.html").read_text(encoding="utf-8")
    assert "reveal" in slides.lower() and "Déroulé (30 minutes)" in slides
    assert "Grille du jury" in (folder / "dossier.html").read_text(encoding="utf-8")


def test_unknown_learner_gets_a_french_error(course_copy, monkeypatch):
    monkeypatch.setenv("NBGRADER_DB_URL", "")
    monkeypatch.setenv("PATH", os.path.dirname(sys.executable) + os.pathsep + os.environ["PATH"])
    with pytest.raises(CourseError, match="Apprenant inconnu"):
        build_dossier(course_copy, "personne")


@pytest.mark.slow
def test_printable_dossier_prints_to_pdf_with_chromium(tmp_path):
    if not shutil.which("chromium"):
        pytest.skip("Chromium absent : make system-deps l'installe")
    page = tmp_path / "dossier.html"
    page.write_text(dossier_html("alice", _grid(), "La Fournée de Léa"), encoding="utf-8")
    pdf = print_pdf(page)
    assert pdf.read_bytes().startswith(b"%PDF") and pdf.stat().st_size > 10_000
