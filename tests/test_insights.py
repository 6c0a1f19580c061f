"""The Meta Business Suite loader (real-shaped and malformed exports) and the C5 computations."""

from datetime import datetime

import pytest

from autograder import insights
from autograder.insights import PARIS, ExportError, read_export

FB_HEADER = ("Post ID,Page ID,Page name,Description,Publish time,Post type,Views,Reach,"
             "\"Reactions, comments and shares\",Reactions,Comments,Shares")


def fb_export(*lines: str, header: str = FB_HEADER) -> str:
    return "\ufeff" + "\r\n".join([header, *lines]) + "\r\n"


def test_real_shaped_export_with_bom_thousands_and_us_times():
    text = fb_export('1_2,1,Fournée,"Galette, frangipane",01/06/2026 18:30,Photos,"2,340","1,520",97,80,12,5')
    frame = read_export(text, "facebook_posts")
    row = frame.iloc[0]
    assert row["Post ID"] == "1_2" and row["Description"] == "Galette, frangipane"
    assert row["Views"] == 2340 and row["Reach"] == 1520 and row["Reactions"] == 80
    assert row["Publish time"] == datetime(2026, 1, 6, 18, 30, tzinfo=PARIS)


def test_old_files_with_impressions_are_read_as_views():
    text = fb_export("1_2,1,F,d,01/06/2024 18:30,Photos,900,500,7,5,1,1",
                     header=FB_HEADER.replace("Views", "Impressions"))
    assert read_export(text, "facebook_posts")["Views"].tolist() == [900]


def test_french_headers_semicolons_and_day_first_dates():
    header = ("Identifiant de la publication;Heure de publication;Type de publication;Vues;Couverture;"
              "Réactions;Commentaires;Partages")
    text = header + "\n" + "9;06/01/2026 18:30;Photos;1 520;800;40;3;2\n"
    frame = read_export(text, "facebook_posts")
    assert frame.loc[0, "Publish time"] == datetime(2026, 1, 6, 18, 30, tzinfo=PARIS)  # 6 January
    assert frame.loc[0, "Views"] == 1520 and frame.loc[0, "Reach"] == 800


def test_summer_time_is_kept():
    text = fb_export("1,1,F,d,07/01/2026 18:30,Photos,10,10,1,1,0,0")
    moment = read_export(text, "facebook_posts").loc[0, "Publish time"]
    assert moment.utcoffset().total_seconds() == 7200


def test_missing_column_is_named():
    header = FB_HEADER.replace(",Reach", "")
    with pytest.raises(ExportError, match="« Reach »"):
        read_export(fb_export("1,1,F,d,01/06/2026 18:30,Photos,10,1,1,0,0", header=header), "facebook_posts")


def test_unreadable_number_names_line_and_column():
    text = fb_export("1,1,F,d,01/06/2026 18:30,Photos,10,10,1,1,0,0", "2,1,F,d,01/07/2026 18:30,Photos,dix,10,1,1,0,0")
    with pytest.raises(ExportError, match=r"ligne 3, colonne « Views »"):
        read_export(text, "facebook_posts")


def test_bad_date_and_short_line_name_their_line():
    with pytest.raises(ExportError, match="ligne 2.*MM/JJ/AAAA"):
        read_export(fb_export("1,1,F,d,2026/31/01 18h,Photos,10,10,1,1,0,0"), "facebook_posts")
    with pytest.raises(ExportError, match="Ligne 2 .*illisible"):
        read_export(fb_export("1,1,F,d,01/06/2026 18:30,Photos,10,10"), "facebook_posts")


def test_missing_file_and_empty_file(tmp_path):
    with pytest.raises(ExportError, match="introuvable"):
        read_export(tmp_path / "absent.csv", "inbox")
    (tmp_path / "vide.csv").write_text("")
    with pytest.raises(ExportError, match="vide"):
        read_export(tmp_path / "vide.csv", "inbox")
    with pytest.raises(ExportError, match="inconnu"):
        read_export(tmp_path / "vide.csv", "tiktok")


def test_no_line_dropped():
    lines = [f"{i},1,F,d,01/0{1 + i % 9}/2026 08:00,Photos,10,10,1,1,0,0" for i in range(25)]
    assert len(read_export(fb_export(*lines), "facebook_posts")) == 25


def test_parse_count():
    assert insights.parse_count("1,520") == 1520
    assert insights.parse_count("1\u202f520") == 1520
    assert insights.parse_count("") == 0
    assert insights.parse_count("3,5") == 3.5
    with pytest.raises(ExportError):
        insights.parse_count("1,52,0")


INBOX = """Item ID,Channel,Author,Text,Received time,Replied time,Labels
M1,Messenger,A,Bonjour,02/20/2026 10:00,02/20/2026 10:05,Question
M2,Messenger,B,Bonjour,02/23/2026 10:00,02/23/2026 10:10,Question
M3,Instagram Direct,C,Bonjour,02/24/2026 10:00,02/24/2026 10:20,Question
M4,Instagram Direct,D,Bonjour,02/25/2026 10:00,,Question
M5,Facebook comment,E,Bravo,02/26/2026 10:00,,Avis
M6,Messenger,F,Bonjour,02/27/2026 10:00,02/27/2026 12:00,Commande
"""


def test_inbox_computations_follow_meta_definitions():
    inbox = read_export(INBOX, "inbox")
    until = datetime(2026, 3, 1, tzinfo=PARIS)
    messages = insights.messages_only(inbox)
    assert len(messages) == 5
    assert insights.response_rate(messages, days=7, until=until) == pytest.approx(75.0)  # M2, M3, M6 of 4
    # Fastest 90 % of 3 delays: ceil(2.7) = 3 → all; of the 4 delays of the whole file: ceil(3.6) = 4.
    assert insights.response_time(messages, days=7, until=until) == pytest.approx((10 + 20 + 120) / 3)
    assert insights.unanswered(inbox) == ["M4", "M5"]
    badge = insights.responsiveness(inbox, until=until)
    assert badge.rate == pytest.approx(75.0) and not badge.badge


def test_response_time_leaves_out_the_slowest_tenth():
    rows = [f"M{i},Messenger,A,t,02/0{1 + i % 9}/2026 10:00,02/0{1 + i % 9}/2026 10:{(10 if i < 9 else 59)}," for i in range(10)]
    inbox = read_export("Item ID,Channel,Author,Text,Received time,Replied time,Labels\n" + "\n".join(rows), "inbox")
    assert insights.response_time(inbox, days=None) == pytest.approx(10.0)


def test_reply_before_receipt_is_refused():
    text = "Item ID,Channel,Author,Text,Received time,Replied time\nM1,Messenger,A,t,02/20/2026 10:00,02/20/2026 09:00\n"
    with pytest.raises(ValueError, match="avant la réception"):
        insights.reply_minutes(read_export(text, "inbox"))


def test_engagement_rates_and_average():
    fb = read_export(fb_export("F1,1,F,d,01/06/2026 18:30,Photos,2000,1000,60,50,5,5"), "facebook_posts")
    ig_text = ("Post ID,Publish time,Post type,Views,Reach,Likes,Shares,Comments,Saves\n"
               "I1,01/07/2026 08:00,IG reel,\"3,000\",\"2,000\",100,20,10,30\n")
    ig = read_export(ig_text, "instagram_posts")
    posts = insights.combined_posts(fb, ig)
    rates = insights.engagement_rates(posts)
    assert rates["F1"] == pytest.approx(6.0) and rates["I1"] == pytest.approx(8.0)
    assert insights.engagement_rates(posts, "views")["F1"] == pytest.approx(3.0)
    assert insights.average_engagement_rate(posts) == pytest.approx(7.0)
    with pytest.raises(ValueError, match="Base inconnue"):
        insights.engagement_rates(posts, "likes")


AUDIENCE = """Platform,Breakdown,Category,Gender,Followers
Facebook,Age & gender,25-34,Women,60
Facebook,Age & gender,25-34,Men,40
Facebook,Age & gender,65+,Women,20
Facebook,Age & gender,18-24,Men,"80"
Instagram,Age & gender,18-24,Women,100
Facebook,Top cities,Lyon,,150
Facebook,Top cities,Bron,,50
"""


def test_audience_tables():
    audience = read_export(AUDIENCE, "audience")
    ages = insights.audience_table(audience, "age")
    assert list(ages.index) == ["18-24", "25-34", "65+"]  # Meta's order, not the file's
    assert ages.loc["18-24", "Followers"] == 180
    assert insights.audience_table(audience, "gender", "Facebook").loc["Women", "Share (%)"] == pytest.approx(40.0)
    assert insights.audience_table(audience, "city").iloc[0].name == "Lyon"
    assert insights.target_share(audience, (25, 54), "Facebook") == pytest.approx(50.0)
    with pytest.raises(ValueError, match="Plateforme inconnue"):
        insights.audience_table(audience, "age", "TikTok")


def test_active_hours_and_description():
    rows = ["Platform,Day,Hour,Online followers"] + [
        f"Facebook,Monday,{h},{100 if h in (7, 8, 18, 19, 20) else 10}" for h in range(24)]
    hours = insights.active_hours(read_export("\n".join(rows), "activity"), "Facebook")
    assert hours[0] == {7, 8, 18, 19, 20} and hours[1] == set()
    assert insights.describe_hours(hours[0]) == "7 h–9 h, 18 h–21 h"


def test_french_inbox_and_windows_1252_file(tmp_path):
    text = ("Identifiant;Canal;Auteur;Texte;Reçu le;Répondu le;Étiquettes\n"
            "M1;Messenger;Léa;Êtes-vous ouverts ?;20/02/2026 10:00;20/02/2026 10:07;Question\n")
    path = tmp_path / "messagerie.csv"
    path.write_bytes(text.encode("cp1252"))
    inbox = read_export(path, "inbox")
    assert inbox.loc[0, "Author"] == "Léa" and inbox.loc[0, "Received time"].day == 20
    assert insights.reply_minutes(inbox) == [7.0]


def test_load_exports_reads_a_folder(tmp_path):
    from autograder.data import case_meta

    case_meta.write_exports(tmp_path)
    exports = insights.load_exports(tmp_path)
    assert set(exports) == set(insights.KINDS)
    with pytest.raises(ExportError, match="introuvable"):
        insights.load_exports(tmp_path / "absent")


def test_negative_count_duplicate_columns_and_stray_bytes_are_refused():
    with pytest.raises(ExportError, match="Ligne 2, colonne « Reach » : un nombre positif"):
        read_export(fb_export("1,1,F,d,01/06/2026 18:30,Photos,10,-3,1,1,0,0"), "facebook_posts")
    both = FB_HEADER + ",Impressions"
    frame = read_export(fb_export("1,1,F,d,01/06/2026 18:30,Photos,10,8,1,1,0,0,12", header=both), "facebook_posts")
    assert frame.loc[0, "Views"] == 10 and frame.loc[0, "Impressions"] == "12"
    with pytest.raises(ExportError, match="en double"):
        read_export(fb_export("1,1,F,d,01/06/2026 18:30,Photos,10,8,1,1,0,0,8", header=FB_HEADER + ",Reach"),
                    "facebook_posts")
    with pytest.raises(ExportError, match="ligne 2, colonne"):
        read_export(fb_export("1,1,F,d,01/06/2026 18:30,Photos,10,8,1\0,1,0,0"), "facebook_posts")


def _activity_frame():
    import pandas as pd

    rows = []
    for day in insights.DAYS:
        weekend = day in ("Saturday", "Sunday")
        for hour in range(24):
            peak = (10, 11) if weekend else (19,)
            rows.append({"Platform": "Facebook", "Day": day, "Hour": hour, "Online followers": 100 if hour in peak else 10})
    return pd.DataFrame(rows)


def test_activity_figure_is_an_image_with_the_active_hours_as_alt_text():
    activity = _activity_frame()
    assert insights.online_by_hour(activity)["semaine"][19] == 100
    summary = insights.activity_summary(activity)
    assert "du lundi au vendredi, heures actives 19 h–20 h" in summary
    assert "le samedi et le dimanche, heures actives 10 h–12 h" in summary
    html = insights.activity_figure(activity).data
    assert html.startswith("<figure") and 'src="data:image/png;base64,' in html
    assert f'alt="{summary}"' in html.replace("&#x27;", "'") and "<figcaption>" in html
    with pytest.raises(ValueError, match="Jour inconnu"):
        insights.activity_summary(activity.assign(Day="Lundi"))


def test_audience_figure_says_every_share_in_french():
    import pandas as pd

    audience = pd.DataFrame([
        {"Platform": "Facebook", "Breakdown": "Age & gender", "Category": "25-34", "Gender": "Women", "Followers": 30},
        {"Platform": "Facebook", "Breakdown": "Age & gender", "Category": "25-34", "Gender": "Men", "Followers": 10},
        {"Platform": "Facebook", "Breakdown": "Age & gender", "Category": "35-44", "Gender": "Women", "Followers": 45},
        {"Platform": "Facebook", "Breakdown": "Age & gender", "Category": "35-44", "Gender": "Men", "Followers": 15},
        {"Platform": "Instagram", "Breakdown": "Age & gender", "Category": "18-24", "Gender": "Women", "Followers": 99},
    ])
    assert insights.audience_summary(audience, "age", "Facebook") == (
        "Abonnés Facebook par tranche d'âge : 25-34 40,0\u00a0%, 35-44 60,0\u00a0%.")
    assert insights.audience_summary(audience, "gender", "Facebook") == (
        "Abonnés Facebook par sexe : Femmes 75,0\u00a0%, Hommes 25,0\u00a0%.")
    html = insights.audience_figure(audience, "gender", "Facebook").data
    assert "<img" in html and "Femmes 75,0" in html and "<figcaption>" in html
    with pytest.raises(ValueError, match="Répartition inconnue"):
        insights.audience_figure(audience, "âge")
