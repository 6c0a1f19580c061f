import pytest

from autograder.results import CheckResult, LearnerInputError, check, grade, summary


def test_partial_credit_and_status():
    r = CheckResult("C5.3", "Taux d'engagement")
    r.add(True, 1, "formule juste")
    r.add(False, 2, "arrondi juste", "le résultat doit être arrondi à 0,01 près")
    assert (r.points, r.possible) == (1, 3)
    assert r.status() == "non acquis" and not r.passed  # 1/3 < 40 %: the rule of autograder.status
    assert r.missing == ["le résultat doit être arrondi à 0,01 près"]
    html = r._repr_html_()
    assert "C5.3" in html and "taux d&#x27;engagement est juste" in html and "arrondi" in html


def test_full_and_zero():
    r = CheckResult("C5.1", "Programmation")
    r.add(True, 2, "ok")
    assert r.passed and r.status() == "acquis"
    z = CheckResult("C5.1", "Programmation")
    z.add(False, 2, "ok", "aucune publication programmée")
    assert z.points == 0 and z.status() == "non acquis"


def test_check_decorator_turns_bad_input_into_a_french_zero():
    @check("C5.3", "Taux", 2)
    def rate_check(value, *, result):
        if not isinstance(value, float):
            raise LearnerInputError(f"un nombre décimal était attendu, pas {type(value).__name__}")
        result.add(value == 5.0, 2, "juste", "faux")

    good, bad = rate_check(5.0), rate_check("5 %")
    assert good.points == 2
    assert bad.points == 0 and bad.possible == 2
    assert "un nombre décimal était attendu" in bad.findings[0].text


def test_grade_returns_points_for_nbgrader(capsys):
    a = CheckResult("C5.3", "a")
    a.add(True, 1.5, "ok")
    b = CheckResult("C5.4", "b")
    b.add(False, 1, "ok", "non")
    assert grade(a, [b]) == 1.5


def test_summary_by_criterion():
    a = CheckResult("C5.3", "a")
    a.add(True, 1, "ok")
    b = CheckResult("C5.3", "b")
    b.add(False, 1, "ok", "non")
    s = summary([a, b])
    assert s.by_criterion() == {"C5.3": (1.0, 2.0)}
    assert "Résultat par critère : 1 / 2" in s._repr_html_()


@pytest.mark.parametrize("fg", ["#0b6b3a", "#a4161a", "#7a4b00", "#444444"])
def test_card_colours_meet_wcag_aa_on_white(fg):
    def lum(hexa):
        chans = [int(hexa[i:i + 2], 16) / 255 for i in (1, 3, 5)]
        lin = [c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4 for c in chans]
        return 0.2126 * lin[0] + 0.7152 * lin[1] + 0.0722 * lin[2]

    assert (1.05) / (lum(fg) + 0.05) >= 4.5
