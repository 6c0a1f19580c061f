"""The course in a real browser: Debian's Chromium driving a real JupyterLab (Playwright for Python).

For each lesson, exercise and released assignment notebook: open it, wait for an idle kernel, run all cells,
find no error output, use every widget control like a learner (type, pick, tick, click, keyboard on sliders),
check that the result shows and that the saved state files are valid, take a screenshot, and audit every cell
with axe-core as a sighted person sees it (``axe_support``: no serious or critical violation, colour rules that
checked something). The pages opened outside JupyterLab (feedback, evaluation grid, dashboard, jury dossier)
are audited in the same browser, and the audit is shown failing on a notebook with a pale text. Also: the
interface is French, nbgrader's assignment list and formgrader open, and a learner's submission made in the
interface is graded by the trainer with the expected score.
"""

from __future__ import annotations

import getpass
import json
import os
import time
from pathlib import Path

import nbformat
import pytest
from axe_support import Audit, audit_notebook, audit_page
from browser_support import (
    CAPTURES,
    REPO,
    open_notebook,
    problems,
    run_command,
    wait_all_run,
    wait_kernel_idle,
)
from interact_support import interact
from nbformat.v4 import new_markdown_cell, new_notebook
from pages_support import make_pages

pytestmark = [pytest.mark.slow, pytest.mark.browser]

NOTEBOOKS = sorted(str(p.relative_to(REPO)) for folder in ("course", "exercises")
                   for p in (REPO / folder).glob("*.ipynb"))
NOTEBOOKS += sorted(str(p.relative_to(REPO)) for p in (REPO / "release").glob("*/*.ipynb"))  # as distributed
LESSONS = [n for n in NOTEBOOKS if n.startswith("course/")]
# (the session's JupyterLab is the ``lab`` fixture of tests/browser/conftest.py)


def _state_files(folder: Path) -> dict[str, tuple[int, int]]:
    return {p.name: (p.stat().st_mtime_ns, p.stat().st_size) for p in folder.iterdir()
            if p.is_file() and p.suffix in (".json", ".csv", ".png", ".srt", ".ics", ".txt")}


def _outputs(page) -> str:
    return page.locator(".jp-NotebookPanel:visible .jp-OutputArea").all_inner_texts().__str__()


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
    assert problems(executed) == [], f"{rel} : {problems(executed)}"

    folder = lab.root / Path(rel).parent
    files_before = _state_files(folder)
    text_before = _outputs(page)
    actions = interact(page)
    wait_kernel_idle(page)
    after = page.evaluate(JS_NOTEBOOK_STATE)
    assert problems(after) == [], f"{rel} après usage des widgets : {problems(after)}"
    assert "Traceback" not in _outputs(page), rel
    files_after = _state_files(folder)
    written = sorted(n for n in files_after if files_before.get(n) != files_after[n])
    for name in written:
        if name.endswith(".json"):
            json.loads((folder / name).read_text(encoding="utf-8"))  # every saved state is valid JSON
    if actions:
        assert _outputs(page) != text_before or written, f"{rel} : aucun effet visible de {actions}"

    CAPTURES.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(CAPTURES / (rel.replace("/", "__").replace(".ipynb", ".png"))), full_page=True)
    print(f"{rel} : {len(actions)} action(s) ; fichiers enregistrés : {written}")

    audit = audit_notebook(page, rel)  # every cell in view, widgets included, after use
    print(audit.report())
    assert not audit.problems(), "\n".join([audit.report(), *audit.problems()])


PALE = "#c8c8c8"  # 1,7:1 on white


def _audit_written_notebook(lab, page, name: str, markdown: str) -> Audit:
    folder = lab.root / "essais_audit"
    folder.mkdir(exist_ok=True)
    kernel = {"kernelspec": {"name": "python3", "display_name": "Python 3 (ipykernel)", "language": "python"}}
    nbformat.write(new_notebook(cells=[new_markdown_cell("# Essai de l'audit"), new_markdown_cell(markdown)],
                                metadata=kernel), folder / name)
    open_notebook(page, lab, f"essais_audit/{name}")
    page.locator(".jp-NotebookPanel:visible .jp-MarkdownOutput").nth(1).wait_for()
    return audit_notebook(page, name)


def test_audit_fails_on_a_pale_text_in_a_notebook_and_passes_otherwise(lab, page):
    text = "La fournée du samedi sort à 8 h. {}"
    pale = _audit_written_notebook(lab, page, "pale.ipynb",
                                   text.format(f'<span style="color:{PALE}">Réservez votre pain la veille.</span>'))
    found = pale.problems()
    assert any("color-contrast" in p and "Réservez votre pain" in p for p in found), found
    readable = _audit_written_notebook(lab, page, "lisible.ipynb",
                                       text.format('<span style="color:#1a1a1a">Réservez votre pain la veille.</span>'))
    assert readable.problems() == [] and readable.colour_checked >= 2, readable.report()


def test_an_audit_that_checks_no_colour_fails():
    blind = Audit("page vide")
    blind.add({"violations": [], "colour_checked": 0, "colour_incomplete": 3})
    assert blind.problems() == ["audit aveugle : les règles de couleur (color-contrast, link-in-text-block) n'ont "
                                "vérifié aucun élément (3 indéterminé(s))"]


def test_pages_outside_jupyterlab_pass_the_audit(browser, tmp_path):
    """The feedback page, the evaluation grid, the dashboard and the jury dossier, as Chromium opens them."""
    context = browser.new_context(viewport={"width": 1400, "height": 1000}, locale="fr-FR")
    page = context.new_page()
    requests: list[str] = []
    page.on("request", lambda r: requests.append(r.url))
    failures = []
    try:
        for kind, path in make_pages(tmp_path).items():
            page.goto(path.as_uri())
            audit = audit_page(page, kind)
            print(audit.report())
            failures += [f"{kind} : {p}" for p in audit.problems()]
    finally:
        context.close()
    assert not failures, "\n".join(failures)
    assert not [u for u in requests if not u.startswith(("file:", "data:"))], requests  # no CDN, no network


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
r.add(etat.get("name") == "Atelier Dupont", 2, "Nom de l'entreprise enregistré.", "Nom attendu : Atelier Dupont.")
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
        au.md("# Votre entreprise\nSaisissez le nom de l'entreprise « Atelier Dupont » dans l'éditeur de profil."),
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
    # « Récupérer » (nbgrader's « Fetch », in French): the row's main button
    released.locator(".list_item").filter(has_text=SUBMITTED).locator("button.btn-primary").first.click()
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
    page.wait_for_function("() => !window.jupyterapp.shell.currentWidget.context.model.dirty")

    # … and submits it from the assignment list.
    run_command(page, "nbgrader:open-assignment-list")
    # « Rendre » (nbgrader's « Submit »): the row's main button, its notebooks' « Valider » being « btn-default »
    page.locator("#fetched_assignments_list .list_item").filter(has_text=SUBMITTED).locator(
        "button.btn-primary").first.click()
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
