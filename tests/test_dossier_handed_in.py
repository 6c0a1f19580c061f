"""The jury dossier built from what the learner handed in: evidence, screenshots (plan B), rehearsals, mock jury."""

from __future__ import annotations

import html
import json

import pytest
from dossier_support import ALT, write_submission

from autograder.trainer import dossier
from autograder.trainer.course import CourseError
from autograder.typography import plain_spaces


def test_handed_in_files_feed_slides_plan_b_and_printable_page(tmp_path):
    handed = dossier.read_handed_in(write_submission(tmp_path / "certification"))
    assert [e.criterion for e in handed.evidence] == ["C1.1", "C5.3"] and not handed.problems
    slides = dossier.build_slides("alice", None, "La Fournée de Léa", handed)
    plan_b = {s.title.removeprefix("Plan B — "): s for s in slides if s.title.startswith("Plan B — ")}
    mbs = plan_b["La pratique de Meta Business Suite"]
    assert mbs.images == [("images/a1b2c3d4.png", ALT)] and mbs.notes.startswith("Plan B")
    assert "Aucune capture" in plan_b["Une campagne sponsorisée"].paragraphs[0]
    assert all(s.notes for s in slides)
    deck = dossier.slides_html("alice", slides)
    assert deck.count('<aside class="notes">') == len(slides)
    assert 'src="reveal.js/reveal.js"' in deck and "https://" not in deck.split("<div class=\"reveal\">")[0]
    assert f'alt="{ALT}"'.replace("'", "&#x27;") in deck
    # the caption says where the screenshot comes from; what it shows is said once, by its alt text
    assert "<figcaption>C5.3 · capture d&#x27;écran · 30/11/2026 · stats.png" in deck
    assert "<figcaption>" + ALT.replace("'", "&#x27;") not in deck
    page = dossier.dossier_html("alice", None, "La Fournée de Léa", handed)
    assert "C5.3 · capture d&#x27;écran · 30/11/2026 · stats.png" in page
    assert "Une campagne sponsorisée (+1 min 35 s)" in page  # the rehearsal log, summarised
    assert "Jury blanc : en cours — Formule dite, calcul juste mais hésitant." in page
    assert "Camille Martin (le formateur ou la formatrice), le 02/12/2026" in page


def test_nothing_handed_in_gives_an_empty_but_usable_dossier(tmp_path):
    handed = dossier.read_handed_in(tmp_path / "absent")
    page = dossier.dossier_html("alice", None, "La Fournée de Léa", handed)
    assert "Aucune preuve enregistrée" in page and "Aucune répétition enregistrée" in page
    slides = dossier.build_slides("alice", None, "La Fournée de Léa", handed)
    assert all(not s.images for s in slides)


def test_a_broken_rehearsal_log_is_named_not_fatal(tmp_path):
    folder = write_submission(tmp_path / "certification")
    (folder / "repetitions.json").write_text(json.dumps({"rehearsals": [{"date": "hier", "seconds": {}}]}),
                                             encoding="utf-8")
    handed = dossier.read_handed_in(folder)
    assert handed.rehearsals == [] and "date de répétition illisible" in handed.problems[0]
    (folder / "repetitions.json").write_text("{pas du json", encoding="utf-8")
    assert "JSON valide" in dossier.read_handed_in(folder).problems[0]


def test_reveal_is_copied_next_to_the_slides_or_a_french_error(tmp_path, monkeypatch):
    target = tmp_path / "sortie"
    folder = dossier.copy_reveal(target)
    assert sorted(p.name for p in folder.iterdir()) == sorted(dossier.REVEAL_FILES.values())
    assert "Reveal" in (folder / "reveal.js").read_text(encoding="utf-8")[:5000]
    monkeypatch.setattr(dossier, "find_reveal", lambda root=None: None)
    with pytest.raises(CourseError, match="npm ci"):
        dossier.copy_reveal(tmp_path / "autre")


@pytest.mark.slow
def test_work_done_in_the_widgets_reaches_the_dossier(course_copy):
    """An evidence screenshot with its alt text (the evidence recorder's model), a rehearsal (the timer of lesson 08)
    and a mock-jury grid, handed in with the mock certification, are found in the slides and the printable page."""
    import datetime as dt
    import os
    import subprocess
    import sys

    from dossier_support import png_bytes

    from autograder.evidence import EVIDENCE_FOLDER
    from autograder.presentation import TIMING_PLAN
    from autograder.widgets.evidence import EvidenceModel
    from autograder.widgets.mock_jury import MockJuryGrid
    from autograder.widgets.rehearsal import RehearsalTimerWidget

    handed = course_copy / "submitted" / "alice" / "certification"
    alt = "Planificateur de Meta Business Suite : la galette programmée le 6 janvier à 8 h"
    EvidenceModel(handed / EVIDENCE_FOLDER, today=dt.date(2026, 12, 7)).add(
        "C5.1", screenshot=("planificateur.png", png_bytes((230, 159, 0))), alt_text=alt, date="05/12/2026")
    now = [0.0]
    timer = RehearsalTimerWidget(handed / "repetitions.json", clock=lambda: now[0],
                                 now=lambda: dt.datetime(2026, 12, 6, 17, 45))
    timer._start.click()
    for part in TIMING_PLAN:
        now[0] += 60 * part.minutes + (75 if part is TIMING_PLAN[1] else 0)
        timer._next.click()
    timer._finish.click()
    jury = MockJuryGrid(handed / "jury_blanc.json")
    jury._observer.value, jury._levels["C5.1"].value = "Yanis", "acquis"
    jury._save.click()
    proc = subprocess.run([sys.executable, "-m", "autograder", "dossier", "alice"], cwd=course_copy,
                          capture_output=True, text=True, env={**os.environ, "NBGRADER_DB_URL": ""}, timeout=300)
    assert proc.returncode == 0, proc.stderr
    out = course_copy / "reports" / "dossiers" / "alice"
    page = (out / "dossier.html").read_text(encoding="utf-8")
    slides = (out / "presentation.slides.html").read_text(encoding="utf-8")
    image = next((out / "images").iterdir())
    assert image.read_bytes() == next((handed / EVIDENCE_FOLDER).glob("*.png")).read_bytes()
    assert f'src="images/{image.name}" alt="{alt}"' in page and f'src="images/{image.name}" alt="{alt}"' in slides
    assert "06/12/2026 à 17:45 : 31 min 15 s au total ; trop long : La page professionnelle et ses fonctionnalités (+1 min 15 s)." in page
    assert "Jury blanc : acquis" in page and "Yanis (un pair (autre apprenant))" in page
    assert (out / "reveal.js" / "reveal.js").is_file()


def test_the_flash_cards_ratings_name_the_criteria_to_work_on(tmp_path):
    from autograder import jury_questions as jq

    folder = write_submission(tmp_path / "certification")
    assert "Aucune fiche notée" in dossier.dossier_html("alice", None, "La Fournée", dossier.read_handed_in(folder))
    questions = jq.load_questions()
    c53 = [q for q in questions if "C5.3" in q.criteria]
    known = next(q for q in questions if "C5.3" not in q.criteria)
    state: dict = {}
    for q in c53[:2]:
        jq.rate(state, q.id, jq.UNKNOWN)
    jq.rate(state, known.id, jq.KNOWN)
    (folder / jq.RATINGS_FILE).write_text(json.dumps(state), encoding="utf-8")
    handed = dossier.read_handed_in(folder)
    assert not handed.problems
    page = plain_spaces(html.unescape(dossier.dossier_html("alice", None, "La Fournée", handed)))
    assert f"Sur {len(questions)} question(s) : 1 « Je sais », 0 « À revoir », 2 « Je ne sais pas »" in page
    assert "À retravailler avant le jury : C5.3 (2 questions)" in page
    (folder / jq.RATINGS_FILE).write_text(json.dumps({"ratings": {c53[0].id: {"rating": "bof"}}}), encoding="utf-8")
    assert "Fiches des questions du jury inutilisables" in dossier.read_handed_in(folder).problems[0]
    (folder / jq.RATINGS_FILE).write_text("{pas du json", encoding="utf-8")
    assert "JSON valide" in dossier.read_handed_in(folder).problems[0]
