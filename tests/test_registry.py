"""Checks registered by grade_id (autograder.checks.registry): they read only the submission's files."""

from __future__ import annotations

import json
import shutil

import pytest

from autograder.checks import registry
from autograder.checks.registry import Submission

from course_support import REPO

CASES = REPO / "tests" / "pipeline_cases"
C3 = ["c3_1_regularite_test", "c3_2_calendrier_test", "c3_3_thematiques_test"]
C4 = ["c4_1_visuel_test", "c4_2_wording_test", "c4_3_hashtags_test", "c4_4_formats_test"]
C6 = ["c6_2_charte_test", "c6_2_critiques_test", "c6_2_questions_test", "c6_2_qualite_test", "c6_1_echanges_test",
      "c6_1_plan_test"]


@pytest.fixture(scope="module")
def keys():
    from autograder.trainer.scoring import load_keys

    found = load_keys(REPO)
    assert "case_community" in found
    return found


def total(ids, sub) -> float:
    return round(sum(registry.score(g, registry.run(g, sub)) for g in ids), 4)


@pytest.mark.parametrize(("assignment", "ids", "case", "expected"), [
    ("c3_plan_editorial", C3, "solution", 11.0), ("c3_plan_editorial", C3, "erreurs_courantes", 3.0),
    ("c3_plan_editorial", C3, "fichier_corrompu", 0.0),
    ("c4_publication", C4, "solution", 14.0), ("c4_publication", C4, "erreurs_courantes", 7.5),
    ("c6_moderation", C6, "solution", 15.0), ("c6_moderation", C6, "erreurs_courantes", 8.8801),
    ("c6_moderation", C6, "fichier_abime", 3.0),
])
def test_registered_checks_score_the_known_submissions(assignment, ids, case, expected, keys):
    assert total(ids, Submission(CASES / assignment / case, assignment, keys)) == pytest.approx(expected)


def test_every_graded_cell_of_the_pilot_assignments_is_registered_with_its_points():
    for assignment in ("c3_plan_editorial", "c4_publication", "c6_moderation"):
        nb = json.loads((REPO / "source" / assignment / f"{assignment}.ipynb").read_text(encoding="utf-8"))
        for cell in nb["cells"]:
            meta = cell["metadata"].get("nbgrader", {})
            if cell["cell_type"] == "code" and meta.get("grade"):
                reg = registry.lookup(meta["grade_id"])
                assert reg is not None and reg.points == meta["points"], meta["grade_id"]
                assert "".join(cell["source"]).startswith(f'show("{meta["grade_id"]}")')


def test_without_the_key_a_learner_sees_progress_only(keys):
    sub = Submission(CASES / "c6_moderation" / "solution", "c6_moderation")
    results = registry.run("c6_2_charte_test", sub)
    assert results[0].title == "File traitée (progression)"
    assert any("À la correction" in f.text for f in results[0].findings)
    graded = registry.run("c6_2_charte_test", Submission(sub.folder, "c6_moderation", keys))
    assert graded[0].title == "Décisions conformes à la charte de modération"


def test_a_plan_of_posts_without_text_scores_nothing(tmp_path):
    plan = json.loads((CASES / "c3_plan_editorial" / "solution" / "plan_editorial.json").read_text(encoding="utf-8"))
    for post in plan["posts"]:
        post["caption"] = ""
    (tmp_path / "plan_editorial.json").write_text(json.dumps(plan), encoding="utf-8")
    sub = Submission(tmp_path)
    assert total(C3, sub) == 0.0
    assert any("sans texte rédigé" in f.text for f in registry.run("c3_1_regularite_test", sub)[0].findings)


def test_the_learners_company_file_does_not_change_what_is_required(tmp_path):
    for item in (CASES / "c4_publication" / "erreurs_courantes").iterdir():
        shutil.copy(item, tmp_path / item.name)
    before = total(C4, Submission(tmp_path))
    (tmp_path / "entreprise.json").write_text(json.dumps({"name": "X", "tone": "tutoiement", "products": ["follow"]}),
                                              encoding="utf-8")
    assert total(C4, Submission(tmp_path)) == before


def test_a_blank_visual_is_not_a_visual(tmp_path):
    from PIL import Image

    for item in (CASES / "c4_publication" / "solution").iterdir():
        shutil.copy(item, tmp_path / item.name)
    draft = json.loads((tmp_path / "publication.json").read_text(encoding="utf-8"))
    honest = registry.run("c4_1_visuel_test", Submission(tmp_path))[0].points
    visual = (draft.get("draft", draft))["visual"]
    with Image.open(tmp_path / visual) as img:
        size = img.size
    Image.new("RGB", size, "white").save(tmp_path / visual)
    forged = registry.run("c4_1_visuel_test", Submission(tmp_path))[0]
    assert forged.points < honest and any("image vide" in f.text for f in forged.findings)


def test_a_visual_outside_the_submission_is_refused(tmp_path):
    for item in (CASES / "c4_publication" / "solution").iterdir():
        shutil.copy(item, tmp_path / item.name)
    data = json.loads((tmp_path / "publication.json").read_text(encoding="utf-8"))
    draft = data.get("draft", data)
    shutil.copy(tmp_path / draft["visual"], tmp_path.parent / "ailleurs.png")
    draft["visual"] = str(tmp_path.parent / "ailleurs.png")
    (tmp_path / "publication.json").write_text(json.dumps(data), encoding="utf-8")
    result = registry.run("c4_1_visuel_test", Submission(tmp_path))[0]
    assert not result.findings[0].ok and result.points == 1.0  # only the alt text's points remain
    assert any("en dehors de votre copie" in f.text for f in result.findings)


def test_an_unknown_grade_id_is_refused_and_a_submission_path_stays_inside():
    with pytest.raises(KeyError):
        registry.run("c3_9_inconnu", Submission(REPO))
    with pytest.raises(ValueError):
        Submission(REPO).path("../nbgrader_config.py")


def test_the_artefact_view_shows_what_was_judged():
    sub = Submission(CASES / "c6_moderation" / "solution")
    view = registry.artefact_html("c6_2_charte_test", sub)
    assert "Ce qui a été évalué" in view and "Décisions de modération" in view
    assert "kind" not in view and "legitimate_criticism" not in view  # the learner's decisions, never the key


def test_a_check_reads_the_answers_the_widgets_saved(tmp_path):
    (tmp_path / "c5_demo.json").write_text("{}", encoding="utf-8")
    (tmp_path / "reponses_c5_demo.json").write_text(json.dumps(
        {"schema_version": 1, "answers": {"c5_1_heure": {"value": "18:30", "saved_at": "2026-03-24T18:30:05+01:00"}}}),
        encoding="utf-8")
    sub = Submission(tmp_path, "c5_demo")
    assert sub.answers() == {"c5_1_heure": "18:30"}
    assert Submission(tmp_path, "autre").answers() == {}


def test_cards_show_the_results_and_what_was_judged_in_html_and_plain_text():
    cards = registry.Cards("c6_1_plan_test", CASES / "c6_moderation" / "solution")
    assert cards.results and all(r.points == r.max_points for r in cards.results)
    assert "Ce qui a été évalué" in cards._repr_html_() and "<details" in cards._repr_html_()
    assert repr(cards) == "\n".join(str(r) for r in cards.results) and "<" not in repr(cards)
    empty = registry.Cards("c6_1_plan_test", CASES / "c6_moderation")  # no files there: 0 point, said in French
    assert all(r.points == 0 for r in empty.results) and "Traceback" not in repr(empty)
