"""Shared fixtures: the real embedding model (loaded once), real stores in temporary folders."""

from __future__ import annotations

import os
import sys
from pathlib import Path

import pytest

os.environ.setdefault("HF_HUB_OFFLINE", "1")
os.environ.setdefault("HF_HUB_DISABLE_PROGRESS_BARS", "1")
os.environ.setdefault("ANONYMIZED_TELEMETRY", "False")
os.environ.setdefault("TOKENIZERS_PARALLELISM", "false")

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from ingest.embedder import MiniLMEmbedder  # noqa: E402
from ingest.indexer import sync  # noqa: E402
from ingest.store import KnowledgeStore  # noqa: E402

SHARED = ROOT.parent / "shared"
KNOWLEDGE = ROOT / "knowledge"


@pytest.fixture(scope="session")
def embedder() -> MiniLMEmbedder:
    """The packaged all-MiniLM-L6-v2, loaded once for the whole run."""
    model = MiniLMEmbedder()
    model.warm()
    return model


def under_ci() -> bool:
    """CI=true (any case, or 1/yes): missing shared material is then a fault, not a reason to skip."""
    return os.environ.get("CI", "").strip().lower() in {"true", "1", "yes"}


def require_shared(folder: Path = SHARED) -> Path:
    """``folder`` (../shared) when it holds corpus/ and eval/dev.jsonl; otherwise skip saying why, or FAIL
    with a clear message under CI. Every test that reads ../shared comes through here (the shared_dir fixture)."""
    if (folder / "corpus").is_dir() and (folder / "eval" / "dev.jsonl").is_file():
        return folder
    what = f"the shared material (corpus/ and eval/dev.jsonl) is missing at {folder}"
    if under_ci():  # CI lays shared/ beside the clone: its absence there is a fault
        pytest.fail(f"CI=true but {what}: lay ../shared beside the clone (this test reads the shared corpus)",
                    pytrace=False)
    pytest.skip(f"{what}: this test reads the shared corpus and cannot run without it")


@pytest.fixture(scope="session")
def shared_dir() -> Path:
    """../shared (corpus and question sets): skipped with a reason when absent, a failure under CI=true."""
    return require_shared()


SHARED_FIXTURES = {"shared_dir", "corpus_store"}


def pytest_collection_modifyitems(config, items) -> None:
    """Mark every test that needs ../shared (``-m needs_shared`` selects them), so CI can prove none skips."""
    for item in items:
        if SHARED_FIXTURES & set(getattr(item, "fixturenames", ())):
            item.add_marker(pytest.mark.needs_shared)


@pytest.fixture(scope="session")
def knowledge_store(tmp_path_factory, embedder) -> KnowledgeStore:
    """A real store holding the project's own sample knowledge base (knowledge/)."""
    root = tmp_path_factory.mktemp("knowledge-store")
    store = KnowledgeStore(root)
    sync(store, [KNOWLEDGE], embedder=embedder)
    return store


@pytest.fixture(scope="session")
def corpus_store(tmp_path_factory, embedder, shared_dir) -> KnowledgeStore:
    """A real store of the shared corpus, built once per run."""
    root = tmp_path_factory.mktemp("corpus-store")
    store = KnowledgeStore(root)
    sync(store, [shared_dir / "corpus"], embedder=embedder)
    return store


@pytest.fixture(scope="module")
def corpus_product(corpus_store, embedder):
    """The shared corpus answered as the product wires it (with structured findings), one per test module."""
    from assistant.findings import FindingsAnswerer
    from assistant.pipeline import Assistant

    a = Assistant(corpus_store, embedder=embedder, findings=FindingsAnswerer())
    yield a
    a.close()


def store_of(root: Path, documents: dict[str, str], embedder) -> KnowledgeStore:
    """A real store under ``root`` holding ``documents`` (file name -> text), indexed as ``ingest`` does."""
    docs = root / "docs"
    docs.mkdir()
    for name, text in documents.items():
        (docs / name).write_text(text)
    store = KnowledgeStore(root / "store")
    sync(store, [docs], embedder=embedder)
    return store


@pytest.fixture
def docs_dir(tmp_path) -> Path:
    """An empty documents folder for a test to fill."""
    folder = tmp_path / "docs"
    folder.mkdir()
    return folder


# A real `chroma run` server (session-scoped) and the embedded/server store parametrization.
from tests.support.chroma import chroma_server, kb_mode, make_kb  # noqa: E402,F401
