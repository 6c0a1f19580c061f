from collections import Counter

from autograder import moderation as mod
from coursetools import c6_keys as cc


def test_at_least_150_items_over_a_month_with_threads():
    items = cc.generate()
    assert len(items) >= 150
    dates = sorted(i["created_at"] for i in items)
    assert dates[0].startswith("2026-10-0") and dates[-1].startswith("2026-10-3")
    assert sum(1 for i in items if i["parent"]) >= 10
    assert Counter(i["channel"] for i in items).keys() == {"commentaire", "message"}
    ids = {i["id"] for i in items}
    assert all(i["parent"] in ids for i in items if i["parent"])


def test_deterministic_and_every_kind_waits_in_the_queue():
    assert cc.generate() == cc.generate()
    assert cc.generate(seed=1) != cc.generate()
    kinds = {e["kind"] for e in cc.expected_handling().values()}
    assert kinds == set(mod.CHARTER)


def test_expected_handling_stays_out_of_the_learner_view():
    for item in cc.inbox():
        assert "kind" not in item and "expected" not in item
    assert set(cc.expected_handling()) == set(cc.pending_ids())


def test_history_gives_response_times_and_a_crisis_spreads():
    items = cc.generate()
    delays = [i["handled"]["delay_minutes"] for i in items if "handled" in i and i["kind"] == "question"]
    figures = mod.response_time_figures(delays)
    assert 60 < figures["response_rate"] < 100 and figures["median_minutes"] > 15
    crisis = [i for i in items if i["kind"] in ("crisis", "crisis_echo")]
    assert len(crisis) == 5 and len({i["thread"] for i in crisis}) == 1


def test_lexicon_agrees_with_the_kinds():
    items = cc.generate()
    agree = sum(mod.sentiment(i["text"]) == mod.CHARTER[i["kind"]].sentiment for i in items)
    assert agree / len(items) >= 0.9
