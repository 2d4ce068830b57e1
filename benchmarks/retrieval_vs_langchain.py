"""Our pipeline against the usual LangChain recipe, on the same questions, in one run.

Baseline: DirectoryLoader-style raw text -> RecursiveCharacterTextSplitter(1000, 200) -> the same
all-MiniLM-L6-v2 (HuggingFaceEmbeddings, local path) -> langchain_chroma similarity top-10.
Ours: `bot.py eval`'s pipeline (structure-aware passages, dense + BM25, steering, abstention).

Run: .venv/bin/python benchmarks/retrieval_vs_langchain.py [--questions Q.jsonl] [--corpus DIR]
"""

from __future__ import annotations

import argparse
import os
import sys
import tempfile
import time
from pathlib import Path

os.environ.setdefault("HF_HUB_OFFLINE", "1")
os.environ.setdefault("ANONYMIZED_TELEMETRY", "False")
ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from assistant.evaluation import load_questions, percentile, score  # noqa: E402


def run_ours(questions, corpus: Path, store_dir: Path) -> tuple[list[dict], float]:
    from assistant.pipeline import Assistant
    from ingest.embedder import MiniLMEmbedder
    from ingest.indexer import sync
    from ingest.store import KnowledgeStore

    embedder = MiniLMEmbedder()
    store = KnowledgeStore(store_dir)
    started = time.perf_counter()
    sync(store, [corpus], embedder=embedder)
    build = time.perf_counter() - started
    assistant = Assistant(store, embedder=embedder, threshold=0.40)
    assistant.warm()
    results = []
    for item in questions:
        answer = assistant.ask(item["question"])
        results.append({
            "abstained": answer.abstained,
            "retrieved": [{"source": h.passage.source, "text": h.passage.text} for h in answer.hits[:10]],
            "latency_ms": answer.latency_ms,
        })
    return results, build


def run_langchain(questions, corpus: Path, store_dir: Path) -> tuple[list[dict], float]:
    from langchain_chroma import Chroma
    from langchain_core.documents import Document
    from langchain_huggingface import HuggingFaceEmbeddings
    from langchain_text_splitters import RecursiveCharacterTextSplitter

    from ingest.embedder import packaged_model_path

    started = time.perf_counter()
    docs = [Document(page_content=p.read_text(encoding="utf-8"), metadata={"source": p.name})
            for p in sorted(corpus.glob("*.txt")) if p.name != "SOURCES.md"]
    chunks = RecursiveCharacterTextSplitter(chunk_size=1000, chunk_overlap=200).split_documents(docs)
    embeddings = HuggingFaceEmbeddings(model_name=str(packaged_model_path()), encode_kwargs={"normalize_embeddings": True})
    db = Chroma.from_documents(chunks, embeddings, persist_directory=str(store_dir), collection_name="baseline")
    build = time.perf_counter() - started
    db.similarity_search("warm up", k=1)
    results = []
    for item in questions:
        t = time.perf_counter()
        found = db.similarity_search(item["question"], k=10)
        results.append({
            "abstained": False,  # the recipe always answers
            "retrieved": [{"source": d.metadata["source"], "text": d.page_content} for d in found],
            "latency_ms": (time.perf_counter() - t) * 1000,
        })
    return results, build


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--questions", type=Path, default=ROOT.parent / "shared" / "eval" / "dev.jsonl")
    parser.add_argument("--corpus", type=Path, default=ROOT.parent / "shared" / "corpus")
    args = parser.parse_args()
    questions = load_questions(args.questions)
    with tempfile.TemporaryDirectory() as tmp:
        ours, ours_build = run_ours(questions, args.corpus, Path(tmp) / "ours")
        base, base_build = run_langchain(questions, args.corpus, Path(tmp) / "baseline")
    mine, theirs = score(questions, ours), score(questions, base)
    print(f"{len(questions)} questions ({mine.answerable} answerable) over {args.corpus}\n")
    print(f"{'metric':32} {'ours':>10} {'langchain recipe':>18}")
    for (name, a), (_, b) in zip(mine.rows(), theirs.rows()):
        print(f"{name:32} {a:>10} {b:>18}")
    print(f"{'index build (s)':32} {ours_build:>10.1f} {base_build:>18.1f}")
    lat = [r["latency_ms"] for r in ours]
    print(f"\nours: warm ask latency p50 {percentile(lat, 50):.0f} ms, p95 {percentile(lat, 95):.0f} ms, "
          f"max {max(lat):.0f} ms (embedding, Chroma, BM25, steering, answer composition)")


if __name__ == "__main__":
    main()
