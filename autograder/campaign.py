"""Sponsored campaigns on Meta: objectives, audience, budget, forecast and the analysis of results.

Pure domain code (no widgets, no printing). Figures come with their public source:

- [META-ODAX] Meta Ads Manager, « Choisir un objectif » (simplified objectives, 2022): six objectives,
  Awareness, Traffic, Engagement, Leads, App promotion, Sales (API ``OUTCOME_*``); French labels
  Notoriété, Trafic, Interactions, Prospects, Promotion de l'application (exact label UNCONFIRMED), Ventes.
- [META-BUDGET] Meta Business Help Centre, « À propos des dépenses de budget quotidien »: on a given day
  Meta may spend up to 75 % more than the daily budget, but never more than 7 × the daily budget over a
  calendar week, and Meta's week runs from Sunday to Saturday; a lifetime budget needs an end date
  (Meta's help as quoted by https://leadenforce.com/blog/meta-ads-budgets-explained-daily-vs-lifetime-and-cbo-vs-abo
  and https://support.zenvia.com/kb/en/article/495315/presupuesto-diario-como-funciona-y-que-hacer-con-las-variaciones).
- [META-MIN] Minimum daily budgets (Meta's help as copied by
  https://support.smartly.io/hc/en-us/articles/360009240073-Facebook-s-limits-for-budgets-and-bids): about 1 USD
  (or its equivalent in the account's currency) a day when charged on impressions, 5 a day when charged on
  clicks or interactions, 40 a day for low-frequency events (purchases…); a lifetime budget needs at least
  the daily minimum × the number of days.
- [META-ADV] Advantage+ audience (Ads Manager's default): age above the minimum, gender and detailed targeting
  are suggestions, not filters; location, minimum age, languages and exclusions stay hard controls
  (https://adsuploader.com/blog/meta-audience-targeting). Ad *formats* (single image or video, carousel,
  collection) are not *placements* (feeds, Stories, Reels: Advantage+ placements)
  (https://quizwizapp.com/fr/study/meta-digital-marketing-associate-study-guide).
- [META-ADS] metric definitions (CPM, CPC, CTR, frequency, cost per result, ROAS), computed by
  :mod:`autograder.metrics`.
- [BENCH-FR] Indicative French benchmarks gathered in November 2026: CPM 5–7 € (12–15 € in competitive
  sectors); CPC by sector (agency observations): e-commerce 0,25–0,60 €, immobilier 0,40–1,20 €,
  assurance 0,60–1,80 €, B2B/SaaS 0,80–2,00 €, local/restauration 0,15–0,40 €. CTR is derived from
  both (CTR = CPM / (10 × CPC), in %), which gives 1.5–2.5 % for the middle of most ranges, in line with
  [WORDSTREAM-2025] (traffic CTR about 1.5–1.7 %, leads CTR about 2.5 %).
- [HYP] Conversion rates, frequency and average basket: course hypotheses (no public source found),
  shown as such to learners; they can be replaced by the company's own figures.
- [INSEE-2021] INSEE, populations légales 2021 (rounded) and age pyramid of France (shares rounded);
  [DIGITAL-2025] Digital Report France 2025 / 2024 ranking: Facebook reaches about 72 % of French
  internet users aged 16–64, Instagram about 60 % (https://datareportal.com/reports/digital-2025-france);
  [DIPLOMEO-2025] 16–25-year-olds: Instagram 76 %, Snapchat 63 %, TikTok 60 %
  (https://diplomeo.com/actualite-sondage_reseaux_sociaux_jeunes_2025).
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import math
import re
from dataclasses import dataclass, field
from pathlib import Path

import pandas as pd

from autograder import metrics
from autograder.dates import parse_date
from autograder.networks import get_network
from autograder.numbers import fr_euros, fr_number, fr_value
from autograder.text import UnknownName
from autograder.textfiles import binary_kind, decode_text, file_bytes


def _positive(value, name: str) -> float:
    """``value`` as a finite float > 0, or a French ``ValueError`` naming the quantity."""
    number = _non_negative(value, name)
    if number <= 0:
        raise ValueError(f"« {name} » doit être strictement positif (reçu « {value} »).")
    return number


def _non_negative(value, name: str) -> float:
    if isinstance(value, bool) or not isinstance(value, int | float) or not math.isfinite(value):
        raise ValueError(f"« {name} » : un nombre était attendu (reçu « {value} »).")
    if value < 0:
        raise ValueError(f"« {name} » ne peut pas être négatif (reçu « {value} »).")
    return float(value)


# ---------------------------------------------------------------------------------------------------------
# Objectives [META-ODAX]
# ---------------------------------------------------------------------------------------------------------

#: What the course's campaign builder offers, with the placements (network, placement id of
#: :mod:`autograder.networks`) where each is shown [META-ADV]. In Ads Manager the *format* is single image,
#: single video, carousel or collection; « story » and « reel » are vertical 9:16 creatives made for the Stories
#: and Reels *placements* (the labels say so, the ids stay for the saved campaigns).
FORMATS: dict[str, dict] = {
    "image": {"label": "Image unique", "placements": [("facebook", "feed_portrait"), ("instagram", "feed_portrait"),
                                                       ("facebook", "feed_carre"), ("instagram", "feed_carre")]},
    "vidéo": {"label": "Vidéo", "placements": [("facebook", "feed_portrait"), ("instagram", "feed_portrait")]},
    "carrousel": {"label": "Carrousel (2 à 10 cartes)", "placements": [("facebook", "feed_carre"),
                                                                        ("instagram", "feed_carre")]},
    "story": {"label": "Image ou vidéo 9:16 (emplacement Stories)",
              "placements": [("facebook", "story"), ("instagram", "story")]},
    "reel": {"label": "Vidéo 9:16 (emplacement Reels)", "placements": [("facebook", "reel"), ("instagram", "reel")]},
    "collection": {"label": "Collection (expérience instantanée)", "placements": [("facebook", "feed_portrait"),
                                                                                  ("instagram", "feed_portrait")]},
}


@dataclass(frozen=True)
class Objective:
    id: str
    label: str  # French label in Ads Manager
    api: str  # OUTCOME_* of the Marketing API
    purpose: str  # what it is for, in French
    optimisation: tuple[str, ...]  # optimisation goals (French labels)
    result: str  # the « Résultats » column's metric
    formats: tuple[str, ...]  # formats that fit
    calls_to_action: tuple[str, ...]  # French buttons that fit


OBJECTIVES: dict[str, Objective] = {
    o.id: o
    for o in (
        Objective("notoriete", "Notoriété", "OUTCOME_AWARENESS",
                  "faire connaître l'entreprise au plus grand nombre de personnes de la cible",
                  ("Couverture", "Impressions", "Hausse de mémorisation publicitaire"), "Couverture",
                  ("vidéo", "reel", "story", "image"), ("En savoir plus",)),
        Objective("trafic", "Trafic", "OUTCOME_TRAFFIC",
                  "envoyer des personnes vers un site, une page ou une conversation",
                  ("Clics sur un lien", "Vues de page de destination"), "Clics sur un lien",
                  ("image", "carrousel", "vidéo", "story", "collection"), ("En savoir plus", "Réserver", "Commander")),
        Objective("interactions", "Interactions", "OUTCOME_ENGAGEMENT",
                  "obtenir des réactions, commentaires, partages, messages ou réponses à un événement",
                  ("Interactions avec la publication", "Conversations", "Réponses à l'événement"),
                  "Interactions avec la publication", ("image", "vidéo", "reel", "carrousel", "story"),
                  ("Envoyer un message", "Participer")),
        Objective("prospects", "Prospects", "OUTCOME_LEADS",
                  "recueillir des coordonnées de clients potentiels (formulaire, messages, appels)",
                  ("Prospects", "Conversations"), "Prospects", ("image", "carrousel", "vidéo"),
                  ("S'inscrire", "Obtenir un devis", "Envoyer un message")),
        Objective("application", "Promotion de l'application", "OUTCOME_APP_PROMOTION",
                  "faire installer ou utiliser une application mobile",
                  ("Installations de l'application", "Événements dans l'application"), "Installations",
                  ("vidéo", "reel", "image", "carrousel"), ("Installer", "Utiliser l'application")),
        Objective("ventes", "Ventes", "OUTCOME_SALES",
                  "obtenir des achats ou des commandes en ligne (pixel ou API de conversion)",
                  ("Conversions (achats)", "Valeur des conversions"), "Achats",
                  ("carrousel", "collection", "image", "vidéo"), ("Acheter", "Commander", "Réserver")),
    )
}

_OBJECTIVE_ALIASES = {"awareness": "notoriete", "notoriété": "notoriete", "traffic": "trafic",
                      "engagement": "interactions", "leads": "prospects", "app": "application",
                      "promotion de l'application": "application", "sales": "ventes"}


def get_objective(objective: str) -> Objective:
    """The objective from its id, French label or English name, or a French ``KeyError`` listing them."""
    key = str(objective).strip().lower()
    key = _OBJECTIVE_ALIASES.get(key, key)
    for o in OBJECTIVES.values():
        if key in (o.id, o.label.lower(), o.api.lower()):
            return o
    labels = ", ".join(f"« {o.label} »" for o in OBJECTIVES.values())
    raise UnknownName(f"Objectif inconnu : « {objective} ». Les six objectifs de Meta sont : {labels}.")


def _placement_name(network: str, placement: str) -> str:
    """« Instagram – Story » for a (network, placement id) pair; the ids as written when unknown."""
    try:
        net = get_network(network)
        return f"{net.name} – {net.placement(placement).name}"
    except (KeyError, ValueError):
        return f"{network} – {placement}"


def format_fits_objective(format_id: str, objective: str) -> bool:
    if format_id not in FORMATS:
        raise UnknownName(f"Format inconnu : « {format_id} ». Formats possibles : {', '.join(FORMATS)}.")
    return format_id in get_objective(objective).formats


def formats_for_age(age_min: int, age_max: int) -> tuple[str, ...]:
    """Formats that suit a target's age range: vertical video first for under-35s (16–25-year-olds use Instagram
    76 %, Snapchat 63 %, TikTok 60 % [DIPLOMEO-2025]), feed formats for older targets (course rule of thumb)."""
    if age_max <= 34:
        return ("reel", "story", "vidéo", "carrousel")
    if age_min >= 45:
        return ("image", "vidéo", "carrousel", "collection")
    return ("image", "vidéo", "carrousel", "reel", "story", "collection")


# ---------------------------------------------------------------------------------------------------------
# Audience [INSEE-2021] [DIGITAL-2025]
# ---------------------------------------------------------------------------------------------------------

#: Population by location (INSEE, populations légales 2021, rounded to the thousand).
LOCATIONS: dict[str, int] = {
    "Lyon": 522_000, "Villeurbanne": 157_000, "Caluire-et-Cuire": 43_000, "Vénissieux": 67_000,
    "Bron": 42_000, "Vaulx-en-Velin": 53_000, "Métropole de Lyon": 1_420_000, "Paris": 2_133_000,
    "Marseille": 873_000, "Toulouse": 504_000, "Bordeaux": 261_000, "Lille": 236_000, "Nantes": 320_000,
    "France": 68_000_000,
}

#: Share of the population by Meta age bucket (INSEE age pyramid, rounded).
AGE_SHARES: dict[tuple[int, int], float] = {
    (13, 17): 0.062, (18, 24): 0.083, (25, 34): 0.115, (35, 44): 0.124, (45, 54): 0.128, (55, 64): 0.126,
    (65, 100): 0.215,
}

#: Share of the population that uses Facebook or Instagram [DIGITAL-2025]: 72 % of internet users.
META_USER_SHARE = 0.72

#: Interests and the share of users Meta would match for each [HYP: course hypotheses].
INTERESTS: dict[str, float] = {
    "pâtisserie": 0.12, "boulangerie": 0.10, "cuisine": 0.30, "gastronomie": 0.18, "famille": 0.35,
    "parents": 0.25, "enfants": 0.22, "alimentation bio": 0.10, "restaurants": 0.28, "commerce local": 0.08,
    "mariage": 0.05, "fête": 0.15, "sport": 0.30, "voyage": 0.35, "mode": 0.30, "technologie": 0.25,
    "immobilier": 0.08, "entrepreneuriat": 0.07,
}

GENDER_SHARE = {"toutes": 1.0, "femmes": 0.52, "hommes": 0.48}

#: Audience-size guide for a local business (course rule of thumb, [HYP]): below this Meta's delivery is
#: slow and costly; above, the budget is spread too thin for a small company.
AUDIENCE_TOO_SMALL = 5_000
AUDIENCE_TOO_BROAD = 2_000_000


@dataclass
class Audience:
    age_min: int = 18
    age_max: int = 65
    genders: str = "toutes"
    locations: list[str] = field(default_factory=list)
    interests: list[str] = field(default_factory=list)

    def __post_init__(self) -> None:
        problems = []
        try:
            self.age_min, self.age_max = int(self.age_min), int(self.age_max)
        except (TypeError, ValueError):
            raise ValueError("Audience : les âges doivent être des nombres entiers (par exemple 25 et 54).") from None
        if not (13 <= self.age_min <= self.age_max <= 65):
            problems.append(f"les âges vont de 13 à 65 (65 = « 65 ans et plus »), du plus jeune au plus âgé "
                            f"(reçu {self.age_min}–{self.age_max})")
        if self.genders not in GENDER_SHARE:
            problems.append(f"le genre doit être « toutes », « femmes » ou « hommes » (reçu « {self.genders} »)")
        if not self.locations:
            problems.append("choisissez au moins un lieu (une ville, la métropole ou « France »)")
        unknown = [loc for loc in self.locations if loc not in LOCATIONS]
        if unknown:
            problems.append(f"lieu(x) inconnu(s) : {', '.join(unknown)} ; lieux possibles : {', '.join(LOCATIONS)}")
        unknown = [i for i in self.interests if i not in INTERESTS]
        if unknown:
            problems.append(f"centre(s) d'intérêt inconnu(s) : {', '.join(unknown)} ; possibles : {', '.join(INTERESTS)}")
        if problems:
            raise ValueError("Audience invalide : " + " ; ".join(problems) + ".")

    @classmethod
    def from_dict(cls, data: dict) -> Audience:
        if not isinstance(data, dict):
            raise ValueError("Audience invalide : il faut un âge minimum, un âge maximum et au moins un lieu "
                             "(par exemple 25 à 54 ans, à Lyon).")
        known = {"age_min", "age_max", "genders", "locations", "interests"}
        extra = set(data) - known
        if extra:
            raise ValueError(f"Audience invalide : champ(s) inconnu(s) : {', '.join(sorted(extra))} ; champs possibles : "
                             f"{', '.join(sorted(known))}.")
        return cls(**{k: (list(v) if k in ("locations", "interests") else v) for k, v in data.items()})

    def to_dict(self) -> dict:
        return {"age_min": self.age_min, "age_max": self.age_max, "genders": self.genders,
                "locations": list(self.locations), "interests": list(self.interests)}


def _age_share(age_min: int, age_max: int) -> float:
    total = 0.0
    for (lo, hi), share in AGE_SHARES.items():
        top = 100 if age_max >= 65 else age_max
        overlap = min(hi, top) - max(lo, age_min) + 1
        if overlap > 0:
            total += share * overlap / (hi - lo + 1)
    return total


def audience_size(audience: Audience | dict) -> tuple[int, int]:
    """Estimated audience size as a (low, high) range, like Meta's « Taille estimée de l'audience ».

    population of the locations × share of the age range × gender share × Meta users (72 %) × interests
    (broad interests combine with OR: the union, capped at 1); the range is ±15 %, as Meta shows a range.
    """
    aud = audience if isinstance(audience, Audience) else Audience.from_dict(audience)
    locations = set(aud.locations)
    if "France" in locations:
        population = LOCATIONS["France"]
    else:
        if "Métropole de Lyon" in locations:
            locations -= {"Lyon", "Villeurbanne", "Caluire-et-Cuire", "Vénissieux", "Bron", "Vaulx-en-Velin"}
        population = sum(LOCATIONS[loc] for loc in locations)
    interest_share = 1.0
    if aud.interests:
        interest_share = 1 - math.prod(1 - INTERESTS[i] for i in aud.interests)
    size = (population * _age_share(aud.age_min, aud.age_max) * GENDER_SHARE[aud.genders] * META_USER_SHARE
            * interest_share)
    digits = -2 if size >= 1000 else -1
    return int(round(size * 0.85, digits)), int(round(size * 1.15, digits))


def audience_warnings(audience: Audience | dict) -> list[str]:
    low, high = audience_size(audience)
    if high < AUDIENCE_TOO_SMALL:
        return [f"Audience trop restreinte ({fr_number(low, 0)} – {fr_number(high, 0)} personnes) : élargissez les "
                f"lieux, les âges ou les centres d'intérêt (au moins {fr_number(AUDIENCE_TOO_SMALL, 0)} personnes "
                "conseillées)."]
    if low > AUDIENCE_TOO_BROAD:
        return [f"Audience trop large ({fr_number(low, 0)} – {fr_number(high, 0)} personnes) pour une entreprise "
                "locale : précisez le lieu ou les centres d'intérêt."]
    return []


# ---------------------------------------------------------------------------------------------------------
# Budget [META-BUDGET]
# ---------------------------------------------------------------------------------------------------------

#: Meta may spend up to 75 % more than the daily budget on one day [META-BUDGET]...
DAILY_OVERSPEND = 0.75
#: ... but never more than 7 × the daily budget over a calendar week, which at Meta runs from Sunday to Saturday.
WEEKLY_CAP_DAYS = 7
#: Minimum daily budget by what the advertiser is charged for [META-MIN], in the account's currency (USD amounts,
#: « or the equivalent »: the course reads them in euros, rounded up).
MIN_DAILY_BUDGET = {"impressions": 1.0, "clics": 5.0, "evenements_rares": 40.0}
MIN_DAILY_BUDGET_LABELS = {"impressions": "facturé aux impressions (Notoriété)",
                           "clics": "facturé aux clics ou aux interactions",
                           "evenements_rares": "optimisé pour des événements rares (achats, prospects)"}


def minimum_budget(charged_on: str, days: int = 1) -> float:
    """The least Meta accepts for ``days`` days [META-MIN]: daily minimum × days (a lifetime budget too)."""
    if charged_on not in MIN_DAILY_BUDGET:
        raise UnknownName(f"Mode de facturation inconnu : « {charged_on} ». Possibles : "
                       + ", ".join(f"« {k} »" for k in MIN_DAILY_BUDGET) + ".")
    if isinstance(days, bool) or not isinstance(days, int) or days < 1:
        raise ValueError(f"« jours » : un nombre entier de jours, au moins 1, était attendu (reçu « {days} »).")
    return MIN_DAILY_BUDGET[charged_on] * days


@dataclass
class Budget:
    kind: str  # "quotidien" or "global"
    amount: float  # euros per day (quotidien) or for the whole campaign (global)
    start: dt.date
    end: dt.date

    def __post_init__(self) -> None:
        if self.kind not in ("quotidien", "global"):
            raise ValueError(f"Budget : le type doit être « quotidien » ou « global » (reçu « {self.kind} »).")
        if isinstance(self.amount, bool) or not isinstance(self.amount, int | float) or not math.isfinite(self.amount):
            raise ValueError(f"Budget : un montant en euros était attendu, par exemple 10 (reçu « {self.amount} »).")
        if self.amount <= 0:
            raise ValueError(f"Budget : le montant doit être strictement positif, en euros (reçu « {self.amount} »).")
        self.start = parse_date(self.start, "Date de début")
        self.end = parse_date(self.end, "Date de fin")
        if self.end < self.start:
            raise ValueError(f"Budget : la date de fin ({self.end:%d/%m/%Y}) doit être le même jour que la date de "
                             f"début ({self.start:%d/%m/%Y}) ou après.")

    @classmethod
    def from_dict(cls, data: dict) -> Budget:
        if not isinstance(data, dict):
            raise ValueError("Budget invalide : il faut un type (quotidien ou global), un montant en euros, une date "
                             "de début et une date de fin (par exemple 10 € par jour du 01/12/2026 au 14/12/2026).")
        missing = [k for k in ("kind", "amount", "start", "end") if k not in data]
        if missing:
            raise ValueError(f"Budget incomplet : il manque {', '.join(missing)}.")
        return cls(data["kind"], data["amount"], data["start"], data["end"])

    def to_dict(self) -> dict:
        return {"kind": self.kind, "amount": self.amount, "start": self.start.isoformat(), "end": self.end.isoformat()}

    @property
    def days(self) -> int:
        return (self.end - self.start).days + 1

    @property
    def total(self) -> float:
        """What the campaign is planned to spend in all (Meta stays at or under it over the period)."""
        return self.amount * self.days if self.kind == "quotidien" else float(self.amount)

    @property
    def daily_average(self) -> float:
        return self.total / self.days


def max_spend_on_one_day(daily_budget: float) -> float:
    """The most Meta may spend on one day with this daily budget: + 75 % [META-BUDGET]."""
    return _positive(daily_budget, "budget quotidien") * (1 + DAILY_OVERSPEND)


def max_spend_in_week(daily_budget: float) -> float:
    """The most Meta may spend over a calendar week with this daily budget: 7 × [META-BUDGET]."""
    return _positive(daily_budget, "budget quotidien") * WEEKLY_CAP_DAYS


# ---------------------------------------------------------------------------------------------------------
# Forecast [BENCH-FR] [WORDSTREAM-2025] [HYP]
# ---------------------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class SectorBenchmark:
    label: str
    cpm: tuple[float, float]  # € per 1,000 impressions (favourable, unfavourable)
    cpc: tuple[float, float]  # € per link click (favourable, unfavourable)
    conversion_rate: tuple[float, float]  # % of link clicks that buy (unfavourable, favourable) [HYP]
    basket: float  # average order value in € [HYP]
    source: str


SECTORS: dict[str, SectorBenchmark] = {
    "local": SectorBenchmark("Commerce local, restauration", (5.0, 7.0), (0.15, 0.40), (1.5, 4.0), 25.0,
                             "CPM France 5–7 €, CPC local/restauration 0,15–0,40 € [BENCH-FR]"),
    "ecommerce": SectorBenchmark("E-commerce", (5.0, 7.0), (0.25, 0.60), (1.0, 3.0), 60.0,
                                 "CPM France 5–7 €, CPC e-commerce 0,25–0,60 € [BENCH-FR]"),
    "immobilier": SectorBenchmark("Immobilier", (12.0, 15.0), (0.40, 1.20), (0.5, 2.0), 0.0,
                                  "CPM secteur concurrentiel 12–15 €, CPC immobilier 0,40–1,20 € [BENCH-FR]"),
    "assurance": SectorBenchmark("Assurance", (12.0, 15.0), (0.60, 1.80), (0.5, 2.0), 0.0,
                                 "CPM secteur concurrentiel 12–15 €, CPC assurance 0,60–1,80 € [BENCH-FR]"),
    "b2b": SectorBenchmark("B2B, SaaS", (12.0, 15.0), (0.80, 2.00), (0.5, 2.5), 0.0,
                           "CPM secteur concurrentiel 12–15 €, CPC B2B/SaaS 0,80–2,00 € [BENCH-FR]"),
}

#: Average frequency (impressions per person) over a campaign [HYP]: low for a short awareness campaign.
FREQUENCY = (2.2, 1.8, 1.4)  # low / expected / high scenario (the high scenario reaches more people)
SCENARIOS = ("bas", "attendu", "haut")


def sector_for(company_sector: str) -> str:
    """The benchmark sector of a company's sector label (« Boulangerie-pâtisserie » → local)."""
    text = str(company_sector).lower()
    for key, words in (("immobilier", ("immobili",)), ("assurance", ("assuran", "mutuelle")),
                       ("b2b", ("b2b", "saas", "logiciel", "conseil")),
                       ("ecommerce", ("e-commerce", "ecommerce", "boutique en ligne", "vente en ligne"))):
        if any(w in text for w in words):
            return key
    return "local"


def get_sector(sector: str) -> SectorBenchmark:
    try:
        return SECTORS[sector]
    except KeyError:
        raise UnknownName(f"Secteur inconnu : « {sector} ». Secteurs possibles : {', '.join(SECTORS)}.") from None


def scenario_rates(sector: str) -> dict[str, dict[str, float]]:
    """CPM, CPC, CTR (%), conversion rate (%) and frequency for the low / expected / high scenarios."""
    bench = get_sector(sector)
    cpm_good, cpm_bad = bench.cpm
    cpc_good, cpc_bad = bench.cpc
    cvr_bad, cvr_good = bench.conversion_rate
    rows = {}
    for name, cpm_v, cpc_v, cvr, freq in (
        ("bas", cpm_bad, cpc_bad, cvr_bad, FREQUENCY[0]),
        ("attendu", (cpm_good + cpm_bad) / 2, (cpc_good + cpc_bad) / 2, (cvr_good + cvr_bad) / 2, FREQUENCY[1]),
        ("haut", cpm_good, cpc_good, cvr_good, FREQUENCY[2]),
    ):
        rows[name] = {"cpm": cpm_v, "cpc": cpc_v, "ctr": cpm_v / (10 * cpc_v), "conversion_rate": cvr,
                      "frequency": freq}
    return rows


FORECAST_COLUMNS = ("impressions", "reach", "frequency", "clicks", "cpc", "ctr", "cpm", "conversions", "cpa",
                    "revenue", "roas")
FORECAST_LABELS = {
    "impressions": "Impressions", "reach": "Couverture (personnes)", "frequency": "Répétition",
    "clicks": "Clics sur un lien", "cpc": "CPC (€)", "ctr": "CTR (%)", "cpm": "CPM (€)",
    "conversions": "Achats", "cpa": "Coût par achat (€)", "revenue": "Chiffre d'affaires (€)", "roas": "ROAS",
}


def forecast(budget: float, sector: str = "local", *, basket: float | None = None,
             audience_max: int | None = None) -> pd.DataFrame:
    """Forecast of a campaign spending ``budget`` euros in ``sector``: one row per scenario (bas, attendu, haut).

    impressions = budget / CPM × 1000; clicks = budget / CPC; CTR = clicks / impressions; reach =
    impressions / frequency (capped at the audience size when given: then the frequency rises);
    conversions = clicks × conversion rate; CPA = budget / conversions; revenue = conversions × basket;
    ROAS = revenue / budget.
    """
    budget = _positive(budget, "budget (€)")
    bench = get_sector(sector)
    basket = bench.basket if basket is None else _non_negative(basket, "panier moyen (€)")
    rows = []
    for name, r in scenario_rates(sector).items():
        impressions = budget / r["cpm"] * 1000
        clicks = budget / r["cpc"]
        reach = impressions / r["frequency"]
        if audience_max:
            reach = min(reach, float(audience_max))
        conversions = clicks * r["conversion_rate"] / 100
        revenue = conversions * basket
        rows.append({
            "scénario": name, "impressions": impressions, "reach": reach,
            "frequency": metrics.frequency(impressions, reach), "clicks": clicks,
            "cpc": metrics.cpc(budget, clicks), "ctr": metrics.ctr(clicks, impressions),
            "cpm": metrics.cpm(budget, impressions), "conversions": conversions,
            "cpa": metrics.cpa(budget, conversions) if conversions > 0 else math.inf,
            "revenue": revenue, "roas": metrics.roas(revenue, budget),
        })
    return pd.DataFrame(rows).set_index("scénario")


#: What a goal counts, and which forecast column measures it.
GOAL_METRICS = {"clics": "clicks", "achats": "conversions", "couverture": "reach", "impressions": "impressions"}


def budget_for_target(target: float, metric: str = "clics", sector: str = "local",
                      scenario: str = "attendu") -> float:
    """Budget (€) needed to reach ``target`` (300 link clicks, 20 purchases, 10,000 people reached…).

    Every forecast quantity is proportional to the budget, so budget = target / (quantity per euro).
    """
    target = _positive(target, "objectif chiffré")
    if metric not in GOAL_METRICS:
        raise UnknownName(f"Objectif chiffré inconnu : « {metric} ». Possibles : {', '.join(GOAL_METRICS)}.")
    if scenario not in SCENARIOS:
        raise UnknownName(f"Scénario inconnu : « {scenario} ». Possibles : {', '.join(SCENARIOS)}.")
    per_euro = forecast(1.0, sector).loc[scenario, GOAL_METRICS[metric]]
    if per_euro <= 0:
        raise ValueError(f"Ce secteur ne permet pas de prévoir des {metric} (aucune conversion attendue).")
    return target / per_euro


def euros(value: float) -> str:
    """« 1 234,50 € » (French number format)."""
    return fr_number(value, 2) + " €"


def budget_warnings(budget: Budget, goal_metric: str, goal_target: float, sector: str) -> list[str]:
    """French warnings when the budget cannot reach the stated goal, or is far more than it needs."""
    needed = budget_for_target(goal_target, goal_metric, sector, "attendu")
    needed_low = budget_for_target(goal_target, goal_metric, sector, "bas")
    warnings = []
    if budget.total < needed:
        warnings.append(f"Budget insuffisant : {euros(budget.total)} ne permettent pas d'atteindre {fr_value(goal_target)} "
                        f"{goal_metric} dans le scénario attendu (il faut environ {euros(needed)}).")
    elif budget.total > 2 * needed_low:
        warnings.append(f"Budget surdimensionné : {euros(budget.total)} pour {fr_value(goal_target)} {goal_metric}, alors "
                        f"que même le scénario bas n'en demande que {euros(needed_low)}.")
    return warnings


# ---------------------------------------------------------------------------------------------------------
# Results of a finished campaign (Ads Manager export) [META-ADS]
# ---------------------------------------------------------------------------------------------------------

#: Columns of an Ads Manager export (French interface) the analysis needs.
ADS_COLUMNS = {
    "name": "Nom de la publicité", "spend": "Montant dépensé (EUR)", "impressions": "Impressions",
    "reach": "Couverture", "clicks_all": "Clics (tous)", "link_clicks": "Clics sur un lien",
    "results": "Résultats", "result_indicator": "Indicateur de résultats",
}
#: Field -> the headers Ads Manager writes for it (English and French interface), compared after
#: :func:`_header_key`. The spend column carries the account's currency (:data:`_SPEND`).
ADS_HEADERS = {
    "ad": ("Ad name", "Nom de la publicité"),
    "adset": ("Ad set name", "Nom de l’ensemble de publicités"),
    "campaign": ("Campaign name", "Nom de la campagne"),
    "impressions": ("Impressions",),
    "reach": ("Reach", "Couverture"),
    "clicks_all": ("Clicks (all)", "Clics (tous)"),
    "link_clicks": ("Link clicks", "Clics sur un lien"),
    "results": ("Results", "Résultats"),
    "result_indicator": ("Result indicator", "Indicateur de résultats", "Result type", "Type de résultat"),
}
_NAME_FIELDS = ("ad", "adset", "campaign")  # the most precise level first
_REQUIRED = ("impressions", "reach", "link_clicks", "results")
_SPEND = re.compile(r"^(?:amount spent|montant dépensé)(?: \(([a-z]{3})\))?$")
#: Meta's result indicators (``Result indicator``, without its ``actions:`` prefix) -> French label.
RESULT_INDICATORS = {
    "link_click": "Clics sur un lien", "reach": "Couverture", "impressions": "Impressions",
    "post_engagement": "Interactions avec la publication", "page_engagement": "Interactions avec la Page",
    "like": "J’aime la Page", "landing_page_view": "Vues de la page de destination",
    "video_thruplay_watched_actions": "ThruPlays", "thruplay": "ThruPlays", "video_view": "Lectures de vidéo",
    "onsite_conversion.messaging_conversation_started_7d": "Conversations par message commencées",
    "offsite_conversion.fb_pixel_purchase": "Achats sur le site web", "omni_purchase": "Achats",
    "offsite_conversion.fb_pixel_lead": "Prospects sur le site web", "lead": "Prospects",
    "onsite_conversion.lead_grouped": "Prospects (formulaires Meta)", "profile_visit_view": "Visites du profil",
}
NO_INDICATOR = "(indicateur non précisé)"


def _header_key(name) -> str:
    """A header compared without case, apostrophe style, non-breaking or repeated spaces."""
    text = str(name).replace("\u2019", "'").replace("\u00a0", " ").replace("\u202f", " ").lower()
    return " ".join(text.split())


def currency_label(currency: str | None) -> str:
    """How an amount's currency is written: « € » for euros, the ISO code otherwise (« PHP »)."""
    return "€" if currency in (None, "", "EUR") else currency


def amount(value: float, currency: str | None = "EUR") -> str:
    """« 1 234,50 € », « 1 234,50 PHP »: an amount in the export's currency (French number format)."""
    return fr_euros(value, 2, currency_label(currency))


def indicator_label(raw) -> str:
    """Meta's result indicator in French (« actions:link_click » → « Clics sur un lien »); unknown ones as written."""
    text = "" if _blank(raw) else str(raw).strip()
    if not text:
        return NO_INDICATOR
    key = text.lower().removeprefix("actions:")
    known = {_header_key(v): v for v in RESULT_INDICATORS.values()}
    return RESULT_INDICATORS.get(key) or known.get(_header_key(text)) or text


def _blank(value) -> bool:
    return value is None or (isinstance(value, float) and math.isnan(value)) or str(value).strip() == ""


def read_ads_export(source) -> pd.DataFrame:
    """An Ads Manager export as a table of text cells, headers as Meta wrote them.

    ``source``: a path, the file's bytes, or CSV text. CSV in UTF-8 (with or without BOM), UTF-16 or
    Windows-1252, separated by commas, semicolons or tabs, with or without a ``sep=`` first line; XLSX
    (Ads Manager's « Exporter le tableau » as Excel) read with openpyxl. Short rows are padded, every empty
    cell is ``""``. Other spreadsheets (XLS, Excel XML, HTML) get a French « exportez au format CSV ».
    """
    if isinstance(source, str) and "\n" in source:
        source = source.encode("utf-8")
    elif not isinstance(source, str | Path | bytes):
        raise ValueError(f"Un chemin de fichier, les octets d'un fichier ou un texte CSV était attendu, pas "
                         f"{type(source).__name__}.")
    raw, name = file_bytes(source, "Export du Gestionnaire de publicités introuvable")
    name = name or "L'export"
    kind = binary_kind(raw)
    if kind == "XLSX":
        return _read_xlsx(raw, name)
    if kind is not None:
        raise ValueError(f"{name} est un fichier {kind}, pas un CSV : dans le Gestionnaire de publicités, "
                         "« Exporter le tableau », exportez au format CSV (ou Excel .xlsx) et chargez ce fichier.")
    text, _ = decode_text(raw, name)
    lines = text.splitlines()
    sep = None
    if lines and re.fullmatch(r"sep=(.)?", lines[0].strip("\ufeff\r")):
        sep = lines[0].strip("\ufeff\r")[4:] or "\t"
        lines = lines[1:]
    if not lines or not lines[0].strip():
        raise ValueError(f"{name} est vide : aucune ligne d'en-tête.")
    if sep is None:
        sep = max((",", ";", "\t"), key=lines[0].count)
    rows = list(csv.reader(lines, delimiter=sep))
    return _as_table(rows, name)


def _read_xlsx(raw: bytes, name: str) -> pd.DataFrame:
    import openpyxl

    try:
        book = openpyxl.load_workbook(io.BytesIO(raw), read_only=True, data_only=True)
    except Exception:  # openpyxl raises many kinds (zip, XML, key errors) for a damaged file
        raise ValueError(f"{name} n'est pas un classeur Excel lisible : exportez au format CSV.") from None
    rows = [["" if v is None else str(v) for v in row] for row in book.worksheets[0].iter_rows(values_only=True)]
    book.close()
    return _as_table(rows, name)


def _as_table(rows: list[list[str]], name: str) -> pd.DataFrame:
    rows = [r for r in rows if any(c.strip() for c in r)]
    if not rows:
        raise ValueError(f"{name} est vide : aucune ligne d'en-tête.")
    header = [h.strip().lstrip("\ufeff") for h in rows[0]]
    width = len(header)
    long = [i for i, r in enumerate(rows[1:], start=2) if len(r) > width and any(c.strip() for c in r[width:])]
    if long:
        raise ValueError(f"{name}, ligne {long[0]} : plus de cellules que de colonnes dans l'en-tête.")
    body = [(r + [""] * width)[:width] for r in rows[1:]]
    return pd.DataFrame(body, columns=header, dtype=str)


def _to_number(series: pd.Series, column: str) -> pd.Series:
    """Numbers of an export column: French or plain numbers; an empty cell is 0 (Meta leaves zeros empty)."""
    blank = series.map(_blank)
    text = series.astype(str).str.replace("\u202f", "", regex=False).str.replace("\xa0", "", regex=False)
    text = text.str.replace(" ", "", regex=False).str.replace(",", ".", regex=False)
    numbers = pd.to_numeric(text.where(~blank, "0"), errors="coerce")
    if numbers.isna().any():
        bad = series[numbers.isna()].iloc[0]
        raise ValueError(f"Colonne « {column} » : un nombre était attendu (reçu « {bad} »).")
    if (numbers < 0).any():
        raise ValueError(f"Colonne « {column} » : les valeurs ne peuvent pas être négatives.")
    return numbers


@dataclass
class _AdsTable:
    ads: pd.DataFrame  # one row per ad, numeric columns (fields), index = ad name
    total: pd.Series | None  # Meta's own total row (numeric), when the export has one
    indicators: pd.Series  # French result indicator per ad
    currency: str | None


def _columns(table: pd.DataFrame) -> tuple[dict[str, str], str | None]:
    """Field -> the table's column, and the currency of the spend column."""
    wanted = {_header_key(h): f for f, names in ADS_HEADERS.items() for h in names}
    found: dict[str, str] = {}
    currency = None
    for col in table.columns:
        key = _header_key(col)
        spend = _SPEND.match(key)
        if spend and "spend" not in found:
            found["spend"], currency = col, (spend.group(1) or "").upper() or None
        elif key in wanted and wanted[key] not in found:
            found[wanted[key]] = col
    missing = [f"« {ADS_HEADERS[f][1] if len(ADS_HEADERS[f]) > 1 else ADS_HEADERS[f][0]} » "
               f"(« {ADS_HEADERS[f][0]} » en anglais)" for f in _REQUIRED if f not in found]
    if "spend" not in found:
        missing.insert(0, "« Montant dépensé (EUR) » (« Amount spent (EUR) » en anglais, dans la devise du compte)")
    if not any(f in found for f in _NAME_FIELDS):
        missing.insert(0, "« Nom de la publicité » (« Ad name » en anglais)")
    if missing:
        raise ValueError(f"Colonne(s) absente(s) de l'export : {', '.join(missing)}. Dans le Gestionnaire de "
                         "publicités, choisissez les colonnes « Performance et clics » avant d'exporter.")
    return found, currency


def _ads_table(table: pd.DataFrame) -> _AdsTable:
    found, currency = _columns(table)
    table = table.reset_index(drop=True)
    numeric = pd.DataFrame({f: _to_number(table[found[f]], found[f])
                            for f in ("spend", "impressions", "reach", "clicks_all", "link_clicks", "results")
                            if f in found})
    name_cols = [found[f] for f in _NAME_FIELDS if f in found]
    names = [next((str(row[c]).strip() for c in name_cols if not _blank(row[c])), "") for _, row in table.iterrows()]
    unnamed = [i for i, n in enumerate(names) if not n]
    total = None
    # Meta's summary row has no name; it comes first (or last, in a re-saved file).
    if unnamed and unnamed[0] in (0, len(names) - 1) and len(names) > 1:
        total = numeric.loc[unnamed[0]]
        unnamed = unnamed[1:]
    for i in unnamed:
        names[i] = f"(sans nom, ligne {i + 2})"
    keep = [i for i in range(len(names)) if total is None or i != total.name]
    ads = numeric.loc[keep]
    ads.index = pd.Index([names[i] for i in keep])
    raw_indicators = table[found["result_indicator"]] if "result_indicator" in found else pd.Series([""] * len(table))
    indicators = pd.Series([indicator_label(raw_indicators[i]) for i in keep], index=ads.index)
    return _AdsTable(ads, total, indicators, currency)


def cost_per_result(table) -> pd.DataFrame:
    """Per result indicator (never mixing kinds): ads, spend, results and cost per result, in the currency."""
    data = table if isinstance(table, _AdsTable) else _ads_table(_as_frame(table))
    cur = data.currency or "EUR"
    rows = {}
    for label in dict.fromkeys(data.indicators):
        mine = data.ads[(data.indicators == label).to_numpy()]
        if label == NO_INDICATOR and mine["results"].sum() == 0:
            continue
        spend, results = mine["spend"].sum(), mine["results"].sum()
        rows[label] = {"Publicités": len(mine), f"Montant dépensé ({cur})": spend, "Résultats": results,
                       f"Coût par résultat ({cur})": spend / results if results > 0 else math.nan}
    return pd.DataFrame.from_dict(rows, orient="index")


def _as_frame(table) -> pd.DataFrame:
    if isinstance(table, pd.DataFrame):
        return table
    if isinstance(table, str | Path | bytes):
        return read_ads_export(table)
    raise ValueError("Un tableau pandas (DataFrame) à la forme d'un export du Gestionnaire de publicités "
                     "était attendu (ou le chemin du fichier exporté).")


def analyse_results(table) -> pd.DataFrame:
    """Per ad and in total: CPC (link), CPC (all), CTR (link and all, %), CPM, frequency, cost per result.

    ``table``: an Ads Manager export as a DataFrame (English or French headers), or the path of the file
    (:func:`read_ads_export`). Labels carry the export's currency (« CPM (PHP) »). The « Total » row is
    Meta's own total row when the export has one (its reach counts each person once); without it, the sum
    of the ads (reach then over-counts people reached by several ads). Without « Clics (tous) », the CPC and
    CTR on all clicks are left out. The total cost per result is given only when every ad has the same
    result indicator; :func:`cost_per_result` gives it per indicator. French notes are in
    ``attrs["avertissements"]``.
    """
    data = _ads_table(_as_frame(table))
    cur = data.currency or "EUR"
    rows = data.ads.copy()
    notes: list[str] = []
    if data.total is not None:
        total = data.total
        summed = rows["spend"].sum()
        if not math.isclose(summed, total["spend"], rel_tol=0.01, abs_tol=0.01):
            notes.append(f"La ligne de total de Meta indique {amount(total['spend'], cur)} dépensés, la somme des "
                         f"publicités {amount(summed, cur)} : l'export ne contient sans doute pas toutes les "
                         "publicités ; le total retenu est celui de Meta.")
    else:
        total = rows.sum()
        if len(rows) > 1:
            notes.append("L'export n'a pas de ligne de total de Meta : la couverture totale est la somme des "
                         "couvertures (une personne touchée par deux publicités compte deux fois), la répétition "
                         "totale est donc sous-estimée. Exportez le tableau avec sa ligne de total pour avoir la "
                         "couverture dédoublonnée.")
    by_kind = cost_per_result(data)
    total = total.copy()
    if len(by_kind) > 1:
        total["results"] = math.nan
        costs = " ; ".join(f"{label} : {amount(row.iloc[3], cur)} par résultat ({fr_number(row['Résultats'])} "
                           f"résultats)" for label, row in by_kind.iterrows())
        notes.append(f"Les publicités ont des résultats de natures différentes ({', '.join(by_kind.index)}) : on "
                     f"ne les additionne pas, le coût par résultat se calcule par indicateur. {costs}.")
    else:
        total["results"] = rows["results"].sum()
    rows.loc["Total"] = total

    def ratio(num, den, scale=1.0):
        return [num_i / den_i * scale if den_i > 0 else math.nan for num_i, den_i in zip(num, den, strict=True)]

    out = pd.DataFrame(index=rows.index)
    out[f"Montant dépensé ({cur})"] = rows["spend"]
    out[f"CPC (clic sur un lien) ({cur})"] = ratio(rows["spend"], rows["link_clicks"])
    if "clicks_all" in rows:
        out[f"CPC (tous) ({cur})"] = ratio(rows["spend"], rows["clicks_all"])
    out["CTR (clics sur un lien) (%)"] = ratio(rows["link_clicks"], rows["impressions"], 100)
    if "clicks_all" in rows:
        out["CTR (tous) (%)"] = ratio(rows["clicks_all"], rows["impressions"], 100)
    out[f"CPM ({cur})"] = ratio(rows["spend"], rows["impressions"], 1000)
    out["Répétition"] = ratio(rows["impressions"], rows["reach"])
    out[f"Coût par résultat ({cur})"] = ratio(rows["spend"], rows["results"].fillna(0))
    out.attrs["avertissements"] = notes
    return out


def case_campaign_results() -> pd.DataFrame:
    """The finished campaign of the case company (Ads Manager export, French interface), fixed figures."""
    rows = [
        ("Reel – galette atelier", 62.40, 11_250, 6_020, 318, 171, 171, "Clics sur un lien"),
        ("Carrousel – galettes de la semaine", 48.10, 8_410, 5_150, 196, 128, 128, "Clics sur un lien"),
        ("Image – précommande click & collect", 39.50, 6_030, 3_880, 141, 63, 63, "Clics sur un lien"),
    ]
    return pd.DataFrame(rows, columns=[ADS_COLUMNS[k] for k in ("name", "spend", "impressions", "reach",
                                                                 "clicks_all", "link_clicks", "results",
                                                                 "result_indicator")])


# ---------------------------------------------------------------------------------------------------------
# A whole campaign (what the builder widget saves and the checks read)
# ---------------------------------------------------------------------------------------------------------


@dataclass
class Campaign:
    objective: str
    audience: Audience
    format: str
    placements: list[tuple[str, str]]
    message: str
    budget: Budget
    goal_metric: str = "clics"
    goal_target: float = 300
    sector: str = "local"
    visual: str = ""
    call_to_action: str = ""

    @classmethod
    def from_dict(cls, data: dict) -> Campaign:
        if not isinstance(data, dict):
            raise ValueError("Campagne invalide : un dictionnaire était attendu (objectif, audience, format, "
                             "emplacements, message, budget).")
        missing = [k for k in ("objective", "audience", "format", "message", "budget") if k not in data]
        if missing:
            raise ValueError(f"Campagne incomplète : il manque {', '.join(missing)}.")
        objective = get_objective(data["objective"]).id
        fmt = str(data["format"])
        if fmt not in FORMATS:
            raise UnknownName(f"Format inconnu : « {fmt} ». Formats possibles : {', '.join(FORMATS)}.")
        placements = data.get("placements")
        placements = FORMATS[fmt]["placements"] if placements is None else [tuple(p) for p in placements]
        if not placements:
            raise ValueError("Campagne : choisissez au moins un emplacement de diffusion.")
        wrong = [p for p in placements if p not in FORMATS[fmt]["placements"]]
        if wrong:
            def names(pairs):
                return ", ".join(_placement_name(network, place) for network, place in pairs)
            raise ValueError(f"Campagne : emplacement(s) {names(wrong)} impossible(s) pour le format "
                             f"« {FORMATS[fmt]['label']} » (possibles : {names(FORMATS[fmt]['placements'])}).")
        goal_metric = data.get("goal_metric", "clics")
        if goal_metric not in GOAL_METRICS:
            raise UnknownName(f"Objectif chiffré inconnu : « {goal_metric} ». Possibles : {', '.join(GOAL_METRICS)}.")
        target = data.get("goal_target", 300)
        _positive(target, "objectif chiffré")
        sector = data.get("sector", "local")
        get_sector(sector)
        return cls(objective, Audience.from_dict(data["audience"]), fmt, placements, str(data["message"]),
                   Budget.from_dict(data["budget"]), goal_metric, float(target), sector,
                   str(data.get("visual", "")), str(data.get("call_to_action", "")))

    def to_dict(self) -> dict:
        return {"objective": self.objective, "audience": self.audience.to_dict(), "format": self.format,
                "placements": [list(p) for p in self.placements], "message": self.message,
                "budget": self.budget.to_dict(), "goal_metric": self.goal_metric, "goal_target": self.goal_target,
                "sector": self.sector, "visual": self.visual, "call_to_action": self.call_to_action}

    def forecast(self) -> pd.DataFrame:
        return forecast(self.budget.total, self.sector, audience_max=audience_size(self.audience)[1])

    def warnings(self) -> list[str]:
        out = []
        if not format_fits_objective(self.format, self.objective):
            fits = ", ".join(get_objective(self.objective).formats)
            out.append(f"Le format « {self.format} » convient mal à l'objectif « {get_objective(self.objective).label} » "
                       f"(formats adaptés : {fits}).")
        if self.format not in formats_for_age(self.audience.age_min, self.audience.age_max):
            out.append(f"Le format « {self.format} » convient mal à une cible de {self.audience.age_min} à "
                       f"{self.audience.age_max} ans (adaptés : "
                       f"{', '.join(formats_for_age(self.audience.age_min, self.audience.age_max))}).")
        out += audience_warnings(self.audience)
        out += budget_warnings(self.budget, self.goal_metric, self.goal_target, self.sector)
        return out
