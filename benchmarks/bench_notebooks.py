"""Import time of the package, and run time of every lesson and exercise notebook in a fresh kernel."""

from benchmarks.harness import REPO, notebook_seconds, python_seconds


def run(bench):
    bench.record("import autograder", python_seconds("import autograder", repeat=7), "s", target=0.5,
                 note="interpréteur neuf, démarrage de Python compris")
    bench.record("python -c pass (plancher)", python_seconds("pass", repeat=7), "s")
    for folder in ("course", "exercises"):
        for path in sorted((REPO / folder).glob("*.ipynb")):
            bench.record(f"{folder}/{path.name}", notebook_seconds(path), "s", target=4.0,
                         note="noyau neuf, démarrage compris")
