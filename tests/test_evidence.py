"""The evidence record (autograder.evidence) and its check (autograder.checks.evidence)."""

from __future__ import annotations

import datetime as dt
import io
import json

import pytest
from PIL import Image

from autograder import campaign, referentiel
from autograder import evidence as E
from autograder.checks.evidence import check_evidence, evidence_table
from autograder.data.case_meta import build_exports
from autograder.results import LearnerInputError

TODAY = dt.date(2027, 2, 10)


def _png() -> bytes:
    buffer = io.BytesIO()
    Image.new("RGB", (24, 12), "#0072B2").save(buffer, "PNG")
    return buffer.getvalue()


def _entry(**fields) -> dict:
    return {"id": "a1b2c3d4", "criterion": "C5.3", "date": "2027-02-10", **fields}


def _write(folder, entries) -> None:
    folder.mkdir(parents=True, exist_ok=True)
    (folder / E.EVIDENCE_FILE).write_text(json.dumps({"schema_version": 1, "entries": entries}), encoding="utf-8")


# -- one entry ------------------------------------------------------------------------------------------------

def test_a_screenshot_needs_its_alt_text():
    with pytest.raises(LearnerInputError, match="Texte alternatif"):
        E.validate_entry(_entry(file="reponse_preuve_a1b2c3d4.png", alt_text=""))
    with pytest.raises(LearnerInputError, match="au moins 3 mots"):
        E.validate_entry(_entry(file="reponse_preuve_a1b2c3d4.png", alt_text="Capture"))
    entry = E.validate_entry(_entry(file="reponse_preuve_a1b2c3d4.png", alt_text="Statistiques de la page"))
    assert entry["kind"] == "capture"


def test_a_note_alone_is_no_evidence_and_a_link_must_be_a_web_address():
    with pytest.raises(LearnerInputError, match="note seule"):
        E.validate_entry(_entry(note="J'ai fait ma page."))
    with pytest.raises(LearnerInputError, match="n'est pas une adresse web"):
        E.validate_entry(_entry(link="ma page facebook"))
    assert E.validate_entry(_entry(link=" https://www.facebook.com/lafourneedelea "))["link"] == \
        "https://www.facebook.com/lafourneedelea"


def test_dates_criteria_and_file_names_are_checked():
    with pytest.raises(LearnerInputError, match="dans le futur"):
        E.validate_entry(_entry(link="https://example.org/a", date="2027-03-01"), TODAY)
    with pytest.raises(LearnerInputError, match="Critère inconnu"):
        E.validate_entry(_entry(criterion="C9.9", link="https://example.org/a"))
    with pytest.raises(LearnerInputError, match="PNG ou JPEG"):
        E.validate_entry(_entry(file="../secret.png", alt_text="une capture de page"))


@pytest.mark.parametrize("label, value, expected", [
    ("Taux d'engagement", "4,2 %", (4.2, "%")),
    ("CPC", "0,35 €", (0.35, "€")),
    ("Abonnés", "1 250", (1250.0, "")),
])
def test_figures_typed_in_french(label, value, expected):
    figure = E.parse_figure(label, value)
    assert (figure.value, figure.unit) == expected
    assert figure.label in figure.text


@pytest.mark.parametrize("label, value, message", [
    ("", "4,2 %", "intitulé"), ("Portée", "", "valeur"), ("Portée", "beaucoup", "n'est pas un nombre"),
])
def test_bad_figures_are_refused_in_french(label, value, message):
    with pytest.raises(LearnerInputError, match=message):
        E.parse_figure(label, value)


def test_screenshots_are_checked_by_their_content(tmp_path):
    assert E.check_screenshot("capture.png", _png()) == "png"
    with pytest.raises(LearnerInputError, match="PNG ou JPEG"):
        E.check_screenshot("capture.png", b"GIF89a not a png")
    saved = E.store_screenshot(tmp_path, "a1b2c3d4", "Capture.PNG", _png())
    assert saved["file"] == "reponse_preuve_a1b2c3d4.png" and (tmp_path / saved["file"]).read_bytes() == _png()


# -- exports --------------------------------------------------------------------------------------------------

def test_a_meta_posts_export_gives_its_figures():
    figures, note = E.figures_from_export("instagram_posts", "export.csv",
                                          build_exports()["instagram_posts"].encode("utf-8"))
    named = {f.label: f for f in figures}
    assert named["Publications"].value == 34
    assert named["Taux d'engagement moyen (par portée)"].unit == "%"
    assert 0 < named["Taux d'engagement moyen (par portée)"].value < 100
    assert note.startswith("Instagram") and "publications du 02/12/2025" in note


def test_an_ads_export_gives_the_cost_per_click():
    csv = campaign.case_campaign_results().to_csv(index=False).encode("utf-8")
    figures, _note = E.figures_from_export("ads", "resultats.csv", csv)
    named = {f.label: f for f in figures}
    assert named["Publicités"].value == 3
    assert named["CPC (clic sur un lien)"].unit == "€"
    assert named["CPC (clic sur un lien)"].value == round(150.0 / 362, 2)  # spend / link clicks
    assert named["Répétition"].unit == ""


@pytest.mark.parametrize("kind, content, message", [
    ("facebook_posts", b"", "est vide"),
    ("facebook_posts", b"hello\nworld\n", "colonne(s) manquante(s)"),
    ("instagram_posts", b"PK\x03\x04rest", "classeur Excel"),
    ("ads", b"Nom;Prix\nA;3\n", "Colonne(s) absente(s)"),
    ("inconnu", b"a", "Type d'export inconnu"),
])
def test_bad_exports_get_a_french_error(kind, content, message):
    with pytest.raises(LearnerInputError, match=message.replace("(", r"\(").replace(")", r"\)")):
        E.figures_from_export(kind, "export.csv", content)


# -- the record and what is missing ---------------------------------------------------------------------------

def test_load_evidence_gives_typed_records_for_the_dossier(tmp_path):
    folder = tmp_path / E.EVIDENCE_FOLDER
    folder.mkdir()
    (folder / "reponse_preuve_a1b2c3d4.png").write_bytes(_png())
    _write(folder, [
        _entry(file="reponse_preuve_a1b2c3d4.png", alt_text="Statistiques des publications de février",
               figures=[{"label": "Taux d'engagement", "value": 4.2, "unit": "%"}], note="Calculé sur la portée."),
        _entry(id="b2c3d4e5", criterion="C1.1", link="https://www.facebook.com/page", date="2027-01-05"),
    ])
    entries = E.load_evidence(tmp_path)  # the course root holding preuves/ works too
    assert [e.criterion for e in entries] == ["C1.1", "C5.3"]
    capture = entries[1]
    assert capture.kind == "capture" and capture.path == folder / "reponse_preuve_a1b2c3d4.png"
    assert capture.screenshot_ok and capture.alt_text.startswith("Statistiques")
    assert capture.figure.value == 4.2 and capture.date == TODAY
    assert entries[0].kind == "lien" and entries[0].path is None
    assert E.load_evidence(tmp_path / "ailleurs") == []


def test_broken_files_never_raise(tmp_path):
    folder = tmp_path / E.EVIDENCE_FOLDER
    folder.mkdir()
    (folder / E.EVIDENCE_FILE).write_text("{pas du json", encoding="utf-8")
    record = E.read_evidence(folder)
    assert record.entries == [] and record.unreadable and "JSON" in record.problems[0]
    _write(folder, [_entry(link="https://example.org/x"), _entry(id="zz", note="seule")])
    record = E.read_evidence(folder)
    assert len(record.entries) == 1 and "Preuve n° 2 laissée de côté" in record.problems[0]


def test_missing_evidence_names_what_the_jury_wants_for_all_24_criteria(tmp_path):
    missing = E.missing_evidence([])
    assert list(missing) == [c.id for c in referentiel.CRITERIA]
    assert all(missing[c] for c in missing)
    assert set(E.NEEDS) == set(missing)
    folder = tmp_path / E.EVIDENCE_FOLDER
    folder.mkdir()
    (folder / "reponse_preuve_a1b2c3d4.png").write_bytes(_png())
    _write(folder, [_entry(criterion="C7.4", figures=[{"label": "CPC", "value": 0.41, "unit": "€"}]),
                    _entry(id="b2c3d4e5", criterion="C4.4", file="reponse_preuve_a1b2c3d4.png",
                           alt_text="Une story de la boulangerie")])
    missing = E.missing_evidence(E.load_evidence(folder))
    assert missing["C7.4"] == []
    assert missing["C4.4"] == ["des captures de formats différents (publication, story, reel…) (encore 1)"]


def test_the_check_fails_on_missing_evidence_and_passes_on_complete_evidence(tmp_path):
    folder = tmp_path / E.EVIDENCE_FOLDER
    results = check_evidence(folder)
    assert len(results) == 24 and all(not r.passed for r in results)
    c53 = next(r for r in results if r.criterion == "C5.3")
    assert "Il manque le taux d'engagement calculé" in " ".join(c53.missing)
    folder.mkdir()
    (folder / "reponse_preuve_a1b2c3d4.png").write_bytes(_png())
    _write(folder, [_entry(file="reponse_preuve_a1b2c3d4.png", alt_text="Statistiques des publications de février",
                           figures=[{"label": "Taux d'engagement", "value": 4.2, "unit": "%"}])])
    c53 = next(r for r in check_evidence(folder) if r.criterion == "C5.3")
    assert c53.passed and c53.points == 2
    (folder / "reponse_preuve_a1b2c3d4.png").write_bytes(b"plus une image")  # a screenshot replaced by junk
    c53 = next(r for r in check_evidence(folder) if r.criterion == "C5.3")
    assert not c53.passed and any("introuvable" in text for text in c53.missing)
    html = evidence_table(folder)
    assert "<caption" in html and "C7.4" in html and "Ce que le jury voudra encore voir" in html


def test_lesson_00_records_a_first_evidence_and_guides_learners_without_a_company():
    import nbformat

    from course_support import REPO

    nb = nbformat.read(str(REPO / "course" / "00_introduction.ipynb"), as_version=4)
    cells = [c for c in nb.cells if c.cell_type == "code" and "EvidenceRecorder(" in c.source]
    assert len(cells) == 1 and cells[0].metadata["jupyter"]["source_hidden"] and not cells[0].metadata["editable"]
    text = "\n".join(c.source for c in nb.cells if c.cell_type == "markdown")
    agreement = text[text.index("AUTORISATION DE GESTION"):]
    for part in ("Pages concernées", "Accès", "Aucun mot de passe", "Durée", "Droit à l'image",
                 "Ce que l'apprenant(e) peut publier", "structure retire alors l'accès"):
        assert part in agreement, part
    assert "Ce qu'une page demande" in text and "association" in text
