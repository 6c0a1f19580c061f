"""Shared pieces of the builder widgets: the file-backed model and the view's status line.

The model keeps the artefact and its file in step (load when created, atomic save on every change) and
knows nothing of widgets; the view is an ``ipywidgets.Box`` subclass whose children are private and
which calls the model, then redraws. Tests drive views without a browser: set a control's ``.value`` or
call ``.click()`` on a button, then read the saved file.

Also the one place for what every widget shows the same way: coloured buttons whose white text reaches 4.5:1
(:func:`action_button`), a choice among a few options as a labelled group of radio buttons whose state a
screen reader announces (:func:`choice_group`, in place of ``ToggleButtons``), and check results announced
politely when they change (:func:`results_html`).

The course's CSS for widgets is in one place, its JupyterLab extension (``autograder/labextension/``, installed
by :mod:`autograder.setup_lab`): there, a radio option whose label wraps pushes the next option down instead of
spilling under it (ipywidgets gives each option a fixed 20 px height).
"""

from __future__ import annotations

import copy
import html
from collections.abc import Callable
from pathlib import Path
from typing import Any

import ipywidgets as w
import traitlets

from autograder.storage import atomic_write_json, load_state


class FileBackedModel:
    """State (a JSON-able dict) that lives in a file; subclasses validate it and expose the artefact.

    Subclasses define ``default_state()`` and may override ``validate(state)`` (raise ``ValueError`` with a
    French message for an impossible state). ``update(fn)`` applies a change to a copy of the state, validates
    it, saves it, and only then makes it current: a refused change leaves both state and file untouched.
    """

    #: bumped when the file layout changes
    schema_version = 1

    def __init__(self, path: str | Path):
        self.path = Path(path)
        state, self.load_message = load_state(self.path, None)
        if state is None:
            state = self.default_state()
        else:
            try:
                state = self.validate(self._upgrade(state))
            except ValueError as exc:
                from autograder.storage import set_aside

                kept = set_aside(self.path)
                self.load_message = (f"Le fichier « {self.path.name} » contient un état impossible ({exc}). "
                                     f"Il a été mis de côté sous le nom « {kept.name} ».")
                state = self.default_state()
        self.state: dict[str, Any] = state
        self._history: list[dict[str, Any]] = []
        self._listeners: list[Callable[[FileBackedModel], None]] = []

    # -- to override -------------------------------------------------------------------------------------
    def default_state(self) -> dict[str, Any]:
        return {}

    def validate(self, state: dict[str, Any]) -> dict[str, Any]:
        if not isinstance(state, dict):
            raise ValueError("un objet JSON (dictionnaire) était attendu")
        return state

    def _upgrade(self, state: Any) -> Any:
        return state

    # -- mechanics ---------------------------------------------------------------------------------------
    def update(self, change: Callable[[dict[str, Any]], None]) -> None:
        """Apply ``change`` to a copy of the state; validate; save atomically; notify listeners."""
        draft = copy.deepcopy(self.state)
        change(draft)
        draft = self.validate(draft)
        draft["schema_version"] = self.schema_version
        atomic_write_json(self.path, draft)
        self._history.append(self.state)
        del self._history[:-20]
        self.state = draft
        self._notify()

    def undo(self) -> bool:
        """Go back to the state before the last change (saved too); False when there is nothing to undo."""
        if not self._history:
            return False
        previous = self._history.pop()
        atomic_write_json(self.path, previous)
        self.state = previous
        self._notify()
        return True

    def save(self) -> Path:
        return atomic_write_json(self.path, self.state)

    def observe(self, listener: Callable[[FileBackedModel], None]) -> None:
        self._listeners.append(listener)

    def _notify(self) -> None:
        for listener in list(self._listeners):
            listener(self)


class RangeFields(w.HBox):
    """A range chosen with two labelled fields: an accessible stand-in for ``IntRangeSlider`` and
    ``SelectionRangeSlider``, whose slider handles have no accessible name (axe-core « aria-input-field-name »).

    ``value`` is a ``(low, high)`` tuple that can be observed and set like a range slider's. Numbers get two
    ``BoundedIntText`` (``min``/``max``); with ``options`` (a list of values or of ``(label, value)`` pairs) two
    drop-down lists.
    """

    value = traitlets.Tuple()

    def __init__(self, value, *, description: str, options=None, min: int = 0, max: int = 100,  # noqa: A002
                 disabled: bool = False, style=None, **kwargs):
        style = style or {"description_width": "initial"}
        low, high = value
        if options is None:
            self._low = w.BoundedIntText(value=low, min=min, max=max, description=f"{description} : de",
                                         style=style, disabled=disabled, layout=w.Layout(width="auto"))
            self._high = w.BoundedIntText(value=high, min=min, max=max, description="à", disabled=disabled,
                                          layout=w.Layout(width="auto"))
        else:
            self._low = w.Dropdown(options=options, value=low, description=f"{description} : de", style=style,
                                   disabled=disabled)
            self._high = w.Dropdown(options=options, value=high, description="à", disabled=disabled)
        super().__init__(children=[self._low, self._high], **kwargs)
        self.value = (self._low.value, self._high.value)
        self._low.observe(self._from_fields, names="value")
        self._high.observe(self._from_fields, names="value")

    def _from_fields(self, _change=None) -> None:
        if not getattr(self, "_setting", False):
            self.value = (self._low.value, self._high.value)

    @traitlets.observe("value")
    def _to_fields(self, change) -> None:
        low, high = change["new"]
        self._setting = True  # one change event for the pair, not one per field
        try:
            self._low.value, self._high.value = low, high
        finally:
            self._setting = False


#: Background of the coloured buttons, by ``button_style``: JupyterLab's own colours give white text too little
#: contrast (« success » #388e3c: 4.11:1); these reach WCAG AA's 4.5:1 (success 5.13:1, primary 5.75:1,
#: danger 5.62:1, info 7.4:1, warning 6.56:1).
BUTTON_COLOURS = {"success": "#2e7d32", "primary": "#1565c0", "danger": "#c62828", "info": "#01579b",
                  "warning": "#8a4f00"}


def action_button(description: str, button_style: str = "", **kwargs) -> w.Button:
    """A ``Button`` in the course's colours: ``button_style`` (« success », « primary », « danger »…) keeps its
    meaning, with a background dark enough for its white text (:data:`BUTTON_COLOURS`)."""
    button = w.Button(description=description, button_style=button_style, **kwargs)
    if button_style in BUTTON_COLOURS:
        button.style.button_color = BUTTON_COLOURS[button_style]
        button.style.text_color = "#ffffff"
    return button


def choice_group(options, description: str, value=None, **kwargs) -> w.RadioButtons:
    """One option among a few, side by side (« Mois » / « Liste », « Couleur » / « Image »…).

    ``ToggleButtons`` show the chosen option only by a darker grey and say nothing to a screen reader; this is
    a group of radio buttons, as :class:`~autograder.widgets.answers.ChoiceAnswer` uses: each option is a
    labelled radio button whose state (« coché ») is announced, reached with Tab and chosen with Space.
    ``value`` defaults to the first option, as a ``ToggleButtons``' does.
    """
    style = {"description_width": "initial", **(kwargs.pop("style", None) or {})}
    layout = kwargs.pop("layout", None) or w.Layout(width="auto")  # every option on the line, none cut off
    group = w.RadioButtons(options=options, description=description, orientation="horizontal", style=style,
                           layout=layout, **kwargs)
    if value is not None:
        group.value = value
    group.add_class("autograder-choice-group")
    return group


class StatusLine(w.HTML):
    """A polite live region for French messages: errors, confirmations, hints."""

    _STYLES = {
        "erreur": ("#a4161a", "#fdecea", "Erreur : "),
        "ok": ("#0b6b3a", "#e8f5ec", ""),
        "info": ("#1a1a1a", "#f2f2f2", ""),
    }

    def __init__(self, **kwargs):
        super().__init__(value="", **kwargs)
        self.add_class("autograder-status")
        self.message = ""  # nothing shown yet: a form re-opened on saved answers reads these before any message
        self.kind = ""

    def show(self, message: str, kind: str = "info") -> None:
        colour, background, prefix = self._STYLES.get(kind, self._STYLES["info"])
        role = "alert" if kind == "erreur" else "status"
        self.value = (
            f'<div role="{role}" aria-live="polite" style="color:{colour};background:{background};'
            f'padding:4px 8px;border-radius:4px">{html.escape(prefix + message)}</div>'
        )
        self.message = message
        self.kind = kind

    def attempt(self, action: Callable[[], Any], ok_message: str | Callable[[Any], str],
                kept: str = "Le dernier état valable est conservé.") -> bool:
        """Run a learner's change; say in French that it worked, or why it was refused and that nothing was lost.

        ``action`` raises ``ValueError``/``KeyError``/``TypeError`` with a French message to refuse the change
        (models validate before saving, so a refused change leaves state and file untouched). ``ok_message``
        may be a function of the action's result. Returns whether the change was accepted.
        """
        try:
            result = action()
        except (ValueError, KeyError, TypeError) as exc:
            message = exc.args[0] if exc.args else str(exc)
            self.show(f"{str(message).rstrip('.')}. {kept}", "erreur")
            return False
        self.show(ok_message(result) if callable(ok_message) else ok_message, "ok")
        return True

    def clear(self) -> None:
        self.value = ""
        self.message = ""
        self.kind = ""


def results_html(results, announce: bool = True) -> str:
    """HTML of a list of check results (the same cards the graded cells show).

    With ``announce``, a first sentence (« Vérification : 3 / 5 points… ») is a polite live region, so that a
    screen reader says the result when it changes; a view that already announces it (a
    :class:`StatusLine`) passes ``announce=False``.
    """
    from autograder.numbers import fmt_points
    from autograder.results import summary

    results = list(results)
    cards = summary(results)._repr_html_()
    if not announce or not results:
        return cards
    earned, possible = sum(r.points for r in results), sum(r.possible for r in results)
    passed = sum(bool(r.passed) for r in results)
    sentence = (f"Vérification\u00a0: {fmt_points(earned)} / {fmt_points(possible)} point{'s' if possible > 1 else ''}\u00a0; "
                f"{passed} vérification{'s' if passed > 1 else ''} réussie{'s' if passed > 1 else ''} sur "
                f"{len(results)}.")
    return (f'<p role="status" aria-live="polite" style="margin:4px 0;font-weight:bold">{html.escape(sentence)}</p>'
            + cards)
