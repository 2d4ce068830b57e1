"""Boosted-tree models saved as JSON and read back without scikit-learn (assistant/boosted.py), and the folds of
whole batches that choose between them and the logistic model (benchmarks/fit_boosted.py)."""

from __future__ import annotations

import math
import sys
from pathlib import Path

import numpy as np
import pytest

from assistant.boosted import Blend, Boosted, load_model
from assistant.logistic import Logistic

sys.path.insert(0, str(Path(__file__).resolve().parents[3] / "benchmarks"))
from fit_boosted import LOGISTIC_SHARES, batch_folds, choose_share, fit_boosted, logistic_oof  # noqa: E402


def _data(n: int = 600, seed: int = 0) -> tuple[list[dict], list[int], list[str]]:
    rng = np.random.default_rng(seed)
    X = rng.normal(size=(n, 3))
    # a pattern no straight line separates: the trees must learn it
    y = ((X[:, 0] > 0) ^ (X[:, 1] > 0.5)).astype(int)
    rows = [{"a": float(a), "b": float(b), "noise": float(c)} for a, b, c in X]
    return rows, [int(v) for v in y], [f"batch{i % 12}" for i in range(n)]


def test_saved_trees_give_scikit_learns_probabilities(tmp_path: Path) -> None:
    from sklearn.ensemble import HistGradientBoostingClassifier

    rows, y, _ = _data()
    X = np.asarray([[r["a"], r["b"], r["noise"]] for r in rows])
    fitted = HistGradientBoostingClassifier(max_iter=50, max_depth=3).fit(X, y)
    model = Boosted.from_sklearn(fitted, ["a", "b", "noise"], threshold=0.4, notes={"n": 600})
    model.save("trees", folder=tmp_path)
    loaded = load_model("trees", folder=tmp_path)
    assert isinstance(loaded, Boosted) and loaded.threshold == 0.4 and loaded.notes == {"n": 600}
    expected = fitted.predict_proba(X[:200])[:, 1]
    assert [loaded.probability(r) for r in rows[:200]] == pytest.approx(list(expected), abs=1e-12)
    # a missing value goes the way the tree learnt for it, and an extra value is ignored
    assert 0.0 < loaded.probability({"a": math.nan, "b": 1.0, "noise": 0.0, "other": 5.0}) < 1.0
    with pytest.raises(KeyError):
        loaded.probability({"a": 1.0, "b": 1.0})


def test_a_logistic_model_file_still_loads_as_one(tmp_path: Path) -> None:
    Logistic(features=["a"], weights=[2.0], bias=0.0, mean=[0.0], scale=[1.0]).save("m", folder=tmp_path)
    loaded = load_model("m", folder=tmp_path)
    assert isinstance(loaded, Logistic) and loaded.probability({"a": 0.0}) == pytest.approx(0.5)


def test_a_blend_is_the_weighted_mean_of_its_parts_and_saves_them(tmp_path: Path) -> None:
    from sklearn.ensemble import HistGradientBoostingClassifier

    rows, y, _ = _data()
    X = np.asarray([[r["a"], r["b"], r["noise"]] for r in rows])
    trees = Boosted.from_sklearn(HistGradientBoostingClassifier(max_iter=30).fit(X, y), ["a", "b", "noise"])
    line = Logistic(features=["a", "b", "noise"], weights=[1.0, -1.0, 0.0], bias=0.2, mean=[0.0] * 3,
                    scale=[1.0] * 3)
    Blend(parts=[line, trees], weights=[0.5, 0.5], threshold=0.3, notes={"model": "blend"}).save("b", folder=tmp_path)
    loaded = load_model("b", folder=tmp_path)
    assert isinstance(loaded, Blend) and loaded.threshold == 0.3 and loaded.features == ["a", "b", "noise"]
    assert isinstance(loaded.parts[0], Logistic) and isinstance(loaded.parts[1], Boosted)
    for row in rows[:50]:
        assert loaded.probability(row) == pytest.approx((line.probability(row) + trees.probability(row)) / 2)
    # one tree a line, so that a refit's diff can be read
    lines = (tmp_path / "b.json").read_text().splitlines()
    assert sum(line.lstrip().startswith('{"feature":') for line in lines) == len(trees.trees) == 30
    assert max(map(len, (line for line in lines if '"feature":' not in line))) < 200


def test_folds_hold_out_whole_batches() -> None:
    _, _, batches = _data()
    for train, test in batch_folds(batches):
        assert not {batches[i] for i in train} & {batches[i] for i in test}


def test_trees_beat_a_straight_line_where_the_pattern_is_not_one(monkeypatch) -> None:
    """The refit's own chooser, over two short settings of the same kind (the refit's three, of 300 to 600 trees each
    in ten folds, took 22 s here to learn a pattern sixty trees learn)."""
    from sklearn.metrics import roc_auc_score

    import fit_boosted as fitting

    monkeypatch.setattr(fitting, "CONFIGS", tuple({**c, "max_iter": 60} for c in fitting.CONFIGS[:2]))
    rows, y, batches = _data()
    auc = lambda scores: roc_auc_score(y, scores)  # noqa: E731
    model, info = fit_boosted(rows, y, batches, ["a", "b", "noise"], metric=auc)
    assert info["cv_metric"] > 0.9 > auc(logistic_oof(rows, y, batches, ["a", "b", "noise"], 1.0))
    assert model.probability({"a": 1.0, "b": 1.0, "noise": 0.0}) < 0.5 < model.probability(
        {"a": 1.0, "b": 0.0, "noise": 0.0})


def test_the_blend_takes_the_logistic_share_that_scores_best_and_never_less_than_0_3() -> None:
    """The share is chosen on held-out predictions; where the trees alone would score best, the line keeps 0.3 of it
    (the trees alone refuse plain questions unlike most they were fitted on)."""
    from sklearn.metrics import roc_auc_score

    y = np.array([0, 0, 0, 1, 1, 1])
    trees = np.array([0.1, 0.2, 0.3, 0.7, 0.8, 0.9])  # ranks every question right
    line = np.array([0.9, 0.2, 0.3, 0.0, 0.8, 0.9])  # ranks one unanswerable question first, an answerable last
    share, blends = choose_share(line, trees, metric=lambda s: roc_auc_score(y, s))
    assert share == min(LOGISTIC_SHARES) == 0.3
    assert np.allclose(blends[0.3], 0.3 * line + 0.7 * trees)
    share, _ = choose_share(trees, trees, metric=lambda s: roc_auc_score(y, s))  # a tie: the larger share
    assert share == max(LOGISTIC_SHARES)
