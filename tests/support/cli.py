"""Run `python bot.py ...` as an operator does: a real process with its own store folder."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent.parent


def bot(*args: str, store: Path, env: dict[str, str] | None = None, timeout: float = 300) -> subprocess.CompletedProcess:
    """``python bot.py ARGS`` against ``store``; returns the finished process (stdout and stderr as text)."""
    environment = {**os.environ, "KB_STORE_DIR": str(store), "HF_HUB_OFFLINE": "1", **(env or {})}
    environment.pop("CHROMA_HOST", None)
    return subprocess.run([sys.executable, str(ROOT / "bot.py"), *args], cwd=ROOT, env=environment,
                          capture_output=True, text=True, timeout=timeout)
