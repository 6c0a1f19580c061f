"""C5 checks: each fails on a wrong answer (with the right French hint) and passes on a right one."""

from datetime import datetime
from pathlib import Path

import pandas as pd
import pytest

from autograder import insights
from autograder.checks import c5, registry
from autograder.data import case_meta
from autograder.insights import PARIS


@pytest.fixture(scope="module")
def case():
    data = case_meta.load_case()
    data["posts"] = insights.combined_posts(data["facebook_posts"], data["instagram_posts"])
    return data


NOW = case_meta.SCHEDULING_NOW
GOOD_PLAN = [
    {"publication": "B1", "reseau": "Instagram", "date_heure": "2026-03-23 12:30"},
    {"publication": "B2", "reseau": "Facebook", "date_heure": "2026-03-24 18:30"},
    {"publication": "B3", "reseau": "Instagram", "date_heure": "2026-03-28 10:00"},
    {"publication": "B4", "reseau": "Facebook", "date_heure": "2026-03-30 19:00"},
    {"publication": "B5", "reseau": "Instagram", "date_heure": "2026-04-01 08:00"},
    {"publication": "B6", "reseau": "Facebook", "date_heure": "2026-04-02 12:00"},
]


def test_schedule_right(case):
    result = c5.check_schedule(pd.DataFrame(GOOD_PLAN), case["activity"], now=NOW, drafts=case_meta.DRAFTS)
    assert result.passed, str(result)
    assert result.criterion == "C5.1" and result.points == 3


def test_schedule_with_past_slot_night_slot_and_clash(case):
    plan = [dict(r) for r in GOOD_PLAN]
    plan[0]["date_heure"] = "2026-03-19 12:30"  # before « now »
    plan[1]["date_heure"] = "2026-03-24 03:00"  # nobody online
    plan[5]["date_heure"] = "2026-03-30 19:30"  # 30 min after B4 on Facebook
    result = c5.check_schedule(plan, case["activity"], now=NOW, drafts=case_meta.DRAFTS)
    assert result.points == 0
    text = str(result)
    assert "B1" in text and "dans le passé" in text
    assert "B2 (mardi 24/03 à 03:00)" in text
    assert "B4 et B6" in text


def test_schedule_outside_the_requested_period(case):
    plan = [dict(r) for r in GOOD_PLAN]
    plan[2]["date_heure"] = "2026-04-04 10:00"
    result = c5.check_schedule(plan, case["activity"], now=NOW, drafts=case_meta.DRAFTS, period=case_meta.PLAN_PERIOD)
    assert result.points == 2 and "B3 le samedi 04/04 à 10:00 est en dehors de la période demandée" in str(result)
    assert c5.check_schedule(GOOD_PLAN, case["activity"], now=NOW, period=case_meta.PLAN_PERIOD).passed


def test_schedule_missing_and_far_ahead(case):
    plan = [dict(r) for r in GOOD_PLAN[:5]]
    plan[4]["date_heure"] = "2026-05-20 08:00"
    result = c5.check_schedule(plan, case["activity"], now=NOW, drafts=case_meta.DRAFTS)
    assert result.points == 2 and "B6" in str(result) and "30 jours" in str(result)
    assert "Habitude du cours, sans effet sur la note" in str(result)


def test_schedule_far_ahead_is_a_course_habit_not_a_meta_rule(case):
    """Meta's upper limit is not confirmed: beyond 30 days costs no point, a note says the course's habit."""
    far = [dict(r) for r in GOOD_PLAN]
    far[0]["date_heure"] = "2026-05-20 08:00"
    on_time = c5.check_schedule(GOOD_PLAN, case["activity"], now=NOW, drafts=case_meta.DRAFTS)
    result = c5.check_schedule(far, case["activity"], now=NOW, drafts=case_meta.DRAFTS)
    window = result.findings[0]
    assert window.ok and window.points == 1 and "Habitude du cours" not in str(on_time)
    assert "Habitude du cours" in str(result) and "mercredi 20/05" in str(result)
    past = [dict(r) for r in GOOD_PLAN]
    past[0]["date_heure"] = "2026-03-20 09:05"
    assert not c5.check_schedule(past, case["activity"], now=NOW, drafts=case_meta.DRAFTS).findings[0].ok


def test_schedule_bad_input_scores_zero_with_french_message(case):
    result = c5.check_schedule([{"publication": "B1", "reseau": "Facebook"}], case["activity"], now=NOW)
    assert result.points == 0 and "date_heure" in str(result) and "Vérification impossible" in str(result)
    result = c5.check_schedule("n'importe quoi", case["activity"], now=NOW)
    assert result.points == 0 and "DataFrame" in str(result)


def test_utc_timestamps_summer_time():
    winter = int(datetime(2026, 3, 27, 18, 0, tzinfo=PARIS).timestamp())
    summer = int(datetime(2026, 3, 30, 18, 0, tzinfo=PARIS).timestamp())
    assert summer - winter == 3 * 86400 - 3600
    right = c5.check_utc_timestamps({"2026-03-27 18:00": winter, "2026-03-30 18:00": summer})
    assert right.passed and right.points == 2
    wrong = c5.check_utc_timestamps({"2026-03-27 18:00": winter, "2026-03-30 18:00": summer + 3600})
    assert wrong.points == 1 and "UTC+2" in str(wrong)
    naive = c5.check_utc_timestamps({"2026-03-30 18:00": summer + 7200})
    assert naive.points == 0 and "prise pour l'heure UTC" in str(naive)


def right_audience(audience):
    ages = insights.audience_table(audience, "age")["Share (%)"]
    cities = insights.audience_table(audience, "city")["Share (%)"]
    return {
        "repartition_age": ages.round(2).to_dict(),
        "tranche_principale": ages.idxmax(),
        "part_femmes": round(insights.audience_table(audience, "gender").loc["Women", "Share (%)"], 1),
        "ville_principale": "lyon",
        "part_ville_principale": round(cities.iloc[0], 1),
    }


def test_audience_right(case):
    result = c5.check_audience_analysis(right_audience(case["audience"]), case["audience"])
    assert result.passed, str(result)


def test_audience_wrong_parts(case):
    answers = right_audience(case["audience"])
    answers["repartition_age"] = {k: v / 100 for k, v in answers["repartition_age"].items()}
    answers["part_femmes"] = 100 - answers["part_femmes"]
    result = c5.check_audience_analysis(answers, case["audience"])
    assert result.points == 1
    assert "en pourcentage" in str(result) and "part des hommes" in str(result)
    answers = right_audience(case["audience"])
    answers["ville_principale"] = "Villeurbanne"
    assert c5.check_audience_analysis(answers, case["audience"]).points == 2
    missing = c5.check_audience_analysis({"part_femmes": 50}, case["audience"])
    assert missing.points == 0 and "repartition_age" in str(missing)


def test_engagement_rates(case):
    posts = case["posts"]
    right = insights.engagement_rates(posts).round(2)
    assert c5.check_engagement_rates(right, posts).passed
    half = right.copy()
    half.iloc[: len(half) // 2] = half.iloc[: len(half) // 2] / 100
    result = c5.check_engagement_rates(half, posts)
    assert 0 < result.points < 2 and "× 100 a été oublié" in str(result)
    by_views = insights.engagement_rates(posts, "views")
    result = c5.check_engagement_rates(by_views, posts)
    assert result.points == 0 and "les vues" in str(result)
    as_frame = pd.DataFrame({"Post ID": right.index, "taux": right.values})
    assert c5.check_engagement_rates(as_frame, posts).passed


def test_average_rate(case):
    posts = case["posts"]
    expected = insights.average_engagement_rate(posts)
    assert c5.check_average_rate(round(expected, 2), posts).passed
    pooled = posts["Engagements"].sum() / posts["Reach"].sum() * 100
    result = c5.check_average_rate(pooled, posts)
    assert not result.passed and "total des engagements" in str(result)
    assert c5.check_average_rate("7 %", posts).points == 0


def right_inbox(inbox):
    state = insights.responsiveness(inbox, until=case_meta.INBOX_UNTIL)
    return {"taux_de_reponse": round(state.rate, 1), "temps_de_reponse": round(state.minutes, 1),
            "sans_reponse": insights.unanswered(inbox), "badge": state.badge}


def test_inbox_right(case):
    result = c5.check_inbox(right_inbox(case["inbox"]), case["inbox"], until=case_meta.INBOX_UNTIL)
    assert result.passed and result.points == 4, str(result)


def test_inbox_usual_mistakes(case):
    inbox = case["inbox"]
    answers = right_inbox(inbox)
    messages = insights.last_days(insights.messages_only(inbox), 7, case_meta.INBOX_UNTIL)
    delays = insights.reply_minutes(messages)
    answers["temps_de_reponse"] = sum(delays) / len(delays)  # plain mean
    answers["sans_reponse"] = [i for i in insights.unanswered(inbox) if i in set(insights.messages_only(inbox)["Item ID"])]
    answers["badge"] = True
    answers["taux_de_reponse"] = insights.response_rate(inbox, days=7, until=case_meta.INBOX_UNTIL)
    result = c5.check_inbox(answers, inbox, until=case_meta.INBOX_UNTIL)
    text = str(result)
    assert result.points == 0, text
    assert "10 % les plus lentes" in text and "commentaires publics" in text
    assert "messages privés" in text
    assert c5.check_inbox({"taux_de_reponse": 1}, inbox).points == 0


def test_one_unreadable_part_costs_only_that_part(case):
    answers = right_inbox(case["inbox"])
    answers["badge"] = None
    result = c5.check_inbox(answers, case["inbox"], until=case_meta.INBOX_UNTIL)
    assert result.points == 3 and "Badge « Très réactif » : pas encore de réponse" in str(result)
    answers["badge"] = "peut-être"
    result = c5.check_inbox(answers, case["inbox"], until=case_meta.INBOX_UNTIL)
    assert result.points == 3 and "« obtenu » ou « non obtenu » était attendu" in str(result)
    assert "None" not in str(result) and "True" not in str(result)
    audience = right_audience(case["audience"])
    audience["part_femmes"] = "beaucoup"
    result = c5.check_audience_analysis(audience, case["audience"])
    assert result.points == 2 and "un nombre était attendu" in str(result)


def test_rates_given_as_one_column_table_or_wide_table(case):
    posts = case["posts"]
    right = insights.engagement_rates(posts)
    assert c5.check_engagement_rates(right.to_frame("taux"), posts).passed
    wide = pd.DataFrame({"a": [1], "b": [2], "c": [3]})
    result = c5.check_engagement_rates(wide, posts)
    assert result.points == 0 and "deux colonnes" in str(result)
    assert "× 100 a été oublié" in str(c5.check_average_rate(insights.average_engagement_rate(posts) / 100, posts))


# -- the assignment's questions, answered in widgets, registered and scored from the files ---------------------
REPO = Path(__file__).resolve().parents[1]
CASES = REPO / "tests" / "pipeline_cases" / "c5_meta_business_suite"
GRADED_CELLS = ("c5_1_planning_test", "c5_1_heure_paris_test", "c5_2_analyse_test", "c5_3_taux_publications_test",
                "c5_3_taux_moyen_test", "c5_4_messagerie_test")


def _score(folder, graded: bool = True) -> float:
    sub = registry.Submission(folder, c5.NOTEBOOK, {} if graded else None)
    return round(sum(registry.score(g, registry.run(g, sub)) for g in GRADED_CELLS), 4)


def test_paris_times_with_summer_time():
    right = {"2026-03-27 17:00": "2026-03-27T18:00:00+01:00", "2026-03-30 16:00": "2026-03-30T18:00:00+02:00"}
    assert c5.check_paris_times(right).points == 2
    winter = c5.check_paris_times(dict(right, **{"2026-03-30 16:00": "2026-03-30T17:00:00+02:00"}))
    assert winter.points == 1 and "UTC+2" in winter.missing[0]
    copied = c5.check_paris_times(dict(right, **{"2026-03-27 17:00": "2026-03-27T17:00:00+01:00"}))
    assert "recopiée" in copied.missing[0]
    assert c5.check_paris_times({"2026-03-27 17:00": None}).points == 0
    assert c5.check_paris_times({"2026-03-27 17:00": "demain"}).points == 0


def test_audience_reading(case):
    right = {"tranche": "25-34", "part_tranche": 30.4, "sexe": "Women", "part_sexe": 66.6, "ville": "Lyon",
             "part_ville": 58.3}
    assert c5.check_audience_reading(right, case["audience"]).points == 3
    men = c5.check_audience_reading(dict(right, part_sexe=33.4), case["audience"])
    assert men.points == 2 and "l'autre sexe" in men.missing[0]
    wrong_city = c5.check_audience_reading(dict(right, ville="Villeurbanne"), case["audience"])
    assert wrong_city.points == 2 and "Villeurbanne" in wrong_city.missing[0]
    assert c5.check_audience_reading(dict(right, part_tranche=0.304), case["audience"]).points == 2


def test_base_and_average(case):
    posts = c5.rate_posts(case["posts"])
    assert list(posts["Post ID"]) == [f"P{n}" for n in range(1, 7)]
    expected = insights.average_engagement_rate(posts, "reach")
    assert c5.check_base_and_average("reach", round(expected, 2), posts).points == 1
    assert c5.check_base_and_average("views", round(expected, 2), posts).points == 0.5
    pooled = c5.check_base_and_average("reach", 8.29, posts)
    assert pooled.points == 0.5 and "total des engagements" in pooled.missing[0]


def test_inbox_with_a_count_and_the_widget_s_badge_choice(case):
    answers = {"taux_de_reponse": 84.2, "temps_de_reponse": 124.8, "sans_reponse": 22, "badge": "non_obtenu"}
    assert c5.check_inbox(answers, case["inbox"], until=case_meta.INBOX_UNTIL).points == 4
    private_only = c5.check_inbox(dict(answers, sans_reponse=15, badge="obtenu"), case["inbox"],
                                  until=case_meta.INBOX_UNTIL)
    assert private_only.points == 2 and "commentaires publics" in private_only.missing[0]


def test_tables_shown_to_the_learner_are_in_french(case):
    rates = c5.rate_table(case["posts"])
    assert list(rates.columns) == ["Publication", "Réseau", "Publiée le", "Type", "Engagements", "Portée", "Vues"]
    week = c5.inbox_week_table(case["inbox"], case_meta.INBOX_UNTIL)
    assert len(week) == 19 and (week["Répondu le"] == "sans réponse").sum() == 3
    summary = c5.inbox_summary(case["inbox"])
    assert summary["Sans réponse"].sum() == 22 and "Commentaire Facebook" in list(summary["Canal"])


@pytest.mark.parametrize(("case_name", "expected"), [("solution", 15.0), ("erreurs_courantes", 9.0)])
def test_registered_cells_score_the_known_submissions_from_their_files(case_name, expected):
    assert _score(CASES / case_name) == expected
    assert _score(CASES / case_name, graded=False) == expected  # same figures in the learner's instant feedback


def test_every_graded_cell_of_c5_is_registered_and_no_cell_asks_for_code():
    import json

    notebook = json.loads((REPO / "source" / "c5_meta_business_suite" / "c5_meta_business_suite.ipynb")
                          .read_text(encoding="utf-8"))
    graded = {c["metadata"]["nbgrader"]["grade_id"]: c["metadata"]["nbgrader"]["points"] for c in notebook["cells"]
              if c["metadata"].get("nbgrader", {}).get("grade") and c["cell_type"] == "code"}
    assert set(graded) == set(GRADED_CELLS)
    assert all(registry.lookup(g).points == p for g, p in graded.items())
    assert not [c for c in notebook["cells"] if c["cell_type"] == "code"
                and c["metadata"].get("nbgrader", {}).get("solution")]


def test_edited_exports_or_answers_gain_nothing(tmp_path):
    import json
    import shutil

    folder = tmp_path / "copie"
    shutil.copytree(CASES / "erreurs_courantes", folder)
    for name in ("facebook_posts.csv", "instagram_posts.csv", "audience.csv", "activity.csv", "inbox.csv"):
        (folder / name).write_text("n'importe quoi\n", encoding="utf-8")  # the exports are regenerated
    assert _score(folder) == 9.0
    path = folder / "reponses_c5_meta_business_suite.json"
    data = json.loads(path.read_text(encoding="utf-8"))
    data["answers"]["c5_3_taux"]["value"] = {"P1": "beaucoup"}
    data["answers"]["c5_4_badge"]["value"] = ["obtenu"]
    data["answers"]["c5_2_part_sexe"]["value"] = 1e300
    path.write_text(json.dumps(data), encoding="utf-8")
    assert _score(folder) < 9.0
    path.write_text("{pas du JSON", encoding="utf-8")
    assert _score(folder) == 2.0  # only the schedule (its own file) is scored; each answer cell says why not
    sub = registry.Submission(folder, c5.NOTEBOOK, {})
    assert "Vérification impossible" in registry.run("c5_2_analyse_test", sub)[0].missing[0]


def test_the_graded_view_shows_the_answers_and_the_texts():
    sub = registry.Submission(CASES / "solution", c5.NOTEBOOK, {})
    view = registry.artefact_html("c5_2_analyse_test", sub)
    assert "Comparaison avec la cible" in view and "Lyon" in view
    assert "30/03/2026 18:00 (Paris)" in registry.artefact_html("c5_1_heure_paris_test", sub)
    assert "B6" in registry.artefact_html("c5_1_planning_test", sub)
    inbox = registry.artefact_html("c5_4_messagerie_test", sub)
    assert "Non obtenu" in inbox and "non_obtenu" not in inbox and "Femmes" in view and "Women" not in view


def test_unanswered_inbox_questions_are_named_by_their_labels(case):
    """Before the learner answers, each part says « pas encore de réponse » with the form's label, never an
    internal key nor « None »."""
    answers = dict.fromkeys(c5.INBOX_KEYS)
    text = str(c5.check_inbox(answers, case["inbox"], until=case_meta.INBOX_UNTIL))
    assert "Taux de réponse (%)\u00a0: pas encore de réponse" in text
    assert "Éléments sans réponse\u00a0: pas encore de réponse" in text
    assert "None" not in text and "taux_de_reponse" not in text and "sans_reponse" not in text
