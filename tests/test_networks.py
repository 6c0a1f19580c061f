import pytest

from autograder.networks import NETWORKS, get_network


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
