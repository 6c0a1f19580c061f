import datetime as dt
import math

import pandas as pd
import pytest

from autograder import campaign as cp

from course_support import REPO


def test_six_objectives_with_api_names_and_french_labels():
    assert [o.label for o in cp.OBJECTIVES.values()] == [
        "Notoriété", "Trafic", "Interactions", "Prospects", "Promotion de l'application", "Ventes"]
    assert cp.get_objective("Traffic").api == "OUTCOME_TRAFFIC"
    assert cp.get_objective("ventes").result == "Achats"
    with pytest.raises(KeyError, match="six objectifs"):
        cp.get_objective("likes")


def test_formats_fit_objectives_and_targets():
    assert cp.format_fits_objective("carrousel", "ventes")
    assert not cp.format_fits_objective("story", "prospects")
    assert "reel" in cp.formats_for_age(18, 24) and "image" not in cp.formats_for_age(18, 24)
    with pytest.raises(KeyError, match="Format inconnu"):
        cp.format_fits_objective("hologramme", "trafic")


def test_audience_size_narrows_with_interests_and_rejects_empty_audience():
    broad = cp.audience_size({"age_min": 25, "age_max": 54, "locations": ["Lyon"]})
    narrow = cp.audience_size({"age_min": 25, "age_max": 54, "locations": ["Lyon"], "interests": ["pâtisserie"]})
    assert narrow[1] < broad[0] and broad[0] < broad[1]
    # Lyon 522 000 × 25-54 share (0.367) × 72 % ≈ 138 000
    assert broad[0] <= 522_000 * (0.115 + 0.124 + 0.128) * 0.72 <= broad[1]
    with pytest.raises(ValueError, match="au moins un lieu"):
        cp.audience_size({"age_min": 25, "age_max": 54, "locations": []})
    assert cp.audience_warnings({"age_min": 25, "age_max": 26, "locations": ["Bron"], "interests": ["mariage"]})
    assert cp.audience_warnings({"age_min": 18, "age_max": 65, "locations": ["France"]})


def test_budget_validation_and_meta_overspend_rule():
    b = cp.Budget("quotidien", 10, "2027-01-02", "2027-01-15")
    assert b.days == 14 and b.total == 140
    assert cp.max_spend_on_one_day(10) == pytest.approx(17.5)
    assert cp.max_spend_in_week(10) == 70
    assert cp.Budget("global", 100, dt.date(2027, 1, 1), dt.date(2027, 1, 1)).total == 100
    with pytest.raises(ValueError, match="strictement positif"):
        cp.Budget("quotidien", 0, "2027-01-02", "2027-01-15")
    with pytest.raises(ValueError, match="strictement positif"):
        cp.Budget("quotidien", -5, "2027-01-02", "2027-01-15")
    with pytest.raises(ValueError, match="date de fin"):
        cp.Budget("global", 50, "2027-01-15", "2027-01-02")
    with pytest.raises(ValueError, match="AAAA-MM-JJ"):
        cp.Budget("global", 50, "15/13/2027", "2027-01-20")  # was « 15/01/2027 », now accepted (issue 10)


def test_budget_reads_dates_as_the_plan_does():
    """« 24/03/2026 » is a date for the campaign as for the plan (one date reader, ``autograder.dates``)."""
    from autograder.plan import parse_date

    b = cp.Budget("global", 50, "15/01/2027", "2027-01-20")
    assert b.start == parse_date("15/01/2027") == dt.date(2027, 1, 15) and b.days == 6
    with pytest.raises(ValueError, match="JJ/MM/AAAA"):
        cp.Budget("global", 50, "15 janvier", "2027-01-20")


def test_audience_warnings_keep_their_commas():
    """The thousands of the audience size are written with a narrow no-break space, and the sentence keeps its
    commas (« élargissez les lieux, les âges »: the old ``.replace(",", " ")`` over the sentence removed them)."""
    small = {"locations": ["Lyon"], "age_min": 60, "age_max": 65, "genders": "hommes", "interests": ["commerce local"]}
    assert cp.audience_size(small) == (3400, 4600)
    assert cp.audience_warnings(small) == [
        "Audience trop restreinte (3\u202f400 – 4\u202f600 personnes) : élargissez les lieux, les âges ou les centres "
        "d'intérêt (au moins 5\u202f000 personnes conseillées)."]
    broad = {"locations": ["France"], "age_min": 18, "age_max": 65, "genders": "toutes", "interests": []}
    assert cp.audience_warnings(broad)[0].startswith("Audience trop large (32\u202f918\u202f300 – 44\u202f536\u202f500 "
                                                     "personnes) pour une entreprise locale : précisez")


def test_forecast_is_consistent_and_ordered():
    f = cp.forecast(100, "local")
    assert list(f.index) == ["bas", "attendu", "haut"]
    assert f.loc["attendu", "impressions"] == pytest.approx(100 / 6.0 * 1000)
    assert f.loc["attendu", "clicks"] == pytest.approx(100 / 0.275)
    for s in f.index:
        row = f.loc[s]
        assert row["ctr"] == pytest.approx(row["clicks"] / row["impressions"] * 100)
        assert row["cpc"] == pytest.approx(100 / row["clicks"])
        assert row["roas"] == pytest.approx(row["revenue"] / 100)
    assert f.loc["bas", "clicks"] < f.loc["attendu", "clicks"] < f.loc["haut", "clicks"]
    assert cp.forecast(100, "local", audience_max=1000).loc["haut", "reach"] == 1000
    with pytest.raises(ValueError, match="strictement positif"):
        cp.forecast(0)


def test_budget_for_a_target():
    assert cp.budget_for_target(300, "clics", "local") == pytest.approx(300 * 0.275)
    assert cp.budget_for_target(300, "clics", "local", "bas") == pytest.approx(120)
    assert cp.budget_for_target(20, "achats", "local") > cp.budget_for_target(20, "clics", "local")
    with pytest.raises(ValueError, match="négatif"):
        cp.budget_for_target(-1)
    with pytest.raises(ValueError, match="strictement positif"):
        cp.budget_for_target(0)
    budget = cp.Budget("quotidien", 3, "2027-01-02", "2027-01-15")
    assert "insuffisant" in cp.budget_warnings(budget, "clics", 300, "local")[0]
    budget = cp.Budget("global", 1000, "2027-01-02", "2027-01-15")
    assert "surdimensionné" in cp.budget_warnings(budget, "clics", 300, "local")[0]


def test_analysis_of_an_ads_manager_export():
    table = cp.case_campaign_results()
    out = cp.analyse_results(table)
    total = out.loc["Total"]
    assert total["CPC (clic sur un lien) (EUR)"] == pytest.approx(150.0 / 362)
    assert total["CPC (tous) (EUR)"] == pytest.approx(150.0 / 655)
    assert total["CPM (EUR)"] == pytest.approx(150.0 / 25_690 * 1000)
    first = out.iloc[0]
    assert first["Répétition"] == pytest.approx(11_250 / 6_020)
    assert first["CTR (clics sur un lien) (%)"] == pytest.approx(171 / 11_250 * 100)


def test_analysis_reads_french_numbers_and_refuses_bad_tables():
    table = cp.case_campaign_results().astype(str)
    table["Montant dépensé (EUR)"] = ["62,40", "48,10", "39,50"]
    table["Impressions"] = ["11 250", "8\u202f410", "6030"]
    assert cp.analyse_results(table).loc["Total", "Montant dépensé (EUR)"] == pytest.approx(150)
    with pytest.raises(ValueError, match="absente"):
        cp.analyse_results(table.drop(columns=["Clics sur un lien"]))
    table.loc[0, "Impressions"] = "beaucoup"
    with pytest.raises(ValueError, match="un nombre était attendu"):
        cp.analyse_results(table)
    with pytest.raises(ValueError, match="DataFrame"):
        cp.analyse_results([1, 2])
    zero = cp.case_campaign_results()
    zero.loc[0, "Clics sur un lien"] = 0
    assert math.isnan(cp.analyse_results(zero).iloc[0]["CPC (clic sur un lien) (EUR)"])
    assert isinstance(cp.analyse_results(zero), pd.DataFrame)


def test_campaign_round_trip_and_warnings():
    data = {"objective": "Trafic", "audience": {"age_min": 25, "age_max": 54, "locations": ["Lyon"]},
            "format": "story", "message": "Commandez", "budget": {"kind": "global", "amount": 90,
                                                                 "start": "2027-01-02", "end": "2027-01-10"}}
    camp = cp.Campaign.from_dict(data)
    assert camp.objective == "trafic" and camp.placements == cp.FORMATS["story"]["placements"]
    assert cp.Campaign.from_dict(camp.to_dict()).to_dict() == camp.to_dict()
    assert camp.warnings() == []
    data["objective"] = "prospects"
    assert any("convient mal" in x for x in cp.Campaign.from_dict(data).warnings())
    with pytest.raises(ValueError, match="incomplète"):
        cp.Campaign.from_dict({"objective": "trafic"})


def test_placements_must_belong_to_the_format():
    data = {"objective": "trafic", "audience": {"age_min": 25, "age_max": 54, "locations": ["Lyon"]},
            "format": "image", "message": "Commandez",
            "budget": {"kind": "global", "amount": 90, "start": "2027-01-02", "end": "2027-01-10"}}
    assert cp.Campaign.from_dict(dict(data, placements=[["instagram", "feed_carre"]])).placements == [
        ("instagram", "feed_carre")]
    with pytest.raises(ValueError, match="impossible"):
        cp.Campaign.from_dict(dict(data, placements=[["instagram", "reel"]]))
    with pytest.raises(ValueError, match="au moins un emplacement"):
        cp.Campaign.from_dict(dict(data, placements=[]))


# -- Ads Manager exports as Meta writes them ----------------------------------------------------------------
# An ad-level export of an account billed in Philippine pesos, English interface: Meta's summary row first
# (no name, reach counted once per person, Results left empty because the ads have different result
# indicators), zeros written as empty cells, no « Clicks (all) » column, every text field quoted.
PHP_EXPORT = (
    '\ufeff"Reporting starts","Reporting ends","Ad name","Ad delivery","Results","Result indicator","Reach",'
    '"Impressions","Cost per results","Amount spent (PHP)","Link clicks","Ends"\n'
    '2026-03-01,2026-03-31,,,,,9120,19500,,3000.00,200,\n'
    '2026-03-01,2026-03-31,"Reel – atelier",inactive,120,actions:link_click,5000,9000,12.504167,1500.50,120,'
    '2026-03-31\n'
    '2026-03-01,2026-03-31,"Story – promo",inactive,4000,reach,4000,6000,0.2,800.00,,2026-03-31\n'
    '2026-03-01,2026-03-31,"Carrousel – menu",inactive,80,actions:link_click,3000,4500,8.74375,699.50,80,'
    '2026-03-31\n'
)


def _write(tmp_path, name, text, encoding="utf-8"):
    path = tmp_path / name
    path.write_bytes(text.encode(encoding))
    return path


def test_ads_export_in_another_currency_uses_meta_total_row(tmp_path):
    path = _write(tmp_path, "export.csv", PHP_EXPORT)
    naive = pd.read_csv(path, encoding="utf-8-sig")  # an independent reader: what summing by hand gives
    assert naive["Amount spent (PHP)"].sum() == pytest.approx(6000)  # the total row counted twice
    out = cp.analyse_results(path)
    assert list(out.index) == ["Reel – atelier", "Story – promo", "Carrousel – menu", "Total"]
    total = out.loc["Total"]
    assert total["Montant dépensé (PHP)"] == pytest.approx(3000)
    assert total["Répétition"] == pytest.approx(19500 / 9120)  # Meta's de-duplicated reach
    assert total["CPC (clic sur un lien) (PHP)"] == pytest.approx(3000 / 200)
    assert total["CPM (PHP)"] == pytest.approx(3000 / 19500 * 1000)
    assert all("PHP" in c or "%" in c or c == "Répétition" for c in out.columns)
    assert not any("EUR" in c or "tous" in c for c in out.columns)  # no « Clicks (all) »: no CPC (tous)
    assert math.isnan(out.loc["Story – promo", "CPC (clic sur un lien) (PHP)"])  # empty cell = 0 clicks
    # results of different kinds are never added up
    assert math.isnan(total["Coût par résultat (PHP)"])
    assert out.loc["Story – promo", "Coût par résultat (PHP)"] == pytest.approx(0.2)
    by_kind = cp.cost_per_result(path)
    assert by_kind.loc["Clics sur un lien", "Coût par résultat (PHP)"] == pytest.approx(2200 / 200)
    assert by_kind.loc["Couverture", "Résultats"] == 4000
    notes = " ".join(out.attrs["avertissements"])
    assert "natures différentes" in notes and "11,00\u00a0PHP" in notes and "€" not in notes


def test_ads_export_without_total_row_sums_the_ads_and_says_so(tmp_path):
    without = "\n".join(line for i, line in enumerate(PHP_EXPORT.splitlines()) if i != 1) + "\n"
    out = cp.analyse_results(_write(tmp_path, "sans_total.csv", without))
    assert out.loc["Total", "Montant dépensé (PHP)"] == pytest.approx(3000)
    assert out.loc["Total", "Répétition"] == pytest.approx(19500 / 12000)  # reach over-counted
    assert "pas de ligne de total" in " ".join(out.attrs["avertissements"])
    # a total row that disagrees with the ads (a filtered export) is kept, with a note
    partial = "\n".join(PHP_EXPORT.splitlines()[:3]) + "\n"
    out = cp.analyse_results(_write(tmp_path, "partiel.csv", partial))
    assert out.loc["Total", "Montant dépensé (PHP)"] == pytest.approx(3000)
    assert "toutes les publicités" in " ".join(out.attrs["avertissements"])


def _french_rows():
    header = ["Début des rapports", "Fin des rapports", "Nom de l’ensemble de publicités", "Résultats",
              "Indicateur de résultats", "Couverture", "Impressions", "Montant dépensé (EUR)", "Clics (tous)",
              "Clics sur un lien"]
    return [header,
            ["2027-01-02", "2027-01-15", None, 362, "actions:link_click", 14_200, 25_690, 150, 655, 362],
            ["2027-01-02", "2027-01-15", "Lyon 25-54", 250, "actions:link_click", 9_000, 17_000, 100, 420, 250],
            ["2027-01-02", "2027-01-15", "Villeurbanne 25-54", 112, "actions:link_click", 6_100, 8_690, 50, 235,
             112]]


def test_french_xlsx_export_is_read_with_openpyxl(tmp_path):
    import openpyxl

    book = openpyxl.Workbook()
    for row in _french_rows():
        book.active.append(row)
    book.save(tmp_path / "export.xlsx")
    table = cp.read_ads_export(tmp_path / "export.xlsx")
    assert table.iloc[0]["Nom de l’ensemble de publicités"] == ""
    out = cp.analyse_results(table)
    assert list(out.index) == ["Lyon 25-54", "Villeurbanne 25-54", "Total"]
    total = out.loc["Total"]
    assert total["Montant dépensé (EUR)"] == pytest.approx(150)
    assert total["CPC (tous) (EUR)"] == pytest.approx(150 / 655)
    assert total["Répétition"] == pytest.approx(25_690 / 14_200)
    assert total["Coût par résultat (EUR)"] == pytest.approx(150 / 362)  # one kind of result: summed
    assert out.attrs["avertissements"] == []


def test_ads_export_encodings_and_separators(tmp_path):
    rows = [[("" if c is None else str(c)) for c in r] for r in _french_rows()]
    semicolons = "\r\n".join(";".join(r) for r in rows) + "\r\n"
    tabs = "sep=\t\n" + "\n".join("\t".join(r) for r in rows) + "\n"
    for path in (_write(tmp_path, "cp1252.csv", semicolons, "cp1252"),
                 _write(tmp_path, "utf16.csv", "\ufeff" + tabs, "utf-16-le")):
        table = cp.read_ads_export(path)
        assert "Montant dépensé (EUR)" in table.columns, path.name
        assert cp.analyse_results(table).loc["Total", "CPC (clic sur un lien) (EUR)"] == pytest.approx(150 / 362)
    short = PHP_EXPORT.replace(",800.00,,2026-03-31\n", ",800.00\n")  # Meta drops trailing empty cells
    assert cp.read_ads_export(short.encode()).loc[2, "Link clicks"] == ""


def test_course_export_reads_the_same_through_the_reader():
    path = REPO / "source" / "c7_campagne" / "resultats_campagne.csv"
    by_reader = cp.analyse_results(path)
    by_hand = cp.analyse_results(cp.case_campaign_results())
    pd.testing.assert_frame_equal(by_reader, by_hand)


@pytest.mark.parametrize("content, needle", [
    (b'<?xml version="1.0"?>\n<Workbook xmlns="urn:schemas-microsoft-com:office:spreadsheet">', "format CSV"),
    (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 64, "format CSV"),
    (b"PK\x03\x04 not really a workbook", "exportez au format CSV"),
    (b"", "vide"),
    (b"Ad name,Amount spent (USD),Impressions,Reach,Results\nA,1,2,3,4\n", "Clics sur un lien"),
    (b"Ad name,Impressions,Reach,Link clicks,Results\nA,1,2,3,4\n", "Montant dépensé"),
    (b"Ad name,Amount spent (USD),Impressions,Reach,Link clicks,Results\nA,1,deux,3,4,5\n", "un nombre"),
    (b"Ad name,Amount spent (USD),Impressions\nA,1,2,3,4,5\n", "plus de cellules"),
])
def test_unreadable_ads_exports_are_explained(tmp_path, content, needle):
    path = tmp_path / "export.csv"
    path.write_bytes(content)
    with pytest.raises(ValueError, match=needle):
        cp.analyse_results(path)


def test_indicators_and_amounts_in_french():
    assert cp.indicator_label("actions:link_click") == "Clics sur un lien"
    assert cp.indicator_label("Clics sur un lien") == "Clics sur un lien"
    assert cp.indicator_label("actions:omni_app_install") == "actions:omni_app_install"
    assert cp.indicator_label("") == cp.NO_INDICATOR
    assert cp.amount(1234.5, "UAH") == "1\u202f234,50\u00a0UAH" and cp.amount(3, "EUR") == "3,00\u00a0€"


def test_minimum_budget_is_the_daily_minimum_times_the_days():
    assert cp.minimum_budget("impressions") == 1.0
    assert cp.minimum_budget("clics", days=14) == 70.0
    assert cp.minimum_budget("evenements_rares", days=7) == 280.0
    with pytest.raises(KeyError, match="Mode de facturation inconnu : « achats »"):
        cp.minimum_budget("achats")
    with pytest.raises(ValueError, match="au moins 1"):
        cp.minimum_budget("clics", days=0)


def test_error_messages_carry_no_python_notation():
    with pytest.raises(ValueError) as error:
        cp.Audience.from_dict({"age_min": 25, "age_max": 54, "locations": ["Lyon", "Atlantis"], "couleur": "bleu"})
    assert "couleur" in str(error.value) and "[" not in str(error.value) and "{" not in str(error.value)
    with pytest.raises(ValueError) as error:
        cp.Audience(25, 54, "toutes", ["Atlantis"])
    assert "Atlantis" in str(error.value) and "['" not in str(error.value)
    with pytest.raises(ValueError) as error:
        cp.Budget.from_dict("dix euros")
    assert "{" not in str(error.value) and "quotidien ou global" in str(error.value)
    with pytest.raises(KeyError) as error:
        cp.get_sector("boulangerie")
    assert "« boulangerie »" in str(error.value) and "'boulangerie'" not in str(error.value)


def test_wrong_placement_is_named_in_french():
    data = {"objective": "trafic", "audience": {"age_min": 25, "age_max": 54, "locations": ["Lyon"]},
            "format": "story", "placements": [["facebook", "reel"]], "message": "Précommandez !",
            "budget": {"kind": "quotidien", "amount": 5, "start": "2027-01-01", "end": "2027-01-07"}}
    with pytest.raises(ValueError) as error:
        cp.Campaign.from_dict(data)
    assert "Facebook – Reel" in str(error.value) and "('facebook'" not in str(error.value)
    data["placements"] = [["facebook", "story"]]
    assert cp.Campaign.from_dict(data).placements == [("facebook", "story")]
