"""The fitted models: loaded from JSON, applied by name, and turned into the three outcomes."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest

from assistant.answerability import ANSWERABILITY, TOPIC, Judge
from assistant.compose import asked_clause
from assistant.logistic import MODELS, Logistic
from assistant.meaning import PREFIX, Projection, projection


def test_a_model_reads_its_features_by_name_and_refuses_a_missing_one(tmp_path: Path) -> None:
    model = Logistic(features=["a", "b"], weights=[2.0, -1.0], bias=0.0, mean=[0.0, 1.0], scale=[1.0, 2.0])
    model.save("m", folder=tmp_path)
    loaded = Logistic.load("m", folder=tmp_path)
    assert loaded.probability({"a": 0.0, "b": 1.0}) == pytest.approx(0.5)
    assert loaded.probability({"a": 1.0, "b": 1.0, "ignored": 9.0}) > 0.8
    with pytest.raises(KeyError):
        loaded.probability({"a": 1.0})


def test_the_shipped_models_share_one_signal_set_and_were_fitted() -> None:
    answerable, topic = Logistic.load(ANSWERABILITY), Logistic.load(TOPIC)
    # The topic model reads the same signals less the meaning directions (whether the subject is there at all).
    assert [f for f in answerable.features if not f.startswith(PREFIX)] == topic.features
    assert sum(f.startswith(PREFIX) for f in answerable.features) == len(projection().components) > 0
    for name in ("ranker", "selector", ANSWERABILITY, TOPIC):
        model = Logistic.load(name)
        assert "bootstrap" not in str(model.notes.get("fitted_on")), f"{name} was never fitted"
        assert "bank-corpus-tune" in model.notes["fitted_on"] and not any("test" in s for s in model.notes["fitted_on"])
        assert len(model.weights) == len(model.features) == len(model.mean) == len(model.scale)
    assert (MODELS / "answerability.json").is_file()


def test_the_judge_gives_three_outcomes() -> None:
    judge = Judge(threshold=0.5)
    judge.answerable = Logistic(features=["x"], weights=[10.0], bias=0.0, mean=[0.0], scale=[1.0])
    judge.topic = Logistic(features=["y"], weights=[10.0], bias=0.0, mean=[0.0], scale=[1.0], threshold=0.5)
    assert judge({"x": 1.0, "y": 1.0}).outcome == "answered"
    assert judge({"x": -1.0, "y": 1.0}).outcome == "partial"
    assert judge({"x": -1.0, "y": -1.0}).outcome == "not_found"
    assert judge({"x": 1.0, "y": -1.0}).outcome == "not_found"  # off topic, however answerable it looks


@pytest.mark.parametrize("question, clause", [
    ("What are the supervision frequency requirements?", "what the supervision frequency requirements are"),
    ("how often should foster carers be visited?", "how often should foster carers be visited"),
    ("max caseload nqsw", 'what you asked ("max caseload nqsw")'),
    ("ICPC timescale", 'what you asked ("ICPC timescale")'),
])
def test_what_was_asked_reads_as_a_clause(question: str, clause: str) -> None:
    assert asked_clause(question) == clause


def test_only_quantities_in_the_question_count_as_numbers() -> None:
    from assistant.answerability import _numbers

    assert _numbers("icpc within 15 working days?") == {"15"}
    assert _numbers("rhi within 72 hrs or four weeks") == {"72", "4"}
    assert _numbers("does Zebedee-Quennell-4471 need a conference in 2023") == set()


def test_words_the_knowledge_base_never_uses_are_not_repeated() -> None:
    known = {"does", "need", "a", "child", "protection", "conference", "within", "15", "working", "days"}
    clause = asked_clause("Does Zebedee-Quennell-4471 need a child protection conference within 15 working days?",
                          known=lambda w: w.lower() in known)
    assert "Zebedee" not in clause and "4471" not in clause
    assert clause == 'what you asked ("does … need a child protection conference within 15 working days")'


def test_the_meaning_directions_are_fitted_saved_and_read_back(tmp_path: Path) -> None:
    rng = np.random.default_rng(7)
    products = rng.normal(size=(200, 6)) * np.array([5.0, 1.0, 1.0, 1.0, 1.0, 0.0])
    products[:, 1] += products[:, 0]  # one strong direction shared by the first two dimensions
    fitted = Projection.fit(products, k=2)
    fitted.save(folder=tmp_path)
    read = projection(tmp_path)
    assert read.components.shape == (2, 6)
    assert np.allclose(np.abs(read.components[0][:2]), np.sqrt(0.5), atol=0.05)  # the strongest first
    question, unit = np.ones(6), products[0]
    features = read.features(question, unit)
    assert list(features) == ["meaning_0", "meaning_1"] and features != read.features(question, products[1])
    assert read.features(None, unit) == {"meaning_0": 0.0, "meaning_1": 0.0}  # no unit to read
    projection.cache_clear()
