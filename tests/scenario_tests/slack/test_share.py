"""Sharing a private /ask answer over real HTTP: through the ephemeral message's response_url, marked "Shared by
@person"; and with chat.postMessage when the response_url refuses (say, it has expired)."""

from __future__ import annotations

import pytest
from tests.support.slack_bot import start_bot, wait_until
from tests.support.slack_web_api import SlackDouble
from tests.support.slack_payloads import click, elements, texts


QUESTION = "How often do social workers get supervision?"


@pytest.fixture(scope="module")
def running(double, assistant, tmp_path_factory):
    r = start_bot(double, assistant, tmp_path_factory.mktemp("share-state"))
    yield r
    r.stop()


def calls(double: SlackDouble, url: str, *, count: int = 1) -> list:
    hook_id = url.rsplit("/", 1)[1]
    assert wait_until(lambda: len(double.of(f"hook:{hook_id}")) >= count, timeout=20)
    return [c.args for c in double.of(f"hook:{hook_id}")]


def private_answer(running, double, *, user: str, channel: str) -> dict:
    _, _, _, url = running.bot.command("/ask", QUESTION, user=user, channel=channel)
    [answer] = calls(double, url)
    assert answer["response_type"] == "ephemeral"
    return answer


def test_sharing_posts_in_the_channel_marked_shared_by_the_person(running, double):
    answer = private_answer(running, double, user="U0SHARE01", channel="C0SHARE01")
    share = elements(answer["blocks"])["share_answer"]
    _, _, _, url = click(running.bot, share, user="U0SHARE01", channel="C0SHARE01", ephemeral=True)
    shared, removed = calls(double, url, count=2)
    assert shared["response_type"] == "in_channel" and shared["replace_original"] is False
    assert texts(shared["blocks"]).startswith("Shared by <@U0SHARE01>")
    assert "share_answer" not in elements(shared["blocks"])  # the shared copy has no share button
    assert removed == {"delete_original": True} or removed.get("delete_original") is True
    assert not double.of("chat.postMessage", channel="C0SHARE01")


def test_when_the_response_url_refuses_the_bot_posts_with_chat_post_message(running, double):
    answer = private_answer(running, double, user="U0SHARE02", channel="C0SHARE02")
    share = elements(answer["blocks"])["share_answer"]
    url = double.hook_url()
    double.fail_next("hook:" + url.rsplit("/", 1)[1], status=404, retry_after=None, error="expired_url")
    click(running.bot, share, user="U0SHARE02", channel="C0SHARE02", ephemeral=True, response_url=url)
    posted = double.wait_for("chat.postMessage", channel="C0SHARE02")[0].args
    assert texts(posted["blocks"]).startswith("Shared by <@U0SHARE02>")
    assert "Question:" in texts(posted["blocks"]) and "Sources" in texts(posted["blocks"])


def test_when_neither_way_works_the_person_is_told(running, double):
    answer = private_answer(running, double, user="U0SHARE03", channel="C0SHARE03")
    share = elements(answer["blocks"])["share_answer"]
    url = double.hook_url()
    double.fail_next("hook:" + url.rsplit("/", 1)[1], status=404, retry_after=None, error="expired_url")
    double.fail_next("chat.postMessage", status=200, retry_after=None, error="not_in_channel")
    click(running.bot, share, user="U0SHARE03", channel="C0SHARE03", ephemeral=True, response_url=url)
    [told] = calls(double, url)  # the refusal was not recorded; this is the note that followed it
    assert "couldn't post the answer in this channel" in told["text"] and "/invite" in told["text"]
