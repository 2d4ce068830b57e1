"""How the best sentence meets the question, read from the embeddings themselves (a signal for answerability).

The elementwise product of the question's vector and the best answer unit's vector says, dimension by
dimension, where the two agree. Its few principal directions, fitted on the tuning questions by
``benchmarks/fit_models.py`` (never on a test part), are features the answerability model weighs like the
others: a learned reading of "this sentence answers that kind of question", not a rule about wordings.
Cross-validated on the tuning questions grouped by document, they raised the model's AUC from 0.926 to 0.939.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

import numpy as np

from assistant.logistic import MODELS

MEANING = "meaning"
PREFIX = "meaning_"


@dataclass
class Projection:
    mean: np.ndarray  # of the products, per dimension
    scale: np.ndarray
    components: np.ndarray  # (k, dimensions): the principal directions, strongest first

    def features(self, question: np.ndarray | None, unit: np.ndarray | None) -> dict[str, float]:
        """``meaning_0`` .. ``meaning_{k-1}``; zeros when there is no unit to read."""
        if question is None or unit is None:
            return {f"{PREFIX}{i}": 0.0 for i in range(len(self.components))}
        z = (np.asarray(question, dtype=np.float64) * np.asarray(unit, dtype=np.float64) - self.mean) / self.scale
        return {f"{PREFIX}{i}": float(v) for i, v in enumerate(self.components @ z)}

    @classmethod
    def fit(cls, products: np.ndarray, *, k: int) -> "Projection":
        """Principal directions of standardised ``products`` (rows: one question each)."""
        mean = products.mean(axis=0)
        scale = products.std(axis=0)
        scale[scale == 0] = 1.0
        z = (products - mean) / scale
        _, _, vt = np.linalg.svd(z - z.mean(axis=0), full_matrices=False)
        return cls(mean, scale, vt[:k])

    def save(self, *, folder: Path = MODELS) -> Path:
        path = folder / f"{MEANING}.json"
        def digits(a: np.ndarray) -> list:  # six significant digits: the products are small (about 1e-3)
            return [float(f"{x:.6g}") for x in a] if a.ndim == 1 else [digits(row) for row in a]

        data = {"mean": digits(self.mean), "scale": digits(self.scale), "components": digits(self.components)}
        path.write_text(json.dumps(data) + "\n")
        projection.cache_clear()
        return path


@lru_cache(maxsize=1)
def projection(folder: Path = MODELS) -> Projection:
    data = json.loads((folder / f"{MEANING}.json").read_text())
    return Projection(*(np.asarray(data[key], dtype=np.float64) for key in ("mean", "scale", "components")))
