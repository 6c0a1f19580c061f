import json

from autograder.widgets.animation_plan import AnimationPlan


def test_add_remove_and_live_check(tmp_path):
    path = tmp_path / "animation.json"
    view = AnimationPlan(path)
    assert "0 / 3" in view._check.value
    for week in (1, 2, 3, 4):
        for action, detail in (("answer", ""), ("story", ""), ("group_post", "Parents de la Croix-Rousse"),
                               ("poll", "")):
            view._week.value, view._action.value, view._target.value, view._detail.value = week, action, 3, detail
            view._add.click()
            assert view._status.kind == "ok"
    assert len(json.loads(path.read_text(encoding="utf-8"))["plan"]) == 16
    assert "3 / 3" in view._check.value
    view._add.click()  # the same week and action twice
    assert view._status.kind == "erreur" and "déjà" in view._status.message
    view._rows.value = 0
    view._remove.click()
    assert len(json.loads(path.read_text(encoding="utf-8"))["plan"]) == 15


def test_zero_target_is_refused(tmp_path):
    path = tmp_path / "animation.json"
    view = AnimationPlan(path)
    view._target.value = 0
    view._add.click()
    assert view._status.kind == "erreur" and "supérieur à 0" in view._status.message
    assert not path.exists()
