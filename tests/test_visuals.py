import json

import pytest
from PIL import Image

from autograder import visuals as v
from autograder.company import CASE_COMPANY


def spec(**changes):
    s = v.default_spec(CASE_COMPANY, "instagram", "feed_portrait")
    s.update(headline="Fournée du jour", body="Pain au levain, sorti du four à 7 h.",
             alt_text="Trois pains au levain dorés sur une planche, avec le titre « Fournée du jour »",
             message="Le pain du jour est prêt", licence="", source="")
    s.update(changes)
    return s


def test_render_at_exact_size_for_every_placement():
    for network, placement, size in (("instagram", "story", (1080, 1920)), ("linkedin", "feed", (1200, 627)),
                                     ("facebook", "couverture", (851, 315)), ("pinterest", "epingle", (1000, 1500))):
        img = v.render(spec(network=network, placement=placement))
        assert img.size == size and img.mode == "RGB"


def test_save_writes_png_and_sidecar(tmp_path):
    path = v.save_visual(spec(), tmp_path / "visuel.png")
    with Image.open(path) as img:
        assert img.format == "PNG" and img.size == (1080, 1350)
    meta = json.loads((tmp_path / "visuel.json").read_text(encoding="utf-8"))
    assert meta["network"] == "instagram" and meta["width"] == 1080 and meta["alt_text"].startswith("Trois")
    saved = v.load_visual(path)
    assert saved.size == (1080, 1350) and saved.spec["headline"] == "Fournée du jour"
    assert [s.path.name for s in v.load_visuals(tmp_path)] == ["visuel.png"]


def test_text_is_really_drawn_in_the_text_colour():
    img = v.render(spec(text_colour="#1F1A17", logo=False))
    colours = {c for _, c in img.getcolors(maxcolors=100_000)}
    assert (0x1F, 0x1A, 0x17) in colours
    blank = v.render(spec(headline="", body="", logo=False))
    assert blank.getcolors() == [(1080 * 1350, (0xFB, 0xF4, 0xE6))]


def test_analysis_of_a_good_visual():
    a = v.analyse(spec(), brand_colors=CASE_COMPANY.brand_colors)
    assert a.size_ok and a.ratio_label == "4:5" and a.contrasts["titre"] > 7
    assert a.min_text_px == 36 and a.body_px == 48 and 0 < a.text_coverage < 0.2
    assert a.off_palette == () and a.licence_ok and a.alt.ok and a.colour_blind_min > 4.5


def test_analysis_finds_the_faults():
    bad = spec(text_colour="#E9B44C", body_size=20, alt_text="visuel.png", logo_colour="#FF00FF",
               background={"kind": "image", "image": "fournee"}, licence="Google Images", source="")
    a = v.analyse(bad, size=(1000, 1000), brand_colors=CASE_COMPANY.brand_colors)
    assert not a.size_ok and a.body_px < a.min_text_px and "#FF00FF" in a.off_palette
    assert not a.licence_ok and not a.alt.ok


def test_image_background_uses_the_pixels_behind_the_text():
    on_dark = v.analyse(spec(background={"kind": "image", "image": "fournee"}, text_colour="#FFFFFF",
                             licence="CC0", source="cours"))
    on_light = v.analyse(spec(background={"kind": "image", "image": "croissants"}, text_colour="#FFFFFF",
                              licence="CC0", source="cours"))
    assert on_light.contrasts["titre"] < 3 < on_dark.contrasts["titre"]


@pytest.mark.parametrize("changes, needle", [
    ({"network": "myspace"}, "Réseau inconnu"), ({"placement": "panorama"}, "Emplacement inconnu"),
    ({"text_colour": "bleu"}, "hexadécimal"), ({"headline_size": "grand"}, "nombre entier"),
    ({"body_size": 0}, "entre 8"), ({"background": {"kind": "image", "image": "chat"}}, "Image inconnue"),
    ({"background": "rouge"}, "Le fond"), ({"headline": 12}, "du texte"),
])
def test_bad_specs_get_french_messages(changes, needle):
    with pytest.raises((ValueError, KeyError), match=needle):
        v.render(spec(**changes))


def test_bad_files(tmp_path):
    with pytest.raises(ValueError, match="introuvable"):
        v.load_visual(tmp_path / "absent.png")
    (tmp_path / "faux.png").write_text("pas une image")
    with pytest.raises(ValueError, match="PNG lisible"):
        v.load_visual(tmp_path / "faux.png")
    Image.new("RGB", (10, 10)).save(tmp_path / "seul.png")
    with pytest.raises(ValueError, match="Métadonnées absentes"):
        v.load_visual(tmp_path / "seul.png")
    with pytest.raises(ValueError, match="PNG"):
        v.save_visual(spec(), tmp_path / "visuel.jpg")


def test_bundled_images_are_cc0_and_small():
    cat = v.catalogue()
    assert len(cat) >= 4
    for entry in cat.values():
        path = v.IMAGES_DIR / entry["file"]
        assert entry["licence"] in v.FREE_LICENCES and entry["source"] and path.stat().st_size < 50_000


def test_brand_fonts_are_drawn_and_missing_fonts_fall_back():
    assert v.font_available("DejaVu Serif") and not v.font_available("Police Imaginaire")
    serif = v.render(spec(headline_font="DejaVu Serif", body="", logo=False))
    sans = v.render(spec(headline_font="DejaVu Sans", body="", logo=False))
    fallback = v.render(spec(headline_font="Police Imaginaire", body="", logo=False))
    assert serif.tobytes() != sans.tobytes() and fallback.tobytes() == sans.tobytes()


def test_import_photo(tmp_path):
    import io

    buffer = io.BytesIO()
    Image.new("RGB", (800, 600), (10, 20, 30)).save(buffer, format="PNG")
    path = v.import_photo(buffer.getvalue(), tmp_path / "photos", "Ma Devanture!.png")
    assert path.endswith("ma-devanture.png") and v.image_path(path).is_file()
    img = v.render(spec(background={"kind": "image", "image": path}, licence="photo personnelle", source="Léa"))
    assert img.size == (1080, 1350)
    for data, needle in ((b"", "vide"), (b"GIF89a....", "PNG ou JPEG"), (b"x" * (16 * 1024 * 1024), "trop lourde")):
        with pytest.raises(ValueError, match=needle):
            v.import_photo(data, tmp_path, "x.png")
    with pytest.raises(ValueError, match="chemin d'une photo"):
        v.image_path(str(tmp_path / "absente.png"))
