import pytest

from autograder import content as C
from autograder.company import CASE_COMPANY
from autograder.results import LearnerInputError

GOOD = ("Nos bûches de Noël sont prêtes à la Croix-Rousse ! Réservez la vôtre avant le 20 décembre, en boutique "
        "ou en click & collect. 🎄 #LaFourneeDeLea #BucheDeNoel #Lyon")


def test_caption_report_on_a_good_caption():
    rep = C.analyse_caption(GOOD, "instagram", CASE_COMPANY)
    assert rep.limit == 2200 and rep.visible_chars == 125 and len(rep.visible_text) == 125
    assert rep.hashtags == ["LaFourneeDeLea", "BucheDeNoel", "Lyon"]
    assert rep.call_to_action and rep.address == "vouvoiement"
    assert "bûches de Noël" in rep.product_words and "Lyon" in rep.target_words
    assert len(rep.emojis) == 1 and rep.emojis_replacing_words == 0
    assert rep.readability is not None and rep.readability > 60


def test_caption_limit_of_x():
    rep = C.analyse_caption("a " * 200, "x")
    assert rep.over_limit and rep.limit == 280


def test_empty_caption_and_wrong_type():
    with pytest.raises(LearnerInputError, match="vide"):
        C.analyse_caption("   ", "instagram")
    with pytest.raises(LearnerInputError, match="illisible"):
        C.analyse_caption(None, "instagram")


@pytest.mark.parametrize("text,form", [
    ("Viens goûter nos croissants, tu vas adorer.", "tutoiement"),
    ("Venez goûter nos croissants, vous allez adorer.", "vouvoiement"),
    ("Venez goûter, tu vas adorer.", "mélange"),
    ("Le pain du jour est sorti du four.", None),
])
def test_address_form(text, form):
    assert C.address_form(text) == form


def test_emoji_position():
    assert C.analyse_caption("Le pain du jour est sorti du four, venez vite. 🥖", "instagram").emojis_grouped_at_end
    assert not C.analyse_caption("🥖 Le pain du jour est sorti du four, venez vite.", "instagram").emojis_grouped_at_end


def test_emoji_replacing_a_word_is_counted():
    assert C.analyse_caption("J'❤️ le pain de la maison", "instagram").emojis_replacing_words == 1
    assert C.analyse_caption("Le pain de la maison ❤️", "instagram").emojis_replacing_words == 0


def test_readability_prefers_short_sentences():
    easy = C.readability("Le pain est chaud. Venez le goûter. Il sort du four.")
    hard = C.readability("L'incontestable exceptionnalité organoleptique caractérisant nos préparations "
                         "boulangères traditionnelles nécessite indubitablement une dégustation approfondie.")
    assert easy > 60 > hard


def test_hashtag_report():
    rep = C.hashtag_report(["#LaFourneeDeLea", "Lyon", "lyon", "follow4follow", "instagood", "boulangerieartisanale"],
                           "instagram", CASE_COMPANY)
    assert rep.over_limit and rep.limit == 5
    assert rep.duplicates == ["lyon"] and rep.banned == ["follow4follow"] and rep.meaningless == ["instagood"]
    assert rep.not_camel == ["boulangerieartisanale"]
    assert rep.roles["LaFourneeDeLea"] == "marque" and rep.roles["Lyon"] == "locale"
    with pytest.raises(LearnerInputError, match="Hashtag invalide"):
        C.hashtag_report(["pain frais"], "instagram")
    with pytest.raises(LearnerInputError, match="Rôle"):
        C.hashtag_report(["Pain"], "instagram", roles={"Pain": "célèbre"})


def test_call_to_action_detection():
    assert C.has_call_to_action("Dites-nous votre viennoiserie préférée")
    assert C.has_call_to_action("Lien en bio pour commander")
    assert not C.has_call_to_action("Le pain du jour est sorti du four.")


def test_engagement_bait_is_not_a_call_to_action():
    """Meta demotes posts asking to tag, share, vote or comment (engagement bait): never a call to action."""
    for bait in ("Taguez un ami qui adore les galettes", "Identifiez un ami pour participer", "Partagez !",
                 "Votez pour votre galette", "Tague ton meilleur ami", "Commentez OUI si vous aimez"):
        assert not C.has_call_to_action(bait), bait
        assert C.engagement_bait(bait), bait
    assert C.has_call_to_action("Réservez la vôtre en boutique") and not C.engagement_bait("Réservez la vôtre")
    assert C.engagement_bait("Galettes à partager en famille, un moment de partage.") == []
    rep = C.analyse_caption("Nos galettes sont là ! Réservez la vôtre et identifiez un ami.", "instagram", CASE_COMPANY)
    assert rep.call_to_action and rep.engagement_bait == ["identifiez"]


def test_camel_case_accepts_single_capitalised_words():
    assert C.is_camel_case("#Boulangerie") and C.is_camel_case("Boulangerie") and C.is_camel_case("boulangerie")
    assert C.is_camel_case("BucheDeNoel") and C.is_camel_case("Viennoiseries")
    assert not C.is_camel_case("buchedenoel") and not C.is_camel_case("#boulangerieartisanale")
