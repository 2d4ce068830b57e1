"""Check the question bank: shape, unique ids, verbatim quotes and facts, coverage, unanswerable share.

Standard library only (runs with any python 3.9+, no model, no project imports). Usage:
    python benchmarks/bank/validate.py [--shared DIR] [--knowledge DIR] [--quiet]
Exit status 0 when every check passes, 1 otherwise; the problems and the counts are printed.
"""

from __future__ import annotations

import argparse
import html.parser
import json
import os
import re
import sys
import zipfile
from collections import Counter, defaultdict
from pathlib import Path
from xml.etree import ElementTree

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent.parent

KINDS = {
    "fact", "timescale", "frequency", "who", "judgement", "inspection-finding", "comparison",
    "procedure-step", "definition", "near-miss", "off-topic", "unknown-council", "no-inspection-that-year",
}
UNANSWERABLE_KINDS = {"near-miss", "off-topic", "unknown-council", "no-inspection-that-year"}
NEEDS_NEAREST = {"near-miss", "no-inspection-that-year"}
FIELDS = {"id", "question", "answerable", "gold", "answer", "kind"}
OPTIONAL = {"fact", "facts", "nearest"}

MIN_PER_CORPUS_DOC = 8
MIN_OVER_EXAMPLES = 12
MIN_UNANSWERABLE_SHARE = 0.25
MIN_TEST_QUESTIONS = 170
MAX_QUOTE_CHARS = 320
BANK_FILES = ("corpus", "knowledge")


def normalise(text: str) -> str:
    """The hit rule's normal form: lower case, white space collapsed."""
    return re.sub(r"\s+", " ", text).strip().lower()


def strip_header(text: str) -> str:
    """Drop a `Title: ... ---` metadata header (corpus .txt and knowledge .md files) when there is one."""
    if text.lstrip().startswith("Title:"):
        head, sep, body = text.partition("\n---\n")
        if sep:
            return body
    return text


class _TextOnly(html.parser.HTMLParser):
    """Collects an HTML page's text, leaving out scripts and styles."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []
        self._skip = 0

    def handle_starttag(self, tag: str, attrs: list) -> None:
        if tag in ("script", "style"):
            self._skip += 1
        self.parts.append(" ")

    def handle_endtag(self, tag: str) -> None:
        if tag in ("script", "style") and self._skip:
            self._skip -= 1
        self.parts.append(" ")

    def handle_data(self, data: str) -> None:
        if not self._skip:
            self.parts.append(data)


def _docx_text(path: Path) -> str:
    """Paragraph text of a .docx (body paragraphs and table cells), read from its XML with the standard library."""
    ns = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
    with zipfile.ZipFile(path) as archive:
        root = ElementTree.fromstring(archive.read("word/document.xml"))
    paragraphs = []
    for para in root.iter(f"{ns}p"):
        paragraphs.append("".join(node.text or "" for node in para.iter(f"{ns}t")))
    return "\n".join(paragraphs)


def document_text(path: Path) -> str:
    """A document's text as the bank quotes it: after the metadata header, tags stripped, .docx paragraphs."""
    suffix = path.suffix.lower()
    if suffix == ".docx":
        return _docx_text(path)
    raw = path.read_text(encoding="utf-8")
    if suffix in (".html", ".htm"):
        parser = _TextOnly()
        parser.feed(raw)
        return "".join(parser.parts)
    return strip_header(raw)


def load_rows(path: Path) -> list[dict]:
    """One JSON object a line; blank lines are not allowed (they hide truncation)."""
    rows = []
    for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
        try:
            rows.append(json.loads(line))
        except json.JSONDecodeError as exc:
            raise SystemExit(f"{path}:{number}: not JSON ({exc.msg})") from None
    return rows


def _quote_items(row: dict) -> list[tuple[str, dict]]:
    return [("gold", item) for item in row.get("gold") or []] + [("nearest", item) for item in row.get("nearest") or []]


def check_rows(rows: list[dict], texts: dict[str, str], *, label: str) -> list[str]:
    """Every problem found in one bank file's rows, as readable lines (empty when all is well)."""
    problems: list[str] = []
    for row in rows:
        rid = row.get("id", "?")
        where = f"{label}:{rid}"
        missing = FIELDS - row.keys()
        extra = row.keys() - FIELDS - OPTIONAL
        if missing or extra:
            problems.append(f"{where}: fields missing {sorted(missing)} / unexpected {sorted(extra)}")
            continue
        if not isinstance(row["question"], str) or not row["question"].strip():
            problems.append(f"{where}: empty question")
        if not isinstance(row["answer"], str) or not row["answer"].strip():
            problems.append(f"{where}: empty answer")
        if row["kind"] not in KINDS:
            problems.append(f"{where}: unknown kind {row['kind']!r}")
        if not isinstance(row["answerable"], bool) or not isinstance(row["gold"], list):
            problems.append(f"{where}: answerable must be a bool and gold a list")
            continue
        unanswerable_kind = row["kind"] in UNANSWERABLE_KINDS
        if row["answerable"] == unanswerable_kind:
            problems.append(f"{where}: kind {row['kind']} does not fit answerable={row['answerable']}")
        if row["answerable"]:
            problems += _check_answerable(row, where)
        else:
            if row["gold"]:
                problems.append(f"{where}: an unanswerable question has gold passages")
            if "fact" in row or "facts" in row:
                problems.append(f"{where}: an unanswerable question has a fact")
            if row["kind"] in NEEDS_NEAREST and not row.get("nearest"):
                problems.append(f"{where}: a {row['kind']} question must name its nearest material")
        for role, item in _quote_items(row):
            problems += _check_quote(item, texts, where=f"{where} {role}")
    ids = Counter(row.get("id") for row in rows)
    problems += [f"{label}: id {rid} used {n} times" for rid, n in ids.items() if n > 1]
    questions = Counter(normalise(row.get("question", "")) for row in rows)
    problems += [f"{label}: question repeated: {q!r}" for q, n in questions.items() if n > 1]
    return problems


def _check_answerable(row: dict, where: str) -> list[str]:
    gold = row["gold"]
    if not gold:
        return [f"{where}: an answerable question without gold"]
    if row.get("nearest"):
        return [f"{where}: an answerable question with nearest material"]
    if ("fact" in row) == ("facts" in row):
        return [f"{where}: give exactly one of fact (one gold item) or facts (one per gold item)"]
    facts = [row["fact"]] if "fact" in row else row["facts"]
    if "fact" in row and len(gold) != 1:
        return [f"{where}: several gold items need a facts list"]
    if len(facts) != len(gold) or not all(isinstance(f, str) and f.strip() for f in facts):
        return [f"{where}: facts must be one non-empty string per gold item"]
    return [f"{where}: fact {fact!r} is not in its gold quote"
            for fact, item in zip(facts, gold) if normalise(fact) not in normalise(str(item.get("quote", "")))]


def _check_quote(item: dict, texts: dict[str, str], *, where: str) -> list[str]:
    if not isinstance(item, dict) or set(item) != {"file", "quote"}:
        return [f"{where}: each item is {{file, quote}}"]
    name, quote = item["file"], item["quote"]
    if name not in texts:
        return [f"{where}: no document named {name!r}"]
    if not isinstance(quote, str) or len(normalise(quote)) < 8:
        return [f"{where}: quote too short to be fair"]
    problems = []
    if normalise(quote) not in texts[name]:
        problems.append(f"{where}: quote not verbatim in {name}: {quote[:70]!r}")
    if len(normalise(quote)) > MAX_QUOTE_CHARS:
        problems.append(f"{where}: quote longer than {MAX_QUOTE_CHARS} characters; keep one or two sentences")
    return problems


def documents_of(row: dict) -> set[str]:
    """The documents a question is about: its gold files, or for an unanswerable one its nearest files."""
    return {item["file"] for _, item in _quote_items(row) if isinstance(item, dict) and "file" in item}


def coverage_problems(corpus_rows: list[dict], knowledge_rows: list[dict], corpus_docs: list[str],
                      knowledge_docs: list[str]) -> list[str]:
    """Every corpus document in at least 8 questions; every knowledge document covered, its examples in 12+."""
    problems = []
    per = Counter(doc for row in corpus_rows for doc in documents_of(row))
    for doc in corpus_docs:
        if per[doc] < MIN_PER_CORPUS_DOC:
            problems.append(f"corpus: {doc} is in {per[doc]} questions (need {MIN_PER_CORPUS_DOC})")
    kper = Counter(doc for row in knowledge_rows for doc in documents_of(row))
    for doc in knowledge_docs:
        if kper[doc] == 0:
            problems.append(f"knowledge: {doc} is in no question")
    examples = sum(1 for row in knowledge_rows if any(d.startswith("example-") for d in documents_of(row)))
    if examples < MIN_OVER_EXAMPLES:
        problems.append(f"knowledge: {examples} questions over the example-* files (need {MIN_OVER_EXAMPLES})")
    return problems


def split_problems(bank: dict[str, list[dict]]) -> list[str]:
    """When the split files exist: tune and test partition each bank file, and the test part is big enough."""
    problems, test_total, present = [], 0, False
    for name, rows in bank.items():
        tune_path, test_path = HERE / f"{name}-tune.jsonl", HERE / f"{name}-test.jsonl"
        if not tune_path.exists() and not test_path.exists():
            continue
        present = True
        tune, test = load_rows(tune_path), load_rows(test_path)
        tune_ids, test_ids = [r["id"] for r in tune], [r["id"] for r in test]
        if set(tune_ids) & set(test_ids):
            problems.append(f"{name}: tune and test share ids")
        if sorted(tune_ids + test_ids) != sorted(r["id"] for r in rows):
            problems.append(f"{name}: tune + test is not exactly the bank")
        by_id = {r["id"]: r for r in rows}
        if any(by_id.get(r["id"]) != r for r in tune + test):
            problems.append(f"{name}: a split row differs from the bank row with its id")
        if not test:
            problems.append(f"{name}: the test part has no questions from this file")
        test_total += len(test)
    if present and test_total < MIN_TEST_QUESTIONS:
        problems.append(f"split: test part has {test_total} questions (need {MIN_TEST_QUESTIONS})")
    return problems


def find_shared(explicit: str | None = None) -> Path | None:
    """The shared folder: --shared, $BANK_SHARED_DIR, ../shared beside the checkout, or two levels up (a worktree)."""
    candidates = [explicit, os.environ.get("BANK_SHARED_DIR"), ROOT.parent / "shared", ROOT.parent.parent / "shared"]
    for candidate in candidates:
        if candidate and (Path(candidate) / "corpus").is_dir():
            return Path(candidate)
    return None


def document_texts(folder: Path) -> dict[str, str]:
    """Normalised text of every document in a folder (README and SOURCES files are not documents)."""
    return {p.name: normalise(document_text(p)) for p in sorted(folder.iterdir())
            if p.is_file() and p.suffix.lower() in (".txt", ".md", ".html", ".htm", ".docx")
            and p.stem.upper() not in ("README", "SOURCES")}


def validate(shared: Path, knowledge: Path) -> tuple[list[str], dict[str, list[dict]]]:
    """All problems in the bank (and its split, when made), with the rows read."""
    corpus_texts, knowledge_texts = document_texts(shared / "corpus"), document_texts(knowledge)
    bank = {name: load_rows(HERE / f"{name}.jsonl") for name in BANK_FILES}
    problems = check_rows(bank["corpus"], corpus_texts, label="corpus")
    problems += check_rows(bank["knowledge"], knowledge_texts, label="knowledge")
    every = bank["corpus"] + bank["knowledge"]
    ids = Counter(row.get("id") for row in every)
    problems += [f"id {rid} is in both bank files" for rid, n in ids.items() if n > 1 and rid is not None]
    problems += coverage_problems(bank["corpus"], bank["knowledge"], sorted(corpus_texts), sorted(knowledge_texts))
    unanswerable = sum(1 for row in every if row.get("answerable") is False)
    if every and unanswerable / len(every) < MIN_UNANSWERABLE_SHARE:
        problems.append(f"unanswerable share {unanswerable / len(every):.2f} is below {MIN_UNANSWERABLE_SHARE}")
    problems += split_problems(bank)
    return problems, bank


def report(bank: dict[str, list[dict]]) -> str:
    """Counts by file, by kind and by document, side by side."""
    lines = []
    every = [row for rows in bank.values() for row in rows]
    unans = sum(1 for r in every if not r.get("answerable"))
    lines.append(f"questions {len(every)}: answerable {len(every) - unans}, unanswerable {unans} "
                 f"({unans / max(len(every), 1):.1%})")
    for name, rows in bank.items():
        u = sum(1 for r in rows if not r.get("answerable"))
        line = f"  {name + '.jsonl':<18} {len(rows):>4}  answerable {len(rows) - u:>4}  unanswerable {u:>4}"
        for part in ("tune", "test"):
            path = HERE / f"{name}-{part}.jsonl"
            if path.exists():
                prow = load_rows(path)
                pu = sum(1 for r in prow if not r.get("answerable"))
                line += f"  | {part} {len(prow)} ({len(prow) - pu}/{pu})"
        lines.append(line)
    lines.append("by kind:")
    for kind, n in sorted(Counter(r.get("kind") for r in every).items(), key=lambda kv: (-kv[1], kv[0])):
        lines.append(f"  {kind:<24} {n:>4}")
    lines.append("by document (questions naming it in gold / in nearest):")
    for name, rows in bank.items():
        gold, near = defaultdict(int), defaultdict(int)
        for row in rows:
            for doc in {i["file"] for i in row.get("gold") or []}:
                gold[doc] += 1
            for doc in {i["file"] for i in row.get("nearest") or []}:
                near[doc] += 1
        for doc in sorted(set(gold) | set(near)):
            lines.append(f"  {name:<9} {doc:<52} {gold[doc]:>3} / {near[doc]:>2}")
        no_doc = sum(1 for r in rows if not documents_of(r))
        lines.append(f"  {name:<9} {'(no document: off-topic or unknown council)':<52} {no_doc:>3}")
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--shared", help="the shared folder holding corpus/ (default: found beside the checkout)")
    parser.add_argument("--knowledge", default=str(ROOT / "knowledge"), help="the knowledge folder")
    parser.add_argument("--quiet", action="store_true", help="print problems only")
    args = parser.parse_args(argv)
    shared = find_shared(args.shared)
    if shared is None:
        print("shared corpus not found: pass --shared DIR or set BANK_SHARED_DIR", file=sys.stderr)
        return 2
    problems, bank = validate(shared, Path(args.knowledge))
    if not args.quiet:
        print(report(bank))
    for problem in problems:
        print("PROBLEM", problem)
    print("OK" if not problems else f"{len(problems)} problem(s)")
    return 0 if not problems else 1


if __name__ == "__main__":
    sys.exit(main())
