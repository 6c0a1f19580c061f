import pytest

from autograder.accessibility import (
    alt_text_report,
    check_audio_description,
    check_srt,
    colour_blind_contrasts,
    contrast_ratio,
    contrast_verdict,
    distinguishable,
    format_timestamp,
    is_large_text,
    parse_colour,
    simulate,
    to_srt,
)

GOOD_SRT = """1
00:00:00,500 --> 00:00:03,000
Bonjour, c'est Léa.

2
00:00:03,200 --> 00:00:06,500
Voici notre pain au levain,
cuit chaque matin.
"""


def test_contrast_matches_wcag_examples():
    assert contrast_ratio("#777777", "#FFFFFF") == pytest.approx(4.48, abs=0.005)
    assert contrast_ratio("#000", "#fff") == pytest.approx(21)
    assert contrast_ratio("#FFFFFF", "#777777") == pytest.approx(contrast_ratio("#777777", "#FFFFFF"))


def test_verdicts_for_normal_and_large_text():
    grey = contrast_verdict("#777777", "#FFFFFF")
    assert not grey.aa and "insuffisant" in grey.text and "4,50:1" in grey.text
    assert contrast_verdict("#777777", "#FFFFFF", large=True).aa
    black = contrast_verdict("#1F1A17", "#FBF4E6")
    assert black.aa and black.aaa
    assert is_large_text(18) and is_large_text(14, bold=True) and not is_large_text(14)


@pytest.mark.parametrize("bad", ["rouge", "#12345", "12AB34", None, "#GGGGGG", 123])
def test_bad_colours_get_a_french_message(bad):
    with pytest.raises(ValueError, match="hexadécimal"):
        parse_colour(bad)


def test_colour_blindness_simulation_uses_real_filters():
    # pure red loses most of its brightness for a protanope, not for a tritanope
    assert contrast_ratio(simulate("#FF0000", "protanopie"), "#000000") < contrast_ratio("#FF0000", "#000000")
    assert simulate("#000000", "deutéranopie") == "#000000"
    ratios = colour_blind_contrasts("#D55E00", "#009E73")
    assert set(ratios) == {"vision typique", "protanopie", "deutéranopie", "tritanopie"}
    assert not all(distinguishable("#FF0000", "#00AA00").values())  # red/green: the classic trap
    assert all(distinguishable("#0072B2", "#F0E442").values())  # Okabe-Ito blue/yellow survives
    with pytest.raises(ValueError, match="Déficience inconnue"):
        simulate("#FF0000", "achromatopsie")


@pytest.mark.parametrize("alt, needle", [
    (None, "absent"), ("", "vide"), ("IMG_2034.JPG", "nom de fichier"), ("Image de pain", "image de"),
    ("photo", "ne décrit rien"), ("Pain pain", "trop court"), ("pain " * 300, "trop long"),
])
def test_bad_alt_texts_are_explained(alt, needle):
    report = alt_text_report(alt)
    assert not report.ok and any(needle in issue for issue in report.issues)


def test_good_alt_text_and_text_in_image():
    alt = "Trois pains au levain dorés sur une planche en bois, avec le texte « Fournée du jour »"
    assert alt_text_report(alt, image_text="Fournée du jour").ok
    report = alt_text_report("Trois pains au levain dorés sur une planche en bois", image_text="Soldes -20 % ce week-end")
    assert not report.ok and "texte incrusté" in report.issues[0]
    assert not alt_text_report("Trois pains au levain dorés sur une planche", limit=20).ok


def test_good_srt_parses():
    report = check_srt(GOOD_SRT)
    assert report.ok and len(report.cues) == 2 and report.cues[1].lines[1] == "cuit chaque matin."
    assert check_srt(to_srt([(c.start, c.end, "\n".join(c.lines)) for c in report.cues])).ok
    assert format_timestamp(3661.5) == "01:01:01,500"


@pytest.mark.parametrize("text, needle", [
    ("", "vide"),
    ("1\n00:00:01.000 --> 00:00:02,000\nBonjour", "horodatage"),
    ("2\n00:00:01,000 --> 00:00:02,000\nBonjour", "numéro 2 au lieu de 1"),
    ("1\n00:00:03,000 --> 00:00:02,000\nBonjour", "après le début"),
    ("1\n00:00:01,000 --> 00:00:03,000\nBonjour\n\n2\n00:00:02,000 --> 00:00:04,000\nSalut", "chevauche"),
    ("Bonjour tout le monde", "trois parties"),
    (42, "texte au format SRT"),
])
def test_malformed_srt_is_explained(text, needle):
    report = check_srt(text)
    assert not report.well_formed and any(needle in e for e in report.errors)


def test_hard_to_read_srt_gets_warnings():
    fast = "1\n00:00:00,000 --> 00:00:01,000\nUne phrase beaucoup trop longue pour une seconde\n"
    report = check_srt(fast)
    assert report.well_formed and not report.ok
    assert any("caractères par seconde" in w for w in report.warnings)
    assert any("42 au plus" in w for w in report.warnings)


def test_audio_description_script():
    good = "[00:00:01] Léa pétrit la pâte au comptoir.\n[00:00:05] Gros plan sur les croissants dorés."
    assert check_audio_description(good, duration=10).ok
    bad = "00:00:01 Léa pétrit\n[00:00:05] Pains.\n[00:00:03] Léa sourit à la caméra.\n[00:00:30] Fin de la vidéo ici."
    report = check_audio_description(bad, duration=20)
    joined = " ".join(report.errors)
    assert not report.ok
    for needle in ("ne suit pas le format", "trop courte", "après celui", "dépasse la durée"):
        assert needle in joined
    assert not check_audio_description("").ok
