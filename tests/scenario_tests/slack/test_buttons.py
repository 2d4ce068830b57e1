"""Buttons on answers: Share in channel (the asker only), Show passages, and feedback stored as ids."""

from __future__ import annotations

import json
import sqlite3

from assistant.slack import blocks as bk
from tests.support.payloads import mention
from tests.support.slack_checks import QUESTION, buttons, hook_calls, section_text, valid_blocks


def test_share_in_channel_posts_the_answer_and_removes_the_private_copy(running, double):
    _, _, _, hook = running.bot.command("/ask", QUESTION, user="U0SHARER1")
    private = hook_calls(double, hook)[0].args
    share = buttons(private["blocks"])["share_answer"]
    status, _, seconds, share_hook = running.bot.click("share_answer", share["value"], user="U0SHARER1",
                                                      ephemeral=True)
    assert status == 200 and seconds < 3
    calls = hook_calls(double, share_hook, count=2)
    assert calls[0].args["response_type"] == "in_channel"
    valid_blocks(calls[0].args["blocks"])
    assert "Shared by <@U0SHARER1>" in section_text(calls[0].args["blocks"])
    assert calls[1].args.get("delete_original") is True


def test_only_the_asker_can_share_a_private_answer(running, double):
    _, _, _, hook = running.bot.command("/ask", QUESTION, user="U0ASKER01")
    share = buttons(hook_calls(double, hook)[0].args["blocks"])["share_answer"]
    _, _, _, other = running.bot.click("share_answer", share["value"], user="U0SOMEONE")
    reply = hook_calls(double, other)[0].args
    assert reply["response_type"] == "ephemeral" and "Only the person who asked" in reply["text"]


def test_show_passages_reveals_the_quoted_passages_privately(running, double, assistant):
    event = mention(QUESTION, channel="C0PASSAGE")
    running.bot.send_event(event)
    args = double.wait_for("chat.postMessage", channel="C0PASSAGE")[0].args
    value = buttons(args["blocks"])["show_passages"]["value"]
    _, _, _, hook = running.bot.click("show_passages", value, channel="C0PASSAGE")
    reply = hook_calls(double, hook)[0].args
    assert reply["response_type"] == "ephemeral" and reply["replace_original"] is False
    valid_blocks(reply["blocks"])
    expected = assistant.ask(QUESTION)
    shown = section_text(reply["blocks"])
    for c in expected.citations:
        assert bk.escape(c.text.split("\n")[0][:80]) in shown


def test_feedback_click_is_acknowledged_and_stored_as_ids_only(running, double):
    event = mention(QUESTION, channel="C0FEEDBAK")
    running.bot.send_event(event)
    args = double.wait_for("chat.postMessage", channel="C0FEEDBAK")[0].args
    value = buttons(args["blocks"])["feedback_down"]["value"]
    status, _, seconds, hook = running.bot.click("feedback_down", value, user="U0VOTER01", channel="C0FEEDBAK")
    assert status == 200 and seconds < 3
    assert "recorded" in hook_calls(double, hook)[0].args["text"]
    rows = [r for r in running.services.records.rows("feedback") if r["user_id"] == "U0VOTER01"]
    assert len(rows) == 1
    row = rows[0]
    qid = json.loads(value)["q"]
    assert row["question_id"] == qid and row["vote"] == "down"
    cited = json.loads(row["cited"])
    assert cited and all(d.endswith((".md", ".docx", ".html", ".txt")) for d in cited)
    with sqlite3.connect(running.services.records.path) as db:
        dump = "\n".join(db.iterdump())
    assert QUESTION.lower() not in dump.lower() and "four weeks" not in dump  # neither question nor answer
