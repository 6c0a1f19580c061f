"""nbgrader's learner-facing words in French, and radio groups moved with the arrow keys, in a real browser.

nbgrader's JupyterLab extension writes English with no translator; the course's own extension
(``autograder/labextension/autograder-course``) replaces its known texts in nbgrader's elements and names each
radio group of ipywidgets. Here a learner (Debian's Chromium, a JupyterLab of this module in a scratch copy of the
course) opens the « Devoirs » panel from the « Nbgrader » menu, fetches the C2 assignment, validates it from the
notebook's toolbar (and a notebook with nothing left to do, for the success message) and hands it in: every text
read on the way is the French one, none of nbgrader's English is left, and the French follows the typographic
policy (:mod:`autograder.typography`). In between, the learner answers the first question of law of lesson 9's
exercises with the keyboard alone (Space, then the arrow keys): the answer file follows each change, and the focus
stays in the question. Each test also runs alone. Screenshots land in tests/browser/captures/ (git-ignored).
"""

from __future__ import annotations

import json
import time
from pathlib import Path

import nbformat
import pytest
from browser_support import (
    CAPTURES,
    CHROMIUM,
    UI_TIMEOUT,
    Lab,
    assignment_row,
    copy_course,
    nbgrader_env,
    open_notebook,
    press_in_list,
    run_command,
    wait_all_run,
    wait_kernel_idle,
)
from nbformat.v4 import new_markdown_cell, new_notebook

from autograder.typography import NBSP, NNBSP, spacing_problems

pytestmark = [pytest.mark.slow, pytest.mark.browser]

ASSIGNMENT = "c2_visuels"
EXERCISES = "exercises/09_cadre_juridique.ipynb"
LAW_QUESTION = "q1_unsplash"  # its first question: a ChoiceAnswer, one radio group
ANSWERS = "exercises/reponses_09_cadre_juridique.json"
NOTEBOOK = ".jp-NotebookPanel:not(.lm-mod-hidden)"

# nbgrader's English that a learner could meet on the way (its 0.9.6 bundle): none may be left.
ENGLISH = [
    "Released, downloaded, and submitted", "Loading, please wait", "Released assignments", "Downloaded assignments",
    "Submitted assignments", "There are no", "Fetch", "Submit", "Validate", "Validation Results", "Success!",
    "The following cell", "There was an error", "Toggle Dropdown", "Refresh assignments list", "Assignment List",
    "Course List", "Assignments", "submitting", "feedback",
]


def english_in(text: str) -> list[str]:
    return [word for word in ENGLISH if word in text]


@pytest.fixture(scope="module")
def lab(tmp_path_factory):
    """This module's own JupyterLab: the assignment it fetches and submits stays out of the session's course."""
    if not Path(CHROMIUM).exists():
        pytest.fail(f"Chromium introuvable ({CHROMIUM}) : lancez « make system-deps »")
    root = copy_course(tmp_path_factory.mktemp("nbgrader-fr") / "cours")
    (root / "exchange").mkdir()
    (root / "exchange").chmod(0o777)
    from autograder.trainer.course import run_nbgrader

    for step in ("generate_assignment", "release_assignment"):
        run_nbgrader([step, ASSIGNMENT, "--force"], root, env=nbgrader_env(root))
    server = Lab(root, root.parent / "jupyterlab.log")
    yield server
    server.stop()


@pytest.fixture(scope="module")
def page(browser, lab):
    """The learner's page, kept for the whole module (the tests follow one another)."""
    context = browser.new_context(viewport={"width": 1400, "height": 1000}, locale="fr-FR")
    context.set_default_timeout(UI_TIMEOUT)
    page = context.new_page()
    page.goto(f"{lab.url}/lab/workspaces/devoirs-fr?reset", wait_until="domcontentloaded")
    page.wait_for_function("() => !!(window.jupyterapp && window.jupyterapp.commands.hasCommand("
                           "'nbgrader:open-assignment-list'))", timeout=UI_TIMEOUT, polling=500)
    yield page
    context.close()


def capture(target, name: str) -> None:
    CAPTURES.mkdir(parents=True, exist_ok=True)
    target.screenshot(path=str(CAPTURES / f"nbgrader_fr__{name}.png"))


def row(page, list_id: str):
    """The assignment's row in one of nbgrader's three lists (its first level: the assignment, not a notebook)."""
    return assignment_row(page, list_id, ASSIGNMENT).first


def press(page, list_id: str) -> None:
    press_in_list(page, list_id, ASSIGNMENT)


def open_panel(page) -> None:
    run_command(page, "nbgrader:open-assignment-list")
    page.locator("#released_assignments_list").wait_for()
    page.locator("#course_list_default").filter(has_text="communication").wait_for()  # the course is loaded


def fetch(page, lab) -> None:
    """« Récupérer » on the assignment's row, unless it is fetched already (each test can also run alone)."""
    if (lab.root / ASSIGNMENT / f"{ASSIGNMENT}.ipynb").is_file():
        return
    open_panel(page)
    press(page, "released_assignments_list")
    row(page, "fetched_assignments_list").wait_for()


def panel_text(page) -> str:
    return page.locator("#nbgrader-assignment-list").text_content()


def answer(lab) -> str | None:
    path = lab.root / ANSWERS
    if not path.is_file():
        return None
    return json.loads(path.read_text(encoding="utf-8"))["answers"].get(LAW_QUESTION, {}).get("value")


def wait_answer(lab, value: str) -> None:
    deadline = time.monotonic() + 60
    while answer(lab) != value:
        assert time.monotonic() < deadline, f"fichier de réponses : {answer(lab)!r} au lieu de {value!r}"
        time.sleep(0.3)


def test_menu_and_assignment_panel_are_french(page, lab):
    page.locator(".lm-MenuBar-itemLabel").filter(has_text="Nbgrader").click()
    menu = page.locator("#jp-mainmenu-nbgrader")
    menu.wait_for()
    items = menu.locator(".lm-Menu-itemLabel").all_text_contents()
    assert "Liste des devoirs" in items and "Liste des cours" in items, items
    assert not english_in(" ".join(items)), items
    page.keyboard.press("Escape")

    run_command(page, "nbgrader:open-course-list")  # the menu's other item a learner has: the course list
    courses = page.locator("#nbgrader-course-list")
    courses.locator(".panel-heading").filter(has_text="Outils de correction (formgrader) disponibles").wait_for()
    assert page.locator(".lm-TabBar-tab[data-id='nbgrader-course-list'] .lm-TabBar-tabLabel").text_content() == "Cours"
    assert courses.locator("#refresh_formgrader_list").get_attribute("title") == (
        "Actualiser la liste des outils de correction")
    text = courses.text_content()
    for english in ("Available formgraders", "There are no available", "Loading, please wait"):
        assert english not in text, text

    open_panel(page)
    row(page, "released_assignments_list").wait_for()
    text = panel_text(page)
    for french in ("Devoirs diffusés, récupérés et rendus du cours" + NBSP + ":", "Devoirs diffusés",
                   "Devoirs récupérés", "Devoirs rendus", "Aucun devoir récupéré pour le moment.",
                   "Aucun devoir rendu pour le moment.", "Choisir le cours"):
        assert french in text, (french, text)
    assert row(page, "released_assignments_list").locator("button.btn-primary").text_content() == "Récupérer"
    assert page.locator("#refresh_assignments_list").get_attribute("title") == "Actualiser la liste des devoirs"
    tab = page.locator(".lm-TabBar-tab[data-id='nbgrader-assignment-list']")
    assert tab.locator(".lm-TabBar-tabLabel").text_content() == "Devoirs"
    assert not english_in(text), english_in(text)
    assert spacing_problems(text) == [], spacing_problems(text)
    capture(page.locator("#nbgrader-assignment-list"), "devoirs_diffuses")

    press(page, "released_assignments_list")
    fetched = row(page, "fetched_assignments_list")
    fetched.wait_for()
    assert (lab.root / ASSIGNMENT / f"{ASSIGNMENT}.ipynb").is_file()
    assert fetched.locator("button.btn-primary").text_content() == "Rendre"
    assert fetched.locator(".nested_list_item button").first.text_content() == "Valider"  # a notebook's « Validate »
    text = panel_text(page)
    assert "Aucun devoir à récupérer pour le moment." in text, text
    assert not english_in(text), english_in(text)
    capture(page.locator("#nbgrader-assignment-list"), "devoir_recupere")


def test_radio_group_moves_with_the_arrow_keys_and_the_answer_file_follows(page, lab):
    open_notebook(page, lab, EXERCISES)
    wait_kernel_idle(page)
    run_command(page, "notebook:run-all-cells")
    wait_all_run(page)
    cell = page.locator(f"{NOTEBOOK} .jp-Notebook .jp-Cell").filter(has=page.locator(".widget-radio-box")).first
    radios = cell.locator(".widget-radio-box input[type=radio]")
    assert radios.count() >= 3
    values = radios.evaluate_all("(inputs) => inputs.map(i => i.value)")

    def checked() -> list[bool]:
        return radios.evaluate_all("(inputs) => inputs.map(i => i.checked)")

    def active_cell() -> int:
        return page.evaluate("() => window.jupyterapp.shell.currentWidget.content.activeCellIndex")

    radios.first.focus()
    page.keyboard.press("Space")
    assert checked()[0]
    page.wait_for_timeout(300)
    first = answer_when_set(lab)
    cell_before = active_cell()
    page.keyboard.press("ArrowDown")
    assert checked()[:2] == [False, True], checked()
    assert page.evaluate("() => document.activeElement.value") == values[1]  # the focus stays in the group
    second = wait_other_answer(lab, first)
    page.keyboard.press("ArrowRight")
    assert checked()[:3] == [False, False, True], checked()
    third = wait_other_answer(lab, second)
    page.keyboard.press("ArrowUp")
    assert checked()[:3] == [False, True, False], checked()
    wait_answer(lab, second)
    assert len({first, second, third}) == 3
    assert active_cell() == cell_before  # JupyterLab did not take the arrows to move between cells
    names = radios.evaluate_all("(inputs) => inputs.map(i => i.name)")
    assert names[0] and set(names) == {names[0]}, names  # one group, named
    capture(cell, "groupe_radio_fleches")


def answer_when_set(lab) -> str:
    deadline = time.monotonic() + 60
    while answer(lab) is None:
        assert time.monotonic() < deadline, "fichier de réponses jamais écrit"
        time.sleep(0.3)
    return answer(lab)


def wait_other_answer(lab, previous: str) -> str:
    deadline = time.monotonic() + 60
    while answer(lab) in (None, previous):
        assert time.monotonic() < deadline, f"le fichier de réponses garde {previous!r}"
        time.sleep(0.3)
    return answer(lab)


def validation_dialog(page, name: str) -> tuple[str, list[str]]:
    """Press « Valider » in the notebook's toolbar: the result dialog's title and its own sentences (not the cells
    it quotes), captured, then the dialog closed."""
    page.locator(f"{NOTEBOOK} .jp-Toolbar .validate-button").first.click()
    dialog = page.locator(".jp-Dialog")
    dialog.locator("#validation-message").wait_for(timeout=UI_TIMEOUT)
    header = dialog.locator(".jp-Dialog-header").text_content()
    message = dialog.locator("#validation-message > div > p").all_text_contents()
    capture(dialog.locator(".jp-Dialog-content"), name)
    dialog.locator("button").last.click()
    dialog.wait_for(state="detached")
    return header, message


def test_validate_button_and_dialog_are_french(page, lab):
    fetch(page, lab)
    open_notebook(page, lab, f"{ASSIGNMENT}/{ASSIGNMENT}.ipynb")
    button = page.locator(f"{NOTEBOOK} .jp-Toolbar .validate-button").first
    assert button.text_content().strip() == "Valider"
    assert button.get_attribute("title") == "Valider le devoir"
    header, message = validation_dialog(page, "resultat_validation")
    assert "Résultat de la validation" in header, header
    # nothing else answered: the assignment's questions are still to do
    assert message and set(message) == {"À revoir" + NBSP + ":"}, message
    assert not english_in(header + " ".join(message)), (header, message)
    assert button.text_content().strip() == "Valider"  # nbgrader wrote its label again: French again


def test_validation_success_is_french(page, lab):
    """A notebook with nothing left to do: nbgrader's « Success! » in French."""
    kernel = {"kernelspec": {"name": "python3", "display_name": "Python 3", "language": "python"}}
    nbformat.write(new_notebook(cells=[new_markdown_cell("Rien à vérifier ici.")], metadata=kernel),
                   lab.root / "sans_question.ipynb")
    open_notebook(page, lab, "sans_question.ipynb")
    header, message = validation_dialog(page, "validation_reussie")
    assert "Résultat de la validation" in header, header
    assert message == ["Bravo" + NNBSP + "! Votre notebook passe toutes les vérifications."], message


def test_submitted_assignment_is_listed_in_french(page, lab):
    fetch(page, lab)
    open_panel(page)
    press(page, "fetched_assignments_list")
    submitted = row(page, "submitted_assignments_list")
    submitted.wait_for()
    assert submitted.locator("button.btn-primary").text_content() == "Récupérer les retours"
    text = panel_text(page)
    assert not english_in(text), english_in(text)
    assert spacing_problems(text) == [], spacing_problems(text)
    capture(page.locator("#nbgrader-assignment-list"), "devoir_rendu")
