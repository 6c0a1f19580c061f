"""Reproducible performance measurements of the course, run by ``make bench`` (``python -m benchmarks``).

Each ``benchmarks/bench_*.py`` module defines ``run(bench)``; it measures with ``bench.time(...)`` (several
runs, the median is reported) or ``bench.record(...)`` (a value measured once per run of a costly
operation), against a target. Nothing here is a test: the machine is shared and noisy, so figures are read
as medians and ratios, never asserted in the test suite.
"""
