"""A submission read as data (autograder.trainer.sandbox.intake): regular files of accepted types, no link."""

from __future__ import annotations

import os

import pytest

from autograder.trainer.sandbox import intake


@pytest.fixture
def submission(tmp_path):
    src = tmp_path / "copie"
    (src / "mes_visuels").mkdir(parents=True)
    (src / "plan_editorial.json").write_text('{"posts": []}', encoding="utf-8")
    (src / "c3.ipynb").write_text("{}", encoding="utf-8")
    (src / "mes_visuels" / "buche.png").write_bytes(b"\x89PNG")
    secret = tmp_path / "source_secret.json"
    secret.write_text('{"solution": true}', encoding="utf-8")
    os.symlink(secret, src / "moderation.json")  # a link to a file outside the submission
    os.symlink(tmp_path, src / "lien_dossier")  # a link to a folder
    (src / ".ipython" / "profile_default" / "startup").mkdir(parents=True)
    (src / ".ipython" / "profile_default" / "startup" / "00.py").write_text("print(1)", encoding="utf-8")
    (src / "autograder").mkdir()
    (src / "autograder" / "__init__.py").write_text("", encoding="utf-8")
    (src / "autograder" / "notes.json").write_text("{}", encoding="utf-8")
    (src / "ipython_kernel_config.py").write_text("c = 1", encoding="utf-8")
    (src / "jupyter_server_config.json").write_text("{}", encoding="utf-8")
    (src / "triche.py").write_text("import os", encoding="utf-8")
    return src


def test_only_regular_files_of_accepted_types_are_copied(submission, tmp_path):
    dest = tmp_path / "lue"
    result = intake.copy_submission(submission, dest, skip_notebooks=True)
    assert sorted(result.copied) == ["mes_visuels/buche.png", "plan_editorial.json"]
    copied = sorted(p.relative_to(dest).as_posix() for p in dest.rglob("*") if p.is_file())
    assert copied == ["mes_visuels/buche.png", "plan_editorial.json"]
    assert not any(p.is_symlink() for p in dest.rglob("*"))
    refused = {r.path: r.reason for r in result.refused}
    assert set(refused) == {"moderation.json", "lien_dossier", ".ipython/", "autograder/", "ipython_kernel_config.py",
                            "jupyter_server_config.json", "triche.py"}
    assert "lien symbolique" in refused["moderation.json"]
    assert "caché" in refused[".ipython/"]
    assert "module Python" in refused["autograder/"]
    assert "démarrage" in refused["ipython_kernel_config.py"]
    assert "type de fichier non accepté (.py)" in refused["triche.py"]


def test_the_feedback_names_each_refused_file_in_french(submission, tmp_path):
    result = intake.copy_submission(submission, tmp_path / "lue")
    text = intake.refused_text(result.refused)
    assert text.startswith("Fichiers de votre copie non pris en compte à la correction :")
    assert "« moderation.json » : lien symbolique" in text and "« triche.py »" in text
    assert intake.refused_text([]) == ""


def test_a_link_is_never_read_nor_followed(submission, tmp_path):
    with pytest.raises(OSError):
        intake.read_regular(submission / "moderation.json")
    assert intake.read_regular(submission / "plan_editorial.json") == b'{"posts": []}'
    link = tmp_path / "lien_copie"
    os.symlink(submission, link)
    with pytest.raises(NotADirectoryError):
        intake.copy_submission(link, tmp_path / "autre")


def test_oversized_files_are_refused(tmp_path, monkeypatch):
    src = tmp_path / "copie"
    src.mkdir()
    (src / "gros.csv").write_bytes(b"x" * 2048)
    monkeypatch.setattr(intake, "MAX_FILE_BYTES", 1024)
    result = intake.copy_submission(src, tmp_path / "lue")
    assert result.copied == [] and "trop gros" in result.refused[0].reason


def test_the_mock_certifications_hand_in_is_read_and_nothing_else(tmp_path):
    """The certification's copy carries lesson 08's files and the evidence folder (record and screenshots):
    all read; any other type in the evidence folder, a hidden file or a link there is refused."""
    src = tmp_path / "certification"
    (src / "preuves").mkdir(parents=True)
    (src / "certification.ipynb").write_text("{}", encoding="utf-8")
    for name in ("repetitions.json", "jury_blanc.json", "fiches_jury.json", "reponses_certification.json"):
        (src / name).write_text("{}", encoding="utf-8")
    (src / "preuves" / "preuves.json").write_text('{"entries": []}', encoding="utf-8")
    for name in ("reponse_preuve_a1.png", "reponse_preuve_b2.jpg", "reponse_preuve_c3.jpeg", "reponse_preuve_d4.PNG"):
        (src / "preuves" / name).write_bytes(b"\x89PNG" if "png" in name.lower() else b"\xff\xd8\xff")
    (src / "preuves" / "page.html").write_text("<script></script>", encoding="utf-8")
    (src / "preuves" / "capture.svg").write_text("<svg/>", encoding="utf-8")
    (src / "preuves" / "lanceur.py").write_text("import os", encoding="utf-8")
    (src / "preuves" / ".brouillon.json").write_text("{}", encoding="utf-8")
    outside = tmp_path / "ailleurs.png"
    outside.write_bytes(b"\x89PNG")
    os.symlink(outside, src / "preuves" / "reponse_preuve_e5.png")
    result = intake.copy_submission(src, tmp_path / "lue", skip_notebooks=True)
    assert sorted(result.copied) == [
        "fiches_jury.json", "jury_blanc.json", "preuves/preuves.json", "preuves/reponse_preuve_a1.png",
        "preuves/reponse_preuve_b2.jpg", "preuves/reponse_preuve_c3.jpeg", "preuves/reponse_preuve_d4.PNG",
        "repetitions.json", "reponses_certification.json"]
    refused = {r.path: r.reason for r in result.refused}
    assert set(refused) == {"preuves/page.html", "preuves/capture.svg", "preuves/lanceur.py", "preuves/.brouillon.json",
                            "preuves/reponse_preuve_e5.png"}
    assert "non accepté (.html)" in refused["preuves/page.html"] and "lien symbolique" in refused["preuves/reponse_preuve_e5.png"]
