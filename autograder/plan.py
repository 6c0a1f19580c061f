"""The social media plan: editorial line, posts, regularity and diversity measures, exports.

A plan covers a window (3 months from a start date by default) and holds an editorial line (objectives,
persona, tone, content pillars with their share, networks and posts per week on each) and posts (date,
time, network, format, theme, pillar, caption, visual). Everything here is pure: the widgets
(``autograder.widgets.plan_builder``) and the checks (``autograder.checks.c3``/``c4``) call it.

Exports: iCalendar (RFC 5545, one VEVENT per post, Europe/Paris times), a documented CSV (``CSV_COLUMNS``)
for scheduling tools, and a printable retroplanning (matplotlib, PNG or PDF).
"""

from __future__ import annotations

import csv
import datetime as dt
import hashlib
import io
import re
from bisect import bisect_left, bisect_right
from collections import Counter
from dataclasses import asdict, dataclass, field
from pathlib import Path

import pandas as pd

from autograder.dates import PARIS, parse_date  # noqa: F401  (plan.parse_date is used by the widgets)
from autograder.networks import get_network
from autograder.numbers import fr_value
from autograder.results import LearnerInputError
from autograder.storage import (
    UnreadableWork,
    atomic_write_bytes,
    atomic_write_json,
    atomic_write_text,
    read_work_file,
)
from autograder.text import name_key

FORMATS = ("publication", "carrousel", "story", "reel", "live", "vidéo")
#: theme id -> French label (the référentiel names the first four)
THEMES = {
    "produit": "Présentation produit/service",
    "offre": "Offre",
    "nouveauté": "Nouveauté",
    "actualité": "Actualité",
    "coulisses": "Coulisses",
    "conseil": "Conseils et astuces",
    "contenu utilisateur": "Contenu utilisateur",
    "événement": "Événement",
    "engagement": "Engagement (question, jeu, sondage)",
}
REFERENTIEL_THEMES = ("produit", "offre", "nouveauté", "actualité")
VERTICAL_FORMATS = ("story", "reel", "vidéo", "live")
MAX_POSTS = 2000


_THEME_ALIASES = {name_key(k): k for k in THEMES} | {name_key(v): k for k, v in THEMES.items()} | {
    name_key(a): k for a, k in (
        ("présentation produit", "produit"), ("service", "produit"), ("produits", "produit"),
        ("offres", "offre"), ("promotion", "offre"), ("promo", "offre"), ("nouveautés", "nouveauté"),
        ("actualités", "actualité"), ("actu", "actualité"), ("conseils", "conseil"), ("astuce", "conseil"),
        ("ugc", "contenu utilisateur"), ("evenement", "événement"), ("événements", "événement"),
        ("coulisse", "coulisses"), ("vidéos", "vidéo"),
    )
}
_FORMAT_ALIASES = {name_key(f): f for f in FORMATS} | {"post": "publication", "carousel": "carrousel",
                                                     "reels": "reel", "stories": "story", "video": "vidéo"}


def normalise_theme(value) -> str:
    key = name_key(value)
    if key not in _THEME_ALIASES:
        raise LearnerInputError(f"Thème inconnu : {value!r}. Thèmes possibles : {', '.join(THEMES)}.")
    return _THEME_ALIASES[key]


def normalise_format(value) -> str:
    key = name_key(value)
    if key not in _FORMAT_ALIASES:
        raise LearnerInputError(f"Format inconnu : {value!r}. Formats possibles : {', '.join(FORMATS)}.")
    return _FORMAT_ALIASES[key]


_TIME = re.compile(r"^([01]?\d|2[0-3])[:hH]([0-5]\d)$")


def parse_time(value, day: dt.date | None = None) -> str:
    """``"18:30"`` (also ``"18h30"``); refuses a time that does not exist in Paris that day (summer-time change)."""
    if isinstance(value, dt.time):
        value = value.strftime("%H:%M")
    match = _TIME.match(str(value).strip())
    if not match:
        raise LearnerInputError(f"Heure attendue au format HH:MM, par exemple 18:30 (reçu {value!r}).")
    hh, mm = int(match.group(1)), int(match.group(2))
    if day is not None:
        local = dt.datetime(day.year, day.month, day.day, hh, mm, tzinfo=PARIS)
        back = local.astimezone(dt.UTC).astimezone(PARIS)
        if (back.hour, back.minute) != (hh, mm):
            raise LearnerInputError(
                f"L'heure {hh:02d}:{mm:02d} n'existe pas le {day:%d/%m/%Y} à Paris (passage à l'heure d'été : "
                "on passe de 02:00 à 03:00). Choisissez une autre heure."
            )
    return f"{hh:02d}:{mm:02d}"


def add_months(day: dt.date, months: int) -> dt.date:
    month = day.month - 1 + months
    year, month = day.year + month // 12, month % 12 + 1
    for d in (day.day, 30, 29, 28):
        try:
            return dt.date(year, month, d)
        except ValueError:
            continue
    raise AssertionError("unreachable")


@dataclass
class Post:
    date: dt.date
    time: str
    network: str
    format: str
    theme: str
    pillar: str = ""
    caption: str = ""
    visual: str = ""
    key_date: str = ""  # the key date this post relates to (optional, helps the calendar check)
    id: str = ""

    @property
    def when(self) -> dt.datetime:
        hh, mm = (int(x) for x in self.time.split(":"))
        return dt.datetime(self.date.year, self.date.month, self.date.day, hh, mm, tzinfo=PARIS)

    def to_dict(self) -> dict:
        data = asdict(self)
        data["date"] = self.date.isoformat()
        return data


def make_post(raw: dict, start: dt.date | None = None, end: dt.date | None = None) -> Post:
    """A validated :class:`Post` from a dict (a row, a JSON object); French ``LearnerInputError`` otherwise."""
    if not isinstance(raw, dict):
        raise LearnerInputError("Publication : un dictionnaire (date, heure, réseau, format, thème…) était attendu.")
    raw = {str(k).strip().lower(): v for k, v in raw.items()}
    alias = {"heure": "time", "réseau": "network", "reseau": "network", "thème": "theme", "theme": "theme",
             "pilier": "pillar", "légende": "caption", "texte": "caption", "visuel": "visual",
             "date clé": "key_date"}
    raw = {alias.get(k, k): v for k, v in raw.items()}
    missing = [k for k in ("date", "time", "network", "format", "theme") if _blank(raw.get(k))]
    if missing:
        raise LearnerInputError(f"Publication incomplète : il manque {', '.join(missing)}.")
    day = parse_date(raw["date"], "Date de la publication")
    if start is not None and end is not None and not (start <= day <= end):
        raise LearnerInputError(
            f"La date {day:%d/%m/%Y} est en dehors du plan (du {start:%d/%m/%Y} au {end:%d/%m/%Y})."
        )
    network = _network(raw["network"])
    fmt = normalise_format(raw["format"])
    if fmt not in network.formats:
        raise LearnerInputError(
            f"Le format « {fmt} » n'existe pas sur {network.name} ; formats possibles : {', '.join(network.formats)}."
        )
    caption = "" if _blank(raw.get("caption")) else str(raw["caption"])
    if len(caption) > network.caption_limit:
        raise LearnerInputError(
            f"Texte trop long pour {network.name} : {len(caption)} caractères pour {network.caption_limit} au plus."
        )
    return Post(
        date=day, time=parse_time(raw["time"], day), network=network.id, format=fmt,
        theme=normalise_theme(raw["theme"]), pillar=_text(raw.get("pillar")), caption=caption,
        visual=_text(raw.get("visual")), key_date=_text(raw.get("key_date")), id=_text(raw.get("id")),
    )


def content_id(post: Post) -> str:
    """A stable identifier for a post that has none: from its slot (date, time, network), never its position.

    Adding, removing or reordering other posts leaves it unchanged, and so does rewriting the caption, the
    format or the theme; the plan builder gives every post an explicit id (``p1``, ``p2``…) anyway.
    """
    key = f"{post.date.isoformat()}|{post.time}|{post.network}"
    return "p-" + hashlib.sha1(key.encode("utf-8")).hexdigest()[:8]


def _unique(base: str, used: set[str]) -> str:
    out, n = base, 2
    while out in used:
        out, n = f"{base}-{n}", n + 1
    return out


def _network(value):
    try:
        return get_network(value)
    except KeyError as exc:
        raise LearnerInputError(exc.args[0]) from None


def _blank(v) -> bool:
    return v is None or (isinstance(v, float) and v != v) or str(v).strip() == ""


def _text(v) -> str:
    return "" if _blank(v) else str(v).strip()


@dataclass
class EditorialLine:
    objectives: list[str] = field(default_factory=list)
    persona: str = ""
    tone: str = ""
    pillars: dict[str, float] = field(default_factory=dict)  # pillar -> share in %
    networks: list[str] = field(default_factory=list)
    frequency: dict[str, float] = field(default_factory=dict)  # network -> posts per week

    def problems(self) -> list[str]:
        """What is missing or inconsistent, in French (empty when the line is complete)."""
        out = []
        if not self.objectives:
            out.append("aucun objectif")
        if len(self.persona.strip()) < 20:
            out.append("persona cible absent ou trop court (20 caractères au moins)")
        if not self.tone.strip():
            out.append("ton non précisé")
        if len(self.pillars) < 3:
            out.append("moins de 3 piliers de contenu")
        elif abs(sum(self.pillars.values()) - 100) > 1:
            out.append(f"la part des piliers fait {fr_value(sum(self.pillars.values()))} % au lieu de 100 %")
        if not self.networks:
            out.append("aucun réseau")
        absent = [n for n in self.networks if not self.frequency.get(n)]
        if absent:
            out.append(f"fréquence non précisée pour {', '.join(absent)}")
        return out

    @classmethod
    def from_dict(cls, data) -> EditorialLine:
        if not isinstance(data, dict):
            raise LearnerInputError("Ligne éditoriale : un dictionnaire était attendu.")
        for key, kind, label in (("pillars", dict, "un dictionnaire {pilier: part}"),
                                 ("frequency", dict, "un dictionnaire {réseau: publications par semaine}"),
                                 ("objectives", list, "une liste"), ("networks", list, "une liste")):
            if data.get(key) is not None and not isinstance(data[key], kind):
                raise LearnerInputError(f"Ligne éditoriale : « {key} » doit être {label}.")
        try:
            pillars = {str(k).strip(): float(v) for k, v in (data.get("pillars") or {}).items()}
            freq = {_network(k).id: float(v) for k, v in (data.get("frequency") or {}).items()}
        except (TypeError, ValueError):
            raise LearnerInputError("Ligne éditoriale : parts des piliers et fréquences doivent être des nombres.") from None
        if any(v < 0 for v in (*pillars.values(), *freq.values())):
            raise LearnerInputError("Ligne éditoriale : une part ou une fréquence ne peut pas être négative.")
        return cls(
            objectives=[str(o) for o in data.get("objectives") or []], persona=str(data.get("persona") or ""),
            tone=str(data.get("tone") or ""), pillars=pillars,
            networks=[_network(n).id for n in data.get("networks") or []], frequency=freq,
        )

    def to_dict(self) -> dict:
        return asdict(self)


@dataclass
class Plan:
    start: dt.date
    end: dt.date
    line: EditorialLine = field(default_factory=EditorialLine)
    posts: list[Post] = field(default_factory=list)

    @classmethod
    def empty(cls, start, months: int = 3) -> Plan:
        start = parse_date(start, "Début du plan")
        return cls(start, add_months(start, months) - dt.timedelta(days=1))

    @classmethod
    def from_dict(cls, data) -> Plan:
        if not isinstance(data, dict) or "start" not in data:
            raise LearnerInputError("Plan : un dictionnaire avec « start », « end », « editorial_line » et « posts » était attendu.")
        start = parse_date(data["start"], "Début du plan")
        end = parse_date(data.get("end") or add_months(start, 3) - dt.timedelta(days=1), "Fin du plan")
        if end < start:
            raise LearnerInputError("Plan : la fin précède le début.")
        posts = data.get("posts") or []
        if not isinstance(posts, list) or len(posts) > MAX_POSTS:
            raise LearnerInputError(f"Plan : une liste de {MAX_POSTS} publications au plus était attendue.")
        made = []
        for i, p in enumerate(posts, start=1):
            try:
                made.append(make_post(p, start, end))
            except (LearnerInputError, KeyError) as exc:
                raise LearnerInputError(f"Publication n° {i} : {exc.args[0]}") from None
        used = {p.id for p in made if p.id}
        for p in made:
            if not p.id:
                p.id = _unique(content_id(p), used)
                used.add(p.id)
        return cls(start, end, EditorialLine.from_dict(data.get("editorial_line") or {}), made)

    @classmethod
    def load(cls, path) -> Plan:
        source = Path(path)
        data = read_work_file(source)
        if isinstance(data, UnreadableWork):
            raise LearnerInputError(data.message)
        if data is None:
            raise LearnerInputError(f"Fichier du plan introuvable : « {source.name} ». Construisez le plan avec le widget.")
        return cls.from_dict(data)

    def to_dict(self) -> dict:
        return {"start": self.start.isoformat(), "end": self.end.isoformat(),
                "editorial_line": self.line.to_dict(), "posts": [p.to_dict() for p in self.sorted_posts()]}

    def save(self, path) -> Path:
        return atomic_write_json(path, self.to_dict())

    def sorted_posts(self) -> list[Post]:
        return sorted(self.posts, key=lambda p: (p.date, p.time, p.network))

    def to_dataframe(self) -> pd.DataFrame:
        cols = ["id", "date", "time", "network", "format", "theme", "pillar", "caption", "visual", "key_date"]
        return pd.DataFrame([[getattr(p, c) for c in cols] for p in self.sorted_posts()], columns=cols)

    @property
    def weeks(self) -> int:
        return ((self.end - self.start).days + 1 + 6) // 7


def as_plan(artefact) -> Plan:
    """A :class:`Plan` from a Plan, a dict, or a path to the plan's JSON file."""
    if isinstance(artefact, Plan):
        return artefact
    if isinstance(artefact, dict):
        return Plan.from_dict(artefact)
    if isinstance(artefact, str | Path):
        return Plan.load(artefact)
    raise LearnerInputError("Plan illisible : un plan enregistré par le planificateur (fichier JSON) était attendu.")


# -- measures ---------------------------------------------------------------------------------------------
@dataclass
class NetworkRegularity:
    network: str
    posts: int
    per_week: float
    weeks_with_post: int
    weeks: int
    longest_gap: int  # days between consecutive posts, window edges included
    busiest_day: int  # most posts on one day
    crowded_weeks: int  # weeks with more than twice the average


def regularity(plan: Plan) -> dict[str, NetworkRegularity]:
    """Per network: posts per week, weeks covered, longest gap (window edges count), clusters."""
    out = {}
    by_net: dict[str, list[dt.date]] = {}
    for p in plan.posts:
        by_net.setdefault(p.network, []).append(p.date)
    weeks = plan.weeks
    for net, days in sorted(by_net.items()):
        days.sort()
        week_counts = Counter((d - plan.start).days // 7 for d in days)
        edges = [plan.start - dt.timedelta(days=1), *days, plan.end + dt.timedelta(days=1)]
        gap = max((b - a).days - 1 for a, b in zip(edges, edges[1:], strict=False))
        mean = len(days) / weeks
        out[net] = NetworkRegularity(
            net, len(days), round(len(days) * 7 / ((plan.end - plan.start).days + 1), 2), len(week_counts), weeks,
            gap, max(Counter(days).values()), sum(1 for c in week_counts.values() if c > max(2 * mean, mean + 2)),
        )
    return out


REGULARITY_HEADER = ["Réseau", "Publications", "Par semaine", "Semaines avec une publication", "Semaines du plan",
                     "Plus long silence (jours)", "Publications le même jour (au plus)", "Semaines surchargées"]


def regularity_rows(plan: Plan) -> tuple[list[str], list[list]]:
    """:func:`regularity` as a French table for learners: (header, one row per network)."""
    rows = []
    for r in regularity(plan).values():
        try:
            name = get_network(r.network).name
        except KeyError:
            name = r.network
        rows.append([name, r.posts, fr_value(r.per_week), r.weeks_with_post, r.weeks, r.longest_gap, r.busiest_day,
                     r.crowded_weeks])
    return list(REGULARITY_HEADER), rows


def theme_shares(plan: Plan) -> dict[str, float]:
    n = len(plan.posts) or 1
    return {t: round(100 * c / n, 1) for t, c in Counter(p.theme for p in plan.posts).most_common()}


def format_shares(plan: Plan) -> dict[str, float]:
    n = len(plan.posts) or 1
    return {f: round(100 * c / n, 1) for f, c in Counter(p.format for p in plan.posts).most_common()}


def pillar_gaps(plan: Plan) -> dict[str, tuple[float, float]]:
    """Pillar -> (share in the editorial line %, share in the plan %)."""
    n = len(plan.posts) or 1
    counts = Counter(name_key(p.pillar) for p in plan.posts if p.pillar)
    return {name: (share, round(100 * counts.get(name_key(name), 0) / n, 1)) for name, share in plan.line.pillars.items()}


def key_date_coverage(plan: Plan, dates: pd.DataFrame, before: int = 10) -> list[dict]:
    """For each date: the post related to it, if any.

    A post relates to a key date when it is scheduled from ``before`` days before the date to the date
    itself and either names the date (``key_date``) or its caption uses one of the date's keywords.
    """
    posts = plan.sorted_posts()
    days = [p.date for p in posts]
    out = []
    for row in dates.itertuples(index=False):
        name, day = row.name, row.date
        kws = [k for k in (name_key(k) for k in row.keywords) if k]
        folded_name = name_key(name)
        found = ""
        lo, hi = bisect_left(days, day - dt.timedelta(days=before)), bisect_right(days, day)
        for p in posts[lo:hi]:
            kd = name_key(p.key_date) if p.key_date else ""
            if (kd and kd in folded_name) or any(k in name_key(p.caption) for k in kws):
                found = p.id or content_id(p)  # a post made by make_post alone has no id yet
                break
        out.append({"date": day, "name": name, "kind": row.kind, "post": found})
    return out


COVERAGE_HEADER = ["Date", "Date clé", "Type", "Publication qui la prépare"]


def coverage_rows(coverage: list[dict]) -> tuple[list[str], list[list]]:
    """:func:`key_date_coverage` as a French table for learners: (header, one row per key date)."""
    return list(COVERAGE_HEADER), [[f"{c['date']:%d/%m/%Y}", c["name"], c["kind"], c["post"] or "aucune"]
                                   for c in coverage]


# -- exports ----------------------------------------------------------------------------------------------
#: The documented CSV: column -> meaning (French, for trainers and scheduling tools).
CSV_COLUMNS = {
    "date": "Date de publication, AAAA-MM-JJ",
    "heure": "Heure locale de Paris, HH:MM (24 h)",
    "fuseau": "Fuseau horaire IANA (Europe/Paris)",
    "debut_iso": "Date et heure ISO 8601 avec décalage UTC (2027-10-01T18:30:00+02:00)",
    "reseau": "Réseau (identifiant : instagram, facebook, linkedin…)",
    "format": "Format (publication, carrousel, story, reel, live, vidéo)",
    "theme": "Thématique (produit, offre, nouveauté, actualité, coulisses, conseil…)",
    "pilier": "Pilier de la ligne éditoriale",
    "texte": "Texte de la publication (légende et hashtags)",
    "visuel": "Fichier du visuel",
    "date_cle": "Date clé du calendrier à laquelle la publication se rattache",
}


def to_csv(plan: Plan) -> str:
    """The plan as CSV (UTF-8, comma-separated, one row per post, columns ``CSV_COLUMNS``)."""
    buf = io.StringIO()
    writer = csv.writer(buf, lineterminator="\n")
    writer.writerow(CSV_COLUMNS)
    for p in plan.sorted_posts():
        writer.writerow([p.date.isoformat(), p.time, "Europe/Paris", p.when.isoformat(), p.network, p.format,
                         p.theme, p.pillar, p.caption, p.visual, p.key_date])
    return buf.getvalue()


def paris_vtimezone():
    """The Europe/Paris VTIMEZONE as calendar clients expect it: one STANDARD and one DAYLIGHT rule (RRULE).

    Summer time starts on the last Sunday of March at 02:00 (to 03:00) and ends on the last Sunday of
    October at 03:00 (to 02:00), the EU rule since 1996. Some clients (vobject, Outlook by report) ignore
    the RDATE lists that ``icalendar.Calendar.add_missing_timezones`` writes and shift summer posts by an hour.
    """
    from icalendar import Timezone, TimezoneDaylight, TimezoneStandard

    tz = Timezone()
    tz.add("tzid", "Europe/Paris")
    tz.add("x-lic-location", "Europe/Paris")
    for kind, name, start, month, before, after in (
        (TimezoneDaylight, "CEST", dt.datetime(1970, 3, 29, 2), 3, 1, 2),
        (TimezoneStandard, "CET", dt.datetime(1970, 10, 25, 3), 10, 2, 1),
    ):
        rule = kind()
        rule.add("tzname", name)
        rule.add("tzoffsetfrom", dt.timedelta(hours=before))
        rule.add("tzoffsetto", dt.timedelta(hours=after))
        rule.add("dtstart", start)
        rule.add("rrule", {"freq": "yearly", "bymonth": month, "byday": "-1su"})
        tz.add_component(rule)
    return tz


def ical_uid(plan: Plan, post: Post) -> str:
    """The post's UID: its own id and the plan's start, so a re-imported plan updates its events."""
    return f"{post.id or content_id(post)}-{plan.start:%Y%m%d}@plan-social-media"


def to_ical(plan: Plan, name: str = "Plan social media", stamp: dt.datetime | None = None) -> bytes:
    """The plan as an iCalendar file (RFC 5545): one VEVENT per post, 15 minutes long, Europe/Paris time.

    UIDs come from each post's id (:func:`ical_uid`), DTSTAMP is the export time (``stamp``, now by default)
    and the time zone is :func:`paris_vtimezone`.
    """
    from icalendar import Calendar, Event

    cal = Calendar()
    cal.add("prodid", "-//autograder//Plan social media//FR")
    cal.add("version", "2.0")
    cal.add("calscale", "GREGORIAN")
    cal.add("x-wr-calname", name)
    cal.add("x-wr-timezone", "Europe/Paris")
    cal.add_component(paris_vtimezone())
    stamp = (stamp or dt.datetime.now(dt.UTC)).astimezone(dt.UTC).replace(microsecond=0)
    uids: set[str] = set()
    for p in plan.sorted_posts():
        ev = Event()
        uid = ical_uid(plan, p)
        if uid in uids:  # two posts with the same id in a hand-edited file: keep both events
            uid = _unique(uid.replace("@", "-dup@", 1), uids)
        uids.add(uid)
        ev.add("uid", uid)
        ev.add("dtstamp", stamp)
        ev.add("dtstart", p.when)
        ev.add("dtend", p.when + dt.timedelta(minutes=15))
        net = get_network(p.network).name
        ev.add("summary", f"{net} – {p.format} – {THEMES[p.theme]}")
        ev.add("description", p.caption or "(texte à rédiger)")
        ev.add("categories", [net, p.format, p.theme] + ([p.pillar] if p.pillar else []))
        if p.visual:
            ev.add("attach", p.visual)
        cal.add_component(ev)
    return cal.to_ical()


def read_ical(data: bytes) -> list[dict]:
    """The events of an iCalendar file, read back with ``icalendar``: start, summary, description."""
    from icalendar import Calendar

    cal = Calendar.from_ical(data)
    return [{"start": ev.decoded("dtstart"), "summary": str(ev.get("summary")), "description": str(ev.get("description"))}
            for ev in cal.walk("VEVENT")]


OKABE_ITO = ("#E69F00", "#56B4E9", "#009E73", "#F0E442", "#0072B2", "#D55E00", "#CC79A7", "#000000")


def retroplanning_figure(plan: Plan, dates: pd.DataFrame | None = None):
    """A printable retroplanning: one row per week, one column per day, posts as coloured marks by network."""
    import matplotlib

    matplotlib.use("Agg", force=False)
    from matplotlib.figure import Figure

    weeks = ((plan.end - plan.start).days + plan.start.weekday()) // 7 + 1
    monday = plan.start - dt.timedelta(days=plan.start.weekday())
    nets = sorted({p.network for p in plan.posts})
    colours = {n: OKABE_ITO[i % len(OKABE_ITO)] for i, n in enumerate(nets)}
    fig = Figure(figsize=(11.7, 8.3))  # A4 landscape
    ax = fig.add_subplot()
    ax.set_xlim(0, 7)
    ax.set_ylim(weeks, 0)
    ax.set_xticks([i + 0.5 for i in range(7)], ["lun.", "mar.", "mer.", "jeu.", "ven.", "sam.", "dim."])
    ax.set_yticks([w + 0.5 for w in range(weeks)],
                  [f"{(monday + dt.timedelta(weeks=w)):%d/%m}" for w in range(weeks)], fontsize=7)
    ax.tick_params(length=0)
    for w in range(weeks + 1):
        ax.axhline(w, color="#999999", lw=0.5)
    for d in range(8):
        ax.axvline(d, color="#999999", lw=0.5)
    for off in range(weeks * 7):
        day = monday + dt.timedelta(days=off)
        if not plan.start <= day <= plan.end:
            ax.add_patch(matplotlib.patches.Rectangle((off % 7, off // 7), 1, 1, color="#dddddd", lw=0))
    slots: Counter = Counter()
    if dates is not None:
        for row in dates.itertuples(index=False):
            off = (row.date - monday).days
            k = slots[off]
            slots[off] += 1
            ax.text(off % 7 + 0.04, off // 7 + 0.2 + 0.18 * k, "★ " + row.name[:24], fontsize=5, color="#444444",
                    va="center")
    for p in plan.sorted_posts():
        off = (p.date - monday).days
        k = slots[off]
        slots[off] += 1
        y = off // 7 + 0.2 + 0.18 * k
        ax.add_patch(matplotlib.patches.Rectangle((off % 7 + 0.02, y - 0.08), 0.96, 0.16, color=colours[p.network],
                                                  alpha=0.55, lw=0))
        ax.text(off % 7 + 0.04, y, f"{p.time} {p.format} ({p.theme})"[:30], fontsize=5, color="#000000", va="center")
    handles = [matplotlib.patches.Patch(color=c, label=get_network(n).name) for n, c in colours.items()]
    if handles:
        ax.legend(handles=handles, loc="upper center", bbox_to_anchor=(0.5, -0.02), ncol=len(handles), fontsize=8)
    ax.set_title(f"Rétroplanning du {plan.start:%d/%m/%Y} au {plan.end:%d/%m/%Y} – {len(plan.posts)} publications")
    return fig


def save_retroplanning(plan: Plan, path, dates: pd.DataFrame | None = None, dpi: int = 150) -> Path:
    """Write the retroplanning as PNG or PDF (by the file's extension), atomically; 150 dpi prints well on A4."""
    target = Path(path)
    fmt = target.suffix.lower().lstrip(".")
    if fmt not in ("png", "pdf"):
        raise LearnerInputError(f"Extension attendue : .png ou .pdf (reçu « {target.suffix or 'aucune'} »).")
    buf = io.BytesIO()
    retroplanning_figure(plan, dates).savefig(buf, format=fmt, dpi=dpi, metadata=None if fmt == "png" else {})
    return atomic_write_bytes(target, buf.getvalue())


def write_exports(plan: Plan, folder, stem: str = "plan") -> dict[str, Path]:
    folder = Path(folder)
    return {
        "ics": atomic_write_bytes(folder / f"{stem}.ics", to_ical(plan)),
        "csv": atomic_write_text(folder / f"{stem}.csv", to_csv(plan)),
    }
