"""Meta Business Suite exports: loading (real or generated files) and the C5 computations on them.

Five kinds of export are read (``KINDS``):

- ``facebook_posts`` and ``instagram_posts``: the Insights « Content » exports, with Meta's column names
  (see ``shared/domain-facts.md``). « Views » is the 2025 metric; files exported before the change carry
  « Impressions » instead, which is accepted and renamed « Views » (Instagram switched in August 2024,
  Facebook late 2024 [META-VIEWS]).
- ``audience``: followers by age and gender, top cities, top countries (one row per category).
- ``activity``: when followers are online (day of the week × hour), as shown in Insights.
- ``inbox``: messages and comments with their received and replied times.

Real exports have quirks that the loader accepts: a byte-order mark, thousands separators (« 1,520 »,
« 1 520 »), ``MM/DD/YYYY HH:MM`` times (``DD/MM/YYYY`` in files with French headers), ``;`` as separator,
empty counts (0). English or French headers are read; the French names are the course's best reading of
localised exports and are UNCONFIRMED (Meta does not document them). A missing column, an unreadable value
or a malformed line raises :class:`ExportError`, a French message naming the column or the line: no line is
ever dropped silently.

Times are naive in the files and are read as Europe/Paris wall-clock time (the page's time zone), summer
time included.

Sources: [META-VIEWS] Meta's announcements of the Impressions → Views change; [META-INBOX] Meta Business
Help Center, « response rate and response time »: the « very responsive » badge needs a response rate of
at least 90 % and a response time of at most 15 minutes over the last 7 days; the response time is the
average of the fastest 90 % of replies over 30 days; [META-AUD] audience demographics by age bucket
13-17 … 65+, gender, city and country (not shown under 100 people).
"""

from __future__ import annotations

import csv
import io
import math
import re
from dataclasses import dataclass
from datetime import datetime, timedelta
from pathlib import Path
from typing import TYPE_CHECKING

from autograder import dates, metrics
from autograder.dates import PARIS

if TYPE_CHECKING:  # pandas is imported when a function needs it, never at ``import autograder``
    import pandas as pd

AGE_BUCKETS = ("13-17", "18-24", "25-34", "35-44", "45-54", "55-64", "65+")  # [META-AUD]
GENDERS = ("Women", "Men")
GENDER_FR = {"Women": "Femmes", "Men": "Hommes"}
DAYS = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")
DAYS_FR = ("lundi", "mardi", "mercredi", "jeudi", "vendredi", "samedi", "dimanche")
NETWORKS = ("Facebook", "Instagram")
BADGE_RATE, BADGE_MINUTES, BADGE_DAYS = 90.0, 15.0, 7  # [META-INBOX]
RESPONSE_TIME_DAYS, RESPONSE_TIME_SHARE = 30, 0.9  # [META-INBOX]
MESSAGE_CHANNELS = ("Messenger", "Instagram Direct")
COMMENT_CHANNELS = ("Facebook comment", "Instagram comment")


class ExportError(ValueError):
    """An export that cannot be read; the French message names the file, the line or the column."""


@dataclass(frozen=True)
class Column:
    name: str  # canonical (English) name
    kind: str = "text"  # "text", "count", "time", "int"
    required: bool = True


def _cols(*specs: tuple) -> tuple[Column, ...]:
    return tuple(Column(*s) for s in specs)


#: Columns of each export: canonical name, type, required.
SCHEMAS: dict[str, tuple[Column, ...]] = {
    "facebook_posts": _cols(
        ("Post ID",), ("Page ID", "text", False), ("Page name", "text", False), ("Title", "text", False),
        ("Description", "text", False), ("Duration (sec)", "count", False), ("Publish time", "time"),
        ("Caption type", "text", False), ("Permalink", "text", False), ("Is crosspost", "text", False),
        ("Is share", "text", False), ("Post type",), ("Languages", "text", False),
        ("Custom labels", "text", False), ("Funded content status", "text", False),
        ("Data comment", "text", False), ("Date", "text", False), ("Views", "count"), ("Reach", "count"),
        ("Reactions, comments and shares", "count", False), ("Reactions", "count"), ("Comments", "count"),
        ("Shares", "count"), ("Total clicks", "count", False), ("Other clicks", "count", False),
        ("Link clicks", "count", False), ("Reels_plays:count", "count", False),
        ("Seconds viewed", "count", False), ("Average Seconds viewed", "count", False),
        ("Estimated earnings (USD)", "count", False),
    ),
    "instagram_posts": _cols(
        ("Post ID",), ("Account ID", "text", False), ("Account username", "text", False),
        ("Account name", "text", False), ("Description", "text", False), ("Duration (sec)", "count", False),
        ("Publish time", "time"), ("Permalink", "text", False), ("Post type",), ("Data comment", "text", False),
        ("Date", "text", False), ("Views", "count"), ("Reach", "count"), ("Likes", "count"),
        ("Shares", "count"), ("Follows", "count", False), ("Comments", "count"), ("Saves", "count"),
    ),
    "audience": _cols(("Platform",), ("Breakdown",), ("Category",), ("Gender", "text", False),
                      ("Followers", "count")),
    "activity": _cols(("Platform",), ("Day",), ("Hour", "int"), ("Online followers", "count")),
    "inbox": _cols(("Item ID",), ("Channel",), ("Author",), ("Text",), ("Received time", "time"),
                   ("Replied time", "time"), ("Labels", "text", False)),
}
KINDS = tuple(SCHEMAS)

#: French headers of localised exports → canonical names. UNCONFIRMED: Meta does not publish them; these are
#: the labels of the French interface (« Couverture », « Vues »…) as read in the course's sources.
FRENCH_HEADERS = {
    "Identifiant de la publication": "Post ID", "ID de la publication": "Post ID",
    "Identifiant de la Page": "Page ID", "Nom de la Page": "Page name", "Titre": "Title",
    "Durée (s)": "Duration (sec)", "Heure de publication": "Publish time", "Lien permanent": "Permalink",
    "Type de publication": "Post type", "Vues": "Views", "Couverture": "Reach", "Portée": "Reach",
    "Réactions, commentaires et partages": "Reactions, comments and shares", "Réactions": "Reactions",
    "Commentaires": "Comments", "Partages": "Shares", "Clics totaux": "Total clicks",
    "Autres clics": "Other clicks", "Clics sur un lien": "Link clicks", "J'aime": "Likes",
    "Enregistrements": "Saves", "Abonnements": "Follows", "Identifiant du compte": "Account ID",
    "Nom d'utilisateur du compte": "Account username", "Nom du compte": "Account name",
    "Libellés personnalisés": "Custom labels", "Commentaire sur les données": "Data comment",
    # Course-defined exports (audience, activity, inbox) in French.
    "Plateforme": "Platform", "Répartition": "Breakdown", "Catégorie": "Category", "Genre": "Gender",
    "Abonnés": "Followers", "Jour": "Day", "Heure": "Hour", "Abonnés en ligne": "Online followers",
    "Identifiant": "Item ID", "Canal": "Channel", "Auteur": "Author", "Texte": "Text",
    "Reçu le": "Received time", "Répondu le": "Replied time", "Étiquettes": "Labels",
}
_ENGLISH_ALIASES = {"Impressions": "Views", "Impressions uniques": "Reach"}
_TIME_FORMATS_US = ("%m/%d/%Y %H:%M", "%m/%d/%Y %H:%M:%S", *dates.ISO_DATETIME_FORMATS)
_TIME_FORMATS_FR = dates.DATETIME_FORMATS  # the learner's formats: JJ/MM/AAAA or ISO
_SPACES = re.compile(r"[\s\u00a0\u202f]")
_COUNT = re.compile(r"^-?\d{1,3}(,\d{3})+(\.\d+)?$|^-?\d+(\.\d+)?$")


def _read_text(source) -> tuple[str, str]:
    """The file's text (BOM removed) and its display name; ``source`` is a path, text or a file object."""
    if isinstance(source, Path) or (isinstance(source, str) and "\n" not in source):
        path = Path(source)
        try:
            raw = path.read_bytes()
        except FileNotFoundError as exc:
            raise ExportError(f"Fichier d'export introuvable : « {path} ».") from exc
        except OSError as exc:
            raise ExportError(f"Impossible de lire le fichier « {path.name} » ({exc.strerror}).") from exc
        try:
            return raw.decode("utf-8-sig"), path.name
        except UnicodeDecodeError:
            # Some spreadsheet tools save in Windows-1252; accept it rather than refuse the file.
            try:
                return raw.decode("cp1252"), path.name
            except UnicodeDecodeError as exc:
                raise ExportError(f"Le fichier « {path.name} » n'est pas un texte lisible (UTF-8 attendu).") from exc
    if isinstance(source, str):
        return source.lstrip("\ufeff"), "texte fourni"
    if hasattr(source, "read"):
        data = source.read()
        if isinstance(data, bytes):
            data = data.decode("utf-8-sig")
        return data.lstrip("\ufeff"), getattr(source, "name", "fichier fourni")
    raise ExportError(f"Un chemin de fichier CSV ou un texte CSV était attendu, pas {type(source).__name__}.")


def parse_count(text: str, *, column: str = "", line: int | None = None) -> float:
    """A count as written in exports: ``"1,520"``, ``"1 520"``, ``"12"``, ``"3.5"``, ``""`` (0)."""
    cleaned = _SPACES.sub("", str(text))
    if cleaned == "":
        return 0
    if "," in cleaned and not _COUNT.match(cleaned):
        cleaned = cleaned.replace(",", ".")  # a French decimal comma (« 3,5 »)
    if _COUNT.match(cleaned):
        cleaned = cleaned.replace(",", "")
        value = float(cleaned)
        return int(value) if value.is_integer() else value
    where = f" (ligne {line}, colonne « {column} »)" if line else (f" (colonne « {column} »)" if column else "")
    raise ExportError(f"Nombre illisible « {text} »{where} : un nombre comme 1520 ou 1,520 était attendu.")


def parse_time(text: str, *, day_first: bool = False, column: str = "", line: int | None = None) -> datetime:
    """An export time (``MM/DD/YYYY HH:MM``, ``DD/MM/YYYY`` when ``day_first``, or ISO) in Europe/Paris."""
    cleaned = str(text).strip()
    naive = dates.first_match(cleaned, _TIME_FORMATS_FR if day_first else _TIME_FORMATS_US)
    if naive is not None:
        return naive.replace(tzinfo=PARIS)
    where = f" (ligne {line}, colonne « {column} »)" if line else ""
    expected = "JJ/MM/AAAA HH:MM" if day_first else "MM/JJ/AAAA HH:MM (format des exports Meta)"
    raise ExportError(f"Date illisible « {text} »{where} : une date au format {expected} était attendue.")


def format_time(moment: datetime) -> str:
    """A time written as in Meta exports (``MM/DD/YYYY HH:MM``, Europe/Paris wall clock)."""
    return moment.astimezone(PARIS).strftime("%m/%d/%Y %H:%M")


def read_export(source, kind: str) -> pd.DataFrame:
    """Read an export of ``kind`` (one of ``KINDS``) into a DataFrame with canonical English columns.

    Counts become numbers (an empty count is 0), times timezone-aware Europe/Paris datetimes (an empty
    « Replied time » is ``NaT``: the item is waiting for a reply).
    Raises :class:`ExportError` (French) for a missing column or any unreadable line or value.
    """
    import pandas as pd

    if kind not in SCHEMAS:
        raise ExportError(f"Type d'export inconnu « {kind} » : choisir parmi {', '.join(KINDS)}.")
    text, name = _read_text(source)
    if not text.strip():
        raise ExportError(f"Le fichier « {name} » est vide : un export CSV avec une ligne d'en-tête était attendu.")
    first = text.splitlines()[0]
    delimiter = ";" if first.count(";") > first.count(",") else ","
    try:
        rows = list(csv.reader(io.StringIO(text, newline=""), delimiter=delimiter))
    except csv.Error as exc:
        raise ExportError(f"Le fichier « {name} » n'est pas un CSV lisible ({exc}).") from exc
    header = [h.strip() for h in rows[0]]
    french = sum(h in FRENCH_HEADERS for h in header) > sum(h in {c.name for c in SCHEMAS[kind]} for h in header)
    canonical = [FRENCH_HEADERS.get(h, h) for h in header]
    # « Impressions » stands for « Views » only in files that predate the change (and have no « Views »).
    canonical = [_ENGLISH_ALIASES[h] if h in _ENGLISH_ALIASES and _ENGLISH_ALIASES[h] not in canonical else h
                 for h in canonical]
    doubles = sorted({h for h in canonical if canonical.count(h) > 1})
    if doubles:
        raise ExportError(f"Le fichier « {name} » a des colonnes en double : {', '.join(doubles)}.")
    schema = {c.name: c for c in SCHEMAS[kind]}
    missing = [c.name for c in SCHEMAS[kind] if c.required and c.name not in canonical]
    if missing:
        names = ", ".join(f"« {m} »" for m in missing)
        raise ExportError(
            f"Le fichier « {name} » n'est pas un export « {kind} » complet : colonne(s) manquante(s) {names} "
            f"(colonnes trouvées : {', '.join(header)})."
        )
    records = []
    for number, row in enumerate(rows[1:], start=2):
        if not any(cell.strip() for cell in row):
            continue  # a blank line carries no data
        if len(row) != len(header):
            raise ExportError(
                f"Ligne {number} du fichier « {name} » illisible : {len(row)} valeur(s) au lieu de {len(header)} "
                "(une virgule non protégée par des guillemets ?)."
            )
        record = {}
        for column, cell in zip(canonical, row, strict=True):
            spec = schema.get(column, Column(column, "text", False))
            cell = cell.strip()
            if spec.kind == "count":
                record[column] = parse_count(cell, column=column, line=number)
                if record[column] < 0:
                    raise ExportError(f"Ligne {number}, colonne « {column} » : un nombre positif était attendu "
                                      f"(reçu {cell}).")
            elif spec.kind == "int":
                value = parse_count(cell, column=column, line=number)
                if not float(value).is_integer():
                    raise ExportError(f"Ligne {number}, colonne « {column} » : un nombre entier était attendu.")
                record[column] = int(value)
            elif spec.kind == "time":
                if cell == "" and column == "Replied time":
                    record[column] = None  # an item still waiting for a reply
                elif cell == "":
                    raise ExportError(f"Ligne {number}, colonne « {column} » : une date était attendue, la case est vide.")
                else:
                    record[column] = parse_time(cell, day_first=french, column=column, line=number)
            else:
                record[column] = cell
        records.append(record)
    frame = pd.DataFrame.from_records(records, columns=canonical)
    for column in canonical:
        if schema.get(column) is not None and schema[column].kind == "time":
            frame[column] = pd.to_datetime(frame[column], utc=True).dt.tz_convert(PARIS)
    return frame


def load_exports(folder: str | Path) -> dict[str, pd.DataFrame]:
    """Every export of a folder written by :func:`autograder.data.case_meta.write_exports` (by file name)."""
    folder = Path(folder)
    return {kind: read_export(folder / f"{kind}.csv", kind) for kind in KINDS}


# -- C5.3: engagement ------------------------------------------------------------------------------------

def post_engagements(posts: pd.DataFrame, network: str) -> pd.Series:
    """Engagements of each post: Facebook « Reactions, comments and shares »; Instagram likes + comments +
    shares + saves (Instagram's « interactions »)."""
    if network == "Facebook":
        return posts["Reactions"] + posts["Comments"] + posts["Shares"]
    if network == "Instagram":
        return posts["Likes"] + posts["Comments"] + posts["Shares"] + posts["Saves"]
    raise ValueError(f"Réseau inconnu « {network} » : « Facebook » ou « Instagram » était attendu.")


def combined_posts(facebook: pd.DataFrame, instagram: pd.DataFrame) -> pd.DataFrame:
    """Both networks' posts in one table: Network, Post ID, Publish time, Post type, Description, Views,
    Reach, Engagements (sorted by publish time)."""
    import pandas as pd

    parts = []
    for network, frame in (("Facebook", facebook), ("Instagram", instagram)):
        part = pd.DataFrame({
            "Network": network, "Post ID": frame["Post ID"].astype(str), "Publish time": frame["Publish time"],
            "Post type": frame["Post type"],
            "Description": frame["Description"] if "Description" in frame else "",
            "Views": frame["Views"], "Reach": frame["Reach"], "Engagements": post_engagements(frame, network),
        })
        parts.append(part)
    out = pd.concat(parts, ignore_index=True)
    return out.sort_values(["Publish time", "Network"], kind="stable").reset_index(drop=True)


def engagement_rates(posts: pd.DataFrame, base: str = "reach") -> pd.Series:
    """Engagement rate of each post of a :func:`combined_posts` table, in percent, indexed by Post ID.

    ``base``: ``"reach"`` (engagement rate by reach, the default), ``"views"``. A post with no reach (or no
    view) has no rate: ``ValueError`` naming it, never a silent 0.
    """
    import pandas as pd

    column = {"reach": "Reach", "views": "Views"}.get(base)
    if column is None:
        raise ValueError(f"Base inconnue « {base} » : « reach » (portée) ou « views » (vues) était attendue.")
    values = {}
    for post_id, engaged, denominator in zip(posts["Post ID"], posts["Engagements"], posts[column], strict=True):
        try:
            values[str(post_id)] = metrics.engagement_rate(_plain(engaged), _plain(denominator))
        except ValueError as exc:
            raise ValueError(f"Publication {post_id} : {exc}") from exc
    return pd.Series(values, name=f"Taux d'engagement ({base}, %)", dtype=float)


def average_engagement_rate(posts: pd.DataFrame, base: str = "reach") -> float:
    """The period's engagement rate: the average of the per-post rates (Hootsuite's « average ER »)."""
    rates = engagement_rates(posts, base)
    if rates.empty:
        raise ValueError("Aucune publication : impossible de calculer un taux d'engagement moyen.")
    return float(rates.mean())


def _plain(value):
    """A pandas/numpy scalar as a plain Python number."""
    return value.item() if hasattr(value, "item") else value


# -- C5.2: audience --------------------------------------------------------------------------------------

def audience_table(audience: pd.DataFrame, by: str, platform: str | None = None) -> pd.DataFrame:
    """Followers by ``"age"``, ``"gender"``, ``"city"`` or ``"country"`` (both platforms summed unless
    ``platform``), with their share in percent. Age buckets come in Meta's order."""
    import pandas as pd

    breakdowns = {"age": "Age & gender", "gender": "Age & gender", "city": "Top cities",
                  "country": "Top countries"}
    if by not in breakdowns:
        raise ValueError(f"Répartition inconnue « {by} » : « age », « gender », « city » ou « country » était attendue.")
    rows = audience[audience["Breakdown"] == breakdowns[by]]
    if platform is not None:
        if platform not in NETWORKS:
            raise ValueError(f"Plateforme inconnue « {platform} » : « Facebook » ou « Instagram » était attendue.")
        rows = rows[rows["Platform"] == platform]
    key = {"age": "Category", "gender": "Gender"}.get(by, "Category")
    table = rows.groupby(key, sort=False)["Followers"].sum()
    if by == "age":
        table = table.reindex([b for b in AGE_BUCKETS if b in table.index])
    else:
        table = table.sort_values(ascending=False, kind="stable")
    total = table.sum()
    out = pd.DataFrame({"Followers": table.astype(int),
                        "Share (%)": (table / total * 100) if total else table * 0.0})
    out.index.name = {"age": "Age", "gender": "Gender", "city": "City", "country": "Country"}[by]
    return out


_BREAKDOWN_FR = {"age": "tranche d'âge", "gender": "sexe", "city": "ville (villes principales)",
                 "country": "pays (pays principaux)"}


def audience_summary(audience: pd.DataFrame, by: str, platform: str | None = None) -> str:
    """The French text summary of :func:`audience_figure`: every category with its share."""
    from autograder.numbers import fr_number

    table = audience_table(audience, by, platform)
    who = f"Abonnés {platform}" if platform else "Abonnés Facebook et Instagram"
    shares = ", ".join(f"{GENDER_FR.get(str(name), name)} {fr_number(share, 1)}\u00a0%"
                       for name, share in zip(table.index, table["Share (%)"], strict=True))
    return f"{who} par {_BREAKDOWN_FR[by]} : {shares}."


def audience_figure(audience: pd.DataFrame, by: str, platform: str | None = None, *, width: int = 520):
    """Followers' shares by age, gender, city or country as an accessible bar chart
    (:func:`autograder.figures.png_figure`, alt text and visible caption = :func:`audience_summary`)."""
    import matplotlib

    matplotlib.use("Agg", force=False)
    from matplotlib.figure import Figure

    from autograder.figures import png_figure
    from autograder.numbers import fr_number

    table = audience_table(audience, by, platform)
    names = [str(GENDER_FR.get(str(n), n)) for n in table.index]
    shares = [float(s) for s in table["Share (%)"]]
    fig = Figure(figsize=(6, 0.45 * len(names) + 1.2), dpi=80)
    ax = fig.add_subplot()
    bars = ax.barh(names, shares, color="#0072B2")
    ax.invert_yaxis()
    ax.bar_label(bars, labels=[f"{fr_number(s, 1)} %" for s in shares], padding=3)
    ax.set_xlabel("Part des abonnés (%)")
    ax.set_xlim(0, max(shares, default=0) * 1.2 or 1)
    fig.tight_layout()
    buffer = io.BytesIO()
    fig.savefig(buffer, format="png")
    summary = audience_summary(audience, by, platform)
    return png_figure(buffer.getvalue(), alt=summary, width=width, caption=summary)


def total_followers(audience: pd.DataFrame, platform: str | None = None) -> int:
    """Followers counted in the age & gender breakdown (every follower has one age bucket and one gender)."""
    return int(audience_table(audience, "age", platform)["Followers"].sum())


def target_share(audience: pd.DataFrame, ages: tuple[int, int], platform: str | None = None) -> float:
    """Share (%) of followers whose age bucket lies within ``ages`` (e.g. (25, 54) → 25-34, 35-44, 45-54)."""
    table = audience_table(audience, "age", platform)
    lo, hi = ages
    inside = [b for b in table.index if _bucket_bounds(b)[0] >= lo and _bucket_bounds(b)[1] <= hi]
    return float(table.loc[inside, "Share (%)"].sum())


def _bucket_bounds(bucket: str) -> tuple[int, int]:
    if bucket.endswith("+"):
        return int(bucket[:-1]), 120
    lo, hi = bucket.split("-")
    return int(lo), int(hi)


# -- C5.1: when the audience is online ------------------------------------------------------------------

def _online_rows(activity: pd.DataFrame, platform: str | None):
    """(weekday index, hour, followers online) of each row of the activity export, for ``platform`` or both."""
    columns = (activity["Platform"], activity["Day"], activity["Hour"], activity["Online followers"])
    for network, day, hour, online in zip(*columns, strict=True):
        if platform is not None and network != platform:
            continue
        if day not in DAYS:
            raise ValueError(f"Jour inconnu « {day} » dans l'export d'activité : Monday … Sunday était attendu.")
        yield DAYS.index(day), int(hour), online


def active_hours(activity: pd.DataFrame, platform: str | None = None, threshold: float = 0.7) -> dict[int, set[int]]:
    """Hours (0–23) of each weekday (0 = Monday) when at least ``threshold`` × that day's peak of followers
    are online: the slots where a post meets its audience. (One pass in plain Python: this runs on every
    change of the scheduler.)"""
    if not 0 < threshold <= 1:
        raise ValueError("Le seuil d'activité doit être compris entre 0 (exclu) et 1.")
    totals: dict[int, dict[int, float]] = {d: {} for d in range(len(DAYS))}
    for day_index, hour, online in _online_rows(activity, platform):
        by_hour = totals[day_index]
        by_hour[hour] = by_hour.get(hour, 0) + online
    hours: dict[int, set[int]] = {}
    for day_index, by_hour in totals.items():
        peak = max(by_hour.values(), default=0)
        hours[day_index] = {h for h, v in by_hour.items() if peak and v >= threshold * peak}
    return hours


def describe_hours(hours: set[int]) -> str:
    """« 7 h–8 h, 12 h–13 h, 18 h–20 h »: consecutive hours grouped into French time ranges."""
    ranges, ordered = [], sorted(hours)
    for h in ordered:
        if ranges and h == ranges[-1][1] + 1:
            ranges[-1][1] = h
        else:
            ranges.append([h, h])
    return ", ".join(f"{a} h–{b + 1} h" for a, b in ranges) or "aucune"


def online_by_hour(activity: pd.DataFrame, platform: str | None = None) -> dict[str, list[float]]:
    """Average followers online at each hour (0–23), Monday to Friday (« semaine ») and at the weekend
    (« week-end »)."""
    sums = {"semaine": [0.0] * 24, "week-end": [0.0] * 24}
    counts = {"semaine": [0] * 24, "week-end": [0] * 24}
    for day_index, hour, online in _online_rows(activity, platform):
        group = "week-end" if day_index >= 5 else "semaine"
        sums[group][hour] += online
        counts[group][hour] += 1
    return {g: [s / n if n else 0.0 for s, n in zip(sums[g], counts[g], strict=True)] for g in sums}


def activity_summary(activity: pd.DataFrame, platform: str | None = None, threshold: float = 0.7) -> str:
    """The French text summary of :func:`activity_figure`: the active hours of weekdays and of the weekend
    (hours with at least ``threshold`` × the peak of the average curve)."""
    curves = online_by_hour(activity, platform)
    parts = []
    for group, label in (("semaine", "du lundi au vendredi"), ("week-end", "le samedi et le dimanche")):
        peak = max(curves[group])
        hours = {h for h, v in enumerate(curves[group]) if peak and v >= threshold * peak}
        parts.append(f"{label}, heures actives {describe_hours(hours)}")
    who = f"sur {platform}" if platform else "sur Facebook et Instagram"
    return f"Abonnés en ligne par heure (heure de Paris) {who} : " + " ; ".join(parts) + "."


def activity_figure(activity: pd.DataFrame, platform: str | None = None, *, width: int = 560):
    """When followers are online: average followers by hour, weekdays and weekend, as an accessible figure
    (:func:`autograder.figures.png_figure`, alt text and visible caption = :func:`activity_summary`).
    Colour-blind-safe (Okabe-Ito blue and vermilion) and told apart by markers and line style too."""
    import matplotlib

    matplotlib.use("Agg", force=False)
    from matplotlib.figure import Figure

    from autograder.figures import png_figure

    curves = online_by_hour(activity, platform)
    fig = Figure(figsize=(7, 3), dpi=80)
    ax = fig.add_subplot()
    ax.plot(range(24), curves["semaine"], color="#0072B2", marker="o", label="du lundi au vendredi")
    ax.plot(range(24), curves["week-end"], color="#D55E00", marker="s", linestyle="--", label="samedi et dimanche")
    ax.set_xlabel("Heure (Paris)")
    ax.set_ylabel("Abonnés en ligne (moyenne)")
    ax.set_xticks(range(0, 24, 2))
    ax.legend()
    fig.tight_layout()
    buffer = io.BytesIO()
    fig.savefig(buffer, format="png")
    summary = activity_summary(activity, platform)
    return png_figure(buffer.getvalue(), alt=summary, width=width, caption=summary)


# -- C5.4: inbox ---------------------------------------------------------------------------------------

def last_days(inbox: pd.DataFrame, days: int | None, until: datetime | None = None) -> pd.DataFrame:
    """Items received in the ``days`` days before ``until`` (default: the last item received); all when None."""
    if days is None:
        return inbox
    end = until or max(inbox["Received time"])
    start = end - timedelta(days=days)
    keep = [(start < t <= end) for t in inbox["Received time"]]
    return inbox[keep]


def _missing(value) -> bool:
    import pandas as pd

    return value is None or bool(pd.isna(value))


def messages_only(inbox: pd.DataFrame) -> pd.DataFrame:
    """Private messages (Messenger, Instagram Direct): what Meta's response rate and time count."""
    return inbox[inbox["Channel"].isin(MESSAGE_CHANNELS)]


def reply_minutes(inbox: pd.DataFrame) -> list[float]:
    """Minutes between receipt and reply of every answered item (a reply before receipt is an error)."""
    delays = []
    for item, received, replied in zip(inbox["Item ID"], inbox["Received time"], inbox["Replied time"], strict=True):
        if _missing(replied):
            continue
        minutes = (replied - received).total_seconds() / 60
        if minutes < 0:
            raise ValueError(f"Élément {item} : la réponse est datée d'avant la réception du message.")
        delays.append(minutes)
    return delays


def response_rate(inbox: pd.DataFrame, *, days: int | None = None, until: datetime | None = None) -> float:
    """Share (%) of the items received that got a reply (over the last ``days`` days when given)."""
    rows = last_days(inbox, days, until)
    if len(rows) == 0:
        raise ValueError("Aucun message sur la période : le taux de réponse ne peut pas être calculé.")
    answered = sum(1 for r in rows["Replied time"] if not _missing(r))
    return answered / len(rows) * 100


def response_time(inbox: pd.DataFrame, *, days: int | None = RESPONSE_TIME_DAYS, until: datetime | None = None) -> float:
    """Response time in minutes as Meta defines it [META-INBOX]: the average of the fastest 90 % of the
    reply delays (the slowest 10 % are left out), over the last 30 days by default.

    With n replies, the fastest ``ceil(0.9 × n)`` are averaged.
    """
    delays = sorted(reply_minutes(last_days(inbox, days, until)))
    if not delays:
        raise ValueError("Aucune réponse sur la période : le temps de réponse ne peut pas être calculé.")
    kept = delays[: max(1, math.ceil(RESPONSE_TIME_SHARE * len(delays)))]
    return sum(kept) / len(kept)


def unanswered(inbox: pd.DataFrame) -> list[str]:
    """Ids of the items (messages and comments) still without a reply, oldest first."""
    rows = inbox[[_missing(r) for r in inbox["Replied time"]]]
    rows = rows.sort_values("Received time", kind="stable")
    return [str(i) for i in rows["Item ID"]]


@dataclass(frozen=True)
class Responsiveness:
    rate: float  # %, last 7 days
    minutes: float  # Meta's response time, last 7 days
    badge: bool  # « Très réactif » (very responsive)


def responsiveness(inbox: pd.DataFrame, until: datetime | None = None) -> Responsiveness:
    """Response rate and time of private messages over the last 7 days, and whether they earn the
    « very responsive » badge (≥ 90 % and ≤ 15 min) [META-INBOX]."""
    messages = messages_only(inbox)
    rate = response_rate(messages, days=BADGE_DAYS, until=until)
    minutes = response_time(messages, days=BADGE_DAYS, until=until)
    return Responsiveness(rate, minutes, rate >= BADGE_RATE and minutes <= BADGE_MINUTES)
