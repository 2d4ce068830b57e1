"""The question as typed: the bot's mention removed, Slack's escaping and link markup undone."""

from __future__ import annotations

from assistant.slack.answering import clean_question


def test_question_cleaning():
    assert clean_question("<@UBOT> how often &amp; when?", bot_user_id="UBOT") == "how often & when?"
    assert clean_question("see <https://x.org/a|the policy> in <#C1|general>", bot_user_id="UBOT") == \
        "see the policy in general"
    assert clean_question("<@UBOT>", bot_user_id="UBOT") == ""


def test_question_cleaning_keeps_one_line_break_so_a_quoted_line_stays_a_line():
    text = "<@UBOT>  &gt; its only a contact,   just log it \n\n  is that right"
    assert clean_question(text, bot_user_id="UBOT") == "> its only a contact, just log it\nis that right"
