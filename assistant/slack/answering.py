"""Answer a question in a thread, or privately: the shared path of mentions, DMs, thread replies and /ask.

Every outcome is said out loud: an answer, "not found" with the documents
checked, a polite limit, or an apology with a reference id (never exception
text). Logs carry ids, counts and timings only.
"""

from __future__ import annotations

import html
import logging
import re
import time
from typing import Any, Callable

from slack_sdk import WebClient

from assistant.answers import Answer
from assistant.slack import blocks as bk
from assistant.slack.guards import channel_allowed, rate_limited_text
from assistant.slack.privacy import where
from assistant.slack.services import Kept, Services, new_id
from assistant.slack.webapi import call

log = logging.getLogger(__name__)

THINKING = "eyes"
APOLOGY = ("Sorry, something went wrong while I was answering, so I have no answer for you. Please try again; "
           "if it keeps happening, give your administrator this reference: `{ref}`.")
EMPTY_KB = ("The knowledge base has no documents loaded yet, so I can't answer. "
            "A manager can load them with `/kb-refresh`.")
HOW_TO = ("Ask me a question about your procedures or inspection findings, e.g. "
          "_How often do social workers get supervision?_ I answer from the council's documents and cite each source.")
NOT_HERE = ("I'm not switched on for this channel. You can ask me in a direct message, "
            "or privately here with `/ask your question`.")


def clean_question(text: str, *, bot_user_id: str | None) -> str:
    """The question as typed: the bot's own mention removed, Slack's escaping and link markup undone."""
    if bot_user_id:
        text = re.sub(rf"<@{re.escape(bot_user_id)}(\|[^>]*)?>", " ", text)
    text = re.sub(r"<(?:https?|mailto):[^|>]*\|([^>]*)>", r"\1", text)  # <url|label> -> label
    text = re.sub(r"<((?:https?|mailto):[^>]*)>", r"\1", text)
    text = re.sub(r"<[#@!]([^|>]*)\|([^>]*)>", r"\2", text)
    return html.unescape(re.sub(r"\s+", " ", text)).strip()


def answer(services: Services, question: str, *, context: str, qid: str, surface: str) -> Answer:
    """Run the pipeline (at most a few at once); log ids and timings."""
    waited = time.perf_counter()
    with services.answering:
        started = time.perf_counter()
        result = services.assistant.ask(question, context=context)
    done = time.perf_counter()
    record_usage(services, result, qid=qid, surface=surface)
    log.info("answered surface=%s qid=%s abstained=%s reason=%s follow_up=%s cited=%s queue_ms=%.0f answer_ms=%.0f",
             surface, qid, result.abstained, result.reason or "-", bool(context),
             ",".join(c.source for c in result.citations) or "-", (started - waited) * 1000, (done - started) * 1000)
    return result


def record_usage(services: Services, result: Answer, *, qid: str, surface: str) -> None:
    """Count the question (ids only); a usage store that fails never holds up an answer."""
    if services.usage is None:
        return
    try:
        services.usage.record(question_id=qid, surface=surface, outcome=result.outcome,
                              cited=[c.source for c in result.citations], at=services.clock())
    except Exception as exc:
        log.warning("usage not recorded qid=%s error=%s", qid, type(exc).__name__)


def failure_text(exc: BaseException, *, ref: str, surface: str) -> str:
    """What to tell the user about ``exc`` (never its text); the log gets its type and place."""
    from ingest.store import StoreEmpty

    if isinstance(exc, StoreEmpty):
        log.warning("no knowledge base surface=%s ref=%s", surface, ref)
        return EMPTY_KB
    log.error("answer failed surface=%s ref=%s error=%s", surface, ref, where(exc))
    return APOLOGY.format(ref=ref)


def answer_in_thread(
    services: Services,
    client: WebClient,
    *,
    surface: str,
    channel: str,
    channel_type: str,
    user: str,
    message_ts: str,
    thread_ts: str | None,
    text: str,
    bot_user_id: str | None,
) -> None:
    """Answer ``text`` in the message's thread, with the thread's earlier questions as context."""
    started = time.perf_counter()
    qid = new_id()
    root = thread_ts or message_ts
    dm = channel_type == "im"

    def tell(note: str, *, private: bool) -> None:
        if private and not dm:
            call(client.chat_postEphemeral, what="chat.postEphemeral", ref=qid, channel=channel, user=user,
                 thread_ts=thread_ts, text=note, blocks=bk.note_blocks(note))
        else:
            call(client.chat_postMessage, what="chat.postMessage", ref=qid, channel=channel, thread_ts=root,
                 text=note, blocks=bk.note_blocks(note), unfurl_links=False, unfurl_media=False)

    if not channel_allowed(channel, services.settings.allowed_channels, channel_type=channel_type):
        log.info("refused surface=%s qid=%s channel=%s reason=channel-not-allowed", surface, qid, channel)
        tell(NOT_HERE, private=True)
        return
    question = clean_question(text, bot_user_id=bot_user_id)
    if not question:
        tell(HOW_TO, private=False)
        return
    wait_s = services.rate.check(user)
    if wait_s:
        log.info("rate limited surface=%s qid=%s user=%s wait_s=%d", surface, qid, user, wait_s)
        tell(rate_limited_text(wait_s), private=True)
        return

    call(client.reactions_add, what="reactions.add", ref=qid, channel=channel, timestamp=message_ts, name=THINKING)
    posted = None
    try:
        context = services.threads.context(channel, root) if thread_ts else ""
        result = answer(services, question, context=context, qid=qid, surface=surface)
        services.threads.remember(channel, root, question=question)
        services.answers.put(qid, Kept(question=question, answer=result, user=user))
        posted = call(client.chat_postMessage, what="chat.postMessage", ref=qid, channel=channel, thread_ts=root,
                      text=bk.answer_text(result), blocks=bk.checked(bk.answer_blocks(result, qid=qid)),
                      unfurl_links=False, unfurl_media=False)
        if posted is None:  # e.g. Slack rejected the message: say so rather than stay silent
            note = APOLOGY.format(ref=qid)
            posted = call(client.chat_postMessage, what="chat.postMessage", ref=qid, channel=channel,
                          thread_ts=root, text=note, blocks=bk.note_blocks(note), unfurl_links=False,
                          unfurl_media=False)
    except Exception as exc:
        note = failure_text(exc, ref=qid, surface=surface)
        posted = call(client.chat_postMessage, what="chat.postMessage", ref=qid, channel=channel, thread_ts=root,
                      text=note, blocks=bk.note_blocks(note), unfurl_links=False, unfurl_media=False)
    finally:
        call(client.reactions_remove, what="reactions.remove", ref=qid, channel=channel, timestamp=message_ts,
             name=THINKING)
    log.info("replied surface=%s qid=%s channel=%s user=%s posted=%s total_ms=%.0f", surface, qid, channel, user,
             posted is not None, (time.perf_counter() - started) * 1000)


def answer_privately(services: Services, respond: Callable[..., Any], *, user: str, channel: str, text: str) -> None:
    """/ask: the answer as an ephemeral message with the question restated and a "Share in channel" button."""
    started = time.perf_counter()
    qid = new_id()
    question = clean_question(text, bot_user_id=None)
    try:
        result = answer(services, question, context="", qid=qid, surface="ask")
        services.answers.put(qid, Kept(question=question, answer=result, user=user))
        posted = call(respond, what="respond", retries=2, ref=qid, response_type="ephemeral", replace_original=False,
                      text=bk.answer_text(result, asked=question),
                      blocks=bk.checked(bk.answer_blocks(result, qid=qid, asked=question, share=True)))
        if posted is None:  # the answer was refused: say so rather than stay silent
            note = APOLOGY.format(ref=qid)
            posted = call(respond, what="respond", ref=qid, response_type="ephemeral", replace_original=False,
                          text=note, blocks=bk.note_blocks(note))
    except Exception as exc:
        note = failure_text(exc, ref=qid, surface="ask")
        posted = call(respond, what="respond", retries=2, ref=qid, response_type="ephemeral", replace_original=False,
                      text=note, blocks=bk.note_blocks(note))
    log.info("replied surface=ask qid=%s channel=%s user=%s posted=%s total_ms=%.0f", qid, channel, user,
             posted is not None, (time.perf_counter() - started) * 1000)
