"""Latency of the C5 widgets' updates: a change → the model saves the file → checks → redraw (target ≤ 100 ms)."""

import tempfile
from datetime import date
from itertools import cycle
from pathlib import Path

from autograder import insights
from autograder.data import case_meta
from autograder.widgets.audience import AudienceExplorer
from autograder.widgets.scheduler import Scheduler


def run(bench):
    exports = case_meta.load_case()
    posts = insights.combined_posts(exports["facebook_posts"], exports["instagram_posts"])
    with tempfile.TemporaryDirectory() as folder:
        scheduler = Scheduler(Path(folder) / "planification_c5.json", drafts=case_meta.DRAFTS,
                              activity=exports["activity"], now=case_meta.SCHEDULING_NOW)
        for post, day, hour in (("B1", 23, 12), ("B2", 24, 18), ("B3", 28, 10), ("B4", 30, 19), ("B5", 31, 8)):
            scheduler._post.value, scheduler._day.value, scheduler._hour.value = post, date(2026, 3, day), hour
            scheduler._add.click()
        slots = cycle([(date(2026, 4, 2), 12), (date(2026, 4, 2), 19), (date(2026, 4, 3), 7)])

        def schedule_b6():
            day, hour = next(slots)
            scheduler._post.value, scheduler._day.value, scheduler._hour.value = "B6", day, hour
            scheduler._add.click()

        bench.time("widget Scheduler : programmer (6 publications, vérification C5.1)", schedule_b6, target_ms=100,
                   note="clic → fichier → vérifications → tableau")

        explorer = AudienceExplorer(Path(folder) / "explorateur_audience.json", audience=exports["audience"],
                                    posts=posts)
        networks = cycle(["Facebook", "Instagram", "Les deux"])
        breakdowns = cycle(["age", "gender", "city", "country"])
        periods = cycle([("2025-12", "2026-02"), ("2026-01", "2026-01"), ("2025-12", "2026-01")])

        def change_network():
            explorer._network.value = next(networks)

        def change_breakdown():
            explorer._breakdown.value = next(breakdowns)

        def change_period():
            explorer._period.value = next(periods)

        bench.time("widget AudienceExplorer : réseau", change_network, target_ms=100,
                   note="filtre → fichier → tableau, graphique SVG, engagement")
        bench.time("widget AudienceExplorer : répartition", change_breakdown, target_ms=100)
        bench.time("widget AudienceExplorer : période", change_period, target_ms=100)
