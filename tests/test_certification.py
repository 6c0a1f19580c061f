"""The mock certification: every autograded cell scored from the files, all 24 criteria, the company presented.

- every autograded cell of ``source/certification`` is registered and its test cell is ``show("<grade_id>")``; no
  cell asks for code, so grading needs no kernel;
- every criterion of the référentiel has a graded cell (grade_id prefix); each manually graded cell follows a rubric
  quoting its criterion; nothing claims to be what the jury sees;
- the company presented: a complete profile handed in, else the case company (an incomplete profile never lowers
  what a check asks);
- the certification's own questions fail on the usual mistakes and pass on the right answers, on the case
  company's data and on the candidate's own figures.
"""

from __future__ import annotations

import json
import shutil

import nbformat
import pytest

from autograder import insights, referentiel
from autograder.checks import certification as ce
from autograder.checks.registry import Submission, lookup, run, score
from autograder.company import CASE_COMPANY, PROFILE_FILE
from autograder.trainer.sandbox.execute import needs_execution

from course_support import REPO

SOURCE = REPO / "source" / "certification" / "certification.ipynb"
SOLUTION = REPO / "tests" / "pipeline_cases" / "certification" / "solution"


def _cells():
    return nbformat.read(str(SOURCE), as_version=4).cells


def _graded():
    return [c for c in _cells() if c.metadata.get("nbgrader", {}).get("grade")]


def test_every_autograded_cell_is_registered_and_shows_its_check():
    autograded = [c for c in _graded() if c.cell_type == "code"]
    assert len(autograded) >= 20
    for cell in autograded:
        gid = cell.metadata["nbgrader"]["grade_id"]
        assert lookup(gid) is not None, gid
        assert lookup(gid).points == cell.metadata["nbgrader"]["points"], gid
        assert cell.source.startswith(f'show("{gid}")'), gid
        assert cell.metadata["jupyter"]["source_hidden"] and cell.metadata["nbgrader"]["locked"], gid


def test_no_learner_code_so_grading_needs_no_kernel():
    nb = nbformat.read(str(SOURCE), as_version=4)
    assert not any(c.metadata.get("nbgrader", {}).get("solution") for c in nb.cells if c.cell_type == "code")
    assert not needs_execution(nb)
    assert all(c.metadata.get("jupyter", {}).get("source_hidden") for c in nb.cells if c.cell_type == "code")


def test_all_24_criteria_have_a_graded_cell():
    covered = {referentiel.criterion_for_grade_id(c.metadata["nbgrader"]["grade_id"]).id for c in _graded()}
    assert covered == {c.id for c in referentiel.CRITERIA}


def test_each_manual_cell_follows_a_rubric_quoting_its_criterion():
    cells = _cells()
    manual = [i for i, c in enumerate(cells) if c.cell_type == "markdown" and c.metadata.get("nbgrader", {}).get("grade")]
    assert {referentiel.criterion_for_grade_id(cells[i].metadata["nbgrader"]["grade_id"]).id for i in manual} >= {
        "C1.3", "C5.1", "C5.2", "C5.3", "C5.4", "C6.1", "C6.2"}
    for i in manual:
        crit = referentiel.criterion_for_grade_id(cells[i].metadata["nbgrader"]["grade_id"])
        rubric = cells[i - 1].source
        assert crit.text.strip().rstrip(",.") in rubric and "Grille" in rubric, crit.id
        assert "### BEGIN SOLUTION" in cells[i].source


def test_observation_grid_for_fluency():
    cells = _cells()
    index = next(i for i, c in enumerate(cells) if c.metadata.get("nbgrader", {}).get("grade_id", "").startswith("c1_3_"))
    assert "Grille d'observation" in cells[index - 1].source and "| observé |" in cells[index - 1].source


def test_never_claims_to_be_what_the_jury_sees():
    text = SOURCE.read_text(encoding="utf-8") + (REPO / "release" / "certification" / "certification.ipynb").read_text(
        encoding="utf-8")
    assert "jury verra" not in text and "ce que le jury voit" not in text
    assert "en direct" in text


# -- the company presented ---------------------------------------------------------------------------------------
def _own_profile(**changes) -> dict:
    data = CASE_COMPANY.to_dict()
    data.update(name="Atelier Vélo Rouge", sector="Réparation et vente de vélos", city="Grenoble",
                handle="@ateliervelorouge", products=["réparation de vélos", "vélos reconditionnés"],
                brand_hashtags=["#AtelierVeloRouge"], target_locations=["Grenoble"],
                brand_colors={"primaire": "#C0392B", "secondaire": "#1B2631", "fond": "#FFFFFF"},
                sector_dates=[{"date": "11-20", "name": "Salon du cycle de Grenoble"}])
    data.update(changes)
    return data


def _folder(tmp_path, profile=None, answers=None):
    folder = tmp_path / "copie"
    folder.mkdir(parents=True)
    if profile is not None:
        (folder / PROFILE_FILE).write_text(json.dumps(profile, ensure_ascii=False), encoding="utf-8")
    if answers is not None:
        payload = {"schema_version": 1, "answers": {q: {"value": v, "saved_at": "2027-09-20T18:30:00+02:00"}
                                                    for q, v in answers.items()}}
        (folder / "reponses_certification.json").write_text(json.dumps(payload, ensure_ascii=False), encoding="utf-8")
    return folder


def test_no_profile_or_the_case_profile_is_the_case_company(tmp_path):
    assert ce.presented_company(_folder(tmp_path)) == (CASE_COMPANY, "")
    case = tmp_path / "cas"
    case.mkdir()
    (case / PROFILE_FILE).write_text(json.dumps(CASE_COMPANY.to_dict(), ensure_ascii=False), encoding="utf-8")
    assert ce.presented_company(case)[0] is CASE_COMPANY


def test_a_complete_own_profile_is_used(tmp_path):
    company, note = ce.presented_company(_folder(tmp_path, _own_profile()))
    assert company.name == "Atelier Vélo Rouge" and note == ""


@pytest.mark.parametrize("gap", [{"products": []}, {"brand_hashtags": []}, {"brand_colors": {"primaire": "#112233"}},
                                 {"target_locations": []}, {"description": "  "},
                                 {"sector_dates": [{"date": "06-03", "name": " "}]}])
def test_an_incomplete_profile_never_lowers_what_is_asked(tmp_path, gap):
    company, note = ce.presented_company(_folder(tmp_path, _own_profile(**gap)))
    assert company is CASE_COMPANY and "incomplet" in note and CASE_COMPANY.name in note


def test_an_unreadable_profile_is_said_in_french(tmp_path):
    folder = _folder(tmp_path)
    (folder / PROFILE_FILE).write_text("{pas du json", encoding="utf-8")
    company, note = ce.presented_company(folder)
    assert company is CASE_COMPANY and "n'a pas pu être lu" in note


@pytest.mark.parametrize("gid", ["c1_2_cert_page", "c2_3_cert_contenu", "c3_2_cert_dates", "c4_2_cert_redaction"])
def test_company_cells_judge_the_company_presented(tmp_path, gid):
    folder = tmp_path / "copie"
    shutil.copytree(SOLUTION, folder)
    full = lookup(gid).points
    assert score(gid, run(gid, Submission(folder, "certification"))) == full
    profile = folder / PROFILE_FILE
    profile.write_text(json.dumps(_own_profile(), ensure_ascii=False), encoding="utf-8")
    assert score(gid, run(gid, Submission(folder, "certification"))) < full  # the bakery's work: not theirs
    profile.write_text(json.dumps(_own_profile(products=[], brand_hashtags=[], sector_dates=[]), ensure_ascii=False),
                       encoding="utf-8")
    result = run(gid, Submission(folder, "certification"))
    assert score(gid, result) == full and "incomplet" in str(result)  # judged on the case company, with a note


def test_an_own_profile_without_sector_dates_does_not_get_them_for_free(tmp_path):
    assert "les dates clés du secteur" in ce.profile_gaps(ce.CompanyProfile.from_dict(_own_profile(sector_dates=[])))


# -- the certification's own questions -----------------------------------------------------------------------------
def _score(gid, folder, graded=True):
    return score(gid, run(gid, Submission(folder, "certification", {} if graded else None)))


def test_paris_times_fail_when_summer_time_is_kept(tmp_path):
    right = {"c5_1_heure_1": "2026-10-23T18:00:00+02:00", "c5_1_heure_2": "2026-10-26T18:00:00+01:00"}
    assert _score("c5_1_cert_heures", _folder(tmp_path / "a", answers=right)) == 2
    wrong = {**right, "c5_1_heure_2": "2026-10-26T19:00:00+01:00"}
    assert _score("c5_1_cert_heures", _folder(tmp_path / "b", answers=wrong)) == 1


def _case_rates(base="reach"):
    rates = insights.engagement_rates(ce.case_rate_posts(), base)
    return {k: round(float(v), 2) for k, v in rates.items()}


def test_engagement_rates_on_the_case_posts_other_than_the_module(tmp_path):
    rates = _case_rates()
    average = round(sum(rates.values()) / len(rates), 2)
    right = {"c5_3_base": "reach", "c5_3_taux": rates, "c5_3_taux_moyen": average}
    assert _score("c5_3_cert_taux", _folder(tmp_path / "a", answers=right)) == 3
    views = {"c5_3_base": "views", "c5_3_taux": _case_rates("views"), "c5_3_taux_moyen": average}
    assert _score("c5_3_cert_taux", _folder(tmp_path / "b", answers=views)) == 0.5
    module = json.loads((REPO / "tests" / "pipeline_cases" / "c5_meta_business_suite" / "solution" /
                         "reponses_c5_meta_business_suite.json").read_text(encoding="utf-8"))["answers"]
    copied = {q: module[q]["value"] for q in ("c5_3_base", "c5_3_taux", "c5_3_taux_moyen")}
    assert _score("c5_3_cert_taux", _folder(tmp_path / "c", answers=copied)) < 1  # the module's answers do not fit


def test_engagement_rates_on_the_candidates_own_figures(tmp_path):
    engagements = {f"P{n}": e for n, e in enumerate((40, 12, 90, 33, 7, 51), 1)}
    reach = {f"P{n}": r for n, r in enumerate((800, 300, 1500, 610, 240, 900), 1)}
    rates = {p: round(engagements[p] / reach[p] * 100, 2) for p in reach}
    answers = {"c5_3_engagements": engagements, "c5_3_portees": reach, "c5_3_base": "reach", "c5_3_taux": rates,
               "c5_3_taux_moyen": round(sum(rates.values()) / 6, 2)}
    assert _score("c5_3_cert_taux", _folder(tmp_path / "a", _own_profile(), answers)) == 3
    wrong = {**answers, "c5_3_taux": {**rates, "P1": 40 / 800}}  # a ratio, not a percentage
    assert _score("c5_3_cert_taux", _folder(tmp_path / "b", _own_profile(), wrong)) < 3
    case_answers = {**answers, "c5_3_taux": _case_rates()}  # the case's rates do not fit one's own figures
    assert _score("c5_3_cert_taux", _folder(tmp_path / "c", _own_profile(), case_answers)) == 1  # base, average
    empty = {**answers, "c5_3_engagements": dict.fromkeys(reach, 0), "c5_3_taux": dict.fromkeys(reach, 0),
             "c5_3_taux_moyen": 0}
    result = run("c5_3_cert_taux", Submission(_folder(tmp_path / "d", _own_profile(), empty), "certification"))
    assert score("c5_3_cert_taux", result) == 0 and "engagements non nuls" in str(result[0])


def test_badge_on_the_case_week(tmp_path):
    right = {"c5_4_taux_de_reponse": 100, "c5_4_badge": "non_obtenu"}
    assert _score("c5_4_cert_badge", _folder(tmp_path / "a", answers=right)) == 2
    wrong = {"c5_4_taux_de_reponse": 84.2, "c5_4_badge": "obtenu"}
    assert _score("c5_4_cert_badge", _folder(tmp_path / "b", answers=wrong)) == 0


def test_badge_on_the_candidates_own_inbox(tmp_path):
    answers = {"c5_4_recus": 20, "c5_4_repondus": 19, "c5_4_temps": 12, "c5_4_taux_de_reponse": 95,
               "c5_4_badge": "obtenu"}
    assert _score("c5_4_cert_badge", _folder(tmp_path / "a", _own_profile(), answers)) == 2
    slow = {**answers, "c5_4_temps": 40}  # more than 15 minutes: no badge
    assert _score("c5_4_cert_badge", _folder(tmp_path / "b", _own_profile(), slow)) == 1
    blank = {k: v for k, v in answers.items() if k != "c5_4_recus"}
    result = run("c5_4_cert_badge", Submission(_folder(tmp_path / "c", _own_profile(), blank), "certification"))
    assert score("c5_4_cert_badge", result) == 0 and "renseignez" in str(result[0])


GOOD_REPLIES = {
    "c6_2_reponse_reclamation": "Bonjour Nadia, nous sommes vraiment désolés. Pouvez-vous nous écrire en message privé "
                                "avec votre numéro de commande ? L'équipe {name}",
    "c6_2_reponse_question": "Bonjour Julien, merci pour votre question ! Nous sommes fermés le lundi, et ouverts sans "
                             "rendez-vous du mardi au samedi. L'équipe {name}",
}


def test_replies_are_signed_by_the_company_presented(tmp_path):
    case = {q: t.format(name=CASE_COMPANY.name) for q, t in GOOD_REPLIES.items()}
    assert _score("c6_2_cert_reponses_ecrites", _folder(tmp_path / "a", answers=case)) == 3
    assert _score("c6_2_cert_reponses_ecrites", _folder(tmp_path / "b", _own_profile(), case)) < 3
    own = {q: t.format(name="Atelier Vélo Rouge") for q, t in GOOD_REPLIES.items()}
    assert _score("c6_2_cert_reponses_ecrites", _folder(tmp_path / "c", _own_profile(), own)) == 3


def test_replies_miss_name_private_message_and_copy_paste(tmp_path):
    bare = {"c6_2_reponse_reclamation": "Désolés pour ce problème, nous allons regarder.",
            "c6_2_reponse_question": GOOD_REPLIES["c6_2_reponse_question"].format(name=CASE_COMPANY.name)}
    assert _score("c6_2_cert_reponses_ecrites", _folder(tmp_path / "a", answers=bare)) < 2
    template = ("Bonjour {first}, merci pour votre message ! Nous sommes fermés le lundi ; écrivez-nous en message "
                "privé. L'équipe La Fournée de Léa")
    pasted = {"c6_2_reponse_reclamation": template.format(first="Nadia"),
              "c6_2_reponse_question": template.format(first="Julien")}
    result = run("c6_2_cert_reponses_ecrites", Submission(_folder(tmp_path / "b", answers=pasted), "certification"))
    assert score("c6_2_cert_reponses_ecrites", result) == 1.5 and "identiques" in str(result[0])


def test_cpc_exact_values_only_at_grading(tmp_path):
    wrong = {"c7_4_cpc_lien": 9.99, "c7_4_cpc_tous": 9.99}
    assert _score("c7_4_cert_cpc", _folder(tmp_path / "a", answers=wrong), graded=False) == 3  # progress only
    assert _score("c7_4_cert_cpc", _folder(tmp_path / "b", answers=wrong)) == 0
    solution = json.loads((SOLUTION / "reponses_certification.json").read_text(encoding="utf-8"))["answers"]
    right = {q: solution[q]["value"] for q in wrong}
    assert _score("c7_4_cert_cpc", _folder(tmp_path / "c", answers=right)) == 3


def test_the_solution_files_get_full_marks():
    sub = Submission(SOLUTION, "certification", {})
    for cell in _graded():
        if cell.cell_type == "code":
            gid = cell.metadata["nbgrader"]["grade_id"]
            assert score(gid, run(gid, sub)) == cell.metadata["nbgrader"]["points"], gid


def test_an_unreadable_answers_file_scores_zero_in_french(tmp_path):
    folder = _folder(tmp_path)
    (folder / "reponses_certification.json").write_text("{cassé", encoding="utf-8")
    result = run("c5_1_cert_heures", Submission(folder, "certification"))
    assert score("c5_1_cert_heures", result) == 0 and "Vérification impossible" in str(result[0])


# -- what the mock certification hands in from the course folder (autograder.widgets.handin) -------------------
def _course_with_lesson_files(root):
    from dossier_support import write_submission

    from autograder.jury_questions import RATINGS_FILE

    write_submission(root)  # preuves/ at the root; the rehearsal log and the mock-jury grid move to course/
    (root / "course").mkdir()
    for name in ("repetitions.json", "jury_blanc.json"):
        (root / name).rename(root / "course" / name)
    (root / "course" / RATINGS_FILE).write_text('{"ratings": {"q1": "facile"}}', encoding="utf-8")
    (root / "certification").mkdir()
    return root / "certification"


def test_the_lesson_files_and_the_evidence_are_handed_in_for_the_trainers_grid(tmp_path):
    from autograder.trainer.dossier import read_handed_in
    from autograder.trainer.report import learner_evidence
    from autograder.widgets.handin import gather_course_files

    here = _course_with_lesson_files(tmp_path)
    lines = gather_course_files(here, tmp_path)
    assert sum("copié" in line for line in lines) == 4, lines
    for name in ("repetitions.json", "jury_blanc.json", "fiches_jury.json"):
        assert (here / name).read_bytes() == (tmp_path / "course" / name).read_bytes()
    assert (here / "preuves" / "reponse_preuve_a1b2c3d4.png").read_bytes().startswith(b"\x89PNG")
    handed = read_handed_in(here)  # what the jury dossier reads from the submitted certification folder
    assert len(handed.evidence) == 2 and handed.rehearsals and handed.mock_jury is not None and not handed.problems
    assert any("C5.3" in cid for cid in learner_evidence(here))
    again = gather_course_files(here, tmp_path)
    assert all("déjà à jour" in line for line in again), again  # nothing duplicated on a second run
    (tmp_path / "course" / "jury_blanc.json").write_text('{"observer": "Yanis", "criteria": {}}', encoding="utf-8")
    gather_course_files(here, tmp_path)
    assert "Yanis" in (here / "jury_blanc.json").read_text(encoding="utf-8")  # a newer grid replaces the copy


def test_missing_or_broken_lesson_files_are_said_in_french_and_never_raise(tmp_path):
    from autograder.widgets.handin import gather_course_files

    here = tmp_path / "certification"
    here.mkdir()
    lines = gather_course_files(here, tmp_path)
    assert len(lines) == 4 and all("pas encore" in line for line in lines), lines
    assert sorted(p.name for p in here.iterdir()) == []  # nothing invented
    (tmp_path / "course").mkdir()
    (tmp_path / "course" / "repetitions.json").mkdir()  # not a file
    (tmp_path / "preuves").mkdir()
    (tmp_path / "preuves" / "preuves.json").write_text("{cassé", encoding="utf-8")
    lines = gather_course_files(here, tmp_path)
    assert "pas encore enregistré" in lines[0] and "Traceback" not in " ".join(lines)
    assert not (here / "repetitions.json").exists()
