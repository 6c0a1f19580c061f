"""Answer keys stay with the trainer (keys/, read by autograder.trainer.scoring): never installed, never released.

The learner's environment is built as a learner gets it (the installed package's files and release/, no
source/ nor keys/); the key's records appear in none of its files, and the pilot assignments' release
notebooks no longer call the package's answer-key function.
"""

from __future__ import annotations

import json
import shutil

from autograder.trainer.course import KEYS_FOLDER
from autograder.trainer.scoring import load_keys

from course_support import REPO

PILOTS = ("c3_plan_editorial", "c4_publication", "c6_moderation")


def _learner_environment(dest):
    shutil.copytree(REPO / "autograder", dest / "site-packages" / "autograder",
                    ignore=shutil.ignore_patterns("__pycache__", "*.pyc"))
    shutil.copytree(REPO / "release", dest / "release")
    return dest


def test_the_trainer_reads_the_keys_next_to_source():
    keys = load_keys(REPO)
    assert (REPO / KEYS_FOLDER).is_dir() and (REPO / "source").is_dir()
    expected = keys["case_community"]
    assert expected and all({"kind", "channel", "author"} <= set(e) for e in expected.values())
    assert load_keys(REPO / "release") == {}  # no keys/ anywhere else


def test_no_key_record_is_in_the_learners_environment(tmp_path):
    env = _learner_environment(tmp_path / "apprenant")
    assert not list(env.rglob(KEYS_FOLDER)) and not (env / "source").exists()
    records = [json.dumps({item_id: record}, ensure_ascii=False, sort_keys=True)[1:-1]
               for item_id, record in load_keys(REPO)["case_community"].items()]
    compact = [json.dumps(record, ensure_ascii=False, sort_keys=True, separators=(",", ":"))
               for record in load_keys(REPO)["case_community"].values()]
    for path in env.rglob("*"):
        if path.is_file() and path.suffix in (".py", ".json", ".ipynb", ".csv", ".txt", ".md"):
            text = path.read_text(encoding="utf-8", errors="replace")
            assert not any(r in text for r in records + compact), path


def test_pilot_release_notebooks_hold_no_hidden_test_nor_key_call(tmp_path):
    env = _learner_environment(tmp_path / "apprenant")
    for assignment in PILOTS:
        text = (env / "release" / assignment / f"{assignment}.ipynb").read_text(encoding="utf-8")
        for needle in ("expected_handling", "HIDDEN TESTS", "case_community", KEYS_FOLDER + "/"):
            assert needle not in text, (assignment, needle)
