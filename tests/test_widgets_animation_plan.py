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


def test_labels_and_actions_are_not_cut(tmp_path):
    """ipywidgets gives a label 80 px and a list 300 px: « Objectif (nombre) » and the actions were cut (the browser
    test tests/browser/test_widget_layout.py measures it); every label takes its text's width, the list its longest
    option's."""
    view = AnimationPlan(tmp_path / "animation.json")
    for control in (view._week, view._action, view._target, view._detail, view._rows):
        assert control.style.description_width == "initial", control.description
    assert view._action.layout.width == "auto"
