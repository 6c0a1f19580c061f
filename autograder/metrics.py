"""Social-media metrics with documented formulas: engagement rate, CPM, CPC, CTR, frequency, CPA, ROAS.

Every function takes plain numbers (``int`` or ``float``, never ``bool``), returns a ``float`` and raises
``ValueError`` with a French message when the input cannot give a meaningful figure: a wrong type, NaN or
infinity, a negative amount, a zero or negative denominator. Nothing is rounded: round for display only.

Sources (see ``shared/domain-facts.md``):
- [HOOTSUITE] Hootsuite, « How to calculate engagement rate »: engagement rate by reach (ERR) =
  engagements / reach × 100 (the most common); by post = engagements / followers × 100; by impressions =
  engagements / impressions × 100. [SPROUT] Sprout Social divides by reach, [BUFFER] Buffer by impressions.
  Meta publishes no official engagement rate; the Meta Business Suite export gives
  « Reactions, comments and shares » and « Reach ».
- [META-ADS] Meta Ads Manager metric definitions: CPM = spend / impressions × 1000; CPC = spend / clicks
  (Facebook's « CPC » counts link clicks since 2015; « CPC (all) » counts every click); CTR = clicks /
  impressions × 100; frequency (« Répétition » in French) = impressions / reach; CPA (cost per result) =
  spend / results; ROAS = conversion value / spend.
"""

from __future__ import annotations

import math
from numbers import Real

__all__ = ["engagement_rate", "cpm", "cpc", "ctr", "frequency", "cpa", "roas", "ENGAGEMENT_BASES"]

#: The denominators an engagement rate can use, with their French name and when to use it [HOOTSUITE].
ENGAGEMENT_BASES = {
    "reach": ("portée", "taux d'engagement par portée : la part des personnes touchées qui ont interagi "
                        "(le plus courant, comparable d'une publication à l'autre)"),
    "views": ("vues (anciennement impressions)", "taux d'engagement par vue : tient compte des affichages "
                                                  "répétés, utile pour les contenus sponsorisés"),
    "followers": ("abonnés", "taux d'engagement par abonné : mesure la fidélité de la communauté"),
}


def _number(value, name: str) -> float:
    """``value`` as a finite float, or a French ``ValueError`` naming the quantity."""
    if isinstance(value, bool) or not isinstance(value, Real):
        raise ValueError(
            f"« {name} » doit être un nombre (entier ou décimal), pas {type(value).__name__} (« {value} »)."
        )
    number = float(value)
    if not math.isfinite(number):
        raise ValueError(f"« {name} » doit être un nombre fini (reçu « {value} »).")
    return number


def _amount(value, name: str) -> float:
    """A numerator: a finite number ≥ 0."""
    number = _number(value, name)
    if number < 0:
        raise ValueError(f"« {name} » ne peut pas être négatif (reçu « {value} »).")
    return number


def _denominator(value, name: str) -> float:
    """A denominator: a finite number > 0."""
    number = _number(value, name)
    if number <= 0:
        raise ValueError(f"« {name} » doit être strictement positif pour faire la division (reçu « {value} »).")
    return number


def engagement_rate(engagements, base) -> float:
    """Engagement rate in percent (5.0 means 5 %): ``engagements / base × 100`` [HOOTSUITE].

    ``engagements``: reactions (or likes) + comments + shares (+ saves on Instagram, when counted);
    ``base``: the reach (most common), the views (formerly impressions) or the number of followers.
    """
    return _amount(engagements, "engagements") / _denominator(base, "base (portée, vues ou abonnés)") * 100


def cpm(spend, impressions) -> float:
    """Cost per thousand impressions, in the currency of ``spend``: ``spend / impressions × 1000`` [META-ADS]."""
    return _amount(spend, "dépense") / _denominator(impressions, "impressions") * 1000


def cpc(spend, clicks) -> float:
    """Cost per click: ``spend / clicks`` [META-ADS] (link clicks for Facebook's « CPC »)."""
    return _amount(spend, "dépense") / _denominator(clicks, "clics")


def ctr(clicks, impressions) -> float:
    """Click-through rate in percent: ``clicks / impressions × 100`` [META-ADS]."""
    return _amount(clicks, "clics") / _denominator(impressions, "impressions") * 100


def frequency(impressions, reach) -> float:
    """Average number of times each person saw the ad (« Répétition »): ``impressions / reach`` [META-ADS]."""
    return _amount(impressions, "impressions") / _denominator(reach, "portée")


def cpa(spend, results) -> float:
    """Cost per result (purchase, lead…): ``spend / results`` [META-ADS]."""
    return _amount(spend, "dépense") / _denominator(results, "résultats")


def roas(revenue, spend) -> float:
    """Return on ad spend: ``revenue / spend`` (3.0 means 3 € of sales per euro spent) [META-ADS]."""
    return _amount(revenue, "chiffre d'affaires généré") / _denominator(spend, "dépense")
