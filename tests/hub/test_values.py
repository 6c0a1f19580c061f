"""The Kubernetes deployment (hub/z2jh-values.yaml) keeps the settings of the one-server hub (fast, no hub started)."""

from __future__ import annotations

import json
import re
from pathlib import Path

import yaml

REPO = Path(__file__).resolve().parents[2]
VALUES = yaml.safe_load((REPO / "hub" / "z2jh-values.yaml").read_text(encoding="utf-8"))
CONFIG = (REPO / "hub" / "jupyterhub_config.py").read_text(encoding="utf-8")
SCRIPT = (REPO / "scripts" / "hub.sh").read_text(encoding="utf-8")


def _default(variable: str) -> str:
    return re.search(rf'os\.environ\.get\("{variable}", "([^"]+)"\)', CONFIG).group(1)


def _heredoc_json(target: str) -> dict:
    """The JSON that scripts/hub.sh writes to ``target`` (a heredoc)."""
    found = re.search(rf'cat >"{re.escape(target)}" <<\'JSON\'\n(.*?)\nJSON\n', SCRIPT, re.S)
    return json.loads(found.group(1))


def test_same_limits_and_culler_as_the_local_hub():
    single = VALUES["singleuser"]
    assert single["memory"]["limit"] == _default("HUB_MEM_LIMIT")
    assert float(single["cpu"]["limit"]) == float(_default("HUB_CPU_LIMIT"))
    assert VALUES["cull"]["enabled"] is True
    assert VALUES["cull"]["timeout"] == int(_default("HUB_IDLE_TIMEOUT"))


def test_same_jupyter_settings_for_learners_and_everyone():
    files = VALUES["singleuser"]["extraFiles"]
    assert files["jupyter-apprenants"]["data"] == _heredoc_json("$1/jupyter_server_config.json")
    assert files["lab-apprenants"]["data"] == _heredoc_json("$1/labconfig/page_config.json")
    local = _heredoc_json("$HUB_ROOT/jupyter/tous/jupyter_server_config.json")
    assert files["jupyter-tous"]["data"]["ServerApp"] == local["ServerApp"]  # the formgrader's frame allowed


def test_gradebook_only_for_trainers_and_exchange_shared():
    hook = VALUES["hub"]["extraConfig"]["cours"]
    assert 'if spawner.user.admin:\n        spawner.environment["NBGRADER_DB_URL"]' in hook
    assert 'spawner.environment["NBGRADER_DB_URL"] = ""' in hook
    mounts = VALUES["singleuser"]["storage"]["extraVolumeMounts"]
    assert [m["mountPath"] for m in mounts] == ["/srv/nbgrader/exchange"]
    assert "/srv/nbgrader/exchange" in hook
