"""Grading a synthetic cohort of 30 learners: the project's parallel grading against plain nbgrader.

``python -m benchmarks grading`` (or ``make bench``) builds a scratch course with one assignment (the
first real assignment of ``source/`` when one exists, else a small synthetic one written with
``coursetools.authoring``), 30 submissions (solution, partial, blank and broken ones), and measures in
one run:

- ``grading`` — ``python -m autograder grade <assignment>`` (parallel, kernels started ahead);
- ``nbgrader autograde`` — plain sequential nbgrader on the same submissions (a fresh gradebook);
- the floor — bare execution of the same notebooks in fresh kernels, one after another.

The ratio grading / plain nbgrader must be ≤ 0.45 on 2 cores. The scores of both runs are compared.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from autograder.trainer.course import list_assignments, run_nbgrader
from benchmarks.harness import REPO
from coursetools import authoring as au
from coursetools.cases import SubmissionCase, build_submission, load_cases

SYNTHETIC = "c5_demo_correction"
COHORT_SIZE = 30
CASES = REPO / "tests" / "pipeline_cases"


def write_synthetic_assignment(root: Path, name: str = SYNTHETIC) -> Path:
    """A small assignment in the shape of the course's (answers, visible and hidden tests, a manual answer)."""
    return au.write_notebook(root / "source" / name / f"{name}.ipynb", [
        au.md("# Évaluation de démonstration : taux d'engagement (C5.3)"),
        au.locked_code("import pandas as pd\nfrom autograder.results import CheckResult, grade", grade_id="imports"),
        au.md("Calculez le taux d'engagement (en %) d'une publication : 120 interactions pour 3 000 abonnés."),
        au.solution("### BEGIN SOLUTION\ntaux = 120 / 3000 * 100\n### END SOLUTION", grade_id="reponse_taux"),
        au.tests(
            "r = CheckResult('C5.3', \"Taux d'engagement\")\n"
            "r.add(isinstance(taux, (int, float)), 1, 'Le taux est un nombre.', 'Le taux doit être un nombre.')\n"
            "### BEGIN HIDDEN TESTS\n"
            "r.add(abs(taux - 4.0) < 0.01, 2, 'Le taux est juste.', 'Le taux est faux : revoyez la formule.')\n"
            "### END HIDDEN TESTS\n"
            "grade(r)", grade_id="c5_3_test_taux", points=3),
        au.md("Construisez le tableau des publications de la semaine (colonnes `jour` et `interactions`)."),
        au.solution(
            "### BEGIN SOLUTION\nsemaine = pd.DataFrame({'jour': ['lundi', 'mercredi', 'vendredi'],"
            " 'interactions': [80, 120, 95]})\n### END SOLUTION", grade_id="reponse_semaine"),
        au.tests(
            "r = CheckResult('C5.2', 'Tableau de la semaine')\n"
            "r.add(list(semaine.columns) == ['jour', 'interactions'], 1, 'Colonnes correctes.',"
            " 'Colonnes attendues : jour, interactions.')\n"
            "### BEGIN HIDDEN TESTS\n"
            "r.add(int(semaine['interactions'].sum()) == 295, 1, 'Total juste.', 'Le total des interactions est faux.')\n"
            "### END HIDDEN TESTS\n"
            "grade(r)", grade_id="c5_2_test_semaine", points=2),
        au.manual("C5.4 — Une cliente écrit en commentaire que sa baguette était trop cuite. Que lui répondez-vous ?"
                  "\n\n### BEGIN SOLUTION\nMerci pour votre retour ; écrivez-nous en message privé, nous vous "
                  "offrons une baguette.\n### END SOLUTION",
                  grade_id="c5_4_reponse_commentaire", points=1),
    ])


def make_course(dest: Path, assignment: str | None = None) -> tuple[Path, str]:
    """A scratch course (config, header, source/ of one assignment) with a generated release; its name."""
    dest.mkdir(parents=True, exist_ok=True)
    shutil.copy2(REPO / "nbgrader_config.py", dest / "nbgrader_config.py")
    (dest / "source").mkdir(exist_ok=True)
    shutil.copy2(REPO / "source" / "header.ipynb", dest / "source" / "header.ipynb")
    if assignment is None:
        real = list_assignments(REPO)
        assignment = real[0] if real else SYNTHETIC
    if assignment == SYNTHETIC and not (REPO / "source" / SYNTHETIC).is_dir():
        write_synthetic_assignment(dest)
    else:
        shutil.copytree(REPO / "source" / assignment, dest / "source" / assignment)
    run_nbgrader(["generate_assignment", assignment, "--force"], dest, env={"NBGRADER_DB_URL": ""})
    return dest, assignment


def cohort_cases(root: Path, assignment: str, size: int = COHORT_SIZE) -> list[SubmissionCase]:
    """``size`` submission cases: mostly solutions and partial answers, some blank, two broken."""
    known = load_cases(root, CASES, assignment)
    solution, blank = known[0], known[1]
    release = {}
    for path in sorted((root / "release" / assignment).glob("*.ipynb")):
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
    students = []
    for i, case in enumerate(cohort_cases(root, assignment, size), start=1):
        student = f"apprenant_{i:02d}"
        dest = root / "submitted" / student / assignment
        if case == "json_invalide":
            build_submission(root, SubmissionCase(assignment, "json", "release"), dest)
            for path in dest.glob("*.ipynb"):
                path.write_text('{"cells": [', encoding="utf-8")
        else:
            build_submission(root, case, dest)
        students.append(student)
    return students


def bare_execution_seconds(notebooks: list[Path]) -> float:
    """Run each notebook top to bottom in a fresh kernel, one after another (the floor)."""
    import nbformat
    from nbclient import NotebookClient

    start = time.perf_counter()
    for path in notebooks:
        try:
            nb = nbformat.read(str(path), as_version=4)
        except Exception:  # the broken submission: nothing to execute
            continue
        client = NotebookClient(nb, timeout=60, kernel_name="python3", allow_errors=True,
                                resources={"metadata": {"path": str(path.parent)}})
        try:
            client.execute()
        except Exception:  # a kernel that dies is part of the cohort
            pass
    return time.perf_counter() - start


def _scores(root: Path, assignment: str) -> dict[str, float]:
    from autograder.trainer.course import cell_scores

    table: dict[str, float] = {}
    for row in cell_scores(root, assignment, url=f"sqlite:///{root / 'gradebook.db'}"):
        if row.auto:
            table[row.student] = round(table.get(row.student, 0.0) + (row.score or 0.0), 4)
    return table


def _children_cpu() -> float:
    import resource

    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime


def _time_pair(plain_root: Path, ours_root: Path, assignment: str, env: dict) -> dict[str, float]:
    """Wall and CPU time of plain sequential nbgrader, then of the project's grading, on two copies."""
    cpu, start = _children_cpu(), time.perf_counter()
    run_nbgrader(["autograde", assignment, "--create", "--force"], plain_root, env=env, check=False, timeout=3600)
    out = {"plain": time.perf_counter() - start, "plain_cpu": _children_cpu() - cpu}
    cpu, start = _children_cpu(), time.perf_counter()
    subprocess.run([sys.executable, "-m", "autograder", "grade", assignment, "--quiet"], cwd=ours_root,
                   env={**os.environ, **env}, check=False, capture_output=True, timeout=3600)
    out.update(ours=time.perf_counter() - start, ours_cpu=_children_cpu() - cpu)
    return out


def run(bench, size: int = COHORT_SIZE) -> dict:
    """One run of each measure (a shared machine is noisy: the figures are single runs, not medians of many)."""
    with tempfile.TemporaryDirectory(prefix="bench-grading-") as tmp:
        tmp = Path(tmp)
        base, assignment = make_course(tmp / "base")
        make_cohort(base, assignment, size)
        roots = {}
        for name in ("plain", "ours", "plain_nosandbox", "ours_nosandbox"):
            roots[name] = tmp / name
            shutil.copytree(base, roots[name])
        sqlite = {"NBGRADER_DB_URL": ""}
        sandboxed = _time_pair(roots["plain"], roots["ours"], assignment, sqlite)
        no_sandbox = _time_pair(roots["plain_nosandbox"], roots["ours_nosandbox"], assignment,
                                {**sqlite, "AUTOGRADER_SANDBOX": "0"})
        notebooks = sorted((base / "submitted").glob(f"*/{assignment}/*.ipynb"))
        floor = bare_execution_seconds(notebooks)

        same = _scores(roots["plain"], assignment) == _scores(roots["ours"], assignment)
        same_ns = _scores(roots["plain_nosandbox"], assignment) == _scores(roots["ours_nosandbox"], assignment)
        n, cores = len(notebooks), os.cpu_count() or 1
        for label, m, ok, extra in (("bac à sable du cours", sandboxed, same, ""),
                                    ("sans bac à sable", no_sandbox, same_ns, "AUTOGRADER_SANDBOX=0, ")):
            bench.record(f"correction parallèle ({label})", [m["ours"]], "s",
                         note=f"{extra}{n} copies de {assignment}, {cores} cœur(s), notes identiques à nbgrader : "
                              f"{'oui' if ok else 'NON'} ; temps CPU {m['ours_cpu']:.1f} s")
            bench.record(f"nbgrader autograde séquentiel ({label})", [m["plain"]], "s",
                         note=f"temps CPU {m['plain_cpu']:.1f} s")
            bench.record(f"ratio correction / nbgrader ({label})", [m["ours"] / m["plain"]], "", target=0.45)
        bench.record("plancher : exécution nue séquentielle", [floor], "s",
                     note="noyaux neufs l'un après l'autre, sans nbgrader ni bac à sable")
        bench.record("surcoût par notebook sur le plancher (sans bac à sable)",
                     [(no_sandbox["ours"] - floor / min(cores, n)) / n], "s",
                     note="(correction − plancher / cœurs) / notebooks")
        return {"sandbox": sandboxed, "no_sandbox": no_sandbox, "floor": floor, "same": same and same_ns}
