"""Writing course notebooks from Python: lessons, exercises and nbgrader source assignments.

Course authors describe a notebook as a list of cells and write it without outputs, with the nbgrader
metadata (``grade_id``, points, locked, solution) that ``nbgrader generate_assignment`` expects.
Every graded cell's ``grade_id`` must start with its criterion id (``c5_3_…`` scores C5.3).

    from coursetools import authoring as au
    au.write_notebook("source/c5_x/c5_x.ipynb", [
        au.md("# Titre"),
        au.code("from autograder.checks import c5"),
        au.solution("taux = ...", grade_id="c5_3_reponse"),
        au.tests("grade(c5.check_rate(taux))", grade_id="c5_3_test", points=2),
        au.manual("Expliquez…", grade_id="c5_3_argument", points=2),
    ])
"""

from __future__ import annotations

import hashlib
from pathlib import Path

import nbformat
from nbformat.v4 import new_code_cell, new_markdown_cell, new_notebook

from autograder import referentiel

KERNELSPEC = {"display_name": "Python 3 (ipykernel)", "language": "python", "name": "python3"}
LANGUAGE_INFO = {"name": "python", "version": "3.11"}


def _stable_id(seed: str) -> str:
    return hashlib.sha1(seed.encode("utf-8")).hexdigest()[:12]


def _nbgrader(grade_id: str, *, grade: bool, solution: bool, locked: bool, points: float = 0, task: bool = False) -> dict:
    meta = {"grade": grade, "grade_id": grade_id, "locked": locked, "schema_version": 3, "solution": solution,
            "task": task}
    if grade or task:
        meta["points"] = points
    return {"nbgrader": meta}


def _check_grade_id(grade_id: str) -> None:
    if referentiel.criterion_for_grade_id(grade_id) is None:
        raise ValueError(f"grade_id {grade_id!r} : il doit commencer par l'identifiant d'un critère (c1_1_ … c7_4_).")


def md(text: str, **meta) -> nbformat.NotebookNode:
    return new_markdown_cell(text.strip("\n"), metadata=meta)


def code(source: str, **meta) -> nbformat.NotebookNode:
    return new_code_cell(source.strip("\n"), metadata=meta)


def locked_md(text: str, grade_id: str) -> nbformat.NotebookNode:
    """A read-only instruction cell in an assignment."""
    return new_markdown_cell(text.strip("\n"), metadata=_nbgrader(grade_id, grade=False, solution=False, locked=True))


def locked_code(source: str, grade_id: str) -> nbformat.NotebookNode:
    """A read-only code cell (imports, widget display) in an assignment."""
    return new_code_cell(source.strip("\n"), metadata=_nbgrader(grade_id, grade=False, solution=False, locked=True))


def solution(source: str, grade_id: str) -> nbformat.NotebookNode:
    """An answer cell: the source holds the solution between ``### BEGIN SOLUTION`` / ``### END SOLUTION``."""
    return new_code_cell(source.strip("\n"), metadata=_nbgrader(grade_id, grade=False, solution=True, locked=False))


def tests(source: str, grade_id: str, points: float) -> nbformat.NotebookNode:
    """An autograded test cell scoring one criterion; end it with ``grade(...)`` for partial credit."""
    _check_grade_id(grade_id)
    return new_code_cell(source.strip("\n"),
                         metadata=_nbgrader(grade_id, grade=True, solution=False, locked=True, points=points))


def manual(text: str, grade_id: str, points: float) -> nbformat.NotebookNode:
    """A manually graded written answer (markdown); ``text`` is the model answer between SOLUTION markers."""
    _check_grade_id(grade_id)
    return new_markdown_cell(text.strip("\n"),
                             metadata=_nbgrader(grade_id, grade=True, solution=True, locked=False, points=points))


def write_notebook(path: str | Path, cells: list, *, strip_outputs: bool = True) -> Path:
    """Write ``cells`` as a notebook at ``path`` (no outputs, stable cell ids derived from path and position)."""
    target = Path(path)
    nb = new_notebook(cells=cells, metadata={"kernelspec": KERNELSPEC, "language_info": LANGUAGE_INFO})
    seen: set[str] = set()
    for i, cell in enumerate(nb.cells):
        grade_id = cell.metadata.get("nbgrader", {}).get("grade_id")
        if grade_id:
            if grade_id in seen:
                raise ValueError(f"grade_id en double dans {target.name} : {grade_id!r}")
            seen.add(grade_id)
        cell["id"] = _stable_id(f"{target.name}:{grade_id or i}")
        if cell.cell_type == "code" and strip_outputs:
            cell.outputs = []
            cell.execution_count = None
    nbformat.validate(nb)
    target.parent.mkdir(parents=True, exist_ok=True)
    nbformat.write(nb, str(target))
    return target
