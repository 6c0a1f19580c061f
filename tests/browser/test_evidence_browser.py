"""Lessons 00 and 08 in a real browser, then the trainer's dossier: the learner chooses the exam date and records a
piece of evidence with a screenshot (a real file given to the upload button's file chooser) and its alt text; both are
found saved in their files at the course root, and the evidence table shows the entry. In the same JupyterLab, the
learner then rehearses with lesson 08's timer (a short real rehearsal, clicked part by part), which writes its log;
handed in with the mock certification, the screenshot (with its alt text) and the rehearsal are found in the slides
and the printable page of the dossier built by ``python -m autograder dossier``."""

from __future__ import annotations

import datetime as dt
import io
import json
import time

import browser_support as lab_ui
import pytest
from dossier_support import hand_in_course_files, run_dossier

from autograder import evidence as E
from autograder import rehearsal as reh
from autograder import roadmap as R
from autograder.widgets.evidence import criterion_options

pytestmark = [pytest.mark.slow, pytest.mark.browser]

LESSON = "course/00_introduction.ipynb"
REHEARSAL_LESSON = "course/08_mise_en_situation.ipynb"
LEARNER = "camille"
NOTEBOOK = ".jp-NotebookPanel:not(.lm-mod-hidden)"
ALT = "Statistiques de la page : taux d'engagement des publications de février"


def _png() -> bytes:
    from PIL import Image

    buffer = io.BytesIO()
    Image.new("RGB", (320, 200), (0, 114, 178)).save(buffer, format="PNG")
    return buffer.getvalue()


def _wait_for(predicate, timeout: float = 60.0):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        found = predicate()
        if found:
            return found
        time.sleep(0.5)
    return predicate()


def _entries(folder):
    try:
        return json.loads((folder / E.EVIDENCE_FILE).read_text(encoding="utf-8"))["entries"]
    except (OSError, ValueError, KeyError):
        return []


def _rehearsals(log):
    try:
        return json.loads(log.read_text(encoding="utf-8"))["rehearsals"]
    except (OSError, ValueError, KeyError):
        return []


def _open_and_run(page, lab, lesson):
    lab_ui.open_notebook(page, lab, lesson)
    lab_ui.wait_kernel_idle(page)
    lab_ui.run_command(page, "notebook:run-all-cells")
    lab_ui.wait_all_run(page)
    assert lab_ui.problems(page.evaluate(lab_ui.JS_NOTEBOOK_STATE)) == []
    return page.locator(f"{NOTEBOOK} .jp-OutputArea-output")


def test_a_screenshot_with_alt_text_and_a_rehearsal_reach_the_dossier(lab, page, tmp_path):
    entry = _exam_date_and_evidence(lab, page, tmp_path)
    record, waited = _rehearsal(lab, page)
    _dossier(lab, entry, record, waited)


def _exam_date_and_evidence(lab, page, tmp_path) -> dict:
    """Lesson 00: the exam date, then a screenshot with its alt text in the evidence record; returns its entry."""
    area = _open_and_run(page, lab, LESSON)
    exam = (dt.date.today() + dt.timedelta(days=100)).isoformat()
    date_field = area.get_by_label("Date de votre certification").first
    date_field.fill(exam)
    date_field.blur()
    roadmap_file = lab.root / R.ROADMAP_FILE
    saved = _wait_for(lambda: roadmap_file.exists() and json.loads(roadmap_file.read_text(encoding="utf-8")))
    assert saved["exam"] == exam
    area.get_by_text("Certification le").first.wait_for()

    folder = lab.root / E.EVIDENCE_FOLDER
    before = len(_entries(folder))
    label = next(text for text, cid in criterion_options() if cid == "C5.3")
    area.get_by_label("Critère", exact=True).first.select_option(label=label)
    lab_ui.wait_kernel_idle(page)
    screenshot = tmp_path / "statistiques.png"
    screenshot.write_bytes(_png())
    # ipywidgets' upload keeps its <input type=file> out of the page: the button opens the file chooser
    with page.expect_file_chooser() as chooser:
        area.locator(".widget-upload", has_text="Choisir une capture").first.click()
    chooser.value.set_files(str(screenshot))
    area.get_by_text("Capture prête").first.wait_for()
    alt = area.get_by_label("Texte alternatif de la capture").first
    alt.fill(ALT)
    alt.blur()
    lab_ui.wait_kernel_idle(page)
    area.get_by_role("button", name="Ajouter la preuve").first.click()
    entries = _wait_for(lambda: [e for e in _entries(folder) if e.get("alt_text") == ALT])
    assert entries, f"preuve absente de {folder / E.EVIDENCE_FILE} ({len(_entries(folder))} preuves, {before} avant)"
    entry = entries[0]
    assert entry["criterion"] == "C5.3" and entry["kind"] == "capture" and entry["original"] == "statistiques.png"
    assert (folder / entry["file"]).read_bytes() == _png()
    loaded = [e for e in E.load_evidence(folder) if e.id == entry["id"]]
    assert loaded and loaded[0].screenshot_ok
    area.get_by_text("Preuve enregistrée pour C5.3").first.wait_for()
    area.locator("table", has_text="statistiques.png").first.wait_for()  # the evidence table shows it
    assert lab_ui.problems(page.evaluate(lab_ui.JS_NOTEBOOK_STATE)) == []
    return entry


def _rehearsal(lab, page) -> tuple[dict, float]:
    """Lesson 08: a short rehearsal clicked part by part (a few seconds on each of the first parts); returns the
    logged record and the seconds the test waited between clicks (a lower bound of the rehearsal's time)."""
    area = _open_and_run(page, lab, REHEARSAL_LESSON)
    log = lab.root / "course" / reh.REHEARSAL_FILE
    before = len(_rehearsals(log))
    timer = area.filter(has_text="Chronomètre de répétition").first
    timer.get_by_role("button", name="Démarrer", exact=True).click()
    timer.get_by_text("Répétition démarrée\u00a0: présentez à voix haute.").first.wait_for()
    waited, parts = 0.0, 4
    for i in range(1, parts):
        time.sleep(1.5)
        waited += 1.5
        timer.get_by_role("button", name="Partie suivante", exact=True).click()
        timer.get_by_text(f"Partie en cours\u00a0: {reh.TITLES[i]}.").first.wait_for()
    time.sleep(1.5)
    waited += 1.5
    started = dt.datetime.now().replace(second=0, microsecond=0)
    timer.get_by_role("button", name="Terminer", exact=True).click()
    timer.get_by_text("Répétition enregistrée\u00a0:").first.wait_for()
    rehearsals = _wait_for(lambda: _rehearsals(log)[before:])
    assert len(rehearsals) == 1, rehearsals
    record = rehearsals[0]
    assert list(record["seconds"]) == list(reh.TITLES[:parts])
    assert all(seconds >= 1.5 for seconds in record["seconds"].values()), record
    assert started <= dt.datetime.fromisoformat(record["date"]) <= dt.datetime.now()
    timer.get_by_text(f"{before + 1} répétition(s) enregistrée(s)").first.wait_for()  # the log under the buttons
    assert lab_ui.problems(page.evaluate(lab_ui.JS_NOTEBOOK_STATE)) == []
    return record, waited


def _dossier(lab, entry: dict, record: dict, waited: float) -> None:
    """The learner's files handed in with the mock certification, the trainer builds the dossier: the screenshot is
    copied next to the slides and shown with its alt text, the rehearsal's date and durations are summarised."""
    handed, lines = hand_in_course_files(lab.root, LEARNER)
    assert "Journal des répétitions (\u00ab\u00a0repetitions.json\u00a0\u00bb) copié." in lines, lines
    assert any("nouvelle(s) preuve(s) copiée(s)" in line for line in lines), lines
    assert _rehearsals(handed / reh.REHEARSAL_FILE)[-1] == record
    out = run_dossier(lab.root, LEARNER)
    page = (out / "dossier.html").read_text(encoding="utf-8")
    slides = (out / "presentation.slides.html").read_text(encoding="utf-8")
    images = [p for p in (out / "images").iterdir() if p.read_bytes() == _png()]
    assert len(images) == 1, sorted(p.name for p in (out / "images").iterdir())
    alt = ALT.replace("'", "&#x27;")
    assert f'<img src="images/{images[0].name}" alt="{alt}">' in page
    assert f'<img src="images/{images[0].name}" alt="{alt}">' in slides
    when = dt.datetime.fromisoformat(record["date"])
    total = sum(record["seconds"].values())
    assert waited <= total < waited + 120, (waited, record)
    line = f"{when:%d/%m/%Y à %H:%M}\u00a0: {reh.mmss(total)} au total\u202f; aucune partie ne dépasse son temps."
    assert f"<p>- {line}</p>" in page  # the printable page's rehearsal log
    assert f"Dernière répétition chronométrée\u00a0: {line}" in slides  # the speaker notes of the timing slide
    assert entry["original"] in page and "Aucune preuve enregistrée" not in page
