"""Using a notebook's widgets like a learner, with the mouse (imported by the browser tests and the audit).

Every enabled control of the open notebook is used once: text typed, numbers and dates entered, a second
option picked in each list and radio group, boxes ticked, sliders moved with the keyboard, toggle buttons and
buttons clicked (except those that throw work away), so that the states a learner sees are rendered.
"""

from __future__ import annotations

import re

from playwright.sync_api import TimeoutError as PlaywrightTimeout

# Buttons a learner would not press while trying a widget (they throw work away).
DESTRUCTIVE = re.compile(r"effacer|supprimer|réinitialiser|recommencer|vider|annuler|retirer", re.IGNORECASE)


def visible(locator) -> list:
    """The elements of ``locator`` a learner can reach (hidden tabs and collapsed boxes excluded)."""
    found = []
    for element in locator.all():
        if element.is_visible():
            element.scroll_into_view_if_needed()
            found.append(element)
    return found


def interact(page) -> list[str]:
    """Use every widget control of the open notebook like a learner; the list of what was done."""
    done: list[str] = []
    area = page.locator(".jp-NotebookPanel:visible .jp-OutputArea-output")
    fields = (  # what is typed in each kind of field, whether Enter confirms it (else leaving the field does)
        ("input[type=text]", lambda f: "Atelier pain au levain samedi #boulangerie", True, "texte saisi"),
        ("textarea", lambda f: "Bonjour à toutes et à tous ! Nouvelle fournée ce samedi à 8 h, rue de la République.",
         False, "texte long saisi"),
        ("input[type=number]", lambda f: str(int(float(f.get_attribute("min"))) + 1) if f.get_attribute("min") else "3",
         True, "nombre saisi"),
        ("input[type=date]", lambda f: "2027-03-15", False, "date choisie"),
    )
    for kind, value, enter, what in fields:
        for field in visible(area.locator(f".jupyter-widgets {kind}:not([disabled])")):
            field.fill(value(field))
            if enter:
                field.press("Enter")
            else:
                field.blur()
            done.append(what)
    for select in visible(area.locator(".jupyter-widgets select:not([disabled])")):
        options = select.evaluate("(s) => [...s.options].map(o => [o.value, o.textContent])")
        if len(options) > 1:
            try:
                select.select_option(value=options[1][0], timeout=10_000)
            except PlaywrightTimeout:  # an earlier choice re-rendered this list with other options: none to pick
                continue
            done.append(f"choix « {options[1][1].strip()} »")
    for group in visible(area.locator(".jupyter-widgets .widget-radio-box")):
        radios = group.locator("input[type=radio]:not([disabled])")
        if radios.count() > 1:
            try:
                radios.nth(1).check(timeout=10_000)
            except (PlaywrightTimeout, AssertionError):  # re-rendered by an earlier choice
                continue
            done.append("bouton radio choisi")
    for box in visible(area.locator(".jupyter-widgets input[type=checkbox]:not([disabled])")):
        box.check()
        done.append("case cochée")
    for slider in visible(area.locator(".widget-slider [role=slider]")):
        slider.focus()
        slider.press("ArrowRight")
        done.append("curseur au clavier")
    for toggle in visible(area.locator(".widget-toggle-buttons button:not(.mod-active):not([disabled])"))[:3]:
        toggle.click()
        done.append("bouton à bascule")
    for button in visible(area.locator("button.jupyter-button:not([disabled]):not(.widget-toggle-button)")):
        label = (button.inner_text() or button.get_attribute("title") or "").strip()
        if DESTRUCTIVE.search(label) or not button.is_enabled():
            continue
        button.click()
        done.append(f"clic « {label} »")
    return done
