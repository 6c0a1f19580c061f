"""Courseware package of the course « Gérer la communication digitale d'une entreprise via les réseaux sociaux ».

Importing the package is cheap: submodules (widgets, checks, data) are imported on first use, so that
``import autograder`` stays fast in every notebook.
"""

import importlib

__version__ = "0.1.0"

#: The layers a notebook uses, reachable as ``autograder.<name>``: the domain modules, ``data``, ``checks`` and
#: ``widgets``. The trainer's tools (``autograder.trainer``) are imported by name, never from a lesson.
_SUBMODULES = {
    "referentiel", "results", "status", "storage", "numbers", "text", "dates", "company", "metrics", "insights",
    "networks", "accessibility", "calendar", "content", "figures", "visuals", "plan", "scheduling", "moderation",
    "campaign", "presentation", "rehearsal", "jury_questions", "mock_jury", "answers", "textfiles", "typography", "data", "checks",
    "widgets", "roadmap", "evidence",
}


def __getattr__(name):
    if name in _SUBMODULES:
        return importlib.import_module(f"{__name__}.{name}")
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
