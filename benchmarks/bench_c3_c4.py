"""C3/C4: one plan builder update with 90 posts (save + redraw + live checks), and the C3/C4.4 checks on a
one-year plan of 1,000 posts."""

from __future__ import annotations

import datetime as dt
import tempfile
from pathlib import Path

from autograder import plan as P
from autograder.checks import c3, c4

NETWORKS = (("instagram", ("publication", "carrousel", "story", "reel")), ("facebook", ("publication", "vidéo", "story")),
            ("linkedin", ("publication", "carrousel")))
THEMES = tuple(P.THEMES)


def make_plan(start: dt.date, months: int, n_posts: int) -> P.Plan:
    """A plan of ``n_posts`` spread evenly over the window, rotating networks, formats and themes."""
    empty = P.Plan.empty(start, months)
    days = (empty.end - empty.start).days + 1
    line = {"objectives": ["notoriété"], "persona": "Claire, 38 ans, Croix-Rousse, achète son pain le matin",
            "tone": "vouvoiement", "pillars": {"A": 40, "B": 30, "C": 30}, "networks": [n for n, _ in NETWORKS],
            "frequency": {n: round(n_posts / len(NETWORKS) / (days / 7), 2) for n, _ in NETWORKS}}
    posts = []
    for i in range(n_posts):
        net, fmts = NETWORKS[i % len(NETWORKS)]
        day = empty.start + dt.timedelta(days=i * days // n_posts)
        posts.append({"date": day.isoformat(), "time": f"{8 + i % 12:02d}:{(i * 7) % 60:02d}", "network": net,
                      "format": fmts[i % len(fmts)], "theme": THEMES[i % len(THEMES)], "pillar": "ABC"[i % 3],
                      "caption": f"Publication {i} : notre pain au levain, venez le goûter !"})
    return P.Plan.from_dict({"start": start, "end": empty.end, "editorial_line": line, "posts": posts})


def run(bench):
    from autograder.widgets.plan_builder import PlanBuilder

    folder = Path(tempfile.mkdtemp(prefix="bench_c3c4_"))
    make_plan(dt.date(2027, 10, 1), 3, 90).save(folder / "plan.json")
    builder = PlanBuilder(folder / "plan.json")
    builder._select.value = builder.value.posts[10].id
    times = iter(["09:00", "10:00"] * 1000)

    def update():
        builder._time.value = next(times)
        builder._save.click()

    bench.time("plan builder : une modification, 90 publications", update, repeat=30, target_ms=100,
               note="enregistrement atomique + redessin + vérifications en direct")
    assert builder._status.kind == "ok", builder._status.message
    year = make_plan(dt.date(2027, 1, 1), 12, 1000)
    bench.time("vérifications C3 + C4.4, plan d'un an, 1 000 publications",
               lambda: (c3.check_all(year), c4.check_format_mix(year)), repeat=30, target_ms=50)
