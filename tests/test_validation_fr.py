"""nbgrader's « Validate » result in French (autograder.trainer.validation_fr) and its server configuration."""

from __future__ import annotations

import json

import nbformat

from autograder import setup_lab
from autograder.answers import AnswerStore
from autograder.trainer import validation_fr as vf
from autograder.typography import plain_spaces

SHOW = 'show("c5_1_heure_paris_test")  # vos résultats, lus dans les fichiers enregistrés à côté de ce notebook'


_plain = plain_spaces


def _validated(*failed: dict) -> dict:
    return {"success": True, "value": {"failed": list(failed)}}


def _notebook(tmp_path, name: str = "c5_meta_business_suite"):
    """A notebook with the registered test cell of C5.1's Paris times, as nbgrader's release has it."""
    path = tmp_path / f"{name}.ipynb"
    cell = nbformat.v4.new_code_cell(SHOW)
    cell.metadata["nbgrader"] = {"grade": True, "solution": False, "locked": True, "points": 2,
                                 "grade_id": "c5_1_heure_paris_test", "schema_version": 3}
    nbformat.write(nbformat.v4.new_notebook(cells=[nbformat.v4.new_markdown_cell("# C5"), cell]), str(path))
    return path


def test_an_unanswered_written_answer_is_said_in_french():
    out = vf.french_result(_validated({"source": "VOTRE RÉPONSE ICI", "error": vf.NO_RESPONSE,
                                       "raw_error": vf.NO_RESPONSE}))
    cell = out["value"]["failed"][0]
    assert cell["raw_error"] == vf.UNANSWERED and "VOTRE RÉPONSE ICI" in cell["error"]
    assert cell["source"] == "VOTRE RÉPONSE ICI"


def test_a_test_cell_short_of_points_is_named_and_says_what_to_review(tmp_path):
    notebook = _notebook(tmp_path)
    store = AnswerStore.for_notebook("c5_meta_business_suite", tmp_path)
    store.set("c5_1_heure_1", "2026-03-27T18:00:00+01:00")
    store.set("c5_1_heure_2", "2026-03-30T17:00:00+02:00")  # summer time forgotten: not the right time
    out = vf.french_result(_validated({"source": SHOW, "error": vf.PARTIAL, "raw_error": vf.PARTIAL}), notebook)
    cell = out["value"]["failed"][0]
    assert _plain(cell["source"]) == "Question C5.1 — Heure de Paris et heure d'été : 1 / 2 pt", cell["source"]
    assert cell["raw_error"].startswith(vf.NOT_FULL) and "À revoir : " in _plain(cell["raw_error"]), cell["raw_error"]
    assert vf.PARTIAL not in json.dumps(out)


def test_a_right_answer_leaves_nothing_to_review(tmp_path):
    notebook = _notebook(tmp_path)
    store = AnswerStore.for_notebook("c5_meta_business_suite", tmp_path)
    store.set("c5_1_heure_1", "2026-03-27T18:00:00+01:00")
    store.set("c5_1_heure_2", "2026-03-30T18:00:00+02:00")
    cell = vf.french_result(_validated({"source": SHOW, "error": vf.PARTIAL, "raw_error": vf.PARTIAL}),
                            notebook)["value"]["failed"][0]
    assert cell["source"].endswith(": 2 / 2 pt") and "À revoir" not in _plain(cell["raw_error"]), cell


def test_a_registered_cell_nbgrader_counts_as_passed_is_listed_when_its_check_finds_points_missing(tmp_path):
    # show() prints no score, so nbgrader's validator sees full credit: the check itself says what is missing
    notebook = _notebook(tmp_path)
    store = AnswerStore.for_notebook("c5_meta_business_suite", tmp_path)
    store.set("c5_1_heure_1", "2026-03-27T18:00:00+01:00")
    store.set("c5_1_heure_2", "2026-03-30T17:00:00+02:00")
    out = vf.french_result({"success": True, "value": {}}, notebook)
    assert [_plain(c["source"]) for c in out["value"]["failed"]] == [
        "Question C5.1 — Heure de Paris et heure d'été : 1 / 2 pt"]
    store.set("c5_1_heure_2", "2026-03-30T18:00:00+02:00")
    assert vf.french_result({"success": True, "value": {}}, notebook) == {"success": True, "value": {}}


def test_errors_of_code_success_and_other_results_are_kept():
    error = {"source": "1/0", "error": "ZeroDivisionError", "raw_error": "ZeroDivisionError"}
    assert vf.french_result(_validated(error)) == _validated(error)
    for result in ({"success": True, "value": {}}, {"success": True, "value": {"changed": [{"source": "x"}]}}):
        assert vf.french_result(result) == result
    # nbgrader sends the value as JSON text in some versions: read the same way
    assert vf.french_result({"success": True, "value": json.dumps({"failed": [error]})})["value"]["failed"] == [error]


def test_a_validation_that_crashed_says_what_to_do_in_french():
    out = vf.french_result({"success": False, "value": "Traceback (most recent call last):\nKeyError: 'x'"})
    assert out["value"].startswith(vf.FAILED_RUN) and "(KeyError: 'x')" in out["value"]


def test_the_extension_answers_before_nbgrader_and_is_enabled_by_setup_lab(tmp_path):
    # Jupyter Server loads extensions by name order, and the first handler added for a URL answers it.
    assert sorted(["nbgrader.server_extensions.validate_assignment", vf.__name__])[0] == vf.__name__
    assert vf._jupyter_server_extension_points() == [{"module": vf.__name__}]
    path = setup_lab.write_server_config(str(tmp_path))
    assert json.loads(path.read_text(encoding="utf-8")) == {
        "ServerApp": {"jpserver_extensions": {vf.__name__: True}}}
    assert path.stat().st_mode & 0o777 == 0o644
    assert path == tmp_path / "etc" / "jupyter" / "jupyter_server_config.d" / "autograder.json"
