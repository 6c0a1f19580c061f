"""The evidence record widget: for any of the 24 criteria, the learner keeps what they did on their real page.

:class:`EvidenceRecorder` (lesson 00, then any module): a criterion, a screenshot (PNG or JPEG, checked by its
content) with its **required** alt text, a link, a figure read in Insights or Ads Manager, a date and a note; or
one of the learner's own exports (Meta Business Suite posts for C5, Ads Manager results for C7), whose figures
are read and stored. In another folder (the mock certification), ``take_from`` adds a button that takes in the
entries of lesson 00's record with their screenshots, so that they are handed in. Everything is saved in
``preuves/preuves.json`` (atomic, reloaded on open,
:mod:`autograder.evidence`); the table below says, criterion by criterion, what the jury will still want to see
(:func:`autograder.checks.evidence.evidence_table`). Every control has a French label and is reached with Tab.
"""

from __future__ import annotations

import datetime as dt
import html
from pathlib import Path

import ipywidgets as w

from autograder import evidence as E
from autograder import referentiel
from autograder.answers import paris_now
from autograder.checks.evidence import evidence_table
from autograder.dates import PARIS
from autograder.results import LearnerInputError
from autograder.widgets.base import FileBackedModel, StatusLine

STYLE = {"description_width": "initial"}
WIDE = w.Layout(width="640px")
KEPT = "Rien n'a été enregistré ; vos champs sont conservés."


def _today() -> dt.date:
    return dt.datetime.now(PARIS).date()


class EvidenceModel(FileBackedModel):
    """The record ``preuves/preuves.json``: ``{"entries": [entry, …]}`` (entries: :func:`autograder.evidence.validate_entry`)."""

    def __init__(self, folder: str | Path, today: dt.date | None = None):
        self.folder = Path(folder)
        self.today = today or _today()
        super().__init__(self.folder / E.EVIDENCE_FILE)

    def default_state(self) -> dict:
        return {"entries": []}

    def validate(self, state: dict) -> dict:
        return E.validate_record(super().validate(state))

    @property
    def entries(self) -> list[E.Evidence]:
        return E.read_evidence(self.folder).entries if self.path.exists() else []

    def _ids(self) -> list[str]:
        return [e["id"] for e in self.state["entries"]]

    def add(self, criterion: str, *, screenshot: tuple[str, bytes] | None = None, alt_text: str = "", link: str = "",
            figure: tuple[str, str] = ("", ""), date=None, note: str = "", figures=(), source: str = "") -> dict:
        """Validate and save one entry (the screenshot first, then the record); returns the saved entry."""
        entry_id = E.new_id(self._ids())
        figure_read = E.parse_figure(*figure)
        raw = {"id": entry_id, "criterion": criterion, "alt_text": alt_text, "link": link,
               "figures": [f.to_dict() for f in ([figure_read] if figure_read else []) + list(figures)],
               "date": date or self.today, "note": note, "source": source, "saved_at": paris_now()}
        if screenshot is not None:
            name, content = screenshot
            kind = E.check_screenshot(name, content)
            raw["file"], raw["original"] = f"reponse_preuve_{entry_id}.{kind}", name
        elif alt_text.strip():
            raise LearnerInputError("Texte alternatif sans capture : choisissez d'abord la capture d'écran qu'il "
                                    "décrit (ou videz le champ).")
        entry = E.validate_entry(raw, self.today)  # every rule checked before anything is written
        if len(self.state["entries"]) >= E.MAX_ENTRIES:
            raise LearnerInputError(f"Le registre a déjà {E.MAX_ENTRIES} preuves : retirez celles qui ne servent plus.")
        if screenshot is not None:
            saved = E.store_screenshot(self.folder, entry_id, *screenshot)
            entry["file"] = saved["file"]
        self.update(lambda state: state["entries"].append(entry))
        return entry

    def add_export(self, criterion: str, kind: str, name: str, content: bytes, date=None, note: str = "") -> dict:
        """Read the learner's own export and save its figures as evidence for ``criterion`` (its competency must
        be the export's: C5 for posts, C7 for Ads Manager; otherwise the export's usual criterion is used)."""
        if kind not in E.EXPORTS:
            raise LearnerInputError("Choisissez le type d'export.")
        _label, competency, default = E.EXPORTS[kind]
        if not criterion.startswith(competency + "."):
            criterion = default
        figures, read_note = E.figures_from_export(kind, name, content)
        text = " ".join(t for t in (note.strip(), read_note) if t)[: E.NOTE_MAX_CHARS]
        return self.add(criterion, figures=figures, date=date, note=text, source=name)

    def take_in(self, source: str | Path) -> tuple[int, list[str]]:
        """Add the entries of another record (lesson 00's, from a mock certification) that this one lacks, with
        their screenshots; ``(number added, French problems)``."""
        if Path(source).resolve() == self.folder.resolve():
            raise LearnerInputError("Ce registre est déjà celui de la leçon 00 : rien à reprendre.")
        new, problems = E.entries_to_copy(source, self.folder, self._ids())
        if new:
            self.update(lambda state: state["entries"].extend(new))
        return len(new), problems

    def remove(self, entry_id: str) -> None:
        if entry_id not in self._ids():
            raise LearnerInputError("Choisissez dans la liste la preuve à retirer.")
        self.update(lambda state: state.__setitem__("entries", [e for e in state["entries"] if e["id"] != entry_id]))


def _uploaded(change) -> tuple[str, bytes] | None:
    """``(name, content)`` of the file a ``FileUpload`` just received; ``None`` when it was emptied."""
    files = change["new"]
    return (str(files[0]["name"]), bytes(files[0]["content"])) if files else None


def criterion_options() -> list[tuple[str, str]]:
    def short(text: str) -> str:
        text = text.rstrip(",.")
        return text if len(text) <= 70 else text[:69] + "…"

    return [(f"{c.id} — {short(c.text)}", c.id) for c in referentiel.CRITERIA]


class EvidenceRecorder(w.VBox):
    """The evidence form (see the module docstring). ``folder``: the evidence folder (``../preuves`` from a lesson)."""

    def __init__(self, folder: str | Path = Path("..") / E.EVIDENCE_FOLDER, criterion: str = "C1.1",
                 today: dt.date | None = None, take_from: str | Path | None = None, **kwargs):
        super().__init__(**kwargs)
        self.model = EvidenceModel(folder, today)
        self._source = Path(take_from) if take_from is not None else None
        self._take = w.Button(description="Reprendre mes preuves de la leçon 00", icon="download",
                              tooltip="Copier ici les preuves enregistrées dans la leçon 00 (elles partent avec "
                                      "votre copie)", layout=w.Layout(width="auto"))
        self._take.on_click(lambda _b: self._on_take())
        self._pending: tuple[str, bytes] | None = None
        self._status = StatusLine()
        self._criterion = w.Dropdown(options=criterion_options(), value=referentiel.criterion(criterion).id,
                                     description="Critère", style=STYLE, layout=WIDE)
        self._criterion.observe(lambda _c: self._show_wanted(), names="value")
        self._wanted = w.HTML()
        self._upload = w.FileUpload(accept=".png,.jpg,.jpeg,image/png,image/jpeg", multiple=False,
                                    description="Choisir une capture (PNG ou JPEG)",
                                    tooltip="Capture d'écran de votre vraie page : PNG ou JPEG",
                                    layout=w.Layout(width="auto"))
        self._upload.observe(self._on_upload, names="value")
        self._chosen = w.HTML("<span>Aucune capture choisie.</span>")
        self._alt = w.Textarea(description="Texte alternatif de la capture (obligatoire avec une capture)",
                               placeholder="Ce que montre la capture, pour une personne qui ne la voit pas",
                               style=STYLE, layout=w.Layout(width="640px", height="70px"))
        self._link = w.Text(description="Lien (facultatif)", placeholder="https://www.facebook.com/…", style=STYLE,
                            layout=WIDE)
        self._figure_label = w.Text(description="Chiffre lu : intitulé", placeholder="Taux d'engagement (portée)",
                                    style=STYLE, layout=w.Layout(width="400px"))
        self._figure_value = w.Text(description="valeur", placeholder="4,2 %", style=STYLE,
                                    layout=w.Layout(width="220px"))
        self._date = w.DatePicker(value=self.model.today, description="Date de la capture ou du chiffre", style=STYLE)
        self._note = w.Textarea(description="Note (ce que la preuve montre au jury)", style=STYLE,
                                layout=w.Layout(width="640px", height="70px"))
        self._add = w.Button(description="Ajouter la preuve", button_style="primary", icon="plus",
                             tooltip="Enregistrer cette preuve dans le registre", layout=w.Layout(width="auto"))
        self._add.on_click(lambda _b: self._on_add())
        self._export_kind = w.Dropdown(options=[(label, kind) for kind, (label, _c, _d) in E.EXPORTS.items()],
                                       description="Type d'export", style=STYLE, layout=WIDE)
        self._export = w.FileUpload(accept=".csv,.xlsx,text/csv", multiple=False,
                                    description="Charger mon export", tooltip="Votre export Meta, tel quel",
                                    layout=w.Layout(width="auto"))
        self._export.observe(self._on_export, names="value")
        self._entries = w.Select(options=[], rows=6, description="Preuves enregistrées", style=STYLE, layout=WIDE)
        self._remove = w.Button(description="Retirer la preuve choisie", icon="trash",
                                tooltip="Retirer du registre la preuve choisie dans la liste",
                                layout=w.Layout(width="auto"))
        self._remove.on_click(lambda _b: self._on_remove())
        self._table = w.HTML()
        self.children = [
            w.HTML("<h3>Mon registre de preuves</h3>"), *([self._take] if self._source is not None else []),
            self._criterion, self._wanted,
            w.HTML("<strong>Une capture, un lien ou un chiffre lu dans vos outils</strong>"),
            self._upload, self._chosen, self._alt, self._link, w.HBox([self._figure_label, self._figure_value]),
            self._date, self._note, self._add, self._status,
            w.HTML("<strong>Ou vos propres exports (C5 : publications ; C7 : Gestionnaire de publicités)</strong>"),
            self._export_kind, self._export, self._entries, self._remove, self._table,
        ]
        if self.model.load_message:
            self._status.show(self.model.load_message, "erreur")
        self._refresh()

    @property
    def value(self) -> list[E.Evidence]:
        return self.model.entries

    def _show_wanted(self) -> None:
        cid = self._criterion.value
        crit = referentiel.criterion(cid)
        missing = E.missing_evidence(self.model.entries)[cid]
        wanted = "".join(f"<li>{html.escape(n.text)}</li>" for n in E.NEEDS[cid])
        still = ("<p>Encore à montrer : " + html.escape(" ; ".join(missing)) + ".</p>") if missing else \
            "<p>Ce critère a toutes ses preuves.</p>"
        self._wanted.value = (f"<div><em>{html.escape(crit.text)}</em><p>Ce que le jury voudra voir :</p>"
                              f"<ul>{wanted}</ul>{still}</div>")

    def _refresh(self) -> None:
        entries = self.model.entries
        self._entries.options = [(e.summary(), e.id) for e in entries]
        self._remove.disabled = not entries
        self._table.value = evidence_table(self.model.folder)
        self._show_wanted()

    def _on_upload(self, change) -> None:
        uploaded = _uploaded(change)
        if uploaded is None:
            return
        name, content = uploaded
        try:
            E.check_screenshot(name, content)
        except LearnerInputError as exc:
            self._pending = None
            self._chosen.value = "<span>Aucune capture choisie.</span>"
            self._status.show(str(exc), "erreur")
            return
        self._pending = (name, content)
        self._chosen.value = (f"<span>Capture prête : « {html.escape(name)} » ({len(content) // 1024 + 1} Ko). "
                              "Écrivez son texte alternatif, puis « Ajouter la preuve ».</span>")
        self._status.show("Capture choisie : écrivez son texte alternatif (obligatoire).", "info")

    def _on_add(self) -> None:
        def add():
            return self.model.add(self._criterion.value, screenshot=self._pending, alt_text=self._alt.value,
                                  link=self._link.value, figure=(self._figure_label.value, self._figure_value.value),
                                  date=self._date.value, note=self._note.value)

        if self._status.attempt(add, lambda e: f"Preuve enregistrée pour {e['criterion']} ({E.KINDS[e['kind']]}).",
                                KEPT):
            self._pending = None
            self._chosen.value = "<span>Aucune capture choisie.</span>"
            for field in (self._alt, self._link, self._figure_label, self._figure_value, self._note):
                field.value = ""
            self._upload.value = ()
            self._refresh()

    def _on_export(self, change) -> None:
        uploaded = _uploaded(change)
        if uploaded is None:
            return

        def add():
            return self.model.add_export(self._criterion.value, self._export_kind.value, *uploaded,
                                         date=self._date.value)

        if self._status.attempt(add, lambda e: f"Export lu : {len(e['figures'])} chiffres enregistrés comme preuve "
                                               f"pour {e['criterion']}.", "Rien n'a été enregistré."):
            self._refresh()
        self._export.value = ()

    def _on_take(self) -> None:
        def take():
            added, problems = self.model.take_in(self._source)
            return " ".join([f"{added} preuve(s) reprise(s) de la leçon 00.", *problems])

        if self._status.attempt(take, lambda message: message):
            self._refresh()

    def _on_remove(self) -> None:
        if self._status.attempt(lambda: self.model.remove(self._entries.value or ""), "Preuve retirée du registre."):
            self._refresh()
