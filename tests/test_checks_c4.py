import json
from pathlib import Path

import pytest

from autograder.checks import c4

from course_support import copy_solution_files


@pytest.fixture
def folder(tmp_path):
    return copy_solution_files("c4_publication", tmp_path)


def _draft(folder):
    return json.loads((folder / "publication.json").read_text(encoding="utf-8"))["draft"]


def _write(folder, draft):
    (folder / "publication.json").write_text(json.dumps({"draft": draft}, ensure_ascii=False), encoding="utf-8")
    return folder / "publication.json"


def test_solution_passes_every_c4_check(folder):
    for result in c4.check_publication(folder / "publication.json"):
        assert result.passed, str(result)
    assert c4.check_format_mix(folder / "plan_editorial.json").passed


def test_visual_wrong_size_and_missing_alt(folder):
    from PIL import Image

    Image.new("RGB", (1200, 630), "#ffffff").save(folder / "paysage.png")
    draft = dict(_draft(folder), visual="paysage.png", format="story", alt_text="image")
    result = c4.check_visual(_write(folder, draft))
    assert result.points == 1 and "Story" in str(result)
    result = c4.check_visual(_write(folder, dict(draft, visual="absent.png")))
    assert result.points == 0


def test_wording_wrong_tone_no_product_no_cta(folder):
    draft = dict(_draft(folder), hashtags=[], caption="Salut ! Tu connais notre boutique ? 😀😀😀😀😀😀 Trop bien.")
    result = c4.check_wording(_write(folder, draft))
    assert result.points <= 0.5
    assert "vouvoiement" in str(result) and "Aucun produit" in str(result)


def test_hashtags_not_diversified(folder):
    draft = dict(_draft(folder), hashtags=[{"tag": "follow4follow"}, {"tag": "instagood"}, {"tag": "instagood"}])
    result = c4.check_hashtags(_write(folder, draft))
    assert result.points == 1.5 and "#follow4follow" in str(result) and "marque" in result.missing[-1]
    many = dict(_draft(folder), hashtags=[{"tag": f"Pain{i}"} for i in range(40)])
    assert "5 au plus" in str(c4.check_hashtags(_write(folder, many)))


def test_format_mix_fails_on_one_format(folder):
    plan = json.loads((folder / "plan_editorial.json").read_text(encoding="utf-8"))
    for p in plan["posts"]:
        p["format"] = "publication"
    result = c4.check_format_mix(plan)
    assert result.points == 0 and "publication" in str(result)


def test_bad_draft_scores_zero(folder):
    for artefact in (folder / "absent.json", ["liste"], {"network": "minitel", "format": "publication"}):
        result = c4.check_wording(artefact)
        assert result.points == 0 and result.missing[0].startswith("Vérification impossible")


def test_engagement_bait_earns_no_call_to_action_point(folder):
    draft = _draft(folder)
    honest = c4.check_wording(_write(folder, draft))
    bait = dict(draft, caption=draft["caption"] + " Taguez un ami et partagez !")
    baited = c4.check_wording(_write(folder, bait))
    assert baited.points == honest.points - 0.5
    assert "Taguez" in str(baited) and "rétrograde" in str(baited)


def test_the_publication_and_the_page_judge_their_images_by_one_rule(folder):
    from PIL import Image

    from autograder import visuals
    from autograder.checks import c1

    draft = c4.as_draft(folder / "publication.json")
    assert c4.visual_problem(draft) == ""
    with Image.open(folder / draft["visual"]) as img:
        size = img.size
    Image.new("RGB", size, "white").save(folder / "blanc.png")
    for name, words in (("blanc.png", "est une image vide (1 couleur(s))"), ("/tmp/ailleurs.png", "est en dehors de votre copie")):
        problem = c4.visual_problem({**draft, "visual": name})
        assert problem == visuals.image_problem(folder, name, c4.VISUAL_FIX)
        assert problem == f"l'image « {name} » {words} : {c4.VISUAL_FIX}."
        assert visuals.image_problem(folder, name, c1.PAGE_IMAGE_FIX).replace(c1.PAGE_IMAGE_FIX, c4.VISUAL_FIX) == problem


# -- the law questions (lesson 9): scored with the trainer-only key, the learner sees whether they answered ------
def _law(folder, grade_id, graded=True):
    from autograder.checks import registry
    from autograder.trainer.scoring import load_keys

    keys = load_keys(Path(__file__).resolve().parents[1]) if graded else None  # the trainer-only keys/
    results = registry.run(grade_id, registry.Submission(folder, c4.LAW_NOTEBOOK, keys))
    return registry.score(grade_id, results), results[0]


@pytest.mark.parametrize(("grade_id", "wrong", "right", "points"), [
    ("c4_2_jeu_concours_test", ["reglement", "identifier", "partager"], ["mention_facebook", "reglement"], 2.0),
    ("c4_4_mention_image_test", "virtuelle", "collaboration", 1.0),
])
def test_a_law_question_fails_on_a_wrong_answer_and_passes_on_the_right_one(folder, grade_id, wrong, right, points):
    from autograder.answers import AnswerStore

    qid = grade_id.removesuffix("_test")
    store = AnswerStore.for_notebook(c4.LAW_NOTEBOOK, folder)  # the widgets' own store
    store.set(qid, wrong)
    failed_points, failed = _law(folder, grade_id)
    assert failed_points == 0 and "relisez la leçon 9" in failed.missing[-1]
    store.set(qid, right)
    assert _law(folder, grade_id)[0] == points
    assert "vérifiée à la correction" in str(_law(folder, grade_id, graded=False)[1])  # the learner: progress only


def test_the_law_questions_partial_credit_and_unreadable_answers(folder):
    from autograder.answers import AnswerStore

    AnswerStore.for_notebook(c4.LAW_NOTEBOOK, folder).set("c4_2_jeu_concours", ["reglement", "mention_facebook",
                                                                                 "partager"])
    partial_points, partial = _law(folder, "c4_2_jeu_concours_test")
    assert partial_points == 1.0 and "1 cochée(s) à tort" in partial.missing[0] and "journal" in partial.missing[0]
    assert "règlement" not in partial.missing[0]  # the right options are never named
    assert "««" not in str(partial).replace(" ", "").replace("\u00a0", "")  # a quoted option is not quoted twice
    (folder / "reponses_c4_publication.json").write_text("{pas du JSON", encoding="utf-8")
    broken_points, broken = _law(folder, "c4_4_mention_image_test")
    assert broken_points == 0 and "Vérification impossible" in broken.missing[0] and "Traceback" not in str(broken)
