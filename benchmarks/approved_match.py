"""Calibrate the approved-answer match threshold: cosine similarity of question embeddings (the packaged MiniLM,
embedded exactly as assistant/approved.py does) on pairs that mean the same vs pairs that do not.

Pairs:
- benchmarks/approved/pairs.jsonl: hand-written, labelled pairs (paraphrases; and hard different questions:
  another staff group, another fact about the same topic, another council or year, another area of law);
- mined from the tuning questions (../shared/eval/dev.jsonl and benchmarks/bank/*-tune.jsonl, never the
  *-test files): two questions with the same gold quote mean the same; two with no gold in common do not
  ("hard" when they cite the same document).

    python benchmarks/approved_match.py [--shared ../shared] [--target-fmr 0.01]

Prints, per threshold, the share of same-meaning pairs matched (recall) and of different pairs matched (false
matches), and the threshold chosen: the lowest one with at most --mined-fmr false matches among mined pairs
that cite the same document and at most --hand-fmr among the hand-written hard pairs. The default variant is
the one assistant/approved.py runs. Results are recorded in docs/approved-answers.md.
"""

from __future__ import annotations

import argparse
import itertools
import json
import os
import sys
from pathlib import Path

os.environ.setdefault("HF_HUB_OFFLINE", "1")
os.environ.setdefault("HF_HUB_DISABLE_PROGRESS_BARS", "1")
os.environ.setdefault("TOKENIZERS_PARALLELISM", "false")
ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))


def load(path: Path) -> list[dict]:
    return [json.loads(line) for line in path.read_text().splitlines() if line.strip()]


def mined_pairs(questions: list[dict]) -> list[tuple[str, str, bool, str]]:
    """(a, b, same, kind) from questions with gold quotes: same quote -> same; nothing shared -> different."""
    answerable = [q for q in questions if q.get("answerable") and q.get("gold")]
    pairs = []
    for x, y in itertools.combinations(answerable, 2):
        gx = {(g["file"], " ".join(g["quote"].split())) for g in x["gold"]}
        gy = {(g["file"], " ".join(g["quote"].split())) for g in y["gold"]}
        if x["question"].strip().lower() == y["question"].strip().lower():
            continue
        if gx == gy:
            pairs.append((x["question"], y["question"], True, "mined-same-quote"))
        elif not gx & gy:
            same_doc = {f for f, _ in gx} & {f for f, _ in gy}
            pairs.append((x["question"], y["question"], False, "mined-same-document" if same_doc else "mined-other"))
    return pairs


def in_scope(approved, later) -> bool:
    """The council/year check, with the approved question's councils and years standing in for its cited
    documents' (assistant/approved.py checks the documents' own)."""
    if later.authorities and not set(later.authorities) <= set(approved.authorities):
        return False
    return all(any(abs(y - a) <= 1 for a in approved.years) for y in later.years)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--shared", type=Path, default=ROOT.parent / "shared")
    parser.add_argument("--mined-fmr", type=float, default=0.001,
                        help="false matches allowed among mined different pairs citing the same document")
    parser.add_argument("--hand-fmr", type=float, default=0.02,
                        help="false matches allowed among the hand-written hard different pairs")
    parser.add_argument("--variant", choices=("raw", "expanded", "scoped"), default="scoped",
                        help="the question as typed; with abbreviations spelled out; and the council/year check")
    args = parser.parse_args()

    from ingest.embedder import MiniLMEmbedder

    handwritten = [(p["a"], p["b"], p["same"], p["kind"]) for p in load(ROOT / "benchmarks/approved/pairs.jsonl")]
    sets = []
    if (args.shared / "eval/dev.jsonl").is_file():
        sets.append(args.shared / "eval/dev.jsonl")
    sets += sorted(p for p in (ROOT / "benchmarks/bank").glob("*-tune.jsonl"))
    assert not any("test" in p.name for p in sets)
    questions = [q for path in sets for q in load(path)]
    mined = mined_pairs(questions)
    pairs = [(a, b, same, "hand-" + kind) for a, b, same, kind in handwritten] + mined
    print(f"question sets: {', '.join(str(p.relative_to(p.parent.parent)) for p in sets) or 'none'}")

    from assistant.understand import understand

    texts = sorted({t for a, b, _, _ in pairs for t in (a, b)})
    queries = {t: understand(t) for t in texts}
    model = MiniLMEmbedder()
    if args.variant == "raw":
        vectors = dict(zip(texts, model.embed_batch(texts)))
    else:
        vectors = dict(zip(texts, model.embed_batch([queries[t].expanded for t in texts])))

    def similarity(a: str, b: str) -> float:
        if args.variant == "scoped" and not in_scope(queries[a], queries[b]):
            return 0.0
        return sum(p * q for p, q in zip(vectors[a], vectors[b]))

    scored = [(similarity(a, b), same, kind, a, b) for a, b, same, kind in pairs]

    groups = {
        "same: hand-written": [s for s in scored if s[1] and s[2].startswith("hand")],
        "same: mined (same gold quote)": [s for s in scored if s[1] and s[2].startswith("mined")],
        "different: hand-written (hard)": [s for s in scored if not s[1] and s[2].startswith("hand")],
        "different: mined, same document": [s for s in scored if not s[1] and s[2] == "mined-same-document"],
        "different: mined, other documents": [s for s in scored if not s[1] and s[2] == "mined-other"],
    }
    print("\npairs: " + ", ".join(f"{name} {len(items)}" for name, items in groups.items()))
    names = list(groups)
    print("\nthreshold | " + " | ".join(names))
    chosen = None
    for step in range(60, 97):
        t = step / 100
        rates = {name: (sum(s[0] >= t for s in items) / len(items) if items else float("nan"))
                 for name, items in groups.items()}
        print(f"{t:.2f} | " + " | ".join(f"{rates[n]:.3f}" for n in names))
        if (chosen is None and rates["different: mined, same document"] <= args.mined_fmr
                and rates["different: hand-written (hard)"] <= args.hand_fmr):
            chosen = t
    print(f"\nchosen threshold (lowest with false matches <= {args.mined_fmr:.1%} of mined same-document pairs and "
          f"<= {args.hand_fmr:.0%} of hand-written hard pairs): {chosen}")
    if chosen is not None:
        for name, items in groups.items():
            hits = sum(s[0] >= chosen for s in items)
            print(f"  {name}: {hits}/{len(items)} at or above")
    worst = sorted((s for s in scored if not s[1]), key=lambda s: -s[0])[:8]
    print("\nhighest-scoring different pairs:")
    for score, _, kind, a, b in worst:
        print(f"  {score:.3f} {kind}: {a!r} / {b!r}")
    missed = sorted((s for s in scored if s[1]), key=lambda s: s[0])[:8]
    print("lowest-scoring same-meaning pairs:")
    for score, _, kind, a, b in missed:
        print(f"  {score:.3f} {kind}: {a!r} / {b!r}")


if __name__ == "__main__":
    main()
