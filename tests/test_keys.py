"""Answer keys stay with the trainer (keys/, read by autograder.trainer.scoring): never installed, never released.

The learner's environment is built as a learner gets it (the installed package's files and release/, no
source/ nor keys/); the key's records appear in none of its files, no name of the trainer's tool that
generates the key (``coursetools.c6_keys``) is reachable from it, and no release notebook calls an
answer-key function. The learner's view of the queue bundled with the package is the one the tool writes.
"""

from __future__ import annotations

import json
import re
import shutil

from autograder.data import case_community
from autograder.trainer.course import KEYS_FOLDER
from autograder.trainer.scoring import load_keys
from coursetools import c6_keys

from course_support import REPO

PILOTS = ("c3_plan_editorial", "c4_publication", "c6_moderation")
#: Names of the trainer's key generator (coursetools.c6_keys): none may appear in the learner's environment.
KEY_TOOL_NAMES = ("expected_handling", "_expected", "_generate", "_handle_past", "HIDDEN_KEYS", "CRISIS_ECHOES",
                  "_HISTORY_REPLY", "key_text", "c6_keys")
TEXT_SUFFIXES = (".py", ".json", ".ipynb", ".csv", ".txt", ".md")


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


def test_no_name_of_the_key_generator_is_in_the_learners_environment(tmp_path):
    env = _learner_environment(tmp_path / "apprenant")
    assert all(hasattr(c6_keys, name) for name in KEY_TOOL_NAMES if name != "c6_keys")
    names = re.compile(r"(?<!\w)(?:" + "|".join(map(re.escape, KEY_TOOL_NAMES)) + r")(?!\w)")
    found = [(str(path.relative_to(env)), m.group()) for path in sorted(env.rglob("*"))
             if path.is_file() and path.suffix in TEXT_SUFFIXES
             for m in names.finditer(path.read_text(encoding="utf-8", errors="replace"))]
    assert found == []
    for name in KEY_TOOL_NAMES:
        assert not hasattr(case_community, name), name


def test_every_release_notebook_is_free_of_key_calls():
    for path in sorted((REPO / "release").rglob("*.ipynb")):
        text = path.read_text(encoding="utf-8")
        for needle in ("expected_handling", "HIDDEN TESTS", KEYS_FOLDER + "/"):
            assert needle not in text, (path.name, needle)


def test_the_bundled_queue_is_the_learners_view_written_by_the_trainers_tool():
    items = case_community.inbox()
    assert items == c6_keys.inbox() and case_community.pending_ids() == c6_keys.pending_ids()
    assert not any(set(c6_keys.HIDDEN_KEYS) & set(item) for item in items)
    assert set(case_community.pending_ids()) == set(load_keys(REPO)["case_community"])
    for path, text in c6_keys.outputs().items():
        assert path.read_text(encoding="utf-8") == text, path
