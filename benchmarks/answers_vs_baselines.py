"""Our answers against the usual LangChain recipe and plain BM25, on the same questions, in one run.

Baselines, both over DirectoryLoader-style raw text cut by RecursiveCharacterTextSplitter(1000, 200):
- the LangChain recipe: the same all-MiniLM-L6-v2 (HuggingFaceEmbeddings, local path) -> langchain_chroma
  similarity top-10;
- BM25: bm25s over the same chunks (the project's tokeniser: stemmed, stop words removed), top-10.
Neither abstains; its "answer" is its best chunk (about 1,000 characters), so its fact-carried figure is
generous to it. Ours: `bot.py eval`'s pipeline (passages, dense + BM25, fitted ranker, sentence selection,
answerability), which answers in a few sentences or says it cannot.

Default question sets: the question bank's TEST part (only ever run to report) over ../shared/corpus and
knowledge/, and ../shared/eval/dev.jsonl.

Run: .venv/bin/python benchmarks/answers_vs_baselines.py [--set NAME=QUESTIONS.jsonl:CORPUS_DIR ...]
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
os.environ.setdefault("TOKENIZERS_PARALLELISM", "false")
ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
SHARED = ROOT.parent / "shared"

from assistant.evaluation import load_questions, percentile, score  # noqa: E402

DEFAULT_SETS = [
    f"bank-test-corpus={ROOT / 'benchmarks/bank/corpus-test.jsonl'}:{SHARED / 'corpus'}",
    f"bank-test-knowledge={ROOT / 'benchmarks/bank/knowledge-test.jsonl'}:{ROOT / 'knowledge'}",
    f"dev={SHARED / 'eval/dev.jsonl'}:{SHARED / 'corpus'}",
]


def run_ours(questions, corpus: Path, store_dir: Path, embedder) -> tuple[list[dict], float]:
    """The product as `bot.py eval` runs it: the one composition root (findings included), the one refresh."""
    from assistant.cli.progress import run_sync
    from assistant.runtime import Runtime
    from config.settings import load_settings

    runtime = Runtime(load_settings().model_copy(update={"store_dir": store_dir}), embedder=embedder)
    started = time.perf_counter()
    run_sync(runtime, [corpus], quiet=True)
    build = time.perf_counter() - started
    assistant = runtime.assistant
    assistant.warm()
    results = []
    for item in questions:
        answer = assistant.ask(item["question"])
        results.append({
            "abstained": answer.abstained, "outcome": answer.outcome, "answer": answer.answer,
            "retrieved": [{"source": h.passage.source, "text": h.passage.text} for h in answer.hits[:10]],
            "latency_ms": answer.latency_ms,
        })
    assistant.close()
    return results, build


def _chunks(corpus: Path):
    from langchain_core.documents import Document
    from langchain_text_splitters import RecursiveCharacterTextSplitter

    from ingest.loaders import load_file

    docs = []
    for path in sorted(corpus.iterdir()):
        if path.name in {"SOURCES.md", "README.md"} or path.suffix not in {".txt", ".md", ".html", ".docx"}:
            continue
        text, _ = load_file(path)  # the recipe's loaders read these formats as raw text too
        docs.append(Document(page_content=text, metadata={"source": path.name}))
    return RecursiveCharacterTextSplitter(chunk_size=1000, chunk_overlap=200).split_documents(docs)


def _as_result(found: list[tuple[str, str]], started: float) -> dict:
    return {"abstained": False, "outcome": "answered", "answer": found[0][1] if found else "",
            "retrieved": [{"source": s, "text": t} for s, t in found], "latency_ms": (time.perf_counter() - started) * 1000}


def run_langchain(questions, corpus: Path, store_dir: Path) -> tuple[list[dict], float]:
    from langchain_chroma import Chroma
    from langchain_huggingface import HuggingFaceEmbeddings

    from ingest.embedder import packaged_model_path

    started = time.perf_counter()
    embeddings = HuggingFaceEmbeddings(model_name=str(packaged_model_path()), encode_kwargs={"normalize_embeddings": True})
    db = Chroma.from_documents(_chunks(corpus), embeddings, persist_directory=str(store_dir), collection_name="baseline")
    build = time.perf_counter() - started
    db.similarity_search("warm up", k=1)
    results = []
    for item in questions:
        t = time.perf_counter()
        found = db.similarity_search(item["question"], k=10)
        results.append(_as_result([(d.metadata["source"], d.page_content) for d in found], t))
    return results, build


def run_bm25(questions, corpus: Path) -> tuple[list[dict], float]:
    import bm25s

    from ingest.tokens import tokens

    started = time.perf_counter()
    chunks = _chunks(corpus)
    index = bm25s.BM25()
    index.index([tokens(c.page_content) or ["_"] for c in chunks], show_progress=False)
    build = time.perf_counter() - started
    results = []
    for item in questions:
        t = time.perf_counter()
        query = tokens(item["question"]) or ["_"]
        scores = index.get_scores(query)
        best = sorted(range(len(chunks)), key=lambda i: -scores[i])[:10]
        results.append(_as_result([(chunks[i].metadata["source"], chunks[i].page_content) for i in best], t))
    return results, build


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--set", action="append", dest="sets", help="NAME=QUESTIONS.jsonl:CORPUS_DIR (repeatable)")
    args = parser.parse_args()
    from ingest.embedder import MiniLMEmbedder

    embedder = MiniLMEmbedder()
    for spec in args.sets or DEFAULT_SETS:
        name, rest = spec.split("=", 1)
        questions_path, corpus = (Path(p) for p in rest.rsplit(":", 1))
        if not questions_path.is_file() or not corpus.is_dir():
            print(f"{name}: skipped ({questions_path} or {corpus} not found)\n")
            continue
        questions = load_questions(questions_path)
        with tempfile.TemporaryDirectory() as tmp:
            ours, ours_build = run_ours(questions, corpus, Path(tmp) / "ours", embedder)
            recipe, recipe_build = run_langchain(questions, corpus, Path(tmp) / "recipe")
            lexical, lexical_build = run_bm25(questions, corpus)
        rows = [score(questions, r).rows() for r in (ours, recipe, lexical)]
        print(f"## {name}: {len(questions)} questions ({score(questions, ours).answerable} answerable) over {corpus}\n")
        print(f"| {'metric':30} | {'ours':>34} | {'LangChain recipe':>18} | {'BM25':>12} |")
        print(f"|{'-' * 32}|{'-' * 36}:|{'-' * 20}:|{'-' * 14}:|")
        for (metric, a), (_, b), (_, c) in zip(*rows):
            print(f"| {metric:30} | {a:>34} | {b:>18} | {c:>12} |")
        print(f"| {'index build (s)':30} | {ours_build:>34.1f} | {recipe_build:>18.1f} | {lexical_build:>12.1f} |")
        lat = [r["latency_ms"] for r in ours]
        print(f"\nours: warm ask p50 {percentile(lat, 50):.0f} ms, p95 {percentile(lat, 95):.0f} ms, max {max(lat):.0f} ms\n")


if __name__ == "__main__":
    main()
