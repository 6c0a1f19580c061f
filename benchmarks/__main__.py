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
    for name in names:
        print(f"… {name}", flush=True)
        importlib.import_module(f"benchmarks.{name}").run(bench)
    print()
    print(bench.report())
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
