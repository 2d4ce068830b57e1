"""Every saved array the project reads is read under one lock (ingest/npy.py): on Python 3.11 two threads parsing
.npy headers at once can fail with "SystemError: AST constructor recursion depth mismatch" (CPython gh-106905),
seen once when a reader opened a new version while another did."""

from __future__ import annotations

import re
import threading
from pathlib import Path

import numpy as np

from ingest import npy
from tests.conftest import ROOT


def _sources() -> list[Path]:
    return [p for folder in ("assistant", "ingest") for p in (ROOT / folder).rglob("*.py")]


def test_no_array_is_read_outside_the_lock() -> None:
    unguarded = []
    for path in _sources():
        if path == ROOT / "ingest" / "npy.py":
            continue
        lines = path.read_text().splitlines()
        for number, line in enumerate(lines):
            code = line.split("#")[0]
            if re.search(r"\b(np|numpy)\.load\(", code) and "npy.READING" not in code:
                unguarded.append(f"{path.relative_to(ROOT)}:{number + 1}")
            if ".BM25.load(" in code and "npy.READING" not in " ".join(lines[max(0, number - 1):number + 1]):
                unguarded.append(f"{path.relative_to(ROOT)}:{number + 1}")
    assert not unguarded, unguarded


def test_the_lock_is_held_while_an_array_is_read(tmp_path: Path, monkeypatch) -> None:
    np.save(tmp_path / "a.npy", np.arange(3))
    held = []
    real = np.load

    def watching(*args, **kwargs):
        held.append(npy.READING._is_owned())  # RLock: owned by this thread while the header is read
        return real(*args, **kwargs)

    monkeypatch.setattr(np, "load", watching)
    assert npy.load(tmp_path / "a.npy").tolist() == [0, 1, 2] and held == [True]
    # Another thread waits for it.
    with npy.READING:
        waiter = threading.Thread(target=npy.load, args=(tmp_path / "a.npy",))
        waiter.start()
        waiter.join(0.2)
        assert waiter.is_alive()
    waiter.join(5)
    assert not waiter.is_alive()
