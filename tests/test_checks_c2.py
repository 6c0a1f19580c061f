import json
import shutil
from pathlib import Path

import pytest

from autograder import visuals
from autograder.checks import c2, registry
from autograder.checks.registry import Submission
from autograder.company import CASE_COMPANY

from course_support import REPO

CASES = REPO / "tests" / "pipeline_cases" / "c2_visuels"
C2_CELLS = ["c2_1_formats_test", "c2_2_diversite_test", "c2_3_contenu_test", "c2_4_visuels_test",
            "c2_4_sous_titres_test"]

GOOD_SRT = """1
00:00:00,500 --> 00:00:03,000
Bonjour, c'est Léa.

2
00:00:03,200 --> 00:00:06,500
Voici notre pain au levain,
cuit chaque matin.
"""
GOOD_AD = "[00:00:01] Léa sort trois pains dorés du four.\n[00:00:04] Elle pose les pains sur une planche en bois."


def good_specs():
    base = dict(band_colour="", logo=True)
    specs = []
    for network, placement, bg, headline, message, pub in (
        ("instagram", "feed_portrait", {"kind": "image", "image": "fournee"}, "Fournée du jour",
         "Le pain au levain sort du four à 7 h", "Publication du mardi : le pain du jour"),
        ("instagram", "story", {"kind": "couleur", "colour": "#2E5E4E"}, "Atelier mercredi",
         "Inscrivez vos enfants à l'atelier pâtisserie", "Story d'annonce de l'atelier"),
        ("facebook", "feed_paysage", {"kind": "image", "image": "croissants"}, "Croissants pur beurre",
         "Nos croissants sont faits maison chaque matin", "Publication Facebook du samedi"),
    ):
        s = visuals.default_spec(CASE_COMPANY, network, placement)
        s.update(base, background=dict(bg, colour=bg.get("colour", "#FBF4E6"), image=bg.get("image", "")),
                 headline=headline, body="", message=message, publication=pub,
                 alt_text=f"{headline} : visuel de La Fournée de Léa avec le titre « {headline} » en grand",
                 licence="CC0" if bg["kind"] == "image" else "", source="Images du cours (CC0)" if bg["kind"] == "image" else "")
        if bg["kind"] == "image":
            s.update(band_colour="#FBF4E6", text_colour="#1F1A17")
        else:
            s.update(text_colour="#FBF4E6")
        specs.append(s)
    return specs


@pytest.fixture
def folder(tmp_path):
    for n, spec in enumerate(good_specs(), start=1):
        visuals.save_visual(spec, tmp_path / f"visuel_{n}.png")
    return tmp_path


def test_good_visuals_pass_every_check(folder):
    for result in (c2.check_fit(folder), c2.check_diversity(folder), c2.check_content(folder, CASE_COMPANY),
                   c2.check_inclusive(folder), c2.check_subtitles(GOOD_SRT, GOOD_AD, 10)):
        assert result.passed, str(result)


def test_fit_catches_a_resized_png(folder):
    from PIL import Image

    with Image.open(folder / "visuel_1.png") as img:
        img.resize((1080, 1080)).save(folder / "visuel_1.png")
    r = c2.check_fit(folder)
    assert not r.passed and "1080×1080 au lieu de 1080×1350" in r.missing[0]


def test_faults_of_a_poor_set():
    specs = good_specs()[:2]
    for s in specs:
        s.update(placement="feed_carre", network="instagram", background={"kind": "image", "image": "fournee"},
                 licence="Google Images", source="", message="", publication="", text_colour="#E9B44C",
                 band_colour="", body="Un long texte qui couvre une grande partie du visuel pour tout dire " * 20,
                 body_size=20, alt_text="image.png", logo=False, headline="")
    fit, div = c2.check_fit(specs), c2.check_diversity(specs)
    content, incl = c2.check_content(specs, CASE_COMPANY), c2.check_inclusive(specs)
    assert fit.points == 1.5 and div.points == 0 and content.points == 0 and incl.points == 0
    assert "9:16" in " ".join(fit.missing) and "au moins 3" in div.missing[0]
    assert any("Licence" in m for m in content.missing) and any("logo absent" in m for m in content.missing)
    assert any("nom de fichier" in m for m in incl.missing) and any("trop petit" in m for m in incl.missing)


def test_off_brand_colour():
    specs = good_specs()
    specs[1]["background"]["colour"] = "#FF00FF"
    r = c2.check_content(specs, CASE_COMPANY)
    assert r.points == 3 and "#FF00FF" in r.missing[0]


def test_subtitles_faults():
    r = c2.check_subtitles("1\n00:00:01.000 --> 00:00:02,000\nBonjour", "")
    assert r.points == 0 and "horodatage" in r.missing[0]
    fast = "1\n00:00:00,000 --> 00:00:01,000\nUne phrase beaucoup trop longue pour une seconde\n"
    assert c2.check_subtitles(fast, GOOD_AD).points == 2


def test_bad_input(tmp_path):
    assert "introuvable" in c2.check_fit(tmp_path / "rien").findings[0].text
    assert "Aucun visuel" in c2.check_fit(tmp_path).findings[0].text
    assert "Réseau inconnu" in c2.check_fit([dict(good_specs()[0], network="myspace")]).findings[0].text
    assert c2.check_inclusive(42).points == 0


def test_brand_fonts_are_part_of_the_identity():
    specs = good_specs()
    assert specs[0]["headline_font"] == "DejaVu Serif" and specs[0]["body_font"] == "DejaVu Sans"
    specs[2]["headline_font"] = "Comic Sans MS"
    r = c2.check_content(specs, CASE_COMPANY)
    assert r.points == 3 and "polices hors charte sur visuel 3" in r.missing[0]
    assert c2.check_content(specs[:2], CASE_COMPANY).passed


def test_diversity_needs_three_placements():
    specs = good_specs()
    specs[2].update(network="instagram", placement="feed_portrait")  # same placement as the first one
    r = c2.check_diversity(specs)
    assert r.points == 1.5 and "2 emplacement(s)" in r.missing[0]


def test_subtitles_from_an_srt_file(tmp_path):
    path = tmp_path / "sous_titres.srt"
    path.write_text(GOOD_SRT, encoding="utf-8")
    assert c2.check_subtitles(path, GOOD_AD).passed
    missing = c2.check_subtitles(tmp_path / "absent.srt", GOOD_AD)
    assert missing.points == 0 and "introuvable" in missing.findings[0].text
    (tmp_path / "latin.srt").write_bytes(GOOD_SRT.encode("cp1252"))  # an old subtitle editor's default
    latin = c2.check_subtitles(tmp_path / "latin.srt", GOOD_AD)
    assert "UTF-8" in latin.findings[0].text and "Windows-1252" in latin.findings[0].text  # read, with a note
    assert latin.points == c2.check_subtitles(path, GOOD_AD).points  # graded like the same file in UTF-8


# -- the assignment's cells, scored from the files ----------------------------------------------------------------
def scored(folder, grade_id):
    results = registry.run(grade_id, Submission(folder, "c2_visuels"))
    return registry.score(grade_id, results), results


@pytest.mark.parametrize(("case", "expected"), [("solution", 16.0), ("erreurs_courantes", 7.75)])
def test_the_registered_cells_score_the_known_submissions_from_their_files(case, expected):
    assert round(sum(scored(CASES / case, g)[0] for g in C2_CELLS), 4) == pytest.approx(expected)


def test_the_subtitles_are_read_from_the_srt_file_and_the_script_from_the_answers(tmp_path):
    shutil.copy2(CASES / "solution" / "sous_titres.srt", tmp_path / "sous_titres.srt")
    shutil.copy2(CASES / "solution" / "reponses_c2_visuels.json", tmp_path / "reponses_c2_visuels.json")
    assert scored(tmp_path, "c2_4_sous_titres_test")[0] == 3.0
    answers = json.loads((tmp_path / "reponses_c2_visuels.json").read_text(encoding="utf-8"))
    answers["answers"]["c2_4_audiodescription"]["value"] = "Léa sort le pain."  # edited by hand: wrong format
    (tmp_path / "reponses_c2_visuels.json").write_text(json.dumps(answers), encoding="utf-8")
    assert scored(tmp_path, "c2_4_sous_titres_test")[0] == 2.0
    (tmp_path / "sous_titres.srt").unlink()
    points, results = scored(tmp_path, "c2_4_sous_titres_test")
    assert points == 0 and "formulaire" in results[0].findings[0].text


def test_without_files_nothing_is_scored(tmp_path):
    assert sum(scored(tmp_path, g)[0] for g in C2_CELLS) == 0


def test_the_artefact_views_show_the_visuals_and_the_subtitles():
    assert "visuel_1.png" in registry.artefact_html("c2_1_formats_test", Submission(CASES / "solution"))
    view = registry.artefact_html("c2_4_sous_titres_test", Submission(CASES / "solution", "c2_visuels"))
    assert "Bonjour, c&#x27;est Léa" in view and "Gros plan" in view


def test_an_imported_photo_is_read_from_the_submission_wherever_the_grader_runs(tmp_path, monkeypatch):
    shutil.copytree(CASES / "solution" / "mes_visuels", tmp_path / "mes_visuels")
    monkeypatch.chdir(tmp_path)
    photo = visuals.import_photo(visuals.png_bytes(visuals.render(good_specs()[0])), "mes_visuels", "ma photo.png")
    meta = json.loads((tmp_path / "mes_visuels" / "visuel_1.json").read_text(encoding="utf-8"))
    meta["spec"]["background"] = {"kind": "image", "image": photo}
    visuals.save_visual(meta["spec"], tmp_path / "mes_visuels" / "visuel_1.png")
    learner = [scored(Path("."), g)[0] for g in C2_CELLS[:4]]
    monkeypatch.chdir(REPO)
    assert [scored(tmp_path, g)[0] for g in C2_CELLS[:4]] == learner
    assert "visuel_1.png" in registry.artefact_html("c2_1_formats_test", Submission(tmp_path))
    meta["spec"]["background"]["image"] = str(tmp_path / photo)  # a photo named outside the submission
    (tmp_path / "mes_visuels" / "visuel_1.json").write_text(json.dumps(meta), encoding="utf-8")
    points, results = scored(tmp_path, "c2_4_visuels_test")
    assert points == 0 and "hors de votre copie" in results[0].findings[0].text


def test_grading_never_changes_the_working_directory(tmp_path, monkeypatch):
    import os

    shutil.copytree(CASES / "solution" / "mes_visuels", tmp_path / "mes_visuels")
    monkeypatch.chdir(tmp_path)
    photo = visuals.import_photo(visuals.png_bytes(visuals.render(good_specs()[0])), "mes_visuels", "ma photo.png")
    meta = json.loads((tmp_path / "mes_visuels" / "visuel_1.json").read_text(encoding="utf-8"))
    meta["spec"]["background"] = {"kind": "image", "image": photo}  # named from the notebook's folder
    visuals.save_visual(meta["spec"], tmp_path / "mes_visuels" / "visuel_1.png")
    monkeypatch.chdir(REPO)
    seen = []
    judged = c2.check_inclusive

    def spy(visuals_, *args):
        seen.append(os.getcwd())
        return judged(visuals_, *args)

    monkeypatch.setattr(c2, "check_inclusive", spy)
    points, _ = scored(tmp_path, "c2_4_visuels_test")
    assert seen == [str(REPO)] and points == 4.0  # the photo read from the submission, named explicitly
    assert "visuel_1.png" in registry.artefact_html("c2_4_visuels_test", Submission(tmp_path))
    assert os.getcwd() == str(REPO)


def test_a_png_that_is_not_the_rendering_of_its_metadata_is_not_judged(tmp_path):
    from PIL import Image

    shutil.copytree(CASES / "solution" / "mes_visuels", tmp_path / "mes_visuels")
    honest = sum(scored(tmp_path, g)[0] for g in C2_CELLS[:4])
    assert honest == 13.0
    with Image.open(tmp_path / "mes_visuels" / "visuel_2.png") as img:
        size = img.size
    Image.new("RGB", size, "white").save(tmp_path / "mes_visuels" / "visuel_2.png")  # hand-written metadata
    points, results = scored(tmp_path, "c2_2_diversite_test")
    assert points < 2 and any("décrit par ses métadonnées" in f.text for f in results[0].findings)
    assert sum(scored(tmp_path, g)[0] for g in C2_CELLS[:4]) < honest
    for png in (tmp_path / "mes_visuels").glob("*.png"):
        Image.new("RGB", size, "white").save(png)
    assert sum(scored(tmp_path, g)[0] for g in C2_CELLS[:4]) == 0


def test_subtitles_faster_than_the_french_reference_get_a_note_not_a_penalty():
    slow = "1\n00:00:00,000 --> 00:00:03,000\nBonjour, c'est Léa.\n"
    fast = "1\n00:00:00,000 --> 00:00:02,000\nVoici notre pain au levain du jour.\n"  # 17,5 > 17: graded
    medium = "1\n00:00:00,000 --> 00:00:02,000\nVoici notre pain au levain.\n"  # 13,5: above Arcom's 12 only
    ad = "[00:00:00] Léa sort une fournée de pains dorés du four."
    scores = {name: c2.check_subtitles(text, ad, 12) for name, text in (("slow", slow), ("fast", fast), ("medium", medium))}
    assert scores["slow"].points == scores["medium"].points > scores["fast"].points
    assert "Arcom" in str(scores["medium"]) and "Arcom" not in str(scores["slow"])


# -- the law questions (lesson 9): scored with the trainer-only key, the learner sees whether they answered ------
def _graded(folder) -> Submission:
    from autograder.trainer.scoring import load_keys

    return Submission(folder, c2.LAW_NOTEBOOK, load_keys(REPO))  # the trainer-only keys/ (right options)


@pytest.mark.parametrize(("grade_id", "wrong", "right", "points"), [
    ("c2_3_licence_banque_test", "cc0", "usage_commercial", 1.0),
    ("c2_3_photo_enfants_test", ["deux_parents", "animatrice", "sans_prenom"], ["avis_enfant", "deux_parents"], 2.0),
])
def test_a_law_question_fails_on_a_wrong_answer_and_passes_on_the_right_one(tmp_path, grade_id, wrong, right, points):
    from autograder.answers import AnswerStore

    qid = grade_id.removesuffix("_test")
    store = AnswerStore.for_notebook(c2.LAW_NOTEBOOK, tmp_path)  # the widgets' own store
    assert registry.score(grade_id, registry.run(grade_id, _graded(tmp_path))) == 0  # no answer yet
    store.set(qid, wrong)
    failed = registry.run(grade_id, _graded(tmp_path))
    assert registry.score(grade_id, failed) == 0 and "relisez la leçon 9" in failed[0].missing[-1]
    store.set(qid, right)
    assert registry.score(grade_id, registry.run(grade_id, _graded(tmp_path))) == points
    learner = scored(tmp_path, grade_id)[1][0]  # no key in the learner's kernel: progress only
    assert "vérifiée à la correction" in str(learner)
    assert "Question" in registry.artefact_html(grade_id, _graded(tmp_path))


def test_the_law_questions_score_the_known_submissions_and_never_name_the_right_option():
    cells = [f"{q.qid}_test" for q in c2.LAW_QUESTIONS]
    solution, errors = (_graded(CASES / case) for case in ("solution", "erreurs_courantes"))
    assert sum(registry.score(g, registry.run(g, solution)) for g in cells) == 3.0
    licence = registry.run(cells[0], errors)[0]
    assert licence.points == 0 and "CC0" in licence.missing[0] and "gratuitement" not in licence.missing[0]


def test_a_missing_visuals_folder_is_named_without_the_servers_path(tmp_path):
    from autograder.checks.registry import Submission, run

    result = run("c2_1_formats_test", Submission(tmp_path / "copie", "c2_visuels"))[0]
    text = str(result)
    assert result.points == 0 and "mes_visuels" in text and str(tmp_path) not in text, text
