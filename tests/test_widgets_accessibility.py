"""What every widget and trainer page shows the same way for people with a disability (issue 16).

Coloured buttons whose white text reaches 4.5:1; a choice among a few options as radio buttons (whose state a
screen reader announces) instead of toggle buttons; check results announced politely when they change; the
calendar's cues in words, not only in colour; one main landmark and one H1 on the grid, dashboard and dossier.
The same pages and notebooks are audited in Chromium by tests/browser (axe-core).
"""

from __future__ import annotations

import ast
import datetime as dt
from html.parser import HTMLParser

import ipywidgets as w
import pytest

from autograder import insights, referentiel
from autograder.data import case_meta
from autograder.plan import Plan
from autograder.results import CheckResult
from autograder.trainer.dashboard import dashboard_html
from autograder.trainer.dossier import dossier_html
from autograder.trainer.report import CriterionGrade, LearnerGrid, grid_html
from autograder.widgets.base import BUTTON_COLOURS, action_button, choice_group, results_html
from autograder.widgets.plan_builder import month_html

from course_support import REPO

JUPYTERLAB_SUCCESS = "#388e3c"  # JupyterLab's « success » background: 4.11:1 under white text
# JupyterLab's backgrounds for ``button_style`` (--jp-brand-color1, --jp-success-color1…), under white text
JUPYTERLAB_BUTTONS = {"primary": "#1976d2", "success": JUPYTERLAB_SUCCESS, "info": "#0288d1", "warning": "#f57c00",
                      "danger": "#d32f2f"}


def contrast(a: str, b: str) -> float:
    """WCAG 2 contrast ratio of two #rrggbb colours."""

    def luminance(colour: str) -> float:
        channels = [int(colour.lstrip("#")[i:i + 2], 16) / 255 for i in (0, 2, 4)]
        r, g, b = (c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4 for c in channels)
        return 0.2126 * r + 0.7152 * g + 0.0722 * b

    high, low = sorted((luminance(a), luminance(b)), reverse=True)
    return (high + 0.05) / (low + 0.05)


def test_contrast_formula_reproduces_the_failing_jupyterlab_green():
    assert round(contrast("#ffffff", JUPYTERLAB_SUCCESS), 2) == 4.12  # axe-core: 4.11 (rounded down)
    assert contrast("#ffffff", JUPYTERLAB_SUCCESS) < 4.5


@pytest.mark.parametrize("kind", sorted(BUTTON_COLOURS))
def test_coloured_buttons_reach_4_5_to_1(kind):
    button = action_button("Ajouter", button_style=kind, tooltip="Ajouter au plan")
    assert button.button_style == kind and button.description == "Ajouter"
    assert button.style.button_color == BUTTON_COLOURS[kind] and button.style.text_color == "#ffffff"
    assert contrast("#ffffff", BUTTON_COLOURS[kind]) >= 4.5


def test_a_plain_button_keeps_jupyterlab_colours():
    button = action_button("Annuler")
    assert button.style.button_color is None


def _widget_sources() -> dict[str, ast.Module]:
    return {p.name: ast.parse(p.read_text(encoding="utf-8")) for p in (REPO / "autograder" / "widgets").glob("*.py")}


def test_no_toggle_buttons_and_no_low_contrast_button():
    """ToggleButtons say nothing of their state; a ``w.Button`` in a style whose JupyterLab colour gives white
    text less than 4.5:1 (« success », « info », « warning ») must come from ``action_button``."""
    weak = {k for k, colour in JUPYTERLAB_BUTTONS.items() if contrast("#ffffff", colour) < 4.5}
    assert weak == {"success", "info", "warning"}
    found = []
    for name, tree in _widget_sources().items():
        for node in ast.walk(tree):
            if isinstance(node, ast.Attribute) and node.attr in ("ToggleButtons", "ToggleButton"):
                found.append(f"{name}:{node.lineno} {node.attr}")
            if isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute) and node.func.attr == "Button":
                styles = [k.value.value for k in node.keywords if k.arg == "button_style"
                          and isinstance(k.value, ast.Constant)]
                if set(styles) & weak:
                    found.append(f"{name}:{node.lineno} w.Button(button_style={styles[0]!r}) : action_button")
    assert found == []


def test_choice_group_is_a_labelled_horizontal_radio_group():
    group = choice_group([("Mois", "mois"), ("Liste", "liste")], description="Affichage :")
    assert isinstance(group, w.RadioButtons) and group.orientation == "horizontal"
    assert group.value == "mois" and group.description == "Affichage :"  # the first option, as toggle buttons
    assert choice_group(["vouvoiement", "tutoiement"], description="Ton", value="tutoiement").value == "tutoiement"
    assert group.style.description_width == "initial" and group.layout.width == "auto"  # nothing cut off


def test_the_former_toggle_groups_are_radio_groups(tmp_path, monkeypatch):
    from autograder.widgets.audience import AudienceExplorer
    from autograder.widgets.campaign_builder import CampaignBuilder
    from autograder.widgets.company_editor import CompanyEditor
    from autograder.widgets.plan_builder import PlanBuilder
    from autograder.widgets.visual_studio import VisualStudio

    monkeypatch.chdir(tmp_path)
    data = case_meta.load_case()
    audience, posts = data["audience"], insights.combined_posts(data["facebook_posts"], data["instagram_posts"])
    groups = {"Affichage :": PlanBuilder(tmp_path / "plan.json", start="2027-10-01", live_checks=False)._view,
              "Réseau": AudienceExplorer(tmp_path / "audience.json", audience=audience, posts=posts)._network,
              "Budget": CampaignBuilder(tmp_path / "campagne.json")._kind,
              "Ton": CompanyEditor(tmp_path / "entreprise.json")._tone,
              "Fond": VisualStudio(tmp_path / "visuel.json")._bg_kind}
    for label, group in groups.items():
        assert isinstance(group, w.RadioButtons) and group.description == label, label
        assert "autograder-choice-group" in group._dom_classes


def _result(ok: bool) -> CheckResult:
    result = CheckResult("C3.2", "Plan de publication")
    result.add(ok, 2, "Trois réseaux au plan.", "Ajoutez un troisième réseau.")
    return result


def test_check_results_are_announced_politely():
    text = results_html([_result(True), _result(False)])
    assert text.startswith('<p role="status" aria-live="polite"')
    assert "Vérification\u00a0: 2 / 4 points\u00a0; 1 vérification réussie sur 2." in text
    assert "Ajoutez un troisième réseau." in text  # the cards follow
    quiet = results_html([_result(True)], announce=False)  # a view whose status line says it already
    assert "aria-live" not in quiet and "Trois réseaux au plan." in quiet
    assert results_html([]) == results_html([], announce=False)


def test_calendar_says_in_words_what_its_colours_show():
    plan = Plan.load(REPO / "tests" / "pipeline_cases" / "c3_plan_editorial" / "solution" / "plan_editorial.json")
    chosen = plan.sorted_posts()[0]
    page = month_html(plan, chosen.date.year, chosen.date.month, selected=chosen.id)
    assert page.count("▶ ") == 1 and f"▶ {chosen.time}" in page
    before = plan.start - dt.timedelta(days=1)
    if before.month == plan.start.month:  # the plan starts within the month: the days before are out of it
        assert "(hors période)" in month_html(plan, plan.start.year, plan.start.month)
    outside = month_html(plan, plan.end.year + 1, 1)
    assert outside.count("(hors période)") == 31


class _Landmarks(HTMLParser):
    def __init__(self, text: str):
        super().__init__()
        self.tags: dict[str, int] = {}
        self.outside_main = 0
        self._depth = 0
        self.feed(text)

    def handle_starttag(self, tag, attrs):
        self.tags[tag] = self.tags.get(tag, 0) + 1
        if tag == "main":
            self._depth += 1

    def handle_endtag(self, tag):
        if tag == "main":
            self._depth -= 1

    def handle_data(self, data):
        if data.strip() and not self._depth and self.tags.get("body"):
            self.outside_main += 1


def _grid() -> LearnerGrid:
    grid = LearnerGrid("alice", {c.id: CriterionGrade(c.id) for c in referentiel.CRITERIA})
    grid.criteria["C3.2"].points, grid.criteria["C3.2"].possible = 2, 4
    return grid


@pytest.mark.parametrize("page", ["grille", "tableau de bord", "tableau de bord vide", "dossier"])
def test_trainer_pages_have_one_main_landmark_and_one_h1(page):
    text = {"grille": lambda: grid_html(_grid()),
            "tableau de bord": lambda: dashboard_html({"alice": _grid()}),
            "tableau de bord vide": lambda: dashboard_html({}),
            "dossier": lambda: dossier_html("alice", _grid(), "La Fournée de Léa")}[page]()
    found = _Landmarks(text)
    assert found.tags.get("main") == 1 and found.tags.get("h1") == 1, found.tags
    assert found.outside_main == 0  # every text inside the landmark
