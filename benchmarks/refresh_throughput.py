"""Refresh and build measurements over the shared corpus, printed side by side in one run.

    python benchmarks/refresh_throughput.py [--corpus ../shared/corpus] [--rounds 2]

1. Full build throughput: `sync` into an empty store (load, split, embed, write
   to Chroma, check, publish) in passages per second, next to the bare model's
   `embed_batch` over the very same passage texts, rounds interleaved.
2. Refresh with nothing changed: `sync` seconds, and `python bot.py refresh` wall-clock.
3. One changed document: how many passages are re-embedded, against that document's passages.
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
os.environ.setdefault("HF_HUB_OFFLINE", "1")
os.environ.setdefault("HF_HUB_DISABLE_PROGRESS_BARS", "1")
os.environ.setdefault("ANONYMIZED_TELEMETRY", "False")
os.environ.setdefault("TOKENIZERS_PARALLELISM", "false")

from ingest.embedder import MiniLMEmbedder  # noqa: E402
from ingest.indexer import sync  # noqa: E402
from ingest.store import KnowledgeStore  # noqa: E402


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--corpus", type=Path, default=ROOT.parent / "shared" / "corpus")
    parser.add_argument("--rounds", type=int, default=2)
    args = parser.parse_args()
    work = Path(tempfile.mkdtemp(prefix="kb-bench-"))
    docs = shutil.copytree(args.corpus, work / "docs")
    embedder = MiniLMEmbedder()
    embedder.warm()

    # 1. Throughput, interleaved: model, pipeline, model, pipeline...
    texts: list[str] = []
    model_rates, pipeline_rates, store = [], [], None
    for round_ in range(args.rounds):
        store = KnowledgeStore(work / f"store-{round_}")
        if texts:
            model_rates.append(_model_rate(embedder, texts))
        started = time.perf_counter()
        summary = sync(store, [docs], embedder=embedder)
        pipeline_rates.append(summary.passages / (time.perf_counter() - started))
        if not texts:
            version = store.live()
            texts = [p.embedding_text() for p in version.passages()[0]]
            store.release(version)
            model_rates.append(_model_rate(embedder, texts))
    model_rate, pipeline_rate = statistics.mean(model_rates), statistics.mean(pipeline_rates)

    # 2. Nothing changed.
    noop = [sync(store, [docs], embedder=embedder) for _ in range(5)]
    assert not any(s.changed for s in noop)
    env = {**os.environ, "KB_STORE_DIR": str(store.root)}
    started = time.perf_counter()
    subprocess.run([sys.executable, str(ROOT / "bot.py"), "refresh", "--source", str(docs), "--json"],
                   env=env, check=True, capture_output=True)
    cli_noop = time.perf_counter() - started

    # 3. One changed document.
    changed_doc = sorted(docs.glob("*.txt"))[0]
    with changed_doc.open("a") as handle:
        handle.write("\nA closing note added for the refresh benchmark: the procedure was reviewed this year.\n")
    one = sync(store, [docs], embedder=embedder)
    doc_passages = store.live().manifest().documents[changed_doc.name]["passages"]

    results = {
        "documents": summary.documents, "passages": summary.passages,
        "pipeline_passages_per_s": round(pipeline_rate, 2), "model_passages_per_s": round(model_rate, 2),
        "pipeline_rounds": [round(r, 2) for r in pipeline_rates], "model_rounds": [round(r, 2) for r in model_rates],
        "ratio": round(pipeline_rate / model_rate, 3),
        "noop_sync_s_median": round(statistics.median(s.seconds for s in noop), 4),
        "noop_sync_s_max": round(max(s.seconds for s in noop), 4),
        "noop_cli_wall_s": round(cli_noop, 2),
        "one_changed": {"document": changed_doc.name, "embedded": one.embedded, "document_passages": doc_passages,
                        "unchanged_documents": len(one.unchanged), "seconds": round(one.seconds, 2)},
    }
    print(f"corpus: {summary.documents} documents, {summary.passages} passages")
    print(f"full build   pipeline {pipeline_rate:6.1f} passages/s | bare model {model_rate:6.1f} passages/s "
          f"| ratio {pipeline_rate / model_rate:.2f}")
    print(f"no-op        sync median {results['noop_sync_s_median']:.4f} s, max {results['noop_sync_s_max']:.4f} s "
          f"| `bot.py refresh` wall-clock {cli_noop:.2f} s")
    print(f"one changed  {changed_doc.name}: embedded {one.embedded} (document has {doc_passages} passages; "
          f"{len(one.unchanged)} documents untouched) in {one.seconds:.2f} s")
    print(json.dumps(results))
    shutil.rmtree(work, ignore_errors=True)


def _model_rate(embedder: MiniLMEmbedder, texts: list[str]) -> float:
    started = time.perf_counter()
    embedder.embed_batch(texts)
    return len(texts) / (time.perf_counter() - started)


if __name__ == "__main__":
    main()
