"""Query latency at scale: 100,000 synthetic passages, embedded store against a real `chroma run` server.

    python benchmarks/scale_query.py [--passages 100000] [--queries 300]

Passages are synthetic: random text from a made-up vocabulary, with random
384-d unit vectors in place of model embeddings (embedding 100k texts with the
model would take over an hour on this machine and would not change how the
store answers). Both stores get the same records through the project's own
`IndexVersion.add`. Latency is measured through the same query path the bot
uses, with precomputed query vectors (the ~20 ms of embedding a question is the
same in both modes and left out):

- ``chroma``: `IndexVersion.query`, Chroma's nearest-neighbour search (k=40, the retriever's candidates);
- ``retriever``: the whole `Retriever.search` (Chroma candidates + BM25 over every passage + fusion).

It also times what a refresh with one changed document costs at this size: copying every unchanged
passage with its embedding from the live version into the new one (`IndexVersion.passages` + `add`).
"""

from __future__ import annotations

import argparse
import json
import os
import random
import shutil
import statistics
import sys
import tempfile
import time
from datetime import datetime, timezone
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
os.environ.setdefault("ANONYMIZED_TELEMETRY", "False")

from assistant.retriever import CANDIDATES, Retriever  # noqa: E402
from assistant.understand import understand  # noqa: E402
from tests.support.chroma import start_chroma, stop_chroma  # noqa: E402
from ingest.models import Passage  # noqa: E402
from ingest.store import KnowledgeStore, Manifest  # noqa: E402

DIM = 384


class VectorsOnly:
    """The retriever needs the model's name and dimension; query vectors are given, so it never embeds."""

    name = "all-MiniLM-L6-v2"
    dimension = DIM

    def embed_batch(self, texts):
        raise AssertionError("the benchmark passes query vectors")


def synthetic(count: int, seed: int = 7) -> tuple[list[Passage], np.ndarray, list[str]]:
    rng = random.Random(seed)
    syllables = ["ka", "lo", "mi", "ren", "sa", "tu", "vo", "pel", "dri", "nas", "cor", "bel", "fa", "gun", "hi"]
    vocabulary = sorted({"".join(rng.choices(syllables, k=rng.randint(2, 4))) for _ in range(12000)})
    passages = []
    for i in range(count):
        source = f"synthetic-{i // 50:05d}.txt"
        text = " ".join(rng.choices(vocabulary, k=rng.randint(40, 90))) + "."
        passages.append(Passage(id=f"p{i:06d}", source=source, text=text, title=f"Synthetic document {i // 50}",
                                section=f"Section {i % 50}", date="2024-01-01", doc_type="procedure", url="",
                                authorities=[], position=i % 50, content_hash=f"h{i // 50}"))
    vectors = np.random.default_rng(seed).standard_normal((count, DIM)).astype(np.float32)
    vectors /= np.linalg.norm(vectors, axis=1, keepdims=True)
    return passages, vectors, vocabulary


def build(store: KnowledgeStore, passages: list[Passage], vectors: np.ndarray) -> float:
    started = time.perf_counter()
    version = store.new_version()
    version.collection(create=True)
    for start in range(0, len(passages), 5000):
        version.add(passages[start:start + 5000], vectors[start:start + 5000].tolist())
    documents = {}
    for p in passages:
        documents.setdefault(p.source, {"hash": p.content_hash, "title": p.title, "passages": 0})["passages"] += 1
    Manifest(version=version.name, created=datetime.now(timezone.utc).isoformat(timespec="seconds"),
             model=VectorsOnly.name, dimension=DIM, documents=documents, passages=len(passages)
             ).save(version.manifest_path)
    store.release(version)
    store.publish(version)
    return time.perf_counter() - started


def percentiles(values: list[float]) -> dict[str, float]:
    ordered = sorted(values)
    return {"p50_ms": round(statistics.median(ordered), 2),
            "p95_ms": round(ordered[min(len(ordered) - 1, int(0.95 * len(ordered)))], 2),
            "mean_ms": round(statistics.mean(ordered), 2)}


def measure(store: KnowledgeStore, queries: np.ndarray, questions: list[str]) -> dict:
    version = store.live()
    for vector in queries[:20]:  # warm-up
        version.query(vector.tolist(), k=CANDIDATES)
    chroma_ms = []
    for vector in queries:
        started = time.perf_counter()
        version.query(vector.tolist(), k=CANDIDATES)
        chroma_ms.append((time.perf_counter() - started) * 1000)
    started = time.perf_counter()
    retriever = Retriever(version, embedder=VectorsOnly())
    load_s = time.perf_counter() - started
    parsed = [understand(q) for q in questions]
    for query, vector in list(zip(parsed, queries))[:10]:
        retriever.search(query, k=10, query_vector=vector.tolist())
    retriever_ms = []
    for query, vector in zip(parsed, queries):
        started = time.perf_counter()
        retriever.search(query, k=10, query_vector=vector.tolist())
        retriever_ms.append((time.perf_counter() - started) * 1000)
    return {"chroma": percentiles(chroma_ms), "retriever": percentiles(retriever_ms),
            "retriever_load_s": round(load_s, 1)}


def copy_cost(store: KnowledgeStore) -> dict[str, float]:
    """Seconds to read every record with its embedding from the live version and write them to a new one."""
    live = store.live()
    started = time.perf_counter()
    passages, vectors = live.passages(with_embeddings=True)
    read_s = time.perf_counter() - started
    version = store.new_version()
    started = time.perf_counter()
    version.add(passages, vectors)
    write_s = time.perf_counter() - started
    store.discard(version)
    store.release(live)
    return {"read_s": round(read_s, 1), "write_s": round(write_s, 1)}


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--passages", type=int, default=100_000)
    parser.add_argument("--queries", type=int, default=300)
    args = parser.parse_args()
    work = Path(tempfile.mkdtemp(prefix="kb-scale-"))
    passages, vectors, vocabulary = synthetic(args.passages)
    rng = np.random.default_rng(11)
    picks = rng.choice(len(passages), size=args.queries, replace=False)
    noisy = vectors[picks] + 0.05 * rng.standard_normal((args.queries, DIM)).astype(np.float32)
    queries = noisy / np.linalg.norm(noisy, axis=1, keepdims=True)
    words = random.Random(5)
    questions = [" ".join(words.choices(vocabulary, k=6)) + "?" for _ in range(args.queries)]

    results = {"passages": args.passages, "queries": args.queries}
    embedded = KnowledgeStore(work / "embedded")
    results["embedded_build_s"] = round(build(embedded, passages, vectors), 1)
    results["embedded"] = measure(embedded, queries, questions)
    results["embedded"]["refresh_copy"] = copy_cost(embedded)
    server = start_chroma(work / "chroma-data")
    try:
        remote = KnowledgeStore(work / "server", chroma_host=server.host, chroma_port=server.port)
        results["server_build_s"] = round(build(remote, passages, vectors), 1)
        results["server"] = measure(remote, queries, questions)
        results["server"]["refresh_copy"] = copy_cost(remote)
    finally:
        stop_chroma(server)
    print(f"{args.passages} passages, {args.queries} queries (latency in ms)")
    print(f"{'':10} {'chroma p50':>11} {'chroma p95':>11} {'retriever p50':>14} {'retriever p95':>14} {'build s':>8}")
    for mode in ("embedded", "server"):
        r = results[mode]
        print(f"{mode:10} {r['chroma']['p50_ms']:11.2f} {r['chroma']['p95_ms']:11.2f} "
              f"{r['retriever']['p50_ms']:14.2f} {r['retriever']['p95_ms']:14.2f} {results[mode + '_build_s']:8.1f}")
    for mode in ("embedded", "server"):
        copy = results[mode]["refresh_copy"]
        print(f"{mode:10} refresh copy of all passages: read {copy['read_s']} s + write {copy['write_s']} s; "
              f"retriever load {results[mode]['retriever_load_s']} s")
    print(json.dumps(results))
    shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()
