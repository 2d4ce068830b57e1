"""Ingest into a real Chroma store with the real model: quarantine, no re-embedding, removal, settings."""

from __future__ import annotations

import subprocess
import sys

import pytest

from config.settings import SettingsError, check_store_writable, load_settings
from ingest.indexer import sync
from ingest.store import KnowledgeStore
from tests.conftest import ROOT
from tests.support.documents import write_bad_files, write_docx, write_pdf, write_scanned_pdf

POLICY = """Title: Supervision Policy
Publisher: Walsall Council
Date: 2024-01-10
Type: procedure
---
Supervision frequency

Social workers receive supervision at least every four weeks. Newly qualified social workers receive
supervision weekly for the first six weeks and fortnightly until six months.

Recording

Supervisors record case decisions on the child's record within two working days.
"""


class CountingEmbedder:
    """The real model, counting what it embeds (our own seam)."""

    def __init__(self, inner):
        self.inner = inner
        self.name, self.dimension = inner.name, inner.dimension
        self.count = 0

    def embed_batch(self, texts):
        self.count += len(texts)
        return self.inner.embed_batch(texts)


def test_ingest_quarantines_bad_files_and_indexes_the_rest(tmp_path, docs_dir, embedder):
    expected = write_bad_files(docs_dir)
    (docs_dir / "supervision.txt").write_text(POLICY)
    write_pdf(docs_dir / "oversight.pdf", ["Management oversight", "Managers record oversight every three months on each open case."])
    store = KnowledgeStore(tmp_path / "store")
    summary = sync(store, [docs_dir], embedder=embedder)
    assert sorted(summary.added) == ["oversight.pdf", "supervision.txt"]
    reasons = {item["source"]: item["reason"] for item in summary.quarantined}
    assert set(reasons) == set(expected)
    for name, fragment in expected.items():
        assert fragment.lower() in reasons[name].lower()
    manifest = store.live().manifest()
    assert manifest.passages == summary.passages > 0
    assert store.live().collection().count() == manifest.passages


def test_a_scanned_image_pdf_is_quarantined_and_the_rest_indexed(tmp_path, docs_dir, embedder):
    from pypdf import PdfReader

    scan = write_scanned_pdf(docs_dir / "scanned-supervision-policy.pdf",
                             ["Supervision Policy", "Social workers receive supervision every four weeks."])
    page = PdfReader(scan).pages[0]  # a real scan: one page holding an image, and no text to extract
    assert any(x["/Subtype"] == "/Image" for x in page["/Resources"]["/XObject"].values())
    assert not (page.extract_text() or "").strip()
    (docs_dir / "supervision.txt").write_text(POLICY)
    store = KnowledgeStore(tmp_path / "store")
    summary = sync(store, [docs_dir], embedder=embedder)
    assert summary.added == ["supervision.txt"]
    assert summary.quarantined == [{"source": "scanned-supervision-policy.pdf",
                                    "reason": "PDF has no extractable text (scanned image?)"}]
    manifest = store.live().manifest()
    assert set(manifest.documents) == {"supervision.txt"}
    assert [q["source"] for q in manifest.quarantined] == ["scanned-supervision-policy.pdf"]
    passages, _ = store.live().passages()
    assert {p.source for p in passages} == {"supervision.txt"}


def test_reingest_embeds_only_what_changed(tmp_path, docs_dir, embedder):
    counting = CountingEmbedder(embedder)
    (docs_dir / "supervision.txt").write_text(POLICY)
    write_docx(docs_dir / "timescales.docx", title="Assessment Timescales",
               sections={"Assessments": ["Assessments are completed within 45 working days of referral."]})
    store = KnowledgeStore(tmp_path / "store")
    first = sync(store, [docs_dir], embedder=counting)
    assert first.embedded > 0 and first.units_embedded >= first.embedded
    assert first.embedded + first.units_embedded == counting.count  # passages, then their answer units

    counting.count = 0
    again = sync(store, [docs_dir], embedder=counting)
    assert (again.changed, counting.count, again.version) == (False, 0, first.version)
    assert sorted(again.unchanged) == ["supervision.txt", "timescales.docx"]

    (docs_dir / "supervision.txt").write_text(POLICY.replace("four weeks", "three weeks"))
    changed = sync(store, [docs_dir], embedder=counting)
    assert changed.updated == ["supervision.txt"] and changed.unchanged == ["timescales.docx"]
    assert changed.embedded == store.live().manifest().documents["supervision.txt"]["passages"]
    assert counting.count == changed.embedded + changed.units_embedded  # nothing of timescales.docx again
    texts = [p.text for p in store.live().passages()[0]]
    assert any("three weeks" in t for t in texts) and not any("every four weeks" in t for t in texts)

    (docs_dir / "timescales.docx").unlink()
    removed = sync(store, [docs_dir], embedder=counting)
    assert removed.removed == ["timescales.docx"]
    assert {p.source for p in store.live().passages()[0]} == {"supervision.txt"}


def test_a_document_that_becomes_unreadable_keeps_its_last_good_version(tmp_path, docs_dir, embedder):
    (docs_dir / "supervision.txt").write_text(POLICY)
    store = KnowledgeStore(tmp_path / "store")
    sync(store, [docs_dir], embedder=embedder)
    (docs_dir / "supervision.txt").write_bytes(b"\x00\x01\x02" * 100)
    summary = sync(store, [docs_dir], embedder=embedder)
    assert summary.kept_last_good == ["supervision.txt"]
    assert {p.source for p in store.live().passages()[0]} == {"supervision.txt"}


def test_cli_ingest_prints_quarantine_lines(tmp_path, docs_dir):
    write_bad_files(docs_dir)
    (docs_dir / "supervision.txt").write_text(POLICY)
    result = subprocess.run(
        [sys.executable, str(ROOT / "bot.py"), "ingest", str(docs_dir), "--store", str(tmp_path / "store")],
        capture_output=True, text=True, timeout=300, cwd=ROOT,
    )
    assert result.returncode == 0, result.stderr[-2000:]
    assert "quarantined: empty.txt — empty file" in result.stderr
    assert "quarantined: locked.pdf — encrypted PDF" in result.stderr
    assert "1 documents" in result.stderr or "1 document" in result.stderr


def test_settings_are_validated_with_clear_messages(tmp_path, monkeypatch):
    monkeypatch.setenv("KB_TOP_K", "500")
    with pytest.raises(SettingsError, match="top_k"):
        load_settings()
    monkeypatch.delenv("KB_TOP_K")
    monkeypatch.setenv("KB_SOURCES", f"{tmp_path}/a, {tmp_path}/b")
    monkeypatch.setenv("CHROMA_HOST", "chroma.internal")
    settings = load_settings()
    assert [p.name for p in settings.sources] == ["a", "b"] and settings.chroma_host == "chroma.internal"
    blocker = tmp_path / "file"
    blocker.write_text("x")
    with pytest.raises(SettingsError, match="cannot be written"):
        check_store_writable(blocker / "store")


def test_settings_file_is_read(tmp_path, monkeypatch):
    config = tmp_path / "settings.toml"
    config.write_text('top_k = 7\nmanagers = ["U123"]\nllm_provider = "none"\n')
    monkeypatch.setenv("KB_CONFIG_FILE", str(config))
    settings = load_settings()
    assert settings.top_k == 7 and settings.managers == ["U123"]
    monkeypatch.setenv("KB_TOP_K", "3")  # the environment wins over the file
    assert load_settings().top_k == 3
