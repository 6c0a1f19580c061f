"""Set up JupyterLab for the course in the current environment: French interface, widgets, nbgrader.

Run by ``make lab`` / ``make test`` after installing (``python -m autograder.setup_lab``). It writes the
JupyterLab settings overrides of this environment (``<prefix>/share/jupyter/lab/settings/overrides.json``)
so that the interface opens in French, keeping any other override already there, and enables the course's Jupyter
Server extension that puts the result of nbgrader's « Validate » in French (``<prefix>/etc/jupyter/
jupyter_server_config.d/autograder.json``, :mod:`autograder.trainer.validation_fr`).
"""

from __future__ import annotations

import json
import shutil
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
    atomic_write_json(path, current)
    path.chmod(0o644)  # read by every user of the environment (the hub's learners)
    return path


# Jupyter Server extensions of the course: nbgrader's « Validate » result in French.
SERVER_EXTENSIONS = {"autograder.trainer.validation_fr": True}


def server_config_path(prefix: str | None = None) -> Path:
    return Path(prefix or sys.prefix) / "etc" / "jupyter" / "jupyter_server_config.d" / "autograder.json"


def write_server_config(prefix: str | None = None) -> Path:
    """Enable the course's server extensions in this environment (a file of its own, as nbgrader does), readable
    by every user of the environment (the learners of the hub)."""
    path = atomic_write_json(server_config_path(prefix), {"ServerApp": {"jpserver_extensions": SERVER_EXTENSIONS}})
    path.chmod(0o644)
    return path


# The course's JupyterLab extension (prebuilt, no build step), the one place for the course's front-end adjustments:
# links in its content are underlined (WCAG 1.4.1), radio options with a long label wrap and push the next option
# down, nbgrader's learner-facing words are French, and each radio group is one group for the arrow keys.
LABEXTENSION = Path(__file__).with_name("labextension") / "autograder-course"


def install_labextension(prefix: str | None = None) -> Path:
    """Copy the course's JupyterLab extension where JupyterLab finds prebuilt extensions of this environment."""
    dest = Path(prefix or sys.prefix) / "share" / "jupyter" / "labextensions" / LABEXTENSION.name
    shutil.rmtree(dest, ignore_errors=True)
    shutil.copytree(LABEXTENSION, dest)
    for path in [dest, *dest.rglob("*")]:  # readable by every user of the environment (the hub's learners)
        path.chmod(0o755 if path.is_dir() else 0o644)
    return dest


def main() -> int:
    path = write_overrides()
    server = write_server_config()
    install_labextension()
    print(f"JupyterLab configuré en français ({path}, {server}).")
    return 0


if __name__ == "__main__":
    sys.exit(main())
