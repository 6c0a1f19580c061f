"""The French community-management calendar: public holidays, commercial dates, international days.

``key_dates(start, end)`` computes every date of any window (no hard-coded yearly table):

- public holidays from the ``holidays`` package (France; Alsace-Moselle with ``alsace_moselle=True``);
- commercial dates by their customary rules (see ``shared/domain-facts.md``):
  soldes — 4 weeks each since 2020 (loi PACTE, dates fixed by arrêté); customary rule: winter sales start on
  the 2nd Wednesday of January (the 1st when the 2nd falls after the 12th), summer sales on the last Wednesday
  of June (the second-to-last when the last falls after the 28th);
  fête des mères — last Sunday of May, first Sunday of June when that Sunday is Pentecost;
  fête des pères — 3rd Sunday of June (custom); Saint-Valentin 14 February;
  Black Friday — the day after the 4th Thursday of November; Cyber Monday — the Monday after;
  fête des grands-mères — 1st Sunday of March; fête des grands-pères — 1st Sunday of October (commercial
  customs, UNCONFIRMED by an official text); rentrée scolaire — around 1 September (the exact date is
  fixed each year by the ministry of education: UNCONFIRMED here);
- international days proclaimed by the United Nations (source: ONU, « Journées et semaines
  internationales », https://www.un.org/fr/observances/list-days-weeks);
- the sector dates of a company profile (``CompanyProfile.sector_dates``: ``{"date": "MM-DD" or
  "YYYY-MM-DD", "name": "…"}``).
"""

from __future__ import annotations

import datetime as dt
from functools import lru_cache

import holidays
import pandas as pd
from dateutil.easter import easter

from autograder.dates import parse_date

KINDS = ("férié", "commercial", "journée internationale", "secteur")
COLUMNS = ["date", "name", "kind", "major", "keywords", "source"]

SRC_HOLIDAYS = "Jours fériés : bibliothèque holidays (France)"
SRC_CUSTOM = "Usage commercial (shared/domain-facts.md)"
SRC_SOLDES = "Soldes : loi PACTE (4 semaines), règle d'usage des arrêtés (shared/domain-facts.md)"
SRC_UN = "ONU, Journées internationales (un.org/fr/observances/list-days-weeks)"

# (month, day, French name, keywords a related post would use) — source: SRC_UN
INTERNATIONAL_DAYS: tuple[tuple[int, int, str, tuple[str, ...]], ...] = (
    (3, 8, "Journée internationale des droits des femmes", ("femme", "femmes", "droits")),
    (3, 20, "Journée internationale du bonheur", ("bonheur", "heureux", "sourire")),
    (3, 21, "Journée internationale des forêts", ("forêt", "forêts", "arbre")),
    (3, 22, "Journée mondiale de l'eau", ("eau",)),
    (4, 7, "Journée mondiale de la santé", ("santé",)),
    (4, 22, "Journée internationale de la Terre nourricière", ("terre", "planète", "climat")),
    (6, 5, "Journée mondiale de l'environnement", ("environnement", "planète", "écologie")),
    (9, 29, "Journée internationale de sensibilisation aux pertes et gaspillages de nourriture",
     ("gaspillage", "anti-gaspi", "invendus")),
    (10, 1, "Journée internationale des personnes âgées", ("aînés", "âgées", "seniors")),
    (10, 16, "Journée mondiale de l'alimentation", ("alimentation", "manger", "nourriture")),
    (12, 3, "Journée internationale des personnes handicapées", ("handicap", "accessible", "inclusion")),
)


def _nth_weekday(year: int, month: int, weekday: int, n: int) -> dt.date:
    """The ``n``-th ``weekday`` (Monday = 0) of a month; ``n = -1`` for the last one."""
    if n > 0:
        first = dt.date(year, month, 1)
        return first + dt.timedelta(days=(weekday - first.weekday()) % 7 + 7 * (n - 1))
    nxt = dt.date(year + (month == 12), month % 12 + 1, 1)
    last = nxt - dt.timedelta(days=1)
    return last - dt.timedelta(days=(last.weekday() - weekday) % 7)


def winter_sales_start(year: int) -> dt.date:
    second = _nth_weekday(year, 1, 2, 2)
    return second if second.day <= 12 else _nth_weekday(year, 1, 2, 1)


def summer_sales_start(year: int) -> dt.date:
    last = _nth_weekday(year, 6, 2, -1)
    return last if last.day <= 28 else last - dt.timedelta(days=7)


def mothers_day(year: int) -> dt.date:
    last_sunday = _nth_weekday(year, 5, 6, -1)
    pentecost = easter(year) + dt.timedelta(days=49)
    return last_sunday + dt.timedelta(days=7) if last_sunday == pentecost else last_sunday


def black_friday(year: int) -> dt.date:
    return _nth_weekday(year, 11, 3, 4) + dt.timedelta(days=1)


def _row(date, name, kind, major, keywords, source):
    return (date, name, kind, major, tuple(keywords), source)


@lru_cache(maxsize=64)
def _year_dates(year: int, alsace_moselle: bool) -> tuple[tuple, ...]:
    rows = []
    fr = holidays.France(years=year, subdiv="57" if alsace_moselle else None, language="fr")
    for day, name in sorted(fr.items()):
        rows.append(_row(day, name, "férié", False, [w.lower() for w in name.split() if len(w) > 3], SRC_HOLIDAYS))
    ws, ss = winter_sales_start(year), summer_sales_start(year)
    four_weeks = dt.timedelta(days=27)
    paques = easter(year)
    custom = [
        (dt.date(year, 1, 1), "Nouvel An : vœux", True, ("vœux", "voeux", "nouvel an", "bonne année")),
        (ws, "Début des soldes d'hiver", True, ("soldes",)),
        (ws + four_weeks, "Fin des soldes d'hiver", False, ("soldes",)),
        (dt.date(year, 2, 2), "Chandeleur", False, ("crêpe", "crêpes", "chandeleur")),
        (dt.date(year, 2, 14), "Saint-Valentin", True, ("saint-valentin", "amour", "amoureux", "valentin")),
        (_nth_weekday(year, 3, 6, 1), "Fête des grands-mères", True, ("grands-mères", "mamie", "grand-mère")),
        (dt.date(year, 4, 1), "Poisson d'avril", False, ("poisson", "avril")),
        (paques, "Pâques", True, ("pâques", "chocolat", "œufs", "oeufs")),
        (mothers_day(year), "Fête des mères", True, ("mère", "mères", "maman")),
        (_nth_weekday(year, 6, 6, 3), "Fête des pères", True, ("père", "pères", "papa")),
        (dt.date(year, 6, 21), "Fête de la musique", False, ("musique",)),
        (ss, "Début des soldes d'été", True, ("soldes",)),
        (ss + four_weeks, "Fin des soldes d'été", False, ("soldes",)),
        (dt.date(year, 9, 1), "Rentrée scolaire (début septembre)", True, ("rentrée", "école", "goûter")),
        (_nth_weekday(year, 10, 6, 1), "Fête des grands-pères", False, ("grands-pères", "papi", "grand-père")),
        (dt.date(year, 10, 31), "Halloween", True, ("halloween", "citrouille", "frisson")),
        (black_friday(year), "Black Friday", True, ("black friday", "promo", "remise")),
        (black_friday(year) + dt.timedelta(days=3), "Cyber Monday", False, ("cyber monday", "en ligne", "promo")),
        (dt.date(year, 12, 24), "Réveillon de Noël", True, ("noël", "réveillon", "fêtes", "bûche")),
        (dt.date(year, 12, 31), "Réveillon du Nouvel An", True, ("réveillon", "nouvel an", "fêtes")),
    ]
    for day, name, major, kw in custom:
        rows.append(_row(day, name, "commercial", major, kw, SRC_SOLDES if "soldes" in name else SRC_CUSTOM))
    for month, d, name, kw in INTERNATIONAL_DAYS:
        rows.append(_row(dt.date(year, month, d), name, "journée internationale", False, kw, SRC_UN))
    return tuple(rows)


def _sector_rows(company, start: dt.date, end: dt.date) -> list[tuple]:
    rows = []
    for item in getattr(company, "sector_dates", None) or []:
        try:
            raw, name = str(item["date"]).strip(), str(item["name"]).strip()
        except (KeyError, TypeError):
            raise ValueError("Date du secteur invalide : attendu {\"date\": \"MM-JJ\", \"name\": \"…\"}.") from None
        # a related post names the date (or one part of « Épiphanie : galettes des rois »)
        words = tuple(part.strip().lower() for part in name.split(":") if len(part.strip()) > 3)
        if len(raw) == 10:
            days = [parse_date(raw, f"Date du secteur « {name} »")]
        else:
            try:
                month, day = (int(x) for x in raw.split("-"))
                dt.date(2000, month, day)  # a leap year: 02-29 is a real date
            except ValueError:
                raise ValueError(f"Date du secteur « {name} » : attendu MM-JJ ou AAAA-MM-JJ (reçu {raw!r}).") from None
            days = []
            for y in range(start.year, end.year + 1):
                try:
                    days.append(dt.date(y, month, day))
                except ValueError:  # 29 February of a common year
                    continue
        rows += [_row(d, name, "secteur", True, words, "Profil de l'entreprise") for d in days]
    return rows


def key_dates(start, end, *, company=None, alsace_moselle: bool = False,
              kinds: tuple[str, ...] | None = None) -> pd.DataFrame:
    """Every key date between ``start`` and ``end`` (inclusive), sorted.

    Columns: ``date`` (``datetime.date``), ``name`` (French), ``kind`` (one of ``KINDS``), ``major`` (a date a
    B2C plan is expected to use), ``keywords`` (words a related post would contain), ``source``.
    ``company``: a ``CompanyProfile`` whose ``sector_dates`` are added (kind ``"secteur"``).
    """
    start, end = parse_date(start, "Début de la période"), parse_date(end, "Fin de la période")
    if end < start:
        raise ValueError(f"La fin de la période ({end:%d/%m/%Y}) précède son début ({start:%d/%m/%Y}).")
    if (end - start).days > 366 * 5:
        raise ValueError("Période trop longue : cinq ans au plus.")
    rows = [r for y in range(start.year, end.year + 1) for r in _year_dates(y, bool(alsace_moselle))]
    if company is not None:
        rows += _sector_rows(company, start, end)
    rows = [r for r in rows if start <= r[0] <= end]
    if kinds is not None:
        unknown = [k for k in kinds if k not in KINDS]
        if unknown:
            raise ValueError(f"Type de date inconnu : {unknown} ; types possibles : {', '.join(KINDS)}.")
        rows = [r for r in rows if r[2] in kinds]
    rows.sort(key=lambda r: (r[0], KINDS.index(r[2]), r[1]))
    frame = pd.DataFrame(rows, columns=COLUMNS)
    if frame.empty:
        frame = pd.DataFrame({c: pd.Series(dtype=object) for c in COLUMNS})
    return frame


DATES_HEADER = ["Date", "Date clé", "Type", "Majeure pour l'entreprise"]


def dates_rows(frame: pd.DataFrame) -> tuple[list[str], list[list]]:
    """Key dates (:func:`key_dates`, :func:`major_dates`) as a French table for learners: (header, rows)."""
    return list(DATES_HEADER), [[f"{r.date:%d/%m/%Y}", r.name, r.kind, "oui" if r.major else "non"]
                                for r in frame.itertuples(index=False)]


def major_dates(start, end, *, company=None) -> pd.DataFrame:
    """The dates a plan is expected to use: major commercial dates (B2C markets) and the company's sector dates."""
    frame = key_dates(start, end, company=company)
    b2c = getattr(company, "market", "B2C") != "B2B"
    keep = frame["major"] & ((frame["kind"] == "secteur") | ((frame["kind"] == "commercial") & b2c))
    return frame[keep].reset_index(drop=True)
