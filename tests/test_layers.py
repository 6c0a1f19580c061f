"""The import graph keeps the layers of ``../shared/DESIGN.md`` honest.

Read statically with :mod:`ast` (every ``import`` counts: relative ones, ``from autograder import widgets``,
imports inside functions, ``importlib.import_module("…")`` with a literal name):

- ``autograder`` has three layers, each importing only the layers below it: the domain (the top-level
  modules ``autograder/*.py`` and ``autograder/data/``), the checks (``autograder/checks/``), then the widgets
  (``autograder/widgets/``) and the trainer's tools (``autograder/trainer/``, with the ``python -m autograder``
  entry point), two siblings that never import each other;
- the sandbox launcher, and every ``autograder`` module it imports (found transitively, parent packages
  included), imports only the standard library;
- lessons, exercises and assignments (``course/``, ``exercises/``, ``source/``, ``release/``) import neither
  the trainer's tools nor nbgrader or nbconvert;
- nothing in ``autograder`` imports the authoring tools (``coursetools``), the benchmarks or the tests.

Then, in a fresh interpreter: ``import autograder.checks.c5`` and the imports of lesson 08 load neither
nbgrader nor nbconvert. Every rule is also shown failing on a small made-up package or notebook.
"""

from __future__ import annotations

import ast
import json
import subprocess
import sys
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path

import nbformat
import pytest
from IPython.core.inputtransformer2 import TransformerManager

REPO = Path(__file__).resolve().parents[1]
PACKAGE = "autograder"
LAUNCHER = "autograder.trainer.sandbox.launcher"
NOTEBOOK_FOLDERS = ("course", "exercises", "source", "release")
#: What a notebook a learner opens (or that nbgrader runs for a learner) must not import.
NOT_FOR_NOTEBOOKS = ("autograder.trainer", "nbgrader", "nbconvert", "coursetools", "benchmarks", "tests")
#: What the runtime package must not import: tools that live outside it.
OUTSIDE_RUNTIME = ("coursetools", "benchmarks", "tests", "conftest")
HEAVY = ("nbgrader", "nbconvert")

# Layers of the package, by the folder a module lives in; a layer may import itself and the ones listed.
DOMAIN, CHECKS, WIDGETS, TRAINER = "domain", "checks", "widgets", "trainer"
MAY_IMPORT = {
    DOMAIN: {DOMAIN},
    CHECKS: {DOMAIN, CHECKS},
    WIDGETS: {DOMAIN, CHECKS, WIDGETS},
    TRAINER: {DOMAIN, CHECKS, TRAINER},
}


@dataclass(frozen=True)
class Import:
    where: str  # "autograder/checks/c5.py:12", "course/08_x.ipynb[cellule 3]:1"
    importer: str  # dotted module name, or the notebook's path
    target: str  # absolute dotted name as written (a module, or a module's attribute)

    def __str__(self) -> str:
        return f"{self.where} : {self.importer} importe {self.target}"


# -- reading imports ------------------------------------------------------------------------------------------
def module_name(path: Path, root: Path) -> str:
    parts = list(path.relative_to(root).with_suffix("").parts)
    if parts[-1] == "__init__":
        parts.pop()
    return ".".join(parts)


def imported_names(tree: ast.AST, module: str = "", is_package: bool = False) -> Iterator[tuple[int, str]]:
    """(line, absolute dotted name) of every import in ``tree``, at any depth."""
    package = module.split(".") if is_package else module.split(".")[:-1]
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            for alias in node.names:
                yield node.lineno, alias.name
        elif isinstance(node, ast.ImportFrom):
            if node.level:
                kept = len(package) - (node.level - 1)
                if kept <= 0:
                    raise ValueError(f"{module} : import relatif hors du paquet (ligne {node.lineno})")
                base = ".".join(package[:kept] + ([node.module] if node.module else []))
            else:
                base = node.module or ""
            for alias in node.names:
                yield node.lineno, base if alias.name == "*" else f"{base}.{alias.name}"
        elif (isinstance(node, ast.Call) and node.args and isinstance(node.args[0], ast.Constant)
              and isinstance(node.args[0].value, str) and _is_dynamic_import(node.func)):
            yield node.lineno, node.args[0].value


def _is_dynamic_import(func: ast.expr) -> bool:
    return (isinstance(func, ast.Name) and func.id in ("__import__", "import_module")) or (
        isinstance(func, ast.Attribute) and func.attr == "import_module")


def package_modules(root: Path, package: str) -> dict[str, Path]:
    """Dotted name -> file of every module of ``package`` (a folder of ``root``)."""
    files = sorted((root / package).rglob("*.py"))
    return {module_name(f, root): f for f in files if "__pycache__" not in f.parts}


def module_imports(name: str, path: Path, root: Path) -> list[Import]:
    tree = ast.parse(path.read_text(encoding="utf-8"), filename=str(path))
    rel = path.relative_to(root)
    return [Import(f"{rel}:{line}", name, target)
            for line, target in imported_names(tree, name, path.name == "__init__.py")]


def package_imports(root: Path, package: str) -> list[Import]:
    return [imp for name, path in package_modules(root, package).items() for imp in module_imports(name, path, root)]


def notebook_imports(path: Path, root: Path) -> list[Import]:
    """Imports of every code cell of a notebook (IPython magics and shell lines understood)."""
    nb = nbformat.read(path, as_version=4)
    rel = path.relative_to(root)
    found = []
    for index, cell in enumerate(nb.cells):
        if cell.cell_type != "code":
            continue
        code = TransformerManager().transform_cell(cell.source)
        tree = ast.parse(code, filename=f"{rel}[cellule {index}]")
        found += [Import(f"{rel}[cellule {index}]:{line}", str(rel), target) for line, target in imported_names(tree)]
    return found


def _within(name: str, prefixes: Iterable[str]) -> str | None:
    """The first of ``prefixes`` that ``name`` is, or lies inside."""
    return next((p for p in prefixes if name == p or name.startswith(p + ".")), None)


# -- the rules ------------------------------------------------------------------------------------------------
def layer_of(module: str, package: str) -> str:
    parts = module.split(".")
    assert parts[0] == package, module
    sub = parts[1] if len(parts) > 1 else ""
    if sub in (CHECKS, WIDGETS):
        return sub
    if sub in (TRAINER, "__main__"):  # ``python -m autograder`` is the trainer's command line
        return TRAINER
    return DOMAIN  # the package itself, its top-level modules, data/


def layer_violations(imports: Iterable[Import], package: str) -> list[str]:
    found = []
    for imp in imports:
        if _within(imp.target, [package]) and layer_of(imp.target, package) not in MAY_IMPORT[
                layer_of(imp.importer, package)]:
            found.append(f"{imp} (couche {layer_of(imp.importer, package)} → {layer_of(imp.target, package)})")
    return found


def forbidden_imports(imports: Iterable[Import], forbidden: Iterable[str]) -> list[str]:
    forbidden = tuple(forbidden)
    return [str(imp) for imp in imports if _within(imp.target, forbidden)]


def resolve_module(target: str, modules: dict[str, Path]) -> str | None:
    """The module of the package that ``target`` names (``a.b.C`` → ``a.b`` when ``C`` is an attribute)."""
    parts = target.split(".")
    while parts:
        if ".".join(parts) in modules:
            return ".".join(parts)
        parts.pop()
    return None


def stdlib_only_violations(root: Path, package: str, start: str) -> tuple[list[str], set[str]]:
    """Imports outside the standard library made by ``start`` and by every package module it imports.

    Importing a module runs its parent packages' ``__init__`` too: they are followed as well. Returns the
    violations and the modules visited.
    """
    modules = package_modules(root, package)
    assert start in modules, f"module introuvable : {start}"
    todo, seen, found = [start], set(), []
    while todo:
        name = todo.pop()
        if name in seen:
            continue
        seen.add(name)
        parents = [".".join(name.split(".")[:i]) for i in range(1, name.count(".") + 1)]
        todo += [p for p in parents if p in modules]
        for imp in module_imports(name, modules[name], root):
            top = imp.target.split(".")[0]
            if top == package:
                resolved = resolve_module(imp.target, modules)
                if resolved is None:
                    found.append(f"{imp} (module introuvable)")
                else:
                    todo.append(resolved)
            elif top not in sys.stdlib_module_names:
                found.append(f"{imp} (hors de la bibliothèque standard)")
    return found, seen


def loaded_after(statements: list[str], cwd: Path = REPO) -> set[str]:
    """The modules a fresh interpreter has loaded after running ``statements`` (isolated mode: the
    installed package, never the current folder)."""
    code = "\n".join([*statements, "import json as _j, sys as _s", "print(_j.dumps(sorted(_s.modules)))"])
    proc = subprocess.run([sys.executable, "-I", "-c", code], cwd=cwd, capture_output=True, text=True, timeout=300)
    assert proc.returncode == 0, proc.stderr[-3000:]
    return set(json.loads(proc.stdout.strip().splitlines()[-1]))


def heavy_modules(statements: list[str], cwd: Path = REPO) -> list[str]:
    return sorted(m for m in loaded_after(statements, cwd) if _within(m, HEAVY))


def import_statements(path: Path) -> list[str]:
    """Every import statement of a notebook's code cells, as code (at any depth, dedented)."""
    nb = nbformat.read(path, as_version=4)
    found = []
    for cell in nb.cells:
        if cell.cell_type == "code":
            tree = ast.parse(TransformerManager().transform_cell(cell.source))
            found += [ast.unparse(n) for n in ast.walk(tree) if isinstance(n, ast.Import | ast.ImportFrom)]
    return found


def repo_notebooks(folders: Iterable[str] = NOTEBOOK_FOLDERS) -> list[Path]:
    return sorted(p for folder in folders for p in (REPO / folder).rglob("*.ipynb")
                  if ".ipynb_checkpoints" not in p.parts)


# -- a made-up package that breaks every rule ------------------------------------------------------------------
BAD_PACKAGE = {
    "__init__.py": "import importlib\n",
    "metrics.py": "from . import storage\n\ndef later():\n    from fakepkg import widgets\n    return widgets\n",
    "storage.py": "import json\nimport coursetools.images\n",
    "plan.py": "import importlib\nchecks = importlib.import_module('fakepkg.checks.c1')\n",
    "data/__init__.py": "from ..checks import c1\n",
    "checks/__init__.py": "",
    "checks/c1.py": "from fakepkg import metrics\nfrom fakepkg.data import x\nimport fakepkg.trainer.grading\n",
    "checks/c2.py": "from benchmarks.harness import Bench\nfrom tests.conftest import REPO\n",
    "widgets/__init__.py": "",
    "widgets/w.py": "from fakepkg.checks.c1 import something\nfrom fakepkg.trainer import grading\n",
    "trainer/__init__.py": "",
    "trainer/grading.py": "from ..checks import c1\nfrom ..widgets.w import View\n",
    "trainer/sandbox/__init__.py": "from .execute import Runner\n",
    "trainer/sandbox/execute.py": "from nbgrader.preprocessors import Execute\nfrom .launcher import run\n",
    "trainer/sandbox/launcher.py": "import os\nimport sys\n\ndef limits():\n    from . import limits\n    return limits\n",
    "trainer/sandbox/limits.py": "import resource\nfrom fakepkg.metrics import rate\nimport yaml\n",
}


def write_package(root: Path, files: dict[str, str], package: str = "fakepkg") -> Path:
    for rel, text in files.items():
        path = root / package / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
    return root


# -- the layers -----------------------------------------------------------------------------------------------
def test_layer_rule_catches_every_kind_of_upward_import(tmp_path):
    root = write_package(tmp_path, BAD_PACKAGE)
    found = layer_violations(package_imports(root, "fakepkg"), "fakepkg")
    short = sorted(line.split(" : ")[0] + " → " + line.split(" importe ")[1].split(" (")[0] for line in found)
    assert short == [
        "fakepkg/checks/c1.py:3 → fakepkg.trainer.grading",  # import a.b.c
        "fakepkg/data/__init__.py:1 → fakepkg.checks.c1",  # relative, from data/
        "fakepkg/metrics.py:4 → fakepkg.widgets",  # from package import subpackage, inside a function
        "fakepkg/plan.py:2 → fakepkg.checks.c1",  # importlib.import_module("…")
        "fakepkg/trainer/grading.py:2 → fakepkg.widgets.w.View",  # trainer → widgets (siblings)
        "fakepkg/widgets/w.py:2 → fakepkg.trainer.grading",  # widgets → trainer (siblings)
    ], found


def test_layers_of_the_package():
    imports = package_imports(REPO, PACKAGE)
    importers = {imp.importer for imp in imports}
    # the scan sees the whole package: every layer, and the imports inside functions
    assert {layer_of(m, PACKAGE) for m in importers} == {DOMAIN, CHECKS, WIDGETS, TRAINER}
    assert {"autograder.checks.c5", "autograder.widgets.base", "autograder.trainer.cli"} <= importers
    assert layer_violations(imports, PACKAGE) == []


# -- the sandbox launcher -------------------------------------------------------------------------------------
def test_stdlib_rule_follows_the_launcher_into_its_modules_and_parent_packages(tmp_path):
    root = write_package(tmp_path, BAD_PACKAGE)
    found, seen = stdlib_only_violations(root, "fakepkg", "fakepkg.trainer.sandbox.launcher")
    assert {"fakepkg.trainer.sandbox.limits", "fakepkg.metrics", "fakepkg.storage", "fakepkg.trainer.sandbox",
            "fakepkg.trainer.sandbox.execute", "fakepkg", "fakepkg.trainer"} <= seen
    outside = sorted(line.split(" importe ")[1].split(" (")[0] for line in found)
    assert outside == ["coursetools.images", "nbgrader.preprocessors.Execute", "yaml"], found


def test_sandbox_launcher_imports_only_the_standard_library():
    found, seen = stdlib_only_violations(REPO, PACKAGE, LAUNCHER)
    assert LAUNCHER in seen and PACKAGE in seen
    assert found == [], "\n".join(found)


# -- what the runtime package leaves outside ------------------------------------------------------------------
def test_outside_rule_catches_authoring_tools_benchmarks_and_tests(tmp_path):
    root = write_package(tmp_path, BAD_PACKAGE)
    found = forbidden_imports(package_imports(root, "fakepkg"), OUTSIDE_RUNTIME)
    assert [line.split(" : ")[0] for line in found] == [
        "fakepkg/checks/c2.py:1", "fakepkg/checks/c2.py:2", "fakepkg/storage.py:2"], found


def test_runtime_package_imports_no_authoring_tool_benchmark_or_test():
    found = forbidden_imports(package_imports(REPO, PACKAGE), OUTSIDE_RUNTIME)
    assert found == [], "\n".join(found)


def test_lazy_submodules_of_the_package_exist_and_cover_the_domain():
    import autograder

    modules = package_modules(REPO, PACKAGE)
    top_level = {name.split(".")[1] for name in modules if name.count(".") >= 1}
    assert set(autograder._SUBMODULES) <= top_level, set(autograder._SUBMODULES) - top_level
    # every domain module and every layer a notebook uses is reachable as ``autograder.<name>``
    tools = {"__main__", "setup_lab", TRAINER}
    assert top_level - tools <= set(autograder._SUBMODULES), top_level - tools - set(autograder._SUBMODULES)


# -- notebooks ------------------------------------------------------------------------------------------------
def test_notebook_rule_catches_trainer_nbgrader_and_authoring_imports(tmp_path):
    cells = [
        nbformat.v4.new_code_cell("%matplotlib inline\nfrom autograder.checks import c5\nimport pandas as pd"),
        nbformat.v4.new_code_cell("!ls\nfrom autograder.trainer.dossier import TIMING_PLAN"),
        nbformat.v4.new_code_cell("def show():\n    import nbconvert\n    from nbgrader.api import Gradebook\n"),
        nbformat.v4.new_code_cell("from coursetools import authoring"),
        nbformat.v4.new_markdown_cell("import nbgrader  (du texte, pas du code)"),
    ]
    nbformat.write(nbformat.v4.new_notebook(cells=cells), tmp_path / "lecon.ipynb")
    found = forbidden_imports(notebook_imports(tmp_path / "lecon.ipynb", tmp_path), NOT_FOR_NOTEBOOKS)
    assert [line.split(" importe ")[1] for line in found] == [
        "autograder.trainer.dossier.TIMING_PLAN", "nbconvert", "nbgrader.api.Gradebook", "coursetools.authoring"]


@pytest.mark.parametrize("folder", NOTEBOOK_FOLDERS)
def test_notebooks_import_no_trainer_tool_nor_nbgrader(folder):
    notebooks = repo_notebooks([folder])
    assert notebooks, f"aucun notebook dans {folder}/"
    imports = [imp for nb in notebooks for imp in notebook_imports(nb, REPO)]
    assert any(_within(imp.target, [PACKAGE]) for imp in imports), "les notebooks n'importent rien d'autograder ?"
    found = forbidden_imports(imports, NOT_FOR_NOTEBOOKS)
    assert found == [], "\n".join(found)


# -- what is really loaded ------------------------------------------------------------------------------------
def test_runtime_measure_sees_nbconvert_and_nbgrader():
    assert heavy_modules(["import json"]) == []
    heavy = heavy_modules(["def later():\n    import nbgrader", "import nbconvert"])
    assert "nbconvert" in heavy and "nbgrader" not in heavy


def test_importing_the_c5_checks_loads_neither_nbgrader_nor_nbconvert():
    assert heavy_modules(["import autograder.checks.c5"]) == []


def test_lesson_08_imports_load_neither_nbgrader_nor_nbconvert():
    lesson = next((REPO / "course").glob("08_*.ipynb"))
    statements = import_statements(lesson)
    assert any(PACKAGE in s for s in statements), statements
    assert heavy_modules(statements, cwd=lesson.parent) == [], statements
