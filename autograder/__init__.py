"""Courseware package of the course « Gérer la communication digitale d'une entreprise via les réseaux sociaux ».

Importing the package is cheap: submodules (widgets, checks, data) are imported on first use, so that
``import autograder`` stays fast in every notebook.
"""

import importlib

__version__ = "0.1.0"

_SUBMODULES = {
    "referentiel", "results", "storage", "company", "metrics", "insights", "networks", "accessibility",
    "calendar", "content", "moderation", "campaign", "checks", "widgets", "data", "authoring",
}


def __getattr__(name):
    if name in _SUBMODULES:
        return importlib.import_module(f"{__name__}.{name}")
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
