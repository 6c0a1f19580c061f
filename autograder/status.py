"""The one rule that turns points into a criterion's status, used by result cards, feedback, grids and dashboard.

For one criterion, the points a learner earned are compared with the points possible:

- « acquis » — at least 80 % of the points (:data:`ACQUIS_MIN`);
- « en cours » — at least 40 % and less than 80 % (:data:`EN_COURS_MIN`);
- « non acquis » — less than 40 %;
- « pas encore évalué » — no graded evidence at all (nothing handed in, or only answers the trainer has not
  graded yet): the criterion is neither passed nor failed.

A competency is « acquis » when all its evaluated criteria are, « non acquis » when none is even « en cours »,
« en cours » otherwise, and « pas encore évalué » when none of its criteria has been evaluated.
"""

from __future__ import annotations

ACQUIS_MIN = 0.8
EN_COURS_MIN = 0.4
ACQUIS, EN_COURS, NON_ACQUIS, NON_EVALUE = "acquis", "en cours", "non acquis", "pas encore évalué"
STATUSES = (ACQUIS, EN_COURS, NON_ACQUIS)
ALL_STATUSES = (*STATUSES, NON_EVALUE)
_EPS = 1e-9


def status_for(points: float, possible: float) -> str:
    """The status of ``points`` out of ``possible``; nothing possible means nothing evaluated yet."""
    if possible <= 0:
        return NON_EVALUE
    ratio = points / possible
    if ratio >= ACQUIS_MIN - _EPS:
        return ACQUIS
    return EN_COURS if ratio >= EN_COURS_MIN - _EPS else NON_ACQUIS


def competency_status(statuses: list[str]) -> str:
    """The status of a competency from those of its criteria (rule in the module docstring)."""
    evaluated = [s for s in statuses if s != NON_EVALUE]
    if not evaluated:
        return NON_EVALUE
    if all(s == ACQUIS for s in evaluated):
        return ACQUIS
    if all(s == NON_ACQUIS for s in evaluated):
        return NON_ACQUIS
    return EN_COURS


def thresholds_text() -> str:
    """The thresholds in French, for every page that shows a status."""
    return (f"acquis : au moins {round(ACQUIS_MIN * 100)} % des points du critère ; en cours : au moins "
            f"{round(EN_COURS_MIN * 100)} % ; non acquis : moins ; pas encore évalué : aucune preuve notée")
