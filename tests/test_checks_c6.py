"""The C6 checks fail on wrong moderation work and pass on the charter's handling."""

import json
from pathlib import Path

import pytest

from autograder.checks import c6
from autograder.checks.registry import Submission, run, score
from autograder.moderation import first_name
from coursetools import c6_keys as cc

EXPECTED = cc.expected_handling()


def ideal() -> dict:
    """Decisions that follow the charter, with replies that answer (built from the answer key)."""
    out = {}
    for item_id, e in EXPECTED.items():
        actions = [g[0] for g in e["required"]]
        reply = None
        if "reply" in actions:
            words = " ".join(e["keywords"])
            reply = (f"Bonjour {first_name(e['author'])}, merci pour votre message ({item_id}) ! {words}. "
                     f"Écrivez-nous en message privé. L'équipe La Fournée de Léa")
        out[item_id] = {"actions": actions, "reply": reply}
    return out


CHECKS = [c6.check_charter, c6.check_criticism_kept, c6.check_questions_answered, c6.check_reply_quality,
          c6.check_exchanges]


@pytest.mark.parametrize("check", CHECKS, ids=lambda f: f.__name__)
def test_full_marks_for_the_charter_and_zero_for_nothing(check):
    assert check(ideal(), EXPECTED).passed
    assert check({}, EXPECTED).points == 0


def test_deleting_a_complaint_costs_points_and_says_so():
    decisions = ideal()
    complaint = next(i for i, e in EXPECTED.items() if e["kind"] == "complaint_mild")
    decisions[complaint] = {"actions": ["delete"], "reply": None}
    kept = c6.check_criticism_kept(decisions, EXPECTED)
    assert kept.points == pytest.approx(11 / 12, abs=1e-3) and complaint in " ".join(kept.missing)
    charter = c6.check_charter(decisions, EXPECTED)
    assert 3 < charter.points < 4 and any("Réclamation modérée" in m for m in charter.missing)


def test_a_reply_that_does_not_answer_the_question_fails():
    decisions = ideal()
    question = next(i for i, e in EXPECTED.items() if e["kind"] == "question")
    decisions[question]["reply"] = "Bonjour, merci ! L'équipe La Fournée de Léa"
    result = c6.check_questions_answered(decisions, EXPECTED)
    assert not result.passed and "ne traite pas la question" in result.missing[0]


def test_copy_paste_replies_to_complaints_lose_the_personalisation_point():
    decisions = ideal()
    for item_id, e in EXPECTED.items():
        if e["kind"].startswith("complaint"):
            decisions[item_id]["reply"] = (f"Bonjour {first_name(e['author'])}, désolés ! Écrivez-nous en message "
                                           "privé. L'équipe La Fournée de Léa")
    result = c6.check_reply_quality(decisions, EXPECTED)
    assert result.points == 1.5 and "identiques" in result.missing[0]


def test_feeding_the_troll_and_replying_to_spam_break_the_charter():
    decisions = ideal()
    for item_id, e in EXPECTED.items():
        if e["kind"] in ("troll", "spam"):
            decisions[item_id] = {"actions": ["reply"], "reply": "Bonjour, vous avez tort ! L'équipe"}
    result = c6.check_charter(decisions, EXPECTED)
    assert result.points == pytest.approx(4 - 2 * 4 / 15, abs=1e-3)


def test_exchanges_need_likes_and_reposts():
    decisions = ideal()
    for item_id, e in EXPECTED.items():
        if e["kind"] == "ugc":
            decisions[item_id]["actions"] = ["like"]
    assert c6.check_exchanges(decisions, EXPECTED).points == 1


def test_animation_plan_check():
    plan = [{"semaine": w, "action": a, "cible": 3, "detail": "groupe « Parents de la Croix-Rousse »"}
            for w in (1, 2, 3, 4) for a in ("answer", "story", "group_post", "like_share")]
    assert c6.check_animation_plan(plan).passed
    assert c6.check_animation_plan({"plan": plan}).passed
    thin = [{"semaine": 1, "action": "answer", "cible": 1}]
    assert c6.check_animation_plan(thin).points == 0
    bad = c6.check_animation_plan([{"semaine": 1, "action": "danse", "cible": 1}])
    assert bad.points == 0 and "Action d'animation inconnue" in bad.findings[0].text
    assert c6.check_animation_plan("plan").points == 0


def test_bad_decisions_get_a_french_message_not_a_traceback():
    result = c6.check_charter({"m121": {"actions": "reply"}}, EXPECTED)
    assert result.points == 0 and "liste" in result.findings[0].text
    assert c6.check_charter(["x"], EXPECTED).points == 0


def test_queue_progress_and_loading_files(tmp_path):
    assert c6.check_queue_processed(ideal(), cc.pending_ids()).passed
    assert c6.check_queue_processed({}, cc.pending_ids()).points == 0
    path = tmp_path / "moderation.json"
    assert c6.load_decisions(path) == {}
    path.write_text(json.dumps({"decisions": ideal()}), encoding="utf-8")
    assert c6.load_decisions(path) == ideal()
    path.write_text("{cassé", encoding="utf-8")
    broken = c6.load_decisions(path)
    assert isinstance(broken, c6.UnreadableWork) and "JSON valide" in broken.message
    result = c6.check_charter(broken, EXPECTED)
    assert result.points == 0 and "moderation.json" in result.findings[0].text
    assert c6.load_plan(tmp_path / "absent.json") == []


def test_a_file_set_aside_by_the_widget_is_reported(tmp_path):
    from autograder.widgets.moderation_inbox import ModerationInbox

    path = tmp_path / "moderation.json"
    path.write_text('{"decisions": {"inconnu": {}}}', encoding="utf-8")
    ModerationInbox(path)  # an impossible state: the widget sets the file aside
    assert not path.exists()
    work = c6.load_decisions(path)
    progress = c6.check_queue_processed(work, cc.pending_ids())
    assert progress.points == 0 and "mis de côté" in progress.findings[0].text
    plan = tmp_path / "animation.json"
    plan.write_text('{"plan": "une semaine"}', encoding="utf-8")
    assert "forme attendue" in c6.check_animation_plan(c6.load_plan(plan)).findings[0].text


@pytest.mark.parametrize("case", ["solution", "erreurs_courantes", "fichier_abime"])
def test_the_certifications_cells_judge_the_module_files_like_the_assignment(case):
    folder = Path(__file__).resolve().parent / "pipeline_cases" / "c6_moderation" / case
    pairs = {"c6_1_cert_echanges": "c6_1_echanges_test", "c6_2_cert_charte": "c6_2_charte_test",
             "c6_2_cert_reponses": "c6_2_qualite_test", "c6_1_cert_animation": "c6_1_plan_test"}
    for keys in (None, {"case_community": EXPECTED}):
        sub = Submission(folder, "certification", keys)
        for cert, assignment in pairs.items():
            graded, module = run(cert, sub), run(assignment, sub)
            assert score(cert, graded) == score(assignment, module), (case, cert, keys is None)
            assert [r.criterion for r in graded] == [r.criterion for r in module]
    charte = run("c6_2_cert_charte", Submission(folder, "certification"))[0]
    assert charte.title == "File traitée (progression)"  # without the key, the candidate sees progress only


def test_unreadable_animation_plan_is_explained_without_python_notation():
    result = c6.check_animation_plan("quatre stories")
    assert result.points == 0 and "widget du plan d'animation" in str(result) and "{" not in str(result)


# -- the law questions (lesson 9): scored with the trainer-only key, the learner sees whether they answered ------
def _law_keys() -> dict:
    from autograder.trainer.scoring import load_keys

    return load_keys(Path(__file__).resolve().parents[1])


def _answer(folder, **values) -> None:
    path = folder / "reponses_c6_moderation.json"
    data = {"schema_version": 1, "answers": {qid: {"value": v, "saved_at": "2026-10-31T18:00:00+01:00"}
                                             for qid, v in values.items()}}
    path.write_text(json.dumps(data), encoding="utf-8")


@pytest.mark.parametrize(("grade_id", "wrong", "right", "points"), [
    ("c6_2_commentaire_illicite_test", "repondre", "supprimer", 1.0),
    ("c6_2_donnees_messages_test", ["libelle", "numero_public"], ["prive", "minimum"], 2.0),
])
def test_a_law_question_fails_on_a_wrong_answer_and_passes_on_the_right_one(tmp_path, grade_id, wrong, right, points):
    qid = grade_id.removesuffix("_test")
    sub = Submission(tmp_path, "c6_moderation", _law_keys())
    assert score(grade_id, run(grade_id, sub)) == 0  # no answer yet
    _answer(tmp_path, **{qid: wrong})
    failed = run(grade_id, sub)[0]
    assert failed.points == 0 and "leçon 9" in failed.missing[0]
    _answer(tmp_path, **{qid: right})
    assert score(grade_id, run(grade_id, sub)) == points
    learner = run(grade_id, Submission(tmp_path, "c6_moderation"))[0]
    assert "vérifiée à la correction" in str(learner)


def test_law_questions_partial_credit_and_unreadable_answers(tmp_path):
    _answer(tmp_path, c6_2_donnees_messages=["prive", "minimum", "libelle"], c6_2_commentaire_illicite="inventé")
    sub = Submission(tmp_path, "c6_moderation", _law_keys())
    assert score("c6_2_donnees_messages_test", run("c6_2_donnees_messages_test", sub)) == 1.0
    invalid = run("c6_2_commentaire_illicite_test", sub)[0]
    assert invalid.points == 0 and "Pas de réponse valable" in invalid.missing[0]
    (tmp_path / "reponses_c6_moderation.json").write_text("{pas du JSON", encoding="utf-8")
    broken = run("c6_2_donnees_messages_test", sub)[0]
    assert broken.points == 0 and "Vérification impossible" in broken.missing[0] and "Traceback" not in str(broken)
