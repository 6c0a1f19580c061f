"""The trainer's tools: command line, course folder, grading, sandbox, feedback, grids, dashboard, dossier.

The top layer of the package, next to ``autograder.widgets``: it may import the domain modules and the
checks, never the reverse. Nothing here is imported by a lesson or a learner's notebook.
"""
