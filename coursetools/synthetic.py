"""Synthetic courses and cohorts for the grading tests and benchmarks.

``make_course(dest)`` builds a scratch course (the repository's ``nbgrader_config.py`` and header, one
assignment's source, a generated release): the first real assignment of ``source/`` when one exists (or the
one asked for), else :data:`SYNTHETIC`, a small assignment in the shape of the course's written with
:mod:`coursetools.authoring`. ``make_cohort(root, assignment, size)`` writes ``size`` submissions (solution,
partial, blank, a kernel crash and an unreadable notebook) into the course's ``submitted/``.
Every folder comes from the scratch course's own nbgrader configuration (:class:`~autograder.trainer.course.Course`).
"""

from __future__ import annotations

import json
import shutil
from pathlib import Path

from autograder.trainer.course import course_folder, run_nbgrader
from coursetools import authoring as au
from coursetools.cases import SubmissionCase, build_submission, load_cases

REPO = Path(__file__).resolve().parents[1]
SYNTHETIC = "c5_demo_correction"
COHORT_SIZE = 30
CASES = REPO / "tests" / "pipeline_cases"


def write_synthetic_assignment(root: Path, name: str = SYNTHETIC) -> Path:
    """A small assignment in the shape of the course's (answers, visible and hidden tests, a manual answer)."""
    return au.write_notebook(course_folder(root).source(name, f"{name}.ipynb"), [
        au.md("# Évaluation de démonstration : taux d'engagement (C5.3)"),
        au.locked_code("import pandas as pd\nfrom autograder.results import CheckResult, grade", grade_id="imports"),
        au.md("Calculez le taux d'engagement (en %) d'une publication : 120 interactions pour 3 000 abonnés."),
        au.solution("### BEGIN SOLUTION\ntaux = 120 / 3000 * 100\n### END SOLUTION", grade_id="reponse_taux"),
        au.tests(
            "r = CheckResult('C5.3', \"Taux d'engagement\")\n"
            "r.add(isinstance(taux, (int, float)), 1, 'Le taux est un nombre.', 'Le taux doit être un nombre.')\n"
            "### BEGIN HIDDEN TESTS\n"
            "r.add(abs(taux - 4.0) < 0.01, 2, 'Le taux est juste.', 'Le taux est faux : revoyez la formule.')\n"
            "### END HIDDEN TESTS\n"
            "grade(r)", grade_id="c5_3_test_taux", points=3),
        au.md("Construisez le tableau des publications de la semaine (colonnes `jour` et `interactions`)."),
        au.solution(
            "### BEGIN SOLUTION\nsemaine = pd.DataFrame({'jour': ['lundi', 'mercredi', 'vendredi'],"
            " 'interactions': [80, 120, 95]})\n### END SOLUTION", grade_id="reponse_semaine"),
        au.tests(
            "r = CheckResult('C5.2', 'Tableau de la semaine')\n"
            "r.add(list(semaine.columns) == ['jour', 'interactions'], 1, 'Colonnes correctes.',"
            " 'Colonnes attendues : jour, interactions.')\n"
            "### BEGIN HIDDEN TESTS\n"
            "r.add(int(semaine['interactions'].sum()) == 295, 1, 'Total juste.', 'Le total des interactions est faux.')\n"
            "### END HIDDEN TESTS\n"
            "grade(r)", grade_id="c5_2_test_semaine", points=2),
        au.manual("C5.4 — Une cliente écrit en commentaire que sa baguette était trop cuite. Que lui répondez-vous ?"
                  "\n\n### BEGIN SOLUTION\nMerci pour votre retour ; écrivez-nous en message privé, nous vous "
                  "offrons une baguette.\n### END SOLUTION",
                  grade_id="c5_4_reponse_commentaire", points=1),
    ])


def make_course(dest: Path, assignment: str | None = None) -> tuple[Path, str]:
    """A scratch course (config, header, source/ of one assignment) with a generated release; its name."""
    repo = course_folder(REPO)
    dest.mkdir(parents=True, exist_ok=True)
    shutil.copy2(REPO / "nbgrader_config.py", dest / "nbgrader_config.py")
    course = course_folder(dest)
    header = Path(repo.config.IncludeHeaderFooter.header)  # the course's French header, at the same place
    (dest / header.relative_to(REPO)).parent.mkdir(parents=True, exist_ok=True)
    shutil.copy2(header, dest / header.relative_to(REPO))
    if assignment is None:
        real = repo.assignments()
        assignment = real[0] if real else SYNTHETIC
    if assignment == SYNTHETIC and not repo.source(SYNTHETIC).is_dir():
        write_synthetic_assignment(dest)
    else:
        shutil.copytree(repo.source(assignment), course.source(assignment))
    if repo.keys.is_dir() and not course.keys.exists():  # the trainer-only answer keys the grader reads
        shutil.copytree(repo.keys, course.keys)
    run_nbgrader(["generate_assignment", assignment, "--force"], dest, env={"NBGRADER_DB_URL": ""})
    return dest, assignment


def cohort_cases(root: Path, assignment: str, size: int = COHORT_SIZE) -> list[SubmissionCase | str]:
    """``size`` submission cases: mostly solutions and partial answers, some blank, two broken."""
    known = load_cases(root, CASES, assignment)
    solution, blank = known[0], known[1]
    release = {}
    for path in sorted(course_folder(root).release(assignment).glob("*.ipynb")):
        for cell in json.loads(path.read_text(encoding="utf-8"))["cells"]:
            meta = cell.get("metadata", {}).get("nbgrader", {})
            if meta.get("solution") and cell["cell_type"] == "code":
                release[meta["grade_id"]] = "".join(cell["source"])
    first_half = dict(list(release.items())[: max(1, len(release) // 2)])
    partial = SubmissionCase(assignment, "partiel", "source", cells=first_half, files_dir=solution.files_dir)
    crash = SubmissionCase(assignment, "plantage", "source",
                           cells={gid: "import os\nos._exit(1)" for gid in list(release)[:1]},
                           files_dir=solution.files_dir)
    pattern = [solution, partial, solution, blank, partial, *known[2:]]
    cases = [pattern[i % len(pattern)] for i in range(size - 2)] + [crash, "json_invalide"]
    return cases


def make_cohort(root: Path, assignment: str, size: int = COHORT_SIZE) -> list[str]:
    """Write ``size`` submissions into ``submitted/``; returns the student ids."""
    course = course_folder(root)
    students = []
    for i, case in enumerate(cohort_cases(root, assignment, size), start=1):
        student = f"apprenant_{i:02d}"
        dest = course.submitted(student, assignment)
        if case == "json_invalide":
            build_submission(root, SubmissionCase(assignment, "json", "release"), dest)
            for path in dest.glob("*.ipynb"):
                path.write_text('{"cells": [', encoding="utf-8")
        else:
            build_submission(root, case, dest)
        students.append(student)
    return students
