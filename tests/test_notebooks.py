"""Notebook hygiene and coverage of the référentiel (the notebooks themselves run under nbval).

- Notebooks in course/, exercises/ and source/ are stored without outputs.
- For every competency whose module exists (an assignment ``source/cN_…``), each of its criteria has a
  lesson section and a practice question that name it, and a graded cell whose grade_id starts with it.
"""

from __future__ import annotations

import re

import nbformat
import pytest

from autograder import referentiel

from course_support import REPO

STORED = sorted(p for folder in ("course", "exercises", "source") for p in (REPO / folder).rglob("*.ipynb")
                if ".ipynb_checkpoints" not in p.parts)


@pytest.mark.parametrize("path", STORED, ids=lambda p: str(p.relative_to(REPO)))
def test_stored_without_outputs(path):
    nb = nbformat.read(str(path), as_version=4)
    nbformat.validate(nb)
    for cell in nb.cells:
        if cell.cell_type == "code":
            assert not cell.outputs and cell.execution_count is None, f"{path.name} : sorties enregistrées"


def _text(paths) -> str:
    return "\n".join(c.source for p in paths for c in nbformat.read(str(p), as_version=4).cells)


def _modules() -> list[str]:
    return sorted({m.group(1).upper() for p in (REPO / "source").iterdir() if (m := re.match(r"(c[1-7])_", p.name))})


def _criteria_of_present_modules():
    return [cr for comp in referentiel.COMPETENCIES if comp.id in _modules() for cr in comp.criteria]


@pytest.mark.parametrize("crit", _criteria_of_present_modules(), ids=lambda c: c.id)
def test_every_criterion_has_lesson_practice_and_graded_cell(crit):
    n = crit.competency[1]
    lessons = list((REPO / "course").glob(f"0{n}_*.ipynb"))
    practice = list((REPO / "exercises").glob(f"0{n}_*.ipynb"))
    assert lessons and practice, f"{crit.competency} : leçon ou exercices absents"
    assert crit.id in _text(lessons), f"{crit.id} n'est nommé dans aucune section de la leçon"
    assert crit.id in _text(practice), f"{crit.id} n'est nommé dans aucune question d'entraînement"
    graded = []
    for path in (REPO / "source").rglob("*.ipynb"):
        for cell in nbformat.read(str(path), as_version=4).cells:
            meta = cell.metadata.get("nbgrader", {})
            if meta.get("grade") and meta.get("grade_id", "").startswith(crit.grade_prefix):
                graded.append(meta["grade_id"])
    assert graded, f"{crit.id} : aucune cellule notée dont le grade_id commence par {crit.grade_prefix}"


OPTIONAL = "aller plus loin en Python"  # the heading of the optional, ungraded Python cells
LEARNER_SEEN = sorted(p for folder in ("course", "exercises", "release") for p in (REPO / folder).rglob("*.ipynb")
                      if ".ipynb_checkpoints" not in p.parts)


def code_out_of_sight(nb) -> list[str]:
    """The problems of a learner-facing notebook: a code cell the learner must write (an nbgrader solution), or a
    code cell shown open that does not follow a « Pour aller plus loin en Python (facultatif) » heading."""
    problems, previous = [], None
    for index, cell in enumerate(nb.cells):
        if cell.cell_type == "code":
            meta = cell.metadata
            if meta.get("nbgrader", {}).get("solution"):
                problems.append(f"cellule {index} : du code à écrire par l'apprenant")
            optional = previous is not None and OPTIONAL in previous.source
            if not meta.get("jupyter", {}).get("source_hidden") and not optional:
                problems.append(f"cellule {index} : code visible")
        previous = cell
    return problems


@pytest.mark.parametrize("path", LEARNER_SEEN, ids=lambda p: str(p.relative_to(REPO)))
def test_learners_write_no_code_and_code_is_out_of_sight(path):
    assert code_out_of_sight(nbformat.read(str(path), as_version=4)) == []


def test_the_rule_sees_code_to_write_and_open_code():
    from nbformat.v4 import new_code_cell, new_markdown_cell, new_notebook

    answer = new_code_cell("taux = None")
    answer.metadata["nbgrader"] = {"solution": True, "grade_id": "c5_3_calcul"}
    hidden = new_code_cell("show('c5_3_test')", metadata={"jupyter": {"source_hidden": True}})
    optional = [new_markdown_cell("## Pour aller plus loin en Python (facultatif)"), new_code_cell("print(1)")]
    assert code_out_of_sight(new_notebook(cells=[hidden, *optional])) == []
    assert code_out_of_sight(new_notebook(cells=[new_code_cell("print(1)")])) == ["cellule 0 : code visible"]
    assert code_out_of_sight(new_notebook(cells=[answer])) == [
        "cellule 0 : du code à écrire par l'apprenant", "cellule 0 : code visible"]


@pytest.mark.parametrize("path", LEARNER_SEEN, ids=lambda p: str(p.relative_to(REPO)))
def test_sources_are_public_pages_not_project_files(path):
    text = path.read_text(encoding="utf-8")
    assert "domain-facts" not in text and "shared/" not in text  # learners cannot open the project's files
