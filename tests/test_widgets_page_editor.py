import json

from PIL import Image

from autograder.checks import c1
from autograder.company import CASE_COMPANY
from autograder.widgets.page_editor import PageEditor


def build(tmp_path):
    ed = PageEditor(tmp_path / "page_pro.json", company=CASE_COMPANY)
    ed._fill.click()
    ed._images.click()
    values = {
        "description": "Boulangerie-pâtisserie artisanale à Lyon Croix-Rousse : pains au levain et viennoiseries.",
        "cta": "Commander", "phone": "04 78 00 00 00", "address": "12 rue d'Austerlitz, 69004 Lyon",
        "hours": "mar.-sam. 7 h-19 h 30", "pinned_post": "Bienvenue à la Fournée !",
    }
    for key, value in values.items():
        ed._fields[key].value = value
    ed._indicators.value = ("portée", "taux d'engagement", "clics sur le bouton d'action")
    return ed


def test_full_page_scores_and_persists(tmp_path):
    ed = build(tmp_path)
    ed._fields["description"].value += " Gâteaux sur commande."  # an edit
    saved = json.loads((tmp_path / "page_pro.json").read_text(encoding="utf-8"))
    assert saved["username"] == "@lafourneedelea" and saved["modifications"][-1]["champ"] == "Description"
    with Image.open(tmp_path / saved["cover_image"]) as img:
        assert img.size == (851, 315)
    assert c1.check_page(saved, CASE_COMPANY, tmp_path).passed and c1.check_page_management(saved).passed
    assert "6 / 6" in ed._score.value and "Aperçu de l'en-tête" in ed._preview.value
    assert PageEditor(tmp_path / "page_pro.json").value["cta"] == "Commander"


def test_missing_items_are_listed_in_french(tmp_path):
    ed = PageEditor(tmp_path / "p.json", company=CASE_COMPANY)
    assert "Nom de page absent" in ed._score.value and "Aucune modification" in ed._score.value


def test_too_long_description_is_refused(tmp_path):
    ed = build(tmp_path)
    before = ed.value["description"]
    ed._fields["description"].value = "x" * 300
    assert ed._status.kind == "erreur" and "255 au plus" in ed._status.message
    # a course habit, not a limit Facebook publishes (networks.bio_limit_kind, as the C1.2 check says it)
    assert "(repère du cours)" in ed._status.message and "limite de Facebook" not in ed._status.message
    assert "(repère du cours)" in ed._counter.value
    assert ed._fields["description"].value == before
    assert json.loads((tmp_path / "page_pro.json").read_text(encoding="utf-8"))["description"] == before
    ed._undo.click()
    assert ed._status.kind == "ok"


def test_highlights_count_as_pinned_content(tmp_path):
    ed = PageEditor(tmp_path / "p.json", company=CASE_COMPANY)
    ed._network.value = "instagram"
    ed._highlights.value = "Nos pains,  Ateliers , "
    assert ed.value["highlights"] == ["Nos pains", "Ateliers"]
    assert "stories à la une prévues" in ed._score.value
