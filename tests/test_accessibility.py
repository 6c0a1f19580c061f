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
    alt = "Trois pains au levain dorés sur une planche en bois, avec le texte « Fournée du jour »"
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


# -- real SRT files: tags, BOM and CRLF, numbering slips, missing blank lines, Windows-1252 ------------------
# As subtitle editors write them: BOM, CRLF, italics for an off-screen voice, {\an8} to lift a line to the top,
# a <font> colour for a speaker.
REAL_SRT = ("\ufeff1\r\n00:00:00,500 --> 00:00:02,500\r\n<i>(voix off) Six heures du matin.</i>\r\n\r\n"
            "2\r\n00:00:02,700 --> 00:00:05,000\r\n{\\an8}<font color=\"#FFFF00\">Léa :</font> Le four est chaud,\r\n"
            "<b>on enfourne !</b>\r\n\r\n"
            "3\r\n00:00:05,200 --> 00:00:07,000\r\n- Déjà ?\r\n- Déjà.\r\n")


def test_formatting_tags_are_not_counted_and_match_an_independent_parser():
    import srt

    report = check_srt(REAL_SRT)
    assert report.ok, report.warnings
    theirs = list(srt.parse(REAL_SRT.lstrip("\ufeff")))
    assert [(c.start, c.end) for c in report.cues] == [
        (s.start.total_seconds(), s.end.total_seconds()) for s in theirs]
    assert ["\n".join(c.lines) for c in report.cues] == [s.content for s in theirs]
    assert report.cues[1].plain_lines == ("Léa : Le four est chaud,", "on enfourne !")
    assert report.cues[0].text == "(voix off) Six heures du matin."
    # 42 visible characters in italics: fine; the same line counted with its tags would not be
    tagged = "1\n00:00:00,000 --> 00:00:04,000\n<i>" + "a" * 40 + "</i>\n"
    assert check_srt(tagged).ok


def test_a_numbering_slip_is_one_warning_not_an_error_per_block():
    slipped = GOOD_SRT + "\n4\n00:00:07,000 --> 00:00:09,000\nTrois.\n\n5\n00:00:09,500 --> 00:00:11,000\nQuatre.\n" \
                         "\n6\n00:00:11,500 --> 00:00:13,000\nCinq.\n"
    report = check_srt(slipped)
    assert report.well_formed and len(report.cues) == 5
    assert [w for w in report.warnings if "Numérotation" in w] == [
        "Numérotation qui saute au bloc 3 : numéro 4 après 2 : les lecteurs vidéo ignorent ces numéros, mais "
        "renumérotez les sous-titres 1, 2, 3… à la suite."]
    assert len(report.warnings) == 1
    twice = check_srt(slipped.replace("\n6\n", "\n9\n"))
    assert "et 1 autre(s) saut(s)" in twice.warnings[0] and len(twice.warnings) == 1


def test_a_missing_blank_line_is_named_as_such():
    glued = GOOD_SRT.replace("Léa.\n\n2\n", "Léa.\n2\n")
    report = check_srt(glued)
    assert not report.well_formed
    assert report.errors == ("Bloc 1 : il manque une ligne vide avant le sous-titre n° 2 (« 00:00:03,200 --> "
                             "00:00:06,500 ») ; chaque sous-titre se termine par une ligne vide.",)
    assert len(report.cues) == 2 and report.cues[0].lines == ("Bonjour, c'est Léa.",)
    assert not any("numéro" in e for e in report.errors)


def test_reading_speed_is_shown_to_one_decimal():
    fast = "1\n00:00:00,000 --> 00:00:02,000\n" + "b" * 35 + "\n"  # 17,5 characters per second
    (warning,) = check_srt(fast).warnings
    assert "17,5 caractères par seconde ; 17 au plus" in warning
    assert check_srt("1\n00:00:00,000 --> 00:00:02,000\n" + "b" * 34 + "\n").ok  # 17,0: allowed


def test_a_zero_length_cue_is_explained():
    report = check_srt("1\n00:00:01,000 --> 00:00:01,000\nBonjour\n")
    assert not report.well_formed
    assert "0 seconde et ne s'affichera jamais" in report.errors[0]


def test_windows_1252_and_utf16_subtitle_files(tmp_path):
    from autograder.accessibility import read_subtitles

    (tmp_path / "latin.srt").write_bytes(GOOD_SRT.encode("cp1252"))
    (tmp_path / "utf16.srt").write_bytes(("\ufeff" + GOOD_SRT).encode("utf-16-le"))
    (tmp_path / "utf8.srt").write_bytes(("\ufeff" + GOOD_SRT).encode("utf-8"))
    text, notes = read_subtitles(tmp_path / "latin.srt")
    assert "Léa" in text and "Windows-1252" in notes[0] and "UTF-8" in notes[0]
    assert read_subtitles(tmp_path / "utf16.srt") == (GOOD_SRT, ())
    assert read_subtitles(tmp_path / "utf8.srt") == (GOOD_SRT, ())
    latin = check_srt((tmp_path / "latin.srt").read_bytes())
    assert latin.well_formed and latin.cues[0].text == "Bonjour, c'est Léa." and "Windows-1252" in latin.warnings[0]
    assert check_srt((tmp_path / "utf16.srt").read_bytes()).ok
    (tmp_path / "nul.srt").write_bytes(b"1\n00:00:01,000 --> 00:00:02,000\nBonjour\x00\n")
    with pytest.raises(ValueError, match="octets nuls"):
        read_subtitles(tmp_path / "nul.srt")
    assert "XLSX" in check_srt(b"PK\x03\x04....").errors[0]


def test_french_reference_reading_speed_is_reported_apart():
    """Arcom's 12 characters per second is the French reference; 17 is the platforms' maximum (graded)."""
    from autograder.accessibility import SRT_FRENCH_CPS, check_srt

    srt = "1\n00:00:00,000 --> 00:00:02,000\n" + "a" * 20 + "\n\n2\n00:00:02,000 --> 00:00:04,000\n" + "b" * 30 + "\n"
    report = check_srt(srt)
    assert SRT_FRENCH_CPS == 12 and report.ok  # 10 and 15 characters per second: readable by the platforms' guides
    assert report.faster_than_french_reference == (2,)
