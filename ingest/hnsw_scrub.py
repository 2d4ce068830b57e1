"""Zero the unused capacity Chroma writes into its HNSW files.

Chroma (1.5.9, embedded) saves each HNSW segment's ``data_level0.bin`` and
``length.bin`` at their full allocated capacity, and the slots past the stored
element count hold whatever the process's heap held before: we found a
forgotten document's text and metadata there. It rewrites these files every
time a process opens the collection, readers included. The writer scrubs each
version it builds once Chroma has closed it, and ``forget`` scrubs every kept
version at its end; a process that opens a version later can write its own
stale heap bytes again (docs/refresh.md). Only bytes past the count in
``header.bin`` are touched; an unexpected header leaves the files alone.
"""

from __future__ import annotations

import struct
from pathlib import Path

# hnswlib persist format 1: version, offsetLevel0, max_elements, cur_element_count, size_data_per_element
_HEADER = struct.Struct("<iQQQQ")


def scrub_chroma_folder(folder: Path) -> int:
    """Zero unused HNSW capacity in every segment under ``folder``; returns the bytes zeroed."""
    zeroed = 0
    for header in sorted(folder.glob("*/header.bin")):
        data = header.read_bytes()
        if len(data) < _HEADER.size:
            continue
        version, _offset, max_elements, count, element_size = _HEADER.unpack_from(data)
        if version != 1 or count > max_elements or element_size == 0:
            continue
        zeroed += _zero_tail(header.parent / "data_level0.bin", count * element_size)
        zeroed += _zero_tail(header.parent / "length.bin", count * 4)
    return zeroed


def _zero_tail(path: Path, keep: int) -> int:
    if not path.is_file():
        return 0
    size = path.stat().st_size
    if size <= keep:
        return 0
    with open(path, "r+b") as handle:
        handle.seek(keep)
        remaining = size - keep
        while remaining:
            chunk = min(remaining, 1 << 20)
            handle.write(b"\0" * chunk)
            remaining -= chunk
        handle.flush()
    return size - keep


def main(argv: list[str] | None = None) -> int:
    """``python -m ingest.hnsw_scrub DIR ...``: scrub Chroma folders no process has open (e.g. a stopped server's)."""
    import sys

    folders = [Path(arg) for arg in (argv if argv is not None else sys.argv[1:])]
    if not folders:
        print("usage: python -m ingest.hnsw_scrub CHROMA_FOLDER ...", file=sys.stderr)
        return 2
    for folder in folders:
        print(f"{folder}: {scrub_chroma_folder(folder)} bytes zeroed")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
