"""The fresh batches (benchmarks/fresh/): questions written from the documents alone, after the bank's split, to
choose between changes. Every gold quote and fact must be verbatim, every id unique, and about a third of the
questions unanswerable, so the figures they give mean what they say."""

from __future__ import annotations

import html
import json
import re
from pathlib import Path

import pytest

from tests.conftest import ROOT

FRESH = ROOT / "benchmarks" / "fresh"
# Every batch on disk, each with a corpus and a knowledge part (checked below): a new batch is checked without an edit.
BATCHES = sorted({p.stem.split("-")[0] for p in FRESH.glob("batch*-*.jsonl")}, key=lambda b: int(b[5:]))


def _body(path: Path) -> str:
    if path.suffix == ".docx":
        import docx

        return "\n".join(p.text for p in docx.Document(str(path)).paragraphs)
    text = path.read_text(encoding="utf-8")
    if path.suffix == ".html":
        return html.unescape(re.sub(r"<[^>]+>", " ", text)) + "\n" + text
    # the metadata header too: a question about the document itself ("whats the date on our supervision policy",
    # batch 37) quotes it, though no passage holds it (such a question counts as a miss at hit@1)
    return text


def _rows(name: str) -> list[dict]:
    return [json.loads(line) for line in (FRESH / name).read_text(encoding="utf-8").splitlines() if line.strip()]


def _check(rows: list[dict], docs: Path) -> None:
    assert len({r["id"] for r in rows}) == len(rows)
    unanswerable = [r for r in rows if not r["answerable"]]
    assert 0.25 <= len(unanswerable) / len(rows) <= 0.45
    assert all(not r["gold"] for r in unanswerable)
    for row in rows:
        for gold in row["gold"]:
            # white space as a reader sees it: a sentence may break across the lines of a Markdown or HTML source
            assert " ".join(gold["quote"].split()) in " ".join(_body(docs / gold["file"]).split()), (row["id"],
                                                                                                  gold["file"])
        if row["answerable"]:  # one fact, or one per part of a two-part question (the bank's "facts")
            facts = row.get("facts") or [row["fact"]]
            assert all(any(fact in g["quote"] for g in row["gold"]) for fact in facts), row["id"]


@pytest.mark.parametrize("batch", BATCHES)
def test_a_corpus_batch_quotes_its_documents_verbatim(batch: str, shared_dir: Path) -> None:
    _check(_rows(f"{batch}-corpus.jsonl"), shared_dir / "corpus")


@pytest.mark.parametrize("batch", BATCHES)
def test_a_knowledge_batch_quotes_its_documents_verbatim(batch: str) -> None:
    _check(_rows(f"{batch}-knowledge.jsonl"), ROOT / "knowledge")


def test_every_batch_has_both_parts_and_none_is_missing() -> None:
    assert BATCHES == [f"batch{n}" for n in range(1, len(BATCHES) + 1)] and len(BATCHES) >= 13
    for batch in BATCHES:
        assert (FRESH / f"{batch}-corpus.jsonl").is_file() and (FRESH / f"{batch}-knowledge.jsonl").is_file(), batch
