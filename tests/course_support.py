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


def run_code_cells(cells, namespace: dict, name: str = "notebook") -> dict[int, object]:
    """Run notebook code cells in this process, in order, in ``namespace``; what each cell shows, by cell index.

    The printed output is swallowed; a cell whose last statement is an expression shows its value (as Jupyter does).
    """
    import ast
    import contextlib
    import io

    shown = {}
    for index, cell in enumerate(cells):
        if cell.cell_type != "code":
            continue
        tree = ast.parse(cell.source)
        last = tree.body[-1] if tree.body and isinstance(tree.body[-1], ast.Expr) else None
        body = tree.body[:-1] if last is not None else tree.body
        with contextlib.redirect_stdout(io.StringIO()):
            exec(compile(ast.Module(body=body, type_ignores=[]), name, "exec"), namespace)  # noqa: S102
            if last is not None:
                shown[index] = eval(compile(ast.Expression(last.value), name, "eval"), namespace)  # noqa: S307
    return shown
