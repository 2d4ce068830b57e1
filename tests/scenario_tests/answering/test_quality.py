"""The quality floor on the shared dev set, measured through the `eval` command's own contract."""

from __future__ import annotations

import json
import subprocess
import sys

from assistant.evaluation import contains_quote, load_questions, score
from tests.conftest import ROOT

FLOOR = {"hit@1": 0.8, "hit@5": 0.95, "all_gold_at5": 0.9, "abstained": 0.99, "false_abstentions": 0.05,
         "carries_fact": 0.7}


def test_gold_matching_rule():
    assert contains_quote("Case recording is NOT sufficiently\n up to date, and more.", "case recording is not sufficiently up to date")
    assert contains_quote("xx recording is not sufficiently up to yy", "case recording is not sufficiently up to date")
    assert not contains_quote("recording is late", "case recording is not sufficiently up to date")


def test_eval_on_the_dev_set_meets_the_quality_floor(tmp_path, shared_dir, corpus_store):
    """Run on the session's store of the same corpus, built as ``ingest`` builds it: ``eval`` finds it up to date and
    embeds nothing again (building a store through the command line is tested with ``ingest``)."""
    out = tmp_path / "results.jsonl"
    result = subprocess.run(
        [sys.executable, str(ROOT / "bot.py"), "eval", str(shared_dir / "eval" / "dev.jsonl"),
         "--corpus", str(shared_dir / "corpus"), "--out", str(out), "--store", str(corpus_store.root)],
        capture_output=True, text=True, timeout=900, cwd=ROOT,
    )
    assert result.returncode == 0, result.stderr[-3000:]
    assert "already up to date" in result.stderr  # the index was reused, not rebuilt
    assert "hit@1" in result.stdout and "MRR@10" in result.stdout
    questions = load_questions(shared_dir / "eval" / "dev.jsonl")
    lines = [json.loads(line) for line in out.read_text().splitlines()]
    assert [line["id"] for line in lines] == [q["id"] for q in questions]
    for line in lines:
        assert set(line) >= {"id", "question", "abstained", "answer", "citations", "retrieved", "latency_ms"}
        assert len(line["retrieved"]) == 10
        assert all(set(r) >= {"source", "text", "score"} and "/" not in r["source"] for r in line["retrieved"])
        if not line["abstained"]:
            assert line["citations"] and all(set(c) >= {"source", "text"} for c in line["citations"])
    metrics = score(questions, lines)
    assert metrics.hit_at[1] >= FLOOR["hit@1"], metrics
    assert metrics.hit_at[5] >= FLOOR["hit@5"], metrics
    assert metrics.all_gold_at5 >= FLOOR["all_gold_at5"], metrics
    assert metrics.correct_abstentions >= FLOOR["abstained"], metrics
    assert metrics.false_abstentions <= FLOOR["false_abstentions"], metrics
    assert metrics.carries_fact >= FLOOR["carries_fact"], metrics  # the answer's words state the gold fact
