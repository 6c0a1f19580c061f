"""Grading a cohort of 30 learners on every assignment: the project's grader against stock nbgrader.

``python -m benchmarks grading`` (or ``make bench``). For each assignment of ``source/`` (c1 … c7 and the
mock certification, whatever they hold when the benchmark runs), a scratch course and a cohort of 30 honest
submissions are built from the course's own pipeline cases (:mod:`coursetools.synthetic`: solutions, partial
answers, blank copies, the known mistakes of ``tests/pipeline_cases``, a crash and an unreadable notebook).
Then, ``BENCH_REPEAT`` times (default 3), on two fresh copies of that course, one after the other:

- the project's grader: ``python -m autograder grade <évaluation>`` (the course's pipeline in one process,
  scores from the files, computed ahead by a second process when a core is free; the sandbox for any notebook
  that still needs executing);
- stock nbgrader: ``nbgrader autograde <évaluation> --create --force`` with nbgrader's default autograde
  pipeline (which executes every notebook).

Scores are compared cell by cell, read back from the gradebooks (the benchmark fails on any difference): the
project's grader must give exactly the scores of ``nbgrader autograde`` run with the course's configuration, and
stock nbgrader the same scores on every copy that deserves full marks (it gives full marks to a test cell that
prints no number, which the course's check cells never print: the copies it over-credits are counted). Printed: the median time of each tool per assignment, the ratio of the medians,
and the overall medians (sum over the assignments of one repeat) and their ratio; target ≤ 0.10. CPU times
count every process of each grader (kernels, the scoring process ahead).

``BENCH_ASSIGNMENTS=c3_plan_editorial,c6_moderation`` restricts the assignments, ``BENCH_COHORT`` changes the
cohort size. ``python -m benchmarks.profile_grading <évaluation>`` shows where the project's grader spends
its time (cProfile on the grading of a cohort).
"""

from __future__ import annotations

import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from autograder.trainer.course import course_folder, list_assignments, run_nbgrader
from benchmarks.harness import REPO
from coursetools.synthetic import COHORT_SIZE, make_cohort, make_course

TARGET = 0.10
STOCK = "c.Autograde.pop('autograde_preprocessors', None)"  # nbgrader's own pipeline: executes every notebook
SQLITE = {"NBGRADER_DB_URL": ""}  # each copy of the course has its own gradebook.db


def _setting(name: str, default: str) -> str:
    return os.environ.get(name, "").strip() or default


def assignments() -> list[str]:
    """The assignments to measure: every assignment of the course, or those of ``BENCH_ASSIGNMENTS``."""
    real = list_assignments(REPO)
    chosen = [a.strip() for a in _setting("BENCH_ASSIGNMENTS", "").split(",") if a.strip()]
    unknown = [a for a in chosen if a not in real]
    if unknown:
        raise SystemExit(f"BENCH_ASSIGNMENTS : évaluation(s) inconnue(s) : {', '.join(unknown)} "
                         f"(évaluations du cours : {', '.join(real)}).")
    return chosen or real


def cell_table(root: Path, assignment: str) -> dict[tuple[str, str, str], float]:
    """Every autograded cell's score of every learner, read back from the course's gradebook."""
    from autograder.trainer.course import cell_scores

    return {(r.student, r.notebook, r.grade_id): round(r.score or 0.0, 4)
            for r in cell_scores(root, assignment, url=course_folder(root).default_db_url) if r.auto}


def maxima(root: Path, assignment: str) -> dict[tuple[str, str], float]:
    """The points of every autograded cell, by (notebook, grade_id), as the gradebook knows them."""
    from autograder.trainer.course import cell_scores

    return {(r.notebook, r.grade_id): r.max_score
            for r in cell_scores(root, assignment, url=course_folder(root).default_db_url) if r.auto}


def totals(table: dict[tuple[str, str, str], float]) -> dict[str, float]:
    out: dict[str, float] = {}
    for (student, _, _), score in table.items():
        out[student] = round(out.get(student, 0.0) + score, 4)
    return out


def children_cpu() -> float:
    """CPU seconds of the finished child processes (their kernels included): less sensitive than wall time to
    the other users of a shared machine."""
    import resource

    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime


def grade_ours(root: Path, assignment: str) -> tuple[float, float]:
    """Wall and CPU seconds of ``python -m autograder grade`` on the course at ``root``."""
    cpu, start = children_cpu(), time.perf_counter()
    subprocess.run([sys.executable, "-m", "autograder", "grade", assignment, "--quiet"], cwd=root,
                   env={**os.environ, **SQLITE}, check=False, capture_output=True, timeout=3600)
    return time.perf_counter() - start, children_cpu() - cpu


def grade_stock(root: Path, assignment: str) -> tuple[float, float]:
    """Wall and CPU seconds of stock ``nbgrader autograde`` (nbgrader's default pipeline) at ``root``."""
    with open(root / "nbgrader_config.py", "a", encoding="utf-8") as handle:
        handle.write(f"\n{STOCK}  # banc d'essai : le pipeline d'origine de nbgrader\n")
    cpu, start = children_cpu(), time.perf_counter()
    run_nbgrader(["autograde", assignment, "--create", "--force"], root, env=SQLITE, check=False, timeout=3600)
    return time.perf_counter() - start, children_cpu() - cpu


def measure(tmp: Path, assignment: str, size: int, repeats: int) -> dict:
    """``repeats`` timed runs of both graders on fresh copies of one cohort; their scores compared.

    The project's scores must equal, cell by cell, those of ``nbgrader autograde`` run with the course's own
    configuration (nbgrader's converter and gradebook, once per assignment: the reference); stock nbgrader must
    agree on every copy the project's grader gives full marks. Stock nbgrader gives a test cell that prints no
    number all its points (the course's check cells print none), so it over-credits the other copies: counted.
    """
    base, assignment = make_course(tmp / "base", assignment)
    make_cohort(base, assignment, size)
    reference = tmp / "reference"
    shutil.copytree(base, reference)
    run_nbgrader(["autograde", assignment, "--create", "--force"], reference, env=SQLITE, check=False, timeout=3600)
    expected, points = cell_table(reference, assignment), maxima(reference, assignment)
    ours, stock, cpu, mismatches, over = [], [], {"ours": [], "stock": []}, [], 0
    for i in range(repeats):
        copies = {name: tmp / f"{name}-{i}" for name in ("ours", "stock")}
        for root in copies.values():
            shutil.copytree(base, root)
        for name, grader, walls in (("ours", grade_ours, ours), ("stock", grade_stock, stock)):
            wall, seconds = grader(copies[name], assignment)
            walls.append(wall)
            cpu[name].append(seconds)
        got, theirs = cell_table(copies["ours"], assignment), cell_table(copies["stock"], assignment)
        if not got or got != expected:
            mismatches += [f"{assignment} essai {i + 1} : {k} correction {got.get(k)} ≠ nbgrader autograde "
                           f"{expected.get(k)}" for k in sorted(set(got) | set(expected)) if got.get(k) != expected.get(k)
                           ] or [f"{assignment} : aucune note"]
        full = {k[0] for k in got} - {k[0] for k, v in got.items() if v < points[k[1:]]}
        mismatches += [f"{assignment} essai {i + 1} : {k} notée {theirs.get(k)} par nbgrader d'origine, {got[k]} par "
                       "la correction (copie juste)" for k in sorted(got) if k[0] in full and theirs.get(k) != got[k]]
        over = sum(1 for s, v in totals(theirs).items() if v > totals(got).get(s, 0.0))
        learners = totals(got)
        for root in copies.values():
            shutil.rmtree(root, ignore_errors=True)
    return {"ours": ours, "stock": stock, "cpu": cpu, "mismatches": mismatches, "learners": learners, "over": over}


def run(bench, size: int | None = None, repeats: int | None = None) -> dict:
    size = size or int(_setting("BENCH_COHORT", str(COHORT_SIZE)))
    repeats = repeats or int(_setting("BENCH_REPEAT", "3"))
    results: dict[str, dict] = {}
    for assignment in assignments():
        print(f"  {assignment} : {size} copies, {repeats} essai(s)", flush=True)
        with tempfile.TemporaryDirectory(prefix=f"bench-{assignment}-") as tmp:
            results[assignment] = m = measure(Path(tmp), assignment, size, repeats)
        ours, stock = statistics.median(m["ours"]), statistics.median(m["stock"])
        graded = sum(1 for v in m["learners"].values() if v > 0)
        bench.record(f"{assignment} : correction du projet", m["ours"], "s",
                     note=f"{size} copies ; notes identiques à nbgrader autograde (configuration du cours), cellule par "
                          f"cellule : {'NON' if m['mismatches'] else 'oui'} ({graded} copies au-dessus de 0)")
        bench.record(f"{assignment} : nbgrader d'origine", m["stock"], "s",
                     note=f"exécute chaque notebook ; copies mieux notées que par la correction : {m['over']} sur {size} "
                          "(une cellule de test sans nombre vaut tous ses points pour nbgrader)")
        cpu = {k: statistics.median(v) for k, v in m["cpu"].items()}
        bench.record(f"{assignment} : ratio correction / nbgrader", [ours / stock], "", target=TARGET,
                     note=f"rapport des médianes ; en temps CPU : {cpu['ours']:.1f} s / {cpu['stock']:.1f} s = "
                          f"{cpu['ours'] / cpu['stock']:.3f}")
    runs = [sum(r["ours"][i] for r in results.values()) for i in range(repeats)]
    stock_runs = [sum(r["stock"][i] for r in results.values()) for i in range(repeats)]
    bench.record(f"toutes les évaluations ({len(results)}) : correction du projet", runs, "s",
                 note="somme des évaluations par essai")
    bench.record(f"toutes les évaluations ({len(results)}) : nbgrader d'origine", stock_runs, "s",
                 note="somme des évaluations par essai")
    ratio = statistics.median(runs) / statistics.median(stock_runs)
    cpu_ratio = (statistics.median([sum(r["cpu"]["ours"][i] for r in results.values()) for i in range(repeats)])
                 / statistics.median([sum(r["cpu"]["stock"][i] for r in results.values()) for i in range(repeats)]))
    bench.record("toutes les évaluations : ratio correction / nbgrader", [ratio], "", target=TARGET,
                 note=f"rapport des médianes, cohorte de {size}, {repeats} essai(s) ; en temps CPU : {cpu_ratio:.3f}")
    mismatches = [line for r in results.values() for line in r["mismatches"]]
    if mismatches:
        raise AssertionError("Notes différentes entre la correction du projet et nbgrader d'origine :\n"
                             + "\n".join(mismatches[:20]))
    return {"results": results, "ratio": ratio}
