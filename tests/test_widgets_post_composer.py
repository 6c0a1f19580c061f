import json

import pytest

from autograder.widgets.post_composer import PostComposer, parse_hashtag_lines

from course_support import copy_solution_files


@pytest.fixture
def folder(tmp_path):
    return copy_solution_files("c4_publication", tmp_path)


def _draft(folder):
    return json.loads((folder / "publication.json").read_text(encoding="utf-8"))["draft"]


def test_loads_saved_draft_shows_counters_preview_and_checks(folder):
    c = PostComposer(folder / "publication.json", plan_path=folder / "plan_editorial.json")
    assert "/ 2200 caractères" in c._counters.value and "hashtags : 4 / 5" in c._counters.value
    assert "data:image/jpeg;base64" in c._preview.value and "lafourneedelea" in c._preview.value
    assert "plus</span>" in c._preview.value  # caption cut where Instagram shows « plus »
    assert all(r.passed for r in c.check())
    assert "visuel_buche.png" in c._visual.options


def test_edits_are_saved_and_bad_input_keeps_last_good_state(folder):
    c = PostComposer(folder / "publication.json", plan_path=None)
    c._caption.value = "Nouveau texte. Venez goûter nos viennoiseries !"
    assert _draft(folder)["caption"].startswith("Nouveau texte")
    c._hashtags.value = "\n".join(f"#Pain{i} : niche" for i in range(40))
    assert c._status.kind == "erreur" and "30 au plus" in c._status.message
    c._hashtags.value = "#LaFourneeDeLea : marque"
    c._date.value = "26/03/2028"
    before = (folder / "publication.json").read_bytes()
    c._time.value = "02:30"
    assert c._status.kind == "erreur" and "heure d'été" in c._status.message
    assert (folder / "publication.json").read_bytes() == before
    c._time.value = "10:30"
    c._caption.value = ""
    assert "texte est vide" in c._status.message
    c._undo.click()
    assert c._caption.value.startswith("Nouveau texte") and _draft(folder)["caption"].startswith("Nouveau texte")


def test_network_change_adapts_formats(folder):
    c = PostComposer(folder / "publication.json", plan_path=None, live_checks=False)
    c._network.value = "linkedin"
    assert _draft(folder)["network"] == "linkedin" and "story" not in c._format.options


def test_keep_draft_and_add_to_plan(folder):
    c = PostComposer(folder / "publication.json", plan_path=folder / "plan_editorial.json", live_checks=False)
    n = len(json.loads((folder / "plan_editorial.json").read_text())["posts"])
    c._keep.click()
    assert len(json.loads((folder / "publication.json").read_text())["saved"]) == 1
    c._to_plan.click()
    assert c._status.kind == "ok"
    posts = json.loads((folder / "plan_editorial.json").read_text())["posts"]
    assert len(posts) == n + 1 and any("#BucheDeNoel" in p["caption"] for p in posts)
    c._date.value = "15/03/2028"
    c._to_plan.click()
    assert c._status.kind == "erreur" and "en dehors du plan" in c._status.message


def test_parse_hashtag_lines():
    assert parse_hashtag_lines("#Lyon : local\n#Pain") == [{"tag": "Lyon", "role": "locale"}, {"tag": "Pain", "role": "niche"}]
    with pytest.raises(ValueError, match="rôle inconnu"):
        parse_hashtag_lines("#Lyon : star")


def test_a_visual_of_the_c2_studio_brings_its_alt_text(tmp_path):
    from autograder import visuals

    spec = dict(visuals.default_spec(network="instagram", placement="feed_portrait"),
                alt_text="Bûche de Noël sur le comptoir de la boutique, bandeau « Réservez avant le 20 décembre ».")
    visuals.save_visual(spec, tmp_path / "mes_visuels" / "buche.png")
    c = PostComposer(tmp_path / "publication.json", plan_path=None, live_checks=False)
    assert "mes_visuels/buche.png" in c._visual.options
    c._visual.value = "mes_visuels/buche.png"
    saved = json.loads((tmp_path / "publication.json").read_text(encoding="utf-8"))["draft"]
    assert saved["visual"] == "mes_visuels/buche.png" and saved["alt_text"].startswith("Bûche de Noël")


def test_a_hostile_draft_file_is_set_aside(tmp_path):
    (tmp_path / "publication.json").write_text(json.dumps({"draft": {"caption": 42, "hashtags": "beaucoup"}}),
                                               encoding="utf-8")
    c = PostComposer(tmp_path / "publication.json", plan_path=None, live_checks=False)
    assert c._status.kind == "erreur" and "mis de côté" in c._status.message
    assert c.value["caption"] == ""


def _buttons_next_to_keep(composer) -> list[str]:
    """The descriptions of the buttons in the row of « Garder ce brouillon »."""
    boxes = [composer]
    while boxes:
        box = boxes.pop()
        if composer._keep in box.children:
            return [button.description for button in box.children]
        boxes += [child for child in box.children if hasattr(child, "children")]
    return []


def test_without_a_plan_there_is_no_button_to_add_to_it(folder):
    linked = PostComposer(folder / "publication.json", plan_path=folder / "plan_editorial.json", live_checks=False)
    assert "Ajouter au plan" in _buttons_next_to_keep(linked)
    alone = PostComposer(folder / "publication.json", plan_path=None, live_checks=False)
    assert "Ajouter au plan" not in _buttons_next_to_keep(alone) and "Garder ce brouillon" in _buttons_next_to_keep(alone)
    alone._to_plan.click()  # even when clicked from code: no message about a missing plan, nothing added
    assert "plan" not in alone._status.message
