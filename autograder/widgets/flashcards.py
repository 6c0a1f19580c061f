"""Flash cards of the likely jury questions (lesson 08): a question, its key points on demand, a self-rating.

The bank is :func:`autograder.jury_questions.load_questions`; the ratings are saved to ``fiches_jury.json``
(atomic writes, reloaded when the widget is created). The next card favours the questions rated weak
(:func:`autograder.jury_questions.next_card`).
"""

from __future__ import annotations

import datetime as dt
import html
import random
import re
from pathlib import Path

import ipywidgets as w

from autograder import jury_questions as jq
from autograder import referentiel
from autograder.widgets.base import FileBackedModel, StatusLine

_URL = re.compile(r"https?://[^\s),]+")


class RatingsModel(FileBackedModel):
    """``{"ratings": {question id: {"rating": « Je sais » | « À revoir » | « Je ne sais pas », "date"}}}``."""

    def default_state(self) -> dict:
        return {"ratings": {}}

    def validate(self, state: dict) -> dict:
        return jq.validate_ratings(super().validate(state))

    @property
    def ratings(self) -> dict[str, dict]:
        return self.state["ratings"]

    def rate(self, qid: str, rating: str, when: dt.datetime | None = None) -> None:
        self.update(lambda state: jq.rate(state, qid, rating, when))


def _source_html(source: str) -> str:
    """A source, its URL made a link (opened in a new tab)."""
    out, last = [], 0
    for match in _URL.finditer(source):
        out.append(html.escape(source[last:match.start()]))
        url = html.escape(match.group(0))
        out.append(f'<a href="{url}" target="_blank" rel="noopener">{url}</a>')
        last = match.end()
    out.append(html.escape(source[last:]))
    return "".join(out)


class FlashCards(w.VBox):
    """One card at a time: « Voir les points clés », three self-ratings, a competency filter."""

    def __init__(self, path: str | Path = jq.RATINGS_FILE, seed: int | None = None, **kwargs):
        super().__init__(**kwargs)
        self.model = RatingsModel(path)
        self.questions = jq.load_questions()
        self._rng = random.Random(seed)
        self._status = StatusLine()
        options = [("Toutes les compétences", None)] + [(f"{c.id} — {c.short}", c.id)
                                                        for c in referentiel.COMPETENCIES]
        self._filter = w.Dropdown(options=options, value=None, description="Compétence",
                                  style={"description_width": "initial"})
        self._card = w.HTML()
        self._answer = w.HTML()
        self._reveal = w.Button(description="Voir les points clés", tooltip="Afficher ce que contient une bonne réponse",
                                layout=w.Layout(width="auto"))
        # plain buttons: ipywidgets' success and warning colours fail the WCAG contrast with their white text
        self._rate_buttons = {
            rating: w.Button(description=rating, tooltip=f"Noter cette question : {rating}",
                             layout=w.Layout(width="auto"))
            for rating in jq.RATINGS
        }
        self._next = w.Button(description="Question suivante", tooltip="Passer à une autre question",
                              layout=w.Layout(width="auto"))
        self._summary = w.HTML()
        self._reveal.on_click(lambda _b: self._show_points())
        for rating, button in self._rate_buttons.items():
            button.on_click(lambda _b, r=rating: self._on_rate(r))
        self._next.on_click(lambda _b: self._draw_next())
        self._filter.observe(lambda _c: self._draw_next(), names="value")
        self.children = [w.HTML("<h3>Questions du jury : fiches d'entraînement</h3>"), self._filter, self._card,
                         self._reveal, self._answer, w.HBox(list(self._rate_buttons.values()) + [self._next]),
                         self._status, self._summary]
        if self.model.load_message:
            self._status.show(self.model.load_message, "erreur")
        self.current: jq.JuryQuestion | None = None
        self._draw_next()

    # -- drawing -------------------------------------------------------------------------------------------------
    def _pool(self) -> list[jq.JuryQuestion]:
        return jq.for_competency(self.questions, self._filter.value)

    def _draw_next(self) -> None:
        pool = self._pool()
        self.current = jq.next_card(pool, self.model.ratings, self._rng,
                                    avoid=self.current.id if self.current else None)
        self._answer.value = ""
        if self.current is None:
            self._card.value = "<p>Aucune question pour cette compétence.</p>"
        else:
            q = self.current
            rating = (self.model.ratings.get(q.id) or {}).get("rating")
            seen = f" Dernière note : « {rating} »." if rating else " Pas encore notée."
            self._card.value = (f'<div role="region" aria-label="Question du jury" style="border:1px solid #767676;'
                                f'padding:8px;border-radius:4px"><p><strong>{html.escape(q.question)}</strong></p>'
                                f"<p>Critères : {', '.join(q.criteria)}.{html.escape(seen)}</p>"
                                "<p>Répondez à voix haute en 30 secondes, puis comparez avec les points clés.</p></div>")
        self._summary.value = f"<p>{html.escape(jq.ratings_summary(pool, self.model.ratings))}</p>"

    def _show_points(self) -> None:
        if self.current is None:
            return
        q = self.current
        points = "".join(f"<li>{html.escape(p)}</li>" for p in q.points)
        sources = ""
        if q.sources:
            sources = "<p>Sources : " + " ; ".join(_source_html(s) for s in q.sources) + "</p>"
        self._answer.value = f"<p>Une bonne réponse en 30 secondes contient :</p><ul>{points}</ul>{sources}"

    def _on_rate(self, rating: str) -> None:
        if self.current is None:
            self._status.show("Aucune question affichée.", "erreur")
            return
        qid = self.current.id
        if not self._status.attempt(lambda: self.model.rate(qid, rating),
                                    f"Question notée « {rating} » : une autre question suit."):
            return
        self._draw_next()

    @property
    def value(self) -> dict[str, dict]:
        return self.model.ratings
