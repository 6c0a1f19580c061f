import json

from autograder.company import CASE_COMPANY, load_company
from autograder.widgets.company_editor import CompanyEditor


def test_a_change_is_saved_and_read_by_every_module(tmp_path):
    path = tmp_path / "entreprise.json"
    editor = CompanyEditor(path)
    assert editor.value == CASE_COMPANY
    editor._name.value = "Atelier Vélo Nantais"
    editor._market.value = "B2C"
    saved = json.loads(path.read_text(encoding="utf-8"))
    assert saved["name"] == "Atelier Vélo Nantais"
    assert load_company(path).name == "Atelier Vélo Nantais"
    assert "enregistré" in editor._status.message


def test_invalid_colour_is_refused_and_last_good_profile_kept(tmp_path):
    path = tmp_path / "entreprise.json"
    editor = CompanyEditor(path)
    editor._city.value = "Nantes"
    editor._colors["primaire"].value = "marron"
    assert editor._status.kind == "erreur"
    assert "code hexadécimal" in editor._status.message
    saved = json.loads(path.read_text(encoding="utf-8"))
    assert saved["city"] == "Nantes" and saved["brand_colors"]["primaire"] == CASE_COMPANY.brand_colors["primaire"]


def test_empty_name_is_refused(tmp_path):
    editor = CompanyEditor(tmp_path / "entreprise.json")
    editor._name.value = "   "
    assert "nom de l'entreprise est obligatoire" in editor._status.message


def test_reload_after_restart_and_reset(tmp_path):
    path = tmp_path / "entreprise.json"
    CompanyEditor(path)._sector.value = "Fromagerie"
    again = CompanyEditor(path)  # a fresh kernel: state comes from the file
    assert again.value.sector == "Fromagerie"
    again._reset.click()
    assert load_company(path) == CASE_COMPANY
    assert again._sector.value == CASE_COMPANY.sector  # the form shows the case company again
    again._city.value = "Villeurbanne"  # a later edit keeps the reset values of the other fields
    assert load_company(path).sector == CASE_COMPANY.sector


def test_corrupt_profile_is_kept_aside_with_a_message(tmp_path):
    path = tmp_path / "entreprise.json"
    path.write_text("{pas du json", encoding="utf-8")
    editor = CompanyEditor(path)
    assert editor.value == CASE_COMPANY
    assert "mis de côté" in editor._status.message
    assert any(".corrompu-" in p.name for p in tmp_path.iterdir())


def test_ages_are_two_labelled_numbers_and_checked(tmp_path):
    editor = CompanyEditor(tmp_path / "entreprise.json")
    editor._age_min.value = 60
    editor._age_max.value = 30
    assert editor._status.kind == "erreur" and "tranche d'âge" in editor._status.message
    editor._age_max.value = 70
    assert editor.value.target_ages == (60, 70)
    assert all(field.description for field in (editor._age_min, editor._age_max, *editor._colors.values()))
