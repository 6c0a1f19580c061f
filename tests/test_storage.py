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
