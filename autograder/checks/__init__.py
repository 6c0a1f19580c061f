"""Checks, one module per competency (``autograder.checks.c5`` …).

A check takes a learner artefact and returns a :class:`autograder.results.CheckResult` for one criterion.
The same checks serve the exercises' self-checks and the nbgrader test cells.
"""
