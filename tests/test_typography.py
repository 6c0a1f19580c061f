"""The one French typography policy (autograder.typography) and its sweep over the course (coursetools.typography)."""

import nbformat
import pytest

from autograder.typography import NBSP, NNBSP, french_spacing, markdown_spacing, spacing_problems
from coursetools.typography import all_problems, notebook_problems, python_problems, python_spacing


@pytest.mark.parametrize(
    ("text", "right"),
    [
        ("Prêt ?", f"Prêt{NNBSP}?"),
        ("Enfin ! Oui ; non", f"Enfin{NNBSP}! Oui{NNBSP}; non"),
        ("Horaires : 8 h", f"Horaires{NBSP}: 8 h"),
        ("« Bonjour »", f"«{NBSP}Bonjour{NBSP}»"),
        (f"Prêt{NBSP}?", f"Prêt{NNBSP}?"),  # the wrong kind of no-break space is corrected too
        ("Prêt   ?", f"Prêt{NNBSP}?"),
    ],
)
def test_a_space_before_a_sign_gets_its_kind(text, right):
    assert french_spacing(text) == right
    assert spacing_problems(text)
    assert spacing_problems(right) == []


@pytest.mark.parametrize(
    "text", ["10:30", "https://exemple.fr/?utm_source=facebook", "a != b", "Prêt?", "| :--- |", "![plan](plan.png)"]
)
def test_no_space_is_added_and_code_like_text_is_left_alone(text):
    assert french_spacing(text) == text
    assert spacing_problems(text) == []


def test_markdown_code_links_and_tags_are_not_prose():
    text = 'Tapez `a : b` puis [le guide](https://x.fr/a?b=1) : <span style="color : red">ici</span> !'
    fixed = markdown_spacing(text)
    assert "`a : b`" in fixed and 'style="color : red"' in fixed
    assert f"){NBSP}: <span" in fixed and f"</span>{NNBSP}!" in fixed
    assert spacing_problems(text, markdown=True) and spacing_problems(fixed, markdown=True) == []


def test_problems_quote_the_place_and_the_space_expected():
    [problem] = spacing_problems("Votre page est prête ? Bravo")
    assert "prête ?" in problem and "fine insécable (U+202F)" in problem


def test_python_strings_are_fixed_but_not_docstrings_raw_strings_nor_code():
    source = 'def f(a):\n    """Docstring : English."""\n    return a != 1, "Prêt ?", r"\\d ?", f"{a} : ok"\n'
    fixed = python_spacing(source)
    assert '"""Docstring : English."""' in fixed and 'r"\\d ?"' in fixed and "a != 1" in fixed
    assert f'"Prêt{NNBSP}?"' in fixed and f'f"{{a}}{NBSP}: ok"' in fixed
    assert len(python_problems(source)) == 2 and python_problems(fixed) == []
    compile(fixed, "<fixed>", "exec")


def test_a_notebook_is_fixed_in_markdown_code_strings_and_comments(tmp_path, monkeypatch):
    import coursetools.typography as typography

    monkeypatch.setattr(typography, "REPO", tmp_path)
    path = tmp_path / "lecon.ipynb"
    nb = nbformat.v4.new_notebook()
    nb.cells = [
        nbformat.v4.new_markdown_cell("## Votre plan : trois mois"),
        nbformat.v4.new_code_cell('# Affiche le plan : collapsed\nshow("Prêt ?")'),
        nbformat.v4.new_code_cell("%matplotlib inline : not python"),
    ]
    nbformat.write(nb, path)
    assert len(notebook_problems(path)) == 3
    notebook_problems(path, fix=True)
    cells = nbformat.read(path, as_version=4).cells
    assert cells[0].source == f"## Votre plan{NBSP}: trois mois"
    assert cells[1].source == f'# Affiche le plan{NBSP}: collapsed\nshow("Prêt{NNBSP}?")'
    assert cells[2].source == "%matplotlib inline : not python"
    assert notebook_problems(path) == []


def test_every_notebook_and_every_french_message_of_the_package_follows_the_policy():
    """Markdown and code strings of course/, exercises/ and source/, the package's strings and data: one policy
    (``python -m coursetools.typography --fix`` corrects what this lists)."""
    problems = all_problems()
    assert problems == [], f"{len(problems)} espace(s) à corriger, dont :\n" + "\n".join(problems[:20])


def test_quoted_puts_french_quotation_marks_once():
    from autograder.typography import NBSP, quoted

    assert quoted("Image virtuelle") == f"«{NBSP}Image virtuelle{NBSP}»"
    assert quoted("« Image virtuelle »") == "« Image virtuelle »"  # already quoted: left as it is
    assert quoted("« A » ou « B »") == f"«{NBSP}« A » ou « B »{NBSP}»"  # two quotations inside: quoted as a whole
