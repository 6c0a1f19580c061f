"""The schematic drawings of lesson 01's C1.3 walkthrough: real PNGs with an alt text naming every area, labels
taken from the lesson's own menu paths, and drawing cells placed in the walkthrough, collapsed and locked."""

from __future__ import annotations

import base64
import html
import re
import warnings

import nbformat
import pytest

from autograder import figures
from autograder.typography import plain_spaces

from course_support import REPO

LESSON = REPO / "course" / "01_choisir_ses_reseaux.ipynb"
DRAWINGS = {"facebook_page_figure": (figures.facebook_page_figure, "### Facebook"),
            "business_suite_figure": (figures.business_suite_figure, "### Meta Business Suite")}


def _plain(text: str) -> str:
    return " ".join(plain_spaces(text.replace("**", "")).split())


def _walkthrough() -> str:
    """The markdown of lesson 01 from « ## C1.3 » to the end (the walkthrough and « Sur votre vraie page »)."""
    cells = [c.source for c in nbformat.read(str(LESSON), as_version=4).cells if c.cell_type == "markdown"]
    start = next(i for i, source in enumerate(cells) if "## C1.3 — " in source)
    return "\n".join(cells[start:])


def missing_paths(paths, markdown: str) -> list[str]:
    """The paths a drawing shows that the lesson's text does not write (bold marks and spaces aside)."""
    text = _plain(markdown)
    return [path for path in paths if _plain(path) not in text]


def missing_labels(labels, markdown: str) -> list[str]:
    """The menu labels a drawing shows that the lesson does not set in bold as an interface label."""
    text = markdown.replace("\u00a0", " ").replace("\u202f", " ")
    return [label for label in labels if f"**{label.replace(chr(160), ' ')}**" not in text]


def _shown(figure) -> tuple[bytes, str]:
    page = figure.data
    png = base64.b64decode(re.search(r'src="data:image/png;base64,([^"]+)"', page).group(1))
    return png, html.unescape(re.search(r'alt="([^"]*)"', page).group(1))


@pytest.mark.parametrize("name", list(DRAWINGS))
def test_each_drawing_is_a_png_with_an_alt_text_naming_its_areas(name):
    draw, _ = DRAWINGS[name]
    with warnings.catch_warnings():
        warnings.simplefilter("error")  # a missing glyph or a matplotlib warning would reach the learner's output
        png, alt = _shown(draw())
    assert png.startswith(b"\x89PNG\r\n\x1a\n") and len(png) > 10_000
    assert alt.startswith("Schéma simplifié")
    if name == "facebook_page_figure":
        assert alt == figures.facebook_page_summary()
        for number, area in enumerate(figures.FACEBOOK_PAGE_AREAS, 1):
            assert f"{number} {area.path}" in alt and area.purpose in alt
    else:
        assert alt == figures.business_suite_summary()
        positions = [alt.index(f" {item.label}") for item in figures.BUSINESS_SUITE_MENU]
        assert positions == sorted(positions)  # top to bottom, as drawn
        assert figures.ACCOUNTS_PATH in alt


def test_the_drawings_use_the_lesson_menu_paths():
    markdown = _walkthrough()
    assert missing_paths([a.path for a in figures.FACEBOOK_PAGE_AREAS], markdown) == []
    assert missing_paths([figures.ACCOUNTS_PATH], markdown) == []
    labels = [item.label for item in figures.BUSINESS_SUITE_MENU]
    labels += [tab for item in figures.BUSINESS_SUITE_MENU if item.kind != "chemin" for tab in item.opens]
    assert missing_labels(labels, markdown) == []
    assert missing_paths([f"{i.label} (ou {i.alias})" for i in figures.BUSINESS_SUITE_MENU if i.alias],
                         markdown) == []


def test_a_path_or_label_the_lesson_does_not_write_is_reported():
    markdown = "| gérer les accès | **Paramètres et confidentialité** › **Paramètres** › **Accès à la Page** |"
    assert missing_paths(["Paramètres et confidentialité › Paramètres › Accès à la Page"], markdown) == []
    assert missing_paths(["Paramètres › Rôles de la Page"], markdown) == ["Paramètres › Rôles de la Page"]
    assert missing_labels(["Paramètres", "Rôles de la Page"], markdown) == ["Rôles de la Page"]


def test_the_lesson_shows_each_drawing_in_its_section_collapsed_and_locked():
    cells = nbformat.read(str(LESSON), as_version=4).cells
    for name, (_, section) in DRAWINGS.items():
        index = next(i for i, c in enumerate(cells) if c.cell_type == "code" and f"figures.{name}()" in c.source)
        cell = cells[index]
        heading = next(c.source for c in reversed(cells[:index]) if c.cell_type == "markdown")
        assert section in heading, name  # right after its table, in the C1.3 walkthrough
        lines = cell.source.splitlines()
        assert len(lines) == 2 and lines[0].startswith("# Affiche le schéma") and "(rien à modifier)" in lines[0]
        assert cell.metadata.get("jupyter", {}).get("source_hidden") is True
        assert cell.metadata.get("editable") is False and cell.metadata.get("deletable") is False
        assert not cell.outputs and cell.execution_count is None
