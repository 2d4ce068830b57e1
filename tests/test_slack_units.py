"""Small, fast checks of the Slack pieces that need no server: blocks, memory, guards, question cleaning."""

from __future__ import annotations

import json

from slack_sdk.models.blocks import Block

from assistant.answers import Answer, Citation
from assistant.slack import blocks as bk
from assistant.slack.answering import clean_question
from assistant.slack.guards import RateLimiter, channel_allowed
from assistant.slack.managers import Managers
from assistant.slack.memory import ThreadMemory, TTLCache
from assistant.slack.messages import wanted
from assistant.slack.services import safe_id


class Clock:
    def __init__(self) -> None:
        self.now = 1000.0

    def __call__(self) -> float:
        return self.now


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


def test_many_citations_stay_within_50_blocks_and_only_cited_sources_are_listed():
    cits = [citation(n, title=f"Policy {n} " + "x" * 200) for n in range(1, 80)]
    answer = Answer(question="q", abstained=False, answer="An answer. [1]", citations=cits)
    blocks = bk.answer_blocks(answer, qid="0123456789ab", asked="q?", share=True)
    validate(blocks)
    assert blocks[-1]["type"] == "actions"


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


def test_ttl_cache_forgets_after_the_time_to_live():
    clock = Clock()
    cache = TTLCache(60, clock=clock)
    cache.put("a", 1)
    assert cache.get("a") == 1
    clock.now += 61
    assert cache.get("a") is None and len(cache) == 0
    assert cache.add("e1") and not cache.add("e1")


def test_thread_memory_keeps_recent_questions_for_a_short_time():
    clock = Clock()
    memory = ThreadMemory(600, clock=clock)
    assert memory.context("C1", "1.1") == "" and not memory.knows("C1", "1.1")
    for q in ("first?", "second?", "third?"):
        memory.remember("C1", "1.1", question=q)
    assert memory.context("C1", "1.1") == "second? third?"
    assert memory.knows("C1", "1.1") and not memory.knows("C1", "2.2")
    clock.now += 601
    assert memory.context("C1", "1.1") == "" and not memory.knows("C1", "1.1")


def test_rate_limiter_counts_a_sliding_minute_per_user():
    clock = Clock()
    limiter = RateLimiter(2, clock=clock)
    assert limiter.check("U1") == 0 and limiter.check("U1") == 0
    assert limiter.check("U1") == 60 and limiter.check("U2") == 0
    clock.now += 30
    assert limiter.check("U1") == 30
    clock.now += 30
    assert limiter.check("U1") == 0


def test_channel_allow_list():
    assert channel_allowed("C1", [])
    assert channel_allowed("C1", ["C1"]) and not channel_allowed("C2", ["C1"])
    assert channel_allowed("D9", ["C1"], channel_type="im")


def test_question_cleaning():
    assert clean_question("<@UBOT> how often &amp; when?", bot_user_id="UBOT") == "how often & when?"
    assert clean_question("see <https://x.org/a|the policy> in <#C1|general>", bot_user_id="UBOT") == \
        "see the policy in general"
    assert clean_question("<@UBOT>", bot_user_id="UBOT") == ""


def test_which_message_events_are_questions():
    knows = lambda channel, ts: ts == "1.0"  # noqa: E731
    base = {"type": "message", "user": "U1", "text": "hi", "ts": "2.0", "channel": "C1"}
    assert wanted({**base, "channel_type": "im"}, bot_user_id="UB", knows_thread=knows)
    edit = {**base, "channel_type": "im", "subtype": "message_changed"}
    assert not wanted(edit, bot_user_id="UB", knows_thread=knows)
    assert not wanted({**base, "channel_type": "im", "bot_id": "B1"}, bot_user_id="UB", knows_thread=knows)
    assert not wanted({**base, "channel_type": "channel"}, bot_user_id="UB", knows_thread=knows)
    assert not wanted({**base, "channel_type": "channel", "thread_ts": "1.0"}, bot_user_id="UB", knows_thread=knows)
    follow_up = {**base, "channel_type": "channel", "thread_ts": "1.0", "text": "what about students"}
    assert wanted(follow_up, bot_user_id="UB", knows_thread=knows)
    assert wanted({**follow_up, "text": "and for ASYE?"}, bot_user_id="UB", knows_thread=knows)
    assert not wanted({**follow_up, "text": "thanks, that's great"}, bot_user_id="UB", knows_thread=knows)
    assert not wanted({**base, "channel_type": "channel", "thread_ts": "1.5"}, bot_user_id="UB", knows_thread=knows)
    assert not wanted({**base, "channel_type": "channel", "thread_ts": "1.0", "text": "<@UB> hi"},
                      bot_user_id="UB", knows_thread=knows)


def test_managers_from_ids_and_a_cached_user_group():
    class Client:
        calls = 0

        def usergroups_users_list(self, *, usergroup):
            Client.calls += 1
            return {"ok": True, "users": ["U2"]}

    clock = Clock()
    managers = Managers(["U1"], "S1", clock=clock)
    assert managers.configured and managers.is_manager("U1", Client())
    assert managers.is_manager("U2", Client()) and not managers.is_manager("U3", Client())
    assert Client.calls == 1
    clock.now += 61
    managers.is_manager("U3", Client())
    assert Client.calls == 2
    assert not Managers([], None).configured


def test_safe_id():
    assert safe_id("0123456789ab") == "0123456789ab"
    assert safe_id("Jane Doe") == "invalid" and safe_id(None) == "invalid"


def test_feedback_keeps_one_vote_per_person_and_answer(tmp_path):
    from assistant.slack.feedback import SlackRecords

    records = SlackRecords(tmp_path / "slack.sqlite")
    records.vote(user_id="U1", question_id="0123456789ab", vote="up", cited=["a.md", "a.md", "b.md"])
    records.vote(user_id="U1", question_id="0123456789ab", vote="down", cited=["a.md"])
    records.vote(user_id="U2", question_id="0123456789ab", vote="up", cited=[])
    rows = records.rows("feedback")
    assert [(r["user_id"], r["vote"], json.loads(r["cited"])) for r in rows] == [
        ("U1", "down", ["a.md"]), ("U2", "up", [])]
    records.audit(user_id="U1", command="/kb-refresh", allowed=False, outcome="refused")
    assert records.rows("audit")[0]["command"] == "/kb-refresh"
    records.close()
