"""Split the question bank once, at random, into a tuning part and a test part (the seed is fixed here).

Standard library only. Stratified by bank file (corpus, knowledge) and by answerable/unanswerable, so each
part keeps the bank's mix. Writes benchmarks/bank/{corpus,knowledge}-{tune,test}.jsonl. Run once, before any
tuning; the test part is then only ever run to report a result (see README.md). Refuses to overwrite an
existing split unless --force is given.
"""

from __future__ import annotations

import argparse
import json
import random
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
SEED = 20251129
TEST_SHARE = 0.40
BANK_FILES = ("corpus", "knowledge")


def split_rows(rows: list[dict], *, seed: int = SEED, share: float = TEST_SHARE) -> tuple[list[dict], list[dict]]:
    """(tune, test) rows: within each answerable/unanswerable stratum, a seeded shuffle, the first share to test."""
    rng = random.Random(seed)
    test_ids: set[str] = set()
    for answerable in (True, False):
        stratum = sorted((row["id"] for row in rows if row["answerable"] is answerable))
        rng.shuffle(stratum)
        test_ids.update(stratum[:round(share * len(stratum))])
    # Bank order is kept inside each part, so a diff against the bank reads easily.
    return [r for r in rows if r["id"] not in test_ids], [r for r in rows if r["id"] in test_ids]


def _write(path: Path, rows: list[dict]) -> None:
    path.write_text("".join(json.dumps(row, ensure_ascii=False) + "\n" for row in rows), encoding="utf-8")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--force", action="store_true", help="overwrite an existing split (never do this after tuning)")
    args = parser.parse_args(argv)
    targets = [HERE / f"{name}-{part}.jsonl" for name in BANK_FILES for part in ("tune", "test")]
    if any(path.exists() for path in targets) and not args.force:
        print("the bank is already split; the test part must not be redrawn", file=sys.stderr)
        return 1
    for index, name in enumerate(BANK_FILES):
        rows = [json.loads(line) for line in (HERE / f"{name}.jsonl").read_text(encoding="utf-8").splitlines()]
        # A different stream per file keeps one file's split independent of the other's size.
        tune, test = split_rows(rows, seed=SEED + index)
        _write(HERE / f"{name}-tune.jsonl", tune)
        _write(HERE / f"{name}-test.jsonl", test)
        unans = sum(1 for r in test if not r["answerable"])
        print(f"{name}: tune {len(tune)}, test {len(test)} (answerable {len(test) - unans}, unanswerable {unans})")
    return 0


if __name__ == "__main__":
    sys.exit(main())
