"""The whole retriever at scale, embedded or on a `chroma run` server, with synthetic documents and vectors.

    python benchmarks/scale.py --passages 100000 [--server] [--queries 300] [--json]

Synthetic text files (made-up words, about 50 passages each) go through the real refresh (`ingest.indexer.sync`:
scan, hash, parse worker, split, Chroma, the saved lexical index, unit vectors, findings), with a deterministic
stand-in for the model that turns each text into a random unit vector near its document's (embedding 100k passages with the model
would take over an hour here and would not change how the store answers). Then:

- ``one_doc_refresh_s``: one document edited, `sync` again (what a refresh with one change costs);
- a separate reader process, like a bot replica, opens the live version (``reload_s``: `Retriever` ready and its
  first question answered), asks ``--queries`` questions through `Retriever.search` with precomputed query vectors
  (``query_p50_ms``/``query_p95_ms``; the model's ~20 ms per question is the same in every mode and left out)
  and reports its peak resident memory (``bot_rss_mb``, without the model's own ~0.3 GB).

``--direct`` (for a million passages) skips the files and writes the version straight from the generator.

Prints one JSON object: passages, build_s, reload_s, query_p50_ms, query_p95_ms, bot_rss_mb, one_doc_refresh_s,
server (and a few details). ``--keep DIR`` leaves the store there.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import os
import random
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
for key, value in {"ANONYMIZED_TELEMETRY": "False", "TOKENIZERS_PARALLELISM": "false", "HF_HUB_OFFLINE": "1"}.items():
    os.environ.setdefault(key, value)

from ingest.store import KnowledgeStore  # noqa: E402

DIM = 384
PER_DOCUMENT = 50  # passages the splitter makes of one synthetic document (measured, not assumed: see passages)
SYLLABLES = ["ka", "lo", "mi", "ren", "sa", "tu", "vo", "pel", "dri", "nas", "cor", "bel", "fa", "gun", "hi"]


class SyntheticEmbedder:
    """Stands in for the model: each text becomes a fixed random unit vector (seeded by the text)."""

    name = "synthetic-384"
    dimension = DIM

    def embed_batch(self, texts) -> list[list[float]]:
        return [self.vector(t).tolist() for t in texts]

    @staticmethod
    def vector(text: str) -> np.ndarray:
        """A document's passages lie near each other, as real embeddings do: the heading line (the document's
        title) seeds a direction shared by its passages, the text its own."""
        heading, _, rest = text.partition("\n")
        v = _random(heading) + 0.8 * _random(rest) if rest else _random(text)
        return (v / np.linalg.norm(v)).astype(np.float32)


def _random(text: str) -> np.ndarray:
    seed = int.from_bytes(hashlib.blake2b(text.encode(), digest_size=8).digest(), "little")
    return np.random.default_rng(seed).standard_normal(DIM).astype(np.float32)


def vocabulary(seed: int = 7) -> list[str]:
    rng = random.Random(seed)
    return sorted({"".join(rng.choices(SYLLABLES, k=rng.randint(2, 4))) for _ in range(12000)})


def document(rng: random.Random, words: list[str], number: int, *, paragraphs: int = PER_DOCUMENT) -> str:
    """A synthetic document of ``paragraphs`` paragraphs of about 150 words (one passage each)."""
    parts = [f"Synthetic procedure {number}"]
    for _ in range(paragraphs):
        sentences = [" ".join(rng.choices(words, k=rng.randint(12, 18))).capitalize() + "." for _ in range(10)]
        parts.append(" ".join(sentences))
    return "\n\n".join(parts) + "\n"


def write_corpus(folder: Path, passages: int) -> int:
    folder.mkdir(parents=True)
    words, rng = vocabulary(), random.Random(3)
    count = max(1, round(passages / PER_DOCUMENT))
    for number in range(count):
        (folder / f"synthetic-{number:05d}.txt").write_text(document(rng, words, number))
    return count


def synthetic_passages(count: int):
    """Passages in (source, position) order, made without files (``--direct``): 50 per document."""
    from ingest.models import Passage

    words, rng = vocabulary(), random.Random(3)
    for i in range(count):
        number, position = divmod(i, PER_DOCUMENT)
        text = " ".join(" ".join(rng.choices(words, k=rng.randint(12, 18))).capitalize() + "." for _ in range(10))
        yield Passage(id=f"p{i:07d}", source=f"synthetic-{number:05d}.txt", text=text,
                      title=f"Synthetic procedure {number}", section="", date="2024-01-01", doc_type="procedure",
                      url="", authorities=[], position=position, content_hash=f"h{number}")


def build_direct(store: KnowledgeStore, count: int) -> None:
    """Write a version straight from synthetic passages through the version lifecycle: Chroma and the saved
    lexical index, but no parsing, findings or unit vectors (readers then embed a hit's units at query time)."""
    from datetime import datetime, timezone

    from ingest import ranges
    from ingest.lexical import LexicalIndex
    from ingest.lifecycle import build_version
    from ingest.versions import Manifest

    documents: dict[str, dict] = {}
    with build_version(store) as draft:
        version = draft.version
        version.collection(create=True)

        def added(write):
            batch = []
            for passage in synthetic_passages(count):
                documents.setdefault(passage.source, {"hash": passage.content_hash, "title": passage.title,
                                                      "passages": 0})["passages"] += 1
                batch.append(passage)
                if len(batch) == 5000:
                    yield from _add(write, batch)
                    batch = []
            yield from _add(write, batch)

        with version.writer() as write:  # Chroma stores one batch while the next is made and tokenised
            lexical = LexicalIndex.build_ordered(added(write))
        lexical.save(version.path)
        if version.number:  # as the refresh does in server mode: every passage's record is this version's own
            ranges.Starts.of(dict.fromkeys(map(bytes.decode, lexical.ids), version.number)).save(version.path)
        draft.manifest = Manifest(version=version.name, created=datetime.now(timezone.utc).isoformat(timespec="seconds"),
                                  model=SyntheticEmbedder.name, dimension=DIM, documents=documents, passages=count)


def _add(write, batch):
    """Vectors as the refresh path's stand-in makes them (near their document's direction): uniformly random
    384-d vectors have no neighbourhoods, and at 1,000,000 of them Chroma's HNSW found a stored vector's own
    record 18 times in 60 (measured), so the version failed its smoke check."""
    if batch:
        write(batch, SyntheticEmbedder().embed_batch([p.embedding_text() for p in batch]))
    return batch


def percentile(values: list[float], share: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(share * len(ordered)))]


def make_queries(store: KnowledgeStore, count: int, path: Path) -> None:
    """Questions made of a sampled passage's words, with that passage's vector plus noise."""
    from ingest.lexical import LexicalIndex

    version = store.live()
    lexical = LexicalIndex.open(version.path)
    rng = random.Random(11)
    rows = rng.sample(range(len(lexical)), min(count, len(lexical)))
    picked = version.fetch([lexical.passage_id(r) for r in rows])
    noise = np.random.default_rng(5)
    out = []
    for passage, stored in picked:
        v = stored + 0.05 * noise.standard_normal(DIM).astype(np.float32)
        out.append({"text": " ".join(rng.sample(passage.text.rstrip(".").split(), 6)) + "?",
                    "vector": (v / np.linalg.norm(v)).tolist()})
    store.release(version)
    path.write_text(json.dumps(out))


def recall(store: KnowledgeStore, queries: Path, *, samples: int, direct: bool, k: int = 40) -> tuple[float, float]:
    """Share of the exact (brute-force cosine) top ``k`` over the live version's stored vectors that
    ``IndexVersion.query`` returns, and the share a plain Chroma query of the collection returns, averaged over
    ``samples`` of the benchmark's questions."""
    from ingest import ranges

    version = store.live()
    collection, ids, rows = version.collection(), [], []
    if direct:  # the vectors build_direct wrote, made again in the same order (reading 1M over HTTP takes long)
        passages = list(synthetic_passages(version.manifest().passages))
        ids = [p.id for p in passages]
        rows = [SyntheticEmbedder.vector(p.embedding_text())[None, :] for p in passages]
    else:
        for offset in range(0, collection.count(), 4000):
            got = collection.get(limit=4000, offset=offset, include=["embeddings", "metadatas"])
            for rid, meta, vector in zip(got["ids"], got["metadatas"], got["embeddings"]):
                if not version.number or ranges.holds(meta, version.number):  # exact over this version only
                    ids.append(str(meta["pid"]) if version.number else rid)
                    rows.append(np.asarray(vector, dtype=np.float32)[None, :])
    matrix = np.concatenate(rows)
    matrix /= np.linalg.norm(matrix, axis=1, keepdims=True)
    shares, raw = [], []
    for question in json.loads(queries.read_text())[:samples]:
        vector = np.asarray(question["vector"], dtype=np.float32)
        exact = {ids[i] for i in np.argsort(-(matrix @ vector))[:k]}
        shares.append(len(exact & {pid for pid, _ in version.query(vector.tolist(), k=k)}) / k)
        plain = collection.query(query_embeddings=[vector.tolist()], n_results=k, include=[])["ids"][0]
        raw.append(len(exact & {rid.partition("@")[0] for rid in plain}) / k)
    store.release(version)
    return round(float(np.mean(shares)), 4), round(float(np.mean(raw)), 4)


def reader(args: argparse.Namespace) -> None:
    """A bot replica: open the live version, answer the questions, report timings and peak memory."""
    import bm25s  # noqa: F401  (a running bot has these loaded already: not part of a reload)
    import chromadb  # noqa: F401

    from assistant.retriever import Retriever
    from assistant.understand import understand

    store = KnowledgeStore(args.store, chroma_host=args.chroma_host, chroma_port=args.chroma_port)
    questions = json.loads(Path(args.queries_file).read_text())
    parsed = [(understand(q["text"]), q["vector"]) for q in questions]
    rss_before = _rss_mb("VmRSS")
    started = time.perf_counter()
    retriever = Retriever(store.reader(), embedder=SyntheticEmbedder())
    first = parsed[0]
    retriever.search(first[0], k=10, query_vector=first[1])
    reload_s = time.perf_counter() - started
    latencies = []
    for query, vector in parsed:
        started = time.perf_counter()
        retriever.search(query, k=10, query_vector=vector)
        latencies.append((time.perf_counter() - started) * 1000)
    store.close_reader(retriever.version)
    print(json.dumps({"reload_s": round(reload_s, 2), "query_p50_ms": round(statistics.median(latencies), 1),
                      "query_p95_ms": round(percentile(latencies, 0.95), 1), "bot_rss_mb": round(_rss_mb("VmHWM")),
                      "rss_before_open_mb": round(rss_before),
                      # After the questions: pages of mapped files (the lexical index) against the process's own.
                      "rss_file_mb": round(_rss_mb("RssFile")), "rss_anon_mb": round(_rss_mb("RssAnon"))}))


def _rss_mb(field: str) -> float:
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith(field + ":"):
            return int(line.split()[1]) / 1024
    return 0.0


def run(args: argparse.Namespace) -> dict:
    from ingest.indexer import sync

    work = Path(args.keep or tempfile.mkdtemp(prefix="kb-scale-"))
    work.mkdir(parents=True, exist_ok=True)
    server = None
    try:
        docs = work / "docs"
        if not args.direct:
            write_corpus(docs, args.passages)
        host = port = None
        if args.server:
            from tests.support.chroma import start_chroma

            server = start_chroma(work / "chroma-data", timeout=120)
            host, port = server.host, server.port
        store = KnowledgeStore(work / "store", chroma_host=host, chroma_port=port or 8000)
        embedder = SyntheticEmbedder()
        started = time.perf_counter()
        if args.direct:
            build_direct(store, args.passages)
        else:
            built = sync(store, [docs], embedder=embedder)
        build_s = time.perf_counter() - started
        refresh_s = refreshed = None
        if not args.direct:
            edited = docs / "synthetic-00000.txt"
            edited.write_text(edited.read_text().replace("Synthetic procedure 0", "Synthetic procedure 0 (revised)"))
            started = time.perf_counter()
            refreshed = sync(store, [docs], embedder=embedder)
            refresh_s = round(time.perf_counter() - started, 1)
            assert refreshed.updated == [edited.name], refreshed.updated
        print(f"built in {build_s:.0f} s, one-document refresh {refresh_s} s", file=sys.stderr, flush=True)
        make_queries(store, args.queries, work / "queries.json")
        command = [sys.executable, __file__, "--reader", "--store", str(store.root), "--queries-file",
                   str(work / "queries.json")] + (["--chroma-host", host, "--chroma-port", str(port)] if host else [])
        measured = json.loads(subprocess.run(command, check=True, capture_output=True, text=True).stdout)
        recall_at_40 = recall(store, work / "queries.json", samples=args.recall, direct=args.direct) if args.recall else (None, None)
        live = store.live().manifest()
        return {"recall_at_40": recall_at_40[0], "chroma_unfiltered_recall_at_40": recall_at_40[1], "passages": live.passages, "build_s": round(build_s, 1), "reload_s": measured["reload_s"],
                "query_p50_ms": measured["query_p50_ms"], "query_p95_ms": measured["query_p95_ms"],
                "bot_rss_mb": measured["bot_rss_mb"], "one_doc_refresh_s": refresh_s,
                "server": bool(args.server), "documents": len(live.documents), "queries": args.queries,
                "rss_before_open_mb": measured["rss_before_open_mb"], "rss_file_mb": measured["rss_file_mb"],
                "rss_anon_mb": measured["rss_anon_mb"], "direct": bool(args.direct),
                "refresh_embedded": refreshed.embedded if refreshed else None}
    finally:
        if server is not None:
            from tests.support.chroma import stop_chroma

            stop_chroma(server)
        if not args.keep:
            shutil.rmtree(work, ignore_errors=True)


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--passages", type=int, default=100_000)
    parser.add_argument("--queries", type=int, default=300)
    parser.add_argument("--server", action="store_true", help="store passages in a `chroma run` server")
    parser.add_argument("--json", action="store_true", help="print only the JSON object")
    parser.add_argument("--direct", action="store_true",
                        help="write the version straight from synthetic passages (no files, parsing, findings, unit "
                             "vectors or one-document refresh): for 1,000,000 passages")
    parser.add_argument("--recall", type=int, default=50, metavar="N",
                        help="compare the dense top 40 with an exact brute-force top 40 for N questions (0: skip)")
    parser.add_argument("--keep", type=Path, default=None, help="work in this folder and leave it")
    parser.add_argument("--reader", action="store_true", help=argparse.SUPPRESS)
    parser.add_argument("--store", type=Path, help=argparse.SUPPRESS)
    parser.add_argument("--queries-file", help=argparse.SUPPRESS)
    parser.add_argument("--chroma-host", default=None, help=argparse.SUPPRESS)
    parser.add_argument("--chroma-port", type=int, default=8000, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.reader:
        reader(args)
        return
    result = run(args)
    if not args.json:
        mode = "server" if result["server"] else "embedded"
        print(f"{result['passages']} passages ({mode}): build {result['build_s']} s, one-document refresh "
              f"{result['one_doc_refresh_s']} s, reload {result['reload_s']} s, query p50 {result['query_p50_ms']} ms "
              f"p95 {result['query_p95_ms']} ms, bot RSS {result['bot_rss_mb']} MB")
    print(json.dumps(result))


if __name__ == "__main__":
    main()
