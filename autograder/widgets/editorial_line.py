"""The editorial line form: objectives, target persona, tone, content pillars with their share, networks and
posts per week on each. It is saved inside the plan file (shared model, see ``plan_builder.open_plan``).
"""

from __future__ import annotations

import re
from pathlib import Path

import ipywidgets as w

from autograder.company import OBJECTIVES
from autograder.networks import NETWORKS
from autograder.results import LearnerInputError
from autograder.widgets.base import StatusLine, action_button
from autograder.widgets.plan_builder import PLAN_FILE, PlanModel, open_plan

_LINE = re.compile(r"^\s*(.+?)\s*[:=]\s*([0-9]+(?:[.,][0-9]+)?)\s*%?\s*$")


def parse_shares(text: str, what: str) -> dict[str, float]:
    """``"Savoir-faire : 40\\nOffres : 30"`` → ``{"Savoir-faire": 40.0, …}``; French error on a bad line."""
    out: dict[str, float] = {}
    for n, line in enumerate(str(text).splitlines(), start=1):
        if not line.strip():
            continue
        m = _LINE.match(line)
        if not m:
            raise LearnerInputError(f"{what}, ligne {n} : attendu « nom : nombre » (par exemple « Savoir-faire : 40 »), "
                                    f"reçu « {line.strip()} ».")
        out[m.group(1)] = float(m.group(2).replace(",", "."))
    return out


class EditorialLineForm(w.VBox):
    """The form; ``.value`` is the saved ``EditorialLine``."""

    def __init__(self, path_or_model: str | Path | PlanModel = PLAN_FILE, start=None, **kwargs):
        super().__init__(**kwargs)
        self._model = path_or_model if isinstance(path_or_model, PlanModel) else open_plan(path_or_model, start)
        line = self._model.plan.line
        self._objectives = w.SelectMultiple(options=OBJECTIVES, value=tuple(o for o in line.objectives if o in OBJECTIVES),
                                            description="Objectifs :", rows=4)
        self._persona = w.Textarea(value=line.persona, description="Persona :",
                                   placeholder="qui lit vos publications ? âge, lieu, habitudes, attentes",
                                   layout=w.Layout(width="520px", height="70px"))
        self._tone = w.Text(value=line.tone, description="Ton :", placeholder="chaleureux, expert, vouvoiement…")
        self._pillars = w.Textarea(value="\n".join(f"{k} : {v:g}" for k, v in line.pillars.items()),
                                   description="Piliers (%) :", placeholder="Savoir-faire : 40\nOffres : 30\nQuartier : 30",
                                   layout=w.Layout(width="520px", height="80px"))
        self._networks = w.SelectMultiple(options=[(n.name, n.id) for n in NETWORKS.values()],
                                          value=tuple(line.networks), description="Réseaux :", rows=5)
        self._frequency = w.Textarea(value="\n".join(f"{k} : {v:g}" for k, v in line.frequency.items()),
                                     description="Publications par semaine :", placeholder="instagram : 3\nfacebook : 2",
                                     layout=w.Layout(width="520px", height="60px"),
                                     style={"description_width": "initial"})
        self._save = action_button("Enregistrer la ligne éditoriale", button_style="success",
                                    tooltip="Enregistrer dans le fichier du plan", layout=w.Layout(width="auto"))
        self._status = StatusLine()
        self._save.on_click(lambda _: self._on_save())
        self.children = (self._objectives, self._persona, self._tone, self._pillars, self._networks, self._frequency,
                         self._save, self._status)
        self._show_problems()

    @property
    def value(self):
        return self._model.plan.line

    def _on_save(self) -> None:
        try:
            data = {"objectives": list(self._objectives.value), "persona": self._persona.value,
                    "tone": self._tone.value, "pillars": parse_shares(self._pillars.value, "Piliers"),
                    "networks": list(self._networks.value),
                    "frequency": parse_shares(self._frequency.value, "Publications par semaine")}
            self._model.set_editorial_line(data)
        except (LearnerInputError, ValueError, KeyError) as exc:
            self._status.show(str(exc.args[0]) if exc.args else str(exc), "erreur")
            return
        self._show_problems(saved=True)

    def _show_problems(self, saved: bool = False) -> None:
        problems = self._model.plan.line.problems()
        prefix = "Ligne éditoriale enregistrée. " if saved else ""
        if problems:
            self._status.show(prefix + "À compléter : " + " ; ".join(problems) + ".", "info")
        else:
            self._status.show(prefix + "Ligne éditoriale complète.", "ok")
