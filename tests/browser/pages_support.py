"""The pages a learner or trainer opens outside JupyterLab, made as the course makes them.

One scratch course, the C3 assignment graded for two learners (the known solution and a blank copy), then the
trainer's commands: ``nbgrader generate_feedback`` (the learner's feedback page) and ``python -m autograder
report``, ``dashboard`` and ``dossier`` (the evaluation grid, the cohort dashboard, the jury dossier: slides and
printable page).
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from autograder.trainer.course import course_folder, run_nbgrader
from autograder.trainer.grading import CohortGrader
from coursetools.cases import build_submission, load_cases
from coursetools.synthetic import make_course

REPO = Path(__file__).resolve().parents[2]
CASES = REPO / "tests" / "pipeline_cases"
ASSIGNMENT = "c3_plan_editorial"  # its outputs are scored from the files; a calendar, links, statuses
LEARNERS = ("alice", "emma")  # the solution and a blank copy


def trainer(root: Path, *args: str) -> None:
    """``python -m autograder <args>`` in the course folder, as a trainer types it."""
    env = {**os.environ, "NBGRADER_DB_URL": ""}
    proc = subprocess.run([sys.executable, "-m", "autograder", *args], cwd=root, env=env, capture_output=True,
                          text=True, timeout=600)
    assert proc.returncode == 0, proc.stderr[-2000:]


def make_pages(dest: Path) -> dict[str, Path]:
    """Page kind -> an HTML file of that kind, made from a graded scratch course."""
    root, assignment = make_course(dest / "cours", ASSIGNMENT)
    solution, blank = load_cases(root, CASES, assignment)[:2]
    for student, case in zip(LEARNERS, (solution, blank), strict=True):
        build_submission(root, case, root / "submitted" / student / assignment)
    with pytest.MonkeyPatch.context() as env:  # the scratch course's own SQLite gradebook
        env.setenv("NBGRADER_DB_URL", "")
        CohortGrader(root, jobs=2).grade([assignment])
    run_nbgrader(["generate_feedback", assignment, "--force"], root, env={"NBGRADER_DB_URL": ""})
    out = dest / "pages"
    trainer(root, "report", "--sortie", str(out / "grilles"))
    trainer(root, "dashboard", "--sortie", str(out / "tableau_de_bord.html"))
    trainer(root, "dossier", LEARNERS[0], "--sortie", str(out / "dossier"))
    feedback = course_folder(root).feedback
    return {
        "retour (réussi)": feedback(LEARNERS[0], assignment, f"{assignment}.html"),
        "retour (vierge)": feedback(LEARNERS[1], assignment, f"{assignment}.html"),
        "grille": out / "grilles" / f"{LEARNERS[0]}.html",
        "grille (vierge)": out / "grilles" / f"{LEARNERS[1]}.html",
        "tableau de bord": out / "tableau_de_bord.html",
        "dossier : diaporama": out / "dossier" / "presentation.slides.html",
        "dossier : page imprimable": out / "dossier" / "dossier.html",
    }
