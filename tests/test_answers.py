import datetime as dt
import json
from pathlib import Path

import pytest

from autograder.answers import (
    AnswerStore,
    answers_path,
    counts_fr,
    load_answers,
    parse_choice,
    parse_choices,
    parse_number,
    parse_paris_datetime,
    parse_percent,
    parse_ranking,
    parse_table,
    parse_text,
    save_answer_file,
    text_counts,
)
from autograder.results import LearnerInputError
from autograder.storage import UnreadableWork

PNG = b"\x89PNG\r\n\x1a\n" + b"\x00" * 20
SRT = b"1\n00:00:01,000 --> 00:00:03,000\nBonjour !\n"


# -- the answers file ------------------------------------------------------------------------------------------

def test_answers_path():
    assert answers_path("/cours/exercises", "01_choisir") == Path("/cours/exercises/reponses_01_choisir.json")
    assert AnswerStore.for_notebook("01_choisir", "/cours").path == Path("/cours/reponses_01_choisir.json")


def test_store_saves_reloads_and_clears(tmp_path):
    path = answers_path(tmp_path, "01")
    store = AnswerStore(path)
    assert store.values() == {} and load_answers(path) == {}  # missing file: no answers
    store.set("q1", 12.5)
    store.set("q2", ["linkedin", "facebook"])
    data = json.loads(path.read_text(encoding="utf-8"))
    assert data["schema_version"] == 1
    assert data["answers"]["q1"]["value"] == 12.5
    saved_at = dt.datetime.fromisoformat(data["answers"]["q1"]["saved_at"])
    assert saved_at.utcoffset() in (dt.timedelta(hours=1), dt.timedelta(hours=2))  # Paris time
    # a restarted kernel: a new store on the same file
    again = AnswerStore(path)
    assert again.get("q2") == ["linkedin", "facebook"] and again.get("q3", "rien") == "rien"
    again.clear("q1")
    assert load_answers(path) == {"q2": ["linkedin", "facebook"]}


def test_two_stores_on_one_file_keep_each_other_s_answers(tmp_path):
    path = answers_path(tmp_path, "01")
    first, second = AnswerStore(path), AnswerStore(path)
    first.set("q1", 1)
    second.set("q2", 2)
    assert load_answers(path) == {"q1": 1, "q2": 2}


def test_store_refuses_nan_and_bad_ids(tmp_path):
    store = AnswerStore(tmp_path / "r.json")
    with pytest.raises(LearnerInputError, match="non finie"):
        store.set("q1", float("nan"))
    with pytest.raises(ValueError, match="identifiant de question invalide"):
        store.set("../q1", 1)
    assert not (tmp_path / "r.json").exists()


def test_corrupt_file_is_set_aside_never_overwritten(tmp_path):
    path = answers_path(tmp_path, "01")
    path.write_text("{pas du json", encoding="utf-8")
    found = load_answers(path)  # the grader only reads
    assert found == {} and isinstance(found, UnreadableWork) and "n'est pas un JSON valide" in found.message
    assert path.exists()
    store = AnswerStore(path)  # a widget opens it: set aside, French message
    assert store.values() == {} and "mis de côté" in store.load_message
    kept = list(tmp_path.glob("reponses_01.json.corrompu-*"))
    assert len(kept) == 1 and kept[0].read_text(encoding="utf-8") == "{pas du json"
    assert "mis de côté" in load_answers(path).message  # nothing replaced it yet
    store.set("q1", 3)
    assert load_answers(path) == {"q1": 3}
    assert kept[0].read_text(encoding="utf-8") == "{pas du json"


def test_a_file_that_is_not_an_answers_file(tmp_path):
    path = tmp_path / "r.json"
    path.write_text("[1, 2]", encoding="utf-8")
    assert "n'est pas un fichier de réponses" in load_answers(path).message
    store = AnswerStore(path)
    assert "mis de côté" in store.load_message and store.values() == {}
    # malformed entries are left out, good ones kept
    path.write_text(json.dumps({"answers": {"q1": {"value": 4}, "q2": "brut", "../x": {"value": 1}}}),
                    encoding="utf-8")
    assert load_answers(path) == {"q1": 4}


# -- numbers and percentages ------------------------------------------------------------------------------

@pytest.mark.parametrize("text, expected", [
    ("1 520,5", 1520.5), ("1\u202f520,5", 1520.5), ("1\u00a0520", 1520), ("12,5 €", 12.5), ("12,5€", 12.5),
    ("12 euros", 12), ("3.2", 3.2), (" -4 ", -4), ("\u22124,5", -4.5), (",5", 0.5), (7, 7), (2.5, 2.5),
])
def test_parse_number_reads_french_numbers(text, expected):
    assert parse_number(text, unit="€") == expected


@pytest.mark.parametrize("text, message", [
    ("douze", "« douze » n'est pas un nombre lisible \\(en €\\) ; écrivez par exemple «\u00a01\u00a0520,5\u00a0», "
              "«\u00a012,5\u00a0€\u00a0»"),
    ("12 kg", "« kg » après le nombre n'est pas attendu ; écrivez un nombre en €"),
    ("1.520,5", "mêle point et virgule"),
    ("1 5", "n'est pas un nombre lisible"),
    ("", "la case est vide"),
    (True, "pas une case à cocher"),
    (float("inf"), "un nombre fini"),
    ("9" * 400, "bien trop grand"),
])
def test_parse_number_says_what_was_expected(text, message):
    with pytest.raises(LearnerInputError, match=message):
        parse_number(text, "Budget", unit="€")


def test_parse_number_units_bounds_integers():
    with pytest.raises(LearnerInputError, match="« € » après le nombre n'est pas attendu ; écrivez un nombre sans "):
        parse_number("12 €", "Clics")
    with pytest.raises(LearnerInputError, match="Clics : 2,5 n'est pas un nombre entier"):
        parse_number("2,5", "Clics", integer=True)
    assert parse_number("250", "Clics", integer=True) == 250
    with pytest.raises(LearnerInputError, match="trop petit ; au moins 0\u00a0€"):
        parse_number("-3", "Budget", unit="€", minimum=0)
    with pytest.raises(LearnerInputError, match="trop grand ; au plus 500\u00a0€"):
        parse_number("501", "Budget", unit="€", maximum=500)


@pytest.mark.parametrize("text, expected", [
    ("4,5 %", 4.5), ("4,5%", 4.5), ("4,5", 4.5), ("12 pour cent", 12), ("0,045 %", 0.045), ("0", 0), ("100", 100),
    (4.5, 4.5),
])
def test_parse_percent_reads_points_of_percentage(text, expected):
    assert parse_percent(text) == expected


def test_parse_percent_refuses_a_proportion_and_out_of_range():
    with pytest.raises(LearnerInputError, match="« 0,045 » ressemble à une proportion ; écrivez le pourcentage, ici "
                                                "« 4,5\u00a0% »"):
        parse_percent("0,045", "Taux d'engagement")
    with pytest.raises(LearnerInputError, match="120\u00a0% est trop grand"):
        parse_percent("120 %")
    with pytest.raises(LearnerInputError, match="« € » après le nombre n'est pas attendu ; écrivez un nombre en %"):
        parse_percent("12 €")


# -- dates and times --------------------------------------------------------------------------------------

def test_parse_paris_datetime_winter_and_summer():
    winter = parse_paris_datetime("24/03/2026 18:30")
    summer = parse_paris_datetime((dt.date(2026, 7, 24), 18, 30))
    assert winter.tzinfo is not None and winter.utcoffset() == dt.timedelta(hours=1)
    assert summer.utcoffset() == dt.timedelta(hours=2) and (summer.hour, summer.minute) == (18, 30)
    assert parse_paris_datetime("2026-03-29 03:00").utcoffset() == dt.timedelta(hours=2)  # just after the change
    # twice in the night of October: the first one, still summer time
    assert parse_paris_datetime("25/10/2026 02:30").utcoffset() == dt.timedelta(hours=2)
    aware = dt.datetime(2026, 7, 24, 16, 30, tzinfo=dt.UTC)
    assert parse_paris_datetime(aware).hour == 18


def test_parse_paris_datetime_refuses_in_french():
    with pytest.raises(LearnerInputError, match="le 29/03/2026 à 02:30 n'existe pas à Paris : cette nuit-là, on passe "
                                                "à l'heure d'été"):
        parse_paris_datetime((dt.date(2026, 3, 29), 2, 30), "Publication")
    with pytest.raises(LearnerInputError, match="« demain » n'est pas une date et heure lisible ; formats acceptés"):
        parse_paris_datetime("demain")
    with pytest.raises(LearnerInputError, match="choisissez une date"):
        parse_paris_datetime((None, 18, 0))
    with pytest.raises(LearnerInputError, match="une heure de 0 à 23"):
        parse_paris_datetime((dt.date(2026, 3, 24), 24, 0))


# -- texts --------------------------------------------------------------------------------------------------

def test_parse_text_trims_and_counts():
    assert parse_text("  Bonjour à tous !  \n") == "Bonjour à tous !"
    assert text_counts("  Bonjour à tous ! ") == (4, 16)
    assert counts_fr("Bonjour") == "1 mot, 7 caractères" and counts_fr("") == "0 mot, 0 caractère"
    long = parse_text("Ligne un   \n\nLigne deux", min_words=4, max_chars=200)
    assert long == "Ligne un\n\nLigne deux"


@pytest.mark.parametrize("text, bounds, message", [
    ("   ", {}, "la réponse est vide"),
    ("Trop court", {"min_words": 5}, "2 mots, 10 caractères ; au moins 5 mots étaient attendus"),
    ("un deux trois", {"max_words": 2}, "2 mots au plus étaient attendus, raccourcissez"),
    ("x" * 151, {"max_chars": 150}, "150 caractères au plus"),
    ("court", {"min_chars": 20}, "au moins 20 caractères"),
    (12, {}, "un texte était attendu"),
])
def test_parse_text_refuses_in_french(text, bounds, message):
    with pytest.raises(LearnerInputError, match=message):
        parse_text(text, "Description", **bounds)


# -- tables -------------------------------------------------------------------------------------------------

AGES = ["18-24 ans", "25-34 ans", "35-44 ans", "45 ans et plus"]


def test_parse_table_of_shares():
    shares = parse_table({"18-24 ans": "12,5 %", "25-34 ans": "30", "35-44 ans": "27,5", "45 ans et plus": 30},
                         AGES, "Part par âge")
    assert shares == {"18-24 ans": 12.5, "25-34 ans": 30, "35-44 ans": 27.5, "45 ans et plus": 30}
    # rounded shares may miss 100 by a point
    assert sum(parse_table(dict(zip(AGES, ["12", "30", "28", "30,6"], strict=True)), AGES).values()) == 100.6


@pytest.mark.parametrize("cells, message", [
    ({"18-24 ans": "12", "25-34 ans": "30", "35-44 ans": "28", "45 ans et plus": "20"},
     "les valeurs font 90\u00a0% au total ; elles doivent faire 100\u00a0% \\(à 1 près\\)"),
    ({"18-24 ans": "12", "25-34 ans": "", "35-44 ans": "28", "45 ans et plus": "60"},
     "la case « 25-34 ans » est vide ; écrivez 0"),
    ({"18-24 ans": "douze", "25-34 ans": "30", "35-44 ans": "28", "45 ans et plus": "30"},
     "Part par âge, « 18-24 ans » : « douze » n'est pas un nombre lisible"),
    ({"18-24 ans": "10", "13-17 ans": "90"}, "ligne inconnue « 13-17 ans »"),
    ("10, 20, 70", "un tableau \\(une valeur par ligne\\) était attendu"),
])
def test_parse_table_refuses_in_french(cells, message):
    with pytest.raises(LearnerInputError, match=message):
        parse_table(cells, AGES, "Part par âge")


def test_the_examples_of_a_message_are_in_the_unit_asked_for():
    with pytest.raises(LearnerInputError) as minutes:
        parse_table({"lundi": "vingt", "mardi": "40"}, percent=False, total=None, unit="min")
    assert "«\u00a012,5\u00a0min\u00a0»" in str(minutes.value) and "€" not in str(minutes.value)
    with pytest.raises(LearnerInputError) as bare:
        parse_number("", "Nombre de clics")
    assert "«\u00a012,5\u00a0»" in str(bare.value) and "€" not in str(bare.value)


def test_a_total_without_tolerance_says_nothing_of_tolerance():
    with pytest.raises(LearnerInputError) as exact:
        parse_table({"lundi": "20", "mardi": "30"}, percent=False, total=60, tolerance=0, unit="min")
    assert "doivent faire 60\u00a0min. Vérifiez" in str(exact.value) and "près" not in str(exact.value)
    with pytest.raises(LearnerInputError, match="\\(à 2 près\\)"):
        parse_table({"lundi": "20", "mardi": "30"}, percent=False, total=60, tolerance=2, unit="min")


def test_parse_table_of_amounts_without_total():
    assert parse_table({"janvier": "1 200 €", "février": "980"}, percent=False, total=None, unit="€") == {
        "janvier": 1200, "février": 980}


# -- choices --------------------------------------------------------------------------------------------------

OPTIONS = [("Facebook", "facebook"), ("Instagram", "instagram"), ("LinkedIn", "linkedin")]


def test_choices_and_ranking():
    assert parse_choice("instagram", OPTIONS) == "instagram"
    with pytest.raises(LearnerInputError, match="choisissez une réponse"):
        parse_choice(None, OPTIONS)
    with pytest.raises(LearnerInputError, match="« tiktok » n'est pas une des réponses proposées"):
        parse_choice("tiktok", OPTIONS)
    assert parse_choices(["linkedin", "facebook"], OPTIONS) == ["facebook", "linkedin"]  # options' order
    with pytest.raises(LearnerInputError, match="cochez au moins 1 réponse"):
        parse_choices([], OPTIONS)
    with pytest.raises(LearnerInputError, match="3 réponses cochées ; 2 au plus"):
        parse_choices(["facebook", "instagram", "linkedin"], OPTIONS, maximum=2)
    assert parse_ranking(["linkedin", "facebook", "instagram"], OPTIONS) == ["linkedin", "facebook", "instagram"]
    with pytest.raises(LearnerInputError, match="une fois et une seule"):
        parse_ranking(["linkedin", "linkedin", "instagram"], OPTIONS)


# -- files ----------------------------------------------------------------------------------------------------

def test_save_answer_file(tmp_path):
    saved = save_answer_file(tmp_path, "q7", "Mon affiche.PNG", PNG)
    assert saved == {"file": "reponse_q7.png", "original": "Mon affiche.PNG", "kind": "png", "bytes": len(PNG)}
    assert (tmp_path / "reponse_q7.png").read_bytes() == PNG
    assert save_answer_file(tmp_path, "q8", "video.srt", SRT, kinds=("srt",))["file"] == "reponse_q8.srt"
    # the content decides, not the name; the name cannot leave the folder
    assert save_answer_file(tmp_path, "q9", "../../x.srt", PNG)["file"] == "reponse_q9.png"
    assert not (tmp_path.parent / "x.srt").exists()


@pytest.mark.parametrize("name, content, kinds, message", [
    ("notes.txt", b"bonjour", ("png", "jpg", "srt"), "n'est ni une image PNG ou JPEG, ni un fichier de sous-titres"),
    ("image.png", PNG, ("srt",), "« image.png » est une image PNG ; attendu : sous-titres SRT"),
    ("vide.png", b"", ("png",), "« vide.png » est vide"),
    ("sous-titres.srt", b"\xff\xfe\x00bad", ("srt",), "doit être un texte UTF-8"),
])
def test_save_answer_file_refuses_in_french(tmp_path, name, content, kinds, message):
    with pytest.raises(LearnerInputError, match=message):
        save_answer_file(tmp_path, "q1", name, content, kinds)
    assert not list(tmp_path.iterdir())
