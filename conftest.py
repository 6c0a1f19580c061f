"""Root pytest configuration.

- Lessons and exercises run by nbval are slow tests.
- A test run has its own Jupyter and IPython folders. Before anything is collected (so before nbval starts
  a kernel), ``JUPYTER_CONFIG_DIR``, ``JUPYTER_DATA_DIR``, ``JUPYTER_RUNTIME_DIR`` and ``IPYTHONDIR`` point
  into a temporary folder that every JupyterLab, nbgrader command and kernel started by the tests inherits:
  a fake submission never reaches the user's ``~/.local/share/jupyter/nbgrader_cache`` (where it would show
  in their assignment list), nor a workspace their ``~/.jupyter``. The environment's own Jupyter files
  (kernel spec and lab settings overrides under ``<sys.prefix>/share/jupyter``, nbgrader's server extension
  under ``<sys.prefix>/etc/jupyter``) are still found: Jupyter searches ``sys.prefix`` whatever these
  variables say. At the end of the run, the user's own folders must be as they were (``jupyter_home``).
"""

from __future__ import annotations

import json
import os
import shutil
import tempfile
import warnings
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest

#: Variable -> sub-folder of the test run's Jupyter home.
JUPYTER_FOLDERS = {
    "JUPYTER_CONFIG_DIR": "config",
    "JUPYTER_DATA_DIR": "data",
    "JUPYTER_RUNTIME_DIR": "runtime",
    "IPYTHONDIR": "ipython",
}


def user_jupyter_folders() -> dict[str, Path]:
    """The user's own Jupyter and IPython folders, where Jupyter finds them with the current environment."""
    from jupyter_core.paths import jupyter_config_dir, jupyter_data_dir, jupyter_runtime_dir

    return {
        "JUPYTER_CONFIG_DIR": Path(jupyter_config_dir()),
        "JUPYTER_DATA_DIR": Path(jupyter_data_dir()),
        "JUPYTER_RUNTIME_DIR": Path(jupyter_runtime_dir()),
        "IPYTHONDIR": Path(os.environ.get("IPYTHONDIR") or Path.home() / ".ipython").expanduser(),
    }


def watched(user_folders: dict[str, Path]) -> list[Path]:
    """The user's folders the guard compares: data (nbgrader's cache of fetched assignments), config and IPython.

    The runtime folder is left out of the comparison (the tests get their own all the same): it only holds the
    connection files of processes running now, and any Jupyter process of the machine, outside the tests too,
    creates and removes files there during a run.
    """
    return [folder for name, folder in user_folders.items() if name != "JUPYTER_RUNTIME_DIR"]


def snapshot(folders) -> dict[str, tuple[int, int] | None]:
    """Path -> (modification time, size) of every file and folder under ``folders`` (None: absent)."""
    state: dict[str, tuple[int, int] | None] = {}
    for folder in folders:
        folder = Path(folder)
        if not folder.exists():
            state[str(folder)] = None
            continue
        for path in (folder, *folder.rglob("*")):
            try:
                info = path.lstat()
            except OSError:  # removed while listing
                continue
            state[str(path)] = (info.st_mtime_ns, 0 if path.is_dir() else info.st_size)
    return state


def changes(before: dict, after: dict) -> list[str]:
    """What differs between two snapshots, one French line per path."""
    lines = []
    for path in sorted(set(before) | set(after)):
        old, new = before.get(path), after.get(path)
        if old == new:
            continue
        what = "créé" if old is None else "supprimé" if new is None else "modifié"
        lines.append(f"{path} : {what}")
    return lines


@dataclass
class JupyterHome:
    """The test run's Jupyter folders, and the user's own ones as they were before the run."""

    base: Path
    user_folders: dict[str, Path]
    before: dict
    saved_env: dict[str, str | None]

    @property
    def folders(self) -> dict[str, Path]:
        return {name: self.base / sub for name, sub in JUPYTER_FOLDERS.items()}

    def user_changes(self) -> list[str]:
        return changes(self.before, snapshot(watched(self.user_folders)))

    def live_user_servers(self) -> list[Path]:
        """Jupyter servers started outside the tests (on the user's folders) and still running."""
        live = []
        for info in self.user_folders["JUPYTER_RUNTIME_DIR"].glob("*server-*.json"):
            try:
                os.kill(int(json.loads(info.read_text(encoding="utf-8"))["pid"]), 0)
            except (OSError, ValueError, KeyError, TypeError):
                continue
            live.append(info)
        return live

    # helpers exposed to the tests that check this guard
    snapshot = staticmethod(snapshot)
    changes = staticmethod(changes)


HOME_KEY = pytest.StashKey[JupyterHome]()


def pytest_configure(config):
    user = user_jupyter_folders()
    home = JupyterHome(Path(tempfile.mkdtemp(prefix="pytest-jupyter-")), user, snapshot(watched(user)),
                       {name: os.environ.get(name) for name in JUPYTER_FOLDERS})
    for name, folder in home.folders.items():
        folder.mkdir()
        os.environ[name] = str(folder)
    config.stash[HOME_KEY] = home


def pytest_unconfigure(config):
    home = config.stash.get(HOME_KEY, None)
    if home is None:
        return
    for name, value in home.saved_env.items():
        if value is None:
            os.environ.pop(name, None)
        else:
            os.environ[name] = value
    shutil.rmtree(home.base, ignore_errors=True)


@pytest.fixture(scope="session", autouse=True)
def jupyter_home(pytestconfig) -> Iterator[JupyterHome]:
    """The test run's Jupyter folders; at the end, the user's own folders must not have changed."""
    home = pytestconfig.stash[HOME_KEY]
    yield home
    changed = home.user_changes()
    if not changed:
        return
    message = "Les tests ont écrit dans les dossiers Jupyter de l'utilisateur :\n  " + "\n  ".join(changed[:30])
    servers = home.live_user_servers()
    if servers:  # a JupyterLab of the user's own, open during the run, writes there too
        warnings.warn(f"{message}\n(un serveur Jupyter hors des tests tourne : {', '.join(map(str, servers))})",
                      stacklevel=1)
    else:
        pytest.fail(message, pytrace=False)


def pytest_collection_modifyitems(config, items):
    for item in items:
        if str(item.fspath).endswith(".ipynb"):
            item.add_marker(pytest.mark.slow)
