"""Block Kit for answers: sections within 3,000 characters, at most 50 blocks, escaped text, id-only buttons."""

from __future__ import annotations

import json
import re

from slack_sdk.models.blocks import Block

from assistant.answers import Answer, Citation
from assistant.slack import blocks as bk


def citation(n: int, **kw) -> Citation:
    base = dict(n=n, source=f"doc{n}.md", title=f"Policy {n}", section="Frequency", date="2025-04-01",
                url=f"https://example.org/doc{n}", text="Social workers receive supervision every four weeks.")
    base.update(kw)
    return Citation(**base)

def validate(blocks):
    assert len(blocks) <= 50
    for block in Block.parse_all(blocks):
        block.validate_json()

def test_long_answers_are_split_into_sections_of_at_most_3000_characters():
    text = " ".join(f"Sentence number {i} about supervision and visits. [1]" for i in range(400))
    answer = Answer(question="q", abstained=False, answer=text, citations=[citation(1)])
    blocks = bk.answer_blocks(answer, qid="0123456789ab")
    validate(blocks)
    sections = [b["text"]["text"] for b in blocks if b["type"] == "section"]
    assert all(len(s) <= 3000 for s in sections) and len(sections) > 5
    assert "".join(s.replace("\n", " ") for s in sections).count("Sentence number") == 400
    assert len(bk.answer_text(answer)) <= 3000

def retrieved(title: str):
    """A passage the retriever found but the answer does not cite."""
    from assistant.retriever import Hit
    from ingest.models import Passage

    passage = Passage(id=title, source=f"{title}.md", text="Visits happen every six weeks.", title=title,
                      section="Visits", date="2024-01-01", doc_type="procedure", url="", authorities=[], position=0,
                      content_hash="h")
    return Hit(passage, 0.9, 0.8, 0.7)


def listed_sources(blocks) -> list[str]:
    text = "\n".join(b["text"]["text"] for b in blocks if b["type"] == "section")
    return re.findall(r"^\[(\d+)\] ", text, flags=re.M)


def test_many_citations_stay_within_50_blocks_and_only_cited_sources_are_listed():
    uncited = [retrieved("Retrieved but never cited"), retrieved("Another uncited hit")]
    cits = [citation(n, title=f"Policy {n} " + "x" * 200) for n in range(1, 80)]
    answer = Answer(question="q", abstained=False, answer="An answer. [1]", citations=cits, hits=uncited)
    blocks = bk.answer_blocks(answer, qid="0123456789ab", asked="q?", share=True)
    validate(blocks)
    assert blocks[-1]["type"] == "actions"
    listed = listed_sources(blocks)
    assert listed == [str(n) for n in range(1, 80)]  # every cited source, in order, none dropped
    few = Answer(question="q", abstained=False, answer="A. [1] B. [2]", citations=cits[:2], hits=uncited)
    few_blocks = bk.answer_blocks(few, qid="0123456789ab")
    assert listed_sources(few_blocks) == ["1", "2"]  # the cited sources, and only those
    dumped = json.dumps(blocks) + json.dumps(few_blocks) + bk.answer_text(few)
    assert "never cited" not in dumped and "uncited hit" not in dumped  # retrieved is not cited
    assert "More sources" not in json.dumps(few_blocks)

def test_text_is_escaped_and_links_are_safe():
    c = citation(1, title="A <!channel> & <http://evil|click> title", url="javascript:alert(1)")
    answer = Answer(question="q", abstained=False, answer="Use <!here> & be <b>safe</b>. [1]", citations=[c])
    blocks = bk.answer_blocks(answer, qid="0123456789ab", asked="<@U123> & <!channel>")
    dumped = json.dumps(blocks)
    assert "<!channel>" not in dumped and "<!here>" not in dumped and "<http://evil" not in dumped
    assert "&lt;!here&gt; &amp; be" in dumped
    assert "javascript:" not in dumped  # not a link
    fallback = bk.answer_text(answer, asked="<!channel> please")
    assert "<!" not in fallback and "&lt;!here&gt;" in fallback
    good = citation(2)  # a document's URL is shown as plain text, never as a link
    assert bk.source_label(good.url, "T|x>") == "T|x&gt; · https://example.org/doc2"
    assert bk.source_label("javascript:alert(1)", "T") == "T"

def test_sources_are_numbered_with_title_section_date_and_other_names():
    cited = [citation(1), citation(2, also=["Copy of doc2.md"])]
    answer = Answer(question="q", abstained=False, answer="A. [1] B. [2]", citations=cited)
    blocks = bk.answer_blocks(answer, qid="0123456789ab")
    text = "\n".join(b["text"]["text"] for b in blocks if b["type"] == "section")
    assert "[1] Policy 1 — Frequency — 1 April 2025\n" in text
    assert "[2] Policy 2 — Frequency — 1 April 2025 (also filed as `Copy of doc2.md`)" in text
    assert all(b["text"]["verbatim"] for b in blocks if b["type"] == "section")

def test_feedback_value_holds_ids_only_and_fits_a_button():
    cits = [citation(n, source=f"{'long-name-' * 20}{n}.md") for n in range(40)]
    value = bk.feedback_value("0123456789ab", cits)
    assert len(value) <= 2000
    data = json.loads(value)
    assert data["q"] == "0123456789ab" and all(d.endswith(".md") for d in data["d"])

def test_checked_rejects_invalid_blocks():
    assert bk.checked([{"type": "section", "text": {"type": "mrkdwn", "text": "x" * 3001}}]) is None
    ok = bk.note_blocks("hello")
    assert bk.checked(ok) == ok
