"""The evidence record widget (lesson 00), driven without a browser: upload, alt text, exports, reload."""

from __future__ import annotations

import datetime as dt
import io
import json
from datetime import UTC, datetime

from PIL import Image

from autograder import campaign
from autograder import evidence as E
from autograder.data.case_meta import build_exports
from autograder.widgets.evidence import EvidenceRecorder

TODAY = dt.date(2027, 2, 10)


def _upload(name: str, content: bytes, kind: str = "image/png") -> tuple:
    return ({"name": name, "type": kind, "size": len(content), "content": memoryview(content),
             "last_modified": datetime.now(UTC)},)


def _jpeg() -> bytes:
    buffer = io.BytesIO()
    Image.new("RGB", (30, 20), "#E69F00").save(buffer, "JPEG")
    return buffer.getvalue()


def _saved(folder) -> list[dict]:
    return json.loads((folder / E.EVIDENCE_FILE).read_text(encoding="utf-8"))["entries"]


def test_a_screenshot_is_saved_only_with_its_alt_text_and_reloaded(tmp_path):
    folder = tmp_path / "preuves"
    recorder = EvidenceRecorder(folder, criterion="C1.2", today=TODAY)
    recorder._upload.value = _upload("Ma page.jpg", _jpeg(), "image/jpeg")
    assert "texte alternatif" in recorder._status.message
    recorder._add.click()
    assert recorder._status.kind == "erreur" and "Texte alternatif" in recorder._status.message
    assert not (folder / E.EVIDENCE_FILE).exists() and not list(tmp_path.rglob("*.jpg"))  # nothing written
    recorder._alt.value = "La page de la boulangerie avec sa photo de couverture"
    recorder._note.value = "Couverture et bouton Commander ajoutés."
    recorder._add.click()
    assert recorder._status.kind == "ok"
    entry = _saved(folder)[0]
    assert entry["criterion"] == "C1.2" and entry["kind"] == "capture" and entry["original"] == "Ma page.jpg"
    assert (folder / entry["file"]).read_bytes() == _jpeg()
    assert recorder._alt.value == "" and recorder._upload.value == ()
    again = EvidenceRecorder(folder, today=TODAY)  # a fresh kernel
    assert [e.alt_text for e in again.value] == ["La page de la boulangerie avec sa photo de couverture"]
    assert len(again._entries.options) == 1 and "C1.2" in again._table.value


def test_a_file_that_is_not_an_image_is_refused(tmp_path):
    recorder = EvidenceRecorder(tmp_path / "preuves", today=TODAY)
    recorder._upload.value = _upload("capture.png", b"%PDF-1.4 pas une image")
    assert recorder._status.kind == "erreur" and "PNG ou JPEG" in recorder._status.message
    assert recorder._pending is None


def test_a_link_and_a_figure_make_an_entry_and_bad_values_are_refused(tmp_path):
    folder = tmp_path / "preuves"
    recorder = EvidenceRecorder(folder, criterion="C5.2", today=TODAY)
    recorder._link.value = "facebook"
    recorder._add.click()
    assert "adresse web" in recorder._status.message and not (folder / E.EVIDENCE_FILE).exists()
    recorder._link.value = "https://business.facebook.com/latest/insights"
    recorder._figure_label.value = "Part des 25-34 ans"
    recorder._figure_value.value = "beaucoup"
    recorder._add.click()
    assert "n'est pas un nombre" in recorder._status.message
    recorder._figure_value.value = "38 %"
    recorder._date.value = TODAY + dt.timedelta(days=3)
    recorder._add.click()
    assert "dans le futur" in recorder._status.message
    recorder._date.value = TODAY
    recorder._add.click()
    entry = _saved(folder)[0]
    assert entry["figures"] == [{"label": "Part des 25-34 ans", "value": 38.0, "unit": "%"}]
    assert entry["kind"] == "chiffre" and entry["link"].startswith("https://")
    assert "Encore à montrer" in recorder._wanted.value  # C5.2 still wants a screenshot


def test_own_exports_load_as_evidence_for_c5_and_c7(tmp_path):
    folder = tmp_path / "preuves"
    recorder = EvidenceRecorder(folder, criterion="C1.1", today=TODAY)
    recorder._export_kind.value = "facebook_posts"
    recorder._export.value = _upload("export.csv", build_exports()["facebook_posts"].encode("utf-8"), "text/csv")
    assert recorder._status.kind == "ok", recorder._status.message
    recorder._export_kind.value = "ads"
    recorder._criterion.value = "C7.2"
    csv = campaign.case_campaign_results().to_csv(index=False).encode("utf-8")
    recorder._export.value = _upload("Resultats.csv", csv, "text/csv")
    entries = _saved(folder)
    assert [(e["criterion"], e["kind"], e["source"]) for e in entries] == [
        ("C5.3", "export", "export.csv"),  # a C1 criterion was chosen: the export's usual criterion is used
        ("C7.2", "export", "Resultats.csv")]
    assert any(f["label"] == "CPC (clic sur un lien)" for f in entries[1]["figures"])
    recorder._export.value = _upload("vide.csv", b"Nom;Prix\n", "text/csv")
    assert recorder._status.kind == "erreur" and "Rien n'a été enregistré" in recorder._status.message
    assert len(_saved(folder)) == 2


def test_removing_an_entry_and_a_corrupt_record(tmp_path):
    folder = tmp_path / "preuves"
    recorder = EvidenceRecorder(folder, today=TODAY)
    recorder._link.value = "https://www.facebook.com/page"
    recorder._add.click()
    recorder._entries.value = recorder._entries.options[0][1]
    recorder._remove.click()
    assert _saved(folder) == [] and recorder._remove.disabled
    (folder / E.EVIDENCE_FILE).write_text('{"entries": [{"id": "x"}]}', encoding="utf-8")
    broken = EvidenceRecorder(folder, today=TODAY)
    assert "mis de côté" in broken._status.message and broken.value == []


def test_every_control_is_labelled(tmp_path):
    recorder = EvidenceRecorder(tmp_path / "preuves", today=TODAY)
    for control in (recorder._criterion, recorder._alt, recorder._link, recorder._figure_label,
                    recorder._figure_value, recorder._date, recorder._note, recorder._export_kind, recorder._entries):
        assert control.description
    for button in (recorder._add, recorder._remove, recorder._upload, recorder._export):
        assert button.description and button.tooltip


def test_the_mock_certification_takes_in_lesson_00s_record_with_its_screenshots(tmp_path):
    lesson = tmp_path / "preuves"
    recorder = EvidenceRecorder(lesson, criterion="C2.4", today=TODAY)
    recorder._upload.value = _upload("alt.jpg", _jpeg(), "image/jpeg")
    recorder._alt.value = "Le champ texte alternatif rempli sur Instagram"
    recorder._add.click()
    recorder._criterion.value = "C1.1"
    recorder._link.value = "https://www.facebook.com/page"
    recorder._add.click()
    assert len(_saved(lesson)) == 2
    handed_in = tmp_path / "certification" / "preuves"
    mock = EvidenceRecorder(handed_in, today=TODAY, take_from=lesson)
    assert mock._take in mock.children
    mock._take.click()
    assert "2 preuve(s) reprise(s)" in mock._status.message
    taken = {e.criterion: e for e in E.load_evidence(handed_in)}
    assert set(taken) == {"C2.4", "C1.1"} and taken["C2.4"].screenshot_ok
    assert taken["C2.4"].path.parent == handed_in
    mock._take.click()  # nothing twice
    assert "0 preuve(s) reprise(s)" in mock._status.message and len(_saved(handed_in)) == 2
    (lesson / _saved(lesson)[0]["file"]).unlink()  # a screenshot deleted by hand is said, never copied
    (handed_in / E.EVIDENCE_FILE).unlink()
    fresh = EvidenceRecorder(handed_in, today=TODAY, take_from=lesson)
    fresh._take.click()
    assert "1 preuve(s) reprise(s)" in fresh._status.message and "introuvable" in fresh._status.message
    same = EvidenceRecorder(lesson, today=TODAY, take_from=lesson)
    same._take.click()
    assert same._status.kind == "erreur" and "rien à reprendre" in same._status.message
    plain = EvidenceRecorder(lesson, today=TODAY)
    assert plain._take not in plain.children
