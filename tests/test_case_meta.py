"""The case company's generated Meta Business Suite exports: deterministic, realistic, complete."""

from autograder import insights
from autograder.data import case_meta


def test_deterministic_and_seed_dependent(tmp_path):
    case_meta.build_exports.cache_clear()
    first = case_meta.build_exports()
    case_meta.build_exports.cache_clear()
    assert case_meta.build_exports() == first
    assert case_meta.build_exports(7) != first
    paths = case_meta.write_exports(tmp_path)
    assert sorted(p.name for p in paths) == sorted(f"{k}.csv" for k in insights.KINDS)
    assert (tmp_path / "inbox.csv").read_bytes() == first["inbox"].encode("utf-8")


def test_files_look_like_meta_exports():
    texts = case_meta.build_exports()
    assert texts["facebook_posts"].startswith("\ufeffPost ID,Page ID,Page name")
    assert '"1,' in texts["facebook_posts"]  # counts written « 1,520 »
    assert "Views" in texts["instagram_posts"].splitlines()[0]


def test_sizes_period_and_content():
    case = case_meta.load_case()
    fb, ig, inbox = case["facebook_posts"], case["instagram_posts"], case["inbox"]
    assert len(fb) + len(ig) >= 60 and len(fb) >= 25 and len(ig) >= 25
    assert len(inbox) >= 150
    for frame, column in ((fb, "Publish time"), (ig, "Publish time"), (inbox, "Received time")):
        days = frame[column].dt.date
        assert days.min() >= case_meta.PERIOD_START and days.max() <= case_meta.PERIOD_END
    assert set(inbox["Channel"]) == set(insights.MESSAGE_CHANNELS + insights.COMMENT_CHANNELS)
    assert 0 < len(insights.unanswered(inbox)) < len(inbox) / 4
    assert (fb["Reach"] > 0).all() and (fb["Views"] >= fb["Reach"]).all()
    assert fb["Description"].str.contains(r"\b(?i:de|la|nos|notre|le|les|du|vos|pour)\b").all()  # French texts


def test_audience_covers_every_bucket_and_gender():
    audience = case_meta.load_case()["audience"]
    ages = insights.audience_table(audience, "age")
    assert tuple(ages.index) == insights.AGE_BUCKETS
    for platform, followers in case_meta.FOLLOWERS.items():
        assert insights.total_followers(audience, platform) == followers
    assert insights.audience_table(audience, "city").index[0] == "Lyon"
    assert insights.audience_table(audience, "country").index[0] == "France"


def test_badge_is_not_earned_in_the_case():
    inbox = case_meta.load_case()["inbox"]
    state = insights.responsiveness(inbox, until=case_meta.INBOX_UNTIL)
    assert not state.badge and state.minutes > insights.BADGE_MINUTES


def test_drafts_are_for_both_networks():
    assert {d[1] for d in case_meta.DRAFTS} == set(insights.NETWORKS)


def test_assignment_files_are_the_generated_exports(repo):
    texts = case_meta.build_exports()
    for folder in ("source", "release"):
        for kind in insights.KINDS:
            path = repo / folder / "c5_meta_business_suite" / f"{kind}.csv"
            assert path.read_bytes() == texts[kind].encode("utf-8"), f"{path} : régénérez avec case_meta.write_exports"


def test_scheduling_reference_crosses_summer_time():
    assert case_meta.SCHEDULING_NOW.utcoffset().total_seconds() == 3600
    assert all(d[1] in insights.NETWORKS for d in case_meta.DRAFTS) and len(case_meta.DRAFTS) == 6


def test_generated_exports_read_without_warnings():
    # Issue 12: the days above 12 settle Meta's MM/DD order; no error rows, no merged or unknown column.
    case = case_meta.load_case()
    for kind in insights.KINDS:
        assert insights.export_warnings(case[kind]) == [], kind
        assert list(case[kind].columns) == [c.name for c in insights.SCHEMAS[kind] if c.name in case[kind].columns]
