"""Limits before parsing, and parsing under a time and memory budget, on real hostile files and a real worker."""

from __future__ import annotations

import io
import threading
import time
from pathlib import Path

import pytest

from ingest.boundary import scan
from ingest.indexer import sync
from ingest.limits import LimitExceeded, ReadLimits, check_passages, check_pdf_pages, check_words, check_zip
from ingest.loaders import LoadError
from ingest.parse_pool import ParsePool
from ingest.store import KnowledgeStore
from tests.support.documents import write_docx
from tests.support.hostile_files import write_big_text, write_many_page_pdf, write_zip_bomb_docx

GOOD = "# Supervision\n\nSocial workers in the Riverside team are supervised every four weeks by their team manager.\n"
NO_ZIP_LIMITS = dict(max_zip_ratio=1e9, max_unzipped_mb=1e6)


@pytest.fixture(scope="module")
def bomb(tmp_path_factory) -> Path:
    """2,000,000 paragraphs (115 MB of XML) in a 370 KB .docx."""
    return write_zip_bomb_docx(tmp_path_factory.mktemp("bomb") / "bomb.docx", paragraphs=2_000_000)


def found(folder: Path, name: str):
    return next(f for f in scan([folder]).found if f.source == name)


def test_limits_come_from_settings_and_the_environment(monkeypatch):
    from config.settings import load_settings

    monkeypatch.setenv("KB_MAX_FILE_MB", "5")
    monkeypatch.setenv("KB_REFUSE_SYMLINKS", "true")
    limits = ReadLimits.from_settings(load_settings(parse_timeout_s=30))
    assert (limits.max_file_mb, limits.refuse_symlinks, limits.parse_timeout_s) == (5.0, True, 30.0)
    assert (limits.max_zip_ratio, limits.max_pdf_pages, limits.parse_memory_mb) == (100.0, 2000, 1024)


def test_zip_bomb_is_refused_from_its_directory_before_anything_is_inflated(bomb):
    data = bomb.read_bytes()
    assert len(data) < 1024 * 1024
    with pytest.raises(LimitExceeded, match=r"compressed \d+:1 \(limit 100:1, KB_MAX_ZIP_RATIO\): possible zip bomb"):
        check_zip(data, ReadLimits())
    with pytest.raises(LimitExceeded, match=r"expands to 109.5 MB \(limit 50 MB, KB_MAX_UNZIPPED_MB\)"):
        check_zip(data, ReadLimits(max_unzipped_mb=50))
    ordinary = io.BytesIO()
    write_docx(ordinary, title="Ordinary", sections={"Visits": ["Children are visited every six weeks."] * 50})
    check_zip(ordinary.getvalue(), ReadLimits())  # a real Word document passes


def test_pdf_pages_and_passages_are_counted_before_the_text_is_read(tmp_path):
    pdf = write_many_page_pdf(tmp_path / "manual.pdf", pages=300, lines_per_page=1)
    with pytest.raises(LimitExceeded, match=r"PDF has 300 pages \(limit 100, KB_MAX_PDF_PAGES\)"):
        check_pdf_pages(pdf.read_bytes(), ReadLimits(max_pdf_pages=100))
    check_pdf_pages(pdf.read_bytes(), ReadLimits())
    with pytest.raises(LimitExceeded, match=r"about 10 passages or more \(limit 5, KB_MAX_PASSAGES\)"):
        check_words("word " * 2000, ReadLimits(max_passages=5), words_per_passage=200)
    with pytest.raises(LimitExceeded, match=r"makes 6 passages \(limit 5"):
        check_passages(6, ReadLimits(max_passages=5))


def test_the_worker_is_a_fresh_interpreter_with_an_address_space_limit(tmp_path):
    (tmp_path / "ok.md").write_text(GOOD)
    with ParsePool(ReadLimits(parse_memory_mb=700)) as pool:
        parsed = pool.parse(found(tmp_path, "ok.md"))
        pid = pool._process.pid
        cmdline = Path(f"/proc/{pid}/cmdline").read_bytes().split(b"\0")
        limits = Path(f"/proc/{pid}/limits").read_text()
    assert b"ingest.parse_worker" in cmdline and b"-m" in cmdline  # exec'd, not a fork of this process
    line = next(row for row in limits.splitlines() if row.startswith("Max address space"))
    assert line.split()[3] == str(700 * 1024 * 1024)
    assert "every four weeks" in parsed.passages[0].text and parsed.document.encoding == "utf-8"


def test_a_file_that_needs_too_much_memory_is_refused_and_the_next_file_gets_a_fresh_worker(bomb, tmp_path):
    (tmp_path / "ok.md").write_text(GOOD)
    with ParsePool(ReadLimits(**NO_ZIP_LIMITS, parse_memory_mb=300)) as pool:
        started = time.monotonic()
        with pytest.raises(LoadError, match=r"needed more than 300 MB of memory \(limit KB_PARSE_MEMORY_MB\)"):
            pool.parse(found(bomb.parent, "bomb.docx"))
        assert time.monotonic() - started < 30
        assert "every four weeks" in pool.parse(found(tmp_path, "ok.md")).passages[0].text
        assert pool.started == 2 and pool.peak_worker_kb < 300 * 1024


def test_a_file_that_takes_too_long_is_killed_at_the_time_limit(tmp_path):
    write_big_text(tmp_path / "export.txt", 6, sparse=False)  # about 10 s to split on a quiet machine; limit 1 s
    (tmp_path / "ok.md").write_text(GOOD)
    with ParsePool(ReadLimits(max_passages=10**9, parse_timeout_s=1)) as pool:
        started = time.monotonic()
        with pytest.raises(LimitExceeded, match=r"took longer than 1 s \(limit KB_PARSE_TIMEOUT_S\)"):
            pool.parse(found(tmp_path, "export.txt"))
        assert time.monotonic() - started < 5
        assert "every four weeks" in pool.parse(found(tmp_path, "ok.md")).passages[0].text


def test_a_worker_that_dies_mid_file_is_reported_not_fatal(tmp_path):
    write_big_text(tmp_path / "export.txt", 6, sparse=False)
    (tmp_path / "ok.md").write_text(GOOD)
    pool = ParsePool(ReadLimits(max_passages=10**9, parse_timeout_s=60))
    outcome: list[BaseException] = []

    def parse() -> None:
        try:
            pool.parse(found(tmp_path, "export.txt"))
        except BaseException as exc:  # noqa: BLE001 - collected for the assertion
            outcome.append(exc)

    thread = threading.Thread(target=parse)
    thread.start()
    deadline = time.monotonic() + 20
    while pool._process is None and time.monotonic() < deadline:
        time.sleep(0.05)
    time.sleep(0.5)
    pool._process.kill()  # as the kernel would on a hard failure
    thread.join(30)
    assert outcome and "reading stopped" in str(outcome[0])
    assert "every four weeks" in pool.parse(found(tmp_path, "ok.md")).passages[0].text
    pool.close()


def test_with_limits_hit_the_rest_of_the_folder_is_published(bomb, tmp_path, embedder):
    docs = tmp_path / "docs"
    docs.mkdir()
    (docs / "bomb.docx").write_bytes(bomb.read_bytes())
    write_big_text(docs / "export.txt", 24, sparse=False)  # about 40 s to split on a quiet machine
    (docs / "supervision.md").write_text(GOOD)
    # The bomb fails its memory in about 1 s: the time limit leaves room for a busy machine.
    limits = ReadLimits(**NO_ZIP_LIMITS, parse_memory_mb=300, parse_timeout_s=8, max_passages=10**9)
    started = time.monotonic()
    summary = sync(KnowledgeStore(tmp_path / "store"), [docs], embedder=embedder, limits=limits)
    reasons = {q["source"]: q["reason"] for q in summary.quarantined}
    assert "needed more than 300 MB" in reasons["bomb.docx"] and "took longer than 8 s" in reasons["export.txt"]
    assert summary.added == ["supervision.md"] and summary.version is not None
    assert time.monotonic() - started < 120
