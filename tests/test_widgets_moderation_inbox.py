"""The moderation inbox, driven without a browser: set values, click buttons, read the saved file."""

import json

from autograder.widgets.moderation_inbox import InboxModel, ModerationInbox
from coursetools import c6_keys as cc


def saved(path):
    return json.loads(path.read_text(encoding="utf-8"))


def test_reply_like_and_kpis_are_saved(tmp_path):
    path = tmp_path / "moderation.json"
    view = ModerationInbox(path)
    assert len(view._queue.options) == len(cc.pending_ids())
    first = view._queue.value
    view._insert.click()
    assert view._reply.value.startswith("Bonjour ")
    view._buttons["reply"].click()
    assert view._status.kind == "ok"
    decision = saved(path)["decisions"][first]
    assert decision["actions"] == ["reply"] and decision["reply"].startswith("Bonjour ")
    assert decision["decided_at"] == "2026-10-31T18:02"
    assert first not in [v for _, v in view._queue.options]  # handled items leave the « À traiter » filter
    assert "éléments à traiter : <strong>39</strong>" in view._kpis.value
    # one definition of the response time everywhere: Meta's (mean of the fastest 90 %), never a median
    kpis = view.model.kpis()
    assert f"<strong>{kpis['meta_response_minutes']:.0f} min</strong>" in view._kpis.value
    assert "moyenne des 90 % de réponses les plus rapides" in view._kpis.value and "médian" not in view._kpis.value
    view._filter.value = "traitees"
    assert view._queue.value == first
    view._buttons["like"].click()
    assert saved(path)["decisions"][first]["actions"] == ["reply", "like"]


def test_empty_or_emoji_reply_is_refused_and_nothing_changes(tmp_path):
    path = tmp_path / "moderation.json"
    view = ModerationInbox(path)
    view._reply.value = "🙂🙂"
    view._buttons["reply"].click()
    assert view._status.kind == "erreur" and "émojis" in view._status.message
    assert not path.exists()
    view._reply.value = "   "
    view._buttons["reply"].click()
    assert "vide" in view._status.message


def test_no_action_after_delete_and_undo_restores(tmp_path):
    path = tmp_path / "moderation.json"
    view = ModerationInbox(path)
    view._filter.value = "commentaires"
    item = view._queue.value
    view._buttons["delete"].click()
    view._filter.value = "traitees"
    view._queue.value = item
    view._buttons["like"].click()
    assert view._status.kind == "erreur" and "supprimé" in view._status.message
    assert saved(path)["decisions"][item]["actions"] == ["delete"]
    view._undo.click()
    assert item not in saved(path)["decisions"]


def test_filters_labels_ban_and_threads(tmp_path):
    path = tmp_path / "moderation.json"
    view = ModerationInbox(path)
    view._filter.value = "messages"
    assert all(view.model.by_id[i]["channel"] == "message" for _, i in view._queue.options)
    item = view._queue.value
    view._label.value = "urgent"
    view._label_filter.value = "urgent"
    assert [i for _, i in view._queue.options] == [item]
    view._buttons["to_private"].click()
    assert "déjà un message privé" in view._status.message
    view._buttons["ban"].click()
    assert view.model.by_id[item]["author"] in saved(path)["banned"]
    view._label_filter.value = None
    view._filter.value = "toutes"
    assert len(view._queue.options) >= 150
    crisis = next(i for i, e in cc.expected_handling().items() if e["kind"] == "crisis")
    view._queue.value = crisis
    assert view._thread.value.count("<strong>") == 5  # the post and its four echoes


def test_state_survives_a_fresh_model_and_a_corrupt_file_is_kept(tmp_path):
    path = tmp_path / "moderation.json"
    model = InboxModel(path)
    item = model.pending[0]
    model.act(item, "like")
    assert InboxModel(path).decisions[item]["actions"] == ["like"]
    path.write_text("{pas du json", encoding="utf-8")
    view = ModerationInbox(path)
    assert view._status.kind == "erreur" and "mis de côté" in view._status.message
    assert list(tmp_path.glob("moderation.json.corrompu-*"))


def test_history_items_cannot_be_changed(tmp_path):
    model = InboxModel(tmp_path / "m.json")
    past = next(i["id"] for i in model.items if "handled" in i)
    try:
        model.act(past, "like")
    except ValueError as exc:
        assert "déjà été traité" in str(exc)
    else:
        raise AssertionError("une action sur l'historique aurait dû être refusée")


def test_sentiment_chart_is_accessible():
    from autograder import moderation as mod
    from autograder.widgets.moderation_inbox import sentiment_chart_svg

    weekly = mod.ereputation_summary(cc.inbox())["weekly"]
    svg = sentiment_chart_svg(weekly)
    assert 'role="img"' in svg and "aria-label=" in svg and "hachures" in svg
    first = weekly.index[0]
    assert f"semaine du {first:%d/%m}, {int(weekly.loc[first, 'positif'])} positifs" in svg


def test_kpis_count_replies_at_the_simulated_time(tmp_path):
    model = InboxModel(tmp_path / "m.json")
    before = model.kpis()
    message = next(i for i in model.pending if model.by_id[i]["channel"] == "message")
    model.act(message, "reply", "Bonjour, merci ! L'équipe La Fournée de Léa")
    after = model.kpis()
    assert after["answered"] == before["answered"] + 1 and after["left"] == before["left"] - 1


def test_after_an_action_the_next_click_never_falls_on_another_item(tmp_path):
    """« Supprimer » takes the item out of « À traiter »: no other item is selected in its place, so a click on
    « Bannir l'auteur » right after bans nobody (it asks to choose), instead of banning the next author."""
    path = tmp_path / "moderation.json"
    view = ModerationInbox(path)
    first, second = view._queue.options[0][1], view._queue.options[1][1]
    view._queue.value = first
    view._buttons["delete"].click()
    assert view._queue.value is None and "choisissez dans la liste" in view._status.message
    assert "Choisissez un élément" in view._thread.value
    view._buttons["ban"].click()
    assert view._status.kind == "erreur" and "Choisissez d'abord un élément" in view._status.message
    assert second not in saved(path)["decisions"]
    view._queue.value = second  # the learner picks the next item: actions apply to it again
    view._buttons["like"].click()
    assert saved(path)["decisions"][second]["actions"] == ["like"]
