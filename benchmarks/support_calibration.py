"""Calibrate the support check's cosine threshold (assistant/support.py THRESHOLD) on the question bank's
TUNING part only (benchmarks/bank/*-tune.jsonl; the *-test.jsonl files are never read here).

For every answerable tuning question, the gold sentence is found among the answer units of the passage
holding it (the passages and units ingest makes). Rule paraphrases of that sentence, each keeping its facts,
stand for a faithful model sentence citing the right passage; the same paraphrases against the best unit of
any passage that does not hold the fact stand for a citation to a passage that says something else. The
script prints, for each threshold, the share of faithful sentences kept and of wrong citations rejected.

    python benchmarks/support_calibration.py [--shared ../shared] [--store store/support-calibration]
"""

from __future__ import annotations

import argparse
import json
import os
import re
import sys
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
os.environ.setdefault("HF_HUB_OFFLINE", "1")
os.environ.setdefault("TOKENIZERS_PARALLELISM", "false")

from assistant.support import THRESHOLD, SupportChecker, candidates, claim_text  # noqa: E402
from ingest.embedder import MiniLMEmbedder  # noqa: E402
from ingest.indexer import sync  # noqa: E402
from ingest.store import KnowledgeStore  # noqa: E402

BANK = ROOT / "benchmarks" / "bank"
SWAPS = [  # how a model rewords a procedure's sentence without changing what it states
    (r"\breceive\b", "get"), (r"\breceives\b", "gets"), (r"\bsocial workers\b", "practitioners"),
    (r"\bmust\b", "are required to"), (r"\bensure\b", "make sure"), (r"\bundertake\b", "carry out"),
    (r"\bcommence\b", "start"), (r"\bcompleted\b", "finished"), (r"\bthe local authority\b", "the council"),
    (r"\bthe council\b", "the local authority"), (r"\bchildren\b", "young people"), (r"\bhold\b", "have"),
    (r"\bis held\b", "takes place"), (r"\bare held\b", "take place"), (r"\brecords\b", "writes down"),
    (r"\bpractitioners\b", "staff"), (r"\bconsistently\b", "always"), (r"\bimproved\b", "got better"),
]


def norm(text: str) -> str:
    return " ".join(text.lower().replace("’", "'").split())


FILLER = r"\b(?:formal|one-to-one|all|relevant|appropriate|clearly|consistently|fully|currently|also|" \
         r"normally|usually|always|generally)\s+"
VERBS = r"\b(?:receive|receives|is|are|was|were|must|should|will|shall|has|have|had|get|gets|takes?|records?|" \
        r"holds?|makes?|needs?|can|may|do|does|did|provides?|includes?|ensures?)\b"


def swap(text: str) -> str:
    for pattern, replacement in SWAPS:
        text = re.sub(pattern, replacement, text, count=1)
    return text


def paraphrases(sentence: str, fact: str) -> list[str]:
    """Faithful rewordings of ``sentence``, mild to harsh, each keeping its facts: swapped words; a reporting
    frame; the fact moved to the front; filler and brackets dropped; the subject as a pronoun; the clause
    holding the fact alone; the harsh ones combined."""
    sentence = sentence.strip()
    out = [swap(sentence), "According to the document, " + sentence[0].lower() + sentence[1:]]
    plain = re.sub(r"\s*\([^)]*\)", "", re.sub(FILLER, "", sentence, flags=re.I))
    out.append(swap(plain))
    verb = re.search(VERBS, sentence)
    if verb and 0 < verb.start() <= 60:
        out.append("They " + swap(sentence[verb.start():]))
    at = norm(sentence).find(norm(fact)) if fact else -1
    if fact and at >= 0 and len(fact) < len(sentence) - 10:
        moved = (sentence[:at] + sentence[at + len(fact):]).replace("  ", " ").strip().rstrip(".,;")
        out.append(f"{fact[0].upper()}{fact[1:]}, {swap(moved[0].lower() + moved[1:])}.")
    clauses = [c.strip() for c in re.split(r";|, (?:and|but|then|which|while) |\. ", sentence) if c.strip()]
    with_fact = [c for c in clauses if fact and norm(fact)[:25] in norm(c)]
    if with_fact and with_fact[0] != sentence:
        clause = swap(re.sub(FILLER, "", with_fact[0].rstrip("."), flags=re.I))
        out.append(clause[0].upper() + clause[1:] + ".")
    return [c for c in dict.fromkeys(out) if c and c != sentence]


def rows_of(name: str) -> list[dict]:
    assert name.endswith("-tune.jsonl"), "calibration reads the tuning part only"
    return [json.loads(line) for line in (BANK / name).read_text(encoding="utf-8").splitlines() if line.strip()]


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--shared", type=Path, default=ROOT.parent / "shared")
    parser.add_argument("--store", type=Path, default=ROOT / "store" / "support-calibration")
    args = parser.parse_args()
    embedder = MiniLMEmbedder()
    sets = [("knowledge-tune.jsonl", ROOT / "knowledge")]
    if (args.shared / "corpus").is_dir():
        sets.append(("corpus-tune.jsonl", args.shared / "corpus"))
    positives, negatives, same_doc, answers = [], [], [], []
    checker = SupportChecker(embedder)
    full = {"faithful": [], "wrong": []}  # (cosine, passes every check but meaning) per pair
    for name, folder in sets:
        store = KnowledgeStore(args.store / folder.name)
        sync(store, [folder], embedder=embedder)
        version = store.live()
        passages, _ = version.passages()
        store.release(version)
        pool = [(p, c) for p in passages for c in candidates(1, p)]  # units and adjacent pairs, as the check reads
        vectors = np.asarray(embedder.embed_batch([c.text for _, c in pool]), dtype=np.float32)
        for row in rows_of(name):
            facts = row.get("facts") or ([row["fact"]] if row.get("fact") else [])
            for item, fact in zip(row.get("gold", []), facts or [""] * len(row.get("gold", []))):
                quote = norm(item["quote"])
                gold = [i for i, (p, c) in enumerate(pool) if c.single and p.source == item["file"] and (
                    norm(fact)[:25] in norm(c.text) if fact else norm(c.text)[:40] in quote)]
                if not gold:
                    continue
                passage, sentence = pool[gold[0]][0], pool[gold[0]][1].text
                claims = paraphrases(sentence, fact)
                claim_vectors = np.asarray(embedder.embed_batch([claim_text(c) for c in claims] + [row["answer"]]),
                                           dtype=np.float32)
                scores = claim_vectors @ vectors.T
                right = [i for i, (p, _) in enumerate(pool) if p.id == passage.id]
                wrong = [i for i, (p, _) in enumerate(pool) if p.id != passage.id
                         and (not fact or norm(fact)[:25] not in norm(p.text)) and quote[:40] not in norm(p.text)]
                same = [i for i in wrong if pool[i][0].source == passage.source]
                for k, claim in enumerate(claims):
                    positives.append(float(scores[k, right].max()))
                    negatives.append(float(scores[k, wrong].max()))
                    for kind, candidates_of in (("faithful", right), ("wrong", wrong)):
                        top = sorted(candidates_of, key=lambda i: -scores[k, i])[:40]
                        scored = [(pool[i][1], pool[i][0], float(scores[k, i])) for i in top]
                        checker.threshold = 0.0  # every check but meaning; the cosine is kept to sweep it
                        similarity, reasons = checker.judge(claim, scored, cited=[pool[top[0]][0]])
                        full[kind].append((similarity, not reasons))
                    if same:
                        same_doc.append(float(scores[k, same].max()))
                answers.append(float(scores[len(claims), right].max()))
    report(np.array(positives), np.array(negatives), np.array(same_doc), np.array(answers))
    print(f"\nthe whole check (facts, stance, meaning), by threshold:\n{'threshold':>9} {'faithful accepted':>18} "
          f"{'wrong passage accepted':>23}")
    for t in np.arange(0.60, 0.86, 0.025):
        kept = np.mean([ok and score >= t for score, ok in full["faithful"]])
        leaked = np.mean([ok and score >= t for score, ok in full["wrong"]])
        mark = "  <- THRESHOLD" if abs(t - THRESHOLD) < 1e-9 else ""
        print(f"{t:9.3f} {kept:18.1%} {leaked:23.1%}{mark}")


def report(pos: np.ndarray, neg: np.ndarray, same: np.ndarray, answers: np.ndarray) -> None:
    print(f"faithful paraphrase vs its gold passage: n={len(pos)}  median {np.median(pos):.3f}  "
          f"5th pct {np.percentile(pos, 5):.3f}")
    print(f"  ... vs the best unit of ANY wrong passage: n={len(neg)}  median {np.median(neg):.3f}")
    print(f"  ... vs the best unit of a wrong passage of the same document: n={len(same)}  "
          f"median {np.median(same):.3f}")
    print(f"bank's own answer text vs its gold passage: n={len(answers)}  median {np.median(answers):.3f}")
    print(f"\n{'threshold':>9} {'faithful kept':>14} {'wrong (any) rejected':>21} {'wrong (same doc) rejected':>26}")
    best = (0.0, 0.0)
    for t in np.arange(0.30, 0.86, 0.025):
        kept, rejected, rejected_same = (pos >= t).mean(), (neg < t).mean(), (same < t).mean()
        best = max(best, (kept + rejected - 1, t))
        mark = "  <- current" if abs(t - THRESHOLD) < 1e-9 else ""
        print(f"{t:9.3f} {kept:14.1%} {rejected:21.1%} {rejected_same:26.1%}{mark}")
    print(f"\nYouden's J is highest at {best[1]:.3f} (J = {best[0]:.3f}); THRESHOLD = {THRESHOLD}")
    print(f"wrong-passage pairs scoring above the faithful 5th percentile: {(neg >= np.percentile(pos, 5)).mean():.1%}")


if __name__ == "__main__":
    main()
