"""Ingest the hostile folder at its real sizes and print wall time and peak memory side by side.

    python benchmarks/hostile_ingest.py [--corpus ../shared/corpus] [--json]

Scenarios, each a fresh `python bot.py ingest` under /usr/bin/time -v, its process tree's resident memory
sampled from /proc every 50 ms (the bot process plus its parse worker):
  good       the ordinary documents only (the shared corpus when present, and the folder's good files)
  hostile    the same plus the hostile files at real sizes, default limits: a real 60 MB text file,
             a zip-bomb .docx (5,000,000 paragraphs), a 10,000-page PDF, links out, loops, lock/hidden files
  budget     the same, with the limits before parsing raised out of the way (KB_MAX_FILE_MB=100,
             zip and page limits off), so that only the parse worker's time and memory budget stands
             between the files and the run
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

from tests.support.hostile_files import build  # noqa: E402

SCENARIOS = {
    "good": {},
    "hostile": {},
    "budget": {"KB_MAX_FILE_MB": "100", "KB_MAX_ZIP_RATIO": "1000000", "KB_MAX_UNZIPPED_MB": "100000",
               "KB_MAX_PDF_PAGES": "1000000"},
}


def tree_rss_kb(pid: int) -> int:
    total, pids = 0, [pid]
    while pids:
        current = pids.pop()
        try:
            status = Path(f"/proc/{current}/status").read_text()
            total += int(re.search(r"VmRSS:\s+(\d+)", status).group(1)) if "VmRSS" in status else 0
            for task in Path(f"/proc/{current}/task").iterdir():
                pids += [int(k) for k in (task / "children").read_text().split()]
        except (OSError, AttributeError):
            continue
    return total


def run(folder: Path, store: Path, env_extra: dict[str, str]) -> dict:
    env = dict(os.environ, HF_HUB_OFFLINE="1", HF_HUB_DISABLE_PROGRESS_BARS="1", TOKENIZERS_PARALLELISM="false",
               ANONYMIZED_TELEMETRY="False", KB_LOG_LEVEL="WARNING", **env_extra)
    command = ["/usr/bin/time", "-v", sys.executable, str(ROOT / "bot.py"), "ingest", str(folder), "--store", str(store)]
    started = time.monotonic()
    process = subprocess.Popen(command, cwd=ROOT, env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    peak = {"kb": 0}

    def sample() -> None:
        while process.poll() is None:
            peak["kb"] = max(peak["kb"], tree_rss_kb(process.pid))
            time.sleep(0.05)

    sampler = threading.Thread(target=sample, daemon=True)
    sampler.start()
    _, err = process.communicate()
    seconds = time.monotonic() - started
    sampler.join()
    max_rss = re.search(r"Maximum resident set size \(kbytes\): (\d+)", err)
    quarantined = [" ".join(line.split()) for line in re.findall(r"^quarantined: .*(?:\n(?!quarantined|duplicate|check)"
                                                               r"\S.*)*", err, re.M)]
    summary = re.search(r"knowledge base updated: (\d+) documents, (\d+) passages", err)
    return {"exit": process.returncode, "seconds": round(seconds, 1), "tree_peak_mb": round(peak["kb"] / 1024),
            "largest_process_mb": round(int(max_rss.group(1)) / 1024) if max_rss else None,
            "documents": int(summary.group(1)) if summary else None,
            "passages": int(summary.group(2)) if summary else None, "quarantined": quarantined}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--corpus", type=Path, default=ROOT.parent / "shared" / "corpus")
    parser.add_argument("--json", action="store_true")
    args = parser.parse_args()
    work = Path(tempfile.mkdtemp(prefix="kb-hostile-"))
    try:
        started = time.monotonic()
        folder = build(work / "hostile", big_text_mb=60, sparse=False, bomb_paragraphs=5_000_000, pdf_pages=10_000)
        good = work / "good"
        good.mkdir()
        for path in folder.docs.iterdir():
            if not path.is_symlink() and path.name not in folder.bad:
                shutil.copy(path, good / path.name)
        if args.corpus.is_dir():
            shutil.copytree(args.corpus, good / "corpus")
            shutil.copytree(args.corpus, folder.docs / "corpus")
        built = time.monotonic() - started
        sizes = {p.name: round(p.stat().st_size / 1e6, 2) for p in folder.docs.iterdir()
                 if p.name in {"case-notes-export.txt", "bomb.docx", "huge-manual.pdf"}}
        results = {}
        for name, extra in SCENARIOS.items():
            results[name] = run(good if name == "good" else folder.docs, work / f"store-{name}", extra)
        if args.json:
            print(json.dumps({"built_s": round(built, 1), "sizes_mb": sizes, "results": results}, indent=1))
            return
        print(f"hostile folder built in {built:.1f} s; file sizes (MB): {sizes}")
        print(f"{'scenario':<10} {'exit':>4} {'wall s':>8} {'tree peak MB':>13} {'largest proc MB':>16} "
              f"{'docs':>5} {'passages':>9}")
        for name, r in results.items():
            print(f"{name:<10} {r['exit']:>4} {r['seconds']:>8} {r['tree_peak_mb']:>13} {r['largest_process_mb']:>16} "
                  f"{r['documents']:>5} {r['passages']:>9}")
        for name in ("hostile", "budget"):
            print(f"\n{name}: quarantined")
            for line in results[name]["quarantined"]:
                print(f"  {line}")
    finally:
        shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()
