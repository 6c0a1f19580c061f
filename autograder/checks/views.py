"""Compact HTML views of the artefact a graded cell judged (a plan, a publication, moderation decisions…).

Shown under the cards of a graded cell (:func:`autograder.checks.registry.artefact_html`), so that the
trainer in formgrader and the learner in the feedback see what was scored. Each view reads the file as data
and never fails: an unreadable file gives a French sentence.
"""

from __future__ import annotations

import html
from pathlib import Path

from autograder.storage import UnreadableWork, read_work_file

MAX_ROWS = 120
MAX_TEXT = 90

_TABLE = 'style="border-collapse:collapse;font-size:12px;color:#1a1a1a;background:#ffffff"'
_CELL = 'style="border:1px solid #bbbbbb;padding:2px 6px;text-align:left;vertical-align:top"'


def _short(text, limit: int | None = MAX_TEXT) -> str:
    number = isinstance(text, int | float) and not isinstance(text, bool)  # 0 is shown, not left blank
    text = " ".join((str(text) if number else str(text or "")).split())
    return html.escape(text if limit is None or len(text) <= limit else text[: limit - 1] + "…")


def table(caption: str, header: list[str], rows: list[list], *, limit: int | None = MAX_TEXT) -> str:
    """An accessible HTML table (caption, column headers), cut at :data:`MAX_ROWS` rows; each text cut at
    ``limit`` characters (``None``: whole texts, as a lesson shows them)."""
    head = "".join(f'<th scope="col" {_CELL}>{html.escape(h)}</th>' for h in header)
    body = "".join("<tr>" + "".join(f"<td {_CELL}>{_short(v, limit)}</td>" for v in row) + "</tr>"
                   for row in rows[:MAX_ROWS])
    more = f"<p>… et {len(rows) - MAX_ROWS} ligne(s) de plus.</p>" if len(rows) > MAX_ROWS else ""
    return (f"<table {_TABLE}><caption style='text-align:left;font-weight:bold'>{html.escape(caption)}</caption>"
            f"<thead><tr>{head}</tr></thead><tbody>{body}</tbody></table>{more}")


def _read(path) -> tuple[object, str]:
    data = read_work_file(Path(path))
    if isinstance(data, UnreadableWork):
        return None, f"<p>{html.escape(data.message)}</p>"
    if data is None:
        return None, f"<p>Fichier « {html.escape(Path(path).name)} » absent de la copie.</p>"
    return data, ""


def plan_html(path) -> str:
    """The plan's editorial line and posts (date, time, network, format, theme, text)."""
    data, problem = _read(path)
    if problem:
        return problem
    if not isinstance(data, dict):
        return "<p>Le fichier du plan n'a pas la forme attendue.</p>"
    posts = data.get("posts") if isinstance(data.get("posts"), list) else []
    rows = [[p.get("date", ""), p.get("time", ""), p.get("network", ""), p.get("format", ""), p.get("theme", ""),
             p.get("caption", "") or "(texte à rédiger)"] for p in posts if isinstance(p, dict)]
    rows.sort(key=lambda r: (str(r[0]), str(r[1])))
    line = data.get("editorial_line") if isinstance(data.get("editorial_line"), dict) else {}
    freq = line.get("frequency") if isinstance(line.get("frequency"), dict) else {}
    pillars = line.get("pillars") if isinstance(line.get("pillars"), dict | list) else {}
    intro = (f"<p>Plan du {_short(data.get('start'))} au {_short(data.get('end'))} : {len(rows)} publication(s). "
             f"Fréquence annoncée : {_short(', '.join(f'{k} {v}/sem.' for k, v in freq.items()) or 'aucune')}. "
             f"Piliers : {_short(pillars if isinstance(pillars, list) else ', '.join(f'{k} {v} %' for k, v in pillars.items()))}.</p>")
    return intro + table("Publications du plan", ["Date", "Heure", "Réseau", "Format", "Thème", "Texte"], rows)


def draft_html(path) -> str:
    """The publication draft: network, format, text, hashtags with their roles, visual and its alt text."""
    data, problem = _read(path)
    if problem:
        return problem
    draft = data.get("draft", data) if isinstance(data, dict) else None
    if not isinstance(draft, dict):
        return "<p>Le fichier de la publication n'a pas la forme attendue.</p>"
    tags = []
    for item in draft.get("hashtags") or []:
        if isinstance(item, dict):
            tags.append(f"#{item.get('tag', '')} ({item.get('role', '?')})")
        else:
            tags.append(f"#{item}")
    rows = [["Réseau", draft.get("network", "")], ["Format", draft.get("format", "")],
            ["Texte", str(draft.get("caption", ""))[:600]], ["Hashtags", ", ".join(tags) or "aucun"],
            ["Visuel", draft.get("visual", "") or "aucun"], ["Texte alternatif", draft.get("alt_text", "") or "aucun"]]
    head = "".join(f'<tr><th scope="row" {_CELL}>{html.escape(k)}</th><td {_CELL}>{_short(v, 600)}</td></tr>'
                   for k, v in rows)
    return f"<table {_TABLE}><caption style='text-align:left;font-weight:bold'>Publication évaluée</caption>{head}</table>"


def _part(path, key: str, kind: type, what: str) -> tuple[object, str]:
    """The ``key`` part of a widget's file (of type ``kind``), or a French sentence saying why not."""
    data, problem = _read(path)
    if problem:
        return None, problem
    part = data.get(key) if isinstance(data, dict) else data
    if not isinstance(part, kind):
        return None, f"<p>{html.escape(what)} n'a pas la forme attendue (« {key} »).</p>"
    return part, ""


def decisions_html(path) -> str:
    """The moderation decisions: item, actions, reply (no answer key: only what the learner decided)."""
    from autograder.moderation import ACTIONS

    decisions, problem = _part(path, "decisions", dict, "Le fichier de modération")
    if problem:
        return problem
    rows = []
    for item_id, d in sorted(decisions.items()):
        if isinstance(d, dict):
            actions = d.get("actions") if isinstance(d.get("actions"), list) else []
            rows.append([item_id, ", ".join(ACTIONS.get(str(a), str(a)) for a in actions) or "aucune",
                         d.get("reply") or ""])
    return table(f"Décisions de modération ({len(rows)} élément(s))", ["Élément", "Actions", "Réponse"], rows)


def animation_html(path) -> str:
    """The animation plan: week, action, target, detail."""
    plan, problem = _part(path, "plan", list, "Le plan d'animation")
    if problem:
        return problem
    rows = [[r.get("semaine", ""), r.get("action", ""), r.get("cible", ""), r.get("detail", "")]
            for r in plan if isinstance(r, dict)]
    return table("Plan d'animation", ["Semaine", "Action", "Cible", "Détail"], rows)


def view_of(render, name: str):
    """The artefact view of a registered cell: ``render`` (one of the views above) of the submission's file ``name``."""

    def view(sub) -> str:
        return render(sub.path(name))

    return view
