"""A mock-certification submission with evidence, a rehearsal and a mock-jury grid, for the dossier's tests."""

from __future__ import annotations

import io
import json
import os
import subprocess
import sys
from pathlib import Path

from autograder.evidence import EVIDENCE_FILE, EVIDENCE_FOLDER
from autograder.mock_jury import MOCK_JURY_FILE
from autograder.presentation import TIMING_PLAN
from autograder.rehearsal import REHEARSAL_FILE

ALT = "Statistiques de la page : taux d'engagement de la publication de l'Épiphanie"
NOTES = "Campagne trop longue : couper l'explication du budget."


def png_bytes(colour=(0, 114, 178), size=(320, 200)) -> bytes:
    from PIL import Image

    buffer = io.BytesIO()
    Image.new("RGB", size, colour).save(buffer, format="PNG")
    return buffer.getvalue()


def write_submission(folder: Path) -> Path:
    """``folder`` (a submitted ``certification`` folder) with two evidence entries (one a screenshot), a rehearsal
    log and a mock-jury grid; returns the folder."""
    proofs = folder / EVIDENCE_FOLDER
    proofs.mkdir(parents=True, exist_ok=True)
    (proofs / "reponse_preuve_a1b2c3d4.png").write_bytes(png_bytes())
    entries = [
        {"id": "a1b2c3d4", "criterion": "C5.3", "kind": "capture", "file": "reponse_preuve_a1b2c3d4.png",
         "original": "stats.png", "alt_text": ALT, "link": "",
         "figures": [{"label": "Taux d'engagement (couverture)", "value": 4.2, "unit": "%"}],
         "date": "2026-11-30", "note": "Lu dans Meta Business Suite.", "source": ""},
        {"id": "e5f6a7b8", "criterion": "C1.1", "kind": "lien", "file": "", "original": "", "alt_text": "",
         "link": "https://www.facebook.com/lafourneedelea", "figures": [], "date": "2026-11-02", "note": "",
         "source": ""},
    ]
    (proofs / EVIDENCE_FILE).write_text(json.dumps({"schema_version": 1, "entries": entries}), encoding="utf-8")
    seconds = {p.title: 60.0 * p.minutes for p in TIMING_PLAN}
    seconds[TIMING_PLAN[6].title] += 95
    (folder / REHEARSAL_FILE).write_text(json.dumps({"rehearsals": [
        {"date": "2026-12-01T18:30", "seconds": seconds, "notes": NOTES}]}), encoding="utf-8")
    (folder / MOCK_JURY_FILE).write_text(json.dumps({
        "observer": "Camille Martin", "role": "formateur", "date": "2026-12-02",
        "criteria": {"C5.3": {"level": "en cours", "observation": "Formule dite, calcul juste mais hésitant."}}}),
        encoding="utf-8")
    return folder


def hand_in_course_files(root: Path, student: str) -> tuple[Path, list[str]]:
    """The learner's files of the course folder ``root`` (lesson 08's logs, the evidence record) copied, as the mock
    certification's set-up cell does (:func:`autograder.widgets.handin.gather_course_files`), into
    ``submitted/<student>/certification``; returns that folder and the French lines of the copy."""
    from autograder.trainer.report import MOCK_JURY_ASSIGNMENT
    from autograder.widgets.handin import gather_course_files

    folder = root / "submitted" / student / MOCK_JURY_ASSIGNMENT
    folder.mkdir(parents=True, exist_ok=True)
    return folder, gather_course_files(folder, root)


def run_dossier(root: Path, student: str, timeout: float = 300) -> Path:
    """``python -m autograder dossier <student>`` run by the trainer in ``root``; returns the dossier's folder."""
    from autograder.trainer.dossier import DOSSIER_DIR

    proc = subprocess.run([sys.executable, "-m", "autograder", "dossier", student], cwd=root, capture_output=True,
                          text=True, env={**os.environ, "NBGRADER_DB_URL": ""}, timeout=timeout)
    assert proc.returncode == 0, proc.stderr
    return root / DOSSIER_DIR / student
