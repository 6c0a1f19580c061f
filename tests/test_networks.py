import pytest

from autograder.company import CASE_COMPANY
from autograder.networks import (
    AGE_BANDS,
    NETWORKS,
    OBJECTIVES,
    PAGE_FEATURES,
    SOURCES,
    assess,
    get_network,
    rank_for_company,
    rank_networks,
)


def test_instagram_limits_from_domain_facts():
    ig = get_network("instagram")
    assert ig.caption_limit == 2200 and ig.visible_chars == 125 and ig.hashtag_limit == 5
    assert (ig.placement("story").width, ig.placement("story").height) == (1080, 1920)
    assert ig.placement("feed_portrait").ratio_label == "4:5"


def test_aliases_and_unknown_network():
    assert get_network("Twitter").id == "x"
    with pytest.raises(KeyError, match="Réseau inconnu"):
        get_network("myspace")
    with pytest.raises(KeyError, match="Emplacement inconnu"):
        get_network("linkedin").placement("story")


def test_every_network_has_a_source_and_placements():
    for net in NETWORKS.values():
        assert net.source and net.placements and net.caption_limit > 0


def test_every_figure_names_a_known_source():
    for net in NETWORKS.values():
        assert net.source in SOURCES
        assert all(p.source in SOURCES for p in net.placements.values())
        assert all(f.source in SOURCES and 0 < f.share <= 100 for f in net.audience_facts)
        if net.visible_source:
            assert net.visible_source in SOURCES
        assert net.page is not None and net.page.source in SOURCES
    # the two figures that once had no source
    assert get_network("facebook").visible_source == "FB-FOLD" and "477" in SOURCES["FB-FOLD"]
    assert "NON CONFIRMÉ" in SOURCES["SNAP"]


def test_appraisals_are_complete_and_bounded():
    for net in NETWORKS.values():
        assert len(net.age_fit) == len(AGE_BANDS)
        assert set(net.objective_fit) == set(OBJECTIVES) and set(net.market_fit) == {"B2C", "B2B"}
        assert all(0 <= s <= 3 for s in (*net.age_fit, *net.objective_fit.values(), *net.market_fit.values()))
        assert all(f in PAGE_FEATURES for f in net.page.features)
        for pid in (net.page.profile_placement, net.page.cover_placement):
            assert pid is None or pid in net.placements


def test_audience_facts_match_domain_facts():
    shares = {n.id: {f.population: f.share for f in n.audience_facts} for n in NETWORKS.values()}
    assert shares["facebook"]["16-64 ans, usage mensuel"] == 72.3
    assert shares["linkedin"]["16-64 ans, usage mensuel"] == 25.3
    # the under-25 figures are Diplomeo's 2025 survey of 16-25-year-olds, not DataReportal's « 94 % »
    young = {net: shares[net]["16-25 ans"] for net in ("instagram", "snapchat", "tiktok", "linkedin", "facebook", "x")}
    assert young == {"instagram": 76, "snapchat": 63, "tiktok": 60, "linkedin": 43, "facebook": 38, "x": 28}
    assert all(f.source == "DIPLOMEO-2025" for n in NETWORKS.values() for f in n.audience_facts if f.population == "16-25 ans")
    assert "94 %" not in SOURCES["DR-2024"] and "diplomeo.com" in SOURCES["DIPLOMEO-2025"]


def test_every_audience_source_gives_a_public_reference():
    used = {f.source for n in NETWORKS.values() for f in n.audience_facts}
    for key in used:
        assert "http" in SOURCES[key] or any(w in SOURCES[key] for w in ("Médiamétrie", "rapport", "Rapport")), key


def test_unconfirmed_page_description_limit_is_a_course_habit():
    facebook, instagram = get_network("facebook").page, get_network("instagram").page
    assert facebook.bio_limit_is_habit and "REPÈRE DU COURS" in SOURCES["FB-FOLD"]
    assert not instagram.bio_limit_is_habit
    assert "recherche" in SOURCES["META-IG"] and "portée" in SOURCES["META-IG"]


def test_ranking_for_case_company_puts_meta_first_and_warns_on_linkedin():
    ranked = rank_for_company(CASE_COMPANY)
    assert [r.network.id for r in ranked[:2]] == ["facebook", "instagram"]
    assert ranked[0].fits and ranked[0].reasons
    linkedin = next(r for r in ranked if r.network.id == "linkedin")
    assert not linkedin.fits and any("B2C" in w for w in linkedin.warnings)


def test_ranking_b2b_recruitment_puts_linkedin_first():
    ranked = rank_networks("B2B", (30, 55), ["prospects", "recrutement"], 3)
    assert ranked[0].network.id == "linkedin"
    tiktok = next(r for r in ranked if r.network.id == "tiktok")
    assert not tiktok.fits


def test_teen_brief_warns_against_facebook_and_time_shortage():
    rec = assess("facebook", "B2C", (13, 17), ["notoriété"], 4)
    assert any("touche peu" in w for w in rec.warnings)
    rec = assess("youtube", "B2C", (18, 24), ["notoriété"], 1)
    assert any("h par semaine" in w for w in rec.warnings)


@pytest.mark.parametrize("args, message", [
    (("B2X", (25, 54), ["ventes"]), "marché"),
    (("B2C", (60, 20), ["ventes"]), "tranche d'âge"),
    (("B2C", "vingt", ["ventes"]), "tranche d'âge"),
    (("B2C", (25, 54), ["gloire"]), "Objectif"),
    (("B2C", (25, 54), []), "au moins un objectif"),
])
def test_bad_briefs_get_french_messages(args, message):
    with pytest.raises(ValueError, match=message):
        rank_networks(*args)


def test_location_adds_a_reason_not_points():
    local = assess("facebook", "B2C", (25, 54), ["ventes"], 4, "Lyon")
    wide = assess("facebook", "B2C", (25, 54), ["ventes"], 4, "France")
    assert local.score == wide.score
    assert "Cible locale (Lyon) : la page affiche adresse et carte, horaires d'ouverture" in local.reasons[-1]
    assert not any("Cible locale" in r for r in wide.reasons)
    assert "ni adresse ni horaires" in assess("tiktok", "B2C", (15, 24), ["ventes"], 4, "Lyon").reasons[-1]
