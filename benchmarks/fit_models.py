"""Fit the ranker, the sentence selector and the topic model on TUNING questions, the answerability model on every
choosing set.

    python benchmarks/fit_models.py [--report docs/retrieval-fit.md] [--plot docs/img/calibration.png] [--answerability-only]

Reads the tuning sets (../shared/eval/dev.jsonl, benchmarks/heldout.jsonl and the
bank's *-tune.jsonl files) and, for the answerability model, the bank's
second batch and the fresh batches written to choose on (never a *-test file, nor
batches 3 and 7, which are only run to report), indexes each corpus the way
`bot.py eval` does (reusing store/eval/<name>), extracts the same features the
assistant computes at run time, fits scikit-learn logistic regressions with
the regularisation chosen by grouped cross-validation (for answerability in
equal parts with boosted trees, fit_boosted.py, when that does better on
held-out batches),
chooses the answerability threshold for a stated precision on cross-validated
predictions, and writes assistant/models/*.json plus a report.
"""

from __future__ import annotations

import argparse
import json
import os
import re
import sys
from dataclasses import dataclass, field
from pathlib import Path

os.environ.setdefault("HF_HUB_OFFLINE", "1")
os.environ.setdefault("TOKENIZERS_PARALLELISM", "false")
ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
SHARED = ROOT.parent / "shared"

import numpy as np  # noqa: E402

from assistant.answerability import ANSWERABILITY, TOPIC, answer_features  # noqa: E402
from assistant.boosted import Blend  # noqa: E402
from assistant.evaluation import contains_quote, hits_gold, load_questions  # noqa: E402
from assistant.evidence import answer_terms  # noqa: E402
from assistant.logistic import Logistic  # noqa: E402
from assistant.retriever import RANKER, RERANK_DEPTH, Retriever, rank_features  # noqa: E402
from assistant.selection import SELECTOR, score_units, unit_features  # noqa: E402
from assistant.spelling import respell  # noqa: E402
from assistant.understand import understand  # noqa: E402
from fit_boosted import blend_ablation, choose_share, fit_boosted, logistic_oof  # noqa: E402  (beside it)

# Of questions answered, the share that the documents do answer (cross-validated over folds of batches). 0.88 for the
# logistic model until the thirty-fifth session; the blend of it and boosted trees at 0.89 refuses more unanswerable
# questions (1567 against 1533 of 1956) and fewer answerable ones (152 against 186 of 3306) than it did at 0.88. 0.895
# since the thirty-sixth: with the event a timescale asks read against what the sentences time, it refuses 1666 of 2054
# and wrongly refuses 149 of 3468, where the signals before it at 0.89 refused 1646 and wrongly refused 154. 0.915
# since the forty-sixth, with the trees' share of the blend 0.7: on held-out batches (8122 questions) the blend in
# equal parts at 0.895 refused 0.813 of unanswerable questions and wrongly refused 0.049 of answerable ones (the
# issue's floors: 0.85 and 0.08); this blend at 0.915 refuses 0.854 and wrongly refuses 0.061 (the same on 8252 with
# batch 63), two points inside that floor for writers it has not seen
TARGET_PRECISION = 0.915
TOPIC_PRECISION = 0.90  # of unanswered questions given a "nearest" passage, the share whose topic is there
TUNING = [
    ("dev", SHARED / "eval" / "dev.jsonl", SHARED / "corpus"),
    ("heldout", ROOT / "benchmarks" / "heldout.jsonl", SHARED / "corpus"),
    ("bank-corpus-tune", ROOT / "benchmarks" / "bank" / "corpus-tune.jsonl", SHARED / "corpus"),
    ("bank-knowledge-tune", ROOT / "benchmarks" / "bank" / "knowledge-tune.jsonl", ROOT / "knowledge"),
    # Everyday workplace questions (HR, IT, facilities) that no practice document answers, asked of both.
    ("offtopic-corpus", ROOT / "benchmarks" / "offtopic-tune.jsonl", SHARED / "corpus"),
    ("offtopic-knowledge", ROOT / "benchmarks" / "offtopic-tune.jsonl", ROOT / "knowledge"),
]
# The answerability model also learns from every other set written to choose on: the bank's second batch and the fresh
# batches, each written by someone who had not seen the code (the topic model keeps to the tuning sets, for their
# off-topic probes). A model fitted on more writers' wordings refuses more near misses and fewer answerable questions
# on a batch it was not fitted on (docs/retrieval.md, "seventh session": leave-one-batch-out). Batches 3, 7 and 12 and
# the bank's test part are only run to report.
FRESH = ROOT / "benchmarks" / "fresh"
REPORT_ONLY = ("batch3-", "batch7-", "batch12-")
ANSWERABILITY_ALSO = [
    ("bank-corpus-extra", ROOT / "benchmarks" / "bank" / "corpus-extra.jsonl", SHARED / "corpus"),
    ("bank-knowledge-extra", ROOT / "benchmarks" / "bank" / "knowledge-extra.jsonl", ROOT / "knowledge"),
] + [(f"fresh-{path.stem}", path, SHARED / "corpus" if path.stem.endswith("-corpus") else ROOT / "knowledge")
     for path in sorted(FRESH.glob("batch*.jsonl")) if not path.stem.startswith(REPORT_ONLY)]
OFF_TOPIC = {"off-topic", "unknown-council"}
used: list[str] = []  # the tuning sets actually found
used_also: list[str] = []  # the other choosing sets found, for the answerability model


@dataclass
class Item:
    question: dict
    query: object
    retriever: Retriever
    hits: list = field(default_factory=list)
    group: str = ""
    batch: str = ""  # the set it came from, its corpus and knowledge-base parts as one ("fresh-batch40")


def open_retrievers(embedder) -> dict[Path, Retriever]:
    from ingest.indexer import sync
    from ingest.store import KnowledgeStore

    retrievers = {}
    for _, _, corpus in TUNING + ANSWERABILITY_ALSO:
        if corpus in retrievers or not corpus.is_dir():
            continue
        root = ROOT / "store" / "eval" / re.sub(r"[^A-Za-z0-9_.-]", "_", corpus.resolve().name)
        store = KnowledgeStore(root)
        sync(store, [corpus], embedder=embedder)
        retrievers[corpus] = Retriever(store.reader(), embedder=embedder)
    return retrievers


def load_items(retrievers: dict[Path, Retriever], sets: list[tuple[str, Path, Path]], names: list[str]) -> list[Item]:
    items = []
    names.clear()
    for name, path, corpus in sets:
        assert "-test" not in path.name, "the test part is only ever run to report"
        assert not path.stem.startswith(REPORT_ONLY), "batches 3, 7 and 12 are only run to report"
        if not path.is_file() or corpus not in retrievers:
            print(f"skipping {name}: {path} not found", file=sys.stderr)
            continue
        names.append(name)
        for q in load_questions(path):
            # The same question asked of two corpora stays in one fold.
            query = respell(understand(q["question"]), retrievers[corpus].weights.counts)  # as the pipeline reads it
            items.append(Item(q, query, retrievers[corpus], group=q["question"].lower(),
                              batch=re.sub(r"-(?:corpus|knowledge)\b", "", name)))
    return items


def unit_is_gold(question: dict, source: str, text: str) -> bool:
    for gold in question.get("gold", []):
        if Path(gold["file"]).name != Path(source).name:
            continue
        facts = question.get("facts") or ([question["fact"]] if question.get("fact") else [])
        if any(contains_quote(text, f) for f in facts) or contains_quote(text, gold["quote"]) \
                or contains_quote(gold["quote"], text):
            return True
    return False


def standardised(rows: list[dict], names: list[str]) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """The feature matrix scaled to zero mean and unit spread, with the mean and scale a model keeps."""
    X = np.asarray([[r[n] for n in names] for r in rows], dtype=float)
    mean, scale = X.mean(axis=0), X.std(axis=0)
    scale[scale == 0] = 1.0
    return (X - mean) / scale, mean, scale


def fit(rows: list[dict], labels: list[int], groups: list[str], names: list[str], *, metric) -> tuple[Logistic, dict]:
    """A standardised L2 logistic regression, C chosen by 5-fold grouped CV on ``metric`` (higher is better)."""
    from sklearn.linear_model import LogisticRegression
    from sklearn.model_selection import GroupKFold

    y = np.asarray(labels)
    Z, mean, scale = standardised(rows, names)
    best = None
    for C in (0.01, 0.03, 0.1, 0.3, 1.0, 3.0):
        oof = np.zeros(len(y))
        for train, test in GroupKFold(n_splits=5).split(Z, y, groups):
            model = LogisticRegression(C=C, max_iter=2000, class_weight="balanced").fit(Z[train], y[train])
            oof[test] = model.predict_proba(Z[test])[:, 1]
        value = metric(oof)
        if best is None or value > best[0] + 1e-9:
            best = (value, C, oof)
    value, C, oof = best
    model = LogisticRegression(C=C, max_iter=2000, class_weight="balanced").fit(Z, y)
    fitted = Logistic(features=names, weights=[float(w) for w in model.coef_[0]], bias=float(model.intercept_[0]),
                      mean=[float(m) for m in mean], scale=[float(s) for s in scale])
    return fitted, {"C": C, "cv_metric": round(float(value), 4), "oof": oof, "n": len(y), "positives": int(y.sum())}


def fit_pairwise(rows: list[dict], labels: list[int], groups: list[str], names: list[str], *,
                 metric) -> tuple[Logistic, dict]:
    """A ranking model: L2 logistic regression on feature differences between a right and a wrong candidate of
    the same question (C by 5-fold grouped CV on ``metric``), then Platt-scaled on the candidates themselves so
    its output is still a probability. Same linear form as :func:`fit`, so the run time is unchanged."""
    from sklearn.linear_model import LogisticRegression
    from sklearn.model_selection import GroupKFold

    y = np.asarray(labels)
    g = np.asarray(groups)
    Z, mean, scale = standardised(rows, names)

    def pairs(index: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
        by_group: dict[str, list[int]] = {}
        for i in index:
            by_group.setdefault(g[i], []).append(int(i))
        diffs = []
        for members in by_group.values():
            right = [i for i in members if y[i]]
            wrong = [i for i in members if not y[i]]
            diffs += [Z[a] - Z[b] for a in right for b in wrong]
        d = np.asarray(diffs)
        return np.vstack([d, -d]), np.r_[np.ones(len(d)), np.zeros(len(d))]

    best = None
    for C in (0.01, 0.03, 0.1, 0.3, 1.0, 3.0):
        oof = np.zeros(len(y))
        for train, test in GroupKFold(n_splits=5).split(Z, y, groups):
            P, L = pairs(train)
            model = LogisticRegression(C=C, max_iter=3000, fit_intercept=False).fit(P, L)
            oof[test] = Z[test] @ model.coef_[0]
        value = metric(oof)
        if best is None or value > best[0] + 1e-9:
            best = (value, C, oof)
    value, C, oof = best
    P, L = pairs(np.arange(len(y)))
    w = LogisticRegression(C=C, max_iter=3000, fit_intercept=False).fit(P, L).coef_[0]
    platt = LogisticRegression(C=1e6, max_iter=2000).fit((Z @ w).reshape(-1, 1), y)
    a, b = float(platt.coef_[0][0]), float(platt.intercept_[0])
    fitted = Logistic(features=names, weights=[float(a * x) for x in w], bias=b,
                      mean=[float(m) for m in mean], scale=[float(s) for s in scale])
    return fitted, {"C": C, "cv_metric": round(float(value), 4), "oof": oof, "n": len(y), "positives": int(y.sum())}


def fit_ranking(rows: list[dict], labels: list[int], groups: list[str], names: list[str], *,
                metric) -> tuple[Logistic, dict]:
    """Pointwise or pairwise, whichever ranks better under grouped cross-validation."""
    point = fit(rows, labels, groups, names, metric=metric)
    pair = fit_pairwise(rows, labels, groups, names, metric=metric)
    print(f"ranking: pointwise CV {point[1]['cv_metric']} pairwise CV {pair[1]['cv_metric']}", file=sys.stderr)
    chosen, info = pair if pair[1]["cv_metric"] > point[1]["cv_metric"] else point
    info["form"] = "pairwise" if chosen is pair[0] else "pointwise"
    info["cv_pointwise"], info["cv_pairwise"] = point[1]["cv_metric"], pair[1]["cv_metric"]
    return chosen, info


def top1_by_group(groups: list[str], labels: list[int]):
    def metric(scores: np.ndarray) -> float:
        best: dict[str, tuple[float, int]] = {}
        for g, s, l in zip(groups, scores, labels):
            if g not in best or s > best[g][0]:
                best[g] = (s, l)
        return sum(l for _, l in best.values()) / max(1, len(best))
    return metric


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--report", type=Path, default=ROOT / "docs" / "retrieval-fit.md")
    parser.add_argument("--plot", type=Path, default=ROOT / "docs" / "img" / "calibration.png")
    parser.add_argument("--quick", action="store_true", help="skip the leave-one-signal-out ablation")
    parser.add_argument("--held-out", type=Path, help="write each question's held-out answerability (JSON lines)")
    parser.add_argument("--answerability-only", action="store_true",
                        help="refit only the answerability model; keep the saved ranker, selector and topic model")
    args = parser.parse_args()
    from ingest.embedder import MiniLMEmbedder

    embedder = MiniLMEmbedder()
    retrievers = open_retrievers(embedder)
    items = load_items(retrievers, TUNING, used)
    print(f"{len(items)} tuning questions", file=sys.stderr)
    report: dict[str, dict] = {}
    if args.answerability_only:
        report.update({name: Logistic.load(name).notes for name in (RANKER, SELECTOR)})
    else:
        fit_ranking_models(items, retrievers, report)
    wide = items + load_items(retrievers, ANSWERABILITY_ALSO, used_also)
    print(f"{len(wide)} questions for the answerability model", file=sys.stderr)
    fit_answerability(wide, report, args, topic_sets=len(items))


def fit_ranking_models(items: list[Item], retrievers: dict[Path, Retriever], report: dict[str, dict]) -> None:
    """The ranker, then the sentence selector on the new ranker's order; tuning questions only."""

    # 1. Ranker: which of the best candidate passages holds the gold passage.
    rows, labels, groups = [], [], []
    for item in items:
        item.hits = item.retriever.search(item.query, k=RERANK_DEPTH)
        if not item.question.get("answerable", True):
            continue
        head = item.hits
        best_dense = max(h.dense for h in head)
        best_unit = max(h.best_unit for h in head)
        for hit in head:
            rows.append(rank_features(item.query, hit, best_dense=best_dense, best_unit=best_unit))
            labels.append(int(any(hits_gold(hit.passage.source, hit.passage.text, g) for g in item.question["gold"])))
            groups.append(item.group)
    names = list(rows[0])
    ranker, info = fit_ranking(rows, labels, groups, names, metric=top1_by_group(groups, labels))
    ranker.notes = {"fitted_on": used, "questions": len(set(groups)), "C": info["C"], "form": info["form"],
                    "cv_hit_at_1_within_head": info["cv_metric"], "cv_pointwise": info["cv_pointwise"],
                    "cv_pairwise": info["cv_pairwise"]}
    ranker.save(RANKER)
    for retriever in retrievers.values():
        retriever.ranker = ranker  # the selector below learns from the order the new ranker gives
    report["ranker"] = ranker.notes
    print("ranker", ranker.notes, file=sys.stderr)

    # 2. Selector: which unit of the best passages states the answer (with the new ranker's order).
    rows, labels, groups = [], [], []
    for item in items:
        item.hits = item.retriever.search(item.query, k=10)
        if not item.question.get("answerable", True):
            continue
        terms = answer_terms(item.query, item.retriever.weights)
        units = score_units(item.query, item.hits, terms, item.retriever.weights)
        best = max((u.cosine for u in units), default=0.0)
        best_coverage = max((u.coverage for u in units), default=0.0)
        for unit in units:
            hit = item.hits[unit.hit_index]
            rows.append(unit_features(unit, hit, best_cosine=best, best_coverage=best_coverage,
                                      asked=item.query.answer_type is not None))
            labels.append(int(unit_is_gold(item.question, hit.passage.source, unit.text)))
            groups.append(item.group)
    names = list(rows[0])
    # Pointwise: the composer compares units by their probabilities' ratios (leading.SUPPORT, RUNNER_UP), which
    # were set on this form; a pairwise fit ranked no better here (CV 0.688 against 0.684) and is more peaked.
    selector, info = fit(rows, labels, groups, names, metric=top1_by_group(groups, labels))
    selector.notes = {"fitted_on": used, "questions": len(set(groups)), "C": info["C"], "form": "pointwise",
                      "cv_best_unit_is_gold": info["cv_metric"]}
    selector.save(SELECTOR)
    report["selector"] = selector.notes
    print("selector", selector.notes, file=sys.stderr)


def fit_answerability(items: list[Item], report: dict[str, dict], args: argparse.Namespace, *, topic_sets: int) -> None:
    """Answerability, on question-level signals, over the tuning sets and the other choosing sets; topic over the
    first ``topic_sets`` items (the tuning sets), whose off-topic probes it needs: the choosing sets hold few
    off-topic questions, and fitted on them too it told almost no off-topic question "not found" (1 of 40 probes
    asked of the corpus, from 17)."""
    fitted_on = used + used_also
    rows, answerable, topic, groups, topic_rows = [], [], [], [], []
    for index, item in enumerate(items):
        item.hits = item.retriever.search(item.query, k=10)  # with the ranker as saved
        terms = answer_terms(item.query, item.retriever.weights)
        units = score_units(item.query, item.hits, terms, item.retriever.weights)
        features = answer_features(item.query, item.hits, units, terms, item.retriever.weights)
        rows.append(features)
        answerable.append(int(item.question.get("answerable", True)))
        groups.append(item.group)
        kind = item.question.get("kind", "")
        if index < topic_sets and (item.question.get("answerable", True) or kind in OFF_TOPIC or kind == "near-miss"):
            topic_rows.append((features, int(kind not in OFF_TOPIC), item.group))
    names = list(rows[0])
    y = np.asarray(answerable)

    def auc(scores: np.ndarray) -> float:
        from sklearn.metrics import roc_auc_score
        return roc_auc_score(y, scores)

    # The logistic model, and the logistic model and boosted trees blended (assistant.boosted.Blend), judged on folds
    # of whole batches (fit_boosted): the blend is kept when it does better on batches it was not fitted on, its share
    # of each and its threshold chosen on those predictions. The trees alone score higher still but refuse questions
    # unlike most of those they were fitted on ("how often should supervision occur" on the sample knowledge base:
    # docs/retrieval.md), so the logistic model keeps a share of at least 0.3 (fit_boosted.LOGISTIC_SHARES)
    batches = [item.batch for item in items]
    logistic, info = fit(rows, answerable, groups, names, metric=auc)
    logistic_by_batch = logistic_oof(rows, answerable, batches, names, info["C"])
    boosted, boosted_info = fit_boosted(rows, answerable, batches, names, metric=auc)
    share, blends = choose_share(logistic_by_batch, boosted_info["oof"], metric=auc)
    blended = blends[share]
    by_batch = {"logistic": round(float(auc(logistic_by_batch)), 4), "boosted": boosted_info["cv_metric"],
                "blend": round(float(auc(blended)), 4),
                **{f"blend at {s}": round(float(auc(b)), 4) for s, b in blends.items()}}
    if by_batch["blend"] > by_batch["logistic"]:
        model, oof = Blend(parts=[logistic, boosted], weights=[share, round(1 - share, 2)]), blended
        settings = {"C": info["C"], "trees": boosted_info["params"], "logistic_share": share}
    else:
        model, oof, settings = logistic, logistic_by_batch, {"C": info["C"]}
    threshold, recall = choose_threshold(oof, y, precision=TARGET_PRECISION)
    model.threshold = threshold
    if args.held_out:  # to study operating points: each question's probability from the folds it was not fitted on
        args.held_out.write_text("".join(json.dumps({"id": item.question.get("id"), "batch": item.batch,
                                                     "answerable": int(label), "p": round(float(p), 4)}) + "\n"
                                         for item, label, p in zip(items, y, oof)))
    if args.quick:
        dropped = {}
    elif isinstance(model, Blend):
        dropped = blend_ablation(rows, answerable, batches, names, boosted_info["params"], info["C"], share,
                                 metric=auc)
    else:
        dropped = ablation(rows, answerable, groups, names, auc)
    model.notes = {
        "fitted_on": fitted_on, "questions": len(y), "unanswerable": int((1 - y).sum()),
        "model": model.kind if isinstance(model, Blend) else "logistic", **settings, "batches": len(set(batches)),
        "cv_auc_by_batch": by_batch, "cv_auc_by_question_logistic": info["cv_metric"],
        "cv_auc": round(float(auc(oof)), 4), "target_precision": TARGET_PRECISION,
        "cv_answerable_answered": round(float((oof[y == 1] >= threshold).mean()), 3),
        "cv_unanswerable_refused": round(float((oof[y == 0] < threshold).mean()), 3),
        "operating_points": operating_points(oof, y),
        "ablation_cv_auc_without": dropped,
    }
    model.save(ANSWERABILITY)
    report["answerability"] = model.notes
    print("answerability", model.notes, file=sys.stderr)
    plot_calibration(oof, y, threshold, args.plot)

    if args.answerability_only:
        report[TOPIC] = Logistic.load(TOPIC).notes
        write_report(args.report, report, args.plot)
        return
    if len({l for _, l, _ in topic_rows}) < 2:
        print("topic: no off-topic tuning questions; model left as it was", file=sys.stderr)
        write_report(args.report, report, args.plot)
        return
    t_rows = [r for r, _, _ in topic_rows]
    t_y = [l for _, l, _ in topic_rows]
    t_groups = [g for _, _, g in topic_rows]
    t_arr = np.asarray(t_y)

    def t_auc(scores: np.ndarray) -> float:
        from sklearn.metrics import roc_auc_score
        return roc_auc_score(t_arr, scores)

    topic_model, info = fit(t_rows, t_y, t_groups, names, metric=t_auc)
    topic_model.threshold, _ = choose_threshold(info["oof"], t_arr, precision=TOPIC_PRECISION)
    topic_model.notes = {"fitted_on": used, "questions": len(t_y), "off_topic": int((1 - t_arr).sum()),
                         "C": info["C"], "cv_auc": info["cv_metric"], "target_precision": TOPIC_PRECISION}
    topic_model.save(TOPIC)
    report["topic"] = topic_model.notes
    print("topic", topic_model.notes, file=sys.stderr)
    write_report(args.report, report, args.plot)


def choose_threshold(scores: np.ndarray, labels: np.ndarray, *, precision: float) -> tuple[float, float]:
    """The lowest threshold whose cross-validated precision (positives among those above it) reaches ``precision``."""
    best = (0.5, 0.0)
    for t in np.unique(np.round(scores, 3)):
        above = scores >= t
        if not above.any():
            continue
        p = labels[above].mean()
        if p >= precision:
            return float(t), float(labels[above].sum() / max(1, labels.sum()))
    return best


def operating_points(scores: np.ndarray, labels: np.ndarray) -> list[dict]:
    """Cross-validated trade-off at a few thresholds: answerable refused, unanswerable refused, precision."""
    points = []
    for t in (0.3, 0.4, 0.5, 0.6, 0.7, 0.8):
        above = scores >= t
        points.append({"threshold": t, "answerable_refused": round(float((scores[labels == 1] < t).mean()), 3),
                       "unanswerable_refused": round(float((scores[labels == 0] < t).mean()), 3),
                       "precision": round(float(labels[above].mean()) if above.any() else 1.0, 3)})
    return points


def ablation(rows, labels, groups, names, metric) -> dict[str, float]:
    """Cross-validated AUC with each signal left out: what each one adds."""
    out = {}
    for name in names:
        kept = [n for n in names if n != name]
        _, info = fit(rows, labels, groups, kept, metric=metric)
        out[name] = info["cv_metric"]
    return out


def plot_calibration(scores: np.ndarray, labels: np.ndarray, threshold: float, path: Path) -> None:
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    bins = np.linspace(0, 1, 11)
    index = np.clip(np.digitize(scores, bins) - 1, 0, 9)
    xs, ys, ns = [], [], []
    for b in range(10):
        mask = index == b
        if mask.any():
            xs.append(scores[mask].mean())
            ys.append(labels[mask].mean())
            ns.append(int(mask.sum()))
    fig, (top, bottom) = plt.subplots(2, 1, figsize=(5, 6), height_ratios=[3, 1], sharex=True)
    top.plot([0, 1], [0, 1], ls=":", color="grey")
    top.plot(xs, ys, marker="o")
    top.axvline(threshold, color="red", ls="--", label=f"threshold {threshold:.2f}")
    top.set_ylabel("share answerable")
    top.set_title("Answerability: cross-validated calibration (choosing sets)")
    top.legend()
    bottom.hist([scores[labels == 1], scores[labels == 0]], bins=bins, label=["answerable", "unanswerable"])
    bottom.set_xlabel("predicted probability")
    bottom.legend(fontsize=7)
    path.parent.mkdir(parents=True, exist_ok=True)
    fig.tight_layout()
    fig.savefig(path, dpi=110)


def write_report(path: Path, report: dict, plot: Path) -> None:
    lines = ["# Fitted models (written by benchmarks/fit_models.py)", "",
             f"![calibration]({os.path.relpath(plot, path.parent)})", ""]
    for name, notes in report.items():
        lines.append(f"## {name}")
        lines.append("```json")
        lines.append(json.dumps(notes, indent=1))
        lines.append("```")
    path.write_text("\n".join(lines) + "\n")


if __name__ == "__main__":
    main()
