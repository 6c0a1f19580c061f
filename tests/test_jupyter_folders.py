"""Tests leave the user's own Jupyter folders alone (see the root ``conftest.py``).

Every JupyterLab, nbgrader command and kernel started by a test writes its configuration, data (nbgrader's
cache of submissions), runtime files and IPython profile into the test run's own folders, while the
environment's kernel spec, lab settings overrides and nbgrader server extension still load.
"""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

from jupyter_client import KernelManager
from jupyter_core.paths import jupyter_config_dir, jupyter_config_path, jupyter_data_dir, jupyter_runtime_dir

PREFIX = Path(sys.prefix).resolve()


def _inside(path, folder) -> bool:
    return Path(path).resolve().is_relative_to(Path(folder).resolve())


def test_jupyter_and_ipython_folders_are_the_test_runs_own(jupyter_home):
    found = {"JUPYTER_CONFIG_DIR": jupyter_config_dir(), "JUPYTER_DATA_DIR": jupyter_data_dir(),
             "JUPYTER_RUNTIME_DIR": jupyter_runtime_dir()}
    from IPython.paths import get_ipython_dir

    found["IPYTHONDIR"] = get_ipython_dir()
    for name, path in found.items():
        assert Path(path).resolve() == jupyter_home.folders[name].resolve(), name
        assert not _inside(path, Path.home()) or _inside(path, jupyter_home.base), (name, path)
    for name, user_folder in jupyter_home.user_folders.items():
        assert not _inside(user_folder, jupyter_home.base), (name, user_folder)


def test_a_fresh_interpreter_uses_them_and_still_finds_the_environments_files(jupyter_home):
    proc = subprocess.run([sys.executable, "-m", "jupyter", "--paths", "--json"], capture_output=True, text=True,
                          check=True, timeout=120)
    paths = json.loads(proc.stdout)
    assert jupyter_home.folders["JUPYTER_CONFIG_DIR"] in [Path(p) for p in paths["config"]]
    assert jupyter_home.folders["JUPYTER_DATA_DIR"] in [Path(p) for p in paths["data"]]
    assert [Path(p) for p in paths["runtime"]] == [jupyter_home.folders["JUPYTER_RUNTIME_DIR"]]
    assert PREFIX / "etc" / "jupyter" in [Path(p).resolve() for p in paths["config"]]
    assert PREFIX / "share" / "jupyter" in [Path(p).resolve() for p in paths["data"]]
    for folder in (*paths["config"], *paths["data"], *paths["runtime"]):
        assert not any(_inside(folder, user) for user in jupyter_home.user_folders.values()), folder


def test_environments_kernel_nbgrader_extension_and_lab_settings_still_load():
    from jupyter_client.kernelspec import KernelSpecManager
    from jupyter_server.extension.config import ExtensionConfigManager
    from jupyterlab.commands import get_app_dir

    kernel = KernelSpecManager().get_kernel_spec("python3")
    assert _inside(kernel.resource_dir, PREFIX / "share" / "jupyter" / "kernels")
    extensions = ExtensionConfigManager(read_config_path=jupyter_config_path()).get_jpserver_extensions()
    assert extensions.get("nbgrader.server_extensions.assignment_list") is True
    assert extensions.get("nbgrader.server_extensions.formgrader") is True
    overrides = Path(get_app_dir()) / "settings" / "overrides.json"
    assert _inside(overrides, PREFIX)
    settings = json.loads(overrides.read_text(encoding="utf-8"))
    assert settings["@jupyterlab/translation-extension:plugin"]["locale"] == "fr_FR"


def test_a_kernel_writes_its_files_into_the_test_runs_folders(jupyter_home):
    seen: list[dict] = []
    manager = KernelManager(kernel_name="python3")
    manager.start_kernel()
    try:
        client = manager.client()
        client.start_channels()
        client.wait_for_ready(timeout=120)
        client.execute_interactive("import IPython; d = IPython.get_ipython().profile_dir.location", timeout=60)
        reply = client.execute_interactive("print(d)", timeout=60, output_hook=lambda msg: seen.append(msg))
        assert reply["content"]["status"] == "ok"
        client.stop_channels()
    finally:
        manager.shutdown_kernel(now=True)
    printed = "".join(m["content"].get("text", "") for m in seen if m["msg_type"] == "stream")
    assert _inside(printed.strip(), jupyter_home.folders["IPYTHONDIR"]), printed


def test_the_guard_sees_a_write_in_a_watched_folder(jupyter_home, tmp_path):
    watched = tmp_path / "jupyter"
    (watched / "nbgrader_cache").mkdir(parents=True)
    before = jupyter_home.snapshot([watched, tmp_path / "absent"])
    assert jupyter_home.changes(before, jupyter_home.snapshot([watched, tmp_path / "absent"])) == []
    (watched / "nbgrader_cache" / "cours").mkdir()
    (tmp_path / "absent").mkdir()
    found = jupyter_home.changes(before, jupyter_home.snapshot([watched, tmp_path / "absent"]))
    assert f"{watched / 'nbgrader_cache' / 'cours'} : créé" in found
    assert f"{tmp_path / 'absent'} : créé" in found
    assert f"{watched / 'nbgrader_cache'} : modifié" in found  # a folder's date changes with its content
