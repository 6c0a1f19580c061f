import json

from autograder.checks import c1
from autograder.company import CASE_COMPANY
from autograder.widgets.network_advisor import NetworkAdvisor


def test_load_company_rank_and_choose(tmp_path):
    path = tmp_path / "choix_reseaux.json"
    adv = NetworkAdvisor(path, company=CASE_COMPANY)
    adv._load.click()
    assert adv.brief["market"] == "B2C" and adv.brief["ages"] == (25, 54)
    assert "Facebook" in adv._table.value.split("<tbody>")[1][:400]  # ranked first
    adv._chosen.value = ("facebook", "instagram")
    saved = json.loads(path.read_text(encoding="utf-8"))
    assert saved["chosen"] == ["facebook", "instagram"] and saved["objectives"] == ["notoriété", "engagement", "ventes"]
    assert c1.check_network_choice(adv.value, adv.brief).passed
    # survives a fresh start
    assert NetworkAdvisor(path).value == ["facebook", "instagram"]


def test_warning_when_a_choice_does_not_fit(tmp_path):
    adv = NetworkAdvisor(tmp_path / "c.json", company=CASE_COMPANY)
    adv._load.click()
    adv._chosen.value = ("linkedin",)
    assert "Attention : LinkedIn" in adv._advice.value and "B2C" in adv._advice.value


def test_bad_input_keeps_last_good_state(tmp_path):
    path = tmp_path / "c.json"
    adv = NetworkAdvisor(path, company=CASE_COMPANY)
    adv._objectives.value = ("ventes",)
    adv._objectives.value = ()
    assert adv._status.kind == "erreur" and "au moins un objectif" in adv._status.message
    assert adv._objectives.value == ("ventes",)
    assert json.loads(path.read_text(encoding="utf-8"))["objectives"] == ["ventes"]
    adv._chosen.value = ("facebook", "instagram", "tiktok", "youtube")
    assert "3 réseaux au plus" in adv._status.message and adv.value == []


def test_corrupt_file_is_set_aside(tmp_path):
    path = tmp_path / "c.json"
    path.write_text("{pas du json", encoding="utf-8")
    adv = NetworkAdvisor(path)
    assert adv._status.kind == "erreur" and "mis de côté" in adv._status.message
    assert list(tmp_path.glob("c.json.corrompu-*"))
