"""The C5 exercises can be solved: with right answers, every self-check of the notebook says « acquis »;
with the notebook's starting answers, none does."""

from __future__ import annotations

import nbformat
import pytest
from nbclient import NotebookClient

from course_support import REPO

pytestmark = pytest.mark.slow
NOTEBOOK = REPO / "exercises" / "05_meta_business_suite.ipynb"

RIGHT = {
    "mon_planning = ": """
mon_planning = [
    {"publication": "B1", "reseau": "Instagram", "date_heure": "2026-03-23 12:30"},
    {"publication": "B2", "reseau": "Facebook", "date_heure": "2026-03-24 18:30"},
    {"publication": "B4", "reseau": "Facebook", "date_heure": "2026-03-26 07:30"},
]""",
    "horodatages = ": """
from datetime import datetime
from zoneinfo import ZoneInfo
horodatages = {t: int(datetime.strptime(t, "%Y-%m-%d %H:%M").replace(tzinfo=ZoneInfo("Europe/Paris")).timestamp())
               for t in ("2026-03-28 10:00", "2026-03-29 10:00")}""",
    "portrait_instagram = ": """
age = insights.audience_table(audience, "age", "Instagram")["Share (%)"]
villes = insights.audience_table(audience, "city", "Instagram")["Share (%)"]
portrait_instagram = {
    "repartition_age": age.to_dict(), "tranche_principale": age.idxmax(),
    "part_femmes": insights.audience_table(audience, "gender", "Instagram").loc["Women", "Share (%)"],
    "ville_principale": villes.idxmax(), "part_ville_principale": villes.max(),
}""",
    "extrait = ": """
extrait = publications.head(5)
taux_extrait = dict(zip(extrait["Post ID"], extrait["Engagements"] / extrait["Reach"] * 100))""",
    "decembre = ": """
decembre = publications[[t.month == 12 for t in publications["Publish time"]]]
taux_decembre = (decembre["Engagements"] / decembre["Reach"] * 100).mean()""",
    "ma_messagerie = ": """
etat = insights.responsiveness(messagerie, until=case_meta.INBOX_UNTIL)
ma_messagerie = {"taux_de_reponse": etat.rate, "temps_de_reponse": etat.minutes,
                 "sans_reponse": insights.unanswered(messagerie), "badge": etat.badge}""",
}


def run(replace: bool) -> list[str]:
    nb = nbformat.read(str(NOTEBOOK), as_version=4)
    if replace:
        for cell in nb.cells:
            for start, source in RIGHT.items():
                if cell.cell_type == "code" and cell.source.startswith(start):
                    cell.source = source.strip()
    NotebookClient(nb, timeout=120, kernel_name="python3",
                   resources={"metadata": {"path": str(NOTEBOOK.parent)}}).execute()
    cards = []
    for cell in nb.cells:
        if cell.cell_type == "code" and (cell.source.startswith("c5.check_") or "\nc5.check_" in cell.source):
            html = "".join(o.get("data", {}).get("text/html", "") for o in cell.outputs)
            assert "Critère C5." in html, cell.source
            cards.append(html)
    return cards


def test_right_answers_pass_every_self_check():
    cards = run(replace=True)
    assert len(cards) == 6
    for html in cards:
        assert "(acquis)" in html, html[:400]


def test_starting_answers_pass_none():
    for html in run(replace=False):
        assert "(acquis)" not in html
