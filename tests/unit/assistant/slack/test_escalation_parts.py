"""The parts of "Ask a person" that need no Slack: the button on every outcome, the post's wording, and a store
that takes Slack ids and timestamps only."""

from __future__ import annotations

import json

import pytest

from assistant.answers import Answer
from assistant.slack import blocks as bk
from assistant.slack.escalate import mentions, post_text
from assistant.slack.escalations import Escalations, NotAnId


@pytest.mark.parametrize("outcome, words", [("answered", "answered."), ("partial", "could only answer in part."),
                                            ("not_found", "could not answer.")])
def test_every_outcome_carries_the_button_and_the_post_says_which(outcome, words, tmp_path):
    answer = Answer("q", "text", outcome=outcome)
    actions = bk.answer_blocks(answer, qid="0123456789ab", escalate=True)[-1]["elements"]
    button = next(e for e in actions if e["action_id"] == bk.ASK_PERSON)
    assert json.loads(button["value"]) == {"q": "0123456789ab", "o": outcome}
    assert bk.ASK_PERSON not in json.dumps(bk.answer_blocks(answer, qid="0123456789ab", escalate=False))

    store = Escalations(tmp_path / "slack.sqlite")
    e = store.open(question_id="0123456789ab", outcome=outcome, asked_channel="C0TEAM", asked_thread_ts="1.000100",
                   answer_ts="1.000200", raised_by="U0ASKER", post_channel="C0DUTY")
    assert words in post_text(e, who=mentions(["S0DUTY", "U0ONE"]), permalink=None)
    assert post_text(e, who="x", permalink="https://council.slack.com/archives/C0TEAM/p1000200").count("<https://") == 1
    assert mentions(["S0DUTY", "U0ONE"]) == "<!subteam^S0DUTY> <@U0ONE>"
    store.close()


def test_the_store_refuses_anything_that_is_not_an_id_and_keeps_one_escalation_per_answer(tmp_path):
    store = Escalations(tmp_path / "slack.sqlite")
    good = dict(question_id="0123456789ab", outcome="answered", asked_channel="C0TEAM", asked_thread_ts=None,
                answer_ts=None, raised_by="U0ASKER", post_channel="C0DUTY")
    for field, bad in (("asked_channel", "Jayden Smith"), ("raised_by", "<@U1> hi"), ("asked_thread_ts", "soon"),
                       ("question_id", "how often?"), ("outcome", "maybe")):
        with pytest.raises(NotAnId):
            store.open(**{**good, field: bad})
    first = store.open(**good)
    assert first is not None and store.open(**good) is None
    assert store.resolve(first.id, user="U0DUTY").state == "resolved"
    assert store.resolve(first.id, user="U0DUTY") is None  # once
    store.close()
