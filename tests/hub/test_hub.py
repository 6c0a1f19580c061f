"""A cohort on the real JupyterHub of the course (``make hub``), driven by Chromium through Playwright.

Three learners log in (PAM, Unix accounts made by hub/comptes.py), fetch an assignment from the assignment
panel, answer with the widget, validate and submit; the trainer collects, grades with the project's grader
(``python -m autograder grade``, gradebook in PostgreSQL) and releases the feedback; each learner fetches and
reads their own feedback, and can open neither another learner's files, the exchange's other submissions, the
trainer's source/ nor the gradebook. The tests run in order and share one hub (tests/hub/conftest.py).
"""

from __future__ import annotations

import json
import re
import subprocess
import time
from pathlib import Path

import pytest
from playwright.sync_api import TimeoutError as PlaywrightTimeout

from hub.cohorte import HUB_ENV, LEARNERS, TRAINER, UI_TIMEOUT, login, wait_for

pytestmark = [pytest.mark.slow, pytest.mark.browser, pytest.mark.hub]

ASSIGNMENT = "essai_hub"
# What each learner types in the company editor, and the score it is worth (2 points for « Atelier Dupont »).
ANSWERS = {LEARNERS[0]: ("Atelier Dupont", 2.0), LEARNERS[1]: ("Boulangerie Martin", 0.0),
           LEARNERS[2]: ("Atelier Dupont", 2.0)}
PROFILE_TEST = '''
import json, os
from autograder.results import CheckResult, grade
etat = json.load(open("entreprise.json", encoding="utf-8")) if os.path.exists("entreprise.json") else {}
r = CheckResult("C1.1", "Profil de l'entreprise")
r.add(etat.get("name") == "Atelier Dupont", 2, "Nom de l'entreprise enregistré.", "Nom attendu : Atelier Dupont.")
grade(r)
'''


@pytest.fixture(scope="module")
def contexts(browser):
    """One browser profile (cookies) per person, kept for the whole cycle."""
    made = {}

    def context_of(user: str):
        if user not in made:
            made[user] = browser.new_context(viewport={"width": 1400, "height": 1000}, locale="fr-FR")
            made[user].set_default_timeout(UI_TIMEOUT)
        return made[user]

    yield context_of
    for context in made.values():
        context.close()


def _click_listed(page, list_id: str) -> None:
    """Click the assignment's main button in nbgrader's assignment list ``list_id`` (« Récupérer », « Rendre » or
    « Récupérer les retours », in French by the course's JupyterLab extension: nbgrader's « btn-primary », its
    notebooks' « Valider » being « btn-default »): the list is drawn again when its first load ends (and on every
    refresh), which can detach the button found a moment earlier; find it again then."""
    deadline = time.monotonic() + UI_TIMEOUT / 1000
    while True:
        try:
            page.locator(f"#{list_id} .list_item").filter(has_text=ASSIGNMENT).locator(
                "button.btn-primary").first.click(timeout=5_000)
            return
        except PlaywrightTimeout:
            if time.monotonic() > deadline:
                raise


def _fetch(page, notebook: Path) -> None:
    """« Récupérer » (nbgrader's « Fetch ») in nbgrader's list until the assignment's notebook is in the learner's
    folder and the list shows it as fetched. Under load, the list can be drawn again while the button is clicked (the
    click is lost), and the lesson the hub opens at start-up can arrive late and cover the list: the list is brought
    to the front again."""
    deadline = time.monotonic() + UI_TIMEOUT / 1000
    while not notebook.is_file():
        _click_listed(page, "released_assignments_list")
        try:
            wait_for(notebook.is_file, timeout=30, what=f"{notebook.name} récupéré")
        except TimeoutError:
            if time.monotonic() > deadline:
                raise
    while True:
        _command(page, "nbgrader:open-assignment-list")
        try:
            page.locator("#fetched_assignments_list").get_by_text(ASSIGNMENT).first.wait_for(timeout=15_000)
            return
        except PlaywrightTimeout:
            if time.monotonic() > deadline:
                raise


def _command(page, command: str):
    return page.evaluate("(c) => window.jupyterapp.commands.execute(c)", command)


def _commands(page) -> list[str]:
    return page.evaluate("() => window.jupyterapp.commands.listCommands()")


def _open(page, hub, user: str, rel: str) -> None:
    page.goto(f"{hub.url}/user/{user}/lab/tree/{rel}", wait_until="domcontentloaded")
    page.wait_for_function(
        """(name) => { const w = window.jupyterapp && window.jupyterapp.shell.currentWidget;
                      return !!(w && w.context && w.context.path.endsWith(name) && w.content && w.content.model
                                && w.sessionContext.session && w.sessionContext.session.kernel
                                && w.sessionContext.session.kernel.status === 'idle'); }""",
        arg=rel.split("/")[-1], timeout=UI_TIMEOUT, polling=500)


def test_trainer_logs_in_has_the_formgrader_and_releases(hub, contexts):
    from coursetools import authoring as au

    page = login(contexts(TRAINER), hub, TRAINER)
    assert "nbgrader:open-formgrader" in _commands(page)
    assert page.evaluate("() => document.documentElement.lang").startswith("fr")
    # the formgrader shows in its frame (JupyterHub 4.1+ forbids frames unless the hub's config allows 'self')
    _command(page, "nbgrader:open-formgrader")
    frame = page.frame_locator("iframe[src*='formgrader']").first
    frame.get_by_text("Manage Assignments").first.wait_for()

    course = hub.workspace(TRAINER)
    assert (course / "source").is_dir() and (course / "nbgrader_config.py").is_file()
    au.write_notebook(course / "source" / ASSIGNMENT / f"{ASSIGNMENT}.ipynb", [
        au.md("# Votre entreprise\nSaisissez le nom de l'entreprise « Atelier Dupont » dans l'éditeur de profil."),
        au.locked_code('from autograder.widgets.company_editor import CompanyEditor\nCompanyEditor("entreprise.json")',
                       grade_id="c1_1_editeur"),
        au.tests(PROFILE_TEST, grade_id="c1_1_test", points=2),
    ])
    subprocess.run(["chown", "-R", f"{TRAINER}:", str(course / "source" / ASSIGNMENT)], check=True)
    hub.as_trainer(["nbgrader", "generate_assignment", ASSIGNMENT, "--force"])
    hub.as_trainer(["nbgrader", "release_assignment", ASSIGNMENT, "--force"])
    assert (hub.exchange / "communication-digitale" / "outbound" / ASSIGNMENT).is_dir()


@pytest.mark.parametrize("learner", LEARNERS)
def test_learner_fetches_answers_validates_and_submits(hub, contexts, learner):
    page = login(contexts(learner), hub, learner)
    commands = _commands(page)
    assert "nbgrader:open-assignment-list" in commands
    assert not [c for c in commands if "formgrader" in c or "create-assignment" in c], commands
    workspace = hub.workspace(learner)
    assert sorted(p.name for p in workspace.iterdir() if not p.name.startswith(".")) == ["course", "exercises"]

    _command(page, "nbgrader:open-assignment-list")
    released = page.locator("#released_assignments_list")
    released.get_by_text(ASSIGNMENT).first.wait_for()
    notebook = workspace / ASSIGNMENT / f"{ASSIGNMENT}.ipynb"
    _fetch(page, notebook)
    assert notebook.is_file()

    _open(page, hub, learner, f"{ASSIGNMENT}/{ASSIGNMENT}.ipynb")
    _command(page, "notebook:run-all-cells")
    value, _ = ANSWERS[learner]
    field = page.locator(".jp-NotebookPanel:visible .widget-text").filter(has_text="Nom de l'entreprise")
    field.locator("input").fill(value)
    field.locator("input").press("Enter")
    page.locator(".jp-NotebookPanel:visible").get_by_text("Profil enregistré").first.wait_for()
    state = workspace / ASSIGNMENT / "entreprise.json"
    wait_for(lambda: state.is_file() and json.loads(state.read_text(encoding="utf-8")).get("name") == value,
             what="entreprise.json enregistré")
    _command(page, "docmanager:save")
    page.wait_for_function("() => !window.jupyterapp.shell.currentWidget.context.model.dirty")

    # « Valider » (nbgrader's « Validate », in the notebook's toolbar) runs the notebook as the grader will
    page.locator(".jp-NotebookPanel:visible .jp-Toolbar .validate-button").first.click()
    dialog = page.locator(".jp-Dialog")
    dialog.wait_for(timeout=UI_TIMEOUT)
    verdict = dialog.inner_text()
    assert ("passe toutes les vérifications" in verdict) == (ANSWERS[learner][1] == 2.0), verdict  # « Bravo ! … »
    assert "Success" not in verdict and "Validation Results" not in verdict, verdict
    dialog.locator("button").last.click()

    _command(page, "nbgrader:open-assignment-list")
    _click_listed(page, "fetched_assignments_list")
    page.locator("#submitted_assignments_list").get_by_text(ASSIGNMENT).first.wait_for()


def test_trainer_collects_grades_and_releases_feedback(hub):
    hub.as_trainer(["nbgrader", "collect", ASSIGNMENT])
    course = hub.workspace(TRAINER)
    for learner in LEARNERS:
        assert (course / "submitted" / learner / ASSIGNMENT / "entreprise.json").is_file(), learner
    graded = hub.as_trainer(["python", "-m", "autograder", "grade", ASSIGNMENT])
    print(graded.stdout[-2000:])
    hub.as_trainer(["python", "-m", "autograder", "feedback", ASSIGNMENT])
    hub.as_trainer(["nbgrader", "release_feedback", ASSIGNMENT])
    scores = hub.as_trainer(["python", "-c", (
        "from nbgrader.api import Gradebook; from traitlets.config import Config; import os\n"
        "with Gradebook(os.environ['NBGRADER_DB_URL']) as gb:\n"
        f"    print({{s.student.id: s.score for s in gb.find_assignment('{ASSIGNMENT}').submissions}})")])
    found = eval(scores.stdout.strip().splitlines()[-1])  # noqa: S307 (a dict printed by our own command)
    assert found == {learner: score for learner, (_, score) in ANSWERS.items()}, found


@pytest.mark.parametrize("learner", LEARNERS)
def test_learner_fetches_and_reads_own_feedback(hub, contexts, learner):
    page = login(contexts(learner), hub, learner)
    _command(page, "nbgrader:open-assignment-list")
    submitted = page.locator("#submitted_assignments_list")
    submitted.get_by_text(ASSIGNMENT).first.wait_for()
    _click_listed(page, "submitted_assignments_list")
    folder = hub.workspace(learner) / ASSIGNMENT / "feedback"
    wait_for(lambda: any(folder.rglob("*.html")), what=f"retours de {learner}")
    html = next(folder.rglob("*.html"))
    rel = html.relative_to(hub.workspace(learner))
    page.goto(f"{hub.url}/user/{learner}/files/{rel}", wait_until="domcontentloaded")
    text = page.locator("body").inner_text()
    score = ANSWERS[learner][1]
    assert re.search(rf"{score:g}(,0|\.0)?\s*/\s*2", text), text[:800]
    assert "Nom attendu : Atelier Dupont." in text if score == 0 else "Nom de l'entreprise enregistré." in text


PROBE = r'''
import json, os, sys
attempts = json.loads(sys.argv[1])
opened = []
for kind, target in attempts:
    try:
        if kind == "list":
            os.listdir(target)
        elif kind == "read":
            open(target, "rb").read(1)
        else:
            import psycopg2
            psycopg2.connect(target, connect_timeout=5).close()
        opened.append(target)
    except PermissionError:  # denied by the file system: what we expect
        pass
    except Exception as exc:
        if not (kind == "db" and "password" in str(exc)):  # refused by PostgreSQL for want of the password
            opened.append(f"{target} : {exc!r}")
print(json.dumps(opened))
'''


@pytest.mark.parametrize("learner", LEARNERS)
def test_learner_cannot_open_what_is_not_theirs(hub, contexts, learner):
    other = next(name for name in LEARNERS if name != learner)
    trainer_course = hub.workspace(TRAINER)
    other_notebook = hub.workspace(other) / ASSIGNMENT / f"{ASSIGNMENT}.ipynb"
    source = trainer_course / "source" / ASSIGNMENT / f"{ASSIGNMENT}.ipynb"
    submitted = trainer_course / "submitted" / other / ASSIGNMENT / f"{ASSIGNMENT}.ipynb"
    inbound = hub.exchange / "communication-digitale" / "inbound"
    others_submissions = [p for p in inbound.iterdir() if p.name.startswith(other + "+")]
    assert others_submissions and source.is_file() and submitted.is_file() and other_notebook.is_file()
    server = hub.gradebook_url.split("@", 1)[1]  # 127.0.0.1:<port>/nbgrader; the password stays the trainer's
    attempts = [
        ["list", str(hub.home(other))], ["read", str(other_notebook)], ["list", str(inbound)],
        ["list", str(trainer_course)], ["read", str(source)], ["read", str(submitted)],
        ["read", str(hub.root / "etat" / "carnet.url")], ["list", str(hub.root / "cours")],
        ["db", f"postgresql://formateur@{server}"], ["db", f"postgresql://postgres@{server}"],
    ]
    assert all(Path(target).exists() for kind, target in attempts if kind != "db")
    out = hub.run_as(learner, [str(HUB_ENV / "bin" / "python"), "-c", PROBE, json.dumps(attempts)])
    assert out.returncode == 0, out.stderr
    assert json.loads(out.stdout) == [], f"{learner} a pu ouvrir : {out.stdout}"
    # nbgrader's exchange model: inbound/ cannot be listed, and each submission's name ends with a random part
    # (72 bits), so a learner cannot find another's submission
    assert all(re.fullmatch(rf"{re.escape(other)}\+{ASSIGNMENT}\+[^+]+\+[A-Za-z0-9_=-]{{12}}", p.name)
               for p in others_submissions), others_submissions

    # Through the hub: another learner's server and the hub's user list are refused.
    context = contexts(learner)  # logged in as this learner by the tests above
    for path in (f"/user/{other}/api/contents", f"/user/{TRAINER}/api/contents/source", "/hub/api/users"):
        response = context.request.get(f"{hub.url}{path}", max_redirects=0)
        assert response.status in (302, 403, 404), (path, response.status)
        assert ASSIGNMENT not in response.text(), path
    # and their own server has no formgrader
    assert context.request.get(f"{hub.url}/user/{learner}/formgrader", max_redirects=0).status == 404
