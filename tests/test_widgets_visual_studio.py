import json

from PIL import Image

from autograder.checks import c2
from autograder.company import CASE_COMPANY
from autograder.widgets.visual_studio import VisualStudio


def test_compose_and_save_png(tmp_path):
    st = VisualStudio(tmp_path / "studio.json", company=CASE_COMPANY)
    st._placement.value = "story"
    st._headline.value = "Fournée du jour"
    st._bg_kind.value = "image"
    st._bg_image.value = "fournee"
    st._band.value = "#FBF4E6"
    st._licence.value = "CC0"
    st._source.value = "Images du cours"
    st._alt.value = "Trois pains au levain dorés sur une planche, titre « Fournée du jour »"
    st._save.click()
    png = tmp_path / "mes_visuels" / "visuel_1.png"
    with Image.open(png) as img:
        assert img.size == (1080, 1920)
    meta = json.loads(png.with_suffix(".json").read_text(encoding="utf-8"))
    assert meta["licence"] == "CC0" and meta["network"] == "instagram" and meta["placement"] == "story"
    assert c2.check_inclusive(tmp_path / "mes_visuels").passed
    assert st._png[:4] == b"\x89PNG" and "1080×1920" in st._summary.value
    assert 'alt="Trois pains au levain' in st._preview.value and "data:image/png;base64," in st._preview.value
    again = VisualStudio(tmp_path / "studio.json", company=CASE_COMPANY)
    assert again.value[0]["headline"] == "Fournée du jour"


def test_network_change_keeps_a_valid_placement_and_add_visual(tmp_path):
    st = VisualStudio(tmp_path / "studio.json", company=CASE_COMPANY)
    st._network.value = "linkedin"
    assert st.model.current["placement"] == "feed_carre"  # LinkedIn has a square feed too
    st._network.value = "pinterest"
    assert st.model.current["placement"] == "epingle" and st._placement.value == "epingle"
    st._add.click()
    assert len(st.value) == 2 and st._which.value == 1
    st._remove.click()
    st._remove.click()
    assert len(st.value) == 1 and "au moins un visuel" in st._status.message


def test_live_checks_flag_poor_contrast_and_keep_state_on_bad_input(tmp_path):
    st = VisualStudio(tmp_path / "studio.json", company=CASE_COMPANY)
    st._headline.value = "Soldes"
    st._text_colour.value = "#E9B44C"  # accent on cream background
    assert "Contraste insuffisant" in st._checks.value
    before = json.loads((tmp_path / "studio.json").read_text(encoding="utf-8"))
    st._act(lambda: st.model.set("text_colour", "orange"), "x")
    assert st._status.kind == "erreur" and "hexadécimal" in st._status.message
    assert json.loads((tmp_path / "studio.json").read_text(encoding="utf-8")) == before


def test_own_photo_upload(tmp_path, monkeypatch):
    import io
    from datetime import UTC, datetime

    monkeypatch.chdir(tmp_path)
    photo = Image.new("RGB", (2400, 1600), (40, 60, 90))
    buffer = io.BytesIO()
    photo.save(buffer, format="JPEG")
    st = VisualStudio("studio.json", company=CASE_COMPANY, folder="mes_visuels")
    st._upload.value = ({"name": "Devanture Boutique.jpg", "type": "image/jpeg", "size": len(buffer.getvalue()),
                         "content": memoryview(buffer.getvalue()), "last_modified": datetime.now(UTC)},)
    bg = st.model.current["background"]
    assert bg == {"kind": "image", "image": "mes_visuels/photos/devanture-boutique.png", "colour": bg["colour"]}
    assert st.model.current["licence"] == "photo personnelle" and st._bg_image.value == bg["image"]
    with Image.open(bg["image"]) as img:
        assert max(img.size) == 1920
    st._source.value = "Photo prise par Léa Martin, 2026"
    st._headline.value = "Bienvenue"
    st._save.click()
    saved = c2.check_content("mes_visuels", CASE_COMPANY)
    assert "photo personnelle" in str(saved)
    # a file that is not a photo is refused and nothing changes
    st._upload.value = ({"name": "notes.txt", "type": "text/plain", "size": 5, "content": memoryview(b"hello"),
                         "last_modified": datetime.now(UTC)},)
    assert st._status.kind == "erreur" and "PNG ou JPEG" in st._status.message
    assert st.model.current["background"]["image"] == "mes_visuels/photos/devanture-boutique.png"
