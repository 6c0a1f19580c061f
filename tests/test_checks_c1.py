import json
import shutil

import pytest

from autograder import visuals
from autograder.checks import c1, registry
from autograder.checks.registry import Submission
from autograder.company import CASE_COMPANY

from course_support import REPO

CASES = REPO / "tests" / "pipeline_cases"
C1_CELLS = ["c1_1_entreprise_test", "c1_1_briefs_test", "c1_2_page_test", "c1_2_gestion_test"]

B2B = {"market": "B2B", "ages": (30, 55), "objectives": ["prospects", "recrutement"], "hours_per_week": 3}
TEENS = {"market": "B2C", "ages": (15, 22), "objectives": ["notoriété", "engagement"], "hours_per_week": 6}


def good_page(folder):
    for _key, placement, name in (("profile_image", "profil", "profil.png"), ("cover_image", "couverture", "couv.png")):
        spec = visuals.default_spec(CASE_COMPANY, "facebook", placement)
        spec.update(headline="", body="")
        visuals.save_visual(spec, folder / name)
    return {
        "network": "facebook", "name": "La Fournée de Léa", "username": "@lafourneedelea",
        "category": "Boulangerie",
        "description": "Boulangerie-pâtisserie artisanale à Lyon Croix-Rousse : pains au levain, viennoiseries, "
                       "gâteaux sur commande.",
        "profile_image": "profil.png", "cover_image": "couv.png", "cta": "Commander", "phone": "04 78 00 00 00",
        "email": "", "website": "https://www.lafourneedelea.fr", "address": "12 rue d'Austerlitz, 69004 Lyon",
        "hours": "mar.-sam. 7 h-19 h 30 ; dim. 7 h-13 h", "pinned_post": "Bienvenue à la Fournée !",
        "indicators": ["portée", "taux d'engagement", "clics sur le bouton d'action"],
        "modifications": [{"champ": "description", "date": "2026-11-28"}],
    }


def test_network_choice_right_and_wrong():
    assert c1.check_network_choice(["facebook", "instagram"], CASE_COMPANY).passed
    assert c1.check_network_choice(["linkedin"], B2B).passed
    assert c1.check_network_choice(["tiktok", "instagram"], TEENS).passed
    wrong = c1.check_network_choice(["linkedin", "x"], CASE_COMPANY)
    assert wrong.points == 0 and "LinkedIn" in wrong.missing[0] and "Facebook" in wrong.missing[1]
    half = c1.check_network_choice(["linkedin", "tiktok"], B2B)
    assert 0 < half.points < 2


@pytest.mark.parametrize("choice, needle", [([], "1 à 3"), (["myspace"], "Réseau inconnu"),
                                            (["facebook", "instagram", "tiktok", "x"], "3 au plus")])
def test_network_choice_bad_input(choice, needle):
    r = c1.check_network_choice(choice, CASE_COMPANY)
    assert r.points == 0 and needle in r.findings[0].text
    assert "Brief incomplet" in c1.check_network_choice(["facebook"], {"market": "B2C"}).findings[0].text


def test_good_page_gets_full_marks(tmp_path):
    page = good_page(tmp_path)
    assert c1.check_page(page, CASE_COMPANY, tmp_path).passed
    assert c1.check_page_management(page).passed


def test_page_faults_are_named(tmp_path):
    page = good_page(tmp_path)
    page.update(username="La Fournée", description="Pain.", cta="", cover_image="absent.png", hours="")
    r = c1.check_page(page, CASE_COMPANY, tmp_path)
    text = " ".join(r.missing)
    assert 0 < r.points < 6
    for needle in ("@nomdelapage", "entre 30 et 255", "Couverture absente", "bouton d'action", "horaires"):
        assert needle in text, needle
    # 255 characters is the course's habit for a Facebook page description, not a rule Meta publishes
    assert "(repère du cours)" in text and "Meta" not in text.split("entre 30 et 255")[1][:40]
    page.update(network="instagram", description="Pain.")
    assert any("(limite fixée par Instagram)" in m for m in c1.check_page(page, CASE_COMPANY, tmp_path).missing)


def test_wrong_image_size_is_caught(tmp_path):
    page = good_page(tmp_path)
    spec = visuals.default_spec(CASE_COMPANY, "x", "profil")  # 400×400, not Facebook's 320×320
    visuals.save_visual(spec, tmp_path / "profil.png")
    r = c1.check_page(page, CASE_COMPANY, tmp_path)
    assert any("400×400" in m and "attendu 320×320" in m for m in r.missing)


def test_page_management_faults(tmp_path):
    page = good_page(tmp_path)
    page.update(modifications=[], indicators=["portée", "vues"])
    r = c1.check_page_management(page)
    assert r.points == 0 and len(r.missing) == 2
    assert c1.check_page_management("ma page").points == 0
    assert "network" in c1.check_page({"name": "x"}).findings[0].text


# -- the assignment's cells, scored from the files ----------------------------------------------------------------
def graded_total(folder, ids=C1_CELLS, notebook="c1_reseaux_sociaux") -> float:
    sub = Submission(folder, notebook)
    return round(sum(registry.score(g, registry.run(g, sub)) for g in ids), 4)


def case_copy(tmp_path, case="solution"):
    for item in (CASES / "c1_reseaux_sociaux" / case).iterdir():
        if item.name != "case.json":
            shutil.copy2(item, tmp_path / item.name)
    return tmp_path


@pytest.mark.parametrize(("case", "expected"), [("solution", 14.0), ("erreurs_courantes", 6.2308)])
def test_the_registered_cells_score_the_known_submissions_from_their_files(case, expected):
    assert graded_total(CASES / "c1_reseaux_sociaux" / case) == pytest.approx(expected)


@pytest.mark.parametrize("assignment", ["c1_reseaux_sociaux", "c2_visuels"])
def test_every_graded_cell_is_registered_and_no_learner_writes_code(assignment):
    for folder in ("source", "release"):
        nb = json.loads((REPO / folder / assignment / f"{assignment}.ipynb").read_text(encoding="utf-8"))
        for cell in nb["cells"]:
            meta = cell["metadata"].get("nbgrader", {})
            if cell["cell_type"] != "code":
                continue
            assert meta.get("locked") and not meta.get("solution"), meta.get("grade_id")
            assert cell["metadata"].get("jupyter", {}).get("source_hidden"), meta.get("grade_id")
            if meta.get("grade"):
                reg = registry.lookup(meta["grade_id"])
                assert reg is not None and reg.points == meta["points"], meta["grade_id"]
                assert "".join(cell["source"]).startswith(f'show("{meta["grade_id"]}")')


def test_the_briefs_are_read_from_the_answers_file(tmp_path):
    folder = case_copy(tmp_path)
    assert graded_total(folder, ["c1_1_briefs_test"]) == 4.0
    answers = json.loads((folder / "reponses_c1_reseaux_sociaux.json").read_text(encoding="utf-8"))
    answers["answers"]["c1_1_jeunes"]["value"] = ["linkedin"]  # the answers file edited by hand: a wrong answer
    (folder / "reponses_c1_reseaux_sociaux.json").write_text(json.dumps(answers), encoding="utf-8")
    assert graded_total(folder, ["c1_1_briefs_test"]) == 2.0
    (folder / "reponses_c1_reseaux_sociaux.json").write_text("{pas du json", encoding="utf-8")
    results = registry.run("c1_1_briefs_test", Submission(folder, "c1_reseaux_sociaux"))
    assert sum(r.points for r in results) == 0 and "Vérification impossible" in results[0].findings[0].text


def test_without_files_nothing_is_scored_and_the_learner_is_told_why(tmp_path):
    assert graded_total(tmp_path) == 0.0
    results = registry.run("c1_1_entreprise_test", Submission(tmp_path, "c1_reseaux_sociaux"))
    assert "choix_reseaux.json" in results[0].findings[0].text
    results = registry.run("c1_2_page_test", Submission(tmp_path, "c1_reseaux_sociaux"))
    assert "page_pro.json" in results[0].findings[0].text


def test_a_blank_image_or_one_outside_the_submission_is_not_the_pages_image(tmp_path):
    folder = case_copy(tmp_path)
    honest = graded_total(folder, ["c1_2_page_test"])
    from PIL import Image

    Image.new("RGB", (851, 315), "#FBF4E6").save(folder / "facebook_couverture.png")
    forged = registry.run("c1_2_page_test", Submission(folder, "c1_reseaux_sociaux"))[0]
    assert forged.points < honest and any("image vide" in f.text for f in forged.findings)
    page = json.loads((folder / "page_pro.json").read_text(encoding="utf-8"))
    page["cover_image"] = str(CASES / "c1_reseaux_sociaux" / "solution" / "facebook_couverture.png")
    (folder / "page_pro.json").write_text(json.dumps(page), encoding="utf-8")
    outside = registry.run("c1_2_page_test", Submission(folder, "c1_reseaux_sociaux"))[0]
    assert outside.points < honest and any("en dehors de votre copie" in f.text for f in outside.findings)


def _page_cells(folder) -> list:
    sub = Submission(folder, "c1_reseaux_sociaux")
    return [registry.run(g, sub)[0] for g in ("c1_2_page_test", "c1_2_gestion_test")]


def test_a_hand_made_page_file_is_judged_only_when_it_holds_what_the_editor_requires(tmp_path):
    from autograder.widgets.page_editor import PageModel

    folder = case_copy(tmp_path)
    solution = json.loads((folder / "page_pro.json").read_text(encoding="utf-8"))
    # written by hand, with the real work (every field of the editor, the real images): judged as it is
    by_hand = {k: v for k, v in solution.items() if k != "schema_version"}
    (folder / "page_pro.json").write_text(json.dumps(by_hand, ensure_ascii=False), encoding="utf-8")
    assert sum(r.points for r in _page_cells(folder)) == 8.0
    forged = {
        "fields missing": {k: v for k, v in by_hand.items() if k not in ("pinned_post", "highlights")},
        "an edit history the editor never writes": {**by_hand, "modifications": ["description", "nom"]},
        "a description the editor refuses": {**by_hand, "description": by_hand["description"] * 3},
        "indicators the editor does not offer": {**by_hand, "indicators": ["portée", "likes", "followers"]},
    }
    for what, page in forged.items():
        (folder / "page_pro.json").write_text(json.dumps(page, ensure_ascii=False), encoding="utf-8")
        results = _page_cells(folder)
        assert sum(r.points for r in results) == 0, what
        with pytest.raises(ValueError) as refused:  # the editor refuses it with the same reason
            PageModel(tmp_path / "editeur.json").validate(page)
        for result in results:
            assert "l'éditeur de page" in result.findings[0].text and str(refused.value) in result.findings[0].text
        if what == "a description the editor refuses":  # its 255 characters are a course habit, not Meta's rule
            assert "255 au plus (repère du cours)" in results[0].findings[0].text


def test_a_hand_made_choices_file_is_judged_only_when_it_holds_the_advisors_brief(tmp_path):
    folder = case_copy(tmp_path)
    assert graded_total(folder, ["c1_1_entreprise_test"]) == 2.0
    (folder / "choix_reseaux.json").write_text(json.dumps({"chosen": ["facebook", "instagram"]}), encoding="utf-8")
    result = registry.run("c1_1_entreprise_test", Submission(folder, "c1_reseaux_sociaux"))[0]
    assert result.points == 0 and "le conseiller de réseaux" in result.findings[0].text
    full = json.loads((CASES / "c1_reseaux_sociaux" / "solution" / "choix_reseaux.json").read_text(encoding="utf-8"))
    (folder / "choix_reseaux.json").write_text(json.dumps({**full, "objectives": []}), encoding="utf-8")
    assert graded_total(folder, ["c1_1_entreprise_test"]) == 0.0
    (folder / "choix_reseaux.json").write_text(json.dumps({**full, "chosen": ["instagram", "facebook"]}),
                                               encoding="utf-8")
    assert graded_total(folder, ["c1_1_entreprise_test"]) == 2.0


def test_the_artefact_view_shows_the_choices_and_the_page():
    sub = Submission(CASES / "c1_reseaux_sociaux" / "solution", "c1_reseaux_sociaux")
    assert "Ride Factory" in registry.artefact_html("c1_1_briefs_test", sub)
    assert "@lafourneedelea" in registry.artefact_html("c1_2_page_test", sub)


PERSONA = """Prénom : Claire
Âge : 38 ans
Lieu : Croix-Rousse, Lyon 4e
Métier : infirmière, deux enfants
Besoin : du bon pain et des gâteaux d'anniversaire sans perdre de temps
Frein : les files d'attente du samedi matin
Réseaux : Instagram, Facebook
Moment : le soir après 20 h"""


def test_persona_worksheet_names_what_is_missing():
    assert c1.check_persona(PERSONA).passed
    partial = c1.check_persona("Prénom : Claire\nÂge : trentaine\nLieu : Lyon")
    assert partial.points == 1 and any("Âge" in m for m in partial.missing)
    assert any("Frein" in m for m in partial.missing) and any("Moment" in m for m in partial.missing)
    empty = c1.check_persona("")
    assert empty.points == 0 and "vide" in empty.findings[0].text


@pytest.mark.parametrize("objective", ["Obtenir 40 réservations d'ateliers enfants d'ici le 31 mars 2027",
                                       "Recruter 2 menuisiers grâce à LinkedIn en 3 mois",
                                       "Gagner 150 adhérents avant la rentrée de septembre"])
def test_smart_objective_accepts_a_figure_an_indicator_and_a_deadline(objective):
    assert c1.check_smart_objective(objective).passed


def test_vague_objective_is_not_smart():
    vague = c1.check_smart_objective("Être plus visible sur les réseaux sociaux")
    assert vague.points < 1 and any("Mesurable" in m for m in vague.missing) and any("Temporel" in m for m in vague.missing)
    assert c1.check_smart_objective(None).points == 0
