"""Small fitted boosted-tree models (trees saved as JSON), so run time needs no scikit-learn.

A model of this kind is the sum of many shallow regression trees over named
features, turned into a probability by the logistic function, as scikit-learn's
``HistGradientBoostingClassifier`` predicts; ``benchmarks/fit_models.py`` fits one
and writes its trees here, blended with the logistic model (``Blend``), when that
generalises better than the logistic model alone to batches of questions it was
not fitted on. ``load_model`` reads every kind.
"""

from __future__ import annotations

import json
import math
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Mapping

from assistant.logistic import MODELS, Logistic

# One tree: parallel lists, node 0 its root. A node with is_leaf 1 holds its value; any other sends a row left
# when its feature is at most the threshold (right otherwise; a missing value goes where missing_left says).
_TREE_KEYS = ("feature", "threshold", "missing_left", "left", "right", "value", "is_leaf")


@dataclass
class Boosted:
    features: list[str]
    baseline: float
    trees: list[dict[str, list]]
    threshold: float = 0.5  # the operating point chosen when the model was fitted
    notes: dict = field(default_factory=dict)
    kind: str = "boosted"

    def score(self, values: Mapping[str, float]) -> float:
        """The raw score: the baseline plus every tree's leaf for these values."""
        row = [float(values[name]) for name in self.features]
        total = self.baseline
        for tree in self.trees:
            node = 0
            while not tree["is_leaf"][node]:
                x = row[tree["feature"][node]]
                left = tree["missing_left"][node] if math.isnan(x) else x <= tree["threshold"][node]
                node = tree["left"][node] if left else tree["right"][node]
            total += tree["value"][node]
        return total

    def probability(self, values: Mapping[str, float]) -> float:
        return 1.0 / (1.0 + math.exp(-max(-30.0, min(30.0, self.score(values)))))

    @classmethod
    def from_sklearn(cls, model, features: list[str], **kwargs) -> "Boosted":
        """The trees of a fitted binary ``HistGradientBoostingClassifier`` on numerical features."""
        trees = []
        for (predictor,) in model._predictors:
            nodes = predictor.nodes
            trees.append({
                "feature": [int(v) for v in nodes["feature_idx"]],
                "threshold": [float(v) for v in nodes["num_threshold"]],
                "missing_left": [int(v) for v in nodes["missing_go_to_left"]],
                "left": [int(v) for v in nodes["left"]],
                "right": [int(v) for v in nodes["right"]],
                "value": [float(v) for v in nodes["value"]],
                "is_leaf": [int(v) for v in nodes["is_leaf"]],
            })
        return cls(features=list(features), baseline=float(model._baseline_prediction.ravel()[0]), trees=trees,
                   **kwargs)

    def save(self, name: str, *, folder: Path = MODELS) -> Path:
        path = folder / f"{name}.json"
        path.write_text(_dumps(self.__dict__))
        return path


@dataclass
class Blend:
    """The weighted mean of several models' probabilities. The answerability model is the logistic model and boosted
    trees (0.3 and 0.7 since the forty-sixth session; equal parts before): the trees learn what a straight line
    cannot, the line keeps answering questions unlike most the trees were fitted on ("how often should supervision
    occur", one key term on a four-document knowledge base, has a lexical score the trees learnt to distrust)."""

    parts: list
    weights: list[float]
    threshold: float = 0.5
    notes: dict = field(default_factory=dict)
    kind: str = "blend"

    @property
    def features(self) -> list[str]:
        return self.parts[0].features

    def probability(self, values: Mapping[str, float]) -> float:
        return sum(w * part.probability(values) for w, part in zip(self.weights, self.parts)) / sum(self.weights)

    def save(self, name: str, *, folder: Path = MODELS) -> Path:
        path = folder / f"{name}.json"
        parts = [{**part.__dict__, "kind": "boosted"} if isinstance(part, Boosted) else dict(part.__dict__)
                 for part in self.parts]
        data = {"kind": self.kind, "weights": self.weights, "threshold": self.threshold, "notes": self.notes,
                "parts": parts}
        path.write_text(_dumps(data))
        return path


def _dumps(data: dict) -> str:
    """A model as JSON laid out one setting a line and one tree a line, so that a refit's diff can be read."""
    trees: list[str] = []

    def placed(value):
        if isinstance(value, dict):
            if "is_leaf" in value:  # a tree
                trees.append(json.dumps({k: value[k] for k in _TREE_KEYS}, separators=(",", ":")))
                return f"@@tree {len(trees) - 1}@@"
            return {k: placed(v) for k, v in value.items()}
        return [placed(v) for v in value] if isinstance(value, list) else value

    text = json.dumps(placed(data), indent=1)
    return re.sub(r'"@@tree (\d+)@@"', lambda m: trees[int(m.group(1))], text) + "\n"


def _model(data: dict) -> Logistic | Boosted | Blend:
    if data.get("kind") == "blend":
        return Blend(**{**data, "parts": [_model(part) for part in data["parts"]]})
    if data.get("kind") == "boosted":
        return Boosted(**data)
    return Logistic(**data)


def load_model(name: str, *, folder: Path = MODELS) -> Logistic | Boosted | Blend:
    """The fitted model saved as ``name``: a blend, boosted trees, or a logistic model (files without a kind)."""
    return _model(json.loads((folder / f"{name}.json").read_text()))
