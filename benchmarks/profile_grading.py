"""Where the project's grader spends its time: ``python -m benchmarks.profile_grading [évaluation] [taille]``.

Builds a scratch course and a cohort (default: ``c3_plan_editorial``, 30 learners; :mod:`coursetools.synthetic`),
then grades it in a fresh interpreter (as ``python -m autograder grade`` does, start-up included) under cProfile,
timed by the CPU clock (the machine is shared: wall time would count the other users' work), and prints the
grading functions by cumulative CPU time: start-up (imports and configuration), then per submission (nbgrader's
converter, each pipeline step, the gradebook).
"""

from __future__ import annotations

import cProfile
import io
import os
import pstats
import subprocess
import sys
import tempfile
import time
from pathlib import Path

INNER = "--dans-un-nouveau-processus"
FOCUS = ("cli.py", "course.py:.*load_config", "grading/", "nbgrader/converters/", "exporter.py", "preprocessors/",
         "scoring.py", "checks/registry.py", "nbgrader/api.py:.*__init__", "validator.py:.*validate")


def profile(root: Path, assignment: str, top: int = 40) -> str:
    from autograder.trainer.cli import main

    here, old = os.getcwd(), dict(os.environ)
    os.environ["NBGRADER_DB_URL"] = ""
    os.chdir(root)
    prof = cProfile.Profile(time.process_time)
    cpu = time.process_time()
    try:
        prof.runcall(main, ["grade", assignment, "--quiet"])
    finally:
        os.chdir(here)
        os.environ.clear()
        os.environ.update(old)
    cpu = time.process_time() - cpu
    out = io.StringIO()
    stats = pstats.Stats(prof, stream=out).sort_stats("cumulative")
    stats.print_stats("|".join(FOCUS), top)
    return f"temps CPU de la correction (sous cProfile) : {cpu:.2f} s\n" + out.getvalue()


def main(argv: list[str]) -> int:
    if argv[:1] == [INNER]:  # in the fresh interpreter: profile the grading of the course at argv[1]
        print(profile(Path(argv[1]), argv[2]))
        return 0
    from coursetools.synthetic import COHORT_SIZE, make_cohort, make_course  # not in the profiled interpreter

    assignment = argv[0] if argv else "c3_plan_editorial"
    size = int(argv[1]) if len(argv) > 1 else COHORT_SIZE
    with tempfile.TemporaryDirectory(prefix="profil-correction-") as tmp:
        root, assignment = make_course(Path(tmp) / "cours", assignment)
        make_cohort(root, assignment, size)
        return subprocess.run([sys.executable, "-m", "benchmarks.profile_grading", INNER, str(root), assignment],
                              check=False).returncode


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
