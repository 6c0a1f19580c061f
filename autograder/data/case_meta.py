"""The case company's Meta Business Suite exports for three months, generated deterministically.

La Fournée de Léa (``autograder.company.CASE_COMPANY``), a Lyon bakery, from 1 December 2025 to
28 February 2026: a Facebook and an Instagram post export with Meta's column names (see
``shared/domain-facts.md``; « Views », the 2025 metric), an audience export (age buckets 13-17 … 65+ by
gender, top cities, top countries), the hours when followers are online, and an inbox export (private
messages and public comments with their received and replied times). Everything comes from one seeded
random generator: the same seed always gives byte-identical files, written as Meta writes them
(``MM/DD/YYYY HH:MM`` times in Europe/Paris wall clock, counts like « 1,520 », a byte-order mark).

    from autograder.data import case_meta
    case_meta.write_exports("donnees_meta")     # five CSV files
    exports = case_meta.load_case()             # the same, read back through autograder.insights
"""

from __future__ import annotations

import csv
import io
import random
from datetime import date, datetime, timedelta
from functools import lru_cache
from pathlib import Path

from autograder.insights import AGE_BUCKETS, DAYS, KINDS, PARIS, SCHEMAS, format_time, read_export
from autograder.storage import atomic_write_bytes

SEED = 2026
PERIOD_START = date(2025, 12, 1)
PERIOD_END = date(2026, 2, 28)
#: « Now » of the scheduling exercises: the plan is made on Friday 20 March 2026 at 9:00 (Paris) for the two
#: following weeks, across the switch to summer time on Sunday 29 March 2026 (UTC+1 → UTC+2).
SCHEDULING_NOW = datetime(2026, 3, 20, 9, 0, tzinfo=PARIS)
#: The period the scheduling brief asks for: Monday 23 March 2026 to Friday 3 April 2026 (end excluded).
PLAN_PERIOD = (datetime(2026, 3, 23, 0, 0, tzinfo=PARIS), datetime(2026, 4, 4, 0, 0, tzinfo=PARIS))
#: End of the inbox's « last 7 days » window (the badge): messages received from 22 to 28 February 2026.
INBOX_UNTIL = datetime(2026, 3, 1, 0, 0, tzinfo=PARIS)
PAGE_ID, ACCOUNT_ID = "104857392018475", "17841452093817"
PAGE_NAME, USERNAME = "La Fournée de Léa", "lafourneedelea"
FOLLOWERS = {"Facebook": 2480, "Instagram": 3160}

#: Posts ready to be scheduled (C5.1): id, network, subject.
DRAFTS = (
    ("B1", "Instagram", "Reel : le façonnage des pains au levain à 5 h du matin"),
    ("B2", "Facebook", "Atelier pâtisserie enfants du mercredi 1er avril : inscriptions ouvertes"),
    ("B3", "Instagram", "Carrousel : nos œufs et poules en chocolat de Pâques"),
    ("B4", "Facebook", "Précommande des brioches de Pâques en click & collect"),
    ("B5", "Instagram", "Portrait de Karim, notre nouvel apprenti"),
    ("B6", "Facebook", "Nouveau : le pain aux céréales anciennes de la Croix-Rousse"),
)

_THEMES = [
    ("Nos bûches de Noël sont en précommande jusqu'au 20 décembre : praliné-noisette, trois chocolats ou "
     "marron-cassis. Réservez en click & collect ! 🎄", (12, 1), (12, 20)),
    ("Le sapin est en place à la boutique ! Venez découvrir nos sablés de Noël à la cannelle.", (12, 1), (12, 24)),
    ("Ce matin, fournée spéciale de pains d'épices au miel du Beaujolais.", (12, 1), (12, 31)),
    ("Horaires des fêtes : ouvert le 24 décembre de 7 h à 18 h, fermé le 25, réouverture le 26 à 7 h.", (12, 15),
     (12, 24)),
    ("Merci pour cette année 2025 à vos côtés ! Toute l'équipe vous souhaite de belles fêtes.", (12, 26), (12, 31)),
    ("La galette des rois frangipane est arrivée ! Fève en céramique faite à Lyon, couronne offerte. 👑", (1, 2),
     (1, 31)),
    ("Galette briochée aux fruits confits, la version lyonnaise : à commander dès aujourd'hui.", (1, 2), (1, 25)),
    ("Les soldes, c'est aussi chez nous : deux baguettes tradition achetées, la troisième offerte le lundi.",
     (1, 7), (2, 3)),
    ("Atelier pâtisserie enfants du mercredi : on prépare des choux ! Encore 3 places.", (12, 1), (2, 28)),
    ("Dans les coulisses : Léa façonne les pains au levain à 5 h du matin.", (12, 1), (2, 28)),
    ("Notre croissant pur beurre AOP Charentes-Poitou, feuilleté en 27 couches.", (12, 1), (2, 28)),
    ("Nouveau : le pain au sarrasin et aux graines de courge, sans gluten ajouté.", (12, 1), (2, 28)),
    ("Pour la Saint-Valentin, un entremets framboise-litchi pour deux. Précommande jusqu'au 12 février. ❤️", (2, 1),
     (2, 14)),
    ("Chandeleur : nos crêpes au froment et la pâte à crêpes maison à emporter.", (1, 28), (2, 2)),
    ("Bugnes lyonnaises de retour pour Mardi gras, croustillantes ou moelleuses, vous choisissez !", (2, 5),
     (2, 17)),
    ("Merci pour vos 300 avis 5 étoiles ! Votre confiance nous touche.", (12, 1), (2, 28)),
    ("Le click & collect, comment ça marche ? Commandez avant 20 h, retirez dès 7 h le lendemain.", (12, 1),
     (2, 28)),
    ("Rencontre avec notre meunier de la Dombes, qui nous fournit une farine T80 bio.", (12, 1), (2, 28)),
    ("Jeu concours : gagnez un atelier pâtisserie en famille ! Pour participer, dites-nous en commentaire votre "
     "galette préférée. Participation gratuite, règlement en lien dans la bio ; jeu ni organisé ni parrainé par "
     "Meta.", (1, 12), (1, 25)),
    ("Tarte aux pralines roses, la spécialité lyonnaise : la recette de Léa en vidéo.", (12, 1), (2, 28)),
]
_FB_TYPES = (("Photos", 0.55), ("Reels", 0.25), ("Links", 0.20))
_IG_TYPES = (("IG image", 0.35), ("IG carousel", 0.30), ("IG reel", 0.35))
#: Share of followers online by hour (0–23) on weekdays and at weekends, before noise: peaks at breakfast,
#: lunch and evening (typical local-retail pattern; the course's invented data).
_WEEKDAY_CURVE = [2, 1, 1, 1, 2, 5, 14, 30, 34, 22, 18, 24, 33, 28, 18, 16, 19, 26, 36, 40, 34, 24, 12, 5]
_WEEKEND_CURVE = [4, 2, 1, 1, 1, 2, 5, 11, 22, 33, 38, 36, 30, 24, 20, 19, 20, 23, 27, 30, 28, 20, 11, 6]
_AGE_WEIGHTS = {
    "Facebook": {"13-17": 0.4, "18-24": 4.5, "25-34": 20, "35-44": 30, "45-54": 23, "55-64": 14, "65+": 8},
    "Instagram": {"13-17": 1.5, "18-24": 15, "25-34": 38, "35-44": 26, "45-54": 12, "55-64": 5, "65+": 2.5},
}
_WOMEN_SHARE = {"Facebook": 0.64, "Instagram": 0.69}
_CITIES = (("Lyon", 52), ("Villeurbanne", 11), ("Caluire-et-Cuire", 8), ("Vénissieux", 3), ("Bron", 3),
           ("Écully", 2.5), ("Tassin-la-Demi-Lune", 2.5), ("Paris", 3), ("Saint-Étienne", 1.5), ("Grenoble", 1))
_COUNTRIES = (("France", 96.5), ("Belgium", 1.0), ("Switzerland", 0.9), ("Canada", 0.6), ("Italy", 0.5))
_FIRST = ("Camille", "Julie", "Sophie", "Nadia", "Chloé", "Inès", "Léa", "Manon", "Sarah", "Émilie", "Claire",
          "Aurélie", "Fatima", "Marine", "Lucie", "Thomas", "Nicolas", "Karim", "Julien", "Mathieu", "Hugo",
          "Antoine", "Yanis", "Pierre", "Louis")
_LAST = ("Martin", "Bernard", "Dubois", "Durand", "Lefebvre", "Moreau", "Laurent", "Simon", "Michel", "Garcia",
         "Roux", "Fournier", "Girard", "Bonnet", "Dupont", "Lambert", "Fontaine", "Rousseau", "Benali", "Nguyen",
         "Chevalier", "Perrin", "Blanc", "Guerin", "Mercier")
_MESSAGES = (
    ("Bonjour, êtes-vous ouverts le dimanche après-midi ?", "Question"),
    ("Bonjour, je voudrais commander un fraisier pour 8 personnes samedi, c'est possible ?", "Commande"),
    ("Bonsoir, vos galettes contiennent-elles des fruits à coque ? Mon fils est allergique.", "Question"),
    ("Bonjour, est-ce qu'il reste des places pour l'atelier enfants de mercredi ?", "Question"),
    ("Je n'ai pas reçu la confirmation de ma commande en click & collect, pouvez-vous vérifier ?", "Commande"),
    ("Bonjour, faites-vous des gâteaux d'anniversaire sans lactose ?", "Question"),
    ("Ma bûche commandée pour le 24 n'avait pas le bon parfum, je suis déçue.", "Réclamation"),
    ("Bonjour, recrutez-vous un apprenti pour la rentrée ?", "Question"),
    ("Peut-on payer en tickets-restaurant ?", "Question"),
    ("Bonjour, livrez-vous à Villeurbanne pour un buffet d'entreprise ?", "Commande"),
    ("Merci pour le pain de ce matin, toujours aussi bon !", "Avis"),
    ("Bonjour, à quelle heure sortent les croissants le samedi ?", "Question"),
)
_COMMENTS = (
    ("Magnifique ! 😍", "Avis"),
    ("Elle a l'air délicieuse, je passe demain !", "Avis"),
    ("C'est combien la galette pour 6 ?", "Question"),
    ("Vous êtes ouverts le lundi ?", "Question"),
    ("Meilleure boulangerie de la Croix-Rousse 👏", "Avis"),
    ("Trop cher pour moi, 5 € le pain au levain…", "Réclamation"),
    ("On peut commander pour le week-end prochain ?", "Commande"),
    ("Les bugnes sont-elles faites maison ?", "Question"),
    ("Hâte de goûter l'entremets de la Saint-Valentin !", "Avis"),
    ("J'ai attendu 20 minutes ce matin, il faudrait une deuxième caisse.", "Réclamation"),
)
_CHANNELS = (("Messenger", 95), ("Instagram Direct", 80), ("Facebook comment", 40), ("Instagram comment", 42))


def _choose(rng: random.Random, weighted) -> str:
    names = [n for n, _ in weighted]
    return rng.choices(names, weights=[w for _, w in weighted])[0]


def _days() -> list[date]:
    return [PERIOD_START + timedelta(days=i) for i in range((PERIOD_END - PERIOD_START).days + 1)]


def _count(value: int) -> str:
    """A count as Meta writes it: « 1,520 »."""
    return f"{value:,}"


def _csv(kind: str, rows: list[dict]) -> str:
    columns = [c.name for c in SCHEMAS[kind]]
    buffer = io.StringIO(newline="")
    writer = csv.writer(buffer, lineterminator="\r\n")
    writer.writerow(columns)
    for row in rows:
        writer.writerow([row.get(c, "") for c in columns])
    return "\ufeff" + buffer.getvalue()


def _publish_slots(rng: random.Random, count: int) -> list[datetime]:
    """``count`` distinct publish times spread over the period, mostly in good slots, some in poor ones."""
    days = _days()
    chosen = sorted(rng.sample(days, count))
    slots = []
    for day in chosen:
        weekend = day.weekday() >= 5
        good = [(9, 10, 11)] if weekend else [(7, 8), (12,), (18, 19)]
        if rng.random() < 0.8:
            hour = rng.choice(rng.choice(good))
        else:
            hour = rng.choice((10, 14, 15, 16, 21, 22))
        slots.append(datetime(day.year, day.month, day.day, hour, rng.choice((0, 15, 30, 45)), tzinfo=PARIS))
    return slots


def _theme(rng: random.Random, day: date) -> str:
    def fits(start, end) -> bool:
        key = (day.month, day.day)
        # Themes may span the new year: (12, 1)–(2, 28) covers December to February.
        return start <= key <= end if start <= end else (key >= start or key <= end)

    options = [text for text, start, end in _THEMES if fits(start, end)]
    return rng.choice(options)


def _good_slot(moment: datetime) -> bool:
    weekend = moment.weekday() >= 5
    return moment.hour in ((9, 10, 11) if weekend else (7, 8, 12, 18, 19))


def _facebook_posts(rng: random.Random) -> list[dict]:
    rows = []
    for n, moment in enumerate(_publish_slots(rng, 32)):
        kind = _choose(rng, _FB_TYPES)
        boost = (1.35 if _good_slot(moment) else 0.8) * {"Photos": 1.0, "Reels": 1.6, "Links": 0.7}[kind]
        reach = int(rng.randint(380, 900) * boost * rng.uniform(0.8, 1.3))
        views = int(reach * rng.uniform(1.15, 1.6))
        reactions = int(reach * rng.uniform(0.025, 0.07))
        comments = int(reach * rng.uniform(0.003, 0.015))
        shares = int(reach * rng.uniform(0.001, 0.008))
        link_clicks = int(reach * rng.uniform(0.01, 0.03)) if kind == "Links" else 0
        other_clicks = int(reach * rng.uniform(0.01, 0.05))
        duration = rng.randint(15, 45) if kind == "Reels" else ""
        post_id = f"{PAGE_ID}_{1220000000000000 + n * 7919 + rng.randint(0, 999)}"
        rows.append({
            "Post ID": post_id, "Page ID": PAGE_ID, "Page name": PAGE_NAME, "Title": "",
            "Description": _theme(rng, moment.date()), "Duration (sec)": duration,
            "Publish time": format_time(moment), "Caption type": "", "Is crosspost": "No", "Is share": "No",
            "Permalink": f"https://www.facebook.com/{post_id.split('_')[1]}", "Post type": kind,
            "Languages": "fr", "Custom labels": "", "Funded content status": "", "Data comment": "",
            "Date": "Lifetime", "Views": _count(views), "Reach": _count(reach),
            "Reactions, comments and shares": _count(reactions + comments + shares),
            "Reactions": _count(reactions), "Comments": _count(comments), "Shares": _count(shares),
            "Total clicks": _count(link_clicks + other_clicks), "Other clicks": _count(other_clicks),
            "Link clicks": _count(link_clicks),
            "Reels_plays:count": _count(int(views * 0.9)) if kind == "Reels" else "",
            "Seconds viewed": "", "Average Seconds viewed": "", "Estimated earnings (USD)": "",
        })
    return rows


def _instagram_posts(rng: random.Random) -> list[dict]:
    rows = []
    for n, moment in enumerate(_publish_slots(rng, 34)):
        kind = _choose(rng, _IG_TYPES)
        boost = (1.3 if _good_slot(moment) else 0.8) * {"IG image": 0.9, "IG carousel": 1.1, "IG reel": 1.8}[kind]
        reach = int(rng.randint(450, 1100) * boost * rng.uniform(0.8, 1.3))
        views = int(reach * rng.uniform(1.3, 2.0))
        likes = int(reach * rng.uniform(0.04, 0.09))
        comments = int(reach * rng.uniform(0.002, 0.012))
        shares = int(reach * rng.uniform(0.002, 0.012))
        saves = int(reach * rng.uniform(0.004, 0.02))
        post_id = str(18040000000000000 + n * 104729 + rng.randint(0, 9999))
        rows.append({
            "Post ID": post_id, "Account ID": ACCOUNT_ID, "Account username": USERNAME, "Account name": PAGE_NAME,
            "Description": _theme(rng, moment.date()) + " #LaFourneeDeLea #BoulangerieLyon",
            "Duration (sec)": rng.randint(12, 40) if kind == "IG reel" else "",
            "Publish time": format_time(moment), "Permalink": f"https://www.instagram.com/p/{post_id[-11:]}/",
            "Post type": kind, "Data comment": "", "Date": "Lifetime", "Views": _count(views),
            "Reach": _count(reach), "Likes": _count(likes), "Shares": _count(shares),
            "Follows": _count(rng.randint(0, 6)), "Comments": _count(comments), "Saves": _count(saves),
        })
    return rows


def _split(total: int, weights: dict[str, float]) -> dict[str, int]:
    """Integers proportional to ``weights`` summing exactly to ``total`` (largest remainders)."""
    whole = sum(weights.values())
    raw = {k: total * w / whole for k, w in weights.items()}
    out = {k: int(v) for k, v in raw.items()}
    for k in sorted(raw, key=lambda k: raw[k] - out[k], reverse=True)[: total - sum(out.values())]:
        out[k] += 1
    return out


def _audience(rng: random.Random) -> list[dict]:
    rows = []
    for platform, total in FOLLOWERS.items():
        noisy = {b: w * rng.uniform(0.92, 1.08) for b, w in _AGE_WEIGHTS[platform].items()}
        by_age = _split(total, noisy)
        for bucket in AGE_BUCKETS:
            women = round(by_age[bucket] * _WOMEN_SHARE[platform] * rng.uniform(0.95, 1.05))
            for gender, value in (("Women", women), ("Men", by_age[bucket] - women)):
                rows.append({"Platform": platform, "Breakdown": "Age & gender", "Category": bucket,
                             "Gender": gender, "Followers": _count(value)})
        for city, share in _CITIES:
            value = round(total * share / 100 * rng.uniform(0.9, 1.1))
            rows.append({"Platform": platform, "Breakdown": "Top cities", "Category": city, "Gender": "",
                         "Followers": _count(value)})
        countries = _split(total, {c: s for c, s in _COUNTRIES})
        for country, _ in _COUNTRIES:
            rows.append({"Platform": platform, "Breakdown": "Top countries", "Category": country, "Gender": "",
                         "Followers": _count(countries[country])})
    return rows


def _activity(rng: random.Random) -> list[dict]:
    rows = []
    for platform, total in FOLLOWERS.items():
        for day_index, day in enumerate(DAYS):
            curve = _WEEKEND_CURVE if day_index >= 5 else _WEEKDAY_CURVE
            for hour, share in enumerate(curve):
                value = round(total * share / 100 * rng.uniform(0.9, 1.1))
                rows.append({"Platform": platform, "Day": day, "Hour": hour, "Online followers": _count(value)})
    return rows


def _inbox(rng: random.Random) -> list[dict]:
    days = _days()
    rows = []
    plan = [name for name, count in _CHANNELS for _ in range(count)]
    rng.shuffle(plan)
    received_times = []
    for _ in plan:
        day = rng.choice(days)
        hour = rng.choices(range(24), weights=_WEEKDAY_CURVE)[0]
        received_times.append(datetime(day.year, day.month, day.day, hour, rng.randrange(60), tzinfo=PARIS))
    received_times.sort()
    for n, (channel, received) in enumerate(zip(plan, received_times, strict=True), start=1):
        text, label = rng.choice(_COMMENTS if "comment" in channel else _MESSAGES)
        author = f"{rng.choice(_FIRST)} {rng.choice(_LAST)}"
        roll = rng.random()
        if roll < 0.08:
            replied = ""
        else:
            if 7 <= received.hour < 19 and roll < 0.75:
                minutes = rng.randint(2, 25)  # during opening hours, the team answers quickly
            elif roll < 0.9:
                minutes = rng.randint(30, 180)
            else:
                minutes = rng.randint(480, 900)  # overnight
            replied = format_time(received + timedelta(minutes=minutes))
        rows.append({"Item ID": f"M{n:03d}", "Channel": channel, "Author": author, "Text": text,
                     "Received time": format_time(received), "Replied time": replied, "Labels": label})
    return rows


@lru_cache(maxsize=4)
def build_exports(seed: int = SEED) -> dict[str, str]:
    """The five exports as CSV texts (with a byte-order mark), by kind (``autograder.insights.KINDS``)."""
    rng = random.Random(seed)
    return {
        "facebook_posts": _csv("facebook_posts", _facebook_posts(rng)),
        "instagram_posts": _csv("instagram_posts", _instagram_posts(rng)),
        "audience": _csv("audience", _audience(rng)),
        "activity": _csv("activity", _activity(rng)),
        "inbox": _csv("inbox", _inbox(rng)),
    }


def write_exports(folder: str | Path, seed: int = SEED) -> list[Path]:
    """Write the five exports into ``folder`` as ``<kind>.csv`` (atomically); returns their paths."""
    folder = Path(folder)
    return [atomic_write_bytes(folder / f"{kind}.csv", text.encode("utf-8"))
            for kind, text in build_exports(seed).items()]


def load_case(seed: int = SEED) -> dict:
    """The five exports read back through :func:`autograder.insights.read_export` (DataFrames by kind)."""
    texts = build_exports(seed)
    return {kind: read_export(io.StringIO(texts[kind]), kind) for kind in KINDS}
