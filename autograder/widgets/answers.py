"""Answer widgets: every kind of answer a learner gives, typed or picked, never coded.

Each widget answers one question (``qid``) of a notebook and keeps its answer in the notebook's answers
file (:class:`autograder.answers.AnswerStore`, ``reponses_<notebook>.json``): it reads its answer back when
created (a restarted kernel finds it again), saves on every valid change, and on an invalid input says in
French what was expected (a :class:`~autograder.widgets.base.StatusLine`) and keeps the last good answer.
``.value`` is the saved answer (``None`` before the first one).

| widget              | the learner                                        | saved value                      |
| ------------------- | -------------------------------------------------- | -------------------------------- |
| ``NumberAnswer``    | types « 1 520,5 » or « 12,5 € »                    | ``1520.5``                       |
| ``PercentAnswer``   | types « 4,5 % »                                    | ``4.5`` (points of percentage)   |
| ``ChoiceAnswer``    | picks one radio button                             | the option's id                  |
| ``MultiChoiceAnswer`` | ticks boxes                                      | ids, in the options' order       |
| ``RankedAnswer``    | orders items with « Monter » / « Descendre »       | ids, first to last               |
| ``DateTimeAnswer``  | picks a day, an hour and minutes (Paris time)      | ISO text with its offset         |
| ``TextAnswer``      | writes a short or a long text (live counter)       | the trimmed text                 |
| ``TableAnswer``     | fills one labelled field per row                   | ``{row: number}``                |
| ``FileAnswer``      | uploads a PNG, JPEG or SRT file                    | ``{"file": "reponse_<qid>.png", …}`` |

No slider (its handle has no accessible name) and no colour picker: every control carries a French
``description`` (its visible label) or a tooltip. Tests drive the controls without a browser.
"""

from __future__ import annotations

import abc
import datetime as dt
import html
from collections.abc import Sequence
from pathlib import Path
from typing import Any

import ipywidgets as w

from autograder import answers as A
from autograder.numbers import fr_value
from autograder.widgets.base import StatusLine

STYLE = {"description_width": "initial"}
KEPT = "La dernière réponse valable est conservée."


def as_store(store: A.AnswerStore | str | Path) -> A.AnswerStore:
    """An :class:`~autograder.answers.AnswerStore`, or one opened on the file ``store``."""
    return store if isinstance(store, A.AnswerStore) else A.AnswerStore(store)


def _label_html(label: str) -> str:
    return f'<div style="font-weight:bold;margin:4px 0">{html.escape(label)}</div>'


class _AnswerMeta(type(w.VBox), abc.ABCMeta):
    """ipywidgets' metaclass with abstract methods: a subclass that forgets one cannot be created."""


class AnswerWidget(w.VBox, metaclass=_AnswerMeta):
    """What every answer widget shares: the store, the question id, the status line, load and save.

    Subclasses build ``self._controls`` (the children shown above the status line), define
    ``_show(value)`` to put a saved value in the controls and ``_read()`` to turn the controls into a value
    (raising a French ``ValueError`` when they hold no valid answer), and may override ``_saved_message``.
    """

    def __init__(self, qid: str, store: A.AnswerStore | str | Path, label: str, controls: Sequence[w.Widget],
                 **kwargs):
        self.qid = A.check_qid(qid)
        self.label = label
        self.store = as_store(store)
        self._status = StatusLine()
        self._syncing = False
        super().__init__(children=[*controls, self._status], **kwargs)
        self.add_class("autograder-answer")
        if self.store.load_message:
            self._status.show(self.store.load_message, "erreur")
        saved = self.store.get(self.qid)
        if saved is not None:
            try:
                self._validate_saved(saved)
            except ValueError as exc:
                self._status.show(f"La réponse enregistrée n'est plus valable ({str(exc).rstrip('.')}) : "
                                  "répondez à nouveau.", "erreur")
            else:
                self._put(saved)

    # -- to override ------------------------------------------------------------------------------------
    @abc.abstractmethod
    def _read(self) -> Any:
        """The controls' answer, or a French ``ValueError`` when they hold no valid one."""

    @abc.abstractmethod
    def _show(self, value: Any) -> None:
        """Put a saved ``value`` in the controls."""

    def _validate_saved(self, value: Any) -> Any:
        """Raise a ``ValueError`` when a value read from the file (maybe edited by hand) does not fit."""
        return value

    def _saved_message(self, value: Any) -> str:
        return "Réponse enregistrée."

    # -- mechanics ---------------------------------------------------------------------------------------
    @property
    def value(self) -> Any:
        """The saved answer (``None`` when there is none yet)."""
        return self.store.get(self.qid)

    @property
    def refused(self) -> bool:
        """Whether the learner's last input was refused (the saved answer is then an earlier one)."""
        return self._status.kind == "erreur"

    def _put(self, value: Any) -> None:
        """Show ``value`` in the controls without saving it again."""
        self._syncing = True
        try:
            self._show(value)
        finally:
            self._syncing = False

    def _changed(self, _change=None, *, restore: bool = False) -> bool:
        """The controls changed: save their value, or say why not (and put back the last good answer when
        ``restore``, for controls that cannot hold an invalid state, such as boxes)."""
        if self._syncing:
            return False

        def save():
            value = self._read()
            self.store.set(self.qid, value)
            return value

        ok = self._status.attempt(save, self._saved_message, KEPT)
        if not ok and restore:
            saved = self.store.get(self.qid)
            if saved is None:
                self._put_empty()
            else:
                self._put(saved)
        return ok

    def _put_empty(self) -> None:
        """Clear the controls (no saved answer to put back)."""


class _TypedAnswer(AnswerWidget):
    """One text field whose content a parser reads (numbers, percentages)."""

    placeholder = ""

    def __init__(self, qid, store, label: str, *, description: str | None = None, width: str = "360px",
                 **kwargs):
        self._field = w.Text(description=description or label, placeholder=self.placeholder, style=STYLE,
                             continuous_update=False, layout=w.Layout(width=width))
        self._field.observe(self._changed, names="value")
        super().__init__(qid, store, label, [self._field], **kwargs)

    def _show(self, value) -> None:
        self._field.value = self._format(value)

    def _format(self, value) -> str:
        return fr_value(value)

    def _validate_saved(self, value):
        return self._parse(value)

    def _read(self):
        return self._parse(self._field.value)

    @abc.abstractmethod
    def _parse(self, value):
        """The typed text as a value, or a French ``ValueError`` that says what was expected."""


class NumberAnswer(_TypedAnswer):
    """A number, with or without its unit, decimal comma or point (« 1 520,5 », « 12,5 € »)."""

    placeholder = "par exemple 1 520,5"

    def __init__(self, qid, store, label: str, *, unit: str | None = None, minimum: float | None = None,
                 maximum: float | None = None, integer: bool = False, **kwargs):
        self.unit, self.minimum, self.maximum, self.integer = unit, minimum, maximum, integer
        description = f"{label} (en {unit})" if unit else label
        super().__init__(qid, store, label, description=kwargs.pop("description", description), **kwargs)

    def _parse(self, value) -> float:
        number = A.parse_number(value, self.label, unit=self.unit, minimum=self.minimum, maximum=self.maximum,
                                integer=self.integer)
        return int(number) if self.integer else number

    def _format(self, value) -> str:
        return fr_value(value) + (f"\u00a0{self.unit}" if self.unit else "")

    def _saved_message(self, value) -> str:
        return f"Réponse enregistrée : {self._format(value)}."


class PercentAnswer(_TypedAnswer):
    """A percentage, « 4,5 % » or « 4,5 » (saved as 4.5); « 0,045 » is refused as a proportion."""

    placeholder = "par exemple 4,5 %"

    def __init__(self, qid, store, label: str, *, minimum: float | None = 0.0, maximum: float | None = 100.0,
                 **kwargs):
        self.minimum, self.maximum = minimum, maximum
        super().__init__(qid, store, label, description=kwargs.pop("description", f"{label} (en %)"), **kwargs)

    def _parse(self, value) -> float:
        return A.parse_percent(value, self.label, minimum=self.minimum, maximum=self.maximum)

    def _format(self, value) -> str:
        return f"{fr_value(value)}\u00a0%"

    def _saved_message(self, value) -> str:
        return f"Réponse enregistrée : {self._format(value)}."


class ChoiceAnswer(AnswerWidget):
    """One answer among options (``(label, id)`` pairs or ids): a radio group with a visible label."""

    def __init__(self, qid, store, label: str, options: Sequence, **kwargs):
        self.options = [tuple(o) if isinstance(o, tuple | list) else (str(o), o) for o in options]
        self._radio = w.RadioButtons(options=self.options, value=None, description=label, style=STYLE,
                                     layout=w.Layout(width="auto"))
        self._radio.observe(self._changed, names="value")
        super().__init__(qid, store, label, [self._radio], **kwargs)

    def _read(self):
        return A.parse_choice(self._radio.value, self.options, self.label)

    def _show(self, value) -> None:
        self._radio.value = value

    def _validate_saved(self, value):
        return A.parse_choice(value, self.options, self.label)

    def _saved_message(self, value) -> str:
        return f"Réponse enregistrée : « {dict((v, k) for k, v in self.options)[value]} »."


class MultiChoiceAnswer(AnswerWidget):
    """Several answers among options: one labelled checkbox each, under a visible group label."""

    def __init__(self, qid, store, label: str, options: Sequence, *, minimum: int = 1, maximum: int | None = None,
                 **kwargs):
        self.options = [tuple(o) if isinstance(o, tuple | list) else (str(o), o) for o in options]
        self.minimum, self.maximum = minimum, maximum
        self._boxes = {oid: w.Checkbox(value=False, description=text, indent=False, layout=w.Layout(width="auto"))
                       for text, oid in self.options}
        for box in self._boxes.values():
            box.observe(lambda change: self._changed(change, restore=True), names="value")
        hint = f" ({maximum} au plus)" if maximum else ""
        heading = w.HTML(_label_html(label + hint))
        super().__init__(qid, store, label, [heading, *self._boxes.values()], **kwargs)

    def _read(self):
        ticked = [oid for oid, box in self._boxes.items() if box.value]
        return A.parse_choices(ticked, self.options, self.label, minimum=self.minimum, maximum=self.maximum)

    def _show(self, value) -> None:
        for oid, box in self._boxes.items():
            box.value = oid in value

    def _put_empty(self) -> None:
        self._show([])

    def _validate_saved(self, value):
        return A.parse_choices(value, self.options, self.label, minimum=self.minimum, maximum=self.maximum)

    def _saved_message(self, value) -> str:
        names = dict((v, k) for k, v in self.options)
        return "Réponse enregistrée : " + ", ".join(names[v] for v in value) + "."


class RankedAnswer(AnswerWidget):
    """Items put in order: pick one in the list, then « Monter » or « Descendre »; « Enregistrer cet ordre »
    saves the order shown when it is already right."""

    def __init__(self, qid, store, label: str, items: Sequence, **kwargs):
        self.items = [tuple(o) if isinstance(o, tuple | list) else (str(o), o) for o in items]
        self._names = dict((v, k) for k, v in self.items)
        self._order = [oid for _, oid in self.items]
        self._list = w.Select(options=self._options(), rows=len(self.items), description=label, style=STYLE,
                              layout=w.Layout(width="auto"))
        self._up = w.Button(description="Monter", icon="arrow-up",
                            tooltip="Monter d'un rang l'élément choisi dans la liste")
        self._down = w.Button(description="Descendre", icon="arrow-down",
                              tooltip="Descendre d'un rang l'élément choisi dans la liste")
        self._keep = w.Button(description="Enregistrer cet ordre", icon="check",
                              tooltip="Enregistrer le classement tel qu'il est affiché")
        self._up.on_click(lambda _: self._move(-1))
        self._down.on_click(lambda _: self._move(+1))
        self._keep.on_click(lambda _: self._changed())
        super().__init__(qid, store, label, [self._list, w.HBox([self._up, self._down, self._keep])], **kwargs)

    def _options(self):
        return [(f"{rank}. {self._names[oid]}", oid) for rank, oid in enumerate(self._order, start=1)]

    def _move(self, step: int) -> None:
        chosen = self._list.value
        if chosen is None:
            self._status.show("Choisissez d'abord un élément dans la liste.", "info")
            return
        i = self._order.index(chosen)
        j = i + step
        if not 0 <= j < len(self._order):
            self._status.show(f"« {self._names[chosen]} » est déjà {'premier' if j < 0 else 'dernier'}.", "info")
            return
        self._order[i], self._order[j] = self._order[j], self._order[i]
        self._put(self._order)
        self._changed()

    def _read(self):
        return A.parse_ranking(list(self._order), self.items, self.label)

    def _show(self, value) -> None:
        chosen = self._list.value
        self._order = list(value)
        self._list.options = self._options()
        self._list.value = chosen if chosen in self._order else None

    def _validate_saved(self, value):
        return A.parse_ranking(value, self.items, self.label)

    def _saved_message(self, value) -> str:
        return "Classement enregistré : " + " ; ".join(f"{n}. {self._names[v]}" for n, v in enumerate(value, 1)) + "."


class DateTimeAnswer(AnswerWidget):
    """A day (date field), an hour and minutes (two lists), Paris time; saved as ISO text with its offset.
    A time that does not exist in Paris (the night summer time starts) is refused in French."""

    def __init__(self, qid, store, label: str, *, minute_step: int = 5, **kwargs):
        # The day on its own line, labelled with the question (the field at its natural width: a long question in
        # ipywidgets' fixed-width box squeezed the field to nothing and ran over « Heure (Paris) »), then the time.
        self._day = w.DatePicker(description=f"{label} : jour", style=STYLE,
                                 layout=w.Layout(width="auto", max_width="100%"))
        self._hour = w.Dropdown(options=[(f"{h} h", h) for h in range(24)], value=12, description="Heure (Paris)",
                                style=STYLE, layout=w.Layout(width="auto"))
        self._minute = w.Dropdown(options=[(f"{m:02d}", m) for m in range(0, 60, minute_step)], value=0,
                                  description="Minutes", style=STYLE, layout=w.Layout(width="auto"))
        for control in (self._day, self._hour, self._minute):
            control.observe(self._on_change, names="value")
        super().__init__(qid, store, label, [self._day, w.HBox([self._hour, self._minute])], **kwargs)

    def _on_change(self, change) -> None:
        if self._day.value is None and not self._syncing:
            self._status.show("Choisissez aussi le jour.", "info")
            return
        self._changed(change)

    def _read(self) -> str:
        return A.parse_paris_datetime((self._day.value, self._hour.value, self._minute.value),
                                      self.label).isoformat()

    def _validate_saved(self, value):
        return A.parse_paris_datetime(dt.datetime.fromisoformat(value) if isinstance(value, str) else value,
                                      self.label)

    def _show(self, value) -> None:
        moment = self._validate_saved(value)
        self._day.value = moment.date()
        self._hour.value = moment.hour
        minutes = [m for _, m in self._minute.options]
        if moment.minute not in minutes:  # a file written with another step of minutes
            self._minute.options = [(f"{m:02d}", m) for m in sorted({*minutes, moment.minute})]
        self._minute.value = moment.minute

    @property
    def datetime(self) -> dt.datetime | None:
        """The saved answer as an aware datetime, Paris time (``None`` before the first one)."""
        return None if self.value is None else self._validate_saved(self.value)

    def _saved_message(self, value) -> str:
        moment = self._validate_saved(value)
        summer = "heure d'été" if moment.utcoffset() == dt.timedelta(hours=2) else "heure d'hiver"
        return f"Réponse enregistrée : le {moment:%d/%m/%Y} à {moment:%H:%M}, heure de Paris ({summer})."


class TextAnswer(AnswerWidget):
    """A short (one line) or long (``long=True``) French text, with a counter of words and characters
    updated on every change, and bounds on both."""

    def __init__(self, qid, store, label: str, *, long: bool = False, min_words: int = 1,
                 max_words: int | None = None, min_chars: int = 0, max_chars: int | None = None,
                 placeholder: str = "", **kwargs):
        self.bounds = {"min_words": min_words, "max_words": max_words, "min_chars": min_chars,
                       "max_chars": max_chars}
        kind = w.Textarea if long else w.Text
        layout = w.Layout(width="640px", height="120px") if long else w.Layout(width="640px")
        self._field = kind(description=label, placeholder=placeholder, style=STYLE, continuous_update=False,
                           layout=layout)
        self._counter = w.HTML()
        self._field.observe(self._on_change, names="value")
        super().__init__(qid, store, label, [self._field, self._counter], **kwargs)
        self._count()

    def _on_change(self, change) -> None:
        self._count()
        self._changed(change)

    def _count(self) -> None:
        limits = [f"{n} {what} au plus" for n, what in ((self.bounds["max_words"], "mots"),
                                                          (self.bounds["max_chars"], "caractères")) if n]
        text = A.counts_fr(self._field.value) + (f" ({', '.join(limits)})" if limits else "")
        self._counter.value = f'<span style="color:#444444;font-size:12px">{html.escape(text)}</span>'

    def _read(self) -> str:
        return A.parse_text(self._field.value, self.label, **self.bounds)

    def _validate_saved(self, value):
        return A.parse_text(value, self.label, **self.bounds)

    def _show(self, value) -> None:
        self._field.value = value
        self._count()

    def _saved_message(self, value) -> str:
        return f"Réponse enregistrée ({A.counts_fr(value)})."


class TableAnswer(AnswerWidget):
    """One labelled field per row (a share per age bracket…): saved once every row is filled and, for
    shares, they add up to 100 % (± ``tolerance``); the running total shows under the fields."""

    def __init__(self, qid, store, label: str, rows: Sequence[str], *, percent: bool = True,
                 total: float | None = 100.0, tolerance: float = 1.0, unit: str | None = None, **kwargs):
        self.rows, self.percent, self.total, self.tolerance, self.unit = list(rows), percent, total, tolerance, unit
        suffix = " (en %)" if percent else (f" (en {unit})" if unit else "")
        self._fields = {row: w.Text(description=f"{row}{suffix}", style=STYLE, continuous_update=False,
                                    layout=w.Layout(width="320px")) for row in self.rows}
        for field in self._fields.values():
            field.observe(self._on_change, names="value")
        self._sum = w.HTML()
        heading = w.HTML(_label_html(label))
        super().__init__(qid, store, label, [heading, w.VBox(list(self._fields.values())), self._sum], **kwargs)
        self._show_total()

    def _cells(self) -> dict[str, str]:
        return {row: field.value for row, field in self._fields.items()}

    def _on_change(self, change) -> None:
        self._show_total()
        if self._syncing:
            return
        empty = [row for row, text in self._cells().items() if not text.strip()]
        if empty:
            self._status.show(f"Encore {len(empty)} case{'s' if len(empty) > 1 else ''} à remplir "
                              f"(« {empty[0]} »…) avant l'enregistrement.", "info")
            return
        self._changed(change)

    def _show_total(self) -> None:
        total = 0.0
        for row, text in self._cells().items():
            try:
                total += A.parse_number(text, row, unit="%" if self.percent else self.unit)
            except ValueError:
                continue
        sign = "\u00a0%" if self.percent else (f"\u00a0{self.unit}" if self.unit else "")
        target = f" (attendu : {fr_value(self.total)}{sign})" if self.total is not None else ""
        self._sum.value = f"<span>Total des cases remplies : {fr_value(round(total, 6))}{sign}{target}</span>"

    def _parse(self, cells) -> dict[str, float]:
        return A.parse_table(cells, self.rows, self.label, percent=self.percent, total=self.total,
                             tolerance=self.tolerance, unit=self.unit)

    def _read(self):
        return self._parse(self._cells())

    def _validate_saved(self, value):
        return self._parse(value)

    def _show(self, value) -> None:
        sign = "\u00a0%" if self.percent else ""
        for row, field in self._fields.items():
            field.value = f"{fr_value(value[row])}{sign}" if row in value else ""
        self._show_total()

    def _saved_message(self, value) -> str:
        return "Tableau enregistré."


class FileAnswer(AnswerWidget):
    """A file uploaded by the learner (PNG, JPEG or SRT), saved next to the notebook as
    ``reponse_<qid>.<ext>``; the answer records that name, the learner's name for it, its kind and size."""

    ACCEPT = {"png": ".png,image/png", "jpg": ".jpg,.jpeg,image/jpeg", "srt": ".srt"}

    def __init__(self, qid, store, label: str, *, kinds: Sequence[str] = ("png", "jpg"),
                 folder: str | Path | None = None, **kwargs):
        self.kinds = tuple(kinds)
        store = as_store(store)
        self.folder = Path(folder) if folder is not None else store.path.parent
        names = " ou ".join(A.FILE_KINDS[k] for k in self.kinds)
        self._upload = w.FileUpload(accept=",".join(self.ACCEPT[k] for k in self.kinds), multiple=False,
                                    description="Choisir un fichier", tooltip=f"{label} : {names}",
                                    layout=w.Layout(width="auto"))
        self._upload.observe(self._on_upload, names="value")
        self._saved = w.HTML()
        heading = w.HTML(_label_html(f"{label} ({names})"))
        super().__init__(qid, store, label, [heading, self._upload, self._saved], **kwargs)

    def _on_upload(self, change) -> None:
        files = change["new"]
        if self._syncing or not files:
            return
        upload = files[0]

        def save():
            value = A.save_answer_file(self.folder, self.qid, upload["name"], bytes(upload["content"]), self.kinds,
                                       self.label)
            self.store.set(self.qid, value)
            self._put(value)
            return value

        self._status.attempt(save, self._saved_message, KEPT)
        self._syncing = True
        try:
            self._upload.value = ()  # the content now lives in its file; the same file may be sent again
        finally:
            self._syncing = False

    def _read(self):
        return self.value

    def _validate_saved(self, value):
        if not isinstance(value, dict) or not isinstance(value.get("file"), str):
            raise ValueError("un fichier enregistré était attendu")
        if not (self.folder / Path(value["file"]).name).is_file():
            raise ValueError(f"le fichier « {value['file']} » n'est plus à côté du notebook")
        return value

    def _show(self, value) -> None:
        self._saved.value = (f"<span>Fichier enregistré : <code>{html.escape(value['file'])}</code> "
                             f"(envoyé sous le nom « {html.escape(value.get('original', ''))} »)</span>")

    @property
    def path(self) -> Path | None:
        """The saved file next to the notebook (``None`` before the first upload)."""
        return None if self.value is None else self.folder / Path(self.value["file"]).name

    def _saved_message(self, value) -> str:
        return f"Fichier « {value['original']} » enregistré sous le nom « {value['file']} »."
