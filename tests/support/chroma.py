"""A real `chroma run` server for the tests that run against both store modes.

tests/conftest.py registers the fixtures for every test module: ``kb_mode`` parametrizes
a test over "embedded" and "server"; ``make_kb(root)`` builds a KnowledgeStore in that mode. The server is started once per session on a free
127.0.0.1 port with its own temporary data folder, and stopped afterwards.
"""

from __future__ import annotations

import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path
from typing import Callable

import pytest

from ingest.store import KnowledgeStore

CHROMA = Path(sys.executable).parent / "chroma"


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


class ChromaServer:
    def __init__(self, path: Path, port: int, process: subprocess.Popen) -> None:
        self.path, self.port, self.process, self.host = path, port, process, "127.0.0.1"

    def collections(self) -> list[str]:
        import chromadb

        client = chromadb.HttpClient(host=self.host, port=self.port)
        return sorted(c.name for c in client.list_collections())


def start_chroma(path: Path, *, timeout: float = 30.0, port: int | None = None) -> ChromaServer:
    """Start `chroma run` (on ``port``, or a free one) and wait until its heartbeat answers."""
    if not CHROMA.exists():
        pytest.fail(f"the chroma command is missing at {CHROMA}: install chromadb into this environment")
    port = port or free_port()
    log = open(path.parent / f"chroma-{port}.log", "wb")
    process = subprocess.Popen([str(CHROMA), "run", "--path", str(path), "--host", "127.0.0.1", "--port", str(port)],
                               stdout=log, stderr=subprocess.STDOUT)
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise RuntimeError(f"chroma run exited with {process.returncode}; see {log.name}")
        try:
            with urllib.request.urlopen(f"http://127.0.0.1:{port}/api/v2/heartbeat", timeout=1) as response:
                if response.status == 200:
                    return ChromaServer(path, port, process)
        except OSError:
            time.sleep(0.1)
    process.kill()
    raise RuntimeError(f"chroma run did not answer on port {port} within {timeout} s")


def stop_chroma(server: ChromaServer) -> None:
    server.process.terminate()
    try:
        server.process.wait(timeout=10)
    except subprocess.TimeoutExpired:
        server.process.kill()
        server.process.wait()


@pytest.fixture(scope="session")
def chroma_server(tmp_path_factory) -> ChromaServer:
    """One real Chroma server for the whole run."""
    server = start_chroma(tmp_path_factory.mktemp("chroma-server") / "data")
    yield server
    stop_chroma(server)


@pytest.fixture(params=["embedded", "server"])
def kb_mode(request) -> str:
    return request.param


@pytest.fixture
def make_kb(request, kb_mode) -> Callable[[Path], KnowledgeStore]:
    """Build a KnowledgeStore at a folder, in the mode under test."""
    server = request.getfixturevalue("chroma_server") if kb_mode == "server" else None

    def build(root: Path) -> KnowledgeStore:
        if server is None:
            return KnowledgeStore(root)
        return KnowledgeStore(root, chroma_host=server.host, chroma_port=server.port)

    return build
