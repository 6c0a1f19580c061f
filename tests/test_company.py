import pytest

from autograder.company import CASE_COMPANY, CompanyProfile, load_company


def test_case_company_is_the_default(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    assert load_company() is CASE_COMPANY
    assert CASE_COMPANY.market == "B2C"


def test_own_company_round_trip(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    data = CASE_COMPANY.to_dict() | {"name": "Atelier Vélo Nantais", "city": "Nantes"}
    CompanyProfile.from_dict(data).save()
    assert load_company().name == "Atelier Vélo Nantais"


@pytest.mark.parametrize("change, message", [
    ({"market": "B2X"}, "marché"),
    ({"target_ages": [60, 20]}, "tranche d'âge"),
    ({"brand_colors": {"primaire": "marron"}}, "code hexadécimal"),
    ({"objectives": ["gloire"]}, "objectif"),
])
def test_invalid_profile_says_why_in_french(change, message):
    with pytest.raises(ValueError, match=message):
        CompanyProfile.from_dict(CASE_COMPANY.to_dict() | change)


def test_incomplete_profile_names_the_missing_fields():
    with pytest.raises(ValueError, match="il manque .*sector"):
        CompanyProfile.from_dict({"name": "X"})


def test_profile_in_a_parent_folder_is_found(tmp_path, monkeypatch):
    (tmp_path / "release" / "c5").mkdir(parents=True)
    CompanyProfile.from_dict(CASE_COMPANY.to_dict() | {"name": "Ferme des Trois Chênes"}).save(
        tmp_path / "entreprise.json")
    monkeypatch.chdir(tmp_path / "release" / "c5")
    assert load_company().name == "Ferme des Trois Chênes"


def test_explicit_missing_path_is_a_french_error(tmp_path):
    with pytest.raises(ValueError, match="introuvable"):
        load_company(tmp_path / "absent.json")
