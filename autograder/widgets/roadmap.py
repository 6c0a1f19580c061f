"""The roadmap to the certification: the learner enters the exam date, the course back-plans the work on the
real page (:mod:`autograder.roadmap`), saves it, exports it to iCalendar, and reminds it at the top of every
module with what is late.

- :class:`RoadmapPlanner` (lesson 00): a labelled date field, the steps with a « fait » box each, the honest
  warnings when the exam is close, and « Exporter vers mon agenda (.ics) ». Saved in ``feuille_de_route.json``
  (atomic, reloaded on open).
- :func:`show_reminder` (top of lessons 01 to 07): one call, never an error; says what is late, what is under way,
  the steps of the module's competency and the evidence its criteria still need (the record of lesson 00).
"""

from __future__ import annotations

import datetime as dt
import html
from pathlib import Path

import ipywidgets as w

from autograder import roadmap as R
from autograder.dates import PARIS
from autograder.results import LearnerInputError
from autograder.storage import atomic_write_bytes
from autograder.widgets.base import FileBackedModel, StatusLine

STYLE = {"description_width": "initial"}
_COLOURS = {R.DONE: "#0b6b3a", R.LATE: "#a4161a", R.CURRENT: "#1a1a1a", R.UPCOMING: "#444444"}
_BOX = ("border:1px solid #767676;border-radius:6px;padding:8px 12px;margin:6px 0;background:#ffffff;"
        "color:#1a1a1a;font-family:sans-serif;font-size:14px;line-height:1.4")


def paris_today() -> dt.date:
    return dt.datetime.now(PARIS).date()


class RoadmapModel(FileBackedModel):
    """``{"exam": "AAAA-MM-JJ" | None, "planned_on": "AAAA-MM-JJ" | None, "done": [task id, …]}``."""

    def __init__(self, path, today: dt.date | None = None):
        self.today = today or paris_today()
        super().__init__(path)

    def default_state(self) -> dict:
        return {"exam": None, "planned_on": None, "done": []}

    def validate(self, state: dict) -> dict:
        state = super().validate(state)
        if not state.get("exam"):
            return {**self.default_state(), "schema_version": state.get("schema_version", self.schema_version)}
        return {**R.roadmap_from_state(state).to_state(), "schema_version": self.schema_version}

    @property
    def roadmap(self) -> R.Roadmap | None:
        return R.roadmap_from_state(self.state) if self.state.get("exam") else None

    def set_exam(self, exam) -> R.Roadmap:
        """Plan again from today for the exam date ``exam`` (the tasks done stay done)."""
        day = R.check_exam_date(exam, self.today)

        def change(state):
            state["exam"], state["planned_on"] = day.isoformat(), self.today.isoformat()

        self.update(change)
        return self.roadmap

    def set_done(self, task_id: str, done: bool) -> None:
        if task_id not in R.TASK_IDS:
            raise LearnerInputError(f"Étape inconnue : « {task_id} ».")
        if self.roadmap is None:
            raise LearnerInputError("Choisissez d'abord la date de votre certification.")

        def change(state):
            marked = set(state.get("done", []))
            marked = marked | {task_id} if done else marked - {task_id}
            state["done"] = [t for t in R.TASK_IDS if t in marked]

        self.update(change)

    def export_ical(self, path: str | Path | None = None) -> Path:
        """Write the roadmap as iCalendar next to its file (``feuille_de_route.ics``), atomically."""
        roadmap = self.roadmap
        if roadmap is None:
            raise LearnerInputError("Choisissez d'abord la date de votre certification : il n'y a rien à exporter.")
        return atomic_write_bytes(path or self.path.with_name(R.ICS_FILE), R.to_ical(roadmap))


def _step_html(roadmap: R.Roadmap, step: R.Step, today: dt.date, details: bool = True) -> str:
    status = roadmap.status(step, today)
    when = (f"le {step.due:%d/%m/%Y}" if step.start == step.due
            else f"du {step.start:%d/%m/%Y} au {step.due:%d/%m/%Y}")
    how = (f"<details><summary>Comment faire</summary>{html.escape(step.task.how)} "
           f"<em>{html.escape(R.MENUS_NOTE)}</em></details>") if details else ""
    return (f'<span style="color:{_COLOURS[status]};font-weight:bold">{status}</span> · {when} · '
            f"{html.escape(R.criteria_text(step.task))}{how}")


class RoadmapPlanner(w.VBox):
    """Lesson 00's roadmap form (see the module docstring); ``today`` for tests."""

    def __init__(self, path: str | Path = Path("..") / R.ROADMAP_FILE, today: dt.date | None = None, **kwargs):
        super().__init__(**kwargs)
        self.model = RoadmapModel(path, today)
        self._syncing = False
        self._status = StatusLine()
        roadmap = self.model.roadmap
        self._exam = w.DatePicker(value=roadmap.exam if roadmap else None, description="Date de votre certification",
                                  style=STYLE)
        self._exam.observe(self._on_exam, names="value")
        self._warnings = w.HTML()
        self._steps = w.VBox()
        self._boxes: dict[str, w.Checkbox] = {}
        self._export = w.Button(description="Exporter vers mon agenda (.ics)", icon="calendar",
                                tooltip="Écrire la feuille de route au format iCalendar, pour votre agenda",
                                layout=w.Layout(width="auto"))
        self._export.on_click(lambda _b: self._on_export())
        self.children = [w.HTML("<h3>Ma feuille de route jusqu'à la certification</h3>"), self._exam, self._status,
                         self._warnings, self._steps, self._export]
        if self.model.load_message:
            self._status.show(self.model.load_message, "erreur")
        self._render()

    @property
    def value(self) -> R.Roadmap | None:
        return self.model.roadmap

    def _render(self) -> None:
        roadmap = self.model.roadmap
        self._export.disabled = roadmap is None
        if roadmap is None:
            self._warnings.value = ("<p>Choisissez la date de votre passage devant le jury : la feuille de route "
                                    "s'affiche ici, étape par étape.</p>")
            self._steps.children = []
            return
        today = self.model.today
        late = roadmap.late(today)
        days = roadmap.days_left(today)
        when = (f"dans {days} jour(s)" if days > 0 else "aujourd'hui" if days == 0
                else "date passée : choisissez la nouvelle date si vous la repassez")
        head = (f"<p>Certification le <strong>{roadmap.exam:%d/%m/%Y}</strong> ({when}) ; plan fait le "
                f"{roadmap.planned_on:%d/%m/%Y}. "
                + (f"<strong>{len(late)} étape(s) en retard.</strong>" if late and days >= 0 else
                   "Rien en retard." if days >= 0 else "") + "</p>")
        self._warnings.value = head + "".join(f'<p role="note" style="background:#fff4e5;color:#1a1a1a;padding:4px '
                                              f'8px">{html.escape(text)}</p>' for text in roadmap.warnings)
        self._syncing = True
        try:
            rows = []
            self._boxes = {}
            for step in roadmap.steps:
                box = w.Checkbox(value=step.id in roadmap.done, description=f"Fait : {step.task.title}",
                                 indent=False, layout=w.Layout(width="auto"))
                box.observe(lambda change, task=step.id: self._on_done(task, change), names="value")
                self._boxes[step.id] = box
                rows.append(w.VBox([box, w.HTML(_step_html(roadmap, step, today))],
                                   layout=w.Layout(margin="0 0 6px 0")))
            self._steps.children = rows
        finally:
            self._syncing = False

    def _on_exam(self, change) -> None:
        if self._syncing:
            return
        if change["new"] is None:
            self._status.show("Choisissez une date dans le champ « Date de votre certification ».", "info")
            return
        ok = self._status.attempt(lambda: self.model.set_exam(change["new"]),
                                  lambda r: f"Feuille de route enregistrée : {len(r.steps)} étapes jusqu'au "
                                            f"{r.exam:%d/%m/%Y}.")
        if not ok:
            self._syncing = True
            try:
                roadmap = self.model.roadmap
                self._exam.value = roadmap.exam if roadmap else None
            finally:
                self._syncing = False
        self._render()

    def _on_done(self, task_id: str, change) -> None:
        if self._syncing:
            return
        title = R.TASKS_BY_ID[task_id].title
        self._status.attempt(lambda: self.model.set_done(task_id, change["new"]),
                             f"« {title} » : {'fait' if change['new'] else 'à faire'}.")
        self._render()

    def _on_export(self) -> None:
        self._status.attempt(self.model.export_ical,
                             lambda p: f"Agenda écrit : « {p.name} », à côté de « {self.model.path.name} ». "
                                       "Importez-le dans votre agenda (Google Agenda : Paramètres › Importer ; "
                                       "Outlook : Fichier › Ouvrir et exporter › Importer).")


# -- the reminder at the top of every module ----------------------------------------------------------------

def evidence_line(missing: dict[str, list[str]], competency: str) -> str:
    """« Preuves de C1 : 1 critère complet sur 3 ; encore à montrer pour C1.2 : … » (from
    :func:`autograder.evidence.missing_evidence`)."""
    mine = {cid: needs for cid, needs in missing.items() if cid.split(".")[0] == competency}
    if not mine:
        return ""
    complete = sum(1 for needs in mine.values() if not needs)
    todo = next(((cid, needs[0]) for cid, needs in mine.items() if needs), None)
    text = f"Preuves de {competency} : {complete} critère{'s' if complete > 1 else ''} complet" \
           f"{'s' if complete > 1 else ''} sur {len(mine)}"
    text += f" ; encore à montrer pour {todo[0]} : {todo[1]}." if todo else "."
    return f"<p>{html.escape(text)} (registre de preuves de la leçon 00)</p>"


def reminder_html(roadmap: R.Roadmap | None, competency: str, today: dt.date, problem: str | None = None,
                  missing: dict[str, list[str]] | None = None) -> str:
    """The reminder box of a module: what is late, what is under way, the module's steps, and (``missing``, from
    :func:`autograder.evidence.missing_evidence`) the evidence still to gather for its criteria."""
    if problem:
        body = f"<p>{html.escape(problem)}</p>"
    elif roadmap is None:
        body = ("<p>Pas encore de feuille de route : saisissez la date de votre certification dans la leçon 00 "
                "(<code>00_introduction.ipynb</code>, partie « Votre vraie page »). Le cours vous dira alors quoi "
                "faire sur votre vraie page, et quand.</p>")
    elif roadmap.days_left(today) < 0:
        body = (f"<p>Votre certification était prévue le {roadmap.exam:%d/%m/%Y}. Si vous la passez à une autre "
                "date, saisissez-la dans la leçon 00 : la feuille de route sera refaite.</p>")
    else:
        late, current = roadmap.late(today), roadmap.current(today)
        days = roadmap.days_left(today)
        when = f"dans {days} jour(s)" if days > 0 else "aujourd'hui : bonne présentation"
        parts = [f"<p>Certification le <strong>{roadmap.exam:%d/%m/%Y}</strong> ({when}).</p>"]

        def items(steps):
            return "".join(f"<li>{html.escape(s.task.title)} — {_step_html(roadmap, s, today, details=False)}</li>"
                           for s in steps)

        parts.append(f"<p><strong>En retard :</strong></p><ul>{items(late)}</ul>" if late
                     else "<p>Rien en retard : continuez ainsi.</p>")
        if current:
            parts.append(f"<p><strong>En cours :</strong></p><ul>{items(current)}</ul>")
        mine = [s for s in roadmap.for_competency(competency) if s not in late and s not in current]
        if mine:
            parts.append(f"<p><strong>Pour ce module ({html.escape(competency)}) :</strong></p><ul>{items(mine)}</ul>")
        if missing is not None:
            parts.append(evidence_line(missing, competency))
        body = "".join(parts)
    return (f'<div role="region" aria-label="Votre feuille de route" style="{_BOX};border-left:6px solid #0072B2">'
            f"<strong>Votre feuille de route sur votre vraie page</strong>{body}</div>")


def show_reminder(competency: str, path: str | Path | None = None, today: dt.date | None = None) -> None:
    """Display the roadmap reminder of a module (``competency``: « C1 » … « C7 »); never raises.

    The roadmap file is ``path``, or the nearest ``feuille_de_route.json`` (:func:`autograder.roadmap.find_roadmap`):
    lessons in ``course/`` find the one lesson 00 saved at the course root."""
    from IPython.display import HTML, display

    from autograder.evidence import EVIDENCE_FOLDER, missing_evidence, read_evidence

    today = today or paris_today()
    roadmap, problem, missing = None, None, None
    try:
        found = Path(path) if path is not None else R.find_roadmap()
        if found is not None and found.exists():
            model = RoadmapModel(found, today)
            roadmap = model.roadmap
            problem = model.load_message
            missing = missing_evidence(read_evidence(found.parent / EVIDENCE_FOLDER).entries)
    except (ValueError, OSError, TypeError, KeyError) as exc:
        problem = f"La feuille de route n'a pas pu être lue ({exc}). Ouvrez la leçon 00 pour la refaire."
    display(HTML(reminder_html(roadmap, str(competency).upper(), today, problem, missing)))
