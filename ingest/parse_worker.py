"""The parse worker: ``python -m ingest.parse_worker MEMORY_MB`` reads one file per request, inside a memory limit.

It runs as its own small interpreter (started by ``ingest.parse_pool`` with
fork+exec, never a fork of a process holding the embedding model's or Chroma's
threads) and limits its own address space (``RLIMIT_AS``) before it reads
anything. Requests and replies are JSON, one per line, on stdin and stdout;
a reply carries the document, its passages, and what was withheld, or a
one-line reason. The parent enforces the wall-time limit by killing it.

Per file: the same-file check of ``ingest.boundary``, the limits of
``ingest.limits``, then load, metadata, injection screening and splitting.
"""

from __future__ import annotations

import json
import resource
import sys
from dataclasses import asdict
from pathlib import Path
from typing import Any

from ingest.boundary import Found, Moved, read_found
from ingest.injection import flagged, mark, unmark
from ingest.limits import MB, LimitExceeded, ReadLimits, check_container, check_passages, check_size, check_words
from ingest.loaders import LoadError, check_type, load_bytes
from ingest.metadata import build_document
from ingest.splitter import MAX_WORDS, split_document

MEMORY_REASON = "reading needed more than {mb} MB of memory (limit KB_PARSE_MEMORY_MB), skipped"


def parse(request: dict[str, Any]) -> dict[str, Any]:
    """One request (a :class:`Found` and the limits) to one reply (``ok`` with the document, or a ``reason``)."""
    limits = ReadLimits(**request["limits"])
    found = Found(request["source"], Path(request["path"]), request["device"], request["inode"], request["size"])
    try:
        check_type(found.source)
        check_size(found.size, limits)
        data = read_found(found, max_bytes=int(limits.max_file_mb * MB))
        check_container(found.source, data, limits=limits)
        raw, hints = load_bytes(found.source, data)
        document = build_document(source=found.source, path=Path(found.source), raw=raw, hints=hints, data=data)
        del data, raw
        document.encoding = hints.get("encoding", "")
        check_words(document.text, limits, words_per_passage=MAX_WORDS)
        return _screened(document, limits)
    except (LoadError, LimitExceeded) as exc:
        return {"ok": False, "reason": str(exc)}
    except Moved:
        return {"ok": False, "reason": "the file changed while it was being read; it will be read next time"}
    except OSError as exc:
        return {"ok": False, "reason": f"cannot read file ({exc.strerror or type(exc).__name__})"}
    except RecursionError:
        return {"ok": False, "reason": "unreadable: nested too deeply"}
    except MemoryError:
        raise
    except Exception as exc:  # a parser's own failure on a damaged file: its type is the reason
        return {"ok": False, "reason": f"unreadable file ({type(exc).__name__})"}


def _screened(document, limits: ReadLimits) -> dict[str, Any]:
    """Split ``document`` with flagged sentences withheld (ingest.injection); the reply for it."""
    withheld: list[dict[str, Any]] = []
    if flagged(document.title):
        withheld.append({"position": -1, "section": "(title)", "patterns": flagged(document.title), "sentences": 1})
        document.title = Path(document.source).stem.replace("-", " ").replace("_", " ").strip().capitalize()
    document.text, _ = mark(document.text)
    passages = []
    for passage in split_document(document):
        passage.text, names = unmark(passage.text)
        if names:
            passage.flags = sorted(set(names))
            withheld.append({"position": passage.position, "section": passage.section, "patterns": passage.flags,
                             "sentences": len(names)})
        if passage.text.strip():
            passages.append(passage)
    document.text, _ = unmark(document.text)
    check_passages(len(passages), limits)
    if not passages:
        return {"ok": False, "reason": "no passages could be cut from the text"}
    return {"ok": True, "document": asdict(document), "passages": [asdict(p) for p in passages],
            "withheld": withheld}


def main(argv: list[str]) -> int:
    memory_mb = int(argv[0])
    import charset_normalizer, docx, pypdf  # noqa: F401,E401 - loaded once, inside the limit's accounting

    resource.setrlimit(resource.RLIMIT_AS, (memory_mb * MB, memory_mb * MB))
    out = sys.stdout.buffer
    for line in sys.stdin.buffer:
        try:
            reply = parse(json.loads(line))
            encoded = json.dumps(reply, ensure_ascii=False).encode()
        except MemoryError:
            reply = {"ok": False, "reason": MEMORY_REASON.format(mb=memory_mb), "restart": True}
            encoded = json.dumps(reply).encode()
        out.write(encoded + b"\n")
        out.flush()
        if reply.get("restart"):
            return 0  # a fresh process for the next file: the heap may be fragmented or poisoned
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
