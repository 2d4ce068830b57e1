"""The model's own forward pass (ingest/minilm.py) gives sentence-transformers' vectors for all-MiniLM-L6-v2, and a
cold process that embeds never imports sentence-transformers or transformers (their import took most of every
command's start-up)."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import numpy as np
import pytest

from ingest.embedder import MiniLMEmbedder, packaged_model_path

ROOT = Path(__file__).resolve().parents[3]


def _texts() -> list[str]:
    """Sentences of the sample knowledge base, and the edges: empty, blank, one word, curly quotes, a text far past
    the 256 tokens the model reads (cut, as sentence-transformers cuts it), numbers and shorthand."""
    body = " ".join(p.read_text(encoding="utf-8", errors="replace") for p in sorted((ROOT / "knowledge").glob("*.md")))
    sentences = [s.strip() for s in body.replace("\n", " ").split(". ") if s.strip()][:120]
    return sentences + ["", "   ", "supervision", "the child’s “voice” – heard?", "s47 strat w/in 15wd of the icpc",
                        " ".join(sentences) * 3, "Ofsted 2023: 35 working days; 4 weekly; £1,200"]


def test_the_vectors_are_sentence_transformers_vectors(embedder) -> None:
    from sentence_transformers import SentenceTransformer

    texts = _texts()
    reference = SentenceTransformer(str(packaged_model_path()), device="cpu").encode(
        texts, batch_size=32, normalize_embeddings=True, show_progress_bar=False)
    ours = np.asarray(embedder.embed_batch(texts))
    assert ours.shape == reference.shape == (len(texts), 384)
    assert np.abs(ours - reference).max() < 1e-5  # float rounding only (about 2e-7 measured)
    assert np.allclose(np.linalg.norm(ours, axis=1), 1.0, atol=1e-5)


def test_each_text_gets_its_own_vector_whatever_the_batch(embedder) -> None:
    texts = _texts()[:40]
    together = np.asarray(embedder.embed_batch(texts))  # sorted by length and batched inside, returned in order
    alone = np.asarray([embedder.embed_batch([t])[0] for t in texts[:8]])
    assert np.abs(together[:8] - alone).max() < 1e-5
    small = MiniLMEmbedder(batch_size=3)
    assert np.abs(np.asarray(small.embed_batch(texts[:10])) - together[:10]).max() < 1e-5


def test_a_cold_process_embeds_without_sentence_transformers_or_transformers() -> None:
    code = ("import sys; from ingest.embedder import MiniLMEmbedder; v = MiniLMEmbedder().embed_batch(['a child']); "
            "print(len(v[0]), 'sentence_transformers' in sys.modules, 'transformers' in sys.modules)")
    done = subprocess.run([sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True, timeout=300,
                          env={"PATH": "/usr/bin:/bin", "HF_HUB_OFFLINE": "1", "PYTHONPATH": str(ROOT)})
    assert done.returncode == 0, done.stderr[-2000:]
    assert done.stdout.split() == ["384", "False", "False"]


def test_a_folder_that_is_no_bert_model_is_refused(tmp_path: Path) -> None:
    from ingest.minilm import MiniLM

    (tmp_path / "config.json").write_text('{"hidden_act": "relu", "num_attention_heads": 1}')
    with pytest.raises(ValueError, match="not a BERT model"):
        MiniLM(tmp_path)
