"""Set up JupyterLab for the course in the current environment: French interface, widgets, nbgrader.

Run by ``make lab`` / ``make test`` after installing (``python -m autograder.setup_lab``). It writes the
JupyterLab settings overrides of this environment (``<prefix>/share/jupyter/lab/settings/overrides.json``)
so that the interface opens in French, keeping any other override already there.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

from autograder.storage import atomic_write_json

OVERRIDES = {
    "@jupyterlab/translation-extension:plugin": {"locale": "fr_FR"},
    "@jupyterlab/apputils-extension:notification": {"fetchNews": "false", "checkForUpdates": False},
}


def overrides_path(prefix: str | None = None) -> Path:
    return Path(prefix or sys.prefix) / "share" / "jupyter" / "lab" / "settings" / "overrides.json"


def write_overrides(prefix: str | None = None) -> Path:
    path = overrides_path(prefix)
    current = {}
    if path.exists():
        try:
            current = json.loads(path.read_text(encoding="utf-8"))
        except json.JSONDecodeError:
            current = {}
    for plugin, settings in OVERRIDES.items():
        current.setdefault(plugin, {}).update(settings)
    return atomic_write_json(path, current)


def main() -> int:
    path = write_overrides()
    print(f"JupyterLab configuré en français ({path}).")
    return 0


if __name__ == "__main__":
    sys.exit(main())
