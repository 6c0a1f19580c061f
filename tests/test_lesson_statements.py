"""What a lesson says a check shows is what the check shows.

A lesson's sentence « … **1 point sur 3** … » right before a code cell announces the score that cell's check prints.
The lesson's code cells run here in this process, in order, in a temporary folder, up to its last announced score
(the widgets and exports after it are left out, which keeps the test fast).
"""

from __future__ import annotations

import re

import nbformat
import pytest

from course_support import REPO, run_code_cells

ANNOUNCED = re.compile(r"\*\*(\d+(?:,\d+)?)\s+points?\s+sur\s+(\d+)\*\*")


def announced_scores(name: str) -> list[tuple[int, float, float]]:
    """(index of the code cell, points, possible) for each score a markdown cell announces for the next code cell."""
    cells = nbformat.read(str(REPO / "course" / name), as_version=4).cells
    out = []
    for i, cell in enumerate(cells):
        if cell.cell_type == "markdown" and (m := ANNOUNCED.search(cell.source)):
            nxt = next(j for j in range(i + 1, len(cells)) if cells[j].cell_type == "code")
            out.append((nxt, float(m.group(1).replace(",", ".")), float(m.group(2))))
    return out


def run_until(name: str, last: int) -> dict[int, object]:
    """Run the lesson's code cells up to cell ``last``; the value each cell shows, by cell index."""
    cells = nbformat.read(str(REPO / "course" / name), as_version=4).cells[: last + 1]
    return run_code_cells(cells, {}, name)


@pytest.mark.parametrize("name", ["03_plan_social_media.ipynb"])
def test_announced_scores_are_the_scores_shown(name, tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    announced = announced_scores(name)
    assert len(announced) >= 3  # 0, then 1, then 3 points out of 3 for C3.2
    shown = run_until(name, max(i for i, _, _ in announced))
    for index, points, possible in announced:
        result = shown[index]
        assert (result.points, result.possible) == (points, possible), (index, str(result))


def test_the_rule_reads_a_wrong_announcement():
    assert ANNOUNCED.search("le critère progresse à **1 point sur 3** (2 dates").groups() == ("1", "3")
    assert ANNOUNCED.search("donne **0 point sur 3**.").groups() == ("0", "3")
    assert ANNOUNCED.search("obtient 3 points sur 3") is None
