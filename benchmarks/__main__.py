"""``python -m benchmarks [nom…]``: run every ``bench_*.py`` module (or the named ones) and print one table."""

from __future__ import annotations

import importlib
import pkgutil
import sys

from benchmarks.harness import Bench


def main(argv: list[str]) -> int:
    import benchmarks

    names = sorted(m.name for m in pkgutil.iter_modules(benchmarks.__path__) if m.name.startswith("bench_"))
    if argv:
        names = [n for n in names if any(a in n for a in argv)]
    bench = Bench()
    failures = []
    for name in names:
        print(f"… {name}", flush=True)
        try:
            importlib.import_module(f"benchmarks.{name}").run(bench)
        except AssertionError as exc:  # a measure whose results disagree (scores): reported after the table
            failures.append(f"{name} : {exc}")
    print()
    print(bench.report())
    for failure in failures:
        print(f"\nÉCHEC {failure}", file=sys.stderr)
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
