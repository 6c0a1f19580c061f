import re

import pytest

from autograder import referentiel
from autograder.referentiel import COMPETENCIES, CRITERIA, criterion, criterion_for_grade_id

from course_support import REPO

SEED = (REPO / "autograder" / "data" / "referentiel_source.txt").read_text(encoding="utf-8")
SHARED_SEED = REPO.parent / "shared" / "seeds" / "000_972357ad5da5d357.txt"


def _flat(text: str) -> str:
    return re.sub(r"\s+", " ", text)


def test_seven_competencies_and_twenty_four_criteria():
    assert [c.id for c in COMPETENCIES] == [f"C{i}" for i in range(1, 8)]
    assert len(CRITERIA) == 24
    assert [len(c.criteria) for c in COMPETENCIES] == [3, 4, 3, 4, 4, 2, 4]
    assert CRITERIA[0].id == "C1.1" and CRITERIA[-1].id == "C7.4"


@pytest.mark.parametrize("item", [*CRITERIA, *COMPETENCIES], ids=lambda i: i.id)
def test_texts_are_the_seeds_own_words(item):
    assert _flat(item.text) in _flat(SEED)


def test_jury_modalities_are_quoted_exactly():
    for text in (*referentiel.JURY_ELEMENTS, referentiel.MODALITE, referentiel.DUREE_PRESENTATION,
                 referentiel.QUESTIONS_JURY, *(c.lead for c in COMPETENCIES)):
        assert _flat(text) in _flat(SEED), text


def test_bundled_copy_equals_the_shared_seed_when_present():
    if not SHARED_SEED.exists():
        pytest.skip("shared/ absent à côté du dépôt")
    assert SHARED_SEED.read_text(encoding="utf-8") == SEED


def test_lookup_and_grade_ids():
    assert criterion("c5.3").text == "Le calcul du taux d'engagement est juste,"
    assert criterion_for_grade_id("c5_3_taux").id == "C5.3"
    assert criterion_for_grade_id("c7_4_cpc_test").id == "C7.4"
    assert criterion_for_grade_id("intro") is None
    assert criterion_for_grade_id("c6_3_x") is None  # C6 has two criteria
    with pytest.raises(KeyError, match="Critère inconnu"):
        criterion("C8.1")
