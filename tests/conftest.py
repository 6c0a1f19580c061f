"""Shared test configuration: markers for notebook runs, the repository root, a scratch course."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[1]

# Notebooks inside tests/ are data (hostile submissions, fixtures), never run by nbval.
collect_ignore_glob = ["*.ipynb", "pipeline_cases/*"]


@pytest.fixture
def repo() -> Path:
    return REPO


def copy_course(dest: Path) -> Path:
    """A scratch copy of the course folder (config, source/, release/) for pipeline tests."""
    dest.mkdir(parents=True, exist_ok=True)
    shutil.copy2(REPO / "nbgrader_config.py", dest / "nbgrader_config.py")
    for folder in ("source", "release"):
        if (REPO / folder).is_dir():
            shutil.copytree(REPO / folder, dest / folder,
                            ignore=shutil.ignore_patterns(".ipynb_checkpoints", "__pycache__", "*.corrompu-*"))
    return dest


@pytest.fixture
def course_copy(tmp_path) -> Path:
    return copy_course(tmp_path / "cours")


def copy_solution_files(assignment: str, dest: Path) -> Path:
    """The solution's widget state files of ``assignment`` (``tests/pipeline_cases/<a>/solution/``), in ``dest``."""
    for item in (REPO / "tests" / "pipeline_cases" / assignment / "solution").iterdir():
        shutil.copy(item, dest / item.name)
    return dest
