"""The course's CheckCellMetadata step accepts and refuses exactly what nbgrader's own does."""

from __future__ import annotations

import copy
from pathlib import Path

import nbformat
import pytest
from nbgrader.nbgraderformat import ValidationError
from nbgrader.preprocessors import CheckCellMetadata as NbgraderCheckCellMetadata

from autograder.trainer.cellmetadata import CheckCellMetadata

REPO = Path(__file__).resolve().parents[1]
SOURCES = sorted((REPO / "source").glob("*/*.ipynb"))


def _graded(nb):
    return [c for c in nb.cells if c.metadata.get("nbgrader", {}).get("grade")]


def _corruptions(nb):
    """Broken copies of ``nb``, one per rule nbgrader checks (name, notebook)."""
    cases = []

    def case(name, change):
        broken = copy.deepcopy(nb)
        change(broken)
        cases.append((name, broken))

    case("schema too old", lambda b: _graded(b)[0].metadata.nbgrader.update(schema_version=2))
    case("schema too new", lambda b: _graded(b)[0].metadata.nbgrader.update(schema_version=4))
    case("points not a number", lambda b: _graded(b)[0].metadata.nbgrader.update(points="beaucoup"))
    case("unknown key", lambda b: _graded(b)[0].metadata.nbgrader.update(bonus=True))
    case("no points", lambda b: _graded(b)[0].metadata.nbgrader.pop("points"))
    case("empty grade id", lambda b: _graded(b)[0].metadata.nbgrader.update(grade_id=""))
    case("no grade id", lambda b: _graded(b)[0].metadata.nbgrader.pop("grade_id"))
    case("duplicate grade id", lambda b: _graded(b)[1].metadata.nbgrader.update(
        grade_id=_graded(b)[0].metadata.nbgrader.grade_id))
    return cases


def _outcome(step, nb) -> str:
    try:
        step.preprocess(copy.deepcopy(nb), {})
    except ValidationError as exc:
        return f"refused: {exc}"
    except Exception as exc:  # noqa: BLE001 — whatever nbgrader raises, the course's step must raise the same
        return f"{type(exc).__name__}: {exc}"
    return "accepted"


@pytest.mark.parametrize("path", SOURCES, ids=lambda p: p.parent.name)
def test_same_verdict_as_nbgrader_on_the_course_and_on_broken_metadata(path):
    nb = nbformat.read(path, as_version=4)
    ours, theirs = CheckCellMetadata(), NbgraderCheckCellMetadata()
    assert _outcome(ours, nb) == _outcome(theirs, nb) == "accepted"
    for name, broken in _corruptions(nb):
        got, expected = _outcome(ours, broken), _outcome(theirs, broken)
        assert got == expected, name
        assert got != "accepted", name


def test_a_broken_schema_error_names_the_field_as_nbgrader_does():
    nb = nbformat.read(SOURCES[0], as_version=4)
    _graded(nb)[0].metadata.nbgrader.update(points="beaucoup")
    from nbgrader.nbgraderformat import MetadataValidator

    from autograder.trainer.cellmetadata import CompiledMetadataValidator

    with pytest.raises(ValidationError) as ours:
        CompiledMetadataValidator().validate_nb(nb)
    with pytest.raises(ValidationError) as theirs:
        MetadataValidator().validate_nb(nb)
    assert str(ours.value) == str(theirs.value)
    assert "beaucoup" in str(ours.value)
