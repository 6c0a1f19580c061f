import pytest

from autograder import moderation as mod


def test_charter_covers_every_kind_and_names_its_actions():
    for rule in mod.CHARTER.values():
        assert rule.label and rule.handling and rule.sentiment in ("positif", "neutre", "négatif")
        for group in rule.required:
            assert set(group) <= set(mod.ACTIONS)
        assert set(rule.forbidden) <= set(mod.ACTIONS)
        if rule.legitimate_criticism:
            assert {"delete", "hide"} <= set(rule.forbidden)


def test_decisions_follow_or_break_the_charter():
    assert mod.decision_follows_charter("spam", "commentaire", ["hide"])[0]
    assert mod.decision_follows_charter("spam", "commentaire", ["delete", "ban"])[0]
    ok, why = mod.decision_follows_charter("complaint_mild", "commentaire", ["delete"])
    assert not ok and "contraire à la charte" in why
    ok, why = mod.decision_follows_charter("complaint_angry", "commentaire", ["reply"])
    assert not ok and "Inviter en message privé" in why
    # in a private message there is nothing to move to private messages
    assert mod.decision_follows_charter("complaint_angry", "message", ["reply"])[0]
    assert not mod.decision_follows_charter("troll", "commentaire", ["reply"])[0]
    assert mod.decision_follows_charter("troll", "commentaire", ["ignore"])[0]


def test_reply_validation_refuses_empty_and_emoji_only():
    assert mod.validate_reply("  Merci !  ") == "Merci !"
    with pytest.raises(ValueError, match="vide"):
        mod.validate_reply("   ")
    with pytest.raises(ValueError, match="émojis"):
        mod.validate_reply("😀👍 !!")
    with pytest.raises(ValueError, match="texte"):
        mod.validate_reply(None)
    with pytest.raises(ValueError, match="Action inconnue"):
        mod.validate_actions(["reply", "shout"])


def test_saved_replies_fill_their_variables():
    text = mod.fill_template(mod.SAVED_REPLIES["Remerciement"], "Camille Roux")
    assert text.startswith("Bonjour Camille,") and text.endswith("L'équipe La Fournée de Léa")
    with pytest.raises(ValueError, match="Variable inconnue"):
        mod.fill_template("Bonjour {nom}", "Camille Roux")


def test_reply_quality_finds_what_is_missing():
    good = ("Bonjour Camille, merci pour votre question ! Oui, nous sommes ouverts le dimanche de 7 h à 13 h. "
            "L'équipe La Fournée de Léa")
    assert all(mod.reply_quality(good, "Camille Roux", keywords=["dimanche"]).values())
    bad = mod.reply_quality("ok on verra", "Camille Roux", keywords=["dimanche"], personal_data=True)
    assert not any(bad.values()) and set(bad) == set(mod.REPLY_CRITERIA)
    private = mod.reply_quality("Bonjour Camille, désolés ! Écrivez-nous en message privé. — Léa", "Camille Roux",
                                personal_data=True)
    assert private["private"] and private["thanks_or_apology"] and private["signature"]


def test_copy_paste_is_detected_even_with_another_name():
    replies = {"a": ("Bonjour Camille, désolés pour ce souci. L'équipe", "Camille Roux"),
               "b": ("Bonjour Hugo, désolés pour ce souci. L'équipe", "Hugo Blanc"),
               "c": ("Bonjour Inès, désolés pour l'attente de samedi. L'équipe", "Inès Morel")}
    assert mod.copy_pasted(replies) == {"a", "b"}


def test_response_time_figures_follow_meta_definitions():
    figures = mod.response_time_figures([5, 10, 10, 12, 14, 6, 8, 9, 11, 600])
    assert figures["response_rate"] == 100
    assert figures["meta_response_minutes"] == pytest.approx((5 + 10 + 10 + 12 + 14 + 6 + 8 + 9 + 11) / 9)
    assert figures["very_responsive"] is True
    slow = mod.response_time_figures([30, None, 90, 2000])
    assert slow["response_rate"] == 75 and slow["median_minutes"] == 90 and slow["within_24_h"] == 50
    assert slow["very_responsive"] is False
    with pytest.raises(ValueError, match="vide"):
        mod.response_time_figures([])
    with pytest.raises(ValueError, match="Délai"):
        mod.response_time_figures([-3])


def test_sentiment_lexicon_and_ereputation_summary():
    assert mod.sentiment("Merci, c'est délicieux 😍") == "positif"
    assert mod.sentiment("Inadmissible, je suis déçu") == "négatif"
    assert mod.sentiment("Vous êtes ouverts dimanche ?") == "neutre"
    items = [{"id": "a", "text": "Super, merci !", "created_at": "2026-10-05T10:00"},
             {"id": "b", "text": "Inadmissible", "created_at": "2026-10-06T10:00"},
             {"id": "c", "text": "Honteux", "created_at": "2026-10-13T10:00"}]
    summary = mod.ereputation_summary(items, answered_ids=["b"])
    assert summary["negative_answered_pct"] == 50
    assert list(summary["weekly"]["négatif"]) == [1, 1]
    assert summary["net_sentiment"] == pytest.approx(-100 / 3)
    with pytest.raises(ValueError, match="created_at"):
        mod.ereputation_summary([{"id": "x"}])


def test_animation_plan_rows_are_validated():
    row = mod.validate_plan_row({"semaine": 2, "action": "story", "cible": 3})
    assert row == {"semaine": 2, "action": "story", "cible": 3, "detail": ""}
    with pytest.raises(ValueError, match="Action d'animation inconnue"):
        mod.validate_plan_row({"semaine": 2, "action": "danse", "cible": 3})
    with pytest.raises(ValueError, match="supérieur à 0"):
        mod.validate_plan_row({"semaine": 2, "action": "story", "cible": 0})


def test_inbox_export_feeds_the_insights_module():
    from autograder import insights
    from autograder.data import case_community as cc

    items = cc.inbox()
    frame = mod.as_inbox_export(items)
    assert list(frame.columns) == ["Item ID", "Channel", "Author", "Text", "Received time", "Replied time", "Labels"]
    messages = insights.messages_only(frame)
    before = insights.response_rate(messages)
    pending_message = next(i for i in items if "handled" not in i and i["channel"] == "message")
    decisions = {pending_message["id"]: {"reply": "Bonjour, merci ! L'équipe", "decided_at": "2026-10-31T18:02"}}
    after = insights.response_rate(insights.messages_only(mod.as_inbox_export(items, decisions)))
    assert after > before
