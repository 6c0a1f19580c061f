"""The mock-jury grid of lesson 08: a peer or the trainer notes, for each of the 24 criteria, an observation
and a level; saved to ``jury_blanc.json`` (domain: :mod:`autograder.mock_jury`)."""

from __future__ import annotations

import html
from pathlib import Path

import ipywidgets as w

from autograder import mock_jury as mj
from autograder import referentiel
from autograder.widgets.base import FileBackedModel, StatusLine

NOT_OBSERVED = "non observé"


class MockJuryModel(FileBackedModel):
    def default_state(self) -> dict:
        return mj.default_state()

    def validate(self, state: dict) -> dict:
        return mj.validate_state(super().validate(state))

    @property
    def grid(self) -> mj.MockJury:
        return mj.from_state(self.state)

    def set_header(self, observer: str, role: str, date: str) -> None:
        def change(state):
            state.update(observer=observer, role=role, date=date)
        self.update(change)

    def set_criterion(self, cid: str, level: str, observation: str) -> None:
        def change(state):
            state["criteria"][cid] = {"level": level, "observation": observation}
        self.update(change)


class MockJuryGrid(w.VBox):
    """Who observes, then one line per criterion (level, observation) grouped by competency; « Enregistrer »."""

    def __init__(self, path: str | Path = mj.MOCK_JURY_FILE, **kwargs):
        super().__init__(**kwargs)
        self.model = MockJuryModel(path)
        self._status = StatusLine()
        state = self.model.state
        style = {"description_width": "initial"}
        self._observer = w.Text(value=state["observer"], description="Observateur ou observatrice",
                                placeholder="prénom et nom", style=style)
        self._role = w.Dropdown(options=[(label, key) for key, label in mj.ROLES.items()], value=state["role"],
                                description="Rôle", style=style)
        self._date = w.Text(value=state["date"], description="Date (JJ/MM/AAAA)", style=style)
        self._levels: dict[str, w.Dropdown] = {}
        self._notes: dict[str, w.Textarea] = {}
        sections = []
        for comp in referentiel.COMPETENCIES:
            rows = []
            for crit in comp.criteria:
                entry = state["criteria"].get(crit.id, {})
                level = w.Dropdown(options=[NOT_OBSERVED, *mj.LEVELS], value=entry.get("level") or NOT_OBSERVED,
                                   description=f"{crit.id} niveau", style=style)
                note = w.Textarea(value=entry.get("observation", ""), description=f"{crit.id} observation",
                                  placeholder="ce que vous avez vu ou entendu", style=style,
                                  layout=w.Layout(width="95%", height="3.5em"))
                self._levels[crit.id], self._notes[crit.id] = level, note
                rows.append(w.VBox([w.HTML(f"<p><strong>{crit.id}</strong> {html.escape(crit.text)}</p>"),
                                    w.HBox([level]), note]))
            # a heading per competency (the Accordion's grey headers fail the WCAG contrast)
            sections.append(w.VBox([w.HTML(f"<h4>{comp.id} — {html.escape(comp.short)}</h4>"), *rows]))
        self._sections = w.VBox(sections)
        self._save = w.Button(description="Enregistrer la grille", button_style="primary",
                              tooltip="Enregistrer la grille du jury blanc", layout=w.Layout(width="auto"))
        self._summary = w.HTML()
        self._save.on_click(lambda _b: self._on_save())
        self.children = [w.HTML("<h3>Grille du jury blanc (24 critères)</h3>"),
                         w.HBox([self._observer, self._role]), self._date, self._sections, self._save,
                         self._status, self._summary]
        if self.model.load_message:
            self._status.show(self.model.load_message, "erreur")
        self._draw_summary()

    def _on_save(self) -> None:
        def save():
            draft = {"observer": self._observer.value, "role": self._role.value, "date": self._date.value.strip(),
                     "criteria": {cid: {"level": "" if self._levels[cid].value == NOT_OBSERVED
                                        else self._levels[cid].value, "observation": self._notes[cid].value}
                                  for cid in mj.CRITERION_IDS}}
            mj.validate_state(draft)  # refuses before anything is written
            self.model.update(lambda state: state.update(draft))
            return self.model.grid
        if self._status.attempt(save, lambda grid: f"Grille enregistrée : {grid.observed} critère(s) observé(s)."):
            self._draw_summary()

    def _draw_summary(self) -> None:
        grid = self.model.grid
        counts = ", ".join(f"{n} « {level} »" for level, n in grid.level_counts().items())
        self._summary.value = f"<p>{html.escape(grid.header())} Niveaux : {html.escape(counts)}.</p>"

    @property
    def value(self) -> dict:
        return self.model.state
