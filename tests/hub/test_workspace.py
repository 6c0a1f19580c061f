"""The learner workspace of « make lab » (scripts/hub.sh espace): their own copies, no trainer material (fast)."""

from __future__ import annotations

import json
import subprocess
from pathlib import Path

REPO = Path(__file__).resolve().parents[2]


def _workspace(dest: Path) -> Path:
    subprocess.run([str(REPO / "scripts" / "hub.sh"), "espace", str(dest)], check=True, capture_output=True)
    return dest


def test_workspace_holds_lessons_and_exercises_only(tmp_path):
    dest = _workspace(tmp_path / "espace")
    assert sorted(p.name for p in dest.iterdir()) == [".jupyter-apprenant", "course", "exercises"]
    for lesson in (REPO / "course").glob("*.ipynb"):
        assert (dest / "course" / lesson.name).read_bytes() == lesson.read_bytes()
    names = {p.name for folder in ("course", "exercises") for p in (dest / folder).rglob("*")}
    assert not names & {"source", "release", "nbgrader_config.py", "gradebook.db", "submitted", "autograded"}
    assert "source" not in (dest / ".jupyter-apprenant" / "nbgrader_config.py").read_text(encoding="utf-8")
    config = dest / ".jupyter-apprenant"
    disabled = json.loads((config / "labconfig" / "page_config.json").read_text())["disabledExtensions"]
    assert disabled["@jupyter/nbgrader:formgrader"] is True
    server = json.loads((config / "jupyter_server_config.json").read_text())["ServerApp"]["jpserver_extensions"]
    assert server["nbgrader.server_extensions.formgrader"] is False


def test_learner_copies_are_never_overwritten_and_new_lessons_arrive(tmp_path):
    dest = _workspace(tmp_path / "espace")
    mine = dest / "course" / "00_introduction.ipynb"
    mine.write_text("mon travail", encoding="utf-8")
    (dest / "exercises" / next((REPO / "exercises").glob("*.ipynb")).name).unlink()
    _workspace(dest)
    assert mine.read_text(encoding="utf-8") == "mon travail"
    assert {p.name for p in (dest / "exercises").glob("*.ipynb")} == {p.name for p in (REPO / "exercises").glob("*.ipynb")}
