"""Grading a synthetic cohort of 30 learners: the project's parallel grading against plain nbgrader.

``python -m benchmarks grading`` (or ``make bench``) builds a scratch course with one assignment (the
first real assignment of ``source/`` when one exists, else a small synthetic one written with
``coursetools.synthetic``), 30 submissions (solution, partial, blank and broken ones), and measures in
one run (the scratch course and its cohort come from :mod:`coursetools.synthetic`):

- ``grading`` — ``python -m autograder grade <assignment>`` (parallel, kernels started ahead);
- ``nbgrader autograde`` — plain sequential nbgrader on the same submissions (a fresh gradebook);
- the floor — bare execution of the same notebooks in fresh kernels, one after another.

The ratio grading / plain nbgrader must be ≤ 0.45 on 2 cores. The scores of both runs are compared.

Then, on an assignment scored from the files (``c3_plan_editorial``: no learner code, so no notebook is
executed, :mod:`autograder.trainer.scoring`): the project's grader, plain ``nbgrader autograde`` with the
course's configuration, and stock nbgrader with its own pipeline (which executes every notebook); target
ratio ≤ 0.10 of stock nbgrader's time.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from autograder.trainer.course import course_folder, run_nbgrader
from coursetools.synthetic import COHORT_SIZE, make_cohort, make_course


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
    for row in cell_scores(root, assignment, url=course_folder(root).default_db_url):
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


PILOT = "c3_plan_editorial"  # an assignment scored from the files: no learner code, no kernel at grading


def _configure(root: Path, line: str) -> None:
    with open(root / "nbgrader_config.py", "a", encoding="utf-8") as handle:
        handle.write(f"\n{line}  # banc d'essai\n")


STOCK = "c.Autograde.pop('autograde_preprocessors', None)"  # nbgrader's own pipeline: executes every notebook
EXECUTE_ALL = "c.SandboxedExecute.skip_without_learner_code = False"  # the course's, executing every notebook


def run_scored_from_files(bench, size: int = COHORT_SIZE, assignment: str = PILOT) -> dict:
    """30 submissions of an assignment scored from the files: the project's grader, plain ``nbgrader autograde``
    with the course's configuration (neither executes a notebook), and stock nbgrader (executes them all)."""
    with tempfile.TemporaryDirectory(prefix="bench-fichiers-") as tmp:
        tmp = Path(tmp)
        base, assignment = make_course(tmp / "base", assignment)
        make_cohort(base, assignment, size)
        roots = {name: tmp / name for name in ("plain", "ours", "stock", "ours_executing")}
        for root in roots.values():
            shutil.copytree(base, root)
        _configure(roots["stock"], STOCK)
        _configure(roots["ours_executing"], EXECUTE_ALL)
        sqlite = {"NBGRADER_DB_URL": ""}
        pair = _time_pair(roots["plain"], roots["ours"], assignment, sqlite)
        start = time.perf_counter()
        subprocess.run([sys.executable, "-m", "autograder", "grade", assignment, "--quiet"], cwd=roots["ours_executing"],
                       env={**os.environ, **sqlite}, check=False, capture_output=True, timeout=3600)
        executing = time.perf_counter() - start
        start = time.perf_counter()
        run_nbgrader(["autograde", assignment, "--create", "--force"], roots["stock"], env=sqlite, check=False,
                     timeout=3600)
        stock = time.perf_counter() - start
        scores = {name: _scores(root, assignment) for name, root in roots.items()}
        same = scores["plain"] == scores["ours"] == scores["ours_executing"]
        more = sum(1 for s, v in scores["stock"].items() if v > scores["ours"].get(s, 0.0))
        bench.record(f"notes lues dans les fichiers : correction parallèle ({assignment})", [pair["ours"]], "s",
                     note=f"{size} copies, aucun notebook exécuté ; notes identiques à nbgrader autograde : "
                          f"{'oui' if same else 'NON'}")
        bench.record("notes lues dans les fichiers : nbgrader autograde (configuration du cours)", [pair["plain"]], "s",
                     note="séquentiel, aucun notebook exécuté")
        bench.record("correction parallèle exécutant chaque notebook (bac à sable)", [executing], "s",
                     note=f"{EXECUTE_ALL} ; mêmes notes : {'oui' if same else 'NON'}")
        bench.record("nbgrader d'origine (exécute chaque notebook)", [stock], "s",
                     note=f"copies mieux notées que par les fichiers : {more} sur {size} (une cellule sans nombre "
                          "vaut tous ses points pour nbgrader)")
        bench.record("ratio correction / nbgrader d'origine (notes lues dans les fichiers)", [pair["ours"] / stock], "",
                     target=0.10)
        return {"ours": pair["ours"], "plain": pair["plain"], "ours_executing": executing, "stock": stock, "same": same,
                "stock_higher": more}


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
        notebooks = sorted(nb for folder in course_folder(base).folders("submitted", assignment).values()
                           for nb in folder.glob("*.ipynb"))
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
    pilot = run_scored_from_files(bench, size)
    return {"sandbox": sandboxed, "no_sandbox": no_sandbox, "floor": floor, "same": same and same_ns and pilot["same"],
            "scored_from_files": pilot}
