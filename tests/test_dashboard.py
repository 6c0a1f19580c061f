"""The cohort dashboard (``autograder.trainer.dashboard``): four plots, colour-blind-safe, each with its summary."""

from __future__ import annotations

import os
import re
import subprocess
import sys

from autograder import referentiel
from autograder.status import ACQUIS, EN_COURS, NON_ACQUIS, NON_EVALUE
from autograder.trainer.dashboard import (
    OKABE_ITO,
    STATUS_COLOURS,
    assignment_scores,
    criterion_rates,
    dashboard_html,
    frequent_mistakes,
)
from autograder.trainer.report import CriterionGrade, Evidence, LearnerGrid


def _grid(student: str, c53: float, c52: float, mistake: str | None) -> LearnerGrid:
    grid = LearnerGrid(student, {c.id: CriterionGrade(c.id) for c in referentiel.CRITERIA})
    for cid, gid, score, maximum in (("C5.3", "c5_3_test", c53, 3.0), ("C5.2", "c5_2_test", c52, 2.0)):
        grade = grid.criteria[cid]
        missing = [mistake] if (mistake and score < maximum) else []
        grade.evidence.append(Evidence("c5_meta", "c5_meta", gid, score, maximum, True, missing))
        grade.points, grade.possible = score, maximum
    return grid


def _cohort() -> dict[str, LearnerGrid]:
    return {
        "alice": _grid("alice", 3, 2, None),
        "bruno": _grid("bruno", 0, 0, "Le taux est faux : revoyez la formule."),
        "chloe": _grid("chloe", 1, 2, "Le taux est faux : revoyez la formule."),
        "damien": _grid("damien", 3, 1, "Colonnes attendues : jour, interactions."),
    }


def test_rates_scores_and_mistakes_are_computed_from_the_grids():
    grids = _cohort()
    rates = criterion_rates(grids)
    assert rates["C5.3"] == {ACQUIS: 0.5, EN_COURS: 0.0, NON_ACQUIS: 0.5, NON_EVALUE: 0.0}
    assert rates["C5.2"] == {ACQUIS: 0.5, EN_COURS: 0.25, NON_ACQUIS: 0.25, NON_EVALUE: 0.0}
    assert rates["C1.1"][NON_EVALUE] == 1.0 and rates["C1.1"][NON_ACQUIS] == 0.0  # no evidence is not a failure
    assert sorted(assignment_scores(grids)["c5_meta"]) == [0.0, 0.6, 0.8, 1.0]
    assert frequent_mistakes(grids)[0] == ("C5.3", "Le taux est faux : revoyez la formule.", 2)


def test_page_has_four_plots_each_with_alt_text_and_summary():
    page = dashboard_html(_cohort())
    assert page.startswith("<!DOCTYPE html>") and 'lang="fr"' in page
    figures = re.findall(r"<figure>(.*?)</figure>", page, flags=re.S)
    assert len(figures) == 4
    for fig in figures:
        assert re.search(r'<img src="data:image/png;base64,[A-Za-z0-9+/=]{200,}" alt="[^"]{20,}"', fig)
        assert re.search(r"<figcaption>[^<]{30,}</figcaption>", fig)
    assert "Critère le mieux réussi : C5.2 (50 % d&#x27;acquis)" in page or "Critère le mieux réussi : C5.3" in page
    assert "1 apprenant(s) sur 4 ont tous les critères évalués acquis" in page
    assert "c5_meta : 4 copie(s), médiane 70 %" in page
    assert "« Le taux est faux : revoyez la formule. » (2 apprenant(s))" in page


def test_palette_is_okabe_ito():
    assert {c for s, c in STATUS_COLOURS.items() if s != NON_EVALUE} <= set(OKABE_ITO)
    assert STATUS_COLOURS[NON_EVALUE] == "#FFFFFF"  # no evidence: left blank (dotted), not coloured as a status


def test_empty_cohort_says_so():
    assert "Aucun apprenant" in dashboard_html({})


def test_dashboard_command(course_copy):
    proc = subprocess.run([sys.executable, "-m", "autograder", "dashboard"], cwd=course_copy, capture_output=True,
                          text=True, env={**os.environ, "NBGRADER_DB_URL": ""})
    assert proc.returncode == 0, proc.stderr
    assert "Tableau de bord de la cohorte écrit" in proc.stdout
    assert (course_copy / "reports" / "tableau_de_bord.html").is_file()
