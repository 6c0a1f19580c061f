"""A lesson's widgets with the keyboard alone: Tab reaches every control, Space, Enter and the arrows use them.

Lesson 03's plan builder (a radio group, lists, a date, text fields, buttons) is run in the session's JupyterLab;
the only programmatic focus is on its first control, as a learner arriving there from the cell above. From
there the test presses Tab through the whole builder, checking that every enabled control is reached in turn (a
radio group is one stop, its chosen option, as in the WAI-ARIA radio group pattern: the course's JupyterLab
extension gives each group of ipywidgets a name), then uses it without the mouse: the right arrow on « Mois »
chooses « Liste » and shows the list view, Space opens the network's list where the arrows and Enter choose
another, typed text changes the time, and Enter on « Ajouter » adds the publication to the learner's file. (On a closed list, JupyterLab takes the arrow keys for moving between cells: ipywidgets
issue 3912; Space, the arrows and Enter are the way a learner changes a list with the keyboard.)
"""

from __future__ import annotations

import json
import time

import pytest
from browser_support import open_notebook, run_command, wait_all_run, wait_kernel_idle

pytestmark = [pytest.mark.slow, pytest.mark.browser]

LESSON = "course/03_plan_social_media.ipynb"
PLAN_FILE = "plan_lecon.json"  # what the lesson's builder writes next to the notebook
BUILDER = ".jp-NotebookPanel:visible .jp-OutputArea-output:has(.autograder-choice-group)"
CONTROLS = "input:not([disabled]), select:not([disabled]), textarea:not([disabled]), button:not([disabled])"

# The focused element, named as a screen reader would read it: its label (or text) and its state.
JS_FOCUSED = """
() => { const e = document.activeElement;
        if (!e) return null;
        const box = e.closest('.jupyter-widgets:not(.widget-box)');
        const label = e.closest('label') ? e.closest('label').textContent
                    : (box && box.querySelector('.widget-label') ? box.querySelector('.widget-label').textContent
                                                                  : e.textContent);
        return {tag: e.tagName.toLowerCase(), type: e.type || '', label: (label || '').trim(), kb: e.dataset.kb || '',
                checked: !!e.checked, value: e.value === undefined ? '' : String(e.value),
                inBuilder: !!e.closest('.jp-OutputArea-output') &&
                           !!e.closest('.jp-OutputArea-output').querySelector('.autograder-choice-group')}; }
"""


# The builder's Tab stops, by their index among CONTROLS: every control, but one option per named radio group (the
# checked one, or the first when none is).
JS_TAB_STOPS = """
(el, sel) => [...el.querySelectorAll(sel)].filter((c) => {
    if (c.type !== 'radio' || !c.name) return true;
    const group = [...el.querySelectorAll(sel)].filter(o => o.type === 'radio' && o.name === c.name);
    return c.checked || (!group.some(o => o.checked) && group[0] === c);
  }).map(c => Number(c.dataset.kb))
"""


def _focused(page) -> dict:
    return page.evaluate(JS_FOCUSED)


def _tab_to(page, label: str, tag: str, limit: int = 40) -> dict:
    """Press Tab until the control named ``label`` (a ``tag``) has the focus; fail if it is never reached."""
    for _ in range(limit):
        page.keyboard.press("Tab")
        now = _focused(page)
        if now and now["tag"] == tag and now["label"].startswith(label):
            return now
    raise AssertionError(f"« {label} » ({tag}) jamais atteint au clavier ; dernier élément : {_focused(page)}")


def _plan(lab) -> dict:
    path = lab.root / "course" / PLAN_FILE
    return json.loads(path.read_text(encoding="utf-8")) if path.is_file() else {}


def test_plan_builder_with_the_keyboard_alone(lab, page):
    open_notebook(page, lab, LESSON)
    wait_kernel_idle(page)
    run_command(page, "notebook:run-all-cells")
    wait_all_run(page)
    builder = page.locator(BUILDER).first
    builder.scroll_into_view_if_needed()
    controls = builder.locator(CONTROLS)
    expected = controls.count()
    assert expected > 10, expected

    # Tab reaches every enabled control of the builder in the order shown (a date field is several stops:
    # day, month, year; a radio group is one, its checked option), then leaves it.
    builder.evaluate("(el, sel) => el.querySelectorAll(sel).forEach((c, i) => { c.dataset.kb = String(i); })", CONTROLS)
    stops = builder.evaluate(JS_TAB_STOPS, CONTROLS)
    assert len(stops) < expected  # the radio group's other options are no stop of their own
    controls.first.focus()
    reached = [_focused(page)]
    for _ in range(expected * 4):
        page.keyboard.press("Tab")
        now = _focused(page)
        if not now or not now["inBuilder"]:
            break
        reached.append(now)
    order = list(dict.fromkeys(int(r["kb"]) for r in reached))
    assert order == stops, [f"{r['kb']} {r['tag']} {r['label']}" for r in reached]
    assert reached[0]["type"] == "radio" and reached[0]["label"] == "Mois" and reached[0]["checked"]

    # The right arrow on « Mois » chooses the next option, « Liste » (a radio button: its state is announced),
    # which shows the plan as a list; the focus stays in the group.
    controls.first.focus()
    page.keyboard.press("ArrowRight")
    liste = _focused(page)
    assert liste["type"] == "radio" and liste["label"] == "Liste" and liste["checked"], liste
    builder.get_by_text("publication(s)").first.wait_for()

    # Space, an arrow and Enter change the network; typing changes the time; Enter on « Ajouter » adds the post.
    before = len(_plan(lab).get("posts", []))
    network = _tab_to(page, "Réseau", "select")
    for key in ("Space", "ArrowDown", "Enter"):
        page.keyboard.press(key)
    chosen = _focused(page)
    assert chosen["label"].startswith("Réseau") and chosen["value"] != network["value"], (network, chosen)
    controls.first.focus()
    _tab_to(page, "Heure", "input")
    page.keyboard.press("Control+A")
    page.keyboard.type("09:15")
    _tab_to(page, "Ajouter", "button")
    page.keyboard.press("Enter")
    builder.get_by_text("ajoutée").first.wait_for()
    deadline = time.monotonic() + 60
    while len(_plan(lab).get("posts", [])) == before and time.monotonic() < deadline:
        time.sleep(0.5)
    posts = _plan(lab)["posts"]
    assert len(posts) == before + 1, posts
    added = [p for p in posts if p["time"] == "09:15"]
    assert len(added) == 1 and added[0]["network"] == "linkedin", (added, chosen)  # the one after Instagram
