"""Parse files in a worker process under a wall-time and memory budget; a pathological file costs one limit.

:class:`ParsePool` starts ``python -m ingest.parse_worker`` (fork+exec: no
Python code runs in a forked copy of a process holding model or Chroma
threads) on first use and sends it one file at a time. A file that takes
longer than ``parse_timeout_s`` gets its worker killed; one that needs more
than ``parse_memory_mb`` of address space fails inside the worker (which then
exits); either way the file is refused with a one-line reason, the next file
gets a fresh worker, and the run goes on.
"""

from __future__ import annotations

import json
import os
import select
import subprocess
import sys
import time
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any

from ingest.boundary import Found
from ingest.limits import LimitExceeded, ReadLimits
from ingest.loaders import LoadError
from ingest.models import Document, Passage

PROJECT_ROOT = Path(__file__).resolve().parent.parent
READ_CHUNK = 1 << 20


@dataclass
class Parsed:
    document: Document
    passages: list[Passage]
    withheld: list[dict[str, Any]] = field(default_factory=list)  # where flagged sentences were (no text)


class ParsePool:
    """One worker at a time, started lazily, replaced after a limit is hit. Use as a context manager."""

    def __init__(self, limits: ReadLimits) -> None:
        self.limits = limits
        self._process: subprocess.Popen | None = None
        self.started = 0  # workers started (for tests and the benchmark)
        self.peak_worker_kb = 0  # the largest worker's peak resident memory seen

    def __enter__(self) -> "ParsePool":
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def parse(self, found: Found) -> Parsed:
        """The document and passages of ``found``; raises :class:`LoadError` or :class:`LimitExceeded` with a reason."""
        process = self._worker()
        request = {"source": found.source, "path": str(found.path), "device": found.device, "inode": found.inode,
                   "size": found.size, "limits": asdict(self.limits)}
        try:
            process.stdin.write(json.dumps(request).encode() + b"\n")
            process.stdin.flush()
            reply = self._reply(process, deadline=time.monotonic() + self.limits.parse_timeout_s)
        except BrokenPipeError:
            reply = None
        if reply is None:
            self._stop(kill=True)
            raise LimitExceeded(f"reading stopped: the file needed more than {self.limits.parse_memory_mb} MB of memory "
                                "or crashed the reader (KB_PARSE_MEMORY_MB), skipped")
        if reply == "timeout":
            self._stop(kill=True)
            raise LimitExceeded(f"reading took longer than {self.limits.parse_timeout_s:g} s "
                                "(limit KB_PARSE_TIMEOUT_S), skipped")
        if reply.get("restart"):
            self._stop(kill=False)
        if not reply["ok"]:
            raise LoadError(reply["reason"])
        return Parsed(document=Document(**reply["document"]), passages=[Passage(**p) for p in reply["passages"]],
                      withheld=reply.get("withheld", []))

    def _worker(self) -> subprocess.Popen:
        if self._process is None or self._process.poll() is not None:
            self._stop(kill=True)
            env = dict(os.environ)
            env["PYTHONPATH"] = os.pathsep.join(filter(None, [str(PROJECT_ROOT), env.get("PYTHONPATH")]))
            self._process = subprocess.Popen(
                [sys.executable, "-m", "ingest.parse_worker", str(self.limits.parse_memory_mb)],
                stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL,  # stderr: no text in logs
                cwd=PROJECT_ROOT, env=env, close_fds=True,
            )
            self.started += 1
        return self._process

    def _reply(self, process: subprocess.Popen, *, deadline: float) -> dict[str, Any] | str | None:
        """The worker's next reply line; "timeout" past ``deadline``; None when it died first."""
        fd = process.stdout.fileno()
        buffer = bytearray()
        while True:
            remaining = deadline - time.monotonic()
            if remaining <= 0:
                return "timeout"
            ready, _, _ = select.select([fd], [], [], min(remaining, 1.0))
            if not ready:
                self._note_peak(process.pid)
                continue
            chunk = os.read(fd, READ_CHUNK)
            if not chunk:
                return None
            buffer += chunk
            if buffer.endswith(b"\n"):
                self._note_peak(process.pid)
                return json.loads(bytes(buffer))

    def _note_peak(self, pid: int) -> None:
        try:
            for line in Path(f"/proc/{pid}/status").read_text().splitlines():
                if line.startswith("VmHWM:"):
                    self.peak_worker_kb = max(self.peak_worker_kb, int(line.split()[1]))
        except (OSError, ValueError, IndexError):
            pass

    def _stop(self, *, kill: bool) -> None:
        process, self._process = self._process, None
        if process is None:
            return
        if process.poll() is None:
            self._note_peak(process.pid)
        try:
            if kill:
                process.kill()
            else:
                process.stdin.close()
            process.wait(timeout=10)
        except (OSError, subprocess.TimeoutExpired):
            process.kill()
            process.wait()
        finally:
            for stream in (process.stdin, process.stdout):
                try:
                    stream.close()
                except OSError:
                    pass

    def close(self) -> None:
        """Stop the worker (it exits when its input closes)."""
        self._stop(kill=False)
