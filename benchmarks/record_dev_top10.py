"""Record the top 10 passages (ids and sources) and the answer for every dev question, as a test fixture.

    python benchmarks/record_dev_top10.py [--out tests/fixtures/dev_top10.json] [--store DIR]

Run once on the code before a change to the query path; tests/scenario_tests/answering/test_same_top10.py then
asserts that the code after it retrieves the same passages in the same order and gives the same answers.
"""

from __future__ import annotations

import argparse
import json
import os
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
for key, value in {"HF_HUB_OFFLINE": "1", "HF_HUB_DISABLE_PROGRESS_BARS": "1", "TOKENIZERS_PARALLELISM": "false",
                   "ANONYMIZED_TELEMETRY": "False"}.items():
    os.environ.setdefault(key, value)

from assistant.evaluation import load_questions  # noqa: E402
from assistant.pipeline import Assistant  # noqa: E402
from ingest.embedder import MiniLMEmbedder  # noqa: E402
from ingest.indexer import sync  # noqa: E402
from ingest.store import KnowledgeStore  # noqa: E402

SHARED = ROOT.parent / "shared"


def record(store: KnowledgeStore, questions: list[dict], embedder) -> list[dict]:
    """One row per question: its top 10 (rank order) and what the assistant answered."""
    assistant = Assistant(store, embedder=embedder)
    rows = []
    for item in questions:
        answer = assistant.ask(item["question"])
        rows.append({
            "id": item["id"],
            "top10": [{"id": h.passage.id, "source": h.passage.source, "score": round(h.score, 6),
                       "dense": round(h.dense, 6), "lexical": round(h.lexical, 6)} for h in answer.hits[:10]],
            "outcome": answer.outcome,
            "answer": answer.answer,
            "cited": [c.source for c in answer.citations],
        })
    assistant.close()
    return rows


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--out", type=Path, default=ROOT / "tests" / "fixtures" / "dev_top10.json")
    parser.add_argument("--store", type=Path, default=None)
    args = parser.parse_args()
    embedder = MiniLMEmbedder()
    store = KnowledgeStore(args.store or Path(tempfile.mkdtemp(prefix="kb-top10-")))
    sync(store, [SHARED / "corpus"], embedder=embedder)
    rows = record(store, load_questions(SHARED / "eval" / "dev.jsonl"), embedder)
    args.out.write_text(json.dumps(rows, indent=1, ensure_ascii=False) + "\n")
    print(f"{len(rows)} questions recorded in {args.out}")


if __name__ == "__main__":
    main()
