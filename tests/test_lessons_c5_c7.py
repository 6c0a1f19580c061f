"""Lessons 05 to 07 and 09: titled « Leçon N — … », closed by « Sur votre vraie page » quoting the référentiel's
criteria exactly, and free of the corrected claims (issue 14: Meta's week, the 30-day habit, one response time)."""

from __future__ import annotations

import nbformat
import pytest
from nbformat.v4 import new_markdown_cell, new_notebook

from autograder import referentiel
from autograder.typography import plain_spaces

from course_support import REPO

LESSONS = {5: "05_meta_business_suite", 6: "06_moderation_e_reputation", 7: "07_campagne_sponsorisee",
           9: "09_cadre_juridique"}
#: The criteria each lesson's « Sur votre vraie page » section quotes (lesson 9 serves C2.3, C4, C6.2 and C7).
QUOTED = {5: ["C5.1", "C5.2", "C5.3", "C5.4"], 6: ["C6.1", "C6.2"], 7: ["C7.1", "C7.2", "C7.3", "C7.4"],
          9: ["C2.3", "C4.2", "C4.4", "C6.2", "C7.1", "C7.2"]}


def _lesson(n: int):
    return nbformat.read(str(REPO / "course" / f"{LESSONS[n]}.ipynb"), as_version=4)


def _markdown(nb) -> str:
    return "\n".join(c.source for c in nb.cells if c.cell_type == "markdown")


def _plain(text: str) -> str:
    return " ".join(plain_spaces(text).split())


def real_page_problems(nb, number: int, criteria: list[str]) -> list[str]:
    """What a lesson lacks: its « Leçon N — » title, a « Sur votre vraie page » section, the exact quotes."""
    problems = []
    if not nb.cells or not nb.cells[0].source.startswith(f"# Leçon {number} — "):
        problems.append(f"titre « # Leçon {number} — … » absent")
    sections = [c.source for c in nb.cells if c.cell_type == "markdown" and "## Sur votre vraie page" in c.source]
    if not sections:
        return [*problems, "section « Sur votre vraie page » absente"]
    text = _plain("\n".join(sections))
    for cid in criteria:
        quote = _plain(referentiel.criterion(cid).text).rstrip(" ,")
        quote = quote[:-1] if quote.endswith(").") else quote  # a final full stop stays outside « »
        if f"« {quote} »" not in text:  # spaces compared as plain spaces (_plain)
            problems.append(f"{cid} n'est pas cité exactement")
    return problems


@pytest.mark.parametrize("number", list(LESSONS))
def test_lessons_close_with_the_real_page_and_quote_the_criteria(number):
    assert real_page_problems(_lesson(number), number, QUOTED[number]) == []


def test_the_rule_sees_a_missing_section_and_a_loose_quote():
    title = new_markdown_cell("# Leçon 6 — Animer")
    assert real_page_problems(new_notebook(cells=[title]), 6, ["C6.1"]) == ["section « Sur votre vraie page » absente"]
    loose = new_markdown_cell("## Sur votre vraie page\n\nC6.1 « Des échanges de like sont réalisés »")
    assert real_page_problems(new_notebook(cells=[new_markdown_cell("# Module 6"), loose]), 6, ["C6.1"]) == [
        "titre « # Leçon 6 — … » absent", "C6.1 n'est pas cité exactement"]


def test_corrected_claims_stay_corrected():
    five, six, seven = (_plain(_markdown(_lesson(n))) for n in (5, 6, 7))
    assert "habitude du cours" in five and "pas une règle de Meta" in five  # 30 days: a course habit
    assert "médian" not in five + six and "moyenne des 90 % de réponses les plus rapides" in five + six
    assert "du dimanche au samedi" in seven and "semaine civile" not in seven
    assert "autograder" not in seven and "94 %" not in seven
    assert "Sanchez c. France" in six and "aide Meta Business*)" not in six


def test_the_law_lesson_cites_public_sources():
    text = _markdown(_lesson(9))
    for source in ("legifrance.gouv.fr", "cnil.fr", "facebook.com/policies_center", "unsplash.com/license",
                   "facebook.com/legal/music_guidelines"):
        assert source in text, source
    assert "CC0" in text and "Collaboration commerciale" in text and "Image virtuelle" in text
