import pytest

from autograder import visuals
from autograder.checks import c1
from autograder.company import CASE_COMPANY

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
        "description": "Boulangerie-pâtisserie artisanale à Lyon Croix-Rousse : pains au levain, viennoiseries, "
                       "gâteaux sur commande.",
        "profile_image": "profil.png", "cover_image": "couv.png", "cta": "Commander", "phone": "04 78 00 00 00",
        "email": "", "website": "https://www.lafourneedelea.fr", "address": "12 rue d'Austerlitz, 69004 Lyon",
        "hours": "mar.-sam. 7 h-19 h 30 ; dim. 7 h-13 h", "pinned_post": "Bienvenue à la Fournée !",
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
