"""Issue 9's "done when": the hostile folder, generated here, is ingested with every bad file named and every good
fact answerable by the real Assistant; no outside or planted text in any answer or any byte of the store; the run
stays within 2 GB and 10 minutes. (The real 60 MB text file and bigger bombs: benchmarks/hostile_ingest.py.)"""

from __future__ import annotations

import re

import json
import os
import subprocess
import sys
import threading
import time
from pathlib import Path

import pytest

from assistant.findings import FindingsAnswerer
from assistant.pipeline import Assistant
from assistant.status import status_notes
from ingest.indexer import sync
from ingest.limits import ReadLimits
from ingest.store import KnowledgeStore
from tests.conftest import ROOT
from tests.support.hostile_files import CASELOAD_TITLE, PLANTED, SENTINEL_HR, build


class TreeMemory:
    """Peak resident memory of this process plus its children (the parse worker), sampled from /proc, over what
    they held when sampling began: in a whole-suite run the test process already holds what earlier tests
    loaded (and their servers), which a refresh run on its own never carries."""

    def __init__(self) -> None:
        self.peak_kb = 0
        self.baseline_kb = self._tree_kb()
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._run, daemon=True)

    def __enter__(self) -> "TreeMemory":
        self._thread.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self._stop.set()
        self._thread.join()

    @staticmethod
    def _rss_kb(pid: int) -> int:
        try:
            for line in Path(f"/proc/{pid}/status").read_text().splitlines():
                if line.startswith("VmRSS:"):
                    return int(line.split()[1])
        except OSError:
            pass
        return 0

    @staticmethod
    def _children(pid: int) -> list[int]:
        kids: list[int] = []
        for task in Path(f"/proc/{pid}/task").glob("*"):
            try:
                kids += [int(k) for k in (task / "children").read_text().split()]
            except OSError:
                continue
        return kids

    @classmethod
    def _tree_kb(cls) -> int:
        pids, total = [os.getpid()], 0
        while pids:
            pid = pids.pop()
            total += cls._rss_kb(pid)
            pids += cls._children(pid)
        return total

    def _run(self) -> None:
        while not self._stop.is_set():
            self.peak_kb = max(self.peak_kb, self._tree_kb() - self.baseline_kb)
            self._stop.wait(0.05)


@pytest.fixture(scope="module")
def hostile(tmp_path_factory, embedder):
    root = tmp_path_factory.mktemp("hostile")
    folder = build(root)  # a sparse 60 MB text file, a 2,000,000-paragraph zip bomb, a 2,500-page PDF
    store = KnowledgeStore(root / "store")
    started = time.monotonic()
    with TreeMemory() as memory:
        summary = sync(store, [folder.docs], embedder=embedder, limits=ReadLimits())
    return folder, store, summary, time.monotonic() - started, memory.peak_kb


def test_every_bad_file_is_named_with_its_reason(hostile):
    folder, _, summary, _, _ = hostile
    reasons = {item["source"]: item["reason"] for item in summary.quarantined}
    assert set(reasons) == set(folder.bad)
    for source, fragment in folder.bad.items():
        assert fragment in reasons[source], (source, reasons[source])
    assert summary.duplicates == [{"source": "Copy of caseload-policy.docx", "same_as": "caseload-policy.docx"}]
    assert [f["source"] for f in summary.flagged] == ["home-visits-procedure.md"]
    assert summary.flagged[0]["sentences"] == 3


def test_the_run_stays_within_2_gb_and_10_minutes(hostile):
    *_, seconds, peak_kb = hostile
    print(f"hostile folder: {seconds:.1f} s, peak RSS added by the run (this process and its parse worker) {peak_kb / 1024:.0f} MB")
    assert seconds < 600 and 0 < peak_kb < 2 * 1024 * 1024


def test_every_good_fact_is_answered_by_the_real_assistant_and_nothing_planted_or_outside(hostile, embedder):
    folder, store, _, _, _ = hostile
    assistant = Assistant(store, embedder=embedder, findings=FindingsAnswerer())
    try:
        for question, fact in folder.facts.items():
            answer = assistant.ask(question)
            assert not answer.abstained and fact in answer.answer, (question, answer.answer)
        for question in ("Is supervision still required?", "Are home visits optional?",
                         "What does the HR file say about supervision?", *folder.facts):
            answer = assistant.ask(question)
            shown = json.dumps(answer.to_json())
            assert not any(s.lower() in shown.lower() for s in folder.sentinels), question
            # What the answer states (its cited sentences), not a restatement of the question, must be clean.
            stated = answer.answer.split("The nearest they say:", 1)[-1]
            assert "optional" not in stated and "no longer required" not in stated, (question, answer.answer)
        caseload = assistant.ask("What is the maximum caseload for a social worker in the assessment team?")
        assert [(c.source, c.also) for c in caseload.citations] == [
            ("caseload-policy.docx", ["Copy of caseload-policy.docx"])]
        assert caseload.citations[0].title == CASELOAD_TITLE
    finally:
        assistant.close()


def test_no_byte_of_outside_or_planted_text_is_in_the_store(hostile):
    folder, store, _, _, _ = hostile
    needles = [s.encode() for s in folder.sentinels] + [b"visits are optional", b"Ignore all previous"]
    needles += [s.encode("utf-16-le") for s in (SENTINEL_HR, PLANTED)]
    files = [p for p in store.root.rglob("*") if p.is_file()]
    assert len(files) > 5
    holding = {str(p.relative_to(store.root)): [n for n in needles if n in p.read_bytes()] for p in files}
    assert {k: v for k, v in holding.items() if v} == {}


def test_status_lists_flagged_documents_guessed_encodings_and_duplicates(hostile):
    _, store, _, _, _ = hostile
    result = subprocess.run([sys.executable, str(ROOT / "bot.py"), "status", "--json", "--store", str(store.root)],
                            capture_output=True, text=True, timeout=120, cwd=ROOT)
    info = json.loads(result.stdout)
    assert info["flagged"] == [{"source": "home-visits-procedure.md", "sentences": 3,
                                "patterns": ["addresses-assistant", "answer-instruction", "overrides-guidance"],
                                "sections": ["Visits to children in care / Note"]}]
    assert info["encodings"] == {"out-of-hours.txt": "cp1252", "utf16-leaflet.txt": "utf-16"}
    assert info["duplicates"] == {"caseload-policy.docx": ["Copy of caseload-policy.docx"]}
    assert {q["source"] for q in info["quarantined"]} >= {"staff-supervision-notes.txt", "bomb.docx"}
    text = "\n".join(status_notes(info))  # what `status` prints, line by line
    assert "check: home-visits-procedure.md — 3 sentence(s) withheld" in text
    assert "encoding: out-of-hours.txt — read as cp1252 (guessed)" in text
    assert "encoding: utf16-leaflet.txt — read as utf-16\n" in text


def test_a_second_run_changes_nothing_and_reads_no_file_again(hostile, embedder):
    folder, store, summary, _, _ = hostile
    again = sync(store, [folder.docs], embedder=embedder, limits=ReadLimits())
    assert not again.changed and again.embedded == 0 and again.quarantined == summary.quarantined
    assert sorted(again.unchanged) == sorted(summary.added)
