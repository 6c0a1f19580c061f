"""Known submissions of an assignment, built from case folders: the grading pipeline's golden files.

A case folder ``<cases>/<assignment>/<case>/`` holds a ``case.json``::

    {
      "base": "release",                        # start from release/ (the learner's copy) or "source" (solutions)
      "cells": {"c5_3_calcul": "taux = 12.0"},  # replace the source of cells, by grade_id
      "delete_files": ["planification.json"],   # files of the base to remove
      "expected": {"score": 7.5,                # autograded points the case must get
                   "failing": ["C5.3"],         # criteria with an autograded cell below its maximum
                   "feedback_contains": ["C5.3"]}
    }

and any other file in the folder (widget state files: JSON, CSV, PNG…) is copied into the submission,
over the base's. Two cases exist for every assignment without a folder: ``solution`` (base source,
plus the files of ``<cases>/<assignment>/solution/`` when that folder exists; full autograded marks) and
``blank`` (the untouched release; 0). Used by the pipeline tests, the benchmarks and trainers' dry runs.
"""

from __future__ import annotations

import json
import re
import shutil
from dataclasses import dataclass, field
from pathlib import Path

import nbformat

from autograder.trainer.course import course_folder

CASE_FILE = "case.json"


@dataclass
class SubmissionCase:
    assignment: str
    name: str
    base: str = "release"  # "release" or "source"
    cells: dict[str, str] = field(default_factory=dict)
    delete_files: list[str] = field(default_factory=list)
    files_dir: Path | None = None
    expected: dict = field(default_factory=dict)

    @property
    def student_id(self) -> str:
        return re.sub(r"[^a-z0-9_]", "_", f"cas_{self.name}".lower())


def autograded_points(notebook_path: str | Path) -> float:
    """Sum of the points of the autograded test cells of a (source or release) notebook."""
    nb = nbformat.read(str(notebook_path), as_version=4)
    total = 0.0
    for cell in nb.cells:
        meta = cell.metadata.get("nbgrader", {})
        if meta.get("grade") and not meta.get("solution") and cell.cell_type == "code":
            total += float(meta.get("points", 0))
    return total


def load_cases(course_root: str | Path, cases_root: str | Path, assignment: str) -> list[SubmissionCase]:
    """The ``solution`` and ``blank`` cases, then every case folder of ``assignment`` (sorted by name)."""
    course_root, folder = Path(course_root), Path(cases_root) / assignment
    max_score = sum(autograded_points(p) for p in sorted(course_folder(course_root).source(assignment).glob("*.ipynb")))
    solution_dir = folder / "solution"
    cases = [
        SubmissionCase(assignment, "solution", "source", files_dir=solution_dir if solution_dir.is_dir() else None,
                       expected={"score": max_score, "failing": []}),
        SubmissionCase(assignment, "blank", "release", expected={"score": 0.0}),
    ]
    if folder.is_dir():
        for case_dir in sorted(p for p in folder.iterdir() if (p / CASE_FILE).is_file()):
            spec = json.loads((case_dir / CASE_FILE).read_text(encoding="utf-8"))
            if case_dir.name == "solution":
                cases[0].expected.update(spec.get("expected", {}))
                continue
            cases.append(SubmissionCase(
                assignment, case_dir.name, spec.get("base", "release"), spec.get("cells", {}),
                spec.get("delete_files", []), case_dir, spec.get("expected", {}),
            ))
    return cases


def build_submission(course_root: str | Path, case: SubmissionCase, dest: str | Path) -> Path:
    """Write the submission of ``case`` into ``dest`` (the folder nbgrader expects for one learner)."""
    course_root, dest = Path(course_root), Path(dest)
    # ``case.base`` names a step (« source » or « release »): its folder comes from the course's configuration
    base = course_folder(course_root).path(case.base, case.assignment)
    if not base.is_dir():
        raise FileNotFoundError(f"Dossier de base introuvable : {base}")
    if dest.exists():
        shutil.rmtree(dest)
    shutil.copytree(base, dest, ignore=shutil.ignore_patterns(".ipynb_checkpoints", "__pycache__"))
    for name in case.delete_files:
        (dest / name).unlink(missing_ok=True)
    if case.files_dir is not None:
        for item in sorted(case.files_dir.iterdir()):
            if item.name == CASE_FILE:
                continue
            target = dest / item.name
            if item.is_dir():
                shutil.copytree(item, target, dirs_exist_ok=True)
            else:
                shutil.copy2(item, target)
    if case.cells:
        replaced: set[str] = set()
        for path in sorted(dest.glob("*.ipynb")):
            nb = nbformat.read(str(path), as_version=4)
            for cell in nb.cells:
                grade_id = cell.metadata.get("nbgrader", {}).get("grade_id")
                if grade_id in case.cells:
                    cell.source = case.cells[grade_id]
                    replaced.add(grade_id)
            nbformat.write(nb, str(path))
        missing = set(case.cells) - replaced
        if missing:
            raise KeyError(f"Cas {case.name} : cellule(s) introuvable(s) {sorted(missing)}")
    return dest
