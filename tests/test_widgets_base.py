import json

import pytest

from autograder.widgets.base import FileBackedModel, StatusLine


class Counter(FileBackedModel):
    def default_state(self):
        return {"n": 0}

    def validate(self, state):
        state = super().validate(state)
        if not isinstance(state.get("n"), int) or state["n"] < 0:
            raise ValueError("le compteur doit être un entier positif ou nul")
        return state


def test_update_saves_atomically_and_undo_restores(tmp_path):
    path = tmp_path / "compteur.json"
    model = Counter(path)
    seen = []
    model.observe(lambda m: seen.append(m.state["n"]))
    model.update(lambda s: s.update(n=2))
    assert json.loads(path.read_text())["n"] == 2
    assert model.undo() and model.state["n"] == 0 and json.loads(path.read_text())["n"] == 0
    assert not model.undo()
    assert seen == [2, 0]


def test_refused_change_leaves_state_and_file_untouched(tmp_path):
    path = tmp_path / "compteur.json"
    model = Counter(path)
    model.update(lambda s: s.update(n=1))
    with pytest.raises(ValueError, match="entier positif"):
        model.update(lambda s: s.update(n=-5))
    assert model.state["n"] == 1 and json.loads(path.read_text())["n"] == 1


def test_fresh_kernel_reloads_and_impossible_file_is_set_aside(tmp_path):
    path = tmp_path / "compteur.json"
    Counter(path).update(lambda s: s.update(n=7))
    assert Counter(path).state["n"] == 7
    path.write_text('{"n": -3}', encoding="utf-8")
    model = Counter(path)
    assert model.state == {"n": 0}
    assert "état impossible" in model.load_message and "mis de côté" in model.load_message
    assert any(".corrompu-" in p.name for p in tmp_path.iterdir())


def test_status_attempt_says_what_happened():
    status = StatusLine()
    assert status.attempt(lambda: 3, lambda r: f"{r} publications ajoutées.")
    assert status.kind == "ok" and status.message == "3 publications ajoutées."

    def refuse():
        raise ValueError("la date doit être dans les 3 mois du plan.")

    assert not status.attempt(refuse, "jamais affiché")
    assert status.kind == "erreur"
    assert status.message == "la date doit être dans les 3 mois du plan. Le dernier état valable est conservé."
    assert 'role="alert"' in status.value


def test_range_fields_behave_like_a_range_slider_with_labelled_fields():
    from autograder.widgets.base import RangeFields

    seen = []
    ages = RangeFields((25, 54), description="Âge de la cible", min=13, max=100)
    ages.observe(lambda change: seen.append(change["new"]), names="value")
    ages._low.value = 30  # a learner types in the first field
    ages.value = (60, 70)  # code sets the pair: one change event, not one per field
    assert ages.value == (60, 70) and (ages._low.value, ages._high.value) == (60, 70)
    assert seen == [(30, 54), (60, 70)]
    assert ages._low.description == "Âge de la cible : de" and ages._high.description == "à"
    months = RangeFields(("2026-01", "2026-02"), description="Période",
                         options=[("janvier 2026", "2026-01"), ("février 2026", "2026-02")])
    months._high.value = "2026-01"
    assert months.value == ("2026-01", "2026-01")


def test_status_line_has_an_empty_message_before_the_first_one():
    from autograder.widgets.base import StatusLine

    line = StatusLine()
    assert (line.message, line.kind) == ("", "")  # a form re-opened on saved answers reads them before showing
    line.show("Réponse enregistrée.", "ok")
    assert (line.message, line.kind) == ("Réponse enregistrée.", "ok")
