"""The 30-minute presentation plan (``autograder.presentation``), the domain piece lesson 08 imports."""

from __future__ import annotations

import subprocess
import sys

from autograder import referentiel
from autograder.presentation import TIMING_PLAN, Part, schedule


def test_plan_covers_the_thirty_minutes_and_the_seven_elements():
    assert sum(p.minutes for p in TIMING_PLAN) == referentiel.PRESENTATION_MINUTES == 30
    assert sorted(p.element for p in TIMING_PLAN if p.element is not None) == list(range(len(referentiel.JURY_ELEMENTS)))
    assert {c for p in TIMING_PLAN for c in p.competencies} == {c.id for c in referentiel.COMPETENCIES}
    assert all(isinstance(p, Part) and p.minutes >= 1 and p.advice.endswith(".") for p in TIMING_PLAN)


def test_schedule_gives_start_and_end_of_each_part():
    rows = schedule()
    assert rows[0][:2] == ("00:00", "02:00") and rows[-1][:2] == ("29:00", "30:00")
    assert all(end == next_start for (_, end, _), (next_start, _, _) in zip(rows, rows[1:], strict=False))
    assert [p for _, _, p in rows] == list(TIMING_PLAN)


def test_importing_it_loads_neither_nbgrader_nor_nbconvert():
    code = ("import sys; from autograder.presentation import TIMING_PLAN, schedule; "
            "print(sorted(m for m in ('nbgrader', 'nbconvert', 'autograder.trainer') if m in sys.modules))")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout
    assert out.strip() == "[]"


def test_timing_problems_say_what_to_fix_in_french():
    from autograder.presentation import timing_problems

    plan = {p.title: p.minutes for p in TIMING_PLAN}
    assert timing_problems(plan) == []
    longer = dict(plan, **{"Une campagne sponsorisée": 6})
    assert timing_problems(longer) == ["Total : 32 min. Il faut 30 minutes exactement : retirez 2 min."]
    squeezed = dict(plan, **{"Une campagne sponsorisée": 6, "Un échange au sein de la communauté": 1})
    assert timing_problems(squeezed) == ["Moins de 2 minutes pour : Un échange au sein de la communauté. Le jury "
                                         "doit voir chaque élément."]
    assert timing_problems(dict(plan, Bonus=0))[0] == "Partie inconnue « Bonus »."


def test_timeline_figure_is_an_image_with_its_summary():
    from autograder.presentation import timeline_figure, timeline_summary

    summary = timeline_summary()
    assert summary.startswith("Frise du minutage de la présentation : Introduction 2 min, ")
    assert summary.endswith("Conclusion et ouverture 1 min ; total 30 min.")
    own = {p.title: p.minutes for p in TIMING_PLAN} | {"Une campagne sponsorisée": 5, "Conclusion et ouverture": 0}
    assert "Une campagne sponsorisée 5 min" in timeline_summary(own)
    html = timeline_figure(own).data
    assert 'src="data:image/png;base64,' in html and "<figcaption>" in html and "total 30 min" in html
