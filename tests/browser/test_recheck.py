"""« Vérifier à nouveau » under an assignment's result cards: the learner sees the new result of their files
without running the cell again (autograder.checks.registry.show), in a real browser."""

from __future__ import annotations

import shutil

import browser_support as lab_ui
import pytest

from autograder.checks.registry import RECHECK
from autograder.typography import plain_spaces

pytestmark = [pytest.mark.slow, pytest.mark.browser]

NOTEBOOK = ".jp-NotebookPanel:not(.lm-mod-hidden)"
ASSIGNMENT = "c3_plan_editorial"
PLAN = "plan_editorial.json"
SOLUTION = lab_ui.REPO / "tests" / "pipeline_cases" / ASSIGNMENT / "solution" / PLAN
CELL = "c3_1_regularite_test"


def _cell(page, grade_id: str):
    index = page.evaluate(
        """(gid) => [...window.jupyterapp.shell.currentWidget.content.model.cells]
                     .findIndex(c => ((c.getMetadata('nbgrader') || {}).grade_id) === gid)""", grade_id)
    assert index >= 0, grade_id
    return page.locator(f"{NOTEBOOK} .jp-Cell").nth(index)


def test_the_result_cards_are_read_again_on_demand(lab, page):
    folder = lab.root / "release" / ASSIGNMENT
    plan = folder / PLAN
    assert not plan.exists()
    lab_ui.open_notebook(page, lab, f"release/{ASSIGNMENT}/{ASSIGNMENT}.ipynb")
    lab_ui.wait_kernel_idle(page)
    lab_ui.run_command(page, "notebook:run-all-cells")
    lab_ui.wait_all_run(page)
    cell = _cell(page, CELL)
    cell.scroll_into_view_if_needed()
    before = plain_spaces(cell.locator(".jp-OutputArea").inner_text())
    assert "0 / 4" in before, before  # no plan yet
    try:
        shutil.copyfile(SOLUTION, plan)  # what the plan builder saves, as the learner's answers would
        cell.get_by_role("button", name=RECHECK).click()
        page.wait_for_function(
            "(el) => !el.innerText.replace(/\\s/g, ' ').includes('0 / 4')",
            arg=cell.locator(".jp-OutputArea").element_handle(), timeout=lab_ui.UI_TIMEOUT)
        after = plain_spaces(cell.locator(".jp-OutputArea").inner_text())
        assert "4 / 4" in after, after
        assert cell.get_by_role("button", name=RECHECK).count() == 1  # updated in place, not added below
        problems = lab_ui.problems(page.evaluate(lab_ui.JS_NOTEBOOK_STATE))
        assert problems == [], problems
    finally:
        plan.unlink(missing_ok=True)
