"""Moderation inbox: a queue like Meta Business Suite's, where every decision is saved to a file.

``InboxModel`` (file-backed, no widgets) holds the decisions on the queue's items; ``ModerationInbox`` is
the view: filters, the item with its thread, saved replies with variables, actions and live KPIs.
The queue is worked on « le samedi 31 octobre à partir de 18 h » (a simulated clock): each decision is
timestamped two minutes after the previous one, so response times stay meaningful in a fresh kernel.
"""

from __future__ import annotations

import datetime as dt
import html
from pathlib import Path

import ipywidgets as w

from autograder import moderation as mod
from autograder.company import CASE_COMPANY, CompanyProfile
from autograder.widgets.base import FileBackedModel, StatusLine

SIM_START = dt.datetime(2026, 10, 31, 18, 0)
FILTERS = {"a_traiter": "À traiter", "toutes": "Tout le mois", "commentaires": "Commentaires à traiter",
           "messages": "Messages à traiter", "traitees": "Déjà traités (file)"}


class InboxModel(FileBackedModel):
    """Decisions on the queue of an inbox; ``items``: the month's items (``handled`` ones are history)."""

    def __init__(self, path: str | Path, items: list[dict] | None = None, company: CompanyProfile = CASE_COMPANY):
        if items is None:
            from autograder.data.case_community import inbox

            items = inbox()
        self.items = items
        self.by_id = {it["id"]: it for it in items}
        self.pending = [it["id"] for it in items if "handled" not in it]
        self.company = company
        super().__init__(path)

    def default_state(self) -> dict:
        return {"decisions": {}, "banned": []}

    def validate(self, state: dict) -> dict:
        state = super().validate(state)
        decisions = state.setdefault("decisions", {})
        state.setdefault("banned", [])
        if not isinstance(decisions, dict):
            raise ValueError("« decisions » doit être un dictionnaire")
        for item_id, d in decisions.items():
            if item_id not in self.by_id:
                raise ValueError(f"élément inconnu : « {item_id} »")
            mod.validate_actions(d.get("actions", []))
            if d.get("reply") is not None:
                mod.validate_reply(d["reply"])
        return state

    # -- queries -----------------------------------------------------------------------------------------
    @property
    def decisions(self) -> dict[str, dict]:
        return self.state["decisions"]

    def is_removed(self, item_id: str) -> bool:
        return "delete" in self.decisions.get(item_id, {}).get("actions", [])

    def thread(self, item_id: str) -> list[dict]:
        item = self.by_id[item_id]
        return [it for it in self.items if it["thread"] == item["thread"]]

    def visible(self, filter_id: str = "a_traiter", label: str | None = None) -> list[str]:
        if filter_id not in FILTERS:
            raise ValueError(f"Filtre inconnu : « {filter_id} ». Filtres possibles : {', '.join(FILTERS)}.")
        if filter_id == "toutes":
            ids = [it["id"] for it in self.items]
        elif filter_id == "traitees":
            ids = [i for i in self.pending if self.decisions.get(i, {}).get("actions")]
        else:
            ids = [i for i in self.pending if not self.decisions.get(i, {}).get("actions")]
            if filter_id == "commentaires":
                ids = [i for i in ids if self.by_id[i]["channel"] == "commentaire"]
            elif filter_id == "messages":
                ids = [i for i in ids if self.by_id[i]["channel"] == "message"]
        if label:
            ids = [i for i in ids if self.decisions.get(i, {}).get("label") == label]
        return ids

    def kpis(self) -> dict:
        """Response rate and times over the month (team's history + decisions), items left in the queue."""
        delays: list[float | None] = []
        for it in self.items:
            if it["channel"] != "message" or self.is_removed(it["id"]):
                continue
            if "handled" in it:
                if "delete" in it["handled"]["actions"]:
                    continue
                delays.append(it["handled"]["delay_minutes"])
            else:
                d = self.decisions.get(it["id"], {})
                if d.get("reply"):
                    start = dt.datetime.fromisoformat(it["created_at"])
                    delays.append(max(0.0, (dt.datetime.fromisoformat(d["decided_at"]) - start).total_seconds() / 60))
                else:
                    delays.append(None)
        figures = mod.response_time_figures(delays)
        figures["left"] = len(self.visible("a_traiter"))
        return figures

    # -- changes -----------------------------------------------------------------------------------------
    def _check_item(self, item_id: str) -> None:
        if item_id not in self.by_id:
            raise ValueError(f"Élément inconnu : « {item_id} ».")
        if item_id not in self.pending:
            raise ValueError(f"L'élément {item_id} a déjà été traité par l'équipe : il n'est pas dans la file.")

    def act(self, item_id: str, action: str, reply: str | None = None) -> None:
        """Record ``action`` on an item (with the reply text for « reply »), or a French ``ValueError``."""
        self._check_item(item_id)
        if action not in mod.ACTIONS:
            raise ValueError(f"Action inconnue : « {action} ». Actions possibles : "
                             + ", ".join(f"« {label} »" for label in mod.ACTIONS.values()) + ".")
        if self.is_removed(item_id):
            raise ValueError(f"L'élément {item_id} a été supprimé : aucune autre action n'est possible "
                             "(utilisez « Annuler » pour revenir en arrière).")
        if action == "reply":
            reply = mod.validate_reply(reply)
        if action == "to_private" and self.by_id[item_id]["channel"] == "message":
            raise ValueError("Cet élément est déjà un message privé : répondez-lui directement.")
        author = self.by_id[item_id]["author"]

        def change(state):
            d = state["decisions"].setdefault(item_id, {"actions": [], "reply": None, "label": None})
            if action not in d["actions"]:
                d["actions"].append(action)
            if action == "reply":
                d["reply"] = reply
            if action == "ban" and author not in state["banned"]:
                state["banned"].append(author)
            done = sum(1 for x in state["decisions"].values() if x.get("actions"))
            d["decided_at"] = (SIM_START + dt.timedelta(minutes=2 * done)).isoformat(timespec="minutes")

        self.update(change)

    def set_label(self, item_id: str, label: str | None) -> None:
        self._check_item(item_id)
        if label is not None and label not in mod.LABELS:
            raise ValueError(f"Étiquette inconnue : « {label} ». Étiquettes possibles : {', '.join(mod.LABELS)}.")

        def change(state):
            d = state["decisions"].setdefault(item_id, {"actions": [], "reply": None, "label": None})
            d["label"] = label

        self.update(change)

    def saved_reply(self, item_id: str, name: str, **extra: str) -> str:
        if name not in mod.SAVED_REPLIES:
            raise ValueError(f"Réponse enregistrée inconnue : « {name} ».")
        return mod.fill_template(mod.SAVED_REPLIES[name], self.by_id[item_id]["author"], self.company, **extra)


def _item_html(it: dict, decision: dict | None, current: bool) -> str:
    who = html.escape(it["author"])
    when = dt.datetime.fromisoformat(it["created_at"]).strftime("%d/%m à %H:%M")
    channel = "💬 commentaire" if it["channel"] == "commentaire" else "✉️ message privé"
    style = "border-left:4px solid #0072B2;" if current else "border-left:4px solid #999999;"
    parts = [f'<div style="{style}padding:4px 8px;margin:4px 0;background:#ffffff;color:#1a1a1a">'
             f"<strong>{who}</strong> · {channel} · {it['network']} · {when} · <code>{it['id']}</code>"
             f"<div>{html.escape(it['text'])}</div>"]
    handled = it.get("handled") or {}
    reply = handled.get("reply") or (decision or {}).get("reply")
    actions = handled.get("actions") or (decision or {}).get("actions") or []
    if actions:
        parts.append(f"<div style='color:#444444'>Actions : {html.escape(', '.join(mod.ACTIONS[a] for a in actions))}"
                     "</div>")
    if reply:
        parts.append(f"<div style='margin-left:16px;color:#0b4a6f'>↳ <em>Réponse de la page :</em> "
                     f"{html.escape(reply)}</div>")
    parts.append("</div>")
    return "".join(parts)


class ModerationInbox(w.VBox):
    """The inbox view: filters, queue, thread, reply box, action buttons, KPIs, status line."""

    def __init__(self, path: str | Path = "moderation.json", items: list[dict] | None = None,
                 company: CompanyProfile = CASE_COMPANY, **kwargs):
        super().__init__(**kwargs)
        self.model = InboxModel(path, items, company)
        self._status = StatusLine()
        self._filter = w.Dropdown(options=[(v, k) for k, v in FILTERS.items()], value="a_traiter",
                                  description="Filtre")
        self._label_filter = w.Dropdown(options=[("Toutes", None)] + [(x, x) for x in mod.LABELS], value=None,
                                        description="Étiquette")
        self._queue = w.Select(options=[], rows=10, description="Éléments",
                               layout=w.Layout(width="100%"))
        self._thread = w.HTML()
        self._saved = w.Dropdown(options=list(mod.SAVED_REPLIES), description="Réponse type")
        self._insert = w.Button(description="Insérer la réponse type", tooltip="Remplit la réponse avec les variables")
        self._reply = w.Textarea(description="Réponse", placeholder="Bonjour {prénom}, … — signature",
                                 layout=w.Layout(width="100%", height="80px"))
        self._buttons = {}
        for action, label in mod.ACTIONS.items():
            button = w.Button(description=label, tooltip=label)
            button.on_click(lambda _b, a=action: self._act(a))
            self._buttons[action] = button
        self._label = w.Dropdown(options=[("(aucune)", None)] + [(x, x) for x in mod.LABELS], value=None,
                                 description="Étiqueter")
        self._undo = w.Button(description="Annuler la dernière action", tooltip="Annuler")
        self._kpis = w.HTML()
        self._insert.on_click(lambda _b: self._insert_saved())
        self._undo.on_click(lambda _b: self._undo_last())
        self._filter.observe(lambda _c: self._refresh_queue(), names="value")
        self._label_filter.observe(lambda _c: self._refresh_queue(), names="value")
        self._queue.observe(lambda _c: self._show_item(), names="value")
        self._label.observe(self._on_label, names="value")
        self.children = [
            w.HTML("<h3>Boîte de réception — modération</h3>"), self._kpis,
            w.HBox([self._filter, self._label_filter]), self._queue, self._thread,
            w.HBox([self._saved, self._insert]), self._reply,
            w.HBox(list(self._buttons.values())[:5]), w.HBox(list(self._buttons.values())[5:]),
            w.HBox([self._label, self._undo]), self._status,
        ]
        if self.model.load_message:
            self._status.show(self.model.load_message, "erreur")
        self._refresh_queue()

    # -- drawing -----------------------------------------------------------------------------------------
    def _refresh_queue(self, after_action: bool = False) -> None:
        """Redraw the list. After an action, an item that left the filtered list is not replaced by another
        one: the next click (« Bannir l'auteur »…) must never fall on an item the learner did not choose."""
        ids = self.model.visible(self._filter.value, self._label_filter.value)
        options = [(f"{i} · {self.model.by_id[i]['author']} — {self.model.by_id[i]['text'][:60]}", i) for i in ids]
        current = self._queue.value
        self._queue.options = options
        if current in ids:
            self._queue.value = current
        elif ids and not after_action:
            self._queue.value = ids[0]
        else:
            self._queue.index = None
        self._show_item()
        self._refresh_kpis()

    def _refresh_kpis(self) -> None:
        k = self.model.kpis()
        minutes = "—" if k["answered"] == 0 else f"{k['meta_response_minutes']:.0f} min"
        self._kpis.value = (
            "<div role='status' style='color:#1a1a1a;background:#f2f2f2;padding:4px 8px'>"
            f"Taux de réponse aux messages : <strong>{k['response_rate']:.0f} %</strong> · "
            f"temps de réponse (calcul de Meta : moyenne des 90 % de réponses les plus rapides) : "
            f"<strong>{minutes}</strong> · "
            f"éléments à traiter : <strong>{k['left']}</strong></div>")

    def _show_item(self) -> None:
        item_id = self._queue.value
        if not item_id:
            self._thread.value = ("<p>Choisissez un élément dans la liste.</p>" if self._queue.options
                                  else "<p>Aucun élément dans ce filtre.</p>")
            return
        item = self.model.by_id[item_id]
        post = f"<p><em>Sous : {html.escape(item['post'])}</em></p>" if item.get("post") else ""
        thread = self.model.thread(item_id)
        if len(thread) > 12:  # long threads: the item, its parent and its direct replies
            thread = [it for it in thread if it["id"] in (item_id, item.get("parent")) or it.get("parent") == item_id]
        self._thread.value = post + "".join(_item_html(it, self.model.decisions.get(it["id"]), it["id"] == item_id)
                                            for it in thread)
        self._label.unobserve(self._on_label, names="value")
        self._label.value = self.model.decisions.get(item_id, {}).get("label")
        self._label.observe(self._on_label, names="value")

    # -- actions -----------------------------------------------------------------------------------------
    def _act(self, action: str) -> None:
        item_id = self._queue.value
        if not item_id:
            self._status.show("Choisissez d'abord un élément dans la liste.", "erreur")
            return
        try:
            self.model.act(item_id, action, self._reply.value if action == "reply" else None)
        except ValueError as exc:
            self._status.show(str(exc), "erreur")
            return
        if action == "reply":
            self._reply.value = ""
        self._refresh_queue(after_action=True)
        gone = "" if self._queue.value == item_id else (" Il n'apparaît plus avec ce filtre : choisissez dans la "
                                                         "liste l'élément à traiter ensuite.")
        self._status.show(f"{mod.ACTIONS[action]} : enregistré pour {item_id}.{gone}", "ok")

    def _insert_saved(self) -> None:
        item_id = self._queue.value
        if not item_id:
            self._status.show("Choisissez d'abord un élément dans la liste.", "erreur")
            return
        self._reply.value = self.model.saved_reply(item_id, self._saved.value)
        self._status.show("Réponse type insérée : personnalisez-la avant d'envoyer.", "info")

    def _on_label(self, change) -> None:
        item_id = self._queue.value
        if not item_id:
            return
        try:
            self.model.set_label(item_id, change["new"])
        except ValueError as exc:
            self._status.show(str(exc), "erreur")
            return
        self._status.show(f"Étiquette enregistrée pour {item_id}.", "ok")

    def _undo_last(self) -> None:
        if self.model.undo():
            self._status.show("Dernière action annulée.", "ok")
            self._refresh_queue()
        else:
            self._status.show("Rien à annuler.", "info")

    # -- artefact ----------------------------------------------------------------------------------------
    @property
    def value(self) -> dict:
        return self.model.decisions


def sentiment_chart_svg(weekly, width: int = 520) -> str:
    """Positive and negative items per week (``ereputation_summary()["weekly"]``) as an accessible inline SVG.

    Okabe-Ito colours, negative bars hatched (not told apart by colour alone), values written on the bars, and a
    text summary as the accessible name and below the chart.
    """
    weeks = list(weekly.index)
    top = max([1, *weekly["positif"], *weekly["négatif"]])
    group, bar, base, height = (width - 40) / max(1, len(weeks)), 18, 150, 120
    parts = ['<defs><pattern id="hachures" width="6" height="6" patternUnits="userSpaceOnUse">'
             '<rect width="6" height="6" fill="#D55E00"/><path d="M0 6 L6 0" stroke="#ffffff" stroke-width="1.5"/>'
             "</pattern></defs>"]
    for i, week in enumerate(weeks):
        x = 40 + i * group
        for j, (column, fill) in enumerate((("positif", "#009E73"), ("négatif", "url(#hachures)"))):
            value = int(weekly.loc[week, column])
            h = height * value / top
            bx = x + j * (bar + 2)
            parts.append(f'<rect x="{bx:.1f}" y="{base - h:.1f}" width="{bar}" height="{h:.1f}" fill="{fill}"/>'
                         f'<text x="{bx + bar / 2:.1f}" y="{base - h - 3:.1f}" text-anchor="middle" font-size="11" '
                         f'fill="#1a1a1a">{value}</text>')
        parts.append(f'<text x="{x + bar:.1f}" y="{base + 16}" text-anchor="middle" font-size="11" fill="#1a1a1a">'
                     f"sem. du {week:%d/%m}</text>")
    summary = "Éléments reçus par semaine : " + " ; ".join(
        f"semaine du {w:%d/%m}, {int(weekly.loc[w, 'positif'])} positifs et {int(weekly.loc[w, 'négatif'])} négatifs"
        for w in weeks) + "."
    legend = ('<rect x="40" y="4" width="12" height="12" fill="#009E73"/><text x="56" y="14" font-size="12" '
              'fill="#1a1a1a">positifs</text><rect x="130" y="4" width="12" height="12" fill="url(#hachures)"/>'
              '<text x="146" y="14" font-size="12" fill="#1a1a1a">négatifs (hachurés)</text>')
    return (f'<svg xmlns="http://www.w3.org/2000/svg" role="img" aria-label="{html.escape(summary)}" width="{width}" '
            f'height="{base + 26}" style="background:#ffffff;font-family:sans-serif">' + "".join(parts) + legend
            + f"</svg><p style='color:#1a1a1a'>{html.escape(summary)}</p>")
