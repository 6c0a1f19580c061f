"""The Meta Business Suite loader (real-shaped and malformed exports) and the C5 computations."""

import io
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


def test_french_headers_semicolons_and_meta_month_first_dates():
    header = ("Identifiant de la publication;Heure de publication;Type de publication;Vues;Couverture;"
              "Réactions;Commentaires;Partages")
    text = header + "\n" + "9;06/01/2026 18:30;Photos;1 520;800;40;3;2\n"
    frame = read_export(text, "facebook_posts")
    # Issue 12: French exports keep Meta's MM/DD order; this used to assert 6 January (day-first by header).
    assert frame.loc[0, "Publish time"] == datetime(2026, 6, 1, 18, 30, tzinfo=PARIS)  # 1 June
    assert frame.loc[0, "Views"] == 1520 and frame.loc[0, "Reach"] == 800
    (warning,) = insights.export_warnings(frame)
    assert "MM/JJ/AAAA" in warning and "1er juin 2026" in warning and "6 janvier 2026" in warning


def test_summer_time_is_kept():
    text = fb_export("1,1,F,d,07/01/2026 18:30,Photos,10,10,1,1,0,0")
    moment = read_export(text, "facebook_posts").loc[0, "Publish time"]
    assert moment.utcoffset().total_seconds() == 7200


def test_missing_column_is_named():
    header = FB_HEADER.replace(",Reach", "")
    with pytest.raises(ExportError, match="« Reach »"):
        read_export(fb_export("1,1,F,d,01/06/2026 18:30,Photos,10,1,1,0,0", header=header), "facebook_posts")


def test_unreadable_number_names_line_and_column():
    text = fb_export("1,1,F,d,01/06/2026 18:30,Photos,10,10,1,1,0,0", "2,1,F,d,01/07/2026 18:30,Photos,dix,10,1,1,0,0")
    with pytest.raises(ExportError, match=r"ligne 3, colonne « Views »"):
        read_export(text, "facebook_posts")


def test_bad_date_and_short_line_name_their_line():
    with pytest.raises(ExportError, match="ligne 2.*MM/JJ/AAAA"):
        read_export(fb_export("1,1,F,d,2026/31/01 18h,Photos,10,10,1,1,0,0"), "facebook_posts")
    # Issue 12: a short row is padded (Meta drops trailing empty cells); a long one stays unreadable.
    with pytest.raises(ExportError, match="Ligne 2 .*illisible"):
        read_export(fb_export("1,1,F,d,01/06/2026 18:30,Photos,10,10,1,1,0,0,7"), "facebook_posts")


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
    with pytest.raises(ExportError, match="Ligne 2, colonne « Reach » : un nombre positif"):
        read_export(fb_export("1,1,F,d,01/06/2026 18:30,Photos,10,-3,1,1,0,0"), "facebook_posts")
    both = FB_HEADER + ",Impressions"
    frame = read_export(fb_export("1,1,F,d,01/06/2026 18:30,Photos,10,8,1,1,0,0,12", header=both), "facebook_posts")
    assert frame.loc[0, "Views"] == 10 and frame.loc[0, "Impressions"] == "12"
    # Issue 12: the same column twice is merged when its cells agree (« 8 » and « 8 » used to be refused).
    assert read_export(fb_export("1,1,F,d,01/06/2026 18:30,Photos,10,8,1,1,0,0,8", header=FB_HEADER + ",Reach"),
                       "facebook_posts")["Reach"].tolist() == [8]
    with pytest.raises(ExportError, match="en double"):
        read_export(fb_export("1,1,F,d,01/06/2026 18:30,Photos,10,8,1,1,0,0,9", header=FB_HEADER + ",Reach"),
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
        "Abonnés Facebook par tranche d'âge : 25-34 40,0\u00a0%, 35-44 60,0\u00a0%.")
    assert insights.audience_summary(audience, "gender", "Facebook") == (
        "Abonnés Facebook par sexe : Femmes 75,0\u00a0%, Hommes 25,0\u00a0%.")
    html = insights.audience_figure(audience, "gender", "Facebook").data
    assert "<img" in html and "Femmes 75,0" in html and "<figcaption>" in html
    with pytest.raises(ValueError, match="Répartition inconnue"):
        insights.audience_figure(audience, "âge")


# -- Issue 12: files as Meta writes them ------------------------------------------------------------------

FB_FR_HEADER = ("Identifiant de la publication,ID de la Page,Nom de la page,Heure de publication,Permalien,"
                "Type de publication,Commentaire des données,Date,Vues,Couverture,"
                "\"Réactions, commentaires et partages\",Réactions,Commentaires,Partages,Total des clics,"
                "Clics sur un lien")
IG_FR_HEADER = ("Identifiant de la publication,ID du compte,Nom de profil du compte,Heure de publication,Permalien,"
                "Type de publication,Commentaire des données,Date,Vues,Couverture,Mentions J\u2019aime,Partages,"
                "Followers en plus,Commentaires,Enregistrements")


def meta_bytes(header: str, *lines: str) -> bytes:
    """A post export as Meta writes it: UTF-8 with a byte-order mark, CRLF."""
    return ("\r\n".join([header, *lines]) + "\r\n").encode("utf-8-sig")


def test_french_export_keeps_meta_month_first_dates(tmp_path):
    path = tmp_path / "publications.csv"
    path.write_bytes(meta_bytes(FB_FR_HEADER,
                                "11_1,11,Fournil,09/16/2025 18:30,https://fb.com/1,Photos,,Global,120,100,9,7,1,1,3,2",
                                "11_2,11,Fournil,09/01/2025 05:36,https://fb.com/2,Photos,,Global,80,60,5,5,0,0,1,0"))
    frame = read_export(path, "facebook_posts")
    assert frame["Publish time"].tolist() == [datetime(2025, 9, 16, 18, 30, tzinfo=PARIS),
                                              datetime(2025, 9, 1, 5, 36, tzinfo=PARIS)]
    assert frame.loc[0, "Permalink"] == "https://fb.com/1" and frame.loc[0, "Total clicks"] == 3
    assert frame.loc[0, "Link clicks"] == 2 and frame.loc[0, "Reactions, comments and shares"] == 9
    assert insights.export_warnings(frame) == []  # « 09/16 » decides the order for the whole file


def test_one_date_order_per_file_decided_from_the_values():
    alone = read_export(FB_FR_HEADER + "\n11_2,11,F,09/01/2025 05:36,u,Photos,,Global,80,60,5,5,0,0,1,0\n",
                        "facebook_posts")
    assert alone.loc[0, "Publish time"] == datetime(2025, 9, 1, 5, 36, tzinfo=PARIS)  # 1 September
    (warning,) = insights.export_warnings(alone)
    assert "1er septembre 2025" in warning and "9 janvier 2025" in warning and "MM/JJ/AAAA" in warning
    # A re-saved file whose days prove JJ/MM: read day-first, every row alike.
    resaved = fb_export("1,1,F,d,16/09/2025 18:30,Photos,10,10,1,1,0,0", "2,1,F,d,01/09/2025 18:30,Photos,10,10,1,1,0,0")
    assert [t.month for t in read_export(resaved, "facebook_posts")["Publish time"]] == [9, 9]
    mixed = fb_export("1,1,F,d,09/16/2025 18:30,Photos,10,10,1,1,0,0", "2,1,F,d,16/09/2025 18:30,Photos,10,10,1,1,0,0")
    with pytest.raises(ExportError, match="mélange deux ordres de date.*ligne 2.*ligne 3"):
        read_export(mixed, "facebook_posts")
    same_day = read_export(fb_export("1,1,F,d,05/05/2025 18:30,Photos,10,10,1,1,0,0"), "facebook_posts")
    assert insights.export_warnings(same_day) == []  # 5 May either way


def test_instagram_french_headers_with_typographic_apostrophe_and_spaces():
    text = (IG_FR_HEADER + "\n" + "17_1,17,fournil,09/20/2025 08:00,u,Reel IG,,Global,900,700,50,4,2,6,9\n")
    frame = read_export(text, "instagram_posts")
    assert frame.loc[0, "Likes"] == 50 and frame.loc[0, "Follows"] == 2 and frame.loc[0, "Saves"] == 9
    variants = IG_FR_HEADER.replace("Mentions J\u2019aime", " mentions j'aime ").replace("Followers en plus",
                                                                                       "Followers\u00a0en  plus")
    frame = read_export(variants + "\n17_1,17,f,09/20/2025 08:00,u,Reel IG,,Global,900,700,50,4,2,6,9\n",
                        "instagram_posts")
    assert frame.loc[0, "Likes"] == 50 and frame.loc[0, "Follows"] == 2
    guessed = IG_FR_HEADER.replace("Mentions J\u2019aime", "J'aime")  # a label Meta does not write
    with pytest.raises(ExportError, match="« Likes »"):
        read_export(guessed + "\n17_1,17,f,09/20/2025 08:00,u,Reel IG,,Global,900,700,50,4,2,6,9\n",
                    "instagram_posts")


def test_english_headers_in_other_capitals_are_counts():
    header = FB_HEADER.replace("Reactions, comments and shares", "Reactions, Comments and Shares") + ",Link Clicks"
    frame = read_export(fb_export('1,1,F,d,01/16/2026 18:30,Photos,10,8,"1,204",1,1,0,7', header=header), "facebook_posts")
    assert frame.loc[0, "Reactions, comments and shares"] == 1204 and frame.loc[0, "Link clicks"] == 7


def test_short_rows_are_padded_as_meta_drops_trailing_empty_cells():
    header = FB_HEADER + ",Total clicks,Other clicks,Link clicks"
    frame = read_export(fb_export("1,1,F,d,01/16/2026 18:30,Photos,10,8,2,1,1", "2,1,F,d,01/17/2026 18:30,Photos,10,8,2,1,1,0,4",
                                  header=header), "facebook_posts")
    assert frame["Shares"].tolist() == [0, 0] and frame["Link clicks"].tolist() == [0, 0]
    assert frame["Total clicks"].tolist() == [0, 4]


def test_meta_error_rows_are_left_out_with_a_french_warning():
    comment = "An error occurred while computing metadata for this post."
    header = "Post ID,Page ID,Publish time,Post type,Data comment,Views,Reach,Reactions,Comments,Shares"
    text = fb_export("1,9,01/16/2026 18:30,Photos,,10,8,1,1,0", f",9,,,{comment}", f',9,,,"{comment}",,,,,',
                     "2,9,01/17/2026 18:30,Photos,,10,8,1,1,0", header=header)
    frame = read_export(text, "facebook_posts")
    assert frame["Post ID"].tolist() == ["1", "2"]
    (warning,) = insights.export_warnings(frame)
    assert "lignes 3 et 4 laissées de côté" in warning and f"« {comment} »" in warning
    fr = FB_FR_HEADER + "\n" + ",11,F,,,,Une erreur s\u2019est produite,Global\n"
    assert "ligne 2 laissée de côté" in insights.export_warnings(read_export(fr, "facebook_posts"))[0]
    with pytest.raises(ExportError, match="Ligne 2, colonne « Publish time » : une date était attendue"):
        read_export(fb_export("1,1,F,d,,Photos,10,8,1,1,0,0"), "facebook_posts")  # a post without its time


def test_duplicate_and_bilingual_columns_are_merged():
    header = FB_HEADER + ",Views"
    frame = read_export(fb_export("1,1,F,d,01/16/2026 18:30,Photos,10,8,1,1,0,0,", "2,1,F,d,01/16/2026 19:30,Photos,,8,1,1,0,0,12",
                                  "3,1,F,d,01/16/2026 20:30,Photos,\"1,520\",8,1,1,0,0,1520", header=header),
                        "facebook_posts")
    assert frame["Views"].tolist() == [10, 12, 1520] and list(frame.columns).count("Views") == 1
    bilingual = ("Identifiant de la publication,Post ID,Heure de publication,Publish time,Type de publication,"
                 "Post type,Vues,Couverture,Réactions,Commentaires,Partages")
    text = "\n".join([bilingual, "11_1,,09/16/2025 18:30,,Photos,,10,8,1,1,0", ",11_2,,09/17/2025 18:30,,Photos,10,8,1,1,0",
                      "11_3,11_3,09/18/2025 18:30,09/18/2025 18:30,Photos,Photos,10,8,1,1,0"])
    frame = read_export(text, "facebook_posts")
    assert frame["Post ID"].tolist() == ["11_1", "11_2", "11_3"] and frame["Post type"].tolist() == ["Photos"] * 3
    assert frame["Publish time"].dt.day.tolist() == [16, 17, 18]
    with pytest.raises(ExportError, match=r"Ligne 2 .*« Type de publication » et « Post type ».*« Photos » et « Vidéos »"):
        read_export(bilingual + "\n11_1,,09/16/2025 18:30,,Photos,Vidéos,10,8,1,1,0", "facebook_posts")


def _utf16(text: str, sep: str | None = ",") -> bytes:
    """A file as Meta's page-level downloads are written: UTF-16 LE with its BOM, an Excel ``sep=`` first line."""
    return (("sep=" + sep + "\r\n" if sep else "") + text).encode("utf-16")


def test_utf16_sep_lines_and_tabs(tmp_path):
    import pandas as pd

    text = "\r\n".join([FB_HEADER, '1,1,Fournée,"Galette, frangipane",01/16/2026 18:30,Photos,"2,340",1520,97,80,12,5'])
    tab_header = "\t".join(["Post ID", "Page ID", "Page name", "Description", "Publish time", "Post type", "Views",
                            "Reach", "Reactions, comments and shares", "Reactions", "Comments", "Shares"])
    tabbed = tab_header + "\r\n" + "1\t1\tFournée\tGalette, frangipane\t01/16/2026 18:30\tPhotos\t2,340\t1520\t97\t80\t12\t5"
    for sep, body in ((",", text), ("\t", tabbed)):
        path = tmp_path / "export.csv"
        path.write_bytes(_utf16(body, sep))
        frame = read_export(path, "facebook_posts")
        assert frame.loc[0, "Page name"] == "Fournée" and frame.loc[0, "Views"] == 2340
        assert frame.loc[0, "Publish time"] == datetime(2026, 1, 16, 18, 30, tzinfo=PARIS)
        independent = pd.read_csv(path, encoding="utf-16", sep=sep, skiprows=1, thousands=",")
        assert independent.loc[0, "Reach"] == frame.loc[0, "Reach"] == 1520
    path.write_bytes(text.encode("utf-16-le"))  # no BOM: the NULs say UTF-16, never Windows-1252
    assert read_export(path, "facebook_posts").loc[0, "Page name"] == "Fournée"
    path.write_bytes(text.encode("cp1252").replace(b"Photos", b"Pho\x00tos"))  # stray NULs: refused, not cp1252
    with pytest.raises(ExportError, match="octets nuls"):
        read_export(path, "facebook_posts")
    frame = read_export(io.BytesIO(tabbed.encode("utf-16")), "facebook_posts")  # tabs without a sep= line
    assert frame.loc[0, "Views"] == 2340 and frame.loc[0, "Description"] == "Galette, frangipane"


def test_meta_audience_download_is_named_with_what_the_course_needs(tmp_path):
    blocks = "\r\n".join(['"Age","Women","Men"', '"18-24","12.5","8.1"', '"25-34","30.2","20.4"', "",
                          '"Top cities","Value"', '"Lyon, France","41.3"'])
    path = tmp_path / "Audience.csv"
    path.write_bytes(_utf16(blocks))
    with pytest.raises(ExportError) as error:
        read_export(path, "audience")
    message = str(error.value)
    assert "téléchargement de page ou d'audience de Meta" in message and "pourcentages" in message
    assert "texte UTF-16, première ligne « sep=, »" in message and "multipliées par votre nombre d'abonnés" in message
    assert "Platform, Breakdown, Category, Gender, Followers" in message and "Abonnés" in message
    assert "\x00" not in message and "ÿþ" not in message and "« Age »" in message


def test_excel_files_are_refused_with_export_as_csv(tmp_path):
    xlsx = tmp_path / "export.xlsx"
    xlsx.write_bytes(b"PK\x03\x04\x14\x00\x06\x00" + b"\x00" * 40 + b"[Content_Types].xml")
    with pytest.raises(ExportError, match="classeur Excel \\(XLSX\\).*exportez au format CSV"):
        read_export(xlsx, "facebook_posts")
    xml = tmp_path / "export.xls"
    xml.write_text('<?xml version="1.0"?>\n<Workbook xmlns="urn:schemas-microsoft-com:office:spreadsheet">\n',
                   encoding="utf-8")
    with pytest.raises(ExportError, match="exportez au format CSV") as error:
        read_export(xml, "facebook_posts")
    assert "<?xml" not in str(error.value)


def test_empty_column_names_are_never_shown_as_a_dot():
    header = FB_HEADER + ",,"
    frame = read_export(fb_export("1,1,F,d,01/16/2026 18:30,Photos,10,8,1,1,0,0,,", header=header), "facebook_posts")
    assert "" not in frame.columns and len(frame.columns) == 12
    frame = read_export(fb_export("1,1,F,d,01/16/2026 18:30,Photos,10,8,1,1,0,0,,x", header=header), "facebook_posts")
    assert frame.loc[0, "Colonne 14 sans nom"] == "x"
    with pytest.raises(ExportError) as error:
        read_export(fb_export("1,1,F,d,01/16/2026 18:30,Photos,10,1,1,0,0,", header=FB_HEADER.replace(",Reach", ",")),
                    "facebook_posts")
    assert "«  »" not in str(error.value) and ", »" not in str(error.value) and " : ." not in str(error.value)


def test_line_numbers_count_the_lines_of_multiline_descriptions():
    text = fb_export('1,1,F,"Ligne un\r\nligne deux",01/16/2026 18:30,Photos,10,8,1,1,0,0',
                     "2,1,F,d,01/17/2026 18:30,Photos,dix,8,1,1,0,0")
    with pytest.raises(ExportError, match="ligne 4, colonne « Views »"):
        read_export(text, "facebook_posts")


def test_export_errors_are_learner_input_errors():
    from autograder.results import LearnerInputError

    assert issubclass(ExportError, LearnerInputError)
