"""Reading saved arrays while other threads do the same.

numpy parses a ``.npy`` header with ``ast.literal_eval``, and on Python 3.11 the ast module's recursion counter is
shared between threads (CPython gh-106905): a reader opening a new version while another reader, or the refresh,
opens one too can fail with "SystemError: AST constructor recursion depth mismatch" (seen once in
``test_refresh_safety``, from inside ``bm25s.BM25.load``). Every array the project reads goes through
:func:`load`, and bm25s's loader runs under :data:`READING`, so no two of them parse a header at once. With
``mmap_mode`` the lock is held only while the header is read.
"""

from __future__ import annotations

import threading
from pathlib import Path

import numpy as np

READING = threading.RLock()


def load(path: Path | str, **kwargs):
    """``np.load(path, **kwargs)`` with no other thread reading an array header meanwhile."""
    with READING:
        return np.load(path, **kwargs)
