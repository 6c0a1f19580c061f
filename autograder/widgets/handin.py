"""What the mock certification hands in from the course folder: rehearsals, mock jury, flash cards, evidence.

Lesson 08 writes the rehearsal log (``repetitions.json``), the mock-jury grid (``jury_blanc.json``) and the flash-card
ratings (``fiches_jury.json``) next to it, in ``course/``; lesson 00's evidence recorder keeps the evidence record and
its screenshots in ``preuves/`` at the course root (:data:`autograder.evidence.EVIDENCE_FOLDER`). The trainer's grid,
dashboard and jury dossier read them from the learner's submitted mock certification
(:data:`autograder.trainer.report.MOCK_JURY_ASSIGNMENT`), so the certification's set-up cell calls
:func:`gather_course_files` to copy them next to its notebook: each file atomically (a newer version replaces the
previous copy), the evidence through :meth:`autograder.widgets.evidence.EvidenceModel.take_in` (entries not yet
copied, screenshots checked as PNG or JPEG). It never raises: every problem, and every file not there yet, is a
French line of the returned report.
"""

from __future__ import annotations

from pathlib import Path

from autograder import evidence as E
from autograder.jury_questions import RATINGS_FILE
from autograder.mock_jury import MOCK_JURY_FILE
from autograder.rehearsal import REHEARSAL_FILE
from autograder.results import LearnerInputError
from autograder.storage import atomic_write_bytes

#: The files of lesson 08 handed in with the mock certification: (file name, what it is, in French).
LESSON_FILES = ((REHEARSAL_FILE, "journal des répétitions"), (MOCK_JURY_FILE, "grille du jury blanc"),
                (RATINGS_FILE, "fiches de questions du jury"))
LESSON_FOLDER = "course"
MAX_BYTES = 5 * 1024 * 1024  # a lesson file larger than this is not a widget's file


def _copy_file(source: Path, dest: Path, what: str) -> str:
    if not source.is_file():
        return (f"{what.capitalize()} (« {source.name} ») pas encore enregistré : faites la leçon 08, puis relancez "
                "cette cellule pour le rendre avec votre copie.")
    try:
        if source.stat().st_size > MAX_BYTES:
            return f"{what.capitalize()} (« {source.name} ») trop gros pour être rendu : il n'a pas été copié."
        content = source.read_bytes()
        if dest.is_file() and dest.read_bytes() == content:
            return f"{what.capitalize()} (« {source.name} ») : déjà à jour."
        atomic_write_bytes(dest, content)
    except OSError:
        return f"{what.capitalize()} (« {source.name} ») illisible : il n'a pas été copié."
    return f"{what.capitalize()} (« {source.name} ») copié."


def _take_evidence(source: Path, dest: Path) -> list[str]:
    from autograder.widgets.evidence import EvidenceModel

    if not (source / E.EVIDENCE_FILE).is_file():
        return ["Registre de preuves (dossier « preuves ») pas encore commencé : enregistrez vos preuves dans la "
                "leçon 00, puis relancez cette cellule."]
    try:
        added, problems = EvidenceModel(dest).take_in(source)
    except (LearnerInputError, OSError, ValueError, TypeError, KeyError) as exc:
        message = exc.args[0] if exc.args and isinstance(exc.args[0], str) else type(exc).__name__
        return [f"Registre de preuves non copié : {message}"]
    return [f"Registre de preuves : {added} nouvelle(s) preuve(s) copiée(s) dans « {E.EVIDENCE_FOLDER} »."
            if added else "Registre de preuves : déjà à jour.", *problems]


def gather_course_files(here: str | Path = ".", course_root: str | Path = "..") -> list[str]:
    """Copy into ``here`` (the mock certification's folder) the lesson 08 files of ``course_root/course`` and the
    evidence of ``course_root/preuves``; French lines saying what was copied or is missing. Never raises."""
    here, root = Path(here), Path(course_root)
    lines = [_copy_file(root / LESSON_FOLDER / name, here / name, what) for name, what in LESSON_FILES]
    source = root / E.EVIDENCE_FOLDER
    try:
        same = source.resolve() == (here / E.EVIDENCE_FOLDER).resolve()
    except OSError:
        same = False
    lines += [] if same else _take_evidence(source, here / E.EVIDENCE_FOLDER)
    return lines
