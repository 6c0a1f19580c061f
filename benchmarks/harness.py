"""Measuring helpers shared by the benchmark modules."""

from __future__ import annotations

import statistics
import subprocess
import sys
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]


@dataclass
class Row:
    name: str
    median: float
    unit: str
    runs: int
    target: float | None = None
    note: str = ""

    @property
    def verdict(self) -> str:
        if self.target is None:
            return ""
        return "OK" if self.median <= self.target else "AU-DESSUS"


@dataclass
class Bench:
    rows: list[Row] = field(default_factory=list)

    def time(self, name: str, fn: Callable[[], object], *, repeat: int = 30, warmup: int = 2,
             target_ms: float | None = None, note: str = "") -> Row:
        """Run ``fn`` ``warmup`` + ``repeat`` times; record the median in milliseconds."""
        for _ in range(warmup):
            fn()
        samples = []
        for _ in range(repeat):
            start = time.perf_counter()
            fn()
            samples.append((time.perf_counter() - start) * 1000)
        row = Row(name, statistics.median(samples), "ms", repeat, target_ms, note)
        self.rows.append(row)
        return row

    def record(self, name: str, samples: list[float], unit: str, *, target: float | None = None,
               note: str = "") -> Row:
        row = Row(name, statistics.median(samples), unit, len(samples), target, note)
        self.rows.append(row)
        return row

    def report(self) -> str:
        width = max((len(r.name) for r in self.rows), default=10)
        lines = [f"{'mesure':<{width}}  {'médiane':>10}  unité  essais  cible      verdict"]
        for r in self.rows:
            target = f"≤ {r.target:g}" if r.target is not None else ""
            lines.append(f"{r.name:<{width}}  {r.median:>10.3f}  {r.unit:<5}  {r.runs:>6}  {target:<9}  {r.verdict}"
                         + (f"  ({r.note})" if r.note else ""))
        return "\n".join(lines)


def python_seconds(code: str, repeat: int = 5) -> list[float]:
    """Wall time of ``python -c code`` in fresh interpreters (seconds)."""
    samples = []
    for _ in range(repeat):
        start = time.perf_counter()
        subprocess.run([sys.executable, "-c", code], check=True, capture_output=True)
        samples.append(time.perf_counter() - start)
    return samples


def notebook_seconds(path: Path, repeat: int = 3, timeout: int = 120) -> list[float]:
    """Wall time of running a notebook top to bottom in a fresh kernel (seconds), in its own folder.

    The kernel start is included, as a learner's « Redémarrer et tout exécuter » includes it.
    """
    import nbformat
    from nbclient import NotebookClient

    samples = []
    for _ in range(repeat):
        nb = nbformat.read(str(path), as_version=4)
        client = NotebookClient(nb, timeout=timeout, kernel_name="python3",
                                resources={"metadata": {"path": str(path.parent)}})
        start = time.perf_counter()
        client.execute()
        samples.append(time.perf_counter() - start)
    return samples
