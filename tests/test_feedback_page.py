"""The learner's feedback page: the course's French template (``autograder/trainer/templates/feedback``).

Fast tests render a notebook with graded cells through the same preprocessors and template as
``nbgrader generate_feedback``; slow tests generate the feedback of known submissions on a scratch course
with nbgrader itself and, when Chromium and axe-core are there, audit the page as a browser shows it.
"""

from __future__ import annotations

from html.parser import HTMLParser
from pathlib import Path

import nbformat
import pytest
from nbconvert import HTMLExporter
from nbformat.v4 import new_code_cell, new_markdown_cell, new_notebook, new_output
from nbgrader.api import Gradebook

from autograder.trainer.course import course_folder, run_nbgrader
from autograder.trainer.feedback import CriterionSummary, FeedbackPage, demote_headings, template_basedirs
from autograder.trainer.grading import CohortGrader
from coursetools.cases import SubmissionCase, build_submission, load_cases
from coursetools.synthetic import SYNTHETIC, make_course

from course_support import REPO

CASES = REPO / "tests" / "pipeline_cases"
SQLITE = {"NBGRADER_DB_URL": ""}


class Page(HTMLParser):
    """What the tests read in a page: tags, the html lang, links with their names, ids, external resources."""

    def __init__(self, text: str):
        super().__init__(convert_charrefs=True)
        self.tags: dict[str, int] = {}
        self.lang, self.ids, self.links, self.external = None, set(), [], []
        self._link: list[str] | None = None
        self._href = ""
        self.feed(text)

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        self.tags[tag] = self.tags.get(tag, 0) + 1
        if tag == "html":
            self.lang = attrs.get("lang")
        if attrs.get("id"):
            self.ids.add(attrs["id"])
        for name in ("src", "href"):
            value = attrs.get(name) or ""
            if tag in ("script", "link", "img", "iframe") and value.startswith(("http:", "https:", "//")):
                self.external.append(value)
        if tag == "a" and attrs.get("href") and "anchor-link" not in (attrs.get("class") or ""):  # not shown
            self._link, self._href = [], attrs["href"]

    def handle_data(self, data):
        if self._link is not None:
            self._link.append(data)

    def handle_endtag(self, tag):
        if tag == "a" and self._link is not None:
            self.links.append((" ".join("".join(self._link).split()), self._href))
            self._link = None


def assert_one_structure(page: Page) -> None:
    assert page.lang == "fr"
    assert page.tags.get("html") == 1 and page.tags.get("body") == 1
    assert page.tags.get("main") == 1 and page.tags.get("h1") == 1
    assert not page.external, page.external  # no CDN: no MathJax, jQuery, require.js or font from the network
    names = [name for name, _ in page.links]
    assert "Test cell" not in names and "(Top)" not in names
    for name, href in page.links:  # every in-page link leads somewhere on the page
        if href.startswith("#"):
            assert href[1:] in page.ids, (name, href)


# --- fast: the preprocessors and the template, without nbgrader ---------------------------------------------


def test_demote_headings_outside_code():
    text = "# Titre\n\nTexte\n## Partie\n```\n# un commentaire de code\n```\n<h1>Ancien</h1>\n###### six"
    assert demote_headings(text) == (
        "## Titre\n\nTexte\n### Partie\n```\n# un commentaire de code\n```\n<h2>Ancien</h2>\n###### six")
    assert demote_headings("#hashtag en début de ligne") == "#hashtag en début de ligne"


def _graded(cell, grade_id, score, points, **meta):
    cell.metadata["nbgrader"] = {"grade": True, "grade_id": grade_id, "score": score, "points": points,
                                 "solution": False, "locked": True, **meta}
    return cell


def _notebook():
    return new_notebook(cells=[
        new_markdown_cell("# Évaluation C5\n\nUn devoir de démonstration."),
        new_code_cell("x = 1"),
        _graded(new_code_cell("grade(r)", outputs=[new_output("execute_result", {"text/plain": "1.0"},
                                                             execution_count=1)]), "c5_3_test_taux", 1, 3),
        _graded(new_code_cell("grade(r)"), "c5_3_test_base", 2, 2),
        _graded(new_code_cell("grade(r)"), "c5_2_test_semaine", 0, 1),
        _graded(new_markdown_cell("## Ma réponse\n\nMerci pour votre retour."), "c5_4_reponse", None, 2,
                solution=True, locked=False, comment="Réponse **courtoise**."),
        _graded(new_code_cell("grade(r)"), "controle_final", 1, 1),
    ])


def _resources(late: float = 0.0) -> dict:
    return {"nbgrader": {"notebook": "c5_demo", "score": 4.0 - late, "max_score": 9.0, "late_penalty": late},
            "metadata": {"name": "c5_demo"}}


def test_feedback_page_names_every_link_by_criterion_and_cell():
    nb, resources = CriterionSummary().preprocess(_notebook(), _resources(late=1.5))
    nb, resources = FeedbackPage().preprocess(nb, resources)
    page = resources["feedback_page"]
    assert page["title"] == "Retour sur votre devoir « c5_demo »"
    assert page["total"] == "2,5 / 9 points" and page["late_penalty"] == "−1,5 points"
    links = [e["link"] for e in page["entries"]]
    assert links == ["Aller à la vérification C5.3 (1 sur 2)", "Aller à la vérification C5.3 (2 sur 2)",
                     "Aller à la vérification C5.2", "Aller à votre réponse rédigée C5.4",
                     "Aller à la vérification « controle_final »"]
    assert [e.get("points") for e in page["entries"]] == [
        "1 / 3 points", "2 / 2 points", "0 / 1 point", "en attente de correction (sur 2 points)", "1 / 1 point"]
    manual = page["entries"][3]
    assert manual["comment_link"] == "Lire le commentaire sur votre réponse rédigée C5.4"
    assert manual["anchor"] == "cellule-c5_4_reponse" and manual["comment_anchor"] == "commentaire-c5_4_reponse"
    # the notebook's headings go one level down; the criterion table (cell 0) keeps its own
    assert nb.cells[0].metadata["autograder"]["criterion_summary"]
    assert nb.cells[0].source.startswith("## Vos résultats par critère")
    assert nb.cells[1].source.startswith("## Évaluation C5")
    assert nb.cells[6].source.startswith("### Ma réponse")


def test_nbgraders_own_comment_is_french():
    nb = new_notebook(cells=[_graded(new_markdown_cell("VOTRE RÉPONSE ICI"), "c3_3_ligne", 0, 3, solution=True,
                                     comment="No response.")])
    nb, resources = FeedbackPage().preprocess(nb, _resources())
    assert nb.cells[0].metadata["nbgrader"]["comment"] == \
        "Pas de réponse : la cellule est restée telle qu'elle a été distribuée."
    assert resources["feedback_page"]["entries"][0]["comment_link"] == \
        "Lire le commentaire sur votre réponse rédigée C3.3"


def render(nb, resources) -> str:
    """The page as ``generate_feedback`` writes it: its preprocessors, then the course's template."""
    for step in (CriterionSummary(), FeedbackPage()):
        nb, resources = step.preprocess(nb, resources)
    exporter = HTMLExporter(template_name="feedback", extra_template_basedirs=template_basedirs())
    body, _ = exporter.from_notebook_node(nb, resources=resources)
    return body


def test_template_one_landmark_structure_french_and_self_contained():
    body = render(_notebook(), _resources())
    page = Page(body)
    assert_one_structure(page)
    names = [name for name, _ in page.links]
    assert names[:6] == ["Aller à la vérification C5.3 (1 sur 2)", "Aller à la vérification C5.3 (2 sur 2)",
                         "Aller à la vérification C5.2", "Aller à votre réponse rédigée C5.4",
                         "Lire le commentaire sur votre réponse rédigée C5.4",
                         # (Page reads link names with their spaces normalised)
                         "Aller à la vérification « controle_final »"]
    assert names.count("Revenir au sommaire") == 5 and "sommaire" in page.ids
    assert "Vos résultats par critère" in body and body.index("Vos résultats par critère") < body.index("<nav")
    assert "<strong>courtoise</strong>" in body and "Note obtenue : 4 / 9 points" in body
    assert "<script" not in body and "mathjax" not in body.lower()
    assert "a { color: #1f4e9c; text-decoration: underline; }" in body  # 8:1 on white, underlined
    assert ".anchor-link { display: none; }" in body  # nbconvert's « ¶ » heading links are not shown
    assert "In&nbsp;[" not in body  # no prompts


def test_formgrader_still_finds_its_own_template():
    """nbgrader_config.py sets the template folders for every HTMLExporter: formgrader's stays reachable."""
    exporter = HTMLExporter(template_name="formgrade", extra_template_basedirs=template_basedirs())
    assert exporter.template.filename.endswith(str(Path("formgrade") / "index.html.j2"))
    assert HTMLExporter(template_name="feedback", extra_template_basedirs=template_basedirs()).template.filename \
        .startswith(template_basedirs()[0])


def test_template_is_package_data():
    template = Path(template_basedirs()[0]) / "feedback" / "index.html.j2"
    assert template.is_file() and (template.parent / "conf.json").is_file()
    assert "trainer/templates/**/*" in (REPO / "pyproject.toml").read_text(encoding="utf-8")


# --- slow: nbgrader's own generate_feedback on known submissions, and the audit in Chromium ------------------


def _grade(root: Path, assignment: str) -> None:
    with pytest.MonkeyPatch.context() as env:  # the scratch course's own SQLite gradebook
        env.setenv("NBGRADER_DB_URL", "")
        CohortGrader(root, jobs=2).grade([assignment])


@pytest.fixture(scope="module")
def synthetic(tmp_path_factory):
    """The synthetic assignment graded for a right and a wrong learner; the trainer comments the right one."""
    root, assignment = make_course(tmp_path_factory.mktemp("retours") / "cours", SYNTHETIC)
    solution = load_cases(root, CASES, assignment)[0]
    wrong = SubmissionCase(assignment, "faux", "source", cells={"reponse_taux": "taux = 5.0"})
    for student, case in {"alice": solution, "emma": wrong}.items():
        build_submission(root, case, root / "submitted" / student / assignment)
    _grade(root, assignment)
    with Gradebook(course_folder(root).default_db_url) as gb:
        gb.find_grade("c5_4_reponse_commentaire", assignment, assignment, "alice").manual_score = 1
        gb.find_comment("c5_4_reponse_commentaire", assignment, assignment, "alice").manual_comment = \
            "Réponse rapide et courtoise."
        gb.db.commit()
    run_nbgrader(["generate_feedback", assignment, "--force"], root, env=SQLITE)
    return {name: course_folder(root).feedback(name, assignment, f"{assignment}.html") for name in ("alice", "emma")}


@pytest.mark.slow
def test_generated_feedback_is_the_french_page(synthetic):
    alice = synthetic["alice"].read_text(encoding="utf-8")
    page = Page(alice)
    assert_one_structure(page)
    names = [name for name, _ in page.links]
    assert names[:4] == ["Aller à la vérification C5.3", "Aller à la vérification C5.2",
                         "Aller à votre réponse rédigée C5.4",
                         "Lire le commentaire sur votre réponse rédigée C5.4"]
    assert "Réponse rapide et courtoise." in alice and "Note obtenue : 6 / 6 points" in alice
    assert alice.index("Vos résultats par critère") < alice.index("Sommaire des cellules notées")
    emma = synthetic["emma"].read_text(encoding="utf-8")
    assert "Aller à la vérification C5.3</a> : 1 / 3 points" in emma
    assert "Le taux est faux : revoyez la formule." in emma


def _audit(browser, path: Path) -> tuple[list[str], list[str]]:
    """Why the page fails the audit in Chromium (``tests/browser/axe_support``: serious or critical violations,
    colour rules that checked nothing; every <details> opened), and every request that left the file system."""
    from browser.axe_support import AXE, audit_page

    if not AXE.is_file():
        pytest.skip("axe-core absent (make test installs it)")
    requests: list[str] = []
    context = browser.new_context(locale="fr-FR")
    try:
        page = context.new_page()
        page.on("request", lambda r: requests.append(r.url))
        page.goto(path.as_uri())
        problems = audit_page(page, path.name).problems()
    finally:
        context.close()
    return problems, [u for u in requests if not u.startswith(("file:", "data:"))]


@pytest.mark.slow
@pytest.mark.browser
def test_feedback_pages_pass_the_audit(synthetic, browser):
    """The synthetic pages (a trainer's comment, a wrong answer); the C3 pages are audited with the trainer's
    other pages in tests/browser/test_browser.py."""
    for path in (synthetic["alice"], synthetic["emma"]):
        problems, requests = _audit(browser, path)
        assert not problems, (path.name, problems)
        assert not requests, requests


def test_preprocessed_notebook_stays_valid():
    """The preprocessors add metadata for the template only: the notebook stays valid nbformat."""
    nb, resources = CriterionSummary().preprocess(_notebook(), _resources())
    nb, _ = FeedbackPage().preprocess(nb, resources)
    nbformat.validate(nb)
