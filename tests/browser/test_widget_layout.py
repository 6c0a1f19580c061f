"""What a learner sees of the answer widgets, measured in a real browser (JupyterLab 4, ipywidgets 8, 1400×1000).

Radio groups: ipywidgets gives each option's label a fixed height (20 px), so a label that wraps spilled over the
next option, which covered it: a click on the first option of « Ce que permet la licence de Pexels » (C2.3) chose the
second one. Every radio group of the notebooks opened here is measured: each option's text lies inside its own
label box, no label box overlaps the next one, the group's label is not cut; then a mouse click in the middle of each
line of the first option's text chooses that option (and the answers file says so), and the arrow keys still go
from one option to the next and choose it.

C6's animation plan: its field labels (« Objectif (nombre) ») were cut to « Objectif (… » and the action list too
narrow for its options. Every label must show its whole text, the list must show every option it offers in full,
and the widget must fit in the notebook without horizontal scrolling.

Screenshots of the measured widgets land in tests/browser/captures/ (git-ignored).
"""

from __future__ import annotations

import time
from pathlib import Path

import browser_support as lab_ui
import pytest

from autograder.answers import load_answers
from autograder.moderation import ANIMATION_ACTIONS

pytestmark = [pytest.mark.slow, pytest.mark.browser]

NOTEBOOK = ".jp-NotebookPanel:not(.lm-mod-hidden)"
RADIO_GROUP = f"{NOTEBOOK} .jp-OutputArea-output .widget-radio"
LAW_NOTEBOOK = "release/c2_visuels/c2_visuels.ipynb"
LAW_QUESTION = "Ce que permet la licence de Pexels"
ANSWERS = "reponses_c2_visuels.json"
QID = "c2_3_licence_banque"
PLAN_NOTEBOOK = "release/c6_moderation/c6_moderation.ipynb"
PLAN_HEADING = "Plan d'animation de la communauté"

# One radio group's geometry: its label (description) and, per option, the label box and the lines of its text.
JS_RADIO_GEOMETRY = """
(group) => {
  const rect = (r) => ({left: r.left, top: r.top, right: r.right, bottom: r.bottom, width: r.width, height: r.height});
  const description = group.querySelector(':scope > .widget-label');
  const options = [...group.querySelectorAll('.widget-radio-box > label')].map((label) => {
    const text = [...label.childNodes].find((n) => n.nodeType === Node.TEXT_NODE);
    const range = document.createRange();
    range.selectNodeContents(text);
    return {text: label.textContent, box: rect(label.getBoundingClientRect()),
            lines: [...range.getClientRects()].filter((r) => r.width > 0).map(rect)};
  });
  return {description: description && description.style.display !== 'none' ? {
            text: description.textContent, scrollWidth: description.scrollWidth,
            clientWidth: description.clientWidth} : null,
          horizontal: group.querySelector('.widget-radio-box-horizontal') !== null, options};
}
"""


def _inside(inner: dict, outer: dict, slack: float = 0.5) -> bool:
    return (inner["left"] >= outer["left"] - slack and inner["right"] <= outer["right"] + slack
            and inner["top"] >= outer["top"] - slack and inner["bottom"] <= outer["bottom"] + slack)


def _overlap(a: dict, b: dict, slack: float = 0.5) -> bool:
    return (min(a["right"], b["right"]) - max(a["left"], b["left"]) > slack
            and min(a["bottom"], b["bottom"]) - max(a["top"], b["top"]) > slack)


def radio_layout_problems(geometry: dict) -> list[str]:
    """What a learner could not read or click in one radio group (French lines; none when all is well)."""
    found = []
    description = geometry["description"]
    if description and description["scrollWidth"] > description["clientWidth"] + 1:
        found.append(f"libellé du groupe coupé : « {description['text']} » "
                     f"({description['scrollWidth']} px pour {description['clientWidth']} px)")
    options = geometry["options"]
    for i, option in enumerate(options):
        outside = [line for line in option["lines"] if not _inside(line, option["box"])]
        if outside:
            found.append(f"option « {option['text']} » : {len(outside)} ligne(s) de texte hors de sa case "
                         f"(case {option['box']}, lignes {option['lines']})")
        for other in options[i + 1:]:
            if _overlap(option["box"], other["box"]):
                found.append(f"options « {option['text']} » et « {other['text']} » superposées")
            hidden = [line for line in option["lines"] if _overlap(line, other["box"])]
            if hidden:
                found.append(f"le texte de « {option['text']} » passe sous l'option « {other['text']} »")
    return found


def capture(locator, name: str) -> None:
    lab_ui.CAPTURES.mkdir(parents=True, exist_ok=True)
    locator.scroll_into_view_if_needed()
    locator.screenshot(path=str(lab_ui.CAPTURES / f"mise_en_page__{name}.png"))


def open_and_run(page, lab, rel: str) -> None:
    lab_ui.open_notebook(page, lab, rel)
    lab_ui.wait_kernel_idle(page)
    lab_ui.run_command(page, "notebook:run-all-cells")
    lab_ui.wait_all_run(page)
    assert lab_ui.problems(page.evaluate(lab_ui.JS_NOTEBOOK_STATE)) == [], rel


def wait_saved(path: Path, qid: str, value: object, timeout: float = 60) -> None:
    """Wait until the answers file ``path`` holds ``value`` for ``qid`` (the widget saved the learner's choice)."""
    deadline = time.monotonic() + timeout
    saved = None
    while time.monotonic() < deadline:
        saved = load_answers(path) if path.is_file() else {}
        if not isinstance(saved, dict):
            pytest.fail(f"{path.name} illisible : {saved}")
        if saved.get(qid) == value:
            return
        time.sleep(0.3)
    pytest.fail(f"{path.name} : « {qid} » vaut {saved.get(qid) if saved else None}, {value!r} attendu")


@pytest.mark.parametrize("rel", [LAW_NOTEBOOK, "exercises/09_cadre_juridique.ipynb"])
def test_every_radio_option_is_visible_apart_from_the_next(lab, page, rel):
    open_and_run(page, lab, rel)
    groups = page.locator(RADIO_GROUP)
    assert groups.count() > 0, f"{rel} : aucun groupe de boutons radio"
    found = []
    for n in range(groups.count()):
        group = groups.nth(n)
        group.scroll_into_view_if_needed()
        geometry = group.evaluate(JS_RADIO_GEOMETRY)
        assert len(geometry["options"]) > 1, geometry
        found += [f"groupe {n + 1} : {p}" for p in radio_layout_problems(geometry)]
        if n < 12:
            capture(group, f"{rel.split('/')[-1].removesuffix('.ipynb')}__radio_{n + 1}")
    assert found == [], "\n".join(found)


def test_a_click_on_a_long_option_chooses_it_and_the_arrows_still_move(lab, page):
    open_and_run(page, lab, LAW_NOTEBOOK)
    group = page.locator(RADIO_GROUP).filter(has_text=LAW_QUESTION).first
    group.scroll_into_view_if_needed()
    radios = group.get_by_role("radio")
    first = group.evaluate(JS_RADIO_GEOMETRY)["options"][0]
    assert len(first["lines"]) > 1, f"la première option devrait tenir sur plusieurs lignes : {first}"
    capture(group, "licence_pexels__avant")
    answers = lab.root / LAW_NOTEBOOK.rsplit("/", 1)[0] / ANSWERS

    def middles(option: dict) -> list[tuple[float, float]]:
        """The middle of each line of an option's text, then of its label box (in the viewport, as measured)."""
        return [((r["left"] + r["right"]) / 2, (r["top"] + r["bottom"]) / 2) for r in [*option["lines"], option["box"]]]

    for n in range(len(middles(first))):
        radios.nth(1).focus()
        page.keyboard.press("Space")  # another option first, with the keyboard
        assert radios.nth(1).is_checked()
        wait_saved(answers, QID, "cc0")
        group.scroll_into_view_if_needed()
        x, y = middles(group.evaluate(JS_RADIO_GEOMETRY)["options"][0])[n]  # measured again: the page may scroll
        page.mouse.click(x, y)
        chosen = [o["text"] for o, r in zip(group.evaluate(JS_RADIO_GEOMETRY)["options"], radios.all(), strict=True)
                  if r.is_checked()]
        assert chosen == [first["text"]], f"un clic en ({x:.0f}, {y:.0f}) sur « {first['text']} » a choisi {chosen}"
        wait_saved(answers, QID, "usage_commercial")
    capture(group, "licence_pexels__apres_clic")
    # the keyboard still goes from one option to the next: the course's extension names each radio group, so the
    # arrows move between its options and choose them (one Tab stop per group), and the answer is saved
    focused = "(e) => e === document.activeElement"
    radios.nth(0).focus()
    page.keyboard.press("ArrowDown")
    assert radios.nth(1).evaluate(focused), "la flèche bas ne mène pas à l'option suivante"
    assert radios.nth(1).is_checked()
    wait_saved(answers, QID, "cc0")
    page.keyboard.press("ArrowUp")
    assert radios.nth(0).evaluate(focused), "la flèche haut ne ramène pas à la première option"
    assert radios.nth(0).is_checked()
    wait_saved(answers, QID, "usage_commercial")


# The animation plan's labels and lists: each label's text against its box, each list's options against its width,
# the widget's controls against the output area (no horizontal scrolling).
JS_PLAN_GEOMETRY = """
(output) => {
  const labels = [...output.querySelectorAll('.widget-label')].filter((l) => l.offsetParent && l.textContent.trim())
    .map((l) => ({text: l.textContent, scrollWidth: l.scrollWidth, clientWidth: l.clientWidth}));
  const canvas = document.createElement('canvas').getContext('2d');
  const selects = [...output.querySelectorAll('select:not([multiple]):not([size])')].map((s) => {
    const style = getComputedStyle(s);
    canvas.font = `${style.fontWeight} ${style.fontSize} ${style.fontFamily}`;
    const room = s.clientWidth - parseFloat(style.paddingLeft) - parseFloat(style.paddingRight);
    return {label: s.closest('.widget-dropdown').querySelector('.widget-label').textContent, room,
            options: [...s.options].map((o) => ({text: o.textContent, width: canvas.measureText(o.textContent).width}))};
  });
  const area = output.getBoundingClientRect();
  const controls = [...output.querySelectorAll('input, select, button, textarea, .widget-label')]
    .filter((c) => c.offsetParent)
    .map((c) => ({name: c.textContent || c.getAttribute('aria-label') || c.tagName, right: c.getBoundingClientRect().right}));
  return {labels, selects, right: area.right, scrollWidth: output.scrollWidth, clientWidth: output.clientWidth,
          beyond: controls.filter((c) => c.right > area.right + 0.5)};
}
"""


def plan_layout_problems(geometry: dict) -> list[str]:
    """What a learner could not read in the animation plan, or would have to scroll sideways to see."""
    found = [f"libellé coupé : « {label['text']} » ({label['scrollWidth']} px pour {label['clientWidth']} px)"
             for label in geometry["labels"] if label["scrollWidth"] > label["clientWidth"] + 1]
    for select in geometry["selects"]:
        found += [f"liste « {select['label']} » : « {o['text']} » tronqué ({o['width']:.0f} px pour "
                  f"{select['room']:.0f} px)" for o in select["options"] if o["width"] > select["room"] + 0.5]
    if geometry["scrollWidth"] > geometry["clientWidth"] + 1 or geometry["beyond"]:
        found.append(f"défilement horizontal : {geometry['scrollWidth']} px pour {geometry['clientWidth']} px, "
                     f"hors de la zone : {geometry['beyond']}")
    return found


def test_animation_plan_labels_and_actions_are_read_in_full(lab, page):
    open_and_run(page, lab, PLAN_NOTEBOOK)
    plan = page.locator(f"{NOTEBOOK} .jp-OutputArea-output").filter(
        has=page.locator("h3", has_text=PLAN_HEADING)).first
    plan.scroll_into_view_if_needed()
    capture(plan, "plan_animation")
    geometry = plan.evaluate(JS_PLAN_GEOMETRY)
    labels = {label["text"] for label in geometry["labels"]}
    assert {"Semaine", "Action", "Objectif (nombre)", "Détail"} <= labels, labels
    assert any(s["label"] == "Action" and len(s["options"]) == len(ANIMATION_ACTIONS) for s in geometry["selects"])
    # the longest action, chosen with the mouse, is shown whole
    longest = max(ANIMATION_ACTIONS.values(), key=len)
    plan.get_by_label("Action").select_option(label=longest)
    capture(plan, "plan_animation__action_longue")
    geometry = plan.evaluate(JS_PLAN_GEOMETRY)
    assert plan_layout_problems(geometry) == [], "\n".join(plan_layout_problems(geometry))


# Date-and-time answers (« Publication du vendredi 23 octobre… : jour », then « Heure (Paris) » and « Minutes »): the
# question's label and the day field were squeezed into ipywidgets' fixed-width box, the field shrank to a few pixels
# and the label ran over « Heure (Paris) ».
DATETIME_NOTEBOOK = "release/c5_meta_business_suite/c5_meta_business_suite.ipynb"
MIN_DATE_FIELD = 120  # px: « JJ/MM/AAAA » and the calendar button
JS_DATETIME_GEOMETRY = """
(output) => [...output.querySelectorAll('.widget-datepicker')].map((picker) => {
  const rect = (e) => { const r = e.getBoundingClientRect();
                        return {left: r.left, top: r.top, right: r.right, bottom: r.bottom, width: r.width}; };
  const label = picker.querySelector('.widget-label');
  const field = picker.querySelector('input');
  const answer = picker.closest('.autograder-answer') || output;
  const others = [...answer.querySelectorAll('.widget-dropdown .widget-label, .widget-dropdown select')]
    .map((e) => ({text: e.textContent.trim().slice(0, 40), box: rect(e)}));
  return {label: label.textContent, labelBox: rect(label), scrollWidth: label.scrollWidth,
          clientWidth: label.clientWidth, field: rect(field), others};
})
"""


def datetime_layout_problems(pickers: list[dict]) -> list[str]:
    found = []
    for p in pickers:
        if p["scrollWidth"] > p["clientWidth"] + 1:
            found.append(f"libellé coupé : « {p['label']} » ({p['scrollWidth']} px pour {p['clientWidth']} px)")
        if p["field"]["width"] < MIN_DATE_FIELD:
            found.append(f"« {p['label']} » : champ du jour de {p['field']['width']:.0f} px (au moins {MIN_DATE_FIELD})")
        found += [f"« {p['label']} » recouvre « {o['text']} »" for o in p["others"]
                  if _overlap(p["labelBox"], o["box"]) or _overlap(p["field"], o["box"])]
    return found


def test_a_date_and_time_answer_shows_its_question_and_its_day_field(lab, page):
    open_and_run(page, lab, DATETIME_NOTEBOOK)
    outputs = page.locator(f"{NOTEBOOK} .jp-OutputArea-output").filter(has=page.locator(".widget-datepicker"))
    assert outputs.count() > 0, "aucune réponse date et heure"
    found = []
    for n in range(outputs.count()):
        output = outputs.nth(n)
        output.scroll_into_view_if_needed()
        capture(output, f"date_heure_{n + 1}")
        pickers = output.evaluate(JS_DATETIME_GEOMETRY)
        assert pickers and all(p["others"] for p in pickers), pickers
        found += datetime_layout_problems(pickers)
    assert found == [], "\n".join(found)
