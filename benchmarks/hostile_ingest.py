"""Ingest the hostile folder at its real sizes and print time and peak memory side by side.

    python benchmarks/hostile_ingest.py [--corpus ../shared/corpus] [--json]

The folder (tests/support/hostile_files.py, real sizes): a real 60 MB text file, a zip-bomb .docx
(5,000,000 paragraphs), a 10,000-page PDF (40 lines a page), links out of the folder, loops, a dangling link,
lock and hidden files, a cp1252 procedure, planted instructions, a duplicate, good documents, and the shared
corpus when present.

1. Per file, through the parse worker alone: each big file under the default limits and with the limits
   before parsing raised out of the way ("budget": only the worker's time and memory budget stands).
2. Whole runs, each a fresh process, its process tree's resident memory sampled from /proc every 50 ms:
     good            `bot.py ingest` of the ordinary documents only (the normal time)
     hostile         `bot.py ingest` of the whole folder, default limits (under /usr/bin/time -v)
     budget+model    the whole folder with the limits before parsing raised, the embedding model loaded
                     before the run as in `serve`: the worst case for memory (model and worker at once)
"""

from __future__ import annotations

import argparse
import json
import os
import re
import shutil
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from ingest.boundary import scan  # noqa: E402
from ingest.limits import LimitExceeded, ReadLimits, check_size  # noqa: E402
from ingest.loaders import LoadError  # noqa: E402
from ingest.parse_pool import ParsePool  # noqa: E402
from tests.support.hostile_files import build  # noqa: E402

BIG = ("case-notes-export.txt", "bomb.docx", "huge-manual.pdf")
BUDGET = {"KB_MAX_FILE_MB": "100", "KB_MAX_ZIP_RATIO": "1000000", "KB_MAX_UNZIPPED_MB": "100000",
          "KB_MAX_PDF_PAGES": "1000000"}
ENV = {"HF_HUB_OFFLINE": "1", "HF_HUB_DISABLE_PROGRESS_BARS": "1", "TOKENIZERS_PARALLELISM": "false",
       "ANONYMIZED_TELEMETRY": "False", "KB_LOG_LEVEL": "WARNING"}


def tree_rss_kb(pid: int) -> int:
    total, pids = 0, [pid]
    while pids:
        current = pids.pop()
        try:
            status = Path(f"/proc/{current}/status").read_text()
            found = re.search(r"VmRSS:\s+(\d+)", status)
            total += int(found.group(1)) if found else 0
            for task in Path(f"/proc/{current}/task").iterdir():
                pids += [int(k) for k in (task / "children").read_text().split()]
        except OSError:
            continue
    return total


def per_file(folder: Path) -> list[dict]:
    """Each big file through the parse worker alone: outcome, seconds, the worker's peak memory."""
    rows = []
    found = {f.source: f for f in scan([folder]).found}
    for label, limits in (("default", ReadLimits()),
                          ("budget", ReadLimits(max_file_mb=100, max_zip_ratio=1e6, max_unzipped_mb=1e5,
                                                max_pdf_pages=10**6))):
        for name in BIG:
            started = time.monotonic()
            with ParsePool(limits) as pool:
                try:
                    check_size(found[name].size, limits)
                    outcome = f"read: {len(pool.parse(found[name]).passages)} passages"
                except (LoadError, LimitExceeded) as exc:
                    outcome = str(exc)
                peak = pool.peak_worker_kb
            rows.append({"limits": label, "file": name, "seconds": round(time.monotonic() - started, 1),
                         "worker_peak_mb": round(peak / 1024), "outcome": outcome})
    return rows


def run(command: list[str], env_extra: dict[str, str]) -> dict:
    env = dict(os.environ, **ENV, **env_extra)
    started = time.monotonic()
    process = subprocess.Popen(command, cwd=ROOT, env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    peak = {"kb": 0}

    def sample() -> None:
        while process.poll() is None:
            peak["kb"] = max(peak["kb"], tree_rss_kb(process.pid))
            time.sleep(0.05)

    sampler = threading.Thread(target=sample, daemon=True)
    sampler.start()
    out, err = process.communicate()
    seconds = time.monotonic() - started
    sampler.join()
    max_rss = re.search(r"Maximum resident set size \(kbytes\): (\d+)", err)
    summary = re.search(r"knowledge base updated: (\d+) documents, (\d+) passages", err) or \
        re.search(r'"documents": (\d+), .*"passages": (\d+)', out)
    return {"exit": process.returncode, "seconds": round(seconds, 1), "tree_peak_mb": round(peak["kb"] / 1024),
            "largest_process_mb": round(int(max_rss.group(1)) / 1024) if max_rss else None,
            "documents": int(summary.group(1)) if summary else None,
            "passages": int(summary.group(2)) if summary else None}


def child(folder: Path, store: Path) -> None:
    """The `serve`-like run: the model loaded and warm first, then one refresh with the limits from the environment."""
    from config.settings import load_settings
    from ingest.embedder import MiniLMEmbedder
    from ingest.indexer import sync
    from ingest.store import KnowledgeStore

    embedder = MiniLMEmbedder()
    embedder.embed_batch(["warm up"] * 32)
    summary = sync(KnowledgeStore(store), [folder], embedder=embedder,
                   limits=ReadLimits.from_settings(load_settings(store_dir=store)))
    print(json.dumps({"documents": summary.documents, "passages": summary.passages,
                      "quarantined": summary.quarantined}))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--corpus", type=Path, default=ROOT.parent / "shared" / "corpus")
    parser.add_argument("--json", action="store_true")
    parser.add_argument("--child", nargs=2, type=Path, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child:
        child(*args.child)
        return
    work = Path(tempfile.mkdtemp(prefix="kb-hostile-"))
    try:
        started = time.monotonic()
        folder = build(work / "hostile", big_text_mb=60, sparse=False, bomb_paragraphs=5_000_000, pdf_pages=10_000,
                       pdf_lines=40)
        good = work / "good"
        good.mkdir()
        for path in folder.docs.iterdir():
            if not path.is_symlink() and path.name not in folder.bad:
                shutil.copy(path, good / path.name)
        if args.corpus.is_dir():
            shutil.copytree(args.corpus, good / "corpus")
            shutil.copytree(args.corpus, folder.docs / "corpus")
        built = time.monotonic() - started
        sizes = {name: round((folder.docs / name).stat().st_size / 1e6, 2) for name in BIG}
        files = per_file(folder.docs)
        bot = [sys.executable, str(ROOT / "bot.py"), "ingest"]
        runs = {
            "good": run([*bot, str(good), "--store", str(work / "s-good")], {}),
            "hostile": run(["/usr/bin/time", "-v", *bot, str(folder.docs), "--store", str(work / "s-hostile")], {}),
            "budget+model": run(["/usr/bin/time", "-v", sys.executable, __file__, "--child", str(folder.docs),
                                 str(work / "s-budget")], BUDGET),
        }
        load = os.getloadavg()
        if args.json:
            print(json.dumps({"built_s": round(built, 1), "sizes_mb": sizes, "per_file": files, "runs": runs,
                              "loadavg": load}, indent=1))
            return
        print(f"folder built in {built:.1f} s; sizes (MB): {sizes}; load average at the end: "
              f"{load[0]:.1f} {load[1]:.1f} {load[2]:.1f} (2 cores)")
        print(f"\n{'limits':<8} {'file':<22} {'s':>6} {'worker MB':>10}  outcome")
        for row in files:
            print(f"{row['limits']:<8} {row['file']:<22} {row['seconds']:>6} {row['worker_peak_mb']:>10}  {row['outcome']}")
        print(f"\n{'run':<13} {'exit':>4} {'wall s':>7} {'tree peak MB':>13} {'largest proc MB':>16} {'docs':>5} "
              f"{'passages':>9}")
        for name, r in runs.items():
            print(f"{name:<13} {r['exit']:>4} {r['seconds']:>7} {r['tree_peak_mb']:>13} "
                  f"{str(r['largest_process_mb']):>16} {str(r['documents']):>5} {str(r['passages']):>9}")
    finally:
        shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()
