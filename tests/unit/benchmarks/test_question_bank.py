"""The question bank (benchmarks/bank): every check of its validator passes, and the validator can fail."""

from __future__ import annotations

import copy
import importlib.util
import json
from pathlib import Path

import pytest
from tests.conftest import ROOT

BANK = ROOT / "benchmarks" / "bank"
KNOWLEDGE = ROOT / "knowledge"


def _validator():
    spec = importlib.util.spec_from_file_location("bank_validate", BANK / "validate.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


V = _validator()


def _knowledge_rows() -> list[dict]:
    return V.load_rows(BANK / "knowledge.jsonl")


def test_whole_bank_passes_every_check(shared_dir):
    problems, bank = V.validate(shared_dir, KNOWLEDGE)
    assert problems == [], "\n".join(problems)
    every = bank["corpus"] + bank["knowledge"]
    assert len(every) >= 420
    assert sum(1 for row in every if not row["answerable"]) / len(every) >= 0.28


def test_knowledge_half_passes_without_the_shared_corpus():
    problems = V.check_rows(_knowledge_rows(), V.document_texts(KNOWLEDGE), label="knowledge")
    assert problems == [], "\n".join(problems)


def test_validator_reports_a_quote_that_is_not_verbatim():
    rows = copy.deepcopy(_knowledge_rows())
    answerable = next(row for row in rows if row["answerable"])
    answerable["gold"][0]["quote"] = answerable["gold"][0]["quote"].replace(" ", " very ", 1)
    problems = V.check_rows(rows, V.document_texts(KNOWLEDGE), label="knowledge")
    assert any(answerable["id"] in p and "not verbatim" in p for p in problems)


def test_validator_reports_a_fact_missing_from_its_quote_and_a_near_miss_without_nearest():
    rows = copy.deepcopy(_knowledge_rows())
    answerable = next(row for row in rows if row["answerable"] and "fact" in row)
    answerable["fact"] = "within ninety working days"
    near_miss = next(row for row in rows if row["kind"] == "near-miss")
    near_miss["nearest"] = []
    problems = V.check_rows(rows, V.document_texts(KNOWLEDGE), label="knowledge")
    assert any(answerable["id"] in p and "fact" in p for p in problems)
    assert any(near_miss["id"] in p and "nearest" in p for p in problems)


def test_validator_reports_a_repeated_id_and_a_kind_that_contradicts_answerable():
    rows = copy.deepcopy(_knowledge_rows())
    rows[1]["id"] = rows[0]["id"]
    wrong = next(row for row in rows if not row["answerable"])
    wrong["kind"] = "timescale"
    problems = V.check_rows(rows, V.document_texts(KNOWLEDGE), label="knowledge")
    assert any("used 2 times" in p for p in problems)
    assert any(wrong["id"] in p and "does not fit" in p for p in problems)


def test_standard_library_docx_reader_agrees_with_python_docx():
    docx = pytest.importorskip("docx")
    path = KNOWLEDGE / "example-assessment-timescales.docx"
    expected = "\n".join(p.text for p in docx.Document(str(path)).paragraphs)
    assert V.normalise(V.document_text(path)) == V.normalise(expected)


def test_gold_quotes_are_in_the_text_the_project_loaders_produce(shared_dir):
    """The hit rule is applied to the project's passages, so a quote must survive the project's own loader."""
    loaders = pytest.importorskip("ingest.loaders")
    folders = {"knowledge": KNOWLEDGE, "corpus": shared_dir / "corpus"}
    missing = []
    for name, folder in folders.items():
        texts: dict[str, str] = {}
        for row in V.load_rows(BANK / f"{name}.jsonl"):
            for item in row["gold"] + row.get("nearest", []):
                if item["file"] not in texts:
                    text, _hints = loaders.load_file(folder / item["file"])
                    texts[item["file"]] = V.normalise(text)
                if V.normalise(item["quote"]) not in texts[item["file"]]:
                    missing.append(f"{name}:{row['id']} {item['file']}")
    assert missing == [], missing


def test_split_when_made_is_a_partition_with_a_large_enough_test_part():
    if not (BANK / "corpus-test.jsonl").exists():
        pytest.skip("the bank has not been split yet (benchmarks/bank/split.py)")
    bank = {name: V.load_rows(BANK / f"{name}.jsonl") for name in V.BANK_FILES}
    assert V.split_problems(bank) == []
    test = [json.loads(line) for name in V.BANK_FILES
            for line in (BANK / f"{name}-test.jsonl").read_text(encoding="utf-8").splitlines()]
    assert any(not row["answerable"] for row in test) and any(row["answerable"] for row in test)
