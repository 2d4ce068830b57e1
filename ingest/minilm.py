"""all-MiniLM-L6-v2's forward pass in plain torch, read from the packaged model folder.

The same computation as sentence-transformers' Transformer, mean Pooling and Normalize modules for this model (a
6-layer BERT, 384 dimensions, texts cut at 256 tokens), from the same ``model.safetensors`` and ``tokenizer.json``,
without importing sentence-transformers and transformers: a cold process (every ``bot.py`` command that answers or
indexes) then starts in about a third of the time. ``tests/unit/ingest/test_minilm.py`` holds it to
sentence-transformers' vectors (the largest difference is float rounding, about 2e-7).
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Sequence

MAX_TOKENS = 256  # sentence_bert_config.json's max_seq_length: longer texts are cut, as sentence-transformers cuts them


class MiniLM:
    """Unit-length mean-pooled vectors from the BERT weights at ``path``."""

    def __init__(self, path: Path, *, max_tokens: int = MAX_TOKENS) -> None:
        import torch
        from safetensors.torch import load_file
        from tokenizers import Tokenizer

        self._torch = torch
        config = json.loads((path / "config.json").read_text())
        if config.get("hidden_act") != "gelu" or config.get("position_embedding_type", "absolute") != "absolute":
            raise ValueError(f"{path} is not a BERT model this forward pass computes")
        self.heads = config["num_attention_heads"]
        self.layers = config["num_hidden_layers"]
        self.eps = config["layer_norm_eps"]
        self.dimension = config["hidden_size"]
        self._w = {k.removeprefix("bert."): v for k, v in load_file(str(path / "model.safetensors")).items()}
        self.tokenizer = Tokenizer.from_file(str(path / "tokenizer.json"))
        self.tokenizer.enable_truncation(max_length=max_tokens)
        self.tokenizer.enable_padding(pad_id=config.get("pad_token_id", 0), pad_token="[PAD]")

    def _norm(self, x, name: str):
        return self._torch.nn.functional.layer_norm(x, (x.shape[-1],), self._w[f"{name}.weight"],
                                                    self._w[f"{name}.bias"], self.eps)

    def _linear(self, x, name: str):
        return self._torch.nn.functional.linear(x, self._w[f"{name}.weight"], self._w[f"{name}.bias"])

    def encode(self, texts: Sequence[str]) -> list[list[float]]:
        """One vector per text, in order (one batch: the caller sizes it)."""
        torch, F, w = self._torch, self._torch.nn.functional, self._w
        encoded = self.tokenizer.encode_batch(list(texts))
        ids = torch.tensor([e.ids for e in encoded])
        mask = torch.tensor([e.attention_mask for e in encoded])
        types = torch.tensor([e.type_ids for e in encoded])
        with torch.inference_mode():
            n, length = ids.shape
            x = (w["embeddings.word_embeddings.weight"][ids] + w["embeddings.position_embeddings.weight"][:length]
                 + w["embeddings.token_type_embeddings.weight"][types])
            x = self._norm(x, "embeddings.LayerNorm")
            attend = mask.bool()[:, None, None, :]  # no token attends to padding
            size = self.dimension // self.heads
            for i in range(self.layers):
                layer = f"encoder.layer.{i}"
                q, k, v = (self._linear(x, f"{layer}.attention.self.{part}").view(n, length, self.heads, size)
                           .transpose(1, 2) for part in ("query", "key", "value"))
                heads = F.scaled_dot_product_attention(q, k, v, attn_mask=attend).transpose(1, 2).reshape(n, length, -1)
                x = self._norm(self._linear(heads, f"{layer}.attention.output.dense") + x,
                               f"{layer}.attention.output.LayerNorm")
                inner = F.gelu(self._linear(x, f"{layer}.intermediate.dense"))
                x = self._norm(self._linear(inner, f"{layer}.output.dense") + x, f"{layer}.output.LayerNorm")
            weights = mask.unsqueeze(-1).to(x.dtype)
            pooled = (x * weights).sum(1) / weights.sum(1).clamp(min=1e-9)  # the mean of the text's own tokens
            return F.normalize(pooled, p=2, dim=1).tolist()
