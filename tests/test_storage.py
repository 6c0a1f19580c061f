import json
import math

import pytest

from autograder.storage import StateFileError, atomic_write_json, load_state, read_json


def test_atomic_write_and_read_back(tmp_path):
    path = tmp_path / "etat.json"
    atomic_write_json(path, {"nom": "Fournée", "n": 3})
    assert read_json(path) == {"nom": "Fournée", "n": 3}
    assert "Fournée" in path.read_text(encoding="utf-8")  # accents kept
    assert [p.name for p in tmp_path.iterdir()] == ["etat.json"]  # no temporary file left


def test_missing_file_gives_default(tmp_path):
    assert read_json(tmp_path / "absent.json", {"vide": True}) == {"vide": True}


def test_corrupt_file_is_set_aside_with_a_french_message(tmp_path):
    path = tmp_path / "etat.json"
    path.write_text('{"a": 1,', encoding="utf-8")
    with pytest.raises(StateFileError, match="n'est pas un JSON valide"):
        read_json(path)
    state, message = load_state(path, {"x": 0})
    assert state == {"x": 0}
    assert "mis de côté" in message
    kept = [p for p in tmp_path.iterdir() if ".corrompu-" in p.name]
    assert len(kept) == 1 and kept[0].read_text(encoding="utf-8") == '{"a": 1,'


def test_bom_is_accepted(tmp_path):
    path = tmp_path / "bom.json"
    path.write_bytes("\ufeff".encode() + json.dumps({"a": 1}).encode())
    assert read_json(path) == {"a": 1}


def test_nan_is_refused_and_file_untouched(tmp_path):
    path = tmp_path / "etat.json"
    atomic_write_json(path, {"a": 1})
    with pytest.raises(StateFileError):
        atomic_write_json(path, {"a": math.nan})
    assert read_json(path) == {"a": 1}


def test_read_work_file_says_in_french_why_a_work_file_cannot_be_read(tmp_path):
    from autograder.storage import UnreadableWork, read_work_file

    path = tmp_path / "campagne.json"
    assert read_work_file(path) is None and read_work_file(path, []) == []
    atomic_write_json(path, {"campaign": {"format": "reel"}})
    assert read_work_file(path) == {"campaign": {"format": "reel"}}
    path.write_text("{cassé", encoding="utf-8")
    broken = read_work_file(path)
    assert isinstance(broken, UnreadableWork) and broken == {}
    assert "« campagne.json » n'est pas un JSON valide" in broken.message
    state, _ = load_state(path, None)  # the widget sets the damaged file aside and starts afresh
    assert state is None and not path.exists()
    aside = read_work_file(path, {})
    assert isinstance(aside, UnreadableWork) and "mis de côté" in aside.message and "Refaites" in aside.message
    atomic_write_json(path, {"campaign": {}})  # new work replaces it: readable again
    assert read_work_file(path) == {"campaign": {}}


def test_every_check_that_reads_a_widget_file_reports_a_set_aside_file(tmp_path):
    from autograder.checks import c4, c6, c7
    from autograder.plan import Plan
    from autograder.results import LearnerInputError

    for name in ("moderation.json", "campagne.json", "publication.json", "plan.json"):
        (tmp_path / name).write_text("{cassé", encoding="utf-8")
        load_state(tmp_path / name, None)
    assert "mis de côté" in c6.load_decisions(tmp_path / "moderation.json").message
    assert "mis de côté" in c7.load_campaign(tmp_path / "campagne.json").message
    with pytest.raises(LearnerInputError, match="mis de côté"):
        c4.as_draft(tmp_path / "publication.json")
    with pytest.raises(LearnerInputError, match="mis de côté"):
        Plan.load(tmp_path / "plan.json")
