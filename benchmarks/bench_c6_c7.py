"""Latency of the C6 and C7 widgets' updates: a change → the model saves the file → KPIs or forecast → redraw.

Targets (issue 5): the moderation inbox's update with 200 items and the campaign forecast update stay
≤ 100 ms median.
"""

import tempfile
from itertools import count, cycle
from pathlib import Path

from autograder.data import case_community
from autograder.widgets.campaign_builder import CampaignBuilder
from autograder.widgets.moderation_inbox import ModerationInbox
from coursetools import c6_keys


def inbox_200() -> list[dict]:
    """The case month (160 items) plus 40 queue items of another seeded month: 200 items, 80 in the queue."""
    items = case_community.inbox()
    extra = [dict(it, id=f"x{it['id']}", parent=None, thread=f"x-{it['thread']}")
             for it in c6_keys.inbox(seed=11) if "handled" not in it]
    return items + extra[:40]


def run(bench):
    items = inbox_200()
    assert len(items) == 200
    with tempfile.TemporaryDirectory() as folder:
        inbox = ModerationInbox(Path(folder) / "moderation.json", items=items)
        numbers = count(1)

        def reply_to_next():
            inbox._reply.value = f"Bonjour, merci pour votre message n° {next(numbers)} ! L'équipe La Fournée de Léa"
            inbox._buttons["reply"].click()

        bench.time("widget ModerationInbox : répondre (200 éléments)", reply_to_next, repeat=30, target_ms=100,
                   note="clic → fichier → indicateurs → file et fil redessinés")

        builder = CampaignBuilder(Path(folder) / "campagne.json")
        amounts = cycle([6.0, 7.0, 8.5, 12.0, 4.0])

        def change_budget():
            builder._amount.value = next(amounts)

        bench.time("widget CampaignBuilder : budget → prévision", change_budget, repeat=30, target_ms=100,
                   note="changement → fichier → prévision, graphique SVG, avertissements")
