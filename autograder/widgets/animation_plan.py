"""Animation plan (C6.1): weekly community actions with targets, saved to a file and checked live."""

from __future__ import annotations

import html
from pathlib import Path

import ipywidgets as w

from autograder import moderation as mod
from autograder.widgets.base import FileBackedModel, StatusLine, results_html


class AnimationPlanModel(FileBackedModel):
    """``{"plan": [{"semaine", "action", "cible", "detail"}, …]}`` kept sorted by week."""

    def default_state(self) -> dict:
        return {"plan": []}

    def validate(self, state: dict) -> dict:
        state = super().validate(state)
        plan = state.setdefault("plan", [])
        if not isinstance(plan, list):
            raise ValueError("« plan » doit être une liste de lignes")
        state["plan"] = sorted((mod.validate_plan_row(r) for r in plan), key=lambda r: (r["semaine"], r["action"]))
        return state

    @property
    def plan(self) -> list[dict]:
        return self.state["plan"]

    def add(self, semaine: int, action: str, cible: int, detail: str = "") -> None:
        row = mod.validate_plan_row({"semaine": semaine, "action": action, "cible": cible, "detail": detail})
        if any(r["semaine"] == row["semaine"] and r["action"] == row["action"] for r in self.plan):
            raise ValueError(f"La semaine {row['semaine']} a déjà l'action « {mod.ANIMATION_ACTIONS[row['action']]} » : "
                             "supprimez-la d'abord pour la modifier.")
        self.update(lambda state: state["plan"].append(row))

    def remove(self, index: int) -> None:
        if not 0 <= index < len(self.plan):
            raise ValueError("Choisissez une ligne du plan à supprimer.")
        self.update(lambda state: state["plan"].pop(index))


class AnimationPlan(w.VBox):
    def __init__(self, path: str | Path = "animation.json", **kwargs):
        super().__init__(**kwargs)
        self.model = AnimationPlanModel(path)
        self._status = StatusLine()
        # Every label at its own width (ipywidgets' default, 80 px, cut « Objectif (nombre) »), the action list as
        # wide as its longest option, the plan's list as wide as the notebook and no wider (no sideways scrolling).
        style = {"description_width": "initial"}
        self._week = w.BoundedIntText(value=1, min=1, max=53, description="Semaine", style=style,
                                      layout=w.Layout(width="12em"))
        self._action = w.Dropdown(options=[(v, k) for k, v in mod.ANIMATION_ACTIONS.items()], description="Action",
                                  style=style, layout=w.Layout(width="auto", max_width="100%"))
        self._target = w.BoundedIntText(value=1, min=0, max=500, description="Objectif (nombre)", style=style,
                                        layout=w.Layout(width="16em"))
        self._detail = w.Text(description="Détail", placeholder="ex. groupe « Parents de la Croix-Rousse »", style=style,
                              layout=w.Layout(width="auto", flex="1 1 24em"))
        self._add = w.Button(description="Ajouter au plan", tooltip="Ajouter cette action au plan",
                             layout=w.Layout(width="auto", flex="none"))
        self._rows = w.Select(options=[], rows=8, description="Plan", style=style, layout=w.Layout(width="auto"))
        self._remove = w.Button(description="Supprimer la ligne", tooltip="Supprimer la ligne choisie")
        self._check = w.HTML()
        self._add.on_click(lambda _b: self._on_add())
        self._remove.on_click(lambda _b: self._on_remove())
        self.children = [w.HTML("<h3>Plan d'animation de la communauté</h3>"),
                         w.HBox([self._week, self._action], layout=w.Layout(flex_flow="row wrap")),
                         w.HBox([self._target, self._detail, self._add], layout=w.Layout(flex_flow="row wrap")),
                         self._rows, self._remove, self._status, self._check]
        if self.model.load_message:
            self._status.show(self.model.load_message, "erreur")
        self._refresh()

    def _refresh(self) -> None:
        from autograder.checks.c6 import check_animation_plan

        self._rows.options = [(f"S{r['semaine']} · {mod.ANIMATION_ACTIONS[r['action']]} · objectif {r['cible']}"
                               + (f" · {r['detail']}" if r["detail"] else ""), i) for i, r in enumerate(self.model.plan)]
        self._check.value = results_html([check_animation_plan(self.model.plan)])

    def _on_add(self) -> None:
        try:
            self.model.add(self._week.value, self._action.value, self._target.value, self._detail.value)
        except ValueError as exc:
            self._status.show(str(exc), "erreur")
            return
        self._status.show(f"Ajouté : semaine {self._week.value}, {html.unescape(self._action.label)}.", "ok")
        self._refresh()

    def _on_remove(self) -> None:
        try:
            self.model.remove(self._rows.value if self._rows.value is not None else -1)
        except ValueError as exc:
            self._status.show(str(exc), "erreur")
            return
        self._status.show("Ligne supprimée.", "ok")
        self._refresh()

    @property
    def value(self) -> list[dict]:
        return self.model.plan
