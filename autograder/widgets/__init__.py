"""ipywidgets builders: each one is a view on a state file (see ``autograder.storage``).

Submodules are imported on demand (``from autograder.widgets.scheduler import Scheduler``) so that
importing one widget does not import them all.
"""
