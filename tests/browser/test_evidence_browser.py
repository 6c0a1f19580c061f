"""Lesson 00 in a real browser: the learner chooses the exam date, then records a piece of evidence with a
screenshot (a real file given to the upload button's file chooser) and its alt text; both are found saved in their files
at the course root, and the evidence table shows the entry."""

from __future__ import annotations

import datetime as dt
import io
import json
import time

import browser_support as lab_ui
import pytest

from autograder import evidence as E
from autograder import roadmap as R
from autograder.widgets.evidence import criterion_options

pytestmark = [pytest.mark.slow, pytest.mark.browser]

LESSON = "course/00_introduction.ipynb"
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


@pytest.fixture
def page(browser):
    context = browser.new_context(viewport={"width": 1400, "height": 1000}, locale="fr-FR")
    context.set_default_timeout(120_000)
    page = context.new_page()
    yield page
    context.close()


def test_exam_date_and_a_screenshot_with_alt_text_are_saved(lab, page, tmp_path):
    lab_ui.open_notebook(page, lab, LESSON)
    lab_ui.wait_kernel_idle(page)
    lab_ui.run_command(page, "notebook:run-all-cells")
    lab_ui.wait_all_run(page)
    assert lab_ui.problems(page.evaluate(lab_ui.JS_NOTEBOOK_STATE)) == []
    area = page.locator(f"{NOTEBOOK} .jp-OutputArea-output")

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
