"""The plan builder: a 3-month calendar (month and list views) where the learner adds, moves, edits and
deletes posts, duplicates one (« Dupliquer ») or repeats it every week up to a date (« Répéter chaque semaine
jusqu'au … », one step for « Annuler »), sees the key dates and the C3/C4.4 checks live; the plan lives in a
JSON file.

``PlanModel`` (the file: window, editorial line, posts) is apart from ``PlanBuilder`` (the view). Both the
plan builder and the editorial line form (``autograder.widgets.editorial_line``) share one model per file
through :func:`open_plan`, so that they never overwrite each other.
"""

from __future__ import annotations

import datetime as dt
import html
from pathlib import Path
from typing import Any

import ipywidgets as w

from autograder import calendar
from autograder.company import load_company
from autograder.networks import NETWORKS, get_network
from autograder.plan import (
    FORMATS,
    OKABE_ITO,
    THEMES,
    EditorialLine,
    Plan,
    key_date_coverage,
    make_post,
    parse_date,
    save_retroplanning,
    write_exports,
)
from autograder.results import LearnerInputError
from autograder.widgets.base import FileBackedModel, StatusLine, action_button, choice_group, results_html

PLAN_FILE = "plan_editorial.json"
MONTHS_FR = ("janvier", "février", "mars", "avril", "mai", "juin", "juillet", "août", "septembre", "octobre",
             "novembre", "décembre")
DAYS_FR = ("lun.", "mar.", "mer.", "jeu.", "ven.", "sam.", "dim.")


class PlanModel(FileBackedModel):
    """The plan file: ``{"start", "end", "editorial_line", "posts": [...]}``; every change validated and saved."""

    def __init__(self, path: str | Path = PLAN_FILE, start=None, months: int = 3):
        self._start = parse_date(start, "Début du plan") if start is not None else None
        self._months = months
        super().__init__(path)
        if self._start is not None and parse_date(self.state["start"]) != self._start:
            self.load_message = ((self.load_message or "") + f" Attention : ce plan commence le "
                                 f"{parse_date(self.state['start']):%d/%m/%Y} et non le {self._start:%d/%m/%Y}.").strip()
        self._plan: Plan | None = None

    def default_state(self) -> dict[str, Any]:
        start = self._start or dt.date.today()
        return Plan.empty(start, self._months).to_dict()

    def validate(self, state: dict[str, Any]) -> dict[str, Any]:
        state = super().validate(state)
        try:
            plan = Plan.from_dict(state)
        except (LearnerInputError, KeyError) as exc:
            raise ValueError(exc.args[0]) from None
        ids = [p.id for p in plan.posts]
        if len(set(ids)) != len(ids):
            raise ValueError("deux publications ont le même identifiant.")
        out = plan.to_dict()
        out["schema_version"] = self.schema_version
        self._plan, self._plan_state = plan, out
        return out

    @property
    def plan(self) -> Plan:
        if self._plan is None or getattr(self, "_plan_state", None) is not self.state:
            self._plan, self._plan_state = Plan.from_dict(self.state), self.state
        return self._plan

    def undo(self) -> bool:
        self._plan = None
        return super().undo()

    # -- changes -----------------------------------------------------------------------------------------
    def _next_id(self) -> str:
        return self._new_ids(1)[0]

    def _check(self, raw: dict) -> dict:
        plan = Plan.from_dict({**self.state, "posts": []})
        return make_post(raw, plan.start, plan.end).to_dict()

    def add_post(self, raw: dict) -> str:
        post = self._check({**raw, "id": raw.get("id") or self._next_id()})
        if any(p["id"] == post["id"] for p in self.state["posts"]):
            raise LearnerInputError(f"Une publication porte déjà l'identifiant {post['id']}.")
        self.update(lambda s: s["posts"].append(post))
        return post["id"]

    def _index(self, post_id: str) -> int:
        for i, p in enumerate(self.state["posts"]):
            if p["id"] == post_id:
                return i
        raise LearnerInputError(f"Publication introuvable : {post_id!r}.")

    def edit_post(self, post_id: str, **changes) -> None:
        i = self._index(post_id)
        post = self._check({**self.state["posts"][i], **changes, "id": post_id})

        def change(s):
            s["posts"][i] = post

        self.update(change)

    def move_post(self, post_id: str, date, time: str | None = None) -> None:
        changes = {"date": parse_date(date, "Nouvelle date").isoformat()}
        if time is not None:
            changes["time"] = time
        self.edit_post(post_id, **changes)

    def delete_post(self, post_id: str) -> None:
        i = self._index(post_id)
        self.update(lambda s: s["posts"].pop(i))

    def _new_ids(self, count: int) -> list[str]:
        """``count`` identifiers no post of the plan has (``p<n>``): existing posts keep theirs."""
        used = {p.get("id") for p in self.state["posts"]}
        ids, n = [], len(used) + 1
        while len(ids) < count:
            if f"p{n}" not in used:
                ids.append(f"p{n}")
            n += 1
        return ids

    def duplicate_post(self, post_id: str, **changes) -> str:
        """A copy of a post (with ``changes``, e.g. another date or network) under a new identifier; its id."""
        original = self.state["posts"][self._index(post_id)]
        copy = self._check({**original, **changes, "id": self._next_id()})
        self.update(lambda s: s["posts"].append(copy))
        return copy["id"]

    def repeat_weekly(self, post_id: str, until) -> list[str]:
        """Copies of a post every 7 days after it, up to ``until`` included, under new identifiers (their ids).

        One change of the file (« Annuler » removes every copy at once). ``until`` must lie inside the plan and
        at least a week after the post. The copies prepare no key date (the post itself keeps its own). A copy whose network, date and hour a post already holds is not made
        twice (repeating again adds nothing); the copies of a post at a time that does not exist on one of
        the days (the spring change to summer time) are all refused, with the day in the message.
        """
        original = self.state["posts"][self._index(post_id)]
        plan = Plan.from_dict({**self.state, "posts": []})
        last = parse_date(until, "Fin de la répétition")
        if not plan.start <= last <= plan.end:
            raise LearnerInputError(
                f"Répétition jusqu'au {last:%d/%m/%Y} impossible : cette date est en dehors du plan "
                f"(du {plan.start:%d/%m/%Y} au {plan.end:%d/%m/%Y}).")
        first = dt.date.fromisoformat(original["date"])
        days = []
        day = first + dt.timedelta(days=7)
        while day <= last:
            days.append(day)
            day += dt.timedelta(days=7)
        if not days:
            raise LearnerInputError(
                f"Aucune copie : choisissez une fin de répétition au moins une semaine après la publication "
                f"{post_id} du {first:%d/%m/%Y} (au plus tôt le {first + dt.timedelta(days=7):%d/%m/%Y}).")
        taken = {(p["network"], p["date"], p["time"]) for p in self.state["posts"]}
        days = [d for d in days if (original["network"], d.isoformat(), original["time"]) not in taken]
        copies = []
        for day, new_id in zip(days, self._new_ids(len(days)), strict=True):
            try:
                copies.append(self._check({**original, "date": day.isoformat(), "key_date": "", "id": new_id}))
            except LearnerInputError as exc:
                raise LearnerInputError(f"Copie du {day:%d/%m/%Y} : {exc.args[0]}") from None
        if copies:
            self.update(lambda s: s["posts"].extend(copies))
        return [c["id"] for c in copies]

    def set_editorial_line(self, data: dict) -> None:
        line = EditorialLine.from_dict(data).to_dict()
        self.update(lambda s: s.__setitem__("editorial_line", line))


_OPEN: dict[Path, PlanModel] = {}


def _stamp(path: Path) -> tuple[int, int] | None:
    try:
        info = path.stat()
    except OSError:
        return None
    return info.st_mtime_ns, info.st_size


def open_plan(path: str | Path = PLAN_FILE, start=None, months: int = 3) -> PlanModel:
    """The one model of a plan file in this kernel (the builder and the editorial line form share it).

    When the file changed on disk since this kernel last read or wrote it (a plan copied from another module,
    a file restored), the model is read again: a stale model never overwrites the learner's file.
    """
    key = Path(path).resolve()
    model = _OPEN.get(key)
    if model is None or getattr(model, "_disk_stamp", None) != _stamp(key):
        model = PlanModel(path, start, months)
        _OPEN[key] = model
        model._disk_stamp = _stamp(key)
        model.observe(lambda m: setattr(m, "_disk_stamp", _stamp(m.path.resolve())))
    return model


def month_html(plan: Plan, year: int, month: int, dates=None, selected: str = "") -> str:
    """A month grid (HTML table): posts coloured by network, key dates in italics."""
    nets = sorted({p.network for p in plan.posts})
    colours = {n: OKABE_ITO[i % len(OKABE_ITO)] for i, n in enumerate(nets)}
    by_day: dict[dt.date, list[str]] = {}
    for p in plan.sorted_posts():
        if p.date.year == year and p.date.month == month:
            mark = "outline:2px solid #000;" if p.id == selected else ""
            chosen = "▶ " if p.id == selected else ""  # the chosen post is said in text too, not by its outline only
            by_day.setdefault(p.date, []).append(
                f'<div style="background:{colours[p.network]}33;border-left:4px solid {colours[p.network]};{mark}'
                f'margin:1px 0;padding:0 2px">{chosen}{p.time} {html.escape(get_network(p.network).name)} · {p.format} · '
                f"{html.escape(p.theme)} <small>({p.id})</small></div>")
    keys: dict[dt.date, list[str]] = {}
    if dates is not None:
        for row in dates.itertuples(index=False):
            if row.date.year == year and row.date.month == month:
                keys.setdefault(row.date, []).append(f'<div style="font-style:italic;color:#444">★ {html.escape(row.name)}</div>')
    first = dt.date(year, month, 1)
    last = dt.date(year + month // 12, month % 12 + 1, 1) - dt.timedelta(days=1)
    day, stop = first - dt.timedelta(days=first.weekday()), last + dt.timedelta(days=6 - last.weekday())
    cells = []
    while day <= stop:
        inside = day.month == month and plan.start <= day <= plan.end
        content = "".join(keys.get(day, [])) + "".join(by_day.get(day, [])) if day.month == month else ""
        bg = "#ffffff" if inside else "#eeeeee"
        # a day of the month outside the plan's period is greyed and says so in words (not by its colour alone)
        outside = " <small>(hors période)</small>" if day.month == month and not inside else ""
        cells.append(f'<td style="vertical-align:top;border:1px solid #999;padding:2px;width:14%;background:{bg};'
                     f'color:#1a1a1a;font-size:11px;height:60px"><b>{day.day if day.month == month else ""}</b>{outside}'
                     f'{content}</td>')
        day += dt.timedelta(days=1)
    rows = "".join("<tr>" + "".join(cells[i:i + 7]) + "</tr>" for i in range(0, len(cells), 7))
    head = "".join(f'<th scope="col">{d}</th>' for d in DAYS_FR)
    legend = " ".join(f'<span style="border-left:8px solid {c};padding-left:4px">{get_network(n).name}</span>'
                      for n, c in colours.items())
    return (f'<table style="border-collapse:collapse;width:100%;table-layout:fixed">'
            f"<caption style='text-align:left'><b>{MONTHS_FR[month - 1].capitalize()} {year}</b> — {legend}</caption>"
            f"<thead><tr>{head}</tr></thead><tbody>{rows}</tbody></table>")


def list_html(plan: Plan, dates=None) -> str:
    """The posts as a table, then the key dates of the window with the post that prepares each (if any)."""
    head = "".join(f'<th scope="col" style="text-align:left;padding:2px 6px">{h}</th>' for h in
                   ("Id", "Date", "Heure", "Réseau", "Format", "Thème", "Pilier", "Date clé", "Texte"))
    rows = "".join(
        f"<tr><td>{p.id}</td><td>{p.date:%d/%m/%Y}</td><td>{p.time}</td><td>{html.escape(get_network(p.network).name)}"
        f"</td><td>{p.format}</td><td>{html.escape(p.theme)}</td><td>{html.escape(p.pillar)}</td>"
        f"<td>{html.escape(p.key_date)}</td><td>{html.escape(p.caption[:60])}</td></tr>"
        for p in plan.sorted_posts())
    return (f'<table style="border-collapse:collapse;font-size:12px;color:#1a1a1a;background:#fff">'
            f"<caption style='text-align:left'>{len(plan.posts)} publication(s)</caption><thead><tr>{head}</tr></thead>"
            f"<tbody>{rows}</tbody></table>" + ("" if dates is None or dates.empty else key_dates_html(plan, dates)))


def key_dates_html(plan: Plan, dates) -> str:
    cover = key_date_coverage(plan, dates)
    rows = "".join(
        f"<tr><td>{c['date']:%d/%m/%Y}</td><td>{html.escape(c['name'])}</td><td>{html.escape(c['kind'])}</td>"
        f"<td>{'préparée par ' + c['post'] if c['post'] else '<b>à préparer</b>'}</td></tr>" for c in cover)
    head = "".join(f'<th scope="col" style="text-align:left;padding:2px 6px">{h}</th>' for h in
                   ("Date", "Date clé", "Type", "Publication"))
    return (f'<table style="border-collapse:collapse;font-size:12px;color:#1a1a1a;background:#fff;margin-top:8px">'
            f"<caption style='text-align:left'>Dates clés de la période</caption><thead><tr>{head}</tr></thead>"
            f"<tbody>{rows}</tbody></table>")


class PlanBuilder(w.VBox):
    """The plan builder view; ``.value`` is the plan (``autograder.plan.Plan``), ``.to_dataframe()`` its table."""

    def __init__(self, path: str | Path = PLAN_FILE, start=None, months: int = 3, company=None,
                 live_checks: bool = True, **kwargs):
        super().__init__(**kwargs)
        self._model = open_plan(path, start, months)
        self._company = company or load_company()
        self._live = live_checks
        plan = self._model.plan
        date_problem = ""
        try:
            self._dates = calendar.key_dates(plan.start, plan.end, company=self._company)
        except ValueError as exc:  # a broken sector date in entreprise.json: show the others, say why
            self._dates = calendar.key_dates(plan.start, plan.end)
            date_problem = f"{exc.args[0]} Les dates du secteur ne sont pas affichées."
        months_list = []
        day = dt.date(plan.start.year, plan.start.month, 1)
        while day <= plan.end:
            months_list.append((f"{MONTHS_FR[day.month - 1]} {day.year}", (day.year, day.month)))
            day = dt.date(day.year + day.month // 12, day.month % 12 + 1, 1)
        self._view = choice_group([("Mois", "mois"), ("Liste", "liste")], value="mois", description="Affichage :")
        self._month = w.Dropdown(options=months_list, description="Mois :")
        self._calendar = w.HTML()
        self._select = w.Dropdown(options=[("(nouvelle publication)", "")], description="Publication :",
                                  layout=w.Layout(width="520px"))
        self._date = w.DatePicker(description="Date :", value=plan.start)
        self._time = w.Text(description="Heure :", value="18:30", placeholder="HH:MM")
        self._network = w.Dropdown(options=[(n.name, n.id) for n in NETWORKS.values()], value="instagram",
                                   description="Réseau :")
        self._format = w.Dropdown(options=FORMATS, value="publication", description="Format :")
        self._theme = w.Dropdown(options=[(v, k) for k, v in THEMES.items()], value="produit", description="Thème :")
        self._pillar = w.Combobox(description="Pilier :", placeholder="pilier de la ligne éditoriale", ensure_option=False)
        self._key_date = w.Dropdown(description="Date clé :")
        self._caption = w.Textarea(description="Texte :", placeholder="brouillon du texte",
                                   layout=w.Layout(width="520px", height="70px"))
        self._visual = w.Text(description="Visuel :", placeholder="fichier du visuel (PNG, JPEG)")
        self._add = action_button("Ajouter", button_style="success", tooltip="Ajouter la publication au plan")
        self._save = w.Button(description="Enregistrer les modifications", tooltip="Modifier la publication choisie")
        self._delete = action_button("Supprimer", button_style="danger", tooltip="Supprimer la publication choisie")
        self._undo = w.Button(description="Annuler la dernière modification", tooltip="Annuler")
        self._export = w.Button(description="Exporter (iCalendar, CSV, PNG, PDF)", tooltip="Écrire les exports à côté du plan")
        self._duplicate = w.Button(description="Dupliquer",
                                   tooltip="Copier la publication choisie sous un nouvel identifiant, puis la modifier")
        self._until = w.DatePicker(description="Répéter chaque semaine jusqu'au :", value=plan.end,
                                   style={"description_width": "initial"})
        self._repeat = w.Button(description="Répéter chaque semaine",
                                tooltip="Copier la publication choisie chaque semaine, même jour et même heure, "
                                        "jusqu'à la date indiquée")
        for b in (self._add, self._save, self._delete, self._undo, self._export, self._duplicate, self._repeat):
            b.layout.width = "auto"
        self._status = StatusLine()
        self._checks = w.HTML()
        self._add.on_click(lambda _: self._run(self._on_add))
        self._save.on_click(lambda _: self._run(self._on_save))
        self._delete.on_click(lambda _: self._run(self._on_delete))
        self._undo.on_click(lambda _: self._run(self._on_undo))
        self._export.on_click(lambda _: self._run(self._on_export))
        self._duplicate.on_click(lambda _: self._run(self._on_duplicate))
        self._repeat.on_click(lambda _: self._run(self._on_repeat))
        self._select.observe(self._on_select, "value")
        self._view.observe(lambda _: self._redraw(), "value")
        self._month.observe(lambda _: self._redraw(), "value")
        self._network.observe(self._on_network, "value")
        self._model.observe(lambda _m: self._redraw())
        form = w.VBox([
            self._select, w.HBox([self._date, self._time]), w.HBox([self._network, self._format]),
            w.HBox([self._theme, self._pillar]), self._key_date, self._caption, self._visual,
            w.HBox([self._add, self._save, self._delete, self._undo, self._export]),
            w.HBox([self._duplicate, self._until, self._repeat]),
        ])
        self.children = (w.HBox([self._view, self._month]), self._calendar, form, self._status, self._checks)
        self._on_network(None)
        if self._model.load_message or date_problem:
            self._status.show(" ".join(m for m in (self._model.load_message, date_problem) if m), "erreur")
        self._redraw()

    # -- artefact ----------------------------------------------------------------------------------------
    @property
    def value(self) -> Plan:
        return self._model.plan

    @property
    def model(self) -> PlanModel:
        return self._model

    def to_dataframe(self):
        return self._model.plan.to_dataframe()

    # -- events ------------------------------------------------------------------------------------------
    def _run(self, action) -> None:
        try:
            action()
        except (LearnerInputError, ValueError, KeyError) as exc:
            self._status.show(str(exc.args[0]) if exc.args else str(exc), "erreur")

    def _form(self) -> dict:
        if self._date.value is None:
            raise LearnerInputError("Choisissez une date.")
        return {"date": self._date.value, "time": self._time.value, "network": self._network.value,
                "format": self._format.value, "theme": self._theme.value, "pillar": self._pillar.value,
                "caption": self._caption.value, "visual": self._visual.value, "key_date": self._key_date.value or ""}

    def _on_add(self) -> None:
        post_id = self._model.add_post(self._form())
        self._select.value = post_id
        self._status.show(f"Publication {post_id} ajoutée.", "ok")

    def _on_save(self) -> None:
        if not self._select.value:
            raise LearnerInputError("Choisissez d'abord la publication à modifier.")
        self._model.edit_post(self._select.value, **self._form())
        self._status.show(f"Publication {self._select.value} modifiée.", "ok")

    def _on_delete(self) -> None:
        if not self._select.value:
            raise LearnerInputError("Choisissez d'abord la publication à supprimer.")
        post_id = self._select.value
        self._select.value = ""
        self._model.delete_post(post_id)
        self._status.show(f"Publication {post_id} supprimée (« Annuler » la rétablit).", "ok")

    def _chosen(self, what: str) -> str:
        if not self._select.value:
            raise LearnerInputError(f"Choisissez d'abord, dans « Publication », la publication à {what}.")
        return self._select.value

    def _on_duplicate(self) -> None:
        post_id = self._chosen("dupliquer")
        copy = self._model.duplicate_post(post_id)
        self._select.value = copy
        self._status.show(f"Publication {post_id} dupliquée : la copie {copy} est choisie ; changez sa date, son "
                          "réseau ou son texte, puis « Enregistrer les modifications ».", "ok")

    def _on_repeat(self) -> None:
        post_id = self._chosen("répéter")
        if self._until.value is None:
            raise LearnerInputError("Choisissez la date de fin de la répétition (« Répéter chaque semaine jusqu'au »).")
        copies = self._model.repeat_weekly(post_id, self._until.value)
        if not copies:
            self._status.show(f"Rien à ajouter : chaque semaine jusqu'au {self._until.value:%d/%m/%Y} a déjà la "
                              f"publication {post_id}, même jour et même heure.", "info")
            return
        days = sorted(p.date for p in self._model.plan.posts if p.id in copies)
        self._status.show(f"{len(copies)} copie(s) de la publication {post_id} ajoutée(s), chaque semaine du "
                          f"{days[0]:%d/%m/%Y} au {days[-1]:%d/%m/%Y} (« Annuler la dernière modification » les "
                          "retire toutes).", "ok")

    def _on_undo(self) -> None:
        if self._model.undo():
            self._status.show("Dernière modification annulée.", "ok")
        else:
            self._status.show("Rien à annuler.", "info")

    def _on_export(self) -> None:
        plan = self._model.plan
        folder, stem = self._model.path.parent, self._model.path.stem
        files = write_exports(plan, folder, stem)
        files["png"] = save_retroplanning(plan, folder / f"{stem}_retroplanning.png", self._dates)
        files["pdf"] = save_retroplanning(plan, folder / f"{stem}_retroplanning.pdf", self._dates)
        self._status.show("Exports écrits : " + ", ".join(p.name for p in files.values()) + ".", "ok")

    def _on_network(self, _change) -> None:
        net = get_network(self._network.value)
        current = self._format.value
        self._format.options = [f for f in FORMATS if f in net.formats]
        if current in self._format.options:
            self._format.value = current

    def _on_select(self, change) -> None:
        if getattr(self, "_redrawing", False):
            return
        post = next((p for p in self._model.state["posts"] if p["id"] == change["new"]), None)
        if post is None:
            return
        self._date.value = dt.date.fromisoformat(post["date"])
        self._time.value = post["time"]
        self._network.value = post["network"]
        self._format.value = post["format"]
        self._theme.value = post["theme"]
        self._pillar.value = post["pillar"]
        self._caption.value = post["caption"]
        self._visual.value = post["visual"]
        if post["key_date"] in [v for _, v in self._key_date.options]:
            self._key_date.value = post["key_date"]
        self._redraw()

    def _redraw(self) -> None:
        plan = self._model.plan
        self._pillar.options = tuple(plan.line.pillars)
        options = [("(aucune)", "")] + [(f"{r.date:%d/%m} {r.name}", r.name) for r in self._dates.itertuples(index=False)]
        if list(self._key_date.options) != options:
            self._key_date.options = options
        posts = [("(nouvelle publication)", "")] + [
            (f"{p.id} — {p.date:%d/%m} {p.time} {get_network(p.network).name} {p.format} ({p.theme})", p.id)
            for p in plan.sorted_posts()]
        selected = self._select.value if any(v == self._select.value for _, v in posts) else ""
        if list(self._select.options) != posts:
            self._redrawing = True
            try:
                self._select.options = posts
                self._select.value = selected
            finally:
                self._redrawing = False
        if self._view.value == "mois":
            self._calendar.value = month_html(plan, *self._month.value, self._dates, selected)
        else:
            self._calendar.value = list_html(plan, self._dates)
        if self._live:
            self._checks.value = results_html(self.check())

    def check(self):
        """The live checks: C3.1–C3.3 and C4.4 on the current plan."""
        from autograder.checks import c3, c4

        plan = self._model.plan
        if not plan.posts:
            return []
        return [*c3.check_all(plan, company=self._company), c4.check_format_mix(plan)]
