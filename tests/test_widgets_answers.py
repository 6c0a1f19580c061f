import datetime as dt
import json

import ipywidgets as w
import pytest

from autograder.answers import AnswerStore, answers_path, load_answers
from autograder.results import CheckResult
from autograder.widgets.answers import (
    ChoiceAnswer,
    DateTimeAnswer,
    FileAnswer,
    MultiChoiceAnswer,
    NumberAnswer,
    PercentAnswer,
    RankedAnswer,
    TableAnswer,
    TextAnswer,
)
from autograder.widgets.question import Question, expect_choice, expect_choices, expect_number

PNG = b"\x89PNG\r\n\x1a\n" + b"\x00" * 20
NETWORKS = [("Facebook", "facebook"), ("Instagram", "instagram"), ("LinkedIn", "linkedin"), ("TikTok", "tiktok")]
NOW = dt.datetime.now(dt.UTC)
AGES = ["18-24 ans", "25-34 ans", "35-44 ans", "45 ans et plus"]


@pytest.fixture
def path(tmp_path):
    return answers_path(tmp_path, "01_essai")


def saved(path):
    return load_answers(path)


def _controls(widget):
    """Every control inside ``widget`` (boxes opened)."""
    found = []
    for child in getattr(widget, "children", ()):
        found.append(child)
        found.extend(_controls(child))
    return found


def test_every_control_has_a_french_label_and_no_slider(path):
    widgets = [
        NumberAnswer("a", path, "Budget", unit="€"), PercentAnswer("b", path, "Taux"),
        ChoiceAnswer("c", path, "Réseau", NETWORKS), MultiChoiceAnswer("d", path, "Réseaux", NETWORKS),
        RankedAnswer("e", path, "Ordre", NETWORKS), DateTimeAnswer("f", path, "Publication"),
        TextAnswer("g", path, "Description"), TableAnswer("h", path, "Parts", AGES), FileAnswer("i", path, "Visuel"),
    ]
    for widget in widgets:
        for control in _controls(widget):
            assert not isinstance(control, w.widgets.widget_int._IntRange | w.FloatSlider | w.IntSlider
                                  | w.ColorPicker)
            if isinstance(control, w.DOMWidget) and hasattr(control, "description") \
                    and not isinstance(control, w.HTML | w.Box | w.Label):
                assert control.description or control.tooltip, f"{type(widget).__name__} : {control!r}"


def test_number_answer(path):
    budget = NumberAnswer("budget", path, "Budget", unit="€", minimum=0)
    assert budget._field.description == "Budget (en €)" and budget.value is None
    budget._field.value = "douze"  # wrong: a French message, nothing saved
    assert budget._status.kind == "erreur" and "« douze » n'est pas un nombre lisible" in budget._status.message
    assert budget.value is None and not path.exists()
    budget._field.value = "1 520,5 €"  # right: saved
    assert budget.value == 1520.5 and saved(path) == {"budget": 1520.5}
    assert budget._status.kind == "ok" and "1520,5" in budget._status.message
    budget._field.value = "-3"  # wrong again: the last good answer is kept
    assert "trop petit" in budget._status.message and "conservée" in budget._status.message
    assert saved(path) == {"budget": 1520.5}
    # a restarted kernel: a new widget on the same file shows the saved answer
    again = NumberAnswer("budget", path, "Budget", unit="€", minimum=0)
    assert again.value == 1520.5 and again._field.value == "1520,5\u00a0€"


def test_number_answer_integer(path):
    clicks = NumberAnswer("clics", path, "Clics", integer=True)
    clicks._field.value = "2,5"
    assert "n'est pas un nombre entier" in clicks._status.message and clicks.value is None
    clicks._field.value = "250"
    assert clicks.value == 250 and isinstance(clicks.value, int)


def test_percent_answer(path):
    rate = PercentAnswer("taux", path, "Taux d'engagement")
    rate._field.value = "0,045"
    assert "ressemble à une proportion" in rate._status.message and rate.value is None
    rate._field.value = "4,5 %"
    assert rate.value == 4.5 and rate._status.message == "Réponse enregistrée : 4,5\u00a0%."
    assert PercentAnswer("taux", path, "Taux d'engagement")._field.value == "4,5\u00a0%"


def test_choice_answer_and_question(path):
    choice = ChoiceAnswer("reseau", path, "Le réseau le plus adapté", NETWORKS)
    assert choice._radio.description == "Le réseau le plus adapté" and choice._radio.value is None
    question = Question(choice, expect_choice("C1.1", "Réseau principal", "linkedin",
                                              explanations={"tiktok": "TikTok touche surtout les moins de 25 ans."}),
                        hint="Pensez au marché B2B.", solution="LinkedIn : le réseau des professionnels.")
    question._verify.click()  # no answer yet
    assert question._status.kind == "erreur" and "Répondez d'abord" in question._status.message
    assert not question.solution_available
    question._show_solution.click()
    assert "Une solution" not in question._help.value
    choice._radio.value = "tiktok"  # a wrong answer fails
    assert saved(path) == {"reseau": "tiktok"}
    results = question.verify()
    assert not results[0].passed and "Pas encore : 0 / 1 point" in question._status.message
    assert "TikTok touche surtout" in question._cards.value and 'aria-live="polite"' in question._status.value
    assert question.solution_available  # after a first attempt
    question._show_solution.click()
    assert "LinkedIn : le réseau des professionnels." in question._help.value
    question._hint.click()
    assert "Pensez au marché B2B." in question._help.value
    choice._radio.value = "linkedin"  # a right one passes
    question._verify.click()
    assert question.results[0].passed and question._status.message == "Bravo, c'est juste : 1 / 1 point."
    assert ChoiceAnswer("reseau", path, "Le réseau le plus adapté", NETWORKS)._radio.value == "linkedin"


def test_multi_choice_answer(path):
    boxes = MultiChoiceAnswer("reseaux", path, "Réseaux retenus", NETWORKS, maximum=2)
    assert [b.description for b in boxes._boxes.values()] == ["Facebook", "Instagram", "LinkedIn", "TikTok"]
    assert "Réseaux retenus (2 au plus)" in boxes.children[0].value
    boxes._boxes["linkedin"].value = True
    boxes._boxes["facebook"].value = True
    assert boxes.value == ["facebook", "linkedin"]
    boxes._boxes["tiktok"].value = True  # one too many: refused, the box is unticked again
    assert "3 réponses cochées ; 2 au plus" in boxes._status.message and not boxes._boxes["tiktok"].value
    boxes._boxes["facebook"].value = False
    boxes._boxes["linkedin"].value = False  # none left: refused, the last good answer comes back
    assert "cochez au moins 1 réponse" in boxes._status.message and boxes._boxes["linkedin"].value
    assert saved(path) == {"reseaux": ["linkedin"]}
    check = expect_choices("C1.1", "Réseaux B2B", ["linkedin", "facebook"], NETWORKS, points=2)
    assert not check(boxes.value).passed and check(["facebook", "linkedin"]).passed
    assert MultiChoiceAnswer("reseaux", path, "Réseaux retenus", NETWORKS, maximum=2)._boxes["linkedin"].value


def test_ranked_answer(path):
    ranked = RankedAnswer("ordre", path, "Du plus adapté au moins adapté", NETWORKS)
    assert (ranked._up.description, ranked._down.description) == ("Monter", "Descendre")
    assert ranked._up.tooltip and ranked._down.tooltip
    ranked._up.click()  # the first item is chosen at first
    assert "« Facebook » est déjà premier" in ranked._status.message and ranked.value is None
    ranked._list.value = "linkedin"
    ranked._up.click()
    ranked._up.click()
    assert ranked.value == ["linkedin", "facebook", "instagram", "tiktok"]
    assert ranked._list.options[0] == ("1. LinkedIn", "linkedin") and ranked._list.value == "linkedin"
    ranked._up.click()
    assert "déjà premier" in ranked._status.message
    ranked._list.value = "facebook"
    ranked._down.click()
    assert saved(path)["ordre"] == ["linkedin", "instagram", "facebook", "tiktok"]
    again = RankedAnswer("ordre", path, "Du plus adapté au moins adapté", NETWORKS)
    assert [v for _, v in again._list.options] == ["linkedin", "instagram", "facebook", "tiktok"]
    # the order shown can be saved as it is
    other = RankedAnswer("ordre2", path, "Autre", NETWORKS)
    other._keep.click()
    assert saved(path)["ordre2"] == ["facebook", "instagram", "linkedin", "tiktok"]


def test_ranked_answer_refuses_a_hand_edited_file(path):
    AnswerStore(path).set("ordre", ["linkedin", "linkedin"])
    ranked = RankedAnswer("ordre", path, "Ordre", NETWORKS)
    assert ranked._status.kind == "erreur" and "répondez à nouveau" in ranked._status.message
    assert [v for _, v in ranked._list.options] == ["facebook", "instagram", "linkedin", "tiktok"]


def test_date_time_answer_in_paris_time(path):
    when = DateTimeAnswer("publication", path, "Publication")
    when._hour.value = 18
    assert "Choisissez aussi le jour" in when._status.message and when.value is None
    when._day.value = dt.date(2026, 3, 29)
    when._hour.value = 2
    when._minute.value = 30  # does not exist in Paris: summer time starts at 2:00
    assert when._status.kind == "erreur" and "n'existe pas à Paris" in when._status.message
    assert when.value == "2026-03-29T18:00:00+02:00"  # the last good answer (02:00 does not exist either)
    when._hour.value = 18
    assert when.value == "2026-03-29T18:30:00+02:00" and "heure d'été" in when._status.message
    assert when.datetime == dt.datetime(2026, 3, 29, 16, 30, tzinfo=dt.UTC)
    again = DateTimeAnswer("publication", path, "Publication")
    assert (again._day.value, again._hour.value, again._minute.value) == (dt.date(2026, 3, 29), 18, 30)


def test_text_answer_with_counter(path):
    bio = TextAnswer("bio", path, "Description", max_chars=150, min_words=3)
    assert bio._counter.value.count("0 mot, 0 caractère (150 caractères au plus)") == 1
    bio._field.value = "Boulangerie"
    assert "au moins 3 mots" in bio._status.message and bio.value is None
    assert "1 mot, 11 caractères" in bio._counter.value
    bio._field.value = "x " * 100
    assert "150 caractères au plus" in bio._status.message and bio.value is None
    bio._field.value = "  Boulangerie artisanale à Lyon 7e  "
    assert bio.value == "Boulangerie artisanale à Lyon 7e" and "5 mots, 32 caractères" in bio._counter.value
    long = TextAnswer("argument", path, "Votre argument", long=True)
    assert isinstance(long._field, w.Textarea)
    assert TextAnswer("bio", path, "Description", max_chars=150)._field.value == "Boulangerie artisanale à Lyon 7e"


def test_table_answer(path):
    table = TableAnswer("parts", path, "Part de l'audience par âge", AGES)
    assert [f.description for f in table._fields.values()][0] == "18-24 ans (en %)"
    table._fields["18-24 ans"].value = "12,5"
    assert table._status.kind == "info" and "Encore 3 cases à remplir" in table._status.message
    assert "Total des cases remplies : 12,5\u00a0%" in table._sum.value
    table._fields["25-34 ans"].value = "30"
    table._fields["35-44 ans"].value = "27,5 %"
    table._fields["45 ans et plus"].value = "20"  # 90 %: refused
    assert table._status.kind == "erreur" and "90\u00a0% au total" in table._status.message and table.value is None
    table._fields["45 ans et plus"].value = "30"
    assert table.value == {"18-24 ans": 12.5, "25-34 ans": 30, "35-44 ans": 27.5, "45 ans et plus": 30}
    again = TableAnswer("parts", path, "Part de l'audience par âge", AGES)
    assert again._fields["35-44 ans"].value == "27,5\u00a0%"


def test_a_table_of_minutes_speaks_of_minutes_and_of_no_tolerance_at_zero(path):
    table = TableAnswer("durees", path, "Temps de réponse", ["lundi", "mardi"], percent=False, total=60,
                        tolerance=0, unit="min")
    table._fields["lundi"].value = "vingt"
    table._fields["mardi"].value = "40"
    assert table._status.kind == "erreur" and "«\u00a012,5\u00a0min\u00a0»" in table._status.message
    assert "€" not in table._status.message
    table._fields["lundi"].value = "25"  # 65 min for 60: refused, with no « (à 0 près) »
    assert table._status.kind == "erreur" and "60\u00a0min" in table._status.message
    assert "près" not in table._status.message and table.value is None
    table._fields["lundi"].value = "20"
    assert table.value == {"lundi": 20, "mardi": 40}


def test_file_answer(path, tmp_path):
    upload = FileAnswer("visuel", path, "Votre visuel")
    assert upload._upload.description == "Choisir un fichier" and "image PNG" in upload._upload.tooltip
    upload._upload.value = ({"name": "notes.txt", "type": "text/plain", "size": 5, "content": memoryview(b"hello"),
                             "last_modified": NOW},)
    assert upload._status.kind == "erreur" and "n'est ni une image PNG" in upload._status.message
    assert upload.value is None
    upload._upload.value = ({"name": "Affiche.png", "type": "image/png", "size": len(PNG),
                             "content": memoryview(PNG), "last_modified": NOW},)
    assert upload.value == {"file": "reponse_visuel.png", "original": "Affiche.png", "kind": "png",
                            "bytes": len(PNG)}
    assert (tmp_path / "reponse_visuel.png").read_bytes() == PNG and upload.path == tmp_path / "reponse_visuel.png"
    assert "reponse_visuel.png" in FileAnswer("visuel", path, "Votre visuel")._saved.value
    (tmp_path / "reponse_visuel.png").unlink()  # the file left the folder: said in French
    assert "n'est plus à côté du notebook" in FileAnswer("visuel", path, "Votre visuel")._status.message


def test_srt_file_answer(path, tmp_path):
    subtitles = FileAnswer("soustitres", path, "Sous-titres", kinds=("srt",))
    subtitles._upload.value = ({"name": "image.png", "type": "image/png", "size": len(PNG),
                                "content": memoryview(PNG), "last_modified": NOW},)
    assert "attendu : sous-titres SRT" in subtitles._status.message
    srt = b"1\n00:00:01,000 --> 00:00:03,000\nBonjour !\n"
    subtitles._upload.value = ({"name": "video.srt", "type": "", "size": len(srt), "content": memoryview(srt),
                                 "last_modified": NOW},)
    assert subtitles.value["file"] == "reponse_soustitres.srt"


def test_widgets_share_one_file(path):
    NumberAnswer("a", path, "A")._field.value = "1"
    PercentAnswer("b", path, "B")._field.value = "2 %"
    TextAnswer("c", path, "C")._field.value = "trois"
    assert saved(path) == {"a": 1, "b": 2, "c": "trois"}
    data = json.loads(path.read_text(encoding="utf-8"))
    assert data["schema_version"] == 1 and set(data["answers"]["a"]) == {"value", "saved_at"}


def test_corrupt_answers_file_is_said_in_french(path, tmp_path):
    path.write_text('{"answers": {"a": ', encoding="utf-8")
    number = NumberAnswer("a", path, "Budget")
    assert number._status.kind == "erreur" and "n'est pas un JSON valide" in number._status.message
    assert "mis de côté" in number._status.message and number.value is None
    kept = list(tmp_path.glob("reponses_01_essai.json.corrompu-*"))
    assert len(kept) == 1 and kept[0].read_text(encoding="utf-8") == '{"answers": {"a": '
    number._field.value = "12"
    assert saved(path) == {"a": 12} and kept[0].read_text(encoding="utf-8") == '{"answers": {"a": '


def test_question_with_a_number_and_several_results(path):
    rate = PercentAnswer("taux", path, "Taux d'engagement")

    def check(value):
        first = expect_number("C5.3", "Taux d'engagement", 4.5, tolerance=0.05, unit="%",
                              how="Engagements ÷ portée × 100.")(value)
        second = CheckResult("C5.3", "Ordre de grandeur")
        second.add(1 <= value <= 10, 1, "Un taux entre 1 et 10 % est courant.", "Un taux hors de 1 à 10 % est rare.")
        return [first, second]

    question = Question(rate, check, hint="Divisez par la portée.", solution="120 ÷ 2 667 × 100 ≈ 4,5 %.",
                        title="Question 1", statement="Calculez le taux.\n\nArrondissez au dixième.")
    assert "Question 1" in question.children[0].value and question.children[1].value.count("<p") == 2
    rate._field.value = "45"
    question._verify.click()
    assert "Pas encore : 0 / 2 points" in question._status.message and "Engagements ÷ portée" in question._cards.value
    rate._field.value = "4,5 %"
    question._verify.click()
    assert question._status.message == "Bravo, c'est juste : 2 / 2 points."
    rate._field.value = "quatre"  # refused: the check is on the last good answer, and says so
    question._verify.click()
    assert question._status.message.startswith("Bravo, c'est juste : 2 / 2 points. Attention : votre dernière saisie "
                                               "n'a pas été enregistrée")


def test_question_says_in_french_when_the_check_refuses(path):
    choice = ChoiceAnswer("q", path, "Q", NETWORKS)

    def check(value):
        raise ValueError("Réponse illisible pour cette question.")

    question = Question(choice, check, hint="h", solution="s")
    choice._radio.value = "facebook"
    question._verify.click()
    assert question._status.kind == "erreur" and "Réponse illisible pour cette question" in question._status.message
    assert not question.solution_available


def test_an_answer_widget_must_say_how_it_reads_and_shows(tmp_path):
    import pytest

    from autograder.widgets.answers import AnswerWidget

    class Incomplete(AnswerWidget):
        pass

    with pytest.raises(TypeError, match="_read"):
        Incomplete("q1", tmp_path / "reponses.json", "Question", [])
