"""The course in a real browser: Debian's Chromium driving a real JupyterLab (Playwright for Python).

For each lesson and exercise notebook: open it, wait for an idle kernel, run all cells, find no error
output, use every widget control like a learner (type, pick, tick, click, keyboard on sliders), check that
the result shows and that the saved state files are valid, take a screenshot, and audit the rendered page
with axe-core. Also: the interface is French, nbgrader's assignment list and formgrader open, and a
learner's submission made in the interface is graded by the trainer with the expected score.
"""

from __future__ import annotations

import getpass
import json
import os
import re
import time
from pathlib import Path

import pytest
from browser_support import (
    AXE,
    CAPTURES,
    CHROMIUM,
    REPO,
    UI_TIMEOUT,
    Lab,
    axe_audit,
    copy_course,
    open_notebook,
    problems,
    run_command,
    wait_all_run,
    wait_kernel_idle,
)
from playwright.sync_api import TimeoutError as PlaywrightTimeout

pytestmark = [pytest.mark.slow, pytest.mark.browser]

NOTEBOOKS = sorted(str(p.relative_to(REPO)) for folder in ("course", "exercises")
                   for p in (REPO / folder).glob("*.ipynb"))
LESSONS = [n for n in NOTEBOOKS if n.startswith("course/")]
AUDITED = NOTEBOOKS  # every lesson and every exercise
# Buttons a learner would not press while trying a widget (they throw work away).
DESTRUCTIVE = re.compile(r"effacer|supprimer|réinitialiser|recommencer|vider|annuler|retirer", re.IGNORECASE)
BLOCKING = ("serious", "critical")  # axe-core impacts that fail a lesson


def _blocking(violations: list[dict]) -> set[str]:
    return {v["id"] for v in violations if v["impact"] in BLOCKING}


@pytest.fixture(scope="module")
def lab(tmp_path_factory):
    """JupyterLab for this module only: stopped as soon as the browser tests are done."""
    if not Path(CHROMIUM).exists():
        pytest.fail(f"Chromium introuvable ({CHROMIUM}) : lancez « make system-deps »")
    root = copy_course(tmp_path_factory.mktemp("navigateur") / "cours")
    server = Lab(root, root.parent / "jupyterlab.log")
    yield server
    server.stop()



@pytest.fixture
def page(browser):
    context = browser.new_context(viewport={"width": 1400, "height": 1000}, locale="fr-FR")
    context.set_default_timeout(UI_TIMEOUT)
    page = context.new_page()
    yield page
    context.close()


def _state_files(folder: Path) -> dict[str, tuple[int, int]]:
    return {p.name: (p.stat().st_mtime_ns, p.stat().st_size) for p in folder.iterdir()
            if p.is_file() and p.suffix in (".json", ".csv", ".png", ".srt", ".ics", ".txt")}


def _outputs(page) -> str:
    return page.locator(".jp-NotebookPanel:visible .jp-OutputArea").all_inner_texts().__str__()


def _visible(locator) -> list:
    """The elements of ``locator`` a learner can reach (hidden tabs and collapsed boxes excluded)."""
    found = []
    for element in locator.all():
        if element.is_visible():
            element.scroll_into_view_if_needed()
            found.append(element)
    return found


def _interact(page) -> list[str]:
    """Use every widget control of the open notebook like a learner; the list of what was done."""
    done: list[str] = []
    area = page.locator(".jp-NotebookPanel:visible .jp-OutputArea-output")
    for field in _visible(area.locator(".jupyter-widgets input[type=text]:not([disabled])")):
        field.fill("Atelier pain au levain samedi #boulangerie")
        field.press("Enter")
        done.append("texte saisi")
    for field in _visible(area.locator(".jupyter-widgets textarea:not([disabled])")):
        field.fill("Bonjour à toutes et à tous ! Nouvelle fournée ce samedi à 8 h, rue de la République.")
        field.blur()
        done.append("texte long saisi")
    for field in _visible(area.locator(".jupyter-widgets input[type=number]:not([disabled])")):
        low = field.get_attribute("min")
        field.fill(str(int(float(low)) + 1) if low else "3")
        field.press("Enter")
        done.append("nombre saisi")
    for field in _visible(area.locator(".jupyter-widgets input[type=date]:not([disabled])")):
        field.fill("2027-03-15")
        field.blur()
        done.append("date choisie")
    for select in _visible(area.locator(".jupyter-widgets select:not([disabled])")):
        options = select.evaluate("(s) => [...s.options].map(o => [o.value, o.textContent])")
        if len(options) > 1:
            try:
                select.select_option(value=options[1][0], timeout=10_000)
            except PlaywrightTimeout:  # an earlier choice re-rendered this list with other options: none to pick
                continue
            done.append(f"choix « {options[1][1].strip()} »")
    for group in _visible(area.locator(".jupyter-widgets .widget-radio-box")):
        radios = group.locator("input[type=radio]:not([disabled])")
        if radios.count() > 1:
            radios.nth(1).check()
            done.append("bouton radio choisi")
    for box in _visible(area.locator(".jupyter-widgets input[type=checkbox]:not([disabled])")):
        box.check()
        done.append("case cochée")
    for slider in _visible(area.locator(".widget-slider [role=slider]")):
        slider.focus()
        slider.press("ArrowRight")
        done.append("curseur au clavier")
    for toggle in _visible(area.locator(".widget-toggle-buttons button:not(.mod-active):not([disabled])"))[:3]:
        toggle.click()
        done.append("bouton à bascule")
    for button in _visible(area.locator("button.jupyter-button:not([disabled]):not(.widget-toggle-button)")):
        label = (button.inner_text() or button.get_attribute("title") or "").strip()
        if DESTRUCTIVE.search(label) or not button.is_enabled():
            continue
        button.click()
        done.append(f"clic « {label} »")
    return done


@pytest.mark.parametrize("rel", NOTEBOOKS)
def test_notebook_runs_and_widgets_respond(lab, page, rel):
    open_notebook(page, lab, rel)
    wait_kernel_idle(page)
    run_command(page, "notebook:run-all-cells")
    wait_all_run(page)
    state = page.evaluate(
        "() => { const w = window.jupyterapp.shell.currentWidget; return w.content.model.cells.length; }")
    assert state > 0
    from browser_support import JS_NOTEBOOK_STATE

    executed = page.evaluate(JS_NOTEBOOK_STATE)
    assert problems(executed) == [], f"{rel} : {problems(executed)}"

    folder = lab.root / Path(rel).parent
    files_before = _state_files(folder)
    text_before = _outputs(page)
    actions = _interact(page)
    wait_kernel_idle(page)
    after = page.evaluate(JS_NOTEBOOK_STATE)
    assert problems(after) == [], f"{rel} après usage des widgets : {problems(after)}"
    assert "Traceback" not in _outputs(page), rel
    files_after = _state_files(folder)
    written = sorted(n for n in files_after if files_before.get(n) != files_after[n])
    for name in written:
        if name.endswith(".json"):
            json.loads((folder / name).read_text(encoding="utf-8"))  # every saved state is valid JSON
    if actions:
        assert _outputs(page) != text_before or written, f"{rel} : aucun effet visible de {actions}"

    CAPTURES.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(CAPTURES / (rel.replace("/", "__").replace(".ipynb", ".png"))), full_page=True)
    print(f"{rel} : {len(actions)} action(s) ; fichiers enregistrés : {written}")

    if rel in AUDITED:  # accessibility of the rendered notebook, widgets included, after use
        assert AXE.is_file(), "axe-core absent : lancez « npm ci » (fait par « make test »)"
        violations = axe_audit(page)
        report = [f"[{v['impact']}] {v['id']} — {v['help']} : {v['nodes'][:3]}" for v in violations]
        print(f"{rel} : axe-core, {len(violations)} règle(s) en défaut", *report, sep="\n  ")
        blocking = _blocking(violations)
        assert not blocking, f"{rel} : " + "\n".join(report)


def test_interface_is_french(lab, page):
    open_notebook(page, lab, LESSONS[0])
    menubar = page.locator("#jp-MainMenu, .lm-MenuBar").first
    menubar.wait_for()
    labels = " ".join(menubar.locator(".lm-MenuBar-itemLabel").all_inner_texts())
    for word in ("Fichier", "Édition", "Affichage", "Exécution", "Noyau", "Onglets", "Paramètres", "Aide"):
        assert word in labels, labels
    assert page.evaluate("() => document.documentElement.lang").startswith("fr")


def test_nbgrader_assignment_list_and_formgrader_open(lab, page):
    open_notebook(page, lab, LESSONS[0])
    run_command(page, "nbgrader:open-assignment-list")
    page.locator("#nbgrader-assignment-list").wait_for()
    page.locator("#released_assignments_list").wait_for()
    run_command(page, "nbgrader:open-formgrader")
    page.locator("iframe[src*='formgrader']").first.wait_for()
    inner = page.frame_locator("iframe[src*='formgrader']").first
    # the formgrader lists the course's assignments, read from nbgrader_config.py and the gradebook
    inner.locator("body").wait_for()
    inner.get_by_text("Manage Assignments").first.wait_for()


SUBMITTED = "c1_essai_navigateur"
PROFILE_TEST = '''
import json, os
from autograder.results import CheckResult, grade
etat = json.load(open("entreprise.json", encoding="utf-8")) if os.path.exists("entreprise.json") else {}
r = CheckResult("C1.1", "Profil de l'entreprise")
r.add(etat.get("name") == "Atelier Dupont", 2, "Nom de l'entreprise enregistré.", "Nom attendu : Atelier Dupont.")
grade(r)
'''


def test_learner_submits_through_the_interface_and_is_graded(lab, page, monkeypatch):
    from autograder.trainer.course import run_nbgrader
    from autograder.trainer.grading import grade_cohort
    from coursetools import authoring as au

    root = lab.root
    exchange = root / "exchange"
    exchange.mkdir(exist_ok=True)
    os.chmod(exchange, 0o777)
    monkeypatch.setenv("NBGRADER_DB_URL", "")
    monkeypatch.setenv("NBGRADER_EXCHANGE", str(exchange))
    au.write_notebook(root / "source" / SUBMITTED / f"{SUBMITTED}.ipynb", [
        au.md("# Votre entreprise\nSaisissez le nom de l'entreprise « Atelier Dupont » dans l'éditeur de profil."),
        au.locked_code('from autograder.widgets.company_editor import CompanyEditor\nCompanyEditor("entreprise.json")',
                       grade_id="c1_1_editeur"),
        au.tests(PROFILE_TEST, grade_id="c1_1_test", points=2),
    ])
    run_nbgrader(["generate_assignment", SUBMITTED, "--force"], root)
    run_nbgrader(["release_assignment", SUBMITTED, "--force"], root)

    # The learner fetches the assignment from the assignment list…
    open_notebook(page, lab, LESSONS[0])
    run_command(page, "nbgrader:open-assignment-list")
    released = page.locator("#released_assignments_list")
    released.get_by_text(SUBMITTED).first.wait_for()
    released.locator("button", has_text="Fetch").first.click()
    page.locator("#fetched_assignments_list").get_by_text(SUBMITTED).first.wait_for()
    fetched = root / SUBMITTED
    assert (fetched / f"{SUBMITTED}.ipynb").is_file()

    # … fills it with the widget, sees it saved, saves the notebook…
    open_notebook(page, lab, f"{SUBMITTED}/{SUBMITTED}.ipynb")
    wait_kernel_idle(page)
    run_command(page, "notebook:run-all-cells")
    wait_all_run(page)
    name = page.locator(".jp-NotebookPanel:visible .widget-text").filter(has_text="Nom de l'entreprise")
    name.locator("input").fill("Atelier Dupont")
    name.locator("input").press("Enter")
    page.locator(".jp-NotebookPanel:visible").get_by_text("Profil enregistré").first.wait_for()
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        state = fetched / "entreprise.json"
        if state.is_file() and json.loads(state.read_text(encoding="utf-8")).get("name") == "Atelier Dupont":
            break
        time.sleep(0.5)
    assert json.loads((fetched / "entreprise.json").read_text(encoding="utf-8"))["name"] == "Atelier Dupont"
    run_command(page, "docmanager:save")
    page.wait_for_function("() => !window.jupyterapp.shell.currentWidget.context.model.dirty")

    # … and submits it from the assignment list.
    run_command(page, "nbgrader:open-assignment-list")
    page.locator("#fetched_assignments_list").locator("button", has_text="Submit").first.click()
    page.locator("#submitted_assignments_list").get_by_text(SUBMITTED).first.wait_for()
    # the learner side's nbgrader cache is the lab's own, never the user's ~/.local/share/jupyter
    cache = root / ".jupyter-data" / "nbgrader_cache"
    assert any(SUBMITTED in str(p) for p in cache.rglob("*")), sorted(cache.rglob("*"))

    # The trainer collects and grades: the widget's work is worth its points.
    run_nbgrader(["collect", SUBMITTED], root)
    student = getpass.getuser()
    assert (root / "submitted" / student / SUBMITTED / "entreprise.json").is_file()
    outcomes = grade_cohort([SUBMITTED], root=root, jobs=1)
    assert [(o.student, o.score, o.max_score) for o in outcomes] == [(student, 2.0, 2.0)], outcomes
