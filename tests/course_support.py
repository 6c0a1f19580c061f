"""Helpers shared by the tests: the repository root, a scratch course, the solution's state files.

Imported by name (``from course_support import REPO``), never through ``conftest``: each test folder has its
own ``conftest.py``, and ``from conftest import …`` would find whichever was imported first.
"""

from __future__ import annotations

import shutil
from pathlib import Path

from autograder.trainer.course import course_folder

REPO = Path(__file__).resolve().parents[1]


def copy_course(dest: Path) -> Path:
    """A scratch copy of the course folder (config, source/, release/, the answer keys) for pipeline tests."""
    dest.mkdir(parents=True, exist_ok=True)
    shutil.copy2(REPO / "nbgrader_config.py", dest / "nbgrader_config.py")
    course = course_folder(REPO)
    for folder in (course.folder_name("source"), course.folder_name("release"), course.keys.name):
        if (REPO / folder).is_dir():
            shutil.copytree(REPO / folder, dest / folder,
                            ignore=shutil.ignore_patterns(".ipynb_checkpoints", "__pycache__", "*.corrompu-*"))
    return dest


def copy_solution_files(assignment: str, dest: Path) -> Path:
    """The solution's widget state files of ``assignment`` (``tests/pipeline_cases/<a>/solution/``), in ``dest``."""
    for item in (REPO / "tests" / "pipeline_cases" / assignment / "solution").iterdir():
        shutil.copy(item, dest / item.name)
    return dest
