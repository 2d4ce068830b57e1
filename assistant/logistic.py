"""Small fitted logistic models (weights saved as JSON), so run time needs numpy only.

Each model file names its features, so a model fitted on one feature set can
never be applied to another silently; ``benchmarks/fit_models.py`` writes them.
"""

from __future__ import annotations

import json
import math
from dataclasses import dataclass, field
from pathlib import Path
from typing import Mapping

MODELS = Path(__file__).resolve().parent / "models"


@dataclass
class Logistic:
    features: list[str]
    weights: list[float]
    bias: float
    mean: list[float]
    scale: list[float]
    threshold: float = 0.5  # the operating point chosen when the model was fitted
    notes: dict = field(default_factory=dict)

    def probability(self, values: Mapping[str, float]) -> float:
        z = self.bias
        for name, w, m, s in zip(self.features, self.weights, self.mean, self.scale):
            z += w * (float(values[name]) - m) / (s or 1.0)
        return 1.0 / (1.0 + math.exp(-max(-30.0, min(30.0, z))))

    @classmethod
    def load(cls, name: str, *, folder: Path = MODELS) -> "Logistic":
        data = json.loads((folder / f"{name}.json").read_text())
        return cls(**data)

    def save(self, name: str, *, folder: Path = MODELS) -> Path:
        path = folder / f"{name}.json"
        path.write_text(json.dumps(self.__dict__, indent=1) + "\n")
        return path
