"""Accent folding (``autograder.text``): one function per meaning."""

from __future__ import annotations

from autograder.text import ascii_key, fold, name_key, strip_accents


def test_strip_accents_keeps_case_and_signs():
    assert strip_accents("Crème Brûlée, Noël !") == "Creme Brulee, Noel !"


def test_fold_for_keywords_in_a_sentence():
    assert fold("PÂTISSERIE Léa") == "patisserie lea"
    assert fold("Aujourd’hui") == fold("aujourd'hui") == "aujourd'hui"
    assert fold("Saint-Valentin") == "saint-valentin"  # hyphens are kept: they matter in a sentence
    assert "reservez" in fold("Réservez vite !")
    assert fold("Réservez") != "Réservez"


def test_name_key_reads_hyphens_and_underscores_as_spaces():
    assert name_key("  Contenu-Utilisateur ") == name_key("contenu_utilisateur") == "contenu utilisateur"
    assert name_key("Nouveauté") == "nouveaute"
    assert name_key("vidéo") != name_key("video courte")


def test_ascii_key_compares_handles_and_brands():
    assert ascii_key("La Fournée de Léa") == "lafourneedelea"
    assert ascii_key("@la_fournee.de.lea") == "lafourneedelea"
    assert ascii_key("L’Épi-Doré") == "lepidore"
    assert ascii_key("La Fournée de Léo") != ascii_key("La Fournée de Léa")


def test_the_docstring_table_is_true():
    example = "L’Épi-Doré_Lyon"
    assert (fold(example), name_key(example), ascii_key(example)) == ("l'epi-dore_lyon", "l'epi dore lyon",
                                                                     "lepidorelyon")
