"""The bank of likely jury questions (package data) and the flash cards of lesson 08."""

from __future__ import annotations

import copy
import json
import random
import re
from collections import Counter
from importlib import resources

import pytest

from autograder import jury_questions as jq
from autograder import referentiel
from autograder.widgets.flashcards import FlashCards

BANK = json.loads(resources.files("autograder.data").joinpath("jury_questions.json").read_text(encoding="utf-8"))
#: A figure (a number with a unit or a percentage) or a rule (a law, a licence, Meta's own rules) needs a source.
NEEDS_SOURCE = re.compile(r"\d+ ?(%|px|(premiers )?caractères|minutes|heures|jours)|\bloi\b|licence|article|CEDH|WCAG|badge",
                          re.IGNORECASE)


def test_bank_has_40_questions_or_more_on_all_7_competencies_with_valid_criteria():
    questions = jq.load_questions()
    assert len(questions) >= jq.MIN_QUESTIONS
    covered = Counter(c for q in questions for c in q.competencies)
    assert set(covered) == {c.id for c in referentiel.COMPETENCIES} and min(covered.values()) >= 5
    assert {cid for q in questions for cid in q.criteria} == {c.id for c in referentiel.CRITERIA}  # all 24
    assert len({q.id for q in questions}) == len({q.question.casefold() for q in questions}) == len(questions)


def test_every_figure_or_rule_cites_a_public_source_never_the_project_files():
    for q in jq.load_questions():
        text = " ".join(q.points)
        if NEEDS_SOURCE.search(text):
            assert q.sources, (q.id, text)
        for source in q.sources:
            assert "https://" in source and "shared/" not in source and "domain-facts" not in source, (q.id, source)


def test_key_points_are_short_points_not_a_script():
    for q in jq.load_questions():
        assert 2 <= len(q.points) <= 6 and all(len(p) <= 260 for p in q.points), q.id
        assert q.question.endswith("?") or q.question.endswith("."), q.id


@pytest.mark.parametrize(("change", "reason"), [
    (lambda b: b["questions"].append(copy.deepcopy(b["questions"][0])), "duplicate id"),
    (lambda b: b["questions"][1].update(question=b["questions"][0]["question"].upper()), "duplicate question"),
    (lambda b: b["questions"][0].update(criteria=["C8.1"]), "criterion ids"),
    (lambda b: b["questions"][0].update(criteria=[]), "criterion ids"),
    (lambda b: b["questions"][0].update(points=["seul point"]), "two non-empty key points"),
])
def test_a_malformed_bank_is_refused(change, reason):
    bank = copy.deepcopy(BANK)
    change(bank)
    with pytest.raises(ValueError, match=reason):
        jq.parse_bank(bank)


def test_next_card_favours_the_weak_ones_and_never_repeats_at_once():
    questions = jq.load_questions()[:3]
    ratings = {questions[0].id: {"rating": jq.KNOWN}, questions[1].id: {"rating": jq.UNKNOWN}}
    rng = random.Random(7)
    drawn = Counter(jq.next_card(questions, ratings, rng).id for _ in range(3000))
    assert drawn[questions[1].id] > drawn[questions[2].id] > drawn[questions[0].id]
    assert 5.0 < drawn[questions[1].id] / drawn[questions[0].id] < 7.5  # weights 6 : 1
    assert all(jq.next_card(questions, ratings, rng, avoid=questions[1].id).id != questions[1].id for _ in range(50))
    assert jq.next_card([], ratings, rng) is None
    assert jq.next_card(questions[:1], ratings, rng, avoid=questions[0].id) is questions[0]


def test_filter_by_competency():
    c7 = jq.for_competency(jq.load_questions(), "C7")
    assert c7 and all("C7" in q.competencies for q in c7)
    assert len(jq.for_competency(jq.load_questions(), None)) == len(jq.load_questions())


def test_flash_cards_show_points_save_ratings_and_reload(tmp_path):
    path = tmp_path / jq.RATINGS_FILE
    view = FlashCards(path, seed=3)
    first = view.current
    assert first.question.replace("'", "&#x27;") in view._card.value and view._answer.value == ""
    view._reveal.click()
    assert "Une bonne réponse en 30 secondes contient" in view._answer.value
    assert first.points[0].replace("'", "&#x27;") in view._answer.value
    view._rate_buttons[jq.UNKNOWN].click()
    assert view._status.kind == "ok" and view.current.id != first.id
    saved = json.loads(path.read_text(encoding="utf-8"))["ratings"]
    assert saved[first.id]["rating"] == jq.UNKNOWN
    view._filter.value = "C2"
    assert "C2" in view.current.competencies
    again = FlashCards(path, seed=3)
    assert again.value == saved and "1 « Je ne sais pas »" in again._summary.value


def test_sources_are_links_in_the_cards(tmp_path):
    view = FlashCards(tmp_path / jq.RATINGS_FILE, seed=1)
    sourced = next(q for q in jq.load_questions() if q.sources)
    view.current = sourced
    view._reveal.click()
    url = re.search(r"https://\S+", sourced.sources[0]).group(0).rstrip(").,")
    assert f'<a href="{url}" target="_blank" rel="noopener">' in view._answer.value


def test_damaged_ratings_file_is_set_aside(tmp_path):
    path = tmp_path / jq.RATINGS_FILE
    path.write_text(json.dumps({"ratings": {"q01": {"rating": "Bof"}}}), encoding="utf-8")
    view = FlashCards(path, seed=1)
    assert view._status.kind == "erreur" and "note impossible" in view._status.message and view.value == {}
