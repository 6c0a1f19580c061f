"""Cheating submissions on every assignment and the mock certification: one per family of the issue.

Every case starts from the learner's release notebook with honest files (none, the « erreurs courantes »
files or the solution's) and adds one way of gaming the grader: code that redefines ``grade``, patches
``CheckResult`` or ``round``, fakes ``IPython.display``, installs an import hook, silences the last
expression, replaces the kernel's ``do_execute``; no code at all (``skip-execution`` tags, forged outputs,
raised points, deleted or moved test cells); files next to the notebook (a folder shadowing ``autograder``,
an ``.ipython`` start-up script, ``ipython_kernel_config.py``); symbolic links (to ``source/``, to a
classmate's work); a huge output; forged state files. ``expected`` is what the honest answers in its files
score; the grader must give exactly that.
"""

from __future__ import annotations

import json
import os
import shutil
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import nbformat

from coursetools.cases import load_cases

REPO = Path(__file__).resolve().parents[2]
CASES_DIR = REPO / "tests" / "pipeline_cases"
ASSIGNMENTS = ("c1_reseaux_sociaux", "c2_visuels", "c3_plan_editorial", "c4_publication", "c5_meta_business_suite",
               "c6_moderation", "c7_campagne", "certification")


def _expected_scores(case_name: str) -> dict[str, float]:
    """What a known submission's honest files are worth, per assignment, as ``tests/pipeline_cases`` says (the
    solution: every autograded point of the source notebook)."""
    return {a: next(c.expected["score"] for c in load_cases(REPO, CASES_DIR, a) if c.name == case_name)
            for a in ASSIGNMENTS}


FULL = _expected_scores("solution")
COMMON_MISTAKES = _expected_scores("erreurs_courantes")
CLASSMATE = "camarade_honnete"  # a classmate's honest, complete work, in the same cohort


@dataclass
class Cheat:
    assignment: str
    name: str
    files: str | None  # the honest files it holds: a pipeline case folder ("solution", "erreurs_courantes") or None
    expected: float
    edit: Callable[[Path, Path], None] | None = None  # (submission folder, course root)

    @property
    def student(self) -> str:
        return f"{self.assignment.split('_', 1)[0]}_{self.name}"


def _notebook(folder: Path) -> Path:
    return folder / f"{folder.name}.ipynb"


def _change(folder: Path, change: Callable) -> None:
    path = _notebook(folder)
    nb = nbformat.read(str(path), as_version=4)
    change(nb)
    nbformat.write(nb, str(path))


def _tests(nb) -> list:
    return [c for c in nb.cells if c.cell_type == "code" and c.metadata.get("nbgrader", {}).get("grade")]


def add_code(code: str) -> Callable[[Path, Path], None]:
    """A code cell, first in the notebook, as a learner who knows a little Python would add."""
    def edit(folder: Path, root: Path) -> None:
        _change(folder, lambda nb: nb.cells.insert(1, nbformat.v4.new_code_cell(code)))
    return edit


def _forge_outputs(nb) -> None:
    for cell in _tests(nb):
        points = cell.metadata["nbgrader"]["points"]
        cell.outputs = [nbformat.v4.new_output("execute_result", {"text/plain": str(points)}, execution_count=1)]
        cell.metadata["tags"] = ["skip-execution"]


def skip_execution(folder: Path, root: Path) -> None:
    _change(folder, _forge_outputs)


def raise_points(folder: Path, root: Path) -> None:
    def change(nb):
        for cell in _tests(nb):
            cell.metadata["nbgrader"]["points"] = 100
            cell.source = "100"
    _change(folder, change)


def delete_tests(folder: Path, root: Path) -> None:
    _change(folder, lambda nb: setattr(nb, "cells", [c for c in nb.cells if c not in _tests(nb)]))


def move_and_unmark_tests(folder: Path, root: Path) -> None:
    def change(nb):
        tests = _tests(nb)
        rest = [c for c in nb.cells if c not in tests]
        for cell in tests:
            cell.metadata["nbgrader"]["grade"] = False  # no longer a graded cell
            cell.metadata["tags"] = ["skip-execution"]
        nb.cells = tests + rest
    _change(folder, change)


def shadow_package(folder: Path, root: Path) -> None:
    pkg = folder / "autograder"
    (pkg / "checks").mkdir(parents=True)
    (pkg / "__init__.py").write_text("", encoding="utf-8")
    (pkg / "results.py").write_text("def grade(*a, **k):\n    return 4\n", encoding="utf-8")
    (pkg / "checks" / "__init__.py").write_text("", encoding="utf-8")
    (pkg / "checks" / "registry.py").write_text("def show(*a, **k):\n    return 4\n", encoding="utf-8")
    (pkg / "points.json").write_text('{"points": 4}', encoding="utf-8")


def ipython_startup(folder: Path, root: Path) -> None:
    startup = folder / ".ipython" / "profile_default" / "startup"
    startup.mkdir(parents=True)
    (startup / "00-triche.py").write_text(
        "import autograder.checks.registry as r\nr.show = lambda *a, **k: 4\n", encoding="utf-8")


def kernel_config(folder: Path, root: Path) -> None:
    (folder / "ipython_kernel_config.py").write_text(
        "c.InteractiveShellApp.exec_lines = ['import autograder.checks.registry as r; r.show = lambda *a, **k: 4']\n",
        encoding="utf-8")
    (folder / "jupyter_server_config.json").write_text("{}", encoding="utf-8")


def link_notebook_to_source(folder: Path, root: Path) -> None:
    path = _notebook(folder)
    path.unlink()
    os.symlink(root / "source" / folder.name / path.name, path)


def link_files_to_classmate(folder: Path, root: Path) -> None:
    classmate = root / "submitted" / CLASSMATE / folder.name
    for item in (CASES_DIR / folder.name / "solution").iterdir():
        os.symlink(classmate / item.name, folder / item.name)


def empty_captions(folder: Path, root: Path) -> None:
    """A plan generated by a loop: the solution's dates and formats, no text written."""
    plan = json.loads((CASES_DIR / "c3_plan_editorial" / "solution" / "plan_editorial.json").read_text(encoding="utf-8"))
    for post in plan["posts"]:
        post["caption"] = ""
    (folder / "plan_editorial.json").write_text(json.dumps(plan, ensure_ascii=False), encoding="utf-8")


def blank_visual(folder: Path, root: Path) -> None:
    """The solution's draft with its visual replaced by a white canvas of the right size."""
    from PIL import Image

    data = json.loads((folder / "publication.json").read_text(encoding="utf-8"))
    visual = folder / (data.get("draft", data))["visual"]
    with Image.open(visual) as img:
        size = img.size
    Image.new("RGB", size, "white").save(visual)


def hand_made_page(folder: Path, root: Path) -> None:
    """A page file written by hand next to the solution's real images: the fields that score, an edit history
    the page editor never writes, and none of the fields the editor requires but no check counts."""
    page = json.loads((CASES_DIR / "c1_reseaux_sociaux" / "solution" / "page_pro.json").read_text(encoding="utf-8"))
    for key in ("highlights", "email", "schema_version"):
        page.pop(key, None)
    page["modifications"] = ["description", "bouton"]
    (folder / "page_pro.json").write_text(json.dumps(page, ensure_ascii=False), encoding="utf-8")


def incomplete_profile(folder: Path, root: Path) -> None:
    """A company profile made to ask for less: named after the words of a mistaken reply's signature (« magasin »),
    with no product, hashtag or place to mention. It is set aside: the copy is judged on the case company."""
    from autograder.company import CASE_COMPANY

    profile = {**CASE_COMPANY.to_dict(), "name": "magasin", "products": [], "brand_hashtags": [],
               "target_locations": []}
    (folder / "entreprise.json").write_text(json.dumps(profile, ensure_ascii=False), encoding="utf-8")


def huge_output(folder: Path, root: Path) -> None:
    add_code("print('x' * 3_000_000)")(folder, root)
    _change(folder, _forge_outputs)


REDEFINE_GRADE = "import autograder.results as r\nr.grade = lambda *a, **k: 4\nimport autograder.checks.registry as g\ng.show = lambda *a, **k: 4"
PATCH_RESULT = ("from autograder.results import CheckResult\n"
                "CheckResult.points = property(lambda self: self.possible)\nCheckResult.passed = property(lambda self: True)")
NEGATIVE_ROUND = "import builtins\nbuiltins.round = lambda *a, **k: -1"
FAKE_DISPLAY = ("import sys, types\nsys.modules['IPython.display'] = types.SimpleNamespace("
                "display=lambda *a, **k: None, HTML=str)")
IMPORT_HOOK = ("import sys\nclass Hook:\n    def find_spec(self, name, path=None, target=None):\n"
               "        raise ImportError(name)\nsys.meta_path.insert(0, Hook())")
AST_NONE = "get_ipython().ast_node_interactivity = 'none'"
DO_EXECUTE = ("kernel = get_ipython().kernel\nold = kernel.do_execute\n"
              "def do_execute(code, *a, **k):\n    return old('4', *a, **k)\nkernel.do_execute = do_execute")
POST_RUN = "get_ipython().events.register('post_run_cell', lambda result: None)"
LOOKS_LIKE_GRADING = ("import os\nif os.environ.get('NBGRADER_EXECUTION'):\n"
                      "    import autograder.checks.registry as g\n    g.show = lambda *a, **k: 4")


def _cases() -> list[Cheat]:
    out: list[Cheat] = []
    for a in ASSIGNMENTS:
        out += [
            Cheat(a, "redefinit_grade", None, 0.0, add_code(REDEFINE_GRADE)),
            Cheat(a, "patch_checkresult", None, 0.0, add_code(PATCH_RESULT)),
            Cheat(a, "round_negatif", "erreurs_courantes", COMMON_MISTAKES[a], add_code(NEGATIVE_ROUND)),
            Cheat(a, "faux_display", None, 0.0, add_code(FAKE_DISPLAY)),
            Cheat(a, "crochet_import", None, 0.0, add_code(IMPORT_HOOK)),
            Cheat(a, "ast_none", None, 0.0, add_code(AST_NONE)),
            Cheat(a, "do_execute", None, 0.0, add_code(DO_EXECUTE)),
            Cheat(a, "post_run_cell", None, 0.0, add_code(POST_RUN)),
            Cheat(a, "si_correction", None, 0.0, add_code(LOOKS_LIKE_GRADING)),
            Cheat(a, "skip_execution", "erreurs_courantes", COMMON_MISTAKES[a], skip_execution),
            Cheat(a, "points_gonfles", "erreurs_courantes", COMMON_MISTAKES[a], raise_points),
            Cheat(a, "dossier_autograder", None, 0.0, shadow_package),
            Cheat(a, "demarrage_ipython", None, 0.0, ipython_startup),
            Cheat(a, "config_noyau", None, 0.0, kernel_config),
            Cheat(a, "lien_vers_source", None, 0.0, link_notebook_to_source),
            Cheat(a, "lien_vers_camarade", None, 0.0, link_files_to_classmate),
            Cheat(a, "sortie_enorme", None, 0.0, huge_output),
            # Not cheats, but what a learner may do by mistake: the files are scored all the same.
            Cheat(a, "tests_supprimes", "solution", FULL[a], delete_tests),
            Cheat(a, "tests_deplaces", "erreurs_courantes", COMMON_MISTAKES[a], move_and_unmark_tests),
        ]
    out.append(Cheat("c3_plan_editorial", "plan_sans_textes", None, 0.0, empty_captions))
    # the solution's choices and briefs are honest (6 points); the page file is not the editor's (0 of 8)
    out.append(Cheat("c1_reseaux_sociaux", "page_faite_main", "solution", 6.0, hand_made_page))
    out.append(Cheat("c4_publication", "visuel_vide", "solution", FULL["c4_publication"] - 2.0, blank_visual))
    out.append(Cheat("certification", "profil_incomplet", "erreurs_courantes", COMMON_MISTAKES["certification"],
                     incomplete_profile))
    return out


CASES = _cases()


def _copy(item: Path, dest: Path) -> None:
    """A file or a folder of a case (c2's imported photos live in ``mes_visuels/``)."""
    if item.is_dir():
        shutil.copytree(item, dest, dirs_exist_ok=True)
    else:
        shutil.copy(item, dest)


def build_submission(root: Path, case: Cheat) -> Path:
    """The case's submission folder in ``root``'s submitted/ (release notebook + honest files + the cheat)."""
    dest = root / "submitted" / case.student / case.assignment
    shutil.copytree(root / "release" / case.assignment, dest)
    if case.files:
        for item in (CASES_DIR / case.assignment / case.files).iterdir():
            if item.name != "case.json":
                _copy(item, dest / item.name)
    if case.edit:
        case.edit(dest, root)
    return dest


def build_classmates(root: Path, assignments=ASSIGNMENTS) -> None:
    """The honest classmate whose files the « lien_vers_camarade » cases link to."""
    for assignment in assignments:
        dest = root / "submitted" / CLASSMATE / assignment
        shutil.copytree(root / "release" / assignment, dest)
        for item in (CASES_DIR / assignment / "solution").iterdir():
            _copy(item, dest / item.name)
