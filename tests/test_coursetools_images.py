"""The generator of the bundled images (``coursetools.images``) redraws exactly what is committed."""

import json

from PIL import Image

from autograder import visuals
from coursetools import images


def _pixels(path):
    with Image.open(path) as img:
        return img.format, img.mode, img.size, img.tobytes()


def test_regenerating_gives_the_committed_images_and_catalogue(tmp_path):
    cat = images.generate(tmp_path)
    committed = visuals.IMAGES_DIR
    assert (tmp_path / "catalogue.json").read_bytes() == (committed / "catalogue.json").read_bytes()
    assert cat == json.loads((committed / "catalogue.json").read_text(encoding="utf-8")) == visuals.catalogue()
    assert sorted(p.name for p in tmp_path.glob("*.png")) == sorted(p.name for p in committed.glob("*.png"))
    for name, entry in cat.items():
        assert _pixels(tmp_path / entry["file"]) == _pixels(committed / entry["file"]), name


def test_a_changed_drawing_would_be_seen(tmp_path):
    images.generate(tmp_path)
    images.draw("lumiere", 360, 479).save(tmp_path / "lumiere.png")
    assert _pixels(tmp_path / "lumiere.png") != _pixels(visuals.IMAGES_DIR / "lumiere.png")


def test_command_line_writes_into_the_given_folder(tmp_path, capsys):
    assert images.main([str(tmp_path / "images")]) == 0
    assert sorted(p.name for p in (tmp_path / "images").iterdir()) == [
        "atelier.png", "catalogue.json", "croissants.png", "fournee.png", "lumiere.png"]
    assert "4 images dessinées" in capsys.readouterr().out


def test_the_runtime_package_no_longer_draws_the_bundled_images():
    assert not hasattr(visuals, "generate_bundled_images") and not hasattr(visuals, "_generated")
